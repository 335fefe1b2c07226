//! What the two random tests share: R's tolerance for ties with the observed statistic, and a
//! Monte Carlo p with its standard error.

/// R's tolerance when counting resampled statistics "at least as large" as the observed one
/// (`almost.1` in `fisher.test`), so ties with the observed statistic count despite rounding.
pub(crate) const ALMOST_ONE: f64 = 1.0 + 64.0 * f64::EPSILON;

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
