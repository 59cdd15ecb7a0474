//! The challenge kit's PDFs as their readers see them (poppler's `pdftotext`): the organiser's
//! report (TLP:RED, with the truth), the debrief for the VO and the site (sealed, or revealed),
//! and the first alert to the VO or the site. Same record, same bytes; the attached result JSON
//! imports; its SHA-256 is printed on every page; no secret in what the VO or the site gets;
//! names in any script print.

use std::path::PathBuf;

use ti_core::challenge::document::Document;
use ti_core::challenge::identity::OwnerClaim;
use ti_core::challenge::kit::Party;
use ti_core::challenge::model::OrganiserRecord;
use ti_core::challenge::report::{self, build, build_alert};
use ti_core::challenge::views::{ViewError, result};
use ti_core::persist::challenge::{decode_pdf_request, encode_pdf_request, encode_result, import_result};
use ti_core::persist::sha256_hex;
use ti_core::report::FINGERPRINT_LABEL;
use ti_pdf as pdf;

use crate::challenge_fixtures::{DN, challenge, ev, kit, now, truth, v1_pass};
use crate::challenge_views::must_not_appear;
use crate::pdf::{flat, fonts, pages, pdftotext, run, temp_file};

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF of `document` for `record`.
fn render(record: &OrganiserRecord, document: Document) -> Vec<u8> {
    match document {
        Document::Alert => {
            let a = build_alert(kit(), record).unwrap_or_else(|e| panic!("alert: {e}"));
            pdf::render_alert(&a, fonts()).unwrap().bytes
        }
        d => {
            let r = build(kit(), record, d).unwrap_or_else(|e| panic!("{d:?}: {e}"));
            pdf::render_challenge(&r, fonts()).unwrap().bytes
        }
    }
}

/// A V3 challenge the VO fails: it names the owner late, lists a job that is not the owner's and
/// misses one, and the suspension never stops the payload.
fn v3_fail() -> OrganiserRecord {
    let mut r = v1_pass();
    let c = &mut r.challenge;
    c.variant = "V3".into();
    c.events.retain(|e| !matches!(e.event.as_str(), "E7" | "E8" | "E12"));
    ev(c, "E7", "2026-12-02T08:30:00Z", Party::Vo);
    ev(c, "E8", "2026-12-02T09:00:00Z", Party::Vo);
    ev(c, "E9", "2026-12-02T10:00:00Z", Party::Vo);
    ev(c, "E12", "2026-12-02T11:00:00Z", Party::Organiser);
    c.answer.jobs = vec!["6612345678".into(), "6699999999".into()];
    c.went_well.push("The VO security team answered the phone within minutes.".into());
    r
}

/// A V2 challenge started at a site.
fn v2_site() -> OrganiserRecord {
    let mut c = challenge("V2", Party::Site);
    c.site.email = "security@cern.ch".into();
    ev(&mut c, "E2", "2026-12-01T08:00:00Z", Party::Organiser);
    ev(&mut c, "E3", "2026-12-01T08:40:00Z", Party::Site);
    OrganiserRecord { challenge: c, truth: Some(truth()) }
}

fn records() -> Vec<(&'static str, OrganiserRecord)> {
    vec![("v1-pass", v1_pass()), ("v3-fail", v3_fail()), ("v2-site", v2_site())]
}

#[test]
fn the_same_record_gives_the_same_bytes() {
    for (name, r) in records() {
        for d in Document::ALL {
            let (a, b) = (render(&r, d), render(&r, d));
            assert!(a == b, "{name} {d:?}: two renders differ");
            assert!(a.starts_with(b"%PDF-"), "{name} {d:?}");
        }
    }
}

#[test]
fn the_attached_result_imports_and_its_sha256_is_printed_on_every_page() {
    for (name, r) in records() {
        let expected = encode_result(kit(), &result(kit(), &r));
        for d in [Document::Report, Document::Debrief, Document::DebriefRevealed] {
            let bytes = render(&r, d);
            let json = pdf::embedded_json(&bytes).unwrap_or_else(|e| panic!("{name} {d:?}: {e}"));
            assert_eq!(json, expected, "{name} {d:?}: the attachment is not the result file");
            let imported = import_result(kit(), &json, now()).unwrap_or_else(|e| panic!("{name} {d:?}: {e}"));
            assert_eq!(imported, result(kit(), &r), "{name} {d:?}");
            let sha = sha256_hex(json.as_bytes());
            let found = pdf::extract(&bytes).unwrap();
            assert_eq!(found.printed_fingerprint.as_deref(), Some(sha.as_str()), "{name} {d:?}");
            let text = pdftotext(&format!("chl-{name}-{}", d.key()), &bytes);
            for (i, page) in pages(&text).iter().enumerate() {
                let p = squash(page);
                // The footer: the label, then (after the page number, in poppler's order) the hash.
                assert!(
                    p.contains(&squash(FINGERPRINT_LABEL)) && p.contains(&sha),
                    "{name} {d:?} page {}",
                    i + 1
                );
                assert!(p.contains("EXERCISE"), "{name} {d:?} page {}: no exercise mark", i + 1);
            }
        }
        // An alert carries no file: importing it says it is not a ti-assess PDF.
        let alert = render(&r, Document::Alert);
        assert_eq!(pdf::embedded_json(&alert), Err(pdf::PdfImportError::NoAttachment), "{name}");
    }
}

#[test]
fn the_report_holds_the_cover_the_timeline_the_criteria_what_went_well_and_the_actions() {
    let r = v3_fail();
    let text = flat(&pdftotext("chl-report-content", &render(&r, Document::Report)));
    for want in [
        "SECURITY CHALLENGE REPORT",
        "atlas-20261201-01_EXERCISE",
        "TLP:RED",
        "Framework PanDA",
        "V3",
        "Reachability depth",
        "Timeline",
        "E2 ",
        "E12 ",
        "Durations",
        "Criteria C1 to C7",
        "What went well",
        "The VO security team answered the phone within minutes.",
        "Action items",
        "Ground truth",
        "6699999999",
    ] {
        assert!(text.contains(want), "`{want}` missing from the report:\n{text}");
    }
    for c in ["C1", "C2", "C3", "C4", "C5", "C6", "C7"] {
        assert!(text.contains(&format!("{c} ")), "{c} missing");
    }
    // The report names the failing criteria after FAIL.
    let card = result(kit(), &r);
    assert_eq!(card.overall_text(), "PARTIAL (C2, C3, C5 failed)");
    assert!(text.contains("Result PARTIAL (C2, C3, C5 failed)"), "{text}");
    // Singular and plural units: C5's stop threshold is one hour.
    assert!(text.contains("1 hour (unverified"), "{text}");
    assert!(!text.contains("1 hours") && !text.contains("1 working hours"), "{text}");
}

#[test]
fn the_organisers_report_carries_the_truth_and_says_tlp_red_and_the_debrief_with_reveal_too() {
    let r = v1_pass();
    for d in [Document::Report, Document::DebriefRevealed] {
        let text = squash(&pdftotext(&format!("chl-truth-{}", d.key()), &render(&r, d)));
        for s in [DN, "tok-Zq81xY3vLm", "6612345701", "sscmarkerd"] {
            assert!(text.contains(&squash(s)), "{d:?}: `{s}` missing");
        }
    }
    let organiser = pdftotext("chl-red", &render(&r, Document::Report));
    for page in pages(&organiser) {
        assert!(page.contains("TLP:RED"), "a page of the organiser's report without TLP:RED:\n{page}");
    }
    assert!(flat(&organiser).contains("Private notes"));
    let revealed = flat(&pdftotext("chl-rev", &render(&r, Document::DebriefRevealed)));
    assert!(!revealed.contains("TLP:RED") && revealed.contains("TLP:AMBER"), "{revealed}");
    assert!(!revealed.contains("Private notes"), "the debrief shows the organiser's private notes");
}

#[test]
fn the_sealed_debrief_and_the_alerts_show_no_secret_in_text_or_attachment() {
    for (name, r) in records() {
        let bytes = render(&r, Document::Debrief);
        let text = pdftotext(&format!("chl-sealed-{name}"), &bytes);
        let json = pdf::embedded_json(&bytes).unwrap();
        let (t, j) = (squash(&text), squash(&json));
        for s in must_not_appear(&r, &[]) {
            let s = squash(&s);
            assert!(!t.contains(&s), "{name}: the sealed debrief shows `{s}`");
            assert!(!j.contains(&s), "{name}: the debrief's attachment holds `{s}`");
        }
        assert!(flat(&text).contains("The ground truth stays sealed."), "{name}");
    }
    // The VO alert shows its pointer (site, CE, batch job ID) and nothing else of the truth.
    let r = v1_pass();
    let allowed = ["CERN-PROD", "ce503.cern.ch", "4815162.0"];
    let text = pdftotext("chl-vo-alert", &render(&r, Document::Alert));
    let t = squash(&text);
    for a in allowed {
        assert!(t.contains(a), "the VO alert lacks its pointer {a}");
    }
    for s in must_not_appear(&r, &allowed) {
        assert!(!t.contains(&squash(&s)), "the VO alert shows `{s}`");
    }
    assert!(flat(&text).contains("EXERCISE ALERT TO THE VO"), "{text}");
    assert!(flat(&text).contains("TLP:AMBER"));
    // The site alert: the call-back host and port, no path, token or identity.
    let r = v2_site();
    let text = pdftotext("chl-site-alert", &render(&r, Document::Alert));
    let t = squash(&text);
    assert!(t.contains("ssc-callback.example.org:8443"));
    assert!(!t.contains("/cb/"), "the call-back path leaked");
    for s in must_not_appear(&r, &[]) {
        assert!(!t.contains(&squash(&s)), "the site alert shows `{s}`");
    }
    for phrase in ["EXERCISE ALERT TO THE SITE", "TEST INCIDENT", "no collective action against the VO"] {
        assert!(flat(&text).contains(phrase), "{phrase} missing:\n{text}");
    }
}

#[test]
fn a_secret_the_organiser_typed_stops_the_sealed_debrief_and_the_alert() {
    // What went well quotes the test identity's DN: no sealed debrief PDF is made.
    let mut r = v1_pass();
    r.challenge.went_well.push(format!("The VO named {DN} quickly."));
    assert!(matches!(build(kit(), &r, Document::Debrief), Err(ViewError::Leak { .. })));
    // The organiser's copy and a revealed debrief may say it.
    assert!(build(kit(), &r, Document::Report).is_ok());
    assert!(build(kit(), &r, Document::DebriefRevealed).is_ok());
    // The VO contact's name the organiser typed holds the payload ID: no alert PDF.
    let mut r = v1_pass();
    r.challenge.vo_contact.name = "ATLAS security (re 6612345699)".into();
    assert!(matches!(build_alert(kit(), &r), Err(ViewError::Leak { .. })));
}

#[test]
fn cyrillic_and_chinese_names_print() {
    let mut r = v1_pass();
    r.challenge.organiser.name = "Группа реагирования ОИЯИ".into();
    r.challenge.vo_contact.name = "高能物理研究所 安全组".into();
    r.challenge.went_well.push("Ответ пришёл за 10 минут; 响应很快。".into());
    for d in Document::ALL {
        let bytes = render(&r, d);
        let text = squash(&pdftotext(&format!("chl-names-{}", d.key()), &bytes));
        assert!(
            text.contains("Группареагированияоияи") || text.contains("ГруппареагированияОИЯИ"),
            "{d:?}: {text}"
        );
        assert!(text.contains("高能物理研究所安全组"), "{d:?}: {text}");
        if d != Document::Alert {
            assert!(text.contains(&squash("Ответ пришёл за 10 минут; 响应很快。")), "{d:?}");
        }
        let (ok, _) =
            run("qpdf", &["--check", temp_file(&format!("chl-q-{}", d.key()), &bytes).to_str().unwrap()]);
        assert!(ok, "{d:?}: qpdf --check fails");
    }
}

#[test]
fn the_worker_request_round_trips_and_bad_requests_are_refused() {
    for (name, r) in records() {
        for d in Document::ALL {
            let text = encode_pdf_request(kit(), &r, d);
            let (back, doc) = decode_pdf_request(&text).unwrap_or_else(|e| panic!("{name} {d:?}: {e}"));
            assert_eq!((back, doc), (r.clone(), d), "{name}");
        }
    }
    let good = encode_pdf_request(kit(), &v1_pass(), Document::Debrief);
    for (what, bad) in [
        ("another format", good.replace("ti-assess.challenge-pdf", "ti-assess.assessment")),
        ("unknown document", good.replace("\"document\":\"debrief\"", "\"document\":\"everything\"")),
        ("not JSON", good[..good.len() / 2].to_owned()),
        ("no record", r#"{"format":"ti-assess.challenge-pdf","document":"report"}"#.to_owned()),
    ] {
        assert!(decode_pdf_request(&bad).is_err(), "{what} accepted");
    }
}

#[test]
fn the_models_hold_every_text_they_print() {
    // The model's text is what `fonts_needed` reads: the organiser's name in it.
    let mut r = v1_pass();
    r.challenge.organiser.name = "Κέντρο ασφαλείας".into();
    let m = build(kit(), &r, Document::Debrief).unwrap();
    assert!(m.all_text().contains("Κέντρο ασφαλείας"));
    assert!(format!("{m:?}").contains("Κέντρο ασφαλείας"));
    assert!(report::EXERCISE_BANNER.contains("EXERCISE"));
    let owner = OwnerClaim { username: "ssc-test-01".into(), ..Default::default() };
    r.challenge.answer.owner = owner;
    assert!(build(kit(), &r, Document::Debrief).is_ok(), "the VO's answer is not a leak of the debrief");
}

/// Not a test: writes each PDF of the fixtures and their pages as PNG into `artifacts/` for a
/// look (`cargo test -- --ignored --nocapture write_challenge_pdf_pngs`).
#[test]
#[ignore]
fn write_challenge_pdf_pngs() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let mut r = v3_fail();
    r.challenge.organiser.name = "Группа реагирования ОИЯИ".into();
    r.challenge.vo_contact.name = "高能物理研究所 安全组".into();
    for (stem, record, d) in [
        ("challenge-report-organiser", &r, Document::Report),
        ("challenge-report-debrief", &r, Document::Debrief),
        ("challenge-report-v1-debrief", &v1_pass(), Document::Debrief),
        ("challenge-alert-vo", &v1_pass(), Document::Alert),
        ("challenge-alert-site", &v2_site(), Document::Alert),
    ] {
        let bytes = render(record, d);
        let path = std::env::temp_dir().join(format!("{stem}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        let (ok, _) =
            run("pdftoppm", &["-png", "-r", "60", path.to_str().unwrap(), dir.join(stem).to_str().unwrap()]);
        assert!(ok, "pdftoppm failed");
        eprintln!("{stem}: {} bytes", bytes.len());
    }
}

#[test]
fn a_hard_wrapped_mail_reflows_into_paragraphs_and_keeps_its_label_lines() {
    let long =
        "Please identify the owner of this payload (certificate DN, or token issuer and subject, or VO";
    for (body, want) in [
        ("One line.", vec!["One line."]),
        (
            &*format!("{long}\nusername) and list all jobs.\n\nNext."),
            vec![&*format!("{long} username) and list all jobs."), "Next."],
        ),
        (
            "A payload of your VO behaved suspiciously at CERN-PROD. The site reports so:\nCE: ce503.cern.ch\nBatch job ID: 4815162.0",
            vec![
                "A payload of your VO behaved suspiciously at CERN-PROD. The site reports so:\nCE: ce503.cern.ch\nBatch job ID: 4815162.0",
            ],
        ),
        ("Short line\nstays apart.", vec!["Short line\nstays apart."]),
        (&*format!("{long}\n- a list item"), vec![&*format!("{long}\n- a list item")]),
        ("\n\n\n", vec![]),
    ] {
        assert_eq!(report::reflow(body), want, "{body}");
    }
}

#[test]
fn one_of_a_unit_reads_singular_in_filled_templates() {
    use ti_core::challenge::score::{amount, singular_units};
    for (n, unit, want) in [
        (1.0, "hours", "1 hour"),
        (1.0, "working hours", "1 working hour"),
        (1.0, "days", "1 day"),
        (1.04, "hours", "1 hour"),
        (2.5, "hours", "2.5 hours"),
        (0.0, "days", "0 days"),
        (100.0, "%", "100 %"),
    ] {
        assert_eq!(amount(n, unit), want, "{n} {unit}");
    }
    for (text, want) in [
        ("after 1 hours (E9 - E7)", "after 1 hour (E9 - E7)"),
        ("took 1 hours (1 working hours)", "took 1 hour (1 working hour)"),
        ("1 days old", "1 day old"),
        ("after 11 hours and 2.1 hours", "after 11 hours and 2.1 hours"),
        ("21 days, 0.1 days, 1 dayshift", "21 days, 0.1 days, 1 dayshift"),
    ] {
        assert_eq!(singular_units(text), want, "{text}");
    }
}
