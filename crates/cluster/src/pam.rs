//! Partitioning around medoids (PAM: BUILD, then SWAP), as R's `cluster::pam(d, k)` with its
//! defaults (the original algorithm, `pamonce = FALSE`). R refuses k = n; here every row is
//! then its own medoid.
//!
//! Written by hand: the `kmedoids` crate is GPL-3.0, which this MIT/Apache-2.0 program cannot
//! take in, and its FasterPAM swaps in another order. This follows `pam.c` step for step,
//! including its tie rules (BUILD keeps the last of equal gains, SWAP the first of equal
//! changes) and its stopping rule, so the medoids are R's.

use crate::distance::Distances;
use crate::ClusterError;

/// A PAM clustering.
#[derive(Clone, Debug, PartialEq)]
pub struct PamFit {
    /// 0-based cluster of each row, numbered in the order of each cluster's first row (R's
    /// `clustering`, from 1 there).
    pub labels: Vec<usize>,
    /// The medoid of each cluster (a row, 0-based), in cluster order (R's `id.med`).
    pub medoids: Vec<usize>,
    /// The sum of each row's distance to its medoid after BUILD (R's `objective["build"]`
    /// times the number of rows).
    pub build_objective: f64,
    /// The sum of each row's distance to its medoid: what PAM minimises.
    pub objective: f64,
    /// How many swaps SWAP made.
    pub swaps: usize,
}

/// PAM with `k` medoids on the distances `d`; `1 <= k <= rows`.
pub fn pam(d: &Distances, k: usize) -> Result<PamFit, ClusterError> {
    let n = d.len();
    if k == 0 {
        return Err(ClusterError::KTooSmall { got: k });
    }
    if k > n {
        return Err(ClusterError::TooFewRows { rows: n, k });
    }
    // Larger than every distance (pam.c's s).
    let big = d.values().iter().fold(0.0f64, |m, &v| m.max(v)) * 1.1 + 1.0;
    let mut medoid = vec![false; n];
    let mut nearest = vec![big; n];
    let mut row = vec![0.0; n];

    // BUILD: add, k times, the row that most lowers the distances to the nearest medoid.
    for _ in 0..k {
        let (mut gain_best, mut pick) = (0.0, 0);
        for i in (0..n).filter(|&i| !medoid[i]) {
            d.row_into(i, &mut row);
            let mut gain = 0.0;
            for (&near, &dij) in nearest.iter().zip(&row) {
                let cmd = near - dij;
                if cmd > 0.0 {
                    gain += cmd;
                }
            }
            // `<=`: the last of equal gains, as pam.c (whose comment says `<` does not work).
            if gain_best <= gain {
                gain_best = gain;
                pick = i;
            }
        }
        medoid[pick] = true;
        for (j, near) in nearest.iter_mut().enumerate() {
            *near = near.min(d.get(pick, j));
        }
    }
    let mut sky: f64 = nearest.iter().sum();
    let build_objective = sky;

    // SWAP: while some (medoid, non-medoid) exchange lowers the total, make the best one.
    let mut swaps = 0;
    let mut second = vec![big; n];
    // (With one medoid pam.c skips SWAP.)
    loop {
        if k == 1 {
            break;
        }
        // Each row's nearest and second-nearest medoid distance, medoids taken in row order.
        let medoid_rows: Vec<(usize, Vec<f64>)> = (0..n)
            .filter(|&i| medoid[i])
            .map(|i| {
                let mut r = vec![0.0; n];
                d.row_into(i, &mut r);
                (i, r)
            })
            .collect();
        nearest.fill(big);
        second.fill(big);
        for (_, di) in &medoid_rows {
            for j in 0..n {
                let dij = di[j];
                if nearest[j] > dij {
                    second[j] = nearest[j];
                    nearest[j] = dij;
                } else if second[j] > dij {
                    second[j] = dij;
                }
            }
        }
        let (mut change_best, mut best) = (1.0, None);
        for h in (0..n).filter(|&h| !medoid[h]) {
            d.row_into(h, &mut row);
            for (i, di) in &medoid_rows {
                let mut change = 0.0;
                for j in 0..n {
                    let (dij, dhj) = (di[j], row[j]);
                    // pam.c tests "i is j's nearest medoid" by equal distance.
                    if dij == nearest[j] {
                        change += -nearest[j] + second[j].min(dhj);
                    } else if dhj < nearest[j] {
                        change += -nearest[j] + dhj;
                    }
                }
                if change_best > change {
                    change_best = change;
                    best = Some((h, *i));
                }
            }
        }
        // pam.c's "basically < 0", which stops it swapping identical rows for ever.
        match best {
            Some((h, i)) if change_best < -16.0 * f64::EPSILON * sky.abs() => {
                medoid[h] = true;
                medoid[i] = false;
                sky += change_best;
                swaps += 1;
            }
            _ => break,
        }
    }

    // Each row to its nearest medoid (the first on a tie), clusters numbered by first row.
    let mut sent = vec![0usize; n];
    for (j, s) in sent.iter_mut().enumerate() {
        *s = if medoid[j] {
            j
        } else {
            let mut best = (big, 0);
            for i in (0..n).filter(|&i| medoid[i]) {
                if best.0 > d.get(i, j) {
                    best = (d.get(i, j), i);
                }
            }
            best.1
        };
    }
    let mut medoids: Vec<usize> = Vec::with_capacity(k);
    let labels = sent
        .iter()
        .map(|&m| match medoids.iter().position(|&x| x == m) {
            Some(c) => c,
            None => {
                medoids.push(m);
                medoids.len() - 1
            }
        })
        .collect();
    let objective = sent.iter().enumerate().map(|(j, &m)| d.get(j, m)).sum();
    Ok(PamFit {
        labels,
        medoids,
        build_objective,
        objective,
        swaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{grid, iris, ties, ward_pam_reference};
    use ndarray::{array, Array2};

    /// R 4.2.2 `cluster::pam(dist(x), k)` (tests/reference/ward_pam.R): medoids and clustering
    /// exactly, the objectives to 1e-12 relative (R reports means; the file holds sums).
    fn matches_r(x: &Array2<f64>, dataset: &str) {
        let r = ward_pam_reference(dataset);
        let d = Distances::euclidean(x.view()).unwrap();
        let fit = pam(&d, r["k"][0] as usize).unwrap();
        let one_based = |v: &[usize]| v.iter().map(|&i| i as f64 + 1.0).collect::<Vec<_>>();
        assert_eq!(
            one_based(&fit.medoids),
            r["pam_medoids"],
            "{dataset}: id.med"
        );
        assert_eq!(
            one_based(&fit.labels),
            r["pam_clustering"],
            "{dataset}: clustering"
        );
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
        assert!(
            close(fit.build_objective, r["pam_objective_build_sum"][0]),
            "{dataset} build"
        );
        assert!(
            close(fit.objective, r["pam_objective_swap_sum"][0]),
            "{dataset} swap"
        );
        assert!(
            close(fit.objective, r["pam_sum_distances"][0]),
            "{dataset} sum"
        );
    }

    #[test]
    fn iris_matches_r() {
        matches_r(&iris().0, "iris");
    }

    #[test]
    fn tied_distances_pick_r_medoids() {
        for dataset in ["grid", "grid4", "grid5"] {
            matches_r(&grid(), dataset);
        }
    }

    #[test]
    fn duplicate_and_equal_rows_pick_r_medoids() {
        // R picks the last of equal BUILD gains and the first of equal SWAP changes: with 31
        // duplicates that decides which copy is the medoid; six equal rows give medoids 4 5 6.
        matches_r(&ties(), "ties");
        matches_r(&Array2::from_elem((6, 2), 1.0), "flat");
    }

    #[test]
    fn hand_worked_line() {
        // Rows at 0, 1, 2, 10, 11 (R: pam(dist(c(0, 1, 2, 10, 11)), 2) gives id.med 2 5,
        // objective build 4/5, swap 3/5). BUILD: row 2 has the least total distance (20);
        // then rows 3 and 4 tie on gain (16) and the last, 4, is taken: total 2+1+0+1+0 = 4.
        // SWAP: 2 -> 1 lowers it by 1 (to 1+0+1+1+0 = 3); 4 -> 3 would change nothing.
        let x = array![[0.0], [1.0], [2.0], [10.0], [11.0]];
        let d = Distances::euclidean(x.view()).unwrap();
        let fit = pam(&d, 2).unwrap();
        assert_eq!(fit.build_objective, 4.0);
        assert_eq!(fit.medoids, vec![1, 4]);
        assert_eq!(fit.labels, vec![0, 0, 0, 1, 1]);
        assert_eq!((fit.objective, fit.swaps), (3.0, 1));
    }

    #[test]
    fn k_out_of_range_is_an_error() {
        let d = Distances::euclidean(array![[0.0], [1.0]].view()).unwrap();
        assert!(matches!(
            pam(&d, 0),
            Err(ClusterError::KTooSmall { got: 0 })
        ));
        assert!(matches!(
            pam(&d, 3),
            Err(ClusterError::TooFewRows { rows: 2, k: 3 })
        ));
        let all = pam(&d, 2).unwrap();
        assert_eq!((all.medoids, all.objective), (vec![0, 1], 0.0));
    }
}
