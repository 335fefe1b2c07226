//! Pixel-space drawing helpers over any plotters backend, so that the SVG and the PNG of a chart
//! come from one code path.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::layout::Rect;
use crate::style::{self, Marker, INK};

pub(crate) type Area<DB> = DrawingArea<DB, Shift>;
pub(crate) type DResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Vertical anchor of a text, in terms of its glyphs (plotters' anchors are SVG's: 0.76em,
/// 0.5ex and -0.5ex from the baseline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum V {
    /// `y` is the top of the capitals.
    Top,
    /// `y` is the middle of the capitals.
    Middle,
    /// `y` is the bottom of the descenders.
    Bottom,
}

/// Draws one line of text with its glyphs anchored at `(x, y)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn text<DB: DrawingBackend>(
    a: &Area<DB>,
    s: &str,
    (x, y): (i32, i32),
    font: &FontDesc,
    color: RGBColor,
    h: HPos,
    v: V,
) -> DResult<DB> {
    if s.is_empty() {
        return Ok(());
    }
    // DejaVu Sans: capitals 0.729em tall, descenders 0.236em, x-height 0.547em.
    let em = font.get_size() / 1.24;
    let (vpos, dy) = match v {
        V::Top => (VPos::Top, -0.031 * em),
        V::Middle => (VPos::Center, 0.091 * em),
        V::Bottom => (VPos::Bottom, 0.0375 * em),
    };
    let style = TextStyle::from(font.clone())
        .color(&color)
        .pos(Pos::new(h, vpos));
    a.draw_text(s, &style, (x, (f64::from(y) + dy).round() as i32))
}

/// A chart of rows (silhouette bars, dendrogram leaves) on `area`: an x axis over `x` titled
/// `desc` with light vertical grid lines, rows counted down from the top, no y labels (the
/// caller draws its own in the `y_label_w` px left of the plot). Returns the chart, whose
/// coordinates map values to pixels, and its plotting rectangle.
pub(crate) type RowsChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Room under a rows chart's plot for its x axis (tick labels and title).
const X_AXIS_H: i32 = 52;

/// The height of one line of [`notes`].
pub(crate) const NOTE_LINE: i32 = 18;

/// Where a rows chart goes in `root`: from `top` down, its plot's left edge at `plot_left`
/// with `y_label_w` px left of it for the caller's labels (the width [`rows_chart`] is then
/// given), `right` px free on the right, and a plot `plot_h` px tall above its x axis.
pub(crate) fn rows_area<DB: DrawingBackend>(
    root: &Area<DB>,
    top: i32,
    (plot_left, y_label_w): (i32, i32),
    right: i32,
    plot_h: i32,
) -> Area<DB> {
    let area = root.margin(top, 0, plot_left - y_label_w, right);
    area.split_vertically(plot_h + X_AXIS_H).0
}

/// Where the notes under a rows chart whose plot ends at `plot_bottom` start.
pub(crate) fn notes_under(plot_bottom: i32) -> (i32, i32) {
    (20, plot_bottom + X_AXIS_H + 6)
}

/// The height of a figure whose rows chart starts at `top`, with a plot `plot_h` px tall and
/// `notes` lines of notes under it.
pub(crate) fn rows_figure_height(top: i32, plot_h: i32, notes: usize) -> u32 {
    (top + plot_h + X_AXIS_H + 16 + notes as i32 * NOTE_LINE + 10) as u32
}

pub(crate) fn rows_chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    x: Range<f64>,
    rows: f64,
    desc: &str,
    y_label_w: u32,
) -> Result<(RowsChart<'a, DB>, Rect), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(X_AXIS_H as u32)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(x.clone(), rows..0.0)?;
    let span = x.end - x.start;
    let xf = move |v: &f64| style::tick(*v, span);
    chart
        .configure_mesh()
        .x_desc(desc)
        .axis_desc_style(style::font(16.0).color(&INK))
        .label_style(style::font(14.0).color(&INK))
        .bold_line_style(style::GRID)
        .light_line_style(WHITE.mix(0.0))
        .axis_style(style::GREY)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(8)
        .x_label_formatter(&xf)
        .draw()?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let plot = Rect::new(px.start, py.start, px.end, py.end);
    Ok((chart, plot))
}

/// A dashed vertical line across the plot at pixel `x`, with `label` just above the plot: the
/// silhouette chart's overall mean, the dendrogram's cut.
pub(crate) fn marked_line<DB: DrawingBackend>(
    a: &Area<DB>,
    plot: Rect,
    x: i32,
    label: &str,
) -> DResult<DB> {
    dashed(
        a,
        (x, plot.y0),
        (x, plot.y1 - 1),
        BLACK.mix(0.8),
        2,
        (7.0, 4.0),
    )?;
    let f = style::font(14.0);
    text(
        a,
        label,
        (x + 6, plot.y0 - 6),
        &f,
        INK,
        HPos::Left,
        V::Bottom,
    )
}

/// A chart's notes under it, one a line, grey, from `(x, y)` down.
pub(crate) fn notes<DB: DrawingBackend>(
    a: &Area<DB>,
    notes: &[String],
    (x, y): (i32, i32),
) -> DResult<DB> {
    let nf = style::font(14.0);
    for (i, n) in notes.iter().enumerate() {
        text(
            a,
            n,
            (x, y + NOTE_LINE * i as i32),
            &nf,
            style::GREY,
            HPos::Left,
            V::Top,
        )?;
    }
    Ok(())
}

/// Notes wrapped to `max_w` pixels in the font [`notes`] draws them in, one line each.
pub(crate) fn wrap_notes<S: AsRef<str>>(notes: &[S], max_w: i32) -> Vec<String> {
    let nf = style::font(14.0);
    notes
        .iter()
        .flat_map(|l| style::wrap(&nf, l.as_ref(), max_w))
        .collect()
}

/// Draws wrapped lines starting with the first line's capitals at `y`; returns the y below them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lines<DB: DrawingBackend>(
    a: &Area<DB>,
    ls: &[String],
    (x, y): (i32, i32),
    font: &FontDesc,
    color: RGBColor,
    h: HPos,
    line_h: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut yy = y;
    for l in ls {
        text(a, l, (x, yy), font, color, h, V::Top)?;
        yy += line_h;
    }
    Ok(yy)
}

pub(crate) fn rect<DB: DrawingBackend, S: Into<ShapeStyle>>(
    a: &Area<DB>,
    r: Rect,
    style: S,
) -> DResult<DB> {
    a.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], style))
}

pub(crate) fn line<DB: DrawingBackend, S: Into<ShapeStyle>>(
    a: &Area<DB>,
    from: (i32, i32),
    to: (i32, i32),
    style: S,
) -> DResult<DB> {
    a.draw(&PathElement::new(vec![from, to], style))
}

/// A dashed straight line made of short segments (identical in both backends).
pub(crate) fn dashed<DB: DrawingBackend>(
    a: &Area<DB>,
    from: (i32, i32),
    to: (i32, i32),
    color: RGBAColor,
    width: u32,
    (dash, gap): (f64, f64),
) -> DResult<DB> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let style = ShapeStyle::from(color).stroke_width(width);
    let mut t = 0.0;
    while t < len {
        let t1 = (t + dash).min(len);
        let p = |s: f64| {
            (
                (f64::from(from.0) + dx * s / len).round() as i32,
                (f64::from(from.1) + dy * s / len).round() as i32,
            )
        };
        a.draw(&PathElement::new(vec![p(t), p(t1)], style))?;
        t += dash + gap;
    }
    Ok(())
}

/// An arrow from `from` to `to` with a filled head of `head` px; nothing for a zero-length one.
pub(crate) fn arrow<DB: DrawingBackend>(
    a: &Area<DB>,
    from: (i32, i32),
    to: (i32, i32),
    color: RGBAColor,
    width: u32,
    head: f64,
) -> DResult<DB> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len < 2.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = head.min(len * 0.6);
    let base = (f64::from(to.0) - ux * head, f64::from(to.1) - uy * head);
    let half = head * 0.45;
    let pts = vec![
        to,
        (
            (base.0 - uy * half).round() as i32,
            (base.1 + ux * half).round() as i32,
        ),
        (
            (base.0 + uy * half).round() as i32,
            (base.1 - ux * half).round() as i32,
        ),
    ];
    let shaft_end = (base.0.round() as i32, base.1.round() as i32);
    a.draw(&PathElement::new(
        vec![from, shaft_end],
        ShapeStyle::from(color).stroke_width(width),
    ))?;
    a.draw(&Polygon::new(pts, ShapeStyle::from(color).filled()))
}

/// Vertices of a marker of "radius" `r` around `(cx, cy)`; `None` for the circle.
fn marker_polygon(m: Marker, (cx, cy): (i32, i32), r: f64) -> Option<Vec<(i32, i32)>> {
    let (x, y) = (f64::from(cx), f64::from(cy));
    let pt = |px: f64, py: f64| ((x + px).round() as i32, (y + py).round() as i32);
    let regular = |n: usize, rr: f64, start: f64| -> Vec<(i32, i32)> {
        (0..n)
            .map(|i| {
                let ang = start + std::f64::consts::TAU * i as f64 / n as f64;
                pt(rr * ang.cos(), rr * ang.sin())
            })
            .collect()
    };
    let up = -std::f64::consts::FRAC_PI_2;
    match m {
        Marker::Circle => None,
        // Triangles and diamonds are drawn a little larger so their area matches the circle's.
        Marker::TriangleUp => Some(regular(3, r * 1.35, up)),
        Marker::TriangleDown => Some(regular(3, r * 1.35, -up)),
        Marker::Square => {
            let s = r * 0.89;
            Some(vec![pt(-s, -s), pt(s, -s), pt(s, s), pt(-s, s)])
        }
        Marker::Diamond => Some(regular(4, r * 1.25, up)),
        Marker::Hexagon => Some(regular(6, r * 1.1, up)),
        Marker::Star => {
            let outer = r * 1.45;
            let inner = outer * 0.45;
            Some(
                (0..10)
                    .map(|i| {
                        let rr = if i % 2 == 0 { outer } else { inner };
                        let ang = up + std::f64::consts::PI * i as f64 / 5.0;
                        pt(rr * ang.cos(), rr * ang.sin())
                    })
                    .collect(),
            )
        }
        Marker::Plus => {
            let l = r * 1.3;
            let w = (r * 0.42).max(1.0);
            Some(vec![
                pt(-w, -l),
                pt(w, -l),
                pt(w, -w),
                pt(l, -w),
                pt(l, w),
                pt(w, w),
                pt(w, l),
                pt(-w, l),
                pt(-w, w),
                pt(-l, w),
                pt(-l, -w),
                pt(-w, -w),
            ])
        }
    }
}

/// Half the width of the square that holds a marker of radius `r` (for label avoidance).
pub(crate) fn marker_extent(m: Marker, r: f64) -> i32 {
    let k = match m {
        Marker::Circle => 1.0,
        Marker::Square => 0.9,
        Marker::Hexagon => 1.1,
        Marker::Diamond => 1.25,
        Marker::TriangleUp | Marker::TriangleDown | Marker::Plus => 1.35,
        Marker::Star => 1.45,
    };
    (r * k).ceil() as i32
}

/// A filled marker with an optional outline.
pub(crate) fn marker<DB: DrawingBackend>(
    a: &Area<DB>,
    m: Marker,
    c: (i32, i32),
    r: f64,
    fill: RGBAColor,
    outline: Option<RGBAColor>,
) -> DResult<DB> {
    match marker_polygon(m, c, r) {
        None => {
            let rr = r.round().max(1.0) as i32;
            a.draw(&Circle::new(c, rr, ShapeStyle::from(fill).filled()))?;
            if let Some(o) = outline {
                a.draw(&Circle::new(c, rr, ShapeStyle::from(o).stroke_width(1)))?;
            }
        }
        Some(pts) => {
            a.draw(&Polygon::new(pts.clone(), ShapeStyle::from(fill).filled()))?;
            if let Some(o) = outline {
                let mut closed = pts;
                closed.push(closed[0]);
                a.draw(&PathElement::new(
                    closed,
                    ShapeStyle::from(o).stroke_width(1),
                ))?;
            }
        }
    }
    Ok(())
}

/// A hollow marker (outline only).
pub(crate) fn hollow_marker<DB: DrawingBackend>(
    a: &Area<DB>,
    m: Marker,
    c: (i32, i32),
    r: f64,
    color: RGBAColor,
) -> DResult<DB> {
    match marker_polygon(m, c, r) {
        None => a.draw(&Circle::new(
            c,
            r.round().max(1.0) as i32,
            ShapeStyle::from(color).stroke_width(1),
        )),
        Some(mut pts) => {
            pts.push(pts[0]);
            a.draw(&PathElement::new(
                pts,
                ShapeStyle::from(color).stroke_width(1),
            ))
        }
    }
}

/// The centroid mark: a bold X in the cluster's colour, outlined in black on a white halo.
pub(crate) fn centroid<DB: DrawingBackend>(
    a: &Area<DB>,
    c: (i32, i32),
    half: f64,
    fill: RGBColor,
) -> DResult<DB> {
    let (x, y) = (f64::from(c.0), f64::from(c.1));
    let w = half * 0.32;
    // An X: the plus polygon turned by 45 degrees.
    let arm = |px: f64, py: f64| {
        let (s, co) = std::f64::consts::FRAC_PI_4.sin_cos();
        (
            (x + px * co - py * s).round() as i32,
            (y + px * s + py * co).round() as i32,
        )
    };
    let l = half;
    let pts = vec![
        arm(-w, -l),
        arm(w, -l),
        arm(w, -w),
        arm(l, -w),
        arm(l, w),
        arm(w, w),
        arm(w, l),
        arm(-w, l),
        arm(-w, w),
        arm(-l, w),
        arm(-l, -w),
        arm(-w, -w),
    ];
    let mut closed = pts.clone();
    closed.push(pts[0]);
    a.draw(&PathElement::new(
        closed.clone(),
        ShapeStyle::from(WHITE.mix(0.9)).stroke_width(5),
    ))?;
    a.draw(&Polygon::new(pts, ShapeStyle::from(fill).filled()))?;
    a.draw(&PathElement::new(
        closed,
        ShapeStyle::from(BLACK).stroke_width(2),
    ))
}

/// The chart's title, bold, centred at the top.
/// A stacked bar segment's label (a share or a count), centred on the segment from `xa` to `xb`
/// at height `cy`, in the colour that reads on `fill`; left out when it does not fit.
pub(crate) fn segment_label<DB: DrawingBackend>(
    root: &Area<DB>,
    label: &str,
    (xa, xb): (i32, i32),
    cy: i32,
    font: &FontDesc,
    fill: RGBColor,
) -> DResult<DB> {
    if style::text_width(font, label) + 6 > xb - xa {
        return Ok(());
    }
    let colour = style::text_on(fill);
    text(
        root,
        label,
        ((xa + xb) / 2, cy),
        font,
        colour,
        HPos::Center,
        V::Middle,
    )
}

/// The share scale under stacked bars: a grey line from `x0` to `x1` at `y`, and at each tick
/// (a share, placed by `x_of`) a mark and the share as a percentage without its sign.
pub(crate) fn share_scale<DB: DrawingBackend>(
    root: &Area<DB>,
    (x0, x1): (i32, i32),
    y: i32,
    ticks: &[f64],
    x_of: impl Fn(f64) -> i32,
) -> DResult<DB> {
    let font = style::font(13.0);
    line(root, (x0, y), (x1, y), style::GREY)?;
    for &t in ticks {
        let x = x_of(t);
        line(root, (x, y), (x, y + 5), style::GREY)?;
        let label = style::percent(t.abs());
        text(root, &label, (x, y + 9), &font, INK, HPos::Center, V::Top)?;
    }
    Ok(())
}

pub(crate) fn title<DB: DrawingBackend>(a: &Area<DB>, s: &str, width: u32) -> DResult<DB> {
    let f = style::bold(23.0);
    let s = style::ellipsize(&f, s, width as i32 - 20);
    text(a, &s, (width as i32 / 2, 12), &f, INK, HPos::Center, V::Top)
}

/// A grey "nothing to show" note centred in `r`, on a light frame.
pub(crate) fn empty_note<DB: DrawingBackend>(a: &Area<DB>, r: Rect, note: &str) -> DResult<DB> {
    rect(a, r, ShapeStyle::from(style::GRID).stroke_width(1))?;
    let f = style::font(17.0);
    let ls = style::wrap(&f, note, (r.x1 - r.x0 - 20).max(40));
    let line_h = 20;
    let y0 = (r.y0 + r.y1) / 2 - line_h * ls.len() as i32 / 2;
    lines(
        a,
        &ls,
        ((r.x0 + r.x1) / 2, y0),
        &f,
        style::GREY,
        HPos::Center,
        line_h,
    )?;
    Ok(())
}
