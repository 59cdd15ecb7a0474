//! Recommendation status and section scores (`status`), on the shipped sets and on a small
//! synthetic set: each status arises from the answers that should give it, and the results
//! agree with `rules::evaluate` and `rules::visible_questions` (same gaps, same questions).

use ti_core::model::Severity::{Critical, High, Low, Medium};
use ti_core::model::{Assessment, QuestionSet, QuestionSetRef, Severity};
use ti_core::rules::{Gap, evaluate, visible_questions};
use ti_core::status::{
    RecommendationStatus, SectionScore, Status, overall, recommendation_statuses, results, section_scores,
};
use ti_core::time::Timestamp;

use crate::support::{SYNTHETIC_SET_HEADER, answer_all, build, load_toml, site, today, value, vo};

/// A change to an assessment: question ID and answer spec (`support::value`), `None` to clear.
type Change = (&'static str, Option<&'static str>);

/// A named case: changes to a base assessment, a recommendation, its expected status.
struct Case {
    name: &'static str,
    changes: &'static [Change],
    recommendation: &'static str,
    expect: Status,
}

fn empty(set: &QuestionSet) -> Assessment {
    Assessment::new(QuestionSetRef { id: set.id.clone(), version: set.version.clone() })
}

fn changed(mut a: Assessment, changes: &[Change]) -> Assessment {
    let now = Timestamp::parse("2026-11-26T11:00:00Z").unwrap();
    for (q, spec) in changes {
        a.set_answer(q, spec.map(value), now);
    }
    a
}

fn status_of(set: &QuestionSet, a: &Assessment, recommendation: &str) -> RecommendationStatus {
    recommendation_statuses(set, a, today())
        .into_iter()
        .find(|r| r.id == recommendation)
        .unwrap_or_else(|| panic!("no recommendation {recommendation}"))
}

fn check(set: &QuestionSet, base: impl Fn() -> Assessment, cases: &[Case]) {
    for case in cases {
        let a = changed(base(), case.changes);
        let got = status_of(set, &a, case.recommendation);
        assert_eq!(got.status, case.expect, "{}: {} is {:?}", case.name, case.recommendation, got);
    }
}

/// An empty VO assessment: most recommendations wait for answers; those with a `missing` rule
/// already show their gap.
const EMPTY_VO: &[Case] = &[
    Case { name: "no contact", changes: &[], recommendation: "VO-CON-1", expect: Status::Gap(Critical) },
    Case { name: "never confirmed", changes: &[], recommendation: "VO-CON-2", expect: Status::Gap(High) },
    Case { name: "no drill", changes: &[], recommendation: "VO-TRC-1", expect: Status::Gap(Critical) },
    Case { name: "no challenge", changes: &[], recommendation: "VO-CHL-1", expect: Status::Gap(Medium) },
    Case { name: "no self-assessment", changes: &[], recommendation: "VO-CHL-2", expect: Status::Gap(Low) },
    Case { name: "procedure", changes: &[], recommendation: "VO-IR-1", expect: Status::Unanswered },
    Case { name: "retention", changes: &[], recommendation: "VO-LOG-2", expect: Status::Unanswered },
    Case { name: "tokens", changes: &[], recommendation: "VO-TOK-1", expect: Status::Unanswered },
    Case { name: "common", changes: &[], recommendation: "ALL-TIME-1", expect: Status::Unanswered },
];

#[test]
fn an_empty_vo_assessment_is_mostly_unanswered() {
    check(vo(), || empty(vo()), EMPTY_VO);
    let statuses = recommendation_statuses(vo(), &empty(vo()), today());
    let unanswered = statuses.iter().filter(|r| r.status == Status::Unanswered).count();
    assert!(unanswered * 2 > statuses.len(), "{unanswered} of {} unanswered", statuses.len());
    assert!(statuses.iter().all(|r| r.status != Status::Met), "nothing is met before any answer");
    let ids: Vec<&str> = statuses.iter().map(|r| r.id.as_str()).collect();
    let order: Vec<&str> = vo().recommendations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, order, "statuses come in the set's recommendation order");
}

#[test]
fn framework_questions_show_only_for_their_framework() {
    // The shipped sets give every recommendation at least one question that always shows, so a
    // hidden framework question removes an answer line rather than the whole recommendation.
    let labels = |a: &Assessment| -> Vec<String> {
        status_of(vo(), a, "VO-LOG-2").answers.into_iter().map(|(label, _)| label).collect()
    };
    let dirac = vo().question("VO-LOG-2.dirac-defaults").unwrap().label.clone();
    assert!(!labels(&empty(vo())).contains(&dirac));
    let with_dirac = build(vo(), &[("profile.frameworks", "m:dirac")]);
    assert!(labels(&with_dirac).contains(&dirac));
    let answers = status_of(vo(), &with_dirac, "VO-LOG-2").answers;
    assert!(answers.iter().all(|(_, text)| text == "Not answered"), "{answers:?}");
}

#[test]
fn every_answer_given_leaves_nothing_unanswered() {
    for set in [vo(), site()] {
        let a = answer_all(set);
        for r in recommendation_statuses(set, &a, today()) {
            assert_ne!(r.status, Status::Unanswered, "{}: {}", set.id, r.id);
            assert!(r.answers.iter().all(|(_, text)| text != "Not answered"), "{}: {:?}", r.id, r.answers);
            // Every status is backed by the gaps attached to it.
            assert_eq!(r.status.needs_action(), !r.gaps.is_empty(), "{}: {:?}", r.id, r.status);
        }
    }
}

/// Single changes to `answer_all(vo())` and the status they give one recommendation.
const CHANGES_VO: &[Case] = &[
    Case { name: "all yes", changes: &[], recommendation: "VO-CON-1", expect: Status::Met },
    Case { name: "all yes", changes: &[], recommendation: "VO-IR-1", expect: Status::Met },
    Case {
        name: "not registered",
        changes: &[("VO-CON-1.registered", Some("c:no"))],
        recommendation: "VO-CON-1",
        expect: Status::Gap(Critical),
    },
    Case {
        name: "no backup",
        changes: &[("VO-CON-1.backup", Some("c:no"))],
        recommendation: "VO-CON-1",
        expect: Status::Gap(High),
    },
    Case {
        name: "backup unknown",
        changes: &[("VO-CON-1.backup", Some("c:unknown"))],
        recommendation: "VO-CON-1",
        expect: Status::Unknown,
    },
    Case {
        name: "a known gap outranks a worse one from don't know",
        changes: &[("VO-CON-1.registered", Some("c:unknown")), ("VO-CON-1.managers", Some("c:no"))],
        recommendation: "VO-CON-1",
        expect: Status::Gap(Medium),
    },
    Case {
        name: "not applicable, with reasons",
        changes: &[
            ("VO-ISO-1.container", Some("na:no payloads of other users")),
            ("VO-ISO-1.credential", Some("na:no payloads of other users")),
            ("VO-ISO-1.namespaces", Some("na:no payloads of other users")),
        ],
        recommendation: "VO-ISO-1",
        expect: Status::NotApplicable,
    },
    Case {
        name: "partly not applicable",
        changes: &[("VO-ISO-1.namespaces", Some("na:no user namespaces on our sites"))],
        recommendation: "VO-ISO-1",
        expect: Status::Met,
    },
    Case {
        name: "not applicable without a reason",
        changes: &[("VO-ISO-1.namespaces", Some("na: "))],
        recommendation: "VO-ISO-1",
        expect: Status::Gap(Medium),
    },
    Case {
        name: "one answer cleared",
        changes: &[("VO-IR-1.location", None)],
        recommendation: "VO-IR-1",
        expect: Status::Unanswered,
    },
    Case {
        name: "cleared, and not applicable elsewhere",
        changes: &[("VO-ISO-1.container", Some("na:none")), ("VO-ISO-1.credential", None)],
        recommendation: "VO-ISO-1",
        expect: Status::Unanswered,
    },
];

#[test]
fn answers_give_each_status() {
    check(vo(), || answer_all(vo()), CHANGES_VO);
}

#[test]
fn status_words_and_order() {
    type Row = (Status, &'static str, &'static str);
    const TABLE: &[Row] = &[
        (Status::Gap(Critical), "gap: critical", "critical"),
        (Status::Gap(High), "gap: high", "high"),
        (Status::Gap(Medium), "gap: medium", "medium"),
        (Status::Gap(Low), "gap: low", "low"),
        (Status::Unknown, "unknown", "unknown"),
        (Status::Unanswered, "unanswered", "unanswered"),
        (Status::Met, "met", "met"),
        (Status::NotApplicable, "not applicable", "not-applicable"),
    ];
    for (i, (status, label, kind)) in TABLE.iter().enumerate() {
        assert_eq!(status.label(), *label);
        assert_eq!(status.kind(), *kind);
        assert_eq!(usize::from(status.urgency()), i, "{label}");
        assert_eq!(Status::ALL[i], *status);
    }
}

#[test]
fn unknown_filters_on_its_lowered_severity() {
    let a = changed(answer_all(vo()), &[("VO-CON-1.registered", Some("c:unknown"))]);
    let r = status_of(vo(), &a, "VO-CON-1");
    assert_eq!(r.status, Status::Unknown);
    assert_eq!(r.severity(), Some(High));
    assert_eq!(status_of(vo(), &a, "VO-IR-1").severity(), None);
}

/// The assessments the agreement checks run on.
fn assessments() -> Vec<(&'static str, &'static QuestionSet, Assessment)> {
    let mut all = vec![
        ("empty VO", vo(), empty(vo())),
        ("empty site", site(), empty(site())),
        ("all answered VO", vo(), answer_all(vo())),
        ("all answered site", site(), answer_all(site())),
        ("VO with DIRAC only", vo(), build(vo(), &[("profile.frameworks", "m:dirac")])),
    ];
    for case in CHANGES_VO {
        all.push((case.name, vo(), changed(answer_all(vo()), case.changes)));
    }
    all
}

fn sorted(gaps: impl IntoIterator<Item = Gap>) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = gaps.into_iter().collect();
    gaps.sort_by(|a, b| a.rule.cmp(&b.rule));
    gaps
}

#[test]
fn results_show_the_same_gaps_as_evaluate() {
    for (name, set, a) in assessments() {
        let expected = evaluate(set, &a, today());
        let statuses = recommendation_statuses(set, &a, today());
        for r in &statuses {
            assert!(r.gaps.iter().all(|g| g.recommendation == r.id), "{name}: {}", r.id);
        }
        let got = sorted(statuses.into_iter().flat_map(|r| r.gaps));
        assert_eq!(got, sorted(expected), "{name}");
    }
}

#[test]
fn section_scores_add_up() {
    for (name, set, a) in assessments() {
        let visible = visible_questions(set, &a, today());
        let gaps = evaluate(set, &a, today());
        let scores = section_scores(set, &a, today());
        let total = overall(set, &a, today());

        let shown: usize = scores.iter().map(|s| s.shown).sum();
        assert_eq!(shown, visible.len(), "{name}: shown");
        let answered = visible.iter().filter(|q| a.answer(q).is_some()).count();
        assert_eq!(scores.iter().map(|s| s.answered).sum::<usize>(), answered, "{name}: answered");
        assert_eq!(scores.iter().map(SectionScore::gap_total).sum::<usize>(), gaps.len(), "{name}: gaps");
        for severity in Severity::ALL {
            let count = gaps.iter().filter(|g| g.severity == severity).count();
            let counted: usize = scores.iter().map(|s| s.gaps_of(severity)).sum();
            assert_eq!(counted, count, "{name}: {} gaps", severity.label());
            assert_eq!(total.gaps_of(severity), count, "{name}: overall {} gaps", severity.label());
        }
        assert!(scores.iter().all(|s| s.shown > 0), "{name}: a section with nothing shown");
        let order: Vec<&str> = set
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| scores.iter().any(|s| s.id == *id))
            .collect();
        assert_eq!(scores.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), order, "{name}: order");

        assert_eq!(total.id, "all");
        assert_eq!((total.shown, total.answered), (visible.len(), answered), "{name}: overall");
        let statuses = recommendation_statuses(set, &a, today());
        assert_eq!(total.recommendations, statuses.len());
        let met = statuses.iter().filter(|r| r.status == Status::Met).count();
        assert_eq!(total.met, met, "{name}: overall met");
        let placed: usize = scores.iter().map(|s| s.recommendations).sum();
        assert!(placed <= statuses.len() && scores.iter().all(|s| s.met <= s.recommendations), "{name}");

        // Each gap lies in the section of its first question.
        for s in &scores {
            let here = gaps
                .iter()
                .filter(|g| {
                    g.questions.first().and_then(|q| set.question(q)).is_some_and(|q| q.section == s.id)
                })
                .count();
            assert_eq!(s.gap_total(), here, "{name}: gaps in {}", s.id);
        }
        assert_eq!(results(set, &a, today()).sections, scores, "{name}: results agree");
    }
}

#[test]
fn percent_answered_rounds_down() {
    type Row = (usize, usize, usize);
    const TABLE: &[Row] = &[(0, 0, 0), (0, 4, 0), (1, 3, 33), (2, 3, 66), (199, 200, 99), (5, 5, 100)];
    for (answered, shown, percent) in TABLE {
        let s = SectionScore {
            id: "s".into(),
            title: "S".into(),
            answered: *answered,
            shown: *shown,
            gaps: [0; 4],
            met: 0,
            recommendations: 0,
        };
        assert_eq!(s.percent_answered(), *percent, "{answered} of {shown}");
    }
}

/// A synthetic set: R-1 always shows; R-2's only question shows for framework `a`; R-3's only
/// question shows for framework `a`, but a rule of R-3 looks at the profile.
const SET: &str = r#"
[[recommendation]]
id = "R-1"
title = "one"
requirement = "r"
why = "w"
severity = "high"
[[recommendation]]
id = "R-2"
title = "two"
requirement = "r"
why = "w"
severity = "high"
[[recommendation]]
id = "R-3"
title = "three"
requirement = "r"
why = "w"
severity = "high"
[[section]]
id = "s"
title = "S"
[[section]]
id = "only-a"
title = "Only A"
[[question]]
id = "p.fw"
section = "s"
recommendation = "R-1"
label = "Frameworks"
type = "multi"
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]
[[question]]
id = "q.two"
section = "only-a"
recommendation = "R-2"
label = "Two"
type = "choice"
applies_when = { question = "p.fw", includes = "a" }
[[question]]
id = "q.three"
section = "only-a"
recommendation = "R-3"
label = "Three"
type = "choice"
applies_when = { question = "p.fw", includes = "a" }
[[rule]]
id = "r-two"
recommendation = "R-2"
severity = "high"
when = { question = "q.two", equals = "no" }
message = "m"
action = "a"
[[rule]]
id = "r-three-b"
recommendation = "R-3"
severity = "low"
when = { question = "p.fw", includes = "b" }
message = "m"
action = "a"
"#;

fn synthetic() -> QuestionSet {
    load_toml("synthetic.toml", &format!("{SYNTHETIC_SET_HEADER}{SET}")).unwrap()
}

#[test]
fn hidden_questions_make_a_recommendation_not_applicable() {
    let set = synthetic();
    type Row = (&'static str, &'static [(&'static str, &'static str)], &'static str, Status, &'static str);
    const TABLE: &[Row] = &[
        ("empty", &[], "R-1", Status::Unanswered, "s"),
        ("empty", &[], "R-2", Status::NotApplicable, "only-a"),
        ("empty", &[], "R-3", Status::NotApplicable, "only-a"),
        ("no framework", &[("p.fw", "m:")], "R-1", Status::Met, "s"),
        ("no framework", &[("p.fw", "m:")], "R-2", Status::NotApplicable, "only-a"),
        ("framework a", &[("p.fw", "m:a")], "R-2", Status::Unanswered, "only-a"),
        ("a, answered no", &[("p.fw", "m:a"), ("q.two", "c:no")], "R-2", Status::Gap(High), "only-a"),
        ("a, answered yes", &[("p.fw", "m:a"), ("q.two", "c:yes")], "R-2", Status::Met, "only-a"),
        // A rule on another recommendation's question still counts when R-3's own is hidden.
        ("framework b", &[("p.fw", "m:b")], "R-3", Status::Gap(Low), "only-a"),
    ];
    for (name, answers, recommendation, expect, section) in TABLE {
        let a = build(&set, answers);
        let r = status_of(&set, &a, recommendation);
        assert_eq!((r.status, r.section.as_str()), (*expect, *section), "{name}: {recommendation}");
    }

    // Hidden sections get no score; the profile's gap counts where its question is.
    let a = build(&set, &[("p.fw", "m:b")]);
    let scores = section_scores(&set, &a, today());
    assert_eq!(scores.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s"]);
    assert_eq!((scores[0].gaps, scores[0].recommendations, scores[0].met), ([0, 0, 0, 1], 1, 1));
}

#[test]
fn answers_are_the_shown_questions_in_order() {
    let set = synthetic();
    let a = build(&set, &[("p.fw", "m:a,b"), ("q.two", "na:not our framework")]);
    let got: Vec<(String, String)> =
        recommendation_statuses(&set, &a, today()).into_iter().flat_map(|r| r.answers).collect();
    let expect: Vec<(String, String)> =
        [("Frameworks", "A, B"), ("Two", "Not applicable: not our framework"), ("Three", "Not answered")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect();
    assert_eq!(got, expect);
    assert_eq!(status_of(&set, &a, "R-2").status, Status::NotApplicable);
}

/// The results row's "first thing to do": the most severe gap's action, else what is left.
#[test]
fn each_row_names_the_first_thing_to_do() {
    let fresh = empty(vo());
    let all = answer_all(vo());
    let gaps = evaluate(vo(), &fresh, today());
    let first_action =
        |rec: &str| gaps.iter().find(|g| g.recommendation == rec).map(|g| g.action.clone()).unwrap();
    // (assessment, recommendation, expected first step)
    let cases: [(&Assessment, &str, String); 3] = [
        (&fresh, "VO-CON-1", first_action("VO-CON-1")),
        (&fresh, "VO-IR-1", "Answer its remaining questions.".to_owned()),
        (&fresh, "ALL-TIME-1", "Answer its remaining questions.".to_owned()),
    ];
    for (a, rec, want) in cases {
        assert_eq!(status_of(vo(), a, rec).first_step(), want, "{rec}");
    }
    for r in recommendation_statuses(vo(), &all, today()) {
        let step = r.first_step();
        match r.status {
            Status::Met => assert_eq!(step, "Nothing: keep the evidence at hand.", "{}", r.id),
            Status::NotApplicable => assert_eq!(step, "Nothing, for this profile.", "{}", r.id),
            Status::Gap(_) | Status::Unknown => assert_eq!(step, r.gaps[0].action, "{}", r.id),
            Status::Unanswered => assert_eq!(step, "Answer its remaining questions.", "{}", r.id),
        }
        assert!(!step.is_empty(), "{}", r.id);
    }
}
