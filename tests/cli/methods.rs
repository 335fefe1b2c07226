//! Ward's hierarchy and PAM beside k-means, end to end: the replication's tree, cut and medoids
//! as R 4.2.2 gives them (tests/reference/ward_pam.R), the columns and files a run writes, and a
//! dendrogram that stays readable.

use std::collections::BTreeMap;

use crate::util::{matcluster, read, read_csv, records, root, tempdir, wave, write, FASTEST};

/// The replication's values from tests/reference/ward_pam_R.txt, by key.
fn r_reference() -> BTreeMap<String, Vec<String>> {
    read(&root().join("tests/reference/ward_pam_R.txt"))
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('\t');
            (parts.next()? == "replication").then(|| {
                let key = parts.next().unwrap().to_string();
                (
                    key,
                    parts.next().unwrap().split(' ').map(String::from).collect(),
                )
            })
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs()
}

/// Two partitions of the same rows are the same up to the clusters' numbers.
fn same_partition(a: &[String], b: &[String]) -> bool {
    let mut forward = BTreeMap::new();
    let mut back = BTreeMap::new();
    a.iter()
        .zip(b)
        .all(|(x, y)| *forward.entry(x).or_insert(y) == y && *back.entry(y).or_insert(x) == x)
}

#[test]
fn the_replication_tree_cut_and_medoids_are_r_s() {
    // The committed replication run; its trust_scores.csv is what the R script read.
    let (_, files) = crate::replicate::run_once();
    let f = |name: &str| {
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} not written"))
    };
    let r = r_reference();
    let scores = records(f("trust_scores.csv"));
    let mut ids: Vec<String> = Vec::new();
    for s in &scores {
        if !ids.contains(&s["trust_id"]) {
            ids.push(s["trust_id"].clone());
        }
    }
    assert_eq!(ids.len(), 17);
    // R's merge codes: -i is the i-th trust, a positive number an earlier step.
    let name = |code: &str| -> (String, &str) {
        let c: i64 = code.parse().unwrap();
        if c < 0 {
            (ids[(-c - 1) as usize].clone(), "trust")
        } else {
            (c.to_string(), "step")
        }
    };
    let tree = records(f("dendrogram.csv"));
    assert_eq!(tree.len(), 16);
    for (i, row) in tree.iter().enumerate() {
        assert_eq!(row["step"], (i + 1).to_string());
        let (left, left_kind) = name(&r["merge_left"][i]);
        let (right, right_kind) = name(&r["merge_right"][i]);
        assert_eq!(
            (&row["left"], row["left_kind"].as_str()),
            (&left, left_kind),
            "step {}",
            i + 1
        );
        assert_eq!(
            (&row["right"], row["right_kind"].as_str()),
            (&right, right_kind),
            "step {}",
            i + 1
        );
        let h: f64 = row["height"].parse().unwrap();
        assert!(
            close(h, r["height"][i].parse().unwrap()),
            "height {}: {h}",
            i + 1
        );
    }
    assert_eq!(tree[15]["size"], "17");

    let trusts: Vec<_> = records(f("trusts.csv"))
        .into_iter()
        .filter(|t| t["analysed"] == "true")
        .collect();
    let column = |c: &str| -> Vec<String> {
        ids.iter()
            .map(|id| trusts.iter().find(|t| &t["trust_id"] == id).unwrap()[c].clone())
            .collect()
    };
    assert!(
        same_partition(&column("ward_cluster"), &r["cut"]),
        "cutree(h, 3)"
    );
    assert!(
        same_partition(&column("pam_cluster"), &r["pam_clustering"]),
        "pam clustering"
    );
    let medoids: Vec<String> = r["pam_medoids"]
        .iter()
        .map(|i| ids[i.parse::<usize>().unwrap() - 1].clone())
        .collect();
    let ours: Vec<String> = ids
        .iter()
        .zip(column("pam_medoid"))
        .filter(|(_, m)| m == "true")
        .map(|(id, _)| id.clone())
        .collect();
    let (mut ours, mut want) = (ours, medoids.clone());
    ours.sort();
    want.sort();
    assert_eq!(ours, want, "PAM's medoids");
    // Matched numbering: here both methods agree with k-means trust for trust.
    assert_eq!(column("ward_cluster"), column("cluster"));
    assert_eq!(column("pam_cluster"), column("cluster"));

    let methods = records(f("methods.csv"));
    let method = |m: &str| methods.iter().find(|r| r["method"] == m).unwrap();
    let pam_objective: f64 = method("pam")["objective"].parse().unwrap();
    assert!(close(
        pam_objective,
        r["pam_objective_swap_sum"][0].parse().unwrap()
    ));
    assert_eq!(method("kmeans")["objective"], method("ward")["objective"]);
    let manifest: serde_json::Value = serde_json::from_slice(f("manifest.json")).unwrap();
    let cc = manifest["methods"]["cophenetic_correlation"]
        .as_f64()
        .unwrap();
    assert!(
        close(cc, r["cophenetic_correlation"][0].parse().unwrap()),
        "{cc}"
    );
}

/// `trusts` trusts of 5 responses whose means differ from trust to trust (util's `wave` gives
/// every trust the same means).
fn varied_wave(trusts: usize) -> String {
    let mut lines: Vec<String> = wave(0, 0).lines().map(String::from).collect();
    for t in 0..trusts {
        for r in 0..5 {
            let answers: Vec<String> = (0..19)
                .map(|j| ((t * 3 + j * (1 + t % 4) + usize::from(j == r)) % 5 + 1).to_string())
                .collect();
            lines.push(format!("R{t}x{r},T{t},2017,teacher,{}", answers.join(",")));
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_dendrogram_labels_up_to_sixty_and_notes_the_rest() {
    let dir = tempdir();
    for (trusts, labelled) in [(60, true), (70, false)] {
        let survey = write(dir.path(), &format!("w{trusts}.csv"), varied_wave(trusts));
        let out = dir.path().join(format!("out{trusts}"));
        matcluster()
            .args(["run", "--survey"])
            .arg(&survey)
            .args(FASTEST)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let svg = read(&out.join("charts/dendrogram.svg"));
        // plotters writes each text on a line of its own.
        let texts: Vec<&str> = svg.lines().map(str::trim).collect();
        let shown = (0..trusts)
            .filter(|t| texts.contains(&format!("T{t}").as_str()))
            .count();
        assert_eq!(shown, if labelled { trusts } else { 0 }, "{trusts} trusts");
        assert_eq!(svg.contains("labels are not shown"), !labelled);
        let rows = read_csv(&out.join("dendrogram.csv"));
        assert_eq!(rows.len(), trusts - 1);
        assert_eq!(rows.last().unwrap()["size"], trusts.to_string());
        let methods = read_csv(&out.join("methods.csv"));
        let names: Vec<&str> = methods.iter().map(|m| m["method"].as_str()).collect();
        assert_eq!(names, ["kmeans", "ward", "pam"]);
        assert!(out.join("charts/dendrogram.png").exists());
    }
}

/// Runs lq2002's 49 companies at `k` into `dir/name` and gives the folder.
fn run_lq2002(dir: &std::path::Path, name: &str, k: &str) -> std::path::PathBuf {
    let lq = root().join("tests/lq2002");
    let out = dir.join(name);
    matcluster()
        .args(["run", "--survey"])
        .arg(lq.join("survey.csv"))
        .arg("--codebook")
        .arg(lq.join("codebook.csv"))
        .args(["--unit", "company", "--k", k])
        .args(FASTEST)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn the_report_names_the_units_the_methods_place_differently() {
    // lq2002's 49 companies: Ward's cut and PAM disagree with k-means on some of them.
    let dir = tempdir();
    let out = run_lq2002(dir.path(), "out", "3");
    let report = read(&out.join("report.md"));
    let rows = read_csv(&out.join("trusts.csv"));
    for (name, column) in [("Ward's cut", "ward_cluster"), ("PAM", "pam_cluster")] {
        let moved: Vec<&str> = rows
            .iter()
            .filter(|r| r["analysed"] == "true" && r["cluster"] != r[column])
            .map(|r| r["trust_id"].as_str())
            .collect();
        assert!(
            !moved.is_empty(),
            "{name} agrees fully; the test needs a disagreement"
        );
        let sentence = format!("{name} places {} companies differently", moved.len());
        assert!(report.contains(&sentence), "{sentence} not in the report");
        for id in moved.iter().take(12) {
            assert!(
                report.contains(&format!("{id} (cluster ")),
                "{id} not named"
            );
        }
    }
    assert!(report.contains("a k-means silhouette below 0.25"));

    // At k = 1 the comparison says it tests nothing.
    let one = run_lq2002(dir.path(), "one", "1");
    let report = read(&one.join("report.md"));
    assert!(report.contains("every partition is the same, so this comparison tells nothing"));
    assert!(!report.contains("places"));
}
