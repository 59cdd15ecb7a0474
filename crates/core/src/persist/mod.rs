//! The one place that knows the JSON shape of stored and exported data, and of the messages that
//! carry the working group's summaries (`summary.rs`) and an assessment's contradictions by a
//! challenge (`contradiction.rs`) to the PDF worker and to the page from the tools module, and a
//! challenge import's outcome (`outcome.rs`) from the tools module to the page.
//!
//! Every document is a versioned envelope: format name, schema version, question-set id and
//! version, a revision counter, and the answers with the time each was given. `encode` writes the
//! current schema; `decode` reads it back, refusing what it cannot read with a typed error. A
//! document of an older schema is first brought up to the current one by the pure migrations of
//! `migrate.rs`; only the current schema has a decoder (`v2.rs`).
//!
//! Invariants: decoding never panics on any input; a document of a newer schema is reported as
//! such (`DecodeError::NewerSchema`) so that callers open it read-only instead of overwriting it;
//! every older schema still decodes, through migrations only.

pub mod challenge;
mod contradiction;
pub mod handbook;
pub mod import;
mod kept;
pub mod migrate;
mod outcome;
mod summary;
pub mod trace;
mod v2;

pub use contradiction::{CONTRADICTIONS_FORMAT, decode_contradictions, encode_contradictions};
pub use kept::{KEPT_FORMAT, KEPT_MAX, KeptReport, decode_kept, encode_kept};
pub use outcome::{IMPORT_OUTCOME_FORMAT, decode_import_outcome, encode_import_outcome};
pub use summary::{
    AGGREGATE_FORMAT, COMPARISON_FORMAT, decode_aggregate, decode_comparison, encode_aggregate,
    encode_comparison,
};

use crate::model::Assessment;
use crate::share::Redaction;

/// The `format` field of every document this app writes.
pub const FORMAT: &str = "ti-assess.assessment";
/// The schema version this build writes.
pub const SCHEMA: u32 = 2;
/// Largest document accepted, checked before parsing (1 MiB).
pub const MAX_BYTES: usize = 1024 * 1024;

/// Why a stored or imported document cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    /// Larger than `MAX_BYTES`.
    #[error("The data is {size} bytes, more than the {max} bytes this app reads.")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON at all (truncated, or another kind of file).
    #[error("The data is not valid JSON (line {line}, column {column}).")]
    NotJson {
        /// Line of the first error.
        line: usize,
        /// Column of the first error.
        column: usize,
    },
    /// JSON, but not an assessment of this app.
    #[error("The data is not a ti-assess assessment (format `{found}`).")]
    WrongFormat {
        /// The `format` found, or `none`.
        found: String,
    },
    /// Written by a newer version of the app.
    #[error(
        "The data was saved by a newer version of ti-assess (schema {found}; this version reads up to {supported})."
    )]
    NewerSchema {
        /// Schema found.
        found: u64,
        /// Newest schema this build reads.
        supported: u32,
    },
    /// An assessment, but a field is missing or has the wrong type or value.
    #[error("The field `{field}` is invalid: {reason}.")]
    Invalid {
        /// Path of the field, e.g. `answers.VO-LOG-2.retention-days.number`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Writes an assessment as a JSON document of the current schema.
pub fn encode(assessment: &Assessment) -> String {
    v2::encode(assessment)
}

/// Writes a "share with the WG" copy: the redacted assessment (see `share::redact`) in the
/// current schema, with a `redacted` list naming each item left out and why.
pub fn encode_share(redacted: &Assessment, left_out: &[Redaction]) -> String {
    let notes: Vec<_> = left_out
        .iter()
        .map(|r| v2::RedactedDto {
            field: r.field.clone(),
            label: r.label.clone(),
            reason: r.reason.text().to_owned(),
        })
        .collect();
    v2::encode_with(redacted, &notes)
}

/// The SHA-256 of `encode(assessment)` as 64 lower-case hex digits: the fingerprint printed in
/// the PDF footer, so that a reader can check a JSON export against a printed report.
pub fn fingerprint(assessment: &Assessment) -> String {
    sha256_hex(encode(assessment).as_bytes())
}

/// SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a JSON document (stored or imported) into an assessment.
pub fn decode(text: &str) -> Result<Assessment, DecodeError> {
    read(text).map(|r| r.assessment)
}

/// Reads a JSON document like `decode`, also telling the schema it was written in (an older one
/// was migrated: storage keeps the original aside before it is first overwritten).
pub fn decode_versioned(text: &str) -> Result<(Assessment, u32), DecodeError> {
    read(text).map(|r| (r.assessment, r.schema))
}

/// A document as read.
struct Read {
    assessment: Assessment,
    /// For a shared copy, what its author left out (`label (reason)`).
    notes: Vec<String>,
    /// The schema it was written in.
    schema: u32,
}

/// Parses `text` (at most `max` bytes) as JSON: the first check every document and message of
/// this app goes through.
fn parse_json(text: &str, max: usize) -> Result<serde_json::Value, DecodeError> {
    if text.len() > max {
        return Err(DecodeError::TooLarge { size: text.len(), max });
    }
    serde_json::from_str(text).map_err(|e| DecodeError::NotJson { line: e.line(), column: e.column() })
}

/// Checks that a parsed document's `format` is `format`, before any of its own fields are read.
fn check_format(value: &serde_json::Value, format: &str) -> Result<(), DecodeError> {
    let found = value.get("format").and_then(|f| f.as_str()).unwrap_or("none");
    if found != format {
        return Err(DecodeError::WrongFormat { found: found.chars().take(60).collect() });
    }
    Ok(())
}

/// Parses a document or message of this app that has one schema (`schema`) and no migrations:
/// see `from_versioned`.
fn parse_versioned<T: for<'de> serde::Deserialize<'de>>(
    text: &str,
    max: usize,
    format: &str,
    schema: u32,
) -> Result<T, DecodeError> {
    from_versioned(parse_json(text, max)?, format, schema)
}

/// Reads a parsed document or message of one schema (`schema`) and no migrations: its format,
/// then its schema, then its fields into `T`.
fn from_versioned<T: for<'de> serde::Deserialize<'de>>(
    value: serde_json::Value,
    format: &str,
    schema: u32,
) -> Result<T, DecodeError> {
    check_format(&value, format)?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(s) if s == u64::from(schema) => {}
        Some(s) if s > u64::from(schema) => {
            return Err(DecodeError::NewerSchema { found: s, supported: schema });
        }
        _ => {
            return Err(DecodeError::Invalid {
                field: "schema".into(),
                reason: format!("expected {schema}"),
            });
        }
    }
    serde_json::from_value(value)
        .map_err(|e| DecodeError::Invalid { field: "(document)".into(), reason: e.to_string() })
}

/// Reads a document: parses it, then `read_value`.
fn read(text: &str) -> Result<Read, DecodeError> {
    read_value(parse_json(text, MAX_BYTES)?)
}

/// Reads a parsed document: checks the envelope, migrates an older schema, decodes the current
/// one.
fn read_value(header: serde_json::Value) -> Result<Read, DecodeError> {
    check_format(&header, FORMAT)?;
    let schema = header.get("schema").and_then(|s| s.as_u64()).ok_or_else(|| DecodeError::Invalid {
        field: "schema".into(),
        reason: "expected a whole number".into(),
    })?;
    if schema > u64::from(SCHEMA) {
        return Err(DecodeError::NewerSchema { found: schema, supported: SCHEMA });
    }
    let current = migrate::to_current(header, schema)?;
    let (assessment, notes) = v2::decode_with_notes(current)?;
    Ok(Read {
        assessment,
        notes: notes.into_iter().map(|n| format!("{} ({})", n.label, n.reason)).collect(),
        // In 1..=SCHEMA here: `to_current` refused anything else.
        schema: u32::try_from(schema).unwrap_or(SCHEMA),
    })
}

/// What this version can read of a document saved by a newer version: the fields it knows, read
/// as the current schema, for a read-only view. `None` when even that fails. The document itself
/// is never rewritten from this (the caller opens it read-only).
pub fn read_newer(text: &str) -> Option<Assessment> {
    if text.len() > MAX_BYTES {
        return None;
    }
    let mut doc: serde_json::Value = serde_json::from_str(text).ok()?;
    let fields = doc.as_object_mut()?;
    if fields.get("format").and_then(|f| f.as_str()) != Some(FORMAT)
        || fields.get("schema").and_then(|s| s.as_u64()).is_none_or(|s| s <= u64::from(SCHEMA))
    {
        return None;
    }
    fields.retain(|k, _| v2::FIELDS.contains(&k.as_str()));
    fields.insert("schema".into(), serde_json::Value::from(SCHEMA));
    v2::decode_with_notes(doc).ok().map(|(a, _)| a)
}

/// The `format` of a raw backup of everything this app stored (the recovery page's download).
pub const BACKUP_FORMAT: &str = "ti-assess.raw-backup";

/// Writes stored key/value pairs, as they are, into one JSON document for a backup download,
/// with the build that wrote it (`generator`, as in every document). The values stay strings: a
/// copy that cannot be read is still kept byte for byte.
pub fn encode_raw_backup(entries: &[(String, String)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        entries.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
    let generator = serde_json::to_value(v2::GENERATOR).unwrap_or_default();
    let doc = serde_json::json!({ "format": BACKUP_FORMAT, "generator": generator, "entries": map });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
