//! `compare`: which trusts stayed in or moved between the clusters of two runs.

use std::path::{Path, PathBuf};

use report::{write_comparison, OutDir, ReportError};
use waves::{RunFolder, RunFolderError, RUN_FILES};

use crate::input::{data, Failure};

pub fn compare(base: &Path, new: &Path, out_dir: &Path) -> Result<(), Failure> {
    let b = read(base)?;
    let n = read(new)?;
    let inputs: Vec<PathBuf> = RUN_FILES
        .iter()
        .flat_map(|f| [base.join(f), new.join(f)])
        .collect();
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let s = OutDir::write_whole(out_dir, &inputs, |out| {
        write_comparison(out, "", &b, &n, "compare")
    })?;
    if let Some(w) = s.items_warning() {
        eprintln!("{w}");
    }
    eprintln!("{}; wrote {}", s.moved_line(), out_dir.display());
    Ok(())
}

/// Reads and checks a run folder before anything is written.
fn read(dir: &Path) -> Result<RunFolder, Failure> {
    RunFolder::read(dir).map_err(|e| match e {
        RunFolderError::Unreadable { .. } => data(format!(
            "{e}; --base and --new must be output folders of `matcluster run`"
        )),
        other => ReportError::from(other).into(),
    })
}
