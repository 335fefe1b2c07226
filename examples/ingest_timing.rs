//! Times read + validate + aggregate of survey files, once (for `/usr/bin/time -v` and
//! `bench/compare.sh`):
//!
//! ```text
//! cargo run --release --example ingest_timing -- FILE... [--codebook data/codebook.csv]
//! ```
//!
//! Prints `read_validate SECONDS`, `aggregate SECONDS` and `total SECONDS`, one a line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use survey::{Codebook, ReadOptions};

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut codebook = PathBuf::from("data/codebook.csv");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--codebook" {
            match args.next() {
                Some(p) => codebook = p.into(),
                None => {
                    eprintln!("--codebook needs a file");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(a.into());
        }
    }
    if files.is_empty() {
        eprintln!("usage: ingest_timing FILE... [--codebook FILE]");
        return ExitCode::from(2);
    }
    let codebook = match Codebook::read(&codebook) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let started = Instant::now();
    let survey = match survey::read_surveys(&refs, &codebook, &ReadOptions::default()) {
        Ok(s) => s,
        Err(p) => {
            for problem in p.0.iter().take(20) {
                eprintln!("{problem}");
            }
            return ExitCode::FAILURE;
        }
    };
    let read = started.elapsed().as_secs_f64();
    let params = analysis::STUDY
        .check()
        .map(|s| s.aggregate_params(None))
        .expect("default parameters are valid");
    let agg = match aggregate::aggregate(&survey, &codebook, &params) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let total = started.elapsed().as_secs_f64();
    println!("read_validate {read:.4}");
    println!("aggregate {:.4}", total - read);
    println!("total {total:.4}");
    eprintln!(
        "{} rows, {} trusts analysed, {} responses counted",
        survey.rows.len(),
        agg.scores.rows(),
        agg.counted()
    );
    ExitCode::SUCCESS
}
