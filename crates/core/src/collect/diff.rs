//! Compare over time: what changed between two assessments of the same question set.
//!
//! The earlier assessment is judged as of the day of its last answer (as its own report was), the
//! later one as of `today`; so a date that has aged past its limit since shows up both as a new gap
//! and in `gone_stale`, which says why.
//!
//! Invariants: pure (no clock, no browser crate); a gap is identified by its rule, an answer by
//! its question; both assessments must answer the same question set (by ID), judged with this
//! build's version of it.

use crate::catalog;
use crate::model::{AnswerKind, AnswerValue, Assessment, QuestionSet, Severity};
use crate::report::report_day;
use crate::rules::{self, Gap};
use crate::time::Date;
use crate::wording::answer_text;

/// Why two assessments cannot be compared.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// They answer different question sets (a VO's and a site's, say).
    #[error(
        "The two assessments answer different question sets ({before} and {after}). Choose two assessments of the same kind."
    )]
    DifferentSets {
        /// The earlier one's set ID.
        before: String,
        /// The later one's set ID.
        after: String,
    },
    /// The set is not one this build has.
    #[error("The question set `{0}` is not one this version of ti-assess has.")]
    UnknownSet(String),
}

/// A gap that appeared or was closed.
#[derive(Clone, Debug, PartialEq)]
pub struct GapChange {
    /// Recommendation ID.
    pub recommendation: String,
    /// Its title.
    pub title: String,
    /// Severity of the gap.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// A question answered differently.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerChange {
    /// Question ID.
    pub question: String,
    /// Its label.
    pub label: String,
    /// The earlier answer as text (`Not answered` when none).
    pub before: String,
    /// The later answer as text.
    pub after: String,
}

/// A date that was within its limit and no longer is.
#[derive(Clone, Debug, PartialEq)]
pub struct Stale {
    /// Question ID.
    pub question: String,
    /// Its label.
    pub label: String,
    /// The date answered, `YYYY-MM-DD`.
    pub date: String,
    /// Its age in days as of `today`.
    pub age_days: i64,
    /// The limit in days.
    pub max_days: f64,
}

/// What changed from `before` to `after`.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Gaps of `after` that `before` did not have, most severe first.
    pub new_gaps: Vec<GapChange>,
    /// Gaps of `before` that `after` no longer has, most severe first.
    pub closed_gaps: Vec<GapChange>,
    /// Questions answered differently, in display order.
    pub changed_answers: Vec<AnswerChange>,
    /// Dates stale as of `today` in `after` that were not stale in `before` at its own date.
    pub gone_stale: Vec<Stale>,
}

impl Comparison {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.new_gaps.is_empty()
            && self.closed_gaps.is_empty()
            && self.changed_answers.is_empty()
            && self.gone_stale.is_empty()
    }
}

fn change(g: &Gap) -> GapChange {
    GapChange {
        recommendation: g.recommendation.clone(),
        title: g.recommendation_title.clone(),
        severity: g.severity,
        message: g.message.clone(),
    }
}

fn minus(a: &[Gap], b: &[Gap]) -> Vec<GapChange> {
    a.iter().filter(|g| !b.iter().any(|x| x.rule == g.rule)).map(change).collect()
}

/// The dates of `a` older than their question's limit as of `day`, with age and limit.
fn stale_dates<'s>(set: &'s QuestionSet, a: &Assessment, day: Date) -> Vec<(&'s str, Date, i64, f64)> {
    let visible = rules::visible_questions(set, a, day);
    set.questions
        .iter()
        .filter(|q| visible.contains(q.id.as_str()))
        .filter_map(|q| {
            let AnswerKind::Date { max_age: Some(t) } = &q.kind else { return None };
            let max = set.threshold(t)?.value;
            let Some(AnswerValue::Date(d)) = a.answer(&q.id) else { return None };
            let age = d.days_until(day);
            (age as f64 > max).then_some((q.id.as_str(), *d, age, max))
        })
        .collect()
}

/// Compares two assessments of one question set (`before` the earlier).
pub fn compare(before: &Assessment, after: &Assessment, today: Date) -> Result<Comparison, CompareError> {
    if before.question_set.id != after.question_set.id {
        return Err(CompareError::DifferentSets {
            before: before.question_set.id.clone(),
            after: after.question_set.id.clone(),
        });
    }
    let set = catalog::builtin(&after.question_set.id)
        .ok_or_else(|| CompareError::UnknownSet(after.question_set.id.clone()))?;
    Ok(compare_in(set, before, after, today))
}

/// `compare` against a given question set.
pub fn compare_in(set: &QuestionSet, before: &Assessment, after: &Assessment, today: Date) -> Comparison {
    let then = report_day(before);
    let gaps_before = rules::evaluate(set, before, then);
    let gaps_after = rules::evaluate(set, after, today);
    let changed_answers = set
        .questions
        .iter()
        .filter_map(|q| {
            let b = answer_text(set, before, &q.id);
            let a = answer_text(set, after, &q.id);
            (a != b).then(|| AnswerChange {
                question: q.id.clone(),
                label: q.label.clone(),
                before: b.unwrap_or_else(|| "Not answered".to_owned()),
                after: a.unwrap_or_else(|| "Not answered".to_owned()),
            })
        })
        .collect();
    let stale_then = stale_dates(set, before, then);
    let gone_stale = stale_dates(set, after, today)
        .into_iter()
        .filter(|(q, ..)| !stale_then.iter().any(|(p, ..)| p == q))
        .filter_map(|(q, d, age, max)| {
            Some(Stale {
                question: q.to_owned(),
                label: set.question(q)?.label.clone(),
                date: d.to_string(),
                age_days: age,
                max_days: max,
            })
        })
        .collect();
    Comparison {
        new_gaps: minus(&gaps_after, &gaps_before),
        closed_gaps: minus(&gaps_before, &gaps_after),
        changed_answers,
        gone_stale,
    }
}
