//! What the text says around a name that the small-tier and unlisted passes both read: a
//! cue that introduces it as a place, a list that goes on, the name used as a surname.
//! Both passes use this module; neither uses the other's internals.

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, OnceCell, RefCell};

use super::{words, Flags};
use crate::claims::{claim, Claims};
use crate::scan::Doc;
use crate::tokens::{phrase_step, PHRASE_SEED};

/// Words after which a capitalized name is introduced as a place: "in Foxford", "near X",
/// "the village of X", "in nearby X". Stricter than [`words::locative`]: "and", "of" and
/// compass words alone do not count, nor "according to X" or "a statement from X".
pub fn small_cue(doc: &Doc<'_, '_>, a: usize) -> bool {
    let Some(mut k) = a.checked_sub(1) else {
        return false;
    };
    if words::cue_adjective(doc.t.lower(k)) {
        let Some(j) = k.checked_sub(1) else {
            return false;
        };
        k = j;
    }
    let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
    match doc.t.lower(k) {
        w if words::small_cue_preposition(w) => true,
        // People are spoken to and quoted from as often as places are reached.
        "to" => !words::to_a_person(before),
        "from" => !words::from_a_source(before),
        "at" => !words::at_a_target(before),
        // "the village of X", "the outskirts of X", "residents of X".
        "of" => words::place_of(before),
        _ => false,
    }
}

/// Does a list that goes on after token `b` end with "and"/"or" and a capitalized name
/// ("X, Y and Z")? A comma alone also ends clauses and appositions ("in Gaza, X said").
pub fn list_goes_on(doc: &Doc<'_, '_>, mut b: usize) -> bool {
    for _ in 0..12 {
        match doc.t.lower(b) {
            "and" | "or" => return doc.is_cap_word(b + 1),
            "," if words::joiner(doc.t.lower(b + 1)) => {
                return doc.is_cap_word(b + 2);
            }
            "," if doc.is_cap_word(b + 1) => {
                b += 1;
                while doc.is_cap_word(b)
                    || (doc.t.is_punct(b, "-") && !doc.t.toks[b].space_before)
                    || (b < doc.len()
                        && doc.word(b).is_some_and(|e| e.particle)
                        && !doc.t.toks[b].cap)
                {
                    b += 1;
                }
            }
            _ => return false,
        }
    }
    false
}

/// Is a name written elsewhere in the item as a person's surname: claimed by a person, or
/// right after a capitalized word that is no place, cue or known word ("Ahmed Twei", "Mary
/// Swinford")?
///
/// One per pass (the claims and the `covered` tokens are the pass's). An item asks about
/// a few names: the first [`SCAN_QUERIES`] phrases are found by a scan of the text (no
/// setup); after that the occurrences of each phrase length are indexed once, so asking
/// about every name of a long text costs linear time, not a scan of the text per name.
/// Each phrase is listed once, with every occurrence, and judged once: a name asked again,
/// or at another of its occurrences, is neither scanned for nor judged again.
pub struct Surnames<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    claims: &'d Claims,
    covered: Flags<'d>,
    /// How many phrases were found by scanning the text so far.
    scans: Cell<usize>,
    /// The low byte of every token's hash, listed at the first scan: a scan for a phrase's
    /// first token then compares sixteen tokens at a time, and reads only the tokens whose
    /// byte matches.
    hash_bytes: OnceCell<Vec<u8>>,
    /// Per phrase length: (phrase hash, start) of every position, sorted, so that the
    /// occurrences of one phrase are a contiguous run in text order (one allocation per
    /// length, found by binary search).
    occurrences: RefCell<HashMap<usize, Vec<(u64, usize)>>>,
    /// (start, length) of every occurrence listed so far -> its phrase's number.
    listed: RefCell<HashMap<(usize, usize), usize>>,
    /// Per phrase number: its occurrences in text order, and the answer once judged.
    phrases: RefCell<Vec<(Vec<usize>, Option<bool>)>>,
}

impl<'d, 'a, 'l> Surnames<'d, 'a, 'l> {
    pub fn new(doc: &'d Doc<'a, 'l>, claims: &'d Claims, covered: Flags<'d>) -> Self {
        Self {
            doc,
            claims,
            covered,
            scans: Cell::new(0),
            hash_bytes: OnceCell::new(),
            occurrences: RefCell::new(HashMap::default()),
            listed: RefCell::new(HashMap::default()),
            phrases: RefCell::new(Vec::new()),
        }
    }

    /// Every start `k` where tokens `k..k + (b - a)` are written as `a..b`, in text order.
    pub fn occurrences(&self, a: usize, b: usize) -> Vec<usize> {
        self.phrase(a, b)
            .map_or_else(Vec::new, |x| self.phrases.borrow()[x].0.clone())
    }

    /// The number of the phrase written at `a..b` (`None` for no tokens), listed with its
    /// occurrences when first asked.
    fn phrase(&self, a: usize, b: usize) -> Option<usize> {
        if b <= a || b > self.doc.len() {
            return None;
        }
        let len = b - a;
        if let Some(&x) = self.listed.borrow().get(&(a, len)) {
            return Some(x);
        }
        let ks = self.find(a, b);
        let mut phrases = self.phrases.borrow_mut();
        let x = phrases.len();
        let mut listed = self.listed.borrow_mut();
        for &k in &ks {
            listed.insert((k, len), x);
        }
        phrases.push((ks, None));
        Some(x)
    }

    /// The occurrences of `a..b` (some tokens, within the text), found in the text.
    fn find(&self, a: usize, b: usize) -> Vec<usize> {
        let len = b - a;
        let doc = self.doc;
        let n = doc.len();
        let same = |k: usize| (0..len).all(|x| doc.t.toks[k + x].hash == doc.t.toks[a + x].hash);
        if self.scans.get() < SCAN_QUERIES {
            self.scans.set(self.scans.get() + 1);
            let first = doc.t.toks[a].hash;
            let bytes = self
                .hash_bytes
                .get_or_init(|| doc.t.toks.iter().map(|t| t.hash as u8).collect());
            let mut found = Vec::new();
            each_position_of(&bytes[..=n - len], first as u8, |k| {
                if doc.t.toks[k].hash == first && same(k) {
                    found.push(k);
                }
            });
            return found;
        }
        let mut index = self.occurrences.borrow_mut();
        let sorted = index.entry(len).or_insert_with(|| {
            let mut v: Vec<(u64, usize)> = (0..=n - len)
                .map(|k| (phrase_hash(doc, k, k + len), k))
                .collect();
            v.sort_unstable();
            v
        });
        let h = phrase_hash(doc, a, b);
        let from = sorted.partition_point(|e| e.0 < h);
        sorted[from..]
            .iter()
            .take_while(|e| e.0 == h)
            .map(|e| e.1)
            .filter(|&k| same(k))
            .collect()
    }

    /// Is the name at `a..b` used as a surname anywhere in the item?
    pub fn used_as_surname(&self, a: usize, b: usize) -> bool {
        let Some(x) = self.phrase(a, b) else {
            return false;
        };
        if let Some(known) = self.phrases.borrow()[x].1 {
            return known;
        }
        let answer = self.phrases.borrow()[x]
            .0
            .iter()
            .any(|&k| self.surname_at(k));
        self.phrases.borrow_mut()[x].1 = Some(answer);
        answer
    }

    /// Is the occurrence starting at `k` a surname?
    fn surname_at(&self, k: usize) -> bool {
        let (doc, claims) = (self.doc, self.claims);
        if claims[k] & claim::PERSON != 0 {
            return true;
        }
        k > 0
            && !doc.sent_start[k]
            && !doc.t.toks[k].newline_before
            && claims[k - 1] & claim::PLACE == 0
            && !self.covered.has(k - 1)
            && !small_cue(doc, k)
            // First names are often places too ("Mary", "Jordan"): any word that can be
            // part of a name counts, unless it was resolved as a place here.
            && crate::names::name_word(doc, k - 1)
    }
}

/// How many phrases [`Surnames`] finds by scanning the text before it indexes the
/// occurrences: a scan costs a comparison per token, an index a hash per token and a sort,
/// so a few dozen scans of an ordinary item are cheaper, and the bound keeps the total
/// linear.
const SCAN_QUERIES: usize = 32;

/// Calls `f` with every position of the byte `b` in `bytes`, in order. Sixteen bytes are
/// compared at a time (most chunks hold none).
fn each_position_of(bytes: &[u8], b: u8, mut f: impl FnMut(usize)) {
    let mut chunks = bytes.chunks_exact(16);
    let mut at = 0;
    let mut each_in = |chunk: &[u8], at: usize| {
        for (x, &y) in chunk.iter().enumerate() {
            if y == b {
                f(at + x);
            }
        }
    };
    for chunk in &mut chunks {
        if let Ok(c) = <&[u8; 16]>::try_from(chunk) {
            if c.iter().fold(false, |any, &y| any | (y == b)) {
                each_in(chunk, at);
            }
        }
        at += 16;
    }
    each_in(chunks.remainder(), at);
}

/// Phrase hash of tokens `a..b` as written.
fn phrase_hash(doc: &Doc<'_, '_>, a: usize, b: usize) -> u64 {
    (a..b).fold(PHRASE_SEED, |h, k| phrase_step(h, doc.t.toks[k].hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_of_a_byte_is_found_in_order() {
        // Hits at both ends of a chunk of sixteen, and in the remainder after the chunks.
        let mut bytes = vec![0u8; 40];
        let at = [0, 15, 16, 33, 39];
        for &k in &at {
            bytes[k] = 7;
        }
        bytes[20] = 8;
        let mut found = Vec::new();
        each_position_of(&bytes, 7, |k| found.push(k));
        assert_eq!(found, at);
        found.clear();
        each_position_of(&bytes[..10], 8, |k| found.push(k));
        assert!(found.is_empty());
        each_position_of(&bytes, 8, |k| found.push(k));
        assert_eq!(found, [20]);
    }

    #[test]
    fn a_phrase_is_listed_once_with_every_occurrence() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "Police in Swinford said Mary Swinford left Swinford, and Swinford Road.";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let claims = Claims::new(doc.len());
        let s = Surnames::new(&doc, &claims, Flags(&[]));
        let at: Vec<usize> = (0..doc.len())
            .filter(|&k| doc.t.surface(k) == "Swinford")
            .collect();
        assert_eq!(at.len(), 4);
        // Asked at any occurrence, the same list and the same answer ("Mary Swinford").
        for &a in &at {
            assert_eq!(s.occurrences(a, a + 1), at);
            assert!(s.used_as_surname(a, a + 1));
        }
        let road = (0..doc.len())
            .find(|&k| doc.t.surface(k) == "Road")
            .expect("a road");
        assert_eq!(s.occurrences(road - 1, road + 1), [road - 1]);
        assert!(!s.used_as_surname(road - 1, road + 1));
        assert_eq!(s.phrases.borrow().len(), 2);
        assert!(s.occurrences(3, 3).is_empty());
        assert!(s.occurrences(doc.len(), doc.len() + 1).is_empty());
    }
}
