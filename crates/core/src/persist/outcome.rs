//! The JSON message that carries a challenge import's outcome (`challenge::feed::ImportOutcome`)
//! from the tools module, which holds the challenge kit, to the page's results view, which shows
//! the proposals and applies those the user ticks. The assessment with the proposals applied
//! travels as an assessment document of its own (`encode`), so the page needs no decoder beyond
//! the one it already has.
//!
//! Invariant: decoding never panics; a message over `MAX_BYTES`, of another format or of a newer
//! schema is refused with a typed `DecodeError`, and so is a bad assessment inside it.

use serde::{Deserialize, Serialize};

use super::{DecodeError, MAX_BYTES};
use crate::challenge::feed::ImportOutcome;

/// The `format` of the message.
pub const IMPORT_OUTCOME_FORMAT: &str = "ti-assess.challenge-import";
const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProposalDto {
    question: String,
    evidence: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeDto {
    format: String,
    schema: u32,
    challenge: String,
    variant: String,
    date: String,
    overall: String,
    warning: String,
    proposals: Vec<ProposalDto>,
    /// The assessment document (`persist::encode`) with every proposal applied.
    proposed: String,
}

/// The outcome as the message for the page.
pub fn encode_import_outcome(outcome: &ImportOutcome) -> String {
    let dto = OutcomeDto {
        format: IMPORT_OUTCOME_FORMAT.to_owned(),
        schema: SCHEMA,
        challenge: outcome.challenge.clone(),
        variant: outcome.variant.clone(),
        date: outcome.date.clone(),
        overall: outcome.overall.clone(),
        warning: outcome.warning.clone(),
        proposals: outcome
            .proposals
            .iter()
            .map(|(question, evidence)| ProposalDto {
                question: question.clone(),
                evidence: evidence.clone(),
            })
            .collect(),
        proposed: super::encode(&outcome.proposed),
    };
    // Plain strings only: serialising them cannot fail.
    serde_json::to_string(&dto).unwrap_or_default()
}

/// Reads the message `encode_import_outcome` wrote.
pub fn decode_import_outcome(text: &str) -> Result<ImportOutcome, DecodeError> {
    // The proposed assessment is at most MAX_BYTES itself, quoted inside this message.
    let d: OutcomeDto = super::parse_versioned(text, 2 * MAX_BYTES + 4096, IMPORT_OUTCOME_FORMAT, SCHEMA)?;
    Ok(ImportOutcome {
        challenge: d.challenge,
        variant: d.variant,
        date: d.date,
        overall: d.overall,
        warning: d.warning,
        proposals: d.proposals.into_iter().map(|p| (p.question, p.evidence)).collect(),
        proposed: super::decode(&d.proposed)?,
    })
}
