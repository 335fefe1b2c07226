//! What sets the clusters apart: the units' own characteristics (`--trust-info`), each test
//! read in plain words, with the caution that few units give little power and that nothing
//! here is causal.

use analysis::Analysis;
use characteristics::{Characteristics, Compared, Kind, PMethod, Test, TestKind};
use plots::Chart;

use super::{chart, f2};
use crate::charts::characteristic_chart_names;
use crate::doc::Doc;
use crate::Unit;

/// The level below which a p is read as evidence.
const ALPHA: f64 = 0.05;

/// A count with commas between thousands: 100,000.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "p = 0.362" or "p < 0.001", for sentences.
fn p_is(name: &str, p: f64) -> String {
    let shown = fmt_p(p);
    if shown.starts_with('<') {
        format!("{name} {shown}")
    } else {
        format!("{name} = {shown}")
    }
}

/// A p for reading: three decimals, four below 0.01, "< 0.001" below that.
pub(super) fn fmt_p(p: f64) -> String {
    if !p.is_finite() {
        String::new()
    } else if p < 0.001 {
        "< 0.001".into()
    } else if p < 0.01 {
        format!("{p:.4}")
    } else {
        format!("{p:.3}")
    }
}

/// A number as it reads in a sentence: at most two decimals, trailing zeros dropped.
fn num(v: f64) -> String {
    let s = f2(v);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Conventional bands, used only where the test finds a difference (with few units an effect
/// size is large by chance alone): epsilon-squared as rcompanion reads it (0.01, 0.08, 0.26);
/// Cramér's V as Cohen's w over the square root of the table's smaller side less one.
fn effect_band(test: &Test) -> &'static str {
    let (small, medium, large) = match test.kind {
        TestKind::KruskalWallis => (0.01, 0.08, 0.26),
        TestKind::FisherFreemanHalton => {
            let s = (test.smaller_side.max(2) as f64 - 1.0).sqrt();
            (0.1 / s, 0.3 / s, 0.5 / s)
        }
    };
    match test.effect_size {
        e if e >= large => "large",
        e if e >= medium => "medium",
        e if e >= small => "small",
        _ => "negligible",
    }
}

/// The effect size read against chance.
fn effect_words(test: &Test) -> String {
    let measure = match test.kind {
        TestKind::KruskalWallis => "ε²",
        TestKind::FisherFreemanHalton => "Cramér's V",
    };
    let (e, chance) = (f2(test.effect_size), f2(test.effect_by_chance));
    if test.small_sample_p() < ALPHA {
        format!(
            "the effect is {} ({measure} = {e}; chance alone gives about {chance})",
            effect_band(test)
        )
    } else {
        format!("{measure} = {e}, against about {chance} from chance alone")
    }
}

/// What the test says, in words, given how many characteristics were tested.
fn verdict(test: &Test, tested: usize, u: &Unit) -> String {
    let p = test.small_sample_p();
    if test.p_holm < ALPHA {
        format!(
            "a difference unlikely to be chance, even after Holm's adjustment for the {tested} characteristics tested"
        )
    } else if p < ALPHA {
        format!(
            "suggestive on its own, but not after Holm's adjustment for the {tested} characteristics tested"
        )
    } else {
        format!(
            "no evidence of a difference (with so few {}, that is not evidence that there is none)",
            u.many
        )
    }
}

/// The test in one line, for the table and the chart.
pub(crate) fn test_line(test: &Test) -> String {
    let holm = fmt_p(test.p_holm);
    match test.kind {
        TestKind::KruskalWallis => format!(
            "Kruskal-Wallis H = {}, df = {}, {} (Holm {holm}), {}, ε² = {}",
            f2(test.statistic),
            test.df,
            p_is("permutation p", test.small_sample_p()),
            p_is("chi-square p", test.p_value),
            f2(test.effect_size)
        ),
        TestKind::FisherFreemanHalton => format!(
            "Fisher-Freeman-Halton {} (Holm {holm}), Cramér's V = {}",
            p_is(
                match test.p_method {
                    PMethod::MonteCarlo => "Monte Carlo p",
                    _ => "exact p",
                },
                test.p_value
            ),
            f2(test.effect_size)
        ),
    }
}

/// Each shown cluster in a few words: its median and quartiles, or its most common category.
fn by_cluster(v: &Compared, u: &Unit) -> String {
    let parts: Vec<String> = v
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.n > 0)
        .map(|(c, g)| {
            let label = format!("cluster {}", c + 1);
            if g.withheld {
                return format!("{label} withheld ({} with a value)", u.count(g.n));
            }
            match (&g.summary, v.kind) {
                (Some(s), _) => format!(
                    "{label} median {} (quartiles {} to {}, n = {})",
                    num(s.median),
                    num(s.q1),
                    num(s.q3),
                    g.n
                ),
                (None, Kind::Categorical) => {
                    let top = g.counts.iter().copied().max().unwrap_or(0);
                    let modes: Vec<&str> = v
                        .categories
                        .iter()
                        .zip(&g.counts)
                        .filter(|(_, n)| **n == top && top > 0)
                        .map(|(c, _)| c.as_str())
                        .collect();
                    format!(
                        "{label} most often {} ({top} of {})",
                        modes.join(" or "),
                        g.n
                    )
                }
                _ => label,
            }
        })
        .collect();
    parts.join("; ")
}

/// Which clusters the test left out, when any were withheld.
fn withheld_note(v: &Compared) -> String {
    let out: Vec<String> = v
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.withheld && g.n > 0)
        .map(|(c, _)| (c + 1).to_string())
        .collect();
    match out.len() {
        0 => String::new(),
        1 => format!(
            " The test leaves out cluster {}, which is withheld.",
            out[0]
        ),
        _ => format!(
            " The test leaves out clusters {}, which are withheld.",
            out.join(" and ")
        ),
    }
}

/// The summary's sentence: which characteristics differ after adjustment; empty without
/// `--trust-info`.
pub(super) fn summary_sentence(a: &Analysis) -> String {
    let Some(c) = &a.characteristics else {
        return String::new();
    };
    let tested: Vec<&Compared> = c.variables.iter().filter(|v| v.test.is_some()).collect();
    let differ: Vec<&str> = tested
        .iter()
        .filter(|v| v.test.as_ref().is_some_and(|t| t.p_holm < ALPHA))
        .map(|v| v.name.as_str())
        .collect();
    match differ.len() {
        _ if tested.is_empty() => String::new(),
        0 => format!(
            " None of the {} characteristics compared shows a difference between the clusters that survives Holm's adjustment (with few units, weak evidence either way).",
            tested.len()
        ),
        n => format!(
            " Of the {} characteristics compared, {n} {} a difference between the clusters unlikely to be chance after Holm's adjustment: {}.",
            tested.len(),
            if n == 1 { "shows" } else { "show" },
            differ.join(", ")
        ),
    }
}

/// The report section; nothing without `--trust-info`.
pub(super) fn section(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let Some(c) = &a.characteristics else {
        return;
    };
    d.h(2, "What sets the clusters apart?");
    intro(d, a, c, u);
    let tested = c.variables.iter().filter(|v| v.test.is_some()).count();
    if c.variables.is_empty() {
        d.p("No column of the file could be compared.");
        return;
    }
    let rows = c
        .variables
        .iter()
        .map(|v| {
            let t = v.test.as_ref();
            vec![
                v.name.clone(),
                by_cluster(v, u),
                t.map(|t| fmt_p(t.small_sample_p())).unwrap_or_default(),
                t.map(|t| fmt_p(t.p_holm)).unwrap_or_default(),
                t.map(|t| {
                    format!(
                        "{} (chance ≈ {})",
                        f2(t.effect_size),
                        f2(t.effect_by_chance)
                    )
                })
                .unwrap_or_default(),
            ]
        })
        .collect();
    d.table(
        &["characteristic", "by cluster", "p", "Holm p", "effect size"],
        rows,
    );
    let names = characteristic_chart_names(c);
    for (v, name) in c.variables.iter().zip(&names) {
        d.h(3, v.name.clone());
        let reading = match &v.test {
            Some(t) => format!(
                "{}. {}: {}; {}.",
                profiles::sentence_case(&by_cluster(v, u)),
                test_line(t),
                verdict(t, tested, u),
                effect_words(t)
            ),
            None => format!(
                "{}. Not tested: fewer than two clusters are shown.",
                profiles::sentence_case(&by_cluster(v, u)),
            ),
        };
        let left_out = if v.test.is_some() {
            withheld_note(v)
        } else {
            String::new()
        };
        d.p(reading + &left_out);
        if let Some(ch) = chart(charts, name) {
            let caption = match v.kind {
                Kind::Numeric => format!(
                    "{}: every {} as a point by cluster, with the median and quartiles.",
                    v.name, u.one
                ),
                Kind::Categorical => format!(
                    "{}: each cluster's {} by category, as shares with counts.",
                    v.name, u.many
                ),
            };
            d.chart(name, &ch.svg, caption);
        }
    }
}

fn intro(d: &mut Doc, a: &Analysis, c: &Characteristics, u: &Unit) {
    let analysed = a.agg.scores.rows();
    let mut text = format!(
        "Characteristics of the analysed {many}, from {file}, compared across the clusters: {matched} of the {analysed} analysed {many} have a row.",
        many = u.many,
        file = c.file_name,
        matched = c.matched,
    );
    if !c.missing.is_empty() {
        text.push_str(&format!(" Missing: {}.", c.missing.join(", ")));
    }
    for (name, why) in &c.skipped {
        text.push_str(&format!(" Not compared: {name} ({}).", why.reason(&u.many)));
    }
    for v in c.variables.iter().filter(|v| v.mostly_numbers) {
        text.push_str(&format!(
            " {} is read as categorical: most of its values are numbers, but not all.",
            v.name
        ));
    }
    d.p(text);
    d.p(format!(
        "A column is numeric when every value is a number, else categorical (--categorical makes a column of codes categorical). \
         Numbers are compared by rank with the Kruskal-Wallis test (ties corrected, as R's kruskal.test); beside its chi-square p, \
         the permutation p relabels the {many} {draws} times at random (seeded; its Monte Carlo standard error is in characteristic_tests.csv), \
         which holds with clusters of two or three where the chi-square does not; ε² (H / (n - 1)) is its effect size. Categories are \
         compared with the Fisher-Freeman-Halton test, as R's fisher.test: exact, summing every table with the same margins that is no \
         more probable than the one observed, or from {draws} random tables where there are too many to sum; Cramér's V is its effect size. \
         Holm's adjustment is made across the characteristics, on the permutation p for numbers and the Fisher p for categories.",
        many = u.many,
        draws = thousands(c.draws),
    ));
    let compared = c.variables.iter().map(|v| v.n_trusts).max().unwrap_or(0);
    let shown = c
        .variables
        .iter()
        .map(|v| v.groups.iter().filter(|g| !g.withheld && g.n > 0).count())
        .max()
        .unwrap_or(0);
    d.p(format!(
        "Read these with care. With {compared} {many} in {shown} clusters compared the tests have little power: only a large difference can show, \
         and a p above 0.05 does not mean the clusters are alike. Nothing here is causal: the clusters come from how respondents describe \
         their {many}, and a characteristic that differs between clusters may go with that description for reasons these data \
         cannot tell apart (size, age, history, region). A cluster with fewer than {min} {many} with a value (--min-cell) is withheld: \
         the table, the CSV and the charts give only its count and it takes no part in the test, so that no small group's characteristics can identify its members.",
        many = u.many,
        min = c.min_cell,
    ));
}
