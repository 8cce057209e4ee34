//! The Prometheus metrics the worker exports, in one registry.
//!
//! Nothing outside `internal_events` should touch these collectors directly: a happening
//! is emitted once as an internal event, which logs *and* counts, so that logs and
//! metrics never drift apart. Names follow Prometheus conventions: `newswire_` prefix,
//! `_total` counters, base units (seconds).

use std::sync::OnceLock;

use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

use crate::error::ErrorCode;

/// Every collector, registered once per process.
pub struct Metrics {
    registry: Registry,
    pub records_consumed: IntCounterVec,
    pub events_published: IntCounterVec,
    pub dead_letters: IntCounterVec,
    pub processing_duration: Histogram,
    pub end_to_end_latency: Histogram,
    pub in_flight: IntGauge,
    pub in_flight_bytes: IntGauge,
    pub partition_stalled: IntGaugeVec,
    pub topic_unavailable: IntGaugeVec,
    pub events_truncated: IntCounter,
    pub dead_letter_references: IntCounter,
    pub consumer_lag: IntGaugeVec,
    pub commits: IntCounter,
    pub commit_failures: IntCounter,
    pub rebalances: IntCounterVec,
    pub entities_extracted: IntCounterVec,
    pub kafka_errors: IntCounterVec,
    pub publish_retries: IntCounter,
    pub items_abandoned: IntCounter,
    pub assigned_partitions: IntGauge,
    pub transactions: IntCounterVec,
    pub transaction_duration: Histogram,
    pub build_info: IntGaugeVec,
}

/// The process-wide metrics. Built on first use.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

impl Metrics {
    fn new() -> Metrics {
        let registry = Registry::new();
        // Registration only fails on a duplicate or malformed name, which is a bug in this
        // file caught by the unit test below, never something input can cause.
        fn reg<C: prometheus::core::Collector + Clone + 'static>(r: &Registry, c: C) -> C {
            r.register(Box::new(c.clone()))
                .expect("metric names in metrics.rs are unique and well-formed");
            c
        }
        fn counter_vec(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
            reg(
                r,
                IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric"),
            )
        }
        fn counter(r: &Registry, name: &str, help: &str) -> IntCounter {
            reg(r, IntCounter::new(name, help).expect("valid metric"))
        }
        fn histogram(r: &Registry, name: &str, help: &str, buckets: Vec<f64>) -> Histogram {
            reg(
                r,
                Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets))
                    .expect("valid metric"),
            )
        }
        let m = Metrics {
            records_consumed: counter_vec(
                &registry,
                "newswire_records_consumed_total",
                "Records read from the input topic.",
                &["topic"],
            ),
            events_published: counter_vec(
                &registry,
                "newswire_events_published_total",
                "Events acknowledged by the broker on the output topic.",
                &["topic"],
            ),
            dead_letters: counter_vec(
                &registry,
                "newswire_dead_letters_total",
                "Records acknowledged on the dead-letter topic, by reason code.",
                &["reason"],
            ),
            processing_duration: histogram(
                &registry,
                "newswire_processing_duration_seconds",
                "Time to decode, normalize and enrich one item.",
                prometheus::exponential_buckets(0.00005, 2.5, 12).expect("valid buckets"),
            ),
            end_to_end_latency: histogram(
                &registry,
                "newswire_end_to_end_latency_seconds",
                "From the input record's timestamp to the broker's acknowledgement of its event.",
                prometheus::exponential_buckets(0.005, 2.5, 14).expect("valid buckets"),
            ),
            in_flight: reg(
                &registry,
                IntGauge::new(
                    "newswire_in_flight_items",
                    "Items consumed whose event or dead-letter record is not yet acknowledged.",
                )
                .expect("valid metric"),
            ),
            in_flight_bytes: reg(
                &registry,
                IntGauge::new(
                    "newswire_in_flight_bytes",
                    "Bytes charged against pipeline.max_in_flight_bytes by items in flight.",
                )
                .expect("valid metric"),
            ),
            partition_stalled: reg(
                &registry,
                IntGaugeVec::new(
                    Opts::new(
                        "newswire_partition_stalled",
                        "1 while an item of the input partition has waited longer than pipeline.stall_timeout for its output to be acknowledged.",
                    ),
                    &["topic", "partition"],
                )
                .expect("valid metric"),
            ),
            topic_unavailable: reg(
                &registry,
                IntGaugeVec::new(
                    Opts::new(
                        "newswire_topic_unavailable",
                        "1 while a configured topic is missing or not authorized in the cluster metadata (role: input, output, dead_letter).",
                    ),
                    &["topic", "role"],
                )
                .expect("valid metric"),
            ),
            events_truncated: counter(
                &registry,
                "newswire_events_truncated_total",
                "Published events whose text is a prefix of the article (truncated: true).",
            ),
            dead_letter_references: counter(
                &registry,
                "newswire_dead_letter_references_total",
                "Dead-letter records written as references (first bytes, size, SHA-256) because the original was too large.",
            ),
            consumer_lag: reg(
                &registry,
                IntGaugeVec::new(
                    Opts::new(
                        "newswire_consumer_lag",
                        "Messages behind the partition's high watermark (librdkafka statistics).",
                    ),
                    &["topic", "partition"],
                )
                .expect("valid metric"),
            ),
            commits: counter(
                &registry,
                "newswire_commits_total",
                "Successful offset commits.",
            ),
            commit_failures: counter(
                &registry,
                "newswire_commit_failures_total",
                "Failed offset commits (retried at the next interval).",
            ),
            rebalances: counter_vec(
                &registry,
                "newswire_rebalances_total",
                "Consumer group rebalances seen by this instance, by kind (assign, revoke, error).",
                &["kind"],
            ),
            entities_extracted: counter_vec(
                &registry,
                "newswire_entities_extracted_total",
                "Entities in published events, by kind (official, location, organization).",
                &["kind"],
            ),
            kafka_errors: counter_vec(
                &registry,
                "newswire_kafka_errors_total",
                "Errors reported by the Kafka client, by librdkafka error code.",
                &["code"],
            ),
            publish_retries: counter(
                &registry,
                "newswire_publish_retries_total",
                "Publish attempts repeated after a retriable delivery failure.",
            ),
            items_abandoned: counter(
                &registry,
                "newswire_items_abandoned_total",
                "Items still unfinished when the shutdown deadline passed (not committed: redelivered later).",
            ),
            assigned_partitions: reg(
                &registry,
                IntGauge::new(
                    "newswire_assigned_partitions",
                    "Input partitions currently assigned to this instance.",
                )
                .expect("valid metric"),
            ),
            transactions: counter_vec(
                &registry,
                "newswire_transactions_total",
                "Kafka transactions of exactly-once mode, by outcome (committed, aborted).",
                &["outcome"],
            ),
            transaction_duration: histogram(
                &registry,
                "newswire_transaction_duration_seconds",
                "Exactly-once mode: from a transaction's begin to its commit (producing its records, sending its offsets, committing).",
                prometheus::exponential_buckets(0.001, 2.5, 12).expect("valid buckets"),
            ),
            build_info: reg(
                &registry,
                IntGaugeVec::new(
                    Opts::new("newswire_build_info", "Build of the running worker (always 1)."),
                    &["version"],
                )
                .expect("valid metric"),
            ),
            registry,
        };
        m.build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        // Pre-create the series a dashboard expects, so that rates start at zero rather
        // than appearing only after the first dead letter.
        for code in ErrorCode::ALL {
            m.dead_letters.with_label_values(&[code.as_str()]);
        }
        for kind in ["official", "location", "organization"] {
            m.entities_extracted.with_label_values(&[kind]);
        }
        for kind in ["assign", "revoke"] {
            m.rebalances.with_label_values(&[kind]);
        }
        for outcome in ["committed", "aborted"] {
            m.transactions.with_label_values(&[outcome]);
        }
        m
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        // Encoding into a Vec cannot fail for well-formed metric families.
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut buf) {
            return format!("# encoding failed: {e}\n");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_exported_with_its_documented_name() {
        // Labelled counters appear once the pipeline knows its topics; do what it does.
        metrics().records_consumed.with_label_values(&["news.raw"]);
        let text = metrics().render();
        for name in [
            "newswire_records_consumed_total",
            "newswire_dead_letters_total{reason=\"invalid_utf8\"}",
            "newswire_processing_duration_seconds_bucket",
            "newswire_end_to_end_latency_seconds_bucket",
            "newswire_in_flight_items",
            "newswire_in_flight_bytes",
            "newswire_events_truncated_total",
            "newswire_dead_letter_references_total",
            "newswire_commits_total",
            "newswire_commit_failures_total",
            "newswire_rebalances_total{kind=\"assign\"}",
            "newswire_entities_extracted_total{kind=\"official\"}",
            "newswire_transactions_total{outcome=\"aborted\"}",
            "newswire_transaction_duration_seconds_bucket",
            "newswire_build_info{version=",
        ] {
            assert!(text.contains(name), "missing {name} in:\n{text}");
        }
    }
}
