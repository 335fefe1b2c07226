//! `matcluster compare`: which trusts stayed in or moved between the clusters of two runs, each
//! clustered on its own. The new run's clusters are matched to the base run's by the distance
//! between centroids on the items both models have (Hungarian algorithm), so cluster numbers
//! carry over; then every trust analysed in either run gets its transition.
//!
//! Also used by `run --by-wave`, which compares consecutive waves from the files it has just
//! written: both paths read the same bytes, so they give the same results.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use plots::{ClusterStyle, Move};
use profiles::{Comparison, Model, RunClusters, Status};
use report::{Doc, OutDir, Table};
use serde_json::json;

use crate::pipeline::{data, sha256, Failure};

const X_THEME: &str = "autonomy";
const Y_THEME: &str = "teaching_pedagogy";

/// A wave label as a folder name: letters, digits, `.`, `_` and `-` kept, anything else `_`;
/// never empty, never starting with a dot.
pub fn safe_name(wave: &str) -> String {
    let s: String = wave
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("wave{s}")
    } else {
        s
    }
}

/// One run's files as `compare` reads them.
pub struct RunFiles {
    /// How the run is named in messages (its folder).
    pub name: String,
    pub model: Vec<u8>,
    pub trusts: Vec<u8>,
    pub trust_scores: Vec<u8>,
}

impl RunFiles {
    pub fn read(dir: &Path) -> Result<RunFiles, Failure> {
        let get = |f: &str| {
            let p = dir.join(f);
            std::fs::read(&p).map_err(|e| {
                data(format!(
                    "{}:0:0: cannot read: {e}; --base and --new must be output folders of `matcluster run`",
                    p.display()
                ))
            })
        };
        Ok(RunFiles {
            name: dir.display().to_string(),
            model: get("model.json")?,
            trusts: get("trusts.csv")?,
            trust_scores: get("trust_scores.csv")?,
        })
    }
}

/// A run parsed: its clusters and its trusts' z-scores.
struct Run {
    wave: String,
    clusters: RunClusters,
    /// trust -> item -> z
    z: BTreeMap<String, BTreeMap<String, f64>>,
    /// item -> theme
    themes: BTreeMap<String, String>,
}

fn csv_rows(
    name: &str,
    bytes: &[u8],
    needed: &[&str],
) -> Result<Vec<BTreeMap<String, String>>, Failure> {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| data(format!("{name}:1:0: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    for n in needed {
        if !header.iter().any(|h| h == n) {
            return Err(data(format!(
                "{name}:1:0: no `{n}` column; is this a matcluster run's file?"
            )));
        }
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| data(format!("{name}:{}:0: {e}", i + 2)))?;
        out.push(
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(out)
}

fn parse_run(f: &RunFiles) -> Result<Run, Failure> {
    let model_name = format!("{}/model.json", f.name);
    let model = Model::from_json(&f.model).map_err(|e| {
        data(format!(
            "{model_name}:{}:{}: not a matcluster model.json ({e})",
            e.line(),
            e.column()
        ))
    })?;
    model
        .check()
        .map_err(|e| data(format!("{model_name}:0:0: {e}")))?;
    let trusts_name = format!("{}/trusts.csv", f.name);
    let mut clusters = BTreeMap::new();
    for (i, row) in csv_rows(
        &trusts_name,
        &f.trusts,
        &["trust_id", "analysed", "cluster"],
    )?
    .iter()
    .enumerate()
    {
        if row["analysed"] != "true" {
            continue;
        }
        let c: usize = row["cluster"].parse().map_err(|_| {
            data(format!(
                "{trusts_name}:{}:0: cluster {:?} of an analysed trust is not a number",
                i + 2,
                row["cluster"]
            ))
        })?;
        clusters.insert(row["trust_id"].clone(), c);
    }
    let scores_name = format!("{}/trust_scores.csv", f.name);
    let mut z: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut themes = BTreeMap::new();
    for (i, row) in csv_rows(
        &scores_name,
        &f.trust_scores,
        &["trust_id", "item_id", "theme", "z"],
    )?
    .iter()
    .enumerate()
    {
        let v: f64 = row["z"].parse().map_err(|_| {
            data(format!(
                "{scores_name}:{}:0: z {:?} is not a number",
                i + 2,
                row["z"]
            ))
        })?;
        z.entry(row["trust_id"].clone())
            .or_default()
            .insert(row["item_id"].clone(), v);
        themes.insert(row["item_id"].clone(), row["theme"].clone());
    }
    Ok(Run {
        wave: model.wave.clone(),
        clusters: RunClusters { model, clusters },
        z,
        themes,
    })
}

/// What a comparison gives back to `run --by-wave` for its summary.
pub struct Summary {
    pub moved: usize,
    pub common: usize,
    pub ari: f64,
}

/// `compare --base --new --out`.
pub fn compare(base: &Path, new: &Path, out_dir: &Path) -> Result<(), Failure> {
    let b = RunFiles::read(base)?;
    let n = RunFiles::read(new)?;
    let inputs: Vec<std::path::PathBuf> = ["model.json", "trusts.csv", "trust_scores.csv"]
        .iter()
        .flat_map(|f| [base.join(f), new.join(f)])
        .collect();
    let input_refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let mut out = OutDir::create(out_dir, &input_refs).map_err(data)?;
    let result = write_comparison(&mut out, "", &b, &n, "compare");
    match result {
        Ok(s) => {
            out.commit().map_err(data)?;
            eprintln!(
                "{} of {} trusts in both runs moved (adjusted Rand index {}); wrote {}",
                s.moved,
                s.common,
                report::fmt_num(s.ari),
                out_dir.display()
            );
            Ok(())
        }
        Err(e) => {
            out.abandon();
            Err(e)
        }
    }
}

fn cluster_cell(c: Option<usize>) -> report::Cell {
    c.into()
}

/// Writes the comparison of two runs under `prefix` (`""` or `compare-W1-W2/`) in `out`.
pub fn write_comparison(
    out: &mut OutDir,
    prefix: &str,
    base_files: &RunFiles,
    new_files: &RunFiles,
    command: &str,
) -> Result<Summary, Failure> {
    let base = parse_run(base_files)?;
    let new = parse_run(new_files)?;
    let c = profiles::compare(&base.clusters, &new.clusters)
        .map_err(|e| data(format!("error: {e}")))?;
    if !c.base_only_items.is_empty() || !c.new_only_items.is_empty() {
        eprintln!(
            "warning: the runs' items differ; clusters are matched on the {} items both have (only in the base run: {}; only in the new run: {})",
            c.common_items.len(),
            if c.base_only_items.is_empty() { "none".into() } else { c.base_only_items.join(", ") },
            if c.new_only_items.is_empty() { "none".into() } else { c.new_only_items.join(", ") },
        );
    }
    let w = |out: &mut OutDir, name: &str, bytes: &[u8]| {
        out.write(&format!("{prefix}{name}"), bytes).map_err(data)
    };

    // transitions.csv
    let mut t = Table::new(&["trust_id", "base_cluster", "new_cluster", "moved", "status"]);
    for tr in &c.transitions {
        let moved = match tr.status {
            Status::Stayed => Some(false),
            Status::Moved => Some(true),
            _ => None,
        };
        t.push(vec![
            tr.trust_id.as_str().into(),
            cluster_cell(tr.base_cluster),
            cluster_cell(tr.new_cluster),
            moved.into(),
            tr.status.as_str().into(),
        ]);
    }
    w(out, "transitions.csv", &t.to_csv())?;

    // transition_table.csv: base clusters (and trusts new in the new run) down, new clusters
    // (relabelled; and trusts gone from the new run) across.
    let table = c.table();
    let base_numbers: Vec<usize> = base
        .clusters
        .model
        .clusters
        .iter()
        .map(|x| x.cluster)
        .collect();
    let new_numbers: Vec<usize> = c
        .relabel
        .values()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut header: Vec<String> = vec!["base_cluster".into()];
    header.extend(new_numbers.iter().map(|n| format!("new_{n}")));
    header.extend(["only_in_base".into(), "total".into()]);
    let mut tt = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| data(format!("error: writing transition_table.csv: {e}"));
    tt.write_record(&header).map_err(csv_err)?;
    let mut rows: Vec<(String, Option<usize>)> = base_numbers
        .iter()
        .map(|b| (b.to_string(), Some(*b)))
        .collect();
    rows.push(("only_in_new".to_string(), None));
    for (label, b) in &rows {
        let mut cells: Vec<String> = vec![label.clone()];
        let mut total = 0;
        for n in new_numbers.iter().map(|n| Some(*n)).chain([None]) {
            let v = table.get(&(*b, n)).copied().unwrap_or(0);
            total += v;
            cells.push(if b.is_none() && n.is_none() {
                String::new()
            } else {
                v.to_string()
            });
        }
        cells.push(total.to_string());
        tt.write_record(&cells).map_err(csv_err)?;
    }
    let tt = tt
        .into_inner()
        .map_err(|e| data(format!("error: writing transition_table.csv: {e}")))?;
    w(out, "transition_table.csv", &tt)?;

    // cluster_matching.csv: how each new cluster was renumbered.
    let mut m = Table::new(&[
        "new_cluster_own",
        "new_cluster",
        "new_name",
        "base_name",
        "centroid_distance",
    ]);
    for cl in &new.clusters.model.clusters {
        let to = c.relabel[&cl.cluster];
        let base_name = base
            .clusters
            .model
            .clusters
            .iter()
            .find(|b| b.cluster == to)
            .map(|b| b.name.clone());
        m.push(vec![
            cl.cluster.into(),
            to.into(),
            cl.name.as_str().into(),
            base_name.into(),
            c.match_distance.get(&to).copied().into(),
        ]);
    }
    w(out, "cluster_matching.csv", &m.to_csv())?;

    // The moves chart, on the autonomy-vs-pedagogy plane of each run's own z-scores (items both
    // runs have).
    let common: BTreeSet<&str> = c.common_items.iter().map(String::as_str).collect();
    let pos = |run: &Run, id: &str| -> (f64, f64) {
        let z = run.z.get(id);
        let axis = |theme: &str| {
            let v: Vec<f64> = z
                .map(|m| {
                    m.iter()
                        .filter(|(item, _)| {
                            common.contains(item.as_str())
                                && run.themes.get(*item).map(String::as_str) == Some(theme)
                        })
                        .map(|(_, v)| *v)
                        .collect()
                })
                .unwrap_or_default();
            if v.is_empty() {
                f64::NAN
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        (axis(X_THEME), axis(Y_THEME))
    };
    let moves: Vec<Move> = c
        .transitions
        .iter()
        .filter_map(|tr| match (tr.base_cluster, tr.new_cluster) {
            (Some(from_cluster), Some(to_cluster)) => Some(Move {
                label: tr.trust_id.clone(),
                from: pos(&base, &tr.trust_id),
                to: pos(&new, &tr.trust_id),
                from_cluster,
                to_cluster,
            }),
            _ => None,
        })
        .filter(|m| {
            m.from.0.is_finite() && m.from.1.is_finite() && m.to.0.is_finite() && m.to.1.is_finite()
        })
        .collect();
    let styles = move_styles(&base, &new, &c);
    let chart = plots::moves(&moves, &styles)
        .map_err(|e| data(format!("error: drawing the moves chart failed: {e}")))?;
    w(
        out,
        &format!("charts/{}.svg", chart.name),
        chart.svg.as_bytes(),
    )?;
    w(out, &format!("charts/{}.png", chart.name), &chart.png)?;

    let mut outputs: Vec<String> = out
        .files()
        .into_iter()
        .filter_map(|f| f.strip_prefix(prefix).map(str::to_string))
        .collect();
    outputs.extend(["manifest.json", "report.html", "report.md"].map(String::from));
    outputs.sort();
    let count = |s: Status| c.transitions.iter().filter(|t| t.status == s).count();
    let input = |run: &str, f: &str, bytes: &[u8]| json!({ "file": format!("{run}/{f}"), "sha256": sha256(bytes) });
    let manifest = json!({
        "tool": "matcluster",
        "version": env!("CARGO_PKG_VERSION"),
        "command": command,
        "parameters": {
            "base_wave": base.wave,
            "new_wave": new.wave,
            "matching": "Hungarian algorithm (pathfinding::kuhn_munkres_min) on Euclidean distances between centroids on the common items, each in its own run's z-space, scaled by 1e9 to integers",
        },
        "inputs": [
            input("base", "model.json", &base_files.model),
            input("base", "trusts.csv", &base_files.trusts),
            input("base", "trust_scores.csv", &base_files.trust_scores),
            input("new", "model.json", &new_files.model),
            input("new", "trusts.csv", &new_files.trusts),
            input("new", "trust_scores.csv", &new_files.trust_scores),
        ],
        "items": {
            "common": c.common_items,
            "only_in_base": c.base_only_items,
            "only_in_new": c.new_only_items,
        },
        "relabel": c.relabel.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<String, usize>>(),
        "counts": {
            "in_both": c.common,
            "stayed": c.stayed,
            "moved": count(Status::Moved),
            "only_in_base": count(Status::OnlyInBase),
            "only_in_new": count(Status::OnlyInNew),
        },
        "stayed_share": finite(c.stayed_share()),
        "adjusted_rand_index": finite(c.ari),
        "outputs": outputs,
    });
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    manifest_bytes.push(b'\n');
    let doc = report_doc(&base, &new, &c, &chart);
    w(out, "report.html", doc.to_html().as_bytes())?;
    w(out, "report.md", doc.to_markdown().as_bytes())?;
    w(out, "manifest.json", &manifest_bytes)?;
    Ok(Summary {
        moved: count(Status::Moved),
        common: c.common,
        ari: c.ari,
    })
}

/// A float for JSON: rounded to six decimals like the CSV files, null when not defined.
fn finite(v: f64) -> serde_json::Value {
    if v.is_finite() {
        json!(report::fmt_num(v).parse::<f64>().unwrap_or(v))
    } else {
        serde_json::Value::Null
    }
}

fn move_styles(base: &Run, new: &Run, c: &Comparison) -> Vec<ClusterStyle> {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for t in &c.transitions {
        if let Some(n) = t.new_cluster {
            *sizes.entry(n).or_insert(0) += 1;
        }
    }
    let mut numbers: BTreeSet<usize> = base
        .clusters
        .model
        .clusters
        .iter()
        .map(|x| x.cluster)
        .collect();
    numbers.extend(c.relabel.values().copied());
    numbers
        .into_iter()
        .map(|n| {
            let name = base
                .clusters
                .model
                .clusters
                .iter()
                .find(|b| b.cluster == n)
                .or_else(|| {
                    let own = c
                        .relabel
                        .iter()
                        .find(|(_, to)| **to == n)
                        .map(|(from, _)| *from);
                    new.clusters
                        .model
                        .clusters
                        .iter()
                        .find(|x| Some(x.cluster) == own)
                })
                .map(|x| x.name.clone())
                .unwrap_or_default();
            ClusterStyle {
                number: n,
                name,
                size: sizes.get(&n).copied().unwrap_or(0),
            }
        })
        .collect()
}

fn report_doc(base: &Run, new: &Run, c: &Comparison, chart: &plots::Chart) -> Doc {
    let mut d = Doc {
        title: format!("Wave {} compared with wave {}", new.wave, base.wave),
        ..Doc::default()
    };
    d.p(format!(
        "Each run was clustered on its own. The clusters of wave {} are renumbered to match those of wave {}: each new cluster is paired with a base cluster so that the total distance between paired centres is smallest (the Hungarian algorithm, on the {} statements both runs have, each centre in its own run's z-scores). A trust has moved when its renumbered cluster differs from its base cluster.",
        new.wave, base.wave, c.common_items.len()
    ));
    let moved = c
        .transitions
        .iter()
        .filter(|t| t.status == Status::Moved)
        .count();
    let only_base = c
        .transitions
        .iter()
        .filter(|t| t.status == Status::OnlyInBase)
        .count();
    let only_new = c
        .transitions
        .iter()
        .filter(|t| t.status == Status::OnlyInNew)
        .count();
    d.list(vec![
        format!("Analysed in both waves: {} trusts; {} stayed in their cluster ({}), {moved} moved.", c.common, c.stayed, pct(c.stayed_share())),
        format!("Adjusted Rand index between the two partitions of these trusts: {} (1 = the same grouping, about 0 = unrelated).", report::fmt_num(c.ari)),
        format!("Analysed only in wave {} (left, or too few responses now): {only_base}; only in wave {} (joined, or too few responses before): {only_new}.", base.wave, new.wave),
    ]);
    if !c.base_only_items.is_empty() || !c.new_only_items.is_empty() {
        d.p(format!(
            "The runs' statements differ; only the common ones are used. Only in wave {}: {}. Only in wave {}: {}.",
            base.wave,
            if c.base_only_items.is_empty() { "none".into() } else { c.base_only_items.join(", ") },
            new.wave,
            if c.new_only_items.is_empty() { "none".into() } else { c.new_only_items.join(", ") }
        ));
    }
    d.h(2, "How the clusters were matched");
    d.table(
        &[
            "new run's own number",
            "renumbered as",
            "new name",
            "base name",
            "centre distance",
        ],
        new.clusters
            .model
            .clusters
            .iter()
            .map(|cl| {
                let to = c.relabel[&cl.cluster];
                vec![
                    cl.cluster.to_string(),
                    to.to_string(),
                    cl.name.clone(),
                    base.clusters
                        .model
                        .clusters
                        .iter()
                        .find(|b| b.cluster == to)
                        .map(|b| b.name.clone())
                        .unwrap_or_else(|| "(no match: a new cluster)".into()),
                    c.match_distance
                        .get(&to)
                        .map(|v| report::fmt_num(*v))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    );
    d.h(2, "Trusts that moved, joined or left");
    let rows: Vec<Vec<String>> = c
        .transitions
        .iter()
        .filter(|t| t.status != Status::Stayed)
        .map(|t| {
            vec![
                t.trust_id.clone(),
                t.base_cluster.map(|v| v.to_string()).unwrap_or_default(),
                t.new_cluster.map(|v| v.to_string()).unwrap_or_default(),
                t.status.as_str().replace('_', " "),
            ]
        })
        .collect();
    if rows.is_empty() {
        d.p("None: every trust analysed in either wave is in both, in the same cluster.");
    } else {
        d.table(&["trust", "base cluster", "new cluster", "status"], rows);
    }
    d.chart(
        chart.name,
        &chart.svg,
        format!(
            "Each trust analysed in both waves, from its wave {} position to its wave {} position (mean z on the autonomy and the teaching and pedagogy statements, each wave's own z-scores), coloured by its new cluster.",
            base.wave, new.wave
        ),
    );
    d
}

fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0}%", v * 100.0)
    } else {
        "n/a".into()
    }
}
