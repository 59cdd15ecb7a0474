//! The shipped VO question set (questions/vo.toml + common.toml) on a table of named scenarios.
//!
//! Every scenario starts from a VO that answers every question well (`GOOD`, which uses all four
//! frameworks and both credential types so that every question is shown), then changes or
//! removes a few answers, and lists the exact gaps expected: (rule ID, severity) in the order
//! the engine reports them (most severe first, then rule file order; vo.toml's rules come before
//! common.toml's, and the generic "not applicable" gaps come after the rules of their severity).
//! The judgement date is 2026-11-26 (`support::today`).

use std::collections::HashSet;

use ti_core::model::Severity::{self, Critical, High, Low, Medium};
use ti_core::rules::evaluate;

use crate::support::{build, today, vo};

/// A VO that meets every recommendation. Answers every question of the set, including every
/// question a `missing` rule checks.
pub(crate) const GOOD: &[(&str, &str)] = &[
    ("profile.vo-name", "t:examplevo"),
    ("profile.infrastructure", "m:egi,osg"),
    ("profile.frameworks", "m:dirac,panda,glideinwms,jalien"),
    ("profile.credentials", "m:x509,tokens"),
    ("VO-CON-1.email", "t:security@examplevo.org"),
    ("VO-CON-1.registered", "c:yes"),
    ("VO-CON-1.backup", "c:yes"),
    ("VO-CON-1.managers", "c:yes"),
    ("VO-CON-2.confirmed", "d:2026-06-01"),
    ("VO-CON-2.challenge-date", "d:2026-02-10"),
    ("VO-CON-2.challenge-answered", "c:yes"),
    ("VO-CON-3.response-hours", "n:2"),
    ("VO-CON-3.escalation", "c:yes"),
    ("VO-IR-1.procedure", "c:yes"),
    ("VO-IR-1.contents", "m:alert,csirt,suspend,logs,sites"),
    ("VO-IR-1.reviewed", "d:2026-03-15"),
    ("VO-IR-1.location", "t:https://vo.example/security/ir, owned by the VO security officer"),
    ("VO-LOG-1.system", "t:job database and pilot database"),
    (
        "VO-LOG-1.fields",
        "m:user-dn,token-sub,jti,payload-id,pilot-id,site-ce,batch-id,wn-host,local-account,times,executable",
    ),
    ("VO-LOG-1.mapping", "c:yes"),
    ("VO-TRC-2.access", "c:yes"),
    ("VO-TRC-2.integrity", "c:yes"),
    (
        "VO-LOG-2.stores",
        "r:store=pilot-db,days=400,archived=yes;store=job-db,days=400,archived=yes;store=factory-logs,days=200,archived=yes",
    ),
    ("VO-LOG-2.dirac-defaults", "c:yes"),
    ("VO-LOG-2.glideinwms-defaults", "c:yes"),
    ("VO-LOG-2.schedd-history", "c:yes"),
    ("VO-LOG-2.panda-retention", "t:400 days in the PanDA archive"),
    ("VO-LOG-2.jalien-retention", "t:400 days in the central task queue archive"),
    ("VO-LOG-2.oldest", "d:2025-10-01"),
    ("VO-TRC-1.drill-date", "d:2026-09-15"),
    ("VO-TRC-1.drill-picked", "t:pilot 1234 at SITE-A, payload 98765"),
    ("VO-TRC-1.outcome", "o:owner-found"),
    ("VO-TRC-1.time-to-owner", "n:3"),
    ("VO-TRC-1.time-to-suspend", "n:1"),
    ("VO-TRC-1.blockers", "t:none"),
    ("VO-TRC-1.reverse", "c:yes"),
    ("VO-SUS-1.membership", "c:yes"),
    ("VO-SUS-1.workload", "c:yes"),
    ("VO-SUS-1.kill", "c:yes"),
    ("VO-SUS-2.pilot-stop", "c:yes"),
    ("VO-SUS-2.rotate", "c:yes"),
    ("VO-SUS-2.site-ban", "c:yes"),
    ("VO-ISO-1.container", "c:yes"),
    ("VO-ISO-1.credential", "c:yes"),
    ("VO-ISO-1.namespaces", "c:yes"),
    ("VO-ISO-2.mode", "o:unprivileged"),
    ("VO-FOR-1.guide", "c:yes"),
    ("VO-FOR-1.current", "c:yes"),
    ("VO-FOR-1.url", "t:https://vo.example/security/sites"),
    ("VO-FOR-1.dirac-notes", "t:pilot work dirs under the batch scratch directory"),
    ("VO-FOR-1.panda-notes", "t:pilot log link in the PanDA monitor"),
    ("VO-FOR-1.glideinwms-notes", "t:factory and schedd host names"),
    ("VO-FOR-1.jalien-notes", "t:job agent work directory"),
    ("VO-TOK-1.sub-resolvable", "c:yes"),
    ("VO-TOK-1.sub-unique", "c:yes"),
    ("VO-TOK-1.lifetime", "n:1"),
    ("VO-DP-1.notice", "c:yes"),
    ("VO-DP-1.max-stated", "c:yes"),
    ("VO-DP-1.use-limited", "c:yes"),
    ("VO-CHL-1.last-date", "d:2025-05-20"),
    ("VO-CHL-1.kind", "o:job"),
    ("VO-CHL-1.open-actions", "c:yes"),
    ("VO-CHL-1.job-challenge-date", "d:2025-05-20"),
    ("VO-CHL-2.last-date", "d:2026-11-20"),
    ("ALL-TIME-1.ntp", "c:yes"),
    ("ALL-TIME-1.utc", "c:yes"),
    ("ALL-TLP-1.tlp", "c:yes"),
    ("ALL-TLP-1.closed-list", "c:yes"),
    ("ALL-POL-1.accepted", "c:yes"),
    ("ALL-POL-1.sci", "c:yes"),
];

/// A named scenario: `GOOD` with some answers replaced (`set`) and some removed (`unset`).
struct Scenario {
    name: &'static str,
    set: &'static [(&'static str, &'static str)],
    unset: &'static [&'static str],
    expect: &'static [(&'static str, Severity)],
}

const ALL_FIELDS_BUT_IDENTITY: &str =
    "m:payload-id,pilot-id,site-ce,batch-id,wn-host,local-account,times,executable";

const SCENARIOS: &[Scenario] = &[
    Scenario { name: "all good", set: &[], unset: &[], expect: &[] },
    // --- contacts ---
    Scenario {
        name: "personal address as security contact",
        set: &[("VO-CON-1.email", "t:jane.doe@examplevo.org")],
        unset: &[],
        expect: &[("vo-con-personal", Critical)],
    },
    Scenario {
        name: "no security contact",
        set: &[],
        unset: &["VO-CON-1.email"],
        expect: &[("vo-con-no-contact", Critical)],
    },
    Scenario {
        name: "contacts unconfirmed for 14 months",
        set: &[("VO-CON-2.confirmed", "d:2025-09-20")],
        unset: &[],
        expect: &[("vo-con-stale", High)],
    },
    Scenario {
        name: "contacts never confirmed",
        set: &[],
        unset: &["VO-CON-2.confirmed"],
        expect: &[("vo-con-never-confirmed", High)],
    },
    Scenario {
        name: "weak contacts: unregistered, single reader, slow, no escalation",
        set: &[
            ("VO-CON-1.registered", "c:no"),
            ("VO-CON-1.backup", "c:no"),
            ("VO-CON-1.managers", "c:no"),
            ("VO-CON-2.challenge-answered", "c:no"),
            ("VO-CON-3.response-hours", "n:8"),
            ("VO-CON-3.escalation", "c:no"),
        ],
        unset: &[],
        expect: &[
            ("vo-con-not-registered", Critical),
            ("vo-con-no-backup", High),
            ("vo-con-challenge-unanswered", High),
            ("vo-con-slow-response", High),
            ("vo-con-no-managers", Medium),
            ("vo-con-no-escalation", Medium),
        ],
    },
    Scenario {
        name: "response in exactly 4 working hours meets T4",
        set: &[("VO-CON-3.response-hours", "n:4")],
        unset: &[],
        expect: &[],
    },
    // --- incident response ---
    Scenario {
        name: "no incident-response procedure",
        set: &[("VO-IR-1.procedure", "c:no")],
        unset: &["VO-IR-1.contents", "VO-IR-1.reviewed"],
        expect: &[("vo-ir-no-procedure", High)],
    },
    Scenario {
        name: "procedure review overdue and steps missing",
        set: &[("VO-IR-1.reviewed", "d:2025-06-01"), ("VO-IR-1.contents", "m:alert,csirt")],
        unset: &[],
        expect: &[("vo-ir-not-reviewed", High), ("vo-ir-incomplete", Medium)],
    },
    Scenario {
        name: "partial procedure with no review date",
        set: &[("VO-IR-1.procedure", "c:partial")],
        unset: &["VO-IR-1.reviewed"],
        expect: &[("vo-ir-not-reviewed", High)],
    },
    // --- central logging ---
    Scenario {
        name: "no mapping and no user identity in the record",
        set: &[("VO-LOG-1.mapping", "c:no"), ("VO-LOG-1.fields", ALL_FIELDS_BUT_IDENTITY)],
        unset: &[],
        // vo-log-fields-incomplete also holds but is superseded by vo-log-no-identity.
        expect: &[("vo-log-no-mapping", Critical), ("vo-log-no-identity", High)],
    },
    Scenario {
        name: "record lacks worker node and token ID",
        set: &[(
            "VO-LOG-1.fields",
            "m:user-dn,token-sub,payload-id,pilot-id,site-ce,batch-id,local-account,times,executable",
        )],
        unset: &[],
        expect: &[("vo-log-fields-incomplete", Medium)],
    },
    Scenario {
        name: "X.509-only VO need not log token fields",
        set: &[
            ("profile.credentials", "m:x509"),
            (
                "VO-LOG-1.fields",
                "m:user-dn,payload-id,pilot-id,site-ce,batch-id,wn-host,local-account,times,executable",
            ),
            // Hidden token questions: their answers count as absent.
            ("VO-TOK-1.sub-resolvable", "c:no"),
            ("VO-TOK-1.lifetime", "n:48"),
        ],
        unset: &[],
        expect: &[],
    },
    Scenario {
        name: "logs can be altered",
        set: &[("VO-TRC-2.integrity", "c:no")],
        unset: &[],
        expect: &[("vo-trc-logs-unprotected", Medium)],
    },
    // --- retention ---
    Scenario {
        name: "retention 30 days in the pilot database",
        set: &[(
            "VO-LOG-2.stores",
            "r:store=pilot-db,days=30,archived=no;store=job-db,days=400,archived=yes",
        )],
        unset: &[],
        // Below T6 as well, but the T7 rule supersedes it.
        expect: &[("vo-log-retention-below-t7", Critical)],
    },
    Scenario {
        name: "retention 120 days in the job database",
        set: &[(
            "VO-LOG-2.stores",
            "r:store=pilot-db,days=400,archived=yes;store=job-db,days=120,archived=no",
        )],
        unset: &[],
        expect: &[("vo-log-retention-below-t6", High)],
    },
    Scenario {
        name: "retention of exactly 90 days meets T7 but not T6",
        set: &[("VO-LOG-2.stores", "r:store=pilot-db,days=90,archived=no")],
        unset: &[],
        expect: &[("vo-log-retention-below-t6", High)],
    },
    Scenario {
        name: "retention of exactly 180 days meets T6",
        set: &[("VO-LOG-2.stores", "r:store=pilot-db,days=180,archived=no")],
        unset: &[],
        expect: &[],
    },
    Scenario {
        name: "DIRAC defaults unchanged",
        set: &[("VO-LOG-2.dirac-defaults", "c:no")],
        unset: &[],
        expect: &[("vo-log-dirac-defaults", High)],
    },
    Scenario {
        name: "glideinWMS factory and schedd history defaults unchanged",
        set: &[("VO-LOG-2.glideinwms-defaults", "c:no"), ("VO-LOG-2.schedd-history", "c:no")],
        unset: &[],
        expect: &[("vo-log-glideinwms-defaults", High), ("vo-log-schedd-history", High)],
    },
    Scenario {
        name: "framework questions hidden when the profile lacks the framework",
        set: &[
            ("profile.frameworks", "m:panda"),
            ("VO-LOG-2.dirac-defaults", "c:no"),
            ("VO-LOG-2.glideinwms-defaults", "c:no"),
            ("VO-LOG-2.schedd-history", "c:no"),
        ],
        unset: &[],
        expect: &[],
    },
    // --- trace drill ---
    Scenario {
        name: "drill never done",
        set: &[],
        unset: &["VO-TRC-1.drill-date"],
        expect: &[("vo-trc-no-drill", Critical)],
    },
    Scenario {
        name: "drill failed",
        set: &[("VO-TRC-1.outcome", "o:failed")],
        unset: &[],
        expect: &[("vo-trc-drill-failed", Critical)],
    },
    Scenario {
        name: "old and slow drill",
        set: &[("VO-TRC-1.drill-date", "d:2024-06-01"), ("VO-TRC-1.time-to-owner", "n:30")],
        unset: &[],
        expect: &[("vo-trc-drill-stale", Medium), ("vo-trc-slow-owner", Medium)],
    },
    Scenario {
        name: "partial drill, no reverse look-up, slow suspension",
        set: &[
            ("VO-TRC-1.outcome", "o:partial"),
            ("VO-TRC-1.reverse", "c:no"),
            ("VO-TRC-1.time-to-suspend", "n:12"),
        ],
        unset: &[],
        expect: &[("vo-trc-drill-partial", High), ("vo-trc-no-reverse", High), ("vo-sus-slow", High)],
    },
    // --- suspension ---
    Scenario {
        name: "cannot suspend, kill or revoke",
        set: &[
            ("VO-SUS-1.workload", "c:no"),
            ("VO-SUS-1.kill", "c:no"),
            ("VO-SUS-2.rotate", "c:no"),
            ("VO-SUS-2.site-ban", "c:no"),
        ],
        unset: &[],
        expect: &[
            ("vo-sus-cannot-suspend", Critical),
            ("vo-sus-cannot-kill", High),
            ("vo-sus-no-pilot-revocation", High),
            ("vo-sus-site-ban-unknown", Medium),
        ],
    },
    // --- isolation ---
    Scenario {
        name: "payload can read the pilot credential, setuid runtime",
        set: &[
            ("VO-ISO-1.credential", "c:no"),
            ("VO-ISO-1.namespaces", "c:no"),
            ("VO-ISO-2.mode", "o:setuid"),
        ],
        unset: &[],
        expect: &[
            ("vo-iso-no-separation", High),
            ("vo-iso-weak-namespaces", Medium),
            ("vo-iso-setuid", Medium),
        ],
    },
    Scenario {
        name: "no container at all",
        set: &[("VO-ISO-2.mode", "o:none")],
        unset: &[],
        expect: &[("vo-iso-no-separation", High)],
    },
    Scenario {
        name: "runtime mode not known",
        set: &[("VO-ISO-2.mode", "o:unknown")],
        unset: &[],
        expect: &[("vo-iso-mode-unknown", Low)],
    },
    // --- forensic guide ---
    Scenario {
        name: "no forensic guide",
        set: &[("VO-FOR-1.guide", "c:no"), ("VO-FOR-1.current", "c:no")],
        unset: &[],
        // The outdated-guide rule also holds but is superseded.
        expect: &[("vo-for-no-guide", Medium)],
    },
    Scenario {
        name: "forensic guide outdated",
        set: &[("VO-FOR-1.current", "c:no")],
        unset: &[],
        expect: &[("vo-for-guide-outdated", Medium)],
    },
    // --- tokens ---
    Scenario {
        name: "token subjects not traceable, long-lived tokens",
        set: &[
            ("VO-TOK-1.sub-resolvable", "c:no"),
            ("VO-TOK-1.sub-unique", "c:no"),
            ("VO-TOK-1.lifetime", "n:12"),
        ],
        unset: &[],
        expect: &[
            ("vo-tok-sub-unresolvable", High),
            ("vo-tok-sub-reused", High),
            ("vo-tok-long-lifetime", Medium),
        ],
    },
    // --- personal data ---
    Scenario {
        name: "no privacy notice, records kept 800 days",
        set: &[
            ("VO-DP-1.notice", "c:no"),
            ("VO-DP-1.max-stated", "c:no"),
            ("VO-DP-1.use-limited", "c:no"),
            ("VO-LOG-2.stores", "r:store=archive,days=800,archived=yes"),
        ],
        unset: &[],
        expect: &[
            ("vo-dp-use-unlimited", Medium),
            ("vo-dp-too-long", Medium),
            ("vo-dp-no-notice", Low),
            ("vo-dp-no-max", Low),
        ],
    },
    // --- challenges ---
    Scenario {
        name: "no challenge or self-assessment recorded",
        set: &[],
        unset: &["VO-CHL-1.last-date", "VO-CHL-1.job-challenge-date", "VO-CHL-2.last-date"],
        expect: &[
            ("vo-chl-never", Medium),
            ("vo-chl-no-job-challenge", Low),
            ("vo-chl-no-self-assessment", Low),
        ],
    },
    Scenario {
        name: "old challenges, communication only, open actions",
        set: &[
            ("VO-CHL-1.last-date", "d:2023-03-01"),
            ("VO-CHL-1.kind", "o:comms"),
            ("VO-CHL-1.open-actions", "c:no"),
            ("VO-CHL-1.job-challenge-date", "d:2024-01-01"),
            ("VO-CHL-2.last-date", "d:2025-06-01"),
        ],
        unset: &[],
        expect: &[
            ("vo-chl-stale", Medium),
            ("vo-chl-comms-only", Low),
            ("vo-chl-open-actions", Low),
            ("vo-chl-job-stale", Low),
            ("vo-chl-no-self-assessment", Low),
        ],
    },
    // --- shared questions (common.toml) ---
    Scenario {
        name: "shared questions all answered no",
        set: &[
            ("ALL-TIME-1.ntp", "c:no"),
            ("ALL-TIME-1.utc", "c:no"),
            ("ALL-TLP-1.tlp", "c:no"),
            ("ALL-TLP-1.closed-list", "c:no"),
            ("ALL-POL-1.accepted", "c:no"),
            ("ALL-POL-1.sci", "c:no"),
        ],
        unset: &[],
        expect: &[
            ("all-time-no-ntp", Medium),
            ("all-tlp-public-archive", Medium),
            ("all-pol-not-accepted", Medium),
            ("all-time-no-utc", Low),
            ("all-tlp-not-used", Low),
            ("all-pol-no-sci", Low),
        ],
    },
    // --- engine semantics on the shipped content ---
    Scenario {
        name: "unknown answers count one level lower",
        set: &[
            ("VO-SUS-1.membership", "c:unknown"),
            ("VO-IR-1.procedure", "c:unknown"),
            ("VO-DP-1.notice", "c:unknown"),
            ("ALL-TIME-1.ntp", "c:unknown"),
        ],
        unset: &[],
        // critical → high, high → medium, low stays low, medium → low.
        expect: &[
            ("vo-sus-cannot-suspend", High),
            ("vo-ir-no-procedure", Medium),
            ("vo-dp-no-notice", Low),
            ("all-time-no-ntp", Low),
        ],
    },
    Scenario {
        name: "not applicable without a justification",
        set: &[("VO-CON-2.challenge-answered", "na:")],
        unset: &[],
        expect: &[("not-applicable:VO-CON-2.challenge-answered", Medium)],
    },
    Scenario {
        name: "not applicable with a justification",
        set: &[("VO-CON-2.challenge-answered", "na:The VO has never received a communication challenge")],
        unset: &[],
        expect: &[],
    },
    Scenario {
        name: "not applicable without a justification sorts after rules of its severity",
        set: &[("VO-FOR-1.current", "na:"), ("VO-TRC-2.access", "c:no")],
        unset: &[],
        expect: &[("vo-trc-logs-unprotected", Medium), ("not-applicable:VO-FOR-1.current", Medium)],
    },
];

/// `GOOD` with the scenario's changes applied.
fn answers(s: &Scenario) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = GOOD
        .iter()
        .filter(|(q, _)| !s.unset.contains(q) && !s.set.iter().any(|(k, _)| k == q))
        .copied()
        .collect();
    out.extend_from_slice(s.set);
    out
}

fn gaps_of(s: &Scenario) -> Vec<(String, Severity)> {
    let set = vo();
    evaluate(set, &build(set, &answers(s)), today()).into_iter().map(|g| (g.rule, g.severity)).collect()
}

#[test]
fn vo_scenarios_give_exactly_the_expected_gaps() {
    let mut failures = Vec::new();
    for s in SCENARIOS {
        let got = gaps_of(s);
        let want: Vec<(String, Severity)> = s.expect.iter().map(|(r, sev)| ((*r).to_owned(), *sev)).collect();
        if got != want {
            failures.push(format!("scenario `{}`:\n  expected {want:?}\n  got      {got:?}", s.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scenario_names_are_unique_and_changes_name_known_questions() {
    let mut names = HashSet::new();
    for s in SCENARIOS {
        assert!(names.insert(s.name), "scenario name used twice: {}", s.name);
        for q in s.unset {
            assert!(
                GOOD.iter().any(|(k, _)| k == q),
                "scenario `{}` unsets {q}, which GOOD does not answer",
                s.name
            );
        }
    }
}

/// The all-good VO answers every question of the set, so that no `missing` rule can fire on it
/// merely because a question was forgotten.
#[test]
fn the_all_good_vo_answers_every_question() {
    let answered: HashSet<&str> = GOOD.iter().map(|(q, _)| *q).collect();
    let unanswered: Vec<&str> =
        vo().questions.iter().map(|q| q.id.as_str()).filter(|q| !answered.contains(q)).collect();
    assert!(unanswered.is_empty(), "GOOD leaves unanswered: {unanswered:?}");
}

#[test]
fn unknown_answers_are_marked_as_such() {
    let s = SCENARIOS.iter().find(|s| s.name == "unknown answers count one level lower").unwrap();
    let set = vo();
    let gaps = evaluate(set, &build(set, &answers(s)), today());
    assert!(!gaps.is_empty());
    assert!(gaps.iter().all(|g| g.because_unknown), "{gaps:?}");
    let strict = evaluate(set, &build(set, &answers(&SCENARIOS[0])), today());
    assert!(strict.is_empty());
}

/// Meta-test: every rule of the shipped VO set (its own and common.toml's) fires in at least one
/// scenario above.
#[test]
fn every_vo_rule_is_exercised_by_a_scenario() {
    let fired: HashSet<String> =
        SCENARIOS.iter().flat_map(|s| gaps_of(s).into_iter().map(|(r, _)| r)).collect();
    let unexercised: Vec<&str> =
        vo().rules.iter().map(|r| r.id.as_str()).filter(|id| !fired.contains(*id)).collect();
    assert!(unexercised.is_empty(), "rules exercised by no scenario: {unexercised:?}");
}
