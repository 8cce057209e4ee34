//! Places in no gazetteer that the text itself introduces as places.
//!
//! News names villages, suburbs, districts and rivers far below any gazetteer's cut ("the
//! villages of Ceel Baraf and Mahaday Weyne", "Kasimpar village", "suburbs such as Crosby
//! and Northcliff", "Moqokori, a farming settlement"). A capitalized name the lexicon does
//! not know is still a place when the sentence says so through a place noun around it. This
//! pass finds those names after people, titles, organizations and known places have taken
//! their words, so only the leftovers are read, and only where one of these cues holds:
//!
//! * a place noun and "of" before a list of names: "the villages of A and B", "the town of
//!   A", "the outskirts of A";
//! * a plural place noun and "such as" / "including" / "like" before the list: "suburbs
//!   such as A, B and C";
//! * a place noun after the name or list, in lowercase: "A village", "A and B districts",
//!   "A rural municipality", "the A and B rivers";
//! * an apposition that says what the name is: "A, a farming settlement on the road";
//! * "near A", "north of A", "A's outskirts" (a compass word or "near" right before);
//! * "in A, B" / "in A in B" where B is a place already found;
//! * Korean administrative suffixes: "Myeongil-dong", "Gangdong-gu".
//!
//! The caller gives each such place the country and coordinates of the place the text puts
//! it in, and marks it approximate.

use super::cues::{list_goes_on, Surnames};
use super::small::known_anywhere;
use super::words::{self, place_noun_of_hash, PLACE_NOUNS};
use super::Flags;
use crate::claims::{claim, Claims};
use crate::model::LocationKind;
use crate::scan::{ok, Doc};
use crate::tokens::Kind;

/// Longest name read here, in tokens ("Son en Breugel", "Mahaday Weyne").
const MAX_RUN: usize = 5;

/// A place found by [`find`]: the name `a..b`, its kind, and `end`, the token after the
/// whole phrase ("Kasimpar village" ends after "village"); the cue that introduced it.
#[derive(Debug, Clone, Copy)]
pub struct Unlisted {
    pub a: usize,
    pub b: usize,
    pub end: usize,
    pub kind: LocationKind,
    pub cue: Cue,
}

/// The cue that introduced an unlisted place: its rule name and the tokens it read.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub rule: &'static str,
    pub at: (usize, usize),
}

impl Cue {
    fn new(rule: &'static str, a: usize, b: usize) -> Self {
        Self { rule, at: (a, b) }
    }
}

/// Does the token after a trailing place noun end the noun phrase? ("A village, where",
/// "A village on", "A village.")
fn phrase_ends(doc: &Doc<'_, '_>, k: usize) -> bool {
    if k >= doc.len() || doc.t.toks[k].newline_before {
        return true;
    }
    let w = doc.t.lower(k);
    doc.t.toks[k].kind != Kind::Word || !words::place_noun_compound(w)
}

/// Does token `k` join two parts of one name: a hyphen glued on both sides ("Kambarata-1",
/// "Castilla-La Mancha") or a lowercase particle before a capitalized word?
fn joins(doc: &Doc<'_, '_>, k: usize) -> bool {
    let n = doc.len();
    if k + 1 >= n {
        return false;
    }
    // ... not "Arab-dominated"; "Myeongil-dong" is one name.
    let next = &doc.t.toks[k + 1];
    let hyphen = doc.t.is_punct(k, "-")
        && !doc.t.toks[k].space_before
        && !next.space_before
        && (next.cap || next.kind == Kind::Num || words::korean_suffix(doc.t.lower(k + 1)));
    hyphen || (words::particle(doc.t.lower(k)) && doc.is_cap_word(k + 1))
}

/// End of the run of name words starting at `a` ("Mahaday Weyne", "Son en Breugel",
/// "Kambarata-1"), or `None` when `a` starts no name.
fn run_from(doc: &Doc<'_, '_>, a: usize) -> Option<usize> {
    if !doc.is_cap_word(a) {
        return None;
    }
    let n = doc.len();
    let mut b = a + 1;
    while b < n && b - a < MAX_RUN && !doc.t.toks[b].newline_before {
        // "Ain el-Tineh", "Deir al-Balah": an article glued to the next word.
        let article = words::arabic_article(doc.t.lower(b))
            && doc.t.is_punct(b + 1, "-")
            && !doc.t.toks[b + 1].space_before
            && doc.is_cap_word(b + 2)
            && !doc.t.toks[b + 2].space_before;
        if doc.is_cap_word(b) {
            b += 1;
        } else if article {
            b += 3;
        } else if joins(doc, b) {
            b += 2;
        } else {
            break;
        }
    }
    Some(b.min(n))
}

/// Start of the run of name words ending at `b` (exclusive), the mirror of [`run_from`].
fn run_to(doc: &Doc<'_, '_>, b: usize) -> Option<usize> {
    if b == 0 || !doc.is_cap_word(b - 1) {
        return None;
    }
    let mut a = b - 1;
    while a > 0 && b - a < MAX_RUN && !doc.t.toks[a].newline_before && !doc.sent_start[a] {
        let j = a - 1;
        if doc.is_cap_word(j) {
            a = j;
        } else if j > 0 && joins(doc, j) && doc.is_cap_word(j - 1) {
            a = j - 1;
        } else {
            break;
        }
    }
    Some(a)
}

/// What every cue of [`find`] reads: the document, the claims, the tokens already part of
/// a place, and the places found so far (pairwise disjoint; `owner` maps a token to the
/// one covering it, so a new name finds the one it overlaps in the name's length).
struct Finder<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    claims: &'d Claims,
    taken: Flags<'d>,
    surnames: Surnames<'d, 'a, 'l>,
    out: Vec<Unlisted>,
    owner: Vec<u32>,
}

impl<'d, 'a, 'l> Finder<'d, 'a, 'l> {
    /// The first place found (in finding order) that shares a token with `a..b`.
    fn overlapping(&self, a: usize, b: usize) -> Option<usize> {
        (a..b)
            .filter_map(|k| self.owner.get(k).copied())
            .filter(|&o| o != u32::MAX)
            .min()
            .map(|o| o as usize)
    }

    /// Records a place found by `cue`, unless it overlaps one found before: read again
    /// with its kind word after it ("..., and Kasembo village"), that one takes the longer
    /// phrase.
    fn push(&mut self, a: usize, b: usize, end: usize, kind: LocationKind, cue: Cue) {
        if let Some(i) = self.overlapping(a, b) {
            let u = &mut self.out[i];
            if (u.a, u.b) == (a, b) && end > u.end {
                u.end = end;
                u.kind = kind;
                u.cue = cue;
            }
        } else if self.free_name(a, b) {
            self.record(Unlisted {
                a,
                b,
                end,
                kind,
                cue,
            });
        }
    }

    fn record(&mut self, u: Unlisted) {
        let i = self.out.len() as u32;
        for k in u.a..u.b.min(self.owner.len()) {
            self.owner[k] = i;
        }
        self.out.push(u);
    }

    /// Is `a..b` a name this pass may take: nothing in it already read as a person, title,
    /// place or organization, no headline, not a dictionary word alone, not an acronym, and
    /// not written elsewhere in the item as a surname.
    fn free_name(&self, a: usize, b: usize) -> bool {
        let (doc, claims, taken) = (self.doc, self.claims, self.taken);
        if b <= a || b > doc.len() {
            return false;
        }
        if (a..b).any(|k| {
            claims[k] != 0 || taken.has(k) || doc.headline[k] || doc.org_chunk_at(k).is_some()
        }) {
            return false;
        }
        // A dictionary phrase reaching out of the run ("Northern Rivers region" is fine,
        // "Development Bank" is not a village).
        if (a..b).any(|k| {
            doc.seg[k].is_some_and(|s| s.b > b || s.ok & (ok::TITLE | ok::ORG | ok::DEMONYM) != 0)
        }) {
            return false;
        }
        // A word the dictionary knows alone, unless as a place name the earlier passes left
        // out ("Crosby" of "suburbs such as Crosby", a village of the Isle of Man in the
        // gazetteer). "Ras Isa": an Arabic word for a cape or spring starts a longer name.
        let toponym_head = b - a > 1 && words::toponym_head(doc.t.lower(a));
        if let Some(e) = doc.word(a).filter(|_| !toponym_head) {
            if (b - a == 1 && e.places.is_empty()) || e.stop || e.title != 0 || e.demonym.is_some()
            {
                return false;
            }
        }
        // "in Formula One", "worked in Marketing": common words, not a name.
        if (a..b)
            .filter(|&k| doc.t.toks[k].kind == Kind::Word)
            .all(|k| doc.lex.common.contains(&doc.t.toks[k].hash))
        {
            return false;
        }
        // "the Sicilian province": an adjective the lexicon lacks, not a name.
        if b - a == 1 && words::adjective_or_compass_ending(doc.t.lower(a)) {
            return false;
        }
        if (a..b).all(|k| doc.t.toks[k].upper) {
            return false;
        }
        // "A's", and dates ("in Sept 15").
        if doc.t.is_punct(b, "'")
            || doc.t.lower(b) == "'s"
            || (b < doc.len() && doc.t.toks[b].kind == Kind::Num)
        {
            return false;
        }
        !self.surnames.used_as_surname(a, b)
    }
}

/// Names of a list starting at `a`: "A", "A and B", "A, B and C", "A, B, or C". Members
/// already read as places (`taken`) are skipped but keep the list going. Returns each
/// unread member's span.
fn list_from(doc: &Doc<'_, '_>, mut a: usize, taken: Flags<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let b = if taken.has(a) {
            let mut b = a;
            while b < doc.len() && taken.has(b) {
                b += 1;
            }
            b
        } else {
            match run_from(doc, a) {
                Some(b) => {
                    out.push((a, b));
                    b
                }
                None => break,
            }
        };
        // A comma alone also ends clauses ("in A, B told them"): the list must end with
        // "and" or "or".
        let next = match (doc.t.lower(b), doc.t.lower(b + 1)) {
            (",", "and" | "or") => b + 2,
            ("and" | "or", _) => b + 1,
            (",", _) if doc.is_cap_word(b + 1) && list_goes_on(doc, b) => b + 1,
            _ => break,
        };
        if !doc.is_cap_word(next) {
            break;
        }
        a = next;
    }
    out
}

/// Names of a list ending right before token `end` ("A and B" before "districts"), last
/// first; the mirror of [`list_from`].
fn list_to(
    doc: &Doc<'_, '_>,
    mut end: usize,
    plural: bool,
    taken: Flags<'_>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let a = if end > 0 && taken.has(end - 1) {
            let mut a = end - 1;
            while a > 0 && taken.has(a - 1) {
                a -= 1;
            }
            a
        } else {
            match run_to(doc, end) {
                Some(a) => {
                    out.push((a, end));
                    a
                }
                None => break,
            }
        };
        if !plural || a < 2 {
            break;
        }
        end = match (doc.t.lower(a - 1), doc.t.lower(a.saturating_sub(2))) {
            ("and" | "or", ",") => a - 2,
            ("and" | "or", _) | (",", _) => a - 1,
            _ => break,
        };
        if end == 0 || !doc.is_cap_word(end - 1) && !taken.has(end - 1) {
            break;
        }
    }
    out
}

/// Is token `k` a preposition that puts the names after it somewhere ("in", "near")? Not
/// after words that take "in" for other things ("invested in", "a stake in", "believe in"),
/// nor "via" ("Share via WhatsApp"). "To", "at" and "from" introduce people and companies
/// as often as places: they count only after words of movement or position ("fled to",
/// "the danger mark at").
fn locative(doc: &Doc<'_, '_>, k: usize) -> bool {
    let w = doc.t.lower(k);
    let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
    match w {
        "to" => words::movement(before) || words::nearness_word(before),
        "from" => words::movement(before) || words::leaving_word(before),
        "at" => words::position_word(before),
        _ => words::unlisted_preposition(w) && !words::in_something_else(before),
    }
}

/// Members of the list whose last joiner is token `k` ("and"/"or"): the unread names, and
/// how many members are places already read.
fn list_around(doc: &Doc<'_, '_>, k: usize, taken: Flags<'_>) -> (Vec<(usize, usize)>, usize) {
    let mut unknown = Vec::new();
    let mut known = 0;
    // The member after the joiner.
    if taken.has(k + 1) {
        known += 1;
    } else if let Some(b) = run_from(doc, k + 1) {
        unknown.push((k + 1, b));
    } else {
        return (unknown, 0);
    }
    // The members before it, back to the first.
    let mut end = if doc.t.is_punct(k.wrapping_sub(1), ",") {
        k - 1
    } else {
        k
    };
    for _ in 0..8 {
        if end == 0 {
            break;
        }
        let a = if taken.has(end - 1) {
            known += 1;
            let mut a = end - 1;
            while a > 0 && taken.has(a - 1) {
                a -= 1;
            }
            a
        } else if let Some(a) = run_to(doc, end) {
            unknown.push((a, end));
            a
        } else {
            break;
        };
        if a < 2 || !doc.t.is_punct(a - 1, ",") {
            break;
        }
        end = a - 1;
    }
    (unknown, known)
}

/// Length of a capitalized generic building name starting at `k` ("Government House",
/// "Palace of Justice", "City Hall"), if any.
fn generic_building(doc: &Doc<'_, '_>, k: usize) -> Option<usize> {
    words::GENERIC_BUILDINGS
        .iter()
        .find(|ws| {
            ws.iter()
                .enumerate()
                .all(|(x, w)| k + x < doc.len() && doc.t.surface(k + x) == *w)
        })
        .map(|ws| ws.len())
}

/// The [`words::place_noun_of_hash`] of token `k` (none past the end), by the token's hash.
fn noun_at(doc: &Doc<'_, '_>, k: usize) -> Option<(LocationKind, bool)> {
    doc.t.toks.get(k).and_then(|t| place_noun_of_hash(t.hash))
}

/// Hashes of every token that can be a cue of [`find`] (the words its branches test
/// first), each with its [`CueClass`], so the loop reads a cue token's class with the
/// lookup that finds it. A byte per value of a hash's low 12 bits rejects most other
/// tokens with one load (the hashes are well mixed: a few percent of other words share a
/// value); the scan of every token of the text then reads it with no shift. Where one cue
/// word alone has a value, the byte is its class and `hashes` its hash: one comparison
/// decides, with no map lookup (a cue token is one in eight of a text); where several
/// share it, the map decides.
struct CueWords {
    /// Per value: [`NO_CUE`], [`SHARED`], or the class code ([`CueClass::code`]) of the
    /// one cue word with that value.
    slots: Box<[u8; CUE_SLOTS]>,
    /// Per value whose byte is a class: that cue word's hash.
    hashes: Box<[u64; CUE_SLOTS]>,
    classes: crate::lexicon::IdMap<CueClass>,
}

/// Values of the low bits of a hash that [`CueWords`] tells apart.
const CUE_SLOTS: usize = 4096;
/// A value no cue word's hash has.
const NO_CUE: u8 = 0;
/// A value several cue words' hashes have.
const SHARED: u8 = u8::MAX;

impl CueWords {
    /// Builds the table of the cue words `words` (hash, class).
    fn new(words: impl Iterator<Item = (u64, CueClass)>) -> Self {
        let classes: crate::lexicon::IdMap<CueClass> = words.collect();
        let mut slots = Box::new([NO_CUE; CUE_SLOTS]);
        let mut hashes = Box::new([0u64; CUE_SLOTS]);
        for (&h, &class) in &classes {
            let slot = h as usize & (CUE_SLOTS - 1);
            if slots[slot] == NO_CUE {
                slots[slot] = class.code();
                hashes[slot] = h;
            } else {
                slots[slot] = SHARED;
            }
        }
        CueWords {
            slots,
            hashes,
            classes,
        }
    }

    /// Can `h` be a cue word's hash (no false negatives)?
    #[inline]
    fn may_contain(&self, h: u64) -> bool {
        self.slots[h as usize & (CUE_SLOTS - 1)] != NO_CUE
    }

    /// The first token from `from` on whose hash may be a cue word's. Not inlined: in the
    /// loop over the cues, the scan carried the loop's offsets along (twice the
    /// instructions per token).
    #[inline(never)]
    fn next_maybe(&self, toks: &[crate::tokens::Token], from: usize) -> Option<usize> {
        let skip = toks
            .get(from..)?
            .iter()
            .position(|t| self.may_contain(t.hash))?;
        Some(from + skip)
    }

    /// The class of the cue word of hash `h`, if it is one.
    #[inline]
    fn class(&self, h: u64) -> Option<CueClass> {
        let slot = h as usize & (CUE_SLOTS - 1);
        match self.slots[slot] {
            NO_CUE => None,
            SHARED => self.classes.get(&h).copied(),
            code => (self.hashes[slot] == h).then(|| CueClass::of_code(code)),
        }
    }
}

fn cue_words() -> &'static CueWords {
    static CUES: std::sync::OnceLock<CueWords> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let nouns = PLACE_NOUNS.iter().map(|&(word, _, _)| word);
        let words = words::UNLISTED_CUE_WORDS.iter().copied().chain(nouns);
        CueWords::new(words.map(|w| (crate::tokens::hash_str(w), cue_class(w))))
    })
}

/// Which cues of [`find`] a cue word can start, by the word alone: a comma starts an
/// apposition, a name before a place, or a distance from one; "and"/"or" a list of places;
/// "other" "and other provinces"; a preposition a name after it ("in", "near" also "in A,
/// B"); a Korean suffix its name. Every other cue word (place nouns, "areas", "parts",
/// compass words, "council", building words) is a noun that names or lists places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    Comma,
    Joiner,
    Other,
    Preposition,
    KoreanSuffix,
    Noun,
}

impl CueClass {
    const ALL: [CueClass; 6] = [
        CueClass::Comma,
        CueClass::Joiner,
        CueClass::Other,
        CueClass::Preposition,
        CueClass::KoreanSuffix,
        CueClass::Noun,
    ];

    /// The class's byte in [`CueWords`]: its place in [`Self::ALL`] plus one (never
    /// [`NO_CUE`] or [`SHARED`]).
    fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The class of a byte [`Self::code`] gave.
    fn of_code(code: u8) -> Self {
        Self::ALL[usize::from(code.saturating_sub(1)).min(Self::ALL.len() - 1)]
    }
}

fn cue_class(w: &str) -> CueClass {
    match w {
        "," => CueClass::Comma,
        "and" | "or" => CueClass::Joiner,
        "other" => CueClass::Other,
        "to" | "from" | "at" => CueClass::Preposition,
        _ if words::unlisted_preposition(w) => CueClass::Preposition,
        _ if words::korean_suffix(w) => CueClass::KoreanSuffix,
        _ => CueClass::Noun,
    }
}

/// Place spans in no gazetteer, with the kind their cue gives, and for each the token just
/// after its whole phrase (the kind word included), where a containing place may follow
/// ("X village in Y"). `taken.has(k)`: token `k` is already part of a place.
///
/// Each cue is one method of [`Finder`], tried at every cue token in this order (those
/// the token's word can start, [`cue_class`]; a name two cues find is kept as the first
/// found it, with the longer phrase).
pub fn find(doc: &Doc<'_, '_>, claims: &Claims, taken: Flags<'_>) -> Vec<Unlisted> {
    let mut f = Finder {
        doc,
        claims,
        taken,
        surnames: Surnames::new(doc, claims, taken),
        out: Vec::new(),
        owner: vec![u32::MAX; doc.len()],
    };
    let cues = cue_words();
    let toks = &doc.t.toks;
    let mut next = 0;
    // Most tokens are no cue: a tight scan of the filter skips them.
    while let Some(k) = cues.next_maybe(toks, next) {
        next = k + 1;
        let h = toks[k].hash;
        let Some(class) = cues.class(h) else {
            continue;
        };
        let w = doc.t.lower(k);
        // Only the cues the word can start, in the order above (each cue also tests its
        // word itself): most cue tokens are commas, joiners and prepositions.
        match class {
            CueClass::Comma => {
                f.apposition(k, w);
                f.before_a_place(k, w);
                f.distance_from_a_place(k, w);
            }
            CueClass::Joiner => f.list_of_places(k, w),
            CueClass::Other => f.and_other_places(k, w),
            CueClass::Preposition => {
                f.after_locative(k);
                f.in_a_in_b(k, w);
            }
            CueClass::KoreanSuffix => f.korean_suffix(k, w),
            CueClass::Noun => {
                let noun = place_noun_of_hash(h);
                f.place_noun_of(k, w, noun);
                f.such_as(k, w, noun);
                f.place_noun_after(k, w, noun);
                f.generic_building(k);
            }
        }
    }
    let mut out = f.out;
    out.sort_by_key(|u| u.a);
    out
}

impl Finder<'_, '_, '_> {
    /// "the villages of A and B", "the town of A", "north of A", "parts of A"; the local
    /// councils of places: "the island councils of A, B and C", "the village council of A".
    fn place_noun_of(&mut self, k: usize, w: &str, noun: Option<(LocationKind, bool)>) {
        let doc = self.doc;
        if doc.t.lower(k + 1) != "of" || !doc.is_cap_word(k + 2) {
            return;
        }
        let council_of = || {
            matches!(w, "council" | "councils")
                .then(|| k.checked_sub(1).and_then(|j| noun_at(doc, j)))
                .flatten()
                .map(|(kind, _)| kind)
        };
        let kind = match noun {
            Some((kind, _)) if !matches!(w, "river" | "rivers") => Some(kind),
            _ if words::compass(w) || w == "parts" => Some(LocationKind::City),
            _ => council_of(),
        };
        if let Some(kind) = kind {
            let cue = Cue::new("unlisted:place-noun-of", k, k + 2);
            for (a, b) in list_from(doc, k + 2, self.taken) {
                self.push(a, b, b, kind, cue);
            }
        }
    }

    /// "suburbs such as A, B and C", "areas including A".
    fn such_as(&mut self, k: usize, w: &str, noun: Option<(LocationKind, bool)>) {
        let doc = self.doc;
        let Some(kind) = words::list_noun(w, noun) else {
            return;
        };
        let start = match (doc.t.lower(k + 1), doc.t.lower(k + 2)) {
            ("such", "as") => Some(k + 3),
            ("including" | "like", _) => Some(k + 2),
            _ => None,
        };
        if let Some(s) = start.filter(|&s| doc.is_cap_word(s)) {
            let cue = Cue::new("unlisted:such-as", k, s);
            for (a, b) in list_from(doc, s, self.taken) {
                self.push(a, b, b, kind, cue);
            }
        }
    }

    /// "A village", "A and B districts", "A rural municipality"; "the A area", "the A, B
    /// and C ports" (these two nouns only after the name).
    fn place_noun_after(&mut self, k: usize, w: &str, noun: Option<(LocationKind, bool)>) {
        let doc = self.doc;
        let trailing = noun.or(match w {
            "area" | "port" => Some((LocationKind::City, false)),
            "areas" | "ports" => Some((LocationKind::City, true)),
            _ => None,
        });
        let Some((kind, plural)) = trailing.filter(|_| !doc.t.toks[k].cap) else {
            return;
        };
        let before = if k >= 1 && words::settlement_adjective(doc.t.lower(k - 1)) {
            k - 1
        } else {
            k
        };
        // "in the Kalkaji seat" style titles never reach here; "a district" neither.
        if before > 0 && phrase_ends(doc, k + 1) && !doc.t.toks[before].newline_before {
            let cue = Cue::new("unlisted:place-noun-after", before, k + 1);
            for (a, b) in list_to(doc, before, plural, self.taken) {
                self.push(a, b, k + 1, kind, cue);
            }
        }
    }

    /// "near A", "in A and B": a locative preposition before names nothing else claims. A
    /// name the gazetteers place in a country the item does not name was left out on
    /// purpose (the Irish village of Foxford in a story from Madrid); a preposition alone
    /// does not bring it back.
    fn after_locative(&mut self, k: usize) {
        let doc = self.doc;
        // The name after first: most cue words ("in", "to") are followed by none.
        if doc.is_cap_word(k + 1) && !doc.sent_start[k + 1] && locative(doc, k) {
            let cue = Cue::new("unlisted:locative", k, k + 1);
            for (a, b) in list_from(doc, k + 1, self.taken) {
                if !known_anywhere(doc, a, b) {
                    self.push(a, b, b, LocationKind::City, cue);
                }
            }
        }
    }

    /// "A, a farming settlement on the road", "A, a silt island in the Bay of Bengal".
    fn apposition(&mut self, k: usize, w: &str) {
        let doc = self.doc;
        let n = doc.len();
        if w != "," || k == 0 || !words::article(doc.t.lower(k + 1)) {
            return;
        }
        // Only describing words between the article and the noun: "a pensioner in the town
        // of X" describes a person.
        let mut j = k + 2;
        let noun_at = |j: usize| noun_at(doc, j).or(words::apposition_noun(doc.t.lower(j)));
        while j < n
            && j < k + 6
            && !doc.t.toks[j].cap
            && (doc.t.toks[j].kind == Kind::Word || doc.t.lower(j) == "'s")
            && noun_at(j).is_none()
            && !words::apposition_stop(doc.t.lower(j))
        {
            j += 1;
        }
        let noun = noun_at(j).filter(|p| !p.1 && !doc.t.toks[j].cap);
        let ends = words::apposition_end(doc.t.lower(j + 1));
        if let (Some((kind, _)), true) = (noun, ends) {
            if let Some(a) = run_to(doc, k) {
                self.push(a, k, k, kind, Cue::new("unlisted:apposition", k, j + 1));
            }
        }
    }

    /// "Kathmandu, Lalitpur and Kavrepalanchok": a list that is mostly places already read
    /// is a list of places.
    fn list_of_places(&mut self, k: usize, w: &str) {
        if !words::joiner(w) {
            return;
        }
        let (unknown, known) = list_around(self.doc, k, self.taken);
        if known >= 2 && !unknown.is_empty() && unknown.len() <= known {
            let cue = Cue::new("unlisted:list-of-places", k, k + 1);
            for (a, b) in unknown {
                self.push(a, b, b, LocationKind::City, cue);
            }
        }
    }

    /// "in Albay, Camarines Sur and other provinces".
    fn and_other_places(&mut self, k: usize, w: &str) {
        let doc = self.doc;
        if w == "other" && k > 0 && words::joiner(doc.t.lower(k - 1)) {
            if let Some(kind) = words::list_noun(doc.t.lower(k + 1), noun_at(doc, k + 1)) {
                let cue = Cue::new("unlisted:and-other-places", k - 1, k + 2);
                for (a, b) in list_to(doc, k - 1, true, self.taken) {
                    self.push(a, b, b, kind, cue);
                }
            }
        }
    }

    /// "... and Woodruff, South Carolina": a name in a list or after a preposition, then a
    /// place already read after the comma.
    fn before_a_place(&mut self, k: usize, w: &str) {
        let (doc, taken) = (self.doc, self.taken);
        if w != "," || k == 0 || !taken.has(k + 1) || taken.has(k - 1) {
            return;
        }
        let mut e = k + 1;
        while e < doc.len() && taken.has(e) {
            e += 1;
        }
        let ends = !doc.is_cap_word(e) && doc.t.lower(e) != "'s";
        if let Some(a) = run_to(doc, k).filter(|_| ends) {
            let joined = a > 0 && matches!(doc.t.lower(a - 1), "and" | "or" | ",");
            if joined || (a > 0 && locative(doc, a - 1)) {
                let cue = Cue::new("unlisted:name-comma-place", k, e);
                self.push(a, k, k, LocationKind::City, cue);
            }
        }
    }

    /// "Amberley, west of Brisbane", "A, 40 km north of B": B a place already read.
    fn distance_from_a_place(&mut self, k: usize, w: &str) {
        let doc = self.doc;
        if w != "," || k == 0 {
            return;
        }
        let mut j = k + 1;
        if words::approximately(doc.t.lower(j)) {
            j += 1;
        }
        if doc.t.toks.get(j).is_some_and(|t| t.kind == Kind::Num) {
            j += 1;
            if words::distance_unit(doc.t.lower(j)) {
                j += 1;
            }
        }
        let rel = doc.t.lower(j);
        if rel == "near" || words::compass(rel) && rel != "outskirts" && doc.t.lower(j + 1) == "of"
        {
            let at = if rel == "near" { j + 1 } else { j + 2 };
            if self.taken.has(at) {
                if let Some(a) = run_to(doc, k) {
                    let cue = Cue::new("unlisted:distance-from-place", k, at);
                    self.push(a, k, k, LocationKind::City, cue);
                }
            }
        }
    }

    /// "in A, B" / "in A in B", B a place already read ("at A in B" is as often a company:
    /// "analysts at Banco Base in Mexico City").
    fn in_a_in_b(&mut self, k: usize, w: &str) {
        let (doc, taken) = (self.doc, self.taken);
        if !matches!(w, "in" | "near") || !doc.is_cap_word(k + 1) || taken.has(k + 1) {
            return;
        }
        if let Some(b) = run_from(doc, k + 1) {
            let next = match doc.t.lower(b) {
                "," | "in" => b + 1,
                _ => usize::MAX,
            };
            if next < doc.len() && taken.has(next) && doc.is_cap_word(next) {
                let cue = Cue::new("unlisted:in-a-in-b", k, k + 1);
                self.push(k + 1, b, b, LocationKind::City, cue);
            }
        }
    }

    /// "at Government House", "outside the Palace of Justice": buildings every capital has,
    /// named by their kind alone.
    fn generic_building(&mut self, k: usize) {
        let (doc, claims, taken) = (self.doc, self.claims, self.taken);
        let Some(len) = generic_building(doc, k) else {
            return;
        };
        let n = doc.len();
        let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
        let free = (k..k + len).all(|x| claims[x] & !claim::TITLE == 0 && !taken.has(x));
        // Not a modifier ("the Government House committee").
        let e = k + len;
        let ends =
            e >= n || doc.t.toks[e].kind != Kind::Word || words::building_after(doc.t.lower(e));
        if free && ends && words::building_before(before) && self.overlapping(k, e).is_none() {
            self.record(Unlisted {
                a: k,
                b: e,
                end: e,
                kind: LocationKind::Facility,
                cue: Cue::new("unlisted:generic-building", k, e),
            });
        }
    }

    /// "Myeongil-dong", "Gangdong-gu".
    fn korean_suffix(&mut self, k: usize, w: &str) {
        let doc = self.doc;
        if words::korean_suffix(w)
            && k >= 2
            && doc.t.is_punct(k - 1, "-")
            && !doc.t.toks[k - 1].space_before
            && !doc.t.toks[k].space_before
            && doc.is_cap_word(k - 2)
        {
            let a = k - 2;
            if a == 0 || !doc.is_cap_word(a - 1) {
                let cue = Cue::new("unlisted:korean-suffix", k - 1, k + 1);
                self.push(a, k + 1, k + 1, LocationKind::City, cue);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cue_word_is_classed_with_the_cues_it_starts() {
        // A word classed apart from a cue that reads it would silently never start it.
        let buildings = words::GENERIC_BUILDINGS
            .iter()
            .map(|ws| ws[0].to_lowercase());
        let all: Vec<String> = (words::UNLISTED_CUE_WORDS.iter().map(|w| w.to_string()))
            .chain(PLACE_NOUNS.iter().map(|(w, _, _)| w.to_string()))
            .chain(buildings)
            .collect();
        for w in &all {
            let w = w.as_str();
            let class = cue_class(w);
            let noun = place_noun_of_hash(crate::tokens::hash_str(w)).is_some()
                || words::compass(w)
                || words::list_noun(w, None).is_some()
                || matches!(
                    w,
                    "parts" | "council" | "councils" | "area" | "port" | "areas" | "ports"
                )
                || words::GENERIC_BUILDINGS
                    .iter()
                    .any(|ws| ws[0].eq_ignore_ascii_case(w));
            let expected = if w == "," {
                CueClass::Comma
            } else if words::joiner(w) {
                CueClass::Joiner
            } else if w == "other" {
                CueClass::Other
            } else if words::unlisted_preposition(w) || matches!(w, "to" | "from" | "at") {
                CueClass::Preposition
            } else if words::korean_suffix(w) {
                CueClass::KoreanSuffix
            } else {
                assert!(noun, "{w} starts no cue");
                CueClass::Noun
            };
            assert_eq!(class, expected, "{w}");
            assert!(!noun || class == CueClass::Noun, "{w} is a noun cue too");
            assert_eq!(
                cue_words().class(crate::tokens::hash_str(w)),
                Some(class),
                "{w}"
            );
        }
    }

    #[test]
    fn a_cue_class_is_read_back_from_its_byte() {
        for class in CueClass::ALL {
            assert!(![NO_CUE, SHARED].contains(&class.code()), "{class:?}");
            assert_eq!(CueClass::of_code(class.code()), class);
        }
    }

    #[test]
    fn the_cue_table_answers_as_the_map_of_cue_words() {
        // Two words share a slot (the map decides), one has its own; other hashes at
        // those slots and elsewhere are no cue.
        let slot = CUE_SLOTS as u64;
        let words = [
            (7, CueClass::Comma),
            (7 + slot, CueClass::Noun),
            (9 + 5 * slot, CueClass::Joiner),
        ];
        let cues = CueWords::new(words.into_iter());
        let mut asked: Vec<u64> = vec![7, 7 + slot, 7 + 2 * slot, 9, 9 + 5 * slot, 11, 0];
        // And a spread of other hashes: every slot, several times over.
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..4 * CUE_SLOTS {
            h = h.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            asked.push(h);
        }
        for h in asked {
            assert_eq!(cues.class(h), cues.classes.get(&h).copied(), "{h}");
            assert_eq!(
                cues.may_contain(h),
                cues.slots[h as usize % CUE_SLOTS] != NO_CUE
            );
        }
        assert_eq!(cues.class(9 + 5 * slot), Some(CueClass::Joiner));
        assert_eq!(cues.class(7 + slot), Some(CueClass::Noun));
        // Every cue word of the pass, by table and by map alike.
        let all = cue_words();
        for &h in all.classes.keys() {
            assert!(all.may_contain(h));
            assert_eq!(all.class(h), all.classes.get(&h).copied());
        }
    }

    #[test]
    fn the_cue_filter_knows_every_place_noun() {
        // A place noun the filter skipped would silently never introduce a place.
        let cues = cue_words();
        for (w, _, _) in PLACE_NOUNS {
            assert!(
                cues.class(crate::tokens::hash_str(w)).is_some(),
                "{w} is a place noun but no cue"
            );
            assert!(
                place_noun_of_hash(crate::tokens::hash_str(w)).is_some(),
                "{w} is listed but place_noun does not know it"
            );
        }
        for w in [
            "village",
            "districts",
            "sub-counties",
            "islands",
            "barangay",
        ] {
            assert!(
                place_noun_of_hash(crate::tokens::hash_str(w)).is_some(),
                "{w}"
            );
        }
    }
}
