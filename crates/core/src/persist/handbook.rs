//! The handbook file (`ti-assess.forensic-handbook`): the VOs of the working group's collection
//! (`trace::handbook::Directory`) as JSON, handed to sites, imported in "Trace a job", kept in
//! the browser and sent to the PDF worker.
//!
//! One versioned envelope: format, schema, the build that wrote it (`generator`), the day the
//! collection was judged at, and per VO its name, frameworks, role security address, guide and
//! notes by framework.
//!
//! Invariants: reading never panics and checks the whole file (size first, text, repeated keys,
//! envelope, every value) before it returns; a newer schema is refused as such; a framework this
//! version does not know is refused rather than dropped; a security address must be an e-mail
//! address that does not look like one person's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::import::{ImportError, parse_unique, text_of};
use super::{DecodeError, MAX_BYTES, from_versioned};
use crate::model::{looks_personal, parse_email};
use crate::time::Date;
use crate::trace::TraceCatalog;
use crate::trace::handbook::{Directory, VoEntry};
use crate::trace::model::FRAMEWORK;

/// `format` of a handbook file.
pub const HANDBOOK_FORMAT: &str = "ti-assess.forensic-handbook";
/// The schema this build writes and reads.
pub const HANDBOOK_SCHEMA: u32 = 1;
/// The longest text read in one value (16 KiB: a VO's notes fit, a stray file does not).
pub const MAX_HANDBOOK_VALUE: usize = 16 * 1024;
/// The most VOs read.
pub const MAX_HANDBOOK_VOS: usize = 500;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GeneratorDto {
    name: String,
    version: String,
    #[serde(default)]
    commit: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoDto {
    name: String,
    frameworks: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    guide: Option<String>,
    #[serde(default)]
    notes: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HandbookDto {
    format: String,
    schema: u32,
    generator: GeneratorDto,
    collected: String,
    vos: Vec<VoDto>,
}

/// Why a handbook file cannot be read. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HandbookFileError {
    /// Larger than 1 MiB; refused from its size alone.
    #[error("The file is {size} bytes; a handbook file is at most {max} bytes (1 MiB).")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: usize,
    },
    /// Empty.
    #[error("The file is empty. Choose the handbook file (JSON) the working group published.")]
    Empty,
    /// Not UTF-8 text.
    #[error("The file is {kind}, not a handbook file. Choose the JSON file the working group published.")]
    NotText {
        /// What it looks like.
        kind: String,
    },
    /// JSON of another kind (an assessment, a trace request).
    #[error(
        "This is a `{found}` file, not a forensic handbook. Choose the handbook file (JSON) from the working group's Collect view."
    )]
    WrongKind {
        /// The `format` found.
        found: String,
    },
    /// A key repeated in one object.
    #[error(
        "The key `{key}` appears twice in the same object; which value was meant is unknown. Ask the working group for the file again."
    )]
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// Written by a newer version.
    #[error(
        "The handbook was written by a newer version of ti-assess (schema {found}; this version reads up to {supported}). Update ti-assess, or ask for a file from this version."
    )]
    Newer {
        /// Schema found.
        found: u64,
        /// Newest schema read.
        supported: u32,
    },
    /// The envelope or a value is wrong.
    #[error("{0} Ask the working group to export the handbook again.")]
    Document(DecodeError),
}

fn invalid(field: String, reason: impl Into<String>) -> HandbookFileError {
    HandbookFileError::Document(DecodeError::Invalid { field, reason: reason.into() })
}

/// The handbook file for these VOs.
pub fn encode_handbook(dir: &Directory) -> String {
    let dto = HandbookDto {
        format: HANDBOOK_FORMAT.to_owned(),
        schema: HANDBOOK_SCHEMA,
        generator: GeneratorDto {
            name: crate::about::NAME.to_owned(),
            version: crate::about::VERSION.to_owned(),
            commit: Some(crate::about::COMMIT.to_owned()),
        },
        collected: dir.collected.clone(),
        vos: dir
            .vos
            .iter()
            .map(|v| VoDto {
                name: v.name.clone(),
                frameworks: v.frameworks.clone(),
                contact: v.contact.clone(),
                guide: v.guide.clone(),
                notes: v.notes.iter().cloned().collect(),
            })
            .collect(),
    };
    // Strings, lists and maps of strings always serialise.
    serde_json::to_string_pretty(&dto).unwrap_or_default()
}

fn checked(path: &str, value: &str) -> Result<(), HandbookFileError> {
    if value.len() > MAX_HANDBOOK_VALUE {
        return Err(invalid(
            path.to_owned(),
            format!("{} bytes, more than the {MAX_HANDBOOK_VALUE} a value may have", value.len()),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(invalid(path.to_owned(), "it contains a control character"));
    }
    Ok(())
}

/// Reads a handbook file (its bytes, as chosen, dropped or stored), checking frameworks against
/// this build's trace catalogue.
pub fn decode_handbook(cat: &TraceCatalog, bytes: &[u8]) -> Result<Directory, HandbookFileError> {
    if bytes.len() > MAX_BYTES {
        return Err(HandbookFileError::TooLarge { size: bytes.len() as u64, max: MAX_BYTES });
    }
    let text = text_of(bytes).map_err(|e| match e {
        ImportError::TooLarge { size, max } => HandbookFileError::TooLarge { size, max },
        ImportError::Empty => HandbookFileError::Empty,
        ImportError::Pdf => HandbookFileError::NotText { kind: "a PDF (the handbook to read)".into() },
        ImportError::Binary { kind } => HandbookFileError::NotText { kind: kind.into() },
        ImportError::Utf16 => HandbookFileError::NotText { kind: "text in UTF-16 (save it as UTF-8)".into() },
        other => HandbookFileError::NotText { kind: other.to_string() },
    })?;
    let value = parse_unique(text).map_err(|e| match e {
        ImportError::DuplicateKey { key } => HandbookFileError::DuplicateKey { key },
        ImportError::Document(e) => HandbookFileError::Document(e),
        other => HandbookFileError::NotText { kind: other.to_string() },
    })?;
    let dto: HandbookDto = from_versioned(value, HANDBOOK_FORMAT, HANDBOOK_SCHEMA).map_err(|e| match e {
        DecodeError::WrongFormat { found } => HandbookFileError::WrongKind { found },
        DecodeError::NewerSchema { found, supported } => HandbookFileError::Newer { found, supported },
        other => HandbookFileError::Document(other),
    })?;
    Date::parse(&dto.collected).map_err(|e| invalid("collected".into(), e.to_string()))?;
    if dto.vos.len() > MAX_HANDBOOK_VOS {
        return Err(invalid("vos".into(), format!("{} VOs, more than {MAX_HANDBOOK_VOS}", dto.vos.len())));
    }
    let is_known = |f: &str| cat.field(FRAMEWORK).is_some_and(|x| x.option_label(f).is_some());
    let mut vos = Vec::new();
    for (i, v) in dto.vos.into_iter().enumerate() {
        let at = |what: &str| format!("vos[{i}].{what}");
        checked(&at("name"), &v.name)?;
        if v.name.trim().is_empty() {
            return Err(invalid(at("name"), "empty"));
        }
        if vos.iter().any(|x: &VoEntry| x.name == v.name) {
            return Err(invalid(at("name"), format!("the VO `{}` is listed twice", v.name)));
        }
        for f in v.frameworks.iter().chain(v.notes.keys()) {
            if !is_known(f) {
                return Err(invalid(
                    at("frameworks"),
                    format!("`{f}` is not a framework this version knows"),
                ));
            }
        }
        if let Some(c) = &v.contact {
            checked(&at("contact"), c)?;
            let addr = parse_email(c).map_err(|e| invalid(at("contact"), e.to_string()))?;
            if looks_personal(&addr) {
                return Err(invalid(at("contact"), "it looks like one person's address, not a role address"));
            }
        }
        if let Some(g) = &v.guide {
            checked(&at("guide"), g)?;
        }
        for (f, t) in &v.notes {
            checked(&at(&format!("notes.{f}")), t)?;
        }
        vos.push(VoEntry {
            name: v.name,
            frameworks: v.frameworks,
            contact: v.contact,
            guide: v.guide,
            notes: v.notes.into_iter().collect(),
        });
    }
    Ok(Directory { collected: dto.collected, vos })
}
