//! How sure each row's cluster is when the rows themselves are re-measured: each resample gives
//! a new matrix of the same rows (for trusts: means of respondents drawn again), which is
//! clustered afresh and matched to the reference clusters by centroid distance. fpc's
//! `clusterboot` resamples the rows being clustered; this resamples what each row is made of.

use ndarray::{Array2, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::assign::match_clusters;
use crate::bootstrap::check_labels;
use crate::kmeans::{best_partition, check_data, Settings};
use crate::seeds::{unit_seed, STREAM_RESPONDENT, STREAM_RESPONDENT_KMEANS};
use crate::{ClusterError, ValidBootParams};

/// Draws one resample's matrix, given `pick(n)`: a uniform random index below n.
pub type Resample<'a> = dyn Fn(&mut dyn FnMut(usize) -> usize) -> Array2<f64> + Sync + 'a;

#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    /// Rows x reference clusters: the share of resamples in which each row landed in each
    /// cluster; every row sums to 1.
    pub probability: Array2<f64>,
    /// Per reference cluster: the mean over resamples of the Jaccard of its members with the
    /// members of the resample cluster matched to it (0 in a resample that matched none).
    pub jaccard_mean: Vec<f64>,
    pub resamples: usize,
}

/// For each of `params.resamples()` resamples b: `resample(pick)` gives the rows' new
/// coordinates (the same shape as `x`), drawing with `pick(n)`, a uniform index below n; they are clustered with k-means (k, `params.restarts()`
/// starts); each resample cluster is matched to a reference cluster (the clusters `labels` < k
/// make on `x`) by the least total distance between centroids ([`match_clusters`], as
/// `compare` matches two runs), and each row lands in the reference cluster its resample cluster
/// was matched to. Resample b's draw and starts are seeded from `(seed, b)` alone, and the
/// counts are summed in resample order, so the result does not depend on the thread count.
pub fn membership_bootstrap(
    x: ArrayView2<f64>,
    labels: &[usize],
    k: usize,
    params: &ValidBootParams,
    resample: &Resample<'_>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Membership, ClusterError> {
    check_data(x)?;
    let n = x.nrows();
    check_labels(labels, n, k)?;
    let (_, reference) = centroids(x, labels, k);
    let (resamples, seed) = (params.resamples(), params.seed());
    let per_resample: Vec<(Vec<usize>, Vec<f64>)> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng =
                Xoshiro256PlusPlus::seed_from_u64(unit_seed(seed, STREAM_RESPONDENT, b as u64));
            let z = resample(&mut |n| rng.gen_range(0..n));
            if z.dim() != x.dim() {
                return Err(ClusterError::LengthMismatch {
                    what: "resample rows x columns",
                    expected: n * x.ncols(),
                    got: z.len(),
                });
            }
            check_data(z.view())?;
            let settings = Settings::study(
                k.min(n),
                params.restarts(),
                unit_seed(seed, STREAM_RESPONDENT_KMEANS, b as u64),
            );
            let part = best_partition(z.view(), &settings)?;
            let landed = land(reference.view(), z.view(), &part.labels, settings.k)?;
            let jaccard = jaccard_per_cluster(labels, &landed, k);
            progress(1);
            Ok((landed, jaccard))
        })
        .collect::<Result<_, ClusterError>>()?;

    let mut counts = vec![0usize; n * k];
    let mut jaccard_sum = vec![0.0; k];
    for (landed, jaccard) in &per_resample {
        for (i, &c) in landed.iter().enumerate() {
            counts[i * k + c] += 1;
        }
        for (s, j) in jaccard_sum.iter_mut().zip(jaccard) {
            *s += j;
        }
    }
    let b = resamples as f64;
    Ok(Membership {
        probability: Array2::from_shape_fn((n, k), |(i, c)| counts[i * k + c] as f64 / b),
        jaccard_mean: jaccard_sum.iter().map(|s| s / b).collect(),
        resamples,
    })
}

/// Each cluster's size and mean row (labels < k; `indices`' exact means), as a k x p matrix.
fn centroids(x: ArrayView2<f64>, labels: &[usize], k: usize) -> (Vec<usize>, Array2<f64>) {
    let (sizes, means) = crate::indices::means(x, labels, k);
    let means = Array2::from_shape_vec((k, x.ncols()), means).expect("k x p means");
    (sizes, means)
}

/// Where each row of one resample lands among the reference clusters: the resample's clusters
/// (`labels` < `kb` on `z`) that have members are matched to the reference centroids by least
/// total centroid distance; an empty resample cluster has no centroid and takes no part, so the
/// reference cluster it would have matched is left without members in this resample.
pub(crate) fn land(
    reference: ArrayView2<f64>,
    z: ArrayView2<f64>,
    labels: &[usize],
    kb: usize,
) -> Result<Vec<usize>, ClusterError> {
    let (sizes, all) = centroids(z, labels, kb);
    let present: Vec<usize> = (0..kb).filter(|&c| sizes[c] > 0).collect();
    let new = all.select(ndarray::Axis(0), &present);
    let matched = match_clusters(reference, new.view())?;
    let mut to_reference = vec![usize::MAX; kb];
    for (&c, &r) in present.iter().zip(&matched) {
        to_reference[c] = r;
    }
    Ok(labels.iter().map(|&l| to_reference[l]).collect())
}

/// Per reference cluster c: |A ∩ B| / |A ∪ B| of its members A (`reference` == c) and the rows
/// B that landed in it; 0 when both are empty.
fn jaccard_per_cluster(reference: &[usize], landed: &[usize], k: usize) -> Vec<f64> {
    (0..k)
        .map(|c| {
            let (mut both, mut either) = (0usize, 0usize);
            for (&a, &b) in reference.iter().zip(landed) {
                both += usize::from(a == c && b == c);
                either += usize::from(a == c || b == c);
            }
            if either == 0 {
                0.0
            } else {
                both as f64 / either as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BootParams;
    use ndarray::array;

    #[test]
    fn landing_matches_centroids_and_skips_an_empty_cluster() {
        // Hand-worked. Reference centroids on a line at 0, 10 and 20. The resample's k-means
        // put rows 0 and 1 (at 0.5 and 1) in its cluster 0, rows 2 and 3 (at 9 and 11) in its
        // cluster 2, and left its cluster 1 empty. Centroids 0.75 and 10; the least total
        // distance pairs 0.75 with 0 and 10 with 10 (0.75 + 0 = 0.75, against e.g. 0.75 + 10
        // for 10 with 20), so rows 0 and 1 land in reference 0, rows 2 and 3 in reference 1,
        // and nothing lands in reference 2.
        let reference = array![[0.0], [10.0], [20.0]];
        let z = array![[0.5], [1.0], [9.0], [11.0]];
        let landed = land(reference.view(), z.view(), &[0, 0, 2, 2], 3).unwrap();
        assert_eq!(landed, vec![0, 0, 1, 1]);
        // Against reference members {0}, {1, 2}, {3}: cluster 0 has A = {0}, B = {0, 1}: 1/2;
        // cluster 1 has A = {1, 2}, B = {2, 3}: 1/3; cluster 2 has A = {3}, B = {}: 0.
        let j = jaccard_per_cluster(&[0, 1, 1, 2], &landed, 3);
        assert_eq!(j, vec![0.5, 1.0 / 3.0, 0.0]);
        // The resample's own numbering does not matter: the same clusters numbered otherwise.
        let again = land(reference.view(), z.view(), &[2, 2, 1, 1], 3).unwrap();
        assert_eq!(again, landed);
    }

    #[test]
    fn landing_is_global_not_greedy() {
        // Resample centroids 0.5 and -1 against reference 0 and 2: greedy (0.5 to 0) would pay
        // 0.5 + 3 = 3.5; the optimum pairs 0.5 with 2 and -1 with 0: 1.5 + 1 = 2.5.
        let reference = array![[0.0], [2.0]];
        let z = array![[0.5], [-1.0]];
        assert_eq!(
            land(reference.view(), z.view(), &[0, 1], 2).unwrap(),
            vec![1, 0]
        );
    }

    fn params(resamples: usize) -> ValidBootParams {
        BootParams::new()
            .resamples(resamples)
            .restarts(5)
            .seed(7)
            .check()
            .unwrap()
    }

    #[test]
    fn unchanged_rows_always_land_in_their_own_cluster() {
        let x = array![[0.0, 0.0], [0.2, 0.1], [5.0, 5.0], [5.1, 4.9], [9.0, 0.0]];
        let labels = [1, 1, 0, 0, 2];
        let m = membership_bootstrap(x.view(), &labels, 3, &params(20), &|_| x.clone(), &|_| {})
            .unwrap();
        for (i, &l) in labels.iter().enumerate() {
            assert_eq!(m.probability[[i, l]], 1.0);
        }
        assert_eq!(m.jaccard_mean, vec![1.0; 3]);
    }

    #[test]
    fn a_row_that_jumps_in_half_the_resamples_has_probability_one_half() {
        // Row 4 sits with cluster 0, or with cluster 1 when the resample's first draw of two
        // is 1: count those draws from the same seeds.
        let x = array![[0.0], [0.1], [10.0], [10.1], [0.05]];
        let labels = [0, 0, 1, 1, 0];
        let jump = |pick: &mut dyn FnMut(usize) -> usize| {
            let mut z = x.clone();
            if pick(2) == 1 {
                z[[4, 0]] = 10.05;
            }
            z
        };
        let p = params(40);
        let m = membership_bootstrap(x.view(), &labels, 2, &p, &jump, &|_| {}).unwrap();
        let odd = (0..40)
            .filter(|b| {
                let seed = unit_seed(7, STREAM_RESPONDENT, *b);
                Xoshiro256PlusPlus::seed_from_u64(seed).gen_range(0..2) == 1
            })
            .count() as f64;
        assert!(odd > 5.0 && odd < 35.0);
        assert_eq!(m.probability[[4, 1]], odd / 40.0);
        assert_eq!(m.probability[[4, 0]], (40.0 - odd) / 40.0);
        assert_eq!(m.probability.row(0).to_vec(), vec![1.0, 0.0]);
        // Cluster 0 is {0, 1, 4}: in a jump resample it is matched with {0, 1} (2/3).
        let expected = (40.0 - odd + odd * 2.0 / 3.0) / 40.0;
        assert!((m.jaccard_mean[0] - expected).abs() < 1e-15);
    }

    #[test]
    fn a_resample_of_another_shape_is_refused() {
        let x = array![[0.0], [1.0]];
        let err = membership_bootstrap(
            x.view(),
            &[0, 1],
            2,
            &params(2),
            &|_| array![[0.0]],
            &|_| {},
        )
        .unwrap_err();
        assert!(matches!(err, ClusterError::LengthMismatch { .. }));
    }
}
