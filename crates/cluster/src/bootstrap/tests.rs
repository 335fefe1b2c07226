use super::*;
use crate::testdata::{blobs, uniform};
use crate::BootParams;
use std::sync::atomic::{AtomicU64, Ordering};

fn quiet(_: u64) {}

#[test]
fn jaccard_by_hand() {
    // Drawn rows' original clusters and their resampled clusters:
    //   original 0 = {0,1,2}, 1 = {3,4}, 2 = {5}, 3 = {} (not drawn)
    //   resampled 0 = {0,1},  1 = {2,3,4,5}
    // 0: max(2/3, 1/6); 1: max(0/4, 2/4); 2: max(0/3, 1/4); 3: 0 (fpc scores 0, not NA).
    let got = max_jaccard(&[0, 0, 0, 1, 1, 2], 4, &[0, 0, 1, 1, 1, 1], 2);
    let want = [2.0 / 3.0, 0.5, 0.25, 0.0];
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-15, "{got:?}");
    }
}

#[test]
fn draws_are_distinct_in_first_draw_order() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let rows = draw_unique(1000, &mut rng);
    let mut sorted = rows.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), rows.len());
    // About 1 - 1/e of the rows.
    assert!(
        (rows.len() as f64 / 1000.0 - 0.632).abs() < 0.04,
        "{}",
        rows.len()
    );
}

#[test]
fn separated_blobs_are_fully_stable() {
    let x = blobs(&[&[0.0, 0.0], &[20.0, 0.0], &[0.0, 20.0]], 15, 1.0, 9);
    let labels: Vec<usize> = (0..45).map(|i| i / 15).collect();
    let params = BootParams::new().resamples(100).check().unwrap();
    let s = bootstrap_stability(x.view(), &labels, 3, &params, &quiet).unwrap();
    assert_eq!(s.jaccard_mean, vec![1.0; 3]);
    assert_eq!(s.dissolved, vec![0; 3]);
    assert_eq!(s.recovered, vec![100; 3]);
    assert_eq!(s.jaccard.dim(), (3, 100));
}

#[test]
fn a_cluster_of_two_noise_points_is_unstable() {
    let x = uniform(60, 2, 12);
    let mut labels = vec![0; 60];
    labels[17] = 1;
    labels[41] = 1;
    let params = BootParams::new().resamples(200).check().unwrap();
    let s = bootstrap_stability(x.view(), &labels, 2, &params, &quiet).unwrap();
    assert!(s.jaccard_mean[1] < 0.3, "{:?}", s.jaccard_mean);
    assert!(s.dissolved[1] > 150, "{:?}", s.dissolved);
    assert_eq!(stability_band(s.jaccard_mean[1]), "dissolved");
}

#[test]
fn agrees_with_fpc_on_iris() {
    // R 4.2.2 fpc 2.2.10: set.seed(2018); clusterboot(iris[,1:4], B = 1000, bootmethod =
    // "boot", clustermethod = kmeansCBI, krange = 3, runs = 10) (/work/refs/cluster/refs_fpc.R).
    // Random draws differ, so means agree to sampling error only (allowed 0.03).
    let (x, _) = crate::testdata::iris();
    let fit = crate::fit(
        x.view(),
        &crate::testdata::ids(150),
        &crate::KMeansParams::new(3).check().unwrap(),
    )
    .unwrap();
    // Clusters in fpc's output order matched by size: 62 (versicolor-ish), 50 (setosa), 38.
    let fpc: [(usize, f64); 3] = FPC_IRIS;
    let calls = AtomicU64::new(0);
    let count = |d: u64| {
        calls.fetch_add(d, Ordering::Relaxed);
    };
    let s = bootstrap_stability(
        x.view(),
        &fit.labels,
        3,
        &BootParams::new().check().unwrap(),
        &count,
    )
    .unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), 1000);
    for (size, mean) in fpc {
        let c = fit.sizes.iter().position(|&s| s == size).unwrap();
        assert!(
            (s.jaccard_mean[c] - mean).abs() < 0.03,
            "size {size}: ours {} fpc {mean}",
            s.jaccard_mean[c]
        );
    }
}

// bootmean by cluster size (refs_fpc.txt).
const FPC_IRIS: [(usize, f64); 3] = [(62, 0.953442), (50, 1.0), (38, 0.940618)];

#[test]
fn same_result_on_one_or_four_threads() {
    let x = uniform(50, 4, 6);
    let fit = crate::fit(
        x.view(),
        &crate::testdata::ids(50),
        &crate::KMeansParams::new(3).check().unwrap(),
    )
    .unwrap();
    let params = BootParams::new().resamples(50).check().unwrap();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| bootstrap_stability(x.view(), &fit.labels, 3, &params, &quiet).unwrap())
    };
    let (a, b) = (run(1), run(4));
    let bits = |s: &Stability| s.jaccard.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(a.dissolved, b.dissolved);
}

#[test]
fn bands_follow_fpc() {
    let bands: Vec<&str> = [1.0, 0.85, 0.849, 0.75, 0.6, 0.5, 0.4999, f64::NAN]
        .iter()
        .map(|&j| stability_band(j))
        .collect();
    assert_eq!(
        bands,
        [
            "highly stable",
            "highly stable",
            "stable",
            "stable",
            "tentative",
            "unstable",
            "dissolved",
            "dissolved"
        ]
    );
}

#[test]
fn bad_labels_are_errors() {
    let x = uniform(10, 2, 1);
    let p = BootParams::new().check().unwrap();
    assert!(matches!(
        bootstrap_stability(x.view(), &[0; 10], 0, &p, &quiet),
        Err(ClusterError::KTooSmall { got: 0 })
    ));
    assert!(matches!(
        bootstrap_stability(x.view(), &[0; 9], 2, &p, &quiet),
        Err(ClusterError::LengthMismatch { .. })
    ));
    let mut labels = vec![0; 10];
    labels[3] = 2;
    assert!(matches!(
        bootstrap_stability(x.view(), &labels, 2, &p, &quiet),
        Err(ClusterError::LabelOutOfRange { row: 3, .. })
    ));
}
