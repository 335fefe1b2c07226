//! Gap statistic (Tibshirani, Walther & Hastie 2001) as R `cluster::clusGap` (cluster 2.1.4)
//! with `spaceH0 = "scaledPCA"`, `d.power = 2`, and its `maxSE` rules for choosing k.

use ndarray::{Array2, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::kmeans::{best_partition, check_data, Settings};
use crate::pca::pca_box;
use crate::seeds::{unit_seed, STREAM_GAP_DATA, STREAM_GAP_REF, STREAM_GAP_REF_KMEANS};
use crate::{ClusterError, ValidGapParams};

#[derive(Clone, Debug, serde::Serialize)]
pub struct GapResult {
    /// 1..=k_max.
    pub k: Vec<usize>,
    /// log(W_k) of the data, W_k = WSS / 2 (d.power = 2).
    pub log_w: Vec<f64>,
    /// Mean of log(W_k) over the reference sets.
    pub e_log_w: Vec<f64>,
    pub gap: Vec<f64>,
    /// s_k = sd(reference log W_k) * sqrt(1 + 1/B), R's `SE.sim`.
    pub se: Vec<f64>,
    pub k_first_se_max: usize,
    pub k_tibs2001_se_max: usize,
}

/// Computes the gap for k = 1..=k_max. Each reference set is drawn uniformly in the box spanned
/// by the data's principal axes; clustering it there rather than rotated back, as R does, gives
/// the same W_k because a rotation and a shift keep all distances. `progress` gets 1 per
/// reference set. A k with W_k = 0 in the data (k = n) gives log W = -inf and gap = +inf; a
/// k_max above the number of rows is [`ClusterError::TooFewRows`].
pub fn gap_statistic(
    x: ArrayView2<f64>,
    params: &ValidGapParams,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<GapResult, ClusterError> {
    check_data(x)?;
    let n = x.nrows();
    let (k_max, refs, seed) = (params.k_max(), params.refs(), params.seed());
    if k_max > n {
        return Err(ClusterError::TooFewRows { rows: n, k: k_max });
    }
    let log_w_of = |z: ArrayView2<f64>, seed_of: &dyn Fn(usize) -> u64| {
        (1..=k_max)
            .map(|k| {
                let settings = Settings::study(k, params.restarts(), seed_of(k));
                Ok((best_partition(z, &settings)?.wss / 2.0).ln())
            })
            .collect::<Result<Vec<f64>, ClusterError>>()
    };
    let log_w = log_w_of(x, &|k| unit_seed(seed, STREAM_GAP_DATA, k as u64))?;

    let bounds = pca_box(x);
    let ref_log_w: Vec<Vec<f64>> = (0..refs)
        .into_par_iter()
        .map(|b| {
            let mut rng =
                Xoshiro256PlusPlus::seed_from_u64(unit_seed(seed, STREAM_GAP_REF, b as u64));
            let r = bounds.lo.len();
            // Column by column, like R's apply(rng.x1, 2, runif).
            let mut z = Array2::zeros((n, r));
            for c in 0..r {
                let (lo, hi) = (bounds.lo[c], bounds.hi[c]);
                for i in 0..n {
                    z[[i, c]] = lo + (hi - lo) * rng.gen::<f64>();
                }
            }
            let km_seed = unit_seed(seed, STREAM_GAP_REF_KMEANS, b as u64);
            let out = log_w_of(z.view(), &|k| unit_seed(km_seed, 0, k as u64));
            progress(1);
            out
        })
        .collect::<Result<_, ClusterError>>()?;

    let refs = refs as f64;
    let mut e_log_w = Vec::with_capacity(k_max);
    let mut se = Vec::with_capacity(k_max);
    for k in 0..k_max {
        let mean = ref_log_w.iter().map(|v| v[k]).sum::<f64>() / refs;
        let var = ref_log_w.iter().map(|v| (v[k] - mean).powi(2)).sum::<f64>() / (refs - 1.0);
        e_log_w.push(mean);
        se.push((var * (1.0 + 1.0 / refs)).sqrt());
    }
    let gap: Vec<f64> = e_log_w.iter().zip(&log_w).map(|(e, l)| e - l).collect();
    Ok(GapResult {
        k: (1..=k_max).collect(),
        k_first_se_max: max_se(&gap, &se, SeMethod::FirstSeMax),
        k_tibs2001_se_max: max_se(&gap, &se, SeMethod::Tibs2001SeMax),
        log_w,
        e_log_w,
        gap,
        se,
    })
}

/// The rules of R `cluster::maxSE` for picking k from a criterion `f` and its standard errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum SeMethod {
    /// The smallest k within one SE of the first local maximum (R's default).
    FirstSeMax,
    /// The smallest k with f(k) >= f(k+1) - s(k+1), as in Tibshirani et al. (2001).
    Tibs2001SeMax,
    /// The smallest k within one SE of the global maximum.
    GlobalSeMax,
    /// The first local maximum.
    FirstMax,
    /// The global maximum.
    GlobalMax,
}

/// R `cluster::maxSE(f, SE.f, method)` with `SE.factor = 1`: the chosen k, 1-based.
pub fn max_se(f: &[f64], se: &[f64], method: SeMethod) -> usize {
    max_se_factor(f, se, method, 1.0)
}

/// R `cluster::maxSE` with its `SE.factor`. Returns 0 for an empty `f`.
///
/// # Panics
/// If `f` and `se` differ in length.
pub fn max_se_factor(f: &[f64], se: &[f64], method: SeMethod, factor: f64) -> usize {
    assert_eq!(f.len(), se.len(), "one SE per value");
    let k = f.len();
    if k == 0 {
        return 0;
    }
    let s: Vec<f64> = se.iter().map(|v| v * factor).collect();
    // R's which.max: the first position of the maximum, NaN ignored.
    let which_max = || {
        let mut best = 0;
        for i in 1..k {
            if f[i] > f[best] || f[best].is_nan() {
                best = i;
            }
        }
        best + 1
    };
    let first_max = || (0..k - 1).find(|&i| f[i + 1] <= f[i]).map_or(k, |i| i + 1);
    // The smallest k' < nc with f(k') >= f(nc) - s(nc), else nc.
    let within_se_of = |nc: usize| {
        (0..nc - 1)
            .find(|&i| f[i] >= f[nc - 1] - s[nc - 1])
            .map_or(nc, |i| i + 1)
    };
    match method {
        SeMethod::FirstMax => first_max(),
        SeMethod::GlobalMax => which_max(),
        SeMethod::Tibs2001SeMax => (0..k - 1)
            .find(|&i| f[i] >= f[i + 1] - s[i + 1])
            .map_or(k, |i| i + 1),
        SeMethod::FirstSeMax => within_se_of(first_max()),
        SeMethod::GlobalSeMax => within_se_of(which_max()),
    }
}

#[cfg(test)]
mod tests;
