//! The last resort: when the app panics, replace the page with a static recovery page (plain
//! DOM, no Leptos, which may be in a broken state) that offers all stored data as a download.
//!
//! Invariant: nothing here writes to storage; the page only reads and offers a copy.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlAnchorElement};

use super::storage;
use ti_core::persist;

fn el(doc: &Document, tag: &str, text: &str) -> Option<web_sys::Element> {
    let e = doc.create_element(tag).ok()?;
    e.set_text_content(Some(text));
    Some(e)
}

/// Replaces the page body with the recovery page. `detail` is the panic message (shown as text).
pub fn show(detail: &str) {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    show_in(&body, detail);
}

/// Replaces the content of `host` with the recovery page.
pub fn show_in(host: &web_sys::Element, detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    host.set_text_content(None);
    let Some(main) = doc.create_element("main").ok() else { return };
    main.set_class_name("ta-recovery");
    let backup = persist::encode_raw_backup(&storage::dump());
    let parts = [
        el(&doc, "h1", "ti-assess stopped because of an error"),
        el(
            &doc,
            "p",
            "Your answers up to the last one you gave are still stored in this browser. Download a copy of everything ti-assess stored, then reload the page.",
        ),
    ];
    for p in parts.into_iter().flatten() {
        let _ = main.append_child(&p);
    }
    if let Some(a) = el(&doc, "a", "Download all stored data (JSON)")
        && let Ok(a) = a.dyn_into::<HtmlAnchorElement>()
    {
        // A data: URL needs no Blob or object URL, which a broken page may no longer manage.
        let encoded = js_sys::encode_uri_component(&backup);
        a.set_href(&format!("data:application/json;charset=utf-8,{}", String::from(encoded)));
        a.set_download("ti-assess-recovery.json");
        a.set_class_name("ta-button");
        let _ = main.append_child(&a);
    }
    if let Some(p) = el(&doc, "p", &format!("Technical detail: {detail}")) {
        p.set_class_name("ta-recovery__detail");
        let _ = main.append_child(&p);
    }
    let _ = host.append_child(&main);
}

/// Installs the panic hook: log to the console, then show the recovery page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    #[cfg(debug_assertions)]
    install_debug_trigger();
}

/// Debug builds only (never in `trunk build --release`): going to `#/debug/panic` panics, so
/// that the e2e suite can check the real hook and page (quality.md R-14) against a debug build.
#[cfg(debug_assertions)]
fn install_debug_trigger() {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else { return };
    let on_hash = Closure::<dyn Fn()>::new(|| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if hash == "#/debug/panic" {
            panic!("panic requested by #/debug/panic (debug builds only)");
        }
    });
    let _ = window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_hash.forget();
}
