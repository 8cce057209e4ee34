//! Where the text puts a span: the place read right after its phrase ("X village in Y",
//! "X, Y"), else the nearest one before it in its sentence, else a demonym of the sentence,
//! else the nearest place after it there. Seas and multi-country regions contain nothing.
//!
//! An index over the places read so far, built when first asked (most items never ask),
//! so that asking for every span of a long text costs a binary search each, not a scan of
//! every place. The demonyms are the item's, found once however many sets of places ask
//! ([`Demonyms`]).

use std::cell::OnceCell;

use crate::claims::Claims;
use crate::model::LocationKind;
use crate::scan::{ok, Doc};

/// The land places read so far, indexed by start and end.
pub struct Containers<'x> {
    /// (start, end, place) of the land places, in their order.
    land: Vec<(usize, usize, u32)>,
    /// The index over `land`; built when first asked.
    index: OnceCell<Index>,
    demonyms: &'x Demonyms,
}

/// The tokens where an unclaimed demonym match starts, in text order; found when first
/// asked, once per item (the claims do not change while places are placed).
#[derive(Default)]
pub struct Demonyms(OnceCell<Vec<usize>>);

impl Demonyms {
    /// The nearest unclaimed demonym start at or before token `j` in `j`'s sentence.
    fn nearest(&self, doc: &Doc<'_, '_>, claims: &Claims, j: usize) -> Option<usize> {
        let starts = self.0.get_or_init(|| demonym_starts(doc, claims));
        let k = *starts[..starts.partition_point(|&k| k <= j)].last()?;
        (doc.sent_id[k] == doc.sent_id[j]).then_some(k)
    }
}

/// The land places sorted by end and by start.
struct Index {
    /// (end, order, start, place), sorted.
    by_end: Vec<(usize, usize, usize, u32)>,
    /// (start, order, place), sorted: the first of a start is the first read there.
    by_start: Vec<(usize, usize, u32)>,
}

impl<'x> Containers<'x> {
    /// Keeps the land places of `placed` (spans `a..b` with their place), in their order;
    /// `demonyms` are the item's.
    pub fn new(
        doc: &Doc<'_, '_>,
        demonyms: &'x Demonyms,
        placed: impl Iterator<Item = (usize, usize, u32)>,
    ) -> Self {
        let is_land = |p: u32| doc.lex.places[p as usize].kind != LocationKind::Geo;
        // Sized for all of them at once (most are on land), not grown as they come.
        let mut land = Vec::with_capacity(placed.size_hint().1.unwrap_or(0));
        land.extend(placed.filter(|s| is_land(s.2)));
        Self {
            land,
            index: OnceCell::new(),
            demonyms,
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut by_end = Vec::with_capacity(self.land.len());
            let mut by_start = Vec::with_capacity(self.land.len());
            for (x, &(a, b, p)) in self.land.iter().enumerate() {
                by_end.push((b, x, a, p));
                by_start.push((a, x, p));
            }
            by_end.sort_unstable();
            by_start.sort_unstable();
            Index { by_end, by_start }
        })
    }

    /// The place named right after a phrase ending before token `end`: "X village in Y",
    /// "X, Y", "X of the Y".
    pub fn right_after(&self, doc: &Doc<'_, '_>, end: usize) -> Option<u32> {
        if !matches!(doc.t.lower(end), "," | "in" | "of") {
            return None;
        }
        let mut k = end + 1;
        if doc.t.lower(k) == "the" {
            k += 1;
        }
        let by_start = &self.index().by_start;
        by_start
            .get(by_start.partition_point(|e| e.0 < k))
            .filter(|e| e.0 == k)
            .map(|e| e.2)
    }

    /// The place the text puts the span `a..end` in (see the module comment).
    pub fn around(&self, doc: &Doc<'_, '_>, claims: &Claims, a: usize, end: usize) -> Option<u32> {
        if let Some(p) = self.right_after(doc, end) {
            return Some(p);
        }
        let sent = doc.sent_id.get(a).copied()?;
        self.before(doc, a, sent)
            .or_else(|| self.demonym_before(doc, claims, a, sent))
            .or_else(|| self.after(doc, end, sent))
    }

    /// The place of sentence `sent` ending nearest before `a` (the last read of those).
    fn before(&self, doc: &Doc<'_, '_>, a: usize, sent: u32) -> Option<u32> {
        let first_of_sentence = doc.sent_id.partition_point(|&s| s < sent);
        let by_end = &self.index().by_end;
        let upto = by_end.partition_point(|e| e.0 <= a);
        by_end[..upto]
            .iter()
            .rev()
            // A place ending at or before the sentence's start starts in an earlier one.
            .take_while(|e| e.0 > first_of_sentence)
            .find(|e| doc.sent_id[e.2] == sent)
            .map(|e| e.3)
    }

    /// The place of sentence `sent` starting nearest at or after `end` (the first read).
    fn after(&self, doc: &Doc<'_, '_>, end: usize, sent: u32) -> Option<u32> {
        let by_start = &self.index().by_start;
        let from = by_start.partition_point(|e| e.0 < end);
        // Sentences only grow with the tokens: the first place after is in this sentence
        // or none is.
        by_start
            .get(from)
            .filter(|e| doc.sent_id[e.0] == sent)
            .map(|e| e.2)
    }

    /// "On the Spanish side, ... near La Jonquera": a demonym of the sentence before `a`
    /// names the country when no place does (not one inside a title: "Chinese Foreign
    /// Minister Wang Yi").
    fn demonym_before(
        &self,
        doc: &Doc<'_, '_>,
        claims: &Claims,
        a: usize,
        sent: u32,
    ) -> Option<u32> {
        let j = a.checked_sub(1)?;
        if doc.sent_id[j] != sent {
            return None;
        }
        let k = self.demonyms.nearest(doc, claims, j)?;
        doc.seg_with(k, ok::DEMONYM)
            .and_then(|s| doc.entry(&s).demonym)
            .and_then(|cc| doc.lex.country_of(cc))
    }
}

/// The unclaimed tokens where a demonym match starts, in order.
fn demonym_starts(doc: &Doc<'_, '_>, claims: &Claims) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = super::next_match(doc, from, ok::DEMONYM) {
        if claims[k] == 0 {
            out.push(k);
        }
        from = k + 1;
    }
    out
}
