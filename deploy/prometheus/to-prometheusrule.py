#!/usr/bin/env python3
"""Print newswire.rules.yml wrapped in a Prometheus Operator PrometheusRule.

    python3 deploy/prometheus/to-prometheusrule.py [--namespace NS] [--label k=v ...] \
        | kubectl apply -f -

The rule file stays the single source (promtool tests it); this only wraps it.
Needs PyYAML (python3-yaml).
"""
import argparse
import pathlib
import sys

import yaml

RULES = pathlib.Path(__file__).with_name("newswire.rules.yml")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--namespace", default="newswire")
    ap.add_argument("--name", default="newswire")
    ap.add_argument(
        "--label",
        action="append",
        default=[],
        help="extra metadata label k=v, e.g. release=kube-prometheus-stack (repeatable)",
    )
    args = ap.parse_args()
    labels = {"app.kubernetes.io/name": "newswire"}
    for kv in args.label:
        k, sep, v = kv.partition("=")
        if not sep:
            ap.error(f"--label wants k=v, got {kv!r}")
        labels[k] = v
    rules = yaml.safe_load(RULES.read_text())
    doc = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": args.name, "namespace": args.namespace, "labels": labels},
        "spec": {"groups": rules["groups"]},
    }
    sys.stdout.write(f"# Generated from {RULES.name} by {pathlib.Path(__file__).name}: do not edit.\n")
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, width=1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
