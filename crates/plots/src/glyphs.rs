//! Text for the PNG, rasterised here with ab_glyph from the embedded DejaVu Sans.
//!
//! plotters' own ab_glyph text drops each glyph's left side bearing and rounds every glyph to
//! a whole pixel, which spaces letters unevenly ("m ean"). [`GlyphText`] wraps a backend and
//! draws text itself: sub-pixel glyph positions with kerning, and the same size (em = size /
//! 1.24) and anchor rules as plotters' SVG backend, so the PNG matches the SVG.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

pub(crate) fn font_bytes(bold: bool) -> &'static [u8] {
    if bold {
        BOLD
    } else {
        REGULAR
    }
}

fn face(bold: bool) -> Option<&'static FontRef<'static>> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some((
                FontRef::try_from_slice(REGULAR).ok()?,
                FontRef::try_from_slice(BOLD).ok()?,
            ))
        })
        .as_ref()
        .map(|(r, b)| if bold { b } else { r })
}

/// ab_glyph's scale for plotters' font `size`: plotters' SVG backend writes font-size = size /
/// 1.24 px (the em), and ab_glyph's PxScale is the ascent-to-descent height.
fn scale(f: &FontRef<'static>, size: f64) -> PxScale {
    let em = size as f32 / 1.24;
    let upem = f.units_per_em().unwrap_or(2048.0);
    PxScale::from(em * f.height_unscaled() / upem)
}

/// Advance width of `text` in pixels at plotters' `size`.
pub(crate) fn width(bold: bool, size: f64, text: &str) -> f32 {
    let Some(f) = face(bold) else {
        return size as f32 * 0.5 * text.chars().count() as f32;
    };
    let sf = f.as_scaled(scale(f, size));
    let mut x = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
    x
}

/// Calls `put(x, y, coverage)` for every pixel of `text` laid out with its origin at (0, 0)
/// and its baseline at `baseline`, starting at `x0`.
fn rasterise(
    bold: bool,
    size: f64,
    text: &str,
    x0: f32,
    baseline: f32,
    mut put: impl FnMut(i32, i32, f32),
) {
    let Some(f) = face(bold) else { return };
    let sc = scale(f, size);
    let sf = f.as_scaled(sc);
    let mut x = x0;
    let mut prev = None;
    for c in text.chars() {
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            x += sf.kern(p, id);
        }
        let glyph = id.with_scale_and_position(sc, point(x, baseline));
        if let Some(outline) = f.outline_glyph(glyph) {
            let b = outline.px_bounds();
            let (bx, by) = (b.min.x as i32, b.min.y as i32);
            outline.draw(|gx, gy, cov| put(bx + gx as i32, by + gy as i32, cov));
        }
        x += sf.h_advance(id);
        prev = Some(id);
    }
}

/// A backend whose text is drawn by [`rasterise`]; everything else goes to the inner backend.
pub(crate) struct GlyphText<DB>(pub DB);

impl<DB: DrawingBackend> DrawingBackend for GlyphText<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let bold = matches!(style.style(), FontStyle::Bold);
        let size = style.size();
        let em = (size / 1.24) as f32;
        let w = width(bold, size, text);
        // The SVG backend's anchors: text-anchor start/middle/end, and dy 0.76em / 0.5ex /
        // -0.5ex for top / center / bottom (DejaVu's x-height is 0.547em).
        let x0 = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let half_ex = 0.5 * 0.547 * em;
        let baseline = match style.anchor().v_pos {
            VPos::Top => 0.76 * em,
            VPos::Center => half_ex,
            VPos::Bottom => -half_ex,
        };
        let trans = style.transform();
        let (sw, sh) = self.0.get_size();
        let mut result = Ok(());
        rasterise(bold, size, text, x0, baseline, |x, y, cov| {
            if result.is_err() || cov <= 0.0 {
                return;
            }
            let (dx, dy) = trans.transform(x, y);
            let (px, py) = (pos.0 + dx, pos.1 + dy);
            if px < 0 || py < 0 || px >= sw as i32 || py >= sh as i32 {
                return;
            }
            let c = BackendColor {
                alpha: color.alpha * f64::from(cov.min(1.0)),
                rgb: color.rgb,
            };
            result = self.0.draw_pixel((px, py), c);
        });
        result
    }
}
