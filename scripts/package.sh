#!/usr/bin/env bash
# Builds the release and writes one archive a site can host as it is:
#   release/ti-assess-<version>-<commit>.tar.gz
# holding ti-assess-<version>-<commit>/ with site/ (the built app, gzip and brotli copies beside
# its compressible files, third-party-licenses.txt), nginx/ and apache/ (their configurations,
# with this build's Content-Security-Policy), HOSTING.md, LICENSE and SHA256SUMS.
# The version and commit are the build's own (ti_core::about, printed by the build_id example),
# so the archive's name is what the app, its PDFs and exports say.
#
#   bash scripts/package.sh              # trunk build --release, then the archive
#   bash scripts/package.sh --no-build   # the archive of dist/ as it is (scripts/test.sh, after
#                                        # its release build and the e2e tests of that build)
# Prints the archive's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log() { printf '\033[1mpackage:\033[0m %s\n' "$*" >&2; }

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >&2
  trunk build --release >&2
fi
for f in index.html sw.js third-party-licenses.txt pdf-worker_bg.wasm; do
  [ -f "dist/$f" ] || { log "dist/$f is missing: run trunk build --release"; exit 1; }
done
if grep -q "__VERSION__\|__INLINE_SCRIPT_HASHES__" dist/sw.js dist/index.html; then
  log "dist/ was not finished by scripts/post-build.mjs"; exit 1
fi

build_id=$(cargo run --quiet --locked --offline -p ti-core --example build_id)
read -r version commit <<< "$build_id"
[ -n "${commit:-}" ] || { log "the build_id example printed no version and commit"; exit 1; }
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  log "warning: the work tree has uncommitted changes; the build still calls itself ${commit}"
fi
# Both modules must be of that build (not of an older dist/): each holds the commit's text.
for wasm in dist/ti-assess-*_bg.wasm dist/pdf-worker_bg.wasm; do
  grep -q --binary-files=text -F "${commit}" "$wasm" \
    || { log "$wasm was not built from ${commit}: run trunk build --release"; exit 1; }
done
name="ti-assess-${version}-${commit}"
stage="target/package/${name}"
rm -rf "target/package"
mkdir -p "$stage" release
log "staging ${stage}"

cp -a dist "$stage/site"
# The compressed copies that nginx's gzip_static and brotli_static send as they are. They are
# not in the service worker's list: it fetches the files themselves (the server compresses).
find "$stage/site" -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.wasm' \
  -o -name '*.css' -o -name '*.json' -o -name '*.webmanifest' -o -name '*.txt' -o -name '*.svg' \) \
  -print0 | sort -z | while IFS= read -r -d '' f; do
    gzip -9 -n -c "$f" > "$f.gz"
    brotli -q 11 -n -c "$f" > "$f.br"
  done

node scripts/release-files.mjs "$stage/site" "$stage" "$version" "$commit" >&2
cp LICENSE "$stage/LICENSE"
(cd "$stage" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS)

# Reproducible: sorted names, no owner, every date the commit's (or 1970 outside git).
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
archive="release/${name}.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${epoch}" --mode='u+rwX,go+rX,go-w' \
  -C target/package -cf - "$name" | gzip -9 -n > "$archive"

log "$(du -k "$archive" | cut -f1) KiB, $(tar -tzf "$archive" | grep -vc '/$') files:"
tar -tvzf "$archive" | awk '{printf "  %10s  %s\n", $3, $6}' | grep -v '/$' >&2
echo "$archive"
