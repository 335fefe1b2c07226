//! `validate`: every problem of the files printed; per file and per wave, which codebook items
//! were found under which header, and with `--suggest` what unmatched headers may be. Writes
//! nothing. Also `codebook`, which writes the built-in codebook to start editing from.

use std::path::Path;

use crate::cli::ValidateArgs;
use crate::input::{data, look_alike_note, read_codebook, read_survey, Failure};

pub fn validate(args: &ValidateArgs) -> Result<(), Failure> {
    let (codebook, _) = read_codebook(args.input.codebook.as_deref())?;
    let suggest = |file: &survey::FileSummary| {
        if args.suggest {
            let suggestions = survey::suggest(&codebook, file);
            println!("{}", survey::SuggestionReport(file, &suggestions));
        }
    };
    // Suggestions help most when a file cannot be read yet (a renamed trust question).
    let survey = read_survey(&args.input, &codebook, |files| {
        files.iter().for_each(suggest)
    })?;
    for file in &survey.files {
        let report = survey::FileReport {
            file,
            codebook: &codebook,
        };
        eprintln!("{report}");
        suggest(file);
    }
    for wave in survey::coverage(&survey, &codebook) {
        println!("{wave}");
    }
    if let Some(note) = look_alike_note(&survey) {
        eprintln!("warning: {note}");
    }
    println!("{}", survey::SurveySummary(&survey));
    Ok(())
}

/// `codebook --out FILE`: the built-in codebook, never over an existing file.
pub fn write_codebook(out: &Path) -> Result<(), Failure> {
    let shown = out.display();
    survey::Codebook::write_study(out).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            data(format!("{shown}:0:0: the file exists; choose a new name"))
        }
        _ => data(format!("{shown}:0:0: cannot write the codebook: {e}")),
    })?;
    eprintln!("wrote {shown}: the study's codebook, to edit and give to --codebook");
    Ok(())
}
