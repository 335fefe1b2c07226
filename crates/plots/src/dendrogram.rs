//! Ward's dendrogram, drawn sideways: one row per trust in R's leaf order, merge heights to the
//! right, the cut at k as a dashed line. Markers are the k-means clusters; branches below the
//! cut take the colour of Ward's cluster (numbered to match k-means), so a trust whose marker and
//! branch differ is one the two methods place apart.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::style::{self, INK};
use crate::{render, Chart, ClusterStyle, Figure, PlotError, Unit};

/// One side of a merge: a leaf (an index into [`Tree::leaves`]) or an earlier merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    Leaf(usize),
    Merge(usize),
}

/// A leaf of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeLeaf {
    pub label: String,
    /// 1-based k-means cluster.
    pub cluster: usize,
    /// 1-based cluster of Ward's cut, in the k-means numbering.
    pub ward_cluster: usize,
}

/// A hierarchy to draw: merges in the order they were made, with their heights.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub leaves: Vec<TreeLeaf>,
    pub merges: Vec<(Branch, Branch, f64)>,
    /// Leaves from top to bottom (R's `order`).
    pub order: Vec<usize>,
    /// The number of clusters the tree is cut into.
    pub k: usize,
}

const WIDTH: u32 = 940;
const MAX_LABELLED: usize = 60;
const ROW: i32 = 20;
const TOP: i32 = 72;
const RIGHT_W: i32 = 300;

struct DendroFigure {
    title: String,
    tree: Tree,
    captions: Vec<(usize, Vec<String>)>,
    x_max: f64,
    cut: Option<f64>,
    label_w: i32,
    plot_h: i32,
    height: u32,
    notes: Vec<String>,
}

impl DendroFigure {
    fn labelled(&self) -> bool {
        self.tree.leaves.len() <= MAX_LABELLED
    }
}

impl Figure for DendroFigure {
    fn size(&self) -> (u32, u32) {
        (WIDTH, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>) -> DResult<DB> {
        canvas::title(root, &self.title, WIDTH)?;
        let n = self.tree.leaves.len();
        let left = 16 + self.label_w + 22;
        let area = canvas::rows_area(root, TOP, (left, 20), RIGHT_W, self.plot_h);
        let (chart, plot) = canvas::rows_chart(
            &area,
            0.0..self.x_max,
            n.max(1) as f64,
            "Merge height (Ward's criterion, z units)",
            20,
        )?;
        if n < 2 {
            return canvas::empty_note(root, plot.grow(-20), "A tree needs two or more units.");
        }
        let x_of = |h: f64| chart.backend_coord(&(h, 0.0)).0;
        let y_of = |row: f64| chart.backend_coord(&(0.0, row)).1;

        // Each node's row (a leaf's place in the order, a merge's the middle of its two sides)
        // and height.
        let mut leaf_row = vec![0.0; n];
        for (row, &leaf) in self.tree.order.iter().enumerate() {
            leaf_row[leaf] = row as f64 + 0.5;
        }
        let merges = &self.tree.merges;
        let below_cut = merges.len().saturating_sub(self.tree.k.saturating_sub(1));
        let mut merge_pos: Vec<(f64, f64)> = Vec::with_capacity(merges.len());
        let mut merge_group: Vec<usize> = Vec::with_capacity(merges.len());
        let pos = |b: Branch, merge_pos: &[(f64, f64)]| match b {
            Branch::Leaf(i) => (0.0, leaf_row[i]),
            Branch::Merge(m) => merge_pos[m],
        };
        let group = |b: Branch, merge_group: &[usize]| match b {
            Branch::Leaf(i) => self.tree.leaves[i].ward_cluster,
            Branch::Merge(m) => merge_group[m],
        };
        let width = if self.labelled() { 2 } else { 1 };
        for (step, &(a, b, h)) in merges.iter().enumerate() {
            let (pa, pb) = (pos(a, &merge_pos), pos(b, &merge_pos));
            let g = group(a, &merge_group);
            let colour = if step < below_cut {
                style::cluster_rgb(g)
            } else {
                INK
            };
            let s = ShapeStyle::from(colour).stroke_width(width);
            let x = x_of(h);
            canvas::line(root, (x_of(pa.0), y_of(pa.1)), (x, y_of(pa.1)), s)?;
            canvas::line(root, (x_of(pb.0), y_of(pb.1)), (x, y_of(pb.1)), s)?;
            canvas::line(root, (x, y_of(pa.1)), (x, y_of(pb.1)), s)?;
            merge_pos.push((h, (pa.1 + pb.1) / 2.0));
            merge_group.push(g);
        }

        // Leaves: the k-means marker, and the label when there is room.
        let lf = style::font(13.0);
        for (i, leaf) in self.tree.leaves.iter().enumerate() {
            let y = y_of(leaf_row[i]);
            let colour = style::cluster_rgb(leaf.cluster);
            if self.labelled() {
                canvas::marker(
                    root,
                    style::Marker::for_cluster(leaf.cluster),
                    (plot.x0 - 10, y),
                    5.0,
                    colour.to_rgba(),
                    Some(BLACK.mix(0.75)),
                )?;
                let label = style::ellipsize(&lf, &leaf.label, self.label_w);
                canvas::text(
                    root,
                    &label,
                    (plot.x0 - 20, y),
                    &lf,
                    INK,
                    HPos::Right,
                    V::Middle,
                )?;
            } else {
                canvas::line(root, (plot.x0 - 12, y), (plot.x0 - 2, y), colour)?;
            }
        }

        if let Some(cut) = self.cut {
            let label = format!("cut at k = {}", self.tree.k);
            canvas::marked_line(root, plot, x_of(cut), &label)?;
        }

        // Legend: the k-means clusters.
        let cf = style::font(15.0);
        let mut y = plot.y0 + 4;
        canvas::text(
            root,
            "k-means clusters",
            (plot.x1 + 18, y),
            &style::bold(15.0),
            INK,
            HPos::Left,
            V::Top,
        )?;
        y += 26;
        for (cluster, caption) in &self.captions {
            canvas::marker(
                root,
                style::Marker::for_cluster(*cluster),
                (plot.x1 + 24, y + 7),
                6.0,
                style::cluster_rgb(*cluster).to_rgba(),
                Some(BLACK.mix(0.75)),
            )?;
            y = canvas::lines(root, caption, (plot.x1 + 38, y), &cf, INK, HPos::Left, 19)? + 8;
        }
        canvas::notes(root, &self.notes, canvas::notes_under(plot.y1))
    }
}

pub(crate) fn dendrogram(
    tree: &Tree,
    clusters: &[ClusterStyle],
    unit: &Unit,
) -> Result<Chart, PlotError> {
    let n = tree.leaves.len();
    let heights: Vec<f64> = tree.merges.iter().map(|m| m.2).collect();
    let top = heights
        .iter()
        .copied()
        .filter(|h| h.is_finite())
        .fold(0.0f64, f64::max);
    let x_max = if top > 0.0 { top * 1.04 } else { 1.0 };
    // The cut lies between the last merge kept apart and the first joined across it.
    let cut = (tree.k >= 2 && tree.k <= n && n >= 2).then(|| {
        let i = n - tree.k; // merges[..i] are below the cut
        let below = if i == 0 { 0.0 } else { heights[i - 1] };
        (below + heights[i]) / 2.0
    });
    let cf = style::font(15.0);
    let captions = clusters
        .iter()
        .map(|c| {
            // The count stays whole: on the name's last line if it fits, else on its own.
            let name = crate::cluster_caption(
                &ClusterStyle {
                    size: 0,
                    ..c.clone()
                },
                unit,
            );
            let name = name
                .trim_end_matches(&format!(" ({})", unit.count(0)))
                .to_string();
            let mut lines = style::wrap(&cf, &name, RIGHT_W - 50);
            lines.truncate(3);
            let count = format!("({})", unit.count(c.size));
            match lines.last_mut() {
                Some(l) if style::text_width(&cf, &format!("{l} {count}")) <= RIGHT_W - 50 => {
                    *l = format!("{l} {count}")
                }
                _ => lines.push(count),
            }
            (c.number, lines)
        })
        .collect();
    let lf = style::font(13.0);
    let labelled = n <= MAX_LABELLED;
    let label_w = if labelled {
        style::widest(&lf, tree.leaves.iter().map(|l| l.label.as_str())).min(170)
    } else {
        0
    }
    .max(30);
    let plot_h = if labelled {
        (n as i32 * ROW).max(200)
    } else {
        640
    };
    let tied_at_cut = cut.is_some() && {
        let i = n - tree.k;
        i > 0 && heights[i - 1] == heights[i]
    };
    let disagree = tree
        .leaves
        .iter()
        .filter(|l| l.cluster != l.ward_cluster)
        .count();
    let mut notes = Vec::new();
    if !labelled {
        notes.push(format!(
            "{} labels are not shown: {} {}; each is a tick in its k-means colour.",
            unit.one_title(),
            style::count(n),
            unit.many
        ));
    }
    notes.push(format!(
        "Markers: k-means clusters. Branches below the cut: Ward's {} clusters, numbered to match.",
        tree.k
    ));
    if tied_at_cut {
        notes.push(
            "Merges tie at the cut's height; as in R's cutree, those made first lie below it."
                .to_string(),
        );
    }
    notes.push(if disagree == 0 {
        format!(
            "Ward's cut and k-means put every one of the {} in the same cluster.",
            unit.count(n)
        )
    } else {
        format!(
            "Ward's cut and k-means differ on {} of {} (marker and branch colours differ).",
            unit.count(disagree),
            style::count(n)
        )
    });
    let height = canvas::rows_figure_height(TOP, plot_h, notes.len());
    render(
        "dendrogram",
        &DendroFigure {
            title: format!(
                "Ward's hierarchy of the {} (ward.D2), cut at k = {}",
                unit.many, tree.k
            ),
            tree: tree.clone(),
            captions,
            x_max,
            cut,
            label_w,
            plot_h,
            height,
            notes,
        },
    )
}
