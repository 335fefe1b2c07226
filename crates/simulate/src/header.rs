//! The columns of a simulated wave, written once for both generators: the fixed columns, the
//! codebook's items, then columns a survey tool exports that the reader ignores.

use crate::model::{STANDARDISATION_IDS, STATEMENT_IDS};

/// Columns before the survey items, in file order: the survey format's fixed columns.
pub const META_COLUMNS: [&str; 6] = survey::vocabulary::FIXED_COLUMNS;
/// Columns a survey tool exports that the reader ignores, written after `alignment`.
pub const IGNORED_COLUMNS: [&str; 2] = ["ip_address", "comments"];

/// Every column of a simulated wave, in file order.
pub fn header() -> Vec<&'static str> {
    META_COLUMNS
        .iter()
        .chain(STATEMENT_IDS.iter())
        .chain(STANDARDISATION_IDS.iter())
        .chain(std::iter::once(&"alignment"))
        .chain(IGNORED_COLUMNS.iter())
        .copied()
        .collect()
}
