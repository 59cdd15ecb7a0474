//! The tools module's entry point (`ti-assess-tools`): Collect, Compare, the challenge kit and
//! "Trace a job", as a second wasm module that the page imports on first use
//! (`public/tools-loader.js`, `ui::tools_host`). It exports `mount(element)` and `unmount()`,
//! and the two computations the page's results view needs from the challenge kit, which only
//! this module links: `contradictions` and `challenge_import` (JSON in, JSON out, the shapes
//! `persist` defines). `main` does nothing, so loading the module renders nothing.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Renders the tool view of the current address into `element`.
    #[wasm_bindgen]
    pub fn mount(element: web_sys::HtmlElement) {
        ti_assess::web::recovery::install();
        ti_assess::ui::tools::mount_into(element);
    }

    /// Removes the tool view (the page left the tool routes).
    #[wasm_bindgen]
    pub fn unmount() {
        ti_assess::ui::tools::unmount();
    }

    use ti_assess::ui::now;
    use ti_assess::web::storage;
    use ti_core::challenge::feed::{contradictions_with_latest, import_outcome};
    use ti_core::model::{Assessment, QuestionSet};
    use ti_core::persist::{self, challenge::import_result};
    use ti_core::{catalog, challenge::kit::Kit};

    /// The kit, the assessment a document holds, and its question set.
    fn open(document: &str) -> Result<(&'static Kit, Assessment, &'static QuestionSet), String> {
        let kit = catalog::builtin_kit().map_err(|e| e.to_string())?;
        let assessment = persist::decode(document).map_err(|e| e.to_string())?;
        let set = catalog::builtin(&assessment.question_set.id).ok_or_else(|| {
            format!("the question set {} is not part of this build", assessment.question_set.id)
        })?;
        Ok((kit, assessment, set))
    }

    /// The contradictions of an assessment (its document) with the latest stored challenge
    /// concerning it, as `persist::encode_contradictions`.
    #[wasm_bindgen]
    pub fn contradictions(document: &str) -> Result<String, JsError> {
        let (kit, assessment, set) = open(document).map_err(|e| JsError::new(&e))?;
        // Unreadable results are skipped (and kept as they are) by `list_results`.
        let results = storage::list_results().unwrap_or_default();
        let found = contradictions_with_latest(kit, &results, set, &assessment, now().day());
        Ok(persist::encode_contradictions(&found))
    }

    /// Reads a challenge result file's text for an assessment (its document): checks it, stores
    /// the result when `store`, and answers `persist::encode_import_outcome`. The error is the
    /// refusal in words.
    #[wasm_bindgen]
    pub fn challenge_import(text: &str, document: &str, store: bool) -> Result<String, JsError> {
        let (kit, assessment, set) = open(document).map_err(|e| JsError::new(&e))?;
        let result = import_result(kit, text, now()).map_err(|e| JsError::new(&e.to_string()))?;
        if store {
            storage::save_result(kit, &result)
                .map_err(|e| JsError::new(&format!("The result could not be stored: {e}.")))?;
        }
        Ok(persist::encode_import_outcome(&import_outcome(kit, &result, set, &assessment, now())))
    }
}

/// Nothing to do at load: the page calls `mount`.
fn main() {}
