//! The transaction loop on a model of a broker's transaction semantics, with crashes
//! and faults injected at every step.
//!
//! Why a model: librdkafka's mock cluster answers the transactional requests but keeps
//! aborted records visible and does not store the offsets sent to a transaction, so a
//! crash-and-restart there re-reads everything. The model keeps what a real broker
//! guarantees and nothing more: records of a transaction are visible to a
//! `read_committed` reader once it commits and never if it aborts; offsets sent to a
//! transaction become the group's committed offsets when it commits; registering a
//! transactional id again aborts the open transaction and fences the older producer.
//! What is checked is what a reader of the output sees: each input record as exactly one
//! event or one dead letter.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rdkafka::message::{Headers, OwnedMessage};
use rdkafka::Timestamp;
use tokio_util::sync::CancellationToken;

use super::{run_loop, Ctx, TxnError, TxnIo};
use crate::config::Config;
use crate::http::Health;
use crate::ledger::PartitionKey;
use crate::lock;
use crate::pipeline::WorkerError;
use crate::shutdown::FatalError;
use crate::sink::OutRecord;

const INPUT: &str = "in";
const PARTITIONS: i32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Open,
    Committed,
    Aborted,
}

/// What the model broker holds.
#[derive(Default)]
struct Broker {
    input: BTreeMap<i32, Vec<Arc<OwnedMessage>>>,
    /// The output and dead-letter topics as one log: (status, record).
    output: Vec<(Status, OutRecord)>,
    committed: HashMap<i32, i64>,
    /// The current producer epoch of the (one) transactional id.
    epoch: u32,
    open: Option<OpenTxn>,
    /// Operations made so far, by every instance: the fault plan's clock.
    ops: u64,
}

struct OpenTxn {
    entries: Vec<usize>,
    offsets: Vec<(PartitionKey, i64)>,
}

impl Broker {
    fn abort_open(&mut self) {
        if let Some(txn) = self.open.take() {
            for i in txn.entries {
                self.output[i].0 = Status::Aborted;
            }
        }
    }

    fn all_committed(&self) -> bool {
        self.input
            .iter()
            .all(|(p, records)| self.committed.get(p).copied().unwrap_or(0) == records.len() as i64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// The call fails with an abortable error (a produce writes part of its records first).
    Abort,
    /// The call fails with a retriable error and does nothing.
    Retry,
    /// The process dies before the call reaches the broker.
    CrashBefore,
    /// The call reaches the broker, then the process dies before it learns the answer.
    CrashAfter,
    /// Another process registers the same transactional id first (this one is a zombie).
    Fenced,
}

/// A small deterministic generator: the same seed gives the same faults.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// One worker instance's clients on the model broker.
struct ModelIo {
    broker: Arc<Mutex<Broker>>,
    epoch: u32,
    positions: BTreeMap<i32, i64>,
    rng: Rng,
    /// One call in `fault_every` (on average) fails, with a fault among `faults`.
    fault_every: u64,
    faults: Vec<Fault>,
    crashed: bool,
    done: CancellationToken,
}

impl ModelIo {
    /// A new instance: registers the transactional id (aborting what a predecessor left
    /// open, fencing it) and starts at the group's committed offsets.
    fn start(broker: &Arc<Mutex<Broker>>, seed: u64, fault_every: u64, faults: &[Fault]) -> Self {
        let mut b = lock(broker);
        b.epoch += 1;
        b.abort_open();
        let positions = b
            .input
            .keys()
            .map(|p| (*p, b.committed.get(p).copied().unwrap_or(0)))
            .collect();
        ModelIo {
            broker: broker.clone(),
            epoch: b.epoch,
            positions,
            rng: Rng(seed | 1),
            fault_every,
            faults: faults.to_vec(),
            crashed: false,
            done: CancellationToken::new(),
        }
    }

    /// Draws this call's fault, and fails it if this producer is fenced.
    fn call(&mut self) -> Result<Option<Fault>, TxnError> {
        let fault = {
            let mut b = lock(&self.broker);
            b.ops += 1;
            if self.fault_every > 0 && self.rng.next() % self.fault_every == 0 {
                Some(self.faults[(self.rng.next() % self.faults.len() as u64) as usize])
            } else {
                None
            }
        };
        if fault == Some(Fault::Fenced) {
            let mut b = lock(&self.broker);
            b.epoch += 1;
            b.abort_open();
        }
        if lock(&self.broker).epoch != self.epoch {
            return Err(TxnError::Fatal {
                fenced: true,
                reason: "producer fenced".into(),
            });
        }
        match fault {
            Some(Fault::Retry) => Err(TxnError::Retry("injected retriable error".into())),
            Some(Fault::CrashBefore) => Err(self.crash()),
            other => Ok(other),
        }
    }

    /// Draws the call's fault for a call that an abortable error refuses whole.
    fn call_whole(&mut self) -> Result<Option<Fault>, TxnError> {
        match self.call()? {
            Some(Fault::Abort) => Err(TxnError::abort("injected abortable error")),
            other => Ok(other),
        }
    }

    fn crash(&mut self) -> TxnError {
        self.crashed = true;
        TxnError::Fatal {
            fenced: false,
            reason: "injected crash".into(),
        }
    }

    /// The result of a call that reached the broker.
    fn answer(&mut self, fault: Option<Fault>) -> Result<(), TxnError> {
        match fault {
            Some(Fault::CrashAfter) => Err(self.crash()),
            _ => Ok(()),
        }
    }
}

impl TxnIo for ModelIo {
    async fn next_record(&mut self, until: Instant) -> Option<Arc<OwnedMessage>> {
        {
            let b = lock(&self.broker);
            for (p, records) in &b.input {
                let position = self.positions.entry(*p).or_insert(0);
                if let Some(r) = records.get(*position as usize) {
                    *position += 1;
                    return Some(r.clone());
                }
            }
        }
        let pause = (Instant::now() + Duration::from_millis(1)).min(until);
        tokio::time::sleep_until(pause.into()).await;
        None
    }

    fn owned(&self) -> Option<HashSet<PartitionKey>> {
        None
    }

    async fn begin(&mut self) -> Result<(), TxnError> {
        let fault = self.call_whole()?;
        {
            let mut b = lock(&self.broker);
            if b.open.is_some() {
                return Err(TxnError::Fatal {
                    fenced: false,
                    reason: "begin with a transaction open".into(),
                });
            }
            b.open = Some(OpenTxn {
                entries: Vec::new(),
                offsets: Vec::new(),
            });
        }
        self.answer(fault)
    }

    async fn send_offsets(&mut self, next: &[(PartitionKey, i64)]) -> Result<(), TxnError> {
        let fault = self.call_whole()?;
        {
            let mut b = lock(&self.broker);
            let Some(txn) = b.open.as_mut() else {
                return Err(TxnError::abort("no open transaction"));
            };
            txn.offsets.extend(next.iter().cloned());
        }
        self.answer(fault)
    }

    async fn produce(&mut self, records: &[OutRecord]) -> Result<(), TxnError> {
        let fault = self.call()?;
        // An abortable failure of a produce comes after part of its records were written.
        let written = match fault {
            Some(Fault::Abort) => records.len() / 2,
            _ => records.len(),
        };
        let mut b = lock(&self.broker);
        if b.open.is_none() {
            return Err(TxnError::abort("no open transaction"));
        }
        for record in &records[..written] {
            let index = b.output.len();
            b.output.push((Status::Open, record.clone()));
            if let Some(txn) = b.open.as_mut() {
                txn.entries.push(index);
            }
        }
        drop(b);
        if fault == Some(Fault::Abort) {
            return Err(TxnError::abort("injected delivery failure"));
        }
        self.answer(fault)
    }

    async fn commit(&mut self) -> Result<(), TxnError> {
        let fault = self.call_whole()?;
        {
            let mut b = lock(&self.broker);
            let Some(txn) = b.open.take() else {
                return Err(TxnError::abort("no open transaction"));
            };
            for i in txn.entries {
                b.output[i].0 = Status::Committed;
            }
            for ((_, p), offset) in txn.offsets {
                b.committed.insert(p, offset);
            }
            if b.all_committed() {
                self.done.cancel();
            }
        }
        self.answer(fault)
    }

    async fn abort(&mut self) -> Result<(), TxnError> {
        let fault = self.call_whole()?;
        lock(&self.broker).abort_open();
        self.answer(fault)
    }

    async fn rewind(&mut self, to: &[(PartitionKey, i64)]) -> Result<(), TxnError> {
        let fault = self.call_whole()?;
        for ((_, p), offset) in to {
            self.positions.insert(*p, *offset);
        }
        self.answer(fault)
    }
}

fn enricher() -> Arc<newswire_enrich::Enricher> {
    static ENRICHER: OnceLock<Arc<newswire_enrich::Enricher>> = OnceLock::new();
    ENRICHER
        .get_or_init(|| Arc::new(newswire_enrich::Enricher::new().expect("enrichment data")))
        .clone()
}

fn ctx(batch: usize) -> Ctx {
    let mut config = Config::default();
    config.topics.input = INPUT.into();
    config.topics.output = "out".into();
    config.topics.dead_letter = "dlq".into();
    config.exactly_once.max_batch_records = batch;
    config.exactly_once.max_batch_interval = Duration::from_millis(5);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    Ctx {
        config: Arc::new(config),
        enricher: enricher(),
        pool: Arc::new(pool),
        health: Health::new(),
        output_topic: Arc::from("out"),
        dead_letter_topic: Arc::from("dlq"),
        max_record_bytes: 1 << 20,
        transactional_id: "newswire-test-0".into(),
        backoff_first: Duration::from_millis(1),
    }
}

/// `per_partition` records on each partition; every fifth is poison (a dead letter).
fn broker_with_input(per_partition: usize) -> Arc<Mutex<Broker>> {
    let mut b = Broker::default();
    for p in 0..PARTITIONS {
        let records = (0..per_partition)
            .map(|i| {
                let value = if i % 5 == 4 {
                    b"{\"title\": \"no body\"}".to_vec()
                } else {
                    format!("Prime Minister Mark Carney spoke in Ottawa ({p}/{i}).").into_bytes()
                };
                Arc::new(OwnedMessage::new(
                    Some(value),
                    Some(format!("key-{p}-{i}").into_bytes()),
                    INPUT.into(),
                    Timestamp::NotAvailable,
                    p,
                    i as i64,
                    None,
                ))
            })
            .collect();
        b.input.insert(p, records);
    }
    Arc::new(Mutex::new(b))
}

/// The input record a committed output stands for: the event's `source`, or the dead
/// letter's Kafka Connect headers.
fn origin(record: &OutRecord) -> (i32, i64) {
    if &*record.topic == "out" {
        let event: serde_json::Value =
            serde_json::from_slice(&record.payload).expect("events are JSON");
        let partition = event["source"]["partition"].as_i64().expect("partition");
        let offset = event["source"]["offset"].as_i64().expect("offset");
        return (partition as i32, offset);
    }
    let header = |name: &str| -> i64 {
        record
            .headers
            .iter()
            .find(|h| h.key == name)
            .and_then(|h| std::str::from_utf8(h.value?).ok()?.parse().ok())
            .expect("dead-letter origin header")
    };
    (
        header("__connect.errors.partition") as i32,
        header("__connect.errors.offset"),
    )
}

/// What a `read_committed` reader of the output and dead-letter topics sees, checked:
/// each input record exactly once. Returns (records, events, dead letters, aborted
/// records the reader never saw).
fn assert_exactly_once(broker: &Arc<Mutex<Broker>>) -> (usize, usize, usize, usize) {
    let b = lock(broker);
    let mut seen: BTreeMap<(i32, i64), usize> = BTreeMap::new();
    let (mut events, mut dead, mut aborted) = (0, 0, 0);
    for (status, record) in &b.output {
        match status {
            Status::Committed => {
                *seen.entry(origin(record)).or_default() += 1;
                if &*record.topic == "out" {
                    events += 1;
                } else {
                    dead += 1;
                }
            }
            Status::Aborted => aborted += 1,
            Status::Open => panic!("a transaction was left open at the end"),
        }
    }
    let mut records = 0;
    for (p, input) in &b.input {
        for i in 0..input.len() as i64 {
            records += 1;
            match seen.get(&(*p, i)).copied().unwrap_or(0) {
                1 => {}
                0 => panic!("record {p}/{i} lost"),
                n => panic!("record {p}/{i} seen {n} times"),
            }
        }
    }
    assert_eq!(seen.len(), records, "outputs for records that do not exist");
    (records, events, dead, aborted)
}

/// Runs instances one after the other until every record is committed: an instance
/// that crashes (or stops on an error) is replaced by a new one, as a restart would.
/// Returns how many instances it took.
async fn run_until_done(
    broker: &Arc<Mutex<Broker>>,
    ctx: &Ctx,
    seed: u64,
    fault_every: u64,
    faults: &[Fault],
) -> usize {
    for instance in 1..=500 {
        let mut io = ModelIo::start(
            broker,
            seed.wrapping_mul(instance as u64 + 7),
            fault_every,
            faults,
        );
        let shutdown = io.done.clone();
        if lock(broker).all_committed() {
            return instance - 1;
        }
        let result = tokio::time::timeout(
            Duration::from_secs(60),
            run_loop(&mut io, ctx, &shutdown, &FatalError::new()),
        )
        .await
        .expect("the loop neither finished nor stopped within 60s");
        match result {
            Ok(()) => return instance,
            Err(WorkerError::Fatal(_) | WorkerError::Fenced { .. }) => continue,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    panic!("500 instances did not finish the input");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_faults_each_record_is_one_event_or_one_dead_letter() {
    let broker = broker_with_input(20);
    let ctx = ctx(7);
    let instances = run_until_done(&broker, &ctx, 1, 0, &[]).await;
    assert_eq!(instances, 1);
    let (records, events, dead, aborted) = assert_exactly_once(&broker);
    assert_eq!((records, events, dead, aborted), (60, 48, 12, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crashes_at_any_step_lose_nothing_and_duplicate_nothing() {
    let ctx = ctx(4);
    let mut total_instances = 0;
    let mut total_aborted = 0;
    for seed in 1..=12u64 {
        let broker = broker_with_input(12);
        total_instances += run_until_done(
            &broker,
            &ctx,
            seed,
            4,
            &[Fault::CrashBefore, Fault::CrashAfter],
        )
        .await;
        let (records, _, _, aborted) = assert_exactly_once(&broker);
        assert_eq!(records, 36);
        total_aborted += aborted;
    }
    eprintln!("12 runs: {total_instances} instances, {total_aborted} aborted records hidden");
    assert!(total_instances > 12 * 2, "the crashes were not injected");
    assert!(total_aborted > 0, "no crash left a transaction open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abortable_and_retriable_errors_at_any_step_are_aborted_rewound_and_redone() {
    let ctx = ctx(5);
    let mut total_aborted = 0;
    for seed in 1..=12u64 {
        let broker = broker_with_input(12);
        let instances = run_until_done(&broker, &ctx, seed, 3, &[Fault::Abort, Fault::Retry]).await;
        // A stop happens only when an abort or a rewind fails six times in a row.
        assert!(instances <= 3, "seed {seed}: {instances} instances");
        let (records, _, _, aborted) = assert_exactly_once(&broker);
        assert_eq!(records, 36);
        total_aborted += aborted;
    }
    assert!(
        total_aborted > 0,
        "no fault aborted a transaction that had records"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_at_once_crashes_faults_and_fencing() {
    let ctx = ctx(3);
    for seed in 100..=111u64 {
        let broker = broker_with_input(10);
        run_until_done(
            &broker,
            &ctx,
            seed,
            3,
            &[
                Fault::Abort,
                Fault::Retry,
                Fault::CrashBefore,
                Fault::CrashAfter,
                Fault::Fenced,
            ],
        )
        .await;
        assert_exactly_once(&broker);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fenced_instance_stops_with_an_error_that_says_so() {
    let broker = broker_with_input(10);
    let ctx = ctx(3);
    let mut io = ModelIo::start(&broker, 5, 1, &[Fault::Fenced]);
    let shutdown = io.done.clone();
    let result = run_loop(&mut io, &ctx, &shutdown, &FatalError::new()).await;
    let Err(e @ WorkerError::Fenced { .. }) = result else {
        panic!("expected a fenced stop, got {result:?}");
    };
    let message = e.to_string();
    assert!(message.contains("producer fenced"), "{message}");
    assert!(message.contains("newswire-test-0"), "{message}");
    // The new owner of the id finishes the work, exactly once.
    run_until_done(&broker, &ctx, 9, 0, &[]).await;
    assert_exactly_once(&broker);
}
