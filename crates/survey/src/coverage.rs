//! Which codebook items each wave's files hold, and under which headers: what `validate`
//! reports so an analyst can see a renamed or dropped question before running.

use std::collections::BTreeSet;
use std::fmt;

use crate::{Codebook, FileSummary, ItemKind, Survey, Unmatched};

/// One codebook item found in a wave, with every header (and file and column) it was found
/// under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundItem {
    pub item_id: String,
    /// The statement's theme, or the item's kind for other items.
    pub what: String,
    /// `"HEADER" (FILE column N)`, once each.
    pub under: Vec<String>,
}

/// The codebook items one wave's files have and lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaveCoverage {
    pub wave: String,
    pub files: usize,
    /// Statements found, in codebook order.
    pub statements_found: usize,
    /// Every item found, in codebook order.
    pub found: Vec<FoundItem>,
    /// Statements no file of the wave has: left out, themes use the statements present.
    pub missing_statements: Vec<String>,
    /// Statements with a column that no response of the wave answered: left out the same way.
    pub unanswered: Vec<String>,
    /// Other items no file of the wave has: treated as unanswered.
    pub missing_other: Vec<String>,
}

/// Coverage of every wave of the survey, waves in name order.
pub fn coverage(survey: &Survey, codebook: &Codebook) -> Vec<WaveCoverage> {
    let mut waves = survey.waves.clone();
    waves.sort();
    // Per wave and statement: whether any row answered it.
    let n_s = survey.statement_ids.len();
    let mut answered = vec![vec![false; n_s]; survey.waves.len()];
    for (i, row) in survey.rows.iter().enumerate() {
        let seen = &mut answered[row.wave as usize];
        for (a, v) in seen.iter_mut().zip(survey.statement_row(i)) {
            *a |= *v != 0;
        }
    }
    waves
        .into_iter()
        .map(|wave| {
            let w = survey.waves.iter().position(|x| *x == wave).unwrap_or(0);
            let answered = |id: &str| {
                let j = survey.statement_ids.iter().position(|s| s == id);
                j.is_some_and(|j| answered[w][j])
            };
            let files: Vec<_> = survey
                .files
                .iter()
                .filter(|f| f.waves.contains(&wave))
                .collect();
            let mut c = WaveCoverage {
                wave,
                files: files.len(),
                statements_found: 0,
                found: Vec::new(),
                missing_statements: Vec::new(),
                unanswered: Vec::new(),
                missing_other: Vec::new(),
            };
            for item in &codebook.items {
                let statement = item.kind == ItemKind::Statement;
                let mut under: Vec<String> = Vec::new();
                for f in &files {
                    for m in f.matched.iter().filter(|m| m.item_id == item.id) {
                        let h = format!("\"{}\" ({} column {})", m.header, f.name, m.column);
                        if !under.contains(&h) {
                            under.push(h);
                        }
                    }
                }
                match (under.is_empty(), statement) {
                    (true, true) => c.missing_statements.push(item.id.clone()),
                    (false, true) if !answered(&item.id) => c.unanswered.push(item.id.clone()),
                    (true, false) => c.missing_other.push(item.id.clone()),
                    (false, _) => {
                        c.statements_found += usize::from(statement);
                        let what = if statement {
                            item.theme.clone()
                        } else {
                            item.kind.name().to_string()
                        };
                        c.found.push(FoundItem {
                            item_id: item.id.clone(),
                            what,
                            under,
                        });
                    }
                }
            }
            c
        })
        .collect()
}

impl fmt::Display for WaveCoverage {
    /// The lines `validate` prints for a wave.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wave = &self.wave;
        write!(
            f,
            "wave {wave}: {} of {} statements found in {} file(s)",
            self.statements_found,
            self.statements_found + self.missing_statements.len() + self.unanswered.len(),
            self.files
        )?;
        for item in &self.found {
            let under = item.under.join(", ");
            write!(f, "\n  {} ({}) under {under}", item.item_id, item.what)?;
        }
        if !self.missing_statements.is_empty() {
            let list = self.missing_statements.join(", ");
            write!(
                f,
                "\n  not in wave {wave} (left out; themes use the statements present): {list}"
            )?;
        }
        if !self.unanswered.is_empty() {
            let list = self.unanswered.join(", ");
            write!(
                f,
                "\n  with a column nobody in wave {wave} answered (left out the same way): {list}"
            )?;
        }
        if !self.missing_other.is_empty() {
            let list = self.missing_other.join(", ");
            write!(
                f,
                "\n  other items not in wave {wave} (treated as unanswered): {list}"
            )?;
        }
        Ok(())
    }
}

/// What one file holds of the codebook, as `validate` prints it.
pub struct FileReport<'a> {
    pub file: &'a FileSummary,
    pub codebook: &'a Codebook,
}

impl fmt::Display for FileReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, codebook) = (self.file, self.codebook);
        let statements = codebook.statements();
        let found = file
            .matched
            .iter()
            .filter(|m| statements.iter().any(|s| s.id == m.item_id))
            .count();
        let found = found - file.unanswered.len();
        let how = match (&file.sheet, file.separator) {
            (Some(sheet), _) => format!("sheet \"{sheet}\""),
            (None, Some('\t')) => "separator tab".to_string(),
            (None, Some(c)) => format!("separator '{c}'"),
            (None, None) => String::new(),
        };
        write!(
            f,
            "{}: {}, {} rows, {how}, {found} of {} statements, {} of {} codebook items found",
            file.name,
            file.layout.name(),
            file.rows,
            statements.len(),
            file.matched.len(),
            codebook.items.len()
        )?;
        for m in file
            .fixed
            .iter()
            .chain(&file.matched)
            .filter(|m| !m.header.eq_ignore_ascii_case(&m.item_id))
        {
            let (id, header, column) = (&m.item_id, &m.header, m.column);
            write!(
                f,
                "\n  {id} found under the header \"{header}\" (column {column})"
            )?;
        }
        if !file.missing_items.is_empty() {
            let list = file.missing_items.join(", ");
            write!(f, "\n  not in this file (treated as unanswered): {list}")?;
        }
        if !file.unanswered.is_empty() {
            let list = file.unanswered.join(", ");
            write!(
                f,
                "\n  statements with a column that nobody answered (counted as missing): {list}"
            )?;
        }
        Ok(())
    }
}

/// A separator as manifests and messages name it: `tab`, the character itself, or `none` for
/// a workbook.
pub fn separator_name(c: Option<char>) -> String {
    match c {
        Some('\t') => "tab".into(),
        Some(c) => c.to_string(),
        None => "none".into(),
    }
}

/// The closing line of `validate`: files, rows, trusts, waves and separators.
pub struct SurveySummary<'a>(pub &'a Survey);

impl fmt::Display for SurveySummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let trusts: BTreeSet<_> = s.rows.iter().filter_map(|r| r.trust()).collect();
        let seps: BTreeSet<String> = s
            .files
            .iter()
            .map(|f| separator_name(f.separator))
            .collect();
        let mut waves = s.waves.clone();
        waves.sort();
        write!(
            f,
            "ok: {} file(s), {} rows, {} trusts, {} wave(s) ({}), separator {}",
            s.files.len(),
            s.rows.len(),
            trusts.len(),
            waves.len(),
            waves.join(", "),
            seps.into_iter().collect::<Vec<_>>().join(" ")
        )
    }
}

/// The warning naming the columns of a file the codebook does not know (at most ten).
pub struct IgnoredColumns<'a>(pub &'a FileSummary);

impl fmt::Display for IgnoredColumns<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, max) = (self.0, 10);
        let columns = &file.unmatched;
        write!(
            f,
            "{}: ignoring {} column(s) the codebook does not know (never copied to any output): {}",
            file.name,
            columns.len(),
            columns
                .iter()
                .take(max)
                .map(Unmatched::name)
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        if columns.len() > max {
            write!(f, ", and {} more", columns.len() - max)?;
        }
        Ok(())
    }
}
