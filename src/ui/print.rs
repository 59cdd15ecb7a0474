//! Printing shows everything: every closed disclosure (`<details>`: a results row, a question's
//! evidence) is opened just before the browser prints and closed again afterwards, since a
//! closed `<details>` prints only its summary.
//!
//! Done from the app on the window's `beforeprint` and `afterprint` events (the
//! Content-Security-Policy forbids inline scripts). Invariant: only the disclosures this module
//! opened are closed again, so the person's own open ones stay open.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Marks a disclosure opened for printing.
const MARK: &str = "data-opened-for-print";

fn each(selector: &str, f: impl Fn(&web_sys::Element)) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = doc.query_selector_all(selector) else { return };
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            f(&el);
        }
    }
}

/// Opens every closed disclosure while the page prints, for as long as the calling component
/// lives.
pub fn expand_while_printing() {
    let before = window_event_listener(leptos::ev::Custom::<web_sys::Event>::new("beforeprint"), |_| {
        each("details:not([open])", |el| {
            let _ = el.set_attribute(MARK, "");
            let _ = el.set_attribute("open", "");
        });
    });
    let after = window_event_listener(leptos::ev::Custom::<web_sys::Event>::new("afterprint"), |_| {
        each(&format!("details[{MARK}]"), |el| {
            let _ = el.remove_attribute(MARK);
            let _ = el.remove_attribute("open");
        });
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}
