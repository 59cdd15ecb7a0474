#!/usr/bin/env bash
# quality.md S-04: `cargo deny` with deny.toml, without network. Checks bans, licenses and sources of
# the workspace (host + wasm32); then bans and sources of fuzz/ (its own workspace):
# nothing of it is distributed, so, like dev-dependencies, its licenses are not checked.
#
# Advisories need the RustSec database (github.com/rustsec/advisory-db), which cargo-deny would fetch
# from GitHub. Give a git clone or bare mirror of it instead, and they are checked too, offline:
#   ADVISORY_DB=/path/to/advisory-db bash scripts/deny.sh
# The copy's age is that of its newest commit; cargo-deny refuses one older than deny.toml's
# maximum-db-staleness (90 days). ADVISORY_DB_MAX_STALENESS=P180D (say) accepts an older one, for
# this run only, and says so.
# Needs cargo-deny (`cargo install --locked cargo-deny --version 0.20.2`, about 10 minutes on 2
# shared cores); not installed by setup.sh nor run by CI (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

DENY_VERSION=0.20.2
if ! cargo deny --version 2>/dev/null | grep -q " ${DENY_VERSION}$"; then
  echo "deny: needs cargo-deny ${DENY_VERSION}: cargo install --locked cargo-deny --version ${DENY_VERSION}" >&2
  exit 2
fi

config=deny.toml
checks=(bans licenses sources)
if [ -n "${ADVISORY_DB:-}" ]; then
  # cargo-deny's directory for the default database URL under deny.toml's db-path.
  db=target/advisory-dbs/advisory-db-3157b0e258782691
  rm -rf "$db"
  mkdir -p "$(dirname "$db")"
  git clone --quiet --no-hardlinks --single-branch --branch main "$ADVISORY_DB" "$db"
  when=$(git -C "$db" show -s --format=%cI HEAD)
  # A fresh clone's .git/HEAD is new, and cargo-deny would take that as the fetch time: date it
  # back to the newest commit, so that the staleness check measures the database, not the copy.
  touch -d "$when" "$db/.git/HEAD"
  echo "deny: advisory database $(git -C "$db" rev-parse --short HEAD), newest commit $when"
  if [ -n "${ADVISORY_DB_MAX_STALENESS:-}" ]; then
    config=target/deny-stale.toml
    sed "s/^maximum-db-staleness = .*/maximum-db-staleness = \"${ADVISORY_DB_MAX_STALENESS}\"/" \
      deny.toml > "$config"
    echo "deny: accepting a database up to ${ADVISORY_DB_MAX_STALENESS} old for this run (deny.toml: $(grep '^maximum-db-staleness' deny.toml))"
  fi
  checks+=(advisories)
else
  echo "deny: advisories skipped (no ADVISORY_DB given)"
fi

echo "deny: ti-assess: ${checks[*]}"
cargo deny --offline --locked --config "$config" check "${checks[@]}"
# fuzz/ (the core only, its own workspace) has no wasm32 build: host only.
fuzz_checks=(bans sources)
if [ -n "${ADVISORY_DB:-}" ]; then fuzz_checks+=(advisories); fi
echo "deny: fuzz/: ${fuzz_checks[*]}"
cargo deny --offline --locked --config "$config" --manifest-path fuzz/Cargo.toml \
  --target x86_64-unknown-linux-gnu check -A advisory-not-detected "${fuzz_checks[@]}"
