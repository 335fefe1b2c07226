use crate::escape::{csv_prefixed, csv_text};

/// One cell of an output table. Text from the data goes through [`csv_text`]; numbers are
/// formatted one way everywhere ([`fmt_num`]) and never prefixed.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u64),
    Num(f64),
    Bool(bool),
    Empty,
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(v as u64)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Num(v)
    }
}

impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Cell::Bool(v)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// Numbers in output files: the shortest text that reads back to the same `f64` (what pandas
/// writes; R's `write.csv` keeps 15 digits), so a script that reuses a table loses nothing.
/// Rust's `Display` gives that digit string; very small or large magnitudes use its exponent form
/// (`LowerExp`, also shortest) so a 1e-300 is not three hundred zeros. Negative zero is written
/// `0` (it equals 0); not-a-number and infinities are left empty.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if v == 0.0 {
        "0".into()
    } else if (1e-5..1e16).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// A CSV table with a header, built in memory and written in one go.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new<S: AsRef<str>>(header: &[S]) -> Self {
        Table {
            header: header.iter().map(|h| h.as_ref().to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.header.len());
        self.rows.push(row);
    }

    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = CsvStream::new(Vec::new(), &self.header);
        for row in &self.rows {
            for cell in row {
                out.cell(cell);
            }
            out.end_row();
        }
        // Writing to a Vec cannot fail.
        out.finish().unwrap_or_default()
    }
}

/// CSV written field by field with the encoding of [`Table::to_csv`] (text through
/// [`csv_text`], numbers by [`fmt_num`]), to any writer: a table with a row per input row
/// (`accounting.csv`) is streamed to its file instead of being held whole. The first I/O error
/// is kept and given back by [`CsvStream::finish`].
pub struct CsvStream<W: std::io::Write> {
    w: csv::Writer<W>,
    error: Option<csv::Error>,
    number: String,
}

impl<W: std::io::Write> CsvStream<W> {
    pub fn new<S: AsRef<str>>(w: W, header: &[S]) -> Self {
        let mut out = CsvStream {
            w: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(w),
            error: None,
            number: String::new(),
        };
        for h in header {
            out.field(h.as_ref().as_bytes());
        }
        out.end_row();
        out
    }

    fn field(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            self.error = self.w.write_field(bytes).err();
        }
    }

    /// Text from the data, neutralised for spreadsheets.
    pub fn text(&mut self, value: &str) {
        if csv_prefixed(value) {
            self.field(csv_text(value).as_bytes());
        } else {
            self.field(value.as_bytes());
        }
    }

    pub fn int(&mut self, value: u64) {
        use std::fmt::Write;
        let mut n = std::mem::take(&mut self.number);
        n.clear();
        let _ = write!(n, "{value}");
        self.field(n.as_bytes());
        self.number = n;
    }

    pub fn cell(&mut self, cell: &Cell) {
        match cell {
            Cell::Text(t) => self.text(t),
            Cell::Int(i) => self.int(*i),
            Cell::Num(f) => self.field(fmt_num(*f).as_bytes()),
            Cell::Bool(b) => self.field(if *b { b"true" } else { b"false" }),
            Cell::Empty => self.field(b""),
        }
    }

    pub fn end_row(&mut self) {
        if self.error.is_none() {
            self.error = self.w.write_record(None::<&[u8]>).err();
        }
    }

    /// The writer, once everything is flushed; or the first error.
    pub fn finish(self) -> Result<W, std::io::Error> {
        if let Some(e) = self.error {
            return Err(e.into());
        }
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_one_way_text_escaped() {
        let mut t = Table::new(&["id", "z", "n", "ok"]);
        t.push(vec![
            "=cmd|' /C calc'!A0".into(),
            (-0.5).into(),
            3usize.into(),
            true.into(),
        ]);
        t.push(vec![
            "a,b".into(),
            f64::NAN.into(),
            Cell::Empty,
            false.into(),
        ]);
        t.push(vec![
            "x".into(),
            (-1e-9).into(),
            0usize.into(),
            false.into(),
        ]);
        let text = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(
            text,
            "id,z,n,ok\n'=cmd|' /C calc'!A0,-0.5,3,true\n\"a,b\",,,false\nx,-1e-9,0,false\n"
        );
    }

    #[test]
    fn numbers_read_back_exactly() {
        for v in [
            0.1 + 0.2,
            0.36,
            -2.0 / 3.0,
            1.0 / 3.0 * 1e-7,
            123456.789e12,
            f64::MIN_POSITIVE,
            f64::MAX,
            -1e-5,
            4.0,
        ] {
            let s = fmt_num(v);
            assert_eq!(
                s.parse::<f64>().unwrap().to_bits(),
                v.to_bits(),
                "{v} as {s}"
            );
            assert!(s.len() <= 24, "{s}");
        }
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(0.36), "0.36");
        assert_eq!(fmt_num(f64::NAN), "");
    }
}
