//! The output event, schema version 1, and how an item becomes one.
//!
//! The JSON form of [`Event`] is a public contract described by `schema/event.v1.json`;
//! the tests validate every emitted event against that file. Adding an optional field is
//! compatible; renaming or retyping one needs a new schema version.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use newswire_enrich::{
    CountryCode, EventKind, Location, LocationKind, Mention, Official, Organization,
    OrganizationKind, PersonRef, PlaceRef, Quote,
};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use uuid::Uuid;

use crate::json::{
    write_array, write_bool, write_int, write_opt_int, write_opt_str, write_serde, write_str,
};

/// Version of the event layout; also sent as the `newswire-schema-version` header.
pub const SCHEMA_VERSION: u32 = 1;
/// Header carrying [`SCHEMA_VERSION`] on every published event.
pub const SCHEMA_VERSION_HEADER: &str = "newswire-schema-version";
/// Header naming the value's media type.
pub const CONTENT_TYPE_HEADER: &str = "content-type";
pub const CONTENT_TYPE_JSON: &str = "application/json";
/// This build's version, stamped on every event so downstream can tell extractor releases apart.
pub const WORKER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Namespace for event ids (UUID v5 of the URL below), so ids never collide with
/// another system's v5 ids built from the same names. A SHA-1 to compute, so it is
/// computed once per process, not for every record.
fn event_id_namespace() -> &'static Uuid {
    static NAMESPACE: OnceLock<Uuid> = OnceLock::new();
    NAMESPACE.get_or_init(|| {
        Uuid::new_v5(
            &Uuid::NAMESPACE_URL,
            b"https://github.com/newswire/event-id",
        )
    })
}

/// Where an item came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SourceRef {
    Kafka(KafkaSource),
    File { file: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KafkaSource {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// The record key as UTF-8 (lossy for binary keys), or null.
    pub key: Option<String>,
    /// The record timestamp (create or log-append time), RFC 3339.
    pub timestamp: Option<String>,
}

impl SourceRef {
    /// The deterministic event id: a redelivered record (same topic, partition, offset)
    /// gets the same id, so downstream can drop duplicates after a crash or rebalance.
    /// Files are identified by their content, so re-running `enrich` is idempotent too.
    pub fn event_id(&self, content: &[u8]) -> Uuid {
        let name = match self {
            SourceRef::Kafka(k) => return kafka_event_id(k),
            SourceRef::File { .. } => {
                let mut fingerprint = [0u8; uuid::fmt::Simple::LENGTH];
                let fingerprint = Uuid::new_v5(event_id_namespace(), content)
                    .simple()
                    .encode_lower(&mut fingerprint);
                format!("content/{fingerprint}")
            }
        };
        Uuid::new_v5(event_id_namespace(), name.as_bytes())
    }
}

/// The event id of a Kafka record: the UUID v5 of "kafka/TOPIC/PARTITION/OFFSET". The
/// name is written on the stack (this runs for every record); a topic too long for that
/// room takes the heap.
fn kafka_event_id(k: &KafkaSource) -> Uuid {
    use std::io::Write;
    let mut room = [0u8; 256];
    let mut w = std::io::Cursor::new(&mut room[..]);
    if write!(w, "kafka/{}/{}/{}", k.topic, k.partition, k.offset).is_ok() {
        let len = w.position() as usize;
        return Uuid::new_v5(event_id_namespace(), &room[..len]);
    }
    let name = format!("kafka/{}/{}/{}", k.topic, k.partition, k.offset);
    Uuid::new_v5(event_id_namespace(), name.as_bytes())
}

/// One enriched news item: the value of a record on the output topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub schema_version: u32,
    pub event_id: Uuid,
    pub source: SourceRef,
    /// The envelope's id, else the record key, else null.
    pub item_id: Option<String>,
    pub published_date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Normalized article text; every mention offset points into it (in chars).
    pub text: String,
    /// True when `text` is only a prefix of the article (over `enrich.max_text_bytes`, or
    /// cut to keep the event within the producer's size limit); entities are those of the
    /// prefix. Absent otherwise, so events of ordinary items are unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    pub language: Option<String>,
    pub processed_at: String,
    pub worker_version: String,
    pub officials: Vec<Official>,
    pub locations: Vec<Location>,
    pub organizations: Vec<Organization>,
    /// Quoted words with their speakers (always present, possibly empty).
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Meetings, calls, visits and appointments reported as having happened.
    #[serde(default)]
    pub events: Vec<newswire_enrich::Event>,
}

impl Event {
    /// The event's JSON: the bytes `serde_json::to_vec` gives for it (its derived
    /// `Serialize`), written field by field with [`crate::json`] (no serde layers between,
    /// faster string escaping) into a buffer sized up front from the text and the number
    /// of entities, so that it rarely has to grow.
    pub fn encode(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut out = Vec::with_capacity(self.encoded_size_guess());
        self.write_json(&mut out)?;
        Ok(out)
    }

    /// A little over the encoded size of most events of the project's texts: the text,
    /// a few hundred bytes of fixed fields, and per entity its fields and mentions.
    fn encoded_size_guess(&self) -> usize {
        let entities = self.officials.len()
            + self.locations.len()
            + self.organizations.len()
            + self.quotes.len()
            + self.events.len();
        let mentions: usize = self
            .officials
            .iter()
            .map(|o| o.mentions.len())
            .chain(self.locations.iter().map(|l| l.mentions.len()))
            .chain(self.organizations.iter().map(|o| o.mentions.len()))
            .sum();
        let quoted: usize = self.quotes.iter().map(|q| q.text.len()).sum();
        self.text.len() + quoted + 512 + 160 * entities + 64 * mentions
    }

    /// The fields in declaration order, named and skipped as `derive(Serialize)` does.
    /// Here and in the writers below every struct is taken apart naming all its fields,
    /// so that a field added to one is a compile error until it is written too.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        let Event {
            schema_version,
            event_id,
            source,
            item_id,
            published_date,
            title,
            url,
            text,
            truncated,
            language,
            processed_at,
            worker_version,
            officials,
            locations,
            organizations,
            quotes,
            events,
        } = self;
        out.extend_from_slice(b"{\"schema_version\":");
        write_int(out, *schema_version);
        out.extend_from_slice(b",\"event_id\":");
        write_serde(out, event_id)?;
        out.extend_from_slice(b",\"source\":");
        write_source(out, source);
        out.extend_from_slice(b",\"item_id\":");
        write_opt_str(out, item_id.as_deref());
        out.extend_from_slice(b",\"published_date\":");
        write_serde(out, published_date)?;
        out.extend_from_slice(b",\"title\":");
        write_opt_str(out, title.as_deref());
        out.extend_from_slice(b",\"url\":");
        write_opt_str(out, url.as_deref());
        out.extend_from_slice(b",\"text\":");
        write_str(out, text);
        // `skip_serializing_if = "Not::not"`: present only when true.
        if *truncated {
            out.extend_from_slice(b",\"truncated\":true");
        }
        out.extend_from_slice(b",\"language\":");
        write_opt_str(out, language.as_deref());
        out.extend_from_slice(b",\"processed_at\":");
        write_str(out, processed_at);
        out.extend_from_slice(b",\"worker_version\":");
        write_str(out, worker_version);
        out.extend_from_slice(b",\"officials\":");
        write_array(out, officials, write_official)?;
        out.extend_from_slice(b",\"locations\":");
        write_array(out, locations, write_location)?;
        out.extend_from_slice(b",\"organizations\":");
        write_array(out, organizations, write_organization)?;
        out.extend_from_slice(b",\"quotes\":");
        write_array(out, quotes, write_quote)?;
        out.extend_from_slice(b",\"events\":");
        write_array(out, events, write_happening)?;
        out.push(b'}');
        Ok(())
    }
}

/// `#[serde(untagged)]`: the variant's own fields, no tag.
fn write_source(out: &mut Vec<u8>, source: &SourceRef) {
    match source {
        SourceRef::Kafka(KafkaSource {
            topic,
            partition,
            offset,
            key,
            timestamp,
        }) => {
            out.extend_from_slice(b"{\"topic\":");
            write_str(out, topic);
            out.extend_from_slice(b",\"partition\":");
            write_int(out, *partition);
            out.extend_from_slice(b",\"offset\":");
            write_int(out, *offset);
            out.extend_from_slice(b",\"key\":");
            write_opt_str(out, key.as_deref());
            out.extend_from_slice(b",\"timestamp\":");
            write_opt_str(out, timestamp.as_deref());
        }
        SourceRef::File { file } => {
            out.extend_from_slice(b"{\"file\":");
            write_str(out, file);
        }
    }
    out.push(b'}');
}

// The kinds' names as JSON strings, as their `rename_all` spells them: written for every
// entity, and serde_json's escaping of a short string cost more than the rest of the
// entity's fixed fields. The matches are exhaustive, so a new kind is a compile error here;
// the tests compare every name with serde_json's.

fn location_kind(kind: LocationKind) -> &'static [u8] {
    match kind {
        LocationKind::Country => b"\"country\"",
        LocationKind::Admin => b"\"admin\"",
        LocationKind::City => b"\"city\"",
        LocationKind::Territory => b"\"territory\"",
        LocationKind::Geo => b"\"geo\"",
        LocationKind::Facility => b"\"facility\"",
    }
}

fn organization_kind(kind: OrganizationKind) -> &'static [u8] {
    match kind {
        OrganizationKind::Government => b"\"government\"",
        OrganizationKind::Intergovernmental => b"\"intergovernmental\"",
        OrganizationKind::Party => b"\"party\"",
        OrganizationKind::ArmedGroup => b"\"armed_group\"",
        OrganizationKind::Media => b"\"media\"",
        OrganizationKind::Company => b"\"company\"",
        OrganizationKind::Other => b"\"other\"",
    }
}

fn event_kind(kind: EventKind) -> &'static [u8] {
    match kind {
        EventKind::Meeting => b"\"meeting\"",
        EventKind::Call => b"\"call\"",
        EventKind::Visit => b"\"visit\"",
        EventKind::Appointment => b"\"appointment\"",
    }
}

/// A country code as its JSON string, or `null`: two ASCII capitals need no escaping, so
/// they are copied between the quotes as they are (the tests compare every code with
/// serde_json's form).
fn write_country(out: &mut Vec<u8>, country: Option<CountryCode>) {
    match country {
        Some(code) => {
            let [a, b] = code.bytes();
            out.extend_from_slice(&[b'"', a, b, b'"']);
        }
        None => out.extend_from_slice(b"null"),
    }
}

fn write_mention(out: &mut Vec<u8>, mention: &Mention) -> Result<(), serde_json::Error> {
    let Mention { start, end, text } = mention;
    out.extend_from_slice(b"{\"start\":");
    write_int(out, *start);
    out.extend_from_slice(b",\"end\":");
    write_int(out, *end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, text);
    out.push(b'}');
    Ok(())
}

fn write_official(out: &mut Vec<u8>, official: &Official) -> Result<(), serde_json::Error> {
    let Official {
        name,
        title,
        country,
        organization,
        mentions,
    } = official;
    out.extend_from_slice(b"{\"name\":");
    write_str(out, name);
    out.extend_from_slice(b",\"title\":");
    write_opt_str(out, title.as_deref());
    out.extend_from_slice(b",\"country\":");
    write_country(out, *country);
    out.extend_from_slice(b",\"organization\":");
    write_opt_str(out, organization.as_deref());
    out.extend_from_slice(b",\"mentions\":");
    write_array(out, mentions, write_mention)?;
    out.push(b'}');
    Ok(())
}

fn write_location(out: &mut Vec<u8>, location: &Location) -> Result<(), serde_json::Error> {
    let Location {
        name,
        kind,
        country,
        lat,
        lon,
        approximate,
        mentions,
    } = location;
    out.extend_from_slice(b"{\"name\":");
    write_str(out, name);
    out.extend_from_slice(b",\"kind\":");
    out.extend_from_slice(location_kind(*kind));
    out.extend_from_slice(b",\"country\":");
    write_country(out, *country);
    out.extend_from_slice(b",\"lat\":");
    write_serde(out, lat)?;
    out.extend_from_slice(b",\"lon\":");
    write_serde(out, lon)?;
    out.extend_from_slice(b",\"approximate\":");
    write_bool(out, *approximate);
    out.extend_from_slice(b",\"mentions\":");
    write_array(out, mentions, write_mention)?;
    out.push(b'}');
    Ok(())
}

fn write_organization(
    out: &mut Vec<u8>,
    organization: &Organization,
) -> Result<(), serde_json::Error> {
    let Organization {
        name,
        kind,
        country,
        mentions,
    } = organization;
    out.extend_from_slice(b"{\"name\":");
    write_str(out, name);
    out.extend_from_slice(b",\"kind\":");
    out.extend_from_slice(organization_kind(*kind));
    out.extend_from_slice(b",\"country\":");
    write_country(out, *country);
    out.extend_from_slice(b",\"mentions\":");
    write_array(out, mentions, write_mention)?;
    out.push(b'}');
    Ok(())
}

fn write_person(out: &mut Vec<u8>, person: &PersonRef) -> Result<(), serde_json::Error> {
    let PersonRef { name, official } = person;
    out.extend_from_slice(b"{\"name\":");
    write_str(out, name);
    out.extend_from_slice(b",\"official\":");
    write_opt_int(out, *official);
    out.push(b'}');
    Ok(())
}

fn write_quote(out: &mut Vec<u8>, quote: &Quote) -> Result<(), serde_json::Error> {
    let Quote {
        text,
        start,
        end,
        speaker,
    } = quote;
    out.extend_from_slice(b"{\"text\":");
    write_str(out, text);
    out.extend_from_slice(b",\"start\":");
    write_int(out, *start);
    out.extend_from_slice(b",\"end\":");
    write_int(out, *end);
    out.extend_from_slice(b",\"speaker\":");
    write_person(out, speaker)?;
    out.push(b'}');
    Ok(())
}

/// An entry of `events`: a meeting, call, visit or appointment.
fn write_happening(
    out: &mut Vec<u8>,
    event: &newswire_enrich::Event,
) -> Result<(), serde_json::Error> {
    let newswire_enrich::Event {
        kind,
        participants,
        place,
        date,
        date_text,
        start,
        end,
    } = event;
    out.extend_from_slice(b"{\"kind\":");
    out.extend_from_slice(event_kind(*kind));
    out.extend_from_slice(b",\"participants\":");
    write_array(out, participants, write_person)?;
    out.extend_from_slice(b",\"place\":");
    match place {
        Some(PlaceRef { name, location }) => {
            out.extend_from_slice(b"{\"name\":");
            write_str(out, name);
            out.extend_from_slice(b",\"location\":");
            write_opt_int(out, *location);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date\":");
    write_opt_str(out, date.as_deref());
    out.extend_from_slice(b",\"date_text\":");
    write_opt_str(out, date_text.as_deref());
    out.extend_from_slice(b",\"start\":");
    write_int(out, *start);
    out.extend_from_slice(b",\"end\":");
    write_int(out, *end);
    out.push(b'}');
    Ok(())
}

/// RFC 3339 with millisecond precision in UTC, the form used for every timestamp field.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A Kafka record timestamp (milliseconds since the epoch) as RFC 3339.
pub fn rfc3339_from_millis(ms: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp_millis(ms).map(rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id is the UUID v5 of the name `format!` writes, whatever the topic's length
    /// (on the stack or, past its room, on the heap).
    #[test]
    fn a_kafka_event_id_is_that_of_its_formatted_name() {
        for topic_len in [0, 1, 8, 200, 220, 221, 222, 230, 256, 300, 1000] {
            for (partition, offset) in [(0, 0), (5, 123_456), (i32::MAX, i64::MAX), (-1, i64::MIN)]
            {
                let k = KafkaSource {
                    topic: "t".repeat(topic_len),
                    partition,
                    offset,
                    key: None,
                    timestamp: None,
                };
                let name = format!("kafka/{}/{}/{}", k.topic, k.partition, k.offset);
                let want = Uuid::new_v5(event_id_namespace(), name.as_bytes());
                assert_eq!(
                    SourceRef::Kafka(k).event_id(b"ignored"),
                    want,
                    "{topic_len}"
                );
            }
        }
    }

    fn mention(start: usize, text: &str) -> Mention {
        Mention {
            start,
            end: start + text.chars().count(),
            text: text.into(),
        }
    }

    fn person(name: &str, official: Option<usize>) -> PersonRef {
        PersonRef {
            name: name.into(),
            official,
        }
    }

    /// An event with every optional field set, the odd strings to escape, and floats
    /// serde_json writes in its own ways (`null` for NaN, exponents).
    fn full_event() -> Event {
        let happening = |place: Option<PlaceRef>, date: Option<&str>| newswire_enrich::Event {
            kind: EventKind::Meeting,
            participants: vec![person("A \"B\"", Some(0)), person("C", None)],
            place,
            date: date.map(str::to_owned),
            date_text: date.map(|_| "on Monday".to_owned()),
            start: 3,
            end: 40,
        };
        Event {
            schema_version: SCHEMA_VERSION,
            event_id: Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0),
            source: SourceRef::Kafka(KafkaSource {
                topic: "news.raw".into(),
                partition: -1,
                offset: i64::MAX,
                key: Some("k\"1\n".into()),
                timestamp: rfc3339_from_millis(1_764_720_000_123),
            }),
            item_id: Some("item\\1".into()),
            published_date: NaiveDate::from_ymd_opt(2024, 3, 26),
            title: Some("Talks \u{2014} \u{1}".into()),
            url: Some("https://x.test/a?b=c&d=\u{e9}".into()),
            text: "First line.\n\n\"Quoted\"\ttab \u{7f}\u{1f600}".into(),
            truncated: true,
            language: Some("en".into()),
            processed_at: "2025-12-03T00:00:00.000Z".into(),
            worker_version: WORKER_VERSION.into(),
            officials: vec![Official {
                name: "Antony Blinken".into(),
                title: Some("Secretary of State".into()),
                country: CountryCode::parse("US"),
                organization: Some("State Department".into()),
                mentions: vec![mention(0, "Blinken"), mention(20, "Antony Blinken")],
            }],
            locations: [f64::NAN, 31.7683, -0.0, 1e21, 1e-7]
                .iter()
                .enumerate()
                .map(|(i, &lat)| Location {
                    name: format!("Place {i}"),
                    kind: [LocationKind::City, LocationKind::Facility][i % 2],
                    country: CountryCode::new(*b"IL").filter(|_| i % 2 == 0),
                    lat,
                    lon: -lat * 3.0,
                    approximate: i % 2 == 1,
                    mentions: vec![mention(i * 10, "Place")],
                })
                .collect(),
            organizations: vec![Organization {
                name: "Armed group".into(),
                kind: OrganizationKind::ArmedGroup,
                country: None,
                mentions: vec![],
            }],
            quotes: vec![Quote {
                text: "we will \"not\" go".into(),
                start: 5,
                end: 21,
                speaker: person("Blinken", Some(0)),
            }],
            events: vec![
                happening(
                    Some(PlaceRef {
                        name: "Gaza City".into(),
                        location: Some(1),
                    }),
                    Some("2024-03-25"),
                ),
                happening(
                    Some(PlaceRef {
                        name: "Nowhere".into(),
                        location: None,
                    }),
                    None,
                ),
                happening(None, None),
            ],
        }
    }

    /// An event with every optional field unset and no entities.
    fn bare_event() -> Event {
        Event {
            source: SourceRef::File {
                file: "items/a \"b\".txt".into(),
            },
            item_id: None,
            published_date: None,
            title: None,
            url: None,
            text: String::new(),
            truncated: false,
            language: None,
            officials: vec![],
            locations: vec![],
            organizations: vec![],
            quotes: vec![],
            events: vec![],
            ..full_event()
        }
    }

    #[test]
    fn every_kind_is_named_as_serde_json_names_it() {
        use LocationKind as L;
        use OrganizationKind as O;
        fn same(ours: &[u8], kind: impl Serialize) {
            let theirs = serde_json::to_vec(&kind).expect("encodes");
            assert_eq!(
                String::from_utf8_lossy(ours),
                String::from_utf8_lossy(&theirs)
            );
        }
        for k in [
            L::Country,
            L::Admin,
            L::City,
            L::Territory,
            L::Geo,
            L::Facility,
        ] {
            same(location_kind(k), k);
        }
        for k in [
            O::Government,
            O::Intergovernmental,
            O::Party,
            O::ArmedGroup,
            O::Media,
            O::Company,
            O::Other,
        ] {
            same(organization_kind(k), k);
        }
        for k in [
            EventKind::Meeting,
            EventKind::Call,
            EventKind::Visit,
            EventKind::Appointment,
        ] {
            same(event_kind(k), k);
        }
    }

    #[test]
    fn every_country_code_is_written_as_serde_json_writes_it() {
        let mut codes = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = CountryCode::new([a, b]);
                assert!(code.is_some(), "{a} {b}");
                let mut ours = Vec::new();
                write_country(&mut ours, code);
                let theirs = serde_json::to_vec(&code).expect("encodes");
                assert_eq!(ours, theirs);
                codes += 1;
            }
        }
        assert_eq!(codes, 26 * 26);
        let mut ours = Vec::new();
        write_country(&mut ours, None);
        assert_eq!(
            ours,
            serde_json::to_vec(&None::<CountryCode>).expect("encodes")
        );
    }

    #[test]
    fn the_encoding_is_what_serde_json_writes() {
        for event in [full_event(), bare_event()] {
            let ours = event.encode().expect("encodes");
            let theirs = serde_json::to_vec(&event).expect("encodes");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }
}
