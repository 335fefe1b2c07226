//! Whether other methods find the k-means clusters: Ward's hierarchy cut at k and PAM on the
//! same matrix, each matched to the k-means clusters so that a label means the same group in
//! every method.

use ndarray::ArrayView2;

use crate::distance::Distances;
use crate::pam::pam;
use crate::ward::{ward, Dendrogram};
use crate::{adjusted_rand_index, match_by_overlap, wss, ClusterError};

/// One method's partition, in the k-means numbering.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodPartition {
    /// 0-based cluster of each row, matched to the k-means clusters.
    pub labels: Vec<usize>,
    /// What the method minimises: the WSS of the partition for Ward's cut, the sum of
    /// distances to the medoids for PAM.
    pub objective: f64,
    pub ari_vs_kmeans: f64,
    /// The share of rows in the same cluster as k-means puts them.
    pub agreement: f64,
}

/// Ward's hierarchy and PAM beside a k-means partition.
#[derive(Clone, Debug)]
pub struct OtherMethods {
    pub dendrogram: Dendrogram,
    /// How faithfully the tree keeps the distances (R's `cor(cophenetic(h), dist(x))`).
    pub cophenetic_correlation: f64,
    pub ward: MethodPartition,
    pub pam: MethodPartition,
    /// The medoid row of each cluster, in the k-means numbering.
    pub pam_medoids: Vec<usize>,
}

/// Ward's hierarchy (cut at `k`) and PAM with `k` medoids on the rows of `x`, matched to the
/// k-means labels `kmeans` (0-based, below `k`).
pub fn other_methods(
    x: ArrayView2<f64>,
    kmeans: &[usize],
    k: usize,
) -> Result<OtherMethods, ClusterError> {
    if kmeans.len() != x.nrows() {
        return Err(ClusterError::LengthMismatch {
            what: "the k-means labels",
            expected: x.nrows(),
            got: kmeans.len(),
        });
    }
    if let Some((row, &label)) = kmeans.iter().enumerate().find(|(_, &l)| l >= k) {
        return Err(ClusterError::LabelOutOfRange { row, label, k });
    }
    let d = Distances::euclidean(x)?;
    // Independent of each other, so on two cores at once (results do not depend on it).
    let (pam_fit, (dendrogram, cophenetic_correlation)) = rayon::join(
        || pam(&d, k),
        || {
            let tree = ward(&d);
            let cc = tree.cophenetic_correlation(&d);
            (tree, cc)
        },
    );
    let pam_fit = pam_fit?;
    let partition = |labels: &[usize], objective: Option<f64>| {
        let map = match_by_overlap(kmeans, labels, k);
        let labels: Vec<usize> = labels.iter().map(|&l| map[l]).collect();
        let same = labels.iter().zip(kmeans).filter(|(a, b)| a == b).count();
        MethodPartition {
            objective: objective.unwrap_or_else(|| wss(x, &labels, k)),
            ari_vs_kmeans: adjusted_rand_index(kmeans, &labels),
            agreement: same as f64 / labels.len().max(1) as f64,
            labels,
        }
    };
    let ward_part = partition(&dendrogram.cut(k), None);
    let pam_part = partition(&pam_fit.labels, Some(pam_fit.objective));
    let mut pam_medoids = vec![0; k];
    for &m in &pam_fit.medoids {
        pam_medoids[pam_part.labels[m]] = m;
    }
    Ok(OtherMethods {
        cophenetic_correlation,
        dendrogram,
        ward: ward_part,
        pam: pam_part,
        pam_medoids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::grid;

    #[test]
    fn labels_follow_the_kmeans_numbering() {
        // The grid's three groups, numbered 2, 0, 1 by a "k-means" that found them too: both
        // other methods find the same groups (R: cutree 1 1 .. 2 2 2 2 3 3, medoids 7 16 18),
        // so after matching every label equals k-means' own.
        let x = grid();
        let kmeans: Vec<usize> = (0..18)
            .map(|i| [2, 0, 1][(i >= 12) as usize + (i >= 16) as usize])
            .collect();
        let m = other_methods(x.view(), &kmeans, 3).unwrap();
        for part in [&m.ward, &m.pam] {
            assert_eq!(part.labels, kmeans);
            assert_eq!((part.ari_vs_kmeans, part.agreement), (1.0, 1.0));
        }
        assert_eq!(m.pam_medoids, vec![15, 17, 6]);
        let d = Distances::euclidean(x.view()).unwrap();
        assert_eq!(m.pam.objective, pam(&d, 3).unwrap().objective);
        assert_eq!(m.ward.objective, wss(x.view(), &kmeans, 3));
        assert!(matches!(
            other_methods(x.view(), &kmeans[1..], 3),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert!(matches!(
            other_methods(x.view(), &[3; 18], 3),
            Err(ClusterError::LabelOutOfRange { .. })
        ));
    }

    #[test]
    fn a_disagreeing_row_is_counted() {
        // Move one row of the k-means partition: agreement 17/18 for both methods.
        let x = grid();
        let mut kmeans: Vec<usize> = (0..18)
            .map(|i| (i >= 12) as usize + (i >= 16) as usize)
            .collect();
        kmeans[11] = 1;
        let m = other_methods(x.view(), &kmeans, 3).unwrap();
        assert_eq!(m.ward.agreement, 17.0 / 18.0);
        assert_eq!(m.pam.agreement, 17.0 / 18.0);
        assert_eq!(m.ward.labels[11], 0);
        assert!(m.ward.ari_vs_kmeans < 1.0);
    }
}
