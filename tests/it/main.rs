//! The one native integration test binary (matklad: one binary links once). Each module tests
//! one behaviour a user relies on, through data-driven tables.
#![cfg(not(target_arch = "wasm32"))]
// Tests may panic on what they did not expect: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

/// Question files: the shipped set validates; broken files name the file and the item.
mod catalog;
/// PDF bytes: a real PDF whose text holds the questions and the gaps; deterministic.
#[cfg(feature = "pdf")]
mod pdf;
/// The stored/exported envelope: round trip and refusal of bad documents.
mod persist;
/// Gap rules on a table of answer scenarios.
mod rules;
/// Shared helpers.
mod support;
/// Architecture invariants of ARCHITECTURE.md, checked by reading the source tree.
mod tidy;
/// Timestamps in stored data.
mod time;
