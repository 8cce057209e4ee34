//! Gazetteer readings too weak to stand for a place on their own, read by both the
//! officials pass (a place before a role names its jurisdiction) and the locations pass
//! (a small place needs support in the text).

use crate::model::LocationKind;
use crate::scan::Doc;
use crate::weights::{SMALL_PLACE_POP, TINY_TOWN_POP};

/// Are all readings of dictionary entry `entry` towns under [`TINY_TOWN_POP`]?
pub fn tiny_towns_only(doc: &Doc<'_, '_>, entry: u32) -> bool {
    let e = &doc.lex.entries[entry as usize];
    !e.places.is_empty()
        && e.places.iter().all(|&pid| {
            let p = &doc.lex.places[pid as usize];
            p.kind == LocationKind::City && p.pop < TINY_TOWN_POP
        })
}

/// "the People's Alliance", "Minister of Forest": is the one-word name at token `a` a
/// common English word (`data/common_words.txt`) whose readings are all towns or regions
/// under [`SMALL_PLACE_POP`]? Capitalized, such a word is more often a word of a body's or
/// a portfolio's name than a small town abroad, so only the text can make it a place.
pub fn common_word_small_place(doc: &Doc<'_, '_>, a: usize, b: usize, entry: u32) -> bool {
    let e = &doc.lex.entries[entry as usize];
    b == a + 1
        && doc.lex.common.contains(&doc.t.toks[a].hash)
        && !e.places.is_empty()
        && e.places.iter().all(|&pid| {
            let p = &doc.lex.places[pid as usize];
            matches!(p.kind, LocationKind::City | LocationKind::Admin) && p.pop < SMALL_PLACE_POP
        })
}
