//! The report of `assign`.

use plots::Chart;
use waves::Model;

use super::{f3, theme_list};
use crate::assign::PlacedWave;
use crate::doc::Doc;
use crate::Unit;

pub fn assign(model: &Model, placed: &[PlacedWave], charts: &[(String, Chart)]) -> Doc {
    let mut d = Doc {
        title: format!("New wave(s) placed in the clusters of wave {}", model.wave),
        ..Doc::default()
    };
    let u = Unit::new(model.unit());
    let (one, many) = (&u.one, &u.many);
    d.p(format!(
        "Each {one} with enough responses is placed in the nearest of the {} saved cluster centres of wave {} (Euclidean distance in z-space). Its statement means are standardised with wave {}'s saved item means and standard deviations, so the clusters are not refitted: a {one} lands where it would have stood among the wave {} {many}. The margin is the distance to the second-nearest centre minus the distance to the nearest; a small margin means the {one} sits between two clusters.",
        model.k, model.wave, model.wave, model.wave
    ));
    let label = |t: &str| model.theme_label(t);
    d.h(2, "The saved clusters");
    d.table(
        &[
            "cluster",
            "name",
            "size in the fitted wave",
            "higher themes",
            "lower themes",
        ],
        model
            .clusters
            .iter()
            .map(|c| {
                vec![
                    c.cluster.to_string(),
                    c.name.clone(),
                    c.size.to_string(),
                    theme_list(&c.higher_themes, &label),
                    theme_list(&c.lower_themes, &label),
                ]
            })
            .collect(),
    );
    for (r, (stem, chart)) in placed.iter().zip(charts) {
        let p = &r.placed;
        d.h(2, format!("Wave {}", r.agg.wave));
        let below = r.agg.trusts.iter().filter(|t| !t.analysed).count();
        d.p(format!(
            "{} placed; {} had fewer responses than the threshold and are counted only.",
            u.count(p.trusts.len()),
            u.count(below)
        ));
        if !p.items_missing.is_empty() {
            d.p(format!(
                "This wave lacks {} of the model's items ({}); the distances use the {} items it shares with the model.",
                p.items_missing.len(),
                p.items_missing.join(", "),
                p.items_used.len()
            ));
        }
        if !p.items_unused.is_empty() {
            d.p(format!(
                "Statements of this wave the model does not have, so not used: {}.",
                p.items_unused.join(", ")
            ));
        }
        let counts = r.counts();
        d.table(
            &["cluster", "name", &format!("{many} placed")],
            model
                .clusters
                .iter()
                .map(|c| {
                    vec![
                        c.cluster.to_string(),
                        c.name.clone(),
                        counts.get(&c.cluster).copied().unwrap_or(0).to_string(),
                    ]
                })
                .collect(),
        );
        d.table(
            &[one, "responses", "cluster", "distance", "margin"],
            p.trusts
                .iter()
                .map(|t| {
                    vec![
                        t.trust_id.clone(),
                        t.responses.to_string(),
                        t.cluster.to_string(),
                        f3(t.distance),
                        f3(t.nearest_margin),
                    ]
                })
                .collect(),
        );
        d.chart(
            stem,
            &chart.svg,
            format!(
                "Wave {} {many} (markers) over the saved centres of wave {} (X), {}: the plane of the fitted run.",
                r.agg.wave,
                model.wave,
                model.plane().describe(&|t| model.theme_label(t))
            ),
        );
    }
    d
}
