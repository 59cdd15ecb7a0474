//! The PDF as a reader (and poppler, qpdf) sees it: content and order, cover, footer with the
//! fingerprint, layout limits, the attached JSON, and import from a PDF.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use sha2::Digest;
use ti_core::model::{AnswerValue, Assessment, Choice, Evidence, QuestionSet};
use ti_core::report::report_day;
use ti_core::rules::evaluate;
use ti_core::{persist, report};
use ti_pdf as pdf;
use ti_pdf::{ATTACHMENT_NAME, PdfImportError, embedded_json};

use crate::support::{answer_all, site, vo};

/// Right edge of the text column: A4 width minus the right margin (`pdf::layout`), plus half a
/// point for rounding in poppler's boxes.
const RIGHT_EDGE: f64 = 595.28 - 62.0 + 0.5;

/// Writes `bytes` to a file of its own in the temp dir (poppler and qpdf read files).
pub(crate) fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("ti-assess-it-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a poppler/qpdf tool; its stdout as text.
pub(crate) fn run(tool: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian poppler-utils / qpdf) must be installed: {e}"));
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Extracts the text with poppler's `pdftotext -layout`, as a reader of the report would see it;
/// pages are separated by form feeds.
pub(crate) fn pdftotext(name: &str, bytes: &[u8]) -> String {
    let path = temp_file(name, bytes);
    let (ok, text) = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext failed");
    text
}

pub(crate) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn render(set: &QuestionSet, a: &Assessment) -> Vec<u8> {
    pdf::render(&report::build(set, a), fonts()).unwrap().bytes
}

/// Every font file the build ships (`public/fonts/`), loaded once: what a worker has once it
/// has fetched them all.
pub(crate) fn fonts() -> &'static pdf::FontBook {
    static BOOK: std::sync::OnceLock<pdf::FontBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let mut book = pdf::FontBook::new();
        for f in &pdf::FILES {
            book.add(f.path, &std::fs::read(font_path(f.path)).unwrap()).unwrap();
        }
        book
    })
}

/// Where a font file of the build lies in the repository.
pub(crate) fn font_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/fonts").join(file)
}

/// Every question answered, and every choice answered "no" so that rules fire.
fn with_gaps(set: &QuestionSet) -> Assessment {
    let mut a = answer_all(set);
    let now = a.last_change().unwrap();
    for q in set.questions.iter().filter(|q| q.kind == ti_core::model::AnswerKind::Choice) {
        a.set_answer(&q.id, Some(AnswerValue::Choice(Choice::No)), now);
    }
    a
}

/// A fully answered VO assessment with gaps, evidence text and a link on every question, and
/// names with letters outside WinAnsi: the issue's "long evidence" case (22 pages today).
fn long_assessment() -> Assessment {
    let set = vo();
    let mut a = with_gaps(set);
    a.name = "ATLAS 2026, checked by Łukasz, Jürgen and Cécile".into();
    for (i, q) in set.questions.iter().enumerate() {
        a.set_evidence(
            &q.id,
            Evidence {
                text: format!(
                    "Checked on production by Łukasz Kowalski, Jürgen Müller and Cécile Dubois in \
                     review {i}: configuration, runbook and the last drill report read."
                ),
                url: format!("https://twiki.example.org/VOSecurity/Evidence/Question{i}/report.pdf"),
            },
        );
    }
    a
}

/// How many pages of `pdftotext -layout` output start with the line `first` (spaces collapsed):
/// a table's repeated header.
pub(crate) fn pages_starting_with(text: &str, first: &str) -> usize {
    pages(text)
        .iter()
        .filter(|p| p.lines().map(flat).find(|l| !l.is_empty()).is_some_and(|l| l == first))
        .count()
}

/// Pages of `pdftotext -layout` output (form feed separated, the last one empty).
pub(crate) fn pages(text: &str) -> Vec<&str> {
    let mut p: Vec<&str> = text.split('\u{c}').collect();
    if p.last().is_some_and(|l| l.trim().is_empty()) {
        p.pop();
    }
    p
}

#[test]
fn pdf_holds_every_question_and_every_gap_in_severity_order() {
    for set in [vo(), site()] {
        let a = with_gaps(set);
        let gaps = evaluate(set, &a, report_day(&a));
        assert!(!gaps.is_empty(), "{}: the scenario raises gaps", set.id);
        assert!(gaps.windows(2).all(|w| w[0].severity >= w[1].severity), "evaluate sorts by severity");
        let bytes = render(set, &a);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = flat(&pdftotext(&format!("every-{}", set.id), &bytes));
        for q in &set.questions {
            let head: String = q.label.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&head), "{}: question missing from PDF: {head}", set.id);
        }
        for s in &set.sections {
            assert!(text.contains(&s.title), "{}: section {} missing", set.id, s.title);
        }
        // The gap list comes before the section walk, in the order evaluate gives.
        let mut last = text.find("Gaps, most severe first").expect("gap heading");
        for g in &gaps {
            let title = format!("{} {}", g.recommendation, g.recommendation_title);
            let head: String = title.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            let at = text[last..].find(&head).map(|i| i + last);
            assert!(at.is_some(), "{}: gap {} missing or out of order", set.id, g.rule);
            last = at.unwrap_or(last);
        }
        assert!(last < text.find("Answers, section by section").unwrap(), "gaps come first");
        for word in ["CRITICAL", "HIGH", "Thresholds used", "UNVERIFIED", "Appendix A", "Appendix B"] {
            assert!(text.contains(word), "{}: `{word}` missing", set.id);
        }
    }
}

#[test]
fn cover_names_assessment_respondent_contact_date_set_and_app() {
    for (set, who) in [(vo(), "VO"), (site(), "Site")] {
        let mut a = answer_all(set);
        a.name = format!("Cover check {}", set.id);
        let name_q = set.report.name_question.as_deref().unwrap();
        a.set_answer(name_q, Some(AnswerValue::Text(format!("Name of the {who}"))), a.last_change().unwrap());
        let text = pdftotext(&format!("cover-{}", set.id), &render(set, &a));
        let cover = flat(pages(&text)[0]);
        for expected in [
            format!("Assessment {}", a.name),
            format!("{who} Name of the {who}"),
            format!("Type {who} self-assessment"),
            "Security contact security-team@example.org".to_owned(),
            "Date 2026-11-26".to_owned(),
            format!("Question set {} version {}", set.id, set.version),
            format!("ti-assess {}", env!("CARGO_PKG_VERSION")),
        ] {
            assert!(cover.contains(&expected), "{}: cover lacks `{expected}`:\n{cover}", set.id);
        }
    }
}

#[test]
fn every_page_has_page_x_of_y_and_the_sha256_of_the_json() {
    let a = long_assessment();
    let text = pdftotext("footer", &render(vo(), &a));
    let pages = pages(&text);
    let hash = sha256_hex(persist::encode(&a).as_bytes());
    for (i, page) in pages.iter().enumerate() {
        let page = flat(page);
        assert!(page.contains(&format!("page {} of {}", i + 1, pages.len())), "page {} footer", i + 1);
        assert!(page.contains(&hash), "page {} lacks the SHA-256 of the JSON", i + 1);
    }
}

#[test]
fn long_assessment_has_a_sane_page_count_passes_qpdf_and_stays_under_500_kb() {
    let bytes = render(vo(), &long_assessment());
    let text = pdftotext("long", &bytes);
    let n = pages(&text).len();
    assert!((10..=25).contains(&n), "{n} pages for a fully answered assessment with long evidence");
    assert!(bytes.len() <= 500 * 1024, "{} bytes", bytes.len());
    let path = temp_file("long.pdf", &bytes);
    let out = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf must be installed");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check failed:\n{report}");
    assert!(report.contains("No syntax or stream encoding errors found"), "{report}");
}

#[test]
fn same_assessment_gives_the_same_bytes() {
    let a = long_assessment();
    assert_eq!(render(vo(), &a), render(vo(), &a.clone()));
}

#[test]
fn names_outside_win_ansi_round_trip_through_pdftotext() {
    let text = flat(&pdftotext("names", &render(vo(), &long_assessment())));
    for name in ["Łukasz", "Jürgen", "Cécile", "Kowalski", "Müller", "Dubois"] {
        assert!(text.contains(name), "`{name}` did not come out right");
    }
    assert!(!text.contains("?ukasz"), "Ł was substituted");
}

#[test]
fn no_word_runs_past_the_right_margin() {
    let mut a = long_assessment();
    let q = vo().questions.iter().find(|q| q.kind == ti_core::model::AnswerKind::Text).unwrap();
    let mut many = "x".repeat(400);
    for i in 0..300 {
        many.push_str(&format!(" word{i}"));
    }
    many.push_str(" https://example.org/a/very/long/path/without/any/space/at/all/that/must/be/broken/somewhere/before/the/margin/index.html");
    a.set_answer(&q.id, Some(AnswerValue::Text(many)), a.last_change().unwrap());
    let bytes = render(vo(), &a);
    let path = temp_file("bbox.pdf", &bytes);
    let (ok, html) = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    assert!(ok);
    let mut words = 0;
    for chunk in html.split("<word ").skip(1) {
        let x_max: f64 = chunk
            .split("xMax=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("xMax");
        let word = chunk.split('>').nth(1).and_then(|s| s.split('<').next()).unwrap_or("");
        assert!(x_max <= RIGHT_EDGE, "`{word}` ends at {x_max}, past the margin");
        words += 1;
    }
    assert!(words > 3000, "{words} words checked");
    let text = pdftotext("bbox-text", &bytes);
    assert!(text.contains("word299"), "the end of a long answer is printed");
    assert!(text.contains("index.html"), "the end of a long URL is printed");
}

#[test]
fn a_table_continued_on_the_next_page_repeats_its_header() {
    let text = pdftotext("header", &render(vo(), &long_assessment()));
    let continued = pages_starting_with(&text, "Ref. Question Answer, evidence and notes");
    assert!(continued >= 2, "{continued} pages start with a repeated table header");
}

#[test]
fn the_json_export_is_attached_byte_for_byte() {
    let a = long_assessment();
    let bytes = render(vo(), &a);
    let path = temp_file("attach.pdf", &bytes);
    let (ok, list) = run("pdfdetach", &["-list", path.to_str().unwrap()]);
    assert!(ok && list.contains(ATTACHMENT_NAME), "pdfdetach -list:\n{list}");
    let saved = temp_file("attach.json", b"");
    let (ok, _) = run("pdfdetach", &["-save", "1", "-o", saved.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(ok, "pdfdetach -save");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), persist::encode(&a));
}

#[test]
fn a_pdf_imports_as_the_assessment_it_was_made_from() {
    for set in [vo(), site()] {
        let mut a = with_gaps(set);
        a.name = "Import Łukasz".into();
        let json = embedded_json(&render(set, &a)).unwrap();
        assert_eq!(json, persist::encode(&a));
        assert_eq!(persist::decode(&json).unwrap(), a);
    }
}

/// A valid PDF (made with printpdf directly) that carries no attachment.
pub(crate) fn plain_pdf() -> Vec<u8> {
    let mut doc = printpdf::PdfDocument::new("plain");
    doc.with_pages(vec![printpdf::PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), vec![])]);
    doc.save(&printpdf::PdfSaveOptions::default(), &mut Vec::new())
}

/// Our PDF with its attachment replaced by `content`.
pub(crate) fn with_attachment(content: Vec<u8>) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&render(vo(), &answer_all(vo()))).unwrap();
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(s) = object
            && s.dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"EmbeddedFile")
        {
            s.dict.remove(b"Filter");
            s.set_content(content.clone());
            s.compress().unwrap();
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn files_that_are_not_ti_assess_pdfs_are_refused_with_a_reason() {
    let ours = render(vo(), &answer_all(vo()));
    type Expect = fn(&PdfImportError) -> bool;
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        ("empty", vec![], |e| *e == PdfImportError::NotPdf),
        ("json", persist::encode(&answer_all(vo())).into_bytes(), |e| *e == PdfImportError::NotPdf),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), |e| *e == PdfImportError::NotPdf),
        ("plain pdf", plain_pdf(), |e| *e == PdfImportError::NoAttachment),
        ("header only", b"%PDF-1.7\n%%EOF\n".to_vec(), |e| matches!(e, PdfImportError::Damaged(_))),
        ("cut in half", ours[..ours.len() / 2].to_vec(), |e| {
            matches!(
                e,
                PdfImportError::Damaged(_) | PdfImportError::NoAttachment | PdfImportError::Unreadable(_)
            )
        }),
        ("attachment too large", with_attachment(vec![b' '; persist::MAX_BYTES + 1]), |e| {
            *e == PdfImportError::TooLarge { max: persist::MAX_BYTES }
        }),
        ("attachment not text", with_attachment(vec![0xff, 0xfe, 0x00]), |e| {
            matches!(e, PdfImportError::Unreadable(_))
        }),
    ];
    for (name, bytes, expected) in cases {
        match embedded_json(&bytes) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => {
                assert!(expected(&e), "{name}: wrong error {e:?}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
    assert_eq!(
        PdfImportError::NoAttachment.to_string(),
        "This PDF has no ti-assess attachment: it was not exported by ti-assess, or the attachment was removed. Import the JSON export instead."
    );
}

/// Not a test: writes the long assessment's JSON for `scripts/bench.mjs` (target/bench/).
#[test]
#[ignore]
fn write_long_assessment_for_the_benchmark() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("long-assessment.json"), ti_core::persist::encode(&long_assessment())).unwrap();
}

/// Not a test: writes the long report and its first pages as PNG for a look, and prints its
/// render time (`cargo test --release -- --ignored --nocapture render_sample`).
#[test]
#[ignore]
fn render_sample() {
    let a = long_assessment();
    let r = report::build(vo(), &a);
    let start = std::time::Instant::now();
    let runs = 20;
    let mut bytes = Vec::new();
    for _ in 0..runs {
        bytes = pdf::render(&r, fonts()).unwrap().bytes;
    }
    let per = start.elapsed() / runs;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let path = dir.join("sample-report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let _ = run(
        "pdftoppm",
        &["-png", "-r", "60", path.to_str().unwrap(), dir.join("sample-page").to_str().unwrap()],
    );
    let pages = pages(&pdftotext("sample", &bytes)).len();
    eprintln!(
        "render: {per:?} per PDF, {} bytes, {pages} pages, JSON {} bytes",
        bytes.len(),
        r.attachment.len()
    );
}

#[test]
fn no_page_ends_with_a_heading() {
    for set in [vo(), site()] {
        let a = if set.id == vo().id { long_assessment() } else { with_gaps(set) };
        let r = report::build(set, &a);
        let mut headings: Vec<String> = set.sections.iter().map(|s| s.title.clone()).collect();
        headings.extend(r.appendix.sheets.iter().map(|s| s.title.clone()));
        headings.extend([r.sections_heading.clone(), r.thresholds.title.clone(), r.gaps_heading.clone()]);
        let text = pdftotext(&format!("orphans-{}", set.id), &pdf::render(&r, fonts()).unwrap().bytes);
        for (i, page) in pages(&text).iter().enumerate() {
            let body: Vec<String> = page
                .lines()
                .map(flat)
                .filter(|l| {
                    !l.is_empty() && !l.contains("SHA-256 of the embedded JSON") && !l.starts_with("page ")
                })
                .collect();
            if let Some(last) = body.last() {
                assert!(
                    !headings.contains(last),
                    "{}: page {} ends with the heading `{last}`",
                    set.id,
                    i + 1
                );
            }
        }
    }
}
