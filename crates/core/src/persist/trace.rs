//! The JSON of "Trace a job": the request file a site sends the VO (`ti-assess.trace-request`),
//! the VO's reply file (`ti-assess.trace-reply`, from which a challenge's organiser takes its
//! times) and the draft this browser keeps while a site or a VO works on a case
//! (`ti-assess.trace-draft`).
//!
//! Both are one versioned envelope: format, schema, the version of `trace.toml` that wrote it,
//! the time it was written, and the values by field ID. A request holds only the fields of a
//! request (core, and the chosen framework's), a reply those and the reply's; a draft holds every
//! field given.
//!
//! Invariants: reading never panics on any input and checks the whole file (size, text, repeated
//! keys, envelope, every value) before it returns; a newer schema is refused as such; a field or
//! option this version does not know is handed back aside, never dropped silently.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::import::{ImportError, parse_unique, text_of};
use super::{DecodeError, MAX_BYTES, from_versioned};
use crate::time::Timestamp;
use crate::trace::TraceCatalog;
use crate::trace::model::{FRAMEWORK, Group, Input, UNKNOWN, Values};

/// `format` of a request file.
pub const REQUEST_FORMAT: &str = "ti-assess.trace-request";
/// `format` of a reply file (the VO's answer, as a challenge's organiser takes its times).
pub const REPLY_FORMAT: &str = "ti-assess.trace-reply";
/// `format` of a stored draft.
pub const DRAFT_FORMAT: &str = "ti-assess.trace-draft";
/// The schema both are written in.
pub const TRACE_SCHEMA: u32 = 1;
/// The longest value read (64 KiB: log extracts fit, a stray binary does not).
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TraceDto {
    format: String,
    schema: u32,
    trace_version: String,
    written: String,
    fields: BTreeMap<String, String>,
}

/// Why a trace file cannot be read. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TraceFileError {
    /// Larger than 1 MiB; refused from its size alone.
    #[error("The file is {size} bytes; a trace request is at most {max} bytes (1 MiB).")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: usize,
    },
    /// Empty.
    #[error("The file is empty. Choose the trace request (JSON) the site sent.")]
    Empty,
    /// Not UTF-8 text.
    #[error("The file is {kind}, not a trace request. Choose the JSON file the site sent.")]
    NotText {
        /// What it looks like.
        kind: String,
    },
    /// A key repeated in one object.
    #[error(
        "The key `{key}` appears twice in the same object; which value was meant is unknown. Ask the site to send the file again."
    )]
    DuplicateKey {
        /// The key (cut to 60 characters).
        key: String,
    },
    /// The envelope or a value is wrong.
    #[error("{0} Ask the site to export the request again.")]
    Document(DecodeError),
}

/// A trace file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceFile {
    /// The values of fields this version knows.
    pub values: Values,
    /// The `trace.toml` version that wrote it.
    pub trace_version: String,
    /// When it was written.
    pub written: Timestamp,
    /// Fields this version does not know, or values that are not an option of their field:
    /// `(field, value)`, shown to the user.
    pub unknown: Vec<(String, String)>,
}

/// Which fields a document of `format` may hold: a request its core fields and its framework's,
/// a reply those and the reply's, a draft every field.
fn allowed(cat: &TraceCatalog, id: &str, format: &str, framework: &str) -> bool {
    let draft = format == DRAFT_FORMAT;
    cat.field(id).is_some_and(|f| match f.group {
        Group::Core => true,
        Group::Framework => draft || f.framework.as_deref() == Some(framework),
        Group::Reply => draft || format == REPLY_FORMAT,
        Group::Site | Group::Vo => draft,
    })
}

fn encode(cat: &TraceCatalog, values: &Values, written: Timestamp, format: &str) -> String {
    let framework = values.get(FRAMEWORK).unwrap_or(UNKNOWN);
    let dto = TraceDto {
        format: format.to_owned(),
        schema: TRACE_SCHEMA,
        trace_version: cat.version.clone(),
        written: written.to_string(),
        fields: values
            .iter()
            .filter(|(id, _)| allowed(cat, id, format, framework))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    };
    // A struct of strings and a map of strings always serialises.
    serde_json::to_string_pretty(&dto).unwrap_or_default()
}

/// The request file for the VO: the request's fields only (core, and the chosen framework's).
pub fn encode_request(cat: &TraceCatalog, values: &Values, written: Timestamp) -> String {
    encode(cat, values, written, REQUEST_FORMAT)
}

/// The VO's reply as a file: the request's fields and the reply's (never the VO's own working
/// values), so that the organiser of a challenge can take its times (`challenge::documents`).
pub fn encode_reply(cat: &TraceCatalog, values: &Values, written: Timestamp) -> String {
    encode(cat, values, written, REPLY_FORMAT)
}

/// The draft kept in this browser: every field given (site-only and VO-only values included).
pub fn encode_draft(cat: &TraceCatalog, values: &Values, written: Timestamp) -> String {
    encode(cat, values, written, DRAFT_FORMAT)
}

fn invalid(field: String, reason: impl Into<String>) -> TraceFileError {
    TraceFileError::Document(DecodeError::Invalid { field, reason: reason.into() })
}

/// The file's JSON, read once: text, syntax and repeated keys checked.
fn json(bytes: &[u8]) -> Result<serde_json::Value, TraceFileError> {
    let text = text_of(bytes).map_err(|e| match e {
        ImportError::TooLarge { size, max } => TraceFileError::TooLarge { size, max },
        ImportError::Empty => TraceFileError::Empty,
        ImportError::Pdf => TraceFileError::NotText { kind: "a PDF".into() },
        ImportError::Binary { kind } => TraceFileError::NotText { kind: kind.into() },
        ImportError::Utf16 => TraceFileError::NotText { kind: "text in UTF-16 (save it as UTF-8)".into() },
        other => TraceFileError::NotText { kind: other.to_string() },
    })?;
    parse_unique(text).map_err(|e| match e {
        ImportError::DuplicateKey { key } => TraceFileError::DuplicateKey { key },
        ImportError::Document(e) => TraceFileError::Document(e),
        other => TraceFileError::NotText { kind: other.to_string() },
    })
}

fn decode(cat: &TraceCatalog, bytes: &[u8], format: &str) -> Result<TraceFile, TraceFileError> {
    decode_value(cat, json(bytes)?, format)
}

fn decode_value(
    cat: &TraceCatalog,
    value: serde_json::Value,
    format: &str,
) -> Result<TraceFile, TraceFileError> {
    let dto: TraceDto = from_versioned(value, format, TRACE_SCHEMA).map_err(TraceFileError::Document)?;
    let written = Timestamp::parse(&dto.written).map_err(|e| invalid("written".into(), e.to_string()))?;
    if dto.trace_version.chars().count() > 40 {
        return Err(invalid("trace_version".into(), "longer than 40 characters"));
    }
    let framework = dto.fields.get(FRAMEWORK).map_or(UNKNOWN, String::as_str).to_owned();
    let mut values = Values::new();
    let mut unknown = Vec::new();
    for (id, value) in dto.fields {
        let path = format!("fields.{}", id.chars().take(60).collect::<String>());
        if value.len() > MAX_VALUE_BYTES {
            return Err(invalid(
                path,
                format!("{} bytes, more than the {MAX_VALUE_BYTES} a value may have", value.len()),
            ));
        }
        if value.contains('\0') {
            return Err(invalid(path, "it contains a NUL character"));
        }
        let known_option = cat.field(&id).is_none_or(|f| match f.input {
            Input::Select => f.option_label(&value).is_some(),
            Input::Multi => value.split(',').filter(|o| !o.is_empty()).all(|o| f.option_label(o).is_some()),
            Input::Text | Input::Lines => true,
        });
        if allowed(cat, &id, format, &framework) && known_option {
            values.set(&id, value);
        } else {
            unknown.push((id, value));
        }
    }
    Ok(TraceFile { values, trace_version: dto.trace_version, written, unknown })
}

/// Reads a request file (its bytes, as chosen or dropped).
pub fn decode_request(cat: &TraceCatalog, bytes: &[u8]) -> Result<TraceFile, TraceFileError> {
    if bytes.len() > MAX_BYTES {
        return Err(TraceFileError::TooLarge { size: bytes.len() as u64, max: MAX_BYTES });
    }
    decode(cat, bytes, REQUEST_FORMAT)
}

/// Reads a trace request or a reply file, whichever it is (its bytes, as chosen), with its
/// format (`REQUEST_FORMAT` or `REPLY_FORMAT`).
pub fn decode_document(
    cat: &TraceCatalog,
    bytes: &[u8],
) -> Result<(&'static str, TraceFile), TraceFileError> {
    if bytes.len() > MAX_BYTES {
        return Err(TraceFileError::TooLarge { size: bytes.len() as u64, max: MAX_BYTES });
    }
    let value = json(bytes)?;
    // Read once: a reply is told by its format, anything else is read (and refused) as a request.
    let format = if value.get("format").and_then(serde_json::Value::as_str) == Some(REPLY_FORMAT) {
        REPLY_FORMAT
    } else {
        REQUEST_FORMAT
    };
    decode_value(cat, value, format).map(|f| (format, f))
}

/// Reads a stored draft.
pub fn decode_draft(cat: &TraceCatalog, text: &str) -> Result<TraceFile, TraceFileError> {
    decode(cat, text.as_bytes(), DRAFT_FORMAT)
}
