#!/usr/bin/env bash
# Spike s8-split: build the page wasm with the workspace view as a wasm-split chunk and measure it.
# Steps (docs: /work/shared/design/wasm-split.md §3.2):
#   1. cargo build with --emit-relocs (and the config's --cfg erase_components), profile `split`
#      (release + strip = false), feature `split`, own target dir;
#   2. wasm-split-cli (crate wasm_split_cli_support 0.2.4, --features build-binary);
#   3. wasm-bindgen 0.2.130 --target web --keep-lld-exports on the main part only;
#   4. wasm-opt -Oz (npm binaryen) on the main part and every chunk;
#   5. brotli -q 11 sizes.
# Usage: scripts/split-spike/build.sh [OUT_DIR]   (default target-split/out)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-split}"
OUT="${1:-$CARGO_TARGET_DIR/split-out}"
# RUSTFLAGS replaces .cargo/config.toml's target rustflags, so repeat erase_components.
export RUSTFLAGS="--cfg erase_components -C link-arg=--emit-relocs"
unset CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS || true

nice -n 19 cargo build --offline --locked --target wasm32-unknown-unknown --bin ti-assess \
  --features split --profile split
WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/split/ti-assess.wasm"

rm -rf "$OUT" && mkdir -p "$OUT/raw" "$OUT/pkg"
nice -n 19 wasm-split-cli "$WASM" "$OUT/raw" --target web --out-name ti-assess
nice -n 19 wasm-bindgen --target web --keep-lld-exports --no-typescript \
  --out-dir "$OUT/pkg" --out-name ti-assess "$OUT/raw/ti-assess.wasm"
cp "$OUT/raw/__wasm_split.js" "$OUT/pkg/"
FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int ${WASM_OPT_EXTRA:-}"
nice -n 19 wasm-opt -Oz $FEATURES "$OUT/pkg/ti-assess_bg.wasm" -o "$OUT/pkg/ti-assess_bg.wasm"
for chunk in "$OUT"/raw/split_*.wasm "$OUT"/raw/chunk_*.wasm; do
  [ -e "$chunk" ] || continue
  nice -n 19 wasm-opt -Oz $FEATURES "$chunk" -o "$OUT/pkg/$(basename "$chunk")"
done

echo "file bytes brotli-11"
for f in "$OUT"/pkg/*; do
  [ -f "$f" ] || continue
  printf '%s %d %d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -q 11 -c "$f" | wc -c)"
done
