//! The collection a user chose to keep in this browser (Collect, "Keep this collection in this
//! browser"): each report's file name and its document as this app writes it, so that coming
//! back reads the same reports again.
//!
//! Invariant: the kept copy is at most `KEPT_MAX` bytes, so that keeping reports can never take
//! the room an assessment's next save needs; decoding never panics and refuses anything else
//! with a typed `DecodeError`.

use serde::{Deserialize, Serialize};

use super::DecodeError;

/// The `format` of a kept collection.
pub const KEPT_FORMAT: &str = "ti-assess.kept-collection";
const SCHEMA: u32 = 1;
/// Largest kept collection (2 MiB): browsers give an origin about 5 MiB of localStorage, and the
/// assessments come first (quality.md PERF-6 warns at 2 MiB).
pub const KEPT_MAX: usize = 2 * 1024 * 1024;

/// One kept report.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptReport {
    /// The name of the file it was read from.
    pub name: String,
    /// The assessment as `persist::encode` writes it.
    pub document: String,
}

#[derive(Serialize)]
struct KeptOut<'a> {
    format: &'a str,
    schema: u32,
    reports: Vec<ReportOut<'a>>,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    name: &'a str,
    document: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptIn {
    // Checked by `parse_versioned` before the fields are read; declared for `deny_unknown_fields`.
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    schema: u32,
    reports: Vec<ReportIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportIn {
    name: String,
    document: String,
}

/// The kept collection as one JSON document (its size is for the caller to check against
/// `KEPT_MAX` before storing it).
pub fn encode_kept(reports: &[KeptReport]) -> String {
    let out = KeptOut {
        format: KEPT_FORMAT,
        schema: SCHEMA,
        reports: reports.iter().map(|r| ReportOut { name: &r.name, document: &r.document }).collect(),
    };
    // Strings and integers into a String cannot fail; the fallback keeps this total.
    serde_json::to_string(&out).unwrap_or_default()
}

/// Reads a kept collection. Each document inside is read later, one by one, like a chosen file.
pub fn decode_kept(text: &str) -> Result<Vec<KeptReport>, DecodeError> {
    let kept: KeptIn = super::parse_versioned(text, KEPT_MAX, KEPT_FORMAT, SCHEMA)?;
    Ok(kept.reports.into_iter().map(|r| KeptReport { name: r.name, document: r.document }).collect())
}
