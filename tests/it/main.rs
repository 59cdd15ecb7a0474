//! The one native integration test binary (matklad: one binary links once). Each module tests
//! one behaviour a user relies on, through data-driven tables.
#![cfg(not(target_arch = "wasm32"))]
// Tests may panic on what they did not expect: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

/// Which build made a file: version and commit in every JSON document (and PDF).
mod about;
/// Question files: the shipped set validates; broken files name the file and the item.
mod catalog;
/// The WG collection: many reports read, grouped, aggregated, filtered; compare over time.
mod collect;
/// The working group's PDFs: the aggregate summary and a comparison; a PDF's printed SHA-256
/// checked against the JSON it carries.
mod collect_pdf;
/// CSV exports: quoting, formula guard, one row per question or gap.
mod csv;
/// Importing a file: preview, conflict, all or nothing; a corpus of malformed files refused
/// (`tests/fixtures/import/bad/` and generated cases).
mod import;
/// Two copies of one assessment (two tabs) merge without losing an answer.
mod merge;
/// Format migrations: a fixture per past schema, every migration exercised.
mod migrate;
/// The third-party licence notices against `cargo metadata` (both wasm modules) and deny.toml.
mod notices;
/// PDF bytes: a real PDF whose text holds the questions and the gaps; deterministic.
mod pdf;
/// The stored/exported envelope: round trip and refusal of bad documents.
mod persist;
/// Property tests: generated assessments round-trip; nothing panics the decoder.
mod roundtrip;
/// The rule engine's semantics on a synthetic question set.
mod rules;
/// The shipped Site set on a table of named scenarios.
mod scenarios_site;
/// The shipped VO set on a table of named scenarios, with the exact gaps each gives.
mod scenarios_vo;
/// The JSON Schema file matches real exports.
mod schema;
/// "Share with the WG": personal answers left out and listed, the rest kept.
mod share;
/// Recommendation status and section scores for the results view.
mod status;
/// Shared helpers.
mod support;
/// Architecture invariants of ARCHITECTURE.md, checked by reading the source tree.
mod tidy;
/// Timestamps in stored data.
mod time;
mod upgrade;
