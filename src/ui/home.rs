//! The home page: the assessments stored in this browser, and creating a new one.
//!
//! The question sets are not part of the page (`sets`): the list shows each assessment's name,
//! type and dates at once, and its progress and gaps when the sets have arrived.

use leptos::prelude::*;

use super::erase::EraseAll;
use super::import::ImportAssessment;
use super::route::{Route, go};
use super::sets::{Load, Sets};
use super::state::{Session, now};
use crate::web::storage::{self, Listed};
use ti_core::catalog::shipped;
use ti_core::model::{Assessment, QuestionSet, QuestionSetRef, Severity};
use ti_core::rules;

/// What the list shows of one assessment.
#[derive(Clone, PartialEq)]
struct Summary {
    id: String,
    name: String,
    kind: &'static str,
    set_version: String,
    /// Percent answered and gaps by severity; `None` until its question set has arrived.
    progress: Option<(usize, [usize; 4])>,
    last_change: String,
    readable: Result<(), String>,
}

fn summarise(listed: Listed) -> Summary {
    let id = listed.id;
    let a = match listed.assessment {
        Ok(a) => a,
        Err(e) => {
            return Summary {
                name: format!("Unreadable data ({id})"),
                id,
                kind: "?",
                set_version: String::new(),
                progress: Some((0, [0; 4])),
                last_change: String::new(),
                readable: Err(e.to_string()),
            };
        }
    };
    // The type is known from the build's list of sets, before the set itself has arrived.
    let kind = shipped::by_id(&a.question_set.id).map_or("?", |s| s.label());
    let progress = match shipped::loaded(&a.question_set.id) {
        Some(set) => {
            let today = now().day();
            let visible = rules::visible_questions(set, &a, today);
            let answered = visible.iter().filter(|q| a.answer(q).is_some()).count();
            let mut counts = [0; 4];
            for g in rules::evaluate(set, &a, today) {
                if let Some(i) = Severity::ALL.iter().position(|s| *s == g.severity) {
                    counts[i] += 1;
                }
            }
            Some(((answered * 100).checked_div(visible.len()).unwrap_or(0), counts))
        }
        // A set this build ships, not fetched yet: its figures follow.
        None if kind != "?" => None,
        None => Some((0, [0; 4])),
    };
    Summary {
        name: if a.name.trim().is_empty() { "Untitled assessment".to_owned() } else { a.name.clone() },
        kind,
        set_version: format!("{} {}", a.question_set.id, a.question_set.version),
        progress,
        last_change: a.last_change().map(|t| t.date()).unwrap_or_else(|| "not started".to_owned()),
        readable: Ok(()),
        id,
    }
}

/// Creates an assessment of `set` named `name`, stores it (or keeps it for the visit), and
/// returns its ID.
pub fn create(session: &Session, set: &QuestionSet, name: &str) -> Result<String, String> {
    let reference = QuestionSetRef { id: set.id.clone(), version: set.version.clone() };
    let id = if session.blocked {
        format!("session-{}", now().0)
    } else {
        storage::new_id(now().0).map_err(|e| e.to_string())?
    };
    let a = Assessment::named(&id, name.trim(), reference);
    if session.blocked {
        session.remember(a);
    } else {
        storage::save(&a).map_err(|e| e.to_string())?;
    }
    Ok(id)
}

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let session = expect_context::<Session>();
    let sets = expect_context::<Sets>();
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, String, String)>); // (id, stored text, name)
    let renaming = RwSignal::new(None::<String>);

    let summaries = move || {
        refresh.track();
        // Read again when the sets arrive, for progress and gaps.
        let loaded = sets.status();
        let list: Vec<Summary> = if session.blocked {
            session
                .all()
                .into_iter()
                .map(|a| summarise(Listed { id: a.id.clone(), assessment: Ok(a) }))
                .collect()
        } else {
            match storage::list() {
                Ok(list) => list.into_iter().map(summarise).collect(),
                Err(e) => {
                    message.set(Some(format!("The stored assessments could not be read: {e}.")));
                    Vec::new()
                }
            }
        };
        if loaded == Load::Idle && list.iter().any(|s| s.progress.is_none()) {
            // Asked for after this render, not during it.
            leptos::task::spawn_local(async move { sets.warm() });
        }
        list
    };

    let row = move |s: Summary| {
        let open = Route::Section { id: s.id.clone(), section: None, focus: None }.href();
        let id_dup = s.id.clone();
        let id_del = s.id.clone();
        let name_del = s.name.clone();
        let shown_name = s.name.clone();
        let dup_label = format!("Duplicate {}", s.name);
        let del_label = format!("Delete {}", s.name);
        let (progress, gaps) = match s.progress {
            Some((percent, counts)) => {
                let words = Severity::count_words(counts);
                (format!("{percent}%"), if words.is_empty() { "none".to_owned() } else { words.join(", ") })
            }
            None => ("loading\u{2026}".to_owned(), "loading\u{2026}".to_owned()),
        };
        let readable = s.readable.is_ok();
        let rename_cell = {
            let id = s.id.clone();
            let name = s.name.clone();
            move || {
                if renaming.get().as_deref() == Some(id.as_str()) {
                    let target = id.clone();
                    let value = RwSignal::new(name.clone());
                    let input_id = format!("rename-{id}");
                    view! {
                        <form class="ta-home__rename" on:submit=move |ev| {
                            ev.prevent_default();
                            match rename(&session, &target, &value.get_untracked()) {
                                Ok(()) => message.set(Some(format!("Renamed to \u{201c}{}\u{201d}.", value.get_untracked().trim()))),
                                Err(e) => message.set(Some(e)),
                            }
                            renaming.set(None);
                            refresh.update(|n| *n += 1);
                        }>
                            <label class="ta-visually-hidden" for=input_id.clone()>{format!("New name for {name}")}</label>
                            <input type="text" id=input_id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                            <button type="submit" class="ta-button ta-button--quiet">"Save name"</button>
                        </form>
                    }
                    .into_any()
                } else {
                    let target = id.clone();
                    view! {
                        <button type="button" class="ta-button ta-button--quiet" aria-label=format!("Rename {name}")
                            on:click=move |_| renaming.set(Some(target.clone()))>"Rename"</button>
                    }
                    .into_any()
                }
            }
        };
        view! {
            <tr>
                <th scope="row">
                    {if readable { view! { <a href=open>{shown_name}</a> }.into_any() } else { view! { <span>{shown_name}</span> }.into_any() }}
                    {s.readable.clone().err().map(|e| view! { <p class="ta-question__error">{format!("{e} It is kept unchanged; opening it copies it aside.")}</p> })}
                </th>
                <td>{s.kind}</td>
                <td>{s.set_version.clone()}</td>
                <td>{progress}</td>
                <td>{gaps}</td>
                <td>{s.last_change.clone()}</td>
                // The flex box sits inside the cell: a flex `td` stops being a table cell and
                // loses the row's border and height.
                <td><div class="ta-home__actions">
                    {rename_cell}
                    <button type="button" class="ta-button ta-button--quiet" aria-label=dup_label
                        disabled=!readable
                        on:click=move |_| {
                            match duplicate(&session, &id_dup) {
                                Ok(n) => message.set(Some(format!("Created \u{201c}{n}\u{201d}."))),
                                Err(e) => message.set(Some(e)),
                            }
                            refresh.update(|n| *n += 1);
                        }>"Duplicate"</button>
                    <button type="button" class="ta-button ta-button--quiet" aria-label=del_label
                        on:click=move |_| {
                            match remove(&session, &id_del) {
                                Ok(text) => {
                                    message.set(Some(format!("Deleted \u{201c}{name_del}\u{201d}.")));
                                    undo.set(text.map(|t| (id_del.clone(), t, name_del.clone())));
                                }
                                Err(e) => message.set(Some(e)),
                            }
                            refresh.update(|n| *n += 1);
                        }>"Delete"</button>
                </div></td>
            </tr>
        }
    };

    view! {
        <header class="ta-header">
            <h1>"ti-assess: traceability and isolation self-assessment"</h1>
            <p class="ta-header__meta">"Assessments stored in this browser"</p>
        </header>
        <main class="ta-home" id="main">
            <section class="ta-home__trace" aria-labelledby="trace-heading">
                <h2 id="trace-heading">"A suspicious job, now?"</h2>
                <p>"The steps for your framework, CE and batch system, safety first, with the commands filled in, and the request to send the VO. No assessment needed; it works offline."</p>
                <p>
                    <a class="ta-button" href="#/trace">"Trace a job"</a>
                    " "
                    <a href="#/trace/vo">"Answer a site's trace request (VO)"</a>
                </p>
            </section>
            <p class="ta-home__status" role="status">
                {move || message.get()}
                {move || undo.get().map(|(id, text, name)| view! {
                    " "
                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| {
                        let restored = if session.blocked { Ok(()) } else { storage::write_raw(&storage::assessment_key(&id), &text).map_err(|e| e.to_string()) };
                        match restored {
                            Ok(()) => message.set(Some(format!("Restored \u{201c}{name}\u{201d}."))),
                            Err(e) => message.set(Some(format!("Could not restore it: {e}"))),
                        }
                        undo.set(None);
                        refresh.update(|n| *n += 1);
                    }>"Undo"</button>
                })}
            </p>
            {move || {
                let list = summaries();
                if list.is_empty() {
                    view! {
                        <section class="ta-home__empty" aria-labelledby="empty-heading">
                            <h2 id="empty-heading">"No assessment yet"</h2>
                            <p>"ti-assess walks a Virtual Organisation or a computing site through the WLCG Traceability and Isolation working group's recommendations and shows, as you answer, where you fall short and what to do. Your answers stay in this browser; nothing is sent anywhere."</p>
                        </section>
                    }.into_any()
                } else {
                    // Only while a row waits for its set: a failed fetch and its retry.
                    let failed = match sets.status() {
                        Load::Failed(e) if list.iter().any(|s| s.progress.is_none()) => Some(e),
                        _ => None,
                    };
                    view! {
                        <section aria-labelledby="list-heading">
                            <h2 id="list-heading">"Your assessments"</h2>
                            {failed.map(|e| view! {
                                <p class="ta-question__error" role="alert">
                                    {format!("{e} Progress and gaps are shown once it loads; your assessments are unchanged.")}
                                    " "
                                    <button type="button" class="ta-button ta-button--quiet" on:click=move |_| sets.want()>"Try again"</button>
                                </p>
                            })}
                            <div class="ta-group__scroll">
                            <table class="ta-home__table">
                                <caption class="ta-visually-hidden">"Assessments stored in this browser"</caption>
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Type"</th><th scope="col">"Question set"</th>
                                    <th scope="col">"Progress"</th><th scope="col">"Gaps"</th><th scope="col">"Last change"</th>
                                    <th scope="col">"Actions"</th>
                                </tr></thead>
                                <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                            </table>
                            </div>
                        </section>
                    }.into_any()
                }
            }}
            <NewAssessment />
            <ImportAssessment on_done=Callback::new(move |m: String| {
                message.set(Some(m));
                refresh.update(|n| *n += 1);
            }) />
            <EraseAll on_done=Callback::new(move |m: String| {
                message.set(Some(m));
                refresh.update(|n| *n += 1);
            }) />
        </main>
    }
}

/// The form that starts a new assessment.
#[component]
fn NewAssessment() -> impl IntoView {
    let session = expect_context::<Session>();
    let sets = expect_context::<Sets>();
    let kind = RwSignal::new("vo");
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="ta-home__new" aria-labelledby="new-heading">
            <h2 id="new-heading">"Start a new assessment"</h2>
            // The sets are fetched as soon as the user turns to the form, so that they are
            // usually here by the time it is sent.
            <form on:focusin=move |_| sets.warm() on:submit=move |ev| {
                ev.prevent_default();
                let chosen = name.get_untracked();
                if chosen.trim().is_empty() {
                    error.set(Some("Give the assessment a name, e.g. the VO or site and the year.".into()));
                    return;
                }
                let kind = kind.get_untracked();
                leptos::task::spawn_local(async move {
                    let made = match sets.ready().await {
                        Ok(()) => shipped::by_kind(kind)
                            .and_then(|s| shipped::loaded(s.id))
                            .ok_or_else(|| "this build has no such question set.".to_owned())
                            .and_then(|set| create(&session, set, &chosen).map(|id| (id, set))),
                        Err(e) => Err(format!("{e} Check the connection and try again.")),
                    };
                    match made {
                        Ok((id, set)) => {
                            error.set(None);
                            let first = set.sections.first().map(|s| s.id.clone());
                            go(&Route::Section { id, section: first, focus: None });
                        }
                        Err(e) => error.set(Some(format!("The assessment could not be created: {e}"))),
                    }
                });
            }>
                <fieldset class="ta-question__choices">
                    <legend class="ta-question__label">"Who answers it?"</legend>
                    <span class="ta-choice">
                        <input type="radio" id="new-vo" name="new-kind" prop:checked=move || kind.get() == "vo" on:change=move |_| kind.set("vo") />
                        <label for="new-vo">"A Virtual Organisation (VO)"</label>
                    </span>
                    <span class="ta-choice">
                        <input type="radio" id="new-site" name="new-kind" prop:checked=move || kind.get() == "site" on:change=move |_| kind.set("site") />
                        <label for="new-site">"A computing site"</label>
                    </span>
                </fieldset>
                <label class="ta-question__label" for="new-name">"Name"</label>
                <input type="text" id="new-name" aria-describedby="new-name-error" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <p class="ta-question__error" id="new-name-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="ta-button">"Create assessment"</button>
            </form>
        </section>
    }
}

fn rename(session: &Session, id: &str, name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("A name cannot be empty; the old name was kept.".into());
    }
    let mut a = load_existing(session, id)?;
    a.name = name.trim().to_owned();
    store(session, a)
}

fn duplicate(session: &Session, id: &str) -> Result<String, String> {
    let mut a = load_existing(session, id)?;
    a.id = if session.blocked {
        format!("session-{}", now().0)
    } else {
        storage::new_id(now().0).map_err(|e| e.to_string())?
    };
    a.name = format!("{} (copy)", if a.name.is_empty() { "Untitled assessment" } else { &a.name });
    let name = a.name.clone();
    store(session, a)?;
    Ok(name)
}

fn remove(session: &Session, id: &str) -> Result<Option<String>, String> {
    if session.blocked {
        session.forget(id);
        return Ok(None);
    }
    storage::delete(id).map_err(|e| e.to_string())
}

fn load_existing(session: &Session, id: &str) -> Result<Assessment, String> {
    if session.blocked {
        return session.get(id).ok_or_else(|| "It is no longer here.".to_owned());
    }
    match storage::load(id, now().0).map_err(|e| e.to_string())? {
        storage::Loaded::Found(a) => Ok(a),
        _ => Err("It cannot be read, so it was left unchanged.".into()),
    }
}

fn store(session: &Session, a: Assessment) -> Result<(), String> {
    if session.blocked {
        session.remember(a);
        Ok(())
    } else {
        storage::save(&a).map_err(|e| e.to_string())
    }
}
