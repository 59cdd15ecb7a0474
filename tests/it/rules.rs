use ti_assess::model::Severity;
use ti_assess::rules::evaluate;

use crate::support::{assessment, vo};

/// A scenario: its name, the answers given, and the exact (rule, severity) gaps expected.
type Scenario<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [(&'a str, Severity)]);

#[test]
fn retention_rule_on_a_table_of_scenarios() {
    let cases: &[Scenario] = &[
        ("nothing answered", &[], &[]),
        ("30 days", &[("VO-LOG-2.retention-days", "n:30")], &[("vo-log-retention-below-t6", Severity::High)]),
        (
            "179 days",
            &[("VO-LOG-2.retention-days", "n:179")],
            &[("vo-log-retention-below-t6", Severity::High)],
        ),
        ("180 days meets the threshold", &[("VO-LOG-2.retention-days", "n:180")], &[]),
        ("400 days", &[("VO-LOG-2.retention-days", "n:400")], &[]),
        ("0 days", &[("VO-LOG-2.retention-days", "n:0")], &[("vo-log-retention-below-t6", Severity::High)]),
        (
            "other answers only",
            &[("VO-IR-1.procedure", "c:yes"), ("VO-CON-1.email", "t:sec@vo.example")],
            &[],
        ),
    ];
    for (name, answers, expected) in cases {
        let gaps = evaluate(vo(), &assessment(answers));
        let got: Vec<(&str, Severity)> = gaps.iter().map(|g| (g.rule.as_str(), g.severity)).collect();
        assert_eq!(&got, expected, "scenario: {name}");
    }
}

#[test]
fn a_gap_names_the_recommendation_the_threshold_and_its_source() {
    let gaps = evaluate(vo(), &assessment(&[("VO-LOG-2.retention-days", "n:30")]));
    let gap = &gaps[0];
    assert_eq!(gap.recommendation, "VO-LOG-2");
    assert_eq!(gap.recommendation_title, "Retention of VO central logs");
    assert_eq!(gap.questions, vec!["VO-LOG-2.retention-days".to_owned()]);
    assert_eq!(gap.thresholds[0].id, "T6");
    assert_eq!(gap.thresholds[0].value, 180.0);
    assert_eq!(gap.thresholds[0].sources, vec!["S-TLP".to_owned()]);
}

/// Meta-test: every rule of the shipped set fires in at least one scenario above.
#[test]
fn every_shipped_rule_is_exercised() {
    let scenarios = [assessment(&[("VO-LOG-2.retention-days", "n:30")])];
    for rule in &vo().rules {
        assert!(
            scenarios.iter().any(|a| evaluate(vo(), a).iter().any(|g| g.rule == rule.id)),
            "rule {} is exercised by no scenario",
            rule.id
        );
    }
}
