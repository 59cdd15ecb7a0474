//! Placeholder: being written (results model).
