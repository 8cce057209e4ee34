//! Why an entity was reported: the rule that produced it, the words it read, and the
//! scores that chose its country or sense.
//!
//! The passes record a [`Trace`] beside every official and location they produce (a
//! static rule name and token spans: cheap enough to keep always). Only
//! [`crate::Enricher::explain`] turns traces into text, so plain enrichment pays nothing
//! for the strings.

use serde::Serialize;

use crate::country::CountryWeights;
use crate::model::{Entities, Mention};

/// What a pass knows about how it produced one entity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// The named rule (construction) that produced the entity: "title-before-name",
    /// "gazetteer-name", "unlisted:place-noun-of" ...
    pub rule: &'static str,
    /// Token spans the rule read (a role phrase, a cue word, the name itself).
    pub evidence: Vec<(usize, usize)>,
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
        if a < b {
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

/// Entities with the explanation of each official and location, index for index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    pub entities: Entities,
    pub officials: Vec<Why>,
    pub locations: Vec<Why>,
}
