//! The shipped Site question set (`questions/site.toml` + `common.toml`) on a table of named
//! scenarios: each lists the answers that differ from a site that meets every recommendation,
//! and the exact gaps (rule, severity) expected, most severe first, then in file order.

use ti_core::model::{AnswerKind, Condition, FieldKind, QuestionSet, Severity};
use ti_core::rules::{condition_holds, evaluate};

use crate::support::{build, site, today};

use Severity::{Critical, High, Low, Medium};

/// A scenario: its name, the answers changed from `GOOD` (`-` removes an answer), and the exact
/// (rule, severity) gaps expected.
type Scenario = (&'static str, &'static [(&'static str, &'static str)], &'static [(&'static str, Severity)]);

/// A site that meets every recommendation (judged on 2026-11-26). It runs HTCondor-CE and ARC
/// CE over HTCondor, with Apptainer installed unprivileged, so every conditional question shows.
pub(crate) const GOOD: &[(&str, &str)] = &[
    ("profile.ce", "m:htcondor-ce,arc-ce"),
    ("profile.batch", "o:htcondor"),
    ("profile.container-runtime", "o:apptainer"),
    ("profile.container-mode", "o:unprivileged"),
    ("profile.infrastructure", "m:egi"),
    ("profile.credentials", "m:x509,tokens"),
    ("profile.tier", "o:tier2"),
    ("SITE-CON-1.email", "t:grid-sec@site.example.org"),
    ("SITE-CON-1.phone", "t:+41 22 767 0000"),
    ("SITE-CON-1.reaches-team", "c:yes"),
    // 178 days before today: within T11 (365 days).
    ("SITE-CON-2.confirmed", "d:2026-06-01"),
    ("SITE-CON-2.comm-challenge", "c:yes"),
    ("SITE-CON-2.local-csirt", "c:yes"),
    ("SITE-IR-1.procedure", "c:yes"),
    // Exactly T1 (4 h) and T4 (4 working hours): "above" does not hold at the threshold.
    ("SITE-IR-1.report-hours", "n:4"),
    ("SITE-IR-1.request-hours", "n:4"),
    ("SITE-LOG-1.htcondor-ce-audit", "c:yes"),
    ("SITE-LOG-1.arc-joblog", "c:yes"),
    ("SITE-LOG-1.identity-link", "c:yes"),
    ("SITE-LOG-2.batch-history", "c:yes"),
    ("SITE-LOG-2.htcondor-history", "c:yes"),
    ("SITE-LOG-3.wn-logs", "c:yes"),
    ("SITE-LOG-3.network", "c:yes"),
    ("SITE-LOG-3.central-days", "n:90"),
    // Exactly T6 (180 days) is enough.
    (
        "SITE-LOG-4.stores",
        "r:store=ce-audit,days=180,archived=yes;store=arc-jobs-log,days=200,archived=yes;store=batch-history,days=400,archived=yes",
    ),
    ("SITE-LOG-4.htcondor-ce-defaults", "c:yes"),
    ("SITE-LOG-4.arc-defaults", "c:yes"),
    ("SITE-LOG-5.shipping", "c:yes"),
    ("SITE-LOG-5.integrity", "c:yes"),
    ("SITE-TRC-1.payload-audit", "c:yes"),
    ("SITE-TRC-1.vo-query", "c:yes"),
    ("SITE-CTN-1.ban-identity", "c:yes"),
    ("SITE-CTN-1.ban-pilot", "c:yes"),
    ("SITE-CTN-1.kill-running", "c:yes"),
    ("SITE-CTN-1.tested", "c:yes"),
    ("SITE-ISO-1.userns", "c:yes"),
    ("SITE-FOR-1.runbook", "c:yes"),
    ("SITE-FOR-1.preserve", "c:yes"),
    ("SITE-FOR-1.notes-htcondor-ce", "t:Audit logs are archived on loghost:/archive/condor-ce"),
    // 621 days before today: within T25 (730 days).
    ("SITE-CHL-1.last-date", "d:2025-03-15"),
    ("SITE-CHL-1.which", "t:EGI CSIRT communication challenge"),
    ("SITE-CHL-1.open-findings", "n:0"),
    ("SITE-CHL-1.findings-closed", "c:yes"),
    ("SITE-DP-1.notice", "c:yes"),
    // Exactly T9 (548 days) is allowed.
    ("SITE-DP-1.max-days", "n:548"),
    ("ALL-TIME-1.ntp", "c:yes"),
    ("ALL-TIME-1.utc", "c:yes"),
    ("ALL-TLP-1.tlp", "c:yes"),
    ("ALL-TLP-1.closed-list", "c:yes"),
    ("ALL-POL-1.accepted", "c:yes"),
    ("ALL-POL-1.sci", "c:yes"),
];

/// Every answer of a site that meets nothing it is asked about.
const WORST: &[(&str, &str)] = &[
    ("profile.container-mode", "o:setuid"),
    ("SITE-CON-1.phone", "-"),
    ("SITE-CON-1.reaches-team", "c:no"),
    ("SITE-CON-2.confirmed", "d:2020-01-01"),
    ("SITE-CON-2.comm-challenge", "c:no"),
    ("SITE-CON-2.local-csirt", "c:no"),
    ("SITE-IR-1.procedure", "c:no"),
    ("SITE-IR-1.report-hours", "n:48"),
    ("SITE-IR-1.request-hours", "n:40"),
    ("SITE-LOG-1.htcondor-ce-audit", "c:no"),
    ("SITE-LOG-1.arc-joblog", "c:no"),
    ("SITE-LOG-1.identity-link", "c:no"),
    ("SITE-LOG-2.batch-history", "c:no"),
    ("SITE-LOG-2.htcondor-history", "c:no"),
    ("SITE-LOG-3.wn-logs", "c:no"),
    ("SITE-LOG-3.network", "c:no"),
    ("SITE-LOG-3.central-days", "n:30"),
    ("SITE-LOG-4.stores", "r:store=ce-audit,days=7,archived=no"),
    ("SITE-LOG-4.htcondor-ce-defaults", "c:no"),
    ("SITE-LOG-4.arc-defaults", "c:no"),
    ("SITE-LOG-5.shipping", "c:no"),
    ("SITE-LOG-5.integrity", "c:no"),
    ("SITE-TRC-1.payload-audit", "c:no"),
    ("SITE-TRC-1.vo-query", "c:no"),
    ("SITE-CTN-1.ban-identity", "c:no"),
    ("SITE-CTN-1.ban-pilot", "c:no"),
    ("SITE-CTN-1.kill-running", "c:no"),
    ("SITE-CTN-1.tested", "c:no"),
    ("SITE-ISO-1.userns", "c:no"),
    ("SITE-FOR-1.runbook", "c:no"),
    ("SITE-FOR-1.preserve", "c:no"),
    ("SITE-CHL-1.last-date", "d:2020-01-01"),
    ("SITE-CHL-1.findings-closed", "c:no"),
    ("SITE-DP-1.notice", "c:no"),
    ("SITE-DP-1.max-days", "n:1000"),
    ("ALL-TIME-1.ntp", "c:no"),
    ("ALL-TIME-1.utc", "c:no"),
    ("ALL-TLP-1.tlp", "c:no"),
    ("ALL-TLP-1.closed-list", "c:no"),
    ("ALL-POL-1.accepted", "c:no"),
    ("ALL-POL-1.sci", "c:no"),
];

/// Answers changed from `GOOD`.
type Changes = &'static [(&'static str, &'static str)];

/// A threshold check: changes, the rule expected, and the threshold's ID, value, unit and a source.
type ThresholdCase = (Changes, &'static str, &'static str, f64, &'static str, &'static str);

/// A profile and the forensic sheets it shows.
type SheetCase = (Changes, &'static [&'static str]);

/// Marker: the scenario starts from no answers at all instead of `GOOD`.
const FROM_NOTHING: &str = "<nothing>";

const SCENARIOS: &[Scenario] = &[
    ("a site that meets every recommendation", &[], &[]),
    (
        "nothing answered: only the rules that flag absent answers fire",
        &[(FROM_NOTHING, "")],
        &[
            ("site-con-email-missing", Critical),
            ("site-con-phone-missing", Critical),
            ("site-con-unconfirmed", High),
            ("site-ir-report-unknown", High),
            ("site-ret-not-recorded", Medium),
            ("site-chl-stale", Medium),
            ("site-dp-no-max", Low),
        ],
    ),
    (
        "personal address as security contact",
        &[("SITE-CON-1.email", "t:jane.doe@site.example.org")],
        &[("site-con-email-personal", Critical)],
    ),
    (
        "no security contact at all",
        &[("SITE-CON-1.email", "-"), ("SITE-CON-1.phone", "-")],
        &[("site-con-email-missing", Critical), ("site-con-phone-missing", Critical)],
    ),
    (
        "retention 30 days: below T7 is critical and replaces the below-T6 gap",
        &[(
            "SITE-LOG-4.stores",
            "r:store=ce-audit,days=30,archived=no;store=batch-history,days=400,archived=yes",
        )],
        &[("site-ret-below-t7", Critical)],
    ),
    (
        "retention 120 days: between T7 and T6",
        &[("SITE-LOG-4.stores", "r:store=batch-history,days=120,archived=no")],
        &[("site-ret-below-t6", High)],
    ),
    (
        "HTCondor-CE audit defaults unchanged: about 90 days (T15), which is exactly T7 but below T6",
        &[
            ("SITE-LOG-4.htcondor-ce-defaults", "c:no"),
            (
                "SITE-LOG-4.stores",
                "r:store=ce-audit,days=90,archived=no;store=ce-payload-audit,days=90,archived=no",
            ),
        ],
        &[("site-ret-below-t6", High), ("site-ret-condor-ce-defaults", High)],
    ),
    (
        "ARC defaults unchanged: arex-jobs.log 14 days (T17)",
        &[
            ("SITE-LOG-4.arc-defaults", "c:no"),
            (
                "SITE-LOG-4.stores",
                "r:store=arc-jobs-log,days=14,archived=no;store=batch-history,days=400,archived=yes",
            ),
        ],
        &[("site-ret-below-t7", Critical), ("site-ret-arc-defaults", High)],
    ),
    (
        "no incident procedure and a reporting path slower than T1",
        &[("SITE-IR-1.procedure", "c:no"), ("SITE-IR-1.report-hours", "n:8")],
        &[("site-ir-no-procedure", High), ("site-ir-report-slow", High)],
    ),
    (
        "reporting time not known, CSIRT requests answered after T4",
        &[("SITE-IR-1.report-hours", "-"), ("SITE-IR-1.request-hours", "n:8")],
        &[("site-ir-report-unknown", High), ("site-ir-request-slow", High)],
    ),
    (
        "contacts last confirmed 14 months ago (older than T11)",
        &[("SITE-CON-2.confirmed", "d:2025-09-26")],
        &[("site-con-unconfirmed", High)],
    ),
    (
        "several unknowns count one level lower",
        &[
            ("SITE-CTN-1.ban-identity", "c:unknown"),
            ("SITE-IR-1.procedure", "c:unknown"),
            ("SITE-LOG-1.htcondor-ce-audit", "c:unknown"),
            ("SITE-DP-1.notice", "c:unknown"),
            ("ALL-TIME-1.ntp", "c:unknown"),
        ],
        &[
            ("site-ctn-no-identity-ban", High),
            ("site-ir-no-procedure", Medium),
            ("site-log-condor-ce-audit-off", Medium),
            ("site-dp-no-notice", Low),
            ("all-time-no-ntp", Low),
        ],
    ),
    (
        "not applicable: without a reason it is a gap, with one it is not",
        &[
            ("SITE-LOG-3.network", "na:"),
            ("SITE-CON-2.comm-challenge", "na:site opened in 2024, after the last challenge"),
        ],
        &[("not-applicable:SITE-LOG-3.network", Medium)],
    ),
    ("setuid container runtime", &[("profile.container-mode", "o:setuid")], &[("site-iso-setuid", Medium)]),
    (
        "container mode not known",
        &[("profile.container-mode", "o:unknown")],
        &[("site-iso-mode-unknown", Low)],
    ),
    (
        "ARC questions are hidden when the site runs only HTCondor-CE",
        &[
            ("profile.ce", "m:htcondor-ce"),
            ("SITE-LOG-1.arc-joblog", "c:no"),
            ("SITE-LOG-4.arc-defaults", "c:no"),
            ("SITE-FOR-1.notes-arc-ce", "na:"),
        ],
        &[],
    ),
    (
        "HTCondor-CE questions are hidden when the site runs only ARC",
        &[
            ("profile.ce", "m:arc-ce"),
            ("SITE-LOG-1.htcondor-ce-audit", "c:no"),
            ("SITE-LOG-4.htcondor-ce-defaults", "c:unknown"),
            ("SITE-TRC-1.payload-audit", "na:"),
        ],
        &[],
    ),
    (
        "the HTCondor history question is hidden behind Slurm",
        &[("profile.batch", "o:slurm"), ("SITE-LOG-2.htcondor-history", "c:no")],
        &[],
    ),
    (
        "HTCondor batch history left at its size-bounded default (T18)",
        &[("SITE-LOG-2.htcondor-history", "c:no")],
        &[("site-log-condor-history-default", High)],
    ),
    (
        "partial answers",
        &[("SITE-IR-1.procedure", "c:partial"), ("SITE-LOG-1.identity-link", "c:partial")],
        &[("site-ir-procedure-partial", Medium), ("site-log-identity-link-partial", Medium)],
    ),
    (
        "never took part in a challenge: the findings question is hidden",
        &[("SITE-CHL-1.last-date", "-"), ("SITE-CHL-1.findings-closed", "c:no")],
        &[("site-chl-stale", Medium)],
    ),
    (
        "last challenge more than T25 ago with open findings",
        &[("SITE-CHL-1.last-date", "d:2024-11-01"), ("SITE-CHL-1.findings-closed", "c:no")],
        &[("site-chl-stale", Medium), ("site-chl-open-findings", Medium)],
    ),
    (
        "grid logs kept longer than T9, central WN logs shorter than T8",
        &[("SITE-DP-1.max-days", "n:730"), ("SITE-LOG-3.central-days", "n:89")],
        &[("site-log-central-short", Medium), ("site-dp-retention-too-long", Medium)],
    ),
    (
        "a site that meets nothing",
        WORST,
        &[
            ("site-con-phone-missing", Critical),
            ("site-ret-below-t7", Critical),
            ("site-ctn-no-identity-ban", Critical),
            ("site-ctn-no-pilot-ban", Critical),
            ("site-con-single-person", High),
            ("site-con-unconfirmed", High),
            ("site-con-challenge-unanswered", High),
            ("site-ir-no-procedure", High),
            ("site-ir-report-slow", High),
            ("site-ir-request-slow", High),
            ("site-log-condor-ce-audit-off", High),
            ("site-log-arc-joblog-off", High),
            ("site-log-no-identity-link", High),
            ("site-log-batch-history-short", High),
            ("site-log-condor-history-default", High),
            ("site-ret-condor-ce-defaults", High),
            ("site-ret-arc-defaults", High),
            ("site-trc-payload-audit-off", High),
            ("site-trc-no-vo-path", High),
            ("site-ctn-cannot-kill", High),
            ("site-con-no-local-csirt", Medium),
            ("site-log-no-wn-logs", Medium),
            ("site-log-no-network-logs", Medium),
            ("site-log-central-short", Medium),
            ("site-log-not-shipped", Medium),
            ("site-log-no-integrity", Medium),
            ("site-for-no-runbook", Medium),
            ("site-for-no-preserve", Medium),
            ("site-ctn-untested", Medium),
            ("site-iso-setuid", Medium),
            ("site-iso-no-userns", Medium),
            ("site-chl-stale", Medium),
            ("site-chl-open-findings", Medium),
            ("site-dp-retention-too-long", Medium),
            ("all-time-no-ntp", Medium),
            ("all-tlp-public-archive", Medium),
            ("all-pol-not-accepted", Medium),
            ("site-dp-no-notice", Low),
            ("all-time-no-utc", Low),
            ("all-tlp-not-used", Low),
            ("all-pol-no-sci", Low),
        ],
    ),
];

/// The answers of a scenario: `GOOD` with the changes applied (or the changes alone when the
/// scenario starts from nothing).
fn answers(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    if changes.first().is_some_and(|(q, _)| *q == FROM_NOTHING) {
        return changes[1..].to_vec();
    }
    let mut out: Vec<(&str, &str)> = GOOD.to_vec();
    for (q, spec) in changes {
        out.retain(|(x, _)| x != q);
        if *spec != "-" {
            out.push((q, spec));
        }
    }
    out
}

fn gaps_of(changes: &[(&'static str, &'static str)]) -> Vec<(String, Severity)> {
    let set = site();
    let a = build(set, &answers(changes));
    evaluate(set, &a, today()).into_iter().map(|g| (g.rule, g.severity)).collect()
}

#[test]
fn site_scenarios_give_exactly_the_expected_gaps() {
    assert!(SCENARIOS.len() >= 12);
    let mut names: Vec<&str> = SCENARIOS.iter().map(|(n, _, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SCENARIOS.len(), "scenario names are unique");
    for (name, changes, expected) in SCENARIOS {
        let got = gaps_of(changes);
        let want: Vec<(String, Severity)> = expected.iter().map(|(r, s)| ((*r).to_owned(), *s)).collect();
        assert_eq!(got, want, "scenario: {name}");
    }
}

/// Meta-test: every rule of the shipped Site set (common.toml's included) fires in a scenario.
#[test]
fn every_site_rule_fires_in_some_scenario() {
    let fired: Vec<Vec<(String, Severity)>> =
        SCENARIOS.iter().map(|(_, changes, _)| gaps_of(changes)).collect();
    for rule in &site().rules {
        assert!(
            fired.iter().any(|gaps| gaps.iter().any(|(r, _)| *r == rule.id)),
            "rule {} is exercised by no Site scenario",
            rule.id
        );
    }
}

#[test]
fn site_gaps_name_their_thresholds_and_sources() {
    let set = site();
    let cases: &[ThresholdCase] = &[
        (
            &[("SITE-LOG-4.stores", "r:store=ce-audit,days=30,archived=no")],
            "site-ret-below-t7",
            "T7",
            90.0,
            "days",
            "S-13",
        ),
        (
            &[("SITE-LOG-4.stores", "r:store=ce-audit,days=120,archived=no")],
            "site-ret-below-t6",
            "T6",
            180.0,
            "days",
            "S-TLP",
        ),
        (&[("SITE-IR-1.report-hours", "n:5")], "site-ir-report-slow", "T1", 4.0, "hours", "S-06"),
        (&[("SITE-CON-2.confirmed", "d:2025-01-01")], "site-con-unconfirmed", "T11", 365.0, "days", "S-29"),
        (&[("SITE-LOG-3.central-days", "n:10")], "site-log-central-short", "T8", 90.0, "days", "S-29"),
    ];
    for (changes, rule, t, value, unit, source) in cases {
        let gaps = evaluate(set, &build(set, &answers(changes)), today());
        let gap = gaps.iter().find(|g| g.rule == *rule).unwrap_or_else(|| panic!("{rule} did not fire"));
        let th = gap.thresholds.iter().find(|x| x.id == *t).unwrap_or_else(|| panic!("{rule} names no {t}"));
        assert_eq!((th.value, th.unit.as_str()), (*value, *unit), "{rule}");
        assert!(th.sources.iter().any(|s| s == source), "{rule}: {t} cites {source}");
        assert!(set.recommendation(&gap.recommendation).is_some());
    }
}

/// Unit consistency: a number question (or group field) is only compared with a threshold of the
/// same unit, and dates only with thresholds in days.
#[test]
fn site_rules_compare_like_units() {
    fn check(set: &QuestionSet, c: &Condition, fields: Option<&[ti_core::model::Field]>, rule: &str) {
        let unit_of = |key: &str| -> String {
            match fields {
                Some(fs) => match &fs.iter().find(|f| f.id == key).unwrap().kind {
                    FieldKind::Number { unit, .. } => unit.clone(),
                    _ => panic!("{rule}: field {key} is not a number"),
                },
                None => match &set.question(key).unwrap().kind {
                    AnswerKind::Number { unit, .. } => unit.clone(),
                    AnswerKind::Date { .. } => "days".into(),
                    _ => panic!("{rule}: {key} is not a number or a date"),
                },
            }
        };
        match c {
            Condition::Below(k, t)
            | Condition::AtLeast(k, t)
            | Condition::Above(k, t)
            | Condition::OlderThan(k, t) => {
                let th = set.threshold(t).unwrap();
                assert_eq!(unit_of(k), th.unit, "{rule}: {k} compared with {t}");
            }
            Condition::Row(k, inner) => {
                let AnswerKind::Group(fs) = &set.question(k).unwrap().kind else {
                    panic!("{rule}: {k} is not a group")
                };
                check(set, inner, Some(fs), rule);
            }
            Condition::Any(list) | Condition::All(list) => {
                list.iter().for_each(|c| check(set, c, fields, rule))
            }
            Condition::Not(inner) => check(set, inner, fields, rule),
            _ => {}
        }
    }
    let set = site();
    for rule in &set.rules {
        check(set, &rule.when, None, &rule.id);
    }
    for q in &set.questions {
        if let AnswerKind::Date { max_age: Some(t) } = &q.kind {
            assert_eq!(set.threshold(t).unwrap().unit, "days", "{}: max_age {t}", q.id);
        }
    }
}

#[test]
fn forensic_sheets_follow_the_profile() {
    let set = site();
    let cases: &[SheetCase] = &[
        (
            &[("profile.ce", "m:htcondor-ce,arc-ce"), ("profile.container-runtime", "o:apptainer")],
            &["htcondor-ce", "arc-ce", "apptainer"],
        ),
        (
            &[("profile.ce", "m:arc-ce,cream"), ("profile.container-runtime", "o:singularity")],
            &["arc-ce", "cream", "apptainer"],
        ),
        (&[("profile.ce", "m:other"), ("profile.container-runtime", "o:none")], &[]),
        (&[], &[]),
    ];
    for (answers, expected) in cases {
        let a = build(set, answers);
        let shown: Vec<&str> = set
            .forensics
            .iter()
            .filter(|f| condition_holds(set, &a, &f.applies_when, today()))
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(&shown, expected, "profile {answers:?}");
        // Each sheet's notes question is shown exactly when the sheet is.
        for f in &set.forensics {
            let q = set.question(&f.notes_question).unwrap();
            let visible = ti_core::rules::visible_questions(set, &a, today()).contains(q.id.as_str());
            assert_eq!(visible, shown.contains(&f.id.as_str()), "notes of {}", f.id);
        }
    }
}
