//! Holm's step-down adjustment of p-values, as R's `p.adjust(p, "holm")`.

/// The adjusted p-values, in the order given: the i-th smallest p times (m - i + 1), made
/// non-decreasing along that order and capped at 1. `None`s (tests that could not be run) take
/// no part and count towards no m.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_some()).collect();
    order.sort_by(|&a, &b| p[a].unwrap_or(1.0).total_cmp(&p[b].unwrap_or(1.0)));
    let m = order.len();
    let mut out = vec![None; p.len()];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let scaled = (m - rank) as f64 * p[i].unwrap_or(1.0);
        running = running.max(scaled).min(1.0);
        out[i] = Some(running);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // p.adjust(c(0.01, 0.04, 0.03, NA), "holm") = 0.03 0.06 0.06 NA
        let got = holm(&[Some(0.01), Some(0.04), Some(0.03), None]);
        let want = [0.03, 0.06, 0.06];
        for (g, w) in got.iter().zip(want) {
            assert!((g.unwrap() - w).abs() < 1e-15, "{got:?}");
        }
        assert_eq!(got[3], None);
    }
}
