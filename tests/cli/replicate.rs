//! The replication end to end: the published counts, the Figure 2 reading, every chart readable,
//! the committed report reproduced byte for byte, and no dependence on the thread count.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{matcluster, records, root, snapshot, tempdir};

fn replicate(out: &Path, threads: usize) {
    matcluster()
        .current_dir(root())
        .args(["replicate", "--threads", &threads.to_string(), "--out"])
        .arg(out)
        .assert()
        .success();
}

/// One replicate run shared by the checks below (each run takes a few seconds in debug builds).
pub(crate) fn run_once() -> &'static (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    static RUN: std::sync::OnceLock<(tempfile::TempDir, BTreeMap<String, Vec<u8>>)> =
        std::sync::OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempdir();
        let out = dir.path().join("replication");
        replicate(&out, 0);
        let f = snapshot(&out);
        (dir, f)
    })
}

fn get<'a>(f: &'a BTreeMap<String, Vec<u8>>, name: &str) -> &'a [u8] {
    f.get(name).unwrap_or_else(|| panic!("{name} not written"))
}

#[test]
fn published_counts() {
    let (_, f) = run_once();
    let m: serde_json::Value = serde_json::from_slice(get(f, "manifest.json")).unwrap();
    let c = &m["counts"];
    assert_eq!(c["responses"], 346);
    assert_eq!(c["trusts"], 22);
    assert_eq!(c["trusts_analysed"], 17);
    let counted = c["responses_counted"].as_u64().unwrap();
    let excluded = c["responses_excluded"].as_u64().unwrap();
    assert_eq!(counted + excluded, 346, "rows in = counted + excluded");
    let by_reason: u64 = m["exclusions"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_reason, excluded);
    let acc = records(get(f, "accounting.csv"));
    assert_eq!(acc.len(), 346);
    assert_eq!(
        acc.iter().filter(|r| r["status"] == "counted").count() as u64,
        counted
    );
    assert!(acc
        .iter()
        .all(|r| (r["status"] == "counted") == r["reason"].is_empty()));
    let trusts = records(get(f, "trusts.csv"));
    assert_eq!(trusts.len(), 22);
    assert_eq!(
        trusts.iter().filter(|r| r["analysed"] == "true").count(),
        17
    );
    // A trust below the threshold shows only its count and reason.
    for t in trusts.iter().filter(|r| r["analysed"] == "false") {
        assert_eq!(t["reason"], "too_few_responses");
        assert!(t["cluster"].is_empty() && t["silhouette"].is_empty() && t["rwg_j"].is_empty());
    }
}

#[test]
fn figure_2_reading() {
    let (_, f) = run_once();
    let clusters = records(get(f, "clusters.csv"));
    assert_eq!(clusters.len(), 3);
    let sizes: Vec<&str> = clusters.iter().map(|c| c["size"].as_str()).collect();
    assert_eq!(sizes, ["8", "7", "2"]);
    let has = |c: &BTreeMap<String, String>, col: &str, theme: &str| {
        c[col].split(';').any(|t| t == theme)
    };
    let (c1, c2, c3) = (&clusters[0], &clusters[1], &clusters[2]);
    assert!(
        has(c1, "higher_themes", "autonomy") && has(c1, "higher_themes", "identity"),
        "{c1:?}"
    );
    assert!(has(c1, "lower_themes", "teaching_pedagogy"), "{c1:?}");
    assert!(has(c2, "higher_themes", "teaching_pedagogy"), "{c2:?}");
    assert!(
        has(c2, "lower_themes", "autonomy") && has(c2, "lower_themes", "identity"),
        "{c2:?}"
    );
    assert!(
        has(c3, "higher_themes", "identity") && has(c3, "higher_themes", "community"),
        "{c3:?}"
    );
    assert!(
        has(c3, "lower_themes", "teaching_pedagogy")
            && has(c3, "lower_themes", "school_improvement"),
        "{c3:?}"
    );
    // The two-trust cluster is the least stable, as the study judged it tentative.
    let j: Vec<f64> = clusters
        .iter()
        .map(|c| c["jaccard_mean"].parse().unwrap())
        .collect();
    assert!(j[2] < j[0] && j[2] < j[1], "{j:?}");
    let profiles = records(get(f, "profiles.csv"));
    let z = |c: &str, t: &str| -> f64 {
        profiles
            .iter()
            .find(|r| r["cluster"] == c && r["theme"] == t)
            .unwrap()["mean_z"]
            .parse()
            .unwrap()
    };
    // Both large clusters emphasise back-office efficiency more than the small one.
    assert!(
        z("1", "back_office") > z("3", "back_office")
            && z("2", "back_office") > z("3", "back_office")
    );
    // Standardisation: nobody wants less overall; most "more" for the three named areas.
    let std = records(get(f, "standardisation.csv"));
    let all: Vec<_> = std.iter().filter(|r| r["group"] == "all").collect();
    assert_eq!(all.len(), 10);
    for r in &all {
        assert!(
            r["more"].parse::<f64>().unwrap() > r["less"].parse::<f64>().unwrap(),
            "{r:?}"
        );
    }
    let mut by_more: Vec<_> = all
        .iter()
        .map(|r| (r["more"].parse::<f64>().unwrap(), r["area"].as_str()))
        .collect();
    by_more.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut top: Vec<&str> = by_more.iter().take(3).map(|x| x.1).collect();
    top.sort();
    assert_eq!(top, ["std_back_office", "std_info_mgmt", "std_senior_dev"]);
}

#[test]
fn every_chart_parses() {
    let (_, f) = run_once();
    for name in [
        "autonomy_vs_pedagogy",
        "profiles",
        "k_selection",
        "silhouette",
        "stability",
        "standardisation",
        "alignment",
    ] {
        let svg = std::str::from_utf8(get(f, &format!("charts/{name}.svg"))).unwrap();
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}.svg: {e}"));
        let png = get(f, &format!("charts/{name}.png"));
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder
            .read_info()
            .unwrap_or_else(|e| panic!("{name}.png: {e}"));
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert!(
            info.width > 300 && info.height > 200,
            "{name}: {}x{}",
            info.width,
            info.height
        );
    }
    let html = std::str::from_utf8(get(f, "report.html")).unwrap();
    assert!(
        html.contains("<svg") && !html.contains("<script"),
        "report.html is self-contained, no scripts"
    );
    // Opens offline: nothing is fetched (SVG's xmlns is a name, not a fetch).
    for fetch in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(
            !html.contains(fetch),
            "report.html fetches something: {fetch}"
        );
    }
}

#[test]
fn committed_report_is_reproduced_byte_for_byte() {
    let (_, f) = run_once();
    let committed = snapshot(&root().join("notebooks-out/replication"));
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(f), names(&committed), "the same files");
    for (name, bytes) in f {
        assert!(
            committed[name] == *bytes,
            "{name} differs from the committed notebooks-out/replication; run `cargo run --release -- replicate` and commit"
        );
    }
}

#[test]
fn results_do_not_depend_on_threads() {
    let (_, f) = run_once();
    let dir = tempdir();
    let one = dir.path().join("one");
    replicate(&one, 1);
    assert!(snapshot(&one) == *f, "--threads 1 gives different bytes");
}
