//! The plain-text request (TLP-marked, ID in the subject, every value typed, missing fields
//! listed) and the VO's replies; reading a request back from an e-mail.

use ti_core::trace::model::{Group, Values};
use ti_core::trace::text::{parse_request, render, render_request};

use super::trace_complete::full_dirac;
use super::trace_support::catalog;

fn request_values(v: &Values) -> Values {
    let cat = catalog();
    v.iter()
        .filter(|(k, _)| cat.field(k).is_some_and(|f| matches!(f.group, Group::Core | Group::Framework)))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn the_request_carries_tlp_the_id_and_every_value() {
    let cat = catalog();
    let v = full_dirac();
    let r = render_request(cat, &v);
    assert_eq!(
        r.subject,
        "TLP:AMBER EXERCISE (security challenge) [2025-03-01_001_EXERCISE]: trace request for a suspicious job at UKI-NORTHGRID-EXAMPLE"
    );
    assert!(r.body.starts_with("TLP:AMBER\n"));
    assert!(r.body.ends_with("TLP:AMBER\n"));
    assert!(r.full().starts_with("Subject: TLP:AMBER "));
    for (id, value) in v.iter() {
        let f = cat.field(id).unwrap();
        for line in f.show(value).lines() {
            assert!(r.body.contains(line.trim()), "{id}: {line:?} not in the request");
        }
    }
    assert!(r.body.contains("== DIRAC ==\nDIRAC pilot stamp: f3e9a1c07b2d4e55\n"));
    assert!(r.body.contains("Log extracts:\n  | Mar  1 02:47:13 wn042 kernel: conn 203.0.113.7:4444\n"));
    assert!(r.body.contains("Actions so far: nothing killed or deleted; process frozen (SIGSTOP)\n"));
    assert!(!r.body.contains("Not known yet"), "{}", r.body);
    assert!(!r.body.contains("== PanDA =="));
    // Site-only values never travel.
    let mut with_site = v.clone();
    with_site.set("glidein_dir", "/scratch/glide_SECRET");
    assert!(!render_request(cat, &with_site).body.contains("glide_SECRET"));
}

#[test]
fn missing_required_fields_are_listed() {
    let cat = catalog();
    let mut v = full_dirac();
    v.set("incident_id", "");
    v.set("pilot_dn", "");
    v.set("token_issuer", "https://lhcb-auth.web.cern.ch/");
    let r = render_request(cat, &v);
    assert!(r.subject.contains("[⟨missing: Incident or exercise ID⟩]"), "{}", r.subject);
    let tail = r.body.split("== Not known yet ==\n").nth(1).unwrap();
    assert!(
        tail.starts_with("- Incident or exercise ID\n- Pilot certificate DN or Pilot token subject\n"),
        "{tail}"
    );
}

#[test]
fn subject_is_one_line_and_control_characters_are_neutralised() {
    let cat = catalog();
    let mut v = full_dirac();
    v.set("site_name", "SITE\nBcc: everyone@example.org");
    v.set("reporter", "Eve\u{1b}[2J");
    let r = render_request(cat, &v);
    assert!(!r.subject.contains('\n'));
    assert!(r.subject.ends_with("SITE Bcc: everyone@example.org"));
    assert!(!r.body.contains('\u{1b}'));
    assert!(r.body.contains("Reported by: Eve\u{FFFD}[2J"));
}

#[test]
fn a_request_reads_back_from_the_mail() {
    let cat = catalog();
    let mut unicode = full_dirac();
    unicode.set("site_name", "中国科学院高能物理研究所-BEIJING-LCG2");
    unicode.set("reporter", "Иван Петров, служба безопасности");
    unicode.set("indicator", "σύνδεση προς 203.0.113.7:4444\nκαι DNS ερώτημα evil.example");
    unicode.set("incident_kind", "incident");
    let glidein: Values = full_dirac()
        .iter()
        .filter(|(k, _)| !k.starts_with("dirac_"))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .chain(
            [
                ("framework", "glideinwms"),
                ("ce_type", "arc-ce"),
                ("batch_system", "slurm"),
                ("glidein_startd_name", "glidein_12345_678901234@wn042.site.example.org"),
                ("payload_job_id", "1234567.0"),
                ("payload_submit_host", "ap40.uw.osg-htc.org"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        )
        .collect();
    for (name, v) in [("DIRAC", full_dirac()), ("unicode", unicode), ("glidein", glidein)] {
        let text = render_request(cat, &v).full();
        let quoted: String = text.lines().map(|l| format!("> {l}\r\n")).collect();
        let twice: String = text.lines().map(|l| format!(">> {l}\n")).collect();
        for (form, t) in [("as sent", text.clone()), ("quoted, CRLF", quoted), ("quoted twice", twice)] {
            let parsed = parse_request(cat, &t);
            assert_eq!(parsed.values, request_values(&v), "{name} {form}");
            assert!(parsed.unread.is_empty(), "{name} {form}: {:?}", parsed.unread);
        }
    }
}

#[test]
fn unknown_lines_are_reported_not_dropped() {
    let cat = catalog();
    let text = "Worker node: wn1\nBatch system: Cray PBS Pro 2024\nSecret Field: 42\nThanks for your help: it is late here.\n";
    let p = parse_request(cat, text);
    assert_eq!(p.values.get("worker_node"), Some("wn1"));
    assert_eq!(p.values.get("batch_system"), None);
    assert_eq!(
        p.unread,
        vec!["Batch system: Cray PBS Pro 2024", "Secret Field: 42", "Thanks for your help: it is late here."]
    );
}

#[test]
fn replies_render_with_their_fields() {
    let cat = catalog();
    let mut v = full_dirac();
    v.set("reply_from", "lhcb-security@cern.ch");
    v.set("reply_owner", "CN=Some User, OwnerGroup lhcb_user");
    v.set(
        "reply_owner_jobs",
        "987654321 at LCG.PIC.es 02:40-03:20 UTC\n987654400 at LCG.CERN.cern 01:10-02:00 UTC",
    );
    v.set("reply_suspended_at", "2025-03-01 05:10 UTC");
    let site = cat.replies.iter().find(|r| r.id == "to-site").unwrap();
    let csirt = cat.replies.iter().find(|r| r.id == "to-csirt").unwrap();
    let to_site = render(cat, site, &v);
    let to_csirt = render(cat, csirt, &v);
    for r in [&to_site, &to_csirt] {
        assert!(
            r.subject.starts_with("TLP:AMBER Re: EXERCISE (security challenge) [2025-03-01_001_EXERCISE]"),
            "{}",
            r.subject
        );
        assert!(r.body.contains("Owner suspended at: 2025-03-01 05:10 UTC"));
        assert!(r.body.contains("  | 987654400 at LCG.CERN.cern 01:10-02:00 UTC"));
    }
    assert!(!to_site.body.contains("CN=Some User"), "the owner's identity goes to the CSIRT only");
    assert!(to_csirt.body.contains("Owner identity:\n  | CN=Some User, OwnerGroup lhcb_user\n"));
    assert_eq!(to_site.to, "The site, at security@site.example.org");
}
