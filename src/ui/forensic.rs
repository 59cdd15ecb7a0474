//! A forensic sheet (per job framework or CE): what a site investigator looks for, shown above
//! the respondent's own "where to look" notes for it.

use leptos::prelude::*;

use ti_core::model::ForensicSheet;

fn list(title: &'static str, items: &[String]) -> impl IntoView + use<> {
    let items = items.to_vec();
    (!items.is_empty()).then(|| {
        view! {
            <h4>{title}</h4>
            <ul>{items.into_iter().map(|i| view! { <li><code>{i}</code></li> }).collect_view()}</ul>
        }
    })
}

/// The sheet's facts, from the question file.
#[component]
pub fn ForensicSheetView(sheet: &'static ForensicSheet) -> impl IntoView {
    view! {
        <section class="ta-forensic" aria-label=format!("Forensic sheet: {}", sheet.title)>
            <h3>{format!("Forensic sheet: {}", sheet.title)}</h3>
            {list("Identifiers", &sheet.identifiers)}
            {list("Environment variables on the worker node", &sheet.environment)}
            {list("Logs", &sheet.logs)}
            {(!sheet.retention.is_empty()).then(|| view! { <h4>"Default retention"</h4><p>{sheet.retention.clone()}</p> })}
            {list("Commands to trace a job", &sheet.trace)}
            {list("Commands to ban or suspend", &sheet.ban)}
            {(!sheet.sources.is_empty()).then(|| view! { <p class="ta-forensic__sources">{format!("Sources: {}", sheet.sources.join(", "))}</p> })}
        </section>
    }
}
