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
use tokio_util::sync::CancellationToken;

use crate::config::{ClientRole, Config};
use crate::error::ItemError;
use crate::event::{CONTENT_TYPE_HEADER, CONTENT_TYPE_JSON, SCHEMA_VERSION, SCHEMA_VERSION_HEADER};
use crate::http::Health;
use crate::internal_events::PublishRetry;
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

/// Builds the idempotent producer.
pub fn create_producer(config: &Config, callbacks: ProducerCallbacks) -> KafkaResult<NewsProducer> {
    let mut cc = config.kafka.client_config(ClientRole::Producer);
    cc.set("enable.idempotence", "true");
    cc.create_with_context(callbacks)
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

/// The dead-letter record: original key, value and headers, plus the error headers.
pub fn dead_letter_record(
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
    OutRecord {
        topic: topic.clone(),
        key: key.map(Arc::from),
        payload: Arc::from(value.unwrap_or_default()),
        headers,
    }
}

/// Why a record could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The broker will never take this record (e.g. too large for the topic).
    #[error("the broker rejected the record: {0}")]
    Rejected(KafkaError),
    /// Shutdown's deadline passed while the record was still being retried.
    #[error("abandoned at shutdown while retrying: {0}")]
    Abandoned(String),
}

/// Errors that no retry can fix for this record.
fn is_permanent(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(
            RDKafkaErrorCode::MessageSizeTooLarge
                | RDKafkaErrorCode::InvalidMessageSize
                | RDKafkaErrorCode::InvalidMessage
                | RDKafkaErrorCode::InvalidRecord
                | RDKafkaErrorCode::MessageBatchTooLarge
                | RDKafkaErrorCode::InvalidArgument
        )
    )
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

/// Waits for `first` attempt's acknowledgement; on a retriable failure re-sends with
/// exponential backoff until it is acknowledged, rejected for good, or `abandon` fires.
pub async fn await_delivery(
    producer: &NewsProducer,
    record: &OutRecord,
    first: Result<DeliveryFuture, KafkaError>,
    origin: &Origin<'_>,
    abandon: &CancellationToken,
) -> Result<(), PublishError> {
    let mut attempt = first;
    let mut backoff = Duration::from_millis(100);
    loop {
        let error = match attempt {
            Ok(delivery) => match delivery.await {
                Ok(Ok(_)) => return Ok(()),
                Ok(Err((e, _))) => e,
                Err(_canceled) => KafkaError::Canceled,
            },
            Err(e) => e,
        };
        if is_permanent(&error) {
            return Err(PublishError::Rejected(error));
        }
        let message = error.to_string();
        PublishRetry {
            topic: &record.topic,
            input_partition: origin.partition,
            input_offset: origin.offset,
            error: &message,
            backoff,
        }
        .emit();
        tokio::select! {
            _ = abandon.cancelled() => return Err(PublishError::Abandoned(message)),
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(Duration::from_secs(30));
        attempt = enqueue(producer, record).await;
    }
}

/// Flushes the producer's queue, waiting at most `timeout`.
pub fn flush(producer: &NewsProducer, timeout: Duration) {
    if let Err(e) = producer.flush(timeout) {
        tracing::warn!(error = %e, "producer flush did not complete");
    }
}
