//! The respondent bootstrap needs the answers the aggregation keeps only when asked: the
//! settings ask for them whenever the bootstrap will run, and an aggregation without them is
//! refused with an error, not a panic.

use std::path::Path;

use aggregate::AggregateParams;
use analysis::{analyse, AnalysisError, Silent, STUDY};
use survey::{read_surveys, Codebook, ReadOptions, STUDY_CODEBOOK};

#[test]
fn the_respondent_bootstrap_needs_the_answers_kept() {
    let codebook = Codebook::parse("codebook.csv", STUDY_CODEBOOK).unwrap();
    let wave = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/replication/wave-2017.csv"
    ));
    let survey = read_surveys(&[wave], &codebook, &ReadOptions::default()).unwrap();
    let mut quick = STUDY;
    (quick.gap_refs, quick.bootstrap, quick.respondent_bootstrap) = (2, 1, 2);
    let min_responses = quick.min_responses;
    let settings = quick.check().unwrap();

    let kept = aggregate::aggregate(&survey, &codebook, &settings.aggregate_params(None)).unwrap();
    assert_eq!(kept.answers.trusts(), kept.scores.rows());
    let a = analyse(&survey, &codebook, &kept, settings.clone(), &Silent).unwrap();
    assert!(a.membership.is_some());

    let params = AggregateParams {
        min_responses,
        wave: None,
        min_trusts: 3,
        keep_answers: false,
    }
    .check()
    .unwrap();
    let without = aggregate::aggregate(&survey, &codebook, &params).unwrap();
    assert_eq!(without.answers.trusts(), 0);
    let refused = analyse(&survey, &codebook, &without, settings, &Silent);
    assert!(matches!(refused, Err(AnalysisError::NoAnswers)));
}
