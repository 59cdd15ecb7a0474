//! One question: label, help, the input for its answer type, inline validation, evidence and
//! link, its forensic sheet if it has one, and its live gaps. Hidden when the profile says it
//! does not apply.

use leptos::prelude::*;

use super::dom_id::field_id;
use super::forensic::ForensicSheetView;
use super::gaps::GapNote;
use super::group::GroupInput;
use super::inputs::{ChoiceInput, DateInput, MultiInput, SelectInput, TextLikeInput, TextLikeKind};
use super::stale::{self, StaleNotice};
use super::state::Ctx;
use ti_core::model::{AnswerKind, Evidence, Question, parse_url};

/// A question with the input that fits its answer type.
#[component]
pub fn QuestionField(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let sheet = ctx.set.forensics.iter().find(|f| f.notes_question == question.id);

    let input = match &question.kind {
        AnswerKind::Choice => view! { <ChoiceInput question=question /> }.into_any(),
        AnswerKind::Number { .. } => {
            view! { <TextLikeInput question=question kind=TextLikeKind::Number /> }.into_any()
        }
        AnswerKind::Email { .. } => {
            view! { <TextLikeInput question=question kind=TextLikeKind::Email /> }.into_any()
        }
        AnswerKind::Phone => {
            view! { <TextLikeInput question=question kind=TextLikeKind::Phone /> }.into_any()
        }
        AnswerKind::Text => view! { <TextLikeInput question=question kind=TextLikeKind::Text /> }.into_any(),
        AnswerKind::Line => view! { <TextLikeInput question=question kind=TextLikeKind::Line /> }.into_any(),
        AnswerKind::Date { .. } => view! { <DateInput question=question /> }.into_any(),
        AnswerKind::Select(_) => view! { <SelectInput question=question /> }.into_any(),
        AnswerKind::Multi(_) => view! { <MultiInput question=question /> }.into_any(),
        AnswerKind::Group(_) => view! { <GroupInput question=question /> }.into_any(),
    };

    view! {
        <div class="ta-question" id=format!("{}-box", field_id(qid)) hidden=move || !ctx.is_visible(qid)>
            {sheet.map(|s| view! { <ForensicSheetView sheet=s /> })}
            {input}
            <p class="ta-question__help" id=format!("{}-help", field_id(qid))>{question.help.clone()}</p>
            <EvidenceFields question=qid />
            <GapNote question=qid />
        </div>
    }
}

/// Free-text evidence and a link, offered on every question, folded away until opened.
#[component]
fn EvidenceFields(question: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let base = field_id(question);
    let text_id = format!("{base}-evidence");
    let url_id = format!("{base}-url");
    let url_error_id = format!("{base}-url-error");
    let url_error = RwSignal::new(None::<String>);
    let current =
        move || ctx.assessment.with_untracked(|a| a.evidence.get(question).cloned().unwrap_or_default());
    let has_any = move || ctx.assessment.with(|a| a.evidence.get(question).is_some_and(|e| !e.is_empty()));
    let set_text = move |text: String| {
        let mut e = current();
        e.text = text;
        ctx.evidence(question, e);
    };
    let set_url = move |text: &str| {
        let ok = text.trim().is_empty() || parse_url(text).is_ok();
        if ok {
            url_error.set(None);
            let mut e: Evidence = current();
            e.url = text.trim().to_owned();
            ctx.evidence(question, e);
        }
        ok
    };
    // Another tab's evidence reaches these fields as it does the answer's (see `stale`).
    let text_theirs = stale::watch_text_field(ctx, question, text_id.clone(), move || current().text, || {});
    let url_theirs = stale::watch_text_field(
        ctx,
        question,
        url_id.clone(),
        move || current().url,
        move || url_error.set(None),
    );
    let text_notice = {
        let id = text_id.clone();
        let keep = {
            let id = id.clone();
            move |()| {
                set_text(stale::field_text(&id));
                text_theirs.set(None);
            }
        };
        let take = {
            let id = id.clone();
            move |()| {
                let t = text_theirs.get_untracked().unwrap_or_default();
                stale::set_value(&id, &t);
                set_text(t);
                text_theirs.set(None);
            }
        };
        view! { <StaleNotice id=id theirs=text_theirs keep_mine=keep take_theirs=take /> }
    };
    let url_notice = {
        let id = url_id.clone();
        let keep = {
            let id = id.clone();
            move |()| {
                set_url(&stale::field_text(&id));
                url_theirs.set(None);
            }
        };
        let take = {
            let id = id.clone();
            move |()| {
                let t = url_theirs.get_untracked().unwrap_or_default();
                stale::set_value(&id, &t);
                set_url(&t);
                url_theirs.set(None);
            }
        };
        view! { <StaleNotice id=id theirs=url_theirs keep_mine=keep take_theirs=take /> }
    };
    view! {
        <details class="ta-evidence" open=has_any>
            <summary>"Evidence and link"</summary>
            <label for=text_id.clone()>"Evidence (where the proof is, who checked, what was seen)"</label>
            <textarea
                id=text_id.clone()
                rows="2"
                prop:value=move || current().text
                aria-describedby=format!("{text_id}-stale")
                on:input=move |ev| set_text(event_target_value(&ev))
            ></textarea>
            {text_notice}
            <label for=url_id.clone()>"Link to a document (kept as text, never opened by the app)"</label>
            <input
                type="url"
                id=url_id.clone()
                autocomplete="off"
                prop:value=move || current().url
                aria-describedby=format!("{url_error_id} {url_id}-stale")
                aria-invalid=move || if url_error.with(Option::is_some) { "true" } else { "false" }
                on:input=move |ev| {
                    set_url(&event_target_value(&ev));
                }
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    url_error.set(match parse_url(&text) {
                        Err(e) if !text.trim().is_empty() => Some(e.to_string()),
                        _ => None,
                    });
                }
            />
            <p class="ta-question__error" id=url_error_id role="alert">{move || url_error.get()}</p>
            {url_notice}
        </details>
    }
}
