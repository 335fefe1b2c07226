//! Ward's minimum-variance hierarchical clustering on Euclidean distances, as R's
//! `hclust(dist(x), method = "ward.D2")`: the merges, their heights, the leaf order R draws,
//! the cut at k (`cutree`) and the cophenetic distances (`cophenetic`).
//!
//! Written by hand rather than taken from kodama (the crate linfa-hierarchical builds on):
//! kodama's nearest-neighbour chain gives the same heights, but among tied distances it merges
//! in another order than R, and when ties fall at the cut it cuts a different tree. A reviewer
//! checks our dendrogram against R's, so this follows R's algorithm (Murtagh's nearest-neighbour
//! list in `hclust.f`, with the Lance-Williams update on squared distances) step for step,
//! including which of two tied pairs merges first. `kodama_gives_the_same_heights` checks the
//! heights against kodama all the same.

use crate::distance::{pair_index, Distances};

/// One side of a merge: a row (0-based) or the cluster made at an earlier step (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Leaf(usize),
    Step(usize),
}

impl Node {
    /// R's `merge` code: -row for a row, the step for a cluster, both 1-based.
    pub fn r_code(self) -> i64 {
        match self {
            Node::Leaf(i) => -(i as i64 + 1),
            Node::Step(s) => s as i64 + 1,
        }
    }
}

/// One agglomeration: R's `merge` row, `height` and the size of the new cluster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Merge {
    pub left: Node,
    pub right: Node,
    pub height: f64,
    pub size: usize,
}

/// The whole hierarchy of `n` rows: `n - 1` merges in the order they were made.
#[derive(Clone, Debug, PartialEq)]
pub struct Dendrogram {
    pub merges: Vec<Merge>,
    /// The rows from left to right as R draws them (`hclust`'s `order`, 0-based).
    pub order: Vec<usize>,
}

/// Ward's clustering (`ward.D2`) of the rows whose distances are `d`.
pub fn ward(d: &Distances) -> Dendrogram {
    let n = d.len();
    if n < 2 {
        return Dendrogram {
            merges: Vec::new(),
            order: (0..n).collect(),
        };
    }
    // ward.D2 runs ward.D's update on squared distances and takes the root of each height;
    // R squares the distances `dist` gives, so the same is done here (not the sums of squares).
    let mut diss: Vec<f64> = d.values().iter().map(|v| v * v).collect();
    let at = |i: usize, j: usize| pair_index(n, i, j);
    let mut active = vec![true; n];
    let mut members = vec![1.0f64; n];
    // Each row's nearest neighbour to its right, and the distance to it.
    let mut nn = vec![0usize; n];
    let mut nn_diss = vec![f64::INFINITY; n];
    let mut last = 0usize; // hclust.f's JJ, which keeps its value between loops
    for i in 0..n - 1 {
        (nn[i], nn_diss[i]) = nearest_right(&diss, &active, i, n, &at, i + 1);
    }
    let mut pairs = Vec::with_capacity(n - 1);
    for _ in 0..n - 1 {
        // The least distance in the list; the first row on a tie.
        let mut best = None;
        let mut least = f64::INFINITY;
        for i in 0..n - 1 {
            if active[i] && nn_diss[i] < least {
                least = nn_diss[i];
                best = Some(i);
            }
        }
        // Only non-finite distances are left (not reachable from finite data): merge in order.
        let im = best.unwrap_or_else(|| (0..n).find(|&i| active[i]).unwrap_or(0));
        let jm = if best.is_some() {
            nn[im]
        } else {
            (im + 1..n).find(|&j| active[j]).unwrap_or(im)
        };
        let (i2, j2) = (im.min(jm), im.max(jm));
        pairs.push((i2, j2, least.sqrt()));
        active[j2] = false;
        let d12 = diss[at(i2, j2)];
        let mut least_right = f64::INFINITY;
        for k in 0..n {
            if !active[k] || k == i2 {
                continue;
            }
            let (ik, jk) = (at(i2, k), at(j2, k));
            // Lance-Williams for Ward, in hclust.f's order of operations.
            let updated = (members[i2] + members[k]) * diss[ik]
                + (members[j2] + members[k]) * diss[jk]
                - members[k] * d12;
            diss[ik] = updated / (members[i2] + members[j2] + members[k]);
            if i2 < k {
                if diss[ik] < least_right {
                    least_right = diss[ik];
                    last = k;
                }
            } else if diss[ik] < nn_diss[k] {
                nn_diss[k] = diss[ik];
                nn[k] = i2;
            }
        }
        members[i2] += members[j2];
        nn_diss[i2] = least_right;
        nn[i2] = last;
        for i in 0..n - 1 {
            if active[i] && (nn[i] == i2 || nn[i] == j2) {
                let (j, v) = nearest_right(&diss, &active, i, n, &at, last);
                (nn[i], nn_diss[i], last) = (j, v, j);
            }
        }
    }
    from_pairs(n, &pairs)
}

/// The nearest active row to the right of `i` (the first on a tie) and its distance; `fallback`
/// when there is none, as hclust.f leaves its index unchanged.
fn nearest_right(
    diss: &[f64],
    active: &[bool],
    i: usize,
    n: usize,
    at: &dyn Fn(usize, usize) -> usize,
    fallback: usize,
) -> (usize, f64) {
    let (mut best, mut least) = (fallback, f64::INFINITY);
    for j in i + 1..n {
        if active[j] && diss[at(i, j)] < least {
            least = diss[at(i, j)];
            best = j;
        }
    }
    (best, least)
}

/// R's `merge` and `order` from the pairs of lowest rows merged (hclust.f's HCASS2): a cluster
/// is known by its lowest row until it merges; in a merge a row comes before a cluster, and
/// the lower row or earlier step first.
fn from_pairs(n: usize, pairs: &[(usize, usize, f64)]) -> Dendrogram {
    let mut node: Vec<Node> = (0..n).map(Node::Leaf).collect();
    let mut size = vec![1usize; n];
    let mut merges = Vec::with_capacity(pairs.len());
    for (step, &(i, j, height)) in pairs.iter().enumerate() {
        let (a, b) = (node[i], node[j]);
        let (left, right) = match (a, b) {
            (Node::Step(_), Node::Leaf(_)) => (b, a),
            (Node::Step(x), Node::Step(y)) if y < x => (b, a),
            _ => (a, b),
        };
        size[i] += size[j];
        merges.push(Merge {
            left,
            right,
            height,
            size: size[i],
        });
        node[i] = Node::Step(step);
    }
    let order = match merges.len() {
        0 => (0..n).collect(),
        len => leaves_under(&merges, Node::Step(len - 1)),
    };
    Dendrogram { merges, order }
}

/// The rows under a node, left to right.
fn leaves_under(merges: &[Merge], root: Node) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node {
            Node::Leaf(i) => out.push(i),
            Node::Step(s) => {
                stack.push(merges[s].right);
                stack.push(merges[s].left);
            }
        }
    }
    out
}

impl Dendrogram {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The partition into `k` clusters (1 <= k <= rows): the first `rows - k` merges made.
    /// Clusters are numbered from 0 in the order of their first row, as R's `cutree` numbers
    /// them from 1. A `k` out of range is clamped to it.
    pub fn cut(&self, k: usize) -> Vec<usize> {
        let n = self.len();
        let k = k.clamp(1.min(n), n);
        // The cluster each row is in, as the lowest row of it (union by lowest row).
        let mut root: Vec<usize> = (0..n).collect();
        let mut lowest = Vec::with_capacity(self.merges.len());
        let find = |root: &[usize], mut i: usize| {
            while root[i] != i {
                i = root[i];
            }
            i
        };
        for m in &self.merges[..n - k] {
            let side = |node: Node, root: &[usize]| match node {
                Node::Leaf(i) => find(root, i),
                Node::Step(s) => find(root, lowest[s]),
            };
            let (a, b) = (side(m.left, &root), side(m.right, &root));
            let (lo, hi) = (a.min(b), a.max(b));
            root[hi] = lo;
            lowest.push(lo);
        }
        let mut label = vec![usize::MAX; n];
        let mut labels = Vec::with_capacity(n);
        let mut next = 0;
        for i in 0..n {
            let r = find(&root, i);
            if label[r] == usize::MAX {
                label[r] = next;
                next += 1;
            }
            labels.push(label[r]);
        }
        labels
    }

    /// The height at which each pair of rows first shares a cluster (R's `cophenetic`), in
    /// the order of [`Distances::values`].
    pub fn cophenetic(&self) -> Vec<f64> {
        let n = self.len();
        let mut out = vec![0.0; n * n.saturating_sub(1) / 2];
        let mut rows: Vec<Vec<usize>> = Vec::with_capacity(self.merges.len());
        for m in &self.merges {
            let side = |node: Node, rows: &[Vec<usize>]| match node {
                Node::Leaf(i) => vec![i],
                Node::Step(s) => rows[s].clone(),
            };
            let (a, b) = (side(m.left, &rows), side(m.right, &rows));
            for &i in &a {
                for &j in &b {
                    out[pair_index(n, i, j)] = m.height;
                }
            }
            rows.push([a, b].concat());
        }
        out
    }

    /// The Pearson correlation between the cophenetic distances and `d` (R's
    /// `cor(cophenetic(h), d)`): how faithfully the tree keeps the distances. NaN with fewer
    /// than three rows.
    pub fn cophenetic_correlation(&self, d: &Distances) -> f64 {
        pearson(&self.cophenetic(), d.values())
    }
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if a.len() < 2 {
        return f64::NAN;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (u, v) = (x - ma, y - mb);
        sab += u * v;
        saa += u * u;
        sbb += v * v;
    }
    sab / (saa * sbb).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{grid, iris, ties, uniform, ward_pam_reference};
    use ndarray::{array, Array2};

    fn tree(x: &Array2<f64>) -> (Dendrogram, Distances) {
        let d = Distances::euclidean(x.view()).unwrap();
        (ward(&d), d)
    }

    /// R 4.2.2 `hclust(dist(x), "ward.D2")`, `cutree`, `cophenetic` (tests/reference/ward_pam.R):
    /// the merges and leaf order exactly, the heights and the cophenetic correlation to 1e-12
    /// relative, the cut exactly.
    fn matches_r(x: &Array2<f64>, dataset: &str) {
        let r = ward_pam_reference(dataset);
        let (h, d) = tree(x);
        let codes = |side: fn(&Merge) -> Node| -> Vec<f64> {
            h.merges.iter().map(|m| side(m).r_code() as f64).collect()
        };
        assert_eq!(codes(|m| m.left), r["merge_left"], "{dataset}: merge[, 1]");
        assert_eq!(
            codes(|m| m.right),
            r["merge_right"],
            "{dataset}: merge[, 2]"
        );
        for (step, (m, want)) in h.merges.iter().zip(&r["height"]).enumerate() {
            let err = (m.height - want).abs() / want.abs().max(f64::MIN_POSITIVE);
            assert!(
                err <= 1e-12 || m.height == *want,
                "{dataset} height {step}: {} vs {want}",
                m.height
            );
        }
        let order: Vec<f64> = h.order.iter().map(|&i| i as f64 + 1.0).collect();
        assert_eq!(order, r["order"], "{dataset}: order");
        let k = r["k"][0] as usize;
        let cut: Vec<f64> = h.cut(k).iter().map(|&c| c as f64 + 1.0).collect();
        assert_eq!(cut, r["cut"], "{dataset}: cutree(h, {k})");
        let cc = h.cophenetic_correlation(&d);
        let want = r["cophenetic_correlation"][0];
        // R gives NA when every distance is equal; so do we (NaN).
        let both_undefined = cc.is_nan() && want.is_nan();
        assert!(
            both_undefined || (cc - want).abs() <= 1e-12 * want,
            "{dataset}: {cc} vs {want}"
        );
    }

    #[test]
    fn iris_matches_r() {
        // Rows 102 and 143 are identical: the first merge is at height 0.
        matches_r(&iris().0, "iris");
    }

    #[test]
    fn tied_distances_merge_and_cut_as_r() {
        // Nine merges at height 1, three at sqrt(2), two at sqrt(6): R's order among them, and
        // the cut at 5 falls between the two tied merges at sqrt(6).
        for dataset in ["grid", "grid4", "grid5"] {
            matches_r(&grid(), dataset);
        }
    }

    #[test]
    fn duplicate_and_equal_rows_merge_as_r() {
        // 31 duplicates of 9 grid points (R's merge order among 32 merges at height 0), and
        // six equal rows (every height 0; the cophenetic correlation undefined, NA in R).
        matches_r(&ties(), "ties");
        matches_r(&Array2::from_elem((6, 2), 1.0), "flat");
    }

    #[test]
    fn hand_worked_four_points() {
        // 0 and 1 are 1 apart, 2 and 3 are 2 apart, the pairs 10 apart (on a line).
        // Ward's height of two singletons is their distance; of the two pairs, with centroids
        // 0.5 and 11 (10.5 apart): sqrt(2 * 2 * 2 / 4) * 10.5 = sqrt(2) * 10.5.
        let x = array![[0.0], [1.0], [10.0], [12.0]];
        let (h, _) = tree(&x);
        let got: Vec<(i64, i64, usize)> = h
            .merges
            .iter()
            .map(|m| (m.left.r_code(), m.right.r_code(), m.size))
            .collect();
        assert_eq!(got, vec![(-1, -2, 2), (-3, -4, 2), (1, 2, 4)]);
        assert_eq!(h.merges[0].height, 1.0);
        assert_eq!(h.merges[1].height, 2.0);
        assert!((h.merges[2].height - 2f64.sqrt() * 10.5).abs() < 1e-12);
        assert_eq!(h.order, vec![0, 1, 2, 3]);
        assert_eq!(h.cut(2), vec![0, 0, 1, 1]);
        assert_eq!(h.cut(4), vec![0, 1, 2, 3]);
        assert_eq!(h.cut(1), vec![0; 4]);
    }

    #[test]
    fn one_row_and_two() {
        let (h, _) = tree(&array![[1.0, 2.0]]);
        assert!(h.merges.is_empty());
        assert_eq!((h.order.clone(), h.cut(1)), (vec![0], vec![0]));
        let (h, d) = tree(&array![[0.0], [3.0]]);
        assert_eq!(h.merges[0].height, 3.0);
        assert!(h.cophenetic_correlation(&d).is_nan());
    }

    #[test]
    fn kodama_gives_the_same_heights() {
        // An independent implementation (kodama 0.3, the crate under linfa-hierarchical; its
        // Ward squares the distances and roots the heights, as ward.D2). Without ties the
        // trees are the same, so the sorted heights agree.
        let x = uniform(60, 5, 7);
        let (h, d) = tree(&x);
        let mut dist = d.values().to_vec();
        let k = kodama::linkage(&mut dist, d.len(), kodama::Method::Ward);
        let mut theirs: Vec<f64> = k.steps().iter().map(|s| s.dissimilarity).collect();
        let mut ours: Vec<f64> = h.merges.iter().map(|m| m.height).collect();
        theirs.sort_by(f64::total_cmp);
        ours.sort_by(f64::total_cmp);
        for (a, b) in ours.iter().zip(&theirs) {
            assert!((a - b).abs() <= 1e-12 * b, "{a} vs {b}");
        }
    }
}
