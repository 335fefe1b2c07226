/// Everything that can go wrong in this crate. Data problems name the row and column (0-based).
/// Messages speak of values, never of where they came from: a caller that took them from a
/// command line or a file adds that.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("k must be at least 1 (got {got})")]
    KTooSmall { got: usize },
    #[error("the number of k-means starts must be at least 1 (got {got})")]
    TooFewRestarts { got: usize },
    #[error("the cap on k-means iterations must be at least 1 (got {got})")]
    MaxIterTooSmall { got: usize },
    #[error("the convergence tolerance must be positive and finite (got {got})")]
    BadTolerance { got: f64 },
    #[error("the gap statistic needs a largest k of at least 1 (got {got})")]
    KMaxTooSmall { got: usize },
    #[error("the gap statistic needs at least 2 reference sets to estimate its standard error (got {got})")]
    TooFewGapRefs { got: usize },
    #[error("the bootstrap needs at least 1 resample (got {got})")]
    TooFewResamples { got: usize },
    #[error("{k} clusters need at least {k} rows, but the data has {rows}")]
    TooFewRows { rows: usize, k: usize },
    #[error("the data has a missing or infinite value at row {row}, column {col}; impute or drop it first")]
    NonFinite { row: usize, col: usize },
    #[error("the data has no rows or no columns")]
    EmptyData,
    #[error("{what} has {got} entries but the data has {expected} rows")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// Two matrices that must share their columns (the same items in the same order) do not.
    #[error("{what} have {got} columns but {other} have {expected}")]
    ColumnMismatch {
        what: &'static str,
        got: usize,
        other: &'static str,
        expected: usize,
    },
    /// Clusters are 0-based; the message numbers them from 1, as reports do.
    #[error("the distance {distance} between the centroids of base cluster {} and new cluster {} is not finite or above 1e6, too far to match; are both in the same coordinates?", .base + 1, .new + 1)]
    UnusableDistance {
        distance: f64,
        base: usize,
        new: usize,
    },
    #[error("label {label} at row {row} is not below k = {k}")]
    LabelOutOfRange { row: usize, label: usize, k: usize },
    #[error("linfa k-means failed: {0}")]
    Linfa(String),
}
