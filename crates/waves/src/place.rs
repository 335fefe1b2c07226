//! Placing a new wave's trusts in the saved clusters of a model (`assign`).

use std::collections::{BTreeMap, BTreeSet};

use aggregate::ScoreTable;
use cluster::Array2;

use crate::error::ModelError;
use crate::model::Model;

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

impl Placed {
    /// A warning when the wave lacks some of the model's items (its trusts are then placed on
    /// the items they share).
    pub fn items_warning(&self, wave: &str) -> Option<String> {
        let missing = &self.items_missing;
        (!missing.is_empty()).then(|| {
            format!(
                "warning: wave {wave} lacks {} of the model's {} items ({}): its trusts are placed on the {} items they share",
                missing.len(),
                missing.len() + self.items_used.len(),
                missing.join(", "),
                self.items_used.len()
            )
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{model, scores};

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
}
