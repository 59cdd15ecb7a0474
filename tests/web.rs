//! Browser tests (wasm-bindgen-test in headless Chromium) for the one module that touches
//! browser storage. Natively this file is empty.
#![cfg(target_arch = "wasm32")]
