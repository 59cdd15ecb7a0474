//! The section chart of the results view: one row per section with a bar of the share of shown
//! questions answered, and its gaps counted by severity.
//!
//! Drawn as plain SVG by the app (no chart library, nothing fetched). Every number is also
//! written as text beside its bar, and the whole chart is summarised in `<desc>`, so it reads
//! without colour and without sight. No inline `style`: the Content-Security-Policy forbids it,
//! so geometry goes in SVG attributes and colour in classes (style/results.css).

use leptos::prelude::*;

use ti_core::model::Severity;
use ti_core::status::SectionScore;

/// The chart's name, shown above it and given to assistive technology.
const TITLE: &str = "Answers and gaps by section";
/// The drawing's coordinate system (viewBox units; CSS scales the whole to the column width, so
/// it is kept narrow enough for the 14-unit text to stay legible in the main column).
const WIDTH: usize = 480;
/// Height of one section's row: its title and answered count above, its bar and gaps below.
const ROW: usize = 44;
/// Space above the first row.
const TOP: usize = 4;
/// Length of a full (100 %) bar.
const BAR: usize = 160;
/// Thickness of a bar.
const BAR_HEIGHT: usize = 14;
/// Where the gap counts start, after the bar.
const GAPS_X: usize = BAR + 10;

/// "2 of 9 answered (22%)".
fn answered_words(s: &SectionScore) -> String {
    format!("{} of {} answered ({}%)", s.answered, s.shown, s.percent_answered())
}

/// The non-zero gap counts, most severe first: `[(Critical, 1), (Low, 2)]`.
fn gap_counts(s: &SectionScore) -> Vec<(Severity, usize)> {
    Severity::ALL.into_iter().map(|sev| (sev, s.gaps_of(sev))).filter(|(_, n)| *n > 0).collect()
}

/// "no gaps" or "gaps: 1 critical, 2 low".
fn gap_words(s: &SectionScore) -> String {
    let counts = gap_counts(s);
    if counts.is_empty() {
        return "no gaps".to_owned();
    }
    let parts: Vec<String> = counts.iter().map(|(sev, n)| format!("{n} {}", sev.label())).collect();
    format!("gaps: {}", parts.join(", "))
}

/// The text alternative of the whole chart: every section's numbers in one paragraph.
fn description(scores: &[SectionScore]) -> String {
    if scores.is_empty() {
        return "No section has a question to show yet.".to_owned();
    }
    let rows: Vec<String> =
        scores.iter().map(|s| format!("{}: {}, {}.", s.title, answered_words(s), gap_words(s))).collect();
    format!(
        "For each section, the share of its shown questions that are answered, and its gaps by severity. {}",
        rows.join(" ")
    )
}

/// One section's row. Gap counts are separate `tspan`s so each can take its severity's colour;
/// the words say the severity too, so the colour is never the only carrier.
fn section_row(index: usize, s: &SectionScore) -> impl IntoView + use<> {
    let top = TOP + index * ROW;
    let bar_y = top + 21;
    let text_y = bar_y + BAR_HEIGHT - 3;
    let filled = BAR * s.percent_answered() / 100;
    let counts = gap_counts(s);
    let gaps = if counts.is_empty() {
        view! { <tspan class="ta-chart__none">"no gaps"</tspan> }.into_any()
    } else {
        let last = counts.len() - 1;
        let parts = counts
            .into_iter()
            .enumerate()
            .map(|(i, (sev, n))| {
                let sep = if i < last { ", " } else { "" };
                view! {
                    <tspan class=format!("ta-chart__gap ta-chart__gap--{}", sev.label())>
                        {format!("{n} {}", sev.label())}
                    </tspan>
                    <tspan class="ta-chart__value">{sep}</tspan>
                }
            })
            .collect_view();
        view! {
            <tspan class="ta-chart__value">"gaps: "</tspan>
            {parts}
        }
        .into_any()
    };
    view! {
        <g class="ta-chart__row">
            <text class="ta-chart__label" x="0" y=(top + 14).to_string()>
                {s.title.clone()}
                <tspan class="ta-chart__value">{format!(" \u{b7} {}", answered_words(s))}</tspan>
            </text>
            <rect class="ta-chart__track" x="0" y=bar_y.to_string() width=BAR.to_string()
                height=BAR_HEIGHT.to_string() rx="3" />
            <rect class="ta-chart__answered" x="0" y=bar_y.to_string() width=filled.to_string()
                height=BAR_HEIGHT.to_string() rx="3" />
            <text x=GAPS_X.to_string() y=text_y.to_string()>{gaps}</text>
        </g>
    }
}

/// The SVG `<title>`, built directly: `view!` makes a `<title>` that has siblings an HTML element
/// even inside `<svg>` (leptos_macro 0.8 passes no parent type to siblings), and only an SVG
/// `<title>` names the image and gives the tooltip.
fn svg_title() -> impl IntoView {
    leptos::tachys::svg::title().attr("id", "ta-chart-title").child(TITLE)
}

/// The chart of section scores (as given: the caller decides when to redraw it).
#[component]
pub fn ScoreChart(scores: Vec<SectionScore>) -> impl IntoView {
    let height = TOP * 2 + scores.len().max(1) * ROW;
    let desc = description(&scores);
    let rows = scores.iter().enumerate().map(|(i, s)| section_row(i, s)).collect_view();
    view! {
        <figure class="ta-chart">
            <figcaption class="ta-chart__caption">{TITLE}</figcaption>
            <svg
                class="ta-chart__svg"
                role="img"
                aria-labelledby="ta-chart-title ta-chart-desc"
                viewBox=format!("0 0 {WIDTH} {height}")
                width=WIDTH.to_string()
                height=height.to_string()
                preserveAspectRatio="xMinYMin meet"
            >
                {svg_title()}
                <desc id="ta-chart-desc">{desc}</desc>
                {rows}
            </svg>
        </figure>
    }
}
