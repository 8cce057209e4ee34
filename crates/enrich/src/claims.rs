//! Which tokens an earlier pass has taken, and as what.
//!
//! One span is never reported as two kinds of entity: a person's name is no place ("Jordan
//! Bardella"), a role's qualifier is no place ("US" of "US Secretary of State"). The
//! passes hand this mask on in the order of [`crate::Enricher::enrich`]'s pass table; a
//! pass that takes tokens receives it as `&mut Claims`, a pass that only respects them as
//! `&Claims`, so the table shows who writes it.

use std::ops::Index;

/// What took a token (bits; a token may carry several).
pub mod claim {
    pub const PERSON: u8 = 1;
    pub const TITLE: u8 = 2;
    pub const PLACE: u8 = 8;
}

/// One mark per token.
#[derive(Debug, Clone)]
pub struct Claims(Vec<u8>);

impl Claims {
    /// Nothing taken, for a document of `n` tokens.
    pub fn new(n: usize) -> Self {
        Self(vec![0; n])
    }

    /// Are tokens `a..b` all untaken? False when the range runs past the document.
    pub fn free(&self, a: usize, b: usize) -> bool {
        self.0.get(a..b).is_some_and(|c| c.iter().all(|&x| x == 0))
    }

    /// Marks tokens `a..b` (clipped to the document) as taken by `what`.
    pub fn claim(&mut self, a: usize, b: usize, what: u8) {
        let b = b.min(self.0.len());
        for c in self.0.iter_mut().take(b).skip(a) {
            *c |= what;
        }
    }
}

impl Index<usize> for Claims {
    type Output = u8;

    fn index(&self, k: usize) -> &u8 {
        &self.0[k]
    }
}
