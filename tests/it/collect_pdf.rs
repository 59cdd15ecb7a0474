//! The working group's PDFs as a reader (poppler, qpdf) sees them: the aggregate summary of a
//! collection (respondents, totals, changes since previous reports, skipped files), the PDF of one
//! comparison, both deterministic; the message that carries them to the worker; and the per-file
//! check of a PDF's printed SHA-256 against the JSON it carries.

use std::process::Command;

use ti_core::collect::diff;
use ti_core::collect::matrix::Filter;
use ti_core::collect::summary::{self, AggregateReport};
use ti_core::collect::{Collection, HashCheck};
use ti_core::model::{Respondent, Severity};
use ti_core::persist::{self, DecodeError};
use ti_core::report;
use ti_pdf as pdf;

use crate::collect::{four, json, vo_report};
use crate::pdf::{
    flat, fonts, pages, pages_starting_with, pdftotext, plain_pdf, render, temp_file, with_attachment,
};
use crate::support::{answer_all, today, vo};

/// `four()` with an older ATLAS report (so ATLAS has a history and a comparison) and a bad file.
fn collection() -> Collection {
    let mut c = four();
    let older = vo_report("atlas", "ATLAS 2025", "2025-11-01T09:00:00Z", &[("VO-CON-1.email", "-")]);
    c.add_file("atlas-2025.json", &json(&older));
    c.add_file("broken.json", b"{\"format\":");
    c
}

fn aggregate(c: &Collection, f: &Filter) -> AggregateReport {
    summary::build(c, f, summary::since_previous(c, f))
}

#[test]
fn the_aggregate_pdf_prints_respondents_totals_changes_and_skipped_files() {
    let c = collection();
    let r = aggregate(&c, &Filter::default());
    let bytes = pdf::render_aggregate(&r, fonts()).unwrap().bytes;
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext("aggregate", &bytes);
    let all = flat(&text);
    // What a reader must find, in this order.
    let expected = [
        "WLCG Traceability & Isolation: collected self-assessments",
        "Judged at 2026-11-26",
        "6 files read, 5 reports from 4 respondents, 1 skipped",
        "Every respondent's newest report and every recommendation.",
        "Recommendations: how many respondents meet each",
        "VO-CON-1",
        "1 of 2 met, 1 gap (1 critical)",
        "Respondents, newest report of each",
        "=OSG site",
        "ATLAS",
        "CERN",
        "Small VO",
        "Changes since each respondent's previous report",
        "ATLAS: since the previous report (2025-11-01 to 2026-11-01)",
        "New gaps (0)",
        "Closed gaps (1)",
        "Changed answers (1)",
        "Not answered security@examplevo.org",
        "Gone stale (0)",
        "Files skipped",
        "broken.json: The data is not valid JSON",
    ];
    let mut at = 0;
    for e in expected {
        let found = all[at..].find(e).map(|i| i + at);
        assert!(found.is_some(), "`{e}` missing or out of order in:\n{all}");
        at = found.unwrap_or(at);
    }
    // Each respondent's row holds their totals, as the matrix has them.
    for line in &r.respondents {
        assert!(all.contains(&line.totals), "{}: totals `{}` missing", line.name, line.totals);
    }
    let pages = pages(&text);
    for (i, p) in pages.iter().enumerate() {
        let p = flat(p);
        assert!(p.contains(&format!("page {} of {}", i + 1, pages.len())), "page {} footer", i + 1);
        assert!(p.contains("collected self-assessments, judged at 2026-11-26"), "page {} footer text", i + 1);
        assert!(p.contains(ti_core::about::APP), "page {} footer names the build", i + 1);
    }
    // Not an assessment: importing the summary is refused rather than mistaken for one.
    assert_eq!(pdf::embedded_json(&bytes), Err(pdf::PdfImportError::NoAttachment));
}

#[test]
fn the_aggregate_pdf_follows_the_matrix_filter() {
    let c = collection();
    let f = Filter { kind: Some(Respondent::Site), severity: Some(Severity::Critical), ..Filter::default() };
    let r = aggregate(&c, &f);
    assert_eq!(r.respondents.len(), 2);
    assert!(r.comparisons.is_empty(), "ATLAS is not a site");
    let text = flat(&pdftotext("aggregate-filtered", &pdf::render_aggregate(&r, fonts()).unwrap().bytes));
    assert!(text.contains("Filtered as in the matrix: sites only; recommendations of severity critical."));
    assert!(text.contains("CERN") && text.contains("=OSG site"));
    assert!(!text.contains("Small VO"), "a VO is left out by the filter");
}

#[test]
fn the_same_collection_gives_the_same_aggregate_pdf_bytes() {
    let a = pdf::render_aggregate(&aggregate(&collection(), &Filter::default()), fonts()).unwrap().bytes;
    let b = pdf::render_aggregate(&aggregate(&collection(), &Filter::default()), fonts()).unwrap().bytes;
    assert_eq!(a, b);
    let mut other = collection();
    other.add_file("cms.json", &json(&vo_report("cms", "CMS", "2026-10-05T09:00:00Z", &[])));
    assert_ne!(a, pdf::render_aggregate(&aggregate(&other, &Filter::default()), fonts()).unwrap().bytes);
}

#[test]
fn a_large_aggregate_pdf_repeats_table_headers_and_passes_qpdf() {
    let mut c = Collection::new(today());
    for i in 0..300 {
        let a = vo_report(&format!("vo{i:03}"), &format!("VO {i:03}"), "2026-10-01T09:00:00Z", &[]);
        c.add_file(&format!("{i}.json"), &json(&a));
    }
    let bytes = pdf::render_aggregate(&aggregate(&c, &Filter::default()), fonts()).unwrap().bytes;
    let text = pdftotext("aggregate-large", &bytes);
    let n = pages(&text).len();
    assert!((6..=20).contains(&n), "{n} pages for 300 respondents");
    let continued =
        pages_starting_with(&text, "Respondent Type Report of Recommendations met, gaps Reports Challenge");
    assert!(continued >= 4, "{continued} pages start with the repeated respondents header");
    assert!(flat(&text).contains("VO 299"), "the last respondent is printed");
    let path = temp_file("aggregate-large.pdf", &bytes);
    let out = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf must be installed");
    assert!(out.status.success(), "qpdf --check:\n{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_comparison_pdf_lists_the_four_kinds_of_change() {
    let before = vo_report("atlas", "ATLAS 2025", "2025-11-01T09:00:00Z", &[("VO-CON-1.email", "-")]);
    let after = vo_report(
        "atlas",
        "ATLAS 2026",
        "2026-11-01T09:00:00Z",
        &[("VO-IR-1.procedure", "c:no"), ("VO-CON-2.confirmed", "d:2024-01-15")],
    );
    let d = diff::compare(&before, &after, today()).unwrap();
    let r = summary::comparison_report(&before, &after, today(), &d);
    let bytes = pdf::render_comparison(&r, fonts()).unwrap().bytes;
    assert_eq!(bytes, pdf::render_comparison(&r.clone(), fonts()).unwrap().bytes, "deterministic");
    let text = flat(&pdftotext("comparison", &bytes));
    let n = |k: usize| k.to_string();
    let mut expected = vec![
        "Compare over time".to_owned(),
        "Earlier ATLAS 2025 (VO, question set wlcg-ti-vo".to_owned(),
        "Later ATLAS 2026 (VO, question set wlcg-ti-vo".to_owned(),
        format!("New gaps ({})", n(d.new_gaps.len())),
        format!("Closed gaps ({})", n(d.closed_gaps.len())),
        format!("Changed answers ({})", n(d.changed_answers.len())),
        format!("Gone stale ({})", n(d.gone_stale.len())),
    ];
    expected.extend(d.new_gaps.iter().chain(&d.closed_gaps).map(|g| g.recommendation.clone()));
    expected.extend(d.gone_stale.iter().map(|s| format!("{} {} days", s.date, s.age_days)));
    for e in &expected {
        assert!(text.contains(e.as_str()), "`{e}` missing from:\n{text}");
    }
    assert!(d.new_gaps.iter().any(|g| g.recommendation == "VO-IR-1"), "the scenario opens VO-IR-1");
    assert_eq!(d.closed_gaps.len(), 1);
    assert_eq!(d.gone_stale.len(), 1);
    assert!(text.contains("Not answered security@examplevo.org"), "a changed answer, before and after");
}

#[test]
fn the_worker_messages_round_trip_and_refuse_what_is_not_theirs() {
    let c = collection();
    let r = aggregate(&c, &Filter::default());
    assert_eq!(persist::decode_aggregate(&persist::encode_aggregate(&r)).unwrap(), r);
    let d = diff::compare(&c.reports[4].assessment, &c.reports[0].assessment, today()).unwrap();
    let cr = summary::comparison_report(&c.reports[4].assessment, &c.reports[0].assessment, today(), &d);
    let text = persist::encode_comparison(&cr);
    assert_eq!(persist::decode_comparison(&text).unwrap(), cr);

    let aggregate_text = persist::encode_aggregate(&r);
    type Expect = fn(&DecodeError) -> bool;
    let cases: Vec<(&str, String, Expect)> = vec![
        ("not JSON", "{\"format\":".into(), |e| matches!(e, DecodeError::NotJson { .. })),
        ("a comparison", text.clone(), |e| matches!(e, DecodeError::WrongFormat { .. })),
        ("an assessment", persist::encode(&answer_all(vo())), |e| {
            matches!(e, DecodeError::WrongFormat { .. })
        }),
        ("a newer schema", aggregate_text.replacen("\"schema\":1", "\"schema\":2", 1), |e| {
            matches!(e, DecodeError::NewerSchema { found: 2, .. })
        }),
        ("a field missing", aggregate_text.replacen("\"overview\":", "\"overviews\":", 1), |e| {
            matches!(e, DecodeError::Invalid { .. })
        }),
        (
            "a table without widths",
            aggregate_text.replace("\"widths\":[3.5,1.2,5.0]", "\"widths\":[]"),
            |e| matches!(e, DecodeError::Invalid { .. }),
        ),
    ];
    for (name, input, expected) in cases {
        match persist::decode_aggregate(&input) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => assert!(expected(&e), "{name}: wrong error {e:?}"),
        }
    }
}

/// Our PDF with the first page's content emptied: the attachment is there, no hash is printed.
fn without_printed_hash(bytes: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(bytes).unwrap();
    let first = *doc.get_pages().values().next().unwrap();
    for id in doc.get_page_contents(first) {
        if let Ok(lopdf::Object::Stream(s)) = doc.get_object_mut(id) {
            s.dict.remove(b"Filter");
            s.set_content(Vec::new());
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_whose_printed_hash_is_not_its_jsons_is_flagged() {
    let a = answer_all(vo());
    let ours = render(vo(), &a);
    let r = report::build(vo(), &a);
    let found = pdf::extract(&ours).unwrap();
    assert_eq!(
        found.printed_fingerprint.as_deref(),
        Some(r.fingerprint.as_str()),
        "the footer's hash is read"
    );
    let mut other = a.clone();
    other.name = "Someone else".into();
    let cases: Vec<(&str, Vec<u8>, HashCheck)> = vec![
        ("as exported", ours.clone(), HashCheck::Matches),
        ("attachment swapped for another assessment", with_attachment(json(&other)), HashCheck::Differs),
        (
            "attachment re-saved with a space more",
            with_attachment(format!("{} ", persist::encode(&a)).into_bytes()),
            HashCheck::Differs,
        ),
        ("no hash printed", without_printed_hash(&ours), HashCheck::Missing),
    ];
    let mut c = Collection::new(today());
    for (name, bytes, expected) in &cases {
        let found = pdf::extract(bytes).unwrap();
        let check = HashCheck::of(found.printed_fingerprint.as_deref(), &found.json);
        assert_eq!(check, *expected, "{name}");
        let outcome = c.add_pdf(name, bytes.len(), &found.json, found.printed_fingerprint.as_deref());
        assert_eq!(outcome.hash, Some(*expected), "{name}: the file's status");
        assert_eq!(outcome.size, bytes.len(), "{name}: the PDF's size, not the JSON's");
        assert!(outcome.result.is_ok(), "{name}: the assessment is read whatever the hash says");
    }
    assert_eq!(HashCheck::Differs.label(), "hash differs: the PDF was edited after export");
    assert_eq!(HashCheck::Missing.label(), "no hash (not made by ti-assess)");
    assert_eq!(HashCheck::Matches.label(), "hash matches");
    // A JSON file has no such check.
    assert_eq!(c.add_file("plain.json", &json(&a)).hash, None);
    // A PDF without any attachment is not read at all.
    assert_eq!(pdf::extract(&plain_pdf()), Err(pdf::PdfImportError::NoAttachment));
}
