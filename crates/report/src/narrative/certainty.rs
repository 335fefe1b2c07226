//! How sure the clusters are beyond the trust bootstrap: the respondent-level bootstrap (which
//! units are unsure of their cluster, and why) and the sensitivity re-runs (whether the clusters
//! survive the study's own choices).

use std::collections::BTreeMap;

use analysis::{Analysis, Change, Moved, NotClustered, SensitivityRow};
use plots::{Chart, UNSURE_BELOW};

use super::methods::BETWEEN;
use super::{chart, f2, f3, median, pct};
use crate::doc::Doc;
use crate::Unit;

/// Below this a cluster's respondent Jaccard says the cluster itself often fails to reappear
/// (fpc's "stable" band starts here).
const CLUSTER_REPRODUCED: f64 = 0.75;

/// At most this many unsure units are named one by one.
const MAX_NAMED: usize = 12;

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
    let weak: Vec<String> = (0..a.k)
        .filter(|c| m.jaccard_mean[*c] < CLUSTER_REPRODUCED)
        .map(|c| format!("cluster {} ({})", c + 1, f2(m.jaccard_mean[c])))
        .collect();
    let clusters = if weak.is_empty() {
        String::new()
    } else {
        format!(
            " {} {} together less often when respondents are redrawn (respondent Jaccard below {CLUSTER_REPRODUCED}).",
            profiles::sentence_case(&weak.join(" and ")),
            if weak.len() == 1 { "holds" } else { "hold" }
        )
    };
    let sentence = if ids.is_empty() {
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
    };
    sentence + &clusters
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
         its respondents (here from {fewest} to {most} of them), so which staff happened to answer moves it, and the {one} bootstrap does not see that. \
         In each of {b} resamples every analysed {one}'s respondents are drawn again with replacement (as many as it has), its statement \
         means and the z-scores are recomputed, the {many} are clustered again (k-means, {starts} starts) and the new clusters are \
         matched to these by their centres. A {one}'s membership probability is the share of resamples that put it in its cluster; \
         below {cut} we call its cluster unsure. A cluster's respondent Jaccard is its mean overlap with the cluster matched to it.",
        many = u.many,
        one = u.one,
        fewest = s.responses.iter().min().copied().unwrap_or(0),
        most = s.responses.iter().max().copied().unwrap_or(0),
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
        let shown = list.len().min(MAX_NAMED);
        d.p(format!(
            "{} of {} are unsure of their cluster{}:",
            list.len(),
            u.count(s.rows()),
            if shown < list.len() {
                format!(
                    "; the {shown} least sure are below (membership.csv has every {})",
                    u.one
                )
            } else {
                String::new()
            }
        ));
        d.list(
            list.iter()
                .take(shown)
                .map(|x| unsure_item(a, u, m, x, median_responses))
                .collect(),
        );
    }
    if let Some(text) = borderline(a, m) {
        d.p(text);
    }
    d.p(cluster_reading(a, u, m));
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
    // A silhouette says nothing at k = 1 or k = n, nor for a cluster of one (it is 0 there).
    let size = a.fit.sizes.get(c).copied().unwrap_or(0);
    if a.k > 1 && a.k < s.rows() && size > 1 && sil < BETWEEN {
        why.push(format!(
            "it sits between two cluster centres (silhouette {})",
            f2(sil)
        ));
    }
    // The cluster's own weakness is the reason only when nothing about the unit is.
    if why.is_empty() && m.jaccard_mean[c] < CLUSTER_REPRODUCED {
        why.push(match nearest_cluster(a, c) {
            Some(o) => format!(
                "its cluster {} has {}{} and lies nearest cluster {}, so small shifts in its members' scores often give k-means another split (cluster {}'s respondent Jaccard is {})",
                c + 1,
                if size <= 3 { "only " } else { "" },
                u.count(size),
                o + 1,
                c + 1,
                f2(m.jaccard_mean[c])
            ),
            None => format!(
                "its cluster {} often fails to reappear (respondent Jaccard {})",
                c + 1,
                f2(m.jaccard_mean[c])
            ),
        });
    }
    let why = if why.is_empty() {
        format!(
            "neither few responses nor a place between clusters explains it: its staff's answers move it (rwg(j) {})",
            a.rwg_j(x.row).map_or("n/a".to_string(), f2)
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

/// The cluster whose centre is nearest cluster `c`'s.
fn nearest_cluster(a: &Analysis, c: usize) -> Option<usize> {
    let cent = &a.fit.centroids;
    let sq_dist = |o: usize| -> f64 {
        cent.row(c)
            .iter()
            .zip(cent.row(o))
            .map(|(x, y)| (x - y).powi(2))
            .sum()
    };
    (0..a.k)
        .filter(|o| *o != c)
        .min_by(|x, y| sq_dist(*x).total_cmp(&sq_dist(*y)))
}

/// Which units' membership probabilities lie within two Monte Carlo standard errors of the
/// line, where another set of resamples could put them on the other side.
fn borderline(a: &Analysis, m: &cluster::Membership) -> Option<String> {
    let se = (UNSURE_BELOW * (1.0 - UNSURE_BELOW) / m.resamples as f64).sqrt();
    let near: Vec<String> = (0..a.agg.scores.rows())
        .filter_map(|r| {
            let p = a.membership_probability(r)?;
            ((p - UNSURE_BELOW).abs() <= 2.0 * se)
                .then(|| format!("{} ({})", a.agg.scores.trust_ids[r], f3(p)))
        })
        .collect();
    (!near.is_empty()).then(|| {
        format!(
            "With {} resamples a probability near {} has a Monte Carlo standard error of about {}: {} {} within two standard errors of the line, \
             so which side {} on is itself uncertain; more resamples (--respondent-bootstrap) would settle it.",
            m.resamples,
            UNSURE_BELOW,
            f3(se),
            near.join(", "),
            if near.len() == 1 { "lies" } else { "lie" },
            if near.len() == 1 { "it falls" } else { "they fall" },
        )
    })
}

/// Each cluster's respondent Jaccard read with fpc's bands, and where the unsure go.
fn cluster_reading(a: &Analysis, u: &Unit, m: &cluster::Membership) -> String {
    let parts: Vec<String> = a
        .clusters
        .iter()
        .enumerate()
        .map(|(c, cl)| {
            let j = m.jaccard_mean[c];
            format!(
                "cluster {} {} ({})",
                cl.cluster,
                cluster::stability_band(j),
                f2(j)
            )
        })
        .collect();
    format!(
        "Read with fpc's bands, the clusters' respondent Jaccards say: {}. The table sets them beside the Jaccards of the bootstrap of {}.",
        parts.join(", "),
        u.many
    )
}

/// The report section on the sensitivity re-runs.
pub(super) fn sensitivity(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let Some(rows) = &a.sensitivity else {
        return;
    };
    d.h(
        2,
        if a.codebook.is_study_instrument() {
            "Sensitivity to the study's choices"
        } else {
            "Sensitivity to the threshold and the themes"
        },
    );
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
    let same = |r: &SensitivityRow| r.ari_vs_base == Some(1.0);
    let (thresholds, themes): (Vec<&SensitivityRow>, Vec<&SensitivityRow>) = rows
        .iter()
        .filter(|r| !r.is_base)
        .partition(|r| matches!(r.change, Change::MinResponses(_)));
    let mut text = Vec::new();
    let unchanged: Vec<String> = thresholds
        .iter()
        .filter(|r| same(r))
        .map(|r| r.change.value())
        .collect();
    text.push(if unchanged.len() == thresholds.len() {
        "Every other threshold gives the same clusters.".to_string()
    } else if unchanged.is_empty() {
        "No other threshold gives the same clusters.".to_string()
    } else {
        format!(
            "Thresholds giving the same clusters: {}.",
            unchanged.join(", ")
        )
    });
    for r in thresholds.iter().chain(&themes).filter(|r| !same(r)) {
        text.push(change_sentence(r, a, u));
    }
    let kept: Vec<String> = themes
        .iter()
        .filter(|r| same(r))
        .map(|r| a.theme_label(&r.change.value()))
        .collect();
    if !themes.is_empty() && kept.len() == themes.len() {
        text.push("Leaving out any one theme changes nothing.".to_string());
    } else if !kept.is_empty() {
        text.push(format!("Leaving out {} changes nothing.", or_list(&kept)));
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
                let (change, setting) = match &r.change {
                    Change::MinResponses(m) => ("response threshold", format!("at least {m}")),
                    Change::LeaveOutTheme(t) => ("theme left out", a.theme_label(t)),
                };
                vec![
                    change.to_string(),
                    format!("{setting}{}", if r.is_base { " (this run)" } else { "" }),
                    r.trusts_analysed.to_string(),
                    r.k.map_or("-".to_string(), |k| k.to_string()),
                    r.ari_vs_base.map_or("-".to_string(), f2),
                    moved_list(&r.moved, a.k),
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

/// "MAT-06 and MAT-16 to cluster 1; MAT-17 to cluster 3", or "none".
fn moved_list(moved: &[Moved], k: usize) -> String {
    if moved.is_empty() {
        return "none".to_string();
    }
    let mut by_to: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for m in moved {
        by_to.entry(m.to).or_default().push(&m.trust_id);
    }
    by_to
        .iter()
        .map(|(to, ids)| {
            let to = if *to < k {
                format!("cluster {}", to + 1)
            } else {
                "a new cluster".to_string()
            };
            format!("{} to {to}", and_list(ids))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "MAT-06 and MAT-16 move to cluster 1, MAT-17 to cluster 3".
fn moved_sentence(moved: &[Moved], k: usize) -> String {
    moved_list(moved, k)
        .split("; ")
        .enumerate()
        .map(|(i, part)| {
            if i > 0 {
                return part.to_string();
            }
            let verb = if part.contains(" and ") {
                "move"
            } else {
                "moves"
            };
            part.replacen(" to ", &format!(" {verb} to "), 1)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One re-run that changed the clusters, in words.
fn change_sentence(r: &SensitivityRow, a: &Analysis, u: &Unit) -> String {
    let are = |n: usize| if n == 1 { "is" } else { "are" };
    let what = match &r.change {
        Change::MinResponses(m) => {
            let n = r.trusts_analysed;
            let here = a.agg.scores.rows();
            let count = if *m < a.settings.min_responses {
                let extra = n.saturating_sub(here);
                format!(
                    "{} {} analysed ({extra} below this run's threshold, not named)",
                    u.count(n),
                    are(n)
                )
            } else if n < here {
                format!("{} {} analysed ({} fewer)", u.count(n), are(n), here - n)
            } else {
                format!("the same {} are analysed", u.count(n))
            };
            format!("With a threshold of {m}, {count}")
        }
        Change::LeaveOutTheme(t) => format!("Without {}", a.theme_label(t)),
    };
    match (r.k, r.ari_vs_base, r.not_clustered) {
        (Some(k), Some(ari), _) => {
            let moved = if r.moved.is_empty() {
                "no one analysed here changes cluster".to_string()
            } else {
                moved_sentence(&r.moved, a.k)
            };
            let k = if k == a.k {
                String::new()
            } else {
                format!(", k = {k}")
            };
            format!("{what}: ARI {}{k}; {moved}.", f2(ari))
        }
        (_, _, Some(NotClustered::NoStatementsLeft)) => format!("{what}: no statements are left."),
        _ => format!("{what}: too few to cluster."),
    }
}

/// "A, B and C".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
