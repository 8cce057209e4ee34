#!/usr/bin/env python3
"""Example downstream consumer of newswire events (topic news.events, schema version 1).

    pip install -r examples/consumer/requirements.txt
    python3 examples/consumer/consume_events.py --bootstrap-servers localhost:9092 \
        [--group-id my-app] [--topic news.events] [-X sasl.username=... ...]

What a consumer of newswire has to do, in one place:

- **Route by the `newswire-schema-version` header** before parsing. Version 1 is handled;
  a record of a version this program does not know is skipped and counted, not a crash
  (during a migration both versions may be published: docs/schema-compatibility.md).
- **Validate** the value against schema/event.v1.json. Unknown fields are allowed by the
  schema (version 1 grows by optional fields only), so an event from a newer worker
  still validates. An invalid event is reported and skipped.
- **Deduplicate on `event_id`.** Delivery is at-least-once: after a worker restart or a
  rebalance, an event is published again with the same `event_id`. This example keeps the
  last --dedup-window ids in memory; a real sink should make the write itself idempotent
  (upsert keyed by event_id, or a unique constraint), which also survives restarts.
- **Commit after handling** (at-least-once here too): offsets are stored only once the
  event is handled, and committed by librdkafka in the background and on close.

Each new event is printed as one JSON line (event_id, title, officials, locations) on
stdout; counts go to stderr at the end. --max-events / --idle-timeout make it stop (tests).
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import signal
import sys
import time

from confluent_kafka import Consumer, KafkaError
from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "schema" / "event.v1.json"
VERSION_HEADER = "newswire-schema-version"


class RecentIds:
    """The last `size` event ids seen, oldest evicted first."""

    def __init__(self, size: int):
        self.size = size
        self.ids: collections.OrderedDict[str, None] = collections.OrderedDict()

    def seen(self, event_id: str) -> bool:
        """True if the id was seen recently; records it either way."""
        if event_id in self.ids:
            self.ids.move_to_end(event_id)
            return True
        self.ids[event_id] = None
        if len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return False


def header(msg, name: str) -> str | None:
    for k, v in msg.headers() or []:
        if k == name:
            return v.decode("utf-8", "replace") if v is not None else None
    return None


def handle(event: dict) -> None:
    """The application's work. Here: print a summary line."""
    print(json.dumps({
        "event_id": event["event_id"],
        "title": event.get("title"),
        "officials": [o["name"] for o in event.get("officials", [])],
        "locations": [loc["name"] for loc in event.get("locations", [])],
    }), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bootstrap-servers", required=True)
    ap.add_argument("--group-id", default="newswire-example-consumer")
    ap.add_argument("--topic", default="news.events")
    ap.add_argument("--schema", default=str(SCHEMA))
    ap.add_argument("--dedup-window", type=int, default=100_000,
                    help="how many recent event ids to remember (default %(default)s)")
    ap.add_argument("--from-beginning", action="store_true",
                    help="a new group starts at the oldest retained event (default: newest)")
    ap.add_argument("--max-events", type=int, default=0, help="stop after N new events")
    ap.add_argument("--idle-timeout", type=float, default=0,
                    help="stop after this many seconds without a record")
    ap.add_argument("-X", dest="props", action="append", default=[], metavar="KEY=VALUE",
                    help="librdkafka property, e.g. -X security.protocol=SASL_SSL (repeatable)")
    args = ap.parse_args()

    validator = Draft202012Validator(json.loads(pathlib.Path(args.schema).read_text()),
                                     format_checker=FormatChecker())
    conf = {
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": args.group_id,
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
        # Store an offset only after the event is handled; commit stored offsets in the
        # background and on close.
        "enable.auto.offset.store": False,
        "enable.auto.commit": True,
        "partition.assignment.strategy": "cooperative-sticky",
    }
    for kv in args.props:
        k, sep, v = kv.partition("=")
        if not sep:
            ap.error(f"-X wants KEY=VALUE, got {kv!r}")
        conf[k] = v

    consumer = Consumer(conf)
    consumer.subscribe([args.topic])
    recent = RecentIds(args.dedup_window)
    counts = collections.Counter()
    stop = False

    def on_signal(_sig, _frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    last_record = time.monotonic()
    try:
        while not stop:
            msg = consumer.poll(1.0)
            if msg is None:
                if args.idle_timeout and time.monotonic() - last_record > args.idle_timeout:
                    break
                continue
            if msg.error():
                # Transient errors (broker down, rebalance) are retried by librdkafka.
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    print(f"consumer error: {msg.error()}", file=sys.stderr)
                continue
            last_record = time.monotonic()
            where = f"{msg.topic()}[{msg.partition()}]@{msg.offset()}"
            version = header(msg, VERSION_HEADER)
            if version != "1":
                counts["other_version"] += 1
                print(f"{where}: schema version {version!r} not handled, skipped", file=sys.stderr)
            else:
                try:
                    event = json.loads(msg.value())
                    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.path))
                except (ValueError, TypeError) as e:
                    event, errors = None, [e]
                if errors:
                    counts["invalid"] += 1
                    first = errors[0]
                    path = "/".join(map(str, getattr(first, "path", [])))
                    print(f"{where}: invalid event ({path or 'value'}:"
                          f" {getattr(first, 'message', first)}), skipped", file=sys.stderr)
                elif recent.seen(event["event_id"]):
                    counts["duplicate"] += 1
                else:
                    handle(event)
                    counts["new"] += 1
            consumer.store_offsets(message=msg)
            if args.max_events and counts["new"] >= args.max_events:
                break
    finally:
        consumer.close()  # commits the stored offsets, leaves the group
    print(f"new {counts['new']}, duplicate {counts['duplicate']}, invalid {counts['invalid']},"
          f" other version {counts['other_version']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
