//! Locations: every named place, resolved to one gazetteer entry using the item's context
//! (other places, demonyms, the dateline, "City, Country" patterns) with population as the
//! prior.
//!
//! It must never report a span another pass claimed (a person's name, a role's qualifier
//! such as "US" in "US Secretary of State", an organization's name such as "Bank of
//! England"), and never a demonym ("Israeli").

use crate::gazetteer::{cc_str, Cc, NO_CC};
use crate::scan::{claim, ok, Doc};
use crate::tokens::Kind;
use crate::{Location, LocationKind, Mention};

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
        LocationKind::Country => 4.0,
        LocationKind::Territory => 3.0,
        LocationKind::Geo | LocationKind::Facility => 3.0,
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
        6.0
    } else {
        prior(p.pop)
    }
}

/// Context weight per country in the item: demonyms, unambiguous places, the dateline.
pub fn context(doc: &Doc<'_, '_>) -> Vec<(Cc, f32)> {
    let mut w: Vec<(Cc, f32)> = Vec::new();
    let mut add = |cc: Cc, x: f32| {
        if cc == NO_CC {
            return;
        }
        if let Some(e) = w.iter_mut().find(|e| e.0 == cc) {
            e.1 += x;
        } else {
            w.push((cc, x));
        }
    };
    let n = doc.len();
    let mut i = 0;
    while i < n {
        if doc.claimed[i] & claim::PERSON != 0 {
            i += 1;
            continue;
        }
        if let Some(s) = doc.seg_with(i, ok::DEMONYM) {
            if let Some(cc) = doc.entry(&s).demonym {
                add(cc, 1.0);
            }
            i = s.b;
            continue;
        }
        if let Some(s) = doc.seg_with(i, ok::PLACE) {
            let e = doc.entry(&s);
            let first = e.places.first().map(|&p| doc.lex.places[p as usize].cc);
            let same =
                first.is_some_and(|c| e.places.iter().all(|&p| doc.lex.places[p as usize].cc == c));
            let country = e
                .places
                .iter()
                .find(|&&p| doc.lex.places[p as usize].kind == LocationKind::Country);
            if let Some(&p) = country {
                add(doc.lex.places[p as usize].cc, 1.0);
            } else if same {
                if let Some(c) = first {
                    add(c, if e.places.len() == 1 { 0.5 } else { 0.3 });
                }
            }
            i = s.b;
            continue;
        }
        i += 1;
    }
    w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    w
}

/// Country evidence per sentence for the officials' country fallback: resolved place
/// mentions and demonyms (not those inside a person's name).
pub fn signals(doc: &Doc<'_, '_>, locs: &[Location]) -> Vec<crate::officials::Signal> {
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
            LocationKind::Country | LocationKind::Territory => 2.0,
            LocationKind::Admin | LocationKind::City | LocationKind::Facility => 1.5,
            LocationKind::Geo => 0.0,
        };
        for m in &l.mentions {
            let t = tok_at(m.start);
            let w = if is_destination(doc, t) { 0.25 * w } else { w };
            out.push((doc.sent_id[t], t, cc, w));
        }
    }
    let mut i = 0;
    while i < doc.len() {
        if let Some(s) = doc.seg_with(i, ok::DEMONYM) {
            // A demonym inside a person's name or another official's title ("U.S.
            // President Donald Trump") is that person's evidence, not the item's.
            if doc.claimed[i] & (claim::PERSON | claim::TITLE) == 0 {
                if let Some(cc) = doc.entry(&s).demonym.filter(|&c| c != NO_CC) {
                    out.push((doc.sent_id[i], i, cc, 2.0));
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
    doc: &mut Doc<'_, '_>,
    ctx: &[(Cc, f32)],
    suffixed: &[(usize, usize, LocationKind)],
) -> Vec<Location> {
    let n = doc.len();
    let dl = dateline(doc);
    let dl2 = dateline_second(doc);
    let mut cands: Vec<Cand> = Vec::new();
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
        if !doc.free(s.a, s.b) || doc.org_chunk_at(s.a).is_some() {
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
                        pl.kind == LocationKind::City && pl.pop < 50_000
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
            && doc.claimed[s.a - 1] == 0;
        if single && (name_next || name_prev) {
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
    let dl_cc = dl
        .and_then(|(a, _)| doc.seg_with(a, ok::PLACE))
        .and_then(|s| {
            doc.entry(&s)
                .places
                .iter()
                .map(|&p| &doc.lex.places[p as usize])
                .max_by_key(|p| p.pop)
                .map(|p| p.cc)
        });
    // Second-order context: what the item's places mean by prior alone ("London,
    // Manchester and Cambridge" -> GB makes Cambridge the English one).
    let mut ctx2: Vec<(Cc, f32)> = ctx.to_vec();
    for c in &cands {
        if let Some(p) = best_by_prior(doc, &c.places, ctx) {
            let pl = &doc.lex.places[p as usize];
            if pl.cc != NO_CC && (pl.pop >= 100_000 || pl.kind != LocationKind::City) {
                match ctx2.iter_mut().find(|e| e.0 == pl.cc) {
                    Some(e) => e.1 += 0.5,
                    None => ctx2.push((pl.cc, 0.5)),
                }
            }
        }
    }
    let ctx = &ctx2[..];
    let ctx_w = |cc: Cc| ctx.iter().find(|e| e.0 == cc).map_or(0.0, |e| e.1);
    // Resolve each mention.
    let mut chosen: Vec<(usize, usize, u32)> = Vec::new();
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
                    let score = 100.0 + prior(p.pop);
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, pid));
                    }
                    continue;
                }
            }
            let mut score = place_prior(p) + kind_bonus(p.kind);
            // A big city beats the same-named state or province ("New York").
            if p.kind == LocationKind::City && p.pop >= 1_000_000 {
                score += 0.5;
            }
            let cw = ctx_w(p.cc);
            // Capped so that context picks between comparable places but never makes a small
            // town beat a capital ("Washington" in a London story is still D.C.).
            score += (cw.min(3.75)) * 0.8;
            // Georgia the country versus the US state: with no other sign of the country and
            // a strong other country in the item, the same-named region wins.
            if p.kind == LocationKind::Country
                && c.places.len() > 1
                && cw - 1.5 * own_count(doc, c.entry) < 0.5
            {
                let other = c
                    .places
                    .iter()
                    .map(|&q| doc.lex.places[q as usize].cc)
                    .filter(|&q| q != p.cc)
                    .map(&ctx_w)
                    .fold(0.0f32, f32::max);
                if other >= 2.0 {
                    score -= 5.0;
                }
            }
            if follow_cc.contains(&p.cc) {
                score += 6.0;
            }
            if dl_cc == Some(p.cc) {
                score += 1.5;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, pid));
            }
        }
        let Some((_, pid)) = best else { continue };
        let p = &doc.lex.places[pid as usize];
        // Weak evidence for small towns: need a locative preposition, the dateline, or
        // their country in the item.
        let supported = us_code || c.strong_ctx || ctx_w(p.cc) >= 1.0 || follow_cc.contains(&p.cc);
        let small = matches!(p.kind, LocationKind::City | LocationKind::Admin) && p.pop < 100_000;
        if small && !supported {
            continue;
        }
        if matches!(p.kind, LocationKind::City)
            && p.pop < 15_000
            && !(c.strong_ctx && ctx_w(p.cc) >= 1.0)
            && !follow_cc.contains(&p.cc)
        {
            continue;
        }
        // Sentence-initial lone word that is a small place: most likely an ordinary word.
        if c.b - c.a == 1
            && doc.sent_start[c.a]
            && !c.strong_ctx
            && !us_code
            && p.pop < 1_000_000
            && !matches!(
                p.kind,
                LocationKind::Country | LocationKind::Territory | LocationKind::Geo
            )
        {
            continue;
        }
        chosen.push((c.a, c.b, pid));
    }
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
    let mut all: Vec<(usize, usize, Option<u32>, Option<LocationKind>)> = chosen
        .iter()
        .map(|&(a, b, p)| (a, b, Some(p), None))
        .collect();
    for &(a, b, kind) in suffixed {
        let anchor_cc = anchor.map(|p| doc.lex.places[p as usize].cc);
        // The place inside the name gives the coordinates when the item supports its
        // country; a country inside a region name ("Niger State") never does.
        let inner = (a..b)
            // Not an honorific that happens to name a town ("King" in "King Khalid
            // International Airport").
            .find_map(|k| {
                doc.seg_with(k, ok::PLACE)
                    .filter(|s| s.b <= b && s.ok & ok::TITLE == 0)
            })
            .and_then(|s| best_by_prior(doc, &doc.entry(&s).places, ctx))
            .filter(|&p| {
                let pl = &doc.lex.places[p as usize];
                pl.kind != LocationKind::Country
                    && (Some(pl.cc) == anchor_cc || ctx.iter().any(|e| e.0 == pl.cc && e.1 >= 1.0))
            });
        let demonym = (a..b)
            .find_map(|k| doc.seg_with(k, ok::DEMONYM))
            .and_then(|s| doc.entry(&s).demonym)
            .and_then(|cc| country_place(doc, cc));
        if let Some(p) = inner.or(demonym).or(anchor) {
            all.push((a, b, Some(p), Some(kind)));
        }
    }
    all.sort_by_key(|x| (x.0, x.1));
    let mut out: Vec<(Option<u32>, Location)> = Vec::new();
    for (a, b, pid, kind) in all {
        let Some(pid) = pid else { continue };
        doc.claim(a, b, claim::PLACE);
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        let p = &doc.lex.places[pid as usize];
        // Named-with-kind places are their own entities, keyed by their text.
        let key = if kind.is_some() { None } else { Some(pid) };
        let found = out.iter_mut().find(|(id, l)| match key {
            Some(_) => *id == key,
            None => {
                id.is_none()
                    && l.mentions
                        .iter()
                        .any(|x| x.text.eq_ignore_ascii_case(&m.text))
            }
        });
        if let Some((_, loc)) = found {
            loc.mentions.push(m);
        } else {
            let kind = kind.unwrap_or(p.kind);
            out.push((
                key,
                Location {
                    name: String::new(),
                    kind,
                    country: cc_str(p.cc),
                    lat: coordinate(p.lat),
                    lon: coordinate(p.lon),
                    mentions: vec![m],
                },
            ));
        }
    }
    for (pid, loc) in &mut out {
        let strip = |s: &str| {
            s.strip_prefix("the ")
                .or_else(|| s.strip_prefix("The "))
                .unwrap_or(s)
                .to_string()
        };
        let longest = loc
            .mentions
            .iter()
            .map(|m| strip(&m.text))
            .max_by_key(|s| s.chars().count())
            .unwrap_or_default();
        // Fullest form used: the canonical name if written, else the longest surface.
        loc.name = match pid {
            Some(pid) => {
                let canon = &doc.lex.places[*pid as usize].name;
                if loc.mentions.iter().any(|m| strip(&m.text) == **canon) {
                    canon.to_string()
                } else {
                    longest
                }
            }
            None => longest,
        };
    }
    out.into_iter().map(|(_, l)| l).collect()
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
fn best_by_prior(doc: &Doc<'_, '_>, places: &[u32], ctx: &[(Cc, f32)]) -> Option<u32> {
    places.iter().copied().max_by(|&x, &y| {
        let sc = |p: u32| {
            let pl = &doc.lex.places[p as usize];
            prior(pl.pop)
                + kind_bonus(pl.kind)
                + ctx
                    .iter()
                    .find(|e| e.0 == pl.cc)
                    .map_or(0.0, |e| e.1.min(6.0) * 0.8)
        };
        sc(x).total_cmp(&sc(y)).then(y.cmp(&x))
    })
}

/// Spans ending in a kind word: "Kamal Adwan Hospital", "Noto Peninsula", "Sanaa airport".
/// Returns (start, end, kind). Lowercase administrative words after a known place
/// ("the Donetsk region") leave the place itself to the normal pass.
pub fn suffix_places(doc: &Doc<'_, '_>) -> Vec<(usize, usize, LocationKind)> {
    let n = doc.len();
    let mut out = Vec::new();
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
        if !doc.free(s.a, s.b)
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
            let capw = doc.is_cap_word(j)
                && doc.claimed[j] == 0
                && (honour
                    || doc.seg[j].is_none_or(|x| {
                        x.ok & (ok::STOP | ok::TITLE) == 0 || x.ok & ok::PLACE != 0
                    }));
            let joiner = doc.t.is_punct(j, "-")
                && !doc.t.toks[j].space_before
                && j > 0
                && doc.is_cap_word(j - 1);
            let part = doc.word(j).is_some_and(|e| e.particle) && a < k;
            if capw || joiner || part {
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
        // Never extend left past a known place ("Earthquake Hits Ishikawa Prefecture").
        if let Some(p) = (a..k)
            .rev()
            .find(|&x| doc.seg_with(x, ok::PLACE).is_some_and(|p| p.b <= k))
        {
            a = doc.seg_with(p, ok::PLACE).map_or(p, |s| s.a).max(a);
        }
        let lower_suffix = !doc.t.toks[s.a].cap;
        let prefix_is_place = a < k && doc.seg_with(a, ok::PLACE).is_some_and(|p| p.b == k);
        let prefix_is_demonym = a < k && doc.seg_with(a, ok::DEMONYM).is_some_and(|p| p.b == k);
        let is_org = a < k && doc.seg_with(a, ok::ORG).is_some_and(|o| o.b >= s.b);
        let generic = a > 0 && matches!(doc.t.lower(a - 1), "a" | "an" | "another" | "one");
        let admin_word = matches!(kind, LocationKind::Admin | LocationKind::City);
        let specific_lower = matches!(doc.t.lower(s.a), "airport" | "palace" | "presidential");
        // In a Title-Case headline only a known place can carry a kind word.
        let skip = (doc.headline[k] && !prefix_is_place)
            || a == k
            || is_org
            || (lower_suffix
                && (generic || prefix_is_demonym || (prefix_is_place && !specific_lower)))
            || (a + 1 == k && doc.sent_start[a] && !prefix_is_place && doc.word(a).is_some());
        if !skip {
            // "Abu Risha district": the name is the part before a lowercase kind word.
            let end = if lower_suffix && admin_word { k } else { s.b };
            out.push((a, end, kind));
        }
        k = s.b;
    }
    out
}

/// Gazetteer coordinates are stored as `f32` (half the memory); widened naively they
/// print as `38.89509963989258`. Five decimals (about a metre) is all the data holds.
fn coordinate(stored: f32) -> f64 {
    (f64::from(stored) * 1e5).round() / 1e5
}
