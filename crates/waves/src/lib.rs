//! Later waves against earlier runs: the saved model of a run (`model.json`) and its checks,
//! placing a new wave's trusts in saved clusters (`assign`), reading an earlier run's folder
//! back, and matching two runs' clusters to list who stayed, moved, joined or left (`compare`).
//! It hands on a [`Model`], a [`Placed`] wave and a [`Comparison`].

mod compare;
mod error;
mod model;
mod place;
mod run_folder;
#[cfg(test)]
mod testutil;

pub use compare::{compare, Comparison, RunClusters, Transition, TransitionStatus};
pub use error::{CodebookMismatch, ModelError, ModelFileError, RunFolderError};
pub use model::{Model, ModelCluster, ModelItem, MODEL_FORMAT};
pub use place::{place, Placed, PlacedTrust};
pub use run_folder::{Run, RunFiles, RunFolder, RUN_FILES};
