//! The tag stage: the per-document view every later pass reads. The tokens, the longest
//! dictionary match starting at each token with the meanings its casing allows (place,
//! body, demonym, role word, stop word, kind word...), sentence starts, headline lines, and
//! the countries the text names unambiguously. Built once, never changed afterwards: what
//! the passes decide travels in their own return values and in [`crate::claims::Claims`].
//!
//! Built once per `enrich` call in a single left-to-right pass; it must never look data up
//! by building strings (phrase hashes only).

use crate::claims::{claim, Claims};
use crate::country::CountryWeights;
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::{Entry, Lexicon, PlacesCountry};
use crate::phrases::bit;
use crate::tokens::{phrase_step, tokenize, Kind, Tokens, PHRASE_SEED};
use crate::weights;

/// Which meanings of a dictionary entry fit the text's casing at a given span.
pub mod ok {
    pub const PLACE: u8 = 1;
    pub const ORG: u8 = 2;
    pub const DEMONYM: u8 = 4;
    pub const TITLE: u8 = 8;
    pub const STOP: u8 = 16;
    pub const ORG_HEAD: u8 = 32;
    pub const PARTICLE: u8 = 64;
    pub const SUFFIX: u8 = 128;
}

/// A dictionary match `a..b` (token indices) with the meanings valid there.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub a: usize,
    pub b: usize,
    pub entry: u32,
    pub ok: u8,
}

pub struct Doc<'a, 'l> {
    pub t: Tokens<'a>,
    pub lex: &'l Lexicon,
    /// Longest valid match starting at each token (if any).
    pub seg: Vec<Option<Seg>>,
    /// Per token, the meanings (`ok` bits) of its match in `seg`, 0 when none: the passes
    /// ask [`Doc::seg_with`] at most tokens, and most answers are no, read here from one
    /// byte instead of the whole match.
    seg_ok: Vec<u8>,
    /// Per token, its single-token dictionary entry whatever the casing (`NO_ENTRY` when
    /// none): found while matching, so that [`Doc::word`], which every pass calls, is one
    /// load instead of a probe of the big phrase map.
    word_entry: Vec<u32>,
    pub sent_start: Vec<bool>,
    /// Sentence number of each token.
    pub sent_id: Vec<u32>,
    /// The token sits on a Title-Case headline line ("Governor Newsom Expands Storm
    /// Response"), where capitalization says nothing about names.
    pub headline: Vec<bool>,
    /// Capitalized spans recognised as organization names (see `organizations.rs`).
    pub org_chunks: Vec<(usize, usize)>,
    /// Index into `org_chunks` per token, `u32::MAX` when none.
    pub chunk_of: Vec<u32>,
    /// Country weights of the item's unambiguous places and demonyms, read when the
    /// document is tagged, before any construction ([`item_countries`]).
    pub named_countries: CountryWeights,
}

impl<'a, 'l> Doc<'a, 'l> {
    /// Tokens and dictionary matches only; [`crate::tag::tag`] completes the tagging.
    /// `lower` receives the tokens' lowercase forms (see [`tokenize`]).
    pub(crate) fn new(text: &'a str, lower: &'a mut String, lex: &'l Lexicon) -> Self {
        let t = tokenize(text, lower);
        let n = t.len();
        let (seg, seg_ok, word_entry) = matches(&t, lex);
        let sent_start = sentence_starts(&t);
        let mut cur = 0u32;
        let sent_id = (sent_start.iter().enumerate())
            .map(|(i, &st)| {
                if st && i > 0 {
                    cur += 1;
                }
                cur
            })
            .collect();
        let headline = headline_lines(&t);
        Doc {
            headline,
            sent_id,
            t,
            lex,
            seg,
            seg_ok,
            word_entry,
            sent_start,
            org_chunks: Vec::new(),
            chunk_of: vec![u32::MAX; n],
            named_countries: CountryWeights::new(),
        }
    }

    /// The organization chunk covering token `k`, if any.
    pub fn org_chunk_at(&self, k: usize) -> Option<(usize, usize)> {
        let c = *self.chunk_of.get(k)?;
        self.org_chunks.get(c as usize).copied()
    }

    /// Records the bodies' spans ([`crate::bodies`]); part of tagging, see [`crate::tag`].
    pub(crate) fn set_org_chunks(&mut self, chunks: Vec<(usize, usize)>) {
        for (ci, &(a, b)) in chunks.iter().enumerate() {
            for k in a..b.min(self.chunk_of.len()) {
                self.chunk_of[k] = ci as u32;
            }
        }
        self.org_chunks = chunks;
    }

    pub fn len(&self) -> usize {
        self.t.len()
    }

    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }

    pub fn entry(&self, s: &Seg) -> &'l Entry {
        &self.lex.entries[s.entry as usize]
    }

    /// Single-token dictionary entry of token `i`, whatever the casing.
    #[inline]
    pub fn word(&self, i: usize) -> Option<&'l Entry> {
        let e = *self.word_entry.get(i)?;
        self.lex.entries.get(e as usize)
    }

    /// The match at `i` if it has one of the meanings in `mask`.
    pub fn seg_with(&self, i: usize, mask: u8) -> Option<Seg> {
        if self.seg_ok.get(i).is_some_and(|&ok| ok & mask != 0) {
            self.seg.get(i).copied().flatten()
        } else {
            None
        }
    }

    /// The first token from `from` on whose match has one of the meanings in `mask`
    /// (`self.len()` when none): the meanings of eight tokens tested at a time, since most
    /// tokens have none of them.
    pub fn next_with(&self, from: usize, mask: u8) -> usize {
        let rest = self.seg_ok.get(from..).unwrap_or(&[]);
        let wide = u64::from_ne_bytes([mask; 8]);
        let mut groups = rest.chunks_exact(8);
        let mut at = from;
        for g in &mut groups {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(g);
            let hits = u64::from_le_bytes(bytes) & wide;
            if hits != 0 {
                return at + (hits.trailing_zeros() / 8) as usize;
            }
            at += 8;
        }
        let tail = groups.remainder();
        at + tail
            .iter()
            .position(|&ok| ok & mask != 0)
            .unwrap_or(tail.len())
    }

    /// Title classes of the single word or phrase match at `i` (0 when none).
    pub fn title_at(&self, i: usize) -> (u8, usize) {
        match self.seg_with(i, ok::TITLE) {
            Some(s) => (self.entry(&s).title, s.b),
            None => (0, i),
        }
    }

    /// Is token `i` a capitalized word? (Only words have `cap` set, see
    /// [`crate::tokens::Token::cap`].)
    pub fn is_cap_word(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.cap)
    }
}

/// The [`ok`] bit of each meaning among the [`bit`]s `e` (the meanings keep their order,
/// so three shifts move them all).
#[inline]
fn ok_bits(e: u16) -> u8 {
    let place = (e >> 2) & 1; // bit::PLACES -> ok::PLACE
    let org = (e >> 3) & 2; // bit::ORG -> ok::ORG
    let rest = (e >> 4) & 0xfc; // bit::DEMONYM..=bit::SUFFIX -> ok::DEMONYM..=ok::SUFFIX
    (place | org | rest) as u8
}

/// Meanings of the entry with [`bit`]s `e` that the casing of tokens `a..b` allows. Title,
/// stop and kind words need no casing; demonyms and organization words a capital first,
/// particles none; places and bodies a capitalized name (read only for them).
#[inline]
fn valid(t: &Tokens<'_>, e: u16, a: usize, b: usize, first_is_kind: bool) -> u8 {
    let first_cap = t.toks[a].cap;
    let by_first = if first_cap {
        ok::DEMONYM | ok::ORG_HEAD
    } else {
        ok::PARTICLE
    };
    let m = ok_bits(e) & (ok::TITLE | ok::STOP | ok::SUFFIX | by_first);
    // "the Gaza Strip": a leading article may be lowercase.
    let cap_first = || first_cap || (b - a > 1 && t.lower(a) == "the" && t.toks[a + 1].cap);
    if e & (bit::PLACES | bit::ORG) == 0 || !cap_first() {
        return m;
    }
    m | valid_name(t, e, a, b, first_is_kind)
}

/// The name meanings ([`ok::PLACE`], [`ok::ORG`]) of [`valid`], for an entry with places or
/// bodies at a capitalized span `a..b`.
#[inline(never)]
fn valid_name(t: &Tokens<'_>, e: u16, a: usize, b: usize, first_is_kind: bool) -> u8 {
    let mut m = 0;
    // Read only for the entries registered as acronyms (few).
    let all_upper = || {
        t.toks[a..b]
            .iter()
            .all(|x| x.kind != Kind::Word || x.upper || x.cend - x.cstart == 1)
    };
    // "Washington state", "Gaza city": a lowercase kind word may end a place name.
    // ... but a kind word and a kind word are no name ("the Athabasca River valley" is not
    // the River Valley of Singapore).
    let last_cap = || {
        t.toks[b - 1].kind != Kind::Word
            || t.toks[b - 1].cap
            || (b - a > 1
                && !(first_is_kind && b - a == 2)
                && crate::words::is_lowercase_place_ending(t.lower(b - 1)))
    };
    let has = |x: u16| e & x != 0;
    if has(bit::PLACES) && last_cap() && (!has(bit::PLACE_ACRO) || all_upper()) {
        m |= ok::PLACE;
    }
    if has(bit::ORG) && (!has(bit::ORG_ACRO) || all_upper()) {
        m |= ok::ORG;
    }
    m
}

/// No single-token entry (see `Doc::word_entry`).
const NO_ENTRY: u32 = u32::MAX;

/// Per token: its longest valid match ([`longest`]), that match's meanings, and its
/// single-token entry. Most tokens start no entry at all (the lexicon's first-token filter
/// says so): their slots keep the defaults the vectors are made with, so only the tokens
/// that start something are written.
#[allow(clippy::type_complexity)]
fn matches(t: &Tokens<'_>, lex: &Lexicon) -> (Vec<Option<Seg>>, Vec<u8>, Vec<u32>) {
    let n = t.len();
    let mut seg = vec![None; n];
    let mut seg_ok = vec![0u8; n];
    let mut word_entry = vec![NO_ENTRY; n];
    let slots = seg.iter_mut().zip(&mut seg_ok).zip(&mut word_entry);
    for (i, (tok, ((s, ok), w))) in t.toks.iter().zip(slots).enumerate() {
        if !lex.may_start(tok.hash) {
            continue;
        }
        let (found, word) = longest(t, lex, i);
        if let Some(f) = found {
            (*s, *ok) = (found, f.ok);
        }
        *w = word;
    }
    (seg, seg_ok, word_entry)
}

/// The longest valid match starting at token `i`, and token `i`'s single-token entry
/// whatever the casing (`NO_ENTRY` when none). The first step, token `i` alone, is read
/// apart: it gives the single-token entry, and most phrases end there.
fn longest(t: &Tokens<'_>, lex: &Lexicon, i: usize) -> (Option<Seg>, u32) {
    let mut h = phrase_step(PHRASE_SEED, t.toks[i].hash);
    let Some(first) = lex.phrases.get(h) else {
        return (None, NO_ENTRY);
    };
    let seg = |b: usize, entry: u32, ok: u8| (ok != 0).then_some(Seg { a: i, b, entry, ok });
    let (mut best, mut word, mut word_bits) = (None, NO_ENTRY, 0);
    if first.bits & bit::COMPLETE != 0 {
        (word, word_bits) = (first.entry, first.bits);
        best = seg(i + 1, first.entry, valid(t, first.bits, i, i + 1, false));
    }
    let mut prefix = first.bits & bit::PREFIX != 0;
    let mut j = i + 1;
    // Phrases never run across a line break.
    while prefix && j < t.len() && j - i < lex.max_len && !t.toks[j].newline_before {
        h = phrase_step(h, t.toks[j].hash);
        let Some(found) = lex.phrases.get(h) else {
            break;
        };
        if found.bits & bit::COMPLETE != 0 {
            // Read only for a phrase ending in a lowercase word (the rare case it
            // matters): does the phrase start with a kind word?
            let kind_first = !t.toks[j].cap && word_bits & bit::SUFFIX != 0;
            let m = valid(t, found.bits, i, j + 1, kind_first);
            best = seg(j + 1, found.entry, m).or(best);
        }
        prefix = found.bits & bit::PREFIX != 0;
        j += 1;
    }
    (best, word)
}

/// Per token, whether it starts a sentence: the first token, a token after a line break,
/// or after sentence punctuation (a hyphen only when a space follows it).
fn sentence_starts(t: &Tokens<'_>) -> Vec<bool> {
    // The lowercase form of the token before (punctuation is its own lowercase form).
    let mut before = "";
    let toks = t.toks.iter().zip(t.lowers()).enumerate();
    toks.map(|(i, (tok, w))| {
        let st = i == 0
            || tok.newline_before
            || (matches!(before, "." | "!" | "?" | ":" | ";" | "\"" | "(" | "-" | "|")
                && (i < 2 || before != "-" || tok.space_before));
        before = w;
        st
    })
    .collect()
}

/// Marks tokens on lines written in Title Case: at least four words, at least three
/// quarters of the longer words capitalized, and no sentence-final period.
fn headline_lines(t: &Tokens<'_>) -> Vec<bool> {
    let mut out = vec![false; t.len()];
    for (a, b) in t.lines() {
        // Most lines are paragraphs ending a sentence: their words are not counted.
        let ends_sentence = b > a && matches!(t.lower(b - 1), "." | "\"" | "!" | "?");
        if !ends_sentence && title_case(&t.toks[a..b]) {
            for x in out.iter_mut().take(b).skip(a) {
                *x = true;
            }
        }
    }
    out
}

/// Are `line`'s words in Title Case: at least four words longer than three chars, at
/// least three quarters of them capitalized?
fn title_case(line: &[crate::tokens::Token]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for tok in line {
        if tok.kind == Kind::Word && tok.cend - tok.cstart > 3 {
            words += 1;
            caps += usize::from(tok.cap);
        }
    }
    words >= 4 && caps * 4 >= words * 3
}

/// Context weight per country in the item: demonyms and unambiguous places, outside the
/// tokens claimed as a person's name.
///
/// Read twice: by [`Doc::new`] before any construction (no names are known yet; titles use
/// it to tell which Kingston a "member of parliament for Kingston" serves), and by the
/// locations pass once people have taken their names ("Jordan" in "Jordan Bardella" is no
/// evidence for Jordan).
pub fn item_countries(doc: &Doc<'_, '_>, claims: &Claims) -> CountryWeights {
    let mut w = CountryWeights::new();
    let mut add = |cc: Cc, x: f32| {
        if cc != NO_CC {
            w.add(cc, x);
        }
    };
    let mut i = 0;
    loop {
        // Most tokens start no match, or one that is neither a demonym nor a place.
        i = doc.next_with(i, ok::DEMONYM | ok::PLACE);
        let Some(s) = doc.seg_with(i, ok::DEMONYM | ok::PLACE) else {
            break;
        };
        if claims[i] & claim::PERSON != 0 {
            i += 1;
            continue;
        }
        if s.ok & ok::DEMONYM != 0 {
            if let Some(cc) = doc.entry(&s).demonym {
                add(cc, weights::CONTEXT_COUNTRY_WORD);
            }
            i = s.b;
            continue;
        }
        if s.ok & ok::PLACE != 0 {
            let e = doc.entry(&s);
            // A one-word place at the end of a longer name ("Caroline Street", "7th
            // Street") or a stop word ("We") says nothing about the item's country.
            let tail_of_name = s.b - s.a == 1
                && s.a > 0
                && !doc.sent_start[s.a]
                && matches!(
                    doc.t.surface(s.a),
                    "Street" | "Road" | "Avenue" | "Lane" | "Drive" | "Square" | "Park"
                )
                && (doc.is_cap_word(s.a - 1)
                    || doc
                        .t
                        .surface(s.a - 1)
                        .starts_with(|c: char| c.is_ascii_digit()));
            if tail_of_name || (s.b - s.a == 1 && s.ok & ok::STOP != 0) {
                i = s.b;
                continue;
            }
            match e.places_country {
                PlacesCountry::Country(cc) => add(cc, weights::CONTEXT_COUNTRY_WORD),
                PlacesCountry::OnlyPlace(cc) => add(cc, weights::CONTEXT_UNAMBIGUOUS_PLACE),
                PlacesCountry::OneCountry(cc) => add(cc, weights::CONTEXT_ONE_COUNTRY_PLACE),
                PlacesCountry::None => {}
            }
            i = s.b;
            continue;
        }
        i += 1;
    }
    w.sort_best_first();
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_after_sentence_punctuation_and_line_breaks() {
        let mut buf = String::new();
        let t = tokenize("He left. Then - rain; al-Burhan -x\nNew (a) b", &mut buf);
        let starts: Vec<&str> = (sentence_starts(&t).iter().enumerate())
            .filter(|&(_, &st)| st)
            .map(|(i, _)| t.surface(i))
            .collect();
        assert_eq!(starts, ["He", "Then", "rain", "al", "New", "a"]);
    }

    #[test]
    fn headlines_are_title_case_lines_without_a_final_period() {
        let mut buf = String::new();
        let t = tokenize(
            "Governor Newsom Expands Storm Response\nGovernor Newsom Expands Storm Response.\n\
             The governor expands the storm response\nGovernor Newsom Expands Aid",
            &mut buf,
        );
        let marked: Vec<bool> = (0..4)
            .map(|line| {
                let first = (0..t.len())
                    .filter(|&k| k == 0 || t.toks[k].newline_before)
                    .nth(line);
                first.is_some_and(|k| headline_lines(&t)[k])
            })
            .collect();
        assert_eq!(marked, [true, false, false, false]);
    }

    #[test]
    fn each_meaning_bit_has_its_ok_bit() {
        let pairs = [
            (bit::PLACES, ok::PLACE),
            (bit::ORG, ok::ORG),
            (bit::DEMONYM, ok::DEMONYM),
            (bit::TITLE, ok::TITLE),
            (bit::STOP, ok::STOP),
            (bit::ORG_HEAD, ok::ORG_HEAD),
            (bit::PARTICLE, ok::PARTICLE),
            (bit::SUFFIX, ok::SUFFIX),
        ];
        for (b, o) in pairs {
            assert_eq!(ok_bits(b), o, "{b:#x}");
        }
        let shape = bit::COMPLETE | bit::PREFIX | bit::PLACE_ACRO | bit::ORG_ACRO;
        assert_eq!(ok_bits(shape), 0);
        assert_eq!(ok_bits(u16::MAX), u8::MAX);
    }

    #[test]
    fn matches_gives_each_token_its_longest_match_and_word_entry() {
        let lex = Lexicon::load().expect("bundled data loads");
        let mut lower = String::new();
        let text = "The Gaza Strip and the United Nations: President Joe Biden of the \
                    United States met the Kenyan foreign minister in Nairobi.";
        let t = tokenize(text, &mut lower);
        let (seg, seg_ok, word_entry) = matches(&t, &lex);
        assert!(seg.iter().filter(|s| s.is_some()).count() >= 4);
        for i in 0..t.len() {
            // `longest` read at every token, whatever the first-token filter says.
            let (want, word) = longest(&t, &lex, i);
            let got = seg[i].map(|s| (s.a, s.b, s.entry, s.ok));
            assert_eq!(got, want.map(|s| (s.a, s.b, s.entry, s.ok)), "{i}");
            assert_eq!(seg_ok[i], want.map_or(0, |s| s.ok), "{i}");
            assert_eq!(word_entry[i], word, "{i}");
        }
    }

    /// [`longest`] as one walk from token `i` on, the single-token step inside it: what the
    /// peeled first step must agree with.
    fn longest_by_walk(t: &Tokens<'_>, lex: &Lexicon, i: usize) -> (Option<Seg>, u32) {
        let (mut h, mut best, mut word, mut word_bits) = (PHRASE_SEED, None, NO_ENTRY, 0);
        let mut j = i;
        while j < t.len() && j - i < lex.max_len {
            if j > i && t.toks[j].newline_before {
                break;
            }
            h = phrase_step(h, t.toks[j].hash);
            let Some(found) = lex.phrases.get(h) else {
                break;
            };
            if found.bits & bit::COMPLETE != 0 {
                if j == i {
                    (word, word_bits) = (found.entry, found.bits);
                }
                let kind_first = j > i && !t.toks[j].cap && word_bits & bit::SUFFIX != 0;
                let m = valid(t, found.bits, i, j + 1, kind_first);
                if m != 0 {
                    best = Some(Seg {
                        a: i,
                        b: j + 1,
                        entry: found.entry,
                        ok: m,
                    });
                }
            }
            if found.bits & bit::PREFIX == 0 {
                break;
            }
            j += 1;
        }
        (best, word)
    }

    #[test]
    fn longest_agrees_with_a_walk_from_the_first_token() {
        let lex = Lexicon::load().expect("bundled data loads");
        let mut lower = String::new();
        let text = "The Gaza Strip and Gaza city, Washington state and the Athabasca River \
                    valley: the United Nations Security Council met in New York City.\n\
                    United\nStates of America, the Prime Minister of the United Kingdom, \
                    US President Joe Biden, the White House and the Red Sea.";
        let t = tokenize(text, &mut lower);
        let mut phrases = 0;
        for i in 0..t.len() {
            let (want, word) = longest_by_walk(&t, &lex, i);
            let (got, got_word) = longest(&t, &lex, i);
            let key = |s: Option<Seg>| s.map(|s| (s.a, s.b, s.entry, s.ok));
            assert_eq!(key(got), key(want), "{}", t.surface(i));
            assert_eq!(got_word, word, "{}", t.surface(i));
            phrases += usize::from(want.is_some_and(|s| s.b - s.a > 1));
        }
        assert!(phrases >= 5, "{phrases}");
    }

    #[test]
    fn next_with_finds_what_a_token_by_token_walk_finds() {
        let lex = Lexicon::load().expect("bundled data loads");
        let mut lower = String::new();
        let text = "The French president met Kenyan officials in Nairobi, then flew to \
                    Paris and Berlin with the German chancellor. A Ugandan delegate stayed \
                    in Kampala; nobody from London or Cairo came, said the Egyptian envoy.";
        let doc = Doc::new(text, &mut lower, &lex);
        let masks = [
            ok::PLACE,
            ok::DEMONYM,
            ok::PLACE | ok::DEMONYM,
            ok::STOP,
            ok::TITLE,
        ];
        assert!(masks.iter().all(|&m| doc.next_with(0, m) < doc.len()));
        for mask in masks {
            for from in 0..=doc.len() + 2 {
                let walk = (from..doc.len())
                    .find(|&k| doc.seg_with(k, mask).is_some())
                    .unwrap_or(doc.len().max(from));
                assert_eq!(doc.next_with(from, mask), walk, "{mask} {from}");
            }
        }
    }
}
