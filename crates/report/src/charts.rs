//! The run's results as plot inputs. Only analysed trusts ever reach a chart.

use plots::{
    AlignRow, Branch, CategoryGroup, Centroid, CharacteristicText, Chart, ClusterStyle, KIndices,
    MembershipBar, NumericGroup, PlaneText, PlotError, ProfileCell, SensitivityBar, SilhouetteBar,
    StabilityBar, StdShares, Tree, TreeLeaf, TrustPoint,
};

use analysis::Analysis;
use profiles::Plane;
use rayon::prelude::*;

use crate::Unit;

/// The words of a plane chart on `plane`'s axes, titled `title`.
pub fn plane_text(
    plane: &Plane,
    label: &dyn Fn(&str) -> String,
    title: String,
    unit: &Unit,
) -> PlaneText {
    let (x, y) = plane.axis_titles(label);
    PlaneText {
        name: plane.stem(),
        title,
        x,
        y,
        unit: unit.clone(),
    }
}

pub fn styles(a: &Analysis) -> Vec<ClusterStyle> {
    a.clusters
        .iter()
        .map(|c| ClusterStyle {
            number: c.cluster,
            name: c.name.clone(),
            size: c.size,
        })
        .collect()
}

fn group_label(group: &str) -> String {
    if group == "all" {
        "All".to_string()
    } else {
        format!("Cluster {group}")
    }
}

/// The file stems of the characteristics' charts, in their order: `characteristic_` and the
/// column name made safe for a file name (ASCII letters and digits, `_` for the rest), with
/// the column's place added when two names would clash.
pub fn characteristic_chart_names(c: &characteristics::Characteristics) -> Vec<String> {
    let slug = |name: &str| -> String {
        let s: String = name
            .chars()
            .map(|ch| {
                if ch.is_ascii_alphanumeric() {
                    ch.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        s.trim_matches('_').to_string()
    };
    let slugs: Vec<String> = c.variables.iter().map(|v| slug(&v.name)).collect();
    slugs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let clash = s.is_empty() || slugs.iter().filter(|o| *o == s).count() > 1;
            if clash {
                format!("characteristic_{}_{}", i + 1, s)
                    .trim_end_matches('_')
                    .to_string()
            } else {
                format!("characteristic_{s}")
            }
        })
        .collect()
}

/// One chart to draw; drawn on any thread (every chart is drawn on its own).
type Job<'a> = Box<dyn Fn() -> Result<Chart, PlotError> + Send + Sync + 'a>;

/// Every chart of a run, in the report's order. The charts are independent, so they are drawn
/// side by side; each one's bytes depend only on its inputs.
pub fn all(a: &Analysis, unit: &Unit) -> Result<Vec<Chart>, PlotError> {
    let styles = styles(a);
    let styles = &styles;
    let s = &a.agg.scores;
    let pos = a.plane_positions();
    let points: Vec<TrustPoint> = (0..s.rows())
        .map(|r| TrustPoint {
            label: s.trust_ids[r].clone(),
            x: pos[r].0,
            y: pos[r].1,
            cluster: a.fit.labels[r] + 1,
            responses: s.responses[r],
            membership: a.membership_probability(r),
        })
        .collect();
    let centroids: Vec<Centroid> = (0..a.k)
        .map(|c| {
            let members: Vec<usize> = (0..s.rows()).filter(|r| a.fit.labels[*r] == c).collect();
            let mean = |f: fn(&(f64, f64)) -> f64| {
                members.iter().map(|r| f(&pos[*r])).sum::<f64>() / members.len().max(1) as f64
            };
            Centroid {
                cluster: c + 1,
                x: mean(|p| p.0),
                y: mean(|p| p.1),
            }
        })
        .collect();
    let label = |t: &str| a.theme_label(t);
    let title = format!(
        "{} {} (k = {})",
        unit.many_title(),
        a.plane.describe(&label),
        a.k
    );
    let text = plane_text(&a.plane, &label, title, unit);

    // Themes by their labels, in the instrument's order; a label two themes share gets its id,
    // so their columns stay apart.
    let ids = s.distinct_themes();
    let column = |t: &str| {
        let l = label(t);
        if ids.iter().filter(|o| label(o) == l).count() > 1 {
            format!("{l} ({t})")
        } else {
            l
        }
    };
    let themes: Vec<String> = ids.iter().map(|t| column(t)).collect();
    let cells: Vec<ProfileCell> = a
        .profiles
        .iter()
        .map(|p| ProfileCell {
            cluster: p.cluster,
            theme: column(&p.theme),
            mean_z: p.mean_z,
        })
        .collect();
    let krows: Vec<KIndices> = a
        .k_rows
        .iter()
        .map(|r| KIndices {
            k: r.k,
            wss: r.wss,
            silhouette: r.silhouette,
            ch: r.calinski_harabasz,
            db: r.davies_bouldin,
            gap: r.gap,
            gap_se: r.gap_se,
        })
        .collect();
    let bars: Vec<SilhouetteBar> = (0..s.rows())
        .map(|r| SilhouetteBar {
            label: s.trust_ids[r].clone(),
            cluster: a.fit.labels[r] + 1,
            width: a.silhouette[r],
        })
        .collect();
    let stab: Vec<StabilityBar> = a
        .stability
        .jaccard_mean
        .iter()
        .enumerate()
        .map(|(c, j)| StabilityBar {
            cluster: c + 1,
            jaccard_mean: *j,
        })
        .collect();

    let mut jobs: Vec<Job> = vec![
        Box::new(|| plots::plane(&points, &centroids, styles, &text)),
        Box::new(|| plots::profiles(&cells, styles, &themes, unit)),
        Box::new(|| plots::k_selection(&krows, a.k)),
        Box::new(|| plots::silhouette(&bars, styles, unit)),
        Box::new(|| plots::stability(&stab, styles, unit)),
        Box::new(|| dendrogram(a, styles, unit)),
    ];
    if let Some(m) = &a.membership {
        jobs.push(Box::new(move || {
            let bars: Vec<MembershipBar> = (0..s.rows())
                .map(|r| MembershipBar {
                    label: s.trust_ids[r].clone(),
                    cluster: a.fit.labels[r] + 1,
                    probabilities: m.probability.row(r).to_vec(),
                })
                .collect();
            plots::membership(&bars, styles, m.resamples, unit)
        }));
    }
    if let Some(rows) = &a.sensitivity {
        jobs.push(Box::new(move || sensitivity(a, rows, unit)));
    }
    if a.has_standardisation() {
        jobs.push(Box::new(|| standardisation(a)));
    }
    if a.has_alignment() {
        jobs.push(Box::new(|| alignment(a)));
    }
    if let Some(c) = &a.characteristics {
        let names = characteristic_chart_names(c);
        for (v, name) in c.variables.iter().zip(names) {
            jobs.push(Box::new(move || {
                characteristic(v, name.clone(), c.min_cell, styles, unit)
            }));
        }
    }
    jobs.par_iter().map(|job| job()).collect()
}

/// One characteristic by cluster: points with quartiles, or stacked shares. A withheld
/// cluster reaches the chart with its size only.
fn characteristic(
    v: &characteristics::Compared,
    name: String,
    min_cell: usize,
    styles: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let text = CharacteristicText {
        name,
        variable: v.name.clone(),
        test: v
            .test
            .as_ref()
            .map(crate::narrative::test_line)
            .unwrap_or_else(|| "Not tested: fewer than two clusters are shown.".into()),
        min_cell,
        unit: unit.clone(),
    };
    let style = |c: usize| styles.get(c).cloned();
    match v.kind {
        characteristics::Kind::Numeric => {
            let groups: Vec<NumericGroup> = v
                .groups
                .iter()
                .enumerate()
                .filter_map(|(c, g)| {
                    Some(NumericGroup {
                        cluster: style(c)?,
                        n: g.n,
                        values: g.values.clone(),
                        quartiles: g.summary.map(|s| (s.q1, s.median, s.q3)),
                        withheld: g.withheld,
                    })
                })
                .collect();
            plots::characteristic_numeric(&text, &groups)
        }
        characteristics::Kind::Categorical => {
            let groups: Vec<CategoryGroup> = v
                .groups
                .iter()
                .enumerate()
                .filter_map(|(c, g)| {
                    Some(CategoryGroup {
                        cluster: style(c)?,
                        n: g.n,
                        counts: g.counts.clone(),
                        withheld: g.withheld,
                    })
                })
                .collect();
            plots::characteristic_categorical(&text, &v.categories, &groups)
        }
    }
}

/// The re-runs, labelled in words; a re-run's detail names no unit.
fn sensitivity(
    a: &Analysis,
    rows: &[analysis::SensitivityRow],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let bars: Vec<SensitivityBar> = rows
        .iter()
        .map(|r| {
            let (group, label) = match &r.change {
                analysis::Change::MinResponses(m) => (
                    "Response threshold".to_string(),
                    format!("at least {m} responses"),
                ),
                analysis::Change::LeaveOutTheme(t) => (
                    "Theme left out".to_string(),
                    format!("without {}", a.theme_label(t)),
                ),
            };
            let detail = match r.k {
                None if r.not_clustered == Some(analysis::NotClustered::NoStatementsLeft) => {
                    "no statements left".to_string()
                }
                None => format!("{}: too few to cluster", unit.count(r.trusts_analysed)),
                Some(k) => format!(
                    "{}, k = {k}, {} moved",
                    unit.count(r.trusts_analysed),
                    r.moved.len()
                ),
            };
            SensitivityBar {
                group,
                label: if r.is_base {
                    format!("{label} (the run)")
                } else {
                    label
                },
                ari: r.ari_vs_base,
                detail,
                base: r.is_base,
            }
        })
        .collect();
    plots::sensitivity(&bars)
}

/// Ward's tree of the analysed trusts, leaves by trust id.
fn dendrogram(a: &Analysis, styles: &[ClusterStyle], unit: &Unit) -> Result<Chart, PlotError> {
    let m = &a.methods;
    let branch = |node: cluster::Node| match node {
        cluster::Node::Leaf(r) => Branch::Leaf(r),
        cluster::Node::Step(s) => Branch::Merge(s),
    };
    let tree = Tree {
        leaves: (0..a.agg.scores.rows())
            .map(|r| TreeLeaf {
                label: a.agg.scores.trust_ids[r].clone(),
                cluster: a.fit.labels[r] + 1,
                ward_cluster: m.ward.labels[r] + 1,
            })
            .collect(),
        merges: m
            .dendrogram
            .merges
            .iter()
            .map(|x| (branch(x.left), branch(x.right), x.height))
            .collect(),
        order: m.dendrogram.order.clone(),
        k: a.k,
    };
    plots::dendrogram(&tree, styles, unit)
}

/// Suppressed groups (fewer answers than --min-cell) are left out of the chart entirely.
fn standardisation(a: &Analysis) -> Result<Chart, PlotError> {
    let std_rows: Vec<StdShares> = a
        .standardisation
        .iter()
        .filter_map(|r| {
            r.value.shares.map(|sh| StdShares {
                area: a.codebook.item_text(&r.area),
                group: group_label(&r.group),
                n: r.value.n,
                more: sh[0],
                same: sh[1],
                less: sh[2],
            })
        })
        .collect();
    plots::standardisation(&std_rows)
}

fn alignment(a: &Analysis) -> Result<Chart, PlotError> {
    let align: Vec<AlignRow> = a
        .alignment
        .iter()
        .filter_map(|r| {
            r.value.shares.map(|sh| AlignRow {
                group: group_label(&r.group),
                n: r.value.n,
                a: sh[0],
                b: sh[1],
                c: sh[2],
            })
        })
        .collect();
    plots::alignment(&align)
}
