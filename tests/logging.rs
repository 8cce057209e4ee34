//! What the worker writes to stderr while its brokers are unreachable, as a log collector
//! sees it (stderr is a file, not a terminal).

mod support;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// With nothing in flight, a stop during an outage has nothing to wait for but the exit's
/// grace for an abandoned topic lookup (2 s): well inside a pod's 30 s termination grace,
/// never a metadata round of three 5 s lookups, or several.
const STOP_DURING_OUTAGE_WITHIN: Duration = Duration::from_secs(8);

/// Runs `newswire run` against a closed port for `secs` seconds, then stops it with
/// SIGTERM and checks the stop is clean and prompt; returns its stderr and a /metrics
/// scrape taken just before stopping it.
fn run_during_outage(format: &str, secs: u64) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let err_path = dir.path().join("stderr");
    let port = free_port();
    let mut cmd = Command::new(worker_bin());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("NEWSWIRE") || k == "NO_COLOR" {
            cmd.env_remove(k);
        }
    }
    let mut child = cmd
        .current_dir(dir.path()) // no config/newswire.toml: defaults plus environment
        .arg("run")
        .env(
            "NEWSWIRE__KAFKA__BOOTSTRAP_SERVERS",
            format!("127.0.0.1:{}", free_port()),
        )
        .env("NEWSWIRE__HTTP__LISTEN", format!("127.0.0.1:{port}"))
        .env("NEWSWIRE__LOG__FORMAT", format)
        .env("NEWSWIRE__LOG__LEVEL", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("spawn newswire");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    // The window starts once the worker serves /metrics (it has loaded its data and is
    // polling): on a loaded machine start-up alone can take seconds.
    let up_by = Instant::now() + Duration::from_secs(120);
    let mut metrics = String::new();
    while metrics.is_empty() && Instant::now() < up_by {
        std::thread::sleep(Duration::from_millis(100));
        if let Ok(r) = http_get(addr, "/metrics") {
            metrics = r.body;
        }
    }
    assert!(!metrics.is_empty(), "the worker never served /metrics");
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(250));
        if let Ok(r) = http_get(addr, "/metrics") {
            metrics = r.body;
        }
    }
    let stopped_at = Instant::now();
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    let stop_took = stopped_at.elapsed();
    let stderr = std::fs::read_to_string(&err_path).unwrap();
    assert!(
        status.success(),
        "worker exited with {status}; stderr:\n{stderr}"
    );
    assert!(
        stop_took < STOP_DURING_OUTAGE_WITHIN,
        "the stop took {stop_took:?} with nothing in flight; stderr:\n{stderr}"
    );
    (stderr, metrics)
}

fn kafka_errors_counted(metrics: &str) -> f64 {
    metrics
        .lines()
        .filter(|l| l.starts_with("newswire_kafka_errors_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[test]
fn text_logs_to_a_file_have_no_colour_codes_and_one_line_per_error_code() {
    let (stderr, metrics) = run_during_outage("text", 6);
    assert!(
        !stderr.contains('\u{1b}'),
        "ANSI escape codes in a log file:\n{stderr}"
    );
    assert!(
        stderr.contains("newswire worker started"),
        "no start line:\n{stderr}"
    );
    let mut per_code: BTreeMap<String, usize> = BTreeMap::new();
    // The outage window is the 6s before SIGTERM; a shutdown during an outage waits out
    // the producer's flush budget, so lines after the signal belong to another window.
    let outage = stderr
        .lines()
        .take_while(|l| !l.contains("shutdown signal received"));
    for line in outage.filter(|l| l.contains("kafka client error")) {
        let code = line
            .split("code=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("?");
        *per_code.entry(code.to_string()).or_default() += 1;
    }
    assert!(!per_code.is_empty(), "the outage was not logged:\n{stderr}");
    // Consumer and producer report every code, every reconnect: within the 30s window
    // each code is logged once, and every occurrence is still counted.
    for (code, n) in &per_code {
        assert_eq!(*n, 1, "{code} logged {n} times in 6s:\n{stderr}");
    }
    let counted = kafka_errors_counted(&metrics);
    assert!(
        counted > per_code.len() as f64,
        "newswire_kafka_errors_total ({counted}) should count every error, not only the logged lines"
    );
    assert!(
        !stderr.contains("Ignored event 'Error'"),
        "the rdkafka crate's duplicate of each producer error is still logged:\n{stderr}"
    );
    let lines = stderr.lines().count();
    assert!(
        lines <= 20,
        "{lines} log lines in 6s of broker outage:\n{stderr}"
    );
}

#[test]
fn json_logs_are_flat_objects_without_source_paths() {
    let (stderr, _) = run_during_outage("json", 4);
    let mut saw_client_library_line = false;
    let mut saw_kafka_error = false;
    for line in stderr.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        let obj = v.as_object().expect("each line is an object");
        for key in ["timestamp", "level", "target", "message"] {
            assert!(
                obj[key].is_string(),
                "{key} missing or not a string: {line}"
            );
        }
        for (key, value) in obj {
            assert!(
                !key.starts_with("log.") && key != "fields" && key != "span" && key != "spans",
                "{key} in {line}"
            );
            if let Some(s) = value.as_str() {
                assert!(!s.ends_with(".rs"), "a source path in {line}");
            }
        }
        if obj["target"] == "librdkafka" {
            saw_client_library_line = true;
        }
        if obj["message"] == "kafka client error" {
            saw_kafka_error = true;
            assert!(
                obj["code"].is_string() && obj["suppressed"].is_u64(),
                "{line}"
            );
        }
    }
    assert!(saw_kafka_error, "no kafka client error line:\n{stderr}");
    assert!(
        saw_client_library_line,
        "librdkafka's own lines keep their target:\n{stderr}"
    );
}

/// Kubernetes may stop a pod while it is still starting: a SIGTERM as soon as the worker
/// has logged its configuration (during its data load, in a debug build) is a clean stop,
/// exit status 0, not a process killed by the signal.
#[test]
fn a_sigterm_during_start_up_is_a_clean_stop() {
    let dir = tempfile::tempdir().unwrap();
    let err_path = dir.path().join("stderr");
    let mut cmd = Command::new(worker_bin());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("NEWSWIRE") {
            cmd.env_remove(k);
        }
    }
    let mut child = cmd
        .current_dir(dir.path())
        .arg("run")
        .env(
            "NEWSWIRE__KAFKA__BOOTSTRAP_SERVERS",
            format!("127.0.0.1:{}", free_port()),
        )
        .env(
            "NEWSWIRE__HTTP__LISTEN",
            format!("127.0.0.1:{}", free_port()),
        )
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("spawn newswire");
    let logged_by = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_to_string(&err_path)
        .unwrap_or_default()
        .contains("no configuration file")
    {
        assert!(Instant::now() < logged_by, "no configuration line logged");
        std::thread::sleep(Duration::from_millis(5));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let stopped_by = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > stopped_by {
            let _ = child.kill();
            panic!("the worker did not stop within 60s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap();
    assert!(
        status.success(),
        "worker exited with {status}; stderr:\n{stderr}"
    );
}
