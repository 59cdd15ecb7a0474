//! ti-assess, the app: the Leptos components (`ui`) and everything that talks to the browser
//! (`web`: storage, files, offline, the PDF worker client, the recovery page). The rules, reports
//! and stored JSON are the core's (`ti_core`); the PDF code is the worker's (`ti_pdf`).
//!
//! Invariant: this crate holds no rules and no JSON shapes; it is compiled for wasm32 only (on the
//! host it is empty, so that `cargo test` there runs the core's and the PDF code's tests). See
//! ARCHITECTURE.md.

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
