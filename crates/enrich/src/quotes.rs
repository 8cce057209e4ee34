//! Quotes: spans in quotation marks of three words or more that the text attributes to a
//! speaker, with the speaker resolved to a person (an official's entry when the person is
//! one) or, for words given as a body's, to the body.
//!
//! Quotation marks pair inside a paragraph; a mark left open at a paragraph's end is a
//! quote running on, one quote per paragraph. The attribution is read by named rules in a
//! bounded window after the closing mark and before the opening one, so the pass is
//! linear in the text: no quote looks further back than [`BACK_WINDOW`] tokens or
//! [`PERSON_WINDOW`] person mentions.

use crate::model::{Entities, PersonRef, Quote};
use crate::officials::names;
use crate::persons::{Persons, NONE};
use crate::scan::Doc;
use crate::tokens::Kind;

/// Tokens read before an opening mark for "X said that Y "..."".
const BACK_WINDOW: usize = 30;
/// Tokens read after a closing mark for "," he said".
const AFTER_WINDOW: usize = 16;
/// Tokens of the sentence before a paragraph-long quote read for its speaker.
const REPORT_WINDOW: usize = 60;
/// Person mentions looked back over for "the Secretary said".
const PERSON_WINDOW: usize = 12;
/// Fewest words a quote has; fewer is a scare quote or a term.
const MIN_WORDS: usize = 3;

/// The construction words of the quotes pass.
pub mod words {
    /// Verbs that attribute words to a speaker.
    pub fn speech_verb(w: &str) -> bool {
        matches!(
            w,
            "said"
                | "says"
                | "say"
                | "added"
                | "adds"
                | "told"
                | "tells"
                | "stated"
                | "states"
                | "noted"
                | "notes"
                | "wrote"
                | "writes"
                | "declared"
                | "stressed"
                | "emphasized"
                | "emphasised"
                | "explained"
                | "continued"
                | "asked"
                | "warned"
                | "insisted"
                | "argued"
                | "urged"
                | "announced"
                | "remarked"
                | "replied"
                | "responded"
                | "recalled"
                | "posted"
                | "tweeted"
                | "commented"
                | "underlined"
                | "underscored"
                | "affirmed"
                | "claimed"
                | "confirmed"
                | "highlighted"
                | "concluded"
                | "indicated"
                | "observed"
                | "reiterated"
                | "acknowledged"
                | "admitted"
                | "vowed"
                | "cautioned"
                | "assured"
                | "maintained"
                | "pledged"
                | "promised"
                | "reported"
                | "saying"
                | "alleged"
                | "described"
                | "describing"
                | "ordered"
                | "called"
                | "emphasizing"
                | "emphasising"
                | "stressing"
                | "noting"
                | "reaffirmed"
                | "reaffirming"
                | "expressed"
                | "informed"
                | "clarified"
                | "adding"
                | "according"
        )
    }

    /// Words between a speaker and the verb that change neither ("later said", "has said").
    pub fn filler(w: &str) -> bool {
        matches!(
            w,
            "later"
                | "also"
                | "then"
                | "again"
                | "further"
                | "previously"
                | "earlier"
                | "has"
                | "had"
                | "have"
                | "once"
                | "recently"
                | "separately"
                | "reportedly"
        )
    }

    pub fn pronoun(w: &str) -> bool {
        matches!(w, "he" | "she" | "him")
    }

    /// A document a body or a person issues ("the statement added").
    pub fn document(w: &str) -> bool {
        matches!(
            w,
            "statement"
                | "readout"
                | "release"
                | "communique"
                | "communiqué"
                | "post"
                | "letter"
                | "message"
                | "decree"
        )
    }

    /// A lowercase body that speaks for a state ("the ministry said").
    pub fn body(w: &str) -> bool {
        matches!(
            w,
            "ministry"
                | "government"
                | "army"
                | "military"
                | "police"
                | "embassy"
                | "office"
                | "presidency"
                | "kremlin"
        )
    }

    /// Role words that point back to a titled person ("the Secretary added").
    pub fn role(w: &str) -> bool {
        matches!(
            w,
            "minister"
                | "secretary"
                | "president"
                | "premier"
                | "chancellor"
                | "spokesperson"
                | "spokesman"
                | "spokeswoman"
                | "ambassador"
                | "envoy"
                | "governor"
                | "mayor"
                | "senator"
                | "general"
                | "commander"
                | "chief"
                | "leader"
                | "king"
                | "prince"
                | "diplomat"
                | "official"
                | "adviser"
                | "advisor"
                | "lawmaker"
                | "speaker"
                | "director"
                | "head"
                | "chairman"
                | "chair"
                | "prosecutor"
                | "judge"
        )
    }
}

/// A quotation-mark span: content tokens `a..b`, `run_on` when the paragraph ended with
/// the mark still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    open: usize,
    a: usize,
    b: usize,
    close: Option<usize>,
    para_start: bool,
}

/// Pairs the marks of each paragraph.
pub fn spans(doc: &Doc<'_, '_>) -> Vec<Span> {
    let text = doc.t.text.as_bytes();
    let toks = &doc.t.toks;
    let n = toks.len();
    let tok_at = |byte: usize| toks.partition_point(|t| (t.start as usize) < byte);
    // The first token of the next paragraph when a line break follows token `o` before
    // byte `to` (the marks are found by byte search, so no pass walks every token).
    let para_end = |o: usize, to: usize| -> Option<usize> {
        let from = toks[o].end as usize;
        // A SIMD byte search, not a loop over the bytes: the gaps can be long.
        let nl = memchr::memchr(b'\n', text.get(from..to)?)?;
        Some(tok_at(from + nl))
    };
    let span = |o: usize, b: usize, close: Option<usize>| Span {
        open: o,
        a: o + 1,
        b,
        close,
        para_start: o == 0 || toks[o].newline_before,
    };
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // '"' is ASCII, so its byte is the char wherever it occurs (never part of another
    // char): a SIMD byte search finds the marks a char search would, at a fraction of
    // the instructions of `match_indices`, which tests a word at a time.
    for pos in memchr::memchr_iter(b'"', text) {
        let k = tok_at(pos);
        if k >= n || toks[k].start as usize != pos || toks[k].kind != Kind::Punct {
            continue;
        }
        if let Some(o) = open {
            if let Some(e) = para_end(o, pos) {
                out.push(span(o, e, None));
                open = None;
            }
        }
        match open.take() {
            None => open = Some(k),
            Some(o) => out.push(span(o, k, Some(k))),
        }
    }
    if let Some(o) = open {
        out.push(span(o, para_end(o, text.len()).unwrap_or(n), None));
    }
    out
}

/// Paragraph breaks between tokens `a` and `b` (runs of line breaks count once).
fn breaks(doc: &Doc<'_, '_>, a: usize, b: usize) -> usize {
    let (Some(x), Some(y)) = (doc.t.toks.get(a), doc.t.toks.get(b)) else {
        return 0;
    };
    let bytes = doc.t.text.as_bytes();
    let seg = bytes.get(x.end as usize..y.start as usize).unwrap_or(&[]);
    // The line feeds (a SIMD search) that no line feed follows: the last of each run.
    memchr::memchr_iter(b'\n', seg)
        .filter(|&i| seg.get(i + 1) != Some(&b'\n'))
        .count()
}

fn word_count(doc: &Doc<'_, '_>, a: usize, b: usize) -> usize {
    (a..b)
        .filter(|&k| doc.t.toks[k].kind != Kind::Punct)
        .count()
}

/// Sentence-ending punctuation, where attribution windows stop.
fn stop(doc: &Doc<'_, '_>, k: usize) -> bool {
    matches!(doc.t.lower(k), "." | "!" | "?" | "\"")
}

/// What an attribution resolved to, and whether the words came in a document the person
/// issued ("X said in a statement").
struct Said {
    who: PersonRef,
    in_document: bool,
    cue: Cue,
}

/// How a quote's speaker was found, for `--explain`: the rule that read the attribution
/// ("quote-then-speaker-verb", "according-to", "quote-after-report", "quote-continues"
/// ...), the rule that resolved the speaker phrase ("speaker-name", "speaker-pronoun",
/// "speaker-document", "speaker-title" ...), and the attribution's verb (a token).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    pub attribution: &'static str,
    pub speaker: &'static str,
    pub verb: Option<usize>,
}

struct Ctx<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    ents: &'d Entities,
    persons: &'d Persons,
    /// The quotation-mark spans, in text order.
    spans: &'d [Span],
    /// The latest person who issued a statement ("Miller said in a statement").
    issuer: Option<PersonRef>,
    /// Where a pronoun's antecedent is looked for: before the quote being attributed, so
    /// that names inside the quote are not taken for its speaker ('"I welcome X," she
    /// said' is not X's).
    anchor: usize,
    /// The rule that resolved the latest speaker phrase (see [`Cue`]).
    rule: std::cell::Cell<&'static str>,
}

impl Ctx<'_, '_, '_> {
    /// Rule "verb-not-name": is token `k` a speech verb, not a capitalized word of a name
    /// inside a sentence ("the United States", "Says Street") nor a place's or a body's?
    fn verb_at(&self, k: usize) -> bool {
        let doc = self.doc;
        words::speech_verb(doc.t.lower(k))
            && (!doc.t.toks[k].cap || doc.sent_start[k])
            && self.persons.loc_at[k] == NONE
            && self.persons.org_at[k] == NONE
    }

    /// Is token `k` inside quotation marks?
    fn in_quote(&self, k: usize) -> bool {
        let i = self.spans.partition_point(|s| s.open <= k);
        i > 0 && self.spans.get(i - 1).is_some_and(|s| k < s.b)
    }

    /// Rule "pronoun-antecedent": the latest subject-like person mention ending before
    /// `at`, leaving out the people named inside quotes (the speaker of '"I will welcome
    /// X," she said' is not X); at most [`PERSON_WINDOW`] mentions back.
    fn antecedent(&self, at: usize) -> Option<PersonRef> {
        let list = &self.persons.list;
        let end = list.partition_point(|m| m.b <= at);
        let mut outside = list[..end]
            .iter()
            .rev()
            .take(PERSON_WINDOW)
            .filter(|m| !self.in_quote(m.a));
        let mut next = outside.next();
        while let Some(latest) = next {
            // The first of the latest sentence's mentions outside quotes.
            let sent = self.doc.sent_id.get(latest.a);
            let mut best = latest;
            next = None;
            for m in outside.by_ref() {
                if self.doc.sent_id.get(m.a) != sent {
                    next = Some(m);
                    break;
                }
                best = m;
            }
            // "He said he met X": a sentence whose subject is itself a pronoun hands the
            // antecedent on to the sentences before it.
            if !self.pronoun_subject(best.a) {
                return Some(self.persons.who(best).clone());
            }
        }
        None
    }

    /// Does "he" or "she" stand before token `k` in its sentence (at most
    /// [`BACK_WINDOW`] tokens back)?
    fn pronoun_subject(&self, k: usize) -> bool {
        let doc = self.doc;
        let sent = doc.sent_id.get(k);
        (k.saturating_sub(BACK_WINDOW)..k)
            .rev()
            .take_while(|&j| doc.sent_id.get(j) == sent)
            .any(|j| matches!(doc.t.lower(j), "he" | "she"))
    }

    /// Resolves the speaker phrase `a..b`; `subject` when it stands before its verb (the
    /// mention nearest the verb is then the speaker).
    fn resolve(&self, a: usize, b: usize, subject: bool) -> Option<PersonRef> {
        let doc = self.doc;
        if a >= b {
            return None;
        }
        // Rule "speaker-name": a person mention in the phrase.
        let mut hit = None;
        for k in a..b {
            if let Some(m) = self.persons.person(k) {
                hit = Some(self.persons.who(m).clone());
                if !subject {
                    break;
                }
            }
        }
        if hit.is_some() {
            self.rule.set("speaker-name");
            return hit;
        }
        let last = doc.t.lower(b - 1);
        // Rule "speaker-pronoun": "he said" is the latest person the text made a subject.
        if b - a == 1 && words::pronoun(last) {
            self.rule.set("speaker-pronoun");
            return self.antecedent(a.min(self.anchor));
        }
        // Rule "speaker-document": "the statement added" is the statement's issuer.
        if words::document(last) {
            if let Some(p) = &self.issuer {
                self.rule.set("speaker-document");
                return Some(p.clone());
            }
        }
        // Rule "speaker-title": "the Secretary added" is the latest official so titled.
        if words::role(last) && (a..b).all(|k| doc.t.toks[k].kind == Kind::Word) {
            let at = a.min(self.anchor);
            let found = self
                .persons
                .titled_before(self.ents, at, last, PERSON_WINDOW);
            // "the official said" with no official so titled: the latest subject.
            self.rule.set(if found.is_some() {
                "speaker-title"
            } else {
                "speaker-title-subject"
            });
            return found
                .or_else(|| self.persons.subject_before(at))
                .map(|m| self.persons.who(m).clone());
        }
        // Rule "speaker-body": an organization, or a state named as an actor.
        for k in a..b {
            let o = self.persons.org_at[k];
            if o != NONE {
                self.rule.set("speaker-body");
                return self.ents.organizations.get(o as usize).map(|o| PersonRef {
                    name: o.name.clone(),
                    official: None,
                });
            }
        }
        if words::body(last) || (b - a <= 2 && self.persons.loc_at[b - 1] != NONE) {
            let s = if doc.t.is_word(a, "the") { a + 1 } else { a };
            self.rule.set("speaker-body");
            return Some(PersonRef {
                name: doc.t.span_text(s, b).to_string(),
                official: None,
            });
        }
        // Rule "speaker-unknown-name": a name nobody else took ("Araghchi said").
        self.rule.set("speaker-unknown-name");
        let span = if subject {
            names::backward(doc, b)
        } else {
            names::forward(doc, a)
        };
        span.filter(|&(x, y)| x >= a && y <= b)
            .map(|(x, y)| PersonRef {
                name: doc.t.span_text(x, y).to_string(),
                official: None,
            })
    }

    /// The speaker phrase before verb `v`, filler words skipped: tokens `lo..v`.
    fn subject_before(&self, lo: usize, v: usize) -> Option<PersonRef> {
        let doc = self.doc;
        let mut e = v;
        while e > lo && words::filler(doc.t.lower(e - 1)) {
            e -= 1;
        }
        // "X on Sunday said": a date between the speaker and the verb.
        if e >= lo + 2
            && doc.t.is_word(e - 2, "on")
            && crate::words::is_date_word(doc.t.lower(e - 1))
        {
            e -= 2;
        }
        if e <= lo {
            return None;
        }
        // The phrase: back over the words of one noun phrase (capitalized words,
        // particles, "the", a role or document word), at most eight tokens.
        let mut s = e;
        while s > lo && e - s < 12 {
            let j = s - 1;
            let w = doc.t.lower(j);
            let ok = doc.t.toks[j].cap
                || matches!(w, "the" | "'s" | "-" | "." | "of")
                || (j + 1 == e
                    && (words::pronoun(w)
                        || words::document(w)
                        || words::role(w)
                        || words::body(w)))
                || self.persons.at[j] != NONE
                || self.persons.org_at[j] != NONE
                || doc.title_at(j).0 != 0
                || crate::words::PARTICLES.contains(&w);
            if !ok || stop(doc, j) || doc.t.is_punct(j, ",") {
                break;
            }
            s = j;
            if doc.t.toks[j].newline_before {
                break;
            }
        }
        self.resolve(s, e, true)
    }

    /// Rule "speaker-sentence-subject": the first person named in the sentence part
    /// `from..v` before the verb, when no phrase right before it names one: "X, who met
    /// Y on Tuesday, said that "..."", "X warned the opposition, saying "..."".
    fn sentence_subject(&self, from: usize, v: usize) -> Option<PersonRef> {
        let doc = self.doc;
        // A possessor is not the subject ("X's case").
        self.rule.set("speaker-sentence-subject");
        let found = (from..v)
            .find_map(|k| self.persons.person(k))
            .filter(|m| !doc.t.is_word(m.b, "'s"))
            .map(|m| self.persons.who(m).clone());
        // Rule "pronoun-sentence-subject": 'He posted on his page, saying, "..."': a
        // sentence opening on "he" or "she" is the pronoun's antecedent's.
        if found.is_none() && from < v && words::pronoun(doc.t.lower(from)) {
            self.rule.set("speaker-pronoun");
            return self.antecedent(from.min(self.anchor));
        }
        found
    }

    /// Rule "quote-after-report": a paragraph opening with a quote nobody is given for,
    /// right after a paragraph whose last sentence reports a person's words ("The
    /// minister said the roads were icy." then '"Drive with care."'), is that person's.
    /// Reads the last sentence of the previous paragraph, at most [`REPORT_WINDOW`]
    /// tokens, and none that holds a quotation mark or lies inside a quote.
    fn previous_report(&self, open: usize) -> Option<(PersonRef, Cue)> {
        let doc = self.doc;
        if open == 0 || !matches!(doc.t.lower(open - 1), "." | ":") || self.in_quote(open - 1) {
            return None;
        }
        let lo = open.saturating_sub(REPORT_WINDOW);
        let mut from = open - 1;
        // The sentence's first token: after a full stop, at a line start or the text's.
        let mut whole = false;
        while from > lo {
            let j = from - 1;
            if doc.t.is_punct(j, "\"") {
                return None;
            }
            if matches!(doc.t.lower(j), "." | "!" | "?") {
                whole = true;
                break;
            }
            from = j;
            if doc.t.toks[j].newline_before || j == 0 {
                whole = true;
                break;
            }
        }
        if !whole {
            return None;
        }
        let v = (from..open - 1)
            .rev()
            .find(|&j| self.verb_at(j) && !doc.t.is_word(j, "according"))?;
        let who = self
            .subject_before(from, v)
            .or_else(|| self.sentence_subject(from, v))?;
        Some((who, self.cue("quote-after-report", v)))
    }

    /// The speaker phrase after verb `v` ("said Lavrov", "according to the ministry").
    fn object_after(&self, v: usize, limit: usize) -> Option<PersonRef> {
        let doc = self.doc;
        let mut a = v + 1;
        if doc.t.is_word(v, "according") {
            if !doc.t.is_word(a, "to") {
                return None;
            }
            a += 1;
        }
        let mut b = a;
        while b < limit && b - a < 10 && !stop(doc, b) && !doc.t.is_punct(b, ",") {
            b += 1;
        }
        // Rule "speaker-apposition": '"...," said the President of the Board, X Y': the
        // person right after the comma of a role that names nobody (not the body).
        let role = doc.t.is_punct(b, ",")
            && (a..b).any(|k| doc.t.toks[k].cap)
            && (a..b).all(|k| self.persons.at[k] == NONE);
        if role {
            if let Some(m) = self.persons.person(b + 1).filter(|m| m.a == b + 1) {
                self.rule.set("speaker-apposition");
                return Some(self.persons.who(m).clone());
            }
        }
        self.resolve(a, b, false)
    }

    /// Rule "coordinated-quote": a quote joined to the quote before it in one sentence by
    /// "and", with nobody named between ('X called it a "grave threat" and a "breach of
    /// the law"', 'X said "..." and warned that the gangs "..."'), is the same speaker's.
    fn coordinated_quote(&self, prev: &Span, s: &Span, said: &(PersonRef, Cue)) -> Option<Said> {
        let doc = self.doc;
        let c = prev.close?;
        if s.open <= c || s.open - c > BACK_WINDOW {
            return None;
        }
        let between = c + 1..s.open;
        let and = between.clone().find(|&k| doc.t.is_word(k, "and"))?;
        let clean = between.clone().all(|k| {
            !matches!(doc.t.lower(k), "." | "!" | "?" | ";")
                && !doc.t.toks[k].newline_before
                && self.persons.at[k] == NONE
        });
        if !clean || doc.t.toks[s.open].newline_before {
            return None;
        }
        Some(Said {
            who: said.0.clone(),
            in_document: false,
            cue: Cue {
                attribution: "coordinated-quote",
                speaker: said.1.speaker,
                verb: Some(and),
            },
        })
    }

    /// The cue of an attribution read by rule `attribution` at verb `v`, with the rule
    /// that resolved its speaker.
    fn cue(&self, attribution: &'static str, v: usize) -> Cue {
        Cue {
            attribution,
            speaker: self.rule.get(),
            verb: Some(v),
        }
    }

    /// Did verb `v` say the words came in a document ("said in a statement")?
    fn in_document(&self, v: usize) -> bool {
        let doc = self.doc;
        (v + 1..(v + 6).min(doc.len()))
            .take_while(|&k| !stop(doc, k))
            .any(|k| words::document(doc.t.lower(k)))
    }

    /// Rules "quote-then-speaker-verb" ('"...," he said') and "quote-then-verb-speaker"
    /// ('"...," said Lavrov', '"...", according to the ministry').
    fn after(&self, close: usize) -> Option<Said> {
        let doc = self.doc;
        let n = doc.len();
        let mut j = close + 1;
        if doc.t.is_punct(j, ",") {
            j += 1;
        }
        if j >= n || doc.t.toks[j].newline_before {
            return None;
        }
        let mut v = j;
        while v < n && v - j < AFTER_WINDOW {
            if v > j && doc.t.toks[v].newline_before || stop(doc, v) {
                return None;
            }
            if self.verb_at(v) {
                break;
            }
            v += 1;
        }
        if v >= n || v - j >= AFTER_WINDOW {
            return None;
        }
        // '"..." X stated on Monday that "...": the verb introduces the next quote (a
        // quote broken by its attribution, '"...," X said, "..."', is both's).
        let next_quote = (v + 1..(v + 10).min(n))
            .take_while(|&k| !matches!(doc.t.lower(k), "." | "!" | "?"))
            .find(|&k| doc.t.is_punct(k, "\""));
        if next_quote.is_some_and(|q| (v + 1..q).any(|k| matches!(doc.t.lower(k), "that" | ":"))) {
            return None;
        }
        let mut limit = v + 1;
        while limit < n && limit - v < 12 && !doc.t.toks[limit].newline_before {
            limit += 1;
        }
        // Rule "quoted-as-saying": '"...," the agency quoted him as saying'.
        let quoted_as = doc.t.is_word(v, "saying") && v >= j + 3 && doc.t.is_word(v - 1, "as");
        let (who, attribution) = if quoted_as {
            let q = (j..v - 1).find(|&k| doc.t.is_word(k, "quoted"))?;
            (self.resolve(q + 1, v - 1, false), "quoted-as-saying")
        } else if v > j {
            (self.subject_before(j, v), "quote-then-speaker-verb")
        } else if doc.t.is_word(v, "according") {
            (self.object_after(v, limit), "according-to")
        } else {
            (self.object_after(v, limit), "quote-then-verb-speaker")
        };
        Some(Said {
            who: who?,
            in_document: self.in_document(v),
            cue: self.cue(attribution, v),
        })
    }

    /// Rule "speaker-verb-then-quote": 'X said: "..."', 'X told reporters, "..."', 'X
    /// said that Y "..."', 'according to X, "..."'.
    fn before(&self, open: usize) -> Option<Said> {
        let doc = self.doc;
        let lo = open.saturating_sub(BACK_WINDOW);
        // The first token of the sentence part the window may read.
        let mut from = open;
        while from > lo && !doc.t.toks[from].newline_before && !stop(doc, from - 1) {
            from -= 1;
        }
        let v = (from..open).rev().find(|&j| self.verb_at(j))?;
        // A participle ("..., emphasizing X's commitment to "..."") speaks for the
        // sentence's subject, never for the words after it.
        let participle = doc.t.lower(v).ends_with("ing") && !doc.t.is_word(v, "according");
        let (who, attribution) = if doc.t.is_word(v, "according") {
            (self.object_after(v, open), "according-to")
        } else if participle {
            let who = self
                .subject_before(from, v)
                .or_else(|| self.sentence_subject(from, v));
            (who, "participle-subject")
        } else {
            let who = self
                .subject_before(from, v)
                .or_else(|| self.object_after(v, open))
                .or_else(|| self.sentence_subject(from, v));
            (who, "speaker-verb-then-quote")
        };
        Some(Said {
            who: who?,
            in_document: self.in_document(v),
            cue: self.cue(attribution, v),
        })
    }
}

/// Every attributed quote of the text, in text order.
pub fn extract(doc: &Doc<'_, '_>, ents: &Entities, persons: &Persons, sp: &[Span]) -> Vec<Quote> {
    extract_traced(doc, ents, persons, sp, false).0
}

/// A quote's speaker and the cue that found it, per quote span (`None`: no speaker yet).
type Speakers = Vec<Option<(PersonRef, Cue)>>;

/// [`extract`], and with `trace` the cue of each quote (index for index), for `--explain`;
/// without it the cues are left empty. Three sweeps over the quote spans fill one
/// per-quote table in the order the rules rank: each quote's own attribution, the
/// paragraph's reporter, quotes running on; then the quotes with a speaker are kept.
pub fn extract_traced(
    doc: &Doc<'_, '_>,
    ents: &Entities,
    persons: &Persons,
    sp: &[Span],
    trace: bool,
) -> (Vec<Quote>, Vec<Cue>) {
    let mut ctx = Ctx {
        doc,
        ents,
        persons,
        spans: sp,
        issuer: None,
        anchor: usize::MAX,
        rule: std::cell::Cell::new(""),
    };
    let mut said = attribute_each(&mut ctx, sp);
    previous_reports(&mut ctx, sp, &mut said);
    runs_on(sp, &mut said);
    continues(doc, sp, &mut said);
    kept_quotes(doc, sp, said, trace)
}

/// Each quote's own attribution, before it, else after it, else shared with the quote
/// before it ("coordinated"); the issuer of a statement is remembered on the way.
fn attribute_each(ctx: &mut Ctx<'_, '_, '_>, sp: &[Span]) -> Speakers {
    let mut said: Speakers = Vec::with_capacity(sp.len());
    for s in sp {
        // The issuer of a statement is known from the attribution that names it; read
        // the one before the quote first, the one after it second.
        ctx.anchor = usize::MAX;
        let found = ctx
            .before(s.open)
            .or_else(|| {
                ctx.anchor = s.open;
                s.close.and_then(|c| ctx.after(c))
            })
            .or_else(|| {
                let prev = said.last()?.as_ref()?;
                let p = sp.get(said.len().checked_sub(1)?)?;
                ctx.coordinated_quote(p, s, prev)
            });
        if let Some(f) = &found {
            if f.in_document && (f.who.official.is_some() || ctx.issuer.is_none()) {
                ctx.issuer = Some(f.who.clone());
            }
        }
        said.push(found.map(|f| (f.who, f.cue)));
    }
    said
}

/// A quote without a speaker that is its whole paragraph (no attribution of its own
/// after it) takes the paragraph's earlier reporter.
fn previous_reports(ctx: &mut Ctx<'_, '_, '_>, sp: &[Span], said: &mut Speakers) {
    let doc = ctx.doc;
    for (s, x) in sp.iter().zip(said.iter_mut()) {
        let whole = s.close.is_none_or(|c| {
            let k = c + usize::from(doc.t.is_punct(c + 1, "."));
            k + 1 >= doc.len() || doc.t.toks[k + 1].newline_before
        });
        if x.is_none() && s.para_start && whole {
            ctx.anchor = s.open;
            *x = ctx.previous_report(s.open);
        }
    }
}

/// Rule "quote-runs-on": a quote running over paragraphs (unclosed, the next one opening
/// a paragraph) is one speaker's, whichever paragraph carries the attribution.
fn runs_on(sp: &[Span], said: &mut Speakers) {
    let mut i = 0;
    while i < sp.len() {
        let mut j = i;
        while j + 1 < sp.len() && sp[j].close.is_none() && sp[j + 1].para_start {
            j += 1;
        }
        if j > i {
            if let Some((who, cue)) = said[i..=j].iter().flatten().next().cloned() {
                let cue = Cue {
                    attribution: "quote-runs-on",
                    ..cue
                };
                for x in &mut said[i..=j] {
                    x.get_or_insert_with(|| (who.clone(), cue));
                }
            }
        }
        i = j + 1;
    }
}

/// Rule "quote-continues": a quote with no attribution of its own that opens a
/// paragraph or a sentence, right after a quote with a speaker in the same or the
/// previous paragraph, goes on in that speaker's words ('"...," Smith said. "..."').
fn continues(doc: &Doc<'_, '_>, sp: &[Span], said: &mut Speakers) {
    for i in 1..sp.len() {
        let o = sp[i].open;
        let opens = sp[i].para_start || matches!(doc.t.lower(o.wrapping_sub(1)), "." | "!" | "?");
        if said[i].is_none() && opens && breaks(doc, sp[i - 1].open, o) <= 1 {
            said[i] = said[i - 1].clone().map(|(who, cue)| {
                (
                    who,
                    Cue {
                        attribution: "quote-continues",
                        ..cue
                    },
                )
            });
        }
    }
}

/// The quotes with a speaker and enough words, with their cues when `trace`.
fn kept_quotes(
    doc: &Doc<'_, '_>,
    sp: &[Span],
    said: Speakers,
    trace: bool,
) -> (Vec<Quote>, Vec<Cue>) {
    let mut out = Vec::new();
    let mut cues = Vec::new();
    for (s, who) in sp.iter().zip(said) {
        let Some((speaker, cue)) = who else { continue };
        if s.a >= s.b || word_count(doc, s.a, s.b) < MIN_WORDS {
            continue;
        }
        out.push(Quote {
            text: doc.t.span_text(s.a, s.b).to_string(),
            start: doc.t.toks[s.a].cstart as usize,
            end: doc.t.toks[s.b - 1].cend as usize,
            speaker,
        });
        if trace {
            cues.push(cue);
        }
    }
    (out, cues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lexicon() -> &'static crate::lexicon::Lexicon {
        static LEX: std::sync::OnceLock<crate::lexicon::Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| crate::lexicon::Lexicon::load().expect("bundled data loads"))
    }

    /// [`breaks`] as it was: every byte of the gap read with the one after it.
    fn breaks_byte_by_byte(doc: &Doc<'_, '_>, a: usize, b: usize) -> usize {
        let (Some(x), Some(y)) = (doc.t.toks.get(a), doc.t.toks.get(b)) else {
            return 0;
        };
        let bytes = doc.t.text.as_bytes();
        let seg = bytes.get(x.end as usize..y.start as usize).unwrap_or(&[]);
        seg.iter()
            .zip(seg.iter().skip(1).chain(std::iter::once(&b' ')))
            .filter(|&(&c, &d)| c == b'\n' && d != b'\n')
            .count()
    }

    /// Text made of what the marks' pairing reads: marks straight and typographic, marks
    /// inside words, line breaks single and double, spaces, and words ASCII or not (so
    /// that byte and char positions differ).
    fn quote_soup() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "\"",
            "\"",
            " \"",
            "\" ",
            "x\"y",
            "\u{201c}",
            "\u{201d}",
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "  ",
            "Smith",
            "said",
            "we",
            "will",
            "build",
            ",",
            ".",
            "?",
            "caf\u{e9}",
            "\u{65e5}\u{672c}",
            "\u{3a3}",
            "-",
            "'",
            "(",
            ")",
            "2024",
            "\t",
        ];
        crate::test_texts::piece_soup(PIECES, 60)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        /// [`spans`] finds its marks and line breaks by byte search where it used char
        /// searches (`match_indices('"')`, `str::find('\n')`): the positions are the same.
        fn spans_byte_searches_find_what_char_searches_find(text in quote_soup()) {
            let bytes = text.as_bytes();
            let marks: Vec<usize> = memchr::memchr_iter(b'"', bytes).collect();
            let by_char: Vec<usize> = text.match_indices('"').map(|(at, _)| at).collect();
            prop_assert_eq!(marks, by_char);
            for from in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                prop_assert_eq!(memchr::memchr(b'\n', &bytes[from..]), text[from..].find('\n'));
            }
        }

        #[test]
        fn breaks_agree_with_the_byte_by_byte_count(text in quote_soup()) {
            let mut lower = String::new();
            let doc = crate::tag::tag(&text, &mut lower, lexicon());
            let n = doc.t.toks.len();
            for a in 0..=n {
                for b in a..=n {
                    prop_assert_eq!(breaks(&doc, a, b), breaks_byte_by_byte(&doc, a, b));
                }
            }
        }
    }

    #[test]
    fn marks_pair_inside_paragraphs_and_breaks_count_paragraphs() {
        // A mark left open at a paragraph's end runs on to it; a run of line breaks
        // between two tokens is one paragraph break, a single one too.
        let mut lower = String::new();
        let text = "\"We will go\n\nit \"a plan\" he said. \"Now\n\n\nEnd\nnow";
        let doc = crate::tag::tag(text, &mut lower, lexicon());
        let got: Vec<_> = (spans(&doc).iter())
            .map(|s| (s.open, s.b, s.close, s.para_start))
            .collect();
        // Tokens: " We will go | it " a plan " he said . " Now | End | now
        assert_eq!(
            got,
            [
                (0, 4, None, true),
                (5, 8, Some(8), false),
                (12, 14, None, false)
            ]
        );
        let n = doc.t.toks.len();
        assert_eq!(breaks(&doc, 0, n - 1), 3);
        assert_eq!(breaks(&doc, n - 2, n - 1), 1);
        assert_eq!(breaks(&doc, 3, 4), 1);
        assert_eq!(breaks(&doc, 4, 5), 0);
    }

    fn span(open: usize, closed: bool, para_start: bool) -> Span {
        Span {
            open,
            a: open + 1,
            b: open + 4,
            close: closed.then_some(open + 5),
            para_start,
        }
    }

    fn said_by(name: &str) -> Option<(PersonRef, Cue)> {
        let who = PersonRef {
            name: name.to_string(),
            official: None,
        };
        let cue = Cue {
            attribution: "speaker-verb-then-quote",
            speaker: "speaker-name",
            verb: Some(1),
        };
        Some((who, cue))
    }

    #[test]
    fn a_quote_running_over_paragraphs_is_one_speakers() {
        // Unclosed, then a paragraph opening unclosed, then one closed: one quote; the
        // fourth opens no paragraph and is another's.
        let sp = [
            span(0, false, true),
            span(10, false, true),
            span(20, true, true),
            span(30, true, false),
        ];
        let mut said = vec![None, None, said_by("Smith"), None];
        runs_on(&sp, &mut said);
        let names: Vec<_> = said
            .iter()
            .map(|x| x.as_ref().map(|(w, _)| &w.name[..]))
            .collect();
        assert_eq!(names, [Some("Smith"), Some("Smith"), Some("Smith"), None]);
        assert_eq!(
            said[0].as_ref().map(|x| x.1.attribution),
            Some("quote-runs-on")
        );
        // A closed quote does not run on.
        let sp = [span(0, true, true), span(10, true, true)];
        let mut said = vec![said_by("Smith"), None];
        runs_on(&sp, &mut said);
        assert!(said[1].is_none());
    }

    #[test]
    fn a_quote_opening_a_sentence_continues_the_previous_speakers_words() {
        let lex = crate::lexicon::Lexicon::load().expect("bundled data loads");
        let mut lower = String::new();
        let text = "\"We will build it,\" Smith said. \"It will take years.\" Then \"a new \
                    plan\" came.";
        let doc = crate::tag::tag(text, &mut lower, &lex);
        let sp = spans(&doc);
        assert_eq!(sp.len(), 3);
        let mut said = vec![said_by("Smith"), None, None];
        continues(&doc, &sp, &mut said);
        assert_eq!(
            said[1].as_ref().map(|x| x.1.attribution),
            Some("quote-continues")
        );
        // The third opens no sentence.
        assert!(said[2].is_none());
    }
}
