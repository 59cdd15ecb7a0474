//! CSV exports for spreadsheets: one row per question (answers) or per gap.
//!
//! Invariants: RFC 4180 quoting (every field quoted, quotes doubled, CRLF line ends), and no
//! cell starts with `=`, `+`, `-`, `@`, tab or CR, so that a spreadsheet never runs an answer as
//! a formula (a leading `'` is added; the text is otherwise unchanged).

use crate::model::{Assessment, QuestionSet};
use crate::rules::{evaluate, visible_questions};
use crate::time::Date;
use crate::wording::{answer_text, threshold_line};

fn cell(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// One CSV record of guarded, quoted cells with its CRLF (shared by every CSV this app writes).
pub fn line(fields: &[&str]) -> String {
    let mut out = fields.iter().map(|f| cell(f)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// Every shown question with its answer, evidence and time, in display order.
pub fn answers(set: &QuestionSet, a: &Assessment, today: Date) -> String {
    let visible = visible_questions(set, a, today);
    let mut out = line(&[
        "section",
        "question_id",
        "recommendation",
        "question",
        "answer",
        "evidence",
        "link",
        "given_at",
    ]);
    for q in set.questions.iter().filter(|q| visible.contains(q.id.as_str())) {
        let section = set.sections.iter().find(|s| s.id == q.section).map(|s| s.title.as_str()).unwrap_or("");
        let answer = answer_text(set, a, &q.id).unwrap_or_default();
        let evidence = a.evidence.get(&q.id).cloned().unwrap_or_default();
        let given = a.answers.get(&q.id).map(|x| x.given_at.to_string()).unwrap_or_default();
        out.push_str(&line(&[
            section,
            &q.id,
            &q.recommendation,
            &q.label,
            &answer,
            &evidence.text,
            &evidence.url,
            &given,
        ]));
    }
    out
}

/// Every gap, most severe first.
pub fn gaps(set: &QuestionSet, a: &Assessment, today: Date) -> String {
    let mut out = line(&[
        "severity",
        "recommendation",
        "title",
        "rule",
        "message",
        "what_to_do",
        "questions",
        "thresholds",
    ]);
    for g in evaluate(set, a, today) {
        let thresholds: Vec<String> = g.thresholds.iter().map(|t| threshold_line(set, t)).collect();
        let severity = if g.because_unknown {
            format!("{} (answer unknown)", g.severity.label())
        } else {
            g.severity.label().to_owned()
        };
        out.push_str(&line(&[
            &severity,
            &g.recommendation,
            &g.recommendation_title,
            &g.rule,
            &g.message,
            &g.action,
            &g.questions.join(" "),
            &thresholds.join("; "),
        ]));
    }
    out
}
