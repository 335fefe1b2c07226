//! Trust characteristics end to end: the replication's tests against R
//! (tests/reference/characteristics/), what a small cluster may show, what never reaches an
//! output, and the trust-info file's problems named at their cells.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::replicate::run_once;
use crate::util::{
    command, read, read_bytes, records, root, stderr, tempdir, wave, write, FASTEST,
};

// The reference file's reader, shared with the characteristics crate's tests.
#[path = "../../crates/characteristics/tests/support/r_reference.rs"]
mod r_reference;

/// The R reference file's `replication_*` cases, by variable.
fn r_replication() -> BTreeMap<String, r_reference::Case> {
    r_reference::cases()
        .into_iter()
        .filter_map(|c| Some((c.name.strip_prefix("replication_")?.to_string(), c)))
        .collect()
}

fn close(got: &str, want: f64, what: &str) {
    let got: f64 = got.parse().unwrap_or_else(|_| panic!("{what}: {got:?}"));
    let scale = want.abs().max(f64::MIN_POSITIVE);
    assert!(
        (got - want).abs() <= 1e-10 * scale,
        "{what}: {got} vs R's {want}"
    );
}

#[test]
fn the_replications_tests_match_r() {
    let (_, f) = run_once();
    let reference = r_replication();
    let tests = records(&f["characteristic_tests.csv"]);
    let summaries = records(&f["characteristics.csv"]);
    assert_eq!(
        tests.len(),
        5,
        "schools, pupils, region, phase, good_or_outstanding_pct"
    );
    for t in &tests {
        let v = &t["variable"];
        let r = reference
            .get(v.as_str())
            .unwrap_or_else(|| panic!("no R reference for {v}"));
        let r = |key: &str| {
            r.num(key)
                .unwrap_or_else(|| panic!("{v}: no {key} in R's case"))
        };
        close(&t["p_value"], r("p_value"), &format!("{v} p"));
        let statistic = if t["type"] == "numeric" {
            "statistic"
        } else {
            "chisq"
        };
        close(&t["statistic"], r(statistic), v);
        assert_eq!(t["df"].parse::<f64>().unwrap(), r("df"), "{v} df");
        if t["type"] == "numeric" {
            assert_eq!(t["test"], "kruskal_wallis");
            close(&t["effect_size"], r("epsilon_squared"), &format!("{v} ε²"));
            // The permutation p within 3 Monte Carlo standard errors of the exact one.
            let exact = r("p_exact_permutation");
            let p: f64 = t["p_permutation"].parse().unwrap();
            let se = (exact * (1.0 - exact) / 100_000.0).sqrt();
            assert!(
                (p - exact).abs() <= 3.0 * se + 1e-5,
                "{v}: {p} vs exact {exact}"
            );
            // Quartiles of every cluster that is shown; cluster 3 (2 trusts) is withheld, from
            // the test too (R's cases leave it out likewise).
            for s in summaries.iter().filter(|s| s["variable"] == *v) {
                if s["withheld"] == "true" {
                    assert!(s["n"].parse::<usize>().unwrap() < 5, "{s:?}");
                    assert!(s["median"].is_empty() && s["mean"].is_empty(), "{s:?}");
                    continue;
                }
                let cluster: usize = s["cluster"].parse().unwrap();
                let g = &reference[v.as_str()].groups[&cluster];
                for (i, col) in ["n", "median", "q1", "q3", "mean"].iter().enumerate() {
                    close(
                        &s[*col],
                        g[i],
                        &format!("{v} cluster {} {col}", s["cluster"]),
                    );
                }
            }
        } else {
            assert_eq!(
                (t["test"].as_str(), t["p_method"].as_str()),
                ("fisher_freeman_halton", "exact")
            );
            close(
                &t["effect_size"],
                r("cramers_v"),
                &format!("{v} Cramér's V"),
            );
        }
    }
}

/// A wave of 8 trusts in two clear groups (T0-T3 answer low, T4-T7 high) plus T8 with too few
/// responses, and its trust-info file.
fn two_group_wave(dir: &Path) -> PathBuf {
    let mut s = wave(0, 0);
    let mut id = 0;
    for t in 0..9 {
        let per = if t == 8 { 2 } else { 6 };
        for r in 0..per {
            id += 1;
            let base = if t < 4 { 1 } else { 4 };
            let answers: Vec<String> = (0..19)
                .map(|j| (base + (r + j + t) % 2).to_string())
                .collect();
            s.push_str(&format!("R{id},T{t},2017,teacher,{}\n", answers.join(",")));
        }
    }
    write(dir, "wave.csv", s)
}

fn run(dir: &Path, info: &str, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let info = write(dir, "info.csv", info);
    run_file(dir, &info, extra)
}

/// The two-group wave in `dir` run with the trust-info file `info`, into `dir/out`.
fn run_file(dir: &Path, info: &Path, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let survey = two_group_wave(dir);
    let out = dir.join("out");
    let o = command("run")
        .arg("--survey")
        .arg(&survey)
        .arg("--trust-info")
        .arg(info)
        .args(["--k", "2"])
        .args(FASTEST)
        .args(extra)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    (o, out)
}

const INFO: &str = "trust_id,name,schools,region,region_code\n\
    T0,Alpha Trust,10,North,1\n\
    T1,Beta Trust,11,North,1\n\
    T2,Gamma Trust,12,South,2\n\
    T3,Delta Trust,9,North,1\n\
    T4,Epsilon Trust,30,South,2\n\
    T5,Zeta Trust,31,South,2\n\
    T6,Eta Trust,NA,South,2\n\
    T8,Secret Below Threshold,99,Atlantis,7\n";

#[test]
fn names_and_unanalysed_trusts_never_reach_an_output_and_small_clusters_are_withheld() {
    let dir = tempdir();
    // Clusters of 3 or more with a value are shown, of 2 withheld.
    let (o, out) = run(dir.path(), INFO, &["--min-cell", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // T7 is analysed but has no row: counted and named.
    assert!(
        err.contains("1 of the analysed trusts have no row: T7"),
        "{err}"
    );
    assert!(err.contains("column \"name\" not compared"), "{err}");
    for entry in walk(&out) {
        let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).into_owned();
        for secret in ["Alpha Trust", "Secret Below Threshold", "Atlantis", "T8,99"] {
            assert!(
                !text.contains(secret),
                "{} holds {secret:?}",
                entry.display()
            );
        }
    }
    let tests = records(&std::fs::read(out.join("characteristic_tests.csv")).unwrap());
    let by: BTreeMap<&str, &BTreeMap<String, String>> =
        tests.iter().map(|t| (t["variable"].as_str(), t)).collect();
    assert_eq!(
        by.keys().copied().collect::<Vec<_>>(),
        ["region", "region_code", "schools"]
    );
    // T6's NA is missing and T7 has no row, so schools has 4 and 2 by cluster: the 2 are
    // withheld from everything, the test too, which leaves nothing to test.
    assert_eq!(by["schools"]["n_trusts"], "4");
    assert_eq!(by["schools"]["test"], "");
    assert_eq!(by["region"]["n_trusts"], "7");
    assert_eq!(by["region_code"]["type"], "numeric");
    let rows = records(&std::fs::read(out.join("characteristics.csv")).unwrap());
    let small: Vec<_> = rows
        .iter()
        .filter(|r| r["variable"] == "schools" && r["withheld"] == "true")
        .collect();
    assert_eq!(
        small.len(),
        1,
        "the cluster of 2 with a value is withheld: {rows:?}"
    );
    assert!(small[0]["median"].is_empty() && small[0]["n"] == "2");
    let manifest = read(&out.join("manifest.json"));
    assert!(
        manifest.contains("\"analysed_missing\": [\n      \"T7\"\n    ]"),
        "{manifest}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn min_cell_one_shows_every_cluster_and_categorical_makes_codes_categories() {
    let dir = tempdir();
    let extra = ["--min-cell", "1", "--categorical", "region_code"];
    let (o, out) = run(dir.path(), INFO, &extra);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = records(&std::fs::read(out.join("characteristics.csv")).unwrap());
    assert!(rows.iter().all(|r| r["withheld"] == "false"));
    let tests = records(&std::fs::read(out.join("characteristic_tests.csv")).unwrap());
    let code = tests
        .iter()
        .find(|t| t["variable"] == "region_code")
        .unwrap();
    assert_eq!(
        (
            code["type"].as_str(),
            code["test"].as_str(),
            code["p_method"].as_str()
        ),
        ("categorical", "fisher_freeman_halton", "exact")
    );
    // The same table as region (North = 1, South = 2): the same exact p.
    let region = tests.iter().find(|t| t["variable"] == "region").unwrap();
    assert_eq!(code["p_value"], region["p_value"]);
    for r in rows.iter().filter(|r| r["variable"] == "region_code") {
        assert!(["1", "2"].contains(&r["category"].as_str()), "{r:?}");
    }
}

#[test]
fn any_separator_and_line_ending_reads_the_same() {
    let dir = tempdir();
    let (o, out) = run(dir.path(), INFO, &["--min-cell", "3"]);
    assert!(o.status.success());
    let want = std::fs::read(out.join("characteristic_tests.csv")).unwrap();
    assert_eq!(
        records(&want).len(),
        3,
        "schools, region and region_code compared"
    );
    let semicolons = format!("\u{feff}{}", INFO.replace(',', ";").replace('\n', "\r\n"));
    let other = tempdir();
    let (o, out) = run(other.path(), &semicolons, &["--min-cell", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("characteristic_tests.csv")).unwrap(),
        want
    );
}

#[test]
fn a_withheld_clusters_values_change_no_output() {
    // T4 and T5 are cluster 2's only schools values: withheld at --min-cell 3.
    let (a, b) = (tempdir(), tempdir());
    let other = INFO
        .replace("T4,Epsilon Trust,30", "T4,Epsilon Trust,3000")
        .replace("T5,Zeta Trust,31", "T5,Zeta Trust,5");
    let (o, out_a) = run(a.path(), INFO, &["--min-cell", "3"]);
    assert!(o.status.success());
    let (o, out_b) = run(b.path(), &other, &["--min-cell", "3"]);
    assert!(o.status.success());
    // The manifest (in the report too) names the input's hash; everything else must match.
    let strip = |b: Vec<u8>| {
        String::from_utf8_lossy(&b)
            .lines()
            .filter(|l| !l.contains("sha256"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for f in [
        "characteristics.csv",
        "characteristic_tests.csv",
        "charts/characteristic_schools.svg",
        "charts/characteristic_schools.png",
        "report.md",
    ] {
        let (x, y) = (read_bytes(&out_a.join(f)), read_bytes(&out_b.join(f)));
        assert!(
            strip(x) == strip(y),
            "{f} depends on a withheld cluster's values"
        );
    }
}

#[test]
fn a_bad_trust_info_file_is_named_at_its_cells_and_nothing_is_written() {
    let dir = tempdir();
    let bad = "trust_id,schools\nT0,10\n\nT1,11\nT0,12\n,13\n";
    let (o, out) = run(dir.path(), bad, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let info = dir.path().join("info.csv").display().to_string();
    assert!(
        err.contains(&format!(
            "{info}:5:1: trust_id: \"T0\" is already on line 2"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{info}:6:1: trust_id: the row has no trust id")),
        "{err}"
    );
    assert!(!out.exists());

    let (o, _) = run(
        dir.path(),
        "trust_id,region,Region \nT0,a,b\nT1,a,b,c\n",
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{info}:1:3: the header \"Region\" is also column 2"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{info}:3:4: a value beyond the last named column")),
        "{err}"
    );

    let (o, _) = run(dir.path(), "id,schools\nT0,1\n", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the header has no \"trust_id\" column (it has: id, schools)"));

    let (o, _) = run(dir.path(), INFO, &["--categorical", "regoin"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--categorical: the trust-info file has no column \"regoin\""));
}

#[test]
fn a_workbook_is_read_and_its_problems_named_by_cell() {
    let book = root().join("tests/characteristics/trust-info.xlsx");
    let dir = tempdir();
    let sheet = |name| ["--min-cell", "4", "--trust-info-sheet", name];
    let (o, out) = run_file(dir.path(), &book, &sheet("Trusts"));
    assert!(o.status.success(), "{}", stderr(&o));
    let tests = records(&std::fs::read(out.join("characteristic_tests.csv")).unwrap());
    assert_eq!(tests.len(), 2, "{tests:?}");
    assert!(read(&out.join("manifest.json")).contains("\"sheet\": \"Trusts\""));

    let (o, _) = run_file(dir.path(), &book, &sheet("Duplicated"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("trust-info.xlsx:Duplicated!B5: trust_id: \"T1\" is already in row 4"),
        "{}",
        stderr(&o)
    );
}
