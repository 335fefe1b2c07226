use crate::ClusterError;

/// k-means settings as the user gives them; turn them into [`ValidKMeansParams`] with
/// [`KMeansParams::check`] once, at the edge (linfa's `ParamGuard` pattern).
#[derive(Clone, Debug, serde::Serialize)]
pub struct KMeansParams {
    pub k: usize,
    pub restarts: usize,
    pub seed: u64,
    /// Cap on the Lloyd iterations and transfer passes of each polish phase.
    pub max_iter: usize,
    /// linfa's convergence tolerance (centroid shift). linfa now runs a single step per start
    /// and the polish converges exactly (no label changes), so this does not change results;
    /// it is kept, validated and recorded as a study setting.
    pub tolerance: f64,
}

impl KMeansParams {
    /// The study's defaults: 100 restarts, seed 2018, 300 iterations, tolerance 1e-8.
    pub fn new(k: usize) -> Self {
        Self {
            k,
            restarts: 100,
            seed: 2018,
            max_iter: 300,
            tolerance: 1e-8,
        }
    }

    pub fn restarts(mut self, restarts: usize) -> Self {
        self.restarts = restarts;
        self
    }

    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.max_iter = max_iter;
        self
    }

    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// k >= 1, restarts >= 1, max_iter >= 1 and a positive finite tolerance. Whether k fits the
    /// number of rows is checked by [`crate::fit`], which sees the data.
    pub fn check(self) -> Result<ValidKMeansParams, ClusterError> {
        if self.k == 0 {
            return Err(ClusterError::InvalidParam("k must be at least 1".into()));
        }
        if self.restarts == 0 {
            return Err(ClusterError::InvalidParam(
                "restarts must be at least 1".into(),
            ));
        }
        if self.max_iter == 0 {
            return Err(ClusterError::InvalidParam(
                "max_iter must be at least 1".into(),
            ));
        }
        if !(self.tolerance.is_finite() && self.tolerance > 0.0) {
            return Err(ClusterError::InvalidParam(format!(
                "tolerance must be positive and finite, got {}",
                self.tolerance
            )));
        }
        Ok(ValidKMeansParams(self))
    }
}

/// Checked [`KMeansParams`]; only [`KMeansParams::check`] makes one.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ValidKMeansParams(KMeansParams);

impl ValidKMeansParams {
    pub fn k(&self) -> usize {
        self.0.k
    }
    pub fn restarts(&self) -> usize {
        self.0.restarts
    }
    pub fn seed(&self) -> u64 {
        self.0.seed
    }
    pub fn max_iter(&self) -> usize {
        self.0.max_iter
    }
    pub fn tolerance(&self) -> f64 {
        self.0.tolerance
    }
    pub fn params(&self) -> &KMeansParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_studys() {
        let p = KMeansParams::new(3).check().unwrap();
        assert_eq!(
            (p.k(), p.restarts(), p.seed(), p.max_iter()),
            (3, 100, 2018, 300)
        );
        assert_eq!(p.tolerance(), 1e-8);
    }

    #[test]
    fn invalid_params_are_rejected() {
        assert!(KMeansParams::new(0).check().is_err());
        assert!(KMeansParams::new(2).restarts(0).check().is_err());
        assert!(KMeansParams::new(2).max_iter(0).check().is_err());
        assert!(KMeansParams::new(2).tolerance(0.0).check().is_err());
        assert!(KMeansParams::new(2).tolerance(f64::NAN).check().is_err());
        let p = KMeansParams::new(4).restarts(7).seed(9).check().unwrap();
        assert_eq!((p.k(), p.restarts(), p.seed()), (4, 7, 9));
    }
}
