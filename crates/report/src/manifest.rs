//! The manifests: what a folder was made from, with which settings and version, and what it
//! holds. No clock and no absolute path, so the same inputs always give the same bytes. The
//! manifests of `assign`, `compare` and `run --by-wave` list their fields in name order.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

/// The tool's name in every manifest.
pub const TOOL: &str = "matcluster";
/// The version in every manifest and model.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use survey::file_name;
pub use survey::sha256_hex as sha256;

/// One input file: its own name (never an absolute path), its SHA-256 and data rows.
#[derive(Clone, Debug, Serialize)]
pub struct InputFile {
    pub file: String,
    pub sha256: String,
    pub rows: usize,
    pub separator: String,
    /// How a survey file was read (`plain CSV`, `Qualtrics export (3 header lines)`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// The worksheet read, for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl InputFile {
    /// A file read whole (the codebook): rows are its non-empty lines after the header.
    pub fn of(path: &Path, bytes: &[u8]) -> InputFile {
        InputFile {
            file: file_name(path),
            sha256: sha256(bytes),
            rows: bytes
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .count()
                .saturating_sub(1),
            separator: ",".into(),
            layout: None,
            sheet: None,
        }
    }

    /// Every survey file as the reader summarised it.
    pub fn surveys(survey: &survey::Survey) -> Vec<InputFile> {
        survey
            .files
            .iter()
            .map(|f| InputFile {
                file: f.file_name.clone(),
                sha256: f.sha256.clone(),
                rows: f.rows,
                separator: survey::separator_name(f.separator),
                layout: Some(f.layout.name().to_string()),
                sheet: f.sheet.clone(),
            })
            .collect()
    }
}

/// The manifest of a run's folder.
#[derive(Clone, Debug, Serialize)]
pub struct RunManifest {
    pub tool: &'static str,
    pub version: &'static str,
    pub command: String,
    pub parameters: RunParameters,
    pub inputs: Vec<InputFile>,
    pub codebook: InputFile,
    /// The `--trust-info` file and what was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust_info: Option<TrustInfoSummary>,
    pub counts: BTreeMap<String, usize>,
    pub exclusions: BTreeMap<String, usize>,
    pub methods: MethodsSummary,
    pub outputs: Vec<String>,
    pub notes: Vec<String>,
}

/// The trust-info file: its hash, how many analysed trusts it covers (and which it lacks),
/// each column compared and its type, each column left out and why.
#[derive(Clone, Debug, Serialize)]
pub struct TrustInfoSummary {
    pub file: String,
    pub sha256: String,
    pub rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub analysed_matched: usize,
    pub analysed_missing: Vec<String>,
    pub variables: BTreeMap<String, &'static str>,
    pub skipped: BTreeMap<String, &'static str>,
    /// Relabellings (Kruskal-Wallis) and random tables (Fisher-Freeman-Halton beyond the
    /// exact budget) per test.
    pub draws: usize,
    pub exact_budget: u64,
}

impl TrustInfoSummary {
    pub fn of(c: &characteristics::Characteristics) -> TrustInfoSummary {
        TrustInfoSummary {
            file: c.file_name.clone(),
            sha256: c.sha256.clone(),
            rows: c.rows,
            sheet: c.sheet.clone(),
            analysed_matched: c.matched,
            analysed_missing: c.missing.clone(),
            variables: c
                .variables
                .iter()
                .map(|v| (v.name.clone(), v.kind.name()))
                .collect(),
            skipped: c
                .skipped
                .iter()
                .map(|(n, why)| (n.clone(), why.code()))
                .collect(),
            draws: c.draws,
            exact_budget: c.exact_budget,
        }
    }
}

/// Whether Ward's hierarchy and PAM agree with k-means (the whole table is `methods.csv`).
#[derive(Clone, Debug, Serialize)]
pub struct MethodsSummary {
    /// The correlation of Ward's cophenetic distances with the distances between trusts
    /// (R's `cor(cophenetic(h), dist(z))`); null with fewer than three trusts.
    pub cophenetic_correlation: Option<f64>,
    pub ward_ari_vs_kmeans: f64,
    pub pam_ari_vs_kmeans: f64,
}

/// The settings of a run, in name order.
#[derive(Clone, Debug, Serialize)]
pub struct RunParameters {
    pub accounting: bool,
    /// The plane chart's axes: two theme ids, or `components`.
    pub axes: String,
    pub bootstrap: usize,
    pub bootstrap_restarts: usize,
    pub gap_refs: usize,
    pub gap_restarts: usize,
    pub k: String,
    pub k_max: usize,
    pub min_cell: usize,
    pub min_responses: usize,
    /// Respondent-level bootstrap resamples (0: none).
    pub respondent_bootstrap: usize,
    pub restarts: usize,
    pub seed: u64,
    /// Whether the sensitivity re-runs were made.
    pub sensitivity: bool,
    /// `--title`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the report calls the grouping unit (`--unit`).
    pub unit: String,
    pub wave: String,
}

/// An input named by its place (`base/model.json`) and hash.
#[derive(Clone, Debug, Serialize)]
pub struct HashedFile {
    pub file: String,
    pub sha256: String,
}

/// The manifest of an `assign` folder.
#[derive(Clone, Debug, Serialize)]
pub struct AssignManifest {
    pub codebook: InputFile,
    pub command: &'static str,
    pub counts: BTreeMap<String, usize>,
    pub inputs: Vec<InputFile>,
    pub items: Vec<PlacedItems>,
    pub model: HashedFile,
    pub notes: Vec<String>,
    pub outputs: Vec<String>,
    pub parameters: AssignParameters,
    pub tool: &'static str,
    pub version: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssignParameters {
    pub distance: &'static str,
    pub min_responses: usize,
    pub model_k: usize,
    pub model_wave: String,
    pub wave: Option<String>,
    pub waves: Vec<String>,
}

/// Which of the model's items one placed wave used.
#[derive(Clone, Debug, Serialize)]
pub struct PlacedItems {
    pub missing_from_wave: Vec<String>,
    pub not_in_model: Vec<String>,
    pub used: Vec<String>,
    pub wave: String,
}

/// The manifest of a `compare` folder.
#[derive(Clone, Debug, Serialize)]
pub struct CompareManifest {
    pub adjusted_rand_index: Option<f64>,
    pub command: String,
    pub counts: BTreeMap<&'static str, usize>,
    pub inputs: Vec<HashedFile>,
    pub items: CompareItems,
    pub outputs: Vec<String>,
    pub parameters: CompareParameters,
    pub relabel: BTreeMap<String, usize>,
    pub stayed_share: Option<f64>,
    pub tool: &'static str,
    pub version: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct CompareItems {
    pub common: Vec<String>,
    pub only_in_base: Vec<String>,
    pub only_in_new: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CompareParameters {
    pub base_wave: String,
    pub matching: &'static str,
    pub new_wave: String,
}

/// The manifest at the top of a `run --by-wave` folder.
#[derive(Clone, Debug, Serialize)]
pub struct ByWaveManifest {
    pub command: &'static str,
    pub comparisons: Vec<WavePair>,
    pub outputs: Vec<String>,
    pub tool: &'static str,
    pub version: &'static str,
    pub waves: Vec<WaveFolder>,
}

/// One wave's folder of a `run --by-wave`.
#[derive(Clone, Debug, Serialize)]
pub struct WaveFolder {
    pub folder: String,
    pub k: usize,
    pub trusts: usize,
    pub trusts_analysed: usize,
    pub wave: String,
}

/// One comparison folder of a `run --by-wave`.
#[derive(Clone, Debug, Serialize)]
pub struct WavePair {
    pub base_wave: String,
    pub folder: String,
    pub in_both: usize,
    pub moved: usize,
    pub new_wave: String,
}

impl WaveFolder {
    pub fn of(folder: &str, a: &analysis::Analysis) -> WaveFolder {
        WaveFolder {
            folder: folder.to_string(),
            k: a.k,
            trusts: a.agg.trusts.len(),
            trusts_analysed: a.agg.scores.rows(),
            wave: a.agg.wave.clone(),
        }
    }
}

impl ByWaveManifest {
    pub fn new(waves: Vec<WaveFolder>, comparisons: Vec<WavePair>, outputs: Vec<String>) -> Self {
        ByWaveManifest {
            command: "run --by-wave",
            comparisons,
            outputs,
            tool: TOOL,
            version: VERSION,
            waves,
        }
    }
}

/// Pretty JSON with a final line break, as every manifest is written.
pub fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs, maps and numbers cannot fail.
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The outputs list of a folder written under `prefix`: what it holds so far plus the files
/// written last (manifest and reports), sorted.
pub fn outputs(written: Vec<String>, prefix: &str) -> Vec<String> {
    let mut outputs: Vec<String> = written
        .into_iter()
        .filter_map(|f| f.strip_prefix(prefix).map(str::to_string))
        .collect();
    outputs.extend(["manifest.json", "report.html", "report.md"].map(String::from));
    outputs.sort();
    outputs.dedup();
    outputs
}
