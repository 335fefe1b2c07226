//! Euclidean distances between rows, stored as R's `dist` stores them, for the methods that
//! work from a dissimilarity matrix (Ward's hierarchy, PAM).

use ndarray::ArrayView2;

use crate::kmeans::check_data;
use crate::ClusterError;

/// The distances between every pair of rows i < j, row by row (R's `dist`, which is the upper
/// triangle read row-wise as `hclust`'s Fortran indexes it).
#[derive(Clone, Debug)]
pub struct Distances {
    n: usize,
    values: Vec<f64>,
}

impl Distances {
    /// Each distance is summed column by column and then square-rooted, in R's order
    /// (`distance.c`), so that distances R finds tied are tied here too, bit for bit: ties
    /// decide which pair merges first and which medoid wins.
    pub fn euclidean(x: ArrayView2<f64>) -> Result<Self, ClusterError> {
        check_data(x)?;
        let n = x.nrows();
        let mut values = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                let mut sum = 0.0;
                for (a, b) in x.row(i).iter().zip(x.row(j)) {
                    let d = a - b;
                    sum += d * d;
                }
                values.push(sum.sqrt());
            }
        }
        Ok(Distances { n, values })
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The distance between rows i and j (0 when i == j).
    pub fn get(&self, i: usize, j: usize) -> f64 {
        if i == j {
            0.0
        } else {
            self.values[pair_index(self.n, i, j)]
        }
    }

    /// Row `i` of the full matrix into `out` (length `len()`): the rows that PAM reads again and
    /// again, copied once so its inner loops run over plain slices.
    pub fn row_into(&self, i: usize, out: &mut [f64]) {
        let n = self.n;
        for (j, o) in out[..i].iter_mut().enumerate() {
            *o = self.values[pair_index(n, j, i)];
        }
        out[i] = 0.0;
        if i + 1 < n {
            let start = pair_index(n, i, i + 1);
            out[i + 1..n].copy_from_slice(&self.values[start..start + (n - i - 1)]);
        }
    }

    /// Every pair's distance, in `pair_index` order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

/// Where the pair of rows i and j (in either order, i != j) of `n` sits in a packed triangle
/// of `n` rows: R's `dist` order, which every pairwise table here (distances, the tree's
/// cophenetic heights) shares.
pub(crate) fn pair_index(n: usize, i: usize, j: usize) -> usize {
    let (i, j) = (i.min(j), i.max(j));
    debug_assert!(i < j && j < n);
    i * n - i * (i + 1) / 2 + (j - i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn pairs_are_read_row_by_row() {
        let x = array![[0.0, 0.0], [3.0, 4.0], [6.0, 8.0], [0.0, 1.0]];
        let d = Distances::euclidean(x.view()).unwrap();
        assert_eq!(
            d.values(),
            &[5.0, 10.0, 1.0, 5.0, 18f64.sqrt(), 85f64.sqrt()]
        );
        assert_eq!(d.get(2, 1), 5.0);
        assert_eq!(d.get(3, 3), 0.0);
        assert_eq!(d.len(), 4);
        let mut row = [f64::NAN; 4];
        for i in 0..4 {
            d.row_into(i, &mut row);
            assert_eq!(
                row.to_vec(),
                (0..4).map(|j| d.get(i, j)).collect::<Vec<_>>()
            );
        }
    }
}
