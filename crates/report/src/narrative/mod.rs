//! The reports' text, one module per kind of folder: a run, `assign` and `compare`. Numbers are
//! rounded here for reading; the CSV files keep them.

mod assign;
mod certainty;
mod characteristics;
mod compare;
mod methods;
mod run;

pub use assign::assign;
pub(crate) use characteristics::test_line;
pub use compare::compare;
pub(crate) use compare::list_or_none;
pub use run::run;

use plots::Chart;

use crate::table::fmt_num;

pub(crate) fn f2(v: f64) -> String {
    fixed(v, 2)
}

pub(crate) fn f3(v: f64) -> String {
    fixed(v, 3)
}

/// Rounded for reading; never "-0.00" (it would read as a real negative value); empty when not
/// defined.
fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

/// Themes by their labels, for a table cell: "Autonomy; Identity".
pub(crate) fn theme_list(themes: &[String], label: &dyn Fn(&str) -> String) -> String {
    themes
        .iter()
        .map(|t| label(t))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A share as a whole percentage; `n/a` when it is not defined.
pub(crate) fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0}%", v * 100.0)
    } else {
        "n/a".into()
    }
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

pub(crate) fn fmt_int_median(v: &[usize]) -> String {
    let m = median(v.iter().map(|x| *x as f64).collect());
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        fmt_num(m)
    }
}

pub(crate) fn chart<'c>(charts: &'c [Chart], name: &str) -> Option<&'c Chart> {
    charts.iter().find(|c| c.name == name)
}
