//! The Fisher-Freeman-Halton test of an r x c table, as R's `fisher.test`: the exact p (every
//! table with the same margins that is no more probable than the observed one), or, where there
//! are too many tables to visit, a Monte Carlo p from seeded random tables (R's
//! `simulate.p.value`); and Pearson's chi-square with Cramér's V beside it.
//!
//! Written here because no Rust crate has the test. The exact sum visits tables column by
//! column and skips whole subtrees whose completions all count, or none does, from bounds on
//! what the remaining cells can add (the idea of Mehta and Patel's network algorithm, which R's
//! FEXACT implements with sharper bounds).

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use statrs::function::factorial::ln_factorial;

use crate::montecarlo::{MonteCarloP, ALMOST_ONE};

/// A table of counts, rows x columns, every margin positive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    pub rows: usize,
    pub cols: usize,
    /// Row-major.
    pub cells: Vec<u64>,
}

impl Counts {
    /// The table with its empty rows and columns dropped (they carry no information, and R's
    /// `fisher.test` drops them too).
    pub fn new(rows: usize, cols: usize, cells: Vec<u64>) -> Counts {
        let row_sum = |i: usize| cells[i * cols..(i + 1) * cols].iter().sum::<u64>();
        let col_sum = |j: usize| (0..rows).map(|i| cells[i * cols + j]).sum::<u64>();
        let keep_rows: Vec<usize> = (0..rows).filter(|&i| row_sum(i) > 0).collect();
        let keep_cols: Vec<usize> = (0..cols).filter(|&j| col_sum(j) > 0).collect();
        let cells = keep_rows
            .iter()
            .flat_map(|&i| keep_cols.iter().map(move |&j| (i, j)))
            .map(|(i, j)| cells[i * cols + j])
            .collect();
        Counts {
            rows: keep_rows.len(),
            cols: keep_cols.len(),
            cells,
        }
    }

    pub fn row_sums(&self) -> Vec<u64> {
        self.cells
            .chunks(self.cols.max(1))
            .map(|r| r.iter().sum())
            .collect()
    }

    pub fn col_sums(&self) -> Vec<u64> {
        (0..self.cols)
            .map(|j| (0..self.rows).map(|i| self.cells[i * self.cols + j]).sum())
            .collect()
    }

    pub fn total(&self) -> u64 {
        self.cells.iter().sum()
    }

    /// Whether there is anything to test: two rows and two columns.
    pub fn testable(&self) -> bool {
        self.rows >= 2 && self.cols >= 2
    }
}

/// ln(x!) for x = 0..=n: both walks look these up for every table rather than recompute them.
fn ln_factorials(n: u64) -> Vec<f64> {
    (0..=n).map(ln_factorial).collect()
}

/// Sum of ln(x!) over the cells (`lf` from [`ln_factorials`]): the table's probability is
/// exp(const - this).
fn ln_fact_sum(cells: &[u64], lf: &[f64]) -> f64 {
    cells.iter().map(|&c| lf[c as usize]).sum()
}

/// How much less probable than the observed table a table may be and still count as "as
/// probable" (ties despite rounding): R's 2 x 2 code allows a relative 1e-7; FEXACT, for larger
/// tables, 3.45254e-7 on the log scale.
fn tolerance(c: &Counts) -> f64 {
    if c.rows == 2 && c.cols == 2 {
        (1e-7f64).ln_1p()
    } else {
        3.45254e-7
    }
}

/// The exact p, or `None` when more than `budget` partial tables would have to be visited.
pub fn fisher_exact(c: &Counts, budget: u64) -> Option<f64> {
    if !c.testable() {
        return Some(1.0);
    }
    let rows = c.row_sums();
    let mut cols = c.col_sums();
    // Largest columns first: the bounds then prune most near the root.
    cols.sort_unstable_by(|a, b| b.cmp(a));
    let n = c.total();
    let lf = ln_factorials(n);
    let constant = rows
        .iter()
        .chain(&cols)
        .map(|&m| lf[m as usize])
        .sum::<f64>()
        - lf[n as usize];
    let depth = cols.len();
    let mut lefts = vec![vec![0; rows.len()]; depth];
    lefts[0] = rows;
    let mut search = Search {
        threshold: ln_fact_sum(&c.cells, &lf) - tolerance(c),
        cols,
        constant,
        lf,
        lefts,
        sorted: Vec::new(),
        visited: 0,
        budget,
        sum: 0.0,
    };
    search.node(0, 0.0).then_some(search.sum.min(1.0))
}

/// The walk over tables: a table counts when its sum of ln(x!) reaches `threshold`.
struct Search {
    /// Column totals, in the order the columns are filled.
    cols: Vec<u64>,
    threshold: f64,
    /// ln of (product of margins' factorials / n!).
    constant: f64,
    /// ln(x!) for x = 0..=n.
    lf: Vec<f64>,
    /// The row totals left before column j is filled, one buffer per depth, so the walk
    /// allocates nothing.
    lefts: Vec<Vec<u64>>,
    /// Scratch for the bounds.
    sorted: Vec<u64>,
    visited: u64,
    budget: u64,
    sum: f64,
}

impl Search {
    /// Adds the probability of every completion of a table whose first `j` columns are filled
    /// (leaving `lefts[j]`) with partial sum `partial`. False when over budget.
    fn node(&mut self, j: usize, partial: f64) -> bool {
        self.visited += 1;
        if self.visited > self.budget {
            return false;
        }
        let lf = &self.lf;
        let left = &self.lefts[j];
        if j + 1 == self.cols.len() {
            // The last column is what the rows have left.
            let s = partial + left.iter().map(|&r| lf[r as usize]).sum::<f64>();
            if s >= self.threshold {
                self.sum += (self.constant - s).exp();
            }
            return true;
        }
        let rest = &self.cols[j..];
        let (lowest, highest) = bounds(left, rest, lf, &mut self.sorted);
        if partial + lowest >= self.threshold {
            // Every completion counts: their total probability in closed form, as
            // sum over tables of prod 1/x! = N! / (prod r! prod c!).
            let n: u64 = rest.iter().sum();
            let all = lf[n as usize]
                - left.iter().map(|&r| lf[r as usize]).sum::<f64>()
                - rest.iter().map(|&c| lf[c as usize]).sum::<f64>();
            self.sum += (self.constant - partial + all).exp();
            return true;
        }
        if partial + highest < self.threshold {
            return true;
        }
        let amount = self.cols[j];
        self.fill(j, 0, amount, partial)
    }

    /// Every way to put `amount` into rows `i..` of column `j` (writing what each row has left
    /// into `lefts[j + 1]`), then the next column.
    fn fill(&mut self, j: usize, i: usize, amount: u64, partial: f64) -> bool {
        let rows = self.lefts[j].len();
        let have = self.lefts[j][i];
        if i + 1 == rows {
            if amount > have {
                return true;
            }
            self.lefts[j + 1][i] = have - amount;
            return self.node(j + 1, partial + self.lf[amount as usize]);
        }
        let room_after: u64 = self.lefts[j][i + 1..].iter().sum();
        let low = amount.saturating_sub(room_after);
        for x in low..=amount.min(have) {
            self.lefts[j + 1][i] = have - x;
            if !self.fill(j, i + 1, amount - x, partial + self.lf[x as usize]) {
                return false;
            }
        }
        true
    }
}

/// Bounds on the sum of ln(x!) over the cells still to fill (columns `cols`, row totals
/// `rows`): the lowest spreads each column as evenly as its rows allow, ignoring that the
/// columns share the rows; the highest is the smaller of ln(c!) summed over the columns and
/// ln(r!) over the rows (ln(a!) + ln(b!) never exceeds ln((a + b)!)).
fn bounds(rows: &[u64], cols: &[u64], lf: &[f64], sorted: &mut Vec<u64>) -> (f64, f64) {
    sorted.clear();
    sorted.extend_from_slice(rows);
    sorted.sort_unstable();
    let lowest = cols.iter().map(|&c| even_spread(sorted, c, lf)).sum();
    let by_cols: f64 = cols.iter().map(|&c| lf[c as usize]).sum();
    let by_rows: f64 = rows.iter().map(|&r| lf[r as usize]).sum();
    (lowest, by_cols.min(by_rows))
}

/// The least sum of ln(x!) over cells holding `amount` with cell i at most `caps[i]` (sorted
/// ascending): each unit goes where it adds least (ln(x + 1) grows with x, so filling evenly,
/// up to each cap, is optimal). The cells below the water level are full; the rest share it.
fn even_spread(caps: &[u64], amount: u64, lf: &[f64]) -> f64 {
    let mut full = 0.0; // ln(x!) of the capped cells so far
    let mut used = 0u64;
    for (i, &cap) in caps.iter().enumerate() {
        let open = (caps.len() - i) as u64;
        // Can every open cell reach this cap?
        if used + cap * open <= amount {
            used += cap;
            full += lf[cap as usize];
            continue;
        }
        let level = (amount - used) / open;
        let extra = (amount - used) % open;
        return full
            + (open - extra) as f64 * lf[level as usize]
            + extra as f64 * lf[level as usize + 1];
    }
    full
}

/// The Monte Carlo p from `draws` random tables with the observed margins (each a random
/// pairing of the row labels with the column labels, which draws tables with exactly their
/// null probabilities), counting those no more probable than the observed one.
pub fn fisher_monte_carlo(c: &Counts, draws: usize, seed: u64) -> MonteCarloP {
    let mut row_of = Vec::new();
    let mut col_of = Vec::new();
    for i in 0..c.rows {
        for j in 0..c.cols {
            for _ in 0..c.cells[i * c.cols + j] {
                row_of.push(i);
                col_of.push(j);
            }
        }
    }
    let lf = ln_factorials(c.total());
    let observed = ln_fact_sum(&c.cells, &lf);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut cells = vec![0u64; c.cells.len()];
    let extreme = (0..draws)
        .filter(|_| {
            col_of.shuffle(&mut rng);
            cells.iter_mut().for_each(|x| *x = 0);
            for (&i, &j) in row_of.iter().zip(&col_of) {
                cells[i * c.cols + j] += 1;
            }
            ln_fact_sum(&cells, &lf) * ALMOST_ONE >= observed
        })
        .count();
    MonteCarloP::new(extreme, draws)
}

/// Pearson's chi-square of the table (no continuity correction) and Cramér's V.
pub fn chi_square(c: &Counts) -> (f64, f64) {
    let (rows, cols, n) = (c.row_sums(), c.col_sums(), c.total() as f64);
    let mut x2 = 0.0;
    for (i, &r) in rows.iter().enumerate() {
        for (j, &col) in cols.iter().enumerate() {
            let e = r as f64 * col as f64 / n;
            let d = c.cells[i * c.cols + j] as f64 - e;
            x2 += d * d / e;
        }
    }
    let m = c.rows.min(c.cols).saturating_sub(1).max(1) as f64;
    (x2, (x2 / (n * m)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: usize, cols: usize, cells: &[u64]) -> Counts {
        Counts::new(rows, cols, cells.to_vec())
    }

    /// Sum of ln(x!), for the small tables of these tests.
    fn lfs(cells: &[u64]) -> f64 {
        ln_fact_sum(cells, &ln_factorials(100))
    }

    /// Every table with the margins, by brute force, for checking the pruned walk.
    fn brute(c: &Counts) -> f64 {
        let rows = c.row_sums();
        let cols = c.col_sums();
        let n = c.total();
        let k = rows
            .iter()
            .chain(&cols)
            .map(|&m| ln_factorial(m))
            .sum::<f64>()
            - ln_factorial(n);
        let threshold = lfs(&c.cells) - tolerance(c);
        let mut sum = 0.0;
        let cells = c.rows * c.cols;
        let mut t = vec![0u64; cells];
        fn walk(
            t: &mut Vec<u64>,
            at: usize,
            c: &Counts,
            rows: &[u64],
            cols: &[u64],
            f: &mut dyn FnMut(&[u64]),
        ) {
            if at == t.len() {
                let ok = (0..c.rows)
                    .all(|i| t[i * c.cols..(i + 1) * c.cols].iter().sum::<u64>() == rows[i])
                    && (0..c.cols)
                        .all(|j| (0..c.rows).map(|i| t[i * c.cols + j]).sum::<u64>() == cols[j]);
                if ok {
                    f(t);
                }
                return;
            }
            let (i, j) = (at / c.cols, at % c.cols);
            for x in 0..=rows[i].min(cols[j]) {
                t[at] = x;
                walk(t, at + 1, c, rows, cols, f);
            }
        }
        walk(&mut t, 0, c, &rows, &cols, &mut |t| {
            let s = lfs(t);
            if s >= threshold {
                sum += (k - s).exp();
            }
        });
        sum
    }

    #[test]
    fn the_pruned_walk_sums_what_brute_force_sums() {
        for c in [
            counts(2, 2, &[3, 1, 1, 3]),
            counts(3, 3, &[2, 0, 1, 0, 3, 1, 1, 1, 2]),
            counts(2, 4, &[1, 0, 3, 2, 2, 3, 0, 1]),
            counts(4, 3, &[2, 1, 0, 0, 2, 1, 1, 0, 3, 2, 1, 0]),
        ] {
            let exact = fisher_exact(&c, u64::MAX).unwrap();
            let b = brute(&c);
            assert!((exact - b).abs() <= 1e-12 * b, "{c:?}: {exact} vs {b}");
        }
    }

    #[test]
    fn every_table_at_once_sums_to_one() {
        // A table as probable as any: every table counts.
        let c = counts(2, 3, &[1, 1, 1, 1, 1, 1]);
        let p = fisher_exact(&c, u64::MAX).unwrap();
        assert!((p - 1.0).abs() < 1e-12, "{p}");
    }

    #[test]
    fn over_budget_gives_none() {
        let c = counts(3, 3, &[10, 3, 5, 2, 9, 4, 6, 5, 8]);
        assert!(fisher_exact(&c, 5).is_none());
        assert!(fisher_exact(&c, u64::MAX).is_some());
    }

    #[test]
    fn empty_rows_and_columns_are_dropped() {
        let c = counts(3, 3, &[1, 0, 2, 0, 0, 0, 3, 0, 1]);
        assert_eq!((c.rows, c.cols), (2, 2));
        assert_eq!(c.cells, vec![1, 2, 3, 1]);
    }

    #[test]
    fn even_spread_respects_caps() {
        let lf = ln_factorials(20);
        // Caps 1, 5, 5 holding 7: 1, 3, 3.
        let want = lfs(&[1, 3, 3]);
        assert!((even_spread(&[1, 5, 5], 7, &lf) - want).abs() < 1e-12);
        // Caps 2, 2, 9 holding 10: 2, 2, 6; holding 5: 2, 2, 1 (5 = 1 + 2 + 2 spread: 1, 2, 2).
        assert!((even_spread(&[2, 2, 9], 10, &lf) - lfs(&[2, 2, 6])).abs() < 1e-12);
        assert!((even_spread(&[2, 2, 9], 5, &lf) - lfs(&[1, 2, 2])).abs() < 1e-12);
    }
}
