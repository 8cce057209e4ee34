//! Gazetteer-name candidates: every dictionary place match the text may mean as a place.
//!
//! Each rejection is one named rule below, a function whose comment gives the construction
//! it reads; [`collect`] applies them in a fixed order to every place match, and keeps the
//! rest as candidates (or, for "Northern Rivers", as qualified regions).

use std::borrow::Cow;

use super::{words, Datelines};
use crate::claims::Claims;
use crate::lexicon::Entry;
use crate::model::LocationKind;
use crate::scan::{ok, Doc, Seg};
use crate::tokens::Kind;
use crate::weights::GLUED_TOWN_POP;

/// A gazetteer name the text may mean as a place, with its readings (the dictionary
/// entry's own list, copied only when some are left out).
pub struct Cand<'l> {
    pub a: usize,
    pub b: usize,
    pub places: Cow<'l, [u32]>,
    /// A locative before it, the dateline, or all capitals: small readings are supported.
    pub strong_ctx: bool,
    /// Dictionary entry of the surface (to count its occurrences).
    pub entry: u32,
    /// The locative word before it, when one introduced it.
    pub cue: Option<usize>,
}

/// "Northern Rivers", "Lower Bavaria": a capitalized qualifier and a place inside; the
/// readings of the place inside (the dictionary entry's list).
pub struct Qualified<'l> {
    pub a: usize,
    pub b: usize,
    pub places: &'l [u32],
}

/// The candidates and qualified regions of an item, in text order.
#[derive(Default)]
pub struct Candidates<'l> {
    pub cands: Vec<Cand<'l>>,
    pub qualified: Vec<Qualified<'l>>,
}

/// Collects the candidates: every place match no earlier pass took, that no rule rejects.
pub fn collect<'l>(doc: &Doc<'_, 'l>, claims: &Claims, dl: Datelines) -> Candidates<'l> {
    // Room for the places of an ordinary item up front: a candidate is large to move.
    let mut out = Candidates {
        cands: Vec::with_capacity(16),
        ..Candidates::default()
    };
    // Most tokens start no place or body match: the matches' meanings are scanned eight
    // tokens at a time for the next one.
    let mut i = 0;
    while let Some(k) = super::next_match(doc, i, ok::PLACE | ok::ORG) {
        let Some(s) = doc.seg[k] else {
            i = k + 1;
            continue;
        };
        // A body's name is skipped whole; what is left is a place match.
        if !inside_a_body_name(s) && !claimed(doc, claims, s) {
            read(&Site::new(doc, claims, dl, s), &mut out);
        }
        i = s.b.max(k + 1);
    }
    out
}

/// Applies the rules to the place match of `site`, in order; pushes what is left.
fn read<'l>(site: &Site<'_, '_, 'l>, out: &mut Candidates<'l>) {
    let rejected = body_not_placed(site)
        || stop_word(site)
        || capitals_acronym(site)
        || capitals_label(site)
        || two_letter_word(site)
        || glued_to_a_name(site)
        || demonym_before_noun(site)
        || designation(site)
        || agreement_name(site)
        || hyphenated_name(site)
        || tail_of_a_compound_name(site);
    if rejected {
        return;
    }
    let (doc, s) = (site.doc, site.s);
    let a = glued_article_start(site);
    if qualified_region(site, a) && !site.org_too {
        out.qualified.push(Qualified {
            a: a - 1,
            b: s.b,
            places: &site.e.places,
        });
        return;
    }
    // Facilities that are also bodies keep only their facility readings.
    let places = if site.org_too {
        site.e
            .places
            .iter()
            .copied()
            .filter(|&p| doc.lex.places[p as usize].kind == LocationKind::Facility)
            .collect()
    } else {
        Cow::Borrowed(&site.e.places[..])
    };
    // Person names claimed nearby ("Mr. Jordan") are already excluded by claims.
    let strong = site.locative || site.in_dateline || doc.t.toks[s.a].upper;
    out.cands.push(Cand {
        a,
        b: s.b,
        places,
        strong_ctx: strong,
        entry: s.entry,
        cue: site.locative.then(|| s.a - 1),
    });
}

/// One place match and what the rules read around it.
struct Site<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    claims: &'d Claims,
    s: Seg,
    e: &'l Entry,
    single: bool,
    /// The match is the dateline place (either of a dual dateline).
    in_dateline: bool,
    /// The match is the first dateline place.
    first_dateline: bool,
    /// A locative word before it ("in", "the north of").
    locative: bool,
    /// The match is also a body's name ("the White House").
    org_too: bool,
}

impl<'d, 'a, 'l> Site<'d, 'a, 'l> {
    fn new(doc: &'d Doc<'a, 'l>, claims: &'d Claims, dl: Datelines, s: Seg) -> Self {
        let prev = if s.a > 0 { doc.t.lower(s.a - 1) } else { "" };
        let prev2 = if s.a > 1 { doc.t.lower(s.a - 2) } else { "" };
        let first_dateline = dl.first == Some((s.a, s.b));
        Self {
            doc,
            claims,
            s,
            e: doc.entry(&s),
            single: s.b - s.a == 1,
            in_dateline: first_dateline || dl.second == Some((s.a, s.b)),
            first_dateline,
            locative: words::locative(prev) || (prev == "the" && words::locative(prev2)),
            org_too: s.ok & ok::ORG != 0,
        }
    }
}

/// "the Bank of England", "the University of Oxford": a dictionary organization name
/// hides the places inside it. The match `s` is then skipped whole.
fn inside_a_body_name(s: Seg) -> bool {
    s.ok & ok::ORG != 0 && s.ok & ok::PLACE == 0
}

/// "US Secretary of State Marco Rubio", "Jordan Bardella said": a span an earlier pass
/// took (a title's qualifier, a person's name), or inside a body's name the text spells out
/// ("the Kenya Ports Authority").
fn claimed(doc: &Doc<'_, '_>, claims: &Claims, s: Seg) -> bool {
    !claims.free(s.a, s.b) || doc.org_chunk_at(s.a).is_some()
}

/// "the White House said": a facility that is also a body is a place only when the text
/// puts someone or something at it ("arrived at the White House"), and then only as a
/// facility.
fn body_not_placed(site: &Site<'_, '_, '_>) -> bool {
    let doc = site.doc;
    site.org_too
        && (!site.locative
            || !site
                .e
                .places
                .iter()
                .any(|&p| doc.lex.places[p as usize].kind == LocationKind::Facility))
}

/// A lone place word the dictionary also lists as a stop word (a function word that is
/// also some town's name) is no place.
fn stop_word(site: &Site<'_, '_, '_>) -> bool {
    site.single && site.s.ok & ok::STOP != 0
}

/// "SANA reported", "SABA said": an all-capitals short word is an agency or acronym, not
/// the same-named town, except in a dateline ("GAZA -").
fn capitals_acronym(site: &Site<'_, '_, '_>) -> bool {
    let (doc, a) = (site.doc, site.s.a);
    site.single
        && doc.t.toks[a].upper
        && !site.e.place_acro
        && !site.in_dateline
        && doc.t.surface(a).chars().count() <= 5
}

/// "PRESS OFFICER: ...": an all-capitals label before a colon, not the town of Officer
/// (a dateline "KYIV:" is a place).
fn capitals_label(site: &Site<'_, '_, '_>) -> bool {
    let doc = site.doc;
    doc.t.toks[site.s.a].upper && doc.t.is_punct(site.s.b, ":") && !site.first_dateline
}

/// "Officials said Bo would host": a lone word of one or two letters is no place unless
/// the gazetteer lists it as an acronym ("US").
fn two_letter_word(site: &Site<'_, '_, '_>) -> bool {
    // Its length in chars, from the token's char offsets.
    let chars = |t: &crate::tokens::Token| t.cend - t.cstart;
    site.single && site.doc.t.toks.get(site.s.a).is_none_or(|t| chars(t) <= 2) && !site.e.place_acro
}

/// "Jordan Bardella", "Paris Hilton", "Victoria Beckham": a lone place word glued to a
/// capitalized unknown word (or to a word that is only a small town) is part of a person's
/// name.
fn glued_to_a_name(site: &Site<'_, '_, '_>) -> bool {
    let (doc, claims, s) = (site.doc, site.claims, site.s);
    let n = doc.len();
    let small_town = |k: usize| {
        doc.seg[k].is_some_and(|x| {
            x.ok == ok::PLACE
                && x.b == k + 1
                && doc.entry(&x).places.iter().all(|&p| {
                    let pl = &doc.lex.places[p as usize];
                    pl.kind == LocationKind::City && pl.pop < GLUED_TOWN_POP
                })
        })
    };
    // Each side read in turn, and only for a lone word.
    let name_next = || {
        s.b < n
            && doc.is_cap_word(s.b)
            && !doc.t.toks[s.b].newline_before
            && (doc.seg[s.b].is_none() || small_town(s.b))
            && doc.t.toks[s.b].kind == Kind::Word
    };
    let name_prev = || {
        s.a > 0
            && !doc.sent_start[s.a]
            && doc.is_cap_word(s.a - 1)
            && doc.seg[s.a - 1].is_none()
            && claims[s.a - 1] == 0
    };
    site.single && (name_next() || name_prev())
}

/// "the Kazakh side", "a Malay dish": a demonym that also names a town, before a common
/// noun (not a country or sea: "the Philippines coast guard", "Pacific islands").
fn demonym_before_noun(site: &Site<'_, '_, '_>) -> bool {
    let (doc, s) = (site.doc, site.s);
    // The readings are read last: most matches are no demonym.
    let towns_only = || {
        site.e.places.iter().all(|&p| {
            matches!(
                doc.lex.places[p as usize].kind,
                LocationKind::City | LocationKind::Admin
            )
        })
    };
    site.single
        && s.ok & ok::DEMONYM != 0
        && s.b < doc.len()
        && doc.t.toks[s.b].kind == Kind::Word
        && !doc.t.toks[s.b].cap
        && doc.word(s.b).is_none_or(|w| !w.stop)
        && towns_only()
}

/// "Brent crude", "Hwasong-11 missiles": a grade of oil, a weapon's designation.
fn designation(site: &Site<'_, '_, '_>) -> bool {
    let (doc, b) = (site.doc, site.s.b);
    doc.t.lower(b) == "crude"
        || (doc.t.is_punct(b, "-")
            && !doc.t.toks[b].space_before
            && b + 1 < doc.len()
            && doc.t.toks[b + 1].kind == Kind::Num)
}

/// "the Dayton peace agreement", "the Minsk accords": a place inside an agreement's name;
/// also a chain of places before a programme's capitalized name ("the Praia-Dakar-Abidjan
/// Corridor programme", "the Lobito Corridor").
fn agreement_name(site: &Site<'_, '_, '_>) -> bool {
    let (doc, mut b) = (site.doc, site.s.b);
    // Past the rest of a hyphenated chain of capitalized words (a short way).
    let mut links = 0;
    while links < 6
        && doc.t.is_punct(b, "-")
        && !doc.t.toks[b].space_before
        && b + 1 < doc.len()
        && !doc.t.toks[b + 1].space_before
        && doc.is_cap_word(b + 1)
    {
        b = doc
            .seg_with(b + 1, ok::PLACE)
            .map_or(b + 2, |s| s.b.max(b + 2));
        links += 1;
    }
    let programme = doc.t.toks.get(b).is_some_and(|t| t.cap) && words::programme(doc.t.lower(b));
    words::agreement(doc.t.lower(b))
        || (doc.t.lower(b) == "peace" && words::agreement(doc.t.lower(b + 1)))
        || programme
}

/// "Castilla-La Mancha": a hyphen glued to a capitalized word that is no place makes this
/// place part of a longer name ("Russia-Ukraine" joins two places).
fn hyphenated_name(site: &Site<'_, '_, '_>) -> bool {
    let (doc, b) = (site.doc, site.s.b);
    doc.t.is_punct(b, "-")
        && !doc.t.toks[b].space_before
        && b + 1 < doc.len()
        && !doc.t.toks[b + 1].space_before
        && doc.is_cap_word(b + 1)
        && doc.seg_with(b + 1, ok::PLACE | ok::DEMONYM).is_none()
}

/// "Maguindanao del Sur", "Lanao del Norte", "Santiago del Estero": after a capitalized
/// word and a lowercase Spanish or Italian particle, a place word ends a longer name (Sur is
/// also a town in Oman) and is no place on its own.
fn tail_of_a_compound_name(site: &Site<'_, '_, '_>) -> bool {
    let (doc, a) = (site.doc, site.s.a);
    a >= 2
        && matches!(doc.t.lower(a - 1), "del" | "de" | "della" | "di")
        && !doc.t.toks[a - 1].cap
        && doc.is_cap_word(a - 2)
}

/// "Al-Bayda", "Ash-Shihr": a transliterated Arabic article glued before the name belongs
/// to it. Returns the mention's start.
fn glued_article_start(site: &Site<'_, '_, '_>) -> usize {
    let (doc, a) = (site.doc, site.s.a);
    if a >= 2
        && doc.t.is_punct(a - 1, "-")
        && !doc.t.toks[a - 1].space_before
        && !doc.t.toks[a].space_before
        && words::arabic_article_before_gazetteer_name(doc.t.lower(a - 2))
    {
        a - 2
    } else {
        a
    }
}

/// "Northern Rivers", "Lower Bavaria", "Greater Manchester": a capitalized qualifier makes a
/// region the gazetteer lacks; the place inside (a town, region or feature) gives its
/// coordinates. `a` is the mention's start.
fn qualified_region(site: &Site<'_, '_, '_>, a: usize) -> bool {
    let doc = site.doc;
    a > 0
        && !doc.t.toks[a].newline_before
        && doc.t.toks[a - 1].cap
        && site.claims[a - 1] == 0
        && words::region_qualifier(doc.t.lower(a - 1))
        && site.e.places.iter().all(|&p| {
            let p = &doc.lex.places[p as usize];
            matches!(
                p.kind,
                LocationKind::Admin | LocationKind::City | LocationKind::Geo
            )
        })
}
