//! The end-to-end tests: the real `matcluster` binary run on files made in the test, on the
//! corpus of broken exports (`tests/corpus/`) and on the bundled wave.
//!
//! One test binary with a module per area, as ripgrep's and xsv's tests are laid out: the
//! dependency tree is linked once instead of once per file.

mod corpus;
mod ingest;
mod privacy;
mod replicate;
mod run;
mod waves;
