//! `run` and `replicate`: one wave analysed into one folder; `run --by-wave`: every wave on its
//! own, then each pair of consecutive waves compared, all in one atomic folder.

use std::ffi::OsStr;
use std::path::Path;

use aggregate::{AggregateParams, Aggregation};
use analysis::{analyse, ValidSettings};
use clap::Parser;
use report::{
    safe_name, write_comparison, write_run, ByWaveManifest, OutDir, RunOptions, WaveFolder,
    WavePair,
};

use crate::cli::{Cli, Command, RunArgs, SurveyArgs};
use crate::input::{
    aggregate_wave, bundled, read_codebook, read_survey, set_threads, Bars, Failure,
};

/// The study on the bundled wave: `run` with its defaults, which are the study's settings.
pub fn replicate(out: &Path, threads: usize) -> Result<(), Failure> {
    let (survey, codebook) = (
        bundled("data/replication/wave-2017.csv"),
        bundled("data/codebook.csv"),
    );
    let threads = threads.to_string();
    let argv: [&OsStr; 10] = [
        "matcluster".as_ref(),
        "run".as_ref(),
        "--survey".as_ref(),
        survey.as_os_str(),
        "--codebook".as_ref(),
        codebook.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--threads".as_ref(),
        threads.as_ref(),
    ];
    match Cli::try_parse_from(argv)
        .map_err(|e| Failure::Usage(e.to_string()))?
        .command
    {
        Command::Run(args) => run(&args, "replicate"),
        _ => unreachable!("the arguments above name `run`"),
    }
}

pub fn run(args: &RunArgs, command: &str) -> Result<(), Failure> {
    let settings = args.settings().check()?;
    set_threads(args.threads)?;
    if args.by_wave {
        return by_wave(args, settings);
    }
    let (codebook, codebook_file) = read_codebook(&args.input.codebook)?;
    let survey = read_survey(&args.input.survey, &codebook, args.input.wave.clone())?;
    let agg = aggregate(&survey, &codebook, &settings, args.input.wave.clone())?;
    let a =
        analyse(&survey, &codebook, &agg, settings, &Bars::default()).map_err(analysis_failure)?;
    let opts = RunOptions {
        command,
        accounting: !args.no_accounting,
        folder: args.out.display().to_string(),
    };
    OutDir::write_whole(&args.out, &inputs(&args.input), |out| {
        write_run(out, "", &opts, &a, codebook_file)
    })?;
    eprintln!(
        "{} responses from {} trusts; {} trusts analysed in {} clusters; wrote {}",
        survey.rows.len(),
        agg.trusts.len(),
        agg.scores.rows(),
        a.k,
        args.out.display()
    );
    Ok(())
}

/// Waves are taken in name order (`2017` < `2019`; name waves so that this is their time order).
fn by_wave(args: &RunArgs, settings: ValidSettings) -> Result<(), Failure> {
    let (codebook, codebook_file) = read_codebook(&args.input.codebook)?;
    let survey = read_survey(&args.input.survey, &codebook, args.input.wave.clone())?;
    let mut waves = survey.waves.clone();
    waves.sort();
    let folders: Vec<String> = waves.iter().map(|w| safe_name(w)).collect();
    for (i, f) in folders.iter().enumerate() {
        if folders[..i].contains(f) || f.starts_with("compare-") {
            return Err(crate::input::data(format!(
                "error: wave {:?} cannot be given a folder of its own ({f:?} is taken); rename the waves",
                waves[i]
            )));
        }
    }
    let aggs = waves
        .iter()
        .map(|w| {
            aggregate(&survey, &codebook, &settings, Some(w.clone())).map_err(|f| match f {
                Failure::Data(lines) => Failure::Data(
                    lines
                        .into_iter()
                        .map(|l| format!("{l} (wave {w})"))
                        .collect(),
                ),
                usage => usage,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    OutDir::write_whole(&args.out, &inputs(&args.input), |out| {
        let (mut runs, mut summary, mut comparisons) = (Vec::new(), Vec::new(), Vec::new());
        for (agg, folder) in aggs.iter().zip(&folders) {
            eprintln!("wave {}: clustering {} trusts", agg.wave, agg.scores.rows());
            let a = analyse(&survey, &codebook, agg, settings.clone(), &Bars::default())
                .map_err(analysis_failure)?;
            let opts = RunOptions {
                command: "run",
                accounting: !args.no_accounting,
                folder: format!("{}/{folder}", args.out.display()),
            };
            runs.push(write_run(
                out,
                &format!("{folder}/"),
                &opts,
                &a,
                codebook_file.clone(),
            )?);
            summary.push(WaveFolder {
                folder: folder.clone(),
                k: a.k,
                trusts: agg.trusts.len(),
                trusts_analysed: agg.scores.rows(),
                wave: agg.wave.clone(),
            });
        }
        for i in 1..runs.len() {
            let folder = format!("compare-{}-{}", folders[i - 1], folders[i]);
            let prefix = format!("{folder}/");
            let s = write_comparison(out, &prefix, &runs[i - 1], &runs[i], "run --by-wave")?;
            if let Some(w) = s.items_warning() {
                eprintln!("{w}");
            }
            eprintln!(
                "waves {} -> {}: {} of {} trusts in both moved (adjusted Rand index {})",
                waves[i - 1],
                waves[i],
                s.moved,
                s.common,
                report::fmt_num(s.ari)
            );
            comparisons.push(WavePair {
                base_wave: waves[i - 1].clone(),
                folder,
                in_both: s.common,
                moved: s.moved,
                new_wave: waves[i].clone(),
            });
        }
        let manifest = ByWaveManifest::new(summary, comparisons, out.files());
        out.write("manifest.json", &report::to_json(&manifest))?;
        Ok::<(), Failure>(())
    })?;
    eprintln!(
        "{} wave(s) clustered and compared; wrote {}",
        waves.len(),
        args.out.display()
    );
    Ok(())
}

fn aggregate(
    survey: &survey::Survey,
    codebook: &survey::Codebook,
    settings: &ValidSettings,
    wave: Option<String>,
) -> Result<Aggregation, Failure> {
    let params = AggregateParams {
        min_responses: settings.min_responses,
        wave,
        min_trusts: 2,
    }
    .check()
    .map_err(|e| Failure::Usage(format!("--min-responses: {e}")))?;
    aggregate_wave(survey, codebook, &params)
}

fn inputs(input: &SurveyArgs) -> Vec<&Path> {
    input
        .survey
        .iter()
        .map(|p| p.as_path())
        .chain([input.codebook.as_path()])
        .collect()
}

fn analysis_failure(e: analysis::AnalysisError) -> Failure {
    match e {
        analysis::AnalysisError::KAboveTrusts { k, trusts } => {
            Failure::Usage(format!("--k {k} is more than the {trusts} analysed trusts"))
        }
        other => crate::input::data(format!("error: {other}")),
    }
}
