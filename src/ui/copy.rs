//! A "Copy" button: copies its text to the clipboard and says so in the page's status line.
//!
//! Invariant: a button without text (a command with a missing value) is disabled and says why;
//! nothing incomplete is ever copied.

use leptos::prelude::*;

use crate::web::clipboard::copy_text;

/// The page's announcement of the last copy, read by screen readers (`role="status"`).
#[derive(Clone, Copy)]
pub struct CopyStatus(pub RwSignal<String>);

/// Copies `text`; `label` names what is copied (the button's accessible name).
#[component]
pub fn CopyButton(
    text: Option<String>,
    label: String,
    #[prop(optional)] caption: Option<&'static str>,
) -> impl IntoView {
    let status = use_context::<CopyStatus>();
    let done = RwSignal::new(false);
    let caption = caption.unwrap_or("Copy");
    let disabled = text.is_none();
    let name = label.clone();
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
        <button type="button" class="ta-button ta-button--secondary ta-copy" aria-label=label disabled=disabled on:click=click>
            {move || if done.get() { "Copied" } else { caption }}
        </button>
    }
}
