//! Format migrations: pure functions that turn a document of schema N into one of schema N+1, on
//! the parsed JSON (`serde_json::Value`), before the current schema's decoder reads it.
//!
//! Why on the JSON and not on typed structs: an old shape needs no Rust type of its own, so the
//! decoder (`v2.rs`) knows only the current schema, and each old shape lives in exactly one
//! function here (tldraw's pattern).
//!
//! Invariants: `MIGRATIONS[i]` migrates schema `i + 1` to `i + 2`, so the table has `SCHEMA - 1`
//! entries and a document of schema `s` goes through `MIGRATIONS[s - 1..]`; a migration never
//! drops what the user wrote, and never panics (a document it cannot migrate is left for the
//! decoder to refuse with a named field). Each migration has a fixture under
//! `tests/fixtures/schema/v<N>/` that runs it (`persist::every_migration_is_exercised_by_a_fixture`).

use serde_json::{Map, Value};

use super::{DecodeError, SCHEMA};

/// One step of the table: from `from` to `from + 1`.
#[derive(Clone, Copy)]
pub struct Migration {
    /// The schema this step reads.
    pub from: u32,
    /// The step itself: a document of schema `from` in, one of schema `from + 1` out.
    pub run: fn(Value) -> Result<Value, DecodeError>,
}

/// Every migration, oldest first: index `i` migrates schema `i + 1` to `i + 2`.
pub const MIGRATIONS: &[Migration] = &[Migration { from: 1, run: v1_to_v2 }];

/// Brings a document of schema `from` (1 ≤ `from` ≤ `SCHEMA`) up to the current schema by running
/// every migration from `from` on, in order. A schema outside that range is refused.
pub fn to_current(mut doc: Value, from: u64) -> Result<Value, DecodeError> {
    let first = match usize::try_from(from) {
        Ok(n) if n >= 1 && from <= u64::from(SCHEMA) => n - 1,
        _ => {
            return Err(DecodeError::Invalid {
                field: "schema".into(),
                reason: format!("unknown schema {from}"),
            });
        }
    };
    for step in MIGRATIONS.iter().skip(first) {
        doc = (step.run)(doc)?;
    }
    Ok(doc)
}

/// Schema 1 → 2. In schema 1, `id` and `name` were added after the first builds and so were
/// optional; schema 2 requires both. A document without an `id` (or with `null`) takes its
/// question set's ID, as the schema-1 reader did; one without a `name` gets the empty name (the
/// UI shows "Untitled assessment"). Anything else is carried over unchanged, even when it is
/// wrong: the decoder refuses it then, naming the field.
fn v1_to_v2(mut doc: Value) -> Result<Value, DecodeError> {
    let Some(fields) = doc.as_object_mut() else {
        return Err(DecodeError::Invalid { field: "document".into(), reason: "expected an object".into() });
    };
    let absent = |fields: &Map<String, Value>, key: &str| fields.get(key).is_none_or(Value::is_null);
    if absent(fields, "id") {
        let set = fields.get("question_set").and_then(|s| s.get("id")).and_then(Value::as_str);
        let Some(set) = set.map(str::to_owned) else {
            return Err(DecodeError::Invalid {
                field: "id".into(),
                reason: "missing, and there is no `question_set.id` to take it from".into(),
            });
        };
        fields.insert("id".into(), Value::String(set));
    }
    if absent(fields, "name") {
        fields.insert("name".into(), Value::String(String::new()));
    }
    fields.insert("schema".into(), Value::from(2));
    Ok(doc)
}
