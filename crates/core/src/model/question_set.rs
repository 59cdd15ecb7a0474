//! A validated question set: what `catalog` produces and everything else reads.

use super::Condition;

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
    /// All severities, most severe first.
    pub const ALL: [Severity; 4] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

    /// The word used in data files, the interface and the report.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Counts per severity (`counts[i]` for `ALL[i]`) in words, the zeros left out:
    /// `["1 critical", "2 high"]`. Callers join them and choose their own words for none.
    pub fn count_words(counts: [usize; 4]) -> Vec<String> {
        Severity::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {}", s.label()))
            .collect()
    }

    /// The severity with this label.
    pub fn from_label(label: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.label() == label)
    }

    /// One level less severe (`Low` stays `Low`): how an "unknown" answer counts.
    pub fn lower(self) -> Severity {
        match self {
            Severity::Critical => Severity::High,
            Severity::High => Severity::Medium,
            Severity::Medium | Severity::Low => Severity::Low,
        }
    }
}

/// Whether a threshold's number was checked against its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThresholdStatus {
    /// Read in the named source.
    Sourced,
    /// Commonly cited or inferred, but not checked against its source: shown as "unverified".
    Unverified,
}

impl ThresholdStatus {
    /// The word printed next to the value.
    pub fn label(self) -> &'static str {
        match self {
            ThresholdStatus::Sourced => "sourced",
            ThresholdStatus::Unverified => "unverified",
        }
    }
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
    /// A remark printed with it.
    pub note: String,
}

/// One WG recommendation, under its reference ID.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// Stable ID, e.g. `VO-LOG-2`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What is required.
    pub requirement: String,
    /// Which exercise failure it answers.
    pub why: String,
    /// How to tell that it is met.
    pub criterion: String,
    /// What a respondent can show.
    pub evidence: String,
    /// Source IDs.
    pub references: Vec<String>,
    /// Severity when unmet.
    pub severity: Severity,
}

/// A group of questions shown together.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Stable ID, e.g. `logging`.
    pub id: String,
    /// Heading shown to the user.
    pub title: String,
    /// A sentence under the heading.
    pub intro: String,
}

/// One option of a select or multi-select question.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionDef {
    /// Stable ID.
    pub id: String,
    /// Label.
    pub label: String,
}

/// The type of one field of a repeating group's rows.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// Yes / partly / no / don't know.
    Choice,
    /// A number with unit and bounds.
    Number {
        /// Unit.
        unit: String,
        /// Minimum.
        min: f64,
        /// Maximum.
        max: f64,
    },
    /// Free text.
    Text,
    /// One of the options.
    Select(Vec<OptionDef>),
}

/// One field of a repeating group.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// ID within the group.
    pub id: String,
    /// Label.
    pub label: String,
    /// Type.
    pub kind: FieldKind,
    /// Its values may name or reach a person: left out of the "share with the WG" copy.
    pub personal: bool,
}

/// What kind of answer a question takes.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerKind {
    /// Yes / partly / no / don't know, or not applicable with a justification.
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
    Email {
        /// A role address is expected: hint when a personal one is given.
        role_address: bool,
    },
    /// A telephone number.
    Phone,
    /// A calendar date.
    Date {
        /// Threshold (in days) after which the date is stale.
        max_age: Option<String>,
    },
    /// Free text: notes, several lines.
    Text,
    /// One line of free text, such as a name.
    Line,
    /// One of the options.
    Select(Vec<OptionDef>),
    /// Any number of the options.
    Multi(Vec<OptionDef>),
    /// A table: zero or more rows of the fields.
    Group(Vec<Field>),
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
    /// Shown (and evaluated) only when this holds.
    pub applies_when: Option<Condition>,
    /// Its answer may name or reach a person (a name, a phone, a personal contact): left out of
    /// the "share with the WG" copy. E-mail answers are judged by their address instead.
    pub personal: bool,
    /// IDs this question had in earlier versions of the set (see `upgrade`).
    pub formerly: Vec<String>,
}

impl Question {
    /// The options of a select or multi-select question.
    pub fn options(&self) -> &[OptionDef] {
        match &self.kind {
            AnswerKind::Select(o) | AnswerKind::Multi(o) => o,
            _ => &[],
        }
    }
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
    /// Rules this one replaces when both fire.
    pub supersedes: Vec<String>,
}

/// A gap the engine raises for any question, worded by the question file.
#[derive(Clone, Debug, PartialEq)]
pub struct GenericGap {
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: String,
    /// What to do.
    pub action: String,
}

/// What a site investigator needs about one job framework or CE.
#[derive(Clone, Debug, PartialEq)]
pub struct ForensicSheet {
    /// Sheet ID.
    pub id: String,
    /// Title, e.g. `DIRAC`.
    pub title: String,
    /// When it is shown.
    pub applies_when: Condition,
    /// The text question holding the respondent's own notes.
    pub notes_question: String,
    /// Identifiers of pilots, payloads and users.
    pub identifiers: Vec<String>,
    /// Environment variables on the worker node.
    pub environment: Vec<String>,
    /// Log locations.
    pub logs: Vec<String>,
    /// Default retention.
    pub retention: String,
    /// Commands to trace a job.
    pub trace: Vec<String>,
    /// Commands to ban or suspend.
    pub ban: Vec<String>,
    /// Source IDs.
    pub sources: Vec<String>,
}

/// What the report prints outside the walk through the sections, named by the question file so
/// that no Rust code names a question.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportItems {
    /// The text question holding the VO's or site's name (cover).
    pub name_question: Option<String>,
    /// The questions holding the respondent's role contact (cover).
    pub contact_questions: Vec<String>,
    /// Sections repeated in the appendix as the challenge record.
    pub challenge_sections: Vec<String>,
}

/// A profile question the working group's collection filters on (`[[set.facet]]`): the same
/// facet `id` in several sets joins their answers under one filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Facet {
    /// Stable ID shared across sets, e.g. `infrastructure`.
    pub id: String,
    /// The filter's label.
    pub label: String,
    /// The select or multi-select question whose options are the filter's values.
    pub question: String,
}

/// What an answer printed in the forensic handbook is (`[[set.handbook]]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandbookPart {
    /// The respondent's name.
    Name,
    /// The job frameworks it uses (a multi-select of framework IDs).
    Frameworks,
    /// Its role security address.
    Contact,
    /// Where its own guide for sites is published.
    Guide,
    /// Its notes on where to look, for one framework.
    Notes,
}

impl HandbookPart {
    /// Parses the `part` of the data.
    pub fn parse(s: &str) -> Option<HandbookPart> {
        match s {
            "name" => Some(HandbookPart::Name),
            "frameworks" => Some(HandbookPart::Frameworks),
            "contact" => Some(HandbookPart::Contact),
            "guide" => Some(HandbookPart::Guide),
            "notes" => Some(HandbookPart::Notes),
            _ => None,
        }
    }
}

/// One answer the forensic handbook prints on a respondent's page. The loader refuses a
/// question marked `personal`, so that no such answer can reach a handbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandbookItem {
    /// The question.
    pub question: String,
    /// What its answer is.
    pub part: HandbookPart,
    /// For notes: the framework they are about.
    pub framework: Option<String>,
}

/// A validated question set. Every cross-reference in it resolves (see `catalog`).
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionSet {
    /// Stable ID of the set, e.g. `wlcg-ti-vo`.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Hash of the source files, so two builds of "the same version" can be told apart.
    pub content_hash: String,
    /// Title shown at the top of the page and the report.
    pub title: String,
    /// Who answers it.
    pub respondent: Respondent,
    /// The gap raised for "not applicable" without a justification.
    pub not_applicable: GenericGap,
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
    /// Forensic sheets.
    pub forensics: Vec<ForensicSheet>,
    /// Items the report's cover and appendix print.
    pub report: ReportItems,
    /// Profile questions the collection view filters on.
    pub facets: Vec<Facet>,
    /// The answers the forensic handbook prints (`[[set.handbook]]`), in file order.
    pub handbook: Vec<HandbookItem>,
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
