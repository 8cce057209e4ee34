#!/usr/bin/env bash
# Installs tansu, the Kafka-compatible broker the integration tests run against,
# when it is not already on PATH (or in ~/.cargo/bin). Idempotent.
# Building it takes 10-20 minutes on a 2-core machine.
set -euo pipefail

TANSU_VERSION="${TANSU_VERSION:-0.6.0}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if command -v tansu >/dev/null 2>&1; then
  echo "tansu already installed: $(command -v tansu)" >&2
  exit 0
fi

here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/ensure-build-deps.sh"

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install the Rust toolchain (rustup) first" >&2
  exit 1
fi

echo "installing tansu $TANSU_VERSION (cargo install; this takes a while)" >&2
cargo install tansu --version "$TANSU_VERSION" --features dynostore,libsql --locked
command -v tansu >/dev/null
