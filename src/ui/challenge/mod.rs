//! One challenge, as its organiser runs it: setup, the sealed ground truth, the alert to copy, the
//! timeline, the answers received, and the result with its exports.
//!
//! Invariant: every change goes through `Page::change`, which applies it to a copy, has the core
//! check the whole record (`model::validate`, `validate_truth`), stores it, and only then shows
//! it; a refused change leaves both the page and storage as they were, with the reason shown.

mod alerts;
mod answers;
mod documents;
pub mod fields;
mod pdf;
mod scorecard;
mod setup;
mod timeline;
mod truth;

use leptos::prelude::*;

use super::state::now;
use crate::web::storage::{self, LoadedChallenge};
use ti_core::catalog;
use ti_core::challenge::kit::Kit;
use ti_core::challenge::model::{OrganiserRecord, validate, validate_truth};

/// The page's shared state.
#[derive(Clone, Copy)]
pub struct Page {
    /// The kit.
    pub kit: &'static Kit,
    /// The record as stored.
    pub record: RwSignal<OrganiserRecord>,
    /// The last refusal, shown at the top.
    pub error: RwSignal<Option<String>>,
    /// The last save.
    pub status: RwSignal<String>,
}

impl Page {
    /// Applies `f` to a copy, checks and stores it; on any refusal nothing changes.
    pub fn change(&self, what: &str, f: impl FnOnce(&mut OrganiserRecord) -> Result<(), String>) -> bool {
        let mut next = self.record.get_untracked();
        let at = now();
        let checked = f(&mut next)
            .and_then(|()| validate(self.kit, &next.challenge, at).map_err(|e| e.to_string()))
            .and_then(|()| {
                next.truth.as_ref().map_or(Ok(()), |t| validate_truth(t, at).map_err(|e| e.to_string()))
            });
        if let Err(e) = checked {
            self.error.set(Some(format!("{e} Nothing was changed.")));
            return false;
        }
        next.challenge.revision += 1;
        match storage::save_challenge(self.kit, &next) {
            Ok(()) => {
                self.record.set(next);
                self.error.set(None);
                self.status.set(format!("Saved: {what}."));
                true
            }
            Err(e) => {
                self.error.set(Some(format!("Not saved: {e}. Nothing was changed.")));
                false
            }
        }
    }
}

/// The challenge page.
#[component]
pub fn ChallengePage(id: String) -> impl IntoView {
    let kit = match catalog::builtin_kit() {
        Ok(k) => k,
        Err(e) => return view! { <main id="main" class="ta-home"><p class="ta-question__error">{format!("The challenge kit could not be loaded: {e}")}</p></main> }.into_any(),
    };
    let record = match storage::load_challenge(&id, now().0) {
        Ok(LoadedChallenge::Found(r)) => *r,
        Ok(LoadedChallenge::Empty) => {
            return view! { <main id="main" class="ta-home"><h1>"Challenge not found"</h1><p>{format!("No challenge {id} is stored in this browser.")}</p><p><a href="#/challenges">"All challenges"</a></p></main> }.into_any();
        }
        Ok(LoadedChallenge::Quarantined { kept_as, reason }) => {
            return view! { <main id="main" class="ta-home"><h1>"This challenge cannot be read"</h1><p>{format!("{reason} A copy was kept aside under {kept_as}; nothing was overwritten.")}</p><p><a href="#/challenges">"All challenges"</a></p></main> }.into_any();
        }
        Ok(LoadedChallenge::Newer(e)) => {
            return view! { <main id="main" class="ta-home"><h1>"Saved by a newer version"</h1><p>{format!("{e} It is left untouched; open it with that version.")}</p><p><a href="#/challenges">"All challenges"</a></p></main> }.into_any();
        }
        Err(e) => {
            return view! { <main id="main" class="ta-home"><p class="ta-question__error">{format!("The challenge could not be read: {e}.")}</p></main> }.into_any();
        }
    };
    let page = Page {
        kit,
        record: RwSignal::new(record),
        error: RwSignal::new(None),
        status: RwSignal::new(String::new()),
    };
    provide_context(page);
    let title = move || page.record.with(|r| r.challenge.id.to_string());
    let meta = move || {
        page.record.with(|r| {
            let c = &r.challenge;
            let v = kit.variant(&c.variant).map_or(c.variant.clone(), |v| format!("{} {}", v.id, v.title));
            let tlp = kit.tlp(&c.tlp).map_or(c.tlp.clone(), |t| t.label.clone());
            format!("VO {} · {v} · alert to the {} · {tlp}", c.vo, kit.party_label(c.alerted))
        })
    };
    view! {
        <header class="ta-header">
            <h1>{title}</h1>
            <p class="ta-header__meta">{meta}</p>
            <p class="ta-header__meta">"EXERCISE: nothing here is a real incident."</p>
        </header>
        // The address's fragment is the app's route, so the parts are reached by their headings
        // (in order below), not by in-page anchors.
        <p class="ta-chl__back"><a href="#/challenges">"All challenges"</a></p>
        <main id="main" class="ta-chl">
            <p class="ta-import__status" role="status" aria-live="polite">{move || page.status.get()}</p>
            <p class="ta-question__error" role="alert">{move || page.error.get()}</p>
            <setup::Setup />
            <truth::Truth />
            <alerts::Alerts />
            <timeline::Timeline />
            <answers::Answers />
            <scorecard::Scorecard />
        </main>
    }
    .into_any()
}
