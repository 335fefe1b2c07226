//! The header line: which column holds which fixed column or codebook item (by id or alias,
//! ignoring case), which columns are ignored, and whether the file can be read at all (a known
//! column, the required ones, a statement, a wave).

use std::collections::{BTreeSet, HashMap};

use super::layout::{HeaderCell, Layout};
use super::{ColumnMatch, ReadOptions, Unmatched};
use crate::codebook::{Codebook, ItemKind};
use crate::problem::{Problem, Remedy};
use crate::text::{match_key, show_value};
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
    /// The fixed columns found, under which headers.
    pub(super) fixed: Vec<ColumnMatch>,
    /// The columns ignored: their headers match nothing.
    pub(super) unmatched: Vec<Unmatched>,
    /// No response id column, and the layout allows that: rows are numbered by line.
    pub(super) numbered: bool,
    /// Duplicates are found by a row's content, not its id: numbered rows, and Microsoft
    /// Forms, whose ids count from 1 in every form.
    pub(super) by_content: bool,
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

/// Every name and text a header may match, built once from the codebook.
pub(super) struct NameIndex {
    /// Folded id, alias or fixed column name -> the item (by index; `None` for a fixed column)
    /// and what it holds.
    names: HashMap<String, (Option<usize>, Target)>,
    /// Folded question text -> every item or fixed column with that text.
    texts: HashMap<String, Vec<(Option<usize>, Target)>>,
}

/// What a header matched.
enum Lookup {
    Found(Option<usize>, Target),
    /// Its text is the text of several items (named).
    Ambiguous(Vec<String>),
    Nothing,
}

/// How survey tools name the response id; `ID` only in Microsoft Forms, where it is one.
const TOOL_RESPONSE_IDS: [&str; 3] = ["responseid", "response id", "respondent id"];

impl NameIndex {
    pub(super) fn new(codebook: &Codebook) -> NameIndex {
        let mut names = HashMap::new();
        let mut texts: HashMap<String, Vec<(Option<usize>, Target)>> = HashMap::new();
        for (n, t) in FIXED_COLUMNS.iter().zip(FIXED_TARGETS) {
            names.insert(n.to_string(), (None, t));
        }
        for n in TOOL_RESPONSE_IDS {
            names.insert(n.to_string(), (None, Target::ResponseId));
        }
        for field in &codebook.fields {
            let Some(t) = FIXED_COLUMNS.iter().position(|f| *f == field.id) else {
                continue;
            };
            for a in &field.aliases {
                names.insert(match_key(a), (None, FIXED_TARGETS[t]));
            }
            if !field.text.trim().is_empty() {
                let entry = texts.entry(match_key(&field.text)).or_default();
                entry.push((None, FIXED_TARGETS[t]));
            }
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
                names.insert(match_key(n), (Some(idx), target));
            }
            if !item.text.trim().is_empty() {
                let entry = texts.entry(match_key(&item.text)).or_default();
                entry.push((Some(idx), target));
            }
        }
        NameIndex { names, texts }
    }

    /// A header's match: by id or alias through any of its keys first, else by text.
    fn lookup(&self, cell: &HeaderCell, layout: Layout, codebook: &Codebook) -> Lookup {
        let keys: Vec<String> = cell.keys.iter().map(|k| match_key(k)).collect();
        for k in keys.iter().filter(|k| !k.is_empty()) {
            if let Some((idx, t)) = self.names.get(k) {
                return Lookup::Found(*idx, *t);
            }
            if layout == Layout::MicrosoftForms && k == "id" {
                return Lookup::Found(None, Target::ResponseId);
            }
        }
        for k in &keys {
            match self.texts.get(k).map(Vec::as_slice) {
                Some([(idx, t)]) => return Lookup::Found(*idx, *t),
                Some(many) if many.len() > 1 => {
                    let names = many
                        .iter()
                        .map(|(idx, t)| canonical(*idx, *t, codebook))
                        .collect();
                    return Lookup::Ambiguous(names);
                }
                _ => {}
            }
        }
        Lookup::Nothing
    }

    /// How many of the headers match something: how the separator is chosen.
    pub(super) fn known(&self, cells: &[HeaderCell], layout: Layout, codebook: &Codebook) -> usize {
        cells
            .iter()
            .filter(|c| !matches!(self.lookup(c, layout, codebook), Lookup::Nothing))
            .count()
    }
}

/// The name of what a column holds: a fixed column's, or the item's id.
fn canonical(idx: Option<usize>, target: Target, codebook: &Codebook) -> String {
    match idx {
        Some(idx) => codebook.items[idx].id.clone(),
        None => {
            let at = FIXED_TARGETS.iter().position(|t| *t == target).unwrap_or(0);
            FIXED_COLUMNS[at].to_string()
        }
    }
}

/// The file being mapped: its name in messages, its layout, the header line to point at.
pub(super) struct HeaderSource<'a> {
    pub(super) name: &'a str,
    pub(super) layout: Layout,
    pub(super) line: u64,
}

/// Maps the header cells to [`Columns`], with `false` (and what did match) after reporting why
/// the file's rows cannot be read (every header problem at once, or one message when no column
/// is known at all). `readable` is false when a header cell was not text (already reported).
pub(super) fn map_header(
    src: &HeaderSource,
    cells: &[HeaderCell],
    readable: bool,
    index: &NameIndex,
    codebook: &Codebook,
    opts: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> (Columns, bool) {
    let (mut columns, mut ok) = match_columns(src, cells, index, codebook, problems);
    ok &= readable;
    let name = src.name;
    if ok && columns.found.is_empty() && columns.matched.is_empty() {
        problems.push(not_a_survey(name, src.line, &columns.headers, codebook));
        return (columns, false);
    }
    columns.numbered =
        src.layout.may_lack_response_id() && !columns.found.contains_key("response_id");
    columns.by_content = columns.numbered || src.layout == Layout::MicrosoftForms;
    ok &= has_required(name, src.line, &columns, problems);
    if ok && !has_statement(&columns, codebook) {
        problems.push(no_statement(name, src.line, codebook));
        ok = false;
    }
    if ok && !columns.found.contains_key("wave") && opts.wave.is_none() {
        let message = "the file has no \"wave\" column; add one";
        problems.push(Problem::new(name, src.line, 0, message).with_remedy(Remedy::WaveLabel));
        ok = false;
    }
    (columns, ok)
}

/// Matches each header to what it holds; `false` when a header names a column a header before
/// it already holds, or could be either of two items.
fn match_columns(
    src: &HeaderSource,
    cells: &[HeaderCell],
    index: &NameIndex,
    codebook: &Codebook,
    problems: &mut Vec<Problem>,
) -> (Columns, bool) {
    let mut columns = Columns {
        targets: Vec::with_capacity(cells.len()),
        headers: Vec::with_capacity(cells.len()),
        ..Columns::default()
    };
    let mut ok = true;
    for (i, cell) in cells.iter().enumerate() {
        let h = cell.shown.clone();
        let mut target = Target::Ignored;
        match index.lookup(cell, src.layout, codebook) {
            Lookup::Found(item_idx, t) => {
                let canonical = canonical(item_idx, t, codebook);
                if let Some(first) = columns.found.get(&canonical) {
                    problems.push(Problem::new(
                        src.name,
                        src.line,
                        i + 1,
                        format!(
                            "column \"{h}\" holds {canonical} again (already column {first}, \"{}\"); keep one of them",
                            columns.headers[first - 1]
                        ),
                    ));
                    ok = false;
                } else {
                    target = t;
                    columns.found.insert(canonical.clone(), i + 1);
                    let m = ColumnMatch {
                        item_id: canonical,
                        header: h.clone(),
                        column: i + 1,
                    };
                    match item_idx {
                        Some(_) => columns.matched.push(m),
                        None => columns.fixed.push(m),
                    }
                }
            }
            Lookup::Ambiguous(names) => {
                problems.push(Problem::new(
                    src.name,
                    src.line,
                    i + 1,
                    format!(
                        "column \"{h}\" has the text of {}; add the header to the aliases of the one it is",
                        names.join(" and ")
                    ),
                ));
                ok = false;
            }
            Lookup::Nothing => {
                columns.unmatched.push(Unmatched {
                    column: i + 1,
                    header: cell.clone(),
                });
            }
        }
        columns.targets.push(target);
        columns.headers.push(h);
    }
    (columns, ok)
}

/// Not one known column: this is most likely not the survey export at all (a letter, a report,
/// another table), so one message says so instead of one per missing column.
fn not_a_survey(name: &str, line: u64, headers: &[String], codebook: &Codebook) -> Problem {
    Problem::new(
        name,
        line,
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
fn has_required(name: &str, line: u64, columns: &Columns, problems: &mut Vec<Problem>) -> bool {
    let mut ok = true;
    for required in ["response_id", "trust_id"] {
        let numbered = required == "response_id" && columns.numbered;
        if !(columns.found.contains_key(required) || numbered) {
            problems.push(Problem::new(
                name,
                line,
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

fn no_statement(name: &str, line: u64, codebook: &Codebook) -> Problem {
    Problem::new(
        name,
        line,
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
std_curriculum,standardisation,curriculum,Same text,Q2_1
alignment,alignment,alignment,Same  TEXT,Q3
trust_id,field,,Which trust?,
";

    fn codebook() -> Codebook {
        // aut_1's text is "Schools decide".
        Codebook::parse("codebook.csv", CODEBOOK.as_bytes()).unwrap()
    }

    /// Maps a plain header given as comma-separated names; the problems as
    /// `LINE:COLUMN: message`.
    fn map(header: &str, wave: Option<&str>) -> (Option<Columns>, Vec<String>) {
        let fields: Vec<Vec<String>> = vec![header.split(',').map(str::to_string).collect()];
        let cells = super::super::layout::header_cells(Layout::Plain, &fields);
        let opts = ReadOptions {
            wave: wave.map(str::to_string),
            ..ReadOptions::default()
        };
        let mut problems = Vec::new();
        let src = HeaderSource {
            name: "f.csv",
            layout: Layout::Plain,
            line: 1,
        };
        let cb = codebook();
        let index = NameIndex::new(&cb);
        let (columns, ok) = map_header(&src, &cells, true, &index, &cb, &opts, &mut problems);
        let columns = ok.then_some(columns);
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
        assert!(columns.unmatched.is_empty());
        assert!(columns.missing_items(&codebook()).is_empty());
    }

    #[test]
    fn unknown_columns_are_ignored_and_missing_items_listed() {
        let (columns, problems) = map("response_id,trust_id,aut_1,email,,ip", Some("2019"));
        assert!(problems.is_empty(), "{problems:?}");
        let columns = columns.unwrap();
        let ignored: Vec<String> = columns.unmatched.iter().map(Unmatched::name).collect();
        assert_eq!(ignored, ["email", "(column 5)", "ip"]);
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
                "1:5: column \"Autonomy 1\" holds aut_1 again (already column 4, \"aut_1\"); keep one of them",
                "1:6: column \"trust_id\" holds trust_id again (already column 2, \"trust_id\"); keep one of them",
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
    fn texts_and_fields_match_and_ambiguity_is_refused() {
        let (columns, problems) = map(
            "Response ID,Which trust?,How well? - Schools  DECIDE,One pedagogy",
            Some("2019"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let columns = columns.unwrap();
        assert_eq!(columns.column_of("response_id"), 1);
        assert_eq!(columns.column_of("trust_id"), 2);
        assert_eq!(columns.column_of("aut_1"), 3);
        assert_eq!(columns.column_of("ped_1"), 4);
        assert_eq!(
            refused("response_id,trust_id,Same text", Some("2019")),
            [
                "1:3: column \"Same text\" has the text of std_curriculum and alignment; add the \
              header to the aliases of the one it is"
            ]
        );
    }
}
