//! Which codebook items each wave's files hold, and under which headers: what `validate`
//! reports so an analyst can see a renamed or dropped question before running.

use crate::{Codebook, ItemKind, Survey};

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
    /// Other items no file of the wave has: treated as unanswered.
    pub missing_other: Vec<String>,
}

/// Coverage of every wave of the survey, waves in name order.
pub fn coverage(survey: &Survey, codebook: &Codebook) -> Vec<WaveCoverage> {
    let mut waves = survey.waves.clone();
    waves.sort();
    waves
        .into_iter()
        .map(|wave| {
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
