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
//! `generator` (optional, added before the first release) names the build that wrote the
//! document, `{"name":"ti-assess","version":"0.1.0","commit":"1a2b3c4d5e"}` (`about`). It is
//! written right after `schema`, read leniently (a later build may add fields to it) and not kept
//! in the assessment: the next save writes its own build. Documents without it read as before.
//!
//! Invariant: this decoder knows no older shape; compatibility lives in `migrate.rs` only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DecodeError, FORMAT};
use crate::about;
use crate::model::{Answer, AnswerValue, Assessment, Choice, Evidence, QuestionSetRef, Row};
use crate::time::{Date, Timestamp};

/// The envelope's top-level fields in this schema (a newer document is read through these only).
pub(super) const FIELDS: &[&str] = &[
    "format",
    "schema",
    "generator",
    "id",
    "name",
    "question_set",
    "revision",
    "answers",
    "evidence",
    "redacted",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    // Checked on the parsed header before this struct is read; declared so that
    // `deny_unknown_fields` accepts them, and required like every field of schema 2.
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    schema: u32,
    /// Which build wrote the document; informative only, never kept in the assessment.
    #[serde(default)]
    #[allow(dead_code)]
    generator: Option<GeneratorDto>,
    id: String,
    name: String,
    question_set: SetRef,
    revision: u64,
    answers: BTreeMap<String, AnswerDto>,
    #[serde(default)]
    evidence: BTreeMap<String, EvidenceDto>,
    /// Only in a "share with the WG" copy: what was left out of it (see `share`). Read and
    /// reported by the import preview, not kept in the assessment.
    #[serde(default)]
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

/// The build that wrote a document. Unknown fields are allowed here (and only here): a later
/// build may say more about itself without making its documents unreadable to this one.
#[derive(Deserialize)]
#[allow(dead_code)]
struct GeneratorDto {
    name: String,
    version: String,
    #[serde(default)]
    commit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetRef {
    id: String,
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceDto {
    #[serde(default)]
    text: String,
    #[serde(default)]
    url: String,
}

/// A value; as an answer it also has `given_at`, as a row field it has none.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ValueDto {
    #[serde(default)]
    choice: Option<String>,
    #[serde(default)]
    na: Option<String>,
    #[serde(default)]
    number: Option<f64>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    option: Option<String>,
    #[serde(default)]
    options: Option<Vec<String>>,
    #[serde(default)]
    rows: Option<Vec<BTreeMap<String, ValueDto>>>,
    #[serde(default)]
    given_at: Option<String>,
}

type AnswerDto = ValueDto;

// Encoding borrows from the assessment instead of building the owned types above: a save writes
// every answer each time (500 and more in a long assessment), and copying each string into a DTO
// first was most of the encoding time. The output is the same JSON, field for field, as
// serialising the owned types did: the documents under `tests/fixtures/schema/expected/` (written
// before this change) must come out byte for byte (`migrate::each_fixture_decodes_to_its_expected_document`),
// and `roundtrip` re-encodes 1,000 generated assessments byte-identically.

/// The envelope as written.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    schema: u32,
    generator: GeneratorOut,
    id: &'a str,
    name: &'a str,
    question_set: SetRefOut<'a>,
    revision: u64,
    answers: AnswersOut<'a>,
    #[serde(skip_serializing_if = "EvidenceMapOut::is_empty")]
    evidence: EvidenceMapOut<'a>,
    #[serde(skip_serializing_if = "<[RedactedDto]>::is_empty")]
    redacted: &'a [RedactedDto],
}

/// This build, as every document it writes names it.
#[derive(Serialize)]
pub(super) struct GeneratorOut {
    name: &'static str,
    version: &'static str,
    commit: &'static str,
}

/// This build's `generator`.
pub(super) const GENERATOR: GeneratorOut =
    GeneratorOut { name: about::NAME, version: about::VERSION, commit: about::COMMIT };

#[derive(Serialize)]
struct SetRefOut<'a> {
    id: &'a str,
    version: &'a str,
}

struct AnswersOut<'a>(&'a BTreeMap<String, Answer>);

impl Serialize for AnswersOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0.iter().map(|(id, answer)| (id, ValueOut(&answer.value, Some(answer.given_at)))),
        )
    }
}

/// A value as a one-field object (`{"number":30.0}`), with `given_at` when it is an answer.
struct ValueOut<'a>(&'a AnswerValue, Option<Timestamp>);

impl Serialize for ValueOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1 + usize::from(self.1.is_some())))?;
        match self.0 {
            AnswerValue::Choice(c) => map.serialize_entry("choice", c.key())?,
            AnswerValue::NotApplicable(why) => map.serialize_entry("na", why)?,
            AnswerValue::Number(n) => map.serialize_entry("number", n)?,
            AnswerValue::Text(t) => map.serialize_entry("text", t)?,
            AnswerValue::Date(d) => map.serialize_entry("date", &Displayed(d))?,
            AnswerValue::Option(o) => map.serialize_entry("option", o)?,
            AnswerValue::Options(o) => map.serialize_entry("options", o)?,
            AnswerValue::Rows(rows) => map.serialize_entry("rows", &RowsOut(rows))?,
        }
        if let Some(at) = &self.1 {
            map.serialize_entry("given_at", &Displayed(at))?;
        }
        map.end()
    }
}

struct RowsOut<'a>(&'a [Row]);

impl Serialize for RowsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(RowOut))
    }
}

struct RowOut<'a>(&'a Row);

impl Serialize for RowOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(field, v)| (field, ValueOut(v, None))))
    }
}

/// A date or time written as its text form, straight into the output.
struct Displayed<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for Displayed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

struct EvidenceMapOut<'a>(&'a BTreeMap<String, Evidence>);

impl EvidenceMapOut<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for EvidenceMapOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(id, e)| (id, EvidenceOut { text: &e.text, url: &e.url })))
    }
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
}

pub(super) fn encode(a: &Assessment) -> String {
    encode_with(a, &[])
}

/// Encodes a shared copy: the (already redacted) assessment and the list of what was left out.
pub(super) fn encode_with(a: &Assessment, redacted: &[RedactedDto]) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT,
        schema: super::SCHEMA,
        generator: GENERATOR,
        id: &a.id,
        name: &a.name,
        question_set: SetRefOut { id: &a.question_set.id, version: &a.question_set.version },
        revision: a.revision,
        answers: AnswersOut(&a.answers),
        evidence: EvidenceMapOut(&a.evidence),
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
