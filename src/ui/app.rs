//! The app shell: follows the address's fragment (`route`) to the home page, a section of an
//! assessment, its results, the Collect view, Compare, the challenge kit, or "Trace a job"
//! (site and VO side). The tools (Collect, Compare, the challenge kit, "Trace a job") are a
//! second wasm module, loaded on first use into `ToolsHost`; this shell never links them.

use leptos::prelude::*;

use super::about::Footer;
use super::banner::{Banner, UpdateBanner};
use super::home::Home;
use super::route::{self, Route};
use super::sets::Sets;
use super::state::{Notice, Session};
use super::tools_host::ToolsHost;
use super::workspace::Workspace;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    provide_context(Sets::new());
    let route = RwSignal::new(route::current());
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(route::current()));
    // The workspace is rebuilt only when the assessment changes, not on every section change.
    let page = Memo::new(move |_| {
        route.with(|r| if r.is_tool() { None } else { Some(r.assessment().map(str::to_owned)) })
    });
    let blocked = RwSignal::new(session.blocked.then_some(Notice::Blocked));
    let update_ready = RwSignal::new(false);
    // Registered from an effect, which runs after the first render: the service worker's
    // downloads never compete with the first load.
    Effect::new(move |_| crate::web::offline::register(move || update_ready.set(true)));
    // What earlier visits stored may hold Chinese, Japanese or Korean: keep the PDF's CJK font
    // for a later offline export (saves from now on ask by themselves, see `storage::save`).
    Effect::new(|_| {
        for (_, value) in crate::web::storage::dump() {
            crate::web::offline::keep_fonts_for(&value);
        }
    });
    super::print::expand_while_printing();
    view! {
        <a class="ta-skip" href="#main">"Skip to content"</a>
        <nav class="ta-nav" aria-label="Site">
            <a class="ta-nav__link" href="#/" aria-current=move || (route.get() == Route::Home).then_some("page")>
                "All assessments"
            </a>
            <a class="ta-nav__link" href="#/collect" aria-current=move || (route.get() == Route::Collect).then_some("page")>
                "Collect reports"
            </a>
            <a class="ta-nav__link" href="#/compare" aria-current=move || (route.get() == Route::Compare).then_some("page")>
                "Compare"
            </a>
            <a class="ta-nav__link" href="#/challenges"
                aria-current=move || matches!(route.get(), Route::Challenges | Route::Challenge { .. }).then_some("page")>
                "Challenges"
            </a>
            <a class="ta-nav__link" href="#/trace" aria-current=move || matches!(route.get(), Route::Trace | Route::TraceVo).then_some("page")>
                "Trace a job"
            </a>
        </nav>
        <UpdateBanner ready=update_ready />
        {move || match page.get() {
            // One host for every tool route: the tools module follows the address among them.
            None => view! { <ToolsHost /> }.into_any(),
            Some(None) => view! { <Banner notice=blocked /> <Home /> }.into_any(),
            #[cfg(not(any(feature = "split", feature = "spike-probe")))]
            Some(Some(id)) => view! { <Workspace id=id route=route /> }.into_any(),
            // Size probe only (spike s8-split): no workspace at all, the lower bound of a split.
            #[cfg(feature = "spike-probe")]
            Some(Some(id)) => view! { <main id="main"><h1>{id}</h1></main> }.into_any(),
            // The workspace's code is a wasm-split chunk, fetched on the first open of an assessment.
            #[cfg(feature = "split")]
            Some(Some(id)) => view! {
                <Suspense fallback=|| view! { <p class="ta-loading">"Loading…"</p> }>
                    {Suspend::new(async move {
                        match workspace_view(id, route).await {
                            Ok(view) => view,
                            Err(error) => view! {
                                <main id="main" class="ta-main">
                                    <p role="alert">{format!("The assessment view could not be loaded: {error}. Reload to retry.")}</p>
                                </main>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            }.into_any(),
        }}
        <Footer />
    }
}

/// The split point (spike s8-split): the only reference to `Workspace`, so wasm-split-cli moves
/// it, and what only it reaches, into the chunk `split_workspace.wasm`. `fallible`: a failed
/// chunk load is an `Err`, not a panic (which would abort the app).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(workspace, fallible, wasm_split_path = ::leptos::wasm_split)]
fn workspace_view(
    id: String,
    route: RwSignal<Route>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(view! { <Workspace id=id route=route /> }.into_any())
}
