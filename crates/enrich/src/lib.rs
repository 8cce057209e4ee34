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

mod country;
mod gazetteer;
mod lexicon;
mod locations;
mod model;
mod names;
mod officials;
mod organizations;
mod scan;
mod titles;
mod tokens;
mod unlisted;

pub use model::{
    DataError, Entities, Location, LocationKind, Mention, Official, Organization, OrganizationKind,
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
        let doc = scan::Doc::new(text, &self.lex);
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
        let mut doc = scan::Doc::new(text, &self.lex);
        if doc.is_empty() {
            return Entities::default();
        }
        let chunks = organizations::chunks(&doc);
        doc.set_org_chunks(chunks);
        // Places named with a kind word go first: "King Khalid International Airport" is a
        // place, not King Khalid.
        let (suffixed, roads) = locations::suffix_places(&doc);
        for (a, b) in suffixed.iter().map(|s| (s.0, s.1)).chain(roads) {
            doc.claim(a, b, scan::claim::PLACE);
        }
        let people = officials::extract(&mut doc);
        let mut ctx = scan::item_countries(&doc);
        // Countries the text gives its officials are context for places too.
        for p in &people {
            if let (true, Some(cc)) = (p.country_explicit, p.country) {
                ctx.add(cc, 1.0);
            }
        }
        let locations = locations::extract(&mut doc, &ctx, &suffixed);
        // Officials whose country the text leaves implicit take it from the places too.
        for l in &locations {
            if let Some(cc) = l.country.as_deref().map(gazetteer::parse_cc) {
                let w = if l.kind == LocationKind::Country {
                    0.0
                } else {
                    0.5 * l.mentions.len() as f32
                };
                ctx.add(cc, w);
            }
        }
        ctx.sort_best_first();
        let signals = locations::signals(&doc, &locations);
        let dateline = locations::dateline_country(&doc, &locations);
        let officials = officials::finish(&doc, people, &ctx, &signals, dateline);
        let organizations = organizations::collect(&mut doc, &[]);
        Entities {
            officials,
            locations,
            organizations,
        }
    }
}
