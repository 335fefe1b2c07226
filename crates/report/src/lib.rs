//! Writing an output folder: the folder of a run (one wave's analysis), of `assign` (a wave
//! placed in saved clusters) or of `compare` (two runs side by side). Each is CSV tables safe to
//! open in Excel, a typed manifest, the charts and the HTML and Markdown report, all staged in a
//! temporary folder and moved into place only when the whole folder was written
//! ([`OutDir::write_whole`]). It hands on the folder, and to `run --by-wave` the
//! `waves::RunFiles` of each wave it wrote, for the comparisons.

mod assign;
mod charts;
mod compare;
mod doc;
mod error;
mod escape;
mod manifest;
mod narrative;
mod outdir;
mod run;
mod table;
mod tables;

pub use assign::{write_assign, AssignInputs, PlacedWave};
pub use compare::{write_comparison, ComparisonSummary};
pub use error::ReportError;
pub use manifest::{file_name, sha256, HashedFile, InputFile, WaveFolder, WavePair};
pub use outdir::{wave_folders, OutDir, OutDirError};
pub use plots::Unit;
pub use run::{write_by_wave_manifest, write_run, RunOptions};
