#!/usr/bin/env python3
"""Runs examples/consumer/consume_events.py against a running demo worker.

    python3 scripts/check-consumer-example.py --bin target/debug/newswire

Starts `newswire demo --keep-running` (librdkafka's in-process mock cluster on loopback),
which publishes two events to news.events. Then adds what a real consumer meets: a
redelivered copy of an event (same event_id), an event that breaks the schema, and a
record of an unknown schema version. The example must print each of the two events once,
and count 1 duplicate, 1 invalid, 1 other version. Needs confluent-kafka and jsonschema
(examples/consumer/requirements.txt).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

from confluent_kafka import Consumer, Producer

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "consumer" / "consume_events.py"
TOPIC = "news.events"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_events(bootstrap: str, n: int, timeout: float = 60) -> list:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "check-reader",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False})
    c.subscribe([TOPIC])
    out, deadline = [], time.monotonic() + timeout
    while len(out) < n and time.monotonic() < deadline:
        m = c.poll(1.0)
        if m is not None and not m.error():
            out.append(m)
    c.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    demo = subprocess.Popen([args.bin, "demo", "--keep-running", "--listen",
                             f"127.0.0.1:{free_port()}"], stdout=subprocess.DEVNULL, stderr=log)
    failures = []
    try:
        bootstrap, deadline = None, time.monotonic() + 120
        while bootstrap is None and time.monotonic() < deadline and demo.poll() is None:
            m = re.search(r"bootstrap servers: (\S+)", pathlib.Path(log.name).read_text())
            bootstrap = m.group(1) if m else None
            time.sleep(0.5)
        if bootstrap is None:
            print(pathlib.Path(log.name).read_text()[-2000:], file=sys.stderr)
            print("FAIL demo did not come up", file=sys.stderr)
            return 1

        events = read_events(bootstrap, 2)
        if len(events) != 2:
            print(f"FAIL the demo published {len(events)} events, expected 2", file=sys.stderr)
            return 1
        first = events[0]
        p = Producer({"bootstrap.servers": bootstrap})
        # Redelivery after a worker restart: same value, same event_id.
        p.produce(TOPIC, first.value(), first.key(), headers=first.headers())
        # A value that breaks the schema (event_id is no UUID v5, fields missing).
        p.produce(TOPIC, json.dumps({"schema_version": 1, "event_id": "nope"}).encode(),
                  b"bad", headers=[("newswire-schema-version", b"1")])
        # A future major version, published alongside during a migration.
        p.produce(TOPIC, b'{"schema_version": 2}', b"v2",
                  headers=[("newswire-schema-version", b"2")])
        if p.flush(30) != 0:
            print("FAIL could not produce the test records", file=sys.stderr)
            return 1
        del p

        r = subprocess.run([sys.executable, str(EXAMPLE), "--bootstrap-servers", bootstrap,
                            "--from-beginning", "--idle-timeout", "5"],
                           capture_output=True, text=True, timeout=180)
        lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
        ids = [x["event_id"] for x in lines]
        expected_ids = sorted(json.loads(e.value())["event_id"] for e in events)
        if r.returncode != 0:
            failures.append(f"the example exited {r.returncode}: {r.stderr[-500:]}")
        if sorted(ids) != expected_ids:
            failures.append(f"printed ids {ids}, expected each of {expected_ids} once")
        summary = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        want = "new 2, duplicate 1, invalid 1, other version 1"
        if summary != want:
            failures.append(f"summary {summary!r}, expected {want!r}")
        if "invalid event (" not in r.stderr:
            failures.append("the invalid event was not reported")
        for f in failures:
            print(f"FAIL consumer example: {f}")
        if not failures:
            print(f"ok   consumer example: {want} (validated against schema/event.v1.json)")
        return 1 if failures else 0
    finally:
        demo.send_signal(signal.SIGTERM)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
        pathlib.Path(log.name).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
