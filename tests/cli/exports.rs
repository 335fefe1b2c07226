//! End-to-end tests of what survey tools really export (issue: real exports): each tool's layout
//! (`tests/exports/`, made by `make_exports.py` after real samples) read to the same trust scores
//! as the plain CSV; problems at their physical line or workbook cell whatever the line endings;
//! the built-in codebook from any folder; other scales; unicode, separators and the small
//! refusals around them.

use std::path::{Path, PathBuf};

use crate::util::{
    matcluster, read, read_bytes, read_csv, root, stderr, tempdir, wave, write, FASTEST,
};

fn export(name: &str) -> PathBuf {
    root().join("tests/exports").join(name)
}

/// `run` on `files` with the fastest settings and the given extra options, into `out`;
/// no `--codebook`: the built-in one.
fn run(files: &[&Path], extra: &[&str], out: &Path) -> std::process::Output {
    let mut c = matcluster();
    c.arg("run")
        .arg("--survey")
        .args(files)
        .args(FASTEST)
        .args(extra);
    c.arg("--out").arg(out).output().unwrap()
}

fn validate(files: &[&Path], extra: &[&str]) -> std::process::Output {
    let mut c = matcluster();
    c.arg("validate").arg("--survey").args(files).args(extra);
    c.output().unwrap()
}

#[test]
fn every_layout_gives_the_trust_scores_of_the_plain_csv() {
    let dir = tempdir();
    let plain = dir.path().join("plain");
    let o = run(&[&export("plain.csv")], &["--wave", "2017"], &plain);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = read_bytes(&plain.join("trust_scores.csv"));
    for (file, layout) in [
        ("qualtrics.csv", "Qualtrics export (3 header lines)"),
        (
            "qualtrics-legacy.csv",
            "Qualtrics export (legacy, 2 header lines)",
        ),
        ("surveymonkey.csv", "SurveyMonkey export (2 header lines)"),
        ("google-forms.csv", "Google Forms export"),
        ("ms-forms.xlsx", "Microsoft Forms export"),
        ("plain.xlsx", "Excel workbook"),
    ] {
        let out = dir.path().join(file);
        let o = run(&[&export(file)], &["--wave", "2017"], &out);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        assert!(
            read_bytes(&out.join("trust_scores.csv")) == want,
            "{file}: trust_scores.csv differs from the plain CSV's"
        );
        let v = validate(&[&export(file)], &["--wave", "2017"]);
        assert!(
            stderr(&v).contains(&format!("{file}: {layout}, 346 rows")),
            "{}",
            stderr(&v)
        );
        // Every row is accounted for, at its physical line (or sheet row).
        let accounting = read_csv(&out.join("accounting.csv"));
        assert_eq!(accounting.len(), 346, "{file}");
    }
    // A workbook's sheet by name; a wrong name lists the sheets.
    let v = validate(
        &[&export("plain.xlsx")],
        &["--wave", "2017", "--sheet", "Responses"],
    );
    assert!(v.status.success(), "{}", stderr(&v));
    let v = validate(
        &[&export("plain.xlsx")],
        &["--wave", "2017", "--sheet", "Nope"],
    );
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stderr(&v)
            .contains("plain.xlsx:0:0: the workbook has no sheet \"Nope\" (it has: Responses)"),
        "{}",
        stderr(&v)
    );
    // A CSV layout asked of a workbook is refused, not misread.
    let v = validate(
        &[&export("plain.xlsx")],
        &["--wave", "2017", "--format", "qualtrics"],
    );
    assert_eq!(v.status.code(), Some(1));
    // Google Forms has no response id: each response is known by its line, said once.
    let v = validate(&[&export("google-forms.csv")], &["--wave", "2017"]);
    assert!(
        stderr(&v).contains("no response id column"),
        "{}",
        stderr(&v)
    );
    let rows = read_csv(&dir.path().join("google-forms.csv/accounting.csv"));
    assert_eq!(
        (rows[0]["line"].as_str(), rows[0]["response_id"].as_str()),
        ("2", "line 2")
    );
    // Nothing of the tools' metadata reaches an output.
    for file in ["qualtrics.csv", "surveymonkey.csv", "ms-forms.xlsx"] {
        for (name, bytes) in crate::util::snapshot(&dir.path().join(file)) {
            let text = String::from_utf8_lossy(&bytes);
            for leak in ["IPAddress", "IP Address", "anonymous", "198.51.100."] {
                assert!(!text.contains(leak), "{file}/{name} holds {leak}");
            }
        }
    }
}

#[test]
fn a_bad_answer_is_named_at_its_line_or_cell_in_every_layout() {
    for (file, at) in [
        ("plain-bad.csv", "plain-bad.csv:49:10: column \"ped_1\": \"6\""),
        ("qualtrics-bad.csv", "qualtrics-bad.csv:51:26: column \"Q3_7\": \"6\""),
        ("qualtrics-legacy-bad.csv", "qualtrics-legacy-bad.csv:50:19: column \"Q3_7\": \"6\""),
        (
            "surveymonkey-bad.csv",
            "surveymonkey-bad.csv:50:18: column \"There is a common approach to teaching across all our schools\": \"6\"",
        ),
        ("google-forms-bad.csv", "google-forms-bad.csv:49:11: column \"How well"),
        ("ms-forms-bad.xlsx", "ms-forms-bad.xlsx:Sheet1!N46: column \"There is a common"),
        ("plain-bad.xlsx", "plain-bad.xlsx:Responses!J46: column \"ped_1\": \"6\""),
    ] {
        let o = validate(&[&export(file)], &["--wave", "2017"]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let err = stderr(&o);
        let at = format!("{}/{at}", export("").display().to_string().trim_end_matches('/'));
        assert!(err.starts_with(&at), "{file}: want {at}\ngot {err}");
        assert!(err.contains("1 problem(s) found; nothing was written"), "{err}");
    }
}

/// A wave of 3 trusts x 5 responses (`R1`..`R15`) with a `comments` column, `ending` between
/// lines, a quoted two-line comment on the first row, a blank line after the third row, and
/// the answer `bad` to aut_1 (column 6) on the last row.
///
/// Physical lines: 1 the header, 2-3 `R1` (its comment spans two), 4 `R2`, 5 `R3`, 6 blank,
/// 7-18 `R4`..`R15`.
fn awkward_wave(ending: &str, bom: bool, bad: &str) -> String {
    let mut lines = Vec::new();
    for (i, l) in wave(3, 5).lines().enumerate() {
        let (head, answers) = l.split_at(l.find(",aut_1").or(l.find(",teacher")).unwrap() + 1);
        let comment = match i {
            0 => "comments",
            1 => "\"a comment\nover two lines\"",
            _ => "",
        };
        let answers = answers
            .strip_prefix("teacher,")
            .map_or(answers.to_string(), |a| a.to_string());
        let role = if i == 0 { "" } else { "teacher," };
        lines.push(format!("{head}{role}{comment},{answers}"));
        if i == 3 {
            lines.push(String::new());
        }
    }
    let last = lines.last_mut().unwrap();
    let cut = last.find(",,").unwrap() + 2; // after the empty comment
    let next = last[cut..].find(',').unwrap() + cut;
    last.replace_range(cut..next, bad);
    let text = lines.join("\n") + "\n";
    let bom = if bom { "\u{feff}" } else { "" };
    format!("{bom}{}", text.replace('\n', ending))
}

#[test]
fn lines_are_physical_lines_whatever_the_line_endings() {
    let dir = tempdir();
    for (name, ending, bom) in [
        ("lf.csv", "\n", false),
        ("crlf.csv", "\r\n", true),
        ("cr.csv", "\r", false),
        ("crlf-nobom.csv", "\r\n", false),
    ] {
        let f = write(dir.path(), name, awkward_wave(ending, bom, "9"));
        let err = stderr(&validate(&[&f], &[]));
        let want = format!(
            "{}:18:6: column \"aut_1\": \"9\" is not a valid answer",
            f.display()
        );
        assert!(err.starts_with(&want), "{name}: want {want}\ngot {err}");
    }
    // Mixed: CRLF, with a lone CR and a lone LF.
    let mixed = awkward_wave("\r\n", false, "9")
        .replacen("\r\nR5,", "\rR5,", 1)
        .replacen("\r\nR9,", "\nR9,", 1);
    let f = write(dir.path(), "mixed.csv", mixed);
    let err = stderr(&validate(&[&f], &[]));
    assert!(err.contains("mixed.csv:18:6: column \"aut_1\""), "{err}");
    // Valid, every row is accounted for at its first line, in every ending.
    for (n, ending) in ["\n", "\r\n", "\r"].iter().enumerate() {
        let f = write(dir.path(), "fixed.csv", awkward_wave(ending, false, "1"));
        let out = dir.path().join(format!("out{n}"));
        let o = run(&[&f], &["--k", "2", "--min-responses", "3"], &out);
        assert!(o.status.success(), "{}", stderr(&o));
        let lines: Vec<String> = read_csv(&out.join("accounting.csv"))
            .iter()
            .map(|r| r["line"].clone())
            .collect();
        let want: Vec<String> = [2, 4, 5]
            .into_iter()
            .chain(7..=18)
            .map(|l| l.to_string())
            .collect();
        assert_eq!(lines, want, "{ending:?}");
    }
}

#[test]
fn the_built_in_codebook_runs_from_an_empty_folder() {
    let dir = tempdir();
    let wave = write(dir.path(), "wave.csv", wave(3, 5));
    let empty = tempdir();
    let o = matcluster()
        .current_dir(empty.path())
        .args(["validate", "--survey"])
        .arg(&wave)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = matcluster()
        .current_dir(empty.path())
        .args(["run", "--k", "2", "--survey"])
        .arg(&wave)
        .args(FASTEST)
        .args(["--out", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = read(&empty.path().join("out/manifest.json"));
    assert!(manifest.contains("\"codebook.csv\""), "{manifest}");
    // `codebook --out` writes the built-in codebook, byte for byte, and never over a file.
    let o = matcluster()
        .current_dir(empty.path())
        .args(["codebook", "--out", "mine.csv"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        read_bytes(&empty.path().join("mine.csv")),
        read_bytes(&root().join("data/codebook.csv"))
    );
    let o = matcluster()
        .current_dir(empty.path())
        .args(["codebook", "--out", "mine.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("mine.csv:0:0: the file exists"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn other_scales_and_missing_codes_run_end_to_end() {
    let dir = tempdir();
    let scales = root().join("tests/scales");
    let out = dir.path().join("out");
    let mut c = matcluster();
    c.args(["run", "--k", "2", "--survey"])
        .arg(scales.join("survey.csv"));
    c.arg("--codebook")
        .arg(scales.join("codebook.csv"))
        .args(FASTEST);
    let o = c.arg("--out").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // rwg(j) per trust against R (tests/scales/rwg_reference.txt, the pairwise column), to the
    // six decimals trusts.csv keeps.
    let r = [
        ("U1", 0.9710391822827938),
        ("U2", 0.801318391562294),
        ("U3", 0.5615763546798029),
        ("U4", 0.9955902306648575),
        ("U5", 0.6848381601362862),
        ("U6", 0.0),
    ];
    let trusts = read_csv(&out.join("trusts.csv"));
    for (t, want) in r {
        let row = trusts.iter().find(|x| x["trust_id"] == t).unwrap();
        let got: f64 = row["rwg_j"].parse().unwrap();
        assert!((got - want).abs() < 5e-7, "{t}: {got} vs R {want}");
    }
    // A mean on the 0-4 scale: U1's calm_1 is 8/7 in R.
    let scores = read_csv(&out.join("trust_scores.csv"));
    let u1 = scores
        .iter()
        .find(|x| x["trust_id"] == "U1" && x["item_id"] == "calm_1")
        .unwrap();
    let mean: f64 = u1["mean"].parse().unwrap();
    assert!((mean - 1.1428571428571428).abs() < 5e-7, "{mean}");
    // A value off the item's own scale is named with that scale.
    let bad = read(&scales.join("survey.csv")).replacen("U1-01,U1,2024,1,", "U1-01,U1,2024,5,", 1);
    let f = write(dir.path(), "bad.csv", bad);
    let mut c = matcluster();
    c.args(["validate", "--survey"])
        .arg(&f)
        .arg("--codebook")
        .arg(scales.join("codebook.csv"));
    let err = stderr(&c.output().unwrap());
    assert!(
        err.contains(":2:4: column \"calm_1\": \"5\" is not a valid answer; expected 0 to 4, or Never / Rarely / Sometimes / Often / Always, or empty / NA / N/A / Don't know / 9 for no answer"),
        "{err}"
    );
}

#[test]
fn suggest_gives_the_closest_items_and_the_line_to_paste() {
    let dir = tempdir();
    let text = wave(3, 5).replacen(
        "aut_1",
        "Heads are free to lead their schools as they see fit",
        1,
    );
    let f = write(dir.path(), "renamed.csv", text);
    let o = validate(&[&f], &["--suggest"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("column 5 \"Heads are free to lead their schools as they see fit\" matches nothing in the codebook"), "{out}");
    assert!(
        out.contains(
            "aut_1: Headteachers are free to lead their schools in the way they judge best"
        ),
        "{out}"
    );
    // In the codebook's own columns (the built-in one has theme_label after aliases).
    assert!(out.contains("    aut_1,statement,autonomy,Headteachers are free to lead their schools in the way they judge best,Heads are free to lead their schools as they see fit,Autonomy\n"), "{out}");
    // Pasting that line maps the column.
    let codebook = read(&root().join("data/codebook.csv")).replace(
        "aut_1,statement,autonomy,Headteachers are free to lead their schools in the way they judge best,",
        "aut_1,statement,autonomy,Headteachers are free to lead their schools in the way they judge best,Heads are free to lead their schools as they see fit",
    );
    let cb = write(dir.path(), "codebook.csv", codebook);
    let o = validate(&[&f], &["--codebook", cb.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("19 of 19 statements"));
}

#[test]
fn look_alike_unicode_is_one_name() {
    let dir = tempdir();
    // NFD trust ids (macOS), a zero-width space in a header, an NFD header matching an NFC
    // alias, and a trust id of invisible characters only.
    let mut text = wave(2, 5).replace(",T0,", ",E\u{301}cole Trust,");
    text = text.replacen(",E\u{301}cole Trust,", ",\u{c9}cole Trust,", 2);
    text = text.replacen("trust_id", "trust_id\u{200b}", 1);
    text = text.replacen(",T1,", ",\u{200b}\u{feff},", 1);
    let f = write(
        dir.path(),
        "unicode.csv",
        text.replacen("aut_2", "Auto\u{301}nomie 2", 1),
    );
    let codebook = read(&root().join("data/codebook.csv")).replacen(
        "aut_2,statement,autonomy,Local governing bodies keep real decision-making powers,",
        "aut_2,statement,autonomy,Local governing bodies keep real decision-making powers,Aut\u{f3}nomie 2",
        1,
    );
    let cb = write(dir.path(), "codebook.csv", codebook);
    let out = dir.path().join("out");
    let mut c = matcluster();
    c.args(["run", "--k", "1", "--min-responses", "4", "--survey"])
        .arg(&f);
    c.arg("--codebook").arg(&cb).args(FASTEST);
    let o = c.arg("--out").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let trusts = read_csv(&out.join("trusts.csv"));
    let ids: Vec<&str> = trusts.iter().map(|t| t["trust_id"].as_str()).collect();
    assert_eq!(ids, ["T1", "\u{c9}cole Trust"]);
    assert_eq!(trusts[1]["responses"], "5");
    let accounting = read_csv(&out.join("accounting.csv"));
    assert_eq!(
        accounting
            .iter()
            .filter(|r| r["reason"] == "missing_trust_id")
            .count(),
        1
    );
    // With one cluster, no silhouette anywhere.
    assert_eq!(trusts[0]["silhouette"], "");
    let v = validate(&[&f], &["--codebook", cb.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&v.stdout).contains("19 of 19 statements"),
        "{}",
        stderr(&v)
    );
}

#[test]
fn the_separator_is_the_one_that_finds_the_columns() {
    let dir = tempdir();
    // Each data row gets an empty last field under the extra header.
    let extra = |text: String, sep: char| -> String {
        let rows = text.lines().enumerate();
        let rows = rows.map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{l}{sep}")
            }
        });
        rows.collect::<Vec<_>>().join("\n")
    };
    let semi = wave(2, 5)
        .replace(',', ";")
        .replacen("\n", ";Any comments, ideas, or worries\n", 1);
    let f = write(dir.path(), "semi.csv", extra(semi, ';'));
    let o = validate(&[&f], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("separator ;"));
    let comma = wave(2, 5).replacen(
        "\n",
        ",\"a; b; c; d; e; f; g; h; i; j; k; l; m; n; o; p; q; r; s; t; u; v\"\n",
        1,
    );
    let comma = extra(comma, ',');
    let f = write(dir.path(), "comma.csv", comma);
    let o = validate(&[&f], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_statement_nobody_answered_counts_as_missing() {
    let dir = tempdir();
    // Blank every aut_1 answer (the fifth column).
    let blank: String = wave(3, 5)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut f: Vec<&str> = l.split(',').collect();
            if i > 0 {
                f[4] = "";
            }
            f.join(",") + "\n"
        })
        .collect();
    let dropped: String = wave(3, 5)
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split(',').collect();
            f.remove(4);
            f.join(",") + "\n"
        })
        .collect();
    let a = write(dir.path(), "blank.csv", blank);
    let b = write(dir.path(), "dropped.csv", dropped);
    let v = validate(&[&a], &[]);
    let out = String::from_utf8_lossy(&v.stdout).into_owned();
    assert!(out.contains("wave 2017: 18 of 19 statements"), "{out}");
    assert!(
        stderr(&v).contains("nobody answered (counted as missing): aut_1"),
        "{}",
        stderr(&v)
    );
    let (oa, ob) = (dir.path().join("a"), dir.path().join("b"));
    for (f, o) in [(&a, &oa), (&b, &ob)] {
        let r = run(&[f], &["--k", "2"], o);
        assert!(r.status.success(), "{}", stderr(&r));
    }
    assert_eq!(
        read(&oa.join("profiles.csv")),
        read(&ob.join("profiles.csv"))
    );
    assert_eq!(
        read(&oa.join("trust_scores.csv")),
        read(&ob.join("trust_scores.csv"))
    );
}

#[test]
fn small_refusals_say_what_to_do() {
    let dir = tempdir();
    let f = write(dir.path(), "w.csv", wave(3, 5));
    let code = |args: &[&str]| {
        let o = run(&[&f], args, &dir.path().join("out-refused"));
        (o.status.code(), stderr(&o))
    };
    let (c, e) = code(&["--threads", "100000"]);
    assert_eq!(c, Some(2), "{e}");
    assert!(
        e.contains("expected 0 (one per core) to 1024 threads"),
        "{e}"
    );
    let (c, e) = code(&["--k", "5", "--k-max", "3"]);
    assert_eq!(c, Some(2), "{e}");
    assert!(
        e.contains("--k: k = 5 is more than the largest k tried (3); raise --k-max"),
        "{e}"
    );
    // Too few trusts for k is a fact of the data: exit 1, like too few trusts at all.
    let two = write(dir.path(), "two.csv", wave(2, 5));
    let o = run(&[&two], &["--k", "3"], &dir.path().join("out-two"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("only 2 trust(s) are analysed"),
        "{}",
        stderr(&o)
    );
    // 2017 and 2017.0: one wave written two ways, said by validate and by run.
    let mixed = wave(3, 5).replacen(",2017,", ",2017.0,", 3);
    let m = write(dir.path(), "m.csv", mixed);
    let v = validate(&[&m], &[]);
    assert!(
        stderr(&v).contains("waves \"2017\" and \"2017.0\" look like one wave written two ways"),
        "{}",
        stderr(&v)
    );
    let o = run(&[&m], &[], &dir.path().join("out-m"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("look like one wave written two ways"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_download_given_twice_is_refused() {
    let dir = tempdir();
    let plain = export("plain.csv");
    // The same file twice, under its own name.
    let o = validate(&[&plain, &plain], &["--wave", "2017"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("has the same bytes as") && stderr(&o).contains("give each file once"),
        "{}",
        stderr(&o)
    );
    // Part of a Google Forms download saved again: different bytes, the same responses. Its
    // rows have no id, so they are told apart by content.
    let forms = read(&export("google-forms.csv"));
    let part: String = forms.split_inclusive('\n').take(12).collect();
    let again = write(dir.path(), "again.csv", part);
    let o = validate(&[&export("google-forms.csv"), &again], &["--wave", "2017"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("again.csv:2:0: this response is identical, cell for cell, to the one at ")
            && stderr(&o)
                .contains("google-forms.csv:2; the same responses are probably in two files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_forced_format_must_fit_the_file() {
    let plain = export("plain.csv");
    for (format, says) in [
        ("qualtrics", "this does not look like a Qualtrics export"),
        (
            "surveymonkey",
            "this does not look like a SurveyMonkey export",
        ),
        ("xlsx", "this is a text file, not an Excel workbook (.xlsx)"),
    ] {
        let o = validate(&[&plain], &["--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(stderr(&o).contains(says), "{format}: {}", stderr(&o));
    }
    let o = validate(&[&export("plain.xlsx")], &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("workbook"), "{}", stderr(&o));
    // The right format forced reads as detection does.
    let o = validate(
        &[&export("qualtrics.csv")],
        &["--format", "qualtrics", "--wave", "2017"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_column_one_wave_left_unanswered_is_missing_from_that_wave_only() {
    let dir = tempdir();
    let first = write(dir.path(), "w2017.csv", wave(3, 5));
    // The next wave: new ids, wave 2018, aut_1 (the fifth column) answered by nobody.
    let next: String = wave(3, 5)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut f: Vec<String> = l.split(',').map(str::to_string).collect();
            if i > 0 {
                f[0] = format!("N{i}");
                f[2] = "2018".into();
                f[4] = String::new();
            }
            f.join(",") + "\n"
        })
        .collect();
    let second = write(dir.path(), "w2018.csv", next);
    let o = validate(&[&first, &second], &[]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("wave 2017: 19 of 19 statements"), "{out}");
    assert!(out.contains("wave 2018: 18 of 19 statements"), "{out}");
    assert!(
        out.contains("with a column nobody in wave 2018 answered"),
        "{out}"
    );
}
