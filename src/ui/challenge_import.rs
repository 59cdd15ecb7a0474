//! Holding the assessment against a challenge: import a challenge result (the file the organiser
//! hands out, or the debrief PDF that carries it), see the answers it implies beside the current ones, and apply only those the
//! user accepts, each with evidence naming the challenge. And the gaps where the answers
//! disagree with the latest challenge of this VO (or at this site).
//!
//! Invariant: importing stores only the result (so that later visits can hold the assessment
//! against it); no answer changes until the user applies the ones they ticked.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;

use super::state::Ctx;
use crate::web::{files, storage, tools};
use ti_core::challenge::feed::{Contradiction, ImportOutcome, Proposal, evidence_with};
use ti_core::model::{AnswerValue, QuestionSet};
use ti_core::persist::import::is_pdf;
use ti_core::persist::{self, MAX_BYTES, decode_contradictions, decode_import_outcome};

/// An answer as the user reads it: option labels instead of IDs.
fn shown(set: &QuestionSet, question: &str, v: &AnswerValue) -> String {
    match (v, set.question(question)) {
        (AnswerValue::Option(o), Some(q)) => {
            q.options().iter().find(|d| &d.id == o).map_or_else(|| o.clone(), |d| d.label.clone())
        }
        _ => v.display(),
    }
}

/// The contradictions of this assessment with the latest stored challenge concerning it, as
/// last computed (see `track_contradictions`).
pub fn current_contradictions(ctx: &Ctx) -> Vec<Contradiction> {
    ctx.contradictions.get_untracked()
}

/// Keeps `ctx.contradictions` up to date: after each change of answer and each import, when a
/// challenge result is stored at all, the tools module (which holds the challenge kit, so that
/// the first load does not) computes them from this assessment's document. An answer given
/// while an older computation runs wins: only the newest computation's answer is taken.
pub fn track_contradictions(ctx: Ctx) {
    let newest = Arc::new(AtomicU64::new(0));
    Effect::new(move |_| {
        ctx.results_stored.track();
        ctx.assessment.track();
        // Checked before encoding: with no challenge result stored (most assessments), an
        // answer costs no second encoding of the whole document.
        if ctx.session.blocked || !storage::has_results() {
            if ctx.contradictions.with_untracked(|c| !c.is_empty()) {
                ctx.contradictions.set(Vec::new());
            }
            return;
        }
        let document = ctx.assessment.with_untracked(persist::encode);
        let run = newest.fetch_add(1, Ordering::Relaxed) + 1;
        let newest = newest.clone();
        leptos::task::spawn_local(async move {
            // Without the tools module (offline before it was cached) there is nothing to hold
            // the answers against: the list stays as it was.
            let Ok(text) = tools::contradictions(&document).await else { return };
            if newest.load(Ordering::Relaxed) == run {
                ctx.contradictions.set(decode_contradictions(&text).unwrap_or_default());
            }
        });
    });
}

/// The contradiction gaps, as the gap panel and the results list them.
#[component]
pub fn ContradictionList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let list = ctx.contradictions.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="ta-summary" aria-labelledby="contradicted-heading">
                    <h2 id="contradicted-heading">{format!("Contradicted by a challenge ({})", list.len())}</h2>
                    <ul class="ta-summary__list">
                        {list.into_iter().map(|c| view! {
                            <li class=format!("ta-gap ta-gap--{}", c.severity.label())>
                                <p class="ta-gap__title">{format!("Gap ({}): {} \u{2014} the self-assessment is contradicted by challenge {}", c.severity.label(), c.recommendation, c.challenge)}</p>
                                <p class="ta-gap__message">{c.message.clone()}</p>
                                <p class="ta-gap__action">{format!("What to do: {}", c.action)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The import: file picker, then the proposals with a tick box each.
#[component]
pub fn ChallengeImport() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let imported = RwSignal::new(None::<ImportOutcome>);
    let ticked = RwSignal::new(BTreeSet::<String>::new());
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen(&ev).into_iter().next() else { return };
        imported.set(None);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = async {
                let bytes =
                    files::read_bytes_capped(&file, MAX_BYTES as u64).await.map_err(|e| e.to_string())?;
                // The debrief or report PDF carries the result file: the worker reads it out.
                let text = if is_pdf(&bytes) {
                    crate::web::pdf_client::extract_json(bytes).await?
                } else {
                    String::from_utf8(bytes).map_err(|_| "The file is not text (JSON).".to_owned())?
                };
                // The challenge kit is the tools module's: it checks the file, stores the result
                // and proposes the answers.
                let document = ctx.assessment.with_untracked(persist::encode);
                let answer = tools::challenge_import(&text, &document, !ctx.session.blocked).await?;
                decode_import_outcome(&answer).map_err(|e| format!("The tools module answered badly ({e})."))
            }
            .await;
            match outcome {
                Ok(o) => {
                    ctx.results_stored.update(|n| *n += 1);
                    let props = proposals_of(&ctx, &o);
                    status.set(format!(
                        "Challenge {} ({}, {}): {}. {} answers proposed; tick those to apply.{}",
                        o.challenge,
                        o.variant,
                        o.date,
                        o.overall,
                        props.len(),
                        o.warning
                    ));
                    ticked.set(props.iter().filter(|p| !p.unchanged()).map(|p| p.question.clone()).collect());
                    imported.set(Some(o));
                }
                Err(e) => error.set(Some(format!("The file was not imported: {e} Nothing was changed."))),
            }
        });
    };
    let apply = move |_| {
        let Some(o) = imported.get_untracked() else { return };
        let chosen = ticked.get_untracked();
        let mut n = 0;
        for p in proposals_of(&ctx, &o).iter().filter(|p| chosen.contains(&p.question)) {
            ctx.answer(&p.question, Some(p.value.clone()));
            let ev = ctx.assessment.with_untracked(|a| evidence_with(a.evidence.get(&p.question), p));
            ctx.evidence(&p.question, ev);
            n += 1;
        }
        status.set(format!(
            "Applied {n} answers from challenge {}; each names the challenge in its evidence.",
            o.challenge
        ));
        imported.set(None);
    };
    view! {
        // A disclosure, closed until wanted: most visits import no challenge result, and the
        // results page of a fresh assessment must stay within three screens.
        <details class="ta-summary ta-no-print ta-challenge-import">
            <summary class="ta-challenge-import__summary">"Import a challenge result"</summary>
            <p>"Import the result of a challenge of this VO (or at this site): the answers it implies are shown beside yours, and only those you tick are applied. The result file or the debrief PDF (which carries it) will do."</p>
            <label class="ta-question__label" for="challenge-result-file">{format!("Challenge result file from the organiser (at most {} MiB)", MAX_BYTES / (1024 * 1024))}</label>
            <input type="file" id="challenge-result-file" accept=".json,.pdf,application/json,application/pdf" on:change=on_file />
            <p class="ta-import__status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="ta-question__error" role="alert">{move || error.get()}</p>
            {move || imported.get().map(|o| {
                let set = ctx.set;
                let props = proposals_of(&ctx, &o);
                view! {
                    <div class="ta-group__scroll">
                        <table class="ta-home__table">
                            <caption class="ta-visually-hidden">"Answers the challenge proposes"</caption>
                            <thead><tr><th scope="col">"Apply"</th><th scope="col">"Question"</th><th scope="col">"Your answer"</th><th scope="col">"The challenge's"</th><th scope="col">"Evidence added"</th></tr></thead>
                            <tbody>
                                {props.into_iter().map(|p| {
                                    let q = p.question.clone();
                                    let q2 = p.question.clone();
                                    let label = set.question(&p.question).map_or_else(|| p.question.clone(), |x| x.label.clone());
                                    let box_id = format!("apply-{}", p.question.replace('.', "-"));
                                    view! {
                                        <tr>
                                            <td><input type="checkbox" id=box_id.clone() prop:checked=move || ticked.with(|t| t.contains(&q))
                                                on:change=move |ev| { let on = event_target_checked(&ev); let q = q2.clone(); ticked.update(|t| { if on { t.insert(q); } else { t.remove(&q); } }); } />
                                                <label class="ta-visually-hidden" for=box_id>{format!("Apply to: {label}")}</label></td>
                                            <th scope="row">{label.clone()}</th>
                                            <td>{p.current.as_ref().map_or_else(|| "not answered".to_owned(), |v| shown(set, &p.question, v))}</td>
                                            <td>{shown(set, &p.question, &p.value)}{p.unchanged().then_some(" (same)")}</td>
                                            <td>{p.evidence.clone()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <button type="button" class="ta-button" on:click=apply>"Apply the ticked answers"</button>
                    " "
                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| { imported.set(None); status.set(String::new()); }>"Cancel"</button>
                }
            })}
        </details>
    }
}

/// The outcome's proposals against the assessment as it is now: the value each one proposes
/// (from the outcome's `proposed` copy) beside the current answer.
fn proposals_of(ctx: &Ctx, o: &ImportOutcome) -> Vec<Proposal> {
    ctx.assessment.with_untracked(|a| {
        o.proposals
            .iter()
            .filter_map(|(question, evidence)| {
                Some(Proposal {
                    question: question.clone(),
                    value: o.proposed.answer(question)?.clone(),
                    current: a.answer(question).cloned(),
                    evidence: evidence.clone(),
                })
            })
            .collect()
    })
}
