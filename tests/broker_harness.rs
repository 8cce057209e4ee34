//! Tests of the test harness itself against a real tansu broker: if these
//! fail, the pipeline tests cannot be trusted. They do not need the worker.

mod support;

use std::time::Duration;
use support::*;

#[test]
fn broker_roundtrip_keeps_keys_values_headers_and_partitions() {
    let broker = Broker::start();
    let topic = unique("harness-rt");
    broker.create_topic(&topic, 3);

    let ts = 1_711_440_000_123; // 2024-03-26T08:00:00.123Z
    let inputs: Vec<Input> = (0..9)
        .map(|i| {
            Input::new(format!("value {i}"))
                .key(format!("key-{i}"))
                .partition(i % 3)
                .header("trace-id", format!("t{i}"))
                .timestamp_ms(ts + i as i64)
        })
        .collect();
    let produced = broker.producer().send_all(&topic, &inputs);
    for (i, p) in produced.iter().enumerate() {
        assert_eq!(p.partition, i as i32 % 3, "record {i} landed on {p:?}");
    }
    // offsets within a partition are 0, 1, 2 in production order
    for part in 0..3 {
        let offs: Vec<i64> = produced
            .iter()
            .filter(|p| p.partition == part)
            .map(|p| p.offset)
            .collect();
        assert_eq!(offs, vec![0, 1, 2], "offsets on partition {part}");
    }

    let mut r = Reader::new(&broker.bootstrap, &topic);
    let recs = r.read_at_least(9, READ_TIMEOUT).to_vec();
    assert_eq!(recs.len(), 9);
    for (i, p) in produced.iter().enumerate() {
        let rec = recs
            .iter()
            .find(|r| r.partition == p.partition && r.offset == p.offset)
            .unwrap_or_else(|| panic!("record {i} ({p:?}) not read back"));
        assert_eq!(rec.key_str().as_deref(), Some(format!("key-{i}").as_str()));
        assert_eq!(rec.value.as_deref(), Some(format!("value {i}").as_bytes()));
        assert_eq!(rec.header("trace-id"), Some(format!("t{i}")));
        assert_eq!(
            rec.timestamp_ms,
            Some(ts + i as i64),
            "record {i} timestamp"
        );
    }
}

#[test]
fn topics_and_brokers_are_isolated() {
    let a = Broker::start();
    let b = Broker::start();
    assert_ne!(a.port, b.port);
    let topic = unique("harness-iso");
    a.create_topic(&topic, 1);
    b.create_topic(&topic, 1);
    a.producer().send(&topic, Input::new("only on a").key("k"));
    b.producer().send(&topic, Input::new("only on b").key("k"));
    let mut ra = Reader::new(&a.bootstrap, &topic);
    let mut rb = Reader::new(&b.bootstrap, &topic);
    ra.read_at_least(1, READ_TIMEOUT);
    rb.read_at_least(1, READ_TIMEOUT);
    ra.drain(Duration::from_secs(1));
    rb.drain(Duration::from_secs(1));
    assert_eq!(ra.records.len(), 1);
    assert_eq!(rb.records.len(), 1);
    assert_eq!(ra.records[0].value.as_deref(), Some(&b"only on a"[..]));
    assert_eq!(rb.records[0].value.as_deref(), Some(&b"only on b"[..]));
}

#[test]
fn broker_with_sqlite_storage_keeps_records_across_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut broker = Broker::start_with(Storage::Sqlite(dir.path().join("tansu.db")));
    let topic = unique("harness-sqlite");
    broker.create_topic(&topic, 2);
    let inputs: Vec<Input> = (0..4)
        .map(|i| {
            Input::new(format!("v{i}"))
                .key(format!("k{i}"))
                .partition(i % 2)
        })
        .collect();
    broker.producer().send_all(&topic, &inputs);
    broker.restart();
    let mut r = Reader::new(&broker.bootstrap, &topic);
    r.read_at_least(4, READ_TIMEOUT);
    let mut keys: Vec<String> = r.records.iter().filter_map(|r| r.key_str()).collect();
    keys.sort();
    assert_eq!(keys, ["k0", "k1", "k2", "k3"]);
}

#[test]
fn prometheus_parser_sums_over_labels() {
    let text = r#"# HELP newswire_dead_letters_total Dead letters.
# TYPE newswire_dead_letters_total counter
newswire_dead_letters_total{reason="invalid_json",topic="in"} 2
newswire_dead_letters_total{reason="invalid_utf8",topic="in"} 1
newswire_dead_letters_total{topic="in",reason="invalid_json"} 3
newswire_records_consumed_total 7
newswire_build_info{version="0.1.0, \"x\""} 1
newswire_processing_duration_seconds_bucket{le="+Inf"} 5
newswire_processing_duration_seconds_sum 0.25
weird_metric{a="x"} 1.5e3 1711440000000
"#;
    let m = Metrics::parse(text);
    assert_eq!(m.sum("newswire_dead_letters_total"), 6.0);
    assert_eq!(
        m.sum_where("newswire_dead_letters_total", &[("reason", "invalid_json")]),
        5.0
    );
    assert_eq!(
        m.by_label("newswire_dead_letters_total", "reason")
            .get("invalid_utf8"),
        Some(&1.0)
    );
    assert_eq!(m.sum("newswire_records_consumed_total"), 7.0);
    assert_eq!(
        m.samples
            .iter()
            .find(|s| s.name == "newswire_build_info")
            .unwrap()
            .labels["version"],
        "0.1.0, \"x\""
    );
    assert_eq!(
        m.sum_where(
            "newswire_processing_duration_seconds_bucket",
            &[("le", "+Inf")]
        ),
        5.0
    );
    assert_eq!(m.sum("weird_metric"), 1500.0);
    assert_eq!(m.sum("absent"), 0.0);
    assert!(!m.has("absent"));
}

#[test]
fn char_slice_counts_chars_not_bytes() {
    let t = "“Blinken” met Gallant";
    assert_eq!(char_slice(t, 1, 8).as_deref(), Some("Blinken"));
    assert_eq!(char_slice(t, 14, 21).as_deref(), Some("Gallant"));
    assert_eq!(char_slice(t, 14, 22), None);
}

#[test]
fn http_get_reads_a_plain_and_a_chunked_response() {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let srv = std::thread::spawn(move || {
        for body in [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        ] {
            let (mut s, _) = l.accept().unwrap();
            let mut buf = [0u8; 1024];
            let n = s.read(&mut buf).unwrap();
            assert!(String::from_utf8_lossy(&buf[..n]).starts_with("GET /x HTTP/1.1\r\n"));
            s.write_all(body.as_bytes()).unwrap();
        }
    });
    let a = http_get(addr, "/x").unwrap();
    assert_eq!((a.status, a.body.as_str()), (200, "hello"));
    let b = http_get(addr, "/x").unwrap();
    assert_eq!((b.status, b.body.as_str()), (503, "abcde"));
    srv.join().unwrap();
}

/// tansu 0.6.0 only serves fetches that start at a record batch's base offset;
/// the harness producer therefore sends one record per batch. This guards that
/// workaround: a consumer resuming at any offset (as a restarted worker does
/// from its committed offset) must read the rest.
#[test]
fn a_consumer_can_resume_at_any_offset_of_harness_produced_records() {
    use rdkafka::consumer::{BaseConsumer, Consumer};
    use rdkafka::message::Message;
    let broker = Broker::start();
    let topic = unique("harness-resume");
    broker.create_topic(&topic, 1);
    let inputs: Vec<Input> = (0..50)
        .map(|i| Input::new(format!("v{i}")).partition(0))
        .collect();
    broker.producer().send_all(&topic, &inputs);

    let c: BaseConsumer = broker
        .client_config()
        .set("group.id", unique("harness-resume-g"))
        .set("enable.auto.commit", "false")
        .create()
        .unwrap();
    let mut tpl = rdkafka::TopicPartitionList::new();
    tpl.add_partition_offset(&topic, 0, rdkafka::Offset::Offset(23))
        .unwrap();
    c.assign(&tpl).unwrap();
    let mut offsets = Vec::new();
    let deadline = std::time::Instant::now() + READ_TIMEOUT;
    while offsets.len() < 27 && std::time::Instant::now() < deadline {
        if let Some(Ok(m)) = c.poll(Duration::from_millis(200)) {
            offsets.push(m.offset());
        }
    }
    assert_eq!(offsets, (23..50).collect::<Vec<i64>>());
}
