//! End-to-end tests of ingest and validation: each error kind the format names, run through the
//! real binary, with the exact `FILE:LINE:COLUMN` it must print.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{command, matcluster, tempdir, wave, write};

fn validate(file: &Path) -> assert_cmd::assert::Assert {
    command("validate")
        .current_dir(file.parent().unwrap())
        .arg("--survey")
        .arg(file.file_name().unwrap())
        .assert()
}

#[test]
fn valid_wave_is_summarised() {
    let dir = tempdir();
    let f = write(dir.path(), "ok.csv", wave(3, 5));
    validate(&f).success().stdout(predicate::str::contains(
        "ok: 1 file(s), 15 rows, 3 trusts, 1 wave(s) (2017), separator ,",
    ));
}

#[test]
fn unknown_value_names_file_line_column_and_value() {
    let dir = tempdir();
    let text = wave(2, 5).replacen("R3,T0,2017,teacher,3,", "R3,T0,2017,teacher,7,", 1);
    let f = write(dir.path(), "bad.csv", text);
    validate(&f).code(1).stderr(
        predicate::str::contains(
            "bad.csv:4:5: column \"aut_1\": \"7\" is not a valid answer; expected 1 to 5",
        )
        .and(predicate::str::contains(
            "1 problem(s) found; nothing was written",
        )),
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let dir = tempdir();
    let text = wave(2, 5)
        .replacen("R2,T0,2017,teacher", "R2,T0,2017,boss", 1)
        .replacen("R9,T1,2017,teacher,1,", "R9,T1,2017,teacher,Very,", 1);
    let f = write(dir.path(), "two.csv", text);
    validate(&f).code(1).stderr(
        predicate::str::contains("two.csv:3:4: column \"role\": \"boss\"")
            .and(predicate::str::contains(
                "two.csv:10:5: column \"aut_1\": \"Very\"",
            ))
            .and(predicate::str::contains("2 problem(s) found")),
    );
}

#[test]
fn missing_required_column() {
    let dir = tempdir();
    let text = wave(1, 5).replacen("trust_id", "organisation", 1);
    let f = write(dir.path(), "nocol.csv", text);
    validate(&f).code(1).stderr(predicate::str::contains(
        "nocol.csv:1:0: required column \"trust_id\" is missing",
    ));
}

#[test]
fn duplicate_response_id_names_both_lines() {
    let dir = tempdir();
    let text = wave(2, 5).replacen("R7,", "R2,", 1);
    let f = write(dir.path(), "dup.csv", text);
    validate(&f).code(1).stderr(predicate::str::contains(
        "dup.csv:8:1: response_id \"R2\" appears twice in wave 2017: first at dup.csv:3",
    ));
}

#[test]
fn ragged_row() {
    let dir = tempdir();
    let text = wave(1, 5).replacen("R4,T0,2017,teacher,", "R4,T0,2017,", 1);
    let f = write(dir.path(), "ragged.csv", text);
    validate(&f).code(1).stderr(predicate::str::contains(
        "ragged.csv:5:0: the row has 22 fields but the header has 23",
    ));
}

#[test]
fn empty_and_header_only_files() {
    let dir = tempdir();
    let f = write(dir.path(), "empty.csv", "");
    validate(&f)
        .code(1)
        .stderr(predicate::str::contains("empty.csv:1:0: the file is empty"));
    let header = wave(0, 0);
    let f = write(dir.path(), "header.csv", header);
    validate(&f).code(1).stderr(predicate::str::contains(
        "header.csv:2:0: the file has a header but no data rows",
    ));
}

#[test]
fn invalid_utf8_suggests_csv_utf8() {
    let dir = tempdir();
    let mut bytes = wave(1, 5).into_bytes();
    // Excel's Windows-1252 curly apostrophe in a trust name: "St Mary’s".
    let at = String::from_utf8(bytes.clone())
        .unwrap()
        .find(",T0,")
        .unwrap()
        + 1;
    bytes.splice(at..at + 2, b"St Mary\x92s".iter().copied());
    let f = write(dir.path(), "cp1252.csv", bytes);
    validate(&f).code(1).stderr(
        predicate::str::contains(
            "cp1252.csv:2:2: column \"trust_id\": the text is not valid UTF-8: byte 0x92",
        )
        .and(predicate::str::contains(
            "re-export the file as \"CSV UTF-8\"",
        )),
    );
}

#[test]
fn quoted_line_breaks_shift_later_line_numbers() {
    let dir = tempdir();
    let mut text = wave(1, 5).replacen("response_id,", "comments,response_id,", 1);
    let lines: Vec<String> = text.lines().map(String::from).collect();
    text = lines[0].clone() + "\n";
    for (i, l) in lines[1..].iter().enumerate() {
        let note = if i == 0 { "\"two\nlines\"" } else { "" };
        text.push_str(&format!("{note},{l}\n"));
    }
    // Row R4 is on line 6, not 5, because R1's comment holds a line break.
    let text = text.replacen(",R4,T0,2017,teacher,", ",R4,T0,2017,nobody,", 1);
    let f = write(dir.path(), "breaks.csv", text);
    validate(&f).code(1).stderr(predicate::str::contains(
        "breaks.csv:6:5: column \"role\": \"nobody\"",
    ));
}

#[test]
fn awkward_but_valid_exports_are_accepted() {
    let dir = tempdir();
    // BOM, CRLF, semicolons, upper-case headers, scale labels in mixed case, missing markers,
    // an alias-free extra column, trailing empty lines.
    let mut text = String::from("\u{feff}");
    for (i, line) in wave(2, 5).lines().enumerate() {
        let mut l = line.replace(',', ";");
        if i == 0 {
            l = l.to_uppercase() + ";Email";
        } else {
            l = l
                .replacen(";teacher;1;", ";teacher;NOT AT ALL;", 1)
                .replacen(";2;", ";Don't know;", 1)
                + ";x@example.org";
        }
        text.push_str(&l);
        text.push_str("\r\n");
    }
    text.push_str("\r\n\r\n");
    let f = write(dir.path(), "awkward.csv", text);
    validate(&f)
        .success()
        .stdout(predicate::str::contains(
            "10 rows, 2 trusts, 1 wave(s) (2017), separator ;",
        ))
        .stderr(predicate::str::contains(
            "ignoring 1 column(s) the codebook does not know (never copied to any output): Email",
        ));
}

#[test]
fn missing_file_and_directory() {
    let dir = tempdir();
    command("validate")
        .current_dir(dir.path())
        .args(["--survey", "nope.csv", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.csv:0:0: no such file").and(
            predicate::str::contains(".:0:0: this is a folder, not a CSV file"),
        ));
}

#[test]
fn wrong_command_line_exits_2() {
    matcluster().args(["validate"]).assert().code(2);
    matcluster()
        .args([
            "run",
            "--survey",
            "x.csv",
            "--out",
            "o",
            "--min-responses",
            "many",
        ])
        .assert()
        .code(2);
}
