#!/usr/bin/env bash
# Spike s8-split: the like-for-like unsplit baseline of scripts/split-spike/build.sh: same commit, no
# `split` feature, the config's rustflags (no --emit-relocs), profile release, wasm-bindgen
# --target web (Trunk's flags), the same wasm-opt -Oz. Own target dir, so neither cache is lost.
# FEATURES=spike-probe: the probe without the workspace (the lower bound of the main part).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
export CARGO_TARGET_DIR="${BASE_TARGET_DIR:-/work/target-split-base}"
OUT="${1:-$CARGO_TARGET_DIR/base-out}"
unset RUSTFLAGS CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS || true
nice -n 19 cargo build --offline --locked --target wasm32-unknown-unknown --bin ti-assess --release ${FEATURES:+--features $FEATURES}
rm -rf "$OUT" && mkdir -p "$OUT"
nice -n 19 wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name ti-assess \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/ti-assess.wasm"
nice -n 19 wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$OUT/ti-assess_bg.wasm" -o "$OUT/ti-assess_bg.wasm"
for f in "$OUT"/ti-assess_bg.wasm "$OUT"/ti-assess.js; do
  printf '%s %d %d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -q 11 -c "$f" | wc -c)"
done
