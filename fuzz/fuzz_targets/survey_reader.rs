//! The survey reader on arbitrary bytes, against the shipped codebook: it must return rows or
//! problems, never panic, and every problem must carry a message.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use survey::{read_survey_bytes, Codebook, ReadOptions};

fn codebook() -> &'static Codebook {
    static CB: OnceLock<Codebook> = OnceLock::new();
    CB.get_or_init(|| {
        Codebook::parse("codebook.csv", include_bytes!("../../data/codebook.csv"))
            .expect("shipped codebook")
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks whether a wave is given on the command line, as both cases take
    // different paths through the reader.
    let (wave, bytes) = match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => (Some("2017".to_string()), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    match read_survey_bytes("fuzz.csv", bytes, codebook(), &ReadOptions { wave, ..ReadOptions::default() }) {
        Ok(s) => {
            assert_eq!(s.statements.len(), s.rows.len() * s.statement_ids.len());
            for i in 0..s.rows.len() {
                assert!(s.alignment(i) <= 3);
                for d in 0..s.standardisation_ids.len() {
                    assert!(s.standardisation(i, d) <= 3);
                }
                assert!(!s.response_id(i).is_empty());
                assert_eq!(s.file_of(i), 0);
            }
        }
        Err(p) => {
            assert!(!p.0.is_empty());
            for problem in &p.0 {
                assert!(!problem.message.is_empty());
                let _ = problem.to_string();
            }
        }
    }
});
