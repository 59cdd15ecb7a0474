//! Challenge kit tests' shared builders: the kit, timestamps, and challenges of each variant
//! with their truth.

use ti_core::catalog;
use ti_core::challenge::calendar::WorkCalendar;
use ti_core::challenge::id::ChallengeId;
use ti_core::challenge::identity::{OwnerClaim, TestIdentity};
use ti_core::challenge::kit::{Kit, Party, PointerKind};
use ti_core::challenge::model::{Challenge, EventRecord, Marker, OrganiserRecord, Payload, SealedTruth};
use ti_core::time::Timestamp;

pub fn kit() -> &'static Kit {
    match catalog::builtin_kit() {
        Ok(k) => k,
        Err(e) => panic!("the built-in kit does not load: {e}"),
    }
}

/// `2026-03-10T09:00:00Z` → Timestamp (panics on a typo in a test table).
pub fn t(s: &str) -> Timestamp {
    match Timestamp::parse(s) {
        Ok(t) => t,
        Err(e) => panic!("bad test time {s}: {e}"),
    }
}

/// "Now" for every fixture: a Wednesday in December 2026, after all fixture events.
pub fn now() -> Timestamp {
    t("2026-12-02T12:00:00Z")
}

pub const DN: &str =
    "/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=ssctest/CN=123456/CN=Ivan Petrov Иван Петров";
pub const ISS: &str = "https://atlas-auth.cern.ch/";
pub const SUB: &str = "7f3c2a10-4b5e-4c6d-9e8f-0a1b2c3d4e5f";

pub fn identity() -> TestIdentity {
    TestIdentity {
        dn: DN.into(),
        token_issuer: ISS.into(),
        token_subject: SUB.into(),
        username: "ssc-test-01".into(),
        aliases: vec!["ssctest".into()],
        group_role: "/atlas/Role=production".into(),
        created_by: "ATLAS VO management".into(),
    }
}

pub fn payloads() -> Vec<Payload> {
    vec![
        Payload {
            vo_job_id: "6612345678".into(),
            submitted: Some(t("2025-11-20T08:00:00Z")),
            site: "CERN-PROD".into(),
            ce: "ce503.cern.ch".into(),
            batch_job_id: "4815162.0".into(),
            worker_node: "b7g18p4412.cern.ch".into(),
            started: Some(t("2025-11-20T08:20:00Z")),
            ended: Some(t("2025-11-20T10:20:00Z")),
            pilot_id: "pilot-9a8b7c".into(),
        },
        Payload {
            vo_job_id: "6612345699".into(),
            submitted: Some(t("2025-11-20T09:00:00Z")),
            site: "IN2P3-CC".into(),
            ce: "cccondorce01.in2p3.fr".into(),
            batch_job_id: "778899.0".into(),
            worker_node: "ccwsge1234.in2p3.fr".into(),
            started: Some(t("2025-11-20T09:30:00Z")),
            ended: Some(t("2025-11-20T11:00:00Z")),
            pilot_id: "pilot-1f2e3d".into(),
        },
        Payload {
            vo_job_id: "6612345701".into(),
            submitted: Some(t("2025-11-21T09:00:00Z")),
            site: "TW-ASGC".into(),
            ce: "ce01.grid.sinica.edu.tw".into(),
            batch_job_id: "55501".into(),
            worker_node: "wn-0042.grid.sinica.edu.tw".into(),
            started: Some(t("2025-11-21T09:10:00Z")),
            ended: Some(t("2025-11-21T12:00:00Z")),
            pilot_id: "pilot-aa00bb".into(),
        },
    ]
}

pub fn truth() -> SealedTruth {
    SealedTruth {
        identity: identity(),
        payloads: payloads(),
        pointer_payload: 0,
        pointer: Some(PointerKind::Batch),
        marker: Marker {
            callback: "https://ssc-callback.example.org:8443/cb/tok-Zq81xY3vLm?run=tok-Zq81xY3vLm".into(),
            token: "tok-Zq81xY3vLm".into(),
            process_name: "sscmarkerd".into(),
            file_name: ".ssc-marker-5517".into(),
        },
        expected_suspension_by: None,
        notes: "Identity created by ATLAS VO management for this exercise.".into(),
    }
}

/// A challenge of `variant` alerting `alerted`, window in early December 2026.
pub fn challenge(variant: &str, alerted: Party) -> Challenge {
    let id = match ChallengeId::parse("atlas-20261201-01_EXERCISE") {
        Ok(id) => id,
        Err(e) => panic!("{e}"),
    };
    let mut c = match Challenge::new(
        kit(),
        id,
        "atlas",
        "panda",
        variant,
        alerted,
        (t("2026-12-01T00:00:00Z"), t("2026-12-01T23:59:00Z")),
        t("2026-11-30T10:00:00Z"),
    ) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    c.organiser.name = "EGI CSIRT".into();
    c.organiser.email = "abuse@egi.eu".into();
    c.vo_contact.email = "atlas-security@cern.ch".into();
    c.site.name = "CERN-PROD".into();
    // Everyone works Mon–Fri 09:00–17:00 in Geneva.
    let cal = match WorkCalendar::new(
        "Europe/Zurich",
        [true, true, true, true, true, false, false],
        vec![(540, 1020)],
        Default::default(),
    ) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    for p in Party::ALL {
        c.calendars.insert(p, cal.clone());
    }
    c
}

pub fn ev(c: &mut Challenge, event: &str, at: &str, by: Party) {
    let r = EventRecord { event: event.into(), at: t(at), recorded_by: by, note: String::new(), typed: None };
    if let Err(e) = c.record_event(kit(), r, now()) {
        panic!("recording {event} at {at}: {e}");
    }
}

/// A V2 challenge under way: the site was alerted at 08:00 UTC, acknowledged at 08:30 and
/// located the job at 09:30.
pub fn v2_located() -> Challenge {
    let mut c = challenge("V2", Party::Site);
    ev(&mut c, "E0", "2026-12-01T07:00:00Z", Party::Organiser);
    ev(&mut c, "E1", "2026-12-01T07:20:00Z", Party::Organiser);
    ev(&mut c, "E2", "2026-12-01T08:00:00Z", Party::Organiser);
    ev(&mut c, "E3", "2026-12-01T08:30:00Z", Party::Site);
    ev(&mut c, "E4", "2026-12-01T09:30:00Z", Party::Site);
    c
}

/// A complete V1 challenge the VO passes: alert Tuesday 1 Dec 09:00 UTC (10:00 in Geneva).
pub fn v1_pass() -> OrganiserRecord {
    let mut c = challenge("V1", Party::Vo);
    ev(&mut c, "E0", "2025-11-20T08:00:00Z", Party::Organiser);
    ev(&mut c, "E1", "2025-11-20T08:20:00Z", Party::Organiser);
    ev(&mut c, "E2", "2026-12-01T09:00:00Z", Party::Organiser);
    ev(&mut c, "E3", "2026-12-01T10:00:00Z", Party::Vo);
    ev(&mut c, "E7", "2026-12-01T12:00:00Z", Party::Vo);
    ev(&mut c, "E8", "2026-12-01T13:00:00Z", Party::Vo);
    c.answer.owner = OwnerClaim {
        dn: "CN=Ivan Petrov Иван Петров,CN=123456,CN=ssctest,OU=Users,OU=Organic Units,DC=cern,DC=ch".into(),
        ..Default::default()
    };
    c.answer.jobs = vec!["6612345678".into(), "6612345699".into(), "6612345701".into()];
    for a in ["own-procedure", "confidential-channel", "no-collective-action"] {
        c.attestations.insert(a.into(), true);
    }
    ev(&mut c, "E12", "2026-12-01T15:00:00Z", Party::Organiser);
    OrganiserRecord { challenge: c, truth: Some(truth()) }
}
