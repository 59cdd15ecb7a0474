//! The PDF worker: a second wasm module, loaded into a Web Worker on the first export, so that
//! printpdf (about 1 MB compressed) is never part of the app's first load.
//!
//! Protocol (see `pdf_client`):
//! - the page posts the stored envelope (a JSON string); the worker answers
//!   `{type: "pdf", bytes: ArrayBuffer}` (transferred) or `{type: "error", message}`;
//! - the page posts `{type: "extract", bytes: ArrayBuffer}` (a PDF file chosen for import); the
//!   worker answers `{type: "json", text}` (the attached assessment, not yet validated) or
//!   `{type: "error", message}`.
//!
//! `public/pdf-worker-entry.js` loads this module and posts `{type: "ready"}` once it can listen.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use ti_assess::{catalog, pdf, persist, report};

    /// Builds the PDF for one envelope against the question set it names, or says in words why not.
    fn build(envelope: &str) -> Result<Vec<u8>, String> {
        let assessment = persist::decode(envelope).map_err(|e| e.to_string())?;
        let id = &assessment.question_set.id;
        let set = catalog::builtin(id).ok_or_else(|| {
            format!(
                "This assessment uses the question set `{id}`, which this version of ti-assess does not have."
            )
        })?;
        let report = report::build(set, &assessment);
        pdf::render(&report).map_err(|e| e.to_string())
    }

    /// The `{type: "extract", bytes}` request: the JSON attached to a PDF, or why not.
    fn extract(data: &JsValue) -> Option<Result<String, String>> {
        let kind = Reflect::get(data, &"type".into()).ok()?.as_string()?;
        if kind != "extract" {
            return None;
        }
        let bytes = Reflect::get(data, &"bytes".into()).ok()?;
        let Some(buffer) = bytes.dyn_ref::<ArrayBuffer>() else {
            return Some(Err("the PDF module received no file".into()));
        };
        Some(pdf::embedded_json(&Uint8Array::new(buffer).to_vec()).map_err(|e| e.to_string()))
    }

    fn reply(
        scope: &DedicatedWorkerGlobalScope,
        kind: &str,
        payload: Option<(&str, &JsValue)>,
        transfer: &Array,
    ) {
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"type".into(), &kind.into());
        if let Some((key, value)) = payload {
            let _ = Reflect::set(&msg, &key.into(), value);
        }
        let _ = scope.post_message_with_transfer(&msg, transfer);
    }

    /// Called by the entry script once the module is instantiated: installs the message handler.
    #[wasm_bindgen]
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if let Some(result) = extract(&data) {
                match result {
                    Ok(text) => reply(&handler_scope, "json", Some(("text", &text.into())), &Array::new()),
                    Err(message) => {
                        reply(&handler_scope, "error", Some(("message", &message.into())), &Array::new())
                    }
                }
                return;
            }
            let envelope = data.as_string().unwrap_or_default();
            // The time spent in this worker (decode, report, layout, PDF), for the benchmark.
            let started = js_sys::Date::now();
            match build(&envelope) {
                Ok(bytes) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    let buffer: ArrayBuffer = array.buffer();
                    let transfer = Array::of1(&buffer);
                    web_sys::console::debug_1(
                        &format!("ti-assess PDF worker: built in {} ms", js_sys::Date::now() - started)
                            .into(),
                    );
                    reply(&handler_scope, "pdf", Some(("bytes", &buffer)), &transfer);
                }
                Err(message) => {
                    reply(&handler_scope, "error", Some(("message", &message.into())), &Array::new())
                }
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
    }
}

fn main() {}
