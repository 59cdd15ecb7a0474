//! Where the page shows a tool (Collect, Compare, the challenge kit, "Trace a job"): an element
//! that the tools module (`ui::tools`, a second wasm module) fills once it has loaded. While it
//! loads, a status says so; if it cannot load (offline before it was cached, a server error), a
//! message says what happened and what to do, with a button to try again: never a dead page.
//!
//! Invariant: the module is mounted only into an element that is still on the page, and is
//! unmounted when the page leaves the tool routes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::web::tools;

/// Where the tools module stands.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Ready,
    /// The load failed; the reason in words.
    Failed(String),
}

/// The element the tools module renders into, with its loading status or error.
#[component]
pub fn ToolsHost() -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(Status::Loading);
    let alive = Arc::new(AtomicBool::new(true));
    let start = {
        let alive = alive.clone();
        move || {
            status.set(Status::Loading);
            let alive = alive.clone();
            spawn_local(async move {
                let loaded = tools::load().await;
                // The user may have left the tools while the module was loading.
                if !alive.load(Ordering::Relaxed) {
                    return;
                }
                let outcome = loaded.and_then(|()| match host.get_untracked() {
                    Some(element) => tools::mount(&element),
                    None => Ok(()),
                });
                status.set(match outcome {
                    Ok(()) => Status::Ready,
                    Err(reason) => Status::Failed(reason),
                });
            });
        }
    };
    // After the first render, so that the element exists.
    let first = start.clone();
    Effect::new(move |_| first());
    on_cleanup(move || {
        alive.store(false, Ordering::Relaxed);
        tools::unmount();
    });
    let retry = move |_| start();
    view! {
        <div class="ta-tools" node_ref=host></div>
        {move || match status.get() {
            // In a `main` of its own (the skip link's target) until the view brings its own.
            Status::Loading => view! {
                <main class="ta-home ta-waiting" id="main">
                    <p class="ta-tools__status" role="status">"Loading this view…"</p>
                </main>
            }.into_any(),
            Status::Ready => ().into_any(),
            Status::Failed(reason) => view! {
                <main class="ta-home" id="main">
                <div class="ta-tools__error" role="alert">
                    <h1>"This view could not be loaded"</h1>
                    <p>{format!("The browser said: {reason}.")}</p>
                    <p>
                        "Check your connection, then try again. Offline, this view works once "
                        "ti-assess has been opened online and has finished preparing for offline use. "
                        "Your assessments are not affected."
                    </p>
                    <button type="button" class="ta-button" on:click=retry.clone()>"Try again"</button>
                </div>
                </main>
            }.into_any(),
        }}
    }
}
