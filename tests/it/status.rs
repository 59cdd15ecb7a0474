//! Placeholder: being written (results model tests).
