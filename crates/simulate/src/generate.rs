//! The replication generator: every planned trust's respondents drawn from its own random
//! stream, the standardisation answers dealt per profile, then response ids given in start order
//! and rows put in submission order.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_xoshiro::Xoshiro256PlusPlus;
use survey::vocabulary::{
    ABOUT_THE_SAME, ALIGNMENT_ANSWERS, CEO, DONT_KNOW, EMPTY, LESS, MORE, NA, SAME, SCALE_LABELS,
};

use crate::calendar::days_from_civil;
use crate::model::*;
use crate::params::{Placement, Plan, SimParams};
use crate::random::{exp1, normal, pick, stream, STREAM_STANDARDISATION, STREAM_TRUST};

/// One simulated response, before writing.
pub(crate) struct Row {
    pub(crate) trust: usize,
    /// Generation order: trust, then respondent within trust. Breaks ties when sorting.
    order: usize,
    started: i64,
    pub(crate) submitted: i64,
    pub(crate) response_id: String,
    pub(crate) role: &'static str,
    pub(crate) school: Option<u16>,
    pub(crate) statements: Vec<String>,
    pub(crate) standardisation: Vec<String>,
    /// Which standardisation cells are answered (filled by [`deal_standardisation`]).
    standardisation_answered: [bool; 10],
    pub(crate) alignment: &'static str,
    pub(crate) ip_address: String,
    pub(crate) comment: &'static str,
}

/// Every row of the wave of `params`, whose planned trusts are `trusts`, in the order they are
/// written.
pub(crate) fn generate(params: &SimParams, trusts: &[Plan]) -> Vec<Row> {
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
    let own = ITEM_MEANS[plan.profile.index()];
    let (means, deviation) = match plan.placement {
        Placement::Drawn => (own, 1.0),
        Placement::Centre => (own, 0.0),
        Placement::Between(other) => {
            let other = ITEM_MEANS[other.index()];
            (std::array::from_fn(|j| (own[j] + other[j]) / 2.0), 0.0)
        }
    };
    let means = &means;
    // A planted placement draws the deviations too (and zeroes them), so the trust's stream,
    // and every later draw from it, stays as in the preset.
    let trust_dev: Vec<f64> = (0..STATEMENT_IDS.len())
        .map(|_| deviation * SD_TRUST_ITEM * normal(rng))
        .collect();
    let trust_shift = deviation * SD_TRUST_SHIFT * normal(rng);
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
        let school = if !school_based(role) || rng.gen_bool(P_SCHOOL_MISSING) {
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
