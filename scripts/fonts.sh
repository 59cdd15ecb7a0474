#!/usr/bin/env bash
# Remakes the PDF fonts in public/fonts/ from Debian's font packages. Not part of the build: the
# outputs are committed (the build needs no Python), and crates/pdf/src/fonts.rs pins each file by
# name and SHA-256 (a native test checks them). Run it only to change the fonts, then update the
# table in fonts.rs with the names and hashes it prints.
#
# Needs: apt-get install fonts-noto-core fonts-droid-fallback fonts-dejavu-core, and fontTools with
# brotli (PyPI: python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools brotli; then
# PYFTSUBSET=/tmp/ft/bin/pyftsubset). Two runs give the same bytes (fontTools keeps head's dates).
#
# Each font is cut for PDF use: no hinting, no layout tables (printpdf draws one glyph per
# character and cannot use GSUB/GPOS/kern), glyphs reachable from the cmap only, `name` kept (it
# carries the copyright and licence), WOFF2 (allsorts reads it; 1.1 MB for CJK whatever the host
# compresses).
set -euo pipefail
cd "$(dirname "$0")/.."

PYFTSUBSET=${PYFTSUBSET:-pyftsubset}
NOTO=/usr/share/fonts/truetype/noto
DROID=/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf
DEJAVU=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
# The symbols the Noto and Helvetica faces lack: arrows, mathematical operators, technical,
# geometric shapes, miscellaneous symbols, dingbats (→ ✓ ✗ ☐ ☑ …).
SYMBOLS='U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF'
COMMON=(--no-hinting --layout-features=
        --drop-tables+=GSUB,GPOS,GDEF,DSIG,gasp,vhea,vmtx,kern,hdmx,VDMX,LTSH,FFTM,MATH
        --name-IDs='*' --name-languages='*' --name-legacy --notdef-outline --no-glyph-names
        --recalc-bounds --flavor=woff2)

out=$(mktemp -d)
for w in Regular Bold; do
  "$PYFTSUBSET" "$NOTO/NotoSans-$w.ttf" "${COMMON[@]}" --unicodes='*' --output-file="$out/NotoSans-$w.woff2"
  "$PYFTSUBSET" "$NOTO/NotoSansHebrew-$w.ttf" "${COMMON[@]}" --unicodes='*' --output-file="$out/NotoSansHebrew-$w.woff2"
done
"$PYFTSUBSET" "$DEJAVU" "${COMMON[@]}" --unicodes="$SYMBOLS" --output-file="$out/DejaVuSans-Symbols.woff2"
"$PYFTSUBSET" "$DROID" "${COMMON[@]}" --unicodes='*' --output-file="$out/DroidSansFallback.woff2"

# Content-hashed names: a changed font is a new file, so no cache ever serves stale bytes under
# the old name. The large CJK face goes to on-demand/ (not precached; see public/sw.js).
rm -f public/fonts/*.woff2 public/fonts/on-demand/*.woff2
mkdir -p public/fonts/on-demand
for f in "$out"/*.woff2; do
  base=$(basename "$f" .woff2)
  sum=$(sha256sum "$f" | cut -d' ' -f1)
  dir=public/fonts
  [ "$base" = DroidSansFallback ] && dir=public/fonts/on-demand
  cp "$f" "$dir/$base.${sum:0:8}.woff2"
  printf '%s %8d %s\n' "$dir/$base.${sum:0:8}.woff2" "$(stat -c%s "$f")" "$sum"
done
rm -rf "$out"
