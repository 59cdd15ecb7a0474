//! The tools that answering questions never needs: the working group's Collect and Compare, the
//! challenge kit and "Trace a job". They are compiled into a second wasm module
//! (`ti-assess-tools`, `src/tools.rs`), which the page loads on first use (`tools_host`), so that
//! a VO manager's first visit carries none of them.
//!
//! Invariant: this module renders only the view of a tool route, inside the one element the page
//! hands it; the page keeps the shell (skip link, navigation, banners, footer). It follows the
//! address itself, so moving between tool routes does not reload it, and it shares nothing with
//! the page but browser storage and the address (two wasm instances, two Leptos runtimes).

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;

use super::challenge::ChallengePage;
use super::challenges::Challenges;
use super::collect::Collect;
use super::compare::Compare;
use super::route::{self, Route};
use super::state::Session;
use super::trace_site::TraceSite;
use super::trace_vo::TraceVo;

thread_local! {
    /// The mounted view; dropping it unmounts it (`leptos::mount::UnmountHandle`).
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Renders the tool view of the current address into `host` (replacing one mounted before).
pub fn mount_into(host: web_sys::HtmlElement) {
    unmount();
    let handle = leptos::mount::mount_to(host, Tools);
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("tools-ready");
    }
}

/// Removes the mounted view, if any (the page left the tool routes).
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

/// The view of the tool route the address names.
#[component]
fn Tools() -> impl IntoView {
    // Storage is probed again: this instance keeps its own visit state (see the invariant).
    provide_context(Session::start());
    let route = RwSignal::new(route::current());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(route::current()));
    on_cleanup(move || listener.remove());
    let page = Memo::new(move |_| route.get());
    move || match page.get() {
        Route::Collect => view! { <Collect /> }.into_any(),
        Route::Compare => view! { <Compare /> }.into_any(),
        Route::Challenges => view! { <Challenges /> }.into_any(),
        Route::Challenge { id } => view! { <ChallengePage id=id /> }.into_any(),
        Route::Trace => view! { <TraceSite /> }.into_any(),
        Route::TraceVo => view! { <TraceVo /> }.into_any(),
        // The page unmounts this module when the address leaves the tools.
        _ => ().into_any(),
    }
}
