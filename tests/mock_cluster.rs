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

/// Reads `topic` from the beginning until `n` records were read; returns key -> event ids.
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
    while read < n {
        tokio::select! {
            Some(Ok(m)) = stream.next() => {
                let key = String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned();
                let event: serde_json::Value = serde_json::from_slice(m.payload().unwrap_or_default())
                    .expect("every event is JSON");
                out.entry(key).or_default().push(event["event_id"].as_str().unwrap_or_default().to_string());
                read += 1;
            }
            _ = &mut deadline => panic!("read only {read} of {n} events from {topic}"),
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
