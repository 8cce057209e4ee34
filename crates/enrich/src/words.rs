//! The closed word classes the tag stage and the tokenizer read, one list per concept.
//!
//! Written as `matches!` arms inside small named predicates: the compiler turns them into
//! a few comparisons on length and bytes, faster than a hash probe for lists this short.
//! Open classes (titles, bodies, demonyms, places) are data files under `data/`; the
//! passes' own construction words live beside each pass (`locations/words.rs`,
//! `officials/words.rs`).

/// Abbreviations whose trailing period belongs to the token ("Gen.", "Mr.", "St.").
pub fn is_abbrev(lower: &str) -> bool {
    is_abbrev_bytes(lower.as_bytes())
}

/// [`is_abbrev`] over bytes (the tokenizer's fast path has bytes it knows to be ASCII).
pub fn is_abbrev_bytes(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"gen"
            | b"maj"
            | b"lt"
            | b"col"
            | b"brig"
            | b"adm"
            | b"capt"
            | b"sgt"
            | b"sen"
            | b"rep"
            | b"gov"
            | b"st"
            | b"prof"
            | b"rev"
            | b"jr"
            | b"sr"
            | b"cmdr"
            | b"cpl"
            | b"pvt"
            | b"amb"
            | b"pres"
            | b"hon"
            | b"no"
            | b"vs"
            | b"inc"
            | b"ltd"
            | b"co"
            | b"corp"
            | b"jan"
            | b"feb"
            | b"aug"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"mt"
            | b"ft"
            | b"gens"
    )
}

/// Weekdays and months, lowercased. Bodies and names end before them ("the Central Bank
/// of Nigeria on Friday"). Note "may": callers that meet it capitalized inside names
/// (Theresa May) must decide for themselves.
pub fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Name particles that may sit inside a person's or place's name in lowercase.
pub const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "da", "de", "do", "dos", "das", "del", "della", "di",
    "du", "van", "von", "der", "den", "ter", "le", "la", "y", "e", "ben", "ould", "zu", "af",
    "mac",
];

/// A lowercase kind word that may end a place name in the dictionary ("Washington
/// state", "Gaza city", "the Gaza strip").
pub fn is_lowercase_place_ending(w: &str) -> bool {
    matches!(
        w,
        "state"
            | "province"
            | "region"
            | "city"
            | "county"
            | "oblast"
            | "governorate"
            | "district"
            | "subcontinent"
            | "peninsula"
            | "strip"
            | "valley"
            | "river"
            | "corridor"
            | "islands"
            | "desert"
    )
}

/// Verbs of succession before the holder a successor replaces ("X will replace Y as
/// ROLE", "X succeeds Y as ROLE"), read by the officials pass (the successor takes the
/// role) and the events pass (the appointment's participant).
pub fn succession_verb(w: &str) -> bool {
    matches!(
        w,
        "replace"
            | "replaces"
            | "replaced"
            | "replacing"
            | "succeed"
            | "succeeds"
            | "succeeded"
            | "succeeding"
    )
}
