//! How sure the clusters are beyond the trust bootstrap: the respondent-level bootstrap (which
//! units are unsure of their cluster, and why) and the sensitivity re-runs (whether the clusters
//! survive the study's own choices).

use analysis::{Analysis, Change, SensitivityRow};
use plots::{Chart, UNSURE_BELOW};

use super::methods::BETWEEN;
use super::{chart, f2, median, pct};
use crate::doc::Doc;
use crate::Unit;

/// Below this a cluster's respondent Jaccard says the cluster itself often fails to reappear
/// (fpc's "stable" band starts here).
const CLUSTER_REPRODUCED: f64 = 0.75;

/// One analysed unit whose cluster is unsure.
struct Unsure {
    row: usize,
    own: f64,
    /// The other cluster it lands in most (0-based) and how often.
    other: Option<(usize, f64)>,
}

fn unsure(a: &Analysis) -> Vec<Unsure> {
    let Some(m) = &a.membership else {
        return Vec::new();
    };
    let mut out: Vec<Unsure> = (0..a.agg.scores.rows())
        .filter_map(|r| {
            let own_c = a.fit.labels[r];
            let p = m.probability.row(r);
            let own = p[own_c];
            (own < UNSURE_BELOW).then(|| Unsure {
                row: r,
                own,
                other: (0..a.k)
                    .filter(|c| *c != own_c && p[*c] > 0.0)
                    .max_by(|x, y| p[*x].total_cmp(&p[*y]).then(y.cmp(x)))
                    .map(|c| (c, p[c])),
            })
        })
        .collect();
    out.sort_by(|x, y| x.own.total_cmp(&y.own).then(x.row.cmp(&y.row)));
    out
}

/// The summary's sentence on unsure units; empty without the bootstrap.
pub(super) fn summary_sentence(a: &Analysis, u: &Unit) -> String {
    let Some(m) = &a.membership else {
        return String::new();
    };
    let list = unsure(a);
    let ids: Vec<&str> = list
        .iter()
        .map(|x| a.agg.scores.trust_ids[x.row].as_str())
        .collect();
    if ids.is_empty() {
        format!(
            " Redrawing each {}'s respondents ({} times) leaves every {} in its cluster in at least {} of resamples.",
            u.one,
            m.resamples,
            u.one,
            pct(UNSURE_BELOW)
        )
    } else {
        format!(
            " Redrawing each {}'s respondents ({} times), {} of {} stay in their cluster in under {} of resamples: {}.",
            u.one,
            m.resamples,
            ids.len(),
            u.count(a.agg.scores.rows()),
            pct(UNSURE_BELOW),
            ids.join(", ")
        )
    }
}

/// The report section on the respondent-level bootstrap.
pub(super) fn membership(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let Some(m) = &a.membership else {
        return;
    };
    let s = &a.agg.scores;
    d.h(2, format!("How sure is each {}'s cluster?", u.one));
    d.p(format!(
        "The stability above comes from resampling the {many}: it asks whether a cluster would reappear among another set of {many}. \
         This asks something else: whether each {one} would stay in its cluster had other staff answered. A {one}'s score is the mean of \
         its respondents, sometimes only {min} of them, and which staff happened to answer is the largest uncertainty in this design. \
         In each of {b} resamples every analysed {one}'s respondents are drawn again with replacement (as many as it has), its statement \
         means and the z-scores are recomputed, the {many} are clustered again (k-means, {starts} starts) and the new clusters are \
         matched to these by their centres. A {one}'s membership probability is the share of resamples that put it in its cluster; \
         below {cut} we call its cluster unsure. A cluster's respondent Jaccard is its mean overlap with the cluster matched to it.",
        many = u.many,
        one = u.one,
        min = a.settings.min_responses,
        b = m.resamples,
        starts = a.settings.boot_restarts,
        cut = UNSURE_BELOW,
    ));
    let list = unsure(a);
    let median_responses = median(s.responses.iter().map(|n| *n as f64).collect());
    if list.is_empty() {
        d.p(format!(
            "Every analysed {} stayed in its cluster in at least {} of resamples.",
            u.one,
            pct(UNSURE_BELOW)
        ));
    } else {
        d.p(format!(
            "{} of {} are unsure of their cluster:",
            list.len(),
            u.count(s.rows())
        ));
        d.list(
            list.iter()
                .map(|x| unsure_item(a, u, m, x, median_responses))
                .collect(),
        );
    }
    d.table(
        &[
            "cluster",
            "name",
            &u.many,
            "respondent Jaccard",
            &format!("bootstrap Jaccard ({})", u.many),
            "mean membership",
            "unsure",
        ],
        a.clusters
            .iter()
            .enumerate()
            .map(|(c, cl)| {
                let members: Vec<usize> = (0..s.rows()).filter(|r| a.fit.labels[*r] == c).collect();
                let mean = members.iter().map(|r| m.probability[[*r, c]]).sum::<f64>()
                    / members.len().max(1) as f64;
                vec![
                    cl.cluster.to_string(),
                    cl.name.clone(),
                    cl.size.to_string(),
                    f2(m.jaccard_mean[c]),
                    f2(a.stability.jaccard_mean.get(c).copied().unwrap_or(f64::NAN)),
                    f2(mean),
                    list.iter()
                        .filter(|x| a.fit.labels[x.row] == c)
                        .count()
                        .to_string(),
                ]
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "membership") {
        d.chart(
            "membership",
            &c.svg,
            format!(
                "Each {}'s share of respondent-level resamples in each cluster, its own first.",
                u.one
            ),
        );
    }
}

/// "MAT-10 (cluster 1 in 61% of resamples, otherwise mostly cluster 3: 39%): 9 responses,
/// fewer than the median 18; it sits between two cluster centres (silhouette 0.09)."
fn unsure_item(
    a: &Analysis,
    u: &Unit,
    m: &cluster::Membership,
    x: &Unsure,
    median_responses: f64,
) -> String {
    let s = &a.agg.scores;
    let c = a.fit.labels[x.row];
    let where_else = match x.other {
        Some((o, p)) => format!(", otherwise mostly cluster {}: {}", o + 1, pct(p)),
        None => String::new(),
    };
    let mut why = Vec::new();
    let n = s.responses[x.row];
    if (n as f64) < median_responses {
        why.push(format!(
            "only {n} responses, fewer than the median of {} among the {}",
            median_responses,
            u.count(s.rows())
        ));
    }
    let sil = a.silhouette[x.row];
    if a.k > 1 && sil < BETWEEN {
        why.push(format!(
            "it sits between two cluster centres (silhouette {})",
            f2(sil)
        ));
    }
    if m.jaccard_mean[c] < CLUSTER_REPRODUCED {
        why.push(format!(
            "cluster {} itself often fails to reappear when respondents are redrawn (respondent Jaccard {})",
            c + 1,
            f2(m.jaccard_mean[c])
        ));
    }
    let why = if why.is_empty() {
        format!(
            "neither few responses nor a place between clusters explains it: its staff's answers move it (rwg(j) {})",
            a.agg
                .trusts
                .iter()
                .find(|t| t.trust_id == s.trust_ids[x.row])
                .and_then(|t| t.rwg_j)
                .map_or("n/a".to_string(), f2)
        )
    } else {
        why.join("; ")
    };
    format!(
        "{} (cluster {} in {} of resamples{where_else}): {why}.",
        s.trust_ids[x.row],
        c + 1,
        pct(x.own)
    )
}

/// The report section on the sensitivity re-runs.
pub(super) fn sensitivity(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let Some(rows) = &a.sensitivity else {
        return;
    };
    d.h(2, "Sensitivity to the study's choices");
    let k_how = match a.settings.k {
        analysis::KChoice::Fixed(k) => format!("k = {k}"),
        analysis::KChoice::Auto => "k chosen again by the gap statistic".to_string(),
    };
    d.p(format!(
        "The analysis was run again with the response threshold at each of {} to {} and with each theme's statements left out in turn \
         ({k_how}, the same seed and starts). Each re-run's clusters are compared with these on the {many} analysed in both, by the \
         adjusted Rand index (1: the same clusters) and by who moves once the clusters are matched. A {one} analysed in a re-run but \
         below this run's threshold is only counted, never named.",
        analysis::THRESHOLDS.start(),
        analysis::THRESHOLDS.end(),
        many = u.many,
        one = u.one,
    ));
    let thresholds: Vec<&SensitivityRow> = rows
        .iter()
        .filter(|r| matches!(r.change, Change::MinResponses(_)))
        .collect();
    let themes: Vec<&SensitivityRow> = rows
        .iter()
        .filter(|r| matches!(r.change, Change::LeaveOutTheme(_)))
        .collect();
    let value = |r: &SensitivityRow| match &r.change {
        Change::MinResponses(m) => format!("at least {m}"),
        Change::LeaveOutTheme(t) => a.theme_label(t),
    };
    let same = |r: &SensitivityRow| r.ari_vs_base == Some(1.0);
    let mut text = Vec::new();
    let unchanged: Vec<String> = thresholds
        .iter()
        .filter(|r| same(r) && !r.is_base)
        .map(|r| value(r).replace("at least ", ""))
        .collect();
    text.push(if unchanged.len() + 1 == thresholds.len() {
        "Every threshold gives the same clusters.".to_string()
    } else {
        format!(
            "Thresholds giving the same clusters: {}.",
            if unchanged.is_empty() {
                "none".to_string()
            } else {
                unchanged.join(", ")
            }
        )
    });
    for r in thresholds.iter().chain(&themes).filter(|r| !same(r)) {
        text.push(change_sentence(r, &value(r), a, u));
    }
    let kept: Vec<String> = themes
        .iter()
        .filter(|r| same(r))
        .map(|r| value(r))
        .collect();
    if !kept.is_empty() && kept.len() < themes.len() {
        text.push(format!("Leaving out {} changes nothing.", or_list(&kept)));
    } else if kept.len() == themes.len() {
        text.push("Leaving out any one theme changes nothing.".to_string());
    }
    d.p(text.join(" "));
    d.table(
        &[
            "change",
            "setting",
            &u.many,
            "k",
            "ARI with this run",
            "moved",
        ],
        rows.iter()
            .map(|r| {
                vec![
                    match r.change {
                        Change::MinResponses(_) => "response threshold".to_string(),
                        Change::LeaveOutTheme(_) => "theme left out".to_string(),
                    },
                    format!("{}{}", value(r), if r.is_base { " (this run)" } else { "" }),
                    r.trusts_analysed.to_string(),
                    r.k.map_or("-".to_string(), |k| k.to_string()),
                    r.ari_vs_base.map_or("-".to_string(), f2),
                    if r.moved.is_empty() {
                        "none".to_string()
                    } else {
                        r.moved.join(", ")
                    },
                ]
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "sensitivity") {
        d.chart(
            "sensitivity",
            &c.svg,
            "Agreement of each re-run's clusters with this run's (adjusted Rand index).",
        );
    }
}

/// One re-run that changed the clusters, in words.
fn change_sentence(r: &SensitivityRow, value: &str, a: &Analysis, u: &Unit) -> String {
    let what = match &r.change {
        Change::MinResponses(m) => {
            let extra = r.trusts_analysed.saturating_sub(r.in_both);
            let fewer = a.agg.scores.rows() - r.in_both;
            let count = if extra > 0 {
                format!(
                    "{} are analysed ({} below this run's threshold, not named)",
                    u.count(r.trusts_analysed),
                    extra
                )
            } else if fewer > 0 {
                format!(
                    "{} are analysed ({} fewer)",
                    u.count(r.trusts_analysed),
                    fewer
                )
            } else {
                format!("the same {} are analysed", u.count(r.trusts_analysed))
            };
            format!("With a threshold of {m}, {count}")
        }
        Change::LeaveOutTheme(_) => format!("Without {value}"),
    };
    match (r.k, r.ari_vs_base) {
        (Some(k), Some(ari)) => {
            let moved = if r.moved.is_empty() {
                "no one analysed here changes cluster".to_string()
            } else {
                format!(
                    "{} {}",
                    r.moved.join(", "),
                    if r.moved.len() == 1 { "moves" } else { "move" }
                )
            };
            let k = if k == a.k {
                String::new()
            } else {
                format!(", k = {k}")
            };
            format!("{what}: ARI {}{k}; {moved}.", f2(ari))
        }
        _ => format!("{what}: too few to cluster."),
    }
}

/// "A, B or C".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
