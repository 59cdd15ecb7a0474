//! The working group's PDFs: the aggregate summary of a collection
//! (`collect::summary::AggregateReport`) and one comparison over time (`ComparisonReport`), laid
//! out with the same primitives as the single-assessment report (headings kept with what follows,
//! wrapped text, tables whose header repeats on every page, footer with "page x of y").
//!
//! Invariant: like `render`, the bytes are a function of the model alone (the file ID is derived
//! from it); these PDFs carry no attachment, so importing one is refused as "not made by ti-assess"
//! rather than mistaken for an assessment.

use super::layout::{Style, Writer};
use super::text::Metrics;
use super::{PdfError, assemble, table};
use ti_core::collect::summary::{AggregateReport, ComparisonReport, ComparisonSection};
use ti_core::report::Report;

/// Renders the aggregate summary as PDF bytes: overview, totals per recommendation, totals per
/// respondent, the comparisons, the skipped files.
pub fn render_aggregate(r: &AggregateReport) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new(Metrics::new()?);
    title(&mut w, AggregateReport::KICKER, &r.title);
    let cover = r.cover();
    for (i, (label, value)) in cover.iter().enumerate() {
        w.labelled(label, value, 0.0, 112.0, Style::Body);
        w.space(if i + 1 == cover.len() { 12.0 } else { 5.0 });
    }
    for (heading, t) in [r.recommendations_table(), r.respondents_table()] {
        w.heading(heading, Style::Heading, 60.0);
        table(&mut w, &t, true);
    }
    if !r.comparisons.is_empty() {
        w.heading(AggregateReport::COMPARISONS_HEADING, Style::Heading, 60.0);
        for s in &r.comparisons {
            section(&mut w, s);
        }
    }
    w.heading(AggregateReport::SKIPPED_HEADING, Style::Heading, 40.0);
    if r.skipped.is_empty() {
        w.paragraph(AggregateReport::NONE_SKIPPED, Style::Body, 0.0);
    }
    for s in &r.skipped {
        w.labelled("-", s, 4.0, 10.0, Style::Small);
    }

    let pages = w.finish(&r.footer, Report::page_label);
    assemble(&r.title, &pages, None, format!("{r:?}").as_bytes())
}

/// Renders one comparison over time as PDF bytes: which two assessments, then the four kinds of
/// change.
pub fn render_comparison(r: &ComparisonReport) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new(Metrics::new()?);
    title(&mut w, ComparisonReport::KICKER, &r.title);
    for (label, value) in &r.cover {
        w.labelled(label, value, 0.0, 80.0, Style::Body);
        w.space(5.0);
    }
    w.space(8.0);
    section(&mut w, &r.section);
    let pages = w.finish(&r.footer, Report::page_label);
    assemble(&r.title, &pages, None, format!("{r:?}").as_bytes())
}

fn title(w: &mut Writer, over: &str, text: &str) {
    w.paragraph(&over.to_uppercase(), Style::Subtitle, 0.0);
    w.space(6.0);
    w.paragraph(text, Style::Title, 0.0);
    w.rule(0.0);
    w.space(8.0);
}

/// A comparison: its title, then each kind of change as a table (or `None.`).
fn section(w: &mut Writer, s: &ComparisonSection) {
    w.heading(&s.title, Style::Subheading, 60.0);
    for t in &s.tables {
        w.heading(&t.title, Style::SmallStrong, 36.0);
        if t.rows.is_empty() {
            w.paragraph(ComparisonSection::NONE, Style::Small, 0.0);
            w.space(4.0);
        } else {
            table(w, t, false);
        }
    }
    w.rule(0.75);
}
