//! What to simulate: the preset, the seed, the wave label and the changes to the preset's trusts
//! ([`SimParams`]), checked once and turned into the owned [`Plan`] of every trust to generate.

use std::fmt;
use std::str::FromStr;

use crate::error::{SimulateError, TrustChange};
use crate::model::{PlannedTrust, Profile, REPLICATION_TRUSTS};

/// The seed of the bundled `data/replication/wave-2017.csv` (the wave's year).
pub const DEFAULT_SEED: u64 = 2017;
/// The wave label written when none is given.
pub const DEFAULT_WAVE: &str = "2017";
/// The year used for `submitted_at` when the wave label is not a year.
pub const DEFAULT_YEAR: i32 = 2017;

/// A calibrated set of generative parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The 2018 study's wave: 346 responses, 22 trusts, 17 analysed in clusters of 8, 7 and 2.
    Replication,
}

impl Preset {
    /// The preset's name (`replication`), as [`FromStr`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Replication => "replication",
        }
    }

    /// The trusts the preset plants, with their profiles and row counts.
    pub fn trusts(self) -> &'static [PlannedTrust] {
        match self {
            Preset::Replication => &REPLICATION_TRUSTS,
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = SimulateError;

    /// A planted profile by its [`Profile::name`] (`autonomy_identity`, `teaching_pedagogy`,
    /// `identity_community`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| SimulateError::UnknownProfile(s.to_string()))
    }
}

impl FromStr for Preset {
    type Err = SimulateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "replication" => Ok(Preset::Replication),
            _ => Err(SimulateError::UnknownPreset(s.to_string())),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SimParams {
    pub preset: Preset,
    pub seed: u64,
    /// Written to the `wave` column; if it is a year (1900-2100) the submission dates fall in that
    /// year, otherwise in 2017.
    pub wave: String,
    /// Trusts of the preset drawn from another planted profile than the preset's (a trust that
    /// "moved" between waves). Their row counts and random streams stay the same.
    pub moves: Vec<(String, Profile)>,
    /// Trusts of the preset left out (a trust that left, or did not take part in, this wave).
    pub drop: Vec<String>,
    /// New trusts appended after the preset's: see [`added_trust`].
    pub add: usize,
    /// Trusts planted exactly halfway between two profiles' statement means, with no
    /// trust-level deviation: planted truth for checking how sure a trust's cluster is. The
    /// first profile decides the trust's other answers (standardisation, alignment).
    pub between: Vec<(String, Profile, Profile)>,
    /// Trusts planted exactly at a profile's statement means, with no trust-level deviation.
    pub centre: Vec<(String, Profile)>,
    /// Trusts given this many data rows (their rows without statements included) instead of
    /// the preset's: a deep trust with many responses, or a thin one.
    pub rows: Vec<(String, usize)>,
}

impl SimParams {
    pub fn new(preset: Preset, seed: u64) -> Self {
        SimParams {
            preset,
            seed,
            wave: DEFAULT_WAVE.to_string(),
            moves: Vec::new(),
            drop: Vec::new(),
            add: 0,
            between: Vec::new(),
            centre: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The trusts this wave plants, in order: the preset's with `moves` and `drop` applied, then
    /// the `add` new ones. Each keeps the stream index of its place in the full plan, so moving,
    /// dropping or adding one trust leaves every other trust's answers as they were (apart from
    /// the dealt standardisation answers, which are shared within a profile).
    pub fn plan(&self) -> Result<Vec<Plan>, SimulateError> {
        let preset = self.preset.trusts();
        let unknown = |change, trust: &str| SimulateError::UnknownTrust {
            change,
            trust: trust.to_string(),
            preset: self.preset.name(),
            first: preset[0].trust_id,
            last: preset[preset.len() - 1].trust_id,
        };
        for (t, _) in &self.moves {
            if !preset.iter().any(|p| p.trust_id == t) {
                return Err(unknown(TrustChange::Move, t));
            }
            if self.drop.contains(t) {
                return Err(SimulateError::MovedAndDropped(t.clone()));
            }
        }
        for t in &self.drop {
            if !preset.iter().any(|p| p.trust_id == t) {
                return Err(unknown(TrustChange::Drop, t));
            }
        }
        let mut plan = Vec::new();
        let mut first_school: u16 = 1;
        for (t, p) in preset.iter().enumerate() {
            let profile = self
                .moves
                .iter()
                .rev()
                .find(|(id, _)| id == p.trust_id)
                .map_or(p.profile, |(_, profile)| *profile);
            if !self.drop.iter().any(|d| d == p.trust_id) {
                plan.push(Plan {
                    trust_id: p.trust_id.to_string(),
                    profile,
                    placement: Placement::Drawn,
                    rows: p.rows,
                    no_statement_rows: p.no_statement_rows,
                    schools: p.schools,
                    stream: t as u64,
                    first_school,
                });
            }
            first_school += p.schools;
        }
        for i in 0..self.add {
            let (trust_id, profile, rows, schools) = added_trust(preset.len(), i);
            plan.push(Plan {
                trust_id,
                profile,
                placement: Placement::Drawn,
                rows,
                no_statement_rows: 0,
                schools,
                stream: (preset.len() + i) as u64,
                first_school,
            });
            first_school += schools;
        }
        self.place(&mut plan)?;
        Ok(plan)
    }

    /// Applies `between`, `centre` and `rows` to the planned trusts (the preset's and the added).
    fn place(&self, plan: &mut [Plan]) -> Result<(), SimulateError> {
        // A repeated --move keeps its last profile (as before); a trust moved, planted
        // between or planted at a centre by two of those is refused.
        let mut placed: std::collections::BTreeSet<&String> =
            self.moves.iter().map(|(t, _)| t).collect();
        let planted = self
            .between
            .iter()
            .map(|(t, _, _)| (t, "planted between two profiles"));
        let planted = planted.chain(self.centre.iter().map(|(t, _)| (t, "planted at a centre")));
        for (t, change) in planted {
            if !placed.insert(t) {
                return Err(SimulateError::PlacedTwice(t.clone()));
            }
            self.refuse_dropped(t, change)?;
        }
        for (t, _) in &self.rows {
            self.refuse_dropped(t, "given rows")?;
        }
        for (t, a, b) in &self.between {
            let p = self.find(plan, TrustChange::Between, t)?;
            p.profile = *a;
            p.placement = Placement::Between(*b);
        }
        for (t, a) in &self.centre {
            let p = self.find(plan, TrustChange::Centre, t)?;
            p.profile = *a;
            p.placement = Placement::Centre;
        }
        for (t, rows) in &self.rows {
            let p = self.find(plan, TrustChange::Rows, t)?;
            if *rows <= p.no_statement_rows {
                return Err(SimulateError::TooFewRows {
                    trust: t.clone(),
                    rows: *rows,
                    without_statements: p.no_statement_rows,
                });
            }
            p.rows = *rows;
        }
        Ok(())
    }

    fn refuse_dropped(&self, trust: &str, change: &'static str) -> Result<(), SimulateError> {
        if self.drop.iter().any(|d| d == trust) {
            return Err(SimulateError::DroppedAndPlaced {
                trust: trust.to_string(),
                change,
            });
        }
        Ok(())
    }

    fn find<'p>(
        &self,
        plan: &'p mut [Plan],
        change: TrustChange,
        trust: &str,
    ) -> Result<&'p mut Plan, SimulateError> {
        let preset = self.preset.trusts();
        plan.iter_mut()
            .find(|p| p.trust_id == trust)
            .ok_or_else(|| SimulateError::UnknownTrust {
                change,
                trust: trust.to_string(),
                preset: self.preset.name(),
                first: preset[0].trust_id,
                last: preset[preset.len() - 1].trust_id,
            })
    }

    /// Checks the parameters; [`simulate`](crate::simulate) and [`write_csv`](crate::write_csv)
    /// call this first.
    pub fn validate(&self) -> Result<(), SimulateError> {
        self.plan()?;
        let invalid = |reason| SimulateError::InvalidWave {
            wave: self.wave.clone(),
            reason,
        };
        if self.wave.trim().is_empty() {
            return Err(invalid("it is empty"));
        }
        if self.wave.trim() != self.wave {
            return Err(invalid("it has leading or trailing spaces"));
        }
        if self.wave.chars().any(char::is_control) {
            return Err(invalid("it holds a control character"));
        }
        Ok(())
    }

    pub(crate) fn year(&self) -> i32 {
        match self.wave.parse::<i32>() {
            Ok(year) if (1900..=2100).contains(&year) => year,
            _ => DEFAULT_YEAR,
        }
    }
}

impl Default for SimParams {
    fn default() -> Self {
        SimParams::new(Preset::Replication, DEFAULT_SEED)
    }
}

/// One trust of a simulated wave, owned (added trusts have generated ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub trust_id: String,
    pub profile: Profile,
    /// Where its statement means sit relative to `profile`'s.
    pub placement: Placement,
    pub rows: usize,
    pub no_statement_rows: usize,
    pub schools: u16,
    /// Index of the trust's random stream (its place in the preset, then after it).
    pub(crate) stream: u64,
    /// The trust's first school number (blocks follow the full plan, dropped trusts included).
    pub(crate) first_school: u16,
}

/// Where a planned trust's statement means sit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Its profile's means plus a trust-level deviation per statement and a shift (the
    /// preset's trusts).
    Drawn,
    /// Exactly its profile's means.
    Centre,
    /// Exactly halfway between its profile's means and this profile's.
    Between(Profile),
}

/// Rows of the added trusts, in turn: all at least 12, so every added trust is analysed.
const ADDED_ROWS: [usize; 6] = [18, 14, 22, 12, 16, 20];

/// The `i`-th (0-based) added trust of a preset with `preset_len` trusts: id `MAT-NN` numbered on
/// from the preset (`MAT-23`, `MAT-24`, ... for the replication preset), profile
/// `autonomy_identity` and `teaching_pedagogy` in turn (starting with autonomy_identity), rows
/// 18, 14, 22, 12, 16, 20 in turn, none without statements, one school per four rows.
pub fn added_trust(preset_len: usize, i: usize) -> (String, Profile, usize, u16) {
    let profile = [Profile::AutonomyIdentity, Profile::TeachingPedagogy][i % 2];
    let rows = ADDED_ROWS[i % ADDED_ROWS.len()];
    (
        format!("MAT-{:02}", preset_len + i + 1),
        profile,
        rows,
        (rows / 4) as u16,
    )
}
