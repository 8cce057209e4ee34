//! What the resolved places tell the officials pass: country evidence per sentence, and
//! the dateline's country.

use super::{words, Datelines};
use crate::claims::{claim, Claims};
use crate::country::Signal;
use crate::gazetteer::{Cc, NO_CC};
use crate::model::{CountryCode, Location, LocationKind};
use crate::scan::{ok, Doc};
use crate::tokens::{first_starting_at_or_after, Kind};
use crate::weights::*;

impl Datelines {
    /// The item's dateline places, if it opens with one.
    pub fn of(doc: &Doc<'_, '_>) -> Self {
        // Where a dateline may start is looked for once (a walk over the lines before it).
        let start = dateline_start(doc);
        let second = dateline_second(doc, start);
        Self {
            first: dateline(doc, start, second),
            second,
        }
    }
}

/// The token each location mention starts at (the first token starting at or after its
/// char offset, the last token past the end), in the order of `locs` and their mentions.
/// One sort of the mentions and one walk forward over the tokens, in growing steps from
/// the last token found (a binary search of the whole text per mention costs a cache miss
/// per step on long texts; a token-by-token walk costs every token).
fn first_tokens(doc: &Doc<'_, '_>, locs: &[Location]) -> Vec<usize> {
    let placed = || locs.iter().filter(|l| l.country.is_some());
    // Counted first: one allocation, not a regrowth per doubling.
    let mut starts = Vec::with_capacity(placed().map(|l| l.mentions.len()).sum());
    starts.extend(placed().flat_map(|l| l.mentions.iter().map(|m| m.start)));
    let mut order: Vec<usize> = (0..starts.len()).collect();
    order.sort_by_key(|&i| starts[i]);
    let toks = &doc.t.toks;
    let last = doc.len().saturating_sub(1);
    let mut out = vec![0; starts.len()];
    let mut t = 0;
    for i in order {
        t = first_starting_at_or_after(toks, t, starts[i]);
        out[i] = t.min(last);
    }
    out
}

/// Country evidence per sentence for the officials' country fallback: resolved place
/// mentions and demonyms (not those inside a person's name).
pub fn signals(doc: &Doc<'_, '_>, claims: &Claims, locs: &[Location]) -> Vec<Signal> {
    let mention_tokens = first_tokens(doc, locs);
    // A signal per placed mention, and the demonyms' few after them.
    let mut out = Vec::with_capacity(mention_tokens.len() + 8);
    let mut next_token = mention_tokens.into_iter();
    for l in locs {
        let Some(cc) = l.country.map(CountryCode::bytes) else {
            continue;
        };
        let w = match l.kind {
            LocationKind::Country | LocationKind::Territory => SIGNAL_COUNTRY,
            LocationKind::Admin | LocationKind::City | LocationKind::Facility => SIGNAL_PLACE,
            LocationKind::Geo => 0.0,
        };
        for _ in &l.mentions {
            let t = next_token.next().unwrap_or(0);
            let w = if is_destination(doc, t) {
                SIGNAL_DESTINATION_FACTOR * w
            } else {
                w
            };
            out.push(Signal {
                sentence: doc.sent_id[t],
                token: t,
                country: cc,
                weight: w,
            });
        }
    }
    let mut from = 0;
    while let Some(i) = super::next_match(doc, from, ok::DEMONYM) {
        let Some(s) = doc.seg_with(i, ok::DEMONYM) else {
            break;
        };
        // A demonym inside a person's name or another official's title ("U.S. President
        // Donald Trump") is that person's evidence, not the item's.
        if claims[i] & (claim::PERSON | claim::TITLE) == 0 {
            if let Some(cc) = doc.entry(&s).demonym.filter(|&c| c != NO_CC) {
                out.push(Signal {
                    sentence: doc.sent_id[i],
                    token: i,
                    country: cc,
                    weight: SIGNAL_DEMONYM,
                });
            }
        }
        from = s.b;
    }
    out
}

/// A place named as where someone travels ("a visit to Kyiv", "arrived in Port Moresby",
/// "will travel to Washington"): weak evidence of the traveller's own country.
fn is_destination(doc: &Doc<'_, '_>, t: usize) -> bool {
    if t == 0 {
        return false;
    }
    let prev = doc.t.lower(t - 1);
    let before = if t >= 2 { doc.t.lower(t - 2) } else { "" };
    match prev {
        p if words::visit_word(p) => true,
        "to" => words::travel_word(before),
        "in" => words::arrival_word(before),
        _ => false,
    }
}

/// Country of the dateline place, when the item has one.
pub fn dateline_country(doc: &Doc<'_, '_>, locs: &[Location]) -> Option<Cc> {
    let country_at = |a: usize| {
        let start = doc.t.toks[a].cstart as usize;
        locs.iter()
            .find(|l| l.mentions.iter().any(|m| m.start == start))
            .and_then(|l| l.country)
            .map(CountryCode::bytes)
    };
    let dl = Datelines::of(doc);
    let (a, _) = dl.first?;
    let first = country_at(a);
    // "LIMA/LA PAZ -": a dual dateline in two countries states neither.
    match dl.second {
        Some((b, _)) if country_at(b) != first => None,
        _ => first,
    }
}

/// Lines before the body that a dateline may follow: a headline, a standfirst, a byline.
const MAX_LINES_BEFORE_DATELINE: usize = 6;

/// Where the dateline place may start: the text's first token when a place there ends in a
/// dateline's punctuation, or, after headline and standfirst lines, the first token of a later line written in capitals ("Ministers sworn
/// in\n\nKATHMANDU: ..."). Capitals only there, so that a paragraph opening on a place
/// ("Paris, the city ...") is no dateline.
fn dateline_start(doc: &Doc<'_, '_>) -> usize {
    let opens = |k: usize| {
        doc.seg_with(k, ok::PLACE).is_some_and(|s| {
            let next = doc.t.lower(s.b);
            (next == "/" || words::dateline_end(next))
                && (s.a..s.b).all(|x| doc.t.toks[x].kind != Kind::Word || doc.t.toks[x].upper)
        })
    };
    // A place opening the text is the dateline when punctuation follows it ("Paris -");
    // a headline that opens on a place ("Iraq launches ...") leaves the search to the
    // lines after it.
    let at_start = doc.seg_with(0, ok::PLACE).is_some_and(|s| {
        let next = doc.t.lower(s.b);
        next == "/" || words::dateline_end(next)
    });
    if at_start {
        return 0;
    }
    (1..doc.len())
        .filter(|&k| doc.t.toks[k].newline_before)
        .take(MAX_LINES_BEFORE_DATELINE)
        .find(|&k| opens(k))
        .unwrap_or(0)
}

/// Dateline: a place opening the item (or its body) at `start` ([`dateline_start`])
/// followed by a dash, colon or comma; `second` is [`dateline_second`].
fn dateline(
    doc: &Doc<'_, '_>,
    start: usize,
    second: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let s = doc.seg_with(start, ok::PLACE)?;
    let next = doc.t.lower(s.b);
    if next == "/" {
        // A dual dateline, "TEL AVIV/CAIRO -": the first place is the dateline.
        return second.map(|_| (s.a, s.b));
    }
    words::dateline_end(next).then_some((s.a, s.b))
}

/// The second place of a dual dateline ("TEL AVIV/CAIRO -") whose first starts at `start`
/// ([`dateline_start`]).
fn dateline_second(doc: &Doc<'_, '_>, start: usize) -> Option<(usize, usize)> {
    let s = doc.seg_with(start, ok::PLACE)?;
    if !doc.t.is_punct(s.b, "/") {
        return None;
    }
    let s2 = doc.seg_with(s.b + 1, ok::PLACE)?;
    words::dateline_end(doc.t.lower(s2.b)).then_some((s2.a, s2.b))
}
