//! The working group's PDFs: the aggregate summary of a collection
//! (`collect::summary::AggregateReport`) and one comparison over time (`ComparisonReport`), laid
//! out with the same primitives as the single-assessment report (headings kept with what follows,
//! wrapped text, tables whose header repeats on every page, footer with "page x of y").
//!
//! Invariant: like `render`, the bytes are a function of the model alone (the file ID is derived
//! from it); these PDFs carry no attachment, so importing one is refused as "not made by ti-assess"
//! rather than mistaken for an assessment.

use super::layout::{Style, Writer};
use super::typeset::Metrics;
use super::{FontBook, PdfError, Rendered, assemble, table};
use ti_core::collect::summary::{AggregateReport, ComparisonReport, ComparisonSection};
use ti_core::report::{DocumentInfo, Report};
use ti_core::time::{Date, Timestamp};

/// Renders the aggregate summary as a PDF: overview, totals per recommendation, totals per
/// respondent, the comparisons, the skipped files; with the faces of `fonts` its text needs.
pub fn render_aggregate(r: &AggregateReport, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{r:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
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
    if !r.challenges.rows.is_empty() {
        w.heading(AggregateReport::CHALLENGES_HEADING, Style::Heading, 60.0);
        table(&mut w, &r.challenges, true);
    }
    if !r.contradictions.rows.is_empty() {
        w.heading(AggregateReport::CONTRADICTIONS_HEADING, Style::Heading, 60.0);
        table(&mut w, &r.contradictions, true);
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

    let (pages, metrics) = w.finish(&r.footer, Report::page_label);
    let info = info(&r.title, AggregateReport::KICKER, Some(r.judged_at.as_str()));
    assemble(&info, &pages, &metrics, None, model.as_bytes())
}

/// Renders one comparison over time as a PDF: which two assessments, then the four kinds of
/// change; with the faces of `fonts` its text needs.
pub fn render_comparison(r: &ComparisonReport, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{r:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
    title(&mut w, ComparisonReport::KICKER, &r.title);
    for (label, value) in &r.cover {
        w.labelled(label, value, 0.0, 80.0, Style::Body);
        w.space(5.0);
    }
    w.space(8.0);
    section(&mut w, &r.section);
    let (pages, metrics) = w.finish(&r.footer, Report::page_label);
    // The cover's "Judged at" line starts with the date the comparison was judged at.
    let judged = r.cover.iter().find(|(label, _)| label == "Judged at").map(|(_, v)| v.as_str());
    let info = info(&r.title, ComparisonReport::KICKER, judged);
    assemble(&info, &pages, &metrics, None, model.as_bytes())
}

/// The document information of a working-group PDF: dated the day it was judged at (the
/// `YYYY-MM-DD` that `judged` starts with), by no one in particular.
fn info(title: &str, kicker: &str, judged: Option<&str>) -> DocumentInfo {
    let day = judged.and_then(|j| j.get(..10)).and_then(|d| Date::parse(d).ok());
    let at = day.map(|d| Timestamp(d.0 * 86_400_000));
    DocumentInfo {
        title: title.to_owned(),
        subject: format!("{kicker}: WLCG Traceability & Isolation self-assessments"),
        author: String::new(),
        language: "en".to_owned(),
        created: at,
        modified: at,
    }
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
