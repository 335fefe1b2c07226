//! The folder of `assign`: a new wave's trusts placed in the clusters of a saved model.

use std::collections::BTreeMap;

use aggregate::Aggregation;
use plots::{Centroid, ClusterStyle, TrustPoint};
use profiles::Plane;
use survey::Survey;
use waves::{Model, Placed};

use crate::manifest::{self, AssignManifest, AssignParameters, HashedFile, InputFile, PlacedItems};
use crate::outdir::{safe_name, OutDir};
use crate::table::Table;
use crate::{charts, narrative, ReportError, Unit};

/// One wave placed: its aggregation (every trust's count) and its placement.
pub struct PlacedWave {
    pub agg: Aggregation,
    pub placed: Placed,
}

impl PlacedWave {
    /// Trusts placed per saved cluster.
    pub(crate) fn counts(&self) -> BTreeMap<usize, usize> {
        let mut counts = BTreeMap::new();
        for t in &self.placed.trusts {
            *counts.entry(t.cluster).or_insert(0) += 1;
        }
        counts
    }
}

/// What `assign` read and was asked, for the manifest.
pub struct AssignInputs<'a> {
    pub survey: &'a Survey,
    pub codebook: InputFile,
    /// The model file's name and SHA-256.
    pub model_file: HashedFile,
    /// `--wave`, if given.
    pub wave: Option<String>,
    pub min_responses: usize,
}

/// Writes `assignments.csv`, a chart per wave, the manifest and the report.
pub fn write_assign(
    out: &mut OutDir,
    model: &Model,
    placed: &[PlacedWave],
    inputs: AssignInputs,
) -> Result<(), ReportError> {
    out.write("assignments.csv", &assignments(model, placed).to_csv())?;
    // One chart per wave: the new trusts over the saved centroids (on the items used).
    let mut drawn = Vec::new();
    // The fitted run's plane, so the new trusts sit where that run's chart put its trusts.
    let plane = model.plane();
    for r in placed {
        let chart = plane_chart(model, &plane, r)?;
        let stem = if placed.len() == 1 {
            plane.stem().to_string()
        } else {
            format!("{}-{}", plane.stem(), safe_name(&r.agg.wave))
        };
        out.write(&format!("charts/{stem}.svg"), chart.svg.as_bytes())?;
        out.write(&format!("charts/{stem}.png"), &chart.png)?;
        drawn.push((stem, chart));
    }
    let manifest = manifest::to_json(&assign_manifest(model, placed, inputs, out.files()));
    let doc = narrative::assign(model, placed, &drawn);
    out.write("report.html", doc.to_html().as_bytes())?;
    out.write("report.md", doc.to_markdown().as_bytes())?;
    out.write("manifest.json", &manifest)?;
    Ok(())
}

/// `assignments.csv`: every trust of every placed wave; one below the threshold shows only its
/// count.
fn assignments(model: &Model, placed: &[PlacedWave]) -> Table {
    let mut t = Table::new(&[
        "wave",
        "trust_id",
        "responses",
        "analysed",
        "cluster",
        "distance",
        "nearest_margin",
        "cluster_name",
    ]);
    for r in placed {
        let by_id: BTreeMap<&str, &waves::PlacedTrust> = r
            .placed
            .trusts
            .iter()
            .map(|p| (p.trust_id.as_str(), p))
            .collect();
        for tr in &r.agg.trusts {
            let p = by_id.get(tr.trust_id.as_str()).filter(|_| tr.analysed);
            t.push(vec![
                r.agg.wave.as_str().into(),
                tr.trust_id.as_str().into(),
                tr.responses.into(),
                p.is_some().into(),
                p.map(|p| p.cluster).into(),
                p.map(|p| p.distance).into(),
                p.map(|p| p.nearest_margin).into(),
                p.map(|p| model.cluster_name(p.cluster)).into(),
            ]);
        }
    }
    t
}

fn plane_chart(model: &Model, plane: &Plane, r: &PlacedWave) -> Result<plots::Chart, ReportError> {
    let p = &r.placed;
    let at = |z: &[f64]| plane.position(z, &p.items_used, &p.themes_used);
    let points: Vec<TrustPoint> = p
        .trusts
        .iter()
        .map(|t| {
            let (x, y) = at(&t.z);
            TrustPoint {
                label: t.trust_id.clone(),
                x,
                y,
                cluster: t.cluster,
                responses: t.responses,
                membership: None,
            }
        })
        .collect();
    let centroids: Vec<Centroid> = p
        .centroids
        .iter()
        .map(|(c, v)| {
            let (x, y) = at(v);
            Centroid { cluster: *c, x, y }
        })
        .collect();
    let counts = r.counts();
    let styles: Vec<ClusterStyle> = model
        .clusters
        .iter()
        .map(|c| ClusterStyle {
            number: c.cluster,
            name: c.name.clone(),
            size: counts.get(&c.cluster).copied().unwrap_or(0),
        })
        .collect();
    let title = format!(
        "Wave {} placed in the clusters of wave {} (saved centroids)",
        r.agg.wave, model.wave
    );
    let unit = Unit::new(model.unit());
    let text = charts::plane_text(plane, &|t| model.theme_label(t), title, &unit);
    Ok(plots::plane(&points, &centroids, &styles, &text)?)
}

fn assign_manifest(
    model: &Model,
    placed: &[PlacedWave],
    inputs: AssignInputs,
    written: Vec<String>,
) -> AssignManifest {
    let counts = [
        ("responses", inputs.survey.rows.len()),
        ("waves", placed.len()),
        ("trusts", placed.iter().map(|r| r.agg.trusts.len()).sum()),
        (
            "trusts_placed",
            placed.iter().map(|r| r.placed.trusts.len()).sum(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    AssignManifest {
        codebook: inputs.codebook,
        command: "assign",
        counts,
        inputs: InputFile::surveys(inputs.survey),
        items: placed
            .iter()
            .map(|r| PlacedItems {
                missing_from_wave: r.placed.items_missing.clone(),
                not_in_model: r.placed.items_unused.clone(),
                used: r.placed.items_used.clone(),
                wave: r.agg.wave.clone(),
            })
            .collect(),
        model: inputs.model_file,
        notes: placed
            .iter()
            .flat_map(|r| {
                r.agg
                    .notes
                    .iter()
                    .map(|n| format!("wave {}: {n}", r.agg.wave))
            })
            .collect(),
        outputs: manifest::outputs(written, ""),
        parameters: AssignParameters {
            distance: "euclidean, z-scores from the model's saved item means and sds",
            min_responses: inputs.min_responses,
            model_k: model.k,
            model_wave: model.wave.clone(),
            wave: inputs.wave,
            waves: placed.iter().map(|r| r.agg.wave.clone()).collect(),
        },
        tool: manifest::TOOL,
        version: manifest::VERSION,
    }
}
