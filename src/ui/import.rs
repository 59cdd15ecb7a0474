//! Import of an assessment from a file, chosen or dropped: read (size capped first), planned by
//! the core (`persist::import::plan`), previewed, then written all at once or not at all.
//!
//! Invariants: nothing is written before the user confirms a complete plan, and then only the
//! one assessment `Plan::resolve` returns. A PDF goes through `extract_pdf_json`, the one place
//! that asks the PDF worker for the JSON embedded in it.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dropzone::DropZone;
use super::sets::Sets;
use super::state::{Session, now};
use crate::web::storage;
use ti_core::catalog::shipped;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::import::{self, ImportError, Plan, Resolution};

/// The JSON embedded in an exported PDF.
///
/// The one call site for PDF import: the PDF worker reads the JSON attached to the file.
async fn extract_pdf_json(bytes: Vec<u8>) -> Result<String, String> {
    crate::web::pdf_client::extract_json(bytes).await
}

/// The assessments already stored (ID → name), for the conflict check.
fn stored_names(session: &Session) -> Result<BTreeMap<String, String>, String> {
    let name = |a: &ti_core::model::Assessment| {
        if a.name.trim().is_empty() { "Untitled assessment".to_owned() } else { a.name.clone() }
    };
    if session.blocked {
        return Ok(session.all().iter().map(|a| (a.id.clone(), name(a))).collect());
    }
    let listed = storage::list().map_err(|e| format!("The stored assessments could not be read: {e}."))?;
    Ok(listed
        .into_iter()
        .map(|l| {
            let n = l.assessment.as_ref().map(name).unwrap_or_else(|_| format!("Unreadable data ({})", l.id));
            (l.id, n)
        })
        .collect())
}

/// Reads a file and plans its import; a PDF's embedded JSON is planned in its place.
async fn plan_file(session: Session, sets: Sets, file: web_sys::File) -> Result<Plan, String> {
    let bytes = crate::web::files::read_bytes_capped(&file, MAX_BYTES as u64);
    // The plan checks the answers against their question set: both sets must be here.
    sets.ready().await?;
    let bytes = bytes.await.map_err(|e| e.to_string())?;
    let stored = stored_names(&session)?;
    match import::plan(&bytes, &stored, shipped::loaded) {
        Err(ImportError::Pdf) => {
            let json = extract_pdf_json(bytes).await?;
            import::plan(json.as_bytes(), &stored, shipped::loaded).map_err(|e| e.to_string())
        }
        planned => planned.map_err(|e| e.to_string()),
    }
}

/// The import section: drop zone with file picker, status line, preview and choices.
#[component]
pub fn ImportAssessment(on_done: Callback<String>) -> impl IntoView {
    let session = expect_context::<Session>();
    let sets = expect_context::<Sets>();
    let preview = RwSignal::new(None::<Plan>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let take = Callback::new(move |file: web_sys::File| {
        preview.set(None);
        error.set(None);
        status.set(format!("Checking {}…", file.name()));
        leptos::task::spawn_local(async move {
            match plan_file(session, sets, file).await {
                Ok(p) => {
                    status.set("The file can be imported; check the preview below.".into());
                    preview.set(Some(p));
                }
                Err(e) => {
                    status.set(String::new());
                    error.set(Some(format!("The file was not imported: {e} Nothing stored was changed.")));
                }
            }
        });
    });
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Clear the field so that choosing the same file again is noticed.
        input.set_value("");
        take.run(file);
    };
    let finish = move |keep_both: bool| {
        let Some(p) = preview.get_untracked() else { return };
        let choice = if keep_both {
            let new_id = if session.blocked {
                Ok(format!("session-{}", now().0))
            } else {
                storage::new_id(now().0).map_err(|e| e.to_string())
            };
            match new_id {
                Ok(new_id) => Resolution::KeepBoth { new_id },
                Err(e) => {
                    error.set(Some(format!(
                        "The import could not be stored: {e}. Nothing stored was changed."
                    )));
                    return;
                }
            }
        } else {
            Resolution::Replace
        };
        let a = p.resolve(choice);
        let name = a.name.clone();
        let written = if session.blocked {
            session.remember(a);
            Ok(())
        } else {
            storage::save(&a).map_err(|e| e.to_string())
        };
        match written {
            Ok(()) => {
                preview.set(None);
                status.set(String::new());
                on_done.run(format!("Imported \u{201c}{name}\u{201d}."));
            }
            Err(e) => {
                error.set(Some(format!("The import could not be stored: {e}. Nothing stored was changed.")))
            }
        }
    };
    let refuse = Callback::new(move |m: String| {
        preview.set(None);
        error.set(Some(m));
    });
    view! {
        <section class="ta-home__new" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import an assessment"</h2>
            <DropZone label="Import by dropping a file" on_file=take on_refuse=refuse>
                <label class="ta-question__label" for="import-file">
                    {format!("JSON or PDF file exported by ti-assess (at most {} MiB)", MAX_BYTES / (1024 * 1024))}
                </label>
                <input type="file" id="import-file" accept=".json,application/json,.pdf,application/pdf" on:change=on_change />
            </DropZone>
            <p class="ta-import__status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="ta-question__error" role="alert">{move || error.get()}</p>
            {move || preview.get().map(|p| {
                let v = p.preview.clone();
                view! {
                    <div class="ta-import__preview" aria-labelledby="import-preview-heading">
                        <h3 id="import-preview-heading">"What will be imported"</h3>
                        <p>{format!("\u{201c}{}\u{201d}: {} ({}), question set {}, {} answers.", v.name, v.set_title, v.kind, v.set_version, v.answers)}</p>
                        {(v.orphans > 0).then(|| view! { <p>{format!("{} answers belong to questions this version does not ask; they are kept.", v.orphans)}</p> })}
                        {(!v.left_out.is_empty()).then(|| view! {
                            <p>"This is a copy shared without personal data. Its author left out:"</p>
                            <ul class="ta-import__left-out">{v.left_out.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                        })}
                        {match p.conflict.clone() {
                            Some(existing) => view! {
                                <p>{format!("An assessment with the same identity is already stored in this browser: \u{201c}{existing}\u{201d}.")}</p>
                                <button type="button" class="ta-button" on:click=move |_| finish(false)>"Replace the stored one"</button>
                                " "
                                <button type="button" class="ta-button ta-button--secondary" on:click=move |_| finish(true)>"Keep both"</button>
                            }.into_any(),
                            None => view! { <button type="button" class="ta-button" on:click=move |_| finish(false)>"Import"</button> }.into_any(),
                        }}
                        " "
                        <button type="button" class="ta-button ta-button--quiet" on:click=move |_| { preview.set(None); status.set(String::new()); }>"Cancel"</button>
                    </div>
                }
            })}
        </section>
    }
}
