//! Times k-means (and optionally the gap statistic and the bootstrap) on a matrix read from a CSV
//! file (header; first column a row id, the others numbers; no quoting), once, for `bench/compare.sh`:
//!
//! ```text
//! cargo run --release -p cluster --example matrix_timing -- FILE [--k 3] [--restarts 100] [--gap] [--boot]
//! ```
//!
//! The gap uses the study's settings (k 1..=8, 500 reference sets, 10 starts) and the bootstrap
//! 1,000 resamples with 10 starts. Prints `kmeans SECONDS`, `gap SECONDS`, `bootstrap SECONDS`.

use std::process::ExitCode;
use std::time::Instant;

use cluster::{
    bootstrap_stability, fit, gap_statistic, Array2, BootParams, GapParams, KMeansParams,
};

fn main() -> ExitCode {
    let mut file = None;
    let (mut k, mut restarts, mut gap, mut boot) = (3usize, 100usize, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--k" => k = args.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--restarts" => restarts = args.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--gap" => gap = true,
            "--boot" => boot = true,
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: matrix_timing FILE [--k 3] [--restarts 100] [--gap] [--boot]");
        return ExitCode::from(2);
    };
    // A plain numeric CSV (written by bench/compare.py): split on commas, no quoting.
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (mut ids, mut values, mut cols) = (Vec::new(), Vec::new(), 0);
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let mut fields = line.split(',');
        ids.push(fields.next().unwrap_or("").to_string());
        let before = values.len();
        values.extend(fields.map(|v| v.trim().parse::<f64>().unwrap_or(f64::NAN)));
        cols = values.len() - before;
    }
    let x = match Array2::from_shape_vec((ids.len(), cols), values) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let params = match KMeansParams::new(k).restarts(restarts).check() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let Ok(model) = fit(x.view(), &ids, &params) else {
        eprintln!("k-means failed");
        return ExitCode::FAILURE;
    };
    println!("kmeans {:.4}", started.elapsed().as_secs_f64());
    eprintln!("wss {:.6}", model.wss);
    if gap {
        let started = Instant::now();
        if gap_statistic(x.view(), &GapParams::new(8).check().unwrap(), &|_| {}).is_err() {
            eprintln!("gap failed");
            return ExitCode::FAILURE;
        }
        println!("gap {:.4}", started.elapsed().as_secs_f64());
    }
    if boot {
        let started = Instant::now();
        if bootstrap_stability(
            x.view(),
            &model.labels,
            k,
            &BootParams::new().check().unwrap(),
            &|_| {},
        )
        .is_err()
        {
            eprintln!("bootstrap failed");
            return ExitCode::FAILURE;
        }
        println!("bootstrap {:.4}", started.elapsed().as_secs_f64());
    }
    ExitCode::SUCCESS
}
