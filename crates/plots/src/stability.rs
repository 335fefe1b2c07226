//! Mean bootstrap Jaccard per cluster over fpc's stability bands.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::style::{self, GREY, INK};
use crate::{render, Chart, ClusterStyle, Figure, PlotError, StabilityBar, Unit};

/// fpc's bands (Hennig 2007): (lower bound, upper bound, name, shade).
const BANDS: [(f64, f64, &str, RGBColor); 5] = [
    (0.0, 0.5, "dissolved (< 0.5)", RGBColor(0xF4, 0xDD, 0xD2)),
    (0.5, 0.6, "unstable (0.5–0.6)", RGBColor(0xF8, 0xEA, 0xD8)),
    (
        0.6,
        0.75,
        "tentative (0.6–0.75)",
        RGBColor(0xFA, 0xF6, 0xE0),
    ),
    (0.75, 0.85, "stable (0.75–0.85)", RGBColor(0xE3, 0xF1, 0xEA)),
    (
        0.85,
        1.0,
        "highly stable (≥ 0.85)",
        RGBColor(0xCD, 0xE8, 0xDC),
    ),
];

const HEIGHT: u32 = 560;
const TOP: i32 = 50;
const BAND_W: i32 = 200;

struct StabFigure {
    bars: Vec<(usize, f64, Vec<String>)>,
    width: u32,
    label_lines: usize,
    notes: Vec<String>,
}

impl Figure for StabFigure {
    fn size(&self) -> (u32, u32) {
        (self.width, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(
            root,
            "Cluster stability: mean bootstrap Jaccard similarity",
            self.width,
        )?;
        let notes_h = 12 + self.notes.len() as i32 * 18;
        let label_h = 12 + self.label_lines as i32 * 19;
        let area = root.margin(TOP, notes_h, 10, BAND_W);
        let n = self.bars.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(label_h)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..n, 0.0..1.0)?;
        let yf = |v: &f64| style::fixed(*v, 1);
        chart
            .configure_mesh()
            .y_desc("Mean Jaccard similarity (bootstrap)")
            .axis_desc_style(style::font(16.0).color(&INK))
            .label_style(style::font(14.0).color(&INK))
            .disable_mesh()
            .axis_style(GREY)
            .x_labels(0)
            .y_labels(11)
            .y_label_formatter(&yf)
            .draw()?;
        let (px, py) = chart.plotting_area().get_pixel_range();
        let plot = Rect::new(px.start, py.start, px.end, py.end);
        let to_px = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let bf = style::font(14.0);
        for (lo, hi, name, shade) in BANDS {
            let (y_hi, y_lo) = (to_px(0.0, hi).1, to_px(0.0, lo).1);
            canvas::rect(
                root,
                Rect::new(plot.x0 + 1, y_hi, plot.x1, y_lo),
                shade.filled(),
            )?;
            if lo > 0.0 {
                canvas::line(
                    root,
                    (plot.x0 + 1, y_lo),
                    (plot.x1 - 1, y_lo),
                    GREY.mix(0.5),
                )?;
            }
            canvas::text(
                root,
                name,
                (plot.x1 + 10, (y_hi + y_lo) / 2),
                &bf,
                INK,
                HPos::Left,
                V::Middle,
            )?;
        }
        if self.bars.is_empty() {
            return canvas::empty_note(root, plot.grow(-30), "No stability results to show.");
        }
        let vf = style::bold(15.0);
        let lf = style::font(15.0);
        for (i, (cluster, j, label)) in self.bars.iter().enumerate() {
            let colour = style::cluster_rgb(*cluster);
            let (xa, xb) = (to_px(i as f64 + 0.22, 0.0).0, to_px(i as f64 + 0.78, 0.0).0);
            let xc = (xa + xb) / 2;
            if j.is_finite() {
                let v = j.clamp(0.0, 1.0);
                let top = to_px(0.0, v).1;
                let r = Rect::new(xa, top, xb, plot.y1);
                canvas::rect(root, r, colour.filled())?;
                canvas::rect(root, r, BLACK.stroke_width(1))?;
                canvas::text(
                    root,
                    &style::fixed(*j, 2),
                    (xc, top - 6),
                    &vf,
                    INK,
                    HPos::Center,
                    V::Bottom,
                )?;
            } else {
                canvas::text(
                    root,
                    "n/a",
                    (xc, plot.y1 - 12),
                    &vf,
                    GREY,
                    HPos::Center,
                    V::Bottom,
                )?;
            }
            canvas::lines(root, label, (xc, plot.y1 + 10), &lf, INK, HPos::Center, 19)?;
        }
        canvas::notes(root, &self.notes, (20, HEIGHT as i32 - notes_h + 6))
    }
}

pub(crate) fn stability(
    bars: &[StabilityBar],
    clusters: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let mut by: BTreeMap<usize, f64> = BTreeMap::new();
    for b in bars {
        by.entry(b.cluster).or_insert(b.jaccard_mean);
    }
    let n = by.len();
    let slot = 170;
    let lf = style::font(15.0);
    let bars: Vec<(usize, f64, Vec<String>)> = by
        .into_iter()
        .map(|(c, j)| {
            let cs = clusters.iter().find(|s| s.number == c);
            let mut lines = vec![format!("Cluster {c}")];
            if let Some(cs) = cs {
                let mut name = style::wrap(&lf, cs.name.trim(), slot - 14);
                name.truncate(2);
                lines.extend(name.into_iter().filter(|l| !l.is_empty()));
                lines.push(format!("({})", unit.count(cs.size)));
            }
            (c, j, lines)
        })
        .collect();
    let label_lines = bars.iter().map(|b| b.2.len()).max().unwrap_or(1);
    let mut notes = vec![
        "Bands after Hennig (2007) and R's fpc::clusterboot: below 0.5 the cluster dissolves under resampling."
            .to_string(),
    ];
    let missing = bars.iter().filter(|b| !b.1.is_finite()).count();
    if missing > 0 {
        notes.push(format!("n/a: no Jaccard value for {missing} cluster(s)."));
    }
    let width = (90 + n.max(2) as i32 * slot + BAND_W + 20).max(700) as u32;
    render(
        "stability",
        &StabFigure {
            bars,
            width,
            label_lines,
            notes,
        },
    )
}
