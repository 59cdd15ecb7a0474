//! The report model: everything the PDF prints, already worded, so the PDF code only lays it out.
//!
//! Invariant: `build` is a pure function of the question set and the assessment (no clock), so
//! the same assessment always gives the same report, and the same PDF bytes.

use crate::model::{AnswerKind, AnswerValue, Assessment, FieldKind, OptionDef, QuestionSet, format_number};
use crate::rules::{self, Gap};
use crate::time::Date;

/// A finished report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The question set's title.
    pub title: String,
    /// `set-id version`, printed under the title.
    pub question_set: String,
    /// The date of the last answer (`YYYY-MM-DD`), or `None` for an empty assessment.
    pub date: Option<String>,
    /// How many questions are answered, and how many there are.
    pub answered: (usize, usize),
    /// Gaps, most severe first.
    pub gaps: Vec<ReportGap>,
    /// Every section with every question, in display order.
    pub sections: Vec<ReportSection>,
}

/// One gap as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportGap {
    /// `critical`, `high`, `medium` or `low`.
    pub severity: String,
    /// `VO-LOG-2 Retention of VO central logs`.
    pub recommendation: String,
    /// What is wrong.
    pub message: String,
    /// What was answered, e.g. `Central log retention: 30 days`.
    pub answered: Vec<String>,
    /// What to do.
    pub action: String,
    /// Thresholds with value, source and status, e.g. `T6: 180 days (unverified; source: …)`.
    pub thresholds: Vec<String>,
}

/// One section as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportSection {
    /// Heading.
    pub title: String,
    /// Its questions.
    pub rows: Vec<ReportRow>,
}

/// One question and its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    /// Recommendation ID the question checks.
    pub recommendation: String,
    /// The question's label.
    pub question: String,
    /// The answer as text, `Not answered` when missing.
    pub answer: String,
    /// Evidence text and link, when given.
    pub evidence: Vec<String>,
}

fn label_of(options: &[OptionDef], id: &str) -> String {
    options.iter().find(|o| o.id == id).map(|o| o.label.clone()).unwrap_or_else(|| id.to_owned())
}

/// A value as a person reads it: option labels instead of IDs, numbers with their unit.
fn value_text(kind: Option<&AnswerKind>, value: &AnswerValue) -> String {
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

/// The answer to a question as a person reads it.
pub fn answer_text(set: &QuestionSet, assessment: &Assessment, question: &str) -> Option<String> {
    let value = assessment.answer(question)?;
    Some(value_text(set.question(question).map(|q| &q.kind), value))
}

/// The date an assessment is judged at in its report: the day of its last answer, so that the
/// same assessment always gives the same report.
pub fn report_day(assessment: &Assessment) -> Date {
    assessment.last_change().map(|t| t.day()).unwrap_or(Date(0))
}

/// A threshold as one line: value, unit, status and sources.
pub fn threshold_line(set: &QuestionSet, gap_threshold: &crate::model::Threshold) -> String {
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

/// Builds the report of `assessment` against `set`.
pub fn build(set: &QuestionSet, assessment: &Assessment) -> Report {
    let today = report_day(assessment);
    let gaps =
        rules::evaluate(set, assessment, today).iter().map(|g| report_gap(set, assessment, g)).collect();
    let visible = rules::visible_questions(set, assessment, today);
    let sections = set
        .sections
        .iter()
        .map(|s| ReportSection {
            title: s.title.clone(),
            rows: set
                .questions_in(&s.id)
                .filter(|q| visible.contains(q.id.as_str()))
                .map(|q| ReportRow {
                    recommendation: q.recommendation.clone(),
                    question: q.label.clone(),
                    answer: answer_text(set, assessment, &q.id).unwrap_or_else(|| "Not answered".to_owned()),
                    evidence: assessment
                        .evidence
                        .get(&q.id)
                        .map(|e| {
                            [("Evidence", &e.text), ("Link", &e.url)]
                                .into_iter()
                                .filter(|(_, v)| !v.trim().is_empty())
                                .map(|(k, v)| format!("{k}: {v}"))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .filter(|s: &ReportSection| !s.rows.is_empty())
        .collect();
    let shown: Vec<_> = set.questions.iter().filter(|q| visible.contains(q.id.as_str())).collect();
    let answered = shown.iter().filter(|q| assessment.answer(&q.id).is_some()).count();
    Report {
        title: set.title.clone(),
        question_set: format!("{} {}", set.id, set.version),
        date: assessment.last_change().map(|t| t.date()),
        answered: (answered, shown.len()),
        gaps,
        sections,
    }
}

fn report_gap(set: &QuestionSet, assessment: &Assessment, gap: &Gap) -> ReportGap {
    ReportGap {
        severity: if gap.because_unknown {
            format!("{} (answer unknown)", gap.severity.label())
        } else {
            gap.severity.label().to_owned()
        },
        recommendation: format!("{} {}", gap.recommendation, gap.recommendation_title),
        message: gap.message.clone(),
        answered: gap
            .questions
            .iter()
            .map(|q| {
                let label = set.question(q).map(|x| x.label.as_str()).unwrap_or(q);
                let answer = answer_text(set, assessment, q).unwrap_or_else(|| "not answered".to_owned());
                format!("{label}: {answer}")
            })
            .collect(),
        action: gap.action.clone(),
        thresholds: gap.thresholds.iter().map(|t| threshold_line(set, t)).collect(),
    }
}
