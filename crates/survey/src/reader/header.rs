//! The header line: which column holds which fixed column or codebook item (by id or alias,
//! ignoring case), which columns are ignored, and whether the file can be read at all (a known
//! column, the required ones, a statement, a wave).

use std::collections::{BTreeSet, HashMap};

use super::sniff::utf8_field;
use super::{ColumnMatch, ReadOptions};
use crate::codebook::{Codebook, ItemKind};
use crate::problem::{Problem, Remedy};
use crate::text::{fold, show_value};
use crate::vocabulary::FIXED_COLUMNS;

/// What a column holds: a fixed column, the n-th statement or standardisation item of the
/// codebook, the alignment item, or nothing the reader keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    ResponseId,
    TrustId,
    Wave,
    Role,
    SchoolId,
    SubmittedAt,
    Statement(usize),
    Standardisation(usize),
    Alignment,
    Ignored,
}

/// The targets of [`FIXED_COLUMNS`], in its order.
const FIXED_TARGETS: [Target; 6] = [
    Target::ResponseId,
    Target::TrustId,
    Target::Wave,
    Target::Role,
    Target::SchoolId,
    Target::SubmittedAt,
];

/// A file's columns, as its header maps them.
#[derive(Debug, Default)]
pub(super) struct Columns {
    /// What each column holds, in file order.
    pub(super) targets: Vec<Target>,
    /// Each column's name as written, trimmed; empty where it is not valid UTF-8.
    pub(super) headers: Vec<String>,
    /// The 1-based column of each fixed column and matched item, by its canonical name.
    pub(super) found: HashMap<String, usize>,
    pub(super) matched: Vec<ColumnMatch>,
    pub(super) ignored: Vec<String>,
}

impl Columns {
    /// The 1-based column holding `name` (a fixed column or an item id), or 0 when none does.
    pub(super) fn column_of(&self, name: &str) -> usize {
        self.found.get(name).copied().unwrap_or(0)
    }

    /// Codebook items with no column in this file.
    pub(super) fn missing_items(&self, codebook: &Codebook) -> Vec<String> {
        let found: BTreeSet<&str> = self.matched.iter().map(|m| m.item_id.as_str()).collect();
        codebook
            .items
            .iter()
            .filter(|i| !found.contains(i.id.as_str()))
            .map(|i| i.id.clone())
            .collect()
    }
}

/// Maps the header record to [`Columns`]; `None` after reporting why the file's rows cannot be
/// read (every header problem at once, or one message when no column is known at all).
pub(super) fn map_header(
    name: &str,
    header: &csv::ByteRecord,
    codebook: &Codebook,
    opts: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> Option<Columns> {
    let (columns, mut ok) = match_columns(name, header, codebook, problems);
    if ok && columns.found.is_empty() && columns.matched.is_empty() {
        problems.push(not_a_survey(name, &columns.headers, codebook));
        return None;
    }
    ok &= has_required(name, &columns, problems);
    if ok && !has_statement(&columns, codebook) {
        problems.push(no_statement(name, codebook));
        ok = false;
    }
    if ok && !columns.found.contains_key("wave") && opts.wave.is_none() {
        let message = "the file has no \"wave\" column; add one";
        problems.push(Problem::new(name, 1, 0, message).with_remedy(Remedy::WaveLabel));
        ok = false;
    }
    ok.then_some(columns)
}

/// The first record of a file, or `None` after saying why there is none.
pub(super) fn read_header(
    name: &str,
    reader: &mut csv::Reader<&[u8]>,
    problems: &mut Vec<Problem>,
) -> Option<csv::ByteRecord> {
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => Some(record),
        Err(e) => {
            problems.push(Problem::new(
                name,
                1,
                0,
                format!("the header cannot be read: {e}"),
            ));
            None
        }
        Ok(false) => {
            problems.push(Problem::new(name, 1, 0, "the file has no header line"));
            None
        }
    }
}

/// The names a header may use, folded, with the codebook item (by index) each one means; fixed
/// columns have no item.
fn known_names(codebook: &Codebook) -> HashMap<String, (Option<usize>, Target)> {
    let mut names = HashMap::new();
    for (n, t) in FIXED_COLUMNS.iter().zip(FIXED_TARGETS) {
        names.insert(n.to_string(), (None, t));
    }
    let (mut s_i, mut d_i) = (0, 0);
    for (idx, item) in codebook.items.iter().enumerate() {
        let target = match item.kind {
            ItemKind::Statement => {
                s_i += 1;
                Target::Statement(s_i - 1)
            }
            ItemKind::Standardisation => {
                d_i += 1;
                Target::Standardisation(d_i - 1)
            }
            ItemKind::Alignment => Target::Alignment,
        };
        for n in std::iter::once(&item.id).chain(item.aliases.iter()) {
            names.insert(fold(n), (Some(idx), target));
        }
    }
    names
}

/// Matches each header to what it holds; `false` when a header is not UTF-8 or names a column
/// a header before it already holds.
fn match_columns(
    name: &str,
    header: &csv::ByteRecord,
    codebook: &Codebook,
    problems: &mut Vec<Problem>,
) -> (Columns, bool) {
    let names = known_names(codebook);
    let mut columns = Columns {
        targets: Vec::with_capacity(header.len()),
        headers: Vec::with_capacity(header.len()),
        ..Columns::default()
    };
    let mut ok = true;
    for (i, raw) in header.iter().enumerate() {
        let h = match utf8_field(raw, name, 1, i + 1, "header", problems) {
            Some(h) => h.trim().to_string(),
            None => {
                ok = false;
                columns.targets.push(Target::Ignored);
                columns.headers.push(String::new());
                continue;
            }
        };
        let key = fold(&h);
        let (item_idx, target) = names.get(&key).copied().unwrap_or((None, Target::Ignored));
        if !matches!(target, Target::Ignored) {
            let canonical = match item_idx {
                None => key.clone(),
                Some(idx) => codebook.items[idx].id.clone(),
            };
            if let Some(first) = columns.found.get(&canonical) {
                problems.push(Problem::new(
                    name,
                    1,
                    i + 1,
                    format!("column \"{h}\" holds {canonical} again (already column {first}); keep one of them"),
                ));
                ok = false;
            } else {
                columns.found.insert(canonical.clone(), i + 1);
                if item_idx.is_some() {
                    columns.matched.push(ColumnMatch {
                        item_id: canonical,
                        header: h.clone(),
                        column: i + 1,
                    });
                }
            }
        } else {
            columns.ignored.push(if h.is_empty() {
                format!("(column {})", i + 1)
            } else {
                h.clone()
            });
        }
        columns.targets.push(target);
        columns.headers.push(h);
    }
    (columns, ok)
}

/// Not one known column: this is most likely not the survey export at all (a letter, a report,
/// another table), so one message says so instead of one per missing column.
fn not_a_survey(name: &str, headers: &[String], codebook: &Codebook) -> Problem {
    Problem::new(
        name,
        1,
        0,
        format!(
            "this does not look like a survey export: none of the {} names on the first line ({}) \
             is a survey column; expected a header line naming response_id, trust_id and the \
             codebook's questions (e.g. {})",
            headers.len(),
            preview(headers),
            first_statement(codebook)
        ),
    )
}

/// Whether `response_id` and `trust_id` both have a column; reports each that has none.
fn has_required(name: &str, columns: &Columns, problems: &mut Vec<Problem>) -> bool {
    let mut ok = true;
    for required in ["response_id", "trust_id"] {
        if !columns.found.contains_key(required) {
            problems.push(Problem::new(
                name,
                1,
                0,
                format!(
                    "required column \"{required}\" is missing (found {} columns: {}); \
                     rename the column or add the name to the codebook",
                    columns.headers.len(),
                    preview(&columns.headers)
                ),
            ));
            ok = false;
        }
    }
    ok
}

fn has_statement(columns: &Columns, codebook: &Codebook) -> bool {
    columns
        .matched
        .iter()
        .any(|m| codebook.statements().iter().any(|s| s.id == m.item_id))
}

fn no_statement(name: &str, codebook: &Codebook) -> Problem {
    Problem::new(
        name,
        1,
        0,
        format!(
            "no column matches a strategic statement of the codebook (e.g. {}); \
             check the header or the codebook's aliases",
            first_statement(codebook)
        ),
    )
}

fn first_statement(codebook: &Codebook) -> &str {
    codebook
        .statements()
        .first()
        .map(|s| s.id.as_str())
        .unwrap_or("?")
}

/// The first eight header names, shown as values, and how many more there are.
fn preview(headers: &[String]) -> String {
    let shown: Vec<String> = headers.iter().take(8).map(|h| show_value(h)).collect();
    let more = headers.len().saturating_sub(8);
    if more > 0 {
        format!("{}, and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODEBOOK: &str = "\
item_id,kind,theme,text,aliases
aut_1,statement,autonomy,Schools decide,Q1_1;Autonomy 1
ped_1,statement,teaching_pedagogy,One pedagogy,
std_curriculum,standardisation,curriculum,Curriculum,Q2_1
alignment,alignment,alignment,How aligned,Q3
";

    fn codebook() -> Codebook {
        Codebook::parse("codebook.csv", CODEBOOK.as_bytes()).unwrap()
    }

    fn record(fields: &[&[u8]]) -> csv::ByteRecord {
        csv::ByteRecord::from(fields.to_vec())
    }

    /// Maps a header given as comma-separated names; the problems as `LINE:COLUMN: message`.
    fn map(header: &str, wave: Option<&str>) -> (Option<Columns>, Vec<String>) {
        let fields: Vec<&[u8]> = header.split(',').map(str::as_bytes).collect();
        let opts = ReadOptions {
            wave: wave.map(str::to_string),
        };
        let mut problems = Vec::new();
        let columns = map_header("f.csv", &record(&fields), &codebook(), &opts, &mut problems);
        let shown = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect();
        (columns, shown)
    }

    /// The problems of a header that [`map_header`] refuses.
    fn refused(header: &str, wave: Option<&str>) -> Vec<String> {
        let (columns, problems) = map(header, wave);
        assert!(columns.is_none(), "{header}");
        problems
    }

    #[test]
    fn ids_aliases_and_fixed_columns_are_matched_ignoring_case() {
        let (columns, problems) = map(
            " Response_ID ,TRUST_ID,wave,role,school_id,submitted_at,q1_1,PED_1,Q2_1,q3",
            None,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let columns = columns.unwrap();
        assert_eq!(columns.targets[..6], FIXED_TARGETS);
        assert_eq!(
            columns.targets[6..],
            [
                Target::Statement(0),
                Target::Statement(1),
                Target::Standardisation(0),
                Target::Alignment,
            ]
        );
        assert_eq!(columns.headers[0], "Response_ID");
        assert_eq!(columns.column_of("response_id"), 1);
        assert_eq!(columns.column_of("aut_1"), 7);
        assert_eq!(columns.column_of("nothing"), 0);
        let matched: Vec<(&str, &str, usize)> = columns
            .matched
            .iter()
            .map(|m| (m.item_id.as_str(), m.header.as_str(), m.column))
            .collect();
        assert_eq!(
            matched,
            [
                ("aut_1", "q1_1", 7),
                ("ped_1", "PED_1", 8),
                ("std_curriculum", "Q2_1", 9),
                ("alignment", "q3", 10),
            ]
        );
        assert!(columns.ignored.is_empty());
        assert!(columns.missing_items(&codebook()).is_empty());
    }

    #[test]
    fn unknown_columns_are_ignored_and_missing_items_listed() {
        let (columns, problems) = map("response_id,trust_id,aut_1,email,,ip", Some("2019"));
        assert!(problems.is_empty(), "{problems:?}");
        let columns = columns.unwrap();
        assert_eq!(columns.ignored, ["email", "(column 5)", "ip"]);
        assert_eq!(columns.targets[3..], [Target::Ignored; 3]);
        assert_eq!(
            columns.missing_items(&codebook()),
            ["ped_1", "std_curriculum", "alignment"]
        );
    }

    #[test]
    fn a_column_held_twice_is_refused() {
        assert_eq!(
            refused("response_id,trust_id,wave,aut_1,Autonomy 1,trust_id", None),
            [
                "1:5: column \"Autonomy 1\" holds aut_1 again (already column 4); keep one of them",
                "1:6: column \"trust_id\" holds trust_id again (already column 2); keep one of them",
            ]
        );
    }

    #[test]
    fn required_columns_statements_and_the_wave_are_checked() {
        assert_eq!(
            refused("wave,aut_1,email", None),
            [
                "1:0: required column \"response_id\" is missing (found 3 columns: \"wave\", \
                 \"aut_1\", \"email\"); rename the column or add the name to the codebook",
                "1:0: required column \"trust_id\" is missing (found 3 columns: \"wave\", \
                 \"aut_1\", \"email\"); rename the column or add the name to the codebook",
            ]
        );
        assert_eq!(
            refused("response_id,trust_id,wave,q2_1", None),
            [
                "1:0: no column matches a strategic statement of the codebook (e.g. aut_1); \
                 check the header or the codebook's aliases"
            ]
        );
        assert_eq!(
            refused("response_id,trust_id,aut_1", None),
            ["1:0: the file has no \"wave\" column; add one"]
        );
        assert!(map("response_id,trust_id,aut_1", Some("2019")).0.is_some());
    }

    #[test]
    fn a_header_with_no_known_column_is_one_problem() {
        let header = "Dear colleagues,we,are,writing,to,ask,you,about,the,survey";
        assert_eq!(
            refused(header, None),
            [
                "1:0: this does not look like a survey export: none of the 10 names on the first \
                 line (\"Dear colleagues\", \"we\", \"are\", \"writing\", \"to\", \"ask\", \"you\", \
                 \"about\", and 2 more) is a survey column; expected a header line naming \
                 response_id, trust_id and the codebook's questions (e.g. aut_1)"
            ]
        );
    }

    #[test]
    fn a_header_that_is_not_utf8_is_reported_and_ignored() {
        let mut problems = Vec::new();
        let header = record(&[b"response_id", b"trust\x92id", b"wave", b"aut_1"]);
        let opts = ReadOptions::default();
        let columns = map_header("f.csv", &header, &codebook(), &opts, &mut problems);
        assert!(columns.is_none());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (1, 2));
        assert!(problems[0]
            .message
            .starts_with("column \"header\": the text is not valid UTF-8: byte 0x92"));
        // The column it may have named counts as missing.
        assert!(problems[1].message.starts_with(
            "required column \"trust_id\" is missing (found 4 columns: \"response_id\", \"\", "
        ));
    }

    #[test]
    fn fixed_targets_follow_the_fixed_columns() {
        let names = known_names(&codebook());
        for (n, t) in [
            ("response_id", Target::ResponseId),
            ("trust_id", Target::TrustId),
            ("wave", Target::Wave),
            ("role", Target::Role),
            ("school_id", Target::SchoolId),
            ("submitted_at", Target::SubmittedAt),
        ] {
            assert_eq!(names[n], (None, t));
        }
    }
}
