//! k-means: linfa's k-means++ seeds and first Lloyd step, then our own polish to a true local
//! optimum, `restarts` independent starts run in parallel, the best kept.
//!
//! Why not linfa alone (linfa-clustering 0.8.1, read in `k_means/algorithm.rs` and confirmed by
//! the `linfa_quirks` test): its `inertia()` is SSE/n, `cluster_count()` comes from the last run
//! rather than the best, and its centroid update counts the old centroid as one more member, so
//! its centroids are not the means of their clusters. And Lloyd alone stops short of the optimum
//! R's Hartigan-Wong reaches on iris at k = 4, 7 and 8, hence the single-point transfer moves.

use linfa::traits::Fit;
use linfa::{DatasetBase, ParamGuard};
use linfa_clustering::{KMeans, KMeansInit};
use ndarray::{Array2, ArrayView2};
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::seeds::{unit_seed, STREAM_RESTART};
use start::{flat_start, FLAT_ROWS};

mod start;
use crate::{ClusterError, ValidKMeansParams, DEFAULT_MAX_ITER, DEFAULT_TOLERANCE};

/// The best of all restarts, relabelled so that label 0 is the largest cluster.
#[derive(Clone, Debug)]
pub struct KMeansFit {
    /// 0-based cluster of each row; 0 is the largest cluster, ties broken by the smallest row id.
    pub labels: Vec<usize>,
    /// Exact means of the clusters, k x p, in label order.
    pub centroids: Array2<f64>,
    pub sizes: Vec<usize>,
    /// Total within-cluster sum of squares (not linfa's per-row mean).
    pub wss: f64,
    /// Lloyd iterations plus transfer passes of the polish of the winning restart.
    pub iterations: usize,
    /// Index of the winning restart (the lowest among equal WSS).
    pub best_restart: usize,
    /// How many restarts reached the best WSS (within 1e-9 relative): a sign of a stable optimum.
    pub restarts_at_best: usize,
}

/// Fit k-means to the rows of `x`; `row_ids` only break ties when ordering clusters.
pub fn fit(
    x: ArrayView2<f64>,
    row_ids: &[String],
    params: &ValidKMeansParams,
) -> Result<KMeansFit, ClusterError> {
    check_data(x)?;
    if row_ids.len() != x.nrows() {
        return Err(ClusterError::LengthMismatch {
            what: "row_ids",
            expected: x.nrows(),
            got: row_ids.len(),
        });
    }
    let settings = Settings::from(params);
    let best = best_partition(x, &settings)?;
    Ok(relabel(x.ncols(), best, row_ids))
}

/// Rejects empty or non-finite data.
pub(crate) fn check_data(x: ArrayView2<f64>) -> Result<(), ClusterError> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ClusterError::EmptyData);
    }
    if let Some(((row, col), _)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(ClusterError::NonFinite { row, col });
    }
    Ok(())
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    pub k: usize,
    pub restarts: usize,
    pub seed: u64,
    pub max_iter: usize,
    pub tolerance: f64,
}

impl Settings {
    /// `restarts` starts from `seed` with the default iteration cap and tolerance: the k-means
    /// that the gap statistic and the bootstrap run.
    pub fn study(k: usize, restarts: usize, seed: u64) -> Self {
        Settings {
            k,
            restarts,
            seed,
            max_iter: DEFAULT_MAX_ITER,
            tolerance: DEFAULT_TOLERANCE,
        }
    }
}

impl From<&ValidKMeansParams> for Settings {
    fn from(p: &ValidKMeansParams) -> Self {
        Settings {
            k: p.k(),
            restarts: p.restarts(),
            seed: p.seed(),
            max_iter: p.max_iter(),
            tolerance: p.tolerance(),
        }
    }
}

/// One polished partition with its labels in arbitrary order.
#[derive(Clone, Debug)]
pub(crate) struct Partition {
    pub labels: Vec<usize>,
    /// k x p, row-major.
    pub centroids: Vec<f64>,
    pub sizes: Vec<usize>,
    pub wss: f64,
    pub iterations: usize,
    pub best_restart: usize,
    pub restarts_at_best: usize,
}

/// The best polished partition over `s.restarts` starts (ties: lowest restart index), so the
/// choice does not depend on which thread finished first. `x` must be finite and non-empty.
pub(crate) fn best_partition(x: ArrayView2<f64>, s: &Settings) -> Result<Partition, ClusterError> {
    let (n, p) = x.dim();
    if s.k > n {
        return Err(ClusterError::TooFewRows { rows: n, k: s.k });
    }
    let x = x.as_standard_layout();
    let data = x.as_slice().expect("standard layout is contiguous");
    if s.k == 1 {
        // One cluster: nothing random, so no restarts and no linfa.
        let mut labels = vec![0; n];
        return Ok(polish(data, p, 1, &mut labels, s.max_iter));
    }
    let flat = n <= FLAT_ROWS && s.tolerance > 0.0 && s.max_iter >= 1;
    let run = |r: usize| {
        let seed = unit_seed(s.seed, STREAM_RESTART, r as u64);
        let mut labels = match flat.then(|| flat_start(data, p, s.k, seed)).flatten() {
            Some(labels) => labels,
            None => linfa_start(x.view(), data, s, seed)?,
        };
        Ok(polish(data, p, s.k, &mut labels, s.max_iter))
    };
    // A small matrix's restarts take microseconds each: handing them to other threads costs
    // more than it saves (and the callers that make many fits already run them in parallel).
    let runs: Vec<Partition> = if flat {
        (0..s.restarts)
            .map(run)
            .collect::<Result<_, ClusterError>>()?
    } else {
        (0..s.restarts)
            .into_par_iter()
            .map(run)
            .collect::<Result<_, ClusterError>>()?
    };
    let mut best_idx = 0;
    for (r, run) in runs.iter().enumerate() {
        if run.wss < runs[best_idx].wss {
            best_idx = r;
        }
    }
    let best_wss = runs[best_idx].wss;
    let at_best = runs
        .iter()
        .filter(|run| run.wss <= best_wss + 1e-9 * best_wss.abs().max(f64::MIN_POSITIVE))
        .count();
    let mut best = runs.into_iter().nth(best_idx).expect("restarts >= 1");
    best.best_restart = best_idx;
    best.restarts_at_best = at_best;
    Ok(best)
}

/// linfa's Lloyd steps per start. Its m_k-means update moves a centroid only 1/(n_c + 1) of the
/// way to the mean, so at 2,500 rows it never meets a 1e-8 tolerance and always runs all 300
/// iterations: 4x the time of the whole fit, for no gain, since the start's basin is set by the
/// k-means++ seeds (per-start hit rates of the optimum on iris, k = 2..8, 2,000 starts: equal
/// within 0.001 for 1, 3, 10 and 300 linfa steps). Our exact Lloyd takes over from its first.
const LINFA_STEPS: usize = 1;

/// One linfa run (k-means++ and one Lloyd step, n_runs = 1): the labels of its centroids.
/// `data` is `x` row-major.
fn linfa_start(
    x: ArrayView2<f64>,
    data: &[f64],
    s: &Settings,
    seed: u64,
) -> Result<Vec<usize>, ClusterError> {
    let rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let model = KMeans::params_with_rng(s.k, rng)
        .n_runs(1)
        .init_method(KMeansInit::KMeansPlusPlus)
        .max_n_iterations(LINFA_STEPS.min(s.max_iter) as u64)
        .tolerance(s.tolerance)
        .check()
        .map_err(|e| ClusterError::Linfa(e.to_string()))?
        .fit(&DatasetBase::from(x))
        .map_err(|e| ClusterError::Linfa(e.to_string()))?;
    // Nearest centroid, first on ties: what linfa's predict does, without its allocations.
    let centroids = model.centroids().as_standard_layout();
    let centres = centroids.as_slice().expect("standard layout is contiguous");
    let labels = data
        .chunks_exact(x.ncols())
        .map(|row| start::nearest(row, centres).0)
        .collect();
    Ok(labels)
}

/// Squared Euclidean distance. Four running sums rather than one: a single f64 sum is a chain
/// of dependent adds that the compiler may not reorder, and this is the hot loop of the polish.
pub(crate) fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    let split = a.len() / 4 * 4;
    let mut acc = [0.0; 4];
    for (ca, cb) in a[..split].chunks_exact(4).zip(b[..split].chunks_exact(4)) {
        for lane in 0..4 {
            let d = ca[lane] - cb[lane];
            acc[lane] += d * d;
        }
    }
    let tail: f64 = a[split..]
        .iter()
        .zip(&b[split..])
        .map(|(u, v)| (u - v) * (u - v))
        .sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Scratch space of one polish; allocated once, reused by every iteration.
struct Polish<'a> {
    x: &'a [f64],
    p: usize,
    k: usize,
    centroids: Vec<f64>,
    counts: Vec<usize>,
}

impl Polish<'_> {
    fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.p..(i + 1) * self.p]
    }

    fn centroid(&self, c: usize) -> &[f64] {
        &self.centroids[c * self.p..(c + 1) * self.p]
    }

    /// Exact means from scratch, so rounding from incremental updates never accumulates.
    fn compute_means(&mut self, labels: &[usize]) {
        let p = self.p;
        self.centroids.fill(0.0);
        self.counts.fill(0);
        for (i, &c) in labels.iter().enumerate() {
            self.counts[c] += 1;
            let row = &self.x[i * p..(i + 1) * p];
            for (m, v) in self.centroids[c * p..(c + 1) * p].iter_mut().zip(row) {
                *m += v;
            }
        }
        for c in 0..self.k {
            if self.counts[c] > 0 {
                let inv = self.counts[c] as f64;
                self.centroids[c * p..(c + 1) * p]
                    .iter_mut()
                    .for_each(|m| *m /= inv);
            }
        }
    }

    /// Reseeds each empty cluster with the point farthest from its centroid among clusters of
    /// two or more (as scikit-learn does); k <= n guarantees there is one. Duplicate rows can
    /// leave linfa with fewer distinct centroids than k, so this does happen.
    fn fill_empty(&mut self, labels: &mut [usize]) {
        while let Some(empty) = self.counts.iter().position(|&c| c == 0) {
            let mut far: Option<(usize, f64)> = None;
            for (i, &c) in labels.iter().enumerate() {
                if self.counts[c] > 1 {
                    let d = sq_dist(self.row(i), self.centroid(c));
                    if far.is_none_or(|(_, best)| d > best) {
                        far = Some((i, d));
                    }
                }
            }
            let (i, _) = far.expect("k <= n leaves a cluster with two or more points");
            labels[i] = empty;
            self.compute_means(labels);
        }
    }

    /// Lloyd to convergence with exact means; a point moves only to a strictly nearer centroid,
    /// so the WSS falls at every change and the loop cannot cycle.
    fn lloyd(&mut self, labels: &mut [usize], max_iter: usize) -> usize {
        self.compute_means(labels);
        self.fill_empty(labels);
        for it in 1..=max_iter {
            let mut changed = false;
            for (i, label) in labels.iter_mut().enumerate() {
                let row = self.row(i);
                let mut best = *label;
                let mut best_d = sq_dist(row, self.centroid(best));
                for c in 0..self.k {
                    if c != *label {
                        let d = sq_dist(row, self.centroid(c));
                        if d < best_d {
                            best = c;
                            best_d = d;
                        }
                    }
                }
                if best != *label {
                    *label = best;
                    changed = true;
                }
            }
            if !changed {
                return it;
            }
            self.compute_means(labels);
            self.fill_empty(labels);
        }
        max_iter
    }

    /// Hartigan-Wong style single-point transfers: moving x from a (n_a > 1) to b changes the
    /// WSS by n_b/(n_b+1)|x-c_b|^2 - n_a/(n_a-1)|x-c_a|^2, so move when that is negative.
    /// Means are updated incrementally here and recomputed exactly by the next Lloyd phase.
    /// Returns the number of passes that moved a point.
    fn transfer(&mut self, labels: &mut [usize], max_passes: usize) -> usize {
        let p = self.p;
        let mut passes = 0;
        while passes < max_passes {
            let mut moved = false;
            for (i, label) in labels.iter_mut().enumerate() {
                let a = *label;
                let na = self.counts[a];
                if na < 2 {
                    continue;
                }
                let row = &self.x[i * p..(i + 1) * p];
                let remove = sq_dist(row, self.centroid(a)) * na as f64 / (na - 1) as f64;
                // The relative margin keeps rounding noise from moving points back and forth.
                let mut best_cost = remove * (1.0 - 1e-12);
                let mut best = None;
                for b in 0..self.k {
                    if b != a {
                        let nb = self.counts[b] as f64;
                        let add = sq_dist(row, self.centroid(b)) * nb / (nb + 1.0);
                        if add < best_cost {
                            best_cost = add;
                            best = Some(b);
                        }
                    }
                }
                if let Some(b) = best {
                    let (na_f, nb_f) = (na as f64, self.counts[b] as f64);
                    for (j, v) in row.iter().enumerate() {
                        let ca = &mut self.centroids[a * p + j];
                        *ca = (*ca * na_f - v) / (na_f - 1.0);
                        let cb = &mut self.centroids[b * p + j];
                        *cb = (*cb * nb_f + v) / (nb_f + 1.0);
                    }
                    self.counts[a] -= 1;
                    self.counts[b] += 1;
                    *label = b;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
            passes += 1;
        }
        passes
    }
}

/// Polishes `labels` (any values < k) into a local optimum for both Lloyd and single transfers.
pub(crate) fn polish(
    x: &[f64],
    p: usize,
    k: usize,
    labels: &mut [usize],
    max_iter: usize,
) -> Partition {
    let mut w = Polish {
        x,
        p,
        k,
        centroids: vec![0.0; k * p],
        counts: vec![0; k],
    };
    let mut iterations = 0;
    for _ in 0..max_iter.max(1) {
        iterations += w.lloyd(labels, max_iter);
        let passes = w.transfer(labels, max_iter);
        iterations += passes;
        if passes == 0 {
            break;
        }
    }
    w.compute_means(labels);
    let wss = labels
        .iter()
        .enumerate()
        .map(|(i, &c)| sq_dist(w.row(i), w.centroid(c)))
        .sum();
    Partition {
        labels: labels.to_vec(),
        centroids: w.centroids,
        sizes: w.counts,
        wss,
        iterations,
        best_restart: 0,
        restarts_at_best: 1,
    }
}

/// Label 0 = the largest cluster; equal sizes are ordered by the smallest row id they contain.
fn relabel(p: usize, part: Partition, row_ids: &[String]) -> KMeansFit {
    let k = part.sizes.len();
    let mut min_id: Vec<Option<&str>> = vec![None; k];
    for (i, &c) in part.labels.iter().enumerate() {
        let id = row_ids[i].as_str();
        if min_id[c].is_none_or(|m| id < m) {
            min_id[c] = Some(id);
        }
    }
    let mut order: Vec<usize> = (0..k).collect();
    // The old label is the last key only so that duplicated row ids still order deterministically.
    order.sort_by(|&a, &b| {
        (part.sizes[b].cmp(&part.sizes[a]))
            .then(min_id[a].cmp(&min_id[b]))
            .then(a.cmp(&b))
    });
    let mut new_of_old = vec![0; k];
    for (new, &old) in order.iter().enumerate() {
        new_of_old[old] = new;
    }
    let mut centroids = Array2::zeros((k, p));
    for (new, &old) in order.iter().enumerate() {
        for j in 0..p {
            centroids[[new, j]] = part.centroids[old * p + j];
        }
    }
    KMeansFit {
        labels: part.labels.iter().map(|&c| new_of_old[c]).collect(),
        centroids,
        sizes: order.iter().map(|&old| part.sizes[old]).collect(),
        wss: part.wss,
        iterations: part.iterations,
        best_restart: part.best_restart,
        restarts_at_best: part.restarts_at_best,
    }
}

#[cfg(test)]
mod tests;
