//! Integration-test harness: a real Kafka-compatible broker (tansu) on a free
//! loopback port, the `newswire` binary as a child process, and helpers to
//! produce, read back, scrape metrics and validate events.
//!
//! Every test starts its own broker with its own storage, and uses its own
//! topic and group names, so tests can run in parallel (cargo test threads or
//! nextest processes).
//!
//! tansu 0.6.0 answers ListOffsets with wrong values, so nothing here uses
//! watermarks or lag: readers decide they are done by counting records.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, Headers, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;
use serde_json::Value;

/// Failure guards only: nothing is asserted about speed. The machines are
/// small (2 cores) and tests run in parallel, so these are generous.
pub const BROKER_START_TIMEOUT: Duration = Duration::from_secs(60);
pub const WORKER_READY_TIMEOUT: Duration = Duration::from_secs(90);
pub const READ_TIMEOUT: Duration = Duration::from_secs(180);
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------
// naming and ports
// ---------------------------------------------------------------------------

/// A name unique within this machine for this run: prefix, test process id and
/// a per-process counter. Topics and groups never collide between tests.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// A loopback port that was free a moment ago (bound to port 0, then released).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().unwrap().port()
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> Vec<u8> {
    let p = repo_root().join("tests/fixtures").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("read fixture {}: {e}", p.display()))
}

/// Poll `cond` until it returns `Some`, or panic with `what` after `timeout`.
pub fn wait_for<T>(what: &str, timeout: Duration, mut cond: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(20);
    loop {
        if let Some(v) = cond() {
            return v;
        }
        if Instant::now() >= deadline {
            panic!("timed out after {timeout:?} waiting for {what}");
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(250));
    }
}

fn tail_of(path: &Path, max: usize) -> String {
    let mut s = String::new();
    if let Ok(mut f) = File::open(path) {
        let mut buf = Vec::new();
        let _ = f.read_to_end(&mut buf);
        let start = buf.len().saturating_sub(max);
        s = String::from_utf8_lossy(&buf[start..]).into_owned();
    }
    s
}

// ---------------------------------------------------------------------------
// broker
// ---------------------------------------------------------------------------

/// Where the tansu binary is: $TANSU_BIN, else `tansu` on PATH, else
/// ~/.cargo/bin/tansu. `scripts/test` installs it when it is missing.
pub fn tansu_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("TANSU_BIN") {
        return PathBuf::from(p);
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    for d in dirs {
        let c = d.join("tansu");
        if c.is_file() {
            return c;
        }
    }
    panic!(
        "the `tansu` broker is not installed: these integration tests need it. \
         Run ./scripts/test (it installs it), or scripts/install-tansu.sh, or set TANSU_BIN"
    );
}

/// Storage for a broker: in memory (lost with the process) or an sqlite file
/// (survives a broker restart).
#[derive(Clone, Debug)]
pub enum Storage {
    Memory,
    Sqlite(PathBuf),
}

/// A running tansu broker on a loopback port. Killed on drop.
pub struct Broker {
    child: Option<Child>,
    pub port: u16,
    pub bootstrap: String,
    storage: Storage,
    dir: tempfile::TempDir,
    log: PathBuf,
}

impl Broker {
    /// Start a broker with in-memory storage and wait until it answers Metadata.
    pub fn start() -> Broker {
        Self::start_with(Storage::Memory)
    }

    pub fn start_with(storage: Storage) -> Broker {
        let dir = tempfile::Builder::new()
            .prefix("newswire-tansu-")
            .tempdir()
            .expect("tempdir");
        let mut b = Broker {
            child: None,
            port: 0,
            bootstrap: String::new(),
            storage,
            log: dir.path().join("tansu.log"),
            dir,
        };
        let mut last_err = String::new();
        // The port may be taken between free_port() and tansu's bind: retry.
        for _attempt in 0..3 {
            b.port = free_port();
            b.bootstrap = format!("127.0.0.1:{}", b.port);
            match b.spawn_and_wait() {
                Ok(()) => return b,
                Err(e) => last_err = e,
            }
        }
        panic!("could not start tansu: {last_err}");
    }

    fn storage_url(&self) -> String {
        match &self.storage {
            Storage::Memory => "memory://tansu/".to_string(),
            // tansu resolves the URL path relative to its working directory
            // (sqlite:///abs/x opens abs/x), so it runs in the file's directory.
            Storage::Sqlite(p) => format!(
                "sqlite://{}",
                p.file_name().expect("sqlite file name").to_string_lossy()
            ),
        }
    }

    fn spawn_and_wait(&mut self) -> Result<(), String> {
        let url = format!("tcp://127.0.0.1:{}", self.port);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .map_err(|e| e.to_string())?;
        let log2 = log.try_clone().map_err(|e| e.to_string())?;
        let mut cmd = Command::new(tansu_bin());
        if let Storage::Sqlite(p) = &self.storage {
            cmd.current_dir(p.parent().expect("sqlite file directory"));
        }
        cmd.arg("broker")
            .arg("--listener-url")
            .arg(&url)
            .arg("--advertised-listener-url")
            .arg(&url)
            .arg("--storage-engine")
            .arg(self.storage_url())
            .arg("--silent")
            // tansu reads these from the environment too; make flags the only source
            .env_remove("LISTENER_URL")
            .env_remove("ADVERTISED_LISTENER_URL")
            .env_remove("STORAGE_ENGINE")
            .env_remove("CLUSTER_ID")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log2));
        let child = cmd
            .spawn()
            .map_err(|e| format!("spawn {}: {e}", tansu_bin().display()))?;
        self.child = Some(child);
        let started = Instant::now();
        let deadline = started + BROKER_START_TIMEOUT;
        loop {
            if let Some(st) = self.child.as_mut().unwrap().try_wait().unwrap() {
                self.child = None;
                return Err(format!(
                    "tansu exited early ({st}) on port {}: {}",
                    self.port,
                    tail_of(&self.log, 2000)
                ));
            }
            if TcpStream::connect_timeout(
                &SocketAddr::from(([127, 0, 0, 1], self.port)),
                Duration::from_millis(200),
            )
            .is_ok()
                && self.metadata_ok()
            {
                eprintln!(
                    "[harness] tansu up on {} after {:?}",
                    self.bootstrap,
                    started.elapsed()
                );
                return Ok(());
            }
            if Instant::now() > deadline {
                self.kill();
                return Err(format!(
                    "tansu on port {} not ready after {BROKER_START_TIMEOUT:?}: {}",
                    self.port,
                    tail_of(&self.log, 2000)
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn metadata_ok(&self) -> bool {
        let c: Result<BaseConsumer, _> = ClientConfig::new()
            .set("bootstrap.servers", &self.bootstrap)
            .create();
        match c {
            Ok(c) => c.fetch_metadata(None, Duration::from_secs(3)).is_ok(),
            Err(_) => false,
        }
    }

    pub fn client_config(&self) -> ClientConfig {
        let mut c = ClientConfig::new();
        c.set("bootstrap.servers", &self.bootstrap);
        c
    }

    /// Create a topic with `partitions` partitions and wait until Metadata
    /// shows all of them.
    pub fn create_topic(&self, name: &str, partitions: i32) {
        let admin: AdminClient<DefaultClientContext> =
            self.client_config().create().expect("admin client");
        let res = futures::executor::block_on(admin.create_topics(
            &[NewTopic::new(name, partitions, TopicReplication::Fixed(1))],
            &AdminOptions::new().operation_timeout(Some(Duration::from_secs(30))),
        ))
        .unwrap_or_else(|e| panic!("create_topics({name}): {e}"));
        for r in res {
            if let Err((t, e)) = r {
                panic!("create topic {t}: {e}");
            }
        }
        wait_for(
            &format!("metadata of topic {name} with {partitions} partitions"),
            Duration::from_secs(30),
            || {
                let md = admin
                    .inner()
                    .fetch_metadata(Some(name), Duration::from_secs(5))
                    .ok()?;
                let t = md.topics().iter().find(|t| t.name() == name)?;
                (t.error().is_none() && t.partitions().len() == partitions as usize).then_some(())
            },
        );
    }

    /// The broker's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Kill the broker process (SIGKILL) and wait for it.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Start the broker again on the same port with the same storage.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn_and_wait().expect("restart tansu");
    }

    pub fn log_tail(&self) -> String {
        tail_of(&self.log, 4000)
    }

    pub fn producer(&self) -> TestProducer {
        TestProducer::new(&self.bootstrap)
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "[harness] tansu {} log tail:\n{}",
                self.bootstrap,
                self.log_tail()
            );
        }
        self.kill();
    }
}

// ---------------------------------------------------------------------------
// producing
// ---------------------------------------------------------------------------

/// One record to produce. `partition: None` lets the partitioner choose.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub partition: Option<i32>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
    pub timestamp_ms: Option<i64>,
}

impl Input {
    pub fn new(value: impl Into<Vec<u8>>) -> Input {
        Input {
            value: Some(value.into()),
            ..Default::default()
        }
    }
    pub fn key(mut self, k: impl Into<Vec<u8>>) -> Input {
        self.key = Some(k.into());
        self
    }
    pub fn partition(mut self, p: i32) -> Input {
        self.partition = Some(p);
        self
    }
    pub fn header(mut self, k: &str, v: impl Into<Vec<u8>>) -> Input {
        self.headers.push((k.to_string(), Some(v.into())));
        self
    }
    pub fn timestamp_ms(mut self, ts: i64) -> Input {
        self.timestamp_ms = Some(ts);
        self
    }
    pub fn key_str(&self) -> Option<String> {
        self.key
            .as_ref()
            .map(|k| String::from_utf8_lossy(k).into_owned())
    }
}

/// Where a produced record landed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Produced {
    pub partition: i32,
    pub offset: i64,
}

pub struct TestProducer {
    p: FutureProducer,
}

impl TestProducer {
    pub fn new(bootstrap: &str) -> TestProducer {
        // One record per batch: tansu 0.6.0 serves a fetch only from a batch's
        // base offset, so a consumer resuming at a committed offset inside a
        // multi-record batch would stall (see tansu-findings). With single-record
        // batches every offset is a batch start, as the worker needs on restart.
        let p = ClientConfig::new()
            .set("bootstrap.servers", bootstrap)
            .set("message.timeout.ms", "60000")
            .set("batch.num.messages", "1")
            .set("linger.ms", "0")
            .create()
            .expect("producer");
        TestProducer { p }
    }

    /// Produce all records (pipelined), wait for every delivery report, and
    /// return where each landed (same order as `inputs`).
    pub fn send_all(&self, topic: &str, inputs: &[Input]) -> Vec<Produced> {
        let mut futs = Vec::with_capacity(inputs.len());
        for inp in inputs {
            let mut h = OwnedHeaders::new_with_capacity(inp.headers.len());
            for (k, v) in &inp.headers {
                h = h.insert(Header {
                    key: k.as_str(),
                    value: v.as_deref(),
                });
            }
            let mut rec: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(topic).headers(h);
            if let Some(k) = &inp.key {
                rec = rec.key(k.as_slice());
            }
            if let Some(v) = &inp.value {
                rec = rec.payload(v.as_slice());
            }
            if let Some(p) = inp.partition {
                rec = rec.partition(p);
            }
            if let Some(ts) = inp.timestamp_ms {
                rec = rec.timestamp(ts);
            }
            futs.push(self.p.send(rec, Timeout::After(Duration::from_secs(60))));
        }
        let results = futures::executor::block_on(futures::future::join_all(futs));
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| match r {
                Ok((partition, offset)) => Produced { partition, offset },
                Err((e, _)) => panic!("produce record #{i} to {topic}: {e}"),
            })
            .collect()
    }

    pub fn send(&self, topic: &str, input: Input) -> Produced {
        self.send_all(topic, &[input]).remove(0)
    }

    pub fn flush(&self) {
        self.p
            .flush(Timeout::After(Duration::from_secs(30)))
            .expect("flush");
    }
}

// ---------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------

/// A record read back from a topic.
#[derive(Clone, Debug)]
pub struct Record {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
    pub timestamp_ms: Option<i64>,
}

impl Record {
    /// The value of the first header named `name`, as UTF-8 (lossy).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_ref())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }
    pub fn key_str(&self) -> Option<String> {
        self.key
            .as_ref()
            .map(|k| String::from_utf8_lossy(k).into_owned())
    }
    pub fn json(&self) -> Value {
        let v = self.value.as_deref().unwrap_or_else(|| {
            panic!(
                "record {}/{}@{} has no value",
                self.topic, self.partition, self.offset
            )
        });
        serde_json::from_slice(v).unwrap_or_else(|e| {
            panic!(
                "record {}/{}@{} is not JSON ({e}): {}",
                self.topic,
                self.partition,
                self.offset,
                String::from_utf8_lossy(v)
            )
        })
    }
}

/// Reads a topic from the beginning with its own consumer group.
pub struct Reader {
    c: BaseConsumer,
    topic: String,
    pub records: Vec<Record>,
}

impl Reader {
    pub fn new(bootstrap: &str, topic: &str) -> Reader {
        let c: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", bootstrap)
            .set("group.id", unique(&format!("reader-{topic}")))
            .set("auto.offset.reset", "earliest")
            .set("enable.auto.commit", "false")
            .set("enable.partition.eof", "false")
            .set("session.timeout.ms", "10000")
            .create()
            .expect("reader consumer");
        c.subscribe(&[topic]).expect("subscribe");
        Reader {
            c,
            topic: topic.to_string(),
            records: Vec::new(),
        }
    }

    /// Poll once; true when a record was read (appended to `records`).
    pub fn poll_once(&mut self, wait: Duration) -> bool {
        match self.c.poll(wait) {
            Some(Ok(m)) => {
                let headers = m
                    .headers()
                    .map(|h| {
                        h.iter()
                            .map(|h| (h.key.to_string(), h.value.map(|v| v.to_vec())))
                            .collect()
                    })
                    .unwrap_or_default();
                self.records.push(Record {
                    topic: m.topic().to_string(),
                    partition: m.partition(),
                    offset: m.offset(),
                    key: m.key().map(|k| k.to_vec()),
                    value: m.payload().map(|v| v.to_vec()),
                    headers,
                    timestamp_ms: m.timestamp().to_millis(),
                });
                true
            }
            Some(Err(e)) => {
                eprintln!("[harness] reader {}: {e}", self.topic);
                false
            }
            None => false,
        }
    }

    /// Read until at least `n` records in total have been read; panics after
    /// `timeout` with what was read so far.
    pub fn read_at_least(&mut self, n: usize, timeout: Duration) -> &[Record] {
        let deadline = Instant::now() + timeout;
        while self.records.len() < n {
            if Instant::now() >= deadline {
                panic!(
                    "read only {} of {n} records from {} within {timeout:?}",
                    self.records.len(),
                    self.topic
                );
            }
            self.poll_once(Duration::from_millis(200));
        }
        &self.records
    }

    /// Read until `done(records)` holds; panics after `timeout`.
    pub fn read_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&[Record]) -> bool,
    ) -> &[Record] {
        let deadline = Instant::now() + timeout;
        let mut checked = usize::MAX;
        loop {
            if checked != self.records.len() {
                checked = self.records.len();
                if done(&self.records) {
                    return &self.records;
                }
            }
            if Instant::now() >= deadline {
                panic!(
                    "{}: read {} records from {} within {timeout:?} but never got {what}",
                    self.topic,
                    self.records.len(),
                    self.topic
                );
            }
            self.poll_once(Duration::from_millis(200));
        }
    }

    /// Keep reading until nothing new arrived for `quiet`. Used only AFTER the
    /// worker's metrics say everything was published (so everything is already
    /// on the broker), to catch unexpected extra records (duplicates).
    pub fn drain(&mut self, quiet: Duration) -> &[Record] {
        let mut last = Instant::now();
        while last.elapsed() < quiet {
            if self.poll_once(Duration::from_millis(100)) {
                last = Instant::now();
            }
        }
        &self.records
    }
}

/// The offsets committed by consumer group `group` for `topic` partitions
/// 0..partitions (OffsetFetch, without joining the group). Partitions with no
/// commit are left out.
pub fn committed_offsets(
    bootstrap: &str,
    group: &str,
    topic: &str,
    partitions: i32,
) -> BTreeMap<i32, i64> {
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .create()
        .expect("offset-fetch consumer");
    let mut tpl = rdkafka::TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(topic, p);
    }
    let got = match c.committed_offsets(tpl, Duration::from_secs(10)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("[harness] committed_offsets({group}): {e}");
            return BTreeMap::new();
        }
    };
    got.elements()
        .iter()
        .filter_map(|e| match e.offset() {
            rdkafka::Offset::Offset(o) => Some((e.partition(), o)),
            _ => None,
        })
        .collect()
}

/// Per partition, the offset after the last of `produced` (what a consumer
/// that has finished everything commits).
pub fn end_offsets(produced: &[Produced]) -> BTreeMap<i32, i64> {
    let mut m = BTreeMap::new();
    for p in produced {
        let e = m.entry(p.partition).or_insert(0);
        *e = (*e).max(p.offset + 1);
    }
    m
}

// ---------------------------------------------------------------------------
// HTTP and metrics
// ---------------------------------------------------------------------------

pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A minimal HTTP/1.1 GET over a std TcpStream (Connection: close).
pub fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<HttpResponse> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(10)))?;
    let req =
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of HTTP headers"))?;
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut raw_body = buf[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
    {
        raw_body = dechunk(&raw_body)?;
    }
    Ok(HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&raw_body).into_owned(),
    })
}

fn dechunk(mut b: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = b
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| std::io::Error::other("bad chunk"))?;
        let size_s = String::from_utf8_lossy(&b[..eol]);
        let size = usize::from_str_radix(size_s.split(';').next().unwrap().trim(), 16)
            .map_err(|e| std::io::Error::other(format!("bad chunk size: {e}")))?;
        b = &b[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size {
            return Err(std::io::Error::other("truncated chunk"));
        }
        out.extend_from_slice(&b[..size]);
        b = &b[(size + 2).min(b.len())..];
    }
}

/// One sample of a Prometheus text exposition.
#[derive(Clone, Debug)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// A parsed `/metrics` page.
#[derive(Clone, Debug)]
pub struct Metrics {
    pub samples: Vec<Sample>,
    pub text: String,
}

impl Metrics {
    pub fn parse(text: &str) -> Metrics {
        let mut samples = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = parse_sample(line) {
                samples.push(s);
            }
        }
        Metrics {
            samples,
            text: text.to_string(),
        }
    }

    /// Is there any sample of this exact name?
    pub fn has(&self, name: &str) -> bool {
        self.samples.iter().any(|s| s.name == name)
    }

    /// Sum of all samples named `name`, over all label sets (0 when absent).
    pub fn sum(&self, name: &str) -> f64 {
        self.sum_where(name, &[])
    }

    /// Sum of the samples named `name` whose labels include all of `labels`.
    pub fn sum_where(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.samples
            .iter()
            .filter(|s| s.name == name)
            .filter(|s| {
                labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|s| s.value)
            .sum()
    }

    /// Sum per value of `label` over the samples named `name`.
    pub fn by_label(&self, name: &str, label: &str) -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        for s in self.samples.iter().filter(|s| s.name == name) {
            if let Some(v) = s.labels.get(label) {
                *m.entry(v.clone()).or_insert(0.0) += s.value;
            }
        }
        m
    }
}

fn parse_sample(line: &str) -> Option<Sample> {
    let (name, labels, rest) = match line.find('{') {
        Some(i) if line[..i].find(char::is_whitespace).is_none() => {
            let name = &line[..i];
            let mut labels = BTreeMap::new();
            let b = &line.as_bytes()[i + 1..];
            let mut j = 0;
            let s = &line[i + 1..];
            loop {
                while j < b.len() && (b[j] == b',' || b[j] == b' ') {
                    j += 1;
                }
                if j >= b.len() {
                    return None;
                }
                if b[j] == b'}' {
                    j += 1;
                    break;
                }
                let eq = j + s[j..].find('=')?;
                let key = s[j..eq].trim().to_string();
                if b.get(eq + 1) != Some(&b'"') {
                    return None;
                }
                let mut k = eq + 2;
                let mut val = String::new();
                while k < b.len() && b[k] != b'"' {
                    if b[k] == b'\\' && k + 1 < b.len() {
                        match b[k + 1] {
                            b'n' => val.push('\n'),
                            c => val.push(c as char),
                        }
                        k += 2;
                    } else {
                        let ch = s[k..].chars().next()?;
                        val.push(ch);
                        k += ch.len_utf8();
                    }
                }
                labels.insert(key, val);
                j = k + 1;
            }
            (name.to_string(), labels, &s[j..])
        }
        _ => {
            let mut it = line.splitn(2, char::is_whitespace);
            let name = it.next()?;
            (name.to_string(), BTreeMap::new(), it.next().unwrap_or(""))
        }
    };
    let v = rest.split_whitespace().next()?;
    let value = match v {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        v => v.parse().ok()?,
    };
    Some(Sample {
        name,
        labels,
        value,
    })
}

// ---------------------------------------------------------------------------
// worker
// ---------------------------------------------------------------------------

/// How to start a worker. Topics and group are required; everything else has
/// test defaults (earliest, at-least-once, text logs at info, 10s drain).
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    pub bootstrap: String,
    pub group: String,
    pub input: String,
    pub output: String,
    pub dead_letter: String,
    pub env: Vec<(String, String)>,
}

impl WorkerConfig {
    pub fn new(broker: &Broker, group: &str, input: &str, output: &str, dlq: &str) -> Self {
        WorkerConfig {
            bootstrap: broker.bootstrap.clone(),
            group: group.to_string(),
            input: input.to_string(),
            output: output.to_string(),
            dead_letter: dlq.to_string(),
            env: Vec::new(),
        }
    }
    /// Extra/overriding env var for the worker (e.g. `NEWSWIRE__PIPELINE__MAX_MESSAGE_BYTES`).
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }
}

/// A running `newswire run` child process. SIGKILLed on drop if still alive.
pub struct Worker {
    child: Child,
    pub http: SocketAddr,
    pub name: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
    exited: Option<ExitStatus>,
}

/// The worker binary under test: this build's, or `E2E_WORKER_BIN` when set (the e2e
/// bench measures another revision's worker that way, against the same broker and copy).
pub fn worker_bin() -> PathBuf {
    std::env::var_os("E2E_WORKER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_newswire")))
}

impl Worker {
    /// Spawn the worker and wait until `/readyz` answers 200.
    pub fn start(cfg: &WorkerConfig, name: &str) -> Worker {
        let mut w = Self::spawn(cfg, name);
        w.wait_ready();
        w
    }

    /// Spawn the worker without waiting for readiness.
    pub fn spawn(cfg: &WorkerConfig, name: &str) -> Worker {
        let dir = tempfile::Builder::new()
            .prefix("newswire-worker-")
            .tempdir()
            .expect("tempdir");
        let port = free_port();
        let http = SocketAddr::from(([127, 0, 0, 1], port));
        let log = dir.path().join(format!("{name}.log"));
        let logf = File::create(&log).expect("worker log");
        let mut cmd = Command::new(worker_bin());
        cmd.arg("run").current_dir(repo_root());
        // the child's config comes only from defaults + what we set here
        let inherited: Vec<OsString> = std::env::vars_os()
            .map(|(k, _)| k)
            .filter(|k| k.to_string_lossy().starts_with("NEWSWIRE"))
            .collect();
        for k in inherited {
            cmd.env_remove(k);
        }
        let base: [(&str, &str); 11] = [
            ("NEWSWIRE__KAFKA__BOOTSTRAP_SERVERS", &cfg.bootstrap),
            ("NEWSWIRE__KAFKA__GROUP_ID", &cfg.group),
            ("NEWSWIRE__TOPICS__INPUT", &cfg.input),
            ("NEWSWIRE__TOPICS__OUTPUT", &cfg.output),
            ("NEWSWIRE__TOPICS__DEAD_LETTER", &cfg.dead_letter),
            ("NEWSWIRE__HTTP__LISTEN", &http.to_string()),
            ("NEWSWIRE__DELIVERY", "at-least-once"),
            ("NEWSWIRE__SHUTDOWN__DRAIN_TIMEOUT", "10s"),
            ("NEWSWIRE__LOG__FORMAT", "text"),
            ("NEWSWIRE__LOG__LEVEL", "info"),
            ("NEWSWIRE__KAFKA__CONSUMER__AUTO_OFFSET_RESET", "earliest"),
        ];
        for (k, v) in base {
            cmd.env(k, v);
        }
        for (k, v) in &cfg.env {
            cmd.env(k, v);
        }
        // debugging aid: NEWSWIRE_TEST_LOG_LEVEL=debug cargo test ...
        if let Ok(level) = std::env::var("NEWSWIRE_TEST_LOG_LEVEL") {
            cmd.env("NEWSWIRE__LOG__LEVEL", level);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(logf));
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", worker_bin().display()));
        eprintln!(
            "[harness] worker {name} pid {} http {http} group {}",
            child.id(),
            cfg.group
        );
        Worker {
            child,
            http,
            name: name.to_string(),
            log,
            _dir: dir,
            exited: None,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Panics (with the worker's log) if the process has exited.
    pub fn assert_alive(&mut self) {
        if let Some(st) = self.child.try_wait().expect("try_wait") {
            self.exited = Some(st);
            panic!(
                "worker {} exited unexpectedly ({st}); log tail:\n{}",
                self.name,
                self.log_tail()
            );
        }
    }

    pub fn wait_ready(&mut self) {
        let deadline = Instant::now() + WORKER_READY_TIMEOUT;
        loop {
            if let Ok(r) = http_get(self.http, "/readyz") {
                if r.status == 200 {
                    return;
                }
            }
            self.assert_alive();
            if Instant::now() > deadline {
                panic!(
                    "worker {} not ready (/readyz != 200) within {WORKER_READY_TIMEOUT:?}; log tail:\n{}",
                    self.name,
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn get(&self, path: &str) -> HttpResponse {
        http_get(self.http, path).unwrap_or_else(|e| {
            panic!(
                "GET {path} on worker {}: {e}; log tail:\n{}",
                self.name,
                self.log_tail()
            )
        })
    }

    pub fn metrics(&self) -> Metrics {
        let r = self.get("/metrics");
        assert_eq!(r.status, 200, "/metrics status; body: {}", r.body);
        Metrics::parse(&r.body)
    }

    /// Poll `/metrics` until `cond` holds; panics after `timeout` with the last page.
    pub fn wait_metrics(
        &mut self,
        what: &str,
        timeout: Duration,
        mut cond: impl FnMut(&Metrics) -> bool,
    ) -> Metrics {
        let deadline = Instant::now() + timeout;
        loop {
            self.assert_alive();
            let m = http_get(self.http, "/metrics")
                .ok()
                .filter(|r| r.status == 200)
                .map(|r| Metrics::parse(&r.body));
            if let Some(m) = m {
                if cond(&m) {
                    return m;
                }
                if Instant::now() >= deadline {
                    panic!(
                        "worker {}: metrics never satisfied `{what}` within {timeout:?}; last page:\n{}\nlog tail:\n{}",
                        self.name,
                        m.text,
                        self.log_tail()
                    );
                }
            } else if Instant::now() >= deadline {
                panic!(
                    "worker {}: /metrics unreachable; log tail:\n{}",
                    self.name,
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: plain kill(2) on our own child's pid.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, sig) };
        assert_eq!(rc, 0, "kill({}, {sig})", self.child.id());
    }

    pub fn sigterm(&self) {
        self.signal(libc::SIGTERM);
    }

    pub fn sigint(&self) {
        self.signal(libc::SIGINT);
    }

    /// SIGKILL and reap.
    pub fn sigkill(&mut self) {
        let _ = self.child.kill();
        let st = self.child.wait().expect("wait after SIGKILL");
        self.exited = Some(st);
    }

    /// Wait for the process to exit; panics after `timeout` (and kills it).
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        if let Some(st) = self.exited {
            return st;
        }
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                self.exited = Some(st);
                return st;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "worker {} did not exit within {timeout:?}; log tail:\n{}",
                    self.name,
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn log_tail(&self) -> String {
        tail_of(&self.log, 6000)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if self.exited.is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if std::thread::panicking() {
            eprintln!(
                "[harness] worker {} log tail:\n{}",
                self.name,
                self.log_tail()
            );
        }
    }
}

// ---------------------------------------------------------------------------
// events
// ---------------------------------------------------------------------------

/// The event JSON Schema (`schema/event.v1.json`), compiled once.
pub fn event_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let p = repo_root().join("schema/event.v1.json");
        let text = std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("read event schema {}: {e}", p.display()));
        let schema: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("event schema {} is not JSON: {e}", p.display()));
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("event schema {} is not a valid schema: {e}", p.display()))
    })
}

/// Panics with every violation if `event` does not match `schema/event.v1.json`.
pub fn assert_valid_event(event: &Value) {
    let v = event_validator();
    let errors: Vec<String> = v
        .iter_errors(event)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "event does not match schema/event.v1.json:\n  {}\nevent: {}",
        errors.join("\n  "),
        serde_json::to_string_pretty(event).unwrap()
    );
}

/// Slice `text` by char offsets [start, end).
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end {
        return None;
    }
    let n = text.chars().count();
    if end > n {
        return None;
    }
    Some(text.chars().skip(start).take(end - start).collect())
}

/// Every mention of every entity in `event` slices `text` to the mention text.
pub fn assert_mentions_slice_text(event: &Value) {
    let text = event["text"].as_str().expect("event.text is a string");
    for kind in ["officials", "locations", "organizations"] {
        for ent in event[kind].as_array().into_iter().flatten() {
            let mentions = ent["mentions"]
                .as_array()
                .unwrap_or_else(|| panic!("{kind} entity without mentions array: {ent}"));
            for m in mentions {
                let s = m["start"].as_u64().expect("mention.start") as usize;
                let e = m["end"].as_u64().expect("mention.end") as usize;
                let mt = m["text"].as_str().expect("mention.text");
                assert_eq!(
                    char_slice(text, s, e).as_deref(),
                    Some(mt),
                    "{kind} {} mention [{s},{e}) does not slice event.text to {mt:?}",
                    ent["name"]
                );
            }
        }
    }
}

/// Validate every record as an event: JSON, schema, mention offsets, headers.
pub fn check_events(records: &[Record]) -> Vec<Value> {
    records
        .iter()
        .map(|r| {
            assert_eq!(
                r.header("content-type").as_deref(),
                Some("application/json"),
                "content-type header of output record {}@{}",
                r.partition,
                r.offset
            );
            assert_eq!(
                r.header("newswire-schema-version").as_deref(),
                Some("1"),
                "newswire-schema-version header of output record {}@{}",
                r.partition,
                r.offset
            );
            let ev = r.json();
            assert_valid_event(&ev);
            assert_mentions_slice_text(&ev);
            ev
        })
        .collect()
}

/// (partition, offset) of the input record an event came from.
pub fn event_source(ev: &Value) -> (i32, i64) {
    (
        ev["source"]["partition"]
            .as_i64()
            .expect("source.partition") as i32,
        ev["source"]["offset"].as_i64().expect("source.offset"),
    )
}

/// (partition, offset) of the input record a dead-letter record came from.
pub fn dead_letter_source(r: &Record) -> (i32, i64) {
    let p = r
        .header("__connect.errors.partition")
        .unwrap_or_else(|| panic!("dead letter without __connect.errors.partition: {r:?}"));
    let o = r
        .header("__connect.errors.offset")
        .unwrap_or_else(|| panic!("dead letter without __connect.errors.offset: {r:?}"));
    (
        p.parse().expect("partition header is an integer"),
        o.parse().expect("offset header is an integer"),
    )
}

/// Read `out` (an output topic) until there is an event for every input
/// source (partition, offset) in `want`; panics after `timeout` listing the
/// missing ones.
pub fn read_events_covering(out: &mut Reader, want: &BTreeSet<(i32, i64)>, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    let mut seen = BTreeSet::new();
    let mut parsed = 0;
    loop {
        seen.extend(
            out.records[parsed..]
                .iter()
                .map(|r| event_source(&r.json())),
        );
        parsed = out.records.len();
        if want.is_subset(&seen) {
            return;
        }
        if Instant::now() >= deadline {
            let missing: Vec<_> = want.difference(&seen).collect();
            panic!(
                "{} of {} inputs have no event after {timeout:?} ({} events read); missing (partition, offset): {:?}",
                missing.len(),
                want.len(),
                out.records.len(),
                missing
            );
        }
        out.poll_once(Duration::from_millis(200));
    }
}

/// Group items by a key.
pub fn group_by<K: std::hash::Hash + Eq, T>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> HashMap<K, Vec<T>> {
    let mut m: HashMap<K, Vec<T>> = HashMap::new();
    for it in items {
        m.entry(key(&it)).or_default().push(it);
    }
    m
}

/// A plain-text news item of a few sentences, unique per `i`.
pub fn plain_item(i: usize) -> String {
    format!(
        "date 2024-04-{:02} Item {i}: officials met in Washington on Monday to discuss the budget. \
         Secretary of State Antony Blinken said talks would continue.",
        1 + (i % 28)
    )
}

// ---------------------------------------------------------------------------
// the project's sample item (tests/fixtures/sample_item.txt)
// ---------------------------------------------------------------------------

pub fn sample() -> Vec<u8> {
    fixture("sample_item.txt")
}

fn str_of(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Char offsets of every whole-word occurrence of `word` in `text`.
pub fn word_occurrences(text: &str, word: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(w.len() - 1) {
        if chars[i..i + w.len()] == w[..]
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && !matches!(chars.get(i + w.len()), Some(c) if c.is_alphanumeric())
        {
            out.push(i);
        }
    }
    out
}

pub fn by_name<'a>(ev: &'a Value, kind: &str) -> BTreeMap<String, &'a Value> {
    ev[kind]
        .as_array()
        .unwrap_or_else(|| panic!("event.{kind} is not an array"))
        .iter()
        .map(|e| (e["name"].as_str().expect("entity name").to_string(), e))
        .collect()
}

/// The expected enrichment of tests/fixtures/sample_item.txt, checked field
/// by field.
pub fn assert_sample_entities(ev: &Value) {
    let text = ev["text"].as_str().unwrap();

    // officials: (name, title, country, organization if the text says it)
    let expected_officials: [(&str, &str, &str, Option<&str>); 6] = [
        ("Antony Blinken", "Secretary of State", "US", None),
        ("Yoav Gallant", "Defense Minister", "IL", None),
        (
            "Matthew Miller",
            "spokesperson",
            "US",
            Some("State Department"),
        ),
        ("Jake Sullivan", "National Security Advisor", "US", None),
        ("John Kirby", "spokesperson", "US", Some("White House")),
        ("Kamala Harris", "Vice President", "US", None),
    ];
    let officials = by_name(ev, "officials");
    let got: BTreeSet<&str> = officials.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = expected_officials.iter().map(|o| o.0).collect();
    assert_eq!(got, want, "officials (nobody else)");
    for (name, title, country, org) in expected_officials {
        let o = officials[name];
        assert_eq!(
            o["title"].as_str().map(str::to_lowercase),
            Some(title.to_lowercase()),
            "{name}.title"
        );
        assert_eq!(str_of(&o["country"]), Some(country), "{name}.country");
        if let Some(org) = org {
            assert_eq!(str_of(&o["organization"]), Some(org), "{name}.organization");
        }
        // every whole-word occurrence of the surname is one of the mentions
        let surname = name.rsplit(' ').next().unwrap();
        let spans: Vec<(usize, usize)> = o["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let occ = word_occurrences(text, surname);
        assert!(!occ.is_empty(), "{surname} not in event.text");
        for at in occ {
            assert!(
                spans.iter().any(|&(s, e)| s <= at && at + surname.len() <= e),
                "{name}: occurrence of {surname:?} at char {at} is not covered by a mention; mentions {}",
                o["mentions"]
            );
        }
    }

    // locations: (name, country, lat range, lon range)
    type Loc = (&'static str, &'static str, (f64, f64), (f64, f64));
    let expected_locations: [Loc; 7] = [
        ("Washington", "US", (38.0, 39.5), (-77.8, -76.5)),
        ("Rafah", "PS", (31.0, 31.5), (34.0, 34.5)),
        ("Gaza", "PS", (31.2, 31.7), (34.2, 34.6)),
        ("White House", "US", (38.85, 38.95), (-77.1, -77.0)),
        ("Ben Gurion Airport", "IL", (31.9, 32.1), (34.8, 35.0)),
        ("United States", "US", (24.0, 50.0), (-125.0, -66.0)),
        ("Israel", "IL", (29.5, 33.5), (34.2, 35.9)),
    ];
    let locations = by_name(ev, "locations");
    let got: BTreeSet<&str> = locations.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = expected_locations.iter().map(|l| l.0).collect();
    assert_eq!(got, want, "locations (nothing else)");
    for (name, country, (lat0, lat1), (lon0, lon1)) in expected_locations {
        let l = locations[name];
        assert_eq!(str_of(&l["country"]), Some(country), "{name}.country");
        let lat = l["lat"]
            .as_f64()
            .unwrap_or_else(|| panic!("{name}.lat: {}", l["lat"]));
        let lon = l["lon"]
            .as_f64()
            .unwrap_or_else(|| panic!("{name}.lon: {}", l["lon"]));
        assert!(
            (lat0..=lat1).contains(&lat) && (lon0..=lon1).contains(&lon),
            "{name} coordinates ({lat}, {lon}) not within lat {lat0}..{lat1}, lon {lon0}..{lon1}"
        );
        assert!(
            l["kind"].as_str().is_some_and(|k| !k.is_empty()),
            "{name}.kind"
        );
        assert!(
            !l["mentions"].as_array().unwrap().is_empty(),
            "{name} has no mention"
        );
    }
}
