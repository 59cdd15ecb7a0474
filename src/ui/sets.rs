//! The question sets in the page. The page carries neither set (they are a third of its data):
//! a view that needs one asks `Sets`, which fetches every shipped set once (`web::sets`) and keeps
//! them for the visit (`catalog::shipped`). The service worker precaches the files, so this works
//! offline like the rest of the app.
//!
//! Invariant: `status` moves from `Idle` or `Failed` to `Loading` and from there to `Ready` or
//! `Failed`, never back from `Ready`, so a view that waits for it is built at most twice.

use leptos::prelude::*;

use ti_core::catalog::shipped::{self, SHIPPED};

/// How far the page has got with the sets.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// Not asked for yet.
    Idle,
    /// Asked for; not all arrived.
    Loading,
    /// Every shipped set is installed.
    Ready,
    /// One could not be fetched or read: the reason, in words.
    Failed(String),
}

/// The page's question sets, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Sets {
    status: RwSignal<Load>,
}

/// Fetches and installs every shipped set not yet installed; the first failure in words.
pub async fn load_all() -> Result<(), String> {
    let pending: Vec<_> = SHIPPED
        .iter()
        .filter(|s| shipped::loaded(s.id).is_none())
        .map(|s| (s, crate::web::sets::fetch(s)))
        .collect();
    for (set, text) in pending {
        let what = format!("The {} question set", set.label());
        let text = text.await.map_err(|e| format!("{what} could not be loaded: {e}."))?;
        shipped::install(set, &text).map_err(|e| format!("{what} could not be read: {e}."))?;
    }
    Ok(())
}

impl Sets {
    /// Nothing asked for yet (or everything already installed).
    pub fn new() -> Self {
        let ready = SHIPPED.iter().all(|s| shipped::loaded(s.id).is_some());
        Sets { status: RwSignal::new(if ready { Load::Ready } else { Load::Idle }) }
    }

    /// Starts fetching the sets unless they are here or on their way (after a failure: again).
    pub fn want(&self) {
        if !matches!(self.status.get_untracked(), Load::Idle | Load::Failed(_)) {
            return;
        }
        self.status.set(Load::Loading);
        let status = self.status;
        leptos::task::spawn_local(async move { settle(status, load_all().await) });
    }

    /// Starts fetching the sets if nobody has asked yet (never again after a failure: a retry is
    /// the user's choice, so that focus moving about does not retry, nor move the page).
    pub fn warm(&self) {
        if self.status.get_untracked() == Load::Idle {
            self.want();
        }
    }

    /// Where the sets are (tracked). A view that needs them calls `want` once when it is built.
    pub fn status(&self) -> Load {
        self.status.get()
    }

    /// Waits for the sets (fetching them if needed), for an action that needs them at once.
    pub async fn ready(&self) -> Result<(), String> {
        let result = load_all().await;
        settle(self.status, result.clone());
        result
    }
}

/// Records the end of a load; a failure never undoes `Ready` (another load got there first).
fn settle(status: RwSignal<Load>, result: Result<(), String>) {
    let next = match result {
        Ok(()) => Load::Ready,
        Err(e) => Load::Failed(e),
    };
    let now = status.get_untracked();
    if now != Load::Ready && now != next {
        status.set(next);
    }
}

impl Default for Sets {
    fn default() -> Self {
        Self::new()
    }
}
