//! 100% stacked bars of the alignment answers (A / B / C) per group.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::shares::{group_caption, group_order};
use crate::style::{self, GREY, INK};
use crate::{render, AlignRow, Chart, Figure, PlotError};

const WIDTH: u32 = 900;
const ROW: i32 = 36;
const TOP: i32 = 60;

/// Okabe-Ito blue, sky blue and yellow: dark to light, so the order survives greyscale.
const ANSWERS: [(RGBColor, &str); 3] = [
    (
        RGBColor(0x00, 0x72, 0xB2),
        "A: the same pedagogy and/or curriculum in every school",
    ),
    (
        RGBColor(0x56, 0xB4, 0xE9),
        "B: common principles or values, but each school delivers them differently",
    ),
    (
        RGBColor(0xF0, 0xE4, 0x42),
        "C: each school has its own curriculum and/or pedagogy, but we expect to see quality",
    ),
];

struct AlignFigure {
    rows: Vec<(String, Option<[f64; 3]>)>,
    label_w: i32,
    height: u32,
}

impl Figure for AlignFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(
            root,
            "How does your trust approach curriculum and pedagogy?",
            WIDTH,
        )?;
        let bx0 = 20 + self.label_w + 14;
        let bx1 = WIDTH as i32 - 30;
        let x_of = |v: f64| bx0 + (v * f64::from(bx1 - bx0)).round() as i32;
        let lf = style::font(15.0);
        let sf = style::font(14.0);
        if self.rows.is_empty() {
            canvas::empty_note(
                root,
                Rect::new(40, TOP, WIDTH as i32 - 40, TOP + 120),
                "No alignment answers to show.",
            )?;
        }
        let mut y = TOP;
        for (caption, shares) in &self.rows {
            let cy = y + ROW / 2;
            canvas::text(
                root,
                caption,
                (bx0 - 10, cy),
                &lf,
                INK,
                HPos::Right,
                V::Middle,
            )?;
            match shares {
                None => canvas::text(
                    root,
                    "no answers",
                    ((bx0 + bx1) / 2, cy),
                    &sf,
                    GREY,
                    HPos::Center,
                    V::Middle,
                )?,
                Some(s) => {
                    let mut acc = 0.0;
                    for (share, (c, _)) in s.iter().zip(ANSWERS) {
                        let (xa, xb) = (x_of(acc), x_of(acc + share));
                        acc += share;
                        if xb <= xa {
                            continue;
                        }
                        canvas::rect(root, Rect::new(xa, y + 4, xb, y + ROW - 4), c.filled())?;
                        let label = style::percent(*share);
                        canvas::segment_label(root, &label, (xa, xb), cy, &sf, c)?;
                    }
                }
            }
            y += ROW;
        }
        canvas::share_scale(root, (bx0, bx1), y + 4, &[0.0, 0.25, 0.5, 0.75, 1.0], x_of)?;
        // Legend: what A, B and C mean.
        let mut ly = y + 44;
        for (c, text) in ANSWERS {
            canvas::rect(root, Rect::new(30, ly, 46, ly + 16), c.filled())?;
            canvas::rect(root, Rect::new(30, ly, 46, ly + 16), GREY.stroke_width(1))?;
            canvas::text(root, text, (54, ly + 8), &lf, INK, HPos::Left, V::Middle)?;
            ly += 26;
        }
        let nf = style::font(13.0);
        canvas::text(
            root,
            "Shares of staff answering in each group; each bar adds up to 100%.",
            (30, ly + 6),
            &nf,
            GREY,
            HPos::Left,
            V::Top,
        )?;
        Ok(())
    }
}

pub(crate) fn alignment(rows: &[AlignRow]) -> Result<Chart, PlotError> {
    let mut sorted: Vec<&AlignRow> = rows.iter().collect();
    sorted.sort_by(|a, b| group_order(&a.group, &b.group));
    let lf = style::font(15.0);
    let rows: Vec<(String, Option<[f64; 3]>)> = sorted
        .iter()
        .map(|r| {
            let s = [r.a, r.b, r.c].map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 });
            let total: f64 = s.iter().sum();
            let shares = (total > 0.0).then(|| s.map(|v| v / total));
            (
                style::ellipsize(&lf, &group_caption(&r.group, r.n), 300),
                shares,
            )
        })
        .collect();
    let label_w = style::widest(&lf, rows.iter().map(|r| r.0.as_str())).max(80);
    let height = (TOP + rows.len().max(3) as i32 * ROW + 44 + 3 * 26 + 34) as u32;
    render(
        "alignment",
        &AlignFigure {
            rows,
            label_w,
            height,
        },
    )
}
