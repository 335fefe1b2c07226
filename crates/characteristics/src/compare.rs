//! The clusters compared on each characteristic: per-cluster summaries, the test, and Holm's
//! adjustment across the characteristics of a run; small clusters withheld.

use std::collections::BTreeMap;

use rayon::prelude::*;
use survey::show_value;

use cluster::{STREAM_RELABEL, STREAM_TABLES};

use crate::fisher::{chi_square, fisher_exact, fisher_monte_carlo, Counts};
use crate::holm::holm;
use crate::info::{number, Kind, TrustInfo, Variable};
use crate::kruskal::{kruskal_permutation, kruskal_wallis};
use crate::summary::{summarise, Summary};

/// Relabellings (Kruskal-Wallis) and random tables (Fisher-Freeman-Halton, where the exact sum
/// is out of reach) per characteristic.
pub const DRAWS: usize = 100_000;

/// Partial tables the exact Fisher-Freeman-Halton sum may visit before it gives way to the
/// Monte Carlo p (about a second).
pub const EXACT_BUDGET: u64 = 20_000_000;

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
    /// What an analyst should know of a column, naming the cell (for standard error, not for
    /// the outputs): why a mostly numeric column was not read as numbers.
    pub notes: Vec<(String, String)>,
    pub min_cell: usize,
}

/// Why a column was not compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// No analysed trust has a value.
    Empty,
    /// Every analysed trust has the same value.
    Constant,
    /// A name or code, not a characteristic: most analysed trusts have a category of their
    /// own, or the numbers are codes (leading zeros; distinct whole numbers under a header
    /// such as URN); shown by cluster it would name the trusts in each cluster.
    Identifier,
    /// Every cluster has fewer than `min_cell` trusts with a value.
    AllWithheld,
    /// Numbers but for a few cells, which as categories would all be one-offs.
    NotAllNumbers,
}

impl Skip {
    /// A word for files: `empty`, `constant`, `identifier`, `all_withheld` or
    /// `not_all_numbers`.
    pub fn code(self) -> &'static str {
        match self {
            Skip::Empty => "empty",
            Skip::Constant => "constant",
            Skip::Identifier => "identifier",
            Skip::AllWithheld => "all_withheld",
            Skip::NotAllNumbers => "not_all_numbers",
        }
    }

    /// Why, in words; `units` is the plural of what was analysed ("trusts").
    pub fn reason(self, units: &str) -> String {
        match self {
            Skip::Empty => format!("none of the analysed {units} has a value"),
            Skip::Constant => format!("the {units} in the clusters shown all have the same value"),
            Skip::Identifier => format!(
                "a name or code: most analysed {units} have a value of their own, or the header \
                 says so; by cluster it would say which is in which"
            ),
            Skip::AllWithheld => {
                format!("no cluster has enough {units} with a value to be shown")
            }
            Skip::NotAllNumbers => "most values are numbers but a few are not, and as \
                categories nearly every value stands alone; mend or blank the cells that are \
                not numbers"
                .to_string(),
        }
    }
}

/// One characteristic compared.
#[derive(Clone, Debug)]
pub struct Compared {
    pub name: String,
    pub kind: Kind,
    /// Whether it was read as categorical though most values are numbers.
    pub mostly_numbers: bool,
    /// Trusts with a value in the clusters shown (those compared).
    pub n_trusts: usize,
    /// One per cluster, 0-based order.
    pub groups: Vec<Group>,
    /// For a categorical variable, the categories of the clusters shown, as first written in the
    /// file, in the order of their folded text.
    pub categories: Vec<String>,
    pub test: Option<Test>,
}

/// One cluster's part of a variable. A withheld cluster (fewer than `min_cell` trusts with a
/// value) carries only that count and takes no part in the test.
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
    /// For Fisher-Freeman-Halton, the table's smaller side (Cramér's V's min(r, c)); 0 for
    /// Kruskal-Wallis.
    pub smaller_side: usize,
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
    let results: Vec<Outcome> = info
        .variables
        .par_iter()
        .map(|v| compare_one(v, info, &rows, clustered, params))
        .collect();
    let mut variables = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for (v, r) in info.variables.iter().zip(results) {
        let note = match r {
            Ok((c, note)) => {
                variables.push(c);
                note
            }
            Err((why, note)) => {
                skipped.push((v.name.clone(), why));
                note
            }
        };
        notes.extend(note.map(|n| (v.name.clone(), n)));
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
        notes,
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

/// Header words of identifier columns (URN, UKPRN, LA code and the like): distinct whole
/// numbers under such a header are codes that describe nothing.
const ID_WORDS: [&str; 8] = [
    "id", "urn", "ukprn", "uid", "upin", "laestab", "crn", "code",
];

/// Header words of name columns: never compared, even with a few names repeated ("Unknown"),
/// since by cluster they would say which trust is in which.
const NAME_WORDS: [&str; 1] = ["name"];

/// Whether the header has one of `words` as a word of its own ("trust_urn", "Trust name").
fn has_word(header: &str, words: &[&str]) -> bool {
    survey::match_key(header)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.contains(&w))
}

/// A column compared, or why not; either way with a note for the analyst (naming a cell).
type Outcome = Result<(Compared, Option<String>), (Skip, Option<String>)>;

/// An analysed trust's value: its cluster, the file's row and the text.
struct Cell<'a> {
    cluster: usize,
    row: usize,
    text: &'a str,
}

/// Which clusters a variable shows: those with at least `min_cell` trusts with a value.
struct Shown {
    /// Trusts with a value, per cluster.
    sizes: Vec<usize>,
    min_cell: usize,
}

impl Shown {
    fn shown(&self, c: usize) -> bool {
        self.sizes[c] >= self.min_cell
    }

    /// Cluster `c`'s group: `group` when it is shown, else only its count.
    fn group(&self, c: usize, group: impl FnOnce() -> Group) -> Group {
        if self.shown(c) {
            return group();
        }
        Group {
            n: self.sizes[c],
            withheld: true,
            summary: None,
            values: Vec::new(),
            counts: Vec::new(),
        }
    }
}

fn compare_one(
    v: &Variable,
    info: &TrustInfo,
    rows: &[Option<usize>],
    clustered: &Clustered,
    params: &CompareParams,
) -> Outcome {
    let present: Vec<Cell> = rows
        .iter()
        .zip(clustered.labels)
        .filter_map(|(r, &cluster)| {
            let row = (*r)?;
            let text = v.cells[row].as_deref()?;
            Some(Cell { cluster, row, text })
        })
        .collect();
    if present.is_empty() {
        return Err((Skip::Empty, None));
    }
    let mut sizes = vec![0usize; clustered.k];
    for c in &present {
        sizes[c.cluster] += 1;
    }
    // Withheld clusters take no part at all, not even in the test: its statistic, with the
    // shown clusters' values, could give theirs back.
    let shown = Shown {
        sizes,
        min_cell: params.min_cell,
    };
    let used: Vec<&Cell> = present.iter().filter(|c| shown.shown(c.cluster)).collect();
    if used.is_empty() {
        return Err((Skip::AllWithheld, None));
    }
    let parsed: Vec<Option<f64>> = used.iter().map(|c| number(c.text)).collect();
    let not_numbers: Vec<&Cell> = (used.iter().zip(&parsed))
        .filter(|(_, x)| x.is_none())
        .map(|(c, _)| *c)
        .collect();
    let numeric = !v.forced_categorical && not_numbers.is_empty();
    // Mostly numbers: say which cell made it categorical, as readr's problems() would.
    let note = match not_numbers.first() {
        Some(c) if !v.forced_categorical && not_numbers.len() * 5 <= used.len() => Some(format!(
            "read as categorical because {} holds {} where the other values are numbers",
            info.location(c.row, v.column),
            show_value(c.text)
        )),
        _ => None,
    };
    let compared = Compared {
        name: v.name.clone(),
        kind: if numeric {
            Kind::Numeric
        } else {
            Kind::Categorical
        },
        mostly_numbers: note.is_some(),
        n_trusts: used.len(),
        groups: Vec::new(),
        categories: Vec::new(),
        test: None,
    };
    let labels: Vec<usize> = used.iter().map(|c| c.cluster).collect();
    if numeric {
        let values: Vec<f64> = parsed.into_iter().flatten().collect();
        let leading_zero = used.iter().any(|c| {
            let b = c.text.as_bytes();
            b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit()
        });
        return numbers(compared, &values, &labels, leading_zero, &shown, params)
            .map(|c| (c, note))
            .map_err(|why| (why, None));
    }
    // A column of names needs no note on its cells; any other reason may.
    match categories(compared, &used, &labels, &shown, params) {
        Ok(c) => Ok((c, note)),
        Err(Skip::Identifier) => Err((Skip::Identifier, None)),
        Err(why) => Err((why, note)),
    }
}

/// A numeric variable: per-cluster summaries and Kruskal-Wallis, after the checks that it
/// varies and is not a column of codes.
fn numbers(
    mut compared: Compared,
    values: &[f64],
    labels: &[usize],
    leading_zero: bool,
    shown: &Shown,
    params: &CompareParams,
) -> Result<Compared, Skip> {
    if values.iter().all(|x| *x == values[0]) {
        return Err(Skip::Constant);
    }
    let distinct_integers = {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted.windows(2).all(|w| w[0] != w[1]) && values.iter().all(|x| x.fract() == 0.0)
    };
    if leading_zero || (distinct_integers && has_word(&compared.name, &ID_WORDS)) {
        return Err(Skip::Identifier);
    }
    let k = shown.sizes.len();
    compared.groups = (0..k)
        .map(|c| {
            shown.group(c, || {
                let mut mine: Vec<f64> = (labels.iter().zip(values))
                    .filter(|(l, _)| **l == c)
                    .map(|(_, x)| *x)
                    .collect();
                mine.sort_by(f64::total_cmp);
                Group {
                    n: shown.sizes[c],
                    withheld: false,
                    summary: summarise(&mine),
                    values: mine,
                    counts: Vec::new(),
                }
            })
        })
        .collect();
    compared.test = kruskal_wallis(values, labels, k).map(|kw| {
        let seed = variable_seed(params, STREAM_RELABEL, &compared.name);
        let perm = kruskal_permutation(values, labels, k, params.draws, seed);
        Test {
            kind: TestKind::KruskalWallis,
            statistic: kw.statistic,
            df: kw.df,
            p_value: kw.p_value,
            p_method: PMethod::Asymptotic,
            p_permutation: Some(perm.p),
            p_mc_se: Some(perm.se),
            effect_size: kw.epsilon_squared,
            smaller_side: 0,
            effect_by_chance: kw.df as f64 / (values.len() as f64 - 1.0),
            p_holm: f64::NAN,
        }
    });
    Ok(compared)
}

/// A categorical variable: counts per cluster and Fisher-Freeman-Halton, after the checks that
/// it varies and is not a column of names. Categories are matched as headers are (case,
/// spaces, quotes, dashes) and shown as first written in the file.
fn categories(
    mut compared: Compared,
    used: &[&Cell],
    labels: &[usize],
    shown: &Shown,
    params: &CompareParams,
) -> Result<Compared, Skip> {
    let keys: Vec<String> = used.iter().map(|c| survey::match_key(c.text)).collect();
    let mut seen: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (c, key) in used.iter().zip(&keys) {
        let e = seen.entry(key).or_insert((c.row, c.text));
        if c.row < e.0 {
            *e = (c.row, c.text);
        }
    }
    if seen.len() == 1 {
        return Err(Skip::Constant);
    }
    let order: Vec<&str> = seen.keys().copied().collect();
    let k = shown.sizes.len();
    let mut table = vec![0u64; order.len() * k];
    for (key, l) in keys.iter().zip(labels) {
        let row = order
            .binary_search(&key.as_str())
            .expect("every category was collected from these cells");
        table[row * k + l] += 1;
    }
    // Mostly categories of one trust: a name or code, and shown by cluster it would say
    // which trust is in which.
    let singletons = (0..order.len())
        .filter(|&r| table[r * k..(r + 1) * k].iter().sum::<u64>() == 1)
        .count();
    if compared.mostly_numbers && singletons * 2 > used.len() {
        // Numbers but for a few cells: read as categories they are all one-offs, which says
        // nothing; the note names the cell to mend.
        return Err(Skip::NotAllNumbers);
    }
    if (used.len() > 2 && singletons * 2 > used.len()) || has_word(&compared.name, &NAME_WORDS) {
        return Err(Skip::Identifier);
    }
    compared.categories = seen.values().map(|(_, t)| t.to_string()).collect();
    compared.groups = (0..k)
        .map(|c| {
            shown.group(c, || Group {
                n: shown.sizes[c],
                withheld: false,
                summary: None,
                values: Vec::new(),
                counts: (0..order.len()).map(|r| table[r * k + c]).collect(),
            })
        })
        .collect();
    let counts = Counts::new(order.len(), k, table);
    if counts.testable() {
        let (x2, v_cramer) = chi_square(&counts);
        let (p, method, se) = match fisher_exact(&counts, params.exact_budget) {
            Some(p) => (p, PMethod::Exact, None),
            None => {
                let seed = variable_seed(params, STREAM_TABLES, &compared.name);
                let mc = fisher_monte_carlo(&counts, params.draws, seed);
                (mc.p, PMethod::MonteCarlo, Some(mc.se))
            }
        };
        let df = (counts.rows - 1) * (counts.cols - 1);
        let smaller_side = counts.rows.min(counts.cols);
        compared.test = Some(Test {
            kind: TestKind::FisherFreemanHalton,
            statistic: x2,
            df,
            p_value: p,
            p_method: method,
            p_permutation: None,
            p_mc_se: se,
            effect_size: v_cramer,
            smaller_side,
            effect_by_chance: (df as f64 / (counts.total() as f64 * (smaller_side - 1) as f64))
                .sqrt(),
            p_holm: f64::NAN,
        });
    }
    Ok(compared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey::{Table, TableRow};

    /// A trust-info table from CSV-like text (comma-separated, no quoting), lines from 2.
    fn info(text: &str, categorical: &[&str]) -> TrustInfo {
        let mut lines = text.lines();
        let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
        let rows = lines
            .enumerate()
            .map(|(i, l)| TableRow {
                line: i as u64 + 2,
                cells: l.split(',').map(String::from).collect(),
            })
            .collect();
        let table = Table {
            name: "info.csv".into(),
            file_name: "info.csv".into(),
            sha256: String::new(),
            sheet: None,
            header,
            rows,
        };
        let categorical: Vec<String> = categorical.iter().map(|c| c.to_string()).collect();
        TrustInfo::from_table(&table, &categorical).unwrap()
    }

    const PARAMS: CompareParams = CompareParams {
        seed: 1,
        min_cell: 3,
        draws: 1000,
        exact_budget: EXACT_BUDGET,
    };

    /// Eight trusts, T0-T3 in cluster 0 and T4-T7 in cluster 1, and T8 alone in cluster 2.
    fn run(info: &TrustInfo) -> Characteristics {
        let ids: Vec<String> = (0..9).map(|i| format!("T{i}")).collect();
        let labels = [0, 0, 0, 0, 1, 1, 1, 1, 2];
        let clustered = Clustered {
            wave: "2017",
            trust_ids: &ids,
            labels: &labels,
            k: 3,
        };
        compare(info, &clustered, &PARAMS)
    }

    fn skipped(c: &Characteristics, name: &str) -> Option<Skip> {
        c.skipped.iter().find(|(n, _)| n == name).map(|(_, s)| *s)
    }

    #[test]
    fn names_and_codes_are_not_compared() {
        let text = "trust_id,name,urn,company,schools\n\
            T0,Alpha,100001,07530680,7\nT1,Beta,100002,07530681,8\nT2,Unknown,100003,07530682,9\n\
            T3,Unknown,100004,07530683,9\nT4,Gamma,100005,07530684,20\nT5,Delta,100006,07530685,21\n\
            T6,Eps,100007,07530686,22\nT7,Zeta,100008,07530687,23\nT8,Eta,100009,07530688,24\n";
        let c = run(&info(text, &[]));
        // Two trusts share "Unknown", six have their own name: still a name column.
        assert_eq!(skipped(&c, "name"), Some(Skip::Identifier));
        assert_eq!(skipped(&c, "urn"), Some(Skip::Identifier));
        assert_eq!(skipped(&c, "company"), Some(Skip::Identifier));
        assert_eq!(c.variables.len(), 1);
        assert_eq!(c.variables[0].name, "schools");
    }

    #[test]
    fn a_withheld_cluster_changes_nothing_that_is_shown() {
        let text = |t8: &str| {
            format!(
                "trust_id,schools,region\nT0,7,North\nT1,8,North\nT2,9,South\nT3,9,North\n\
                 T4,20,South\nT5,21,South\nT6,22,North\nT7,23,South\nT8,{t8}\n"
            )
        };
        let a = run(&info(&text("5,North"), &[]));
        let b = run(&info(&text("500,Atlantis"), &[]));
        assert_eq!(a.variables.len(), 2);
        assert_eq!(a.variables.len(), b.variables.len());
        for (x, y) in a.variables.iter().zip(&b.variables) {
            assert_eq!(x.test, y.test, "{}", x.name);
            assert_eq!(x.categories, y.categories, "{}", x.name);
            assert_eq!(x.n_trusts, 8);
            assert!(x.groups[2].withheld && x.groups[2].summary.is_none());
        }
        assert!(!b.variables[1].categories.contains(&"Atlantis".to_string()));
    }

    #[test]
    fn the_type_comes_from_the_trusts_compared() {
        // T8 is withheld (a cluster of one) and T9 not analysed: their "SUPP" leaves schools
        // numeric. T3's "x" among analysed numbers makes pupils categorical, with a note
        // naming the cell.
        let text = "trust_id,schools,pupils\nT0,7,100\nT1,8,100\nT2,9,120\nT3,9,x\nT4,20,300\n\
            T5,21,300\nT6,22,320\nT7,23,320\nT8,SUPP,1\nT9,SUPP,5\n";
        let c = run(&info(text, &[]));
        let kind = |n: &str| c.variables.iter().find(|v| v.name == n).map(|v| v.kind);
        assert_eq!(kind("schools"), Some(Kind::Numeric));
        let pupils = c.variables.iter().find(|v| v.name == "pupils").unwrap();
        assert_eq!(pupils.kind, Kind::Categorical);
        assert!(pupils.mostly_numbers);
        let (_, note) = c.notes.iter().find(|(n, _)| n == "pupils").unwrap();
        assert!(note.contains("info.csv:5:3 holds \"x\""), "{note}");
    }

    #[test]
    fn numbers_with_a_stray_word_are_not_read_as_names() {
        let text = "trust_id,pupils,trust name\nT0,100,A\nT1,110,B\nT2,120,C\nT3,x,D\n\
            T4,300,E\nT5,310,E\nT6,320,F\nT7,330,F\nT8,1,G\n";
        let c = run(&info(text, &[]));
        assert_eq!(skipped(&c, "pupils"), Some(Skip::NotAllNumbers));
        assert!(c
            .notes
            .iter()
            .any(|(n, note)| n == "pupils" && note.contains(":5:2 holds")));
        // Repeated names, but the header says what the column is.
        assert_eq!(skipped(&c, "trust name"), Some(Skip::Identifier));
    }

    #[test]
    fn categories_match_as_headers_do_and_read_as_first_written() {
        let text = "trust_id,phase\nT0,Primary\nT1,primary \nT2,PRIMARY\nT3,secondary\n\
            T4,Secondary\nT5,secondary\nT6,primary\nT7,secondary\nT8,primary\n";
        let c = run(&info(text, &[]));
        assert_eq!(c.variables[0].categories, ["Primary", "secondary"]);
        assert_eq!(c.variables[0].groups[0].counts, [3, 1]);
    }

    #[test]
    fn a_row_without_a_wave_applies_to_every_wave() {
        let i = info("trust_id,wave,schools\nT0,2019,7\nT0,,9\nT1,2017,8\n", &[]);
        assert_eq!(i.row("2019", "T0"), Some(0));
        assert_eq!(i.row("2017", "T0"), Some(1));
        assert_eq!(i.row("2017", "T1"), Some(2));
        assert_eq!(i.row("2019", "T1"), None);
    }
}
