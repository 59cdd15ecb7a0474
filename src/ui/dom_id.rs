//! The DOM ids of question fields, in one place: inputs, rows and their wrapper take them, and
//! gap links and the stepper point at them.

/// The DOM id of a question's field (gap links point here).
pub fn field_id(question: &str) -> String {
    format!("q-{question}")
}
