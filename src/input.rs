//! What every command shares: reading the codebook and the survey files, aggregating a wave,
//! progress bars, and turning library errors into the lines and exit status the user sees
//! (library errors speak of values; the option they came from is added here).

use std::path::{Path, PathBuf};

use aggregate::{AggregateError, Aggregation, ValidAggregateParams};
use analysis::SettingsError;
use cluster::ClusterError;
use indicatif::{ProgressBar, ProgressStyle};
use report::{InputFile, OutDirError, ReportError};
use survey::{Codebook, ReadOptions, Survey};

use crate::cli::SurveyArgs;

/// Why a command failed, and so its exit status.
pub enum Failure {
    /// The input data (or the files around it) is wrong: exit 1, one message a line.
    Data(Vec<String>),
    /// The command line is wrong: exit 2.
    Usage(String),
}

pub fn data(msg: impl std::fmt::Display) -> Failure {
    Failure::Data(vec![msg.to_string()])
}

impl From<ReportError> for Failure {
    fn from(e: ReportError) -> Failure {
        match e {
            // Every command names its output folder --out.
            ReportError::OutDir(e @ OutDirError::Io { .. }) => data(e),
            ReportError::OutDir(e) => data(format!("--out {e}")),
            ReportError::RunFolder(e) => data(e),
            other => data(format!("error: {other}")),
        }
    }
}

impl From<OutDirError> for Failure {
    fn from(e: OutDirError) -> Failure {
        ReportError::from(e).into()
    }
}

impl From<SettingsError> for Failure {
    fn from(e: SettingsError) -> Failure {
        let hint = match e {
            SettingsError::KAboveKMax { .. } => "; raise --k-max",
            _ => "",
        };
        let flag = match &e {
            SettingsError::MinCell(_) => "--min-cell",
            SettingsError::KAboveKMax { .. } => "--k",
            SettingsError::Aggregate(_) => "--min-responses",
            SettingsError::Cluster(c) => match c {
                ClusterError::KTooSmall { .. } => "--k",
                ClusterError::KMaxTooSmall { .. } => "--k-max",
                ClusterError::TooFewGapRefs { .. } => "--gap-refs",
                ClusterError::TooFewResamples { .. } => "--bootstrap",
                ClusterError::TooFewRestarts { .. } => "--restarts",
                // Settings with no option of their own (gap and bootstrap starts, iterations).
                _ => "the settings",
            },
        };
        Failure::Usage(format!("{flag}: {e}{hint}"))
    }
}

/// The bundled data: next to the working directory when run from a checkout, else where the
/// binary was built from.
pub fn bundled(relative: &str) -> PathBuf {
    let here = PathBuf::from(relative);
    if here.exists() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The codebook (the built-in one without a path), read once: the same bytes are parsed and
/// hashed for the manifest.
pub fn read_codebook(path: Option<&Path>) -> Result<(Codebook, InputFile), Failure> {
    let (codebook, bytes) = Codebook::load(path).map_err(data)?;
    let file = InputFile::of(path.unwrap_or(Path::new("codebook.csv")), &bytes);
    Ok((codebook, file))
}

/// The survey files, every problem printed; unknown columns named once in a warning, notes
/// once. When reading fails, `failed` is shown what each file's header matched.
pub fn read_survey(
    input: &SurveyArgs,
    codebook: &Codebook,
    failed: impl Fn(&[survey::FileSummary]),
) -> Result<Survey, Failure> {
    let refs: Vec<&Path> = input.survey.iter().map(|p| p.as_path()).collect();
    let opts = ReadOptions {
        wave: input.wave.clone(),
        format: input.format,
        sheet: input.sheet.clone(),
    };
    let survey = survey::read_surveys(&refs, codebook, &opts).map_err(|p| {
        failed(&p.1);
        problems_failure(&p.0)
    })?;
    for f in &survey.files {
        if !f.unmatched.is_empty() {
            eprintln!("warning: {}", survey::IgnoredColumns(f));
        }
        for note in &f.notes {
            eprintln!("note: {}: {note}", f.name);
        }
    }
    Ok(survey)
}

/// Every problem, one a line, then how many (exit 1).
pub fn problems_failure(problems: &[survey::Problem]) -> Failure {
    let mut lines: Vec<String> = problems.iter().map(problem_line).collect();
    lines.push(format!(
        "{} problem(s) found; nothing was written",
        problems.len()
    ));
    Failure::Data(lines)
}

/// A problem as `FILE:LINE:COLUMN: message`, naming the option that mends it.
fn problem_line(p: &survey::Problem) -> String {
    match p.remedy {
        Some(survey::Remedy::WaveLabel) => format!(
            "{}: {}, or say which wave it is with --wave (e.g. --wave 2019)",
            p.location(),
            p.message
        ),
        None => p.to_string(),
    }
}

/// One wave's trust scores; notes printed. `tag` names the wave in errors (when several are
/// run).
pub fn aggregate_wave(
    survey: &Survey,
    codebook: &Codebook,
    params: &ValidAggregateParams,
    tag: bool,
) -> Result<Aggregation, Failure> {
    let suffix = match (tag, params.wave()) {
        (true, Some(w)) => format!(" (wave {w})"),
        _ => String::new(),
    };
    let agg = aggregate::aggregate(survey, codebook, params).map_err(|e| match e {
        AggregateError::SeveralWaves(_) => {
            let alike = look_alike_note(survey).map_or(String::new(), |n| format!("; {n}"));
            data(format!(
                "error: {e}; choose one with --wave, or cluster each wave and compare them with --by-wave{alike}"
            ))
        }
        other => data(format!("error: {other}{suffix}")),
    })?;
    for note in &agg.notes {
        eprintln!("note: wave {}: {note}", agg.wave);
    }
    Ok(agg)
}

/// Wave labels that look like one wave written two ways, said once.
pub fn look_alike_note(survey: &Survey) -> Option<String> {
    let pairs = survey::look_alike_waves(&survey.waves);
    (!pairs.is_empty()).then(|| survey::LookAlikeWaves(&pairs).to_string())
}

/// The survey files and the codebook, as `OutDir` must never replace a folder holding them.
pub fn inputs<'a>(input: &'a SurveyArgs, more: &[&'a Path]) -> Vec<&'a Path> {
    let files = input.survey.iter().map(|p| p.as_path());
    files
        .chain(input.codebook.as_deref())
        .chain(more.iter().copied())
        .collect()
}

/// Progress bars on standard error; indicatif draws nothing when that is not a terminal.
#[derive(Default)]
pub struct Bars(std::sync::Mutex<Option<ProgressBar>>);

impl analysis::Progress for Bars {
    fn begin(&self, what: &'static str, len: u64) {
        let pb = ProgressBar::new(len).with_message(what);
        if let Ok(s) = ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} ({elapsed})")
        {
            pb.set_style(s.progress_chars("=> "));
        }
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(pb);
    }

    fn advance(&self, n: u64) {
        if let Some(pb) = &*self.0.lock().unwrap_or_else(|e| e.into_inner()) {
            pb.inc(n);
        }
    }

    fn end(&self) {
        if let Some(pb) = self.0.lock().unwrap_or_else(|e| e.into_inner()).take() {
            pb.finish_and_clear();
        }
    }
}

/// Results never depend on the thread count (each unit of random work is seeded from
/// (seed, unit index)); this only bounds the cores used.
pub fn set_threads(threads: usize) -> Result<(), Failure> {
    if threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Failure::Usage(format!("--threads: {e}")))?;
    }
    Ok(())
}
