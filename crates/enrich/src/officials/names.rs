//! Person-name spans: capitalized tokens joined by name particles ("da", "al", "bin"),
//! hyphens ("al-Burhan", "Jean-Yves") and initials ("George W. Bush").
//!
//! Names are recognised only next to evidence (a role word, an apposition, a known surname);
//! this module just measures the span. It must never decide that a span is an official.

use rustc_hash::FxHashSet as HashSet;

use super::words;
use crate::lexicon::tc;
use crate::model::LocationKind;
use crate::scan::{ok, Doc};
use crate::tokens::Kind;

/// A token range `a..b` (end exclusive).
pub type Span = (usize, usize);

/// "Mishal al-Ahmad al-Jaber al-Sabah" is ten tokens.
const MAX_NAME_TOKENS: usize = 12;

/// Can token `k` be a word of a person's name?
pub fn name_word(doc: &Doc<'_, '_>, k: usize) -> bool {
    if !doc.is_cap_word(k) {
        return false;
    }
    let t = &doc.t.toks[k];
    // Single letters other than initials ("W.") are not names, nor honours after a name
    // ("S.C.", "M.P."; a list of words, tested last).
    if t.cend - t.cstart == 1 {
        return false;
    }
    if let Some(s) = doc.seg[k] {
        let e = doc.entry(&s);
        if s.ok & (ok::STOP | ok::DEMONYM | ok::ORG_HEAD) != 0 {
            return false;
        }
        if s.ok & ok::ORG != 0 && s.b - s.a >= 1 && e.org_acro {
            return false;
        }
        if e.title & (tc::HEAD | tc::MOD | tc::RANK | tc::HON | tc::NONOFF) != 0 {
            return false;
        }
    }
    // "Minister" inside a longer phrase match still blocks a name.
    if let Some(e) = doc.word(k) {
        // A ministry's field can be a surname ("Samantha Power").
        if e.stop || e.title & !tc::PORTFOLIO != 0 || e.demonym.is_some() || e.org_head {
            return false;
        }
    }
    !words::postnominal(doc.t.lower(k))
}

fn initial(doc: &Doc<'_, '_>, k: usize) -> bool {
    let t = &doc.t.toks[k];
    t.kind == Kind::Word && t.cap && t.cend - t.cstart == 2 && doc.t.lower(k).ends_with('.')
}

/// Construction "initial without its period", as South Asian names are often written
/// ("Handloom Minister R Gandhi", "Chief Secretary V Irai Anbu", "Siva V Meyyanathan"): one
/// capital letter, then a name word after a space on the same line. An "A" or "I" opening a
/// sentence is the article or the pronoun.
fn bare_initial(doc: &Doc<'_, '_>, k: usize) -> bool {
    let t = &doc.t.toks[k];
    // The letter first: the next word is measured only after one (names are read at every
    // comma and role word, and most tokens are no single capital).
    let letter = t.kind == Kind::Word && t.cap && t.cend - t.cstart == 1;
    letter
        && k + 1 < doc.len()
        && doc.t.toks[k + 1].space_before
        && !doc.t.toks[k + 1].newline_before
        && name_word(doc, k + 1)
        && !(doc.sent_start[k] && matches!(doc.t.lower(k), "a" | "i"))
}

fn particle(doc: &Doc<'_, '_>, k: usize) -> bool {
    k < doc.len() && !doc.t.toks[k].cap && doc.word(k).is_some_and(|e| e.particle)
}

fn hyphen_join(doc: &Doc<'_, '_>, k: usize) -> bool {
    k + 1 < doc.len()
        && doc.t.is_punct(k, "-")
        && !doc.t.toks[k].space_before
        && !doc.t.toks[k + 1].space_before
}

/// Whether token `k`, right after a name word, belongs to the name because a name word
/// follows it: "Sheikh" ("Hassan Sheikh Mohamud"), or a one-word demonym on the same line
/// ("Krishna Chandra Nepali Pokharel").
fn inner_name_word(doc: &Doc<'_, '_>, k: usize) -> bool {
    if !(doc.is_cap_word(k) && k + 1 < doc.len()) {
        return false;
    }
    let sheikh = words::sheikh(doc.t.lower(k));
    let demonym = || {
        doc.seg_with(k, ok::DEMONYM).is_some_and(|s| s.b == k + 1)
            && !doc.t.toks[k + 1].newline_before
    };
    (sheikh || demonym()) && name_word(doc, k + 1)
}

/// The longest name starting at token `i` (honorifics before it are skipped by callers).
pub fn forward(doc: &Doc<'_, '_>, i: usize) -> Option<Span> {
    read_on(doc, i, i, None)
}

/// [`forward`] from token `i`, which the caller has found to be a [`name_word`]: its test
/// is not made twice (persons are read at every capitalized word).
pub fn forward_from_name_word(doc: &Doc<'_, '_>, i: usize) -> Option<Span> {
    debug_assert!(name_word(doc, i));
    read_on(doc, i, i + 1, Some(i + 1))
}

/// The name starting at `i`, read on from token `k` with its words ending at
/// `last_word_end` so far.
fn read_on(
    doc: &Doc<'_, '_>,
    i: usize,
    mut k: usize,
    mut last_word_end: Option<usize>,
) -> Option<Span> {
    let n = doc.len();
    // Names spelled like English function words ("To Lam", "Do Hung", "Said Mtanda"),
    // capitalized in mid-sentence right after a role, or between two name words ("Amina
    // Said Bello").
    let function_word_name = |k: usize, last_word_end: Option<usize>| {
        let opens = k == i && !doc.sent_start[k];
        let inner = k > i && last_word_end == Some(k);
        (opens || inner)
            && doc.is_cap_word(k)
            && words::function_word_name(doc.t.lower(k))
            && k + 1 < n
            && name_word(doc, k + 1)
    };
    while k < n && k - i < MAX_NAME_TOKENS {
        if k > i && doc.t.toks[k].newline_before {
            break;
        }
        // The inner words are tested only when the token is no name word itself, as most
        // in a name are.
        if name_word(doc, k)
            || function_word_name(k, last_word_end)
            || (k > i && last_word_end == Some(k) && inner_name_word(doc, k))
        {
            k += 1;
            last_word_end = Some(k);
        } else if last_word_end == Some(k)
            && doc.is_cap_word(k)
            && hyphen_join(doc, k + 1)
            && doc.is_cap_word(k + 2)
            && doc.seg_with(k, ok::TITLE).is_none_or(|s| s.b < k + 3)
        {
            // "Amir-Abdollahian": hyphenated capitalized parts, whatever they mean alone
            // (not a role the lexicon has whole: "Secretary-General").
            k += 3;
            last_word_end = Some(k);
        } else if last_word_end == Some(k)
            && hyphen_join(doc, k)
            && doc.t.toks[k + 1].kind == Kind::Word
            && !doc.t.toks[k + 1].cap
        {
            // "Ki-moon", "Ching-te": a lowercase syllable after a hyphen.
            k += 2;
            last_word_end = Some(k);
        } else if (initial(doc, k) && k + 1 < n && doc.is_cap_word(k + 1))
            || bare_initial(doc, k)
            || (particle(doc, k)
                && (hyphen_join(doc, k + 1)
                    || (k + 1 < n && doc.is_cap_word(k + 1))
                    || (particle(doc, k + 1) && k + 2 < n && doc.is_cap_word(k + 2))))
            || (hyphen_join(doc, k)
                && (last_word_end == Some(k) || particle(doc, k.wrapping_sub(1))))
        {
            k += 1;
        } else {
            break;
        }
    }
    last_word_end.map(|e| (i, e))
}

/// The end of a generational suffix right after a name ending at `b` ("Van R. Johnson, II",
/// "Robert Smith Jr."), which belongs to the name as written.
pub fn generational_suffix(doc: &Doc<'_, '_>, b: usize) -> Option<usize> {
    let s = if doc.t.is_punct(b, ",") { b + 1 } else { b };
    if s >= doc.len() || doc.t.toks[s].newline_before {
        return None;
    }
    let ok = words::generational_suffix(doc.t.surface(s));
    // "Jr" then "." when the tokenizer splits the abbreviation.
    let end = if doc.t.is_punct(s + 1, ".") && matches!(doc.t.surface(s), "Jr" | "Sr") {
        s + 2
    } else {
        s + 1
    };
    ok.then_some(end)
}

/// The name that ends just before token `end` (exclusive), scanning backwards.
pub fn backward(doc: &Doc<'_, '_>, end: usize) -> Option<Span> {
    let mut k = end;
    let mut start = None;
    while k > 0 && end - k < MAX_NAME_TOKENS {
        let j = k - 1;
        let syllable = doc.t.toks[j].kind == Kind::Word
            && !doc.t.toks[j].cap
            && j >= 2
            && hyphen_join(doc, j - 1)
            && name_word(doc, j - 2)
            && start.is_none()
            && k == end;
        if syllable {
            k = j - 1;
            continue;
        }
        // (Each test once, the cheap ones first: this runs at every comma and "as".)
        let word = name_word(doc, j);
        let inside = start.is_some();
        let joined_particle = inside && particle(doc, j);
        let ok_tok = word
            || (inside && (initial(doc, j) || bare_initial(doc, j)))
            || joined_particle
            || (inside
                && hyphen_join(doc, j)
                && j > 0
                && (name_word(doc, j - 1) || particle(doc, j - 1)));
        if !ok_tok {
            break;
        }
        // (Outside a name only a name word gets here.)
        if word || joined_particle {
            start = Some(j);
        }
        k = j;
        if doc.t.toks[j].newline_before {
            break;
        }
    }
    let s = start?;
    // Never start on a lowercase particle unless it is hyphen-joined ("al-Burhan").
    let s = if particle(doc, s) && !hyphen_join(doc, s + 1) {
        s + 1
    } else {
        s
    };
    // "Peronist Sergio Massa": a leading political adjective is not part of the name.
    let words = (s..end).filter(|&k| doc.is_cap_word(k)).count();
    let s = if words >= 3 && doc.t.lower(s).ends_with("ist") {
        s + 1
    } else {
        s
    };
    (s < end).then_some((s, end))
}

/// Honorifics and ranks directly before `i` ("Mr.", "Sheikh"), skipped forwards.
pub fn skip_honorifics(doc: &Doc<'_, '_>, mut i: usize) -> usize {
    while i < doc.len() {
        let (class, b) = doc.title_at(i);
        if class & tc::HON != 0 {
            i = b;
        } else {
            break;
        }
    }
    i
}

/// Lowercased capitalized words of `a..b`: the name as compared across mentions. The
/// tokens' own lowercase forms, borrowed from the document: no string per word.
pub fn name_words<'a>(doc: &Doc<'a, '_>, a: usize, b: usize) -> Vec<&'a str> {
    // Sized for every token: the filter leaves the vector no size to reserve from.
    let mut out = Vec::with_capacity(b.saturating_sub(a));
    name_words_into(doc, a, b, &mut out);
    out
}

/// [`name_words`] into `out` (emptied first): later mentions measure every capitalized
/// run that may name a known person, and most name nobody.
pub fn name_words_into<'a>(doc: &Doc<'a, '_>, a: usize, b: usize, out: &mut Vec<&'a str>) {
    out.clear();
    out.extend(
        (a..b)
            .filter(|&k| doc.is_cap_word(k))
            .map(|k| doc.t.lower(k)),
    );
}

/// Lowercased words of `a..b` (a role's head words, for "the Secretary").
pub fn lower_words(doc: &Doc<'_, '_>, a: usize, b: usize) -> Vec<String> {
    (a..b)
        .filter(|&k| doc.t.toks[k].kind == Kind::Word)
        .map(|k| doc.t.lower(k).to_string())
        .collect()
}

/// A name after a title must not be a place or body on its own ("President of France"),
/// nor an ALL-CAPS headline, nor end in a place or body word ("General Hospital").
pub fn plausible(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    if b <= a {
        return false;
    }
    // An ALL-CAPS headline ("SAMIA INAUGURATES NEW BRIDGE") is not a name.
    let shouting = (a..b)
        .filter(|&k| doc.t.toks[k].kind == Kind::Word)
        .map(|k| doc.t.surface(k))
        .all(|w| {
            // (A lowercase letter first: most names have one by their second letter.)
            !w.chars().any(|c| c.is_lowercase())
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        });
    if shouting {
        return false;
    }
    // "Admiral Brown Promenade", "General Hospital": a place or body word ends the phrase.
    if doc.seg_with(b - 1, ok::SUFFIX | ok::ORG_HEAD).is_some() {
        return false;
    }
    !(b - a == 1 || (b - a == 2 && doc.seg[a].is_some_and(|s| s.b == b)))
        || !lone_big_place(doc, a, b)
}

/// The whole span `a..b` is one dictionary match that is a body, or a place other than a
/// small city (a city-named surname like "Sullivan" stays a name).
fn lone_big_place(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    let Some(s) = doc.seg[a] else {
        return false;
    };
    if s.b != b || s.ok & (ok::PLACE | ok::ORG) == 0 {
        return false;
    }
    if s.ok & ok::ORG != 0 {
        return true;
    }
    doc.entry(&s).places.iter().any(|&p| {
        let pl = &doc.lex.places[p as usize];
        !matches!(pl.kind, LocationKind::City) || pl.pop > 500_000
    })
}

/// The words the body text (outside Title-Case headlines) writes capitalized, by token
/// hash: a headline name is confirmed against them. Built once per document, on first use.
#[derive(Default)]
pub struct BodyCaps(Option<HashSet<u64>>);

impl BodyCaps {
    fn get(&mut self, doc: &Doc<'_, '_>) -> &HashSet<u64> {
        self.0.get_or_insert_with(|| {
            (0..doc.len())
                .filter(|&k| !doc.headline[k] && doc.is_cap_word(k))
                .map(|k| doc.t.toks[k].hash)
                .collect()
        })
    }

    /// In a Title-Case headline every word is capitalized, so a name after a role is cut
    /// to the longest prefix whose last word the body text also writes capitalized.
    pub fn confirmed(&mut self, doc: &Doc<'_, '_>, a: usize, b: usize) -> Option<Span> {
        let caps = self.get(doc);
        (a + 1..=b)
            .rev()
            .find(|&e| caps.contains(&doc.t.toks[e - 1].hash))
            .map(|e| (a, e))
    }
}

/// Names listed from token `j` after a plural role: "A B (x), C D and E F", "A of Borno
/// State, B of Niger State and C". Each name has two words or more and is free; at most
/// twelve.
pub fn name_list(doc: &Doc<'_, '_>, claims: &crate::claims::Claims, mut j: usize) -> Vec<Span> {
    let n = doc.len();
    let mut out = Vec::new();
    // "counterparts -- A and B", "counterparts: A and B", "counterparts, A and B".
    while j < n && words::list_opener(doc.t.lower(j)) && !doc.t.toks[j].newline_before {
        j += 1;
    }
    // "The governors include A of Borno State, B of Niger State and C".
    if words::list_verb(doc.t.lower(j)) && doc.is_cap_word(j + 1) {
        j += 1;
    }
    while out.len() < 12 {
        j = skip_honorifics(doc, j);
        if j >= n || doc.t.toks[j].newline_before {
            break;
        }
        let Some((a, b)) = forward(doc, j) else {
            break;
        };
        if b - a < 2 || !claims.free(a, b) {
            break;
        }
        out.push((a, b));
        match next_list_item(doc, b) {
            Some(next) => j = next,
            None => break,
        }
    }
    out
}

/// A place the gazetteer lacks, named after "of" in a list of office-holders ("governors
/// A of Tawi-tawi, B of Maguindanao del Sur and C"): up to five tokens of capitalized
/// words, hyphenated parts and lowercase particles, which must be followed by the
/// list's comma or "and" to count. Its end.
fn unlisted_place_name(doc: &Doc<'_, '_>, a: usize) -> Option<usize> {
    let n = doc.len();
    if !doc.is_cap_word(a) {
        return None;
    }
    let mut k = a + 1;
    while k < n && k - a < 5 && !doc.t.toks[k].newline_before {
        let joined = hyphen_join(doc, k) && doc.t.toks[k + 1].kind == Kind::Word;
        if joined {
            k += 2;
        } else if doc.is_cap_word(k)
            || (matches!(doc.t.lower(k), "del" | "de" | "la" | "di") && doc.is_cap_word(k + 1))
        {
            k += 1;
        } else {
            break;
        }
    }
    (doc.t.is_punct(k, ",") || doc.t.is_word(k, "and")).then_some(k)
}

/// After a listed name ending at `b`: past a bracket ("(D-Conn.)"), the place the holder
/// serves ("of Borno State"), then a comma and/or "and". `None` when neither follows.
fn next_list_item(doc: &Doc<'_, '_>, b: usize) -> Option<usize> {
    let n = doc.len();
    let mut k = b;
    if doc.t.is_punct(k, "(") {
        while k < n && k - b < 12 && !doc.t.is_punct(k, ")") {
            k += 1;
        }
        k += 1;
    }
    if doc.t.is_word(k, "of") {
        if let Some(s) = doc.seg_with(k + 1, ok::PLACE) {
            k = s.b;
            if doc.is_cap_word(k) && doc.seg_with(k, ok::SUFFIX).is_some() {
                k += 1;
            }
        } else if let Some(e) = unlisted_place_name(doc, k + 1) {
            k = e;
        }
    }
    let before = k;
    if doc.t.is_punct(k, ",") {
        k += 1;
    }
    if doc.t.is_word(k, "and") {
        k += 1;
    }
    (k != before).then_some(k)
}

#[cfg(test)]
mod tests {
    /// Read on from a name word, a name measures as [`super::forward`] measures it, and
    /// not from the word after it.
    #[test]
    fn a_name_read_on_from_its_first_word_is_the_name_forward_reads() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let mut lower = String::new();
        let text = "Yesterday Jean-Yves Le Drian met Ban Ki-moon, George W. Bush and \
                    Mishal al-Ahmad al-Jaber al-Sabah in Paris with Minister Said Bello.";
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let mut names = 0;
        for k in (0..doc.len()).filter(|&k| super::name_word(&doc, k)) {
            let whole = super::forward(&doc, k);
            assert_eq!(super::forward_from_name_word(&doc, k), whole, "{k}");
            names += usize::from(whole.is_some_and(|(_, b)| b > k + 1));
        }
        assert!(names >= 4, "{names}");
        let at = |w: &str| (0..doc.len()).find(|&k| doc.t.surface(k) == w);
        let ban = at("Ban").expect("in the text");
        assert_eq!(
            super::forward_from_name_word(&doc, ban),
            Some((ban, ban + 4))
        );
    }
}
