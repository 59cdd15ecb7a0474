//! Schema 1 of the envelope.
//!
//! ```json
//! {"format":"ti-assess.assessment","schema":1,
//!  "question_set":{"id":"wlcg-ti-vo","version":"0.1.0"},"revision":3,
//!  "answers":{"VO-LOG-2.retention-days":{"number":30,"given_at":"2026-11-26T21:00:00.000Z"}}}
//! ```
//! Each answer carries exactly one of `choice`, `number` or `text`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DecodeError, FORMAT};
use crate::model::{Answer, AnswerValue, Assessment, Choice, QuestionSetRef};
use crate::time::Timestamp;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    schema: u32,
    question_set: SetRef,
    revision: u64,
    answers: BTreeMap<String, AnswerDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetRef {
    id: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    given_at: String,
}

pub(super) fn encode(a: &Assessment) -> String {
    let envelope = Envelope {
        format: FORMAT.to_owned(),
        schema: 1,
        question_set: SetRef { id: a.question_set.id.clone(), version: a.question_set.version.clone() },
        revision: a.revision,
        answers: a
            .answers
            .iter()
            .map(|(id, answer)| {
                let mut dto = AnswerDto {
                    choice: None,
                    number: None,
                    text: None,
                    given_at: answer.given_at.to_string(),
                };
                match &answer.value {
                    AnswerValue::Choice(c) => dto.choice = Some(c.key().to_owned()),
                    AnswerValue::Number(n) => dto.number = Some(*n),
                    AnswerValue::Text(t) => dto.text = Some(t.clone()),
                }
                (id.clone(), dto)
            })
            .collect(),
    };
    // Serialising plain strings, integers and finite floats into a String cannot fail; the
    // fallback keeps this total without a panic path.
    serde_json::to_string(&envelope).unwrap_or_default()
}

pub(super) fn decode(value: serde_json::Value) -> Result<Assessment, DecodeError> {
    let envelope: Envelope = serde_json::from_value(value)
        .map_err(|e| DecodeError::Invalid { field: field_of(&e.to_string()), reason: e.to_string() })?;
    let mut answers = BTreeMap::new();
    for (id, dto) in envelope.answers {
        let field = |f: &str| format!("answers.{id}.{f}");
        let given_at = Timestamp::parse(&dto.given_at)
            .map_err(|e| DecodeError::Invalid { field: field("given_at"), reason: e.to_string() })?;
        let value = match (dto.choice, dto.number, dto.text) {
            (Some(c), None, None) => {
                AnswerValue::Choice(Choice::from_key(&c).ok_or_else(|| DecodeError::Invalid {
                    field: field("choice"),
                    reason: format!(
                        "`{}` is not one of yes, partial, no, unknown",
                        c.chars().take(40).collect::<String>()
                    ),
                })?)
            }
            (None, Some(n), None) if n.is_finite() => AnswerValue::Number(n),
            (None, Some(_), None) => {
                return Err(DecodeError::Invalid {
                    field: field("number"),
                    reason: "not a finite number".into(),
                });
            }
            (None, None, Some(t)) => AnswerValue::Text(t),
            _ => {
                return Err(DecodeError::Invalid {
                    field: format!("answers.{id}"),
                    reason: "an answer needs exactly one of `choice`, `number`, `text`".into(),
                });
            }
        };
        answers.insert(id, Answer { value, given_at });
    }
    Ok(Assessment {
        question_set: QuestionSetRef { id: envelope.question_set.id, version: envelope.question_set.version },
        revision: envelope.revision,
        answers,
    })
}

/// Pulls the field name out of serde's message ("missing field `revision`"), for the user.
fn field_of(message: &str) -> String {
    message.split('`').nth(1).map(str::to_owned).unwrap_or_else(|| "document".to_owned())
}
