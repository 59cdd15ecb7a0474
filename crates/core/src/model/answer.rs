//! Answers and the assessment that holds them.

use std::collections::{BTreeMap, BTreeSet};

use crate::time::{Date, Timestamp};

/// The answer to a choice question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Fully in place.
    Yes,
    /// Partly in place.
    Partial,
    /// Not in place.
    No,
    /// The respondent does not know.
    Unknown,
}

impl Choice {
    /// All choices, in the order they are offered.
    pub const ALL: [Choice; 4] = [Choice::Yes, Choice::Partial, Choice::No, Choice::Unknown];

    /// The stable key used in data files (`yes`, `partial`, `no`, `unknown`).
    pub fn key(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::Partial => "partial",
            Choice::No => "no",
            Choice::Unknown => "unknown",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Choice::Yes => "Yes",
            Choice::Partial => "Partly",
            Choice::No => "No",
            Choice::Unknown => "Don't know",
        }
    }

    /// The choice with this key.
    pub fn from_key(key: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The key of "not applicable" in conditions and data files.
pub const NOT_APPLICABLE: &str = "na";

/// One row of a repeating group: field ID → value.
pub type Row = BTreeMap<String, AnswerValue>;

/// A given answer's value.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerValue {
    /// For choice questions.
    Choice(Choice),
    /// "Not applicable" to a choice question, with the respondent's justification.
    NotApplicable(String),
    /// For number questions; always finite and within the question's bounds when set by the UI.
    Number(f64),
    /// For e-mail, phone and text questions.
    Text(String),
    /// For date questions.
    Date(Date),
    /// For select questions: the option ID.
    Option(String),
    /// For multi-select questions: the option IDs, in the question's order.
    Options(Vec<String>),
    /// For repeating groups.
    Rows(Vec<Row>),
}

impl AnswerValue {
    /// The key conditions compare with: a choice's key, `na`, or a select option's ID.
    pub fn key(&self) -> Option<&str> {
        match self {
            AnswerValue::Choice(c) => Some(c.key()),
            AnswerValue::NotApplicable(_) => Some(NOT_APPLICABLE),
            AnswerValue::Option(o) => Some(o),
            _ => None,
        }
    }

    /// The answer as a person reads it (option IDs as stored; `report` maps them to labels).
    pub fn display(&self) -> String {
        match self {
            AnswerValue::Choice(c) => c.label().to_owned(),
            AnswerValue::NotApplicable(why) if why.trim().is_empty() => "Not applicable".to_owned(),
            AnswerValue::NotApplicable(why) => format!("Not applicable: {why}"),
            AnswerValue::Number(n) => format_number(*n),
            AnswerValue::Text(t) => t.clone(),
            AnswerValue::Date(d) => d.to_string(),
            AnswerValue::Option(o) => o.clone(),
            AnswerValue::Options(o) => o.join(", "),
            AnswerValue::Rows(rows) => format!("{} rows", rows.len()),
        }
    }
}

/// Evidence a respondent attaches to a question: free text and a link (never fetched).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Free text: where the proof is, who checked, what was seen.
    pub text: String,
    /// A link to a document, as typed.
    pub url: String,
}

impl Evidence {
    /// True when neither field holds anything.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.url.trim().is_empty()
    }
}

/// Formats a number without a trailing `.0` for whole values.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// An answer and when it was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The value.
    pub value: AnswerValue,
    /// When it was given.
    pub given_at: Timestamp,
}

/// Which question set (and version) an assessment was answered against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionSetRef {
    /// Question-set ID.
    pub id: String,
    /// Question-set version.
    pub version: String,
}

/// One respondent's answers to one question set.
///
/// Answers are keyed by question ID. Answers whose question the current set does not know are
/// kept as they are (never dropped), so that nothing a user typed disappears on an upgrade.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// Stable ID within this browser (the storage key's last part).
    pub id: String,
    /// The name the user gave it, e.g. "ATLAS 2026".
    pub name: String,
    /// The question set answered.
    pub question_set: QuestionSetRef,
    /// Incremented on every change; lets storage notice concurrent writers.
    pub revision: u64,
    /// Answers by question ID.
    pub answers: BTreeMap<String, Answer>,
    /// Evidence by question ID (may exist without an answer).
    pub evidence: BTreeMap<String, Evidence>,
}

impl Assessment {
    /// An empty assessment of a question set, with the set's ID as its own and no name.
    pub fn new(question_set: QuestionSetRef) -> Self {
        Assessment {
            id: question_set.id.clone(),
            name: String::new(),
            question_set,
            revision: 0,
            answers: BTreeMap::new(),
            evidence: BTreeMap::new(),
        }
    }

    /// An empty, named assessment with its own ID.
    pub fn named(id: &str, name: &str, question_set: QuestionSetRef) -> Self {
        Assessment { id: id.to_owned(), name: name.to_owned(), ..Assessment::new(question_set) }
    }

    /// Sets (or with `None`, clears) the answer to a question and bumps the revision.
    pub fn set_answer(&mut self, question: &str, value: Option<AnswerValue>, now: Timestamp) {
        match value {
            Some(value) => {
                self.answers.insert(question.to_owned(), Answer { value, given_at: now });
            }
            None => {
                self.answers.remove(question);
            }
        }
        self.revision += 1;
    }

    /// Sets the evidence of a question (empty evidence is removed) and bumps the revision.
    pub fn set_evidence(&mut self, question: &str, evidence: Evidence) {
        if evidence.is_empty() {
            self.evidence.remove(question);
        } else {
            self.evidence.insert(question.to_owned(), evidence);
        }
        self.revision += 1;
    }

    /// The answer to a question, if any.
    pub fn answer(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question).map(|a| &a.value)
    }

    /// Merges another copy of the same assessment (another tab's save) into this one, answer by
    /// answer: the later `given_at` wins, ties keep this copy's. Answers only the other copy has
    /// are added, so nothing either copy holds is lost except an older answer to the same
    /// question. Evidence this copy lacks is taken from the other. The revision moves past both.
    ///
    /// Returns the IDs of the questions whose answer or evidence now differs from what this copy
    /// held (a later answer with the same value is no change), so that a page can refresh exactly
    /// the fields that show them.
    pub fn merge_from(&mut self, other: &Assessment) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        for (id, theirs) in &other.answers {
            let (take, differs) = match self.answers.get(id) {
                Some(ours) => (theirs.given_at > ours.given_at, theirs.value != ours.value),
                None => (true, true),
            };
            if take {
                if differs {
                    changed.insert(id.clone());
                }
                self.answers.insert(id.clone(), theirs.clone());
            }
        }
        for (id, e) in &other.evidence {
            if !self.evidence.contains_key(id) {
                changed.insert(id.clone());
                self.evidence.insert(id.clone(), e.clone());
            }
        }
        self.revision = self.revision.max(other.revision) + 1;
        changed
    }

    /// The time of the earliest answer still held: when the assessment was begun, as far as its
    /// answers tell (the PDF's creation date).
    pub fn first_change(&self) -> Option<Timestamp> {
        self.answers.values().map(|a| a.given_at).min()
    }

    /// The time of the most recent answer: the report's date, so that exports are deterministic.
    pub fn last_change(&self) -> Option<Timestamp> {
        self.answers.values().map(|a| a.given_at).max()
    }
}
