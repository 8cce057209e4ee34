//! The public output types: what one item's enrichment yields. Kept apart from the passes
//! so that readers of the crate's API never need to look at the rules, and so that no
//! pass imports anything back from the crate root.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 3166-1 alpha-2 code ("US"): two ASCII capital letters, held inline. Every
/// official, location and organization carries one; as a `String` each was an allocation
/// (and a free) for two bytes. It serializes as the same JSON string a `String` did, and
/// reads as a `&str` (`Deref`), so `country.as_deref() == Some("US")` still holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The code of two bytes, when both are ASCII capitals (the schema's `^[A-Z]{2}$`);
    /// `None` for anything else, the gazetteer's "no country" `[0, 0]` among them.
    pub const fn new(bytes: [u8; 2]) -> Option<Self> {
        if bytes[0].is_ascii_uppercase() && bytes[1].is_ascii_uppercase() {
            Some(Self(bytes))
        } else {
            None
        }
    }

    /// The code written as `s` ("US"), if `s` is one.
    pub fn parse(s: &str) -> Option<Self> {
        match *s.as_bytes() {
            [a, b] => Self::new([a, b]),
            _ => None,
        }
    }

    /// The two letters as bytes (`*b"US"`).
    pub const fn bytes(self) -> [u8; 2] {
        self.0
    }

    pub fn as_str(&self) -> &str {
        // Two ASCII letters by construction: valid UTF-8, never the fallback.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::ops::Deref for CountryCode {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CountryCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for CountryCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CountryCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Debug-printed as the string it replaced (`"US"`), so debug output reads the same.
impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Reads the JSON string a code serializes as; any other string is an error (the schema
/// allows none).
impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Code;
        impl serde::de::Visitor<'_> for Code {
            type Value = CountryCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 3166-1 alpha-2 code (two capital letters)")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<CountryCode, E> {
                CountryCode::parse(s)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(s), &self))
            }
        }
        deserializer.deserialize_str(Code)
    }
}

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
    pub country: Option<CountryCode>,
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
    pub country: Option<CountryCode>,
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
    pub country: Option<CountryCode>,
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

#[cfg(test)]
mod tests {
    use super::CountryCode;
    use crate::gazetteer::{cc_str, parse_cc, NO_CC};

    #[test]
    fn a_code_is_exactly_two_capital_letters() {
        let mut codes = 0;
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let capitals = a.is_ascii_uppercase() && b.is_ascii_uppercase();
                assert_eq!(CountryCode::new([a, b]).is_some(), capitals, "{a} {b}");
                codes += usize::from(capitals);
            }
        }
        assert_eq!(codes, 26 * 26);
        assert_eq!(
            CountryCode::parse("US").map(CountryCode::bytes),
            Some(*b"US")
        );
        for s in ["", "U", "us", "USA", "U1", "É"] {
            assert_eq!(CountryCode::parse(s), None, "{s}");
        }
    }

    #[test]
    fn a_code_reads_as_the_string_it_replaced() {
        // Every code the data can hold (parse_cc yields a code or NO_CC, tested below)
        // reads, prints, compares and serializes as the `String` cc_str made.
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = CountryCode::new([a, b]).expect("two capitals");
                let old = cc_str([a, b]).expect("a code");
                assert_eq!(&*code, old.as_str());
                assert_eq!(code, old.as_str());
                assert_eq!(code.to_string(), old);
                assert_eq!(format!("{code:?}"), format!("{old:?}"));
                assert_eq!(
                    serde_json::to_string(&code).expect("encodes"),
                    serde_json::to_string(&old).expect("encodes")
                );
                let back: CountryCode = serde_json::from_str(&format!("\"{old}\"")).expect("reads");
                assert_eq!(back, code);
            }
        }
        assert_eq!(CountryCode::new(NO_CC), None);
        assert_eq!(cc_str(NO_CC), None);
    }

    #[test]
    fn only_codes_deserialize() {
        for bad in ["\"us\"", "\"USA\"", "\"\"", "1", "null"] {
            assert!(serde_json::from_str::<CountryCode>(bad).is_err(), "{bad}");
        }
        let none: Option<CountryCode> = serde_json::from_str("null").expect("reads");
        assert_eq!(none, None);
    }

    #[test]
    fn every_parsed_code_is_a_country_code_or_none() {
        // Codes reach the output only through parse_cc (the gazetteer and curated lists):
        // whatever two bytes it is given, it yields NO_CC or a `CountryCode`.
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let Ok(s) = std::str::from_utf8(&[a, b]).map(str::to_owned) else {
                    continue;
                };
                let cc = parse_cc(&s);
                assert!(cc == NO_CC || CountryCode::new(cc).is_some(), "{s:?}");
            }
        }
        let lex = crate::lexicon::Lexicon::load().expect("bundled data loads");
        for p in &lex.places {
            assert!(
                p.cc == NO_CC || CountryCode::new(p.cc).is_some(),
                "{}",
                p.name
            );
        }
    }
}
