//! A repeating group: one table row per item (e.g. one retention row per log store), with a
//! button to add a row and one to remove each.
//!
//! Rows are rebuilt only when one is added or removed, or when another tab's change reaches the
//! group while nobody types in it (see `stale`), never while a cell is being typed in, so the
//! focus stays where the person is typing. `shown` holds the rows as the table shows them; every
//! edit starts from it, so a merge that waits for the person's choice is never mixed into their
//! rows.

use leptos::prelude::*;

use super::dom_id::field_id;
use super::stale::{self, StaleNotice};
use super::state::Ctx;
use ti_core::model::{
    AnswerKind, AnswerValue, Choice, Field, FieldKind, Question, Row, format_number, parse_number,
};

fn rows_of(ctx: &Ctx, qid: &str) -> Vec<Row> {
    ctx.assessment.with_untracked(|a| match a.answer(qid) {
        Some(AnswerValue::Rows(r)) => r.clone(),
        _ => Vec::new(),
    })
}

/// The table of rows.
#[component]
pub fn GroupInput(question: &'static Question) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let qid = question.id.as_str();
    let id = field_id(qid);
    let AnswerKind::Group(fields) = &question.kind else { return ().into_any() };
    let fields: &'static [Field] = fields;
    // Bumped when rows are added or removed: the table is rebuilt then, and only then.
    let layout = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let shown = StoredValue::new(rows_of(&ctx, qid));
    // Records the table's rows after a change to them.
    let record = move |change: &dyn Fn(&mut Vec<Row>)| {
        let mut rows = shown.get_value();
        change(&mut rows);
        shown.set_value(rows.clone());
        ctx.answer(qid, Some(AnswerValue::Rows(rows)));
    };
    let set_cell = move |row: usize, field: &str, value: Option<AnswerValue>| {
        record(&|rows: &mut Vec<Row>| {
            if let Some(r) = rows.get_mut(row) {
                match &value {
                    Some(v) => r.insert(field.to_owned(), v.clone()),
                    None => r.remove(field),
                };
            }
        });
    };
    // Another tab changed the rows: shown at once unless a cell here has the focus; then the
    // person chooses (their rows stay in the table meanwhile).
    let theirs = RwSignal::new(None::<String>);
    let theirs_rows = StoredValue::new(Vec::<Row>::new());
    let rebuild = move |rows: Vec<Row>| {
        shown.set_value(rows);
        error.set(None);
        layout.update(|n| *n += 1);
    };
    {
        let table_id = id.clone();
        stale::after_merge(ctx, qid, move || {
            let merged = rows_of(&ctx, qid);
            if merged == shown.get_value() {
                theirs.set(None);
                return;
            }
            let typing = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&table_id))
                .is_some_and(|t| stale::holds_focus(&t));
            if typing {
                theirs_rows.set_value(merged.clone());
                theirs.set(Some(ti_core::wording::value_of(question, &AnswerValue::Rows(merged.clone()))));
            } else {
                theirs.set(None);
                rebuild(merged);
            }
        });
    }
    let keep_mine = move |()| {
        ctx.answer(qid, Some(AnswerValue::Rows(shown.get_value())));
        theirs.set(None);
    };
    let take_theirs = move |()| {
        let rows = theirs_rows.get_value();
        ctx.answer(qid, Some(AnswerValue::Rows(rows.clone())));
        theirs.set(None);
        rebuild(rows);
    };
    let headers = fields.iter().map(|f| view! { <th scope="col">{f.label.clone()}</th> }).collect_view();
    let body = move || {
        let rows = shown.get_value();
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let cells = fields
                    .iter()
                    .map(|f| {
                        let label = format!("Row {}: {}", i + 1, f.label);
                        let initial = row.get(&f.id).cloned();
                        let fid = f.id.as_str();
                        let cell = match &f.kind {
                            FieldKind::Number { unit, min, max } => {
                                let (unit, min, max) = (unit.clone(), *min, *max);
                                let text = match initial {
                                    Some(AnswerValue::Number(n)) => format_number(n),
                                    _ => String::new(),
                                };
                                view! {
                                    <input type="text" inputmode="decimal" aria-label=label value=text
                                        on:input=move |ev| {
                                            let t = event_target_value(&ev);
                                            if t.trim().is_empty() {
                                                error.set(None);
                                                set_cell(i, fid, None);
                                            } else {
                                                match parse_number(&t, &unit, min, max) {
                                                    Ok(n) => {
                                                        error.set(None);
                                                        set_cell(i, fid, Some(AnswerValue::Number(n)));
                                                    }
                                                    Err(e) => error.set(Some(format!("Row {}: {e}", i + 1))),
                                                }
                                            }
                                        } />
                                }
                                .into_any()
                            }
                            FieldKind::Text => {
                                let text = match initial {
                                    Some(AnswerValue::Text(t)) => t,
                                    _ => String::new(),
                                };
                                view! {
                                    <input type="text" aria-label=label value=text
                                        on:input=move |ev| {
                                            let t = event_target_value(&ev);
                                            set_cell(i, fid, (!t.trim().is_empty()).then_some(AnswerValue::Text(t)));
                                        } />
                                }
                                .into_any()
                            }
                            FieldKind::Select(options) => {
                                let chosen = initial.as_ref().and_then(|v| v.key().map(str::to_owned));
                                let opts = options
                                    .iter()
                                    .map(|o| {
                                        view! { <option value=o.id.clone() selected=chosen.as_deref() == Some(o.id.as_str())>{o.label.clone()}</option> }
                                    })
                                    .collect_view();
                                view! {
                                    <select aria-label=label on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        set_cell(i, fid, (!v.is_empty()).then_some(AnswerValue::Option(v)));
                                    }>
                                        <option value="" selected=chosen.is_none()>"Choose…"</option>
                                        {opts}
                                    </select>
                                }
                                .into_any()
                            }
                            FieldKind::Choice => {
                                let chosen = initial.as_ref().and_then(|v| v.key().map(str::to_owned));
                                let opts = Choice::ALL
                                    .into_iter()
                                    .map(|c| view! { <option value=c.key() selected=chosen.as_deref() == Some(c.key())>{c.label()}</option> })
                                    .collect_view();
                                view! {
                                    <select aria-label=label on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        set_cell(i, fid, Choice::from_key(&v).map(AnswerValue::Choice));
                                    }>
                                        <option value="" selected=chosen.is_none()>"Choose…"</option>
                                        {opts}
                                    </select>
                                }
                                .into_any()
                            }
                        };
                        view! { <td>{cell}</td> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        {cells}
                        <td>
                            <button type="button" class="ta-button ta-button--quiet"
                                on:click=move |_| {
                                    record(&|rows: &mut Vec<Row>| {
                                        if i < rows.len() {
                                            rows.remove(i);
                                        }
                                    });
                                    layout.update(|n| *n += 1);
                                }>
                                {format!("Remove row {}", i + 1)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="ta-group" aria-describedby=format!("{id}-help {id}-error {id}-stale")>
            <legend class="ta-question__label">{question.label.clone()}</legend>
            <div class="ta-group__scroll">
                <table class="ta-group__table" id=id.clone()>
                    <thead><tr>{headers}<th scope="col"><span class="ta-visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        // Keyed by the layout's count, so each rebuild makes new cells: patching
                        // the old ones would set their `value` attribute, which an input the
                        // person has typed in no longer shows.
                        <For each=move || [layout.get()] key=|n| *n children=move |_| body() />
                    </tbody>
                </table>
            </div>
            <button type="button" class="ta-button ta-button--secondary"
                on:click=move |_| {
                    record(&|rows: &mut Vec<Row>| rows.push(Row::new()));
                    layout.update(|n| *n += 1);
                }>
                "Add a row"
            </button>
            <p class="ta-question__error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
            <StaleNotice id=id.clone() theirs=theirs keep_mine=keep_mine take_theirs=take_theirs />
        </fieldset>
    }
    .into_any()
}
