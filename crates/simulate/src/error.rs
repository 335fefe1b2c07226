//! What can go wrong: a parameter value that names nothing (a preset, a profile, a trust), a
//! wave label that cannot be written, or the writing itself. Messages speak of the values; a
//! command line that took them from options adds which option.

/// Which change to a preset's trusts named a trust: one of [`SimParams::moves`] or
/// [`SimParams::drop`].
///
/// [`SimParams::moves`]: crate::SimParams::moves
/// [`SimParams::drop`]: crate::SimParams::drop
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustChange {
    /// Drawing the trust from another profile.
    Move,
    /// Leaving the trust out.
    Drop,
    /// Planting the trust between two profiles.
    Between,
    /// Planting the trust at a profile's centre.
    Centre,
    /// Giving the trust another number of rows.
    Rows,
}

#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    #[error("unknown preset {0:?}; the presets are: replication")]
    UnknownPreset(String),
    #[error("invalid wave {wave:?}: {reason}; give a short label such as 2017")]
    InvalidWave { wave: String, reason: &'static str },
    #[error("unknown profile {0:?}; the profiles are: autonomy_identity, teaching_pedagogy, identity_community")]
    UnknownProfile(String),
    #[error("no trust {trust:?} in the {preset} preset (its trusts are {first} to {last})")]
    UnknownTrust {
        /// The change that named the trust.
        change: TrustChange,
        trust: String,
        preset: &'static str,
        first: &'static str,
        last: &'static str,
    },
    #[error("trust {trust} needs more rows than the {without_statements} of it that answer no statement (got {rows})")]
    TooFewRows {
        trust: String,
        rows: usize,
        without_statements: usize,
    },
    #[error("trust {trust} is dropped, so it cannot also be {change}; give it one change")]
    DroppedAndPlaced { trust: String, change: &'static str },
    #[error("trust {0} is given two profiles or placements; give it one")]
    PlacedTwice(String),
    #[error("trust {0} is both moved and dropped; give it one change")]
    MovedAndDropped(String),
    #[error("could not write the simulated wave: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the simulated wave as CSV: {0}")]
    Csv(#[from] csv::Error),
}
