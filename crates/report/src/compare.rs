//! The folder of `compare`: two runs' clusters matched, and every trust's transition.

use std::collections::{BTreeMap, BTreeSet};

use plots::{ClusterStyle, Move};
use waves::{Comparison, Run, RunFiles, RunFolder, TransitionStatus, RUN_FILES};

use crate::manifest::{self, CompareItems, CompareManifest, CompareParameters, HashedFile};
use crate::narrative::list_or_none;
use crate::outdir::OutDir;
use crate::table::{Cell, Table};
use crate::{charts, narrative, ReportError, Unit};

/// What a comparison found, for the command's closing line and `run --by-wave`'s manifest.
pub struct ComparisonSummary {
    pub moved: usize,
    /// Trusts analysed in both runs.
    pub common: usize,
    pub ari: f64,
    /// Statements both runs have, and those only one has (not used for the matching).
    pub common_items: usize,
    pub base_only_items: Vec<String>,
    pub new_only_items: Vec<String>,
    /// What the base run called its units.
    pub unit: Unit,
}

impl ComparisonSummary {
    /// The closing line: how many moved, of how many in both runs.
    pub fn moved_line(&self) -> String {
        let ari = crate::narrative::f3(self.ari);
        let (moved, common) = (self.moved, self.common);
        let units = &self.unit.many;
        format!("{moved} of {common} {units} in both runs moved (adjusted Rand index {ari})")
    }

    /// A warning when the runs' statements differ (clusters are then matched on the common
    /// ones).
    pub fn items_warning(&self) -> Option<String> {
        let (b, n) = (&self.base_only_items, &self.new_only_items);
        (!b.is_empty() || !n.is_empty()).then(|| {
            format!(
                "warning: the runs' items differ; clusters are matched on the {} items both have (only in the base run: {}; only in the new run: {})",
                self.common_items,
                list_or_none(b),
                list_or_none(n),
            )
        })
    }
}

/// Writes the comparison of two runs under `prefix` (`""` or `compare-W1-W2/`): the
/// transitions, the cross-table, how the clusters were matched, the moves chart, the manifest
/// and the report. `command` is how the manifest names what made it.
pub fn write_comparison(
    out: &mut OutDir,
    prefix: &str,
    base: &RunFolder,
    new: &RunFolder,
    command: &str,
) -> Result<ComparisonSummary, ReportError> {
    let files = [("base", &base.files), ("new", &new.files)];
    let (base, new) = (&base.run, &new.run);
    let c = waves::compare(&base.clusters, &new.clusters)?;
    let mut w = |name: &str, bytes: &[u8]| out.write(&format!("{prefix}{name}"), bytes);
    w("transitions.csv", &transitions(&c).to_csv())?;
    w("transition_table.csv", &transition_table(base, &c).to_csv())?;
    w(
        "cluster_matching.csv",
        &cluster_matching(base, new, &c).to_csv(),
    )?;
    let chart = moves_chart(base, new, &c)?;
    w(&format!("charts/{}.svg", chart.name), chart.svg.as_bytes())?;
    w(&format!("charts/{}.png", chart.name), &chart.png)?;
    let outputs = manifest::outputs(out.files(), prefix);
    let manifest = manifest::to_json(&compare_manifest(base, new, &c, &files, command, outputs));
    let doc = narrative::compare(base, new, &c, &chart);
    let mut w = |name: &str, bytes: &[u8]| out.write(&format!("{prefix}{name}"), bytes);
    w("report.html", doc.to_html().as_bytes())?;
    w("report.md", doc.to_markdown().as_bytes())?;
    w("manifest.json", &manifest)?;
    Ok(ComparisonSummary {
        moved: c.count(TransitionStatus::Moved),
        common: c.common,
        ari: c.ari,
        common_items: c.common_items.len(),
        unit: Unit::new(base.clusters.model.unit()),
        base_only_items: c.base_only_items,
        new_only_items: c.new_only_items,
    })
}

/// `transitions.csv`: every trust analysed in either run.
fn transitions(c: &Comparison) -> Table {
    let mut t = Table::new(&["trust_id", "base_cluster", "new_cluster", "moved", "status"]);
    for tr in &c.transitions {
        let moved = match tr.status {
            TransitionStatus::Stayed => Some(false),
            TransitionStatus::Moved => Some(true),
            _ => None,
        };
        t.push(vec![
            tr.trust_id.as_str().into(),
            tr.base_cluster.into(),
            tr.new_cluster.into(),
            moved.into(),
            tr.status.as_str().into(),
        ]);
    }
    t
}

/// `transition_table.csv`: base clusters (and trusts new in the new run) down, new clusters
/// (relabelled; and trusts gone from the new run) across, with totals.
fn transition_table(base: &Run, c: &Comparison) -> Table {
    let counts = c.table();
    let new_numbers: BTreeSet<usize> = c.relabel.values().copied().collect();
    let mut header: Vec<String> = vec!["base_cluster".into()];
    header.extend(new_numbers.iter().map(|n| format!("new_{n}")));
    header.extend(["only_in_base".into(), "total".into()]);
    let mut t = Table::new(&header);
    let mut rows: Vec<(String, Option<usize>)> = base
        .clusters
        .model
        .clusters
        .iter()
        .map(|b| (b.cluster.to_string(), Some(b.cluster)))
        .collect();
    rows.push(("only_in_new".to_string(), None));
    for (label, b) in rows {
        let mut cells: Vec<Cell> = vec![label.into()];
        let mut total = 0;
        for n in new_numbers.iter().map(|n| Some(*n)).chain([None]) {
            let v = counts.get(&(b, n)).copied().unwrap_or(0);
            total += v;
            // Trusts in neither run do not exist: that corner stays empty.
            cells.push(if b.is_none() && n.is_none() {
                Cell::Empty
            } else {
                v.into()
            });
        }
        cells.push(total.into());
        t.push(cells);
    }
    t
}

/// `cluster_matching.csv`: how each new cluster was renumbered.
fn cluster_matching(base: &Run, new: &Run, c: &Comparison) -> Table {
    let mut t = Table::new(&[
        "new_cluster_own",
        "new_cluster",
        "new_name",
        "base_name",
        "centroid_distance",
    ]);
    for cl in &new.clusters.model.clusters {
        let to = c.relabel[&cl.cluster];
        t.push(vec![
            cl.cluster.into(),
            to.into(),
            cl.name.as_str().into(),
            base.clusters.model.name_of(to).into(),
            c.match_distance.get(&to).copied().into(),
        ]);
    }
    t
}

/// Each trust analysed in both runs, on the plane chart's axes of each run's own z-scores
/// (items both runs have), from its base to its new position.
fn moves_chart(base: &Run, new: &Run, c: &Comparison) -> Result<plots::Chart, ReportError> {
    // Both runs on the base run's plane.
    let model = &base.clusters.model;
    let plane = model.plane();
    let pos = |run: &Run, id: &str| run.position(id, &c.common_items, &plane);
    let moves: Vec<Move> = c
        .transitions
        .iter()
        .filter_map(|tr| {
            Some(Move {
                label: tr.trust_id.clone(),
                from: pos(base, &tr.trust_id),
                to: pos(new, &tr.trust_id),
                from_cluster: tr.base_cluster?,
                to_cluster: tr.new_cluster?,
            })
        })
        .filter(|m| {
            m.from.0.is_finite() && m.from.1.is_finite() && m.to.0.is_finite() && m.to.1.is_finite()
        })
        .collect();
    let label = |t: &str| model.theme_label(t);
    let unit = Unit::new(model.unit());
    let title = format!(
        "Movement of {} between runs, {}",
        unit.many,
        plane.describe(&label)
    );
    let text = plots::PlaneText {
        name: "moves",
        ..charts::plane_text(&plane, &label, title, &unit)
    };
    Ok(plots::moves(&moves, &move_styles(base, new, c), &text)?)
}

fn move_styles(base: &Run, new: &Run, c: &Comparison) -> Vec<ClusterStyle> {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for n in c.transitions.iter().filter_map(|t| t.new_cluster) {
        *sizes.entry(n).or_insert(0) += 1;
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
            // A new cluster left unmatched keeps its own name.
            let own = || c.relabel.iter().find(|(_, to)| **to == n).map(|(f, _)| *f);
            let name = (base.clusters.model.name_of(n))
                .or_else(|| own().and_then(|o| new.clusters.model.name_of(o)))
                .unwrap_or_default()
                .to_string();
            ClusterStyle {
                number: n,
                name,
                size: sizes.get(&n).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// A float for JSON, null when not defined (serde_json writes the shortest round-trip form).
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn compare_manifest(
    base: &Run,
    new: &Run,
    c: &Comparison,
    files: &[(&str, &RunFiles)],
    command: &str,
    outputs: Vec<String>,
) -> CompareManifest {
    let inputs = files
        .iter()
        .flat_map(|(run, f)| {
            RUN_FILES
                .iter()
                .zip([&f.model, &f.trusts, &f.trust_scores])
                .map(move |(name, bytes)| HashedFile {
                    file: format!("{run}/{name}"),
                    sha256: manifest::sha256(bytes),
                })
        })
        .collect();
    let counts = [
        ("in_both", c.common),
        ("stayed", c.stayed),
        ("moved", c.count(TransitionStatus::Moved)),
        ("only_in_base", c.count(TransitionStatus::OnlyInBase)),
        ("only_in_new", c.count(TransitionStatus::OnlyInNew)),
    ]
    .into_iter()
    .collect();
    CompareManifest {
        adjusted_rand_index: finite(c.ari),
        command: command.to_string(),
        counts,
        inputs,
        items: CompareItems {
            common: c.common_items.clone(),
            only_in_base: c.base_only_items.clone(),
            only_in_new: c.new_only_items.clone(),
        },
        outputs,
        parameters: CompareParameters {
            base_wave: base.wave.clone(),
            matching: "Hungarian algorithm (pathfinding::kuhn_munkres_min) on Euclidean distances between centroids on the common items, each in its own run's z-space, scaled by 1e9 to integers",
            new_wave: new.wave.clone(),
        },
        relabel: c.relabel.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        stayed_share: finite(c.stayed_share()),
        tool: manifest::TOOL,
        version: manifest::VERSION,
    }
}
