//! Exactly-once mode (`delivery = "exactly-once"`) on librdkafka's in-process mock
//! cluster, read back by `read_committed` readers.
//!
//! What the mock cluster can and cannot show: it answers every transactional request
//! (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn) and
//! injects errors into them, so the worker's real transactional calls, aborts, rewinds
//! and fencing are exercised here. But its EndTxn writes no markers (records of an
//! aborted transaction stay visible to a `read_committed` reader) and its TxnOffsetCommit
//! stores nothing (a restarted worker starts over from `auto.offset.reset`). So the
//! faults injected here are those after which a real broker and the mock agree on what
//! a reader sees: errors librdkafka retries inside the transaction, and abortable errors
//! on the offsets requests, which the worker sends before producing anything. Crashes,
//! restarts, aborts after records were written and zombie fencing are proved on a model
//! of the broker's transaction semantics (`src/exactly_once/model.rs`).
//!
//! The metrics registry is process-wide, so the tests in this file run one at a time.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use newswire::config::{Config, Delivery, PropertyValue};
use newswire::enrich::Enricher;
use newswire::metrics::metrics;
use newswire::pipeline::WorkerError;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message};
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
use tokio_util::sync::CancellationToken;

static TEST_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

type Cluster = MockCluster<'static, rdkafka::producer::DefaultProducerContext>;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn config_for(bootstrap: &str, prefix: &str, delivery: Delivery) -> Config {
    let mut config = Config {
        delivery,
        ..Config::default()
    };
    config.kafka.bootstrap_servers = bootstrap.to_string();
    config.kafka.group_id = format!("{prefix}-group");
    config.topics.input = format!("{prefix}.in");
    config.topics.output = format!("{prefix}.out");
    config.topics.dead_letter = format!("{prefix}.dlq");
    config.http.listen = format!("127.0.0.1:{}", free_port());
    config.pipeline.commit_interval = Duration::from_millis(100);
    config.shutdown.drain_timeout = Duration::from_secs(10);
    config.exactly_once.instance_id = "test-0".into();
    config.exactly_once.max_batch_records = 10;
    config.exactly_once.max_batch_interval = Duration::from_millis(50);
    config.kafka.consumer.insert(
        "auto.offset.reset".into(),
        PropertyValue::Text("earliest".into()),
    );
    config
}

fn setup(prefix: &str, partitions: i32, delivery: Delivery) -> (Cluster, String, Config) {
    let cluster = MockCluster::new(1).expect("mock cluster");
    let bootstrap = cluster.bootstrap_servers();
    let config = config_for(&bootstrap, prefix, delivery);
    for topic in [
        &config.topics.input,
        &config.topics.output,
        &config.topics.dead_letter,
    ] {
        cluster
            .create_topic(topic, partitions, 1)
            .expect("create topic on the mock cluster");
    }
    (cluster, bootstrap, config)
}

fn spawn_worker(
    config: &Config,
) -> (
    CancellationToken,
    tokio::task::JoinHandle<Result<(), WorkerError>>,
) {
    // The worker's logs, when a run needs them: TEST_LOG=newswire=debug.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("TEST_LOG"))
        .with_test_writer()
        .try_init();
    let stop = CancellationToken::new();
    let enricher = Arc::new(Enricher::new().expect("enrichment data"));
    let worker = tokio::spawn(newswire::pipeline::run(
        config.clone(),
        enricher,
        stop.clone(),
    ));
    (stop, worker)
}

/// A short item; every seventh is poison (a JSON envelope without a body).
fn value(i: usize) -> Vec<u8> {
    if i % 7 == 6 {
        return br#"{"title": "no body"}"#.to_vec();
    }
    format!("Prime Minister Mark Carney spoke in Ottawa with Penny Wong (item {i}).").into_bytes()
}

/// Sends items `range` spread over the input's partitions by key.
async fn produce(bootstrap: &str, topic: &str, range: std::ops::Range<usize>) {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .create()
        .expect("test producer");
    for i in range {
        producer
            .send(
                FutureRecord::to(topic)
                    .key(&format!("key-{i}"))
                    .payload(&value(i)),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("produce test item");
    }
}

/// What a `read_committed` reader of the output and dead-letter topics saw: the input
/// record (partition, offset) of every event and every dead letter.
#[derive(Default, Debug)]
struct Seen {
    events: Vec<(i32, i64)>,
    dead_letters: Vec<(i32, i64)>,
}

impl Seen {
    /// Every input record of `input_counts` (partition -> records) exactly once, as an
    /// event or a dead letter. Returns (duplicates, losses).
    fn check(&self, input_counts: &BTreeMap<i32, i64>) -> (usize, usize) {
        let mut count: BTreeMap<(i32, i64), usize> = BTreeMap::new();
        for source in self.events.iter().chain(&self.dead_letters) {
            *count.entry(*source).or_default() += 1;
        }
        let duplicates = count.values().map(|n| n.saturating_sub(1)).sum();
        let mut losses = 0;
        for (p, n) in input_counts {
            for o in 0..*n {
                if !count.contains_key(&(*p, o)) {
                    losses += 1;
                }
            }
        }
        (duplicates, losses)
    }
}

/// Reads both topics with `isolation.level = read_committed` until `n` records arrived,
/// then for another 2 s so that a duplicate would be seen too.
async fn read_committed(bootstrap: &str, config: &Config, n: usize) -> Seen {
    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", format!("reader-{}", config.topics.output))
        .set("auto.offset.reset", "earliest")
        .set("isolation.level", "read_committed")
        .create()
        .expect("reader");
    reader
        .subscribe(&[&config.topics.output, &config.topics.dead_letter])
        .expect("subscribe reader");
    let mut seen = Seen::default();
    let mut stream = reader.stream();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let read = seen.events.len() + seen.dead_letters.len();
        let wait = if read >= n {
            Duration::from_secs(2)
        } else {
            deadline.saturating_duration_since(Instant::now())
        };
        let next = tokio::time::timeout(wait, stream.next()).await;
        let Ok(Some(Ok(m))) = next else {
            assert!(read >= n, "read only {read} of {n} records: {seen:?}");
            return seen;
        };
        if m.topic() == config.topics.output {
            let event: serde_json::Value =
                serde_json::from_slice(m.payload().unwrap_or_default()).expect("JSON event");
            seen.events.push((
                event["source"]["partition"].as_i64().expect("partition") as i32,
                event["source"]["offset"].as_i64().expect("offset"),
            ));
        } else {
            let header = |name: &str| -> i64 {
                m.headers()
                    .and_then(|h| h.iter().find(|h| h.key == name))
                    .and_then(|h| std::str::from_utf8(h.value?).ok()?.parse().ok())
                    .expect("dead-letter origin header")
            };
            seen.dead_letters.push((
                header("__connect.errors.partition") as i32,
                header("__connect.errors.offset"),
            ));
        }
    }
}

/// Records per input partition (the high watermarks).
fn input_counts(bootstrap: &str, config: &Config, partitions: i32) -> BTreeMap<i32, i64> {
    let probe: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", "probe")
        .create()
        .expect("probe");
    (0..partitions)
        .map(|p| {
            let (_, high) = probe
                .fetch_watermarks(&config.topics.input, p, Duration::from_secs(10))
                .expect("watermarks");
            (p, high)
        })
        .collect()
}

fn transactions(outcome: &str) -> u64 {
    metrics().transactions.with_label_values(&[outcome]).get()
}

fn published(topic: &str) -> u64 {
    metrics().events_published.with_label_values(&[topic]).get()
}

async fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_record_is_one_committed_event_or_dead_letter() {
    let _serial = TEST_LOCK.lock().await;
    const RECORDS: usize = 70;
    let (_cluster, bootstrap, config) = setup("eos-plain", 2, Delivery::ExactlyOnce);
    produce(&bootstrap, &config.topics.input, 0..RECORDS).await;
    let committed_before = transactions("committed");

    let (stop, worker) = spawn_worker(&config);
    let seen = read_committed(&bootstrap, &config, RECORDS).await;
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");

    let counts = input_counts(&bootstrap, &config, 2);
    let (duplicates, losses) = seen.check(&counts);
    let committed = transactions("committed") - committed_before;
    eprintln!(
        "{RECORDS} records sent; read_committed reader: {} events, {} dead letters, \
         {duplicates} duplicates, {losses} losses; {committed} transactions",
        seen.events.len(),
        seen.dead_letters.len()
    );
    assert_eq!((duplicates, losses), (0, 0));
    assert_eq!(seen.dead_letters.len(), RECORDS / 7);
    assert_eq!(seen.events.len(), RECORDS - RECORDS / 7);
    assert!(
        committed >= (RECORDS / 10) as u64,
        "batches of at most 10 records: {committed} transactions"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_on_every_transactional_request_are_retried_or_aborted_and_lose_nothing() {
    use RDKafkaRespErr::*;
    let _serial = TEST_LOCK.lock().await;
    const RECORDS: usize = 60;
    let (cluster, bootstrap, config) = setup("eos-faults", 2, Delivery::ExactlyOnce);
    produce(&bootstrap, &config.topics.input, 0..RECORDS).await;
    // Retried by librdkafka inside the transaction: produce, offsets and commit.
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS; 3],
    );
    cluster.request_errors(
        RDKafkaApiKey::EndTxn,
        &[
            RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
        ],
    );
    // Abortable: the worker aborts, rewinds and processes the batch again.
    cluster.request_errors(
        RDKafkaApiKey::AddOffsetsToTxn,
        &[
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
        ],
    );
    cluster.request_errors(
        RDKafkaApiKey::TxnOffsetCommit,
        &[
            RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID,
        ],
    );
    let aborted_before = transactions("aborted");

    let (stop, worker) = spawn_worker(&config);
    let seen = read_committed(&bootstrap, &config, RECORDS).await;
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");

    let counts = input_counts(&bootstrap, &config, 2);
    let (duplicates, losses) = seen.check(&counts);
    let aborted = transactions("aborted") - aborted_before;
    eprintln!(
        "{RECORDS} records sent; read_committed reader: {} events, {} dead letters, \
         {duplicates} duplicates, {losses} losses; {aborted} transactions aborted",
        seen.events.len(),
        seen.dead_letters.len()
    );
    assert_eq!((duplicates, losses), (0, 0));
    assert!(
        aborted >= 3,
        "three abortable errors were injected, {aborted} aborts"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fenced_worker_stops_with_an_error_naming_its_transactional_id() {
    let _serial = TEST_LOCK.lock().await;
    let (cluster, bootstrap, config) = setup("eos-fenced", 1, Delivery::ExactlyOnce);
    produce(&bootstrap, &config.topics.input, 0..20).await;
    // The coordinator says another producer took the transactional id over.
    cluster.request_errors(
        RDKafkaApiKey::EndTxn,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH],
    );
    let (_stop, worker) = spawn_worker(&config);
    let result = tokio::time::timeout(Duration::from_secs(60), worker)
        .await
        .expect("the fenced worker stops by itself")
        .expect("worker task");
    let Err(error @ WorkerError::Fenced { .. }) = result else {
        panic!("expected a fenced stop, got {result:?}");
    };
    let message = error.to_string();
    eprintln!("{message}");
    assert!(
        message.contains("newswire-eos-fenced-group-test-0"),
        "{message}"
    );
    assert!(message.contains("producer fenced"), "{message}");
    // Nothing of the fenced transaction was committed.
    assert_eq!(published(&config.topics.output), 0);
}

/// Throughput and latency of exactly-once against at-least-once, measured in the same
/// run on the mock cluster, with the default batch settings (500 records, 100 ms).
/// Throughput: a backlog of 3,000 short items (one in seven poison), from the first
/// event to the last. Latency: 200 items sent one at a time, from the send to the
/// `read_committed` reader seeing the event. Ignored by default; the README's figures
/// come from `cargo test --release --test exactly_once -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn cost_of_exactly_once_against_at_least_once() {
    let _serial = TEST_LOCK.lock().await;
    const BACKLOG: usize = 3000;
    const TRICKLE: usize = 200;
    let mut rows = Vec::new();
    for delivery in [Delivery::AtLeastOnce, Delivery::ExactlyOnce] {
        let prefix = format!("bench-{delivery}");
        let (_cluster, bootstrap, mut config) = setup(&prefix, 2, delivery);
        config.exactly_once = Config::default().exactly_once;
        config.exactly_once.instance_id = "bench-0".into();
        // The mock broker answers a fetch with no data only after fetch.wait.max.ms
        // (500 ms by default; a real broker answers when data arrives): without this,
        // that wait is all the latency measures.
        config
            .kafka
            .consumer
            .insert("fetch.wait.max.ms".into(), PropertyValue::Text("5".into()));
        produce(&bootstrap, &config.topics.input, 0..BACKLOG).await;
        let out = config.topics.output.clone();
        let base = published(&out);
        let (stop, worker) = spawn_worker(&config);

        // Throughput: the backlog, from the first event to the last.
        let good = (0..BACKLOG).filter(|i| i % 7 != 6).count() as u64;
        wait_for("the first event", Duration::from_secs(60), || {
            published(&out) > base
        })
        .await;
        let first = Instant::now();
        wait_for("the backlog", Duration::from_secs(600), || {
            published(&out) >= base + good
        })
        .await;
        let throughput = BACKLOG as f64 / first.elapsed().as_secs_f64();

        // Latency: one record at a time, from its send to its event being read.
        let reader: StreamConsumer = ClientConfig::new()
            .set("bootstrap.servers", &bootstrap)
            .set("group.id", format!("latency-{prefix}"))
            .set("auto.offset.reset", "earliest")
            .set("isolation.level", "read_committed")
            .set("fetch.wait.max.ms", "5")
            .create()
            .expect("reader");
        reader.subscribe(&[out.as_str()]).expect("subscribe");
        let mut stream = reader.stream();
        let producer: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", &bootstrap)
            .set("linger.ms", "0")
            .create()
            .expect("producer");
        let mut latencies = Vec::with_capacity(TRICKLE);
        // Item 0 is a warm-up: the reader reads through the backlog's events to reach it.
        for i in 0..=TRICKLE {
            let key = format!("trickle-{i}");
            let sent = Instant::now();
            producer
                .send(
                    FutureRecord::to(&config.topics.input)
                        .key(&key)
                        .payload(&value(0)),
                    Duration::from_secs(10),
                )
                .await
                .map_err(|(e, _)| e)
                .expect("send");
            loop {
                let m = tokio::time::timeout(Duration::from_secs(30), stream.next())
                    .await
                    .expect("an event within 30s")
                    .expect("stream")
                    .expect("message");
                if m.key() == Some(key.as_bytes()) {
                    break;
                }
            }
            if i > 0 {
                latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
            }
        }
        latencies.sort_by(f64::total_cmp);
        let p50 = latencies[TRICKLE / 2];
        let p99 = latencies[TRICKLE * 99 / 100];
        stop.cancel();
        worker.await.expect("worker task").expect("clean stop");
        rows.push((delivery, throughput, p50, p99));
    }
    let (_, t_alo, p50_alo, p99_alo) = rows[0];
    let (_, t_eos, p50_eos, p99_eos) = rows[1];
    eprintln!("delivery        records/s   latency p50 ms   p99 ms");
    for (delivery, t, p50, p99) in &rows {
        eprintln!("{delivery:<15} {t:>9.0}   {p50:>14.1}   {p99:>6.1}");
    }
    eprintln!(
        "exactly-once / at-least-once: throughput {:.2}x, latency p50 {:.2}x, p99 {:.2}x",
        t_eos / t_alo,
        p50_eos / p50_alo,
        p99_eos / p99_alo
    );
}
