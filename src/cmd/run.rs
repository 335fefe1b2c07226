//! `run` and `replicate`: one wave analysed into one folder; `run --by-wave`: every wave on its
//! own, then each pair of consecutive waves compared, all in one atomic folder.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use analysis::{analyse, ValidSettings};
use characteristics::{InfoError, TrustInfo};
use clap::Parser;
use report::{
    wave_folders, write_by_wave_manifest, write_comparison, write_run, InputFile, OutDir,
    ReportError, WaveFolder, WavePair,
};
use survey::{Codebook, Survey};
use waves::RunFolder;

use crate::cli::RunArgs;
use crate::input::{
    aggregate_wave, bundled, inputs, problems_failure, read_codebook, read_survey, set_threads,
    Bars, Failure,
};

/// The study on the bundled wave: `run` with its defaults, which are the study's settings.
pub fn replicate(out: &Path, threads: usize) -> Result<(), Failure> {
    let data = |f: &str| bundled(f).into_os_string();
    let argv: [OsString; 10] = [
        "run".into(),
        "--sensitivity".into(),
        "--survey".into(),
        data("data/replication/wave-2017.csv"),
        "--trust-info".into(),
        data("data/replication/trusts-2017.csv"),
        "--codebook".into(),
        data("data/codebook.csv"),
        "--out".into(),
        out.into(),
    ];
    let mut args = RunArgs::try_parse_from(argv).map_err(|e| Failure::Usage(e.to_string()))?;
    args.threads = threads;
    run(&args, "replicate")
}

pub fn run(args: &RunArgs, command: &str) -> Result<(), Failure> {
    let settings = args.settings().check()?;
    set_threads(args.threads)?;
    let (codebook, codebook_file) = read_codebook(args.input.codebook.as_deref())?;
    if let Some((x, y)) = &args.axes {
        profiles::Plane::check_axes(x, y, &codebook.themes())
            .map_err(|e| Failure::Usage(format!("--axes: {e}")))?;
    }
    let survey = read_survey(&args.input, &codebook, |_| {})?;
    let info = read_trust_info(args)?;
    if args.by_wave {
        return by_wave(
            args,
            settings,
            (&codebook, codebook_file),
            &survey,
            info.as_ref(),
        );
    }
    let params = settings.aggregate_params(args.input.wave.clone());
    let agg = aggregate_wave(&survey, &codebook, &params, false)?;
    let mut a =
        analyse(&survey, &codebook, &agg, settings, &Bars::default()).map_err(analysis_failure)?;
    let opts = args.options(command, args.out.display().to_string());
    compare_characteristics(&mut a, info.as_ref(), &opts.unit.many);
    OutDir::write_whole(&args.out, &inputs(&args.input, &more_inputs(args)), |out| {
        write_run(out, "", &opts, &a, codebook_file)
    })?;
    eprintln!(
        "{}; wrote {}",
        a.summary(&|n| opts.unit.count(n)),
        args.out.display()
    );
    Ok(())
}

/// Waves are taken in name order (`2017` < `2019`; name waves so that this is their time order).
fn by_wave(
    args: &RunArgs,
    settings: ValidSettings,
    (codebook, codebook_file): (&Codebook, InputFile),
    survey: &Survey,
    info: Option<&TrustInfo>,
) -> Result<(), Failure> {
    let mut waves = survey.waves.clone();
    waves.sort();
    let folders = wave_folders(&waves).map_err(|e| crate::input::data(format!("error: {e}")))?;
    let aggs = waves
        .iter()
        .map(|w| {
            aggregate_wave(
                survey,
                codebook,
                &settings.aggregate_params(Some(w.clone())),
                true,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    OutDir::write_whole(&args.out, &inputs(&args.input, &more_inputs(args)), |out| {
        let (mut runs, mut summary, mut comparisons) = (Vec::new(), Vec::new(), Vec::new());
        for (agg, folder) in aggs.iter().zip(&folders) {
            let opts = args.options("run", format!("{}/{folder}", args.out.display()));
            let (n, units) = (agg.scores.rows(), &opts.unit.many);
            eprintln!("wave {}: clustering {n} {units}", agg.wave);
            let mut a = analyse(survey, codebook, agg, settings.clone(), &Bars::default())
                .map_err(analysis_failure)?;
            compare_characteristics(&mut a, info, &opts.unit.many);
            let prefix = format!("{folder}/");
            let files = write_run(out, &prefix, &opts, &a, codebook_file.clone())?;
            runs.push(RunFolder::parse(files).map_err(ReportError::from)?);
            summary.push(WaveFolder::of(folder, &a));
        }
        for i in 1..runs.len() {
            let folder = format!("compare-{}-{}", folders[i - 1], folders[i]);
            let prefix = format!("{folder}/");
            let s = write_comparison(out, &prefix, &runs[i - 1], &runs[i], "run --by-wave")?;
            if let Some(w) = s.items_warning() {
                eprintln!("{w}");
            }
            eprintln!("waves {} -> {}: {}", waves[i - 1], waves[i], s.moved_line());
            comparisons.push(WavePair {
                base_wave: waves[i - 1].clone(),
                folder,
                in_both: s.common,
                moved: s.moved,
                new_wave: waves[i].clone(),
            });
        }
        Ok::<(), Failure>(write_by_wave_manifest(out, summary, comparisons)?)
    })?;
    eprintln!(
        "{} wave(s) clustered and compared; wrote {}",
        waves.len(),
        args.out.display()
    );
    Ok(())
}

/// Inputs besides the surveys that an output folder must never replace.
fn more_inputs(args: &RunArgs) -> Vec<&Path> {
    args.trust_info.iter().map(PathBuf::as_path).collect()
}

/// The trust-info file, when given: every problem in it is an input error (exit 1), a
/// --categorical column it lacks a command-line error (exit 2).
fn read_trust_info(args: &RunArgs) -> Result<Option<TrustInfo>, Failure> {
    let Some(path) = &args.trust_info else {
        return Ok(None);
    };
    let sheet = args.trust_info_sheet.as_deref();
    match TrustInfo::read(path, sheet, &args.categorical) {
        Ok(info) => Ok(Some(info)),
        Err(InfoError::Problems(problems)) => Err(problems_failure(&problems)),
        Err(e @ InfoError::NoSuchColumn { .. }) => {
            Err(Failure::Usage(format!("--categorical: {e}")))
        }
    }
}

/// Compares the clusters on the trust characteristics, and says on standard error what an
/// analyst should know: analysed trusts the file lacks, columns not compared and why.
fn compare_characteristics(a: &mut analysis::Analysis, info: Option<&TrustInfo>, units: &str) {
    let Some(info) = info else { return };
    a.compare_characteristics(info);
    let Some(c) = &a.characteristics else { return };
    if !c.missing.is_empty() {
        eprintln!(
            "warning: {}: {} of the analysed {units} have no row: {}",
            info.name,
            c.missing.len(),
            c.missing.join(", ")
        );
    }
    for (name, why) in &c.skipped {
        eprintln!(
            "note: {}: column {name:?} not compared: {}",
            info.name,
            why.reason(units)
        );
    }
    for (name, note) in &c.notes {
        eprintln!("note: column {name:?} {note}");
    }
}

fn analysis_failure(e: analysis::AnalysisError) -> Failure {
    match e {
        // The data decide how many trusts there are: exit 1, as with too few trusts at all.
        analysis::AnalysisError::KAboveTrusts { k, trusts } => crate::input::data(format!(
            "error: only {trusts} trust(s) are analysed; clustering into k = {k} clusters needs at least {k} (lower --k or --min-responses)"
        )),
        analysis::AnalysisError::Axes(e) => Failure::Usage(format!("--axes: {e}")),
        other => crate::input::data(format!("error: {other}")),
    }
}
