//! The report of `compare`.

use plots::Chart;
use waves::{Comparison, Run, TransitionStatus};

use super::{f3, pct};
use crate::doc::Doc;
use crate::Unit;

/// Items joined with commas, or `none`.
pub(crate) fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

pub fn compare(base: &Run, new: &Run, c: &Comparison, chart: &Chart) -> Doc {
    let mut d = Doc {
        title: format!("Wave {} compared with wave {}", new.wave, base.wave),
        ..Doc::default()
    };
    let model = &base.clusters.model;
    let u = Unit::new(model.unit());
    let (one, many) = (&u.one, &u.many);
    d.p(format!(
        "Each run was clustered on its own. The clusters of wave {} are renumbered to match those of wave {}: each new cluster is paired with a base cluster so that the total distance between paired centres is smallest (the Hungarian algorithm, on the {} statements both runs have, each centre in its own run's z-scores). A {one} has moved when its renumbered cluster differs from its base cluster.",
        new.wave, base.wave, c.common_items.len()
    ));
    let moved = c.count(TransitionStatus::Moved);
    let only_base = c.count(TransitionStatus::OnlyInBase);
    let only_new = c.count(TransitionStatus::OnlyInNew);
    d.list(vec![
        format!("Analysed in both waves: {}; {} stayed in their cluster ({}), {moved} moved.", u.count(c.common), c.stayed, pct(c.stayed_share())),
        format!("Adjusted Rand index between the two partitions of these {many}: {} (1 = the same grouping, about 0 = unrelated).", f3(c.ari)),
        format!("Analysed only in wave {} (left, or too few responses now): {only_base}; only in wave {} (joined, or too few responses before): {only_new}.", base.wave, new.wave),
    ]);
    if !c.base_only_items.is_empty() || !c.new_only_items.is_empty() {
        d.p(format!(
            "The runs' statements differ; only the common ones are used. Only in wave {}: {}. Only in wave {}: {}.",
            base.wave,
            list_or_none(&c.base_only_items),
            new.wave,
            list_or_none(&c.new_only_items)
        ));
    }
    d.h(2, "How the clusters were matched");
    d.table(
        &[
            "new run's own number",
            "renumbered as",
            "new name",
            "base name",
            "centre distance",
        ],
        new.clusters
            .model
            .clusters
            .iter()
            .map(|cl| {
                let to = c.relabel[&cl.cluster];
                vec![
                    cl.cluster.to_string(),
                    to.to_string(),
                    cl.name.clone(),
                    (base.clusters.model.name_of(to))
                        .unwrap_or("(no match: a new cluster)")
                        .to_string(),
                    c.match_distance
                        .get(&to)
                        .map(|v| f3(*v))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    );
    d.h(2, format!("{} that moved, joined or left", u.many_title()));
    let rows: Vec<Vec<String>> = c
        .transitions
        .iter()
        .filter(|t| t.status != TransitionStatus::Stayed)
        .map(|t| {
            vec![
                t.trust_id.clone(),
                t.base_cluster.map(|v| v.to_string()).unwrap_or_default(),
                t.new_cluster.map(|v| v.to_string()).unwrap_or_default(),
                t.status.as_str().replace('_', " "),
            ]
        })
        .collect();
    if rows.is_empty() {
        d.p(format!(
            "None: every {one} analysed in either wave is in both, in the same cluster."
        ));
    } else {
        d.table(&[one, "base cluster", "new cluster", "status"], rows);
    }
    d.chart(
        &chart.name,
        &chart.svg,
        format!(
            "Each {one} analysed in both waves, from its wave {} position to its wave {} position ({}, each wave's own z-scores, on the base run's plane), coloured by its new cluster.",
            base.wave,
            new.wave,
            model.plane().describe(&|t| model.theme_label(t))
        ),
    );
    d
}
