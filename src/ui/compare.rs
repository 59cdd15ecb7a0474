//! Compare over time: two assessments, stored in this browser or read from files, and what
//! changed between them (new and closed gaps, changed answers, dates gone stale), and that as a
//! PDF (made by the PDF worker from `collect::summary::comparison_report`).
//!
//! Invariant: reads only; nothing chosen here is stored. The comparison is the core's
//! (`collect::diff::compare`), judged as of today.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::state::{Session, now};
use crate::web::files;
use crate::web::storage;
use ti_core::catalog;
use ti_core::collect::diff::{self, Comparison};
use ti_core::collect::summary;
use ti_core::model::Assessment;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::import::{self, is_pdf};
use ti_core::time::Date;
use ti_core::wording::labelled;

/// How an assessment is offered in the selects: name, set and date of its last answer.
fn describe(a: &Assessment, origin: &str) -> String {
    let name = if a.name.trim().is_empty() { a.id.as_str() } else { a.name.as_str() };
    let date = a.last_change().map(|t| t.date()).unwrap_or_else(|| "no answers".into());
    format!("{name} ({}, {date}, {origin})", a.question_set.id)
}

fn stored(session: &Session) -> Vec<(String, Assessment)> {
    let list: Vec<Assessment> = if session.blocked {
        session.all()
    } else {
        storage::list().map(|l| l.into_iter().filter_map(|x| x.assessment.ok()).collect()).unwrap_or_default()
    };
    list.into_iter().map(|a| (describe(&a, "stored"), a)).collect()
}

/// Reads one file into an assessment (a PDF through the collection's PDF function).
async fn read(file: web_sys::File) -> Result<Assessment, String> {
    let mut bytes = files::read_bytes_capped(&file, MAX_BYTES as u64).await.map_err(|e| e.to_string())?;
    if is_pdf(&bytes) {
        bytes = crate::web::pdf_client::extract(bytes).await?.text.into_bytes();
    }
    import::plan(&bytes, &BTreeMap::new(), catalog::builtin).map(|p| p.assessment).map_err(|e| e.to_string())
}

/// The changes, as four lists.
#[component]
pub(super) fn ComparisonView(comparison: Comparison) -> impl IntoView {
    let d = comparison;
    if d.is_empty() {
        return view! { <p>"Nothing changed."</p> }.into_any();
    }
    let gap_list = |gaps: &[diff::GapChange]| {
        gaps.iter()
            .map(|g| view! { <li>{format!("{} {} ({}): {}", g.recommendation, g.title, g.severity.label(), g.message)}</li> })
            .collect_view()
    };
    let lists = [
        ("New gaps", d.new_gaps.len(), gap_list(&d.new_gaps).into_any()),
        ("Closed gaps", d.closed_gaps.len(), gap_list(&d.closed_gaps).into_any()),
        (
            "Changed answers",
            d.changed_answers.len(),
            d.changed_answers
                .iter()
                .map(|c| view! { <li>{labelled(&c.label, &format!("{} → {}", c.before, c.after))}</li> })
                .collect_view()
                .into_any(),
        ),
        (
            "Gone stale",
            d.gone_stale.len(),
            d.gone_stale
                .iter()
                .map(|s| {
                    view! { <li>{format!("{}: {} is {} days old (limit {} days)", s.label, s.date, s.age_days, s.max_days)}</li> }
                })
                .collect_view()
                .into_any(),
        ),
    ];
    view! {
        <div class="ta-compare__result">
            {lists.into_iter().map(|(title, n, items)| view! {
                <section class="ta-compare__list" aria-label=title>
                    <h4>{format!("{title} ({n})")}</h4>
                    {if n == 0 { view! { <p>"None."</p> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() }}
                </section>
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// The Compare page.
#[component]
pub fn Compare() -> impl IntoView {
    let session = expect_context::<Session>();
    let choices = RwSignal::new(stored(&session));
    let before = RwSignal::new(String::new());
    let after = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    // The comparison with the two assessments it compares and the day it was judged at (for the
    // PDF, which then says exactly what the page shows).
    let result = RwSignal::new(None::<Result<(Comparison, Assessment, Assessment, Date), String>>);
    let pdf_status = RwSignal::new(String::new());
    let on_change = move |ev: leptos::ev::Event| {
        let files = files::chosen(&ev);
        leptos::task::spawn_local(async move {
            let mut added = 0;
            let mut refused = Vec::new();
            for f in files {
                let name = f.name();
                match read(f).await {
                    Ok(a) => {
                        choices.update(|c| c.push((describe(&a, &format!("file {name}")), a)));
                        added += 1;
                    }
                    Err(e) => refused.push(format!("{name}: {e}")),
                }
            }
            message.set(if refused.is_empty() {
                format!("Added {added} assessments from files.")
            } else {
                format!("Added {added} assessments from files. Not added: {}", refused.join(" "))
            });
        });
    };
    let run = move |_| {
        let pick = |key: String| {
            key.parse::<usize>().ok().and_then(|i| choices.with_untracked(|c| c.get(i).map(|x| x.1.clone())))
        };
        result.set(Some(match (pick(before.get_untracked()), pick(after.get_untracked())) {
            (Some(b), Some(a)) => {
                let today = now().day();
                diff::compare(&b, &a, today).map(|d| (d, b, a, today)).map_err(|e| e.to_string())
            }
            _ => Err("Choose an earlier and a later assessment.".into()),
        }));
    };
    let download_pdf = move |_| {
        let Some(Ok((d, b, a, today))) = result.get_untracked() else { return };
        let json = ti_core::persist::encode_comparison(&summary::comparison_report(&b, &a, today, &d));
        let filename = format!("ti-assess-comparison-{today}.pdf");
        pdf_status.set("Preparing the comparison PDF…".into());
        crate::web::pdf_client::request_comparison_pdf(json, move |r| {
            let outcome = r.and_then(|pdf| {
                files::download(&pdf.bytes, &filename, "application/pdf").map(|()| pdf.warning)
            });
            pdf_status.set(match outcome {
                Ok(None) => format!("Saved {filename} to your downloads."),
                Ok(Some(warning)) => format!("Saved {filename} to your downloads. {warning}"),
                Err(e) => format!("The comparison PDF could not be made: {e}. Try again."),
            });
        });
    };
    let options = move || {
        choices
            .get()
            .iter()
            .enumerate()
            .map(|(i, (label, _))| view! { <option value=i.to_string()>{label.clone()}</option> })
            .collect_view()
    };
    view! {
        <header class="ta-header">
            <h1>"Compare two assessments"</h1>
            <p class="ta-header__meta">"See what changed: new and closed gaps, changed answers, dates gone stale. Nothing is sent or stored."</p>
        </header>
        <main class="ta-main ta-compare" id="main">
            <div class="ta-compare__files">
                <label class="ta-question__label" for="compare-files">"Add assessments from JSON or PDF files"</label>
                <input type="file" id="compare-files" multiple=true accept=".json,application/json,.pdf,application/pdf" on:change=on_change />
                <p class="ta-import__status" role="status" aria-live="polite">{move || message.get()}</p>
            </div>
            <div class="ta-collect__filters">
                <div>
                    <label for="compare-before">"Earlier assessment"</label>
                    <select id="compare-before" on:change=move |ev| before.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {options}
                    </select>
                </div>
                <div>
                    <label for="compare-after">"Later assessment"</label>
                    <select id="compare-after" on:change=move |ev| after.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {options}
                    </select>
                </div>
            </div>
            <button type="button" class="ta-button" on:click=run>"Compare"</button>
            <p class="ta-import__status" role="status" aria-live="polite">{move || pdf_status.get()}</p>
            <div aria-live="polite">
                {move || result.get().map(|r| match r {
                    Ok((d, ..)) => view! {
                        <h2>"Changes"</h2>
                        <button type="button" class="ta-button ta-button--secondary" on:click=download_pdf>"Download comparison PDF"</button>
                        <ComparisonView comparison=d />
                    }.into_any(),
                    Err(e) => view! { <p class="ta-question__error" role="alert">{e}</p> }.into_any(),
                })}
            </div>
        </main>
    }
}
