//! The per-row lookups of ids: response ids already seen in a wave ([`SeenIds`]), and trust and
//! wave labels turned into indices ([`intern`]), both hashed with [`FastState`].

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// Labels (trust ids, waves) to their index in a list that holds each once.
pub(super) type IdMap = HashMap<String, u32, FastState>;

/// The index of `value` in `list`, appending it (and noting it in `map`) on first use.
pub(super) fn intern(map: &mut IdMap, list: &mut Vec<String>, value: &str) -> u32 {
    if let Some(i) = map.get(value) {
        return *i;
    }
    let i = list.len() as u32;
    list.push(value.to_string());
    map.insert(value.to_string(), i);
    i
}

/// The high 32 bits of a slot: the tag taken from the id's hash.
const TAG: u64 = 0xFFFF_FFFF_0000_0000;

/// The response ids seen so far: (wave, id) -> the (file, line) of its first use. A million ids
/// must not cost a million small allocations (a tenth of the reading time, and as much again to
/// free them): their text lives in one arena, and an open-addressing table (linear probing, at
/// most half full) holds entry numbers.
#[derive(Default)]
pub(super) struct SeenIds {
    text: String,
    entries: Vec<SeenId>,
    /// 0 = empty, else the hash's top 32 bits (a tag that rules out most other ids without
    /// reading their entry) over an index into `entries` plus one; a power of two long.
    slots: Vec<u64>,
    state: FastState,
}

struct SeenId {
    start: usize,
    len: u32,
    wave: u32,
    file: u32,
    line: u64,
}

impl SeenIds {
    fn hash(&self, wave: u32, id: &str) -> u64 {
        let mut h = self.state.build_hasher();
        h.write_u32(wave);
        h.write(id.as_bytes());
        h.finish()
    }

    /// Room for `more` ids without growing the table.
    pub(super) fn reserve(&mut self, more: usize) {
        self.entries.reserve(more);
        let want = ((self.entries.len() + more) * 2).next_power_of_two();
        if want > self.slots.len() {
            self.rebuild(want);
        }
    }

    fn rebuild(&mut self, size: usize) {
        self.slots = vec![0; size];
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let id = &self.text[e.start..e.start + e.len as usize];
            let h = self.hash(e.wave, id);
            let mut i = h as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (h & TAG) | (n as u64 + 1);
        }
    }

    /// The first (file, line) of `id` in `wave`; or `None`, after recording this use as the
    /// first.
    pub(super) fn first_or_insert(
        &mut self,
        wave: u32,
        id: &str,
        file: u32,
        line: u64,
    ) -> Option<(u32, u64)> {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.rebuild((self.slots.len() * 2).max(1024));
        }
        let mask = self.slots.len() - 1;
        let h = self.hash(wave, id);
        let mut i = h as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.entries.push(SeenId {
                        start: self.text.len(),
                        len: id.len() as u32,
                        wave,
                        file,
                        line,
                    });
                    self.text.push_str(id);
                    self.slots[i] = (h & TAG) | self.entries.len() as u64;
                    return None;
                }
                slot if slot & TAG == h & TAG => {
                    let e = &self.entries[(slot & !TAG) as usize - 1];
                    if e.wave == wave && &self.text[e.start..e.start + e.len as usize] == id {
                        return Some((e.file, e.line));
                    }
                }
                _ => {}
            }
            i = (i + 1) & mask;
        }
    }
}

/// The hash of the per-row maps: a multiply-rotate hash (FxHash's step) over 8-byte words with a
/// final mix, keyed once per run from std's random state. SipHash, std's default, was a tenth of
/// the time of reading a million rows; ids here are short and come from the user's own files.
#[derive(Clone)]
pub(super) struct FastState(u64);

impl Default for FastState {
    fn default() -> Self {
        FastState(std::collections::hash_map::RandomState::new().hash_one(0x6d61_7463_u64))
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.0)
    }
}

pub(super) struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // murmur3's finaliser, so the low and high bits hashbrown uses both depend on every word.
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn hash_bytes(state: &FastState, bytes: &[u8]) -> u64 {
        let mut h = state.build_hasher();
        h.write(bytes);
        h.finish()
    }

    #[test]
    fn the_first_use_of_an_id_is_kept_per_wave() {
        let mut seen = SeenIds::default();
        assert_eq!(seen.first_or_insert(0, "R1", 0, 2), None);
        assert_eq!(seen.first_or_insert(0, "R10", 0, 3), None);
        assert_eq!(seen.first_or_insert(1, "R1", 1, 2), None, "another wave");
        assert_eq!(seen.first_or_insert(0, "R1", 1, 9), Some((0, 2)));
        assert_eq!(
            seen.first_or_insert(0, "R1", 2, 5),
            Some((0, 2)),
            "still the first"
        );
        assert_eq!(seen.first_or_insert(1, "R1", 0, 7), Some((1, 2)));
        assert_eq!(seen.first_or_insert(0, "R10", 0, 4), Some((0, 3)));
        assert_eq!(
            seen.first_or_insert(0, "R", 0, 5),
            None,
            "a prefix is another id"
        );
        assert_eq!(seen.first_or_insert(0, "", 0, 6), None);
        assert_eq!(seen.first_or_insert(0, "", 0, 7), Some((0, 6)));
    }

    #[test]
    fn ids_survive_the_table_growing() {
        // Past the first table (1024 slots) several times, with and without reserving first.
        for reserve in [0, 5_000] {
            let mut seen = SeenIds::default();
            seen.reserve(reserve);
            for n in 0..5_000u64 {
                let id = format!("R{n:05}");
                assert_eq!(seen.first_or_insert((n % 3) as u32, &id, 0, n), None);
            }
            assert!(seen.slots.len().is_power_of_two());
            assert!(seen.entries.len() * 2 <= seen.slots.len());
            for n in 0..5_000u64 {
                let id = format!("R{n:05}");
                assert_eq!(
                    seen.first_or_insert((n % 3) as u32, &id, 1, 0),
                    Some((0, n))
                );
                assert_eq!(seen.first_or_insert((n % 3) as u32 + 3, &id, 1, 0), None);
            }
        }
    }

    #[test]
    fn reserving_keeps_what_was_seen() {
        let mut seen = SeenIds::default();
        seen.first_or_insert(0, "a", 0, 2);
        seen.reserve(10_000);
        assert!(seen.slots.len() >= 20_000);
        assert_eq!(seen.first_or_insert(0, "a", 0, 3), Some((0, 2)));
    }

    #[test]
    fn the_hash_depends_on_every_byte_and_the_length() {
        let state = FastState::default();
        let inputs: [&[u8]; 9] = [
            b"",
            b"\0",
            b"\0\0",
            b"a",
            b"a\0",
            b"12345678",
            b"123456789",
            b"12345679",
            b"R0001",
        ];
        let hashes: HashSet<u64> = inputs.iter().map(|b| hash_bytes(&state, b)).collect();
        assert_eq!(hashes.len(), inputs.len());
        // The same state always gives the same hash; another state (another run) another one.
        assert_eq!(hash_bytes(&state, b"R0001"), hash_bytes(&state, b"R0001"));
        assert_eq!(
            hash_bytes(&state.clone(), b"R0001"),
            hash_bytes(&state, b"R0001")
        );
        let other = FastState(state.0 ^ 1);
        assert_ne!(hash_bytes(&other, b"R0001"), hash_bytes(&state, b"R0001"));
    }

    #[test]
    fn integer_writes_are_one_word_each() {
        let state = FastState(7);
        let word = |f: &dyn Fn(&mut FastHasher)| {
            let mut h = state.build_hasher();
            f(&mut h);
            h.finish()
        };
        let expected = word(&|h| h.add(300));
        assert_eq!(word(&|h| h.write_u32(300)), expected);
        assert_eq!(word(&|h| h.write_u64(300)), expected);
        assert_eq!(word(&|h| h.write_usize(300)), expected);
        assert_eq!(word(&|h| h.write_u8(44)), word(&|h| h.add(44)));
    }

    #[test]
    fn interning_gives_each_label_one_index() {
        let mut map = IdMap::default();
        let mut list = Vec::new();
        assert_eq!(intern(&mut map, &mut list, "MAT-02"), 0);
        assert_eq!(intern(&mut map, &mut list, "MAT-01"), 1);
        assert_eq!(intern(&mut map, &mut list, "MAT-02"), 0);
        assert_eq!(list, ["MAT-02", "MAT-01"]);
    }
}
