//! The result: each criterion's checks with value, threshold (value, unit, status, sources) and
//! outcome; the overall result naming the failing criteria; the depth; and the exports: the
//! result file the VO and the site import, the debrief (the truth only if chosen), and the
//! organiser's files with and without the sealed truth; and the PDFs: the report (the organiser's
//! TLP:RED copy) and the debrief (the truth only if the reveal box is ticked).

use leptos::prelude::*;

use super::Page;
use super::pdf::PdfButton;
use crate::web::files;
use ti_core::challenge::document::Document;
use ti_core::challenge::score::{Outcome, score};
use ti_core::challenge::views::{Reveal, debrief, result};
use ti_core::persist::challenge::{encode_record, encode_result};

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "ta-chl__pass",
        Outcome::Fail => "ta-chl__fail",
        Outcome::Pending => "ta-chl__pending",
        Outcome::NotApplicable => "ta-chl__na",
    }
}

/// The result section.
#[component]
pub fn Scorecard() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let card = Memo::new(move |_| page.record.with(|r| score(kit, r)));
    let note = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let id = move || page.record.with_untracked(|r| r.challenge.id.to_string());
    let save = move |text: String, file: String, mime: &'static str| {
        note.set(match files::download_text(&text, &file, mime) {
            Ok(()) => format!("Saved {file} to your downloads."),
            Err(e) => format!("The file could not be made: {e}."),
        });
    };
    let rows = move || {
        card.get()
            .criteria
            .into_iter()
            .flat_map(|c| {
                let title = format!("{} {} ({})", c.id, c.title, c.outcome.label());
                let cclass = outcome_class(c.outcome);
                c.checks.into_iter().enumerate().map(move |(i, k)| {
                    let thr = k.threshold.as_ref().map(|t| t.describe()).unwrap_or_else(|| "-".into());
                    let first = (i == 0).then(|| title.clone());
                    view! {
                        <tr>
                            <th scope="row" class=cclass>{first}</th>
                            <td>{k.label.clone()}{k.advisory.then_some(" (advisory)")}{k.fatal.then_some(" (decides FAIL)")}</td>
                            <td>{k.value.clone()}</td>
                            <td>{thr}</td>
                            <td class=outcome_class(k.outcome)>{k.outcome.label()}</td>
                        </tr>
                    }
                })
            })
            .collect_view()
    };
    let overall = move || {
        let c = card.get();
        let depth = c.depth.map(|d| {
            let label = kit.depth.iter().find(|x| x.level == d).map_or("", |x| x.label.as_str());
            format!(" Reachability depth {d} of 5 ({label}).")
        });
        format!("Result: {}.{}", c.overall_text(), depth.unwrap_or_default())
    };
    let export_result = move |_| {
        let r = page.record.with_untracked(|r| result(kit, r));
        save(encode_result(kit, &r), format!("{}-result.json", id()), "application/json");
    };
    let export_sealed = move |_| {
        let text = page.record.with_untracked(|r| encode_record(kit, r, true));
        save(text, format!("{}-organiser-TLP-RED.json", id()), "application/json");
    };
    let export_public = move |_| {
        let text = page.record.with_untracked(|r| encode_record(kit, r, false));
        save(text, format!("{}-record-without-truth.json", id()), "application/json");
    };
    let debrief_text = Memo::new(move |_| {
        let how = if reveal.get() { Reveal::Truth } else { Reveal::Sealed };
        page.record.with(|r| debrief(kit, r, how).map(|d| d.text).map_err(|e| e.to_string()))
    });
    view! {
        <section class="ta-chl__part" aria-labelledby="chl-result">
            <h2 id="chl-result">"Result"</h2>
            <p class="ta-results__overall">{overall}</p>
            <div class="ta-group__scroll">
                <table class="ta-home__table">
                    <caption class="ta-visually-hidden">"Criteria and their checks"</caption>
                    <thead><tr><th scope="col">"Criterion"</th><th scope="col">"Check"</th><th scope="col">"Found"</th><th scope="col">"Threshold (status: sources)"</th><th scope="col">"Outcome"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>"Files"</h3>
            <div class="ta-home__actions">
                <button type="button" class="ta-button" on:click=export_result>"Download the result (for the VO and the site)"</button>
                <button type="button" class="ta-button ta-button--secondary" on:click=export_public>"Download the record without the truth"</button>
                <button type="button" class="ta-button ta-button--danger" on:click=export_sealed>"Download the organiser file with the truth (TLP:RED)"</button>
            </div>
            <PdfButton document=Document::Report label="Download the report (PDF)" class="ta-button ta-button--danger" help_id="chl-report-help"
                help="The report is the organiser's copy: the timeline chart, the criteria, what went well, the action items and the sealed ground truth with your notes, marked TLP:RED. The VO and the site get the debrief.".to_owned() />
            <h3>"Debrief"</h3>
            <span class="ta-choice">
                <input type="checkbox" id="debrief-reveal" prop:checked=move || reveal.get() on:change=move |ev| reveal.set(event_target_checked(&ev)) />
                <label for="debrief-reveal">"Reveal the ground truth in the debrief"</label>
            </span>
            {move || match debrief_text.get() {
                Ok(text) => {
                    let t2 = text.clone();
                    let file = format!("{}-debrief{}.txt", id(), if reveal.get_untracked() { "-with-truth" } else { "" });
                    view! {
                        <div class="ta-field">
                            <label class="ta-question__label" for="debrief-text">"Debrief for the VO and the site"</label>
                            <textarea id="debrief-text" class="ta-chl__mail" readonly rows="16" prop:value=text></textarea>
                        </div>
                        <div class="ta-home__actions">
                            <button type="button" class="ta-button" on:click=move |_| note.set(match files::copy_text(&t2) { Ok(()) => "Copied the debrief.".into(), Err(e) => format!("Not copied ({e}); select it in the box.") })>"Copy the debrief"</button>
                            <button type="button" class="ta-button ta-button--secondary" on:click={
                                let t3 = debrief_text.get_untracked().unwrap_or_default();
                                move |_| save(t3.clone(), file.clone(), "text/plain")
                            }>"Download the debrief (text)"</button>
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <p class="ta-question__error">{format!("No sealed debrief: {e}")}</p> }.into_any(),
            }}
            <PdfButton
                document=Signal::derive(move || if reveal.get() { Document::DebriefRevealed } else { Document::Debrief })
                label="Download the debrief (PDF)"
                help_id="chl-debrief-help"
                help=Signal::derive(move || if reveal.get() {
                    "The debrief PDF for the VO and the site, with the ground truth revealed (the box above is ticked), and the result file attached: the VO imports it on its results page.".to_owned()
                } else {
                    "The debrief PDF for the VO and the site: the ground truth stays sealed; the result file is attached, and the VO imports it on its results page.".to_owned()
                })
            />
            <p class="ta-import__status" role="status" aria-live="polite">{move || note.get()}</p>
        </section>
    }
}
