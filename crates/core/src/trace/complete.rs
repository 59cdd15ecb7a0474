//! Completeness of a trace request: which `[[completeness]]` rules do not hold, with the fields
//! still missing, required ones first.
//!
//! Invariant: a field counts as given when it has a non-blank value that is not an option
//! marked `counts_as_missing` ("Not known"); nothing else is judged (no format checks).

use super::model::{CompletenessRule, Input, Level, TraceCatalog, Values};

/// A rule that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap<'c> {
    /// The rule (level, message).
    pub rule: &'c CompletenessRule,
    /// The missing fields, per alternative (one list for an `all` rule).
    pub missing: Vec<Vec<&'c str>>,
}

/// Whether a field counts as given.
pub fn given(cat: &TraceCatalog, values: &Values, id: &str) -> bool {
    let Some(v) = values.get(id) else {
        return false;
    };
    let Some(field) = cat.field(id) else {
        return true;
    };
    match field.input {
        Input::Select | Input::Multi => v
            .split(',')
            .filter(|o| !o.is_empty())
            .any(|o| field.options.iter().any(|c| c.id == o && !c.counts_as_missing)),
        Input::Text | Input::Lines => true,
    }
}

/// The rules that do not hold for these values, required first, then in file order.
pub fn gaps<'c>(cat: &'c TraceCatalog, values: &Values) -> Vec<Gap<'c>> {
    let mut out = Vec::new();
    for rule in cat.completeness.iter().filter(|r| values.holds(&r.when)) {
        let missing_of = |group: &'c [String]| -> Vec<&'c str> {
            group.iter().filter(|id| !given(cat, values, id)).map(String::as_str).collect()
        };
        if !rule.all.is_empty() {
            let m = missing_of(&rule.all);
            if !m.is_empty() {
                out.push(Gap { rule, missing: vec![m] });
            }
        } else {
            let per: Vec<Vec<&str>> = rule.any.iter().map(|g| missing_of(g)).collect();
            if per.iter().all(|m| !m.is_empty()) {
                out.push(Gap { rule, missing: per });
            }
        }
    }
    out.sort_by_key(|g| g.rule.level);
    out
}

/// The required gaps only: what must be listed before the request is offered.
pub fn required_gaps<'c>(cat: &'c TraceCatalog, values: &Values) -> Vec<Gap<'c>> {
    gaps(cat, values).into_iter().filter(|g| g.rule.level == Level::Required).collect()
}
