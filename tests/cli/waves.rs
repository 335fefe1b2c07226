//! End-to-end tests of new survey waves (issue #5), running the real binary: two simulated waves
//! in which some trusts are made to move from one planted profile to another and some leave or
//! join; `assign` and `compare` must find exactly those changes. Plus the codebook changes a
//! later wave brings: a renamed question (aliases), a dropped one and an added one, and the
//! refusal of a model that does not fit the codebook.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use predicates::prelude::*;

use crate::util::{codebook, command, json, matcluster, read, read_bytes, read_csv, table};

/// Quick clustering settings: the planted clusters are clear, so fewer starts, resamples and
/// reference sets than the study's find the same partition.
const QUICK: [&str; 6] = ["--restarts", "20", "--bootstrap", "50", "--gap-refs", "10"];

/// The planted changes between the two waves.
const MOVES: [(&str, &str); 3] = [
    ("MAT-04", "teaching_pedagogy"), // autonomy_identity -> teaching_pedagogy
    ("MAT-11", "autonomy_identity"), // teaching_pedagogy -> autonomy_identity
    ("MAT-19", "teaching_pedagogy"), // autonomy_identity -> teaching_pedagogy
];
const DROPPED: [&str; 2] = ["MAT-07", "MAT-20"];
/// `--add 2`: MAT-23 (autonomy_identity) and MAT-24 (teaching_pedagogy).
const ADDED: [(&str, &str); 2] = [
    ("MAT-23", "autonomy_identity"),
    ("MAT-24", "teaching_pedagogy"),
];

/// Each analysed trust's planted profile in the replication preset.
fn planted() -> BTreeMap<&'static str, &'static str> {
    let ai = [
        "MAT-01", "MAT-04", "MAT-07", "MAT-10", "MAT-12", "MAT-15", "MAT-19", "MAT-21",
    ];
    let tp = [
        "MAT-02", "MAT-05", "MAT-08", "MAT-11", "MAT-14", "MAT-17", "MAT-20",
    ];
    let ic = ["MAT-06", "MAT-16"];
    let mut m = BTreeMap::new();
    m.extend(ai.map(|t| (t, "autonomy_identity")));
    m.extend(tp.map(|t| (t, "teaching_pedagogy")));
    m.extend(ic.map(|t| (t, "identity_community")));
    m
}

/// The cluster number of each planted profile in the base run (1 = largest).
fn cluster_of(profile: &str) -> &'static str {
    match profile {
        "autonomy_identity" => "1",
        "teaching_pedagogy" => "2",
        _ => "3",
    }
}

/// The two waves and the base run, made once for all tests of this file.
struct Fixture {
    dir: PathBuf,
    w2017: PathBuf,
    w2019: PathBuf,
    r2017: PathBuf,
    r2019: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        // One fixed folder, replaced by each run of these tests, so nothing piles up.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("waves");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let w2017 = dir.join("wave-2017.csv");
        let w2019 = dir.join("wave-2019.csv");
        matcluster()
            .args(["simulate", "--preset", "replication", "--out"])
            .arg(&w2017)
            .assert()
            .success();
        let mut cmd = matcluster();
        cmd.args([
            "simulate",
            "--preset",
            "replication",
            "--seed",
            "2019",
            "--wave",
            "2019",
            "--add",
            "2",
        ]);
        for (t, p) in MOVES {
            cmd.args(["--move", &format!("{t}={p}")]);
        }
        for t in DROPPED {
            cmd.args(["--drop", t]);
        }
        cmd.arg("--out").arg(&w2019).assert().success();
        let r2017 = dir.join("run-2017");
        let r2019 = dir.join("run-2019");
        for (w, r) in [(&w2017, &r2017), (&w2019, &r2019)] {
            command("run")
                .arg("--survey")
                .arg(w)
                .args(QUICK)
                .arg("--out")
                .arg(r)
                .assert()
                .success();
        }
        Fixture {
            dir,
            w2017,
            w2019,
            r2017,
            r2019,
        }
    })
}

/// A fresh folder for one test's outputs.
fn out(name: &str) -> PathBuf {
    let p = fixture().dir.join(name);
    let _ = std::fs::remove_dir_all(&p);
    p
}

/// The profile each analysed trust of the 2019 wave was drawn from.
fn planted_2019() -> BTreeMap<&'static str, &'static str> {
    let mut m = planted();
    for t in DROPPED {
        m.remove(t);
    }
    for (t, p) in MOVES {
        m.insert(t, p);
    }
    m.extend(ADDED);
    m
}

fn assign(
    model: &Path,
    surveys: &[&Path],
    codebook: &Path,
    out: &Path,
) -> assert_cmd::assert::Assert {
    let mut c = matcluster();
    c.arg("assign").arg("--model").arg(model).arg("--survey");
    for s in surveys {
        c.arg(s);
    }
    c.arg("--codebook")
        .arg(codebook)
        .arg("--out")
        .arg(out)
        .assert()
}

/// `assign` with the 2017 run's model and the bundled codebook.
fn place(surveys: &[&Path], out: &Path) -> assert_cmd::assert::Assert {
    assign(
        &fixture().r2017.join("model.json"),
        surveys,
        &codebook(),
        out,
    )
}

/// `compare --base BASE --new NEW --out OUT`.
fn compare(base: &Path, new: &Path, out: &Path) -> assert_cmd::assert::Assert {
    matcluster()
        .arg("compare")
        .arg("--base")
        .arg(base)
        .arg("--new")
        .arg(new)
        .arg("--out")
        .arg(out)
        .assert()
}

/// Wave -> trust -> cluster, for analysed trusts.
fn assigned(out: &Path) -> BTreeMap<(String, String), String> {
    read_csv(&out.join("assignments.csv"))
        .into_iter()
        .filter(|r| r["analysed"] == "true")
        .map(|r| {
            (
                (r["wave"].clone(), r["trust_id"].clone()),
                r["cluster"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_base_run_recovers_the_planted_clusters() {
    let f = fixture();
    for r in read_csv(&f.r2017.join("trusts.csv"))
        .iter()
        .filter(|r| r["analysed"] == "true")
    {
        assert_eq!(
            r["cluster"],
            cluster_of(planted()[r["trust_id"].as_str()]),
            "{r:?}"
        );
    }
}

#[test]
fn assign_places_every_new_trust_by_its_planted_profile() {
    let f = fixture();
    let o = out("assign");
    place(&[&f.w2019], &o).success();
    let rows = read_csv(&o.join("assignments.csv"));
    let expected = planted_2019();
    let placed: BTreeMap<&str, &BTreeMap<String, String>> = rows
        .iter()
        .filter(|r| r["analysed"] == "true")
        .map(|r| (r["trust_id"].as_str(), r))
        .collect();
    assert_eq!(
        placed.keys().copied().collect::<BTreeSet<_>>(),
        expected.keys().copied().collect::<BTreeSet<_>>()
    );
    for (t, profile) in &expected {
        let r = placed[t];
        assert_eq!(r["wave"], "2019");
        assert_eq!(
            r["cluster"],
            cluster_of(profile),
            "{t} was drawn from {profile}: {r:?}"
        );
        let (d, m): (f64, f64) = (
            r["distance"].parse().unwrap(),
            r["nearest_margin"].parse().unwrap(),
        );
        assert!(d > 0.0 && m > 0.0, "{r:?}");
    }
    // Trusts below the threshold in 2019: counts only.
    for r in rows.iter().filter(|r| r["analysed"] == "false") {
        assert!(r["responses"].parse::<usize>().unwrap() < 5, "{r:?}");
        assert!(
            r["cluster"].is_empty() && r["distance"].is_empty() && r["nearest_margin"].is_empty(),
            "{r:?}"
        );
    }
    assert!(!rows
        .iter()
        .any(|r| DROPPED.contains(&r["trust_id"].as_str())));
    for f in [
        "manifest.json",
        "report.html",
        "report.md",
        "charts/autonomy_vs_pedagogy.svg",
        "charts/autonomy_vs_pedagogy.png",
    ] {
        assert!(o.join(f).is_file(), "{f}");
    }
    let manifest = json(&o.join("manifest.json"));
    assert_eq!(manifest["command"], "assign");
    assert_eq!(manifest["model"]["file"], "model.json");
    assert_eq!(manifest["counts"]["trusts_placed"], expected.len());
    let text = read(&o.join("manifest.json"));
    assert!(
        !text.contains(&*f.dir.to_string_lossy()),
        "no absolute path in the manifest"
    );
}

#[test]
fn assign_places_the_fitted_wave_in_its_own_clusters_and_several_waves_at_once() {
    let f = fixture();
    let o = out("assign-both");
    place(&[&f.w2017, &f.w2019], &o).success();
    let got = assigned(&o);
    // The fitted wave's trusts land in the clusters k-means gave them (a k-means optimum puts
    // every trust nearest its own centre) ...
    for r in read_csv(&f.r2017.join("trusts.csv"))
        .iter()
        .filter(|r| r["analysed"] == "true")
    {
        assert_eq!(
            got[&("2017".to_string(), r["trust_id"].clone())],
            r["cluster"],
            "{r:?}"
        );
    }
    // ... and the later wave's as when placed alone.
    let alone = out("assign-alone");
    place(&[&f.w2019], &alone).success();
    for (k, v) in assigned(&alone) {
        assert_eq!(got[&k], v, "{k:?}");
    }
}

#[test]
fn compare_finds_exactly_the_planted_moves_joins_and_leaves() {
    let f = fixture();
    let o = out("compare");
    compare(&f.r2017, &f.r2019, &o).success();
    let rows = read_csv(&o.join("transitions.csv"));
    let with = |status: &str| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| r["status"] == status)
            .map(|r| r["trust_id"].clone())
            .collect()
    };
    let set = |v: &[&str]| -> BTreeSet<String> { v.iter().map(|s| s.to_string()).collect() };
    assert_eq!(with("moved"), set(&MOVES.map(|m| m.0)));
    assert_eq!(with("only_in_base"), set(&DROPPED));
    assert_eq!(with("only_in_new"), set(&ADDED.map(|a| a.0)));
    for r in &rows {
        match r["status"].as_str() {
            "moved" | "stayed" => {
                assert_eq!(r["moved"], (r["status"] == "moved").to_string());
                // Labels carry over: the new cluster is numbered as the base cluster of the
                // same profile.
                assert_eq!(
                    r["new_cluster"],
                    cluster_of(planted_2019()[r["trust_id"].as_str()]),
                    "{r:?}"
                );
            }
            "only_in_base" => assert!(
                r["new_cluster"].is_empty() && r["moved"].is_empty(),
                "{r:?}"
            ),
            "only_in_new" => assert!(
                r["base_cluster"].is_empty() && r["moved"].is_empty(),
                "{r:?}"
            ),
            s => panic!("unknown status {s}"),
        }
    }
    // The cluster-by-cluster table adds up to the same transitions.
    let table = read_csv(&o.join("transition_table.csv"));
    let cell = |b: &str, n: &str| {
        table.iter().find(|r| r["base_cluster"] == b).unwrap()[n]
            .parse::<usize>()
            .unwrap()
    };
    assert_eq!(cell("1", "new_2"), 2, "MAT-04 and MAT-19 moved from 1 to 2");
    assert_eq!(cell("2", "new_1"), 1, "MAT-11 moved from 2 to 1");
    assert_eq!(cell("1", "only_in_base") + cell("2", "only_in_base"), 2);
    assert_eq!(
        cell("only_in_new", "new_1") + cell("only_in_new", "new_2"),
        2
    );
    let manifest = json(&o.join("manifest.json"));
    assert_eq!(manifest["counts"]["moved"], 3);
    assert_eq!(manifest["counts"]["in_both"], 15);
    assert_eq!(manifest["counts"]["stayed"], 12);
    let ari = manifest["adjusted_rand_index"].as_f64().unwrap();
    assert!(ari > 0.2 && ari < 1.0, "{ari}");
    assert!((manifest["stayed_share"].as_f64().unwrap() - 12.0 / 15.0).abs() < 1e-6);
    for f in [
        "report.html",
        "report.md",
        "charts/moves.svg",
        "charts/moves.png",
        "cluster_matching.csv",
    ] {
        assert!(o.join(f).is_file(), "{f}");
    }
    assert!(read(&o.join("report.md")).contains("MAT-19"));
    // The same inputs give the same bytes.
    let again = out("compare-again");
    compare(&f.r2017, &f.r2019, &again).success();
    for f in [
        "transitions.csv",
        "transition_table.csv",
        "manifest.json",
        "report.md",
        "charts/moves.svg",
    ] {
        assert_eq!(read(&o.join(f)), read(&again.join(f)), "{f}");
    }
}

#[test]
fn compare_refuses_a_folder_that_is_not_a_run() {
    let f = fixture();
    compare(&f.r2017, &f.dir, &out("compare-bad"))
        .code(1)
        .stderr(
            predicate::str::contains("model.json").and(predicate::str::contains("cannot read")),
        );
}

#[test]
fn run_by_wave_clusters_each_wave_and_compares_them() {
    let f = fixture();
    let o = out("by-wave");
    command("run")
        .arg("--by-wave")
        .arg("--survey")
        .arg(&f.w2017)
        .arg(&f.w2019)
        .args(QUICK)
        .arg("--out")
        .arg(&o)
        .assert()
        .success();
    // Each wave as a run of its own would write it ...
    for (w, r) in [("2017", &f.r2017), ("2019", &f.r2019)] {
        for file in [
            "trusts.csv",
            "trust_scores.csv",
            "clusters.csv",
            "model.json",
        ] {
            assert_eq!(
                read(&o.join(w).join(file)),
                read(&r.join(file)),
                "{w}/{file}"
            );
        }
        assert!(o.join(w).join("report.html").is_file());
    }
    // ... and the comparison is the one `compare` writes.
    let standalone = out("compare-for-by-wave");
    compare(&f.r2017, &f.r2019, &standalone).success();
    for file in [
        "transitions.csv",
        "transition_table.csv",
        "cluster_matching.csv",
    ] {
        assert_eq!(
            read(&o.join("compare-2017-2019").join(file)),
            read(&standalone.join(file)),
            "{file}"
        );
    }
    assert!(o.join("manifest.json").is_file());
    // Without --by-wave (or --wave), several waves are refused with a pointer to it.
    command("run")
        .arg("--survey")
        .arg(&f.w2017)
        .arg(&f.w2019)
        .arg("--out")
        .arg(out("several"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "choose one with --wave, or cluster each wave and compare them with --by-wave",
        ));
}

/// A model.json for the 19 statements of the codebook, written by hand.
fn hand_model(items: &[(&str, &str)], format: &str) -> String {
    let item_json: Vec<String> = items
        .iter()
        .map(|(id, theme)| {
            format!(r#"{{"item_id": "{id}", "theme": "{theme}", "mean": 3.0, "sd": 0.5}}"#)
        })
        .collect();
    let centroid = |v: f64| format!("[{}]", vec![v.to_string(); items.len()].join(", "));
    format!(
        r#"{{"format": "{format}", "version": "0.1.0", "wave": "2017", "k": 2, "seed": 2018, "restarts": 100,
"min_responses": 5, "wss": 1.0, "codebook_sha256": "", "items": [{}],
"clusters": [{{"cluster": 1, "name": "a", "size": 2, "centroid": {}, "higher_themes": [], "lower_themes": []}},
{{"cluster": 2, "name": "b", "size": 2, "centroid": {}, "higher_themes": [], "lower_themes": []}}]}}"#,
        item_json.join(", "),
        centroid(1.0),
        centroid(-1.0)
    )
}

fn codebook_statements() -> Vec<(String, String)> {
    read_csv(&codebook())
        .into_iter()
        .filter(|r| r["kind"] == "statement")
        .map(|r| (r["item_id"].clone(), r["theme"].clone()))
        .collect()
}

#[test]
fn assign_refuses_a_model_that_does_not_match_the_codebook() {
    let f = fixture();
    let dir = f.dir.join("mismatch");
    std::fs::create_dir_all(&dir).unwrap();
    let statements = codebook_statements();
    let mut items: Vec<(&str, &str)> = statements
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    // A model fitted with another codebook: aut_1 is called aut_1_old there.
    items[0].0 = "aut_1_old";
    let model = dir.join("model.json");
    std::fs::write(&model, hand_model(&items, "matcluster-model/1")).unwrap();
    assign(&model, &[&f.w2019], &codebook(), &out("mismatch-out"))
        .code(1)
        .stderr(
            predicate::str::contains("does not match the codebook")
                .and(predicate::str::contains("aut_1_old"))
                .and(predicate::str::contains("not in the model: aut_1")),
        );
    assert!(!out("mismatch-out").exists(), "nothing is written");

    // A model from another version of the format.
    let items: Vec<(&str, &str)> = statements
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    std::fs::write(&model, hand_model(&items, "matcluster-model/0")).unwrap();
    assign(&model, &[&f.w2019], &codebook(), &out("mismatch-out"))
        .code(1)
        .stderr(
            predicate::str::contains("matcluster-model/0")
                .and(predicate::str::contains("matcluster-model/1")),
        );

    // Not a model at all, and a missing one.
    std::fs::write(&model, "{\"hello\": 1}").unwrap();
    assign(&model, &[&f.w2019], &codebook(), &out("mismatch-out"))
        .code(1)
        .stderr(predicate::str::contains("not a matcluster model.json"));
    assign(
        &dir.join("absent.json"),
        &[&f.w2019],
        &codebook(),
        &out("mismatch-out"),
    )
    .code(1);
    // A wrong command line is exit 2.
    matcluster()
        .args(["assign", "--survey"])
        .arg(&f.w2019)
        .assert()
        .code(2);

    // The matching hand-written model is accepted.
    let items: Vec<(&str, &str)> = statements
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    std::fs::write(&model, hand_model(&items, "matcluster-model/1")).unwrap();
    assign(&model, &[&f.w2019], &codebook(), &out("mismatch-ok")).success();
}

/// Rewrites a CSV file's header (and optionally drops or adds a column), keeping every value.
fn rewrite(src: &Path, dst: &Path, edit: impl Fn(&mut Vec<String>, &mut Vec<Vec<String>>)) {
    let (mut header, mut rows) = table(&read_bytes(src));
    edit(&mut header, &mut rows);
    let mut w = csv::Writer::from_path(dst).unwrap();
    w.write_record(&header).unwrap();
    for row in rows {
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn a_renamed_question_maps_through_the_aliases_and_an_added_one_is_not_used() {
    let f = fixture();
    let dir = f.dir.join("renamed");
    std::fs::create_dir_all(&dir).unwrap();
    // The 2019 export calls aut_1 by its new wording, and asks a new question new_1.
    let renamed = dir.join("wave-2019-renamed.csv");
    rewrite(&f.w2019, &renamed, |h, rows| {
        let c_aut = h.iter().position(|x| x == "aut_1").unwrap();
        h[c_aut] = "Heads lead their schools as they judge best".into();
        // new_1 is answered only by respondents who answered some other statement, so the
        // same rows count as before.
        let ids: Vec<String> = codebook_statements()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let statements: Vec<usize> = (0..h.len())
            .filter(|c| ids.contains(&h[*c]) || *c == c_aut)
            .collect();
        h.push("new_1".into());
        for (i, r) in rows.iter_mut().enumerate() {
            let answered = statements.iter().any(|c| {
                !["", "na", "n/a", "don't know"].contains(&r[*c].trim().to_lowercase().as_str())
            });
            r.push(if answered {
                ((i % 5) + 1).to_string()
            } else {
                String::new()
            });
        }
    });
    // The analyst's codebook: the new wording as an alias of aut_1, and the new statement.
    let mut cb = read(&codebook());
    cb = cb
        .lines()
        .map(|l| {
            if let Some(start) = l
                .strip_suffix(",Autonomy")
                .filter(|_| l.starts_with("aut_1,"))
            {
                format!("{start}Heads lead their schools as they judge best,Autonomy")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    cb.push_str("\nnew_1,statement,community,Our schools work with local employers,,Community\n");
    let cb_path = dir.join("codebook.csv");
    std::fs::write(&cb_path, &cb).unwrap();
    assert!(
        read(&codebook())
            .lines()
            .any(|l| l.starts_with("aut_1,") && l.ends_with(",,Autonomy")),
        "aut_1 has no alias yet"
    );

    // validate says, for the wave, which header aut_1 was found under.
    matcluster()
        .arg("validate")
        .arg("--survey")
        .arg(&renamed)
        .arg("--codebook")
        .arg(&cb_path)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("wave 2019: 20 of 20 statements found in 1 file(s)").and(
                predicate::str::contains(
                    "aut_1 (autonomy) under \"Heads lead their schools as they judge best\"",
                ),
            ),
        );
    // Without the alias the renamed column is not the statement: validate says aut_1 is missing.
    command("validate")
        .arg("--survey")
        .arg(&renamed)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("not in wave 2019").and(predicate::str::contains("aut_1")),
        );

    // assign with the renamed export gives the same placements as with the original; new_1 is
    // in the codebook but not the model, so it is not used.
    let o = out("assign-renamed");
    assign(&f.r2017.join("model.json"), &[&renamed], &cb_path, &o)
        .success()
        .stderr(predicate::str::contains("not used for placing: new_1"));
    let plain = out("assign-plain");
    place(&[&f.w2019], &plain).success();
    assert_eq!(
        read(&o.join("assignments.csv")),
        read(&plain.join("assignments.csv"))
    );
    let manifest = json(&o.join("manifest.json"));
    assert_eq!(
        manifest["items"][0]["not_in_model"],
        serde_json::json!(["new_1"])
    );
    assert_eq!(manifest["items"][0]["used"].as_array().unwrap().len(), 19);
}

#[test]
fn a_dropped_question_is_left_out_and_the_moves_are_still_found() {
    let f = fixture();
    let dir = f.dir.join("dropped");
    std::fs::create_dir_all(&dir).unwrap();
    let dropped = dir.join("wave-2019-no-imp_2.csv");
    rewrite(&f.w2019, &dropped, |h, rows| {
        let c = h.iter().position(|x| x == "imp_2").unwrap();
        h.remove(c);
        for r in rows.iter_mut() {
            r.remove(c);
        }
    });
    command("validate")
        .arg("--survey")
        .arg(&dropped)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("wave 2019: 18 of 19 statements found").and(
                predicate::str::contains(
                    "not in wave 2019 (left out; themes use the statements present): imp_2",
                ),
            ),
        );

    // assign: placed on the 18 items the wave shares with the model, with a warning.
    let o = out("assign-dropped");
    place(&[&dropped], &o)
        .success()
        .stderr(predicate::str::contains(
            "lacks 1 of the model's 19 items (imp_2)",
        ));
    let expected = planted_2019();
    for ((_, t), c) in assigned(&o) {
        assert_eq!(c, cluster_of(expected[t.as_str()]), "{t}");
    }
    let manifest = json(&o.join("manifest.json"));
    assert_eq!(
        manifest["items"][0]["missing_from_wave"],
        serde_json::json!(["imp_2"])
    );
    assert!(read(&o.join("report.html")).contains("imp_2"));

    // run on the wave: the statement is left out (themes from the statements present) ...
    let r = out("run-dropped");
    command("run")
        .arg("--survey")
        .arg(&dropped)
        .args(QUICK)
        .arg("--out")
        .arg(&r)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "statement imp_2 is not in wave 2019",
        ));
    let items: BTreeSet<String> = read_csv(&r.join("trust_scores.csv"))
        .into_iter()
        .map(|x| x["item_id"].clone())
        .collect();
    assert_eq!(items.len(), 18);
    assert!(!items.contains("imp_2"));
    let profiles = read_csv(&r.join("profiles.csv"));
    assert!(profiles
        .iter()
        .any(|p| p["theme"] == "school_improvement" && !p["mean_z"].is_empty()));
    // ... and compare matches on the 18 common items and still finds the planted moves.
    let c = out("compare-dropped");
    compare(&f.r2017, &r, &c)
        .success()
        .stderr(predicate::str::contains(
            "matched on the 18 items both have",
        ));
    let moved: BTreeSet<String> = read_csv(&c.join("transitions.csv"))
        .into_iter()
        .filter(|x| x["status"] == "moved")
        .map(|x| x["trust_id"].clone())
        .collect();
    assert_eq!(moved, MOVES.iter().map(|m| m.0.to_string()).collect());
    let manifest = json(&c.join("manifest.json"));
    assert_eq!(
        manifest["items"]["only_in_base"],
        serde_json::json!(["imp_2"])
    );
}

#[test]
fn the_five_response_rule_applies_per_wave() {
    // MAT-09 has 4 responses in each wave; in one file holding both waves it has 8, but it is
    // still below the threshold in each.
    let f = fixture();
    let o = out("assign-rule");
    place(&[&f.w2017, &f.w2019], &o).success();
    let rows = read_csv(&o.join("assignments.csv"));
    let mat09: Vec<_> = rows.iter().filter(|r| r["trust_id"] == "MAT-09").collect();
    assert_eq!(mat09.len(), 2);
    for r in mat09 {
        assert_eq!(
            (
                r["responses"].as_str(),
                r["analysed"].as_str(),
                r["cluster"].as_str()
            ),
            ("4", "false", ""),
            "{r:?}"
        );
    }
}
