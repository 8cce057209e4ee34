//! The public output types: what one item's enrichment yields. Kept apart from the passes
//! so that readers of the crate's API never need to look at the rules, and so that no
//! pass imports anything back from the crate root.

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
    /// Quoted words the text attributes to a speaker, in text order.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Meetings, calls, visits and appointments the text reports as having happened.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A person (or body) the text gives as the source of words or a part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    /// The fullest form of the name in the text (an official's `name` when linked), or the
    /// body's name for words given as a body's.
    pub name: String,
    /// Index into `officials` when the person is one.
    pub official: Option<usize>,
}

/// A quoted span of three words or more with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words between the quotation marks, as written.
    pub text: String,
    /// Char offsets of `text` in the normalized text, end exclusive (like [`Mention`]).
    pub start: usize,
    pub end: usize,
    pub speaker: PersonRef,
}

/// What kind of happening an [`Event`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Met, held talks with, received, hosted.
    Meeting,
    /// Spoke by phone, a phone or video call.
    Call,
    /// Visited, arrived in, travelled to a place.
    Visit,
    /// Appointed, named, sworn in, elected or nominated to a post.
    Appointment,
}

/// Where an event happened, linked to `locations` when the place is one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub name: String,
    /// Index into `locations`.
    pub location: Option<usize>,
}

/// A meeting, call, visit or appointment the text reports as having happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    /// Meeting and call: everyone named as taking part; visit: the visitors; appointment:
    /// the appointees.
    pub participants: Vec<PersonRef>,
    pub place: Option<PlaceRef>,
    /// `YYYY-MM-DD` when the text pins the day (resolved against the item's date).
    pub date: Option<String>,
    /// The words the date came from ("on Monday").
    pub date_text: Option<String>,
    /// Char offsets of the evidence (the clause the event was read from), end exclusive.
    pub start: usize,
    pub end: usize,
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
