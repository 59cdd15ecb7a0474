//! The rule engine's semantics on a small synthetic question set (independent of the shipped
//! content, which tests/it/scenarios_*.rs cover).

use ti_core::model::{QuestionSet, Severity};
use ti_core::rules::{evaluate, visible_questions};

use crate::support::{SYNTHETIC_SET_HEADER, load_toml, today, unchecked};

const SET: &str = r#"
[[source]]
id = "S-1"
title = "s"
location = "l"
[[threshold]]
id = "T-low"
title = "low"
value = 90
unit = "days"
sources = ["S-1"]
status = "sourced"
[[threshold]]
id = "T-high"
title = "high"
value = 180
unit = "days"
sources = ["S-1"]
status = "unverified"
[[threshold]]
id = "T-age"
title = "age"
value = 365
unit = "days"
sources = ["S-1"]
status = "sourced"
[[recommendation]]
id = "R-1"
title = "r"
requirement = "r"
why = "w"
severity = "high"
[[section]]
id = "s"
title = "S"
[[question]]
id = "p.fw"
section = "s"
recommendation = "R-1"
label = "Frameworks"
type = "multi"
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]
[[question]]
id = "q.choice"
section = "s"
recommendation = "R-1"
label = "Choice"
type = "choice"
[[question]]
id = "q.days"
section = "s"
recommendation = "R-1"
label = "Days"
type = "number"
unit = "days"
min = 0
max = 3650
[[question]]
id = "q.date"
section = "s"
recommendation = "R-1"
label = "Date"
type = "date"
max_age = "T-age"
[[question]]
id = "q.mail"
section = "s"
recommendation = "R-1"
label = "Mail"
type = "email"
role_address = true
[[question]]
id = "q.rows"
section = "s"
recommendation = "R-1"
label = "Rows"
type = "group"
fields = [
  { id = "store", label = "Store", type = "select", options = [{ id = "x", label = "X" }, { id = "y", label = "Y" }] },
  { id = "days", label = "Days", type = "number", unit = "days", min = 0, max = 3650 },
]
[[question]]
id = "q.only-a"
section = "s"
recommendation = "R-1"
label = "Only for A"
type = "choice"
applies_when = { question = "p.fw", includes = "a" }
[[rule]]
id = "r-no"
recommendation = "R-1"
severity = "high"
when = { question = "q.choice", equals = "no" }
message = "m"
action = "a"
[[rule]]
id = "r-crit"
recommendation = "R-1"
severity = "critical"
when = { question = "q.days", below = "T-low" }
message = "m"
action = "a"
supersedes = ["r-high"]
[[rule]]
id = "r-high"
recommendation = "R-1"
severity = "high"
when = { question = "q.days", below = "T-high" }
message = "m"
action = "a"
[[rule]]
id = "r-old"
recommendation = "R-1"
severity = "medium"
when = { any = [{ question = "q.date", older_than = "T-age" }, { question = "q.date", missing = true }] }
message = "m"
action = "a"
[[rule]]
id = "r-personal"
recommendation = "R-1"
severity = "critical"
when = { question = "q.mail", personal = true }
message = "m"
action = "a"
[[rule]]
id = "r-row"
recommendation = "R-1"
severity = "high"
when = { question = "q.rows", row = { all = [{ field = "store", equals = "x" }, { field = "days", below = "T-low" }] } }
message = "m"
action = "a"
[[rule]]
id = "r-only-a"
recommendation = "R-1"
severity = "medium"
when = { question = "q.only-a", equals = "no" }
message = "m"
action = "a"
[[rule]]
id = "r-only-a-missing"
recommendation = "R-1"
severity = "low"
when = { question = "q.only-a", missing = true }
message = "m"
action = "a"
[[rule]]
id = "r-not-yes"
recommendation = "R-1"
severity = "low"
when = { not = { question = "q.choice", one_of = ["yes", "partial", "no", "unknown", "na"] } }
message = "m"
action = "a"
"#;

fn set() -> QuestionSet {
    load_toml("questions/t.toml", &format!("{SYNTHETIC_SET_HEADER}{SET}")).unwrap()
}

/// The answers of a scenario that raises nothing but what it tests.
const BASE: &[(&str, &str)] = &[("q.choice", "c:yes"), ("q.date", "d:2026-06-01")];

type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [(&'a str, Severity)]);

#[test]
fn engine_semantics_on_a_table_of_cases() {
    use Severity::*;
    let cases: &[Case] = &[
        ("base raises nothing", &[], &[]),
        ("no is high", &[("q.choice", "c:no")], &[("r-no", High)]),
        ("unknown counts one level lower", &[("q.choice", "c:unknown")], &[("r-no", Medium)]),
        ("partial is not no", &[("q.choice", "c:partial")], &[]),
        ("na with a justification raises nothing", &[("q.choice", "na:because")], &[]),
        (
            "na without justification raises the generic gap",
            &[("q.choice", "na:  ")],
            &[("not-applicable:q.choice", Medium)],
        ),
        ("120 days is high", &[("q.days", "n:120")], &[("r-high", High)]),
        ("30 days is critical and supersedes high", &[("q.days", "n:30")], &[("r-crit", Critical)]),
        ("180 days meets both", &[("q.days", "n:180")], &[]),
        ("date 14 months old is stale", &[("q.date", "d:2025-09-20")], &[("r-old", Medium)]),
        ("date exactly 365 days old is not yet stale", &[("q.date", "d:2025-11-26")], &[]),
        ("personal address", &[("q.mail", "t:jane.doe@example.org")], &[("r-personal", Critical)]),
        ("role address", &[("q.mail", "t:vo-security@example.org")], &[]),
        ("row with store x below 90", &[("q.rows", "r:store=y,days=10;store=x,days=30")], &[("r-row", High)]),
        ("rows fine", &[("q.rows", "r:store=y,days=10;store=x,days=300")], &[]),
        ("hidden question's no is ignored", &[("p.fw", "m:b"), ("q.only-a", "c:no")], &[]),
        ("a hidden question is not missing", &[("p.fw", "m:b")], &[]),
        ("shown question's no counts", &[("p.fw", "m:a,b"), ("q.only-a", "c:no")], &[("r-only-a", Medium)]),
        ("shown question's absence counts", &[("p.fw", "m:a")], &[("r-only-a-missing", Low)]),
        (
            "sorted by severity, stable within",
            &[
                ("q.choice", "c:no"),
                ("q.days", "n:30"),
                ("q.mail", "t:jane.doe@example.org"),
                ("q.date", "d:2020-01-01"),
            ],
            &[("r-crit", Critical), ("r-personal", Critical), ("r-no", High), ("r-old", Medium)],
        ),
    ];
    let set = set();
    for (name, answers, expected) in cases {
        let mut all: Vec<(&str, &str)> = BASE.to_vec();
        all.retain(|(q, _)| !answers.iter().any(|(a, _)| a == q));
        all.extend_from_slice(answers);
        let gaps = evaluate(&set, &unchecked(&all), today());
        let got: Vec<(&str, Severity)> = gaps.iter().map(|g| (g.rule.as_str(), g.severity)).collect();
        assert_eq!(&got, expected, "case: {name}");
    }
}

#[test]
fn missing_choice_trips_a_not_rule_and_a_missing_date_is_flagged() {
    let gaps = evaluate(&set(), &unchecked(&[]), today());
    let got: Vec<&str> = gaps.iter().map(|g| g.rule.as_str()).collect();
    assert_eq!(got, ["r-old", "r-not-yes"]);
}

#[test]
fn a_gap_names_its_questions_and_thresholds() {
    let gaps = evaluate(
        &set(),
        &unchecked(&[("q.choice", "c:yes"), ("q.date", "d:2026-06-01"), ("q.days", "n:30")]),
        today(),
    );
    assert_eq!(gaps[0].questions, ["q.days"]);
    assert_eq!(gaps[0].thresholds.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["T-low"]);
    assert!(!gaps[0].because_unknown);
}

#[test]
fn visibility_follows_the_profile() {
    let set = set();
    assert!(!visible_questions(&set, &unchecked(&[]), today()).contains("q.only-a"));
    assert!(visible_questions(&set, &unchecked(&[("p.fw", "m:a")]), today()).contains("q.only-a"));
}
