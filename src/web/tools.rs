//! The page's side of the tools module (`src/tools.rs`): loads it through
//! `public/tools-loader.js` and mounts or unmounts its view, or asks it what the challenge kit
//! says about an assessment. Nothing else in the page knows that the tools are a separate module.

use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Failed loads so far: each retry asks under a new address (see `tools-loader.js`).
static FAILED: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen(raw_module = "./tools-loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadTools)]
    fn load_tools(attempt: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = toolsContradictions)]
    fn tools_contradictions(attempt: u32, document: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = toolsChallengeImport)]
    fn tools_challenge_import(attempt: u32, text: &str, document: &str, store: bool) -> js_sys::Promise;
    #[wasm_bindgen(js_name = mountTools, catch)]
    fn mount_tools(element: &web_sys::HtmlElement) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = unmountTools)]
    fn unmount_tools();
}

/// Awaits a promise of the loader; a failure counts as a failed load (the next one retries
/// under a new address) and reads as its message.
async fn settle(promise: js_sys::Promise) -> Result<JsValue, String> {
    JsFuture::from(promise).await.map_err(|e| {
        FAILED.fetch_add(1, Ordering::Relaxed);
        describe(&e)
    })
}

fn attempt() -> u32 {
    FAILED.load(Ordering::Relaxed)
}

/// Loads the module (once; after a failure, again). The error is in words.
pub async fn load() -> Result<(), String> {
    settle(load_tools(attempt())).await.map(|_| ())
}

/// The tools module's answer to a question, as text; a failure (also of the load) in words.
async fn text_of(promise: js_sys::Promise) -> Result<String, String> {
    let value = settle(promise).await?;
    value.as_string().ok_or_else(|| "the tools module answered no text".to_owned())
}

/// The contradictions of an assessment (its document) with the latest stored challenge
/// (`persist::encode_contradictions`), from the tools module, which holds the challenge kit.
pub async fn contradictions(document: &str) -> Result<String, String> {
    text_of(tools_contradictions(attempt(), document)).await
}

/// A challenge result file's text read for an assessment (its document), stored when `store`:
/// `persist::encode_import_outcome`, or the refusal in words.
pub async fn challenge_import(text: &str, document: &str, store: bool) -> Result<String, String> {
    text_of(tools_challenge_import(attempt(), text, document, store)).await
}

/// Renders the tool view of the current address into `element`.
pub fn mount(element: &web_sys::HtmlElement) -> Result<(), String> {
    mount_tools(element).map_err(|e| describe(&e))
}

/// Removes the tool view, if one is mounted.
pub fn unmount() {
    unmount_tools();
}

/// A JavaScript error as the words of its message.
pub(crate) fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
