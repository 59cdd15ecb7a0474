#!/usr/bin/env bash
# Every check and test, in the order a failure is cheapest to find. Exits non-zero on the first
# failure. Installs missing tools first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

# Each step prints the seconds since the start, so that a CI log shows where the time goes.
step() { printf '\n\033[1m== %s\033[0m (at %ss)\n' "$*" "$SECONDS"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, host (every crate and its tests)"
cargo clippy --locked --all-targets -- -D warnings
step "clippy, wasm32 (the app, the PDF worker, the browser tests)"
cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

# The dependency policy (deny.toml: bans, licences, sources), when cargo-deny is installed. It is
# not installed here (about 10 minutes on 2 cores); tests/it/notices.rs checks the licence policy
# against the shipped notices either way.
step "cargo deny (bans, licences, sources)"
if cargo deny --version >/dev/null 2>&1; then
  bash scripts/deny.sh
else
  echo "skipped: cargo-deny is not installed. Install it with"
  echo "  cargo install --locked cargo-deny --version 0.20.2   # about 10 minutes"
  echo "and this step runs scripts/deny.sh."
fi

step "native tests (every crate: core, catalogue, rules, envelope, PDF, notices, tidy)"
cargo test --locked

step "browser tests (wasm-bindgen-test in headless Chromium: storage)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test web

step "release build (trunk, offline)"
trunk build --release

# The debug build exists only for the e2e panic-page test (R-14): its panic trigger
# (`#/debug/panic`) is compiled in under debug_assertions only, so the release build has none.
step "debug build (trunk, into dist-debug/, for the panic-page test)"
trunk build --dist dist-debug

step "end-to-end tests (playwright-core + Debian Chromium)"
node tests/e2e/run.mjs

# The release archive of the build just tested, served as a host would: Debian's nginx, then
# Apache httpd, on 127.0.0.1 with the archive's own configuration (tests/e2e/hosted.mjs).
step "release archive (scripts/package.sh --no-build: dist/ as tested)"
archive=$(bash scripts/package.sh --no-build)
step "the release behind nginx (load, answer, reload, PDF, offline; every header on every file type)"
E2E_HOSTED=nginx E2E_ARCHIVE="$archive" node tests/e2e/run.mjs
step "the release behind Apache httpd (the same)"
E2E_HOSTED=apache E2E_ARCHIVE="$archive" node tests/e2e/run.mjs
step "done"
