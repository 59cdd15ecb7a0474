//! The challenge kit's PDFs: the report (the organiser's TLP:RED copy) and the debrief
//! (`challenge::report::ChallengeReport`), and the first alert (`AlertDocument`), laid out with
//! the same primitives as the assessment report.
//!
//! Invariants: like `render`, the bytes are a function of the model alone (its dates are the
//! record's, the file ID is derived from the model); a report or debrief carries the result JSON
//! (`persist::challenge::encode_result`) as `RESULT_ATTACHMENT_NAME` and prints its SHA-256 in
//! every footer; an alert carries nothing. What a copy may show is decided by the model, which
//! the core has checked for leaks; this module prints it all.

use super::layout::{Style, Writer};
use super::typeset::Metrics;
use super::{FontBook, PdfError, Rendered, assemble, table, timeline};
use crate::attach::RESULT_ATTACHMENT_NAME;
use ti_core::challenge::report::{AlertDocument, ChallengeReport, Head};
use ti_core::report::Report;

/// Shade of a TLP tag (0 black .. 1 white): the stricter, the darker; the label is always printed.
fn tlp_shade(label: &str) -> f32 {
    match label.trim_start_matches("TLP:") {
        "RED" => 0.0,
        "AMBER" | "AMBER+STRICT" => 0.35,
        "GREEN" => 0.7,
        _ => 0.92,
    }
}

/// Kicker, title, the TLP tag with the first banner line, the other banner lines, a rule, and
/// the cover lines with labels `label_w` wide.
fn head(w: &mut Writer, h: &Head, label_w: f32) {
    w.space(24.0);
    w.paragraph(&h.kicker.to_uppercase(), Style::Subtitle, 0.0);
    w.space(6.0);
    w.paragraph(&h.title, Style::Title, 0.0);
    w.space(8.0);
    let (first, rest) = h.banner.split_first().map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
    w.tagged(&h.tlp, tlp_shade(&h.tlp), first, 20.0);
    for b in rest {
        w.paragraph(b, Style::Body, 0.0);
    }
    w.rule(0.0);
    w.space(6.0);
    for (label, value) in &h.cover {
        w.labelled(label, value, 0.0, label_w, Style::Body);
        w.space(4.0);
    }
}

/// Renders a challenge report or debrief: cover, timeline chart and tables, criteria, what went
/// well, action items and (in the copies that have it) the ground truth.
pub fn render_challenge(r: &ChallengeReport, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{r:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
    head(&mut w, &r.head, 128.0);
    w.new_page();
    let t = &r.timeline;
    w.heading(&t.heading, Style::Heading, 120.0);
    w.paragraph(&t.intro, Style::Small, 0.0);
    w.space(8.0);
    timeline::chart(&mut w, t);
    for tab in [&t.table, &t.durations] {
        if !tab.rows.is_empty() {
            w.heading(&tab.title, Style::Subheading, 60.0);
            table(&mut w, tab, true);
        }
    }
    w.heading(&r.criteria_heading, Style::Heading, 80.0);
    table(&mut w, &r.criteria, true);
    w.heading(&r.went_well_heading, Style::Heading, 40.0);
    if r.went_well.is_empty() {
        w.paragraph(&r.none, Style::Body, 0.0);
    }
    for item in &r.went_well {
        w.labelled("-", item, 4.0, 10.0, Style::Body);
        w.space(2.0);
    }
    w.space(8.0);
    w.heading(&r.actions_heading, Style::Heading, 40.0);
    if r.actions.rows.is_empty() {
        w.paragraph(&r.none, Style::Body, 0.0);
    } else {
        table(&mut w, &r.actions, false);
    }
    if let Some(truth) = &r.truth {
        w.space(8.0);
        w.heading(&truth.heading, Style::Heading, 60.0);
        w.tagged(&r.head.tlp, tlp_shade(&r.head.tlp), &truth.intro, 20.0);
        for (label, lines) in &truth.groups {
            w.heading(label, Style::SmallStrong, 24.0);
            for l in lines {
                w.labelled("-", l, 4.0, 10.0, Style::Small);
            }
            w.space(4.0);
        }
    }
    let (pages, metrics) = w.finish(&r.footer, Report::page_label);
    let attachment = (
        RESULT_ATTACHMENT_NAME,
        r.attachment.as_str(),
        "The challenge result as exported by ti-assess (JSON): a VO or site imports it into its assessment",
    );
    assemble(&r.head.info, &pages, &metrics, Some(attachment), model.as_bytes())
}

/// Renders the first alert: to and from, the subject and the message as sent.
pub fn render_alert(a: &AlertDocument, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{a:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
    head(&mut w, &a.head, 80.0);
    w.space(10.0);
    w.heading(&a.subject_label, Style::Subheading, 30.0);
    w.paragraph(&a.subject, Style::Strong, 0.0);
    w.space(10.0);
    w.heading(&a.body_label, Style::Subheading, 60.0);
    for p in &a.paragraphs {
        w.paragraph(p, Style::Body, 0.0);
        w.space(6.0);
    }
    let (pages, metrics) = w.finish(&a.footer, Report::page_label);
    assemble(&a.head.info, &pages, &metrics, None, model.as_bytes())
}
