//! A challenge's times taken from the trace documents themselves: the site's trace request and
//! the VO's reply (the JSON files "Trace a job" writes), attached by the organiser, give the
//! events the kit's `[[document_event]]` data names (E5 to E8) the moment the document was
//! written, so that those timings come from the documents and not from someone's memory.
//!
//! Invariants: a document is taken only when its incident ID is the challenge's ID and it is
//! marked as an exercise; every event is checked like a typed one (order, applies, not in the
//! future) and either all of a document's events are recorded or none; which events a document
//! gives is data, not code.

use super::kit::{Kit, TraceDocument};
use super::model::{Challenge, ChallengeError, EventRecord};
use crate::persist::trace::TraceFile;
use crate::time::Timestamp;

/// The trace field that holds the incident or exercise ID.
pub const INCIDENT_ID: &str = "incident_id";
/// The trace field that says whether it is an incident or an exercise, and its exercise option.
pub const INCIDENT_KIND: (&str, &str) = ("incident_kind", "exercise");

/// Why a document's times were not taken. Each says what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttachError {
    /// The document is about another incident or exercise.
    #[error(
        "This {document} is for `{found}`, not for challenge {expected}. Choose the {document} of this challenge."
    )]
    OtherIncident {
        /// Request or reply.
        document: &'static str,
        /// Its incident ID (cut to 60 characters), or `no incident ID`.
        found: String,
        /// The challenge ID.
        expected: String,
    },
    /// The document is not marked as an exercise.
    #[error(
        "This {document} is not marked as an exercise: a challenge's documents say \u{201c}EXERCISE\u{201d} in their subject so that nobody treats them as a real incident. Ask its author to mark it and send it again."
    )]
    NotAnExercise {
        /// Request or reply.
        document: &'static str,
    },
    /// No event of the document applies or has what it needs.
    #[error(
        "This {document} gives no time this challenge can use (its events do not apply or were already recorded)."
    )]
    Nothing {
        /// Request or reply.
        document: &'static str,
    },
    /// An event's time is refused (order, future).
    #[error("{event} from the {document}: {source}")]
    Refused {
        /// Request or reply.
        document: &'static str,
        /// Event ID.
        event: String,
        /// Why.
        source: Box<ChallengeError>,
    },
}

/// Records the events `doc` (a `document` of `file`) gives into `c`, all or none, and returns
/// their IDs in kit order.
pub fn attach(
    kit: &Kit,
    c: &mut Challenge,
    document: TraceDocument,
    file: &TraceFile,
    now: Timestamp,
) -> Result<Vec<String>, AttachError> {
    let label = document.label();
    let id = file.values.get(INCIDENT_ID).map(str::trim).unwrap_or_default();
    if id != c.id.as_str() {
        return Err(AttachError::OtherIncident {
            document: label,
            found: if id.is_empty() { "no incident ID".into() } else { id.chars().take(60).collect() },
            expected: c.id.to_string(),
        });
    }
    if file.values.get(INCIDENT_KIND.0) != Some(INCIDENT_KIND.1) {
        return Err(AttachError::NotAnExercise { document: label });
    }
    let flags = c.flags(kit);
    let mut next = c.clone();
    let mut taken = Vec::new();
    for d in kit.document_events.iter().filter(|d| d.document == document) {
        let applies = kit.events.iter().find(|e| e.id == d.event).is_some_and(|e| e.applies.holds(&flags));
        let has_field =
            d.when_field.as_deref().is_none_or(|f| file.values.get(f).is_some_and(|v| !v.trim().is_empty()));
        let kept = d.only_if_missing && next.event_at(&d.event).is_some();
        if !applies || !has_field || kept {
            continue;
        }
        let record = EventRecord {
            event: d.event.clone(),
            at: file.written,
            recorded_by: d.recorded_by,
            note: format!("from the {label} written {}", file.written),
            typed: None,
        };
        next.record_event(kit, record, now).map_err(|source| AttachError::Refused {
            document: label,
            event: d.event.clone(),
            source: Box::new(source),
        })?;
        taken.push(d.event.clone());
    }
    if taken.is_empty() {
        return Err(AttachError::Nothing { document: label });
    }
    *c = next;
    Ok(taken)
}
