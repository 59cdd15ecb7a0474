//! The page: which assessment (VO or site, from the address's `#vo` / `#site`), the banner, the
//! questions by section, and the gap summary with the export.

use leptos::prelude::*;

use super::banner::Banner;
use super::export::ExportButton;
use super::gaps::GapSummary;
use super::question::QuestionField;
use super::state::{Ctx, Notice, SaveMode, now};
use crate::catalog::{self, CatalogError};
use crate::model::{Assessment, QuestionSet, QuestionSetRef};
use crate::storage::{self, Loaded};

/// Which question set the address asks for: `#site` for sites, anything else for VOs.
fn wanted() -> &'static str {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash.trim_start_matches('#').starts_with("site") { "site" } else { "vo" }
}

fn load_set(which: &str) -> Result<&'static QuestionSet, CatalogError> {
    if which == "site" { catalog::builtin_site() } else { catalog::builtin_vo() }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let which = RwSignal::new(wanted());
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| which.set(wanted()));
    let nav = move || {
        [("vo", "#vo", "VO assessment"), ("site", "#site", "Site assessment")]
            .into_iter()
            .map(|(key, href, label)| {
                view! {
                    <a class="ta-nav__link" href=href aria-current=move || (which.get() == key).then_some("page")>
                        {label}
                    </a>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="ta-nav" aria-label="Assessments">{nav}</nav>
        {move || match load_set(which.get()) {
            Ok(set) => view! { <Workspace set=set /> }.into_any(),
            Err(e) => {
                let notice = RwSignal::new(Some(Notice::Catalogue(e.to_string())));
                view! { <Banner notice=notice /> }.into_any()
            }
        }}
    }
}

/// Loads what storage holds for `set` and decides whether saving is safe.
fn open(set: &'static QuestionSet) -> (Assessment, SaveMode, Option<Notice>) {
    let fresh = || Assessment::new(QuestionSetRef { id: set.id.clone(), version: set.version.clone() });
    if storage::probe().is_err() {
        return (fresh(), SaveMode::InMemory, Some(Notice::Blocked));
    }
    match storage::load(&set.id, now().0) {
        Ok(Loaded::Empty) => (fresh(), SaveMode::Persisting, None),
        Ok(Loaded::Found(a)) => (a, SaveMode::Persisting, None),
        Ok(Loaded::Quarantined { kept_as, reason }) => (
            fresh(),
            SaveMode::Persisting,
            Some(Notice::Quarantined { reason: reason.to_string(), key: kept_as }),
        ),
        Ok(Loaded::Unsaved { reason, copy_error }) => (
            fresh(),
            SaveMode::InMemory,
            Some(Notice::Unsaved { reason: reason.to_string(), copy_error: copy_error.to_string() }),
        ),
        Ok(Loaded::Newer(reason)) => {
            (fresh(), SaveMode::InMemory, Some(Notice::Newer { reason: reason.to_string() }))
        }
        Err(_) => (fresh(), SaveMode::InMemory, Some(Notice::Blocked)),
    }
}

#[component]
fn Workspace(set: &'static QuestionSet) -> impl IntoView {
    let (initial, mode, notice) = open(set);
    let ctx = Ctx::new(set, initial, mode, notice);
    provide_context(ctx);

    let sections = set
        .sections
        .iter()
        .map(|section| {
            let heading = format!("section-{}", section.id);
            let labelled_by = heading.clone();
            let sid = section.id.as_str();
            let fields = set.questions_in(sid).map(|q| view! { <QuestionField question=q /> }).collect_view();
            let empty = move || !set.questions_in(sid).any(|q| ctx.is_visible(&q.id));
            view! {
                <section class="ta-section" aria-labelledby=labelled_by hidden=empty>
                    <h2 id=heading>{section.title.clone()}</h2>
                    {(!section.intro.is_empty()).then(|| view! { <p class="ta-section__intro">{section.intro.clone()}</p> })}
                    {fields}
                </section>
            }
        })
        .collect_view();

    let progress = move || {
        let shown: Vec<String> = ctx
            .visible
            .with(|v| set.questions.iter().filter(|q| v.contains(&q.id)).map(|q| q.id.clone()).collect());
        let done = ctx.assessment.with(|a| shown.iter().filter(|q| a.answer(q).is_some()).count());
        format!("{done} of {} questions answered", shown.len())
    };

    view! {
        <header class="ta-header">
            <h1>{set.title.clone()}</h1>
            <p class="ta-header__meta">
                {format!("Question set {} version {}", set.id, set.version)} " · " {progress}
            </p>
        </header>
        <Banner notice=ctx.notice />
        <div class="ta-layout">
            <main class="ta-main" id="main">
                <p class="ta-intro">
                    "Start with the profile: it decides which questions apply. Each answer is saved in this browser as you give it. "
                    "Gaps against the working group's recommendations appear next to the question and in the summary."
                </p>
                {sections}
            </main>
            <aside class="ta-aside" aria-label="Gaps and export">
                <GapSummary />
                <ExportButton />
            </aside>
        </div>
    }
}
