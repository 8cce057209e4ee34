//! Locations: every named place, resolved to one gazetteer entry using the item's context
//! (other places, demonyms, the dateline, "City, Country" patterns) with population as the
//! prior.
//!
//! It must never report a span another pass claimed (a person's name, a role's qualifier
//! such as "US" in "US Secretary of State", an organization's name such as "Bank of
//! England"), and never a demonym ("Israeli").

use crate::claims::{claim, Claims};
use crate::country::{CountryWeights, Signal};
use crate::gazetteer::{cc_str, Cc, NO_CC};
use crate::lexicon::tc;
use crate::model::{Location, LocationKind, Mention};
use crate::scan::{ok, Doc};
use crate::tokens::{phrase_step, Kind, PHRASE_SEED};
use crate::weights::*;

/// Prepositions after which a capitalized place-name is very likely a place.
fn locative(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "to"
            | "from"
            | "near"
            | "into"
            | "inside"
            | "outside"
            | "toward"
            | "towards"
            | "across"
            | "around"
            | "via"
            | "within"
            | "throughout"
            | "visit"
            | "visited"
            | "visiting"
            | "of"
            | "between"
            | "and"
            | "over"
            | "off"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
    )
}

struct Cand {
    a: usize,
    b: usize,
    places: Vec<u32>,
    strong_ctx: bool,
    /// Dictionary entry of the surface (to count its occurrences).
    entry: u32,
}

fn kind_bonus(k: LocationKind) -> f32 {
    match k {
        LocationKind::Country => KIND_BONUS_COUNTRY,
        LocationKind::Territory => KIND_BONUS_TERRITORY_OR_FEATURE,
        LocationKind::Geo | LocationKind::Facility => KIND_BONUS_TERRITORY_OR_FEATURE,
        LocationKind::Admin => 0.0,
        LocationKind::City => 0.0,
    }
}

fn prior(pop: u32) -> f32 {
    ((pop as f32) + 10.0).log10()
}

/// Prior of a place: population, or for curated facilities, features and territories
/// without one, the weight of a city of a million (they are named because they matter).
fn place_prior(p: &crate::gazetteer::Place) -> f32 {
    if p.pop == 0
        && matches!(
            p.kind,
            LocationKind::Facility | LocationKind::Geo | LocationKind::Territory
        )
    {
        PRIOR_UNPOPULATED_FEATURE
    } else {
        prior(p.pop)
    }
}

/// Country evidence per sentence for the officials' country fallback: resolved place
/// mentions and demonyms (not those inside a person's name).
pub fn signals(doc: &Doc<'_, '_>, claims: &Claims, locs: &[Location]) -> Vec<Signal> {
    let mut out = Vec::new();
    // Char offset -> token index, by binary search over token starts.
    let tok_at = |c: usize| {
        doc.t
            .toks
            .partition_point(|t| (t.cstart as usize) < c)
            .min(doc.len().saturating_sub(1))
    };
    for l in locs {
        let Some(cc) = l.country.as_deref().map(crate::gazetteer::parse_cc) else {
            continue;
        };
        let w = match l.kind {
            LocationKind::Country | LocationKind::Territory => SIGNAL_COUNTRY,
            LocationKind::Admin | LocationKind::City | LocationKind::Facility => SIGNAL_PLACE,
            LocationKind::Geo => 0.0,
        };
        for m in &l.mentions {
            let t = tok_at(m.start);
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
    let mut i = 0;
    while i < doc.len() {
        if let Some(s) = doc.seg_with(i, ok::DEMONYM) {
            // A demonym inside a person's name or another official's title ("U.S.
            // President Donald Trump") is that person's evidence, not the item's.
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
            i = s.b;
        } else {
            i += 1;
        }
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
        "visit" | "visits" | "visited" | "visiting" | "toured" | "tour" => true,
        "to" => matches!(
            before,
            "visit"
                | "visits"
                | "trip"
                | "trips"
                | "travel"
                | "travels"
                | "travelled"
                | "traveled"
                | "travelling"
                | "traveling"
                | "flew"
                | "fly"
                | "flies"
                | "flying"
                | "journey"
                | "tour"
                | "voyage"
                | "mission"
                | "delegation"
                | "return"
                | "returned"
                | "head"
                | "headed"
                | "heading"
        ),
        "in" => matches!(
            before,
            "arrived" | "arrives" | "arrive" | "arriving" | "landed" | "lands" | "stopover"
        ),
        _ => false,
    }
}

/// Country of the dateline place, when the item has one.
pub fn dateline_country(doc: &Doc<'_, '_>, locs: &[Location]) -> Option<Cc> {
    let (a, _) = dateline(doc)?;
    let start = doc.t.toks[a].cstart as usize;
    locs.iter()
        .find(|l| l.mentions.iter().any(|m| m.start == start))
        .and_then(|l| l.country.as_deref())
        .map(crate::gazetteer::parse_cc)
}

/// Dateline: a place at the very start followed by a dash, colon or comma.
fn dateline(doc: &Doc<'_, '_>) -> Option<(usize, usize)> {
    let s = doc.seg_with(0, ok::PLACE)?;
    let next = doc.t.lower(s.b);
    if next == "/" {
        // A dual dateline, "TEL AVIV/CAIRO -": the first place is the dateline.
        return dateline_second(doc).map(|_| (s.a, s.b));
    }
    matches!(next, "-" | ":" | "," | "(").then_some((s.a, s.b))
}

/// The second place of a dual dateline ("TEL AVIV/CAIRO -").
fn dateline_second(doc: &Doc<'_, '_>) -> Option<(usize, usize)> {
    let s = doc.seg_with(0, ok::PLACE)?;
    if !doc.t.is_punct(s.b, "/") {
        return None;
    }
    let s2 = doc.seg_with(s.b + 1, ok::PLACE)?;
    let next = doc.t.lower(s2.b);
    matches!(next, "-" | ":" | "," | "(").then_some((s2.a, s2.b))
}

/// Extracts locations. `ctx` is updated with the officials' countries by the caller.
/// `suffixed` are the places named with a kind word, found (and claimed) before the
/// officials pass by [`suffix_places`].
pub fn extract(
    doc: &Doc<'_, '_>,
    claims: &mut Claims,
    ctx: &CountryWeights,
    suffixed: &[(usize, usize, LocationKind)],
) -> Vec<Location> {
    let n = doc.len();
    let dl = dateline(doc);
    let dl2 = dateline_second(doc);
    let mut cands: Vec<Cand> = Vec::new();
    let mut qualified: Vec<(usize, usize, Vec<u32>)> = Vec::new();
    let mut i = 0;
    while i < n {
        // A dictionary organization name hides the places inside it ("Bank of England").
        if let Some(s) = doc.seg[i].filter(|s| s.ok & ok::ORG != 0 && s.ok & ok::PLACE == 0) {
            i = s.b;
            continue;
        }
        let Some(s) = doc.seg_with(i, ok::PLACE) else {
            i += 1;
            continue;
        };
        if !claims.free(s.a, s.b) || doc.org_chunk_at(s.a).is_some() {
            i = s.b;
            continue;
        }
        let e = doc.entry(&s);
        let single = s.b - s.a == 1;
        let prev = if s.a > 0 { doc.t.lower(s.a - 1) } else { "" };
        let prev2 = if s.a > 1 { doc.t.lower(s.a - 2) } else { "" };
        let loc = locative(prev) || (prev == "the" && locative(prev2));
        // Facilities that are also bodies ("the White House said") are places only when the
        // text puts someone or something at them.
        // Facilities that are also bodies keep only their facility readings.
        let org_too = s.ok & ok::ORG != 0;
        if org_too
            && (!loc
                || !e
                    .places
                    .iter()
                    .any(|&p| doc.lex.places[p as usize].kind == LocationKind::Facility))
        {
            i = s.b;
            continue;
        }
        // All-capitals short words are agencies or acronyms ("SANA", "SABA"), not the
        // same-named town, except in a dateline.
        let caps_word = single
            && doc.t.toks[s.a].upper
            && !e.place_acro
            && dl != Some((s.a, s.b))
            && dl2 != Some((s.a, s.b))
            && doc.t.surface(s.a).chars().count() <= 5;
        let tiny = single && doc.t.surface(s.a).chars().count() <= 2 && !e.place_acro;
        // "PRESS OFFICER:": an all-capitals label, not the town of Officer.
        let label = doc.t.toks[s.a].upper && doc.t.is_punct(s.b, ":") && dl != Some((s.a, s.b));
        let caps_word = caps_word || label;
        if (single && s.ok & ok::STOP != 0) || caps_word || tiny {
            i = s.b;
            continue;
        }
        // A capitalized unknown word glued to a place is a person's name ("Jordan Bardella").
        // ... also when the glued word is itself a small town's name ("Paris Hilton").
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
        let name_next = s.b < n
            && doc.is_cap_word(s.b)
            && !doc.t.toks[s.b].newline_before
            && (doc.seg[s.b].is_none() || small_town(s.b))
            && doc.t.toks[s.b].kind == Kind::Word;
        let name_prev = s.a > 0
            && !doc.sent_start[s.a]
            && doc.is_cap_word(s.a - 1)
            && doc.seg[s.a - 1].is_none()
            && claims[s.a - 1] == 0;
        if single && (name_next || name_prev) {
            i = s.b;
            continue;
        }
        // "the Kazakh side": a demonym that also names a town, before a common noun (not a
        // country or sea: "the Philippines coast guard", "Pacific islands").
        let towns_only = e.places.iter().all(|&p| {
            matches!(
                doc.lex.places[p as usize].kind,
                LocationKind::City | LocationKind::Admin
            )
        });
        if single
            && towns_only
            && s.ok & ok::DEMONYM != 0
            && s.b < n
            && doc.t.toks[s.b].kind == Kind::Word
            && !doc.t.toks[s.b].cap
            && doc.word(s.b).is_none_or(|w| !w.stop)
        {
            i = s.b;
            continue;
        }
        // "Brent crude", "Hwasong-11 missiles": a grade of oil, a weapon's designation.
        let designation = doc.t.lower(s.b) == "crude"
            || (doc.t.is_punct(s.b, "-")
                && !doc.t.toks[s.b].space_before
                && s.b + 1 < n
                && doc.t.toks[s.b + 1].kind == Kind::Num);
        if designation {
            i = s.b;
            continue;
        }
        // "the Dayton peace agreement", "the Minsk accords": a place inside an agreement's
        // name.
        let agreement = |k: usize| {
            matches!(
                doc.t.lower(k),
                "agreement" | "agreements" | "accord" | "accords" | "treaty"
            )
        };
        if agreement(s.b) || (doc.t.lower(s.b) == "peace" && agreement(s.b + 1)) {
            i = s.b;
            continue;
        }
        // "Castilla-La Mancha": a hyphen glued to a capitalized word that is no place makes
        // this place part of a longer name ("Russia-Ukraine" joins two places).
        let hyphen_name = doc.t.is_punct(s.b, "-")
            && !doc.t.toks[s.b].space_before
            && s.b + 1 < n
            && !doc.t.toks[s.b + 1].space_before
            && doc.is_cap_word(s.b + 1)
            && doc.seg_with(s.b + 1, ok::PLACE | ok::DEMONYM).is_none();
        if hyphen_name {
            i = s.b;
            continue;
        }
        // Person names claimed nearby ("Mr. Jordan") are already excluded by claims.
        let strong =
            loc || dl == Some((s.a, s.b)) || dl2 == Some((s.a, s.b)) || doc.t.toks[s.a].upper;
        // "Al-Bayda": the article belongs to the name.
        let a = if s.a >= 2
            && doc.t.is_punct(s.a - 1, "-")
            && !doc.t.toks[s.a - 1].space_before
            && !doc.t.toks[s.a].space_before
            && matches!(
                doc.t.lower(s.a - 2),
                "al" | "el" | "as" | "ash" | "ad" | "an" | "ar" | "az"
            ) {
            s.a - 2
        } else {
            s.a
        };
        // "Northern Rivers", "Lower Bavaria", "Greater Manchester": a capitalized qualifier
        // makes a region the gazetteer lacks; the place inside gives its coordinates.
        let qualifier = a > 0
            && !doc.t.toks[a].newline_before
            && doc.t.toks[a - 1].cap
            && claims[a - 1] == 0
            && matches!(
                doc.t.lower(a - 1),
                "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "upper"
                    | "lower"
                    | "central"
                    | "greater"
                    | "inner"
                    | "outer"
            )
            && e.places.iter().all(|&p| {
                let p = &doc.lex.places[p as usize];
                matches!(
                    p.kind,
                    LocationKind::Admin | LocationKind::City | LocationKind::Geo
                )
            });
        if qualifier && !org_too {
            qualified.push((a - 1, s.b, e.places.clone()));
            i = s.b;
            continue;
        }
        let places = if org_too {
            e.places
                .iter()
                .copied()
                .filter(|&p| doc.lex.places[p as usize].kind == LocationKind::Facility)
                .collect()
        } else {
            e.places.clone()
        };
        cands.push(Cand {
            a,
            b: s.b,
            places,
            strong_ctx: strong,
            entry: s.entry,
        });
        i = s.b;
    }
    // The dateline's country: the one written after it ("HYDERABAD, Pakistan"), else its
    // biggest reading.
    let dl_cc = dl
        .and_then(|(a, _)| doc.seg_with(a, ok::PLACE))
        .and_then(|s| {
            let places = &doc.entry(&s).places;
            let written = doc
                .t
                .is_punct(s.b, ",")
                .then(|| doc.seg_with(s.b + 1, ok::PLACE))
                .flatten()
                .and_then(|t| {
                    doc.entry(&t)
                        .places
                        .iter()
                        .map(|&q| doc.lex.places[q as usize].cc)
                        .find(|cc| places.iter().any(|&p| doc.lex.places[p as usize].cc == *cc))
                });
            written.or_else(|| {
                places
                    .iter()
                    .map(|&p| &doc.lex.places[p as usize])
                    .max_by_key(|p| p.pop)
                    .map(|p| p.cc)
            })
        });
    // Second-order context: what the item's places mean by prior alone ("London,
    // Manchester and Cambridge" -> GB makes Cambridge the English one).
    let mut ctx2 = ctx.clone();
    for c in &cands {
        if let Some(p) = best_by_prior(doc, &c.places, ctx) {
            let pl = &doc.lex.places[p as usize];
            if pl.cc != NO_CC
                && (pl.pop >= CONTEXT_SECOND_ORDER_MIN_POP || pl.kind != LocationKind::City)
            {
                ctx2.add(pl.cc, CONTEXT_SECOND_ORDER);
            }
        }
    }
    let ctx = &ctx2;
    let ctx_w = |cc: Cc| ctx.get(cc);
    // Resolve each mention.
    let mut chosen: Vec<(usize, usize, u32)> = Vec::new();
    let mut local: Vec<(usize, usize)> = Vec::new();
    let mut local_entries: Vec<u32> = Vec::new();
    // Entries whose reading a neighbour decided ("X, Country"), and each chosen span's entry.
    let mut pinned: Vec<(u32, u32)> = Vec::new();
    let mut chosen_entry: Vec<u32> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        let mut best: Option<(f32, u32)> = None;
        // "Kharkiv, Ukraine": the following place constrains this one.
        let follow_cc: Vec<Cc> = if doc.t.is_punct(c.b, ",") {
            cands
                .get(ci + 1)
                .filter(|d| d.a == c.b + 1)
                .map(|d| {
                    d.places
                        .iter()
                        .map(|&p| doc.lex.places[p as usize].cc)
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        // "Hartford, CT": a US postal state code after the comma.
        let follow_cc = if doc.t.is_punct(c.b, ",") && is_us_state_code(doc.t.surface(c.b + 1)) {
            let mut v = follow_cc;
            v.push(*b"US");
            v
        } else {
            follow_cc
        };
        let us_code = follow_cc.contains(b"US") && is_us_state_code(doc.t.surface(c.b + 1));
        // How often this very surface is written: a country named only by this ambiguous
        // word ("Georgia") gets no support from its own mentions.
        // "Savannah, Georgia": a state or country after a city contains it.
        let prev_cc: Vec<Cc> = match ci.checked_sub(1).and_then(|k| cands.get(k)) {
            Some(d) if d.b + 1 == c.a && doc.t.is_punct(d.b, ",") => d
                .places
                .iter()
                .map(|&p| doc.lex.places[p as usize].cc)
                .collect(),
            _ => Vec::new(),
        };
        for &pid in &c.places {
            let p = &doc.lex.places[pid as usize];
            if matches!(p.kind, LocationKind::Admin | LocationKind::Country)
                && prev_cc.contains(&p.cc)
                && c.places.len() > 1
            {
                let others = c
                    .places
                    .iter()
                    .filter(|&&q| !prev_cc.contains(&doc.lex.places[q as usize].cc))
                    .count();
                if others > 0 {
                    let score = SENSE_CONTAINED_BY_PREVIOUS + prior(p.pop);
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, pid));
                    }
                    continue;
                }
            }
            let mut score = place_prior(p) + kind_bonus(p.kind);
            // A big city beats the same-named state or province ("New York").
            if p.kind == LocationKind::City && p.pop >= BIG_CITY_POP {
                score += SENSE_BIG_CITY;
            }
            let cw = ctx_w(p.cc);
            // Capped so that context picks between comparable places but never makes a small
            // town beat a capital ("Washington" in a London story is still D.C.).
            score += (cw.min(SENSE_CONTEXT_CAP)) * SENSE_CONTEXT_FACTOR;
            // Georgia the country versus the US state: with no other sign of the country and
            // a strong other country in the item, the same-named region wins.
            if p.kind == LocationKind::Country
                && c.places.len() > 1
                && cw - SENSE_OWN_MENTION * own_count(doc, c.entry) < SENSE_COUNTRY_UNSUPPORTED
            {
                let other = c
                    .places
                    .iter()
                    .map(|&q| doc.lex.places[q as usize].cc)
                    .filter(|&q| q != p.cc)
                    .map(&ctx_w)
                    .fold(0.0f32, f32::max);
                if other >= SENSE_OTHER_COUNTRY_STRONG {
                    score -= SENSE_COUNTRY_PENALTY;
                }
            }
            if follow_cc.contains(&p.cc) {
                score += SENSE_FOLLOWED_BY_COUNTRY;
            }
            if dl_cc == Some(p.cc) {
                score += SENSE_DATELINE_COUNTRY;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, pid));
            }
        }
        // A name read once as a local place stays one ("JASPER, Alberta" ... "Jasper").
        if local_entries.contains(&c.entry) {
            local.push((c.a, c.b));
            continue;
        }
        let Some((_, pid)) = best else { continue };
        let p = &doc.lex.places[pid as usize];
        // Weak evidence for small towns: need a locative preposition, the dateline, or
        // their country in the item.
        let supported = us_code
            || c.strong_ctx
            || ctx_w(p.cc) >= SUPPORTED_COUNTRY
            || follow_cc.contains(&p.cc);
        let small =
            matches!(p.kind, LocationKind::City | LocationKind::Admin) && p.pop < SMALL_PLACE_POP;
        if small && !supported {
            continue;
        }
        if matches!(p.kind, LocationKind::City)
            && p.pop < TINY_TOWN_POP
            && !(c.strong_ctx && ctx_w(p.cc) >= SUPPORTED_COUNTRY)
            && !follow_cc.contains(&p.cc)
        {
            continue;
        }
        // Sentence-initial lone word that is a small place: most likely an ordinary word.
        if c.b - c.a == 1
            && doc.sent_start[c.a]
            && !c.strong_ctx
            && !us_code
            && p.pop < SENTENCE_INITIAL_MIN_POP
            && !matches!(
                p.kind,
                LocationKind::Country | LocationKind::Territory | LocationKind::Geo
            )
        {
            continue;
        }
        // A small town abroad in an item about one other country is most likely a local
        // place of that country the gazetteer lacks ("Melville" in a Johannesburg story):
        // read it as such, in the place the text puts it.
        let (top_cc, top_w) = ctx.best_except(p.cc);
        // (A famous small town abroad named without its country, "premiered in Cannes" in a
        // Los Angeles story, is misread so; in the eval sets this rule fixes more than it
        // breaks.)
        if p.kind == LocationKind::City
            && p.pop < SMALL_PLACE_POP
            && ctx_w(p.cc) < SUPPORTED_COUNTRY
            && top_w >= LOCAL_TOP_COUNTRY
            && top_w >= LOCAL_RATIO * ctx_w(p.cc)
            && !follow_cc.contains(&p.cc)
            && !us_code
            && dl_cc != Some(p.cc)
            && !c
                .places
                .iter()
                .any(|&q| doc.lex.places[q as usize].cc == top_cc)
        {
            local.push((c.a, c.b));
            local_entries.push(c.entry);
            continue;
        }
        // "JASPER, Alberta": a town the gazetteer has only elsewhere, named with a region
        // of another country after it, is that region's local place.
        let region_after = follow_cc.first().is_some_and(|_| {
            cands.get(ci + 1).is_some_and(|d| {
                d.a == c.b + 1
                    && d.places
                        .iter()
                        .all(|&q| doc.lex.places[q as usize].kind == LocationKind::Admin)
            })
        });
        if region_after
            && !c
                .places
                .iter()
                .any(|&q| follow_cc.contains(&doc.lex.places[q as usize].cc))
        {
            local.push((c.a, c.b));
            local_entries.push(c.entry);
            continue;
        }
        // Not in lists of countries ("China, Japan and the ROK").
        let can_be_country = c
            .places
            .iter()
            .any(|&q| doc.lex.places[q as usize].kind == LocationKind::Country);
        if follow_cc.contains(&p.cc) && p.kind == LocationKind::City && !can_be_country {
            pinned.push((c.entry, pid));
        }
        chosen.push((c.a, c.b, pid));
        chosen_entry.push(c.entry);
    }
    // One sense per item: "HYDERABAD, Pakistan" decides what a later "Hyderabad" is.
    for (k, c) in chosen.iter_mut().enumerate() {
        if let Some(&(_, pid)) = pinned.iter().find(|x| x.0 == chosen_entry[k]) {
            c.2 = pid;
        }
    }
    // Villages and towns below the gazetteer's cut, where the text introduces them as places
    // in a country the item already names.
    let dl_chosen = dl.and_then(|(a, _)| chosen.iter().find(|c| c.0 == a).map(|c| c.2));
    let small = small_places(doc, claims, &chosen, dl_chosen, suffixed);
    chosen.extend(small);
    // Places named with a kind word ("Kamal Adwan Hospital"): the coordinates of the place
    // inside the name, else of the item's anchor place (dateline, then first resolved place).
    let anchor = dl
        .and_then(|(a, _)| chosen.iter().find(|c| c.0 == a).map(|c| c.2))
        .or_else(|| {
            chosen
                .iter()
                .map(|c| c.2)
                .find(|&p| doc.lex.places[p as usize].kind != LocationKind::Geo)
        });
    let mut all: Vec<Emit> = chosen
        .iter()
        .map(|&(a, b, place)| Emit {
            a,
            b: b + kind_word_after(doc, b, doc.lex.places[place as usize].kind),
            place,
            kind: None,
            name_end: b,
        })
        .collect();
    for &(a, b, kind) in suffixed {
        // A district or region of the small tier ("Whatcom County") was resolved above.
        if chosen.iter().any(|c| c.0 == a && c.1 == b) {
            continue;
        }
        let anchor_cc = anchor.map(|p| doc.lex.places[p as usize].cc);
        // The place inside the name gives the coordinates when the item supports its
        // country; a country inside a region name ("Niger State") never does.
        let inner = (a..b)
            // Not an honorific that happens to name a town ("King" in "King Khalid
            // International Airport").
            .find_map(|k| {
                // Nor the kind word itself ("Airport" is also a town in Hawaii).
                doc.seg_with(k, ok::PLACE).filter(|s| {
                    s.b <= b
                        && s.ok & (ok::TITLE | ok::SUFFIX) == 0
                        // Nor a name read as a local place ("Jasper" of Alberta).
                        && !local_entries.contains(&s.entry)
                })
            })
            .and_then(|s| {
                // The reading the item gave that name elsewhere ("Kingston" of Ontario in
                // "Kingston General Hospital").
                let elsewhere = chosen.iter().find(|c| {
                    doc.seg_with(c.0, ok::PLACE)
                        .is_some_and(|t| t.entry == s.entry && t.b == c.1)
                });
                // Else a reading in the item's anchor country ("Amherst Island" in an
                // Ontario story), else the best by prior.
                let places = &doc.entry(&s).places;
                let in_anchor = places
                    .iter()
                    .copied()
                    .filter(|&p| Some(doc.lex.places[p as usize].cc) == anchor_cc)
                    .max_by_key(|&p| doc.lex.places[p as usize].pop);
                elsewhere
                    .map(|c| c.2)
                    .or(in_anchor)
                    .or_else(|| best_by_prior(doc, places, ctx))
            })
            .filter(|&p| {
                let pl = &doc.lex.places[p as usize];
                // "Bahrain International Airport" lies in Bahrain; "Niger State" is not
                // the country Niger.
                (pl.kind != LocationKind::Country || kind == LocationKind::Facility)
                    && (Some(pl.cc) == anchor_cc
                        || ctx.iter().any(|e| e.0 == pl.cc && e.1 >= SUPPORTED_COUNTRY))
            });
        let demonym = (a..b)
            .find_map(|k| doc.seg_with(k, ok::DEMONYM))
            .and_then(|s| doc.entry(&s).demonym)
            .and_then(|cc| country_place(doc, cc));
        // A building or town lies where the sentence is; a region named with its kind word
        // ("the Catatumbo region" in a sentence about Venezuela) only where the text says.
        let around = || match kind {
            LocationKind::Facility | LocationKind::City => container(doc, claims, &chosen, a, b),
            _ => container_after(doc, &chosen, b),
        };
        // "the Athabasca River valley": a lowercase kind word stays out of the name, except
        // a facility's ("Sanaa airport").
        let name_end = (a + 1..b)
            .find(|&j| !doc.t.toks[j].cap && doc.seg_with(j, ok::SUFFIX).is_some_and(|s| s.b == b))
            .filter(|_| kind != LocationKind::Facility)
            .unwrap_or(b);
        if let Some(place) = inner.or(demonym).or_else(around).or(anchor) {
            all.push(Emit {
                a,
                b,
                place,
                kind: Some(kind),
                name_end,
            });
        }
    }
    // Places in no gazetteer that the text introduces as places ("the villages of A and
    // B"): the country and coordinates of the place the text puts them in.
    let placed: Vec<(usize, usize, u32)> = all.iter().map(|x| (x.a, x.b, x.place)).collect();
    for &(a, b) in &local {
        if let Some(place) = container(doc, claims, &placed, a, b).or(anchor) {
            all.push(Emit {
                a,
                b,
                place,
                kind: Some(LocationKind::City),
                name_end: b,
            });
        }
    }
    for (a, b, places) in &qualified {
        // The inner place counts only in a country the item is about ("Rivers" of
        // "Northern Rivers" is a Nigerian state; the item is Australian).
        let top = ctx.max_weight();
        let inner = best_by_prior(doc, places, ctx).filter(|&p| {
            let w = ctx_w(doc.lex.places[p as usize].cc);
            w >= SUPPORTED_COUNTRY && w >= QUALIFIED_TOP_SHARE * top
        });
        let kind = inner.map_or(LocationKind::Admin, |p| doc.lex.places[p as usize].kind);
        if let Some(place) = inner
            .or_else(|| container(doc, claims, &placed, *a, *b))
            .or(anchor)
        {
            all.push(Emit {
                a: *a,
                b: *b,
                place,
                kind: Some(kind),
                name_end: *b,
            });
        }
    }
    // Tokens already part of a place, looked up once per token by the unlisted pass.
    let mut taken_mask = vec![false; n];
    let spans = chosen.iter().map(|c| (c.0, c.1));
    let spans = spans.chain(suffixed.iter().map(|s| (s.0, s.1)));
    let spans = spans.chain(local.iter().copied());
    for (a, b) in spans.chain(qualified.iter().map(|q| (q.0, q.1))) {
        for t in taken_mask.iter_mut().take(b).skip(a) {
            *t = true;
        }
    }
    let taken = |k: usize| taken_mask.get(k).copied().unwrap_or(false);
    let placed: Vec<(usize, usize, u32)> = all.iter().map(|x| (x.a, x.b, x.place)).collect();
    for u in crate::unlisted::find(doc, claims, &taken) {
        let Some(place) = container(doc, claims, &placed, u.a, u.end).or(anchor) else {
            continue;
        };
        // "Kasimpar village": the mention keeps the kind word, the name does not.
        let lower_tail = (u.b..u.end).all(|k| !doc.t.toks[k].cap);
        // A gazetteer name left out for want of support ("Lismore, Ballina and Byron Bay"):
        // its own entry when it lies in the country of the place around it.
        let cc = doc.lex.places[place as usize].cc;
        let own = doc
            .seg_with(u.a, ok::PLACE)
            .filter(|s| s.b == u.b)
            .and_then(|s| {
                doc.entry(&s)
                    .places
                    .iter()
                    .copied()
                    .filter(|&p| doc.lex.places[p as usize].cc == cc)
                    .max_by_key(|&p| doc.lex.places[p as usize].pop)
            });
        all.push(Emit {
            a: u.a,
            b: if lower_tail { u.end } else { u.b },
            place: own.unwrap_or(place),
            kind: if own.is_some() { None } else { Some(u.kind) },
            name_end: u.b,
        });
    }
    all.sort_by_key(|x| (x.a, x.b));
    // Per location: its entry (None for kind-word and unlisted places), the location, and the
    // bare name of each mention (slices of the text: no copies).
    let mut out: Vec<(Option<u32>, Location, Vec<&str>)> = Vec::new();
    for Emit {
        a,
        b,
        place: pid,
        kind,
        name_end: name_b,
    } in all
    {
        claims.claim(a, b, claim::PLACE);
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        // The name without a lowercase kind word after it: "Borno" of "Borno state".
        let name_b = if name_b == b && b - a > 1 && !doc.t.toks[b - 1].cap {
            let last = doc.t.lower(b - 1);
            if crate::gazetteer::region_kind(last).is_some() || matches!(last, "region" | "river") {
                b - 1
            } else {
                b
            }
        } else {
            name_b.clamp(a + 1, b)
        };
        let bare = doc.t.span_text(a, name_b);
        let p = &doc.lex.places[pid as usize];
        // Named-with-kind places are their own entities, keyed by their text.
        let key = if kind.is_some() { None } else { Some(pid) };
        let found = out.iter_mut().find(|(id, l, _)| match key {
            Some(_) => *id == key,
            None => {
                id.is_none()
                    && l.mentions
                        .iter()
                        .any(|x| x.text.eq_ignore_ascii_case(&m.text))
            }
        });
        if let Some((_, loc, names)) = found {
            loc.mentions.push(m);
            names.push(bare);
        } else {
            out.push((
                key,
                Location {
                    name: String::new(),
                    kind: kind.unwrap_or(p.kind),
                    country: cc_str(p.cc),
                    lat: coordinate(p.lat),
                    lon: coordinate(p.lon),
                    approximate: kind.is_some(),
                    mentions: vec![m],
                },
                vec![bare],
            ));
        }
    }
    for (pid, loc, names) in &mut out {
        fn strip(s: &str) -> &str {
            s.strip_prefix("the ")
                .or_else(|| s.strip_prefix("The "))
                .unwrap_or(s)
        }
        let longest = names
            .iter()
            .map(|m| strip(m))
            .max_by_key(|s| s.chars().count())
            .unwrap_or_default()
            .to_string();
        // Fullest form used: the canonical name if written, else the longest surface.
        loc.name = match pid {
            Some(pid) => {
                let canon = &doc.lex.places[*pid as usize].name;
                // "KINGSTON" of a dateline is Kingston.
                let same = |m: &str| {
                    let m = strip(m);
                    *m == **canon
                        || m.chars()
                            .flat_map(char::to_lowercase)
                            .eq(canon.chars().flat_map(char::to_lowercase))
                };
                if names.iter().any(|m| same(m)) {
                    canon.to_string()
                } else {
                    longest
                }
            }
            None => longest,
        };
    }
    out.into_iter().map(|(_, l, _)| l).collect()
}

/// Length of a lowercase kind word right after a place of kind `kind` ending before `b`
/// ("Lublin province", "the Danube river", "Fukushima Daiichi nuclear power plant"): it
/// belongs to the mention (the name stays the place's own). 0 when there is none.
fn kind_word_after(doc: &Doc<'_, '_>, b: usize, kind: LocationKind) -> usize {
    let Some(s) = doc.seg_with(b, ok::SUFFIX).filter(|s| s.a == b) else {
        return 0;
    };
    if doc.t.toks[b].cap || doc.t.toks[b].newline_before {
        return 0;
    }
    // "the Bakassi camp": a camp word after any place.
    let camp = matches!(doc.t.lower(b), "camp" | "camps");
    let fits = camp
        || match doc.entry(&s).place_suffix {
            Some(LocationKind::Admin) => {
                matches!(
                    kind,
                    LocationKind::Admin | LocationKind::City | LocationKind::Geo
                )
            }
            Some(k) => k == kind,
            None => false,
        };
    // "the Gaza city council": a longer common noun follows.
    let compound = s.b < doc.len()
        && doc.t.toks[s.b].kind == Kind::Word
        && !doc.t.toks[s.b].cap
        && matches!(
            doc.t.lower(s.b),
            "council"
                | "government"
                | "governor"
                | "official"
                | "officials"
                | "police"
                | "authorities"
        );
    if fits && !compound {
        s.b - b
    } else {
        0
    }
}

/// The place named right after a phrase ending before token `end`: "X village in Y", "X,
/// Y", "X of the Y". Seas and multi-country regions contain nothing here.
fn container_after(doc: &Doc<'_, '_>, chosen: &[(usize, usize, u32)], end: usize) -> Option<u32> {
    let land = |p: u32| doc.lex.places[p as usize].kind != LocationKind::Geo;
    if !matches!(doc.t.lower(end), "," | "in" | "of") {
        return None;
    }
    let mut k = end + 1;
    if doc.t.lower(k) == "the" {
        k += 1;
    }
    chosen.iter().find(|c| c.0 == k && land(c.2)).map(|c| c.2)
}

/// The place the text puts the span `a..` in: one read right after its phrase ("X village
/// in Y", "X, Y"), else the nearest one before it in its sentence, else after it there.
/// Seas and multi-country regions contain nothing here.
fn container(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    chosen: &[(usize, usize, u32)],
    a: usize,
    end: usize,
) -> Option<u32> {
    let land = |p: u32| doc.lex.places[p as usize].kind != LocationKind::Geo;
    if let Some(p) = container_after(doc, chosen, end) {
        return Some(p);
    }
    let sent = doc.sent_id.get(a).copied();
    let same = |c: &&(usize, usize, u32)| doc.sent_id.get(c.0).copied() == sent && land(c.2);
    let before = chosen
        .iter()
        .filter(|c| c.1 <= a)
        .filter(same)
        .max_by_key(|c| c.1);
    // "On the Spanish side, ... near La Jonquera": a demonym of the sentence names the
    // country when no place does.
    let demonym = || {
        (0..a)
            .rev()
            .take_while(|&k| doc.sent_id.get(k).copied() == sent)
            // Not one inside a title ("Chinese Foreign Minister Wang Yi").
            .filter(|&k| claims[k] == 0)
            .find_map(|k| doc.seg_with(k, ok::DEMONYM))
            .and_then(|s| doc.entry(&s).demonym)
            .and_then(|cc| country_place(doc, cc))
    };
    before.map(|c| c.2).or_else(demonym).or_else(|| {
        chosen
            .iter()
            .filter(|c| c.0 >= end)
            .filter(same)
            .min_by_key(|c| c.0)
            .map(|c| c.2)
    })
}

/// A span to emit as a location.
struct Emit {
    a: usize,
    /// End of the mention.
    b: usize,
    /// The gazetteer entry giving country and coordinates.
    place: u32,
    /// Set when the span is no gazetteer entry of its own (a kind-word or unlisted place).
    kind: Option<LocationKind>,
    /// End of the name inside the mention ("Kasimpar" of "Kasimpar village").
    name_end: usize,
}

/// Words after which a capitalized name is introduced as a place: "in Foxford", "near X",
/// "the village of X", "in nearby X". Stricter than [`locative`]: "and", "of" and compass
/// words alone do not count, nor "according to X" or "a statement from X".
fn small_cue(doc: &Doc<'_, '_>, a: usize) -> bool {
    let Some(mut k) = a.checked_sub(1) else {
        return false;
    };
    if matches!(
        doc.t.lower(k),
        "nearby" | "neighbouring" | "neighboring" | "rural" | "remote" | "coastal" | "tiny"
    ) {
        let Some(j) = k.checked_sub(1) else {
            return false;
        };
        k = j;
    }
    let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
    match doc.t.lower(k) {
        "in" | "near" | "outside" | "inside" | "into" | "around" | "toward" | "towards"
        | "across" | "via" | "within" | "throughout" | "through" | "between" => true,
        // People are spoken to and quoted from as often as places are reached.
        "to" => !matches!(
            before,
            "according"
                | "spoke"
                | "speak"
                | "speaks"
                | "speaking"
                | "talk"
                | "talked"
                | "talking"
                | "told"
                | "said"
                | "say"
                | "says"
                | "wrote"
                | "write"
                | "writing"
                | "letter"
                | "message"
                | "reply"
                | "replied"
                | "responded"
                | "response"
                | "thanks"
                | "belongs"
                | "belonged"
                | "belonging"
                | "married"
                | "loyal"
                | "close"
                | "related"
                | "tribute"
                | "appealed"
                | "appeal"
                | "listen"
                | "listened"
                | "introduced"
                | "addressed"
                | "referring"
                | "referred"
                | "compared"
                | "answer"
                | "answered"
                | "succeeded"
                | "successor"
                | "predecessor"
                | "rival"
                | "adviser"
                | "advisor"
                | "aide"
                | "deputy"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "son"
                | "daughter"
                | "wife"
                | "husband"
        ),
        "from" => !matches!(
            before,
            "statement"
                | "comment"
                | "comments"
                | "remarks"
                | "message"
                | "letter"
                | "call"
                | "calls"
                | "email"
                | "quote"
                | "quotes"
                | "response"
                | "reaction"
                | "support"
                | "help"
                | "pressure"
                | "criticism"
                | "praise"
                | "approval"
                | "permission"
                | "request"
                | "warning"
                | "testimony"
                | "word"
                | "words"
                | "challenge"
                | "visit"
                | "apology"
                | "backing"
                | "votes"
        ),
        "at" => !matches!(
            before,
            "aimed"
                | "directed"
                | "looked"
                | "look"
                | "looking"
                | "laughed"
                | "jab"
                | "swipe"
                | "dig"
                | "lashed"
                | "pointed"
                | "angry"
                | "furious"
                | "upset"
                | "glared"
                | "smiled"
                | "shouted"
                | "yelled"
                | "hit"
                | "hits"
        ),
        "of" => {
            // "the village of X", "the outskirts of X", "residents of X".
            matches!(
                before,
                "village"
                    | "villages"
                    | "town"
                    | "towns"
                    | "city"
                    | "cities"
                    | "district"
                    | "districts"
                    | "area"
                    | "areas"
                    | "community"
                    | "communities"
                    | "region"
                    | "municipality"
                    | "municipalities"
                    | "hamlet"
                    | "hamlets"
                    | "suburb"
                    | "suburbs"
                    | "parish"
                    | "county"
                    | "province"
                    | "settlement"
                    | "settlements"
                    | "locality"
                    | "outskirts"
                    | "neighbourhood"
                    | "neighborhood"
                    | "commune"
                    | "township"
                    | "ward"
                    | "borough"
                    | "island"
                    | "islands"
                    | "port"
                    | "resort"
                    | "residents"
                    | "inhabitants"
                    | "mayor"
                    | "streets"
                    | "centre"
                    | "center"
                    | "heart"
                    | "east"
                    | "west"
                    | "north"
                    | "south"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
            )
        }
        _ => false,
    }
}

/// Does a list that goes on after token `b` end with "and"/"or" and a capitalized name
/// ("X, Y and Z")? A comma alone also ends clauses and appositions ("in Gaza, X said").
pub(crate) fn list_goes_on(doc: &Doc<'_, '_>, mut b: usize) -> bool {
    for _ in 0..12 {
        match doc.t.lower(b) {
            "and" | "or" => return doc.is_cap_word(b + 1),
            "," if matches!(doc.t.lower(b + 1), "and" | "or") => {
                return doc.is_cap_word(b + 2);
            }
            "," if doc.is_cap_word(b + 1) => {
                b += 1;
                while doc.is_cap_word(b)
                    || (doc.t.is_punct(b, "-") && !doc.t.toks[b].space_before)
                    || (b < doc.len()
                        && doc.word(b).is_some_and(|e| e.particle)
                        && !doc.t.toks[b].cap)
                {
                    b += 1;
                }
            }
            _ => return false,
        }
    }
    false
}

/// The small-place tier (`gazetteer::SmallTier`): GeoNames villages and towns below the
/// gazetteer's population cut. Far more of their names are also surnames and words than
/// places a given item means, so a name of that tier becomes a location only when
/// * it is a capitalized run of its own (no capitalized word glued before or after, no word
///   of the phrase dictionary alone: stop words, role words, demonyms), claimed by no person,
///   title or organization, never written in the item as the surname after a first name;
/// * the text introduces it as a place: a cue word before it ([`small_cue`]), a list of
///   places so introduced ("in Foxford, Swinford and Killala"), or "X, Region" with a
///   region or country of the same state after it;
/// * its country is already in the item: a resolved place of that country or the
///   dateline's.
///
/// Same-named places: the one in a region the item names wins, then the country with most
/// places in the item, then population. A gazetteer reading never reaches here (its names
/// are left out of the tier, and resolved spans are skipped).
///
/// Second-level regions of the tier (districts, counties, departments) follow the same
/// rules, and are also introduced by a kind word after them ([`region_word`]: "Dhading
/// district", "Machakos County"); the span then takes the kind word when it is capitalized.
/// First-level regions whose bare name is a generic word ("Southern" in Zambia) are names
/// only so ("Southern Province"). A kind-word span that [`suffix_places`] found (`suffixed`)
/// is returned here when its name is such a region of a country the item names; the caller
/// then drops it from the kind-word places.
fn small_places(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    chosen: &[(usize, usize, u32)],
    dateline: Option<u32>,
    suffixed: &[(usize, usize, LocationKind)],
) -> Vec<(usize, usize, u32)> {
    let lex = doc.lex;
    let tier = &lex.small;
    let n = doc.len();
    let mut evidence = CountryWeights::new();
    let mut add = |cc: Cc, w: f32| {
        if cc != NO_CC {
            evidence.add(cc, w);
        }
    };
    for &(_, _, p) in chosen {
        add(lex.places[p as usize].cc, 1.0);
    }
    if let Some(p) = dateline {
        add(lex.places[p as usize].cc, 1.0);
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    // First-level regions the item names, also where the name was read as a city
    // ("Veracruz", "the state of Veracruz").
    let regions_at = |a: usize, pid: u32| -> Vec<u32> {
        let cc = lex.places[pid as usize].cc;
        let mut v: Vec<u32> = doc
            .seg_with(a, ok::PLACE)
            .map(|s| {
                doc.entry(&s)
                    .places
                    .iter()
                    .copied()
                    .filter(|&p| {
                        let p = &lex.places[p as usize];
                        p.kind == LocationKind::Admin && p.cc == cc
                    })
                    .collect()
            })
            .unwrap_or_default();
        if lex.places[pid as usize].kind == LocationKind::Admin && !v.contains(&pid) {
            v.push(pid);
        }
        v
    };
    let regions: Vec<u32> = chosen.iter().flat_map(|c| regions_at(c.0, c.2)).collect();
    // A country, or a place that can be read as a first-level region.
    let region_like = |c: &(usize, usize, u32)| {
        lex.places[c.2 as usize].kind == LocationKind::Country || !regions_at(c.0, c.2).is_empty()
    };
    let covered = |k: usize| chosen.iter().any(|c| c.0 <= k && k < c.1);
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let ew = |cc: Cc| evidence.get(cc);
    // The best region of the tier named by the phrase of hash `h`, in a country the item
    // names.
    let best_region = |h: u64, word: u8| {
        let mut best: Option<(f32, u32)> = None;
        for pid in tier.lookup(h) {
            let p = &lex.places[pid as usize];
            let w = ew(p.cc);
            if p.kind != LocationKind::Admin || w <= 0.0 || !tier.kind_fits(pid, word) {
                continue;
            }
            let mut score = w.min(5.0) + 0.1 * prior(p.pop);
            if tier.region(pid).is_some_and(|r| regions.contains(&r)) {
                score += 10.0;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, pid));
            }
        }
        best.map(|b| b.1)
    };
    // Kind-word spans found before the officials pass: "Whatcom County", "Dhading" (of
    // "Dhading district"). Names of those left to the kind-word pass are not read again
    // ("the Catatumbo region ... in Catatumbo").
    let mut named: Vec<u64> = Vec::new();
    for &(a, b, kind) in suffixed {
        if !matches!(kind, LocationKind::Admin | LocationKind::City) || b <= a {
            continue;
        }
        let (name_end, word) = match (region_word(doc, b - 1), region_word(doc, b)) {
            (Some(w), _) if b - a >= 2 && doc.t.toks[b - 1].cap => (b - 1, w),
            (_, Some(w)) if !doc.t.toks[b].cap => (b, w),
            _ => continue,
        };
        if let Some(pid) = tier_hashes(doc, a, name_end).find_map(|h| best_region(h, word)) {
            found.push((a, b, pid));
        } else {
            named.extend(tier_hashes(doc, a, name_end));
        }
    }
    // Spans accepted so far: gazetteer places and small ones, for lists.
    let place_ending_at = |found: &[(usize, usize, u32)], b: usize| {
        chosen
            .iter()
            .chain(found.iter())
            .find(|c| c.1 == b)
            .map(|c| c.0)
    };
    let mut i = 0;
    while i < n {
        if !doc.is_cap_word(i) || doc.headline[i] || claims[i] != 0 || covered(i) {
            i += 1;
            continue;
        }
        // Cheap gates first: a cue or a list joiner before, or "X, Region" after the run of
        // name words.
        let list_prev = match doc.t.lower(i.wrapping_sub(1)) {
            "and" | "or" => Some(if doc.t.is_punct(i.wrapping_sub(2), ",") {
                i - 2
            } else {
                i - 1
            }),
            "," => Some(i - 1),
            _ => None,
        };
        let cue = small_cue(doc, i);
        let mut run = i + 1;
        while run < n
            && run - i < tier.max_len
            && !doc.t.toks[run].newline_before
            && (doc.is_cap_word(run)
                || (doc.t.is_punct(run, "-") && !doc.t.toks[run].space_before)
                || (doc.t.is_punct(run - 1, "-") && !doc.t.toks[run].space_before)
                || (!doc.t.toks[run].cap && doc.word(run).is_some_and(|e| e.particle)))
        {
            run += 1;
        }
        let region_after =
            doc.t.is_punct(run, ",") && chosen.iter().any(|c| c.0 == run + 1 && region_like(c));
        let kind_after = (i + 1..=run).any(|j| region_word(doc, j).is_some());
        if !cue && list_prev.is_none() && !region_after && !kind_after
            || !tier.may_start(doc.t.toks[i].hash) && !tier.may_start(folded_hash(doc, i))
        {
            i += 1;
            continue;
        }
        // Longest name of the tier starting here (as written, or without accents).
        let mut h = PHRASE_SEED;
        let mut hf = PHRASE_SEED;
        let mut m: Option<(usize, u64)> = None;
        for j in i..run {
            h = phrase_step(h, doc.t.toks[j].hash);
            hf = phrase_step(hf, folded_hash(doc, j));
            if tier.lookup(h).next().is_some() {
                m = Some((j + 1, h));
            } else if hf != h && tier.lookup(hf).next().is_some() {
                m = Some((j + 1, hf));
            }
        }
        let Some((b, h)) = m.filter(|m| !named.contains(&m.1)) else {
            i += 1;
            continue;
        };
        // "Dhading district", "Machakos County", "Southern Province": a region of the tier
        // with a kind word right after it, in a country the item names.
        if let Some(word) = region_word(doc, b) {
            let end = if doc.t.toks[b].cap { b + 1 } else { b };
            let pid = best_region(h, word).filter(|_| kind_span_ok(doc, claims, i, end, &covered));
            if let Some(pid) = pid {
                found.push((i, end, pid));
                i = end;
                continue;
            }
        }
        if !small_span_ok(doc, claims, i, b, &covered)
            || used_as_surname(doc, claims, i, b, &covered)
        {
            i += 1;
            continue;
        }
        // "X, Region": a region or country resolved right after the comma.
        let follow = doc
            .t
            .is_punct(b, ",")
            .then(|| chosen.iter().find(|c| c.0 == b + 1))
            .flatten()
            .filter(|c| region_like(c))
            .map(|c| (lex.places[c.2 as usize].cc, regions_at(c.0, c.2)));
        let listed = list_prev.is_some_and(|j| {
            let joined = !doc.t.is_punct(i - 1, ",") || list_goes_on(doc, b);
            joined
                && place_ending_at(&found, j).is_some_and(|a| {
                    found.iter().any(|f| f.0 == a) || introduced(doc, a, chosen, 0)
                })
        });
        let mut best: Option<(f32, u32)> = None;
        for pid in tier.lookup(h) {
            let p = &lex.places[pid as usize];
            let w = ew(p.cc);
            // A generic region name ("Southern") is a place only with its kind word.
            if w <= 0.0 || tier.generic(pid) {
                continue;
            }
            let follows = follow.as_ref().filter(|f| f.0 == p.cc);
            if !(cue || listed || follows.is_some()) {
                continue;
            }
            let region = tier.region(pid);
            let mut score = w.min(5.0) + 0.1 * prior(p.pop);
            // Without a kind word, a town beats the same-named district around it.
            if p.kind == LocationKind::Admin {
                score -= 1.0;
            }
            // Villages named together lie together: nearness to the item's other places of
            // that country.
            let near = chosen
                .iter()
                .map(|c| &lex.places[c.2 as usize])
                .filter(|q| q.cc == p.cc && q.kind != LocationKind::Country)
                .map(|q| km(p, q))
                .fold(f32::INFINITY, f32::min);
            if near.is_finite() {
                score += 3.0 * (1.0 - near.min(1000.0) / 1000.0);
            }
            if region.is_some_and(|r| follows.is_some_and(|f| f.1.contains(&r))) {
                score += 20.0;
            } else if region.is_some_and(|r| regions.contains(&r)) {
                score += 10.0;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, pid));
            }
        }
        if let Some((_, pid)) = best {
            found.push((i, b, pid));
        }
        i = b;
    }
    // Other mentions of an accepted name, wherever they stand on their own.
    let mut more = Vec::new();
    for &(a, b, pid) in &found {
        let len = b - a;
        for k in 0..n.saturating_sub(len - 1) {
            if k == a
                || found.iter().chain(more.iter()).any(|f| f.0 <= k && k < f.1)
                || !(0..len).all(|x| doc.t.toks[k + x].hash == doc.t.toks[a + x].hash)
                || !doc.is_cap_word(k)
                || claims[k] != 0
            {
                continue;
            }
            if small_span_ok(doc, claims, k, k + len, &covered) {
                more.push((k, k + len, pid));
            }
        }
    }
    found.extend(more);
    found
}

/// Is `a..b` the name of a place in the gazetteer or the small tier, in any country?
pub(crate) fn known_anywhere(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    doc.seg_with(a, ok::PLACE).is_some_and(|s| s.b == b)
        || tier_hashes(doc, a, b).any(|h| doc.lex.small.lookup(h).next().is_some())
}

/// Words after a name that say it is an administrative region ("Dhading district",
/// "Machakos County", "Norte de Santander department", "Märkischer Kreis"), as the code of
/// [`crate::gazetteer::region_kind`]. "City" and "zone" name other things too.
fn region_word(doc: &Doc<'_, '_>, k: usize) -> Option<u8> {
    if k >= doc.len() || doc.t.toks[k].newline_before {
        return None;
    }
    let w = doc.t.lower(k);
    if matches!(w, "city" | "zone") {
        return None;
    }
    crate::gazetteer::region_kind(w)
}

/// Hash of token `k` without accents ("Pyrénées" -> "pyrenees"): the tier's region names
/// come in ASCII only. The token's own hash when it is ASCII.
fn folded_hash(doc: &Doc<'_, '_>, k: usize) -> u64 {
    let low = doc.t.lower(k);
    if low.is_ascii() {
        return doc.t.toks[k].hash;
    }
    use unicode_normalization::UnicodeNormalization;
    let plain: String = low
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .collect();
    crate::tokens::hash_str(&plain)
}

/// Phrase hashes of tokens `a..b` as written and without accents (one if they agree).
fn tier_hashes(doc: &Doc<'_, '_>, a: usize, b: usize) -> impl Iterator<Item = u64> {
    let (mut h, mut hf) = (PHRASE_SEED, PHRASE_SEED);
    for k in a..b {
        h = phrase_step(h, doc.t.toks[k].hash);
        hf = phrase_step(hf, folded_hash(doc, k));
    }
    std::iter::once(h).chain((hf != h).then_some(hf))
}

/// A region name with its kind word, `a..end`, stands on its own: unclaimed, outside
/// organizations, no capitalized word glued before (unless a cue) or after, not cutting a
/// longer dictionary phrase. Unlike [`small_span_ok`], a generic word may start it
/// ("Southern Province").
fn kind_span_ok(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    a: usize,
    end: usize,
    covered: &dyn Fn(usize) -> bool,
) -> bool {
    let n = doc.len();
    if end > n || end <= a {
        return false;
    }
    if !unclaimed_whole(doc, claims, a, end, covered) {
        return false;
    }
    let last = end - 1;
    let glued_after = end < n
        && !doc.t.toks[end].newline_before
        && doc.t.toks[last].cap
        && (doc.is_cap_word(end) || (doc.t.is_punct(end, "-") && !doc.t.toks[end].space_before));
    !glued_before(doc, a) && !glued_after
}

/// Nothing in `a..end` is claimed, covered or inside an organization's name, and no
/// dictionary phrase starting there runs past `end`.
fn unclaimed_whole(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    a: usize,
    end: usize,
    covered: &dyn Fn(usize) -> bool,
) -> bool {
    !(a..end).any(|k| {
        claims[k] != 0
            || covered(k)
            || doc.org_chunk_at(k).is_some()
            || doc.seg[k].is_some_and(|s| s.b > end)
    })
}

/// A capitalized word glued before `a` (no cue between) makes `a` part of a longer name.
fn glued_before(doc: &Doc<'_, '_>, a: usize) -> bool {
    a > 0
        && !doc.sent_start[a]
        && doc.is_cap_word(a - 1)
        && !small_cue(doc, a)
        && !doc.t.toks[a].newline_before
}

/// Rough distance in km (equirectangular; enough to rank same-named villages).
fn km(p: &crate::gazetteer::Place, q: &crate::gazetteer::Place) -> f32 {
    let mid = ((p.lat + q.lat) * 0.5).to_radians();
    let dx = (p.lon - q.lon) * mid.cos();
    let dy = p.lat - q.lat;
    (dx * dx + dy * dy).sqrt() * 111.2
}

/// Was the place span starting at `a` introduced as a place: a cue before it, or an
/// earlier member of a list that was?
fn introduced(doc: &Doc<'_, '_>, a: usize, chosen: &[(usize, usize, u32)], depth: u8) -> bool {
    if small_cue(doc, a) {
        return true;
    }
    if depth > 8 || a < 2 {
        return false;
    }
    let j = match doc.t.lower(a - 1) {
        "and" | "or" if doc.t.is_punct(a - 2, ",") => a - 2,
        "and" | "or" | "," => a - 1,
        _ => return false,
    };
    chosen
        .iter()
        .find(|c| c.1 == j)
        .is_some_and(|c| introduced(doc, c.0, chosen, depth + 1))
}

/// A small-tier name at `a..b` stands as a name of its own: capitalized, unclaimed, no
/// glued capitalized word on either side, not a word the phrase dictionary knows alone, not
/// cutting a longer dictionary phrase, not inside an organization's name.
fn small_span_ok(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    a: usize,
    b: usize,
    covered: &dyn Fn(usize) -> bool,
) -> bool {
    let n = doc.len();
    if b > n
        || !doc.is_cap_word(a)
        || !doc.is_cap_word(b - 1) && doc.t.toks[b - 1].kind != Kind::Word
    {
        return false;
    }
    if !unclaimed_whole(doc, claims, a, b, covered) {
        return false;
    }
    // A word the dictionary knows (stop word, role, demonym, organization word) alone.
    if let Some(e) = doc.word(a) {
        if b - a == 1 || e.stop || e.title != 0 || e.demonym.is_some() {
            return false;
        }
    }
    let glued_after = b < n
        && !doc.t.toks[b].newline_before
        && (doc.is_cap_word(b) || (doc.t.is_punct(b, "-") && !doc.t.toks[b].space_before));
    !glued_before(doc, a) && !glued_after
}

/// Is the name at `a..b` written elsewhere in the item as a person's surname: claimed by a
/// person, or right after a capitalized word that is no place, cue or known word
/// ("Ahmed Twei", "Mary Swinford")?
pub(crate) fn used_as_surname(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    a: usize,
    b: usize,
    covered: &dyn Fn(usize) -> bool,
) -> bool {
    let len = b - a;
    let n = doc.len();
    (0..n.saturating_sub(len - 1)).any(|k| {
        if !(0..len).all(|x| doc.t.toks[k + x].hash == doc.t.toks[a + x].hash) {
            return false;
        }
        if claims[k] & claim::PERSON != 0 {
            return true;
        }
        k > 0
            && !doc.sent_start[k]
            && !doc.t.toks[k].newline_before
            && claims[k - 1] & claim::PLACE == 0
            && !covered(k - 1)
            && !small_cue(doc, k)
            // First names are often places too ("Mary", "Jordan"): any word that can be
            // part of a name counts, unless it was resolved as a place here.
            && crate::names::name_word(doc, k - 1)
    })
}

/// How often the surface of dictionary entry `entry` is written as a place in the item.
fn own_count(doc: &Doc<'_, '_>, entry: u32) -> f32 {
    doc.seg
        .iter()
        .flatten()
        .filter(|d| d.entry == entry && d.ok & ok::PLACE != 0)
        .count() as f32
}

/// Two-letter US postal codes ("CT", "NY") as written after a city name.
fn is_us_state_code(s: &str) -> bool {
    const CODES: &[&str] = &[
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
        "VA", "WA", "WV", "WI", "WY", "DC",
    ];
    CODES.contains(&s)
}

/// The country entry of an ISO code.
fn country_place(doc: &Doc<'_, '_>, cc: Cc) -> Option<u32> {
    doc.lex.country_of(cc)
}

/// Best candidate by prior and context alone (no neighbours).
fn best_by_prior(doc: &Doc<'_, '_>, places: &[u32], ctx: &CountryWeights) -> Option<u32> {
    places.iter().copied().max_by(|&x, &y| {
        let sc = |p: u32| {
            let pl = &doc.lex.places[p as usize];
            prior(pl.pop)
                + kind_bonus(pl.kind)
                + ctx.get(pl.cc).min(PRIOR_CONTEXT_CAP) * SENSE_CONTEXT_FACTOR
        };
        sc(x).total_cmp(&sc(y)).then(y.cmp(&x))
    })
}

/// A place named with a kind word: token span and the kind the word gives.
pub type KindSpan = (usize, usize, LocationKind);

/// Spans ending in a kind word: "Kamal Adwan Hospital", "Noto Peninsula", "Sanaa airport".
/// Returns (start, end, kind). Lowercase administrative words after a known place
/// ("the Donetsk region") leave the place itself to the normal pass.
///
/// Also returns numbered road designations ("U.S. Highway 82"), which are no places but
/// shield the place names inside them.
pub fn suffix_places(doc: &Doc<'_, '_>, claims: &Claims) -> (Vec<KindSpan>, Vec<(usize, usize)>) {
    let n = doc.len();
    let mut out = Vec::new();
    let mut roads = Vec::new();
    let mut k = 1;
    while k < n {
        let Some(s) = doc.seg_with(k, ok::SUFFIX) else {
            k += 1;
            continue;
        };
        let Some(kind) = doc.entry(&s).place_suffix else {
            k += 1;
            continue;
        };
        // Already part of a dictionary place ("Ben Gurion Airport") or claimed.
        if !claims.free(s.a, s.b)
            || (s.a.saturating_sub(6)..s.b).any(|x| {
                doc.seg_with(x, ok::PLACE)
                    .is_some_and(|p| p.a <= s.a && p.b > s.a && (p.a < s.a || p.b > s.b))
            })
            || (s.a..s.b).any(|x| {
                doc.seg_with(x, ok::PLACE)
                    .is_some_and(|p| p.a < s.a || p.b > s.b)
            })
        {
            k = s.b;
            continue;
        }
        // Prefix: capitalized words (places, demonyms, unknown words) right before.
        let mut a = k;
        while a > 0 && k - a < 4 {
            let j = a - 1;
            // Facilities are often named after people: "King Khalid International Airport".
            let honour = doc.seg[j].is_some_and(|x| {
                x.ok & ok::TITLE != 0
                    && doc.t.toks[j].cap
                    && matches!(
                        doc.t.lower(j),
                        "king"
                            | "queen"
                            | "prince"
                            | "princess"
                            | "president"
                            | "saint"
                            | "st."
                            | "sheikh"
                            | "sultan"
                            | "emir"
                            | "general"
                            | "marshal"
                            | "admiral"
                            | "imam"
                    )
            });
            // "Grand Bazaar", "National Stadium": a role modifier is a name word here.
            let modifier = doc.seg[j].is_some_and(|x| {
                x.ok & ok::TITLE != 0 && doc.entry(&x).title & !(tc::MOD | tc::PORTFOLIO) == 0
            });
            let capw = doc.is_cap_word(j)
                && claims[j] == 0
                && (honour
                    || modifier
                    || doc.seg[j].is_none_or(|x| {
                        x.ok & (ok::STOP | ok::TITLE) == 0 || x.ok & ok::PLACE != 0
                    }));
            // "Bab al-Mandab Strait": a glued article after a capitalized word.
            let article = j > 1
                && doc.t.is_punct(j, "-")
                && matches!(
                    doc.t.lower(j - 1),
                    "al" | "el" | "ad" | "as" | "ash" | "ar" | "an"
                )
                && doc.is_cap_word(j - 2);
            let joiner = doc.t.is_punct(j, "-")
                && !doc.t.toks[j].space_before
                && j > 0
                && (doc.is_cap_word(j - 1) || article);
            let part = (doc.word(j).is_some_and(|e| e.particle)
                || (matches!(doc.t.lower(j), "al" | "el") && doc.t.is_punct(j + 1, "-")))
                && a < k;
            // "Habib-i Neccar Mosque", "Kambarata-1 hydropower plant": a number or short
            // piece glued after a hyphen (not "Arab-dominated province").
            let piece = j >= 2
                && (doc.t.toks[j].kind == Kind::Num || doc.t.surface(j).chars().count() <= 3)
                && !doc.t.toks[j].space_before
                && doc.t.is_punct(j - 1, "-")
                && !doc.t.toks[j - 1].space_before
                && doc.is_cap_word(j - 2);
            if capw || joiner || part || piece {
                a = j;
                if doc.sent_start[j] {
                    break;
                }
            } else {
                break;
            }
        }
        while a < k && !doc.is_cap_word(a) {
            a += 1;
        }
        // "the Jordanian Red Sea port": a leading demonym describes, it does not name.
        while let Some(d) = doc.seg_with(a, ok::DEMONYM).filter(|d| d.b < k && a < k) {
            // ... unless it is a place's start or glued to the next word ("Thai-Myanmar").
            if doc.seg_with(a, ok::PLACE).is_some_and(|p| p.b > d.b) || !doc.is_cap_word(d.b) {
                break;
            }
            a = d.b;
        }
        // In a headline, never extend left past a known place ("Earthquake Hits Ishikawa
        // Prefecture"); in running text the words before belong to the name ("Ramón
        // Villeda Morales International Airport", though Morales is also a town).
        if let Some(p) = (a..k)
            .filter(|_| doc.headline[k] || doc.sent_start[a])
            .rev()
            .find(|&x| doc.seg_with(x, ok::PLACE).is_some_and(|p| p.b <= k))
        {
            // ... but keep the whole of a longer place that ends there ("Santa Cruz County",
            // where "Cruz" alone is also a place).
            let end = doc.seg_with(p, ok::PLACE).map_or(p + 1, |s| s.b);
            let whole = (a..p).find(|&y| doc.seg_with(y, ok::PLACE).is_some_and(|s| s.b == end));
            a = whole.unwrap_or_else(|| doc.seg_with(p, ok::PLACE).map_or(p, |s| s.a).max(a));
        }
        let lower_suffix = !doc.t.toks[s.a].cap;
        let prefix_is_place = a < k && doc.seg_with(a, ok::PLACE).is_some_and(|p| p.b == k);
        let prefix_is_demonym = a < k && doc.seg_with(a, ok::DEMONYM).is_some_and(|p| p.b == k);
        let is_org = a < k && doc.seg_with(a, ok::ORG).is_some_and(|o| o.b >= s.b);
        let generic = a > 0 && matches!(doc.t.lower(a - 1), "a" | "an" | "another" | "one");
        // "the Sicilian province of Agrigento": an adjective the lexicon lacks, not a name.
        let adjective = a + 1 == k
            && doc.seg[a].is_none()
            && ["ian", "ese", "ish"]
                .iter()
                .any(|e| doc.t.lower(a).ends_with(e));
        let admin_word = matches!(kind, LocationKind::Admin | LocationKind::City);
        // "Sanaa airport", "the Bonaire shopping centre": a facility named after a place.
        let specific_lower = matches!(
            doc.t.lower(s.a),
            "airport"
                | "palace"
                | "presidential"
                | "shopping"
                | "hydropower"
                | "hydroelectric"
                | "power"
                | "jail"
                | "beach"
        );
        // "U.S. Highway 79", "Route 66": a numbered road is a designation, not a name.
        let numbered = s.b < n && doc.t.toks[s.b].kind == crate::tokens::Kind::Num;
        if numbered && a < k {
            roads.push((a, s.b + 1));
        }
        // "Banco Base" is a bank, "Grupo Puerto" a company.
        let company = a < k && matches!(doc.t.lower(a), "banco" | "banca" | "grupo");
        // "RAAF Base Amberley", "Naval Base Kitsap": the base's name follows its kind word.
        let mut s = s;
        if matches!(doc.t.lower(s.b - 1), "base")
            && doc.is_cap_word(s.b)
            && claims.free(s.b, s.b + 1)
        {
            let mut e = s.b;
            while e < n && e - s.b < 3 && doc.is_cap_word(e) && claims.free(e, e + 1) {
                e += 1;
            }
            s.b = e;
        }
        // In a Title-Case headline only a known place can carry a kind word.
        // "U.S. District Judge", "the Congo River Alliance": the span starts a title or a
        // body's name.
        let inside_name = s.b < n
            && doc.t.toks[s.b].cap
            && !doc.t.toks[s.b].newline_before
            && doc.seg_with(s.b, ok::TITLE | ok::ORG_HEAD).is_some();
        // "the Third Army Region": a military command, not a region.
        let command = (a..k).any(|x| {
            matches!(
                doc.t.lower(x),
                "army" | "military" | "naval" | "police" | "command" | "corps"
            )
        });
        let skip = (doc.headline[k] && !prefix_is_place)
            || inside_name
            || company
            || command
            || numbered
            || a == k
            || is_org
            || (lower_suffix
                && (generic
                    || adjective
                    || prefix_is_demonym
                    || (prefix_is_place && !specific_lower)))
            || (a + 1 == k && doc.sent_start[a] && !prefix_is_place && doc.word(a).is_some());
        if !skip {
            // "Abu Risha district": the name is the part before a lowercase kind word.
            let end = if lower_suffix && admin_word { k } else { s.b };
            out.push((a, end, kind));
        }
        k = s.b;
    }
    // "Port of Darwin", "Port of Savannah": a port named by its city.
    for k in 0..n.saturating_sub(2) {
        if doc.t.surface(k) == "Port" && doc.t.is_word(k + 1, "of") && claims.free(k, k + 2) {
            if let Some(p) = doc.seg_with(k + 2, ok::PLACE).filter(|p| p.a == k + 2) {
                let covered = out.iter().any(|&(a, b, _)| a < p.b && k < b);
                if doc.seg_with(k, ok::PLACE).is_none() && claims.free(p.a, p.b) && !covered {
                    out.push((k, p.b, LocationKind::Facility));
                }
            }
        }
    }
    // "Lake Kariba", "River Moy", "Mount Elgon": a feature word before its name; "Stadio
    // Olimpico", "Estadio Azteca", "Stade de France": a stadium in the local language.
    for k in 0..n.saturating_sub(1) {
        let (kind, longest) = match doc.t.surface(k) {
            "Lake" | "River" | "Mount" | "Mt." | "Isla" | "Lago" | "Laguna" | "Cerro"
            | "Volcán" | "Río" => (LocationKind::Geo, 2),
            "Stadio" | "Estadio" | "Estádio" | "Stade" | "Stadion" => (LocationKind::Facility, 4),
            _ => continue,
        };
        // A dictionary place that is the whole name already ("Lake Kivu"); a town named
        // like the feature word alone ("Isla") does not stop "Isla del Sol".
        if !claims.free(k, k + 1) || doc.seg_with(k, ok::PLACE).is_some_and(|p| p.b > k + 1) {
            continue;
        }
        // "the Congo River Alliance": the feature word ends a name here, it starts none.
        if k > 0 && !doc.sent_start[k] && doc.is_cap_word(k - 1) {
            continue;
        }
        let mut b = k + 1;
        // "Stade de France", "Isla del Sol": a particle inside.
        if !matches!(doc.t.surface(k), "Lake" | "River" | "Mount" | "Mt.")
            && matches!(doc.t.lower(b), "de" | "del" | "do")
        {
            b += 1;
        }
        while b < n
            && b - k <= longest
            && !doc.t.toks[b].newline_before
            && doc.is_cap_word(b)
            && claims.free(b, b + 1)
            && doc
                .seg_with(
                    b,
                    ok::TITLE | ok::STOP | ok::DEMONYM | ok::ORG | ok::ORG_HEAD,
                )
                .is_none()
        {
            b += 1;
        }
        let covered = out.iter().any(|&(a, e, _)| a < b && k < e);
        if b > k + 1 && doc.is_cap_word(b - 1) && !covered && !doc.headline[k] {
            out.push((k, b, kind));
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    // "the Athabasca River valley": the longer span holds the shorter one.
    let all = out.clone();
    out.retain(|x| {
        !all.iter()
            .any(|y| y.0 <= x.0 && x.1 <= y.1 && (y.0, y.1) != (x.0, x.1))
    });
    (out, roads)
}

/// Gazetteer coordinates are stored as `f32` (half the memory); widened naively they
/// print as `38.89509963989258`. Five decimals (about a metre) is all the data holds.
fn coordinate(stored: f32) -> f64 {
    (f64::from(stored) * 1e5).round() / 1e5
}
