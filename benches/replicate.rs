//! The study end to end: `matcluster replicate` on the bundled wave (k = 3 with 100 restarts, the
//! gap statistic with 500 reference sets, 1,000 bootstrap resamples, 1,000 respondent-level
//! resamples, the sensitivity re-runs, charts and report), and the same without the last two, run as a
//! process on the release binary cargo builds for the bench. Run with
//! `cargo bench --bench replicate`.

use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

fn benches(c: &mut Criterion) {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-replicate");
    let mut g = c.benchmark_group("replicate");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    let run = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_matcluster"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the matcluster binary runs");
        assert!(status.success(), "matcluster {args:?} failed: {status}");
    };
    g.bench_function("bundled_wave_end_to_end", |b| {
        b.iter(|| run(&["replicate"]))
    });
    // The same run without what issue 13 added (the respondent-level bootstrap and the
    // sensitivity re-runs): the difference is their cost.
    g.bench_function("without_respondent_bootstrap_or_sensitivity", |b| {
        b.iter(|| {
            run(&[
                "run",
                "--survey",
                "data/replication/wave-2017.csv",
                "--respondent-bootstrap",
                "0",
            ])
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
