//! "Trace a job": what a site does when a worker node runs something suspicious, the request it
//! sends the VO, and what the VO does with it.
//!
//! Everything domain-specific is data in `questions/trace.toml` (converted to JSON by the build
//! script): the fields of a request, the rules that recognise a framework from environment
//! variables, the steps per framework, CE and batch system with their command templates and
//! source markers, the completeness rules and the layout of the plain-text documents. This
//! module validates that data and applies it; it knows no framework by name. The catalogue
//! reader (`catalog::builtin_trace`) loads the shipped file; `persist::trace` writes and reads a
//! request as JSON.
//!
//! Invariant: a value a user typed reaches a command line only through [`template`]'s filling,
//! which quotes it for its place ([`quote`]) or refuses it; nothing here does I/O.

pub mod complete;
pub mod derive;
pub mod handbook;
pub mod model;
pub mod plan;
pub mod quote;
pub mod raw;
pub mod recognise;
pub mod template;
pub mod text;
mod validate;

pub use model::{Side, TraceCatalog, Values};
pub use validate::{FILE, TraceCatalogError, validate};
