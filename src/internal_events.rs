//! Everything observable that happens inside the worker, one small type per happening.
//!
//! Each type's `emit` writes the log line *and* updates the metrics, so that an operator
//! reading logs and one reading dashboards see the same story. Code elsewhere never
//! calls `tracing` for these happenings nor touches a collector directly: it builds the
//! event and emits it. (The pattern is Vector's `internal_events`.)

use std::time::Duration;

use crate::error::ItemError;
use crate::metrics::metrics;

/// A record was read from the input topic and entered the pipeline.
pub struct RecordConsumed<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
}

impl RecordConsumed<'_> {
    pub fn emit(&self) {
        tracing::trace!(
            topic = self.topic,
            partition = self.partition,
            offset = self.offset,
            "record consumed"
        );
        let m = metrics();
        m.records_consumed.with_label_values(&[self.topic]).inc();
        m.in_flight.inc();
    }
}

/// An item was decoded, normalized and enriched (or failed to be).
pub struct ItemProcessed {
    /// From its admission (read, counted in flight) to the start of its processing: the
    /// wait for an enrichment thread. It grows when the pool is the bottleneck, which
    /// the processing time alone does not show.
    pub queued: Duration,
    pub elapsed: Duration,
}

impl ItemProcessed {
    pub fn emit(&self) {
        let m = metrics();
        m.queue_wait.observe(self.queued.as_secs_f64());
        m.processing_duration.observe(self.elapsed.as_secs_f64());
    }
}

/// The broker acknowledged an item's event on the output topic.
pub struct EventPublished<'a> {
    pub output_topic: &'a str,
    pub input_partition: i32,
    pub input_offset: i64,
    /// Milliseconds since the epoch of the input record, when it had a timestamp.
    pub record_timestamp_ms: Option<i64>,
    pub officials: usize,
    pub locations: usize,
    pub organizations: usize,
    /// The event's text is a prefix of the article.
    pub truncated: bool,
}

impl EventPublished<'_> {
    pub fn emit(&self) {
        tracing::debug!(
            output_topic = self.output_topic,
            partition = self.input_partition,
            offset = self.input_offset,
            truncated = self.truncated,
            officials = self.officials,
            locations = self.locations,
            organizations = self.organizations,
            "event published"
        );
        let m = metrics();
        m.events_published
            .with_label_values(&[self.output_topic])
            .inc();
        m.in_flight.dec();
        if self.truncated {
            m.events_truncated.inc();
        }
        for (kind, n) in [
            ("official", self.officials),
            ("location", self.locations),
            ("organization", self.organizations),
        ] {
            m.entities_extracted
                .with_label_values(&[kind])
                .inc_by(n as u64);
        }
        if let Some(ts) = self.record_timestamp_ms {
            let now_ms = chrono::Utc::now().timestamp_millis();
            if now_ms >= ts {
                m.end_to_end_latency.observe((now_ms - ts) as f64 / 1000.0);
            }
        }
    }
}

/// The broker acknowledged an item's dead-letter record.
pub struct ItemDeadLettered<'a> {
    pub input_topic: &'a str,
    pub input_partition: i32,
    pub input_offset: i64,
    pub error: &'a ItemError,
    /// The record is a reference (first bytes, size, SHA-256), not a full copy.
    pub reference: bool,
}

impl ItemDeadLettered<'_> {
    pub fn emit(&self) {
        tracing::warn!(
            topic = self.input_topic,
            partition = self.input_partition,
            offset = self.input_offset,
            reason = self.error.code.as_str(),
            error = %self.error.message,
            reference = self.reference,
            "item dead-lettered"
        );
        let m = metrics();
        if self.reference {
            m.dead_letter_references.inc();
        }
        m.dead_letters
            .with_label_values(&[self.error.code.as_str()])
            .inc();
        m.in_flight.dec();
    }
}

/// A publish failed with an error worth retrying (broker down, timeout); it will be tried again.
pub struct PublishRetry<'a> {
    pub topic: &'a str,
    pub input_partition: i32,
    pub input_offset: i64,
    pub error: &'a str,
    pub backoff: Duration,
}

impl PublishRetry<'_> {
    pub fn emit(&self) {
        tracing::warn!(
            topic = self.topic,
            partition = self.input_partition,
            offset = self.input_offset,
            error = self.error,
            backoff_ms = self.backoff.as_millis() as u64,
            "publish failed, retrying"
        );
        metrics().publish_retries.inc();
    }
}

/// Offsets were committed to the group coordinator.
pub struct OffsetsCommitted {
    pub partitions: usize,
}

impl OffsetsCommitted {
    pub fn emit(&self) {
        tracing::debug!(partitions = self.partitions, "offsets committed");
        metrics().commits.inc();
    }
}

/// An offset commit failed; the same offsets are retried at the next interval.
pub struct CommitFailed<'a> {
    pub error: &'a str,
}

impl CommitFailed<'_> {
    pub fn emit(&self) {
        tracing::warn!(error = self.error, "offset commit failed");
        metrics().commit_failures.inc();
    }
}

/// The group gave this instance partitions.
pub struct PartitionsAssigned<'a> {
    pub partitions: &'a [(String, i32)],
    pub total_assigned: usize,
}

impl PartitionsAssigned<'_> {
    pub fn emit(&self) {
        tracing::info!(partitions = ?self.partitions, total = self.total_assigned, "partitions assigned");
        let m = metrics();
        m.rebalances.with_label_values(&["assign"]).inc();
        m.assigned_partitions.set(self.total_assigned as i64);
        // Each owned partition has a stall series from the start (0 until it stalls), so
        // dashboards and alerts tell "not stalled" from "not reported".
        for (topic, partition) in self.partitions {
            m.partition_stalled
                .with_label_values(&[topic, &partition.to_string()])
                .set(0);
        }
    }
}

/// The group took partitions away from this instance.
pub struct PartitionsRevoked<'a> {
    pub partitions: &'a [(String, i32)],
    pub total_assigned: usize,
}

impl PartitionsRevoked<'_> {
    pub fn emit(&self) {
        tracing::info!(partitions = ?self.partitions, total = self.total_assigned, "partitions revoked");
        let m = metrics();
        m.rebalances.with_label_values(&["revoke"]).inc();
        m.assigned_partitions.set(self.total_assigned as i64);
        for (topic, partition) in self.partitions {
            // A partition we no longer own has no lag (nor stall) of ours to report.
            let _ = m
                .consumer_lag
                .remove_label_values(&[topic, &partition.to_string()]);
            let _ = m
                .partition_stalled
                .remove_label_values(&[topic, &partition.to_string()]);
        }
    }
}

/// A rebalance failed (the client rejoins by itself).
pub struct RebalanceFailed<'a> {
    pub error: &'a str,
}

impl RebalanceFailed<'_> {
    pub fn emit(&self) {
        tracing::warn!(error = self.error, "rebalance failed");
        metrics().rebalances.with_label_values(&["error"]).inc();
    }
}

/// The Kafka client reported an error (transport, broker down, ...). Not fatal by itself:
/// librdkafka reconnects with backoff.
pub struct KafkaClientError<'a> {
    pub client: &'static str,
    pub code: &'a str,
    pub reason: &'a str,
}

impl KafkaClientError<'_> {
    /// Reports a consumer error (e.g. a topic that does not exist yet): librdkafka retries
    /// and reconnects by itself, so it is counted and logged, never fatal here. Shared by
    /// the at-least-once and exactly-once loops.
    pub fn consumer(error: &rdkafka::error::KafkaError) {
        let code = error
            .rdkafka_error_code()
            .map(|c| format!("{c:?}"))
            .unwrap_or_else(|| "other".into());
        KafkaClientError {
            client: "consumer",
            code: &code,
            reason: &error.to_string(),
        }
        .emit();
    }

    /// Counts every occurrence; logs one line per code per
    /// [`KAFKA_CLIENT_ERROR_INTERVAL`](crate::log_limit::KAFKA_CLIENT_ERROR_INTERVAL), with
    /// `suppressed` = the occurrences since the previous line that were not logged.
    pub fn emit(&self) {
        if let Some(suppressed) = crate::log_limit::kafka_client_errors().admit(self.code) {
            tracing::warn!(
                client = self.client,
                code = self.code,
                reason = self.reason,
                suppressed,
                "kafka client error"
            );
        }
        metrics().kafka_errors.with_label_values(&[self.code]).inc();
    }
}

/// The consumer's lag on one partition, from librdkafka statistics.
pub struct ConsumerLagObserved<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub lag: i64,
}

impl ConsumerLagObserved<'_> {
    pub fn emit(&self) {
        metrics()
            .consumer_lag
            .with_label_values(&[self.topic, &self.partition.to_string()])
            .set(self.lag);
    }
}

/// Shutdown's drain deadline passed with items unfinished. They are not committed, so
/// the group redelivers them; the in-flight gauge keeps counting them until exit.
pub struct ItemsAbandoned {
    pub count: usize,
    pub deadline: Duration,
}

impl ItemsAbandoned {
    pub fn emit(&self) {
        tracing::warn!(
            count = self.count,
            deadline = ?self.deadline,
            "drain deadline passed; unfinished items left uncommitted for redelivery"
        );
        metrics().items_abandoned.inc_by(self.count as u64);
    }
}

/// The bytes charged against `pipeline.max_in_flight_bytes` changed (an item was
/// admitted, its charge corrected to its event's real size, or it finished).
pub struct InFlightBytesChanged {
    pub bytes: u64,
}

impl InFlightBytesChanged {
    pub fn emit(&self) {
        tracing::trace!(bytes = self.bytes, "in-flight bytes");
        metrics()
            .in_flight_bytes
            .set(i64::try_from(self.bytes).unwrap_or(i64::MAX));
    }
}

/// An item has waited longer than `pipeline.stall_timeout` for its output to be
/// acknowledged: its partition cannot commit past it. The worker keeps trying.
pub struct PartitionStalled<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
    pub waited: Duration,
    pub reason: &'a str,
}

impl PartitionStalled<'_> {
    pub fn emit(&self) {
        tracing::error!(
            topic = self.topic,
            partition = self.partition,
            offset = self.offset,
            waited_s = self.waited.as_secs(),
            reason = self.reason,
            "partition stalled: item neither published nor dead-lettered; still retrying"
        );
        metrics()
            .partition_stalled
            .with_label_values(&[self.topic, &self.partition.to_string()])
            .set(1);
    }
}

/// A stalled partition's item was finished at last.
pub struct PartitionRecovered<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
}

impl PartitionRecovered<'_> {
    pub fn emit(&self) {
        tracing::info!(
            topic = self.topic,
            partition = self.partition,
            offset = self.offset,
            "stalled partition moves again"
        );
        metrics()
            .partition_stalled
            .with_label_values(&[self.topic, &self.partition.to_string()])
            .set(0);
    }
}

/// A configured topic is missing or not authorized in the cluster's metadata.
pub struct TopicUnavailable<'a> {
    pub role: &'static str,
    pub topic: &'a str,
    pub problem: &'a str,
}

impl TopicUnavailable<'_> {
    pub fn emit(&self) {
        tracing::error!(
            role = self.role,
            topic = self.topic,
            problem = self.problem,
            "topic unavailable; retrying (create it or grant access)"
        );
        metrics()
            .topic_unavailable
            .with_label_values(&[self.topic, self.role])
            .set(1);
    }
}

/// The topic watch starts on a configured topic: its series exists from then on, 0 until
/// the topic is found missing or forbidden.
pub struct TopicWatched<'a> {
    pub role: &'static str,
    pub topic: &'a str,
}

impl TopicWatched<'_> {
    pub fn emit(&self) {
        tracing::debug!(role = self.role, topic = self.topic, "watching topic");
        metrics()
            .topic_unavailable
            .with_label_values(&[self.topic, self.role])
            .set(0);
    }
}

/// A configured topic that was unavailable is back in the metadata.
pub struct TopicAvailable<'a> {
    pub role: &'static str,
    pub topic: &'a str,
}

impl TopicAvailable<'_> {
    pub fn emit(&self) {
        tracing::info!(role = self.role, topic = self.topic, "topic available");
        metrics()
            .topic_unavailable
            .with_label_values(&[self.topic, self.role])
            .set(0);
    }
}

/// Exactly-once mode: a transaction committed a batch's events, dead letters and input
/// offsets together.
pub struct TransactionCommitted {
    pub records: usize,
    pub partitions: usize,
    pub elapsed: Duration,
}

impl TransactionCommitted {
    pub fn emit(&self) {
        tracing::debug!(
            records = self.records,
            partitions = self.partitions,
            elapsed_ms = self.elapsed.as_millis() as u64,
            "transaction committed"
        );
        let m = metrics();
        m.transactions.with_label_values(&["committed"]).inc();
        m.transaction_duration.observe(self.elapsed.as_secs_f64());
    }
}

/// Exactly-once mode: a transaction was aborted (nothing of it is visible to
/// `read_committed` readers) and the consumer rewound to its first offsets, so its
/// records are read and processed again.
pub struct TransactionAborted<'a> {
    pub records: usize,
    pub reason: &'a str,
    /// Consecutive aborts, this one included.
    pub attempt: u32,
    pub backoff: Duration,
}

impl TransactionAborted<'_> {
    pub fn emit(&self) {
        tracing::warn!(
            records = self.records,
            reason = self.reason,
            attempt = self.attempt,
            backoff_ms = self.backoff.as_millis() as u64,
            "transaction aborted; its records will be processed again"
        );
        let m = metrics();
        m.transactions.with_label_values(&["aborted"]).inc();
        // They were counted in flight when read; they will be again when re-read.
        m.in_flight
            .sub(i64::try_from(self.records).unwrap_or(i64::MAX));
    }
}
