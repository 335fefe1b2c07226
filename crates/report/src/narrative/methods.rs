//! The report's section on whether Ward's hierarchy and PAM find the k-means clusters.

use analysis::Analysis;
use cluster::MethodPartition;
use plots::Chart;

use super::{chart, f2, f3};
use crate::doc::Doc;
use crate::Unit;

/// The two other methods, as the report names them.
fn others<'a>(a: &'a Analysis) -> [(&'static str, &'a MethodPartition); 2] {
    [("Ward's cut", &a.methods.ward), ("PAM", &a.methods.pam)]
}

/// The rows a method puts in another cluster than k-means does.
fn moved(a: &Analysis, p: &MethodPartition) -> Vec<usize> {
    (0..p.labels.len())
        .filter(|&r| p.labels[r] != a.fit.labels[r])
        .collect()
}

/// One sentence for the summary at the top: whether the methods agree.
pub(super) fn summary_sentence(a: &Analysis, u: &Unit) -> String {
    let n = a.agg.scores.rows();
    if a.k == 1 || a.k >= n {
        return format!(
            "At k = {} every method must agree, so Ward's hierarchy and PAM test nothing here.",
            a.k
        );
    }
    match (moved(a, &a.methods.ward).len(), moved(a, &a.methods.pam).len()) {
        (0, 0) => format!(
            "Ward's hierarchical clustering and PAM on the same z-scores find the same {} clusters, {one} for {one}.",
            a.k,
            one = u.one
        ),
        (0, p) => format!(
            "Ward's hierarchical clustering finds the same clusters; PAM places {p} of the {n} {} differently.",
            u.many
        ),
        (w, 0) => format!(
            "PAM finds the same clusters; Ward's hierarchical clustering places {w} of the {n} {} differently.",
            u.many
        ),
        (w, p) => format!(
            "Ward's hierarchical clustering places {w} of the {n} {} differently, PAM {p}.",
            u.many
        ),
    }
}

/// At most this many units are named in a sentence; `trusts.csv` has them all.
const NAMED: usize = 12;

pub(super) fn methods(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let s = &a.agg.scores;
    let m = &a.methods;
    d.h(3, "Other methods: Ward's hierarchy and PAM");
    d.p(format!(
        "Is the typology an artefact of k-means? The same {} x {} z-scores were clustered two other ways: Ward's minimum-variance \
         hierarchy (R's hclust, ward.D2) cut into {} clusters, and partitioning around medoids (PAM, R's cluster::pam), which \
         builds each cluster around its most central {} and is less pulled by outliers. Each method's clusters are numbered to \
         match k-means' (the numbering that keeps the most {} in place), so each cluster number names the best-matching group in every method.",
        s.rows(),
        s.cols(),
        a.k,
        u.one,
        u.many
    ));
    const WSS: &str = "within-cluster sum of squares";
    let rows: Vec<Vec<String>> = [
        ("k-means", WSS, a.fit.wss, 1.0, 1.0),
        (
            "Ward's cut",
            WSS,
            m.ward.objective,
            m.ward.ari_vs_kmeans,
            m.ward.agreement,
        ),
        (
            "PAM",
            "sum of distances to the medoids",
            m.pam.objective,
            m.pam.ari_vs_kmeans,
            m.pam.agreement,
        ),
    ]
    .into_iter()
    .map(|(name, what, objective, ari, agreement)| {
        vec![
            name.to_string(),
            format!("{} ({what})", f3(objective)),
            f2(ari),
            super::pct(agreement),
        ]
    })
    .collect();
    d.table(
        &[
            "method",
            "objective",
            "adjusted Rand vs k-means",
            &format!("{} as k-means", u.many),
        ],
        rows,
    );

    let ids = &s.trust_ids;
    let mut sentences = Vec::new();
    let (ward_moved, pam_moved) = (moved(a, &m.ward), moved(a, &m.pam));
    let all_agree = ward_moved.is_empty() && pam_moved.is_empty();
    if a.k == 1 || a.k >= s.rows() {
        sentences.push(format!(
            "With k = {} and {} every partition is the same, so this comparison tells nothing at this k.",
            a.k,
            u.count(s.rows())
        ));
    } else if all_agree {
        sentences.push(format!("Both put every {} in its k-means cluster.", u.one));
    }
    let disagreeing = if all_agree {
        Vec::new()
    } else {
        others(a)
            .into_iter()
            .zip([&ward_moved, &pam_moved])
            .collect()
    };
    for ((name, p), rows) in disagreeing {
        if rows.is_empty() {
            sentences.push(format!(
                "{name} puts every {} in its k-means cluster.",
                u.one
            ));
            continue;
        }
        let mut named: Vec<String> = rows
            .iter()
            .take(NAMED)
            .map(|&r| {
                format!(
                    "{} (cluster {} by k-means, {} here)",
                    ids[r],
                    a.fit.labels[r] + 1,
                    p.labels[r] + 1
                )
            })
            .collect();
        if rows.len() > NAMED {
            named.push(format!(
                "and {} more (trusts.csv lists them)",
                rows.len() - NAMED
            ));
        }
        sentences.push(format!(
            "{name} places {} differently ({}): {}.",
            u.count(rows.len()),
            closeness(p.ari_vs_kmeans),
            named.join("; ")
        ));
    }
    if a.k > 1 {
        sentences.extend(between_clusters(a, u, &ward_moved, &pam_moved));
    }
    sentences.extend(weak_clusters(a, u));
    let medoids: Vec<String> = m
        .pam_medoids
        .iter()
        .enumerate()
        .map(|(c, &r)| format!("{} (cluster {})", ids[r], c + 1))
        .collect();
    sentences.push(format!(
        "PAM's medoids, the most central {} of each cluster: {}.",
        u.one,
        medoids.join(", ")
    ));
    if m.cophenetic_correlation.is_finite() {
        sentences.push(format!(
            "The tree's cophenetic correlation is {}: the closer to 1, the more faithfully its merge heights keep the distances between {}.",
            f2(m.cophenetic_correlation),
            u.many
        ));
    }
    d.p(sentences.join(" "));
    if let Some(c) = chart(charts, "dendrogram") {
        d.chart(
            "dendrogram",
            &c.svg,
            format!(
                "Ward's hierarchy of the analysed {}, cut at k = {}; markers show the k-means clusters, branches below the cut Ward's.",
                u.many, a.k
            ),
        );
    }
}

/// Whether the units some method places differently sit between two k-means clusters (by
/// their silhouette); nothing when every method agrees.
fn between_clusters(
    a: &Analysis,
    u: &Unit,
    ward_moved: &[usize],
    pam_moved: &[usize],
) -> Option<String> {
    let mut either: Vec<usize> = ward_moved.iter().chain(pam_moved).copied().collect();
    either.sort_unstable();
    either.dedup();
    if either.is_empty() {
        return None;
    }
    let between = either
        .iter()
        .filter(|&&r| a.silhouette[r] < BETWEEN)
        .count();
    let (many, low) = (either.len() > 1, 2 * between > either.len());
    let all = between == either.len();
    let reading = match (many, low) {
        (false, true) => {
            "it sits between two clusters, where no method's boundary is firm".to_string()
        }
        (true, true) => format!(
            "{} sit between two clusters, where no method's boundary is firm",
            if all { "all" } else { "most" }
        ),
        (false, false) => format!(
            "the methods disagree on a {} well inside its k-means cluster",
            u.one
        ),
        (true, false) => format!(
            "the methods disagree even on {} well inside their k-means clusters, so the clusters depend on the method",
            u.many
        ),
    };
    let head = if many {
        format!(
            "Of the {} some method places differently, {between} {} a k-means silhouette below {BETWEEN}",
            u.count(either.len()),
            if between == 1 { "has" } else { "have" }
        )
    } else {
        format!(
            "The one {} some method places differently has a k-means silhouette {} {BETWEEN}",
            u.one,
            if between == 1 { "below" } else { "of at least" }
        )
    };
    Some(format!("{head}: {reading}."))
}

/// Below this silhouette a unit sits nearly as close to another cluster as to its own.
pub(super) const BETWEEN: f64 = 0.25;

/// How close a partition is to k-means', in words, by its adjusted Rand index.
fn closeness(ari: f64) -> String {
    let words = if ari >= 0.8 {
        "close to k-means'"
    } else if ari >= 0.5 {
        "partly like k-means'"
    } else {
        "only loosely like k-means'"
    };
    format!("adjusted Rand {}, {words}", f2(ari))
}

/// What the other methods make of the clusters the bootstrap does not call stable (the study's
/// tentative third).
fn weak_clusters(a: &Analysis, u: &Unit) -> Vec<String> {
    (0..a.k)
        .filter(|&c| a.stability.jaccard_mean.get(c).is_some_and(|&j| j < 0.75))
        .map(|c| {
            let cl = &a.clusters[c];
            let members: Vec<usize> = (0..a.fit.labels.len())
                .filter(|&r| a.fit.labels[r] == c)
                .collect();
            let mut exact = true;
            let verdicts: Vec<String> = others(a)
                .iter()
                .map(|(name, p)| {
                    let kept = members.iter().filter(|&&r| p.labels[r] == c).count();
                    let theirs = p.labels.iter().filter(|&&l| l == c).count();
                    if kept == members.len() && theirs == members.len() {
                        return format!("{name} finds it exactly");
                    }
                    exact = false;
                    if kept == 0 {
                        format!("{name} does not find it")
                    } else {
                        format!(
                            "{name} keeps {kept} of its {} in a cluster of {}",
                            members.len(),
                            u.count(theirs)
                        )
                    }
                })
                .collect();
            let reading = if !exact {
                "the methods draw it differently, so read it as a tendency rather than a firm group"
            } else if cl.size <= 5 {
                "three methods with different assumptions draw the same boundary, so it is not an artefact of k-means, though with so few members it stays a judgement"
            } else {
                "three methods with different assumptions draw the same boundary, so it is not an artefact of k-means"
            };
            format!(
                "The bootstrap rates cluster {} \"{}\" ({}) {}: {}; {reading}.",
                cl.cluster,
                cl.name,
                u.count(cl.size),
                cluster::stability_band(a.stability.jaccard_mean[c]),
                verdicts.join(", ")
            )
        })
        .collect()
}
