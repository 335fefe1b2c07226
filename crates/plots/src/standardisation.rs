//! Diverging stacked bars of "more / same / less standardisation" per area and group.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::shares::{group_caption, group_order};
use crate::style::{self, GREY, INK};
use crate::{render, Chart, Figure, PlotError, StdShares};

const WIDTH: u32 = 1060;
const ROW: i32 = 24;
const PANEL_HEAD: i32 = 30;
const PANEL_GAP: i32 = 16;
const TOP: i32 = 96;
const LESS: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const SAME: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
const MORE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);

struct Panel {
    caption: String,
    /// (more, same, less) per area, in area order; None = no answers.
    values: Vec<Option<(f64, f64, f64)>>,
}

struct StdFigure {
    areas: Vec<String>,
    panels: Vec<Panel>,
    label_w: i32,
    height: u32,
    notes: Vec<String>,
}

fn area_font() -> FontDesc<'static> {
    style::font(14.0)
}

impl StdFigure {
    fn bar_x(&self) -> (i32, i32) {
        let x0 = 20 + self.label_w + 14;
        (x0, WIDTH as i32 - 90)
    }
}

impl Figure for StdFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(
            root,
            "Would this area benefit from more or less standardisation?",
            WIDTH,
        )?;
        let (bx0, bx1) = self.bar_x();
        let mid = (bx0 + bx1) / 2;
        let half = f64::from(bx1 - bx0) / 2.0;
        let x_of = |v: f64| mid + (v * half).round() as i32;
        // Legend.
        let lf = style::font(15.0);
        let items = [(LESS, "Less"), (SAME, "About the same"), (MORE, "More")];
        let widths: Vec<i32> = items
            .iter()
            .map(|i| 22 + style::text_width(&lf, i.1))
            .collect();
        let total: i32 = widths.iter().sum::<i32>() + 28 * 2;
        let mut x = mid - total / 2;
        for ((c, t), w) in items.iter().zip(&widths) {
            canvas::rect(root, Rect::new(x, 50, x + 15, 65), c.filled())?;
            canvas::text(root, t, (x + 21, 57), &lf, INK, HPos::Left, V::Middle)?;
            x += w + 28;
        }
        if self.panels.is_empty() {
            let r = Rect::new(40, TOP, WIDTH as i32 - 40, self.height as i32 - 30);
            return canvas::empty_note(root, r, "No standardisation answers to show.");
        }
        let af = area_font();
        let pf = style::bold(16.0);
        let sf = style::font(13.0);
        let nf = style::font(13.0);
        canvas::text(
            root,
            "net",
            (bx1 + 45, TOP - 8),
            &nf,
            GREY,
            HPos::Center,
            V::Bottom,
        )?;
        let mut y = TOP;
        for p in &self.panels {
            canvas::text(root, &p.caption, (20, y + 8), &pf, INK, HPos::Left, V::Top)?;
            y += PANEL_HEAD;
            let top = y;
            for t in [-0.5, 0.5] {
                canvas::dashed(
                    root,
                    (x_of(t), top - 2),
                    (x_of(t), top + ROW * self.areas.len() as i32),
                    style::GRID.to_rgba(),
                    1,
                    (3.0, 3.0),
                )?;
            }
            // Centre line under the bars (the "same" segment is centred on it).
            let bottom = top + ROW * self.areas.len() as i32;
            canvas::line(root, (mid, top - 2), (mid, bottom + 1), INK.stroke_width(1))?;
            for (i, area) in self.areas.iter().enumerate() {
                let cy = y + ROW / 2;
                canvas::text(root, area, (bx0 - 10, cy), &af, INK, HPos::Right, V::Middle)?;
                let Some((more, same, less)) = p.values[i] else {
                    canvas::text(
                        root,
                        "no answers",
                        (mid, cy),
                        &sf,
                        GREY,
                        HPos::Center,
                        V::Middle,
                    )?;
                    y += ROW;
                    continue;
                };
                let segs = [
                    (-same / 2.0 - less, -same / 2.0, LESS, less),
                    (-same / 2.0, same / 2.0, SAME, same),
                    (same / 2.0, same / 2.0 + more, MORE, more),
                ];
                for (a, b, c, share) in segs {
                    let (xa, xb) = (x_of(a), x_of(b));
                    if xb <= xa {
                        continue;
                    }
                    canvas::rect(root, Rect::new(xa, y + 3, xb, y + ROW - 3), c.filled())?;
                    let label = style::percent(share);
                    canvas::segment_label(root, &label, (xa, xb), cy, &sf, c)?;
                }
                let net = more - less;
                let sign = if net > 0.0005 { "+" } else { "" };
                canvas::text(
                    root,
                    &format!("{sign}{}", style::percent(net)),
                    (bx1 + 45, cy),
                    &sf,
                    INK,
                    HPos::Center,
                    V::Middle,
                )?;
                y += ROW;
            }
            y += PANEL_GAP;
        }
        // Scale under the last panel.
        let axis_y = y - PANEL_GAP + 6;
        canvas::share_scale(root, (bx0, bx1), axis_y, &[-1.0, -0.5, 0.0, 0.5, 1.0], x_of)?;
        let tf = style::font(13.0);
        canvas::text(
            root,
            "← less",
            (x_of(-0.75), axis_y + 9),
            &tf,
            GREY,
            HPos::Center,
            V::Top,
        )?;
        canvas::text(
            root,
            "more →",
            (x_of(0.75), axis_y + 9),
            &tf,
            GREY,
            HPos::Center,
            V::Top,
        )?;
        let mut ny = axis_y + 34;
        for n in &self.notes {
            canvas::text(root, n, (20, ny), &nf, GREY, HPos::Left, V::Top)?;
            ny += 18;
        }
        Ok(())
    }
}

pub(crate) fn standardisation(rows: &[StdShares]) -> Result<Chart, PlotError> {
    let ok = |r: &StdShares| r.more.is_finite() && r.same.is_finite() && r.less.is_finite();
    // Groups: "all" first, then clusters in natural order; n is the largest given for a group.
    let mut groups: Vec<(String, usize)> = Vec::new();
    for r in rows {
        match groups.iter_mut().find(|g| g.0 == r.group) {
            Some(g) => g.1 = g.1.max(r.n),
            None => groups.push((r.group.clone(), r.n)),
        }
    }
    groups.sort_by(|a, b| group_order(&a.0, &b.0));
    // Areas: by net "more" in the first group (normally "all") so that every panel shares one
    // order; areas missing there follow, by their mean net over the other groups.
    let mut net: BTreeMap<&str, (usize, f64, f64)> = BTreeMap::new();
    let first = groups.first().map(|g| g.0.clone()).unwrap_or_default();
    for r in rows.iter().filter(|r| ok(r)) {
        let e = net.entry(r.area.as_str()).or_insert((1, 0.0, 0.0));
        if r.group == first {
            e.0 = 0;
            e.1 = r.more - r.less;
        } else if e.0 == 1 {
            e.2 += 1.0;
            e.1 += (r.more - r.less - e.1) / e.2;
        }
    }
    let mut area_ids: Vec<&str> = rows.iter().map(|r| r.area.as_str()).collect();
    area_ids.sort();
    area_ids.dedup();
    area_ids.sort_by(|a, b| {
        let (ka, kb) = (
            net.get(a).copied().unwrap_or((2, 0.0, 0.0)),
            net.get(b).copied().unwrap_or((2, 0.0, 0.0)),
        );
        ka.0.cmp(&kb.0).then(kb.1.total_cmp(&ka.1)).then(a.cmp(b))
    });
    let af = area_font();
    let labels: Vec<String> = area_ids
        .iter()
        .map(|a| style::ellipsize(&af, &style::humanise(a), 430))
        .collect();
    let label_w = style::widest(&af, labels.iter().map(String::as_str)).max(80);
    let panels: Vec<Panel> = groups
        .iter()
        .map(|(g, n)| Panel {
            caption: group_caption(g, *n),
            values: area_ids
                .iter()
                .map(|a| {
                    rows.iter()
                        .find(|r| r.group == *g && r.area == *a && ok(r))
                        .map(|r| (r.more.max(0.0), r.same.max(0.0), r.less.max(0.0)))
                })
                .collect(),
        })
        .collect();
    let notes = vec![
        "Share of staff answering each option; \"about the same\" is split evenly around the centre line.".to_string(),
        "Net: more − less. Areas are sorted by net call for more standardisation in the first panel.".to_string(),
    ];
    let body = panels.len() as i32 * (PANEL_HEAD + PANEL_GAP)
        + panels.len() as i32 * area_ids.len() as i32 * ROW;
    let height = (TOP + body + 40 + notes.len() as i32 * 18 + 10).max(260) as u32;
    render(
        "standardisation",
        &StdFigure {
            areas: labels,
            panels,
            label_w,
            height,
            notes,
        },
    )
}
