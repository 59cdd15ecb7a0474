#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080 until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
trunk build --release
exec node tests/e2e/serve.mjs dist "${PORT:-8080}"
