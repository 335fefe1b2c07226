//! Each analysed trust's exact sums over its counted rows, taken in one pass over the answers
//! as stored (a byte each), and the trust-level table polars turns them into means and
//! variances.
//!
//! Polars used to group the counted rows themselves: that meant a frame of every answer as an
//! 8-byte float (over 150 MB at a million responses, eight times the answers) for sums that are
//! small integers. Here the sums are integers, so means and variances come out exact to the
//! last bit, and polars works on one row per trust.

use polars::prelude::*;
use survey::Survey;

use crate::accounting::Outcome;
use crate::responses::Responses;

/// Sums per analysed trust (rows, in trust-id order) and analysed statement (columns).
pub(crate) struct TrustSums {
    /// Each analysed trust's rank in id order, in row order.
    pub(crate) trusts: Vec<u32>,
    /// Row of each rank; `u32::MAX` for a trust with no counted row.
    row_of: Vec<u32>,
    cols: usize,
    /// Row-major: answers, their sum and their sum of squares (codes, 1 = the scale's lowest).
    pub(crate) n: Vec<u64>,
    s: Vec<u64>,
    ss: Vec<u64>,
    /// Counted responses per trust.
    pub(crate) responses: Vec<u64>,
    /// Per trust and standardisation area: counts of more, same, less.
    pub(crate) standardisation: Vec<Vec<[usize; 3]>>,
    /// Per trust: counts of A, B, C.
    pub(crate) alignment: Vec<[usize; 3]>,
}

impl TrustSums {
    /// Adds up the `Counted` rows; `rank` is each trust's rank in id order, `items` the
    /// statements analysed (columns of `survey.statements`).
    pub(crate) fn add_up(
        survey: &Survey,
        outcomes: &[Outcome],
        rank: &[u32],
        items: &[usize],
    ) -> TrustSums {
        let counted = || {
            survey
                .rows
                .iter()
                .zip(outcomes)
                .enumerate()
                .filter(|(_, (_, o))| **o == Outcome::Counted)
                .map(|(i, (row, _))| (i, rank[row.trust().unwrap_or(0) as usize] as usize))
        };
        let mut row_of = vec![u32::MAX; rank.len()];
        for (_, r) in counted() {
            row_of[r] = 0;
        }
        let mut trusts = Vec::new();
        for (r, slot) in row_of.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = trusts.len() as u32;
                trusts.push(r as u32);
            }
        }
        let (rows, cols) = (trusts.len(), items.len());
        let n_s = survey.statement_ids.len();
        let n_d = survey.standardisation_ids.len();
        let mut out = TrustSums {
            trusts,
            row_of,
            cols,
            n: vec![0; rows * cols],
            s: vec![0; rows * cols],
            ss: vec![0; rows * cols],
            responses: vec![0; rows],
            standardisation: vec![vec![[0; 3]; n_d]; rows],
            alignment: vec![[0; 3]; rows],
        };
        for (i, r) in counted() {
            let t = out.row_of[r] as usize;
            out.responses[t] += 1;
            let answers = &survey.statements[i * n_s..(i + 1) * n_s];
            let at = t * cols;
            for (c, &j) in items.iter().enumerate() {
                let a = u64::from(answers[j]);
                if a != 0 {
                    out.n[at + c] += 1;
                    out.s[at + c] += a;
                    out.ss[at + c] += a * a;
                }
            }
            for d in 0..n_d {
                let code = survey.standardisation(i, d);
                if code != 0 {
                    out.standardisation[t][d][code as usize - 1] += 1;
                }
            }
            let code = survey.alignment(i);
            if code != 0 {
                out.alignment[t][code as usize - 1] += 1;
            }
        }
        out
    }

    /// The counted rows' answers on `items`, one byte each, grouped by trust in row order and
    /// in file order within a trust: what the respondent-level bootstrap resamples.
    pub(crate) fn answers(
        &self,
        survey: &Survey,
        outcomes: &[Outcome],
        rank: &[u32],
        items: &[usize],
        offset: Vec<f64>,
    ) -> Responses {
        let mut starts = Vec::with_capacity(self.responses.len() + 1);
        let mut at = 0;
        for r in &self.responses {
            starts.push(at);
            at += *r as usize;
        }
        starts.push(at);
        let mut next = starts.clone();
        let n_s = survey.statement_ids.len();
        let mut answers = vec![0u8; at * items.len()];
        for (i, (row, o)) in survey.rows.iter().zip(outcomes).enumerate() {
            if *o != Outcome::Counted {
                continue;
            }
            let t = self.row_of[rank[row.trust().unwrap_or(0) as usize] as usize] as usize;
            let to = next[t] * items.len();
            next[t] += 1;
            let from = &survey.statements[i * n_s..(i + 1) * n_s];
            for (slot, &j) in answers[to..to + items.len()].iter_mut().zip(items) {
                *slot = from[j];
            }
        }
        Responses::new(starts, answers, offset)
    }
}

/// The trust-level table: for each statement column `c`, `mean_c` (of the codes) and `var_c`
/// (sample variance), null where a trust has too few answers. Sums enter as floats, which
/// hold them exactly (below 2^53); `n * ss` and `s * s`, and so their difference, are exact
/// too while both stay below 2^53 (a trust of up to about 19 million answers on a 5-point
/// scale, 370,000 with codes up to 255), so each variance is rounded once, at the division.
pub(crate) fn trust_moments(sums: &TrustSums, cols: usize) -> PolarsResult<DataFrame> {
    let rows = sums.trusts.len();
    let column = |name: String, v: &[u64], c: usize| {
        let values: Vec<f64> = (0..rows).map(|r| v[r * sums.cols + c] as f64).collect();
        Float64Chunked::from_vec(name.into(), values).into_column()
    };
    let mut columns = Vec::with_capacity(cols * 3);
    let mut derived = Vec::with_capacity(cols * 2);
    for c in 0..cols {
        let (n, s, ss) = (format!("n_{c}"), format!("s_{c}"), format!("ss_{c}"));
        columns.push(column(n.clone(), &sums.n, c));
        columns.push(column(s.clone(), &sums.s, c));
        columns.push(column(ss.clone(), &sums.ss, c));
        let null = || lit(NULL).cast(DataType::Float64);
        derived.push(
            when(col(&n).gt(lit(0.0)))
                .then(col(&s) / col(&n))
                .otherwise(null())
                .alias(format!("mean_{c}")),
        );
        derived.push(
            when(col(&n).gt(lit(1.0)))
                .then((col(&n) * col(&ss) - col(&s) * col(&s)) / (col(&n) * (col(&n) - lit(1.0))))
                .otherwise(null())
                .alias(format!("var_{c}")),
        );
    }
    DataFrame::new(rows, columns)?
        .lazy()
        .select(derived)
        .collect()
}
