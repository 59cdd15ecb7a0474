//! The page footer: which version and build this is (`ti_core::about`, the same words every PDF
//! and export carries), and a short about text with the licences, the app's own and the
//! third-party ones (`third-party-licenses.txt`, written beside the app by `scripts/notices.mjs`).

use leptos::prelude::*;
use ti_core::about::{COMMIT, VERSION};

/// The footer of every view.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="ta-footer">
            <p class="ta-footer__build">{format!("ti-assess {VERSION}, build {COMMIT}")}</p>
            <details class="ta-about">
                <summary>"About ti-assess"</summary>
                <p>
                    "ti-assess walks grid Virtual Organisations and computing sites through the "
                    "recommendations of the WLCG Traceability & Isolation working group. It runs "
                    "entirely in this browser: answers are kept here and nothing is sent anywhere."
                </p>
                <p>
                    {format!(
                        "This is version {VERSION}, build {COMMIT} (the commit of the source it was \
                         built from). Every PDF and JSON file it exports names this version and build, \
                         so that a report can be traced to the code that produced it."
                    )}
                </p>
                <p>
                    "ti-assess is licensed under the Apache License 2.0. It includes open-source "
                    "components under their own licences: "
                    <a href="third-party-licenses.txt">"third-party licences"</a>
                    "."
                </p>
            </details>
        </footer>
    }
}
