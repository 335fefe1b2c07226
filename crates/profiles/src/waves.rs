//! Later waves against saved clusters: checking a `model.json` against the codebook in use,
//! placing a new wave's trusts in the saved clusters (`assign`), and matching two runs' clusters
//! and listing who moved (`compare`).

use std::collections::{BTreeMap, BTreeSet};

use aggregate::ScoreTable;
use cluster::Array2;

use crate::model::{Model, MODEL_FORMAT};

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the model's format is {found:?}, but this version reads {expected:?}; refit it with `matcluster run`")]
    Format {
        found: String,
        expected: &'static str,
    },
    #[error("the model is inconsistent: {0}; it may have been edited by hand, so refit it with `matcluster run`")]
    Inconsistent(String),
    #[error("{0}")]
    Codebook(CodebookMismatch),
    #[error("the model and the data share no statement, so nothing can be placed or compared")]
    NoCommonItems,
    #[error("clustering maths failed: {0}")]
    Cluster(#[from] cluster::ClusterError),
}

/// How a model's items differ from the codebook in use; every list is sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookMismatch {
    /// Items of the model that are not statements of the codebook.
    pub missing_from_codebook: Vec<String>,
    /// Statements of the codebook the model does not have (reported only to help: on their
    /// own they are not a mismatch, as a question added after the model's wave is simply not
    /// used).
    pub extra_in_codebook: Vec<String>,
    /// (item, theme in the model, theme in the codebook).
    pub theme_changed: Vec<(String, String, String)>,
}

impl std::fmt::Display for CodebookMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if !self.missing_from_codebook.is_empty() {
            parts.push(format!(
                "items in the model but not statements of the codebook: {}",
                self.missing_from_codebook.join(", ")
            ));
        }
        if !self.extra_in_codebook.is_empty() {
            parts.push(format!(
                "statements of the codebook not in the model: {}",
                self.extra_in_codebook.join(", ")
            ));
        }
        for (item, m, c) in &self.theme_changed {
            parts.push(format!(
                "{item} is in theme {m} in the model but {c} in the codebook"
            ));
        }
        write!(
            f,
            "the model does not match the codebook: {}; use the codebook the model was fitted with (a renamed question keeps its item_id and lists its new header in `aliases`)",
            parts.join("; ")
        )
    }
}

impl Model {
    /// The format tag and the shapes (k, one centroid value per item, finite numbers).
    pub fn check(&self) -> Result<(), ModelError> {
        if self.format != MODEL_FORMAT {
            return Err(ModelError::Format {
                found: self.format.clone(),
                expected: MODEL_FORMAT,
            });
        }
        let bad = |m: String| Err(ModelError::Inconsistent(m));
        if self.items.is_empty() || self.clusters.is_empty() {
            return bad("it has no items or no clusters".into());
        }
        if self.k != self.clusters.len() {
            return bad(format!(
                "k is {} but it lists {} clusters",
                self.k,
                self.clusters.len()
            ));
        }
        let mut ids = BTreeSet::new();
        for it in &self.items {
            if !ids.insert(it.item_id.as_str()) {
                return bad(format!("item {} is listed twice", it.item_id));
            }
            if !it.mean.is_finite() || !it.sd.is_finite() || it.sd < 0.0 {
                return bad(format!(
                    "item {} has mean {} and sd {}",
                    it.item_id, it.mean, it.sd
                ));
            }
        }
        let mut numbers = BTreeSet::new();
        for c in &self.clusters {
            if c.cluster == 0 || !numbers.insert(c.cluster) {
                return bad(format!("cluster number {} is 0 or repeated", c.cluster));
            }
            if c.centroid.len() != self.items.len() || c.centroid.iter().any(|v| !v.is_finite()) {
                return bad(format!(
                    "cluster {}'s centroid has {} values for {} items (or a value that is not a number)",
                    c.cluster,
                    c.centroid.len(),
                    self.items.len()
                ));
            }
        }
        Ok(())
    }

    /// Checks the model's items against the codebook's statements, given as (item id, theme).
    /// Every model item must be a statement of the same theme; codebook statements the model
    /// lacks are returned (a question added later: not used) and are not an error.
    pub fn check_codebook(&self, statements: &[(&str, &str)]) -> Result<Vec<String>, ModelError> {
        let codebook: BTreeMap<&str, &str> = statements.iter().copied().collect();
        let model: BTreeSet<&str> = self.items.iter().map(|i| i.item_id.as_str()).collect();
        let mut missing: Vec<String> = self
            .items
            .iter()
            .filter(|i| !codebook.contains_key(i.item_id.as_str()))
            .map(|i| i.item_id.clone())
            .collect();
        missing.sort();
        let extra: Vec<String> = codebook
            .keys()
            .filter(|k| !model.contains(*k))
            .map(|k| k.to_string())
            .collect();
        let theme_changed: Vec<(String, String, String)> = self
            .items
            .iter()
            .filter_map(|i| {
                codebook
                    .get(i.item_id.as_str())
                    .filter(|t| **t != i.theme)
                    .map(|t| (i.item_id.clone(), i.theme.clone(), t.to_string()))
            })
            .collect();
        if missing.is_empty() && theme_changed.is_empty() {
            Ok(extra)
        } else {
            Err(ModelError::Codebook(CodebookMismatch {
                missing_from_codebook: missing,
                extra_in_codebook: extra,
                theme_changed,
            }))
        }
    }
}

/// One trust of a new wave placed in the saved clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedTrust {
    pub trust_id: String,
    pub responses: usize,
    /// The saved cluster's number (1 = largest in the fitted wave).
    pub cluster: usize,
    pub distance: f64,
    pub nearest_margin: f64,
    /// z-scores on the items used, with the saved standardisation.
    pub z: Vec<f64>,
}

/// A wave placed in the saved clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Model items the wave has, in model order: the coordinates of `z` and of the distances.
    pub items_used: Vec<String>,
    /// Their themes, parallel to `items_used`.
    pub themes_used: Vec<String>,
    /// Model items the wave lacks (a question dropped): left out of the distances.
    pub items_missing: Vec<String>,
    /// Statements of the wave the model lacks (a question added): not used.
    pub items_unused: Vec<String>,
    /// The saved centroids on `items_used`, in model cluster order, with their numbers.
    pub centroids: Vec<(usize, Vec<f64>)>,
    /// Trust means that were missing (no answer in the trust) and so set to z = 0, as in `run`.
    pub imputed: usize,
    pub trusts: Vec<PlacedTrust>,
}

/// Places every analysed trust of `scores` (one wave) in the nearest saved centroid
/// (Euclidean in z-space). Trust means are standardised with the model's saved item means and
/// sds, never refitted; a trust with no answer to an item, or an item whose saved sd is 0, gets
/// z = 0 there. Model items the wave lacks are left out of the distances for every trust (the
/// placement is then on the common items); if none is left, [`ModelError::NoCommonItems`].
pub fn place(model: &Model, scores: &ScoreTable) -> Result<Placed, ModelError> {
    model.check()?;
    let col_of: BTreeMap<&str, usize> = scores
        .item_ids
        .iter()
        .enumerate()
        .map(|(c, id)| (id.as_str(), c))
        .collect();
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for (m, it) in model.items.iter().enumerate() {
        match col_of.get(it.item_id.as_str()) {
            Some(&c) => used.push((m, c)),
            None => missing.push(it.item_id.clone()),
        }
    }
    if used.is_empty() {
        return Err(ModelError::NoCommonItems);
    }
    let model_ids: BTreeSet<&str> = model.items.iter().map(|i| i.item_id.as_str()).collect();
    let unused: Vec<String> = scores
        .item_ids
        .iter()
        .filter(|i| !model_ids.contains(i.as_str()))
        .cloned()
        .collect();
    let rows = scores.rows();
    let d = used.len();
    let mut z = Vec::with_capacity(rows * d);
    let mut imputed = 0;
    for r in 0..rows {
        for &(m, c) in &used {
            let it = &model.items[m];
            let v = scores.mean[r * scores.cols() + c];
            z.push(if v.is_finite() && it.sd > 0.0 {
                (v - it.mean) / it.sd
            } else {
                imputed += usize::from(!v.is_finite());
                0.0
            });
        }
    }
    let centroids: Vec<(usize, Vec<f64>)> = model
        .clusters
        .iter()
        .map(|cl| {
            (
                cl.cluster,
                used.iter().map(|&(m, _)| cl.centroid[m]).collect(),
            )
        })
        .collect();
    let points = Array2::from_shape_vec((rows, d), z.clone())
        .map_err(|e| ModelError::Inconsistent(e.to_string()))?;
    let cents = Array2::from_shape_vec(
        (centroids.len(), d),
        centroids
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .collect(),
    )
    .map_err(|e| ModelError::Inconsistent(e.to_string()))?;
    let placements = cluster::nearest_centroids(points.view(), cents.view())?;
    let trusts = placements
        .iter()
        .enumerate()
        .map(|(r, p)| PlacedTrust {
            trust_id: scores.trust_ids[r].clone(),
            responses: scores.responses[r],
            cluster: centroids[p.cluster].0,
            distance: p.distance,
            nearest_margin: p.nearest_margin,
            z: z[r * d..(r + 1) * d].to_vec(),
        })
        .collect();
    Ok(Placed {
        items_used: used
            .iter()
            .map(|&(m, _)| model.items[m].item_id.clone())
            .collect(),
        themes_used: used
            .iter()
            .map(|&(m, _)| model.items[m].theme.clone())
            .collect(),
        items_missing: missing,
        items_unused: unused,
        centroids,
        imputed,
        trusts,
    })
}

/// The mean of the values whose theme is `theme` (NaN if none): a trust's or centroid's
/// position on a theme axis of the charts.
pub fn theme_mean(values: &[f64], themes: &[String], theme: &str) -> f64 {
    let v: Vec<f64> = values
        .iter()
        .zip(themes)
        .filter(|(_, t)| *t == theme)
        .map(|(v, _)| *v)
        .collect();
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

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
pub enum Status {
    Stayed,
    Moved,
    OnlyInBase,
    OnlyInNew,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stayed => "stayed",
            Status::Moved => "moved",
            Status::OnlyInBase => "only_in_base",
            Status::OnlyInNew => "only_in_new",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub trust_id: String,
    pub base_cluster: Option<usize>,
    /// In the base run's numbering (see [`Comparison::relabel`]).
    pub new_cluster: Option<usize>,
    pub status: Status,
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
    let cents = |clusters: &[crate::model::ModelCluster],
                 pick: &dyn Fn(&(usize, usize)) -> usize| {
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
                    Status::Stayed
                } else {
                    Status::Moved
                }
            }
            (Some(_), None) => Status::OnlyInBase,
            _ => Status::OnlyInNew,
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
    use crate::model::{ModelCluster, ModelItem};

    fn model(items: &[(&str, &str)], centroids: &[&[f64]]) -> Model {
        Model {
            format: MODEL_FORMAT.into(),
            version: "0".into(),
            wave: "2017".into(),
            k: centroids.len(),
            seed: 1,
            restarts: 1,
            min_responses: 5,
            wss: 0.0,
            codebook_sha256: String::new(),
            items: items
                .iter()
                .map(|(id, theme)| ModelItem {
                    item_id: id.to_string(),
                    theme: theme.to_string(),
                    mean: 3.0,
                    sd: 0.5,
                })
                .collect(),
            clusters: centroids
                .iter()
                .enumerate()
                .map(|(c, v)| ModelCluster {
                    cluster: c + 1,
                    name: format!("c{}", c + 1),
                    size: 1,
                    centroid: v.to_vec(),
                    higher_themes: vec![],
                    lower_themes: vec![],
                })
                .collect(),
        }
    }

    fn scores(items: &[&str], trusts: &[(&str, &[f64])]) -> ScoreTable {
        let mean: Vec<f64> = trusts.iter().flat_map(|(_, m)| m.iter().copied()).collect();
        ScoreTable {
            trust_ids: trusts.iter().map(|t| t.0.to_string()).collect(),
            item_ids: items.iter().map(|s| s.to_string()).collect(),
            themes: items.iter().map(|_| "t".to_string()).collect(),
            n: vec![5; mean.len()],
            z: vec![0.0; mean.len()],
            mean,
            item_mean: vec![0.0; items.len()],
            item_sd: vec![1.0; items.len()],
            responses: vec![5; trusts.len()],
        }
    }

    #[test]
    fn format_and_shapes_are_checked() {
        let mut m = model(&[("a", "x")], &[&[0.0], &[1.0]]);
        assert!(m.check().is_ok());
        m.format = "matcluster-model/0".into();
        assert!(matches!(m.check(), Err(ModelError::Format { .. })));
        let mut m = model(&[("a", "x")], &[&[0.0], &[1.0]]);
        m.clusters[1].centroid.push(2.0);
        assert!(matches!(m.check(), Err(ModelError::Inconsistent(_))));
        let mut m = model(&[("a", "x")], &[&[0.0]]);
        m.k = 2;
        assert!(matches!(m.check(), Err(ModelError::Inconsistent(_))));
    }

    #[test]
    fn codebook_mismatch_names_the_items() {
        let m = model(&[("a", "x"), ("b", "y"), ("old", "y")], &[&[0.0, 0.0, 0.0]]);
        // An added statement is fine, and reported.
        assert_eq!(
            m.check_codebook(&[("a", "x"), ("b", "y"), ("old", "y"), ("new", "z")])
                .unwrap(),
            vec!["new"]
        );
        let err = m
            .check_codebook(&[("a", "x"), ("b", "z"), ("renamed", "y")])
            .unwrap_err();
        let ModelError::Codebook(mm) = &err else {
            panic!("{err}")
        };
        assert_eq!(mm.missing_from_codebook, vec!["old"]);
        assert_eq!(mm.extra_in_codebook, vec!["renamed"]);
        assert_eq!(
            mm.theme_changed,
            vec![("b".to_string(), "y".to_string(), "z".to_string())]
        );
        let msg = err.to_string();
        assert!(
            msg.contains("old") && msg.contains("renamed") && msg.contains("aliases"),
            "{msg}"
        );
    }

    #[test]
    fn placing_uses_the_saved_standardisation() {
        // Saved mean 3, sd 0.5: a trust mean of 4 is z = 2, of 2.5 is z = -1.
        let m = model(&[("a", "x"), ("b", "y")], &[&[2.0, -1.0], &[-1.0, 2.0]]);
        let s = scores(
            &["b", "a", "added"],
            &[
                ("t1", &[2.5, 4.0, 1.0]),
                ("t2", &[4.0, 2.5, 1.0]),
                ("t3", &[f64::NAN, 3.5, 1.0]),
            ],
        );
        let p = place(&m, &s).unwrap();
        assert_eq!(p.items_used, vec!["a", "b"]);
        assert_eq!(p.items_unused, vec!["added"]);
        assert!(p.items_missing.is_empty());
        assert_eq!(p.trusts[0].z, vec![2.0, -1.0]);
        assert_eq!((p.trusts[0].cluster, p.trusts[0].distance), (1, 0.0));
        assert!((p.trusts[0].nearest_margin - 18f64.sqrt()).abs() < 1e-12);
        assert_eq!(p.trusts[1].cluster, 2);
        // t3 did not answer b: z = 0 there, as in `run`.
        assert_eq!(p.trusts[2].z, vec![1.0, 0.0]);
        assert_eq!(p.imputed, 1);
        assert_eq!(p.trusts[2].cluster, 1);
    }

    #[test]
    fn a_dropped_item_is_left_out_of_the_distances() {
        let m = model(&[("a", "x"), ("b", "y")], &[&[2.0, 5.0], &[-1.0, -5.0]]);
        let s = scores(&["a"], &[("t1", &[3.0])]);
        let p = place(&m, &s).unwrap();
        assert_eq!(p.items_missing, vec!["b"]);
        assert_eq!(p.centroids, vec![(1, vec![2.0]), (2, vec![-1.0])]);
        // z = 0 on a is nearer -1 than 2.
        assert_eq!(p.trusts[0].cluster, 2);
        assert!(matches!(
            place(&m, &scores(&["zz"], &[("t1", &[3.0])])),
            Err(ModelError::NoCommonItems)
        ));
    }

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
        let got: Vec<(&str, Option<usize>, Option<usize>, Status)> = c
            .transitions
            .iter()
            .map(|t| (t.trust_id.as_str(), t.base_cluster, t.new_cluster, t.status))
            .collect();
        assert_eq!(
            got,
            vec![
                ("gone", Some(1), None, Status::OnlyInBase),
                ("joined", None, Some(1), Status::OnlyInNew),
                ("p", Some(1), Some(1), Status::Stayed),
                ("q", Some(1), Some(2), Status::Moved),
                ("r", Some(2), Some(2), Status::Stayed),
                ("s", Some(2), Some(2), Status::Stayed),
            ]
        );
        assert_eq!((c.common, c.stayed), (4, 3));
        assert_eq!(c.stayed_share(), 0.75);
        // base [1,1,2,2] vs new [1,2,2,2]: scikit-learn adjusted_rand_score gives 0.0
        assert!(c.ari.abs() < 1e-12, "{}", c.ari);
        assert_eq!(c.table()[&(Some(2), Some(2))], 2);
    }
}
