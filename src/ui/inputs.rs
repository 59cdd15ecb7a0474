//! Inputs for the single-value answer types. Each validates inline and records only valid
//! values (`Ctx::answer`); an invalid entry shows a message and keeps the previous answer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom_id::field_id;
use super::stale::{self, StaleNotice};
use super::state::Ctx;
use ti_core::model::{
    AnswerKind, AnswerValue, Choice, Question, format_number, looks_personal, parse_email, parse_number,
    parse_phone,
};
use ti_core::time::Date;

/// The ids a field is described by: its help, its error line, its hint (see `Feedback`) and the
/// notice that another tab changed it (see `stale`).
fn described_by(id: &str) -> String {
    format!("{id}-help {id}-error {id}-hint {id}-stale")
}

/// The inline error line and the hint line under a field `id`.
#[component]
fn Feedback(id: String, error: RwSignal<Option<String>>, hint: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="ta-question__error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
        <p class="ta-question__hint" id=format!("{id}-hint")>{move || hint.get()}</p>
    }
}

/// Yes / partly / no / don't know / not applicable, with the justification N/A requires.
#[component]
pub fn ChoiceInput(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let help_id = format!("{id}-help");
    let current = move || ctx.assessment.with(|a| a.answer(qid).cloned());
    let options = Choice::ALL
        .into_iter()
        .map(|choice| {
            let option_id = format!("{id}-{}", choice.key());
            view! {
                <span class="ta-choice">
                    <input
                        type="radio"
                        id=option_id.clone()
                        name=id.clone()
                        prop:checked=move || current() == Some(AnswerValue::Choice(choice))
                        on:change=move |_| ctx.answer(qid, Some(AnswerValue::Choice(choice)))
                    />
                    <label for=option_id>{choice.label()}</label>
                </span>
            }
        })
        .collect_view();
    let na_id = format!("{id}-na");
    let why_id = format!("{id}-why");
    let is_na = move || matches!(current(), Some(AnswerValue::NotApplicable(_)));
    let why = move || match current() {
        Some(AnswerValue::NotApplicable(w)) => w,
        _ => String::new(),
    };
    // Keys 1 to 5 pick Yes, Partly, No, Don't know, Not applicable while the focus is in the group.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let value = match ev.key().as_str() {
            "1" => Some(AnswerValue::Choice(Choice::Yes)),
            "2" => Some(AnswerValue::Choice(Choice::Partial)),
            "3" => Some(AnswerValue::Choice(Choice::No)),
            "4" => Some(AnswerValue::Choice(Choice::Unknown)),
            "5" if !matches!(current(), Some(AnswerValue::NotApplicable(_))) => {
                Some(AnswerValue::NotApplicable(String::new()))
            }
            _ => None,
        };
        let in_textarea =
            ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).is_some();
        if let (Some(v), false) = (value, in_textarea) {
            ev.prevent_default();
            ctx.answer(qid, Some(v));
        }
    };
    view! {
        <fieldset class="ta-question__choices" aria-describedby=help_id on:keydown=on_key>
            <legend class="ta-question__label">{question.label.clone()}</legend>
            {options}
            <span class="ta-choice">
                <input
                    type="radio"
                    id=na_id.clone()
                    name=id.clone()
                    prop:checked=is_na
                    on:change=move |_| ctx.answer(qid, Some(AnswerValue::NotApplicable(String::new())))
                />
                <label for=na_id>"Not applicable"</label>
            </span>
            <div class="ta-question__why" hidden=move || !is_na()>
                <label for=why_id.clone()>"Why it does not apply (required)"</label>
                <textarea
                    id=why_id
                    rows="2"
                    aria-invalid=move || if is_na() && why().trim().is_empty() { "true" } else { "false" }
                    prop:value=why
                    on:input=move |ev| ctx.answer(qid, Some(AnswerValue::NotApplicable(event_target_value(&ev))))
                ></textarea>
                <p class="ta-question__error" role="alert">
                    {move || (is_na() && why().trim().is_empty()).then_some("Say why this does not apply: a bare \u{201c}not applicable\u{201d} counts as a gap.")}
                </p>
            </div>
        </fieldset>
    }
}

/// Which text-entered type a field holds.
#[derive(Clone, Copy, PartialEq)]
pub enum TextLikeKind {
    Number,
    Email,
    Phone,
    /// Several lines (a `<textarea>`).
    Text,
    /// One line, such as a name.
    Line,
}

/// Number, e-mail, phone or free text: typed, validated, and saved as typed when valid.
#[component]
pub fn TextLikeInput(question: &'static Question, kind: TextLikeKind) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let error = RwSignal::new(None::<String>);
    let current = move || {
        ctx.assessment.with_untracked(|a| match a.answer(qid) {
            Some(AnswerValue::Number(n)) => format_number(*n),
            Some(AnswerValue::Text(t)) => t.clone(),
            _ => String::new(),
        })
    };
    // Parse what was typed: Ok(value) to store, Err(message) to show.
    let parse = move |text: &str| -> Result<AnswerValue, String> {
        match (&question.kind, kind) {
            (AnswerKind::Number { unit, min, max }, _) => {
                parse_number(text, unit, *min, *max).map(AnswerValue::Number).map_err(|e| e.to_string())
            }
            (_, TextLikeKind::Email) => parse_email(text).map(AnswerValue::Text).map_err(|e| e.to_string()),
            (_, TextLikeKind::Phone) => parse_phone(text).map(AnswerValue::Text).map_err(|e| e.to_string()),
            _ => Ok(AnswerValue::Text(text.to_owned())),
        }
    };
    // Numbers are judged as typed; addresses and phone numbers when the person leaves the field.
    let judge_while_typing = kind == TextLikeKind::Number;
    // Records what the field holds; `judge`: say now what is wrong with it.
    let record = move |text: &str, judge: bool| {
        if text.trim().is_empty() {
            error.set(None);
            ctx.answer(qid, None);
            return;
        }
        match parse(text) {
            Ok(v) => {
                error.set(None);
                ctx.answer(qid, Some(v));
            }
            Err(e) if judge => error.set(Some(e)),
            Err(_) => {}
        }
    };
    let on_input = move |ev: leptos::ev::Event| record(&event_target_value(&ev), judge_while_typing);
    let theirs = stale::watch_text_field(ctx, qid, id.clone(), current, move || error.set(None));
    let keep_mine = {
        let id = id.clone();
        move |()| {
            record(&stale::field_text(&id), true);
            theirs.set(None);
        }
    };
    let take_theirs = {
        let id = id.clone();
        move |()| {
            let text = theirs.get_untracked().unwrap_or_default();
            stale::set_value(&id, &text);
            record(&text, true);
            theirs.set(None);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if !text.trim().is_empty()
            && let Err(e) = parse(&text)
        {
            error.set(Some(e));
        }
    };
    let role_hint = move || {
        let AnswerKind::Email { role_address: true } = question.kind else { return None };
        ctx.assessment.with(|a| match a.answer(qid) {
            Some(AnswerValue::Text(t)) if looks_personal(t) => Some(
                "This looks like one person's address. A role address (a closed list reaching several people) keeps working when people change jobs.",
            ),
            _ => None,
        })
    };
    let described = described_by(&id);
    let invalid = move || if error.with(Option::is_some) { "true" } else { "false" };
    let label = view! { <label class="ta-question__label" for=id.clone()>{question.label.clone()}</label> };
    let field = match kind {
        TextLikeKind::Text => view! {
            <textarea id=id.clone() rows="3" aria-describedby=described prop:value=current on:input=on_input></textarea>
        }
        .into_any(),
        TextLikeKind::Line => view! {
            <input type="text" id=id.clone() autocomplete="off" aria-describedby=described
                prop:value=current on:input=on_input />
        }
        .into_any(),
        TextLikeKind::Number => {
            let unit = match &question.kind {
                AnswerKind::Number { unit, .. } => unit.clone(),
                _ => String::new(),
            };
            view! {
                <span class="ta-number">
                    <input type="text" inputmode="decimal" id=id.clone() aria-describedby=described
                        aria-invalid=invalid prop:value=current on:input=on_input on:change=on_change />
                    <span class="ta-number__unit">{unit}</span>
                </span>
            }
            .into_any()
        }
        TextLikeKind::Email => view! {
            <input type="email" id=id.clone() autocomplete="off" aria-describedby=described
                aria-invalid=invalid prop:value=current on:input=on_input on:change=on_change />
        }
        .into_any(),
        TextLikeKind::Phone => view! {
            <input type="tel" id=id.clone() autocomplete="off" aria-describedby=described
                aria-invalid=invalid prop:value=current on:input=on_input on:change=on_change />
        }
        .into_any(),
    };
    view! {
        {label}
        {field}
        <Feedback id=id.clone() error=error hint=Signal::derive(move || role_hint().map(str::to_owned)) />
        <StaleNotice id=id theirs=theirs keep_mine=keep_mine take_theirs=take_theirs />
    }
}

/// A calendar date, with its age against the question's maximum.
#[component]
pub fn DateInput(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let error = RwSignal::new(None::<String>);
    let current = move || {
        ctx.assessment.with_untracked(|a| match a.answer(qid) {
            Some(AnswerValue::Date(d)) => d.to_string(),
            _ => String::new(),
        })
    };
    let max_age = match &question.kind {
        AnswerKind::Date { max_age: Some(t) } => ctx.set.threshold(t),
        _ => None,
    };
    let age = move || {
        ctx.assessment.with(|a| match a.answer(qid) {
            Some(AnswerValue::Date(d)) => {
                let days = d.days_until(ctx.today);
                Some(match max_age {
                    Some(t) if days as f64 > t.value => format!(
                        "{days} days ago: older than the {} {} allowed ({} {}, {}).",
                        format_number(t.value),
                        t.unit,
                        t.id,
                        t.title,
                        t.status.label()
                    ),
                    _ if days < 0 => "This date is in the future.".to_owned(),
                    _ => format!("{days} days ago."),
                })
            }
            _ => None,
        })
    };
    let record = move |text: &str| {
        if text.trim().is_empty() {
            error.set(None);
            ctx.answer(qid, None);
        } else {
            match Date::parse(text) {
                Ok(d) => {
                    error.set(None);
                    ctx.answer(qid, Some(AnswerValue::Date(d)));
                }
                Err(_) => error.set(Some(ti_core::model::InputError::NotADate.to_string())),
            }
        }
    };
    let theirs = stale::watch_text_field(ctx, qid, id.clone(), current, move || error.set(None));
    let keep_mine = {
        let id = id.clone();
        move |()| {
            record(&stale::field_text(&id));
            theirs.set(None);
        }
    };
    let take_theirs = {
        let id = id.clone();
        move |()| {
            let text = theirs.get_untracked().unwrap_or_default();
            stale::set_value(&id, &text);
            record(&text);
            theirs.set(None);
        }
    };
    view! {
        <label class="ta-question__label" for=id.clone()>{question.label.clone()}</label>
        <input
            type="date"
            id=id.clone()
            aria-describedby=described_by(&id)
            prop:value=current
            on:change=move |ev| record(&event_target_value(&ev))
        />
        <Feedback id=id.clone() error=error hint=Signal::derive(age) />
        <StaleNotice id=id theirs=theirs keep_mine=keep_mine take_theirs=take_theirs />
    }
}

/// One option out of a list.
#[component]
pub fn SelectInput(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let selected =
        move |opt: &str| ctx.assessment.with(|a| a.answer(qid).and_then(AnswerValue::key) == Some(opt));
    let options = question
        .options()
        .iter()
        .map(|o| {
            let oid = o.id.clone();
            view! { <option value=o.id.clone() selected=move || selected(&oid)>{o.label.clone()}</option> }
        })
        .collect_view();
    view! {
        <label class="ta-question__label" for=id.clone()>{question.label.clone()}</label>
        <select
            id=id.clone()
            aria-describedby=format!("{id}-help")
            on:change=move |ev| {
                let v = event_target_value(&ev);
                ctx.answer(qid, if v.is_empty() { None } else { Some(AnswerValue::Option(v)) });
            }
        >
            <option value="" selected=move || ctx.assessment.with(|a| a.answer(qid).is_none())>"Choose…"</option>
            {options}
        </select>
    }
}

/// Any number of options, as checkboxes.
#[component]
pub fn MultiInput(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let chosen = move || match ctx.assessment.with(|a| a.answer(qid).cloned()) {
        Some(AnswerValue::Options(o)) => o,
        _ => Vec::new(),
    };
    let boxes = question
        .options()
        .iter()
        .map(|o| {
            let box_id = format!("{id}-{}", o.id);
            let oid = o.id.as_str();
            view! {
                <span class="ta-choice">
                    <input
                        type="checkbox"
                        id=box_id.clone()
                        prop:checked=move || chosen().iter().any(|c| c == oid)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            // Keep the question's option order, whatever order they were ticked in.
                            let mut now: Vec<String> = chosen();
                            now.retain(|c| c != oid);
                            if on {
                                now.push(oid.to_owned());
                            }
                            let ordered: Vec<String> = question
                                .options()
                                .iter()
                                .filter(|x| now.contains(&x.id))
                                .map(|x| x.id.clone())
                                .collect();
                            ctx.answer(qid, Some(AnswerValue::Options(ordered)));
                        }
                    />
                    <label for=box_id>{o.label.clone()}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ta-question__choices" aria-describedby=format!("{id}-help")>
            <legend class="ta-question__label">{question.label.clone()}</legend>
            {boxes}
        </fieldset>
    }
}
