//! The banners: storage problems and what to do about them, and a new version ready to load.

use leptos::prelude::*;

use super::state::Notice;
use crate::storage::StorageError;

fn text(notice: &Notice) -> (String, String) {
    match notice {
        Notice::Blocked => (
            "Answers will not be kept.".into(),
            "This browser does not let ti-assess store data, so your answers last only until you close or reload this page. Allow site data for this page, or export a PDF before you leave.".into(),
        ),
        Notice::SaveFailed(StorageError::QuotaExceeded) => (
            "Your last answer was not saved: the browser's storage is full.".into(),
            "It stays on this page. Free space by deleting other sites' data, then change an answer again; the copy saved before is intact. Export a PDF to keep a record now.".into(),
        ),
        Notice::SaveFailed(e) => (
            "Your last answer was not saved.".into(),
            format!("{e}. It stays on this page; the copy saved before is intact. Export a PDF to keep a record now."),
        ),
    }
}

/// Shows the current notice, if any, as an alert.
#[component]
pub fn Banner(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            let (title, body) = text(&n);
            view! {
                <div class="ta-banner" role="alert">
                    <p class="ta-banner__title">{title}</p>
                    <p>{body}</p>
                </div>
            }
        })
    }
}

/// Offers a new version of the app once it is installed; it takes over only when the user clicks
/// (`offline::apply_update`), so nobody is reloaded mid-answer.
#[component]
pub fn UpdateBanner(ready: RwSignal<bool>) -> impl IntoView {
    move || {
        ready.get().then(|| {
            view! {
                <div class="ta-banner ta-banner--info" role="status">
                    <p class="ta-banner__title">"A new version of ti-assess is ready."</p>
                    <p>"Your answers are saved. Reload when it suits you to use the new version."</p>
                    <button type="button" class="ta-button" on:click=move |_| crate::offline::apply_update()>
                        "Reload to update"
                    </button>
                </div>
            }
        })
    }
}
