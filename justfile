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

# Side by side with pandas + scikit-learn and R, in-process timings of each step (minutes; not
# run by CI). Needs python3 with pandas, pyarrow and scikit-learn, and R with the cluster and fpc
# packages. `compare-issue15` below times whole processes instead.
compare:
    cargo build --release --bin matcluster
    cargo build --release -p simulate --example national
    cargo build --release --example ingest_timing
    cargo build --release -p cluster --example matrix_timing
    python3 bench/compare.py

# Whole processes side by side (issue 15), ours and the peer alternating, medians of 5: `replicate`
# vs R's kmeans + clusGap + clusterboot alone, a 1M-response national `run` vs bench/pandas_wave.py
# and vs the csv-splitting floor, and peak memory at 1M and 4M responses. Writes
# target/compare/issue15.{json,md}; the national files (about 185 and 730 MB) are generated once
# into target/compare/. Arguments pass through: `just compare-issue15 --ten-million` adds a 10M
# point (a 1.8 GB file); `--reps N` and `--responses N` (small, to check the script) change sizes.
compare-issue15 *ARGS:
    cargo build --release --bin matcluster --example split_floor
    python3 bench/compare.py --issue15 {{ARGS}}
