//! Settings of k-means, the gap statistic and the bootstrap, as linfa builds its `KMeansParams`:
//! chained setters on the study's defaults, then `check()` once, at the edge, which returns the
//! `Valid*` type that [`crate::fit`], [`crate::gap_statistic`] and
//! [`crate::bootstrap_stability`] take. Every bound that does not need the data is checked here
//! and only here; whether k fits the number of rows is checked by the function that sees them.

use crate::ClusterError;

/// The study's seed, for every computation.
pub const DEFAULT_SEED: u64 = 2018;
/// The study's k-means starts for each k.
pub const DEFAULT_RESTARTS: usize = 100;
/// Cap on the Lloyd iterations and transfer passes of each polish phase.
pub const DEFAULT_MAX_ITER: usize = 300;
/// linfa's convergence tolerance (centroid shift).
pub const DEFAULT_TOLERANCE: f64 = 1e-8;
/// Reference data sets of the gap statistic, R's `B`.
pub const DEFAULT_GAP_REFS: usize = 500;
/// k-means starts for the data and for each reference set of the gap statistic.
pub const DEFAULT_GAP_RESTARTS: usize = 10;
/// Bootstrap resamples, fpc's `B`.
pub const DEFAULT_BOOTSTRAP: usize = 1000;
/// k-means starts on each bootstrap resample.
pub const DEFAULT_BOOT_RESTARTS: usize = 10;

/// Chained setters, one per `field: type`, each with the doc comments written above it.
macro_rules! setters {
    ($($(#[$doc:meta])* $field:ident: $ty:ty,)*) => {
        $(
            $(#[$doc])*
            pub fn $field(mut self, $field: $ty) -> Self {
                self.$field = $field;
                self
            }
        )*
    };
}

/// Accessors of a checked wrapper, one per `field: type` of the settings it holds.
macro_rules! getters {
    ($($field:ident: $ty:ty,)*) => {
        $(
            pub fn $field(&self) -> $ty {
                self.0.$field
            }
        )*
    };
}

/// k-means settings as the user gives them; turn them into [`ValidKMeansParams`] with
/// [`KMeansParams::check`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct KMeansParams {
    k: usize,
    restarts: usize,
    seed: u64,
    max_iter: usize,
    tolerance: f64,
}

impl KMeansParams {
    /// k clusters with the study's defaults: [`DEFAULT_RESTARTS`] (100) starts,
    /// [`DEFAULT_SEED`] (2018), [`DEFAULT_MAX_ITER`] (300) iterations and
    /// [`DEFAULT_TOLERANCE`] (1e-8).
    pub fn new(k: usize) -> Self {
        Self {
            k,
            restarts: DEFAULT_RESTARTS,
            seed: DEFAULT_SEED,
            max_iter: DEFAULT_MAX_ITER,
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    setters! {
        restarts: usize,
        seed: u64,
        /// Cap on the Lloyd iterations and transfer passes of each polish phase.
        max_iter: usize,
        /// linfa's convergence tolerance (centroid shift). linfa runs a single step per start and
        /// the polish converges exactly (no label changes), so this does not change results; it is
        /// kept, validated and recorded as a study setting.
        tolerance: f64,
    }

    /// k >= 1, restarts >= 1, max_iter >= 1 and a positive finite tolerance. Whether k fits the
    /// number of rows is checked by [`crate::fit`], which sees the data.
    pub fn check(self) -> Result<ValidKMeansParams, ClusterError> {
        at_least_one(self.k, |got| ClusterError::KTooSmall { got })?;
        at_least_one(self.restarts, |got| ClusterError::TooFewRestarts { got })?;
        at_least_one(self.max_iter, |got| ClusterError::MaxIterTooSmall { got })?;
        if !(self.tolerance.is_finite() && self.tolerance > 0.0) {
            return Err(ClusterError::BadTolerance {
                got: self.tolerance,
            });
        }
        Ok(ValidKMeansParams(self))
    }
}

/// Checked [`KMeansParams`]; only [`KMeansParams::check`] makes one.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ValidKMeansParams(KMeansParams);

impl ValidKMeansParams {
    getters! {
        k: usize,
        restarts: usize,
        seed: u64,
        max_iter: usize,
        tolerance: f64,
    }
    pub fn params(&self) -> &KMeansParams {
        &self.0
    }
}

/// Gap statistic settings as the user gives them; turn them into [`ValidGapParams`] with
/// [`GapParams::check`]. Each k-means run uses [`DEFAULT_MAX_ITER`] and [`DEFAULT_TOLERANCE`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct GapParams {
    k_max: usize,
    refs: usize,
    seed: u64,
    restarts: usize,
}

impl GapParams {
    /// k = 1..=k_max with the study's defaults: [`DEFAULT_GAP_REFS`] (500) reference sets,
    /// [`DEFAULT_SEED`] (2018) and [`DEFAULT_GAP_RESTARTS`] (10) starts.
    pub fn new(k_max: usize) -> Self {
        Self {
            k_max,
            refs: DEFAULT_GAP_REFS,
            seed: DEFAULT_SEED,
            restarts: DEFAULT_GAP_RESTARTS,
        }
    }

    setters! {
        /// Number of reference data sets, R's `B`.
        refs: usize,
        seed: u64,
        /// k-means starts for the data and for every reference set.
        restarts: usize,
    }

    /// k_max >= 1, restarts >= 1 and refs >= 2 (the standard error needs two). Whether k_max
    /// fits the number of rows is checked by [`crate::gap_statistic`], which sees the data.
    pub fn check(self) -> Result<ValidGapParams, ClusterError> {
        at_least_one(self.k_max, |got| ClusterError::KMaxTooSmall { got })?;
        at_least_one(self.restarts, |got| ClusterError::TooFewRestarts { got })?;
        if self.refs < 2 {
            return Err(ClusterError::TooFewGapRefs { got: self.refs });
        }
        Ok(ValidGapParams(self))
    }
}

/// Checked [`GapParams`]; only [`GapParams::check`] makes one.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ValidGapParams(GapParams);

impl ValidGapParams {
    getters! {
        k_max: usize,
        refs: usize,
        seed: u64,
        restarts: usize,
    }
    pub fn params(&self) -> &GapParams {
        &self.0
    }
}

/// Bootstrap settings as the user gives them; turn them into [`ValidBootParams`] with
/// [`BootParams::check`]. Each k-means run uses [`DEFAULT_MAX_ITER`] and [`DEFAULT_TOLERANCE`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct BootParams {
    resamples: usize,
    seed: u64,
    restarts: usize,
}

impl BootParams {
    /// The study's defaults: [`DEFAULT_BOOTSTRAP`] (1000) resamples, [`DEFAULT_SEED`] (2018)
    /// and [`DEFAULT_BOOT_RESTARTS`] (10) starts.
    pub fn new() -> Self {
        Self {
            resamples: DEFAULT_BOOTSTRAP,
            seed: DEFAULT_SEED,
            restarts: DEFAULT_BOOT_RESTARTS,
        }
    }

    setters! {
        /// Number of bootstrap resamples, fpc's `B`.
        resamples: usize,
        seed: u64,
        /// k-means starts on each resample.
        restarts: usize,
    }

    /// resamples >= 1 and restarts >= 1. The k and labels being tested are checked by
    /// [`crate::bootstrap_stability`], which sees them.
    pub fn check(self) -> Result<ValidBootParams, ClusterError> {
        at_least_one(self.resamples, |got| ClusterError::TooFewResamples { got })?;
        at_least_one(self.restarts, |got| ClusterError::TooFewRestarts { got })?;
        Ok(ValidBootParams(self))
    }
}

impl Default for BootParams {
    fn default() -> Self {
        Self::new()
    }
}

/// Checked [`BootParams`]; only [`BootParams::check`] makes one.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ValidBootParams(BootParams);

impl ValidBootParams {
    getters! {
        resamples: usize,
        seed: u64,
        restarts: usize,
    }
    pub fn params(&self) -> &BootParams {
        &self.0
    }
}

/// `Err(error(value))` when a count is 0.
fn at_least_one(value: usize, error: fn(usize) -> ClusterError) -> Result<(), ClusterError> {
    if value == 0 {
        Err(error(value))
    } else {
        Ok(())
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
        let g = GapParams::new(8).check().unwrap();
        assert_eq!(
            (g.k_max(), g.refs(), g.seed(), g.restarts()),
            (8, 500, 2018, 10)
        );
        let b = BootParams::new().check().unwrap();
        assert_eq!((b.resamples(), b.seed(), b.restarts()), (1000, 2018, 10));
    }

    #[test]
    fn setters_set() {
        let p = KMeansParams::new(4)
            .restarts(7)
            .seed(9)
            .max_iter(11)
            .tolerance(0.5)
            .check()
            .unwrap();
        assert_eq!((p.k(), p.restarts(), p.seed(), p.max_iter()), (4, 7, 9, 11));
        assert_eq!(p.tolerance(), 0.5);
        let g = GapParams::new(5)
            .refs(2)
            .seed(9)
            .restarts(3)
            .check()
            .unwrap();
        assert_eq!((g.k_max(), g.refs(), g.seed(), g.restarts()), (5, 2, 9, 3));
        let b = BootParams::new()
            .resamples(1)
            .seed(9)
            .restarts(3)
            .check()
            .unwrap();
        assert_eq!((b.resamples(), b.seed(), b.restarts()), (1, 9, 3));
    }

    #[test]
    fn each_bad_parameter_has_its_error() {
        use ClusterError::*;
        let km = |p: KMeansParams| p.check().unwrap_err();
        assert!(matches!(km(KMeansParams::new(0)), KTooSmall { got: 0 }));
        assert!(matches!(
            km(KMeansParams::new(2).restarts(0)),
            TooFewRestarts { got: 0 }
        ));
        assert!(matches!(
            km(KMeansParams::new(2).max_iter(0)),
            MaxIterTooSmall { got: 0 }
        ));
        for bad in [0.0, -1e-8, f64::NAN, f64::INFINITY] {
            match km(KMeansParams::new(2).tolerance(bad)) {
                BadTolerance { got } => assert_eq!(got.to_bits(), bad.to_bits()),
                other => panic!("{other:?}"),
            }
        }
        let gap = |p: GapParams| p.check().unwrap_err();
        assert!(matches!(gap(GapParams::new(0)), KMaxTooSmall { got: 0 }));
        assert!(matches!(
            gap(GapParams::new(3).restarts(0)),
            TooFewRestarts { got: 0 }
        ));
        assert!(matches!(
            gap(GapParams::new(3).refs(1)),
            TooFewGapRefs { got: 1 }
        ));
        assert!(matches!(
            gap(GapParams::new(3).refs(0)),
            TooFewGapRefs { got: 0 }
        ));
        let boot = |p: BootParams| p.check().unwrap_err();
        assert!(matches!(
            boot(BootParams::new().resamples(0)),
            TooFewResamples { got: 0 }
        ));
        assert!(matches!(
            boot(BootParams::new().restarts(0)),
            TooFewRestarts { got: 0 }
        ));
    }

    #[test]
    fn messages_speak_of_values() {
        assert_eq!(
            GapParams::new(3).refs(1).check().unwrap_err().to_string(),
            "the gap statistic needs at least 2 reference sets to estimate its standard error (got 1)"
        );
        assert_eq!(
            KMeansParams::new(0).check().unwrap_err().to_string(),
            "k must be at least 1 (got 0)"
        );
        assert_eq!(
            KMeansParams::new(2)
                .tolerance(-1.0)
                .check()
                .unwrap_err()
                .to_string(),
            "the convergence tolerance must be positive and finite (got -1)"
        );
    }
}
