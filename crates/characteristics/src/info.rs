//! The trust-info file: one row per trust (and wave, where it has a `wave` column), every
//! other column a characteristic, numeric when each of its values is a number, else
//! categorical.

use std::collections::BTreeMap;
use std::path::Path;

use survey::{normalise_trust_id, show_value, Problem, Table};

/// Cells read as missing, compared without case: readr's `""` and `"NA"`, and what
/// spreadsheets and statistics packages write for a missing value.
pub const MISSING: [&str; 7] = ["", "na", "n/a", "#n/a", "null", "nan", "."];

/// How a characteristic is compared across clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Numeric,
    Categorical,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Numeric => "numeric",
            Kind::Categorical => "categorical",
        }
    }
}

/// A column of the file. Whether it is numeric is decided when it is compared, from the
/// values of the trusts compared, so a stray word in a row that is never analysed cannot change
/// how the column is read.
#[derive(Clone, Debug)]
pub struct Variable {
    /// The header, as written (`column N` when empty).
    pub name: String,
    /// 1-based.
    pub column: usize,
    /// Named by `--categorical`.
    pub forced_categorical: bool,
    /// One per row of the file: the text, trimmed, inner spaces collapsed; `None` if missing.
    pub cells: Vec<Option<String>>,
}

/// What the file holds.
#[derive(Clone, Debug)]
pub struct TrustInfo {
    /// The path as given (messages), the file's own name and hash (manifest), its sheet.
    pub name: String,
    pub file_name: String,
    pub sha256: String,
    pub sheet: Option<String>,
    /// Data rows read.
    pub rows: usize,
    /// Each row's line (or sheet row), for notes.
    pub lines: Vec<u64>,
    pub variables: Vec<Variable>,
    /// (wave or `None` when the file has no wave column, normalised trust id) -> row.
    index: BTreeMap<(Option<String>, String), usize>,
}

/// Why a trust-info file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InfoError {
    #[error("{} problem(s) in the trust-info file", .0.len())]
    Problems(Vec<Problem>),
    /// A column asked to be categorical that the file does not have.
    #[error("the trust-info file has no column {column:?} (it has: {})", .available.join(", "))]
    NoSuchColumn {
        column: String,
        available: Vec<String>,
    },
}

/// Columns that key the rows rather than describe the trust.
const KEYS: [&str; 2] = ["trust_id", "wave"];

impl TrustInfo {
    /// Reads the file at `path` (sheet `sheet` of a workbook); the columns named in
    /// `categorical` are categorical whatever they hold.
    pub fn read(
        path: &Path,
        sheet: Option<&str>,
        categorical: &[String],
    ) -> Result<TrustInfo, InfoError> {
        let table = survey::read_table(path, sheet, "trust_id").map_err(InfoError::Problems)?;
        TrustInfo::from_table(&table, categorical)
    }

    /// The characteristics of a table already read.
    pub fn from_table(table: &Table, categorical: &[String]) -> Result<TrustInfo, InfoError> {
        for c in categorical {
            if table.column(c).is_none() {
                return Err(InfoError::NoSuchColumn {
                    column: c.clone(),
                    available: table.header.clone(),
                });
            }
        }
        let Some(id_col) = table.column("trust_id").map(|c| c - 1) else {
            let message = format!(
                "the header has no \"trust_id\" column (it has: {})",
                table.header.join(", ")
            );
            return Err(InfoError::Problems(vec![table.problem(1, 0, message)]));
        };
        let wave_col = table.column("wave").map(|c| c - 1);
        let mut problems = Vec::new();
        let mut index = BTreeMap::new();
        let mut first_line = BTreeMap::new();
        for (r, row) in table.rows.iter().enumerate() {
            let id = normalise_trust_id(&row.cells[id_col]);
            if id.is_empty() {
                let message = "trust_id: the row has no trust id, so it cannot be matched";
                problems.push(table.problem(row.line, id_col + 1, message));
                continue;
            }
            // A row without a wave applies to every wave, as in a file without the column.
            let wave = wave_col
                .map(|c| normalise_trust_id(&row.cells[c]))
                .filter(|w| !w.is_empty());
            let key = (wave, id);
            if let Some(line) = first_line.get(&key) {
                let place = if table.sheet.is_some() {
                    "in row"
                } else {
                    "on line"
                };
                let message = format!(
                    "trust_id: {} is already {place} {line}{}; give each trust once",
                    show_value(&key.1),
                    key.0
                        .as_ref()
                        .map(|w| format!(" for wave {}", show_value(w)))
                        .unwrap_or_default()
                );
                problems.push(table.problem(row.line, id_col + 1, message));
                continue;
            }
            first_line.insert(key.clone(), row.line);
            index.insert(key, r);
        }
        if !problems.is_empty() {
            return Err(InfoError::Problems(problems));
        }
        let variables = (0..table.header.len())
            .filter(|&c| !KEYS.iter().any(|k| table.column(k) == Some(c + 1)))
            .filter(|&c| !table.header[c].is_empty() || column_has_values(table, c))
            .map(|c| Variable {
                name: if table.header[c].is_empty() {
                    format!("column {}", c + 1)
                } else {
                    table.header[c].clone()
                },
                column: c + 1,
                forced_categorical: categorical
                    .iter()
                    .any(|f| survey::match_key(f) == survey::match_key(&table.header[c])),
                cells: table
                    .rows
                    .iter()
                    .map(|r| Some(normalise_trust_id(&r.cells[c])).filter(|v| !is_missing(v)))
                    .collect(),
            })
            .collect();
        Ok(TrustInfo {
            name: table.name.clone(),
            file_name: table.file_name.clone(),
            sha256: table.sha256.clone(),
            sheet: table.sheet.clone(),
            rows: table.rows.len(),
            lines: table.rows.iter().map(|r| r.line).collect(),
            variables,
            index,
        })
    }

    /// Where row `row`'s cell of 1-based `column` is, as problems name it.
    pub fn location(&self, row: usize, column: usize) -> String {
        let mut p = Problem::new(&self.name, self.lines[row], column, "");
        p.sheet = self.sheet.clone();
        p.location()
    }

    /// The row of trust `trust_id` in `wave`: the file's row for that wave when it has a wave
    /// column, else its only row.
    pub fn row(&self, wave: &str, trust_id: &str) -> Option<usize> {
        let id = normalise_trust_id(trust_id);
        self.index
            .get(&(Some(normalise_trust_id(wave)), id.clone()))
            .or_else(|| self.index.get(&(None, id)))
            .copied()
    }
}

fn column_has_values(table: &Table, c: usize) -> bool {
    table.rows.iter().any(|r| !is_missing(&r.cells[c]))
}

pub fn is_missing(cell: &str) -> bool {
    let t = cell.trim();
    MISSING.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// A finite number, as R's `as.numeric` reads one (a leading `+` allowed).
pub fn number(cell: &str) -> Option<f64> {
    let t = cell.trim();
    t.strip_prefix('+')
        .unwrap_or(t)
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}
