//! Reading survey CSV exports: the public types, and the order of the work on each file.
//!
//! A file's bytes go through [`sniff`] (is it UTF-8 text, without a byte-order mark, with which
//! separator), its first record through [`header`] (which column holds which codebook item),
//! and every other record through [`rows`] (values, waves, and duplicate response ids, looked up
//! in [`ids`]) into one [`Survey`] for all files.

mod header;
mod ids;
mod rows;
mod sniff;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::codebook::Codebook;
use crate::problem::{Problem, Problems};
use crate::values::Role;
use ids::{IdMap, SeenIds};

/// Caps the problems kept per file so a wholly wrong million-row file cannot exhaust memory.
const MAX_PROBLEMS_PER_FILE: usize = 10_000;

#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The wave of rows in files without a `wave` column (or with an empty wave cell).
    pub wave: Option<String>,
}

/// Which header of a file was matched to which codebook item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMatch {
    pub item_id: String,
    pub header: String,
    pub column: usize,
}

/// What one input file held, for the manifest and `validate`'s summary.
#[derive(Clone, Debug)]
pub struct FileSummary {
    /// The path as the user gave it (for messages).
    pub name: String,
    /// The file's own name, without directories (for outputs: never an absolute path).
    pub file_name: String,
    pub sha256: String,
    pub rows: usize,
    pub separator: char,
    pub matched: Vec<ColumnMatch>,
    /// Codebook items with no column in this file: treated as unanswered for its rows.
    pub missing_items: Vec<String>,
    /// Columns the codebook does not know: never read beyond their header.
    pub ignored_columns: Vec<String>,
    pub waves: BTreeSet<String>,
}

/// One data row: where it came from and who it is about. Answers live in [`Survey`]'s arrays.
#[derive(Clone, Debug)]
pub struct Row {
    pub file: u32,
    pub line: u64,
    pub response_id: Box<str>,
    /// Index into [`Survey::trusts`]; `None` when the row has no trust id.
    pub trust: Option<u32>,
    /// Index into [`Survey::waves`].
    pub wave: u32,
    pub role: Role,
}

/// Every valid row of every file, with answers stored densely (row-major, 0 = no answer):
/// a million responses must fit in memory comfortably.
#[derive(Clone, Debug, Default)]
pub struct Survey {
    pub files: Vec<FileSummary>,
    pub rows: Vec<Row>,
    /// Codebook statement ids, in codebook order: the columns of `statements`.
    pub statement_ids: Vec<String>,
    pub standardisation_ids: Vec<String>,
    /// 1..=5, or 0 for no answer; `rows.len() * statement_ids.len()` entries.
    pub statements: Vec<u8>,
    /// 1 more, 2 same, 3 less, 0 no answer.
    pub standardisation: Vec<u8>,
    /// 1 A, 2 B, 3 C, 0 no answer.
    pub alignment: Vec<u8>,
    pub trusts: Vec<String>,
    pub waves: Vec<String>,
}

impl Survey {
    pub fn statement_row(&self, row: usize) -> &[u8] {
        let w = self.statement_ids.len();
        &self.statements[row * w..(row + 1) * w]
    }

    pub fn standardisation_row(&self, row: usize) -> &[u8] {
        let w = self.standardisation_ids.len();
        &self.standardisation[row * w..(row + 1) * w]
    }
}

/// Reads and validates every file; returns every problem found in any of them.
pub fn read_surveys(
    paths: &[&Path],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(paths.len(), codebook, |index, survey, ctx, problems| {
        let name = paths[index].display().to_string();
        let summary = read_one(
            paths[index],
            &name,
            index as u32,
            codebook,
            opts,
            survey,
            ctx,
            problems,
        );
        (name, summary)
    })
}

/// Reads and validates one file already in memory (what [`read_surveys`] does after opening a
/// path); `name` stands for the file in messages and outputs.
pub fn read_survey_bytes(
    name: &str,
    bytes: &[u8],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(1, codebook, |_, survey, ctx, problems| {
        let summary = read_bytes(
            name,
            name.to_string(),
            bytes,
            0,
            codebook,
            opts,
            survey,
            ctx,
            problems,
        );
        (name.to_string(), summary)
    })
}

/// Runs `read_file` for each of `n` files, keeping every file's problems (capped per file).
fn read_all(
    n: usize,
    codebook: &Codebook,
    mut read_file: impl FnMut(
        usize,
        &mut Survey,
        &mut Context,
        &mut Vec<Problem>,
    ) -> (String, Option<FileSummary>),
) -> Result<Survey, Problems> {
    let mut survey = Survey {
        statement_ids: codebook.statements().iter().map(|i| i.id.clone()).collect(),
        standardisation_ids: codebook
            .standardisation()
            .iter()
            .map(|i| i.id.clone())
            .collect(),
        ..Survey::default()
    };
    let mut ctx = Context::default();
    let mut problems = Vec::new();
    for index in 0..n {
        let mut file_problems = Vec::new();
        let (name, summary) = read_file(index, &mut survey, &mut ctx, &mut file_problems);
        if let Some(summary) = summary {
            survey.files.push(summary);
        }
        if file_problems.len() > MAX_PROBLEMS_PER_FILE {
            let more = file_problems.len() - MAX_PROBLEMS_PER_FILE;
            file_problems.truncate(MAX_PROBLEMS_PER_FILE);
            file_problems.push(Problem::new(
                &name,
                0,
                0,
                format!("... and {more} more problems in this file"),
            ));
        }
        problems.extend(file_problems);
    }
    if problems.is_empty() {
        Ok(survey)
    } else {
        Err(Problems(problems))
    }
}

/// What reading carries from one file to the next.
#[derive(Default)]
struct Context {
    trust_index: IdMap,
    wave_index: IdMap,
    /// (wave, response_id) -> (file name, line) of its first use.
    seen_ids: SeenIds,
    /// Every file's name as messages give it, in reading order.
    file_names: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
fn read_one(
    path: &Path,
    name: &str,
    file_index: u32,
    codebook: &Codebook,
    opts: &ReadOptions,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    if path.is_dir() {
        problems.push(Problem::new(
            name,
            0,
            0,
            "this is a folder, not a CSV file; name the survey file itself",
        ));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "no such file; check the path".to_string()
            } else {
                format!("cannot read the file: {e}")
            };
            problems.push(Problem::new(name, 0, 0, why));
            return None;
        }
    };
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    read_bytes(
        name, file_name, &bytes, file_index, codebook, opts, survey, ctx, problems,
    )
}

/// Reads one file's bytes: everything after opening it. `name` is used in messages,
/// `file_name` in outputs.
#[allow(clippy::too_many_arguments)]
fn read_bytes(
    name: &str,
    file_name: String,
    bytes: &[u8],
    file_index: u32,
    codebook: &Codebook,
    opts: &ReadOptions,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    let sha256 = sha256_hex(bytes);
    ctx.file_names.push(name.to_string());
    let text = sniff::sniff(name, bytes, problems)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(text.separator)
        .from_reader(&text.body[..]);
    let header = header::read_header(name, &mut reader, problems)?;
    let columns = header::map_header(name, &header, codebook, opts, problems)?;
    let src = rows::Source {
        name,
        index: file_index,
        body: &text.body,
        separator: text.separator,
        columns: &columns,
    };
    let read = rows::read_rows(&src, &mut reader, opts, survey, ctx, problems);
    let separator = match text.separator {
        b';' => ';',
        b'\t' => '\t',
        _ => ',',
    };
    Some(FileSummary {
        name: name.to_string(),
        file_name,
        sha256,
        rows: read.rows,
        separator,
        missing_items: columns.missing_items(codebook),
        matched: columns.matched,
        ignored_columns: columns.ignored,
        waves: read.waves,
    })
}

/// Which waves the survey holds, with their row counts, in name order.
pub fn wave_counts(survey: &Survey) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in &survey.rows {
        *out.entry(survey.waves[r.wave as usize].clone())
            .or_insert(0) += 1;
    }
    out
}

/// SHA-256 of some bytes as lower-case hex: how every input is identified in a manifest.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}
