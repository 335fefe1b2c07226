//! Simulated survey waves for matcluster: hands on a wave as CSV text in the survey format
//! ([`simulate`], [`write_csv`]; [`national()`] for a large one), read back like any export.
//! A leaf: it uses only survey's vocabulary.
//!
//! The 2018 "Building Trusts" survey was never published, so the project ships a simulated wave
//! calibrated to every published fact (346 responses from 22 trusts, 17 of them with at least five
//! responses, three planted profiles of 8, 7 and 2 trusts, the standardisation shares). The
//! generative model and each parameter's purpose are documented in `data/replication/README.md`;
//! the parameters themselves live in [`model`].
//!
//! Structure (which trust has how many rows, which rows answer no statement, each trust's profile)
//! is fixed by the preset, so the counting facts hold for every seed. The seed drives only the
//! answers, roles, schools, times and spelling variants. Every trust draws from its own
//! `Xoshiro256PlusPlus` stream seeded from `(seed, trust index)`, so the same seed always gives a
//! byte-identical file.
//!
//! [`SimParams`] says what to simulate and is checked once into a plan of trusts; the generator
//! draws every respondent; the words written (labels, markers, roles, fixed columns) are the
//! format's own, from [`survey::vocabulary`].

mod calendar;
mod error;
mod generate;
mod header;
pub mod model;
pub mod national;
mod params;
mod random;
mod text;

use std::io::Write;

use calendar::format_datetime;
use generate::generate;

pub use error::{SimulateError, TrustChange};
pub use header::{header, IGNORED_COLUMNS, META_COLUMNS};
pub use model::{PlannedTrust, Profile, STANDARDISATION_IDS, STATEMENT_IDS, STATEMENT_THEMES};
pub use national::{national, NationalSummary};
pub use params::{
    added_trust, Placement, Plan, Preset, SimParams, DEFAULT_SEED, DEFAULT_WAVE, DEFAULT_YEAR,
};

/// The whole simulated wave as CSV text (UTF-8, comma-separated, LF line endings, header first).
pub fn simulate(params: &SimParams) -> Result<String, SimulateError> {
    let mut buf = Vec::new();
    write_csv(params, &mut buf)?;
    String::from_utf8(buf)
        .map_err(|e| SimulateError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// Writes the simulated wave as CSV to `out`.
pub fn write_csv<W: Write>(params: &SimParams, out: W) -> Result<(), SimulateError> {
    params.validate()?;
    let trusts = params.plan()?;
    let rows = generate(params, &trusts);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let header = header();
    writer.write_record(&header)?;
    for row in &rows {
        let school = row.school.map(|s| format!("S{s:03}")).unwrap_or_default();
        let mut record: Vec<&str> = Vec::with_capacity(header.len());
        record.push(&row.response_id);
        record.push(&trusts[row.trust].trust_id);
        record.push(&params.wave);
        record.push(row.role);
        record.push(&school);
        let submitted = format_datetime(row.submitted);
        record.push(&submitted);
        record.extend(row.statements.iter().map(String::as_str));
        record.extend(row.standardisation.iter().map(String::as_str));
        record.push(row.alignment);
        record.push(&row.ip_address);
        record.push(row.comment);
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests;
