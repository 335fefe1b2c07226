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

/// The low 32 bits of a slot: a tag taken from the key's hash (the slot's place comes from the
/// hash's high bits, so the two are independent).
const TAG: u64 = 0xFFFF_FFFF;

/// Keys (wave, text) already seen, each by its number in a store kept elsewhere (the survey's
/// rows, for response ids): an open-addressing table (linear probing, at most five-eighths
/// full) of numbers, so that a million ids cost 13 bytes each here and their text is kept once.
/// The tag in each slot rules out most other keys without reading them.
#[derive(Default)]
pub(super) struct SeenIds {
    /// 0 = empty, else the key's number plus one over the hash's tag.
    slots: Vec<u64>,
    used: usize,
    state: FastState,
}

impl SeenIds {
    fn hash(&self, wave: u32, id: &str) -> u64 {
        let mut h = self.state.build_hasher();
        h.write_u32(wave);
        h.write(id.as_bytes());
        h.finish()
    }

    /// The slot a hash starts probing at: its high bits scaled to the table (the table need not
    /// be a power of two long).
    fn home(&self, h: u64) -> usize {
        ((u128::from(h) * self.slots.len() as u128) >> 64) as usize
    }

    /// Room for `more` keys without growing the table; `key_of` gives the keys already in it.
    pub(super) fn reserve<'k>(&mut self, more: usize, key_of: impl Fn(u32) -> (u32, &'k str)) {
        let want = ((self.used + more) * 8).div_ceil(5).max(1024);
        if want > self.slots.len() {
            self.rebuild(want, key_of);
        }
    }

    fn rebuild<'k>(&mut self, size: usize, key_of: impl Fn(u32) -> (u32, &'k str)) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|s| *s != 0) {
            let number = (slot >> 32) as u32 - 1;
            let (wave, id) = key_of(number);
            let h = self.hash(wave, id);
            let mut i = self.home(h);
            while self.slots[i] != 0 {
                i = if i + 1 == size { 0 } else { i + 1 };
            }
            self.slots[i] = slot;
        }
    }

    /// The number of the key `(wave, id)` if it was seen; else `None`, after recording it as
    /// number `next`. `key_of` gives the keys already seen by number.
    pub(super) fn first_or_insert<'k>(
        &mut self,
        wave: u32,
        id: &str,
        next: u32,
        key_of: impl Fn(u32) -> (u32, &'k str),
    ) -> Option<u32> {
        if (self.used + 1) * 8 > self.slots.len() * 5 {
            self.rebuild((self.slots.len() * 2).max(1024), &key_of);
        }
        let h = self.hash(wave, id);
        let tag = h & TAG;
        let size = self.slots.len();
        let mut i = self.home(h);
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = (u64::from(next) + 1) << 32 | tag;
                    self.used += 1;
                    return None;
                }
                slot if slot & TAG == tag => {
                    let number = (slot >> 32) as u32 - 1;
                    if key_of(number) == (wave, id) {
                        return Some(number);
                    }
                }
                _ => {}
            }
            i = if i + 1 == size { 0 } else { i + 1 };
        }
    }
}

/// Rows told apart by content (their cells as one text, per wave), by number, with where each
/// was first seen: the store of [`SeenIds`] for exports whose ids do not tell responses apart.
#[derive(Default)]
pub(super) struct Contents {
    text: String,
    /// Per key: where its text ends, its wave, file and line.
    keys: Vec<(usize, u32, u32, u64)>,
}

impl Contents {
    pub(super) fn key(&self, number: u32) -> (u32, &str) {
        let n = number as usize;
        let start = if n == 0 { 0 } else { self.keys[n - 1].0 };
        let (end, wave, _, _) = self.keys[n];
        (wave, &self.text[start..end])
    }

    /// Where key `number` was first seen: (file, line).
    pub(super) fn first(&self, number: u32) -> (u32, u64) {
        let (_, _, file, line) = self.keys[number as usize];
        (file, line)
    }

    pub(super) fn len(&self) -> u32 {
        self.keys.len() as u32
    }

    pub(super) fn push(&mut self, wave: u32, key: &str, file: u32, line: u64) {
        self.text.push_str(key);
        self.keys.push((self.text.len(), wave, file, line));
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

    /// A table with its store: the (file, line) where `(wave, id)` was first seen, or `None`
    /// after recording it there.
    #[derive(Default)]
    struct Seen {
        table: SeenIds,
        store: Contents,
    }

    impl Seen {
        fn first_or_insert(
            &mut self,
            wave: u32,
            id: &str,
            file: u32,
            line: u64,
        ) -> Option<(u32, u64)> {
            let store = &self.store;
            match self
                .table
                .first_or_insert(wave, id, store.len(), |n| store.key(n))
            {
                Some(n) => Some(self.store.first(n)),
                None => {
                    self.store.push(wave, id, file, line);
                    None
                }
            }
        }

        fn reserve(&mut self, more: usize) {
            let store = &self.store;
            self.table.reserve(more, |n| store.key(n));
        }
    }

    #[test]
    fn the_first_use_of_an_id_is_kept_per_wave() {
        let mut seen = Seen::default();
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
            let mut seen = Seen::default();
            seen.reserve(reserve);
            for n in 0..5_000u64 {
                let id = format!("R{n:05}");
                assert_eq!(seen.first_or_insert((n % 3) as u32, &id, 0, n), None);
            }
            assert!(seen.table.used * 8 <= seen.table.slots.len() * 5);
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
        let mut seen = Seen::default();
        seen.first_or_insert(0, "a", 0, 2);
        seen.reserve(10_000);
        assert!(seen.table.slots.len() >= 16_000);
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
