//! Writes a national-scale simulated wave (for benchmarks):
//!
//! ```text
//! cargo run --release -p simulate --example national -- --responses 1000000 --trusts 2500 --seed 2017 --out target/national-1m.csv
//! ```
//!
//! Defaults: 1,000,000 responses, 2,500 trusts, seed 2017.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut responses = 1_000_000usize;
    let mut trusts = 2_500usize;
    let mut seed = simulate::DEFAULT_SEED;
    let mut out: Option<String> = None;
    let usage = "usage: national [--responses N] [--trusts T] [--seed S] --out FILE";
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{flag} needs a value; {usage}");
            return ExitCode::from(2);
        };
        let number = |what: &str| {
            value.parse::<u64>().map_err(|_| {
                eprintln!("{what} must be a whole number (got {value:?}); {usage}");
            })
        };
        let parsed = match flag.as_str() {
            "--responses" => number("--responses").map(|n| responses = n as usize),
            "--trusts" => number("--trusts").map(|n| trusts = n as usize),
            "--seed" => number("--seed").map(|n| seed = n),
            "--out" => {
                out = Some(value.clone());
                Ok(())
            }
            _ => {
                eprintln!("unknown flag {flag:?}; {usage}");
                Err(())
            }
        };
        if parsed.is_err() {
            return ExitCode::from(2);
        }
    }
    let Some(path) = out else {
        eprintln!("--out is required; {usage}");
        return ExitCode::from(2);
    };
    if trusts == 0 {
        eprintln!("--trusts must be at least 1");
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let result = File::create(&path)
        .map_err(simulate::SimulateError::from)
        .and_then(|f| {
            simulate::national(
                trusts,
                responses,
                seed,
                BufWriter::with_capacity(1 << 20, f),
            )
        });
    match result {
        Ok(s) => {
            eprintln!(
                "wrote {path}: {} responses, {} trusts, {:.1} MB in {:.2} s",
                s.responses,
                s.trusts,
                s.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
