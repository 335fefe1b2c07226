//! Seeds for independent units of random work.

/// SplitMix64 finaliser: a bijective mix, so distinct inputs give distinct, well spread seeds.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Seed of unit `index` in `stream` under `seed`. Streams keep e.g. the gap's reference draws
/// apart from the k-means restarts run on them.
pub fn unit_seed(seed: u64, stream: u64, index: u64) -> u64 {
    splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ index)
}

pub(crate) const STREAM_RESTART: u64 = 1;
pub(crate) const STREAM_GAP_DATA: u64 = 2;
pub(crate) const STREAM_GAP_REF: u64 = 3;
pub(crate) const STREAM_GAP_REF_KMEANS: u64 = 4;
pub(crate) const STREAM_BOOT: u64 = 5;
pub(crate) const STREAM_BOOT_KMEANS: u64 = 6;
pub(crate) const STREAM_RESPONDENT: u64 = 7;
pub(crate) const STREAM_RESPONDENT_KMEANS: u64 = 8;
/// Streams of a later stage (`characteristics`), listed here so that no two stages share one.
pub const STREAM_RELABEL: u64 = 9;
pub const STREAM_TABLES: u64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_seeds_differ_across_index_and_stream() {
        let a = unit_seed(2018, STREAM_RESTART, 0);
        assert_ne!(a, unit_seed(2018, STREAM_RESTART, 1));
        assert_ne!(a, unit_seed(2018, STREAM_BOOT, 0));
        assert_ne!(a, unit_seed(2019, STREAM_RESTART, 0));
        assert_eq!(a, unit_seed(2018, STREAM_RESTART, 0));
    }
}
