//! The Kruskal-Wallis rank test, as R's `kruskal.test`: mid-ranks, the ties correction, and the
//! chi-square p on (groups - 1) degrees of freedom; beside it a permutation p from seeded
//! relabellings, and epsilon-squared.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// R's tolerance when counting resampled statistics "at least as large" as the observed one
/// (`almost.1` in `fisher.test`), so ties with the observed statistic count despite rounding.
pub(crate) const ALMOST_ONE: f64 = 1.0 + 64.0 * f64::EPSILON;

/// The test on one variable.
#[derive(Clone, Debug, PartialEq)]
pub struct KruskalWallis {
    /// H, ties-corrected.
    pub statistic: f64,
    pub df: usize,
    /// The asymptotic chi-square p.
    pub p_value: f64,
    /// H / (n - 1): the share of rank variance between groups (Tomczak and Tomczak 2014).
    pub epsilon_squared: f64,
}

/// The values' mid-ranks (1-based; ties share the mean of their ranks), and the ties
/// correction 1 - sum(t^3 - t) / (n^3 - n).
fn mid_ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; n];
    let mut ties = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && values[order[j]] == values[order[i]] {
            j += 1;
        }
        let t = (j - i) as f64;
        let rank = (i + j + 1) as f64 / 2.0;
        for &o in &order[i..j] {
            ranks[o] = rank;
        }
        ties += t * t * t - t;
        i = j;
    }
    let nf = n as f64;
    (ranks, 1.0 - ties / (nf * nf * nf - nf))
}

/// Sum over groups of (rank sum)^2 / size: the part of H that a relabelling changes.
fn between(ranks: &[f64], groups: &[usize], k: usize, sums: &mut [f64], sizes: &[f64]) -> f64 {
    sums.iter_mut().for_each(|s| *s = 0.0);
    for (r, &g) in ranks.iter().zip(groups) {
        sums[g] += r;
    }
    (0..k)
        .filter(|&g| sizes[g] > 0.0)
        .map(|g| sums[g] * sums[g] / sizes[g])
        .sum()
}

/// The ranks, group sizes and the constants that turn [`between`] into H.
struct Ranked {
    ranks: Vec<f64>,
    sizes: Vec<f64>,
    /// H = scale * between - shift.
    scale: f64,
    shift: f64,
}

impl Ranked {
    fn new(values: &[f64], groups: &[usize], k: usize) -> Ranked {
        let (ranks, ties) = mid_ranks(values);
        let n = values.len() as f64;
        let mut sizes = vec![0.0; k];
        for &g in groups {
            sizes[g] += 1.0;
        }
        Ranked {
            ranks,
            sizes,
            scale: 12.0 / (n * (n + 1.0)) / ties,
            shift: 3.0 * (n + 1.0) / ties,
        }
    }

    fn h(&self, groups: &[usize], sums: &mut [f64]) -> f64 {
        let k = self.sizes.len();
        self.scale * between(&self.ranks, groups, k, sums, &self.sizes) - self.shift
    }
}

/// The test of `values` across `groups` (0-based labels below `k`; groups without values take
/// no part, as in R). `None` when it is undefined: fewer than two groups with values, or every
/// value the same.
pub fn kruskal_wallis(values: &[f64], groups: &[usize], k: usize) -> Option<KruskalWallis> {
    let ranked = Ranked::new(values, groups, k);
    let present = ranked.sizes.iter().filter(|s| **s > 0.0).count();
    if present < 2 || !ranked.scale.is_finite() {
        return None;
    }
    let statistic = ranked.h(groups, &mut vec![0.0; k]);
    let df = present - 1;
    let p_value = ChiSquared::new(df as f64).ok()?.sf(statistic);
    let n = values.len() as f64;
    Some(KruskalWallis {
        statistic,
        df,
        p_value,
        epsilon_squared: statistic / (n - 1.0),
    })
}

/// A p from random relabellings, with its Monte Carlo standard error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonteCarloP {
    /// (1 + relabellings at least as extreme) / (1 + relabellings), as R's `simulate.p.value`.
    pub p: f64,
    /// sqrt(p (1 - p) / relabellings).
    pub se: f64,
}

impl MonteCarloP {
    pub(crate) fn new(extreme: usize, draws: usize) -> MonteCarloP {
        let p = (1 + extreme) as f64 / (1 + draws) as f64;
        MonteCarloP {
            p,
            se: (p * (1.0 - p) / draws.max(1) as f64).sqrt(),
        }
    }
}

/// The permutation p of H: the group labels shuffled `draws` times with a generator seeded by
/// `seed`, counting the relabellings whose H is at least the observed one.
pub fn kruskal_permutation(
    values: &[f64],
    groups: &[usize],
    k: usize,
    draws: usize,
    seed: u64,
) -> MonteCarloP {
    let ranked = Ranked::new(values, groups, k);
    let mut sums = vec![0.0; k];
    let observed = ranked.h(groups, &mut sums);
    let mut labels = groups.to_vec();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let extreme = (0..draws)
        .filter(|_| {
            labels.shuffle(&mut rng);
            ranked.h(&labels, &mut sums) * ALMOST_ONE >= observed
        })
        .count();
    MonteCarloP::new(extreme, draws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_ranks_share_tied_places() {
        let (ranks, ties) = mid_ranks(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(ranks, vec![3.5, 1.0, 3.5, 2.0]);
        assert_eq!(ties, 1.0 - 6.0 / 60.0);
    }

    #[test]
    fn undefined_without_two_groups_or_without_variation() {
        assert!(kruskal_wallis(&[1.0, 2.0, 3.0], &[0, 0, 0], 2).is_none());
        assert!(kruskal_wallis(&[4.0, 4.0, 4.0], &[0, 1, 1], 2).is_none());
    }

    #[test]
    fn permutation_p_is_seeded() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let g = [0, 0, 0, 1, 1, 1];
        let a = kruskal_permutation(&v, &g, 2, 2000, 7);
        assert_eq!(a, kruskal_permutation(&v, &g, 2, 2000, 7));
        // Exact: 2 of the 20 splits are as extreme (the observed and its mirror).
        assert!((a.p - 0.1).abs() < 3.0 * a.se + 1e-3, "{a:?}");
    }
}
