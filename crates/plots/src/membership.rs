//! Each unit's membership probabilities from the respondent-level bootstrap: one stacked bar
//! per unit (its own cluster first), grouped by cluster and sorted within it, with the line
//! below which a unit's cluster counts as unsure.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::style::{self, GREY, INK};
use crate::{render, Chart, ClusterStyle, Figure, MembershipBar, PlotError, Unit, UNSURE_BELOW};

const WIDTH: u32 = 980;
const MAX_LABELLED: usize = 60;
const BAR: i32 = 18;
const GROUP_GAP: i32 = 14;
const TOP: i32 = 72;
const RIGHT_W: i32 = 330;

struct Group {
    cluster: usize,
    caption: Vec<String>,
    /// Label and probabilities (index = cluster - 1), most sure first.
    bars: Vec<(String, usize, Vec<f64>)>,
    mean: f64,
}

struct MemFigure {
    title: String,
    x_desc: String,
    groups: Vec<Group>,
    n: usize,
    label_w: i32,
    plot_h: i32,
    height: u32,
    notes: Vec<String>,
}

impl Figure for MemFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(root, &self.title, WIDTH)?;
        let left = 16 + self.label_w + 8;
        let area = root.margin(TOP, 0, left - 62, RIGHT_W);
        let (area, _) = area.split_vertically(self.plot_h + 52);
        let rows_total =
            (self.n as i32 * BAR + GROUP_GAP * (self.groups.len() as i32 - 1).max(0)).max(1);
        let (chart, plot) =
            canvas::rows_chart(&area, 0.0..1.0, f64::from(rows_total), &self.x_desc, 62)?;
        if self.n == 0 {
            return canvas::empty_note(root, plot.grow(-20), "No membership probabilities.");
        }
        let scale = f64::from(plot.y1 - plot.y0) / f64::from(rows_total);
        let y_of = |row: f64| plot.y0 + (row * scale).round() as i32;
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let labelled = self.n <= MAX_LABELLED;
        let (lf, cf) = (style::font(13.0), style::font(15.0));
        let mut row = 0.0;
        for g in &self.groups {
            let g_top = y_of(row);
            for (label, own, probs) in &g.bars {
                let (y0, y1) = (y_of(row), y_of(row + f64::from(BAR)));
                let (top, bottom) = if labelled {
                    (y0 + 2, y1 - 1)
                } else {
                    (y0, y1.max(y0 + 1))
                };
                // Own cluster first, then the others in their order.
                let order = std::iter::once(*own).chain((1..=probs.len()).filter(|c| c != own));
                let mut at = 0.0;
                for c in order {
                    let p = probs[c - 1];
                    if p <= 0.0 {
                        continue;
                    }
                    let (a, b) = (x_of(at), x_of((at + p).min(1.0)));
                    let colour = style::cluster_rgb(c);
                    canvas::rect(
                        root,
                        Rect::new(a, top, b.max(a + 1), bottom),
                        colour.filled(),
                    )?;
                    if c != *own && b - a >= 2 {
                        // A white edge between segments keeps them apart in greyscale.
                        canvas::line(root, (a, top), (a, bottom - 1), WHITE.stroke_width(1))?;
                    }
                    at += p;
                }
                if labelled {
                    canvas::text(
                        root,
                        label,
                        (plot.x0 - 8, (y0 + y1) / 2),
                        &lf,
                        INK,
                        HPos::Right,
                        V::Middle,
                    )?;
                }
                row += f64::from(BAR);
            }
            let g_bottom = y_of(row);
            let mut y = (g_top + g_bottom) / 2 - (g.caption.len() as i32 + 1) * 19 / 2;
            canvas::marker(
                root,
                style::Marker::for_cluster(g.cluster),
                (plot.x1 + 18, y + 7),
                6.0,
                style::cluster_rgb(g.cluster).to_rgba(),
                Some(BLACK.mix(0.75)),
            )?;
            for l in &g.caption {
                canvas::text(root, l, (plot.x1 + 32, y), &cf, INK, HPos::Left, V::Top)?;
                y += 19;
            }
            let mean = format!("mean of own cluster = {}", style::fixed(g.mean, 2));
            canvas::text(
                root,
                &mean,
                (plot.x1 + 32, y),
                &cf,
                GREY,
                HPos::Left,
                V::Top,
            )?;
            row += f64::from(GROUP_GAP);
        }
        let label = format!("{} (below: unsure)", style::fixed(UNSURE_BELOW, 1));
        canvas::marked_line(root, plot, x_of(UNSURE_BELOW), &label)?;
        canvas::notes(root, &self.notes, (20, plot.y1 + 58))
    }
}

pub(crate) fn membership(
    bars: &[MembershipBar],
    clusters: &[ClusterStyle],
    resamples: usize,
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let mut by_cluster: BTreeMap<usize, Vec<(String, usize, Vec<f64>)>> = BTreeMap::new();
    for b in bars {
        by_cluster.entry(b.cluster).or_default().push((
            b.label.clone(),
            b.cluster,
            b.probabilities.clone(),
        ));
    }
    let cf = style::font(15.0);
    let own = |b: &(String, usize, Vec<f64>)| b.2.get(b.1 - 1).copied().unwrap_or(0.0);
    let groups: Vec<Group> = by_cluster
        .into_iter()
        .map(|(cluster, mut bars)| {
            bars.sort_by(|a, b| own(b).total_cmp(&own(a)).then_with(|| a.0.cmp(&b.0)));
            let mean = bars.iter().map(own).sum::<f64>() / bars.len() as f64;
            let cs = clusters
                .iter()
                .find(|c| c.number == cluster)
                .cloned()
                .unwrap_or(ClusterStyle {
                    number: cluster,
                    name: String::new(),
                    size: bars.len(),
                });
            let mut caption = style::wrap(&cf, &crate::cluster_caption(&cs, unit), RIGHT_W - 40);
            caption.truncate(3);
            Group {
                cluster,
                caption,
                bars,
                mean,
            }
        })
        .collect();
    let n = bars.len();
    let lf = style::font(13.0);
    let label_w = if n <= MAX_LABELLED {
        style::widest(&lf, bars.iter().map(|b| b.label.as_str())).min(200)
    } else {
        0
    }
    .max(40);
    let plot_h = if n == 0 {
        240
    } else if n <= MAX_LABELLED {
        n as i32 * BAR + GROUP_GAP * (groups.len() as i32 - 1) + 2
    } else {
        560
    }
    .max(groups.len() as i32 * 80);
    let unsure = bars
        .iter()
        .filter(|b| b.probabilities.get(b.cluster - 1).copied().unwrap_or(0.0) < UNSURE_BELOW)
        .count();
    let mut notes = vec![
        format!(
            "Each bar: the share of {} resamples of each {}'s respondents in which it landed in each cluster, its own first.",
            style::count(resamples),
            unit.one
        ),
        format!(
            "{} of {} below {} in their own cluster (drawn hollow on the plane chart).",
            style::count(unsure),
            unit.count(n),
            style::fixed(UNSURE_BELOW, 1)
        ),
    ];
    if n > MAX_LABELLED {
        notes.push(format!(
            "{} labels are not shown: {} {}.",
            unit.one_title(),
            style::count(n),
            unit.many
        ));
    }
    let nf = style::font(14.0);
    let notes: Vec<String> = notes
        .iter()
        .flat_map(|l| style::wrap(&nf, l, WIDTH as i32 - 40))
        .collect();
    let height = (TOP + plot_h + 52 + 16 + notes.len() as i32 * 18 + 10) as u32;
    render(
        "membership",
        &MemFigure {
            title: format!(
                "How sure each {}'s cluster is: respondent-level bootstrap",
                unit.one
            ),
            x_desc: "Share of resamples in each cluster".to_string(),
            groups,
            n,
            label_w,
            plot_h,
            height,
            notes,
        },
    )
}
