//! Writing an output folder: the folder of a run (one wave's analysis), of `assign` (a wave
//! placed in saved clusters) or of `compare` (two runs side by side). Each is CSV tables safe to
//! open in Excel, a typed manifest, the charts and the HTML and Markdown report, all staged in a
//! temporary folder and moved into place only when the whole folder was written
//! ([`OutDir::write_whole`]). It hands on the folder, and to `run --by-wave` the [`RunFiles`]
//! a comparison reads.

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
pub use doc::{Block, Doc};
pub use error::ReportError;
pub use escape::{csv_text, html};
pub use manifest::{
    file_name, separator_name, sha256, to_json, ByWaveManifest, HashedFile, InputFile, RunManifest,
    WaveFolder, WavePair,
};
pub use outdir::{safe_name, wave_folders, OutDir, OutDirError};
pub use run::{write_run, RunOptions};
pub use table::{fmt_num, Cell, Table};
pub use waves::RunFiles;
