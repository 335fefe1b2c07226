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

/// One sentence for the summary at the top: whether the methods agree.
pub(super) fn summary_sentence(a: &Analysis, u: &Unit) -> String {
    let n = a.agg.scores.rows();
    let moved = |p: &MethodPartition| {
        p.labels
            .iter()
            .zip(&a.fit.labels)
            .filter(|(x, y)| x != y)
            .count()
    };
    match (moved(&a.methods.ward), moved(&a.methods.pam)) {
        (0, 0) => format!(
            "Ward's hierarchical clustering and PAM on the same z-scores find the same {} clusters, {} for {}.",
            a.k,
            u.one,
            u.one
        ),
        (w, p) => format!(
            "Ward's hierarchical clustering places {} of the {} differently, PAM {}.",
            u.count(w),
            n,
            u.count(p)
        ),
    }
}

pub(super) fn methods(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let s = &a.agg.scores;
    let m = &a.methods;
    d.h(3, "Other methods: Ward's hierarchy and PAM");
    d.p(format!(
        "Is the typology an artefact of k-means? The same {} x {} z-scores were clustered two other ways: Ward's minimum-variance \
         hierarchy (R's hclust, ward.D2) cut into {} clusters, and partitioning around medoids (PAM, R's cluster::pam), which \
         builds each cluster around its most central {} and is less pulled by outliers. Each method's clusters are numbered to \
         match k-means' (the numbering that keeps the most {} in place), so cluster 1 is the same group throughout.",
        s.rows(),
        s.cols(),
        a.k,
        u.one,
        u.many
    ));
    let kmeans = ("k-means", a.fit.wss, 1.0, 1.0);
    let rows: Vec<Vec<String>> = std::iter::once(kmeans)
        .chain(
            others(a)
                .iter()
                .map(|(name, p)| (*name, p.objective, p.ari_vs_kmeans, p.agreement)),
        )
        .map(|(name, objective, ari, agreement)| {
            let what = if name == "PAM" {
                "sum of distances to the medoids"
            } else {
                "within-cluster sum of squares"
            };
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
    let same = |p: &MethodPartition| p.labels == a.fit.labels;
    if others(a).iter().all(|(_, p)| same(p)) {
        sentences.push(format!("Both put every {} in its k-means cluster.", u.one));
    }
    for (name, p) in others(a).into_iter().filter(|(_, p)| !same(p)) {
        let moved: Vec<String> = (0..s.rows())
            .filter(|&r| p.labels[r] != a.fit.labels[r])
            .map(|r| {
                format!(
                    "{} (cluster {} by k-means, {} here)",
                    ids[r],
                    a.fit.labels[r] + 1,
                    p.labels[r] + 1
                )
            })
            .collect();
        sentences.push(if moved.is_empty() {
            format!("{name} puts every {} in its k-means cluster.", u.one)
        } else {
            format!(
                "{name} places {} differently: {}.",
                u.count(moved.len()),
                moved.join("; ")
            )
        });
    }
    sentences.push(weak_clusters(a, u));
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

/// What the other methods make of the clusters the bootstrap does not call stable (the study's
/// tentative third).
fn weak_clusters(a: &Analysis, u: &Unit) -> String {
    let weak: Vec<usize> = (0..a.k)
        .filter(|&c| a.stability.jaccard_mean.get(c).is_some_and(|&j| j < 0.75))
        .collect();
    if weak.is_empty() {
        return "The bootstrap rates every cluster at least stable, so no cluster hangs on k-means alone.".to_string();
    }
    let parts: Vec<String> = weak
        .iter()
        .map(|&c| {
            let cl = &a.clusters[c];
            let members: Vec<usize> = (0..a.fit.labels.len())
                .filter(|&r| a.fit.labels[r] == c)
                .collect();
            let verdicts: Vec<String> = others(a)
                .iter()
                .map(|(name, p)| {
                    let kept = members.iter().filter(|&&r| p.labels[r] == c).count();
                    let theirs = p.labels.iter().filter(|&&l| l == c).count();
                    if kept == members.len() && theirs == members.len() {
                        format!("{name} finds it exactly")
                    } else if kept == 0 {
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
            let band = cluster::stability_band(a.stability.jaccard_mean[c]);
            format!(
                "cluster {} \"{}\" ({}, {band} by the bootstrap): {}",
                cl.cluster,
                cl.name,
                u.count(cl.size),
                verdicts.join(", ")
            )
        })
        .collect();
    let agree = weak.iter().all(|&c| {
        let members = a.fit.labels.iter().filter(|&&l| l == c).count();
        others(a).iter().all(|(_, p)| {
            p.labels.iter().filter(|&&l| l == c).count() == members
                && p.labels
                    .iter()
                    .zip(&a.fit.labels)
                    .all(|(x, y)| (*x == c) == (*y == c))
        })
    });
    let reading = if agree {
        "three methods with different assumptions draw the same boundary, so the group is not an artefact of k-means, though with so few members it stays a judgement"
    } else {
        "the methods draw it differently, so read it as a tendency rather than a group"
    };
    format!(
        "For the less stable {}: {}; {reading}.",
        if weak.len() == 1 {
            "cluster"
        } else {
            "clusters"
        },
        parts.join("; ")
    )
}
