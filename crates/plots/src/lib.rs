//! Charts of the matcluster pipeline (replicating "Building Trusts", 2018): plain structs in,
//! a [`Chart`] (SVG text and PNG bytes) out. A leaf: it knows nothing of the other stages.
//!
//! Every chart is drawn by one generic function over plotters' `DrawingBackend`, called twice:
//! once into an SVG string and once into an RGB buffer that is encoded as PNG. Text uses the
//! embedded DejaVu Sans (no system font library), colours follow the Okabe-Ito palette and each
//! cluster also has its own marker shape, so charts read in greyscale and for colour-blind
//! readers. Outputs depend on the inputs only: the same data gives byte-identical SVG and PNG.
//!
//! Data values that are not finite (NaN) are skipped and counted in a note; empty input gives an
//! empty chart with a note rather than an error.

mod alignment;
mod canvas;
mod characteristic;
mod dendrogram;
mod glyphs;
mod grouped;
mod k_selection;
mod layout;
mod membership;
mod profiles;
mod scatter;
mod sensitivity;
mod shares;
mod silhouette;
mod stability;
mod standardisation;
mod style;
mod unit;

use plotters::prelude::*;

use crate::canvas::{Area, DResult};
use crate::glyphs::GlyphText;

pub use crate::characteristic::{CategoryGroup, CharacteristicText, NumericGroup};
pub use crate::dendrogram::{Branch, Tree, TreeLeaf};
pub use crate::style::Marker;
pub use crate::unit::Unit;

/// One rendered chart: `name` is the file stem the report uses (`charts/{name}.svg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub name: String,
    pub svg: String,
    pub png: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    #[error("the embedded DejaVu Sans font could not be loaded; this is a bug in the plots crate")]
    Font,
    #[error("drawing the {chart} chart ({backend}) failed: {message}")]
    Draw {
        chart: String,
        backend: &'static str,
        message: String,
    },
    #[error("encoding the {chart} chart as PNG failed: {message}")]
    Png { chart: String, message: String },
}

/// How a cluster is named in legends: "Cluster 1: Autonomy and identity (8 trusts)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterStyle {
    /// 1-based cluster number (1 = largest).
    pub number: usize,
    pub name: String,
    /// Number of trusts in the cluster.
    pub size: usize,
}

/// One trust on the autonomy-vs-pedagogy plane.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    /// 1-based cluster number (0 = not assigned, drawn grey).
    pub cluster: usize,
    pub responses: usize,
    /// The respondent-level bootstrap's probability of its own cluster (`None`: not
    /// estimated); below [`UNSURE_BELOW`] the marker is drawn hollow.
    pub membership: Option<f64>,
}

/// Below this probability of its own cluster in the respondent-level bootstrap a unit's
/// cluster is called unsure: drawn hollow on the plane chart, named in the report.
pub const UNSURE_BELOW: f64 = 0.8;

/// One unit's membership probabilities (index = cluster - 1) and its own cluster (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipBar {
    pub label: String,
    pub cluster: usize,
    pub probabilities: Vec<f64>,
}

/// One sensitivity re-run: its `group` ("Response threshold"), its `label` ("at least 3"),
/// its adjusted Rand index with the run (`None`: not clustered), a `detail` to print beside it,
/// and whether it is the run itself.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityBar {
    pub group: String,
    pub label: String,
    pub ari: Option<f64>,
    pub detail: String,
    pub base: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Centroid {
    pub cluster: usize,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileCell {
    pub cluster: usize,
    pub theme: String,
    pub mean_z: f64,
}

/// One row of `k_selection.csv`; NaN = not defined (e.g. silhouette at k = 1).
#[derive(Debug, Clone, PartialEq)]
pub struct KIndices {
    pub k: usize,
    pub wss: f64,
    pub silhouette: f64,
    pub ch: f64,
    pub db: f64,
    pub gap: f64,
    pub gap_se: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SilhouetteBar {
    pub label: String,
    pub cluster: usize,
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StabilityBar {
    pub cluster: usize,
    pub jaccard_mean: f64,
}

/// Shares (0..1) answering that an area would benefit from more / the same / less
/// standardisation, for `group` = "all" or "Cluster N".
#[derive(Debug, Clone, PartialEq)]
pub struct StdShares {
    pub area: String,
    pub group: String,
    pub n: usize,
    pub more: f64,
    pub same: f64,
    pub less: f64,
}

/// Shares answering A / B / C to the alignment question, per group ("all" or "Cluster N").
#[derive(Debug, Clone, PartialEq)]
pub struct AlignRow {
    pub group: String,
    pub n: usize,
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

/// A trust's position in a base run and a new one, on the autonomy-vs-pedagogy plane.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub label: String,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub from_cluster: usize,
    pub to_cluster: usize,
}

/// The words of a plane chart: its file name, title and axis titles.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaneText {
    pub name: &'static str,
    pub title: String,
    pub x: String,
    pub y: String,
    /// What the points are.
    pub unit: Unit,
}

impl PlaneText {
    /// The moves between two runs on the study's axes.
    pub fn study_moves() -> PlaneText {
        PlaneText {
            name: "moves",
            title: "Trusts' movement between runs on the autonomy-vs-pedagogy plane".into(),
            ..PlaneText::study("")
        }
    }

    /// The study's chart: autonomy against teaching and pedagogy.
    pub fn study(title: &str) -> PlaneText {
        PlaneText {
            name: "autonomy_vs_pedagogy",
            title: title.to_string(),
            x: "Focus on autonomy (mean z)".into(),
            y: "Focus on teaching and pedagogy (mean z)".into(),
            unit: Unit::default(),
        }
    }
}

/// Headline chart: each trust at its (x, y), for the study x = mean z on autonomy statements
/// and y = mean z on teaching & pedagogy statements; one marker per trust (colour and shape by
/// cluster, area by responses), labels placed without overlap (omitted above 60 trusts),
/// centroids as a bold X, quadrant guides. 900 x 650 px.
pub fn plane(
    points: &[TrustPoint],
    centroids: &[Centroid],
    clusters: &[ClusterStyle],
    text: &PlaneText,
) -> Result<Chart, PlotError> {
    scatter::plane(points, centroids, clusters, text)
}

/// [`plane`] on the study's axes.
pub fn autonomy_vs_pedagogy(
    points: &[TrustPoint],
    centroids: &[Centroid],
    clusters: &[ClusterStyle],
    title: &str,
) -> Result<Chart, PlotError> {
    scatter::plane(points, centroids, clusters, &PlaneText::study(title))
}

/// Cluster x theme heatmap of mean z, diverging colours centred at 0, values printed.
pub fn profiles(
    cells: &[ProfileCell],
    clusters: &[ClusterStyle],
    themes: &[String],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    profiles::profiles(cells, clusters, themes, unit)
}

/// Small multiples of WSS, mean silhouette, gap +- SE, Calinski-Harabasz and Davies-Bouldin
/// against k, with `chosen_k` marked in each panel.
pub fn k_selection(rows: &[KIndices], chosen_k: usize) -> Result<Chart, PlotError> {
    k_selection::k_selection(rows, chosen_k)
}

/// Per-trust silhouette bars grouped by cluster and sorted within it (as R's plot.silhouette),
/// cluster means noted and the overall mean drawn as a line.
pub fn silhouette(
    bars: &[SilhouetteBar],
    clusters: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    silhouette::silhouette(bars, clusters, unit)
}

/// Mean bootstrap Jaccard per cluster over fpc's stability bands.
pub fn stability(
    bars: &[StabilityBar],
    clusters: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    stability::stability(bars, clusters, unit)
}

/// Each unit's membership probabilities from `resamples` respondent-level resamples, one
/// stacked bar per unit (own cluster first), grouped by cluster and sorted, with a line at
/// [`UNSURE_BELOW`].
pub fn membership(
    bars: &[MembershipBar],
    clusters: &[ClusterStyle],
    resamples: usize,
    unit: &Unit,
) -> Result<Chart, PlotError> {
    membership::membership(bars, clusters, resamples, unit)
}

/// The sensitivity re-runs as bars of their adjusted Rand index with the run, grouped.
pub fn sensitivity(bars: &[SensitivityBar]) -> Result<Chart, PlotError> {
    sensitivity::sensitivity(bars)
}

/// Ward's dendrogram sideways, one labelled row per unit (unlabelled above 60), leaf markers in
/// the k-means colours, branches below the cut at `tree.k` in Ward's matched colours.
pub fn dendrogram(tree: &Tree, clusters: &[ClusterStyle], unit: &Unit) -> Result<Chart, PlotError> {
    dendrogram::dendrogram(tree, clusters, unit)
}

/// Diverging stacked bars (less | same | more) per area, one panel per group ("all" first).
pub fn standardisation(rows: &[StdShares]) -> Result<Chart, PlotError> {
    standardisation::standardisation(rows)
}

/// 100% stacked bars of the A / B / C alignment answers per group, with the answers explained.
pub fn alignment(rows: &[AlignRow]) -> Result<Chart, PlotError> {
    alignment::alignment(rows)
}

/// Arrows from each trust's base position to its new one, coloured by the new cluster, on the
/// axes `text` names.
pub fn moves(
    moves: &[Move],
    clusters: &[ClusterStyle],
    text: &PlaneText,
) -> Result<Chart, PlotError> {
    scatter::moves(moves, clusters, text)
}

/// A numeric characteristic of the units by cluster: one row per cluster (cluster 1 at the
/// top) with every value as a point, a box over the quartiles and a line at the median, the
/// test beneath the title; a withheld cluster's row only says so. Named `text.name`.
pub fn characteristic_numeric(
    text: &CharacteristicText,
    groups: &[NumericGroup],
) -> Result<Chart, PlotError> {
    characteristic::numeric(text, groups)
}

/// A categorical characteristic of the units by cluster: one 100% stacked bar per cluster of
/// its units in each of `categories`, counts printed where they fit, the categories in a legend
/// below; a withheld cluster's row only says so. Named `text.name`.
pub fn characteristic_categorical(
    text: &CharacteristicText,
    categories: &[String],
    groups: &[CategoryGroup],
) -> Result<Chart, PlotError> {
    characteristic::categorical(text, categories, groups)
}

/// The Okabe-Ito colour of a 1-based cluster as `#RRGGBB` (for tables in the report), the same
/// as in the charts; cluster 0 (not assigned) is grey.
pub fn cluster_colour(cluster: usize) -> &'static str {
    style::cluster_hex(cluster)
}

/// The marker shape of a 1-based cluster in the charts.
pub fn cluster_marker(cluster: usize) -> Marker {
    Marker::for_cluster(cluster)
}

/// The caption of a cluster in legends: "Cluster 1: Autonomy and identity (8 trusts)".
pub fn cluster_caption(c: &ClusterStyle, unit: &Unit) -> String {
    let name = c.name.trim();
    if name.is_empty() {
        format!("Cluster {} ({})", c.number, unit.count(c.size))
    } else {
        format!("Cluster {}: {} ({})", c.number, name, unit.count(c.size))
    }
}

/// [`cluster_caption`] within `max_w` pixels: a long name is shortened, the count kept.
pub(crate) fn cluster_caption_within(
    c: &ClusterStyle,
    unit: &Unit,
    font: &plotters::style::FontDesc,
    max_w: i32,
) -> String {
    let full = cluster_caption(c, unit);
    let name = c.name.trim();
    if name.is_empty() || style::text_width(font, &full) <= max_w {
        return style::ellipsize(font, &full, max_w);
    }
    let (head, count) = (
        format!("Cluster {}: ", c.number),
        format!(" ({})", unit.count(c.size)),
    );
    let room = max_w - style::text_width(font, &head) - style::text_width(font, &count);
    format!(
        "{head}{}{count}",
        style::ellipsize(font, name, room.max(40))
    )
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// Largest side of any chart, so that odd input can never ask for a giant buffer.
const MAX_SIDE: u32 = 6000;

/// A chart laid out in pixels and ready to draw on any backend.
pub(crate) trait Figure {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB>;
}

pub(crate) fn render(name: impl Into<String>, fig: &impl Figure) -> Result<Chart, PlotError> {
    let name: String = name.into();
    style::ensure_fonts()?;
    let (w, h) = fig.size();
    let (w, h) = (w.clamp(200, MAX_SIDE), h.clamp(150, MAX_SIDE));
    fn draw_err<'a, E: std::error::Error + Send + Sync>(
        chart: &'a str,
        backend: &'static str,
    ) -> impl Fn(DrawingAreaErrorKind<E>) -> PlotError + 'a {
        move |e| PlotError::Draw {
            chart: chart.to_string(),
            backend,
            message: e.to_string(),
        }
    }

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err(&name, "svg"))?;
        fig.draw(&root).map_err(draw_err(&name, "svg"))?;
        root.present().map_err(draw_err(&name, "svg"))?;
    }

    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let root = GlyphText(BitMapBackend::with_buffer(&mut rgb, (w, h))).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err(&name, "png"))?;
        fig.draw(&root).map_err(draw_err(&name, "png"))?;
        root.present().map_err(draw_err(&name, "png"))?;
    }
    let png = encode_png(&rgb, w, h).map_err(|e| PlotError::Png {
        chart: name.clone(),
        message: e.to_string(),
    })?;
    Ok(Chart { name, svg, png })
}

/// RGB8 to PNG with fixed settings and no time or text chunks, so equal pixels give equal bytes.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        enc.set_filter(png::FilterType::Paeth);
        let mut writer = enc.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}
