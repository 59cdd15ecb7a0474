//! Offline support: registers the service worker (`public/sw.js`, filled in per build by
//! `scripts/offline.mjs`) and tells the UI when a new version of the app is installed and waiting;
//! and asks it to keep the large on-demand PDF font (Chinese, Japanese, Korean) as soon as stored
//! answers need it, so that a later export works offline (`keep_fonts_for`).
//!
//! Invariant: a waiting version takes over only through `apply_update`, which the UI calls when
//! the user asks for it; the app never reloads itself under a user mid-answer. Every answer is
//! already saved when it is given, so the reload loses nothing.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The browser's service-worker container, if this browser and context offer one (not in
/// insecure contexts, nor in some private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    if present.is_undefined() || present.is_null() {
        return None;
    }
    Some(navigator.service_worker())
}

/// Registers the service worker and calls `on_update` when a newer version than the one that
/// runs this page is installed and waiting. Without service-worker support it does nothing: the
/// app still works online.
pub fn register(on_update: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    let promise = container.register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await else { return };
        // A browser that blocks service workers (a policy, an automation setting) may resolve
        // with nothing at all: the app then simply stays online-only.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
        // A page without a controller is on its first visit: the worker being installed is the
        // first version, not an update.
        let controlled = move || container.controller().is_some();
        if registration.waiting().is_some() && controlled() {
            on_update();
        }
        let watched = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else { return };
            let worker = installing.clone();
            let notify = Rc::clone(&on_update);
            let controlled = controlled.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    notify();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            // Lives as long as that worker can change state.
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        // Lives as long as the page.
        on_found.forget();
    });
}

thread_local! {
    /// Whether this page has asked the service worker to keep the on-demand font.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Asks the service worker (once per page) to fetch and keep the on-demand CJK font when
/// `text`, something stored, holds Chinese, Japanese or Korean: the PDF worker will need it, and
/// the user may be offline then. Offline now, the worker asks again on the next visit.
pub fn keep_fonts_for(text: &str) {
    if ASKED.get() || !ti_core::script::has_cjk(text) {
        return;
    }
    let Some(container) = container() else { return };
    let Ok(ready) = container.ready() else { return };
    ASKED.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(ready).await else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        if let Some(active) = registration.active() {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &JsValue::from_str("cache-on-demand"));
            let _ = active.post_message(&message);
        }
    });
}

/// Lets the waiting version take over and reloads the page once it has.
pub fn apply_update() {
    let Some(container) = container() else { return };
    let on_change = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let lookup = container.get_registration();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(lookup).await else { return };
        let Some(registration) = registration.dyn_ref::<ServiceWorkerRegistration>() else { return };
        if let Some(waiting) = registration.waiting() {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &JsValue::from_str("skip-waiting"));
            let _ = waiting.post_message(&message);
        }
    });
}
