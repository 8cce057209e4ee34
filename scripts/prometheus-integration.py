#!/usr/bin/env python3
"""A real Prometheus scraping a running worker, with the project's rules loaded.

    python3 scripts/prometheus-integration.py --bin target/debug/newswire \
        --prometheus PATH/prometheus

Starts `newswire demo --keep-running` (in-process mock Kafka) and a Prometheus server,
both on 127.0.0.1, Prometheus scraping the worker every second as job "newswire" (with the
namespace and pod labels the Prometheus Operator would add) and evaluating
deploy/prometheus/newswire.rules.yml every second. Once Prometheus has seen the demo's six
items, it produces 12 more (10 good, 2 malformed) so that rates are non-zero, then asks
Prometheus' HTTP API what an operator would look at: the worker is up, the counters add up
(18 consumed = 12 published + 6 dead-lettered, none in flight), the recording rules
produce series (no unaccounted items, a lag series, a dead-letter ratio, latency
quantiles), every rule evaluates without error, and no alert is firing or pending.
Needs confluent-kafka (to produce to the demo's mock cluster); everything is stopped at
the end.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from confluent_kafka import Producer

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "deploy" / "prometheus" / "newswire.rules.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--prometheus", required=True)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="newswire-prom-"))
    worker_addr = f"127.0.0.1:{free_port()}"
    prom_addr = f"127.0.0.1:{free_port()}"
    shutil.copy(RULES, tmp / "newswire.rules.yml")
    (tmp / "prometheus.yml").write_text(f"""
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [newswire.rules.yml]
scrape_configs:
  - job_name: newswire
    static_configs:
      - targets: ["{worker_addr}"]
        labels: {{namespace: demo, pod: newswire-demo-0}}
""")
    worker_log = open(tmp / "worker.log", "w")
    prom_log = open(tmp / "prometheus.log", "w")
    worker = subprocess.Popen([args.bin, "demo", "--keep-running", "--listen", worker_addr],
                              stdout=subprocess.DEVNULL, stderr=worker_log)
    prom = subprocess.Popen([args.prometheus, f"--config.file={tmp / 'prometheus.yml'}",
                             f"--storage.tsdb.path={tmp / 'data'}",
                             f"--web.listen-address={prom_addr}"],
                            stdout=subprocess.DEVNULL, stderr=prom_log, cwd=tmp)

    def query(expr: str) -> list:
        url = f"http://{prom_addr}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        with urllib.request.urlopen(url, timeout=5) as r:
            body = json.load(r)
        if body.get("status") != "success":
            raise RuntimeError(f"{expr}: {body}")
        return body["data"]["result"]

    def value(expr: str) -> float | None:
        res = query(expr)
        return float(res[0]["value"][1]) if len(res) == 1 else None

    # What must hold once all items are through and a few evaluations ran.
    expectations = {
        'up{job="newswire",namespace="demo"}': 1,
        "sum(newswire_records_consumed_total)": 18,
        "sum(newswire_events_published_total)": 12,
        "sum(newswire_dead_letters_total)": 6,
        'sum(newswire_dead_letters_total{reason="invalid_json"})': 3,
        'count(newswire_dead_letters_total{reason=~"missing_body|invalid_utf8|empty_text"} > 0)': 3,
        "sum(newswire_in_flight_items)": 0,
        'newswire:unaccounted_items{namespace="demo",pod="newswire-demo-0"}': 0,
        'count(newswire:consumer_lag:sum{namespace="demo",job="newswire"})': 1,
        'count(newswire:dead_letter_ratio:rate5m{namespace="demo"} > 0 < 1)': 1,
        'count(newswire:processing_duration_seconds:p99_5m{namespace="demo"} > 0)': 1,
        "sum(newswire_build_info)": 1,
    }
    failures = []
    try:
        deadline = time.monotonic() + args.timeout
        # First the demo's own six items, seen by Prometheus.
        bootstrap = None
        while time.monotonic() < deadline and worker.poll() is None and prom.poll() is None:
            m = re.search(r"bootstrap servers: (\S+)", (tmp / "worker.log").read_text())
            try:
                seen = value("sum(newswire_records_consumed_total)")
            except (OSError, RuntimeError):
                seen = None
            if m and seen == 6:
                bootstrap = m.group(1)
                break
            time.sleep(1)
        if bootstrap is None:
            failures.append("the demo's items never showed up in Prometheus")
            deadline = 0
        else:
            sample = (ROOT / "examples" / "demo-items" / "01-sample.txt").read_bytes()
            p = Producer({"bootstrap.servers": bootstrap})
            for i in range(10):
                p.produce("news.raw", sample, f"more-{i}".encode())
            # Few malformed ones: the dead-letter alert needs more than 10 per 5 minutes, and
            # rate() extrapolates a short series, so 5 new ones could make it pending.
            for i in range(2):
                p.produce("news.raw", b'{"body": "unterminated', f"bad-{i}".encode())
            if p.flush(30) != 0:
                failures.append("could not produce the extra items")
            del p
        got: dict[str, float | None] = {}
        while time.monotonic() < deadline:
            if worker.poll() is not None or prom.poll() is not None:
                break
            try:
                got = {e: value(e) for e in expectations}
            except (OSError, RuntimeError):
                got = {}
            if got and all(got[e] == float(v) for e, v in expectations.items()):
                break
            time.sleep(1)
        for e, v in expectations.items():
            if deadline and got.get(e) != float(v):
                failures.append(f"{e} = {got.get(e)}, expected {v}")
        if not failures:
            # Let the alert rules see a few more evaluations, then nothing may be firing or
            # pending for a healthy worker that has finished its work.
            time.sleep(3)
            alerts = query("ALERTS")
            for a in alerts:
                failures.append(f"alert {a['metric'].get('alertname')} is "
                                f"{a['metric'].get('alertstate')} for a healthy worker")
            rules = json.load(urllib.request.urlopen(f"http://{prom_addr}/api/v1/rules",
                                                     timeout=5))
            groups = rules["data"]["groups"]
            bad = [r["name"] for g in groups for r in g["rules"] if r.get("health") != "ok"]
            if bad:
                failures.append(f"rules with evaluation errors: {bad}")
            n_rules = sum(len(g["rules"]) for g in groups)
    finally:
        stop(worker)
        stop(prom)
        worker_log.close()
        prom_log.close()
    if failures:
        for f in failures:
            print(f"FAIL prometheus integration: {f}")
        for name in ("worker.log", "prometheus.log"):
            text = (tmp / name).read_text(errors="replace")
            print(f"--- {name} (tail)\n" + "\n".join(text.splitlines()[-15:]))
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    version = re.sub(r"\s+", " ", subprocess.run([args.prometheus, "--version"],
                                                 capture_output=True, text=True).stdout
                     .splitlines()[0])
    print(f"ok   prometheus integration ({version}): worker up, 18 consumed = 12 published"
          f" + 6 dead-lettered, {n_rules} rules healthy, recording rules populated, no alert")
    return 0


if __name__ == "__main__":
    sys.exit(main())
