//! Completeness of the request: which rules fail for which values, required first.

use ti_core::trace::complete::{gaps, required_gaps};
use ti_core::trace::model::{Level, Values};

use super::trace_support::catalog;

/// A request with every required field, as a site would send it (a DIRAC pilot via HTCondor-CE).
pub fn full_dirac() -> Values {
    [
        ("incident_kind", "exercise"),
        ("incident_id", "2025-03-01_001_EXERCISE"),
        ("site_name", "UKI-NORTHGRID-EXAMPLE"),
        ("vo_name", "lhcb"),
        ("reporter", "Jana Nováková, site security contact"),
        ("reply_channel", "security@site.example.org"),
        ("indicator", "outbound connection to 203.0.113.7:4444 from ./kworkerd"),
        ("first_seen", "2025-03-01 02:47"),
        ("last_seen", "2025-03-01 03:15"),
        ("time_zone", "UTC"),
        ("clock_accuracy", "NTP-synchronised"),
        ("log_extracts", "Mar  1 02:47:13 wn042 kernel: conn 203.0.113.7:4444\nMar  1 02:47:14 wn042 kernel: conn 203.0.113.7:4444"),
        ("worker_node", "wn042.site.example.org"),
        ("local_account", "lhcbplt07"),
        ("pid", "81234"),
        ("batch_system", "htcondor"),
        ("batch_job_id", "4711.0"),
        ("ce_type", "htcondor-ce"),
        ("ce_host", "ce13.pic.es"),
        ("ce_job_id", "19126986.5"),
        ("pilot_dn", "/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=lhcbpilot/CN=123456/CN=Robot: LHCb Pilot"),
        ("framework", "dirac"),
        ("ids_found_how", "environ,directory"),
        ("actions_taken", "nothing-killed,frozen"),
        ("evidence_preserved", "core dump and /proc data on a USB disk"),
        ("dirac_pilot_stamp", "f3e9a1c07b2d4e55"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn with(mut v: Values, changes: &[(&str, &str)]) -> Values {
    for (k, val) in changes {
        v.set(k, *val);
    }
    v
}

#[test]
fn rules_fail_for_what_is_missing() {
    let cat = catalog();
    // (case, values, the rules that fail, in order)
    let table: Vec<(&str, Values, Vec<&str>)> = vec![
        ("complete DIRAC request", full_dirac(), vec![]),
        (
            "nothing given",
            Values::new(),
            vec![
                "incident-id",
                "who-sends",
                "what-seen",
                "where",
                "batch-system",
                "job-id",
                "ce",
                "pilot-identity",
                "actions",
                "framework",
                "process",
                "evidence",
            ],
        ),
        ("no ID", with(full_dirac(), &[("incident_id", " ")]), vec!["incident-id"]),
        ("batch ID alone is enough", with(full_dirac(), &[("ce_job_id", "")]), vec![]),
        ("no job ID at all", with(full_dirac(), &[("ce_job_id", ""), ("batch_job_id", "")]), vec!["job-id"]),
        (
            "token instead of DN",
            with(
                full_dirac(),
                &[
                    ("pilot_dn", ""),
                    ("token_issuer", "https://lhcb-auth.web.cern.ch/"),
                    ("token_subject", "a3f5"),
                ],
            ),
            vec![],
        ),
        (
            "token issuer without subject",
            with(full_dirac(), &[("pilot_dn", ""), ("token_issuer", "https://lhcb-auth.web.cern.ch/")]),
            vec!["pilot-identity"],
        ),
        ("batch system not known", with(full_dirac(), &[("batch_system", "unknown")]), vec!["batch-system"]),
        ("framework not known", with(full_dirac(), &[("framework", "unknown")]), vec!["framework"]),
        ("DIRAC without an ID", with(full_dirac(), &[("dirac_pilot_stamp", "")]), vec!["dirac-ids"]),
        (
            "glidein with only the job ID",
            with(full_dirac(), &[("framework", "glideinwms"), ("payload_job_id", "1.0")]),
            vec!["glidein-ids"],
        ),
        (
            "glidein with job ID and submit host",
            with(
                full_dirac(),
                &[
                    ("framework", "glideinwms"),
                    ("payload_job_id", "1.0"),
                    ("payload_submit_host", "ap40.uw.osg-htc.org"),
                ],
            ),
            vec![],
        ),
        ("PanDA rules do not apply to DIRAC", with(full_dirac(), &[("panda_id", "")]), vec![]),
        ("no actions", with(full_dirac(), &[("actions_taken", "")]), vec!["actions"]),
    ];
    for (name, values, want) in table {
        let got: Vec<&str> = gaps(cat, &values).iter().map(|g| g.rule.id.as_str()).collect();
        assert_eq!(got, want, "{name}");
        let required: Vec<&str> = required_gaps(cat, &values).iter().map(|g| g.rule.id.as_str()).collect();
        let want_required: Vec<&str> = want
            .iter()
            .copied()
            .filter(|id| cat.completeness.iter().any(|r| r.id == *id && r.level == Level::Required))
            .collect();
        assert_eq!(required, want_required, "{name}: required");
    }
}

#[test]
fn gaps_list_the_missing_fields_per_alternative() {
    let cat = catalog();
    let v = with(full_dirac(), &[("pilot_dn", ""), ("token_issuer", "https://x/")]);
    let g = gaps(cat, &v);
    let pilot = g.iter().find(|g| g.rule.id == "pilot-identity").unwrap();
    assert_eq!(pilot.missing, vec![vec!["pilot_dn"], vec!["token_subject"]]);
    let v = with(full_dirac(), &[("reporter", ""), ("reply_channel", "")]);
    let who = gaps(cat, &v).into_iter().find(|g| g.rule.id == "who-sends").unwrap();
    assert_eq!(who.missing, vec![vec!["reporter", "reply_channel"]]);
}
