//! The JSON message that carries an assessment's contradictions by a challenge
//! (`challenge::feed::Contradiction`) to the PDF worker beside the assessment, so that the PDF
//! prints the same "contradicted by a challenge" gaps as the results page, computed once there.
//!
//! Invariant: decoding never panics; a message over `MAX_BYTES`, of another format or of a newer
//! schema is refused with a typed `DecodeError`, and so is an unknown severity.

use serde::{Deserialize, Serialize};

use super::{DecodeError, MAX_BYTES};
use crate::challenge::feed::Contradiction;
use crate::model::Severity;

/// The `format` of the message.
pub const CONTRADICTIONS_FORMAT: &str = "ti-assess.contradictions";
const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContradictionDto {
    rule: String,
    recommendation: String,
    severity: String,
    challenge: String,
    message: String,
    action: String,
    questions: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageDto {
    format: String,
    schema: u32,
    contradictions: Vec<ContradictionDto>,
}

/// The contradictions as the message for the PDF worker.
pub fn encode_contradictions(list: &[Contradiction]) -> String {
    let dto = MessageDto {
        format: CONTRADICTIONS_FORMAT.to_owned(),
        schema: SCHEMA,
        contradictions: list
            .iter()
            .map(|c| ContradictionDto {
                rule: c.rule.clone(),
                recommendation: c.recommendation.clone(),
                severity: c.severity.label().to_owned(),
                challenge: c.challenge.clone(),
                message: c.message.clone(),
                action: c.action.clone(),
                questions: c.questions.clone(),
            })
            .collect(),
    };
    // Plain strings only: serialising them cannot fail.
    serde_json::to_string(&dto).unwrap_or_default()
}

/// Reads the message `encode_contradictions` wrote.
pub fn decode_contradictions(text: &str) -> Result<Vec<Contradiction>, DecodeError> {
    let d: MessageDto = super::parse_versioned(text, MAX_BYTES, CONTRADICTIONS_FORMAT, SCHEMA)?;
    d.contradictions
        .into_iter()
        .map(|c| {
            let severity = Severity::from_label(&c.severity).ok_or_else(|| DecodeError::Invalid {
                field: "contradictions.severity".into(),
                reason: "expected critical, high, medium or low".into(),
            })?;
            Ok(Contradiction {
                rule: c.rule,
                recommendation: c.recommendation,
                severity,
                challenge: c.challenge,
                message: c.message,
                action: c.action,
                questions: c.questions,
            })
        })
        .collect()
}
