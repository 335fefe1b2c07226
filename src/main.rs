//! `matcluster`: a thin binary over the pipeline crates. It parses the command line, calls the
//! stages in data-flow order, prints problems and progress to standard error, and picks the exit
//! status: 0 success, 1 invalid input data (nothing written), 2 a wrong command line.

mod cli;
mod cmd;
mod input;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::input::Failure;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Replicate { out, threads } => cmd::run::replicate(&out, threads),
        Command::Run(args) => cmd::run::run(&args, "run"),
        Command::Validate(args) => cmd::validate::validate(&args),
        Command::Codebook { out } => cmd::validate::write_codebook(&out),
        Command::Simulate(args) => cmd::simulate::simulate(&args),
        Command::Assign(args) => cmd::assign::assign(&args),
        Command::Compare { base, new, out } => cmd::compare::compare(&base, &new, &out),
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
