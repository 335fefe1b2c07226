/// Everything that can go wrong in this crate. Data problems name the row and column (0-based).
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("invalid parameter: {0}")]
    InvalidParam(String),
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
    #[error("label {label} at row {row} is not below k = {k}")]
    LabelOutOfRange { row: usize, label: usize, k: usize },
    #[error("linfa k-means failed: {0}")]
    Linfa(String),
}
