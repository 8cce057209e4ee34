//! The small-place tier (`gazetteer::SmallTier`): GeoNames villages and towns below the
//! gazetteer's population cut. Far more of their names are also surnames and words than
//! places a given item means, so a name of that tier becomes a location only when
//! * it is a capitalized run of its own (no capitalized word glued before or after, no word
//!   of the phrase dictionary alone: stop words, role words, demonyms), claimed by no person,
//!   title or organization, never written in the item as the surname after a first name;
//! * the text introduces it as a place: a cue word before it ([`small_cue`]), a list of
//!   places so introduced ("in Foxford, Swinford and Killala"), or "X, Region" with a
//!   region or country of the same state after it;
//! * its country is already in the item: a resolved place of that country or the
//!   dateline's.
//!
//! Same-named places: the one in a region the item names wins, then the country with most
//! places in the item, then population. A gazetteer reading never reaches here (its names
//! are left out of the tier, and resolved spans are skipped).
//!
//! Second-level regions of the tier (districts, counties, departments) follow the same
//! rules, and are also introduced by a kind word after them ([`region_word`]: "Dhading
//! district", "Machakos County"); the span then takes the kind word when it is capitalized.
//! First-level regions whose bare name is a generic word ("Southern" in Zambia) are names
//! only so ("Southern Province"). A kind-word span that the kind-word pass found
//! (`suffixed`) is returned here when its name is such a region of a country the item
//! names; the caller then drops it from the kind-word places.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::OnceCell;

use super::cues::{list_goes_on, small_cue, Surnames};
use super::{words, Chosen, Flags, KindSpan};
use crate::claims::{claim, Claims};
use crate::country::CountryWeights;
use crate::explain::Trace;
use crate::gazetteer::{Cc, Place, NO_CC};
use crate::model::LocationKind;
use crate::scan::{ok, Doc};
use crate::tokens::{phrase_step, Kind, PHRASE_SEED};

/// Villages and towns of the tier the text introduces as places, each with its trace.
pub fn small_places(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    chosen: &[Chosen],
    dateline: Option<u32>,
    suffixed: &[KindSpan],
) -> Vec<(Chosen, Trace)> {
    let covered_mask = super::mask(doc.len(), chosen.iter().map(|c| (c.a, c.b)));
    let covered = Flags(&covered_mask);
    let Some(small) = Small::new(doc, claims, chosen, dateline, covered) else {
        return Vec::new();
    };
    let mut found = Found::default();
    let named = small.kind_word_regions(suffixed, &mut found);
    let mut i = 0;
    while let Some(k) = small.next_opening(i) {
        i = small.read_at(k, &named, &mut found);
    }
    small.other_mentions(&mut found);
    found.places
}

/// Places of the tier found so far, with the lookups the list rule makes of them.
#[derive(Default)]
struct Found {
    places: Vec<(Chosen, Trace)>,
    /// End token -> start of the first place found ending there.
    start_of_end: HashMap<usize, usize>,
    starts: HashSet<usize>,
}

impl Found {
    fn push(&mut self, c: Chosen, trace: Trace) {
        self.start_of_end.entry(c.b).or_insert(c.a);
        self.starts.insert(c.a);
        self.places.push((c, trace));
    }
}

/// What the tier's rules read of the item: the resolved places, the country evidence,
/// the regions named, and indexes over the resolved places by start, end and country.
struct Small<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    claims: &'d Claims,
    chosen: &'d [Chosen],
    covered: Flags<'d>,
    surnames: Surnames<'d, 'a, 'l>,
    evidence: CountryWeights,
    /// First-level regions the item names, sorted; listed when first asked (most items
    /// name no place of the tier).
    regions: OnceCell<Vec<u32>>,
    /// (start token, index) of the resolved places, sorted: those starting at one token
    /// are a run, in order (a sorted vector: one allocation, where an item has a few).
    by_start: Vec<(usize, usize)>,
    /// (end token, index, start token) of the resolved places, sorted: the first of a run
    /// is the first resolved place ending there.
    by_end: Vec<(usize, usize, usize)>,
    /// (country, place) of the distinct resolved places (not countries), sorted: a
    /// country's are a run, for nearness. Listed when first asked (most items never ask).
    by_country: OnceCell<Vec<(Cc, u32)>>,
}

impl<'d, 'a, 'l> Small<'d, 'a, 'l> {
    /// `None` when the item names no country: no place of the tier can be read then.
    fn new(
        doc: &'d Doc<'a, 'l>,
        claims: &'d Claims,
        chosen: &'d [Chosen],
        dateline: Option<u32>,
        covered: Flags<'d>,
    ) -> Option<Self> {
        let lex = doc.lex;
        let mut evidence = CountryWeights::new();
        let places = chosen.iter().map(|c| c.place).chain(dateline);
        for p in places {
            let cc = lex.places[p as usize].cc;
            if cc != NO_CC {
                evidence.add(cc, 1.0);
            }
        }
        if evidence.is_empty() {
            return None;
        }
        let mut by_start = Vec::with_capacity(chosen.len());
        let mut by_end = Vec::with_capacity(chosen.len());
        for (x, c) in chosen.iter().enumerate() {
            by_start.push((c.a, x));
            by_end.push((c.b, x, c.a));
        }
        by_start.sort_unstable();
        by_end.sort_unstable();
        Some(Self {
            doc,
            claims,
            chosen,
            covered,
            surnames: Surnames::new(doc, claims, covered),
            evidence,
            regions: OnceCell::new(),
            by_start,
            by_end,
            by_country: OnceCell::new(),
        })
    }

    /// Indexes of the resolved places starting at token `k`, in order.
    fn starting_at(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_start.partition_point(|e| e.0 < k);
        self.by_start[from..]
            .iter()
            .take_while(move |e| e.0 == k)
            .map(|e| e.1)
    }

    /// Start of the first resolved place ending at token `j`.
    fn start_of_end(&self, j: usize) -> Option<usize> {
        self.by_end
            .get(self.by_end.partition_point(|e| e.0 < j))
            .filter(|e| e.0 == j)
            .map(|e| e.2)
    }

    /// Does the item name the first-level region `r`?
    fn names_region(&self, r: u32) -> bool {
        let regions = self.regions.get_or_init(|| {
            let mut regions = Vec::new();
            for c in self.chosen {
                self.regions_into(c, &mut regions);
            }
            regions.sort_unstable();
            regions.dedup();
            regions
        });
        regions.binary_search(&r).is_ok()
    }

    /// First-level regions a resolved place can be read as, also where the name was read
    /// as a city ("Veracruz", "the state of Veracruz").
    fn regions_at(&self, c: &Chosen) -> Vec<u32> {
        let mut v = Vec::new();
        self.regions_into(c, &mut v);
        v
    }

    /// [`Self::regions_at`], appended to `out` (one list for every resolved place).
    fn regions_into(&self, c: &Chosen, out: &mut Vec<u32>) {
        let from = out.len();
        out.extend(self.region_readings(c));
        let lex = self.doc.lex;
        if lex.places[c.place as usize].kind == LocationKind::Admin
            && !out[from..].contains(&c.place)
        {
            out.push(c.place);
        }
    }

    /// The first-level regions, in the resolved place's country, among the readings of
    /// its name.
    fn region_readings(&self, c: &Chosen) -> impl Iterator<Item = u32> + '_ {
        let (doc, lex) = (self.doc, self.doc.lex);
        let cc = lex.places[c.place as usize].cc;
        let places = doc
            .seg_with(c.a, ok::PLACE)
            .map_or(&[][..], |s| &doc.entry(&s).places[..]);
        places.iter().copied().filter(move |&p| {
            let p = &lex.places[p as usize];
            p.kind == LocationKind::Admin && p.cc == cc
        })
    }

    /// A country, or a place that can be read as a first-level region (no list built).
    fn region_like(&self, c: &Chosen) -> bool {
        let kind = self.doc.lex.places[c.place as usize].kind;
        matches!(kind, LocationKind::Country | LocationKind::Admin)
            || self.region_readings(c).next().is_some()
    }

    /// The first resolved place starting at `k`.
    fn chosen_at(&self, k: usize) -> Option<&'d Chosen> {
        let chosen = self.chosen;
        self.starting_at(k).next().map(|x| &chosen[x])
    }

    fn weight(&self, cc: Cc) -> f32 {
        self.evidence.get(cc)
    }

    /// The best region of the tier named by the phrase of hash `h`, in a country the item
    /// names, that the kind word of code `word` fits.
    fn best_region(&self, h: u64, word: u8) -> Option<u32> {
        let (lex, tier) = (self.doc.lex, &self.doc.lex.small);
        let mut best: Option<(f32, u32)> = None;
        for pid in tier.lookup(h) {
            let p = &lex.places[pid as usize];
            let w = self.weight(p.cc);
            if p.kind != LocationKind::Admin || w <= 0.0 || !tier.kind_fits(pid, word) {
                continue;
            }
            let mut score = w.min(5.0) + 0.1 * p.prior;
            if tier.region(pid).is_some_and(|r| self.names_region(r)) {
                score += 10.0;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, pid));
            }
        }
        best.map(|b| b.1)
    }

    /// Kind-word spans found before the officials pass: "Whatcom County", "Dhading" (of
    /// "Dhading district"). Returns the phrase hashes of the names left to the kind-word
    /// pass, which are not read again ("the Catatumbo region ... in Catatumbo").
    fn kind_word_regions(&self, suffixed: &[KindSpan], found: &mut Found) -> HashSet<u64> {
        let doc = self.doc;
        let mut named = HashSet::default();
        for &KindSpan { a, b, kind } in suffixed {
            if !matches!(kind, LocationKind::Admin | LocationKind::City) || b <= a {
                continue;
            }
            // "Whatcom County" ends in its capitalized kind word; "Dhading district" runs
            // through its lowercase one.
            let (name_end, word) = match region_word(doc, b - 1) {
                Some(w) if b - a >= 2 => (b - 1, w),
                _ => continue,
            };
            if let Some(pid) = tier_hashes(doc, a, name_end).find_map(|h| self.best_region(h, word))
            {
                let c = Chosen { a, b, place: pid };
                found.push(c, Trace::rule("small-region-kind-word").read(a, b));
            } else {
                named.extend(tier_hashes(doc, a, name_end));
            }
        }
        named
    }

    /// The first token from `from` on where a name of the tier may start
    /// ([`Self::may_open_name`]). Not inlined: in the loop that reads the names, the scan
    /// carried that loop's offsets along (twice the instructions per token).
    /// (Most tokens are not capitalized: those are skipped first, in a loop of their own.)
    #[inline(never)]
    fn next_opening(&self, from: usize) -> Option<usize> {
        let toks = self.doc.t.toks.iter().enumerate().skip(from);
        toks.filter(|(_, t)| t.cap)
            .map(|(k, _)| k)
            .find(|&k| self.may_open_name(k))
    }

    /// Can a name of the tier start at token `i`: a capitalized word outside headlines,
    /// claims and resolved places that starts some name of the tier (a bit test of the
    /// tier's filter: most capitalized words end here, before any cue is read)?
    #[inline]
    fn may_open_name(&self, i: usize) -> bool {
        let doc = self.doc;
        let Some(t) = doc.t.toks.get(i) else {
            return false;
        };
        if !t.cap || doc.headline[i] || self.claims[i] != 0 || self.covered.has(i) {
            return false;
        }
        let tier = &doc.lex.small;
        // An ASCII word is its own folded form: one bit test.
        tier.may_start(t.hash) || (!ascii_token(t) && tier.may_start(folded_hash(doc, i)))
    }

    /// Reads a name of the tier starting at token `i` (where [`Self::may_open_name`]), if
    /// the text introduces one there; returns the token to read next.
    fn read_at(&self, i: usize, named: &HashSet<u64>, found: &mut Found) -> usize {
        let Some(intro) = self.introduction(i) else {
            return i + 1;
        };
        let Some((b, h)) = longest_name(self.doc, i, intro.run).filter(|m| !named.contains(&m.1))
        else {
            return i + 1;
        };
        if let Some(end) = self.region_with_kind_word(i, b, h, found) {
            return end;
        }
        if !self.small_span_ok(i, b) || self.surnames.used_as_surname(i, b) {
            return i + 1;
        }
        let listed = intro
            .list_prev
            .is_some_and(|j| self.listed_after(i, j, b, found));
        if let Some(place) = self.best_town(h, b, intro.cue, listed) {
            let b = past_compass_qualifier(self.doc, b);
            let mut trace = Trace::rule("small-place").read(i, b);
            if intro.cue {
                trace = trace.read(i - 1, i);
            }
            found.push(Chosen { a: i, b, place }, trace);
            return b;
        }
        b
    }

    /// What introduces a name starting at token `i` as a place, read before any name is
    /// looked up (cheapest first): a cue or a list joiner before it, "X, Region" or a
    /// region's kind word after its run of name words. `None` when nothing does.
    fn introduction(&self, i: usize) -> Option<Introduction> {
        let doc = self.doc;
        let list_prev = list_joiner_before(doc, i);
        // "Governor Jane Roe of Lanao del Sur": a person of a place, as jurisdictions and
        // home towns are given.
        let person_of =
            i >= 2 && doc.t.is_word(i - 1, "of") && self.claims[i - 2] & claim::PERSON != 0;
        let cue = small_cue(doc, i) || person_of;
        let run = name_run(doc, i);
        let region_after = doc.t.is_punct(run, ",")
            && self
                .starting_at(run + 1)
                .any(|x| self.region_like(&self.chosen[x]));
        let kind_after = (i + 1..=run).any(|j| region_word(doc, j).is_some());
        (cue || list_prev.is_some() || region_after || kind_after).then_some(Introduction {
            cue,
            list_prev,
            run,
        })
    }

    /// "Dhading district", "Machakos County", "Southern Province": a region of the tier
    /// named `i..b` (phrase hash `h`) with a kind word right after it, in a country the
    /// item names, recorded in `found`. The token to read next, if so.
    fn region_with_kind_word(
        &self,
        i: usize,
        b: usize,
        h: u64,
        found: &mut Found,
    ) -> Option<usize> {
        let doc = self.doc;
        let word = region_word(doc, b)?;
        let end = if doc.t.toks[b].cap { b + 1 } else { b };
        let place = self
            .best_region(h, word)
            .filter(|_| self.kind_span_ok(i, end))?;
        let trace = Trace::rule("small-region-kind-word").read(i, end);
        found.push(
            Chosen {
                a: i,
                b: end,
                place,
            },
            trace,
        );
        Some(end)
    }

    /// Is the name `i..b` a member of a list of places, its joiner before it ending at
    /// token `j` (see [`list_joiner_before`]): the list goes on after a comma, and the
    /// member before is a place of the tier found, or a resolved place introduced as one?
    fn listed_after(&self, i: usize, j: usize, b: usize, found: &Found) -> bool {
        let doc = self.doc;
        let joined = !doc.t.is_punct(i - 1, ",") || list_goes_on(doc, b);
        let start = self
            .start_of_end(j)
            .or_else(|| found.start_of_end.get(&j).copied());
        joined && start.is_some_and(|a| found.starts.contains(&a) || self.introduced(a, 0))
    }

    /// The best town or district of the tier named by the phrase of hash `h` (ending at
    /// `b`), in a country the item names, introduced by a cue, a list, or "X, Region"
    /// after it. Without a kind word a town beats the same-named district; villages named
    /// together lie together; a region the item names wins.
    fn best_town(&self, h: u64, b: usize, cue: bool, listed: bool) -> Option<u32> {
        let (doc, lex) = (self.doc, self.doc.lex);
        let tier = &lex.small;
        // "X, Region": a region or country resolved right after the comma.
        let follow = doc
            .t
            .is_punct(b, ",")
            .then(|| self.chosen_at(b + 1))
            .flatten()
            .filter(|c| self.region_like(c))
            .map(|c| (lex.places[c.place as usize].cc, self.regions_at(c)));
        let mut best: Option<(f32, u32)> = None;
        for pid in tier.lookup(h) {
            let p = &lex.places[pid as usize];
            let w = self.weight(p.cc);
            // A generic region name ("Southern") is a place only with its kind word.
            if w <= 0.0 || tier.generic(pid) {
                continue;
            }
            let follows = follow.as_ref().filter(|f| f.0 == p.cc);
            if !(cue || listed || follows.is_some()) {
                continue;
            }
            let region = tier.region(pid);
            let mut score = w.min(5.0) + 0.1 * p.prior;
            if p.kind == LocationKind::Admin {
                score -= 1.0;
            }
            let near = self.nearest_km(p);
            if near.is_finite() {
                score += 3.0 * (1.0 - near.min(1000.0) / 1000.0);
            }
            if region.is_some_and(|r| follows.is_some_and(|f| f.1.contains(&r))) {
                score += 20.0;
            } else if region.is_some_and(|r| self.names_region(r)) {
                score += 10.0;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, pid));
            }
        }
        best.map(|b| b.1)
    }

    /// Distance to the nearest resolved place (not a country) of `p`'s country; infinite
    /// when there is none.
    fn nearest_km(&self, p: &Place) -> f32 {
        let lex = self.doc.lex;
        let by_country = self.by_country.get_or_init(|| {
            let not_countries = (self.chosen.iter().map(|c| c.place))
                .filter(|&q| lex.places[q as usize].kind != LocationKind::Country);
            let mut v: Vec<(Cc, u32)> = not_countries
                .map(|q| (lex.places[q as usize].cc, q))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        });
        let from = by_country.partition_point(|e| e.0 < p.cc);
        by_country[from..]
            .iter()
            .take_while(|e| e.0 == p.cc)
            .map(|&(_, q)| km(p, &lex.places[q as usize]))
            .fold(f32::INFINITY, f32::min)
    }

    /// Other mentions of an accepted name, wherever they stand on their own.
    fn other_mentions(&self, found: &mut Found) {
        let doc = self.doc;
        // Most items have no place of the tier: no mask of the text for them.
        if found.places.is_empty() {
            return;
        }
        let mut in_found = super::mask(doc.len(), found.places.iter().map(|f| (f.0.a, f.0.b)));
        let mut more = Vec::new();
        for (f, _) in &found.places {
            let len = f.b - f.a;
            for k in self.surnames.occurrences(f.a, f.b) {
                if k == f.a || in_found[k] || !doc.is_cap_word(k) || self.claims[k] != 0 {
                    continue;
                }
                if self.small_span_ok(k, k + len) {
                    for t in &mut in_found[k..k + len] {
                        *t = true;
                    }
                    let c = Chosen {
                        a: k,
                        b: k + len,
                        place: f.place,
                    };
                    more.push((c, Trace::rule("small-place-again").read(k, k + len)));
                }
            }
        }
        found.places.extend(more);
    }

    /// Was the place span starting at `a` introduced as a place: a cue before it, or an
    /// earlier member of a list that was?
    fn introduced(&self, a: usize, depth: u8) -> bool {
        let doc = self.doc;
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
        self.start_of_end(j)
            .is_some_and(|s| self.introduced(s, depth + 1))
    }

    /// A region name with its kind word, `a..end`, stands on its own: unclaimed, outside
    /// organizations, no capitalized word glued before (unless a cue) or after, not cutting
    /// a longer dictionary phrase. Unlike [`Self::small_span_ok`], a generic word may start
    /// it ("Southern Province").
    fn kind_span_ok(&self, a: usize, end: usize) -> bool {
        let doc = self.doc;
        let n = doc.len();
        if end > n || end <= a {
            return false;
        }
        if !self.unclaimed_whole(a, end) {
            return false;
        }
        let last = end - 1;
        let glued_after = end < n
            && !doc.t.toks[end].newline_before
            && doc.t.toks[last].cap
            && (doc.is_cap_word(end)
                || (doc.t.is_punct(end, "-") && !doc.t.toks[end].space_before));
        !glued_before(doc, a) && !glued_after
    }

    /// Nothing in `a..end` is claimed, covered or inside an organization's name, and no
    /// dictionary phrase starting there runs past `end`.
    fn unclaimed_whole(&self, a: usize, end: usize) -> bool {
        let doc = self.doc;
        !(a..end).any(|k| {
            self.claims[k] != 0
                || self.covered.has(k)
                || doc.org_chunk_at(k).is_some()
                || doc.seg[k].is_some_and(|s| s.b > end)
        })
    }

    /// A small-tier name at `a..b` stands as a name of its own: capitalized, unclaimed, no
    /// glued capitalized word on either side, not a word the phrase dictionary knows alone,
    /// not cutting a longer dictionary phrase, not inside an organization's name.
    fn small_span_ok(&self, a: usize, b: usize) -> bool {
        let doc = self.doc;
        let n = doc.len();
        if b > n
            || !doc.is_cap_word(a)
            || !doc.is_cap_word(b - 1) && doc.t.toks[b - 1].kind != Kind::Word
        {
            return false;
        }
        if !self.unclaimed_whole(a, b) {
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
}

/// What introduces a name of the tier as a place ([`Small::introduction`]).
struct Introduction {
    /// A cue word before the name ([`small_cue`]), or "a person of" it.
    cue: bool,
    /// The token a list joiner before the name ends at ([`list_joiner_before`]).
    list_prev: Option<usize>,
    /// End of the run of name words from the name's first token ([`name_run`]).
    run: usize,
}

/// A list joiner right before token `i` ("A, B", "A and B", "A, and B"): the token the
/// member before it ends at (the comma of ", and", else the joiner itself).
fn list_joiner_before(doc: &Doc<'_, '_>, i: usize) -> Option<usize> {
    match doc.t.lower(i.wrapping_sub(1)) {
        "and" | "or" => Some(if doc.t.is_punct(i.wrapping_sub(2), ",") {
            i - 2
        } else {
            i - 1
        }),
        "," => Some(i - 1),
        _ => None,
    }
}

/// End of the run of name words starting at token `i`, at most the tier's longest name:
/// capitalized words, glued hyphens and the words around them ("Bois-Colombes"), and
/// lowercase particles ("Lanao del Sur"), within one line.
fn name_run(doc: &Doc<'_, '_>, i: usize) -> usize {
    let (n, max_len) = (doc.len(), doc.lex.small.max_len);
    let mut run = i + 1;
    while run < n
        && run - i < max_len
        && !doc.t.toks[run].newline_before
        && (doc.is_cap_word(run)
            || (doc.t.is_punct(run, "-") && !doc.t.toks[run].space_before)
            || (doc.t.is_punct(run - 1, "-") && !doc.t.toks[run].space_before)
            || (!doc.t.toks[run].cap && doc.word(run).is_some_and(|e| e.particle)))
    {
        run += 1;
    }
    run
}

/// The longest name of the tier starting at `i` within the run ending at `run` (as
/// written, or without accents): its end and phrase hash.
fn longest_name(doc: &Doc<'_, '_>, i: usize, run: usize) -> Option<(usize, u64)> {
    let tier = &doc.lex.small;
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
    m
}

/// Is `a..b` the name of a place in the gazetteer or the small tier, in any country?
pub fn known_anywhere(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
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
    if words::not_a_region_word(w) {
        return None;
    }
    crate::gazetteer::region_kind(w)
}

/// Hash of token `k` without accents ("Pyrénées" -> "pyrenees"): the tier's region names
/// come in ASCII only. The token's own hash when it is ASCII.
fn folded_hash(doc: &Doc<'_, '_>, k: usize) -> u64 {
    let t = &doc.t.toks[k];
    if ascii_token(t) {
        return t.hash;
    }
    // (A non-ASCII surface can still lowercase to ASCII: the Kelvin sign.)
    let low = doc.t.lower(k);
    if low.is_ascii() {
        return t.hash;
    }
    use unicode_normalization::UnicodeNormalization;
    let plain: String = low
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .collect();
    crate::tokens::hash_str(&plain)
}

/// Is the token's surface ASCII (as many bytes as chars)? Its lowercase form then is too,
/// read from the offsets, not the text.
#[inline]
fn ascii_token(t: &crate::tokens::Token) -> bool {
    t.end - t.start == t.cend - t.cstart
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

/// A capitalized word glued before `a` (no cue between) makes `a` part of a longer name.
fn glued_before(doc: &Doc<'_, '_>, a: usize) -> bool {
    a > 0
        && !doc.sent_start[a]
        && doc.is_cap_word(a - 1)
        && !small_cue(doc, a)
        && !doc.t.toks[a].newline_before
}

/// Rough distance in km (equirectangular; enough to rank same-named villages).
fn km(p: &Place, q: &Place) -> f32 {
    let mid = ((p.lat + q.lat) * 0.5).to_radians();
    let dx = (p.lon - q.lon) * mid.cos();
    let dy = p.lat - q.lat;
    (dx * dx + dy * dy).sqrt() * 111.2
}

/// "Maguindanao del Sur", "Agusan del Norte": a Spanish compass qualifier after a name
/// makes the province split from the one the tier names; the mention runs through it and
/// is placed at its parent. The end of the mention.
fn past_compass_qualifier(doc: &Doc<'_, '_>, b: usize) -> usize {
    let qualifier = doc.t.is_word(b, "del")
        && doc
            .t
            .toks
            .get(b + 1)
            .is_some_and(|t| t.cap && !t.newline_before)
        && words::spanish_compass(doc.t.lower(b + 1));
    if qualifier {
        b + 2
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `check` on the tagged `text` and the token number of each of its surfaces.
    fn with_doc(text: &str, check: impl FnOnce(&Doc<'_, '_>, &dyn Fn(&str) -> usize)) {
        let e = crate::Enricher::new().expect("bundled data loads");
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let at = |w: &str| {
            (0..doc.len())
                .find(|&k| doc.t.surface(k) == w)
                .expect("the word is in the text")
        };
        check(&doc, &at);
    }

    #[test]
    fn a_list_joiner_before_a_name_gives_where_the_member_before_ends() {
        with_doc(
            "They fled Foxford, Swinford and Killala, and Ballina or Crossmolina to Sligo.",
            |doc, at| {
                let foxford = at("Foxford");
                assert_eq!(list_joiner_before(doc, at("Swinford")), Some(foxford + 1));
                assert_eq!(list_joiner_before(doc, at("Killala")), Some(at("and")));
                // ", and": the comma, where the member before ends.
                assert_eq!(
                    list_joiner_before(doc, at("Ballina")),
                    Some(at("Killala") + 1)
                );
                assert_eq!(list_joiner_before(doc, at("Crossmolina")), Some(at("or")));
                assert_eq!(list_joiner_before(doc, at("Sligo")), None);
                assert_eq!(list_joiner_before(doc, foxford), None);
                assert_eq!(list_joiner_before(doc, 0), None);
            },
        );
    }

    #[test]
    fn a_run_of_name_words_takes_hyphens_and_particles_within_the_line() {
        with_doc(
            "Police in Lanao del Sur and Bois-Colombes Nord\nAnother Line said.",
            |doc, at| {
                assert_eq!(name_run(doc, at("Lanao")), at("and"));
                // A line break ends the run.
                let bois = at("Bois");
                assert_eq!(name_run(doc, bois), at("Another"));
                assert_eq!(name_run(doc, at("Another")), at("said"));
            },
        );
        // At most the tier's longest name.
        let words = "Ab Bc Cd De Ef Fg Gh Hi Ij Jk Kl Lm Mn No Op Pq Qr Rs St Tu";
        with_doc(&format!("They said {words} left."), |doc, at| {
            let a = at("Ab");
            let max = doc.lex.small.max_len;
            assert!(max < 20, "the test's run is longer than the longest name");
            assert_eq!(name_run(doc, a), a + max);
        });
    }
}
