//! The state and inputs of "Trace a job": the values of one side (site or VO) kept as a draft in
//! this browser, and one labelled input per field of `questions/trace.toml`.
//!
//! Invariants: an input never rewrites what the user is typing (its value is re-read only when
//! the values change from outside: recognition, import, clearing); every change is saved as the
//! side's draft unless the stored draft is a newer version's, which is never written over.

use leptos::prelude::*;

use super::state::now;
use crate::web::storage::{self, TraceDraft};
use ti_core::trace::model::{Field, Input};
use ti_core::trace::{TraceCatalog, Values};

/// The values of one side and what the page needs around them.
#[derive(Clone, Copy)]
pub struct TraceForm {
    /// The catalogue.
    pub cat: &'static TraceCatalog,
    /// `site` or `vo`: the draft's key and the inputs' id prefix.
    pub side: &'static str,
    /// The values.
    pub values: RwSignal<Values>,
    /// Bumped when the values change from outside, so that inputs re-read them.
    pub generation: RwSignal<u32>,
    /// Why the draft is not saved, if it is not (shown once at the top).
    pub storage_note: RwSignal<Option<String>>,
    saving: RwSignal<bool>,
}

impl TraceForm {
    /// Loads the side's draft and saves every later change.
    pub fn start(cat: &'static TraceCatalog, side: &'static str, blocked: bool) -> TraceForm {
        let (initial, note, saving) = if blocked {
            (Values::new(), Some("This browser does not let the page store data: what you type is lost when the page closes.".to_owned()), false)
        } else {
            match storage::load_trace_draft(cat, side, now().0) {
                Ok(TraceDraft::Empty) => (Values::new(), None, true),
                Ok(TraceDraft::Found(f)) => (f.values, None, true),
                Ok(TraceDraft::Kept { kept_as, reason }) => (
                    Values::new(),
                    Some(format!(
                        "The draft kept in this browser could not be read ({reason}); it is kept aside as {kept_as}."
                    )),
                    true,
                ),
                Ok(TraceDraft::Newer(reason)) => (
                    Values::new(),
                    Some(format!(
                        "{reason} The draft of a newer version is left untouched, and nothing typed here is saved."
                    )),
                    false,
                ),
                Err(e) => (Values::new(), Some(format!("The draft could not be read: {e}.")), false),
            }
        };
        let form = TraceForm {
            cat,
            side,
            values: RwSignal::new(initial),
            generation: RwSignal::new(0),
            storage_note: RwSignal::new(note),
            saving: RwSignal::new(saving),
        };
        Effect::new(move |_| {
            let v = form.values.get();
            if form.saving.get_untracked()
                && let Err(e) = storage::save_trace_draft(cat, side, &v, now())
            {
                form.storage_note.set(Some(format!("What you type is not saved: {e}.")));
            }
        });
        form
    }

    /// Replaces the values from outside (inputs re-read them).
    pub fn replace(&self, values: Values) {
        self.values.set(values);
        self.generation.update(|g| *g += 1);
    }

    /// The DOM id of a field's input.
    pub fn input_id(&self, field: &str) -> String {
        format!("trace-{}-{field}", self.side)
    }
}

/// One input for one field, labelled with the field's label, its help and example below.
#[component]
pub fn FieldInput(form: TraceForm, field: &'static Field) -> impl IntoView {
    let id = form.input_id(&field.id);
    let help_id = format!("{id}-help");
    let fid = field.id.as_str();
    let current = move || {
        form.generation.track();
        form.values.with_untracked(|v| v.get(fid).unwrap_or_default().to_owned())
    };
    let set = move |value: String| form.values.update(|v| v.set(fid, value));
    let help = {
        let mut h = field.help.clone();
        if !field.example.is_empty() {
            if !h.is_empty() {
                h.push(' ');
            }
            h.push_str(&format!("Example: {}", field.example));
        }
        h
    };
    let help_view =
        (!help.is_empty()).then(|| view! { <p class="ta-question__help" id=help_id.clone()>{help}</p> });
    let described = (!field.help.is_empty() || !field.example.is_empty()).then(|| help_id.clone());
    match field.input {
        Input::Text => view! {
            <div class="ta-question ta-trace__field">
                <label class="ta-question__label" for=id.clone()>{field.label.clone()}</label>
                <input type="text" id=id autocomplete="off" spellcheck="false" aria-describedby=described
                    prop:value=current on:input=move |ev| set(event_target_value(&ev)) />
                {help_view}
            </div>
        }
        .into_any(),
        Input::Lines => view! {
            <div class="ta-question ta-trace__field">
                <label class="ta-question__label" for=id.clone()>{field.label.clone()}</label>
                <textarea id=id rows="3" spellcheck="false" aria-describedby=described
                    prop:value=current on:input=move |ev| set(event_target_value(&ev))></textarea>
                {help_view}
            </div>
        }
        .into_any(),
        Input::Select => {
            let options = field
                .options
                .iter()
                .map(|o| {
                    let oid = o.id.clone();
                    let selected = move || current() == oid;
                    view! { <option value=o.id.clone() prop:selected=selected>{o.label.clone()}</option> }
                })
                .collect_view();
            view! {
                <div class="ta-question ta-trace__field">
                    <label class="ta-question__label" for=id.clone()>{field.label.clone()}</label>
                    <select id=id aria-describedby=described on:change=move |ev| set(event_target_value(&ev))>
                        <option value="" prop:selected=move || current().is_empty()>"(choose)"</option>
                        {options}
                    </select>
                    {help_view}
                </div>
            }
            .into_any()
        }
        Input::Multi => {
            let boxes = field
                .options
                .iter()
                .map(|o| {
                    let box_id = format!("{id}-{}", o.id);
                    let oid: &'static str = o.id.as_str();
                    let checked = move || current().split(',').any(|x| x == oid);
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        form.values.update(|v| {
                            let mut chosen: Vec<String> = v
                                .get(fid)
                                .unwrap_or_default()
                                .split(',')
                                .filter(|x| !x.is_empty() && *x != oid)
                                .map(str::to_owned)
                                .collect();
                            if on {
                                chosen.push(oid.to_owned());
                            }
                            // Stored in the field's option order.
                            chosen.sort_by_key(|c| field.options.iter().position(|o| o.id == *c));
                            v.set(fid, chosen.join(","));
                        });
                    };
                    view! {
                        <span class="ta-choice">
                            <input type="checkbox" id=box_id.clone() prop:checked=checked on:change=toggle />
                            <label for=box_id>{o.label.clone()}</label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="ta-question ta-question__choices ta-trace__field" aria-describedby=described>
                    <legend class="ta-question__label">{field.label.clone()}</legend>
                    {boxes}
                    {help_view}
                </fieldset>
            }
            .into_any()
        }
    }
}

/// A group of fields under a legend.
#[component]
pub fn FieldGroup(form: TraceForm, title: String, fields: Vec<&'static Field>) -> impl IntoView {
    view! {
        <fieldset class="ta-trace__group">
            <legend>{title}</legend>
            {fields.into_iter().map(|f| view! { <FieldInput form=form field=f /> }).collect_view()}
        </fieldset>
    }
}
