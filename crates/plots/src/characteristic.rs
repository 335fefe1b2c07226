//! One characteristic of the units (a column of the user's trust-info file) compared across
//! clusters: a numeric one as every value with its quartiles, a categorical one as 100% stacked
//! bars. A cluster with too few units with a value is withheld: its row says so and shows nothing
//! else, so that no small group can be singled out.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::{self, Rect};
use crate::style::{self, Marker, GREY, INK};
use crate::{render, Chart, ClusterStyle, Figure, PlotError, Unit};

/// One cluster's values of a numeric characteristic.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericGroup {
    pub cluster: ClusterStyle,
    /// Units in the cluster with a value.
    pub n: usize,
    /// The values, sorted; empty when withheld.
    pub values: Vec<f64>,
    /// (q1, median, q3), R's type-7 quartiles; `None` when withheld.
    pub quartiles: Option<(f64, f64, f64)>,
    /// Fewer than `min_cell` units with a value: nothing of this cluster is drawn.
    pub withheld: bool,
}

/// One cluster's counts of a categorical characteristic.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryGroup {
    pub cluster: ClusterStyle,
    /// Units in the cluster with a value.
    pub n: usize,
    /// Per category (same order as the categories); empty when withheld.
    pub counts: Vec<u64>,
    /// Fewer than `min_cell` units with a value: nothing of this cluster is drawn.
    pub withheld: bool,
}

/// The words of a characteristic chart.
#[derive(Debug, Clone, PartialEq)]
pub struct CharacteristicText {
    /// File stem, e.g. "characteristic_schools".
    pub name: String,
    /// The variable's name as in the file's header, e.g. "schools".
    pub variable: String,
    /// One line under the title with the test, e.g. "Kruskal-Wallis H = 9.87, permutation
    /// p = 0.003 (Holm 0.012), ε² = 0.62".
    pub test: String,
    pub min_cell: usize,
    pub unit: Unit,
}

const WIDTH: u32 = 940;
/// Left edge of the cluster captions; each cluster's marker sits left of it.
const LABEL_X: i32 = 36;
const MAX_LABEL_W: i32 = 300;
const RIGHT: i32 = 40;
const NUM_ROW: i32 = 60;
const CAT_ROW: i32 = 48;
const LEGEND_X: i32 = 30;
const LEGEND_ROW: i32 = 26;
/// Categories with a colour of their own; past this the colours repeat.
const MAX_COLOURS: usize = 12;

/// The categories' colours: Okabe-Ito with dark and light neighbours alternating (grey in place
/// of black, which would swamp its segment), then darker shades of blue, orange, green and
/// purple. Not the clusters' order, so a segment is not read as a cluster.
const CATEGORY_RGB: [RGBColor; MAX_COLOURS] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x99, 0x99, 0x99),
    RGBColor(0x00, 0x3F, 0x62),
    RGBColor(0x7F, 0x57, 0x00),
    RGBColor(0x00, 0x57, 0x3F),
    RGBColor(0x7A, 0x43, 0x64),
];

fn category_rgb(i: usize) -> RGBColor {
    CATEGORY_RGB[i % MAX_COLOURS]
}

fn caption_font() -> FontDesc<'static> {
    style::font(15.0)
}

fn sub_font() -> FontDesc<'static> {
    style::font(13.0)
}

fn test_font() -> FontDesc<'static> {
    style::font(15.0)
}

/// "withheld: fewer than 5 trusts with a value".
fn withheld_text(min_cell: usize, unit: &Unit) -> String {
    let units = if min_cell == 1 { &unit.one } else { &unit.many };
    format!("withheld: fewer than {min_cell} {units} with a value")
}

fn title(variable: &str) -> String {
    format!("\"{}\" by cluster", variable.trim())
}

/// The test under the title, wrapped; a third line and more are cut to an ellipsis.
fn test_lines(test: &str) -> Vec<String> {
    let test = test.trim();
    if test.is_empty() {
        return Vec::new();
    }
    let f = test_font();
    let max_w = WIDTH as i32 - 60;
    let mut ls = style::wrap(&f, test, max_w);
    if ls.len() > 2 {
        let rest = ls[1..].join(" ");
        ls.truncate(1);
        ls.push(style::ellipsize(&f, &(rest + " …"), max_w));
    }
    ls
}

/// Where the rows start: below the title and the test's lines.
fn top_of(test_lines: usize) -> i32 {
    46 + test_lines as i32 * 19 + 14
}

/// Left edge of the plot, right of the captions.
fn plot_left(label_w: i32) -> i32 {
    LABEL_X + label_w + 16
}

fn header<DB: DrawingBackend>(root: &Area<DB>, title: &str, test: &[String]) -> DResult<DB> {
    canvas::title(root, title, WIDTH)?;
    canvas::lines(
        root,
        test,
        (WIDTH as i32 / 2, 46),
        &test_font(),
        GREY,
        HPos::Center,
        19,
    )?;
    Ok(())
}

/// A cluster's row label: its marker and caption, and in grey beneath how many have a value.
struct RowLabel {
    cluster: usize,
    caption: String,
    sub: String,
}

impl RowLabel {
    fn new(c: &ClusterStyle, n: usize, unit: &Unit) -> RowLabel {
        RowLabel {
            cluster: c.number,
            caption: crate::cluster_caption_within(c, unit, &caption_font(), MAX_LABEL_W),
            sub: style::ellipsize(
                &sub_font(),
                &format!("{} with a value", unit.count(n)),
                MAX_LABEL_W,
            ),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, cy: i32) -> DResult<DB> {
        canvas::marker(
            root,
            Marker::for_cluster(self.cluster),
            (LABEL_X - 14, cy - 10),
            6.0,
            style::cluster_rgb(self.cluster).to_rgba(),
            Some(BLACK.mix(0.75)),
        )?;
        canvas::text(
            root,
            &self.caption,
            (LABEL_X, cy - 15),
            &caption_font(),
            INK,
            HPos::Left,
            V::Top,
        )?;
        canvas::text(
            root,
            &self.sub,
            (LABEL_X, cy + 4),
            &sub_font(),
            GREY,
            HPos::Left,
            V::Top,
        )
    }
}

fn label_width(labels: &[&RowLabel]) -> i32 {
    style::widest(&caption_font(), labels.iter().map(|l| l.caption.as_str()))
        .max(style::widest(
            &sub_font(),
            labels.iter().map(|l| l.sub.as_str()),
        ))
        .clamp(100, MAX_LABEL_W)
}

/// Clusters in number order, cluster 1 at the top.
fn by_number<T>(groups: &[T], cluster: impl Fn(&T) -> usize) -> Vec<&T> {
    let mut sorted: Vec<&T> = groups.iter().collect();
    sorted.sort_by_key(|&g| cluster(g));
    sorted
}

// ---------------------------------------------------------------------------------------------
// Numeric
// ---------------------------------------------------------------------------------------------

struct NumRow {
    label: RowLabel,
    /// Finite values, ascending.
    values: Vec<f64>,
    quartiles: Option<(f64, f64, f64)>,
    withheld: bool,
}

struct NumFigure {
    title: String,
    test: Vec<String>,
    x_desc: String,
    x_range: (f64, f64),
    rows: Vec<NumRow>,
    label_w: i32,
    /// Marker radius.
    r: f64,
    withheld: String,
    no_values: String,
    empty: String,
    plot_h: i32,
    height: u32,
    notes: Vec<String>,
}

/// Vertical offsets that keep markers of radius `r` at the ascending pixel columns `xs` apart:
/// each takes the first slot of 0, -step, +step, -2 step, ... (within `spread` px) that no
/// earlier marker less than a marker's width away holds; when all are held they are reused in
/// turn. No randomness: the same values give the same picture.
fn dodge(xs: &[i32], r: f64, spread: i32) -> Vec<i32> {
    let step = (r * 1.6).round().max(2.0) as i32;
    let k = (spread / step).max(0);
    let slots: Vec<i32> = std::iter::once(0)
        .chain((1..=k).flat_map(|j| [-j * step, j * step]))
        .collect();
    let near = (2.0 * r).ceil() as i32 + 1;
    let mut taken: Vec<usize> = Vec::with_capacity(xs.len());
    for (i, &x) in xs.iter().enumerate() {
        let mut held = vec![false; slots.len()];
        for (&xp, &s) in xs[..i].iter().zip(&taken).rev() {
            if x - xp >= near {
                break;
            }
            held[s] = true;
        }
        let slot = held.iter().position(|h| !h).unwrap_or(i % slots.len());
        taken.push(slot);
    }
    taken.into_iter().map(|s| slots[s]).collect()
}

impl Figure for NumFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        header(root, &self.title, &self.test)?;
        let top = top_of(self.test.len());
        let left = plot_left(self.label_w);
        let area = canvas::rows_area(root, top, (left, 62), RIGHT, self.plot_h);
        let n_rows = self.rows.len().max(1);
        let (chart, plot) = canvas::rows_chart(
            &area,
            self.x_range.0..self.x_range.1,
            n_rows as f64,
            &self.x_desc,
            62,
        )?;
        if self.rows.is_empty() {
            return canvas::empty_note(root, plot.grow(-20), &self.empty);
        }
        let scale = f64::from(plot.y1 - plot.y0) / n_rows as f64;
        let y_of = |row: usize| plot.y0 + (row as f64 * scale).round() as i32;
        let x_of = |v: f64| chart.backend_coord(&(v, 0.0)).0;
        let sf = style::font(14.0);
        let mid = (plot.x0 + plot.x1) / 2;
        for (i, row) in self.rows.iter().enumerate() {
            let (y0, y1) = (y_of(i), y_of(i + 1));
            let cy = (y0 + y1) / 2;
            if i > 0 {
                canvas::line(root, (plot.x0 + 1, y0), (plot.x1 - 1, y0), style::GRID)?;
            }
            row.label.draw(root, cy)?;
            if row.withheld || row.values.is_empty() {
                let note = if row.withheld {
                    &self.withheld
                } else {
                    &self.no_values
                };
                canvas::text(root, note, (mid, cy), &sf, GREY, HPos::Center, V::Middle)?;
                continue;
            }
            let colour = style::cluster_rgb(row.label.cluster);
            // The box behind the points, the median over them.
            if let Some((q1, _, q3)) = row.quartiles {
                let (a, b) = (x_of(q1), x_of(q3));
                let r = Rect::new(a, cy - 12, b.max(a + 1), cy + 13);
                canvas::rect(root, r, colour.mix(0.3).filled())?;
                canvas::rect(root, r, GREY.stroke_width(1))?;
            }
            let xs: Vec<i32> = row.values.iter().map(|&v| x_of(v)).collect();
            let spread = ((y1 - y0) / 2 - self.r.ceil() as i32 - 3).max(0);
            let marker = Marker::for_cluster(row.label.cluster);
            for (&x, dy) in xs.iter().zip(dodge(&xs, self.r, spread)) {
                canvas::marker(
                    root,
                    marker,
                    (x, cy + dy),
                    self.r,
                    colour.to_rgba(),
                    Some(BLACK.mix(0.75)),
                )?;
            }
            if let Some((_, median, _)) = row.quartiles {
                let xm = x_of(median);
                canvas::rect(
                    root,
                    Rect::new(xm - 1, cy - 17, xm + 2, cy + 18),
                    INK.filled(),
                )?;
            }
        }
        canvas::notes(root, &self.notes, canvas::notes_under(plot.y1))
    }
}

pub(crate) fn numeric(
    text: &CharacteristicText,
    groups: &[NumericGroup],
) -> Result<Chart, PlotError> {
    let unit = &text.unit;
    let mut skipped = 0;
    let rows: Vec<NumRow> = by_number(groups, |g| g.cluster.number)
        .into_iter()
        .map(|g| {
            let mut values: Vec<f64> = Vec::new();
            let mut quartiles = None;
            if !g.withheld {
                values = g.values.iter().copied().filter(|v| v.is_finite()).collect();
                skipped += g.values.len() - values.len();
                values.sort_by(f64::total_cmp);
                quartiles = g
                    .quartiles
                    .filter(|&(a, b, c)| a.is_finite() && b.is_finite() && c.is_finite());
            }
            NumRow {
                label: RowLabel::new(&g.cluster, g.n, unit),
                values,
                quartiles,
                withheld: g.withheld,
            }
        })
        .collect();
    let x_range = layout::padded_range(
        rows.iter().flat_map(|r| {
            let q = r.quartiles.into_iter().flat_map(|(a, b, c)| [a, b, c]);
            r.values.iter().copied().chain(q)
        }),
        &[],
        0.05,
    );
    let most = rows.iter().map(|r| r.values.len()).max().unwrap_or(0);
    let radius = if most > 150 { 3.0 } else { 4.5 };
    let label_w = label_width(&rows.iter().map(|r| &r.label).collect::<Vec<_>>());
    let plot_w = WIDTH as i32 - plot_left(label_w) - RIGHT;
    let x_desc = style::ellipsize(&style::font(16.0), text.variable.trim(), plot_w - 20);
    let plot_h = if rows.is_empty() {
        200
    } else {
        rows.len() as i32 * NUM_ROW
    };
    let mut notes = Vec::new();
    if !rows.is_empty() {
        notes.push(format!(
            "Each point is one {}, moved up or down only to keep points apart; the box spans the quartiles and the dark line marks the median.",
            unit.one
        ));
    }
    if skipped > 0 {
        notes.push(format!(
            "{} not shown: the value is not a number.",
            unit.count(skipped)
        ));
    }
    let notes = canvas::wrap_notes(&notes, WIDTH as i32 - 40);
    let test = test_lines(&text.test);
    let top = top_of(test.len());
    let height = canvas::rows_figure_height(top, plot_h, notes.len());
    render(
        text.name.clone(),
        &NumFigure {
            title: title(&text.variable),
            test,
            x_desc,
            x_range,
            rows,
            label_w,
            r: radius,
            withheld: withheld_text(text.min_cell, unit),
            no_values: format!("no {} with a value", unit.many),
            empty: format!("No values of \"{}\" to show.", text.variable.trim()),
            plot_h,
            height,
            notes,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Categorical
// ---------------------------------------------------------------------------------------------

struct CatRow {
    label: RowLabel,
    /// One count per category; empty when withheld.
    counts: Vec<u64>,
    withheld: bool,
}

struct CatFigure {
    title: String,
    test: Vec<String>,
    rows: Vec<CatRow>,
    /// The categories as the legend shows them, with each one's (legend row, x offset).
    legend: Vec<String>,
    legend_pos: Vec<(usize, i32)>,
    legend_rows: usize,
    label_w: i32,
    withheld: String,
    no_values: String,
    empty: String,
    height: u32,
    notes: Vec<String>,
}

fn legend_font() -> FontDesc<'static> {
    style::font(15.0)
}

impl Figure for CatFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        header(root, &self.title, &self.test)?;
        let top = top_of(self.test.len());
        if self.rows.is_empty() {
            let r = Rect::new(40, top, WIDTH as i32 - 40, top + 160);
            return canvas::empty_note(root, r, &self.empty);
        }
        let (bx0, bx1) = (plot_left(self.label_w), WIDTH as i32 - RIGHT);
        let x_of = |v: f64| bx0 + (v * f64::from(bx1 - bx0)).round() as i32;
        let cf = style::font(14.0);
        let mut y = top;
        for row in &self.rows {
            let cy = y + CAT_ROW / 2;
            row.label.draw(root, cy)?;
            let total: u64 = row.counts.iter().sum();
            if row.withheld || total == 0 {
                let note = if row.withheld {
                    &self.withheld
                } else {
                    &self.no_values
                };
                canvas::text(
                    root,
                    note,
                    ((bx0 + bx1) / 2, cy),
                    &cf,
                    GREY,
                    HPos::Center,
                    V::Middle,
                )?;
                y += CAT_ROW;
                continue;
            }
            let share = |c: u64| c as f64 / total as f64;
            let mut acc = 0;
            for (i, &c) in row.counts.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let (xa, xb) = (x_of(share(acc)), x_of(share(acc + c)));
                acc += c;
                let colour = category_rgb(i);
                canvas::rect(
                    root,
                    Rect::new(xa, y + 8, xb.max(xa + 1), y + CAT_ROW - 8),
                    colour.filled(),
                )?;
                if xa > bx0 && xb - xa >= 3 {
                    // A white edge between segments keeps them apart in greyscale.
                    canvas::line(
                        root,
                        (xa, y + 8),
                        (xa, y + CAT_ROW - 9),
                        WHITE.stroke_width(1),
                    )?;
                }
                canvas::segment_label(root, &c.to_string(), (xa, xb), cy, &cf, colour)?;
            }
            y += CAT_ROW;
        }
        canvas::share_scale(root, (bx0, bx1), y + 4, &[0.0, 0.25, 0.5, 0.75, 1.0], x_of)?;
        // Legend: the categories in the segments' order, wrapped.
        let lf = legend_font();
        let ly = y + 44;
        for (i, (name, &(row, dx))) in self.legend.iter().zip(&self.legend_pos).enumerate() {
            let x = LEGEND_X + dx;
            let cy = ly + row as i32 * LEGEND_ROW + LEGEND_ROW / 2;
            let swatch = Rect::new(x, cy - 8, x + 16, cy + 8);
            canvas::rect(root, swatch, category_rgb(i).filled())?;
            canvas::rect(root, swatch, GREY.stroke_width(1))?;
            canvas::text(root, name, (x + 22, cy), &lf, INK, HPos::Left, V::Middle)?;
        }
        let notes_y = ly + self.legend_rows as i32 * LEGEND_ROW + 10;
        canvas::notes(root, &self.notes, (20, notes_y))
    }
}

pub(crate) fn categorical(
    text: &CharacteristicText,
    categories: &[String],
    groups: &[CategoryGroup],
) -> Result<Chart, PlotError> {
    let unit = &text.unit;
    let rows: Vec<CatRow> = by_number(groups, |g| g.cluster.number)
        .into_iter()
        .map(|g| CatRow {
            label: RowLabel::new(&g.cluster, g.n, unit),
            counts: if g.withheld {
                Vec::new()
            } else {
                (0..categories.len())
                    .map(|i| g.counts.get(i).copied().unwrap_or(0))
                    .collect()
            },
            withheld: g.withheld,
        })
        .collect();
    let label_w = label_width(&rows.iter().map(|r| &r.label).collect::<Vec<_>>());
    let lf = legend_font();
    let legend: Vec<String> = categories
        .iter()
        .map(|c| style::ellipsize(&lf, c.trim(), 280))
        .collect();
    let widths: Vec<i32> = legend
        .iter()
        .map(|t| 22 + style::text_width(&lf, t))
        .collect();
    let (legend_pos, legend_rows) = layout::flow(&widths, WIDTH as i32 - 2 * LEGEND_X, 24);
    let mut notes = Vec::new();
    if !rows.is_empty() {
        notes.push(format!(
            "Each bar: the share of the cluster's {} with a value in each category, adding up to 100%; the numbers are counts.",
            unit.many
        ));
    }
    if categories.len() > MAX_COLOURS {
        notes.push(format!(
            "Colours repeat after {MAX_COLOURS} categories: the segments run left to right in the legend's order."
        ));
    }
    let notes = canvas::wrap_notes(&notes, WIDTH as i32 - 40);
    let test = test_lines(&text.test);
    let top = top_of(test.len());
    let height: i32 = if rows.is_empty() {
        top + 160 + 30
    } else {
        top + rows.len() as i32 * CAT_ROW
            + 44
            + legend_rows as i32 * LEGEND_ROW
            + 10
            + notes.len() as i32 * canvas::NOTE_LINE
            + 12
    };
    render(
        text.name.clone(),
        &CatFigure {
            title: title(&text.variable),
            test,
            rows,
            legend,
            legend_pos,
            legend_rows,
            label_w,
            withheld: withheld_text(text.min_cell, unit),
            no_values: format!("no {} with a value", unit.many),
            empty: format!("No values of \"{}\" to show.", text.variable.trim()),
            height: height as u32,
            notes,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dodge_keeps_ties_apart_and_is_deterministic() {
        let xs = [10, 10, 10, 40, 41];
        let dy = dodge(&xs, 4.5, 20);
        assert_eq!(dy.len(), xs.len());
        assert_eq!(dy[0], 0);
        assert_ne!(dy[1], dy[0]);
        assert_ne!(dy[2], dy[1]);
        assert_ne!(dy[2], dy[0]);
        assert_eq!(dy[3], 0);
        assert_ne!(dy[4], 0);
        assert!(dy.iter().all(|d| d.abs() <= 20));
        assert_eq!(dy, dodge(&xs, 4.5, 20));
        // No room to move: everything stays on the line.
        assert_eq!(dodge(&xs, 4.5, 0), vec![0; 5]);
    }

    #[test]
    fn withheld_wording_follows_the_unit() {
        assert_eq!(
            withheld_text(5, &Unit::default()),
            "withheld: fewer than 5 trusts with a value"
        );
        assert_eq!(
            withheld_text(1, &Unit::new("school")),
            "withheld: fewer than 1 school with a value"
        );
    }
}
