//! The phrase dictionary as the tag stage reads it.
//!
//! [`crate::scan`] probes the dictionary at almost every token of every item, and the
//! dictionary (some 250,000 phrase hashes and their entries) is far larger than the
//! caches: a probe of the loader's hash map touched its control bytes, then its slot, then
//! the entry to see which meanings it has, three cache misses for most tokens. This table
//! keeps the key, the entry number and the entry's meanings as bits in one 16-byte slot
//! (open addressing, linear probing, at most half full), so that a probe usually costs one
//! miss and the entry itself is read only for the matches a pass asks about.

use crate::lexicon::Entry;

/// The meanings and shape of an entry, as bits (what [`crate::scan`] needs to tell
/// whether a match is valid and whether a longer one may follow).
pub mod bit {
    /// The phrase is a complete key (not only a prefix of a longer one).
    pub const COMPLETE: u16 = 1;
    /// A longer key starts with this phrase.
    pub const PREFIX: u16 = 1 << 1;
    pub const PLACES: u16 = 1 << 2;
    pub const PLACE_ACRO: u16 = 1 << 3;
    pub const ORG: u16 = 1 << 4;
    pub const ORG_ACRO: u16 = 1 << 5;
    pub const DEMONYM: u16 = 1 << 6;
    pub const TITLE: u16 = 1 << 7;
    pub const STOP: u16 = 1 << 8;
    pub const ORG_HEAD: u16 = 1 << 9;
    pub const PARTICLE: u16 = 1 << 10;
    pub const SUFFIX: u16 = 1 << 11;
}

/// The bits of `e`.
pub fn bits_of(e: &Entry) -> u16 {
    let mut b = 0;
    let mut set = |on: bool, bit: u16| {
        if on {
            b |= bit;
        }
    };
    set(e.complete, bit::COMPLETE);
    set(e.prefix, bit::PREFIX);
    set(!e.places.is_empty(), bit::PLACES);
    set(e.place_acro, bit::PLACE_ACRO);
    set(e.org.is_some(), bit::ORG);
    set(e.org_acro, bit::ORG_ACRO);
    set(e.demonym.is_some(), bit::DEMONYM);
    set(e.title != 0, bit::TITLE);
    set(e.stop, bit::STOP);
    set(e.org_head, bit::ORG_HEAD);
    set(e.particle, bit::PARTICLE);
    set(e.place_suffix.is_some(), bit::SUFFIX);
    b
}

/// A phrase found in the table: its entry number and its [`bit`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub entry: u32,
    pub bits: u16,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    /// `EMPTY` for a free slot (a key may be any 64-bit value).
    entry: u32,
    bits: u16,
}

const EMPTY: u32 = u32::MAX;

/// Phrase hash -> entry number and meanings.
#[derive(Debug)]
pub struct PhraseTable {
    slots: Box<[Slot]>,
    /// 64 minus the number of index bits.
    shift: u32,
}

impl Default for PhraseTable {
    fn default() -> Self {
        Self::build(std::iter::empty())
    }
}

impl PhraseTable {
    /// The table of `(phrase hash, entry number, bits)`; a key given twice keeps its first
    /// entry (the loader's map has no duplicates).
    pub fn build(keys: impl ExactSizeIterator<Item = (u64, u32, u16)>) -> Self {
        // At most half full: short probe runs, and the table stays one slot per miss.
        let index_bits = (keys.len().max(1) * 2).next_power_of_two().trailing_zeros();
        let mut t = PhraseTable {
            slots: vec![
                Slot {
                    key: 0,
                    entry: EMPTY,
                    bits: 0
                };
                1 << index_bits
            ]
            .into_boxed_slice(),
            shift: 64 - index_bits,
        };
        let mask = t.slots.len() - 1;
        for (key, entry, bits) in keys {
            let mut i = t.home(key);
            while t.slots[i].entry != EMPTY && t.slots[i].key != key {
                i = (i + 1) & mask;
            }
            if t.slots[i].entry == EMPTY && entry != EMPTY {
                t.slots[i] = Slot { key, entry, bits };
            }
        }
        t
    }

    /// The slot a key starts its probe at: the top bits of a multiplicative hash, since
    /// the low bits of the phrase hashes (products themselves) mix least.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    #[inline]
    pub fn get(&self, key: u64) -> Option<Found> {
        let mask = self.slots.len() - 1;
        // (`home` is below the length already: the mask only lets the compiler see that
        // the slot exists.)
        let mut i = self.home(key) & mask;
        loop {
            let s = self.slots.get(i)?;
            if s.entry == EMPTY {
                return None;
            }
            if s.key == key {
                return Some(Found {
                    entry: s.entry,
                    bits: s.bits,
                });
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of keys (tests only: the tag stage never asks).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.entry != EMPTY).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_it_was_built_with_and_no_other() {
        // Keys that share their top bits collide on purpose, and key 0 is a valid key.
        let keys: Vec<(u64, u32, u16)> = (1..5000u64)
            .map(|i| {
                (
                    i.wrapping_mul(0x1000_0000_0000_0001) ^ (i << 7),
                    i as u32,
                    i as u16,
                )
            })
            .chain(std::iter::once((0, 9999, 3)))
            .collect();
        let t = PhraseTable::build(keys.iter().copied());
        assert_eq!(t.len(), keys.len());
        for &(k, e, b) in &keys {
            assert_eq!(t.get(k), Some(Found { entry: e, bits: b }), "key {k:#x}");
        }
        for k in 1_000_000..1_001_000u64 {
            assert!(keys.iter().all(|x| x.0 != k) && t.get(k).is_none());
        }
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let t = PhraseTable::default();
        assert_eq!(t.get(0), None);
        assert_eq!(t.get(u64::MAX), None);
    }

    #[test]
    fn the_table_agrees_with_the_loaded_dictionary() {
        let lex = crate::lexicon::Lexicon::load().expect("bundled data loads");
        let mut s = crate::tokens::Scratch::default();
        for phrase in [
            "united states",
            "gaza strip",
            "prime minister",
            "the",
            "kyiv",
        ] {
            let mut h = crate::tokens::PHRASE_SEED;
            for &th in crate::tokens::token_hashes(phrase, &mut s) {
                h = crate::tokens::phrase_step(h, th);
            }
            let f = lex.phrases.get(h).expect("a bundled phrase");
            let e = &lex.entries[f.entry as usize];
            assert!(e.complete, "{phrase}");
            assert_eq!(f.bits, bits_of(e), "{phrase}");
        }
    }
}
