//! What the clusters mean: theme profiles (the study's Figure 2), names drawn from them, and
//! cross-tabs of the standardisation and alignment answers by cluster, with small cells
//! suppressed.

mod crosstab;
mod model;
mod profile;
mod waves;

pub use crosstab::{alignment, standardisation, AlignmentRow, Shares, StdRow};
pub use model::{Model, ModelCluster, ModelItem, MODEL_FORMAT};
pub use profile::{describe, theme_label, theme_profiles, ClusterSummary, ThemeScore, HIGH, LOW};
pub use waves::{
    compare, place, theme_mean, CodebookMismatch, Comparison, ModelError, Placed, PlacedTrust,
    RunClusters, Status, Transition,
};
