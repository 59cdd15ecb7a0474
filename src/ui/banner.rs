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
        Notice::Quarantined { reason, key } => (
            "Saved answers could not be read.".into(),
            format!("{reason} They were kept unchanged in this browser's storage under the key \u{201c}{key}\u{201d}, and nothing was overwritten. You are starting a new assessment."),
        ),
        Notice::Unsaved { reason, copy_error } => (
            "Saved answers could not be read, and nothing will be saved.".into(),
            format!("{reason} They could not be copied aside ({copy_error}), so ti-assess will not write over them: answers you give now last only for this visit."),
        ),
        Notice::Newer { reason } => (
            "Saved answers come from a newer version of ti-assess.".into(),
            format!("{reason} They are left untouched. Open this page with the newer version to see them; answers you give here last only for this visit."),
        ),
        Notice::SaveFailed(StorageError::QuotaExceeded) => (
            "Your last answer was not saved: the browser's storage is full.".into(),
            "It stays on this page. Free space by deleting other sites' data, then change an answer again; the copy saved before is intact. Export a PDF to keep a record now.".into(),
        ),
        Notice::SaveFailed(e) => (
            "Your last answer was not saved.".into(),
            format!("{e}. It stays on this page; the copy saved before is intact. Export a PDF to keep a record now."),
        ),
        Notice::Catalogue(e) => (
            "The question set could not be loaded.".into(),
            format!("This copy of ti-assess is damaged ({e}). Reload the page; if it persists, use another copy of the app."),
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
