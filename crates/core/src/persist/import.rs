//! Import of a chosen or dropped file: its raw bytes and what is already stored in, one typed
//! error or one complete plan out.
//!
//! The file is recognised by its content, never by its name: JSON (UTF-8, with or without a
//! byte-order mark), a PDF (whose embedded JSON must be extracted first: `ImportError::Pdf`),
//! or anything else, refused with a reason. The JSON is checked as a whole (size, encoding,
//! duplicate keys, envelope, every answer, the question set, the ID) before a plan exists.
//!
//! Invariant: planning is pure. It reads `stored` and never changes it; nothing may be written
//! unless `plan` returned `Ok`, and then exactly `Plan::resolve`'s assessment is written.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{DecodeError, MAX_BYTES};
use crate::model::{Assessment, QuestionSet, Respondent};

/// Why a file cannot be imported. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Larger than `MAX_BYTES` (1 MiB); refused from its size alone.
    #[error(
        "The file is {size} bytes; ti-assess imports files of at most {max} bytes (1 MiB). Choose a JSON or PDF file exported by ti-assess."
    )]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The cap.
        max: usize,
    },
    /// Nothing in it (or only spaces).
    #[error("The file is empty. Choose a JSON or PDF file exported by ti-assess.")]
    Empty,
    /// A PDF: its embedded JSON must be extracted (by the PDF worker) and planned instead.
    #[error(
        "This is a PDF: the assessment embedded in it must be extracted first. Import the PDF file exported by ti-assess, or its JSON export."
    )]
    Pdf,
    /// A known binary format (image, archive) or bytes that are not text.
    #[error("The file is {kind}, not an assessment. Choose a JSON or PDF file exported by ti-assess.")]
    Binary {
        /// What it looks like, e.g. `a PNG image`.
        kind: &'static str,
    },
    /// Text in UTF-16 (saved by some Windows editors).
    #[error(
        "The file is text in UTF-16. Save it as UTF-8 (or export it again from ti-assess) and import that."
    )]
    Utf16,
    /// The same key twice in one JSON object: which value was meant is unknowable.
    #[error(
        "The key `{key}` appears twice in the same object. Remove one of them, or export the assessment again."
    )]
    DuplicateKey {
        /// The key, cut to 60 characters.
        key: String,
    },
    /// The document itself cannot be read (not JSON, another format, newer schema, bad field).
    #[error("{0} Choose a file exported by ti-assess, or export it again.")]
    Document(DecodeError),
    /// A question set this build does not have.
    #[error(
        "The field `question_set.id` is `{id}`, a question set this version of ti-assess does not have. Import it in the version that wrote it."
    )]
    UnknownSet {
        /// The set ID found (cut to 60 characters).
        id: String,
    },
    /// An ID that cannot name a stored assessment.
    #[error(
        "The field `id` is invalid: {reason}. Use 1 to 100 letters, digits, dots, dashes or underscores."
    )]
    BadId {
        /// What is wrong with it.
        reason: String,
    },
}

/// What the user sees before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The assessment's name (`Untitled assessment` when it has none).
    pub name: String,
    /// `VO` or `Site`.
    pub kind: &'static str,
    /// The question set's title.
    pub set_title: String,
    /// Question set ID and version, e.g. `wlcg-ti-vo 1.0.0`.
    pub set_version: String,
    /// How many answers it holds.
    pub answers: usize,
    /// Answers to questions this build does not ask: kept as they are, never dropped.
    pub orphans: usize,
    /// For a "share with the WG" copy: what its author left out, as `label (reason)`.
    pub left_out: Vec<String>,
}

/// An import ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// What the user is shown.
    pub preview: Preview,
    /// The assessment as it will be written.
    pub assessment: Assessment,
    /// The name of the stored assessment with the same ID, if any: the user picks replace or
    /// keep both.
    pub conflict: Option<String>,
    /// The schema the file was written in (an older one was migrated to the current schema).
    pub schema: u32,
}

/// How to resolve a conflict (or `Replace` when there is none).
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Write under the file's ID, replacing the stored assessment with that ID.
    Replace,
    /// Write under `new_id` (unused), named "… (imported)".
    KeepBoth {
        /// An ID no stored assessment has.
        new_id: String,
    },
}

impl Plan {
    /// The one assessment to write for this choice.
    pub fn resolve(&self, choice: Resolution) -> Assessment {
        let mut a = self.assessment.clone();
        if let Resolution::KeepBoth { new_id } = choice {
            a.id = new_id;
            a.name = format!("{} (imported)", self.preview.name);
        }
        a
    }
}

const MAX_ID: usize = 100;

/// Checks an imported file and plans its import. `stored` maps the IDs of the assessments
/// already stored to their names; `sets` finds a question set by ID.
pub fn plan<'s>(
    bytes: &[u8],
    stored: &BTreeMap<String, String>,
    sets: impl Fn(&str) -> Option<&'s QuestionSet>,
) -> Result<Plan, ImportError> {
    plan_json(json_of(bytes)?, stored, sets)
}

/// A file's JSON, read once and checked as text (size, encoding, syntax, repeated keys), before
/// its format decides what reads it (`plan_json`, or a challenge result's reader).
#[derive(Debug)]
pub struct Json(pub(super) Value);

impl Json {
    /// Its `format` field, if it has one.
    pub fn format(&self) -> Option<&str> {
        self.0.get("format").and_then(Value::as_str)
    }
}

/// Reads a file's bytes as JSON (the checks of `plan` that come before its format is known).
pub fn json_of(bytes: &[u8]) -> Result<Json, ImportError> {
    parse_unique(text_of(bytes)?).map(Json)
}

/// Plans the import of a file already read by `json_of`: as `plan`.
pub fn plan_json<'s>(
    json: Json,
    stored: &BTreeMap<String, String>,
    sets: impl Fn(&str) -> Option<&'s QuestionSet>,
) -> Result<Plan, ImportError> {
    let super::Read { assessment, notes, schema } =
        super::read_value(json.0).map_err(ImportError::Document)?;
    let set = sets(&assessment.question_set.id).ok_or_else(|| ImportError::UnknownSet {
        id: assessment.question_set.id.chars().take(60).collect(),
    })?;
    check_id(&assessment.id)?;
    let name = if assessment.name.trim().is_empty() {
        "Untitled assessment".to_owned()
    } else {
        assessment.name.clone()
    };
    let preview = Preview {
        name,
        kind: if set.respondent == Respondent::Vo { "VO" } else { "Site" },
        set_title: set.title.clone(),
        set_version: format!("{} {}", assessment.question_set.id, assessment.question_set.version),
        answers: assessment.answers.len(),
        orphans: assessment.answers.keys().filter(|k| set.question(k).is_none()).count(),
        left_out: notes,
    };
    Ok(Plan { preview, conflict: stored.get(&assessment.id).cloned(), assessment, schema })
}

/// Whether the bytes are a PDF (whose embedded JSON must be extracted before planning).
pub fn is_pdf(bytes: &[u8]) -> bool {
    // PDF readers accept a header within the first 1024 bytes; but a document that opens as JSON
    // is JSON, even when an answer in it reads "%PDF-".
    let json_like = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    !json_like && bytes.len() >= 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// The file's text, if it is UTF-8 text; otherwise what it is instead.
pub(super) fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() as u64, max: MAX_BYTES });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if is_pdf(bytes) {
        return Err(ImportError::Pdf);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or an office document)"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(ImportError::Binary { kind });
    }
    let utf16_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let nul_interleaved =
        bytes.len() >= 4 && (bytes[1] == 0 && bytes[3] == 0 || bytes[0] == 0 && bytes[2] == 0);
    if utf16_bom || nul_interleaved {
        return Err(ImportError::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Cut inside a character at the very end: a truncated file, reported as such by decode.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Err(ImportError::Binary { kind: "binary data (not UTF-8 text)" }),
    };
    if text.contains('\0') {
        return Err(ImportError::Binary { kind: "binary data (it holds NUL bytes)" });
    }
    Ok(text)
}

fn check_id(id: &str) -> Result<(), ImportError> {
    let reason = if id.is_empty() {
        "it is empty".to_owned()
    } else if id.chars().count() > MAX_ID {
        format!("it is {} characters long", id.chars().count())
    } else if let Some(c) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        format!("it contains `{}`", c.escape_default())
    } else {
        return Ok(());
    };
    Err(ImportError::BadId { reason })
}

/// Parses the JSON in one pass into its value, refusing a key repeated within one object as the
/// map is built (serde_json would keep the last silently): `DuplicateKey`, or `Document(NotJson)`
/// with the line and column of the first syntax error, whichever comes first in the text.
/// serde_json's recursion limit bounds the depth.
pub(super) fn parse_unique(text: &str) -> Result<Value, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(Unique, &mut de).and_then(|v| de.end().map(|()| v)).map_err(|e| {
        let message = e.to_string();
        match message.strip_prefix(DUPLICATE) {
            Some(rest) => ImportError::DuplicateKey {
                key: rest.split('\u{1}').next().unwrap_or_default().chars().take(60).collect(),
            },
            None => ImportError::Document(DecodeError::NotJson { line: e.line(), column: e.column() }),
        }
    })
}

const DUPLICATE: &str = "duplicate key\u{1}";

/// Builds a `Value` exactly as serde_json's own `Deserialize` does, except that a repeated key
/// is an error.
struct Unique;

impl<'de> de::DeserializeSeed<'de> for Unique {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Unique)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if fields.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}\u{1}")));
            }
            let value = map.next_value_seed(Unique)?;
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}
