#!/usr/bin/env python3
"""Print newswire.rules.yml wrapped in a Prometheus Operator PrometheusRule.

    python3 deploy/prometheus/to-prometheusrule.py [--namespace NS] [--label k=v ...] \
        [--runbook-base URL] | kubectl apply -f -
    python3 deploy/prometheus/to-prometheusrule.py --format rules --runbook-base URL \
        > /etc/prometheus/rules/newswire.rules.yml      # plain rule_files: file

The rule file stays the single source (promtool tests it); this only wraps it and puts
your runbook location into every alert's `runbook_url` annotation. The rule file's URLs
start with PLACEHOLDER_BASE; --runbook-base (or $NEWSWIRE_RUNBOOK_BASE) replaces it, e.g.
with the address of deploy/RUNBOOK.md in your repository browser or wiki. The anchors
(#newswirestalled, ...) are the runbook's section headings.
Needs PyYAML (python3-yaml).
"""
import argparse
import os
import pathlib
import sys

import yaml

RULES = pathlib.Path(__file__).with_name("newswire.rules.yml")
PLACEHOLDER_BASE = "https://git.example.com/newswire/newswire/blob/main/deploy/RUNBOOK.md"


def with_runbook_base(groups: list, base: str) -> list:
    """The groups with every alert's runbook_url moved from PLACEHOLDER_BASE to `base`."""
    base = base.rstrip("/")
    for group in groups:
        for rule in group.get("rules", []):
            if "alert" not in rule:
                continue
            url = rule.get("annotations", {}).get("runbook_url", "")
            if not url.startswith(PLACEHOLDER_BASE + "#"):
                raise SystemExit(
                    f"alert {rule['alert']}: runbook_url {url!r} does not start with "
                    f"{PLACEHOLDER_BASE}#"
                )
            rule["annotations"]["runbook_url"] = base + url[len(PLACEHOLDER_BASE):]
    return groups


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
    ap.add_argument(
        "--runbook-base",
        default=os.environ.get("NEWSWIRE_RUNBOOK_BASE", PLACEHOLDER_BASE),
        help="URL of deploy/RUNBOOK.md as your on-call engineers open it "
        "(default: $NEWSWIRE_RUNBOOK_BASE, else the placeholder %(default)s)",
    )
    ap.add_argument(
        "--format",
        choices=("prometheusrule", "rules"),
        default="prometheusrule",
        help="prometheusrule (Prometheus Operator object, default) or rules (plain rule file)",
    )
    args = ap.parse_args()
    if not args.runbook_base.startswith(("https://", "http://")):
        ap.error(f"--runbook-base wants an http(s) URL, got {args.runbook_base!r}")
    labels = {"app.kubernetes.io/name": "newswire"}
    for kv in args.label:
        k, sep, v = kv.partition("=")
        if not sep:
            ap.error(f"--label wants k=v, got {kv!r}")
        labels[k] = v
    rules = yaml.safe_load(RULES.read_text())
    groups = with_runbook_base(rules["groups"], args.runbook_base)
    sys.stdout.write(f"# Generated from {RULES.name} by {pathlib.Path(__file__).name}: do not edit.\n")
    if args.format == "rules":
        yaml.safe_dump({"groups": groups}, sys.stdout, sort_keys=False, width=1000)
        return 0
    doc = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": args.name, "namespace": args.namespace, "labels": labels},
        "spec": {"groups": groups},
    }
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, width=1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
