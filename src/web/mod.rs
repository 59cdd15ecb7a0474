//! Everything that talks to the browser, and nothing else: storage (the one module that touches
//! localStorage), files in and out, the clipboard, the service worker, the PDF worker client, the
//! question-set files, and the recovery page. Components in `ui` call these; these never render components.

pub mod clipboard;
pub mod files;
pub mod offline;
pub mod pdf_client;
pub mod recovery;
pub mod sets;
pub mod storage;
pub mod tools;
