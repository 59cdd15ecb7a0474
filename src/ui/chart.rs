//! Placeholder: being written (SVG chart).
