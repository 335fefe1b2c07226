//! Records and the physical line each starts on, whatever the source: a CSV file (any line
//! ending) or the rows of a worksheet.
//!
//! The csv crate's own `Position::line` counts only `\n` and takes a record's position before
//! skipping the line break that ends the previous one, so in a CRLF file every row after the
//! first, and every row after a blank line, comes out a line short (rust-csv issues #395, #208).
//! Lines are therefore counted here, from the record's byte offset, with `\r\n`, a lone `\r` and
//! `\n` each ending one line.

use std::collections::VecDeque;

/// A source of records.
pub(crate) trait Records {
    /// Reads the next record into `record` and returns its first physical line (1-based), or
    /// `None` at the end.
    fn next_record(&mut self, record: &mut csv::ByteRecord) -> Option<u64>;

    /// The byte where the next record starts in a CSV file's body; `None` for a worksheet.
    fn offset(&self) -> Option<u64>;
}

/// The records of a CSV file in memory.
pub(super) struct CsvRecords<'a> {
    reader: csv::Reader<&'a [u8]>,
    body: &'a [u8],
    lines: LineCounter,
    /// Lines before `body` (a block of a larger file).
    before: u64,
}

impl<'a> CsvRecords<'a> {
    pub(super) fn new(body: &'a [u8], separator: u8) -> CsvRecords<'a> {
        let lone_cr = LineCounter::has_lone_cr(body);
        CsvRecords::starting(body, separator, 1, lone_cr)
    }

    /// The records of `body`, which starts at line `first_line` of its file; `lone_cr`: whether
    /// the file has a carriage return not followed by a line feed (known from a scan, or
    /// `None` to look). Lone carriage returns are only counted within `body`, so a block of a
    /// larger file must have none.
    pub(super) fn starting(
        body: &'a [u8],
        separator: u8,
        first_line: u64,
        lone_cr: bool,
    ) -> CsvRecords<'a> {
        debug_assert!(first_line == 1 || !lone_cr);
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(body);
        CsvRecords {
            reader,
            body,
            lines: LineCounter {
                lone_cr,
                at: 0,
                line: 1,
            },
            before: first_line - 1,
        }
    }
}

impl Records for CsvRecords<'_> {
    fn next_record(&mut self, record: &mut csv::ByteRecord) -> Option<u64> {
        // With `flexible` and byte records the csv reader has no error left to report (no
        // UTF-8 check, no field-count check); an error would only come from the I/O of a slice.
        match self.reader.read_byte_record(record) {
            Ok(true) => {
                let at = record
                    .position()
                    .cloned()
                    .unwrap_or_else(csv::Position::new);
                Some(self.before + self.lines.line_at(self.body, &at))
            }
            Ok(false) | Err(_) => None,
        }
    }

    fn offset(&self) -> Option<u64> {
        Some(self.reader.position().byte())
    }
}

/// Each record's first line. Where the file has no lone `\r` (LF or CRLF files, nearly all),
/// csv's own count of `\n` before the record is right once the line breaks it has not yet
/// consumed (the `\n` of a CRLF, blank lines) are added; otherwise every line break up to the
/// record is counted here, once over the file.
pub(crate) struct LineCounter {
    /// Whether the file has a lone `\r`, so csv's count is not enough.
    lone_cr: bool,
    /// The first byte of the last record, and its line (the slow path).
    at: usize,
    line: u64,
}

impl LineCounter {
    pub(crate) fn new(body: &[u8]) -> LineCounter {
        LineCounter {
            lone_cr: LineCounter::has_lone_cr(body),
            at: 0,
            line: 1,
        }
    }

    fn has_lone_cr(body: &[u8]) -> bool {
        memchr::memchr_iter(b'\r', body).any(|i| body.get(i + 1) != Some(&b'\n'))
    }

    /// The line of the record csv placed at `pos`.
    pub(crate) fn line_at(&mut self, body: &[u8], pos: &csv::Position) -> u64 {
        let mut first = (pos.byte() as usize).min(body.len());
        let mut skipped = 0;
        while first < body.len() && matches!(body[first], b'\n' | b'\r') {
            skipped += u64::from(body[first] == b'\n');
            first += 1;
        }
        if !self.lone_cr {
            return pos.line() + skipped;
        }
        if first > self.at {
            self.line += line_breaks(&body[self.at..first]);
            self.at = first;
        }
        self.line
    }
}

/// `\r\n`, a lone `\r` and `\n` each count as one line break.
pub(crate) fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            n += 1;
        }
    }
    n
}

/// Records already read, each with its line: a worksheet's rows, or what layout detection read
/// ahead, followed by the rest of another source.
pub(super) struct Buffered<'r> {
    pub(super) ahead: VecDeque<(u64, csv::ByteRecord)>,
    pub(super) rest: Option<&'r mut dyn Records>,
}

impl Records for Buffered<'_> {
    fn next_record(&mut self, record: &mut csv::ByteRecord) -> Option<u64> {
        if let Some((line, r)) = self.ahead.pop_front() {
            *record = r;
            return Some(line);
        }
        self.rest.as_mut()?.next_record(record)
    }

    fn offset(&self) -> Option<u64> {
        match self.ahead.front() {
            Some((_, r)) => r.position().map(|p| p.byte()),
            None => self.rest.as_ref()?.offset(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each record's line and first field.
    fn lines(body: &[u8]) -> Vec<(u64, String)> {
        let mut records = CsvRecords::new(body, b',');
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while let Some(line) = records.next_record(&mut record) {
            out.push((line, String::from_utf8_lossy(&record[0]).into_owned()));
        }
        out
    }

    #[test]
    fn every_line_ending_gives_physical_lines() {
        let want = |v: &[(u64, &str)]| -> Vec<(u64, String)> {
            v.iter().map(|(l, s)| (*l, s.to_string())).collect()
        };
        let plain = want(&[(1, "h"), (2, "a"), (3, "b")]);
        assert_eq!(lines(b"h,x\na,1\nb,2\n"), plain);
        assert_eq!(lines(b"h,x\r\na,1\r\nb,2\r\n"), plain);
        assert_eq!(lines(b"h,x\ra,1\rb,2"), plain);
        assert_eq!(lines(b"h,x\r\na,1\rb,2\n"), plain, "mixed");
        // Blank lines are skipped but counted.
        let gap = want(&[(1, "h"), (3, "a"), (6, "b")]);
        assert_eq!(lines(b"h,x\n\na,1\n\n\nb,2\n"), gap);
        assert_eq!(lines(b"h,x\r\n\r\na,1\r\n\r\n\r\nb,2\r\n"), gap);
        assert_eq!(lines(b"h,x\r\ra,1\r\r\rb,2\r"), gap);
        // Line breaks inside quoted values count too, in every ending.
        let quoted = want(&[(1, "h"), (2, "a\nz"), (4, "b")]);
        assert_eq!(lines(b"h,x\n\"a\nz\",1\nb,2\n"), quoted);
        let quoted_crlf = want(&[(1, "h"), (2, "a\r\nz"), (4, "b")]);
        assert_eq!(lines(b"h,x\r\n\"a\r\nz\",1\r\nb,2\r\n"), quoted_crlf);
        let three = want(&[(1, "h"), (2, "a\r\n\r\nz"), (5, "b")]);
        assert_eq!(lines(b"h,x\r\n\"a\r\n\r\nz\",1\r\nb,2\r\n"), three);
    }

    #[test]
    fn line_breaks_count_each_ending_once() {
        assert_eq!(line_breaks(b"a\r\nb\rc\nd"), 3);
        assert_eq!(line_breaks(b"\r\r\n\n"), 3);
        assert_eq!(line_breaks(b""), 0);
    }
}
