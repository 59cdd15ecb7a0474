#!/usr/bin/env bash
# Installs, idempotently and only from the package registries (crates.io, npm, Debian), every tool
# the build and the tests need. Each step checks first and skips what is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the version Cargo.lock pins, or Trunk would try to download one.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

need_apt=()
# nginx (with its brotli static module) and apache2 serve the release archive in the hosted
# tests; Debian's packages do not start them here (policy-rc.d), the tests start their own.
for pkg in chromium chromium-driver poppler-utils brotli qpdf nginx libnginx-mod-http-brotli-static apache2; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}$"; then
  log "cargo install trunk ${TRUNK_VERSION} (about 11 minutes cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}$"; then
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 4 minutes cold)"
  # Not --locked: the CLI's own lock pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (wasm-opt from binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

log "cargo fetch --locked (so that offline builds find every crate)"
cargo fetch --locked --quiet
log "tools ready"
