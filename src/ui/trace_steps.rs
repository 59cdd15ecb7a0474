//! The steps of one side of "Trace a job", from the core's plan (`trace::plan`): phases as
//! headings, each step's text, and its commands filled with the values, each with its source
//! marker ("Inferred: verify on your release") and a Copy button.
//!
//! Invariant: a command is shown exactly as the core filled it: a missing value is a marked gap
//! (`⟨missing: …⟩`, never shell syntax) and such a command cannot be copied.

use leptos::prelude::*;

use super::copy::CopyButton;
use super::trace_form::TraceForm;
use ti_core::trace::model::{Basis, Side};
use ti_core::trace::plan::{PlannedCommand, PlannedStep, plan};
use ti_core::trace::template::{Filled, Kind, Segment, ValueWarning};

fn marker(form: TraceForm, basis: Basis, sources: &[String]) -> String {
    let label = form.cat.marker(basis).map_or("", |m| m.label.as_str());
    if sources.is_empty() { label.to_owned() } else { format!("{label} · {}", sources.join(", ")) }
}

fn warning_text(form: TraceForm, w: &ValueWarning) -> String {
    let (field, what) = match w {
        ValueWarning::LineBreak { field } => {
            (field, "has a line break: the command spans lines but the value stays one argument.")
        }
        ValueWarning::Control { field } => {
            (field, "holds invisible characters (control, zero-width or direction marks): check it.")
        }
        ValueWarning::LeadingDash { field } => {
            (field, "begins with '-': the command may read it as an option. Check the value.")
        }
        ValueWarning::EdgeSpace { field } => (field, "begins or ends with a space."),
        ValueWarning::Long { field } => (
            field,
            "is very long: the system may refuse the command (\u{201c}Argument list too long\u{201d}).",
        ),
    };
    format!("{} {what}", form.cat.label(field))
}

/// The filled text, with gaps marked.
fn segments(form: TraceForm, filled: &Filled) -> impl IntoView + use<> {
    filled
        .segments
        .iter()
        .map(|s| match s {
            Segment::Literal(t) | Segment::Value { text: t, .. } => t.clone().into_any(),
            Segment::Missing { field } => {
                view! { <mark class="ta-cmd__gap">{format!("⟨missing: {}⟩", form.cat.label(field))}</mark> }
                    .into_any()
            }
            Segment::Refused { field, reason } => view! {
                <mark class="ta-cmd__gap">{format!("⟨cannot use {}: {reason}⟩", form.cat.label(field))}</mark>
            }
            .into_any(),
        })
        .collect_view()
}

fn command_view(form: TraceForm, pc: &PlannedCommand<'static>) -> impl IntoView + use<> {
    let c = pc.command;
    let kind_note = match c.kind() {
        Kind::Sh => "",
        Kind::Jsh => "In the JAliEn shell. ",
        Kind::Text => "Text, not a command. ",
    };
    let missing: Vec<String> = pc.filled.missing().iter().map(|f| form.cat.label(f)).collect();
    let blocked = (!pc.filled.is_complete()).then(|| {
        let what = if missing.is_empty() {
            "a value that cannot be used here".to_owned()
        } else {
            missing.join(", ")
        };
        view! { <p class="ta-cmd__blocked">{format!("Fill in {what} to copy this.")}</p> }
    });
    let warnings =
        pc.filled.warnings.iter().map(|w| view! { <li>{warning_text(form, w)}</li> }).collect_view();
    let note = (!c.note.is_empty()).then(|| view! { <p class="ta-cmd__note">{c.note.clone()}</p> });
    view! {
        <div class="ta-cmd">
            <pre class="ta-cmd__line"><code>{segments(form, &pc.filled)}</code></pre>
            <div class="ta-cmd__bar">
                <CopyButton text=pc.filled.line() label=format!("Copy: {}", c.explain) />
                <span class=if c.basis == Basis::Sourced { "ta-cmd__marker" } else { "ta-cmd__marker ta-cmd__marker--check" }>
                    {marker(form, c.basis, &c.sources)}
                </span>
            </div>
            <p class="ta-cmd__explain">{format!("{kind_note}{}", c.explain)}</p>
            {note}
            {blocked}
            <ul class="ta-cmd__warnings">{warnings}</ul>
        </div>
    }
}

fn step_view(form: TraceForm, ps: &PlannedStep<'static>) -> impl IntoView + use<> {
    let s = ps.step;
    let heading = format!("trace-step-{}", s.id.replace('.', "-"));
    let labelled_by = heading.clone();
    view! {
        <article class="ta-trace__step" aria-labelledby=labelled_by>
            <h4 id=heading>{s.title.clone()}</h4>
            <p>{segments(form, &ps.text)}</p>
            <p class="ta-trace__marker">{marker(form, s.basis, &s.sources)}</p>
            {ps.commands.iter().map(|c| command_view(form, c)).collect_view()}
        </article>
    }
}

/// Every step of `side` for the current values, grouped by phase.
#[component]
pub fn Steps(form: TraceForm, side: Side) -> impl IntoView {
    move || {
        let values = form.values.get();
        let planned = plan(form.cat, side, &values);
        form.cat
            .phases_of(side)
            .map(|phase| {
                let steps: Vec<&PlannedStep<'static>> =
                    planned.iter().filter(|p| p.step.phase == phase.id).collect();
                (!steps.is_empty()).then(|| {
                    view! {
                        <section class="ta-trace__phase" aria-label=phase.title.clone()>
                            <h3>{phase.title.clone()}</h3>
                            {steps.into_iter().map(|s| step_view(form, s)).collect_view()}
                        </section>
                    }
                })
            })
            .collect_view()
    }
}
