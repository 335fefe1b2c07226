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

/// Numbers in output files: fixed 6 decimals (enough for scores on a 1-5 scale and z-scores,
/// stable to read and diff); not-a-number and infinities are left empty.
pub fn fmt_num(v: f64) -> String {
    if v.is_finite() {
        let s = format!("{v:.6}");
        // "-0.000000" would read as a real negative value.
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        }
    } else {
        String::new()
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
            "id,z,n,ok\n'=cmd|' /C calc'!A0,-0.500000,3,true\n\"a,b\",,,false\nx,0.000000,0,false\n"
        );
    }
}
