//! The working group's Collect view: many exported reports chosen or dropped at once, read in
//! chunks with a progress bar, a status per file, the matrix of respondents × recommendations
//! with totals, filters and sorts, a drill-down per respondent, the long CSV and the PDF summary
//! (made by the PDF worker from `collect::summary`).
//!
//! Invariants: nothing leaves the browser, and nothing is stored unless the user turns on "Keep
//! this collection in this browser" (then the reports read, at most `persist::KEPT_MAX`, through
//! `storage`; turning it off removes them); the component holds no rules: `collect` (core) reads, evaluates and
//! aggregates. Reading yields to the event loop between chunks, so the page stays responsive; the
//! matrix is rendered once, after the last chunk (rendering it per chunk would be quadratic).

use leptos::prelude::*;

use super::collect_challenges::{ChallengeTable, ContradictedMark, contradicted};
use super::compare::ComparisonView;
use super::dropzone::DropZone;
use super::state::now;
use crate::web::files;
use crate::web::storage::{self, KeptCollection};
use ti_core::collect::matrix::{self, Filter, Sort};
use ti_core::collect::{Collection, HashCheck, SkipKind, Skipped, diff, summary};
use ti_core::model::{Respondent, Severity};
use ti_core::persist::MAX_BYTES;
use ti_core::persist::import::is_pdf;
use ti_core::status::Status;

/// Files read between two yields to the event loop.
const CHUNK: usize = 25;
/// Rows rendered at first: a 1,000-respondent matrix has 34,000 cells, and creating them all is
/// one long task; the rest are rendered on request ("Show all"). Totals always count every row.
const FIRST_ROWS: usize = 200;

/// Lets the browser paint and handle input before the next chunk.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Adds one file to the collection from its read (`files::read_bytes_capped`, started by
/// the caller): refused by size before reading, then by content; a PDF through `pdf_json`.
async fn read_one(
    c: StoredValue<Collection>,
    file: web_sys::File,
    read: impl std::future::Future<Output = Result<Vec<u8>, files::FileError>>,
) {
    let name = file.name();
    let size = file.size() as usize;
    let bytes = match read.await {
        Ok(b) => b,
        Err(e @ files::FileError::TooLarge { .. }) => {
            c.update_value(|c| {
                c.skip(&name, size, Skipped::new(SkipKind::TooLarge, e.to_string()));
            });
            return;
        }
        Err(e) => {
            c.update_value(|c| {
                c.skip(&name, size, Skipped::new(SkipKind::Corrupt, e.to_string()));
            });
            return;
        }
    };
    if is_pdf(&bytes) {
        match crate::web::pdf_client::extract(bytes).await {
            Ok(found) => c.update_value(|c| {
                c.add_pdf(&name, size, &found.text, found.fingerprint.as_deref());
            }),
            Err(e) => c.update_value(|c| {
                c.skip(&name, size, Skipped::new(SkipKind::Pdf, e));
            }),
        }
        return;
    }
    c.update_value(|c| {
        c.add_file(&name, &bytes);
    });
}

fn kind_of(key: &str) -> Option<Respondent> {
    match key {
        "vo" => Some(Respondent::Vo),
        "site" => Some(Respondent::Site),
        _ => None,
    }
}

fn gap_words(gaps: [usize; 4]) -> String {
    let parts = Severity::count_words(gaps);
    if parts.is_empty() { "0".to_owned() } else { parts.join(", ") }
}

/// The Collect page.
#[component]
pub fn Collect() -> impl IntoView {
    let collection = StoredValue::new(Collection::new(now().day()));
    // Bumped when a read finishes: the status list and matrix re-render from the collection.
    let version = RwSignal::new(0u64);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let message = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let facets = RwSignal::new(Vec::<(String, String)>::new());
    let severity = RwSignal::new(String::new());
    let sort = RwSignal::new("name".to_owned());
    let selected = RwSignal::new(None::<String>);
    let limit = RwSignal::new(FIRST_ROWS);
    // "Keep this collection in this browser": off unless the user turns it on.
    let keep = RwSignal::new(false);
    // Writes the collection as kept; on refusal keeping turns off and the message says why.
    let store_kept = move || -> Option<String> {
        let reports = collection.with_value(Collection::kept);
        match storage::keep_collection(&reports) {
            Ok(()) => Some(format!("{} reports are kept in this browser.", reports.len())),
            Err(e) => {
                // Keeping is off now, and off means no kept copy: an older, smaller copy left
                // behind would come back on the next visit as if it were this collection.
                keep.set(false);
                let older = match storage::forget_collection() {
                    Ok(()) => "any copy kept earlier was removed",
                    Err(_) => "a copy kept earlier could not be removed",
                };
                Some(format!("{e}. The collection stays for this visit only; {older}."))
            }
        }
    };
    // A collection kept on an earlier visit is read again, in chunks like chosen files.
    match storage::kept_collection(now().0) {
        Ok(KeptCollection::Found(kept)) if !kept.is_empty() => {
            keep.set(true);
            let total = kept.len();
            progress.set(Some((0, total)));
            leptos::task::spawn_local(async move {
                for (i, chunk) in kept.chunks(CHUNK).enumerate() {
                    collection.update_value(|c| c.restore(chunk));
                    progress.set(Some(((i * CHUNK + chunk.len()).min(total), total)));
                    yield_to_browser().await;
                }
                progress.set(None);
                message.set(format!("Read again the {total} reports kept in this browser."));
                version.update(|v| *v += 1);
            });
        }
        Ok(KeptCollection::Found(_)) => keep.set(true),
        Ok(KeptCollection::Quarantined { kept_as, reason }) => message.set(format!(
            "The collection kept in this browser could not be read ({reason}). It was copied aside as \u{201c}{kept_as}\u{201d}; nothing was restored. Add the files again."
        )),
        Ok(KeptCollection::Empty) | Err(_) => {}
    }
    let on_keep = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            keep.set(true);
            if let Some(m) = store_kept() {
                message.set(m);
            }
        } else {
            keep.set(false);
            message.set(match storage::forget_collection() {
                Ok(()) => {
                    "The kept copy was removed from this browser; the collection stays for this visit.".into()
                }
                Err(e) => format!("The kept copy could not be removed: {e}."),
            });
        }
    };

    let take = Callback::new(move |files: Vec<web_sys::File>| {
        if progress.get_untracked().is_some() || files.is_empty() {
            return;
        }
        let total = files.len();
        progress.set(Some((0, total)));
        message.set(String::new());
        leptos::task::spawn_local(async move {
            for (i, chunk) in files.chunks(CHUNK).enumerate() {
                // Every read of the chunk starts before the first is awaited.
                let reads: Vec<_> = chunk
                    .iter()
                    .map(|f| (f.clone(), files::read_bytes_capped(f, MAX_BYTES as u64)))
                    .collect();
                for (f, read) in reads {
                    read_one(collection, f, read).await;
                }
                progress.set(Some(((i * CHUNK + chunk.len()).min(total), total)));
                yield_to_browser().await;
            }
            progress.set(None);
            // For the benchmark: reading and evaluating ends here, rendering the matrix follows.
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark("collect-read");
            }
            let (reports, results, skipped) =
                collection.with_value(|c| (c.reports.len(), c.challenges.len(), c.skipped()));
            let results =
                if results == 0 { String::new() } else { format!(" and {results} challenge results") };
            let mut said = format!(
                "Read {total} files: {reports} reports{results} in the collection, {skipped} files skipped."
            );
            if keep.get_untracked()
                && let Some(m) = store_kept()
            {
                said = format!("{said} {m}");
            }
            message.set(said);
            version.update(|v| *v += 1);
        });
    });
    let refuse = Callback::new(move |m: String| message.set(m));
    let on_change = move |ev: leptos::ev::Event| take.run(files::chosen(&ev));

    let filter = move || Filter {
        kind: kind_of(&kind.get()),
        facets: facets.get().into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        severity: Severity::from_label(&severity.get()),
    };
    let sort_of = move || Sort::ALL.iter().find(|(_, k, _)| *k == sort.get()).map_or(Sort::Name, |s| s.0);
    let matrix = Memo::new(move |_| {
        version.track();
        let f = filter();
        let s = sort_of();
        collection.with_value(|c| matrix::matrix(c, &f, s))
    });
    let choices = Memo::new(move |_| {
        version.track();
        collection.with_value(matrix::facet_choices)
    });
    let marks = Memo::new(move |_| {
        version.track();
        collection.with_value(contradicted)
    });
    let download = move |_| {
        let csv = collection.with_value(|c| matrix::long_csv(c, &matrix.get_untracked()));
        if let Err(e) = files::download_text(&csv, "ti-assess-collection.csv", "text/csv") {
            message.set(format!("The CSV could not be offered: {e}."));
        }
    };
    // The PDF summary of what the matrix shows (same filter), with what changed since each
    // respondent's previous report; made in the PDF worker, the page only words it.
    let pdf_busy = RwSignal::new(false);
    let download_pdf = move |_| {
        if pdf_busy.get_untracked() {
            return;
        }
        let f = filter();
        // For the benchmark: the page's part of the summary (the worker logs its own).
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("collect-pdf-model-start");
        }
        let (json, date) = collection.with_value(|c| {
            let report = summary::build(c, &f, summary::since_previous(c, &f));
            (ti_core::persist::encode_aggregate(&report), report.judged_at)
        });
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("collect-pdf-model", "collect-pdf-model-start");
        }
        pdf_busy.set(true);
        message.set("Preparing the PDF summary…".into());
        let filename = format!("ti-assess-collection-{date}.pdf");
        crate::web::pdf_client::request_aggregate_pdf(json, move |result| {
            pdf_busy.set(false);
            let outcome = result.and_then(|pdf| {
                files::download(&pdf.bytes, &filename, "application/pdf").map(|()| pdf.warning)
            });
            message.set(match outcome {
                Ok(None) => format!("Saved {filename} to your downloads."),
                Ok(Some(warning)) => format!("Saved {filename} to your downloads. {warning}"),
                Err(e) => format!("The PDF summary could not be made: {e}. Try again."),
            });
        });
    };
    let clear = move |_| {
        collection.set_value(Collection::new(now().day()));
        selected.set(None);
        let mut said = String::from("The collection was cleared.");
        if keep.get_untracked() {
            said = match storage::forget_collection() {
                Ok(()) => format!("{said} The kept copy was removed from this browser."),
                Err(e) => format!("{said} The kept copy could not be removed: {e}."),
            };
        }
        message.set(said);
        version.update(|v| *v += 1);
    };

    view! {
        <header class="ta-header">
            <h1>"Collect reports"</h1>
            <p class="ta-header__meta">"Aggregate many exported reports. The files are read in this browser only; nothing is sent, and nothing is stored unless you choose to keep the collection."</p>
        </header>
        <main class="ta-main ta-collect" id="main">
            <section aria-labelledby="collect-add-heading">
                <h2 id="collect-add-heading">"Add reports"</h2>
                <DropZone label="Add reports by dropping files" on_files=take on_refuse=refuse>
                    <label class="ta-question__label" for="collect-files">
                        {format!("JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most {} MiB)", MAX_BYTES / (1024 * 1024))}
                    </label>
                    <input type="file" id="collect-files" multiple=true accept=".json,application/json,.pdf,application/pdf" on:change=on_change />
                </DropZone>
                {move || progress.get().map(|(done, total)| view! {
                    <div class="ta-collect__progress">
                        <label for="collect-progress">{format!("Reading files: {done} of {total}")}</label>
                        <progress id="collect-progress" max=total.to_string() value=done.to_string()></progress>
                    </div>
                })}
                <p class="ta-import__status" role="status" aria-live="polite">{move || message.get()}</p>
                <div class="ta-collect__keep">
                    <input type="checkbox" id="collect-keep" aria-describedby="collect-keep-help"
                        prop:checked=move || keep.get() on:change=on_keep />
                    <label for="collect-keep">"Keep this collection in this browser"</label>
                    <p id="collect-keep-help" class="ta-question__help">
                        {format!(
                            "Off unless you turn it on. The reports read are then stored in this browser (at most {} MiB, so that your assessments always have room) and read again when you come back. Turning it off removes the kept copy.",
                            ti_core::persist::KEPT_MAX / (1024 * 1024)
                        )}
                    </p>
                </div>
                <FileList collection=collection version=version />
                {move || (version.get() > 0 && collection.with_value(|c| !c.files.is_empty())).then(|| view! {
                    <button type="button" class="ta-button ta-button--quiet" on:click=clear>"Clear the collection"</button>
                })}
            </section>
            <ChallengeTable collection=collection version=version />
            {move || {
                version.track();
                collection.with_value(|c| !c.reports.is_empty()).then(|| view! {
                    <section aria-labelledby="collect-matrix-heading">
                        <h2 id="collect-matrix-heading">"Matrix"</h2>
                        <div class="ta-collect__filters">
                            <div>
                                <label for="collect-kind">"Type"</label>
                                <select id="collect-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                                    <option value="">"VOs and sites"</option>
                                    <option value="vo">"VOs"</option>
                                    <option value="site">"Sites"</option>
                                </select>
                            </div>
                            {move || choices.get().into_iter().map(|fc| {
                                let id = format!("collect-facet-{}", fc.id);
                                let facet = fc.id.clone();
                                view! {
                                    <div>
                                        <label for=id.clone()>{fc.label.clone()}</label>
                                        <select id=id on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            facets.update(|f| {
                                                f.retain(|(k, _)| *k != facet);
                                                f.push((facet.clone(), v));
                                            });
                                        }>
                                            <option value="">"Any"</option>
                                            {fc.options.into_iter().map(|(o, l)| view! { <option value=o>{l}</option> }).collect_view()}
                                        </select>
                                    </div>
                                }
                            }).collect_view()}
                            <div>
                                <label for="collect-severity">"Recommendations of severity"</label>
                                <select id="collect-severity" on:change=move |ev| severity.set(event_target_value(&ev))>
                                    <option value="">"Any"</option>
                                    {Severity::ALL.iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for="collect-sort">"Sort respondents by"</label>
                                <select id="collect-sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                                    {Sort::ALL.iter().map(|(_, k, l)| view! { <option value=*k>{*l}</option> }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <p class="ta-collect__legend">"Cells: ✓ met, ✗ gap (with its severity), ? unknown, · unanswered, – not applicable; empty: not in that respondent's question set."</p>
                        <div class="ta-collect__downloads">
                            <button type="button" class="ta-button" on:click=download>"Download CSV"</button>
                            <button type="button" class="ta-button" on:click=download_pdf aria-disabled=move || pdf_busy.get().to_string()>
                                "Download PDF summary"
                            </button>
                        </div>
                        <MatrixTable matrix=matrix selected=selected limit=limit marks=marks />
                        <DrillDown collection=collection selected=selected version=version />
                    </section>
                    <super::trace_handbook::CollectHandbook collection=collection />
                })
            }}
        </main>
    }
}

/// Each file with what became of it.
#[component]
fn FileList(collection: StoredValue<Collection>, version: RwSignal<u64>) -> impl IntoView {
    move || {
        version.track();
        collection.with_value(|c| {
            if c.files.is_empty() {
                return None;
            }
            let items = c
                .files
                .iter()
                .map(|f| {
                    let (class, text) = match &f.result {
                        Ok(l) => ("ta-collect__file ta-collect__file--ok", l.words()),
                        Err(e) => ("ta-collect__file ta-collect__file--skipped", format!("skipped ({}): {}", e.kind.label(), e.message)),
                    };
                    // A PDF's check of its printed SHA-256 against the JSON it carries.
                    let hash = f.hash.map(|h| {
                        let class = match h {
                            HashCheck::Matches => "ta-collect__hash",
                            HashCheck::Differs | HashCheck::Missing => "ta-collect__hash ta-collect__hash--warn",
                        };
                        view! { <span class=class>{format!("; {}", h.label())}</span> }
                    });
                    view! { <li class=class><span class="ta-collect__file-name">{f.name.clone()}</span>" — "{text}{hash}</li> }
                })
                .collect_view();
            Some(view! {
                <details class="ta-collect__files" open={c.skipped() > 0}>
                    <summary>{format!("{} files: {} read, {} skipped", c.files.len(), c.files.len() - c.skipped(), c.skipped())}</summary>
                    <ul aria-label="Files">{items}</ul>
                </details>
            })
        })
    }
}

/// The matrix as a table: one row per respondent, one column per recommendation, totals.
#[component]
fn MatrixTable(
    matrix: Memo<matrix::Matrix>,
    selected: RwSignal<Option<String>>,
    limit: RwSignal<usize>,
    marks: Memo<std::collections::BTreeMap<String, Vec<ti_core::challenge::feed::Contradiction>>>,
) -> impl IntoView {
    move || {
        let m = matrix.get();
        let marks = marks.get();
        let all = m.rows.len();
        let shown = all.min(limit.get());
        let head = m
            .columns
            .iter()
            .map(|c| view! { <th scope="col" title=c.title.clone()>{c.id.clone()}</th> })
            .collect_view();
        let rows = m
            .rows
            .iter()
            .take(shown)
            .map(|r| {
                let id = r.respondent.clone();
                let open = {
                    let id = id.clone();
                    move || selected.get().as_deref() == Some(id.as_str())
                };
                let cells = r
                    .cells
                    .iter()
                    .map(|cell| match cell {
                        // One element per cell (the label for assistive technology as its name, the
                        // symbol as its text): a 1,000-row matrix has 34,000 cells to create.
                        Some(s) => view! {
                            <td class=format!("ta-cell ta-cell--{}", s.kind()) aria-label=s.label()>{matrix::cell_text(*s)}</td>
                        }
                        .into_any(),
                        None => view! { <td class="ta-cell ta-cell--absent"></td> }.into_any(),
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">
                            <button type="button" class="ta-collect__who" aria-expanded=move || open().to_string()
                                on:click=move |_| selected.update(|s| *s = if s.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })>
                                {r.label.clone()}
                            </button>
                            <span class="ta-collect__kind">{format!("{} · {}{}", r.kind, if r.date.is_empty() { "no answers" } else { &r.date }, if r.history > 1 { format!(" · {} reports", r.history) } else { String::new() })}</span>
                            {marks.get(&r.respondent).cloned().map(|found| view! { <ContradictedMark found=found /> })}
                        </th>
                        {cells}
                        <td class="ta-collect__total">{format!("{} met, gaps: {}", r.totals.met, gap_words(r.totals.gaps))}</td>
                    </tr>
                }
            })
            .collect_view();
        let met = m
            .totals
            .iter()
            .map(|t| view! { <td class="ta-collect__total">{format!("{}/{}", t.met, t.cells)}</td> })
            .collect_view();
        let gaps = m
            .totals
            .iter()
            .map(|t| view! { <td class="ta-collect__total">{gap_words(t.gaps)}</td> })
            .collect_view();
        view! {
            <div class="ta-collect__scroll" role="region" aria-labelledby="collect-caption" tabindex="0">
                <table class="ta-collect__matrix" id="collect-matrix">
                    <caption id="collect-caption">{format!(
                        "Respondents × recommendations: {all} respondents{}, {} recommendations (newest report of each respondent)",
                        if shown < all { format!(" (the first {shown} shown; totals count all)") } else { String::new() },
                        m.columns.len()
                    )}</caption>
                    <thead><tr><th scope="col">"Respondent"</th>{head}<th scope="col">"Totals"</th></tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr><th scope="row">"Met (of respondents asked)"</th>{met}<td></td></tr>
                        <tr><th scope="row">"Gaps by severity"</th>{gaps}<td></td></tr>
                    </tfoot>
                </table>
            </div>
            {(shown < all).then(|| view! {
                <button type="button" class="ta-button ta-button--secondary" on:click=move |_| limit.set(usize::MAX)>
                    {format!("Show all {all} respondents")}
                </button>
            })}
        }
    }
}

/// One respondent's newest report: answers and gaps per recommendation, history, and what changed
/// since their previous report.
#[component]
fn DrillDown(
    collection: StoredValue<Collection>,
    selected: RwSignal<Option<String>>,
    version: RwSignal<u64>,
) -> impl IntoView {
    move || {
        version.track();
        let id = selected.get()?;
        collection.with_value(|c| {
            let group = c.respondents().into_iter().find(|g| g.id == id)?;
            let newest = c.reports.get(*group.reports.first()?)?;
            let history = group
                .reports
                .iter()
                .filter_map(|&i| c.reports.get(i))
                .map(|r| {
                    let file = c.files.get(r.file).map(|f| f.name.clone()).unwrap_or_default();
                    let date = r.last_change.map(|t| t.date()).unwrap_or_else(|| "no answers".into());
                    view! { <li>{format!("{date}: {file}")}</li> }
                })
                .collect_view();
            let since = group
                .reports
                .get(1)
                .and_then(|&i| c.reports.get(i))
                .and_then(|older| diff::compare(&older.assessment, &newest.assessment, c.today()).ok());
            let mut statuses = newest.full_statuses(c.today());
            statuses.sort_by_key(|s| s.status.urgency());
            let items = statuses
                .into_iter()
                .map(|s| {
                    let gaps = s.gaps.iter().map(|g| view! { <li>{format!("{}: {} {}", g.severity.label(), g.message, g.action)}</li> }).collect_view();
                    let answers = s.answers.iter().map(|(q, a)| view! { <li>{format!("{q}: {a}")}</li> }).collect_view();
                    view! {
                        <li class="ta-collect__rec">
                            <span class=format!("ta-status ta-status--{}", s.status.kind())>{s.status.label()}</span>
                            " "<strong>{s.id.clone()}</strong>" "{s.title.clone()}
                            {(!s.gaps.is_empty()).then(|| view! { <ul class="ta-collect__gaps" aria-label="Gaps">{gaps}</ul> })}
                            <ul class="ta-collect__answers" aria-label="Answers">{answers}</ul>
                        </li>
                    }
                })
                .collect_view();
            let needs = newest.statuses.iter().filter(|s| Status::needs_action(s.status)).count();
            Some(view! {
                <section class="ta-collect__drill" aria-labelledby="collect-drill-heading">
                    <h3 id="collect-drill-heading">{format!("{} ({})", newest.label(), newest.kind_label())}</h3>
                    <p>{format!("{needs} recommendations need action. Reports in the collection, newest first:")}</p>
                    <ul>{history}</ul>
                    {since.map(|d| view! {
                        <h4>"Since the previous report"</h4>
                        <ComparisonView comparison=d />
                    })}
                    <h4>"Recommendations, most urgent first"</h4>
                    <ul class="ta-collect__recs">{items}</ul>
                </section>
            })
        })
    }
}
