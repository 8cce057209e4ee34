//! The producer side: events to the output topic, failed items to the dead-letter topic.
//!
//! The producer is idempotent (no duplicates or reordering from internal retries). A
//! record is only "done" when the broker acknowledges it; only then may the ledger mark
//! its input offset finished. Dead-letter records carry the original key, value and
//! headers untouched plus the Kafka Connect error headers that existing dead-letter
//! tooling already reads.

use std::sync::Arc;
use std::time::Duration;

use rdkafka::error::{KafkaError, KafkaResult};
use rdkafka::message::{Header, Headers, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord, Producer};
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::ClientContext;
use sha2::{Digest, Sha256};

use crate::config::{ClientRole, Config};
use crate::error::ItemError;
use crate::event::{CONTENT_TYPE_HEADER, CONTENT_TYPE_JSON, SCHEMA_VERSION, SCHEMA_VERSION_HEADER};
use crate::http::Health;
use crate::shutdown::FatalError;
use crate::source::report_client_error;

/// Kafka Connect's dead-letter header names.
pub mod dlq_headers {
    pub const TOPIC: &str = "__connect.errors.topic";
    pub const PARTITION: &str = "__connect.errors.partition";
    pub const OFFSET: &str = "__connect.errors.offset";
    pub const STAGE: &str = "__connect.errors.stage";
    /// Connect puts the exception class here; we put the stable error code.
    pub const CLASS_NAME: &str = "__connect.errors.exception.class.name";
    pub const MESSAGE: &str = "__connect.errors.exception.message";
    pub const TIMESTAMP: &str = "__connect.errors.timestamp";
}

/// Callbacks librdkafka invokes for the producer.
pub struct ProducerCallbacks {
    pub health: Arc<Health>,
    pub fatal: FatalError,
}

impl ClientContext for ProducerCallbacks {
    fn stats(&self, _stats: Statistics) {}

    fn error(&self, error: KafkaError, reason: &str) {
        report_client_error("producer", &error, reason, &self.health, &self.fatal);
    }
}

pub type NewsProducer = FutureProducer<ProducerCallbacks>;

/// Builds the idempotent producer. Besides idempotence (managed), it sets defaults the
/// operator may override: `message.max.bytes` derived from the input limit (validated by
/// the config), `message.timeout.ms` = 0 so that librdkafka retries a retriable failure
/// for as long as it lasts, in order (a finite timeout fails queued records, and their
/// later re-send would land after records that got through), and no topic creation.
pub fn create_producer(config: &Config, callbacks: ProducerCallbacks) -> KafkaResult<NewsProducer> {
    let mut cc = producer_config(config);
    set_default(
        &mut cc,
        "message.timeout.ms",
        Some("delivery.timeout.ms"),
        "0",
    );
    cc.set("enable.idempotence", "true");
    cc.create_with_context(callbacks)
}

/// Builds the transactional producer of exactly-once mode (the caller registers its
/// `transactional.id` with `init_transactions`). Unlike the at-least-once producer it keeps librdkafka's default
/// `message.timeout.ms` (= `transaction.timeout.ms`): a record of a transaction cannot
/// wait forever, the transaction fails and is retried whole instead.
pub fn create_transactional_producer(
    config: &Config,
    callbacks: ProducerCallbacks,
    transactional_id: &str,
) -> KafkaResult<NewsProducer> {
    let mut cc = producer_config(config);
    cc.set("enable.idempotence", "true")
        .set("transactional.id", transactional_id);
    cc.create_with_context(callbacks)
}

/// The producer properties both modes share: the operator's, then `message.max.bytes`
/// derived from the input limit (validated by the config) and no topic creation.
fn producer_config(config: &Config) -> rdkafka::ClientConfig {
    let mut cc = config.kafka.client_config(ClientRole::Producer);
    let message_max = config
        .producer_message_max_bytes()
        .unwrap_or(config.pipeline.max_message_bytes);
    set_default(&mut cc, "message.max.bytes", None, &message_max.to_string());
    set_default(&mut cc, "allow.auto.create.topics", None, "false");
    cc
}

/// Sets `name` unless the operator set it, under that name or its librdkafka `alias`.
fn set_default(cc: &mut rdkafka::ClientConfig, name: &str, alias: Option<&str>, value: &str) {
    if cc.get(name).is_none() && alias.is_none_or(|a| cc.get(a).is_none()) {
        cc.set(name, value);
    }
}

/// One record to publish, owned so that it can be re-sent after a retriable failure.
#[derive(Debug, Clone)]
pub struct OutRecord {
    pub topic: Arc<str>,
    pub key: Option<Arc<[u8]>>,
    pub payload: Arc<[u8]>,
    pub headers: OwnedHeaders,
}

impl OutRecord {
    fn as_future_record(&self) -> FutureRecord<'_, [u8], [u8]> {
        let mut r = FutureRecord::to(&self.topic)
            .payload(&*self.payload)
            .headers(self.headers.clone());
        if let Some(key) = &self.key {
            r = r.key(&**key);
        }
        r
    }
}

/// The event record: keyed by the input key, or by the event id when there is none, so
/// that all versions of an item land in the same output partition.
pub fn event_record(
    topic: &Arc<str>,
    input_key: Option<&[u8]>,
    event_id: &str,
    payload: Vec<u8>,
) -> OutRecord {
    let key: Arc<[u8]> = match input_key {
        Some(k) => Arc::from(k),
        None => Arc::from(event_id.as_bytes()),
    };
    let headers = OwnedHeaders::new()
        .insert(Header {
            key: CONTENT_TYPE_HEADER,
            value: Some(CONTENT_TYPE_JSON),
        })
        .insert(Header {
            key: SCHEMA_VERSION_HEADER,
            value: Some(SCHEMA_VERSION.to_string().as_str()),
        });
    OutRecord {
        topic: topic.clone(),
        key: Some(key),
        payload: Arc::from(payload),
        headers,
    }
}

/// Where a failed item came from, for the dead-letter headers.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
}

/// Headers of a dead-letter *reference record*: the original was too large for the
/// dead-letter topic, so the record carries its first bytes and these facts instead.
/// The original stays readable in the input topic (at the `__connect.errors.*`
/// coordinates) for that topic's retention.
pub mod reference_headers {
    /// `true`: the value is only the first bytes of the original value.
    pub const TRUNCATED: &str = "newswire.dead-letter.truncated";
    /// The original value's size in bytes.
    pub const ORIGINAL_SIZE: &str = "newswire.original.value.size";
    /// Lowercase hex SHA-256 of the original value, to match it against the input topic.
    pub const ORIGINAL_SHA256: &str = "newswire.original.value.sha256";
    /// The original key's size, when the key was cut too.
    pub const ORIGINAL_KEY_SIZE: &str = "newswire.original.key.size";
    /// How many original headers were left out (they did not fit).
    pub const HEADERS_DROPPED: &str = "newswire.original.headers.dropped";
}

/// How much of the original value a reference record keeps.
pub const REFERENCE_VALUE_BYTES: usize = 4096;
/// How much of the original key a reference record keeps.
const REFERENCE_KEY_BYTES: usize = 1024;
/// Original headers a reference record keeps, in total bytes.
const REFERENCE_HEADERS_BYTES: usize = 16 * 1024;
/// What librdkafka adds per record and per header on the wire, rounded up: used to
/// decide before sending whether a record fits in `message.max.bytes`.
const RECORD_FRAMING_BYTES: usize = 128;
const HEADER_FRAMING_BYTES: usize = 16;

/// The size a record will have on the wire, as librdkafka's `message.max.bytes` check
/// sees it (rounded up).
pub fn wire_size(
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    headers: Option<&OwnedHeaders>,
) -> usize {
    let headers = headers.map_or(0, |h| {
        h.iter()
            .map(|h| h.key.len() + h.value.map_or(0, <[u8]>::len) + HEADER_FRAMING_BYTES)
            .sum()
    });
    RECORD_FRAMING_BYTES + key.map_or(0, <[u8]>::len) + value.map_or(0, <[u8]>::len) + headers
}

/// The dead-letter record: original key, value and headers, plus the error headers; or,
/// when that would be over `max_record_bytes`, a [reference record](reference_headers).
pub fn dead_letter_record(
    topic: &Arc<str>,
    origin: &Origin<'_>,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    original_headers: Option<&OwnedHeaders>,
    error: &ItemError,
    max_record_bytes: usize,
) -> OutRecord {
    let full = full_dead_letter(topic, origin, key, value, original_headers, error);
    if wire_size(
        full.key.as_deref(),
        Some(&full.payload),
        Some(&full.headers),
    ) <= max_record_bytes
    {
        return full;
    }
    dead_letter_reference(topic, origin, key, value, original_headers, error)
}

fn full_dead_letter(
    topic: &Arc<str>,
    origin: &Origin<'_>,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    original_headers: Option<&OwnedHeaders>,
    error: &ItemError,
) -> OutRecord {
    let mut headers = OwnedHeaders::new();
    if let Some(original) = original_headers {
        for header in original.iter() {
            headers = headers.insert(header);
        }
    }
    OutRecord {
        topic: topic.clone(),
        key: key.map(Arc::from),
        payload: Arc::from(value.unwrap_or_default()),
        headers: with_error_headers(headers, origin, error),
    }
}

/// A dead-letter record that is small whatever the original's size: the error headers,
/// the original's size and SHA-256, its first [`REFERENCE_VALUE_BYTES`] bytes, its key
/// (cut to 1 KiB) and as many original headers as fit in 16 KiB.
pub fn dead_letter_reference(
    topic: &Arc<str>,
    origin: &Origin<'_>,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    original_headers: Option<&OwnedHeaders>,
    error: &ItemError,
) -> OutRecord {
    let value = value.unwrap_or_default();
    let mut headers = OwnedHeaders::new();
    let mut kept = 0;
    let mut dropped = 0usize;
    if let Some(original) = original_headers {
        for header in original.iter() {
            let size = header.key.len() + header.value.map_or(0, <[u8]>::len);
            if kept + size <= REFERENCE_HEADERS_BYTES {
                kept += size;
                headers = headers.insert(header);
            } else {
                dropped += 1;
            }
        }
    }
    headers = with_error_headers(headers, origin, error);
    let digest = Sha256::digest(value);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let mut facts = vec![
        (reference_headers::TRUNCATED, "true".to_string()),
        (reference_headers::ORIGINAL_SIZE, value.len().to_string()),
        (reference_headers::ORIGINAL_SHA256, hex),
    ];
    if key.is_some_and(|k| k.len() > REFERENCE_KEY_BYTES) {
        let size = key.map_or(0, <[u8]>::len);
        facts.push((reference_headers::ORIGINAL_KEY_SIZE, size.to_string()));
    }
    if dropped > 0 {
        facts.push((reference_headers::HEADERS_DROPPED, dropped.to_string()));
    }
    for (name, v) in &facts {
        headers = headers.insert(Header {
            key: name,
            value: Some(v.as_str()),
        });
    }
    OutRecord {
        topic: topic.clone(),
        key: key.map(|k| Arc::from(&k[..k.len().min(REFERENCE_KEY_BYTES)])),
        payload: Arc::from(&value[..value.len().min(REFERENCE_VALUE_BYTES)]),
        headers,
    }
}

fn with_error_headers(
    mut headers: OwnedHeaders,
    origin: &Origin<'_>,
    error: &ItemError,
) -> OwnedHeaders {
    let now_ms = chrono::Utc::now().timestamp_millis().to_string();
    let partition = origin.partition.to_string();
    let offset = origin.offset.to_string();
    for (name, value) in [
        (dlq_headers::TOPIC, origin.topic),
        (dlq_headers::PARTITION, partition.as_str()),
        (dlq_headers::OFFSET, offset.as_str()),
        (dlq_headers::STAGE, error.code.stage().as_str()),
        (dlq_headers::CLASS_NAME, error.code.as_str()),
        (dlq_headers::MESSAGE, error.message.as_str()),
        (dlq_headers::TIMESTAMP, now_ms.as_str()),
    ] {
        headers = headers.insert(Header {
            key: name,
            value: Some(value),
        });
    }
    headers
}

/// True for a [reference record](reference_headers) (not a full copy).
pub fn is_reference(record: &OutRecord) -> bool {
    record
        .headers
        .iter()
        .any(|h| h.key == reference_headers::TRUNCATED)
}

/// What to do about a failed publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The record is too large for the producer or the topic: send a smaller one.
    TooLarge,
    /// The broker will never take this record as it is (malformed).
    Rejected,
    /// Anything else (topic missing or forbidden, broker trouble): the same record may
    /// succeed later, so it is sent again, in order.
    Retriable,
}

/// Classifies a publish error.
pub fn classify(error: &KafkaError) -> Failure {
    match error.rdkafka_error_code() {
        Some(RDKafkaErrorCode::MessageSizeTooLarge | RDKafkaErrorCode::MessageBatchTooLarge) => {
            Failure::TooLarge
        }
        Some(
            RDKafkaErrorCode::InvalidMessageSize
            | RDKafkaErrorCode::InvalidMessage
            | RDKafkaErrorCode::InvalidRecord
            | RDKafkaErrorCode::InvalidArgument,
        ) => Failure::Rejected,
        _ => Failure::Retriable,
    }
}

/// Enqueues `record` in the producer, in call order (the caller's order is the order the
/// broker sees). Waits while the local queue is full instead of failing.
pub async fn enqueue(
    producer: &NewsProducer,
    record: &OutRecord,
) -> Result<DeliveryFuture, KafkaError> {
    loop {
        match producer.send_result(record.as_future_record()) {
            Ok(delivery) => return Ok(delivery),
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            Err((e, _)) => return Err(e),
        }
    }
}

/// The broker's answer to one enqueued record.
pub async fn acknowledged(attempt: Result<DeliveryFuture, KafkaError>) -> Result<(), KafkaError> {
    match attempt?.await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err((e, _))) => Err(e),
        Err(_canceled) => Err(KafkaError::Canceled),
    }
}

/// Flushes the producer's queue, waiting at most `timeout`.
pub fn flush(producer: &NewsProducer, timeout: Duration) {
    if let Err(e) = producer.flush(timeout) {
        tracing::warn!(error = %e, "producer flush did not complete");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn header(record: &OutRecord, name: &str) -> Option<String> {
        record
            .headers
            .iter()
            .find(|h| h.key == name)
            .and_then(|h| h.value.map(|v| String::from_utf8_lossy(v).into_owned()))
    }

    fn origin() -> Origin<'static> {
        Origin {
            topic: "news.raw",
            partition: 2,
            offset: 7,
        }
    }

    #[test]
    fn a_dead_letter_that_fits_is_a_full_copy_and_one_that_does_not_is_a_reference() {
        let topic: Arc<str> = Arc::from("dlq");
        let error = ItemError::new(ErrorCode::TooLarge, "value is too large");
        let original = OwnedHeaders::new().insert(Header {
            key: "trace-id",
            value: Some("abc"),
        });
        let small = vec![b'x'; 1000];
        let r = dead_letter_record(
            &topic,
            &origin(),
            Some(b"k"),
            Some(&small),
            Some(&original),
            &error,
            1_000_000,
        );
        assert_eq!(&*r.payload, &small[..]);
        assert_eq!(header(&r, "trace-id").as_deref(), Some("abc"));
        assert_eq!(header(&r, reference_headers::TRUNCATED), None);

        // 1,000,000 NUL bytes against a 1,000,000-byte record limit: the copy cannot fit.
        let big = vec![0u8; 1_000_000];
        let r = dead_letter_record(
            &topic,
            &origin(),
            Some(b"k"),
            Some(&big),
            Some(&original),
            &error,
            1_000_000,
        );
        assert!(wire_size(r.key.as_deref(), Some(&r.payload), Some(&r.headers)) < 32 * 1024);
        assert_eq!(&*r.payload, &big[..REFERENCE_VALUE_BYTES]);
        assert_eq!(
            header(&r, reference_headers::TRUNCATED).as_deref(),
            Some("true")
        );
        assert_eq!(
            header(&r, reference_headers::ORIGINAL_SIZE).as_deref(),
            Some("1000000")
        );
        let sha = header(&r, reference_headers::ORIGINAL_SHA256).unwrap();
        assert_eq!(sha.len(), 64);
        assert_eq!(sha, format!("{:x}", Sha256::digest(&big)));
        assert_eq!(
            header(&r, dlq_headers::CLASS_NAME).as_deref(),
            Some("too_large")
        );
        assert_eq!(header(&r, dlq_headers::OFFSET).as_deref(), Some("7"));
        assert_eq!(header(&r, "trace-id").as_deref(), Some("abc"));
        assert_eq!(r.key.as_deref(), Some(&b"k"[..]));
    }

    #[test]
    fn a_reference_cuts_a_huge_key_and_drops_huge_headers() {
        let topic: Arc<str> = Arc::from("dlq");
        let error = ItemError::new(ErrorCode::InvalidJson, "bad");
        let big_header = "h".repeat(100_000);
        let original = OwnedHeaders::new().insert(Header {
            key: "huge",
            value: Some(big_header.as_str()),
        });
        let key = vec![b'k'; 50_000];
        let r = dead_letter_reference(
            &topic,
            &origin(),
            Some(&key),
            Some(b"v"),
            Some(&original),
            &error,
        );
        assert_eq!(r.key.as_ref().map(|k| k.len()), Some(1024));
        assert_eq!(
            header(&r, reference_headers::ORIGINAL_KEY_SIZE).as_deref(),
            Some("50000")
        );
        assert_eq!(
            header(&r, reference_headers::HEADERS_DROPPED).as_deref(),
            Some("1")
        );
        assert_eq!(header(&r, "huge"), None);
    }
}
