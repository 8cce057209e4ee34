#!/usr/bin/env bash
# Installs the Debian packages needed to build newswire (bundled librdkafka with
# TLS, zlib, zstd) and the tansu broker, when any of them is missing.
# Idempotent: does nothing (and needs no network) when all are present.
set -euo pipefail

PACKAGES=(build-essential pkg-config libssl-dev zlib1g-dev python3 perl make ca-certificates)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing build dependencies (${missing[*]}) and no apt-get: install them by hand" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" != 0 ]; then
  SUDO=(sudo)
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
