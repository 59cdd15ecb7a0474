//! The Export PDF button: sends the stored-format document to the PDF worker and downloads
//! the result. The page stays responsive; the status line says what is happening. When some
//! characters could not print (no font has them, or the font could not be loaded offline), the
//! panel says which and what to do before anything is downloaded, and offers the PDF anyway.
//! Also the JSON, CSV and "share with the WG" downloads (the last lists what it left out).

use leptos::prelude::*;

use super::challenge_import::current_contradictions;
use super::pdf_status::{PdfStatus as Status, status_line};
use super::state::{Ctx, now};
use crate::web::storage;
use crate::web::{files, pdf_client};
use ti_core::time::Timestamp;
use ti_core::{csv, persist, share};

/// The button and its status line.
#[component]
pub fn ExportButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let status = RwSignal::new(Status::Idle);
    let exported = RwSignal::new(if ctx.session.blocked { None } else { storage::last_exported(&ctx.id()) });
    let mark_exported = move || {
        let at = now().0;
        if !ctx.session.blocked && storage::mark_exported(&ctx.id(), at).is_ok() {
            exported.set(Some(at));
        }
    };
    let save_pdf = move |pdf: &pdf_client::Pdf, filename: String| {
        status.set(match files::download(&pdf.bytes, &filename, "application/pdf") {
            Ok(()) => {
                mark_exported();
                Status::Done(format!("Saved {filename} to your downloads."))
            }
            Err(e) => {
                Status::Failed(format!("The PDF could not be made: {e}. Your answers are safe; try again."))
            }
        });
    };
    let export = move |_| {
        if status.get_untracked() == Status::Working {
            return;
        }
        status.set(Status::Working);
        let envelope = ctx.assessment.with_untracked(persist::encode);
        // The PDF prints the gaps the results page shows, "contradicted by challenge X" included.
        let contradictions = persist::encode_contradictions(&current_contradictions(&ctx));
        let date = ctx
            .assessment
            .with_untracked(|a| a.last_change().map(|t| t.date()))
            .unwrap_or_else(|| "empty".into());
        let filename = format!("ti-assess-{}-{date}.pdf", ctx.set.id);
        pdf_client::request_pdf(envelope, contradictions, move |result| match result {
            Ok(pdf) if pdf.warning.is_some() => status.set(Status::Warned(filename, pdf)),
            Ok(pdf) => save_pdf(&pdf, filename),
            Err(e) => status.set(Status::Failed(format!(
                "The PDF could not be made: {e}. Your answers are safe; try again."
            ))),
        });
    };
    let export_json = move |_| {
        status.set(match ctx.assessment.with_untracked(download_backup) {
            Ok(filename) => {
                mark_exported();
                Status::Done(format!(
                    "Saved {filename} to your downloads. Import it on the home page to restore it."
                ))
            }
            Err(e) => Status::Failed(format!("The JSON file could not be made: {e}.")),
        });
    };
    // What the last "share with the WG" export left out, listed under the buttons.
    let left_out = RwSignal::new(None::<Vec<String>>);
    let export_share = move |_| {
        let (copy, redactions) = ctx.assessment.with_untracked(|a| share::redact(ctx.set, a));
        let text = persist::encode_share(&copy, &redactions);
        let filename = format!("{}-share.json", ctx.assessment.with_untracked(|a| slug(&a.name)));
        status.set(match files::download_text(&text, &filename, "application/json") {
            Ok(()) => {
                left_out.set(Some(
                    redactions.iter().map(|r| format!("{} ({})", r.label, r.reason.text())).collect(),
                ));
                Status::Done(format!(
                    "Saved {filename} to your downloads: every answer for comparison, without personal data. {} left out, listed below and in the file.",
                    match redactions.len() {
                        0 => "Nothing was".to_owned(),
                        1 => "1 item was".to_owned(),
                        n => format!("{n} items were"),
                    }
                ))
            }
            Err(e) => Status::Failed(format!("The shared copy could not be made: {e}.")),
        });
    };
    let export_csv = move |which: &'static str| {
        let (text, name, date) = ctx.assessment.with_untracked(|a| {
            let text = if which == "gaps" {
                csv::gaps(ctx.set, a, ctx.today)
            } else {
                csv::answers(ctx.set, a, ctx.today)
            };
            (text, slug(&a.name), a.last_change().map(|t| t.date()).unwrap_or_else(|| "empty".into()))
        });
        let filename = format!("ti-assess-{name}-{which}-{date}.csv");
        status.set(match files::download_text(&text, &filename, "text/csv") {
            Ok(()) => Status::Done(format!("Saved {filename} to your downloads.")),
            Err(e) => Status::Failed(format!("The CSV file could not be made: {e}.")),
        });
    };
    view! {
        <section class="ta-export" aria-labelledby="export-heading">
            <h2 id="export-heading">"Report and backup"</h2>
            <button type="button" class="ta-button" on:click=export aria-disabled=move || (status.get() == Status::Working).to_string()>
                "Export PDF"
            </button>
            " "
            <button type="button" class="ta-button ta-button--secondary" on:click=export_json>
                "Export JSON (backup)"
            </button>
            <p class="ta-export__more">
                <button type="button" class="ta-button ta-button--quiet" on:click=move |_| export_csv("answers")>
                    "Answers as CSV"
                </button>
                " "
                <button type="button" class="ta-button ta-button--quiet" on:click=move |_| export_csv("gaps")>
                    "Gaps as CSV"
                </button>
                " "
                <button type="button" class="ta-button ta-button--quiet" on:click=export_share
                    aria-describedby="share-help">
                    "Share with the WG (JSON)"
                </button>
            </p>
            <p class="ta-export__help" id="share-help">
                "A copy for the working group without person names, personal e-mail addresses, phone numbers or evidence text; role addresses and all other answers stay."
            </p>
            <p class="ta-export__backup">
                {move || {
                    let last = exported.get();
                    let changed = ctx.assessment.with(|a| a.last_change().map(|t| t.0));
                    match (last, changed) {
                        (Some(at), Some(c)) if c > at => format!("Last exported on {}; answers changed since. Export a JSON backup to keep them safe.", Timestamp(at).date()),
                        (Some(at), _) => format!("Last exported on {}.", Timestamp(at).date()),
                        (None, Some(_)) => "Not exported yet. A JSON backup keeps your answers if the browser clears its data.".to_owned(),
                        (None, None) => String::new(),
                    }
                }}
                {move || match ctx.session.persisted.get() {
                    Some(Some(true)) => " The browser keeps this site's data even when space runs short.",
                    Some(Some(false)) => " The browser may delete this site's data when space runs short.",
                    _ => "",
                }}
            </p>
            {status_line(status, save_pdf)}
            {move || left_out.get().filter(|l| !l.is_empty()).map(|l| view! {
                <div class="ta-export__left-out">
                    <h3 id="left-out-heading">"Left out of the shared copy"</h3>
                    <ul aria-labelledby="left-out-heading">{l.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}

/// Offers the assessment as it is in this page (saved or not) as a JSON backup download, and
/// returns the file name. Also used by the storage-full banner.
pub(super) fn download_backup(a: &ti_core::model::Assessment) -> Result<String, String> {
    let date = a.last_change().map(|t| t.date()).unwrap_or_else(|| "empty".into());
    let filename = format!("ti-assess-{}-{date}.json", slug(&a.name));
    files::download_text(&persist::encode(a), &filename, "application/json").map(|()| filename)
}

/// A file-name-safe form of a name: letters and digits, other runs as one dash.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() { "assessment".to_owned() } else { out }
}
