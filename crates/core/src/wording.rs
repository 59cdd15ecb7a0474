//! How answers and thresholds read as text: option labels instead of IDs, numbers with their unit,
//! group rows as "field: value" lists, a threshold with its sources. The report, the results
//! view's status rows, the CSV and the comparison all word answers through here, so a value
//! reads the same everywhere.
//!
//! Invariant: pure functions of the question set and the answer; no clock, no layout.

use crate::model::{
    AnswerKind, AnswerValue, Assessment, FieldKind, OptionDef, Question, QuestionSet, Threshold,
    format_number,
};

pub(crate) fn label_of(options: &[OptionDef], id: &str) -> String {
    options.iter().find(|o| o.id == id).map(|o| o.label.clone()).unwrap_or_else(|| id.to_owned())
}

/// A value as a person reads it: option labels instead of IDs, numbers with their unit.
pub(crate) fn value_text(kind: Option<&AnswerKind>, value: &AnswerValue) -> String {
    match (kind, value) {
        (Some(AnswerKind::Number { unit, .. }), AnswerValue::Number(n)) => {
            format!("{} {unit}", format_number(*n))
        }
        (Some(AnswerKind::Select(o)), AnswerValue::Option(id)) => label_of(o, id),
        (Some(AnswerKind::Multi(o)), AnswerValue::Options(ids)) if ids.is_empty() => "None".to_owned(),
        (Some(AnswerKind::Multi(o)), AnswerValue::Options(ids)) => {
            ids.iter().map(|id| label_of(o, id)).collect::<Vec<_>>().join(", ")
        }
        (Some(AnswerKind::Group(fields)), AnswerValue::Rows(rows)) if rows.is_empty() => "No rows".to_owned(),
        (Some(AnswerKind::Group(fields)), AnswerValue::Rows(rows)) => rows
            .iter()
            .map(|row| {
                fields
                    .iter()
                    .filter_map(|f| {
                        let v = row.get(&f.id)?;
                        let text = match (&f.kind, v) {
                            (FieldKind::Number { unit, .. }, AnswerValue::Number(n)) => {
                                format!("{} {unit}", format_number(*n))
                            }
                            (FieldKind::Select(o), AnswerValue::Option(id)) => label_of(o, id),
                            (_, v) => v.display(),
                        };
                        Some(format!("{}: {text}", f.label))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, v) => v.display(),
    }
}

/// A label followed by what it introduces: "Name of the VO: ATLAS", but "Is it kept? Yes" and
/// "Where to look: notes" (a label that already ends in `?`, `:` or `.` takes no colon, so no
/// line ever reads "…?: Yes").
pub fn labelled(label: &str, text: &str) -> String {
    let label = label.trim_end();
    if label.ends_with(['?', ':', '.', '!']) { format!("{label} {text}") } else { format!("{label}: {text}") }
}

/// A value of a question as a person reads it (the answer another tab gave, say).
pub fn value_of(question: &Question, value: &AnswerValue) -> String {
    value_text(Some(&question.kind), value)
}

/// The answer to a question as a person reads it.
pub fn answer_text(set: &QuestionSet, assessment: &Assessment, question: &str) -> Option<String> {
    let value = assessment.answer(question)?;
    Some(value_text(set.question(question).map(|q| &q.kind), value))
}

/// A threshold as one line: value, unit, status and sources.
pub fn threshold_line(set: &QuestionSet, gap_threshold: &Threshold) -> String {
    let sources: Vec<String> = gap_threshold
        .sources
        .iter()
        .map(|id| match set.source(id) {
            Some(s) => format!("{id} {}", s.title),
            None => id.clone(),
        })
        .collect();
    let status = gap_threshold.status.label();
    format!(
        "{}: {} {} ({status}; source: {})",
        gap_threshold.id,
        format_number(gap_threshold.value),
        gap_threshold.unit,
        sources.join("; ")
    )
}
