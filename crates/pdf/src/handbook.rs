//! The forensic handbook PDF (issue #15), laid out from `ti_core::trace::handbook::Handbook`
//! with the same primitives as the other PDFs: cover, the marker legend, one section per
//! framework (what a site sees, the identifiers, the commands with their markers and sources,
//! what to send the VO, what the VO does), then one page per VO.
//!
//! Invariant: the bytes are a function of the model alone (file ID derived from it, no clock);
//! every word printed is the model's, so a test of the model is a test of the text.

use super::layout::{Style, Writer};
use super::typeset::Metrics;
use super::{FontBook, PdfError, Rendered, TableSpec, assemble};
use ti_core::report::{DocumentInfo, Report};
use ti_core::trace::handbook::{FrameworkSection, Handbook, HandbookStep, Rows, VoPage};

/// Renders the handbook; with the faces of `fonts` its text needs.
pub fn render_handbook(h: &Handbook, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{h:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
    w.paragraph(&Handbook::KICKER.to_uppercase(), Style::Subtitle, 0.0);
    w.space(6.0);
    w.paragraph(&h.title, Style::Title, 0.0);
    w.rule(0.0);
    w.tagged(&h.tlp, 0.85, &h.tlp_note, 12.0);
    for (label, value) in &h.cover {
        w.labelled(label, value, 0.0, 112.0, Style::Body);
        w.space(5.0);
    }
    w.space(6.0);
    w.heading(Handbook::MARKERS_HEADING, Style::Subheading, 40.0);
    for (label, note) in &h.markers {
        w.labelled(label, note, 0.0, 150.0, Style::Small);
        w.space(3.0);
    }
    for s in &h.sections {
        w.new_page();
        section(&mut w, s);
    }
    w.new_page();
    w.heading(Handbook::VO_HEADING, Style::Heading, 40.0);
    if h.vo_pages.is_empty() {
        w.paragraph(&h.no_vo_pages, Style::Body, 0.0);
    }
    for (i, p) in h.vo_pages.iter().enumerate() {
        if i > 0 {
            w.new_page();
        }
        vo_page(&mut w, p);
    }
    let (pages, metrics) = w.finish(&h.footer, Report::page_label);
    let info = DocumentInfo {
        title: h.title.clone(),
        subject: format!("{}: WLCG Traceability & Isolation", Handbook::KICKER),
        author: String::new(),
        language: "en".to_owned(),
        created: None,
        modified: None,
    };
    assemble(&info, &pages, &metrics, None, model.as_bytes())
}

fn rows(w: &mut Writer, r: &Rows, widths: &[f32]) {
    if r.rows.is_empty() {
        return;
    }
    w.table(&TableSpec { columns: &r.columns, widths, rows: &r.rows, bold_first_column: true });
}

fn section(w: &mut Writer, s: &FrameworkSection) {
    w.heading(&s.title, Style::Heading, 60.0);
    if !s.sees.rows.is_empty() {
        w.heading(Handbook::SEES, Style::Subheading, 40.0);
        rows(w, &s.sees, &[2.4, 3.2, 2.4]);
    }
    if !s.identifiers.rows.is_empty() {
        w.heading(Handbook::IDENTIFIERS, Style::Subheading, 40.0);
        rows(w, &s.identifiers, &[2.2, 1.8, 4.0, 2.0]);
    }
    if !s.steps.is_empty() {
        w.heading(Handbook::COMMANDS, Style::Subheading, 40.0);
        steps(w, &s.steps);
    }
    if !s.request.rows.is_empty() {
        w.heading(Handbook::REQUEST, Style::Subheading, 40.0);
        rows(w, &s.request, &[1.6, 5.0]);
    }
    if !s.required.is_empty() {
        w.heading(Handbook::REQUIRED, Style::SmallStrong, 30.0);
        for r in &s.required {
            w.labelled("-", r, 4.0, 10.0, Style::Small);
        }
        w.space(4.0);
    }
    if !s.vo_steps.is_empty() {
        w.heading(Handbook::VO_STEPS, Style::Subheading, 40.0);
        steps(w, &s.vo_steps);
    }
}

fn steps(w: &mut Writer, steps: &[HandbookStep]) {
    let mut phase = "";
    for s in steps {
        if s.phase != phase {
            phase = &s.phase;
            w.heading(phase, Style::Strong, 40.0);
        }
        w.heading(&s.title, Style::SmallStrong, 30.0);
        if !s.text.is_empty() {
            w.paragraph(&s.text, Style::Small, 6.0);
        }
        let mut meta = vec![s.marker.clone()];
        if !s.when.is_empty() {
            meta.push(format!("{}: {}", Handbook::WHEN, s.when));
        }
        if !s.sources.is_empty() {
            meta.push(format!("{}: {}", Handbook::SOURCES, s.sources));
        }
        w.paragraph(&meta.join(" | "), Style::Tiny, 6.0);
        w.space(2.0);
        for c in &s.commands {
            w.tagged(&c.marker, 0.9, &c.line, 14.0);
            if !c.explain.is_empty() {
                w.paragraph(&c.explain, Style::Small, 12.0);
            }
            let mut meta = Vec::new();
            if !c.when.is_empty() {
                meta.push(format!("{}: {}", Handbook::WHEN, c.when));
            }
            if !c.sources.is_empty() {
                meta.push(format!("{}: {}", Handbook::SOURCES, c.sources));
            }
            if !meta.is_empty() {
                w.paragraph(&meta.join(" | "), Style::Tiny, 12.0);
            }
            if !c.note.is_empty() {
                w.paragraph(&format!("{}: {}", Handbook::CAUTION, c.note), Style::Small, 12.0);
            }
            w.space(3.0);
        }
        w.space(4.0);
    }
}

fn vo_page(w: &mut Writer, p: &VoPage) {
    w.heading(&p.name, Style::Heading, 60.0);
    for (label, value) in &p.lines {
        w.labelled(label, value, 0.0, 120.0, Style::Body);
        w.space(4.0);
    }
    for (heading, text) in &p.notes {
        w.space(6.0);
        w.heading(heading, Style::Subheading, 30.0);
        for para in text.split('\n') {
            w.paragraph(para, Style::Body, 0.0);
        }
    }
}
