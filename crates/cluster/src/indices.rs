//! Internal validity indices of a labelling. Labels are 0-based and below `k`; clusters with no
//! members are ignored, as R and scikit-learn only see the labels present.
//!
//! # Panics
//! All functions panic if `labels.len() != x.nrows()` or a label is not below `k` (a caller bug).

use ndarray::ArrayView2;
use rayon::prelude::*;

use crate::kmeans::sq_dist;

fn check_labels(x: ArrayView2<f64>, labels: &[usize], k: usize) {
    assert_eq!(labels.len(), x.nrows(), "one label per row");
    assert!(labels.iter().all(|&l| l < k), "labels must be below k");
}

/// Cluster sizes and exact means (k x p, row-major; an empty cluster's mean is left at 0).
pub(crate) fn means(x: ArrayView2<f64>, labels: &[usize], k: usize) -> (Vec<usize>, Vec<f64>) {
    let p = x.ncols();
    let mut sizes = vec![0; k];
    let mut sums = vec![0.0; k * p];
    for (row, &c) in x.rows().into_iter().zip(labels) {
        sizes[c] += 1;
        for (s, v) in sums[c * p..(c + 1) * p].iter_mut().zip(row) {
            *s += v;
        }
    }
    for c in 0..k {
        if sizes[c] > 0 {
            let n = sizes[c] as f64;
            sums[c * p..(c + 1) * p].iter_mut().for_each(|s| *s /= n);
        }
    }
    (sizes, sums)
}

fn row_sq_dist(x: ArrayView2<f64>, i: usize, centre: &[f64]) -> f64 {
    x.row(i)
        .iter()
        .zip(centre)
        .map(|(u, v)| (u - v) * (u - v))
        .sum()
}

/// Total within-cluster sum of squares about the exact cluster means.
pub fn wss(x: ArrayView2<f64>, labels: &[usize], k: usize) -> f64 {
    check_labels(x, labels, k);
    let p = x.ncols();
    let (_, centres) = means(x, labels, k);
    labels
        .iter()
        .enumerate()
        .map(|(i, &c)| row_sq_dist(x, i, &centres[c * p..(c + 1) * p]))
        .sum()
}

/// Silhouette width of each row with Euclidean distances, as R `cluster::silhouette`:
/// s = (b - a) / max(a, b), and 0 for a member of a singleton cluster or when a == b.
/// With fewer than two non-empty clusters, or as many clusters as rows, R returns NA: here
/// every value is NaN.
pub fn silhouette(x: ArrayView2<f64>, labels: &[usize], k: usize) -> Vec<f64> {
    check_labels(x, labels, k);
    let n = x.nrows();
    let mut sizes = vec![0usize; k];
    labels.iter().for_each(|&c| sizes[c] += 1);
    let present = sizes.iter().filter(|&&s| s > 0).count();
    if present <= 1 || present >= n {
        return vec![f64::NAN; n];
    }
    let x = x.as_standard_layout();
    let p = x.ncols();
    let data = x.as_slice().expect("standard layout is contiguous");
    // O(n^2 p) without an n x n matrix; rows are independent, so parallel and deterministic.
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0; k],
            |sums, i| {
                sums.fill(0.0);
                let xi = &data[i * p..(i + 1) * p];
                for (j, &c) in labels.iter().enumerate() {
                    if j != i {
                        sums[c] += sq_dist(xi, &data[j * p..(j + 1) * p]).sqrt();
                    }
                }
                let own = labels[i];
                if sizes[own] == 1 {
                    return 0.0;
                }
                let a = sums[own] / (sizes[own] - 1) as f64;
                let b = (0..k)
                    .filter(|&c| c != own && sizes[c] > 0)
                    .map(|c| sums[c] / sizes[c] as f64)
                    .fold(f64::INFINITY, f64::min);
                if a == b {
                    0.0
                } else {
                    (b - a) / a.max(b)
                }
            },
        )
        .collect()
}

/// Number of non-empty clusters if scikit-learn accepts it (2 to n - 1), else None.
fn valid_cluster_count(sizes: &[usize], n: usize) -> Option<usize> {
    let present = sizes.iter().filter(|&&s| s > 0).count();
    (present >= 2 && present < n).then_some(present)
}

/// Calinski-Harabasz score as scikit-learn's `calinski_harabasz_score`: between-cluster over
/// within-cluster dispersion, times (n - k) / (k - 1); 1.0 when the within dispersion is 0.
/// NaN where scikit-learn raises (fewer than 2 or as many clusters as rows).
pub fn calinski_harabasz(x: ArrayView2<f64>, labels: &[usize], k: usize) -> f64 {
    check_labels(x, labels, k);
    let (n, p) = x.dim();
    let (sizes, centres) = means(x, labels, k);
    let Some(present) = valid_cluster_count(&sizes, n) else {
        return f64::NAN;
    };
    let overall: Vec<f64> = (0..p).map(|j| x.column(j).sum() / n as f64).collect();
    let mut extra = 0.0;
    for c in (0..k).filter(|&c| sizes[c] > 0) {
        extra += sizes[c] as f64 * sq_dist(&centres[c * p..(c + 1) * p], &overall);
    }
    let intra = wss(x, labels, k);
    if intra == 0.0 {
        return 1.0;
    }
    extra * (n - present) as f64 / (intra * (present - 1) as f64)
}

/// Davies-Bouldin score as scikit-learn's `davies_bouldin_score`: the mean over clusters of the
/// worst (s_i + s_j) / d(c_i, c_j), with s the mean distance of members to their centroid.
/// 0.0 when all s or all centroid distances are within 1e-8 of 0 (numpy `allclose`); a pair of
/// coincident centroids counts 0. NaN where scikit-learn raises.
pub fn davies_bouldin(x: ArrayView2<f64>, labels: &[usize], k: usize) -> f64 {
    check_labels(x, labels, k);
    let (n, p) = x.dim();
    let (sizes, centres) = means(x, labels, k);
    if valid_cluster_count(&sizes, n).is_none() {
        return f64::NAN;
    }
    let present: Vec<usize> = (0..k).filter(|&c| sizes[c] > 0).collect();
    let centre = |c: usize| &centres[c * p..(c + 1) * p];
    let mut spread = vec![0.0; k];
    for (i, &c) in labels.iter().enumerate() {
        spread[c] += row_sq_dist(x, i, centre(c)).sqrt();
    }
    for &c in &present {
        spread[c] /= sizes[c] as f64;
    }
    let close = |v: f64| v.abs() <= 1e-8;
    let all_spread_zero = present.iter().all(|&c| close(spread[c]));
    let all_centres_equal = present.iter().all(|&a| {
        present
            .iter()
            .all(|&b| close(sq_dist(centre(a), centre(b)).sqrt()))
    });
    if all_spread_zero || all_centres_equal {
        return 0.0;
    }
    let mut total = 0.0;
    for &a in &present {
        let mut worst: f64 = 0.0;
        for &b in &present {
            let d = sq_dist(centre(a), centre(b)).sqrt();
            if b != a && d != 0.0 {
                worst = worst.max((spread[a] + spread[b]) / d);
            }
        }
        total += worst;
    }
    total / present.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::iris;
    use ndarray::{array, Array2};

    fn small() -> Array2<f64> {
        array![
            [0.0, 0.0],
            [0.5, 1.2],
            [1.1, 0.3],
            [5.0, 5.0],
            [5.2, 6.1],
            [6.3, 4.8],
            [9.7, 0.4]
        ]
    }
    const SMALL_A: [usize; 7] = [0, 0, 0, 1, 1, 1, 2];
    const SMALL_B: [usize; 7] = [0, 0, 1, 1, 1, 2, 0];

    fn assert_close(got: f64, want: f64, tol: f64) {
        assert!(
            (got - want).abs() <= tol * want.abs().max(1.0),
            "got {got}, want {want}"
        );
    }

    #[test]
    fn silhouette_matches_r_on_iris_species() {
        // R 4.2.2 cluster 2.1.4: silhouette(as.integer(iris$Species), dist(iris[,1:4]))
        // (/work/refs/cluster/refs.R; all 150 widths in tests/data/iris_species_silhouette.csv)
        let (x, species) = iris();
        let s = silhouette(x.view(), &species, 3);
        let want: Vec<f64> = include_str!("../tests/data/iris_species_silhouette.csv")
            .lines()
            .skip(1)
            .map(|v| v.parse().unwrap())
            .collect();
        assert_eq!(want.len(), 150);
        for (g, w) in s.iter().zip(&want) {
            assert_close(*g, *w, 1e-12);
        }
        let mean = s.iter().sum::<f64>() / 150.0;
        assert_close(mean, 0.5034774406932967, 1e-12);
        assert_close(s[50], 0.063715563270376793, 1e-12);
    }

    #[test]
    fn silhouette_matches_r_with_a_singleton_cluster() {
        // R 4.2.2 cluster 2.1.4 silhouette on the 7 x 2 matrix (refs.R, "labels A" / "labels B").
        let want_a = [
            0.84090588624800844,
            0.81685075194863044,
            0.83408335689214796,
            0.80858282086616728,
            0.80577782494097028,
            0.72860423574151389,
            0.0,
        ];
        let want_b = [
            -0.017290851801246208,
            -0.12915331572094466,
            -0.45383460018037325,
            -0.63592508497287836,
            -0.58570255681446726,
            0.0,
            -0.4129137991945297,
        ];
        let x = small();
        for (labels, want) in [(SMALL_A, want_a), (SMALL_B, want_b)] {
            for (g, w) in silhouette(x.view(), &labels, 3).iter().zip(want) {
                assert_close(*g, w, 1e-12);
            }
        }
    }

    #[test]
    fn silhouette_degenerate_cases() {
        // R: all widths 0 when a == b == 0 (duplicate rows); NA with one cluster or k == n.
        let d = array![[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]];
        assert_eq!(silhouette(d.view(), &[0, 0, 1, 1], 2), vec![0.0; 4]);
        assert!(silhouette(d.view(), &[0, 0, 0, 0], 1)
            .iter()
            .all(|v| v.is_nan()));
        assert!(silhouette(d.view(), &[0, 1, 2, 3], 4)
            .iter()
            .all(|v| v.is_nan()));
        // An unused label is ignored (R only sees the labels present).
        let x = small();
        let shifted: Vec<usize> = SMALL_A
            .iter()
            .map(|&l| if l == 2 { 3 } else { l })
            .collect();
        assert_eq!(
            silhouette(x.view(), &shifted, 4),
            silhouette(x.view(), &SMALL_A, 3)
        );
    }

    #[test]
    fn ch_and_db_match_scikit_learn() {
        // scikit-learn 1.9.1 calinski_harabasz_score / davies_bouldin_score
        // (/work/refs/cluster/refs_sklearn.py).
        let (x, species) = iris();
        assert_close(
            calinski_harabasz(x.view(), &species, 3),
            487.33087637489984,
            1e-12,
        );
        assert_close(
            davies_bouldin(x.view(), &species, 3),
            0.7513707094756737,
            1e-12,
        );
        let m = small();
        assert_close(
            calinski_harabasz(m.view(), &SMALL_A, 3),
            68.84746727376212,
            1e-12,
        );
        assert_close(
            davies_bouldin(m.view(), &SMALL_A, 3),
            0.18299255334143316,
            1e-12,
        );
        assert_close(
            calinski_harabasz(m.view(), &SMALL_B, 3),
            0.6323313279127061,
            1e-12,
        );
        assert_close(
            davies_bouldin(m.view(), &SMALL_B, 3),
            1.8170822663577273,
            1e-12,
        );
    }

    #[test]
    fn ch_and_db_degenerate_cases() {
        let m = small();
        assert!(calinski_harabasz(m.view(), &[0; 7], 1).is_nan());
        assert!(davies_bouldin(m.view(), &[0; 7], 1).is_nan());
        let each: Vec<usize> = (0..7).collect();
        assert!(calinski_harabasz(m.view(), &each, 7).is_nan());
        // Zero within-cluster dispersion: sklearn gives CH 1.0 and DB 0.0.
        let d = array![[1.0], [1.0], [2.0], [2.0]];
        assert_eq!(calinski_harabasz(d.view(), &[0, 0, 1, 1], 2), 1.0);
        assert_eq!(davies_bouldin(d.view(), &[0, 0, 1, 1], 2), 0.0);
    }

    #[test]
    fn wss_is_the_total() {
        let x = array![[0.0], [2.0], [10.0], [14.0]];
        assert_eq!(wss(x.view(), &[0, 0, 1, 1], 2), 2.0 + 8.0);
        // Mean 6.5: 42.25 + 20.25 + 12.25 + 56.25.
        assert_eq!(wss(x.view(), &[0, 0, 0, 0], 1), 131.0);
    }
}
