//! `simulate`: a calibrated replication wave, or a national-scale wave for benchmarks.

use std::io::Write;
use std::path::Path;

use simulate::{SimulateError, TrustChange};

use crate::cli::{SimulateArgs, Simulation};
use crate::input::{data, Failure};

pub fn simulate(args: &SimulateArgs) -> Result<(), Failure> {
    let out = &args.out;
    let changes = !args.moves.is_empty()
        || !args.drop.is_empty()
        || args.add > 0
        || !args.between.is_empty()
        || !args.centre.is_empty()
        || !args.rows.is_empty();
    if args.preset == Simulation::National && changes {
        return Err(Failure::Usage(
            "--move, --drop, --add, --between, --centre and --rows apply to --preset replication only".into(),
        ));
    }
    if args.trusts == 0 || args.responses == 0 {
        return Err(Failure::Usage(
            "--trusts and --responses must be at least 1".into(),
        ));
    }
    let cannot_write =
        |e: &dyn std::fmt::Display| data(format!("{}: cannot write: {e}", out.display()));
    match args.preset {
        Simulation::National => {
            let mut w = std::io::BufWriter::new(create(out)?);
            let s = simulate::national(args.trusts, args.responses, args.seed, &mut w)
                .map_err(|e| data(format!("{}: {e}", out.display())))?;
            w.flush().map_err(|e| cannot_write(&e))?;
            eprintln!(
                "wrote {} ({} responses from {} trusts, {} bytes)",
                out.display(),
                s.responses,
                s.trusts,
                s.bytes
            );
        }
        Simulation::Replication => {
            let mut params = simulate::SimParams::new(simulate::Preset::Replication, args.seed);
            params.wave = args.wave.clone();
            params.moves = args.moves.clone();
            params.drop = args.drop.iter().map(|d| d.trim().to_string()).collect();
            params.add = args.add;
            params.between = args.between.clone();
            params.centre = args.centre.clone();
            params.rows = args.rows.clone();
            let text = simulate::simulate(&params).map_err(|e| {
                let flag = match &e {
                    SimulateError::UnknownTrust { change, .. } => option(*change),
                    SimulateError::TooFewRows { .. } => option(TrustChange::Rows),
                    _ => "",
                };
                Failure::Usage(format!("{flag}{e}"))
            })?;
            create(out)?
                .write_all(text.as_bytes())
                .map_err(|e| cannot_write(&e))?;
            eprintln!("wrote {}", out.display());
        }
    }
    Ok(())
}

/// The option that names a trust for each change, as a message's prefix.
fn option(change: TrustChange) -> &'static str {
    match change {
        TrustChange::Move => "--move: ",
        TrustChange::Drop => "--drop: ",
        TrustChange::Between => "--between: ",
        TrustChange::Centre => "--centre: ",
        TrustChange::Rows => "--rows: ",
    }
}

fn create(out: &Path) -> Result<std::fs::File, Failure> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| data(format!("{}: {e}", dir.display())))?;
    }
    std::fs::File::create(out).map_err(|e| data(format!("{}: cannot write: {e}", out.display())))
}
