//! Fetches a shipped question set's file (`catalog::shipped`): the page carries neither set and
//! asks for one when a view needs it. Same origin only (`connect-src 'self'`); the service worker
//! precaches the files, so this works offline once the app was installed.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use ti_core::catalog::shipped::Shipped;

/// Why a set file was not fetched, in words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// No answer at all: offline before the app was installed, or the server is gone.
    #[error("the file {0} could not be fetched ({1})")]
    Unreachable(String, String),
    /// An answer that is not the file.
    #[error("the server answered {1} for {0}")]
    Status(String, u16),
}

/// The text of a shipped set's file. The request starts when this is called, not when the result
/// is awaited, so the page asks for both sets side by side.
pub fn fetch(set: &Shipped) -> impl std::future::Future<Output = Result<String, FetchError>> + use<> {
    let path = set.path();
    let request = web_sys::window().map(|w| JsFuture::from(w.fetch_with_str(&path)));
    async move { read(path, request).await }
}

async fn read(path: String, request: Option<JsFuture>) -> Result<String, FetchError> {
    let unreachable =
        |e: &wasm_bindgen::JsValue| FetchError::Unreachable(path.clone(), super::tools::describe(e));
    let request = request.ok_or_else(|| FetchError::Unreachable(path.clone(), "no window".into()))?;
    let answer = request.await.map_err(|e| unreachable(&e))?;
    let response: Response = answer.dyn_into().map_err(|e| unreachable(&e))?;
    if !response.ok() {
        return Err(FetchError::Status(path, response.status()));
    }
    let text =
        JsFuture::from(response.text().map_err(|e| unreachable(&e))?).await.map_err(|e| unreachable(&e))?;
    text.as_string().ok_or_else(|| FetchError::Unreachable(path, "the answer was not text".into()))
}
