//! The Export PDF button: sends the stored-format document to the PDF worker and downloads
//! the result. The page stays responsive; the status line says what is happening.

use leptos::prelude::*;

use super::state::Ctx;
use crate::{pdf_client, persist};

/// Where an export stands.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Working,
    Done(String),
    Failed(String),
}

/// The button and its status line.
#[component]
pub fn ExportButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let status = RwSignal::new(Status::Idle);
    let export = move |_| {
        if status.get_untracked() == Status::Working {
            return;
        }
        status.set(Status::Working);
        let envelope = ctx.assessment.with_untracked(persist::encode);
        let date = ctx
            .assessment
            .with_untracked(|a| a.last_change().map(|t| t.date()))
            .unwrap_or_else(|| "empty".into());
        let filename = format!("ti-assess-{}-{date}.pdf", ctx.set.id);
        pdf_client::request_pdf(envelope, move |result| {
            let outcome = result.and_then(|bytes| {
                pdf_client::download(&bytes, &filename, "application/pdf").map(|()| filename)
            });
            status.set(match outcome {
                Ok(name) => Status::Done(format!("Saved {name} to your downloads.")),
                Err(e) => Status::Failed(format!(
                    "The PDF could not be made: {e}. Your answers are safe; try again."
                )),
            });
        });
    };
    view! {
        <section class="ta-export" aria-labelledby="export-heading">
            <h2 id="export-heading">"Report"</h2>
            <button type="button" class="ta-button" on:click=export aria-disabled=move || (status.get() == Status::Working).to_string()>
                "Export PDF"
            </button>
            <p class="ta-export__status" role="status">
                {move || match status.get() {
                    Status::Idle => String::new(),
                    Status::Working => "Preparing the PDF…".into(),
                    Status::Done(m) | Status::Failed(m) => m,
                }}
            </p>
        </section>
    }
}
