//! The data rows of one file: each record's shape, its values checked against the vocabularies,
//! its wave, and whether its response id is new in that wave. Valid rows are stored in the
//! [`Survey`]; once a file has a problem, its later rows are still checked but none is stored.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write;

use rayon::prelude::*;

use super::header::{Columns, Target};
use super::ids::intern;
use super::pages::PagesAt;
use super::records::{CsvRecords, Records};
use super::sniff::utf8_field;
use super::split::{regular_quotes, Block};
use super::{Context, ReadOptions, Survey};
use crate::problem::{Problem, Remedy};
use crate::text::{normalised_id, show_value};
use crate::values::{self, ScaleReader};

/// The file whose rows are read.
pub(super) struct Source<'a> {
    /// The file as messages name it.
    pub(super) name: &'a str,
    /// Its index in [`Survey::files`].
    pub(super) index: u32,
    /// The line after its header, where data rows begin.
    pub(super) first_data_line: u64,
    /// About how many rows it has (its line count), to reserve room once.
    pub(super) expected_rows: usize,
    pub(super) separator: u8,
    pub(super) columns: &'a Columns,
    /// Each statement's scale, in codebook order.
    pub(super) scales: &'a [ScaleReader],
    /// How many standardisation areas the codebook has.
    pub(super) standardisation: usize,
}

/// What the rows of one file gave.
pub(super) struct RowsRead {
    /// Data rows, including those with problems (a row swallowed by a stray quote counts as two).
    pub(super) rows: usize,
    /// The waves of its stored rows.
    pub(super) waves: BTreeSet<String>,
    /// Per statement: whether any row of the file answered it.
    pub(super) answered: Vec<bool>,
}

impl RowsRead {
    /// Nothing read (a file whose header failed).
    pub(super) fn none(statements: usize) -> RowsRead {
        RowsRead {
            rows: 0,
            waves: BTreeSet::new(),
            answered: vec![false; statements],
        }
    }
}

/// One row's answers, coded as in [`Survey`]: statements, standardisation, alignment.
struct Answers {
    statements: Vec<u8>,
    standardisation: Vec<u8>,
    alignment: u8,
}

impl Answers {
    fn clear(&mut self) {
        self.statements.iter_mut().for_each(|v| *v = 0);
        self.standardisation.iter_mut().for_each(|v| *v = 0);
        self.alignment = 0;
    }
}

/// Who answered: a row's other values, borrowed from its record where they can be.
struct Respondent<'r> {
    /// `None` when the cell is empty (a problem already reported).
    response_id: Option<&'r str>,
    /// Copied only when it needs normalising.
    trust_id: Cow<'r, str>,
    /// The `wave` cell, normalised as trust ids are; empty when there is none.
    wave: Cow<'r, str>,
}

/// Records checked on their own, before anything that needs the rows before them (a response id
/// seen earlier, the trust and wave indices, whether the file already has problems): the part
/// of reading that runs on every core at once. [`Merge::add`] does the rest, in file order.
pub(super) struct Part {
    /// Data rows (a row swallowed by a stray quote counts as two).
    rows: usize,
    /// Each problem with the number of its record in the part.
    problems: Vec<(u32, Problem)>,
    /// The records that passed, in order.
    kept: Vec<Kept>,
    /// The kept records' response ids, trust ids and waves, one after another.
    text: String,
    /// The kept records' answers, `width` bytes each (statements, standardisation, alignment).
    answers: Vec<u8>,
}

struct Kept {
    record: u32,
    line: u64,
    /// Ends in `Part::text` of its response id, its cells as one key (files told apart by
    /// content; else empty), its trust id and its wave.
    ends: [u32; 4],
}

impl Part {
    pub(super) fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// Checks up to `limit` records from `reader`: each invalid value is one problem, each record
/// without one is kept.
pub(super) fn check_records(
    src: &Source,
    reader: &mut dyn Records,
    opts: &ReadOptions,
    limit: usize,
) -> Part {
    let (n_s, n_d) = (src.scales.len(), src.standardisation);
    let mut answers = Answers {
        statements: vec![0; n_s],
        standardisation: vec![0; n_d],
        alignment: 0,
    };
    let mut part = Part {
        rows: 0,
        problems: Vec::new(),
        kept: Vec::new(),
        text: String::new(),
        answers: Vec::new(),
    };
    // One record, reused for every row (the `byte_records` iterator allocates one per row).
    let mut record = csv::ByteRecord::new();
    let mut problems = Vec::new();
    let mut at = 0u32;
    while (at as usize) < limit {
        let Some(line) = reader.next_record(&mut record) else {
            break;
        };
        at += 1;
        let number = at - 1;
        part.rows += 1;
        problems.clear();
        let kept = check_one(
            src,
            opts,
            line,
            &record,
            &mut answers,
            &mut part,
            &mut problems,
        );
        if let Some(ends) = kept {
            part.kept.push(Kept {
                record: number,
                line,
                ends,
            });
        }
        part.problems
            .extend(problems.drain(..).map(|p| (number, p)));
    }
    part
}

/// Checks one record, reporting into `problems`. A record without problems is kept: its ids
/// go into `part.text` (where each ends is returned) and its answers into `part.answers`.
fn check_one(
    src: &Source,
    opts: &ReadOptions,
    line: u64,
    record: &csv::ByteRecord,
    answers: &mut Answers,
    part: &mut Part,
    problems: &mut Vec<Problem>,
) -> Option<[u32; 4]> {
    if let Some(problem) = ragged(src, line, record) {
        problems.push(problem);
        return None;
    }
    if let Some(problem) = swallowed(src, line, record) {
        problems.push(problem);
        part.rows += 1;
        return None;
    }
    let who = parse_fields(src, line, record, answers, problems);
    let Some(wave) = wave_of(&who.wave, opts) else {
        let column = src.columns.column_of("wave");
        let message = "column \"wave\" is empty; fill it in";
        let problem = Problem::new(src.name, line, column, message);
        problems.push(problem.with_remedy(Remedy::WaveLabel));
        return None;
    };
    if !problems.is_empty() {
        return None;
    }
    let text = &mut part.text;
    if src.columns.numbered {
        let _ = write!(text, "line {line}");
    } else {
        text.push_str(who.response_id?);
    }
    let id_end = text.len();
    if src.columns.by_content {
        // NUL cannot be in a field (the file would have been refused), so it keeps these keys
        // apart from any response id.
        text.push('\0');
        for field in record.iter() {
            text.push_str(&String::from_utf8_lossy(field));
            text.push('\0');
        }
    }
    let key_end = text.len();
    text.push_str(&who.trust_id);
    let trust_end = text.len();
    text.push_str(wave);
    part.answers.extend_from_slice(&answers.statements);
    part.answers.extend_from_slice(&answers.standardisation);
    part.answers.push(answers.alignment);
    Some([id_end, key_end, trust_end, text.len()].map(|e| e as u32))
}

/// Reads every row after the header from `reader`, a batch of records at a time.
pub(super) fn read_rows(
    mut merge: Merge,
    reader: &mut dyn Records,
    opts: &ReadOptions,
) -> RowsRead {
    merge.add_all(reader, opts);
    merge.finish()
}

/// A large CSV file's data rows, cut into `blocks` (see [`split`](super::split)), read on
/// every core: blocks are checked a few per core at a time while the ones before them are
/// merged. From the first block whose quotes do not tell where records end, the rest of the
/// file is read on one core.
pub(super) fn read_rows_split<'m>(
    mut merge: Merge<'m, '_>,
    file: &SplitFile<'m>,
    blocks: &[Block],
    opts: &ReadOptions,
) -> RowsRead {
    let src = merge.src;
    let check = |b: &Block| -> Option<Part> {
        let bytes = &file.body[b.range.clone()];
        let part = regular_quotes(bytes, src.separator).then(|| {
            let mut records = CsvRecords::starting(bytes, src.separator, b.first_line, false);
            check_records(src, &mut records, opts, usize::MAX)
        });
        file.pages.release(b.range.clone());
        part
    };
    let step = rayon::current_num_threads().max(1) * 2;
    // Parts checked but not yet merged, and the index of the first one's block.
    let (mut checked, mut first): (Vec<Option<Part>>, usize) = (Vec::new(), 0);
    loop {
        let next = first + checked.len();
        let batch = &blocks[next..(next + step).min(blocks.len())];
        let (fresh, stopped) = rayon::join(
            || batch.par_iter().map(check).collect::<Vec<_>>(),
            || {
                for (i, part) in checked.drain(..).enumerate() {
                    match part {
                        Some(part) => merge.add(part),
                        None => return Some(first + i),
                    }
                }
                None
            },
        );
        if let Some(at) = stopped {
            // Every quote before this block was regular, so it starts at a record.
            let b = &blocks[at];
            let rest = &file.body[b.range.start..];
            let mut records = CsvRecords::starting(rest, src.separator, b.first_line, false);
            merge.pages = file.pages.after(b.range.start);
            merge.add_all(&mut records, opts);
            break;
        }
        if fresh.is_empty() {
            break;
        }
        (checked, first) = (fresh, next);
    }
    merge.finish()
}

/// A large file's body as the blocks are read from it.
pub(super) struct SplitFile<'a> {
    pub(super) body: &'a [u8],
    pub(super) pages: PagesAt<'a>,
}

/// Records checked at a time when reading on one core.
const BATCH: usize = 8192;

/// What needs the rows before it, done part by part in file order: waves and trusts to
/// indices, response ids already used, storing the kept rows once the file has a problem no
/// more.
pub(super) struct Merge<'m, 'a> {
    src: &'m Source<'a>,
    survey: &'m mut Survey,
    ctx: &'m mut Context,
    problems: &'m mut Vec<Problem>,
    started: usize,
    out: RowsRead,
    /// The pages under the records' body, handed back as records are read on one core.
    pages: PagesAt<'m>,
}

impl<'m, 'a> Merge<'m, 'a> {
    /// Reading on one core hands back `pages` as it goes.
    pub(super) fn releasing(mut self, pages: PagesAt<'m>) -> Self {
        self.pages = pages;
        self
    }

    pub(super) fn new(
        src: &'m Source<'a>,
        survey: &'m mut Survey,
        ctx: &'m mut Context,
        problems: &'m mut Vec<Problem>,
    ) -> Merge<'m, 'a> {
        if problems.is_empty() {
            // Room for one row per line (a slight over-estimate when quoted values hold line
            // breaks) up front, so the arrays are not copied, nor left half empty, as they grow.
            survey.reserve(src.expected_rows);
            let rows = &*survey;
            ctx.seen_ids
                .reserve(src.expected_rows, |r| row_key(rows, r));
        }
        Merge {
            src,
            started: problems.len(),
            out: RowsRead::none(survey.statement_ids.len()),
            survey,
            ctx,
            problems,
            pages: PagesAt::default(),
        }
    }

    pub(super) fn add(&mut self, part: Part) {
        let src = self.src;
        if self.out.rows == 0 && !part.kept.is_empty() {
            // Room for the file's response ids, at the length of its first ones.
            let (mut bytes, mut start) = (0, 0);
            for k in &part.kept {
                bytes += k.ends[0] as usize - start;
                start = k.ends[3] as usize;
            }
            let per_row = bytes.div_ceil(part.kept.len());
            // Never past what ids can hold (`Survey::room_for` refuses more, with a message).
            let room = (u32::MAX as usize).saturating_sub(self.survey.ids_len());
            self.survey
                .reserve_ids((src.expected_rows * per_row).min(room));
        }
        self.out.rows += part.rows;
        let width = src.scales.len() + src.standardisation + 1;
        let n_s = src.scales.len();
        let mut problems = part.problems.into_iter().peekable();
        let mut start = 0;
        for (i, k) in part.kept.iter().enumerate() {
            while let Some((_, p)) = problems.next_if(|(r, _)| *r < k.record) {
                self.problems.push(p);
            }
            let [id_end, key_end, trust_end, wave_end] = k.ends.map(|e| e as usize);
            let id = &part.text[start..id_end];
            let key = &part.text[id_end..key_end];
            let trust_id = &part.text[key_end..trust_end];
            let wave = &part.text[trust_end..wave_end];
            start = wave_end;
            let (ctx, survey) = (&mut *self.ctx, &mut *self.survey);
            if let Err(what) = survey.room_for(k.line, id) {
                self.problems.push(Problem::new(
                    src.name,
                    k.line,
                    0,
                    format!("the files hold more than 4,294,967,295 {what}; split them"),
                ));
                continue;
            }
            let wave_idx = intern(&mut ctx.wave_index, &mut survey.waves, wave);
            let found = if src.columns.by_content {
                same_row(src, k.line, ctx, wave_idx, key)
            } else {
                duplicate(src, k.line, ctx, survey, (wave_idx, wave), id)
            };
            if let Some(problem) = found {
                self.problems.push(problem);
                continue;
            }
            // Stored even once the file has a problem (the read then fails as a whole): the
            // ids seen are known by their row.
            let fine = self.problems.len() == self.started;
            if fine && !self.out.waves.contains(wave) {
                self.out.waves.insert(wave.to_string());
            }
            let trust = (!trust_id.is_empty())
                .then(|| intern(&mut ctx.trust_index, &mut survey.trusts, trust_id));
            let answers = &part.answers[i * width..(i + 1) * width];
            survey.push_row(
                k.line,
                id,
                trust,
                wave_idx,
                &answers[..n_s],
                &answers[n_s..],
            );
            if fine {
                for (seen, a) in self.out.answered.iter_mut().zip(&answers[..n_s]) {
                    *seen |= *a != 0;
                }
            }
        }
        self.problems.extend(problems.map(|(_, p)| p));
    }

    /// Checks and merges every record left in `reader`, a batch at a time, on this core.
    fn add_all(&mut self, reader: &mut dyn Records, opts: &ReadOptions) {
        loop {
            let part = check_records(self.src, reader, opts, BATCH);
            if part.is_empty() {
                break;
            }
            self.add(part);
            if let Some(done) = reader.offset() {
                self.pages.release(0..done as usize);
            }
        }
    }

    pub(super) fn finish(self) -> RowsRead {
        if self.out.rows == 0 && self.problems.len() == self.started {
            self.problems.push(Problem::new(
                self.src.name,
                self.src.first_data_line,
                0,
                "the file has a header but no data rows",
            ));
        }
        self.out
    }
}

/// A row with another number of fields than the header.
fn ragged(src: &Source, line: u64, record: &csv::ByteRecord) -> Option<Problem> {
    let width = src.columns.targets.len();
    if record.len() == width {
        return None;
    }
    let joined = record.iter().any(|f| f.contains(&b'\n'));
    let hint = if joined {
        "; a stray double quote may have joined it with the following lines"
    } else {
        ""
    };
    Some(Problem::new(
        src.name,
        line,
        0,
        format!(
            "the row has {} fields but the header has {width}{hint}",
            record.len()
        ),
    ))
}

/// A row whose field count came out right by chance, but with whole rows inside one quoted
/// value: reading on would lose them without a word.
fn swallowed(src: &Source, line: u64, record: &csv::ByteRecord) -> Option<Problem> {
    let headers = &src.columns.headers;
    let (i, last) = swallowed_rows(record, line, src.separator, headers.len())?;
    Some(Problem::new(
        src.name,
        line,
        i + 1,
        format!(
            "column \"{}\": this value runs from line {line} to line {last} and holds what look \
             like whole rows; a stray double quote (\") has probably joined them; remove the \
             quote or close it",
            if headers[i].is_empty() {
                format!("(column {})", i + 1)
            } else {
                headers[i].clone()
            }
        ),
    ))
}

/// Whether one field of a record holds, after a line break, a line with as many separators
/// as a whole row: the sign of a quote opened in error that swallowed the rows after it.
/// Returns the field's index and the last line it reaches.
fn swallowed_rows(
    record: &csv::ByteRecord,
    line: u64,
    separator: u8,
    columns: usize,
) -> Option<(usize, u64)> {
    if columns < 4 {
        return None;
    }
    if !record.as_slice().contains(&b'\n') {
        return None;
    }
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

/// Checks every kept field of a record, codes its answers into `answers` and returns who
/// answered; each invalid value is one problem.
fn parse_fields<'r>(
    src: &Source,
    line: u64,
    record: &'r csv::ByteRecord,
    answers: &mut Answers,
    problems: &mut Vec<Problem>,
) -> Respondent<'r> {
    answers.clear();
    let mut who = Respondent {
        response_id: None,
        trust_id: Cow::Borrowed(""),
        wave: Cow::Borrowed(""),
    };
    let headers = &src.columns.headers;
    // UTF-8 is checked once for the whole record; a field whose ends are character
    // boundaries of valid text is valid text. Anything else is checked (and reported) alone.
    let whole = std::str::from_utf8(record.as_slice()).ok();
    for (i, raw) in record.iter().enumerate() {
        let target = src.columns.targets[i];
        if matches!(target, Target::Ignored) {
            continue;
        }
        let checked = whole.and_then(|w| w.get(record.range(i)?));
        let Some(v) =
            checked.or_else(|| utf8_field(raw, src.name, line, i + 1, &headers[i], problems))
        else {
            continue;
        };
        let mut bad = |why: String| {
            problems.push(Problem::new(
                src.name,
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
                        src.name,
                        line,
                        i + 1,
                        "column \"response_id\" is empty; every row needs its own response id",
                    ));
                } else {
                    who.response_id = Some(id);
                }
            }
            Target::TrustId => who.trust_id = normalised_id(v),
            Target::Wave => who.wave = normalised_id(v),
            // Checked, not kept: nothing downstream reads a respondent's role.
            Target::Role => {
                if let Err(e) = values::role(v) {
                    bad(e)
                }
            }
            Target::SchoolId | Target::Ignored => {}
            Target::SubmittedAt => {
                if let Err(e) = values::submitted_at(v) {
                    bad(e)
                }
            }
            Target::Statement(k) => match values::statement(v, &src.scales[k]) {
                Ok(a) => answers.statements[k] = a.unwrap_or(0),
                Err(e) => bad(e),
            },
            Target::Standardisation(k) => match values::standardisation(v) {
                Ok(a) => answers.standardisation[k] = a.map(|a| a as u8 + 1).unwrap_or(0),
                Err(e) => bad(e),
            },
            Target::Alignment => match values::alignment(v) {
                Ok(a) => answers.alignment = a.map(|a| a as u8 + 1).unwrap_or(0),
                Err(e) => bad(e),
            },
        }
    }
    who
}

/// A row's wave: its own `wave` cell, else the one given for the whole read.
fn wave_of<'a>(cell: &'a str, opts: &'a ReadOptions) -> Option<&'a str> {
    if !cell.is_empty() {
        Some(cell)
    } else {
        opts.wave.as_deref()
    }
}

/// A row's key among the ids seen: its wave and response id.
fn row_key(survey: &Survey, row: u32) -> (u32, &str) {
    (
        survey.rows[row as usize].wave,
        survey.response_id(row as usize),
    )
}

/// A response id already used in the same wave (here or in an earlier file); records it as
/// used (by the row about to be stored) otherwise.
fn duplicate(
    src: &Source,
    line: u64,
    ctx: &mut Context,
    survey: &Survey,
    (wave_idx, wave): (u32, &str),
    response_id: &str,
) -> Option<Problem> {
    let next = survey.rows.len() as u32;
    let first = ctx
        .seen_ids
        .first_or_insert(wave_idx, response_id, next, |r| row_key(survey, r))?;
    let (f, l) = (
        survey.file_of(first as usize),
        survey.rows[first as usize].line,
    );
    Some(Problem::new(
        src.name,
        line,
        src.columns.column_of("response_id"),
        format!(
            "response_id {} appears twice in wave {wave}: first at {}:{l}; response ids must be unique within a wave",
            show_value(response_id),
            ctx.file_names[f]
        ),
    ))
}

/// A row identical, cell for cell, to one already read in the same wave (`key`: its cells as
/// one text): in exports whose ids do not tell responses apart across files (none, or a counter
/// per form), the sign of one download read twice.
fn same_row(
    src: &Source,
    line: u64,
    ctx: &mut Context,
    wave_idx: u32,
    key: &str,
) -> Option<Problem> {
    let contents = &ctx.contents;
    let found = ctx
        .seen_contents
        .first_or_insert(wave_idx, key, contents.len(), |n| contents.key(n));
    let Some(first) = found else {
        ctx.contents.push(wave_idx, key, src.index, line);
        return None;
    };
    let (f, l) = ctx.contents.first(first);
    Some(Problem::new(
        src.name,
        line,
        0,
        format!(
            "this response is identical, cell for cell, to the one at {}:{l}; the same responses \
             are probably in two files (downloaded twice?): keep them in one",
            ctx.file_names[f as usize]
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::read_survey_bytes;
    use crate::Codebook;

    const CODEBOOK: &str = "\
item_id,kind,theme,text,aliases
aut_1,statement,autonomy,Schools decide,
ped_1,statement,teaching_pedagogy,One pedagogy,
std_curriculum,standardisation,curriculum,Curriculum,
alignment,alignment,alignment,How aligned,
";

    const HEADER: &str = "response_id,trust_id,wave,role,aut_1,ped_1,std_curriculum,alignment\n";

    fn read(body: &str, wave: Option<&str>) -> Result<Survey, Vec<String>> {
        let codebook = Codebook::parse("codebook.csv", CODEBOOK.as_bytes()).unwrap();
        let opts = ReadOptions {
            wave: wave.map(str::to_string),
            ..ReadOptions::default()
        };
        let text = format!("{HEADER}{body}");
        read_survey_bytes("f.csv", text.as_bytes(), &codebook, &opts)
            .map_err(|p| p.0.iter().map(|p| p.to_string()).collect())
    }

    /// A response id used again in a later file is reported at its first use, in the right
    /// file, even when a file before both could not be opened.
    #[test]
    fn a_repeated_id_names_the_file_it_was_first_in() {
        let codebook = Codebook::parse("codebook.csv", CODEBOOK.as_bytes()).unwrap();
        let dir = std::env::temp_dir().join(format!("matcluster-ids-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let body = format!("{HEADER}R1,MAT-01,2017,teacher,3,4,more,a\n");
        let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
        std::fs::write(&a, &body).unwrap();
        std::fs::write(&b, body.replace(",3,4,", ",2,4,")).unwrap();
        let missing = dir.join("missing.csv");
        let paths = [missing.as_path(), a.as_path(), b.as_path()];
        let problems = crate::read_surveys(&paths, &codebook, &ReadOptions::default())
            .unwrap_err()
            .0;
        std::fs::remove_dir_all(&dir).unwrap();
        let repeated: Vec<String> = problems
            .iter()
            .map(|p| p.to_string())
            .filter(|p| p.contains("appears twice"))
            .collect();
        assert_eq!(repeated.len(), 1, "{problems:?}");
        let first_at = format!("first at {}:2", a.display());
        assert!(repeated[0].contains(&first_at), "{}", repeated[0]);
    }

    #[test]
    fn valid_rows_are_stored_coded() {
        let survey = read(
            "R1, St  Mary's ,2017,Teacher,Very well,NA,About the same,b\n\
             R2,MAT-02,,,2,,less,\n",
            Some("2019"),
        )
        .unwrap();
        assert_eq!(survey.rows.len(), 2);
        assert_eq!(survey.trusts, ["St Mary's", "MAT-02"]);
        assert_eq!(survey.waves, ["2017", "2019"]);
        let r = &survey.rows[1];
        assert_eq!(
            (r.line, survey.response_id(1), r.trust(), r.wave),
            (3, "R2", Some(1), 1)
        );
        assert_eq!((survey.response_id(0), survey.file_of(1)), ("R1", 0));
        assert_eq!(survey.statements, [4, 0, 2, 0]);
        let codes = |i| (survey.standardisation(i, 0), survey.alignment(i));
        assert_eq!([codes(0), codes(1)], [(2, 2), (3, 0)]);
        assert_eq!(survey.files[0].rows, 2);
        let waves: Vec<&str> = survey.files[0].waves.iter().map(String::as_str).collect();
        assert_eq!(waves, ["2017", "2019"]);
    }

    #[test]
    fn every_bad_value_is_reported() {
        let problems = read(
            "R1,MAT-01,2017,boss,6,3,much,D\n\
             ,MAT-01,2017,,3,3,more,A\n\
             R3,MAT-01,,,3,3,more,A\n",
            None,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert!(
            problems[0].starts_with("f.csv:2:4: column \"role\": \"boss\" is not a valid answer")
        );
        assert!(problems[1].starts_with("f.csv:2:5: column \"aut_1\": \"6\" is not a valid answer"));
        assert!(problems[2].starts_with("f.csv:2:7: column \"std_curriculum\": \"much\""));
        assert!(problems[3].starts_with("f.csv:2:8: column \"alignment\": \"D\""));
        assert_eq!(
            problems[4],
            "f.csv:3:1: column \"response_id\" is empty; every row needs its own response id"
        );
        assert_eq!(
            problems[5],
            "f.csv:4:3: column \"wave\" is empty; fill it in, or give the wave label when reading"
        );
    }

    #[test]
    fn a_response_id_may_appear_once_a_wave() {
        let problems = read(
            "R1,MAT-01,2017,,3,3,more,A\n\
             R1,MAT-01,2018,,3,3,more,A\n\
             R1,MAT-02,2017,,3,3,more,A\n",
            None,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                "f.csv:4:1: response_id \"R1\" appears twice in wave 2017: first at f.csv:2; \
              response ids must be unique within a wave"
            ]
        );
    }

    #[test]
    fn rows_of_the_wrong_width_are_reported() {
        let problems = read("R1,MAT-01,2017,,3,3,more\n", None).unwrap_err();
        assert_eq!(
            problems,
            ["f.csv:2:0: the row has 7 fields but the header has 8"]
        );
        let problems = read("R1,MAT-01,2017,,\"3,3,more,A\nR2,MAT-01\n", None).unwrap_err();
        assert_eq!(
            problems,
            [
                "f.csv:2:0: the row has 5 fields but the header has 8; a stray double quote may \
              have joined it with the following lines"
            ]
        );
    }

    #[test]
    fn rows_swallowed_by_a_stray_quote_are_reported() {
        let problems = read(
            "R1,MAT-01,2017,,3,3,more,\"A\nR2,MAT-01,2017,,3,3,more,A\nR3,MAT-01,2017,,3,3,more,A\"\n",
            None,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                "f.csv:2:8: column \"alignment\": this value runs from line 2 to line 4 and holds \
              what look like whole rows; a stray double quote (\") has probably joined them; \
              remove the quote or close it"
            ]
        );
    }

    #[test]
    fn swallowed_rows_need_a_whole_row_after_a_line_break() {
        let record = |fields: &[&str]| csv::ByteRecord::from(fields.to_vec());
        assert_eq!(
            swallowed_rows(&record(&["a", "b", "c", "d"]), 0, b',', 4),
            None
        );
        assert_eq!(
            swallowed_rows(&record(&["a", "x\ny", "c", "d"]), 0, b',', 4),
            None
        );
        assert_eq!(
            swallowed_rows(&record(&["a", "x\n1,2,3,4", "c", "d"]), 0, b',', 4),
            Some((1, 1))
        );
        assert_eq!(
            swallowed_rows(&record(&["a\nb", "c", "x\n1;2;3;4\n", "d"]), 0, b';', 4),
            Some((2, 2)),
            "a trailing line break does not reach another line"
        );
        assert_eq!(
            swallowed_rows(&record(&["a", "x\n1,2,3"]), 0, b',', 3),
            None,
            "too few columns to tell"
        );
    }

    #[test]
    fn a_header_alone_is_reported() {
        let problems = read("", Some("2017")).unwrap_err();
        assert_eq!(
            problems,
            ["f.csv:2:0: the file has a header but no data rows"]
        );
    }

    #[test]
    fn the_wave_cell_comes_before_the_given_wave() {
        let given = ReadOptions {
            wave: Some("2019".into()),
            ..ReadOptions::default()
        };
        assert_eq!(wave_of("2017", &given), Some("2017"));
        assert_eq!(wave_of("", &given), Some("2019"));
        assert_eq!(wave_of("", &ReadOptions::default()), None);
    }
}
