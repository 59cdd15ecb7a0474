//! The PDF report: `report::Report` → A4 PDF bytes, with printpdf's builtin Helvetica.
//!
//! Runs in the PDF worker in the browser and natively in tests. Invariants: the output is a
//! function of the report alone (no clock, no random IDs: the file ID is derived from the
//! content), and text is wrapped from the font's own glyph widths so nothing runs off the page.

mod layout;

use printpdf::{BuiltinFont, PdfDocument, PdfSaveOptions};

use crate::report::Report;
use layout::{Style, Writer};

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

/// Renders the report as PDF bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new()?;
    w.paragraph(&report.title, Style::Title);
    w.paragraph(&format!("Question set: {}", report.question_set), Style::Body);
    if let Some(date) = &report.date {
        w.paragraph(&format!("Last answer given: {date}"), Style::Body);
    }
    w.paragraph(&format!("Answered: {} of {} questions", report.answered.0, report.answered.1), Style::Body);
    w.space(10.0);

    w.heading(&format!("Gaps ({})", report.gaps.len()));
    if report.gaps.is_empty() {
        w.paragraph("No gap was found in the answers given.", Style::Body);
    }
    for gap in &report.gaps {
        w.keep_together(4);
        w.paragraph(&format!("[{}] {}", gap.severity.to_uppercase(), gap.recommendation), Style::Strong);
        w.paragraph(&gap.message, Style::Body);
        for line in &gap.answered {
            w.paragraph(&format!("Answered: {line}"), Style::Indented);
        }
        w.paragraph(&format!("What to do: {}", gap.action), Style::Indented);
        for t in &gap.thresholds {
            w.paragraph(&format!("Threshold {t}"), Style::Indented);
        }
        w.space(6.0);
    }

    for section in &report.sections {
        w.space(6.0);
        w.heading(&section.title);
        for row in &section.rows {
            w.keep_together(2);
            w.paragraph(&format!("{} {}", row.recommendation, row.question), Style::Strong);
            w.paragraph(&row.answer, Style::Indented);
            for line in &row.evidence {
                w.paragraph(line, Style::Indented);
            }
            w.space(3.0);
        }
    }

    let pages = w.finish("ti-assess report");
    let mut doc = PdfDocument::new(&report.title);
    doc.metadata.info.creator = "ti-assess".to_owned();
    doc.with_pages(pages);
    let opts = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    // printpdf puts a pseudo-random /ID in the trailer; replace it with one derived from the
    // report, so the same assessment always gives the same bytes.
    let id = content_id(report);
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

/// A 64-bit FNV-1a digest of the report's printed text, as 16 hex digits: enough to tell
/// reports apart in a file ID, not a security hash.
fn content_id(report: &Report) -> String {
    let text = format!("{report:?}");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The builtin fonts the report uses.
const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;
