//! The binary's other subcommands, as a user runs them (no broker needed).

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

fn newswire() -> Command {
    let mut c = Command::new(worker_bin());
    c.current_dir(repo_root());
    let inherited: Vec<_> = std::env::vars_os()
        .map(|(k, _)| k)
        .filter(|k| k.to_string_lossy().starts_with("NEWSWIRE"))
        .collect();
    for k in inherited {
        c.env_remove(k);
    }
    c
}

/// Run to completion with a failure-guard timeout; returns (status, stdout, stderr).
fn run(mut cmd: Command, stdin: Option<&[u8]>, timeout: Duration) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = std::fs::File::create(dir.path().join("out")).unwrap();
    let err = std::fs::File::create(dir.path().join("err")).unwrap();
    cmd.stdout(out).stderr(err).stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("spawn newswire");
    if let Some(bytes) = stdin {
        let mut w = child.stdin.take().unwrap();
        w.write_all(bytes).unwrap();
    }
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{cmd:?} did not finish within {timeout:?}; stderr:\n{}",
                std::fs::read_to_string(dir.path().join("err")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (
        status.code().unwrap_or(-1),
        std::fs::read_to_string(dir.path().join("out")).unwrap(),
        std::fs::read_to_string(dir.path().join("err")).unwrap(),
    )
}

#[test]
fn enrich_turns_the_sample_file_into_the_expected_event() {
    let mut cmd = newswire();
    cmd.arg("enrich").arg("tests/fixtures/sample_item.txt");
    let (code, out, err) = run(cmd, None, Duration::from_secs(120));
    assert_eq!(code, 0, "newswire enrich failed; stderr:\n{err}");
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        1,
        "one event line per input file; stdout:\n{out}"
    );
    let ev: serde_json::Value = serde_json::from_str(lines[0]).expect("stdout line is JSON");
    assert_valid_event(&ev);
    assert_mentions_slice_text(&ev);
    assert_eq!(ev["published_date"], "2024-03-26");
    assert_sample_entities(&ev);
}

#[test]
fn enrich_reads_stdin_and_reports_bad_items() {
    let mut cmd = newswire();
    cmd.arg("enrich");
    let (code, out, _err) = run(cmd, Some(&sample()), Duration::from_secs(120));
    assert_eq!(code, 0);
    let ev: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON event");
    assert_sample_entities(&ev);

    let mut cmd = newswire();
    cmd.arg("enrich");
    let (code, out, err) = run(cmd, Some(b"{\"id\": \"x\""), Duration::from_secs(120));
    assert_ne!(code, 0, "a broken item is an error; stdout:\n{out}");
    assert!(
        err.contains("invalid_json"),
        "stderr names the error code: {err}"
    );
}

#[test]
fn check_config_accepts_the_default_and_names_a_bad_key() {
    let mut cmd = newswire();
    cmd.args(["check-config", "--config", "config/newswire.toml"]);
    let (code, out, err) = run(cmd, None, Duration::from_secs(60));
    assert_eq!(code, 0, "default config rejected: {err}");
    assert!(out.contains("news.raw"), "effective config is shown: {out}");

    // an env override shows in the effective config
    let mut cmd = newswire();
    cmd.args(["check-config", "--config", "config/newswire.toml"])
        .env("NEWSWIRE__TOPICS__INPUT", "override-topic-xyz");
    let (code, out, err) = run(cmd, None, Duration::from_secs(60));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("override-topic-xyz"),
        "override applied: {out}"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[kafka]\nbootstrap_serverz = \"x:9092\"\n").unwrap();
    let mut cmd = newswire();
    cmd.arg("check-config").arg("--config").arg(&bad);
    let (code, _out, err) = run(cmd, None, Duration::from_secs(60));
    assert_ne!(code, 0, "unknown key accepted");
    assert!(
        err.contains("bootstrap_serverz"),
        "error names the key: {err}"
    );
}

#[test]
fn demo_runs_to_completion() {
    let mut cmd = newswire();
    cmd.args(["demo", "--listen", &format!("127.0.0.1:{}", free_port())]);
    let (code, out, err) = run(cmd, None, Duration::from_secs(300));
    assert_eq!(
        code, 0,
        "newswire demo failed\nstdout:\n{out}\nstderr:\n{err}"
    );
}

#[test]
fn check_config_says_which_file_it_read_and_masks_secrets() {
    // No file anywhere: built-in defaults, which are the documented ones.
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = newswire();
    cmd.current_dir(dir.path())
        .arg("check-config")
        .env(
            "NEWSWIRE__KAFKA__PROPERTIES__SASL_OAUTHBEARER_CONFIG",
            "principal=svc clientSecret=hunter2",
        )
        .env(
            "NEWSWIRE__KAFKA__PROPERTIES__SSL_KEY_PASSWORD",
            "pem-pass-77",
        );
    let (code, out, err) = run(cmd, None, Duration::from_secs(60));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("no file read"), "says no file was read: {out}");
    assert!(
        out.contains("\"auto.offset.reset\" = \"earliest\""),
        "built-in defaults carry the documented consumer default: {out}"
    );
    assert!(out.contains("message.max.bytes = 1114112"), "{out}");
    assert!(out.contains("sasl.oauthbearer.config"), "{out}");
    assert!(!out.contains("hunter2"), "oauthbearer secret shown: {out}");
    assert!(!out.contains("pem-pass-77"), "key password shown: {out}");

    let mut cmd = newswire();
    cmd.args(["check-config", "--config", "config/newswire.toml"]);
    let (code, out, err) = run(cmd, None, Duration::from_secs(60));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.contains("then config/newswire.toml")),
        "names the file it read: {out}"
    );
}
