//! The Prometheus metrics the worker exports, in one registry.
//!
//! Nothing outside `internal_events` should touch these collectors directly: a happening
//! is emitted once as an internal event, which logs *and* counts, so that logs and
//! metrics never drift apart. Names follow Prometheus conventions: `newswire_` prefix,
//! `_total` counters, base units (seconds).
//!
//! The collectors are registered in groups, one per part of the worker they observe:
//! [`SourceMetrics`] (the consumer), [`PipelineMetrics`] (items between consumption and
//! acknowledgement), [`SinkMetrics`] (what the producer publishes), [`EnrichmentMetrics`]
//! (what processing makes of an item) and [`ProcessMetrics`] (the process and its Kafka
//! clients as a whole). A new metric goes into the group of the code that emits it.
//! [`Metrics`] keeps every collector as a flat field, so that emitters write
//! `metrics().commits` whatever the group.

use std::sync::OnceLock;

use prometheus::core::Collector;
use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

use crate::error::ErrorCode;

/// Every collector, registered once per process.
pub struct Metrics {
    registry: Registry,
    // Source.
    pub records_consumed: IntCounterVec,
    pub consumer_lag: IntGaugeVec,
    pub rebalances: IntCounterVec,
    pub assigned_partitions: IntGauge,
    pub commits: IntCounter,
    pub commit_failures: IntCounter,
    // Pipeline.
    pub in_flight: IntGauge,
    pub in_flight_bytes: IntGauge,
    pub partition_stalled: IntGaugeVec,
    pub items_abandoned: IntCounter,
    // Sink.
    pub events_published: IntCounterVec,
    pub dead_letters: IntCounterVec,
    pub dead_letter_references: IntCounter,
    pub publish_retries: IntCounter,
    pub end_to_end_latency: Histogram,
    pub transactions: IntCounterVec,
    pub transaction_duration: Histogram,
    // Enrichment.
    pub queue_wait: Histogram,
    pub processing_duration: Histogram,
    pub entities_extracted: IntCounterVec,
    pub events_truncated: IntCounter,
    // Process.
    pub kafka_errors: IntCounterVec,
    pub topic_unavailable: IntGaugeVec,
    pub build_info: IntGaugeVec,
}

/// The process-wide metrics. Built on first use.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

impl Metrics {
    /// Registers every group in a fresh registry and gathers their collectors.
    fn new() -> Metrics {
        let registry = Registry::new();
        let r = Registrar(&registry);
        let SourceMetrics {
            records_consumed,
            consumer_lag,
            rebalances,
            assigned_partitions,
            commits,
            commit_failures,
        } = SourceMetrics::register(&r);
        let PipelineMetrics {
            in_flight,
            in_flight_bytes,
            partition_stalled,
            items_abandoned,
        } = PipelineMetrics::register(&r);
        let SinkMetrics {
            events_published,
            dead_letters,
            dead_letter_references,
            publish_retries,
            end_to_end_latency,
            transactions,
            transaction_duration,
        } = SinkMetrics::register(&r);
        let EnrichmentMetrics {
            queue_wait,
            processing_duration,
            entities_extracted,
            events_truncated,
        } = EnrichmentMetrics::register(&r);
        let ProcessMetrics {
            kafka_errors,
            topic_unavailable,
            build_info,
        } = ProcessMetrics::register(&r);
        Metrics {
            registry,
            records_consumed,
            consumer_lag,
            rebalances,
            assigned_partitions,
            commits,
            commit_failures,
            in_flight,
            in_flight_bytes,
            partition_stalled,
            items_abandoned,
            events_published,
            dead_letters,
            dead_letter_references,
            publish_retries,
            end_to_end_latency,
            transactions,
            transaction_duration,
            queue_wait,
            processing_duration,
            entities_extracted,
            events_truncated,
            kafka_errors,
            topic_unavailable,
            build_info,
        }
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

/// Creates collectors and registers them in one registry.
///
/// Creation and registration fail only on a malformed or duplicate name (or malformed
/// buckets), which is a bug in this file caught by the unit tests below, never something
/// input can cause: hence the `expect`s.
struct Registrar<'a>(&'a Registry);

impl Registrar<'_> {
    fn register<C: Collector + Clone + 'static>(&self, collector: prometheus::Result<C>) -> C {
        let collector = collector.expect("metric names in metrics.rs are well-formed");
        self.0
            .register(Box::new(collector.clone()))
            .expect("metric names in metrics.rs are unique");
        collector
    }

    fn counter(&self, name: &str, help: &str) -> IntCounter {
        self.register(IntCounter::new(name, help))
    }

    fn counter_vec(&self, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
        self.register(IntCounterVec::new(Opts::new(name, help), labels))
    }

    fn gauge(&self, name: &str, help: &str) -> IntGauge {
        self.register(IntGauge::new(name, help))
    }

    fn gauge_vec(&self, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
        self.register(IntGaugeVec::new(Opts::new(name, help), labels))
    }

    /// A histogram with `count` exponential buckets from `start`, each `factor` wider.
    fn histogram(
        &self,
        name: &str,
        help: &str,
        start: f64,
        factor: f64,
        count: usize,
    ) -> Histogram {
        let buckets = prometheus::exponential_buckets(start, factor, count)
            .expect("bucket parameters in metrics.rs are valid");
        self.register(Histogram::with_opts(
            HistogramOpts::new(name, help).buckets(buckets),
        ))
    }
}

/// Pre-creates one series per label value, so that a dashboard's rates start at zero
/// rather than appearing only after the first occurrence.
fn precreate(vec: &IntCounterVec, values: &[&str]) {
    for value in values {
        vec.with_label_values(&[value]);
    }
}

/// The consumer (`source.rs`): records read, the group's assignment, lag and offset
/// commits.
struct SourceMetrics {
    records_consumed: IntCounterVec,
    consumer_lag: IntGaugeVec,
    rebalances: IntCounterVec,
    assigned_partitions: IntGauge,
    commits: IntCounter,
    commit_failures: IntCounter,
}

impl SourceMetrics {
    fn register(r: &Registrar) -> Self {
        let m = SourceMetrics {
            records_consumed: r.counter_vec(
                "newswire_records_consumed_total",
                "Records read from the input topic.",
                &["topic"],
            ),
            consumer_lag: r.gauge_vec(
                "newswire_consumer_lag",
                "Messages behind the partition's high watermark (librdkafka statistics).",
                &["topic", "partition"],
            ),
            rebalances: r.counter_vec(
                "newswire_rebalances_total",
                "Consumer group rebalances seen by this instance, by kind (assign, revoke, error).",
                &["kind"],
            ),
            assigned_partitions: r.gauge(
                "newswire_assigned_partitions",
                "Input partitions currently assigned to this instance.",
            ),
            commits: r.counter("newswire_commits_total", "Successful offset commits."),
            commit_failures: r.counter(
                "newswire_commit_failures_total",
                "Failed offset commits (retried at the next interval).",
            ),
        };
        // `error` is rare and left to appear when it happens.
        precreate(&m.rebalances, &["assign", "revoke"]);
        m
    }
}

/// The pipeline (`pipeline.rs`): items admitted and not yet finished, and the
/// partitions whose items cannot be finished.
struct PipelineMetrics {
    in_flight: IntGauge,
    in_flight_bytes: IntGauge,
    partition_stalled: IntGaugeVec,
    items_abandoned: IntCounter,
}

impl PipelineMetrics {
    fn register(r: &Registrar) -> Self {
        PipelineMetrics {
            in_flight: r.gauge(
                "newswire_in_flight_items",
                "Items consumed whose event or dead-letter record is not yet acknowledged.",
            ),
            in_flight_bytes: r.gauge(
                "newswire_in_flight_bytes",
                "Bytes charged against pipeline.max_in_flight_bytes by items in flight.",
            ),
            partition_stalled: r.gauge_vec(
                "newswire_partition_stalled",
                "1 while an item of the input partition has waited longer than pipeline.stall_timeout for its output to be acknowledged.",
                &["topic", "partition"],
            ),
            items_abandoned: r.counter(
                "newswire_items_abandoned_total",
                "Items still unfinished when the shutdown deadline passed (not committed: redelivered later).",
            ),
        }
    }
}

/// The producer (`sink.rs`, `exactly_once`): events and dead letters acknowledged,
/// re-sends, latency to acknowledgement and, in exactly-once mode, transactions.
struct SinkMetrics {
    events_published: IntCounterVec,
    dead_letters: IntCounterVec,
    dead_letter_references: IntCounter,
    publish_retries: IntCounter,
    end_to_end_latency: Histogram,
    transactions: IntCounterVec,
    transaction_duration: Histogram,
}

impl SinkMetrics {
    fn register(r: &Registrar) -> Self {
        let m = SinkMetrics {
            events_published: r.counter_vec(
                "newswire_events_published_total",
                "Events acknowledged by the broker on the output topic.",
                &["topic"],
            ),
            dead_letters: r.counter_vec(
                "newswire_dead_letters_total",
                "Records acknowledged on the dead-letter topic, by reason code.",
                &["reason"],
            ),
            dead_letter_references: r.counter(
                "newswire_dead_letter_references_total",
                "Dead-letter records written as references (first bytes, size, SHA-256) because the original was too large.",
            ),
            publish_retries: r.counter(
                "newswire_publish_retries_total",
                "Publish attempts repeated after a retriable delivery failure.",
            ),
            end_to_end_latency: r.histogram(
                "newswire_end_to_end_latency_seconds",
                "From the input record's timestamp to the broker's acknowledgement of its event.",
                0.005,
                2.5,
                14,
            ),
            transactions: r.counter_vec(
                "newswire_transactions_total",
                "Kafka transactions of exactly-once mode, by outcome (committed, aborted).",
                &["outcome"],
            ),
            transaction_duration: r.histogram(
                "newswire_transaction_duration_seconds",
                "Exactly-once mode: from a transaction's begin to its commit (producing its records, sending its offsets, committing).",
                0.001,
                2.5,
                12,
            ),
        };
        let reasons: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        precreate(&m.dead_letters, &reasons);
        precreate(&m.transactions, &["committed", "aborted"]);
        m
    }
}

/// Processing (`process.rs`, the enrichment crate): time per item and what it found.
struct EnrichmentMetrics {
    queue_wait: Histogram,
    processing_duration: Histogram,
    entities_extracted: IntCounterVec,
    events_truncated: IntCounter,
}

impl EnrichmentMetrics {
    fn register(r: &Registrar) -> Self {
        let m = EnrichmentMetrics {
            queue_wait: r.histogram(
                "newswire_queue_wait_seconds",
                "Time an admitted item waited for an enrichment thread, before its processing.",
                0.0001,
                2.0,
                16,
            ),
            processing_duration: r.histogram(
                "newswire_processing_duration_seconds",
                "Time to decode, normalize and enrich one item.",
                0.00005,
                2.5,
                12,
            ),
            entities_extracted: r.counter_vec(
                "newswire_entities_extracted_total",
                "Entities in published events, by kind (official, location, organization).",
                &["kind"],
            ),
            events_truncated: r.counter(
                "newswire_events_truncated_total",
                "Published events whose text is a prefix of the article (truncated: true).",
            ),
        };
        precreate(
            &m.entities_extracted,
            &["official", "location", "organization"],
        );
        m
    }
}

/// The process as a whole: its build, its Kafka clients' errors and the configured
/// topics' availability (what `/readyz` reports).
struct ProcessMetrics {
    kafka_errors: IntCounterVec,
    topic_unavailable: IntGaugeVec,
    build_info: IntGaugeVec,
}

impl ProcessMetrics {
    fn register(r: &Registrar) -> Self {
        let m = ProcessMetrics {
            kafka_errors: r.counter_vec(
                "newswire_kafka_errors_total",
                "Errors reported by the Kafka client, by librdkafka error code.",
                &["code"],
            ),
            topic_unavailable: r.gauge_vec(
                "newswire_topic_unavailable",
                "1 while a configured topic is missing or not authorized in the cluster metadata (role: input, output, dead_letter).",
                &["topic", "role"],
            ),
            build_info: r.gauge_vec(
                "newswire_build_info",
                "Build of the running worker (always 1).",
                &["version"],
            ),
        };
        m.build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        m
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
            "newswire_queue_wait_seconds_bucket",
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

    /// What a group exposes in a registry of its own before anything happens.
    fn exposition_of<G>(register: fn(&Registrar) -> G) -> String {
        let registry = Registry::new();
        let _group = register(&Registrar(&registry));
        let mut buf = Vec::new();
        TextEncoder::new()
            .encode(&registry.gather(), &mut buf)
            .expect("encodes");
        String::from_utf8(buf).expect("UTF-8")
    }

    /// The metric families in an exposition (labelled families without a series yet are
    /// not exposed).
    fn families(text: &str) -> Vec<&str> {
        text.lines()
            .filter_map(|line| line.strip_prefix("# TYPE "))
            .filter_map(|rest| rest.split(' ').next())
            .collect()
    }

    #[test]
    fn source_group_exposes_its_counters_and_both_rebalance_kinds_at_zero() {
        let text = exposition_of(SourceMetrics::register);
        assert_eq!(
            families(&text),
            [
                "newswire_assigned_partitions",
                "newswire_commit_failures_total",
                "newswire_commits_total",
                "newswire_rebalances_total",
            ]
        );
        assert!(text.contains("newswire_rebalances_total{kind=\"assign\"} 0"));
        assert!(text.contains("newswire_rebalances_total{kind=\"revoke\"} 0"));
        assert!(!text.contains("kind=\"error\""), "{text}");
    }

    #[test]
    fn pipeline_group_exposes_the_in_flight_gauges_and_abandoned_items() {
        let text = exposition_of(PipelineMetrics::register);
        assert_eq!(
            families(&text),
            [
                "newswire_in_flight_bytes",
                "newswire_in_flight_items",
                "newswire_items_abandoned_total",
            ]
        );
    }

    #[test]
    fn sink_group_precreates_every_dead_letter_reason_and_transaction_outcome() {
        let text = exposition_of(SinkMetrics::register);
        for code in ErrorCode::ALL {
            let series = format!(
                "newswire_dead_letters_total{{reason=\"{}\"}} 0",
                code.as_str()
            );
            assert!(text.contains(&series), "missing {series} in:\n{text}");
        }
        assert!(text.contains("newswire_transactions_total{outcome=\"committed\"} 0"));
        assert!(text.contains("newswire_transactions_total{outcome=\"aborted\"} 0"));
        // 14 buckets from 5 ms, each 2.5 times wider, then +Inf.
        assert!(text.contains("newswire_end_to_end_latency_seconds_bucket{le=\"0.005\"} 0"));
        let latency_buckets = text
            .lines()
            .filter(|l| l.starts_with("newswire_end_to_end_latency_seconds_bucket"))
            .count();
        assert_eq!(latency_buckets, 15);
        assert!(!families(&text).contains(&"newswire_events_published_total"));
    }

    #[test]
    fn enrichment_group_precreates_every_entity_kind() {
        let text = exposition_of(EnrichmentMetrics::register);
        for kind in ["official", "location", "organization"] {
            let series = format!("newswire_entities_extracted_total{{kind=\"{kind}\"}} 0");
            assert!(text.contains(&series), "missing {series} in:\n{text}");
        }
        assert!(text.contains("newswire_processing_duration_seconds_bucket{le=\"0.00005\"} 0"));
        assert!(text.contains("newswire_events_truncated_total 0"));
    }

    #[test]
    fn process_group_reports_the_running_build() {
        let text = exposition_of(ProcessMetrics::register);
        let series = format!(
            "newswire_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        assert!(text.contains(&series), "missing {series} in:\n{text}");
        assert_eq!(families(&text), ["newswire_build_info"]);
    }

    #[test]
    fn groups_register_together_without_a_clash() {
        // Metrics::new panics on a name registered twice; two instances are independent.
        let (a, b) = (Metrics::new(), Metrics::new());
        a.commits.inc();
        assert_eq!(b.commits.get(), 0);
        assert_eq!(families(&a.render()), families(&b.render()));
    }
}
