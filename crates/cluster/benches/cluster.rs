//! One k-means fit, the gap statistic, the bootstrap, and Ward's hierarchy and PAM, on the
//! study's size (17 x 19) and on a national one (2,500 x 19). Run with `cargo bench -p cluster` (or `just bench`).

use cluster::{Array2, BootParams, GapParams, KMeansParams};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Three planted groups plus noise, like trusts' z-scores.
fn data(n: usize) -> (Array2<f64>, Vec<String>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let x = Array2::from_shape_fn((n, 19), |(i, j)| {
        let centre = match i % 3 {
            0 => {
                if j < 6 {
                    1.0
                } else {
                    -0.5
                }
            }
            1 => {
                if (6..10).contains(&j) {
                    1.0
                } else {
                    -0.5
                }
            }
            _ => 0.0,
        };
        centre + rng.gen_range(-1.0..1.0)
    });
    (x, (0..n).map(|i| format!("T{i:05}")).collect())
}

/// k-means at k = 3 with 10 starts: the partition the bootstrap and the other methods start from.
fn fit3(x: &Array2<f64>, ids: &[String]) -> cluster::KMeansFit {
    let p = KMeansParams::new(3).restarts(10).check().unwrap();
    cluster::fit(x.view(), ids, &p).unwrap()
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("kmeans_fit_100_restarts");
    g.sample_size(10);
    for n in [17usize, 2500] {
        let (x, ids) = data(n);
        for k in [3usize, 8] {
            let p = KMeansParams::new(k).restarts(100).check().unwrap();
            g.bench_with_input(BenchmarkId::new(format!("{n}x19"), k), &k, |b, _| {
                b.iter(|| cluster::fit(x.view(), &ids, &p).unwrap())
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("gap_k1_to_8");
    g.sample_size(10);
    for (n, refs) in [(17usize, 500usize), (2500, 20)] {
        let (x, _) = data(n);
        let p = GapParams::new(8).refs(refs).check().unwrap();
        g.bench_function(format!("{n}x19_{refs}_refs"), |b| {
            b.iter(|| cluster::gap_statistic(x.view(), &p, &|_| {}).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("bootstrap_k3");
    g.sample_size(10);
    for (n, resamples) in [(17usize, 1000usize), (2500, 20)] {
        let (x, ids) = data(n);
        let fit = fit3(&x, &ids);
        let p = BootParams::new().resamples(resamples).check().unwrap();
        g.bench_function(format!("{n}x19_{resamples}_resamples"), |b| {
            b.iter(|| cluster::bootstrap_stability(x.view(), &fit.labels, 3, &p, &|_| {}).unwrap())
        });
    }
    g.finish();

    // Ward's hierarchy and PAM beside k-means (what every run adds), distances included.
    let mut g = c.benchmark_group("ward_and_pam_k3");
    g.sample_size(10);
    for n in [17usize, 2500] {
        let (x, ids) = data(n);
        let fit = fit3(&x, &ids);
        g.bench_function(format!("{n}x19"), |b| {
            b.iter(|| cluster::other_methods(x.view(), &fit.labels, 3).unwrap())
        });
        let d = cluster::Distances::euclidean(x.view()).unwrap();
        g.bench_function(format!("{n}x19_ward_only"), |b| {
            b.iter(|| cluster::ward(&d))
        });
        g.bench_function(format!("{n}x19_pam_only"), |b| {
            b.iter(|| cluster::pam(&d, 3).unwrap())
        });
    }
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
