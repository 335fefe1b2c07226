//! Pure geometry: axis ranges, label placement and legend flow. No drawing here, so it is unit
//! tested on its own and gives the same answer for both backends.

/// A pixel rectangle, `x1`/`y1` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn new(x0: i32, y0: i32, x1: i32, y1: i32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    pub fn around((cx, cy): (i32, i32), half: i32) -> Rect {
        Rect::new(cx - half, cy - half, cx + half + 1, cy + half + 1)
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, b: &Rect) -> bool {
        self.x0 >= b.x0 && self.y0 >= b.y0 && self.x1 <= b.x1 && self.y1 <= b.y1
    }

    pub fn grow(&self, by: i32) -> Rect {
        Rect::new(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)
    }

    /// The point of this rectangle's border nearest to `p`.
    pub fn nearest(&self, (px, py): (i32, i32)) -> (i32, i32) {
        (
            px.clamp(self.x0, self.x1 - 1),
            py.clamp(self.y0, self.y1 - 1),
        )
    }
}

/// A data range for an axis: the finite `values` plus `include`, padded by `pad` of the span on
/// each side; a single value or an empty set still gives a usable range.
pub(crate) fn padded_range(
    values: impl IntoIterator<Item = f64>,
    include: &[f64],
    pad: f64,
) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values.into_iter().chain(include.iter().copied()) {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = hi - lo;
    if span < 1e-9 {
        let half = if lo.abs() > 1e-9 { lo.abs() * 0.1 } else { 1.0 };
        return (lo - half, hi + half);
    }
    (lo - span * pad, hi + span * pad)
}

/// A label to place next to a point: its anchor point, the half-size of the point's marker and
/// the label's size in pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelRequest {
    pub anchor: (i32, i32),
    pub half: i32,
    pub size: (i32, i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    /// Where the text goes (its top-left is `rect.x0, rect.y0`).
    pub rect: Rect,
    /// Whether the label sits away from its point and needs a leader line.
    pub leader: bool,
}

/// Deterministic greedy label placement: for each request in order, try candidate positions
/// around its point (right, left, above, below, the diagonals; then the same further out) and
/// keep the first that stays inside `bounds` and overlaps neither a label placed before nor any
/// obstacle (the markers). Requests that fit nowhere get `None`.
pub(crate) fn place_labels(
    reqs: &[LabelRequest],
    obstacles: &[Rect],
    bounds: Rect,
) -> Vec<Option<Placed>> {
    let mut placed: Vec<Rect> = Vec::with_capacity(reqs.len());
    let mut out = Vec::with_capacity(reqs.len());
    for req in reqs {
        let (cx, cy) = req.anchor;
        let (w, h) = req.size;
        let mut found = None;
        'search: for (ring, gap) in [3, 14, 28, 46, 66].into_iter().enumerate() {
            let d = req.half + gap;
            let diag = (f64::from(req.half) * 0.7) as i32 + gap;
            let candidates = [
                (cx + d, cy - h / 2),
                (cx - d - w, cy - h / 2),
                (cx - w / 2, cy - d - h),
                (cx - w / 2, cy + d),
                (cx + diag, cy - diag - h),
                (cx - diag - w, cy - diag - h),
                (cx + diag, cy + diag),
                (cx - diag - w, cy + diag),
            ];
            for (x, y) in candidates {
                let r = Rect::new(x, y, x + w, y + h);
                if !r.inside(&bounds) {
                    continue;
                }
                let padded = r.grow(1);
                if placed.iter().any(|p| p.intersects(&padded))
                    || obstacles.iter().any(|o| o.intersects(&padded))
                {
                    continue;
                }
                found = Some(Placed {
                    rect: r,
                    leader: ring > 0,
                });
                break 'search;
            }
        }
        if let Some(p) = found {
            placed.push(p.rect);
        }
        out.push(found);
    }
    out
}

/// Flow layout: items of the given widths in rows no wider than `max_w`, `gap` apart. Returns
/// each item's (row, x offset) and the number of rows.
pub(crate) fn flow(widths: &[i32], max_w: i32, gap: i32) -> (Vec<(usize, i32)>, usize) {
    let mut out = Vec::with_capacity(widths.len());
    let mut row = 0;
    let mut x = 0;
    for &w in widths {
        if x > 0 && x + w > max_w {
            row += 1;
            x = 0;
        }
        out.push((row, x));
        x += w + gap;
    }
    let rows = if widths.is_empty() { 0 } else { row + 1 };
    (out, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_survive_degenerate_input() {
        assert_eq!(padded_range([], &[], 0.1), (-1.0, 1.0));
        assert_eq!(padded_range([f64::NAN], &[], 0.1), (-1.0, 1.0));
        let (lo, hi) = padded_range([2.0, 2.0], &[], 0.1);
        assert!(lo < 2.0 && hi > 2.0);
        let (lo, hi) = padded_range([0.0], &[], 0.1);
        assert!(lo < 0.0 && hi > 0.0);
        let (lo, hi) = padded_range([1.0, 3.0], &[0.0], 0.05);
        assert!((lo + 0.15).abs() < 1e-12 && (hi - 3.15).abs() < 1e-12);
    }

    #[test]
    fn labels_never_overlap_and_stay_inside() {
        // 40 points on a tight grid: many labels cannot be placed, but none may overlap.
        let bounds = Rect::new(0, 0, 400, 300);
        let reqs: Vec<_> = (0..40)
            .map(|i| LabelRequest {
                anchor: (100 + (i % 8) * 25, 100 + (i / 8) * 20),
                half: 4,
                size: (40, 12),
            })
            .collect();
        let obstacles: Vec<_> = reqs
            .iter()
            .map(|r| Rect::around(r.anchor, r.half))
            .collect();
        let placed = place_labels(&reqs, &obstacles, bounds);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(!rects.is_empty());
        for (i, a) in rects.iter().enumerate() {
            assert!(a.inside(&bounds));
            for o in &obstacles {
                assert!(!a.intersects(o));
            }
            for b in &rects[..i] {
                assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
            }
        }
        // Deterministic.
        assert_eq!(placed, place_labels(&reqs, &obstacles, bounds));
    }

    #[test]
    fn lone_point_label_goes_right() {
        let reqs = [LabelRequest {
            anchor: (50, 50),
            half: 5,
            size: (30, 10),
        }];
        let p = place_labels(&reqs, &[], Rect::new(0, 0, 200, 100))[0].unwrap();
        assert_eq!(p.rect, Rect::new(58, 45, 88, 55));
        assert!(!p.leader);
        // Against the right edge it goes left.
        let reqs = [LabelRequest {
            anchor: (190, 50),
            ..reqs[0]
        }];
        let p = place_labels(&reqs, &[], Rect::new(0, 0, 200, 100))[0].unwrap();
        assert!(p.rect.x1 <= 190);
    }

    #[test]
    fn flow_wraps() {
        let (pos, rows) = flow(&[100, 100, 100], 250, 10);
        assert_eq!(pos, vec![(0, 0), (0, 110), (1, 0)]);
        assert_eq!(rows, 2);
        assert_eq!(flow(&[], 100, 10).1, 0);
    }
}
