//! What the clusters mean: theme profiles (the study's Figure 2), names drawn from them, and
//! cross-tabs of the standardisation and alignment answers by cluster, with small cells
//! suppressed. It hands on [`ThemeScore`]s, [`ClusterSummary`]s and the cross-tab rows.

mod crosstab;
mod plane;
mod profile;

pub use crosstab::{alignment, standardisation, AlignmentRow, Shares, StdRow};
pub use plane::{AxesError, Loading, Plane, PLANE_STEM, STUDY_AXES, STUDY_STEM};
pub use profile::{
    describe, join_labels, mid_sentence, sentence_case, theme_mean, theme_profiles, ClusterSummary,
    ThemeScore, HIGH, LOW,
};
