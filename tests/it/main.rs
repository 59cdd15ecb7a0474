//! The one native integration test binary (matklad: one binary links once). Each module tests
//! one behaviour a user relies on, through data-driven tables.
#![cfg(not(target_arch = "wasm32"))]
// Tests may panic on what they did not expect: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

/// Which build made a file: version and commit in every JSON document (and PDF).
mod about;
/// Question files: the shipped set validates; broken files name the file and the item.
mod catalog;
/// Challenge kit: working hours across weekends, zones, holidays and DST; typed local times.
mod challenge_calendar;
/// Challenge kit: each criterion C1–C7 passing and failing, the overall result, action items.
mod challenge_criteria;
/// Challenge kit: a challenge's times taken from the trace request and reply.
mod challenge_documents;
/// Challenge kit: the answers an imported result proposes, partial accept, contradictions.
mod challenge_feed;
/// Challenge kit: shared builders.
mod challenge_fixtures;
/// Challenge kit: identity matching a CSIRT would accept (DN forms, tokens, usernames).
mod challenge_identity;
/// Challenge kit: exercise IDs `<VO>-<YYYYMMDD>-NN_EXERCISE`.
mod challenge_ids;
/// Challenge kit: job lists as recall and precision.
mod challenge_jobs;
/// Challenge kit: the kit file validates against the question sets; broken edits name the item.
mod challenge_kit;
/// Challenge kit: the report, debrief and alert PDFs: deterministic, the result attached and its
/// SHA-256 printed, no secret in what the VO and the site get, names in every script.
mod challenge_pdf;
/// Challenge kit: documents round-trip; the truth refused where it must not be; bad input.
mod challenge_persist;
/// Challenge kit: what each audience is given; the truth cannot leak.
mod challenge_views;
/// Challenge kit: zone rules as data against tzdata's 2026 transitions.
mod challenge_zones;
/// The WG collection: many reports read, grouped, aggregated, filtered; compare over time.
mod collect;
/// Challenge results in the collection: the table of challenges, contradictions, the PDFs.
mod collect_challenges;
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
/// The PDF prints what the user typed, in every script, from embedded subset fonts.
mod pdf_fonts;
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
/// "Trace a job": the shipped trace file validates; broken files name the item and the problem.
mod trace_catalog;
/// Completeness rules of the trace request.
mod trace_complete;
/// Trace a job: the forensic handbook per framework and for all, its VO pages (never a personal
/// answer), its PDF, and the handbook file's round trip and refusals.
mod trace_handbook;
/// The trace request file and the stored draft: round trips, schema, malformed files refused.
mod trace_persist;
/// The trace steps per framework, CE and batch system; derived values; missing markers.
mod trace_plan;
/// Quoting for sh: every corpus value comes back byte for byte through a real shell.
mod trace_quote;
/// Framework, CE and batch recognition from environment dumps.
mod trace_recognise;
/// Shared helpers of the trace tests: temporary directories, the hostile corpus.
mod trace_support;
/// Command templates: unsafe templates are refused; every shipped command, filled with every
/// corpus value, passes `sh -n` and, run against recording stubs, passes the value as an inert
/// argument.
mod trace_templates;
/// The plain-text trace request and replies, and reading a request back from an e-mail.
mod trace_text;
mod upgrade;
/// A label and its answer read as one phrase ("…? Yes", never "…?: Yes").
mod wording;
