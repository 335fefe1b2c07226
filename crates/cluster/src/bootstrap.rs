//! Cluster-wise stability by the bootstrap, as R `fpc::clusterboot` (fpc 2.2.10) with
//! `bootmethod = "boot"` and its defaults (`multipleboot = FALSE`, `dissolution = 0.5`,
//! `recover = 0.75`), with our k-means in place of `kmeansCBI`.

use ndarray::{Array2, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::kmeans::{best_partition, check_data, Settings};
use crate::seeds::{unit_seed, STREAM_BOOT, STREAM_BOOT_KMEANS};
use crate::{ClusterError, ValidBootParams};

/// A resample's Jaccard at or below this counts as the cluster dissolving (fpc: `<=`).
pub const DISSOLVED_AT: f64 = 0.5;
/// A resample's Jaccard strictly above this counts as the cluster recovered (fpc: `>`).
pub const RECOVERED_ABOVE: f64 = 0.75;

#[derive(Clone, Debug)]
pub struct Stability {
    /// Mean Jaccard over resamples, per original cluster (0-based label order); fpc's `bootmean`.
    pub jaccard_mean: Vec<f64>,
    /// Resamples with Jaccard <= 0.5, per cluster; fpc's `bootbrd`.
    pub dissolved: Vec<usize>,
    /// Resamples with Jaccard > 0.75, per cluster; fpc's `bootrecover`.
    pub recovered: Vec<usize>,
    /// Every resample's Jaccard, k x resamples; fpc's `bootresult`.
    pub jaccard: Array2<f64>,
}

/// fpc's `clusterboot`, method "boot". For each resample:
/// - draw n row indices with replacement and keep each distinct row once, in order of first
///   draw (fpc's `unique(bsamp)`, as `multipleboot = FALSE`): on average 63% of the rows;
/// - cluster those rows with k-means (k fixed, `restarts` starts); if fewer than k distinct
///   rows were drawn (only possible for tiny n) it uses as many clusters as rows, where fpc's
///   `kmeans` would stop with an error;
/// - for each original cluster, its Jaccard with every resampled cluster over the drawn rows,
///   |A ∩ B| / |A ∪ B| with A the original members among them, and keep the largest (fpc's
///   `clujaccard(..., zerobyzero = 0)` starting from 0). A cluster none of whose members was
///   drawn therefore scores 0 for that resample; it is not skipped.
///
/// `k` must be at least 1 and `labels` below it; `progress` gets 1 per resample. Deterministic for any thread
/// count: resample b is seeded from `(seed, b)` alone.
pub fn bootstrap_stability(
    x: ArrayView2<f64>,
    labels: &[usize],
    k: usize,
    params: &ValidBootParams,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Stability, ClusterError> {
    check_data(x)?;
    let n = x.nrows();
    check_labels(labels, n, k)?;
    let (resamples, seed) = (params.resamples(), params.seed());
    let per_resample: Vec<Vec<f64>> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(unit_seed(seed, STREAM_BOOT, b as u64));
            let rows = draw_unique(n, &mut rng);
            let sample = x.select(ndarray::Axis(0), &rows);
            let settings = Settings::study(
                k.min(rows.len()),
                params.restarts(),
                unit_seed(seed, STREAM_BOOT_KMEANS, b as u64),
            );
            let part = best_partition(sample.view(), &settings)?;
            let original: Vec<usize> = rows.iter().map(|&i| labels[i]).collect();
            let out = max_jaccard(&original, k, &part.labels, settings.k);
            progress(1);
            Ok(out)
        })
        .collect::<Result<_, ClusterError>>()?;

    let jaccard = Array2::from_shape_fn((k, resamples), |(c, r)| per_resample[r][c]);
    Ok(Stability {
        jaccard_mean: (0..k)
            .map(|c| jaccard.row(c).sum() / resamples as f64)
            .collect(),
        dissolved: (0..k)
            .map(|c| {
                jaccard
                    .row(c)
                    .iter()
                    .filter(|&&j| j <= DISSOLVED_AT)
                    .count()
            })
            .collect(),
        recovered: (0..k)
            .map(|c| {
                jaccard
                    .row(c)
                    .iter()
                    .filter(|&&j| j > RECOVERED_ABOVE)
                    .count()
            })
            .collect(),
        jaccard,
    })
}

/// Labels of `n` rows into `k >= 1` clusters: one per row, each below `k`.
pub(crate) fn check_labels(labels: &[usize], n: usize, k: usize) -> Result<(), ClusterError> {
    if k == 0 {
        return Err(ClusterError::KTooSmall { got: k });
    }
    if labels.len() != n {
        return Err(ClusterError::LengthMismatch {
            what: "labels",
            expected: n,
            got: labels.len(),
        });
    }
    match labels.iter().enumerate().find(|(_, &l)| l >= k) {
        Some((row, &label)) => Err(ClusterError::LabelOutOfRange { row, label, k }),
        None => Ok(()),
    }
}

/// `unique(sample(n, n, replace = TRUE))`: distinct indices in order of first draw.
fn draw_unique(n: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<usize> {
    let mut seen = vec![false; n];
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let i = rng.gen_range(0..n);
        if !seen[i] {
            seen[i] = true;
            rows.push(i);
        }
    }
    rows
}

/// For each original cluster (labels `original` < k over the drawn rows), the largest Jaccard
/// with any resampled cluster (labels `boot` < kb); 0 when no member was drawn.
pub(crate) fn max_jaccard(original: &[usize], k: usize, boot: &[usize], kb: usize) -> Vec<f64> {
    let mut both = vec![0usize; k * kb];
    let mut size_a = vec![0usize; k];
    let mut size_b = vec![0usize; kb];
    for (&a, &b) in original.iter().zip(boot) {
        both[a * kb + b] += 1;
        size_a[a] += 1;
        size_b[b] += 1;
    }
    (0..k)
        .map(|a| {
            (0..kb).fold(0.0, |best: f64, b| {
                let inter = both[a * kb + b];
                let union = size_a[a] + size_b[b] - inter;
                // zerobyzero = 0: an empty union scores 0.
                let j = if union == 0 {
                    0.0
                } else {
                    inter as f64 / union as f64
                };
                best.max(j)
            })
        })
        .collect()
}

/// fpc's bands of a mean Jaccard: the lowest value of each, highest first; below the last a
/// cluster is "dissolved".
pub const STABILITY_BANDS: [(f64, &str); 4] = [
    (0.85, "highly stable"),
    (0.75, "stable"),
    (0.6, "tentative"),
    (0.5, "unstable"),
];

/// fpc's reading of a mean Jaccard.
pub fn stability_band(jaccard_mean: f64) -> &'static str {
    STABILITY_BANDS
        .iter()
        .find(|(at_least, _)| jaccard_mean >= *at_least)
        .map_or("dissolved", |(_, band)| band)
}

#[cfg(test)]
mod tests;
