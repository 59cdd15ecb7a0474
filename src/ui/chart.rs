//! The section chart of the results view: one row per section with a bar of the share of shown
//! questions answered, and its gaps counted by severity.
//!
//! The words and numbers are HTML text, so they keep the page's font size at every width and
//! wrap on a phone (an SVG scaled to a 375 px column shrank its text to about 10 px); only the
//! bar is a small SVG, hidden from assistive technology because the text beside it says the
//! same. Drawn by the app (no chart library, nothing fetched). No inline `style`: the
//! Content-Security-Policy forbids it, so the bar's length is an SVG attribute and colour
//! comes from classes (style/results.css).

use leptos::prelude::*;

use ti_core::model::Severity;
use ti_core::status::SectionScore;

/// The chart's name, shown above it and given to assistive technology.
const TITLE: &str = "Answers and gaps by section";

/// "2 of 9 answered (22%)".
fn answered_words(s: &SectionScore) -> String {
    format!("{} of {} answered ({}%)", s.answered, s.shown, s.percent_answered())
}

/// The non-zero gap counts, most severe first: `[(Critical, 1), (Low, 2)]`.
fn gap_counts(s: &SectionScore) -> Vec<(Severity, usize)> {
    Severity::ALL.into_iter().map(|sev| (sev, s.gaps_of(sev))).filter(|(_, n)| *n > 0).collect()
}

/// The bar: the track and the answered share, in a 100-unit-wide drawing stretched to the
/// bar's CSS box.
fn bar(percent: usize) -> impl IntoView {
    view! {
        <svg class="ta-chart__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"
            focusable="false">
            <rect class="ta-chart__track" x="0" y="0" width="100" height="10" />
            <rect class="ta-chart__answered" x="0" y="0" width=percent.min(100).to_string() height="10" />
        </svg>
    }
}

/// One section's row. Gap counts are separate spans so each can take its severity's colour;
/// the words say the severity too, so the colour is never the only carrier.
fn section_row(s: &SectionScore) -> impl IntoView + use<> {
    let counts = gap_counts(s);
    let gaps = if counts.is_empty() {
        view! { <span class="ta-chart__none">"no gaps"</span> }.into_any()
    } else {
        let last = counts.len() - 1;
        let parts = counts
            .into_iter()
            .enumerate()
            .map(|(i, (sev, n))| {
                view! {
                    <span class=format!("ta-chart__gap ta-chart__gap--{}", sev.label())>
                        {format!("{n} {}", sev.label())}
                    </span>
                    {(i < last).then_some(", ")}
                }
            })
            .collect_view();
        view! { "gaps: " {parts} }.into_any()
    };
    view! {
        <li class="ta-chart__row">
            <span class="ta-chart__label">{s.title.clone()}</span>
            {bar(s.percent_answered())}
            <span class="ta-chart__value">{answered_words(s)}</span>
            <span class="ta-chart__gaps">{gaps}</span>
        </li>
    }
}

/// The chart of section scores (as given: the caller decides when to redraw it).
#[component]
pub fn ScoreChart(scores: Vec<SectionScore>) -> impl IntoView {
    let rows = if scores.is_empty() {
        view! { <p class="ta-chart__empty">"No section has a question to show yet."</p> }.into_any()
    } else {
        let rows = scores.iter().map(section_row).collect_view();
        view! { <ul class="ta-chart__rows">{rows}</ul> }.into_any()
    };
    view! {
        <figure class="ta-chart" aria-labelledby="ta-chart-caption">
            <figcaption class="ta-chart__caption" id="ta-chart-caption">{TITLE}</figcaption>
            {rows}
        </figure>
    }
}
