//! The Kafka consumer: group membership with cooperative-sticky assignment, rebalance
//! callbacks, statistics (consumer lag, broker state) and client errors.
//!
//! Offsets are never auto-committed here: auto-commit would commit what was *read*, and
//! an item read but not yet published would be lost in a crash. The pipeline commits what
//! the [`Ledger`] says is finished; on a revocation this module commits the revoked
//! partitions' finished prefix before the partitions move to another instance.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::error::KafkaResult;
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, Offset, TopicPartitionList};

use crate::config::{ClientRole, Config, Delivery};
use crate::http::Health;
use crate::internal_events::{
    CommitFailed, ConsumerLagObserved, KafkaClientError, OffsetsCommitted, PartitionsAssigned,
    PartitionsRevoked, RebalanceFailed,
};
use crate::ledger::{Ledger, PartitionKey};
use crate::lock;
use crate::shutdown::FatalError;

/// The consumer type the pipeline uses.
pub type NewsConsumer = rdkafka::consumer::StreamConsumer<ConsumerCallbacks>;

/// Callbacks librdkafka invokes from the consumer's poll.
pub struct ConsumerCallbacks {
    pub ledger: Arc<Mutex<Ledger>>,
    pub health: Arc<Health>,
    pub fatal: FatalError,
    assigned: Mutex<BTreeSet<PartitionKey>>,
}

impl ConsumerCallbacks {
    pub fn new(ledger: Arc<Mutex<Ledger>>, health: Arc<Health>, fatal: FatalError) -> Self {
        ConsumerCallbacks {
            ledger,
            health,
            fatal,
            assigned: Mutex::new(BTreeSet::new()),
        }
    }
}

/// Builds the consumer and subscribes it to the input topic.
pub fn create_consumer(config: &Config, callbacks: ConsumerCallbacks) -> KafkaResult<NewsConsumer> {
    // The operator's properties, then defaults they did not set, then the properties
    // our guarantees depend on (validation rejects overriding those).
    let mut cc = config.kafka.client_config(ClientRole::Consumer);
    for (name, default) in [
        ("statistics.interval.ms", "2000"),
        ("session.timeout.ms", "10000"),
        ("enable.partition.eof", "false"),
    ] {
        if cc.get(name).is_none() {
            cc.set(name, default);
        }
    }
    if config.delivery == Delivery::ExactlyOnce {
        // An input record of an aborted upstream transaction must not become an event.
        // (librdkafka's default too; validation refuses any other value in this mode.)
        cc.set("isolation.level", "read_committed");
    }
    cc.set("group.id", &config.kafka.group_id)
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("partition.assignment.strategy", "cooperative-sticky");
    let consumer: NewsConsumer = cc.create_with_context(callbacks)?;
    consumer.subscribe(&[config.topics.input.as_str()])?;
    Ok(consumer)
}

/// Builds a commit request from ledger output.
pub fn commit_list(offsets: &[(PartitionKey, i64)]) -> KafkaResult<TopicPartitionList> {
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), offset) in offsets {
        tpl.add_partition_offset(topic, *partition, Offset::Offset(*offset))?;
    }
    Ok(tpl)
}

fn partitions_of(tpl: &TopicPartitionList) -> Vec<PartitionKey> {
    tpl.elements()
        .iter()
        .map(|e| (e.topic().to_string(), e.partition()))
        .collect()
}

impl ClientContext for ConsumerCallbacks {
    fn stats(&self, stats: Statistics) {
        self.health.set_broker_connected(broker_up(&stats));
        for (topic, t) in &stats.topics {
            for (partition, p) in &t.partitions {
                // Partition -1 is librdkafka's internal "unassigned" queue; a negative
                // lag means "not known yet".
                if *partition >= 0 && p.consumer_lag >= 0 && p.fetch_state == "active" {
                    ConsumerLagObserved {
                        topic,
                        partition: *partition,
                        lag: p.consumer_lag,
                    }
                    .emit();
                }
            }
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        report_client_error("consumer", &error, reason, &self.health, &self.fatal);
    }
}

impl ConsumerContext for ConsumerCallbacks {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Rebalance::Revoke(tpl) = rebalance else {
            return;
        };
        let revoked = partitions_of(tpl);
        // Commit what is finished before another instance takes over, so it does not
        // redo that work. Unfinished items will be redone there (at-least-once).
        let finished = lock(&self.ledger).revoke(&revoked);
        commit_sync(consumer, &finished);
        let total = {
            let mut assigned = lock(&self.assigned);
            for key in &revoked {
                assigned.remove(key);
            }
            assigned.len()
        };
        self.health.set_assigned_partitions(total);
        // A partition that moved away is not this instance's to report stalled: its
        // unfinished item is redone by the new owner.
        for (topic, partition) in &revoked {
            self.health.set_partition_stalled(topic, *partition, None);
        }
        PartitionsRevoked {
            partitions: &revoked,
            total_assigned: total,
        }
        .emit();
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            // Cooperative rebalancing delivers an assign with no partitions to members
            // that gain nothing; that is not an assignment worth counting.
            Rebalance::Assign(tpl) if tpl.count() > 0 => {
                let added = partitions_of(tpl);
                let total = {
                    let mut assigned = lock(&self.assigned);
                    assigned.extend(added.iter().cloned());
                    assigned.len()
                };
                self.health.set_assigned_partitions(total);
                PartitionsAssigned {
                    partitions: &added,
                    total_assigned: total,
                }
                .emit();
            }
            Rebalance::Assign(_) | Rebalance::Revoke(_) => {}
            Rebalance::Error(e) => RebalanceFailed {
                error: &e.to_string(),
            }
            .emit(),
        }
    }
}

/// Commits `offsets` and waits for the coordinator's answer, reporting the outcome.
/// Synchronous on purpose: the result is known here (librdkafka does not hand async
/// commit results to a consumer that only polls for messages), so the commit counters
/// are exact. Returns false when the commit failed; the caller re-offers the offsets.
pub fn commit_sync<C: Consumer<ConsumerCallbacks>>(
    consumer: &C,
    offsets: &[(PartitionKey, i64)],
) -> bool {
    if offsets.is_empty() {
        return true;
    }
    match commit_list(offsets).and_then(|list| consumer.commit(&list, CommitMode::Sync)) {
        Ok(()) => {
            OffsetsCommitted {
                partitions: offsets.len(),
            }
            .emit();
            true
        }
        Err(e) => {
            CommitFailed {
                error: &e.to_string(),
            }
            .emit();
            false
        }
    }
}

/// True when librdkafka reports at least one broker connection up.
pub fn broker_up(stats: &Statistics) -> bool {
    stats.brokers.values().any(|b| b.state == "UP")
}

/// Logs and counts a client error, and raises the fatal signal for errors that no
/// amount of retrying fixes (bad credentials, fenced producer, librdkafka fatal state).
/// A topic the client may not use is not fatal: the topic watch reports it by name and
/// the worker resumes once the ACLs are fixed.
pub fn report_client_error(
    client: &'static str,
    error: &KafkaError,
    reason: &str,
    health: &Health,
    fatal: &FatalError,
) {
    use rdkafka::types::RDKafkaErrorCode as Code;
    let code = error.rdkafka_error_code();
    KafkaClientError {
        client,
        code: &code
            .map(|c| format!("{c:?}"))
            .unwrap_or_else(|| "other".into()),
        reason,
    }
    .emit();
    match code {
        Some(Code::AllBrokersDown) => health.set_broker_connected(false),
        Some(
            Code::Fatal
            | Code::Authentication
            | Code::SaslAuthenticationFailed
            | Code::GroupAuthorizationFailed
            | Code::ClusterAuthorizationFailed
            | Code::ProducerFenced
            | Code::InvalidProducerEpoch,
        ) => fatal.raise(format!("{client}: {error} ({reason})")),
        _ => {}
    }
}
