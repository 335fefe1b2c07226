//! A national-scale wave for benchmarks: any number of trusts and responses, drawn from the same
//! planted profiles and written with the same columns and value vocabulary as the replication
//! preset (codes and scale labels in three casings, `NA` / `N/A` / `Don't know` / empty for no
//! answer, `about the same`, capitalised answers, ignored columns with quoted multi-line comments).
//!
//! It is not calibrated to any published fact: trust sizes are log-normal around
//! `responses / trusts` (with few responses per trust, some fall below the five-response
//! threshold; at 400 a trust, as in the benchmarks, none do), profiles are planted in the study's
//! proportions 8 : 7 : 2, and about 1% of respondents answer no statement.
//! Rows are interleaved across trusts, as a national export sorted by submission time would be.
//!
//! One `Xoshiro256PlusPlus` stream, seeded from `seed`, drives everything, so the same arguments
//! always give a byte-identical file. Rows are formatted into one reused buffer: a million rows
//! take a few seconds in a release build.

use std::io::Write;

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use survey::vocabulary::{
    ABOUT_THE_SAME, ALIGNMENT_ANSWERS, CEO, DONT_KNOW, LESS, MORE, NA, OTHER, SAME, SCALE_LABELS,
};

use crate::calendar::{days_from_civil, push_datetime};
use crate::header::header;
use crate::model::*;
use crate::random::{normal, pick, pick_index};
use crate::text::{csv_quoted, digits, push_padded};
use crate::SimulateError;

/// The wave label written in every row.
pub const NATIONAL_WAVE: &str = "2017";
/// Probability that a respondent answers no statement (excluded as `no_statements_answered`).
pub const P_NO_STATEMENTS: f64 = 0.01;
/// Standard deviation of log trust size: sizes vary about 13-fold between the 10th and 90th
/// percentile.
pub const SD_LOG_TRUST_SIZE: f64 = 1.0;
/// Responses per school, roughly: a trust of 400 responses has about 10 schools.
const RESPONSES_PER_SCHOOL: usize = 40;

/// Counts of what [`national`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalSummary {
    pub trusts: usize,
    pub responses: usize,
    pub bytes: u64,
}

struct Trust {
    id: Vec<u8>,
    profile: usize,
    /// Latent item means: the profile's plus this trust's deviations and shift.
    means: [f64; 19],
    first_school: usize,
    schools: usize,
    network: &'static [u8],
    launch_day: i64,
}

/// Writes a national wave of `responses` rows over `trusts` trusts (`MAT-0001` ...) as CSV
/// (UTF-8, comma-separated, LF line endings, header first) to `out`, which should be buffered
/// by the caller if it is a file (a `BufWriter`) — rows are written one at a time.
pub fn national<W: Write>(
    trusts: usize,
    responses: usize,
    seed: u64,
    mut out: W,
) -> Result<NationalSummary, SimulateError> {
    let trusts = trusts.max(1);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x6E61_7469_6F6E_616C);
    let plan = plan_trusts(&mut rng, trusts, responses);
    // Cumulative trust weights: each row picks its trust, so rows interleave across trusts.
    let cumulative = trust_weights(&mut rng, trusts);
    let comments: Vec<Vec<u8>> = COMMENTS.iter().map(|c| csv_quoted(c)).collect();
    let labels: Vec<[Vec<u8>; 3]> = SCALE_LABELS
        .iter()
        .map(|l| {
            [
                l.as_bytes().to_vec(),
                l.to_lowercase().into_bytes(),
                l.to_uppercase().into_bytes(),
            ]
        })
        .collect();
    let window_start = days_from_civil(2017, WINDOW_START.0, WINDOW_START.1);
    let window_days = days_from_civil(2017, WINDOW_END.0, WINDOW_END.1) - window_start + 1;
    let id_width = digits(responses).max(4);

    let mut line: Vec<u8> = Vec::with_capacity(512);
    line.extend_from_slice(header().join(",").as_bytes());
    line.push(b'\n');
    out.write_all(&line)?;
    let mut bytes = line.len() as u64;

    for r in 0..responses {
        line.clear();
        let u: f64 = rng.gen();
        let t = cumulative.partition_point(|c| *c <= u).min(trusts - 1);
        let trust = &plan[t];

        // response_id, trust_id, wave
        line.push(b'R');
        push_padded(&mut line, r + 1, id_width);
        line.push(b',');
        line.extend_from_slice(&trust.id);
        line.push(b',');
        line.extend_from_slice(NATIONAL_WAVE.as_bytes());
        line.push(b',');
        // role, school_id
        let role = pick(&mut rng, &ROLE_PROBS);
        let role = if role == OTHER && rng.gen_bool(0.05) {
            CEO
        } else {
            role
        };
        line.extend_from_slice(role.as_bytes());
        line.push(b',');
        if school_based(role) && !rng.gen_bool(P_SCHOOL_MISSING) {
            line.push(b'S');
            push_padded(
                &mut line,
                trust.first_school + rng.gen_range(0..trust.schools),
                5,
            );
        }
        line.push(b',');
        // submitted_at
        let day = (trust.launch_day
            + (MEAN_DAYS_TO_RESPOND * rng.sample::<f64, _>(rand_distr::Exp1)) as i64)
            .min(window_days - 1);
        let second = rng.gen_range(i64::from(HOURS.0) * 3600..i64::from(HOURS.1) * 3600);
        push_datetime(&mut line, (window_start + day) * 86_400 + second);

        // The 19 statements.
        let no_statements = rng.gen_bool(P_NO_STATEMENTS);
        let abandoned = no_statements && rng.gen_bool(0.5);
        let shift = SD_RESPONDENT_SHIFT * normal(&mut rng);
        let mut answered = 0;
        for (j, mean) in trust.means.iter().enumerate() {
            line.push(b',');
            if no_statements {
                if !abandoned && !rng.gen_bool(0.2) {
                    line.extend_from_slice(DONT_KNOW.as_bytes());
                }
                continue;
            }
            let latent = mean + shift + SD_ANSWER * normal(&mut rng);
            let code = latent.round().clamp(1.0, 5.0) as usize;
            // At least one statement is answered: the last is kept if all others were missing.
            if rng.gen_bool(P_STATEMENT_MISSING) && !(j == 18 && answered == 0) {
                line.extend_from_slice(pick(&mut rng, &STATEMENT_MISSING_TOKENS).as_bytes());
            } else {
                answered += 1;
                if rng.gen_bool(P_STATEMENT_LABEL) {
                    let case = pick_index(&mut rng, &LABEL_CASES);
                    line.extend_from_slice(&labels[code - 1][case]);
                } else {
                    line.push(b'0' + code as u8);
                }
            }
        }

        // The 10 standardisation areas.
        for shares in &STANDARDISATION_SHARES[trust.profile] {
            line.push(b',');
            if abandoned {
                continue;
            }
            if rng.gen_bool(P_STANDARDISATION_MISSING) {
                line.extend_from_slice(pick(&mut rng, &STANDARDISATION_MISSING_TOKENS).as_bytes());
                continue;
            }
            let u: f64 = rng.gen();
            let answer = if u < shares.0 {
                MORE
            } else if u < shares.0 + shares.1 {
                if rng.gen_bool(P_ABOUT_THE_SAME) {
                    ABOUT_THE_SAME
                } else {
                    SAME
                }
            } else {
                LESS
            };
            let at = line.len();
            line.extend_from_slice(answer.as_bytes());
            if rng.gen_bool(P_CAPITALISED) {
                line[at].make_ascii_uppercase();
            }
        }

        // alignment, ip_address, comments
        line.push(b',');
        if !abandoned {
            if rng.gen_bool(P_ALIGNMENT_MISSING) {
                if !rng.gen_bool(0.8) {
                    line.extend_from_slice(NA.as_bytes());
                }
            } else {
                let probs = ALIGNMENT_PROBS[trust.profile];
                line.extend_from_slice(ALIGNMENT_ANSWERS[pick_index(&mut rng, &probs)].as_bytes());
            }
        }
        line.push(b',');
        line.extend_from_slice(trust.network);
        line.push(b'.');
        push_padded(&mut line, rng.gen_range(1..=254), 1);
        line.push(b',');
        if rng.gen_bool(P_COMMENT) {
            line.extend_from_slice(&comments[rng.gen_range(0..comments.len())]);
        }
        line.push(b'\n');
        out.write_all(&line)?;
        bytes += line.len() as u64;
    }
    out.flush()?;
    Ok(NationalSummary {
        trusts,
        responses,
        bytes,
    })
}

/// Each trust's id, profile (8 : 7 : 2, in a fixed repeating order), latent means, schools and
/// launch day.
fn plan_trusts(rng: &mut Xoshiro256PlusPlus, trusts: usize, responses: usize) -> Vec<Trust> {
    // The replication preset's 17 analysed trusts, in order, give the profile pattern.
    const PATTERN: [usize; 17] = [0, 1, 0, 1, 2, 0, 1, 0, 1, 0, 1, 0, 2, 1, 0, 1, 0];
    let width = digits(trusts).max(4);
    let per_trust = responses / trusts + 1;
    let schools = per_trust.div_ceil(RESPONSES_PER_SCHOOL).max(1);
    let networks: [&'static [u8]; 3] = [b"192.0.2", b"198.51.100", b"203.0.113"];
    (0..trusts)
        .map(|t| {
            let profile = PATTERN[t % PATTERN.len()];
            let shift = SD_TRUST_SHIFT * normal(rng);
            let mut means = ITEM_MEANS[profile];
            for m in means.iter_mut() {
                *m += shift + SD_TRUST_ITEM * normal(rng);
            }
            let mut id = b"MAT-".to_vec();
            push_padded(&mut id, t + 1, width);
            Trust {
                id,
                profile,
                means,
                first_school: t * schools + 1,
                schools,
                network: networks[t % 3],
                launch_day: i64::from(rng.gen_range(0..LAUNCH_SPREAD_DAYS)),
            }
        })
        .collect()
}

/// Log-normal trust sizes as cumulative shares in (0, 1], the last exactly 1.
fn trust_weights(rng: &mut Xoshiro256PlusPlus, trusts: usize) -> Vec<f64> {
    let weights: Vec<f64> = (0..trusts)
        .map(|_| (SD_LOG_TRUST_SIZE * normal(rng)).exp())
        .collect();
    let total: f64 = weights.iter().sum();
    let mut acc = 0.0;
    let mut cumulative: Vec<f64> = weights
        .iter()
        .map(|w| {
            acc += w / total;
            acc
        })
        .collect();
    if let Some(last) = cumulative.last_mut() {
        *last = 1.0;
    }
    cumulative
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_every_row_has_every_column() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let sa = national(50, 2000, 9, &mut a).unwrap();
        national(50, 2000, 9, &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(sa.bytes as usize, a.len());
        let mut reader = csv::Reader::from_reader(&a[..]);
        let columns = reader.headers().unwrap().len();
        assert_eq!(columns, 6 + 19 + 10 + 1 + 2);
        let mut rows = 0;
        let mut trusts = std::collections::BTreeSet::new();
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), columns);
            trusts.insert(record[1].to_string());
            rows += 1;
        }
        assert_eq!(rows, 2000);
        assert!(trusts.len() > 40, "{}", trusts.len());
        let mut c = Vec::new();
        national(50, 2000, 10, &mut c).unwrap();
        assert_ne!(a, c);
    }
}
