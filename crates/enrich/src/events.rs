//! Events: meetings, calls, visits and appointments the text reports as having happened,
//! with their participants (linked to officials), place (linked to locations) and date
//! (resolved against the item's date by [`crate::dates`]).
//!
//! Each kind is read by named rules at a trigger word; the participants are the people
//! named in the noun phrases chained to the trigger on either side, read in bounded
//! windows ([`WALK`] tokens), so the pass is linear in the text. Planned, expected and
//! hypothetical happenings (a modal or "to" before the trigger) are not reported.

use rustc_hash::FxHashMap as HashMap;

use crate::dates::{self, DateSpan, ItemDate};
use crate::model::{Entities, Event, EventKind, PersonRef, PlaceRef};
use crate::persons::{Persons, NONE};
use crate::scan::Doc;

/// Tokens a participant walk reads on either side of the trigger.
const WALK: usize = 30;
/// Tokens read for the place and the date, on either side of the trigger.
const SENTENCE_WINDOW: usize = 40;

/// The construction words of the events pass.
pub mod words {
    use crate::model::EventKind;

    /// The trigger words and the kind of happening each may start.
    const TRIGGERS: &[(&str, EventKind)] = {
        use EventKind::{Appointment, Call, Meeting, Visit};
        &[
            ("met", Meeting),
            ("meets", Meeting),
            ("hosted", Meeting),
            ("hosts", Meeting),
            ("received", Meeting),
            ("receives", Meeting),
            ("welcomed", Meeting),
            ("welcomes", Meeting),
            ("visited", Visit),
            ("visits", Visit),
            ("visit", Visit),
            ("arrived", Visit),
            ("arrives", Visit),
            ("travelled", Visit),
            ("traveled", Visit),
            ("toured", Visit),
            ("trip", Visit),
            ("appointed", Appointment),
            ("named", Appointment),
            ("sworn", Appointment),
            ("swore", Appointment),
            ("elected", Appointment),
            ("nominated", Appointment),
            ("reappointed", Appointment),
            ("phoned", Call),
            ("phone", Call),
            ("telephone", Call),
            ("video", Call),
            ("videoconference", Call),
        ]
    };

    /// The trigger word a token whose lowercased form hashes to `hash` may be, with its
    /// kind (token hashes are [`crate::tokens::hash_str`] of the lowercased form): one
    /// probe of an identity-hashed map rules out every other word. The caller compares
    /// the word itself.
    pub fn trigger_of_hash(hash: u64) -> Option<(&'static str, EventKind)> {
        type ByHash = crate::lexicon::IdMap<(&'static str, EventKind)>;
        static BY_HASH: std::sync::OnceLock<ByHash> = std::sync::OnceLock::new();
        BY_HASH
            .get_or_init(|| {
                TRIGGERS
                    .iter()
                    .map(|&(w, kind)| (crate::tokens::hash_str(w), (w, kind)))
                    .collect()
            })
            .get(&hash)
            .copied()
    }

    /// Words before a trigger that make the happening planned, expected, hypothetical or
    /// denied.
    pub fn unreal(w: &str) -> bool {
        matches!(
            w,
            "will"
                | "would"
                | "to"
                | "could"
                | "may"
                | "might"
                | "should"
                | "shall"
                | "plans"
                | "planned"
                | "expected"
                | "scheduled"
                | "due"
                | "upcoming"
                | "not"
                | "never"
                | "next"
                | "if"
                | "can"
                | "cannot"
                | "wants"
                | "hopes"
                | "intends"
                | "proposed"
                | "invited"
                | "invitation"
                | "possible"
                | "future"
        )
    }

    /// Lowercase words a participant walk crosses: coordination, prepositions of time and
    /// place, possessives, counterparts, the passive auxiliaries, relative "who".
    pub fn walk(w: &str) -> bool {
        matches!(
            w,
            "and"
                | "with"
                | "the"
                | "his"
                | "her"
                | "their"
                | "its"
                | "counterpart"
                | "counterparts"
                | "of"
                | "on"
                | "in"
                | "at"
                | "by"
                | "a"
                | "an"
                | "later"
                | "earlier"
                | "also"
                | "separately"
                | "today"
                | "yesterday"
                | "this"
                | "last"
                | "past"
                | "just"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "both"
                | "who"
                | "has"
                | "have"
                | "had"
                | "was"
                | "were"
                | "been"
                | "newly"
                | "new"
                | "then"
                | "held"
                | "talks"
                | "bilateral"
                | "separate"
                | "meeting"
                | "meetings"
                | "visiting"
                | "host"
                | "guest"
                | "delegation"
                | "officially"
                | "formally"
                | ","
                | "-"
                | "'s"
                | "as"
        )
    }

    /// Words right after a call noun or a call's verb ("phone call", "by phone").
    pub fn phone(w: &str) -> bool {
        matches!(
            w,
            "call" | "calls" | "conversation" | "talks" | "conference" | "talk"
        )
    }

    /// Verbs a call's noun follows ("held a phone call", "spoke by phone").
    pub fn call_verb(w: &str) -> bool {
        matches!(
            w,
            "spoke"
                | "talked"
                | "held"
                | "had"
                | "conducted"
                | "received"
                | "made"
                | "speaks"
                | "holds"
                | "call"
                | "called"
        )
    }

    /// Auxiliaries of the passive ("X was appointed").
    pub fn passive(w: &str) -> bool {
        matches!(w, "was" | "were" | "been" | "is" | "are" | "be")
    }
}

struct Ctx<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    persons: &'d Persons,
    item: Option<ItemDate>,
}

/// One event as read at its trigger, before duplicates merge.
struct Found {
    kind: EventKind,
    who: Vec<PersonRef>,
    place: Option<PlaceRef>,
    date: Option<DateSpan>,
    a: usize,
    b: usize,
}

impl Ctx<'_, '_, '_> {
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.doc.sent_id.get(a) == self.doc.sent_id.get(b)
    }

    /// May a participant walk cross token `k`?
    fn crossable(&self, k: usize) -> bool {
        let doc = self.doc;
        let t = &doc.t.toks[k];
        t.cap
            || self.persons.at[k] != NONE
            || t.kind == crate::tokens::Kind::Num
            || words::walk(doc.t.lower(k))
            || doc.title_at(k).0 != 0
            || crate::words::PARTICLES.contains(&doc.t.lower(k))
    }

    /// People named in the phrases chained to the trigger going back from `v`: "X", "X
    /// and Y", "X, who", "US Secretary of State X on Monday". A lone "he" or "she" is
    /// the latest person the text made a subject. Returns the people and the first token.
    fn back(&self, v: usize) -> (Vec<PersonRef>, usize) {
        let doc = self.doc;
        let mut out: Vec<PersonRef> = Vec::new();
        let mut k = v;
        let mut first = v;
        while k > 0 && v - k < WALK && self.same_sentence(k - 1, v) {
            let j = k - 1;
            if let Some(m) = self.persons.person(j) {
                if !out.contains(self.persons.who(m)) {
                    out.push(self.persons.who(m).clone());
                }
                first = m.a;
                k = m.a.min(j);
                continue;
            }
            let w = doc.t.lower(j);
            if out.is_empty() && matches!(w, "he" | "she") {
                if let Some(m) = self.persons.subject_before(j) {
                    out.push(self.persons.who(m).clone());
                }
                first = j;
                break;
            }
            if !self.crossable(j) || doc.t.is_punct(j, "\"") {
                break;
            }
            k = j;
        }
        out.reverse();
        (out, first)
    }

    /// People named in the phrases chained to the trigger going forward from `v + 1`:
    /// "met X", "met on Monday in Washington with X", "appointed X and Y". Returns them
    /// and the end of the walk.
    fn forward(&self, v: usize) -> (Vec<PersonRef>, usize) {
        let doc = self.doc;
        let n = doc.len();
        let mut out: Vec<PersonRef> = Vec::new();
        let mut k = v + 1;
        let mut last = v + 1;
        while k < n && k - v < WALK && self.same_sentence(k, v) {
            if let Some(m) = self.persons.person(k) {
                if !out.contains(self.persons.who(m)) {
                    out.push(self.persons.who(m).clone());
                }
                k = m.b.max(k + 1);
                last = k;
                continue;
            }
            if !self.crossable(k) || doc.t.lower(k) == "who" {
                break;
            }
            k += 1;
        }
        (out, last)
    }

    /// The place of an event: the first location after "in", "at" or "to" in the
    /// trigger's sentence after it, else before it ("In Kyiv, X met Y").
    fn place(&self, ents: &Entities, v: usize, right_after: bool) -> Option<(PlaceRef, usize)> {
        let doc = self.doc;
        let n = doc.len();
        let link = |k: usize| {
            let l = self.persons.loc_at[k];
            if l == NONE || self.persons.at[k] != NONE {
                return None;
            }
            let prep =
                (k.saturating_sub(2)..k).any(|j| matches!(doc.t.lower(j), "in" | "at" | "to"));
            let loc = ents.locations.get(l as usize)?;
            Some((
                prep,
                PlaceRef {
                    name: loc.name.clone(),
                    location: Some(l as usize),
                },
            ))
        };
        let hi = (v + SENTENCE_WINDOW).min(n);
        for k in v + 1..hi {
            if !self.same_sentence(k, v) {
                break;
            }
            // A visit's place is its object: "visited Israel", "arrived in Kyiv".
            if right_after && k > v + 4 {
                break;
            }
            if let Some((prep, p)) = link(k) {
                if prep || right_after {
                    return Some((p, k));
                }
            }
        }
        if right_after {
            return None;
        }
        let lo = v.saturating_sub(SENTENCE_WINDOW);
        for k in (lo..v).rev() {
            if !self.same_sentence(k, v) {
                break;
            }
            if let Some((true, p)) = link(k) {
                return Some((p, k));
            }
        }
        None
    }

    /// The date expression of the trigger's sentence nearest to it (one that pins a day
    /// first), read in a window of [`SENTENCE_WINDOW`] tokens on either side.
    fn date(&self, v: usize) -> Option<DateSpan> {
        let doc = self.doc;
        let mut lo = v;
        while lo > 0 && v - lo < SENTENCE_WINDOW && self.same_sentence(lo - 1, v) {
            lo -= 1;
        }
        let mut hi = v;
        while hi < doc.len() && hi - v < SENTENCE_WINDOW && self.same_sentence(hi, v) {
            hi += 1;
        }
        let mut best: Option<(bool, usize, DateSpan)> = None;
        for d in dates::find(doc, self.item, lo, hi) {
            let dist = d.a.abs_diff(v);
            let pins = d.date.is_some();
            let better = match best {
                None => true,
                Some((bp, bd, _)) => (pins && !bp) || (pins == bp && dist < bd),
            };
            if better {
                best = Some((pins, dist, d));
            }
        }
        best.map(|b| b.2)
    }

    /// A modal, "to" or a denial shortly before the trigger.
    fn unreal(&self, v: usize) -> bool {
        (v.saturating_sub(3)..v).any(|k| words::unreal(self.doc.t.lower(k)))
    }
}

/// Reads the event a trigger word at `v` starts, by the rule of its kind; nothing after a
/// modal, "to" or a denial (planned, expected or hypothetical events are not events).
fn read(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, kind: EventKind) -> Option<Found> {
    if ctx.unreal(v) {
        return None;
    }
    match kind {
        EventKind::Meeting => meeting_verb(ctx, ents, v, kind),
        EventKind::Call => call_phone(ctx, v, kind),
        EventKind::Visit => visit_verb(ctx, ents, v, kind),
        EventKind::Appointment => appointment_verb(ctx, ents, v, kind),
    }
}

/// "meeting-verb": met, hosted, received, welcomed; the people before the verb and the
/// people after it, and the place the sentence names.
fn meeting_verb(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    kind: EventKind,
) -> Option<Found> {
    let (mut who, a) = ctx.back(v);
    let (obj, b) = ctx.forward(v);
    if obj.is_empty() {
        return None;
    }
    for p in obj {
        if !who.contains(&p) {
            who.push(p);
        }
    }
    let place = ctx.place(ents, v, false).map(|p| p.0);
    Some(Found {
        kind,
        who,
        place,
        date: ctx.date(v),
        a,
        b,
    })
}

/// "call-phone": "X spoke by phone with Y", a phone or video call; the people on either
/// side of the call.
fn call_phone(ctx: &Ctx<'_, '_, '_>, v: usize, kind: EventKind) -> Option<Found> {
    let doc = ctx.doc;
    let w = doc.t.lower(v);
    // "phone call", "by phone", "video call": the call's noun and its verb.
    let noun = words::phone(doc.t.lower(v + 1)) || w == "phoned" || w == "videoconference";
    let by = matches!(doc.t.lower(v.wrapping_sub(1)), "by" | "over" | "via");
    let verb = (v.saturating_sub(4)..v).find(|&k| words::call_verb(doc.t.lower(k)));
    if !(noun || by) || !(verb.is_some() || w == "phoned") {
        return None;
    }
    // The callers stand before the verb: "X spoke by phone with Y".
    let (mut who, a) = ctx.back(verb.unwrap_or(v));
    let (obj, b) = ctx.forward(v + usize::from(noun && w != "phoned"));
    for p in obj {
        if !who.contains(&p) {
            who.push(p);
        }
    }
    Some(Found {
        kind,
        who,
        place: None,
        date: ctx.date(v),
        a,
        b,
    })
}

/// "visit-verb": visited, arrived in, travelled to, "a visit to"; the visitors before
/// the verb and the place after it (a visit needs its place).
fn visit_verb(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, kind: EventKind) -> Option<Found> {
    let doc = ctx.doc;
    let w = doc.t.lower(v);
    // The noun needs a visitor's possessive or article: "his visit to", "a trip to".
    if matches!(w, "visit" | "trip") && !doc.t.is_word(v + 1, "to") {
        return None;
    }
    let at = if matches!(
        w,
        "arrived" | "arrives" | "travelled" | "traveled" | "visit" | "trip"
    ) {
        v + 1
    } else {
        v
    };
    let (place, end) = ctx.place(ents, at, true)?;
    let (who, a) = ctx.back(v);
    Some(Found {
        kind,
        who,
        place: Some(place),
        date: ctx.date(v),
        a,
        b: end + 1,
    })
}

/// "appointment-verb": appointed, named, sworn in, elected; the object of an active verb
/// or the subject of a passive one.
fn appointment_verb(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    kind: EventKind,
) -> Option<Found> {
    let doc = ctx.doc;
    let w = doc.t.lower(v);
    let at = if matches!(w, "sworn" | "swore") {
        if !doc.t.is_word(v + 1, "in") {
            return None;
        }
        v + 1
    } else {
        v
    };
    let passive = (v.saturating_sub(2)..v).any(|k| words::passive(doc.t.lower(k))) || w == "sworn";
    let (who, a, b) = if passive {
        let (who, a) = ctx.back(v);
        (who, a, at + 1)
    } else {
        let (who, b) = ctx.forward(at);
        (who, v, b)
    };
    // "a man named X" is no appointment: "named" needs "as", "to" or a passive.
    if w == "named" && !passive && !doc.t.is_word(b, "as") && !doc.t.is_word(b, "to") {
        return None;
    }
    Some(Found {
        kind,
        who,
        place: ctx.place(ents, v, false).map(|p| p.0),
        date: ctx.date(v),
        a,
        b,
    })
}

/// The trigger words of the text with the kind each may start, in one pass.
pub fn triggers(doc: &Doc<'_, '_>) -> Vec<(usize, EventKind)> {
    let mut out = Vec::new();
    for (v, t) in doc.t.toks.iter().enumerate() {
        // Triggers are words of 3 to 15 letters, capitalized only at a sentence start.
        if t.kind != crate::tokens::Kind::Word
            || !(3..=15).contains(&(t.cend - t.cstart))
            || (t.cap && !doc.sent_start[v])
        {
            continue;
        }
        match words::trigger_of_hash(t.hash) {
            Some((w, kind)) if doc.t.lower(v) == w => out.push((v, kind)),
            _ => {}
        }
    }
    out
}

/// Every event the text reports as having happened, in text order, one per happening.
pub fn extract(
    doc: &Doc<'_, '_>,
    ents: &Entities,
    persons: &Persons,
    triggers: &[(usize, EventKind)],
    item: Option<ItemDate>,
) -> Vec<Event> {
    let n = doc.len();
    let ctx = Ctx { doc, persons, item };
    let mut out: Vec<Event> = Vec::new();
    let mut seen = HashMap::default();
    for &(v, kind) in triggers {
        let Some(f) = read(&ctx, ents, v, kind) else {
            continue;
        };
        let need = match f.kind {
            EventKind::Meeting | EventKind::Call => 2,
            _ => 1,
        };
        if f.who.len() < need || f.a >= n || f.b == 0 {
            continue;
        }
        let span = f.date.as_ref();
        let ev = Event {
            kind: f.kind,
            participants: f.who,
            place: f.place,
            date: span.and_then(|s| s.date).map(|d| d.to_string()),
            date_text: span.map(|s| doc.t.span_text(s.a, s.b).to_string()),
            start: doc.t.toks[f.a].cstart as usize,
            end: doc.t.toks[(f.b - 1).min(n - 1)].cend as usize,
        };
        merge(&mut out, &mut seen, ev);
    }
    out
}

/// An event's identity for merging: kind, participants' surnames, a visit's place.
type Key = (EventKind, Vec<String>, Option<String>);

/// Rule "one-event-per-happening": an event of the same kind with the same people (and,
/// for a visit, the same place) is the one reported before; it keeps the first report
/// and takes the date and place it lacked.
fn merge(out: &mut Vec<Event>, seen: &mut HashMap<Key, usize>, ev: Event) {
    let mut people: Vec<String> = ev
        .participants
        .iter()
        .map(|p| crate::persons::surname(&p.name))
        .collect();
    people.sort();
    people.dedup();
    let place = (ev.kind == EventKind::Visit)
        .then(|| ev.place.as_ref().map(|p| p.name.clone()))
        .flatten();
    match seen.get(&(ev.kind, people.clone(), place.clone())) {
        Some(&i) => {
            if let Some(e) = out.get_mut(i) {
                if e.date.is_none() && ev.date.is_some() {
                    e.date = ev.date;
                    e.date_text = ev.date_text;
                }
                if e.place.is_none() {
                    e.place = ev.place;
                }
            }
        }
        None => {
            seen.insert((ev.kind, people, place), out.len());
            out.push(ev);
        }
    }
}
