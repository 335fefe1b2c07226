//! The folder of one run: every table, the model, the charts, the manifest and the report.

use analysis::Analysis;
use waves::{Model, RunFiles};

use crate::manifest::{self, InputFile, RunManifest, RunParameters};
use crate::outdir::OutDir;
use crate::{charts, narrative, tables, ReportError, Unit};

/// How a run was asked for, beyond its analysis settings.
pub struct RunOptions<'a> {
    /// `run` or `replicate`, as the manifest and report say.
    pub command: &'a str,
    /// Whether `accounting.csv` (response ids) is written.
    pub accounting: bool,
    /// How the folder is named in messages (`--out`, plus the wave folder under `--by-wave`).
    pub folder: String,
    /// The report's title (`--title`); `None`: one made from the instrument and the wave.
    pub title: Option<String>,
    /// What the report calls the grouping unit (`--unit`).
    pub unit: Unit,
}

/// Writes one wave's outputs under `prefix` (`""`, or `WAVE/` for `run --by-wave`) and gives
/// back the files `compare` reads, as written.
pub fn write_run(
    out: &mut OutDir,
    prefix: &str,
    opts: &RunOptions,
    a: &Analysis,
    codebook: InputFile,
) -> Result<RunFiles, ReportError> {
    if opts.accounting {
        out.write_stream(&format!("{prefix}accounting.csv"), |w| {
            tables::write_accounting(a.survey, a.agg, w)
        })?;
    }
    let mut w = |name: &str, bytes: &[u8]| out.write(&format!("{prefix}{name}"), bytes);
    let trusts_csv = tables::trusts(a).to_csv();
    let scores_csv = tables::trust_scores(a.agg).to_csv();
    w("trusts.csv", &trusts_csv)?;
    w("trust_scores.csv", &scores_csv)?;
    w("agreement.csv", &tables::agreement(a.agg).to_csv())?;
    w("k_selection.csv", &tables::k_selection(a).to_csv())?;
    w("clusters.csv", &tables::clusters(a).to_csv())?;
    w("profiles.csv", &tables::profiles(a).to_csv())?;
    w("methods.csv", &tables::methods(a).to_csv())?;
    w("dendrogram.csv", &tables::dendrogram(a).to_csv())?;
    if let Some(t) = tables::membership(a) {
        w("membership.csv", &t.to_csv())?;
    }
    if let Some(t) = tables::sensitivity(a) {
        w("sensitivity.csv", &t.to_csv())?;
    }
    if let Some(t) = tables::characteristics(a) {
        w("characteristics.csv", &t.to_csv())?;
    }
    if let Some(t) = tables::characteristic_tests(a) {
        w("characteristic_tests.csv", &t.to_csv())?;
    }
    // Only an instrument with such items has these tables (the study's has both).
    if a.has_standardisation() {
        w("standardisation.csv", &tables::standardisation(a).to_csv())?;
    }
    if a.has_alignment() {
        w("alignment.csv", &tables::alignment(a).to_csv())?;
    }
    let mut model = Model::from_analysis(a, &codebook.sha256);
    model.unit = Some(opts.unit.spec());
    let model_json = model.to_json();
    w("model.json", &model_json)?;
    let charts = charts::all(a, &opts.unit)?;
    for c in &charts {
        w(&format!("charts/{}.svg", c.name), c.svg.as_bytes())?;
        w(&format!("charts/{}.png", c.name), &c.png)?;
    }
    let outputs = manifest::outputs(out.files(), prefix);
    let manifest = manifest::to_json(&run_manifest(opts, a, codebook, outputs));
    let doc = narrative::run(a, opts, &charts, &String::from_utf8_lossy(&manifest));
    let mut w = |name: &str, bytes: &[u8]| out.write(&format!("{prefix}{name}"), bytes);
    w("report.html", doc.to_html().as_bytes())?;
    w("report.md", doc.to_markdown().as_bytes())?;
    w("manifest.json", &manifest)?;
    Ok(RunFiles {
        name: opts.folder.clone(),
        model: model_json,
        trusts: trusts_csv,
        trust_scores: scores_csv,
    })
}

fn run_manifest(
    opts: &RunOptions,
    a: &Analysis,
    codebook: InputFile,
    outputs: Vec<String>,
) -> RunManifest {
    let (st, agg) = (&a.settings, a.agg);
    let parameters = RunParameters {
        accounting: opts.accounting,
        axes: a.plane.spec(),
        bootstrap: st.bootstrap,
        bootstrap_restarts: st.boot_restarts,
        gap_refs: st.gap_refs,
        gap_restarts: st.gap_restarts,
        k: st.k.to_string(),
        k_max: st.k_max,
        min_cell: st.min_cell,
        min_responses: st.min_responses,
        respondent_bootstrap: st.respondent_bootstrap,
        restarts: st.restarts,
        seed: st.seed,
        sensitivity: st.sensitivity,
        title: opts.title.clone(),
        unit: opts.unit.spec(),
        wave: agg.wave.clone(),
    };
    let rows = a.survey.rows.len();
    let counted = agg.counted();
    let counts = [
        ("responses", rows),
        ("trusts", agg.trusts.len()),
        ("trusts_analysed", agg.scores.rows()),
        ("responses_counted", counted),
        ("responses_excluded", rows - counted),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    RunManifest {
        tool: manifest::TOOL,
        version: manifest::VERSION,
        command: opts.command.to_string(),
        parameters,
        inputs: InputFile::surveys(a.survey),
        codebook,
        trust_info: a
            .characteristics
            .as_ref()
            .map(manifest::TrustInfoSummary::of),
        counts,
        exclusions: agg
            .exclusions()
            .into_iter()
            .map(|(r, n)| (r.as_str().to_string(), n))
            .collect(),
        methods: manifest::MethodsSummary {
            cophenetic_correlation: Some(a.methods.cophenetic_correlation)
                .filter(|c| c.is_finite()),
            ward_ari_vs_kmeans: a.methods.ward.ari_vs_kmeans,
            pam_ari_vs_kmeans: a.methods.pam.ari_vs_kmeans,
        },
        outputs,
        notes: agg.notes.clone(),
    }
}

/// The manifest at the top of a `run --by-wave` folder: its waves and comparisons.
pub fn write_by_wave_manifest(
    out: &mut OutDir,
    waves: Vec<crate::WaveFolder>,
    comparisons: Vec<crate::WavePair>,
) -> Result<(), ReportError> {
    let manifest = manifest::ByWaveManifest::new(waves, comparisons, out.files());
    Ok(out.write("manifest.json", &manifest::to_json(&manifest))?)
}
