//! Excel workbooks (`.xlsx`), read with calamine: one worksheet's rows as records, each cell
//! as the text a CSV export would hold (a numeric 4.0 is `4`, a date is ISO 8601), each record
//! with its row number, so problems can name the cell (`wave.xlsx:Responses!C14`).

use std::collections::VecDeque;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::problem::Problem;

/// Zip archives (and so `.xlsx` workbooks) begin with these bytes.
pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// A worksheet read whole: its name and its non-empty rows, each padded on the left so that
/// field `i` is the sheet's column `i + 1`.
pub(super) struct Sheet {
    pub(super) name: String,
    pub(super) rows: VecDeque<(u64, csv::ByteRecord)>,
}

/// Reads the sheet `wanted` (else the first) of a workbook, or says why it cannot.
pub(super) fn read_sheet(name: &str, bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, Problem> {
    let fail = |message: String| Problem::new(name, 0, 0, message);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        fail(format!(
            "this zip file is not an Excel workbook that can be read ({e}); open it in Excel and \
             save it again as .xlsx, or as \"CSV UTF-8\""
        ))
    })?;
    let sheets = book.sheet_names();
    let sheet = match wanted {
        Some(w) => sheets
            .iter()
            .find(|s| s.as_str() == w)
            .cloned()
            .ok_or_else(|| {
                fail(format!(
                    "the workbook has no sheet \"{w}\" (it has: {})",
                    sheets.join(", ")
                ))
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| fail("the workbook has no worksheet".into()))?,
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| fail(format!("sheet \"{sheet}\" cannot be read: {e}")))?;
    let mut rows = VecDeque::new();
    if let Some((row0, col0)) = range.start() {
        for (r, cells) in range.rows().enumerate() {
            if cells.iter().all(|c| matches!(c, Data::Empty)) {
                continue;
            }
            let mut record = csv::ByteRecord::new();
            for _ in 0..col0 {
                record.push_field(b"");
            }
            for cell in cells {
                record.push_field(cell_text(cell).as_bytes());
            }
            rows.push_back((u64::from(row0) + r as u64 + 1, record));
        }
    }
    Ok(Sheet { name: sheet, rows })
}

/// A cell as text: whole numbers without a decimal point (Excel stores every number as a
/// float, so the code 4 arrives as 4.0), other numbers in the shortest form that reads back,
/// dates and times as ISO 8601.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(4.0)), "4");
        assert_eq!(cell_text(&Data::Float(-0.0)), "0");
        assert_eq!(cell_text(&Data::Float(3.5)), "3.5");
        assert_eq!(cell_text(&Data::Int(9)), "9");
        assert_eq!(
            cell_text(&Data::String(" Very well ".into())),
            " Very well "
        );
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
