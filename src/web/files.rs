//! Files in and out: reading one the user chooses, with its size checked before a byte is
//! read, and offering bytes or text as a download.
//!
//! Invariant: a file larger than the cap is refused from its size alone, so a huge or hostile
//! file never reaches memory or the parser.

use js_sys::ArrayBuffer;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Why a chosen file was not read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileError {
    /// Larger than the cap.
    #[error(
        "The file is {size} bytes; ti-assess reads files of at most {max} bytes (1 MiB). Choose an exported assessment."
    )]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// The browser could not read it.
    #[error("The file could not be read ({0}).")]
    Unreadable(String),
}

/// Reads a file's bytes if it is at most `max` bytes (for import, which recognises JSON and
/// PDF by their content). The read starts when this is called, not when the result is awaited:
/// a caller with many files starts them all and the browser reads them side by side (Collect
/// reads 1,000 files in chunks this way).
pub fn read_bytes_capped(
    file: &File,
    max: u64,
) -> impl std::future::Future<Output = Result<Vec<u8>, FileError>> + use<> {
    let size = file.size() as u64;
    let started = if size > max {
        Err(FileError::TooLarge { size, max })
    } else {
        Ok(JsFuture::from(file.array_buffer()))
    };
    async move {
        let buffer = started?.await.map_err(|e| FileError::Unreadable(format!("{e:?}")))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// Offers `text` to the user as a file download named `filename`.
pub fn download_text(text: &str, filename: &str, mime: &str) -> Result<(), String> {
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    download(&bytes.buffer(), filename, mime)
}

/// Offers `bytes` to the user as a file download named `filename`.
pub fn download(bytes: &ArrayBuffer, filename: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(bytes);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
        .map_err(|e| format!("the file could not be prepared ({e:?})"))?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|e| format!("the file could not be prepared ({e:?})"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "no anchor element".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoke the object URL once the download has surely begun (revoking at once can cancel it).
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// The files of a file input, and clears it so that choosing the same files again is noticed.
pub fn chosen(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = input.files();
    let out = (0..files.as_ref().map_or(0, |f| f.length())).filter_map(|i| files.as_ref()?.get(i)).collect();
    input.set_value("");
    out
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`), read through `Reflect` so
/// that no web-sys feature is needed. The promise is not awaited: browsers refuse silently when
/// the page has no focus, and the text stays selectable on the page.
pub fn copy_text(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| "no clipboard".to_owned())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser offers no clipboard")?;
    write.call1(&clipboard, &text.into()).map(|_| ()).map_err(|e| format!("{e:?}"))
}
