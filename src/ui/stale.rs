//! No stale field: what a field does when another tab's save, merged into this page
//! (`Ctx::merged`), changed the answer it shows.
//!
//! Invariant: after a merge every field whose question changed shows the merged value, except
//! one the person is typing in (it has the focus and shows something else): that field keeps
//! their text and says that the other tab changed the answer, offering both values (keep mine
//! saves their text; take theirs puts the other tab's value in the field). Without this a field
//! kept showing the old text after a merge, and the next keystroke saved it over the other
//! tab's answer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::Ctx;

/// The element with this id.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
}

/// The text in an `<input>` or `<textarea>`.
fn value_of(el: &web_sys::Element) -> Option<String> {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(i.value())
    } else {
        el.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|t| t.value())
    }
}

/// Puts text in an `<input>` or `<textarea>` (no input event: nothing is saved).
pub fn set_value(id: &str, text: &str) {
    let Some(el) = element(id) else { return };
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(text);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(text);
    }
}

/// The text the field `id` holds now ("" when it is gone).
pub fn field_text(id: &str) -> String {
    element(id).and_then(|el| value_of(&el)).unwrap_or_default()
}

/// Keeps the text field `id` (an `<input>` or `<textarea>`) in step with merges that change
/// `question`: `shown` gives the stored value as the field's text. Returns the notice's state
/// (the other tab's text while the person, typing here, has not chosen).
pub fn watch_text_field(
    ctx: Ctx,
    question: &'static str,
    id: String,
    shown: impl Fn() -> String + 'static,
    replaced: impl Fn() + 'static,
) -> RwSignal<Option<String>> {
    let theirs = RwSignal::new(None::<String>);
    after_merge(ctx, question, move || {
        let Some(el) = element(&id) else { return };
        let Some(text) = value_of(&el) else { return };
        let merged = shown();
        if text == merged {
            theirs.set(None);
        } else if holds_focus(&el) {
            theirs.set(Some(merged));
        } else {
            set_value(&id, &merged);
            theirs.set(None);
            replaced();
        }
    });
    theirs
}

/// Whether `el`, or something inside it (a group's cell), has the keyboard focus.
pub fn holds_focus(el: &web_sys::Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|active| el.contains(Some(&active)))
}

/// Runs `refresh` after each merge that changed `question`'s answer or evidence (never on the
/// first render), for as long as the calling component lives.
pub fn after_merge(ctx: Ctx, question: &'static str, refresh: impl Fn() + 'static) {
    Effect::watch(
        move || ctx.merged.get(),
        move |merged, _, _| {
            if merged.questions.contains(question) {
                refresh();
            }
        },
        false,
    );
}

/// The notice under a field that another tab changed while the person was typing in it:
/// `theirs` holds the other tab's value as text (`None`: no notice). `id` is the field's, so
/// the notice is `{id}-stale` (the field names it in `aria-describedby`).
#[component]
pub fn StaleNotice(
    id: String,
    theirs: RwSignal<Option<String>>,
    #[prop(into)] keep_mine: Callback<()>,
    #[prop(into)] take_theirs: Callback<()>,
) -> impl IntoView {
    let text = move || {
        theirs.get().map(|t| {
            let t = if t.trim().is_empty() { "an empty answer".to_owned() } else { format!("\u{201c}{t}\u{201d}") };
            format!("Another tab changed this answer to {t} while you were typing here. Your text is still in the field: keep yours, or take theirs.")
        })
    };
    view! {
        <div class="ta-stale" id=format!("{id}-stale") role="alert" hidden=move || theirs.with(Option::is_none)>
            <p class="ta-stale__text">{text}</p>
            <button type="button" class="ta-button ta-button--secondary" on:click=move |_| keep_mine.run(())>
                "Keep mine"
            </button>
            " "
            <button type="button" class="ta-button ta-button--secondary" on:click=move |_| take_theirs.run(())>
                "Take theirs"
            </button>
        </div>
    }
}
