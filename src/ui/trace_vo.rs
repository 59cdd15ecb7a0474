//! "Trace a job", the VO's side (`#/trace/vo`): read the site's request (its JSON file, or its
//! e-mail pasted), follow the VO's steps for the framework with the request's values filled in,
//! and write the replies to the site and to the CSIRT.
//!
//! Invariant: reading a request replaces the request's fields only; what the VO typed for its
//! own commands and its replies is kept. Nothing read is dropped silently: fields and lines this
//! version does not understand are listed.

use leptos::prelude::*;

use super::copy::CopyStatus;
use super::state::Session;
use super::trace_common::{ClearCase, GroupFields, RequestFields, SourceList, StorageNote};
use super::trace_doc::DocumentView;
use super::trace_form::TraceForm;
use super::trace_steps::Steps;
use crate::web::files;
use ti_core::catalog;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::trace::decode_request;
use ti_core::trace::Values;
use ti_core::trace::model::{Group, Side};
use ti_core::trace::text::parse_request;

/// The VO's own values (its commands' and its replies') from `current`, with `read` on top.
fn merged(form: TraceForm, current: &Values, read: &Values) -> Values {
    let mut out: Values = current
        .iter()
        .filter(|(id, _)| form.cat.field(id).is_some_and(|f| matches!(f.group, Group::Vo | Group::Reply)))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    for (k, v) in read.iter() {
        out.set(k, v);
    }
    out
}

/// Reading the request: a file, or a pasted e-mail.
#[component]
fn ReadRequest(form: TraceForm) -> impl IntoView {
    let mail = RwSignal::new(String::new());
    let status = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let take = move |read: Values, mut lines: Vec<String>| {
        let n = read.iter().count();
        let current = form.values.get_untracked();
        form.replace(merged(form, &current, &read));
        lines.insert(0, format!("{n} values of the request read; your own values and replies are kept."));
        status.set(lines);
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        let name = file.name();
        error.set(None);
        leptos::task::spawn_local(async move {
            let bytes = match files::read_bytes_capped(&file, MAX_BYTES as u64).await {
                Ok(b) => b,
                Err(e) => {
                    error.set(Some(format!("{name} was not read: {e}")));
                    return;
                }
            };
            match decode_request(form.cat, &bytes) {
                Ok(f) => {
                    let mut lines =
                        vec![format!("From {name}, written {} (trace data {}).", f.written, f.trace_version)];
                    if !f.unknown.is_empty() {
                        let list: Vec<String> = f.unknown.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                        lines.push(format!(
                            "Not understood by this version, kept out of the form: {}.",
                            list.join("; ")
                        ));
                    }
                    take(f.values, lines);
                }
                Err(e) => error.set(Some(format!("{name} was not read: {e}"))),
            }
        });
    };
    let read_mail = move |_| {
        error.set(None);
        let parsed = parse_request(form.cat, &mail.get_untracked());
        if parsed.values.iter().next().is_none() {
            error.set(Some("No value of a trace request was found in the text. Paste the whole e-mail, with its Label: value lines.".into()));
            return;
        }
        let mut lines = Vec::new();
        if !parsed.unread.is_empty() {
            lines.push(format!("Lines not understood: {}.", parsed.unread.join(" | ")));
        }
        take(parsed.values, lines);
    };
    view! {
        <section aria-labelledby="trace-read">
            <h2 id="trace-read">"The site's request"</h2>
            <label class="ta-question__label" for="trace-request-file">"Trace request file from the site (JSON, at most 1 MiB)"</label>
            <input type="file" id="trace-request-file" accept=".json,application/json" on:change=on_file />
            <label class="ta-question__label" for="trace-mail">"Or paste the site's e-mail"</label>
            <textarea id="trace-mail" rows="6" spellcheck="false" prop:value=move || mail.get() on:input=move |ev| mail.set(event_target_value(&ev))></textarea>
            <p><button type="button" class="ta-button" on:click=read_mail>"Read the e-mail"</button></p>
            <div role="status">
                {move || {
                    let lines = status.get();
                    (!lines.is_empty()).then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })
                }}
            </div>
            <p class="ta-question__error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The VO's page.
#[component]
pub fn TraceVo() -> impl IntoView {
    let session = expect_context::<Session>();
    let cat = match catalog::builtin_trace() {
        Ok(c) => c,
        Err(e) => return view! { <main id="main" class="ta-trace"><p role="alert">{format!("The trace data could not be loaded: {e}")}</p></main> }.into_any(),
    };
    let form = TraceForm::start(cat, "vo", session.blocked);
    let copied = CopyStatus(RwSignal::new(String::new()));
    provide_context(copied);
    let replies =
        cat.replies.iter().map(|d| view! { <DocumentView form=form doc=d json=true /> }).collect_view();
    view! {
        <header class="ta-header">
            <h1>"Trace a job: the VO's side"</h1>
            <p class="ta-header__meta">"For the VO that received a trace request · " <a href="#/trace">"The site's side"</a></p>
        </header>
        <main class="ta-trace" id="main">
            <p class="ta-visually-hidden" role="status">{move || copied.0.get()}</p>
            <StorageNote form=form />
            <ReadRequest form=form />
            <section aria-labelledby="trace-request-values">
                <h2 id="trace-request-values">"The request"</h2>
                <RequestFields form=form />
                <GroupFields form=form group=Group::Vo title="Your values for the commands (never sent to the site)" />
            </section>
            <section aria-labelledby="trace-vo-steps">
                <h2 id="trace-vo-steps">"Steps"</h2>
                <Steps form=form side=Side::Vo />
            </section>
            <section aria-labelledby="trace-reply">
                <h2 id="trace-reply">"Reply"</h2>
                <GroupFields form=form group=Group::Reply title="What you found" />
                {replies}
            </section>
            <ClearCase form=form />
            <SourceList form=form />
        </main>
    }
    .into_any()
}
