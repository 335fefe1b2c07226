use std::fmt;

/// One problem in an input file, located as precisely as the file allows.
///
/// `line` is the 1-based physical line (the header is line 1); `column` is the 1-based field
/// number, or 0 when the problem concerns a whole line or the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub message: String,
    /// A value the caller can give instead of the missing one; the caller says how (the
    /// binary names its option), so the library never names a flag.
    pub remedy: Option<Remedy>,
}

/// What a caller can supply to mend a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// The wave label of rows that have none ([`crate::ReadOptions::wave`]).
    WaveLabel,
}

impl Problem {
    pub fn new(file: &str, line: u64, column: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            remedy: None,
        }
    }

    pub fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(remedy);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        match self.remedy {
            Some(Remedy::WaveLabel) => f.write_str(", or give the wave label when reading"),
            None => Ok(()),
        }
    }
}

/// Every problem found in the inputs, in file and line order.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the survey files", .0.len())]
pub struct Problems(pub Vec<Problem>);
