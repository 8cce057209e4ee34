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

/// Dateline: a place at the very start followed by a dash, colon or comma.
fn dateline(doc: &Doc<'_, '_>) -> Option<(usize, usize)> {
    let s = doc.seg_with(0, ok::PLACE)?;
    let next = doc.t.lower(s.b);
    matches!(next, "-" | ":" | "," | "(").then_some((s.a, s.b))
}

/// Extracts locations. `ctx` is updated with the officials' countries by the caller.
pub fn extract(doc: &mut Doc<'_, '_>, ctx: &[(Cc, f32)]) -> Vec<Location> {
    let n = doc.len();
    let dl = dateline(doc);
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
        let mut places = e.places.clone();
        if s.ok & ok::ORG != 0 {
            places.retain(|&p| doc.lex.places[p as usize].kind == LocationKind::Facility);
            if !loc || places.is_empty() {
                i = s.b;
                continue;
            }
        }
        if single && s.ok & ok::STOP != 0 && !loc {
            i = s.b;
            continue;
        }
        // A capitalized unknown word glued to a place is a person's name ("Jordan Bardella").
        let name_next = s.b < n
            && doc.is_cap_word(s.b)
            && !doc.t.toks[s.b].newline_before
            && doc.seg[s.b].is_none()
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
        let strong = loc || dl == Some((s.a, s.b)) || doc.t.toks[s.a].upper;
        cands.push(Cand {
            a: s.a,
            b: s.b,
            places,
            strong_ctx: strong,
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
            let mut score = prior(p.pop) + kind_bonus(p.kind);
            // A big city beats the same-named state or province ("New York").
            if p.kind == LocationKind::City && p.pop >= 1_000_000 {
                score += 0.5;
            }
            let cw = ctx_w(p.cc);
            score += (cw.min(6.0)) * 0.8;
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
        let supported = c.strong_ctx || ctx_w(p.cc) >= 1.0 || follow_cc.contains(&p.cc);
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
    let mut out: Vec<(u32, Location)> = Vec::new();
    for (a, b, pid) in chosen {
        doc.claim(a, b, claim::PLACE);
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        let p = &doc.lex.places[pid as usize];
        if let Some((_, loc)) = out.iter_mut().find(|(id, _)| *id == pid) {
            loc.mentions.push(m);
        } else {
            out.push((
                pid,
                Location {
                    name: String::new(),
                    kind: p.kind,
                    country: cc_str(p.cc),
                    lat: f64::from(p.lat),
                    lon: f64::from(p.lon),
                    mentions: vec![m],
                },
            ));
        }
    }
    for (pid, loc) in &mut out {
        let canon = &doc.lex.places[*pid as usize].name;
        // Fullest form used: the canonical name if written, else the longest surface.
        let strip = |s: &str| {
            s.strip_prefix("the ")
                .or_else(|| s.strip_prefix("The "))
                .unwrap_or(s)
                .to_string()
        };
        loc.name = if loc.mentions.iter().any(|m| strip(&m.text) == **canon) {
            canon.to_string()
        } else {
            loc.mentions
                .iter()
                .map(|m| strip(&m.text))
                .max_by_key(|s| s.chars().count())
                .unwrap_or_default()
        };
    }
    out.into_iter().map(|(_, l)| l).collect()
}
