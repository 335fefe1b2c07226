//! `validate`: every problem of the files printed; per file and per wave, which codebook items
//! were found under which header. Writes nothing.

use std::collections::BTreeSet;

use report::separator_name;

use crate::cli::SurveyArgs;
use crate::input::{read_codebook, read_survey, Failure};

pub fn validate(args: &SurveyArgs) -> Result<(), Failure> {
    let (codebook, _) = read_codebook(&args.codebook)?;
    let survey = read_survey(&args.survey, &codebook, args.wave.clone())?;
    let statements = codebook.statements();
    for f in &survey.files {
        let found = f
            .matched
            .iter()
            .filter(|m| statements.iter().any(|s| s.id == m.item_id))
            .count();
        let sep = match f.separator {
            '\t' => "tab".to_string(),
            c => format!("'{c}'"),
        };
        eprintln!(
            "{}: {} rows, separator {sep}, {found} of {} statements, {} of {} codebook items found",
            f.name,
            f.rows,
            statements.len(),
            f.matched.len(),
            codebook.items.len()
        );
        for m in f
            .matched
            .iter()
            .filter(|m| !m.header.eq_ignore_ascii_case(&m.item_id))
        {
            eprintln!(
                "  {} found under the header \"{}\" (column {})",
                m.item_id, m.header, m.column
            );
        }
        if !f.missing_items.is_empty() {
            eprintln!(
                "  not in this file (treated as unanswered): {}",
                f.missing_items.join(", ")
            );
        }
    }
    for c in survey::coverage(&survey, &codebook) {
        let wave = &c.wave;
        println!(
            "wave {wave}: {} of {} statements found in {} file(s)",
            c.statements_found,
            statements.len(),
            c.files
        );
        for item in &c.found {
            println!(
                "  {} ({}) under {}",
                item.item_id,
                item.what,
                item.under.join(", ")
            );
        }
        if !c.missing_statements.is_empty() {
            println!(
                "  not in wave {wave} (left out; themes use the statements present): {}",
                c.missing_statements.join(", ")
            );
        }
        if !c.missing_other.is_empty() {
            println!(
                "  other items not in wave {wave} (treated as unanswered): {}",
                c.missing_other.join(", ")
            );
        }
    }
    let trusts: BTreeSet<_> = survey.rows.iter().filter_map(|r| r.trust).collect();
    let seps: BTreeSet<String> = survey
        .files
        .iter()
        .map(|f| separator_name(f.separator))
        .collect();
    let mut waves = survey.waves.clone();
    waves.sort();
    println!(
        "ok: {} file(s), {} rows, {} trusts, {} wave(s) ({}), separator {}",
        survey.files.len(),
        survey.rows.len(),
        trusts.len(),
        waves.len(),
        waves.join(", "),
        seps.into_iter().collect::<Vec<_>>().join(" ")
    );
    Ok(())
}
