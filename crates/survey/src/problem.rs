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
}

impl Problem {
    pub fn new(file: &str, line: u64, column: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem found in the inputs, in file and line order.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the survey files", .0.len())]
pub struct Problems(pub Vec<Problem>);
