//! Where an export stands, and its status line: what is happening, the warning about characters
//! that could not print shown before anything is downloaded, with "Download the PDF anyway".
//! Shared by the assessment's export (`export`) and the challenge kit's PDFs, so both behave and
//! read the same.

use leptos::prelude::*;

use crate::web::pdf_client::Pdf;

/// Where an export stands.
#[derive(Clone, Debug, PartialEq)]
pub enum PdfStatus {
    /// Nothing asked yet.
    Idle,
    /// The PDF worker is making it.
    Working,
    /// A PDF whose warning the user reads before downloading it: the file name and the PDF.
    Warned(String, Pdf),
    /// Done, in words.
    Done(String),
    /// Failed, in words.
    Failed(String),
}

/// The status line and, after a warning, the button that saves the PDF anyway with `save`.
pub fn status_line(
    status: RwSignal<PdfStatus>,
    save: impl Fn(&Pdf, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <p class="ta-export__status" role="status">
            {move || match status.get() {
                PdfStatus::Idle => String::new(),
                PdfStatus::Working => "Preparing the PDF…".into(),
                PdfStatus::Warned(_, pdf) => pdf.warning.unwrap_or_default(),
                PdfStatus::Done(m) | PdfStatus::Failed(m) => m,
            }}
        </p>
        {move || match status.get() {
            PdfStatus::Warned(filename, pdf) => Some(view! {
                <button type="button" class="ta-button ta-button--secondary"
                    on:click=move |_| save(&pdf, filename.clone())>
                    "Download the PDF anyway"
                </button>
            }),
            _ => None,
        }}
    }
}
