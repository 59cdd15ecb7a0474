//! Holding the self-assessment against the challenge: the answers an imported result proposes,
//! what accepting part of them writes, and the contradiction rules.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::challenge::feed::{apply, contradictions, latest_for, proposals};
use ti_core::challenge::identity::OwnerClaim;
use ti_core::challenge::kit::Party;
use ti_core::challenge::model::OrganiserRecord;
use ti_core::challenge::views::{ChallengeResult, result};
use ti_core::model::{AnswerValue, Assessment, Choice, Evidence, QuestionSetRef, Respondent, Row, Severity};
use ti_core::time::Date;

use crate::challenge_fixtures::{challenge, ev, kit, now, t, truth, v1_pass};

fn vo_assessment() -> Assessment {
    Assessment::named(
        "a-atlas",
        "ATLAS 2026",
        QuestionSetRef { id: "wlcg-ti-vo".into(), version: "1.0.0".into() },
    )
}

fn date(s: &str) -> AnswerValue {
    match Date::parse(s) {
        Ok(d) => AnswerValue::Date(d),
        Err(e) => panic!("{e}"),
    }
}

/// The day the contradictions are judged on.
fn today() -> Date {
    now().day()
}

fn v3_failed_suspension() -> OrganiserRecord {
    let mut r = v1_pass();
    let c = &mut r.challenge;
    c.variant = "V3".into();
    c.events.retain(|e| e.event != "E12");
    ev(c, "E9", "2026-12-01T19:00:00Z", Party::Vo); // 7 h after the owner was named
    ev(c, "E12", "2026-12-02T09:00:00Z", Party::Organiser); // no E10: the payload kept calling back
    r
}

#[test]
fn a_passed_v1_proposes_these_answers() {
    let res = result(kit(), &v1_pass());
    let got: Vec<(String, AnswerValue)> = proposals(kit(), &res, Respondent::Vo, &vo_assessment())
        .into_iter()
        .map(|p| (p.question, p.value))
        .collect();
    let want: Vec<(&str, AnswerValue)> = vec![
        ("VO-CHL-1.last-date", date("2026-12-01")),
        ("VO-CHL-1.kind", AnswerValue::Option("job".into())),
        ("VO-CHL-1.job-challenge-date", date("2026-12-01")),
        ("VO-CHL-1.open-actions", AnswerValue::Choice(Choice::Yes)),
        ("VO-TRC-1.drill-date", date("2026-12-01")),
        ("VO-TRC-1.outcome", AnswerValue::Option("owner-found".into())),
        ("VO-TRC-1.time-to-owner", AnswerValue::Number(2.0)),
        ("VO-TRC-1.reverse", AnswerValue::Choice(Choice::Yes)),
        ("VO-CON-3.response-hours", AnswerValue::Number(1.0)),
        ("VO-LOG-2.oldest", date("2025-11-20")),
    ];
    assert_eq!(got, want.into_iter().map(|(q, v)| (q.to_owned(), v)).collect::<Vec<_>>());
}

#[test]
fn proposals_follow_the_outcome() {
    // (record, question, expected value or None for "not proposed")
    let failed_owner = || {
        let mut r = v1_pass();
        r.challenge.answer.owner = OwnerClaim { username: "jdoe".into(), ..Default::default() };
        r
    };
    let missed_job = || {
        let mut r = v1_pass();
        r.challenge.answer.jobs.truncate(2);
        r
    };
    let cases: Vec<(&str, OrganiserRecord, &str, Option<AnswerValue>)> = vec![
        ("owner not found", failed_owner(), "VO-TRC-1.outcome", Some(AnswerValue::Option("failed".into()))),
        ("owner not found: no time proposed", failed_owner(), "VO-TRC-1.time-to-owner", None),
        ("owner not found: no retention evidence", failed_owner(), "VO-LOG-2.oldest", None),
        (
            "owner not found: open actions",
            failed_owner(),
            "VO-CHL-1.open-actions",
            Some(AnswerValue::Choice(Choice::No)),
        ),
        ("a job missed", missed_job(), "VO-TRC-1.outcome", Some(AnswerValue::Option("partial".into()))),
        ("a job missed", missed_job(), "VO-TRC-1.reverse", Some(AnswerValue::Choice(Choice::No))),
        (
            "suspension failed",
            v3_failed_suspension(),
            "VO-SUS-1.workload",
            Some(AnswerValue::Choice(Choice::No)),
        ),
        (
            "suspension failed",
            v3_failed_suspension(),
            "VO-TRC-1.time-to-suspend",
            Some(AnswerValue::Number(7.0)),
        ),
        ("V1: no suspension asked", v1_pass(), "VO-SUS-1.workload", None),
    ];
    for (name, r, q, want) in cases {
        let res = result(kit(), &r);
        let got = proposals(kit(), &res, Respondent::Vo, &vo_assessment())
            .into_iter()
            .find(|p| p.question == q)
            .map(|p| p.value);
        assert_eq!(got, want, "{name}: {q}");
    }
}

#[test]
fn a_site_gets_site_proposals_only_when_it_took_part() {
    let mut c = challenge("V2", Party::Site);
    ev(&mut c, "E2", "2026-12-01T08:00:00Z", Party::Organiser);
    ev(&mut c, "E3", "2026-12-01T08:30:00Z", Party::Site);
    ev(&mut c, "E5", "2026-12-01T10:00:00Z", Party::Site);
    let res = result(kit(), &OrganiserRecord { challenge: c, truth: Some(truth()) });
    let site = Assessment::named(
        "s-cern",
        "CERN-PROD",
        QuestionSetRef { id: "wlcg-ti-site".into(), version: "1.0.0".into() },
    );
    let got: Vec<String> =
        proposals(kit(), &res, Respondent::Site, &site).into_iter().map(|p| p.question).collect();
    assert_eq!(
        got,
        [
            "SITE-CHL-1.last-date",
            "SITE-CHL-1.which",
            "SITE-CHL-1.open-findings",
            "SITE-CON-2.confirmed",
            "SITE-IR-1.request-hours"
        ]
    );
    let v1 = result(kit(), &v1_pass());
    assert!(proposals(kit(), &v1, Respondent::Site, &site).is_empty());
}

#[test]
fn accepting_part_writes_only_that_part_with_evidence() {
    let res = result(kit(), &v1_pass());
    let mut a = vo_assessment();
    a.set_answer("VO-TRC-1.time-to-owner", Some(AnswerValue::Number(1.0)), t("2026-06-01T10:00:00Z"));
    a.set_evidence(
        "VO-TRC-1.time-to-owner",
        Evidence { text: "Drill of June 2026.".into(), url: "https://wiki.example.org/drill".into() },
    );
    let props = proposals(kit(), &res, Respondent::Vo, &a);
    let p = props.iter().find(|p| p.question == "VO-TRC-1.time-to-owner");
    assert_eq!(
        p.and_then(|p| p.current.clone()),
        Some(AnswerValue::Number(1.0)),
        "the current answer is shown beside"
    );
    let accepted: Vec<_> = props
        .iter()
        .filter(|p| ["VO-TRC-1.time-to-owner", "VO-CHL-1.kind"].contains(&p.question.as_str()))
        .cloned()
        .collect();
    let before = a.answers.len();
    apply(&mut a, &accepted, now());
    assert_eq!(a.answers.len(), before + 1);
    assert_eq!(a.answer("VO-TRC-1.time-to-owner"), Some(&AnswerValue::Number(2.0)));
    assert_eq!(a.answer("VO-CHL-1.kind"), Some(&AnswerValue::Option("job".into())));
    assert_eq!(a.answer("VO-CHL-1.last-date"), None, "not accepted, not written");
    let ev = a.evidence.get("VO-TRC-1.time-to-owner").cloned().unwrap_or_default();
    assert!(ev.text.starts_with("Drill of June 2026.\n"), "{}", ev.text);
    assert!(
        ev.text.contains("Challenge atlas-20261201-01_EXERCISE: the owner was named 2 hours after"),
        "{}",
        ev.text
    );
    assert_eq!(ev.url, "https://wiki.example.org/drill");
    // Accepting twice does not repeat the evidence.
    apply(&mut a, &accepted, now());
    let ev2 = a.evidence.get("VO-TRC-1.time-to-owner").cloned().unwrap_or_default();
    assert_eq!(ev.text, ev2.text);
}

fn answered(pairs: &[(&str, AnswerValue)]) -> Assessment {
    let mut a = vo_assessment();
    for (q, v) in pairs {
        a.set_answer(q, Some(v.clone()), t("2026-06-01T10:00:00Z"));
    }
    a
}

#[test]
fn contradiction_table() {
    let yes = || AnswerValue::Choice(Choice::Yes);
    let failed_owner = || {
        let mut r = v1_pass();
        r.challenge.answer.owner = OwnerClaim { username: "jdoe".into(), ..Default::default() };
        result(kit(), &r)
    };
    let slow_owner = || {
        let mut r = v1_pass();
        let c = &mut r.challenge;
        c.events.retain(|e| !matches!(e.event.as_str(), "E7" | "E8" | "E12"));
        ev(c, "E7", "2026-12-02T10:00:00Z", Party::Vo);
        ev(c, "E12", "2026-12-02T11:00:00Z", Party::Organiser);
        result(kit(), &r)
    };
    let old = || {
        let mut r = v1_pass();
        r.challenge.answer.owner = OwnerClaim::default();
        result(kit(), &r)
    };
    let store = |days: f64| {
        let mut row = Row::new();
        row.insert("store".into(), AnswerValue::Option("job-db".into()));
        row.insert("days".into(), AnswerValue::Number(days));
        AnswerValue::Rows(vec![row])
    };
    // (name, result, assessment, expected rule IDs)
    let cases: Vec<(&str, ChallengeResult, Assessment, Vec<&str>)> = vec![
        ("empty assessment: nothing to contradict", failed_owner(), vo_assessment(), vec![]),
        (
            "claims the drill found the owner",
            failed_owner(),
            answered(&[("VO-TRC-1.outcome", AnswerValue::Option("owner-found".into()))]),
            vec!["chl-vo-owner-not-found"],
        ),
        (
            "admits the drill failed: no contradiction",
            failed_owner(),
            answered(&[("VO-TRC-1.outcome", AnswerValue::Option("failed".into()))]),
            vec![],
        ),
        (
            "claims 3 h to owner, challenge took 8 working hours",
            slow_owner(),
            answered(&[("VO-TRC-1.time-to-owner", AnswerValue::Number(3.0))]),
            vec!["chl-vo-owner-slow"],
        ),
        (
            "claims 10 h to owner: consistent with a slow challenge",
            slow_owner(),
            answered(&[("VO-TRC-1.time-to-owner", AnswerValue::Number(10.0))]),
            vec![],
        ),
        (
            "claims suspension works, payload kept calling back",
            result(kit(), &v3_failed_suspension()),
            answered(&[("VO-SUS-1.workload", yes()), ("VO-TRC-1.time-to-suspend", AnswerValue::Number(2.0))]),
            vec!["chl-vo-suspension-ineffective", "chl-vo-suspension-slow"],
        ),
        (
            "claims suspension works, passed V1 (no suspension tested)",
            result(kit(), &v1_pass()),
            answered(&[("VO-SUS-1.workload", yes())]),
            vec![],
        ),
        (
            "claims it lists all jobs, the list missed some",
            {
                let mut r = v1_pass();
                r.challenge.answer.jobs.truncate(1);
                result(kit(), &r)
            },
            answered(&[("VO-TRC-1.reverse", yes())]),
            vec!["chl-vo-jobs-incomplete"],
        ),
        (
            "claims 120-day retention, a 376-day payload was not traced",
            old(),
            answered(&[("VO-LOG-2.stores", store(120.0))]),
            vec!["chl-vo-retention"],
        ),
        (
            "claims 30-day retention only: consistent",
            old(),
            answered(&[("VO-LOG-2.stores", store(30.0))]),
            vec![],
        ),
        (
            "claims all actions closed, actions open",
            old(),
            answered(&[("VO-CHL-1.open-actions", yes())]),
            vec!["chl-vo-actions-open"],
        ),
        (
            "claims 2 working hours response, the VO took 13",
            {
                let mut r = v1_pass();
                let c = &mut r.challenge;
                c.events.clear();
                ev(c, "E2", "2026-11-27T09:00:00Z", Party::Organiser);
                ev(c, "E3", "2026-11-30T14:00:00Z", Party::Vo);
                result(kit(), &r)
            },
            answered(&[("VO-CON-3.response-hours", AnswerValue::Number(2.0))]),
            vec!["chl-vo-response-slow"],
        ),
        (
            "a passed challenge contradicts nothing",
            result(kit(), &v1_pass()),
            answered(&[
                ("VO-TRC-1.outcome", AnswerValue::Option("owner-found".into())),
                ("VO-TRC-1.time-to-owner", AnswerValue::Number(3.0)),
                ("VO-TRC-1.reverse", yes()),
                ("VO-CON-3.response-hours", AnswerValue::Number(2.0)),
                ("VO-CHL-1.open-actions", yes()),
            ]),
            vec![],
        ),
    ];
    for (name, res, a, want) in cases {
        let got: Vec<String> = contradictions(kit(), &res, crate::support::vo(), &a, today())
            .into_iter()
            .map(|c| c.rule)
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn a_contradiction_names_the_challenge_and_its_figures() {
    let mut r = v1_pass();
    let c = &mut r.challenge;
    c.events.retain(|e| !matches!(e.event.as_str(), "E7" | "E8" | "E12"));
    ev(c, "E7", "2026-12-02T10:00:00Z", Party::Vo);
    ev(c, "E12", "2026-12-02T11:00:00Z", Party::Organiser);
    let res = result(kit(), &r);
    let a = answered(&[("VO-TRC-1.time-to-owner", AnswerValue::Number(3.0))]);
    let found = contradictions(kit(), &res, crate::support::vo(), &a, today());
    let Some(c) = found.first() else { panic!("no contradiction") };
    assert_eq!(c.severity, Severity::High);
    assert_eq!(c.recommendation, "VO-TRC-1");
    assert_eq!(c.challenge, "atlas-20261201-01_EXERCISE");
    assert_eq!(c.questions, ["VO-TRC-1.time-to-owner"]);
    assert_eq!(
        c.message,
        "The self-assessment says the owner is found within a working day (8 hours, T23), but in challenge atlas-20261201-01_EXERCISE (2026-12-01) naming the owner took 24 hours (8 working hours), or did not happen."
    );
}

#[test]
fn the_latest_challenge_of_a_vo_counts() {
    let mut older = result(kit(), &v1_pass());
    older.id = "atlas-20250601-01_EXERCISE".into();
    older.date = match Date::parse("2025-06-01") {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let newer = result(kit(), &v1_pass());
    let mut other = result(kit(), &v1_pass());
    other.vo = "cms".into();
    other.id = "cms-20270101-01_EXERCISE".into();
    let all = vec![older, newer.clone(), other];
    assert_eq!(latest_for(&all, "ATLAS").map(|r| r.id.as_str()), Some(newer.id.as_str()));
    assert_eq!(latest_for(&all, "lhcb"), None);
}

#[test]
fn the_latest_challenge_concerning_the_respondent_is_held_against_it() {
    let mut older_fail = v1_pass();
    older_fail.challenge.answer.owner = OwnerClaim { username: "jdoe".into(), ..Default::default() };
    let mut older = result(kit(), &older_fail);
    older.id = "atlas-20250601-01_EXERCISE".into();
    older.date = Date::parse("2025-06-01").unwrap();
    let newer_fail = result(kit(), &older_fail);
    let passed = result(kit(), &v1_pass());
    let claim = |name: &str| {
        let mut a = answered(&[("VO-TRC-1.outcome", AnswerValue::Option("owner-found".into()))]);
        a.set_answer("profile.vo-name", Some(AnswerValue::Text(name.into())), t("2026-06-01T10:00:00Z"));
        a
    };
    let rules = |results: Vec<ChallengeResult>, a: &Assessment| -> Vec<String> {
        ti_core::challenge::feed::contradictions_with_latest(
            kit(),
            &results,
            crate::support::vo(),
            a,
            today(),
        )
        .into_iter()
        .map(|c| c.rule)
        .collect()
    };
    // (results, VO name answered, contradictions)
    let cases: Vec<(Vec<ChallengeResult>, &str, Vec<&str>)> = vec![
        (vec![older.clone(), newer_fail.clone()], "ATLAS", vec!["chl-vo-owner-not-found"]),
        (vec![older.clone(), passed.clone()], " atlas ", vec![]),
        (vec![newer_fail.clone()], "CMS", vec![]),
        (vec![newer_fail.clone()], "", vec![]),
    ];
    for (results, name, want) in cases {
        assert_eq!(rules(results, &claim(name)), want, "{name:?}");
    }
}

/// The import's outcome as the tools module sends it to the results view: through its message,
/// the same proposals as `proposals`, the proposed answers with their evidence, the assessment
/// itself unchanged, and the warning when the challenge is not this respondent's.
#[test]
fn the_import_outcome_survives_its_message_and_warns_when_it_is_not_this_vo() {
    use ti_core::catalog;
    use ti_core::challenge::feed::import_outcome;
    use ti_core::persist::{decode_import_outcome, encode_import_outcome};
    let Ok(set) = catalog::builtin_vo() else { panic!("the VO set") };
    let res = result(kit(), &v1_pass());
    // (the VO's name as answered, the warning expected)
    let rows: [(Option<&str>, &str); 4] = [
        (Some("atlas"), ""),
        (Some("  ATLAS "), ""),
        (
            Some("Ελληνική ΕΟ «δοκιμή»"),
            " Note: the challenge is for atlas (site CERN-PROD), and this assessment is for Ελληνική ΕΟ «δοκιμή».",
        ),
        (
            None,
            " Note: this assessment does not name its VO or site yet, so the challenge cannot be held against it.",
        ),
    ];
    let Some(name_q) = set.report.name_question.as_deref() else { panic!("the VO set names its VO") };
    for (name, warning) in rows {
        let mut a = vo_assessment();
        if let Some(n) = name {
            a.set_answer(name_q, Some(AnswerValue::Text(n.into())), t("2026-11-30T08:00:00Z"));
        }
        let before = a.clone();
        let o = import_outcome(kit(), &res, set, &a, now());
        assert_eq!(a, before, "the assessment itself is not changed");
        let back = match decode_import_outcome(&encode_import_outcome(&o)) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(back, o, "the message carries the outcome whole");
        assert_eq!(back.warning, warning, "{name:?}");
        assert_eq!(back.challenge, "atlas-20261201-01_EXERCISE");
        let want: Vec<String> =
            proposals(kit(), &res, Respondent::Vo, &a).into_iter().map(|p| p.question).collect();
        let got: Vec<String> = back.proposals.iter().map(|(q, _)| q.clone()).collect();
        assert_eq!(got, want);
        assert_eq!(back.proposed.answer("VO-TRC-1.time-to-owner"), Some(&AnswerValue::Number(2.0)));
        let (_, evidence) =
            &back.proposals[got.iter().position(|q| q == "VO-TRC-1.time-to-owner").unwrap_or(0)];
        assert!(evidence.contains("the owner was named 2 hours after"), "{evidence}");
    }
    // Another format, or a newer schema, is refused.
    assert!(decode_import_outcome(r#"{"format":"ti-assess.contradictions","schema":1}"#).is_err());
    assert!(decode_import_outcome(r#"{"format":"ti-assess.challenge-import","schema":9}"#).is_err());
}
