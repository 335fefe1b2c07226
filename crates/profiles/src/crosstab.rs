//! Answers by cluster, from per-trust counts (never from respondent rows). A group with fewer
//! than `min_cell` answers is suppressed: its count is kept, its shares are not.

use aggregate::Aggregation;

#[derive(Clone, Debug, PartialEq)]
pub struct Shares {
    pub n: usize,
    /// `None` when suppressed (n below the disclosure threshold).
    pub shares: Option<[f64; 3]>,
}

fn shares(counts: [usize; 3], min_cell: usize) -> Shares {
    let n: usize = counts.iter().sum();
    let shares = (n >= min_cell && n > 0).then(|| counts.map(|c| c as f64 / n as f64));
    Shares { n, shares }
}

/// Groups: "all", then "1", "2", ... for each cluster.
fn groups(k: usize) -> Vec<(String, Option<usize>)> {
    std::iter::once(("all".to_string(), None))
        .chain((0..k).map(|c| ((c + 1).to_string(), Some(c))))
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct StdRow {
    pub area: String,
    pub group: String,
    /// [more, same, less]
    pub value: Shares,
}

/// Standardisation wishes by area, overall and per cluster. `areas` are the area names in
/// codebook order; `labels` are 0-based clusters in score-table order.
pub fn standardisation(
    agg: &Aggregation,
    areas: &[String],
    labels: &[usize],
    k: usize,
    min_cell: usize,
) -> Vec<StdRow> {
    let mut out = Vec::new();
    for (d, area) in areas.iter().enumerate() {
        for (group, cluster) in groups(k) {
            let mut counts = [0usize; 3];
            for (r, per_area) in agg.standardisation.iter().enumerate() {
                if cluster.is_none_or(|c| labels[r] == c) {
                    for (a, count) in counts.iter_mut().enumerate() {
                        *count += per_area[d][a];
                    }
                }
            }
            out.push(StdRow {
                area: area.clone(),
                group,
                value: shares(counts, min_cell),
            });
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlignmentRow {
    pub group: String,
    /// [A, B, C]
    pub value: Shares,
}

pub fn alignment(
    agg: &Aggregation,
    labels: &[usize],
    k: usize,
    min_cell: usize,
) -> Vec<AlignmentRow> {
    groups(k)
        .into_iter()
        .map(|(group, cluster)| {
            let mut counts = [0usize; 3];
            for (r, c3) in agg.alignment.iter().enumerate() {
                if cluster.is_none_or(|c| labels[r] == c) {
                    for (a, count) in counts.iter_mut().enumerate() {
                        *count += c3[a];
                    }
                }
            }
            AlignmentRow {
                group,
                value: shares(counts, min_cell),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_are_suppressed() {
        assert_eq!(shares([1, 2, 1], 5).shares, None);
        let s = shares([3, 1, 1], 5).shares.unwrap();
        assert!((s[0] - 0.6).abs() < 1e-15 && (s[2] - 0.2).abs() < 1e-15);
        assert_eq!(shares([0, 0, 0], 0).shares, None);
    }
}
