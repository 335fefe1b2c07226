//! Small multiples of the k-selection criteria against k.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::{self, Rect};
use crate::style::{self, GREY, HIGHLIGHT, INK};
use crate::{render, Chart, Figure, KIndices, PlotError};

const WIDTH: u32 = 1020;
const HEIGHT: u32 = 660;
const LINE: RGBColor = RGBColor(0x00, 0x72, 0xB2);

struct Panel {
    title: &'static str,
    /// (k, value, optional +- error)
    points: Vec<(f64, f64, Option<f64>)>,
}

struct KFigure {
    panels: Vec<Panel>,
    k_range: (f64, f64),
    chosen: Option<usize>,
    notes: Vec<String>,
    empty: bool,
}

impl KFigure {
    fn draw_panel<DB: DrawingBackend>(
        &self,
        root: &Area<DB>,
        area: &Area<DB>,
        p: &Panel,
    ) -> DResult<DB> {
        let (ax, ay) = area.get_pixel_range();
        let tf = style::bold(16.0);
        canvas::text(
            root,
            p.title,
            ((ax.start + ax.end) / 2, ay.start + 12),
            &tf,
            INK,
            HPos::Center,
            V::Top,
        )?;
        let finite: Vec<&(f64, f64, Option<f64>)> =
            p.points.iter().filter(|q| q.1.is_finite()).collect();
        let ys = finite.iter().flat_map(|q| {
            let e = q.2.filter(|e| e.is_finite()).unwrap_or(0.0);
            [q.1 - e, q.1 + e]
        });
        let (y0, y1) = layout::padded_range(ys, &[], 0.12);
        let (k0, k1) = self.k_range;
        let mut chart = ChartBuilder::on(area)
            .margin_top(40)
            .margin_right(18)
            .margin_left(6)
            .margin_bottom(6)
            .x_label_area_size(42)
            .y_label_area_size(62)
            .build_cartesian_2d(k0..k1, y0..y1)?;
        let span = y1 - y0;
        let yf = move |v: &f64| style::tick(*v, span);
        let xf = |v: &f64| {
            if (v - v.round()).abs() < 1e-6 {
                format!("{}", v.round() as i64)
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_desc("Number of clusters k")
            .axis_desc_style(style::font(15.0).color(&INK))
            .label_style(style::font(14.0).color(&INK))
            .bold_line_style(style::GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(GREY)
            .x_labels(((k1 - k0) as usize + 1).min(12))
            .y_labels(6)
            .x_label_formatter(&xf)
            .y_label_formatter(&yf)
            .draw()?;
        let (px, py) = chart.plotting_area().get_pixel_range();
        let plot = Rect::new(px.start, py.start, px.end, py.end);
        let to_px = |x: f64, y: f64| chart.backend_coord(&(x, y));
        if let Some(k) = self.chosen {
            let x = to_px(k as f64, y0).0;
            canvas::dashed(
                root,
                (x, plot.y0),
                (x, plot.y1 - 1),
                HIGHLIGHT.mix(0.9),
                2,
                (6.0, 4.0),
            )?;
        }
        if finite.is_empty() {
            let f = style::font(15.0);
            return canvas::text(
                root,
                "not defined for these k",
                ((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2),
                &f,
                GREY,
                HPos::Center,
                V::Middle,
            );
        }
        // Lines join consecutive defined values only.
        let mut run: Vec<(i32, i32)> = Vec::new();
        for q in &p.points {
            if q.1.is_finite() {
                run.push(to_px(q.0, q.1));
            } else {
                if run.len() > 1 {
                    root.draw(&PathElement::new(run.clone(), LINE.stroke_width(2)))?;
                }
                run.clear();
            }
        }
        if run.len() > 1 {
            root.draw(&PathElement::new(run, LINE.stroke_width(2)))?;
        }
        for q in &finite {
            if let Some(e) = q.2.filter(|e| e.is_finite() && *e > 0.0) {
                let (x, top) = to_px(q.0, q.1 + e);
                let bottom = to_px(q.0, q.1 - e).1;
                canvas::line(root, (x, top), (x, bottom), INK.stroke_width(1))?;
                canvas::line(root, (x - 5, top), (x + 5, top), INK.stroke_width(1))?;
                canvas::line(root, (x - 5, bottom), (x + 5, bottom), INK.stroke_width(1))?;
            }
            let c = to_px(q.0, q.1);
            if self.chosen.map(|k| k as f64) == Some(q.0) {
                root.draw(&Circle::new(c, 7, HIGHLIGHT.filled()))?;
                root.draw(&Circle::new(c, 7, BLACK.stroke_width(1)))?;
            } else {
                root.draw(&Circle::new(c, 4, LINE.filled()))?;
            }
        }
        Ok(())
    }
}

impl Figure for KFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(root, "Choosing the number of clusters k", WIDTH)?;
        if self.empty {
            let r = Rect::new(40, 56, WIDTH as i32 - 40, HEIGHT as i32 - 40);
            return canvas::empty_note(root, r, "No k-selection results to show.");
        }
        let body = root.margin(44, 6, 6, 6);
        let cells = body.split_evenly((2, 3));
        for (p, cell) in self.panels.iter().zip(&cells) {
            self.draw_panel(root, cell, p)?;
        }
        // The sixth cell explains the marks.
        if let Some(cell) = cells.get(5) {
            let (ax, ay) = cell.get_pixel_range();
            let x = ax.start + 24;
            let mut y = ay.start + 52;
            if let Some(k) = self.chosen {
                canvas::dashed(
                    root,
                    (x, y + 8),
                    (x + 26, y + 8),
                    HIGHLIGHT.mix(0.9),
                    2,
                    (6.0, 4.0),
                )?;
                root.draw(&Circle::new((x + 13, y + 8), 7, HIGHLIGHT.filled()))?;
                root.draw(&Circle::new((x + 13, y + 8), 7, BLACK.stroke_width(1)))?;
                let f = style::font(16.0);
                canvas::text(
                    root,
                    &format!("chosen k = {k}"),
                    (x + 38, y + 8),
                    &f,
                    INK,
                    HPos::Left,
                    V::Middle,
                )?;
                y += 34;
            }
            let nf = style::font(14.0);
            for n in &self.notes {
                for l in style::wrap(&nf, n, ax.end - ax.start - 40) {
                    canvas::text(root, &l, (x, y), &nf, GREY, HPos::Left, V::Top)?;
                    y += 19;
                }
                y += 8;
            }
        }
        Ok(())
    }
}

pub(crate) fn k_selection(rows: &[KIndices], chosen_k: usize) -> Result<Chart, PlotError> {
    let mut rows: Vec<&KIndices> = rows.iter().collect();
    rows.sort_by_key(|r| r.k);
    rows.dedup_by_key(|r| r.k);
    let panel = |title, f: &dyn Fn(&KIndices) -> (f64, Option<f64>)| Panel {
        title,
        points: rows
            .iter()
            .map(|r| {
                let (v, e) = f(r);
                (r.k as f64, v, e)
            })
            .collect(),
    };
    let panels = vec![
        panel("Within-cluster sum of squares", &|r| (r.wss, None)),
        panel("Mean silhouette width ↑", &|r| (r.silhouette, None)),
        panel("Gap statistic ± 1 SE ↑", &|r| (r.gap, Some(r.gap_se))),
        panel("Calinski–Harabasz index ↑", &|r| (r.ch, None)),
        panel("Davies–Bouldin index ↓", &|r| (r.db, None)),
    ];
    let (kmin, kmax) = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) => (a.k as f64, b.k as f64),
        _ => (1.0, 2.0),
    };
    let chosen = Some(chosen_k).filter(|k| rows.iter().any(|r| r.k == *k));
    let mut notes = vec![
        "↑ higher is better, ↓ lower is better; look for an elbow in the sum of squares.".to_string(),
        "Gap statistic (Tibshirani et al. 2001): bars are ± 1 standard error over the reference data sets.".to_string(),
        "Silhouette, Calinski–Harabasz and Davies–Bouldin are not defined for k = 1.".to_string(),
    ];
    if chosen.is_none() && !rows.is_empty() {
        notes.insert(
            0,
            format!("The chosen k = {chosen_k} is not among the k shown."),
        );
    }
    render(
        "k_selection",
        &KFigure {
            panels,
            k_range: (kmin - 0.5, kmax + 0.5),
            chosen,
            notes,
            empty: rows.is_empty(),
        },
    )
}
