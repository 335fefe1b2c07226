//! linfa's start (k-means++ seeds, then one Lloyd step of its m_k-means update), done again on
//! a flat slice for small matrices: the same arithmetic in the same order, with the same random
//! draws (rand's `WeightedIndex` on the same generator), so it gives the same labels as linfa
//! (checked against it by `same_start_as_linfa`). At 17 rows most of linfa's time went to
//! ndarray views, per-call allocations and handing 17 distances to rayon; the gap statistic
//! alone makes 40,000 such starts.

use rand::distributions::{Distribution, WeightedIndex};
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Matrices up to this many rows take the flat path; larger ones keep linfa's, whose parallel
/// distance steps pay off there.
pub(super) const FLAT_ROWS: usize = 256;

/// linfa's `sq_l2_dist`: one running sum, in column order, of (centroid - row)^2.
fn linfa_sq_dist(centre: &[f64], row: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (c, x) in centre.iter().zip(row) {
        let d = c - x;
        sum += d * d;
    }
    sum
}

/// The centre (rows of `centres`, `row.len()` wide) nearest `row`, first on ties, and its
/// squared distance, as linfa's `closest_centroid` finds it (distances are never NaN: the
/// data are finite).
pub(super) fn nearest(row: &[f64], centres: &[f64]) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (c, centre) in centres.chunks_exact(row.len()).enumerate() {
        let d = linfa_sq_dist(centre, row);
        if d < best.1 {
            best = (c, d);
        }
    }
    best
}

/// The labels linfa's `KMeans` (k-means++, `n_runs` 1, one iteration, generator
/// `Xoshiro256PlusPlus::seed_from_u64(seed)`) gives `x` (n x p, row-major), each row to its
/// nearest centroid, first on ties.
/// `None` where linfa would fail instead (an infinite sum of distances: its "inertia error"),
/// so that the caller can let linfa say so.
pub(super) fn flat_start(x: &[f64], p: usize, k: usize, seed: u64) -> Option<Vec<usize>> {
    let n = x.len() / p;
    let row = |i: usize| &x[i * p..(i + 1) * p];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    // k-means++: the first seed uniformly (weights of one), each next one with probability
    // proportional to the squared distance to the nearest seed so far.
    let mut seeds = vec![0.0; k * p];
    let ones = vec![1.0f64; n];
    let first = WeightedIndex::new(ones.iter())
        .expect("n >= 1")
        .sample(&mut rng);
    seeds[..p].copy_from_slice(row(first));
    let mut to_seeds = vec![f64::INFINITY; n];
    for c in 1..k {
        let latest = &seeds[(c - 1) * p..c * p];
        for (i, d) in to_seeds.iter_mut().enumerate() {
            let to_latest = linfa_sq_dist(latest, row(i));
            if to_latest < *d {
                *d = to_latest;
            }
        }
        // linfa multiplies by the weights (all 1.0: exact) and takes row 0 when every distance
        // is zero, without drawing.
        let chosen = WeightedIndex::new(to_seeds.iter())
            .map(|w| w.sample(&mut rng))
            .unwrap_or(0);
        seeds[c * p..(c + 1) * p].copy_from_slice(row(chosen));
    }
    // One Lloyd step: each row to its nearest seed (first on ties), then each centroid the sum
    // of its rows plus the old seed, over the count plus one (m_k-means).
    let mut centroids = vec![0.0; k * p];
    let mut counts = vec![1usize; k];
    let mut inertia = 0.0;
    for i in 0..n {
        let best = nearest(row(i), &seeds);
        inertia += best.1;
        counts[best.0] += 1;
        for (m, v) in centroids[best.0 * p..(best.0 + 1) * p]
            .iter_mut()
            .zip(row(i))
        {
            *m += v;
        }
    }
    // linfa keeps a run only if its summed distances are below infinity: NaN or overflow is
    // its "inertia error", which the caller gets from linfa itself.
    if !inertia.is_finite() {
        return None;
    }
    for (m, s) in centroids.iter_mut().zip(&seeds) {
        *m += s;
    }
    for (c, count) in counts.iter().enumerate() {
        let count = *count as f64;
        centroids[c * p..(c + 1) * p]
            .iter_mut()
            .for_each(|m| *m /= count);
    }
    // Nearest centroid, first on ties, as `linfa_start` labels linfa's centroids.
    Some((0..n).map(|i| nearest(row(i), &centroids).0).collect())
}
