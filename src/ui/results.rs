//! Placeholder: being written (results view).
