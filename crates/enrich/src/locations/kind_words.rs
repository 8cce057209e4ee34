//! Places named with a kind word: "King Khalid International Airport", "Whatcom County",
//! "Noto Peninsula", "Sanaa airport", "Lake Kariba", "Port of Darwin". Found before the
//! officials pass (so "King Khalid" is no king), placed after the gazetteer names are
//! resolved (the place inside the name, else where the text puts it).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::assemble::{Emit, Emits};
use super::container::Containers;
use super::senses::best_by_prior;
use super::{words, Chosen};
use crate::claims::Claims;
use crate::country::CountryWeights;
use crate::explain::Trace;
use crate::lexicon::tc;
use crate::model::LocationKind;
use crate::scan::{ok, Doc, Seg};
use crate::tokens::{HashFilter, Kind};
use crate::weights::SUPPORTED_COUNTRY;
use std::sync::LazyLock;

/// A place named with a kind word: tokens `a..b` and the kind the word gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpan {
    pub a: usize,
    pub b: usize,
    pub kind: LocationKind,
}

/// Spans ending in a kind word: "Kamal Adwan Hospital", "Noto Peninsula", "Sanaa airport";
/// then "Port of X" and feature words before their name ("Lake Kariba"). Lowercase
/// administrative words after a known place ("the Donetsk region") leave the place itself
/// to the gazetteer names.
///
/// Also returns numbered road designations ("U.S. Highway 82"), which are no places but
/// shield the place names inside them.
pub fn suffix_places(doc: &Doc<'_, '_>, claims: &Claims) -> (Vec<KindSpan>, Vec<(usize, usize)>) {
    let mut out = Spans {
        spans: Vec::new(),
        taken: vec![false; doc.len()],
    };
    let mut roads = Vec::new();
    let mut k = 1;
    while let Some(j) = super::next_match(doc, k, ok::SUFFIX) {
        k = kind_word_at(doc, claims, j, &mut out, &mut roads);
    }
    let openers = name_openers(doc);
    port_of_city(doc, claims, &openers, &mut out);
    feature_word_first(doc, claims, &openers, &mut out);
    let mut spans = out.spans;
    spans.sort_by_key(|x| (x.a, x.b));
    (drop_nested(spans), roads)
}

/// The kind-word spans found so far, and the tokens they cover (for "does a new span
/// overlap one found?" in the span's length).
struct Spans {
    spans: Vec<KindSpan>,
    taken: Vec<bool>,
}

impl Spans {
    fn push(&mut self, s: KindSpan) {
        for t in self.taken.iter_mut().take(s.b).skip(s.a) {
            *t = true;
        }
        self.spans.push(s);
    }

    /// Does `a..b` share a token with a span found?
    fn overlaps(&self, a: usize, b: usize) -> bool {
        (a..b.min(self.taken.len())).any(|t| self.taken[t])
    }
}

/// "the Athabasca River valley": the longer span holds the shorter one. `spans` sorted by
/// (start, end); a span inside another (not the same tokens) goes.
fn drop_nested(spans: Vec<KindSpan>) -> Vec<KindSpan> {
    // Largest end among spans starting before the current start.
    let mut reach_before = 0usize;
    let mut out = Vec::with_capacity(spans.len());
    let mut g = 0;
    while g < spans.len() {
        let a = spans[g].a;
        let group_end = spans[g..].iter().take_while(|s| s.a == a).count() + g;
        let group_reach = spans[group_end - 1].b;
        for s in &spans[g..group_end] {
            let held = (g > 0 && reach_before >= s.b) || group_reach > s.b;
            if !held {
                out.push(*s);
            }
        }
        reach_before = reach_before.max(spans[g..group_end].iter().map(|s| s.b).max().unwrap_or(0));
        g = group_end;
    }
    out
}

/// The kind-word span ending in the kind word at `k`, if any; returns the token to read
/// next. The rules are named flags over one span, side by side so their order shows.
fn kind_word_at(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    k: usize,
    out: &mut Spans,
    roads: &mut Vec<(usize, usize)>,
) -> usize {
    let n = doc.len();
    let Some(s) = doc.seg_with(k, ok::SUFFIX) else {
        return k + 1;
    };
    let Some(kind) = doc.entry(&s).place_suffix else {
        return k + 1;
    };
    if inside_a_place_name(doc, claims, s) {
        return s.b;
    }
    let a = name_start(doc, claims, k);
    // No name before the kind word ("the district", most of them): none of the rules
    // below is read.
    if a == k {
        return base_name_after(doc, claims, s).b;
    }
    let lower_suffix = !doc.t.toks[s.a].cap;
    let prefix_is_place = a < k && doc.seg_with(a, ok::PLACE).is_some_and(|p| p.b == k);
    let prefix_is_demonym = a < k && doc.seg_with(a, ok::DEMONYM).is_some_and(|p| p.b == k);
    // "the National Hospital Insurance Fund": a body's name runs through the kind word.
    let is_org = a < k && doc.seg_with(a, ok::ORG).is_some_and(|o| o.b >= s.b);
    // "a mountain region": a determiner makes the kind word generic.
    let generic = a > 0 && words::generic_determiner(doc.t.lower(a - 1));
    // "the Sicilian province of Agrigento": an adjective the lexicon lacks, not a name.
    let adjective = a + 1 == k && doc.seg[a].is_none() && words::adjective_ending(doc.t.lower(a));
    // "Sanaa airport", "the Bonaire shopping centre": a facility named after a place.
    let specific_lower = words::facility_after_place(doc.t.lower(s.a));
    // "U.S. Highway 79", "Route 66": a numbered road is a designation, not a name.
    let numbered = s.b < n && doc.t.toks[s.b].kind == Kind::Num;
    if numbered && a < k {
        roads.push((a, s.b + 1));
    }
    // "Banco Base" is a bank, "Grupo Puerto" a company.
    let company = a < k && words::company_word(doc.t.lower(a));
    let s = base_name_after(doc, claims, s);
    // "U.S. District Judge", "the Congo River Alliance": the span starts a title or a
    // body's name.
    let inside_name = s.b < n
        && doc.t.toks[s.b].cap
        && !doc.t.toks[s.b].newline_before
        && doc.seg_with(s.b, ok::TITLE | ok::ORG_HEAD).is_some();
    // "the Third Army Region": a military command, not a region.
    let command = (a..k).any(|x| words::command_word(doc.t.lower(x)));
    // "Regional Hospital said": a known word opening a sentence before the kind word.
    // "Addressing county officials, X said": a participle opening the sentence.
    let sentence_word = a + 1 == k
        && doc.sent_start[a]
        && !prefix_is_place
        && (doc.word(a).is_some() || (lower_suffix && doc.t.lower(a).ends_with("ing")));
    let skip = (doc.headline[k] && !prefix_is_place)
        || inside_name
        || company
        || command
        || numbered
        || is_org
        || (lower_suffix
            && (generic || adjective || prefix_is_demonym || (prefix_is_place && !specific_lower)))
        || sentence_word;
    if !skip {
        // "Abu Risha district": the mention runs through a lowercase kind word, as the
        // text names the place; the name stays the part before it ([`Placing::place`]).
        out.push(KindSpan { a, b: s.b, kind });
    }
    s.b
}

/// "Ben Gurion Airport": the kind word is already part of a dictionary place (or claimed).
/// A place that ends inside a kind word of several words does not hold it: in "the
/// Georgia State Capitol" the gazetteer's "Georgia State" meets "State Capitol".
fn inside_a_place_name(doc: &Doc<'_, '_>, claims: &Claims, s: Seg) -> bool {
    !claims.free(s.a, s.b)
        || (s.a.saturating_sub(6)..s.b).any(|x| {
            doc.seg_with(x, ok::PLACE)
                .is_some_and(|p| p.a <= s.a && p.b > s.a && p.b >= s.b && (p.a < s.a || p.b > s.b))
        })
        || (s.a..s.b).any(|x| {
            doc.seg_with(x, ok::PLACE)
                .is_some_and(|p| p.a < s.a || p.b > s.b)
        })
}

/// "RAAF Base Amberley", "Naval Base Kitsap": the base's name follows its kind word; the
/// span then runs through it.
fn base_name_after(doc: &Doc<'_, '_>, claims: &Claims, mut s: Seg) -> Seg {
    let n = doc.len();
    if words::base_word(doc.t.lower(s.b - 1)) && doc.is_cap_word(s.b) && claims.free(s.b, s.b + 1) {
        let mut e = s.b;
        while e < n && e - s.b < 3 && doc.is_cap_word(e) && claims.free(e, e + 1) {
            e += 1;
        }
        s.b = e;
    }
    s
}

/// Start of the name before the kind word at `k`: up to four capitalized words (places,
/// demonyms, unknown words, honorifics, role modifiers), joined by hyphens and particles;
/// not a leading demonym that only describes ("the Jordanian Red Sea port"); in a headline
/// or at a sentence start, not past a known place.
fn name_start(doc: &Doc<'_, '_>, claims: &Claims, k: usize) -> usize {
    let mut a = k;
    while a > 0 && k - a < 4 {
        let j = a - 1;
        if !prefix_word(doc, claims, j, a < k) {
            break;
        }
        a = j;
        if doc.sent_start[j] {
            break;
        }
    }
    while a < k && !doc.is_cap_word(a) && !glued_leading_article(doc, a) {
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
    stop_at_known_place(doc, a, k)
}

/// "al-Baghdadi": a leading article glued by a hyphen to a capitalized word opens the name.
fn glued_leading_article(doc: &Doc<'_, '_>, a: usize) -> bool {
    words::leading_article(doc.t.lower(a))
        && doc.t.is_punct(a + 1, "-")
        && !doc.t.toks[a + 1].space_before
        && doc.is_cap_word(a + 2)
}

/// May token `j` open (or continue leftwards) the name before a kind word? `inner`: a name
/// word already follows it.
fn prefix_word(doc: &Doc<'_, '_>, claims: &Claims, j: usize, inner: bool) -> bool {
    // Each reading tested only when the ones before fail (most tokens before a kind word
    // are lowercase words, which only the first tests of each reading turn down).
    let capw = || {
        // Facilities are often named after people: "King Khalid International Airport".
        let honour = doc.seg[j].is_some_and(|x| {
            x.ok & ok::TITLE != 0 && doc.t.toks[j].cap && words::honour(doc.t.lower(j))
        });
        // "Grand Bazaar", "National Stadium": a role modifier is a name word here.
        let modifier = doc.seg[j].is_some_and(|x| {
            x.ok & ok::TITLE != 0 && doc.entry(&x).title & !(tc::MOD | tc::PORTFOLIO) == 0
        });
        doc.is_cap_word(j)
            && claims[j] == 0
            && (honour
                || modifier
                || doc.seg[j]
                    .is_none_or(|x| x.ok & (ok::STOP | ok::TITLE) == 0 || x.ok & ok::PLACE != 0))
    };
    // "Bab al-Mandab Strait": a glued article after a capitalized word.
    let article = || {
        j > 1
            && doc.t.is_punct(j, "-")
            && words::arabic_article(doc.t.lower(j - 1))
            && doc.is_cap_word(j - 2)
    };
    // "al-Baghdadi district": the hyphen after a leading article with nothing
    // capitalized before it.
    let joiner = || {
        doc.t.is_punct(j, "-")
            && !doc.t.toks[j].space_before
            && j > 0
            && (doc.is_cap_word(j - 1)
                || article()
                || (inner && words::leading_article(doc.t.lower(j - 1))))
    };
    let part = || {
        inner
            && (doc.word(j).is_some_and(|e| e.particle)
                || (words::leading_article(doc.t.lower(j)) && doc.t.is_punct(j + 1, "-")))
    };
    // "Habib-i Neccar Mosque", "Kambarata-1 hydropower plant": a number or short piece
    // glued after a hyphen (not "Arab-dominated province").
    let piece = || {
        j >= 2
            && !doc.t.toks[j].space_before
            && doc.t.is_punct(j - 1, "-")
            && !doc.t.toks[j - 1].space_before
            && doc.is_cap_word(j - 2)
            && (doc.t.toks[j].kind == Kind::Num || doc.t.surface(j).chars().count() <= 3)
    };
    capw() || joiner() || part() || piece()
}

/// In a headline, never extend left past a known place ("Earthquake Hits Ishikawa
/// Prefecture"); in running text the words before belong to the name ("Ramón Villeda
/// Morales International Airport", though Morales is also a town). The same at a sentence
/// start.
fn stop_at_known_place(doc: &Doc<'_, '_>, a: usize, k: usize) -> usize {
    let Some(p) = (a..k)
        .filter(|_| doc.headline[k] || doc.sent_start[a])
        .rev()
        .find(|&x| doc.seg_with(x, ok::PLACE).is_some_and(|p| p.b <= k))
    else {
        return a;
    };
    // ... but keep the whole of a longer place that ends there ("Santa Cruz County", where
    // "Cruz" alone is also a place).
    let end = doc.seg_with(p, ok::PLACE).map_or(p + 1, |s| s.b);
    let whole = (a..p).find(|&y| doc.seg_with(y, ok::PLACE).is_some_and(|s| s.b == end));
    whole.unwrap_or_else(|| doc.seg_with(p, ok::PLACE).map_or(p, |s| s.a).max(a))
}

/// "Port of Darwin", "Port of Savannah": a port named by its city. `openers` are the
/// tokens that may open such a name ([`name_openers`]).
fn port_of_city(doc: &Doc<'_, '_>, claims: &Claims, openers: &[usize], out: &mut Spans) {
    for &k in openers.iter().take_while(|&&k| k + 2 < doc.len()) {
        if doc.t.surface(k) == "Port" && doc.t.is_word(k + 1, "of") && claims.free(k, k + 2) {
            if let Some(p) = doc.seg_with(k + 2, ok::PLACE).filter(|p| p.a == k + 2) {
                let covered = out.overlaps(k, p.b);
                if doc.seg_with(k, ok::PLACE).is_none() && claims.free(p.a, p.b) && !covered {
                    out.push(KindSpan {
                        a: k,
                        b: p.b,
                        kind: LocationKind::Facility,
                    });
                }
            }
        }
    }
}

/// The tokens that may open a name with its word first, in order: a capitalized feature
/// or stadium word, or "Port" ([`port_of_city`], [`feature_word_first`], which spell the
/// word out). One walk for both rules; a filter of the words' hashes (of their lowercase
/// forms, as the tokens') leaves out nearly every other capitalized word.
fn name_openers(doc: &Doc<'_, '_>) -> Vec<usize> {
    let opening = &*OPENING_WORDS;
    let starts = (doc.t.toks.iter().enumerate()).filter(|(_, t)| t.cap && opening.may_hold(t.hash));
    starts.map(|(k, _)| k).collect()
}

/// The words [`name_openers`] finds, as a [`HashFilter`] of their lowercase forms' hashes.
static OPENING_WORDS: LazyLock<HashFilter<1024>> = LazyLock::new(|| {
    let words = words::FEATURE_WORDS_FIRST
        .iter()
        .chain(&words::STADIUM_WORDS_FIRST);
    let words = words.chain(&["Port"]);
    HashFilter::of_hashes(words.map(|w| crate::tokens::hash_str(&w.to_lowercase())))
});

/// "Lake Kariba", "River Moy", "Mount Elgon": a feature word before its name; "Stadio
/// Olimpico", "Estadio Azteca", "Stade de France": a stadium in the local language.
/// `openers` are the tokens that may open such a name ([`name_openers`]).
fn feature_word_first(doc: &Doc<'_, '_>, claims: &Claims, openers: &[usize], out: &mut Spans) {
    let n = doc.len();
    for &k in openers.iter().take_while(|&&k| k + 1 < n) {
        let surface = doc.t.surface(k);
        let (kind, longest) = if words::feature_word_first(surface) {
            (LocationKind::Geo, 2)
        } else if words::stadium_word_first(surface) {
            (LocationKind::Facility, 4)
        } else {
            continue;
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
        if !words::english_feature_word(surface) && words::feature_particle(doc.t.lower(b)) {
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
        let covered = out.overlaps(k, b);
        if b > k + 1 && doc.is_cap_word(b - 1) && !covered && !doc.headline[k] {
            out.push(KindSpan { a: k, b, kind });
        }
    }
}

/// Length of a lowercase kind word right after a place of kind `kind` ending before `b`
/// ("Lublin province", "the Danube river", "Fukushima Daiichi nuclear power plant"): it
/// belongs to the mention (the name stays the place's own). 0 when there is none.
pub fn kind_word_after(doc: &Doc<'_, '_>, b: usize, kind: LocationKind) -> usize {
    let Some(s) = doc.seg_with(b, ok::SUFFIX).filter(|s| s.a == b) else {
        return 0;
    };
    if doc.t.toks[b].cap || doc.t.toks[b].newline_before {
        return 0;
    }
    // "the Bakassi camp": a camp word after any place.
    let camp = words::camp_word(doc.t.lower(b));
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
        && words::kind_word_compound(doc.t.lower(s.b));
    if fits && !compound {
        s.b - b
    } else {
        0
    }
}

/// What placing a kind-word span reads of the item: the resolved places (and an index of
/// the first one of each dictionary entry), the local names, the anchor place, the context.
pub struct Placing<'x, 'a, 'l> {
    pub doc: &'x Doc<'a, 'l>,
    pub claims: &'x Claims,
    pub chosen: &'x [Chosen],
    pub containers: &'x Containers<'x>,
    pub local_entries: &'x HashSet<u32>,
    pub anchor: Option<u32>,
    pub ctx: &'x CountryWeights,
}

impl Placing<'_, '_, '_> {
    /// Each kind-word span that is no small-tier region already resolved, placed: the
    /// place inside the name when the item supports its country, else a demonym inside,
    /// else where the text puts it, else the item's anchor place.
    pub fn place_all(&self, suffixed: &[KindSpan], out: &mut Emits) {
        if suffixed.is_empty() {
            return;
        }
        let resolved: HashSet<(usize, usize)> = self.chosen.iter().map(|c| (c.a, c.b)).collect();
        let first_of_entry = self.first_of_entry();
        out.reserve(suffixed.len());
        for ks in suffixed {
            // A district or region of the small tier ("Whatcom County") was resolved above.
            if resolved.contains(&(ks.a, ks.b)) {
                continue;
            }
            if let Some((span, how)) = self.place(ks, &first_of_entry) {
                out.push(span, || {
                    let mut trace = Trace::rule("kind-word-name").read(ks.a, ks.b);
                    trace.notes.push(how);
                    trace
                });
            }
        }
    }

    /// Dictionary entry -> the place of the first resolved span that is that entry's
    /// whole match.
    fn first_of_entry(&self) -> HashMap<u32, u32> {
        // Sized once: a map grown entry by entry is rebuilt at each doubling.
        let mut m = HashMap::with_capacity_and_hasher(self.chosen.len(), Default::default());
        for c in self.chosen {
            if let Some(t) = self.doc.seg_with(c.a, ok::PLACE).filter(|t| t.b == c.b) {
                m.entry(t.entry).or_insert(c.place);
            }
        }
        m
    }

    /// The place inside the name (an entry not read as local, not the honorific nor the
    /// kind word): as read elsewhere in the item, else its reading in the anchor's country,
    /// else its best by prior; kept when the item supports its country (a country inside
    /// a region's name never: "Niger State").
    fn inner_place(&self, ks: &KindSpan, first_of_entry: &HashMap<u32, u32>) -> Option<u32> {
        let doc = self.doc;
        let KindSpan { a, b, kind } = *ks;
        let anchor_cc = self.anchor.map(|p| doc.lex.places[p as usize].cc);
        (a..b)
            .find_map(|k| {
                // Not an honorific that happens to name a town ("King" in "King Khalid
                // International Airport"), nor the kind word itself ("Airport" is also a
                // town in Hawaii), nor a name read as a local place ("Jasper" of Alberta).
                doc.seg_with(k, ok::PLACE).filter(|s| {
                    s.b <= b
                        && s.ok & (ok::TITLE | ok::SUFFIX) == 0
                        && !self.local_entries.contains(&s.entry)
                })
            })
            .and_then(|s| {
                // The reading the item gave that name elsewhere ("Kingston" of Ontario in
                // "Kingston General Hospital"); else a reading in the item's anchor country
                // ("Amherst Island" in an Ontario story), else the best by prior.
                let places = &doc.entry(&s).places;
                let in_anchor = || {
                    places
                        .iter()
                        .copied()
                        .filter(|&p| Some(doc.lex.places[p as usize].cc) == anchor_cc)
                        .max_by_key(|&p| doc.lex.places[p as usize].pop)
                };
                first_of_entry
                    .get(&s.entry)
                    .copied()
                    .or_else(in_anchor)
                    .or_else(|| best_by_prior(doc, places, self.ctx))
            })
            .filter(|&p| {
                let pl = &doc.lex.places[p as usize];
                // "Bahrain International Airport" lies in Bahrain; "Niger State" is not the
                // country Niger.
                (pl.kind != LocationKind::Country || kind == LocationKind::Facility)
                    && (Some(pl.cc) == anchor_cc
                        || self
                            .ctx
                            .iter()
                            .any(|e| e.0 == pl.cc && e.1 >= SUPPORTED_COUNTRY))
            })
    }

    /// The span of `ks` placed, and how it was placed (its trace's note).
    fn place(
        &self,
        ks: &KindSpan,
        first_of_entry: &HashMap<u32, u32>,
    ) -> Option<(Emit, &'static str)> {
        let doc = self.doc;
        let KindSpan { a, b, kind } = *ks;
        let inner = self.inner_place(ks, first_of_entry);
        let demonym = (a..b)
            .find_map(|k| doc.seg_with(k, ok::DEMONYM))
            .and_then(|s| doc.entry(&s).demonym)
            .and_then(|cc| doc.lex.country_of(cc));
        // A building or town lies where the sentence is; a region named with its kind word
        // ("the Catatumbo region" in a sentence about Venezuela) only where the text says.
        let around = || match kind {
            LocationKind::Facility | LocationKind::City => {
                self.containers.around(doc, self.claims, a, b)
            }
            _ => self.containers.right_after(doc, b),
        };
        // "the Athabasca River valley": a lowercase kind word stays out of the name, except
        // a facility's ("Sanaa airport").
        let name_end = (a + 1..b)
            .find(|&j| !doc.t.toks[j].cap && doc.seg_with(j, ok::SUFFIX).is_some_and(|s| s.b == b))
            .filter(|_| kind != LocationKind::Facility)
            .unwrap_or(b);
        let (place, how) = match (inner, demonym) {
            (Some(p), _) => (p, "the place inside the name"),
            (None, Some(p)) => (p, "the demonym inside the name"),
            (None, None) => match around() {
                Some(p) => (p, "where the text puts it"),
                None => (self.anchor?, "the item's anchor place"),
            },
        };
        let span = Emit {
            a,
            b,
            place,
            kind: Some(kind),
            name_end,
        };
        Some((span, how))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opening_word_as_written_passes_the_filter() {
        // A word the filter left out would silently open no name.
        let e = crate::Enricher::new().expect("bundled data loads");
        let all = (words::FEATURE_WORDS_FIRST.iter())
            .chain(&words::STADIUM_WORDS_FIRST)
            .chain(&["Port"]);
        for w in all {
            let text = format!("They went past {w} Elgon today.");
            let mut lower = String::new();
            let doc = crate::tag::tag(&text, &mut lower, &e.lex);
            let k = (0..doc.len())
                .find(|&k| doc.t.surface(k) == *w)
                .expect("the word is one token");
            assert!(name_openers(&doc).contains(&k), "{w}");
        }
    }
}
