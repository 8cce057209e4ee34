#!/usr/bin/env python3
"""Render every kustomize overlay under deploy/kubernetes/overlays and check the result.

    python3 scripts/check-manifests.py [--kubectl PATH] [--kubernetes-validate PATH]
    python3 scripts/check-manifests.py --self-test

For each overlay (and once more with a `namePrefix`, which must be carried into every
reference) it checks what `kubectl apply -k` would not tell you until the objects misbehave
in the cluster:

- every namespaced object carries the overlay's namespace (an HPA without one lands in
  kubectl's current namespace, far from its Deployment);
- every reference resolves inside the render: autoscaler scale targets, KEDA
  authentication refs, service accounts, config maps (and their keys), secrets, Service
  selectors and target ports, ServiceMonitor selectors and ports, PodDisruptionBudget
  selectors. The only objects allowed to be missing are listed in EXTERNAL (created
  outside these manifests, see deploy/README.md);
- autoscalers: at most one per workload, max replicas at most the input topic's
  partition count (INPUT_PARTITIONS), the Deployment leaves `replicas` to them, and the
  KEDA Kafka trigger names the same brokers, group and topic as the worker;
- with --kubernetes-validate, the built-in kinds against the Kubernetes OpenAPI schemas
  (offline, bundled in the kubernetes-validate package) for each version in K8S_VERSIONS.

Needs PyYAML. scripts/deploy-checks installs the tools and runs this.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import tomllib

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
OVERLAYS = ROOT / "deploy" / "kubernetes" / "overlays"
BASE = ROOT / "deploy" / "kubernetes" / "base"

# Partitions of the input topic in production (deploy/README.md, "Topics"): no autoscaler
# may go above it, extra workers would sit idle.
INPUT_PARTITIONS = 12

# Newest schema set bundled by kubernetes-validate, and an older release still common on
# managed clusters.
K8S_VERSIONS = ("1.37.0", "1.30.0")

# Objects referenced by the manifests but deliberately not rendered by them.
EXTERNAL = {
    ("Secret", "newswire-kafka-credentials"): "created from the secret store (deploy/README.md)",
}

CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PriorityClass",
    "StorageClass",
    "PersistentVolume",
    "ClusterTriggerAuthentication",
    "APIService",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
}

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"}


def group_of(api_version: str) -> str:
    return api_version.split("/")[0] if "/" in api_version else ""


class Render:
    """The objects of one render, indexed by (kind, namespace, name)."""

    def __init__(self, docs: list[dict]):
        self.docs = [d for d in docs if isinstance(d, dict) and d.get("kind")]
        self.index = {}
        for d in self.docs:
            md = d.get("metadata", {})
            self.index[(d["kind"], md.get("namespace"), md.get("name"))] = d

    def get(self, kind: str, namespace: str | None, name: str) -> dict | None:
        return self.index.get((kind, namespace, name))

    def of_kind(self, *kinds: str):
        return [d for d in self.docs if d["kind"] in kinds]


def pod_template(obj: dict) -> dict | None:
    kind = obj["kind"]
    if kind in WORKLOADS or kind == "Job":
        return obj.get("spec", {}).get("template")
    if kind == "CronJob":
        return obj.get("spec", {}).get("jobTemplate", {}).get("spec", {}).get("template")
    return None


def selects(selector: dict | None, labels: dict | None) -> bool:
    """matchLabels / plain-map selector semantics (matchExpressions are not used here)."""
    if not selector:
        return False
    match = selector.get("matchLabels", selector) if "matchLabels" in selector else selector
    if "matchExpressions" in selector:
        raise ValueError("matchExpressions not supported by this check")
    labels = labels or {}
    return all(labels.get(k) == v for k, v in match.items())


def check_render(render: Render, namespace: str | None) -> list[str]:
    """Return the problems of one render; `namespace` is the overlay's (None: base)."""
    errs: list[str] = []

    def where(o: dict) -> str:
        md = o.get("metadata", {})
        return f"{o['kind']}/{md.get('name')}"

    def need(kind: str, ns: str | None, name: str | None, what: str, src: dict,
             optional_ok: bool = False) -> dict | None:
        if not name:
            errs.append(f"{where(src)}: {what} has no name")
            return None
        found = render.get(kind, None if kind in CLUSTER_SCOPED else ns, name)
        if found is None and (kind, name) not in EXTERNAL:
            errs.append(f"{where(src)}: {what} {kind}/{name} is not in the render"
                        f" (namespace {ns})")
        return found

    # Namespaces.
    for o in render.docs:
        md = o.get("metadata", {})
        if o["kind"] == "Namespace":
            if namespace and md.get("name") != namespace:
                errs.append(f"Namespace/{md.get('name')}: differs from the overlay's {namespace}")
            continue
        if o["kind"] in CLUSTER_SCOPED or namespace is None:
            continue
        if md.get("namespace") != namespace:
            errs.append(f"{where(o)}: namespace is {md.get('namespace')!r},"
                        f" expected {namespace!r}")

    # Workloads: service account, config maps, secrets.
    pod_labels: list[tuple[dict, dict]] = []  # (workload, pod template)
    for o in render.docs:
        tpl = pod_template(o)
        if tpl is None:
            continue
        ns = o["metadata"].get("namespace")
        spec = tpl.get("spec", {})
        pod_labels.append((o, tpl))
        if o["kind"] in WORKLOADS:
            sel = o.get("spec", {}).get("selector")
            if not selects(sel, tpl.get("metadata", {}).get("labels")):
                errs.append(f"{where(o)}: selector does not match its own pod template")
        sa = spec.get("serviceAccountName")
        if sa:
            need("ServiceAccount", ns, sa, "serviceAccountName", o)
        for ips in spec.get("imagePullSecrets", []) or []:
            need("Secret", ns, ips.get("name"), "imagePullSecret", o)
        for vol in spec.get("volumes", []) or []:
            if "configMap" in vol:
                need("ConfigMap", ns, vol["configMap"].get("name"), f"volume {vol['name']}", o)
            if "secret" in vol:
                need("Secret", ns, vol["secret"].get("secretName"), f"volume {vol['name']}", o)
            for src in (vol.get("projected") or {}).get("sources", []) or []:
                if "configMap" in src:
                    need("ConfigMap", ns, src["configMap"].get("name"), "projected volume", o)
                if "secret" in src:
                    need("Secret", ns, src["secret"].get("name"), "projected volume", o)
        for c in (spec.get("containers", []) or []) + (spec.get("initContainers", []) or []):
            for env in c.get("env", []) or []:
                vf = env.get("valueFrom") or {}
                if "configMapKeyRef" in vf:
                    ref = vf["configMapKeyRef"]
                    cm = need("ConfigMap", ns, ref.get("name"), f"env {env['name']}", o)
                    if cm is not None and ref.get("key") not in (cm.get("data") or {}):
                        errs.append(f"{where(o)}: env {env['name']}: ConfigMap"
                                    f" {ref.get('name')} has no key {ref.get('key')!r}")
                if "secretKeyRef" in vf:
                    ref = vf["secretKeyRef"]
                    need("Secret", ns, ref.get("name"), f"env {env['name']}", o)
            for ef in c.get("envFrom", []) or []:
                if "configMapRef" in ef:
                    need("ConfigMap", ns, ef["configMapRef"].get("name"), "envFrom", o)
                if "secretRef" in ef:
                    need("Secret", ns, ef["secretRef"].get("name"), "envFrom", o)

    def pods_selected(selector: dict, ns: str | None) -> list[tuple[dict, dict]]:
        return [(w, t) for (w, t) in pod_labels
                if w["metadata"].get("namespace") == ns
                and selects(selector, t.get("metadata", {}).get("labels"))]

    # Services: selector and named target ports.
    for svc in render.of_kind("Service"):
        ns = svc["metadata"].get("namespace")
        sel = svc.get("spec", {}).get("selector")
        matched = pods_selected(sel, ns) if sel else []
        if sel and not matched:
            errs.append(f"{where(svc)}: selector {sel} matches no pod template in the render")
        for port in svc.get("spec", {}).get("ports", []) or []:
            tp = port.get("targetPort")
            if isinstance(tp, str):
                for w, t in matched:
                    names = {p.get("name") for c in t.get("spec", {}).get("containers", [])
                             for p in c.get("ports", []) or []}
                    if tp not in names:
                        errs.append(f"{where(svc)}: targetPort {tp!r} is no container port"
                                    f" of {where(w)}")

    # ServiceMonitors: selected Services and their port names.
    for sm in render.of_kind("ServiceMonitor"):
        ns = sm["metadata"].get("namespace")
        nss = (sm.get("spec", {}).get("namespaceSelector") or {}).get("matchNames") or [ns]
        sel = sm.get("spec", {}).get("selector")
        svcs = [s for s in render.of_kind("Service") if s["metadata"].get("namespace") in nss
                and selects(sel, s["metadata"].get("labels"))]
        if not svcs:
            errs.append(f"{where(sm)}: selector {sel} matches no Service in the render")
        for ep in sm.get("spec", {}).get("endpoints", []) or []:
            port = ep.get("port")
            for s in svcs:
                if port not in {p.get("name") for p in s["spec"].get("ports", []) or []}:
                    errs.append(f"{where(sm)}: endpoint port {port!r} is not a port of"
                                f" {where(s)}")

    # PodDisruptionBudgets.
    for pdb in render.of_kind("PodDisruptionBudget"):
        ns = pdb["metadata"].get("namespace")
        if not pods_selected(pdb.get("spec", {}).get("selector"), ns):
            errs.append(f"{where(pdb)}: selector matches no pod template in the render")

    # Autoscalers.
    targets: dict[tuple, list[str]] = {}

    def scale_target(src: dict, ref: dict, default_kind: str | None) -> dict | None:
        kind = ref.get("kind") or default_kind
        ns = src["metadata"].get("namespace")
        tgt = need(kind, ns, ref.get("name"), "scaleTargetRef", src)
        if tgt is not None:
            api = ref.get("apiVersion")
            if api and group_of(api) != group_of(tgt["apiVersion"]):
                errs.append(f"{where(src)}: scaleTargetRef apiVersion {api} does not match"
                            f" {tgt['apiVersion']}")
            targets.setdefault((kind, ns, ref.get("name")), []).append(where(src))
            if "replicas" in tgt.get("spec", {}):
                errs.append(f"{where(src)}: {where(tgt)} still sets spec.replicas; every"
                            " apply would reset the autoscaler's decision")
        return tgt

    for hpa in render.of_kind("HorizontalPodAutoscaler"):
        spec = hpa.get("spec", {})
        scale_target(hpa, spec.get("scaleTargetRef", {}), None)
        mx = spec.get("maxReplicas", 0)
        if mx > INPUT_PARTITIONS:
            errs.append(f"{where(hpa)}: maxReplicas {mx} > {INPUT_PARTITIONS} input partitions")
        if spec.get("minReplicas", 1) > mx:
            errs.append(f"{where(hpa)}: minReplicas above maxReplicas")

    for so in render.of_kind("ScaledObject"):
        spec = so.get("spec", {})
        ns = so["metadata"].get("namespace")
        tgt = scale_target(so, spec.get("scaleTargetRef", {}), "Deployment")
        mx = spec.get("maxReplicaCount", 100)  # KEDA's default
        if mx > INPUT_PARTITIONS:
            errs.append(f"{where(so)}: maxReplicaCount {mx} > {INPUT_PARTITIONS}"
                        " input partitions")
        if spec.get("minReplicaCount", 0) > mx:
            errs.append(f"{where(so)}: minReplicaCount above maxReplicaCount")
        for trig in spec.get("triggers", []) or []:
            auth = trig.get("authenticationRef")
            if auth:
                kind = auth.get("kind") or "TriggerAuthentication"
                need(kind, ns, auth.get("name"), "authenticationRef", so)
            if trig.get("type") == "kafka" and tgt is not None:
                errs += check_kafka_trigger(so, trig.get("metadata", {}), tgt, render)

    for ta in render.of_kind("TriggerAuthentication"):
        ns = ta["metadata"].get("namespace")
        for ref in ta.get("spec", {}).get("secretTargetRef", []) or []:
            need("Secret", ns, ref.get("name"), f"secretTargetRef {ref.get('parameter')}", ta)

    for (kind, ns, name), who in targets.items():
        if len(who) > 1:
            errs.append(f"{kind}/{name}: scaled by {len(who)} autoscalers ({', '.join(who)})")
    return errs


def worker_env(workload: dict) -> dict[str, str]:
    env = {}
    for c in pod_template(workload).get("spec", {}).get("containers", []):
        for e in c.get("env", []) or []:
            if "value" in e:
                env[e["name"]] = e["value"]
    return env


def worker_config(workload: dict, render: Render) -> dict:
    ns = workload["metadata"].get("namespace")
    for vol in pod_template(workload).get("spec", {}).get("volumes", []) or []:
        if "configMap" in vol:
            cm = render.get("ConfigMap", ns, vol["configMap"].get("name"))
            if cm and "newswire.toml" in (cm.get("data") or {}):
                return tomllib.loads(cm["data"]["newswire.toml"])
    return {}


SASL = {"SCRAM-SHA-512": "scram_sha512", "SCRAM-SHA-256": "scram_sha256", "PLAIN": "plaintext"}


def check_kafka_trigger(so: dict, meta: dict, tgt: dict, render: Render) -> list[str]:
    """The KEDA scaler must watch the group, topic and brokers the worker uses."""
    errs = []
    env = worker_env(tgt)
    cfg = worker_config(tgt, render)
    name = f"ScaledObject/{so['metadata'].get('name')}"
    expect = {
        "bootstrapServers": env.get("NEWSWIRE__KAFKA__BOOTSTRAP_SERVERS",
                                    cfg.get("kafka", {}).get("bootstrap_servers")),
        "consumerGroup": env.get("NEWSWIRE__KAFKA__GROUP_ID", cfg.get("kafka", {}).get("group_id")),
        "topic": env.get("NEWSWIRE__TOPICS__INPUT", cfg.get("topics", {}).get("input")),
    }
    for key, want in expect.items():
        if meta.get(key) != want:
            errs.append(f"{name}: kafka trigger {key} = {meta.get(key)!r}, the worker uses {want!r}")
    proto = env.get("NEWSWIRE__KAFKA__PROPERTIES__SECURITY_PROTOCOL", "PLAINTEXT").upper()
    want_tls = "enable" if proto in ("SSL", "SASL_SSL") else "disable"
    if meta.get("tls", "disable") != want_tls:
        errs.append(f"{name}: kafka trigger tls = {meta.get('tls')!r}, worker uses {proto}")
    mech = env.get("NEWSWIRE__KAFKA__PROPERTIES__SASL_MECHANISMS")
    want_sasl = SASL.get(mech.upper(), mech) if proto.startswith("SASL") and mech else "none"
    if meta.get("sasl", "none") != want_sasl:
        errs.append(f"{name}: kafka trigger sasl = {meta.get('sasl')!r}, worker uses {mech}")
    if str(meta.get("allowIdleConsumers", "false")).lower() != "false":
        errs.append(f"{name}: allowIdleConsumers lets KEDA go past the partition count")
    return errs


def kustomization_namespace(d: pathlib.Path) -> str | None:
    k = yaml.safe_load((d / "kustomization.yaml").read_text()) or {}
    return k.get("namespace")


def render(kubectl: str, d: pathlib.Path) -> list[dict]:
    out = subprocess.run([kubectl, "kustomize", str(d)], check=True, capture_output=True,
                         text=True).stdout
    return list(yaml.safe_load_all(out))


def render_with_prefix(kubectl: str, overlay: pathlib.Path) -> list[dict]:
    """The overlay under a namePrefix: references must follow the renamed objects."""
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=".check-prefix-", dir=overlay.parent))
    try:
        (tmp / "kustomization.yaml").write_text(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            f"namePrefix: check-\nresources:\n  - ../{overlay.name}\n")
        return render(kubectl, tmp)
    finally:
        shutil.rmtree(tmp)


def validate_schemas(kv: str, docs: list[dict], label: str) -> list[str]:
    errs = []
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump_all(docs, f)
        path = f.name
    try:
        for v in K8S_VERSIONS:
            r = subprocess.run([kv, "--strict", "--quiet", "--no-warn", "-k", v, path],
                               capture_output=True, text=True)
            if r.returncode != 0:
                errs.append(f"schema (Kubernetes {v}): {(r.stdout + r.stderr).strip()}")
    finally:
        os.unlink(path)
    return errs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kubectl", default=shutil.which("kubectl") or "kubectl")
    ap.add_argument("--kubernetes-validate", dest="kv",
                    help="path of the kubernetes-validate CLI (schema check skipped without)")
    ap.add_argument("--out", help="write each render to DIR/<overlay>.yaml")
    ap.add_argument("--self-test", action="store_true",
                    help="check that the checks catch known-bad renders, then exit")
    args = ap.parse_args()
    if args.self_test:
        return self_test()

    overlays = sorted(p.parent for p in OVERLAYS.glob("*/kustomization.yaml")
                      if not p.parent.name.startswith("."))
    failed = 0
    for d in [BASE] + overlays:
        label = d.relative_to(ROOT)
        docs = render(args.kubectl, d)
        if args.out:
            pathlib.Path(args.out).mkdir(parents=True, exist_ok=True)
            with open(pathlib.Path(args.out) / f"{d.name}.yaml", "w") as f:
                yaml.safe_dump_all(docs, f)
        errs = []
        ns = None
        if d != BASE:
            ns = kustomization_namespace(d)
            if not ns:
                errs.append(f"{label}: kustomization.yaml sets no `namespace:` (objects it"
                            " adds land in kubectl's current namespace)")
                ns = next((o["metadata"]["name"] for o in docs if o and o["kind"] == "Namespace"),
                          None)
        errs += check_render(Render(docs), ns)
        if d != BASE:
            errs += [f"(namePrefix) {e}" for e in
                     check_render(Render(render_with_prefix(args.kubectl, d)), ns)]
        if args.kv:
            errs += validate_schemas(args.kv, docs, str(label))
        kinds = sorted({o["kind"] for o in docs if o})
        status = "FAIL" if errs else "ok"
        print(f"{status:4} {label}: {len(docs)} objects ({', '.join(kinds)})")
        for e in errs:
            print(f"     - {e}")
        failed += bool(errs)
    if args.kv:
        print(f"schemas: built-in kinds validated against Kubernetes {', '.join(K8S_VERSIONS)}"
              " (kubernetes-validate, strict); custom resources checked structurally above")
    return 1 if failed else 0


def self_test() -> int:
    """Known-bad renders must be reported (guards the checks against going blind)."""
    dep = {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "w", "namespace": "n"},
           "spec": {"selector": {"matchLabels": {"a": "w"}},
                    "template": {"metadata": {"labels": {"a": "w"}},
                                 "spec": {"containers": [{"name": "c"}]}}}}
    hpa = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
           "metadata": {"name": "w", "namespace": "n"},
           "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                       "name": "w"}, "minReplicas": 1, "maxReplicas": 3}}
    ok = check_render(Render([dep, hpa]), "n")
    cases = {
        "good render passes": (ok == [], ok),
    }
    import copy

    def errs_for(mutate) -> list[str]:
        d, h = copy.deepcopy(dep), copy.deepcopy(hpa)
        mutate(d, h)
        return check_render(Render([d, h]), "n")

    e = errs_for(lambda d, h: h["metadata"].pop("namespace"))
    cases["HPA without namespace"] = (any("namespace is None" in x for x in e), e)
    e = errs_for(lambda d, h: h["spec"]["scaleTargetRef"].update(name="other"))
    cases["HPA aiming at a missing Deployment"] = (any("not in the render" in x for x in e), e)
    e = errs_for(lambda d, h: h["spec"].update(maxReplicas=INPUT_PARTITIONS + 1))
    cases["HPA above the partition count"] = (any("input partitions" in x for x in e), e)
    e = errs_for(lambda d, h: d["spec"].update(replicas=3))
    cases["Deployment keeps replicas under an HPA"] = (any("spec.replicas" in x for x in e), e)
    e = errs_for(lambda d, h: d["spec"]["template"]["spec"].update(serviceAccountName="x"))
    cases["missing ServiceAccount"] = (any("ServiceAccount/x" in x for x in e), e)
    e = errs_for(lambda d, h: d["spec"]["template"]["spec"]["containers"][0].update(
        env=[{"name": "E", "valueFrom": {"secretKeyRef": {"name": "nope", "key": "k"}}}]))
    cases["missing Secret"] = (any("Secret/nope" in x for x in e), e)
    so = {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
          "metadata": {"name": "w", "namespace": "n"},
          "spec": {"scaleTargetRef": {"name": "w"}, "maxReplicaCount": 3,
                   "triggers": [{"type": "kafka", "metadata": {"topic": "t"},
                                 "authenticationRef": {"name": "auth"}}]}}
    e = check_render(Render([dep, hpa, so]), "n")
    cases["two autoscalers on one Deployment"] = (any("2 autoscalers" in x for x in e), e)
    cases["missing TriggerAuthentication"] = (
        any("TriggerAuthentication/auth" in x for x in e), e)
    cases["kafka trigger topic differs from the worker's"] = (
        any("kafka trigger topic" in x for x in e), e)
    failed = 0
    for name, (passed, errs) in cases.items():
        print(f"{'ok' if passed else 'FAIL':4} self-test: {name}")
        if not passed:
            print(f"     reported: {errs}")
            failed += 1
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
