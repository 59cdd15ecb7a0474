//! The page: header, banner, the questions by section, and the gap summary with the export.

use leptos::prelude::*;

use super::banner::Banner;
use super::export::ExportButton;
use super::gaps::GapSummary;
use super::question::QuestionField;
use super::state::{Ctx, Notice, SaveMode, now};
use crate::catalog;
use crate::model::{Assessment, QuestionSet, QuestionSetRef};
use crate::rules;
use crate::storage::{self, Loaded};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    match catalog::builtin_vo() {
        Ok(set) => view! { <Workspace set=set /> }.into_any(),
        Err(e) => {
            let notice = RwSignal::new(Some(Notice::Catalogue(e.to_string())));
            view! { <Banner notice=notice /> }.into_any()
        }
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
    let assessment = RwSignal::new(initial);
    let gaps = Memo::new(move |_| assessment.with(|a| rules::evaluate(set, a)));
    let ctx = Ctx { set, assessment, gaps, mode: RwSignal::new(mode), notice: RwSignal::new(notice) };
    provide_context(ctx);

    let sections = set
        .sections
        .iter()
        .map(|section| {
            let heading = format!("section-{}", section.id);
            let labelled_by = heading.clone();
            let fields =
                set.questions_in(&section.id).map(|q| view! { <QuestionField question=q /> }).collect_view();
            view! {
                <section class="ta-section" aria-labelledby=labelled_by>
                    <h2 id=heading>{section.title.clone()}</h2>
                    {fields}
                </section>
            }
        })
        .collect_view();

    let progress = move || {
        assessment.with(|a| {
            let done = set.questions.iter().filter(|q| a.answer(&q.id).is_some()).count();
            format!("{done} of {} questions answered", set.questions.len())
        })
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
                    "Answer what you know; each answer is saved in this browser as you give it. "
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
