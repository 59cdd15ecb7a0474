//! The page's side of the PDF worker: starts it on the first export (or PDF import), queues the
//! request until the worker says it is ready, and hands the PDF (`request_pdf` for one
//! assessment, `request_aggregate_pdf` and `request_comparison_pdf` for the working group's
//! summaries, `request_challenge_pdf` for a challenge's report, debrief or alert: the bytes, and the worker's warning in words when some characters printed as
//! U+FFFD) or the JSON attached to a PDF with the fingerprint it prints (`extract`), or an
//! error in words, back to the caller. Saving the bytes
//! is `files::download`'s job. One request at a time: a second one while one is in flight is
//! refused with a message.
//!
//! Invariant: nothing of the PDF module is fetched before the first export, and an export whose
//! worker cannot start (offline without cache, 404, CSP) ends in an error, never a hang.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The classic script that loads the worker's wasm (copied to `dist/` by Trunk).
const ENTRY: &str = "./pdf-worker-entry.js";

/// A PDF made by the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct Pdf {
    /// The file.
    pub bytes: ArrayBuffer,
    /// Which characters printed as U+FFFD and what to do, in words (`ti_pdf::Rendered::warning`).
    pub warning: Option<String>,
}

/// Who waits for the request in flight, and for what.
enum Pending {
    /// A PDF export: the PDF.
    Pdf(Box<dyn FnOnce(Result<Pdf, String>)>),
    /// A PDF import: the attached JSON text and the fingerprint the PDF prints.
    Json(Box<dyn FnOnce(Result<PdfJson, String>)>),
}

impl Pending {
    fn fail(self, message: String) {
        match self {
            Pending::Pdf(cb) => cb(Err(message)),
            Pending::Json(cb) => cb(Err(message)),
        }
    }
}

/// A message for the worker and the transfer list that goes with it.
struct Request {
    message: JsValue,
    transfer: Array,
}

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    ready: bool,
    /// The request waiting for the worker to become ready.
    queued: Option<Request>,
    /// The caller of the request in flight.
    pending: Option<Pending>,
}

thread_local! {
    static STATE: Rc<RefCell<State>> = Rc::new(RefCell::new(State::default()));
}

fn take_pending(state: &Rc<RefCell<State>>) -> Option<Pending> {
    state.borrow_mut().pending.take()
}

fn finish_err(state: &Rc<RefCell<State>>, message: String) {
    if let Some(p) = take_pending(state) {
        p.fail(message);
    }
}

fn post(worker: &Worker, request: &Request) -> Result<(), String> {
    worker
        .post_message_with_transfer(&request.message, &request.transfer)
        .map_err(|e| format!("the PDF module did not accept the request ({e:?})"))
}

/// Forgets a broken worker so that the next export starts a fresh one.
fn fail(state: &Rc<RefCell<State>>, message: String) {
    {
        let mut s = state.borrow_mut();
        if let Some(w) = s.worker.take() {
            w.terminate();
        }
        s.ready = false;
        s.queued = None;
    }
    finish_err(state, message);
}

fn start_worker(state: &Rc<RefCell<State>>) -> Result<Worker, String> {
    let worker = Worker::new(ENTRY).map_err(|e| format!("the PDF module could not be started ({e:?})"))?;
    let on_message = {
        let state = state.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            let kind =
                Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            match kind.as_str() {
                "ready" => {
                    let (worker, queued) = {
                        let mut s = state.borrow_mut();
                        s.ready = true;
                        (s.worker.clone(), s.queued.take())
                    };
                    if let (Some(w), Some(request)) = (worker, queued)
                        && let Err(e) = post(&w, &request)
                    {
                        fail(&state, e);
                    }
                }
                "pdf" => {
                    let buffer = Reflect::get(&data, &"bytes".into())
                        .ok()
                        .and_then(|b| b.dyn_into::<ArrayBuffer>().ok());
                    let warning = Reflect::get(&data, &"warning".into()).ok().and_then(|w| w.as_string());
                    match (take_pending(&state), buffer) {
                        (Some(Pending::Pdf(cb)), Some(bytes)) => cb(Ok(Pdf { bytes, warning })),
                        (Some(p), _) => p.fail("the PDF module returned no data".into()),
                        (None, _) => {}
                    }
                }
                "json" => {
                    let text = Reflect::get(&data, &"text".into()).ok().and_then(|t| t.as_string());
                    let fingerprint =
                        Reflect::get(&data, &"fingerprint".into()).ok().and_then(|t| t.as_string());
                    match (take_pending(&state), text) {
                        (Some(Pending::Json(cb)), Some(text)) => cb(Ok(PdfJson { text, fingerprint })),
                        (Some(p), _) => p.fail("the PDF module returned no text".into()),
                        (None, _) => {}
                    }
                }
                "error" | "init-error" => {
                    let message = Reflect::get(&data, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| "unknown error".into());
                    if kind == "init-error" {
                        fail(&state, format!("the PDF module could not be loaded ({message})"));
                    } else {
                        finish_err(&state, message);
                    }
                }
                _ => {}
            }
        })
    };
    // A script that cannot load (404, offline, CSP) reports a plain Event, not an ErrorEvent.
    let on_error = {
        let state = state.clone();
        Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            let detail = ev
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_else(|| "it could not be loaded".into());
            fail(&state, format!("the PDF module failed: {detail}"));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The handlers live as long as the page; there is one worker per page.
    on_message.forget();
    on_error.forget();
    Ok(worker)
}

/// Sends `request` to the worker (starting it if needed) with `pending` waiting for the answer;
/// refused while another request is in flight.
fn send(request: Request, pending: Pending) {
    STATE.with(|state| {
        if state.borrow().pending.is_some() {
            pending.fail("an export or import is already being prepared".into());
            return;
        }
        state.borrow_mut().pending = Some(pending);
        let existing = state.borrow().worker.clone();
        let worker = match existing {
            Some(w) => w,
            None => match start_worker(state) {
                Ok(w) => {
                    state.borrow_mut().worker = Some(w.clone());
                    w
                }
                Err(e) => return fail(state, e),
            },
        };
        if state.borrow().ready {
            if let Err(e) = post(&worker, &request) {
                fail(state, e);
            }
        } else {
            state.borrow_mut().queued = Some(request);
        }
    });
}

/// Asks the worker for the PDF of `envelope` (a stored-format JSON document) with the gaps a
/// challenge contradicts (`persist::encode_contradictions`). `done` is called exactly once. A
/// second request while one is in flight is refused.
pub fn request_pdf(
    envelope: String,
    contradictions: String,
    done: impl FnOnce(Result<Pdf, String>) + 'static,
) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"report".into());
    let _ = Reflect::set(&message, &"envelope".into(), &envelope.into());
    let _ = Reflect::set(&message, &"contradictions".into(), &contradictions.into());
    send(Request { message: message.into(), transfer: Array::new() }, Pending::Pdf(Box::new(done)));
}

/// Asks the worker for the PDF of a working group summary (`persist::encode_aggregate`).
/// `done` is called exactly once.
pub fn request_aggregate_pdf(json: String, done: impl FnOnce(Result<Pdf, String>) + 'static) {
    request_typed("aggregate", json, done);
}

/// Asks the worker for one of a challenge's PDFs (`persist::challenge::encode_pdf_request`: the
/// report, the debrief or the alert). `done` is called exactly once; a refusal (a secret the
/// debrief would show) comes back as the error in words.
pub fn request_challenge_pdf(json: String, done: impl FnOnce(Result<Pdf, String>) + 'static) {
    request_typed("challenge", json, done);
}

/// Asks the worker for the PDF of a comparison over time (`persist::encode_comparison`).
/// `done` is called exactly once.
pub fn request_comparison_pdf(json: String, done: impl FnOnce(Result<Pdf, String>) + 'static) {
    request_typed("comparison", json, done);
}

/// Asks the worker for the forensic handbook PDF: `json` is a handbook file
/// (`persist::handbook::encode_handbook`, its VOs; an empty string when none is imported, which
/// gives no VO pages) and
/// `scope` `all` or a framework ID. `done` is called exactly once.
pub fn request_handbook_pdf(json: String, scope: &str, done: impl FnOnce(Result<Pdf, String>) + 'static) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"handbook".into());
    let _ = Reflect::set(&message, &"json".into(), &json.into());
    let _ = Reflect::set(&message, &"scope".into(), &scope.into());
    send(Request { message: message.into(), transfer: Array::new() }, Pending::Pdf(Box::new(done)));
}

fn request_typed(kind: &str, json: String, done: impl FnOnce(Result<Pdf, String>) + 'static) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    let _ = Reflect::set(&message, &"json".into(), &json.into());
    send(Request { message: message.into(), transfer: Array::new() }, Pending::Pdf(Box::new(done)));
}

/// What the worker read out of a PDF.
pub struct PdfJson {
    /// The attached assessment JSON, not yet validated.
    pub text: String,
    /// The SHA-256 the PDF prints in its footer, if it prints one.
    pub fingerprint: Option<String>,
}

/// The assessment JSON attached to a PDF exported by the app (`pdf::embedded_json` in the
/// worker), not yet validated: pass it to `persist::decode`. `Err` says in words why not (not a
/// PDF, no ti-assess attachment, too large, or the PDF module could not run).
pub async fn extract_json(bytes: Vec<u8>) -> Result<String, String> {
    extract(bytes).await.map(|x| x.text)
}

/// The JSON attached to a PDF and the fingerprint the PDF prints (`pdf::extract` in the worker).
pub async fn extract(bytes: Vec<u8>) -> Result<PdfJson, String> {
    let buffer = Uint8Array::from(bytes.as_slice()).buffer();
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"extract".into());
    let _ = Reflect::set(&message, &"bytes".into(), &buffer);
    let request = Request { message: message.into(), transfer: Array::of1(&buffer) };
    let mut settle: Option<(js_sys::Function, js_sys::Function)> = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some((resolve, reject)) = settle else {
        return Err("the PDF module could not be asked".into());
    };
    send(
        request,
        Pending::Json(Box::new(move |result| {
            let _ = match result {
                Ok(found) => {
                    let fingerprint = found.fingerprint.map_or(JsValue::UNDEFINED, JsValue::from);
                    resolve.call1(&JsValue::NULL, &Array::of2(&found.text.into(), &fingerprint))
                }
                Err(message) => reject.call1(&JsValue::NULL, &message.into()),
            };
        })),
    );
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(pair) => {
            let pair = Array::from(&pair);
            let text = pair.get(0).as_string().ok_or_else(|| "the PDF module returned no text".to_owned())?;
            Ok(PdfJson { text, fingerprint: pair.get(1).as_string() })
        }
        Err(message) => Err(message.as_string().unwrap_or_else(|| "unknown error".into())),
    }
}
