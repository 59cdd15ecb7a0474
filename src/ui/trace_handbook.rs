//! The forensic handbook in the app: in Collect, the working group downloads it as a PDF (one
//! framework or all) and as the handbook file (JSON); in "Trace a job", a site imports that
//! file, picks the VO (its security address fills the request, its notes show above the steps)
//! and downloads the handbook PDF of the framework in use.
//!
//! Invariants: the model and the file come from the core (`trace::handbook`,
//! `persist::handbook`), the PDF from the worker; an imported file is read size-capped and
//! validated before anything is stored, and stored only through `storage`.

use leptos::prelude::*;

use super::state::now;
use super::trace_form::TraceForm;
use crate::web::storage::{self, StoredHandbook};
use crate::web::{files, pdf_client};
use ti_core::collect::Collection;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::handbook::{decode_handbook, encode_handbook};
use ti_core::trace::TraceCatalog;
use ti_core::trace::handbook::{Directory, Scope, directory, frameworks};
use ti_core::trace::model::FRAMEWORK;

/// The field the picked VO's role address goes into.
const VO_CONTACT: &str = "vo_contact";
/// The field holding the VO's name.
const VO_NAME: &str = "vo_name";

/// Asks the worker for the handbook PDF and downloads it; `status` says what happened.
fn download_pdf(json: String, scope: &str, busy: RwSignal<bool>, status: RwSignal<String>) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    status.set("Preparing the forensic handbook…".into());
    let filename = format!("ti-assess-forensic-handbook-{scope}.pdf");
    pdf_client::request_handbook_pdf(json, scope, move |result| {
        busy.set(false);
        let outcome = result
            .and_then(|pdf| files::download(&pdf.bytes, &filename, "application/pdf").map(|()| pdf.warning));
        status.set(match outcome {
            Ok(None) => format!("Saved {filename} to your downloads."),
            Ok(Some(warning)) => format!("Saved {filename} to your downloads. {warning}"),
            Err(e) => format!("The forensic handbook could not be made: {e}. Try again."),
        });
    });
}

/// The framework choice of a handbook: all, or one.
#[component]
fn ScopeSelect(cat: &'static TraceCatalog, id: &'static str, scope: RwSignal<String>) -> impl IntoView {
    view! {
        <label for=id>"Frameworks in the handbook"</label>
        <select id=id on:change=move |ev| scope.set(event_target_value(&ev))>
            <option value="all">"All frameworks"</option>
            {frameworks(cat).into_iter().map(|(f, l)| view! { <option value=f>{l}</option> }).collect_view()}
        </select>
    }
}

/// Collect's "Forensic handbook" section: the PDF and the handbook file of the VOs collected.
#[component]
pub fn CollectHandbook(collection: StoredValue<Collection>) -> impl IntoView {
    let Ok(cat) = ti_core::catalog::builtin_trace() else {
        return view! { <p role="alert">"The trace data could not be loaded: no forensic handbook."</p> }
            .into_any();
    };
    let scope = RwSignal::new("all".to_owned());
    let busy = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let file_of = move || collection.with_value(|c| encode_handbook(&directory(c)));
    let pdf = move |_| download_pdf(file_of(), &scope.get_untracked(), busy, status);
    let json = move |_| {
        let dir = collection.with_value(directory);
        let filename = format!("ti-assess-forensic-handbook-{}.json", dir.collected);
        status.set(match files::download_text(&encode_handbook(&dir), &filename, "application/json") {
            Ok(()) => format!("Saved {filename} to your downloads ({} VOs).", dir.vos.len()),
            Err(e) => format!("The handbook file could not be offered: {e}."),
        });
    };
    view! {
        <section aria-labelledby="collect-handbook-heading" class="ta-handbook">
            <h2 id="collect-handbook-heading">"Forensic handbook"</h2>
            <p class="ta-question__help">"For sites: per framework what a site sees, the identifiers, the commands and what to send the VO; then a page per VO collected, with its framework, security address and its own notes on where to look. Only answers meant for sites are printed, never personal ones. Give sites the handbook file: they import it in Trace a job."</p>
            <div class="ta-collect__filters">
                <div><ScopeSelect cat=cat id="collect-handbook-scope" scope=scope /></div>
            </div>
            <div class="ta-collect__downloads">
                <button type="button" class="ta-button" on:click=pdf aria-disabled=move || busy.get().to_string()>
                    "Forensic handbook (PDF)"
                </button>
                <button type="button" class="ta-button ta-button--secondary" on:click=json>"Handbook file (JSON)"</button>
            </div>
            <p class="ta-import__status" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

/// What "Trace a job" knows of the imported handbook.
fn loaded(cat: &TraceCatalog, blocked: bool) -> (Option<(Directory, String)>, String) {
    if blocked {
        return (None, String::new());
    }
    match storage::load_handbook(cat, now().0) {
        Ok(StoredHandbook::Empty) => (None, String::new()),
        Ok(StoredHandbook::Found(d, text)) => (Some((d, text)), String::new()),
        Ok(StoredHandbook::Kept { kept_as, reason }) => (
            None,
            format!(
                "The handbook kept in this browser could not be read ({reason}); it is kept aside as {kept_as}. Import it again."
            ),
        ),
        Ok(StoredHandbook::Newer(reason)) => (
            None,
            format!(
                "{reason} The stored handbook is left as it is; importing one from this version keeps it aside."
            ),
        ),
        Err(e) => (None, format!("The stored handbook could not be read: {e}.")),
    }
}

/// The site's handbook panel in "Trace a job": import, pick the VO, its notes, the PDF.
#[component]
pub fn SiteHandbook(form: TraceForm, blocked: bool) -> impl IntoView {
    let cat = form.cat;
    let (initial, note) = loaded(cat, blocked);
    let note = match &initial {
        Some((d, _)) => format!("Handbook of {} VOs imported, collected {}.", d.vos.len(), d.collected),
        None => note,
    };
    let handbook = RwSignal::new(initial);
    let status = RwSignal::new(note);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        leptos::task::spawn_local(async move {
            let bytes = match files::read_bytes_capped(&file, MAX_BYTES as u64).await {
                Ok(b) => b,
                Err(e) => return status.set(e.to_string()),
            };
            match decode_handbook(cat, &bytes) {
                Err(e) => status.set(format!("Not imported: {e}")),
                Ok(dir) => {
                    let stored = if blocked {
                        Ok(encode_handbook(&dir))
                    } else {
                        storage::save_handbook(cat, &dir, now().0)
                    };
                    let (text, kept) = match stored {
                        Ok(t) => (t, String::new()),
                        Err(e) => (
                            encode_handbook(&dir),
                            format!(
                                " It could not be kept in this browser ({e}): it is used for this visit only."
                            ),
                        ),
                    };
                    status.set(format!(
                        "Imported the handbook of {} VOs, collected {}.{kept}",
                        dir.vos.len(),
                        dir.collected
                    ));
                    handbook.set(Some((dir, text)));
                }
            }
        });
    };
    // The VO the request names, when the handbook has it.
    let picked = Memo::new(move |_| {
        let name = form.values.with(|v| v.get(VO_NAME).map(str::to_owned));
        handbook.with(|h| h.as_ref().and_then(|(d, _)| name.and_then(|n| d.vo(&n).cloned())))
    });
    let pick = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        let Some(vo) = handbook.with_untracked(|h| h.as_ref().and_then(|(d, _)| d.vo(&name).cloned())) else {
            return;
        };
        let mut values = form.values.get_untracked();
        values.set(VO_NAME, vo.name.clone());
        values.set(VO_CONTACT, vo.contact.clone().unwrap_or_default());
        form.replace(values);
    };
    let scope = move || {
        let f = form.values.with(|v| v.selector(FRAMEWORK).to_owned());
        if frameworks(cat).iter().any(|(id, _)| *id == f) { Scope::Framework(f) } else { Scope::All }
    };
    let pdf = move |_| {
        let json = handbook.with_untracked(|h| h.as_ref().map(|(_, t)| t.clone()).unwrap_or_default());
        download_pdf(json, scope().key(), busy, status);
    };
    let fw_label =
        move |id: &str| cat.field(FRAMEWORK).and_then(|f| f.option_label(id)).unwrap_or(id).to_owned();
    view! {
        <section class="ta-handbook" aria-labelledby="trace-handbook">
            <h2 id="trace-handbook">"Forensic handbook"</h2>
            <label class="ta-question__label" for="trace-handbook-file">"Import a handbook (JSON)"</label>
            <input type="file" id="trace-handbook-file" accept=".json,application/json" aria-describedby="trace-handbook-help" on:change=on_file />
            <p class="ta-question__help" id="trace-handbook-help">"The working group's handbook file (from its Collect view) gives each VO's security address and its notes on where to look. Import it once; it stays in this browser."</p>
            {move || handbook.with(|h| h.as_ref().map(|(d, _)| {
                let current = form.values.with_untracked(|v| v.get(VO_NAME).unwrap_or_default().to_owned());
                let options = d.vos.iter().map(|v| {
                    let selected = v.name == current;
                    view! { <option value=v.name.clone() selected=selected>{v.name.clone()}</option> }
                }).collect_view();
                view! {
                    <p>
                        <label class="ta-question__label" for="trace-handbook-vo">"The VO, from the handbook"</label>
                        <select id="trace-handbook-vo" on:change=pick>
                            <option value="">"Choose the VO"</option>
                            {options}
                        </select>
                    </p>
                }
            }))}
            {move || picked.get().map(|vo| {
                let f = form.values.with(|v| v.selector(FRAMEWORK).to_owned());
                let notes: Vec<(String, String)> = vo.notes.iter()
                    .filter(|(nf, _)| *nf == f || !frameworks(cat).iter().any(|(id, _)| *id == f))
                    .map(|(nf, t)| (format!("Where to look: {}", fw_label(nf)), t.clone()))
                    .collect();
                view! {
                    <div class="ta-handbook__vo" role="region" aria-label=format!("{} in the handbook", vo.name)>
                        <p><strong>"Security contact: "</strong>{vo.contact.clone().unwrap_or_else(|| "not in the handbook".into())}</p>
                        {vo.guide.clone().map(|g| view! { <p><strong>"The VO's own guide: "</strong>{g}</p> })}
                        {notes.into_iter().map(|(h, t)| view! { <p><strong>{h}": "</strong>{t}</p> }).collect_view()}
                    </div>
                }
            })}
            <p>
                <button type="button" class="ta-button ta-button--secondary" on:click=pdf aria-disabled=move || busy.get().to_string()>
                    "Handbook (PDF)"
                </button>
            </p>
            <p class="ta-import__status" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
}
