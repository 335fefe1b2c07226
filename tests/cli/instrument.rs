//! A second instrument: the lq2002 data set of R's multilevel package (2,042 soldiers in 49
//! companies, three scales, items on 1..5 and 0..4; `tests/lq2002/`) through `run`. Its numbers
//! are checked against R (`tests/lq2002/reference.R`) and scikit-learn
//! (`reference_sklearn.py`), and its outputs for what a report on another instrument must and
//! must not hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::{json, matcluster, read, read_csv, snapshot, stderr, tempdir};

/// Agreement asked of every statistic: 1e-12 relative (absolute for values below 1e-12 in
/// magnitude).
const TOL: f64 = 1e-12;

fn lq(file: &str) -> PathBuf {
    crate::util::root().join("tests/lq2002").join(file)
}

/// The reference files as `kind -> rows of fields`, comments left out.
fn refs() -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for file in ["reference.txt", "reference_sklearn.txt"] {
        for line in read(&lq(file)).lines() {
            let mut f = line.split_whitespace().map(str::to_string);
            match f.next() {
                Some(kind) if !kind.starts_with('#') => {
                    out.entry(kind).or_default().push(f.collect())
                }
                _ => {}
            }
        }
    }
    out
}

fn close(got: &str, want: &str, what: &str) {
    let (g, w): (f64, f64) = (got.parse().unwrap(), want.parse().unwrap());
    let err = (g - w).abs() / w.abs();
    assert!(
        (g - w).abs() <= TOL * w.abs().max(1e-12),
        "{what}: {got} vs R {want} (relative error {err:e})"
    );
}

/// The run every test here reads: k = 3, few bootstrap resamples and gap references (they
/// are not checked here), the unit named.
fn run() -> &'static Path {
    static RUN: OnceLock<tempfile::TempDir> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempdir();
        let out = dir.path().join("out");
        let o = matcluster()
            .args(["run", "--survey"])
            .arg(lq("survey.csv"))
            .arg("--codebook")
            .arg(lq("codebook.csv"))
            .args([
                "--k",
                "3",
                "--bootstrap",
                "20",
                "--gap-refs",
                "5",
                "--unit",
                "company",
            ])
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o)
                .contains("2042 responses from 49 companies; 49 companies analysed in 3 clusters"),
            "{}",
            stderr(&o)
        );
        dir
    })
    .path()
}

fn out(file: &str) -> PathBuf {
    run().join("out").join(file)
}

#[test]
fn indices_agree_with_r_and_scikit_learn() {
    let r = refs();
    let ks: BTreeMap<String, BTreeMap<String, String>> = read_csv(&out("k_selection.csv"))
        .into_iter()
        .map(|row| (format!("k={}", row["k"]), row))
        .collect();
    for (kind, column) in [
        ("wss", "wss"),
        ("silhouette", "silhouette"),
        ("ch", "calinski_harabasz"),
        ("db", "davies_bouldin"),
    ] {
        assert!(r[kind].len() >= 3, "{kind}");
        for row in &r[kind] {
            close(
                &ks[&row[0]][column],
                &row[1],
                &format!("{column} {}", row[0]),
            );
        }
    }
    // The partition at k = 3, in the canonical numbering (1 = largest; a tie in size, as
    // here, goes to the cluster of the first trust id).
    let trusts: BTreeMap<String, BTreeMap<String, String>> = read_csv(&out("trusts.csv"))
        .into_iter()
        .map(|row| (row["trust_id"].clone(), row))
        .collect();
    let labels = r["labels"].iter().find(|l| l[0] == "k=3").unwrap();
    assert_eq!(labels.len() - 1, 49);
    for pair in &labels[1..] {
        let (id, label) = pair.split_once(':').unwrap();
        let want = label.parse::<usize>().unwrap() + 1;
        assert_eq!(trusts[id]["cluster"], want.to_string(), "{id}");
    }
    for row in &r["rwg_j"] {
        close(
            &trusts[&row[0]]["rwg_j"],
            &row[1],
            &format!("rwg_j {}", row[0]),
        );
    }
}

#[test]
fn scores_and_agreement_agree_with_r() {
    let r = refs();
    let agreement: BTreeMap<String, BTreeMap<String, String>> = read_csv(&out("agreement.csv"))
        .into_iter()
        .map(|row| (row["item_id"].clone(), row))
        .collect();
    for kind in ["icc1", "icc2"] {
        assert_eq!(r[kind].len(), 19);
        for row in &r[kind] {
            close(
                &agreement[&row[0]][kind],
                &row[1],
                &format!("{kind} {}", row[0]),
            );
        }
    }
    let scores: BTreeMap<(String, String), BTreeMap<String, String>> =
        read_csv(&out("trust_scores.csv"))
            .into_iter()
            .map(|row| ((row["trust_id"].clone(), row["item_id"].clone()), row))
            .collect();
    assert_eq!(scores.len(), 49 * 19);
    for kind in ["z", "mean"] {
        assert_eq!(r[kind].len(), 49 * 19);
        for row in &r[kind] {
            let key = (row[0].clone(), row[1].clone());
            close(&scores[&key][kind], &row[2], &format!("{kind} {key:?}"));
        }
    }
    for row in &r["n"] {
        assert_eq!(scores[&(row[0].clone(), row[1].clone())]["n"], row[2]);
    }
}

/// The plane's principal components against R's `prcomp(z)` (signed so that each component's
/// largest loading is positive): shares and loadings to 1e-10, as Jacobi rotations and LAPACK
/// agree on a well-separated 19 x 19 eigenproblem.
#[test]
fn plane_components_agree_with_prcomp() {
    let r = refs();
    let model = json(&out("model.json"));
    let plane = &model["plane"];
    for row in &r["pca_share"] {
        let c: usize = row[0].parse().unwrap();
        let got = plane["share"][c - 1].as_f64().unwrap();
        let want: f64 = row[1].parse().unwrap();
        assert!((got - want).abs() < 1e-10, "share {c}: {got} vs {want}");
    }
    let loadings = plane["loadings"].as_array().unwrap();
    assert_eq!(r["pca_loading"].len(), 2 * 19);
    for row in &r["pca_loading"] {
        let axis = if row[0] == "1" { "x" } else { "y" };
        let l = loadings
            .iter()
            .find(|l| l["item"] == row[1].as_str())
            .unwrap();
        let (got, want) = (l[axis].as_f64().unwrap(), row[2].parse::<f64>().unwrap());
        assert!(
            (got - want).abs() < 1e-10,
            "loading {axis} {}: {got} vs {want}",
            row[1]
        );
    }
}

#[test]
fn outputs_follow_the_codebook() {
    let files = snapshot(&run().join("out"));
    // No standardisation or alignment items: no such table, chart or section.
    for absent in [
        "standardisation.csv",
        "alignment.csv",
        "charts/standardisation.svg",
        "charts/alignment.png",
        "charts/autonomy_vs_pedagogy.svg",
    ] {
        assert!(!files.contains_key(absent), "{absent} was written");
    }
    // The plane: the first two principal components, every company on it, labelled.
    let svg = String::from_utf8_lossy(&files["charts/plane.svg"]);
    assert!(svg.contains("Component 1 (") && svg.contains("% of the variance)"));
    let texts: Vec<&str> = svg.lines().map(str::trim).collect();
    for row in read_csv(&out("trusts.csv")) {
        let id = row["trust_id"].as_str();
        assert!(texts.contains(&id), "{id} not labelled on the plane");
    }
    assert!(
        !svg.contains("not shown"),
        "a company is missing from the plane"
    );
    assert!(files.contains_key("charts/plane.png"));
    // Cluster names and the profile chart read the codebook's theme labels.
    let names: Vec<String> = read_csv(&out("clusters.csv"))
        .into_iter()
        .map(|r| r["name"].clone())
        .collect();
    assert_eq!(
        names,
        ["Task significance", "Hostility", "Leadership climate"]
    );
    let profiles = String::from_utf8_lossy(&files["charts/profiles.svg"]);
    assert!(profiles.contains("Leadership climate") && profiles.contains("companies"));
    let manifest = json(&out("manifest.json"));
    assert_eq!(manifest["parameters"]["axes"], "components");
    assert_eq!(manifest["parameters"]["unit"], "company");
    let model = json(&out("model.json"));
    assert_eq!(model["plane"]["kind"], "components");
    assert_eq!(model["plane"]["loadings"].as_array().unwrap().len(), 19);

    for name in ["report.md", "report.html"] {
        let text = String::from_utf8_lossy(&files[name]).into_owned();
        // The manifest at the end keeps the contract's key names (`trusts_analysed`).
        let body = text.split("Manifest").next().unwrap().to_lowercase();
        for claim in [
            "study",
            "multi-academy",
            "building trusts",
            "figure 2",
            "autonomy",
        ] {
            assert!(!body.contains(claim), "{name} says {claim:?}");
        }
        assert!(
            !body.replace("trust_id", "").contains("trust"),
            "{name} speaks of trusts"
        );
        assert!(
            body.contains("49 companies had at least 5 counted responses"),
            "{name}"
        );
        // Statement text beside its id; both scales named, the hostility one with its labels.
        assert!(
            body.contains("ncos get cooperation from company (exv02)"),
            "{name}"
        );
        assert!(
            body.contains("1 to 5 (leadership climate; task significance), and 0 not at all to 4 extremely (hostility)"),
            "{name}"
        );
        assert!(!body.contains("standardisation areas") && !body.contains("curriculum"));
    }
}

#[test]
fn axes_name_two_themes_or_are_refused() {
    let dir = tempdir();
    let base = |out: &Path| {
        let mut c = matcluster();
        c.args(["run", "--survey"])
            .arg(lq("survey.csv"))
            .arg("--codebook")
            .arg(lq("codebook.csv"))
            .args(["--bootstrap", "20", "--gap-refs", "5", "--restarts", "20"])
            .arg("--out")
            .arg(out);
        c
    };
    let out = dir.path().join("axes");
    let o = base(&out)
        .args([
            "--axes",
            "leadership,hostility",
            "--title",
            "Companies & their climate",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = read(&out.join("charts/plane.svg"));
    assert!(
        svg.contains("Focus on leadership climate (mean z)"),
        "{svg}"
    );
    assert!(svg.contains("Focus on hostility (mean z)"));
    let md = read(&out.join("report.md"));
    assert!(md.starts_with("# Companies & their climate\n"), "{md}");
    assert!(md.contains("### Leadership climate against hostility"));

    // A theme the codebook lacks: the command line is wrong (2), and nothing is written.
    let bad = dir.path().join("bad");
    let o = base(&bad)
        .args(["--axes", "leadership,autonomy"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--axes: theme \"autonomy\" has no statements in the codebook (its themes: leadership, task_significance, hostility)"),
        "{}",
        stderr(&o)
    );
    assert!(!bad.exists());
    let o = base(&bad).args(["--axes", "leadership"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn assign_and_compare_draw_on_the_runs_plane() {
    let dir = tempdir();
    let placed = dir.path().join("assign");
    let o = matcluster()
        .args(["assign", "--model"])
        .arg(out("model.json"))
        .arg("--survey")
        .arg(lq("survey.csv"))
        .arg("--codebook")
        .arg(lq("codebook.csv"))
        .arg("--out")
        .arg(&placed)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(placed.join("charts/plane.svg").exists());
    assert!(!placed.join("charts/autonomy_vs_pedagogy.svg").exists());
    assert!(read(&placed.join("charts/plane.svg")).contains("Component 2 ("));
    // The wave placed in its own clusters: every company where the run put it.
    for row in read_csv(&placed.join("assignments.csv")) {
        let run_row = read_csv(&out("trusts.csv"))
            .into_iter()
            .find(|r| r["trust_id"] == row["trust_id"])
            .unwrap();
        assert_eq!(row["cluster"], run_row["cluster"], "{}", row["trust_id"]);
    }

    let compared = dir.path().join("compare");
    let o = matcluster()
        .args(["compare", "--base"])
        .arg(run().join("out"))
        .arg("--new")
        .arg(run().join("out"))
        .arg("--out")
        .arg(&compared)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = read(&compared.join("charts/moves.svg"));
    assert!(
        svg.contains("Component 1 ("),
        "the moves are not on the run's plane"
    );
    // Both reports call the units what the run called them, and describe the run's plane.
    for (folder, words) in [
        (&placed, "on the first two principal components"),
        (&compared, "49 companies; 49 stayed"),
    ] {
        let md = read(&folder.join("report.md"));
        let body = md.split("Manifest").next().unwrap().to_lowercase();
        assert!(body.contains(words), "{md}");
        assert!(
            !body.contains("trust") && !body.contains("autonomy"),
            "{md}"
        );
    }
}
