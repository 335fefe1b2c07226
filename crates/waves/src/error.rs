//! What can go wrong with saved models and run folders.

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the model's format is {found:?}, but this version reads {expected:?}; refit it with `matcluster run`")]
    Format {
        found: String,
        expected: &'static str,
    },
    #[error("the model is inconsistent: {0}; it may have been edited by hand, so refit it with `matcluster run`")]
    Inconsistent(String),
    #[error("{0}")]
    Codebook(CodebookMismatch),
    #[error("the model and the data share no statement, so nothing can be placed or compared")]
    NoCommonItems,
    #[error("clustering maths failed: {0}")]
    Cluster(#[from] cluster::ClusterError),
}

/// How a model's items differ from the codebook in use; every list is sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookMismatch {
    /// Items of the model that are not statements of the codebook.
    pub missing_from_codebook: Vec<String>,
    /// Statements of the codebook the model does not have (reported only to help: on their
    /// own they are not a mismatch, as a question added after the model's wave is simply not
    /// used).
    pub extra_in_codebook: Vec<String>,
    /// (item, theme in the model, theme in the codebook).
    pub theme_changed: Vec<(String, String, String)>,
}

impl std::fmt::Display for CodebookMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if !self.missing_from_codebook.is_empty() {
            parts.push(format!(
                "items in the model but not statements of the codebook: {}",
                self.missing_from_codebook.join(", ")
            ));
        }
        if !self.extra_in_codebook.is_empty() {
            parts.push(format!(
                "statements of the codebook not in the model: {}",
                self.extra_in_codebook.join(", ")
            ));
        }
        for (item, m, c) in &self.theme_changed {
            parts.push(format!(
                "{item} is in theme {m} in the model but {c} in the codebook"
            ));
        }
        write!(
            f,
            "the model does not match the codebook: {}; use the codebook the model was fitted with (a renamed question keeps its item_id and lists its new header in `aliases`)",
            parts.join("; ")
        )
    }
}

/// A run folder that `compare` cannot use. Positions are `FILE:LINE:COLUMN` as everywhere
/// (COLUMN 0: the whole line or file).
#[derive(Debug, thiserror::Error)]
pub enum RunFolderError {
    #[error("{path}:0:0: cannot read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Model(#[from] ModelFileError),
    #[error("{file}:{line}:0: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}:1:0: no `{column}` column; is this a matcluster run's file?")]
    MissingColumn { file: String, column: &'static str },
    #[error("{file}:{line}:0: {column} {value:?} is not a number")]
    NotANumber {
        file: String,
        line: u64,
        column: &'static str,
        value: String,
    },
}

/// A model file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("{file}:{line}:{column}: not a matcluster model.json ({message}); give the model.json an earlier `matcluster run` wrote")]
    NotAModel {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:0:0: {source}")]
    BadModel { file: String, source: ModelError },
}
