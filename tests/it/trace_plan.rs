//! The steps for a combination of framework, CE and batch system: safety first, only what
//! applies, commands filled (derived values included), gaps marked.

use ti_core::trace::model::{Basis, Side, UNKNOWN, Values};
use ti_core::trace::plan::plan;

use super::trace_complete::full_dirac;
use super::trace_support::catalog;

fn options(id: &str) -> Vec<String> {
    catalog().field(id).unwrap().options.iter().map(|o| o.id.clone()).collect()
}

#[test]
fn safety_comes_first_for_every_combination() {
    let cat = catalog();
    let safety: Vec<&str> = cat
        .steps
        .iter()
        .filter(|s| s.side == Side::Site && s.phase == "safety")
        .map(|s| s.id.as_str())
        .collect();
    assert!(safety.len() >= 3);
    let site_phases: Vec<&str> = cat.phases_of(Side::Site).map(|p| p.id.as_str()).collect();
    assert_eq!(site_phases[0], "safety");
    let mut combinations = 0;
    for fw in options("framework") {
        for ce in options("ce_type") {
            for b in options("batch_system") {
                let mut v = Values::new();
                v.set("framework", fw.as_str());
                v.set("ce_type", ce.as_str());
                v.set("batch_system", b.as_str());
                let steps = plan(cat, Side::Site, &v);
                let first: Vec<&str> = steps.iter().take(safety.len()).map(|s| s.step.id.as_str()).collect();
                assert_eq!(first, safety, "{fw}/{ce}/{b}");
                let pos: Vec<usize> = steps
                    .iter()
                    .map(|s| site_phases.iter().position(|p| *p == s.step.phase).unwrap())
                    .collect();
                assert!(pos.windows(2).all(|w| w[0] <= w[1]), "{fw}/{ce}/{b}: phases out of order");
                assert!(
                    steps.iter().any(|s| s.step.id == "site.report.send"),
                    "{fw}/{ce}/{b}: the request step"
                );
                combinations += 1;
            }
        }
    }
    assert_eq!(
        combinations,
        options("framework").len() * options("ce_type").len() * options("batch_system").len()
    );
}

fn ids(side: Side, fw: &str, ce: &str, batch: &str) -> Vec<String> {
    let mut v = Values::new();
    v.set("framework", fw);
    v.set("ce_type", ce);
    v.set("batch_system", batch);
    plan(catalog(), side, &v).iter().map(|s| s.step.id.clone()).collect()
}

#[test]
fn only_what_applies_is_shown() {
    // (framework, CE, batch, steps that must be there, steps that must not)
    type Row<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    let table: &[Row] = &[
        (
            "dirac",
            "htcondor-ce",
            "htcondor",
            &["site.batch.htcondor", "site.ce.htcondor-ce", "site.fw.dirac", "site.contain.ban-htcondor-ce"],
            &["site.ce.arc", "site.fw.panda", "site.batch.slurm"],
        ),
        (
            "glideinwms",
            "arc-ce",
            "slurm",
            &["site.batch.slurm", "site.ce.arc", "site.fw.glideinwms", "site.contain.ban-arc"],
            &["site.ce.htcondor-ce", "site.fw.dirac", "site.batch.htcondor"],
        ),
        (
            "panda",
            "htcondor-ce",
            "pbs",
            &["site.batch.pbs", "site.ce.htcondor-ce", "site.fw.panda"],
            &["site.fw.jalien"],
        ),
        (
            "jalien",
            "cream",
            "lsf",
            &["site.batch.lsf", "site.ce.cream", "site.fw.jalien"],
            &["site.fw.glideinwms"],
        ),
        (
            UNKNOWN,
            UNKNOWN,
            UNKNOWN,
            &["site.node.process", "site.preserve.process", "site.report.send"],
            &["site.fw.dirac", "site.ce.arc", "site.batch.htcondor"],
        ),
    ];
    for (fw, ce, b, yes, no) in table {
        let got = ids(Side::Site, fw, ce, b);
        for id in *yes {
            assert!(got.iter().any(|g| g == id), "{fw}/{ce}/{b}: {id} missing from {got:?}");
        }
        for id in *no {
            assert!(!got.iter().any(|g| g == id), "{fw}/{ce}/{b}: {id} shown");
        }
    }
    let vo = ids(Side::Vo, "dirac", "htcondor-ce", "htcondor");
    assert!(vo.iter().any(|s| s == "vo.lookup.dirac") && !vo.iter().any(|s| s == "vo.lookup.glideinwms"));
    // A command's own condition: the HTCondor-CE JobRouterLog line only for HTCondor batch.
    let mut v = full_dirac();
    v.set("batch_system", "slurm");
    let steps = plan(catalog(), Side::Site, &v);
    let ce = steps.iter().find(|s| s.step.id == "site.ce.htcondor-ce").unwrap();
    let texts: Vec<String> = ce.commands.iter().filter_map(|c| c.filled.line()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("grep -hF -- '4711.0' /var/log/condor-ce/GridmanagerLog.*")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("JobRouterLog")));
}

#[test]
fn commands_are_filled_with_the_values_and_derived_ones() {
    let cat = catalog();
    let v = full_dirac();
    let vo = plan(cat, Side::Vo, &v);
    let lookup = vo.iter().find(|s| s.step.id == "vo.lookup.dirac").unwrap();
    let lines: Vec<Option<String>> = lookup.commands.iter().map(|c| c.filled.line()).collect();
    assert_eq!(
        lines[0].as_deref(),
        Some("dirac-admin-get-pilot-info -e 'htcondorce://ce13.pic.es/19126986.5'")
    );
    // The DIRAC job ID was not given: shown as a marked gap, no line to copy.
    let label = |id: &str| cat.label(id);
    assert_eq!(lookup.commands[1].filled.line(), None);
    assert_eq!(
        lookup.commands[1].filled.display(&label),
        "dirac-admin-get-job-pilots ⟨missing: DIRAC job ID⟩"
    );
    let site = plan(cat, Side::Site, &v);
    let all: Vec<String> =
        site.iter().flat_map(|s| s.commands.iter()).filter_map(|c| c.filled.line()).collect();
    for want in [
        "ps -u 'lhcbplt07' -f --forest",
        "condor_history '4711.0' -af RoutedFromJobId Owner x509userproxysubject orig_AuthTokenIssuer orig_AuthTokenSubject RemoteHost JobStartDate EnteredCurrentStatus",
        "grep -hF -- 'dest=4711.0,' /var/log/condor-ce/JobRouterLog*",
        "condor_ce_rm -constraint 'x509userproxysubject == \"/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=lhcbpilot/CN=123456/CN=Robot: LHCb Pilot\"'",
        "kill -STOP '81234'",
    ] {
        assert!(all.iter().any(|l| l == want), "missing {want}");
    }
    // The DIRAC step's prose names the derived reference.
    let fw = site.iter().find(|s| s.step.id == "site.fw.dirac").unwrap();
    assert!(fw.text.display(&label).contains("htcondorce://ce13.pic.es/19126986.5"));
}

#[test]
fn derivation_follows_the_ce() {
    let cat = catalog();
    type Row<'a> = (&'a [(&'a str, &'a str)], Option<&'a str>);
    let table: &[Row] = &[
        (
            &[("ce_type", "htcondor-ce"), ("ce_host", "ce1"), ("ce_job_id", "5.0")],
            Some("htcondorce://ce1/5.0"),
        ),
        (
            &[("ce_type", "arc-ce"), ("ce_job_url", "https://arc/1"), ("ce_job_id", "gsiftp://arc/1")],
            Some("https://arc/1"),
        ),
        (&[("ce_type", "arc-ce"), ("ce_job_id", "gsiftp://arc/1")], Some("gsiftp://arc/1")),
        (
            &[("ce_type", "ssh"), ("batch_system", "slurm"), ("ce_host", "login1"), ("batch_job_id", "99")],
            Some("sshslurm://login1/99"),
        ),
        (&[("ce_type", "htcondor-ce"), ("ce_host", "ce1")], None),
        (
            &[
                ("ce_type", "htcondor-ce"),
                ("ce_host", "ce1"),
                ("ce_job_id", "5.0"),
                ("dirac_pilot_reference", "typed"),
            ],
            Some("typed"),
        ),
    ];
    for (vals, want) in table {
        let mut v = Values::new();
        v.set("framework", "dirac");
        for (k, val) in *vals {
            v.set(k, *val);
        }
        let all = ti_core::trace::derive::with_derived(cat, &v);
        assert_eq!(all.get("dirac_pilot_reference"), *want, "{vals:?}");
    }
}

#[test]
fn inferred_commands_carry_their_marker() {
    let cat = catalog();
    let inferred = cat.marker(Basis::Inferred).unwrap();
    let n = cat.steps.iter().flat_map(|s| &s.commands).filter(|c| c.basis == Basis::Inferred).count();
    assert!(n > 20, "{n} inferred commands");
    assert_eq!(inferred.label, "Inferred: verify on your release");
}
