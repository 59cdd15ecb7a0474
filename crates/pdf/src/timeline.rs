//! The challenge timeline drawn as a chart: one row per recorded event with a mark on a UTC time
//! axis, then one row per derived duration with a bar from its start event to its end event.
//! Vector drawing only (the layout's rectangles and rules); every label is text, so the chart
//! reads in `pdftotext` and to a screen reader, and the same data follows as tables.
//!
//! Invariants: nothing is drawn outside the text column (times before the axis start are drawn
//! at its left edge, behind a break mark `//`); the chart is one block that is never cut by a
//! page break (its rows are bounded by the kit's events and durations).

use super::layout::{CONTENT_W, Item, MARGIN, Style, Writer};
use ti_core::challenge::report::Timeline;

/// Width of the label column left of the plot.
const LABEL_W: f32 = 176.0;
/// Room for the break mark when some events lie before the axis.
const BREAK_W: f32 = 16.0;
/// Height of the axis with its tick labels.
const AXIS_H: f32 = 22.0;
/// Lines of a row's label kept (a longer title is cut; the tables below have it whole).
const MAX_LABEL_LINES: usize = 2;

/// A row: its wrapped label, the small line under it and its height.
struct Row {
    label: Vec<String>,
    small: String,
    height: f32,
}

fn row(w: &Writer, label: &str, small: &str) -> Row {
    let mut lines = w.wrap(label, Style::Small, LABEL_W - 8.0);
    lines.truncate(MAX_LABEL_LINES);
    let height = lines.len() as f32 * Style::Small.size() * 1.25 + Style::Tiny.size() * 1.3 + 5.0;
    Row { label: lines, small: small.to_owned(), height }
}

/// Draws the chart, or `t.empty` when nothing is recorded.
pub(super) fn chart(w: &mut Writer, t: &Timeline) {
    if t.events.is_empty() {
        w.paragraph(&t.empty, Style::Body, 0.0);
        w.space(6.0);
        return;
    }
    let before = t.events.iter().any(|e| e.before_axis);
    let left = MARGIN + LABEL_W;
    let plot_x0 = left + if before { BREAK_W + 6.0 } else { 6.0 };
    let plot_x1 = MARGIN + CONTENT_W - 6.0;
    let span = (t.end.0 - t.start.0).max(1) as f32;
    let x_of = |ms: i64| {
        if ms < t.start.0 {
            left + BREAK_W / 2.0 + 3.0
        } else {
            plot_x0 + ((ms - t.start.0) as f32 / span).min(1.0) * (plot_x1 - plot_x0)
        }
    };
    let events: Vec<Row> = t.events.iter().map(|e| row(w, &e.label, &e.when)).collect();
    let spans: Vec<Row> = t.spans.iter().map(|s| row(w, &s.label, &s.text)).collect();
    let gap = if spans.is_empty() { 0.0 } else { 16.0 };
    let height = AXIS_H
        + events.iter().map(|r| r.height).sum::<f32>()
        + gap
        + spans.iter().map(|r| r.height).sum::<f32>()
        + 6.0;
    let top = w.block(height);
    let bottom = top - height + 6.0;

    // The axis: a rule with round UTC ticks, and light grid lines down the chart.
    let axis_y = top - AXIS_H + 4.0;
    w.push(Item::Rule { x: plot_x0, y: axis_y, w: plot_x1 - plot_x0, thickness: 0.8, grey: 0.0 });
    let mut last_right = f32::MIN;
    for (at, label) in &t.ticks {
        let x = x_of(at.0);
        w.push(Item::Rect { x: x - 0.25, y: bottom, w: 0.5, h: axis_y - bottom, grey: 0.82, outline: false });
        w.push(Item::Rect { x: x - 0.4, y: axis_y, w: 0.8, h: 4.0, grey: 0.0, outline: false });
        let lw = w.width(Style::Tiny, label);
        let lx = (x - lw / 2.0).clamp(plot_x0 - 4.0, MARGIN + CONTENT_W - lw);
        // Skip a label that would overprint the previous one.
        if lx > last_right + 4.0 {
            w.push(Item::Text {
                x: lx,
                y: axis_y + 7.0,
                style: Style::Tiny,
                text: label.clone(),
                white: false,
            });
            last_right = lx + lw;
        }
    }
    let utc = "UTC";
    w.push(Item::Text { x: MARGIN, y: axis_y + 7.0, style: Style::Tiny, text: utc.to_owned(), white: false });
    if before {
        w.push(Item::Text {
            x: left + 4.0,
            y: axis_y - 2.5,
            style: Style::SmallStrong,
            text: "//".to_owned(),
            white: false,
        });
    }

    let mut y = axis_y - 2.0;
    let label_lh = Style::Small.size() * 1.25;
    let draw_label = |w: &mut Writer, r: &Row, y: f32| {
        for (i, l) in r.label.iter().enumerate() {
            let ly = y - (i as f32 + 0.85) * label_lh;
            w.push(Item::Text { x: MARGIN, y: ly, style: Style::Small, text: l.clone(), white: false });
        }
        let sy = y - r.label.len() as f32 * label_lh - Style::Tiny.size() * 1.05;
        w.push(Item::Text {
            x: MARGIN + 6.0,
            y: sy,
            style: Style::Tiny,
            text: r.small.clone(),
            white: false,
        });
    };
    for (e, r) in t.events.iter().zip(&events) {
        draw_label(w, r, y);
        let mid = y - r.height / 2.0;
        let x = x_of(e.at.0);
        // A faint lane from the axis start to the mark, then the mark itself.
        w.push(Item::Rule {
            x: plot_x0.min(x),
            y: mid,
            w: (x - plot_x0).max(0.0),
            thickness: 0.4,
            grey: 0.7,
        });
        w.push(Item::Rect { x: x - 3.0, y: mid - 3.0, w: 6.0, h: 6.0, grey: 0.0, outline: false });
        y -= r.height;
        w.push(Item::Rule { x: MARGIN, y, w: CONTENT_W, thickness: 0.2, grey: 0.85 });
    }
    if !spans.is_empty() {
        y -= gap;
        w.push(Item::Text {
            x: MARGIN,
            y: y + 4.0,
            style: Style::SmallStrong,
            text: "Durations".to_owned(),
            white: false,
        });
    }
    for (s, r) in t.spans.iter().zip(&spans) {
        draw_label(w, r, y);
        let mid = y - r.height / 2.0;
        let (x0, x1) = (x_of(s.from.0), x_of(s.to.0));
        let width = (x1 - x0).max(1.5);
        w.push(Item::Rect { x: x0, y: mid - 4.0, w: width, h: 8.0, grey: 0.55, outline: true });
        y -= r.height;
        w.push(Item::Rule { x: MARGIN, y, w: CONTENT_W, thickness: 0.2, grey: 0.85 });
    }
    w.space(8.0);
}
