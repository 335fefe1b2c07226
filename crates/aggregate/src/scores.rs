//! Accounting, the response threshold and trust-level scores.

use std::collections::BTreeMap;

use polars::prelude::*;
use survey::{Codebook, Survey};

use crate::accounting::{Outcome, Reason};
use crate::agreement::{icc_from_groups, rwg_j, GroupStats, ItemAgreement};
use crate::responses::{standardise, Responses, Standardised};
use crate::sums::{trust_moments, TrustSums};

#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    #[error("the response threshold must be at least 1 (got {0})")]
    MinResponses(usize),
    #[error("the files hold several waves ({0})")]
    SeveralWaves(String),
    #[error("wave {wanted} is not in the files (they hold: {present})")]
    NoSuchWave { wanted: String, present: String },
    #[error("only {analysed} trust(s) have at least {min} counted responses; clustering needs at least {needed}")]
    TooFewTrusts {
        analysed: usize,
        min: usize,
        needed: usize,
    },
    #[error("aggregation failed inside polars: {0}")]
    Polars(#[from] PolarsError),
}

#[derive(Clone, Debug)]
pub struct AggregateParams {
    pub min_responses: usize,
    /// The wave to analyse; `None` when the files hold exactly one.
    pub wave: Option<String>,
    /// The fewest analysed trusts a run may go on with.
    pub min_trusts: usize,
    /// Whether to keep the analysed trusts' answers ([`Aggregation::answers`]) for the
    /// respondent-level bootstrap; without it they are left empty (a byte per answer saved).
    pub keep_answers: bool,
}

/// Checked once at the edge; the aggregation never sees an invalid threshold.
#[derive(Clone, Debug)]
pub struct ValidAggregateParams(AggregateParams);

impl AggregateParams {
    pub fn check(self) -> Result<ValidAggregateParams, AggregateError> {
        if self.min_responses == 0 {
            return Err(AggregateError::MinResponses(0));
        }
        Ok(ValidAggregateParams(self))
    }
}

impl ValidAggregateParams {
    pub fn min_responses(&self) -> usize {
        self.0.min_responses
    }

    pub fn wave(&self) -> Option<&str> {
        self.0.wave.as_deref()
    }

    /// The same checked parameters with another response threshold (checked again), for a
    /// re-run that never resamples respondents (so the answers are not kept).
    pub fn with_min_responses(
        &self,
        min_responses: usize,
    ) -> Result<ValidAggregateParams, AggregateError> {
        AggregateParams {
            min_responses,
            keep_answers: false,
            ..self.0.clone()
        }
        .check()
    }

    /// The same checked parameters for another wave (a wave label needs no check).
    pub fn for_wave(&self, wave: Option<String>) -> ValidAggregateParams {
        ValidAggregateParams(AggregateParams {
            wave,
            ..self.0.clone()
        })
    }
}

/// One trust in the analysed wave: counts always, scores only when analysed.
#[derive(Clone, Debug, PartialEq)]
pub struct TrustSummary {
    pub trust_id: String,
    /// Counted responses (rows that answered at least one statement).
    pub responses: usize,
    pub analysed: bool,
    pub reason: Option<Reason>,
    pub rwg_j: Option<f64>,
}

/// Analysed trusts x statements: answer counts, means and z-scores, labelled on both axes.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreTable {
    pub trust_ids: Vec<String>,
    pub item_ids: Vec<String>,
    pub themes: Vec<String>,
    /// Row-major, trusts x items.
    pub n: Vec<usize>,
    pub mean: Vec<f64>,
    pub z: Vec<f64>,
    /// Per item across analysed trusts: the standardisation a later wave must reuse.
    pub item_mean: Vec<f64>,
    pub item_sd: Vec<f64>,
    /// Counted responses per analysed trust (the same order as `trust_ids`).
    pub responses: Vec<usize>,
}

impl ScoreTable {
    pub fn rows(&self) -> usize {
        self.trust_ids.len()
    }

    pub fn cols(&self) -> usize {
        self.item_ids.len()
    }

    /// The statements' themes, each once, in column order (the codebook's).
    pub fn distinct_themes(&self) -> Vec<&String> {
        let mut out: Vec<&String> = Vec::new();
        for t in &self.themes {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }
}

/// Everything the aggregation stage produces for one wave.
#[derive(Clone, Debug)]
pub struct Aggregation {
    pub wave: String,
    /// One outcome per survey row, in the survey's row order.
    pub outcomes: Vec<Outcome>,
    /// Every trust of the wave, sorted by id.
    pub trusts: Vec<TrustSummary>,
    pub scores: ScoreTable,
    pub agreement: Vec<ItemAgreement>,
    /// Per analysed trust (score table order) and standardisation area: counts of more, same, less.
    pub standardisation: Vec<Vec<[usize; 3]>>,
    /// Per analysed trust: counts of A, B, C.
    pub alignment: Vec<[usize; 3]>,
    /// Things an analyst should know, one sentence each (e.g. statements absent from the wave).
    pub notes: Vec<String>,
    /// The analysed trusts' counted answers on the analysed statements, one byte each: what the
    /// respondent-level bootstrap resamples (empty unless `keep_answers` was asked for).
    pub answers: Responses,
}

impl Aggregation {
    /// Rows excluded, by reason; every reason is listed, zero included.
    pub fn exclusions(&self) -> BTreeMap<Reason, usize> {
        let mut by: BTreeMap<Reason, usize> = Reason::ALL.iter().map(|r| (*r, 0)).collect();
        for o in &self.outcomes {
            if let Outcome::Excluded(r) = o {
                *by.entry(*r).or_insert(0) += 1;
            }
        }
        by
    }

    pub fn counted(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| **o == Outcome::Counted)
            .count()
    }
}

pub fn aggregate(
    survey: &Survey,
    codebook: &Codebook,
    params: &ValidAggregateParams,
) -> Result<Aggregation, AggregateError> {
    let p = &params.0;
    let wave = choose_wave(survey, p.wave.as_deref())?;
    let wave_idx = survey
        .waves
        .iter()
        .position(|w| *w == wave)
        .map(|i| i as u32);
    let n_s = survey.statement_ids.len();

    // Pass 1: row outcomes before the threshold, and counted responses per trust.
    // Counts are kept per interned trust (one index per distinct id), not per id text.
    let mut outcomes = Vec::with_capacity(survey.rows.len());
    let mut per_trust = vec![0usize; survey.trusts.len()];
    let mut trust_rows = vec![0usize; survey.trusts.len()];
    for (i, row) in survey.rows.iter().enumerate() {
        let outcome = if Some(row.wave) != wave_idx {
            Outcome::Excluded(Reason::OtherWave)
        } else if let Some(t) = row.trust() {
            trust_rows[t as usize] += 1;
            if survey.statement_row(i).iter().all(|a| *a == 0) {
                Outcome::Excluded(Reason::NoStatementsAnswered)
            } else {
                per_trust[t as usize] += 1;
                Outcome::Counted
            }
        } else {
            Outcome::Excluded(Reason::MissingTrustId)
        };
        outcomes.push(outcome);
    }
    // Pass 2: the study's threshold.
    for (i, row) in survey.rows.iter().enumerate() {
        if outcomes[i] == Outcome::Counted
            && per_trust[row.trust().unwrap_or(0) as usize] < p.min_responses
        {
            outcomes[i] = Outcome::Excluded(Reason::TooFewResponses);
        }
    }
    let (rank, order) = trust_ranks(survey);
    let mut trusts: Vec<TrustSummary> = order
        .iter()
        .map(|t| *t as usize)
        .filter(|t| trust_rows[*t] > 0)
        .map(|t| {
            let responses = per_trust[t];
            let analysed = responses >= p.min_responses;
            TrustSummary {
                trust_id: survey.trusts[t].clone(),
                responses,
                analysed,
                reason: (!analysed).then_some(Reason::TooFewResponses),
                rwg_j: None,
            }
        })
        .collect();
    let analysed: Vec<String> = trusts
        .iter()
        .filter(|t| t.analysed)
        .map(|t| t.trust_id.clone())
        .collect();
    if analysed.len() < p.min_trusts {
        return Err(AggregateError::TooFewTrusts {
            analysed: analysed.len(),
            min: p.min_responses,
            needed: p.min_trusts,
        });
    }

    // Statements no file of this wave carries, or that no counted response answered, are left
    // out, and said so once: a column of blanks must not become z = 0 for every trust.
    let present = statements_present(survey, &wave);
    let mut answered = vec![false; n_s];
    for (i, o) in outcomes.iter().enumerate() {
        if *o == Outcome::Counted {
            for (a, v) in answered.iter_mut().zip(survey.statement_row(i)) {
                *a |= *v != 0;
            }
        }
    }
    let mut notes = Vec::new();
    for (j, id) in survey.statement_ids.iter().enumerate() {
        if !present[j] {
            notes.push(format!(
                "statement {id} is not in wave {wave}: it is left out, and themes use the statements present"
            ));
        } else if !answered[j] {
            notes.push(format!(
                "statement {id} has a column in wave {wave} but no respondent of an analysed group (trust_id) answered it: it is left out, as if it were not in the wave"
            ));
        }
    }
    let items: Vec<usize> = (0..n_s).filter(|j| present[*j] && answered[*j]).collect();

    // One pass over the counted rows gives each analysed trust's exact integer sums; polars
    // then works on the trust-level table (one row per trust), never on a million rows.
    let sums = TrustSums::add_up(survey, &outcomes, &rank, &items);
    let group_ids: Vec<String> = sums
        .trusts
        .iter()
        .map(|r| survey.trusts[order[*r as usize] as usize].clone())
        .collect();
    debug_assert_eq!(group_ids, analysed);
    let rows = group_ids.len();
    let cols = items.len();
    // Answers are stored as codes (1 = the scale's lowest point): means move by the scale's
    // start, variances do not.
    let statements = codebook.statements();
    let offset: Vec<f64> = items
        .iter()
        .map(|j| statements[*j].scale.value(1) - 1.0)
        .collect();
    let null_var: Vec<f64> = items
        .iter()
        .map(|j| statements[*j].scale.null_variance())
        .collect();
    let moments = trust_moments(&sums, cols)?;
    let get_f = |name: &str| -> Result<Vec<f64>, PolarsError> {
        let c = moments.column(name)?.f64()?;
        Ok(c.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    };
    let n: Vec<usize> = sums.n.iter().map(|v| *v as usize).collect();
    let mut mean = vec![f64::NAN; rows * cols];
    let mut var = vec![f64::NAN; rows * cols];
    for c in 0..cols {
        let (mm, vv) = (get_f(&format!("mean_{c}"))?, get_f(&format!("var_{c}"))?);
        for r in 0..rows {
            mean[r * cols + c] = mm[r] + offset[c];
            var[r * cols + c] = vv[r];
        }
    }
    let responses: Vec<usize> = sums.responses.iter().map(|v| *v as usize).collect();
    let standardisation = sums.standardisation.clone();
    let alignment = sums.alignment.clone();

    // z-scores across analysed trusts, sample sd (n-1). A trust with no answer to a statement
    // is given the statement's mean (z = 0) so it can still be clustered; the note says so.
    let item_ids: Vec<String> = items
        .iter()
        .map(|j| survey.statement_ids[*j].clone())
        .collect();
    let Standardised {
        z,
        item_mean,
        item_sd,
        missing,
    } = standardise(&mean, cols);
    for c in 0..cols {
        if missing[c] > 0 {
            notes.push(format!(
                "{} analysed group(s) (trust_id) gave no answer to {}: their z-score is set to 0 (the mean)",
                missing[c], item_ids[c]
            ));
        }
        if item_sd[c] == 0.0 {
            notes.push(format!(
                "every analysed group (trust_id) has the same mean on {}: its z-scores are 0",
                item_ids[c]
            ));
        }
    }
    let answers = if p.keep_answers {
        sums.answers(survey, &outcomes, &rank, &items, offset)
    } else {
        Responses::none(offset)
    };

    let agreement = (0..cols)
        .map(|c| {
            let groups: Vec<GroupStats> = (0..rows)
                .map(|r| GroupStats {
                    n: n[r * cols + c],
                    mean: mean[r * cols + c],
                    var: var[r * cols + c],
                })
                .collect();
            let (icc1, icc2) = icc_from_groups(&groups);
            ItemAgreement {
                item_id: item_ids[c].clone(),
                groups: groups.iter().filter(|g| g.n > 0).count(),
                answers: groups.iter().map(|g| g.n).sum(),
                icc1,
                icc2,
            }
        })
        .collect();
    let rwg: BTreeMap<&str, Option<f64>> = group_ids
        .iter()
        .enumerate()
        .map(|(r, id)| {
            (
                id.as_str(),
                rwg_j(&var[r * cols..(r + 1) * cols], &null_var),
            )
        })
        .collect();
    for t in trusts.iter_mut() {
        if let Some(v) = rwg.get(t.trust_id.as_str()) {
            t.rwg_j = *v;
        }
    }
    let theme_of: BTreeMap<&str, &str> = codebook
        .statements()
        .iter()
        .map(|i| (i.id.as_str(), i.theme.as_str()))
        .collect();
    let themes = item_ids
        .iter()
        .map(|i| theme_of.get(i.as_str()).unwrap_or(&"").to_string())
        .collect();
    Ok(Aggregation {
        wave,
        outcomes,
        trusts,
        scores: ScoreTable {
            trust_ids: group_ids,
            item_ids,
            themes,
            n,
            mean,
            z,
            item_mean,
            item_sd,
            responses,
        },
        agreement,
        standardisation,
        alignment,
        notes,
        answers,
    })
}

fn choose_wave(survey: &Survey, wanted: Option<&str>) -> Result<String, AggregateError> {
    let mut waves: Vec<&String> = survey.waves.iter().collect();
    waves.sort();
    let list = waves
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    match wanted {
        Some(w) if survey.waves.iter().any(|x| x == w) => Ok(w.to_string()),
        Some(w) => Err(AggregateError::NoSuchWave {
            wanted: w.to_string(),
            present: list,
        }),
        None if waves.len() == 1 => Ok(waves[0].clone()),
        None => Err(AggregateError::SeveralWaves(list)),
    }
}

/// Which statements some file of the wave has a column for.
fn statements_present(survey: &Survey, wave: &str) -> Vec<bool> {
    survey
        .statement_ids
        .iter()
        .map(|id| {
            survey
                .files
                .iter()
                .filter(|f| f.waves.contains(wave))
                .any(|f| f.matched.iter().any(|m| &m.item_id == id))
        })
        .collect()
}

/// Each trust's rank in id order: the group key, so that sorting the groups by key sorts them
/// by trust id (a `u32` key groups faster and takes a quarter of the memory of the id text).
fn trust_ranks(survey: &Survey) -> (Vec<u32>, Vec<u32>) {
    let mut order: Vec<u32> = (0..survey.trusts.len() as u32).collect();
    order.sort_by(|a, b| survey.trusts[*a as usize].cmp(&survey.trusts[*b as usize]));
    let mut rank = vec![0u32; order.len()];
    for (r, t) in order.iter().enumerate() {
        rank[*t as usize] = r as u32;
    }
    (rank, order)
}
