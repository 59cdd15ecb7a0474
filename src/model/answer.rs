//! Answers and the assessment that holds them.

use std::collections::BTreeMap;

use crate::time::Timestamp;

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

/// A given answer's value.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerValue {
    /// For choice questions.
    Choice(Choice),
    /// For number questions; always finite and within the question's bounds when set by the UI.
    Number(f64),
    /// For e-mail and text questions.
    Text(String),
}

impl AnswerValue {
    /// The answer as a person reads it.
    pub fn display(&self) -> String {
        match self {
            AnswerValue::Choice(c) => c.label().to_owned(),
            AnswerValue::Number(n) => format_number(*n),
            AnswerValue::Text(t) => t.clone(),
        }
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
    /// The question set answered.
    pub question_set: QuestionSetRef,
    /// Incremented on every change; lets storage notice concurrent writers.
    pub revision: u64,
    /// Answers by question ID.
    pub answers: BTreeMap<String, Answer>,
}

impl Assessment {
    /// An empty assessment of a question set.
    pub fn new(question_set: QuestionSetRef) -> Self {
        Assessment { question_set, revision: 0, answers: BTreeMap::new() }
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

    /// The answer to a question, if any.
    pub fn answer(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question).map(|a| &a.value)
    }

    /// The time of the most recent answer: the report's date, so that exports are deterministic.
    pub fn last_change(&self) -> Option<Timestamp> {
        self.answers.values().map(|a| a.given_at).max()
    }
}
