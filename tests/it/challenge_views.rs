//! What each audience is given: the alerts carry no part of the truth but their pointer, the
//! result and a sealed debrief none at all, a revealed debrief all of it; hostile values cannot
//! break a mail.

use ti_core::challenge::kit::{Party, PointerKind};
use ti_core::challenge::model::OrganiserRecord;
use ti_core::challenge::views::{Reveal, ViewError, debrief, first_alert, result, secrets};

use crate::challenge_fixtures::{DN, SUB, challenge, ev, kit, truth, v1_pass};

/// Every secret the e2e test also searches for: identity, tokens, every payload and pilot ID.
pub(crate) fn must_not_appear(record: &OrganiserRecord, allowed: &[&str]) -> Vec<String> {
    let t = record.truth.clone().unwrap_or_default();
    let mut out: Vec<String> = secrets(&t).into_iter().map(|(_, s)| s).collect();
    out.extend([
        DN.to_owned(),
        SUB.to_owned(),
        "Иван Петров".to_owned(),
        "ssc-test-01".to_owned(),
        t.marker.token.clone(),
    ]);
    out.retain(|s| !allowed.contains(&s.as_str()));
    out
}

#[test]
fn the_vo_alert_carries_only_its_pointer() {
    for (pointer, allowed) in [
        (PointerKind::Batch, vec!["CERN-PROD", "ce503.cern.ch", "4815162.0"]),
        (PointerKind::Node, vec!["CERN-PROD", "b7g18p4412.cern.ch"]),
    ] {
        let mut r = v1_pass();
        if let Some(t) = r.truth.as_mut() {
            t.pointer = Some(pointer);
        }
        let alert = match first_alert(kit(), &r) {
            Ok(a) => a,
            Err(e) => panic!("{pointer:?}: {e}"),
        };
        assert_eq!(alert.audience, Party::Vo);
        assert_eq!(
            alert.subject,
            "[EXERCISE] Security incident suspected at CERN-PROD [atlas-20261201-01_EXERCISE] TLP: AMBER"
        );
        assert!(alert.body.starts_with("*** THIS IS A TEST INCIDENT"), "{}", alert.body);
        for a in &allowed {
            assert!(alert.body.contains(a), "{pointer:?}: {a} missing");
        }
        for s in must_not_appear(&r, &allowed) {
            assert!(
                !alert.body.contains(&s) && !alert.subject.contains(&s),
                "{pointer:?}: the alert shows `{s}`"
            );
        }
    }
}

#[test]
fn the_site_alert_carries_only_the_indicator_host() {
    let mut c = challenge("V2", Party::Site);
    ev(&mut c, "E2", "2026-12-01T08:00:00Z", Party::Organiser);
    let r = OrganiserRecord { challenge: c, truth: Some(truth()) };
    let alert = match first_alert(kit(), &r) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(alert.audience, Party::Site);
    assert!(alert.body.contains("ssc-callback.example.org:8443"));
    for phrase in ["TEST INCIDENT", "no collective action against the VO", "do not reboot"] {
        assert!(alert.body.contains(phrase), "{phrase} missing:\n{}", alert.body);
    }
    for s in must_not_appear(&r, &[]) {
        assert!(!alert.body.contains(&s), "the site alert shows `{s}`");
    }
    assert!(!alert.body.contains("/cb/"), "the call-back path (with the token) leaked");
}

#[test]
fn a_leak_typed_by_the_organiser_is_caught() {
    // The site name the organiser typed into the challenge quotes the marker token.
    let mut c = challenge("V2", Party::Site);
    c.site.name = "CERN-PROD tok-Zq81xY3vLm".into();
    let r = OrganiserRecord { challenge: c, truth: Some(truth()) };
    assert!(matches!(first_alert(kit(), &r), Err(ViewError::Leak { what: "marker token", .. })));
    // A "what went well" line naming the test identity stops a sealed debrief.
    let mut r = v1_pass();
    r.challenge.went_well.push("Ivan Petrov Иван Петров was found within an hour".into());
    assert!(matches!(debrief(kit(), &r, Reveal::Sealed), Err(ViewError::Leak { .. })));
    assert!(debrief(kit(), &r, Reveal::Truth).is_ok());
}

#[test]
fn hostile_values_cannot_break_the_mail() {
    let mut r = v1_pass();
    r.challenge.organiser.name = "EGI CSIRT\r\nBcc: everyone@example.org".into();
    if let Some(t) = r.truth.as_mut() {
        t.payloads[0].site = "CERN-PROD\nSubject: real incident <script>alert(1)</script>".into();
    }
    let alert = match first_alert(kit(), &r) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    assert!(!alert.subject.contains('\n') && !alert.subject.contains('\r'));
    assert!(
        !alert.body.lines().any(|l| l.starts_with("Bcc:") || l.starts_with("Subject:")),
        "{}",
        alert.body
    );
    // Plain text: the markup stays text (the UI never renders HTML).
    assert!(alert.subject.contains("<script>"));
}

#[test]
fn result_and_debrief() {
    let r = v1_pass();
    let res = result(kit(), &r);
    assert_eq!(res.overall_text(), "PASS");
    assert!(res.closed);
    let sealed = match debrief(kit(), &r, Reveal::Sealed) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    assert!(sealed.revealed.is_none());
    assert!(sealed.text.contains("The ground truth stays sealed."));
    for s in must_not_appear(&r, &[]) {
        assert!(!sealed.text.contains(&s), "the sealed debrief shows `{s}`");
    }
    let open = match debrief(kit(), &r, Reveal::Truth) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    for s in [DN, SUB, "6612345699", "sscmarkerd"] {
        assert!(open.text.contains(s), "the revealed debrief lacks `{s}`");
    }
    assert!(sealed.text.contains("C2 Owner identified: pass"));
    assert!(sealed.text.contains("4 working hours (unverified: S-06)"));
}

#[test]
fn alerts_need_their_pointer() {
    let mut r = v1_pass();
    if let Some(t) = r.truth.as_mut() {
        t.pointer = None;
    }
    assert!(matches!(first_alert(kit(), &r), Err(ViewError::Missing(_))));
    r.truth = None;
    assert!(matches!(first_alert(kit(), &r), Err(ViewError::Missing(_))));
}
