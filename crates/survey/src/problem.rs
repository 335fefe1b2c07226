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
    /// The worksheet, when the file is a workbook: `line` is then its row and `column` its
    /// column, and the problem is shown as `FILE:SHEET!CELL`.
    pub sheet: Option<String>,
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
            sheet: None,
            remedy: None,
        }
    }

    pub fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(remedy);
        self
    }
}

impl Problem {
    /// Where the problem is: `FILE:LINE:COLUMN`, or `FILE:SHEET!CELL` in a workbook (a whole
    /// row as `SHEET!14:14`, as Excel names it).
    pub fn location(&self) -> String {
        match (&self.sheet, self.line, self.column) {
            (Some(sheet), line, column) if line > 0 => {
                let sheet = if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    sheet.clone()
                } else {
                    format!("'{}'", sheet.replace('\'', "''"))
                };
                if column > 0 {
                    format!("{}:{sheet}!{}{line}", self.file, column_letters(column))
                } else {
                    format!("{}:{sheet}!{line}:{line}", self.file)
                }
            }
            _ => format!("{}:{}:{}", self.file, self.line, self.column),
        }
    }
}

/// A 1-based column number as Excel's letters: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        match self.remedy {
            Some(Remedy::WaveLabel) => f.write_str(", or give the wave label when reading"),
            None => Ok(()),
        }
    }
}

/// Every problem found in the inputs, in file and line order, and what was learnt of each file
/// whose header could be read (its columns, for suggestions).
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the survey files", .0.len())]
pub struct Problems(pub Vec<Problem>, pub Vec<crate::FileSummary>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_does() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(52), "AZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn cells_of_a_workbook_are_named_as_excel_does() {
        let mut p = Problem::new("wave.xlsx", 14, 3, "bad");
        assert_eq!(p.to_string(), "wave.xlsx:14:3: bad");
        p.sheet = Some("Responses".into());
        assert_eq!(p.to_string(), "wave.xlsx:Responses!C14: bad");
        p.column = 0;
        assert_eq!(p.to_string(), "wave.xlsx:Responses!14:14: bad");
        p.sheet = Some("Form 1".into());
        p.column = 28;
        assert_eq!(p.location(), "wave.xlsx:'Form 1'!AB14");
        p.line = 0;
        assert_eq!(p.location(), "wave.xlsx:0:28");
    }
}
