//! The PDF worker: a second wasm module, loaded into a Web Worker on the first export, so that
//! printpdf (about 1 MB compressed) is never part of the app's first load.
//!
//! Protocol (see `pdf_client`):
//! - the page posts the stored envelope (a JSON string); the worker answers
//!   `{type: "pdf", bytes: ArrayBuffer}` (transferred) or `{type: "error", message}`;
//! - the page posts `{type: "aggregate", json}` (`persist::encode_aggregate`: the Collect view's
//!   summary) or `{type: "comparison", json}` (`persist::encode_comparison`); the worker answers
//!   like for the envelope: `{type: "pdf", bytes}` or `{type: "error", message}`;
//! - the page posts `{type: "extract", bytes: ArrayBuffer}` (a PDF file chosen for import); the
//!   worker answers `{type: "json", text, fingerprint}` (the attached assessment, not yet
//!   validated, and the SHA-256 the PDF prints, absent when it prints none) or
//!   `{type: "error", message}`.
//!
//! `public/pdf-worker-entry.js` loads this module and posts `{type: "ready"}` once it can listen.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use ti_core::{catalog, persist, report};
    use ti_pdf as pdf;

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

    /// A request: an envelope (a plain string) or an object with a `type`.
    enum Request {
        Envelope(String),
        Aggregate(String),
        Comparison(String),
        Extract(Result<Vec<u8>, String>),
        Unknown,
    }

    fn request(data: &JsValue) -> Request {
        if let Some(envelope) = data.as_string() {
            return Request::Envelope(envelope);
        }
        let field = |key: &str| Reflect::get(data, &key.into()).ok();
        let text = || field("json").and_then(|j| j.as_string()).unwrap_or_default();
        match field("type").and_then(|t| t.as_string()).as_deref() {
            Some("aggregate") => Request::Aggregate(text()),
            Some("comparison") => Request::Comparison(text()),
            Some("extract") => Request::Extract(
                field("bytes")
                    .and_then(|b| b.dyn_into::<ArrayBuffer>().ok())
                    .map(|b| Uint8Array::new(&b).to_vec())
                    .ok_or_else(|| "the PDF module received no file".to_owned()),
            ),
            _ => Request::Unknown,
        }
    }

    fn reply(scope: &DedicatedWorkerGlobalScope, kind: &str, payload: &[(&str, &JsValue)], transfer: &Array) {
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"type".into(), &kind.into());
        for (key, value) in payload {
            let _ = Reflect::set(&msg, &(*key).into(), value);
        }
        let _ = scope.post_message_with_transfer(&msg, transfer);
    }

    fn error(scope: &DedicatedWorkerGlobalScope, message: String) {
        reply(scope, "error", &[("message", &message.into())], &Array::new());
    }

    /// Answers a PDF request with the bytes (transferred) or the error in words.
    fn send_pdf(scope: &DedicatedWorkerGlobalScope, built: Result<Vec<u8>, String>, started: f64) {
        match built {
            Ok(bytes) => {
                let buffer: ArrayBuffer = Uint8Array::from(bytes.as_slice()).buffer();
                // The time spent in this worker (decode, model, layout, PDF), for the benchmarks.
                web_sys::console::debug_1(
                    &format!("ti-assess PDF worker: built in {} ms", js_sys::Date::now() - started).into(),
                );
                reply(scope, "pdf", &[("bytes", &buffer)], &Array::of1(&buffer));
            }
            Err(message) => error(scope, message),
        }
    }

    fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
        let started = js_sys::Date::now();
        match request(data) {
            Request::Envelope(envelope) => send_pdf(scope, build(&envelope), started),
            Request::Aggregate(json) => {
                let built = persist::decode_aggregate(&json)
                    .map_err(|e| e.to_string())
                    .and_then(|r| pdf::render_aggregate(&r).map_err(|e| e.to_string()));
                send_pdf(scope, built, started);
            }
            Request::Comparison(json) => {
                let built = persist::decode_comparison(&json)
                    .map_err(|e| e.to_string())
                    .and_then(|r| pdf::render_comparison(&r).map_err(|e| e.to_string()));
                send_pdf(scope, built, started);
            }
            Request::Extract(bytes) => {
                match bytes.and_then(|b| pdf::extract(&b).map_err(|e| e.to_string())) {
                    Ok(found) => {
                        let fingerprint = found.printed_fingerprint.map_or(JsValue::UNDEFINED, JsValue::from);
                        reply(
                            scope,
                            "json",
                            &[("text", &found.json.into()), ("fingerprint", &fingerprint)],
                            &Array::new(),
                        );
                    }
                    Err(message) => error(scope, message),
                }
            }
            Request::Unknown => error(scope, "the PDF module received a request it does not know".into()),
        }
    }

    /// Called by the entry script once the module is instantiated: installs the message handler.
    #[wasm_bindgen]
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            handle(&handler_scope, &event.data())
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
    }
}

fn main() {}
