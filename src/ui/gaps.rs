//! Gaps, shown live: a note under each affected question, and the summary list.

use leptos::prelude::*;

use super::challenge_import::ContradictionList;
use super::route::Route;
use super::state::Ctx;
use ti_core::rules::Gap;
use ti_core::wording::threshold_line;

fn gap_body(ctx: &Ctx, gap: &Gap) -> impl IntoView + use<> {
    let thresholds: Vec<String> =
        gap.thresholds.iter().map(|t| format!("Threshold {}", threshold_line(ctx.set, t))).collect();
    view! {
        <p class="ta-gap__message">{gap.message.clone()}</p>
        <p class="ta-gap__action">{format!("What to do: {}", gap.action)}</p>
        {thresholds.into_iter().map(|t| view! { <p class="ta-gap__threshold">{t}</p> }).collect_view()}
    }
}

fn gap_title(gap: &Gap) -> String {
    format!("Gap ({}): {} {}", gap.severity.label(), gap.recommendation, gap.recommendation_title)
}

/// The gaps that involve one question, under that question.
#[component]
pub fn GapNote(question: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.gaps
            .get()
            .into_iter()
            .filter(|g| g.questions.iter().any(|q| q == question))
            .map(|g| {
                view! {
                    <div class=format!("ta-gap ta-gap--{}", g.severity.label()) role="status">
                        <p class="ta-gap__title">{gap_title(&g)}</p>
                        {gap_body(&ctx, &g)}
                    </div>
                }
            })
            .collect_view()
    }
}

/// The list of all gaps, most severe first, each linking to its question.
#[component]
pub fn GapSummary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = move || ctx.gaps.with(Vec::len);
    view! {
        <section class="ta-summary" aria-labelledby="gaps-heading">
            <h2 id="gaps-heading">{move || format!("Gaps ({})", count())}</h2>
            <p class="ta-summary__empty" hidden=move || count() != 0>
                "No gap in the answers given so far."
            </p>
            <ul class="ta-summary__list">
                {move || {
                    ctx.gaps
                        .get()
                        .into_iter()
                        .map(|g| {
                            let target = g
                                .questions
                                .first()
                                .and_then(|q| ctx.set.question(q))
                                .map(|q| {
                                    Route::Section { id: ctx.id(), section: Some(q.section.clone()), focus: Some(q.id.clone()) }
                                        .href()
                                })
                                .unwrap_or_default();
                            view! {
                                <li class=format!("ta-gap ta-gap--{}", g.severity.label())>
                                    <a class="ta-gap__title" href=target>{gap_title(&g)}</a>
                                    {gap_body(&ctx, &g)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
        <ContradictionList />
    }
}
