//! End-to-end benchmark on a real broker: one tansu broker on loopback, N news records
//! preloaded into the input topic, then, one after the other, in the same run:
//!
//! - a pass-through copy (`--copy` mode of this binary, a separate process): a plain
//!   rdkafka consume -> produce loop with the worker's client settings (idempotent
//!   producer, the worker's default producer properties read from its built-in config:
//!   compression and linger; at-least-once offset store after the ack, commit every
//!   second, at most 1024 records in flight), no decoding or enrichment;
//! - the worker (`newswire run`, the release binary under `cargo bench`) with the default
//!   config (config/newswire.toml), once per `pipeline.workers` value asked for.
//!
//! Each one reads its own input topic, preloaded with the same records just before it
//! starts (a run's paced phase adds live records to its input, so a shared input would
//! hand every later run the earlier runs' live records too), with its own consumer group,
//! and writes to its own output topic; a reader in this process counts output records (tansu 0.6.0 answers
//! ListOffsets wrongly, so completion is decided by counting distinct keys read) and
//! keeps each output record's timestamp. Figures per run:
//!
//! - records/s: output records from the 1% to the 100% mark over the span of their
//!   record timestamps (start-up and group join excluded);
//! - MB/s: input value bytes at that rate;
//! - CPU per record: utime + stime of the process (/proc/PID/stat) between the first and
//!   the last output record, divided by the records in between; the same for the broker
//!   (tansu) over the same span;
//! - peak RSS: VmHWM from /proc/PID/status at the end;
//! - load: the machine's 1-minute load average at the end of the run (other processes
//!   on a shared machine skew records/s; CPU per record much less).
//!
//! Latency (paced phase, `E2E_PACED_SECS` > 0, 10 s by default under `--bench`): once the
//! backlog is drained, the same process gets `E2E_PACED_FRACTION` (default 0.5) of its
//! own measured rate, produced live for that many seconds, and the p50/p99 of output
//! record timestamp minus input record timestamp over those records is reported. (Over
//! the preloaded backlog that difference is only the time a record waited in it.) For a
//! worker run the latency is also split at each event's `processed_at` (set when its
//! enrichment ends, in ms): input -> processed (producer linger, broker, fetch, the
//! pool's queue and the item's own processing) and processed -> output (the lane's
//! input order and the enqueue), so a slow tail says on which side it is.
//!
//! `cargo bench --bench e2e_tansu` runs the full measurement; under `cargo test
//! --all-targets` (no `--bench` flag) it runs a small smoke size, or skips when tansu is
//! not installed. Environment:
//!
//! - `E2E_RECORDS` (100000; smoke 200), `E2E_PARTITIONS` (6). At 20,000 records the
//!   copy ends in about a second, before its consume-produce loop is at speed (17,000-
//!   19,000 records/s there, 46,000-52,000 from 100,000 records on: docs/performance.md
//!   section 14), which made the ratio look twice what it is;
//! - `E2E_WORKERS`: comma-separated `pipeline.workers` values, one worker run each
//!   (default `0`, i.e. one enrichment thread per core);
//! - `E2E_COPY=0` skips the pass-through;
//! - `E2E_PACED_SECS` (10 under `--bench`, else 0: no paced phase), `E2E_PACED_FRACTION`
//!   (0.5), or `E2E_PACED_RATE` (records/s: the same rate for every subject, instead of
//!   a fraction of each one's own);
//! - `E2E_CONSUMER`: librdkafka consumer properties `name=value,...` for both the
//!   pass-through and the worker (default `fetch.wait.max.ms=10`: tansu 0.6.0 holds every
//!   fetch for the full `fetch.wait.max.ms`, librdkafka's 500 ms by default, even when
//!   records arrive meanwhile, which put a 400 ms floor under every latency measured with
//!   the default; a Kafka broker answers as soon as `fetch.min.bytes` is there, so the
//!   worker's own default stays; set `E2E_CONSUMER=` to measure with librdkafka's);
//! - `E2E_PRODUCER`: librdkafka producer properties `name=value,...` that override the
//!   worker's defaults for both the pass-through and the worker
//!   (`E2E_PRODUCER=compression.type=zstd` measures the codec the worker used before);
//! - `E2E_WORKER_BIN=/path/to/newswire`: run that worker binary instead of this build's
//!   (another revision's, for a before/after in the same conditions);
//! - `E2E_LATENCY_DUMP=/path/prefix`: write each paced record's input timestamp, ms to
//!   processed and ms to output into `/path/prefix-<run>.tsv` (a slow tail over time);
//! - `E2E_PERF=/path/prefix`: record `perf record -e cpu-clock` of each worker run while
//!   it drains the backlog, into `/path/prefix-<run>.data` (slows the run a little).
//!
//! Texts: the project's own items only (eval/*/NNN.txt, examples/demo-items 01 and 02,
//! tests/fixtures/sample_item.txt), cycled.

mod common;
#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::texts;
use futures::StreamExt;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::util::Timeout;
use support::{unique, Broker, Worker, WorkerConfig};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--copy") {
        copy_main(&args[2..]);
        return;
    }
    let full = args.iter().any(|a| a == "--bench");
    if std::panic::catch_unwind(support::tansu_bin).is_err() {
        if full {
            panic!("e2e_tansu needs the tansu broker (scripts/install-tansu.sh)");
        }
        println!("e2e_tansu: tansu not installed, smoke run skipped");
        return;
    }
    let n: usize = env_or("E2E_RECORDS", if full { 100_000 } else { 200 });
    let partitions: i32 = env_or("E2E_PARTITIONS", 6);
    let workers: Vec<usize> = std::env::var("E2E_WORKERS")
        .unwrap_or_else(|_| "0".into())
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .collect();
    let with_copy = env_or("E2E_COPY", 1) != 0;
    let paced_secs: f64 = env_or("E2E_PACED_SECS", if full { 10.0 } else { 0.0 });
    let pacing = match std::env::var("E2E_PACED_RATE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(rate) => Pacing::Rate(rate),
        None => Pacing::Fraction(env_or("E2E_PACED_FRACTION", 0.5)),
    };
    let perf = std::env::var_os("E2E_PERF").map(PathBuf::from);

    let texts = texts();
    let broker = Broker::start();

    let mut results = Vec::new();
    let mut subjects: Vec<(String, Option<usize>)> = Vec::new();
    if with_copy {
        subjects.push(("pass-through copy".into(), None));
    }
    for w in &workers {
        let name = if *w == 0 {
            format!("worker, workers=0 ({} cores)", cores())
        } else {
            format!("worker, workers={w}")
        };
        subjects.push((name, Some(*w)));
    }
    for (k, (name, w)) in subjects.into_iter().enumerate() {
        // Each run reads its own input topic with the same records: a run's paced phase
        // produces live records into its input, which a later run reading the same topic
        // from the start would have to work through as well.
        let input = unique("e2e-in");
        broker.create_topic(&input, partitions);
        let t = Instant::now();
        let inputs = preload(&broker.bootstrap, &input, &texts, n, "r");
        if k == 0 {
            println!(
                "e2e_tansu: {n} records ({:.0} bytes and {:.0} words on average, {} texts of the project's own), {partitions} partitions, preloaded in {:.1} s",
                inputs.bytes as f64 / n as f64,
                inputs.words as f64 / n as f64,
                texts.len(),
                t.elapsed().as_secs_f64()
            );
        }
        let r = measure(
            &broker,
            &input,
            &inputs,
            partitions,
            &name,
            w,
            perf.as_ref(),
            paced_secs,
            pacing,
            &texts,
        );
        r.print_line();
        results.push(r);
    }
    print_table(&results, n);
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |p| p.get())
}

/// Input records as produced: key index -> record timestamp (ms).
struct Inputs {
    ts: HashMap<String, i64>,
    bytes: usize,
    words: usize,
}

/// Produces `n` records keyed `{prefix}{i}` (text `i * 7 mod len`, so neighbours differ),
/// pipelined, and waits for every acknowledgement. `pace`: records per second, or as fast
/// as the broker takes them.
fn produce(
    bootstrap: &str,
    topic: &str,
    texts: &[Vec<u8>],
    n: usize,
    prefix: &str,
    pace: Option<f64>,
) -> Inputs {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("linger.ms", "5")
        .set("message.timeout.ms", "120000")
        .create()
        .expect("producer");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let mut out = Inputs {
            ts: HashMap::with_capacity(n),
            bytes: 0,
            words: 0,
        };
        let mut pending = futures::stream::FuturesUnordered::new();
        let started = Instant::now();
        for i in 0..n {
            if let Some(rate) = pace {
                let due = started + Duration::from_secs_f64(i as f64 / rate);
                while Instant::now() < due {
                    tokio::select! {
                        Some(()) = pending.next(), if !pending.is_empty() => {}
                        _ = tokio::time::sleep_until(due.into()) => {}
                    }
                }
            }
            let key = format!("{prefix}{i}");
            let value = &texts[(i * 7) % texts.len()];
            out.bytes += value.len();
            out.words += value
                .split(u8::is_ascii_whitespace)
                .filter(|w| !w.is_empty())
                .count();
            let ts = chrono::Utc::now().timestamp_millis();
            out.ts.insert(key.clone(), ts);
            let producer = &producer;
            pending.push(async move {
                producer
                    .send(
                        FutureRecord::to(topic)
                            .key(&key)
                            .payload(value.as_slice())
                            .timestamp(ts),
                        Timeout::After(Duration::from_secs(120)),
                    )
                    .await
                    .map_err(|(e, _)| e)
                    .expect("produce input");
            });
            if pending.len() >= 2000 {
                pending.next().await;
            }
        }
        while pending.next().await.is_some() {}
        out
    })
}

fn preload(bootstrap: &str, topic: &str, texts: &[Vec<u8>], n: usize, prefix: &str) -> Inputs {
    produce(bootstrap, topic, texts, n, prefix, None)
}

/// The paced phase's rate: a fraction of the subject's own measured rate (the issue's
/// "half of the maximum"), or a fixed rate, so that two subjects or two revisions are
/// compared at the same load.
#[derive(Clone, Copy)]
enum Pacing {
    Fraction(f64),
    Rate(f64),
}

/// What runs: the copy (this binary in `--copy` mode) or the worker.
enum Subject {
    Copy(Child),
    Worker(Box<Worker>),
}

impl Subject {
    fn pid(&self) -> u32 {
        match self {
            Subject::Copy(c) => c.id(),
            Subject::Worker(w) => w.pid(),
        }
    }
    /// The worker's `/metrics` (None for the copy, which has none).
    fn metrics(&self) -> Option<support::Metrics> {
        match self {
            Subject::Copy(_) => None,
            Subject::Worker(w) => Some(w.metrics()),
        }
    }
    fn check_alive(&mut self) {
        match self {
            Subject::Copy(c) => {
                if let Some(st) = c.try_wait().expect("try_wait") {
                    panic!("pass-through copy exited early: {st}");
                }
            }
            Subject::Worker(w) => w.assert_alive(),
        }
    }
    fn stop(self) {
        match self {
            Subject::Copy(mut c) => {
                let _ = c.kill();
                let _ = c.wait();
            }
            Subject::Worker(mut w) => {
                w.sigterm();
                let st = w.wait_exit(support::EXIT_TIMEOUT);
                assert!(st.success(), "worker exit status {st}");
            }
        }
    }
}

/// utime + stime of a process, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    // after ")": state is field 3, utime field 14, stime field 15 (1-based over the line)
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|i| f.get(*i).and_then(|v| v.parse::<f64>().ok()))
        .sum();
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks / hz
}

/// Peak resident set size (VmHWM) in MB.
fn peak_rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

struct RunResult {
    name: String,
    rate: f64,
    mbps: f64,
    cpu_per_record: f64,
    cpu_total: f64,
    broker_cpu_per_record: f64,
    rss_mb: f64,
    wall: f64,
    load: f64,
    paced: Option<(f64, f64, f64)>,
    /// The paced records' latency split at the event's `processed_at` (worker runs only):
    /// p50 and p99 of input timestamp -> processed, and of processed -> output timestamp.
    paced_split: Option<[f64; 4]>,
    /// The paced records' wait for an enrichment thread, from the worker's
    /// `newswire_queue_wait_seconds` over the paced phase: mean and the p99's bucket bound.
    paced_queue: Option<(f64, f64)>,
}

impl RunResult {
    fn print_line(&self) {
        println!(
            "  {}: {:.0} records/s, {:.2} MB/s, {:.0} us CPU/record ({:.1} s CPU in all), broker {:.0} us CPU/record, peak RSS {:.0} MB, {:.1} s wall from start, load {:.1}",
            self.name,
            self.rate,
            self.mbps,
            self.cpu_per_record * 1e6,
            self.cpu_total,
            self.broker_cpu_per_record * 1e6,
            self.rss_mb,
            self.wall,
            self.load
        );
        if let Some((rate, p50, p99)) = self.paced {
            println!("    paced at {rate:.0} records/s: latency p50 {p50:.0} ms p99 {p99:.0} ms");
        }
        if let Some([in50, in99, out50, out99]) = self.paced_split {
            println!(
                "    of which input -> processed (fetch, queue, enrichment) p50 {in50:.0} ms p99 {in99:.0} ms; \
                 processed -> output (lane order, enqueue) p50 {out50:.0} ms p99 {out99:.0} ms"
            );
        }
        if let Some((mean, p99)) = self.paced_queue {
            println!(
                "    of input -> processed, the wait for an enrichment thread: mean {mean:.1} ms, p99 at most {p99:.1} ms"
            );
        }
    }
}

fn percentile(sorted: &[i64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i] as f64
}

/// Counts distinct keys on the output topics until `want` keys of `inputs` were read;
/// calls `on_first` at the first, returns (key -> first output timestamp). With
/// `processed`, also keeps each event's `processed_at` (ms) there.
fn read_outputs(
    reader: &BaseConsumer,
    inputs: &Inputs,
    subject: &mut Subject,
    mut processed: Option<&mut HashMap<String, i64>>,
    mut on_first: impl FnMut(),
) -> HashMap<String, i64> {
    let want = inputs.ts.len();
    let mut seen: HashMap<String, i64> = HashMap::with_capacity(want);
    let deadline = Instant::now() + Duration::from_secs(120 + want as u64 / 50);
    let mut last_check = Instant::now();
    while seen.len() < want {
        if let Some(m) = reader.poll(Duration::from_millis(100)) {
            let m = m.expect("read output");
            let key = m.key().map(|k| String::from_utf8_lossy(k).into_owned());
            if let Some(key) = key.filter(|k| inputs.ts.contains_key(k)) {
                if seen.is_empty() {
                    on_first();
                }
                let ts = m.timestamp().to_millis().expect("output record timestamp");
                if let (Some(processed), Some(at)) = (
                    processed.as_deref_mut(),
                    m.payload().and_then(processed_at_ms),
                ) {
                    processed.entry(key.clone()).or_insert(at);
                }
                seen.entry(key).or_insert(ts);
            }
        }
        if last_check.elapsed() > Duration::from_secs(1) {
            last_check = Instant::now();
            subject.check_alive();
            assert!(
                Instant::now() < deadline,
                "only {} of {want} outputs read",
                seen.len()
            );
        }
    }
    seen
}

/// Writes one line per paced record, in input order: input timestamp (ms), then ms to
/// processed (`-` without one) and ms to the output record.
fn dump_latencies(
    path: &str,
    inputs: &Inputs,
    outputs: &HashMap<String, i64>,
    processed: &HashMap<String, i64>,
) {
    let mut rows: Vec<(i64, String, i64)> = outputs
        .iter()
        .map(|(k, out)| {
            let input = inputs.ts[k];
            let to_processed = processed
                .get(k)
                .map_or("-".to_string(), |at| (at - input).to_string());
            (input, to_processed, out - input)
        })
        .collect();
    rows.sort_unstable();
    let text: String = rows
        .iter()
        .map(|(input, to_processed, to_output)| format!("{input}\t{to_processed}\t{to_output}\n"))
        .collect();
    std::fs::write(path, text).expect("write the latency dump");
}

/// An event's `processed_at`, in ms since the epoch (None for a dead letter or a copy).
fn processed_at_ms(payload: &[u8]) -> Option<i64> {
    const FIELD: &[u8] = b"\"processed_at\":\"";
    let start = payload.windows(FIELD.len()).position(|w| w == FIELD)? + FIELD.len();
    let len = payload[start..].iter().position(|&b| b == b'"')?;
    let text = std::str::from_utf8(&payload[start..start + len]).ok()?;
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// The 1-minute load average.
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

fn latencies(inputs: &Inputs, outputs: &HashMap<String, i64>) -> Vec<i64> {
    let mut l: Vec<i64> = outputs.iter().map(|(k, out)| out - inputs.ts[k]).collect();
    l.sort_unstable();
    l
}

#[allow(clippy::too_many_arguments)]
fn measure(
    broker: &Broker,
    input: &str,
    inputs: &Inputs,
    partitions: i32,
    name: &str,
    workers: Option<usize>,
    perf: Option<&PathBuf>,
    paced_secs: f64,
    pacing: Pacing,
    texts: &[Vec<u8>],
) -> RunResult {
    let n = inputs.ts.len();
    let output = unique("e2e-out");
    let dead_letter = unique("e2e-dlq");
    broker.create_topic(&output, partitions);
    broker.create_topic(&dead_letter, partitions);
    let group = unique("e2e-group");
    // The reader takes the same consumer properties: its first record opens the CPU
    // window, and a reader held 500 ms per fetch would open it after a fast subject has
    // done most of its work.
    let mut reader_config = ClientConfig::new();
    reader_config
        .set("bootstrap.servers", &broker.bootstrap)
        .set("group.id", unique("e2e-reader"))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "false");
    for (name, value) in extra_consumer_properties() {
        reader_config.set(name, value);
    }
    let reader: BaseConsumer = reader_config.create().expect("reader");
    reader
        .subscribe(&[output.as_str(), dead_letter.as_str()])
        .expect("subscribe");

    let started = Instant::now();
    let mut subject = match workers {
        None => Subject::Copy(
            Command::new(std::env::current_exe().expect("current exe"))
                .args(["--copy", &broker.bootstrap, input, &output, &group])
                .stdin(Stdio::null())
                .spawn()
                .expect("spawn pass-through copy"),
        ),
        Some(w) => {
            let mut cfg = WorkerConfig::new(broker, &group, input, &output, &dead_letter)
                .env("NEWSWIRE__PIPELINE__WORKERS", &w.to_string())
                .env("NEWSWIRE__LOG__LEVEL", "warn");
            for (name, value) in extra_consumer_properties() {
                let key = name.to_ascii_uppercase().replace('.', "_");
                cfg = cfg.env(&format!("NEWSWIRE__KAFKA__CONSUMER__{key}"), &value);
            }
            for (name, value) in extra_producer_properties() {
                let key = name.to_ascii_uppercase().replace('.', "_");
                cfg = cfg.env(&format!("NEWSWIRE__KAFKA__PRODUCER__{key}"), &value);
            }
            Subject::Worker(Box::new(Worker::spawn(&cfg, &unique("e2e-worker"))))
        }
    };
    let pid = subject.pid();
    let mut perf_child: Option<Child> = None;
    let broker_pid = broker.pid().expect("broker running");
    let (mut cpu0, mut broker_cpu0) = (0.0, 0.0);
    let outputs = read_outputs(&reader, inputs, &mut subject, None, || {
        cpu0 = cpu_seconds(pid);
        broker_cpu0 = cpu_seconds(broker_pid);
        if let (Some(prefix), Some(w)) = (perf, workers) {
            let out = format!("{}-workers{w}.data", prefix.display());
            perf_child = Some(
                Command::new("perf")
                    .args(["record", "-e", "cpu-clock", "-F", "999", "-p"])
                    .arg(pid.to_string())
                    .args(["-o", &out])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("spawn perf record"),
            );
        }
    });
    let cpu1 = cpu_seconds(pid);
    let broker_cpu1 = cpu_seconds(broker_pid);
    let load = load_average();
    let rss_mb = peak_rss_mb(pid);
    let wall = started.elapsed().as_secs_f64();
    if let Some(mut p) = perf_child {
        // SAFETY: SIGINT to our own child (perf writes its file and exits).
        unsafe { libc::kill(p.id() as libc::pid_t, libc::SIGINT) };
        let _ = p.wait();
    }

    let mut ts: Vec<i64> = outputs.values().copied().collect();
    ts.sort_unstable();
    let first = n / 100;
    let span = (ts[n - 1] - ts[first]).max(1) as f64 / 1000.0;
    let rate = (n - 1 - first) as f64 / span;

    let mut paced_split = None;
    let mut paced_queue = None;
    let paced = (paced_secs > 0.0).then(|| {
        let pace = match pacing {
            Pacing::Fraction(f) => rate * f,
            Pacing::Rate(r) => r,
        };
        let m = (pace * paced_secs).max(10.0) as usize;
        let prefix = format!("p{}-", unique("x"));
        let before = subject.metrics();
        let live = produce(&broker.bootstrap, input, texts, m, &prefix, Some(pace));
        let mut processed = HashMap::new();
        let outs = read_outputs(&reader, &live, &mut subject, Some(&mut processed), || {});
        let lat = latencies(&live, &outs);
        if let (Some(before), Some(after)) = (before, subject.metrics()) {
            paced_queue = queue_wait(&before, &after);
        }
        if let Ok(path) = std::env::var("E2E_LATENCY_DUMP") {
            let run: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            dump_latencies(&format!("{path}-{run}.tsv"), &live, &outs, &processed);
        }
        if !processed.is_empty() {
            let mut to_processed: Vec<i64> =
                processed.iter().map(|(k, at)| at - live.ts[k]).collect();
            let mut to_output: Vec<i64> = processed.iter().map(|(k, at)| outs[k] - at).collect();
            to_processed.sort_unstable();
            to_output.sort_unstable();
            paced_split = Some([
                percentile(&to_processed, 0.5),
                percentile(&to_processed, 0.99),
                percentile(&to_output, 0.5),
                percentile(&to_output, 0.99),
            ]);
        }
        (pace, percentile(&lat, 0.5), percentile(&lat, 0.99))
    });
    subject.stop();

    RunResult {
        name: name.to_string(),
        rate,
        mbps: rate * inputs.bytes as f64 / n as f64 / 1e6,
        cpu_per_record: (cpu1 - cpu0) / (n - 1) as f64,
        cpu_total: cpu1,
        broker_cpu_per_record: (broker_cpu1 - broker_cpu0) / (n - 1) as f64,
        rss_mb,
        wall,
        load,
        paced,
        paced_split,
        paced_queue,
    }
}

/// Mean and p99 (the upper bound of the bucket it falls in) of the worker's queue wait
/// between two scrapes of its `/metrics`, in ms; None without observations in between.
fn queue_wait(before: &support::Metrics, after: &support::Metrics) -> Option<(f64, f64)> {
    const NAME: &str = "newswire_queue_wait_seconds";
    let delta = |name: &str| after.sum(name) - before.sum(name);
    let count = delta(&format!("{NAME}_count"));
    if count < 1.0 {
        return None;
    }
    let mean = delta(&format!("{NAME}_sum")) / count * 1e3;
    let bucket = format!("{NAME}_bucket");
    let mut cumulative: Vec<(f64, f64)> = (after.samples.iter())
        .filter(|s| s.name == bucket)
        .filter_map(|s| {
            let le = s.labels.get("le")?;
            let bound = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().ok()?
            };
            let labels: Vec<(&str, &str)> = vec![("le", le.as_str())];
            Some((bound, s.value - before.sum_where(&bucket, &labels)))
        })
        .collect();
    cumulative.sort_by(|a, b| a.0.total_cmp(&b.0));
    let p99 = cumulative.iter().find(|(_, n)| *n >= 0.99 * count)?.0 * 1e3;
    Some((mean, p99))
}

fn print_table(results: &[RunResult], n: usize) {
    let base = results.iter().find(|r| r.name.starts_with("pass-through"));
    println!();
    println!("| run ({n} records) | records/s | MB/s (input) | ratio to copy | CPU us/record | CPU ratio | broker CPU us/record | peak RSS (MB) | paced latency p50 / p99 (ms) at records/s | load |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for r in results {
        let (ratio, cpu_ratio) = base.map_or(("-".into(), "-".into()), |b| {
            (
                format!("{:.2}", r.rate / b.rate),
                format!("{:.1}", r.cpu_per_record / b.cpu_per_record),
            )
        });
        let paced = r.paced.map_or("-".to_string(), |(rate, p50, p99)| {
            format!("{p50:.0} / {p99:.0} at {rate:.0}")
        });
        println!(
            "| {} | {:.0} | {:.2} | {} | {:.0} | {} | {:.0} | {:.0} | {} | {:.1} |",
            r.name,
            r.rate,
            r.mbps,
            ratio,
            r.cpu_per_record * 1e6,
            cpu_ratio,
            r.broker_cpu_per_record * 1e6,
            r.rss_mb,
            paced,
            r.load
        );
    }
}

/// `--copy BOOTSTRAP INPUT OUTPUT GROUP`: the pass-through. The worker's client settings
/// (src/source.rs, src/sink.rs and config/newswire.toml), no processing: each record's
/// key and value go to OUTPUT; its offset is stored once the copy is acknowledged and
/// committed every second; at most 1024 records in flight (pipeline.max_in_flight).
fn copy_main(args: &[String]) {
    let [bootstrap, input, output, group] = args else {
        panic!("usage: --copy BOOTSTRAP INPUT OUTPUT GROUP");
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let mut consumer_config = ClientConfig::new();
        consumer_config
            .set("bootstrap.servers", bootstrap)
            .set("client.id", "newswire")
            .set("group.id", group)
            .set("auto.offset.reset", "earliest")
            .set("statistics.interval.ms", "2000")
            .set("session.timeout.ms", "10000")
            .set("enable.partition.eof", "false")
            .set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("partition.assignment.strategy", "cooperative-sticky");
        for (name, value) in extra_consumer_properties() {
            consumer_config.set(name, value);
        }
        let consumer: StreamConsumer = consumer_config.create().expect("consumer");
        consumer.subscribe(&[input.as_str()]).expect("subscribe");
        let mut producer_config = ClientConfig::new();
        producer_config
            .set("bootstrap.servers", bootstrap)
            .set("client.id", "newswire")
            .set("message.max.bytes", (1_048_576 + 65_536).to_string())
            .set("allow.auto.create.topics", "false")
            .set("message.timeout.ms", "0")
            .set("enable.idempotence", "true");
        // The worker's own defaults (compression, linger), then the bench's overrides, so
        // that the two producers cannot drift apart.
        for (name, value) in worker_default_producer_properties()
            .into_iter()
            .chain(extra_producer_properties())
        {
            producer_config.set(name, value);
        }
        let producer: FutureProducer = producer_config.create().expect("producer");
        let mut stream = consumer.stream();
        let mut acks = futures::stream::FuturesUnordered::new();
        let mut commit = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                m = stream.next(), if acks.len() < 1024 => {
                    let m = m.expect("stream ended").expect("consume").detach();
                    let producer = &producer;
                    acks.push(async move {
                        let mut r = FutureRecord::to(output.as_str())
                            .payload(m.payload().unwrap_or_default());
                        if let Some(k) = m.key() {
                            r = r.key(k);
                        }
                        producer.send(r, Timeout::Never).await.map_err(|(e, _)| e).expect("copy");
                        (m.partition(), m.offset())
                    });
                }
                Some((partition, offset)) = acks.next(), if !acks.is_empty() => {
                    consumer.store_offset(input, partition, offset).expect("store offset");
                }
                _ = commit.tick() => {
                    let _ = consumer.commit_consumer_state(CommitMode::Async);
                }
            }
        }
    });
}

/// The producer properties the worker sets by default (`kafka.producer` of its built-in
/// config: compression and linger).
fn worker_default_producer_properties() -> Vec<(String, String)> {
    newswire::config::Config::default()
        .kafka
        .producer
        .into_iter()
        .map(|(name, value)| (name, value.to_string()))
        .collect()
}

/// librdkafka producer properties from `E2E_PRODUCER` (`name=value,name=value`), given to
/// both the pass-through and the worker over their defaults.
fn extra_producer_properties() -> Vec<(String, String)> {
    parse_properties(&std::env::var("E2E_PRODUCER").unwrap_or_default())
}

/// librdkafka consumer properties from `E2E_CONSUMER` (`name=value,name=value`), given to
/// both the pass-through and the worker so that the two keep the same client settings
/// (default `fetch.wait.max.ms=10`; see the module doc).
fn extra_consumer_properties() -> Vec<(String, String)> {
    parse_properties(
        &std::env::var("E2E_CONSUMER").unwrap_or_else(|_| "fetch.wait.max.ms=10".into()),
    )
}

/// `name=value,name=value` as pairs; entries without `=` are skipped.
fn parse_properties(list: &str) -> Vec<(String, String)> {
    list.split(',')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}
