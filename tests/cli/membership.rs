//! How sure each trust's cluster is, end to end: the respondent-level bootstrap against an
//! independent numpy + scikit-learn implementation (tests/reference/respondent_bootstrap/), on
//! planted truth from `simulate`, and the sensitivity re-runs against separate runs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{command, matcluster, read, read_csv, root, tempdir, FASTEST};

/// The Python reference's output: B, each trust's (python cluster, probabilities) and each
/// python cluster's mean Jaccard and its sd over resamples.
struct Reference {
    b: f64,
    trusts: BTreeMap<String, (usize, Vec<f64>)>,
    jaccard: Vec<f64>,
    jaccard_sd: Vec<f64>,
}

fn python_reference() -> Reference {
    let text =
        read(&root().join("tests/reference/respondent_bootstrap/respondent_bootstrap_py.txt"));
    let mut r = Reference {
        b: 0.0,
        trusts: BTreeMap::new(),
        jaccard: vec![0.0; 3],
        jaccard_sd: vec![0.0; 3],
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let w: Vec<&str> = line.split(' ').collect();
        let num = |i: usize| w[i].parse::<f64>().unwrap();
        match w[0] {
            "B" => r.b = num(1),
            // trust ID ref C responses N prob P0 P1 P2
            "trust" => {
                let probs = w[7..].iter().map(|p| p.parse().unwrap()).collect();
                r.trusts
                    .insert(w[1].to_string(), (w[3].parse().unwrap(), probs));
            }
            "jaccard" => r.jaccard[w[1].parse::<usize>().unwrap()] = num(2),
            "jaccard_sd" => r.jaccard_sd[w[1].parse::<usize>().unwrap()] = num(2),
            _ => {}
        }
    }
    r
}

fn run(survey: &Path, out: &Path, extra: &[&str]) {
    let o = command("run")
        .arg("--survey")
        .arg(survey)
        .args(["--gap-refs", "2", "--bootstrap", "1"])
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The bundled wave with `extra` options, the sensitivity re-runs and 50 respondent resamples,
/// into a fresh folder (kept while the returned `TempDir` lives).
fn run_replication(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempdir();
    let out = dir.path().join("out");
    let mut args = extra.to_vec();
    args.extend(["--sensitivity", "--respondent-bootstrap", "50"]);
    run(&root().join("data/replication/wave-2017.csv"), &out, &args);
    (dir, out)
}

/// membership.csv as trust -> probabilities of clusters 1..k.
fn membership(dir: &Path) -> BTreeMap<String, Vec<f64>> {
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in read_csv(&dir.join("membership.csv")) {
        let p = out.entry(r["trust_id"].clone()).or_default();
        assert_eq!(r["cluster"], (p.len() + 1).to_string(), "clusters in order");
        p.push(r["probability"].parse().unwrap());
    }
    out
}

#[test]
fn membership_agrees_with_an_independent_python_implementation() {
    // Same data, same algorithm, different code and random numbers: B = 4000 resamples each.
    // Bound (tests/reference/respondent_bootstrap/README.md): a probability estimated twice
    // differs with standard error sqrt(p(1-p)(1/B1 + 1/B2)); we allow 4 of those plus 0.01 for
    // the rare resample where two k-means implementations stop in different local optima.
    // A respondent Jaccard: 4 sd * sqrt(1/B1 + 1/B2) + 0.005.
    let reference = python_reference();
    let dir = tempdir();
    let out = dir.path().join("out");
    let b = reference.b as usize;
    run(
        &root().join("tests/reference/respondent_bootstrap/wave.csv"),
        &out,
        &["--respondent-bootstrap", &b.to_string()],
    );
    let ours = membership(&out);
    let trusts = read_csv(&out.join("trusts.csv"));
    // Our cluster (1-based) of each python cluster, through the reference partition, which
    // must be the same partition.
    let mut to_ours: BTreeMap<usize, usize> = BTreeMap::new();
    for t in &trusts {
        let (py, _) = &reference.trusts[&t["trust_id"]];
        let c: usize = t["cluster"].parse().unwrap();
        assert_eq!(
            *to_ours.entry(*py).or_insert(c),
            c,
            "the same reference partition"
        );
    }
    assert_eq!(to_ours.len(), 3);
    let se2 = 2.0 / reference.b;
    let mut uncertain = 0;
    for (id, (_, probs)) in &reference.trusts {
        for (py, p_py) in probs.iter().enumerate() {
            let p_ours = ours[id][to_ours[&py] - 1];
            let pbar = (p_ours + p_py) / 2.0;
            let bound = 4.0 * (pbar * (1.0 - pbar) * se2).sqrt() + 0.01;
            assert!(
                (p_ours - p_py).abs() <= bound,
                "{id} in python cluster {py}: ours {p_ours}, python {p_py}, bound {bound}"
            );
        }
        uncertain += usize::from(probs.iter().all(|p| *p < 0.9));
    }
    // The two trusts planted halfway between two profiles are the uncertain ones: a test
    // where every probability is 0 or 1 would check little.
    assert_eq!(uncertain, 2);
    let clusters = read_csv(&out.join("clusters.csv"));
    for (py, (j_py, sd)) in reference
        .jaccard
        .iter()
        .zip(&reference.jaccard_sd)
        .enumerate()
    {
        let j: f64 = clusters[to_ours[&py] - 1]["respondent_jaccard"]
            .parse()
            .unwrap();
        let bound = 4.0 * sd * se2.sqrt() + 0.005;
        assert!((j - j_py).abs() <= bound, "cluster {py}: {j} vs {j_py}");
    }
}

#[test]
fn planted_truth_deep_trusts_are_sure_and_a_halfway_trust_is_not() {
    // MAT-02 planted at teaching_pedagogy's centre with 60 rows; MAT-10 halfway between
    // autonomy_identity and teaching_pedagogy with 6 (the default simulate seed).
    //
    // The bootstrap reads the trust's observed answers, not its planted position: six answers
    // per statement (sd about 1.1) can land a halfway trust well to one side, and then the
    // bootstrap is rightly sure of that side. Over simulate seeds 2017 and 1 to 11 (release
    // build, B = 1000) the deep trust got 0.98 to 1 every time, and the halfway trust's largest
    // probability was 0.39 to 0.91 (mean 0.68), at most 0.8 in 7 of the 12.
    let dir = tempdir();
    let wave = dir.path().join("planted.csv");
    let o = matcluster()
        .args([
            "simulate",
            "--centre",
            "MAT-02=teaching_pedagogy",
            "--rows",
            "MAT-02=60",
            "--between",
            "MAT-10=autonomy_identity,teaching_pedagogy",
            "--rows",
            "MAT-10=6",
            "--out",
        ])
        .arg(&wave)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("out");
    run(&wave, &out, &[]);
    let m = membership(&out);
    let trusts: BTreeMap<String, BTreeMap<String, String>> = read_csv(&out.join("trusts.csv"))
        .into_iter()
        .map(|t| (t["trust_id"].clone(), t))
        .collect();
    assert_eq!(trusts["MAT-02"]["responses"], "59");
    assert_eq!(trusts["MAT-10"]["responses"], "6");
    let own = |id: &str| -> f64 { trusts[id]["membership_probability"].parse().unwrap() };
    assert!(own("MAT-02") >= 0.95, "{}", own("MAT-02"));
    assert!(m["MAT-10"].iter().all(|p| *p <= 0.8), "{:?}", m["MAT-10"]);
    // The default B = 1000: probabilities are multiples of 1/1000 and sum to 1 per trust, and
    // only analysed trusts have rows.
    for (id, p) in &m {
        assert_eq!(trusts[id]["analysed"], "true");
        let thousandths: f64 = p.iter().map(|v| (v * 1000.0).round()).sum();
        assert_eq!(thousandths, 1000.0, "{id}");
        let own_cluster: usize = trusts[id]["cluster"].parse().unwrap();
        assert_eq!(
            p[own_cluster - 1].to_string(),
            trusts[id]["membership_probability"]
        );
    }
    let analysed = trusts.values().filter(|t| t["analysed"] == "true").count();
    assert_eq!(m.len(), analysed);
}

#[test]
fn no_respondent_bootstrap_writes_no_membership() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = command("run")
        .arg("--survey")
        .arg(root().join("data/replication/wave-2017.csv"))
        // FASTEST without its --respondent-bootstrap.
        .args(&FASTEST[..6])
        .args(["--respondent-bootstrap", "0", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!out.join("membership.csv").exists());
    assert!(
        !out.join("sensitivity.csv").exists(),
        "only with --sensitivity"
    );
    for t in read_csv(&out.join("trusts.csv")) {
        assert_eq!(t["membership_probability"], "");
    }
    for c in read_csv(&out.join("clusters.csv")) {
        assert_eq!(c["respondent_jaccard"], "");
    }
}

#[test]
fn sensitivity_rows_match_separate_runs() {
    // The replication's own sensitivity.csv against runs made by hand: --min-responses 3 (which
    // analyses three trusts the run does not), and a codebook without the community theme.
    let (_, files) = crate::replicate::run_once();
    let rows = crate::util::records(&files["sensitivity.csv"]);
    let row = |change: &str, value: &str| {
        rows.iter()
            .find(|r| r["change"] == change && r["value"] == value)
            .unwrap_or_else(|| panic!("no row {change} {value}"))
    };
    let base = crate::util::records(&files["trusts.csv"]);
    let cluster_of = |t: &[BTreeMap<String, String>]| -> BTreeMap<String, String> {
        t.iter()
            .filter(|t| t["analysed"] == "true")
            .map(|t| (t["trust_id"].clone(), t["cluster"].clone()))
            .collect()
    };
    let base = cluster_of(&base);
    assert_eq!(row("min_responses", "5")["base"], "true");
    assert_eq!(row("min_responses", "5")["ari_vs_base"], "1");
    assert_eq!(row("min_responses", "5")["moved"], "");

    let dir = tempdir();
    let wave = root().join("data/replication/wave-2017.csv");
    let compare = |out: &Path, r: &BTreeMap<String, String>| {
        let other = cluster_of(&read_csv(&out.join("trusts.csv")));
        assert_eq!(r["trusts_analysed"], other.len().to_string());
        let both: Vec<&String> = base.keys().filter(|id| other.contains_key(*id)).collect();
        assert_eq!(r["in_both"], both.len().to_string());
        let labels = |m: &BTreeMap<String, String>| -> Vec<String> {
            both.iter().map(|id| m[*id].clone()).collect()
        };
        let ari: f64 = r["ari_vs_base"].parse().unwrap();
        let expected = adjusted_rand(&labels(&base), &labels(&other));
        assert!((ari - expected).abs() < 1e-12, "{ari} vs {expected}");
        let k_other = other
            .values()
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        assert_eq!(r["k"], k_other.to_string());
        // Moved: in another cluster once the re-run's clusters are renumbered to keep the most
        // trusts in place; found here by trying every renumbering (k <= 3), and any of the
        // best ones will do.
        let k: usize = r["k"].parse().unwrap();
        let mut best: Vec<(usize, String)> = Vec::new();
        for perm in permutations(k) {
            let moved: Vec<&str> = both
                .iter()
                .filter(|id| {
                    let o: usize = other[**id].parse().unwrap();
                    (perm[o - 1] + 1).to_string() != base[**id]
                })
                .map(|id| id.as_str())
                .collect();
            best.push((moved.len(), moved.join("; ")));
        }
        let fewest = best.iter().map(|b| b.0).min().unwrap();
        assert!(
            best.iter().any(|b| b.0 == fewest && b.1 == r["moved"]),
            "{:?} not among the best renumberings {best:?}",
            r["moved"]
        );
    };
    let low = dir.path().join("low");
    run(&wave, &low, &["--min-responses", "3"]);
    compare(&low, row("min_responses", "3"));
    // Disclosure: the trusts analysed only at 3 are counted, never named.
    let only_low: Vec<String> = cluster_of(&read_csv(&low.join("trusts.csv")))
        .into_keys()
        .filter(|id| !base.contains_key(id))
        .collect();
    assert_eq!(only_low.len(), 3);
    for id in &only_low {
        for (name, bytes) in files.iter() {
            if name != "trusts.csv" && name != "accounting.csv" {
                assert!(
                    !String::from_utf8_lossy(bytes).contains(id.as_str()),
                    "{id} named in {name}"
                );
            }
        }
    }

    let codebook: String = read(&root().join("data/codebook.csv"))
        .lines()
        .filter(|l| !l.contains(",community,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let cb = crate::util::write(dir.path(), "codebook.csv", codebook);
    let no_community = dir.path().join("no-community");
    let o = matcluster()
        .args(["run", "--codebook"])
        .arg(&cb)
        .arg("--survey")
        .arg(&wave)
        .args([
            "--gap-refs",
            "2",
            "--bootstrap",
            "1",
            "--respondent-bootstrap",
            "0",
        ])
        .arg("--out")
        .arg(&no_community)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    compare(&no_community, row("leave_out_theme", "community"));
    assert_ne!(row("leave_out_theme", "community")["moved"], "");
}

/// Every ordering of 0..k.
fn permutations(k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for p in permutations(k - 1) {
        for at in 0..=p.len() {
            let mut q = p.clone();
            q.insert(at, k - 1);
            out.push(q);
        }
    }
    out
}

/// The adjusted Rand index by pair counting (Hubert and Arabie 1985), written out here so the
/// check does not use the code it checks.
fn adjusted_rand(a: &[String], b: &[String]) -> f64 {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut table: BTreeMap<(&String, &String), usize> = BTreeMap::new();
    let (mut rows, mut cols): (BTreeMap<&String, usize>, BTreeMap<&String, usize>) =
        (BTreeMap::new(), BTreeMap::new());
    for (x, y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1;
        *rows.entry(x).or_default() += 1;
        *cols.entry(y).or_default() += 1;
    }
    let index: f64 = table.values().map(|n| pairs(*n)).sum();
    let (sa, sb): (f64, f64) = (
        rows.values().map(|n| pairs(*n)).sum(),
        cols.values().map(|n| pairs(*n)).sum(),
    );
    let expected = sa * sb / pairs(a.len());
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

#[test]
fn sensitivity_with_a_threshold_outside_3_to_10_names_no_one_below_it() {
    // At --min-responses 12 the run analyses 11 trusts; every re-run at 3 to 10 analyses more,
    // and none of those extra trusts may be named anywhere but trusts.csv and accounting.csv.
    let (_dir, out) = run_replication(&["--min-responses", "12"]);
    let trusts = read_csv(&out.join("trusts.csv"));
    let analysed: Vec<&String> = trusts
        .iter()
        .filter(|t| t["analysed"] == "true")
        .map(|t| &t["trust_id"])
        .collect();
    let below: Vec<&String> = trusts
        .iter()
        .filter(|t| t["analysed"] != "true")
        .map(|t| &t["trust_id"])
        .collect();
    let rows = read_csv(&out.join("sensitivity.csv"));
    assert_eq!(rows.iter().filter(|r| r["base"] == "true").count(), 0);
    for r in rows.iter().filter(|r| r["change"] == "min_responses") {
        assert_eq!(r["in_both"], analysed.len().to_string());
        assert!(r["trusts_analysed"].parse::<usize>().unwrap() > analysed.len());
    }
    for file in crate::util::snapshot(&out).keys() {
        if file == "trusts.csv" || file == "accounting.csv" || file.ends_with(".png") {
            continue;
        }
        let text = read(&out.join(file));
        for id in &below {
            assert!(!text.contains(id.as_str()), "{id} named in {file}");
        }
    }
    let report = read(&out.join("report.md"));
    assert!(report.contains("below this run's threshold, not named"));
    assert!(
        !report.contains("(this run)"),
        "no re-run is the run itself"
    );
}

#[test]
fn as_many_clusters_as_trusts_still_runs() {
    // Four trusts have 25 or more responses: k = 4 puts each in its own cluster, where the
    // silhouette is undefined and the respondent bootstrap can only keep them apart.
    let (_dir, out) = run_replication(&["--min-responses", "25", "--k", "4"]);
    let m = membership(&out);
    assert_eq!(m.len(), 4);
    for p in m.values() {
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
    let report = read(&out.join("report.md"));
    // No unit is said to sit between clusters on a silhouette that is 0 by convention.
    assert!(!report.contains("(silhouette 0.00)"));
}
