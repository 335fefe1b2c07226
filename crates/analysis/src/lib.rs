//! The analysis of one wave: from the aggregation stage's trust scores to everything the study
//! reports about them. It fits k-means at every k from 1 to `k_max`, computes the indices for
//! choosing k, the gap statistic and bootstrap stability, and the clusters' profiles, names and
//! cross-tabs, and hands on an [`Analysis`].
//!
//! The study's settings are written once, in [`STUDY`] (with the cluster stage's own defaults,
//! `cluster::DEFAULT_*`); every other place (the command line's defaults, `replicate`, the
//! benchmarks) takes them from there.

mod analyse;
mod result;
mod sensitivity;
mod settings;

pub use analyse::{analyse, AnalysisError, Progress, Silent};
pub use result::{Analysis, KRow};
pub use sensitivity::{sensitivity, Change, Moved, NotClustered, SensitivityRow, THRESHOLDS};
pub use settings::{
    KChoice, KChoiceError, Settings, SettingsError, ValidSettings, MIN_TRUSTS, STUDY,
};
