//! The clusters compared on each characteristic: per-cluster summaries, the test, and Holm's
//! adjustment across the characteristics of a run; small clusters withheld.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::fisher::{chi_square, fisher_exact, fisher_monte_carlo, Counts};
use crate::holm::holm;
use crate::info::{Kind, TrustInfo, Value, Variable};
use crate::kruskal::{kruskal_permutation, kruskal_wallis};
use crate::summary::{summarise, Summary};

/// Relabellings (Kruskal-Wallis) and random tables (Fisher-Freeman-Halton, where the exact sum
/// is out of reach) per characteristic.
pub const DRAWS: usize = 100_000;

/// Partial tables the exact Fisher-Freeman-Halton sum may visit before it gives way to the
/// Monte Carlo p (about a second).
pub const EXACT_BUDGET: u64 = 20_000_000;

/// The seed streams of this stage (the cluster stage's are 1 to 8, `cluster::seeds`).
const STREAM_RELABEL: u64 = 9;
const STREAM_TABLES: u64 = 10;

/// What a comparison needs besides the file.
#[derive(Clone, Copy, Debug)]
pub struct CompareParams {
    pub seed: u64,
    /// A cluster with fewer trusts than this with a value shows nothing of that variable.
    pub min_cell: usize,
    pub draws: usize,
    pub exact_budget: u64,
}

/// The analysed trusts and their clusters.
pub struct Clustered<'a> {
    pub wave: &'a str,
    pub trust_ids: &'a [String],
    /// 0-based, below `k`.
    pub labels: &'a [usize],
    pub k: usize,
}

/// Everything compared.
#[derive(Clone, Debug)]
pub struct Characteristics {
    pub file_name: String,
    pub sha256: String,
    pub sheet: Option<String>,
    pub rows: usize,
    /// Relabellings and random tables per test, and the exact sum's budget.
    pub draws: usize,
    pub exact_budget: u64,
    /// Analysed trusts found in the file.
    pub matched: usize,
    /// Analysed trusts the file lacks, in the run's order.
    pub missing: Vec<String>,
    pub variables: Vec<Compared>,
    /// Columns not compared, and why.
    pub skipped: Vec<(String, Skip)>,
    pub min_cell: usize,
}

/// Why a column was not compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// No analysed trust has a value.
    Empty,
    /// Every analysed trust has the same value.
    Constant,
    /// Every analysed trust has its own category: a name or code, not a characteristic, and
    /// showing it by cluster would name the trusts in each cluster.
    Identifier,
}

impl Skip {
    /// A word for files: `empty`, `constant` or `identifier`.
    pub fn code(self) -> &'static str {
        match self {
            Skip::Empty => "empty",
            Skip::Constant => "constant",
            Skip::Identifier => "identifier",
        }
    }

    /// Why, in words; `units` is the plural of what was analysed ("trusts").
    pub fn reason(self, units: &str) -> String {
        match self {
            Skip::Empty => format!("none of the analysed {units} has a value"),
            Skip::Constant => format!("all the analysed {units} have the same value"),
            Skip::Identifier => format!(
                "each analysed {units} has a value of its own, so it names them rather than \
                 describing them (and by cluster it would say which are in which)"
            ),
        }
    }
}

/// One characteristic compared.
#[derive(Clone, Debug)]
pub struct Compared {
    pub name: String,
    pub kind: Kind,
    /// Why a mostly numeric column was read as categorical.
    pub note: Option<String>,
    /// Trusts with a value.
    pub n_trusts: usize,
    /// One per cluster, 0-based order.
    pub groups: Vec<Group>,
    /// For a categorical variable, the categories shown (those in some cluster that is not
    /// withheld), sorted.
    pub categories: Vec<String>,
    pub test: Option<Test>,
}

/// One cluster's part of a variable. A withheld cluster (fewer than `min_cell` trusts with a
/// value) carries only its size.
#[derive(Clone, Debug)]
pub struct Group {
    pub n: usize,
    pub withheld: bool,
    pub summary: Option<Summary>,
    /// The values, sorted (numeric, not withheld): the chart's points.
    pub values: Vec<f64>,
    /// Counts per shown category (categorical, not withheld).
    pub counts: Vec<u64>,
}

/// Which test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    KruskalWallis,
    FisherFreemanHalton,
}

impl TestKind {
    pub fn name(self) -> &'static str {
        match self {
            TestKind::KruskalWallis => "kruskal_wallis",
            TestKind::FisherFreemanHalton => "fisher_freeman_halton",
        }
    }

    /// What [`Test::effect_size`] measures.
    pub fn effect_measure(self) -> &'static str {
        match self {
            TestKind::KruskalWallis => "epsilon_squared",
            TestKind::FisherFreemanHalton => "cramers_v",
        }
    }
}

/// How `p_value` was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PMethod {
    Asymptotic,
    Exact,
    MonteCarlo,
}

impl PMethod {
    pub fn name(self) -> &'static str {
        match self {
            PMethod::Asymptotic => "asymptotic",
            PMethod::Exact => "exact",
            PMethod::MonteCarlo => "monte_carlo",
        }
    }
}

/// A test's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    pub kind: TestKind,
    /// Kruskal-Wallis H; for Fisher-Freeman-Halton, Pearson's chi-square of the table (the
    /// basis of Cramér's V; the p is not from it).
    pub statistic: f64,
    pub df: usize,
    pub p_value: f64,
    pub p_method: PMethod,
    /// Kruskal-Wallis: the permutation p.
    pub p_permutation: Option<f64>,
    /// The Monte Carlo standard error of whichever p was drawn at random.
    pub p_mc_se: Option<f64>,
    /// Epsilon-squared (Kruskal-Wallis) or Cramér's V.
    pub effect_size: f64,
    /// About what the effect size is when the clusters do not differ at all, from the
    /// statistic's null mean (its df): df / (n - 1) for epsilon-squared, sqrt(df / (n (m - 1)))
    /// for Cramér's V. With few trusts both are far above 0, so an effect size is read
    /// against this.
    pub effect_by_chance: f64,
    /// Holm-adjusted across the run's tests, from [`Test::small_sample_p`].
    pub p_holm: f64,
}

impl Test {
    /// The p to read with few trusts: the permutation p for Kruskal-Wallis (the chi-square
    /// approximation is poor with clusters of two or three), else `p_value`.
    pub fn small_sample_p(&self) -> f64 {
        self.p_permutation.unwrap_or(self.p_value)
    }
}

/// Compares the clusters of `clustered` on every characteristic of `info`.
pub fn compare(info: &TrustInfo, clustered: &Clustered, params: &CompareParams) -> Characteristics {
    let rows: Vec<Option<usize>> = clustered
        .trust_ids
        .iter()
        .map(|id| info.row(clustered.wave, id))
        .collect();
    let missing = clustered
        .trust_ids
        .iter()
        .zip(&rows)
        .filter(|(_, r)| r.is_none())
        .map(|(id, _)| id.clone())
        .collect();
    let matched = rows.iter().filter(|r| r.is_some()).count();
    let results: Vec<Result<Compared, Skip>> = info
        .variables
        .par_iter()
        .map(|v| compare_one(v, &rows, clustered, params))
        .collect();
    let mut variables = Vec::new();
    let mut skipped = Vec::new();
    for (v, r) in info.variables.iter().zip(results) {
        match r {
            Ok(c) => variables.push(c),
            Err(why) => skipped.push((v.name.clone(), why)),
        }
    }
    let ps: Vec<Option<f64>> = variables
        .iter()
        .map(|v| v.test.as_ref().map(Test::small_sample_p))
        .collect();
    for (v, adjusted) in variables.iter_mut().zip(holm(&ps)) {
        if let (Some(t), Some(a)) = (v.test.as_mut(), adjusted) {
            t.p_holm = a;
        }
    }
    Characteristics {
        file_name: info.file_name.clone(),
        sha256: info.sha256.clone(),
        sheet: info.sheet.clone(),
        rows: info.rows,
        draws: params.draws,
        exact_budget: params.exact_budget,
        matched,
        missing,
        variables,
        skipped,
        min_cell: params.min_cell,
    }
}

/// A seed for this variable that does not depend on the other columns (FNV-1a of its name).
fn variable_seed(params: &CompareParams, stream: u64, name: &str) -> u64 {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    cluster::unit_seed(params.seed, stream, hash)
}

fn compare_one(
    v: &Variable,
    rows: &[Option<usize>],
    clustered: &Clustered,
    params: &CompareParams,
) -> Result<Compared, Skip> {
    // (cluster, value) of each analysed trust with a value, in the run's order.
    let present: Vec<(usize, &Value)> = rows
        .iter()
        .zip(clustered.labels)
        .filter_map(|(r, &l)| r.map(|r| (l, &v.values[r])))
        .filter(|(_, value)| **value != Value::Missing)
        .collect();
    if present.is_empty() {
        return Err(Skip::Empty);
    }
    let k = clustered.k;
    let mut sizes = vec![0usize; k];
    for (l, _) in &present {
        sizes[*l] += 1;
    }
    let withheld = |c: usize| sizes[c] < params.min_cell;
    let mut compared = Compared {
        name: v.name.clone(),
        kind: v.kind,
        note: v.note.clone(),
        n_trusts: present.len(),
        groups: Vec::new(),
        categories: Vec::new(),
        test: None,
    };
    match v.kind {
        Kind::Numeric => {
            let values: Vec<f64> = present
                .iter()
                .map(|(_, x)| match x {
                    Value::Number(x) => *x,
                    _ => f64::NAN,
                })
                .collect();
            if values.iter().all(|x| *x == values[0]) {
                return Err(Skip::Constant);
            }
            let groups: Vec<usize> = present.iter().map(|(l, _)| *l).collect();
            compared.groups = (0..k)
                .map(|c| {
                    let mut mine: Vec<f64> = groups
                        .iter()
                        .zip(&values)
                        .filter(|(l, _)| **l == c)
                        .map(|(_, x)| *x)
                        .collect();
                    mine.sort_by(f64::total_cmp);
                    let shown = !withheld(c);
                    Group {
                        n: sizes[c],
                        withheld: !shown,
                        summary: summarise(&mine).filter(|_| shown),
                        values: if shown { mine } else { Vec::new() },
                        counts: Vec::new(),
                    }
                })
                .collect();
            compared.test = kruskal_wallis(&values, &groups, k).map(|kw| {
                let seed = variable_seed(params, STREAM_RELABEL, &v.name);
                let perm = kruskal_permutation(&values, &groups, k, params.draws, seed);
                Test {
                    kind: TestKind::KruskalWallis,
                    statistic: kw.statistic,
                    df: kw.df,
                    p_value: kw.p_value,
                    p_method: PMethod::Asymptotic,
                    p_permutation: Some(perm.p),
                    p_mc_se: Some(perm.se),
                    effect_size: kw.epsilon_squared,
                    effect_by_chance: kw.df as f64 / (values.len() as f64 - 1.0),
                    p_holm: f64::NAN,
                }
            });
        }
        Kind::Categorical => {
            let all: BTreeSet<&str> = present.iter().map(|(_, x)| category(x)).collect();
            if all.len() == 1 {
                return Err(Skip::Constant);
            }
            if all.len() == present.len() && present.len() > 2 {
                return Err(Skip::Identifier);
            }
            let all: Vec<&str> = all.into_iter().collect();
            let mut table = vec![0u64; all.len() * k];
            for (l, x) in &present {
                let row = all.binary_search(&category(x)).unwrap_or(0);
                table[row * k + l] += 1;
            }
            let shown_rows: Vec<usize> = (0..all.len())
                .filter(|&r| (0..k).any(|c| !withheld(c) && table[r * k + c] > 0))
                .collect();
            compared.categories = shown_rows.iter().map(|&r| all[r].to_string()).collect();
            compared.groups = (0..k)
                .map(|c| Group {
                    n: sizes[c],
                    withheld: withheld(c),
                    summary: None,
                    values: Vec::new(),
                    counts: if withheld(c) {
                        Vec::new()
                    } else {
                        shown_rows.iter().map(|&r| table[r * k + c]).collect()
                    },
                })
                .collect();
            let counts = Counts::new(all.len(), k, table);
            if counts.testable() {
                let (x2, v_cramer) = chi_square(&counts);
                let (p, method, se) = match fisher_exact(&counts, params.exact_budget) {
                    Some(p) => (p, PMethod::Exact, None),
                    None => {
                        let seed = variable_seed(params, STREAM_TABLES, &v.name);
                        let mc = fisher_monte_carlo(&counts, params.draws, seed);
                        (mc.p, PMethod::MonteCarlo, Some(mc.se))
                    }
                };
                let df = (counts.rows - 1) * (counts.cols - 1);
                let m = (counts.rows.min(counts.cols) - 1) as f64;
                compared.test = Some(Test {
                    kind: TestKind::FisherFreemanHalton,
                    statistic: x2,
                    df,
                    p_value: p,
                    p_method: method,
                    p_permutation: None,
                    p_mc_se: se,
                    effect_size: v_cramer,
                    effect_by_chance: (df as f64 / (counts.total() as f64 * m)).sqrt(),
                    p_holm: f64::NAN,
                });
            }
        }
    }
    Ok(compared)
}

fn category(v: &Value) -> &str {
    match v {
        Value::Category(c) => c,
        _ => "",
    }
}
