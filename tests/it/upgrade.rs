//! Question-set upgrades (quality.md R-05): answers saved with version 1 of a set, opened with
//! version 2 that removed three questions and renamed two. Nothing is lost: every answer is either
//! under a current question or listed as an orphan, and the report prints the orphans.

use ti_core::model::QuestionSet;
use ti_core::{report, upgrade};

use crate::support::{SYNTHETIC_SET_HEADER, load_toml, unchecked};

const COMMON: &str = r#"
[[source]]
id = "S-1"
title = "s"
location = "l"
[[recommendation]]
id = "R-1"
title = "r"
requirement = "r"
why = "w"
severity = "high"
[[section]]
id = "s"
title = "S"
"#;

/// A text question, optionally with earlier IDs.
fn question(id: &str, formerly: &[&str]) -> String {
    let formerly = formerly.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
    format!(
        "[[question]]\nid = \"{id}\"\nsection = \"s\"\nrecommendation = \"R-1\"\nlabel = \"{id}\"\ntype = \"text\"\nformerly = [{formerly}]\n"
    )
}

fn set(version: &str, questions: &[(&str, &[&str])]) -> QuestionSet {
    let header = SYNTHETIC_SET_HEADER.replace("version = \"1.0.0\"", &format!("version = \"{version}\""));
    let body: String = questions.iter().map(|(id, f)| question(id, f)).collect();
    load_toml("questions/t.toml", &format!("{header}{COMMON}{body}")).unwrap()
}

fn v1() -> QuestionSet {
    set(
        "1.0.0",
        &[("q.a", &[]), ("q.b", &[]), ("q.c", &[]), ("q.d", &[]), ("q.e", &[]), ("q.f", &[]), ("q.g", &[])],
    )
}

/// Removes q.c, q.d, q.e; renames q.f → q.f2 and q.g → q.g2; adds q.h.
fn v2() -> QuestionSet {
    set("2.0.0", &[("q.a", &[]), ("q.b", &[]), ("q.f2", &["q.f"]), ("q.g2", &["q.g"]), ("q.h", &[])])
}

#[test]
fn every_answer_survives_an_upgrade_as_a_current_answer_or_an_orphan() {
    let old = v1();
    let answers: Vec<(&str, &str)> = old.questions.iter().map(|q| (q.id.as_str(), "t:x")).collect();
    let mut a = unchecked(&answers);
    let before = a.answers.len();
    let new = v2();
    let done = upgrade::upgrade(&new, &mut a).expect("an older version is upgraded");
    assert_eq!((done.from.as_str(), done.to.as_str()), ("1.0.0", "2.0.0"));
    assert_eq!(
        done.renamed,
        vec![("q.f".to_owned(), "q.f2".to_owned()), ("q.g".to_owned(), "q.g2".to_owned())]
    );
    let current = a.answers.keys().filter(|k| new.question(k).is_some()).count();
    let orphans = upgrade::orphans(&new, &a);
    assert_eq!(orphans, ["q.c", "q.d", "q.e"]);
    assert_eq!(before, current + orphans.len(), "0 answers lost");
    assert_eq!(a.question_set.version, "2.0.0");
    // Idempotent: a second upgrade finds nothing to do.
    assert_eq!(upgrade::upgrade(&new, &mut a), None);
    // The report prints every orphan with its answer.
    let printed = report::build(&new, &a).orphans;
    assert_eq!(printed.rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["q.c", "q.d", "q.e"]);
    assert!(printed.rows.iter().all(|r| r[1] == "x"));
}

#[test]
fn an_answer_under_the_new_id_wins_and_the_earlier_one_stays_an_orphan() {
    let mut a = unchecked(&[("q.f", "t:old"), ("q.f2", "t:new")]);
    let new = v2();
    upgrade::upgrade(&new, &mut a);
    assert_eq!(a.answers["q.f2"].value.display(), "new");
    assert_eq!(upgrade::orphans(&new, &a), ["q.f"]);
}

#[test]
fn a_question_set_may_not_reuse_a_current_id_as_an_earlier_one() {
    let header = SYNTHETIC_SET_HEADER.to_owned();
    let body = format!("{COMMON}{}{}", question("q.a", &[]), question("q.b", &["q.a"]));
    let err = load_toml("questions/t.toml", &format!("{header}{body}")).unwrap_err();
    assert!(err.to_string().contains("`formerly` names `q.a`"), "{err}");
}
