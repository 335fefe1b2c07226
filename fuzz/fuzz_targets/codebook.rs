//! The codebook parser on arbitrary bytes: a codebook or a list of problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use survey::Codebook;

fuzz_target!(|data: &[u8]| {
    match Codebook::parse("codebook.csv", data) {
        Ok(cb) => {
            assert!(!cb.statements().is_empty());
            let _ = cb.themes();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
