//! The codebook: which columns are questions, of what kind and theme, under which names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::problem::Problem;
use crate::reader::records::LineCounter;
use crate::text::{fold, match_key, show_value};
use crate::vocabulary::{FIXED_COLUMNS, SCALE_LABELS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Statement,
    Standardisation,
    Alignment,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Statement => "statement",
            ItemKind::Standardisation => "standardisation",
            ItemKind::Alignment => "alignment",
        }
    }
}

/// A statement's answer scale: integers `min..=max`, their labels from `min` upwards, and the
/// codes that mean no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    /// Empty, or one label per point of the scale.
    pub labels: Vec<String>,
    /// Extra no-answer codes (`9`, `99`), as written in the codebook.
    pub missing: Vec<String>,
}

/// Survey answers are stored a byte each, as `value - min + 1` (0 = no answer).
pub const MAX_SCALE_POINTS: i32 = 254;

impl Scale {
    /// The study's scale: 1 Not at all .. 5 Completely, no extra missing codes.
    pub fn study() -> Scale {
        Scale {
            min: 1,
            max: 5,
            labels: SCALE_LABELS.iter().map(|s| s.to_string()).collect(),
            missing: Vec::new(),
        }
    }

    /// The number of answer options, A.
    pub fn points(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// The variance of a uniform answer over the scale, (A² - 1) / 12: rwg's null.
    pub fn null_variance(&self) -> f64 {
        let a = self.points() as f64;
        (a * a - 1.0) / 12.0
    }

    /// The value an answer stored as `code` (1 = `min`) stands for.
    pub fn value(&self, code: u8) -> f64 {
        f64::from(self.min) + f64::from(code) - 1.0
    }

    /// How the scale reads in messages: `1 to 5` or `0 to 4`.
    pub fn range(&self) -> String {
        format!("{} to {}", self.min, self.max)
    }
}

/// A row of kind `field`: the header a survey tool writes for one of the fixed columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// One of [`FIXED_COLUMNS`].
    pub id: String,
    pub text: String,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub theme: String,
    pub text: String,
    pub aliases: Vec<String>,
    /// The answer scale (statements; other kinds keep the study's and never use it).
    pub scale: Scale,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codebook {
    pub items: Vec<Item>,
    /// Headers of the fixed columns other than their own names.
    pub fields: Vec<Field>,
    /// Theme id -> how it reads, where the codebook says.
    pub theme_labels: BTreeMap<String, String>,
    /// The header as written (folded: `item_id`, `theme_label`), so that a line suggested for
    /// pasting has the file's own columns in its own order.
    pub columns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CodebookError {
    #[error("{file}:0:0: cannot read the codebook: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// The study's codebook, built into the binary so the tool runs from any folder.
pub const STUDY_CODEBOOK: &[u8] = include_bytes!("../../../data/codebook.csv");

/// The codebook's columns: the first three are required.
const COLUMNS: [&str; 10] = [
    "item_id",
    "kind",
    "theme",
    "text",
    "aliases",
    "scale_min",
    "scale_max",
    "labels",
    "missing",
    "theme_label",
];

impl Codebook {
    pub fn read(path: &Path) -> Result<Codebook, CodebookError> {
        Codebook::load(Some(path)).map(|(book, _)| book)
    }

    /// The codebook at `path`, else the study's built-in one, with the bytes it was read from
    /// (for the manifest's hash).
    pub fn load(path: Option<&Path>) -> Result<(Codebook, Vec<u8>), CodebookError> {
        let Some(path) = path else {
            let book = Codebook::parse("codebook.csv (built in)", STUDY_CODEBOOK)?;
            return Ok((book, STUDY_CODEBOOK.to_vec()));
        };
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| CodebookError::Io {
            file: name.clone(),
            source,
        })?;
        Ok((Codebook::parse(&name, &bytes)?, bytes))
    }

    /// Writes the study's codebook to `path`, which must not exist yet.
    pub fn write_study(path: &Path) -> std::io::Result<()> {
        let mut file = std::fs::File::create_new(path)?;
        std::io::Write::write_all(&mut file, STUDY_CODEBOOK)
    }

    /// The study's codebook ([`STUDY_CODEBOOK`]).
    pub fn study() -> Codebook {
        Codebook::parse("codebook.csv", STUDY_CODEBOOK).expect("the built-in codebook is valid")
    }

    /// Parses codebook CSV bytes; `name` is used in messages.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Codebook, CodebookError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let msg = format!("not a readable CSV codebook ({e}); save it as CSV UTF-8");
                return Err(CodebookError::Invalid(vec![Problem::new(name, 1, 0, msg)]));
            }
        };
        let mut pos = BTreeMap::new();
        for (i, h) in header.iter().enumerate() {
            pos.insert(fold(h), i);
        }
        let missing_columns: Vec<Problem> = COLUMNS[..3]
            .iter()
            .filter(|w| !pos.contains_key(**w))
            .map(|w| {
                let all = COLUMNS.join(", ");
                let msg = format!("the codebook needs a column \"{w}\" (columns: {all})");
                Problem::new(name, 1, 0, msg)
            })
            .collect();
        if !missing_columns.is_empty() {
            return Err(CodebookError::Invalid(missing_columns));
        }
        let mut parser = Parser {
            name,
            pos,
            problems: Vec::new(),
            names: BTreeMap::new(),
            book: Codebook {
                items: Vec::new(),
                fields: Vec::new(),
                theme_labels: BTreeMap::new(),
                columns: header.iter().map(fold).collect(),
            },
        };
        // Lines are counted as survey files' are: csv's own count is short after CRLF.
        let mut lines = LineCounter::new(bytes);
        let mut record = csv::StringRecord::new();
        let start = csv::Position::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    let at = record.position().unwrap_or(&start);
                    parser.row(&record, lines.line_at(bytes, at))
                }
                Ok(false) => break,
                Err(e) => {
                    let msg = format!("unreadable row: {e}");
                    let line = lines.line_at(bytes, e.position().unwrap_or(&start));
                    parser.problems.push(Problem::new(name, line, 0, msg));
                }
            }
        }
        parser.finish()
    }

    pub fn of_kind(&self, kind: ItemKind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// How an item reads: its text, else its id.
    pub fn item_text(&self, id: &str) -> String {
        match self.item(id) {
            Some(i) if !i.text.is_empty() => i.text.clone(),
            _ => id.to_string(),
        }
    }

    pub fn statements(&self) -> Vec<&Item> {
        self.of_kind(ItemKind::Statement).collect()
    }

    /// Every statement as (item id, theme).
    pub fn statement_themes(&self) -> Vec<(&str, &str)> {
        let statements = self.of_kind(ItemKind::Statement);
        statements
            .map(|i| (i.id.as_str(), i.theme.as_str()))
            .collect()
    }

    pub fn standardisation(&self) -> Vec<&Item> {
        self.of_kind(ItemKind::Standardisation).collect()
    }

    pub fn alignment(&self) -> Option<&Item> {
        self.of_kind(ItemKind::Alignment).next()
    }

    /// Statement themes in codebook order, each once.
    pub fn themes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in self.of_kind(ItemKind::Statement) {
            if !out.contains(&i.theme) {
                out.push(i.theme.clone());
            }
        }
        out
    }

    /// Whether this is the 2018 study's instrument: the same statements (ids) in the same
    /// themes. Only then may a report speak of the study's findings; wording, aliases, labels
    /// and the other kinds of item may differ.
    pub fn is_study_instrument(&self) -> bool {
        let statements = |c: &Codebook| {
            let mut v: Vec<(String, String)> = c
                .of_kind(ItemKind::Statement)
                .map(|i| (i.id.clone(), i.theme.clone()))
                .collect();
            v.sort();
            v
        };
        statements(self) == statements(&Codebook::study())
    }

    /// How a theme reads: its `theme_label`, else its id with `_` as a space.
    pub fn theme_label(&self, theme: &str) -> String {
        match self.theme_labels.get(theme) {
            Some(label) => label.clone(),
            None => theme.replace('_', " "),
        }
    }
}

/// The state of parsing one codebook: every problem is kept, so one pass shows them all.
struct Parser<'a> {
    name: &'a str,
    pos: BTreeMap<String, usize>,
    problems: Vec<Problem>,
    /// Every name (item id, alias, field id), matched as headers are: -> (what it names, line).
    names: BTreeMap<String, (String, u64)>,
    book: Codebook,
}

impl Parser<'_> {
    fn col(&self, column: &str) -> usize {
        self.pos.get(column).map_or(0, |i| i + 1)
    }

    fn problem(&mut self, line: u64, column: &str, message: String) {
        let column = self.col(column);
        self.problems
            .push(Problem::new(self.name, line, column, message));
    }

    fn row(&mut self, record: &csv::StringRecord, line: u64) {
        let pos = self.pos.clone();
        let get = |w: &str| {
            let i = pos.get(w).copied();
            i.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        let id = get("item_id");
        if id.is_empty() {
            self.problem(line, "item_id", "empty item_id".into());
            return;
        }
        let text = get("text");
        let aliases = split_list(&get("aliases"));
        let kind = match fold(&get("kind")).as_str() {
            "statement" => ItemKind::Statement,
            "standardisation" | "standardization" => ItemKind::Standardisation,
            "alignment" => ItemKind::Alignment,
            "field" => return self.field(line, id, text, aliases),
            other => {
                let msg = format!(
                    "kind {} is not statement, standardisation, alignment or field",
                    show_value(other)
                );
                return self.problem(line, "kind", msg);
            }
        };
        let theme = get("theme");
        if theme.is_empty() {
            self.problem(line, "theme", format!("item {id} has no theme"));
        }
        for n in std::iter::once(&id).chain(aliases.iter()) {
            if FIXED_COLUMNS.contains(&match_key(n).as_str()) {
                let msg = format!(
                    "{} is a fixed survey column and cannot name an item",
                    show_value(n)
                );
                self.problem(line, "", msg);
            } else {
                self.name(line, n, &id);
            }
        }
        let scale = if kind == ItemKind::Statement {
            self.scale(line, &id, &get)
        } else {
            for column in ["scale_min", "scale_max", "labels", "missing"] {
                if !get(column).is_empty() {
                    let msg = format!(
                        "{column} is for statements; item {id} is of kind {}",
                        kind.name()
                    );
                    self.problem(line, column, msg);
                }
            }
            Scale::study()
        };
        let label = get("theme_label");
        if !label.is_empty() && !theme.is_empty() {
            match self.book.theme_labels.get(&theme) {
                Some(other) if *other != label => {
                    let msg = format!(
                        "theme {theme} is labelled {} here but {} above; give one label",
                        show_value(&label),
                        show_value(other)
                    );
                    self.problem(line, "theme_label", msg);
                }
                _ => {
                    self.book.theme_labels.insert(theme.clone(), label);
                }
            }
        }
        self.book.items.push(Item {
            id,
            kind,
            theme,
            text,
            aliases,
            scale,
        });
    }

    /// A `field` row: another header for a fixed column.
    fn field(&mut self, line: u64, id: String, text: String, aliases: Vec<String>) {
        let key = match_key(&id);
        let Some(fixed) = FIXED_COLUMNS.iter().find(|f| **f == key) else {
            let msg = format!(
                "a field row names one of the fixed columns ({}), not {}",
                FIXED_COLUMNS.join(", "),
                show_value(&id)
            );
            return self.problem(line, "item_id", msg);
        };
        if self.book.fields.iter().any(|f| f.id == *fixed) {
            let msg = format!("field {fixed} has a row above; put all its names in one row");
            return self.problem(line, "item_id", msg);
        }
        for a in &aliases {
            self.name(line, a, fixed);
        }
        self.book.fields.push(Field {
            id: fixed.to_string(),
            text,
            aliases,
        });
    }

    fn name(&mut self, line: u64, name: &str, of: &str) {
        let key = match_key(name);
        if let Some((other, other_line)) = self.names.get(&key) {
            let msg = format!(
                "{} already names {other} (line {other_line})",
                show_value(name)
            );
            self.problem(line, "aliases", msg);
        } else {
            self.names.insert(key, (of.to_string(), line));
        }
    }

    fn scale(&mut self, line: u64, id: &str, get: &dyn Fn(&str) -> String) -> Scale {
        let mut scale = Scale::study();
        let mut bound = |column: &str, default: i32| -> i32 {
            let raw = get(column);
            if raw.is_empty() {
                return default;
            }
            match raw.parse::<i32>() {
                Ok(v) if v.abs() <= 1000 => v,
                _ => {
                    let msg = format!(
                        "{column} of {id} must be a whole number, not {}",
                        show_value(&raw)
                    );
                    self.problem(line, column, msg);
                    default
                }
            }
        };
        scale.min = bound("scale_min", 1);
        scale.max = bound("scale_max", 5);
        let points = scale.max - scale.min + 1;
        if !(2..=MAX_SCALE_POINTS).contains(&points) {
            let msg = format!(
                "the scale of {id} runs from {} to {}: it needs 2 to {MAX_SCALE_POINTS} points",
                scale.min, scale.max
            );
            self.problem(line, "scale_max", msg);
            return Scale::study();
        }
        let labels: Vec<String> = split_list(&get("labels"));
        scale.labels = if !labels.is_empty() {
            if labels.len() != scale.points() {
                let msg = format!(
                    "{id} has {} labels for a scale of {} points ({}); give one label per point, from {} up",
                    labels.len(),
                    scale.points(),
                    scale.range(),
                    scale.min
                );
                self.problem(line, "labels", msg);
            }
            labels
        } else if scale.points() == SCALE_LABELS.len() {
            scale.labels
        } else {
            Vec::new()
        };
        scale.missing = split_list(&get("missing"));
        for code in scale.missing.clone() {
            if let Ok(v) = code.parse::<i32>() {
                if (scale.min..=scale.max).contains(&v) {
                    let msg = format!(
                        "missing code {code} of {id} is an answer on its scale ({}); choose a code outside it",
                        scale.range()
                    );
                    self.problem(line, "missing", msg);
                }
            }
        }
        scale
    }

    fn finish(mut self) -> Result<Codebook, CodebookError> {
        let book = &self.book;
        if book.of_kind(ItemKind::Statement).count() == 0 && self.problems.is_empty() {
            let msg = "the codebook has no statement items to cluster on";
            self.problems.push(Problem::new(self.name, 1, 0, msg));
        }
        if book.of_kind(ItemKind::Alignment).count() > 1 {
            let msg = "the codebook has more than one alignment item";
            self.problems.push(Problem::new(self.name, 1, 0, msg));
        }
        if self.problems.is_empty() {
            Ok(self.book)
        } else {
            Err(CodebookError::Invalid(self.problems))
        }
    }
}

/// A `;`-separated list, each entry trimmed, empty entries dropped.
fn split_list(raw: &str) -> Vec<String> {
    raw.split(';')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_codebook_parses() {
        let cb = Codebook::study();
        assert_eq!(cb.statements().len(), 19);
        assert_eq!(cb.standardisation().len(), 10);
        assert_eq!(cb.alignment().map(|i| i.id.as_str()), Some("alignment"));
        assert_eq!(cb.themes().len(), 7);
    }

    #[test]
    fn bad_codebooks_name_line_and_problem() {
        let text = b"item_id,kind,theme,text,aliases\na,statement,t,x,\na,question,t,x,\nb,statement,t,x,A;trust_id\n";
        let err = Codebook::parse("cb.csv", text).unwrap_err().to_string();
        assert!(err.contains("cb.csv:3:2: kind \"question\""), "{err}");
        assert!(
            err.contains("cb.csv:4:5: \"A\" already names a (line 2)"),
            "{err}"
        );
        assert!(
            err.contains("\"trust_id\" is a fixed survey column"),
            "{err}"
        );
    }

    #[test]
    fn codebook_lines_are_physical_lines_in_crlf_files() {
        let text =
            b"item_id,kind,theme,text,aliases\r\na,statement,t,x,\r\n\r\nb,question,t,y,\r\n";
        let err = Codebook::parse("cb.csv", text).unwrap_err().to_string();
        assert!(err.starts_with("cb.csv:4:2: kind \"question\""), "{err}");
    }

    #[test]
    fn scales_labels_missing_codes_and_theme_labels() {
        let text = "item_id,kind,theme,text,aliases,scale_min,scale_max,labels,missing,theme_label
calm_1,statement,calm,Calm,,0,4,Never;Rarely;Sometimes;Often;Always,9,Calm
pace_1,statement,pace,Pace,,1,7,,9;99,
fit_1,statement,fit,Fit,,,,,,
trust_id,field,,Which trust do you work for?,Trust;Trust name,,,,,
";
        let cb = Codebook::parse("cb.csv", text.as_bytes()).unwrap();
        let s = cb.statements();
        assert_eq!(
            (s[0].scale.min, s[0].scale.max, s[0].scale.points()),
            (0, 4, 5)
        );
        assert_eq!(s[0].scale.labels[4], "Always");
        assert_eq!(s[0].scale.null_variance(), 2.0);
        assert_eq!(s[0].scale.value(1), 0.0);
        assert_eq!(
            s[1].scale.labels.len(),
            0,
            "a 7-point scale has no default labels"
        );
        assert_eq!(s[1].scale.missing, ["9", "99"]);
        assert_eq!(s[1].scale.null_variance(), 4.0);
        assert_eq!(s[2].scale, Scale::study());
        assert_eq!(cb.theme_label("calm"), "Calm");
        assert!(!cb.is_study_instrument());
        assert!(Codebook::study().is_study_instrument());
        assert_eq!(cb.theme_label("teaching_pedagogy"), "teaching pedagogy");
        assert_eq!(cb.fields.len(), 1);
        assert_eq!(cb.fields[0].aliases, ["Trust", "Trust name"]);
    }

    #[test]
    fn bad_scales_are_named() {
        let text = "item_id,kind,theme,text,aliases,scale_min,scale_max,labels,missing,theme_label
a,statement,t,A,,1,1,,,
b,statement,t,B,,0,4,x;y,,
c,statement,t,C,,1,5,,3,
d,statement,t,D,,one,5,,,
e,standardisation,t,E,,1,3,,,
f,field,,F,,,,,,
g,statement,t,G,,,,,,T
h,statement,t,H,,,,,,U
";
        let err = Codebook::parse("cb.csv", text.as_bytes())
            .unwrap_err()
            .to_string();
        for want in [
            "cb.csv:2:7: the scale of a runs from 1 to 1: it needs 2 to 254 points",
            "cb.csv:3:8: b has 2 labels for a scale of 5 points (0 to 4); give one label per point, from 0 up",
            "cb.csv:4:9: missing code 3 of c is an answer on its scale (1 to 5); choose a code outside it",
            "cb.csv:5:6: scale_min of d must be a whole number, not \"one\"",
            "cb.csv:6:6: scale_min is for statements; item e is of kind standardisation",
            "cb.csv:7:1: a field row names one of the fixed columns",
            "cb.csv:9:10: theme t is labelled \"U\" here but \"T\" above; give one label",
        ] {
            assert!(err.contains(want), "{want}\n{err}");
        }
    }
}
