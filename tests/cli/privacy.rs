//! Privacy and disclosure control, end to end: what a run's outputs may and may not hold.
//!
//! - columns the codebook does not know (e-mail, IP address, free text, a name) and the
//!   respondent-level columns (school, time, role) never reach any output;
//! - response ids appear in `accounting.csv` only, and `--no-accounting` leaves it out;
//! - a trust below the response threshold appears only as its count and reason in `trusts.csv`
//!   (and its rows in `accounting.csv`): no score, cluster or chart point;
//! - a cross-tab group with fewer than `--min-cell` answers shows its count only;
//! - hostile trust ids (formulas, markup) are neutralised in every CSV, report and chart.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::util::{command, snapshot, stderr, table, tempdir, write, FASTEST, STATEMENTS};

const AREAS: [&str; 10] = [
    "std_curriculum",
    "std_pedagogy",
    "std_assessment",
    "std_behaviour",
    "std_teacher_dev",
    "std_senior_dev",
    "std_info_mgmt",
    "std_back_office",
    "std_governance",
    "std_comms",
];

/// Three clear profiles: autonomy high and pedagogy low, the reverse, and identity and
/// community high.
fn answer(profile: usize, item: &str, respondent: usize, j: usize) -> usize {
    let base = match (profile, &item[..3]) {
        (0, "aut") | (1, "ped") | (2, "idn") | (2, "com") => 5,
        (0, "ped") | (1, "aut") => 1,
        _ => 3,
    };
    let noise = (respondent + j) % 3;
    (base + noise).saturating_sub(1).clamp(1, 5)
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// One trust of a test wave: its id, profile, responses, and how many of them answer the
/// standardisation and alignment questions.
struct Trust<'a> {
    id: &'a str,
    profile: usize,
    responses: usize,
    crosstab_answers: usize,
}

/// A wave with marker values planted in every column no output may copy.
fn wave(trusts: &[Trust]) -> String {
    let mut header = vec![
        "response_id",
        "trust_id",
        "wave",
        "role",
        "school_id",
        "submitted_at",
        "email",
        "ip_address",
        "Full name",
        "comments",
    ];
    header.extend(STATEMENTS);
    header.extend(AREAS);
    header.push("alignment");
    let mut s = header.join(",") + "\n";
    let mut n = 0;
    for t in trusts {
        for r in 0..t.responses {
            n += 1;
            let mut cells = vec![
                format!("RESPMARK-{n:03}"),
                t.id.to_string(),
                "2017".into(),
                ["teacher", "headteacher", "governor"][r % 3].into(),
                format!("SCHOOLMARK-{n}"),
                format!("2017-05-04T13:57:{:02}", n % 60),
                format!("mailmark{n}@example.org"),
                format!("203.0.113.{n}"),
                format!("Zebedee Quartermaine-{n}"),
                format!("FREETEXTMARK {n}, with a comma\nand a line break"),
            ];
            cells.extend(
                STATEMENTS
                    .iter()
                    .enumerate()
                    .map(|(j, it)| answer(t.profile, it, r, j).to_string()),
            );
            let answered = r < t.crosstab_answers;
            cells.extend((0..AREAS.len()).map(|d| {
                if answered {
                    ["more", "same", "less"][(r + d + t.profile) % 3].to_string()
                } else {
                    String::new()
                }
            }));
            cells.push(if answered {
                ["A", "B", "C"][t.profile].into()
            } else {
                String::new()
            });
            s.push_str(&cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            s.push('\n');
        }
    }
    s
}

/// The privacy wave: six analysed trusts in three clear profiles, the third profile a single
/// trust whose staff mostly skipped the standardisation and alignment questions, and one trust
/// below the response threshold.
fn privacy_wave() -> String {
    let t = |id, profile, responses, crosstab_answers| Trust {
        id,
        profile,
        responses,
        crosstab_answers,
    };
    wave(&[
        t("ALPHA-1", 0, 6, 6),
        t("ALPHA-2", 0, 6, 6),
        t("ALPHA-3", 0, 6, 6),
        t("BETA-1", 1, 6, 6),
        t("BETA-2", 1, 6, 6),
        t("GAMMA-1", 2, 6, 2),
        t("TINYTRUST-Q7", 1, 3, 3),
    ])
}

/// Runs the binary on `text` and returns the output folder.
fn run_wave(text: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    write(dir.path(), "wave.csv", text);
    let o = command("run")
        .current_dir(dir.path())
        .args(["--survey", "wave.csv"])
        .args(FASTEST)
        .args(extra)
        .args(["--out", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    (dir, out)
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The files of `outputs` that hold `needle`.
fn files_holding(outputs: &BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<String> {
    outputs
        .iter()
        .filter(|(_, b)| holds(b, needle))
        .map(|(f, _)| f.clone())
        .collect()
}

#[test]
fn ignored_and_respondent_columns_never_reach_an_output() {
    let (_dir, out) = run_wave(&privacy_wave(), &[]);
    let files = snapshot(&out);
    assert!(files.contains_key("accounting.csv") && files.contains_key("report.html"));
    for marker in [
        "mailmark",
        "@example.org",
        "203.0.113.",
        "Quartermaine",
        "Zebedee",
        "FREETEXTMARK",
        "with a comma",
        "SCHOOLMARK",
        "13:57:",
        "Full name",
    ] {
        assert_eq!(
            files_holding(&files, marker),
            Vec::<String>::new(),
            "{marker} leaked"
        );
    }
    // Response ids are for the analyst's accounting only.
    assert_eq!(
        files_holding(&files, "RESPMARK"),
        vec!["accounting.csv".to_string()]
    );
    // No per-role breakdown: no output names a role column or a role-level group.
    for (name, bytes) in &files {
        assert!(!name.contains("role"), "{name}");
        if name.ends_with(".csv") {
            let (header, _) = table(bytes);
            assert!(
                !header.iter().any(|h| h.contains("role")),
                "{name}: {header:?}"
            );
        }
    }
    for role in ["headteacher", "governor"] {
        assert_eq!(files_holding(&files, role), Vec::<String>::new(), "{role}");
    }
}

#[test]
fn a_trust_below_the_threshold_shows_only_its_count_and_reason() {
    let (_dir, out) = run_wave(&privacy_wave(), &[]);
    let files = snapshot(&out);
    let mut holding = files_holding(&files, "TINYTRUST-Q7");
    holding.sort();
    assert_eq!(
        holding,
        vec!["accounting.csv".to_string(), "trusts.csv".to_string()]
    );
    let (header, rows) = table(&files["trusts.csv"]);
    let row = rows.iter().find(|r| r[1] == "TINYTRUST-Q7").unwrap();
    let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].as_str();
    assert_eq!(
        (cell("responses"), cell("analysed"), cell("reason")),
        ("3", "false", "too_few_responses")
    );
    for empty in ["cluster", "silhouette", "rwg_j"] {
        assert_eq!(cell(empty), "", "{empty}");
    }
    // Every other column of the row is empty too.
    let known = ["wave", "trust_id", "responses", "analysed", "reason"];
    for (h, v) in header.iter().zip(row) {
        assert!(known.contains(&h.as_str()) || v.is_empty(), "{h} = {v}");
    }
    let (_, acc) = table(&files["accounting.csv"]);
    let tiny: Vec<_> = acc.iter().filter(|r| r[3] == "TINYTRUST-Q7").collect();
    assert_eq!(tiny.len(), 3);
    assert!(
        tiny.iter()
            .all(|r| r[5] == "excluded" && r[6] == "too_few_responses"),
        "{tiny:?}"
    );
}

#[test]
fn no_accounting_leaves_the_response_ids_out_and_the_report_says_so() {
    let (_dir, out) = run_wave(&privacy_wave(), &["--no-accounting"]);
    let files = snapshot(&out);
    assert!(!files.contains_key("accounting.csv"));
    assert_eq!(files_holding(&files, "RESPMARK"), Vec::<String>::new());
    assert_eq!(
        files_holding(&files, "TINYTRUST-Q7"),
        vec!["trusts.csv".to_string()]
    );
    for report in ["report.html", "report.md"] {
        assert!(
            holds(
                &files[report],
                "accounting.csv was left out of this run (--no-accounting)"
            ),
            "{report}"
        );
    }
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed = manifest["outputs"].as_array().unwrap();
    assert!(!listed.iter().any(|o| o == "accounting.csv"), "{listed:?}");
    assert_eq!(
        manifest["parameters"]["accounting"],
        serde_json::json!(false)
    );
}

/// The cluster of GAMMA-1 (one trust, two answers to the cross-tab questions) in a run.
fn gamma_cluster(files: &BTreeMap<String, Vec<u8>>) -> String {
    let (header, rows) = table(&files["trusts.csv"]);
    let c = header.iter().position(|h| h == "cluster").unwrap();
    let gamma = rows.iter().find(|r| r[1] == "GAMMA-1").unwrap()[c].clone();
    let alone = rows.iter().filter(|r| r[c] == gamma).count();
    assert_eq!(alone, 1, "GAMMA-1 should be a cluster of its own: {rows:?}");
    gamma
}

#[test]
fn small_crosstab_groups_are_suppressed_in_csvs_charts_and_reports() {
    let (_dir, out) = run_wave(&privacy_wave(), &[]);
    let files = snapshot(&out);
    let gamma = gamma_cluster(&files);
    let caption = format!("Cluster {gamma}");

    let (h, rows) = table(&files["standardisation.csv"]);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let small: Vec<_> = rows.iter().filter(|r| r[col("group")] == gamma).collect();
    assert_eq!(small.len(), AREAS.len());
    for r in &small {
        assert_eq!(r[col("n")], "2", "{r:?}");
        assert_eq!(
            (
                &r[col("more")][..],
                &r[col("same")][..],
                &r[col("less")][..]
            ),
            ("", "", ""),
            "{r:?}"
        );
        assert_eq!(r[col("suppressed")], "true");
    }
    assert!(rows
        .iter()
        .filter(|r| r[col("group")] != gamma)
        .all(|r| r[col("suppressed")] == "false"));

    let (h, rows) = table(&files["alignment.csv"]);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let r = rows.iter().find(|r| r[col("group")] == gamma).unwrap();
    assert_eq!(
        (
            &r[col("n")][..],
            &r[col("a")][..],
            &r[col("suppressed")][..]
        ),
        ("2", "", "true")
    );

    // The charts leave the group out; the reports show its count and the word "suppressed".
    for chart in ["charts/standardisation.svg", "charts/alignment.svg"] {
        let svg = String::from_utf8_lossy(&files[chart]);
        assert!(!svg.contains(&caption), "{chart} shows {caption}");
        assert!(svg.contains("All"), "{chart}");
    }
    // Ten areas and the alignment question: the group's count and "suppressed", no shares.
    let md = String::from_utf8_lossy(&files["report.md"]);
    let md_cell = format!("| cluster {gamma} | 2 | suppressed |  |  |");
    assert_eq!(
        md.lines().filter(|l| l.contains(&md_cell)).count(),
        AREAS.len() + 1,
        "{md}"
    );
    assert!(
        !md.lines()
            .any(|l| l.contains(&format!("| cluster {gamma} | 2 | ")) && !l.contains(&md_cell)),
        "{md}"
    );
    assert!(
        md.contains("fewer than 5 answers (--min-cell)"),
        "report.md does not state the threshold"
    );
    let html = String::from_utf8_lossy(&files["report.html"]);
    let html_cell = format!(
        "<td>cluster {gamma}</td><td class=\"num\">2</td><td>suppressed</td><td></td><td></td>"
    );
    assert_eq!(
        html.matches(&html_cell).count(),
        AREAS.len() + 1,
        "report.html"
    );
    assert!(html.contains("fewer than 5 answers (--min-cell)"));

    // With a lower threshold the same group is shown, in the CSV and in the chart.
    let (_dir2, out2) = run_wave(&privacy_wave(), &["--min-cell", "2"]);
    let files2 = snapshot(&out2);
    let gamma2 = gamma_cluster(&files2);
    let (h, rows) = table(&files2["standardisation.csv"]);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    assert!(rows
        .iter()
        .filter(|r| r[col("group")] == gamma2)
        .all(|r| r[col("suppressed")] == "false" && !r[col("more")].is_empty()));
    assert!(
        String::from_utf8_lossy(&files2["charts/standardisation.svg"])
            .contains(&format!("Cluster {gamma2}"))
    );
}

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
];

#[test]
fn hostile_trust_ids_are_neutralised_everywhere() {
    let trusts: Vec<Trust> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, id)| Trust {
            id,
            profile: i % 3,
            responses: 5,
            crosstab_answers: 5,
        })
        .collect();
    let (_dir, out) = run_wave(&wave(&trusts), &[]);
    let files = snapshot(&out);

    let mut seen = BTreeMap::new();
    let mut negative_numbers = 0;
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".csv")) {
        let (header, rows) = table(bytes);
        for row in &rows {
            for (h, cell) in header.iter().zip(row) {
                for id in HOSTILE {
                    if cell.strip_prefix('\'').unwrap_or(cell) == id {
                        *seen.entry(id).or_insert(0) += 1;
                        let prefixed = id.starts_with(['=', '+', '-', '@']);
                        let want = if prefixed {
                            format!("'{id}")
                        } else {
                            id.to_string()
                        };
                        assert_eq!(cell, &want, "{name} column {h}");
                    }
                }
                // Numeric columns are never prefixed.
                if [
                    "n",
                    "mean",
                    "z",
                    "responses",
                    "silhouette",
                    "line",
                    "mean_z",
                    "icc1",
                    "wss",
                ]
                .contains(&h.as_str())
                    && !cell.is_empty()
                {
                    assert!(cell.parse::<f64>().is_ok(), "{name} column {h}: {cell}");
                    negative_numbers += usize::from(cell.starts_with('-'));
                }
            }
        }
    }
    assert!(
        negative_numbers > 0,
        "expected negative z-scores written as plain numbers"
    );
    for id in HOSTILE {
        assert!(
            seen.get(id).copied().unwrap_or(0) > 0,
            "{id} appears in no CSV"
        );
    }

    for (name, bytes) in files
        .iter()
        .filter(|(n, _)| n.ends_with(".svg") || n.starts_with("report."))
    {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("<script"), "{name} holds a raw <script");
        assert!(!text.contains("<img"), "{name} holds a raw <img");
        // Markdown escapes only where a tag would open (`&lt;img`): the rest of the id is
        // plain text there. HTML and SVG escape every `>`.
        assert!(
            name.ends_with(".md") || !text.contains("onerror=alert(1)>"),
            "{name} holds a raw attribute"
        );
    }
    let html = String::from_utf8_lossy(&files["report.html"]);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "report.html lost the trust id"
    );
    assert!(
        html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "report.html lost the trust id"
    );
    let md = String::from_utf8_lossy(&files["report.md"]);
    assert!(
        md.contains("&lt;script>alert(1)&lt;/script>"),
        "report.md lost the trust id"
    );
    assert!(
        md.contains("\">&lt;img src=x onerror=alert(1)>"),
        "report.md lost the trust id"
    );
    let svg = String::from_utf8_lossy(&files["charts/autonomy_vs_pedagogy.svg"]);
    assert!(
        svg.contains("&lt;script&gt;") || svg.contains("&#60;script"),
        "the scatter lost the trust id"
    );
}
