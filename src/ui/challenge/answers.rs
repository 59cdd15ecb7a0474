//! What came back: the owner the VO named, the list of its jobs, the fields of the site's trace
//! request, the organiser's attestations on procedure, the depth observed, what went well, and
//! the action items (from failed checks, and typed).

use leptos::prelude::*;

use super::Page;
use super::fields::{AreaField, SelectField, TextField};
use ti_core::challenge::jobs::parse_list;
use ti_core::challenge::kit::{Flag, Party};
use ti_core::challenge::model::{ActionItem, Challenge};
use ti_core::challenge::score::score;

type OwnerText = (fn(&Challenge) -> String, fn(&mut Challenge, String));

/// The answers section.
#[component]
pub fn Answers() -> impl IntoView {
    let page = expect_context::<Page>();
    let kit = page.kit;
    let owner = move |id: &'static str, label: &'static str, help: &'static str, (get, set): OwnerText| {
        view! {
            <TextField id=id label=label help=help value=Signal::derive(move || page.record.with(|r| get(&r.challenge)))
                on_set=Callback::new(move |v: String| { page.change(label, |r| { set(&mut r.challenge, v.trim().to_owned()); Ok(()) }); }) />
        }
    };
    let site = move || page.record.with(|r| r.challenge.flags(kit).contains(&Flag::Site));
    let fields = kit
        .trace_fields
        .iter()
        .map(|f| {
            let fid = f.id.clone();
            let fid2 = f.id.clone();
            let id = format!("trace-{}", f.id);
            view! {
                <span class="ta-choice ta-chl__check">
                    <input type="checkbox" id=id.clone() prop:checked=move || page.record.with(|r| r.challenge.trace_fields.contains(&fid))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let f = fid2.clone();
                            page.change("trace request fields", |r| { if on { r.challenge.trace_fields.insert(f); } else { r.challenge.trace_fields.remove(&f); } Ok(()) });
                        } />
                    <label for=id>{f.label.clone()}</label>
                </span>
            }
        })
        .collect_view();
    let attest_options = vec![
        ("".to_owned(), "Not yet known".to_owned()),
        ("yes".to_owned(), "Yes".to_owned()),
        ("no".to_owned(), "No".to_owned()),
    ];
    let attestations = kit
        .attestations
        .iter()
        .map(|a| {
            let aid = a.id.clone();
            let aid2 = a.id.clone();
            view! {
                <SelectField id=format!("attest-{}", a.id) label=a.label.clone() options=attest_options.clone()
                    value=Signal::derive(move || page.record.with(|r| match r.challenge.attestations.get(&aid) { Some(true) => "yes", Some(false) => "no", None => "" }.to_owned()))
                    on_set=Callback::new(move |v: String| {
                        let a = aid2.clone();
                        page.change("attestation", |r| { match v.as_str() { "yes" => { r.challenge.attestations.insert(a, true); } "no" => { r.challenge.attestations.insert(a, false); } _ => { r.challenge.attestations.remove(&a); } } Ok(()) });
                    }) />
            }
        })
        .collect_view();
    let mut depth_options = vec![("".to_owned(), "As the events show".to_owned())];
    depth_options.extend(
        kit.depth
            .iter()
            .map(|d| (d.level.to_string(), format!("{}: {} ({})", d.level, d.label, d.description))),
    );
    let new_action = RwSignal::new(String::new());
    let new_party = RwSignal::new("vo".to_owned());
    let party_options: Vec<(String, String)> =
        Party::ALL.iter().map(|p| (p.key().to_owned(), kit.party_label(*p).to_owned())).collect();
    let actions = move || {
        let card = page.record.with(|r| score(kit, r));
        card.actions
            .into_iter()
            .map(|a| {
                let id = format!("action-{}", a.id.replace('.', "-"));
                let item = a.clone();
                view! {
                    <li>
                        <input type="checkbox" id=id.clone() prop:checked=a.closed on:change=move |ev| {
                            let closed = event_target_checked(&ev);
                            let it = item.clone();
                            page.change("action item", |r| {
                                match r.challenge.actions.iter_mut().find(|x| x.id == it.id) {
                                    Some(x) => x.closed = closed,
                                    None => r.challenge.actions.push(ActionItem { closed, ..it }),
                                }
                                Ok(())
                            });
                        } />
                        <label for=id>{format!("Done ({}): {}", kit.party_label(a.party), a.text)}</label>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="ta-chl__part" aria-labelledby="chl-answers">
            <h2 id="chl-answers">"Answers"</h2>
            <fieldset class="ta-chl__group">
                <legend>"The owner the VO named"</legend>
                {owner("owner-dn", "DN the VO named", "Either form and any RDN order are accepted, as a CSIRT would.", (|c| c.answer.owner.dn.clone(), |c, v| c.answer.owner.dn = v))}
                {owner("owner-iss", "Token issuer the VO named", "", (|c| c.answer.owner.token_issuer.clone(), |c, v| c.answer.owner.token_issuer = v))}
                {owner("owner-sub", "Token subject the VO named", "Or issuer,subject as HTCondor-CE logs it.", (|c| c.answer.owner.token_subject.clone(), |c, v| c.answer.owner.token_subject = v))}
                {owner("owner-user", "VO username the VO named", "", (|c| c.answer.owner.username.clone(), |c, v| c.answer.owner.username = v))}
            </fieldset>
            <AreaField id="owner-jobs" label="The owner's jobs the VO listed" help="VO job IDs, separated by spaces, commas or lines."
                value=Signal::derive(move || page.record.with(|r| r.challenge.answer.jobs.join("\n")))
                on_set=Callback::new(move |v: String| { page.change("job list", |r| { r.challenge.answer.jobs = parse_list(&v).map_err(|e| e.to_string())?; Ok(()) }); }) />
            <fieldset class="ta-chl__group" hidden=move || !site()>
                <legend>"The site's trace request contained"</legend>
                {fields}
            </fieldset>
            <fieldset class="ta-chl__group">
                <legend>"Procedure"</legend>
                {attestations}
            </fieldset>
            <SelectField id="depth-observed" label="Reachability depth observed" options=depth_options
                value=Signal::derive(move || page.record.with(|r| r.challenge.depth_observed.map(|d| d.to_string()).unwrap_or_default()))
                on_set=Callback::new(move |v: String| { page.change("depth", |r| { r.challenge.depth_observed = v.parse().ok(); Ok(()) }); }) />
            <AreaField id="went-well" label="What went well" help="One point per line."
                value=Signal::derive(move || page.record.with(|r| r.challenge.went_well.join("\n")))
                on_set=Callback::new(move |v: String| { page.change("what went well", |r| { r.challenge.went_well = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(); Ok(()) }); }) />
            <h3>"Action items"</h3>
            <ul class="ta-chl__actions">{actions}</ul>
            <form class="ta-home__rename" on:submit=move |ev| {
                ev.prevent_default();
                let text = new_action.get_untracked();
                let party = Party::from_key(&new_party.get_untracked()).unwrap_or(Party::Vo);
                if page.change("action item added", |r| {
                    if text.trim().is_empty() { return Err("Type the action first.".into()); }
                    let n = r.challenge.actions.iter().filter(|a| a.id.starts_with("manual-")).count() + 1;
                    r.challenge.actions.push(ActionItem { id: format!("manual-{n}"), text: text.trim().to_owned(), party, closed: false });
                    Ok(())
                }) { new_action.set(String::new()); }
            }>
                <TextField id="new-action" label="New action item" value=new_action on_set=Callback::new(move |v| new_action.set(v)) />
                <SelectField id="new-action-party" label="Whose action" options=party_options value=new_party on_set=Callback::new(move |v| new_party.set(v)) />
                <button type="submit" class="ta-button ta-button--secondary">"Add the action item"</button>
            </form>
        </section>
    }
}
