//! Files the user chooses: reading one, with its size checked before a byte is read.
//!
//! Invariant: a file larger than the cap is refused from its size alone, so a huge or hostile
//! file never reaches memory or the parser.

use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// Why a chosen file was not read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileError {
    /// Larger than the cap.
    #[error(
        "The file is {size} bytes; ti-assess reads files of at most {max} bytes (1 MiB). Choose an exported assessment."
    )]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// The browser could not read it.
    #[error("The file could not be read ({0}).")]
    Unreadable(String),
}

/// Reads a file as text if it is at most `max` bytes.
pub async fn read_capped(file: &File, max: u64) -> Result<String, FileError> {
    let size = file.size() as u64;
    if size > max {
        return Err(FileError::TooLarge { size, max });
    }
    let text = JsFuture::from(file.text()).await.map_err(|e| FileError::Unreadable(format!("{e:?}")))?;
    text.as_string().ok_or_else(|| FileError::Unreadable("not text".into()))
}
