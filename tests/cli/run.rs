//! `matcluster run` on waves made in the test: `--k auto`, parameter checks, and the k used.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::{command, json, matcluster, read, read_bytes, table, tempdir};

fn simulate(dir: &Path, seed: u64) -> PathBuf {
    let f = dir.join(format!("wave-{seed}.csv"));
    matcluster()
        .args([
            "simulate",
            "--preset",
            "replication",
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(&f)
        .assert()
        .success();
    f
}

fn run(dir: &Path, survey: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    command("run")
        .current_dir(dir)
        .arg("--survey")
        .arg(survey)
        .args(["--bootstrap", "50", "--gap-refs", "50", "--restarts", "20"])
        .args(extra)
        .assert()
}

fn chosen_k(out: &Path) -> usize {
    let (h, rows) = table(&read_bytes(&out.join("k_selection.csv")));
    let ci = h.iter().position(|c| c == "chosen").unwrap();
    let chosen: Vec<usize> = rows
        .iter()
        .filter(|x| x[ci] == "true")
        .map(|x| x[0].parse().unwrap())
        .collect();
    assert_eq!(chosen.len(), 1, "exactly one k is marked chosen");
    chosen[0]
}

#[test]
fn k_auto_uses_the_gap_statistic_and_says_so() {
    let dir = tempdir();
    let f = simulate(dir.path(), 11);
    run(dir.path(), &f, &["--k", "auto", "--out", "auto"]).success();
    let out = dir.path().join("auto");
    let k = chosen_k(&out);
    let clusters = read(&out.join("clusters.csv"));
    assert_eq!(clusters.lines().count() - 1, k, "one row per cluster");
    let model = json(&out.join("model.json"));
    assert_eq!(model["k"], k);
    let report = read(&out.join("report.md"));
    assert!(
        report.contains(&format!("k = {k} is chosen by the gap statistic")),
        "the report says how k was chosen"
    );
}

#[test]
fn k_fixed_is_used_and_bad_parameters_exit_2() {
    let dir = tempdir();
    let f = simulate(dir.path(), 12);
    run(dir.path(), &f, &["--k", "4", "--out", "k4"]).success();
    assert_eq!(chosen_k(&dir.path().join("k4")), 4);
    for bad in [
        ["--k", "0"],
        ["--k", "many"],
        ["--restarts", "0"],
        ["--min-responses", "0"],
    ] {
        run(dir.path(), &f, &[bad[0], bad[1], "--out", "bad"])
            .code(2)
            .stderr(predicate::str::contains("error:"));
        assert!(
            !dir.path().join("bad").exists(),
            "nothing written for {bad:?}"
        );
    }
}

#[test]
fn min_responses_changes_who_is_analysed() {
    let dir = tempdir();
    let f = simulate(dir.path(), 13);
    run(dir.path(), &f, &["--min-responses", "10", "--out", "m10"]).success();
    let m = json(&dir.path().join("m10/manifest.json"));
    let analysed = m["counts"]["trusts_analysed"].as_u64().unwrap();
    assert!(
        analysed < 17,
        "a higher threshold analyses fewer trusts ({analysed})"
    );
    assert_eq!(
        m["counts"]["responses_counted"].as_u64().unwrap()
            + m["counts"]["responses_excluded"].as_u64().unwrap(),
        346
    );
}

#[test]
fn national_preset_is_valid_deterministic_and_sized() {
    let dir = tempdir();
    let make = |name: &str| {
        let f = dir.path().join(name);
        matcluster()
            .args([
                "simulate",
                "--preset",
                "national",
                "--responses",
                "3000",
                "--trusts",
                "60",
            ])
            .args(["--seed", "5", "--out"])
            .arg(&f)
            .assert()
            .success();
        f
    };
    let (a, b) = (make("a.csv"), make("b.csv"));
    assert_eq!(read_bytes(&a), read_bytes(&b), "same seed, same bytes");
    command("validate")
        .arg("--survey")
        .arg(&a)
        .assert()
        .success()
        .stdout(predicate::str::contains("3000 rows, 60 trusts"));
}
