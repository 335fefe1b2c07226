//! Matching two runs' clusters and listing which trusts stayed, moved, joined or left
//! (`compare`).

use std::collections::{BTreeMap, BTreeSet};

use cluster::Array2;

use crate::error::ModelError;
use crate::model::{Model, ModelCluster};

/// One run's clustering, as `compare` needs it: the model (items and centroids) and the cluster
/// of each analysed trust.
#[derive(Clone, Debug)]
pub struct RunClusters {
    pub model: Model,
    /// Analysed trust id -> cluster number (1-based, as in the run's files).
    pub clusters: BTreeMap<String, usize>,
}

/// What happened to one trust between two runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TransitionStatus {
    Stayed,
    Moved,
    OnlyInBase,
    OnlyInNew,
}

impl TransitionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TransitionStatus::Stayed => "stayed",
            TransitionStatus::Moved => "moved",
            TransitionStatus::OnlyInBase => "only_in_base",
            TransitionStatus::OnlyInNew => "only_in_new",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub trust_id: String,
    pub base_cluster: Option<usize>,
    /// In the base run's numbering (see [`Comparison::relabel`]).
    pub new_cluster: Option<usize>,
    pub status: TransitionStatus,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    /// Items both models have, in the base model's order: the coordinates of the matching.
    pub common_items: Vec<String>,
    /// Items only one model has (a question added or dropped): not used for the matching.
    pub base_only_items: Vec<String>,
    pub new_only_items: Vec<String>,
    /// The new run's cluster number -> its number in the base numbering. A new cluster left
    /// unmatched (the new run has more clusters) gets a number after the base run's largest.
    pub relabel: BTreeMap<usize, usize>,
    /// Distance between each new cluster's centroid and the base centroid it was matched to,
    /// keyed by the relabelled number (absent for unmatched new clusters).
    pub match_distance: BTreeMap<usize, f64>,
    /// Every trust analysed in either run, by id.
    pub transitions: Vec<Transition>,
    /// Trusts analysed in both runs, and of those the ones in the same (relabelled) cluster.
    pub common: usize,
    pub stayed: usize,
    /// Adjusted Rand index of the two partitions of the common trusts (labels do not matter);
    /// NaN with fewer than two common trusts.
    pub ari: f64,
}

impl Comparison {
    /// Share of the common trusts that stayed (NaN if none in common).
    pub fn stayed_share(&self) -> f64 {
        if self.common == 0 {
            f64::NAN
        } else {
            self.stayed as f64 / self.common as f64
        }
    }

    /// How many trusts had this status.
    pub fn count(&self, status: TransitionStatus) -> usize {
        self.transitions
            .iter()
            .filter(|t| t.status == status)
            .count()
    }

    /// Counts of trusts by (base cluster, relabelled new cluster); `None` = not in that run.
    pub fn table(&self) -> BTreeMap<(Option<usize>, Option<usize>), usize> {
        let mut t = BTreeMap::new();
        for tr in &self.transitions {
            *t.entry((tr.base_cluster, tr.new_cluster)).or_insert(0) += 1;
        }
        t
    }
}

/// Matches the new run's clusters to the base run's by the distance between centroids on the
/// items both models have (each centroid in its own run's z-space, as each run was clustered on
/// its own), with the Hungarian algorithm ([`cluster::match_clusters`]), relabels the new
/// clusters in the base numbering and lists every trust's transition.
pub fn compare(base: &RunClusters, new: &RunClusters) -> Result<Comparison, ModelError> {
    base.model.check()?;
    new.model.check()?;
    let new_col: BTreeMap<&str, usize> = new
        .model
        .items
        .iter()
        .enumerate()
        .map(|(c, i)| (i.item_id.as_str(), c))
        .collect();
    let base_ids: BTreeSet<&str> = base
        .model
        .items
        .iter()
        .map(|i| i.item_id.as_str())
        .collect();
    let common: Vec<(usize, usize)> = base
        .model
        .items
        .iter()
        .enumerate()
        .filter_map(|(b, i)| new_col.get(i.item_id.as_str()).map(|&n| (b, n)))
        .collect();
    if common.is_empty() {
        return Err(ModelError::NoCommonItems);
    }
    let d = common.len();
    let cents = |clusters: &[ModelCluster], pick: &dyn Fn(&(usize, usize)) -> usize| {
        Array2::from_shape_vec(
            (clusters.len(), d),
            clusters
                .iter()
                .flat_map(|c| {
                    common
                        .iter()
                        .map(|p| c.centroid[pick(p)])
                        .collect::<Vec<_>>()
                })
                .collect(),
        )
        .map_err(|e| ModelError::Inconsistent(e.to_string()))
    };
    let b = cents(&base.model.clusters, &|p| p.0)?;
    let n = cents(&new.model.clusters, &|p| p.1)?;
    let matched = cluster::match_clusters(b.view(), n.view())?;
    let base_max = base
        .model
        .clusters
        .iter()
        .map(|c| c.cluster)
        .max()
        .unwrap_or(0);
    let mut relabel = BTreeMap::new();
    let mut match_distance = BTreeMap::new();
    for (j, &label) in matched.iter().enumerate() {
        let to = if label < base.model.clusters.len() {
            let dist = b
                .row(label)
                .iter()
                .zip(n.row(j).iter())
                .map(|(x, y)| (x - y).powi(2))
                .sum::<f64>()
                .sqrt();
            let number = base.model.clusters[label].cluster;
            match_distance.insert(number, dist);
            number
        } else {
            base_max + 1 + (label - base.model.clusters.len())
        };
        relabel.insert(new.model.clusters[j].cluster, to);
    }
    let ids: BTreeSet<&String> = base.clusters.keys().chain(new.clusters.keys()).collect();
    let mut transitions = Vec::new();
    let (mut common_n, mut stayed) = (0, 0);
    let (mut la, mut lb) = (Vec::new(), Vec::new());
    for id in ids {
        let bc = base.clusters.get(id).copied();
        let nc = match new.clusters.get(id) {
            Some(c) => Some(*relabel.get(c).ok_or_else(|| {
                ModelError::Inconsistent(format!(
                    "trust {id} is in cluster {c}, which the new model does not have"
                ))
            })?),
            None => None,
        };
        let status = match (bc, nc) {
            (Some(x), Some(y)) => {
                common_n += 1;
                la.push(x);
                lb.push(y);
                if x == y {
                    stayed += 1;
                    TransitionStatus::Stayed
                } else {
                    TransitionStatus::Moved
                }
            }
            (Some(_), None) => TransitionStatus::OnlyInBase,
            _ => TransitionStatus::OnlyInNew,
        };
        transitions.push(Transition {
            trust_id: id.clone(),
            base_cluster: bc,
            new_cluster: nc,
            status,
        });
    }
    let ari = if common_n >= 2 {
        cluster::adjusted_rand_index(&la, &lb)
    } else {
        f64::NAN
    };
    let new_ids: BTreeSet<&str> = new.model.items.iter().map(|i| i.item_id.as_str()).collect();
    Ok(Comparison {
        common_items: common
            .iter()
            .map(|&(b, _)| base.model.items[b].item_id.clone())
            .collect(),
        base_only_items: base
            .model
            .items
            .iter()
            .filter(|i| !new_ids.contains(i.item_id.as_str()))
            .map(|i| i.item_id.clone())
            .collect(),
        new_only_items: new
            .model
            .items
            .iter()
            .filter(|i| !base_ids.contains(i.item_id.as_str()))
            .map(|i| i.item_id.clone())
            .collect(),
        relabel,
        match_distance,
        transitions,
        common: common_n,
        stayed,
        ari,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::model;

    #[test]
    fn compare_relabels_and_lists_moves_joins_and_leaves() {
        let base = RunClusters {
            model: model(&[("a", "x"), ("b", "y")], &[&[1.0, 0.0], &[-1.0, 0.0]]),
            clusters: [("p", 1), ("q", 1), ("r", 2), ("s", 2), ("gone", 1)]
                .iter()
                .map(|(t, c)| (t.to_string(), *c))
                .collect(),
        };
        // The new run found the same two clusters but numbered the other way round, and has an
        // added item c that the base lacks.
        let new = RunClusters {
            model: model(
                &[("a", "x"), ("c", "z"), ("b", "y")],
                &[&[-1.1, 9.0, 0.1], &[0.9, -9.0, 0.0]],
            ),
            clusters: [("p", 2), ("q", 1), ("r", 1), ("s", 1), ("joined", 2)]
                .iter()
                .map(|(t, c)| (t.to_string(), *c))
                .collect(),
        };
        let c = compare(&base, &new).unwrap();
        assert_eq!(c.common_items, vec!["a", "b"]);
        assert_eq!(c.new_only_items, vec!["c"]);
        assert_eq!(c.relabel, [(1, 2), (2, 1)].into_iter().collect());
        let got: Vec<(&str, Option<usize>, Option<usize>, TransitionStatus)> = c
            .transitions
            .iter()
            .map(|t| (t.trust_id.as_str(), t.base_cluster, t.new_cluster, t.status))
            .collect();
        assert_eq!(
            got,
            vec![
                ("gone", Some(1), None, TransitionStatus::OnlyInBase),
                ("joined", None, Some(1), TransitionStatus::OnlyInNew),
                ("p", Some(1), Some(1), TransitionStatus::Stayed),
                ("q", Some(1), Some(2), TransitionStatus::Moved),
                ("r", Some(2), Some(2), TransitionStatus::Stayed),
                ("s", Some(2), Some(2), TransitionStatus::Stayed),
            ]
        );
        assert_eq!((c.common, c.stayed), (4, 3));
        assert_eq!(c.stayed_share(), 0.75);
        // base [1,1,2,2] vs new [1,2,2,2]: scikit-learn adjusted_rand_score gives 0.0
        assert!(c.ari.abs() < 1e-12, "{}", c.ari);
        assert_eq!(c.table()[&(Some(2), Some(2))], 2);
    }
}
