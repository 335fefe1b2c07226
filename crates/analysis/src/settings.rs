//! The settings of one analysis, the study's values for them, and their one check.

use std::fmt;
use std::str::FromStr;

use aggregate::{AggregateError, AggregateParams, ValidAggregateParams};
use cluster::{BootParams, ClusterError, GapParams, KMeansParams};

/// The number of clusters: fixed, or chosen by the gap statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KChoice {
    Fixed(usize),
    Auto,
}

impl fmt::Display for KChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KChoice::Fixed(k) => write!(f, "{k}"),
            KChoice::Auto => f.write_str("auto"),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("must be a whole number of at least 1, or auto (got {0:?})")]
pub struct KChoiceError(pub String);

impl FromStr for KChoice {
    type Err = KChoiceError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        if raw.eq_ignore_ascii_case("auto") {
            return Ok(KChoice::Auto);
        }
        match raw.parse::<usize>() {
            Ok(k) if k >= 1 => Ok(KChoice::Fixed(k)),
            _ => Err(KChoiceError(raw.to_string())),
        }
    }
}

/// What one analysis is asked to do. [`STUDY`] holds the study's values.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub k: KChoice,
    /// Largest k tried when choosing k.
    pub k_max: usize,
    /// Seed of every random step.
    pub seed: u64,
    /// k-means starts of the fits at every k.
    pub restarts: usize,
    /// Bootstrap resamples for cluster stability, and k-means starts on each.
    pub bootstrap: usize,
    pub boot_restarts: usize,
    /// Reference sets of the gap statistic, and k-means starts on each.
    pub gap_refs: usize,
    pub gap_restarts: usize,
    /// The response threshold: a trust is analysed with at least this many counted responses.
    pub min_responses: usize,
    /// The smallest group of answers a cross-tab may show (disclosure control).
    pub min_cell: usize,
    /// Respondent-level bootstrap resamples (0: none); each is clustered with `boot_restarts`
    /// starts.
    pub respondent_bootstrap: usize,
    /// Re-run the analysis at other response thresholds and without each theme.
    pub sensitivity: bool,
    /// The plane chart's themes (`--axes`); `None`: the study's two when the data have both,
    /// else the first two principal components. Checked against the codebook in
    /// [`crate::analyse`].
    pub axes: Option<(String, String)>,
}

/// The 2018 study's settings: k = 3 of k = 1..8, 100 starts, seed 2018, 1000 bootstrap
/// resamples, 500 gap reference sets, five responses per trust, cells of at least five; and
/// beyond the study, 1000 respondent-level resamples.
/// Gap references and bootstrap resamples use 10 starts each because thousands of them are run
/// and every one is polished to a local optimum.
pub const STUDY: Settings = Settings {
    k: KChoice::Fixed(3),
    k_max: 8,
    seed: cluster::DEFAULT_SEED,
    restarts: cluster::DEFAULT_RESTARTS,
    bootstrap: cluster::DEFAULT_BOOTSTRAP,
    boot_restarts: cluster::DEFAULT_BOOT_RESTARTS,
    gap_refs: cluster::DEFAULT_GAP_REFS,
    gap_restarts: cluster::DEFAULT_GAP_RESTARTS,
    min_responses: 5,
    min_cell: 5,
    respondent_bootstrap: cluster::DEFAULT_BOOTSTRAP,
    sensitivity: false,
    axes: None,
};

impl Settings {
    /// Checks every bound once, before any data is read, through the stages' own parameter
    /// checks so that each bound lives in one place. Whether k fits the number of analysed
    /// trusts is known only later, in [`crate::analyse`].
    pub fn check(self) -> Result<ValidSettings, SettingsError> {
        let k = match self.k {
            KChoice::Fixed(k) => k,
            KChoice::Auto => 1,
        };
        KMeansParams::new(k)
            .restarts(self.restarts)
            .seed(self.seed)
            .check()?;
        GapParams::new(self.k_max)
            .refs(self.gap_refs)
            .restarts(self.gap_restarts)
            .seed(self.seed)
            .check()?;
        BootParams::new()
            .resamples(self.bootstrap)
            .restarts(self.boot_restarts)
            .seed(self.seed)
            .check()?;
        if self.respondent_bootstrap > 0 {
            BootParams::new()
                .resamples(self.respondent_bootstrap)
                .restarts(self.boot_restarts)
                .seed(self.seed)
                .check()?;
        }
        let aggregate = AggregateParams {
            min_responses: self.min_responses,
            wave: None,
            min_trusts: MIN_TRUSTS,
            keep_answers: self.respondent_bootstrap > 0,
        }
        .check()?;
        if self.min_cell == 0 {
            return Err(SettingsError::MinCell(self.min_cell));
        }
        if let KChoice::Fixed(k) = self.k {
            if k > self.k_max {
                return Err(SettingsError::KAboveKMax {
                    k,
                    k_max: self.k_max,
                });
            }
        }
        Ok(ValidSettings(self, aggregate))
    }
}

/// Why [`Settings::check`] refused: the stage whose bound was broken says what and the value.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    #[error(transparent)]
    Aggregate(#[from] AggregateError),
    #[error("the smallest cell shown must be at least 1 answer (got {0})")]
    MinCell(usize),
    #[error("k = {k} is more than the largest k tried ({k_max})")]
    KAboveKMax { k: usize, k_max: usize },
}

/// The fewest analysed trusts an analysis goes on with: k-means and z-scores need two.
pub const MIN_TRUSTS: usize = 2;

/// [`Settings`] that passed [`Settings::check`]; only `check` makes one.
#[derive(Clone, Debug)]
pub struct ValidSettings(Settings, ValidAggregateParams);

impl ValidSettings {
    /// The aggregation stage's checked parameters for `wave` (`None`: the files' only wave).
    pub fn aggregate_params(&self, wave: Option<String>) -> ValidAggregateParams {
        self.1.for_wave(wave)
    }
}

impl std::ops::Deref for ValidSettings {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_parses_numbers_and_auto() {
        assert_eq!("3".parse(), Ok(KChoice::Fixed(3)));
        assert_eq!("AUTO".parse(), Ok(KChoice::Auto));
        assert!("0".parse::<KChoice>().is_err());
        assert!("three".parse::<KChoice>().is_err());
        assert_eq!(KChoice::Auto.to_string(), "auto");
        assert_eq!(KChoice::Fixed(4).to_string(), "4");
    }

    #[test]
    fn the_study_settings_pass_and_each_bound_is_named() {
        assert!(STUDY.check().is_ok());
        let with = |f: fn(&mut Settings)| {
            let mut s = STUDY;
            f(&mut s);
            s.check().unwrap_err()
        };
        assert!(matches!(
            with(|s| s.min_cell = 0),
            SettingsError::MinCell(0)
        ));
        assert!(matches!(
            with(|s| s.min_responses = 0),
            SettingsError::Aggregate(AggregateError::MinResponses(0))
        ));
        assert!(matches!(
            with(|s| s.restarts = 0),
            SettingsError::Cluster(_)
        ));
        assert!(matches!(
            with(|s| s.gap_refs = 1),
            SettingsError::Cluster(_)
        ));
        assert!(matches!(
            with(|s| s.bootstrap = 0),
            SettingsError::Cluster(_)
        ));
        assert!(matches!(with(|s| s.k_max = 0), SettingsError::Cluster(_)));
    }
}
