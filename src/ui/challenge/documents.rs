//! Attaching a trace document to the challenge: the site's trace request or the VO's reply (the
//! JSON files "Trace a job" writes) gives E5 to E8 the moment it was written
//! (`challenge::documents`), so those timings come from the documents themselves.
//!
//! Invariant: a refused document (another incident, not an exercise, an impossible time, a bad
//! file) changes nothing and says why; the file is read capped at 1 MiB.

use leptos::prelude::*;

use super::Page;
use crate::ui::state::now;
use crate::web::files;
use ti_core::catalog;
use ti_core::challenge::documents::attach;
use ti_core::challenge::kit::TraceDocument;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::trace::{REPLY_FORMAT, decode_document};

/// The file picker under the timeline.
#[component]
pub fn DocumentAttach() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        leptos::task::spawn_local(async move {
            let read = async {
                let cat = catalog::builtin_trace().map_err(|e| e.to_string())?;
                let bytes =
                    files::read_bytes_capped(&file, MAX_BYTES as u64).await.map_err(|e| e.to_string())?;
                let (format, doc) = decode_document(cat, &bytes).map_err(|e| e.to_string())?;
                let kind = if format == REPLY_FORMAT { TraceDocument::Reply } else { TraceDocument::Request };
                Ok::<_, String>((kind, doc))
            };
            match read.await {
                Err(e) => page.error.set(Some(format!("{e} Nothing was changed."))),
                Ok((kind, doc)) => {
                    let mut taken = Vec::new();
                    page.change(&format!("times taken from the {}", kind.label()), |r| {
                        taken =
                            attach(kit, &mut r.challenge, kind, &doc, now()).map_err(|e| e.to_string())?;
                        Ok(())
                    });
                    if !taken.is_empty() {
                        page.status.set(format!(
                            "Saved: {} taken from the {} written {}.",
                            taken.join(", "),
                            kind.label(),
                            doc.written
                        ));
                    }
                }
            }
        });
    };
    // What each document gives, from the kit's data.
    let gives: Vec<String> = kit
        .document_events
        .iter()
        .map(|d| {
            let title = kit.events.iter().find(|e| e.id == d.event).map_or("", |e| e.title.as_str());
            let mut s = format!("the {} gives {} ({title})", d.document.label(), d.event);
            if d.only_if_missing {
                s.push_str(" unless already recorded");
            }
            if let Some(f) = &d.when_field {
                s.push_str(&format!(" when it holds {f}"));
            }
            s
        })
        .collect();
    view! {
        <div class="ta-field">
            <label class="ta-question__label" for="chl-attach">"Take times from a trace request or reply (JSON)"</label>
            <p id="chl-attach-help" class="ta-question__help">
                {format!("Each at the moment the document was written: {}. The document must name this challenge as its exercise ID.", gives.join("; "))}
            </p>
            <input type="file" id="chl-attach" accept=".json,application/json" aria-describedby="chl-attach-help" on:change=on_file />
        </div>
    }
}
