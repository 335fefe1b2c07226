//! The corpus of broken and awkward exports (`tests/corpus/`), run through the real binary.
//!
//! Every invalid file must make `validate` and `run` exit 1 with a `FILE:LINE:COLUMN: message`
//! (the expected one is written beside the file name below), never panic, and never leave an
//! output folder behind or touch a previous run's. Every awkward-but-valid file must give the
//! same `trust_scores.csv` as its clean twin, `clean.csv`. Files whose bytes cannot be typed
//! (Windows-1252, UTF-16, NUL, images) or are too big to commit (a 1 MB cell, 10,000 columns)
//! are made by the test from `clean.csv`. Inputs the fuzzer found are kept in `tests/corpus/fuzz/`
//! and must give exit 0 or 1 without a panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{command, read, read_bytes, root, snapshot, stderr, tempdir, write, FASTEST};

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

/// Committed files, one defect each, and the start of the message each must produce.
const INVALID: &[(&str, &str)] = &[
    (
        "out-of-range.csv",
        "out-of-range.csv:4:7: column \"aut_1\": \"7\" is not a valid answer; expected 1 to 5",
    ),
    (
        "misspelt-label.csv",
        "misspelt-label.csv:9:14: column \"ped_2\": \"Moderatly\" is not a valid answer; expected 1 to 5, or Not at all / Slightly / Moderately",
    ),
    (
        "misspelt-standardisation.csv",
        "misspelt-standardisation.csv:12:35: column \"std_comms\": \"mroe\" is not a valid answer; expected more, same",
    ),
    (
        "alignment-out-of-range.csv",
        "alignment-out-of-range.csv:20:36: column \"alignment\": \"D\" is not a valid answer; expected A, B or C",
    ),
    (
        "unknown-role.csv",
        "unknown-role.csv:6:4: column \"role\": \"deputy head\" is not a valid answer; expected one of ceo,",
    ),
    (
        "bad-date.csv",
        "bad-date.csv:15:6: column \"submitted_at\": \"31/05/2017\" is not a valid answer; expected an ISO 8601 date",
    ),
    (
        "empty-response-id.csv",
        "empty-response-id.csv:8:1: column \"response_id\" is empty; every row needs its own response id",
    ),
    (
        "duplicate-id.csv",
        "duplicate-id.csv:9:1: response_id \"R003\" appears twice in wave 2017: first at duplicate-id.csv:4",
    ),
    (
        "missing-trust-id-column.csv",
        "missing-trust-id-column.csv:1:0: required column \"trust_id\" is missing (found 38 columns:",
    ),
    (
        "missing-response-id-column.csv",
        "missing-response-id-column.csv:1:0: required column \"response_id\" is missing",
    ),
    (
        "duplicate-column.csv",
        "duplicate-column.csv:1:16: column \"ped_1\" holds ped_1 again (already column 13, \"ped_1\"); keep one of them",
    ),
    (
        "no-wave.csv",
        "no-wave.csv:1:0: the file has no \"wave\" column; add one, or say which wave it is with --wave",
    ),
    (
        "ragged-row.csv",
        "ragged-row.csv:7:0: the row has 38 fields but the header has 39",
    ),
    (
        "stray-quote.csv",
        "stray-quote.csv:11:39: column \"comments\": this value runs from line 11 to line 31 and holds what look like whole rows; a stray double quote",
    ),
    (
        "stray-quote-joins-rows.csv",
        "stray-quote-joins-rows.csv:5:39: column \"comments\": this value runs from line 5 to line 9",
    ),
    ("empty.csv", "empty.csv:1:0: the file is empty; expected a header line and data rows"),
    ("blank-lines-only.csv", "blank-lines-only.csv:1:0: the file has no header line"),
    ("header-only.csv", "header-only.csv:2:0: the file has a header but no data rows"),
    (
        "prose.txt",
        "prose.txt:1:0: this does not look like a survey export: none of the 2 names on the first line",
    ),
];

/// Committed awkward-but-valid twins of `clean.csv`.
const VALID: &[&str] = &[
    "valid-bom.csv",
    "valid-crlf.csv",
    "valid-semicolon.csv",
    "valid-tab.csv",
    "valid-multiline-comments.csv",
    "valid-mixed-case.csv",
    "valid-trailing-empty-lines.csv",
];

fn clean() -> String {
    read(&corpus().join("clean.csv"))
}

/// `clean.csv` with one cell replaced (1-based line, 0-based field; no quoted fields in it).
fn with_cell(line: usize, field: usize, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in clean().lines().enumerate() {
        if i + 1 == line {
            let mut cells: Vec<Vec<u8>> = l.split(',').map(|c| c.as_bytes().to_vec()).collect();
            cells[field] = value.to_vec();
            out.extend(cells.join(&b','));
        } else {
            out.extend(l.as_bytes());
        }
        out.push(b'\n');
    }
    out
}

/// The PNG signature and the start of an IHDR chunk, as any chart export begins.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x06\x00\x00\x00";

/// Invalid files made here: (file name, bytes, expected message). A `None` body makes a folder
/// of that name; a name starting with `missing` is not created at all.
fn generated_invalid() -> Vec<(&'static str, Option<Vec<u8>>, &'static str)> {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            clean()
                .replace(',', "\t")
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let utf16_no_bom: Vec<u8> = clean()
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let mut nul = clean().into_bytes();
    let at = nul.windows(10).position(|w| w == b"Good trust").unwrap() + 4;
    nul[at] = 0;
    let line_of_nul = 1 + nul[..at].iter().filter(|b| **b == b'\n').count();
    assert_eq!(line_of_nul, 2);
    vec![
        (
            "cp1252.csv",
            Some(with_cell(12, 1, b"St Mary\x92s")),
            "cp1252.csv:12:2: column \"trust_id\": the text is not valid UTF-8: byte 0x92 after \"St Mary\" (a Windows-1252 curly apostrophe, as Excel saves it); re-export the file as \"CSV UTF-8\"",
        ),
        (
            "unicode-text.txt",
            Some(utf16),
            "unicode-text.txt:1:0: the file is UTF-16 (Excel's \"Unicode text\"); re-export it as \"CSV UTF-8\"",
        ),
        (
            "utf16-no-bom.csv",
            Some(utf16_no_bom),
            "utf16-no-bom.csv:1:0: the file contains NUL bytes, so it is not a text CSV",
        ),
        ("nul.csv", Some(nul), "nul.csv:2:0: the file contains NUL bytes"),
        (
            "huge-statement-cell.csv",
            Some(with_cell(3, 6, "Very well. ".repeat(100_000).as_bytes())),
            "huge-statement-cell.csv:3:7: column \"aut_1\": \"Very well. Very well. Very well. Very well. Very well. Very \u{2026}\" (1100000 characters) is not a valid answer; expected 1 to 5",
        ),
        ("chart.png", Some(PNG.to_vec()), "chart.png:1:0: this is a PNG image, not a CSV file"),
        (
            "renamed-image.csv",
            Some(PNG.to_vec()),
            "renamed-image.csv:1:0: this is a PNG image, not a CSV file",
        ),
        (
            "wave.xlsx",
            Some(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml".to_vec()),
            "wave.xlsx:0:0: this zip file is not an Excel workbook that can be read (Zip error: invalid Zip archive: Could not find EOCD); open it in Excel and save it again as .xlsx, or as \"CSV UTF-8\"",
        ),
        ("folder.csv", None, "folder.csv:0:0: this is a folder, not a CSV file; name the survey file itself"),
        ("missing.csv", None, "missing.csv:0:0: no such file; check the path"),
    ]
}

/// Valid files made here, each a twin of `clean.csv`.
fn generated_valid() -> Vec<(&'static str, Vec<u8>)> {
    // A 1 MB comment in the ignored free-text column (quoted: it holds commas).
    let huge = format!("\"{}\"", "Lovely school, great staff. ".repeat(40_000));
    // 10,000 columns: the clean ones and 9,961 more the codebook does not know.
    let mut wide = String::new();
    for (i, l) in clean().lines().enumerate() {
        wide.push_str(l);
        for j in 0..(10_000 - 39) {
            if i == 0 {
                wide.push_str(&format!(",extra_{j}"));
            } else {
                wide.push_str(&format!(",{}", (i + j) % 7));
            }
        }
        wide.push('\n');
    }
    // Old Mac exports end lines with a carriage return alone.
    let cr_only = clean().replace('\n', "\r");
    vec![
        ("huge-comment-cell.csv", with_cell(2, 38, huge.as_bytes())),
        ("wide.csv", wide.into_bytes()),
        ("cr-only.csv", cr_only.into_bytes()),
    ]
}

fn validate(dir: &Path, file: &str) -> std::process::Output {
    command("validate")
        .current_dir(dir)
        .args(["--survey", file])
        .output()
        .unwrap()
}

fn run(dir: &Path, file: &str, out: &Path) -> std::process::Output {
    command("run")
        .current_dir(dir)
        .args(["--survey", file])
        .args(FASTEST)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// A previous successful run, to check that failed runs leave it alone.
fn previous_run(work: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let prev = work.join("previous");
    let o = run(&corpus(), "clean.csv", &prev);
    assert!(o.status.success(), "{}", stderr(&o));
    let snap = snapshot(&prev);
    assert!(snap.contains_key("trust_scores.csv"));
    (prev, snap)
}

/// The checks every invalid input must pass, through both commands.
fn check_invalid(
    dir: &Path,
    file: &str,
    expected: &str,
    work: &Path,
    prev: &(PathBuf, BTreeMap<String, Vec<u8>>),
) {
    let o = validate(dir, file);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "validate {file}: {err}");
    assert!(
        err.contains(expected),
        "validate {file}: expected\n  {expected}\ngot\n{err}"
    );
    assert!(!err.contains("panicked"), "validate {file} panicked: {err}");
    assert!(
        o.stdout.is_empty(),
        "validate {file} printed a summary for an invalid file"
    );
    // Every message line has the FILE:LINE:COLUMN shape, and none floods the terminal.
    for l in err
        .lines()
        .filter(|l| !l.starts_with("warning:") && !l.contains("problem(s) found"))
    {
        let mut parts = l.splitn(4, ':');
        let (f, line, col) = (parts.next(), parts.next(), parts.next());
        assert!(
            f == Some(file)
                && line.is_some_and(|x| x.parse::<u64>().is_ok())
                && col.is_some_and(|x| x.parse::<u64>().is_ok()),
            "{file}: not a FILE:LINE:COLUMN message: {l}"
        );
        assert!(
            l.chars().count() < 500,
            "{file}: message too long ({} chars)",
            l.chars().count()
        );
    }

    let out = work.join(format!("out-{}", file.replace('.', "-")));
    let o = run(dir, file, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "run {file}: {err}");
    assert!(
        err.contains(expected),
        "run {file}: expected\n  {expected}\ngot\n{err}"
    );
    assert!(!err.contains("panicked"), "run {file} panicked: {err}");
    assert!(!out.exists(), "run {file} left an output folder");

    let o = run(dir, file, &prev.0);
    assert_eq!(
        o.status.code(),
        Some(1),
        "run {file} over a previous run: {}",
        stderr(&o)
    );
    assert!(
        snapshot(&prev.0) == prev.1,
        "run {file} changed a previous run's folder"
    );

    let leftovers: Vec<_> = std::fs::read_dir(work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial") || n.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "run {file} left {leftovers:?}");
}

fn check_valid(dir: &Path, file: &str, work: &Path, twin: &[u8]) {
    let o = validate(dir, file);
    let err = stderr(&o);
    assert!(o.status.success(), "validate {file}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("ok: 1 file(s), 30 rows, 6 trusts, 1 wave(s) (2017)"),
        "{file}: {summary}"
    );

    let out = work.join(format!("out-{}", file.replace('.', "-")));
    let o = run(dir, file, &out);
    let err = stderr(&o);
    assert!(o.status.success(), "run {file}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let scores = read_bytes(&out.join("trust_scores.csv"));
    assert!(
        scores == twin,
        "{file}: trust_scores.csv differs from clean.csv's"
    );
    let accounting = read(&out.join("accounting.csv"));
    assert_eq!(
        accounting
            .lines()
            .filter(|l| l.contains(",counted,"))
            .count(),
        30,
        "{file}: {accounting}"
    );
}

fn twin_scores(work: &Path) -> Vec<u8> {
    let out = work.join("twin");
    let o = run(&corpus(), "clean.csv", &out);
    assert!(o.status.success(), "{}", stderr(&o));
    read_bytes(&out.join("trust_scores.csv"))
}

#[test]
fn committed_invalid_files_exit_1_with_file_line_column() {
    let work = tempdir();
    let prev = previous_run(work.path());
    for (file, expected) in INVALID {
        assert!(
            corpus().join(file).exists(),
            "{file} is missing from tests/corpus"
        );
        check_invalid(&corpus(), file, expected, work.path(), &prev);
    }
}

#[test]
fn generated_invalid_files_exit_1_with_file_line_column() {
    let work = tempdir();
    let inputs = tempdir();
    let prev = previous_run(work.path());
    for (file, bytes, expected) in generated_invalid() {
        let path = inputs.path().join(file);
        match bytes {
            Some(b) => std::fs::write(&path, b).unwrap(),
            None if file.starts_with("missing") => {}
            None => std::fs::create_dir(&path).unwrap(),
        }
        check_invalid(inputs.path(), file, expected, work.path(), &prev);
    }
}

#[test]
fn committed_awkward_files_give_the_clean_twins_scores() {
    let work = tempdir();
    let twin = twin_scores(work.path());
    for file in VALID {
        check_valid(&corpus(), file, work.path(), &twin);
    }
}

#[test]
fn generated_awkward_files_give_the_clean_twins_scores() {
    let work = tempdir();
    let inputs = tempdir();
    let twin = twin_scores(work.path());
    for (file, bytes) in generated_valid() {
        write(inputs.path(), file, bytes);
        check_valid(inputs.path(), file, work.path(), &twin);
    }
}

/// A wide file's warning names a few ignored columns and counts the rest, on one line.
#[test]
fn ten_thousand_columns_are_summarised_not_listed() {
    let inputs = tempdir();
    let (file, bytes) = generated_valid()
        .into_iter()
        .find(|(f, _)| *f == "wide.csv")
        .unwrap();
    write(inputs.path(), file, bytes);
    let err = stderr(&validate(inputs.path(), file));
    assert!(err.contains("ignoring 9964 column(s)"), "{err}");
    assert!(err.contains("and 9954 more"), "{err}");
    assert!(err.len() < 2000, "{err}");
}

/// Inputs the fuzzer found (see fuzz/README.md): each must be answered with exit 0 or 1.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = corpus().join("fuzz");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with(".md") {
            continue;
        }
        let o = validate(&dir, &name);
        let err = stderr(&o);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

/// `--out` must not be, or contain, an input, nor a folder of other files (a run replaces the
/// whole folder): the run stops before writing, and the inputs and folders stay as they were.
#[test]
fn out_folder_holding_an_input_is_refused() {
    let base = tempdir();
    let data = base.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(corpus().join("clean.csv"), data.join("wave.csv")).unwrap();
    std::fs::create_dir(base.path().join("notes")).unwrap();
    write(base.path(), "notes/plan.txt", "not a run");
    let before = snapshot(base.path());
    for (out, expected) in [
        (
            "notes",
            "--out notes already holds files that are not the outputs of an earlier run (it has no manifest.json)",
        ),
        ("data", "--out data holds the input file data/wave.csv; choose another output folder"),
        (".", "--out . holds the input file data/wave.csv; choose another output folder"),
        ("data/wave.csv", "--out data/wave.csv is a file, not a folder"),
    ] {
        let o = run(base.path(), "data/wave.csv", Path::new(out));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "--out {out}: {err}");
        assert!(err.contains(expected), "--out {out}: expected {expected}\ngot\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(snapshot(base.path()) == before, "--out {out} changed the folder");
    }
}
