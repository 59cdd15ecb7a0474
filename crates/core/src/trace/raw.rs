//! The shape of `questions/trace.toml` as people write it (and as the build script converts it
//! to JSON). Nothing here is checked yet: [`super::validate`] turns it into a
//! [`super::TraceCatalog`] or names the item that is wrong.

use serde::Deserialize;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrace {
    /// `[trace]`.
    pub trace: RawHeader,
    /// Added by the build script.
    #[serde(default)]
    pub content_hash: String,
    /// `[[marker]]`: what a `basis` means, as shown next to each command.
    #[serde(default, rename = "marker")]
    pub markers: Vec<RawMarker>,
    /// `[[source]]`: the sources this file adds (C-nn); S-nn come from `common.toml`.
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
    /// `[[phase]]`: the order steps are shown in, per side.
    #[serde(default, rename = "phase")]
    pub phases: Vec<RawPhase>,
    /// `[[field]]`: every value a step, command or document uses.
    #[serde(default, rename = "field")]
    pub fields: Vec<RawField>,
    /// `[[recognise]]`: environment variable → framework, CE or batch system.
    #[serde(default, rename = "recognise")]
    pub recognise: Vec<RawRecognise>,
    /// `[[derive]]`: a value computed from others when it was not given.
    #[serde(default, rename = "derive")]
    pub derive: Vec<RawDerive>,
    /// `[[step]]`.
    #[serde(default, rename = "step")]
    pub steps: Vec<RawStep>,
    /// `[[completeness]]`: what a request must hold before it is sent.
    #[serde(default, rename = "completeness")]
    pub completeness: Vec<RawCompleteness>,
    /// `[request]`: the plain-text request to the VO.
    pub request: RawDocument,
    /// `[[reply]]`: the VO's replies.
    #[serde(default, rename = "reply")]
    pub replies: Vec<RawDocument>,
}

/// `[trace]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// Semantic version of this file.
    pub version: String,
    /// Title of the view.
    pub title: String,
    /// What the view is for, one paragraph.
    pub intro: String,
    /// The TLP label every document carries, e.g. `TLP:AMBER`.
    pub tlp: String,
    /// Points a recognised option needs, with no tie, before it is chosen for the user.
    pub decide_at: u32,
}

/// `[[marker]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarker {
    /// `sourced`, `inferred`, `unverified`.
    pub id: String,
    /// Shown next to the command.
    pub label: String,
    /// What it means.
    pub note: String,
}

/// `[[source]]`: the same shape as the question files' sources.
pub use crate::catalog::raw::RawSource;

/// `[[phase]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhase {
    /// ID, unique per side.
    pub id: String,
    /// `site` or `vo`.
    pub side: String,
    /// Heading.
    pub title: String,
}

/// An option of a `select` or `multi` field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Stored ID.
    pub id: String,
    /// Shown label (also what the e-mail carries).
    pub label: String,
    /// A completeness rule treats this option as no answer (e.g. "Not known").
    #[serde(default)]
    pub counts_as_missing: bool,
}

/// `[[field]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// ID, also the placeholder name.
    pub id: String,
    /// `core`, `framework`, `site`, `vo`, `reply`.
    pub group: String,
    /// Label in forms and in the e-mail.
    pub label: String,
    /// Help text.
    #[serde(default)]
    pub help: String,
    /// An example value (shown as a hint, never prefilled).
    #[serde(default)]
    pub example: String,
    /// `text`, `lines`, `select`, `multi`.
    pub input: String,
    /// Options for `select` and `multi`.
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// For `group = "framework"`: which framework's field it is.
    #[serde(default)]
    pub framework: Option<String>,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[recognise]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecognise {
    /// Exact variable name.
    #[serde(default)]
    pub variable: Option<String>,
    /// Or a name prefix.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Only when the value contains this (needs a dump with values).
    #[serde(default)]
    pub value_contains: Option<String>,
    /// Points to this framework option …
    #[serde(default)]
    pub framework: Option<String>,
    /// … or CE option …
    #[serde(default)]
    pub ce: Option<String>,
    /// … or batch option.
    #[serde(default)]
    pub batch: Option<String>,
    /// Strength of the evidence (1 weak … 3 decisive; 0 for a rule that only captures).
    pub weight: u8,
    /// A field the variable's value can fill.
    #[serde(default)]
    pub capture: Option<String>,
    /// The value is a credential: warn, never put it in a document.
    #[serde(default)]
    pub sensitive: bool,
    /// `sourced` / `inferred` / `unverified`.
    pub basis: String,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `when = { framework = [...], ce = [...], batch = [...] }`: each list present must contain
/// the chosen option (an unset selector counts as `unknown`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    /// Framework options.
    #[serde(default)]
    pub framework: Option<Vec<String>>,
    /// CE options.
    #[serde(default)]
    pub ce: Option<Vec<String>>,
    /// Batch options.
    #[serde(default)]
    pub batch: Option<Vec<String>>,
    /// Batch options that must not be chosen.
    #[serde(default)]
    pub batch_not: Option<Vec<String>>,
}

/// `[[derive]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDerive {
    /// The field computed.
    pub field: String,
    /// A text template over other fields.
    pub template: String,
    /// When it applies.
    #[serde(default)]
    pub when: RawWhen,
    /// Basis marker.
    pub basis: String,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[step.command]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommand {
    /// `sh`, `text`, `jsh`.
    pub kind: String,
    /// The template.
    pub template: String,
    /// What it shows or does.
    pub explain: String,
    /// When it applies within its step.
    #[serde(default)]
    pub when: RawWhen,
    /// Basis marker.
    pub basis: String,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A caution shown with it (release, side effects).
    #[serde(default)]
    pub note: String,
}

/// `[[step]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    /// Unique ID.
    pub id: String,
    /// `site` or `vo`.
    pub side: String,
    /// Phase ID of that side.
    pub phase: String,
    /// Heading.
    pub title: String,
    /// What to do and why (a text template).
    pub text: String,
    /// When it applies.
    #[serde(default)]
    pub when: RawWhen,
    /// Basis marker for the text.
    pub basis: String,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Commands, in order.
    #[serde(default, rename = "command")]
    pub commands: Vec<RawCommand>,
}

/// `[[completeness]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompleteness {
    /// Unique ID.
    pub id: String,
    /// `required` or `recommended`.
    pub level: String,
    /// All of these must be given …
    #[serde(default)]
    pub all: Vec<String>,
    /// … or at least one of these groups, each given in full.
    #[serde(default)]
    pub any: Vec<Vec<String>>,
    /// When it applies.
    #[serde(default)]
    pub when: RawWhen,
    /// Shown when it does not hold.
    pub message: String,
}

/// A section of a document: a heading, then fields as `Label: value` lines and fixed lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Heading.
    pub title: String,
    /// Fields, in order.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Fixed lines (text templates) after the fields.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Only for this framework.
    #[serde(default)]
    pub when: RawWhen,
}

/// `[request]` and each `[[reply]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    /// ID (`request`, `to-site`, `to-csirt`).
    pub id: String,
    /// Heading in the app.
    pub title: String,
    /// Who it goes to (a text template, shown in the app).
    pub to: String,
    /// Subject line (a text template; one line).
    pub subject: String,
    /// Lines at the top, after the TLP label.
    #[serde(default)]
    pub opening: Vec<String>,
    /// Sections.
    #[serde(default, rename = "section")]
    pub sections: Vec<RawSection>,
    /// Lines at the end, before the closing TLP label.
    #[serde(default)]
    pub closing: Vec<String>,
    /// Heading of the list of required fields still missing (request only).
    #[serde(default)]
    pub missing_heading: String,
}
