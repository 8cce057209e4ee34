//! The whole per-item path the worker runs on one record, on one core: the record's
//! source reference (topic, partition, offset, key, timestamp), decode of the value,
//! normalize, enrich, the event, its id and its JSON encoding: `process::process_item`,
//! the function the worker's enrichment threads call for every record (issue 12: ">= 3 M
//! words/s per core on real text, measured by a bench that runs the whole per-item path").
//!
//! Texts: the project's own items (eval/*/NNN.txt, examples/demo-items 01 and 02,
//! tests/fixtures/sample_item.txt; `benches/common`), as record values. Words are the
//! whitespace-separated words of those values.
//!
//! Baseline, in the same run and on the same records: the path without the text work,
//! i.e. what a worker that only re-wraps items would do (source reference, decode, the
//! event with the decoded text and no entities, its id and its JSON encoding). The ratio
//! path/baseline is what normalizing and enriching cost on top of moving an item through
//! the worker's code. The parts of the path are timed too: normalize alone, enrich alone
//! (on normalized text), and the encoding of the finished events.
//!
//! Time is the thread's CPU time (/proc/thread-self/schedstat, wall time where that file
//! is missing); each figure is the best of several repetitions, so other processes on a
//! shared machine skew it little.
//!
//! `cargo bench --bench item_path` runs the full measurement; under `cargo test
//! --all-targets` (no `--bench` flag) it runs once, small, so that it cannot rot.
//! `ITEM_PATH_REPS` (default 7) sets the repetitions, `ITEM_PATH_ROUNDS` (default 20)
//! the passes over all texts per repetition. `ITEM_PATH_ONLY=1` times the whole path only
//! (no baseline, no parts), so that a profiler (`scripts/pass-profile`) sees the worker's
//! path in its real proportions.

mod common;

use std::hint::black_box;
use std::time::Instant;

use chrono::Utc;
use newswire::config::Config;
use newswire::decode::decode;
use newswire::enrich::normalize::normalize;
use newswire::enrich::Enricher;
use newswire::event::{
    rfc3339, rfc3339_from_millis, Event, KafkaSource, SourceRef, SCHEMA_VERSION, WORKER_VERSION,
};
use newswire::process::{process_item, Limits};

/// The worker binary's allocator (src/main.rs), so that this measures the worker's path.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time of this thread in nanoseconds, or wall time when /proc does not say.
struct Clock {
    wall: Instant,
}

impl Clock {
    fn cpu_ns() -> Option<u64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        s.split_whitespace().next()?.parse().ok()
    }

    fn start() -> (Self, Option<u64>) {
        (
            Clock {
                wall: Instant::now(),
            },
            Self::cpu_ns(),
        )
    }

    fn seconds(&self, cpu0: Option<u64>) -> f64 {
        match (cpu0, Self::cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
            _ => self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// Best (least) seconds of `reps` runs of `f`.
fn best_of(reps: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let (clock, cpu0) = Clock::start();
        black_box(f());
        best = best.min(clock.seconds(cpu0));
    }
    best
}

/// The record's source as the worker builds it for every record (`pipeline.rs`).
fn source(offset: i64) -> (SourceRef, String) {
    let key = format!("item-{offset}");
    (
        SourceRef::Kafka(KafkaSource {
            topic: "news.raw".to_string(),
            partition: (offset % 6) as i32,
            offset,
            key: Some(key.clone()),
            timestamp: rfc3339_from_millis(1_764_720_000_000 + offset),
        }),
        key,
    )
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let reps = env_or("ITEM_PATH_REPS", if full { 7 } else { 1 });
    let rounds = env_or("ITEM_PATH_ROUNDS", if full { 20 } else { 1 });
    let enricher = Enricher::new().expect("bundled data loads");
    let values = common::texts();
    let config = Config::default();
    // As the worker's limits; no event of these texts comes near a record's size limit.
    let limits = Limits {
        max_input_bytes: config.pipeline.max_message_bytes,
        max_text_bytes: config.enrich.max_text_bytes,
        max_event_bytes: usize::MAX,
    };
    let words_per_round: usize = values
        .iter()
        .map(|v| String::from_utf8_lossy(v).split_whitespace().count())
        .sum();
    let bytes_per_round: usize = values.iter().map(Vec::len).sum();
    let words = (words_per_round * rounds) as f64;

    // The whole path, as the worker runs it.
    let path = best_of(reps, || {
        let mut out = 0;
        for r in 0..rounds {
            for (i, v) in values.iter().enumerate() {
                let (src, key) = source((r * values.len() + i) as i64);
                if let Ok(p) = process_item(&enricher, src, Some(&key), v, &limits) {
                    out += p.payload.len();
                }
            }
        }
        out
    });

    if std::env::var_os("ITEM_PATH_ONLY").is_some() {
        println!(
            "item_path (whole path only): {:.2} M words/s, {:.1} us/item",
            words / path / 1e6,
            path * 1e6 / (values.len() * rounds) as f64
        );
        return;
    }

    // Baseline: the same records re-wrapped without normalize or enrich.
    let baseline = best_of(reps, || {
        let mut out = 0;
        for r in 0..rounds {
            for (i, v) in values.iter().enumerate() {
                let (src, key) = source((r * values.len() + i) as i64);
                let Ok(raw) = decode(v, limits.max_input_bytes) else {
                    continue;
                };
                let event = Event {
                    schema_version: SCHEMA_VERSION,
                    event_id: src.event_id(v),
                    source: src,
                    item_id: raw.item_id.or(Some(key)),
                    published_date: raw.published_date,
                    title: raw.title,
                    url: raw.url,
                    text: raw.body,
                    truncated: false,
                    language: raw.language,
                    processed_at: rfc3339(Utc::now()),
                    worker_version: WORKER_VERSION.to_string(),
                    officials: Vec::new(),
                    locations: Vec::new(),
                    organizations: Vec::new(),
                    quotes: Vec::new(),
                    events: Vec::new(),
                };
                out += event.encode().map_or(0, |p| p.len());
            }
        }
        out
    });

    // The parts: normalize, enrich, encode.
    let bodies: Vec<String> = values
        .iter()
        .filter_map(|v| decode(v, limits.max_input_bytes).ok())
        .map(|raw| raw.body)
        .collect();
    let normalized: Vec<String> = bodies.iter().map(|b| normalize(b)).collect();
    let normalize_s = best_of(reps, || {
        let mut out = 0;
        for _ in 0..rounds {
            for b in &bodies {
                out += normalize(black_box(b)).len();
            }
        }
        out
    });
    let enrich_s = best_of(reps, || {
        let mut out = 0;
        for _ in 0..rounds {
            for t in &normalized {
                let e = enricher.enrich(black_box(t));
                out += e.officials.len() + e.locations.len() + e.events.len();
            }
        }
        out
    });
    let events: Vec<Event> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let (src, key) = source(i as i64);
            process_item(&enricher, src, Some(&key), v, &limits).ok()
        })
        .map(|p| p.event)
        .collect();
    let encode_s = best_of(reps, || {
        let mut out = 0;
        for _ in 0..rounds {
            for e in &events {
                out += black_box(e).encode().map_or(0, |p| p.len());
            }
        }
        out
    });

    let per_item_us = |s: f64| s * 1e6 / (values.len() * rounds) as f64;
    let mwords = |s: f64| words / s / 1e6;
    println!(
        "item_path: {} items x {rounds} rounds, {words_per_round} words and {bytes_per_round} bytes a round (the project's own texts), best of {reps}, one thread, CPU time",
        values.len()
    );
    println!("  {:<44} {:>10} {:>12}", "", "M words/s", "us/item");
    for (name, s) in [
        ("whole path (process_item)", path),
        ("baseline: decode + event + encode, no text work", baseline),
        ("  part: normalize", normalize_s),
        ("  part: enrich", enrich_s),
        ("  part: encode the finished event", encode_s),
    ] {
        println!("  {name:<44} {:>10.2} {:>12.1}", mwords(s), per_item_us(s));
    }
    println!(
        "  ratio whole path / baseline (time per item): {:.1}; target >= 3 M words/s per core: {}",
        path / baseline,
        if mwords(path) >= 3.0 {
            "met"
        } else {
            "not met"
        }
    );
}
