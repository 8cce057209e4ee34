//! `newswire demo`: the real pipeline on an embedded broker, with no setup.
//!
//! Starts librdkafka's in-process mock cluster, creates the three topics, produces the
//! bundled example items (good and malformed), runs the same [`pipeline::run`] as
//! production, prints every event and dead-letter record that comes out, and exits 0
//! once every input is accounted for. With `--keep-running` it stays up so that a
//! person can produce more items and scrape `/metrics`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use futures::{Stream, StreamExt};
use newswire_enrich::Enricher;
use rdkafka::client::ClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::KafkaResult;
use rdkafka::message::{Headers, Message};
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{FutureProducer, FutureRecord};
use tokio_util::sync::CancellationToken;

use crate::config::{Config, PropertyValue};
use crate::metrics::metrics;
use crate::pipeline;

/// The bundled example items: (key, value). Compiled in, so the demo runs from anywhere.
pub fn example_items() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "demo-sample",
            include_bytes!("../examples/demo-items/01-sample.txt").to_vec(),
        ),
        (
            "demo-envelope",
            include_bytes!("../examples/demo-items/02-envelope.json").to_vec(),
        ),
        (
            "demo-bad-json",
            include_bytes!("../examples/demo-items/03-bad-json.json").to_vec(),
        ),
        (
            "demo-missing-body",
            include_bytes!("../examples/demo-items/04-missing-body.json").to_vec(),
        ),
        // Latin-1 bytes where UTF-8 is required: a classic feed bug.
        (
            "demo-latin1",
            b"date 2024-01-02 Le ministre fran\xe7ais a parl\xe9.".to_vec(),
        ),
        ("demo-empty", b"   \n\n  ".to_vec()),
    ]
}

/// Options of the demo command.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub keep_running: bool,
    pub http_listen: String,
}

const INPUT_PARTITIONS: i32 = 3;
const WAIT_FOR_RESULTS: Duration = Duration::from_secs(60);

/// Runs the demo; returns an error (and a non-zero exit) if any item is unaccounted for.
///
/// The steps: start the mock cluster and its topics, produce the examples, start the
/// worker, print what comes out until every item is accounted for (or the wait ends),
/// optionally keep printing, then stop everything and print the counts.
pub async fn run(options: DemoOptions) -> anyhow::Result<()> {
    let cluster = MockCluster::new(1).context("cannot start the in-process mock cluster")?;
    let bootstrap = cluster.bootstrap_servers();
    let config = demo_config(&bootstrap, &options.http_listen)?;
    create_topics(&cluster, &config)?;
    eprintln!(
        "mock Kafka cluster at {bootstrap}; topics {}, {}, {}",
        config.topics.input, config.topics.output, config.topics.dead_letter
    );
    eprintln!("metrics at http://{}/metrics", options.http_listen);

    let items = example_items();
    produce_items(&bootstrap, &config.topics.input, &items).await?;
    eprintln!(
        "produced {} example items to {}",
        items.len(),
        config.topics.input
    );

    let enricher = Arc::new(Enricher::new().context("cannot load enrichment data")?);
    let shutdown = CancellationToken::new();
    let worker = tokio::spawn(pipeline::run(config.clone(), enricher, shutdown.clone()));

    let reader = results_reader(&bootstrap, &config)?;
    let mut stream = reader.stream();
    let expected = items.len();
    let seen = print_results(&mut stream, &config, expected).await;
    if options.keep_running && seen == expected {
        eprintln!(
            "\nall {expected} example items accounted for. Still running (Ctrl-C to stop):\n  \
             bootstrap servers: {bootstrap}\n  produce raw items to topic `{}`\n  metrics: http://{}/metrics",
            config.topics.input, options.http_listen
        );
        print_results_until_interrupted(&mut stream, &config).await;
    }
    // Close every client before the cluster goes away, or they would keep trying to
    // reach it (and to leave their groups) for their whole timeouts.
    drop(stream);
    drop(reader);
    shutdown.cancel();
    worker
        .await
        .context("worker task failed")?
        .context("worker stopped with an error")?;
    drop(cluster);

    print_counts(&config);
    if seen < expected {
        bail!("only {seen} of {expected} example items came out within {WAIT_FOR_RESULTS:?}");
    }
    Ok(())
}

/// The worker's config for the demo: the defaults, pointed at the mock cluster, reading
/// the input from its start, with short intervals so that the demo ends quickly.
fn demo_config(bootstrap: &str, http_listen: &str) -> anyhow::Result<Config> {
    let mut config = Config::default();
    config.kafka.bootstrap_servers = bootstrap.to_string();
    config.kafka.group_id = "newswire-demo".into();
    config.http.listen = http_listen.to_string();
    config.shutdown.drain_timeout = Duration::from_secs(10);
    config.pipeline.commit_interval = Duration::from_millis(200);
    config.kafka.consumer.insert(
        "auto.offset.reset".into(),
        PropertyValue::Text("earliest".into()),
    );
    config.validate().context("demo configuration")?;
    Ok(config)
}

/// The three topics on the mock cluster: input and output with [`INPUT_PARTITIONS`]
/// partitions each (so that per-partition order is exercised), the dead-letter topic
/// with one.
fn create_topics<C: ClientContext>(
    cluster: &MockCluster<'_, C>,
    config: &Config,
) -> anyhow::Result<()> {
    for (topic, partitions) in [
        (config.topics.input.as_str(), INPUT_PARTITIONS),
        (config.topics.output.as_str(), INPUT_PARTITIONS),
        (config.topics.dead_letter.as_str(), 1),
    ] {
        cluster
            .create_topic(topic, partitions, 1)
            .with_context(|| format!("cannot create topic {topic} on the mock cluster"))?;
    }
    Ok(())
}

/// Prints each event and dead letter read from `stream` until `expected` have come out,
/// [`WAIT_FOR_RESULTS`] has passed or Ctrl-C is pressed; returns how many came out.
async fn print_results<S, M>(stream: &mut S, config: &Config, expected: usize) -> usize
where
    S: Stream<Item = KafkaResult<M>> + Unpin,
    M: Message,
{
    let mut seen = 0usize;
    let wait = tokio::time::sleep(WAIT_FOR_RESULTS);
    tokio::pin!(wait);
    while seen < expected {
        tokio::select! {
            next = stream.next() => match next {
                Some(Ok(m)) => { print_result(&m, config); seen += 1; }
                Some(Err(e)) => eprintln!("reader: {e}"),
                None => break,
            },
            _ = &mut wait => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    seen
}

/// `--keep-running`: prints what comes out of `stream` until Ctrl-C.
async fn print_results_until_interrupted<S, M>(stream: &mut S, config: &Config)
where
    S: Stream<Item = KafkaResult<M>> + Unpin,
    M: Message,
{
    loop {
        tokio::select! {
            next = stream.next() => match next {
                Some(Ok(m)) => print_result(&m, config),
                Some(Err(e)) => eprintln!("reader: {e}"),
                None => break,
            },
            _ = tokio::signal::ctrl_c() => break,
        }
    }
}

/// The worker's own account of the run, from its metrics: what it consumed, published,
/// dead-lettered, and what is still in flight (0 after a clean drain).
fn print_counts(config: &Config) {
    let m = metrics();
    let consumed: u64 = m
        .records_consumed
        .with_label_values(&[&config.topics.input])
        .get();
    let published: u64 = m
        .events_published
        .with_label_values(&[&config.topics.output])
        .get();
    let dead: u64 = crate::error::ErrorCode::ALL
        .iter()
        .map(|c| m.dead_letters.with_label_values(&[c.as_str()]).get())
        .sum();
    eprintln!(
        "\nconsumed {consumed}, published {published}, dead-lettered {dead}, in flight {}",
        m.in_flight.get()
    );
}

async fn produce_items(
    bootstrap: &str,
    topic: &str,
    items: &[(&str, Vec<u8>)],
) -> anyhow::Result<()> {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .create()
        .context("cannot create the demo producer")?;
    for (key, value) in items {
        producer
            .send(
                FutureRecord::to(topic).key(*key).payload(value.as_slice()),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| anyhow::anyhow!("cannot produce example item {key}: {e}"))?;
    }
    Ok(())
}

fn results_reader(bootstrap: &str, config: &Config) -> anyhow::Result<StreamConsumer> {
    let reader: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", "newswire-demo-reader")
        .set("auto.offset.reset", "earliest")
        .set("enable.partition.eof", "false")
        .create()
        .context("cannot create the demo reader")?;
    reader
        .subscribe(&[&config.topics.output, &config.topics.dead_letter])
        .context("cannot subscribe the demo reader")?;
    Ok(reader)
}

fn print_result(m: &impl Message, config: &Config) {
    let key = m
        .key()
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .unwrap_or_default();
    let value = m.payload().unwrap_or_default();
    if m.topic() == config.topics.output {
        let pretty = serde_json::from_slice::<serde_json::Value>(value)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| String::from_utf8_lossy(value).into_owned());
        println!("=== event on {} (key {key})\n{pretty}", m.topic());
    } else {
        println!("=== dead letter on {} (key {key})", m.topic());
        if let Some(headers) = m.headers() {
            for h in headers.iter() {
                if h.key.starts_with("__connect.errors.") {
                    let v = h.value.map(String::from_utf8_lossy).unwrap_or_default();
                    println!("  {}: {v}", h.key);
                }
            }
        }
        println!(
            "  original value ({} bytes): {:?}",
            value.len(),
            String::from_utf8_lossy(value)
        );
    }
}

#[cfg(test)]
mod tests {
    use rdkafka::message::{OwnedMessage, Timestamp};

    use super::*;

    #[test]
    fn demo_config_points_the_worker_at_the_mock_cluster_and_is_valid() {
        let config = demo_config("127.0.0.1:40001", "127.0.0.1:0").unwrap();
        assert_eq!(config.kafka.bootstrap_servers, "127.0.0.1:40001");
        assert_eq!(config.kafka.group_id, "newswire-demo");
        assert_eq!(config.http.listen, "127.0.0.1:0");
        assert_eq!(config.shutdown.drain_timeout, Duration::from_secs(10));
        assert_eq!(
            config.kafka.consumer.get("auto.offset.reset"),
            Some(&PropertyValue::Text("earliest".into()))
        );
        let err = demo_config("127.0.0.1:40001", "not an address").unwrap_err();
        assert!(format!("{err:#}").contains("http.listen"), "{err:#}");
    }

    fn dead_letter(config: &Config, offset: i64) -> KafkaResult<OwnedMessage> {
        Ok(OwnedMessage::new(
            Some(b"bad".to_vec()),
            Some(b"key".to_vec()),
            config.topics.dead_letter.clone(),
            Timestamp::NotAvailable,
            0,
            offset,
            None,
        ))
    }

    #[tokio::test]
    async fn print_results_stops_at_the_expected_count_or_the_stream_end() {
        let config = Config::default();
        let records = vec![
            dead_letter(&config, 0),
            Err(rdkafka::error::KafkaError::Canceled),
            dead_letter(&config, 1),
        ];
        let mut stream = futures::stream::iter(records);
        // A read error is reported, not counted.
        assert_eq!(print_results(&mut stream, &config, 1).await, 1);
        assert_eq!(print_results(&mut stream, &config, 5).await, 1);
        assert_eq!(print_results(&mut stream, &config, 5).await, 0);
    }
}
