//! The floor of reading a CSV file: splitting it into records and fields with the csv crate on
//! every core, and nothing else (no UTF-8 check, no values, no storing). `bench/compare.py
//! --issue15` measures `run` against it.
//!
//! ```text
//! cargo run --release --example split_floor -- FILE
//! ```
//!
//! The file is mapped and cut into one piece per core at a line feed after an even number of
//! double quotes (outside any quoted value, as `survey` cuts it); each piece's fields are
//! counted. Prints `fields N` and `split_floor_seconds S`.

use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: split_floor FILE");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    // SAFETY: read-only map of a file nobody writes while the benchmark runs.
    let map = match unsafe { memmap2::Mmap::map(&file) } {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    let bytes: &[u8] = &map;
    let pieces = rayon::current_num_threads().max(1);
    let mut cuts = vec![0];
    let mut quotes = 0usize;
    let mut from = 0;
    for p in 1..pieces {
        let target = bytes.len() * p / pieces;
        quotes += bytes[from..target].iter().filter(|b| **b == b'"').count();
        let mut inside = quotes % 2 == 1;
        let mut cut = bytes.len();
        for (i, b) in bytes[target..].iter().enumerate() {
            if *b == b'"' {
                inside = !inside;
            } else if *b == b'\n' && !inside {
                cut = target + i + 1;
                break;
            }
        }
        quotes += bytes[target..cut].iter().filter(|b| **b == b'"').count();
        from = cut;
        cuts.push(cut);
    }
    cuts.push(bytes.len());
    let fields: usize = cuts
        .par_windows(2)
        .map(|w| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&bytes[w[0]..w[1]]);
            let mut record = csv::ByteRecord::new();
            let mut n = 0;
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                n += record.len();
            }
            n
        })
        .sum();
    println!("fields {fields}");
    println!("split_floor_seconds {:.6}", started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
