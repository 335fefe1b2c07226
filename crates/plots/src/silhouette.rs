//! Per-trust silhouette widths, grouped by cluster (as R's plot.silhouette).

use plotters::prelude::*;

use crate::canvas::{self, Area, DResult};
use crate::grouped::{self, Group, BAR, GROUP_GAP, MAX_LABELLED, RIGHT_W};
use crate::layout::Rect;
use crate::style::{self, INK};
use crate::{render, Chart, ClusterStyle, Figure, PlotError, SilhouetteBar, Unit};

const WIDTH: u32 = 940;
const TOP: i32 = 72;

struct SilFigure {
    title: String,
    groups: Vec<Group<(String, f64)>>,
    n: usize,
    overall: f64,
    x_min: f64,
    label_w: i32,
    plot_h: i32,
    height: u32,
    notes: Vec<String>,
}

impl SilFigure {
    fn labelled(&self) -> bool {
        self.n <= MAX_LABELLED
    }
}

impl Figure for SilFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(root, &self.title, WIDTH)?;
        let left = 16 + self.label_w + 8;
        let area = canvas::rows_area(root, TOP, (left, 62), RIGHT_W, self.plot_h);
        // The y axis is a row index from the top: rows, then a gap between clusters.
        let rows_total = grouped::rows_total(self.n, self.groups.len());
        let (chart, plot) = canvas::rows_chart(
            &area,
            self.x_min..1.0,
            f64::from(rows_total),
            "Silhouette width s(i)",
            62,
        )?;
        if self.n == 0 {
            return canvas::empty_note(root, plot.grow(-20), "No silhouette widths to show.");
        }
        let scale = f64::from(plot.y1 - plot.y0) / f64::from(rows_total);
        let y_of = |row: f64| plot.y0 + (row * scale).round() as i32;
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let mut row = 0.0;
        for g in &self.groups {
            let colour = style::cluster_rgb(g.cluster);
            let g_top = y_of(row);
            for (label, w) in &g.rows {
                let (y0, y1) = (y_of(row), y_of(row + f64::from(BAR)));
                let (a, b) = if *w >= 0.0 {
                    (x_of(0.0), x_of(*w))
                } else {
                    (x_of(*w), x_of(0.0))
                };
                let inner = grouped::bar_span(self.labelled(), y0, y1);
                canvas::rect(
                    root,
                    Rect::new(a, inner.0, b.max(a + 1), inner.1),
                    colour.filled(),
                )?;
                if self.labelled() {
                    grouped::row_label(root, plot, label, (y0, y1))?;
                }
                row += f64::from(BAR);
            }
            let mean = if g.mean.is_finite() {
                style::fixed(g.mean, 2)
            } else {
                "n/a".to_string()
            };
            let note = format!("mean s(i) = {mean}");
            grouped::caption(root, plot, g, (g_top, y_of(row)), &note)?;
            row += f64::from(GROUP_GAP);
        }
        // Zero line and the overall mean.
        let x0 = x_of(0.0);
        canvas::line(root, (x0, plot.y0), (x0, plot.y1 - 1), INK.stroke_width(1))?;
        if self.overall.is_finite() {
            let label = format!("overall mean = {}", style::fixed(self.overall, 2));
            canvas::marked_line(root, plot, x_of(self.overall), &label)?;
        }
        canvas::notes(root, &self.notes, canvas::notes_under(plot.y1))
    }
}

pub(crate) fn silhouette(
    bars: &[SilhouetteBar],
    clusters: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let shown: Vec<&SilhouetteBar> = bars.iter().filter(|b| b.width.is_finite()).collect();
    let skipped = bars.len() - shown.len();
    let groups = grouped::groups(
        shown
            .iter()
            .map(|b| (b.cluster, (b.label.clone(), b.width)))
            .collect(),
        clusters,
        unit,
        |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)),
        |b| b.1,
    );
    let n = shown.len();
    let overall = if n == 0 {
        f64::NAN
    } else {
        shown.iter().map(|b| b.width).sum::<f64>() / n as f64
    };
    let min_w = shown.iter().map(|b| b.width).fold(0.0f64, f64::min);
    let x_min = if min_w < 0.0 {
        ((min_w - 0.05) * 10.0).floor() / 10.0
    } else {
        0.0
    }
    .max(-1.0);
    let label_w = grouped::label_width(shown.iter().map(|b| b.label.as_str()), n, 160);
    let plot_h = grouped::plot_height(n, groups.len());
    let mut notes = Vec::new();
    if n > MAX_LABELLED {
        notes.push(format!(
            "{} labels are not shown: {} {}.",
            unit.one_title(),
            style::count(n),
            unit.many
        ));
    }
    if skipped > 0 {
        notes.push(format!(
            "{} without a silhouette width not shown.",
            unit.count(skipped)
        ));
    }
    notes.push("Bars sorted from widest to narrowest within each cluster; negative widths sit closer to another cluster.".to_string());
    let height = canvas::rows_figure_height(TOP, plot_h, notes.len());
    render(
        "silhouette",
        &SilFigure {
            title: format!("Silhouette widths of the {}, by cluster", unit.many),
            groups,
            n,
            overall,
            x_min,
            label_w,
            plot_h,
            height,
            notes,
        },
    )
}
