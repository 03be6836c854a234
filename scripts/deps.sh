#!/usr/bin/env bash
# Installs the Debian packages CouplingLab needs, but only when they are missing.
# A no-op (one line of output) when everything is present.
# `deps.sh --browser` also installs Debian's chromium, needed only by `make check-html`.
set -euo pipefail

missing=()
pkg-config --version >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists cairo 2>/dev/null || missing+=(libcairo2-dev)
# Figures are set in DejaVu Sans; without it fontconfig falls back to whatever exists.
if ! fc-list 2>/dev/null | grep -qi "DejaVuSans"; then missing+=(fonts-dejavu-core fontconfig); fi
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # MathML is laid out with a math font; the page asks for one of these first.
  fc-list 2>/dev/null | grep -qi "STIX" || missing+=(fonts-stix)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all system packages present (cairo $(pkg-config --modversion cairo))"
  exit 0
fi

echo "deps: installing missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: need root to run apt-get install ${missing[*]} (no sudo found)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps: installed ${missing[*]}"
