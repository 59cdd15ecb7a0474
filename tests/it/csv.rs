use ti_core::csv;
use ti_core::rules::evaluate;

use crate::support::{build, today, vo};

/// Splits RFC 4180 text into records of fields (enough for these tests: every field quoted).
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn answers_csv_has_one_row_per_shown_question_and_survives_hostile_text() {
    let hostile = "=HYPERLINK(\"x\"), \"quoted\"\nnext line";
    let a = build(
        vo(),
        &[("VO-CON-1.email", "t:vo-security@example.org"), ("VO-IR-1.location", &format!("t:{hostile}"))],
    );
    let rows = parse(&csv::answers(vo(), &a, today()));
    let visible = ti_core::rules::visible_questions(vo(), &a, today()).len();
    assert_eq!(rows.len(), visible + 1, "a header and one row per shown question");
    assert_eq!(rows[0][0], "section");
    let row = rows.iter().find(|r| r[1] == "VO-IR-1.location").unwrap();
    assert_eq!(row[4], format!("'{hostile}"), "formula guarded, quotes and newline kept");
    assert!(rows.iter().all(|r| r.len() == 8), "every row has every column");
}

#[test]
fn gaps_csv_lists_the_gaps_in_order() {
    let a = build(vo(), &[("VO-LOG-2.stores", "r:store=pilot-db,days=30,archived=no")]);
    let rows = parse(&csv::gaps(vo(), &a, today()));
    let gaps = evaluate(vo(), &a, today());
    assert_eq!(rows.len(), gaps.len() + 1);
    for (row, gap) in rows[1..].iter().zip(&gaps) {
        assert_eq!((row[1].as_str(), row[3].as_str()), (gap.recommendation.as_str(), gap.rule.as_str()));
    }
    assert!(rows.iter().any(|r| r[7].contains("T7: 90 days (sourced")), "thresholds with their status");
}
