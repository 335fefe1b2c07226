//! A plain table beside the survey (trust characteristics): one header line and rows, from a
//! CSV file with any of the separators and line endings the survey reader takes, or from a
//! worksheet; every cell as text, with the physical line (or sheet row) it is on, so later
//! stages can name the cell of any problem.

use std::path::Path;

use super::records::{CsvRecords, Records};
use super::{file_name, sha256_hex, sniff, xlsx, HeaderCell};
use crate::problem::Problem;
use crate::text::{match_key, show_value};

/// Problems kept per table, so a wholly wrong file cannot flood the terminal.
const MAX_PROBLEMS: usize = 1_000;

/// A record of empty or white-space cells: a blank line, or a sheet row of spaces.
fn blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

/// A table read whole.
#[derive(Clone, Debug)]
pub struct Table {
    /// The path as the user gave it (for messages).
    pub name: String,
    /// The file's own name (for outputs).
    pub file_name: String,
    pub sha256: String,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    /// The header cells, trimmed.
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// One row: its line (or sheet row) and its cells, as many as the header has.
#[derive(Clone, Debug)]
pub struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

impl Table {
    /// A problem at `line` and 1-based `column` (0: the whole line), placed on the sheet in a
    /// workbook.
    pub fn problem(&self, line: u64, column: usize, message: impl Into<String>) -> Problem {
        let mut p = Problem::new(&self.name, line, column, message);
        p.sheet = self.sheet.clone();
        p
    }

    /// The 1-based column whose header is `name` as [`match_key`] compares names.
    pub fn column(&self, name: &str) -> Option<usize> {
        let key = match_key(name);
        self.header
            .iter()
            .position(|h| match_key(h) == key)
            .map(|i| i + 1)
    }
}

/// Reads the table at `path` (sheet `sheet` of a workbook, else its first). `key` is a column
/// the header must have; it also decides the separator of a CSV file. Every problem found is
/// returned, each at its line and column.
pub fn read_table(path: &Path, sheet: Option<&str>, key: &str) -> Result<Table, Vec<Problem>> {
    let name = path.display().to_string();
    let bytes = super::open_pages(
        path,
        &name,
        "this is a folder, not a file; name the file itself",
    )
    .map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut table = Table {
        file_name: file_name(path),
        sha256: sha256_hex(&bytes),
        sheet: None,
        header: Vec::new(),
        rows: Vec::new(),
        name,
    };
    let mut records: Vec<(u64, csv::ByteRecord)> = Vec::new();
    if bytes.starts_with(xlsx::ZIP_MAGIC) {
        let s = xlsx::read_sheet(&table.name, &bytes, sheet).map_err(|p| vec![p])?;
        table.sheet = Some(s.name);
        records.extend(s.rows.into_iter().filter(|(_, r)| !blank(r)));
    } else {
        let text =
            sniff::sniff(&table.name, &bytes, None, &mut problems).ok_or(problems.clone())?;
        let wanted = match_key(key);
        let separator = sniff::choose_separator(&text.body, |cells: &[HeaderCell]| {
            cells
                .iter()
                .filter(|c| match_key(&c.shown) == wanted)
                .count()
        });
        let mut csv = CsvRecords::new(&text.body, separator);
        let mut record = csv::ByteRecord::new();
        while let Some(line) = csv.next_record(&mut record) {
            if !blank(&record) {
                records.push((line, record.clone()));
            }
        }
    }
    let mut records = records.into_iter();
    let Some((header_line, header)) = records.next() else {
        return Err(vec![table.problem(1, 0, "the file has no header line")]);
    };
    let text = |raw: &[u8], line: u64, column: usize, header: &str, problems: &mut Vec<Problem>| {
        sniff::utf8_field(raw, &table.name, line, column, header, problems)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let header: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, raw)| text(raw, header_line, i + 1, "header", &mut problems))
        .collect();
    // Two columns of one name would be two characteristics no output could tell apart.
    for (i, h) in header.iter().enumerate() {
        let key = match_key(h);
        if let Some(j) = header[..i]
            .iter()
            .position(|o| !key.is_empty() && match_key(o) == key)
        {
            let message = format!(
                "the header {} is also column {}; give each column its own name",
                show_value(h),
                j + 1
            );
            problems.push(table.problem(header_line, i + 1, message));
        }
    }
    let mut rows = Vec::new();
    for (line, record) in records {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let extra = record
            .iter()
            .enumerate()
            .skip(header.len())
            .find(|(_, f)| !f.is_empty());
        if let Some((i, f)) = extra {
            let hint = if table.sheet.is_some() {
                "a value beyond the last named column"
            } else {
                "a value beyond the last named column (is a value with a separator in it not \
                 quoted?)"
            };
            let message = format!(
                "{hint}: {}; the header has {} columns",
                show_value(&String::from_utf8_lossy(f)),
                header.len()
            );
            problems.push(table.problem(line, i + 1, message));
            continue;
        }
        let cells = (0..header.len())
            .map(|i| {
                let raw = record.get(i).unwrap_or_default();
                text(raw, line, i + 1, &header[i], &mut problems)
            })
            .collect();
        rows.push(TableRow { line, cells });
    }
    // A sheet's cells are always valid text, so these are all in a CSV file.
    if !problems.is_empty() {
        return Err(problems);
    }
    table.header = header;
    table.rows = rows;
    if table.column(key).is_none() {
        let message = format!(
            "the header has no \"{key}\" column (it has: {})",
            table.header.join(", ")
        );
        return Err(vec![table.problem(header_line, 0, message)]);
    }
    Ok(table)
}
