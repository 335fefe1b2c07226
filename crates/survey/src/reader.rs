//! Reading survey CSV exports: encoding checks, separator detection, header matching, values.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::codebook::{Codebook, ItemKind};
use crate::problem::{Problem, Problems};
use crate::text::{fold, normalise_trust_id, show_value};
use crate::values::{self, Role};

/// Caps the problems kept per file so a wholly wrong million-row file cannot exhaust memory.
const MAX_PROBLEMS_PER_FILE: usize = 10_000;

#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The wave of rows in files without a `wave` column (or with an empty wave cell).
    pub wave: Option<String>,
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
    pub separator: char,
    pub matched: Vec<ColumnMatch>,
    /// Codebook items with no column in this file: treated as unanswered for its rows.
    pub missing_items: Vec<String>,
    /// Columns the codebook does not know: never read beyond their header.
    pub ignored_columns: Vec<String>,
    pub waves: BTreeSet<String>,
}

/// One data row: where it came from and who it is about. Answers live in [`Survey`]'s arrays.
#[derive(Clone, Debug)]
pub struct Row {
    pub file: u32,
    pub line: u64,
    pub response_id: Box<str>,
    /// Index into [`Survey::trusts`]; `None` when the row has no trust id.
    pub trust: Option<u32>,
    /// Index into [`Survey::waves`].
    pub wave: u32,
    pub role: Role,
}

/// Every valid row of every file, with answers stored densely (row-major, 0 = no answer):
/// a million responses must fit in memory comfortably.
#[derive(Clone, Debug, Default)]
pub struct Survey {
    pub files: Vec<FileSummary>,
    pub rows: Vec<Row>,
    /// Codebook statement ids, in codebook order: the columns of `statements`.
    pub statement_ids: Vec<String>,
    pub standardisation_ids: Vec<String>,
    /// 1..=5, or 0 for no answer; `rows.len() * statement_ids.len()` entries.
    pub statements: Vec<u8>,
    /// 1 more, 2 same, 3 less, 0 no answer.
    pub standardisation: Vec<u8>,
    /// 1 A, 2 B, 3 C, 0 no answer.
    pub alignment: Vec<u8>,
    pub trusts: Vec<String>,
    pub waves: Vec<String>,
}

impl Survey {
    pub fn statement_row(&self, row: usize) -> &[u8] {
        let w = self.statement_ids.len();
        &self.statements[row * w..(row + 1) * w]
    }

    pub fn standardisation_row(&self, row: usize) -> &[u8] {
        let w = self.standardisation_ids.len();
        &self.standardisation[row * w..(row + 1) * w]
    }
}

#[derive(Clone, Copy)]
enum Target {
    ResponseId,
    TrustId,
    Wave,
    Role,
    SchoolId,
    SubmittedAt,
    Statement(usize),
    Standardisation(usize),
    Alignment,
    Ignored,
}

/// Reads and validates every file; returns every problem found in any of them.
pub fn read_surveys(
    paths: &[&Path],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(paths.len(), codebook, |index, survey, ctx, problems| {
        let name = paths[index].display().to_string();
        let summary = read_one(
            paths[index],
            &name,
            index as u32,
            codebook,
            opts,
            survey,
            ctx,
            problems,
        );
        (name, summary)
    })
}

/// Reads and validates one file already in memory (what [`read_surveys`] does after opening a
/// path); `name` stands for the file in messages and outputs.
pub fn read_survey_bytes(
    name: &str,
    bytes: &[u8],
    codebook: &Codebook,
    opts: &ReadOptions,
) -> Result<Survey, Problems> {
    read_all(1, codebook, |_, survey, ctx, problems| {
        let summary = read_bytes(
            name,
            name.to_string(),
            bytes,
            0,
            codebook,
            opts,
            survey,
            ctx,
            problems,
        );
        (name.to_string(), summary)
    })
}

/// Runs `read_file` for each of `n` files, keeping every file's problems (capped per file).
fn read_all(
    n: usize,
    codebook: &Codebook,
    mut read_file: impl FnMut(
        usize,
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
    let mut ctx = Context::default();
    let mut problems = Vec::new();
    for index in 0..n {
        let mut file_problems = Vec::new();
        let (name, summary) = read_file(index, &mut survey, &mut ctx, &mut file_problems);
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
        Err(Problems(problems))
    }
}

#[derive(Default)]
struct Context {
    trust_index: HashMap<String, u32, FastState>,
    wave_index: HashMap<String, u32, FastState>,
    /// (wave, response_id) -> (file name, line) of its first use.
    seen_ids: SeenIds,
    file_names: Vec<String>,
}

/// The response ids seen so far: (wave, id) -> the (file, line) of its first use. A million ids
/// must not cost a million small allocations (a tenth of the reading time, and as much again to
/// free them): their text lives in one arena, and an open-addressing table (linear probing, at
/// most half full) holds entry numbers.
const TAG: u64 = 0xFFFF_FFFF_0000_0000;

#[derive(Default)]
struct SeenIds {
    text: String,
    entries: Vec<SeenId>,
    /// 0 = empty, else the hash's top 32 bits (a tag that rules out most other ids without
    /// reading their entry) over an index into `entries` plus one; a power of two long.
    slots: Vec<u64>,
    state: FastState,
}

struct SeenId {
    start: usize,
    len: u32,
    wave: u32,
    file: u32,
    line: u64,
}

impl SeenIds {
    fn hash(&self, wave: u32, id: &str) -> u64 {
        let mut h = self.state.build_hasher();
        h.write_u32(wave);
        h.write(id.as_bytes());
        h.finish()
    }

    /// Room for `more` ids without growing the table.
    fn reserve(&mut self, more: usize) {
        self.entries.reserve(more);
        let want = ((self.entries.len() + more) * 2).next_power_of_two();
        if want > self.slots.len() {
            self.rebuild(want);
        }
    }

    fn rebuild(&mut self, size: usize) {
        self.slots = vec![0; size];
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let id = &self.text[e.start..e.start + e.len as usize];
            let h = self.hash(e.wave, id);
            let mut i = h as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (h & TAG) | (n as u64 + 1);
        }
    }

    /// The first (file, line) of `id` in `wave`; or `None`, after recording this use as the
    /// first.
    fn first_or_insert(&mut self, wave: u32, id: &str, file: u32, line: u64) -> Option<(u32, u64)> {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.rebuild((self.slots.len() * 2).max(1024));
        }
        let mask = self.slots.len() - 1;
        let h = self.hash(wave, id);
        let mut i = h as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.entries.push(SeenId {
                        start: self.text.len(),
                        len: id.len() as u32,
                        wave,
                        file,
                        line,
                    });
                    self.text.push_str(id);
                    self.slots[i] = (h & TAG) | self.entries.len() as u64;
                    return None;
                }
                slot if slot & TAG == h & TAG => {
                    let e = &self.entries[(slot & !TAG) as usize - 1];
                    if e.wave == wave && &self.text[e.start..e.start + e.len as usize] == id {
                        return Some((e.file, e.line));
                    }
                }
                _ => {}
            }
            i = (i + 1) & mask;
        }
    }
}

/// The hash of the per-row maps: a multiply-rotate hash (FxHash's step) over 8-byte words with a
/// final mix, keyed once per run from std's random state. SipHash, std's default, was a tenth of
/// the time of reading a million rows; ids here are short and come from the user's own files.
#[derive(Clone)]
struct FastState(u64);

impl Default for FastState {
    fn default() -> Self {
        FastState(std::collections::hash_map::RandomState::new().hash_one(0x6d61_7463_u64))
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.0)
    }
}

struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // murmur3's finaliser, so the low and high bits hashbrown uses both depend on every word.
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z
    }
}

fn intern(map: &mut HashMap<String, u32, FastState>, list: &mut Vec<String>, value: &str) -> u32 {
    if let Some(i) = map.get(value) {
        return *i;
    }
    let i = list.len() as u32;
    list.push(value.to_string());
    map.insert(value.to_string(), i);
    i
}

/// Whether a trust id is already as [`normalise_trust_id`] would make it (ASCII, single inner
/// spaces, nothing to trim), so it can be used without a copy.
fn is_normal_trust_id(v: &str) -> bool {
    let b = v.as_bytes();
    v.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'))
        && !b.windows(2).any(|w| w == b"  ")
}

fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset].iter().filter(|b| **b == b'\n').count() as u64
}

/// Picks `,`, `;` or tab by counting them, outside quotes, on the header line.
fn detect_separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    seps[best]
}

fn utf8_field<'a>(
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

#[allow(clippy::too_many_arguments)]
fn read_one(
    path: &Path,
    name: &str,
    file_index: u32,
    codebook: &Codebook,
    opts: &ReadOptions,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    if path.is_dir() {
        problems.push(Problem::new(
            name,
            0,
            0,
            "this is a folder, not a CSV file; name the survey file itself",
        ));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "no such file; check the path".to_string()
            } else {
                format!("cannot read the file: {e}")
            };
            problems.push(Problem::new(name, 0, 0, why));
            return None;
        }
    };
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    read_bytes(
        name, file_name, &bytes, file_index, codebook, opts, survey, ctx, problems,
    )
}

/// Reads one file's bytes: everything after opening it. `name` is used in messages,
/// `file_name` in outputs.
#[allow(clippy::too_many_arguments)]
fn read_bytes(
    name: &str,
    file_name: String,
    bytes: &[u8],
    file_index: u32,
    codebook: &Codebook,
    opts: &ReadOptions,
    survey: &mut Survey,
    ctx: &mut Context,
    problems: &mut Vec<Problem>,
) -> Option<FileSummary> {
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    ctx.file_names.push(name.to_string());
    if bytes.is_empty() {
        problems.push(Problem::new(
            name,
            1,
            0,
            "the file is empty; expected a header line and data rows",
        ));
        return None;
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        problems.push(Problem::new(
            name,
            1,
            0,
            "the file is UTF-16 (Excel's \"Unicode text\"); re-export it as \"CSV UTF-8\"",
        ));
        return None;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some((what, advice)) = binary_kind(body) {
        problems.push(Problem::new(
            name,
            1,
            0,
            format!("this is {what}, not a CSV file; {advice}"),
        ));
        return None;
    }
    if let Some(at) = body.iter().position(|b| *b == 0) {
        problems.push(Problem::new(
            name,
            line_of(body, at),
            0,
            "the file contains NUL bytes, so it is not a text CSV (UTF-16 or a binary file?); \
             re-export it as \"CSV UTF-8\"",
        ));
        return None;
    }
    // Old Mac exports end lines with a carriage return alone: read them as line feeds so that
    // line numbers in messages still count lines.
    let cr_only;
    let body = if body.contains(&b'\r') && !body.contains(&b'\n') {
        cr_only = body
            .iter()
            .map(|b| if *b == b'\r' { b'\n' } else { *b })
            .collect::<Vec<u8>>();
        &cr_only[..]
    } else {
        body
    };
    let separator = detect_separator(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(body);
    // One record, reused for every row (the `byte_records` iterator allocates one per row).
    let mut record = csv::ByteRecord::new();
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => record.clone(),
        Err(e) => {
            problems.push(Problem::new(
                name,
                1,
                0,
                format!("the header cannot be read: {e}"),
            ));
            return None;
        }
        Ok(false) => {
            problems.push(Problem::new(name, 1, 0, "the file has no header line"));
            return None;
        }
    };

    // Map each header to what it holds.
    let mut names: HashMap<String, (usize, Target)> = HashMap::new();
    let fixed = [
        ("response_id", Target::ResponseId),
        ("trust_id", Target::TrustId),
        ("wave", Target::Wave),
        ("role", Target::Role),
        ("school_id", Target::SchoolId),
        ("submitted_at", Target::SubmittedAt),
    ];
    for (n, t) in fixed {
        names.insert(n.to_string(), (usize::MAX, t));
    }
    let (mut s_i, mut d_i) = (0, 0);
    for (idx, item) in codebook.items.iter().enumerate() {
        let target = match item.kind {
            ItemKind::Statement => {
                s_i += 1;
                Target::Statement(s_i - 1)
            }
            ItemKind::Standardisation => {
                d_i += 1;
                Target::Standardisation(d_i - 1)
            }
            ItemKind::Alignment => Target::Alignment,
        };
        for n in std::iter::once(&item.id).chain(item.aliases.iter()) {
            names.insert(fold(n), (idx, target));
        }
    }
    let mut targets = Vec::with_capacity(header.len());
    let mut headers = Vec::with_capacity(header.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut matched = Vec::new();
    let mut ignored = Vec::new();
    let mut header_ok = true;
    for (i, raw) in header.iter().enumerate() {
        let h = match utf8_field(raw, name, 1, i + 1, "header", problems) {
            Some(h) => h.trim().to_string(),
            None => {
                header_ok = false;
                targets.push(Target::Ignored);
                headers.push(String::new());
                continue;
            }
        };
        let key = fold(&h);
        let (item_idx, target) = names
            .get(&key)
            .copied()
            .unwrap_or((usize::MAX, Target::Ignored));
        if !matches!(target, Target::Ignored) {
            let canonical = if item_idx == usize::MAX {
                key.clone()
            } else {
                codebook.items[item_idx].id.clone()
            };
            if let Some(first) = seen.get(&canonical) {
                problems.push(Problem::new(
                    name,
                    1,
                    i + 1,
                    format!("column \"{h}\" holds {canonical} again (already column {first}); keep one of them"),
                ));
                header_ok = false;
            } else {
                seen.insert(canonical.clone(), i + 1);
                if item_idx != usize::MAX {
                    matched.push(ColumnMatch {
                        item_id: canonical,
                        header: h.clone(),
                        column: i + 1,
                    });
                }
            }
        } else {
            ignored.push(if h.is_empty() {
                format!("(column {})", i + 1)
            } else {
                h.clone()
            });
        }
        targets.push(target);
        headers.push(h);
    }
    if header_ok && seen.is_empty() && matched.is_empty() {
        // Not one known column: this is most likely not the survey export at all (a letter, a
        // report, another table), so one message says so instead of one per missing column.
        problems.push(Problem::new(
            name,
            1,
            0,
            format!(
                "this does not look like a survey export: none of the {} names on the first line ({}) \
                 is a survey column; expected a header line naming response_id, trust_id and the \
                 codebook's questions (e.g. {})",
                headers.len(),
                preview(&headers),
                codebook.statements().first().map(|s| s.id.as_str()).unwrap_or("?")
            ),
        ));
        return None;
    }
    for required in ["response_id", "trust_id"] {
        if !seen.contains_key(required) {
            problems.push(Problem::new(
                name,
                1,
                0,
                format!(
                    "required column \"{required}\" is missing (found {} columns: {}); \
                     rename the column or add the name to the codebook",
                    headers.len(),
                    preview(&headers)
                ),
            ));
            header_ok = false;
        }
    }
    let statement_found: BTreeSet<&str> = matched.iter().map(|m| m.item_id.as_str()).collect();
    let missing_items: Vec<String> = codebook
        .items
        .iter()
        .filter(|i| !statement_found.contains(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect();
    if header_ok
        && !matched
            .iter()
            .any(|m| codebook.statements().iter().any(|s| s.id == m.item_id))
    {
        problems.push(Problem::new(
            name,
            1,
            0,
            format!(
                "no column matches a strategic statement of the codebook (e.g. {}); \
                 check the header or the codebook's aliases",
                codebook
                    .statements()
                    .first()
                    .map(|s| s.id.as_str())
                    .unwrap_or("?")
            ),
        ));
        header_ok = false;
    }
    let has_wave_column = seen.contains_key("wave");
    if header_ok && !has_wave_column && opts.wave.is_none() {
        problems.push(Problem::new(
            name,
            1,
            0,
            "the file has no \"wave\" column; say which wave it is with --wave (e.g. --wave 2019)",
        ));
        header_ok = false;
    }
    if !header_ok {
        return None;
    }

    let n_s = survey.statement_ids.len();
    let n_d = survey.standardisation_ids.len();
    let mut s_buf = vec![0u8; n_s];
    let mut d_buf = vec![0u8; n_d];
    let mut rows = 0usize;
    let mut waves = BTreeSet::new();
    let started = problems.len();
    if problems.is_empty() {
        // Room for this file's rows up front (one per line, a slight over-estimate when quoted
        // values hold line breaks), so the arrays are not copied as they grow.
        let lines = body.iter().filter(|b| **b == b'\n').count();
        survey.rows.reserve(lines);
        survey.statements.reserve(lines * n_s);
        survey.standardisation.reserve(lines * n_d);
        survey.alignment.reserve(lines);
        ctx.seen_ids.reserve(lines);
    }
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Problem::new(
                    name,
                    line,
                    0,
                    format!("the row cannot be read: {e}"),
                ));
                continue;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        rows += 1;
        if record.len() != targets.len() {
            let joined = record.iter().any(|f| f.contains(&b'\n'));
            let hint = if joined {
                "; a stray double quote may have joined it with the following lines"
            } else {
                ""
            };
            problems.push(Problem::new(
                name,
                line,
                0,
                format!(
                    "the row has {} fields but the header has {}{hint}",
                    record.len(),
                    targets.len()
                ),
            ));
            continue;
        }
        if let Some((i, last)) = swallowed_rows(&record, separator, targets.len()) {
            // The field count came out right by chance, but whole rows sit inside one quoted
            // value: reading on would lose them without a word.
            problems.push(Problem::new(
                name,
                line,
                i + 1,
                format!(
                    "column \"{}\": this value runs from line {line} to line {last} and holds what look \
                     like whole rows; a stray double quote (\") has probably joined them; remove the \
                     quote or close it",
                    if headers[i].is_empty() { format!("(column {})", i + 1) } else { headers[i].clone() }
                ),
            ));
            rows += 1;
            continue;
        }
        s_buf.iter_mut().for_each(|v| *v = 0);
        d_buf.iter_mut().for_each(|v| *v = 0);
        let mut alignment = 0u8;
        let mut response_id = None;
        // Borrowed from the record; a trust id is copied only when it needs normalising.
        let mut trust_id: Cow<str> = Cow::Borrowed("");
        let mut wave_cell = "";
        let mut role = Role(7);
        let before = problems.len();
        // UTF-8 is checked once for the whole record; a field whose ends are character
        // boundaries of valid text is valid text. Anything else is checked (and reported) alone.
        let whole = std::str::from_utf8(record.as_slice()).ok();
        for (i, raw) in record.iter().enumerate() {
            let target = targets[i];
            if matches!(target, Target::Ignored) {
                continue;
            }
            let checked = whole.and_then(|w| w.get(record.range(i)?));
            let Some(v) =
                checked.or_else(|| utf8_field(raw, name, line, i + 1, &headers[i], problems))
            else {
                continue;
            };
            let mut bad = |why: String| {
                problems.push(Problem::new(
                    name,
                    line,
                    i + 1,
                    format!(
                        "column \"{}\": {} is not a valid answer; {why}",
                        headers[i],
                        show_value(v)
                    ),
                ))
            };
            match target {
                Target::ResponseId => {
                    let id = v.trim();
                    if id.is_empty() {
                        problems.push(Problem::new(
                            name,
                            line,
                            i + 1,
                            "column \"response_id\" is empty; every row needs its own response id",
                        ));
                    } else {
                        response_id = Some(id);
                    }
                }
                Target::TrustId => {
                    trust_id = if is_normal_trust_id(v) {
                        Cow::Borrowed(v)
                    } else {
                        Cow::Owned(normalise_trust_id(v))
                    }
                }
                Target::Wave => wave_cell = v.trim(),
                Target::Role => match values::role(v) {
                    Ok(r) => role = r,
                    Err(e) => bad(e),
                },
                Target::SchoolId | Target::Ignored => {}
                Target::SubmittedAt => {
                    if let Err(e) = values::submitted_at(v) {
                        bad(e)
                    }
                }
                Target::Statement(k) => match values::statement(v) {
                    Ok(a) => s_buf[k] = a.unwrap_or(0),
                    Err(e) => bad(e),
                },
                Target::Standardisation(k) => match values::standardisation(v) {
                    Ok(a) => d_buf[k] = a.map(|a| a as u8 + 1).unwrap_or(0),
                    Err(e) => bad(e),
                },
                Target::Alignment => match values::alignment(v) {
                    Ok(a) => alignment = a.map(|a| a as u8 + 1).unwrap_or(0),
                    Err(e) => bad(e),
                },
            }
        }
        let wave = if !wave_cell.is_empty() {
            wave_cell
        } else if let Some(w) = &opts.wave {
            w.as_str()
        } else {
            let col = seen.get("wave").copied().unwrap_or(0);
            problems.push(Problem::new(
                name,
                line,
                col,
                "column \"wave\" is empty; fill it in or give the wave with --wave",
            ));
            continue;
        };
        if problems.len() > before {
            continue;
        }
        let Some(response_id) = response_id else {
            continue;
        };
        let wave_idx = intern(&mut ctx.wave_index, &mut survey.waves, wave);
        if let Some((f, l)) = ctx
            .seen_ids
            .first_or_insert(wave_idx, response_id, file_index, line)
        {
            let col = seen.get("response_id").copied().unwrap_or(0);
            problems.push(Problem::new(
                name,
                line,
                col,
                format!(
                    "response_id {} appears twice in wave {wave}: first at {}:{l}; response ids must be unique within a wave",
                    show_value(response_id),
                    ctx.file_names[f as usize]
                ),
            ));
            continue;
        }
        if problems.len() > started {
            // The file already has problems: keep checking, but don't store rows.
            continue;
        }
        if !waves.contains(wave) {
            waves.insert(wave.to_string());
        }
        let trust = if trust_id.is_empty() {
            None
        } else {
            Some(intern(&mut ctx.trust_index, &mut survey.trusts, &trust_id))
        };
        survey.rows.push(Row {
            file: file_index,
            line,
            response_id: Box::from(response_id),
            trust,
            wave: wave_idx,
            role,
        });
        survey.statements.extend_from_slice(&s_buf);
        survey.standardisation.extend_from_slice(&d_buf);
        survey.alignment.push(alignment);
    }
    if rows == 0 && problems.len() == started {
        problems.push(Problem::new(
            name,
            2,
            0,
            "the file has a header but no data rows",
        ));
    }
    let separator = match separator {
        b';' => ';',
        b'\t' => '\t',
        _ => ',',
    };
    Some(FileSummary {
        name: name.to_string(),
        file_name,
        sha256,
        rows,
        separator,
        matched,
        missing_items,
        ignored_columns: ignored,
        waves,
    })
}

/// Whether one field of a record holds, after a line break, a line with as many separators
/// as a whole row: the sign of a quote opened in error that swallowed the rows after it.
/// Returns the field's index and the last line it reaches.
fn swallowed_rows(record: &csv::ByteRecord, separator: u8, columns: usize) -> Option<(usize, u64)> {
    if columns < 4 {
        return None;
    }
    if !record.as_slice().contains(&b'\n') {
        return None;
    }
    let line = record.position().map(|p| p.line()).unwrap_or(0);
    let mut before = 0u64;
    for (i, field) in record.iter().enumerate() {
        let breaks = field.iter().filter(|b| **b == b'\n').count() as u64;
        if breaks > 0 {
            let whole_row = field
                .split(|b| *b == b'\n')
                .skip(1)
                .any(|l| l.iter().filter(|b| **b == separator).count() >= columns - 1);
            if whole_row {
                let trailing = u64::from(field.ends_with(b"\n"));
                return Some((i, line + before + breaks - trailing));
            }
        }
        before += breaks;
    }
    None
}

/// Recognises files that are plainly not text, by their first bytes: what they are, and what
/// to do instead.
fn binary_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SAVE_AS: &str = "open it in Excel and save it with File > Save As > \"CSV UTF-8\"";
    const EXPORT: &str = "give the survey export saved as \"CSV UTF-8\"";
    let kinds: [(&[u8], &str, &str); 7] = [
        (
            b"PK\x03\x04",
            "an Excel workbook (.xlsx) or another zip archive",
            SAVE_AS,
        ),
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
    ];
    kinds
        .iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|(_, what, advice)| (*what, *advice))
}

fn preview(headers: &[String]) -> String {
    let shown: Vec<String> = headers.iter().take(8).map(|h| show_value(h)).collect();
    let more = headers.len().saturating_sub(8);
    if more > 0 {
        format!("{}, and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
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
