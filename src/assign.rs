//! `matcluster assign`: the trusts of a new wave placed in the clusters of an earlier run's
//! `model.json`, without refitting.
//!
//! Items the model has but a wave lacks (a question dropped) are not a reason to refuse: the
//! trusts are placed on the items the model and the wave share, with a warning, and the report
//! says which were left out. Statements the wave has but the model lacks (a question added) are
//! not used. A model whose items are not statements of the codebook in use, or whose format is
//! not this version's, is refused (exit 1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aggregate::{AggregateError, AggregateParams, Aggregation};
use plots::{Centroid, ClusterStyle, TrustPoint};
use profiles::{Model, Placed};
use report::{Doc, InputFile, OutDir, Table};
use serde_json::json;

use crate::cli::AssignArgs;
use crate::pipeline::{data, file_name, read_codebook, read_survey, sha256, Failure};

/// The study's headline axes (as in `run`'s chart).
const X_THEME: &str = "autonomy";
const Y_THEME: &str = "teaching_pedagogy";

/// Reads and checks a `model.json`: its format and shapes. Problems name the file.
pub fn read_model(path: &Path) -> Result<(Model, serde_json::Value), Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        data(format!(
            "{}:0:0: cannot read the model: {e}",
            path.display()
        ))
    })?;
    let model = Model::from_json(&bytes).map_err(|e| {
        data(format!(
            "{}:{}:{}: not a matcluster model.json ({e}); give the model.json an earlier `matcluster run` wrote",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    model
        .check()
        .map_err(|e| data(format!("{}:0:0: {e}", path.display())))?;
    Ok((
        model,
        json!({ "file": file_name(path), "sha256": sha256(&bytes) }),
    ))
}

/// One wave's results.
struct WaveResult {
    agg: Aggregation,
    placed: Placed,
}

pub fn assign(args: &AssignArgs) -> Result<(), Failure> {
    if args.min_responses == 0 {
        return Err(Failure::Usage("--min-responses must be at least 1".into()));
    }
    let (model, model_file) = read_model(&args.model)?;
    let (codebook, codebook_file) = read_codebook(&args.codebook)?;
    let statements: Vec<(&str, &str)> = codebook
        .statements()
        .iter()
        .map(|i| (i.id.as_str(), i.theme.as_str()))
        .collect();
    let added = model.check_codebook(&statements).map_err(|e| {
        data(format!(
            "{}:0:0: {e} (codebook {})",
            args.model.display(),
            args.codebook.display()
        ))
    })?;
    if !added.is_empty() {
        eprintln!(
            "note: the codebook has statements the model does not (added after wave {}); they are not used for placing: {}",
            model.wave,
            added.join(", ")
        );
    }
    let survey = read_survey(&args.survey, &codebook, args.wave.clone())?;
    let mut waves: Vec<String> = match &args.wave {
        // With a `wave` column the files may hold other waves too; only this one is placed.
        Some(w) => vec![w.clone()],
        None => survey.waves.clone(),
    };
    waves.sort();
    let mut results = Vec::new();
    for wave in &waves {
        let params = AggregateParams {
            min_responses: args.min_responses,
            wave: Some(wave.clone()),
            min_trusts: 1,
        }
        .check()
        .map_err(|e| Failure::Usage(e.to_string()))?;
        let agg = aggregate::aggregate(&survey, &codebook, &params).map_err(|e| match e {
            AggregateError::MinResponses(_) => Failure::Usage(e.to_string()),
            other => data(format!("error: wave {wave}: {other}")),
        })?;
        for note in &agg.notes {
            eprintln!("note: wave {wave}: {note}");
        }
        let placed = profiles::place(&model, &agg.scores)
            .map_err(|e| data(format!("error: wave {wave}: {e}")))?;
        if !placed.items_missing.is_empty() {
            eprintln!(
                "warning: wave {wave} lacks {} of the model's {} items ({}): its trusts are placed on the {} items they share",
                placed.items_missing.len(),
                model.items.len(),
                placed.items_missing.join(", "),
                placed.items_used.len()
            );
        }
        results.push(WaveResult { agg, placed });
    }

    let inputs: Vec<&Path> = args
        .survey
        .iter()
        .map(PathBuf::as_path)
        .chain([args.codebook.as_path(), args.model.as_path()])
        .collect();
    let mut out = OutDir::create(&args.out, &inputs).map_err(data)?;
    match write_outputs(
        &mut out,
        args,
        &model,
        &results,
        &survey,
        codebook_file,
        model_file,
    ) {
        Ok(()) => {
            out.commit().map_err(data)?;
            let placed: usize = results.iter().map(|r| r.placed.trusts.len()).sum();
            eprintln!(
                "{placed} trust(s) of {} wave(s) placed in the {} clusters of wave {}; wrote {}",
                results.len(),
                model.k,
                model.wave,
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

fn cluster_name(model: &Model, cluster: usize) -> String {
    model
        .clusters
        .iter()
        .find(|c| c.cluster == cluster)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// `assignments.csv`: every trust of every placed wave; one below the threshold shows only its
/// count.
fn assignments(model: &Model, results: &[WaveResult]) -> Table {
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
    for r in results {
        let by_id: BTreeMap<&str, &profiles::PlacedTrust> = r
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
                p.map(|p| cluster_name(model, p.cluster)).into(),
            ]);
        }
    }
    t
}

fn styles(model: &Model, counts: &BTreeMap<usize, usize>) -> Vec<ClusterStyle> {
    model
        .clusters
        .iter()
        .map(|c| ClusterStyle {
            number: c.cluster,
            name: c.name.clone(),
            size: counts.get(&c.cluster).copied().unwrap_or(0),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn write_outputs(
    out: &mut OutDir,
    args: &AssignArgs,
    model: &Model,
    results: &[WaveResult],
    survey: &survey::Survey,
    codebook_file: InputFile,
    model_file: serde_json::Value,
) -> Result<(), Failure> {
    let w = |out: &mut OutDir, name: &str, bytes: &[u8]| out.write(name, bytes).map_err(data);
    w(
        out,
        "assignments.csv",
        &assignments(model, results).to_csv(),
    )?;

    // One chart per wave: the new trusts over the saved centroids (on the items used).
    let mut charts = Vec::new();
    for r in results {
        let p = &r.placed;
        let mut counts = BTreeMap::new();
        for t in &p.trusts {
            *counts.entry(t.cluster).or_insert(0) += 1;
        }
        let points: Vec<TrustPoint> = p
            .trusts
            .iter()
            .map(|t| TrustPoint {
                label: t.trust_id.clone(),
                x: profiles::theme_mean(&t.z, &p.themes_used, X_THEME),
                y: profiles::theme_mean(&t.z, &p.themes_used, Y_THEME),
                cluster: t.cluster,
                responses: t.responses,
            })
            .collect();
        let centroids: Vec<Centroid> = p
            .centroids
            .iter()
            .map(|(c, v)| Centroid {
                cluster: *c,
                x: profiles::theme_mean(v, &p.themes_used, X_THEME),
                y: profiles::theme_mean(v, &p.themes_used, Y_THEME),
            })
            .collect();
        let title = format!(
            "Wave {} placed in the clusters of wave {} (saved centroids)",
            r.agg.wave, model.wave
        );
        let chart =
            plots::autonomy_vs_pedagogy(&points, &centroids, &styles(model, &counts), &title)
                .map_err(|e| data(format!("error: drawing the chart failed: {e}")))?;
        let stem = if results.len() == 1 {
            "autonomy_vs_pedagogy".to_string()
        } else {
            format!(
                "autonomy_vs_pedagogy-{}",
                crate::compare::safe_name(&r.agg.wave)
            )
        };
        w(out, &format!("charts/{stem}.svg"), chart.svg.as_bytes())?;
        w(out, &format!("charts/{stem}.png"), &chart.png)?;
        charts.push((stem, chart, r));
    }

    let mut outputs = out.files();
    outputs.extend(["manifest.json", "report.html", "report.md"].map(String::from));
    outputs.sort();
    let mut counts = BTreeMap::new();
    counts.insert("responses".to_string(), survey.rows.len());
    counts.insert("waves".to_string(), results.len());
    counts.insert(
        "trusts".to_string(),
        results.iter().map(|r| r.agg.trusts.len()).sum::<usize>(),
    );
    counts.insert(
        "trusts_placed".to_string(),
        results.iter().map(|r| r.placed.trusts.len()).sum::<usize>(),
    );
    let manifest = json!({
        "tool": "matcluster",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "assign",
        "parameters": {
            "wave": args.wave,
            "waves": results.iter().map(|r| r.agg.wave.clone()).collect::<Vec<_>>(),
            "min_responses": args.min_responses,
            "model_wave": model.wave,
            "model_k": model.k,
            "distance": "euclidean, z-scores from the model's saved item means and sds",
        },
        "inputs": survey.files.iter().map(|f| InputFile {
            file: f.file_name.clone(),
            sha256: f.sha256.clone(),
            rows: f.rows,
            separator: if f.separator == '\t' { "tab".into() } else { f.separator.to_string() },
        }).collect::<Vec<_>>(),
        "codebook": codebook_file,
        "model": model_file,
        "counts": counts,
        "items": results.iter().map(|r| json!({
            "wave": r.agg.wave,
            "used": r.placed.items_used,
            "missing_from_wave": r.placed.items_missing,
            "not_in_model": r.placed.items_unused,
        })).collect::<Vec<_>>(),
        "outputs": outputs,
        "notes": results.iter().flat_map(|r| r.agg.notes.iter().map(move |n| format!("wave {}: {n}", r.agg.wave))).collect::<Vec<_>>(),
    });
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    manifest_bytes.push(b'\n');

    let doc = report_doc(model, &charts);
    w(out, "report.html", doc.to_html().as_bytes())?;
    w(out, "report.md", doc.to_markdown().as_bytes())?;
    w(out, "manifest.json", &manifest_bytes)?;
    Ok(())
}

fn report_doc(model: &Model, charts: &[(String, plots::Chart, &WaveResult)]) -> Doc {
    let mut d = Doc {
        title: format!("New wave(s) placed in the clusters of wave {}", model.wave),
        ..Doc::default()
    };
    d.p(format!(
        "Each trust with enough responses is placed in the nearest of the {} saved cluster centres of wave {} (Euclidean distance in z-space). Its statement means are standardised with wave {}'s saved item means and standard deviations, so the clusters are not refitted: a trust lands where it would have stood among the wave {} trusts. The margin is the distance to the second-nearest centre minus the distance to the nearest; a small margin means the trust sits between two clusters.",
        model.k, model.wave, model.wave, model.wave
    ));
    d.h(2, "The saved clusters");
    d.table(
        &[
            "cluster",
            "name",
            "size in the fitted wave",
            "higher themes",
            "lower themes",
        ],
        model
            .clusters
            .iter()
            .map(|c| {
                vec![
                    c.cluster.to_string(),
                    c.name.clone(),
                    c.size.to_string(),
                    c.higher_themes.join(", "),
                    c.lower_themes.join(", "),
                ]
            })
            .collect(),
    );
    for (stem, chart, r) in charts {
        let p = &r.placed;
        d.h(2, format!("Wave {}", r.agg.wave));
        let below = r.agg.trusts.iter().filter(|t| !t.analysed).count();
        d.p(format!(
            "{} trust(s) placed; {below} trust(s) had fewer responses than the threshold and are counted only.",
            p.trusts.len()
        ));
        if !p.items_missing.is_empty() {
            d.p(format!(
                "This wave lacks {} of the model's items ({}); the distances use the {} items it shares with the model.",
                p.items_missing.len(),
                p.items_missing.join(", "),
                p.items_used.len()
            ));
        }
        if !p.items_unused.is_empty() {
            d.p(format!(
                "Statements of this wave the model does not have, so not used: {}.",
                p.items_unused.join(", ")
            ));
        }
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for t in &p.trusts {
            *counts.entry(t.cluster).or_insert(0) += 1;
        }
        d.table(
            &["cluster", "name", "trusts placed"],
            model
                .clusters
                .iter()
                .map(|c| {
                    vec![
                        c.cluster.to_string(),
                        c.name.clone(),
                        counts.get(&c.cluster).copied().unwrap_or(0).to_string(),
                    ]
                })
                .collect(),
        );
        d.table(
            &["trust", "responses", "cluster", "distance", "margin"],
            p.trusts
                .iter()
                .map(|t| {
                    vec![
                        t.trust_id.clone(),
                        t.responses.to_string(),
                        t.cluster.to_string(),
                        report::fmt_num(t.distance),
                        report::fmt_num(t.nearest_margin),
                    ]
                })
                .collect(),
        );
        d.chart(
            stem,
            &chart.svg,
            format!(
                "Wave {} trusts (markers) over the saved centres of wave {} (X), on the mean z of the autonomy and the teaching and pedagogy statements.",
                r.agg.wave, model.wave
            ),
        );
    }
    d
}
