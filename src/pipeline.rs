//! The worker: consume -> process in parallel -> publish in partition order -> commit.
//!
//! The shape, for the next reader:
//!
//! ```text
//!  poll loop ──(permit from the in-flight semaphore)──> rayon pool: decode/normalize/enrich
//!      │                                                    │ (result via oneshot)
//!      └──> lane for the record's partition (FIFO) <────────┘
//!              │ enqueue in the producer in input order
//!              └──> delivery task: await the broker's ack (retry if retriable)
//!                        └──> ledger.finish(offset), permit released
//!  commit task: every commit_interval, commit the ledger's contiguous finished prefix
//! ```
//!
//! What this module must never do: commit an offset before the item's event or
//! dead-letter record is acknowledged, drop an item without either, or let memory grow
//! with the backlog (the semaphore bounds items in flight; the poll loop waits for a
//! permit before it reads the next record).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use newswire_enrich::Enricher;
use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::producer::DeliveryFuture;
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::Config;
use crate::error::{ErrorCode, ItemError};
use crate::event::{rfc3339_from_millis, KafkaSource, SourceRef};
use crate::http::{self, Health};
use crate::internal_events::{
    EventPublished, ItemDeadLettered, ItemProcessed, ItemsAbandoned, KafkaClientError,
    RecordConsumed,
};
use crate::ledger::{Ledger, PartitionKey};
use crate::lock;
use crate::metrics::metrics;
use crate::process::{process_item, Processed};
use crate::shutdown::FatalError;
use crate::sink::{self, NewsProducer, Origin, OutRecord, ProducerCallbacks, PublishError};
use crate::source::{self, ConsumerCallbacks, NewsConsumer};

/// Why the worker could not start or had to stop abnormally.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("cannot listen on {addr} (http.listen) for /metrics and health: {source}")]
    HttpBind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot create the Kafka {client}: {source}")]
    Client {
        client: &'static str,
        source: KafkaError,
    },
    #[error("cannot start the enrichment thread pool: {0}")]
    Pool(String),
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("fatal Kafka error, stopping: {0}")]
    Fatal(String),
}

/// How often the poll loop proves it is alive while idle or waiting for capacity.
const HEARTBEAT: Duration = Duration::from_secs(1);

/// Everything the stages share. Cheap to clone (all handles).
#[derive(Clone)]
struct Shared {
    config: Arc<Config>,
    enricher: Arc<Enricher>,
    producer: Arc<NewsProducer>,
    ledger: Arc<Mutex<Ledger>>,
    output_topic: Arc<str>,
    dead_letter_topic: Arc<str>,
    /// Fired when the drain deadline passes: delivery retries give up.
    abandon: CancellationToken,
    tasks: TaskTracker,
}

/// One consumed record on its way through a lane.
struct Work {
    record: Arc<OwnedMessage>,
    result: oneshot::Receiver<Result<Processed, ItemError>>,
    permit: OwnedSemaphorePermit,
}

/// Runs the worker until `shutdown` is cancelled (then drains and returns `Ok`) or a
/// fatal client error occurs (then drains what it can and returns the error).
pub async fn run(
    config: Config,
    enricher: Arc<Enricher>,
    shutdown: CancellationToken,
) -> Result<(), WorkerError> {
    let config = Arc::new(config);
    let m = metrics();
    m.records_consumed
        .with_label_values(&[&config.topics.input]);
    m.events_published
        .with_label_values(&[&config.topics.output]);

    let addr = config.http_listen_addr()?;
    let listener = http::bind(addr)
        .await
        .map_err(|source| WorkerError::HttpBind { addr, source })?;
    let health = Health::new();
    let fatal = FatalError::new();
    let ledger = Arc::new(Mutex::new(Ledger::new()));

    let producer = sink::create_producer(
        &config,
        ProducerCallbacks {
            health: health.clone(),
            fatal: fatal.clone(),
        },
    )
    .map_err(|source| WorkerError::Client {
        client: "producer",
        source,
    })?;
    health.set_producer_ready(true);
    let consumer = Arc::new(
        source::create_consumer(
            &config,
            ConsumerCallbacks::new(ledger.clone(), health.clone(), fatal.clone()),
        )
        .map_err(|source| WorkerError::Client {
            client: "consumer",
            source,
        })?,
    );
    let workers = match config.pipeline.workers {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .thread_name(|i| format!("newswire-enrich-{i}"))
            .build()
            .map_err(|e| WorkerError::Pool(e.to_string()))?,
    );

    let http_stop = CancellationToken::new();
    let http_task = tokio::spawn(http::serve(listener, health.clone(), http_stop.clone()));
    tracing::info!(
        %addr,
        input = %config.topics.input,
        output = %config.topics.output,
        dead_letter = %config.topics.dead_letter,
        group = %config.kafka.group_id,
        delivery = %config.delivery,
        workers,
        max_in_flight = config.pipeline.max_in_flight,
        "newswire worker started"
    );

    let shared = Shared {
        output_topic: Arc::from(config.topics.output.as_str()),
        dead_letter_topic: Arc::from(config.topics.dead_letter.as_str()),
        config: config.clone(),
        enricher,
        producer: Arc::new(producer),
        ledger: ledger.clone(),
        abandon: CancellationToken::new(),
        tasks: TaskTracker::new(),
    };
    let commit_stop = CancellationToken::new();
    let commit_task = tokio::spawn(commit_periodically(
        consumer.clone(),
        ledger.clone(),
        config.pipeline.commit_interval,
        commit_stop.clone(),
    ));

    let semaphore = Arc::new(Semaphore::new(config.pipeline.max_in_flight));
    let stop = poll_loop(
        &consumer, &shared, &pool, &semaphore, &health, &shutdown, &fatal,
    )
    .await;

    drain(&consumer, &shared, &semaphore).await;
    commit_stop.cancel();
    let _ = commit_task.await;
    commit_now(&consumer, &ledger);
    // Dropping the last handle closes the consumer, which leaves the group at once so
    // that its partitions move to the other instances without waiting for a timeout.
    drop(consumer);
    http_stop.cancel();
    let _ = http_task.await;
    tracing::info!("newswire worker stopped");
    match stop {
        Stop::Requested => Ok(()),
        Stop::Fatal(reason) => Err(WorkerError::Fatal(reason)),
    }
}

/// Stops fetching and lets in-flight items finish until `shutdown.drain_timeout`, then
/// abandons the rest (uncommitted, so redelivered) and flushes the producer.
async fn drain(consumer: &NewsConsumer, shared: &Shared, semaphore: &Semaphore) {
    if let Ok(assignment) = consumer.assignment() {
        let _ = consumer.pause(&assignment);
    }
    let drain_timeout = shared.config.shutdown.drain_timeout;
    let deadline = Instant::now() + drain_timeout;
    // Every permit back in the semaphore means no item is in flight. (Config validation
    // keeps max_in_flight well inside u32.)
    let all_permits = u32::try_from(shared.config.pipeline.max_in_flight).unwrap_or(u32::MAX);
    let drained = tokio::time::timeout(drain_timeout, semaphore.acquire_many(all_permits)).await;
    if drained.is_err() {
        shared.abandon.cancel();
        ItemsAbandoned {
            count: lock(&shared.ledger).in_flight(),
            deadline: drain_timeout,
        }
        .emit();
    }
    shared.tasks.close();
    let _ = tokio::time::timeout(Duration::from_secs(5), shared.tasks.wait()).await;
    let flush_budget = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    sink::flush(&shared.producer, flush_budget);
}

enum Stop {
    Requested,
    Fatal(String),
}

/// Reads records while capacity allows and hands each to the pool and to its lane.
async fn poll_loop(
    consumer: &Arc<NewsConsumer>,
    shared: &Shared,
    pool: &Arc<rayon::ThreadPool>,
    semaphore: &Arc<Semaphore>,
    health: &Arc<Health>,
    shutdown: &CancellationToken,
    fatal: &FatalError,
) -> Stop {
    let mut stream = consumer.stream();
    let mut lanes: HashMap<PartitionKey, mpsc::UnboundedSender<Work>> = HashMap::new();
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    loop {
        health.beat();
        // Capacity first: while the pipeline is full, do not read (bounded memory).
        let permit = tokio::select! {
            biased;
            _ = shutdown.cancelled() => return Stop::Requested,
            reason = fatal.raised() => return Stop::Fatal(reason),
            permit = semaphore.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => return Stop::Requested, // semaphore closed: only at teardown
            },
            _ = heartbeat.tick() => continue,
        };
        let next = loop {
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => return Stop::Requested,
                reason = fatal.raised() => return Stop::Fatal(reason),
                next = stream.next() => break next,
                _ = heartbeat.tick() => health.beat(),
            }
        };
        match next {
            Some(Ok(message)) => {
                let record = Arc::new(message.detach());
                admit(record, permit, shared, pool, &mut lanes);
            }
            Some(Err(e)) => {
                // Consumer errors (e.g. a topic that does not exist yet) are reported and
                // retried; librdkafka reconnects by itself.
                KafkaClientError {
                    client: "consumer",
                    code: &e
                        .rdkafka_error_code()
                        .map(|c| format!("{c:?}"))
                        .unwrap_or_else(|| "other".into()),
                    reason: &e.to_string(),
                }
                .emit();
                drop(permit);
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            None => return Stop::Requested,
        }
    }
}

/// Registers a consumed record and starts its processing.
fn admit(
    record: Arc<OwnedMessage>,
    permit: OwnedSemaphorePermit,
    shared: &Shared,
    pool: &rayon::ThreadPool,
    lanes: &mut HashMap<PartitionKey, mpsc::UnboundedSender<Work>>,
) {
    let (topic, partition, offset) = (record.topic(), record.partition(), record.offset());
    RecordConsumed {
        topic,
        partition,
        offset,
    }
    .emit();
    lock(&shared.ledger).start(topic, partition, offset);

    let (tx, rx) = oneshot::channel();
    let job_record = record.clone();
    let enricher = shared.enricher.clone();
    let max_bytes = shared.config.pipeline.max_message_bytes;
    pool.spawn(move || {
        let started = Instant::now();
        let result = process_record(&enricher, &job_record, max_bytes);
        ItemProcessed {
            elapsed: started.elapsed(),
        }
        .emit();
        let _ = tx.send(result);
    });

    let key: PartitionKey = (topic.to_string(), partition);
    let work = Work {
        record,
        result: rx,
        permit,
    };
    let lane = lanes
        .entry(key.clone())
        .or_insert_with(|| spawn_lane(shared.clone()));
    if let Err(mpsc::error::SendError(work)) = lane.send(work) {
        // A lane only ends when its sender is dropped, so this is unreachable in
        // practice; start a fresh lane rather than lose the item.
        let fresh = spawn_lane(shared.clone());
        let _ = fresh.send(work);
        lanes.insert(key, fresh);
    }
}

/// The pure processing of one Kafka record.
fn process_record(
    enricher: &Enricher,
    record: &OwnedMessage,
    max_bytes: usize,
) -> Result<Processed, ItemError> {
    let key = record
        .key()
        .map(|k| String::from_utf8_lossy(k).into_owned());
    let source = SourceRef::Kafka(KafkaSource {
        topic: record.topic().to_string(),
        partition: record.partition(),
        offset: record.offset(),
        key: key.clone(),
        timestamp: record.timestamp().to_millis().and_then(rfc3339_from_millis),
    });
    let Some(value) = record.payload() else {
        return Err(ItemError::new(
            ErrorCode::EmptyText,
            "record has no value (a null value, or tombstone)",
        ));
    };
    process_item(enricher, source, key.as_deref(), value, max_bytes)
}

/// A lane publishes one input partition's items in input order: it waits for each
/// item's processing result in turn and enqueues its record in the producer, then lets
/// a delivery task wait for the broker's acknowledgement.
fn spawn_lane(shared: Shared) -> mpsc::UnboundedSender<Work> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Work>();
    let tracker = shared.tasks.clone();
    tracker.spawn(async move {
        while let Some(work) = rx.recv().await {
            let outcome = match work.result.await {
                Ok(result) => result,
                Err(_) => Err(ItemError::new(
                    ErrorCode::EnrichFailed,
                    "processing thread ended without a result",
                )),
            };
            let (record, outcome) = match outcome {
                Ok(processed) => {
                    let event = &processed.event;
                    let record = sink::event_record(
                        &shared.output_topic,
                        work.record.key(),
                        &event.event_id.to_string(),
                        processed.payload,
                    );
                    let counts = EntityCounts {
                        officials: event.officials.len(),
                        locations: event.locations.len(),
                        organizations: event.organizations.len(),
                    };
                    (record, Outcome::Event(counts))
                }
                Err(error) => (
                    dead_letter_for(&shared, &work.record, &error),
                    Outcome::DeadLetter(error),
                ),
            };
            let first = sink::enqueue(&shared.producer, &record).await;
            let task_shared = shared.clone();
            shared.tasks.spawn(deliver(
                task_shared,
                work.record,
                work.permit,
                record,
                first,
                outcome,
            ));
        }
    });
    tx
}

#[derive(Debug, Clone, Copy)]
struct EntityCounts {
    officials: usize,
    locations: usize,
    organizations: usize,
}

enum Outcome {
    Event(EntityCounts),
    DeadLetter(ItemError),
}

fn dead_letter_for(shared: &Shared, record: &OwnedMessage, error: &ItemError) -> OutRecord {
    sink::dead_letter_record(
        &shared.dead_letter_topic,
        &Origin {
            topic: record.topic(),
            partition: record.partition(),
            offset: record.offset(),
        },
        record.key(),
        record.payload(),
        record.headers(),
        error,
    )
}

/// Waits for the acknowledgement of an item's record, then marks the item finished.
/// An event the broker rejects for good (e.g. too large) is dead-lettered instead.
async fn deliver(
    shared: Shared,
    input: Arc<OwnedMessage>,
    permit: OwnedSemaphorePermit,
    record: OutRecord,
    first: Result<DeliveryFuture, KafkaError>,
    outcome: Outcome,
) {
    let origin = Origin {
        topic: input.topic(),
        partition: input.partition(),
        offset: input.offset(),
    };
    let delivered =
        sink::await_delivery(&shared.producer, &record, first, &origin, &shared.abandon).await;
    let dead_letter_error = match (delivered, outcome) {
        (Ok(()), Outcome::Event(counts)) => {
            EventPublished {
                output_topic: &shared.output_topic,
                input_partition: origin.partition,
                input_offset: origin.offset,
                record_timestamp_ms: input.timestamp().to_millis(),
                officials: counts.officials,
                locations: counts.locations,
                organizations: counts.organizations,
            }
            .emit();
            None
        }
        (Ok(()), Outcome::DeadLetter(error)) => Some(error),
        (Err(PublishError::Rejected(e)), Outcome::Event(_)) => {
            let error = ItemError::new(
                ErrorCode::PublishFailed,
                format!("the output topic rejected the event: {e}"),
            );
            let dlq = dead_letter_for(&shared, &input, &error);
            let first = sink::enqueue(&shared.producer, &dlq).await;
            match sink::await_delivery(&shared.producer, &dlq, first, &origin, &shared.abandon)
                .await
            {
                Ok(()) => Some(error),
                Err(e) => return stuck(&origin, &e),
            }
        }
        (Err(e), _) => return stuck(&origin, &e),
    };
    if let Some(error) = dead_letter_error {
        ItemDeadLettered {
            input_topic: origin.topic,
            input_partition: origin.partition,
            input_offset: origin.offset,
            error: &error,
        }
        .emit();
    }
    lock(&shared.ledger).finish(origin.topic, origin.partition, origin.offset);
    drop(permit);
}

/// An item that could be neither published nor dead-lettered stays unfinished: its
/// offset is never committed, so it is redelivered after a restart. Said loudly.
fn stuck(origin: &Origin<'_>, error: &PublishError) {
    tracing::error!(
        topic = origin.topic,
        partition = origin.partition,
        offset = origin.offset,
        error = %error,
        "item neither published nor dead-lettered; its offset stays uncommitted"
    );
}

/// Commits the ledger's finished prefix every `interval` until `stop`. The commit
/// blocks for a broker round trip, so it runs on the blocking pool, not on the runtime.
async fn commit_periodically(
    consumer: Arc<NewsConsumer>,
    ledger: Arc<Mutex<Ledger>>,
    interval: Duration,
    stop: CancellationToken,
) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = ticker.tick() => {
                let (consumer, ledger) = (consumer.clone(), ledger.clone());
                let _ = tokio::task::spawn_blocking(move || commit_now(&consumer, &ledger)).await;
            }
        }
    }
}

/// Commits what the ledger says is finished and not yet committed; offsets whose commit
/// failed are offered again next time.
fn commit_now(consumer: &NewsConsumer, ledger: &Mutex<Ledger>) {
    let offsets = lock(ledger).take_commits();
    if !source::commit_sync(consumer, &offsets) {
        let mut ledger = lock(ledger);
        for (key, offset) in &offsets {
            ledger.commit_failed(key, *offset);
        }
    }
}
