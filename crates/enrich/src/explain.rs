//! Why an entity was reported: the rule that produced it, the words it read, and the
//! scores that chose its country or sense.
//!
//! The passes record a [`Trace`] beside every official and location they produce (a
//! static rule name and token spans: cheap enough to keep always). Only
//! [`crate::Enricher::explain`] turns traces into text, so plain enrichment pays nothing
//! for the strings.

use serde::Serialize;

use crate::country::{CountryWeights, Few};
use crate::gazetteer::{cc_str, Place};
use crate::model::{Entities, LocationKind, Mention};
use crate::scan::Doc;

/// What a pass knows about how it produced one entity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// The named rule (construction) that produced the entity: "title-before-name",
    /// "gazetteer-name", "unlisted:place-noun-of" ...
    pub rule: &'static str,
    /// Token spans the rule read (a role phrase, a cue word, the name itself). Two live
    /// inline (most rules read two spans), as token numbers of 32 bits: every entity
    /// carries its trace, and a larger trace costs more in the moves than it saves.
    pub evidence: Few<(u32, u32), 2>,
    /// The countries weighed for the entity, best first (officials' states).
    pub countries: CountryWeights,
    /// The gazetteer readings weighed for a place, with their scores, best first.
    pub senses: Vec<(u32, f32)>,
    /// Short notes on decisions no score shows ("the title states the country",
    /// "a well-known office holder").
    pub notes: Vec<&'static str>,
}

impl Trace {
    pub fn rule(rule: &'static str) -> Self {
        Self {
            rule,
            ..Self::default()
        }
    }

    /// Adds a token span the rule read.
    pub fn read(mut self, a: usize, b: usize) -> Self {
        // (A text of 2^32 tokens is no news item; such a span is left out.)
        if let (true, Ok(a), Ok(b)) = (a < b, u32::try_from(a), u32::try_from(b)) {
            self.evidence.push((a, b));
        }
        self
    }
}

/// One candidate that a resolution weighed, with its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// A country code ("US"), or a place reading ("Kingston, JM, city, pop. 666041").
    pub candidate: String,
    pub score: f32,
}

/// The explanation of one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub rule: String,
    /// The words the rule read, as mentions of the normalized text.
    pub evidence: Vec<Mention>,
    /// Countries (officials) or readings (locations) weighed, best first.
    pub scores: Vec<Score>,
    pub notes: Vec<String>,
}

/// Entities with the explanation of each official, location and quote, index for index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    pub entities: Entities,
    pub officials: Vec<Why>,
    pub locations: Vec<Why>,
    /// For each quote: the rule that read its attribution ("quote-then-speaker-verb",
    /// "according-to", "quote-after-report", "quote-continues" ...), the attribution's
    /// verb as evidence, and as a note the rule that resolved the speaker
    /// ("speaker-name", "speaker-pronoun", "speaker-document", "speaker-title" ...).
    pub quotes: Vec<Why>,
}

/// The cue of each quote of `ents`, index for index: the quotes pass run again with its
/// trace on (only `--explain` pays for it; the pass is deterministic, so its quotes are
/// the entities' own).
pub(crate) fn quote_whys(doc: &Doc<'_, '_>, ents: &Entities) -> Vec<Why> {
    let spans = crate::quotes::spans(doc);
    if spans.is_empty() {
        return Vec::new();
    }
    let persons = crate::persons::build(doc, ents);
    let (quotes, cues) = crate::quotes::extract_traced(doc, ents, &persons, &spans, true);
    debug_assert_eq!(quotes, ents.quotes);
    cues.iter()
        .map(|c| {
            let trace = Trace {
                rule: c.attribution,
                notes: vec![c.speaker],
                ..Trace::default()
            };
            let trace = match c.verb {
                Some(v) => trace.read(v, v + 1),
                None => trace,
            };
            why(doc, &trace)
        })
        .collect()
}

/// Turns a pass's trace into its explanation: token spans become mentions of the text,
/// place ids become readable readings.
pub(crate) fn why(doc: &Doc<'_, '_>, trace: &Trace) -> Why {
    let evidence = trace
        .evidence
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| a < b && b <= doc.len())
        .map(|(a, b)| Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        })
        .collect();
    let countries = trace.countries.iter().map(|(cc, w)| Score {
        candidate: cc_str(cc).unwrap_or_else(|| "-".into()),
        score: w,
    });
    let senses = trace.senses.iter().filter_map(|&(pid, score)| {
        let p = doc.lex.places.get(pid as usize)?;
        Some(Score {
            candidate: reading(p),
            score,
        })
    });
    Why {
        rule: trace.rule.to_string(),
        evidence,
        scores: countries.chain(senses).collect(),
        notes: trace.notes.iter().map(|n| n.to_string()).collect(),
    }
}

/// "Kingston, JM, city, pop. 666041": enough to tell same-named places apart.
fn reading(p: &Place) -> String {
    let cc = cc_str(p.cc).unwrap_or_else(|| "-".into());
    let kind = kind_name(p.kind);
    if p.pop > 0 {
        format!("{}, {cc}, {kind}, pop. {}", p.name, p.pop)
    } else {
        format!("{}, {cc}, {kind}", p.name)
    }
}

/// The kind as the event's JSON writes it.
impl Explained {
    /// Quotes with their speakers and events with the words their dates came from and the
    /// span they were read from (char offsets, as the event's `start..end`).
    fn quotes_and_events(&self, out: &mut String) {
        use std::fmt::Write;
        let person = |p: &crate::model::PersonRef| match p.official {
            Some(i) => format!("{} (official #{i})", p.name),
            None => p.name.clone(),
        };
        for (i, q) in self.entities.quotes.iter().enumerate() {
            let short: String = q.text.chars().take(60).collect();
            let more = if q.text.chars().count() > 60 {
                "..."
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "quote \"{short}{more}\" [{}..{}]: said by {}",
                q.start,
                q.end,
                person(&q.speaker)
            );
            if let Some(why) = self.quotes.get(i) {
                let verb = why
                    .evidence
                    .first()
                    .map(|m| format!(" at \"{}\" [{}..{}]", m.text, m.start, m.end))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    cue: {}{verb}; speaker: {}",
                    why.rule,
                    why.notes.join(", ")
                );
            }
        }
        for e in &self.entities.events {
            let who: Vec<String> = e.participants.iter().map(person).collect();
            let _ = writeln!(out, "event {:?}: {}", e.kind, who.join(", "));
            let _ = writeln!(out, "    read: [{}..{}]", e.start, e.end);
            if let Some(p) = &e.place {
                let _ = writeln!(out, "    place: {}", p.name);
            }
            match (&e.date, &e.date_text) {
                (Some(d), Some(t)) => {
                    let _ = writeln!(out, "    date: {d} from \"{t}\"");
                }
                (None, Some(t)) => {
                    let _ = writeln!(out, "    date: none (\"{t}\" without the item's date)");
                }
                _ => {}
            }
        }
    }
}

fn kind_name(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::Country => "country",
        LocationKind::Admin => "admin",
        LocationKind::City => "city",
        LocationKind::Territory => "territory",
        LocationKind::Geo => "geo",
        LocationKind::Facility => "facility",
    }
}

impl Explained {
    /// A report for people: each official and location, the rule, the words read, the
    /// scores weighed (best first, at most `max_scores` of them).
    pub fn to_text(&self, max_scores: usize) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let scores = |out: &mut String, why: &Why| {
            if !why.scores.is_empty() {
                let shown: Vec<String> = why
                    .scores
                    .iter()
                    .take(max_scores)
                    .map(|s| format!("{} {:.2}", s.candidate, s.score))
                    .collect();
                let _ = writeln!(out, "    weighed: {}", shown.join("; "));
            }
        };
        let common = |out: &mut String, why: &Why| {
            let _ = writeln!(out, "    rule: {}", why.rule);
            if !why.evidence.is_empty() {
                let read: Vec<String> = why
                    .evidence
                    .iter()
                    .map(|m| format!("\"{}\" [{}..{}]", m.text, m.start, m.end))
                    .collect();
                let _ = writeln!(out, "    read: {}", read.join(", "));
            }
            for n in &why.notes {
                let _ = writeln!(out, "    note: {n}");
            }
        };
        for (o, why) in self.entities.officials.iter().zip(&self.officials) {
            let _ = writeln!(
                out,
                "official {:?}: {}, {}",
                o.name,
                o.title.as_deref().unwrap_or("(no title)"),
                o.country.as_deref().unwrap_or("no country")
            );
            common(&mut out, why);
            scores(&mut out, why);
        }
        for (l, why) in self.entities.locations.iter().zip(&self.locations) {
            let _ = writeln!(
                out,
                "location {:?}: {}, {}{}",
                l.name,
                kind_name(l.kind),
                l.country.as_deref().unwrap_or("no country"),
                if l.approximate { ", approximate" } else { "" }
            );
            common(&mut out, why);
            scores(&mut out, why);
        }
        self.quotes_and_events(&mut out);
        out
    }
}

#[cfg(test)]
mod quotes_and_events_tests {
    use crate::{Enricher, ItemDate};

    #[test]
    fn explain_says_who_spoke_and_which_words_dated_an_event() {
        let e = Enricher::new().expect("bundled data loads");
        let text = "Foreign Minister Ana Ruiz met Defence Minister Tom Baker in Lima on \
                    Monday. \"We agreed on the next steps,\" Ruiz told reporters.";
        let out = e
            .explain_dated(text, ItemDate::parse("2024-03-26"))
            .to_text(3);
        assert!(out.contains("said by Ana Ruiz (official #0)"), "{out}");
        assert!(out.contains("date: 2024-03-25 from \"on Monday\""), "{out}");
    }

    #[test]
    fn explain_says_which_cue_attributed_each_quote() {
        let e = Enricher::new().expect("bundled data loads");
        let text = "Foreign Minister Ana Ruiz met Defence Minister Tom Baker in Lima on \
                    Monday. \"We agreed on the next steps,\" she told reporters. \"The talks \
                    were frank and useful.\"\n\n\
                    \"Trade will grow this year,\" according to Baker.\n\n\
                    Ruiz said in a statement: \"We will work together on trade.\" \
                    \"Our ties have never been closer,\" the statement added.";
        let explained = e.explain_dated(text, ItemDate::parse("2024-03-26"));
        let out = explained.to_text(3);
        let cues: Vec<(&str, &str)> = explained
            .quotes
            .iter()
            .map(|w| (w.rule.as_str(), w.notes[0].as_str()))
            .collect();
        assert_eq!(
            cues,
            [
                ("quote-then-speaker-verb", "speaker-pronoun"),
                ("quote-continues", "speaker-pronoun"),
                ("according-to", "speaker-name"),
                ("speaker-verb-then-quote", "speaker-name"),
                ("quote-then-speaker-verb", "speaker-document"),
            ],
            "{out}"
        );
        assert!(
            out.contains("cue: quote-then-speaker-verb at \"told\""),
            "{out}"
        );
        assert!(out.contains("speaker: speaker-pronoun"), "{out}");
    }
}
