//! The sealed ground truth, entered by the organiser only: the test identity, every payload,
//! which payload the VO alert points at and how, the marker, and private notes. It is stored in
//! this browser with the challenge and leaves it only in the explicit TLP:RED organiser file.

use leptos::prelude::*;

use super::Page;
use super::fields::{AreaField, SelectField, TextField, utc_text};
use ti_core::challenge::calendar::parse_local;
use ti_core::challenge::kit::PointerKind;
use ti_core::challenge::model::{OrganiserRecord, Payload, SealedTruth};
use ti_core::time::Timestamp;

type TruthText = (fn(&SealedTruth) -> String, fn(&mut SealedTruth, String));
type PayloadText =
    (&'static str, &'static str, fn(&Payload) -> String, fn(&mut Payload, String) -> Result<(), String>);

fn typed_utc(v: &str, kit: &ti_core::challenge::kit::Kit) -> Result<Option<Timestamp>, String> {
    if v.trim().is_empty() {
        return Ok(None);
    }
    let utc = kit.zone("UTC").ok_or("The zone table has no UTC.")?;
    parse_local(v, utc).map(Some).map_err(|e| e.to_string())
}

fn truth_mut(r: &mut OrganiserRecord) -> &mut SealedTruth {
    r.truth.get_or_insert_with(SealedTruth::default)
}

/// The ground-truth section.
#[component]
pub fn Truth() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let has = move || page.record.with(|r| r.truth.is_some());
    let field = move |id: &'static str, label: &'static str, help: &'static str, (get, set): TruthText| {
        view! {
            <TextField id=id label=label help=help
                value=Signal::derive(move || page.record.with(|r| r.truth.as_ref().map(get).unwrap_or_default()))
                on_set=Callback::new(move |v: String| { page.change(label, |r| { set(truth_mut(r), v.trim().to_owned()); Ok(()) }); }) />
        }
    };
    let payload_fields: [PayloadText; 9] = [
        (
            "job",
            "VO job ID",
            |p| p.vo_job_id.clone(),
            |p, v| {
                p.vo_job_id = v;
                Ok(())
            },
        ),
        (
            "site",
            "Site",
            |p| p.site.clone(),
            |p, v| {
                p.site = v;
                Ok(())
            },
        ),
        (
            "ce",
            "CE",
            |p| p.ce.clone(),
            |p, v| {
                p.ce = v;
                Ok(())
            },
        ),
        (
            "batch",
            "Batch job ID",
            |p| p.batch_job_id.clone(),
            |p, v| {
                p.batch_job_id = v;
                Ok(())
            },
        ),
        (
            "node",
            "Worker node",
            |p| p.worker_node.clone(),
            |p, v| {
                p.worker_node = v;
                Ok(())
            },
        ),
        (
            "pilot",
            "Pilot ID",
            |p| p.pilot_id.clone(),
            |p, v| {
                p.pilot_id = v;
                Ok(())
            },
        ),
        ("submitted", "Submitted (UTC)", |p| p.submitted.map(utc_text).unwrap_or_default(), |_, _| Ok(())),
        (
            "started",
            "Started, first call-back (UTC)",
            |p| p.started.map(utc_text).unwrap_or_default(),
            |_, _| Ok(()),
        ),
        (
            "ended",
            "Ended, last call-back (UTC)",
            |p| p.ended.map(utc_text).unwrap_or_default(),
            |_, _| Ok(()),
        ),
    ];
    // Rebuilt only when a payload is added or removed: rebuilding on every save would take the
    // focus away from the field the person just moved to.
    let count = Memo::new(move |_| page.record.with(|r| r.truth.as_ref().map_or(0, |t| t.payloads.len())));
    let payloads = move || {
        let n = count.get();
        (0..n)
            .map(|i| {
                let cells = payload_fields
                    .iter()
                    .map(|(key, label, get, set)| {
                        let (get, set, key, label) = (*get, *set, *key, *label);
                        let is_time = matches!(key, "submitted" | "started" | "ended");
                        view! {
                            <TextField id=format!("payload-{i}-{key}") label=format!("Payload {}: {label}", i + 1)
                                value=Signal::derive(move || page.record.with(|r| r.truth.as_ref().and_then(|t| t.payloads.get(i)).map(get).unwrap_or_default()))
                                on_set=Callback::new(move |v: String| {
                                    page.change(label, |r| {
                                        let p = truth_mut(r).payloads.get_mut(i).ok_or("No such payload.")?;
                                        if is_time {
                                            let t = typed_utc(&v, kit)?;
                                            match key { "submitted" => p.submitted = t, "started" => p.started = t, _ => p.ended = t }
                                            Ok(())
                                        } else {
                                            set(p, v.trim().to_owned())
                                        }
                                    });
                                }) />
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="ta-chl__group">
                        <legend>{format!("Payload {}", i + 1)}</legend>
                        {cells}
                        <button type="button" class="ta-button ta-button--quiet" on:click=move |_| {
                            page.change("payload removed", |r| {
                                let t = truth_mut(r);
                                if i < t.payloads.len() { t.payloads.remove(i); }
                                if t.pointer_payload >= t.payloads.len() { t.pointer_payload = 0; }
                                Ok(())
                            });
                        }>{format!("Remove payload {}", i + 1)}</button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let pointer_payload_options = Memo::new(move |_| {
        page.record.with(|r| {
            r.truth.as_ref().map_or_else(Vec::new, |t| {
                t.payloads
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i.to_string(), format!("Payload {} ({})", i + 1, p.vo_job_id)))
                    .collect::<Vec<_>>()
            })
        })
    });
    // A first empty choice: until the organiser picks one the truth names no pointer (a select
    // showing its first option then could not be chosen).
    let pointer_kinds = vec![
        (String::new(), "Choose what the alert gives".to_owned()),
        ("batch".to_owned(), "Site, CE and batch job ID".to_owned()),
        ("node".to_owned(), "Site, worker node and the time it ran".to_owned()),
    ];
    view! {
        <section class="ta-chl__part ta-chl__sealed" aria-labelledby="chl-truth">
            <h2 id="chl-truth">"Ground truth (sealed, TLP:RED)"</h2>
            <p class="ta-section__intro">"Only you, the organiser, see this. It is never put in the alert, the result or a sealed debrief (the app checks each text for it), and leaves this browser only in the organiser file marked TLP:RED."</p>
            {move || (!has()).then(|| view! {
                <button type="button" class="ta-button" on:click=move |_| { page.change("ground truth started", |r| { truth_mut(r); Ok(()) }); }>"Enter the ground truth"</button>
            })}
            <div hidden=move || !has()>
                <fieldset class="ta-chl__group">
                    <legend>"Test identity"</legend>
                    {field("truth-dn", "Certificate DN", "Either form: /DC=ch/DC=cern/CN=… or CN=…,DC=cern,DC=ch.", (|t| t.identity.dn.clone(), |t, v| t.identity.dn = v))}
                    {field("truth-iss", "Token issuer (iss)", "The issuer URL of the VO's IAM, as in the token (for example atlas-auth.cern.ch with its scheme).", (|t| t.identity.token_issuer.clone(), |t, v| t.identity.token_issuer = v))}
                    {field("truth-sub", "Token subject (sub)", "", (|t| t.identity.token_subject.clone(), |t, v| t.identity.token_subject = v))}
                    {field("truth-user", "VO username", "", (|t| t.identity.username.clone(), |t, v| t.identity.username = v))}
                    {field("truth-aliases", "Other names of the identity", "Comma-separated: a DIRAC nickname, an IAM username …", (|t| t.identity.aliases.join(", "), |t, v| t.identity.aliases = v.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect()))}
                    {field("truth-group", "Group or role", "", (|t| t.identity.group_role.clone(), |t, v| t.identity.group_role = v))}
                    {field("truth-created", "Who in the VO created it", "", (|t| t.identity.created_by.clone(), |t, v| t.identity.created_by = v))}
                </fieldset>
                <h3>"Payloads"</h3>
                <p class="ta-section__intro">"Every payload of the test identity; times in UTC (2026-03-10 09:00Z), from the call-back log."</p>
                {payloads}
                <button type="button" class="ta-button ta-button--secondary" on:click=move |_| { page.change("payload added", |r| { truth_mut(r).payloads.push(Payload::default()); Ok(()) }); }>"Add a payload"</button>
                <fieldset class="ta-chl__group">
                    <legend>"What the VO alert points at"</legend>
                    {move || view! { <SelectField id="truth-pointer-payload" label="Payload the alert points at" options=pointer_payload_options.get()
                        value=Signal::derive(move || page.record.with(|r| r.truth.as_ref().map(|t| t.pointer_payload.to_string()).unwrap_or_default()))
                        on_set=Callback::new(move |v: String| { page.change("pointer", |r| { truth_mut(r).pointer_payload = v.parse().map_err(|_| "No such payload.")?; Ok(()) }); }) /> }}
                    <SelectField id="truth-pointer-kind" label="The VO is given" options=pointer_kinds
                        value=Signal::derive(move || page.record.with(|r| r.truth.as_ref().and_then(|t| t.pointer).map(|p| p.key().to_owned()).unwrap_or_default()))
                        on_set=Callback::new(move |v: String| { page.change("pointer", |r| { truth_mut(r).pointer = PointerKind::from_key(&v); Ok(()) }); }) />
                </fieldset>
                <fieldset class="ta-chl__group">
                    <legend>"Marker"</legend>
                    {field("truth-callback", "Call-back address", "URL, domain or IP:port. The site alert names only its host and port.", (|t| t.marker.callback.clone(), |t, v| t.marker.callback = v))}
                    {field("truth-token", "Per-run token", "", (|t| t.marker.token.clone(), |t, v| t.marker.token = v))}
                    {field("truth-process", "Process name", "", (|t| t.marker.process_name.clone(), |t, v| t.marker.process_name = v))}
                    {field("truth-file", "Marker file name", "", (|t| t.marker.file_name.clone(), |t, v| t.marker.file_name = v))}
                </fieldset>
                <AreaField id="truth-notes" label="Private notes"
                    value=Signal::derive(move || page.record.with(|r| r.truth.as_ref().map(|t| t.notes.clone()).unwrap_or_default()))
                    on_set=Callback::new(move |v: String| { page.change("notes", |r| { truth_mut(r).notes = v; Ok(()) }); }) />
            </div>
        </section>
    }
}
