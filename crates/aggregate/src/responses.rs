//! The analysed trusts' counted answers, kept compactly for resampling respondents, and the one
//! standardisation that both the score table and every resample use.

/// Analysed trusts' counted answers on the analysed statements: one byte per answer (the
/// survey's code, 0 = no answer), trusts in score-table order, each trust's respondents in file
/// order. What the respondent-level bootstrap draws from.
#[derive(Clone, Debug, PartialEq)]
pub struct Responses {
    /// Where each trust's respondents start in `answers` (in respondents); one more entry than
    /// trusts, the last being the number of respondents.
    starts: Vec<usize>,
    /// Statements (columns of the score table).
    cols: usize,
    /// Respondents x statements, row-major.
    answers: Vec<u8>,
    /// Per statement: the value of code 1 minus 1, so that value = code + offset.
    offset: Vec<f64>,
}

impl Responses {
    /// `answers` is respondents x `offset.len()` codes; `starts` as the field says.
    pub(crate) fn new(starts: Vec<usize>, answers: Vec<u8>, offset: Vec<f64>) -> Self {
        let cols = offset.len();
        debug_assert_eq!(starts.last().copied().unwrap_or(0) * cols, answers.len());
        Responses {
            starts,
            cols,
            answers,
            offset,
        }
    }

    /// No answers kept (no trust to resample).
    pub(crate) fn none(offset: Vec<f64>) -> Self {
        Responses::new(vec![0], Vec::new(), offset)
    }

    pub fn trusts(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Counted responses of trust `t` (score-table order).
    pub fn responses(&self, t: usize) -> usize {
        self.starts[t + 1] - self.starts[t]
    }

    /// One trust's statement means after drawing its respondents with replacement (as many as
    /// it has; `pick(n)` must return a uniform index below `n`). A statement no drawn respondent
    /// answered keeps the trust's full-data mean (`full_mean`, row-major trusts x statements,
    /// the score table's `mean`), so a resample never invents a missing value.
    pub fn resample_means(
        &self,
        full_mean: &[f64],
        pick: &mut dyn FnMut(usize) -> usize,
    ) -> Vec<f64> {
        let c = self.cols;
        let mut mean = vec![0.0; self.trusts() * c];
        let mut sum = vec![0u32; c];
        let mut count = vec![0u32; c];
        for t in 0..self.trusts() {
            sum.fill(0);
            count.fill(0);
            let n = self.responses(t);
            for _ in 0..n {
                let r = self.starts[t] + pick(n);
                for (j, &code) in self.answers[r * c..(r + 1) * c].iter().enumerate() {
                    if code != 0 {
                        sum[j] += u32::from(code);
                        count[j] += 1;
                    }
                }
            }
            for j in 0..c {
                mean[t * c + j] = if count[j] > 0 {
                    f64::from(sum[j]) / f64::from(count[j]) + self.offset[j]
                } else {
                    full_mean[t * c + j]
                };
            }
        }
        mean
    }
}

/// Column-wise standardisation of trusts x statements means (row-major, `cols` columns) across
/// the trusts with a mean: sample sd (n - 1). A trust with no mean on a statement, or a
/// statement on which every trust has the same mean, gets z = 0 (the mean).
#[derive(Clone, Debug, PartialEq)]
pub struct Standardised {
    pub z: Vec<f64>,
    pub item_mean: Vec<f64>,
    pub item_sd: Vec<f64>,
    /// Per statement: trusts without a mean on it.
    pub missing: Vec<usize>,
}

pub fn standardise(mean: &[f64], cols: usize) -> Standardised {
    let rows = mean.len().checked_div(cols).unwrap_or(0);
    let mut out = Standardised {
        z: vec![0.0; rows * cols],
        item_mean: vec![0.0; cols],
        item_sd: vec![0.0; cols],
        missing: vec![0; cols],
    };
    for c in 0..cols {
        let column = || {
            (0..rows)
                .map(|r| mean[r * cols + c])
                .filter(|v| v.is_finite())
        };
        let present = column().count();
        let m = column().sum::<f64>() / present.max(1) as f64;
        let sd = if present > 1 {
            (column().map(|v| (v - m).powi(2)).sum::<f64>() / (present - 1) as f64).sqrt()
        } else {
            0.0
        };
        out.item_mean[c] = m;
        out.item_sd[c] = sd;
        out.missing[c] = rows - present;
        for r in 0..rows {
            let v = mean[r * cols + c];
            if v.is_finite() && sd > 0.0 {
                out.z[r * cols + c] = (v - m) / sd;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two trusts, two statements: trust 0 has 3 respondents, trust 1 has 2; code 0 = blank.
    fn small() -> Responses {
        Responses::new(
            vec![0, 3, 5],
            vec![1, 5, 2, 0, 3, 4, 4, 2, 5, 0],
            vec![0.0, -1.0],
        )
    }

    #[test]
    fn drawing_each_respondent_once_gives_the_full_means() {
        let r = small();
        assert_eq!((r.trusts(), r.responses(0), r.responses(1)), (2, 3, 2));
        let mut next = 0;
        // pick(n) returns 0, 1, 2, ... within each trust: every respondent once.
        let mut pick = |n: usize| {
            let i = next % n;
            next += 1;
            if next == 3 {
                next = 0;
            }
            i
        };
        let means = r.resample_means(&[f64::NAN; 4], &mut pick);
        // Trust 0: statement 0 answers 1, 2, 3 -> 2; statement 1 answers 5, 4 (offset -1) -> 3.5.
        // Trust 1: statement 0 answers 4, 5 -> 4.5; statement 1 answers 2 -> 1.
        assert_eq!(means, vec![2.0, 3.5, 4.5, 1.0]);
    }

    #[test]
    fn a_statement_nobody_drawn_answered_keeps_the_full_mean() {
        let r = small();
        // Trust 0 draws its second respondent (2, blank) three times; trust 1 its first (4, 2)
        // twice. Trust 0's statement 1 then has no answer and keeps its full-data mean (here a
        // made-up 8, to tell it apart).
        let mut pick = |n: usize| if n == 3 { 1 } else { 0 };
        let full = [9.0, 8.0, 7.0, 6.0];
        let means = r.resample_means(&full, &mut pick);
        assert_eq!(means, vec![2.0, 8.0, 4.0, 1.0]);
    }

    #[test]
    fn standardise_uses_the_sample_sd_and_zeroes_what_it_cannot_scale() {
        // Column 0: 1, 2, 3 (mean 2, sd 1); column 1: 4, NaN, 4 (sd 0).
        let s = standardise(&[1.0, 4.0, 2.0, f64::NAN, 3.0, 4.0], 2);
        assert_eq!(s.z, vec![-1.0, 0.0, 0.0, 0.0, 1.0, 0.0]);
        assert_eq!(s.item_mean, vec![2.0, 4.0]);
        assert_eq!(s.item_sd, vec![1.0, 0.0]);
        assert_eq!(s.missing, vec![0, 1]);
    }

    #[test]
    fn bootstrap_standard_errors_agree_with_s_over_root_n() {
        use rand::{Rng, SeedableRng};
        // 300 trusts of 40 respondents, 4 statements, answers 1..5 with no blanks: over
        // B = 2000 resamples each trust-statement mean's standard deviation is its bootstrap
        // standard error. In theory it is s / sqrt(n) * sqrt((n - 1) / n) (the bootstrap draws
        // from the n answers, whose variance is s^2 (n - 1) / n), 1.3% below s / sqrt(n) at
        // n = 40. Monte Carlo error of one cell's SE is about 1 / sqrt(2B) = 1.6%, so the
        // median over 1200 cells is well within 0.5% of the theory and within 5% of s / sqrt(n).
        let (trusts, n, cols, b) = (300usize, 40usize, 4usize, 2000usize);
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(13);
        let answers: Vec<u8> = (0..trusts * n * cols)
            .map(|_| rng.gen_range(1..=5u8))
            .collect();
        let starts = (0..=trusts).map(|t| t * n).collect();
        let r = Responses::new(starts, answers.clone(), vec![0.0; cols]);
        let full = vec![f64::NAN; trusts * cols];
        let (mut sum, mut sum_sq) = (vec![0.0; trusts * cols], vec![0.0; trusts * cols]);
        for _ in 0..b {
            let m = r.resample_means(&full, &mut |k| rng.gen_range(0..k));
            for (i, v) in m.iter().enumerate() {
                sum[i] += v;
                sum_sq[i] += v * v;
            }
        }
        let mut to_s = Vec::new();
        let mut to_theory = Vec::new();
        for t in 0..trusts {
            for c in 0..cols {
                let x: Vec<f64> = (0..n)
                    .map(|i| f64::from(answers[(t * n + i) * cols + c]))
                    .collect();
                let mean = x.iter().sum::<f64>() / n as f64;
                let s = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
                let i = t * cols + c;
                let bm = sum[i] / b as f64;
                let se = ((sum_sq[i] - b as f64 * bm * bm) / (b - 1) as f64).sqrt();
                let plain = s / (n as f64).sqrt();
                to_s.push(se / plain);
                to_theory.push(se / (plain * ((n - 1) as f64 / n as f64).sqrt()));
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (a, t) = (median(&mut to_s), median(&mut to_theory));
        assert!((a - 1.0).abs() < 0.05, "median SE / (s/sqrt(n)) = {a}");
        assert!((t - 1.0).abs() < 0.005, "median SE / theory = {t}");
    }
}
