use crate::escape::csv_text;

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
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&self.header);
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => csv_text(t),
                    Cell::Int(i) => i.to_string(),
                    Cell::Num(f) => fmt_num(*f),
                    Cell::Bool(b) => b.to_string(),
                    Cell::Empty => String::new(),
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        w.into_inner().unwrap_or_default()
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
