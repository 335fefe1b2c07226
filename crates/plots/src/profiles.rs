//! Cluster x theme heatmap of mean z-scores (theme x cluster when themes are many or their
//! labels long).

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::style::{self, GREY, INK};
use crate::{render, Chart, ClusterStyle, Figure, PlotError, ProfileCell, Unit};

const CELL_H: i32 = 46;
const LEFT_PAD: i32 = 20;
const TOP: i32 = 56;
/// Above this many themes the heatmap is drawn with themes as rows.
const MAX_THEME_COLUMNS: usize = 8;

struct Heatmap {
    rows: Vec<(usize, String)>,
    cols: Vec<Vec<String>>,
    values: Vec<Vec<f64>>,
    limit: f64,
    label_w: i32,
    col_w: i32,
    header_h: i32,
    width: u32,
    height: u32,
    notes: Vec<String>,
}

fn row_font() -> FontDesc<'static> {
    style::font(16.0)
}
fn head_font() -> FontDesc<'static> {
    style::bold(15.0)
}
fn cell_font() -> FontDesc<'static> {
    style::font(16.0)
}

impl Figure for Heatmap {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(
            root,
            "Cluster profiles: mean z-score of each theme",
            self.width,
        )?;
        let x0 = LEFT_PAD + self.label_w + 12;
        let grid_top = TOP + self.header_h;
        if self.rows.is_empty() || self.cols.is_empty() {
            let r = Rect::new(40, TOP, self.width as i32 - 40, self.height as i32 - 30);
            return canvas::empty_note(root, r, "No cluster profiles to show.");
        }
        // Column headers, wrapped, bottom-aligned above the grid.
        let hf = head_font();
        for (j, lines) in self.cols.iter().enumerate() {
            let cx = x0 + j as i32 * self.col_w + self.col_w / 2;
            let y = grid_top - 8 - lines.len() as i32 * 18 + 4;
            canvas::lines(root, lines, (cx, y), &hf, INK, HPos::Center, 18)?;
        }
        let rf = row_font();
        let cf = cell_font();
        for (i, (_, label)) in self.rows.iter().enumerate() {
            let y = grid_top + i as i32 * CELL_H;
            canvas::text(
                root,
                label,
                (x0 - 12, y + CELL_H / 2),
                &rf,
                INK,
                HPos::Right,
                V::Middle,
            )?;
            for (j, &z) in self.values[i].iter().enumerate() {
                let x = x0 + j as i32 * self.col_w;
                let r = Rect::new(x, y, x + self.col_w, y + CELL_H);
                let (bg, txt) = if z.is_finite() {
                    (style::diverging(z / self.limit), style::fixed(z, 2))
                } else {
                    (RGBColor(0xEE, 0xEE, 0xEE), "n/a".to_string())
                };
                canvas::rect(root, r, bg.filled())?;
                canvas::rect(root, r, WHITE.stroke_width(2))?;
                let fg = if z.is_finite() {
                    style::text_on(bg)
                } else {
                    GREY
                };
                canvas::text(
                    root,
                    &txt,
                    (x + self.col_w / 2, y + CELL_H / 2),
                    &cf,
                    fg,
                    HPos::Center,
                    V::Middle,
                )?;
            }
        }
        // Colour key below the grid.
        let key_top = grid_top + self.rows.len() as i32 * CELL_H + 26;
        let key_w = 300.min(self.cols.len() as i32 * self.col_w);
        let kx = x0 + (self.cols.len() as i32 * self.col_w - key_w) / 2;
        for i in 0..key_w {
            let t = (f64::from(i) / f64::from(key_w - 1)) * 2.0 - 1.0;
            canvas::rect(
                root,
                Rect::new(kx + i, key_top, kx + i + 1, key_top + 14),
                style::diverging(t).filled(),
            )?;
        }
        canvas::rect(
            root,
            Rect::new(kx, key_top, kx + key_w, key_top + 14),
            GREY.stroke_width(1),
        )?;
        let tf = style::font(14.0);
        let ticks = [
            (kx, format!("-{}", style::fixed(self.limit, 1))),
            (kx + key_w / 2, "0".to_string()),
            (kx + key_w - 1, style::fixed(self.limit, 1)),
        ];
        for (x, t) in ticks {
            canvas::line(root, (x, key_top + 14), (x, key_top + 19), GREY)?;
            canvas::text(root, &t, (x, key_top + 22), &tf, INK, HPos::Center, V::Top)?;
        }
        canvas::text(
            root,
            "lower than average",
            (kx - 10, key_top + 7),
            &tf,
            GREY,
            HPos::Right,
            V::Middle,
        )?;
        canvas::text(
            root,
            "higher than average",
            (kx + key_w + 10, key_top + 7),
            &tf,
            GREY,
            HPos::Left,
            V::Middle,
        )?;
        canvas::notes(root, &self.notes, (LEFT_PAD, key_top + 48))
    }
}

pub(crate) fn profiles(
    cells: &[ProfileCell],
    clusters: &[ClusterStyle],
    themes: &[String],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    // Rows: the clusters given, then any other cluster found in the cells; by number.
    let mut by_number: BTreeMap<usize, ClusterStyle> = BTreeMap::new();
    for c in clusters {
        by_number.entry(c.number).or_insert_with(|| c.clone());
    }
    for c in cells {
        by_number.entry(c.cluster).or_insert_with(|| ClusterStyle {
            number: c.cluster,
            name: String::new(),
            size: 0,
        });
    }
    let rf = row_font();
    let rows: Vec<(usize, String)> = by_number
        .values()
        .map(|c| {
            let label = if c.size == 0 && c.name.is_empty() {
                format!("Cluster {}", c.number)
            } else {
                crate::cluster_caption_within(c, unit, &rf, 380)
            };
            (c.number, label)
        })
        .collect();
    // Columns: the themes given, then any other theme found in the cells, in order of appearance.
    let mut theme_ids: Vec<String> = Vec::new();
    for t in themes.iter().chain(cells.iter().map(|c| &c.theme)) {
        if !theme_ids.contains(t) {
            theme_ids.push(t.clone());
        }
    }
    let mut values = vec![vec![f64::NAN; theme_ids.len()]; rows.len()];
    for c in cells {
        let i = rows.iter().position(|r| r.0 == c.cluster);
        let j = theme_ids.iter().position(|t| *t == c.theme);
        if let (Some(i), Some(j)) = (i, j) {
            if values[i][j].is_nan() {
                values[i][j] = c.mean_z;
            }
        }
    }
    let max_abs = values
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let limit = ((max_abs / 0.5).ceil() * 0.5).max(0.5);

    let hf = head_font();
    // Labels as given ("iPad use"); ids with `_` (`teaching_pedagogy`) made readable.
    let names: Vec<String> = theme_ids
        .iter()
        .map(|t| {
            if t.contains('_') && !t.contains(' ') {
                style::humanise(t)
            } else {
                t.clone()
            }
        })
        .collect();
    let longest_word = style::widest(&hf, names.iter().flat_map(|n| n.split_whitespace()));
    let col_w = (longest_word + 16).clamp(96, 150);
    let wrapped: Vec<Vec<String>> = names
        .iter()
        .map(|n| style::wrap(&hf, n, col_w - 8))
        .collect();
    // Many themes, or labels too long for three header lines: the themes become the rows,
    // where a label has the width it needs, and the clusters the columns.
    let transpose = names.len() > MAX_THEME_COLUMNS || wrapped.iter().any(|l| l.len() > 3);
    type Grid = (Vec<(usize, String)>, Vec<Vec<String>>, Vec<Vec<f64>>, i32);
    let (rows, cols, values, col_w): Grid = if transpose {
        let col_w = 170;
        let cols = by_number
            .values()
            .map(|c| {
                let mut lines = vec![format!("Cluster {}", c.number)];
                let name = style::wrap(&hf, c.name.trim(), col_w - 8);
                if let Some(first) = name.first().filter(|l| !l.is_empty()) {
                    lines.push(first.clone());
                }
                if name.len() > 1 {
                    let rest = name[1..].join(" ");
                    lines.push(style::ellipsize(&hf, &rest, col_w - 8));
                }
                if c.size > 0 {
                    lines.push(format!("({})", unit.count(c.size)));
                }
                lines
            })
            .collect();
        let rows = names
            .iter()
            .enumerate()
            .map(|(j, n)| (j, style::ellipsize(&rf, n, 460)))
            .collect();
        let values = (0..names.len())
            .map(|j| values.iter().map(|row| row[j]).collect())
            .collect();
        (rows, cols, values, col_w)
    } else {
        let cols = wrapped
            .into_iter()
            .map(|mut l| {
                l.truncate(3);
                l
            })
            .collect();
        (rows, cols, values, col_w)
    };
    let header_lines = cols.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let header_h = header_lines * 18 + 14;
    let label_w = rows
        .iter()
        .map(|r| style::text_width(&rf, &r.1))
        .max()
        .unwrap_or(100);
    let mut notes = vec![format!(
        "Each cell: mean over the cluster's {} of the theme's standardised scores (z).",
        unit.many
    )];
    let missing = values.iter().flatten().filter(|v| !v.is_finite()).count();
    if missing > 0 && !rows.is_empty() && !cols.is_empty() {
        notes.push(format!(
            "n/a: no score for {missing} cluster-theme pair(s)."
        ));
    }
    // The colour key is centred under the grid with its words either side: wide enough for
    // "higher than average" to its right when there are few themes.
    let grid_w = cols.len() as i32 * col_w;
    let key_right = LEFT_PAD + label_w + 12 + grid_w / 2 + 300.min(grid_w) / 2 + 10;
    let key_words = style::text_width(&style::font(14.0), "higher than average");
    let width = (LEFT_PAD + label_w + 12 + grid_w + 30)
        .max(key_right + key_words + 16)
        .max(640) as u32;
    let height =
        (TOP + header_h + rows.len() as i32 * CELL_H + 26 + 48 + notes.len() as i32 * 18 + 12)
            .max(300) as u32;
    render(
        "profiles",
        &Heatmap {
            rows,
            cols,
            values,
            limit,
            label_w,
            col_w,
            header_h,
            width,
            height,
            notes,
        },
    )
}
