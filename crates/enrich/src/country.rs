//! Country evidence: how strongly the text points at each country, as the resolution
//! passes weigh it.
//!
//! Every pass that weighs countries (the item's context, a place's sense, an official's
//! state) uses these two types, so that "find the country's weight or start it at zero"
//! is written once and iteration order is the same everywhere: countries in the order
//! they were first seen, until [`CountryWeights::sort_best_first`] orders them.

use crate::gazetteer::Cc;

/// Accumulated weight per country.
///
/// A small vector, not a map: an item names a handful of countries, and the order in
/// which they were first seen breaks ties deterministically.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryWeights(Vec<(Cc, f32)>);

impl CountryWeights {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Adds `w` to `cc`'s weight (a first sighting starts at zero).
    pub fn add(&mut self, cc: Cc, w: f32) {
        match self.0.iter_mut().find(|e| e.0 == cc) {
            Some(e) => e.1 += w,
            None => self.0.push((cc, w)),
        }
    }

    /// The weight of `cc`, zero when the text gave it none.
    pub fn get(&self, cc: Cc) -> f32 {
        self.0.iter().find(|e| e.0 == cc).map_or(0.0, |e| e.1)
    }

    /// Heaviest first; equal weights by country code, so the order never depends on the
    /// order of the evidence.
    pub fn sort_best_first(&mut self) {
        self.0
            .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }

    /// Every country with its weight, in the current order.
    pub fn iter(&self) -> impl Iterator<Item = (Cc, f32)> + '_ {
        self.0.iter().copied()
    }

    /// The first country in the current order (the best after `sort_best_first`).
    pub fn first(&self) -> Option<Cc> {
        self.0.first().map(|e| e.0)
    }

    /// Each weight multiplied by `k`, order kept.
    pub fn scaled(&self, k: f32) -> Self {
        Self(self.0.iter().map(|&(cc, w)| (cc, k * w)).collect())
    }

    /// The largest weight (zero when empty).
    pub fn max_weight(&self) -> f32 {
        self.0.iter().map(|e| e.1).fold(0.0f32, f32::max)
    }

    /// The heaviest country other than `except` (the first seen among equals), with its
    /// weight; `(NO_CC, 0.0)` when there is none with a positive weight.
    pub fn best_except(&self, except: Cc) -> (Cc, f32) {
        self.0
            .iter()
            .filter(|e| e.0 != except)
            .fold((crate::gazetteer::NO_CC, 0.0f32), |m, e| {
                if e.1 > m.1 {
                    (e.0, e.1)
                } else {
                    m
                }
            })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A piece of country evidence at one place in the text: a resolved place or a demonym,
/// which an official in the same sentence may take as theirs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    /// Sentence number of the evidence.
    pub sentence: u32,
    /// Token index of the evidence.
    pub token: usize,
    pub country: Cc,
    pub weight: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_accumulates_and_best_first_breaks_ties_by_code() {
        let mut w = CountryWeights::new();
        w.add(*b"US", 1.0);
        w.add(*b"FR", 2.0);
        w.add(*b"US", 1.0);
        w.add(*b"DE", 0.5);
        assert_eq!(w.get(*b"US"), 2.0);
        assert_eq!(w.get(*b"GB"), 0.0);
        w.sort_best_first();
        let order: Vec<Cc> = w.iter().map(|e| e.0).collect();
        assert_eq!(order, [*b"FR", *b"US", *b"DE"]);
        assert_eq!(w.best_except(*b"FR"), (*b"US", 2.0));
        assert_eq!(w.max_weight(), 2.0);
    }
}
