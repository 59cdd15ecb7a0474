//! The shape of a question file, as written by people (`questions/*.toml`) and as the build
//! script converts it to JSON for the app. Nothing here is checked yet: `validate` turns it
//! into a `model::QuestionSet` or says precisely what is wrong (ripgrep's LowArgs → HiArgs).

use serde::Deserialize;

/// A whole question file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionSet {
    /// The `[set]` table.
    pub set: RawSetHeader,
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
}

/// `[[section]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Section ID.
    pub id: String,
    /// Heading.
    pub title: String,
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
    /// `choice`, `number` or `email`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Unit, for numbers.
    pub unit: Option<String>,
    /// Minimum, for numbers.
    pub min: Option<f64>,
    /// Maximum, for numbers.
    pub max: Option<f64>,
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
}

/// A condition: either one operator on one `question`, or `any`/`all` of nested conditions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// Question ID the operator applies to.
    pub question: Option<String>,
    /// `missing = true`: the question has no answer.
    pub missing: Option<bool>,
    /// `equals = "no"`: a choice answer equals this key.
    pub equals: Option<String>,
    /// `below = "T6"`: a number answer is below this threshold.
    pub below: Option<String>,
    /// `at_least = "T7"`: a number answer is at or above this threshold.
    pub at_least: Option<String>,
    /// Any of these holds.
    pub any: Option<Vec<RawCondition>>,
    /// All of these hold.
    pub all: Option<Vec<RawCondition>>,
}
