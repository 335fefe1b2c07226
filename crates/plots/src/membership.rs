//! Each unit's membership probabilities from the respondent-level bootstrap: one stacked bar
//! per unit (its own cluster first), grouped by cluster and sorted within it, with the line
//! below which a unit's cluster counts as unsure.

use plotters::prelude::*;

use crate::canvas::{self, Area, DResult};
use crate::grouped::{self, Group, BAR, GROUP_GAP, MAX_LABELLED, RIGHT_W};
use crate::layout::Rect;
use crate::style;
use crate::{render, Chart, ClusterStyle, Figure, MembershipBar, PlotError, Unit, UNSURE_BELOW};

const WIDTH: u32 = 980;
const TOP: i32 = 72;

/// A unit's label, own cluster (1-based) and probabilities (index = cluster - 1).
type Row = (String, usize, Vec<f64>);

fn own(r: &Row) -> f64 {
    r.2.get(r.1 - 1).copied().unwrap_or(0.0)
}

struct MemFigure {
    title: String,
    x_desc: String,
    groups: Vec<Group<Row>>,
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
        let area = canvas::rows_area(root, TOP, (left, 62), RIGHT_W, self.plot_h);
        let rows_total = grouped::rows_total(self.n, self.groups.len());
        let (chart, plot) =
            canvas::rows_chart(&area, 0.0..1.0, f64::from(rows_total), &self.x_desc, 62)?;
        if self.n == 0 {
            return canvas::empty_note(root, plot.grow(-20), "No membership probabilities.");
        }
        let scale = f64::from(plot.y1 - plot.y0) / f64::from(rows_total);
        let y_of = |row: f64| plot.y0 + (row * scale).round() as i32;
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let labelled = self.n <= MAX_LABELLED;
        let mut row = 0.0;
        for g in &self.groups {
            let g_top = y_of(row);
            for (label, own, probs) in &g.rows {
                let (y0, y1) = (y_of(row), y_of(row + f64::from(BAR)));
                let (top, bottom) = grouped::bar_span(labelled, y0, y1);
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
                    grouped::row_label(root, plot, label, (y0, y1))?;
                }
                row += f64::from(BAR);
            }
            let note = format!("mean of own cluster = {}", style::fixed(g.mean, 2));
            grouped::caption(root, plot, g, (g_top, y_of(row)), &note)?;
            row += f64::from(GROUP_GAP);
        }
        let label = format!("{} (below: unsure)", style::fixed(UNSURE_BELOW, 1));
        canvas::marked_line(root, plot, x_of(UNSURE_BELOW), &label)?;
        canvas::notes(root, &self.notes, canvas::notes_under(plot.y1))
    }
}

pub(crate) fn membership(
    bars: &[MembershipBar],
    clusters: &[ClusterStyle],
    resamples: usize,
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let groups = grouped::groups(
        bars.iter()
            .map(|b| {
                (
                    b.cluster,
                    (b.label.clone(), b.cluster, b.probabilities.clone()),
                )
            })
            .collect(),
        clusters,
        unit,
        |a, b| own(b).total_cmp(&own(a)).then_with(|| a.0.cmp(&b.0)),
        own,
    );
    let n = bars.len();
    let label_w = grouped::label_width(bars.iter().map(|b| b.label.as_str()), n, 200);
    let plot_h = grouped::plot_height(n, groups.len());
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
    let notes = canvas::wrap_notes(&notes, WIDTH as i32 - 40);
    let height = canvas::rows_figure_height(TOP, plot_h, notes.len());
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
