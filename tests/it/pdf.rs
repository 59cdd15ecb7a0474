use std::io::Write;
use std::process::{Command, Stdio};

use ti_assess::{pdf, report};

use crate::support::{assessment, vo};

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

fn full() -> ti_assess::model::Assessment {
    assessment(&[
        ("VO-CON-1.email", "t:vo-security@example.org"),
        ("VO-IR-1.procedure", "c:yes"),
        ("VO-LOG-1.mapping", "c:partial"),
        ("VO-LOG-2.retention-days", "n:30"),
    ])
}

#[test]
fn pdf_is_a_pdf_with_every_question_and_the_gap() {
    let bytes = pdf::render(&report::build(vo(), &full())).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext(&bytes);
    // Whitespace is collapsed because wrapped labels may break across lines.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for q in &vo().questions {
        let head: String = q.label.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&head), "question missing from PDF: {head}");
    }
    for wanted in [
        "[HIGH] VO-LOG-2 Retention of VO central logs",
        "Answered: Central log retention: 30 days",
        "T6: 180 days (unverified;",
        "vo-security@example.org",
        "Answered: 4 of 4 questions",
        "Last answer given: 2026-11-26",
        "page 1 of",
    ] {
        assert!(flat.contains(wanted), "missing {wanted:?} in:\n{text}");
    }
}

#[test]
fn same_assessment_gives_the_same_bytes() {
    let r = report::build(vo(), &full());
    assert_eq!(pdf::render(&r).unwrap(), pdf::render(&r).unwrap());
}

#[test]
fn long_unbroken_text_is_wrapped_and_pages_break() {
    let long_word = "x".repeat(400);
    let mut a = full();
    let mut many = String::new();
    for i in 0..400 {
        many.push_str(&format!("word{i} "));
    }
    a.set_answer(
        "VO-CON-1.email",
        Some(ti_assess::model::AnswerValue::Text(format!("{long_word} {many}"))),
        a.last_change().unwrap(),
    );
    let bytes = pdf::render(&report::build(vo(), &a)).unwrap();
    let text = pdftotext(&bytes);
    assert!(text.contains("word399"), "the end of a long answer is printed");
    assert!(text.lines().all(|l| l.chars().count() < 200), "no line runs off the page");
}
