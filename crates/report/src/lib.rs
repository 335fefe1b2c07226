//! Everything a run writes: CSV tables safe to open in Excel, the manifest, the charts, the
//! HTML and Markdown report, all staged in a temporary folder and moved into place only when the
//! whole run succeeded.

mod analysis;
pub mod charts;
mod doc;
mod escape;
mod manifest;
mod narrative;
mod outdir;
mod table;
pub mod tables;

pub use analysis::{Analysis, KRow, Settings};
pub use doc::{Block, Doc};
pub use escape::{csv_text, html};
pub use manifest::{InputFile, Manifest};
pub use narrative::build as narrative;
pub use outdir::{OutDir, OutDirError};
pub use table::{fmt_num, Cell, Table};
