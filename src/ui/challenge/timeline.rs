//! The timeline: each event E0–E12 that applies to this challenge, with its UTC time (the "now"
//! button, or a typed time with its zone), who gave the time and a note; then the durations in
//! hours and in working hours. An impossible time (in the future, or before an event it must
//! follow) is refused by the core and nothing changes.

use leptos::prelude::*;

use super::Page;
use super::documents::DocumentAttach;
use super::fields::{SelectField, both, zone_options};
use crate::ui::state::now;
use ti_core::challenge::calendar::parse_local;
use ti_core::challenge::kit::{EventDef, Party};
use ti_core::challenge::model::EventRecord;
use ti_core::challenge::score::{durations, fmt_num};

/// One event's row.
#[component]
fn EventRow(def: &'static EventDef) -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let eid = def.id.as_str();
    let recorded = move || page.record.with(|r| r.challenge.events.iter().find(|e| e.event == eid).cloned());
    let who = RwSignal::new(def.recorded_by.first().copied().unwrap_or(Party::Organiser).key().to_owned());
    let note = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let zone_of = move |p: &str| {
        page.record.with_untracked(|r| {
            Party::from_key(p).and_then(|p| r.challenge.calendars.get(&p)).map(|c| c.zone.clone())
        })
    };
    let zone = RwSignal::new(zone_of(&who.get_untracked()).unwrap_or_else(|| "UTC".into()));
    let record = move |at: ti_core::time::Timestamp, typed_as: Option<(String, String)>| {
        let by = Party::from_key(&who.get_untracked()).unwrap_or(Party::Organiser);
        let rec = EventRecord {
            event: def.id.clone(),
            at,
            recorded_by: by,
            note: note.get_untracked(),
            typed: typed_as,
        };
        if page.change(&format!("{} recorded", def.id), |r| {
            r.challenge.record_event(kit, rec, now()).map_err(|e| e.to_string())
        }) {
            typed.set(String::new());
        }
    };
    let set_typed = move |_| {
        let (text, z) = (typed.get_untracked(), zone.get_untracked());
        let Some(zone_def) = kit.zone(&z) else { return };
        match parse_local(&text, zone_def) {
            Ok(at) => record(at, Some((text.trim().to_owned(), z))),
            Err(e) => page.error.set(Some(format!("{}: {e} Nothing was changed.", def.id))),
        }
    };
    let who_options: Vec<(String, String)> =
        Party::ALL.iter().map(|p| (p.key().to_owned(), kit.party_label(*p).to_owned())).collect();
    let shown = move || {
        recorded().map_or_else(
            || "not recorded".to_owned(),
            |e| {
                let zone = page.record.with(|r| {
                    r.challenge.calendars.get(&e.recorded_by).map(|c| c.zone.clone()).unwrap_or_default()
                });
                let how = e.typed.as_ref().map(|(t, z)| format!(", typed as {t} in {z}")).unwrap_or_default();
                format!(
                    "{} by the {}{how}{}",
                    both(kit, e.at, &zone),
                    kit.party_label(e.recorded_by),
                    if e.note.is_empty() { String::new() } else { format!(": {}", e.note) }
                )
            },
        )
    };
    let id = def.id.to_lowercase();
    view! {
        // Explicit roles: on a phone the rows are laid out as blocks, which must not cost them
        // their table semantics.
        <tr role="row">
            <th scope="row" role="rowheader">{format!("{} {}", def.id, def.title)}</th>
            <td role="cell">{shown}</td>
            <td role="cell" class="ta-chl__recordcell"><div class="ta-chl__record">
                <SelectField id=format!("{id}-who") label=format!("Who gave the time of {}", def.id) options=who_options value=who
                    on_set=Callback::new(move |v: String| { if let Some(z) = zone_of(&v) { zone.set(z); } who.set(v); }) />
                <div class="ta-field">
                    <label class="ta-question__label" for=format!("{id}-note")>{format!("Note on {}", def.id)}</label>
                    <input type="text" id=format!("{id}-note") prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="ta-button" on:click=move |_| record(now(), None)>{format!("{} happened now", def.id)}</button>
                <div class="ta-field">
                    <label class="ta-question__label" for=format!("{id}-time")>{format!("Time of {}", def.id)}</label>
                    <input type="text" id=format!("{id}-time") placeholder="2026-03-10 14:05" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                </div>
                <SelectField id=format!("{id}-zone") label=format!("Time zone of the time of {}", def.id) options=zone_options(kit) value=zone
                    on_set=Callback::new(move |v| zone.set(v)) />
                <button type="button" class="ta-button ta-button--secondary" on:click=set_typed>{format!("Set {}", def.id)}</button>
                {move || recorded().is_some().then(|| view! {
                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| {
                        page.change(&format!("{} cleared", def.id), |r| { r.challenge.clear_event(&def.id); Ok(()) });
                    }>{format!("Clear {}", def.id)}</button>
                })}
            </div></td>
        </tr>
    }
}

/// The timeline section.
#[component]
pub fn Timeline() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    // Rebuilt only when what applies changes, not on every save: a rebuilt row would lose the
    // focus of the button just pressed and the text typed in its neighbours.
    let flags = Memo::new(move |_| page.record.with(|r| r.challenge.flags(kit)));
    let rows = move || {
        let flags = flags.get();
        kit.events
            .iter()
            .filter(|e| e.applies.holds(&flags))
            .map(|def| view! { <EventRow def=def /> })
            .collect_view()
    };
    let table = move || {
        page.record.with(|r| {
            durations(kit, &r.challenge)
                .into_iter()
                .filter(|d| d.applies)
                .map(|d| {
                    let h = d.hours.map_or_else(|| "-".to_owned(), |h| format!("{} h", fmt_num(h)));
                    let w = match (d.working_hours, &d.problem) {
                        (Some(w), _) => format!("{} working h", fmt_num(w)),
                        (None, Some(p)) => p.clone(),
                        (None, None) => "-".to_owned(),
                    };
                    view! { <tr><th scope="row">{d.title.clone()}</th><td>{h}</td><td>{w}</td><td>{kit.party_label(d.calendar).to_owned()}</td></tr> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="ta-chl__part" aria-labelledby="chl-timeline">
            <h2 id="chl-timeline">"Timeline"</h2>
            <p class="ta-section__intro">"Times are stored in UTC. Record an event as it happens, or type the time someone reported with its zone; a time that did not exist or happened twice on a daylight-saving change is refused with what to type."</p>
            <div class="ta-group__scroll">
                <table class="ta-home__table ta-chl__timeline" role="table">
                    <caption class="ta-visually-hidden">"Events of the challenge"</caption>
                    <thead><tr><th scope="col">"Event"</th><th scope="col">"Recorded"</th><th scope="col">"Record it"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <DocumentAttach />
            <h3>"Durations"</h3>
            <div class="ta-group__scroll">
                <table class="ta-home__table">
                    <caption class="ta-visually-hidden">"Durations derived from the timeline"</caption>
                    <thead><tr><th scope="col">"Duration"</th><th scope="col">"Hours"</th><th scope="col">"Working hours"</th><th scope="col">"Calendar of"</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </div>
        </section>
    }
}
