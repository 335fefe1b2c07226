//! The command line, as `../shared/contract.md` fixes it. Defaults are the study's settings,
//! taken from `analysis::STUDY`; values are parsed here, bounds are checked by the stages.

use std::path::PathBuf;

use analysis::{KChoice, STUDY};
use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "matcluster",
    version,
    about = "Replicates and extends the cluster analysis of the 2018 'Building Trusts' survey of multi-academy trusts",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The study end to end on the bundled wave in data/replication/, with the study's settings.
    Replicate {
        /// Output folder.
        #[arg(long, default_value = "notebooks-out/replication")]
        out: PathBuf,
        /// Worker threads (0 = all cores); results do not depend on it.
        #[arg(long, default_value_t = 0, value_parser = parse_threads)]
        threads: usize,
    },
    /// The same pipeline on any survey files.
    Run(RunArgs),
    /// Check survey files against the codebook and format; print every problem; write nothing.
    Validate(ValidateArgs),
    /// Write the built-in codebook (the study's) to a file, to start editing from.
    Codebook {
        /// The CSV file to write (an existing file is never replaced).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a simulated wave calibrated to the published facts.
    ///
    /// With no --move, --drop or --add this is the bundled wave (byte for byte with the default
    /// seed and wave). For a later wave give another --seed and --wave, e.g.
    /// `simulate --seed 2019 --wave 2019 --move MAT-04=teaching_pedagogy --drop MAT-07 --add 2 --out w2019.csv`.
    Simulate(SimulateArgs),
    /// Place the trusts of a new wave in the clusters of an earlier run's model.json, without
    /// refitting: each analysed trust goes to the nearest saved centroid, its means standardised
    /// with the saved item means and sds.
    Assign(AssignArgs),
    /// Which trusts stayed in or moved between the clusters of two runs (each clustered on its
    /// own); new clusters are matched to the base ones by centroid distance so labels carry over.
    Compare {
        /// The earlier run's output folder (model.json, trusts.csv, trust_scores.csv).
        #[arg(long)]
        base: PathBuf,
        /// The later run's output folder.
        #[arg(long)]
        new: PathBuf,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
}

/// The survey files and how to read them: shared by `validate`, `run` and `assign`.
#[derive(Args, Debug, Clone)]
pub struct SurveyArgs {
    /// Survey files, CSV or .xlsx, as the survey tool exported them (one wave may span
    /// several files).
    #[arg(long, required = true, num_args = 1..)]
    pub survey: Vec<PathBuf>,
    /// The codebook (CSV); by default the study's, built in (`matcluster codebook --out FILE`
    /// writes it to start editing from).
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// The layout of the survey files: auto (detected), csv, qualtrics, surveymonkey, forms
    /// (Google Forms CSV or Microsoft Forms .xlsx) or xlsx.
    #[arg(long, default_value = "auto")]
    pub format: survey::Format,
    /// The worksheet of an .xlsx file to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Choose one wave when the files hold several; the wave of files without a `wave` column.
    #[arg(long, value_parser = parse_wave)]
    pub wave: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: SurveyArgs,
    /// For every header that matches nothing, list the closest codebook items and the
    /// codebook line that would map it.
    #[arg(long)]
    pub suggest: bool,
}

#[derive(Args, Debug, Clone)]
pub struct AssignArgs {
    /// model.json of an earlier run.
    #[arg(long)]
    pub model: PathBuf,
    /// With --wave, only that wave is placed (else every wave of the files).
    #[command(flatten)]
    pub input: SurveyArgs,
    /// A trust is placed only with at least this many counted responses in the wave.
    #[arg(long, default_value_t = STUDY.min_responses)]
    pub min_responses: usize,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
}

/// `Parser` too, so that `replicate` is `run` parsed with its defaults.
#[derive(Parser, Debug, Clone)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: SurveyArgs,
    /// A trust is analysed only with at least this many counted responses (the study: 5).
    #[arg(long, default_value_t = STUDY.min_responses)]
    pub min_responses: usize,
    /// Number of clusters, or `auto` to choose it by the gap statistic.
    #[arg(long, default_value_t = STUDY.k)]
    pub k: KChoice,
    /// Largest k tried when choosing k.
    #[arg(long, default_value_t = STUDY.k_max)]
    pub k_max: usize,
    /// Seed of every random step (k-means++ starts, gap references, bootstrap resamples).
    #[arg(long, default_value_t = STUDY.seed)]
    pub seed: u64,
    /// k-means starts per fit.
    #[arg(long, default_value_t = STUDY.restarts)]
    pub restarts: usize,
    /// Bootstrap resamples for cluster stability (fpc::clusterboot).
    #[arg(long, default_value_t = STUDY.bootstrap)]
    pub bootstrap: usize,
    /// Reference data sets for the gap statistic.
    #[arg(long, default_value_t = STUDY.gap_refs)]
    pub gap_refs: usize,
    /// Respondent-level bootstrap resamples (0 = none): each trust's respondents drawn again,
    /// the trusts re-clustered, giving each trust's probability of staying in its cluster.
    #[arg(long, default_value_t = STUDY.respondent_bootstrap, value_name = "B")]
    pub respondent_bootstrap: usize,
    /// Also re-run the analysis with --min-responses 3 to 10 and with each theme left out,
    /// and say which trusts move (sensitivity.csv); on in `replicate`.
    #[arg(long)]
    pub sensitivity: bool,
    /// Smallest group any breakdown may show (disclosure control): respondents in a cross-tab,
    /// trusts with a value in a cluster's part of a characteristic.
    #[arg(long, default_value_t = STUDY.min_cell)]
    pub min_cell: usize,
    /// A CSV or .xlsx file of trust characteristics, one row per trust (keyed by `trust_id`,
    /// and `wave` where present): each other column is compared across the clusters
    /// (characteristics.csv, characteristic_tests.csv); `replicate` uses the bundled one.
    #[arg(long, value_name = "FILE")]
    pub trust_info: Option<PathBuf>,
    /// The worksheet of a --trust-info workbook (default: its first).
    #[arg(long, value_name = "NAME", requires = "trust_info")]
    pub trust_info_sheet: Option<String>,
    /// A --trust-info column to compare as categories even though it holds numbers (codes
    /// such as region numbers). Repeatable, or comma-separated.
    #[arg(
        long,
        value_name = "COLUMN",
        value_delimiter = ',',
        requires = "trust_info"
    )]
    pub categorical: Vec<String>,
    /// The plane chart's two themes, as THEME_X,THEME_Y (theme ids of the codebook). Default:
    /// the study's autonomy and teaching_pedagogy when the data have both, else the first two
    /// principal components of the z-scores.
    #[arg(long, value_name = "THEME_X,THEME_Y", value_parser = parse_axes)]
    pub axes: Option<(String, String)>,
    /// The report's title (default: one made from the instrument and the wave).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// What the report calls the grouping unit: `school`, `ward`, or `NAME,PLURAL` for an
    /// irregular plural. The CSV column stays `trust_id`.
    #[arg(long, value_name = "NAME", default_value = "trust", value_parser = parse_unit)]
    pub unit: String,
    /// Leave out accounting.csv (it lists response ids) from outputs meant to be shared.
    #[arg(long)]
    pub no_accounting: bool,
    /// Worker threads (0 = all cores); results do not depend on it.
    #[arg(long, default_value_t = 0, value_parser = parse_threads)]
    pub threads: usize,
    /// Cluster every wave of the files on its own (into OUT/WAVE/) and compare consecutive
    /// waves (into OUT/compare-W1-W2/), in one go. --wave then only labels files without a
    /// `wave` column.
    #[arg(long)]
    pub by_wave: bool,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
}

impl RunArgs {
    /// The analysis settings these options ask for (checked later, by the stages).
    pub fn settings(&self) -> analysis::Settings {
        analysis::Settings {
            k: self.k,
            k_max: self.k_max,
            seed: self.seed,
            restarts: self.restarts,
            bootstrap: self.bootstrap,
            gap_refs: self.gap_refs,
            respondent_bootstrap: self.respondent_bootstrap,
            sensitivity: self.sensitivity,
            min_responses: self.min_responses,
            min_cell: self.min_cell,
            axes: self.axes.clone(),
            ..STUDY
        }
    }

    /// How the folder `folder` of this run is written.
    pub fn options<'a>(&self, command: &'a str, folder: String) -> report::RunOptions<'a> {
        report::RunOptions {
            command,
            accounting: !self.no_accounting,
            folder,
            title: self.title.clone(),
            unit: report::Unit::new(&self.unit),
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct SimulateArgs {
    #[arg(long, value_enum, default_value = "replication")]
    pub preset: Simulation,
    #[arg(long, default_value_t = simulate::DEFAULT_SEED)]
    pub seed: u64,
    /// The wave label written into the file.
    #[arg(long, default_value = simulate::DEFAULT_WAVE)]
    pub wave: String,
    /// TRUST=PROFILE: draw this preset trust's answers from another planted profile
    /// (autonomy_identity, teaching_pedagogy or identity_community). Repeatable.
    #[arg(long = "move", value_name = "TRUST=PROFILE", value_parser = parse_move)]
    pub moves: Vec<(String, simulate::Profile)>,
    /// Leave this preset trust out of the wave (it left). Repeatable.
    #[arg(long, value_name = "TRUST")]
    pub drop: Vec<String>,
    /// Add N new trusts (they joined): MAT-23, MAT-24, ... with profiles autonomy_identity and
    /// teaching_pedagogy in turn and 12-22 rows each, so every one is analysed.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub add: usize,
    /// TRUST=PROFILE1,PROFILE2: plant this trust exactly halfway between two profiles, with no
    /// trust-level deviation (planted truth for --respondent-bootstrap). Repeatable.
    #[arg(long, value_name = "TRUST=P1,P2", value_parser = parse_between)]
    pub between: Vec<(String, simulate::Profile, simulate::Profile)>,
    /// TRUST=PROFILE: plant this trust exactly at a profile's centre, with no trust-level
    /// deviation. Repeatable.
    #[arg(long, value_name = "TRUST=PROFILE", value_parser = parse_move)]
    pub centre: Vec<(String, simulate::Profile)>,
    /// TRUST=N: give this trust N data rows (its rows that answer no statement included), e.g.
    /// a deep trust of 60. Repeatable.
    #[arg(long, value_name = "TRUST=N", value_parser = parse_rows)]
    pub rows: Vec<(String, usize)>,
    /// With --preset national: the number of responses (rows).
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub responses: usize,
    /// With --preset national: the number of trusts.
    #[arg(long, default_value_t = 2_500, value_name = "T")]
    pub trusts: usize,
    /// The CSV file to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Which simulated wave to write.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Simulation {
    /// The bundled study wave: 346 responses from 22 trusts, calibrated to the published facts.
    Replication,
    /// A national-scale wave for benchmarks (see --responses and --trusts): the same planted
    /// profiles over any number of trusts, not calibrated to any published fact.
    National,
}

/// More threads than this only cost time spawning them: two cores gain nothing from 100,000.
const MAX_THREADS: usize = 1024;

/// Waves are normalised as the files' wave cells are.
fn parse_wave(raw: &str) -> Result<String, String> {
    Ok(survey::normalise_trust_id(raw))
}

fn parse_axes(raw: &str) -> Result<(String, String), String> {
    match raw.split(',').map(str::trim).collect::<Vec<_>>()[..] {
        [x, y] if !x.is_empty() && !y.is_empty() => Ok((x.to_string(), y.to_string())),
        _ => Err(format!(
            "expected two theme ids separated by a comma, e.g. autonomy,teaching_pedagogy; got {raw:?}"
        )),
    }
}

fn parse_unit(raw: &str) -> Result<String, String> {
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if parts.len() <= 2 && parts.iter().all(|p| !p.is_empty()) {
        Ok(raw.trim().to_string())
    } else {
        Err(format!(
            "expected a name (school) or a name and its plural (child,children); got {raw:?}"
        ))
    }
}

fn parse_threads(raw: &str) -> Result<usize, String> {
    match raw.parse::<usize>() {
        Ok(n) if n <= MAX_THREADS => Ok(n),
        _ => Err(format!(
            "expected 0 (one per core) to {MAX_THREADS} threads, got {raw:?}"
        )),
    }
}

fn parse_between(raw: &str) -> Result<(String, simulate::Profile, simulate::Profile), String> {
    let usage = || "give TRUST=PROFILE1,PROFILE2, e.g. MAT-10=autonomy_identity,teaching_pedagogy";
    let (trust, profiles) = raw.split_once('=').ok_or_else(|| usage().to_string())?;
    let (a, b) = profiles
        .split_once(',')
        .ok_or_else(|| usage().to_string())?;
    let profile = |p: &str| {
        p.parse()
            .map_err(|e: simulate::SimulateError| e.to_string())
    };
    Ok((trust.trim().to_string(), profile(a)?, profile(b)?))
}

fn parse_rows(raw: &str) -> Result<(String, usize), String> {
    let usage = || {
        format!("give TRUST=N with N a whole number of at least 1, e.g. MAT-02=60 (got {raw:?})")
    };
    let (trust, n) = raw.split_once('=').ok_or_else(usage)?;
    match n.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok((trust.trim().to_string(), n)),
        _ => Err(usage()),
    }
}

fn parse_move(raw: &str) -> Result<(String, simulate::Profile), String> {
    let (trust, profile) = raw
        .split_once('=')
        .ok_or_else(|| "give TRUST=PROFILE, e.g. MAT-04=teaching_pedagogy".to_string())?;
    let profile = profile
        .parse()
        .map_err(|e: simulate::SimulateError| e.to_string())?;
    Ok((trust.trim().to_string(), profile))
}
