use ti_core::model::{AnswerValue, Choice, Evidence};
use ti_core::time::Timestamp;

use crate::support::unchecked;

#[test]
fn two_tabs_merge_answer_by_answer_and_lose_nothing() {
    let mut ours = unchecked(&[("a", "c:yes"), ("b", "n:30")]);
    let mut theirs = ours.clone();
    let later = Timestamp::parse("2026-11-26T11:00:00Z").unwrap();
    let earlier = Timestamp::parse("2026-11-26T09:00:00Z").unwrap();
    // Each tab answers a different question; both change `b`, theirs later.
    ours.set_answer("c", Some(AnswerValue::Text("ours".into())), later);
    theirs.set_answer("d", Some(AnswerValue::Text("theirs".into())), later);
    theirs.set_answer("b", Some(AnswerValue::Number(400.0)), later);
    theirs.set_answer("a", Some(AnswerValue::Choice(Choice::No)), earlier);
    let revision = ours.revision.max(theirs.revision);
    let changed = ours.merge_from(&theirs);
    assert_eq!(ours.answer("a"), Some(&AnswerValue::Choice(Choice::Yes)), "ours was later");
    assert_eq!(ours.answer("b"), Some(&AnswerValue::Number(400.0)), "theirs was later");
    assert_eq!(ours.answer("c"), Some(&AnswerValue::Text("ours".into())));
    assert_eq!(ours.answer("d"), Some(&AnswerValue::Text("theirs".into())));
    assert!(ours.revision > revision, "the merged revision moves past both");
    // The page refreshes the fields of exactly these questions: `b` and `d` changed here; `a`
    // (ours later) and `c` (only ours) did not.
    assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["b", "d"]);
}

/// Which questions a merge reports as changed, so that the page refreshes exactly those fields
/// (a stale field is one that was not told). Each row: our answers, theirs, the changed IDs.
#[test]
fn a_merge_names_the_questions_whose_shown_value_changed() {
    let at = |h: u8| Timestamp::parse(&format!("2026-11-26T{h:02}:00:00Z")).unwrap();
    // (question, value, hour given) for ours and theirs, and what the merge must report.
    type Side = &'static [(&'static str, &'static str, u8)];
    let cases: &[(&str, Side, Side, &[&str])] = &[
        (
            "same value given later elsewhere is no change",
            &[("a", "t:Дубна", 9)],
            &[("a", "t:Дубна", 10)],
            &[],
        ),
        ("a later other value is a change", &[("a", "t:Дубна", 9)], &[("a", "t:北京", 10)], &["a"]),
        ("an earlier other value is kept out", &[("a", "t:Дубна", 10)], &[("a", "t:北京", 9)], &[]),
        ("an answer only they have is a change", &[], &[("n", "n:400", 9)], &["n"]),
        (
            "a date and a group row",
            &[("d", "d:2026-01-31", 9), ("g", "r:days=30", 9)],
            &[("d", "d:2026-02-28", 11), ("g", "r:days=400", 11)],
            &["d", "g"],
        ),
        ("a tie keeps ours", &[("a", "t:ours", 9)], &[("a", "t:theirs", 9)], &[]),
    ];
    for (name, ours_spec, theirs_spec, want) in cases {
        let build = |side: Side| {
            let mut a = unchecked(&[]);
            for (q, v, h) in side {
                a.set_answer(q, Some(crate::support::value(v)), at(*h));
            }
            a
        };
        let mut ours = build(ours_spec);
        let theirs = build(theirs_spec);
        let changed: Vec<String> = ours.merge_from(&theirs).into_iter().collect();
        assert_eq!(changed, *want, "{name}");
    }
}

#[test]
fn evidence_they_add_is_reported_and_ours_is_kept() {
    let mut ours = unchecked(&[]);
    let mut theirs = ours.clone();
    ours.set_evidence("a", Evidence { text: "наш журнал".into(), url: String::new() });
    theirs.set_evidence("a", Evidence { text: "their log".into(), url: String::new() });
    theirs.set_evidence("b", Evidence { text: "Λογαριασμός".into(), url: String::new() });
    let changed: Vec<String> = ours.merge_from(&theirs).into_iter().collect();
    assert_eq!(changed, ["b"]);
    assert_eq!(ours.evidence["a"].text, "наш журнал");
}
