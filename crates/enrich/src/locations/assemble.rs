//! Mentions grouped into [`Location`]s: one per gazetteer entry, one per kind-word or
//! unlisted name (case-insensitively), in first-mention order; each named by its fullest
//! form, with the trace of the rule that produced its first mention.

use rustc_hash::FxHashMap as HashMap;

use crate::claims::{claim, Claims};
use crate::explain::Trace;
use crate::gazetteer::cc_str;
use crate::model::{Location, LocationKind, Mention};
use crate::scan::Doc;

use super::words;

/// A span to emit as a location.
pub struct Emit {
    pub a: usize,
    /// End of the mention.
    pub b: usize,
    /// The gazetteer entry giving country and coordinates.
    pub place: u32,
    /// Set when the span is no gazetteer entry of its own (a kind-word or unlisted place).
    pub kind: Option<LocationKind>,
    /// End of the name inside the mention ("Kasimpar" of "Kasimpar village").
    pub name_end: usize,
    /// How the span was found.
    pub trace: Trace,
}

/// One location being assembled: its entry (None for kind-word and unlisted places), the
/// location, the bare name of each mention (slices of the text: no copies), the trace.
struct Group<'t> {
    location: Location,
    names: Vec<&'t str>,
    trace: Trace,
}

/// Claims every emitted span as a place and groups the mentions into locations, in order
/// of first mention (`all` sorted by start).
pub fn group(doc: &Doc<'_, '_>, claims: &mut Claims, all: Vec<Emit>) -> Vec<(Location, Trace)> {
    let mut out: Vec<Group<'_>> = Vec::new();
    let mut keys: Vec<Option<u32>> = Vec::new();
    // Gazetteer entry -> its group; a kind-word or unlisted mention's text (ASCII case
    // folded) -> its group.
    let mut by_place: HashMap<u32, usize> = HashMap::default();
    let mut by_text: HashMap<String, usize> = HashMap::default();
    for e in all {
        let (a, b) = (e.a, e.b);
        claims.claim(a, b, claim::PLACE);
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        let bare = doc.t.span_text(a, bare_name_end(doc, &e));
        // Named-with-kind places are their own entities, keyed by their text.
        let found = match e.kind {
            None => by_place.get(&e.place).copied(),
            Some(_) => by_text.get(&m.text.to_ascii_lowercase()).copied(),
        };
        if let Some(g) = found {
            let g = &mut out[g];
            g.trace.evidence.extend(e.trace.evidence);
            g.location.mentions.push(m);
            g.names.push(bare);
            continue;
        }
        match e.kind {
            None => by_place.insert(e.place, out.len()),
            Some(_) => by_text.insert(m.text.to_ascii_lowercase(), out.len()),
        };
        let p = &doc.lex.places[e.place as usize];
        keys.push(e.kind.is_none().then_some(e.place));
        out.push(Group {
            location: Location {
                name: String::new(),
                kind: e.kind.unwrap_or(p.kind),
                country: cc_str(p.cc),
                lat: coordinate(p.lat),
                lon: coordinate(p.lon),
                approximate: e.kind.is_some(),
                mentions: vec![m],
            },
            names: vec![bare],
            trace: e.trace,
        });
    }
    out.into_iter()
        .zip(keys)
        .map(|(mut g, key)| {
            g.location.name = name(doc, key, &g.names);
            (g.location, g.trace)
        })
        .collect()
}

/// End of the bare name in the mention of `e`: without a lowercase kind word after it
/// ("Borno" of "Borno state").
fn bare_name_end(doc: &Doc<'_, '_>, e: &Emit) -> usize {
    let (a, b) = (e.a, e.b);
    if e.name_end == b && b - a > 1 && !doc.t.toks[b - 1].cap {
        let last = doc.t.lower(b - 1);
        if crate::gazetteer::region_kind(last).is_some() || words::name_tail_word(last) {
            b - 1
        } else {
            b
        }
    } else {
        e.name_end.clamp(a + 1, b)
    }
}

/// The fullest form used: the canonical name if written ("KINGSTON" of a dateline is
/// Kingston), else the longest surface without a leading article.
fn name(doc: &Doc<'_, '_>, key: Option<u32>, names: &[&str]) -> String {
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
    let Some(pid) = key else {
        return longest;
    };
    let canon = &doc.lex.places[pid as usize].name;
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

/// Gazetteer coordinates are stored as `f32` (half the memory); widened naively they
/// print as `38.89509963989258`. Five decimals (about a metre) is all the data holds.
fn coordinate(stored: f32) -> f64 {
    (f64::from(stored) * 1e5).round() / 1e5
}
