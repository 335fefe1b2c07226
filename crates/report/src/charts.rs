//! The run's results as plot inputs. Only analysed trusts ever reach a chart.

use plots::{
    AlignRow, Centroid, Chart, ClusterStyle, KIndices, PlotError, ProfileCell, SilhouetteBar,
    StabilityBar, StdShares, TrustPoint,
};

use analysis::Analysis;

/// The study's headline axes.
pub const X_THEME: &str = "autonomy";
pub const Y_THEME: &str = "teaching_pedagogy";
/// The file stem of the plane chart of those axes.
pub const PLANE: &str = "autonomy_vs_pedagogy";

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

/// Area labels (codebook text) by area item id.
fn area_label(a: &Analysis, area_id: &str) -> String {
    a.codebook
        .items
        .iter()
        .find(|i| i.id == area_id)
        .map(|i| {
            if i.text.is_empty() {
                i.id.clone()
            } else {
                i.text.clone()
            }
        })
        .unwrap_or_else(|| area_id.to_string())
}

fn group_label(group: &str) -> String {
    if group == "all" {
        "All".to_string()
    } else {
        format!("Cluster {group}")
    }
}

pub fn all(a: &Analysis) -> Result<Vec<Chart>, PlotError> {
    let styles = styles(a);
    let mut charts = Vec::new();

    let xs = a.theme_scores(X_THEME);
    let ys = a.theme_scores(Y_THEME);
    let s = &a.agg.scores;
    let points: Vec<TrustPoint> = (0..s.rows())
        .map(|r| TrustPoint {
            label: s.trust_ids[r].clone(),
            x: xs[r],
            y: ys[r],
            cluster: a.fit.labels[r] + 1,
            responses: s.responses[r],
        })
        .collect();
    let centroids: Vec<Centroid> = (0..a.k)
        .map(|c| {
            let members: Vec<usize> = (0..s.rows()).filter(|r| a.fit.labels[*r] == c).collect();
            let mean = |v: &[f64]| {
                members.iter().map(|r| v[*r]).sum::<f64>() / members.len().max(1) as f64
            };
            Centroid {
                cluster: c + 1,
                x: mean(&xs),
                y: mean(&ys),
            }
        })
        .collect();
    let title = format!(
        "Trusts by focus on autonomy and on teaching and pedagogy (k = {})",
        a.k
    );
    charts.push(plots::autonomy_vs_pedagogy(
        &points, &centroids, &styles, &title,
    )?);

    let mut themes: Vec<String> = Vec::new();
    for t in &s.themes {
        if !themes.contains(t) {
            themes.push(t.clone());
        }
    }
    let cells: Vec<ProfileCell> = a
        .profiles
        .iter()
        .map(|p| ProfileCell {
            cluster: p.cluster,
            theme: p.theme.clone(),
            mean_z: p.mean_z,
        })
        .collect();
    charts.push(plots::profiles(&cells, &styles, &themes)?);

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
    charts.push(plots::k_selection(&krows, a.k)?);

    let bars: Vec<SilhouetteBar> = (0..s.rows())
        .map(|r| SilhouetteBar {
            label: s.trust_ids[r].clone(),
            cluster: a.fit.labels[r] + 1,
            width: a.silhouette[r],
        })
        .collect();
    charts.push(plots::silhouette(&bars, &styles)?);

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
    charts.push(plots::stability(&stab, &styles)?);

    // Suppressed groups (fewer answers than --min-cell) are left out of the chart entirely.
    let std_rows: Vec<StdShares> = a
        .standardisation
        .iter()
        .filter_map(|r| {
            r.value.shares.map(|sh| StdShares {
                area: area_label(a, &r.area),
                group: group_label(&r.group),
                n: r.value.n,
                more: sh[0],
                same: sh[1],
                less: sh[2],
            })
        })
        .collect();
    charts.push(plots::standardisation(&std_rows)?);

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
    charts.push(plots::alignment(&align)?);
    Ok(charts)
}
