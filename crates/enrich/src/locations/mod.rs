//! Locations: every named place, resolved to one gazetteer entry using the item's context
//! (other places, demonyms, the dateline, "City, Country" patterns) with population as the
//! prior; and places no gazetteer has that the text names with a kind word or introduces
//! as places.
//!
//! It must never report a span another pass claimed (a person's name, a role's qualifier
//! such as "US" in "US Secretary of State", an organization's name such as "Bank of
//! England"), and never a demonym ("Israeli").
//!
//! The pass's own pipeline is [`extract`]; its steps live in these modules:
//! * [`kind_words`]: names with a kind word ("Whatcom County"), found before the officials
//!   pass and placed here;
//! * [`candidates`]: gazetteer-name candidates, each rejection a named rule;
//! * [`senses`]: each reading's score;
//! * [`support`]: which best readings are kept, which names are local places;
//! * [`small`]: villages of the small tier the text introduces;
//! * [`unlisted`]: places in no gazetteer the text introduces;
//! * [`container`]: where the text puts a span that has no coordinates of its own;
//! * [`assemble`]: mentions grouped into locations;
//! * [`cues`], [`words`]: what the small and unlisted passes both read; the word lists;
//! * [`signals`]: what the places tell the officials pass.

mod assemble;
mod candidates;
mod container;
mod cues;
mod kind_words;
mod senses;
mod signals;
mod small;
mod support;
mod unlisted;
mod words;

pub use kind_words::{suffix_places, KindSpan};
pub use signals::{dateline_country, signals};

use assemble::{Emit, Emits};
use candidates::Qualified;
use container::{Containers, Demonyms};
use senses::{best_by_prior, Scorer};
use support::{Local, Resolved};
use unlisted::Unlisted;

use crate::claims::Claims;
use crate::country::CountryWeights;
use crate::explain::Trace;
use crate::model::{Location, LocationKind};
use crate::scan::{ok, Doc};
use crate::weights::{QUALIFIED_TOP_SHARE, SUPPORTED_COUNTRY};

/// A gazetteer reading chosen for the span `a..b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    pub a: usize,
    pub b: usize,
    /// Index into the gazetteer's places.
    pub place: u32,
}

/// The item's dateline places: the first, and the second of a dual dateline ("TEL
/// AVIV/CAIRO -").
#[derive(Debug, Clone, Copy, Default)]
pub struct Datelines {
    pub first: Option<(usize, usize)>,
    pub second: Option<(usize, usize)>,
}

/// Extracts locations, each with the trace of how it was found. `ctx` is the item's
/// country context; `suffixed` are the places named with a kind word, found (and claimed)
/// before the officials pass by [`suffix_places`]. The traces are returned only when
/// `explain` (only explain reads them): otherwise neither every reading's score nor every
/// mention's evidence is kept, and the list is empty.
pub fn extract(
    doc: &Doc<'_, '_>,
    claims: &mut Claims,
    ctx: &CountryWeights,
    suffixed: &[KindSpan],
    explain: bool,
) -> (Vec<Location>, Vec<Trace>) {
    let dl = Datelines::of(doc);
    // 1. Gazetteer names no rule rejects.
    let found = candidates::collect(doc, claims, dl);
    // 2. Their readings scored in the item's context, with second-order context.
    let ctx = senses::second_order(doc, ctx, &found.cands);
    let scorer = Scorer::new(doc, &ctx, senses::dateline_country(doc, dl));
    // 3. The best readings kept, or read as local places; one sense per item.
    let room = suffixed.len() + found.qualified.len();
    let Resolved {
        mut chosen,
        mut traces,
        local,
        local_entries,
    } = support::resolve(doc, &found.cands, &scorer, room, explain);
    // 4. Villages and towns below the gazetteer's cut, where the text introduces them as
    //    places in a country the item already names.
    let dl_chosen = dl.first.and_then(|(a, _)| first_at(&chosen, a));
    let small = small::small_places(doc, claims, &chosen, dl_chosen, suffixed);
    chosen.reserve(small.len());
    for (c, t) in small {
        chosen.push(c);
        if explain {
            traces.push(t);
        }
    }
    let anchor = anchor(doc, dl, &chosen);
    // Room for every span the steps below add but the unlisted places': no regrowth.
    let mut all = gazetteer_emits(doc, &chosen, traces, room + local.len(), explain);
    // 5. Places named with a kind word ("Kamal Adwan Hospital"): the coordinates of the
    //    place inside the name, else of where the text puts them, else of the anchor. (The
    //    places read so far are indexed only where a step has names to place.)
    let demonyms = Demonyms::default();
    if !suffixed.is_empty() {
        let containers =
            Containers::new(doc, &demonyms, chosen.iter().map(|c| (c.a, c.b, c.place)));
        kind_words::Placing {
            doc,
            claims,
            chosen: &chosen,
            containers: &containers,
            local_entries: &local_entries,
            anchor,
            ctx: &ctx,
        }
        .place_all(suffixed, &mut all);
    }
    // 6. Local places and qualified regions, where the text puts them.
    if !local.is_empty() || !found.qualified.is_empty() {
        let placed = Containers::new(doc, &demonyms, all.placed());
        let outside = Outside::new(doc, claims, &placed, anchor);
        outside.local_places(&local, &mut all);
        outside.qualified_regions(&found.qualified, &ctx, &mut all);
    }
    // 7. Places in no gazetteer that the text introduces as places ("the villages of A and
    //    B"): the country and coordinates of the place the text puts them in.
    let taken = taken_mask(doc, &chosen, suffixed, &local, &found.qualified);
    let unlisted = unlisted::find(doc, claims, Flags(&taken));
    if !unlisted.is_empty() {
        let placed = Containers::new(doc, &demonyms, all.placed());
        Outside::new(doc, claims, &placed, anchor).unlisted_places(unlisted, &mut all);
    }
    // 8. Mentions grouped into locations, in text order.
    assemble::group(doc, claims, all)
}

/// The place of the first resolved span starting at token `a`.
fn first_at(chosen: &[Chosen], a: usize) -> Option<u32> {
    chosen.iter().find(|c| c.a == a).map(|c| c.place)
}

/// The item's anchor place: the dateline's, else the first resolved one on land.
fn anchor(doc: &Doc<'_, '_>, dl: Datelines, chosen: &[Chosen]) -> Option<u32> {
    dl.first.and_then(|(a, _)| first_at(chosen, a)).or_else(|| {
        chosen
            .iter()
            .map(|c| c.place)
            .find(|&p| doc.lex.places[p as usize].kind != LocationKind::Geo)
    })
}

/// The first token from `k` on that starts a match with one of the meanings in `mask`
/// ([`Doc::next_with`], as an `Option` for the passes' `while let` loops).
fn next_match(doc: &Doc<'_, '_>, k: usize, mask: u8) -> Option<usize> {
    let i = doc.next_with(k, mask);
    (i < doc.len()).then_some(i)
}

/// The tokens already part of a place: resolved, named with a kind word, local, qualified.
fn taken_mask(
    doc: &Doc<'_, '_>,
    chosen: &[Chosen],
    suffixed: &[KindSpan],
    local: &[Local],
    qualified: &[Qualified<'_>],
) -> Vec<bool> {
    let spans = chosen.iter().map(|c| (c.a, c.b));
    let spans = spans.chain(suffixed.iter().map(|s| (s.a, s.b)));
    let spans = spans.chain(local.iter().map(|l| (l.a, l.b)));
    mask(doc.len(), spans.chain(qualified.iter().map(|q| (q.a, q.b))))
}

/// Flags on the tokens (those of some spans, [`mask`]), read as unset past the end: a
/// slice, not a closure, so that the passes read one byte per token, not a call.
#[derive(Clone, Copy)]
pub struct Flags<'m>(pub &'m [bool]);

impl Flags<'_> {
    /// Is token `k` flagged?
    #[inline]
    pub fn has(self, k: usize) -> bool {
        self.0.get(k).copied().unwrap_or(false)
    }
}

/// `n` flags, set on the tokens of `spans` (clipped to `n`).
fn mask(n: usize, spans: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut m = vec![false; n];
    for (a, b) in spans {
        for t in m.iter_mut().take(b).skip(a) {
            *t = true;
        }
    }
    m
}

/// The chosen gazetteer readings as mentions (`traces` are theirs, index for index, when
/// `explain`), with room for `more` spans: a lowercase kind word after one belongs to its
/// mention ("Lublin province").
fn gazetteer_emits(
    doc: &Doc<'_, '_>,
    chosen: &[Chosen],
    traces: Vec<Trace>,
    more: usize,
    explain: bool,
) -> Emits {
    let mut emits = Emits::with_capacity(chosen.len() + more, explain, traces);
    emits
        .spans
        .extend(chosen.iter().map(|&Chosen { a, b, place }| Emit {
            a,
            b: b + kind_words::kind_word_after(doc, b, doc.lex.places[place as usize].kind),
            place,
            kind: None,
            name_end: b,
        }));
    emits
}

/// Placing names with no gazetteer reading of their own: in the place the text puts them
/// ([`Containers::around`]), else in the item's anchor place.
#[derive(Clone, Copy)]
struct Outside<'x, 'a, 'l> {
    doc: &'x Doc<'a, 'l>,
    claims: &'x Claims,
    placed: &'x Containers<'x>,
    anchor: Option<u32>,
}

impl<'x, 'a, 'l> Outside<'x, 'a, 'l> {
    fn new(
        doc: &'x Doc<'a, 'l>,
        claims: &'x Claims,
        placed: &'x Containers<'x>,
        anchor: Option<u32>,
    ) -> Self {
        Self {
            doc,
            claims,
            placed,
            anchor,
        }
    }

    fn around(&self, a: usize, end: usize) -> Option<u32> {
        self.placed
            .around(self.doc, self.claims, a, end)
            .or(self.anchor)
    }

    /// "Melville" in a Johannesburg story: names read as local places.
    fn local_places(&self, local: &[Local], out: &mut Emits) {
        for l in local {
            if let Some(place) = self.around(l.a, l.b) {
                let span = Emit {
                    a: l.a,
                    b: l.b,
                    place,
                    kind: Some(LocationKind::City),
                    name_end: l.b,
                };
                out.push(span, || {
                    let mut trace = Trace::rule("local-place").read(l.a, l.b);
                    trace.notes.push(l.why);
                    trace
                });
            }
        }
    }

    /// "Northern Rivers", "Lower Bavaria": the inner place counts only in a country the
    /// item is about ("Rivers" of "Northern Rivers" is a Nigerian state; the item is
    /// Australian); else where the text puts the region.
    fn qualified_regions(
        &self,
        qualified: &[Qualified<'_>],
        ctx: &CountryWeights,
        out: &mut Emits,
    ) {
        let doc = self.doc;
        for q in qualified {
            let top = ctx.max_weight();
            let inner = best_by_prior(doc, q.places, ctx).filter(|&p| {
                let w = ctx.get(doc.lex.places[p as usize].cc);
                w >= SUPPORTED_COUNTRY && w >= QUALIFIED_TOP_SHARE * top
            });
            let kind = inner.map_or(LocationKind::Admin, |p| doc.lex.places[p as usize].kind);
            if let Some(place) = inner.or_else(|| self.around(q.a, q.b)) {
                let span = Emit {
                    a: q.a,
                    b: q.b,
                    place,
                    kind: Some(kind),
                    name_end: q.b,
                };
                out.push(span, || Trace::rule("qualified-region").read(q.a, q.b));
            }
        }
    }

    /// Places in no gazetteer the text introduces (`found` by [`unlisted::find`]).
    fn unlisted_places(&self, found: Vec<Unlisted>, out: &mut Emits) {
        let doc = self.doc;
        out.reserve(found.len());
        for u in found {
            let Some(place) = self.around(u.a, u.end) else {
                continue;
            };
            // "Kasimpar village": the mention keeps the kind word, the name does not.
            let lower_tail = (u.b..u.end).all(|k| !doc.t.toks[k].cap);
            // A gazetteer name left out for want of support ("Lismore, Ballina and Byron
            // Bay"): its own entry when it lies in the country of the place around it.
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
            let span = Emit {
                a: u.a,
                b: if lower_tail { u.end } else { u.b },
                place: own.unwrap_or(place),
                kind: if own.is_some() { None } else { Some(u.kind) },
                name_end: u.b,
            };
            out.push(span, || {
                Trace::rule(u.cue.rule)
                    .read(u.a, u.b)
                    .read(u.cue.at.0, u.cue.at.1)
            });
        }
    }
}

#[cfg(test)]
mod tests;
