//! The banners: storage problems and what to do about them, and a new version ready to load.

use leptos::prelude::*;

use super::state::{Ctx, Notice};
use crate::web::storage::StorageError;

fn text(notice: &Notice) -> (String, String) {
    match notice {
        Notice::Blocked => (
            "Answers will not be kept.".into(),
            "This browser does not let ti-assess store data, so your answers last only until you close or reload this page. Allow site data for this page, or export a PDF before you leave.".into(),
        ),
        Notice::SaveFailed(StorageError::QuotaExceeded) => (
            "Your last answer was not saved: the browser's storage is full.".into(),
            "It stays on this page. Free space by deleting other sites' data, then change an answer again; the copy saved before is intact. Export a backup now to keep a copy of every answer.".into(),
        ),
        Notice::ReadOnly(reason) => (
            "This assessment is open read-only.".into(),
            format!("{reason} You see what this version understands of it. Changes made here are not saved, and the stored copy stays as it is; open it with the newer version to change it."),
        ),
        Notice::SaveFailed(e) => (
            "Your last answer was not saved.".into(),
            format!("{e}. It stays on this page; the copy saved before is intact. Export a backup now to keep a copy of every answer."),
        ),
    }
}

/// Shows the current notice, if any, as an alert. Inside an assessment it also offers the answers
/// held in this page as a backup download: when storage is full or blocked, that file is the only
/// copy of the newest answers.
#[component]
pub fn Banner(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let ctx = use_context::<Ctx>();
    let saved_as = RwSignal::new(None::<String>);
    let backup = move |_| {
        if let Some(ctx) = ctx {
            saved_as.set(Some(match ctx.assessment.with_untracked(super::export::download_backup) {
                Ok(name) => format!("Saved {name} to your downloads."),
                Err(e) => format!("The backup could not be made: {e}."),
            }));
        }
    };
    move || {
        notice.get().map(|n| {
            let (title, body) = text(&n);
            view! {
                <div class="ta-banner" role="alert">
                    <p class="ta-banner__title">{title}</p>
                    <p>{body}</p>
                    // A read-only copy is not offered: this version would write a lossy one.
                    {ctx.filter(|_| !matches!(n, Notice::ReadOnly(_))).map(|_| view! {
                        <button type="button" class="ta-button" on:click=backup>"Export a backup now"</button>
                        <span class="ta-banner__saved">{move || saved_as.get()}</span>
                    })}
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
                    <button type="button" class="ta-button" on:click=move |_| crate::web::offline::apply_update()>
                        "Reload to update"
                    </button>
                </div>
            }
        })
    }
}
