//! Reading survey CSV exports: the public types, and the order of the work on each file.
//!
//! A file's bytes go through [`sniff`] (is it UTF-8 text, without a byte-order mark, with which
//! separator), its first record through [`header`] (which column holds which codebook item),
//! and every other record through [`rows`] (values, waves, and duplicate response ids, looked up
//! in [`ids`]) into one [`Survey`] for all files.

mod header;
mod ids;
mod layout;
mod pages;
pub(crate) mod records;
mod rows;
mod sniff;
mod split;
mod table;
mod xlsx;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use crate::codebook::Codebook;
use crate::problem::{Problem, Problems};
use crate::values::ScaleReader;
use header::{HeaderSource, NameIndex};
use ids::{Contents, IdMap, SeenIds};
pub use layout::{Format, HeaderCell, Layout};
use pages::{Pages, PagesAt};
use records::{Buffered, CsvRecords, Records};
use split::Scan;
pub use table::{read_table, Table, TableRow};

/// Caps the problems kept per file so a wholly wrong million-row file cannot exhaust memory.
const MAX_PROBLEMS_PER_FILE: usize = 10_000;

#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The wave of rows in files without a `wave` column (or with an empty wave cell).
    pub wave: Option<String>,
    /// The layout to read files as; detected by default.
    pub format: Format,
    /// The worksheet of a workbook to read; the first by default.
    pub sheet: Option<String>,
}

/// A column whose header matched nothing in the codebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub column: usize,
    pub header: HeaderCell,
}

impl Unmatched {
    /// How warnings name the column: its header, or `(column N)` when it has none.
    pub fn name(&self) -> String {
        if self.header.shown.is_empty() {
            format!("(column {})", self.column)
        } else {
            self.header.shown.clone()
        }
    }
}

/// Which header of a file was matched to which codebook item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMatch {
    pub item_id: String,
    pub header: String,
    pub column: usize,
}

/// What one input file held, for the manifest and `validate`'s summary.
#[derive(Clone, Debug)]
pub struct FileSummary {
    /// The path as the user gave it (for messages).
    pub name: String,
    /// The file's own name, without directories (for outputs: never an absolute path).
    pub file_name: String,
    pub sha256: String,
    pub rows: usize,
    /// The field separator of a CSV file; `None` for a workbook.
    pub separator: Option<char>,
    /// The layout the file was read as.
    pub layout: Layout,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    pub matched: Vec<ColumnMatch>,
    /// The fixed columns (`response_id`, `trust_id`, ...) found, under which headers.
    pub fixed: Vec<ColumnMatch>,
    /// Statements with a column that nobody in the file answered: counted as missing.
    pub unanswered: Vec<String>,
    /// Things about the file an analyst should know, one sentence each.
    pub notes: Vec<String>,
    /// Codebook items with no column in this file: treated as unanswered for its rows.
    pub missing_items: Vec<String>,
    /// Columns the codebook does not know: never read beyond their header.
    pub unmatched: Vec<Unmatched>,
    pub waves: BTreeSet<String>,
}

/// One data row: where it came from and who it is about, in 16 bytes. Its response id lives in
/// [`Survey::response_id`], its file in [`Survey::file_of`], its answers in [`Survey`]'s arrays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// Its first physical line.
    pub line: u32,
    /// Where its response id ends in `Survey::ids` (it starts where the row before's ends).
    id_end: u32,
    /// Index into [`Survey::trusts`]; `NO_TRUST` when the row has no trust id.
    trust: u32,
    /// Index into [`Survey::waves`].
    pub wave: u32,
}

const NO_TRUST: u32 = u32::MAX;

impl Row {
    /// Index into [`Survey::trusts`]; `None` when the row has no trust id.
    pub fn trust(&self) -> Option<u32> {
        (self.trust != NO_TRUST).then_some(self.trust)
    }
}

/// Every valid row of every file, stored densely so that a million responses take about 50 MB:
/// rows of 16 bytes, response ids in one text, answers a byte each (row-major, 0 = no answer),
/// standardisation and alignment answers two bits each.
#[derive(Clone, Debug, Default)]
pub struct Survey {
    pub files: Vec<FileSummary>,
    pub rows: Vec<Row>,
    /// Every row's response id, one after another (see [`Row`]).
    ids: String,
    /// Per file given (in order): the number of rows stored up to its end.
    file_ends: Vec<usize>,
    /// Codebook statement ids, in codebook order: the columns of `statements`.
    pub statement_ids: Vec<String>,
    pub standardisation_ids: Vec<String>,
    /// Each answer's code on its statement's scale (1 for the scale's lowest point: the value
    /// is `scale.value(code)`), or 0 for no answer; `rows.len() * statement_ids.len()` entries.
    pub statements: Vec<u8>,
    /// Per row, the standardisation codes (1 more, 2 same, 3 less, 0 no answer) then the
    /// alignment code (1 A, 2 B, 3 C, 0 no answer), four to a byte (see [`Survey::codes_width`]).
    codes: Vec<u8>,
    pub trusts: Vec<String>,
    pub waves: Vec<String>,
}

impl Survey {
    pub fn statement_row(&self, row: usize) -> &[u8] {
        let w = self.statement_ids.len();
        &self.statements[row * w..(row + 1) * w]
    }

    pub fn response_id(&self, row: usize) -> &str {
        let start = match row {
            0 => 0,
            _ => self.rows[row - 1].id_end as usize,
        };
        &self.ids[start..self.rows[row].id_end as usize]
    }

    /// The index in [`Survey::files`] of the file `row` came from (the same as its place in the
    /// list of files read: a survey is only handed on when every file was read).
    pub fn file_of(&self, row: usize) -> usize {
        self.file_ends.partition_point(|end| *end <= row)
    }

    /// A row's code in standardisation area `d`: 1 more, 2 same, 3 less, 0 no answer.
    pub fn standardisation(&self, row: usize, d: usize) -> u8 {
        self.code(row, d)
    }

    /// A row's alignment code: 1 A, 2 B, 3 C, 0 no answer.
    pub fn alignment(&self, row: usize) -> u8 {
        self.code(row, self.standardisation_ids.len())
    }

    fn code(&self, row: usize, i: usize) -> u8 {
        let byte = self.codes[row * self.codes_width() + i / 4];
        (byte >> (2 * (i % 4))) & 3
    }

    /// Bytes of packed codes per row.
    fn codes_width(&self) -> usize {
        (self.standardisation_ids.len() + 1).div_ceil(4)
    }

    /// Whether a row at `line` with response id `id` can be stored: rows keep 32-bit lines
    /// and offsets, so not past 2^32 - 1 lines in a file or bytes of response ids in all.
    fn room_for(&self, line: u64, id: &str) -> Result<(), &'static str> {
        if u32::try_from(line).is_err() {
            return Err("lines in one file");
        }
        if u32::try_from(self.ids.len() + id.len()).is_err() {
            return Err("bytes of response ids");
        }
        Ok(())
    }

    /// Stores a row that [`Survey::room_for`] has room for; `codes` are its standardisation
    /// codes then its alignment code (each 0-3).
    fn push_row(
        &mut self,
        line: u64,
        id: &str,
        trust: Option<u32>,
        wave: u32,
        statements: &[u8],
        codes: &[u8],
    ) {
        let line = line as u32;
        let id_end = (self.ids.len() + id.len()) as u32;
        self.ids.push_str(id);
        self.rows.push(Row {
            line,
            id_end,
            trust: trust.unwrap_or(NO_TRUST),
            wave,
        });
        self.statements.extend_from_slice(statements);
        for four in codes.chunks(4) {
            let byte = four
                .iter()
                .enumerate()
                .fold(0u8, |b, (i, c)| b | (c & 3) << (2 * i));
            self.codes.push(byte);
        }
    }

    /// Room for `rows` more rows.
    fn reserve(&mut self, rows: usize) {
        self.rows.reserve(rows);
        self.statements.reserve(rows * self.statement_ids.len());
        self.codes.reserve(rows * self.codes_width());
    }

    /// Room for `bytes` more bytes of response ids.
    fn reserve_ids(&mut self, bytes: usize) {
        self.ids.reserve(bytes);
    }

    /// Bytes of response ids held.
    fn ids_len(&self) -> usize {
        self.ids.len()
    }
}

/// Reads and validates every file; returns every problem found in any of them.
pub fn read_surveys(
    paths: &[&Path],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(
        paths.len(),
        codebook,
        opts,
        |index, reader, survey, ctx, problems| {
            let name = paths[index].display().to_string();
            let summary = read_one(
                paths[index],
                &name,
                index as u32,
                reader,
                survey,
                ctx,
                problems,
            );
            (name, summary)
        },
    )
}

/// Reads and validates one file already in memory (what [`read_surveys`] does after opening a
/// path); `name` stands for the file in messages and outputs.
pub fn read_survey_bytes(
    name: &str,
    bytes: &[u8],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(1, codebook, opts, |_, reader, survey, ctx, problems| {
        let input = Input {
            name,
            file_name: name.to_string(),
            bytes,
            pages: PagesAt::default(),
            index: 0,
        };
        (
            name.to_string(),
            read_file(input, reader, survey, ctx, problems),
        )
    })
}

/// What every file is read with, made once from the codebook and never changed.
struct Reader<'a> {
    codebook: &'a Codebook,
    opts: &'a ReadOptions,
    /// The codebook's names and texts, as headers are matched against them.
    index: NameIndex,
    /// Each statement's scale, in codebook order.
    scales: Vec<ScaleReader>,
}

/// Runs `read_file` for each of `n` files, keeping every file's problems (capped per file).
fn read_all(
    n: usize,
    codebook: &Codebook,
    opts: &ReadOptions,
    mut read_file: impl FnMut(
        usize,
        &Reader,
        &mut Survey,
        &mut Context,
        &mut Vec<Problem>,
    ) -> (String, Option<FileSummary>),
) -> Result<Survey, Problems> {
    let mut survey = Survey {
        statement_ids: codebook.statements().iter().map(|i| i.id.clone()).collect(),
        standardisation_ids: codebook
            .standardisation()
            .iter()
            .map(|i| i.id.clone())
            .collect(),
        ..Survey::default()
    };
    let reader = Reader {
        codebook,
        opts,
        index: NameIndex::new(codebook),
        scales: codebook
            .statements()
            .iter()
            .map(|i| ScaleReader::new(&i.scale))
            .collect(),
    };
    let mut ctx = Context::default();
    let mut problems = Vec::new();
    for index in 0..n {
        let mut file_problems = Vec::new();
        let (name, summary) = read_file(index, &reader, &mut survey, &mut ctx, &mut file_problems);
        survey.file_ends.push(survey.rows.len());
        if let Some(summary) = summary {
            survey.files.push(summary);
        }
        if file_problems.len() > MAX_PROBLEMS_PER_FILE {
            let more = file_problems.len() - MAX_PROBLEMS_PER_FILE;
            file_problems.truncate(MAX_PROBLEMS_PER_FILE);
            file_problems.push(Problem::new(
                &name,
                0,
                0,
                format!("... and {more} more problems in this file"),
            ));
        }
        problems.extend(file_problems);
    }
    if problems.is_empty() {
        Ok(survey)
    } else {
        Err(Problems(problems, survey.files))
    }
}

/// What reading carries from one file to the next.
#[derive(Default)]
struct Context {
    trust_index: IdMap,
    wave_index: IdMap,
    /// (wave, response_id) -> the row that first used it.
    seen_ids: SeenIds,
    /// For files told apart by content: (wave, cells) -> where first seen.
    seen_contents: SeenIds,
    contents: Contents,
    /// Every file's name as messages give it, in reading order.
    file_names: Vec<String>,
    /// (SHA-256, name) of every file read: the same file given twice is refused.
    hashes: Vec<(String, String)>,
}

fn read_one(
    path: &Path,
    name: &str,
    file_index: u32,
    reader: &Reader,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    let folder = "this is a folder, not a CSV file; name the survey file itself";
    let pages = match open_pages(path, name, folder) {
        Ok(b) => b,
        Err(p) => {
            problems.push(p);
            // Named all the same: a later file's messages find files by their place in the
            // list given.
            ctx.file_names.push(name.to_string());
            return None;
        }
    };
    let input = Input {
        name,
        file_name: file_name(path),
        bytes: &pages,
        pages: PagesAt::new(Some(&pages), 0),
        index: file_index,
    };
    read_file(input, reader, survey, ctx, problems)
}

/// A file's bytes, or the one problem (named `name`) that says why they cannot be read;
/// `folder` is what to say when the path is a folder.
/// A large file is mapped rather than copied into memory.
fn open_pages(path: &Path, name: &str, folder: &str) -> Result<Pages, Problem> {
    if path.is_dir() {
        return Err(Problem::new(name, 0, 0, folder));
    }
    Pages::open(path).map_err(|e| unreadable(name, e))
}

fn unreadable(name: &str, e: std::io::Error) -> Problem {
    let why = if e.kind() == std::io::ErrorKind::NotFound {
        "no such file; check the path".to_string()
    } else {
        format!("cannot read the file: {e}")
    };
    Problem::new(name, 0, 0, why)
}

/// A path's last part, never the absolute path: how outputs name an input.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// One input file: its name in messages (`name`) and in outputs (`file_name`), its bytes, and
/// its index in [`Survey::files`].
struct Input<'a> {
    name: &'a str,
    file_name: String,
    bytes: &'a [u8],
    /// The pages behind `bytes` when the file was opened from disk, to give back as they are
    /// read.
    pages: PagesAt<'a>,
    index: u32,
}

/// Reads one file's bytes: everything after opening it. In a workbook, every problem found
/// after its sheet was opened is placed on that sheet.
fn read_file(
    input: Input,
    reader: &Reader,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    let (name, bytes) = (input.name, input.bytes);
    let workbook = bytes.starts_with(xlsx::ZIP_MAGIC);
    // A text body starts after the byte-order mark.
    let base = sniff::bom_len(bytes);
    let body_pages = input.pages.after(base);
    // A large text file is hashed on one core while another scans it for where its rows can be
    // cut (and for what would stop that: NUL bytes, lone carriage returns).
    let (sha256, scan) = if !workbook && bytes.len() >= split::split_from() {
        let window = split::window();
        let (sha256, scan) = rayon::join(
            || sha256_released(bytes, input.pages),
            || Scan::new(&bytes[base..], body_pages, window),
        );
        (sha256, Some(scan))
    } else {
        (sha256_hex(bytes), None)
    };
    ctx.file_names.push(name.to_string());
    if let Some((_, first)) = ctx.hashes.iter().find(|(h, _)| *h == sha256) {
        let message = format!("this file has the same bytes as {first}: give each file once");
        problems.push(Problem::new(name, 0, 0, message));
        return None;
    }
    ctx.hashes.push((sha256.clone(), name.to_string()));
    let started = problems.len();
    let text;
    let mut csv_records;
    let mut sheet_rows;
    let sheet_name;
    let mut split_file = None;
    let (records, separator, expected_rows): (&mut dyn Records, Option<u8>, usize) = if workbook {
        let sheet = match xlsx::read_sheet(name, bytes, reader.opts.sheet.as_deref()) {
            Ok(s) => s,
            Err(p) => {
                problems.push(p);
                return None;
            }
        };
        sheet_name = Some(sheet.name);
        let n = sheet.rows.len();
        sheet_rows = Buffered {
            ahead: sheet.rows,
            rest: None,
        };
        (&mut sheet_rows, None, n)
    } else {
        // What the scan already found is not looked for again.
        text = sniff::sniff(name, bytes, scan.as_ref(), problems)?;
        sheet_name = None;
        let separator = sniff::choose_separator(&text.body, |cells| {
            reader.index.known(cells, Layout::Plain, reader.codebook)
        });
        // An old Mac file (no line feed at all) was copied with its line ends made line feeds.
        let copied = matches!(text.body, std::borrow::Cow::Owned(_));
        let lines = match &scan {
            Some(scan) if !copied => {
                csv_records = CsvRecords::starting(&text.body, separator, 1, scan.lone_cr);
                if !scan.lone_cr {
                    // Lines are only counted block by block where no carriage return is alone.
                    split_file = Some((
                        rows::SplitFile {
                            body: &text.body,
                            pages: body_pages,
                        },
                        scan,
                    ));
                }
                scan.line_feeds
            }
            _ => {
                csv_records = CsvRecords::new(&text.body, separator);
                let lines = memchr::memchr_iter(b'\n', &text.body).count();
                // Those passes over the whole file are done: its pages go back until read.
                input.pages.release(0..bytes.len());
                lines
            }
        };
        (&mut csv_records, Some(separator), lines)
    };
    let source = Source {
        input,
        pages: body_pages,
        sha256,
        separator,
        sheet: sheet_name.clone(),
        expected_rows,
    };
    let summary = read_records(source, records, split_file, reader, survey, ctx, problems);
    if let Some(sheet) = sheet_name {
        for p in &mut problems[started..] {
            p.sheet = Some(sheet.clone());
        }
    }
    summary
}

/// A file made ready for its records to be read.
struct Source<'a> {
    input: Input<'a>,
    /// The pages under the text body (after a byte-order mark).
    pages: PagesAt<'a>,
    sha256: String,
    /// `None` for a workbook.
    separator: Option<u8>,
    /// The worksheet read, for a workbook.
    sheet: Option<String>,
    /// About how many rows it has, to reserve room once.
    expected_rows: usize,
}

/// The records of one file, of any kind: its layout, header and rows.
fn read_records(
    file: Source,
    records: &mut dyn Records,
    split_file: Option<(rows::SplitFile, &Scan)>,
    reader: &Reader,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    let Source {
        input,
        pages,
        sha256,
        separator,
        sheet,
        expected_rows,
    } = file;
    let (codebook, opts) = (reader.codebook, reader.opts);
    let (name, file_name, file_index) = (input.name, input.file_name, input.index);
    // Up to three records decide the layout.
    let mut ahead = VecDeque::new();
    let mut record = csv::ByteRecord::new();
    while ahead.len() < 3 {
        let Some(line) = records.next_record(&mut record) else {
            break;
        };
        ahead.push_back((line, record.clone()));
    }
    if ahead.is_empty() {
        problems.push(Problem::new(name, 1, 0, "the file has no header line"));
        return None;
    }
    let first: Vec<Vec<String>> = ahead
        .iter()
        .map(|(_, r)| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        })
        .collect();
    let layout = match layout::detect(&first, separator.is_none(), opts.format) {
        Ok(l) => l,
        Err(message) => {
            problems.push(Problem::new(name, 0, 0, message));
            return None;
        }
    };
    let header_line = ahead[0].0;
    let mut readable = true;
    let mut header = Vec::new();
    let mut first_data_line = header_line + 1;
    for (line, r) in ahead.drain(..layout.header_records().min(ahead.len())) {
        first_data_line = line + 1;
        let mut cells = Vec::with_capacity(r.len());
        for (i, raw) in r.iter().enumerate() {
            let cell = sniff::utf8_field(raw, name, line, i + 1, "header", problems);
            readable &= cell.is_some();
            cells.push(cell.unwrap_or("").to_string());
        }
        header.push(cells);
    }
    let cells = layout::header_cells(layout, &header);
    let src = HeaderSource {
        name,
        layout,
        line: header_line,
    };
    // A file whose header cannot be read still says what its columns matched (for
    // suggestions); its rows are not read.
    let (columns, header_ok) = header::map_header(
        &src,
        &cells,
        readable,
        &reader.index,
        codebook,
        opts,
        problems,
    );
    let src = rows::Source {
        name,
        index: file_index,
        first_data_line,
        expected_rows,
        separator: separator.unwrap_or(b','),
        columns: &columns,
        scales: &reader.scales,
        standardisation: survey.standardisation_ids.len(),
    };
    let mut rest = Buffered {
        ahead,
        rest: Some(records),
    };
    let read = if !header_ok {
        rows::RowsRead::none(survey.statement_ids.len())
    } else {
        let merge = rows::Merge::new(&src, survey, ctx, problems).releasing(pages);
        match split_file.zip(rest.offset()) {
            Some(((file, scan), start)) => {
                let blocks =
                    split::blocks(file.body, scan, start as usize, |r| file.pages.release(r));
                rows::read_rows_split(merge, &file, &blocks, opts)
            }
            None => rows::read_rows(merge, &mut rest, opts),
        }
    };
    let mut notes = Vec::new();
    if columns.numbered {
        notes.push(
            "the file has no response id column: each response is known by its line (\"line 12\"), \
             as accounting.csv shows"
                .to_string(),
        );
    }
    let unanswered: Vec<String> = columns
        .matched
        .iter()
        .filter_map(|m| {
            let j = survey.statement_ids.iter().position(|s| *s == m.item_id)?;
            (read.rows > 0 && !read.answered[j]).then(|| m.item_id.clone())
        })
        .collect();
    Some(FileSummary {
        name: name.to_string(),
        file_name,
        sha256,
        rows: read.rows,
        separator: separator.map(char::from),
        layout,
        sheet,
        missing_items: columns.missing_items(codebook),
        matched: columns.matched,
        fixed: columns.fixed,
        unanswered,
        notes,
        unmatched: columns.unmatched,
        waves: read.waves,
    })
}

/// Pairs of wave labels that are likely one wave written two ways (`2017` and `2017.0`, as a
/// spreadsheet may turn a number; `Spring 2019` and `spring 2019`), in name order.
pub fn look_alike_waves(waves: &[String]) -> Vec<(String, String)> {
    let mut sorted: Vec<&String> = waves.iter().collect();
    sorted.sort();
    let same = |a: &str, b: &str| {
        let number = |s: &str| s.trim().parse::<f64>().ok();
        match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => crate::text::match_key(a) == crate::text::match_key(b),
        }
    };
    let mut out = Vec::new();
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if same(a, b) {
                out.push((a.to_string(), b.to_string()));
            }
        }
    }
    out
}

/// What an analyst is told of [`look_alike_waves`].
pub struct LookAlikeWaves<'a>(pub &'a [(String, String)]);

impl std::fmt::Display for LookAlikeWaves<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list: Vec<String> = self
            .0
            .iter()
            .map(|(a, b)| format!("\"{a}\" and \"{b}\""))
            .collect();
        write!(
            f,
            "waves {} look like one wave written two ways (a spreadsheet may have turned 2017 into \
             2017.0); write them the same in the files if they are",
            list.join(", ")
        )
    }
}

/// Which waves the survey holds, with their row counts, in name order.
pub fn wave_counts(survey: &Survey) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in &survey.rows {
        *out.entry(survey.waves[r.wave as usize].clone())
            .or_insert(0) += 1;
    }
    out
}

/// [`sha256_hex`] a window at a time, giving back each window's pages once hashed.
fn sha256_released(bytes: &[u8], pages: PagesAt) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let window = split::window();
    for (w, chunk) in bytes.chunks(window).enumerate() {
        h.update(chunk);
        pages.release(w * window..w * window + chunk.len());
    }
    format!("{:x}", h.finalize())
}

/// SHA-256 of some bytes as lower-case hex: how every input is identified in a manifest.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256_released(bytes, PagesAt::default())
}
