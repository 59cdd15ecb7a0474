//! A button that has the PDF worker make one of the challenge's PDFs (the report, the debrief or
//! the alert) and downloads it, with the assessment export's handling (`ui::export`): one request
//! at a time (the button is `aria-disabled` while one is made), a status line that says what is
//! happening, and a warning about characters that could not print shown before anything is
//! downloaded, with "Download the PDF anyway". A refusal (the debrief would show a secret) is
//! shown in words; nothing is downloaded then.

use leptos::prelude::*;

use super::Page;
use crate::ui::pdf_status::{PdfStatus as Status, status_line};
use crate::web::{files, pdf_client};
use ti_core::challenge::document::Document;
use ti_core::persist::challenge::encode_pdf_request;

/// The file name of a PDF of challenge `id`.
fn file_name(id: &str, document: Document) -> String {
    match document {
        Document::Report => format!("{id}-report-TLP-RED.pdf"),
        Document::Debrief => format!("{id}-debrief.pdf"),
        Document::DebriefRevealed => format!("{id}-debrief-with-truth.pdf"),
        Document::Alert => format!("{id}-alert.pdf"),
    }
}

/// The button, its status line and, after a warning, "Download the PDF anyway".
#[component]
pub fn PdfButton(
    /// Which PDF, read when the button is pressed.
    #[prop(into)]
    document: Signal<Document>,
    /// The button's text.
    label: &'static str,
    /// Its look (`ta-button`, `ta-button ta-button--secondary` …).
    #[prop(default = "ta-button")]
    class: &'static str,
    /// The ID of the text under the button that says what the PDF holds.
    help_id: &'static str,
    /// That text.
    #[prop(into)]
    help: Signal<String>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let status = RwSignal::new(Status::Idle);
    let save = move |pdf: &pdf_client::Pdf, file: String| {
        status.set(match files::download(&pdf.bytes, &file, "application/pdf") {
            Ok(()) => Status::Done(format!("Saved {file} to your downloads.")),
            Err(e) => Status::Failed(format!("The PDF could not be saved: {e}. Try again.")),
        });
    };
    let make = move |_| {
        if status.get_untracked() == Status::Working {
            return;
        }
        status.set(Status::Working);
        let d = document.get_untracked();
        let (json, file) = page
            .record
            .with_untracked(|r| (encode_pdf_request(page.kit, r, d), file_name(r.challenge.id.as_str(), d)));
        pdf_client::request_challenge_pdf(json, move |result| match result {
            Ok(pdf) if pdf.warning.is_some() => status.set(Status::Warned(file, pdf)),
            Ok(pdf) => save(&pdf, file),
            Err(e) => status.set(Status::Failed(format!("The PDF could not be made: {e}"))),
        });
    };
    view! {
        <div class="ta-chl__pdf">
            <button type="button" class=class on:click=make aria-describedby=help_id
                aria-disabled=move || (status.get() == Status::Working).to_string()>
                {label}
            </button>
            <p class="ta-export__help" id=help_id>{move || help.get()}</p>
            {status_line(status, save)}
        </div>
    }
}
