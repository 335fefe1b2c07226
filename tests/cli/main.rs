//! The end-to-end tests: the real `matcluster` binary run on files made in the test, on the
//! corpus of broken exports (`tests/corpus/`) and on the bundled wave.
//!
//! One test binary with a module per area, as ripgrep's and xsv's tests are laid out: the
//! dependency tree is linked once instead of once per file, and the helpers every area needs
//! (running the binary, temporary folders, reading what a run wrote) are written once in `util`.

mod util;

mod characteristics;
mod corpus;
mod exports;
mod ingest;
mod instrument;
mod membership;
mod methods;
mod privacy;
mod replicate;
mod run;
mod waves;
