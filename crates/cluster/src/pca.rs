//! Principal axes: the gap statistic's reference box, and the plane chart's components when an
//! instrument lacks the study's two themes.
//!
//! A cyclic Jacobi eigen-decomposition of the p x p cross-product matrix rather than LAPACK: p is
//! small (tens of statements), Jacobi is accurate for symmetric matrices, and it keeps the crate
//! free of a system BLAS/LAPACK (a build dependency, and results that can vary with its version).
//! Squaring the condition number costs little here: the axes orient a uniform box or a chart,
//! and agree with R's `prcomp` to 1e-10 (iris here; lq2002 in `tests/cli/instrument.rs`).

use ndarray::ArrayView2;

/// Eigenvalues (descending) and eigenvectors (the columns of a row-major p x p matrix) of the
/// symmetric row-major p x p matrix `a`.
pub(crate) fn symmetric_eigen(mut a: Vec<f64>, p: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; p * p];
    (0..p).for_each(|i| v[i * p + i] = 1.0);
    let scale: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..p)
            .flat_map(|i| (0..p).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * p + j] * a[i * p + j])
            .sum();
        if off <= 1e-30 * scale || off == 0.0 {
            break;
        }
        for i in 0..p {
            for j in i + 1..p {
                let aij = a[i * p + j];
                if aij == 0.0 {
                    continue;
                }
                // Rotation by the angle that zeroes a[i][j]; t = tan of it, the smaller root.
                let theta = (a[j * p + j] - a[i * p + i]) / (2.0 * aij);
                let t = if theta.abs() > 1e150 {
                    0.5 / theta
                } else {
                    theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..p {
                    let (aki, akj) = (a[k * p + i], a[k * p + j]);
                    a[k * p + i] = c * aki - s * akj;
                    a[k * p + j] = s * aki + c * akj;
                }
                for k in 0..p {
                    let (aik, ajk) = (a[i * p + k], a[j * p + k]);
                    a[i * p + k] = c * aik - s * ajk;
                    a[j * p + k] = s * aik + c * ajk;
                }
                for k in 0..p {
                    let (vki, vkj) = (v[k * p + i], v[k * p + j]);
                    v[k * p + i] = c * vki - s * vkj;
                    v[k * p + j] = s * vki + c * vkj;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..p).collect();
    order.sort_by(|&x, &y| a[y * p + y].total_cmp(&a[x * p + x]).then(x.cmp(&y)));
    let values = order.iter().map(|&c| a[c * p + c]).collect();
    let mut vectors = vec![0.0; p * p];
    for (new, &old) in order.iter().enumerate() {
        for k in 0..p {
            vectors[k * p + new] = v[k * p + old];
        }
    }
    (values, vectors)
}

/// The principal components of the column-centred data (R's `prcomp(x)`): the variance along
/// each axis, largest first, and the axes. Each axis is signed so that its largest loading (the
/// first, on a tie) is positive: R leaves the sign to LAPACK, and a chart needs it fixed.
pub struct Components {
    /// Column means (the centre).
    pub mean: Vec<f64>,
    /// Variance along each axis (n - 1 denominator, as `prcomp(x)$sdev^2`), descending.
    pub variances: Vec<f64>,
    /// Row-major p x p: `axes[j * p + c]` is column j's loading on axis c.
    pub axes: Vec<f64>,
}

impl Components {
    /// Coordinate of a row on axis `c`.
    pub fn project(&self, row: &[f64], c: usize) -> f64 {
        let p = self.mean.len();
        (0..p)
            .map(|j| (row[j] - self.mean[j]) * self.axes[j * p + c])
            .sum()
    }

    /// The share of the total variance along axis `c`.
    pub fn share(&self, c: usize) -> f64 {
        self.variances[c] / self.variances.iter().sum::<f64>()
    }
}

pub fn principal_components(x: ArrayView2<f64>) -> Components {
    let mut pcs = components(x);
    let p = pcs.mean.len();
    let axes = &mut pcs.axes;
    for c in 0..p {
        let mut big = 0;
        for j in 1..p {
            if axes[j * p + c].abs() > axes[big * p + c].abs() {
                big = j;
            }
        }
        if axes[big * p + c] < 0.0 {
            (0..p).for_each(|j| axes[j * p + c] = -axes[j * p + c]);
        }
    }
    pcs
}

/// The components with the signs the eigen-decomposition gives (the gap statistic's box keeps
/// these, so its reference sets are exactly those of earlier versions).
fn components(x: ArrayView2<f64>) -> Components {
    let (n, p) = x.dim();
    let mean: Vec<f64> = (0..p).map(|j| x.column(j).sum() / n as f64).collect();
    let centred = |i: usize, j: usize| x[[i, j]] - mean[j];
    let mut cross = vec![0.0; p * p];
    for i in 0..n {
        for a in 0..p {
            let ca = centred(i, a);
            for b in a..p {
                cross[a * p + b] += ca * centred(i, b);
            }
        }
    }
    for a in 0..p {
        for b in 0..a {
            cross[a * p + b] = cross[b * p + a];
        }
    }
    let (values, axes) = symmetric_eigen(cross, p);
    let df = n.saturating_sub(1).max(1) as f64;
    Components {
        mean,
        variances: values.iter().map(|v| v.max(0.0) / df).collect(),
        axes,
    }
}

/// The box of R `clusGap(spaceH0 = "scaledPCA")`: the ranges of the column-centred data on its
/// first min(n, p) principal axes (the columns R's `svd(xs)$v` has).
pub(crate) struct PcaBox {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

pub(crate) fn pca_box(x: ArrayView2<f64>) -> PcaBox {
    let n = x.nrows();
    let pcs = components(x);
    let r = n.min(pcs.mean.len());
    let mut lo = vec![f64::INFINITY; r];
    let mut hi = vec![f64::NEG_INFINITY; r];
    for row in x.rows() {
        let row = row.to_vec();
        for c in 0..r {
            let proj = pcs.project(&row, c);
            lo[c] = lo[c].min(proj);
            hi[c] = hi[c].max(proj);
        }
    }
    PcaBox { lo, hi }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{iris, uniform};

    #[test]
    fn eigen_reconstructs_and_is_orthonormal() {
        let p = 19;
        let r = uniform(40, p, 5);
        let mut a = vec![0.0; p * p];
        for i in 0..p {
            for j in 0..p {
                a[i * p + j] = (0..40).map(|k| r[[k, i]] * r[[k, j]]).sum();
            }
        }
        let (values, v) = symmetric_eigen(a.clone(), p);
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
        for i in 0..p {
            for j in 0..p {
                let recon: f64 = (0..p)
                    .map(|c| v[i * p + c] * values[c] * v[j * p + c])
                    .sum();
                assert!((recon - a[i * p + j]).abs() < 1e-10 * values[0]);
                let dot: f64 = (0..p).map(|k| v[k * p + i] * v[k * p + j]).sum();
                assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn iris_box_matches_r() {
        // R 4.2.2: xs <- scale(x, scale = FALSE); apply(xs %*% svd(xs)$v, 2, range), widths
        // (/work/refs/cluster/refs.R). Signs of axes are arbitrary, widths are not.
        let want = [
            7.0194491659385374,
            2.6401362773194439,
            1.4543122573903133,
            1.0107393787250751,
        ];
        let (x, _) = iris();
        let b = pca_box(x.view());
        for (c, want) in want.iter().enumerate() {
            let w = b.hi[c] - b.lo[c];
            assert!((w - want).abs() < 1e-10 * want, "{c}: {w} vs {want}");
        }
    }

    #[test]
    fn iris_components_match_prcomp() {
        // R 4.2.2: p <- prcomp(iris[, 1:4]); p$sdev^2; p$rotation[, 1:2]
        // (tests/reference/plane_pca.R). Signs: the largest loading of each axis positive.
        let variances = [
            4.228241706034868,
            0.24267074792863341,
            0.07820950004291934,
            0.023835092973449434,
        ];
        let (x, _) = iris();
        let pcs = principal_components(x.view());
        for (c, want) in variances.iter().enumerate() {
            let got = pcs.variances[c];
            assert!((got - want).abs() < 1e-10 * want, "{c}: {got} vs {want}");
        }
        // PC2 flipped from R's: its largest loading (Sepal.Width) is made positive.
        let pc1 = [
            0.36138659178536836,
            -0.08452251406456879,
            0.85667060594983546,
            0.35828919715155072,
        ];
        let pc2 = [
            0.65658877128684157,
            0.73016143478502815,
            -0.17337266279585639,
            -0.07548101991746381,
        ];
        for j in 0..4 {
            assert!((pcs.axes[j * 4] - pc1[j]).abs() < 1e-10, "pc1 {j}");
            assert!((pcs.axes[j * 4 + 1] - pc2[j]).abs() < 1e-10, "pc2 {j}");
        }
        assert!((pcs.share(0) - 0.9246187232017271).abs() < 1e-10);
    }

    #[test]
    fn wide_data_keeps_n_axes() {
        let x = uniform(5, 19, 2);
        let b = pca_box(x.view());
        assert_eq!(b.lo.len(), 5);
        // Centred rank is n - 1: the last axis has (numerically) zero width.
        assert!(b.hi[4] - b.lo[4] < 1e-12);
    }
}
