//! The question sets as files of their own (`questions/<kind>-<content hash>.json` beside the
//! app), for a build that fetches a set when it needs one instead of carrying both: the page. The
//! native build, the tools module and the PDF worker keep `catalog::builtin`.
//!
//! Invariants: a set is installed only from the JSON the build wrote for it (same ID, same
//! content hash), so a file of another build is refused, never mixed in; once installed, a set
//! stays for the visit (`loaded` hands out `'static` references, like `builtin`).

use std::sync::OnceLock;

use super::{CatalogError, from_json};
use crate::model::QuestionSet;

/// One shipped question set: what the page needs to know of it before it is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shipped {
    /// `vo` or `site`: the stem of its question file, and what the home page shows as its type.
    pub kind: &'static str,
    /// The set's ID, as assessments name it.
    pub id: &'static str,
    /// The content hash of its question files (`QuestionSet::content_hash`).
    pub content_hash: &'static str,
    /// Its file name under `questions/` in the build.
    pub file: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/sets.rs"));

/// The folder of the build that holds the set files.
pub const DIR: &str = "questions";

impl Shipped {
    /// Its address relative to the page.
    pub fn path(&self) -> String {
        format!("./{DIR}/{}", self.file)
    }
    /// "VO" or "Site", as the home page names the type of an assessment.
    pub fn label(&self) -> &'static str {
        if self.kind == "site" { "Site" } else { "VO" }
    }
    /// The name of its question file, for messages: `questions/vo.toml`.
    pub fn source(&self) -> String {
        format!("questions/{}.toml", self.kind)
    }
}

/// The shipped set with this ID.
pub fn by_id(id: &str) -> Option<&'static Shipped> {
    SHIPPED.iter().find(|s| s.id == id)
}

/// The shipped set of this kind (`vo`, `site`).
pub fn by_kind(kind: &str) -> Option<&'static Shipped> {
    SHIPPED.iter().find(|s| s.kind == kind)
}

/// The file's text the build writes for a shipped set: the JSON `builtin` carries.
pub fn json(shipped: &Shipped) -> &'static str {
    if shipped.kind == "site" { super::SITE_JSON } else { super::VO_JSON }
}

static SLOTS: [OnceLock<QuestionSet>; SHIPPED.len()] = [const { OnceLock::new() }; SHIPPED.len()];

/// Reads a fetched set file and keeps the set for the visit. Refuses a file that is not the one
/// this build shipped for `shipped` (another ID or another content hash).
pub fn install(shipped: &Shipped, text: &str) -> Result<&'static QuestionSet, CatalogError> {
    let index = SHIPPED.iter().position(|s| s == shipped).ok_or_else(|| CatalogError {
        file: shipped.source(),
        item: "file".to_owned(),
        problem: "this build ships no such question set".to_owned(),
    })?;
    let set = from_json(&shipped.source(), text)?;
    if set.id != shipped.id || set.content_hash != shipped.content_hash {
        return Err(CatalogError {
            file: shipped.source(),
            item: "file".to_owned(),
            problem: format!(
                "the file is {} {} ({}), not the set this build ships ({}); reload the page to get a matching copy",
                set.id, set.version, set.content_hash, shipped.content_hash
            ),
        });
    }
    Ok(SLOTS[index].get_or_init(|| set))
}

/// The installed set with this ID, if it was installed in this visit.
pub fn loaded(id: &str) -> Option<&'static QuestionSet> {
    let index = SHIPPED.iter().position(|s| s.id == id)?;
    SLOTS[index].get()
}
