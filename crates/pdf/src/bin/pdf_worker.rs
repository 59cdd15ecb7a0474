//! The PDF worker: a second wasm module, loaded into a Web Worker on the first export, so that
//! printpdf (about 1 MB compressed) is never part of the app's first load.
//!
//! Protocol (see `pdf_client`):
//! - the page posts `{type: "report", envelope, contradictions}` (the stored envelope, and
//!   `persist::encode_contradictions` of the gaps a challenge contradicts, printed after the
//!   other gaps), or the stored envelope alone as a JSON string; the worker answers
//!   `{type: "pdf", bytes: ArrayBuffer, warning?: string}` (bytes transferred; `warning` says in
//!   words which characters printed as U+FFFD and what to do, `Rendered::warning`) or
//!   `{type: "error", message}`;
//! - the page posts `{type: "aggregate", json}` (`persist::encode_aggregate`: the Collect view's
//!   summary) or `{type: "comparison", json}` (`persist::encode_comparison`); the worker answers
//!   like for the envelope: `{type: "pdf", bytes}` or `{type: "error", message}`;
//! - the page posts `{type: "handbook", json, scope}` (a handbook file,
//!   `persist::handbook::encode_handbook`, and `all` or a framework ID); the worker builds the
//!   forensic handbook from this build's `trace.toml` and answers like for the envelope;
//! - the page posts `{type: "challenge", json}` (`persist::challenge::encode_pdf_request`: an
//!   organiser's record, with its sealed truth, and which PDF: `report` (the organiser's copy,
//!   TLP:RED), `debrief`, `debrief-revealed` or `alert`); the worker builds the model with the
//!   built-in kit (`challenge::report::build` / `build_alert`, which refuse a sealed debrief or
//!   an alert that would show a secret) and answers `{type: "pdf", bytes, warning?}` or
//!   `{type: "error", message}` (the refusal in words);
//! - the page posts `{type: "extract", bytes: ArrayBuffer}` (a PDF file chosen for import); the
//!   worker answers `{type: "json", text, fingerprint}` (the attached assessment, not yet
//!   validated, and the SHA-256 the PDF prints, absent when it prints none) or
//!   `{type: "error", message}`.
//!
//! `public/pdf-worker-entry.js` loads this module, posts `{type: "ready"}`, and serves each
//! message in turn: `fonts_needed(message)` decodes the request and names the font files its
//! text needs that this worker has not loaded (`ti_pdf::needed_files`); the script fetches them
//! (the service worker answers offline) and hands each to `add_font`; then `handle(message)`
//! answers. A font that cannot be had is not an error: the PDF is made without it and its
//! `warning` says so. Loaded fonts stay for the worker's life, so the next export fetches nothing.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use ti_core::challenge::document::Document;
    use ti_core::challenge::report::{self as challenge_report, AlertDocument, ChallengeReport};
    use ti_core::collect::summary::{AggregateReport, ComparisonReport};
    use ti_core::report::Report;
    use ti_core::trace::handbook::Handbook;
    use ti_core::{catalog, persist, report};
    use ti_pdf as pdf;

    thread_local! {
        /// The fonts fetched so far, decoded: kept for every later export of this worker.
        static BOOK: RefCell<pdf::FontBook> = RefCell::new(pdf::FontBook::new());
        /// The request `fonts_needed` decoded, for `handle` to answer without decoding it again.
        static PREPARED: RefCell<Option<Job>> = const { RefCell::new(None) };
    }

    /// A decoded request.
    enum Job {
        Report(Box<Report>),
        Aggregate(Box<AggregateReport>),
        Comparison(Box<ComparisonReport>),
        Handbook(Box<Handbook>),
        Challenge(Box<ChallengeReport>),
        Alert(Box<AlertDocument>),
        Extract(Result<Vec<u8>, String>),
        /// A PDF request that cannot be served, with the reason in words.
        Failed(String),
        Unknown,
    }

    /// The report for one envelope against the question set it names, with the gaps of the
    /// contradictions message (`persist::encode_contradictions`) when there is one, or in words
    /// why not.
    fn report_of(envelope: &str, contradictions: Option<&str>) -> Result<Report, String> {
        let assessment = persist::decode(envelope).map_err(|e| e.to_string())?;
        let id = &assessment.question_set.id;
        let set = catalog::builtin(id).ok_or_else(|| {
            format!(
                "This assessment uses the question set `{id}`, which this version of ti-assess does not have."
            )
        })?;
        let report = report::build(set, &assessment);
        match contradictions {
            None => Ok(report),
            Some(text) => {
                let found = persist::decode_contradictions(text).map_err(|e| e.to_string())?;
                Ok(report::contradicted_by(report, set, &found))
            }
        }
    }

    /// The handbook for a handbook file (empty: none imported, so no VO pages) and a scope, or
    /// in words why not.
    fn handbook_of(json: &str, scope: &str) -> Result<Handbook, String> {
        let cat = catalog::builtin_trace().map_err(|e| e.to_string())?;
        let dir = if json.trim().is_empty() {
            ti_core::trace::handbook::Directory::default()
        } else {
            persist::handbook::decode_handbook(cat, json.as_bytes()).map_err(|e| e.to_string())?
        };
        Ok(ti_core::trace::handbook::build(cat, &dir, &ti_core::trace::handbook::Scope::parse(scope)))
    }

    /// The challenge PDF a `challenge` request asks for, as its model, or in words why not.
    fn challenge_of(json: &str) -> Result<Job, String> {
        let (record, document) = persist::challenge::decode_pdf_request(json).map_err(|e| e.to_string())?;
        let kit = catalog::builtin_kit().map_err(|e| e.to_string())?;
        match document {
            Document::Alert => challenge_report::build_alert(kit, &record).map(|a| Job::Alert(Box::new(a))),
            d => challenge_report::build(kit, &record, d).map(|r| Job::Challenge(Box::new(r))),
        }
        .map_err(|e| e.to_string())
    }

    fn job(data: &JsValue) -> Job {
        let failed = |r: Result<Job, String>| r.unwrap_or_else(Job::Failed);
        if let Some(envelope) = data.as_string() {
            return failed(report_of(&envelope, None).map(|r| Job::Report(Box::new(r))));
        }
        let field = |key: &str| Reflect::get(data, &key.into()).ok();
        let text = || field("json").and_then(|j| j.as_string()).unwrap_or_default();
        match field("type").and_then(|t| t.as_string()).as_deref() {
            Some("report") => {
                let envelope = field("envelope").and_then(|e| e.as_string()).unwrap_or_default();
                let contradictions = field("contradictions").and_then(|c| c.as_string());
                failed(report_of(&envelope, contradictions.as_deref()).map(|r| Job::Report(Box::new(r))))
            }
            Some("aggregate") => failed(
                persist::decode_aggregate(&text())
                    .map(|r| Job::Aggregate(Box::new(r)))
                    .map_err(|e| e.to_string()),
            ),
            Some("comparison") => failed(
                persist::decode_comparison(&text())
                    .map(|r| Job::Comparison(Box::new(r)))
                    .map_err(|e| e.to_string()),
            ),
            Some("handbook") => {
                let scope = field("scope").and_then(|s| s.as_string()).unwrap_or_default();
                failed(handbook_of(&text(), &scope).map(|h| Job::Handbook(Box::new(h))))
            }
            Some("challenge") => failed(challenge_of(&text())),
            Some("extract") => Job::Extract(
                field("bytes")
                    .and_then(|b| b.dyn_into::<ArrayBuffer>().ok())
                    .map(|b| Uint8Array::new(&b).to_vec())
                    .ok_or_else(|| "the PDF module received no file".to_owned()),
            ),
            _ => Job::Unknown,
        }
    }

    impl Job {
        /// The model's text (its `Debug` form, which holds every string the PDF prints).
        fn text(&self) -> Option<String> {
            match self {
                Job::Report(r) => Some(format!("{r:?}")),
                Job::Aggregate(r) => Some(format!("{r:?}")),
                Job::Comparison(r) => Some(format!("{r:?}")),
                Job::Handbook(h) => Some(format!("{h:?}")),
                Job::Challenge(r) => Some(format!("{r:?}")),
                Job::Alert(a) => Some(format!("{a:?}")),
                Job::Extract(_) | Job::Failed(_) | Job::Unknown => None,
            }
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

    /// Answers a PDF request with the bytes (transferred) and the warning, or the error in words.
    fn send_pdf(scope: &DedicatedWorkerGlobalScope, built: Result<pdf::Rendered, String>, started: f64) {
        match built {
            Ok(rendered) => {
                let buffer: ArrayBuffer = Uint8Array::from(rendered.bytes.as_slice()).buffer();
                // The time spent in this worker (decode, model, layout, PDF), for the benchmarks.
                web_sys::console::debug_1(
                    &format!("ti-assess PDF worker: built in {} ms", js_sys::Date::now() - started).into(),
                );
                let warning = rendered.warning().map_or(JsValue::UNDEFINED, JsValue::from);
                reply(scope, "pdf", &[("bytes", &buffer), ("warning", &warning)], &Array::of1(&buffer));
            }
            Err(message) => error(scope, message),
        }
    }

    /// Decodes the request `data` and names the font files (paths under `fonts/`) its text needs
    /// and this worker lacks; `handle(data)` then answers it.
    #[wasm_bindgen]
    pub fn fonts_needed(data: JsValue) -> Array {
        let job = job(&data);
        let files = job.text().map(|t| BOOK.with(|b| b.borrow().missing_files(&t))).unwrap_or_default();
        PREPARED.with(|p| *p.borrow_mut() = Some(job));
        files.into_iter().map(JsValue::from).collect()
    }

    /// Adds a fetched font file (its path as `fonts_needed` named it); `Err` says in words why it
    /// cannot be used (not this version's file, damaged).
    #[wasm_bindgen]
    pub fn add_font(path: &str, bytes: &Uint8Array) -> Result<(), JsValue> {
        let bytes = bytes.to_vec();
        BOOK.with(|b| b.borrow_mut().add(path, &bytes)).map(|_| ()).map_err(|e| JsValue::from(e.to_string()))
    }

    /// Answers the request `data` (prepared by `fonts_needed` if it was called first).
    #[wasm_bindgen]
    pub fn handle(data: JsValue) {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let started = js_sys::Date::now();
        let job = PREPARED.with(|p| p.borrow_mut().take()).unwrap_or_else(|| job(&data));
        let render = |f: &dyn Fn(&pdf::FontBook) -> Result<pdf::Rendered, pdf::PdfError>| {
            BOOK.with(|b| f(&b.borrow())).map_err(|e| e.to_string())
        };
        match job {
            Job::Report(r) => send_pdf(&scope, render(&|b| pdf::render(&r, b)), started),
            Job::Aggregate(r) => send_pdf(&scope, render(&|b| pdf::render_aggregate(&r, b)), started),
            Job::Comparison(r) => send_pdf(&scope, render(&|b| pdf::render_comparison(&r, b)), started),
            Job::Handbook(h) => send_pdf(&scope, render(&|b| pdf::render_handbook(&h, b)), started),
            Job::Challenge(r) => send_pdf(&scope, render(&|b| pdf::render_challenge(&r, b)), started),
            Job::Alert(a) => send_pdf(&scope, render(&|b| pdf::render_alert(&a, b)), started),
            Job::Failed(message) => error(&scope, message),
            Job::Extract(bytes) => match bytes.and_then(|b| pdf::extract(&b).map_err(|e| e.to_string())) {
                Ok(found) => {
                    let fingerprint = found.printed_fingerprint.map_or(JsValue::UNDEFINED, JsValue::from);
                    reply(
                        &scope,
                        "json",
                        &[("text", &found.json.into()), ("fingerprint", &fingerprint)],
                        &Array::new(),
                    );
                }
                Err(message) => error(&scope, message),
            },
            Job::Unknown => error(&scope, "the PDF module received a request it does not know".into()),
        }
    }
}

fn main() {}
