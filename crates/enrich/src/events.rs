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
    use crate::tokens::HashFilter;

    /// The trigger words and the kind of happening each may start.
    pub(super) const TRIGGERS: &[(&str, EventKind)] = {
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
            ("visiting", Visit),
            ("been", Visit),
            ("went", Visit),
            ("drove", Visit),
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
            ("promoted", Appointment),
            ("appointment", Appointment),
            ("talks", Meeting),
            ("attended", Meeting),
            ("attending", Meeting),
            ("meeting", Meeting),
            ("meetings", Meeting),
            ("dinner", Meeting),
            ("lunch", Meeting),
            ("discussed", Meeting),
            ("present", Meeting),
            ("accompanied", Visit),
            ("accompanying", Visit),
            ("headed", Visit),
            ("flew", Visit),
            ("take", Appointment),
            ("takes", Appointment),
            ("took", Appointment),
            ("serve", Appointment),
            ("head", Appointment),
            ("being", Appointment),
            ("coming", Appointment),
            ("replace", Appointment),
            ("replaces", Appointment),
            ("replaced", Appointment),
            ("succeed", Appointment),
            ("succeeds", Appointment),
            ("succeeded", Appointment),
            ("become", Appointment),
            ("becomes", Appointment),
            ("be", Appointment),
            ("new", Appointment),
            ("won", Appointment),
            ("cabinet", Appointment),
            ("appointments", Appointment),
            ("reshuffle", Appointment),
            ("inaugurated", Appointment),
            ("inaugurating", Appointment),
            ("oath", Appointment),
            ("swearing", Appointment),
            ("phoned", Call),
            ("phone", Call),
            ("telephone", Call),
            ("video", Call),
            ("videoconference", Call),
            ("call", Call),
            ("calls", Call),
        ]
    };

    /// The trigger words by hash (token hashes are [`crate::tokens::hash_str`] of the
    /// lowercased form), built on first use: a pass over every token fetches it once, not
    /// once per token.
    pub fn triggers_by_hash() -> &'static ByHash {
        static BY_HASH: std::sync::OnceLock<ByHash> = std::sync::OnceLock::new();
        BY_HASH.get_or_init(|| {
            let hashes = || TRIGGERS.iter().map(|&(w, _)| crate::tokens::hash_str(w));
            ByHash {
                filter: HashFilter::of_hashes(hashes()),
                map: hashes().zip(TRIGGERS.iter().copied()).collect(),
            }
        })
    }

    impl ByHash {
        /// The trigger word a token of hash `hash` may be, with its kind (the caller
        /// compares the word itself): a 1024-slot filter rules out
        /// most other words without a probe (the map lookup was most of the events pass's
        /// scan of the tokens), then one probe of an identity-hashed map rules out the rest.
        #[inline]
        pub fn get(&self, hash: u64) -> Option<(&'static str, EventKind)> {
            if !self.may_hold(hash) {
                return None;
            }
            self.map.get(&hash).copied()
        }

        /// False only when no trigger word has hash `hash`: the filter's slot alone (one
        /// load), which turns away most tokens (the scan of every token asks it before
        /// anything else).
        #[inline]
        pub fn may_hold(&self, hash: u64) -> bool {
            self.filter.may_hold(hash)
        }
    }

    /// The trigger words by hash, and a filter of their hashes (a byte a slot: the scan
    /// reads one per token, where a bit would cost a shift and a mask more).
    pub struct ByHash {
        filter: HashFilter<1024>,
        map: crate::lexicon::IdMap<(&'static str, EventKind)>,
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

    /// Words of a plan or an expectation, before the place of a happening that has not
    /// happened.
    pub fn planned(w: &str) -> bool {
        matches!(
            w,
            "will"
                | "would"
                | "shall"
                | "could"
                | "may"
                | "might"
                | "plans"
                | "planned"
                | "planning"
                | "scheduled"
                | "expected"
                | "upcoming"
                | "next"
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
                | "group"
                | "working"
                | "official"
                | "courtesy"
                | "private"
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
                | "("
                | ")"
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

    /// Past-tense verbs of a predicate another one is coordinated with (see
    /// "coordinated-predicate"): regular ones in "-ed" and the irregular verbs of meetings,
    /// calls and journeys.
    pub fn past_verb(w: &str) -> bool {
        (w.len() > 4 && w.ends_with("ed") && !matches!(w, "united" | "embed"))
            || matches!(
                w,
                "met"
                    | "held"
                    | "had"
                    | "spoke"
                    | "made"
                    | "took"
                    | "went"
                    | "flew"
                    | "paid"
                    | "led"
                    | "gave"
                    | "told"
                    | "said"
                    | "sent"
                    | "left"
                    | "came"
                    | "began"
            )
    }

    /// Words after which a sentence says what was discussed, not where (see
    /// "topic-not-place").
    pub fn topic(w: &str) -> bool {
        matches!(
            w,
            "discussed"
                | "discussing"
                | "discuss"
                | "talked"
                | "raised"
                | "reviewed"
                | "exchanged"
                | "focused"
                | "addressed"
                | "about"
                | "regarding"
                | "concerning"
        )
    }

    /// Prepositions of a phrase holding a meeting's or a call's noun (see "adjunct-with").
    pub fn adjunct_prep(w: &str) -> bool {
        matches!(w, "in" | "during" | "at" | "on" | "after" | "following")
    }

    /// Determiners and modifiers between such a preposition and its noun.
    pub fn adjunct_modifier(w: &str) -> bool {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "their"
                | "its"
                | "bilateral"
                | "phone"
                | "telephone"
                | "video"
                | "brief"
                | "separate"
                | "private"
                | "working"
                | "lengthy"
                | "closed-door"
                | "official"
                | "courtesy"
                | "recent"
                | "state"
                | "day"
                | "days"
                | "week"
                | "long"
                | "short"
                | "first"
                | "historic"
                | "fruitful"
                | "successful"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "-"
        )
    }

    /// The verbs of a host receiving a guest (see "guest-visits").
    pub fn host_verb(w: &str) -> bool {
        matches!(
            w,
            "hosted"
                | "hosts"
                | "host"
                | "received"
                | "receives"
                | "receive"
                | "welcomed"
                | "welcomes"
                | "welcome"
        )
    }

    /// The verbs of a meeting ("met", "hosted", "received", "welcomed").
    pub fn meeting_verb(w: &str) -> bool {
        matches!(
            w,
            "met"
                | "meets"
                | "hosted"
                | "hosts"
                | "received"
                | "receives"
                | "welcomed"
                | "welcomes"
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

    /// Nouns of a meeting a "with" follows: "held talks with", "a working dinner with".
    pub fn meeting_noun(w: &str) -> bool {
        matches!(w, "talks" | "meeting" | "meetings" | "dinner" | "lunch")
    }

    /// Words that put a sentence on a journey, for the people accompanying it.
    pub fn visit_cue(w: &str) -> bool {
        matches!(
            w,
            "visit"
                | "visits"
                | "visited"
                | "visiting"
                | "trip"
                | "tour"
                | "toured"
                | "arrived"
                | "arrives"
                | "arrival"
        )
    }

    /// What a candidate wins to take a post: "won the election", "won the presidency".
    pub fn won_what(w: &str) -> bool {
        matches!(
            w,
            "election"
                | "elections"
                | "presidency"
                | "presidential"
                | "runoff"
                | "polls"
                | "ballot"
        )
    }

    /// Words that announce a list of appointees: "named his cabinet", "the list of
    /// ministerial appointments", "a reshuffle", "inaugurated the new governors".
    pub fn roster_cue(w: &str) -> bool {
        matches!(
            w,
            "cabinet"
                | "appointments"
                | "reshuffle"
                | "inaugurated"
                | "inaugurating"
                | "oath"
                | "swearing"
        )
    }

    /// Verbs and words that announce who takes a post ("X will take over as", "X becomes
    /// the new minister", "X will replace Y as"): read by the "designation" rule.
    pub fn designation_verb(w: &str) -> bool {
        matches!(
            w,
            "take"
                | "takes"
                | "took"
                | "serve"
                | "become"
                | "becomes"
                | "be"
                | "new"
                | "replace"
                | "replaces"
                | "replaced"
                | "succeed"
                | "succeeds"
                | "succeeded"
                | "head"
                | "being"
                | "coming"
        )
    }

    /// Words of a ceremony that installs appointees, whose place is theirs.
    pub fn ceremony(w: &str) -> bool {
        matches!(
            w,
            "sworn" | "swore" | "oath" | "swearing" | "inaugurated" | "inaugurating"
        )
    }

    /// Lowercase head nouns of a post ("will become head of the council").
    pub fn post_head(w: &str) -> bool {
        matches!(
            w,
            "minister"
                | "head"
                | "chief"
                | "secretary"
                | "deputy"
                | "governor"
                | "president"
                | "ambassador"
                | "envoy"
                | "director"
                | "spokesperson"
                | "commissioner"
                | "chairman"
                | "chair"
                | "leader"
                | "mayor"
                | "premier"
                | "speaker"
                | "acting"
                | "attorney"
                | "nominee"
        )
    }

    /// Lowercase words a line of a roster ("Minister of Trade and Industry: X") may hold
    /// besides the post's words.
    pub fn roster_connector(w: &str) -> bool {
        matches!(
            w,
            "of" | "and" | "for" | "the" | "in" | "with" | "on" | "at" | "to" | "&"
        )
    }

    /// Auxiliaries and adverbs between a subject and its verb of designation ("X will
    /// also be", "X has become").
    pub fn subject_aux(w: &str) -> bool {
        matches!(
            w,
            "will" | "would" | "is" | "was" | "has" | "have" | "had" | "also" | "then" | "now"
        )
    }

    /// Verbs and prepositions of a succession, before the predecessor: "X will replace Y
    /// as minister", "X took over from Y as chief".
    pub fn succession(w: &str) -> bool {
        crate::words::succession_verb(w) || w == "from"
    }

    /// Light verbs of a visit's noun: "paid a visit", "undertook a trip", "concluded a
    /// one-day visit".
    pub fn light_verb(w: &str) -> bool {
        matches!(
            w,
            "paid"
                | "pays"
                | "paying"
                | "made"
                | "makes"
                | "undertook"
                | "undertaken"
                | "undertakes"
                | "conducted"
                | "conducts"
                | "concluded"
                | "concludes"
                | "began"
                | "begun"
                | "begins"
                | "started"
                | "starts"
                | "completed"
                | "wrapped"
                | "ended"
        )
    }

    /// Nouns of a place before "of" and its name ("the city of X").
    pub fn place_noun(w: &str) -> bool {
        matches!(
            w,
            "city" | "town" | "village" | "capital" | "region" | "province" | "district" | "port"
        )
    }

    /// Lowercase words a venue's name may stand before ("at Orchard House in Oslo", "at
    /// the Grand Hall on Monday"); any other lowercase word makes the name a modifier.
    pub fn after_venue(w: &str) -> bool {
        matches!(
            w,
            "in" | "on"
                | "at"
                | "of"
                | "and"
                | "with"
                | "where"
                | "for"
                | "during"
                | "after"
                | "before"
                | "near"
                | "to"
                | "this"
                | "last"
                | "yesterday"
                | "today"
                | "earlier"
                | "later"
                | "when"
                | "while"
        )
    }

    /// Lowercase words that end a noun phrase: conjunctions, prepositions other than "of",
    /// relative words, auxiliaries and speech verbs.
    pub fn phrase_break(w: &str) -> bool {
        matches!(
            w,
            "and"
                | "or"
                | "but"
                | "where"
                | "which"
                | "who"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "from"
                | "by"
                | "is"
                | "was"
                | "were"
                | "are"
                | "has"
                | "have"
                | "had"
                | "said"
                | "after"
                | "before"
                | "during"
                | "while"
                | "when"
                | "then"
                | "as"
        )
    }

    /// Auxiliaries of the perfect, before "been in" ("X has been in Y").
    pub fn perfect(w: &str) -> bool {
        matches!(w, "has" | "have" | "had")
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
    /// Per token: its sentence as the events pass reads them (see [`sentences`]).
    sent: Vec<u32>,
}

/// Sentences for the participants' walks: a new one after a full stop, "!", "?" or ";"
/// and at a line break. The tag stage's sentences also break after a parenthesis, a
/// colon, a dash or a quotation mark, which would cut "X (the UN envoy) met Y" short.
fn sentences(doc: &Doc<'_, '_>) -> Vec<u32> {
    let mut cur = 0u32;
    // The token before ends a sentence (none does before the first).
    let mut after_end = false;
    let toks = doc.t.toks.iter().zip(doc.t.lowers()).enumerate();
    toks.map(|(k, (t, w))| {
        if k > 0 && (t.newline_before || after_end) {
            cur += 1;
        }
        after_end = t.kind == crate::tokens::Kind::Punct && matches!(w, "." | "!" | "?" | ";");
        cur
    })
    .collect()
}

/// One event as read at its trigger, before duplicates merge.
#[derive(Clone)]
struct Found {
    kind: EventKind,
    who: Vec<PersonRef>,
    place: Option<PlaceRef>,
    date: Option<DateSpan>,
    a: usize,
    b: usize,
}

impl Found {
    /// The event of kind `kind` read at trigger `v` over tokens `a..b`: its place and date
    /// are those the trigger's sentence gives.
    fn at(
        ctx: &Ctx<'_, '_, '_>,
        ents: &Entities,
        v: usize,
        kind: EventKind,
        who: Vec<PersonRef>,
        (a, b): (usize, usize),
    ) -> Found {
        Found {
            kind,
            who,
            place: ctx.place(ents, v, false).map(|p| p.0),
            date: ctx.date(v),
            a,
            b,
        }
    }
}

/// Adds to `who` the people of `more` it does not hold yet, in order.
fn join_people(who: &mut Vec<PersonRef>, more: Vec<PersonRef>) {
    for p in more {
        if !who.contains(&p) {
            who.push(p);
        }
    }
}

/// What the reading of earlier triggers leaves for later ones: the latest visit (for the
/// people accompanying it) and the latest announcement of appointees (for a roster).
#[derive(Default)]
struct State {
    /// The latest visit's trigger token, place and date.
    visit: Option<(usize, Option<PlaceRef>, Option<DateSpan>)>,
    /// The first word announcing appointees ("cabinet", "appointed").
    roster_cue: Option<usize>,
    /// The place of the first swearing-in or inauguration the text reports.
    ceremony: Option<PlaceRef>,
    /// The latest meeting: its trigger token, its index among the events read (none when
    /// only its host is named: "X held a meeting with ambassadors") and its people.
    meeting: Option<(usize, Option<usize>, Vec<PersonRef>)>,
    /// The latest meeting of people not named (see "unnamed-scene"): its trigger token,
    /// place and date.
    scene: Option<(usize, Option<PlaceRef>, Option<DateSpan>)>,
    /// The latest meeting read with a place: its trigger token and place (see
    /// "also-here").
    placed: Option<(usize, PlaceRef)>,
}

/// Tokens a roster line may hold.
const ROSTER_LINE: usize = 24;
/// Tokens an appointment's list ("X as minister, Y as ...") runs after its verb.
const LIST_WINDOW: usize = 90;
/// Tokens after a visit within which its entourage and later reports of it ("for this
/// visit") take its place and date.
const JOURNEY: usize = 200;
/// Tokens before an item's first appointment read for the date of the announcement.
const FRAME: usize = 120;
/// Tokens before a date read for "when", "until", "ahead of" (see "other-time").
const OTHER_TIME: usize = 8;
/// Lowercase words a forward walk may cross before the first name (see "noun-gap").
const GAPS: usize = 2;
/// Tokens a relative clause ("X, who attended the summit, met Y") may span.
const CLAUSE: usize = 20;
/// Capitalized words a venue's name may have (see "venue-at").
const VENUE: usize = 5;
/// Tokens from a possessive place to the place its phrase names (see "possessive-place").
const POSSESSED: usize = 6;

impl Ctx<'_, '_, '_> {
    /// Paragraph breaks between tokens `a` and `b` (counted up to two: "none", "one",
    /// "more"), reading at most [`JOURNEY`] tokens.
    fn paragraphs(&self, a: usize, b: usize) -> usize {
        if b.saturating_sub(a) > JOURNEY {
            return 2;
        }
        (a + 1..=b.min(self.doc.len().saturating_sub(1)))
            .filter(|&k| self.doc.t.toks[k].newline_before)
            .take(2)
            .count()
    }

    /// The person mention covering token `k`, unless it is a venue's name that reads like
    /// a person's (see [`Ctx::venue_name`]).
    fn person(&self, k: usize) -> Option<&crate::persons::PersonMention> {
        self.persons.person(k).filter(|m| !self.venue_name(m))
    }

    /// The latest subject-like person mention ending at or before `k` that is no venue
    /// (at most three venues skipped).
    fn subject_before(&self, k: usize) -> Option<&crate::persons::PersonMention> {
        let mut at = k;
        for _ in 0..4 {
            let m = self.persons.subject_before(at)?;
            if !self.venue_name(m) {
                return Some(m);
            }
            at = m.a;
        }
        None
    }

    /// Rule "venue-not-person": two capitalized words right after "at" or "at the" that
    /// name no official ("met at Orchard House") are a venue, not a participant.
    fn venue_name(&self, m: &crate::persons::PersonMention) -> bool {
        let doc = self.doc;
        if self.persons.who(m).official.is_some() || m.a == 0 {
            return false;
        }
        doc.t.is_word(m.a - 1, "at")
            || (m.a >= 2 && doc.t.is_word(m.a - 1, "the") && doc.t.is_word(m.a - 2, "at"))
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sent.get(a) == self.sent.get(b)
    }

    /// May a participant walk cross token `k`?
    fn crossable(&self, k: usize) -> bool {
        let doc = self.doc;
        let t = &doc.t.toks[k];
        let w = doc.t.lower(k);
        t.cap
            || self.persons.at[k] != NONE
            || t.kind == crate::tokens::Kind::Num
            || words::walk(w)
            || (t.kind == crate::tokens::Kind::Word && w.len() > 4 && w.ends_with("ly"))
            || doc.title_at(k).0 != 0
            || words::post_head(w)
            || crate::words::PARTICLES.contains(&w)
    }

    /// Rule "relative-clause": going back from `j` inside ", who attended the summit," or
    /// an apposition (", a former judge,"), the comma that opens it (at most [`CLAUSE`]
    /// tokens back, right after a person or before "who"), so the walk goes on to the
    /// person the clause describes.
    fn clause_opening(&self, j: usize, v: usize) -> Option<usize> {
        let doc = self.doc;
        let lo = j.saturating_sub(CLAUSE);
        (lo + 1..=j)
            .rev()
            .take_while(|&k| self.same_sentence(k, v))
            .find(|&k| {
                (matches!(doc.t.lower(k), "who" | "which") && doc.t.is_punct(k - 1, ","))
                    || (doc.t.is_punct(k, ",") && self.persons.at[k - 1] != NONE)
            })
            .map(|k| if doc.t.is_punct(k, ",") { k } else { k - 1 })
    }

    /// People named in the phrases chained to the trigger going back from `v`: "X", "X
    /// and Y", "X, who", "US Secretary of State X on Monday", "X, who attended the summit,".
    /// A lone "he" or "she" (or "his", "her" before a noun of the event) is the latest
    /// person the text made a subject. Returns the people and the first token.
    fn back(&self, v: usize) -> (Vec<PersonRef>, usize) {
        self.back_depth(v, 0)
    }

    /// The owner of "his"/"her" at `j` before the trigger `v`, the subject `m` of its
    /// sentence, unless rule "guest-visits" applies: "X welcomed Y ... during her visit
    /// to Z": a host stays home, the guest (the first person the host verb receives)
    /// visits.
    fn owner(&self, m: &crate::persons::PersonMention, j: usize, v: usize) -> PersonRef {
        let doc = self.doc;
        if matches!(doc.t.lower(v), "visit" | "trip" | "visits") {
            let host = (m.b..j).find(|&h| words::host_verb(doc.t.lower(h)));
            if let Some(guest) = host.and_then(|h| self.guests(h).0.into_iter().next()) {
                return guest;
            }
        }
        self.persons.who(m).clone()
    }

    /// Rule "coordinated-predicate": a verb right after "and" shares the subject of the
    /// predicate before it ("X met Y in Oslo and held a phone call with Z": X called, not
    /// Y): the walk starts at that predicate's verb, the latest past-tense verb at most
    /// [`WALK`] tokens back in the sentence (two predicates back at most).
    fn coordinated(&self, v: usize, depth: usize) -> Option<(Vec<PersonRef>, usize)> {
        let doc = self.doc;
        if depth >= 2 || v == 0 || !doc.t.is_word(v - 1, "and") {
            return None;
        }
        let lo = v.saturating_sub(WALK);
        let u = (lo..v - 1)
            .rev()
            .take_while(|&k| self.same_sentence(k, v))
            .filter(|&k| self.persons.at[k] == NONE && !doc.t.toks[k].cap)
            .find(|&k| words::past_verb(doc.t.lower(k)))?;
        let (who, a) = self.back_depth(u, depth + 1);
        (!who.is_empty()).then_some((who, a))
    }

    /// The auxiliary of a passive predicate that the verb at `s`, right after "and", is
    /// coordinated with ("X was promoted to general and appointed minister": "was"), at
    /// most [`WALK`] tokens back in the sentence.
    fn coordinated_passive(&self, s: usize) -> Option<usize> {
        let doc = self.doc;
        if s == 0 || !doc.t.is_word(s - 1, "and") {
            return None;
        }
        let lo = s.saturating_sub(WALK);
        let u = (lo..s - 1)
            .rev()
            .take_while(|&k| self.same_sentence(k, s))
            .filter(|&k| self.persons.at[k] == NONE && !doc.t.toks[k].cap)
            .find(|&k| words::past_verb(doc.t.lower(k)))?;
        (u.saturating_sub(2)..u).find(|&k| words::passive(doc.t.lower(k)))
    }

    fn back_depth(&self, v: usize, depth: usize) -> (Vec<PersonRef>, usize) {
        if let Some(x) = self.coordinated(v, depth) {
            return x;
        }
        let doc = self.doc;
        let mut out: Vec<PersonRef> = Vec::new();
        let mut k = v;
        let mut first = v;
        let mut comma = false;
        while k > 0 && v - k < WALK && self.same_sentence(k - 1, v) {
            let j = k - 1;
            if let Some(m) = self.person(j) {
                // A possessor is no participant unless it owns the trigger ("X's meeting
                // with", not "Y, X's adviser, met").
                let possessor = doc.t.is_word(m.b, "'s") && m.b + 1 != v;
                if !possessor && !out.contains(self.persons.who(m)) {
                    out.push(self.persons.who(m).clone());
                }
                first = m.a;
                k = m.a.min(j);
                // "Y met X, who arrived in Z": the clause is about X alone.
                if doc.t.is_punct(m.b, ",") && doc.t.is_word(m.b + 1, "who") {
                    break;
                }
                continue;
            }
            let w = doc.t.lower(j);
            if out.is_empty() && matches!(w, "he" | "she" | "his" | "her") {
                // "his visit": only the subject of the same sentence owns it.
                let own = matches!(w, "his" | "her");
                if let Some(m) = self.subject_before(j) {
                    if own && self.same_sentence(m.a, v) {
                        out.push(self.owner(m, j, v));
                    } else if !own {
                        out.push(self.persons.who(m).clone());
                    }
                }
                first = j;
                break;
            }
            comma |= doc.t.is_punct(j, ",");
            if !self.crossable(j) || doc.t.is_punct(j, "\"") {
                match self.clause_opening(j, v) {
                    Some(c) if comma && c < j && out.is_empty() => {
                        k = c;
                        continue;
                    }
                    _ => break,
                }
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
        self.forward_until(v, "who")
    }

    /// [`Ctx::forward`] stopping at the word `stop` ("who", or the "as" of a post).
    fn forward_until(&self, v: usize, stop: &str) -> (Vec<PersonRef>, usize) {
        self.forward_within(v, stop, WALK)
    }

    /// [`Ctx::forward_until`] reading up to `reach` tokens (a list).
    fn forward_within(&self, v: usize, stop: &str, reach: usize) -> (Vec<PersonRef>, usize) {
        self.walk_forward(v, stop, reach, false)
    }

    /// [`Ctx::forward`] for a meeting's guests, who bring their aides: "received X,
    /// accompanied by Y" (rule "accompanied-guest").
    fn guests(&self, v: usize) -> (Vec<PersonRef>, usize) {
        self.walk_forward(v, "who", WALK, true)
    }

    fn walk_forward(
        &self,
        v: usize,
        stop: &str,
        reach: usize,
        aides: bool,
    ) -> (Vec<PersonRef>, usize) {
        let doc = self.doc;
        let n = doc.len();
        let mut out: Vec<PersonRef> = Vec::new();
        let mut k = v + 1;
        let mut last = v + 1;
        let mut gaps = 0;
        // Inside a conjunct that names nobody yet (see "conjunct-gap").
        let mut fresh = false;
        while k < n && k - v < reach && self.same_sentence(k, v) {
            if let Some(m) = self.person(k) {
                fresh = false;
                // "officials from X's government": a possessor takes no part.
                let possessor = doc.t.is_word(m.b, "'s");
                if !possessor && !out.contains(self.persons.who(m)) {
                    out.push(self.persons.who(m).clone());
                }
                k = m.b.max(k + 1);
                last = k;
                k = self.apposition_end(k, v + reach);
                continue;
            }
            let w = doc.t.lower(k);
            if w == "who" || w == stop {
                break;
            }
            if aides && w == "accompanied" && doc.t.is_word(k + 1, "by") && !out.is_empty() {
                k += 2;
                continue;
            }
            // Rule "conjunct-gap": after "and" following a name, the next conjunct's noun
            // phrase may hold its own lowercase nouns ("met X and Norway's chief
            // negotiator for the talks, Y").
            if w == "and" && !out.is_empty() && (last == k || doc.t.is_punct(k - 1, ",")) {
                fresh = true;
                gaps = 0;
            }
            if !self.crossable(k) {
                // Rule "noun-gap": the object's noun phrase may hold a few lowercase
                // nouns before its name ("met with the head of the ruling council,
                // X"); not verbs in "-ed", and only while nobody is named yet.
                gaps += 1;
                let word = doc.t.toks[k].kind == crate::tokens::Kind::Word;
                if !(out.is_empty() || fresh) || gaps > GAPS || !word || w.ends_with("ed") {
                    break;
                }
            }
            k += 1;
        }
        (out, last)
    }

    /// Rule "title-apposition": after a person, ", Minister of Foreign Affairs and X
    /// Abroad of Y," describes that person: the walk goes on after the apposition's
    /// closing comma (before `hi`), and capitalized words inside it that read like a name
    /// of nobody official are the title's. Returns where the walk goes on (`k` when no
    /// such apposition follows).
    fn apposition_end(&self, k: usize, hi: usize) -> usize {
        let doc = self.doc;
        let t = k + 1;
        if !doc.t.is_punct(k, ",") || !(doc.title_at(t).0 != 0 || words::post_head(doc.t.lower(t)))
        {
            return k;
        }
        let hi = hi.min(doc.len());
        let mut j = t;
        while j < hi && self.same_sentence(j, k) {
            if doc.t.is_punct(j, ",") {
                return j;
            }
            let official = self
                .persons
                .person(j)
                .is_some_and(|m| self.persons.who(m).official.is_some());
            if official || !self.crossable(j) {
                return k;
            }
            j += 1;
        }
        k
    }

    /// Everyone a list names after `v` in its sentence, up to [`LIST_WINDOW`] tokens and
    /// a relative clause ("accompanied by disaster minister X, local governor Y and Z").
    fn named_after(&self, v: usize) -> (Vec<PersonRef>, usize) {
        let doc = self.doc;
        let mut out: Vec<PersonRef> = Vec::new();
        let mut last = v + 1;
        let hi = (v + LIST_WINDOW).min(doc.len());
        for k in v + 1..hi {
            if !self.same_sentence(k, v) || matches!(doc.t.lower(k), "who" | "which" | "where") {
                break;
            }
            if let Some(m) = self.person(k) {
                if !out.contains(self.persons.who(m)) {
                    out.push(self.persons.who(m).clone());
                }
                last = m.b;
            }
        }
        (out, last)
    }

    /// The first token `w` among `v + 1 ..= v + reach` of the trigger's sentence.
    fn ahead(&self, v: usize, reach: usize, w: &str) -> Option<usize> {
        (v + 1..=v + reach)
            .take_while(|&k| k < self.doc.len() && self.same_sentence(k, v))
            .find(|&k| self.doc.t.lower(k) == w)
    }

    /// Does a post's name start at `k` ("Minister of Finance", "the new head of")?
    fn post_at(&self, k: usize) -> bool {
        let doc = self.doc;
        let k = k + usize::from(doc.t.is_word(k, "the") || doc.t.is_word(k, "a"));
        let k = k + usize::from(doc.t.is_word(k, "new"));
        // A post may be an official's later mention ("X will be the Minister for Y").
        k < doc.len() && (doc.title_at(k).0 != 0 || words::post_head(doc.t.lower(k)))
    }

    /// The "as" (or "to") that gives a post to the person whose name ends at `end`: "X as
    /// minister", "X, a former judge, as attorney general", "X to be the envoy".
    fn posted(&self, start: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        let n = doc.len();
        // "X will replace Y as minister": Y leaves the post.
        if start > 0 && words::succession(doc.t.lower(start - 1)) {
            return None;
        }
        let mut j = end;
        if doc.t.is_punct(j, ",") {
            let close = (j + 1..(j + CLAUSE).min(n))
                .take_while(|&x| self.same_sentence(x, end) && self.persons.at[x] == NONE)
                .find(|&x| doc.t.is_punct(x, ","));
            if let Some(c) = close {
                j = c + 1;
            }
        }
        let posted = (doc.t.is_word(j, "as") && self.post_at(j + 1))
            || (doc.t.is_word(j, "to") && doc.t.is_word(j + 1, "be") && self.post_at(j + 2));
        posted.then_some(j)
    }

    /// The place of an event: the first location after "in", "at" or "to" in the
    /// trigger's sentence after it, else before it ("In Kyiv, X met Y").
    fn place(&self, ents: &Entities, v: usize, right_after: bool) -> Option<(PlaceRef, usize)> {
        let doc = self.doc;
        let n = doc.len();
        let link = |k: usize| {
            let l = self.persons.loc_at[k];
            if l == NONE || self.persons.at[k] != NONE {
                return self.venue(ents, k).map(|p| (true, p));
            }
            // The place's first token; "Bern-based X": the modifier is X's.
            let mut f = k;
            if f >= 3 && doc.t.is_word(f - 1, "based") && doc.t.is_punct(f - 2, "-") {
                f -= 2;
                while f > 0 && self.persons.loc_at[f - 1] != NONE && f + 6 > k {
                    f -= 1;
                }
            }
            // "in X", "at X", "to X", "the city of X"
            let prep = (f.saturating_sub(2)..f)
                .any(|j| matches!(doc.t.lower(j), "in" | "at" | "to"))
                || (f >= 2 && doc.t.is_word(f - 1, "of") && words::place_noun(doc.t.lower(f - 2)));
            let loc = ents.locations.get(l as usize)?;
            let own = PlaceRef {
                name: loc.name.clone(),
                location: Some(l as usize),
            };
            Some((prep, self.possessed_place(ents, k).unwrap_or(own)))
        };
        if let Some(p) = self.place_modifier(ents, v) {
            return Some((p, v - 1));
        }
        let hi = (v + SENTENCE_WINDOW).min(n);
        for k in v + 1..hi {
            if !self.same_sentence(k, v) {
                break;
            }
            // Rule "topic-not-place": what was discussed is no place ("discussed the
            // security of ports in X", "talked about X"): the search stops there.
            if !right_after && words::topic(doc.t.lower(k)) {
                break;
            }
            // A visit's place is its object: "visited Israel", "arrived in Kyiv", or a
            // place in it: "visited the flooded villages in Dara district".
            if right_after && k > v + 8 {
                break;
            }
            if let Some((prep, p)) = link(k) {
                if (prep || (right_after && k <= v + 4)) && !self.in_relative(k, v) {
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
                if !self.in_relative(k, v) {
                    return Some((p, k));
                }
            }
        }
        None
    }

    /// Rule "venue-at": a named venue the gazetteer does not list, after "at" or "at the":
    /// "met at Orchard House", "received at the Grand Hall on Monday". The venue is a run
    /// of at most [`VENUE`] capitalized words that no person, place, body or date word
    /// takes, ended by punctuation, a function word or a place (not by a lowercase noun
    /// it modifies: "at the Nordic summit", nor by a possessive: "at the Hotel's bar",
    /// nor by a person's or a body's name, which may have cut it short, unless an
    /// official's title opens it: "received at the Blue Hall Interior Minister X").
    fn venue(&self, ents: &Entities, k: usize) -> Option<PlaceRef> {
        let doc = self.doc;
        let n = doc.len();
        let at = match k {
            0 => return None,
            _ if doc.t.is_word(k - 1, "the") => k.checked_sub(2)?,
            _ => k - 1,
        };
        let p = self.persons;
        let free = |j: usize| {
            doc.is_cap_word(j)
                && (p.at[j] == NONE || self.persons.person(j).is_some_and(|m| self.venue_name(m)))
                && p.loc_at[j] == NONE
                && p.org_at[j] == NONE
                && !crate::words::is_date_word(doc.t.lower(j))
        };
        if !doc.t.is_word(at, "at") || !free(k) || doc.sent_start[k] {
            return None;
        }
        let mut e = k;
        while e < n
            && e - k < VENUE
            && free(e)
            && self.same_sentence(e, k)
            && !self.titled_official_at(ents, e)
        {
            e += 1;
        }
        let ends = e >= n
            || !self.same_sentence(e, k)
            || match doc.t.toks[e].kind {
                crate::tokens::Kind::Word => {
                    words::after_venue(doc.t.lower(e))
                        || p.loc_at[e] != NONE
                        || self.titled_official_at(ents, e)
                }
                crate::tokens::Kind::Num => false,
                _ => !doc.t.is_word(e, "'s"),
            };
        if !ends || e - k >= VENUE {
            return None;
        }
        Some(PlaceRef {
            name: doc.t.span_text(k, e).to_string(),
            location: None,
        })
    }

    /// Does the title of an official whose name follows open at token `k` ("Interior
    /// Minister X")? Reads at most four tokens.
    fn titled_official_at(&self, ents: &Entities, k: usize) -> bool {
        let doc = self.doc;
        (k + 1..(k + 5).min(doc.len())).any(|b| {
            self.persons
                .person(b)
                .filter(|m| m.a == b)
                .and_then(|m| ents.officials.get(self.persons.who(m).official?))
                .and_then(|o| o.title.as_deref())
                .is_some_and(|t| t.eq_ignore_ascii_case(doc.t.span_text(k, b)))
        })
    }

    /// Rule "place-modifier": a city or a building named right before a meeting's noun
    /// ("the Geneva talks", "a White House meeting") is its place; a country or a region
    /// there is the topic ("the Ukraine talks").
    fn place_modifier(&self, ents: &Entities, v: usize) -> Option<PlaceRef> {
        let doc = self.doc;
        if v == 0 || !words::meeting_noun(doc.t.lower(v)) || self.persons.at[v - 1] != NONE {
            return None;
        }
        let l = self.persons.loc_at[v - 1];
        let loc = ents.locations.get(l as usize)?;
        use crate::model::LocationKind::{City, Facility};
        matches!(loc.kind, City | Facility).then(|| PlaceRef {
            name: loc.name.clone(),
            location: Some(l as usize),
        })
    }

    /// Rule "possessive-place": a place whose name ends at a possessive names the one its
    /// noun phrase goes on to ("a visit to Norway's capital, Oslo", "Norway's port city of
    /// Bergen"): the next place at most [`POSSESSED`] tokens on, in the same sentence and
    /// before any verb-like lowercase word outside the phrase's nouns and modifiers.
    fn possessed_place(&self, ents: &Entities, k: usize) -> Option<PlaceRef> {
        let doc = self.doc;
        let p = self.persons;
        let l = p.loc_at[k];
        let mut e = k;
        while e < doc.len() && p.loc_at[e] == l {
            e += 1;
        }
        if !doc.t.is_word(e, "'s") {
            return None;
        }
        let hi = (e + 1 + POSSESSED).min(doc.len());
        for j in e + 1..hi {
            if !self.same_sentence(j, k) || p.at[j] != NONE {
                return None;
            }
            let m = p.loc_at[j];
            if m != NONE {
                let loc = ents.locations.get(m as usize)?;
                return Some(PlaceRef {
                    name: loc.name.clone(),
                    location: Some(m as usize),
                });
            }
            let w = doc.t.lower(j);
            let word = doc.t.toks[j].kind == crate::tokens::Kind::Word;
            if !(matches!(w, "," | "-") || word && !words::phrase_break(w)) {
                return None;
            }
        }
        None
    }

    /// Rule "clause-place": is token `k` inside a relative clause (", who led the council
    /// in X", ", which ...") that the trigger `v` is not in? The clause opens at most
    /// [`CLAUSE`] tokens before `k`, with no comma between its "who" and `k`, and ends
    /// (a comma) before `v` when `v` comes after it; a place there says where a person
    /// served or lives, not where the event happened (unless the clause is a journey's:
    /// "Y, who arrived in Z on a visit").
    fn in_relative(&self, k: usize, v: usize) -> bool {
        let doc = self.doc;
        let lo = k.saturating_sub(CLAUSE);
        let opening = (lo + 1..k)
            .rev()
            .take_while(|&j| self.same_sentence(j, k) && !doc.t.is_punct(j, ","))
            .find(|&j| matches!(doc.t.lower(j), "who" | "which") && doc.t.is_punct(j - 1, ","));
        let Some(o) = opening else {
            return false;
        };
        // "met Y, who arrived in Z for a visit": the guest's arrival is the meeting's place.
        if (o..k).any(|j| words::visit_cue(doc.t.lower(j))) {
            return false;
        }
        // The trigger inside the clause: "X, who met Y in Z," reads the clause's own place.
        !(o < v && v < k || k < v && !(k + 1..v).any(|j| doc.t.is_punct(j, ",")))
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
        for d in dates::find(doc, self.item, lo, hi)
            .into_iter()
            .filter(|d| !self.other_time(d))
        {
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

    /// Rule "other-time": a date after "when", "until" or "ahead of" (at most
    /// [`OTHER_TIME`] tokens before it), or right after "by", dates another happening or
    /// a deadline ("will be minister when he takes office on 10 December", "ahead of the
    /// vote on Friday", "by Wednesday"; not "spoke by phone yesterday").
    fn other_time(&self, d: &DateSpan) -> bool {
        let doc = self.doc;
        (d.a > 0 && doc.t.is_word(d.a - 1, "by"))
            || (d.a.saturating_sub(OTHER_TIME)..d.a)
                .filter(|&k| self.same_sentence(k, d.a))
                .any(|k| matches!(doc.t.lower(k), "when" | "until" | "ahead"))
    }

    /// A modal, "to" or a denial shortly before the trigger.
    fn unreal(&self, v: usize) -> bool {
        (v.saturating_sub(3)..v).any(|k| words::unreal(self.doc.t.lower(k)))
    }

    /// A denial or condition shortly before `v` ("will not become", "if X becomes").
    fn denied(&self, v: usize) -> bool {
        (v.saturating_sub(3)..v)
            .any(|k| matches!(self.doc.t.lower(k), "not" | "never" | "if" | "unless"))
    }
}

/// Reads the events a trigger word at `v` starts (see [`read_rule`]), then gives them the
/// places of their settings:
/// - rule "during-visit": a meeting without a place in a sentence that speaks of a
///   journey ("During the visit, X met Y") is at the place of the latest visit, read at
///   most [`JOURNEY`] tokens before;
/// - rule "ceremony-place": the first place of a sentence with a swearing-in or an
///   inauguration is the place of the item's appointments that name none (see [`frame`]).
fn read(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    kind: EventKind,
    state: &mut State,
    out: &mut Vec<Found>,
) {
    let before = out.len();
    read_rule(ctx, ents, v, kind, state, out);
    let doc = ctx.doc;
    if kind == EventKind::Meeting {
        if let Some(scene) = state
            .scene
            .as_ref()
            .filter(|sc| ctx.paragraphs(sc.0, v) <= 1)
        {
            for f in out.iter_mut().skip(before) {
                if f.place.is_none() {
                    f.place.clone_from(&scene.1);
                }
                if f.date.is_none_or(|d| d.date.is_none()) && scene.2.is_some() {
                    f.date = scene.2;
                }
            }
        }
        also_here(ctx, v, state, &mut out[before..]);
        if let Some(f) = out.get(before..).and_then(|x| x.last()) {
            state.meeting = Some((v, Some(out.len() - 1), f.who.clone()));
            if let Some(p) = f.place.clone() {
                state.placed = Some((v, p));
            }
        } else if meeting_held(ctx, ents, v, state, out) {
        } else if words::meeting_verb(doc.t.lower(v)) && !ctx.unreal(v) {
            unnamed_scene(ctx, ents, v, state);
        } else if words::meeting_noun(doc.t.lower(v)) {
            // "X held a meeting with ambassadors": a host for the attendance named later.
            let (host, _) = ctx.back(v);
            if !host.is_empty() {
                state.meeting = Some((v, None, host));
            }
        }
    }
    if kind == EventKind::Appointment && state.ceremony.is_none() && words::ceremony(doc.t.lower(v))
    {
        state.ceremony = ctx.place(ents, v, false).map(|p| p.0);
    }
    let journey = || {
        let lo = v.saturating_sub(SENTENCE_WINDOW);
        let hi = (v + SENTENCE_WINDOW).min(doc.len());
        (lo..hi)
            .filter(|&k| ctx.same_sentence(k, v) && k != v)
            .any(|k| words::visit_cue(doc.t.lower(k)))
    };
    let visit_place = state
        .visit
        .as_ref()
        .filter(|e| v - e.0 <= JOURNEY)
        .and_then(|e| e.1.clone());
    if let Some(p) = visit_place {
        let mut checked: Option<bool> = None;
        for f in out.iter_mut().skip(before) {
            if f.kind == EventKind::Meeting
                && f.place.is_none()
                && *checked.get_or_insert_with(journey)
            {
                f.place = Some(p.clone());
            }
        }
    }
}

/// Rule "also-here": a meeting without a place whose sentence goes on with "also" ("X
/// also held talks with Z", "He also met Z") right after the sentence of a meeting with
/// a place, in the same paragraph, took place there ("X was in Oslo, where he met Y. X
/// also held talks with Z").
fn also_here(ctx: &Ctx<'_, '_, '_>, v: usize, state: &State, new: &mut [Found]) {
    let doc = ctx.doc;
    let Some((u, place)) = state.placed.as_ref() else {
        return;
    };
    let also = (v.saturating_sub(3)..v).any(|k| doc.t.is_word(k, "also"));
    let next = ctx.sent.get(v).copied() == ctx.sent.get(*u).map(|s| s + 1);
    if !also || !next || ctx.paragraphs(*u, v) > 0 {
        return;
    }
    for f in new.iter_mut().filter(|f| f.place.is_none()) {
        f.place = Some(place.clone());
    }
}

/// Rule "meeting-held": "The meeting was held in Oslo", "the talks took place at Orchard
/// House on Friday": the place and the date of the latest meeting read at most
/// [`JOURNEY`] tokens before, where it lacks them. Returns whether the sentence was one.
fn meeting_held(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    state: &State,
    out: &mut [Found],
) -> bool {
    let doc = ctx.doc;
    let held = (matches!(doc.t.lower(v + 1), "was" | "were")
        && matches!(doc.t.lower(v + 2), "held" | "hosted"))
        || (doc.t.is_word(v + 1, "took") && doc.t.is_word(v + 2, "place"));
    if !words::meeting_noun(doc.t.lower(v))
        || !matches!(doc.t.lower(v.wrapping_sub(1)), "the" | "their")
        || !held
    {
        return false;
    }
    let latest = state
        .meeting
        .as_ref()
        .filter(|m| v - m.0 <= JOURNEY)
        .and_then(|m| m.1)
        .and_then(|i| out.get_mut(i));
    if let Some(f) = latest {
        if f.place.is_none() {
            f.place = ctx.place(ents, v, false).map(|p| p.0);
        }
        if f.date.is_none_or(|d| d.date.is_none()) {
            if let Some(d) = ctx.date(v).filter(|d| d.date.is_some()) {
                f.date = Some(d);
            }
        }
    }
    true
}

/// Rule "unnamed-scene": a meeting whose people the text does not name yet ("The foreign
/// ministers of three states met in Oslo on Monday") sets the scene of the meetings that
/// its paragraph and the next one go on to name ("Foreign Minister X met Y to ..."): they
/// take its place and date where they lack them.
fn unnamed_scene(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, state: &mut State) {
    // "X received a delegation": a named host's meeting is no scene for the next ones.
    if !ctx.back(v).0.is_empty() {
        return;
    }
    let place = ctx.place(ents, v, false).map(|p| p.0);
    let date = ctx.date(v).filter(|d| d.date.is_some());
    if place.is_some() || date.is_some() {
        state.scene = Some((v, place, date));
    }
}

/// Reads the events a trigger word at `v` starts, by the rule of its kind and word; nothing
/// after a modal, "to" or a denial (planned, expected or hypothetical events are not
/// events), except in a designation ("X will take over as minister"), which announces an
/// appointment.
fn read_rule(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    kind: EventKind,
    state: &mut State,
    out: &mut Vec<Found>,
) {
    let w = ctx.doc.t.lower(v);
    if kind == EventKind::Appointment && words::roster_cue(w) {
        state.roster_cue.get_or_insert(v);
        return;
    }
    if kind == EventKind::Appointment && words::designation_verb(w) {
        if let Some(f) = designation(ctx, ents, v) {
            out.push(f);
            state.roster_cue.get_or_insert(v);
            appointee_list(ctx, ents, v, out);
        }
        return;
    }
    if ctx.unreal(v) {
        return;
    }
    let found = match (kind, w) {
        (EventKind::Meeting, "attended" | "attending") => {
            attendance(ctx, ents, v, state, out);
            return;
        }
        (EventKind::Meeting, "present") => {
            also_present(ctx, v, state, out);
            return;
        }
        (EventKind::Meeting, "discussed") => discussed_with(ctx, ents, v),
        (EventKind::Meeting, w) if words::meeting_noun(w) => {
            meeting_noun(ctx, ents, v, out);
            return;
        }
        (EventKind::Meeting, _) => meeting_verb(ctx, ents, v, kind, out),
        (EventKind::Call, _) => call_phone(ctx, v, kind),
        (EventKind::Visit, "accompanied" | "accompanying") => entourage(ctx, ents, v, state),
        (EventKind::Visit, _) => visit_verb(ctx, ents, v, kind),
        (EventKind::Appointment, "won") => election_win(ctx, v),
        (EventKind::Appointment, "appointment") => appointment_noun(ctx, ents, v),
        (EventKind::Appointment, _) => {
            let f = appointment_verb(ctx, ents, v, kind);
            if f.is_some() {
                state.roster_cue.get_or_insert(v);
            }
            appointee_list(ctx, ents, v, out);
            f
        }
    };
    if let Some(f) = found {
        if f.kind == EventKind::Visit && f.place.is_some() {
            // A later report of the journey without a date keeps the journey's date.
            let date = f.date.filter(|d| d.date.is_some()).or_else(|| {
                state
                    .visit
                    .as_ref()
                    .filter(|e| v - e.0 <= JOURNEY)
                    .and_then(|e| e.2)
            });
            // A visit to the country of the journey's place is the same journey.
            let prev = state.visit.as_ref().filter(|e| v - e.0 <= JOURNEY);
            let place = match (f.place.clone(), prev.and_then(|e| e.1.clone())) {
                (Some(p), Some(j)) if holds(ents, &p, &j) => Some(j),
                (p, _) => p,
            };
            state.visit = Some((v, place, date));
        }
        out.push(f);
    }
}

/// "meeting-verb": met, hosted, received, welcomed; the people before the verb and the
/// people after it, and the place the sentence names. Two people or more before the verb
/// and nobody named after it met together: "X and Y met with rebel leaders"; "X and Y
/// separately met Z" is a meeting of each with Z.
fn meeting_verb(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    kind: EventKind,
    out: &mut Vec<Found>,
) -> Option<Found> {
    let (mut who, a) = ctx.back(v);
    let (obj, b) = ctx.guests(v);
    if obj.is_empty() && (who.len() < 2 || ctx.doc.t.lower(v) != "met") {
        return None;
    }
    // "X and Y separately met with Z": a meeting of each with Z.
    let separately = (v.saturating_sub(2)..v).any(|k| ctx.doc.t.is_word(k, "separately"));
    if separately && who.len() > 1 && !obj.is_empty() {
        let place = ctx.place(ents, v, false).map(|p| p.0);
        let date = ctx.date(v);
        for p in &who {
            let mut all = vec![p.clone()];
            all.extend(obj.iter().filter(|o| *o != p).cloned());
            out.push(Found {
                kind,
                who: all,
                place: place.clone(),
                date,
                a,
                b,
            });
        }
        return None;
    }
    join_people(&mut who, obj);
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

/// "meeting-noun": "X held talks with Y", "X had a working dinner with Y", "X's meeting
/// with Y"; "X held separate meetings with Y and Z" is one meeting with each; "X spoke
/// in a working meeting with Y" (see "adjunct-with").
fn meeting_noun(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, out: &mut Vec<Found>) {
    let doc = ctx.doc;
    let Some(with) = ctx.ahead(v, 3, "with") else {
        match ctx.ahead(v, BETWEEN, "between") {
            Some(bw) => out.extend(talks_between(ctx, ents, v, bw)),
            None => out.extend(their_meeting(ctx, ents, v)),
        }
        return;
    };
    // "the council meeting with the press": the noun needs a verb or a possessive
    // before it, not a modifier of a larger noun phrase.
    let (mut who, mut a) = ctx.back(v);
    if who.is_empty() {
        if let Some((w, x)) = adjunct_subject(ctx, v) {
            (who, a) = (w, x);
        }
    }
    let (obj, b) = ctx.guests(with);
    if who.is_empty() || obj.is_empty() {
        return;
    }
    let place = ctx.place(ents, v, false).map(|p| p.0);
    let date = ctx.date(v);
    let separate =
        (v.saturating_sub(2)..v).any(|k| matches!(doc.t.lower(k), "separate" | "separately"));
    let groups: Vec<Vec<PersonRef>> = if separate {
        obj.into_iter().map(|p| vec![p]).collect()
    } else {
        vec![obj]
    };
    for g in groups {
        let mut all = who.clone();
        for p in g {
            if !all.contains(&p) {
                all.push(p);
            }
        }
        out.push(Found {
            kind: EventKind::Meeting,
            who: all,
            place: place.clone(),
            date,
            a,
            b,
        });
    }
}

/// Rule "also-present": "Also present were X and Y", "Present at the meeting were X and
/// Y": the people named join the latest meeting read at most [`JOURNEY`] tokens before
/// (none read: nothing, a presence is no meeting by itself).
fn also_present(ctx: &Ctx<'_, '_, '_>, v: usize, state: &State, out: &mut [Found]) {
    let doc = ctx.doc;
    let opens = v == 0
        || !ctx.same_sentence(v - 1, v)
        || (doc.t.is_word(v - 1, "also") && (v < 2 || !ctx.same_sentence(v - 2, v)));
    let Some(were) = ctx.ahead(v, 6, "were").or_else(|| ctx.ahead(v, 6, "was")) else {
        return;
    };
    // Only "at the meeting" between "present" and the verb.
    let plain = (v + 1..were).all(|k| {
        let w = doc.t.lower(k);
        matches!(w, "at" | "the" | "during" | "in") || words::meeting_noun(w)
    });
    if !opens || !plain {
        return;
    }
    let (people, _) = ctx.forward_within(were, "who", LIST_WINDOW);
    let latest = state.meeting.as_ref().filter(|m| v - m.0 <= JOURNEY);
    if let Some(f) = latest.and_then(|m| m.1).and_then(|i| out.get_mut(i)) {
        for p in people {
            if !f.who.contains(&p) {
                f.who.push(p);
            }
        }
    }
}

/// "attendance": "The meeting was attended by X and Y", "Attending the talks were X and
/// Y": the attendees join the latest meeting read at most [`JOURNEY`] tokens before (its
/// host too, when only the host was named), else they met together.
fn attendance(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    v: usize,
    state: &State,
    out: &mut Vec<Found>,
) {
    let doc = ctx.doc;
    let noun_before = (v.saturating_sub(3)..v).any(|k| words::meeting_noun(doc.t.lower(k)));
    let from = if doc.t.lower(v) == "attended" {
        if !doc.t.is_word(v + 1, "by") || !noun_before {
            return;
        }
        v + 1
    } else {
        let Some(noun) = (v + 1..v + 4).find(|&k| words::meeting_noun(doc.t.lower(k))) else {
            return;
        };
        let Some(were) = ctx
            .ahead(noun, 6, "were")
            .or_else(|| ctx.ahead(noun, 6, "was"))
        else {
            return;
        };
        were
    };
    let (attendees, b) = ctx.forward_within(from, "who", LIST_WINDOW);
    if attendees.is_empty() {
        return;
    }
    let latest = state.meeting.as_ref().filter(|m| v - m.0 <= JOURNEY);
    if let Some(f) = latest.and_then(|m| m.1).and_then(|i| out.get_mut(i)) {
        for p in attendees {
            if !f.who.contains(&p) {
                f.who.push(p);
            }
        }
        return;
    }
    let mut who = latest.map(|m| m.2.clone()).unwrap_or_default();
    join_people(&mut who, attendees);
    out.push(Found::at(ctx, ents, v, EventKind::Meeting, who, (v, b)));
}

/// Tokens from a meeting's noun to its "between" ("talks in Oslo brokered by Norway
/// between").
const BETWEEN: usize = 8;

/// Rule "talks-between": "talks between X and Y", "X took part in talks in Oslo between Y
/// and Z": everyone the sentence names after "between" (two people at least), with the
/// people chained before the noun or the subject of "took part in" / "participated in".
fn talks_between(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, bw: usize) -> Option<Found> {
    let doc = ctx.doc;
    // "the talks with X between Y": the noun's own "with" reads it.
    if (v + 1..bw).any(|k| doc.t.is_word(k, "with") || ctx.person(k).is_some()) {
        return None;
    }
    let (obj, b) = ctx.named_after(bw);
    if obj.len() < 2 {
        return None;
    }
    // "took part in talks", "participated in the talks"
    let part = (v.saturating_sub(4)..v).find(|&k| {
        (doc.t.is_word(k, "part") && k > 0 && matches!(doc.t.lower(k - 1), "took" | "takes"))
            || doc.t.is_word(k, "participated")
    });
    let (mut who, a) = match part {
        Some(k) => ctx.back(k - usize::from(doc.t.is_word(k, "part"))),
        None => ctx.back(v),
    };
    join_people(&mut who, obj);
    Some(Found::at(
        ctx,
        ents,
        v,
        EventKind::Meeting,
        who,
        (a.min(v), b),
    ))
}

/// "their-meeting": "X and Y, during their meeting on Monday, discussed ...", "X and
/// his counterpart Y at their talks": the people named before "their" met.
fn their_meeting(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize) -> Option<Found> {
    let doc = ctx.doc;
    if v < 2 || !doc.t.is_word(v - 1, "their") {
        return None;
    }
    let mut p = v - 1;
    if matches!(doc.t.lower(p - 1), "during" | "at" | "in" | "after") {
        p -= 1;
    }
    let (who, a) = ctx.back(p);
    if who.len() < 2 {
        return None;
    }
    Some(Found::at(ctx, ents, v, EventKind::Meeting, who, (a, v + 1)))
}

/// "discussed-with": "X discussed the border with Y" (a "with" and a person at most 12
/// tokens after the verb).
fn discussed_with(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize) -> Option<Found> {
    let with = ctx.ahead(v, 12, "with")?;
    let (mut who, a) = ctx.back(v);
    let (obj, b) = ctx.forward(with);
    if who.is_empty() || obj.is_empty() {
        return None;
    }
    join_people(&mut who, obj);
    Some(Found::at(ctx, ents, v, EventKind::Meeting, who, (a, b)))
}

/// "call-phone": "X spoke by phone with Y", a phone or video call; the people on either
/// side of the call. Also rule "call-noun": "X had a call with Y", "X held a call with Y"
/// (the bare noun needs "with" after it), and, through "adjunct-with", a call in a
/// prepositional phrase: "X said in a phone call with Y", "In a telephone conversation
/// with Y, X said", "during a call with Y".
fn call_phone(ctx: &Ctx<'_, '_, '_>, v: usize, kind: EventKind) -> Option<Found> {
    let doc = ctx.doc;
    let w = doc.t.lower(v);
    let bare = matches!(w, "call" | "calls");
    if bare
        && (!doc.t.is_word(v + 1, "with")
            || matches!(
                doc.t.lower(v.wrapping_sub(1)),
                "phone" | "telephone" | "video"
            ))
    {
        return None;
    }
    // "phone call", "by phone", "video call": the call's noun and its verb.
    let noun = bare || words::phone(doc.t.lower(v + 1)) || w == "phoned" || w == "videoconference";
    let by = matches!(doc.t.lower(v.wrapping_sub(1)), "by" | "over" | "via");
    let verb = (v.saturating_sub(4)..v).find(|&k| words::call_verb(doc.t.lower(k)));
    let adjunct = if verb.is_none() && noun && w != "phoned" {
        adjunct_subject(ctx, v)
    } else {
        None
    };
    if !(noun || by) || !(verb.is_some() || w == "phoned" || adjunct.is_some()) {
        return None;
    }
    // The callers stand before the verb: "X spoke by phone with Y".
    let (mut who, a) = match adjunct {
        Some(x) => x,
        None => ctx.back(verb.unwrap_or(v)),
    };
    let (obj, b) = ctx.forward(v + usize::from(noun && !bare && w != "phoned"));
    join_people(&mut who, obj);
    Some(Found {
        kind,
        who,
        place: None,
        date: ctx.date(v),
        a,
        b,
    })
}

/// Tokens between an adjunct's preposition and its noun ("after a three-day state visit").
const ADJUNCT: usize = 6;

/// Rule "adjunct-with": a meeting or call noun in a prepositional phrase ("in a bilateral
/// meeting with Y", "during a phone call with Y", "at talks with Y") names one side; the
/// other is the clause's subject (a visit's noun there is the subject's visit: "X left
/// Oslo after a two-day visit to Norway", "During a visit to Y, X met Z"; not after "the",
/// which refers to a happening reported before: "After the meeting with Y, X said"): the people chained before the preposition ("X, in a
/// call with Y,"), else the first person the sentence names before it outside quotation
/// marks and not as a possessor ("X spoke in a working meeting with Y", '"...," X said
/// in a call with Y'), else, when the phrase opens the sentence, the person after its
/// comma ("In a call with Y, X said"). Returns them and the first token read.
fn adjunct_subject(ctx: &Ctx<'_, '_, '_>, v: usize) -> Option<(Vec<PersonRef>, usize)> {
    let doc = ctx.doc;
    // The preposition, with only determiners and modifiers between it and the noun.
    let mut p = v;
    while p > 0 && v - p <= ADJUNCT && ctx.same_sentence(p - 1, v) {
        let w = doc.t.lower(p - 1);
        if words::adjunct_prep(w) {
            break;
        }
        if !words::adjunct_modifier(w) && doc.t.toks[p - 1].kind != crate::tokens::Kind::Num {
            return None;
        }
        p -= 1;
    }
    let p = p
        .checked_sub(1)
        .filter(|&p| words::adjunct_prep(doc.t.lower(p)))?;
    // "After the meeting with Y, X said": a meeting reported before, whose fuller report
    // is that one's.
    if doc.t.is_word(p + 1, "the") {
        return None;
    }
    let (who, a) = ctx.back(p);
    if !who.is_empty() {
        return Some((who, a));
    }
    let mut lo = p;
    while lo > 0 && p - lo < SENTENCE_WINDOW && ctx.same_sentence(lo - 1, p) {
        lo -= 1;
    }
    let mut k = lo;
    let mut quotes = 0usize;
    let mut first: Option<&crate::persons::PersonMention> = None;
    while k < p {
        if doc.t.is_punct(k, "\"") {
            quotes += 1;
            k += 1;
            continue;
        }
        match ctx.person(k) {
            Some(m) => {
                if quotes % 2 == 0 && !doc.t.is_word(m.b, "'s") && first.is_none() {
                    first = Some(m);
                }
                k = m.b.max(k + 1);
            }
            None => k += 1,
        }
    }
    // Quotation marks still open before the preposition: the phrase is quoted words.
    if quotes % 2 == 1 {
        return None;
    }
    if let Some(m) = first {
        return Some((vec![ctx.persons.who(m).clone()], m.a));
    }
    if p != lo {
        return None;
    }
    let hi = (v + SENTENCE_WINDOW).min(doc.len());
    let comma = (v + 1..hi)
        .take_while(|&j| ctx.same_sentence(j, v))
        .find(|&j| doc.t.is_punct(j, ","))?;
    let (who, _) = ctx.forward(comma);
    let first = who.into_iter().next()?;
    Some((vec![first], p))
}

/// "visit-verb": visited, arrived in, travelled to, headed to, went to, drove to, "a
/// visit to", "has been in" (rule "presence"); the visitors before the verb and the
/// place after it (a visit needs its place).
fn visit_verb(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, kind: EventKind) -> Option<Found> {
    let doc = ctx.doc;
    let w = doc.t.lower(v);
    // The noun needs a visitor's possessive or article: "his visit to", "a trip to".
    if matches!(w, "visit" | "trip" | "headed" | "flew" | "went" | "drove")
        && !doc.t.is_word(v + 1, "to")
    {
        return None;
    }
    // Rule "presence": "X has been in Y", "X had been in Y".
    if w == "been" && !(doc.t.is_word(v + 1, "in") && v >= 1 && words::perfect(doc.t.lower(v - 1)))
    {
        return None;
    }
    let at = if matches!(
        w,
        "arrived"
            | "arrives"
            | "travelled"
            | "traveled"
            | "visit"
            | "trip"
            | "headed"
            | "flew"
            | "went"
            | "drove"
            | "been"
    ) {
        v + 1
    } else {
        v
    };
    let (place, end) = ctx.place(ents, at, true)?;
    let (mut who, mut a) = ctx.back(v);
    if who.is_empty() && matches!(w, "visit" | "trip") {
        if let Some((w2, a2)) = visit_owner(ctx, v).or_else(|| adjunct_subject(ctx, v)) {
            who = w2;
            a = a2;
        }
    }
    Some(Found {
        kind,
        who,
        place: Some(place),
        date: ctx.date(v),
        a,
        b: end + 1,
    })
}

/// Tokens before a visit's noun read for its visitor.
const OWNER: usize = 8;

/// Rule "visit-owner": the visitor of a visit's noun the participant walk cannot reach
/// across its modifiers: a possessor ("X's recent official visit to"), a possessive
/// pronoun for the sentence's subject ("X said his three-day visit to", "On his visit to
/// Oslo, X met"), or the subject
/// of a light verb ("X has undertaken an official visit to", "X concluded on Thursday a
/// one-day visit to", "X paid a state visit to"); at most [`OWNER`] tokens back.
fn visit_owner(ctx: &Ctx<'_, '_, '_>, v: usize) -> Option<(Vec<PersonRef>, usize)> {
    let doc = ctx.doc;
    let lo = v.saturating_sub(OWNER);
    for k in (lo..v).rev().take_while(|&k| ctx.same_sentence(k, v)) {
        let w = doc.t.lower(k);
        if w == "'s" && k > 0 {
            let m = ctx.person(k - 1)?;
            return Some((vec![ctx.persons.who(m).clone()], m.a));
        }
        if matches!(w, "his" | "her") {
            if let Some(m) = ctx.subject_before(k) {
                if ctx.same_sentence(m.a, v) {
                    return Some((vec![ctx.owner(m, k, v)], m.a));
                }
            }
            // "On his visit to X, Y ...": the subject after the opening phrase.
            let hi = (v + SENTENCE_WINDOW).min(doc.len());
            let comma = (v + 1..hi)
                .take_while(|&j| ctx.same_sentence(j, v))
                .find(|&j| doc.t.is_punct(j, ","))?;
            let (who, _) = ctx.forward(comma);
            return (!who.is_empty()).then_some((who, k));
        }
        if words::light_verb(w) {
            let (who, a) = ctx.back(k);
            return (!who.is_empty()).then_some((who, a));
        }
        if ctx.persons.at[k] != NONE {
            return None;
        }
    }
    None
}

/// "entourage": the people accompanying a visitor visit too: "During the visit, the
/// president is accompanied by X and Y", "Among those accompanying her on the trip are X
/// and Y", "X and Y accompanied the minister on the tour". The sentence must speak of
/// the journey, or follow a visit read at most [`JOURNEY`] tokens before; the place and
/// the date are the sentence's, else that visit's.
fn entourage(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, state: &State) -> Option<Found> {
    let doc = ctx.doc;
    // Entourages are long lists: read them up to [`LIST_WINDOW`] tokens.
    let (who, a, b) = if doc.t.is_word(v + 1, "by") {
        let (who, b) = ctx.named_after(v + 1);
        (who, v, b)
    } else if doc.t.lower(v) == "accompanying" {
        let are = ctx
            .ahead(v, 15, "are")
            .or_else(|| ctx.ahead(v, 15, "were"))?;
        let (who, b) = ctx.named_after(are);
        (who, v, b)
    } else {
        // "X, Y, officials of the area and Z accompanied the minister": everyone the
        // sentence names before the verb.
        let mut who: Vec<PersonRef> = Vec::new();
        let mut a = v;
        let lo = v.saturating_sub(LIST_WINDOW);
        for k in (lo..v).rev().take_while(|&k| ctx.same_sentence(k, v)) {
            if let Some(m) = ctx.person(k) {
                if !who.contains(ctx.persons.who(m)) {
                    who.push(ctx.persons.who(m).clone());
                }
                a = m.a;
            }
        }
        who.reverse();
        (who, a, v + 1)
    };
    if who.is_empty() {
        return None;
    }
    let lo = v.saturating_sub(SENTENCE_WINDOW);
    let hi = (v + SENTENCE_WINDOW).min(doc.len());
    let journey = (lo..hi)
        .filter(|&k| ctx.same_sentence(k, v))
        .any(|k| words::visit_cue(doc.t.lower(k)));
    let earlier = state.visit.as_ref().filter(|e| v - e.0 <= JOURNEY);
    if !journey && earlier.is_none() {
        return None;
    }
    // The journey's place, unless the sentence names another; a country that holds the
    // journey's place is the same journey ("arrived in Oslo ... during his visit to
    // Norway, he was accompanied by").
    let journey_place = earlier.and_then(|e| e.1.clone());
    let place = match (ctx.place(ents, v, false).map(|p| p.0), journey_place) {
        (Some(p), Some(j)) if holds(ents, &p, &j) => Some(j),
        (Some(p), _) => Some(p),
        (None, j) => j,
    };
    let date = ctx
        .date(v)
        .filter(|d| d.date.is_some())
        .or_else(|| earlier.and_then(|e| e.2));
    Some(Found {
        kind: EventKind::Visit,
        who,
        place,
        date,
        a,
        b,
    })
}

/// Is `outer` a country and `inner` a place of it?
fn holds(ents: &Entities, outer: &PlaceRef, inner: &PlaceRef) -> bool {
    let loc = |p: &PlaceRef| ents.locations.get(p.location?);
    match (loc(outer), loc(inner)) {
        (Some(o), Some(i)) => {
            o.kind == crate::model::LocationKind::Country
                && i.kind != crate::model::LocationKind::Country
                && o.country.is_some()
                && o.country == i.country
        }
        _ => false,
    }
}

/// "appointment-verb": appointed, named, sworn in, elected, "re-elected"; the object of
/// an active verb or the subject of a passive one; "among those appointed are X and Y".
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
    // "re-elected": the verb's first token is "re".
    let s = if v >= 2 && doc.t.is_punct(v - 1, "-") && doc.t.is_word(v - 2, "re") {
        v - 2
    } else {
        v
    };
    // "the elected president", "a newly appointed envoy": an adjective, no event.
    if s >= 1 && matches!(doc.t.lower(s - 1), "the") {
        return None;
    }
    // "X sworn in as" (a headline) is passive too; "the president has sworn in X" is not.
    let has = s >= 1 && matches!(doc.t.lower(s - 1), "has" | "have" | "had" | "officially");
    // Rule "coordinated-passive": "X was promoted to general and appointed minister": the
    // auxiliary of the passive the verb is coordinated with.
    let coordinated = ctx.coordinated_passive(s);
    let passive = (s.saturating_sub(2)..s).any(|k| words::passive(doc.t.lower(k)))
        || (w == "sworn" && !has)
        || coordinated.is_some();
    // "Among those appointed are X and Y"
    let those = s >= 1
        && doc.t.is_word(s - 1, "those")
        && matches!(doc.t.lower(at + 1), "is" | "are" | "was" | "were");
    let (who, a, b) = if those {
        let (who, b) = ctx.forward_until(at + 1, "as");
        (who, v, b)
    } else if passive {
        // Back from the auxiliary: "X is promoted", "X has been appointed".
        let aux = (s.saturating_sub(2)..s)
            .find(|&k| words::passive(doc.t.lower(k)))
            .or(coordinated)
            .unwrap_or(s);
        let (who, a) = ctx.back(aux);
        (who, a, at + 1)
    } else {
        let (who, b) = ctx.forward_until(at, "as");
        (who, v, b)
    };
    // "a man named X" is no appointment: "named" needs "as", "to" or a passive.
    if w == "named" && !passive && !doc.t.is_word(b, "as") && !doc.t.is_word(b, "to") {
        return None;
    }
    Some(Found::at(ctx, ents, v, kind, who, (a, b)))
}

/// "appointee-list": after an appointment's verb, every person of the sentence given a
/// post with "as" or "to be": "appointed X as minister of finance, Y as minister of
/// health and Z, a former judge, as attorney general"; "X was sworn in as minister, Y as
/// deputy". Read up to [`LIST_WINDOW`] tokens after the verb.
fn appointee_list(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize, out: &mut Vec<Found>) {
    let doc = ctx.doc;
    let n = doc.len();
    let mut k = v + 1;
    let mut who: Vec<PersonRef> = Vec::new();
    let mut last = v + 1;
    while k < n && k - v < LIST_WINDOW && ctx.same_sentence(k, v) {
        let Some(m) = ctx.person(k) else {
            k += 1;
            continue;
        };
        let end = m.b.max(k + 1);
        if let Some(j) = ctx.posted(m.a, m.b) {
            if !who.contains(ctx.persons.who(m)) {
                who.push(ctx.persons.who(m).clone());
                last = j;
            }
        }
        k = end;
    }
    if who.is_empty() {
        return;
    }
    out.push(Found::at(
        ctx,
        ents,
        v,
        EventKind::Appointment,
        who,
        (v, last + 1),
    ));
}

/// "designation": a person announced to a post: "X will take over as head of the
/// council", "X will serve as envoy", "X becomes the new minister", "X will be the new
/// minister of finance", "X is the new governor", "X took over as chief", "X will
/// replace Y as minister" (X, not Y), "X took over from Y as chief", "X will head the
/// Ministry of Trade", "with Y being the minister for water", "with Y coming in as the
/// assistant minister", "X, who becomes the minister". Needs a post
/// after the construction (a title, a capitalized name or a post's head noun); not after
/// a denial or a condition.
fn designation(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize) -> Option<Found> {
    let doc = ctx.doc;
    if post_first_be(doc, v) {
        return inverse_designation(ctx, ents, v);
    }
    let post = designated_post(ctx, v)?;
    let verb = if doc.t.lower(v) == "new" { v - 2 } else { v };
    if !ctx.post_at(post) || ctx.denied(verb) {
        return None;
    }
    let s = designation_subject(ctx, verb)?;
    let (who, a) = ctx.back(s);
    let who: Vec<PersonRef> = who.into_iter().last().into_iter().collect();
    if who.is_empty() {
        return None;
    }
    Some(Found::at(
        ctx,
        ents,
        v,
        EventKind::Appointment,
        who,
        (a, post + 1),
    ))
}

/// "will be" with no determiner after it: the post comes first ("The Minister for
/// Justice will be former judge X"), see [`inverse_designation`].
fn post_first_be(doc: &Doc<'_, '_>, v: usize) -> bool {
    doc.t.is_word(v, "be")
        && v >= 1
        && matches!(doc.t.lower(v - 1), "will" | "would")
        && !matches!(doc.t.lower(v + 1), "the" | "his" | "her" | "their")
}

/// Where the post starts after the designation word at `v` ("took over as [chief]",
/// "will replace Y as [minister]", "becomes [the new minister]"), if the construction
/// around the word is one.
fn designated_post(ctx: &Ctx<'_, '_, '_>, v: usize) -> Option<usize> {
    let doc = ctx.doc;
    let post = match doc.t.lower(v) {
        "take" | "takes" | "took" => {
            // "took over as", "took oath as", "took the oath as", "took over from Y as"
            let o = v + 1 + usize::from(doc.t.is_word(v + 1, "the"));
            let mut at = o + 1;
            if doc.t.is_word(o, "over") && doc.t.is_word(at, "from") {
                at = ctx.person(at + 1)?.b;
            }
            (matches!(doc.t.lower(o), "over" | "oath") && doc.t.is_word(at, "as"))
                .then_some(at + 1)?
        }
        // "X will replace Y as minister", "X succeeds Y as chief"
        "replace" | "replaces" | "replaced" | "succeed" | "succeeds" | "succeeded" => {
            let m = ctx.person(v + 1)?;
            doc.t.is_word(m.b, "as").then_some(m.b + 1)?
        }
        "serve" => doc.t.is_word(v + 1, "as").then_some(v + 2)?,
        "become" | "becomes" => v + 1,
        // "X will head the ministry of trade"
        "head" => {
            let aux = v >= 1 && matches!(doc.t.lower(v - 1), "will" | "would");
            (aux && doc.t.is_word(v + 1, "the") && doc.is_cap_word(v + 2)).then_some(v + 2)?
        }
        // "with Y being the minister for water"
        "being" => doc.t.is_word(v + 1, "the").then_some(v + 1)?,
        // "with Y coming in as the assistant minister"
        "coming" => (doc.t.is_word(v + 1, "in") && doc.t.is_word(v + 2, "as")).then_some(v + 3)?,
        "be" => {
            // "will be the new minister", "will be the Minister for Health"; not "will be
            // the first woman" or "will be the party leader".
            // "will be his Minister of Economy"
            let aux = v >= 1 && matches!(doc.t.lower(v - 1), "will" | "would");
            let det = matches!(doc.t.lower(v + 1), "the" | "his" | "her" | "their");
            let named = doc.t.is_word(v + 2, "new")
                || (doc.is_cap_word(v + 2)
                    && (doc.title_at(v + 2).0 != 0 || words::post_head(doc.t.lower(v + 2))));
            (aux && det && named).then_some(v + 2)?
        }
        // "X is the new governor"
        _ => {
            let is = v >= 2
                && doc.t.is_word(v - 1, "the")
                && matches!(doc.t.lower(v - 2), "is" | "are" | "becomes");
            is.then_some(v + 1)?
        }
    };
    Some(post)
}

/// Where the subject of the designation verb `verb` ends, `s` (the person is read back
/// from `s`): back over the auxiliaries ("will also be") and a relative "who" ("X, who
/// becomes the minister"); none unless a person or a comma comes right before.
fn designation_subject(ctx: &Ctx<'_, '_, '_>, verb: usize) -> Option<usize> {
    let doc = ctx.doc;
    let mut s = verb;
    while s > 0 && verb - s < 3 && words::subject_aux(doc.t.lower(s - 1)) {
        s -= 1;
    }
    // "X, who becomes the minister": the relative pronoun stands for X.
    if s >= 2 && doc.t.is_word(s - 1, "who") && doc.t.is_punct(s - 2, ",") {
        s -= 2;
    }
    if s == 0 || ctx.person(s - 1).is_none() && !doc.t.is_punct(s - 1, ",") {
        return None;
    }
    Some(s)
}

/// "appointment-noun": "X announced his appointment as head of the council", "Y's
/// appointment as envoy": the owner of the noun (see [`visit_owner`]) with a post after
/// "as".
fn appointment_noun(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize) -> Option<Found> {
    let doc = ctx.doc;
    if !doc.t.is_word(v + 1, "as") || !ctx.post_at(v + 2) {
        return None;
    }
    let (who, a) = visit_owner(ctx, v)?;
    Some(Found::at(
        ctx,
        ents,
        v,
        EventKind::Appointment,
        who,
        (a.min(v), v + 3),
    ))
}

/// "post-first designation": "The Minister for Justice will be former judge X": a post
/// (a capitalized title right before "will be") and the person named after it.
fn inverse_designation(ctx: &Ctx<'_, '_, '_>, ents: &Entities, v: usize) -> Option<Found> {
    let doc = ctx.doc;
    if v < 2 || !doc.is_cap_word(v - 2) || ctx.persons.at[v - 2] != NONE {
        return None;
    }
    // The post runs back to the sentence's start over title words and connectors.
    let mut k = v - 2;
    let mut titled = false;
    while k > 0 && ctx.same_sentence(k - 1, v) && v - k < CLAUSE {
        titled |= doc.title_at(k).0 != 0 || words::post_head(doc.t.lower(k));
        let w = doc.t.lower(k - 1);
        if !(doc.is_cap_word(k - 1) || words::roster_connector(w)) {
            break;
        }
        k -= 1;
    }
    titled |= doc.title_at(k).0 != 0;
    let starts = k == 0 || !ctx.same_sentence(k - 1, v);
    if !titled || !starts {
        return None;
    }
    let (who, b) = ctx.forward(v);
    let who: Vec<PersonRef> = who.into_iter().take(1).collect();
    if who.is_empty() {
        return None;
    }
    Some(Found::at(ctx, ents, v, EventKind::Appointment, who, (k, b)))
}

/// "election-win": "X won the presidential election", "X won the runoff" (what was won at
/// most four tokens after "won").
fn election_win(ctx: &Ctx<'_, '_, '_>, v: usize) -> Option<Found> {
    let doc = ctx.doc;
    let end = (v + 5).min(doc.len());
    let what = (v + 1..end)
        .take_while(|&k| ctx.same_sentence(k, v))
        .find(|&k| words::won_what(doc.t.lower(k)))?;
    let (who, a) = ctx.back(v);
    let who: Vec<PersonRef> = who.into_iter().last().into_iter().collect();
    if who.is_empty() {
        return None;
    }
    Some(Found {
        kind: EventKind::Appointment,
        who,
        place: None,
        date: ctx.date(v),
        a,
        b: what + 1,
    })
}

/// "roster": after a text announces appointees ("named his cabinet", "appointed"), the
/// first run of two lines or more that are each only a person and a post, in either
/// order and with or without a colon or dash between ("Minister of Trade: X", "- X:
/// Minister of Trade", "X - Minister of Trade"): each is an appointment. The run ends at
/// the first other line (a later list, of people dismissed say, is not read).
fn roster(ctx: &Ctx<'_, '_, '_>, cue: usize, out: &mut Vec<Found>) {
    let doc = ctx.doc;
    let n = doc.len();
    let mut run: Vec<Found> = Vec::new();
    let mut k = cue + 1;
    while k < n {
        if !doc.t.toks[k].newline_before {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < n && !doc.t.toks[end].newline_before && end - k <= ROSTER_LINE {
            end += 1;
        }
        match roster_line(ctx, k, end) {
            Some(f) => run.push(f),
            None if run.len() >= 2 => break,
            None => run.clear(),
        }
        k = end;
    }
    if run.len() >= 2 {
        let date = ctx.date(cue).filter(|d| d.date.is_some());
        out.extend(run.into_iter().map(|f| Found { date, ..f }));
    }
}

/// "post-pairs": after a text announces appointees, a sentence giving two people or more
/// a post each with "as" ("the new ministers include X as minister of finance and Y as
/// attorney general"), without a verb of appointment: each is an appointment. One pass
/// over the person mentions after the announcement.
fn post_pairs(ctx: &Ctx<'_, '_, '_>, cue: usize, out: &mut Vec<Found>) {
    let list = &ctx.persons.list;
    let from = list.partition_point(|m| m.a <= cue);
    let mut run: Vec<Found> = Vec::new();
    let mut run_sent = u32::MAX;
    let flush = |run: &mut Vec<Found>, out: &mut Vec<Found>| {
        if run.len() >= 2 {
            out.append(run);
        }
        run.clear();
    };
    for m in list.iter().skip(from) {
        let s = ctx.sent.get(m.a).copied().unwrap_or(u32::MAX);
        if s != run_sent {
            flush(&mut run, out);
            run_sent = s;
        }
        if let Some(j) = ctx.posted(m.a, m.b) {
            let who = ctx.persons.who(m).clone();
            if !run.iter().any(|f| f.who.contains(&who)) {
                run.push(Found {
                    kind: EventKind::Appointment,
                    who: vec![who],
                    place: None,
                    date: None,
                    a: m.a,
                    b: j + 1,
                });
            }
        }
    }
    flush(&mut run, out);
}

/// One roster line `a..b`: a person at the line's start (after a bullet) or right after
/// its colon or dash, and a post on the other side ("X: Minister of Trade", "X - Minister
/// of Trade", "X Minister of Trade", "Minister of Trade: X"); names inside the post
/// ("Minister of Poverty Reduction") are the post's. At most two lowercase words besides
/// the post's connectors, and no full stop at its end.
fn roster_line(ctx: &Ctx<'_, '_, '_>, a: usize, b: usize) -> Option<Found> {
    let doc = ctx.doc;
    if b - a > ROSTER_LINE || doc.t.is_punct(b - 1, ".") {
        return None;
    }
    let sep = |k: usize| matches!(doc.t.lower(k), ":" | "-" | "–" | "—");
    let mut first = a + usize::from(sep(a) || matches!(doc.t.lower(a), "•" | "*"));
    // An honorific before the name ("Dr. X - Minister of Trade").
    while first + 1 < b && ctx.persons.at[first] == NONE && doc.t.lower(first).ends_with('.') {
        first += 1;
    }
    let at_start = ctx.person(first).filter(|m| m.a == first);
    let person = match at_start {
        Some(m) => m,
        None => {
            let s = (first..b).find(|&k| sep(k))?;
            ctx.person(s + 1).filter(|m| m.a == s + 1)?
        }
    };
    let (pa, pb) = (person.a, person.b.min(b));
    let mut post = false;
    let mut loose = 0;
    for k in (first..b).filter(|&k| k < pa || k >= pb) {
        let t = &doc.t.toks[k];
        if doc.title_at(k).0 != 0 || words::post_head(doc.t.lower(k)) {
            post = true;
        } else if t.kind == crate::tokens::Kind::Word
            && !t.cap
            && !words::roster_connector(doc.t.lower(k))
        {
            loose += 1;
        }
    }
    if !post || loose > 2 {
        return None;
    }
    Some(Found {
        kind: EventKind::Appointment,
        who: vec![ctx.persons.who(person).clone()],
        place: None,
        date: None,
        a: pa,
        b: pb,
    })
}

/// The trigger words of the text with the kind each may start, in one pass.
pub fn triggers(doc: &Doc<'_, '_>) -> Vec<(usize, EventKind)> {
    let mut out = Vec::new();
    let by_hash = words::triggers_by_hash();
    for (v, t) in doc.t.toks.iter().enumerate() {
        // The hash's filter bit first: it turns away most tokens, words or not, and the
        // other tests run only for the few it lets through.
        if !by_hash.may_hold(t.hash) {
            continue;
        }
        // Triggers are words of 2 to 15 letters, capitalized only at a sentence start (or
        // in a name's words: "an Official Visit to", "his new Cabinet").
        if t.kind != crate::tokens::Kind::Word || !(2..=15).contains(&(t.cend - t.cstart)) {
            continue;
        }
        match by_hash.get(t.hash) {
            Some((w, kind)) if doc.t.lower(v) == w => {
                if t.cap && !doc.sent_start[v] && !matches!(w, "visit" | "cabinet") {
                    continue;
                }
                out.push((v, kind));
            }
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
    // Every event is read at a trigger (the roster too needs the cue one leaves).
    if triggers.is_empty() {
        return Vec::new();
    }
    let n = doc.len();
    let ctx = Ctx {
        doc,
        persons,
        item,
        sent: sentences(doc),
    };
    let mut out: Vec<Event> = Vec::new();
    let mut seen = HashMap::default();
    let mut state = State::default();
    let mut found: Vec<Found> = Vec::new();
    for &(v, kind) in triggers {
        read(&ctx, ents, v, kind, &mut state, &mut found);
    }
    if let Some(cue) = state.roster_cue {
        roster(&ctx, cue, &mut found);
        post_pairs(&ctx, cue, &mut found);
    }
    found.sort_by_key(|f| f.a);
    frame(&ctx, ents, &mut found, state.ceremony.as_ref());
    for f in split_appointees(found) {
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
        merge(&mut out, &mut seen, &ents.locations, ev);
    }
    out
}

/// Rule "appointment-frame": the appointments of one item are one announcement, so one
/// read without a date or a place takes the first date (else the date the text gives
/// before its first appointment, at most [`FRAME`] tokens before it) and the
/// first place of the others, else the place of the swearing-in ("X was appointed
/// minister on Friday in the capital. Y takes over as governor" dates Y's appointment on
/// Friday).
fn frame(ctx: &Ctx<'_, '_, '_>, ents: &Entities, found: &mut [Found], ceremony: Option<&PlaceRef>) {
    // Appointments of somebody: a verb that named nobody frames nothing.
    let appointments = || {
        found
            .iter()
            .filter(|f| f.kind == EventKind::Appointment && !f.who.is_empty())
    };
    let Some(first) = appointments().map(|f| f.a).next() else {
        return;
    };
    let date = appointments()
        .find_map(|f| f.date.filter(|d| d.date.is_some()))
        .or_else(|| {
            let lo = first.saturating_sub(FRAME);
            dates::find(ctx.doc, ctx.item, lo, first)
                .into_iter()
                .rev()
                .find(|d| d.date.is_some() && !ctx.other_time(d) && !earlier_step(ctx, d))
        });
    let place = appointments()
        .find_map(|f| f.place.clone())
        .or_else(|| ceremony.cloned())
        .or_else(|| setting(ctx, ents, first, found));
    for f in found.iter_mut() {
        if f.kind != EventKind::Appointment {
            continue;
        }
        if f.date.is_none_or(|d| d.date.is_none()) && date.is_some() {
            f.date = date;
        }
        if f.place.is_none() {
            f.place.clone_from(&place);
        }
    }
}

/// Tokens before a date read for "after" (see [`earlier_step`]).
const STEP: usize = 20;

/// Rule "earlier-step": a date after "after", "following" or "since" in its sentence (at
/// most [`STEP`] tokens before it) dates a step before the appointment ("sworn in ...
/// The oath came after a hearing in parliament on Tuesday"), not the appointment:
/// the frame does not take it.
fn earlier_step(ctx: &Ctx<'_, '_, '_>, d: &DateSpan) -> bool {
    (d.a.saturating_sub(STEP)..d.a)
        .filter(|&k| ctx.same_sentence(k, d.a))
        .any(|k| matches!(ctx.doc.t.lower(k), "after" | "following" | "since"))
}

/// The setting of an announcement whose first appointment is read at token `first`: a
/// place after "in" or "at" in the text before it (at most [`FRAME`] tokens, the
/// paragraphs before it included: "X expanded the cabinet in Y on Friday.\n\nZ was
/// sworn in as ..."), not that of a planned happening ("will hold a summit in Y") nor
/// one in the sentence of another event ("X met Y in Oslo" is the meeting's place), else
/// the dateline's place (a place that opens the text: "OSLO, May 3 - ...").
fn setting(
    ctx: &Ctx<'_, '_, '_>,
    ents: &Entities,
    first: usize,
    found: &[Found],
) -> Option<PlaceRef> {
    let doc = ctx.doc;
    let link = |k: usize| {
        let l = ctx.persons.loc_at[k];
        (l != NONE && ctx.persons.at[k] == NONE)
            .then(|| ents.locations.get(l as usize))
            .flatten()
            .map(|loc| PlaceRef {
                name: loc.name.clone(),
                location: Some(l as usize),
            })
    };
    let lo = first.saturating_sub(FRAME);
    let after_prep = (lo..first)
        .rev()
        .filter(|&k| k > 0 && matches!(doc.t.lower(k - 1), "in" | "at"))
        .filter(|&k| !planned_before(ctx, k))
        .filter(|&k| {
            !found
                .iter()
                .filter(|f| f.kind != EventKind::Appointment)
                .any(|f| (f.a <= k && k < f.b) || ctx.same_sentence(f.a, k))
        })
        .find_map(link);
    after_prep.or_else(|| {
        // The dateline: the text's first token, followed by a comma or a dash.
        let l = link(0)?;
        let end = (1..doc.len().min(6)).find(|&k| ctx.persons.loc_at[k] == NONE)?;
        matches!(doc.t.lower(end), "," | "-" | "–" | ":").then_some(l)
    })
}

/// Tokens before a place read for a plan (see [`planned_before`]).
const PLAN: usize = 20;

/// Is the place at token `k` that of a planned happening ("will hold a two-day summit of
/// leaders in X", "is scheduled to meet in X"): a word of a plan before it in its clause
/// (back to a comma or the sentence's start, at most [`PLAN`] tokens)?
fn planned_before(ctx: &Ctx<'_, '_, '_>, k: usize) -> bool {
    let doc = ctx.doc;
    (k.saturating_sub(PLAN)..k)
        .rev()
        .take_while(|&j| ctx.same_sentence(j, k) && !doc.t.is_punct(j, ","))
        .any(|j| words::planned(doc.t.lower(j)))
}

/// An appointment of several people is one appointment each (each their own post).
fn split_appointees(found: Vec<Found>) -> Vec<Found> {
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        if f.kind == EventKind::Appointment && f.who.len() > 1 {
            for p in &f.who {
                out.push(Found {
                    who: vec![p.clone()],
                    place: f.place.clone(),
                    ..f
                });
            }
        } else {
            out.push(f);
        }
    }
    out
}

/// An event's identity for merging: kind, participants' surnames, a visit's place.
type Key = (EventKind, Vec<String>, Option<String>);

/// Events read before that a visit to a country may be a report of (the last ones).
const SAME_JOURNEY: usize = 16;

/// Rule "one-event-per-happening": an event of the same kind with the same people (and,
/// for a visit, the same place) is the one reported before; it keeps the first report
/// and takes the date and place it lacked. A visit to a country by people who visited a
/// place of that country among the last [`SAME_JOURNEY`] events is that visit ("arrived
/// in Oslo ... during his visit to Norway").
fn merge(
    out: &mut Vec<Event>,
    seen: &mut HashMap<Key, usize>,
    locations: &[crate::model::Location],
    ev: Event,
) {
    if ev.kind == EventKind::Visit {
        let country_of = |e: &Event| {
            let l = locations.get(e.place.as_ref()?.location?)?;
            Some((l.kind == crate::model::LocationKind::Country, l.country?))
        };
        if let Some((true, cc)) = country_of(&ev) {
            let lo = out.len().saturating_sub(SAME_JOURNEY);
            let same = out.iter().skip(lo).any(|e| {
                e.kind == EventKind::Visit
                    && e.participants == ev.participants
                    && country_of(e).is_some_and(|(_, c)| c == cc)
            });
            if same {
                return;
            }
        }
    }
    // Full names: two people may share a surname ("Bindu Thapa", "Deepak Thapa").
    let mut people: Vec<String> = ev
        .participants
        .iter()
        .map(|p| p.name.to_lowercase())
        .collect();
    sort_by_surname(&mut people);
    people.dedup();
    let place = (ev.kind == EventKind::Visit)
        .then(|| ev.place.as_ref().map(|p| p.name.clone()))
        .flatten();
    // The key moves into the map (or is dropped): no copy of it for the lookup.
    match seen.entry((ev.kind, people, place)) {
        std::collections::hash_map::Entry::Occupied(seen) => {
            if let Some(e) = out.get_mut(*seen.get()) {
                if e.date.is_none() && ev.date.is_some() {
                    e.date = ev.date;
                    e.date_text = ev.date_text;
                }
                if e.place.is_none() {
                    e.place = ev.place;
                }
            }
        }
        std::collections::hash_map::Entry::Vacant(seen) => {
            seen.insert(out.len());
            out.push(ev);
        }
    }
}

/// Sorts lowercased names by surname (last word), then whole name: the order of
/// `sort_by_cached_key(|n| (surname(n), n.clone()))` with `surname` the last word
/// lowercased (the form this replaced; see the tests), without a copy of either per
/// name. The names are lowercase already, and lowercasing a lowercase string changes
/// nothing (tested on every char), so a name's last word is its `surname`.
fn sort_by_surname(names: &mut [String]) {
    fn last(n: &str) -> &str {
        n.split_whitespace().last().unwrap_or("")
    }
    names.sort_by(|a, b| (last(a), a).cmp(&(last(b), b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lowercasing is idempotent char by char: whatever a char lowercases to lowercases to
    /// itself (and is no capital sigma, whose lowercase depends on its context), so a
    /// lowercased name's words are their own `surname`.
    #[test]
    fn a_lowercase_char_lowercases_to_itself() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for d in c.to_lowercase() {
                assert_ne!(d, 'Σ');
                assert!(d.to_lowercase().eq([d]), "{c:?} -> {d:?}");
                assert_eq!(d.is_whitespace(), c.is_whitespace(), "{c:?}");
            }
        }
    }

    /// The surname key the merge sorted by before [`sort_by_surname`]: the last word,
    /// lowercased.
    fn surname(name: &str) -> String {
        name.split_whitespace().last().unwrap_or("").to_lowercase()
    }

    #[test]
    fn names_sort_by_surname_as_with_a_cached_key() {
        let names = [
            "Bindu Thapa",
            "Deepak Thapa",
            "THAPA",
            "Antony Blinken",
            "Sergei Lavrov",
            "Recep Tayyip ERDOĞAN",
            "İsmail Kahraman",
            "ΟΔΥΣΣΕΑΣ ΠΑΠΑΣ",
            "Jean-Yves Le Drian",
            "Le Drian",
            "",
            "  ",
            "Mohammed bin Salman",
            "Salman",
        ];
        for start in 0..names.len() {
            let mut lower: Vec<String> = (names.iter().cycle().skip(start).take(names.len()))
                .map(|n| n.to_lowercase())
                .collect();
            let mut cached = lower.clone();
            cached.sort_by_cached_key(|n| (surname(n), n.clone()));
            sort_by_surname(&mut lower);
            assert_eq!(lower, cached);
        }
    }

    /// Runs `f` on the events context of `text`, tagged and enriched as the pass table
    /// does, and on the text's tokens' lowercase forms.
    fn with_ctx(text: &str, f: impl FnOnce(&Ctx<'_, '_, '_>)) {
        let enricher = crate::Enricher::new().expect("bundled data loads");
        let ents = enricher.enrich(text);
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &enricher.lex);
        let persons = crate::persons::build(&doc, &ents);
        let ctx = Ctx {
            doc: &doc,
            persons: &persons,
            item: None,
            sent: sentences(&doc),
        };
        f(&ctx);
    }

    /// The index of the first token whose lowercase form is `w`.
    fn at(ctx: &Ctx<'_, '_, '_>, w: &str) -> usize {
        (0..ctx.doc.len())
            .find(|&k| ctx.doc.t.is_word(k, w))
            .expect("the word is in the text")
    }

    #[test]
    fn a_designation_reads_its_post_after_the_construction() {
        with_ctx("Ivo Marek will serve as Minister of Trade.", |ctx| {
            let v = at(ctx, "serve");
            assert_eq!(designated_post(ctx, v), Some(v + 2));
            // Back over "will" to the name.
            assert_eq!(designation_subject(ctx, v), Some(v - 1));
        });
        with_ctx("Maria Stone will be the first woman to climb it.", |ctx| {
            let v = at(ctx, "be");
            assert!(!post_first_be(ctx.doc, v));
            assert_eq!(designated_post(ctx, v), None);
        });
        with_ctx("Ruth Adler will be the new Minister of Health.", |ctx| {
            let v = at(ctx, "be");
            assert!(!post_first_be(ctx.doc, v));
            assert_eq!(designated_post(ctx, v), Some(v + 2));
        });
        with_ctx("The rain will serve as a warning.", |ctx| {
            // No person and no comma right before the auxiliaries.
            assert_eq!(designation_subject(ctx, at(ctx, "serve")), None);
        });
    }

    #[test]
    fn will_be_without_a_determiner_puts_the_post_first() {
        with_ctx(
            "The Minister for Justice will be former judge Karl Jensen.",
            |ctx| {
                assert!(post_first_be(ctx.doc, at(ctx, "be")));
            },
        );
    }

    /// The filter's bit lets every trigger word's hash through, and the scan with it first
    /// finds the triggers the tests in their former order (kind and length first, then
    /// the map) find, on a text with triggers in every casing and position and words and
    /// punctuation around them.
    #[test]
    fn triggers_with_the_filter_first_are_the_triggers_of_the_full_tests() {
        let by_hash = words::triggers_by_hash();
        for &(w, _) in words::TRIGGERS {
            assert!(by_hash.may_hold(crate::tokens::hash_str(w)), "{w}");
        }
        let enricher = crate::Enricher::new().expect("bundled data loads");
        let mut text = String::from("Met. MET, met; Visit visits a Cabinet (cabinet) - . ! ");
        for &(w, _) in words::TRIGGERS {
            text.push_str(&format!(
                "He {w} them. {} again, x{w} {w}s; ",
                w.to_uppercase()
            ));
        }
        let mut lower = String::new();
        let doc = crate::tag::tag(&text, &mut lower, &enricher.lex);
        let mut expected = Vec::new();
        for (v, t) in doc.t.toks.iter().enumerate() {
            if t.kind != crate::tokens::Kind::Word || !(2..=15).contains(&(t.cend - t.cstart)) {
                continue;
            }
            if let Some((w, kind)) = by_hash.get(t.hash).filter(|&(w, _)| doc.t.lower(v) == w) {
                if !(t.cap && !doc.sent_start[v] && !matches!(w, "visit" | "cabinet")) {
                    expected.push((v, kind));
                }
            }
        }
        assert!(expected.len() > words::TRIGGERS.len(), "{}", expected.len());
        assert_eq!(triggers(&doc), expected);
        // The filter turns away most words that are no trigger.
        let others = [
            "the",
            "said",
            "on",
            "monday",
            "government",
            "of",
            "and",
            "in",
            "a",
        ];
        let mut plain = String::new();
        for i in 0..200 {
            plain.push_str(&format!("{} word{i} ", others[i % others.len()]));
        }
        let mut lower2 = String::new();
        let doc = crate::tag::tag(&plain, &mut lower2, &enricher.lex);
        let passed = doc
            .t
            .toks
            .iter()
            .filter(|t| by_hash.may_hold(t.hash))
            .count();
        assert!(passed * 5 < doc.len(), "{passed} of {}", doc.len());
    }
}
