//! The worker: consume -> process in parallel -> publish in partition order -> commit.
//!
//! The shape, for the next reader:
//!
//! ```text
//!  poll loop ──(count permit, then byte budget)──> rayon pool: decode/normalize/enrich
//!      │                                                    │ (result via oneshot)
//!      └──> lane for the record's partition (FIFO) <────────┘
//!              │ enqueue in the producer in input order
//!              │ take acknowledgements in input order; a failed record is sent again
//!              │ (or dead-lettered, or replaced by a reference record) before any
//!              │ later record of the lane is settled or enqueued
//!              └──> ledger.finish(offset), permit and bytes released
//!  commit task: every commit_interval, commit the ledger's contiguous finished prefix
//!  topic watch: every 10s, the three topics' metadata -> /readyz, newswire_topic_unavailable
//! ```
//!
//! What this module must never do: commit an offset before the item's event or
//! dead-letter record is acknowledged, drop an item without either, publish a partition's
//! events out of input order, or let memory grow with the backlog (the semaphore bounds
//! items, the byte budget their size; the poll loop waits for both before admitting).
//! An item that cannot be finished is never skipped: it is retried and, after
//! `pipeline.stall_timeout`, reported (its partition is stalled).

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use newswire_enrich::Enricher;
use rdkafka::consumer::{Consumer, MessageStream};
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::producer::DeliveryFuture;
use rdkafka::types::RDKafkaRespErr;
use tokio::sync::{mpsc, oneshot, Notify, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::{Config, Delivery, IN_FLIGHT_BYTES_PER_INPUT_BYTE};
use crate::error::{ErrorCode, ItemError};
use crate::event::{rfc3339_from_millis, KafkaSource, SourceRef};
use crate::http::{self, Health};
use crate::internal_events::{
    EventPublished, InFlightBytesChanged, ItemDeadLettered, ItemProcessed, ItemsAbandoned,
    KafkaClientError, PartitionRecovered, PartitionStalled, PublishRetry, RecordConsumed,
    TopicAvailable, TopicUnavailable, TopicWatched,
};
use crate::ledger::{Ledger, PartitionKey};
use crate::lock;
use crate::metrics::metrics;
use crate::process::{process_item, Limits, Processed};
use crate::shutdown::FatalError;
use crate::sink::{self, Failure, NewsProducer, Origin, OutRecord, ProducerCallbacks};
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
    #[error(
        "producer fenced: another process registered this worker's transactional.id \
         `{transactional_id}` ({reason}). This instance stops; its open transaction is aborted \
         and redone by the owner. If no restart of this instance explains it, two live \
         instances share exactly_once.instance_id: give each its own"
    )]
    Fenced {
        transactional_id: String,
        reason: String,
    },
}

/// How often the poll loop proves it is alive while idle or waiting for capacity.
const HEARTBEAT: Duration = Duration::from_secs(1);
/// How often the three topics' metadata is checked.
const TOPIC_CHECK_INTERVAL: Duration = Duration::from_secs(10);
/// Backoff between re-sends of a failed record, first and longest.
const RESEND_BACKOFF_FIRST: Duration = Duration::from_millis(100);
const RESEND_BACKOFF_MAX: Duration = Duration::from_secs(10);
/// What librdkafka's `message.max.bytes` check adds to the key and value, rounded up.
const EVENT_FRAMING_BYTES: usize = 1024;

/// Everything the stages share. Cheap to clone (all handles).
#[derive(Clone)]
struct Shared {
    config: Arc<Config>,
    enricher: Arc<Enricher>,
    producer: Arc<NewsProducer>,
    ledger: Arc<Mutex<Ledger>>,
    health: Arc<Health>,
    budget: Arc<ByteBudget>,
    output_topic: Arc<str>,
    dead_letter_topic: Arc<str>,
    /// The producer's `message.max.bytes`: no record may be larger.
    max_record_bytes: usize,
    /// Fired when the drain deadline passes: re-sends give up, lanes stop.
    abandon: CancellationToken,
    tasks: TaskTracker,
}

/// One consumed record on its way to its lane.
struct Work {
    record: Arc<OwnedMessage>,
    /// The item's record, ready to send, and what it is: built on the processing thread,
    /// so that the one I/O thread only enqueues it (and the typed event, allocated on the
    /// processing thread, is freed there).
    result: oneshot::Receiver<(OutRecord, Outcome)>,
    permit: OwnedSemaphorePermit,
    /// Bytes charged against the byte budget for this item.
    charge: u64,
}

/// Bytes held by items in flight, against `pipeline.max_in_flight_bytes`. A record is
/// admitted when its charge fits, or when nothing else is in flight (so that a record
/// larger than the whole budget is processed alone instead of blocking forever).
/// Charges are corrected to the real size once the event exists; a correction never
/// waits (the item is already admitted), it only delays the next admissions.
struct ByteBudget {
    max: u64,
    used: Mutex<u64>,
    freed: Notify,
}

impl ByteBudget {
    fn new(max: u64) -> Self {
        ByteBudget {
            max,
            used: Mutex::new(0),
            freed: Notify::new(),
        }
    }

    /// Takes `want` bytes once they fit; returns the charge actually taken.
    async fn acquire(&self, want: u64) -> u64 {
        let want = want.min(self.max);
        loop {
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            {
                let mut used = lock(&self.used);
                if *used == 0 || *used + want <= self.max {
                    *used += want;
                    InFlightBytesChanged { bytes: *used }.emit();
                    return want;
                }
            }
            freed.await;
        }
    }

    /// Replaces an item's charge `old` by `new`.
    fn adjust(&self, old: u64, new: u64) {
        let mut used = lock(&self.used);
        *used = used.saturating_sub(old) + new;
        InFlightBytesChanged { bytes: *used }.emit();
        drop(used);
        if new < old {
            self.freed.notify_waiters();
        }
    }

    fn release(&self, charge: u64) {
        self.adjust(charge, 0);
    }
}

/// The size of a consumed record: what it holds in memory until it is finished.
pub(crate) fn record_bytes(record: &OwnedMessage) -> usize {
    sink::wire_size(record.key(), record.payload(), record.headers())
}

/// Runs the worker until `shutdown` is cancelled (then drains and returns `Ok`) or a
/// fatal client error occurs (then drains what it can and returns the error).
///
/// Three steps: [`Worker::start`] (clients, pool, HTTP endpoints, background tasks),
/// [`Worker::poll_loop`] (until a stop), [`Worker::shut_down`] (drain, final commit,
/// close).
pub async fn run(
    config: Config,
    enricher: Arc<Enricher>,
    shutdown: CancellationToken,
) -> Result<(), WorkerError> {
    if config.delivery == Delivery::ExactlyOnce {
        return crate::exactly_once::run(config, enricher, shutdown).await;
    }
    let worker = Worker::start(config, enricher).await?;
    let stop = worker.poll_loop(&shutdown).await;
    worker.shut_down().await;
    match stop {
        Stop::Requested => Ok(()),
        Stop::Fatal(reason) => Err(WorkerError::Fatal(reason)),
    }
}

/// A started worker: its clients, what its stages share, and the tasks beside the poll
/// loop.
struct Worker {
    consumer: Arc<NewsConsumer>,
    shared: Shared,
    pool: Arc<rayon::ThreadPool>,
    /// One permit per item in flight (`pipeline.max_in_flight`).
    semaphore: Arc<Semaphore>,
    fatal: FatalError,
    background: Background,
}

/// The tasks that run beside the poll loop, and the tokens that stop them.
struct Background {
    http_stop: CancellationToken,
    http_task: JoinHandle<()>,
    /// Stops both the commit task and the topic watch.
    commit_stop: CancellationToken,
    commit_task: JoinHandle<()>,
    watch_task: JoinHandle<()>,
}

impl Worker {
    /// Checks the config's derived values, binds the HTTP address, creates both Kafka
    /// clients and the enrichment pool, then starts serving `/metrics` and health, the
    /// periodic commit and the topic watch. Any failure here stops the start: nothing
    /// has been consumed yet.
    async fn start(config: Config, enricher: Arc<Enricher>) -> Result<Worker, WorkerError> {
        let config = Arc::new(config);
        precreate_topic_series(&config);
        let max_record_bytes = config.producer_message_max_bytes()?;

        let (addr, listener) = bind_http(&config).await?;
        let health = Health::new();
        let fatal = FatalError::new();
        let ledger = Arc::new(Mutex::new(Ledger::new()));
        let (producer, consumer) = create_clients(&config, &health, &fatal, &ledger)?;
        let (pool, workers) = enrichment_pool(&config)?;

        let http_stop = CancellationToken::new();
        let http_task = tokio::spawn(http::serve(listener, health.clone(), http_stop.clone()));
        log_started(&config, addr, workers, max_record_bytes);

        let shared = Shared {
            output_topic: Arc::from(config.topics.output.as_str()),
            dead_letter_topic: Arc::from(config.topics.dead_letter.as_str()),
            config: config.clone(),
            enricher,
            producer: Arc::new(producer),
            ledger: ledger.clone(),
            health: health.clone(),
            budget: Arc::new(ByteBudget::new(config.pipeline.max_in_flight_bytes as u64)),
            max_record_bytes,
            abandon: CancellationToken::new(),
            tasks: TaskTracker::new(),
        };
        let commit_stop = CancellationToken::new();
        let commit_task = tokio::spawn(commit_periodically(
            consumer.clone(),
            ledger,
            config.pipeline.commit_interval,
            commit_stop.clone(),
        ));
        let watch_task = tokio::spawn(watch_topics(
            consumer.clone(),
            config.clone(),
            health,
            commit_stop.clone(),
        ));
        Ok(Worker {
            consumer,
            shared,
            pool,
            semaphore: Arc::new(Semaphore::new(config.pipeline.max_in_flight)),
            fatal,
            background: Background {
                http_stop,
                http_task,
                commit_stop,
                commit_task,
                watch_task,
            },
        })
    }

    /// Reads records while capacity allows and hands each to the pool and to its lane,
    /// until a shutdown is requested or a fatal client error is raised.
    async fn poll_loop(&self, shutdown: &CancellationToken) -> Stop {
        let mut stream = self.consumer.stream();
        let mut lanes: HashMap<PartitionKey, mpsc::UnboundedSender<Work>> = HashMap::new();
        let mut waiter = StopWaiter {
            shutdown,
            fatal: &self.fatal,
            health: &self.shared.health,
            heartbeat: tokio::time::interval(HEARTBEAT),
        };
        loop {
            self.shared.health.beat();
            if let Err(stop) = self.admit_next(&mut stream, &mut lanes, &mut waiter).await {
                return stop;
            }
        }
    }

    /// One round of the poll loop: a permit, then a record, then the record's bytes,
    /// then its admission. `Err` when the loop must stop.
    async fn admit_next(
        &self,
        stream: &mut MessageStream<'_, ConsumerCallbacks>,
        lanes: &mut HashMap<PartitionKey, mpsc::UnboundedSender<Work>>,
        waiter: &mut StopWaiter<'_>,
    ) -> Result<(), Stop> {
        // Capacity first: while the pipeline is full, do not read (bounded memory).
        let permit = waiter
            .or_stop(self.semaphore.clone().acquire_owned())
            .await?
            .map_err(|_closed| Stop::Requested)?; // semaphore closed: only at teardown
        let message = match waiter.or_stop(stream.next()).await? {
            Some(Ok(message)) => message,
            Some(Err(e)) => {
                KafkaClientError::consumer(&e);
                drop(permit);
                tokio::time::sleep(Duration::from_millis(500)).await;
                return Ok(());
            }
            None => return Err(Stop::Requested),
        };
        let record = Arc::new(message.detach());
        // Then bytes: the record just read waits here, alone, until its charge fits. It
        // is not in the ledger yet, so a shutdown now leaves its offset uncommitted and
        // it is redelivered.
        let want = (record_bytes(&record) * IN_FLIGHT_BYTES_PER_INPUT_BYTE) as u64;
        let charge = waiter.or_stop(self.shared.budget.acquire(want)).await?;
        admit(record, permit, charge, &self.shared, &self.pool, lanes);
        Ok(())
    }

    /// Drains the items in flight (until `shutdown.drain_timeout`), stops the background
    /// tasks, commits what finished, then closes the consumer and the HTTP endpoints.
    async fn shut_down(self) {
        let Worker {
            consumer,
            shared,
            semaphore,
            background,
            ..
        } = self;
        drain(&consumer, &shared, &semaphore).await;
        background.commit_stop.cancel();
        let _ = background.commit_task.await;
        let _ = background.watch_task.await;
        commit_now(&consumer, &shared.ledger);
        // Dropping the last handle closes the consumer, which leaves the group at once so
        // that its partitions move to the other instances without waiting for a timeout.
        drop(consumer);
        background.http_stop.cancel();
        let _ = background.http_task.await;
        tracing::info!("newswire worker stopped");
    }
}

/// Binds `http.listen` for `/metrics` and health. Both delivery modes do it before
/// creating any client, so that a port in use stops the start with the address named.
pub(crate) async fn bind_http(
    config: &Config,
) -> Result<(SocketAddr, tokio::net::TcpListener), WorkerError> {
    let addr = config.http_listen_addr()?;
    let listener = http::bind(addr)
        .await
        .map_err(|source| WorkerError::HttpBind { addr, source })?;
    Ok((addr, listener))
}

/// Pre-creates the labelled series of the configured topics, so that their rates start
/// at zero rather than appearing with the first record.
pub(crate) fn precreate_topic_series(config: &Config) {
    let m = metrics();
    m.records_consumed
        .with_label_values(&[&config.topics.input]);
    m.events_published
        .with_label_values(&[&config.topics.output]);
}

/// The producer (reported ready at once) and the consumer, wired to the worker's health
/// and fatal-error reporting; the consumer's rebalance callbacks also reach the ledger.
fn create_clients(
    config: &Config,
    health: &Arc<Health>,
    fatal: &FatalError,
    ledger: &Arc<Mutex<Ledger>>,
) -> Result<(NewsProducer, Arc<NewsConsumer>), WorkerError> {
    let producer = sink::create_producer(
        config,
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
    let consumer = source::create_consumer(
        config,
        ConsumerCallbacks::new(ledger.clone(), health.clone(), fatal.clone()),
    )
    .map_err(|source| WorkerError::Client {
        client: "consumer",
        source,
    })?;
    Ok((producer, Arc::new(consumer)))
}

/// The start line: where the worker listens, what it reads and writes, and its limits.
fn log_started(config: &Config, addr: SocketAddr, workers: usize, max_record_bytes: usize) {
    tracing::info!(
        %addr,
        input = %config.topics.input,
        output = %config.topics.output,
        dead_letter = %config.topics.dead_letter,
        group = %config.kafka.group_id,
        delivery = %config.delivery,
        workers,
        max_in_flight = config.pipeline.max_in_flight,
        max_in_flight_bytes = config.pipeline.max_in_flight_bytes,
        max_message_bytes = config.pipeline.max_message_bytes,
        producer_message_max_bytes = max_record_bytes,
        "newswire worker started"
    );
}

/// The enrichment thread pool (`pipeline.workers` threads; 0: one per core) and its size.
pub(crate) fn enrichment_pool(
    config: &Config,
) -> Result<(Arc<rayon::ThreadPool>, usize), WorkerError> {
    let workers = match config.pipeline.workers {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .thread_name(|i| format!("newswire-enrich-{i}"))
        .build()
        .map_err(|e| WorkerError::Pool(e.to_string()))?;
    Ok((Arc::new(pool), workers))
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

/// Why the poll loop ended.
enum Stop {
    Requested,
    Fatal(String),
}

/// What every wait of the poll loop also watches: a requested shutdown, a fatal client
/// error, and the heartbeat that proves the loop alive while it waits.
struct StopWaiter<'a> {
    shutdown: &'a CancellationToken,
    fatal: &'a FatalError,
    health: &'a Health,
    heartbeat: tokio::time::Interval,
}

impl StopWaiter<'_> {
    /// Waits for `fut`, beating the heartbeat meanwhile; `Err` with the reason to stop
    /// when a shutdown or a fatal error comes first. `biased`: a stop is seen before a
    /// ready `fut`, so a busy input never delays it.
    async fn or_stop<F: Future>(&mut self, fut: F) -> Result<F::Output, Stop> {
        tokio::pin!(fut);
        loop {
            tokio::select! {
                biased;
                _ = self.shutdown.cancelled() => return Err(Stop::Requested),
                reason = self.fatal.raised() => return Err(Stop::Fatal(reason)),
                output = &mut fut => return Ok(output),
                _ = self.heartbeat.tick() => self.health.beat(),
            }
        }
    }
}

/// Registers a consumed record and starts its processing.
fn admit(
    record: Arc<OwnedMessage>,
    permit: OwnedSemaphorePermit,
    charge: u64,
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
    let limits = limits_for(&shared.config, shared.max_record_bytes, &record);
    let (output_topic, dead_letter_topic) = (
        shared.output_topic.clone(),
        shared.dead_letter_topic.clone(),
    );
    let max_record_bytes = shared.max_record_bytes;
    let admitted = Instant::now();
    pool.spawn(move || {
        let started = Instant::now();
        let result = process_record(&enricher, &job_record, &limits);
        ItemProcessed {
            queued: started.duration_since(admitted),
            elapsed: started.elapsed(),
        }
        .emit();
        let topics = Topics {
            output: &output_topic,
            dead_letter: &dead_letter_topic,
        };
        let _ = tx.send(output_for(&topics, max_record_bytes, &job_record, result));
    });

    let key: PartitionKey = (topic.to_string(), partition);
    let work = Work {
        record,
        result: rx,
        permit,
        charge,
    };
    let lane = lanes
        .entry(key.clone())
        .or_insert_with(|| spawn_lane(shared.clone(), key.clone()));
    if let Err(mpsc::error::SendError(work)) = lane.send(work) {
        // A lane only ends when its sender is dropped or at the drain deadline; start a
        // fresh lane rather than lose the item.
        let fresh = spawn_lane(shared.clone(), key.clone());
        let _ = fresh.send(work);
        lanes.insert(key, fresh);
    }
}

/// The processing limits of one record: the configured ones, and an event small enough
/// for the producer's `message.max.bytes` with the record's key.
pub(crate) fn limits_for(
    config: &Config,
    max_record_bytes: usize,
    record: &OwnedMessage,
) -> Limits {
    Limits {
        max_input_bytes: config.pipeline.max_message_bytes,
        max_text_bytes: config.enrich.max_text_bytes,
        max_event_bytes: max_record_bytes
            .saturating_sub(EVENT_FRAMING_BYTES + record.key().map_or(0, <[u8]>::len)),
    }
}

/// The pure processing of one Kafka record.
pub(crate) fn process_record(
    enricher: &Enricher,
    record: &OwnedMessage,
    limits: &Limits,
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
    process_item(enricher, source, key.as_deref(), value, limits)
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct EntityCounts {
    officials: usize,
    locations: usize,
    organizations: usize,
}

pub(crate) enum Outcome {
    Event {
        counts: EntityCounts,
        truncated: bool,
    },
    DeadLetter {
        error: ItemError,
        reference: bool,
    },
}

/// An item whose record is in the producer, waiting for the broker's answer.
struct Pending {
    input: Arc<OwnedMessage>,
    permit: OwnedSemaphorePermit,
    charge: u64,
    record: OutRecord,
    outcome: Outcome,
    attempt: Result<DeliveryFuture, KafkaError>,
    /// When the item's first record was enqueued: the stall clock.
    since: Instant,
}

/// A lane owns one input partition's items from processing to acknowledgement. It
/// enqueues their records in input order and settles them in input order: when a
/// record fails, the lane sends it again (or its replacement) and reads no further
/// until it is acknowledged, so a retry never lets a later record of the partition
/// overtake it. (librdkafka's idempotent producer keeps its own retries in order;
/// `message.timeout.ms` = 0 keeps it retrying rather than failing records, which is
/// what makes the order hold when a failure lasts.)
fn spawn_lane(shared: Shared, key: PartitionKey) -> mpsc::UnboundedSender<Work> {
    let (tx, rx) = mpsc::unbounded_channel::<Work>();
    let tracker = shared.tasks.clone();
    tracker.spawn(run_lane(shared, key, rx));
    tx
}

async fn run_lane(shared: Shared, key: PartitionKey, mut rx: mpsc::UnboundedReceiver<Work>) {
    let mut pending: VecDeque<Pending> = VecDeque::new();
    let mut stall = StallWatch::new(key);
    let mut open = true;
    while open || !pending.is_empty() {
        let stall_at = pending
            .front()
            .map(|p| p.since + shared.config.pipeline.stall_timeout);
        let stall_timer = tokio::time::sleep_until(
            stall_at
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600))
                .into(),
        );
        tokio::select! {
            biased;
            _ = shared.abandon.cancelled() => return,
            answer = front_answer(&mut pending), if !pending.is_empty() => {
                let Some(p) = pending.pop_front() else { continue };
                let finished = match answer {
                    Ok(()) => Some(p),
                    Err(error) => resend_until_done(&shared, p, error, &mut stall).await,
                };
                match finished {
                    Some(p) => {
                        stall.clear(&shared, p.input.offset());
                        finish(&shared, p);
                    }
                    None => return, // abandoned at the drain deadline
                }
            }
            _ = stall_timer, if stall_at.is_some() && !stall.is_stalled() => {
                if let Some(p) = pending.front() {
                    stall.mark(
                        &shared,
                        p.input.offset(),
                        p.since.elapsed(),
                        &format!("no acknowledgement from the broker for its record on {}", p.record.topic),
                    );
                }
            }
            work = rx.recv(), if open => match work {
                Some(work) => pending.push_back(prepare(&shared, work).await),
                None => open = false,
            },
        }
    }
}

/// The broker's answer for the oldest pending record. Cancel-safe: the delivery future
/// is polled in place, so a lost `select!` race loses nothing.
async fn front_answer(pending: &mut VecDeque<Pending>) -> Result<(), KafkaError> {
    let Some(p) = pending.front_mut() else {
        return Ok(());
    };
    match &mut p.attempt {
        Ok(delivery) => match delivery.await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err((e, _))) => Err(e),
            Err(_canceled) => Err(KafkaError::Canceled),
        },
        Err(e) => Err(e.clone()),
    }
}

/// Waits for an item's record (event or dead letter), corrects its byte charge to the
/// real size and enqueues the record.
async fn prepare(shared: &Shared, work: Work) -> Pending {
    let (record, outcome) = match work.result.await {
        Ok(output) => output,
        Err(_) => output_for(
            &Topics {
                output: &shared.output_topic,
                dead_letter: &shared.dead_letter_topic,
            },
            shared.max_record_bytes,
            &work.record,
            Err(ItemError::new(
                ErrorCode::EnrichFailed,
                "processing thread ended without a result",
            )),
        ),
    };
    // The record is held twice until acknowledged: here, for a re-send, and in
    // librdkafka's queue.
    let real = (record_bytes(&work.record)
        + 2 * sink::wire_size(
            record.key.as_deref(),
            Some(&record.payload),
            Some(&record.headers),
        )) as u64;
    shared.budget.adjust(work.charge, real);
    let attempt = sink::enqueue(&shared.producer, &record).await;
    Pending {
        input: work.record,
        permit: work.permit,
        charge: real,
        record,
        outcome,
        attempt,
        since: Instant::now(),
    }
}

/// The two topics an item's output goes to.
pub(crate) struct Topics<'a> {
    pub output: &'a Arc<str>,
    pub dead_letter: &'a Arc<str>,
}

/// The record an item's processing result becomes: its event, or its dead letter.
pub(crate) fn output_for(
    topics: &Topics<'_>,
    max_record_bytes: usize,
    input: &OwnedMessage,
    result: Result<Processed, ItemError>,
) -> (OutRecord, Outcome) {
    match result {
        Ok(processed) => {
            let event = &processed.event;
            let outcome = Outcome::Event {
                counts: EntityCounts {
                    officials: event.officials.len(),
                    locations: event.locations.len(),
                    organizations: event.organizations.len(),
                },
                truncated: event.truncated,
            };
            let record = sink::event_record(
                topics.output,
                input.key(),
                &event.event_id.to_string(),
                processed.payload,
            );
            (record, outcome)
        }
        Err(error) => {
            let record = dead_letter_to(topics.dead_letter, max_record_bytes, input, &error);
            let reference = sink::is_reference(&record);
            (record, Outcome::DeadLetter { error, reference })
        }
    }
}

/// An item's dead-letter record: a full copy when it fits in `max_record_bytes`, else a
/// reference record.
pub(crate) fn dead_letter_to(
    topic: &Arc<str>,
    max_record_bytes: usize,
    record: &OwnedMessage,
    error: &ItemError,
) -> OutRecord {
    sink::dead_letter_record(
        topic,
        &origin_of(record),
        record.key(),
        record.payload(),
        record.headers(),
        error,
        max_record_bytes,
    )
}

pub(crate) fn origin_of(record: &OwnedMessage) -> Origin<'_> {
    Origin {
        topic: record.topic(),
        partition: record.partition(),
        offset: record.offset(),
    }
}

/// Gets a failed item finished: an event the output topic refuses for good becomes a
/// dead letter; a dead letter too large (or refused) for the dead-letter topic becomes
/// a reference record; anything else is sent again, with backoff, for as long as it
/// takes (reported as a stall after `pipeline.stall_timeout`). Returns `None` only when
/// the drain deadline passes first: the item then stays uncommitted.
async fn resend_until_done(
    shared: &Shared,
    mut p: Pending,
    mut error: KafkaError,
    stall: &mut StallWatch,
) -> Option<Pending> {
    let mut backoff = RESEND_BACKOFF_FIRST;
    loop {
        let replacement = replacement_for(
            &p.record,
            &p.outcome,
            &p.input,
            &error,
            &shared.dead_letter_topic,
            shared.max_record_bytes,
        );
        match replacement {
            // A different record: send it at once.
            Some((record, outcome)) => (p.record, p.outcome) = (record, outcome),
            None => {
                wait_before_resend(shared, &p, &error, backoff, stall).await?;
                backoff = (backoff * 2).min(RESEND_BACKOFF_MAX);
            }
        }
        let attempt = sink::enqueue(&shared.producer, &p.record).await;
        let answer = tokio::select! {
            _ = shared.abandon.cancelled() => return None,
            answer = sink::acknowledged(attempt) => answer,
        };
        match answer {
            Ok(()) => return Some(p),
            Err(e) => error = e,
        }
    }
}

/// What replaces the record `refused` when the broker refused it for good (too large, or
/// rejected): an event becomes the item's dead letter (a full copy of the input when it
/// fits in `max_record_bytes`, else a reference), a full dead letter becomes a reference
/// record. `None` when the same record is to be sent again: the failure is retriable,
/// or the record is a reference already (nothing smaller exists).
fn replacement_for(
    refused: &OutRecord,
    outcome: &Outcome,
    input: &OwnedMessage,
    error: &KafkaError,
    dead_letter_topic: &Arc<str>,
    max_record_bytes: usize,
) -> Option<(OutRecord, Outcome)> {
    if sink::classify(error) == Failure::Retriable {
        return None;
    }
    match outcome {
        Outcome::Event { .. } => {
            let item_error = ItemError::new(
                ErrorCode::PublishFailed,
                format!(
                    "the output topic refused the event ({} bytes): {error}",
                    refused.payload.len()
                ),
            );
            let record = dead_letter_to(dead_letter_topic, max_record_bytes, input, &item_error);
            let outcome = Outcome::DeadLetter {
                reference: sink::is_reference(&record),
                error: item_error,
            };
            Some((record, outcome))
        }
        Outcome::DeadLetter {
            error: item_error,
            reference: false,
        } => {
            let record = sink::dead_letter_reference(
                dead_letter_topic,
                &origin_of(input),
                input.key(),
                input.payload(),
                input.headers(),
                item_error,
            );
            let outcome = Outcome::DeadLetter {
                error: item_error.clone(),
                reference: true,
            };
            Some((record, outcome))
        }
        Outcome::DeadLetter {
            reference: true, ..
        } => None,
    }
}

/// Before the same record is sent again: reports the retry, reports the partition
/// stalled once the item has waited `pipeline.stall_timeout`, and waits `backoff`.
/// `None` when the drain deadline passes meanwhile.
async fn wait_before_resend(
    shared: &Shared,
    p: &Pending,
    error: &KafkaError,
    backoff: Duration,
    stall: &mut StallWatch,
) -> Option<()> {
    let message = error.to_string();
    PublishRetry {
        topic: &p.record.topic,
        input_partition: p.input.partition(),
        input_offset: p.input.offset(),
        error: &message,
        backoff,
    }
    .emit();
    if !stall.is_stalled() && p.since.elapsed() >= shared.config.pipeline.stall_timeout {
        stall.mark(
            shared,
            p.input.offset(),
            p.since.elapsed(),
            &format!("publishing to {} fails: {message}", p.record.topic),
        );
    }
    tokio::select! {
        _ = shared.abandon.cancelled() => None,
        _ = tokio::time::sleep(backoff) => Some(()),
    }
}

/// Reports the item's end, marks its offset finished and gives back its capacity.
fn finish(shared: &Shared, p: Pending) {
    let origin = origin_of(&p.input);
    emit_finished(&shared.output_topic, &p.input, &p.outcome);
    lock(&shared.ledger).finish(origin.topic, origin.partition, origin.offset);
    shared.budget.release(p.charge);
    drop(p.permit);
}

/// Reports an item's end: its event or its dead letter is acknowledged (committed, in
/// exactly-once mode).
pub(crate) fn emit_finished(output_topic: &str, input: &OwnedMessage, outcome: &Outcome) {
    let origin = origin_of(input);
    match outcome {
        Outcome::Event { counts, truncated } => EventPublished {
            output_topic,
            input_partition: origin.partition,
            input_offset: origin.offset,
            record_timestamp_ms: input.timestamp().to_millis(),
            officials: counts.officials,
            locations: counts.locations,
            organizations: counts.organizations,
            truncated: *truncated,
        }
        .emit(),
        Outcome::DeadLetter { error, reference } => ItemDeadLettered {
            input_topic: origin.topic,
            input_partition: origin.partition,
            input_offset: origin.offset,
            error,
            reference: *reference,
        }
        .emit(),
    }
}

/// Whether a lane's partition is reported stalled, and for which offset.
struct StallWatch {
    key: PartitionKey,
    stalled_at: Option<i64>,
}

impl StallWatch {
    fn new(key: PartitionKey) -> Self {
        StallWatch {
            key,
            stalled_at: None,
        }
    }

    fn is_stalled(&self) -> bool {
        self.stalled_at.is_some()
    }

    fn mark(&mut self, shared: &Shared, offset: i64, waited: Duration, reason: &str) {
        let (topic, partition) = (&self.key.0, self.key.1);
        PartitionStalled {
            topic,
            partition,
            offset,
            waited,
            reason,
        }
        .emit();
        shared.health.set_partition_stalled(
            topic,
            partition,
            Some(format!(
                "the item at offset {offset} has waited {}s: {reason}",
                waited.as_secs()
            )),
        );
        self.stalled_at = Some(offset);
    }

    /// Called when an item finishes: the partition moves again.
    fn clear(&mut self, shared: &Shared, offset: i64) {
        if self.stalled_at.take().is_some() {
            let (topic, partition) = (&self.key.0, self.key.1);
            PartitionRecovered {
                topic,
                partition,
                offset,
            }
            .emit();
            shared.health.set_partition_stalled(topic, partition, None);
        }
    }
}

/// Checks the three topics in the cluster's metadata at start and every
/// [`TOPIC_CHECK_INTERVAL`]: a missing or forbidden topic turns `/readyz` 503 with its
/// name, sets `newswire_topic_unavailable` and is logged; the pipeline keeps retrying,
/// and it all clears once the topic is there.
pub(crate) async fn watch_topics(
    consumer: Arc<NewsConsumer>,
    config: Arc<Config>,
    health: Arc<Health>,
    stop: CancellationToken,
) {
    let topics = [
        ("input", config.topics.input.clone()),
        ("output", config.topics.output.clone()),
        ("dead_letter", config.topics.dead_letter.clone()),
    ];
    for (role, topic) in &topics {
        TopicWatched { role, topic }.emit();
    }
    let mut problems: HashMap<String, String> = HashMap::new();
    let mut ticker = tokio::time::interval(TOPIC_CHECK_INTERVAL);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        // `biased`: a tick missed during a slow round is ready at once, and an unbiased
        // select would start another round after the stop half the time.
        tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            _ = ticker.tick() => {}
        }
        for (role, topic) in &topics {
            let (c, t) = (consumer.clone(), topic.clone());
            // During an outage each lookup waits out its timeout; a stop must not wait
            // for the round. The abandoned lookup ends on its own within that timeout.
            let answer = tokio::select! {
                biased;
                _ = stop.cancelled() => return,
                answer = tokio::task::spawn_blocking(move || topic_status(&c, &t)) => answer,
            };
            let Ok(Some(status)) = answer else {
                continue; // no answer (broker unreachable): reported elsewhere
            };
            match status {
                Ok(()) => {
                    if problems.remove(topic).is_some() {
                        TopicAvailable { role, topic }.emit();
                        health.set_topic_problem(topic, None);
                    }
                }
                Err(problem) => {
                    if problems.get(topic) != Some(&problem) {
                        TopicUnavailable {
                            role,
                            topic,
                            problem: &problem,
                        }
                        .emit();
                        health.set_topic_problem(topic, Some(problem.clone()));
                        problems.insert(topic.clone(), problem);
                    }
                }
            }
        }
    }
}

/// One topic's state in the metadata: `None` when the cluster did not answer.
fn topic_status(consumer: &NewsConsumer, topic: &str) -> Option<Result<(), String>> {
    let metadata = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(5))
        .ok()?;
    let t = metadata.topics().iter().find(|t| t.name() == topic)?;
    match t.error() {
        Some(RDKafkaRespErr::RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) => {
            Some(Err("does not exist in the cluster".into()))
        }
        Some(RDKafkaRespErr::RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) => {
            Some(Err("not authorized for this client (check the ACLs)".into()))
        }
        // Transient states (leader election) are not the operator's to fix.
        Some(_) => None,
        None if t.partitions().is_empty() => Some(Err("has no partitions".into())),
        None => Some(Ok(())),
    }
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
            biased; // the final commit follows the stop; no periodic one after it
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

#[cfg(test)]
mod tests {
    use rdkafka::message::Timestamp;
    use rdkafka::types::RDKafkaErrorCode;

    use super::*;

    const MIB: usize = 1024 * 1024;

    #[tokio::test]
    async fn a_port_in_use_stops_the_start_naming_the_address() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = taken.local_addr().expect("its address");
        let mut config = Config::default();
        config.http.listen = addr.to_string();
        let err = bind_http(&config).await.expect_err("the port is taken");
        assert!(
            matches!(err, WorkerError::HttpBind { addr: named, .. } if named == addr),
            "{err}"
        );
        assert!(err.to_string().contains(&addr.to_string()), "{err}");
    }

    fn input(value: &[u8]) -> OwnedMessage {
        OwnedMessage::new(
            Some(value.to_vec()),
            Some(b"key".to_vec()),
            "news.raw".into(),
            Timestamp::NotAvailable,
            2,
            7,
            None,
        )
    }

    fn event_for(input: &OwnedMessage) -> (OutRecord, Outcome) {
        let record = sink::event_record(
            &Arc::from("news.events"),
            input.key(),
            "event-id",
            b"{\"event\":1}".to_vec(),
        );
        let outcome = Outcome::Event {
            counts: EntityCounts {
                officials: 1,
                locations: 0,
                organizations: 0,
            },
            truncated: false,
        };
        (record, outcome)
    }

    fn failed(code: RDKafkaErrorCode) -> KafkaError {
        KafkaError::MessageProduction(code)
    }

    fn dead_letter_topic() -> Arc<str> {
        Arc::from("news.dead-letter")
    }

    #[test]
    fn an_event_refused_for_good_becomes_a_publish_failed_dead_letter() {
        let input = input(b"the article");
        let (event, outcome) = event_for(&input);
        for code in [
            RDKafkaErrorCode::MessageSizeTooLarge,
            RDKafkaErrorCode::InvalidRecord,
        ] {
            let (record, outcome) = replacement_for(
                &event,
                &outcome,
                &input,
                &failed(code),
                &dead_letter_topic(),
                MIB,
            )
            .expect("a refused event is replaced");
            assert_eq!(&*record.topic, "news.dead-letter");
            assert_eq!(&*record.payload, b"the article");
            let Outcome::DeadLetter { error, reference } = outcome else {
                panic!("an event replaced by an event");
            };
            assert!(!reference);
            assert_eq!(error.code, ErrorCode::PublishFailed);
            assert!(
                error
                    .message
                    .starts_with("the output topic refused the event (11 bytes): "),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn an_event_refused_whose_input_is_too_large_to_copy_becomes_a_reference() {
        let input = input(&[b'x'; 4096]);
        let (event, outcome) = event_for(&input);
        let (record, outcome) = replacement_for(
            &event,
            &outcome,
            &input,
            &failed(RDKafkaErrorCode::MessageSizeTooLarge),
            &dead_letter_topic(),
            1024,
        )
        .expect("a refused event is replaced");
        assert!(sink::is_reference(&record));
        assert!(matches!(
            outcome,
            Outcome::DeadLetter {
                reference: true,
                ..
            }
        ));
    }

    #[test]
    fn a_full_dead_letter_refused_for_good_becomes_a_reference_with_the_same_error() {
        let input = input(b"not json");
        let error = ItemError::new(ErrorCode::InvalidJson, "expected value at line 1");
        let full = dead_letter_to(&dead_letter_topic(), MIB, &input, &error);
        assert!(!sink::is_reference(&full));
        let outcome = Outcome::DeadLetter {
            error: error.clone(),
            reference: false,
        };
        let (record, outcome) = replacement_for(
            &full,
            &outcome,
            &input,
            &failed(RDKafkaErrorCode::InvalidMessageSize),
            &dead_letter_topic(),
            MIB,
        )
        .expect("a refused full dead letter is replaced");
        assert!(sink::is_reference(&record));
        let Outcome::DeadLetter {
            error: kept,
            reference: true,
        } = outcome
        else {
            panic!("not a reference dead letter");
        };
        assert_eq!((kept.code, kept.message), (error.code, error.message));
    }

    #[test]
    fn retriable_failures_and_refused_references_send_the_same_record_again() {
        let input = input(b"the article");
        let (event, outcome) = event_for(&input);
        let retriable = failed(RDKafkaErrorCode::BrokerTransportFailure);
        let topic = dead_letter_topic();
        assert!(replacement_for(&event, &outcome, &input, &retriable, &topic, MIB).is_none());
        let error = ItemError::new(ErrorCode::TooLarge, "too large");
        let reference = Outcome::DeadLetter {
            error: error.clone(),
            reference: true,
        };
        let record = dead_letter_to(&topic, 16, &input, &error);
        let too_large = failed(RDKafkaErrorCode::MessageSizeTooLarge);
        assert!(replacement_for(&record, &reference, &input, &too_large, &topic, MIB).is_none());
    }
}
