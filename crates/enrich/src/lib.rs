//! Pure, offline enrichment of news text: officials, geocoded locations and organizations.
//!
//! This crate does no I/O and holds no global mutable state: the same text and the same
//! compiled data always give the same [`Entities`]. That is what makes it easy to test,
//! benchmark and fuzz, and safe to run on every core of the worker at once.
//!
//! Two steps, used in this order by the worker:
//! 1. [`normalize::normalize`]: raw article text -> normalized text (NFC, typographic quotes
//!    and dashes understood, page junk stripped). Mention offsets refer to *this* text.
//! 2. [`Enricher::enrich`]: normalized text -> [`Entities`].

pub mod normalize;

mod bodies;
mod claims;
mod country;
mod dates;
mod events;
pub mod explain;
mod gazetteer;
mod lexicon;
mod locations;
mod model;
mod names;
mod officials;
mod organizations;
mod persons;
mod phrases;
mod quotes;
mod scan;
mod tag;
#[cfg(test)]
mod test_texts;
mod titles;
mod tokens;
mod weak_places;
mod weights;
mod words;

use claims::{claim, Claims};
use country::CountryWeights;
use explain::{Explained, Trace};

pub use dates::ItemDate;
pub use model::{
    CountryCode, DataError, Entities, Event, EventKind, Location, LocationKind, Mention, Official,
    Organization, OrganizationKind, PersonRef, PlaceRef, Quote,
};

/// Compiled enrichment data (gazetteer, titles, bodies, demonyms) plus the extraction logic.
///
/// Build it once and share it (`&Enricher` is `Sync`); `enrich` never mutates it.
#[derive(Debug)]
pub struct Enricher {
    lex: lexicon::Lexicon,
}

impl Enricher {
    /// Loads the data compiled into the binary.
    pub fn new() -> Result<Self, DataError> {
        Ok(Self {
            lex: lexicon::Lexicon::load()?,
        })
    }

    /// Debug view of the dictionary matches (for developing the rules; not a stable format).
    #[doc(hidden)]
    pub fn debug_segments(&self, text: &str) -> Vec<String> {
        let mut lower = String::new();
        let doc = tag::tag(text, &mut lower, &self.lex);
        (0..doc.len())
            .map(|i| {
                let s = doc.seg[i];
                format!(
                    "{i}:{} {:?}",
                    doc.t.surface(i),
                    s.map(|s| (s.b, s.ok, doc.entry(&s).title))
                )
            })
            .collect()
    }

    /// Extracts entities from already-normalized text.
    pub fn enrich(&self, text: &str) -> Entities {
        self.enrich_dated(text, None)
    }

    /// [`Enricher::enrich`] for an item published on `date`: events' weekdays, "today"
    /// and "yesterday" resolve against it (without it they get no date).
    pub fn enrich_dated(&self, text: &str, date: Option<ItemDate>) -> Entities {
        self.run(text, date, false, |_, entities, _| entities)
    }

    /// Extracts entities and explains each official and location: the rule that produced
    /// it, the words it read, and the scores that chose its country or sense. For people
    /// asking "why is this person the foreign minister of that country?"; the output is
    /// the same as [`Enricher::enrich`]'s.
    pub fn explain(&self, text: &str) -> Explained {
        self.explain_dated(text, None)
    }

    /// [`Enricher::explain`] for an item published on `date` (events' dates resolve
    /// against it, as in [`Enricher::enrich_dated`]).
    pub fn explain_dated(&self, text: &str, date: Option<ItemDate>) -> Explained {
        self.run(text, date, true, |doc, entities, traces| Explained {
            officials: traces
                .officials
                .iter()
                .map(|t| explain::why(doc, t))
                .collect(),
            locations: traces
                .locations
                .iter()
                .map(|t| explain::why(doc, t))
                .collect(),
            quotes: explain::quote_whys(doc, &entities),
            entities,
        })
    }

    /// Entities with the passes' raw traces (officials, locations), for the passes' own
    /// tests.
    #[cfg(test)]
    pub(crate) fn traced(&self, text: &str) -> (Entities, Vec<Trace>, Vec<Trace>) {
        self.run(text, None, true, |_, entities, traces| {
            (entities, traces.officials, traces.locations)
        })
    }

    /// The pass table: each line is one pass, in the order they run. A pass reads the
    /// tagged document and what the passes above it returned; the token claims travel
    /// down the table explicitly (`&mut` where a pass takes tokens). `date` is the item's
    /// publication date, which events' weekdays, "today" and "yesterday" resolve
    /// against. `explain`: the traces will be read (the locations pass then builds their
    /// costly parts; the entities are the same either way). `keep` receives the document,
    /// the entities and the passes' traces.
    fn run<R>(
        &self,
        text: &str,
        date: Option<ItemDate>,
        explain: bool,
        keep: impl FnOnce(&scan::Doc<'_, '_>, Entities, Traces) -> R,
    ) -> R {
        // 1. Tag: tokens, dictionary matches, sentences, headlines, bodies' spans, the
        //    countries the text names unambiguously.
        let mut lower = String::new();
        let (doc, mut claims) = tag::tag_unclaimed(text, &mut lower, &self.lex);
        if doc.is_empty() {
            return keep(&doc, Entities::default(), Traces::default());
        }
        // 2. Places named with a kind word go first: "King Khalid International Airport"
        //    is a place, not King Khalid.
        let (suffixed, roads) = locations::suffix_places(&doc, &claims);
        for (a, b) in suffixed.iter().map(|s| (s.a, s.b)).chain(roads) {
            claims.claim(a, b, claim::PLACE);
        }
        // 3. Officials: role constructions, then later mentions of the same people.
        let people = officials::extract(&doc, &mut claims);
        // 4. The item's countries, now that names are known, plus those the officials'
        //    titles state.
        let ctx = officials_context(&doc, &claims, &people);
        // 5. Locations: candidates, senses, small and unlisted places.
        let (locations, location_traces) =
            locations::extract(&doc, &mut claims, &ctx, &suffixed, explain);
        // 6. Officials' countries where the text leaves them implicit.
        let ctx = places_context(ctx, &locations);
        let signals = locations::signals(&doc, &claims, &locations);
        let dateline = locations::dateline_country(&doc, &locations);
        let (officials, official_traces) =
            officials::finish(&doc, people, &ctx, &signals, dateline, explain);
        // 7. Organizations: the bodies' spans and the curated bodies nobody else took.
        let organizations = organizations::collect(&doc, &claims, &[]);
        let mut entities = Entities {
            officials,
            locations,
            organizations,
            ..Entities::default()
        };
        let traces = Traces {
            officials: official_traces,
            locations: location_traces,
        };
        // 8. Quotation marks and event trigger words; without either, nothing more to do.
        let spans = quotes::spans(&doc);
        let triggers = events::triggers(&doc);
        if !spans.is_empty() || !triggers.is_empty() {
            // 9. Who is named where, now that officials, places and bodies are final.
            let persons = persons::build(&doc, &entities);
            // 10. Quotes and their speakers.
            entities.quotes = quotes::extract(&doc, &entities, &persons, &spans);
            // 11. Meetings, calls, visits and appointments, dated by the date expressions
            //     of their sentences (dates.rs) resolved against the item's date.
            entities.events = events::extract(&doc, &entities, &persons, &triggers, date);
        }
        keep(&doc, entities, traces)
    }
}

/// The passes' traces, index for index with the entities.
#[derive(Default)]
struct Traces {
    officials: Vec<Trace>,
    locations: Vec<Trace>,
}

/// The item's country context for places: unambiguous places and demonyms outside
/// people's names, and the countries the text gives its officials.
fn officials_context(
    doc: &scan::Doc<'_, '_>,
    claims: &Claims,
    people: &[officials::Person],
) -> CountryWeights {
    let mut ctx = scan::item_countries(doc, claims);
    for p in people {
        if let (true, Some(cc)) = (p.country_explicit, p.country) {
            ctx.add(cc, weights::CONTEXT_OFFICIAL_COUNTRY);
        }
    }
    ctx
}

/// The context for officials' countries: the places' context plus the resolved places
/// themselves, heaviest first.
fn places_context(mut ctx: CountryWeights, locations: &[Location]) -> CountryWeights {
    for l in locations {
        if let Some(cc) = l.country.map(CountryCode::bytes) {
            let w = if l.kind == LocationKind::Country {
                0.0
            } else {
                weights::CONTEXT_PER_PLACE_MENTION * l.mentions.len() as f32
            };
            ctx.add(cc, w);
        }
    }
    ctx.sort_best_first();
    ctx
}

#[cfg(test)]
mod tests {
    use super::Enricher;

    /// Without `explain` no trace is built, and the entities are those found with them.
    #[test]
    fn traces_are_built_only_to_be_read() {
        let e = Enricher::new().expect("bundled data loads");
        let text = "Defense Minister Yoav Gallant met Egyptian Foreign Minister Sameh \
                    Shoukry in Cairo on Monday. Gallant later visited the village of \
                    Kasimpar in Borno state.";
        let (with, officials, locations) = e.traced(text);
        assert!(officials.len() >= 2, "{officials:?}");
        assert_eq!(officials.len(), with.officials.len());
        assert_eq!(locations.len(), with.locations.len());
        let (without, no_officials, no_locations) = e.run(text, None, false, |_, ents, t| {
            (ents, t.officials, t.locations)
        });
        assert_eq!(without, with);
        assert!(no_officials.is_empty() && no_officials.capacity() == 0);
        assert!(no_locations.is_empty());
    }
}
