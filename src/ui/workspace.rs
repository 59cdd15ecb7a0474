//! One assessment: header with progress, the section list, the current section (or the
//! results), and the gap panel with the export. Walks section by section: previous/next,
//! next unanswered, next gap; the position lives in the address and in storage.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::banner::Banner;
use super::dom_id::field_id;
use super::export::ExportButton;
use super::gaps::GapSummary;
use super::question::QuestionField;
use super::results::ResultsView;
use super::route::{Route, go};
use super::sets::{Load, Sets};
use super::state::{Ctx, Notice, SaveMode, Session, now};
use crate::web::storage::{self, Loaded, StorageError};
use ti_core::catalog::shipped;
use ti_core::model::{Assessment, QuestionSet};

/// What opening an assessment found.
enum Opened {
    Ready(&'static QuestionSet, Assessment, SaveMode, Option<Notice>),
    Missing(String),
}

fn open(session: &Session, id: &str) -> Opened {
    if session.blocked {
        return match session.get(id).and_then(|a| shipped::loaded(&a.question_set.id).map(|s| (s, a))) {
            Some((set, a)) => Opened::Ready(set, a, SaveMode::InMemory, Some(Notice::Blocked)),
            None => Opened::Missing("This assessment existed only in a page that has since been closed or reloaded, because this browser does not let ti-assess store data.".into()),
        };
    }
    let with_set = |mut a: Assessment, mode, notice| match shipped::loaded(&a.question_set.id) {
        Some(set) => {
            // Saved with an earlier version of the set: renamed answers move, none is dropped;
            // the stored copy is rewritten at the next answer.
            ti_core::upgrade::upgrade(set, &mut a);
            Opened::Ready(set, a, mode, notice)
        }
        None => Opened::Missing(format!(
            "It uses the question set \u{201c}{}\u{201d}, which this version of ti-assess does not have; it was left unchanged.",
            a.question_set.id
        )),
    };
    match storage::load(id, now().0) {
        Ok(Loaded::Found(a)) => with_set(a, SaveMode::Persisting, None),
        Ok(Loaded::Empty) => {
            Opened::Missing("There is no assessment with this address in this browser.".into())
        }
        Ok(Loaded::Quarantined { kept_as, reason }) => Opened::Missing(format!(
            "{reason} The stored data was kept unchanged under the key \u{201c}{kept_as}\u{201d}; nothing was overwritten."
        )),
        Ok(Loaded::Unsaved { reason, copy_error }) => Opened::Missing(format!(
            "{reason} It could not be copied aside ({copy_error}), so ti-assess leaves it untouched."
        )),
        // Readable, but saving would replace the only copy an older build can read: not saved.
        Ok(Loaded::Unmigrated { assessment, schema, copy_error }) => with_set(
            assessment,
            SaveMode::InMemory,
            Some(Notice::SaveFailed(StorageError::Other(format!(
                "it was stored by an earlier version (schema {schema}) and could not be copied aside before being saved in the new form ({copy_error}), so it is not overwritten"
            )))),
        ),
        // Shown as far as this version understands it; never saved over.
        Ok(Loaded::Newer(reason, Some(a))) => {
            with_set(a, SaveMode::InMemory, Some(Notice::ReadOnly(reason.to_string())))
        }
        Ok(Loaded::Newer(reason, None)) => {
            Opened::Missing(format!("{reason} It was left untouched; open it with the newer version."))
        }
        Err(e) => Opened::Missing(format!("Browser storage could not be read: {e}.")),
    }
}

/// An assessment, at the place `route` names, once the question sets are here (`sets`).
#[component]
pub fn Workspace(id: String, route: RwSignal<Route>) -> impl IntoView {
    let sets = expect_context::<Sets>();
    sets.want();
    // Changes at most twice (loading, then ready or failed): the open assessment is built once.
    let status = Memo::new(move |_| sets.status());
    move || {
        match status.get() {
        Load::Ready => view! { <ReadyWorkspace id=id.clone() route=route /> }.into_any(),
        Load::Failed(e) => view! {
            <main class="ta-home" id="main">
                <h1>"This assessment cannot be opened yet"</h1>
                <p role="alert">{format!("{e} Your answers are stored unchanged. Check the connection and try again.")}</p>
                <p>
                    <button type="button" class="ta-button" on:click=move |_| sets.want()>"Try again"</button>
                    " "
                    <a href="#/">"Back to all assessments"</a>
                </p>
            </main>
        }
        .into_any(),
        Load::Idle | Load::Loading => view! {
            <main class="ta-home ta-waiting" id="main">
                <p class="ta-home__status" role="status">"Loading the question set\u{2026}"</p>
            </main>
        }
        .into_any(),
    }
    }
}

/// An assessment whose question set is installed.
#[component]
fn ReadyWorkspace(id: String, route: RwSignal<Route>) -> impl IntoView {
    let session = expect_context::<Session>();
    match open(&session, &id) {
        Opened::Missing(why) => view! {
            <main class="ta-home" id="main">
                <h1>"This assessment cannot be opened"</h1>
                <p role="alert">{why}</p>
                <p><a href="#/">"Back to all assessments"</a></p>
            </main>
        }
        .into_any(),
        Opened::Ready(set, a, mode, notice) => {
            let ctx = Ctx::new(session, set, a, mode, notice);
            provide_context(ctx);
            super::challenge_import::track_contradictions(ctx);
            // Another tab saved this assessment: take its answers in at once.
            let key = storage::assessment_key(&id);
            let listener = window_event_listener(leptos::ev::storage, move |ev| {
                if ev.key().as_deref() == Some(key.as_str())
                    && ctx.mode.get_untracked() == SaveMode::Persisting
                {
                    ctx.merge_stored();
                }
            });
            // A save asked for while the page was hidden is written when it is visible again,
            // or when it goes away.
            let shown = window_event_listener(
                leptos::ev::Custom::<web_sys::Event>::new("visibilitychange"),
                move |_| ctx.flush(false),
            );
            let leaving = window_event_listener(leptos::ev::pagehide, move |_| ctx.flush(true));
            on_cleanup(move || {
                listener.remove();
                shown.remove();
                leaving.remove();
            });
            view! { <Walkthrough route=route /> }.into_any()
        }
    }
}

/// The section the route names, or where the user last was, or the first.
fn current_section(set: &QuestionSet, id: &str, route: &Route) -> Option<String> {
    let wanted = match route {
        Route::Section { section: Some(s), .. } => Some(s.clone()),
        Route::Section { section: None, .. } => storage::load_position(id).unwrap_or(None),
        _ => None,
    };
    wanted
        .filter(|s| set.sections.iter().any(|x| &x.id == s))
        .or_else(|| set.sections.first().map(|s| s.id.clone()))
}

#[component]
fn Walkthrough(route: RwSignal<Route>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let set = ctx.set;
    let id = ctx.id();
    // Memos, so that a change of focus target alone does not rebuild the section.
    let results_memo = Memo::new(move |_| matches!(route.get(), Route::Results { .. }));
    let showing_results = move || results_memo.get();
    let section = {
        let id = id.clone();
        Memo::new(move |_| route.with(|r| current_section(set, &id, r)))
    };
    // `#/a/<id>` resumes where the user was; name that section in the address (without a new
    // history entry) so that Back and reload behave.
    if let (Route::Section { section: None, .. }, Some(s)) = (route.get_untracked(), section.get_untracked())
    {
        super::route::replace(&Route::Section { id: id.clone(), section: Some(s), focus: None });
    }
    // Remember the position, and move the focus to the question a link asked for.
    {
        let id = id.clone();
        let blocked = ctx.session.blocked;
        Effect::new(move |_| match route.get() {
            Route::Section { id: at, section: Some(s), focus } if at == id => {
                if !blocked {
                    let _ = storage::save_position(&id, &s);
                }
                if let Some(q) = focus {
                    focus_question(&q);
                }
            }
            _ => {}
        });
    }
    let shown_sections = move || {
        set.sections
            .iter()
            .filter(|s| set.questions_in(&s.id).any(|q| ctx.is_visible(&q.id)))
            .collect::<Vec<_>>()
    };
    let progress = move || {
        let (done, shown) = ctx.visible.with(|v| {
            ctx.assessment.with(|a| {
                let shown: Vec<&str> =
                    set.questions.iter().filter(|q| v.contains(&q.id)).map(|q| q.id.as_str()).collect();
                (shown.iter().filter(|q| a.answer(q).is_some()).count(), shown.len())
            })
        });
        (done, shown)
    };
    let name =
        move || ctx.assessment.with(|a| if a.name.is_empty() { set.title.clone() } else { a.name.clone() });

    let nav = {
        let id = id.clone();
        move || {
            let id = id.clone();
            shown_sections()
                .into_iter()
                .map(|s| {
                    let sid = s.id.as_str();
                    let href = Route::Section { id: id.clone(), section: Some(s.id.clone()), focus: None }.href();
                    let counts = move || section_counts(&ctx, sid);
                    view! {
                        <li>
                            <a href=href aria-current=move || (!showing_results() && section.get().as_deref() == Some(sid)).then_some("step")>
                                <span class="ta-steps__title">{s.title.clone()}</span>
                                <span class="ta-steps__count">{counts}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    let body = {
        let id = id.clone();
        move || {
            if showing_results() {
                return view! { <ResultsView /> <div class="ta-no-print"><ExportButton /></div> }.into_any();
            }
            let Some(sid) = section.get() else { return ().into_any() };
            let Some(s) = set.sections.iter().find(|s| s.id == sid) else { return ().into_any() };
            let fields =
                set.questions_in(&s.id).map(|q| view! { <QuestionField question=q /> }).collect_view();
            view! {
                <section class="ta-section" aria-labelledby="section-heading">
                    <h2 id="section-heading" tabindex="-1">{s.title.clone()}</h2>
                    {(!s.intro.is_empty()).then(|| view! { <p class="ta-section__intro">{s.intro.clone()}</p> })}
                    <p class="ta-section__tip">"Tip: in a yes/no question, keys 1 to 5 pick Yes, Partly, No, Don't know and Not applicable."</p>
                    {fields}
                </section>
                <StepButtons id=id.clone() section=sid />
            }
            .into_any()
        }
    };

    let results_href = Route::Results { id: id.clone() }.href();
    // The section list folds behind one "Sections" control on a narrow screen (CSS shows the
    // list beside the content on a wide one and ignores `expanded`). Following a link folds it.
    let expanded = RwSignal::new(false);
    Effect::watch(move || route.track(), move |_, _, _| expanded.set(false), false);
    // "Contacts · 0/9 answered · 2 gaps", or "Results".
    let current_title = move || {
        if showing_results() {
            return "Results".to_owned();
        }
        section
            .get()
            .and_then(|sid| set.sections.iter().find(|s| s.id == sid))
            .map(|s| format!("{} \u{b7} {}", s.title, section_counts(&ctx, &s.id)))
            .unwrap_or_default()
    };
    view! {
        <div class="ta-layout ta-layout--three" class:ta-layout--results=showing_results>
            <nav class="ta-steps ta-no-print" aria-label="Sections">
                <button type="button" class="ta-steps__toggle" aria-controls="section-list"
                    aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    <span class="ta-steps__toggle-name">"Sections"</span>
                    <span class="ta-steps__toggle-current">{current_title}</span>
                    <span class="ta-steps__toggle-progress">
                        {move || { let (d, s) = progress(); format!("{d} of {s} questions answered") }}
                    </span>
                </button>
                <div id="section-list" class="ta-steps__list" class:ta-steps__list--open=move || expanded.get()>
                    <ol>{nav}</ol>
                    <p><a class="ta-steps__results" href=results_href aria-current=move || showing_results().then_some("page")>"Results"</a></p>
                </div>
            </nav>
            <main class="ta-main" id="main">
                <header class="ta-header">
                    <h1>{name}</h1>
                    <p class="ta-header__meta">{format!("{} · question set {} {}", set.title, set.id, set.version)}</p>
                    <div class="ta-progress">
                        <label for="overall-progress">{move || { let (d, s) = progress(); format!("{d} of {s} questions answered") }}</label>
                        <progress id="overall-progress" max=move || progress().1.max(1).to_string() value=move || progress().0.to_string()></progress>
                    </div>
                </header>
                <Banner notice=ctx.notice />
                {body}
            </main>
            {move || (!showing_results()).then(|| view! {
                <aside class="ta-aside ta-no-print" aria-label="Gaps and export">
                    <GapSummary />
                    <ExportButton />
                </aside>
            })}
        </div>
    }
}

/// A section's progress as the section list shows it: "0/9 answered · 2 gaps".
fn section_counts(ctx: &Ctx, section: &str) -> String {
    let set = ctx.set;
    let (done, shown) = ctx.visible.with(|v| {
        ctx.assessment.with(|a| {
            let qs: Vec<&str> =
                set.questions_in(section).filter(|q| v.contains(&q.id)).map(|q| q.id.as_str()).collect();
            (qs.iter().filter(|q| a.answer(q).is_some()).count(), qs.len())
        })
    });
    let gaps = ctx.gaps.with(|g| {
        g.iter()
            .filter(|g| {
                g.questions.first().and_then(|q| set.question(q)).is_some_and(|q| q.section == section)
            })
            .count()
    });
    let gaps = match gaps {
        0 => String::new(),
        1 => " \u{b7} 1 gap".to_owned(),
        n => format!(" \u{b7} {n} gaps"),
    };
    format!("{done}/{shown} answered{gaps}")
}

/// Previous / next section, next unanswered question, next gap.
#[component]
fn StepButtons(id: String, section: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let set = ctx.set;
    let order: Vec<String> = set
        .sections
        .iter()
        .filter(|s| set.questions_in(&s.id).any(|q| ctx.visible.with_untracked(|v| v.contains(&q.id))))
        .map(|s| s.id.clone())
        .collect();
    let at = order.iter().position(|s| *s == section);
    let link = |s: Option<&String>| {
        s.map(|s| Route::Section { id: id.clone(), section: Some(s.clone()), focus: None }.href())
    };
    let prev = at.and_then(|i| i.checked_sub(1)).and_then(|i| link(order.get(i)));
    let next = at.and_then(|i| link(order.get(i + 1)));
    let section_start = set.questions.iter().position(|q| q.section == section).unwrap_or(0);
    // Search from the question the address points at (exclusive) or the section's start, and
    // wrap around at the end.
    let after = move |pred: &dyn Fn(&str) -> bool| -> Option<Route> {
        let n = set.questions.len();
        let start = match super::route::current() {
            Route::Section { focus: Some(q), .. } => {
                set.questions.iter().position(|x| x.id == q).map(|i| i + 1).unwrap_or(section_start)
            }
            _ => section_start,
        };
        (0..n).map(|k| &set.questions[(start + k) % n]).find(|q| ctx.is_visible(&q.id) && pred(&q.id)).map(
            |q| Route::Section { id: ctx.id(), section: Some(q.section.clone()), focus: Some(q.id.clone()) },
        )
    };
    let status = RwSignal::new(String::new());
    let next_unanswered = move |_| match ctx.assessment.with_untracked(|a| after(&|q| a.answer(q).is_none()))
    {
        Some(r) => go(&r),
        None => status.set("Every question that applies is answered.".into()),
    };
    let next_gap = move |_| {
        let firsts: Vec<String> =
            ctx.gaps.with_untracked(|g| g.iter().filter_map(|g| g.questions.first().cloned()).collect());
        match after(&|q| firsts.iter().any(|f| f == q)) {
            Some(r) => jump(&r),
            None => status.set("No gap in the answers given so far.".into()),
        }
    };
    view! {
        <nav class="ta-stepper" aria-label="Move through the assessment">
            {prev.map(|h| view! { <a class="ta-button ta-button--secondary" href=h rel="prev">"Previous section"</a> })}
            {next.map(|h| view! { <a class="ta-button" href=h rel="next">"Next section"</a> })}
            <button type="button" class="ta-button ta-button--secondary" on:click=next_unanswered>"Next unanswered"</button>
            <button type="button" class="ta-button ta-button--secondary" on:click=next_gap>"Next gap"</button>
            <p class="ta-stepper__status" role="status">{move || status.get()}</p>
        </nav>
    }
}

/// Goes to a question; when it is already on screen the address may not change, so the focus
/// is moved here as well as by the route's effect.
fn jump(route: &Route) {
    go(route);
    if let Route::Section { focus: Some(q), .. } = route {
        focus_question(q);
    }
}

/// Scrolls to a question and puts the focus on its first control.
fn focus_question(question: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(box_) = doc.get_element_by_id(&format!("{}-box", field_id(question))) else { return };
    box_.scroll_into_view();
    if let Ok(Some(control)) = box_.query_selector("input, select, textarea, button")
        && let Ok(el) = control.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
