#!/usr/bin/env python3
"""Checks of deploy/prometheus and deploy/grafana that promtool does not make.

    python3 scripts/check-rules.py [--promtool PATH] [--metrics FILE]

- every alert has summary, description and a runbook_url whose anchor is a section of
  deploy/RUNBOOK.md (no leftover `runbook:` path annotations);
- deploy/prometheus/to-prometheusrule.py: its PrometheusRule carries the rule groups
  unchanged except for the runbook base it was given, and its plain-rules output passes
  `promtool check rules`;
- every recording rule the alerts and the dashboard read is defined in the rule file;
- with --metrics FILE (a /metrics scrape of a running worker): every newswire_* metric
  the rules and the dashboard query is exported by the worker.

Needs PyYAML. scripts/deploy-checks runs it.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROM = ROOT / "deploy" / "prometheus"
RULES = PROM / "newswire.rules.yml"
CONVERT = PROM / "to-prometheusrule.py"
RUNBOOK = ROOT / "deploy" / "RUNBOOK.md"
DASHBOARD = ROOT / "deploy" / "grafana" / "newswire-dashboard.json"
PLACEHOLDER_BASE = "https://git.example.com/newswire/newswire/blob/main/deploy/RUNBOOK.md"

# Labelled families that have no series (and so no line in /metrics) until their first
# occurrence, which the demo does not produce. For these the check falls back to the
# metric's name in the worker's source, so that a rename is still caught.
SERIES_ON_FIRST_OCCURRENCE = {
    "newswire_kafka_errors_total": "labelled by librdkafka error code; the demo has no client errors",
}

RAW = re.compile(r"\bnewswire_[a-zA-Z0-9_]+")
RECORDED = re.compile(r"\bnewswire:[a-zA-Z0-9_:]+")
HIST_SUFFIXES = ("_bucket", "_sum", "_count")


def anchors(markdown: str) -> set[str]:
    """Heading anchors as GitHub/GitLab render them (lowercase, punctuation dropped)."""
    out = set()
    for line in markdown.splitlines():
        m = re.match(r"#{1,6}\s+(.*)", line)
        if m:
            text = re.sub(r"[`*_]", "", m.group(1)).strip().lower()
            slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
            out.add(slug)
    return out


def dashboard_exprs() -> list[str]:
    exprs = []

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k in ("expr", "query", "definition") and isinstance(v, str):
                    exprs.append(v)
                else:
                    walk(v)
        elif isinstance(o, list):
            for x in o:
                walk(x)

    walk(json.loads(DASHBOARD.read_text()))
    return exprs


def exported_names(metrics_text: str) -> set[str]:
    names = set()
    for line in metrics_text.splitlines():
        if line.startswith("# TYPE ") or line.startswith("# HELP "):
            names.add(line.split()[2])
        elif line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def base_name(name: str, exported: set[str]) -> str:
    for suf in HIST_SUFFIXES:
        if name.endswith(suf) and name[: -len(suf)] in exported:
            return name[: -len(suf)]
    return name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--promtool", help="promtool binary (plain-rules output check skipped without)")
    ap.add_argument("--metrics", help="a /metrics scrape of a running worker")
    args = ap.parse_args()
    errs: list[str] = []
    notes: list[str] = []

    rules = yaml.safe_load(RULES.read_text())
    groups = rules["groups"]
    recorded = {r["record"] for g in groups for r in g["rules"] if "record" in r}
    alerts = [r for g in groups for r in g["rules"] if "alert" in r]
    sections = anchors(RUNBOOK.read_text())

    # Alerts: annotations and runbook links.
    for a in alerts:
        ann = a.get("annotations", {})
        for key in ("summary", "description", "runbook_url"):
            if not ann.get(key):
                errs.append(f"alert {a['alert']}: no {key} annotation")
        if "runbook" in ann:
            errs.append(f"alert {a['alert']}: `runbook` annotation (use runbook_url)")
        url = ann.get("runbook_url", "")
        base, _, anchor = url.partition("#")
        if base != PLACEHOLDER_BASE:
            errs.append(f"alert {a['alert']}: runbook_url base {base!r} is not the placeholder"
                        " that to-prometheusrule.py substitutes")
        if anchor not in sections:
            errs.append(f"alert {a['alert']}: runbook anchor #{anchor} is no heading of"
                        " deploy/RUNBOOK.md")
    notes.append(f"{len(alerts)} alerts, each with summary, description and a runbook_url"
                 " into a RUNBOOK.md section")

    # Conversion.
    base = "https://runbooks.example.org/newswire/RUNBOOK.md"
    out = subprocess.run([sys.executable, str(CONVERT), "--namespace", "monitoring",
                          "--label", "release=kps", "--runbook-base", base],
                         check=True, capture_output=True, text=True).stdout
    doc = yaml.safe_load(out)
    if doc.get("kind") != "PrometheusRule" or doc.get("apiVersion") != "monitoring.coreos.com/v1":
        errs.append("to-prometheusrule.py: output is not a monitoring.coreos.com/v1 PrometheusRule")
    md = doc.get("metadata", {})
    if md.get("namespace") != "monitoring" or md.get("labels", {}).get("release") != "kps":
        errs.append("to-prometheusrule.py: --namespace/--label not applied")
    expected = json.loads(json.dumps(groups).replace(PLACEHOLDER_BASE, base))
    if doc.get("spec", {}).get("groups") != expected:
        errs.append("to-prometheusrule.py: spec.groups differ from newswire.rules.yml"
                    " (beyond the runbook base)")
    bad = subprocess.run([sys.executable, str(CONVERT), "--runbook-base", "RUNBOOK.md"],
                         capture_output=True, text=True)
    if bad.returncode == 0:
        errs.append("to-prometheusrule.py: accepted a runbook base that is no URL")
    if args.promtool:
        plain = subprocess.run([sys.executable, str(CONVERT), "--format", "rules",
                                "--runbook-base", base],
                               check=True, capture_output=True, text=True).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".yml") as f:
            f.write(plain)
            f.flush()
            r = subprocess.run([args.promtool, "check", "rules", f.name],
                               capture_output=True, text=True)
            if r.returncode != 0:
                errs.append(f"to-prometheusrule.py --format rules: promtool check rules"
                            f" failed: {r.stdout}{r.stderr}")
    notes.append("to-prometheusrule.py: PrometheusRule = rule groups + runbook base"
                 + (", plain output passes promtool check rules" if args.promtool else ""))

    # Names queried by the rules and the dashboard.
    rule_exprs = [r["expr"] for g in groups for r in g["rules"]]
    dash_exprs = dashboard_exprs()
    if not dash_exprs:
        errs.append("dashboard: no query found (has its format changed?)")
    for where, exprs in (("rules", rule_exprs), ("dashboard", dash_exprs)):
        for e in exprs:
            for name in RECORDED.findall(e):
                if name not in recorded:
                    errs.append(f"{where}: {name} is not a recording rule of newswire.rules.yml")
    queried = {n for e in rule_exprs + dash_exprs for n in RAW.findall(e)}
    if args.metrics:
        exported = exported_names(pathlib.Path(args.metrics).read_text())
        source = "\n".join(p.read_text() for p in (ROOT / "src").glob("*.rs"))
        missing, deferred = [], []
        for n in sorted(queried):
            if base_name(n, exported) in exported:
                continue
            if n in SERIES_ON_FIRST_OCCURRENCE and f'"{n}"' in source:
                deferred.append(n)
            else:
                missing.append(n)
        for n in missing:
            errs.append(f"{n}: queried by the rules or the dashboard, not exported by the"
                        " worker's /metrics")
        if not missing:
            notes.append(f"{len(queried)} newswire_* names queried by rules and dashboard:"
                         f" {len(queried) - len(deferred)} in a running worker's /metrics"
                         + "".join(f", {n} registered in src/ ({SERIES_ON_FIRST_OCCURRENCE[n]})"
                                   for n in deferred))

    for n in notes:
        print(f"ok   {n}")
    for e in errs:
        print(f"FAIL {e}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
