//! The shape of a question file, as written by people (`questions/*.toml`) and as the build
//! script converts it to JSON for the app. Nothing here is checked yet: `validate` turns it
//! into a `model::QuestionSet` or says precisely what is wrong (ripgrep's LowArgs → HiArgs).

use serde::Deserialize;

/// A whole question file (after `build.rs` merged its `include`d files into it).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionSet {
    /// The `[set]` table.
    pub set: RawSetHeader,
    /// Content hash of the source files, added by `build.rs`.
    #[serde(default)]
    pub content_hash: String,
    /// `[[source]]` tables.
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
    /// `[[threshold]]` tables.
    #[serde(default, rename = "threshold")]
    pub thresholds: Vec<RawThreshold>,
    /// `[[recommendation]]` tables.
    #[serde(default, rename = "recommendation")]
    pub recommendations: Vec<RawRecommendation>,
    /// `[[section]]` tables.
    #[serde(default, rename = "section")]
    pub sections: Vec<RawSection>,
    /// `[[question]]` tables.
    #[serde(default, rename = "question")]
    pub questions: Vec<RawQuestion>,
    /// `[[rule]]` tables.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RawRule>,
    /// `[[forensic]]` tables.
    #[serde(default, rename = "forensic")]
    pub forensics: Vec<RawForensic>,
}

/// `[set]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSetHeader {
    /// Set ID.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Title.
    pub title: String,
    /// `vo` or `site`.
    pub respondent: String,
    /// Files merged into this one by `build.rs` (already merged when validated).
    #[serde(default)]
    pub include: Vec<String>,
    /// The generic gap for "not applicable" without a justification.
    pub not_applicable: RawGenericGap,
    /// `[set.report]`: which answers the report's cover and appendix print.
    #[serde(default)]
    pub report: RawReportItems,
    /// `[[set.facet]]`: profile questions the collection view filters on.
    #[serde(default, rename = "facet")]
    pub facets: Vec<RawFacet>,
    /// `[[set.handbook]]`: the answers the forensic handbook prints on the respondent's page.
    #[serde(default)]
    pub handbook: Vec<RawHandbookItem>,
}

/// `[[set.handbook]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHandbookItem {
    /// The question whose answer is printed.
    pub question: String,
    /// `name`, `frameworks`, `contact`, `guide` or `notes`.
    pub part: String,
    /// For `notes`: the framework (a `trace.toml` framework option) they are about.
    pub framework: Option<String>,
}

/// `[[set.facet]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacet {
    /// ID shared across sets.
    pub id: String,
    /// Filter label.
    pub label: String,
    /// A select or multi-select question.
    pub question: String,
}

/// `[set.report]`: the questions and sections the report prints outside the section walk.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReportItems {
    /// The text question holding the VO's or site's name, printed on the cover.
    #[serde(default)]
    pub name_question: Option<String>,
    /// The questions holding the respondent's role contact (address, phone), printed on the cover.
    #[serde(default)]
    pub contact_questions: Vec<String>,
    /// Sections printed again in the appendix as the challenge record.
    #[serde(default)]
    pub challenge_sections: Vec<String>,
}

/// A gap that the engine raises for any question, worded by the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGenericGap {
    /// Severity.
    pub severity: String,
    /// Message.
    pub message: String,
    /// What to do.
    pub action: String,
}

/// `[[source]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Source ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Address, as plain text.
    pub location: String,
}

/// `[[threshold]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThreshold {
    /// Threshold ID.
    pub id: String,
    /// What it limits.
    pub title: String,
    /// Value.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
    /// `sourced` or `unverified`.
    pub status: String,
    /// A remark printed with it (e.g. why it is unverified).
    #[serde(default)]
    pub note: String,
}

/// `[[recommendation]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    /// Recommendation ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Requirement.
    pub requirement: String,
    /// Why it matters.
    pub why: String,
    /// How to tell it is met.
    #[serde(default)]
    pub criterion: String,
    /// What a respondent can show.
    #[serde(default)]
    pub evidence: String,
    /// Source IDs.
    #[serde(default)]
    pub references: Vec<String>,
    /// Severity when unmet.
    pub severity: String,
}

/// `[[section]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Section ID.
    pub id: String,
    /// Heading.
    pub title: String,
    /// A sentence under the heading.
    #[serde(default)]
    pub intro: String,
}

/// An option of a `select` or `multi` question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Stable option ID.
    pub id: String,
    /// Label.
    pub label: String,
}

/// A field of a `group` question's rows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// Field ID (unique within the group).
    pub id: String,
    /// Label.
    pub label: String,
    /// `choice`, `number`, `text` or `select`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Unit, for numbers.
    pub unit: Option<String>,
    /// Minimum, for numbers.
    pub min: Option<f64>,
    /// Maximum, for numbers.
    pub max: Option<f64>,
    /// Options, for select.
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// Values may name or reach a person: left out of the "share with the WG" copy.
    #[serde(default)]
    pub personal: bool,
}

/// `[[question]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Question ID.
    pub id: String,
    /// Section ID.
    pub section: String,
    /// Recommendation ID.
    pub recommendation: String,
    /// Label.
    pub label: String,
    /// Help text.
    #[serde(default)]
    pub help: String,
    /// Answer type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Unit, for numbers.
    pub unit: Option<String>,
    /// Minimum, for numbers.
    pub min: Option<f64>,
    /// Maximum, for numbers.
    pub max: Option<f64>,
    /// Options, for select and multi.
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// Row fields, for group.
    #[serde(default)]
    pub fields: Vec<RawField>,
    /// For e-mail: a role address (a list) is expected, so hint when a personal one is given.
    #[serde(default)]
    pub role_address: bool,
    /// For dates: the threshold (in days) after which the date is stale.
    pub max_age: Option<String>,
    /// The answer may name or reach a person: left out of the "share with the WG" copy.
    #[serde(default)]
    pub personal: bool,
    /// Shown only when this condition holds (usually on profile answers).
    pub applies_when: Option<RawCondition>,
    /// IDs this question had in earlier versions of the set: their answers move to it.
    #[serde(default)]
    pub formerly: Vec<String>,
}

/// `[[rule]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Rule ID.
    pub id: String,
    /// Recommendation ID.
    pub recommendation: String,
    /// `critical`, `high`, `medium` or `low`.
    pub severity: String,
    /// The condition.
    pub when: RawCondition,
    /// Message.
    pub message: String,
    /// What to do.
    pub action: String,
    /// Rules that this one replaces when both fire (the more severe wins).
    #[serde(default)]
    pub supersedes: Vec<String>,
}

/// `[[forensic]]`: what a site investigator needs about one job framework or CE.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForensic {
    /// Sheet ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// When the sheet is shown.
    pub applies_when: RawCondition,
    /// The text question where the respondent adds their own "where to look" notes.
    pub notes_question: String,
    /// Identifiers of pilots, payloads, users.
    #[serde(default)]
    pub identifiers: Vec<String>,
    /// Environment variables on the worker node.
    #[serde(default)]
    pub environment: Vec<String>,
    /// Log locations.
    #[serde(default)]
    pub logs: Vec<String>,
    /// Default retention.
    #[serde(default)]
    pub retention: String,
    /// Commands to trace.
    #[serde(default)]
    pub trace: Vec<String>,
    /// Commands to ban or suspend.
    #[serde(default)]
    pub ban: Vec<String>,
    /// Source IDs.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A condition: one operator on one `question` (or, inside `row`, one `field`), or
/// `any`/`all`/`not` of nested conditions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// Question ID the operator applies to.
    pub question: Option<String>,
    /// Field ID, inside a `row` condition.
    pub field: Option<String>,
    /// `missing = true`: no answer (for a group: no row).
    pub missing: Option<bool>,
    /// `equals = "no"`: a choice answer or a select option equals this.
    pub equals: Option<String>,
    /// `one_of = ["no", "partial"]`: the answer is one of these.
    pub one_of: Option<Vec<String>>,
    /// `includes = "dirac"`: a multi-select answer includes this option.
    pub includes: Option<String>,
    /// `below = "T6"`: a number answer is below this threshold.
    pub below: Option<String>,
    /// `at_least = "T7"`: a number answer is at or above this threshold.
    pub at_least: Option<String>,
    /// `above = "T4"`: a number answer is above this threshold.
    pub above: Option<String>,
    /// `older_than = "T11"`: a date answer is more than this many days before the assessment date.
    pub older_than: Option<String>,
    /// `personal = true`: an e-mail answer looks like one person's address.
    pub personal: Option<bool>,
    /// `row = { … }`: some row of a group question satisfies the nested condition.
    pub row: Option<Box<RawCondition>>,
    /// Any of these holds.
    pub any: Option<Vec<RawCondition>>,
    /// All of these hold.
    pub all: Option<Vec<RawCondition>>,
    /// This does not hold.
    pub not: Option<Box<RawCondition>>,
}
