//! Per-cluster summaries of a numeric variable: n, quartiles (R's default `quantile`, type 7)
//! and the mean.

/// A group's summary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    pub mean: f64,
}

/// Quantile `p` (in [0, 1]) of sorted values by linear interpolation between order statistics
/// (Hyndman and Fan's type 7, R's and numpy's default); NaN for no values.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let p = p.clamp(0.0, 1.0);
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// `None` for no values.
pub fn summarise(values: &[f64]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(Summary {
        n: values.len(),
        median: quantile(&sorted, 0.5),
        q1: quantile(&sorted, 0.25),
        q3: quantile(&sorted, 0.75),
        mean: values.iter().sum::<f64>() / values.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_seven_quartiles() {
        // quantile(c(1, 2, 4, 7), c(.25, .5, .75)) = 1.75 3 4.75
        let s = summarise(&[7.0, 1.0, 4.0, 2.0]).unwrap();
        assert_eq!((s.q1, s.median, s.q3, s.mean), (1.75, 3.0, 4.75, 3.5));
        let one = summarise(&[5.0]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (5.0, 5.0, 5.0));
    }
}
