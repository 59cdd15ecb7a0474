//! The results view: where each recommendation stands, as a chart of sections and a filterable
//! list of recommendations, one compact row each (ID and title, status, the first thing to do)
//! whose disclosure holds the criterion, the answers with their evidence and every gap, and
//! links back to the questions. Printing opens every row (`print::expand_while_printing`).
//!
//! It holds no rules: statuses and scores come from `status::results_from`, fed with the gaps and
//! visibility that `Ctx` already keeps in memos, so a change of answer evaluates the rules once
//! for the whole page and this view always agrees with the gap summary and the report.

use leptos::prelude::*;

use super::challenge_import::{ChallengeImport, ContradictionList};
use super::chart::ScoreChart;
use super::state::Ctx;
use ti_core::model::{Section, Severity};
use ti_core::status::{self, RecommendationStatus, Results};

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
            // Shown only when the latest challenge concerning this VO or site contradicts it.
            <ContradictionList />
            // The chart takes plain data; it is redrawn whole when the scores change (a few
            // dozen SVG nodes, cheaper than tracking each bar).
            {move || view! { <ScoreChart scores=results.with(|r| r.sections.clone()) /> }}
            <Filters filter=filter sections=&set.sections />
            <ResultsList results=results filter=filter />
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
            <legend>"Filter the recommendations"</legend>
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

/// The recommendations that pass the filter, one compact row each (with a live count, or the
/// empty state).
///
/// Rows are keyed by recommendation ID and read their content from `rows`, so a change of
/// answer (here or in another tab) updates a row in place: a disclosure the person opened stays
/// open.
#[component]
fn ResultsList(results: Memo<Results>, filter: RwSignal<Filter>) -> impl IntoView {
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
    let ids = move || rows.with(|v| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
    view! {
        <p
            class="ta-results__count"
            class:ta-results__empty=move || count() == 0
            role="status"
        >
            {summary}
        </p>
        <div class="ta-recs" hidden=move || count() == 0>
            // Column names for the eye; each row's summary says what each part is in words.
            <div class="ta-recs__head" aria-hidden="true">
                <span>"Recommendation"</span>
                <span>"Status"</span>
                <span>"First thing to do"</span>
            </div>
            <ul class="ta-recs__list" aria-label="Recommendations and their status">
                <For each=ids key=|id| id.clone() let:id>
                    <ResultRow id=id rows=rows />
                </For>
            </ul>
        </div>
    }
}

/// One recommendation: a compact summary (ID and title, status, first thing to do) that opens
/// on the criterion, the answers with their evidence, every gap and a link to the questions.
#[component]
fn ResultRow(id: String, rows: Memo<Vec<RecommendationStatus>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let status = {
        let id = id.clone();
        Memo::new(move |_| rows.with(|v| v.iter().find(|r| r.id == id).cloned()))
    };
    let kind = move || status.with(|s| s.as_ref().map_or("unanswered", |s| s.status.kind()));
    let label =
        move || status.with(|s| s.as_ref().map(|s| sentence_case(s.status.label())).unwrap_or_default());
    let step = move || status.with(|s| s.as_ref().map(|s| s.first_step().to_owned()).unwrap_or_default());
    let title =
        ctx.set.recommendations.iter().find(|r| r.id == id).map(|r| r.title.clone()).unwrap_or_default();
    view! {
        <li class=move || format!("ta-rec ta-rec--{}", kind())>
            <details class="ta-rec__details">
                <summary class="ta-rec__summary">
                    <span class="ta-rec__name">
                        <span class="ta-rec__id">{id.clone()}</span>
                        " "
                        <span class="ta-rec__title">{title}</span>
                    </span>
                    // The status is always written out; the class only adds colour.
                    <span class="ta-rec__status">
                        <span class="ta-visually-hidden">"Status: "</span>
                        <span class=move || format!("ta-status ta-status--{}", kind())>{label}</span>
                    </span>
                    <span class="ta-rec__step">
                        <span class="ta-visually-hidden">"First thing to do: "</span>
                        {step}
                    </span>
                </summary>
                // Rebuilt on any change of the assessment (evidence moves no status), inside the
                // same <details>, so an open row stays open.
                {move || {
                    ctx.assessment.track();
                    status.get().map(|s| view! { <RowDetails status=s /> })
                }}
            </details>
        </li>
    }
}

/// What a row's disclosure holds.
#[component]
fn RowDetails(status: RecommendationStatus) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let set = ctx.set;
    let rec = set.recommendations.iter().find(|r| r.id == status.id);
    let href =
        super::route::Route::Section { id: ctx.id(), section: Some(status.section.clone()), focus: None }
            .href();
    let section_title =
        set.sections.iter().find(|s| s.id == status.section).map(|s| s.title.clone()).unwrap_or_default();
    let evidence_wanted = rec.map(|r| r.evidence.clone()).filter(|e| !e.trim().is_empty());
    view! {
        <div class="ta-rec__body">
            <dl class="ta-rec__facts">
                <dt>"Criterion"</dt>
                <dd>{status.criterion.clone()}</dd>
                {evidence_wanted.map(|e| view! { <dt>"Evidence to keep"</dt> <dd>{e}</dd> })}
            </dl>
            <h4 class="ta-rec__heading">"Answers"</h4>
            {answers(&status)}
            {(!status.gaps.is_empty()).then(|| view! { <h4 class="ta-rec__heading">"Gaps"</h4> {actions(&status)} })}
            <p class="ta-rec__go"><a href=href>{format!("Go to its questions ({section_title})")}</a></p>
        </div>
    }
}

/// Each shown question with its answer and any evidence the respondent gave, as a list of
/// terms (no "label: answer" line, so a question's "?" is never followed by a colon).
fn answers(status: &RecommendationStatus) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let set = ctx.set;
    let shown: Vec<_> =
        set.questions.iter().filter(|q| q.recommendation == status.id && ctx.is_visible(&q.id)).collect();
    if shown.is_empty() {
        return view! { <p class="ta-results__none">"No question applies to this profile."</p> }.into_any();
    }
    let items = ctx.assessment.with(|a| {
        shown
            .iter()
            .map(|q| {
                let text = ti_core::wording::answer_text(set, a, &q.id).unwrap_or_else(|| "Not answered".to_owned());
                let evidence = a.evidence.get(&q.id).cloned().unwrap_or_default();
                let evidence_text = (!evidence.text.trim().is_empty())
                    .then(|| view! { <span class="ta-rec__evidence">{format!("Evidence: {}", evidence.text)}</span> });
                let link = (!evidence.url.trim().is_empty())
                    .then(|| view! { <span class="ta-rec__evidence">{format!("Link: {}", evidence.url)}</span> });
                view! {
                    <dt>{q.label.clone()}</dt>
                    <dd>
                        <span class="ta-rec__answer">{text}</span>
                        {evidence_text}
                        {link}
                    </dd>
                }
            })
            .collect_view()
    });
    view! { <dl class="ta-rec__answers">{items}</dl> }.into_any()
}

/// Each gap's problem and action, severity first.
fn actions(r: &RecommendationStatus) -> AnyView {
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
