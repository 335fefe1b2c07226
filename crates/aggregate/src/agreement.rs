//! Agreement statistics for aggregating staff answers to their trust.

/// One trust's answers to one statement: count, mean and sample variance (n-1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupStats {
    pub n: usize,
    pub mean: f64,
    /// Sample variance (n-1); NaN when n < 2.
    pub var: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemAgreement {
    pub item_id: String,
    /// Trusts with at least one answer, and answers in all.
    pub groups: usize,
    pub answers: usize,
    pub icc1: f64,
    pub icc2: f64,
}

/// ICC(1) and ICC(2) from a one-way ANOVA of answers on trust, as R's `multilevel::ICC1` and
/// `multilevel::ICC2` compute them from `aov`: ICC1 = (MSB - MSW) / (MSB + (g - 1) MSW) with g
/// the mean group size N / G, and ICC2 = (MSB - MSW) / MSB. NaN when undefined (fewer than two
/// groups, or no within-group degrees of freedom).
pub fn icc_from_groups(groups: &[GroupStats]) -> (f64, f64) {
    let groups: Vec<&GroupStats> = groups.iter().filter(|g| g.n > 0).collect();
    let g = groups.len();
    let n: usize = groups.iter().map(|s| s.n).sum();
    if g < 2 || n <= g {
        return (f64::NAN, f64::NAN);
    }
    let grand = groups.iter().map(|s| s.mean * s.n as f64).sum::<f64>() / n as f64;
    let ssb: f64 = groups
        .iter()
        .map(|s| s.n as f64 * (s.mean - grand).powi(2))
        .sum();
    let ssw: f64 = groups
        .iter()
        .filter(|s| s.n > 1)
        .map(|s| s.var * (s.n - 1) as f64)
        .sum();
    let msb = ssb / (g - 1) as f64;
    let msw = ssw / (n - g) as f64;
    let size = n as f64 / g as f64;
    let icc1 = (msb - msw) / (msb + (size - 1.0) * msw);
    let icc2 = (msb - msw) / msb;
    (icc1, icc2)
}

/// rwg(j) for one trust over J statements, as R's `multilevel::rwg.j(x, grpid, ranvar)`:
/// with r the mean over items of s_j²/σ_j² (s_j² an item's variance in the trust, σ_j² the
/// variance of a uniform answer on its scale, (A² - 1)/12: 2 for five points), capped at 1 as
/// R caps the mean variance at `ranvar`, rwg(j) = J(1 - r) / (J(1 - r) + r). With one scale
/// for all items this is R's formula exactly; with several it is R's on items each divided by
/// σ_j (ranvar = 1). Items with fewer than two answers have no variance and are left out of J
/// (R drops every respondent with any missing answer instead); `None` when no item has a
/// variance.
pub fn rwg_j(item_vars: &[f64], null_vars: &[f64]) -> Option<f64> {
    let ratios: Vec<f64> = item_vars
        .iter()
        .zip(null_vars)
        .filter(|(v, _)| v.is_finite())
        .map(|(v, null)| v / null)
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let j = ratios.len() as f64;
    let ratio = (ratios.iter().sum::<f64>() / j).min(1.0);
    let value = j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio);
    Some(value.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(values: &[f64]) -> GroupStats {
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        let var = if n > 1 {
            values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            f64::NAN
        };
        GroupStats { n, mean, var }
    }

    // Hand-worked example: three trusts answering one statement.
    //   T1: 4 5 4 5   T2: 2 3 2   T3: 3 3 4 4 5
    // SSB = 8.2 (df 2), SSW = 4.4667 (df 9): MSB = 4.1, MSW = 0.49630, mean group size 4.
    // R 4.2.2, multilevel 2.7-1:
    //   d <- data.frame(y = c(4,5,4,5, 2,3,2, 3,3,4,4,5), g = factor(rep(1:3, c(4,3,5))))
    //   m <- aov(y ~ g, d); ICC1(m)  # 0.644797879390325
    //                       ICC2(m)  # 0.878952122854562
    #[test]
    fn icc_matches_r_multilevel() {
        let groups = [
            stats(&[4., 5., 4., 5.]),
            stats(&[2., 3., 2.]),
            stats(&[3., 3., 4., 4., 5.]),
        ];
        let (icc1, icc2) = icc_from_groups(&groups);
        let tol = 1e-12;
        assert!((icc1 - 0.644797879390325).abs() < tol, "{icc1}");
        assert!((icc2 - 0.878952122854562).abs() < tol, "{icc2}");
    }

    #[test]
    fn icc_undefined_for_one_group() {
        let (a, b) = icc_from_groups(&[stats(&[1., 2., 3.])]);
        assert!(a.is_nan() && b.is_nan());
    }

    // R 4.2.2, multilevel 2.7-1:
    //   x <- data.frame(a = c(1,2,1,2, 3,3,3,4), b = c(2,2,3,3, 1,5,1,5))
    //   rwg.j(x, rep(c("T1","T2"), each = 4), ranvar = 2)
    //   # T1 0.909090909090909 (variances 1/3, 1/3); T2 0 (variances 0.25, 5.33: truncated)
    #[test]
    fn rwg_j_matches_r_multilevel() {
        let t1 = [stats(&[1., 2., 1., 2.]).var, stats(&[2., 2., 3., 3.]).var];
        let t2 = [stats(&[3., 3., 3., 4.]).var, stats(&[1., 5., 1., 5.]).var];
        let five = [2.0, 2.0];
        let v1 = rwg_j(&t1, &five).unwrap();
        assert!((v1 - 0.909090909090909).abs() < 1e-12, "{v1}");
        assert_eq!(rwg_j(&t2, &five), Some(0.0));
        assert_eq!(rwg_j(&[0.0, 0.0], &five), Some(1.0));
        assert_eq!(rwg_j(&[f64::NAN], &five), None);
    }

    // A trust answering only the ends of the scale has item variances above the null's: R caps
    // the mean variance at ranvar and gives 0 (without the cap, J(1 - r) and the denominator
    // are both negative for r > J/(J - 1) and the ratio comes out positive).
    //   x <- data.frame(a = c(1,5,1,5), b = c(5,1,5,1), c = c(1,5,5,1))
    //   rwg.j(x, rep("T", 4), ranvar = 2)  # 0
    #[test]
    fn rwg_j_is_zero_when_answers_disagree_more_than_chance() {
        let v = stats(&[1., 5., 1., 5.]).var;
        assert!(v / 2.0 > 3.0 / 2.0, "r above J/(J-1)");
        assert_eq!(rwg_j(&[v, v, v], &[2.0; 3]), Some(0.0));
    }
}
