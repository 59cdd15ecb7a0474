//! The organiser's challenges: the list stored in this browser, creating one (its ID in the
//! exercise form `<VO>-<YYYYMMDD>-NN_EXERCISE`), and importing an organiser's file. A challenge
//! opens in its own page (`challenge`).
//!
//! Invariant: nothing is stored until the new challenge (or the imported file) passes the core's
//! checks; a refused file changes nothing stored.

use leptos::prelude::*;

use super::challenge::fields::{SelectField, TextField, alert_options, zone_options};
use super::route::{Route, go};
use super::state::{Session, now};
use crate::web::{files, storage};
use ti_core::catalog;
use ti_core::challenge::calendar::parse_local;
use ti_core::challenge::id::ChallengeId;
use ti_core::challenge::kit::{Kit, Party};
use ti_core::challenge::model::{Challenge, OrganiserRecord};
use ti_core::challenge::score::score;
use ti_core::persist::MAX_BYTES;
use ti_core::persist::challenge::import_record;

/// One row of the list.
#[derive(Clone)]
struct Row {
    id: String,
    vo: String,
    variant: String,
    date: String,
    result: String,
    truth: &'static str,
    error: Option<String>,
}

fn rows(kit: &'static Kit) -> Result<Vec<Row>, String> {
    let listed =
        storage::list_challenges().map_err(|e| format!("The stored challenges could not be read: {e}."))?;
    Ok(listed
        .into_iter()
        .map(|(id, r)| match r {
            Ok(r) => Row {
                vo: r.challenge.vo.clone(),
                variant: r.challenge.variant.clone(),
                date: r.challenge.date(kit).to_string(),
                result: score(kit, &r).overall_text(),
                truth: if r.truth.is_some() { "entered" } else { "not entered" },
                error: None,
                id,
            },
            Err(e) => Row {
                vo: String::new(),
                variant: String::new(),
                date: String::new(),
                result: String::new(),
                truth: "",
                error: Some(e.to_string()),
                id,
            },
        })
        .collect())
}

/// Creates a challenge from the form's values and stores it; returns its ID.
fn create(kit: &'static Kit, form: &Form) -> Result<String, String> {
    let zone = kit.zone(&form.zone.get_untracked()).ok_or("Choose the time zone of the window.")?;
    let start = parse_local(&form.start.get_untracked(), zone).map_err(|e| format!("Window start: {e}"))?;
    let end = parse_local(&form.end.get_untracked(), zone).map_err(|e| format!("Window end: {e}"))?;
    let vo = form.vo.get_untracked();
    let used: Vec<ChallengeId> = storage::list_challenges()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|(id, _)| ChallengeId::parse(&id).ok())
        .collect();
    let id = ChallengeId::next_free(&vo, now(), &used).map_err(|e| e.to_string())?;
    let alerted = Party::from_key(&form.alerted.get_untracked()).unwrap_or(Party::Vo);
    let c = Challenge::new(
        kit,
        id,
        &vo,
        &form.framework.get_untracked(),
        &form.variant.get_untracked(),
        alerted,
        (start, end),
        now(),
    )
    .map_err(|e| e.to_string())?;
    let record = OrganiserRecord { challenge: c, truth: None };
    storage::save_challenge(kit, &record).map_err(|e| format!("The challenge could not be stored: {e}."))?;
    Ok(record.challenge.id.to_string())
}

/// The create form's values.
#[derive(Clone, Copy)]
struct Form {
    vo: RwSignal<String>,
    framework: RwSignal<String>,
    variant: RwSignal<String>,
    alerted: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    zone: RwSignal<String>,
}

/// The challenges page.
#[component]
pub fn Challenges() -> impl IntoView {
    let session = expect_context::<Session>();
    let kit = match catalog::builtin_kit() {
        Ok(k) => k,
        Err(e) => return view! { <main id="main" class="ta-home"><p class="ta-question__error">{format!("The challenge kit could not be loaded: {e}")}</p></main> }.into_any(),
    };
    if session.blocked {
        return view! { <main id="main" class="ta-home"><h1>"Challenges"</h1>
            <p class="ta-question__error">"This browser does not allow this page to store data. A challenge holds its sealed ground truth and must be stored; allow site data for this page and reload."</p></main> }.into_any();
    }
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let form = Form {
        vo: RwSignal::new(String::new()),
        framework: RwSignal::new(kit.frameworks.first().map(|f| f.id.clone()).unwrap_or_default()),
        variant: RwSignal::new(kit.variants.first().map(|v| v.id.clone()).unwrap_or_default()),
        alerted: RwSignal::new("vo".into()),
        start: RwSignal::new(String::new()),
        end: RwSignal::new(String::new()),
        zone: RwSignal::new("UTC".into()),
    };
    // The alert's first recipient follows the variant (V1 the VO, V2 the site, V3 either).
    let recipients = move || alert_options(kit, &form.variant.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match create(kit, &form) {
            Ok(id) => go(&Route::Challenge { id }),
            Err(e) => error.set(Some(format!("{e} Nothing was stored."))),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        leptos::task::spawn_local(async move {
            let outcome = async {
                let bytes =
                    files::read_bytes_capped(&file, MAX_BYTES as u64).await.map_err(|e| e.to_string())?;
                let text = String::from_utf8(bytes).map_err(|_| "The file is not text (JSON).".to_owned())?;
                let record = import_record(kit, &text, now()).map_err(|e| e.to_string())?;
                let id = record.challenge.id.to_string();
                if storage::challenge_exists(&id).map_err(|e| e.to_string())? {
                    return Err(format!(
                        "A challenge {id} is already stored in this browser; delete it first to replace it."
                    ));
                }
                storage::save_challenge(kit, &record).map_err(|e| e.to_string())?;
                Ok(id)
            }
            .await;
            match outcome {
                Ok(id) => {
                    error.set(None);
                    message.set(Some(format!("Imported challenge {id}.")));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => {
                    error.set(Some(format!("The file was not imported: {e} Nothing stored was changed.")))
                }
            }
        });
    };
    let list = move || {
        refresh.track();
        match rows(kit) {
            Ok(rows) if rows.is_empty() => view! { <p>"No challenge is stored in this browser yet."</p> }.into_any(),
            Ok(rows) => view! {
                <div class="ta-group__scroll">
                <table class="ta-home__table">
                    <caption class="ta-visually-hidden">"Challenges stored in this browser"</caption>
                    <thead><tr><th scope="col">"Challenge"</th><th scope="col">"VO"</th><th scope="col">"Variant"</th><th scope="col">"Date"</th><th scope="col">"Result"</th><th scope="col">"Ground truth"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let href = Route::Challenge { id: r.id.clone() }.href();
                            let del = r.id.clone();
                            let label = format!("Delete {}", r.id);
                            view! {
                                <tr>
                                    <th scope="row">
                                        {if r.error.is_none() { view! { <a href=href>{r.id.clone()}</a> }.into_any() } else { view! { <span>{r.id.clone()}</span> }.into_any() }}
                                        {r.error.clone().map(|e| view! { <p class="ta-question__error">{format!("{e} It is kept unchanged.")}</p> })}
                                    </th>
                                    <td>{r.vo}</td><td>{r.variant}</td><td>{r.date}</td><td>{r.result}</td><td>{r.truth}</td>
                                    <td><button type="button" class="ta-button ta-button--quiet" aria-label=label on:click=move |_| {
                                        match storage::delete_challenge(&del) {
                                            Ok(_) => message.set(Some(format!("Deleted {del}."))),
                                            Err(e) => error.set(Some(e.to_string())),
                                        }
                                        refresh.update(|n| *n += 1);
                                    }>"Delete"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any(),
            Err(e) => view! { <p class="ta-question__error">{e}</p> }.into_any(),
        }
    };
    let fw_options: Vec<(String, String)> =
        kit.frameworks.iter().map(|f| (f.id.clone(), f.label.clone())).collect();
    let variant_options: Vec<(String, String)> =
        kit.variants.iter().map(|v| (v.id.clone(), format!("{}: {}", v.id, v.title))).collect();
    view! {
        <main id="main" class="ta-home">
            <h1>"Challenges"</h1>
            <p class="ta-intro">"The lightweight challenge: one harmless \u{201c}malicious\u{201d} job per VO, traced by the VO (and a site), scored against a ground truth only the organiser keeps. Plan it, send the alert, record the timeline and the answers, and hand out the result."</p>
            <p class="ta-import__status" role="status" aria-live="polite">{move || message.get()}</p>
            <p class="ta-question__error" role="alert">{move || error.get()}</p>
            <section aria-labelledby="challenges-heading"><h2 id="challenges-heading">"Stored challenges"</h2>{list}</section>
            <section class="ta-home__new" aria-labelledby="new-challenge-heading">
                <h2 id="new-challenge-heading">"New challenge"</h2>
                <form on:submit=submit>
                    <TextField id="new-vo" label="VO" value=form.vo on_set=Callback::new(move |v| form.vo.set(v))
                        help="As in the challenge ID: letters, digits, '.', '-', '_' (for example atlas or vo.complex-systems.eu)." />
                    <SelectField id="new-framework" label="Job framework" options=fw_options value=form.framework on_set=Callback::new(move |v| form.framework.set(v)) />
                    <SelectField id="new-variant" label="Variant" options=variant_options value=form.variant on_set=Callback::new(move |v: String| {
                        if let Some(first) = kit.variant(&v).and_then(|d| d.alerted.first()) { form.alerted.set(first.key().to_owned()); }
                        form.variant.set(v);
                    }) />
                    {move || view! { <SelectField id="new-alerted" label="The first alert goes to" options=recipients() value=form.alerted on_set=Callback::new(move |v| form.alerted.set(v)) /> }}
                    <TextField id="new-start" label="Window start" value=form.start on_set=Callback::new(move |v| form.start.set(v)) help="For example 2026-03-10 09:00 (in the zone below), or with Z or +01:00." />
                    <TextField id="new-end" label="Window end" value=form.end on_set=Callback::new(move |v| form.end.set(v)) />
                    <SelectField id="new-zone" label="Time zone of the window" options=zone_options(kit) value=form.zone on_set=Callback::new(move |v| form.zone.set(v)) />
                    <button type="submit" class="ta-button">"Create challenge"</button>
                </form>
            </section>
            <section class="ta-home__new" aria-labelledby="import-challenge-heading">
                <h2 id="import-challenge-heading">"Import an organiser's file"</h2>
                <label class="ta-question__label" for="import-challenge">{format!("Challenge file exported by ti-assess (at most {} MiB)", MAX_BYTES / (1024 * 1024))}</label>
                <input type="file" id="import-challenge" accept=".json,application/json" on:change=on_file />
            </section>
        </main>
    }.into_any()
}
