//! The plane: the headline scatter (the study's autonomy against teaching and pedagogy, or any
//! two axes the caller names) and the chart of moves between runs.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::{self, LabelRequest, Rect};
use crate::style::{self, Marker, GREY, INK};
use crate::{
    render, Centroid, Chart, ClusterStyle, Figure, Move, PlaneText, PlotError, TrustPoint, Unit,
    UNSURE_BELOW,
};

const WIDTH: u32 = 900;
const HEIGHT: u32 = 650;
/// Above this many points, labels are left out and markers made small and translucent.
pub(crate) const MAX_LABELLED: usize = 60;

#[derive(Debug, Clone, Copy)]
enum Symbol {
    Cluster(usize),
    Unsure,
    Centroid,
    BasePosition,
    Arrow,
}

struct LegendItem {
    symbol: Symbol,
    text: String,
    width: i32,
}

/// A marker in data coordinates.
struct Dot {
    x: f64,
    y: f64,
    cluster: usize,
    r: f64,
    label: String,
    /// Drawn as an outline: the unit's cluster is unsure.
    hollow: bool,
}

struct Arrow {
    from: (f64, f64),
    to: (f64, f64),
    cluster: usize,
    moved: bool,
    /// Pixels left free before the new marker.
    end_gap: f64,
}

/// Shortens the segment by `a` pixels at its start and `b` at its end (keeps at least a point).
fn trim(from: (i32, i32), to: (i32, i32), a: f64, b: f64) -> ((i32, i32), (i32, i32)) {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len <= a + b + 2.0 {
        return (to, to);
    }
    let at = |t: f64| {
        (
            (f64::from(from.0) + dx * t / len).round() as i32,
            (f64::from(from.1) + dy * t / len).round() as i32,
        )
    };
    (at(a), at(len - b))
}

struct Plane {
    title: String,
    x_desc: String,
    y_desc: String,
    x_range: (f64, f64),
    y_range: (f64, f64),
    dots: Vec<Dot>,
    centroids: Vec<(f64, f64, usize)>,
    arrows: Vec<Arrow>,
    /// Base positions of moves, drawn as small hollow circles.
    bases: Vec<(f64, f64)>,
    labels: bool,
    many: bool,
    legend: Vec<LegendItem>,
    legend_rows: Vec<(usize, i32)>,
    legend_row_count: usize,
    notes: Vec<String>,
    empty: Option<String>,
}

const LEGEND_ROW: i32 = 24;
const NOTE_ROW: i32 = 17;

fn legend_font() -> FontDesc<'static> {
    style::font(16.0)
}

fn note_font() -> FontDesc<'static> {
    style::font(14.0)
}

fn label_font() -> FontDesc<'static> {
    style::font(14.0)
}

/// Legend entries for the clusters given, plus any cluster that appears only in the data.
fn cluster_items(
    clusters: &[ClusterStyle],
    used: &BTreeMap<usize, usize>,
    unit: &Unit,
) -> Vec<LegendItem> {
    let mut by_number: BTreeMap<usize, ClusterStyle> = BTreeMap::new();
    for c in clusters {
        by_number.entry(c.number).or_insert_with(|| c.clone());
    }
    for (&number, &n) in used {
        by_number.entry(number).or_insert_with(|| ClusterStyle {
            number,
            name: if number == 0 {
                "not assigned".to_string()
            } else {
                String::new()
            },
            size: n,
        });
    }
    by_number
        .values()
        .map(|c| {
            let max_w = WIDTH as i32 - 80;
            let text = if c.number == 0 {
                format!("Not assigned ({})", unit.count(c.size))
            } else {
                crate::cluster_caption_within(c, unit, &legend_font(), max_w)
            };
            let text = style::ellipsize(&legend_font(), &text, max_w);
            LegendItem {
                symbol: Symbol::Cluster(c.number),
                text,
                width: 0,
            }
        })
        .collect()
}

impl Plane {
    fn finish_legend(&mut self) {
        let f = legend_font();
        for item in &mut self.legend {
            item.width = 26 + style::text_width(&f, &item.text);
        }
        let widths: Vec<i32> = self.legend.iter().map(|i| i.width).collect();
        let (rows, n) = layout::flow(&widths, WIDTH as i32 - 60, 26);
        self.legend_rows = rows;
        self.legend_row_count = n;
        let nf = note_font();
        self.notes = self
            .notes
            .iter()
            .flat_map(|n| style::wrap(&nf, n, WIDTH as i32 - 60))
            .collect();
    }

    fn bottom_height(&self) -> i32 {
        12 + self.legend_row_count as i32 * LEGEND_ROW + self.notes.len() as i32 * NOTE_ROW + 8
    }

    fn draw_legend<DB: DrawingBackend>(&self, a: &Area<DB>, top: i32) -> DResult<DB> {
        let f = legend_font();
        let x0 = 30;
        for (item, &(row, dx)) in self.legend.iter().zip(&self.legend_rows) {
            let cy = top + row as i32 * LEGEND_ROW + LEGEND_ROW / 2;
            let sx = x0 + dx + 9;
            match item.symbol {
                Symbol::Cluster(c) => canvas::marker(
                    a,
                    Marker::for_cluster(c),
                    (sx, cy),
                    6.0,
                    style::cluster_rgb(c).to_rgba(),
                    Some(BLACK.mix(0.75)),
                )?,
                Symbol::Centroid => canvas::centroid(a, (sx, cy), 8.0, RGBColor(0xDD, 0xDD, 0xDD))?,
                Symbol::Unsure => hollow(a, Marker::Circle, (sx, cy), 6.0, INK)?,
                Symbol::BasePosition => {
                    canvas::hollow_marker(a, Marker::Circle, (sx, cy), 4.0, GREY.to_rgba())?
                }
                Symbol::Arrow => {
                    canvas::arrow(a, (sx - 10, cy), (sx + 10, cy), INK.to_rgba(), 2, 8.0)?
                }
            }
            canvas::text(
                a,
                &item.text,
                (x0 + dx + 24, cy),
                &f,
                INK,
                HPos::Left,
                V::Middle,
            )?;
        }
        let nf = note_font();
        let mut y = top + self.legend_row_count as i32 * LEGEND_ROW + 6;
        for n in &self.notes {
            canvas::text(a, n, (x0, y), &nf, GREY, HPos::Left, V::Top)?;
            y += NOTE_ROW;
        }
        Ok(())
    }
}

impl Figure for Plane {
    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(root, &self.title, WIDTH)?;
        let bottom = self.bottom_height().min(HEIGHT as i32 / 2);
        let (upper, _) = root.split_vertically(HEIGHT as i32 - bottom);
        let (x0, x1) = self.x_range;
        let (y0, y1) = self.y_range;
        let mut chart = ChartBuilder::on(&upper)
            .margin_top(44)
            .margin_right(28)
            .margin_left(8)
            .x_label_area_size(50)
            .y_label_area_size(76)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let (xs, ys) = (x1 - x0, y1 - y0);
        let xf = move |v: &f64| style::tick(*v, xs);
        let yf = move |v: &f64| style::tick(*v, ys);
        chart
            .configure_mesh()
            .x_desc(self.x_desc.as_str())
            .y_desc(self.y_desc.as_str())
            .axis_desc_style(style::font(17.0).color(&INK))
            .label_style(style::font(15.0).color(&INK))
            .bold_line_style(style::GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(GREY)
            .x_labels(10)
            .y_labels(8)
            .x_label_formatter(&xf)
            .y_label_formatter(&yf)
            .draw()?;

        let (px, py) = chart.plotting_area().get_pixel_range();
        let plot = Rect::new(px.start, py.start, px.end, py.end);
        let to_px = |x: f64, y: f64| chart.backend_coord(&(x, y));

        // Quadrant guides.
        let guide = BLACK.mix(0.55);
        if x0 < 0.0 && 0.0 < x1 {
            let x = to_px(0.0, y0).0;
            canvas::dashed(root, (x, plot.y0), (x, plot.y1 - 1), guide, 1, (6.0, 4.0))?;
        }
        if y0 < 0.0 && 0.0 < y1 {
            let y = to_px(x0, 0.0).1;
            canvas::dashed(root, (plot.x0, y), (plot.x1 - 1, y), guide, 1, (6.0, 4.0))?;
        }

        // Base positions and arrows of moves (drawn below the markers).
        for &(x, y) in &self.bases {
            canvas::hollow_marker(root, Marker::Circle, to_px(x, y), 3.5, GREY.to_rgba())?;
        }
        for a in &self.arrows {
            let color = style::cluster_rgb(a.cluster);
            let (alpha, width) = if a.moved { (0.95, 2) } else { (0.6, 1) };
            // The arrow runs from the edge of the base circle to the edge of the new marker.
            let (from, to) = trim(
                to_px(a.from.0, a.from.1),
                to_px(a.to.0, a.to.1),
                4.5,
                a.end_gap,
            );
            canvas::arrow(
                root,
                from,
                to,
                color.mix(alpha),
                width,
                if a.moved { 10.0 } else { 7.0 },
            )?;
        }

        // Markers, largest first so small ones stay visible on top.
        let mut order: Vec<usize> = (0..self.dots.len()).collect();
        order.sort_by(|&a, &b| self.dots[b].r.total_cmp(&self.dots[a].r).then(a.cmp(&b)));
        let (fill_alpha, outline) = if self.many {
            (0.45, None)
        } else {
            (0.9, Some(BLACK.mix(0.75)))
        };
        for &i in &order {
            let d = &self.dots[i];
            if d.hollow {
                hollow(
                    root,
                    Marker::for_cluster(d.cluster),
                    to_px(d.x, d.y),
                    d.r,
                    style::cluster_rgb(d.cluster),
                )?;
                continue;
            }
            canvas::marker(
                root,
                Marker::for_cluster(d.cluster),
                to_px(d.x, d.y),
                d.r,
                style::cluster_rgb(d.cluster).mix(fill_alpha),
                outline,
            )?;
        }
        for &(x, y, c) in &self.centroids {
            canvas::centroid(root, to_px(x, y), 10.0, style::cluster_rgb(c))?;
        }

        // Labels that avoid each other and every marker.
        if self.labels {
            let f = label_font();
            let mut obstacles: Vec<Rect> = self
                .dots
                .iter()
                .map(|d| {
                    Rect::around(
                        to_px(d.x, d.y),
                        canvas::marker_extent(Marker::for_cluster(d.cluster), d.r),
                    )
                })
                .collect();
            obstacles.extend(
                self.centroids
                    .iter()
                    .map(|&(x, y, _)| Rect::around(to_px(x, y), 10)),
            );
            obstacles.extend(
                self.bases
                    .iter()
                    .map(|&(x, y)| Rect::around(to_px(x, y), 4)),
            );
            let reqs: Vec<LabelRequest> = self
                .dots
                .iter()
                .map(|d| {
                    let (w, _) = style::measure(&f, &d.label);
                    LabelRequest {
                        anchor: to_px(d.x, d.y),
                        half: canvas::marker_extent(Marker::for_cluster(d.cluster), d.r),
                        size: (w, 13),
                    }
                })
                .collect();
            let placed = layout::place_labels(&reqs, &obstacles, plot.grow(-3));
            let mut omitted = 0;
            for (p, req) in placed.iter().zip(&reqs) {
                let Some(p) = p else {
                    omitted += 1;
                    continue;
                };
                if p.leader {
                    let end = p.rect.nearest(req.anchor);
                    canvas::line(root, req.anchor, end, GREY.mix(0.8))?;
                }
            }
            for (p, d) in placed.iter().zip(&self.dots) {
                if let Some(p) = p {
                    canvas::text(
                        root,
                        &d.label,
                        (p.rect.x0, p.rect.y0 + 1),
                        &f,
                        INK,
                        HPos::Left,
                        V::Top,
                    )?;
                }
            }
            if omitted > 0 {
                let note = format!(
                    "{} label{} left out for lack of space",
                    omitted,
                    if omitted == 1 { "" } else { "s" }
                );
                let nf = note_font();
                canvas::text(
                    root,
                    &note,
                    (plot.x1 - 6, plot.y1 - 6),
                    &nf,
                    GREY,
                    HPos::Right,
                    V::Bottom,
                )?;
            }
        }

        if let Some(note) = &self.empty {
            canvas::empty_note(root, plot.grow(-60), note)?;
        }
        self.draw_legend(root, HEIGHT as i32 - bottom)
    }
}

fn finite(x: f64, y: f64) -> bool {
    x.is_finite() && y.is_finite()
}

/// An unsure unit's marker: white inside, a two-pixel outline in its cluster's colour.
fn hollow<DB: DrawingBackend>(
    a: &Area<DB>,
    m: Marker,
    at: (i32, i32),
    r: f64,
    colour: RGBColor,
) -> DResult<DB> {
    canvas::marker(a, m, at, r, WHITE.to_rgba(), None)?;
    canvas::hollow_marker(a, m, at, r, colour.to_rgba())?;
    canvas::hollow_marker(a, m, at, (r - 1.0).max(1.0), colour.to_rgba())
}

pub(crate) fn plane(
    points: &[TrustPoint],
    centroids: &[Centroid],
    clusters: &[ClusterStyle],
    text: &PlaneText,
) -> Result<Chart, PlotError> {
    let shown: Vec<&TrustPoint> = points.iter().filter(|p| finite(p.x, p.y)).collect();
    let skipped = points.len() - shown.len();
    let cents: Vec<(f64, f64, usize)> = centroids
        .iter()
        .filter(|c| finite(c.x, c.y))
        .map(|c| (c.x, c.y, c.cluster))
        .collect();
    let many = shown.len() > MAX_LABELLED;
    let max_resp = shown.iter().map(|p| p.responses).max().unwrap_or(0);
    let min_resp = shown.iter().map(|p| p.responses).min().unwrap_or(0);
    let (r_max, r_min): (f64, f64) = if many { (5.0, 1.5) } else { (11.0, 3.5) };
    let dots: Vec<Dot> = shown
        .iter()
        .map(|p| {
            let r = if max_resp == 0 {
                r_max * 0.6
            } else {
                (r_max * (p.responses as f64 / max_resp as f64).sqrt()).max(r_min)
            };
            Dot {
                x: p.x,
                y: p.y,
                cluster: p.cluster,
                r,
                label: style::ellipsize(&label_font(), &p.label, 160),
                hollow: p.membership.is_some_and(|m| m < UNSURE_BELOW),
            }
        })
        .collect();

    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    for p in &shown {
        *used.entry(p.cluster).or_default() += 1;
    }
    let unit = &text.unit;
    let mut legend = cluster_items(clusters, &used, unit);
    if !cents.is_empty() {
        legend.push(LegendItem {
            symbol: Symbol::Centroid,
            text: "Cluster centre (centroid)".to_string(),
            width: 0,
        });
    }
    let unsure = dots.iter().filter(|d| d.hollow).count();
    if unsure > 0 {
        legend.push(LegendItem {
            symbol: Symbol::Unsure,
            text: format!(
                "Hollow: cluster unsure (below {} in the respondent bootstrap)",
                style::fixed(UNSURE_BELOW, 1)
            ),
            width: 0,
        });
    }
    let mut notes = Vec::new();
    if unsure > 0 {
        notes.push(format!(
            "{} drawn hollow: each in its own cluster in fewer than {}% of resamples of its respondents.",
            unit.count(unsure),
            (UNSURE_BELOW * 100.0).round()
        ));
    }
    if !shown.is_empty() {
        if min_resp != max_resp {
            notes.push(format!(
                "Marker area is proportional to the {}'s number of responses ({} to {}).",
                unit.one,
                style::count(min_resp),
                style::count(max_resp)
            ));
        }
        // Theme means and principal components are both centred: 0 is the average unit.
        notes.push(format!(
            "Dashed lines mark the average {} (0) on each axis.",
            unit.one
        ));
    }
    if many {
        notes.push(format!(
            "{} labels are not shown: {} {} is more than the {} that can be labelled legibly.",
            unit.one_title(),
            style::count(shown.len()),
            unit.many,
            MAX_LABELLED
        ));
    }
    if skipped > 0 {
        notes.push(format!(
            "{} not shown because a score is missing.",
            unit.count(skipped)
        ));
    }

    let xs = shown.iter().map(|p| p.x).chain(cents.iter().map(|c| c.0));
    let ys = shown.iter().map(|p| p.y).chain(cents.iter().map(|c| c.1));
    let mut plane = Plane {
        title: text.title.clone(),
        x_desc: text.x.clone(),
        y_desc: text.y.clone(),
        x_range: layout::padded_range(xs, &[0.0], 0.08),
        y_range: layout::padded_range(ys, &[0.0], 0.08),
        dots,
        centroids: cents,
        arrows: Vec::new(),
        bases: Vec::new(),
        labels: !many,
        many,
        legend,
        legend_rows: Vec::new(),
        legend_row_count: 0,
        notes,
        empty: shown.is_empty().then(|| {
            if skipped > 0 {
                format!(
                    "No {} has both scores, so there is nothing to plot.",
                    unit.one
                )
            } else {
                format!("No {} to plot.", unit.many)
            }
        }),
    };
    plane.finish_legend();
    render(text.name, &plane)
}

pub(crate) fn moves(
    moves: &[Move],
    clusters: &[ClusterStyle],
    text: &PlaneText,
) -> Result<Chart, PlotError> {
    let shown: Vec<&Move> = moves
        .iter()
        .filter(|m| finite(m.from.0, m.from.1) && finite(m.to.0, m.to.1))
        .collect();
    let skipped = moves.len() - shown.len();
    let many = shown.len() > MAX_LABELLED;
    let moved = shown
        .iter()
        .filter(|m| m.from_cluster != m.to_cluster)
        .count();
    let dots: Vec<Dot> = shown
        .iter()
        .map(|m| {
            let label = if m.from_cluster != m.to_cluster {
                format!("{} ({}→{})", m.label, m.from_cluster, m.to_cluster)
            } else {
                m.label.clone()
            };
            Dot {
                x: m.to.0,
                y: m.to.1,
                cluster: m.to_cluster,
                r: if many { 3.0 } else { 6.0 },
                label: style::ellipsize(&label_font(), &label, 180),
                hollow: false,
            }
        })
        .collect();
    let arrows = shown
        .iter()
        .map(|m| Arrow {
            from: m.from,
            to: m.to,
            cluster: m.to_cluster,
            moved: m.from_cluster != m.to_cluster,
            end_gap: f64::from(canvas::marker_extent(
                Marker::for_cluster(m.to_cluster),
                if many { 3.0 } else { 6.0 },
            )) + 1.0,
        })
        .collect();
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &shown {
        *used.entry(m.to_cluster).or_default() += 1;
    }
    let unit = &text.unit;
    let mut legend = cluster_items(clusters, &used, unit);
    legend.push(LegendItem {
        symbol: Symbol::BasePosition,
        text: "Position in the base run".to_string(),
        width: 0,
    });
    legend.push(LegendItem {
        symbol: Symbol::Arrow,
        text: "Move to the new position".to_string(),
        width: 0,
    });
    let mut notes = Vec::new();
    if !shown.is_empty() {
        notes.push(format!(
            "Markers and arrows take the colour and shape of the new cluster. Thick arrows: the {} \
             that changed cluster (labelled old → new); thin arrows: {} that stayed.",
            unit.count(moved),
            style::count(shown.len() - moved)
        ));
    }
    if many {
        notes.push(format!(
            "{} labels are not shown: {} {} is more than the {} that can be labelled legibly.",
            unit.one_title(),
            style::count(shown.len()),
            unit.many,
            MAX_LABELLED
        ));
    }
    if skipped > 0 {
        notes.push(format!(
            "{} not shown because a position is missing.",
            unit.count(skipped)
        ));
    }
    let xs = shown.iter().flat_map(|m| [m.from.0, m.to.0]);
    let ys = shown.iter().flat_map(|m| [m.from.1, m.to.1]);
    let mut plane = Plane {
        title: text.title.clone(),
        x_desc: text.x.clone(),
        y_desc: text.y.clone(),
        x_range: layout::padded_range(xs, &[0.0], 0.08),
        y_range: layout::padded_range(ys, &[0.0], 0.08),
        dots,
        centroids: Vec::new(),
        arrows,
        bases: shown.iter().map(|m| m.from).collect(),
        labels: !many,
        many,
        legend,
        legend_rows: Vec::new(),
        legend_row_count: 0,
        notes,
        empty: shown
            .is_empty()
            .then(|| format!("No {} to compare.", unit.many)),
    };
    plane.finish_legend();
    render(text.name, &plane)
}
