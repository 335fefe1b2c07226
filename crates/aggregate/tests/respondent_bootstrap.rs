//! The respondent-level bootstrap's resampled means on a simulated wave read as a user's file
//! is read: over many trusts, the bootstrap standard error of a trust's statement mean agrees
//! with s / sqrt(n).

use aggregate::{aggregate, AggregateParams};
use rand::{Rng, SeedableRng};
use survey::{read_survey_bytes, Codebook, ReadOptions, STUDY_CODEBOOK};

#[test]
fn bootstrap_standard_errors_agree_with_s_over_root_n_on_a_simulated_wave() {
    // 200 trusts, 10,000 responses (about 50 each; trusts of fewer than 5 are not analysed), with the simulator's blanks and "Don't
    // know"s; B = 500 resamples. The bootstrap draws rows, so a statement's count varies a
    // little between resamples; its standard error is s / sqrt(n) * sqrt((n - 1) / n) in
    // theory, 1% below s / sqrt(n) at n = 50. One cell's SE has a Monte Carlo error of about
    // 1 / sqrt(2B) = 3%; the median over some 3,500 cells is checked within 5% of s / sqrt(n), as
    // the issue asks, and within 1% of the theory.
    let mut csv = Vec::new();
    simulate::national(200, 10_000, 7, &mut csv).unwrap();
    let codebook = Codebook::parse("codebook.csv", STUDY_CODEBOOK).unwrap();
    let survey = read_survey_bytes("wave.csv", &csv, &codebook, &ReadOptions::default()).unwrap();
    let params = AggregateParams {
        min_responses: 5,
        wave: None,
        min_trusts: 2,
        keep_answers: true,
    };
    let agg = aggregate(&survey, &codebook, &params.check().unwrap()).unwrap();
    let s = &agg.scores;
    // Trust sizes vary; a few fall below the threshold.
    assert!(s.rows() > 150, "{}", s.rows());
    let (cells, b) = (s.rows() * s.cols(), 500usize);
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(3);
    let (mut sum, mut sum_sq) = (vec![0.0; cells], vec![0.0; cells]);
    for _ in 0..b {
        let m = agg
            .answers
            .resample_means(&s.mean, &mut |k| rng.gen_range(0..k));
        for (i, v) in m.iter().enumerate() {
            sum[i] += v;
            sum_sq[i] += v * v;
        }
    }
    // s and n of each trust's answers to each statement, from the survey's own rows.
    let stats = per_trust_item(&survey, &agg);
    let (mut to_s, mut to_theory) = (Vec::new(), Vec::new());
    for (i, &(n, sd)) in stats.iter().enumerate() {
        if n < 2 || sd == 0.0 {
            continue;
        }
        let mean = sum[i] / b as f64;
        let se = ((sum_sq[i] - b as f64 * mean * mean) / (b - 1) as f64).sqrt();
        let plain = sd / (n as f64).sqrt();
        to_s.push(se / plain);
        to_theory.push(se / (plain * ((n - 1) as f64 / n as f64).sqrt()));
    }
    assert!(to_s.len() > 3000);
    let (a, t) = (median(to_s), median(to_theory));
    assert!((a - 1.0).abs() < 0.05, "median SE / (s/sqrt(n)) = {a}");
    assert!((t - 1.0).abs() < 0.01, "median SE / theory = {t}");
}

/// (answers, sample sd) of every analysed trust and statement, in score-table order.
fn per_trust_item(survey: &survey::Survey, agg: &aggregate::Aggregation) -> Vec<(usize, f64)> {
    let s = &agg.scores;
    let n_s = survey.statement_ids.len();
    let col_of: Vec<Option<usize>> = survey
        .statement_ids
        .iter()
        .map(|id| s.item_ids.iter().position(|x| x == id))
        .collect();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); s.rows() * s.cols()];
    for (i, row) in survey.rows.iter().enumerate() {
        if agg.outcomes[i] != aggregate::Outcome::Counted {
            continue;
        }
        let id = &survey.trusts[row.trust().unwrap() as usize];
        let r = s.trust_ids.iter().position(|x| x == id).unwrap();
        for (j, &code) in survey.statements[i * n_s..(i + 1) * n_s].iter().enumerate() {
            if let (Some(c), true) = (col_of[j], code != 0) {
                values[r * s.cols() + c].push(f64::from(code));
            }
        }
    }
    values
        .iter()
        .map(|v| {
            let n = v.len();
            let m = v.iter().sum::<f64>() / n.max(1) as f64;
            let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n.max(2) - 1) as f64;
            (n, var.sqrt())
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
