//! The Leptos interface (wasm32 only). Components hold no rules: they read the core's results
//! (`rules::evaluate`, `model::parse_*`) and call `storage` and `pdf_client` for effects.

mod about;
mod app;
mod banner;
mod challenge;
mod challenge_import;
mod challenges;
mod chart;
mod collect;
mod collect_challenges;
mod compare;
mod copy;
mod dom_id;
mod dropzone;
mod erase;
mod export;
mod forensic;
mod gaps;
mod group;
mod home;
mod import;
mod inputs;
mod pdf_status;
mod print;
mod question;
mod results;
mod route;
mod sets;
mod stale;
mod state;
/// The clock the views use (also the tools module's).
pub use state::now;
pub mod tools;
mod tools_host;
mod trace_common;
mod trace_doc;
mod trace_form;
mod trace_handbook;
mod trace_site;
mod trace_steps;
mod trace_vo;
mod workspace;

/// Mounts the app on `<body>` and marks `app-ready` for the benchmarks and tests. The static
/// shell of `index.html` (painted before the wasm loaded) goes in the same task, so the browser
/// never paints both, nor neither.
pub fn mount() {
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("ta-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-ready");
    }
}
