//! The Collect view's challenges: the challenge results read beside the reports, as a table of
//! VOs × their challenges (date, variant, result, the kit's duration columns) with filters and a
//! CSV, and the mark on each respondent whose newest answers the latest challenge concerning it
//! contradicts.
//!
//! Invariant: components only; the rows, columns, CSV and contradictions come from
//! `collect::challenges` (core), which reads the kit's data.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::web::files;
use ti_core::catalog;
use ti_core::challenge::feed::Contradiction;
use ti_core::challenge::outcome::Overall;
use ti_core::collect::Collection;
use ti_core::collect::challenges::{self, ChallengeFilter};

/// The contradictions per respondent (assessment ID) of the collection; empty without the kit.
pub fn contradicted(c: &Collection) -> BTreeMap<String, Vec<Contradiction>> {
    catalog::builtin_kit().map(|k| challenges::contradicted(k, c)).unwrap_or_default()
}

/// The mark beside a respondent in the matrix, in words (not colour alone).
#[component]
pub fn ContradictedMark(found: Vec<Contradiction>) -> impl IntoView {
    let first = found.first().map(|c| c.challenge.clone()).unwrap_or_default();
    let rules: Vec<String> = found.iter().map(|c| format!("{}: {}", c.recommendation, c.message)).collect();
    view! {
        <span class="ta-collect__contradicted" title=rules.join("\n")>
            {format!("\u{26a0} contradicted by challenge {first} ({})", found.len())}
        </span>
    }
}

/// A labelled filter: "Any", then `options` as (value, label); the choice goes to `value`.
#[component]
fn AnyOf(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div>
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Any"</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The table of challenges, shown when the collection holds any.
#[component]
pub fn ChallengeTable(collection: StoredValue<Collection>, version: RwSignal<u64>) -> impl IntoView {
    let vo = RwSignal::new(String::new());
    let overall = RwSignal::new(String::new());
    let variant = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let filter = move || ChallengeFilter {
        vo: Some(vo.get()).filter(|v| !v.is_empty()),
        overall: Overall::from_key(&overall.get()),
        variant: Some(variant.get()).filter(|v| !v.is_empty()),
    };
    let download = move |_| {
        let Ok(kit) = catalog::builtin_kit() else { return };
        let f = filter();
        let csv = collection.with_value(|c| challenges::csv(kit, &challenges::rows(kit, c, &f)));
        note.set(match files::download_text(&csv, "ti-assess-challenges.csv", "text/csv") {
            Ok(()) => "Saved ti-assess-challenges.csv to your downloads.".into(),
            Err(e) => format!("The CSV could not be offered: {e}."),
        });
    };
    move || {
        version.track();
        let kit = catalog::builtin_kit().ok()?;
        if collection.with_value(|c| c.challenges.is_empty()) {
            return None;
        }
        let vos = collection.with_value(challenges::vos);
        let table = move || {
            let rows = collection.with_value(|c| challenges::rows(kit, c, &filter()));
            let count = rows.len();
            let head = challenges::headings(kit)
                .into_iter()
                .map(|h| view! { <th scope="col">{h}</th> })
                .collect_view();
            let body = rows
                .into_iter()
                .map(|r| {
                    let class = format!("ta-chl__{}", r.overall.key());
                    view! {
                        <tr>
                            <th scope="row">{r.vo}</th>
                            <td>{r.id}</td>
                            <td>{r.date}</td>
                            <td>{r.variant}</td>
                            <td class=class>{r.result}</td>
                            {r.values.into_iter().map(|v| view! { <td class="ta-collect__total">{v}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="ta-collect__scroll" role="region" aria-labelledby="collect-challenges-caption" tabindex="0">
                    <table class="ta-collect__matrix">
                        <caption id="collect-challenges-caption">{format!("VOs × challenges: {count} shown")}</caption>
                        <thead><tr>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        };
        Some(view! {
            <section aria-labelledby="collect-challenges-heading">
                <h2 id="collect-challenges-heading">"Challenges"</h2>
                <div class="ta-collect__filters">
                    <AnyOf id="collect-chl-vo" label="VO" value=vo
                        options=vos.into_iter().map(|v| (v.clone(), v)).collect() />
                    <AnyOf id="collect-chl-result" label="Result" value=overall
                        options=[Overall::Pass, Overall::Partial, Overall::Fail, Overall::Pending]
                            .into_iter().map(|o| (o.key().to_owned(), o.label().to_owned())).collect() />
                    <AnyOf id="collect-chl-variant" label="Variant" value=variant
                        options=kit.variants.iter().map(|v| (v.id.clone(), format!("{} {}", v.id, v.title))).collect() />
                </div>
                <div class="ta-collect__downloads">
                    <button type="button" class="ta-button" on:click=download>"Download challenges CSV"</button>
                </div>
                <p class="ta-import__status" role="status" aria-live="polite">{move || note.get()}</p>
                {table}
            </section>
        })
    }
}
