//! Writes the bundled replication wave:
//!
//! ```text
//! cargo run -p simulate --example write_replication -- data/replication/wave-2017.csv [SEED]
//! ```
//!
//! SEED defaults to `simulate::DEFAULT_SEED`, the seed of the bundled file.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use simulate::{write_csv, Preset, SimParams, DEFAULT_SEED};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, seed) = match args.as_slice() {
        [path] => (path, Ok(DEFAULT_SEED)),
        [path, seed] => (path, seed.parse::<u64>()),
        _ => {
            eprintln!("usage: write_replication FILE [SEED]");
            return ExitCode::from(2);
        }
    };
    let Ok(seed) = seed else {
        eprintln!("SEED must be a whole number from 0 to 18446744073709551615");
        return ExitCode::from(2);
    };
    let params = SimParams::new(Preset::Replication, seed);
    let result = File::create(path)
        .map_err(simulate::SimulateError::from)
        .and_then(|file| write_csv(&params, BufWriter::new(file)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
