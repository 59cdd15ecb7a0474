//! A validated question set: what `catalog` produces and everything else reads.

use super::Choice;

/// Who answers a question set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Respondent {
    /// A Virtual Organisation (ATLAS, CMS, LHCb, ALICE, smaller EGI VOs).
    Vo,
    /// A computing site.
    Site,
}

/// How bad an unmet recommendation is. Ordered: `Low < Medium < High < Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth fixing when convenient.
    Low,
    /// Weakens traceability or response.
    Medium,
    /// An exercise would likely fail on it.
    High,
    /// An incident could not be traced or contained.
    Critical,
}

impl Severity {
    /// The word used in the interface and the report.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Whether a threshold's number was checked against its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThresholdStatus {
    /// Read in the named source.
    Sourced,
    /// Commonly cited, but the source text was not available: shown as "unverified".
    Unverified,
}

/// A public document that a threshold or recommendation rests on. Its address is plain text:
/// the app never fetches it.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Stable ID from the reference, e.g. `S-13`.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// Where it can be read (never fetched).
    pub location: String,
}

/// A number that gap rules compare answers with, kept with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    /// Stable ID from the reference, e.g. `T6`.
    pub id: String,
    /// What the number limits.
    pub title: String,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit of `value`, e.g. `days`.
    pub unit: String,
    /// IDs of the sources it comes from.
    pub sources: Vec<String>,
    /// Whether the value was verified against its source.
    pub status: ThresholdStatus,
}

/// One WG recommendation, under its reference ID.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// Stable ID, e.g. `VO-LOG-2`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What is required, in one or two sentences.
    pub requirement: String,
    /// Which exercise failure it answers.
    pub why: String,
}

/// A group of questions shown together.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Stable ID, e.g. `logging`.
    pub id: String,
    /// Heading shown to the user.
    pub title: String,
}

/// What kind of answer a question takes.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerKind {
    /// Yes / partial / no / unknown.
    Choice,
    /// A number in `unit`, within `min..=max`.
    Number {
        /// Unit shown beside the field, e.g. `days`.
        unit: String,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// An e-mail address.
    Email,
}

/// One question.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable ID; a question whose meaning changes gets a new one.
    pub id: String,
    /// The section it is shown in.
    pub section: String,
    /// The recommendation it checks.
    pub recommendation: String,
    /// The visible label.
    pub label: String,
    /// Help text under the label.
    pub help: String,
    /// Answer type.
    pub kind: AnswerKind,
}

/// A condition over the answers of an assessment.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// The question has no answer.
    Missing {
        /// Question ID.
        question: String,
    },
    /// A choice answer equals the given choice.
    Equals {
        /// Question ID.
        question: String,
        /// The choice compared with.
        value: Choice,
    },
    /// A number answer is strictly below a threshold.
    Below {
        /// Question ID.
        question: String,
        /// Threshold ID.
        threshold: String,
    },
    /// A number answer is at or above a threshold.
    AtLeast {
        /// Question ID.
        question: String,
        /// Threshold ID.
        threshold: String,
    },
    /// Any of the conditions holds.
    Any(Vec<Condition>),
    /// All of the conditions hold.
    All(Vec<Condition>),
}

/// A gap rule: when `when` holds, the recommendation is not met.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Stable ID of the rule.
    pub id: String,
    /// The recommendation that is not met.
    pub recommendation: String,
    /// How bad it is.
    pub severity: Severity,
    /// When the gap exists.
    pub when: Condition,
    /// What is wrong, for the user.
    pub message: String,
    /// What to do about it.
    pub action: String,
}

/// A validated question set. Every cross-reference in it resolves (see `catalog`).
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionSet {
    /// Stable ID of the set, e.g. `wlcg-ti-vo`.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Title shown at the top of the page and the report.
    pub title: String,
    /// Who answers it.
    pub respondent: Respondent,
    /// Sources, in file order.
    pub sources: Vec<Source>,
    /// Thresholds, in file order.
    pub thresholds: Vec<Threshold>,
    /// Recommendations, in file order.
    pub recommendations: Vec<Recommendation>,
    /// Sections, in display order.
    pub sections: Vec<Section>,
    /// Questions, in display order.
    pub questions: Vec<Question>,
    /// Gap rules.
    pub rules: Vec<Rule>,
}

impl QuestionSet {
    /// The question with this ID.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
    /// The threshold with this ID.
    pub fn threshold(&self, id: &str) -> Option<&Threshold> {
        self.thresholds.iter().find(|t| t.id == id)
    }
    /// The recommendation with this ID.
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }
    /// The source with this ID.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The questions of one section, in display order.
    pub fn questions_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.section == section)
    }
}
