//! A candidate's senses: each gazetteer reading scored by its prior (population, kind) plus
//! what the item says about its country (context, the dateline, "X, Country"), with the
//! constants of [`crate::weights`]. The scores are returned, not only the winner, so that
//! explain can show what was weighed.

use std::cell::OnceCell;

use super::candidates::Cand;
use super::{words, Datelines};
use crate::country::CountryWeights;
use crate::gazetteer::{Cc, Place, NO_CC};
use crate::model::LocationKind;
use crate::scan::{ok, Doc};
use crate::weights::*;

/// Kind bonus: countries, then territories and features, beat same-named towns.
pub fn kind_bonus(k: LocationKind) -> f32 {
    match k {
        LocationKind::Country => KIND_BONUS_COUNTRY,
        LocationKind::Territory => KIND_BONUS_TERRITORY_OR_FEATURE,
        LocationKind::Geo | LocationKind::Facility => KIND_BONUS_TERRITORY_OR_FEATURE,
        LocationKind::Admin => 0.0,
        LocationKind::City => 0.0,
    }
}

/// Prior of a place: population, or for curated facilities, features and territories
/// without one, the weight of a city of a million (they are named because they matter).
pub fn place_prior(p: &Place) -> f32 {
    if p.pop == 0
        && matches!(
            p.kind,
            LocationKind::Facility | LocationKind::Geo | LocationKind::Territory
        )
    {
        PRIOR_UNPOPULATED_FEATURE
    } else {
        p.prior
    }
}

/// Best reading by prior and context alone (no neighbours).
pub fn best_by_prior(doc: &Doc<'_, '_>, places: &[u32], ctx: &CountryWeights) -> Option<u32> {
    // Each reading scored once, not once per comparison.
    let score = |p: u32| {
        let pl = &doc.lex.places[p as usize];
        pl.prior
            + kind_bonus(pl.kind)
            + ctx.get(pl.cc).min(PRIOR_CONTEXT_CAP) * SENSE_CONTEXT_FACTOR
    };
    places
        .iter()
        .map(|&p| (score(p), p))
        .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
        .map(|(_, p)| p)
}

/// Second-order context: what the item's places mean by prior alone ("London, Manchester
/// and Cambridge" -> GB makes Cambridge the English one).
pub fn second_order(doc: &Doc<'_, '_>, ctx: &CountryWeights, cands: &[Cand<'_>]) -> CountryWeights {
    let mut ctx2 = ctx.clone();
    for c in cands {
        if let Some(p) = best_by_prior(doc, &c.places, ctx) {
            let pl = &doc.lex.places[p as usize];
            if pl.cc != NO_CC
                && (pl.pop >= CONTEXT_SECOND_ORDER_MIN_POP || pl.kind != LocationKind::City)
            {
                ctx2.add(pl.cc, CONTEXT_SECOND_ORDER);
            }
        }
    }
    ctx2
}

/// The dateline's country: the one written after it ("HYDERABAD, Pakistan"), else its
/// biggest reading.
pub fn dateline_country(doc: &Doc<'_, '_>, dl: Datelines) -> Option<Cc> {
    let (a, _) = dl.first?;
    let s = doc.seg_with(a, ok::PLACE)?;
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
}

/// What the candidates right before and after a candidate say about its country.
pub struct Neighbours {
    /// "Kharkiv, Ukraine", "Hartford, CT": the countries of the place after the comma.
    pub follow_cc: Vec<Cc>,
    /// "Hartford, CT": a US postal state code after the comma.
    pub us_code: bool,
    /// "Savannah, Georgia": the countries of the place before the comma.
    pub prev_cc: Vec<Cc>,
}

impl Neighbours {
    /// The neighbours of candidate `ci`.
    pub fn of(doc: &Doc<'_, '_>, cands: &[Cand<'_>], ci: usize) -> Self {
        let c = &cands[ci];
        let ccs = |d: &Cand<'_>| -> Vec<Cc> {
            d.places
                .iter()
                .map(|&p| doc.lex.places[p as usize].cc)
                .collect()
        };
        let comma_after = doc.t.is_punct(c.b, ",");
        let mut follow_cc: Vec<Cc> = if comma_after {
            cands
                .get(ci + 1)
                .filter(|d| d.a == c.b + 1)
                .map(ccs)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let code_after = comma_after && words::us_state_code(doc.t.surface(c.b + 1));
        if code_after {
            follow_cc.push(*b"US");
        }
        let us_code = follow_cc.contains(b"US") && words::us_state_code(doc.t.surface(c.b + 1));
        let prev_cc = match ci.checked_sub(1).and_then(|k| cands.get(k)) {
            Some(d) if d.b + 1 == c.a && doc.t.is_punct(d.b, ",") => ccs(d),
            _ => Vec::new(),
        };
        Self {
            follow_cc,
            us_code,
            prev_cc,
        }
    }
}

/// Scores readings in one item's context.
pub struct Scorer<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    pub ctx: &'d CountryWeights,
    pub dl_cc: Option<Cc>,
    /// The dictionary entry of every place match of the item, sorted (an entry's matches
    /// are a run); listed once, when a country reading first asks.
    own_entries: OnceCell<Vec<u32>>,
}

impl<'d, 'a, 'l> Scorer<'d, 'a, 'l> {
    pub fn new(doc: &'d Doc<'a, 'l>, ctx: &'d CountryWeights, dl_cc: Option<Cc>) -> Self {
        Self {
            doc,
            ctx,
            dl_cc,
            own_entries: OnceCell::new(),
        }
    }

    /// How often the surface of dictionary entry `entry` is written as a place in the item.
    fn own_count(&self, entry: u32) -> f32 {
        let entries = self.own_entries.get_or_init(|| {
            let places = self
                .doc
                .seg
                .iter()
                .flatten()
                .filter(|d| d.ok & ok::PLACE != 0);
            // Room for a match per token: one allocation, not a regrowth per doubling.
            let mut v = Vec::with_capacity(self.doc.len());
            v.extend(places.map(|d| d.entry));
            v.sort_unstable();
            v
        });
        let run = entries.partition_point(|&e| e < entry)..entries.partition_point(|&e| e <= entry);
        run.len() as f32
    }

    /// The score of each reading of `c`, in the order of its readings, into `out` (cleared
    /// first: one list serves every candidate).
    pub fn scores_into(&self, c: &Cand<'_>, nb: &Neighbours, out: &mut Vec<(u32, f32)>) {
        let doc = self.doc;
        let cc_of = |q: u32| doc.lex.places[q as usize].cc;
        // "Savannah, Georgia": a state or country after a city contains it, when some
        // reading lies elsewhere.
        // (Counted only after a place and a comma: with none, no reading is contained.)
        let outside_prev = if nb.prev_cc.is_empty() {
            0
        } else {
            (c.places.iter())
                .filter(|&&q| !nb.prev_cc.contains(&cc_of(q)))
                .count()
        };
        out.clear();
        out.extend(c.places.iter().map(|&pid| {
            let p = &doc.lex.places[pid as usize];
            let contained = matches!(p.kind, LocationKind::Admin | LocationKind::Country)
                && nb.prev_cc.contains(&p.cc)
                && c.places.len() > 1
                && outside_prev > 0;
            let score = if contained {
                SENSE_CONTAINED_BY_PREVIOUS + p.prior
            } else {
                self.score(c, p, nb)
            };
            (pid, score)
        }));
    }

    /// The score of reading `p` of `c` by prior, kind and the item's evidence.
    fn score(&self, c: &Cand<'_>, p: &Place, nb: &Neighbours) -> f32 {
        let doc = self.doc;
        let ctx_w = |cc: Cc| self.ctx.get(cc);
        let mut score = place_prior(p) + kind_bonus(p.kind);
        // A big city beats the same-named state or province ("New York").
        if p.kind == LocationKind::City && p.pop >= BIG_CITY_POP {
            score += SENSE_BIG_CITY;
        }
        let cw = ctx_w(p.cc);
        // Capped so that context picks between comparable places but never makes a small
        // town beat a capital ("Washington" in a London story is still D.C.).
        score += (cw.min(SENSE_CONTEXT_CAP)) * SENSE_CONTEXT_FACTOR;
        // Georgia the country versus the US state: with no other sign of the country and a
        // strong other country in the item, the same-named region wins.
        if p.kind == LocationKind::Country && c.places.len() > 1 {
            let other = c
                .places
                .iter()
                .map(|&q| doc.lex.places[q as usize].cc)
                .filter(|&q| q != p.cc)
                .map(ctx_w)
                .fold(0.0f32, f32::max);
            // The item's own mentions are counted (a pass over its matches) only then.
            if other >= SENSE_OTHER_COUNTRY_STRONG
                && cw - SENSE_OWN_MENTION * self.own_count(c.entry) < SENSE_COUNTRY_UNSUPPORTED
            {
                score -= SENSE_COUNTRY_PENALTY;
            }
        }
        if nb.follow_cc.contains(&p.cc) {
            score += SENSE_FOLLOWED_BY_COUNTRY;
        }
        if self.dl_cc == Some(p.cc) {
            score += SENSE_DATELINE_COUNTRY;
        }
        score
    }
}

/// The best-scored reading: the first of the highest score.
pub fn best(scores: &[(u32, f32)]) -> Option<(f32, u32)> {
    let mut best: Option<(f32, u32)> = None;
    for &(pid, score) in scores {
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, pid));
        }
    }
    best
}

/// The scores best first (equal scores in reading order, so the winner leads), in a list
/// of their own.
pub fn best_first(scores: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|x, y| y.1.total_cmp(&x.1));
    sorted
}
