//! The shape of `questions/challenge.toml` (as JSON from `build.rs`): plain serde structs that
//! mirror the file, read strictly (`deny_unknown_fields`, so a misspelt key is an error), and
//! turned into the validated `challenge::kit::Kit` by `validate.rs`. Claims are the question
//! files' `RawCondition`; findings and value sources have their own small shapes, read by
//! `conditions.rs`.

use serde::Deserialize;

use crate::catalog::raw::{RawCondition, RawSource, RawThreshold};

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKit {
    /// `[kit]`.
    pub kit: RawKitHeader,
    /// `[[source]]`.
    #[serde(default)]
    pub source: Vec<RawSource>,
    /// `[[party]]`.
    pub party: Vec<RawParty>,
    /// `[[variant]]`.
    pub variant: Vec<RawVariant>,
    /// `[[framework]]`.
    pub framework: Vec<RawFramework>,
    /// `[[tlp]]`.
    pub tlp: Vec<RawTlp>,
    /// `[tlp_defaults]`.
    pub tlp_defaults: RawTlpDefaults,
    /// `[[event]]`.
    pub event: Vec<RawEvent>,
    /// `[[duration]]`.
    pub duration: Vec<RawDuration>,
    /// `[[threshold]]`.
    pub threshold: Vec<RawThreshold>,
    /// `[[criterion]]`.
    pub criterion: Vec<RawCriterion>,
    /// `[result]`.
    pub result: RawResult,
    /// `[[attestation]]`.
    #[serde(default)]
    pub attestation: Vec<RawAttestation>,
    /// `[[trace_field]]`.
    #[serde(default)]
    pub trace_field: Vec<RawTraceField>,
    /// `[[depth]]`.
    pub depth: Vec<RawDepth>,
    /// `[[safety]]`.
    pub safety: Vec<RawSafety>,
    /// `[[alert]]`.
    pub alert: Vec<RawAlert>,
    /// `[[proposal]]`.
    #[serde(default)]
    pub proposal: Vec<RawProposal>,
    /// `[[contradiction]]`.
    #[serde(default)]
    pub contradiction: Vec<RawContradiction>,
    /// `[[collect_column]]`.
    #[serde(default)]
    pub collect_column: Vec<RawCollectColumn>,
    /// `[[document_event]]`.
    #[serde(default)]
    pub document_event: Vec<RawDocumentEvent>,
    /// `[default_calendar]`.
    pub default_calendar: RawCalendar,
    /// `[[zone]]`.
    pub zone: Vec<RawZone>,
}

/// `[kit]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKitHeader {
    /// Kit ID.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Title.
    pub title: String,
}

/// `[[party]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    /// `organiser`, `vo` or `site`.
    pub id: String,
    /// Label.
    pub label: String,
}

/// `[[variant]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    /// `V1` …
    pub id: String,
    /// Title.
    pub title: String,
    /// What it tests.
    pub description: String,
    /// Parties the first alert may go to.
    pub alerted: Vec<String>,
    /// Adds suspension.
    pub suspension: bool,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[framework]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    /// ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// Name of the VO job ID in this framework.
    pub job_id: String,
}

/// `[[tlp]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTlp {
    /// `RED` …
    pub id: String,
    /// `TLP:RED` …
    pub label: String,
    /// Meaning.
    pub meaning: String,
}

/// `[tlp_defaults]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTlpDefaults {
    /// Default for alerts.
    pub alerts: String,
    /// Label of a file with the sealed truth.
    pub sealed: String,
}

/// `[[event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// `E0` …
    pub id: String,
    /// Title.
    pub title: String,
    /// Parties that record it.
    pub recorded_by: Vec<String>,
    /// When it applies.
    pub applies: String,
    /// Events it must not precede.
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Closes the challenge.
    #[serde(default)]
    pub closes: bool,
}

/// `[[duration]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuration {
    /// ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Start events, first recorded wins.
    pub from: Vec<String>,
    /// End event.
    pub to: String,
    /// Whose calendar.
    pub calendar: String,
    /// When it applies.
    pub applies: String,
}

/// `[[criterion]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    /// `C1` …
    pub id: String,
    /// Title.
    pub title: String,
    /// Pass rule in words.
    pub rule: String,
    /// Basis in words, with source IDs.
    pub basis: String,
    /// When it applies.
    pub applies: String,
    /// Its checks.
    pub check: Vec<RawCheck>,
}

/// `[[criterion.check]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    /// ID within the criterion.
    pub id: String,
    /// Label.
    pub label: String,
    /// Engine kind.
    pub kind: String,
    /// Duration (duration_max).
    #[serde(default)]
    pub duration: Option<String>,
    /// Threshold.
    #[serde(default)]
    pub threshold: Option<String>,
    /// Event (no_start_after).
    #[serde(default)]
    pub event: Option<String>,
    /// Attestation (attested).
    #[serde(default)]
    pub attestation: Option<String>,
    /// A failure makes the result FAIL.
    #[serde(default)]
    pub fatal: bool,
    /// Shown but does not decide the criterion.
    #[serde(default)]
    pub advisory: bool,
    /// Whose action item a failure makes.
    pub party: String,
    /// The action item.
    pub action: String,
}

/// `[result]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    /// Criteria required for PASS.
    pub required: Vec<String>,
    /// The event whose day is the challenge date.
    pub date_event: String,
}

/// `[[attestation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttestation {
    /// ID.
    pub id: String,
    /// Label.
    pub label: String,
}

/// `[[trace_field]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraceField {
    /// ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// `[[depth]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDepth {
    /// 1–5.
    pub level: u8,
    /// Label.
    pub label: String,
    /// Description.
    pub description: String,
    /// Event or `C.check` that shows the level.
    #[serde(default)]
    pub implied_by: Option<String>,
}

/// `[[safety]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSafety {
    /// ID.
    pub id: String,
    /// Text.
    pub text: String,
}

/// `[[alert]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlert {
    /// ID.
    pub id: String,
    /// `vo` or `site`.
    pub audience: String,
    /// `batch` or `node` (VO alerts).
    #[serde(default)]
    pub pointer: Option<String>,
    /// Subject template.
    pub subject: String,
    /// Safety texts.
    pub safety: Vec<String>,
    /// Body template.
    pub body: String,
}

/// `[[proposal]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProposal {
    /// `vo` or `site`.
    pub respondent: String,
    /// Question ID.
    pub question: String,
    /// Answer kind.
    pub kind: String,
    /// Value source.
    pub value: RawValue,
    /// Finding that must hold.
    #[serde(default)]
    pub when: Option<RawFinding>,
    /// Evidence template.
    pub evidence: String,
}

/// `[[document_event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocumentEvent {
    /// `trace-request` or `trace-reply`.
    pub document: String,
    /// Event ID.
    pub event: String,
    /// `organiser`, `vo` or `site`.
    pub recorded_by: String,
    /// Only when this trace field has a value.
    #[serde(default)]
    pub when_field: Option<String>,
    /// Only when the challenge has no time for the event yet.
    #[serde(default)]
    pub only_if_missing: bool,
}

/// `[[collect_column]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCollectColumn {
    /// Column header.
    pub header: String,
    /// Duration ID.
    pub duration: String,
    /// `hours`, `working hours` or `days`.
    pub unit: String,
}

/// `[[contradiction]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContradiction {
    /// ID.
    pub id: String,
    /// `vo` or `site`.
    pub respondent: String,
    /// Recommendation ID.
    pub recommendation: String,
    /// Severity label.
    pub severity: String,
    /// Condition on the assessment.
    pub claim: RawCondition,
    /// Condition on the challenge result.
    pub finding: RawFinding,
    /// Message template.
    pub message: String,
    /// Action.
    pub action: String,
}

/// `[default_calendar]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    /// Zone ID.
    pub zone: String,
    /// Weekday names.
    pub days: Vec<String>,
    /// `[["09:00", "17:00"]]`.
    pub hours: Vec<(String, String)>,
}

/// `[[zone]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawZone {
    /// IANA name.
    pub id: String,
    /// POSIX rule.
    pub rule: String,
    /// First year.
    pub since: i64,
}

/// A condition on a challenge result: one operator, or `any`/`all`/`not`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    /// `check = "C2.identity"` (with `outcome`).
    pub check: Option<String>,
    /// `criterion = "C3"` (with `outcome`).
    pub criterion: Option<String>,
    /// `pass`, `fail`, `pending`, `not-applicable`.
    pub outcome: Option<String>,
    /// `overall = "fail"`.
    pub overall: Option<String>,
    /// `flag = "site"`.
    pub flag: Option<String>,
    /// `event = "E3"` (with `recorded`).
    pub event: Option<String>,
    /// Whether the event was recorded.
    pub recorded: Option<bool>,
    /// `duration = "vo_ack"` (with `unit` and `above`).
    pub duration: Option<String>,
    /// Unit of the duration.
    pub unit: Option<String>,
    /// A kit threshold the duration is above.
    pub above: Option<String>,
    /// `open_actions = "vo"`.
    pub open_actions: Option<String>,
    /// Any of these.
    pub any: Option<Vec<RawFinding>>,
    /// All of these.
    pub all: Option<Vec<RawFinding>>,
    /// Not this.
    pub not: Option<Box<RawFinding>>,
}

/// Where a proposed answer comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    /// `challenge` or `event`.
    pub date: Option<String>,
    /// With `date = "event"`.
    pub event: Option<String>,
    /// A fixed select option.
    pub option: Option<String>,
    /// A fixed choice.
    pub choice: Option<String>,
    /// A duration ID (with `unit`).
    pub hours: Option<String>,
    /// `hours` or `working hours`.
    pub unit: Option<String>,
    /// A party whose open action items are counted.
    pub open_actions: Option<String>,
    /// A text template.
    pub text: Option<String>,
    /// Cases, the first whose finding holds.
    pub cases: Option<Vec<RawCase>>,
}

/// One case of `cases`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// The finding.
    pub when: RawFinding,
    /// The option then.
    pub option: Option<String>,
    /// Or the choice then.
    pub choice: Option<String>,
}
