//! ti-core: the pure core of ti-assess. It turns a question file and a person's answers into gaps,
//! statuses and a worded report, and owns the JSON of everything stored, exported or sent to the
//! PDF worker.
//!
//! Invariant: nothing here needs a browser. The crate depends on no browser crate (its manifest
//! and Cargo.lock are checked by `tidy::core_depends_on_no_browser_crate`), so all of it builds
//! and tests natively with `cargo test`. See ARCHITECTURE.md.

pub mod catalog;
pub mod challenge;
pub mod collect;
pub mod csv;
pub mod model;
pub mod persist;
pub mod report;
pub mod rules;
pub mod script;
pub mod share;
pub mod status;
pub mod time;
pub mod trace;
pub mod upgrade;
pub mod wording;
