//! Country evidence: how strongly the text points at each country, as the resolution
//! passes weigh it.
//!
//! Every pass that weighs countries (the item's context, a place's sense, an official's
//! state) uses these two types, so that "find the country's weight or start it at zero"
//! is written once and iteration order is the same everywhere: countries in the order
//! they were first seen, until [`CountryWeights::sort_best_first`] orders them.

use crate::gazetteer::Cc;

/// A list that keeps its first `N` items inline and moves to the heap only past them.
///
/// The passes build many short lists per item (the countries weighed for each official,
/// the spans and notes of each entity's trace): a heap allocation each made glibc's
/// `malloc` and its merging of freed small chunks a sixth of the cost of enriching a short
/// item (docs/performance.md, section 4). Most such lists hold one to four items.
#[derive(Clone)]
pub struct Few<T: Copy + Default, const N: usize> {
    /// Items held inline (`inline[..len]`) while `spill` is empty.
    len: usize,
    inline: [T; N],
    /// Every item, once there were more than `N`.
    spill: Vec<T>,
}

impl<T: Copy + Default, const N: usize> Few<T, N> {
    pub fn new() -> Self {
        Self {
            len: 0,
            inline: [T::default(); N],
            spill: Vec::new(),
        }
    }

    /// Appends `x`: inline while there is room (most lists), inlined where it is called.
    #[inline]
    pub fn push(&mut self, x: T) {
        if self.spill.is_empty() && self.len < N {
            self.inline[self.len] = x;
            self.len += 1;
        } else {
            self.push_spilled(x);
        }
    }

    /// [`Self::push`] past the inline room: moves the items to the heap first.
    #[cold]
    fn push_spilled(&mut self, x: T) {
        if self.spill.is_empty() {
            self.spill.reserve(2 * N);
            self.spill.extend_from_slice(&self.inline[..self.len]);
        }
        self.spill.push(x);
    }

    pub fn pop(&mut self) -> Option<T> {
        if !self.spill.is_empty() {
            let x = self.spill.pop();
            if self.spill.is_empty() {
                // The spill held every item: none are left.
                self.len = 0;
            }
            return x;
        }
        self.len = self.len.checked_sub(1)?;
        Some(self.inline[self.len])
    }

    /// Inserts `x` at `at` (at most the length), shifting the items after it.
    pub fn insert(&mut self, at: usize, x: T) {
        self.push(x);
        self.as_mut_slice()[at..].rotate_right(1);
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.spill.clear();
    }

    pub fn as_slice(&self) -> &[T] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        if self.spill.is_empty() {
            &mut self.inline[..self.len]
        } else {
            &mut self.spill
        }
    }
}

impl<'f, T: Copy + Default, const N: usize> IntoIterator for &'f Few<T, N> {
    type Item = &'f T;
    type IntoIter = std::slice::Iter<'f, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Copy + Default, const N: usize> Default for Few<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Copy + Default, const N: usize> std::ops::Deref for Few<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Copy + Default, const N: usize> Extend<T> for Few<T, N> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for x in items {
            self.push(x);
        }
    }
}

impl<T: Copy + Default, const N: usize> FromIterator<T> for Few<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut few = Self::new();
        few.extend(items);
        few
    }
}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq for Few<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

/// Compares with an array literal, as the tests write expected lists.
impl<T: Copy + Default + PartialEq, const N: usize, const M: usize> PartialEq<[T; M]>
    for Few<T, N>
{
    fn eq(&self, other: &[T; M]) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + Default + std::fmt::Debug, const N: usize> std::fmt::Debug for Few<T, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

/// Accumulated weight per country.
///
/// A short list, not a map: an item names a handful of countries, and the order in
/// which they were first seen breaks ties deterministically. Eight live inline (an
/// official's weighed countries are built per official).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryWeights(Few<(Cc, f32), 8>);

impl CountryWeights {
    pub fn new() -> Self {
        Self(Few::new())
    }

    /// Adds `w` to `cc`'s weight (a first sighting starts at zero).
    pub fn add(&mut self, cc: Cc, w: f32) {
        match self.0.as_mut_slice().iter_mut().find(|e| e.0 == cc) {
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
            .as_mut_slice()
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
    fn a_few_list_spills_to_the_heap_past_its_room_in_order() {
        let mut few: Few<u32, 2> = Few::new();
        few.push(1);
        few.push(2);
        assert_eq!(few, [1, 2]);
        few.push(3);
        few.push(4);
        assert_eq!(few, [1, 2, 3, 4]);
        few.insert(1, 9);
        assert_eq!(few, [1, 9, 2, 3, 4]);
        assert_eq!(few.pop(), Some(4));
        few.clear();
        assert!(few.is_empty());
        few.push(5);
        assert_eq!(few, [5]);
    }

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
