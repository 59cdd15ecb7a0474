//! Catalogue loading: question files → validated `model::QuestionSet`.
//!
//! People edit `questions/*.toml`; `build.rs` converts each file to JSON (so the wasm carries no
//! TOML parser) and the app validates it here on first use. Tests parse the TOML directly and run
//! the same validation, so a broken question file fails `cargo test` with the file and item named.
//!
//! Invariant: a `QuestionSet` that leaves this module has unique IDs and every reference in it
//! (section, recommendation, threshold, source, question) resolves.

pub mod kit;
pub mod raw;
pub mod shipped;
mod validate;

use std::sync::OnceLock;

use crate::challenge::kit::Kit;
use crate::model::QuestionSet;
use crate::trace::{self, TraceCatalog, TraceCatalogError};
pub use validate::validate;

/// Where and why a question file is wrong. Displays as `file: item: problem`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {item}: {problem}")]
pub struct CatalogError {
    /// The question file, e.g. `questions/vo.toml`.
    pub file: String,
    /// The item, e.g. ``question `VO-LOG-2.retention-days` ``, or `file` for syntax errors.
    pub item: String,
    /// What is wrong, in words an editor of the file understands.
    pub problem: String,
}

/// The VO question set as shipped in `questions/vo.toml` (with its includes), converted to JSON
/// at build time.
const VO_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/vo.json"));
/// The Site question set, likewise from `questions/site.toml`.
const SITE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/site.json"));

/// Reads a question file from its JSON form (as produced by `build.rs`) and validates it.
pub fn from_json(file: &str, json: &str) -> Result<QuestionSet, CatalogError> {
    let raw: raw::RawQuestionSet = serde_json::from_str(json).map_err(|e| CatalogError {
        file: file.to_owned(),
        item: "file".to_owned(),
        problem: e.to_string(),
    })?;
    validate(file, raw)
}

/// The built-in VO question set, parsed and validated once.
pub fn builtin_vo() -> Result<&'static QuestionSet, CatalogError> {
    static VO: OnceLock<Result<QuestionSet, CatalogError>> = OnceLock::new();
    VO.get_or_init(|| from_json("questions/vo.toml", VO_JSON)).as_ref().map_err(Clone::clone)
}

/// The built-in Site question set, parsed and validated once.
pub fn builtin_site() -> Result<&'static QuestionSet, CatalogError> {
    static SITE: OnceLock<Result<QuestionSet, CatalogError>> = OnceLock::new();
    SITE.get_or_init(|| from_json("questions/site.toml", SITE_JSON)).as_ref().map_err(Clone::clone)
}

/// The data of "Trace a job", from `questions/trace.toml`, converted to JSON at build time.
const TRACE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/trace.json"));

/// Reads the trace file from its JSON form and validates it. `known_sources` are the source IDs
/// the question sets define (`common.toml`'s S-nn), which trace items may cite.
pub fn trace_from_json(json: &str, known_sources: &[&str]) -> Result<TraceCatalog, TraceCatalogError> {
    let raw: trace::raw::RawTrace = serde_json::from_str(json).map_err(|e| TraceCatalogError {
        file: trace::FILE.to_owned(),
        item: "file".to_owned(),
        problem: e.to_string(),
    })?;
    trace::validate(raw, known_sources)
}

/// The built-in trace data, validated once against the VO set's sources (which include
/// `common.toml`'s).
pub fn builtin_trace() -> Result<&'static TraceCatalog, TraceCatalogError> {
    static TRACE: OnceLock<Result<TraceCatalog, TraceCatalogError>> = OnceLock::new();
    TRACE
        .get_or_init(|| {
            let vo = builtin_vo().map_err(|e| TraceCatalogError {
                file: e.file.clone(),
                item: e.item.clone(),
                problem: e.problem.clone(),
            })?;
            let known: Vec<&str> = vo.sources.iter().map(|s| s.id.as_str()).collect();
            trace_from_json(TRACE_JSON, &known)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The built-in question set with this ID, if it loads.
pub fn builtin(id: &str) -> Option<&'static QuestionSet> {
    [builtin_vo(), builtin_site()].into_iter().flatten().find(|s| s.id == id)
}

/// The challenge kit's data as shipped in `questions/challenge.toml`, converted to JSON at build time.
const KIT_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/challenge.json"));

/// Reads the challenge kit from its JSON form and validates it against the question sets.
pub fn kit_from_json(
    file: &str,
    json: &str,
    vo: &QuestionSet,
    site: &QuestionSet,
) -> Result<Kit, CatalogError> {
    let raw: kit::raw::RawKit = serde_json::from_str(json).map_err(|e| CatalogError {
        file: file.to_owned(),
        item: "file".to_owned(),
        problem: e.to_string(),
    })?;
    kit::validate(file, raw, vo, site)
}

/// The built-in challenge kit, parsed and validated once (after the built-in question sets).
pub fn builtin_kit() -> Result<&'static Kit, CatalogError> {
    static KIT: OnceLock<Result<Kit, CatalogError>> = OnceLock::new();
    KIT.get_or_init(|| kit_from_json("questions/challenge.toml", KIT_JSON, builtin_vo()?, builtin_site()?))
        .as_ref()
        .map_err(Clone::clone)
}
