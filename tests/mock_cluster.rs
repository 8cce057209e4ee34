//! Fault injection and exact broker-side checks on librdkafka's in-process mock cluster.
//!
//! tansu (the real broker of the other integration tests) cannot take a broker down on
//! demand and reports wrong high watermarks; the mock cluster can do both, so the
//! outage, lag and bounded-memory behaviour is tested here, in-process, against the
//! library's `pipeline::run`.
//!
//! The metrics registry is process-wide, so the tests in this file run one at a time
//! (TEST_LOCK) and each uses its own topics.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use newswire::config::{Config, PropertyValue};
use newswire::enrich::Enricher;
use newswire::metrics::metrics;
use prometheus::core::Collector;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

static TEST_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const SAMPLE: &str = include_str!("fixtures/sample_item.txt");

fn item(i: usize) -> Vec<u8> {
    format!("date 2024-05-0{} Foreign Minister Penny Wong of Australia met Japanese Foreign Minister Yoko Kamikawa in Tokyo (item {i}).\n\n{SAMPLE}", 1 + i % 9).into_bytes()
}

fn config_for(bootstrap: &str, prefix: &str) -> Config {
    let mut config = Config::default();
    config.kafka.bootstrap_servers = bootstrap.to_string();
    config.kafka.group_id = format!("{prefix}-group");
    config.topics.input = format!("{prefix}.in");
    config.topics.output = format!("{prefix}.out");
    config.topics.dead_letter = format!("{prefix}.dlq");
    config.http.listen = format!("127.0.0.1:{}", free_port());
    config.pipeline.commit_interval = Duration::from_millis(100);
    config.shutdown.drain_timeout = Duration::from_secs(10);
    config.kafka.consumer.insert(
        "auto.offset.reset".into(),
        PropertyValue::Text("earliest".into()),
    );
    config.kafka.properties.insert(
        "statistics.interval.ms".into(),
        PropertyValue::Text("200".into()),
    );
    config
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn create_topics(
    cluster: &MockCluster<'_, impl rdkafka::ClientContext>,
    config: &Config,
    partitions: i32,
) {
    for topic in [
        &config.topics.input,
        &config.topics.output,
        &config.topics.dead_letter,
    ] {
        cluster
            .create_topic(topic, partitions, 1)
            .expect("create topic on the mock cluster");
    }
}

/// A mock cluster with the three topics of `config_for(prefix)`, tweaked by `tweak`.
fn setup(
    prefix: &str,
    partitions: i32,
    tweak: impl FnOnce(&mut Config),
) -> (
    MockCluster<'static, rdkafka::producer::DefaultProducerContext>,
    String,
    Config,
) {
    let cluster = MockCluster::new(1).expect("mock cluster");
    let bootstrap = cluster.bootstrap_servers();
    let mut config = config_for(&bootstrap, prefix);
    tweak(&mut config);
    create_topics(&cluster, &config, partitions);
    (cluster, bootstrap, config)
}

/// Starts the real pipeline in the background; cancel the token to stop it.
fn spawn_worker(
    config: &Config,
) -> (
    CancellationToken,
    tokio::task::JoinHandle<Result<(), newswire::pipeline::WorkerError>>,
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
                    .payload(&item(i)),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("produce test item");
    }
}

/// Reads `topic` from the beginning until records with `n` distinct keys were read;
/// returns key -> event ids. Counting keys, not records: after a fault, at-least-once
/// delivery may write an item's event twice (a send that timed out had reached the log,
/// and its resend did too), and the duplicate must not take a missing item's place. A key
/// that never arrives runs into the deadline.
async fn read_events(bootstrap: &str, topic: &str, n: usize) -> BTreeMap<String, Vec<String>> {
    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", format!("reader-{topic}"))
        .set("auto.offset.reset", "earliest")
        .create()
        .expect("reader");
    reader.subscribe(&[topic]).expect("subscribe reader");
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stream = reader.stream();
    let deadline = tokio::time::sleep(Duration::from_secs(60));
    tokio::pin!(deadline);
    let mut read = 0;
    while out.len() < n {
        tokio::select! {
            Some(Ok(m)) = stream.next() => {
                let key = String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned();
                let event: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or_default())
                    .expect("every event is JSON");
                out.entry(key).or_default().push(event["event_id"].as_str().unwrap_or_default().to_string());
                read += 1;
            }
            _ = &mut deadline => panic!(
                "read {read} events from {topic} with only {} of {n} keys: {:?}",
                out.len(),
                out.keys().collect::<Vec<_>>()
            ),
        }
    }
    out
}

async fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn published(topic: &str) -> u64 {
    metrics().events_published.with_label_values(&[topic]).get()
}

async fn http_status(addr: &str, path: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return 0;
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return 0;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response).await;
    response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broker_outage_is_retried_reported_and_loses_nothing() {
    let _serial = TEST_LOCK.lock().await;
    let (cluster, bootstrap, config) = setup("outage", 2, |_| {});
    produce(&bootstrap, &config.topics.input, 0..40).await;

    let (stop, worker) = spawn_worker(&config);
    let out = config.topics.output.clone();
    wait_for("the first events", Duration::from_secs(30), || {
        published(&out) >= 1
    })
    .await;

    // Take the only broker down mid-stream: the worker must keep running, stay live,
    // and report the trouble instead of crashing.
    cluster.broker_down(1).expect("broker down");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        !worker.is_finished(),
        "the worker exited during a broker outage"
    );
    assert_eq!(http_status(&config.http.listen, "/healthz").await, 200);
    let errors: u64 = metrics()
        .kafka_errors
        .collect()
        .iter()
        .flat_map(|family| family.get_metric())
        .map(|m| m.get_counter().get_value() as u64)
        .sum();
    assert!(
        errors > 0,
        "the outage was not reported in newswire_kafka_errors_total"
    );

    cluster.broker_up(1).expect("broker up");
    wait_for(
        "all 40 events after the outage",
        Duration::from_secs(90),
        || published(&out) >= 40,
    )
    .await;
    let events = read_events(&bootstrap, &config.topics.output, 40).await;
    let keys: HashSet<_> = events.keys().cloned().collect();
    for i in 0..40 {
        assert!(
            keys.contains(&format!("key-{i}")),
            "item key-{i} was lost in the outage"
        );
    }
    stop.cancel();
    worker
        .await
        .expect("worker task")
        .expect("worker stops cleanly after the outage");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lag_gauge_reports_each_partition_and_reaches_zero_when_caught_up() {
    let _serial = TEST_LOCK.lock().await;
    let (_cluster, bootstrap, config) = setup("lag", 3, |_| {});
    produce(&bootstrap, &config.topics.input, 0..30).await;

    let (stop, worker) = spawn_worker(&config);
    let out = config.topics.output.clone();
    wait_for("all events", Duration::from_secs(60), || {
        published(&out) >= 30
    })
    .await;
    let input = config.topics.input.clone();
    let lag = |p: i32| {
        metrics()
            .consumer_lag
            .get_metric_with_label_values(&[&input, &p.to_string()])
            .map(|g| g.get())
            .ok()
    };
    wait_for("lag 0 on every partition", Duration::from_secs(30), || {
        (0..3).all(|p| lag(p) == Some(0))
    })
    .await;

    // More input while the worker runs: the lag gauge must come back to zero again,
    // and the counts must add up at rest.
    produce(&bootstrap, &config.topics.input, 30..45).await;
    wait_for("the new events", Duration::from_secs(60), || {
        published(&out) >= 45
    })
    .await;
    wait_for("lag back to 0", Duration::from_secs(30), || {
        (0..3).all(|p| lag(p) == Some(0))
    })
    .await;
    let consumed = metrics()
        .records_consumed
        .with_label_values(&[&input])
        .get();
    assert_eq!(consumed, 45, "each record consumed once");
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_commits_every_finished_offset_and_in_flight_stays_bounded() {
    let _serial = TEST_LOCK.lock().await;
    let (_cluster, bootstrap, config) = setup("drain", 2, |c| {
        c.pipeline.max_in_flight = 3;
        c.pipeline.commit_interval = Duration::from_secs(3600); // only the final commit
    });
    produce(&bootstrap, &config.topics.input, 0..60).await;

    let (stop, worker) = spawn_worker(&config);
    let out = config.topics.output.clone();
    let mut max_in_flight_seen = 0;
    wait_for("all events", Duration::from_secs(60), || {
        max_in_flight_seen = max_in_flight_seen.max(metrics().in_flight.get());
        published(&out) >= 60
    })
    .await;
    assert!(
        max_in_flight_seen <= 3,
        "in-flight items reached {max_in_flight_seen}, over pipeline.max_in_flight = 3"
    );
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");

    // The group's committed offsets now cover every record of every partition.
    let probe: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", &bootstrap)
        .set("group.id", &config.kafka.group_id)
        .create()
        .expect("probe consumer");
    let mut tpl = TopicPartitionList::new();
    for p in 0..2 {
        tpl.add_partition(&config.topics.input, p);
    }
    let committed = probe
        .committed_offsets(tpl, Duration::from_secs(10))
        .expect("committed offsets");
    let mut total = 0;
    for p in 0..2 {
        let (_, high) = probe
            .fetch_watermarks(&config.topics.input, p, Duration::from_secs(10))
            .expect("watermarks");
        let offset = committed
            .find_partition(&config.topics.input, p)
            .map(|e| e.offset());
        assert_eq!(
            offset,
            Some(Offset::Offset(high)),
            "partition {p} not fully committed"
        );
        total += high;
    }
    assert_eq!(total, 60);
    assert!(
        metrics().commits.get() >= 1,
        "the final commit was not counted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_of_one_partition_are_published_in_input_order() {
    let _serial = TEST_LOCK.lock().await;
    // More threads than cores: completions overtake each other.
    let (_cluster, bootstrap, config) = setup("order", 1, |c| c.pipeline.workers = 4);
    // Alternate long and tiny items (and a poison one now and then) under one key, so
    // that all events land in one output partition and later items finish first.
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", &bootstrap)
        .create()
        .expect("test producer");
    let long = SAMPLE.repeat(20);
    for i in 0..60 {
        let value: Vec<u8> = match i % 3 {
            0 => long.clone().into_bytes(),
            1 => format!("Prime Minister Mark Carney spoke in Ottawa ({i}).").into_bytes(),
            _ if i % 7 == 0 => b"{\"title\": \"no body\"}".to_vec(),
            _ => format!("The mayor of Lyon, Gregory Doucet, spoke ({i}).").into_bytes(),
        };
        producer
            .send(
                FutureRecord::to(&config.topics.input)
                    .key("same-key")
                    .payload(&value),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("produce");
    }
    let dead_expected = (0..60).filter(|i| i % 3 == 2 && i % 7 == 0).count();
    let good = 60 - dead_expected;

    let (stop, worker) = spawn_worker(&config);

    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", &bootstrap)
        .set("group.id", "order-reader")
        .set("auto.offset.reset", "earliest")
        .create()
        .expect("reader");
    reader
        .subscribe(&[&config.topics.output])
        .expect("subscribe");
    let mut stream = reader.stream();
    let mut offsets = Vec::new();
    let deadline = tokio::time::sleep(Duration::from_secs(60));
    tokio::pin!(deadline);
    while offsets.len() < good {
        tokio::select! {
            Some(Ok(m)) = stream.next() => {
                let event: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or_default()).expect("JSON event");
                offsets.push(event["source"]["offset"].as_i64().expect("source.offset"));
            }
            _ = &mut deadline => panic!("read only {} of {good} events", offsets.len()),
        }
    }
    let mut sorted = offsets.clone();
    sorted.sort_unstable();
    assert_eq!(
        offsets, sorted,
        "events left the partition out of input order"
    );
    drop(stream);
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
}

// ---------------------------------------------------------------------------
// Hostile input and faults (issue 8): no record may stall a partition, nothing may
// grow without bound, order holds through retries.
// ---------------------------------------------------------------------------

/// One record read back: key, value, headers.
struct ReadBack {
    key: String,
    value: Vec<u8>,
    headers: BTreeMap<String, String>,
}

/// Reads `topic` from the beginning until `n` records were read, then for another
/// moment, so that an unexpected extra record (a duplicate) is seen too.
async fn read_records(bootstrap: &str, topic: &str, n: usize) -> Vec<ReadBack> {
    use rdkafka::message::Headers;
    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", format!("reader-{topic}"))
        .set("auto.offset.reset", "earliest")
        .set("fetch.message.max.bytes", "4000000")
        .create()
        .expect("reader");
    reader.subscribe(&[topic]).expect("subscribe reader");
    let mut out = Vec::new();
    let mut stream = reader.stream();
    let deadline = tokio::time::sleep(Duration::from_secs(90));
    tokio::pin!(deadline);
    loop {
        let quiet = tokio::time::sleep(Duration::from_millis(if out.len() >= n {
            1500
        } else {
            3_600_000
        }));
        tokio::select! {
            Some(next) = stream.next() => {
                // A consumer error (a broker hiccup) is not the end of the topic: a
                // pattern `Some(Ok(m))` would disable this branch and wait out the
                // deadline with records still unread.
                let m = match next {
                    Ok(m) => m,
                    Err(e) => {
                        eprintln!("reader of {topic}: {e}");
                        continue;
                    }
                };
                let mut headers = BTreeMap::new();
                if let Some(h) = m.headers() {
                    for h in h.iter() {
                        headers.insert(
                            h.key.to_string(),
                            String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned(),
                        );
                    }
                }
                out.push(ReadBack {
                    key: String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned(),
                    value: m.payload().unwrap_or_default().to_vec(),
                    headers,
                });
            }
            _ = quiet => return out,
            _ = &mut deadline => panic!(
                "read only {} of {n} records from {topic}: {:?}",
                out.len(),
                out.iter().map(|r| r.key.as_str()).collect::<Vec<_>>()
            ),
        }
    }
}

/// A producer that can send values up to 2 MB (librdkafka's default limit is 1 MB).
fn big_producer(bootstrap: &str) -> FutureProducer {
    ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("message.max.bytes", "2000000")
        .create()
        .expect("test producer")
}

/// For tests that make Produce requests fail on the mock cluster: one Produce request in
/// flight per broker connection. The mock broker checks an idempotent producer's sequence
/// numbers only for transactional producers, so when request 1 fails and the pipelined
/// request 2 succeeds, the mock appends 2 without 1, where a real broker would refuse 2
/// (OUT_OF_ORDER_SEQUENCE_NUMBER) until 1 is re-sent. librdkafka trusts the broker's
/// check and takes 2's success as proof that 1 was written ("implicitly acked by
/// subsequent batch success"): 1's records are reported delivered but are not in the
/// mock's log. That lost big-0 and big-1 in the in-flight-bytes test now and then. With
/// one request in flight there is no request 2 to overtake 1; on a real broker the
/// worker's default (5, ordered by sequence numbers) loses nothing.
fn one_produce_request_in_flight(config: &mut Config) {
    config.kafka.producer.insert(
        "max.in.flight.requests.per.connection".into(),
        PropertyValue::Text("1".into()),
    );
}

async fn send(producer: &FutureProducer, topic: &str, key: &str, value: &[u8]) {
    producer
        .send(
            FutureRecord::to(topic).key(key).payload(value),
            Duration::from_secs(10),
        )
        .await
        .map_err(|(e, _)| e)
        .expect("produce test record");
}

/// Plain prose of exactly `n` bytes, no names in it (few entities, so the event is
/// about the size of the text).
fn prose(n: usize) -> Vec<u8> {
    let mut s =
        "The committee met again and discussed the budget for next year. ".repeat(n / 60 + 1);
    s.truncate(n);
    let mut s = s.trim_end().to_string();
    while s.len() < n {
        s.push('x');
    }
    s.into_bytes()
}

async fn http_get(addr: &str, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return (0, String::new());
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return (0, String::new());
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response).await;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Every partition's committed offset equals its high watermark.
fn assert_fully_committed(bootstrap: &str, config: &Config, partitions: i32) {
    let probe: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", &config.kafka.group_id)
        .create()
        .expect("probe consumer");
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(&config.topics.input, p);
    }
    let committed = probe
        .committed_offsets(tpl, Duration::from_secs(10))
        .expect("committed offsets");
    for p in 0..partitions {
        let (_, high) = probe
            .fetch_watermarks(&config.topics.input, p, Duration::from_secs(10))
            .expect("watermarks");
        let offset = committed
            .find_partition(&config.topics.input, p)
            .map(|e| e.offset());
        assert_eq!(
            offset,
            Some(Offset::Offset(high)),
            "partition {p} not committed to its end: a record stalled it"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_at_and_over_each_size_limit_all_end_as_an_event_or_a_dead_letter() {
    let _serial = TEST_LOCK.lock().await;
    const INPUT_LIMIT: usize = 100_000;
    const TEXT_LIMIT: usize = 20_000;
    let (_cluster, bootstrap, config) = setup("sizes", 1, |c| {
        c.pipeline.max_message_bytes = INPUT_LIMIT;
        c.enrich.max_text_bytes = TEXT_LIMIT;
    });
    let max_record = config.producer_message_max_bytes().expect("derived limit");
    let id_object = format!(
        "{{\"id\": {{\"x\": \"{}\"}}, \"body\": \"The minister spoke.\"}}",
        "a".repeat(90_000)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("input-at-limit", prose(INPUT_LIMIT)),
        ("input-over-limit", prose(INPUT_LIMIT + 1)),
        ("nul-1m", vec![0u8; 1_000_000]),
        ("article-1.1m", prose(1_100_000)),
        ("text-at-limit", prose(TEXT_LIMIT)),
        ("text-over-limit", prose(TEXT_LIMIT + 1)),
        ("id-object-90k", id_object.into_bytes()),
        ("nul-in-text", {
            let mut v = b"The committee met.".to_vec();
            v.extend(vec![0u8; 50_000]);
            v.extend(b" It agreed.");
            v
        }),
    ];
    let producer = big_producer(&bootstrap);
    for (key, value) in &cases {
        send(&producer, &config.topics.input, key, value).await;
    }
    let (stop, worker) = spawn_worker(&config);
    let events = read_records(&bootstrap, &config.topics.output, 4).await;
    let dead = read_records(&bootstrap, &config.topics.dead_letter, 4).await;
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");

    let event = |key: &str| -> serde_json::Value {
        let found: Vec<_> = events.iter().filter(|r| r.key == key).collect();
        assert_eq!(found.len(), 1, "{key}: {} events", found.len());
        serde_json::from_slice(&found[0].value).expect("JSON event")
    };
    let dead_letter = |key: &str| -> &ReadBack {
        let found: Vec<_> = dead.iter().filter(|r| r.key == key).collect();
        assert_eq!(found.len(), 1, "{key}: {} dead letters", found.len());
        found[0]
    };
    assert_eq!(
        events.len() + dead.len(),
        cases.len(),
        "one output per record"
    );

    // At the input limit: an event; its text over the text limit, so cut and marked.
    let e = event("input-at-limit");
    assert_eq!(e["truncated"], true);
    assert!(e["text"].as_str().unwrap().len() <= TEXT_LIMIT);
    // Text limit: at it, whole; one byte over, a marked prefix.
    let e = event("text-at-limit");
    assert!(e.get("truncated").is_none(), "at the limit: not truncated");
    assert_eq!(e["text"].as_str().unwrap().len(), TEXT_LIMIT);
    let e = event("text-over-limit");
    assert_eq!(e["truncated"], true);
    assert!(e["text"].as_str().unwrap().len() <= TEXT_LIMIT);
    // NUL bytes are gone from the text (not escaped to \u0000).
    let e = event("nul-in-text");
    assert_eq!(e["text"], "The committee met. It agreed.");
    for r in &events {
        assert!(
            r.value.len() <= max_record,
            "event of {} bytes",
            r.value.len()
        );
    }

    // One byte over the input limit: too_large, a full copy (it fits).
    let d = dead_letter("input-over-limit");
    assert_eq!(
        d.headers["__connect.errors.exception.class.name"],
        "too_large"
    );
    assert_eq!(d.value.len(), INPUT_LIMIT + 1);
    assert!(!d.headers.contains_key("newswire.dead-letter.truncated"));
    // Far over the producer's limit: too_large, a reference record.
    for (key, size) in [("nul-1m", 1_000_000usize), ("article-1.1m", 1_100_000)] {
        let d = dead_letter(key);
        assert_eq!(
            d.headers["__connect.errors.exception.class.name"],
            "too_large"
        );
        assert_eq!(d.headers["newswire.dead-letter.truncated"], "true");
        assert_eq!(d.headers["newswire.original.value.size"], size.to_string());
        let original = &cases.iter().find(|(k, _)| k == &key).unwrap().1;
        use sha2::Digest;
        assert_eq!(
            d.headers["newswire.original.value.sha256"],
            format!("{:x}", sha2::Sha256::digest(original))
        );
        assert_eq!(d.value, original[..4096]);
    }
    // The error text of a hostile id is capped, not 90 KB.
    let d = dead_letter("id-object-90k");
    assert_eq!(
        d.headers["__connect.errors.exception.class.name"],
        "invalid_json"
    );
    assert!(d.headers["__connect.errors.exception.message"].len() <= 1024);

    assert_fully_committed(&bootstrap, &config, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_flight_bytes_stay_under_the_limit_while_the_output_is_blocked() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let _serial = TEST_LOCK.lock().await;
    const LIMIT: usize = 4 * 1024 * 1024;
    const RECORDS: usize = 30;
    let (cluster, bootstrap, config) = setup("bytes", 1, |c| {
        c.pipeline.max_in_flight_bytes = LIMIT;
        c.pipeline.max_message_bytes = 512 * 1024;
        one_produce_request_in_flight(c);
    });
    let producer = big_producer(&bootstrap);
    for i in 0..RECORDS {
        send(
            &producer,
            &config.topics.input,
            &format!("big-{i}"),
            &prose(150_000),
        )
        .await;
    }
    // Every produce request fails (retriably) for a while: nothing is acknowledged.
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS; 25],
    );
    let (stop, worker) = spawn_worker(&config);
    let out = config.topics.output.clone();
    let (mut max_bytes, mut max_items) = (0i64, 0i64);
    wait_for(
        "all events once the output unblocks",
        Duration::from_secs(120),
        || {
            max_bytes = max_bytes.max(metrics().in_flight_bytes.get());
            max_items = max_items.max(metrics().in_flight.get());
            published(&out) >= RECORDS as u64
        },
    )
    .await;
    eprintln!("in flight at most: {max_bytes} bytes, {max_items} items (limit {LIMIT} bytes)");
    assert!(
        max_bytes <= LIMIT as i64,
        "in-flight bytes reached {max_bytes}, over pipeline.max_in_flight_bytes = {LIMIT}"
    );
    assert!(
        max_bytes > LIMIT as i64 / 2,
        "the budget was never used ({max_bytes} bytes): the output was not blocked"
    );
    assert!(
        max_items < RECORDS as i64,
        "all {max_items} records were taken in at once: the byte bound held nothing back"
    );
    let events = read_records(&bootstrap, &config.topics.output, RECORDS).await;
    assert_eq!(events.len(), RECORDS, "each record published once");
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
    assert_eq!(
        metrics().in_flight_bytes.get(),
        0,
        "every charge given back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_stay_in_input_order_when_publishes_fail_and_are_resent() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let _serial = TEST_LOCK.lock().await;
    const RECORDS: usize = 40;
    let (cluster, bootstrap, config) = setup("reorder", 1, |c| {
        c.pipeline.workers = 4;
        one_produce_request_in_flight(c);
        // librdkafka forgets the failed topic state at the next metadata refresh.
        c.kafka.producer.insert(
            "topic.metadata.refresh.interval.ms".into(),
            PropertyValue::Text("500".into()),
        );
    });
    let producer = big_producer(&bootstrap);
    let long = SAMPLE.repeat(5);
    for i in 0..RECORDS {
        let value = if i % 3 == 0 {
            long.clone().into_bytes()
        } else {
            format!("Prime Minister Mark Carney spoke in Ottawa ({i}).").into_bytes()
        };
        send(&producer, &config.topics.input, "same-key", &value).await;
    }
    // Produce requests fail for good (librdkafka does not retry these): the worker
    // itself must send the records again, and must not let later ones overtake.
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED; 6],
    );
    let retries_before = metrics().publish_retries.get();
    let (stop, worker) = spawn_worker(&config);
    let events = read_records(&bootstrap, &config.topics.output, RECORDS).await;
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
    let retries = metrics().publish_retries.get() - retries_before;
    let offsets: Vec<i64> = events
        .iter()
        .map(|r| {
            let e: serde_json::Value = serde_json::from_slice(&r.value).expect("JSON event");
            e["source"]["offset"].as_i64().expect("source.offset")
        })
        .collect();
    eprintln!(
        "{} events after {retries} re-sends: {offsets:?}",
        offsets.len()
    );
    assert!(retries > 0, "no publish failed: the test injected nothing");
    let expected: Vec<i64> = (0..RECORDS as i64).collect();
    assert_eq!(
        offsets, expected,
        "events must be published once each, in input order"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_dead_letter_topic_stalls_the_partition_visibly_until_it_exists() {
    let _serial = TEST_LOCK.lock().await;
    let cluster = MockCluster::new(1).expect("mock cluster");
    let bootstrap = cluster.bootstrap_servers();
    let mut config = config_for(&bootstrap, "stall");
    config.pipeline.stall_timeout = Duration::from_secs(1);
    // librdkafka looks again for a topic it found missing at each metadata refresh.
    config.kafka.producer.insert(
        "topic.metadata.refresh.interval.ms".into(),
        PropertyValue::Text("1000".into()),
    );
    // The dead-letter topic is not created.
    for topic in [&config.topics.input, &config.topics.output] {
        cluster.create_topic(topic, 1, 1).expect("create topic");
    }
    let producer = big_producer(&bootstrap);
    send(&producer, &config.topics.input, "good-1", &item(1)).await;
    send(
        &producer,
        &config.topics.input,
        "bad",
        b"{\"title\": \"no body\"}",
    )
    .await;
    send(&producer, &config.topics.input, "good-2", &item(2)).await;

    let (stop, worker) = spawn_worker(&config);
    let dlq = config.topics.dead_letter.clone();
    let input = config.topics.input.clone();
    let stalled = || {
        metrics()
            .partition_stalled
            .get_metric_with_label_values(&[&input, "0"])
            .map(|g| g.get())
            .unwrap_or(0)
    };
    let unavailable = || {
        metrics()
            .topic_unavailable
            .get_metric_with_label_values(&[&dlq, "dead_letter"])
            .map(|g| g.get())
            .unwrap_or(0)
    };
    wait_for(
        "the stall and the missing topic to be reported",
        Duration::from_secs(60),
        || stalled() == 1 && unavailable() == 1,
    )
    .await;
    let (status, body) = http_get(&config.http.listen, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains(&format!("topic {dlq}")),
        "/readyz names the topic: {body}"
    );
    assert!(
        body.contains(&format!("partition {input}[0] stalled")),
        "{body}"
    );
    assert!(!worker.is_finished(), "the worker keeps running");

    cluster
        .create_topic(&dlq, 1, 1)
        .expect("create the dead-letter topic");
    wait_for(
        "the partition to move again",
        Duration::from_secs(90),
        || stalled() == 0 && unavailable() == 0,
    )
    .await;
    let dead = read_records(&bootstrap, &dlq, 1).await;
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].key, "bad");
    assert_eq!(
        dead[0].headers["__connect.errors.exception.class.name"],
        "missing_body"
    );
    let events = read_records(&bootstrap, &config.topics.output, 2).await;
    assert_eq!(events.len(), 2);
    let mut ready = 0;
    for _ in 0..100 {
        ready = http_get(&config.http.listen, "/readyz").await.0;
        if ready == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(ready, 200, "/readyz recovers");
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
    assert_fully_committed(&bootstrap, &config, 1);
}

/// The process's resident set size, from /proc (Linux only; 0 elsewhere).
fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The measured failure of issue 8 (b): 400 records of 900 KB with the output blocked
/// took a worker to 1.16 GB. Here the same input sits in the in-process mock broker
/// (in the baseline);
/// what the worker adds on top of it while the output is blocked must stay far inside a
/// 1 GiB container. Ignored by default (it moves 360 MB through a debug build); run it
/// with `cargo test --test mock_cluster -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn memory_stays_bounded_with_900kb_records_and_the_output_blocked() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let _serial = TEST_LOCK.lock().await;
    const RECORDS: usize = 400;
    // The mock broker keeps only the last 5 MB of a partition: 80 partitions hold 5
    // records of 900 KB each.
    const PARTITIONS: i32 = 80;
    let (cluster, bootstrap, config) = setup("rss", PARTITIONS, |c| {
        c.shutdown.drain_timeout = Duration::from_secs(2);
        one_produce_request_in_flight(c);
    });
    let producer = big_producer(&bootstrap);
    let value = prose(900_000);
    for i in 0..RECORDS {
        producer
            .send(
                FutureRecord::to(&config.topics.input)
                    .key(&format!("big-{i}"))
                    .partition(i as i32 % PARTITIONS)
                    .payload(&value),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .expect("produce test record");
    }
    drop(producer);
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS; 5000],
    );
    let baseline = rss_bytes();
    let (stop, worker) = spawn_worker(&config);
    let started = Instant::now();
    let (mut peak, mut max_bytes, mut max_items) = (0u64, 0i64, 0i64);
    while started.elapsed() < Duration::from_secs(90) {
        peak = peak.max(rss_bytes());
        max_bytes = max_bytes.max(metrics().in_flight_bytes.get());
        max_items = max_items.max(metrics().in_flight.get());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let out = config.topics.output.clone();
    eprintln!(
        "baseline RSS {} MB (mock broker holding the input), peak {} MB, worker's share {} MB; \
         in flight at most {max_items} items, {} MB charged; published {}",
        baseline >> 20,
        peak >> 20,
        peak.saturating_sub(baseline) >> 20,
        max_bytes >> 20,
        published(&out)
    );
    cluster.clear_request_errors(RDKafkaApiKey::Produce);
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
    assert!(max_items < RECORDS as i64, "every record was taken in");
    assert!(
        max_bytes <= Config::default().pipeline.max_in_flight_bytes as i64,
        "{max_bytes}"
    );
    assert!(
        peak.saturating_sub(baseline) < 768 << 20,
        "the worker added {} MB while blocked",
        peak.saturating_sub(baseline) >> 20
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forbidden_output_topic_is_named_by_readyz_until_access_returns() {
    use rdkafka::types::RDKafkaRespErr;
    let _serial = TEST_LOCK.lock().await;
    let (cluster, _bootstrap, config) = setup("forbidden", 1, |_| {});
    let out = config.topics.output.clone();
    cluster
        .topic_error(
            &out,
            RDKafkaRespErr::RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
        )
        .expect("inject topic error");
    let (stop, worker) = spawn_worker(&config);
    let unavailable = || {
        metrics()
            .topic_unavailable
            .get_metric_with_label_values(&[&out, "output"])
            .map(|g| g.get())
            .unwrap_or(0)
    };
    wait_for(
        "the forbidden topic to be reported",
        Duration::from_secs(30),
        || unavailable() == 1,
    )
    .await;
    let (status, body) = http_get(&config.http.listen, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains(&format!("topic {out}: not authorized")),
        "/readyz names the topic and the problem: {body}"
    );
    assert!(!worker.is_finished(), "a forbidden topic is not fatal");

    cluster
        .topic_error(&out, RDKafkaRespErr::RD_KAFKA_RESP_ERR_NO_ERROR)
        .expect("clear topic error");
    wait_for("access to come back", Duration::from_secs(30), || {
        unavailable() == 0
    })
    .await;
    let mut ready = 0;
    for _ in 0..50 {
        ready = http_get(&config.http.listen, "/readyz").await.0;
        if ready == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(ready, 200, "/readyz recovers");
    stop.cancel();
    worker.await.expect("worker task").expect("clean stop");
}

// ---------------------------------------------------------------------------
// Faults (issue 8, part 9): produce errors, request timeouts, a broker down and a
// coordinator change injected mid-stream. Each scenario sends records over several
// partitions (some of them poison, so dead letters are in the stream too), injects its
// fault once the first events are out, and then checks, by reading both topics back in
// full: nothing lost (every record is an event or a dead letter, of the right kind),
// duplicates counted and bounded (all copies of a record carry the same event id), and
// within each partition the records' first copies in input order.
// ---------------------------------------------------------------------------

/// Records per input partition, and input partitions, of every fault scenario.
const FAULT_RECORDS_PER_PARTITION: usize = 40;
const FAULT_PARTITIONS: i32 = 3;

/// Every 8th record of a partition is poison (a JSON envelope without a body): a dead
/// letter, which takes the same publish path as an event.
fn fault_record_is_poison(i: usize) -> bool {
    i % 8 == 5
}

/// Sends records `range` of every fault partition, partition-interleaved, each
/// partition under its own key.
async fn send_fault_records(producer: &FutureProducer, topic: &str, range: std::ops::Range<usize>) {
    for i in range {
        for p in 0..FAULT_PARTITIONS {
            let value = if fault_record_is_poison(i) {
                br#"{"title": "no body"}"#.to_vec()
            } else {
                item(i * FAULT_PARTITIONS as usize + p as usize)
            };
            producer
                .send(
                    FutureRecord::to(topic)
                        .partition(p)
                        .key(&format!("lane-{p}"))
                        .payload(&value),
                    Duration::from_secs(10),
                )
                .await
                .map_err(|(e, _)| e)
                .expect("produce test record");
        }
    }
}

/// A running fault scenario: the mock cluster, the worker, and what was sent.
struct FaultRun {
    name: &'static str,
    cluster: MockCluster<'static, rdkafka::producer::DefaultProducerContext>,
    bootstrap: String,
    config: Config,
    stop: CancellationToken,
    worker: tokio::task::JoinHandle<Result<(), newswire::pipeline::WorkerError>>,
    producer: FutureProducer,
    /// Records of each partition sent so far (a scenario may hold some back).
    sent_per_partition: usize,
}

/// What a scenario read back, for its report and its own extra bounds.
struct FaultOutcome {
    sent: usize,
    events: usize,
    dead_letters: usize,
    duplicates: usize,
}

impl FaultRun {
    /// A cluster of `brokers`, the input sent (all partitions, each under its own key so
    /// that a partition's events share an output partition and their order is visible),
    /// the worker started and the first events out: the fault lands mid-stream.
    async fn start(name: &'static str, brokers: i32, tweak: impl FnOnce(&mut Config)) -> FaultRun {
        Self::start_holding_back(name, brokers, 0, tweak).await
    }

    /// As `start`, with the last `held_back` records of each partition not sent yet:
    /// a scenario sends them with `send_more` while its fault lasts, so that records
    /// are sure to flow through the fault however fast the first ones went.
    async fn start_holding_back(
        name: &'static str,
        brokers: i32,
        held_back: usize,
        tweak: impl FnOnce(&mut Config),
    ) -> FaultRun {
        let cluster = MockCluster::new(brokers).expect("mock cluster");
        let bootstrap = cluster.bootstrap_servers();
        let mut config = config_for(&bootstrap, name);
        // Fewer threads than items in flight: items finish out of order, so the
        // order check means something.
        config.pipeline.workers = 2;
        // A small window: the worker takes in a record only as one goes out, so the
        // stream is still running while the fault lasts.
        config.pipeline.max_in_flight = 6;
        one_produce_request_in_flight(&mut config);
        // ...and each of those requests waits 50 ms for its batch: at most six records
        // per 50 ms, so 120 records take a second or more, and a test that injects its
        // fault as soon as the first events are out meets a running stream even when the
        // machine stalls the test for a few hundred milliseconds (at the default 5 ms, CI
        // run 24 had 85 of 120 events out before its fault began).
        config
            .kafka
            .producer
            .insert("linger.ms".into(), PropertyValue::Text("50".into()));
        tweak(&mut config);
        create_topics(&cluster, &config, FAULT_PARTITIONS);
        let producer = big_producer(&bootstrap);
        let first = FAULT_RECORDS_PER_PARTITION.saturating_sub(held_back);
        send_fault_records(&producer, &config.topics.input, 0..first).await;
        let (stop, worker) = spawn_worker(&config);
        let out = config.topics.output.clone();
        wait_for("the first events", Duration::from_secs(60), || {
            published(&out) >= 3
        })
        .await;
        FaultRun {
            name,
            cluster,
            bootstrap,
            config,
            stop,
            worker,
            producer,
            sent_per_partition: first,
        }
    }

    /// Sends the next `count` held-back records of every partition.
    async fn send_more(&mut self, count: usize) {
        let end = (self.sent_per_partition + count).min(FAULT_RECORDS_PER_PARTITION);
        send_fault_records(
            &self.producer,
            &self.config.topics.input,
            self.sent_per_partition..end,
        )
        .await;
        self.sent_per_partition = end;
    }

    fn sent(&self) -> usize {
        FAULT_RECORDS_PER_PARTITION * FAULT_PARTITIONS as usize
    }

    /// Events published so far.
    fn published(&self) -> u64 {
        published(&self.config.topics.output)
    }

    /// Asserts that the fault window that started when `before` events were out ended
    /// with the stream still running or moving: part of the stream went through it.
    fn assert_mid_stream(&self, before: u64) {
        let after = self.published();
        eprintln!(
            "[fault] {}: {before} events out when the fault began, {after} when it ended",
            self.name
        );
        assert!(
            (before as usize) < self.sent() - FAULT_RECORDS_PER_PARTITION,
            "{}: the stream was (nearly) over before the fault began",
            self.name
        );
    }

    /// Reads both topics until every record is accounted for (and a moment more for
    /// extra copies), stops the worker, checks loss, kind, duplicates and order, checks
    /// that the group committed to the end of every partition, and prints the report.
    async fn finish(self) -> FaultOutcome {
        assert_eq!(
            self.sent_per_partition, FAULT_RECORDS_PER_PARTITION,
            "{}: records held back and never sent",
            self.name
        );
        let sent = self.sent();
        // The cluster lives until the end: dropping it takes the brokers away.
        let FaultRun {
            name,
            cluster: _cluster,
            bootstrap,
            config,
            stop,
            worker,
            ..
        } = self;
        let poison_per_partition = (0..FAULT_RECORDS_PER_PARTITION)
            .filter(|&i| fault_record_is_poison(i))
            .count();
        let want_dead = poison_per_partition * FAULT_PARTITIONS as usize;
        let want_events = sent - want_dead;
        let events = read_records(&bootstrap, &config.topics.output, want_events).await;
        let dead = read_records(&bootstrap, &config.topics.dead_letter, want_dead).await;
        stop.cancel();
        worker
            .await
            .expect("worker task")
            .expect("the worker stops cleanly after the fault");

        // (partition, offset, event id or "dead") of each record read, in read order
        // per key (one key per input partition, so one output partition per key).
        let mut copies: BTreeMap<(i32, i64), Vec<String>> = BTreeMap::new();
        let mut order: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for r in &events {
            let e: serde_json::Value = serde_json::from_slice(&r.value).expect("JSON event");
            let src = (
                e["source"]["partition"].as_i64().expect("source.partition") as i32,
                e["source"]["offset"].as_i64().expect("source.offset"),
            );
            assert_eq!(r.key, format!("lane-{}", src.0), "event key = input key");
            copies
                .entry(src)
                .or_default()
                .push(e["event_id"].as_str().expect("event_id").to_string());
            order.entry(r.key.clone()).or_default().push(src.1);
        }
        let mut dead_order: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for r in &dead {
            let header = |h: &str| -> i64 {
                r.headers
                    .get(h)
                    .unwrap_or_else(|| panic!("dead letter without {h}"))
                    .parse()
                    .expect("integer header")
            };
            let src = (
                header("__connect.errors.partition") as i32,
                header("__connect.errors.offset"),
            );
            copies.entry(src).or_default().push("dead".to_string());
            dead_order.entry(r.key.clone()).or_default().push(src.1);
        }

        // Nothing lost, nothing of the wrong kind, copies identical.
        let mut lost = Vec::new();
        for p in 0..FAULT_PARTITIONS {
            for i in 0..FAULT_RECORDS_PER_PARTITION {
                let src = (p, i as i64);
                match copies.get(&src) {
                    None => lost.push(src),
                    Some(c) => {
                        let want_dead = fault_record_is_poison(i);
                        assert!(
                            c.iter().all(|id| (id == "dead") == want_dead),
                            "{}: record {src:?} ended as {c:?}, expected {}",
                            name,
                            if want_dead {
                                "a dead letter"
                            } else {
                                "an event"
                            }
                        );
                        assert!(
                            c.iter().all(|id| id == &c[0]),
                            "{}: copies of {src:?} differ: {c:?}",
                            name
                        );
                    }
                }
            }
        }
        assert!(lost.is_empty(), "{}: records lost: {lost:?}", name);
        assert_eq!(
            copies.len(),
            sent,
            "{}: output for records never sent",
            name
        );

        // Order: within a partition, the first copies appear in input order (a consumer
        // that drops repeated event ids sees the input order).
        for (key, offsets) in order.iter().chain(&dead_order) {
            let mut seen = HashSet::new();
            let firsts: Vec<i64> = offsets
                .iter()
                .copied()
                .filter(|o| seen.insert(*o))
                .collect();
            let mut sorted = firsts.clone();
            sorted.sort_unstable();
            assert_eq!(
                firsts, sorted,
                "{}: {key} published out of input order: {offsets:?}",
                name
            );
        }

        assert_fully_committed(&bootstrap, &config, FAULT_PARTITIONS);
        let outcome = FaultOutcome {
            sent,
            events: events.len(),
            dead_letters: dead.len(),
            duplicates: events.len() + dead.len() - sent,
        };
        eprintln!(
            "[fault] {}: sent {} records ({want_events} items, {want_dead} poison) over {FAULT_PARTITIONS} partitions; \
             read {} events and {} dead letters; duplicates {}; lost 0; order within each partition kept; \
             committed to the end",
            name, outcome.sent, outcome.events, outcome.dead_letters, outcome.duplicates
        );
        outcome
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn produce_errors_mid_stream_lose_nothing_and_keep_order() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr::*};
    let _serial = TEST_LOCK.lock().await;
    let run = FaultRun::start("fault-produce", 1, |c| {
        // librdkafka forgets a failed topic state at the next metadata refresh.
        c.kafka.producer.insert(
            "topic.metadata.refresh.interval.ms".into(),
            PropertyValue::Text("500".into()),
        );
    })
    .await;
    let retries_before = metrics().publish_retries.get();
    // Errors librdkafka retries itself (leader moved, timed out, too few replicas, a
    // dropped connection) and one it gives up on, which the worker re-sends.
    let errors = [
        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
        RD_KAFKA_RESP_ERR__TRANSPORT,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
    ];
    let injected: Vec<_> = errors
        .iter()
        .cycle()
        .take(4 * errors.len())
        .copied()
        .collect();
    let before = run.published();
    run.cluster
        .request_errors(RDKafkaApiKey::Produce, &injected);
    run.assert_mid_stream(before);
    let outcome = run.finish().await;
    let resent = metrics().publish_retries.get() - retries_before;
    eprintln!(
        "[fault] fault-produce: {} Produce errors injected, {resent} records re-sent by the worker",
        injected.len()
    );
    assert!(
        resent > 0,
        "no publish failed for good: the errors were not injected mid-stream"
    );
    // A failed Produce request appends nothing, so nothing may come out twice.
    assert_eq!(outcome.duplicates, 0, "duplicates after produce errors");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_timeouts_and_a_broker_down_mid_stream_lose_nothing_and_keep_order() {
    let _serial = TEST_LOCK.lock().await;
    let run = FaultRun::start("fault-timeouts", 3, |c| {
        // Requests time out after 1 s (librdkafka's client-side limit of a request is
        // socket.timeout.ms; request.timeout.ms is the broker's); the brokers will take
        // 2.5 s to answer.
        c.kafka.producer.insert(
            "socket.timeout.ms".into(),
            PropertyValue::Text("1000".into()),
        );
    })
    .await;
    let errors_before = kafka_errors_total();
    let before = run.published();
    run.cluster
        .broker_round_trip_time(-1, Duration::from_millis(2500))
        .expect("slow brokers");
    tokio::time::sleep(Duration::from_secs(5)).await;
    run.cluster
        .broker_round_trip_time(-1, Duration::ZERO)
        .expect("fast brokers");
    // Then one broker (leader of some partitions) goes away for a while.
    run.cluster.broker_down(2).expect("broker 2 down");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        !run.worker.is_finished(),
        "the worker exited during the fault"
    );
    run.cluster.broker_up(2).expect("broker 2 up");
    run.assert_mid_stream(before);
    let reported = kafka_errors_total() - errors_before;
    let outcome = run.finish().await;
    eprintln!("[fault] fault-timeouts: {reported} client errors reported during the faults");
    // The mock broker does not deduplicate an idempotent producer's retries (it checks
    // sequence numbers only for transactional producers; a real broker does), so a
    // request that timed out after it was appended is appended again. Each timed-out
    // attempt (1 s each, 5 s of slow brokers) leaves at most one extra copy of each of
    // the records in flight (6): at most 30.
    assert!(
        outcome.duplicates <= 30,
        "{} duplicates for {} records",
        outcome.duplicates,
        outcome.sent
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_change_mid_stream_loses_nothing_and_keeps_order() {
    use rdkafka::mocking::MockCoordinator;
    let _serial = TEST_LOCK.lock().await;
    let group = "fault-coordinator-group".to_string();
    // Three quarters of the input held back and sent a quarter after each move: on a
    // fast machine the first quarter can be out before the first move, and the moves
    // must meet a running stream.
    let mut run = FaultRun::start_holding_back("fault-coordinator", 3, 30, |c| {
        // Many small commits, so that commits are in flight when the coordinator moves.
        c.pipeline.commit_interval = Duration::from_millis(50);
        c.pipeline.max_in_flight = 8;
    })
    .await;
    assert_eq!(run.config.kafka.group_id, group);
    let commits_before = metrics().commits.get();
    let failures_before = metrics().commit_failures.get();
    let before = run.published();
    for broker in [2, 3, 1] {
        run.cluster
            .coordinator(MockCoordinator::Group(group.clone()), broker)
            .expect("move the group coordinator");
        run.send_more(10).await;
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }
    let commits_during = metrics().commits.get() - commits_before;
    let failures_during = metrics().commit_failures.get() - failures_before;
    assert!(
        !run.worker.is_finished(),
        "the worker exited when the coordinator moved"
    );
    run.assert_mid_stream(before);
    let outcome = run.finish().await;
    eprintln!(
        "[fault] fault-coordinator: while the coordinator moved 3 times, {commits_during} commits \
         succeeded and {failures_during} failed (retried at the next interval)"
    );
    assert!(
        commits_during > 0,
        "no commit reached the moved coordinator"
    );
    // The group's state lives on (the member keeps its assignment), so nothing is
    // consumed twice: a failed commit is retried at the next interval.
    assert_eq!(
        outcome.duplicates, 0,
        "duplicates after a coordinator change"
    );
}

fn kafka_errors_total() -> u64 {
    metrics()
        .kafka_errors
        .collect()
        .iter()
        .flat_map(|family| family.get_metric())
        .map(|m| m.get_counter().get_value() as u64)
        .sum()
}
