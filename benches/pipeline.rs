//! End-to-end throughput of the worker on librdkafka's in-process mock cluster, against
//! a baseline measured in the same run: a bare consume -> produce copy loop (same broker,
//! same client settings, no decoding or enrichment). The ratio says what newswire's
//! processing costs on top of moving the bytes through Kafka.
//!
//! `cargo bench --bench pipeline` runs the full measurement (prints figures);
//! under `cargo test` (no `--bench` flag) it runs a small smoke version so that the
//! benchmark cannot silently rot.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use newswire::config::{Config, PropertyValue};
use newswire::enrich::Enricher;
use newswire::metrics::metrics;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};
use tokio_util::sync::CancellationToken;

const PARTITIONS: i32 = 4;

/// Our own example items (the project's sample, an envelope) and two malformed ones, so
/// that the mix exercises the dead-letter path too (2 in 40 items).
fn items() -> Vec<Vec<u8>> {
    let sample = include_bytes!("../examples/demo-items/01-sample.txt").to_vec();
    let envelope = include_bytes!("../examples/demo-items/02-envelope.json").to_vec();
    let mut out = Vec::new();
    for i in 0..38 {
        out.push(if i % 2 == 0 {
            sample.clone()
        } else {
            envelope.clone()
        });
    }
    out.push(b"{\"title\": \"no body\"}".to_vec());
    out.push(b"\xff\xfe\x00broken".to_vec());
    out
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = std::env::var("NEWSWIRE_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        // The mock cluster keeps only a few MiB per partition in memory (older segments
        // are dropped), so the full run stays at 5,000 items (about 10 MiB).
        .unwrap_or(if full { 5_000 } else { 200 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        let cluster = MockCluster::new(1).expect("mock cluster");
        let bootstrap = cluster.bootstrap_servers();
        for topic in ["bench.in", "bench.out", "bench.dlq", "bench.copy"] {
            cluster
                .create_topic(topic, PARTITIONS, 1)
                .expect("create topic");
        }
        let mix = items();
        let words_per_round: usize = mix
            .iter()
            .map(|v| String::from_utf8_lossy(v).split_whitespace().count())
            .sum();
        produce(&bootstrap, "bench.in", &mix, n).await;

        let baseline = copy_loop(&bootstrap, n).await;
        let pipeline = newswire_run(&bootstrap, n).await;

        let words = words_per_round as f64 * n as f64 / mix.len() as f64;
        println!("pipeline bench: {n} items ({PARTITIONS} partitions, 5% malformed), mock cluster, {} enrichment threads",
            std::thread::available_parallelism().map_or(1, |p| p.get()));
        println!(
            "  baseline copy loop : {:>9.0} items/s  ({:.3} s)",
            n as f64 / baseline.as_secs_f64(),
            baseline.as_secs_f64()
        );
        println!(
            "  newswire pipeline  : {:>9.0} items/s  ({:.3} s, {:.0} words/s)",
            n as f64 / pipeline.as_secs_f64(),
            pipeline.as_secs_f64(),
            words / pipeline.as_secs_f64()
        );
        println!(
            "  ratio pipeline/baseline throughput: {:.2}",
            baseline.as_secs_f64() / pipeline.as_secs_f64()
        );
        drop(cluster);
    });
}

async fn produce(bootstrap: &str, topic: &str, mix: &[Vec<u8>], n: usize) {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("linger.ms", "5")
        .create()
        .expect("producer");
    let mut pending = futures::stream::FuturesUnordered::new();
    for i in 0..n {
        let key = format!("item-{i}");
        let value = mix[i % mix.len()].clone();
        let producer = &producer;
        pending.push(async move {
            producer
                .send(
                    FutureRecord::to(topic).key(&key).payload(&value),
                    Duration::from_secs(30),
                )
                .await
                .map_err(|(e, _)| e)
                .expect("produce bench input");
        });
        if pending.len() >= 1000 {
            pending.next().await;
        }
    }
    while pending.next().await.is_some() {}
}

/// The baseline: read every input record and write its bytes to another topic, waiting
/// for acknowledgements, with the same at-least-once shape (ack before done).
async fn copy_loop(bootstrap: &str, n: usize) -> Duration {
    let consumer: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", "bench-baseline")
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .create()
        .expect("consumer");
    consumer.subscribe(&["bench.in"]).expect("subscribe");
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("enable.idempotence", "true")
        .set("linger.ms", "5")
        .set("compression.type", "zstd")
        .create()
        .expect("producer");
    // Timed from the first record on, so that the group join is not measured.
    let mut started = None;
    let mut stream = consumer.stream();
    let mut acks = futures::stream::FuturesUnordered::new();
    let mut done = 0;
    while done < n {
        tokio::select! {
            Some(m) = stream.next() => {
                started.get_or_insert_with(Instant::now);
                let m = m.expect("consume").detach();
                let producer = producer.clone();
                acks.push(async move {
                    let mut r = FutureRecord::to("bench.copy").payload(m.payload().unwrap_or_default());
                    if let Some(k) = m.key() { r = r.key(k); }
                    producer.send(r, Duration::from_secs(30)).await.map_err(|(e, _)| e).expect("copy");
                });
            }
            Some(()) = acks.next(), if !acks.is_empty() => done += 1,
        }
    }
    started.map_or(Duration::ZERO, |s| s.elapsed())
}

/// The real worker, as `newswire run` starts it, until every item is accounted for.
async fn newswire_run(bootstrap: &str, n: usize) -> Duration {
    let mut config = Config::default();
    config.kafka.bootstrap_servers = bootstrap.to_string();
    config.kafka.group_id = "bench-newswire".into();
    config.topics.input = "bench.in".into();
    config.topics.output = "bench.out".into();
    config.topics.dead_letter = "bench.dlq".into();
    config.http.listen = "127.0.0.1:0".into();
    config.kafka.consumer.insert(
        "auto.offset.reset".into(),
        PropertyValue::Text("earliest".into()),
    );
    config.kafka.producer.insert(
        "compression.type".into(),
        PropertyValue::Text("zstd".into()),
    );
    config
        .kafka
        .producer
        .insert("linger.ms".into(), PropertyValue::Text("5".into()));
    let enricher = Arc::new(Enricher::new().expect("enrichment data"));
    let stop = CancellationToken::new();
    let worker = tokio::spawn(newswire::pipeline::run(config, enricher, stop.clone()));
    let m = metrics();
    // Timed from the first record on, as the baseline, so that the group join is not measured.
    let consumed = m.records_consumed.with_label_values(&["bench.in"]);
    let joined = Instant::now();
    while consumed.get() == 0 {
        assert!(
            joined.elapsed() < Duration::from_secs(60),
            "worker never consumed"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let started = Instant::now();
    loop {
        let published = m.events_published.with_label_values(&["bench.out"]).get();
        let dead: u64 = newswire::error::ErrorCode::ALL
            .iter()
            .map(|c| m.dead_letters.with_label_values(&[c.as_str()]).get())
            .sum();
        if (published + dead) as usize >= n {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "pipeline did not finish"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let elapsed = started.elapsed();
    stop.cancel();
    worker
        .await
        .expect("worker task")
        .expect("worker stopped cleanly");
    elapsed
}
