//! Gap rules: which recommendations an assessment does not meet, and why.
//!
//! Invariant: every rule comes from the question files (`catalog`); this module interprets
//! conditions generically and names no question, threshold or recommendation ID. It is pure: the
//! date that staleness is judged against is passed in.
//!
//! Semantics, as documented in `questions/README.md`:
//! - a question whose `applies_when` does not hold is hidden, and a rule that looks at a hidden
//!   question does not fire (its `missing` or `not` would otherwise flag what does not apply);
//! - a comparison with an absent answer does not hold (`missing` flags absence);
//! - a rule that holds only because an answer is "unknown" where it tests for "no" fires one
//!   severity level lower;
//! - a fired rule hides the rules it `supersedes`;
//! - a choice answered "not applicable" without a justification raises the set's generic gap.

use std::collections::HashSet;

use crate::model::{
    AnswerKind, AnswerValue, Assessment, Choice, Condition, QuestionSet, Row, Severity, Threshold,
};
use crate::time::Date;

/// An unmet recommendation found by one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The rule that found it (`not-applicable:<question>` for the generic gap).
    pub rule: String,
    /// The recommendation not met.
    pub recommendation: String,
    /// Its title.
    pub recommendation_title: String,
    /// How bad it is.
    pub severity: Severity,
    /// True when it counts one level lower because an answer was "don't know".
    pub because_unknown: bool,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub action: String,
    /// The questions the rule looked at, in the order the rule names them.
    pub questions: Vec<String>,
    /// The thresholds the rule compared with, with their provenance.
    pub thresholds: Vec<Threshold>,
}

/// Where conditions read answers: the assessment (question IDs, respecting visibility) or one
/// row of a group (field IDs).
enum Scope<'a> {
    Answers { assessment: &'a Assessment, visible: &'a HashSet<&'a str> },
    Row(&'a Row),
}

impl Scope<'_> {
    fn get(&self, key: &str) -> Option<&AnswerValue> {
        match self {
            Scope::Answers { assessment, visible, .. } => {
                if visible.contains(key) {
                    assessment.answer(key)
                } else {
                    None
                }
            }
            Scope::Row(row) => row.get(key),
        }
    }
}

/// Whether "unknown" answers are read as "no".
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Strict,
    UnknownAsNo,
}

/// The IDs of the questions shown for this assessment (those whose `applies_when` holds).
/// `applies_when` is judged on the raw answers, so visibility never depends on itself.
pub fn visible_questions<'a>(set: &'a QuestionSet, assessment: &Assessment, today: Date) -> HashSet<&'a str> {
    let all: HashSet<&str> = set.questions.iter().map(|q| q.id.as_str()).collect();
    let raw = Scope::Answers { assessment, visible: &all };
    set.questions
        .iter()
        .filter(|q| q.applies_when.as_ref().is_none_or(|c| holds(c, &raw, set, today, Reading::Strict)))
        .map(|q| q.id.as_str())
        .collect()
}

/// Whether a condition holds for an assessment (used for forensic sheets' `applies_when`).
pub fn condition_holds(
    set: &QuestionSet,
    assessment: &Assessment,
    condition: &Condition,
    today: Date,
) -> bool {
    let visible = visible_questions(set, assessment, today);
    holds(condition, &Scope::Answers { assessment, visible: &visible }, set, today, Reading::Strict)
}

/// All gaps of `assessment` as of `today`, most severe first, then in rule order.
pub fn evaluate(set: &QuestionSet, assessment: &Assessment, today: Date) -> Vec<Gap> {
    let visible = visible_questions(set, assessment, today);
    let scope = Scope::Answers { assessment, visible: &visible };
    let mut fired: Vec<Gap> = Vec::new();
    for rule in &set.rules {
        let mut questions = Vec::new();
        let mut thresholds = Vec::new();
        collect_refs(&rule.when, set, true, &mut questions, &mut thresholds);
        if questions.iter().any(|q| !visible.contains(q.as_str())) {
            continue;
        }
        let (severity, because_unknown) = if holds(&rule.when, &scope, set, today, Reading::Strict) {
            (rule.severity, false)
        } else if holds(&rule.when, &scope, set, today, Reading::UnknownAsNo) {
            (rule.severity.lower(), true)
        } else {
            continue;
        };
        fired.push(Gap {
            rule: rule.id.clone(),
            recommendation: rule.recommendation.clone(),
            recommendation_title: title_of(set, &rule.recommendation),
            severity,
            because_unknown,
            message: rule.message.clone(),
            action: rule.action.clone(),
            questions,
            thresholds,
        });
    }
    let superseded: HashSet<&str> = set
        .rules
        .iter()
        .filter(|r| fired.iter().any(|g| g.rule == r.id))
        .flat_map(|r| r.supersedes.iter().map(String::as_str))
        .collect();
    let mut gaps: Vec<Gap> = fired.into_iter().filter(|g| !superseded.contains(g.rule.as_str())).collect();

    for q in set.questions.iter().filter(|q| q.kind == AnswerKind::Choice && visible.contains(q.id.as_str()))
    {
        if let Some(AnswerValue::NotApplicable(why)) = assessment.answer(&q.id)
            && why.trim().is_empty()
        {
            let generic = &set.not_applicable;
            gaps.push(Gap {
                rule: format!("not-applicable:{}", q.id),
                recommendation: q.recommendation.clone(),
                recommendation_title: title_of(set, &q.recommendation),
                severity: generic.severity,
                because_unknown: false,
                message: generic.message.clone(),
                action: generic.action.clone(),
                questions: vec![q.id.clone()],
                thresholds: Vec::new(),
            });
        }
    }
    // Stable sort: equal severities keep the order of the question file.
    gaps.sort_by_key(|g| std::cmp::Reverse(g.severity));
    gaps
}

fn title_of(set: &QuestionSet, recommendation: &str) -> String {
    set.recommendation(recommendation).map(|r| r.title.clone()).unwrap_or_default()
}

fn threshold_value(set: &QuestionSet, id: &str) -> Option<f64> {
    set.threshold(id).map(|t| t.value)
}

fn number(v: Option<&AnswerValue>) -> Option<f64> {
    match v {
        Some(AnswerValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// Whether the answer's key equals `wanted`, reading "unknown" as "no" when asked to.
fn key_is(v: Option<&AnswerValue>, wanted: &str, reading: Reading) -> bool {
    match v {
        Some(AnswerValue::Choice(Choice::Unknown)) if reading == Reading::UnknownAsNo && wanted == "no" => {
            true
        }
        Some(v) => v.key() == Some(wanted),
        None => false,
    }
}

fn holds(condition: &Condition, scope: &Scope, set: &QuestionSet, today: Date, reading: Reading) -> bool {
    let compare = |key: &str, threshold: &str, op: fn(f64, f64) -> bool| matches!((number(scope.get(key)), threshold_value(set, threshold)), (Some(n), Some(t)) if op(n, t));
    match condition {
        Condition::Missing(key) => match scope.get(key) {
            None => true,
            Some(AnswerValue::Rows(rows)) => rows.is_empty(),
            Some(AnswerValue::Options(o)) => o.is_empty(),
            Some(AnswerValue::Text(t)) => t.trim().is_empty(),
            Some(_) => false,
        },
        Condition::Equals(key, value) => key_is(scope.get(key), value, reading),
        Condition::OneOf(key, values) => values.iter().any(|v| key_is(scope.get(key), v, reading)),
        Condition::Includes(key, option) => {
            matches!(scope.get(key), Some(AnswerValue::Options(o)) if o.contains(option))
        }
        Condition::Below(key, t) => compare(key, t, |n, t| n < t),
        Condition::AtLeast(key, t) => compare(key, t, |n, t| n >= t),
        Condition::Above(key, t) => compare(key, t, |n, t| n > t),
        Condition::OlderThan(key, t) => match (scope.get(key), threshold_value(set, t)) {
            (Some(AnswerValue::Date(d)), Some(max)) => d.days_until(today) as f64 > max,
            _ => false,
        },
        Condition::Personal(key) => {
            matches!(scope.get(key), Some(AnswerValue::Text(t)) if crate::model::looks_personal(t))
        }
        Condition::Row(key, inner) => match scope.get(key) {
            Some(AnswerValue::Rows(rows)) => {
                rows.iter().any(|row| holds(inner, &Scope::Row(row), set, today, reading))
            }
            _ => false,
        },
        Condition::Any(list) => list.iter().any(|c| holds(c, scope, set, today, reading)),
        Condition::All(list) => list.iter().all(|c| holds(c, scope, set, today, reading)),
        // "Unknown as no" is a reading of positive tests; under `not` it would turn a gap into
        // none, so the inner condition is always read strictly.
        Condition::Not(inner) => !holds(inner, scope, set, today, Reading::Strict),
    }
}

/// Collects the questions (top level only) and thresholds a condition mentions.
fn collect_refs(
    condition: &Condition,
    set: &QuestionSet,
    top: bool,
    questions: &mut Vec<String>,
    thresholds: &mut Vec<Threshold>,
) {
    let mut add_q = |q: &String| {
        if top && !questions.contains(q) {
            questions.push(q.clone());
        }
    };
    match condition {
        Condition::Missing(k)
        | Condition::Equals(k, _)
        | Condition::OneOf(k, _)
        | Condition::Includes(k, _)
        | Condition::Personal(k) => add_q(k),
        Condition::Below(k, t)
        | Condition::AtLeast(k, t)
        | Condition::Above(k, t)
        | Condition::OlderThan(k, t) => {
            add_q(k);
            if let Some(t) = set.threshold(t)
                && !thresholds.iter().any(|x| x.id == t.id)
            {
                thresholds.push(t.clone());
            }
        }
        Condition::Row(k, inner) => {
            add_q(k);
            collect_refs(inner, set, false, questions, thresholds);
        }
        Condition::Any(list) | Condition::All(list) => {
            for c in list {
                collect_refs(c, set, top, questions, thresholds);
            }
        }
        Condition::Not(inner) => collect_refs(inner, set, top, questions, thresholds),
    }
}
