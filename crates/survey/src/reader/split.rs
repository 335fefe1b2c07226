//! Reading a large CSV file on every core. One pass over the bytes (beside the SHA-256) counts
//! line feeds and double quotes in fixed windows; the data rows are then cut into blocks at
//! line feeds outside quotes, each block is checked on its own core ([`check_block`]), and the
//! blocks are merged in file order, so the result is the one reading on one core gives.
//!
//! A line feed is outside quotes when an even number of quotes came before it since the first
//! data row: true of every file whose quotes open only at the start of a field, as RFC 4180
//! and every survey tool write them. Each block checks that of its own quotes
//! ([`regular_quotes`]); from the first block where it fails (a stray quote inside a value),
//! the rest of the file is read on one core, from that block's start, which is still a true
//! record boundary because every quote before it was regular.

use std::ops::Range;

use super::pages::PagesAt;

/// Bytes per window of the scan, and about per block of rows: small enough for a few blocks
/// per core in a file worth splitting, large enough that each block's fixed costs vanish.
pub(super) const WINDOW: usize = 4 << 20;

/// Files from this size on are read on every core (smaller ones are read in the time it takes to
/// start).
const SPLIT_FROM: usize = 2 * WINDOW;

#[cfg(test)]
thread_local! {
    /// A window for tests, so that small files are split too.
    pub(super) static TEST_WINDOW: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

pub(super) fn window() -> usize {
    #[cfg(test)]
    if let Some(w) = TEST_WINDOW.with(|w| w.get()) {
        return w;
    }
    WINDOW
}

pub(super) fn split_from() -> usize {
    #[cfg(test)]
    if let Some(w) = TEST_WINDOW.with(|w| w.get()) {
        return 2 * w;
    }
    SPLIT_FROM
}

/// What one pass over a text file's body found.
pub(super) struct Scan {
    /// A NUL byte somewhere: the file is refused, as the one-core reader does.
    pub(super) nul: bool,
    /// A carriage return not followed by a line feed (old Mac line ends, mixed endings): lines
    /// are then counted by the one-core reader's slower way.
    pub(super) lone_cr: bool,
    pub(super) line_feeds: usize,
    quotes: u64,
    window: usize,
    /// Quotes and line feeds before each window.
    quotes_before: Vec<u64>,
    feeds_before: Vec<u64>,
}

impl Scan {
    /// Scans `body`, `window` bytes at a time, giving back each window's `pages` once it is
    /// counted.
    pub(super) fn new(body: &[u8], pages: PagesAt, window: usize) -> Scan {
        let mut scan = Scan {
            nul: false,
            lone_cr: false,
            line_feeds: 0,
            quotes: 0,
            window,
            quotes_before: Vec::new(),
            feeds_before: Vec::new(),
        };
        let (mut quotes, mut feeds) = (0u64, 0u64);
        for (w, chunk) in body.chunks(window).enumerate() {
            scan.quotes_before.push(quotes);
            scan.feeds_before.push(feeds);
            scan.nul |= memchr::memchr(0, chunk).is_some();
            let at = w * window;
            scan.lone_cr |=
                memchr::memchr_iter(b'\r', chunk).any(|i| body.get(at + i + 1) != Some(&b'\n'));
            let (q, f) = count_quotes_and_feeds(chunk);
            quotes += q;
            feeds += f;
            pages.release(at..at + chunk.len());
        }
        scan.line_feeds = feeds as usize;
        scan.quotes = quotes;
        scan
    }

    /// Quotes and line feeds in `body[..at]`.
    fn before(&self, body: &[u8], at: usize) -> (u64, u64) {
        let w = at / self.window;
        if w >= self.quotes_before.len() {
            // `at` is the end of a body whose last window is full.
            debug_assert_eq!(at, body.len());
            return (self.quotes, self.line_feeds as u64);
        }
        let (q, f) = count_quotes_and_feeds(&body[w * self.window..at]);
        (self.quotes_before[w] + q, self.feeds_before[w] + f)
    }
}

/// Written as one loop of two sums so that it compiles to vector instructions.
fn count_quotes_and_feeds(bytes: &[u8]) -> (u64, u64) {
    let (mut q, mut f) = (0u64, 0u64);
    for chunk in bytes.chunks(1 << 16) {
        let (mut cq, mut cf) = (0u32, 0u32);
        for b in chunk {
            cq += u32::from(*b == b'"');
            cf += u32::from(*b == b'\n');
        }
        q += u64::from(cq);
        f += u64::from(cf);
    }
    (q, f)
}

/// A run of whole records, and the physical line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Block {
    pub(super) range: Range<usize>,
    pub(super) first_line: u64,
}

/// The data rows (from `data_start` on, a record boundary) cut into blocks of about a window,
/// each ending just after a line feed with an even number of quotes since `data_start`.
/// `release` is given back each stretch of `body` read to find a cut: touching the start of a
/// window can map a whole large page of the page cache around it, and a few hundred of those
/// would otherwise stay mapped at once.
pub(super) fn blocks(
    body: &[u8],
    scan: &Scan,
    data_start: usize,
    release: impl Fn(Range<usize>),
) -> Vec<Block> {
    let (base_quotes, base_feeds) = scan.before(body, data_start);
    let mut out = vec![Block {
        range: data_start..body.len(),
        first_line: 1 + base_feeds,
    }];
    for w in data_start / scan.window + 1..scan.quotes_before.len() {
        let from = w * scan.window;
        if out.last().is_some_and(|b| b.range.start >= from) {
            // The last cut is already past this window's start (one quoted value spanning
            // windows): looking again from here would only find the same cut.
            continue;
        }
        let mut inside = (scan.quotes_before[w] - base_quotes) % 2 == 1;
        let mut cut = None;
        for i in memchr::memchr2_iter(b'"', b'\n', &body[from..]) {
            if body[from + i] == b'"' {
                inside = !inside;
            } else if !inside {
                cut = Some(from + i + 1);
                break;
            }
        }
        // Each window's stretch is given back once read: to find the cut, and to count the
        // line feeds before it.
        let read_to = cut
            .unwrap_or(body.len())
            .max(from + scan.window)
            .min(body.len());
        let Some(cut) = cut else {
            release(from..read_to);
            break;
        };
        let last = out.last_mut().expect("one block at least");
        if cut > last.range.start && cut < body.len() {
            last.range.end = cut;
            let (_, feeds) = scan.before(body, cut);
            out.push(Block {
                range: cut..body.len(),
                first_line: 1 + feeds,
            });
        }
        release(from..read_to);
    }
    out
}

/// Whether every quote of `block` (whole records) that opens a quoted value does so at the
/// start of a field, and the block ends outside quotes: then counting quotes tells where the
/// CSV reader is, and the next block starts where the reader would start a record.
pub(super) fn regular_quotes(block: &[u8], separator: u8) -> bool {
    let mut inside = false;
    let mut last = usize::MAX;
    for q in memchr::memchr_iter(b'"', block) {
        if !inside {
            let opens_field = q == 0
                || matches!(block[q - 1], b'\n' | b'\r')
                || block[q - 1] == separator
                // `""` inside a quoted value: the first closed it, this one opens it again.
                || (last == q - 1);
            if !opens_field {
                return false;
            }
        }
        inside = !inside;
        last = q;
    }
    !inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::{read_survey_bytes, ReadOptions};
    use crate::{Codebook, STUDY_CODEBOOK};

    /// What reading `bytes` gives (the survey, or every problem), as text, with windows of
    /// `window` bytes (`None`: the normal size, so a small file is read on one core).
    fn read_with(bytes: &[u8], window: Option<usize>) -> String {
        let codebook = Codebook::parse("codebook.csv", STUDY_CODEBOOK).unwrap();
        let opts = ReadOptions {
            wave: Some("2017".into()),
            ..ReadOptions::default()
        };
        TEST_WINDOW.with(|w| w.set(window));
        let read = read_survey_bytes("f.csv", bytes, &codebook, &opts);
        TEST_WINDOW.with(|w| w.set(None));
        match read {
            Ok(survey) => format!("{survey:?}"),
            Err(problems) => problems.0.iter().map(|p| format!("{p}\n")).collect(),
        }
    }

    fn same_on_every_core(name: &str, bytes: &[u8]) {
        let whole = read_with(bytes, None);
        for window in [7, 64, 301, 4096] {
            assert_eq!(
                read_with(bytes, Some(window)),
                whole,
                "{name}, window {window}"
            );
        }
    }

    /// Every export of the test corpus, good and bad, reads the same cut into blocks as whole.
    #[test]
    fn blocks_read_as_the_whole_file() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        let mut files = vec![format!("{root}data/replication/wave-2017.csv")];
        for dir in ["tests/exports", "tests/corpus"] {
            for entry in std::fs::read_dir(format!("{root}{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "csv") {
                    files.push(path.display().to_string());
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "{files:?}");
        for f in files {
            same_on_every_core(&f, &std::fs::read(&f).unwrap());
        }
    }

    /// Quoted values with separators, quotes and line breaks, CRLF line ends, blank lines,
    /// bad values and a repeated id; then a stray quote inside a value, after which blocks
    /// cannot be cut by counting quotes.
    #[test]
    fn quoted_values_and_stray_quotes_read_as_the_whole_file() {
        let header = "response_id,trust_id,wave,role,aut_1,ped_1,comments\r\n";
        let mut text = String::from(header);
        for i in 0..300 {
            let comment = match i % 5 {
                0 => "\"says \"\"hi\"\", then, \r\nmore\"".to_string(),
                1 => String::new(),
                2 => "\"a,b\"".to_string(),
                _ => format!("plain {i}"),
            };
            let answer = if i == 77 { "9" } else { "3" };
            let id = if i == 150 { 149 } else { i };
            text.push_str(&format!(
                "R{id},MAT-{},2017,teacher,{answer},4,{comment}\r\n",
                i % 7
            ));
            if i % 40 == 0 {
                text.push_str("\r\n");
            }
        }
        same_on_every_core("quoted", text.as_bytes());
        assert!(read_with(text.as_bytes(), None).contains("appears twice"));
        let stray = text.replacen("plain 203", "pla\"in 203", 1);
        same_on_every_core("stray quote", stray.as_bytes());
        let swallowing = text.replacen("plain 203", "\"plain 203", 1);
        same_on_every_core("swallowing quote", swallowing.as_bytes());
        // Carriage returns alone: one inside a quoted value, then every line end (old Mac).
        let lone = text.replacen("then, \r\nmore", "then, \rmore", 1);
        same_on_every_core("a lone carriage return", lone.as_bytes());
        let mac = text.replace("\r\n", "\r");
        same_on_every_core("old Mac line ends", mac.as_bytes());
        // A NUL byte is refused at its line, however the file is read.
        let nul = text.replacen("plain 203", "plain\u{0}203", 1);
        assert!(read_with(nul.as_bytes(), None).contains("NUL"));
        same_on_every_core("a NUL byte", nul.as_bytes());
    }

    #[test]
    fn quotes_must_open_fields() {
        assert!(regular_quotes(b"a,\"b,c\"\n\"x\"\"y\",z\n", b','));
        assert!(regular_quotes(b"\"\"\"a\"\"\",b\r\n", b','));
        assert!(regular_quotes(b"a;\"b;c\"\n", b';'));
        assert!(
            !regular_quotes(b"a,b\"c,d\n", b','),
            "a quote inside a value"
        );
        assert!(
            !regular_quotes(b"a,\"b\"c\"d\n", b','),
            "a quote after a closed value"
        );
        assert!(
            !regular_quotes(b"a,\"b\nc\n", b','),
            "a block ending inside quotes"
        );
    }
}
