#!/usr/bin/env python3
"""Run `newswire demo --keep-running` on a free loopback port and save one /metrics scrape.

    python3 scripts/scrape-demo.py --bin target/debug/newswire --out metrics.txt [--log FILE]

Waits until the demo has accounted for its example items and the worker has reported
consumer lag and an offset commit (librdkafka statistics and the commit loop are
periodic), writes the scrape, then stops the worker with SIGTERM. Everything stays on
127.0.0.1 (the demo's Kafka is librdkafka's in-process mock cluster). Standard library
only.
"""
from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time
import urllib.request

READY_LINE = "accounted for"
WANT = ("newswire_consumer_lag", "newswire_commits_total", "newswire_dead_letters_total")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--log", default="/dev/null", help="the worker's stderr goes here")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()

    port = args.port or free_port()
    addr = f"127.0.0.1:{port}"
    with open(args.log, "w") as log:
        proc = subprocess.Popen([args.bin, "demo", "--keep-running", "--listen", addr],
                                stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + args.timeout
    text = ""
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                print(f"scrape-demo: the demo exited with {proc.returncode}", file=sys.stderr)
                return 1
            ready = READY_LINE in open(args.log, errors="replace").read()
            if ready:
                try:
                    with urllib.request.urlopen(f"http://{addr}/metrics", timeout=5) as r:
                        text = r.read().decode()
                except OSError:
                    text = ""
                if all(w in text for w in WANT):
                    break
            time.sleep(0.5)
        else:
            print(f"scrape-demo: no complete scrape within {args.timeout}s"
                  f" (items accounted for: {READY_LINE in open(args.log).read()})",
                  file=sys.stderr)
            if text:
                open(args.out, "w").write(text)
            return 1
        open(args.out, "w").write(text)
        print(f"scrape-demo: {len(text.splitlines())} lines from http://{addr}/metrics")
        return 0
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
