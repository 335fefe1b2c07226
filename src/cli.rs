//! The command line, as `../shared/contract.md` fixes it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "matcluster",
    version,
    about = "Replicates and extends the cluster analysis of the 2018 'Building Trusts' survey of multi-academy trusts",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The study end to end on the bundled wave in data/replication/, with the study's settings.
    Replicate {
        /// Output folder.
        #[arg(long, default_value = "notebooks-out/replication")]
        out: PathBuf,
        /// Worker threads (0 = all cores); results do not depend on it.
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// The same pipeline on any survey files.
    Run(RunArgs),
    /// Check survey files against the codebook and format; print every problem; write nothing.
    Validate {
        /// Survey CSV files (one wave may span several files).
        #[arg(long, required = true, num_args = 1..)]
        survey: Vec<PathBuf>,
        #[arg(long, default_value = "data/codebook.csv")]
        codebook: PathBuf,
        /// The wave of files without a `wave` column.
        #[arg(long)]
        wave: Option<String>,
    },
    /// Write a simulated wave calibrated to the published facts.
    Simulate {
        #[arg(long, value_enum, default_value = "replication")]
        preset: Preset,
        #[arg(long, default_value_t = simulate::DEFAULT_SEED)]
        seed: u64,
        /// The wave label written into the file.
        #[arg(long, default_value = "2017")]
        wave: String,
        /// The CSV file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Preset {
    Replication,
}

#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// Survey CSV files (one wave may span several files).
    #[arg(long, required = true, num_args = 1..)]
    pub survey: Vec<PathBuf>,
    #[arg(long, default_value = "data/codebook.csv")]
    pub codebook: PathBuf,
    /// Choose one wave when the files hold several; the wave of files without a `wave` column.
    #[arg(long)]
    pub wave: Option<String>,
    /// A trust is analysed only with at least this many counted responses (the study: 5).
    #[arg(long, default_value_t = 5)]
    pub min_responses: usize,
    /// Number of clusters, or `auto` to choose it by the gap statistic.
    #[arg(long, default_value = "3")]
    pub k: String,
    /// Largest k tried when choosing k.
    #[arg(long, default_value_t = 8)]
    pub k_max: usize,
    /// Seed of every random step (k-means++ starts, gap references, bootstrap resamples).
    #[arg(long, default_value_t = 2018)]
    pub seed: u64,
    /// k-means starts per fit.
    #[arg(long, default_value_t = 100)]
    pub restarts: usize,
    /// Bootstrap resamples for cluster stability (fpc::clusterboot).
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
    /// Reference data sets for the gap statistic.
    #[arg(long, default_value_t = 500)]
    pub gap_refs: usize,
    /// Smallest group of respondents any breakdown may show (disclosure control).
    #[arg(long, default_value_t = 5)]
    pub min_cell: usize,
    /// Leave out accounting.csv (it lists response ids) from outputs meant to be shared.
    #[arg(long)]
    pub no_accounting: bool,
    /// Worker threads (0 = all cores); results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
}
