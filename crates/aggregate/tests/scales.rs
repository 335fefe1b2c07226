//! Statements on other scales (0-4 with labels, 1-7, numeric missing codes) against R 4.2.2
//! and multilevel 2.7: `tests/scales/rwg_reference.R` wrote `rwg_reference.txt`, whose means
//! and rwg(j) (the pairwise column: each item's variance from its own answers) are checked here
//! to 1e-12.

use aggregate::{aggregate, AggregateParams};
use survey::{read_survey_bytes, Codebook, ReadOptions};

const CODEBOOK: &str = include_str!("../../../tests/scales/codebook.csv");
const SURVEY: &str = include_str!("../../../tests/scales/survey.csv");
const REFERENCE: &str = include_str!("../../../tests/scales/rwg_reference.txt");

/// The rows of a `## heading` section of the reference, split into fields, header dropped.
fn section(starts: &str) -> Vec<Vec<&'static str>> {
    let mut lines = REFERENCE
        .split("\n## ")
        .find(|s| s.starts_with(starts))
        .unwrap_or_else(|| panic!("no section {starts}"))
        .lines()
        .skip(2);
    let mut out = Vec::new();
    for l in lines.by_ref() {
        if l.trim().is_empty() {
            break;
        }
        out.push(l.split_whitespace().collect());
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn means_and_rwg_agree_with_r_on_mixed_scales() {
    let codebook = Codebook::parse("codebook.csv", CODEBOOK.as_bytes()).unwrap();
    let survey = read_survey_bytes(
        "survey.csv",
        SURVEY.as_bytes(),
        &codebook,
        &ReadOptions::default(),
    )
    .unwrap();
    let params = AggregateParams {
        min_responses: 5,
        wave: None,
        min_trusts: 2,
        keep_answers: false,
    };
    let agg = aggregate(&survey, &codebook, &params.check().unwrap()).unwrap();
    let s = &agg.scores;
    assert_eq!(s.trust_ids, ["U1", "U2", "U3", "U4", "U5", "U6"]);
    let items = section("items per trust");
    assert_eq!(items.len(), 36);
    for row in items {
        let (t, item, answers, mean) = (row[0], row[1], row[2], row[3]);
        let r = s.trust_ids.iter().position(|x| x == t).unwrap();
        let c = s.item_ids.iter().position(|x| x == item).unwrap();
        let at = r * s.cols() + c;
        assert_eq!(s.n[at].to_string(), answers, "{t} {item}");
        let want: f64 = mean.parse().unwrap();
        assert!(
            close(s.mean[at], want),
            "{t} {item}: {} vs R {want}",
            s.mean[at]
        );
    }
    let rwg = section("rwg(j), mixed");
    assert_eq!(rwg.len(), 6);
    for row in rwg {
        let trust = agg.trusts.iter().find(|x| x.trust_id == row[0]).unwrap();
        let want: f64 = row[4].parse().unwrap();
        let got = trust.rwg_j.unwrap();
        assert!(close(got, want), "{}: {got} vs R {want}", row[0]);
    }
}
