//! Simulated survey waves for matcluster.
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

pub mod model;
pub mod national;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_distr::{Exp1, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

use model::*;
pub use model::{PlannedTrust, Profile, STANDARDISATION_IDS, STATEMENT_IDS, STATEMENT_THEMES};
pub use national::{national, NationalSummary};
use survey::vocabulary::{
    ABOUT_THE_SAME, ALIGNMENT_ANSWERS, CENTRAL_TEAM, CEO, DONT_KNOW, EMPTY, LESS, MORE, NA, SAME,
    SCALE_LABELS,
};

/// The seed of the bundled `data/replication/wave-2017.csv` (the wave's year).
pub const DEFAULT_SEED: u64 = 2017;
/// The wave label written when none is given.
pub const DEFAULT_WAVE: &str = "2017";
/// The year used for `submitted_at` when the wave label is not a year.
pub const DEFAULT_YEAR: i32 = 2017;

/// Columns before the survey items, in file order: the survey format's fixed columns.
pub const META_COLUMNS: [&str; 6] = survey::vocabulary::FIXED_COLUMNS;
/// Columns a survey tool exports that the reader ignores, written after `alignment`.
pub const IGNORED_COLUMNS: [&str; 2] = ["ip_address", "comments"];

#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    #[error("unknown preset {0:?}; the presets are: replication")]
    UnknownPreset(String),
    #[error("invalid wave {wave:?}: {reason}; give a short label such as 2017")]
    InvalidWave { wave: String, reason: &'static str },
    #[error("unknown profile {0:?}; the profiles are: autonomy_identity, teaching_pedagogy, identity_community")]
    UnknownProfile(String),
    #[error(
        "{what}: no trust {trust:?} in the {preset} preset (its trusts are {first} to {last})"
    )]
    UnknownTrust {
        what: &'static str,
        trust: String,
        preset: &'static str,
        first: &'static str,
        last: &'static str,
    },
    #[error("trust {0} is both moved and dropped; give it one change")]
    MovedAndDropped(String),
    #[error("could not write the simulated wave: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the simulated wave as CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// A calibrated set of generative parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The 2018 study's wave: 346 responses, 22 trusts, 17 analysed in clusters of 8, 7 and 2.
    Replication,
}

impl Preset {
    /// The name used on the command line (`--preset replication`).
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
        }
    }

    /// The trusts this wave plants, in order: the preset's with `moves` and `drop` applied, then
    /// the `add` new ones. Each keeps the stream index of its place in the full plan, so moving,
    /// dropping or adding one trust leaves every other trust's answers as they were (apart from
    /// the dealt standardisation answers, which are shared within a profile).
    pub fn plan(&self) -> Result<Vec<Plan>, SimulateError> {
        let preset = self.preset.trusts();
        let unknown = |what, trust: &str| SimulateError::UnknownTrust {
            what,
            trust: trust.to_string(),
            preset: self.preset.name(),
            first: preset[0].trust_id,
            last: preset[preset.len() - 1].trust_id,
        };
        for (t, _) in &self.moves {
            if !preset.iter().any(|p| p.trust_id == t) {
                return Err(unknown("--move", t));
            }
            if self.drop.contains(t) {
                return Err(SimulateError::MovedAndDropped(t.clone()));
            }
        }
        for t in &self.drop {
            if !preset.iter().any(|p| p.trust_id == t) {
                return Err(unknown("--drop", t));
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
                rows,
                no_statement_rows: 0,
                schools,
                stream: (preset.len() + i) as u64,
                first_school,
            });
            first_school += schools;
        }
        Ok(plan)
    }

    /// Checks the parameters; [`simulate`] and [`write_csv`] call this first.
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

    fn year(&self) -> i32 {
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
    pub rows: usize,
    pub no_statement_rows: usize,
    pub schools: u16,
    /// Index of the trust's random stream (its place in the preset, then after it).
    stream: u64,
    /// The trust's first school number (blocks follow the full plan, dropped trusts included).
    first_school: u16,
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
    let header: Vec<&str> = META_COLUMNS
        .iter()
        .chain(STATEMENT_IDS.iter())
        .chain(STANDARDISATION_IDS.iter())
        .chain(std::iter::once(&"alignment"))
        .chain(IGNORED_COLUMNS.iter())
        .copied()
        .collect();
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

/// One simulated response, before writing.
struct Row {
    trust: usize,
    /// Generation order: trust, then respondent within trust. Breaks ties when sorting.
    order: usize,
    started: i64,
    submitted: i64,
    response_id: String,
    role: &'static str,
    school: Option<u16>,
    statements: Vec<String>,
    standardisation: Vec<String>,
    /// Which standardisation cells are answered (filled by [`deal_standardisation`]).
    standardisation_answered: [bool; 10],
    alignment: &'static str,
    ip_address: String,
    comment: &'static str,
}

// Independent random streams, seeded from (seed, stream kind, unit index).
const STREAM_TRUST: u64 = 1;
const STREAM_STANDARDISATION: u64 = 2;

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn stream(seed: u64, kind: u64, index: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix(splitmix(seed ^ splitmix(kind)) ^ index))
}

fn generate(params: &SimParams, trusts: &[Plan]) -> Vec<Row> {
    let window_start = days_from_civil(params.year(), WINDOW_START.0, WINDOW_START.1);
    let window_days = days_from_civil(params.year(), WINDOW_END.0, WINDOW_END.1) - window_start + 1;
    let mut rows = Vec::new();
    for (t, plan) in trusts.iter().enumerate() {
        let mut rng = stream(params.seed, STREAM_TRUST, plan.stream);
        generate_trust(&mut rng, t, plan, window_start, window_days, &mut rows);
    }
    deal_standardisation(params.seed, trusts, &mut rows);

    // Response ids follow the order in which respondents started the survey ...
    rows.sort_by_key(|r| (r.started, r.order));
    for (i, row) in rows.iter_mut().enumerate() {
        row.response_id = format!("R{:04}", i + 1);
    }
    // ... and rows follow the order in which they were submitted.
    rows.sort_by_key(|r| (r.submitted, r.order));
    rows
}

#[allow(clippy::too_many_arguments)]
fn generate_trust(
    rng: &mut Xoshiro256PlusPlus,
    t: usize,
    plan: &Plan,
    window_start: i64,
    window_days: i64,
    rows: &mut Vec<Row>,
) {
    let means = &ITEM_MEANS[plan.profile.index()];
    let trust_dev: Vec<f64> = (0..STATEMENT_IDS.len())
        .map(|_| SD_TRUST_ITEM * normal(rng))
        .collect();
    let trust_shift = SD_TRUST_SHIFT * normal(rng);
    let launch = i64::from(rng.gen_range(0..LAUNCH_SPREAD_DAYS));
    let ceo_at = rng
        .gen_bool(P_TRUST_HAS_CEO)
        .then(|| rng.gen_range(0..plan.rows));
    let network = ["192.0.2", "198.51.100", "203.0.113"][plan.stream as usize % 3];
    let first_school = plan.first_school;

    for i in 0..plan.rows {
        // Who, where and when.
        let role = if ceo_at == Some(i) {
            CEO
        } else {
            pick(rng, &ROLE_PROBS)
        };
        let school = if matches!(role, CEO | CENTRAL_TEAM) || rng.gen_bool(P_SCHOOL_MISSING) {
            None
        } else {
            Some(first_school + rng.gen_range(0..plan.schools))
        };
        let mut day = launch + (MEAN_DAYS_TO_RESPOND * exp1(rng)) as i64;
        for _ in 0..100 {
            if day < window_days {
                break;
            }
            day = launch + (MEAN_DAYS_TO_RESPOND * exp1(rng)) as i64;
        }
        let day = day.min(window_days - 1);
        let second = rng.gen_range(i64::from(HOURS.0) * 3600..i64::from(HOURS.1) * 3600);
        let submitted = (window_start + day) * 86_400 + second;
        let minutes = rng.gen_range(MINUTES_TO_COMPLETE.0..=MINUTES_TO_COMPLETE.1);
        let started = submitted - i64::from(minutes) * 60 - rng.gen_range(0..60);
        let ip_address = format!("{network}.{}", rng.gen_range(1..=254));
        let comment = if rng.gen_bool(P_COMMENT) {
            COMMENTS[rng.gen_range(0..COMMENTS.len())]
        } else {
            ""
        };

        // What they answered. The first `no_statement_rows` respondents of a trust answer no
        // statement: half of them abandoned the survey, the others said "Don't know" throughout.
        let no_statements = i < plan.no_statement_rows;
        let abandoned = no_statements && rng.gen_bool(0.5);
        let statements = if no_statements {
            (0..STATEMENT_IDS.len())
                .map(|_| {
                    if abandoned || rng.gen_bool(0.2) {
                        String::new()
                    } else {
                        DONT_KNOW.to_string()
                    }
                })
                .collect()
        } else {
            statement_answers(rng, means, &trust_dev, trust_shift)
        };
        let mut standardisation = vec![String::new(); STANDARDISATION_IDS.len()];
        let mut standardisation_answered = [false; 10];
        for (cell, answered) in standardisation
            .iter_mut()
            .zip(standardisation_answered.iter_mut())
        {
            if abandoned {
                continue;
            }
            if rng.gen_bool(P_STANDARDISATION_MISSING) {
                *cell = pick(rng, &STANDARDISATION_MISSING_TOKENS).to_string();
            } else {
                *answered = true;
            }
        }
        let alignment = if abandoned {
            EMPTY
        } else if rng.gen_bool(P_ALIGNMENT_MISSING) {
            if rng.gen_bool(0.8) {
                EMPTY
            } else {
                NA
            }
        } else {
            let probs = ALIGNMENT_PROBS[plan.profile.index()];
            pick(
                rng,
                &[
                    (ALIGNMENT_ANSWERS[0], probs[0]),
                    (ALIGNMENT_ANSWERS[1], probs[1]),
                    (ALIGNMENT_ANSWERS[2], probs[2]),
                ],
            )
        };

        rows.push(Row {
            trust: t,
            order: rows.len(),
            started,
            submitted,
            response_id: String::new(),
            role,
            school,
            statements,
            standardisation,
            standardisation_answered,
            alignment,
            ip_address,
            comment,
        });
    }
}

/// A counted respondent's 19 statement cells: latent score = profile mean + trust deviation +
/// trust shift + respondent shift + answer noise, rounded and clipped to 1..5; some cells missing,
/// some written as labels. At least one statement is always answered.
fn statement_answers(
    rng: &mut Xoshiro256PlusPlus,
    means: &[f64; 19],
    trust_dev: &[f64],
    trust_shift: f64,
) -> Vec<String> {
    let respondent_shift = SD_RESPONDENT_SHIFT * normal(rng);
    let codes: Vec<usize> = means
        .iter()
        .zip(trust_dev)
        .map(|(mean, dev)| {
            let latent = mean + dev + trust_shift + respondent_shift + SD_ANSWER * normal(rng);
            latent.round().clamp(1.0, 5.0) as usize
        })
        .collect();
    let mut missing: Vec<bool> = codes
        .iter()
        .map(|_| rng.gen_bool(P_STATEMENT_MISSING))
        .collect();
    if missing.iter().all(|&m| m) {
        let keep = rng.gen_range(0..missing.len());
        missing[keep] = false;
    }
    codes
        .iter()
        .zip(&missing)
        .map(|(&code, &is_missing)| {
            if is_missing {
                pick(rng, &STATEMENT_MISSING_TOKENS).to_string()
            } else if rng.gen_bool(P_STATEMENT_LABEL) {
                let label = SCALE_LABELS[code - 1];
                match pick(
                    rng,
                    &[
                        ("as is", LABEL_CASES[0]),
                        ("lower", LABEL_CASES[1]),
                        ("upper", LABEL_CASES[2]),
                    ],
                ) {
                    "lower" => label.to_lowercase(),
                    "upper" => label.to_uppercase(),
                    _ => label.to_string(),
                }
            } else {
                code.to_string()
            }
        })
        .collect()
}

/// Deals the answered standardisation cells of each profile's respondents from a shuffled deck
/// holding exactly [`STANDARDISATION_SHARES`] (rounded), so the overall shares hold for any seed.
fn deal_standardisation(seed: u64, trusts: &[Plan], rows: &mut [Row]) {
    for profile in Profile::ALL {
        for (area, shares) in STANDARDISATION_SHARES[profile.index()].iter().enumerate() {
            let mut rng = stream(
                seed,
                STREAM_STANDARDISATION,
                (profile.index() * STANDARDISATION_IDS.len() + area) as u64,
            );
            let cells: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    trusts[r.trust].profile == profile && r.standardisation_answered[area]
                })
                .map(|(i, _)| i)
                .collect();
            let n = cells.len() as f64;
            let more = (n * shares.0).round() as usize;
            let less = ((n * shares.2).round() as usize).min(cells.len() - more);
            let same = cells.len() - more - less;
            let mut deck: Vec<&str> = [(MORE, more), (SAME, same), (LESS, less)]
                .iter()
                .flat_map(|&(answer, count)| std::iter::repeat_n(answer, count))
                .collect();
            deck.shuffle(&mut rng);
            for (&i, answer) in cells.iter().zip(deck) {
                let mut text = if answer == SAME && rng.gen_bool(P_ABOUT_THE_SAME) {
                    ABOUT_THE_SAME.to_string()
                } else {
                    answer.to_string()
                };
                if rng.gen_bool(P_CAPITALISED) {
                    text[..1].make_ascii_uppercase();
                }
                rows[i].standardisation[area] = text;
            }
        }
    }
}

pub(crate) fn normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    rng.sample(StandardNormal)
}

fn exp1(rng: &mut Xoshiro256PlusPlus) -> f64 {
    rng.sample(Exp1)
}

/// Draws one value from a table of (value, probability); probabilities sum to 1.
pub(crate) fn pick<'a>(rng: &mut Xoshiro256PlusPlus, table: &[(&'a str, f64)]) -> &'a str {
    let u: f64 = rng.gen();
    let mut cumulative = 0.0;
    for &(value, p) in table {
        cumulative += p;
        if u < cumulative {
            return value;
        }
    }
    table[table.len() - 1].0
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// ISO 8601 local date-time, e.g. `2017-05-09T14:23:05`.
fn format_datetime(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests;
