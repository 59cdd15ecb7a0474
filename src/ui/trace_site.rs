//! "Trace a job", the site's side (`#/trace`): recognise the framework from a pasted
//! environment, say what is seen, follow the steps with filled commands, send the request.
//! No assessment is needed.
//!
//! Invariant: the pasted environment is read here and never kept (it can hold credentials); only
//! the values the core's recognition captures reach the form.

use leptos::prelude::*;

use super::copy::CopyStatus;
use super::state::Session;
use super::trace_common::{ClearCase, GroupFields, RequestFields, SourceList, StorageNote};
use super::trace_doc::DocumentView;
use super::trace_form::TraceForm;
use super::trace_handbook::SiteHandbook;
use super::trace_steps::Steps;
use crate::web::files;
use ti_core::catalog;
use ti_core::trace::model::{BATCH, CE, FRAMEWORK, Group, Side};
use ti_core::trace::recognise::{MAX_DUMP, Recognition, Verdict, apply, parse_dump, recognise};

/// What a recognition says, one sentence per line.
fn describe(
    form: TraceForm,
    rec: &Recognition,
    before: &ti_core::trace::Values,
    applied: &[String],
) -> Vec<String> {
    let cat = form.cat;
    let mut out = vec![format!("{} variables read.", rec.variables)];
    for (field, verdict) in [(FRAMEWORK, &rec.framework), (CE, &rec.ce), (BATCH, &rec.batch)] {
        let Some(f) = cat.field(field) else { continue };
        let show = |o: &str| f.option_label(o).unwrap_or(o).to_owned();
        let line = match verdict {
            Verdict { chosen: Some(o), scores } => {
                let evidence = scores.first().map(|s| s.evidence.join(", ")).unwrap_or_default();
                match before.get(field) {
                    Some(prev) if prev != o => {
                        format!(
                            "{}: the environment points to {} (from {evidence}); your choice, {}, is kept.",
                            f.label,
                            show(o),
                            show(prev)
                        )
                    }
                    _ => format!("{}: {} (from {evidence}).", f.label, show(o)),
                }
            }
            Verdict { chosen: None, scores } if !scores.is_empty() => {
                let hints: Vec<String> = scores
                    .iter()
                    .map(|s| format!("{} ({})", show(&s.option), s.evidence.join(", ")))
                    .collect();
                format!("{}: not decided; hints for {}.", f.label, hints.join(", "))
            }
            _ => format!("{}: nothing recognised.", f.label),
        };
        out.push(line);
    }
    if !applied.is_empty() {
        out.push(format!("Filled in: {}.", applied.join("; ")));
    }
    for c in rec.captures.iter().filter(|c| !c.conflicts.is_empty()) {
        let mut seen = vec![format!("{}={}", c.variable, c.value)];
        seen.extend(c.conflicts.iter().map(|(n, v)| format!("{n}={v}")));
        out.push(format!(
            "Not filled, the environment disagrees: {} ({}).",
            cat.label(&c.field),
            seen.join(", ")
        ));
    }
    if !rec.sensitive.is_empty() {
        out.push(format!(
            "The environment holds credentials ({}): their values were not read. Keep the dump with the evidence; do not mail it.",
            rec.sensitive.join(", ")
        ));
    }
    out
}

/// The recogniser: paste or choose a file, then "Recognise".
#[component]
fn Recognise(form: TraceForm) -> impl IntoView {
    let paste = RwSignal::new(String::new());
    let result = RwSignal::new(Vec::<String>::new());
    let run = move |text: String| match parse_dump(&text) {
        Err(e) => result.set(vec![e.to_string()]),
        Ok(entries) => {
            let before = form.values.get_untracked();
            let rec = recognise(form.cat, &entries);
            let mut after = before.clone();
            let applied: Vec<String> = apply(&rec, &mut after)
                .into_iter()
                .map(|a| {
                    let shown =
                        form.cat.field(&a.field).map_or_else(|| a.value.clone(), |f| f.show(&a.value));
                    format!("{} = {shown}", form.cat.label(&a.field))
                })
                .collect();
            result.set(describe(form, &rec, &before, &applied));
            form.replace(after);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        leptos::task::spawn_local(async move {
            match files::read_bytes_capped(&file, MAX_DUMP as u64).await {
                Ok(bytes) => run(String::from_utf8_lossy(&bytes).into_owned()),
                Err(e) => result.set(vec![e.to_string()]),
            }
        });
    };
    view! {
        <section class="ta-trace__recognise" aria-labelledby="trace-recognise">
            <h2 id="trace-recognise">"Recognise the job framework"</h2>
            <label class="ta-question__label" for="trace-env">"Environment of the suspicious process"</label>
            <textarea id="trace-env" rows="5" spellcheck="false" aria-describedby="trace-env-help"
                prop:value=move || paste.get() on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
            <p class="ta-question__help" id="trace-env-help">
                "Variable names, the output of env, or of cat /proc/<pid>/environ | tr '\\0' '\\n' (first command of the steps below). It is read here and not kept: only the IDs recognised go into the form."
            </p>
            <label class="ta-question__label" for="trace-env-file">"Or choose a copy of /proc/<pid>/environ"</label>
            <input type="file" id="trace-env-file" on:change=on_file />
            <p>
                <button type="button" class="ta-button" on:click=move |_| run(paste.get_untracked())>"Recognise"</button>
            </p>
            <div role="status" class="ta-trace__recognised">
                {move || {
                    let lines = result.get();
                    (!lines.is_empty()).then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })
                }}
            </div>
        </section>
    }
}

/// The site's page.
#[component]
pub fn TraceSite() -> impl IntoView {
    let session = expect_context::<Session>();
    let cat = match catalog::builtin_trace() {
        Ok(c) => c,
        Err(e) => return view! { <main id="main" class="ta-trace"><p role="alert">{format!("The trace data could not be loaded: {e}")}</p></main> }.into_any(),
    };
    let form = TraceForm::start(cat, "site", session.blocked);
    let copied = CopyStatus(RwSignal::new(String::new()));
    provide_context(copied);
    view! {
        <header class="ta-header">
            <h1>{cat.title.clone()}</h1>
            <p class="ta-header__meta">"For the site that saw it · " <a href="#/trace/vo">"The VO's side: answer a trace request"</a></p>
        </header>
        <main class="ta-trace" id="main">
            <p class="ta-visually-hidden" role="status">{move || copied.0.get()}</p>
            <StorageNote form=form />
            <p class="ta-intro">{cat.intro.clone()}</p>
            <Recognise form=form />
            <section aria-labelledby="trace-seen">
                <h2 id="trace-seen">"What you see"</h2>
                <RequestFields form=form />
                <GroupFields form=form group=Group::Site title="For the commands only (never sent)" />
            </section>
            <SiteHandbook form=form blocked=session.blocked />
            <section aria-labelledby="trace-steps">
                <h2 id="trace-steps">"Steps"</h2>
                <p class="ta-intro">"Commands are for sh, bash or zsh, with every value you typed quoted. A command with a value missing shows the gap and cannot be copied."</p>
                <Steps form=form side=Side::Site />
            </section>
            <section aria-labelledby="trace-send">
                <h2 id="trace-send">"Send the request"</h2>
                <DocumentView form=form doc=&cat.request json=true />
            </section>
            <ClearCase form=form />
            <SourceList form=form />
        </main>
    }
    .into_any()
}
