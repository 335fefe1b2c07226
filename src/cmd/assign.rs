//! `assign`: the trusts of a new wave placed in the clusters of an earlier run's `model.json`,
//! without refitting.
//!
//! Items the model has but a wave lacks (a question dropped) are not a reason to refuse: the
//! trusts are placed on the items the model and the wave share, with a warning, and the report
//! says which were left out. Statements the wave has but the model lacks (a question added) are
//! not used. A model whose items are not statements of the codebook in use, or whose format is
//! not this version's, is refused (exit 1).

use std::path::Path;

use aggregate::AggregateParams;
use report::{write_assign, AssignInputs, HashedFile, OutDir, PlacedWave};
use waves::Model;

use crate::cli::AssignArgs;
use crate::input::{aggregate_wave, data, inputs, read_codebook, read_survey, Failure};

/// Reads and checks a `model.json`: its format and shapes. Problems name the file.
fn read_model(path: &Path) -> Result<(Model, HashedFile), Failure> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| data(format!("{name}:0:0: cannot read the model: {e}")))?;
    let model = Model::parse_file(&name, &bytes).map_err(data)?;
    let file = HashedFile {
        file: report::file_name(path),
        sha256: report::sha256(&bytes),
    };
    Ok((model, file))
}

pub fn assign(args: &AssignArgs) -> Result<(), Failure> {
    // One trust is enough to place (nothing is fitted).
    let params = AggregateParams {
        min_responses: args.min_responses,
        wave: None,
        min_trusts: 1,
        keep_answers: false,
    }
    .check()
    .map_err(|e| Failure::Usage(format!("--min-responses: {e}")))?;
    let (model, model_file) = read_model(&args.model)?;
    let input = &args.input;
    let (codebook, codebook_file) = read_codebook(input.codebook.as_deref())?;
    let model_name = args.model.display();
    let codebook_name = match &input.codebook {
        Some(p) => p.display().to_string(),
        None => "built in".to_string(),
    };
    let added = model.check_codebook(&codebook.statement_themes());
    let added =
        added.map_err(|e| data(format!("{model_name}:0:0: {e} (codebook {codebook_name})")))?;
    if !added.is_empty() {
        eprintln!(
            "note: the codebook has statements the model does not (added after wave {}); they are not used for placing: {}",
            model.wave,
            added.join(", ")
        );
    }
    let survey = read_survey(input, &codebook, |_| {})?;
    // With a `wave` column the files may hold other waves too; only --wave's is placed.
    let mut waves: Vec<String> = match &input.wave {
        Some(w) => vec![w.clone()],
        None => survey.waves.clone(),
    };
    waves.sort();
    let mut placed = Vec::new();
    for wave in &waves {
        let agg = aggregate_wave(
            &survey,
            &codebook,
            &params.for_wave(Some(wave.clone())),
            true,
        )?;
        let p = waves::place(&model, &agg.scores)
            .map_err(|e| data(format!("error: wave {wave}: {e}")))?;
        if let Some(w) = p.items_warning(wave) {
            eprintln!("{w}");
        }
        placed.push(PlacedWave { agg, placed: p });
    }

    let paths = inputs(input, &[args.model.as_path()]);
    let inputs = AssignInputs {
        survey: &survey,
        codebook: codebook_file,
        model_file,
        wave: input.wave.clone(),
        min_responses: args.min_responses,
    };
    OutDir::write_whole(&args.out, &paths, |out| {
        write_assign(out, &model, &placed, inputs)
    })?;
    let n: usize = placed.iter().map(|r| r.placed.trusts.len()).sum();
    eprintln!(
        "{n} trust(s) of {} wave(s) placed in the {} clusters of wave {}; wrote {}",
        placed.len(),
        model.k,
        model.wave,
        args.out.display()
    );
    Ok(())
}
