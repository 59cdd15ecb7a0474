//! The results view: where each recommendation stands, as a chart of sections and a filterable
//! table of recommendations, each linking back to its questions.
//!
//! It holds no rules: statuses and scores come from `status::results_from`, fed with the gaps and
//! visibility that `Ctx` already keeps in memos, so a change of answer evaluates the rules once
//! for the whole page and this view always agrees with the gap summary and the report.

use leptos::prelude::*;

use super::challenge_import::ChallengeImport;
use super::chart::ScoreChart;
use super::state::Ctx;
use ti_core::model::{Section, Severity};
use ti_core::status::{self, RecommendationStatus, Results, Status};

/// The filters in force. The default shows every recommendation.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    /// Only recommendations with at least one gap (including gaps from "don't know").
    only_gaps: bool,
    /// Only recommendations whose status has this severity (see `RecommendationStatus::severity`).
    severity: Option<Severity>,
    /// Only recommendations placed in this section (by `RecommendationStatus::section`).
    section: Option<String>,
}

impl Filter {
    fn matches(&self, r: &RecommendationStatus) -> bool {
        (!self.only_gaps || !r.gaps.is_empty())
            && self.severity.is_none_or(|s| r.severity() == Some(s))
            && self.section.as_ref().is_none_or(|s| *s == r.section)
    }
}

/// "gap: critical" → "Gap: critical": labels are lower case in the core, sentences here.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The whole results page.
#[component]
pub fn ResultsView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let set = ctx.set;
    // Reads the same memos as the gap summary, so both show the same gaps after every change.
    let results = Memo::new(move |_| {
        ctx.visible.with(|visible| {
            ctx.gaps.with(|gaps| {
                ctx.assessment.with(|a| status::results_from(set, a, |q| visible.contains(q), gaps))
            })
        })
    });
    let filter = RwSignal::new(Filter::default());
    let overall = move || {
        results.with(|r| {
            let o = &r.overall;
            format!(
                "{} of {} recommendations met; {} of {} shown questions answered; {} gaps.",
                o.met,
                o.recommendations,
                o.answered,
                o.shown,
                o.gap_total()
            )
        })
    };
    view! {
        <section class="ta-results" aria-labelledby="results-heading">
            <h2 id="results-heading">"Results"</h2>
            <p class="ta-results__overall">{overall}</p>
            // The chart takes plain data; it is redrawn whole when the scores change (a few
            // dozen SVG nodes, cheaper than tracking each bar).
            {move || view! { <ScoreChart scores=results.with(|r| r.sections.clone()) /> }}
            <Filters filter=filter sections=&set.sections />
            <ResultsTable results=results filter=filter />
            <Orphans />
            <ChallengeImport />
        </section>
    }
}

/// Answers to questions this version of the set no longer asks: listed so that nobody thinks
/// them lost (they are kept, exported and printed; see `upgrade`).
#[component]
fn Orphans() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let rows = Memo::new(move |_| ctx.assessment.with(|a| ti_core::report::orphan_rows(ctx.set, a)));
    move || {
        let rows = rows.get();
        (!rows.is_empty()).then(|| {
            let items = rows
                .into_iter()
                .map(|(key, text)| view! { <dt>{key}</dt> <dd class="ta-orphans__text">{text}</dd> })
                .collect_view();
            view! {
                <section class="ta-orphans" aria-labelledby="orphans-heading">
                    <h3 id="orphans-heading">"Answers kept from an earlier question set"</h3>
                    <p>"This version no longer asks these questions. Their answers are kept, exported and printed in the PDF, never deleted."</p>
                    <dl>{items}</dl>
                </section>
            }
        })
    }
}

/// The filter controls: real form controls with labels, applied as they change.
#[component]
fn Filters(filter: RwSignal<Filter>, sections: &'static [Section]) -> impl IntoView {
    let severities = Severity::ALL
        .into_iter()
        .map(|s| view! { <option value=s.label()>{sentence_case(s.label())}</option> })
        .collect_view();
    let section_options = sections
        .iter()
        .map(|s| view! { <option value=s.id.clone()>{s.title.clone()}</option> })
        .collect_view();
    view! {
        <fieldset class="ta-results__filters">
            <legend>"Filter the table"</legend>
            <label class="ta-results__filter ta-results__filter--check">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.only_gaps)
                    on:change=move |ev| filter.update(|f| f.only_gaps = event_target_checked(&ev))
                />
                "Only gaps"
            </label>
            <span class="ta-results__filter">
                <label for="results-severity">"Severity"</label>
                <select
                    id="results-severity"
                    on:change=move |ev| {
                        filter.update(|f| f.severity = Severity::from_label(&event_target_value(&ev)))
                    }
                >
                    <option value="">"All"</option>
                    {severities}
                </select>
            </span>
            <span class="ta-results__filter">
                <label for="results-section">"Section"</label>
                <select
                    id="results-section"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        filter.update(|f| f.section = (!id.is_empty()).then_some(id));
                    }
                >
                    <option value="">"All"</option>
                    {section_options}
                </select>
            </span>
        </fieldset>
    }
}

/// The table of recommendations that pass the filter, with a live count (or the empty state).
#[component]
fn ResultsTable(results: Memo<Results>, filter: RwSignal<Filter>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let rows = Memo::new(move |_| {
        filter.with(|f| {
            results.with(|r| r.recommendations.iter().filter(|x| f.matches(x)).cloned().collect::<Vec<_>>())
        })
    });
    let count = move || rows.with(Vec::len);
    let total = move || results.with(|r| r.recommendations.len());
    // One live region for both the count and the empty state, so a screen reader hears the
    // effect of each filter change once.
    let summary = move || match count() {
        0 => "No recommendation matches these filters. Clear a filter to see the others.".to_owned(),
        n => format!("Showing {n} of {} recommendations.", total()),
    };
    let body = move || {
        let assessment = ctx.id();
        rows.get()
            .into_iter()
            .map(|r| view! { <ResultRow status=r assessment=assessment.clone() /> })
            .collect_view()
    };
    view! {
        <p
            class="ta-results__count"
            class:ta-results__empty=move || count() == 0
            role="status"
        >
            {summary}
        </p>
        // Wide tables scroll sideways on small screens; the region is focusable so that
        // keyboard users can scroll it too.
        <div
            class="ta-results__scroll"
            role="region"
            aria-labelledby="results-caption"
            tabindex="0"
            hidden=move || count() == 0
        >
            <table class="ta-results__table">
                <caption id="results-caption">"Recommendations and their status"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Recommendation"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Criterion"</th>
                        <th scope="col">"Answers"</th>
                        <th scope="col">"What to do"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One recommendation's row.
#[component]
fn ResultRow(status: RecommendationStatus, assessment: String) -> impl IntoView {
    let href =
        super::route::Route::Section { id: assessment, section: Some(status.section.clone()), focus: None }
            .href();
    let kind = status.status.kind();
    view! {
        <tr class=format!("ta-results__row ta-results__row--{kind}")>
            <th scope="row" class="ta-results__rec">
                <a class="ta-results__id" href=href>{status.id.clone()}</a>
                " "
                <span class="ta-results__title">{status.title.clone()}</span>
            </th>
            // The status is always written out; the class only adds colour.
            <td>
                <span class=format!("ta-status ta-status--{kind}")>{sentence_case(status.status.label())}</span>
            </td>
            <td class="ta-results__criterion">{status.criterion.clone()}</td>
            <td>{answers(&status.answers)}</td>
            <td>{actions(&status)}</td>
        </tr>
    }
}

/// "label: answer" per shown question.
fn answers(list: &[(String, String)]) -> AnyView {
    if list.is_empty() {
        return view! { <p class="ta-results__none">"No question applies to this profile."</p> }.into_any();
    }
    let items =
        list.iter().map(|(label, text)| view! { <li>{format!("{label}: {text}")}</li> }).collect_view();
    view! { <ul class="ta-results__answers">{items}</ul> }.into_any()
}

/// Each gap's problem and action, severity first; or what else, if anything, is left to do.
fn actions(r: &RecommendationStatus) -> AnyView {
    if r.gaps.is_empty() {
        let text = match r.status {
            Status::Unanswered => "Answer its remaining questions.",
            Status::NotApplicable => "Nothing, for this profile.",
            _ => "Nothing: keep the evidence at hand.",
        };
        return view! { <p class="ta-results__none">{text}</p> }.into_any();
    }
    let items = r
        .gaps
        .iter()
        .map(|g| {
            let severity = g.severity.label();
            let head = if g.because_unknown {
                format!("{} (from a \u{201c}don't know\u{201d} answer):", sentence_case(severity))
            } else {
                format!("{}:", sentence_case(severity))
            };
            view! {
                <li class="ta-results__action">
                    <strong class=format!("ta-results__severity ta-results__severity--{severity}")>{head}</strong>
                    " "
                    <span class="ta-results__problem">{g.message.clone()}</span>
                    " "
                    <span class="ta-results__todo">{g.action.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="ta-results__actions">{items}</ul> }.into_any()
}
