//! The page's side of the PDF worker: starts it on the first export, queues the request until
//! the worker says it is ready, and hands the PDF bytes (or an error in words) to a callback.
//! Saving the bytes is `files::download`'s job.
//!
//! Invariant: nothing of the PDF module is fetched before the first export, and an export whose
//! worker cannot start (offline without cache, 404, CSP) ends in an error, never a hang.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{ArrayBuffer, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The classic script that loads the worker's wasm (copied to `dist/` by Trunk).
const ENTRY: &str = "./pdf-worker-entry.js";

type Callback = Box<dyn FnOnce(Result<ArrayBuffer, String>)>;

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    ready: bool,
    /// The request waiting for the worker to become ready.
    queued: Option<String>,
    /// The callback of the request in flight.
    pending: Option<Callback>,
}

thread_local! {
    static STATE: Rc<RefCell<State>> = Rc::new(RefCell::new(State::default()));
}

fn finish(state: &Rc<RefCell<State>>, result: Result<ArrayBuffer, String>) {
    let callback = state.borrow_mut().pending.take();
    if let Some(cb) = callback {
        cb(result);
    }
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
    finish(state, Err(message));
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
                    if let (Some(w), Some(msg)) = (worker, queued)
                        && let Err(e) = w.post_message(&msg.into())
                    {
                        fail(&state, format!("the PDF module did not accept the request ({e:?})"));
                    }
                }
                "pdf" => match Reflect::get(&data, &"bytes".into())
                    .ok()
                    .and_then(|b| b.dyn_into::<ArrayBuffer>().ok())
                {
                    Some(buffer) => finish(&state, Ok(buffer)),
                    None => finish(&state, Err("the PDF module returned no data".into())),
                },
                "error" | "init-error" => {
                    let message = Reflect::get(&data, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| "unknown error".into());
                    if kind == "init-error" {
                        fail(&state, format!("the PDF module could not be loaded ({message})"));
                    } else {
                        finish(&state, Err(message));
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

/// Asks the worker for the PDF of `envelope` (a stored-format JSON document). `done` is called
/// exactly once. A second request while one is in flight is refused.
pub fn request_pdf(envelope: String, done: impl FnOnce(Result<ArrayBuffer, String>) + 'static) {
    STATE.with(|state| {
        if state.borrow().pending.is_some() {
            done(Err("an export is already being prepared".into()));
            return;
        }
        state.borrow_mut().pending = Some(Box::new(done));
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
            if let Err(e) = worker.post_message(&envelope.into()) {
                fail(state, format!("the PDF module did not accept the request ({e:?})"));
            }
        } else {
            state.borrow_mut().queued = Some(envelope);
        }
    });
}
