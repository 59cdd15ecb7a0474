//! Parts both sides of "Trace a job" show: the request's fields grouped as the request prints
//! them, the note when the draft is not saved, clearing the case, and the sources cited.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::trace_form::{FieldGroup, TraceForm};
use ti_core::catalog;
use ti_core::trace::model::{BATCH, CE, FRAMEWORK, Field, Group, Values};

/// The chosen framework, CE and batch system, as a memo: groups that depend on them are rebuilt
/// only when they change, not on every key typed.
pub fn selectors(form: TraceForm) -> Memo<(String, String, String)> {
    Memo::new(move |_| {
        form.values.with(|v| {
            (v.selector(FRAMEWORK).to_owned(), v.selector(CE).to_owned(), v.selector(BATCH).to_owned())
        })
    })
}

/// The fields of the request, in the request's sections (a framework's section only for it).
#[component]
pub fn RequestFields(form: TraceForm) -> impl IntoView {
    let chosen = selectors(form);
    form.cat
        .request
        .sections
        .iter()
        .filter(|s| !s.fields.is_empty())
        .map(|s| {
            let fields: Vec<&'static Field> = s.fields.iter().filter_map(|id| form.cat.field(id)).collect();
            let title = s.title.clone();
            move || {
                let (f, c, b) = chosen.get();
                s.when
                    .holds(&f, &c, &b)
                    .then(|| view! { <FieldGroup form=form title=title.clone() fields=fields.clone() /> })
            }
        })
        .collect_view()
}

/// The fields of one group (site-only, VO-only, reply) under a legend.
#[component]
pub fn GroupFields(form: TraceForm, group: Group, title: &'static str) -> impl IntoView {
    let fields: Vec<&'static Field> = form.cat.fields.iter().filter(|f| f.group == group).collect();
    view! { <FieldGroup form=form title=title.to_owned() fields=fields /> }
}

/// The note shown when the draft is not saved (blocked storage, a newer draft, a failed write).
#[component]
pub fn StorageNote(form: TraceForm) -> impl IntoView {
    move || {
        form.storage_note.get().map(|n| {
            view! {
                <div class="ta-banner" role="alert"><p>{n}</p></div>
            }
        })
    }
}

/// "Start a new case": clears every value of this side, after a confirmation.
#[component]
pub fn ClearCase(form: TraceForm) -> impl IntoView {
    let asking = RwSignal::new(false);
    view! {
        <section class="ta-trace__clear" aria-label="Start a new case">
            {move || if asking.get() {
                view! {
                    <p>"Clear everything typed on this page? The draft kept in this browser is removed too."</p>
                    <button type="button" class="ta-button ta-button--danger" on:click=move |_| {
                        form.replace(Values::new());
                        asking.set(false);
                    }>"Clear the case"</button>
                    " "
                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| asking.set(false)>"Keep it"</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| asking.set(true)>"Start a new case"</button>
                }.into_any()
            }}
        </section>
    }
}

/// The sources cited on the page, with their titles and locations (plain text, never fetched).
#[component]
pub fn SourceList(form: TraceForm) -> impl IntoView {
    let cat = form.cat;
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for s in &cat.steps {
        ids.extend(s.sources.iter().map(String::as_str));
        for c in &s.commands {
            ids.extend(c.sources.iter().map(String::as_str));
        }
    }
    let question_sources = catalog::builtin_vo().map(|s| s.sources.as_slice()).unwrap_or_default();
    let items = ids
        .into_iter()
        .filter_map(|id| {
            cat.sources
                .iter()
                .find(|s| s.id == id)
                .map(|s| (s.id.clone(), s.title.clone(), s.location.clone()))
                .or_else(|| {
                    question_sources
                        .iter()
                        .find(|s| s.id == id)
                        .map(|s| (s.id.clone(), s.title.clone(), s.location.clone()))
                })
        })
        .map(|(id, title, location)| view! { <li><strong>{id}</strong>" "{title}" ("{location}")"</li> })
        .collect_view();
    let markers = cat
        .markers
        .iter()
        .map(|m| view! { <li><strong>{m.label.clone()}</strong>": "{m.note.clone()}</li> })
        .collect_view();
    view! {
        <details class="ta-trace__sources">
            <summary>"Sources and markers"</summary>
            <ul>{markers}</ul>
            <ul>{items}</ul>
        </details>
    }
}
