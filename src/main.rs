//! The app's entry point: installs the panic hook (the recovery page) and mounts the Leptos UI
//! (wasm32 only).

#[cfg(target_arch = "wasm32")]
fn main() {
    ti_assess::web::recovery::install();
    ti_assess::ui::mount();
}

/// The app runs only in a browser; natively this binary does nothing (the core is tested with
/// `cargo test`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
