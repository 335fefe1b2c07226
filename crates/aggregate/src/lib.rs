//! From respondent rows to trust-level scores: row accounting, the study's response threshold,
//! per-statement means and z-scores, and the agreement statistics (ICC, rwg(j)) that justify
//! treating staff answers as a measure of their trust. It hands on an [`Aggregation`]: one
//! outcome per input row, every trust's count, and the analysed trusts' [`ScoreTable`].

mod accounting;
mod agreement;
mod responses;
mod scores;
mod sums;

pub use accounting::{Outcome, Reason};
pub use agreement::{icc_from_groups, rwg_j, GroupStats, ItemAgreement};
pub use responses::{standardise, Responses, Standardised};
pub use scores::{
    aggregate, AggregateError, AggregateParams, Aggregation, ScoreTable, TrustSummary,
    ValidAggregateParams,
};
