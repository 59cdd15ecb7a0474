//! Values computed from others when they were not given, e.g. the DIRAC pilot reference
//! `htcondorce://<CE host>/<CE job ID>` (rules in `[[derive]]`).
//!
//! Invariant: a derivation only fills a blank field, only when its `when` holds and every value
//! it uses is given; the first derivation of a field that succeeds wins.

use super::model::{Derivation, TraceCatalog, Values};

/// A value derived, with the rule that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived<'c> {
    /// The field.
    pub field: &'c str,
    /// The value.
    pub value: String,
    /// The rule.
    pub rule: &'c Derivation,
}

/// The values the catalogue can derive from these values.
pub fn derived<'c>(cat: &'c TraceCatalog, values: &Values) -> Vec<Derived<'c>> {
    let mut out: Vec<Derived<'c>> = Vec::new();
    for rule in &cat.derive {
        if values.get(&rule.field).is_some()
            || out.iter().any(|d| d.field == rule.field)
            || !values.holds(&rule.when)
        {
            continue;
        }
        if let Some(value) = rule.template.fill(&|id| values.get(id)).line() {
            out.push(Derived { field: &rule.field, value, rule });
        }
    }
    out
}

/// These values with the derived ones added.
pub fn with_derived(cat: &TraceCatalog, values: &Values) -> Values {
    let mut all = values.clone();
    for d in derived(cat, values) {
        all.set(d.field, d.value);
    }
    all
}
