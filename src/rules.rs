//! Gap rules: which recommendations an assessment does not meet, and why.
//!
//! Invariant: every rule comes from the question files (`catalog`); this module interprets
//! conditions generically and names no question, threshold or recommendation ID.

use crate::model::{AnswerValue, Assessment, Condition, QuestionSet, Severity, Threshold};

/// An unmet recommendation found by one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The rule that found it.
    pub rule: String,
    /// The recommendation not met.
    pub recommendation: String,
    /// Its title.
    pub recommendation_title: String,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub action: String,
    /// The questions the rule looked at, in the order the rule names them.
    pub questions: Vec<String>,
    /// The thresholds the rule compared with, with their provenance.
    pub thresholds: Vec<Threshold>,
}

/// All gaps of `assessment`, most severe first, then in rule order.
pub fn evaluate(set: &QuestionSet, assessment: &Assessment) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = set
        .rules
        .iter()
        .filter(|rule| holds(&rule.when, set, assessment))
        .map(|rule| {
            let mut questions = Vec::new();
            let mut thresholds = Vec::new();
            collect_refs(&rule.when, set, &mut questions, &mut thresholds);
            Gap {
                rule: rule.id.clone(),
                recommendation: rule.recommendation.clone(),
                recommendation_title: set
                    .recommendation(&rule.recommendation)
                    .map(|r| r.title.clone())
                    .unwrap_or_default(),
                severity: rule.severity,
                message: rule.message.clone(),
                action: rule.action.clone(),
                questions,
                thresholds,
            }
        })
        .collect();
    // Stable sort: equal severities keep the rule order of the question file.
    gaps.sort_by_key(|g| std::cmp::Reverse(g.severity));
    gaps
}

fn number(assessment: &Assessment, question: &str) -> Option<f64> {
    match assessment.answer(question) {
        Some(AnswerValue::Number(n)) => Some(*n),
        _ => None,
    }
}

fn threshold_value(set: &QuestionSet, id: &str) -> Option<f64> {
    set.threshold(id).map(|t| t.value)
}

/// Whether a condition holds. A comparison with an unanswered question does not hold: a missing
/// answer is reported by `missing` rules, not guessed at.
fn holds(condition: &Condition, set: &QuestionSet, assessment: &Assessment) -> bool {
    match condition {
        Condition::Missing { question } => assessment.answer(question).is_none(),
        Condition::Equals { question, value } => {
            matches!(assessment.answer(question), Some(AnswerValue::Choice(c)) if c == value)
        }
        Condition::Below { question, threshold } => {
            matches!((number(assessment, question), threshold_value(set, threshold)), (Some(n), Some(t)) if n < t)
        }
        Condition::AtLeast { question, threshold } => {
            matches!((number(assessment, question), threshold_value(set, threshold)), (Some(n), Some(t)) if n >= t)
        }
        Condition::Any(list) => list.iter().any(|c| holds(c, set, assessment)),
        Condition::All(list) => list.iter().all(|c| holds(c, set, assessment)),
    }
}

fn collect_refs(
    condition: &Condition,
    set: &QuestionSet,
    questions: &mut Vec<String>,
    thresholds: &mut Vec<Threshold>,
) {
    let mut add_q = |q: &String| {
        if !questions.contains(q) {
            questions.push(q.clone());
        }
    };
    match condition {
        Condition::Missing { question } | Condition::Equals { question, .. } => add_q(question),
        Condition::Below { question, threshold } | Condition::AtLeast { question, threshold } => {
            add_q(question);
            if let Some(t) = set.threshold(threshold)
                && !thresholds.iter().any(|x| x.id == t.id)
            {
                thresholds.push(t.clone());
            }
        }
        Condition::Any(list) | Condition::All(list) => {
            for c in list {
                collect_refs(c, set, questions, thresholds);
            }
        }
    }
}
