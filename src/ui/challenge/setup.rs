//! Setup: the challenge's framework, variant, recipient of the first alert, window, TLP label,
//! contacts, each party's working-hours calendar, and thresholds changed for this challenge.

use leptos::prelude::*;

use super::Page;
use super::fields::{SelectField, TextField, alert_options, utc_text, zone_options};
use ti_core::challenge::calendar::{WEEKDAYS, WorkCalendar, format_hhmm, parse_hhmm, parse_local};
use ti_core::challenge::kit::Party;
use ti_core::challenge::model::Contact;
use ti_core::challenge::score::fmt_num;

use ti_core::challenge::model::Challenge;

/// Where a contact sits in a challenge, to read and to change.
type ContactRef = (fn(&Challenge) -> &Contact, fn(&mut Challenge) -> &mut Contact);

/// The setup section.
#[component]
pub fn Setup() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let c = move |f: fn(&Challenge) -> String| Signal::derive(move || page.record.with(|r| f(&r.challenge)));
    let set = move |what: &'static str, f: fn(&mut Challenge, String) -> Result<(), String>| {
        Callback::new(move |v: String| {
            page.change(what, |r| f(&mut r.challenge, v));
        })
    };
    let window_zone = RwSignal::new("UTC".to_owned());
    let set_time = move |what: &'static str, end: bool| {
        Callback::new(move |v: String| {
            let zone = window_zone.get_untracked();
            page.change(what, |r| {
                let z = kit.zone(&zone).ok_or("Choose a time zone.")?;
                let t = parse_local(&v, z).map_err(|e| e.to_string())?;
                if end {
                    r.challenge.window_end = t
                } else {
                    r.challenge.window_start = t
                }
                Ok(())
            });
        })
    };
    let contact = move |prefix: &'static str, label: &'static str, (get, get_mut): ContactRef| {
        view! {
            <TextField id=format!("{prefix}-name") label=format!("{label}: name")
                value=Signal::derive(move || page.record.with(|r| get(&r.challenge).name.clone()))
                on_set=Callback::new(move |v: String| { page.change(label, |r| { get_mut(&mut r.challenge).name = v.trim().to_owned(); Ok(()) }); }) />
            <TextField id=format!("{prefix}-email") label=format!("{label}: e-mail address")
                value=Signal::derive(move || page.record.with(|r| get(&r.challenge).email.clone()))
                on_set=Callback::new(move |v: String| { page.change(label, |r| { get_mut(&mut r.challenge).email = v.trim().to_owned(); Ok(()) }); }) />
        }
    };
    let tlp_options: Vec<(String, String)> =
        kit.tlps.iter().map(|t| (t.id.clone(), format!("{} ({})", t.label, t.meaning))).collect();
    let depth_options: Vec<(String, String)> =
        kit.depth.iter().map(|d| (d.level.to_string(), format!("{}: {}", d.level, d.label))).collect();
    let fw_options: Vec<(String, String)> =
        kit.frameworks.iter().map(|f| (f.id.clone(), f.label.clone())).collect();
    let variant_options: Vec<(String, String)> =
        kit.variants.iter().map(|v| (v.id.clone(), format!("{}: {}", v.id, v.title))).collect();
    // A memo: the select is rebuilt only when its choices change, so it keeps the focus on a save.
    let recipients = Memo::new(move |_| page.record.with(|r| alert_options(kit, &r.challenge.variant)));
    let calendars = Party::ALL.into_iter().map(|p| view! { <CalendarEditor party=p /> }).collect_view();
    let thresholds = kit
        .thresholds
        .iter()
        .map(|t| {
            let tid = t.id.clone();
            let tid2 = t.id.clone();
            let kit_value = t.value;
            let status = match t.status { ti_core::model::ThresholdStatus::Sourced => "sourced", ti_core::model::ThresholdStatus::Unverified => "unverified" };
            view! {
                <TextField id=format!("thr-{}", t.id.replace('.', "-")) label=format!("{} ({}): {}", t.id, t.unit, t.title)
                    help=format!("The kit's value: {} {} ({status}; {}). {}", fmt_num(kit_value), t.unit, t.sources.join(", "), t.note)
                    value=Signal::derive(move || page.record.with(|r| fmt_num(r.challenge.overrides.get(&tid).copied().unwrap_or(kit_value))))
                    on_set=Callback::new(move |v: String| {
                        let tid = tid2.clone();
                        page.change("threshold", |r| {
                            let n: f64 = v.trim().replace(',', ".").parse().map_err(|_| format!("`{}` is not a number.", v.trim()))?;
                            if (n - kit_value).abs() < f64::EPSILON { r.challenge.overrides.remove(&tid); } else { r.challenge.overrides.insert(tid, n); }
                            Ok(())
                        });
                    }) />
            }
        })
        .collect_view();
    view! {
        <section class="ta-chl__part" aria-labelledby="chl-setup">
            <h2 id="chl-setup">"Setup"</h2>
            <SelectField id="chl-framework" label="Job framework" options=fw_options value=c(|c| c.framework.clone())
                on_set=set("framework", |c, v| { c.framework = v; Ok(()) }) />
            <SelectField id="chl-variant" label="Variant" options=variant_options value=c(|c| c.variant.clone())
                on_set=set("variant", |c, v| { c.variant = v; Ok(()) }) />
            {move || view! { <SelectField id="chl-alerted" label="The first alert goes to" options=recipients.get() value=c(|c| c.alerted.key().to_owned())
                on_set=set("recipient of the alert", |c, v| { c.alerted = Party::from_key(&v).ok_or("Unknown party.")?; Ok(()) }) /> }}
            <SelectField id="chl-tlp" label="TLP label of the challenge's messages" options=tlp_options value=c(|c| c.tlp.clone())
                on_set=set("TLP label", |c, v| { c.tlp = v; Ok(()) }) />
            <SelectField id="chl-depth" label="Reachability depth aimed at" options=depth_options value=c(|c| c.depth_target.to_string())
                on_set=set("depth aimed at", |c, v| { c.depth_target = v.parse().map_err(|_| "A level from 1 to 5.")?; Ok(()) }) />
            <fieldset class="ta-chl__group">
                <legend>"Window"</legend>
                <SelectField id="chl-window-zone" label="Time zone for typing the window" options=zone_options(kit) value=window_zone
                    on_set=Callback::new(move |v| window_zone.set(v)) />
                <TextField id="chl-window-start" label="Window start" value=c(|c| utc_text(c.window_start)) on_set=set_time("window start", false)
                    help="Shown in UTC; type 2026-03-10 09:00 in the zone above, or with Z or +01:00." />
                <TextField id="chl-window-end" label="Window end" value=c(|c| utc_text(c.window_end)) on_set=set_time("window end", true) />
            </fieldset>
            <fieldset class="ta-chl__group">
                <legend>"Contacts"</legend>
                {contact("chl-organiser", "Organiser", (|c| &c.organiser, |c| &mut c.organiser))}
                {contact("chl-vo-contact", "VO security contact", (|c| &c.vo_contact, |c| &mut c.vo_contact))}
                {contact("chl-site", "Site (name and security contact)", (|c| &c.site, |c| &mut c.site))}
            </fieldset>
            <h3>"Working hours"</h3>
            <p class="ta-section__intro">"Durations are shown in hours and in working hours of the party concerned; weekends, days off and hours outside these do not count. Times follow each party's zone, including its daylight-saving changes."</p>
            {calendars}
            <details class="ta-chl__group">
                <summary>"Thresholds for this challenge"</summary>
                <p class="ta-section__intro">"Each threshold with its source and status. A value changed here is used for this challenge only, and the result says so."</p>
                {thresholds}
            </details>
        </section>
    }
}

/// A change to one calendar, checked before it is kept.
type CalendarChange = Box<dyn FnOnce(&mut WorkCalendar) -> Result<(), String>>;

/// One party's calendar: zone, working days and one working interval, days off.
#[component]
fn CalendarEditor(party: Party) -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let key = party.key();
    let cal = move || {
        page.record.with(|r| {
            r.challenge.calendars.get(&party).cloned().unwrap_or_else(|| kit.default_calendar.clone())
        })
    };
    let update = move |what: &'static str, f: CalendarChange| {
        page.change(what, move |r| {
            let mut c =
                r.challenge.calendars.get(&party).cloned().unwrap_or_else(|| kit.default_calendar.clone());
            f(&mut c)?;
            let c = WorkCalendar::new(&c.zone, c.days, c.hours, c.holidays).map_err(|e| e.to_string())?;
            r.challenge.calendars.insert(party, c);
            Ok(())
        });
    };
    let days = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let id = format!("cal-{key}-{d}");
            view! {
                <span class="ta-choice">
                    <input type="checkbox" id=id.clone() prop:checked=move || cal().days[i]
                        on:change=move |ev| { let on = event_target_checked(&ev); update("working days", Box::new(move |c| { c.days[i] = on; Ok(()) })); } />
                    <label for=id>{*d}</label>
                </span>
            }
        })
        .collect_view();
    let hours_text = move || {
        cal()
            .hours
            .iter()
            .map(|(a, b)| format!("{}-{}", format_hhmm(*a), format_hhmm(*b)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let holidays_text = move || cal().holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
    view! {
        <fieldset class="ta-chl__group">
            <legend>{format!("Working hours of the {}", page.kit.party_label(party))}</legend>
            <SelectField id=format!("cal-{key}-zone") label="Time zone" options=zone_options(kit) value=Signal::derive(move || cal().zone)
                on_set=Callback::new(move |v: String| update("time zone", Box::new(move |c| { c.zone = v; Ok(()) }))) />
            <fieldset class="ta-chl__days"><legend>"Working days"</legend>{days}</fieldset>
            <TextField id=format!("cal-{key}-hours") label="Working hours" help="Local times, for example 09:00-17:00, or 08:00-12:00, 13:00-17:30."
                value=Signal::derive(hours_text)
                on_set=Callback::new(move |v: String| update("working hours", Box::new(move |c| {
                    let mut hours = Vec::new();
                    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let (a, b) = part.split_once(['-', '\u{2013}']).ok_or(format!("`{part}` is not an interval like 09:00-17:00."))?;
                        match (parse_hhmm(a), parse_hhmm(b)) {
                            (Some(a), Some(b)) => hours.push((a, b)),
                            _ => return Err(format!("`{part}` is not an interval like 09:00-17:00.")),
                        }
                    }
                    c.hours = hours;
                    Ok(())
                }))) />
            <TextField id=format!("cal-{key}-holidays") label="Days off" help="Dates, for example 2026-12-25, 2026-12-26."
                value=Signal::derive(holidays_text)
                on_set=Callback::new(move |v: String| update("days off", Box::new(move |c| {
                    let mut set = std::collections::BTreeSet::new();
                    for part in v.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
                        set.insert(ti_core::time::Date::parse(part).map_err(|e| e.to_string())?);
                    }
                    c.holidays = set;
                    Ok(())
                }))) />
        </fieldset>
    }
}
