#!/usr/bin/env bash
# Spike s8-split: a runnable dist from a release dist (Trunk's) and the split output of
# scripts/split-spike/build.sh: the page's wasm and glue replaced by the split ones, Trunk's inline
# loader replaced by an external boot.js (so the shipped CSP, script-src 'self', stays as it is).
# Usage: scripts/split-spike/dist.sh <release dist> <split pkg dir> <new dist>
set -euo pipefail
SRC="$1"; PKG="$2"; DST="$3"
rm -rf "$DST" && cp -r "$SRC" "$DST"
rm -f "$DST"/ti-assess-[0-9a-f]*.js "$DST"/ti-assess-[0-9a-f]*_bg.wasm
cp "$PKG"/* "$DST"/
cat > "$DST/boot.js" <<'JS'
// Spike s8-split: the page's module loader (replaces Trunk's inline one): the split main part.
import init, * as bindings from '/ti-assess.js';
const wasm = await init({ module_or_path: '/ti-assess_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
JS
python3 - "$DST/index.html" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r'<script type="module">\nimport init.*?</script>', '<script type="module" src="/boot.js"></script>', s, flags=re.S)
s = re.sub(r'<link rel="modulepreload" href="/ti-assess-[^>]*><link rel="preload" href="/ti-assess-[^>]*>',
           '<link rel="modulepreload" href="/ti-assess.js"><link rel="preload" href="/ti-assess_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">', s)
assert s.count('/boot.js') == 1 and s.count('/ti-assess_bg.wasm') == 1, 'index.html not as expected'
open(p, 'w').write(s)
PY
echo "dist: $DST"
