//! Help with an unfamiliar export: for every header that matched nothing, the codebook items
//! (and fixed-column fields) whose wording is closest, and the codebook line that would map it.

use std::collections::BTreeMap;

use crate::codebook::Codebook;
use crate::reader::FileSummary;
use crate::text::match_key;

/// Candidates scoring below this are not worth showing.
const MIN_SCORE: f64 = 0.3;
/// Candidates shown per header.
const SHOWN: usize = 3;

/// One unmatched header and what it may be.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub column: usize,
    pub header: String,
    /// (score in 0..=1, item or field id, its text), best first.
    pub candidates: Vec<(f64, String, String)>,
    /// The best candidate's codebook line with the header added to its aliases.
    pub line: Option<String>,
    /// The codebook has no `aliases` column: the line ends with one, to be added to the header.
    pub add_aliases_column: bool,
}

/// Headers survey tools write for what they know of a respondent: never suggested as anything
/// (a column of names mapped to `trust_id` would put names in every output).
const PERSONAL: [&str; 14] = [
    "name",
    "email",
    "email address",
    "first name",
    "last name",
    "recipientfirstname",
    "recipientlastname",
    "recipientemail",
    "ipaddress",
    "ip address",
    "locationlatitude",
    "locationlongitude",
    "externalreference",
    "externaldatareference",
];

/// Suggestions for every unmatched header of `file`, in column order. Items and fixed columns
/// the file already has a column for are not suggested, nor are headers of personal data.
pub fn suggest(codebook: &Codebook, file: &FileSummary) -> Vec<Suggestion> {
    let found = |id: &str| {
        file.matched
            .iter()
            .chain(&file.fixed)
            .any(|m| m.item_id == id)
    };
    let mut targets: Vec<(String, Vec<String>, Option<usize>)> = Vec::new();
    for (i, item) in codebook
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !found(&i.id))
    {
        let mut names = vec![item.text.clone(), item.id.clone()];
        names.extend(item.aliases.iter().cloned());
        targets.push((item.id.clone(), names, Some(i)));
    }
    for field in codebook.fields.iter().filter(|f| !found(&f.id)) {
        let mut names = vec![field.text.clone()];
        names.extend(field.aliases.iter().cloned());
        targets.push((field.id.clone(), names, None));
    }
    file.unmatched
        .iter()
        .filter(|u| u.header.keys.iter().any(|k| !k.trim().is_empty()))
        .filter(|u| !PERSONAL.contains(&match_key(&u.header.shown).as_str()))
        .map(|u| {
            let mut candidates: Vec<(f64, String, String, Option<usize>)> = targets
                .iter()
                .map(|(id, names, item)| {
                    let score = u
                        .header
                        .keys
                        .iter()
                        .flat_map(|k| names.iter().map(move |n| similarity(k, n)))
                        .fold(0.0, f64::max);
                    (score, id.clone(), names[0].clone(), *item)
                })
                .filter(|c| c.0 >= MIN_SCORE)
                .collect();
            candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            candidates.truncate(SHOWN);
            let line = candidates
                .first()
                .map(|best| codebook_line(codebook, &best.1, best.3, &u.header.shown));
            Suggestion {
                column: u.column,
                header: u.header.shown.clone(),
                candidates: candidates.into_iter().map(|c| (c.0, c.1, c.2)).collect(),
                line,
                add_aliases_column: !codebook.columns.iter().any(|c| c == "aliases"),
            }
        })
        .collect()
}

/// What `validate --suggest` prints for one file.
pub struct SuggestionReport<'a>(pub &'a FileSummary, pub &'a [Suggestion]);

impl std::fmt::Display for SuggestionReport<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = &self.0.name;
        if self.1.is_empty() {
            return write!(f, "{name}: every header matched the codebook");
        }
        for (i, s) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let (column, header) = (s.column, &s.header);
            write!(
                f,
                "{name} column {column} \"{header}\" matches nothing in the codebook"
            )?;
            if s.candidates.is_empty() {
                write!(
                    f,
                    "\n  no codebook item is close (metadata and free text are rightly ignored)"
                )?;
            }
            for (score, id, text) in &s.candidates {
                write!(f, "\n  {score:.2} {id}: {text}")?;
            }
            if let (Some(line), Some(best)) = (&s.line, s.candidates.first()) {
                let id = &best.1;
                let then = if s.add_aliases_column {
                    "add \",aliases\" to the end of the codebook's header line, then "
                } else {
                    ""
                };
                write!(
                    f,
                    "\n  if it is {id}, {then}replace its codebook line with:\n    {line}"
                )?;
            }
        }
        Ok(())
    }
}

/// How alike two texts are, 0 to 1: the mean of the Sørensen-Dice similarity of their sets of
/// words (reworded questions keep most words) and of their letter pairs (misspelt or run-together
/// words).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (match_key(a), match_key(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let (wa, wb) = (words(&a), words(&b));
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    let words = 2.0 * common as f64 / (wa.len() + wb.len()).max(1) as f64;
    (words + strsim::sorensen_dice(&a, &b)) / 2.0
}

/// The codebook line of `id` with `alias` added to its aliases, quoted as CSV, in the
/// codebook's own columns (a column this tool does not read is left empty).
fn codebook_line(codebook: &Codebook, id: &str, item: Option<usize>, alias: &str) -> String {
    let mut values: BTreeMap<&str, String> = BTreeMap::new();
    match item {
        Some(i) => {
            let it = &codebook.items[i];
            let mut aliases = it.aliases.clone();
            aliases.push(alias.to_string());
            let label = codebook.theme_labels.get(&it.theme).cloned();
            values.extend([
                ("item_id", it.id.clone()),
                ("kind", it.kind.name().to_string()),
                ("theme", it.theme.clone()),
                ("text", it.text.clone()),
                ("aliases", aliases.join(";")),
                ("scale_min", it.scale.min.to_string()),
                ("scale_max", it.scale.max.to_string()),
                ("labels", it.scale.labels.join(";")),
                ("missing", it.scale.missing.join(";")),
                ("theme_label", label.unwrap_or_default()),
            ]);
        }
        None => {
            let field = codebook.fields.iter().find(|f| f.id == id);
            let mut aliases = field.map(|f| f.aliases.clone()).unwrap_or_default();
            aliases.push(alias.to_string());
            let text = field.map(|f| f.text.clone()).unwrap_or_default();
            values.extend([
                ("item_id", id.to_string()),
                ("kind", "field".into()),
                ("text", text),
                ("aliases", aliases.join(";")),
            ]);
        }
    };
    let aliases =
        std::iter::once("aliases").filter(|_| !codebook.columns.iter().any(|c| c == "aliases"));
    let mut fields: Vec<String> = codebook
        .columns
        .iter()
        .map(String::as_str)
        .chain(aliases)
        .map(|c| values.get(c).cloned().unwrap_or_default())
        .collect();
    // A codebook line is one CSV record: quote what needs quoting.
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = out.write_record(fields.iter_mut().map(|f| f.as_str()));
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reworded_questions_are_closer_than_others() {
        let header = "Heads are free to lead their schools as they see fit";
        let right = "Headteachers are free to lead their schools in the way they judge best";
        let wrong = "Local governing bodies keep real decision-making powers";
        assert!(
            similarity(header, right) > 0.6,
            "{}",
            similarity(header, right)
        );
        assert!(
            similarity(header, wrong) < MIN_SCORE,
            "{}",
            similarity(header, wrong)
        );
        assert!(similarity("StartDate", right) < MIN_SCORE);
        assert_eq!(similarity("", right), 0.0);
    }

    #[test]
    fn the_line_to_paste_quotes_what_csv_needs() {
        let cb = Codebook::study();
        let idn = cb.items.iter().position(|i| i.id == "idn_1");
        let line = codebook_line(&cb, "idn_1", idn, "Q5_4");
        assert_eq!(
            line,
            "idn_1,statement,identity,\"Each school keeps its own name, uniform and identity\",Q5_4,Identity"
        );
        let line = codebook_line(&cb, "trust_id", None, "Which MAT?");
        assert_eq!(
            line,
            "trust_id,field,,Which trust do you work for?,Trust;Trust name;Multi-academy trust;Which MAT?,"
        );
        // In the codebook's own columns and order: the scale where it has scale columns.
        let own = "theme_label,item_id,kind,theme,text,scale_max,notes\n\
                   Calm,c1,statement,calm,I feel calm,7,x\n";
        let cb = Codebook::parse("cb.csv", own.as_bytes()).unwrap();
        assert_eq!(
            codebook_line(&cb, "c1", Some(0), "Q1"),
            "Calm,c1,statement,calm,I feel calm,7,,Q1"
        );
    }
}
