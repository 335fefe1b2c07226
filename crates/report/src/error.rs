/// What can stop an output folder from being written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    OutDir(#[from] crate::outdir::OutDirError),
    #[error("drawing the charts failed: {0}")]
    Plot(#[from] plots::PlotError),
    #[error(transparent)]
    RunFolder(#[from] waves::RunFolderError),
    #[error("{0}")]
    Model(#[from] waves::ModelError),
}
