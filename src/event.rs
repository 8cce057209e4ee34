//! The output event, schema version 1, and how an item becomes one.
//!
//! The JSON form of [`Event`] is a public contract described by `schema/event.v1.json`;
//! the tests validate every emitted event against that file. Adding an optional field is
//! compatible; renaming or retyping one needs a new schema version.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use newswire_enrich::{Location, Official, Organization, Quote};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use uuid::Uuid;

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
            SourceRef::Kafka(k) => format!("kafka/{}/{}/{}", k.topic, k.partition, k.offset),
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
    /// The event's JSON: the bytes `serde_json::to_vec` would give, written by
    /// [`crate::json`] (faster string escaping) into a buffer sized up front from the
    /// text and the number of entities, so that it rarely has to grow.
    pub fn encode(&self) -> Result<Vec<u8>, serde_json::Error> {
        crate::json::to_vec_with_capacity(self, self.encoded_size_guess())
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
}

/// RFC 3339 with millisecond precision in UTC, the form used for every timestamp field.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A Kafka record timestamp (milliseconds since the epoch) as RFC 3339.
pub fn rfc3339_from_millis(ms: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp_millis(ms).map(rfc3339)
}
