//! What the clusters mean: theme profiles (the study's Figure 2), names drawn from them, and
//! cross-tabs of the standardisation and alignment answers by cluster, with small cells
//! suppressed. It hands on [`ThemeScore`]s, [`ClusterSummary`]s and the cross-tab rows.

mod crosstab;
mod profile;

pub use crosstab::{alignment, standardisation, AlignmentRow, Shares, StdRow};
pub use profile::{
    describe, theme_label, theme_mean, theme_profiles, ClusterSummary, ThemeScore, HIGH, LOW,
};
