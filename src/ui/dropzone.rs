//! A drop zone for importing a file by drag and drop. It wraps the file picker, which is the
//! keyboard-usable way to the same import: the zone shows focus when the picker has it.
//!
//! Invariant: the zone only hands over the dropped `File`; reading, checking and writing are the
//! import component's (and the core's) business. A drop never navigates the page away.

use leptos::ev::DragEvent;
use leptos::prelude::*;

/// The zone: `label` names it for assistive technology, `children` is the file picker,
/// `on_file` gets the dropped file, `on_refuse` a message when the drop holds no single file.
/// With `on_files` instead, every dropped file is handed over at once (the Collect view).
#[component]
pub fn DropZone(
    label: &'static str,
    #[prop(optional)] on_file: Option<Callback<web_sys::File>>,
    #[prop(optional)] on_files: Option<Callback<Vec<web_sys::File>>>,
    on_refuse: Callback<String>,
    children: Children,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let allow = move |ev: DragEvent| {
        // Without this the browser opens the dropped file instead of handing it to the page.
        ev.prevent_default();
        over.set(true);
    };
    let drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        let files = ev.data_transfer().and_then(|dt| dt.files());
        let count = files.as_ref().map(|f| f.length()).unwrap_or(0);
        match (count, on_files, on_file) {
            (0, ..) => on_refuse
                .run("Nothing to import was dropped: drop a JSON or PDF file exported by ti-assess.".into()),
            (n, Some(many), _) => {
                many.run((0..n).filter_map(|i| files.as_ref().and_then(|f| f.get(i))).collect());
            }
            (1, None, Some(one)) => {
                if let Some(file) = files.and_then(|f| f.get(0)) {
                    one.run(file);
                }
            }
            (_, None, None) => {}
            (n, None, Some(_)) => on_refuse
                .run(format!("{n} files were dropped; drop one file at a time. Nothing was imported.")),
        }
    };
    view! {
        <div class="ta-dropzone" class:ta-dropzone--over=move || over.get() role="group" aria-label=label
            on:dragenter=allow on:dragover=allow on:dragleave=move |_| over.set(false) on:drop=drop>
            <p class="ta-dropzone__hint" aria-hidden="true">
                {if on_files.is_some() { "Drop JSON or PDF files here, or choose them:" } else { "Drop a JSON or PDF file here, or choose one:" }}
            </p>
            {children()}
        </div>
    }
}
