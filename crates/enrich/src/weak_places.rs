//! Gazetteer readings too weak to stand for a place on their own, read by both the
//! officials pass (a place before a role names its jurisdiction) and the locations pass
//! (a small place needs support in the text).

use crate::gazetteer::Place;
use crate::model::LocationKind;
use crate::scan::Doc;
use crate::weights::{SMALL_PLACE_POP, TINY_TOWN_POP};

/// A town under [`TINY_TOWN_POP`].
pub fn is_tiny_town(p: &Place) -> bool {
    p.kind == LocationKind::City && p.pop < TINY_TOWN_POP
}

/// A town or region under [`SMALL_PLACE_POP`].
pub fn is_small_place(p: &Place) -> bool {
    matches!(p.kind, LocationKind::City | LocationKind::Admin) && p.pop < SMALL_PLACE_POP
}

/// Are all readings of dictionary entry `entry` tiny towns ([`is_tiny_town`])? Settled per
/// entry at load ([`crate::lexicon::Entry::tiny_towns_only`]).
pub fn tiny_towns_only(doc: &Doc<'_, '_>, entry: u32) -> bool {
    doc.lex.entries[entry as usize].tiny_towns_only
}

/// "the People's Alliance", "Minister of Forest": is the one-word name at token `a` a
/// common English word (`data/common_words.txt`) whose readings are all small towns or
/// regions ([`is_small_place`], settled per entry at load)? Capitalized, such a word is
/// more often a word of a body's or a portfolio's name than a small town abroad, so only
/// the text can make it a place.
pub fn common_word_small_place(doc: &Doc<'_, '_>, a: usize, b: usize, entry: u32) -> bool {
    b == a + 1
        && doc.lex.entries[entry as usize].small_places_only
        && doc.lex.common.contains(&doc.t.toks[a].hash)
}
