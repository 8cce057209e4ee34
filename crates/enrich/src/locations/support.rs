//! When a candidate's best reading is kept: small towns need support from the text, a
//! small town abroad in an item about another country is that country's local place, and a
//! name keeps one sense per item.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::candidates::Cand;
use super::senses::{self, Neighbours, Scorer};
use super::Chosen;
use crate::explain::Trace;
use crate::gazetteer::Place;
use crate::model::LocationKind;
use crate::scan::Doc;
use crate::weak_places;
use crate::weights::*;

/// A name read as a local place of the item's country that the gazetteer lacks.
pub struct Local {
    pub a: usize,
    pub b: usize,
    /// Why it was so read (for explain).
    pub why: &'static str,
}

/// The candidates' outcome: chosen readings (with their traces, index for index, when
/// explain will read them) and local places.
#[derive(Default)]
pub struct Resolved {
    pub chosen: Vec<Chosen>,
    pub traces: Vec<Trace>,
    pub local: Vec<Local>,
    /// Dictionary entries read as local places: read so wherever they stand.
    pub local_entries: HashSet<u32>,
}

impl Resolved {
    /// At most one reading per candidate, and room for `room` more traces when `explain`
    /// (none is built without it): sized once (a trace is large to move on growth).
    fn sized(cands: usize, room: usize, explain: bool) -> Self {
        Self {
            chosen: Vec::with_capacity(cands),
            traces: Vec::with_capacity(if explain { cands + room } else { 0 }),
            ..Self::default()
        }
    }
}

/// One candidate's best reading and what the keeping rules read.
struct Reading<'x> {
    doc: &'x Doc<'x, 'x>,
    c: &'x Cand<'x>,
    p: &'x Place,
    nb: &'x Neighbours,
    scorer: &'x Scorer<'x, 'x, 'x>,
}

impl Reading<'_> {
    fn ctx_w(&self) -> f32 {
        self.scorer.ctx.get(self.p.cc)
    }

    /// The country of reading `q`.
    fn place_cc(&self, q: u32) -> crate::gazetteer::Cc {
        self.doc.lex.places[q as usize].cc
    }

    /// "X, Country" names this reading's country.
    fn followed_by_its_country(&self) -> bool {
        self.nb.follow_cc.contains(&self.p.cc)
    }
}

/// Scores every candidate's readings and keeps or drops the best by the rules below.
/// `room`: how many traces the later steps add at most besides (kind-word names, qualified
/// regions), so that the list of traces is sized once. The traces (with the readings'
/// scores, a list to sort and allocate per place) are built only when `explain`: nothing
/// else reads them.
pub fn resolve(
    doc: &Doc<'_, '_>,
    cands: &[Cand<'_>],
    scorer: &Scorer<'_, '_, '_>,
    room: usize,
    explain: bool,
) -> Resolved {
    let mut out = Resolved::sized(cands.len(), room, explain);
    // Entries whose reading a neighbour decided ("X, Country"), and each chosen span's entry.
    let mut pinned: HashMap<u32, u32> = HashMap::default();
    let mut chosen_entry: Vec<u32> = Vec::with_capacity(cands.len());
    let most = cands.iter().map(|c| c.places.len()).max().unwrap_or(0);
    let mut scores = Vec::with_capacity(most);
    for (ci, c) in cands.iter().enumerate() {
        if once_local_always_local(&out, c) {
            out.local.push(Local {
                a: c.a,
                b: c.b,
                why: "read as a local place earlier in the item",
            });
            continue;
        }
        let nb = Neighbours::of(doc, cands, ci);
        scorer.scores_into(c, &nb, &mut scores);
        let Some((_, pid)) = senses::best(&scores) else {
            continue;
        };
        let r = Reading {
            doc,
            c,
            p: &doc.lex.places[pid as usize],
            nb: &nb,
            scorer,
        };
        if unsupported_small_place(&r) || unsupported_tiny_town(&r) || sentence_initial_word(&r) {
            continue;
        }
        let local = if local_place_abroad(&r) {
            Some("a small town abroad in an item about another country")
        } else if local_before_foreign_region(doc, cands, ci, &r) {
            Some("named with a region of another country after it")
        } else {
            None
        };
        if let Some(why) = local {
            out.local.push(Local {
                a: c.a,
                b: c.b,
                why,
            });
            out.local_entries.insert(c.entry);
            continue;
        }
        if pinned_by_country_after(doc, &r) {
            pinned.entry(c.entry).or_insert(pid);
        }
        if explain {
            let mut trace = Trace::rule("gazetteer-name").read(c.a, c.b);
            if let Some(k) = c.cue {
                trace = trace.read(k, k + 1);
            }
            trace.senses = senses::best_first(&scores);
            out.traces.push(trace);
        }
        out.chosen.push(Chosen {
            a: c.a,
            b: c.b,
            place: pid,
        });
        chosen_entry.push(c.entry);
    }
    one_sense_per_item(&mut out, &chosen_entry, &pinned);
    out
}

/// "JASPER, Alberta ... Jasper": a name read once as a local place stays one.
fn once_local_always_local(out: &Resolved, c: &Cand<'_>) -> bool {
    out.local_entries.contains(&c.entry)
}

/// "a choir from Dalby" (nothing else about Australia): a town or region under
/// [`SMALL_PLACE_POP`] is kept only with support: a locative or the dateline, its country
/// in the item, "X, Country" or a US state code after it.
///
/// "the People's Alliance": a common English word whose readings are all small places
/// ([`weak_places::common_word_small_place`]) needs the text itself (a locative, "X,
/// Country", a US state code); its country in the item is not enough.
fn unsupported_small_place(r: &Reading<'_>) -> bool {
    let small =
        matches!(r.p.kind, LocationKind::City | LocationKind::Admin) && r.p.pop < SMALL_PLACE_POP;
    // Most best readings are no small place: the support is read only for those that are.
    if !small {
        return false;
    }
    let common = || weak_places::common_word_small_place(r.doc, r.c.a, r.c.b, r.c.entry);
    let supported = r.nb.us_code
        || r.c.strong_ctx
        || (r.ctx_w() >= SUPPORTED_COUNTRY && !common())
        || r.followed_by_its_country();
    !supported
}

/// "held in Dalby" with no other sign of Australia: a town under [`TINY_TOWN_POP`] needs
/// both a locative and its country in the item (or "X, Country").
fn unsupported_tiny_town(r: &Reading<'_>) -> bool {
    matches!(r.p.kind, LocationKind::City)
        && r.p.pop < TINY_TOWN_POP
        && !(r.c.strong_ctx && r.ctx_w() >= SUPPORTED_COUNTRY)
        && !r.followed_by_its_country()
}

/// "Reading glasses were handed out": a lone sentence-initial word that is a place under
/// [`SENTENCE_INITIAL_MIN_POP`] (not a country, territory or feature) is most likely an
/// ordinary word.
fn sentence_initial_word(r: &Reading<'_>) -> bool {
    let c = r.c;
    c.b - c.a == 1
        && r.doc.sent_start[c.a]
        && !c.strong_ctx
        && !r.nb.us_code
        && r.p.pop < SENTENCE_INITIAL_MIN_POP
        && !matches!(
            r.p.kind,
            LocationKind::Country | LocationKind::Territory | LocationKind::Geo
        )
}

/// "in Melville" in a Johannesburg story: a small town whose only readings lie abroad, in
/// an item about one other country, is read as a local place of that country the gazetteer
/// lacks, placed where the text puts it.
///
/// The construction it reads: a town name under [`SMALL_PLACE_POP`] with no reading in
/// the item's main country, that country weighing at least [`LOCAL_TOP_COUNTRY`] and
/// [`LOCAL_RATIO`] times the town's own, and nothing in the text ("X, Country", a US state
/// code, the dateline) tying the town to its own country. Known failure: a famous small
/// town abroad named without its country ("premiered in Cannes" in a Los Angeles story)
/// is misread as a local place of the item's country.
fn local_place_abroad(r: &Reading<'_>) -> bool {
    let (p, c) = (r.p, r.c);
    // Most best readings are no small town: the item's top country is read only for those.
    if p.kind != LocationKind::City || p.pop >= SMALL_PLACE_POP {
        return false;
    }
    let (top_cc, top_w) = r.scorer.ctx.best_except(p.cc);
    r.ctx_w() < SUPPORTED_COUNTRY
        && top_w >= LOCAL_TOP_COUNTRY
        && top_w >= LOCAL_RATIO * r.ctx_w()
        && !r.followed_by_its_country()
        && !r.nb.us_code
        && r.scorer.dl_cc != Some(p.cc)
        && !c.places.iter().any(|&q| r.place_cc(q) == top_cc)
}

/// "JASPER, Alberta": a town the gazetteer has only elsewhere, named with a region of
/// another country after it, is that region's local place.
fn local_before_foreign_region(
    doc: &Doc<'_, '_>,
    cands: &[Cand<'_>],
    ci: usize,
    r: &Reading<'_>,
) -> bool {
    let c = r.c;
    let follow_cc = &r.nb.follow_cc;
    let region_after = follow_cc.first().is_some_and(|_| {
        cands.get(ci + 1).is_some_and(|d| {
            d.a == c.b + 1
                && d.places
                    .iter()
                    .all(|&q| doc.lex.places[q as usize].kind == LocationKind::Admin)
        })
    });
    region_after && !c.places.iter().any(|&q| follow_cc.contains(&r.place_cc(q)))
}

/// "HYDERABAD, Pakistan": a city (no name that can be a country: "China, Japan and the
/// ROK") whose country is written after it decides the sense of the name for the item.
fn pinned_by_country_after(doc: &Doc<'_, '_>, r: &Reading<'_>) -> bool {
    let can_be_country =
        r.c.places
            .iter()
            .any(|&q| doc.lex.places[q as usize].kind == LocationKind::Country);
    r.followed_by_its_country() && r.p.kind == LocationKind::City && !can_be_country
}

/// One sense per item: "HYDERABAD, Pakistan" decides what a later "Hyderabad" is.
fn one_sense_per_item(out: &mut Resolved, chosen_entry: &[u32], pinned: &HashMap<u32, u32>) {
    for (k, c) in out.chosen.iter_mut().enumerate() {
        if let Some(&pid) = pinned.get(&chosen_entry[k]) {
            // (Traces are built only for explain.)
            if let Some(trace) = out.traces.get_mut(k).filter(|_| c.place != pid) {
                trace
                    .notes
                    .push("one sense per item: \"X, Country\" decided");
            }
            c.place = pid;
        }
    }
}
