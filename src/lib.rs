//! ti-assess: walks grid VOs and sites through the WLCG Traceability & Isolation working group's
//! recommendations, keeps the answers in the browser, flags gaps and exports a PDF report.
//!
//! The crate has a pure core that builds and tests natively (`model`, `catalog`, `collect`, `csv`, `rules`,
//! `report`, `persist` with its `import` planner, `share`, `time`, and `pdf` behind the `pdf`
//! feature) and a browser layer that is compiled for wasm32 only (`storage`, `files`,
//! `offline`, `pdf_client`, `ui`). See ARCHITECTURE.md.

pub mod catalog;
pub mod collect;
pub mod csv;
pub mod model;
pub mod persist;
pub mod report;
pub mod rules;
pub mod share;
pub mod status;
pub mod time;
pub mod upgrade;

#[cfg(feature = "pdf")]
pub mod pdf;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod files;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod offline;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod pdf_client;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod recovery;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod storage;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;
