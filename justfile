# Recipes for the common jobs; `just --list` shows them.

# The study end to end on the bundled wave, written to notebooks-out/replication.
replicate:
    cargo run --release -- replicate

# Every test: unit, reference and end-to-end.
test:
    cargo test --workspace

# Criterion benchmarks.
bench:
    cargo bench --workspace

# Format and lint as CI does.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Regenerate the bundled replication wave from the simulator (changes data/; review the diff).
simulate-replication:
    cargo run --release -- simulate --preset replication --out data/replication/wave-2017.csv

# Side by side with pandas + scikit-learn and R (minutes; not run by CI). Needs python3 with
# pandas, pyarrow and scikit-learn, and R with the cluster and fpc packages.
compare:
    cargo build --release --bin matcluster
    cargo build --release -p simulate --example national
    cargo build --release --example ingest_timing
    cargo build --release -p cluster --example matrix_timing
    python3 bench/compare.py
