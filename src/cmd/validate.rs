//! `validate`: every problem of the files printed; per file and per wave, which codebook items
//! were found under which header. Writes nothing.

use crate::cli::SurveyArgs;
use crate::input::{read_codebook, read_survey, Failure};

pub fn validate(args: &SurveyArgs) -> Result<(), Failure> {
    let (codebook, _) = read_codebook(&args.codebook)?;
    let survey = read_survey(&args.survey, &codebook, args.wave.clone())?;
    for file in &survey.files {
        eprintln!(
            "{}",
            survey::FileReport {
                file,
                codebook: &codebook
            }
        );
    }
    for wave in survey::coverage(&survey, &codebook) {
        println!("{wave}");
    }
    println!("{}", survey::SurveySummary(&survey));
    Ok(())
}
