//! Exactly-once mode (`delivery = "exactly-once"`): consume, process and produce in
//! Kafka transactions.
//!
//! The shape, for the next reader:
//!
//! ```text
//!  collect a batch: read until exactly_once.max_batch_records (or the in-flight bounds),
//!      │            or max_batch_interval after its first record
//!      ├──> rayon pool: decode/normalize/enrich each record (as at-least-once)
//!      └──> one transaction: begin
//!                            send the batch's next offsets (with the group metadata)
//!                            produce its events and dead letters, in input order
//!                            commit
//!           on an abortable error: abort, seek the consumer back to the batch's first
//!           offsets (what the last committed transaction stored), process it again
//!           on fencing or a fatal error: stop, exit non-zero
//! ```
//!
//! Why this is exactly once for a `read_committed` reader: a record's output and its
//! input offset are in the same transaction, so they become visible together or not at
//! all. A crash anywhere leaves at most an open transaction, which the restarted
//! instance's producer aborts when it registers the same `transactional.id`; its
//! consumer resumes at the committed offsets, i.e. just after the last committed batch.
//! An instance that lost its partitions (a zombie) is refused when it sends offsets with
//! its stale group generation, before it has produced anything of that transaction.
//!
//! What this module must never do: move the consumer past a batch that was not
//! committed (a failed rewind stops the worker instead), or commit a transaction holding
//! records of a partition this instance no longer owns.
//!
//! The loop is written against [`TxnIo`] so that the same code runs on Kafka
//! ([`kafka::KafkaTxn`]) and, in the unit tests, on a model of a broker's transaction
//! semantics with crashes and faults injected at every step (librdkafka's mock cluster
//! accepts the transactional requests but keeps aborted records visible and does not
//! store offsets sent to a transaction, so it cannot show those semantics).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use newswire_enrich::Enricher;
use rdkafka::message::{Message, OwnedMessage};
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, IN_FLIGHT_BYTES_PER_INPUT_BYTE};
use crate::error::{ErrorCode, ItemError};
use crate::http::{self, Health};
use crate::internal_events::{
    ItemProcessed, KafkaClientError, PartitionRecovered, PartitionStalled, RecordConsumed,
    TransactionAborted, TransactionCommitted,
};
use crate::ledger::{Ledger, PartitionKey};
use crate::pipeline::{
    self, bind_http, dead_letter_to, emit_finished, limits_for, output_for, precreate_topic_series,
    process_record, record_bytes, Outcome, Topics, WorkerError,
};
use crate::shutdown::FatalError;
use crate::sink::{self, Failure, OutRecord, ProducerCallbacks};
use crate::source::{self, ConsumerCallbacks};

mod kafka;
#[cfg(test)]
mod model;

/// How often the loop proves it is alive while no record arrives.
const HEARTBEAT: Duration = Duration::from_secs(1);
/// Timeout of one transactional call (send offsets, commit, abort, seek). A call that
/// times out is retriable: it is made again.
const TXN_CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a retriable transactional call is made again before the transaction is
/// aborted instead.
const CALL_RETRIES: u32 = 5;
/// Backoff after an aborted transaction, first and longest.
const ABORT_BACKOFF_FIRST: Duration = Duration::from_millis(100);
const ABORT_BACKOFF_MAX: Duration = Duration::from_secs(10);

/// Why a transactional step failed, and so what happens next.
#[derive(Debug, Clone)]
pub(crate) enum TxnError {
    /// The transaction cannot commit: abort it, rewind, process the batch again.
    /// `refused` names (by its index in the batch) a record the broker refuses for good
    /// (too large, malformed), so that the next attempt sends its replacement.
    Abort {
        reason: String,
        refused: Option<(usize, Failure)>,
    },
    /// The call itself may succeed if made again (e.g. it timed out).
    Retry(String),
    /// This producer can never commit again: fenced by a newer producer with the same
    /// `transactional.id`, or in librdkafka's fatal state.
    Fatal { fenced: bool, reason: String },
}

impl TxnError {
    fn abort(reason: impl Into<String>) -> Self {
        TxnError::Abort {
            reason: reason.into(),
            refused: None,
        }
    }
}

/// What the transaction loop needs from Kafka: the consumer's records and position, and
/// the transactional producer.
#[allow(async_fn_in_trait)] // used generically inside the crate only
pub(crate) trait TxnIo {
    /// The next input record, or `None` once `until` has passed.
    async fn next_record(&mut self, until: Instant) -> Option<Arc<OwnedMessage>>;
    /// The partitions this instance owns now, when known.
    fn owned(&self) -> Option<HashSet<PartitionKey>>;
    async fn begin(&mut self) -> Result<(), TxnError>;
    /// Adds the consumer's next offsets to the open transaction.
    async fn send_offsets(&mut self, next: &[(PartitionKey, i64)]) -> Result<(), TxnError>;
    /// Produces `records` in the open transaction, in order, and waits for every
    /// acknowledgement.
    async fn produce(&mut self, records: &[OutRecord]) -> Result<(), TxnError>;
    async fn commit(&mut self) -> Result<(), TxnError>;
    async fn abort(&mut self) -> Result<(), TxnError>;
    /// Moves the consumer back to `to` (per partition) so that those records are read
    /// again.
    async fn rewind(&mut self, to: &[(PartitionKey, i64)]) -> Result<(), TxnError>;
}

/// What the loop shares with the processing: the same limits and topics as at-least-once.
pub(crate) struct Ctx {
    pub config: Arc<Config>,
    pub enricher: Arc<Enricher>,
    pub pool: Arc<rayon::ThreadPool>,
    pub health: Arc<Health>,
    pub output_topic: Arc<str>,
    pub dead_letter_topic: Arc<str>,
    pub max_record_bytes: usize,
    pub transactional_id: String,
    /// The first backoff after an abort (doubling up to [`ABORT_BACKOFF_MAX`]); the
    /// unit tests make it short.
    pub backoff_first: Duration,
}

/// Runs the worker in exactly-once mode until `shutdown` (then it commits the batch in
/// hand and returns `Ok`) or until it is fenced or meets a fatal error (`Err`).
pub async fn run(
    config: Config,
    enricher: Arc<Enricher>,
    shutdown: CancellationToken,
) -> Result<(), WorkerError> {
    let config = Arc::new(config);
    precreate_topic_series(&config);
    let max_record_bytes = config.producer_message_max_bytes()?;
    let transactional_id = config.transactional_id()?;

    let (_, listener) = bind_http(&config).await?;
    let health = Health::new();
    let fatal = FatalError::new();
    let http_stop = CancellationToken::new();
    let http_task = tokio::spawn(http::serve(listener, health.clone(), http_stop.clone()));

    let result = serve(
        &config,
        enricher,
        &health,
        &fatal,
        &shutdown,
        max_record_bytes,
        transactional_id,
    )
    .await;
    http_stop.cancel();
    let _ = http_task.await;
    tracing::info!("newswire worker stopped");
    result
}

/// Creates the clients, registers the transactional id and runs the loop.
async fn serve(
    config: &Arc<Config>,
    enricher: Arc<Enricher>,
    health: &Arc<Health>,
    fatal: &FatalError,
    shutdown: &CancellationToken,
    max_record_bytes: usize,
    transactional_id: String,
) -> Result<(), WorkerError> {
    let producer = sink::create_transactional_producer(
        config,
        ProducerCallbacks {
            health: health.clone(),
            fatal: fatal.clone(),
        },
        &transactional_id,
    )
    .map_err(|source| WorkerError::Client {
        client: "producer",
        source,
    })?;
    if !kafka::init_transactions(&producer, &transactional_id, shutdown).await? {
        return Ok(()); // shut down before the cluster answered
    }
    health.set_producer_ready(true);
    // The ledger stays empty in this mode: the consumer's rebalance callback then has
    // nothing to commit, offsets are only ever committed by transactions.
    let ledger = Arc::new(Mutex::new(Ledger::new()));
    let consumer = Arc::new(
        source::create_consumer(
            config,
            ConsumerCallbacks::new(ledger, health.clone(), fatal.clone()),
        )
        .map_err(|source| WorkerError::Client {
            client: "consumer",
            source,
        })?,
    );
    let (pool, workers) = pipeline::enrichment_pool(config)?;
    tracing::info!(
        input = %config.topics.input,
        output = %config.topics.output,
        dead_letter = %config.topics.dead_letter,
        group = %config.kafka.group_id,
        delivery = %config.delivery,
        transactional_id = %transactional_id,
        max_batch_records = config.exactly_once.max_batch_records,
        max_batch_interval_ms = config.exactly_once.max_batch_interval.as_millis() as u64,
        workers,
        producer_message_max_bytes = max_record_bytes,
        "newswire worker started"
    );
    let watch_stop = CancellationToken::new();
    let watch_task = tokio::spawn(pipeline::watch_topics(
        consumer.clone(),
        config.clone(),
        health.clone(),
        watch_stop.clone(),
    ));
    let ctx = Ctx {
        config: config.clone(),
        enricher,
        pool,
        health: health.clone(),
        output_topic: Arc::from(config.topics.output.as_str()),
        dead_letter_topic: Arc::from(config.topics.dead_letter.as_str()),
        max_record_bytes,
        transactional_id,
        backoff_first: ABORT_BACKOFF_FIRST,
    };
    let mut io = kafka::KafkaTxn::new(consumer, producer, TXN_CALL_TIMEOUT);
    let result = run_loop(&mut io, &ctx, shutdown, fatal).await;
    watch_stop.cancel();
    let _ = watch_task.await;
    // Dropping the consumer leaves the group at once, so that the partitions move now.
    drop(io);
    result
}

/// The input records of one transaction, in the order read.
#[derive(Default)]
pub(crate) struct Batch {
    records: Vec<Arc<OwnedMessage>>,
    /// The highest offset held per partition.
    last: HashMap<PartitionKey, i64>,
    bytes: usize,
}

impl Batch {
    fn len(&self) -> usize {
        self.records.len()
    }

    fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds a record. A record at or before an offset the batch already holds for its
    /// partition means the consumer went back (the partition was revoked and assigned
    /// again while the batch was read): the batch's records from that offset on are
    /// dropped, as they are read again.
    fn push(&mut self, record: Arc<OwnedMessage>) {
        let key = key_of(&record);
        let offset = record.offset();
        if self.last.get(&key).is_some_and(|&last| last >= offset) {
            self.records
                .retain(|r| !(key_of(r) == key && r.offset() >= offset));
            self.recount();
        }
        self.bytes += record_bytes(&record);
        self.last.insert(key, offset);
        self.records.push(record);
    }

    /// Drops the records of partitions this instance no longer owns: their new owner
    /// reads them from the committed offset.
    fn keep_owned(&mut self, owned: &HashSet<PartitionKey>) {
        let before = self.records.len();
        self.records.retain(|r| owned.contains(&key_of(r)));
        if self.records.len() != before {
            self.recount();
        }
    }

    fn recount(&mut self) {
        self.last.clear();
        self.bytes = 0;
        for r in &self.records {
            self.bytes += record_bytes(r);
            let last = self.last.entry(key_of(r)).or_insert(r.offset());
            *last = (*last).max(r.offset());
        }
    }

    /// Per partition, the first offset held: where the consumer goes back to when the
    /// transaction aborts (the offset the last committed transaction stored).
    fn first_offsets(&self) -> Vec<(PartitionKey, i64)> {
        let mut first: HashMap<PartitionKey, i64> = HashMap::new();
        for r in &self.records {
            let o = first.entry(key_of(r)).or_insert(r.offset());
            *o = (*o).min(r.offset());
        }
        sorted(first)
    }

    /// Per partition, one past the last offset held: what the transaction commits.
    fn next_offsets(&self) -> Vec<(PartitionKey, i64)> {
        sorted(self.last.iter().map(|(k, &o)| (k.clone(), o + 1)).collect())
    }
}

fn sorted(map: HashMap<PartitionKey, i64>) -> Vec<(PartitionKey, i64)> {
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort();
    v
}

fn key_of(record: &OwnedMessage) -> PartitionKey {
    (record.topic().to_string(), record.partition())
}

/// The loop's memory between transactions.
#[derive(Default)]
struct LoopState {
    /// Input records whose output the broker refused for good, and how often: once, the
    /// event becomes a dead letter; twice, the dead letter becomes a reference record.
    refused: HashMap<(PartitionKey, i64), (u8, String)>,
    /// Consecutive aborts, and since when.
    aborts: u32,
    failing_since: Option<Instant>,
    stalled: BTreeSet<PartitionKey>,
}

/// Collects batches and commits each in a transaction until shutdown or a fatal error.
pub(crate) async fn run_loop<T: TxnIo>(
    io: &mut T,
    ctx: &Ctx,
    shutdown: &CancellationToken,
    fatal: &FatalError,
) -> Result<(), WorkerError> {
    let mut state = LoopState::default();
    loop {
        let (mut batch, stop) = collect(io, ctx, shutdown, fatal).await?;
        if let Some(owned) = io.owned() {
            batch.keep_owned(&owned);
        }
        if !batch.is_empty() {
            let committed = settle(io, ctx, &mut state, &batch).await?;
            if !committed && !stop {
                let backoff = backoff_after(ctx, state.aborts);
                tokio::select! {
                    _ = shutdown.cancelled() => return Ok(()),
                    _ = tokio::time::sleep(backoff) => {}
                }
            }
        }
        if stop {
            return Ok(());
        }
    }
}

/// Processes a batch and tries once to commit it. Returns whether it committed; an
/// abort has been rewound when it returns `Ok(false)`.
async fn settle<T: TxnIo>(
    io: &mut T,
    ctx: &Ctx,
    state: &mut LoopState,
    batch: &Batch,
) -> Result<bool, WorkerError> {
    for r in &batch.records {
        RecordConsumed {
            topic: r.topic(),
            partition: r.partition(),
            offset: r.offset(),
        }
        .emit();
    }
    let outputs = process_batch(ctx, batch, &state.refused).await;
    let started = Instant::now();
    let (result, begun) = transact(io, batch, &outputs).await;
    match result {
        Ok(()) => {
            on_committed(ctx, state, batch, &outputs, started.elapsed());
            Ok(true)
        }
        Err(TxnError::Fatal { fenced, reason }) => Err(stopped(ctx, fenced, reason)),
        Err(TxnError::Abort { reason, refused }) => {
            abort_and_rewind(io, ctx, state, batch, begun, &reason, refused).await?;
            Ok(false)
        }
        Err(TxnError::Retry(reason)) => {
            abort_and_rewind(io, ctx, state, batch, begun, &reason, None).await?;
            Ok(false)
        }
    }
}

/// Reads records into a batch until it is full or its interval has passed. Returns the
/// batch and whether the worker must stop after it (shutdown was requested).
async fn collect<T: TxnIo>(
    io: &mut T,
    ctx: &Ctx,
    shutdown: &CancellationToken,
    fatal: &FatalError,
) -> Result<(Batch, bool), WorkerError> {
    let config = &ctx.config;
    let max_records = config
        .exactly_once
        .max_batch_records
        .min(config.pipeline.max_in_flight);
    let max_bytes = config.pipeline.max_in_flight_bytes / IN_FLIGHT_BYTES_PER_INPUT_BYTE;
    let mut batch = Batch::default();
    let mut until = Instant::now() + HEARTBEAT;
    loop {
        ctx.health.beat();
        let next = tokio::select! {
            biased;
            _ = shutdown.cancelled() => return Ok((batch, true)),
            reason = fatal.raised() => {
                let fenced = reason.to_ascii_lowercase().contains("fenced");
                return Err(stopped(ctx, fenced, reason));
            }
            next = io.next_record(until) => next,
        };
        match next {
            Some(record) => {
                if batch.is_empty() {
                    until = Instant::now() + config.exactly_once.max_batch_interval;
                }
                batch.push(record);
                if batch.len() >= max_records || batch.bytes >= max_bytes {
                    return Ok((batch, false));
                }
            }
            None if batch.is_empty() => until = Instant::now() + HEARTBEAT,
            None => return Ok((batch, false)),
        }
    }
}

/// Processes every record of the batch on the pool and builds its output record, in
/// batch order. A record the broker refused before gets its replacement.
async fn process_batch(
    ctx: &Ctx,
    batch: &Batch,
    refused: &HashMap<(PartitionKey, i64), (u8, String)>,
) -> Vec<(OutRecord, Outcome)> {
    let receivers: Vec<_> = batch
        .records
        .iter()
        .map(|record| {
            let (tx, rx) = oneshot::channel();
            let (record, enricher) = (record.clone(), ctx.enricher.clone());
            let limits = limits_for(&ctx.config, ctx.max_record_bytes, &record);
            let admitted = Instant::now();
            ctx.pool.spawn(move || {
                let started = Instant::now();
                let result = process_record(&enricher, &record, &limits);
                ItemProcessed {
                    queued: started.duration_since(admitted),
                    elapsed: started.elapsed(),
                }
                .emit();
                let _ = tx.send(result);
            });
            rx
        })
        .collect();
    let topics = Topics {
        output: &ctx.output_topic,
        dead_letter: &ctx.dead_letter_topic,
    };
    let mut outputs = Vec::with_capacity(receivers.len());
    for (record, rx) in batch.records.iter().zip(receivers) {
        let result = rx.await.unwrap_or_else(|_| {
            Err(ItemError::new(
                ErrorCode::EnrichFailed,
                "processing thread ended without a result",
            ))
        });
        let output = output_for(&topics, ctx.max_record_bytes, record, result);
        let output = match refused.get(&(key_of(record), record.offset())) {
            Some((times, reason)) => replacement(ctx, record, output, *times, reason),
            None => output,
        };
        outputs.push(output);
    }
    outputs
}

/// The output of a record whose earlier output the broker refused `times` times: its
/// event becomes a dead letter, a dead letter becomes a reference record.
fn replacement(
    ctx: &Ctx,
    input: &OwnedMessage,
    (record, outcome): (OutRecord, Outcome),
    times: u8,
    reason: &str,
) -> (OutRecord, Outcome) {
    let error = match outcome {
        Outcome::Event { .. } => ItemError::new(
            ErrorCode::PublishFailed,
            format!(
                "the output topic refused the event ({} bytes): {reason}",
                record.payload.len()
            ),
        ),
        Outcome::DeadLetter { error, .. } => error,
    };
    let record = if times >= 2 || sink::is_reference(&record) {
        sink::dead_letter_reference(
            &ctx.dead_letter_topic,
            &pipeline::origin_of(input),
            input.key(),
            input.payload(),
            input.headers(),
            &error,
        )
    } else {
        dead_letter_to(&ctx.dead_letter_topic, ctx.max_record_bytes, input, &error)
    };
    let reference = sink::is_reference(&record);
    (record, Outcome::DeadLetter { error, reference })
}

/// One transaction: begin, offsets, records, commit. Returns its result and whether it
/// was begun (what must be aborted). The offsets go first: a zombie instance, whose
/// group generation is stale, is refused there before it has produced anything.
async fn transact<T: TxnIo>(
    io: &mut T,
    batch: &Batch,
    outputs: &[(OutRecord, Outcome)],
) -> (Result<(), TxnError>, bool) {
    if let Err(e) = io.begin().await {
        return (Err(e), false);
    }
    let next = batch.next_offsets();
    let mut tries = 0;
    loop {
        match io.send_offsets(&next).await {
            Ok(()) => break,
            Err(TxnError::Retry(_)) if tries < CALL_RETRIES => tries += 1,
            Err(e) => return (Err(e), true),
        }
    }
    let records: Vec<OutRecord> = outputs.iter().map(|(r, _)| r.clone()).collect();
    if let Err(e) = io.produce(&records).await {
        return (Err(e), true);
    }
    let mut tries = 0;
    loop {
        match io.commit().await {
            Ok(()) => return (Ok(()), true),
            Err(TxnError::Retry(_)) if tries < CALL_RETRIES => tries += 1,
            Err(e) => return (Err(e), true),
        }
    }
}

/// After a commit: every item is finished, refusals forgotten, stalls cleared.
fn on_committed(
    ctx: &Ctx,
    state: &mut LoopState,
    batch: &Batch,
    outputs: &[(OutRecord, Outcome)],
    elapsed: Duration,
) {
    for (input, (_, outcome)) in batch.records.iter().zip(outputs) {
        emit_finished(&ctx.output_topic, input, outcome);
        state.refused.remove(&(key_of(input), input.offset()));
    }
    TransactionCommitted {
        records: batch.len(),
        partitions: batch.last.len(),
        elapsed,
    }
    .emit();
    state.aborts = 0;
    state.failing_since = None;
    for (key, next) in batch.next_offsets() {
        if state.stalled.remove(&key) {
            PartitionRecovered {
                topic: &key.0,
                partition: key.1,
                offset: next - 1,
            }
            .emit();
            ctx.health.set_partition_stalled(&key.0, key.1, None);
        }
    }
}

/// Aborts the open transaction (when one was begun) and moves the consumer back to the
/// batch's first offsets. Either failing for good stops the worker: going on without
/// the rewind would commit later offsets over records never produced.
async fn abort_and_rewind<T: TxnIo>(
    io: &mut T,
    ctx: &Ctx,
    state: &mut LoopState,
    batch: &Batch,
    begun: bool,
    reason: &str,
    refused: Option<(usize, Failure)>,
) -> Result<(), WorkerError> {
    let mut tries = 0;
    if begun {
        while let Err(e) = io.abort().await {
            after_failure(ctx, "abort the transaction", &mut tries, e).await?;
        }
    }
    let first = batch.first_offsets();
    let mut tries = 0;
    while let Err(e) = io.rewind(&first).await {
        after_failure(ctx, "rewind the consumer", &mut tries, e).await?;
    }
    if let Some((index, failure)) = refused {
        if let Some(record) = batch.records.get(index) {
            let entry = state
                .refused
                .entry((key_of(record), record.offset()))
                .or_insert((0, String::new()));
            entry.0 = entry.0.saturating_add(1);
            entry.1 = format!("{reason} ({failure:?})");
        }
    }
    state.aborts = state.aborts.saturating_add(1);
    let failing_since = *state.failing_since.get_or_insert_with(Instant::now);
    TransactionAborted {
        records: batch.len(),
        reason,
        attempt: state.aborts,
        backoff: backoff_after(ctx, state.aborts),
    }
    .emit();
    if failing_since.elapsed() >= ctx.config.pipeline.stall_timeout {
        mark_stalled(ctx, state, batch, failing_since.elapsed(), reason);
    }
    Ok(())
}

/// Decides after a failed abort or rewind: `Ok` to make the call again (after a
/// backoff), for a few retriable failures; `Err` to stop the worker.
async fn after_failure(
    ctx: &Ctx,
    what: &str,
    tries: &mut u32,
    error: TxnError,
) -> Result<(), WorkerError> {
    match error {
        TxnError::Fatal { fenced, reason } => Err(stopped(ctx, fenced, reason)),
        TxnError::Retry(reason) | TxnError::Abort { reason, .. } if *tries < CALL_RETRIES => {
            *tries += 1;
            KafkaClientError {
                client: "producer",
                code: "transaction",
                reason: &format!("cannot {what} (try {tries}): {reason}"),
            }
            .emit();
            tokio::time::sleep(backoff_after(ctx, *tries)).await;
            Ok(())
        }
        TxnError::Retry(reason) | TxnError::Abort { reason, .. } => {
            Err(WorkerError::Fatal(format!("cannot {what}: {reason}")))
        }
    }
}

fn mark_stalled(ctx: &Ctx, state: &mut LoopState, batch: &Batch, waited: Duration, reason: &str) {
    for (key, first) in batch.first_offsets() {
        if state.stalled.insert(key.clone()) {
            PartitionStalled {
                topic: &key.0,
                partition: key.1,
                offset: first,
                waited,
                reason,
            }
            .emit();
            ctx.health.set_partition_stalled(
                &key.0,
                key.1,
                Some(format!(
                    "the transaction holding offset {first} has failed for {}s: {reason}",
                    waited.as_secs()
                )),
            );
        }
    }
}

fn backoff_after(ctx: &Ctx, aborts: u32) -> Duration {
    let factor = 2u32.saturating_pow(aborts.saturating_sub(1).min(16));
    ctx.backoff_first
        .saturating_mul(factor)
        .min(ABORT_BACKOFF_MAX)
}

/// The error the worker stops with: fencing is named as such.
fn stopped(ctx: &Ctx, fenced: bool, reason: String) -> WorkerError {
    if fenced {
        WorkerError::Fenced {
            transactional_id: ctx.transactional_id.clone(),
            reason,
        }
    } else {
        WorkerError::Fatal(reason)
    }
}
