//! Random draws: independent streams seeded from `(seed, stream kind, unit index)`, the
//! distributions the model uses, and draws from tables of probabilities.

use rand::{Rng, SeedableRng};
use rand_distr::{Exp1, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

// Independent random streams, seeded from (seed, stream kind, unit index).
pub(crate) const STREAM_TRUST: u64 = 1;
pub(crate) const STREAM_STANDARDISATION: u64 = 2;

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) fn stream(seed: u64, kind: u64, index: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix(splitmix(seed ^ splitmix(kind)) ^ index))
}

pub(crate) fn normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    rng.sample(StandardNormal)
}

pub(crate) fn exp1(rng: &mut Xoshiro256PlusPlus) -> f64 {
    rng.sample(Exp1)
}

/// Draws one value from a table of (value, probability); probabilities sum to 1.
pub(crate) fn pick<'a>(rng: &mut Xoshiro256PlusPlus, table: &[(&'a str, f64)]) -> &'a str {
    table[draw(rng, table.iter().map(|&(_, p)| p))].0
}

/// Draws the index of one of `probs`, which sum to 1.
pub(crate) fn pick_index(rng: &mut Xoshiro256PlusPlus, probs: &[f64]) -> usize {
    draw(rng, probs.iter().copied())
}

/// The index at which the running sum of `probs` first exceeds a uniform draw; the last index
/// if rounding leaves the sum short of the draw.
fn draw(rng: &mut Xoshiro256PlusPlus, probs: impl ExactSizeIterator<Item = f64>) -> usize {
    let last = probs.len() - 1;
    let u: f64 = rng.gen();
    let mut cumulative = 0.0;
    for (i, p) in probs.enumerate() {
        cumulative += p;
        if u < cumulative {
            return i;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_follow_the_running_sum() {
        // The same stream gives the same draws, and each draw lands where the uniform falls.
        let table = [("a", 0.2), ("b", 0.0), ("c", 0.5), ("d", 0.3)];
        let probs = table.map(|r| r.1);
        let (mut r1, mut r2, mut r3) = (stream(1, 2, 3), stream(1, 2, 3), stream(1, 2, 3));
        for _ in 0..1000 {
            let u: f64 = r3.gen();
            let expected = if u < 0.2 {
                "a"
            } else if u < 0.7 {
                "c"
            } else {
                "d"
            };
            assert_eq!(pick(&mut r1, &table), expected);
            assert_eq!(table[pick_index(&mut r2, &probs)].0, expected);
        }
    }

    #[test]
    fn a_short_sum_falls_back_to_the_last() {
        let mut rng = stream(0, 0, 0);
        for _ in 0..100 {
            assert_eq!(pick(&mut rng, &[("a", 0.0), ("b", 0.0)]), "b");
        }
    }

    #[test]
    fn streams_differ_by_seed_kind_and_index() {
        let first = |seed, kind, index| stream(seed, kind, index).gen::<u64>();
        let draws = [
            first(0, 1, 0),
            first(1, 1, 0),
            first(0, 2, 0),
            first(0, 1, 1),
        ];
        for (i, a) in draws.iter().enumerate() {
            for b in &draws[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(first(7, 1, 3), first(7, 1, 3));
    }
}
