//! The PDF report: `report::Report` → A4 PDF bytes with printpdf's builtin Helvetica, the
//! canonical JSON attached; and back: `embedded_json` reads that JSON out of such a PDF.
//!
//! Runs in the PDF worker in the browser and natively in tests. Invariants: the output is a
//! function of the report alone (no clock, no random IDs: the file ID is derived from the
//! content); text is wrapped from the font's own glyph widths so nothing runs off the page; the
//! attachment is byte for byte the report's `attachment` (`persist::encode`).
//!
//! ## PDF fonts
//!
//! The report uses the standard Helvetica and Helvetica-Bold, which every PDF reader has, so no
//! font is embedded. printpdf writes those with `/WinAnsiEncoding` (Latin-1 and a few more) and
//! prints anything else as `?`, which would turn "Łukasz" into "?ukasz". But the standard fonts
//! hold more glyphs than WinAnsi reaches: their Latin set also has the Central-European letters
//! (Ł ł ő ű č ř ș ț ą ę ż …, 80 letters of Latin Extended-A) and ≤ ≥ ≠ −. So the renderer writes
//! its own text strings: each font's encoding is WinAnsi plus a `/Differences` array that gives
//! those letters the 37 codes WinAnsi leaves unused (0x01–0x1F, 0x7F, 0x81, 0x8D, 0x8F, 0x90,
//! 0x9D), by Adobe glyph name, so viewers draw them and `pdftotext` maps them back to Unicode
//! (`text.rs`). Cost: 0 bytes in the worker, under 1 KB of `/Differences` in a PDF that uses
//! them. Limits, documented substitution: at most 37 distinct such letters per document, and
//! scripts the standard fonts lack (Greek, Cyrillic, CJK) print as `?`.
//!
//! The alternative, measured on this machine with DejaVu Sans (the free font of Debian's
//! fonts-dejavu-core, regular 759,720 + bold 708,920 bytes of TTF): shipping both faces in the
//! worker adds 592 KB brotli-compressed (307,489 + 284,548) to a worker of about 1 MB; and
//! printpdf as built here (default features off) does not cut the font on `subset_fonts`, so a
//! one-page PDF with the 101 characters a long report uses grows from 1.4 KB to 747 KB, over the
//! 500 KB target by itself. For a questionnaire answered by European grid sites and VOs that
//! would buy Greek and Cyrillic only, so the builtin fonts with their extended encoding were chosen.

mod attach;
mod layout;
mod summary;
mod text;

use printpdf::{BuiltinFont, PdfDocument, PdfPage, PdfSaveOptions};

pub use attach::{ATTACHMENT_NAME, Extracted, PdfImportError, embedded_json, extract};
pub use summary::{render_aggregate, render_comparison};

use layout::{Item, Style, TableSpec, Writer};
use text::{Encoding, Metrics};
use ti_core::report::{Report, ReportSection, Table};

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The builtin font's metrics could not be read (a printpdf defect; never seen).
    #[error("the PDF font metrics could not be loaded")]
    FontMetrics,
    /// Writing the file failed.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The builtin fonts the report uses.
const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;

/// Shade of a severity tag (0 black .. 1 white): darker is more severe.
fn shade(tag: &str) -> f32 {
    match tag.split_whitespace().next() {
        Some("CRITICAL") => 0.0,
        Some("HIGH") => 0.35,
        Some("MEDIUM") => 0.7,
        _ => 0.92,
    }
}

/// Renders the report as PDF bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new(Metrics::new()?);
    cover(&mut w, report);
    w.new_page();
    summary(&mut w, report);
    w.new_page();
    gaps(&mut w, report);
    w.new_page();
    w.heading(&report.sections_heading, Style::Heading, 60.0);
    for s in &report.sections {
        section(&mut w, report, s);
    }
    w.heading(&report.thresholds.title, Style::Heading, 60.0);
    table(&mut w, &report.thresholds, true);
    w.new_page();
    appendix(&mut w, report);

    let pages = w.finish(&report.footer, Report::page_label);
    let attachment = (report.attachment.as_str(), "The assessment as exported by ti-assess (JSON)");
    assemble(&report.title, &pages, Some(attachment), format!("{report:?}").as_bytes())
}

fn cover(w: &mut Writer, r: &Report) {
    w.space(90.0);
    w.paragraph(&r.subtitle.to_uppercase(), Style::Subtitle, 0.0);
    w.space(8.0);
    w.paragraph(&r.title, Style::Title, 0.0);
    w.rule(0.0);
    w.space(16.0);
    for (label, value) in &r.cover {
        w.labelled(label, value, 0.0, 112.0, Style::Body);
        w.space(5.0);
    }
}

fn summary(w: &mut Writer, r: &Report) {
    let s = &r.summary;
    w.heading(&s.heading, Style::Heading, 60.0);
    w.paragraph(&s.overview, Style::Body, 0.0);
    w.space(10.0);
    w.heading(&s.severities.title, Style::Subheading, 60.0);
    table(w, &s.severities, false);
    w.heading(&s.chart.title, Style::Subheading, 60.0);
    w.bar_chart(&s.chart.series, &s.chart.bars);
    w.heading(&s.sections.title, Style::Subheading, 60.0);
    table(w, &s.sections, false);
}

fn gaps(w: &mut Writer, r: &Report) {
    w.heading(&r.gaps_heading, Style::Heading, 60.0);
    if r.gaps.is_empty() {
        w.paragraph(&r.no_gaps, Style::Body, 0.0);
    }
    for g in &r.gaps {
        w.tagged(&g.severity, shade(&g.severity), &g.recommendation, 30.0);
        w.paragraph(&g.message, Style::Body, 0.0);
        w.space(2.0);
        for (label, text) in &g.details {
            w.labelled(label, text, 12.0, 72.0, Style::Small);
        }
        w.rule(0.75);
    }
}

fn section(w: &mut Writer, r: &Report, s: &ReportSection) {
    w.heading(&s.title, Style::Subheading, 60.0);
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|row| {
            let mut answer = row.answer.clone();
            for e in &row.evidence {
                answer.push('\n');
                answer.push_str(e);
            }
            vec![row.recommendation.clone(), row.question.clone(), answer]
        })
        .collect();
    w.table(&TableSpec {
        columns: &r.section_columns,
        widths: &[1.15, 3.6, 4.4],
        rows: &rows,
        bold_first_column: true,
    });
}

fn table(w: &mut Writer, t: &Table, bold_first_column: bool) {
    w.table(&TableSpec { columns: &t.columns, widths: &t.widths, rows: &t.rows, bold_first_column });
}

fn appendix(w: &mut Writer, r: &Report) {
    let a = &r.appendix;
    w.heading(&a.sheets_heading, Style::Heading, 60.0);
    if a.sheets.is_empty() {
        w.paragraph(&a.no_sheets, Style::Body, 0.0);
    }
    for sheet in &a.sheets {
        w.heading(&sheet.title, Style::Subheading, 40.0);
        for (heading, items) in &sheet.lists {
            w.heading(heading, Style::SmallStrong, 36.0);
            for item in items {
                w.labelled("-", item, 4.0, 10.0, Style::Small);
            }
            w.space(3.0);
        }
        w.heading(&sheet.notes.0, Style::SmallStrong, 36.0);
        w.paragraph(&sheet.notes.1, Style::Body, 10.0);
        w.rule(0.75);
    }
    w.heading(&a.challenge_heading, Style::Heading, 60.0);
    for s in &a.challenge {
        section(w, r, s);
    }
    if !r.orphans.rows.is_empty() {
        w.heading(&r.orphans.title, Style::Heading, 60.0);
        table(w, &r.orphans, true);
    }
}

/// The PDF file: pages, fonts with the document's encoding, the attachment `(text, description)`
/// if any, and a file ID derived from `content` (the model, so that the same model always gives
/// the same bytes).
fn assemble(
    title: &str,
    pages: &[Vec<Item>],
    attachment: Option<(&str, &str)>,
    content: &[u8],
) -> Result<Vec<u8>, PdfError> {
    let encoding = Encoding::for_texts(pages.iter().flatten().filter_map(|i| match i {
        Item::Text { text, .. } => Some(text.as_str()),
        _ => None,
    }));
    let (pw, ph) = layout::page_size();
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|items| PdfPage::new(pw, ph, layout::page_ops(items, |t| encoding.encode(t))))
        .collect();
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "ti-assess".to_owned();
    doc.with_pages(pdf_pages);
    // `secure: false` lets through the `Tj` operators that carry the document's own encoding.
    let opts = PdfSaveOptions { subset_fonts: true, secure: false, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    set_encoding(&mut lo, &encoding);
    if let Some((text, description)) = attachment {
        attach::attach(&mut lo, text, description).map_err(|e| PdfError::Write(e.to_string()))?;
    }
    // printpdf puts a pseudo-random /ID in the trailer; replace it with one derived from the
    // model, so the same assessment (or collection) always gives the same bytes.
    let id = ti_core::persist::sha256_hex(content);
    let id = id.get(..32).unwrap_or(&id).to_owned();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// Gives every builtin font dictionary the document's encoding: WinAnsi plus `/Differences`.
fn set_encoding(doc: &mut lopdf::Document, encoding: &Encoding) {
    let differences = encoding.differences();
    if differences.is_empty() {
        return;
    }
    let mut array = Vec::new();
    for (code, name) in differences {
        array.push(lopdf::Object::Integer(i64::from(code)));
        array.push(lopdf::Object::Name(name.as_bytes().to_vec()));
    }
    let mut enc = lopdf::Dictionary::new();
    enc.set("Type", lopdf::Object::Name(b"Encoding".to_vec()));
    enc.set("BaseEncoding", lopdf::Object::Name(b"WinAnsiEncoding".to_vec()));
    enc.set("Differences", lopdf::Object::Array(array));
    let enc_id = doc.add_object(enc);
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = object
            && d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Font")
            && d.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Type1")
        {
            d.set("Encoding", lopdf::Object::Reference(enc_id));
        }
    }
}
