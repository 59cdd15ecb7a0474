//! Schema 2 of the envelope, the current one: what `encode` writes and the shape every older
//! document is migrated to (`migrate.rs`) before it is read here.
//!
//! ```json
//! {"format":"ti-assess.assessment","schema":2,"id":"a-m3x9k2","name":"ATLAS 2026",
//!  "question_set":{"id":"wlcg-ti-vo","version":"1.0.0"},"revision":3,
//!  "answers":{"VO-LOG-2.stores":{"rows":[{"store":{"option":"pilot-db"},"days":{"number":30}}],
//!             "given_at":"2026-11-26T21:00:00.000Z"}},
//!  "evidence":{"VO-IR-1.procedure":{"text":"wiki page, reviewed in May","url":"…"}}}
//! ```
//! Each value carries exactly one of `choice`, `na` (the justification of "not applicable"),
//! `number`, `text`, `date`, `option`, `options` or `rows`; rows hold values without times.
//!
//! Schema 2 differs from schema 1 only in that `id` and `name` are required (schema-1 documents
//! from the first builds lack them; the `v1 → v2` migration fills them in).
//!
//! Invariant: this decoder knows no older shape; compatibility lives in `migrate.rs` only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DecodeError, FORMAT};
use crate::model::{Answer, AnswerValue, Assessment, Choice, Evidence, QuestionSetRef, Row};
use crate::time::{Date, Timestamp};

/// The envelope's top-level fields in this schema (a newer document is read through these only).
pub(super) const FIELDS: &[&str] =
    &["format", "schema", "id", "name", "question_set", "revision", "answers", "evidence", "redacted"];

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    schema: u32,
    id: String,
    name: String,
    question_set: SetRef,
    revision: u64,
    answers: BTreeMap<String, AnswerDto>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    evidence: BTreeMap<String, EvidenceDto>,
    /// Only in a "share with the WG" copy: what was left out of it (see `share`). Read and
    /// reported by the import preview, not kept in the assessment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    redacted: Vec<RedactedDto>,
}

/// One item left out of a shared copy.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RedactedDto {
    /// Path of what was left out, e.g. `answers.<question>` or `evidence.<question>.text`.
    pub(super) field: String,
    /// The question's label, for a reader without the question set.
    pub(super) label: String,
    /// Why, in words.
    pub(super) reason: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetRef {
    id: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceDto {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    url: String,
}

/// A value; as an answer it also has `given_at`, as a row field it has none.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ValueDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    na: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    option: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    options: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rows: Option<Vec<BTreeMap<String, ValueDto>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    given_at: Option<String>,
}

type AnswerDto = ValueDto;

fn value_dto(value: &AnswerValue) -> ValueDto {
    let mut dto = ValueDto::default();
    match value {
        AnswerValue::Choice(c) => dto.choice = Some(c.key().to_owned()),
        AnswerValue::NotApplicable(why) => dto.na = Some(why.clone()),
        AnswerValue::Number(n) => dto.number = Some(*n),
        AnswerValue::Text(t) => dto.text = Some(t.clone()),
        AnswerValue::Date(d) => dto.date = Some(d.to_string()),
        AnswerValue::Option(o) => dto.option = Some(o.clone()),
        AnswerValue::Options(o) => dto.options = Some(o.clone()),
        AnswerValue::Rows(rows) => {
            dto.rows = Some(
                rows.iter().map(|row| row.iter().map(|(k, v)| (k.clone(), value_dto(v))).collect()).collect(),
            );
        }
    }
    dto
}

pub(super) fn encode(a: &Assessment) -> String {
    encode_with(a, Vec::new())
}

/// Encodes a shared copy: the (already redacted) assessment and the list of what was left out.
pub(super) fn encode_with(a: &Assessment, redacted: Vec<RedactedDto>) -> String {
    let envelope = Envelope {
        format: FORMAT.to_owned(),
        schema: super::SCHEMA,
        id: a.id.clone(),
        name: a.name.clone(),
        question_set: SetRef { id: a.question_set.id.clone(), version: a.question_set.version.clone() },
        revision: a.revision,
        answers: a
            .answers
            .iter()
            .map(|(id, answer)| {
                let mut dto = value_dto(&answer.value);
                dto.given_at = Some(answer.given_at.to_string());
                (id.clone(), dto)
            })
            .collect(),
        evidence: a
            .evidence
            .iter()
            .map(|(id, e)| (id.clone(), EvidenceDto { text: e.text.clone(), url: e.url.clone() }))
            .collect(),
        redacted,
    };
    // Serialising strings, integers and finite floats into a String cannot fail; the fallback
    // keeps this total without a panic path.
    serde_json::to_string(&envelope).unwrap_or_default()
}

fn invalid(field: String, reason: impl Into<String>) -> DecodeError {
    DecodeError::Invalid { field, reason: reason.into() }
}

/// Converts one value, naming `field` in errors. Rows may not nest.
fn value(dto: ValueDto, field: &str, in_row: bool) -> Result<AnswerValue, DecodeError> {
    let ValueDto { choice, na, number, text, date, option, options, rows, given_at: _ } = dto;
    let count = [
        choice.is_some(),
        na.is_some(),
        number.is_some(),
        text.is_some(),
        date.is_some(),
        option.is_some(),
        options.is_some(),
        rows.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if count != 1 {
        return Err(invalid(
            field.to_owned(),
            "a value needs exactly one of `choice`, `na`, `number`, `text`, `date`, `option`, `options`, `rows`",
        ));
    }
    let sub = |f: &str| format!("{field}.{f}");
    if let Some(c) = choice {
        return Choice::from_key(&c).map(AnswerValue::Choice).ok_or_else(|| {
            invalid(
                sub("choice"),
                format!(
                    "`{}` is not one of yes, partial, no, unknown",
                    c.chars().take(40).collect::<String>()
                ),
            )
        });
    }
    if let Some(why) = na {
        return Ok(AnswerValue::NotApplicable(why));
    }
    if let Some(n) = number {
        return if n.is_finite() {
            Ok(AnswerValue::Number(n))
        } else {
            Err(invalid(sub("number"), "not a finite number"))
        };
    }
    if let Some(t) = text {
        return Ok(AnswerValue::Text(t));
    }
    if let Some(d) = date {
        return Date::parse(&d).map(AnswerValue::Date).map_err(|e| invalid(sub("date"), e.to_string()));
    }
    if let Some(o) = option {
        return Ok(AnswerValue::Option(o));
    }
    if let Some(o) = options {
        return Ok(AnswerValue::Options(o));
    }
    let rows = rows.unwrap_or_default();
    if in_row {
        return Err(invalid(sub("rows"), "rows cannot contain rows"));
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let mut r = Row::new();
        for (k, v) in row {
            let path = format!("{field}.rows.{i}.{k}");
            r.insert(k, value(v, &path, true)?);
        }
        out.push(r);
    }
    Ok(AnswerValue::Rows(out))
}

/// Decodes, also returning the `redacted` list of a shared copy (empty otherwise).
pub(super) fn decode_with_notes(
    json: serde_json::Value,
) -> Result<(Assessment, Vec<RedactedDto>), DecodeError> {
    let envelope: Envelope = serde_path_to_error::deserialize(json).map_err(|e| {
        let message = e.inner().to_string();
        invalid(field_of(&e.path().to_string(), &message), message)
    })?;
    let mut answers = BTreeMap::new();
    for (id, mut dto) in envelope.answers {
        let field = format!("answers.{id}");
        let given_at = dto.given_at.take().ok_or_else(|| invalid(format!("{field}.given_at"), "missing"))?;
        let given_at =
            Timestamp::parse(&given_at).map_err(|e| invalid(format!("{field}.given_at"), e.to_string()))?;
        let value = value(dto, &field, false)?;
        answers.insert(id, Answer { value, given_at });
    }
    let evidence =
        envelope.evidence.into_iter().map(|(id, e)| (id, Evidence { text: e.text, url: e.url })).collect();
    let assessment = Assessment {
        id: envelope.id,
        name: envelope.name,
        question_set: QuestionSetRef { id: envelope.question_set.id, version: envelope.question_set.version },
        revision: envelope.revision,
        answers,
        evidence,
    };
    Ok((assessment, envelope.redacted))
}

/// The field a serde error is about: the path where it happened (`answers.X.number`), joined
/// with the field a "missing/unknown/duplicate field `f`" message names; `document` for the root.
fn field_of(path: &str, message: &str) -> String {
    let names_field =
        ["missing field", "unknown field", "duplicate field"].iter().any(|p| message.starts_with(p));
    let path = if path == "." { "" } else { path };
    let named = match message.split('`').nth(1) {
        Some(name) if names_field => Some(name),
        _ => None,
    };
    match (path.is_empty(), named) {
        (true, None) => "document".to_owned(),
        (true, Some(n)) => n.to_owned(),
        (false, None) => path.to_owned(),
        // serde_path_to_error already ends the path with an unknown field's name.
        (false, Some(n)) if path == n || path.ends_with(&format!(".{n}")) => path.to_owned(),
        (false, Some(n)) => format!("{path}.{n}"),
    }
}
