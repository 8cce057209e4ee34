//! Officials: people the text gives a public role, found by the constructions news uses:
//! role before the name ("Defense Minister Yoav Gallant"), apposition after it ("Antony
//! Blinken, the US Secretary of State"), apposition after the role ("the President of
//! France, Emmanuel Macron") and relative clauses ("X, who heads the ministry"). Later
//! mentions (surname, "Mr. X", "the Secretary") are attached to the same person.
//!
//! It must never report a person the text gives no public role, and never invent a
//! country the text does not support.
//!
//! The pass's own pipeline, in order ([`extract`], then [`finish`] once places are known):
//! 1. [`constructions`]: each named construction proposes candidates (a name, a role
//!    phrase parsed by [`titles`], the name measured by [`names`]);
//! 2. [`coref`]: candidates naming one person merge; later mentions ("Mr. X", the
//!    surname, "the Secretary") attach to them;
//! 3. [`state`]: each official's state, from the title or from the evidence around them.
//!
//! Word lists live in [`words`], weights in [`crate::weights`].

mod constructions;
mod coref;
pub(crate) mod names;
mod state;
pub(crate) mod titles;
pub(crate) mod words;

use crate::claims::Claims;
use crate::country::Few;
use crate::explain::Trace;
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::{tc, OrgType};
use crate::model::Mention;
use crate::scan::Doc;
use names::Span;
use titles::{OrgRef, TitlePhrase};

pub use state::finish;

/// A person being assembled.
#[derive(Debug, Clone)]
pub struct Person<'a> {
    /// Lowercased name tokens of the fullest name (the tokens' lowercase forms).
    pub words: Vec<&'a str>,
    pub name: String,
    pub title: Option<String>,
    /// Position (token) where the reported title was found; the earliest wins.
    pub title_pos: usize,
    pub country: Option<Cc>,
    pub country_explicit: bool,
    pub igo: bool,
    pub org: Option<String>,
    pub mentions: Vec<Span>,
    pub minister_like: bool,
    /// Every role phrase the text gives the person once candidates merged into them (see
    /// [`Person::roles`]); empty while they are one candidate.
    pub merged_roles: Vec<String>,
    /// The reported title is a grade only ("Commodore"): a post the text gives later
    /// replaces it.
    pub rank_only: bool,
    /// The construction that found the person and the spans it read.
    pub trace: Reading,
}

/// What a person's [`Trace`] holds before their state is decided: the construction that
/// found them and the token spans it read. The trace's weighed countries and notes are
/// added once the state is ([`state::finish`]): a candidate, moved and sorted as
/// candidates merge, stays small without them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub rule: &'static str,
    /// As [`Trace::evidence`].
    pub evidence: Few<(u32, u32), 2>,
}

impl Reading {
    fn rule(rule: &'static str) -> Self {
        Reading {
            rule,
            evidence: Few::new(),
        }
    }

    /// Adds a token span the rule read, as [`Trace::read`] does.
    fn read(&mut self, a: usize, b: usize) {
        // (A text of 2^32 tokens is no news item; such a span is left out.)
        if let (true, Ok(a), Ok(b)) = (a < b, u32::try_from(a), u32::try_from(b)) {
            self.evidence.push((a, b));
        }
    }

    /// The trace of the person, to be completed with how their state was decided.
    fn into_trace(self) -> Trace {
        Trace {
            rule: self.rule,
            evidence: self.evidence,
            ..Trace::default()
        }
    }
}

impl<'a> Person<'a> {
    /// A person named at `a..b` (a generational suffix after it belongs to the name as
    /// written), found by `rule`; no role yet.
    fn named(doc: &Doc<'a, '_>, (a, b): Span, rule: &'static str) -> Self {
        let end = names::generational_suffix(doc, b).unwrap_or(b);
        Person {
            words: names::name_words(doc, a, b),
            name: doc.t.span_text(a, end).to_string(),
            title: None,
            title_pos: usize::MAX,
            country: None,
            country_explicit: false,
            igo: false,
            org: None,
            // Room for later mentions: a first push would regrow it to four anyway.
            mentions: {
                let mut m = Vec::with_capacity(4);
                m.push((a, b));
                m
            },
            minister_like: false,
            merged_roles: Vec::new(),
            rank_only: false,
            trace: Reading::rule(rule),
        }
    }

    /// Every role phrase the text gives the person, the reported one included: a later,
    /// fuller form ("Under Secretary of State for ...") can name the state. A person found
    /// once (most) has their title as only role, not copied (their title stands until the
    /// states are decided).
    pub fn roles(&self) -> &[String] {
        if self.merged_roles.is_empty() {
            self.title.as_slice()
        } else {
            &self.merged_roles
        }
    }

    /// The person named at `name` with the role phrase `tp`.
    fn with_role(doc: &Doc<'a, '_>, name: Span, tp: &TitlePhrase, rule: &'static str) -> Self {
        let mut p = Person::named(doc, name, rule);
        let text = tp.text(doc);
        p.minister_like = words::contains_ignore_case(&text, "minister");
        p.title = Some(text);
        p.title_pos = tp.a;
        // (Political abbreviations such as "Sen." and "Gov." are posts, not grades.) A
        // royal style alone ("Prince Faisal, the foreign minister") is no post either.
        let royal_style = tp.pieces.len() == 1
            && tp.pieces[0].1 == tp.pieces[0].0 + 1
            && words::royal_style(doc.t.lower(tp.pieces[0].0));
        p.rank_only = royal_style
            || (!tp.pieces.is_empty()
                && tp.pieces.iter().all(|&(a, b)| {
                    doc.seg[a].is_some_and(|s| s.b >= b && doc.entry(&s).title & tc::RANK != 0)
                        && !words::political_abbreviation(doc.t.lower(a))
                }));
        p.country = tp.country;
        p.country_explicit = tp.country.is_some();
        p.igo = tp.igo;
        p.org = tp.org.map(|o| org_name(doc, o));
        p.trace.read(tp.a, tp.b);
        p.trace.read(name.0, name.1);
        p
    }

    /// "X, who heads the Federal Statistics Office": the role a verb implies, of `org`.
    fn heading(doc: &Doc<'a, '_>, name: Span, role: &str, org: OrgRef, rule: &'static str) -> Self {
        let mut p = Person::named(doc, name, rule);
        p.title = Some(role.to_string());
        p.title_pos = name.1;
        if let OrgRef::Lex(id) = org {
            let info = &doc.lex.orgs[id as usize];
            if info.cc != NO_CC && info.kind != OrgType::Igo {
                p.country = Some(info.cc);
                p.country_explicit = true;
            }
            p.igo = info.kind == OrgType::Igo;
        }
        p.org = Some(org_name(doc, org));
        p
    }
}

fn org_name(doc: &Doc<'_, '_>, o: OrgRef) -> String {
    match o {
        OrgRef::Lex(id) => doc.lex.orgs[id as usize].name.to_string(),
        OrgRef::Span(a, b) => doc.t.span_text(a, b).to_string(),
    }
}

/// Finds every official and their mentions. Claims the tokens it uses.
pub fn extract<'a>(doc: &Doc<'a, '_>, claims: &mut Claims) -> Vec<Person<'a>> {
    // 1. Constructions: candidates, each with the rule that found it.
    let cands = constructions::find(doc, claims);
    // 2. Coreference: candidates naming one person merge (earliest title first), then
    //    later mentions by name and by bare role.
    let mut people = coref::merge(cands);
    coref::later_mentions(doc, claims, &mut people);
    coref::role_anaphora(doc, claims, &mut people);
    for p in &mut people {
        p.mentions.sort_unstable();
        p.mentions.dedup();
    }
    people.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.0));
    people
}

/// The public mention of tokens `a..b`.
pub fn mention(doc: &Doc<'_, '_>, a: usize, b: usize) -> Mention {
    Mention {
        start: doc.t.toks[a].cstart as usize,
        end: doc.t.toks[b - 1].cend as usize,
        text: doc.t.span_text(a, b).to_string(),
    }
}

#[cfg(test)]
mod tests;
