//! Copying text to the clipboard, for the "Copy" buttons of Trace a job.
//!
//! Invariant: never throws out of wasm. `navigator.clipboard` is missing outside a secure
//! context (a page opened over plain http from another host); that is checked first and reported
//! as an error the page shows, with the text still selectable on the page.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !present {
        return Err(
            "this browser does not let the page use the clipboard here; select the text and copy it".into()
        );
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| format!("the browser refused to copy ({e:?}); select the text and copy it"))
}
