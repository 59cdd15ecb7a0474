use ti_core::model::{AnswerValue, Choice};
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
    ours.merge_from(&theirs);
    assert_eq!(ours.answer("a"), Some(&AnswerValue::Choice(Choice::Yes)), "ours was later");
    assert_eq!(ours.answer("b"), Some(&AnswerValue::Number(400.0)), "theirs was later");
    assert_eq!(ours.answer("c"), Some(&AnswerValue::Text("ours".into())));
    assert_eq!(ours.answer("d"), Some(&AnswerValue::Text("theirs".into())));
    assert!(ours.revision > revision, "the merged revision moves past both");
}
