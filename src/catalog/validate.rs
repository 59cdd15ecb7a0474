//! Checks a raw question file and builds the model from it.

use std::collections::HashSet;

use super::CatalogError;
use super::raw::{RawCondition, RawQuestionSet};
use crate::model::{
    AnswerKind, Choice, Condition, Question, QuestionSet, Recommendation, Respondent, Rule, Section,
    Severity, Source, Threshold, ThresholdStatus,
};

/// Validates `raw` (read from `file`) into a `QuestionSet`, or names the first problem found.
pub fn validate(file: &str, raw: RawQuestionSet) -> Result<QuestionSet, CatalogError> {
    let err = |item: String, problem: String| CatalogError { file: file.to_owned(), item, problem };

    let respondent = match raw.set.respondent.as_str() {
        "vo" => Respondent::Vo,
        "site" => Respondent::Site,
        other => return Err(err("[set]".into(), format!("respondent `{other}` must be `vo` or `site`"))),
    };
    if !is_semver(&raw.set.version) {
        return Err(err("[set]".into(), format!("version `{}` must look like 1.2.3", raw.set.version)));
    }

    check_unique(raw.sources.iter().map(|s| s.id.as_str()), "source", &err)?;
    check_unique(raw.thresholds.iter().map(|s| s.id.as_str()), "threshold", &err)?;
    check_unique(raw.recommendations.iter().map(|s| s.id.as_str()), "recommendation", &err)?;
    check_unique(raw.sections.iter().map(|s| s.id.as_str()), "section", &err)?;
    check_unique(raw.questions.iter().map(|s| s.id.as_str()), "question", &err)?;
    check_unique(raw.rules.iter().map(|s| s.id.as_str()), "rule", &err)?;

    let sources: Vec<Source> =
        raw.sources.into_iter().map(|s| Source { id: s.id, title: s.title, location: s.location }).collect();

    let mut thresholds = Vec::new();
    for t in raw.thresholds {
        let item = format!("threshold `{}`", t.id);
        let status = match t.status.as_str() {
            "sourced" => ThresholdStatus::Sourced,
            "unverified" => ThresholdStatus::Unverified,
            other => return Err(err(item, format!("status `{other}` must be `sourced` or `unverified`"))),
        };
        if t.sources.is_empty() {
            return Err(err(item, "has no source: name at least one `sources` ID".into()));
        }
        if let Some(missing) = t.sources.iter().find(|id| !sources.iter().any(|s| &s.id == *id)) {
            return Err(err(item, format!("source `{missing}` is not defined in a [[source]] table")));
        }
        if !t.value.is_finite() {
            return Err(err(item, "value must be a finite number".into()));
        }
        thresholds.push(Threshold {
            id: t.id,
            title: t.title,
            value: t.value,
            unit: t.unit,
            sources: t.sources,
            status,
        });
    }

    let recommendations: Vec<Recommendation> = raw
        .recommendations
        .into_iter()
        .map(|r| Recommendation { id: r.id, title: r.title, requirement: r.requirement, why: r.why })
        .collect();
    let sections: Vec<Section> =
        raw.sections.into_iter().map(|s| Section { id: s.id, title: s.title }).collect();

    let mut questions = Vec::new();
    for q in raw.questions {
        let item = format!("question `{}`", q.id);
        if !sections.iter().any(|s| s.id == q.section) {
            return Err(err(item, format!("section `{}` is not defined in a [[section]] table", q.section)));
        }
        if !recommendations.iter().any(|r| r.id == q.recommendation) {
            return Err(err(
                item,
                format!("recommendation `{}` is not defined in a [[recommendation]] table", q.recommendation),
            ));
        }
        if q.label.trim().is_empty() {
            return Err(err(item, "label is empty".into()));
        }
        let kind = match q.kind.as_str() {
            "choice" => AnswerKind::Choice,
            "email" => AnswerKind::Email,
            "number" => {
                let (Some(unit), Some(min), Some(max)) = (q.unit, q.min, q.max) else {
                    return Err(err(item, "a number question needs `unit`, `min` and `max`".into()));
                };
                if !(min.is_finite() && max.is_finite() && min <= max) {
                    return Err(err(item, format!("bounds must satisfy min <= max (got {min} and {max})")));
                }
                AnswerKind::Number { unit, min, max }
            }
            other => {
                return Err(err(item, format!("type `{other}` must be one of `choice`, `number`, `email`")));
            }
        };
        questions.push(Question {
            id: q.id,
            section: q.section,
            recommendation: q.recommendation,
            label: q.label,
            help: q.help,
            kind,
        });
    }

    if let Some(r) = recommendations.iter().find(|r| !questions.iter().any(|q| q.recommendation == r.id)) {
        return Err(err(format!("recommendation `{}`", r.id), "no question checks it".into()));
    }

    let mut rules = Vec::new();
    for r in raw.rules {
        let item = format!("rule `{}`", r.id);
        if !recommendations.iter().any(|x| x.id == r.recommendation) {
            return Err(err(item, format!("recommendation `{}` is not defined", r.recommendation)));
        }
        let severity = match r.severity.as_str() {
            "critical" => Severity::Critical,
            "high" => Severity::High,
            "medium" => Severity::Medium,
            "low" => Severity::Low,
            other => {
                return Err(err(item, format!("severity `{other}` must be critical, high, medium or low")));
            }
        };
        let when = condition(&r.when, &questions, &thresholds).map_err(|p| err(item.clone(), p))?;
        rules.push(Rule {
            id: r.id,
            recommendation: r.recommendation,
            severity,
            when,
            message: r.message,
            action: r.action,
        });
    }

    Ok(QuestionSet {
        id: raw.set.id,
        version: raw.set.version,
        title: raw.set.title,
        respondent,
        sources,
        thresholds,
        recommendations,
        sections,
        questions,
        rules,
    })
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    err: &impl Fn(String, String) -> CatalogError,
) -> Result<(), CatalogError> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(err(format!("{what} with an empty id"), "every item needs a non-empty `id`".into()));
        }
        if !seen.insert(id) {
            return Err(err(format!("{what} `{id}`"), "the id is used twice".into()));
        }
    }
    Ok(())
}

fn is_semver(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Builds a condition, checking that exactly one operator is given and that it fits the question.
fn condition(
    raw: &RawCondition,
    questions: &[Question],
    thresholds: &[Threshold],
) -> Result<Condition, String> {
    let ops = [
        raw.missing.is_some(),
        raw.equals.is_some(),
        raw.below.is_some(),
        raw.at_least.is_some(),
        raw.any.is_some(),
        raw.all.is_some(),
    ];
    if ops.iter().filter(|o| **o).count() != 1 {
        return Err(
            "a condition needs exactly one of `missing`, `equals`, `below`, `at_least`, `any`, `all`".into(),
        );
    }
    let nested = |list: &Vec<RawCondition>| -> Result<Vec<Condition>, String> {
        if list.is_empty() {
            return Err("`any` and `all` need at least one condition".into());
        }
        list.iter().map(|c| condition(c, questions, thresholds)).collect()
    };
    if let Some(list) = &raw.any {
        return nested(list).map(Condition::Any);
    }
    if let Some(list) = &raw.all {
        return nested(list).map(Condition::All);
    }
    let qid = raw.question.clone().ok_or("the condition names no `question`")?;
    let question =
        questions.iter().find(|q| q.id == qid).ok_or(format!("question `{qid}` is not defined"))?;
    let threshold_for = |tid: &String| -> Result<String, String> {
        if !matches!(question.kind, AnswerKind::Number { .. }) {
            return Err(format!(
                "question `{qid}` is not a number question, so it cannot be compared with `{tid}`"
            ));
        }
        match thresholds.iter().find(|t| &t.id == tid) {
            Some(t) => Ok(t.id.clone()),
            None => Err(format!("threshold `{tid}` is not defined")),
        }
    };
    if raw.missing == Some(false) {
        return Err("write `missing = true`, or leave the condition out".into());
    }
    if raw.missing.is_some() {
        return Ok(Condition::Missing { question: qid });
    }
    if let Some(key) = &raw.equals {
        if question.kind != AnswerKind::Choice {
            return Err(format!("question `{qid}` is not a choice question, so `equals` does not apply"));
        }
        let value =
            Choice::from_key(key).ok_or(format!("`{key}` is not one of yes, partial, no, unknown"))?;
        return Ok(Condition::Equals { question: qid, value });
    }
    if let Some(t) = &raw.below {
        let threshold = threshold_for(t)?;
        return Ok(Condition::Below { question: qid, threshold });
    }
    if let Some(t) = &raw.at_least {
        let threshold = threshold_for(t)?;
        return Ok(Condition::AtLeast { question: qid, threshold });
    }
    Err("unreachable condition form".into())
}
