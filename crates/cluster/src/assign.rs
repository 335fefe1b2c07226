//! Using saved clusters on later data: placing points in the nearest of a set of fixed centroids,
//! and matching one set of clusters to another (the Hungarian algorithm) so labels carry over.

use ndarray::ArrayView2;
use pathfinding::prelude::{kuhn_munkres_min, Matrix};

use crate::ClusterError;

/// Where one point falls among fixed centroids.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// 0-based index of the nearest centroid (the first one on an exact tie).
    pub cluster: usize,
    /// Euclidean distance to it.
    pub distance: f64,
    /// Distance to the second-nearest centroid minus `distance` (>= 0): how clear the placement
    /// is. NaN when there is only one centroid.
    pub nearest_margin: f64,
}

fn euclid(a: impl Iterator<Item = f64>, b: impl Iterator<Item = f64>) -> f64 {
    a.zip(b).map(|(x, y)| (x - y).powi(2)).sum::<f64>().sqrt()
}

/// Places every row of `points` in its nearest row of `centroids` (Euclidean), without moving
/// the centroids: k-means' assignment step with the centroids fixed.
pub fn nearest_centroids(
    points: ArrayView2<f64>,
    centroids: ArrayView2<f64>,
) -> Result<Vec<Placement>, ClusterError> {
    if centroids.nrows() == 0 || centroids.ncols() == 0 {
        return Err(ClusterError::EmptyData);
    }
    if points.ncols() != centroids.ncols() {
        return Err(ClusterError::ColumnMismatch {
            what: "the points",
            got: points.ncols(),
            other: "the centroids",
            expected: centroids.ncols(),
        });
    }
    for m in [points.view(), centroids.view()] {
        if let Some(((row, col), _)) = m.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(ClusterError::NonFinite { row, col });
        }
    }
    Ok(points
        .rows()
        .into_iter()
        .map(|p| {
            let d: Vec<f64> = centroids
                .rows()
                .into_iter()
                .map(|c| euclid(p.iter().copied(), c.iter().copied()))
                .collect();
            let mut best = 0;
            for (i, v) in d.iter().enumerate() {
                if *v < d[best] {
                    best = i;
                }
            }
            let second = d
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != best)
                .map(|(_, v)| *v)
                .fold(f64::INFINITY, f64::min);
            Placement {
                cluster: best,
                distance: d[best],
                nearest_margin: if second.is_finite() {
                    second - d[best]
                } else {
                    f64::NAN
                },
            }
        })
        .collect())
}

/// Distances are scaled to integers in these units before the Hungarian algorithm (which needs
/// an exactly ordered cost type): 1e-9 of a z unit, far below any difference that matters, and
/// small enough that a sum of k <= 1000 distances of up to 1e6 cannot overflow an i64.
pub const MATCH_SCALE: f64 = 1e9;

/// Matches the clusters of a new partition to those of a base one, minimising the total
/// Euclidean distance between matched centroids (Kuhn-Munkres, `pathfinding::kuhn_munkres_min`).
/// Both centroid sets must be in the same coordinates (the same items in the same order).
///
/// Returns, for each new cluster (0-based row of `new`), its label in the base numbering
/// (0-based). With more new clusters than base ones, the unmatched new clusters get fresh labels
/// `base.nrows()`, `base.nrows() + 1`, ... in their own order; with fewer, some base labels are
/// simply unused.
pub fn match_clusters(
    base: ArrayView2<f64>,
    new: ArrayView2<f64>,
) -> Result<Vec<usize>, ClusterError> {
    if base.nrows() == 0 || new.nrows() == 0 || base.ncols() == 0 {
        return Err(ClusterError::EmptyData);
    }
    if base.ncols() != new.ncols() {
        return Err(ClusterError::ColumnMismatch {
            what: "the new centroids",
            got: new.ncols(),
            other: "the base centroids",
            expected: base.ncols(),
        });
    }
    let cost = |b: usize, n: usize| -> Result<i64, ClusterError> {
        let d = euclid(base.row(b).iter().copied(), new.row(n).iter().copied());
        if !d.is_finite() || d > 1e6 {
            return Err(ClusterError::UnusableDistance {
                distance: d,
                base: b,
                new: n,
            });
        }
        Ok((d * MATCH_SCALE).round() as i64)
    };
    let (kb, kn) = (base.nrows(), new.nrows());
    let mut labels = vec![usize::MAX; kn];
    if kn <= kb {
        // Rows = new clusters, columns = base clusters: every new cluster gets a base label.
        labels.copy_from_slice(&min_cost_assignment(kn, kb, |n, b| cost(b, n))?);
    } else {
        // Rows = base clusters, columns = new clusters: every base label is used once.
        let assignment = min_cost_assignment(kb, kn, cost)?;
        for (b, &n) in assignment.iter().enumerate() {
            labels[n] = b;
        }
        for (fresh, l) in (kb..).zip(labels.iter_mut().filter(|l| **l == usize::MAX)) {
            *l = fresh;
        }
    }
    Ok(labels)
}

/// Matches the clusters of `other` to those of `reference`, two partitions of the same rows
/// into clusters labelled below `k`, so that as many rows as possible keep their label
/// (Kuhn-Munkres on the overlap counts). Returns, for each label of `other`, its label in the
/// reference numbering; every label below `k` is used once.
///
/// # Panics
/// If the two partitions differ in length or a label is not below `k` (a caller bug).
pub fn match_by_overlap(reference: &[usize], other: &[usize], k: usize) -> Vec<usize> {
    assert_eq!(
        reference.len(),
        other.len(),
        "two partitions of the same rows"
    );
    if k == 0 {
        return Vec::new();
    }
    let mut overlap = vec![vec![0i64; k]; k];
    for (&r, &o) in reference.iter().zip(other) {
        overlap[o][r] += 1;
    }
    let n = reference.len() as i64;
    min_cost_assignment(k, k, |o, r| Ok(n - overlap[o][r]))
        .expect("overlap costs are always finite")
}

/// Kuhn-Munkres on a `rows` x `cols` cost matrix (rows <= cols, both >= 1): the column of each
/// row, at the least total cost.
fn min_cost_assignment(
    rows: usize,
    cols: usize,
    cost: impl Fn(usize, usize) -> Result<i64, ClusterError>,
) -> Result<Vec<usize>, ClusterError> {
    let costs: Vec<Vec<i64>> = (0..rows)
        .map(|r| (0..cols).map(|c| cost(r, c)).collect())
        .collect::<Result<_, _>>()?;
    let m = Matrix::from_rows(costs).expect("rows of equal, non-zero length");
    Ok(kuhn_munkres_min(&m).1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn overlap_matching_keeps_the_most_rows() {
        // Hand-worked: other's cluster 0 is mostly reference 2, its 1 is reference 0, its 2
        // is reference 1 (one row, row 5, disagrees).
        let reference = [0, 0, 1, 1, 2, 2, 2];
        let other = [1, 1, 2, 2, 0, 2, 0];
        assert_eq!(match_by_overlap(&reference, &other, 3), vec![2, 0, 1]);
        // A tie in overlap still uses every label once.
        let m = match_by_overlap(&[0, 1, 0, 1], &[0, 0, 1, 1], 2);
        assert!(m == vec![0, 1] || m == vec![1, 0]);
    }

    #[test]
    fn nearest_with_margin() {
        let c = array![[0.0, 0.0], [3.0, 4.0], [10.0, 0.0]];
        let p = array![[0.0, 1.0], [3.0, 4.0], [6.0, 0.0]];
        let got = nearest_centroids(p.view(), c.view()).unwrap();
        assert_eq!(
            got.iter().map(|g| g.cluster).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert!((got[0].distance - 1.0).abs() < 1e-12);
        // second nearest of (0,1) is (3,4): sqrt(9+9)
        assert!((got[0].nearest_margin - (18f64.sqrt() - 1.0)).abs() < 1e-12);
        assert_eq!(got[1].distance, 0.0);
        // (6,0): to (10,0) is 4, to (3,4) is 5
        assert!(
            (got[2].distance - 4.0).abs() < 1e-12 && (got[2].nearest_margin - 1.0).abs() < 1e-12
        );
        // One centroid: no margin.
        let one = nearest_centroids(p.view(), c.slice(ndarray::s![0..1, ..])).unwrap();
        assert!(one
            .iter()
            .all(|g| g.cluster == 0 && g.nearest_margin.is_nan()));
    }

    #[test]
    fn nearest_refuses_bad_shapes_and_values() {
        let c = array![[0.0, 0.0]];
        assert!(matches!(
            nearest_centroids(array![[1.0, 2.0, 3.0]].view(), c.view()),
            Err(ClusterError::ColumnMismatch {
                got: 3,
                expected: 2,
                ..
            })
        ));
        assert!(matches!(
            nearest_centroids(array![[1.0, f64::NAN]].view(), c.view()),
            Err(ClusterError::NonFinite { row: 0, col: 1 })
        ));
    }

    #[test]
    fn matching_undoes_a_permutation() {
        let base = array![[2.0, 0.0], [-2.0, 0.0], [0.0, 3.0]];
        // The same clusters, slightly moved and listed in another order.
        let new = array![[0.1, 2.8], [2.2, 0.1], [-1.9, -0.2]];
        assert_eq!(
            match_clusters(base.view(), new.view()).unwrap(),
            vec![2, 0, 1]
        );
    }

    #[test]
    fn matching_is_global_not_greedy() {
        // Greedy (new 0 takes its nearest, base 0) forces new 1 onto base 1: 0.5 + 3.0 = 3.5.
        // The optimum gives new 0 base 1 and new 1 base 0: 1.5 + 1.0 = 2.5.
        let base = array![[0.0], [2.0]];
        let new = array![[0.5], [-1.0]];
        assert_eq!(match_clusters(base.view(), new.view()).unwrap(), vec![1, 0]);
    }

    #[test]
    fn matching_refuses_centroids_too_far_apart() {
        let base = array![[0.0], [1.0]];
        let new = array![[0.5], [2e6]];
        assert!(matches!(
            match_clusters(base.view(), new.view()),
            Err(ClusterError::UnusableDistance {
                base: 0,
                new: 1,
                ..
            })
        ));
    }

    #[test]
    fn matching_with_different_k() {
        let base = array![[0.0], [10.0]];
        let more = array![[10.2], [5.0], [0.1]];
        // New clusters 0 and 2 match base 1 and 0; new cluster 1 is new: label 2.
        assert_eq!(
            match_clusters(base.view(), more.view()).unwrap(),
            vec![1, 2, 0]
        );
        let fewer = array![[9.0]];
        assert_eq!(match_clusters(base.view(), fewer.view()).unwrap(), vec![1]);
        assert!(matches!(
            match_clusters(base.view(), array![[1.0, 2.0]].view()),
            Err(ClusterError::ColumnMismatch {
                got: 2,
                expected: 1,
                ..
            })
        ));
    }
}
