//! Which build this is: the version and the commit the source was built from, so that every
//! page, PDF and export can be traced to the code that produced it.
//!
//! Invariant: this is the only source of the build's identity. `build.rs` decides the commit
//! (`git rev-parse --short=10 HEAD`, `$TI_ASSESS_COMMIT`, or `unknown`); the app's footer and
//! about text, the PDF cover and footers (`report`, `collect::summary`), the `generator` of every
//! JSON document (`persist`) and the release archive's name all read it from here or from the
//! same `git rev-parse`. Within one build every output is deterministic.

/// The app's name.
pub const NAME: &str = "ti-assess";

/// The version of the workspace (`Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The short commit of the source this build was made from, or `unknown` outside git.
pub const COMMIT: &str = env!("TI_BUILD_COMMIT");

/// Name, version and build in words, as printed: `ti-assess 0.1.0 (build 1a2b3c4d5e)`.
pub const APP: &str =
    concat!("ti-assess ", env!("CARGO_PKG_VERSION"), " (build ", env!("TI_BUILD_COMMIT"), ")");
