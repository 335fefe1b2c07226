//! What a file's bytes are before any of them is read as CSV: refusing what is not UTF-8 text
//! (empty, UTF-16, binary files, NUL bytes), removing a byte-order mark, reading old Mac line
//! ends, detecting the separator; and the UTF-8 check of a single field.

use std::borrow::Cow;

use super::layout::HeaderCell;
use super::split::Scan;
use crate::problem::Problem;
use crate::text::show_value;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's bytes made ready for the CSV reader.
pub(super) struct Text<'a> {
    /// Without a byte-order mark, and with lone carriage returns read as line feeds.
    pub(super) body: Cow<'a, [u8]>,
}

/// Makes `bytes` ready for the CSV reader, or says (in one problem) why they are not a text CSV.
/// `scan`: what a pass over a large file already found (NUL bytes, line feeds), so that the
/// file is not read through again for it.
pub(super) fn sniff<'a>(
    name: &str,
    bytes: &'a [u8],
    scan: Option<&Scan>,
    problems: &mut Vec<Problem>,
) -> Option<Text<'a>> {
    if let Some((line, message)) = not_text(bytes, scan.is_some_and(|s| !s.nul)) {
        problems.push(Problem::new(name, line, 0, message));
        return None;
    }
    let body = match scan {
        Some(s) if s.line_feeds > 0 => Cow::Borrowed(without_bom(bytes)),
        _ => line_feeds(without_bom(bytes)),
    };
    Some(Text { body })
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    &bytes[bom_len(bytes)..]
}

/// The length of the byte-order mark `bytes` start with (0 or 3).
pub(super) fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(BOM) {
        BOM.len()
    } else {
        0
    }
}

/// Why `bytes` cannot be read as a text CSV, if they cannot: the line to point at, and the
/// message.
fn not_text(bytes: &[u8], nul_free: bool) -> Option<(u64, String)> {
    if bytes.is_empty() {
        return Some((
            1,
            "the file is empty; expected a header line and data rows".into(),
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some((
            1,
            "the file is UTF-16 (Excel's \"Unicode text\"); re-export it as \"CSV UTF-8\"".into(),
        ));
    }
    let body = without_bom(bytes);
    if let Some((what, advice)) = binary_kind(body) {
        return Some((1, format!("this is {what}, not a CSV file; {advice}")));
    }
    if nul_free {
        return None;
    }
    let at = memchr::memchr(0, body)?;
    Some((
        line_of(body, at),
        "the file contains NUL bytes, so it is not a text CSV (UTF-16 or a binary file?); \
         re-export it as \"CSV UTF-8\""
            .into(),
    ))
}

/// Recognises files that are plainly not text, by their first bytes: what they are, and what
/// to do instead.
fn binary_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SAVE_AS: &str = "open it in Excel and save it with File > Save As > \"CSV UTF-8\"";
    const EXPORT: &str = "give the survey export saved as \"CSV UTF-8\"";
    // Zip archives (.xlsx) never come here: they are read as workbooks.
    let kinds: [(&[u8], &str, &str); 7] = [
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an Excel 97-2003 workbook (.xls)",
            SAVE_AS,
        ),
        (b"\x89PNG\r\n\x1a\n", "a PNG image", EXPORT),
        (b"\xFF\xD8\xFF", "a JPEG image", EXPORT),
        (b"GIF8", "a GIF image", EXPORT),
        (b"%PDF-", "a PDF document", EXPORT),
        (b"\x1F\x8B", "a gzip-compressed file", "unpack it first"),
        (
            b"$FL2",
            "an SPSS data file (.sav)",
            "export it from SPSS as CSV with value labels (the README shows how)",
        ),
    ];
    kinds
        .iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|(_, what, advice)| (*what, *advice))
}

/// The 1-based line of byte `offset`, any line ending counted.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + super::records::line_breaks(&bytes[..offset])
}

/// Old Mac exports end lines with a carriage return alone: read them as line feeds so that line
/// numbers in messages still count lines. Anything else is borrowed as it is.
fn line_feeds(body: &[u8]) -> Cow<'_, [u8]> {
    if body.contains(&b'\r') && !body.contains(&b'\n') {
        Cow::Owned(
            body.iter()
                .map(|b| if *b == b'\r' { b'\n' } else { *b })
                .collect(),
        )
    } else {
        Cow::Borrowed(body)
    }
}

/// Picks `,`, `;` or tab: the one under which the first records have the most headers that
/// `known` recognises; then the one giving the header the most fields; then the one giving
/// every record the same width.
/// Counting separator characters instead is fooled by free text: a `;` file whose question
/// text holds commas, or a `,` file with a quoted `;` list.
pub(super) fn choose_separator(body: &[u8], known: impl Fn(&[HeaderCell]) -> usize) -> u8 {
    let mut best = (b',', (0, 0, false));
    for sep in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(body);
        let mut widths = Vec::new();
        let mut hits = 0;
        for record in reader.byte_records().take(3).flatten() {
            let cells: Vec<HeaderCell> = record
                .iter()
                .map(|f| {
                    let h = String::from_utf8_lossy(f).trim().to_string();
                    HeaderCell {
                        keys: vec![h.clone()],
                        shown: h,
                    }
                })
                .collect();
            hits += known(&cells);
            widths.push(record.len());
        }
        let same = widths.windows(2).all(|w| w[0] == w[1]);
        let score = (hits, widths.first().copied().unwrap_or(0), same);
        if score > best.1 {
            best = (sep, score);
        }
    }
    best.0
}

/// One field as text, or `None` after a problem naming the first byte that is not UTF-8 (with a
/// hint when it is Windows-1252's curly apostrophe).
pub(super) fn utf8_field<'a>(
    raw: &'a [u8],
    file: &str,
    line: u64,
    column: usize,
    header: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Some(s),
        Err(e) => {
            let bad = raw[e.valid_up_to()];
            let hint = if bad == 0x92 || bad == 0x91 {
                " (a Windows-1252 curly apostrophe, as Excel saves it)"
            } else {
                ""
            };
            problems.push(Problem::new(
                file,
                line,
                column,
                format!(
                    "column \"{header}\": the text is not valid UTF-8: byte 0x{bad:02X} after {}{hint}; \
                     re-export the file as \"CSV UTF-8\"",
                    show_value(&String::from_utf8_lossy(&raw[..e.valid_up_to()]))
                ),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one problem `sniff` reports for `bytes`, as `LINE: message`.
    fn refused(bytes: &[u8]) -> String {
        let mut problems = Vec::new();
        assert!(sniff("f.csv", bytes, None, &mut problems).is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.file.as_str(), p.column), ("f.csv", 0));
        format!("{}: {}", p.line, p.message)
    }

    fn accepted(bytes: &[u8]) -> Vec<u8> {
        let mut problems = Vec::new();
        let text = sniff("f.csv", bytes, None, &mut problems).expect("text");
        assert!(problems.is_empty());
        text.body.into_owned()
    }

    #[test]
    fn empty_and_utf16_files_are_refused() {
        assert_eq!(
            refused(b""),
            "1: the file is empty; expected a header line and data rows"
        );
        for bom in [&b"\xFF\xFEa\0,\0"[..], b"\xFE\xFF\0a\0,"] {
            assert_eq!(
                refused(bom),
                "1: the file is UTF-16 (Excel's \"Unicode text\"); re-export it as \"CSV UTF-8\""
            );
        }
    }

    #[test]
    fn binary_files_are_named() {
        assert_eq!(
            refused(b"\xEF\xBB\xBF%PDF-1.4"),
            "1: this is a PDF document, not a CSV file; give the survey export saved as \"CSV UTF-8\"",
            "after a byte-order mark too"
        );
        assert_eq!(
            refused(b"\x1F\x8B\x08"),
            "1: this is a gzip-compressed file, not a CSV file; unpack it first"
        );
        for (magic, what) in [
            (
                &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..],
                "an Excel 97-2003 workbook (.xls)",
            ),
            (b"\x89PNG\r\n\x1a\n", "a PNG image"),
            (b"\xFF\xD8\xFF\xE0", "a JPEG image"),
            (b"GIF89a", "a GIF image"),
            (b"$FL2@(#) IBM SPSS", "an SPSS data file (.sav)"),
        ] {
            assert_eq!(binary_kind(magic).map(|k| k.0), Some(what));
        }
        assert_eq!(binary_kind(b"response_id,PK\x03\x04"), None);
        assert_eq!(binary_kind(b"GIF"), None, "too short to tell");
    }

    #[test]
    fn nul_bytes_are_refused_at_their_line() {
        assert_eq!(
            refused(b"a,b\n1,2\n3,\0\n"),
            "3: the file contains NUL bytes, so it is not a text CSV (UTF-16 or a binary file?); \
             re-export it as \"CSV UTF-8\""
        );
        assert!(refused(b"\xEF\xBB\xBF\0").starts_with("1: the file contains NUL bytes"));
    }

    #[test]
    fn the_byte_order_mark_is_removed() {
        assert_eq!(accepted(b"\xEF\xBB\xBFa;b\n"), b"a;b\n".to_vec());
        // Only at the start, and only once.
        assert_eq!(
            accepted(b"\xEF\xBB\xBF\xEF\xBB\xBFa\n"),
            b"\xEF\xBB\xBFa\n".to_vec()
        );
        // A file that is only a byte-order mark is left for the reader to find no header in.
        assert_eq!(accepted(b"\xEF\xBB\xBF"), b"".to_vec());
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(accepted(b"a,b\r1,2\r"), b"a,b\n1,2\n".to_vec());
        assert!(matches!(
            line_feeds(b"a,b\r\n1,2\r\n"),
            Cow::Borrowed(b"a,b\r\n1,2\r\n")
        ));
        assert!(matches!(line_feeds(b"a,b\n1\r2\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_separator_is_the_one_that_finds_the_columns() {
        let known = |cells: &[HeaderCell]| {
            let names = ["response_id", "trust_id", "aut_1", "comments, if any"];
            cells
                .iter()
                .filter(|c| names.contains(&c.shown.as_str()))
                .count()
        };
        let choose = |b: &[u8]| choose_separator(b, known);
        assert_eq!(
            choose(b"response_id;trust_id;aut_1;Any comments, thoughts, or ideas\n1;2;3;4\n"),
            b';'
        );
        assert_eq!(
            choose(b"response_id,trust_id,\"a;b;c;d;e;f\"\n1,2,3\n"),
            b','
        );
        assert_eq!(choose(b"response_id\ttrust_id\taut_1,x\n"), b'\t');
        // A header without known names: the one that splits it most.
        assert_eq!(choose(b"a;b;c\n1;2;3\n"), b';');
        assert_eq!(choose(b"a,b;c\n1,2;3\n"), b',');
        assert_eq!(choose(b"response_id\n"), b',');
        assert_eq!(choose(b""), b',');
    }

    #[test]
    fn line_numbers_count_line_feeds() {
        assert_eq!(line_of(b"ab\ncd\n", 0), 1);
        assert_eq!(line_of(b"ab\ncd\n", 3), 2);
        assert_eq!(line_of(b"ab\ncd\n", 6), 3);
        assert_eq!(line_of(b"ab\rcd\r\nef", 8), 3);
    }

    #[test]
    fn fields_that_are_not_utf8_are_reported_with_what_came_before() {
        let mut problems = Vec::new();
        assert_eq!(
            utf8_field(b"ok", "f.csv", 3, 2, "trust_id", &mut problems),
            Some("ok")
        );
        assert!(problems.is_empty());
        assert_eq!(
            utf8_field(b"Don\x92t", "f.csv", 3, 7, "aut_1", &mut problems),
            None
        );
        assert_eq!(
            utf8_field(b"\xC3(", "f.csv", 4, 1, "header", &mut problems),
            None
        );
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "f.csv:3:7: column \"aut_1\": the text is not valid UTF-8: byte 0x92 after \"Don\" \
                 (a Windows-1252 curly apostrophe, as Excel saves it); re-export the file as \"CSV UTF-8\"",
                "f.csv:4:1: column \"header\": the text is not valid UTF-8: byte 0xC3 after \"\"; \
                 re-export the file as \"CSV UTF-8\"",
            ]
        );
    }
}
