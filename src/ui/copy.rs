//! A "Copy" button: copies its text to the clipboard and says so in the page's status line.
//!
//! Invariant: a button without text (a command with a missing value) is disabled and says why;
//! nothing incomplete is ever copied. The visible caption is always part of the accessible name
//! (WCAG 2.5.3 "label in name"): "Copy: …" before, "Copy: … Copied" after a copy.

use leptos::prelude::*;

use crate::web::clipboard::copy_text;

/// The page's announcement of the last copy, read by screen readers (`role="status"`).
#[derive(Clone, Copy)]
pub struct CopyStatus(pub RwSignal<String>);

/// Copies `text`; `label` names what is copied (the button's accessible name) and starts with
/// the caption "Copy".
#[component]
pub fn CopyButton(text: Option<String>, label: String) -> impl IntoView {
    let status = use_context::<CopyStatus>();
    let done = RwSignal::new(false);
    let disabled = text.is_none();
    let name = label.clone();
    let accessible = move || if done.get() { format!("{label} Copied") } else { label.clone() };
    let click = move |_| {
        let Some(t) = text.clone() else { return };
        let name = name.clone();
        leptos::task::spawn_local(async move {
            let said = match copy_text(&t).await {
                Ok(()) => {
                    done.set(true);
                    format!("Copied: {name}.")
                }
                Err(e) => format!("Not copied: {e}."),
            };
            if let Some(s) = status {
                s.0.set(said);
            }
        });
    };
    view! {
        <button type="button" class="ta-button ta-button--secondary ta-copy" aria-label=accessible disabled=disabled on:click=click>
            {move || if done.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
