//! The banner that tells the user about storage problems and what to do about them.

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
