use std::collections::HashMap;

/// Adjusted Rand index as scikit-learn's `adjusted_rand_score` (its pair-confusion form):
/// 1.0 for identical partitions up to renaming, including two empty or two all-singleton ones;
/// about 0 for independent ones; can be negative. Label values are arbitrary.
///
/// # Panics
/// If the two labellings have different lengths.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len(), "labellings must have the same length");
    let n = a.len() as i128;
    let mut table: HashMap<(usize, usize), i128> = HashMap::new();
    let mut rows: HashMap<usize, i128> = HashMap::new();
    let mut cols: HashMap<usize, i128> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1;
        *rows.entry(x).or_default() += 1;
        *cols.entry(y).or_default() += 1;
    }
    // Ordered pair counts, as sklearn's pair_confusion_matrix; integer sums are order-free.
    let sum_sq: i128 = table.values().map(|v| v * v).sum();
    let row_sq: i128 = rows.values().map(|v| v * v).sum();
    let col_sq: i128 = cols.values().map(|v| v * v).sum();
    let tp = sum_sq - n;
    let fp = row_sq - sum_sq;
    let fn_ = col_sq - sum_sq;
    let tn = n * n - fp - fn_ - sum_sq;
    if fn_ == 0 && fp == 0 {
        return 1.0;
    }
    let num = 2 * (tp * tn - fn_ * fp);
    let den = (tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn);
    num as f64 / den as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scikit_learn() {
        // scikit-learn 1.9.1 adjusted_rand_score (/work/refs/cluster/refs_sklearn.py).
        let cases: [(&[usize], &[usize], f64); 8] = [
            (&[0, 0, 1, 1], &[0, 0, 1, 1], 1.0),
            (&[0, 0, 1, 1], &[1, 1, 0, 0], 1.0),
            (&[0, 0, 1, 2], &[0, 0, 1, 1], 0.5714285714285714),
            (
                &[0, 0, 0, 1, 1, 1],
                &[0, 1, 2, 0, 1, 2],
                -0.36363636363636365,
            ),
            (&[0, 0, 0, 0], &[0, 0, 0, 0], 1.0),
            (&[0, 1, 2, 3], &[0, 1, 2, 3], 1.0),
            (&[0, 0, 0, 0], &[0, 1, 2, 3], 0.0),
            (
                &[0, 0, 1, 1, 2, 2, 2, 0, 1, 3],
                &[1, 1, 0, 0, 2, 2, 0, 1, 1, 3],
                0.4,
            ),
        ];
        for (a, b, want) in cases {
            let got = adjusted_rand_index(a, b);
            assert!((got - want).abs() < 1e-12, "{a:?} {b:?}: {got} vs {want}");
            assert!((adjusted_rand_index(b, a) - want).abs() < 1e-12);
        }
        assert_eq!(adjusted_rand_index(&[], &[]), 1.0);
    }

    #[test]
    fn matches_scikit_learn_on_200_noisy_labels() {
        // refs_sklearn.py "random200": a in 0..4, b = a with 30% replaced by 0..5 at random.
        let a: Vec<usize> = "11000303002013122133320331221020300323102113332121213302003200321132100323002302013221210313013320102202032031322100333332302111201321310022303023223330100213130110232313020003011133021232033322002010"
            .bytes()
            .map(|c| (c - b'0') as usize)
            .collect();
        let b: Vec<usize> = "11000303002013122133400332211024333312202113232121313412003203320142120343002302013401220313213300132242233430124110333332302411301131111221303023023330100223112110233313022003012132021202032320032410"
            .bytes()
            .map(|c| (c - b'0') as usize)
            .collect();
        assert_eq!((a.len(), b.len()), (200, 200));
        let got = adjusted_rand_index(&a, &b);
        assert!((got - 0.44627188775700255).abs() < 1e-12, "{got}");
    }
}
