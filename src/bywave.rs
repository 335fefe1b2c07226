//! `matcluster run --by-wave`: every wave of the files clustered on its own (into `OUT/WAVE/`),
//! then each pair of consecutive waves compared (into `OUT/compare-W1-W2/`), all in one atomic
//! output folder. Waves are taken in name order (`2017` < `2019`; name waves so that this is
//! their time order).

use std::path::Path;

use aggregate::AggregateParams;
use report::OutDir;
use serde_json::json;

use crate::analyse::{analyse, KChoice};
use crate::cli::RunArgs;
use crate::compare::{safe_name, write_comparison};
use crate::pipeline::{
    aggregate_wave, data, read_codebook, read_survey, settings, write_outputs, Failure,
};

pub fn run_by_wave(args: &RunArgs, k_choice: KChoice) -> Result<(), Failure> {
    let (codebook, codebook_file) = read_codebook(&args.codebook)?;
    let survey = read_survey(&args.survey, &codebook, args.wave.clone())?;
    let mut waves = survey.waves.clone();
    waves.sort();
    let folders: Vec<String> = waves.iter().map(|w| safe_name(w)).collect();
    for (i, f) in folders.iter().enumerate() {
        if folders[..i].contains(f) || f.starts_with("compare-") {
            return Err(data(format!(
                "error: wave {:?} cannot be given a folder of its own ({f:?} is taken); rename the waves",
                waves[i]
            )));
        }
    }
    let mut analysed = Vec::new();
    for wave in &waves {
        let params = AggregateParams {
            min_responses: args.min_responses,
            wave: Some(wave.clone()),
            min_trusts: 2,
        }
        .check()
        .map_err(|e| Failure::Usage(e.to_string()))?;
        let agg = aggregate_wave(&survey, &codebook, &params).map_err(|e| match e {
            Failure::Data(mut lines) => {
                lines
                    .iter_mut()
                    .for_each(|l| *l = format!("{l} (wave {wave})"));
                Failure::Data(lines)
            }
            other => other,
        })?;
        analysed.push(agg);
    }
    let inputs: Vec<&Path> = args
        .survey
        .iter()
        .map(|p| p.as_path())
        .chain([args.codebook.as_path()])
        .collect();
    let mut out = OutDir::create(&args.out, &inputs).map_err(data)?;
    let mut written = || -> Result<serde_json::Value, Failure> {
        let mut runs = Vec::new();
        let mut summary = Vec::new();
        for (agg, folder) in analysed.iter().zip(&folders) {
            eprintln!("wave {}: clustering {} trusts", agg.wave, agg.scores.rows());
            let analysis = analyse("run", &survey, &codebook, agg, k_choice, settings(args))?;
            let files = write_outputs(
                &mut out,
                &format!("{folder}/"),
                args,
                &analysis,
                codebook_file.clone(),
            )?;
            summary.push(json!({
                "wave": agg.wave,
                "folder": folder,
                "trusts": agg.trusts.len(),
                "trusts_analysed": agg.scores.rows(),
                "k": analysis.k,
            }));
            runs.push(files);
        }
        let mut comparisons = Vec::new();
        for i in 1..runs.len() {
            let folder = format!("compare-{}-{}", folders[i - 1], folders[i]);
            let s = write_comparison(
                &mut out,
                &format!("{folder}/"),
                &runs[i - 1],
                &runs[i],
                "run --by-wave",
            )?;
            eprintln!(
                "waves {} -> {}: {} of {} trusts in both moved (adjusted Rand index {})",
                waves[i - 1],
                waves[i],
                s.moved,
                s.common,
                report::fmt_num(s.ari)
            );
            comparisons.push(json!({
                "base_wave": waves[i - 1],
                "new_wave": waves[i],
                "folder": folder,
                "moved": s.moved,
                "in_both": s.common,
            }));
        }
        Ok(json!({
            "tool": "matcluster",
            "version": env!("CARGO_PKG_VERSION"),
            "command": "run --by-wave",
            "waves": summary,
            "comparisons": comparisons,
            "outputs": out.files(),
        }))
    };
    match written() {
        Ok(manifest) => {
            let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
            bytes.push(b'\n');
            if let Err(e) = out.write("manifest.json", &bytes) {
                out.abandon();
                return Err(data(e));
            }
            out.commit().map_err(data)?;
            eprintln!(
                "{} wave(s) clustered and compared; wrote {}",
                waves.len(),
                args.out.display()
            );
            Ok(())
        }
        Err(e) => {
            out.abandon();
            Err(e)
        }
    }
}
