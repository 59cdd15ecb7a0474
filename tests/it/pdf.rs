use std::io::Write;
use std::process::{Command, Stdio};

use ti_assess::model::{AnswerValue, Choice, QuestionSet};
use ti_assess::report::report_day;
use ti_assess::rules::evaluate;
use ti_assess::{pdf, report};

use crate::support::{answer_all, site, vo};

/// Extracts the text with poppler's `pdftotext`, as a reader of the report would see it.
fn pdftotext(bytes: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (Debian poppler-utils) must be installed: run scripts/setup.sh");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every question answered, and every choice answered "no" so that rules fire.
fn with_gaps(set: &QuestionSet) -> ti_assess::model::Assessment {
    let mut a = answer_all(set);
    let now = a.last_change().unwrap();
    for q in set.questions.iter().filter(|q| q.kind == ti_assess::model::AnswerKind::Choice) {
        a.set_answer(&q.id, Some(AnswerValue::Choice(Choice::No)), now);
    }
    a
}

#[test]
fn pdf_holds_every_question_and_every_gap_in_severity_order() {
    for set in [vo(), site()] {
        let a = with_gaps(set);
        let gaps = evaluate(set, &a, report_day(&a));
        assert!(!gaps.is_empty(), "{}: the scenario raises gaps", set.id);
        let bytes = pdf::render(&report::build(set, &a)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = flat(&pdftotext(&bytes));
        for q in &set.questions {
            let head: String = q.label.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&head), "{}: question missing from PDF: {head}", set.id);
        }
        let mut last = 0;
        for g in &gaps {
            let title = format!("{} {}", g.recommendation, g.recommendation_title);
            let head: String = title.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            let at = text[last..].find(&head).map(|i| i + last);
            assert!(at.is_some(), "{}: gap {} missing or out of order", set.id, g.rule);
            last = at.unwrap_or(last);
        }
        assert!(text.contains("page 1 of"), "page footer");
    }
}

#[test]
fn same_assessment_gives_the_same_bytes() {
    let r = report::build(vo(), &with_gaps(vo()));
    assert_eq!(pdf::render(&r).unwrap(), pdf::render(&r).unwrap());
}

#[test]
fn long_unbroken_text_is_wrapped_and_pages_break() {
    let mut a = answer_all(vo());
    let q = vo().questions.iter().find(|q| q.kind == ti_assess::model::AnswerKind::Text).unwrap();
    let mut many = "x".repeat(400);
    for i in 0..400 {
        many.push_str(&format!(" word{i}"));
    }
    a.set_answer(&q.id, Some(AnswerValue::Text(many)), a.last_change().unwrap());
    let bytes = pdf::render(&report::build(vo(), &a)).unwrap();
    let text = pdftotext(&bytes);
    assert!(text.contains("word399"), "the end of a long answer is printed");
    assert!(text.lines().all(|l| l.chars().count() < 200), "no line runs off the page");
    assert!(text.contains("page 2 of"), "a long report breaks pages");
}
