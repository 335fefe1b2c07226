//! The sensitivity re-runs: how far each one's clusters agree with the run's (adjusted Rand
//! index), grouped by what was changed, with what each re-run analysed and who moved.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::style::{self, GREY, INK};
use crate::{render, Chart, Figure, PlotError, SensitivityBar};

const WIDTH: u32 = 980;
const ROW: i32 = 22;
const HEADER: i32 = 26;
const TOP: i32 = 64;
const RIGHT_W: i32 = 330;
const BAR_RGB: RGBColor = RGBColor(0x5B, 0x8D, 0xB8);

enum Line<'a> {
    Header(&'a str),
    Bar(&'a SensitivityBar),
}

struct SensFigure<'a> {
    lines: Vec<Line<'a>>,
    x_min: f64,
    label_w: i32,
    plot_h: i32,
    notes: Vec<String>,
}

impl SensFigure<'_> {
    fn height(&self) -> u32 {
        canvas::rows_figure_height(TOP, self.plot_h, self.notes.len())
    }
}

impl Figure for SensFigure<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height())
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(
            root,
            "Sensitivity: the clusters again with other thresholds and without each theme",
            WIDTH,
        )?;
        let left = 16 + self.label_w + 8;
        let area = canvas::rows_area(root, TOP, (left, 62), RIGHT_W, self.plot_h);
        let (chart, plot) = canvas::rows_chart(
            &area,
            self.x_min..1.0,
            f64::from(self.plot_h),
            "Adjusted Rand index with the run's clusters (1 = the same)",
            62,
        )?;
        if self.lines.is_empty() {
            return canvas::empty_note(root, plot.grow(-20), "No re-runs.");
        }
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let (lf, hf) = (style::font(13.0), style::bold(14.0));
        let mut y = plot.y0 + 4;
        for line in &self.lines {
            match line {
                Line::Header(h) => {
                    canvas::text(
                        root,
                        h,
                        (16, y + HEADER / 2),
                        &hf,
                        INK,
                        HPos::Left,
                        V::Middle,
                    )?;
                    y += HEADER;
                }
                Line::Bar(b) => {
                    let mid = y + ROW / 2;
                    canvas::text(
                        root,
                        &b.label,
                        (plot.x0 - 8, mid),
                        &lf,
                        INK,
                        HPos::Right,
                        V::Middle,
                    )?;
                    if let Some(ari) = b.ari.filter(|v| v.is_finite()) {
                        let (a, z) = (x_of(ari.min(0.0)), x_of(ari.max(0.0)));
                        let colour = if b.base { INK } else { BAR_RGB };
                        canvas::rect(
                            root,
                            Rect::new(a, y + 3, z.max(a + 1), y + ROW - 3),
                            colour.filled(),
                        )?;
                    }
                    let detail_colour = if b.ari.is_some() { INK } else { GREY };
                    canvas::text(
                        root,
                        &b.detail,
                        (plot.x1 + 10, mid),
                        &lf,
                        detail_colour,
                        HPos::Left,
                        V::Middle,
                    )?;
                    y += ROW;
                }
            }
        }
        let x0 = x_of(0.0);
        canvas::line(root, (x0, plot.y0), (x0, plot.y1 - 1), INK.stroke_width(1))?;
        canvas::notes(root, &self.notes, canvas::notes_under(plot.y1))
    }
}

pub(crate) fn sensitivity(bars: &[SensitivityBar]) -> Result<Chart, PlotError> {
    let mut lines = Vec::new();
    let mut last: Option<&str> = None;
    for b in bars {
        if last != Some(b.group.as_str()) {
            lines.push(Line::Header(&b.group));
            last = Some(&b.group);
        }
        lines.push(Line::Bar(b));
    }
    let headers = lines
        .iter()
        .filter(|l| matches!(l, Line::Header(_)))
        .count() as i32;
    let plot_h = (bars.len() as i32 * ROW + headers * HEADER + 8).max(200);
    let min_ari = bars
        .iter()
        .filter_map(|b| b.ari)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::min);
    let x_min = if min_ari < 0.0 {
        ((min_ari - 0.05) * 10.0).floor() / 10.0
    } else {
        0.0
    };
    let lf = style::font(13.0);
    let label_w = style::widest(&lf, bars.iter().map(|b| b.label.as_str()))
        .max(style::widest(&style::bold(14.0), bars.iter().map(|b| b.group.as_str())) - 60)
        .clamp(60, 260);
    let notes = canvas::wrap_notes(
        &[
            "Each bar compares a re-run's clusters with the run's on the units both analysed; the dark bar is the run itself.",
            "Right: units analysed in the re-run, its k, and the units the run analysed that changed cluster.",
        ],
        WIDTH as i32 - 40,
    );
    render(
        "sensitivity",
        &SensFigure {
            lines,
            x_min,
            label_w,
            plot_h,
            notes,
        },
    )
}
