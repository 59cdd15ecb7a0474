//! One question: its label, help, input for its answer type, inline validation and live gaps.

use leptos::prelude::*;

use super::gaps::GapNote;
use super::state::{Ctx, SaveMode};
use crate::model::{AnswerKind, AnswerValue, Choice, Question, format_number, parse_email, parse_number};

/// The DOM id of a question's field (gap links point here).
pub fn field_id(question: &str) -> String {
    format!("q-{question}")
}

/// A question with the input that fits its answer type.
#[component]
pub fn QuestionField(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = field_id(&question.id);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let error = RwSignal::new(None::<String>);
    let read_only = move || {
        ctx.mode.get() == SaveMode::InMemory
            && ctx.notice.with(|n| matches!(n, Some(super::state::Notice::Newer { .. })))
    };
    let qid = question.id.as_str();

    let input = match &question.kind {
        AnswerKind::Choice => {
            let options = Choice::ALL
                .into_iter()
                .map(|choice| {
                    let option_id = format!("{id}-{}", choice.key());
                    let checked =
                        move || ctx.assessment.with(|a| a.answer(qid) == Some(&AnswerValue::Choice(choice)));
                    view! {
                        <span class="ta-choice">
                            <input
                                type="radio"
                                id=option_id.clone()
                                name=id.clone()
                                prop:checked=checked
                                on:change=move |_| ctx.answer(qid, Some(AnswerValue::Choice(choice)))
                            />
                            <label for=option_id>{choice.label()}</label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="ta-question__choices" aria-describedby=help_id.clone()>
                    <legend class="ta-question__label">{question.label.clone()}</legend>
                    {options}
                </fieldset>
            }
            .into_any()
        }
        AnswerKind::Number { unit, min, max } => {
            let (unit, min, max) = (unit.clone(), *min, *max);
            let current = move || {
                ctx.assessment.with_untracked(|a| match a.answer(qid) {
                    Some(AnswerValue::Number(n)) => format_number(*n),
                    _ => String::new(),
                })
            };
            let unit_label = unit.clone();
            view! {
                <label class="ta-question__label" for=id.clone()>{question.label.clone()}</label>
                <span class="ta-number">
                    <input
                        type="text"
                        inputmode="numeric"
                        id=id.clone()
                        value=current
                        aria-describedby=format!("{help_id} {error_id}")
                        aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            if text.trim().is_empty() {
                                error.set(None);
                                ctx.answer(qid, None);
                                return;
                            }
                            match parse_number(&text, &unit, min, max) {
                                Ok(n) => {
                                    error.set(None);
                                    ctx.answer(qid, Some(AnswerValue::Number(n)));
                                }
                                Err(e) => error.set(Some(e.to_string())),
                            }
                        }
                    />
                    <span class="ta-number__unit">{unit_label}</span>
                </span>
            }
            .into_any()
        }
        AnswerKind::Email => {
            let current = move || {
                ctx.assessment.with_untracked(|a| match a.answer(qid) {
                    Some(AnswerValue::Text(t)) => t.clone(),
                    _ => String::new(),
                })
            };
            view! {
                <label class="ta-question__label" for=id.clone()>{question.label.clone()}</label>
                <input
                    type="email"
                    id=id.clone()
                    autocomplete="off"
                    value=current
                    aria-describedby=format!("{help_id} {error_id}")
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        if text.trim().is_empty() {
                            error.set(None);
                            ctx.answer(qid, None);
                        } else if let Ok(address) = parse_email(&text) {
                            error.set(None);
                            ctx.answer(qid, Some(AnswerValue::Text(address)));
                        }
                    }
                    // Judge the shape only when the person leaves the field, not mid-typing.
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        error.set(match parse_email(&text) {
                            Err(e) if !text.trim().is_empty() => Some(e.to_string()),
                            _ => None,
                        });
                    }
                />
            }
            .into_any()
        }
    };

    view! {
        <div class="ta-question" class:ta-question--readonly=read_only>
            {input}
            <p class="ta-question__help" id=help_id>{question.help.clone()}</p>
            <p class="ta-question__error" id=error_id role="alert">{move || error.get()}</p>
            <GapNote question=qid />
        </div>
    }
}
