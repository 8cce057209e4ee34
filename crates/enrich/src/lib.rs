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

mod gazetteer;
mod lexicon;
mod locations;
mod names;
mod officials;
mod organizations;
mod scan;
mod titles;
mod tokens;
mod unlisted;

use serde::{Deserialize, Serialize};

/// One occurrence of an entity in the normalized text.
///
/// `start` and `end` are offsets in Unicode scalar values (Rust `char`s), not bytes, so
/// that consumers in any language can slice the text the same way; `end` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A person the text describes as holding a public role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Official {
    /// Fullest form of the name found in the text, without titles or honorifics.
    pub name: String,
    /// The role phrase as the text states it ("Secretary of State", "spokesperson").
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 code of the state served; `None` for intergovernmental bodies.
    pub country: Option<String>,
    /// The body the person serves when the text names it ("State Department").
    pub organization: Option<String>,
    pub mentions: Vec<Mention>,
}

/// Gazetteer category of a resolved place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationKind {
    Country,
    Admin,
    City,
    Territory,
    Geo,
    Facility,
}

/// A named place resolved to one gazetteer entry, or placed by the text around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Fullest form used in the text ("United States" when it writes both "US" and that).
    pub name: String,
    pub kind: LocationKind,
    /// ISO 3166-1 alpha-2 code of the country the place lies in; `None` for seas and
    /// multi-country regions.
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// `true` when the place itself is in no gazetteer ("the village of X", "Y power
    /// station"): the text introduces it as a place, and `country`, `lat` and `lon` are
    /// those of the place it puts it in (or the item's main place). Consumers that plot
    /// points should treat these as the containing area's centre, not the place's own.
    pub approximate: bool,
    pub mentions: Vec<Mention>,
}

/// What kind of body an organization is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// A state's body: government, ministry, agency, parliament, court, armed forces.
    Government,
    /// A body of several states (UN, EU, NATO, AU, IMF).
    Intergovernmental,
    Party,
    /// A non-state armed or militant group (Hamas, RSF).
    ArmedGroup,
    Media,
    Company,
    /// Anything else named as a body: universities, NGOs, foundations, unions.
    Other,
}

/// A named organization: government body, party, armed group, IGO, media outlet, company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-2 code of the state the body belongs to, when the curated list or
    /// the name itself says ("Russian Foreign Ministry" -> RU); `None` otherwise.
    pub country: Option<String>,
    pub mentions: Vec<Mention>,
}

/// Everything extracted from one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    pub officials: Vec<Official>,
    pub locations: Vec<Location>,
    pub organizations: Vec<Organization>,
}

/// The data the embedded gazetteer and curated lists failed to load with.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("bundled data file {file} line {line}: {reason}")]
    Malformed {
        file: &'static str,
        line: usize,
        reason: String,
    },
}

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
        doc.early_ctx = locations::context(&doc);
        let people = officials::extract(&mut doc);
        let mut ctx = locations::context(&doc);
        // Countries the text gives its officials are context for places too.
        for p in &people {
            if let (true, Some(cc)) = (p.country_explicit, p.country) {
                match ctx.iter_mut().find(|e| e.0 == cc) {
                    Some(e) => e.1 += 1.0,
                    None => ctx.push((cc, 1.0)),
                }
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
                if let Some(e) = ctx.iter_mut().find(|e| e.0 == cc) {
                    e.1 += w;
                } else {
                    ctx.push((cc, w));
                }
            }
        }
        ctx.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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
