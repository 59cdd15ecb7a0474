//! "Erase all data in this browser", in two steps: the first click only explains what will go and
//! offers the real button; nothing is removed before the second, explicit click.

use leptos::prelude::*;

use super::state::Session;
use crate::web::storage;

/// The erase section at the foot of the home page.
#[component]
pub fn EraseAll(on_done: Callback<String>) -> impl IntoView {
    let session = expect_context::<Session>();
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let erase = move |_| {
        match storage::erase_all() {
            Ok(n) => on_done.run(format!("Erased all ti-assess data in this browser ({n} stored values).")),
            Err(e) => {
                error.set(Some(format!("The data could not be erased: {e}. Nothing else was changed.")))
            }
        }
        asking.set(false);
    };
    (!session.blocked).then(|| {
        view! {
            <section class="ta-home__new ta-erase" aria-labelledby="erase-heading">
                <h2 id="erase-heading">"Erase all data in this browser"</h2>
                {move || if asking.get() {
                    view! {
                        <p role="alert">
                            "This deletes every assessment stored in this browser, the copies kept aside and the export marks. It cannot be undone: export a JSON backup of anything you want to keep first."
                        </p>
                        <button type="button" class="ta-button ta-button--danger" on:click=erase>"Erase everything now"</button>
                        " "
                        <button type="button" class="ta-button ta-button--secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
                    }.into_any()
                } else {
                    view! {
                        <p>"Removes everything ti-assess keeps in this browser, for example before handing the computer on."</p>
                        <button type="button" class="ta-button ta-button--secondary" on:click=move |_| asking.set(true)>
                            "Erase all data…"
                        </button>
                    }.into_any()
                }}
                <p class="ta-question__error" role="alert">{move || error.get()}</p>
            </section>
        }
    })
}
