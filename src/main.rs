//! `matcluster`: a thin binary over the pipeline crates. It parses the command line, calls the
//! stages in data-flow order, prints problems and progress to standard error, and picks the exit
//! status: 0 success, 1 invalid input data (nothing written), 2 a wrong command line.

mod analyse;
mod assign;
mod bywave;
mod cli;
mod compare;
mod pipeline;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::pipeline::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Replicate { out, threads } => pipeline::replicate(&out, threads),
        Command::Run(args) => pipeline::run(&args, "run"),
        Command::Validate {
            survey,
            codebook,
            wave,
        } => pipeline::validate(&survey, &codebook, wave),
        Command::Simulate {
            preset,
            seed,
            wave,
            moves,
            drop,
            add,
            responses,
            trusts,
            out,
        } => match preset {
            cli::Preset::National => {
                pipeline::simulate_national(trusts, responses, seed, &moves, &drop, add, &out)
            }
            cli::Preset::Replication => {
                pipeline::simulate(preset, seed, wave, &moves, &drop, add, &out)
            }
        },
        Command::Assign(args) => assign::assign(&args),
        Command::Compare { base, new, out } => compare::compare(&base, &new, &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(lines)) => {
            for l in lines {
                eprintln!("{l}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
