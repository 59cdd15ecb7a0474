//! Labelled form fields for the challenge kit. Each commits on `change` (leaving the field or
//! pressing Enter), so a half-typed DN or time is never judged; the page's `change` validates
//! the whole record and keeps the previous value when the new one is refused.

use leptos::prelude::*;

use ti_core::challenge::calendar::format_local;
use ti_core::challenge::kit::Kit;
use ti_core::time::Timestamp;

/// A one-line text field with its label and optional help line.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    on_set: Callback<String>,
    #[prop(optional, into)] help: String,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="ta-field">
            <label class="ta-question__label" for=id.clone()>{label}</label>
            <p class="ta-question__help" id=help_id.clone()>{help}</p>
            <input type="text" id=id aria-describedby=help_id disabled=disabled
                prop:value=move || value.get() on:change=move |ev| on_set.run(event_target_value(&ev)) />
        </div>
    }
}

/// A multi-line text field.
#[component]
pub fn AreaField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    on_set: Callback<String>,
    #[prop(optional, into)] help: String,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="ta-field">
            <label class="ta-question__label" for=id.clone()>{label}</label>
            <p class="ta-question__help" id=help_id.clone()>{help}</p>
            <textarea id=id rows="4" aria-describedby=help_id disabled=disabled
                prop:value=move || value.get() on:change=move |ev| on_set.run(event_target_value(&ev))></textarea>
        </div>
    }
}

/// A select among `(value, label)` options.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    on_set: Callback<String>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <div class="ta-field">
            <label class="ta-question__label" for=id.clone()>{label}</label>
            <select id=id disabled=disabled on:change=move |ev| on_set.run(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || value.get() == v2>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The parties the first alert of the variant `variant` may go to, as (key, label) options
/// (V1 the VO, V2 the site, V3 either); none for an unknown variant.
pub fn alert_options(kit: &Kit, variant: &str) -> Vec<(String, String)> {
    kit.variant(variant)
        .map(|d| d.alerted.iter().map(|p| (p.key().to_owned(), kit.party_label(*p).to_owned())).collect())
        .unwrap_or_default()
}

/// The zone options of the kit.
pub fn zone_options(kit: &Kit) -> Vec<(String, String)> {
    kit.zones.iter().map(|z| (z.id.clone(), z.id.replace('_', " "))).collect()
}

/// An instant as typed back into a time field: `2026-03-10 14:05Z`.
pub fn utc_text(t: Timestamp) -> String {
    let s = t.to_string();
    format!("{} {}Z", &s[..10.min(s.len())], s.get(11..16).unwrap_or(""))
}

/// An instant in UTC and, if given, in a zone: `2026-03-10 13:05 UTC (14:05 CET)`.
pub fn both(kit: &Kit, t: Timestamp, zone: &str) -> String {
    let utc = ti_core::challenge::calendar::format_utc(t);
    match kit.zone(zone).filter(|z| z.id != "UTC") {
        Some(z) => format!("{utc} ({})", format_local(t, z)),
        None => utc,
    }
}
