//! The tests against R (`tests/reference/characteristics/characteristics.R`, its output
//! `characteristics_R.txt` read as it is): Kruskal-Wallis against `kruskal.test`, the exact
//! Fisher-Freeman-Halton p against `fisher.test`, Holm against `p.adjust`, quartiles against
//! `quantile`, all to 1e-10 relative; the permutation and Monte Carlo p within 3 Monte Carlo
//! standard errors of the exact ones.

use characteristics::{
    chi_square, fisher_exact, fisher_monte_carlo, holm, kruskal_permutation, kruskal_wallis,
    summarise, Counts, DRAWS, EXACT_BUDGET,
};

#[path = "support/r_reference.rs"]
mod r_reference;

use r_reference::{cases, Case};

const REL: f64 = 1e-10;

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(f64::MIN_POSITIVE);
    assert!(
        (got - want).abs() <= REL * scale,
        "{what}: {got:e} vs R's {want:e} (relative {:e})",
        (got - want).abs() / scale
    );
}

#[test]
fn kruskal_wallis_matches_r() {
    let mut seen = 0;
    for c in cases().iter().filter(|c| c.kind == "kw") {
        let values = c.nums("values");
        let (groups, k) = c.labels();
        let kw = kruskal_wallis(&values, &groups, k).unwrap();
        close(
            kw.statistic,
            c.num("statistic").unwrap(),
            &format!("{} H", c.name),
        );
        assert_eq!(kw.df as f64, c.num("df").unwrap(), "{} df", c.name);
        close(
            kw.p_value,
            c.num("p_value").unwrap(),
            &format!("{} p", c.name),
        );
        let eps = c.num("epsilon_squared").unwrap();
        close(kw.epsilon_squared, eps, &format!("{} epsilon²", c.name));
        for (&g, r) in &c.groups {
            let mine: Vec<f64> = values
                .iter()
                .zip(&groups)
                .filter(|(_, l)| **l == g - 1)
                .map(|(v, _)| *v)
                .collect();
            let s = summarise(&mine).unwrap();
            assert_eq!(s.n as f64, r[0], "{} group {g} n", c.name);
            let what = format!("{} group {g} quartiles", c.name);
            for (got, want) in [(s.median, r[1]), (s.q1, r[2]), (s.q3, r[3]), (s.mean, r[4])] {
                close(got, want, &what);
            }
        }
        seen += 1;
    }
    assert!(seen >= 8, "only {seen} Kruskal-Wallis cases");
}

#[test]
fn permutation_p_is_within_three_standard_errors_of_the_exact_one() {
    let mut seen = 0;
    for (i, c) in cases().iter().filter(|c| c.kind == "kw").enumerate() {
        let Some(exact) = c.num("p_exact_permutation") else {
            continue;
        };
        let values = c.nums("values");
        let (groups, k) = c.labels();
        let perm = kruskal_permutation(&values, &groups, k, DRAWS, 2018 + i as u64);
        // The estimate's own +1 in numerator and denominator moves it by at most 1/(B+1).
        let allowed = 3.0 * perm.se.max((exact * (1.0 - exact) / DRAWS as f64).sqrt());
        assert!(
            (perm.p - exact).abs() <= allowed + 1.0 / (DRAWS + 1) as f64,
            "{}: permutation p {} (se {}) vs exact {exact}",
            c.name,
            perm.p,
            perm.se
        );
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} cases with an exact permutation p");
}

fn table(c: &Case) -> Counts {
    let cells = c.nums("cells").iter().map(|x| *x as u64).collect();
    Counts::new(
        c.num("rows").unwrap() as usize,
        c.num("cols").unwrap() as usize,
        cells,
    )
}

#[test]
fn fisher_freeman_halton_matches_r() {
    let mut seen = 0;
    for c in cases().iter().filter(|c| c.kind == "ffh") {
        let t = table(c);
        let p = fisher_exact(&t, EXACT_BUDGET).expect("within the exact budget");
        close(p, c.num("p_value").unwrap(), &format!("{} p", c.name));
        let (x2, v) = chi_square(&t);
        close(
            x2,
            c.num("chisq").unwrap(),
            &format!("{} chi-square", c.name),
        );
        close(
            v,
            c.num("cramers_v").unwrap(),
            &format!("{} Cramér's V", c.name),
        );
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} tables");
}

#[test]
fn monte_carlo_p_is_within_three_standard_errors_of_the_exact_one() {
    for (i, c) in cases().iter().filter(|c| c.kind == "ffh").enumerate() {
        let exact = c.num("p_value").unwrap();
        let mc = fisher_monte_carlo(&table(c), DRAWS, 7 + i as u64);
        let se = (exact * (1.0 - exact) / DRAWS as f64).sqrt();
        assert!(
            (mc.p - exact).abs() <= 3.0 * se + 1.0 / (DRAWS + 1) as f64,
            "{}: Monte Carlo p {} vs exact {exact}",
            c.name,
            mc.p
        );
    }
}

#[test]
fn holm_matches_p_adjust() {
    for c in cases().iter().filter(|c| c.kind == "holm") {
        let p: Vec<Option<f64>> = c.nums("p").into_iter().map(Some).collect();
        for (got, want) in holm(&p).iter().zip(c.nums("adjusted")) {
            close(got.unwrap(), want, &c.name);
        }
    }
}
