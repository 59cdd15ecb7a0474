//! A plain-text document of "Trace a job" (the site's request, a VO reply) as the core renders
//! it (`trace::text`), with its recipient, the required fields still missing listed before it,
//! and buttons to copy it, download it as text and as JSON.
//!
//! Invariant: what is copied or downloaded is exactly the text shown; the JSON is the core's
//! (`persist::trace::encode_request` / `encode_reply`), holding the document's fields only.

use leptos::prelude::*;

use super::copy::CopyButton;
use super::state::now;
use super::trace_form::TraceForm;
use crate::web::files::download_text;
use ti_core::persist::trace::{encode_reply, encode_request};
use ti_core::trace::complete::required_gaps;
use ti_core::trace::model::Document;
use ti_core::trace::text::render;

/// A file name from the case ID: letters, digits, dots and dashes kept, the rest `_`.
fn file_stem(prefix: &str, id: Option<&str>) -> String {
    let id: String = id
        .unwrap_or("case")
        .chars()
        .take(60)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    format!("{prefix}-{id}")
}

/// One document with its actions. `json` offers its file as well: the request file for the
/// request, the reply file (whose times a challenge's organiser can take) for a reply.
#[component]
pub fn DocumentView(form: TraceForm, doc: &'static Document, json: bool) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let heading = format!("trace-doc-{}", doc.id);
    let labelled_by = heading.clone();
    let body = move || {
        let values = form.values.get();
        let r = render(form.cat, doc, &values);
        let full = r.full();
        let gaps = if doc.missing_heading.is_empty() { Vec::new() } else { required_gaps(form.cat, &values) };
        let gap_list = (!gaps.is_empty()).then(|| {
            let items = gaps
                .iter()
                .map(|g| {
                    let alts: Vec<String> = g
                        .missing
                        .iter()
                        .map(|alt| alt.iter().map(|f| form.cat.label(f)).collect::<Vec<_>>().join(" and "))
                        .collect();
                    view! { <li>{format!("{}: {}", alts.join(" or "), g.rule.message)}</li> }
                })
                .collect_view();
            view! {
                <div class="ta-trace__missing" role="note" aria-label="Required values not given yet">
                    <p>{format!("{} required value(s) are not given yet. The request lists them under \u{201c}{}\u{201d}; you can send it now and the rest later.", gaps.len(), doc.missing_heading)}</p>
                    <ul>{items}</ul>
                </div>
            }
        });
        let stem = file_stem(&doc.id, values.get("incident_id"));
        let text_for_download = full.clone();
        let txt_name = format!("{stem}.txt");
        let download_txt = move |_| {
            if let Err(e) = download_text(&text_for_download, &txt_name, "text/plain;charset=utf-8") {
                message.set(Some(format!("Not downloaded: {e}.")));
            }
        };
        let json_button = json.then(|| {
            let v = values.clone();
            let name = format!("{stem}.json");
            view! {
                <button type="button" class="ta-button ta-button--secondary" on:click=move |_| {
                    let encode = if doc.id == form.cat.request.id { encode_request } else { encode_reply };
                    let text = encode(form.cat, &v, now());
                    if let Err(e) = download_text(&text, &name, "application/json") {
                        message.set(Some(format!("Not downloaded: {e}.")));
                    }
                }>"Download as JSON"</button>
            }
        });
        view! {
            <p class="ta-trace__to">{format!("To: {}", r.to)}</p>
            {gap_list}
            <pre class="ta-trace__doc" role="region" tabindex="0" aria-label=format!("{} (text)", doc.title)>{full.clone()}</pre>
            <div class="ta-trace__actions">
                <CopyButton text=Some(full) label=format!("Copy the {}", lower_first(&doc.title)) />
                <button type="button" class="ta-button ta-button--secondary" on:click=download_txt>"Download as text"</button>
                {json_button}
            </div>
        }
    };
    view! {
        <section class="ta-trace__document" aria-labelledby=labelled_by>
            <h3 id=heading>{doc.title.clone()}</h3>
            {body}
            <p class="ta-question__error" role="alert">{move || message.get()}</p>
        </section>
    }
}

/// "Trace request to the VO" → "trace request to the VO": the title inside a sentence, its
/// acronyms kept (a screen reader spells "VO", it would read "vo" as a word).
fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
