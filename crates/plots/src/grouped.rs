//! What the charts of one bar per unit, grouped by cluster (silhouette, membership), share: the
//! groups with their captions, the row geometry, the labels and the caption beside each group.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::canvas::{self, Area, DResult, V};
use crate::layout::Rect;
use crate::style::{self, GREY, INK};
use crate::{ClusterStyle, Unit};

/// Above this many units the rows are too thin to label.
pub(crate) const MAX_LABELLED: usize = 60;
/// A labelled row's height, and the gap between clusters, in pixels.
pub(crate) const BAR: i32 = 18;
pub(crate) const GROUP_GAP: i32 = 14;
/// Space for the group captions right of the plot.
pub(crate) const RIGHT_W: i32 = 330;

/// One cluster's rows, sorted, with its caption and the mean the caption reports.
pub(crate) struct Group<T> {
    pub cluster: usize,
    pub caption: Vec<String>,
    pub rows: Vec<T>,
    pub mean: f64,
}

/// `items` (cluster, row) grouped by cluster in cluster order, each group sorted by `order`,
/// its mean of `value` taken, and its caption ("Cluster 1: ... (8 trusts)") wrapped to fit.
pub(crate) fn groups<T>(
    items: Vec<(usize, T)>,
    clusters: &[ClusterStyle],
    unit: &Unit,
    order: impl Fn(&T, &T) -> Ordering,
    value: impl Fn(&T) -> f64,
) -> Vec<Group<T>> {
    let mut by_cluster: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    for (c, row) in items {
        by_cluster.entry(c).or_default().push(row);
    }
    let cf = style::font(15.0);
    by_cluster
        .into_iter()
        .map(|(cluster, mut rows)| {
            rows.sort_by(&order);
            let mean = rows.iter().map(&value).sum::<f64>() / rows.len() as f64;
            let cs = clusters
                .iter()
                .find(|c| c.number == cluster)
                .cloned()
                .unwrap_or(ClusterStyle {
                    number: cluster,
                    name: String::new(),
                    size: rows.len(),
                });
            let mut caption = style::wrap(&cf, &crate::cluster_caption(&cs, unit), RIGHT_W - 40);
            caption.truncate(3);
            Group {
                cluster,
                caption,
                rows,
                mean,
            }
        })
        .collect()
}

/// The plot's height for `n` rows in `groups` groups (fixed when too many to label).
pub(crate) fn plot_height(n: usize, groups: usize) -> i32 {
    if n == 0 {
        240
    } else if n <= MAX_LABELLED {
        n as i32 * BAR + GROUP_GAP * (groups as i32 - 1) + 2
    } else {
        560
    }
    .max(groups as i32 * 80)
}

/// The width the row labels need, at most `max` (none when there are too many to label).
pub(crate) fn label_width<'a>(
    labels: impl IntoIterator<Item = &'a str>,
    n: usize,
    max: i32,
) -> i32 {
    if n <= MAX_LABELLED {
        style::widest(&style::font(13.0), labels).min(max)
    } else {
        0
    }
    .max(40)
}

/// The total of the rows axis: every row and the gaps between groups.
pub(crate) fn rows_total(n: usize, groups: usize) -> i32 {
    (n as i32 * BAR + GROUP_GAP * (groups as i32 - 1).max(0)).max(1)
}

/// A row's bar between pixel rows `y0` and `y1`: inset when labelled, at least a pixel when not.
pub(crate) fn bar_span(labelled: bool, y0: i32, y1: i32) -> (i32, i32) {
    if labelled {
        (y0 + 2, y1 - 1)
    } else {
        (y0, y1.max(y0 + 1))
    }
}

/// A row's label, right-aligned left of the plot.
pub(crate) fn row_label<DB: DrawingBackend>(
    root: &Area<DB>,
    plot: Rect,
    label: &str,
    (y0, y1): (i32, i32),
) -> DResult<DB> {
    let lf = style::font(13.0);
    canvas::text(
        root,
        label,
        (plot.x0 - 8, (y0 + y1) / 2),
        &lf,
        INK,
        HPos::Right,
        V::Middle,
    )
}

/// The group's marker, caption and `note` (grey) right of the plot, centred on the group's rows
/// between pixel rows `top` and `bottom`.
pub(crate) fn caption<DB: DrawingBackend, T>(
    root: &Area<DB>,
    plot: Rect,
    g: &Group<T>,
    (top, bottom): (i32, i32),
    note: &str,
) -> DResult<DB> {
    let cf = style::font(15.0);
    let mut y = (top + bottom) / 2 - (g.caption.len() as i32 + 1) * 19 / 2;
    canvas::marker(
        root,
        style::Marker::for_cluster(g.cluster),
        (plot.x1 + 18, y + 7),
        6.0,
        style::cluster_rgb(g.cluster).to_rgba(),
        Some(BLACK.mix(0.75)),
    )?;
    for l in &g.caption {
        canvas::text(root, l, (plot.x1 + 32, y), &cf, INK, HPos::Left, V::Top)?;
        y += 19;
    }
    canvas::text(root, note, (plot.x1 + 32, y), &cf, GREY, HPos::Left, V::Top)
}
