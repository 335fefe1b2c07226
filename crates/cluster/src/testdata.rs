//! Test fixtures shared by the unit tests.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// R's `iris` (public domain): the four numeric columns and the species as 0, 1, 2.
pub fn iris() -> (Array2<f64>, Vec<usize>) {
    let text = include_str!("../tests/data/iris.csv");
    let mut values = Vec::new();
    let mut species = Vec::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        values.extend(fields[..4].iter().map(|v| v.parse::<f64>().unwrap()));
        species.push(fields[4].parse().unwrap());
    }
    (
        Array2::from_shape_vec((species.len(), 4), values).unwrap(),
        species,
    )
}

pub fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("T{i:05}")).collect()
}

/// Standard normal-ish noise (sum of uniforms) so tests need no extra crates.
pub fn noise(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (0..12).map(|_| rng.gen::<f64>()).sum::<f64>() - 6.0
}

/// `per` points around each centre with spread `sd`.
pub fn blobs(centres: &[&[f64]], per: usize, sd: f64, seed: u64) -> Array2<f64> {
    let p = centres[0].len();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut x = Array2::zeros((centres.len() * per, p));
    for (c, centre) in centres.iter().enumerate() {
        for i in 0..per {
            for j in 0..p {
                x[[c * per + i, j]] = centre[j] + sd * noise(&mut rng);
            }
        }
    }
    x
}

pub fn uniform(n: usize, p: usize, seed: u64) -> Array2<f64> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    Array2::from_shape_fn((n, p), |_| rng.gen::<f64>())
}

/// R 4.2.2 `kmeans(iris[,1:4], k, nstart=200, algorithm="Hartigan-Wong", iter.max=100)`,
/// tot.withinss, minimum over set.seed(1..5) (/work/refs/cluster/refs.R), for k = 1..8.
pub const R_IRIS_WSS: [f64; 8] = [
    681.37059999999929,
    152.34795176035786,
    78.851441426145996,
    57.2284732142857,
    46.446182051282015,
    39.039987246087243,
    34.298229665071787,
    29.988943950786059,
];

/// Points on a grid, with many tied distances (tests/reference/ward_pam.R's `grid`).
pub fn grid() -> Array2<f64> {
    let mut rows: Vec<[f64; 2]> = Vec::new();
    for y in 0..3 {
        for x in 0..4 {
            rows.push([x as f64, y as f64]);
        }
    }
    rows.extend([
        [10.0, 0.0],
        [10.0, 1.0],
        [11.0, 0.0],
        [11.0, 1.0],
        [5.0, 8.0],
        [6.0, 8.0],
    ]);
    Array2::from_shape_fn((rows.len(), 2), |(i, j)| rows[i][j])
}

/// R's `set.seed(3); matrix(sample(0:2, 80, TRUE), 40, 2)` (tests/reference/ward_pam.R's
/// `ties`): 40 rows on a 3 x 3 grid, 31 of them duplicates.
pub fn ties() -> Array2<f64> {
    let rows = "0,2 1,1 2,0 1,0 2,0 2,0 1,0 2,1 0,1 1,0 0,2 0,2 0,1 0,1 0,0 0,2 1,1 1,0 0,1 1,0 \
                2,0 1,1 2,0 1,1 2,2 0,2 2,1 2,1 1,1 2,2 0,2 2,0 1,1 1,1 0,0 2,2 1,2 0,1 1,1 0,0";
    let values: Vec<f64> = rows
        .split_whitespace()
        .flat_map(|r| r.split(',').map(|v| v.parse::<f64>().unwrap()))
        .collect();
    Array2::from_shape_vec((40, 2), values).unwrap()
}

/// One dataset's values from tests/reference/ward_pam_R.txt (R 4.2.2, cluster 2.1.4), by key.
pub fn ward_pam_reference(dataset: &str) -> std::collections::HashMap<String, Vec<f64>> {
    include_str!("../../../tests/reference/ward_pam_R.txt")
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            (parts.next()? == dataset).then(|| {
                let key = parts.next().unwrap().to_string();
                let values = parts
                    .next()
                    .unwrap()
                    .split(' ')
                    // R's NA (an undefined correlation) as NaN.
                    .map(|v| {
                        if v == "NA" {
                            f64::NAN
                        } else {
                            v.parse::<f64>().unwrap()
                        }
                    })
                    .collect();
                (key, values)
            })
        })
        .collect()
}
