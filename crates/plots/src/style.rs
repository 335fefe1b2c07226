//! Palette, marker shapes, fonts and text helpers shared by every chart.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

use crate::{glyphs, PlotError};

/// The family name the fonts are registered under. plotters writes it verbatim into the SVG's
/// `font-family` attribute, so it doubles as the CSS fallback list for viewers without DejaVu.
pub(crate) const FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Registers the embedded DejaVu Sans (regular and bold) with plotters, once per process.
pub(crate) fn ensure_fonts() -> Result<(), PlotError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, glyphs::font_bytes(false)).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, glyphs::font_bytes(true))
                .is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font)
    }
}

/// Regular text of `size` px (plotters' size: ascent minus descent in the PNG).
pub(crate) fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Normal)
}

pub(crate) fn bold(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Bold)
}

/// Width and height of `text` in pixels as drawn (the em is the height).
pub(crate) fn measure(f: &FontDesc, text: &str) -> (i32, i32) {
    let bold = matches!(f.get_style(), FontStyle::Bold);
    let size = f.get_size();
    (
        glyphs::width(bold, size, text).ceil() as i32,
        (size / 1.24).ceil() as i32,
    )
}

pub(crate) fn text_width(f: &FontDesc, text: &str) -> i32 {
    measure(f, text).0
}

/// The width of the widest of `texts` (0 when there are none): how much room a column of labels
/// needs.
pub(crate) fn widest<'a>(f: &FontDesc, texts: impl IntoIterator<Item = &'a str>) -> i32 {
    texts
        .into_iter()
        .map(|t| text_width(f, t))
        .max()
        .unwrap_or(0)
}

/// Greedy word wrap to `max_w` pixels; a word wider than the line is shortened with an ellipsis.
pub(crate) fn wrap(f: &FontDesc, text: &str, max_w: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(f, &candidate) <= max_w || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| ellipsize(f, &l, max_w)).collect()
}

/// Shortens `text` with a trailing ellipsis until it fits in `max_w` pixels.
pub(crate) fn ellipsize(f: &FontDesc, text: &str, max_w: i32) -> String {
    if text_width(f, text) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut n = chars.len();
    while n > 0 {
        n -= 1;
        let s: String = chars[..n].iter().collect::<String>() + "…";
        if text_width(f, &s) <= max_w {
            return s;
        }
    }
    "…".to_string()
}

/// `teaching_pedagogy` -> `Teaching pedagogy`.
pub(crate) fn humanise(id: &str) -> String {
    let spaced: String = id
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Fixed decimals, never "-0.00".
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Tick label with as many decimals as the tick spacing of an axis spanning `span` needs.
pub(crate) fn tick(v: f64, span: f64) -> String {
    let step = (span.abs() / 8.0).max(1e-12);
    let decimals = (-step.log10().floor()).clamp(0.0, 6.0) as usize;
    fixed(v, decimals)
}

pub(crate) fn percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, 0))
}

/// Thousands separators for counts in captions: 2500 -> "2,500".
pub(crate) fn count(n: usize) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|c| c.iter().collect())
        .collect();
    groups.join(",")
}

// ---------------------------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------------------------

/// Okabe-Ito, in the order used for clusters 1, 2, 3, ... The first three (orange, dark blue,
/// green) differ in lightness too, so they stay apart in greyscale; yellow comes late because it
/// is faint on white.
const OKABE_ITO: [(u8, u8, u8, &str); 8] = [
    (0xE6, 0x9F, 0x00, "#E69F00"),
    (0x00, 0x72, 0xB2, "#0072B2"),
    (0x00, 0x9E, 0x73, "#009E73"),
    (0xCC, 0x79, 0xA7, "#CC79A7"),
    (0x56, 0xB4, 0xE9, "#56B4E9"),
    (0xD5, 0x5E, 0x00, "#D55E00"),
    (0xF0, 0xE4, 0x42, "#F0E442"),
    (0x00, 0x00, 0x00, "#000000"),
];

pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const GREY: RGBColor = RGBColor(0x66, 0x66, 0x66);
pub(crate) const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
pub(crate) const UNASSIGNED: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Okabe-Ito vermillion, used for "the chosen one" highlights.
pub(crate) const HIGHLIGHT: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Colour of a 1-based cluster; 0 (not assigned) is grey.
pub(crate) fn cluster_rgb(cluster: usize) -> RGBColor {
    if cluster == 0 {
        return UNASSIGNED;
    }
    let (r, g, b, _) = OKABE_ITO[(cluster - 1) % OKABE_ITO.len()];
    RGBColor(r, g, b)
}

pub(crate) fn cluster_hex(cluster: usize) -> &'static str {
    if cluster == 0 {
        return "#999999";
    }
    OKABE_ITO[(cluster - 1) % OKABE_ITO.len()].3
}

/// Black or white, whichever reads better on `bg`.
pub(crate) fn text_on(bg: RGBColor) -> RGBColor {
    let l = 0.2126 * f64::from(bg.0) + 0.7152 * f64::from(bg.1) + 0.0722 * f64::from(bg.2);
    if l < 120.0 {
        RGBColor(255, 255, 255)
    } else {
        INK
    }
}

pub(crate) fn lerp(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Diverging blue - white - orange scale (ColorBrewer RdBu's blues and PuOr's oranges, both
/// colour-blind safe); `t` in -1..=1.
pub(crate) fn diverging(t: f64) -> RGBColor {
    const MID: RGBColor = RGBColor(0xF7, 0xF7, 0xF7);
    const NEG: [RGBColor; 2] = [RGBColor(0x92, 0xC5, 0xDE), RGBColor(0x21, 0x66, 0xAC)];
    const POS: [RGBColor; 2] = [RGBColor(0xFD, 0xB8, 0x63), RGBColor(0xB3, 0x58, 0x06)];
    if !t.is_finite() {
        return MID;
    }
    let t = t.clamp(-1.0, 1.0);
    let stops = if t < 0.0 { NEG } else { POS };
    let a = t.abs();
    if a <= 0.5 {
        lerp(MID, stops[0], a * 2.0)
    } else {
        lerp(stops[0], stops[1], (a - 0.5) * 2.0)
    }
}

// ---------------------------------------------------------------------------------------------
// Markers
// ---------------------------------------------------------------------------------------------

/// Marker shapes, one per cluster, so clusters differ in form as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    TriangleUp,
    Square,
    Diamond,
    TriangleDown,
    Plus,
    Star,
    Hexagon,
}

const MARKERS: [Marker; 8] = [
    Marker::Circle,
    Marker::TriangleUp,
    Marker::Square,
    Marker::Diamond,
    Marker::TriangleDown,
    Marker::Plus,
    Marker::Star,
    Marker::Hexagon,
];

impl Marker {
    /// Marker of a 1-based cluster (0, not assigned, is a circle). Past cluster 8 shapes cycle
    /// with a period of 7 and colours with 8, so clusters 9 to 56 still get a pair of their own.
    pub fn for_cluster(cluster: usize) -> Marker {
        match cluster {
            0 => Marker::Circle,
            1..=8 => MARKERS[cluster - 1],
            _ => MARKERS[(cluster - 1) % 7],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Marker::Circle => "circle",
            Marker::TriangleUp => "triangle",
            Marker::Square => "square",
            Marker::Diamond => "diamond",
            Marker::TriangleDown => "inverted triangle",
            Marker::Plus => "cross",
            Marker::Star => "star",
            Marker::Hexagon => "hexagon",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_eight_clusters_have_distinct_shapes_and_colours() {
        let shapes: Vec<_> = (1..=8).map(Marker::for_cluster).collect();
        for i in 0..8 {
            for j in 0..i {
                assert_ne!(shapes[i], shapes[j]);
                assert_ne!(cluster_hex(i + 1), cluster_hex(j + 1));
            }
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(humanise("teaching_pedagogy"), "Teaching pedagogy");
        assert_eq!(humanise("school__improvement "), "School improvement");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(count(2500), "2,500");
        assert_eq!(count(250), "250");
        assert_eq!(percent(0.456), "46%");
        assert_eq!(tick(0.5, 4.0), "0.5");
        assert_eq!(tick(2.0, 40.0), "2");
    }
}
