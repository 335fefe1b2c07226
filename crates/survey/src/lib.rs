//! Reading and validating survey exports against the study's codebook: hands on a [`Survey`],
//! every valid row of every file with its answers coded, or every [`Problem`] found.
//!
//! The reader never stops at the first problem: it collects every problem it can find, each with
//! the file, the physical line, the column and the offending value, so an analyst can fix an
//! export in one pass. Respondent-level answers live only in [`Survey`]; later stages aggregate.

mod codebook;
mod coverage;
mod problem;
mod reader;
mod suggest;
mod text;
mod values;
pub mod vocabulary;

pub use codebook::{Codebook, CodebookError, Field, Item, ItemKind, Scale, STUDY_CODEBOOK};
pub use coverage::{
    coverage, separator_name, FileReport, FoundItem, IgnoredColumns, SurveySummary, WaveCoverage,
};
pub use problem::column_letters;
pub use problem::{Problem, Problems, Remedy};
pub use reader::{
    file_name, look_alike_waves, read_survey_bytes, read_surveys, read_table, sha256_hex,
    wave_counts, ColumnMatch, FileSummary, Format, HeaderCell, Layout, LookAlikeWaves, ReadOptions,
    Row, Survey, Table, TableRow, Unmatched,
};
pub use suggest::{similarity, suggest, Suggestion, SuggestionReport};
pub use text::{match_key, normalise_trust_id, show_value};
pub use values::{Alignment, Role, StdAnswer};
pub use vocabulary::ROLES;
