//! The first alert, as the organiser sends it: plain-text e-mail with the EGI-pattern subject
//! marked as an exercise, ready to copy or download, as text or as a PDF (TLP label, EXERCISE
//! banner). It is built by the core from the challenge
//! and one narrow extract of the truth, and checked for every secret before it is shown.

use leptos::prelude::*;

use super::Page;
use super::pdf::PdfButton;
use crate::web::files;
use ti_core::challenge::document::Document;
use ti_core::challenge::views::first_alert;

/// The alert section.
#[component]
pub fn Alerts() -> impl IntoView {
    let page = expect_context::<Page>();
    let alert = Memo::new(move |_| page.record.with(|r| first_alert(page.kit, r).map_err(|e| e.to_string())));
    let note = RwSignal::new(String::new());
    let copy = move |what: &'static str, text: String| {
        note.set(match files::copy_text(&text) {
            Ok(()) => format!("Copied the {what}."),
            Err(e) => format!("The {what} could not be copied ({e}); select it in the box and copy it."),
        });
    };
    let to_whom = move || page.record.with(|r| page.kit.party_label(r.challenge.alerted).to_owned());
    view! {
        <section class="ta-chl__part" aria-labelledby="chl-alerts">
            <h2 id="chl-alerts">"Alert"</h2>
            <p class="ta-section__intro">{move || format!("The first alert goes to the {}. It carries the TEST banner and only what that party needs: the identity, the tokens and the other payloads' IDs are not in it.", to_whom())}</p>
            {move || match alert.get() {
                Err(e) => view! { <p class="ta-question__error">{format!("No alert yet: {e}")}</p> }.into_any(),
                Ok(a) => {
                    let (subject, body) = (a.subject.clone(), a.body.clone());
                    let (s2, b2) = (subject.clone(), body.clone());
                    let file = format!("{}-alert.txt", page.record.with_untracked(|r| r.challenge.id.to_string()));
                    let all = format!("Subject: {subject}\n\n{body}");
                    view! {
                        <div class="ta-field">
                            <label class="ta-question__label" for="alert-subject">"Subject"</label>
                            <input type="text" id="alert-subject" class="ta-chl__mail" readonly prop:value=subject.clone() />
                        </div>
                        <div class="ta-field">
                            <label class="ta-question__label" for="alert-body">"Message"</label>
                            <textarea id="alert-body" class="ta-chl__mail" readonly rows="18" prop:value=body.clone()></textarea>
                        </div>
                        <div class="ta-home__actions">
                            <button type="button" class="ta-button" on:click=move |_| copy("subject", s2.clone())>"Copy the subject"</button>
                            <button type="button" class="ta-button" on:click=move |_| copy("message", b2.clone())>"Copy the message"</button>
                            <button type="button" class="ta-button ta-button--secondary" on:click=move |_| {
                                note.set(match files::download_text(&all, &file, "text/plain") {
                                    Ok(()) => format!("Saved {file} to your downloads."),
                                    Err(e) => format!("The file could not be made: {e}."),
                                });
                            }>"Download the alert (text)"</button>
                        </div>
                        <PdfButton document=Document::Alert label="Download as PDF" class="ta-button ta-button--secondary" help_id="chl-alert-pdf-help"
                            help="The alert as a PDF: to and from, the subject and the message, with its TLP label and marked as an exercise.".to_owned() />
                    }.into_any()
                }
            }}
            <p class="ta-import__status" role="status" aria-live="polite">{move || note.get()}</p>
        </section>
    }
}
