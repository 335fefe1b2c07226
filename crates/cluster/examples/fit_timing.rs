//! Quick timing of one fit (k = 3, 100 restarts) on random n x 19 matrices, and of the gap and
//! bootstrap at 17 x 19. `cargo run --release -p cluster --example fit_timing [17|2500|all]`
use std::time::Instant;

use cluster::{
    bootstrap_stability, fit, gap_statistic, Array2, BootParams, GapParams, KMeansParams,
};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn data(n: usize) -> (Array2<f64>, Vec<String>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let x = Array2::from_shape_fn((n, 19), |_| rng.gen::<f64>());
    (x, (0..n).map(|i| format!("T{i:05}")).collect())
}

fn time_fit(n: usize, reps: u32) {
    let (x, ids) = data(n);
    let params = KMeansParams::new(3).check().unwrap();
    let start = Instant::now();
    let mut wss = 0.0;
    for _ in 0..reps {
        wss = fit(x.view(), &ids, &params).unwrap().wss;
    }
    let per = start.elapsed() / reps;
    println!("fit {n}x19, k=3, 100 restarts: {per:?} per fit (wss {wss:.4})");
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    if which == "17" || which == "all" {
        time_fit(17, 2000);
    }
    if which == "2500" || which == "all" {
        time_fit(2500, 5);
    }
    if which == "all" {
        let (x, ids) = data(17);
        let start = Instant::now();
        gap_statistic(x.view(), &GapParams::new(8).check().unwrap(), &|_| {}).unwrap();
        println!(
            "gap 17x19, k_max=8, 500 refs, 10 restarts: {:?}",
            start.elapsed()
        );
        let labels = fit(x.view(), &ids, &KMeansParams::new(3).check().unwrap())
            .unwrap()
            .labels;
        let start = Instant::now();
        bootstrap_stability(
            x.view(),
            &labels,
            3,
            &BootParams::new().check().unwrap(),
            &|_| {},
        )
        .unwrap();
        println!(
            "bootstrap 17x19, k=3, 1000 resamples, 10 restarts: {:?}",
            start.elapsed()
        );
    }
}
