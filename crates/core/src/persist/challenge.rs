//! The JSON shapes of the challenge kit: the organiser's record (`ti-assess.challenge`) and the
//! result a VO or site imports (`ti-assess.challenge-result`), each a versioned envelope with its
//! own schema number, migration table and JSON Schema (`schema/…v1.schema.json`).
//!
//! ```json
//! {"format":"ti-assess.challenge","schema":1,"kit":{"id":"wlcg-ti-challenge","version":"1.0.0"},
//!  "id":"atlas-20260310-01_EXERCISE","vo":"atlas","framework":"panda","variant":"V1",
//!  "alerted":"vo","window":{"start":"…Z","end":"…Z"},"tlp":"AMBER", …,
//!  "events":[{"event":"E2","at":"2026-03-10T09:00:00.000Z","recorded_by":"organiser","note":""}],
//!  "truth":{…}, "sealed":"TLP:RED"}
//! ```
//! The `truth` section is written only when the caller asks for it (the organiser's own storage,
//! or the explicit TLP:RED export); then the document also carries `"sealed": "TLP:RED"`. A
//! result file never has one: `decode_result` refuses a document with a `truth` key, and tells an
//! organiser's record apart from a result.
//!
//! Invariants: decoding never panics; a document over `MAX_BYTES` is refused before parsing; a
//! newer schema is reported (`DecodeError::NewerSchema`) so the caller opens it read-only; every
//! schema still decodes through `MIGRATIONS` (empty while the schema is 1).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::import::Json;
use super::{DecodeError, MAX_BYTES};
use crate::challenge::calendar::{CalendarError, WorkCalendar, format_hhmm, parse_hhmm};
use crate::challenge::document::Document;
use crate::challenge::id::ChallengeId;
use crate::challenge::identity::{OwnerClaim, TestIdentity};
use crate::challenge::kit::{Kit, Party, PointerKind};
use crate::challenge::model::{
    ActionItem, Challenge, ChallengeError, Contact, EventRecord, Marker, OrganiserRecord, Payload,
    SealedTruth, VoAnswer, validate, validate_truth,
};
use crate::challenge::score::{CheckResult, CriterionResult, DurationValue, Outcome, Overall, ThresholdUsed};
use crate::challenge::views::{ChallengeResult, ResultEvent};
use crate::model::{Threshold, ThresholdStatus};
use crate::time::{Date, Timestamp};

/// `format` of a request to the PDF worker for one of a challenge's PDFs.
pub const PDF_REQUEST_FORMAT: &str = "ti-assess.challenge-pdf";

/// `format` of an organiser's record.
pub const RECORD_FORMAT: &str = "ti-assess.challenge";
/// `format` of a result.
pub const RESULT_FORMAT: &str = "ti-assess.challenge-result";
/// Schema of both, as this build writes them.
pub const SCHEMA: u32 = 1;

/// One step of a migration table: a document of schema `from` in, `from + 1` out.
#[derive(Clone, Copy)]
pub struct Migration {
    /// The schema this step reads.
    pub from: u32,
    /// The step.
    pub run: fn(Value) -> Result<Value, DecodeError>,
}

/// Record migrations, oldest first (index `i`: schema `i + 1` → `i + 2`). Empty at schema 1.
pub const RECORD_MIGRATIONS: &[Migration] = &[];
/// Result migrations, likewise.
pub const RESULT_MIGRATIONS: &[Migration] = &[];

/// Why a challenge document cannot be read or imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChallengeDecodeError {
    /// Too large, not JSON, another format, a newer schema or a malformed field.
    #[error("{0}")]
    Document(#[from] DecodeError),
    /// A result import met the sealed truth.
    #[error(
        "This file holds the sealed ground truth of a challenge (TLP:RED). It belongs to the organiser and cannot be imported into an assessment; ask the organiser for the result file."
    )]
    TruthNotAllowed,
    /// Not a challenge document of this app.
    #[error("This is not a ti-assess challenge file (format `{found}`).")]
    NotAChallenge {
        /// The `format` found, or `none`.
        found: String,
    },
    /// A result import met an organiser's record (without truth).
    #[error(
        "This is an organiser's challenge record, not a challenge result; ask the organiser for the result file."
    )]
    OrganiserRecord,
    /// The document reads, but its content is refused.
    #[error("{0}")]
    Content(#[from] ChallengeError),
    /// A calendar in it is wrong.
    #[error("{0}")]
    Calendar(#[from] CalendarError),
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> DecodeError {
    DecodeError::Invalid { field: field.into(), reason: reason.into() }
}

fn parse_json(text: &str) -> Result<Value, DecodeError> {
    if text.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge { size: text.len(), max: MAX_BYTES });
    }
    serde_json::from_str(text).map_err(|e| DecodeError::NotJson { line: e.line(), column: e.column() })
}

fn schema_of(doc: &Value) -> Result<u64, DecodeError> {
    let s = doc
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| invalid("schema", "expected a whole number"))?;
    if s > u64::from(SCHEMA) {
        return Err(DecodeError::NewerSchema { found: s, supported: SCHEMA });
    }
    if s == 0 {
        return Err(invalid("schema", "unknown schema 0"));
    }
    Ok(s)
}

fn migrate(mut doc: Value, from: u64, table: &[Migration]) -> Result<Value, DecodeError> {
    let first = usize::try_from(from).map_err(|_| invalid("schema", "unknown schema"))?.saturating_sub(1);
    for step in table.iter().skip(first) {
        doc = (step.run)(doc)?;
    }
    Ok(doc)
}

fn from_value<T: for<'de> Deserialize<'de>>(doc: Value) -> Result<T, DecodeError> {
    serde_json::from_value(doc).map_err(|e| invalid("(document)", e.to_string()))
}

fn ts(field: &str, s: &str) -> Result<Timestamp, DecodeError> {
    Timestamp::parse(s).map_err(|e| invalid(field, e.to_string()))
}

fn ts_opt(field: &str, s: &Option<String>) -> Result<Option<Timestamp>, DecodeError> {
    s.as_deref().map(|s| ts(field, s)).transpose()
}

fn party(field: &str, s: &str) -> Result<Party, DecodeError> {
    Party::from_key(s).ok_or_else(|| invalid(field, "expected organiser, vo or site"))
}

fn actions_dto(actions: &[ActionItem]) -> Vec<ActionDto> {
    actions
        .iter()
        .map(|a| ActionDto {
            id: a.id.clone(),
            text: a.text.clone(),
            party: a.party.key().to_owned(),
            closed: a.closed,
        })
        .collect()
}

fn actions_from(actions: Vec<ActionDto>) -> Result<Vec<ActionItem>, DecodeError> {
    let mut out = Vec::new();
    for (n, a) in actions.into_iter().enumerate() {
        out.push(ActionItem {
            party: party(&format!("actions.{n}.party"), &a.party)?,
            id: a.id,
            text: a.text,
            closed: a.closed,
        });
    }
    Ok(out)
}

// --- DTOs ---------------------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KitRef {
    id: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowDto {
    start: String,
    end: String,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ContactDto {
    name: String,
    email: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarDto {
    zone: String,
    days: Vec<String>,
    hours: Vec<(String, String)>,
    #[serde(default)]
    holidays: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypedDto {
    text: String,
    zone: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDto {
    event: String,
    at: String,
    recorded_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typed: Option<TypedDto>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct OwnerDto {
    dn: String,
    token_issuer: String,
    token_subject: String,
    username: String,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct AnswerDto {
    owner: OwnerDto,
    jobs: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionDto {
    id: String,
    text: String,
    party: String,
    closed: bool,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct IdentityDto {
    dn: String,
    token_issuer: String,
    token_subject: String,
    username: String,
    aliases: Vec<String>,
    group_role: String,
    created_by: String,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct PayloadDto {
    vo_job_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted: Option<String>,
    site: String,
    ce: String,
    batch_job_id: String,
    worker_node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ended: Option<String>,
    pilot_id: String,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct MarkerDto {
    callback: String,
    token: String,
    process_name: String,
    file_name: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthDto {
    identity: IdentityDto,
    #[serde(default)]
    payloads: Vec<PayloadDto>,
    #[serde(default)]
    pointer_payload: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pointer: Option<String>,
    #[serde(default)]
    marker: MarkerDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expected_suspension_by: Option<String>,
    #[serde(default)]
    notes: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordDto {
    format: String,
    schema: u32,
    kit: KitRef,
    id: String,
    vo: String,
    framework: String,
    variant: String,
    alerted: String,
    window: WindowDto,
    tlp: String,
    depth_target: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    depth_observed: Option<u8>,
    #[serde(default)]
    organiser: ContactDto,
    #[serde(default)]
    vo_contact: ContactDto,
    #[serde(default)]
    site: ContactDto,
    calendars: BTreeMap<String, CalendarDto>,
    #[serde(default)]
    overrides: BTreeMap<String, f64>,
    #[serde(default)]
    events: Vec<EventDto>,
    #[serde(default)]
    answer: AnswerDto,
    #[serde(default)]
    trace_fields: Vec<String>,
    #[serde(default)]
    attestations: BTreeMap<String, bool>,
    #[serde(default)]
    went_well: Vec<String>,
    #[serde(default)]
    actions: Vec<ActionDto>,
    created: String,
    revision: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    truth: Option<TruthDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<String>,
}

// --- record: encode -----------------------------------------------------------------------------

fn calendar_dto(c: &WorkCalendar) -> CalendarDto {
    CalendarDto {
        zone: c.zone.clone(),
        days: c.day_names().into_iter().map(str::to_owned).collect(),
        hours: c.hours.iter().map(|(a, b)| (format_hhmm(*a), format_hhmm(*b))).collect(),
        holidays: c.holidays.iter().map(Date::to_string).collect(),
    }
}

fn truth_dto(t: &SealedTruth) -> TruthDto {
    let i = &t.identity;
    TruthDto {
        identity: IdentityDto {
            dn: i.dn.clone(),
            token_issuer: i.token_issuer.clone(),
            token_subject: i.token_subject.clone(),
            username: i.username.clone(),
            aliases: i.aliases.clone(),
            group_role: i.group_role.clone(),
            created_by: i.created_by.clone(),
        },
        payloads: t
            .payloads
            .iter()
            .map(|p| PayloadDto {
                vo_job_id: p.vo_job_id.clone(),
                submitted: p.submitted.map(|t| t.to_string()),
                site: p.site.clone(),
                ce: p.ce.clone(),
                batch_job_id: p.batch_job_id.clone(),
                worker_node: p.worker_node.clone(),
                started: p.started.map(|t| t.to_string()),
                ended: p.ended.map(|t| t.to_string()),
                pilot_id: p.pilot_id.clone(),
            })
            .collect(),
        pointer_payload: t.pointer_payload,
        pointer: t.pointer.map(|p| p.key().to_owned()),
        marker: MarkerDto {
            callback: t.marker.callback.clone(),
            token: t.marker.token.clone(),
            process_name: t.marker.process_name.clone(),
            file_name: t.marker.file_name.clone(),
        },
        expected_suspension_by: t.expected_suspension_by.map(|t| t.to_string()),
        notes: t.notes.clone(),
    }
}

/// Writes an organiser's record. With `include_truth` (the organiser's own storage, or the
/// explicit TLP:RED export) the truth is written and the document marked `sealed` with the kit's
/// sealed label; without it (the plain export) the truth is left out.
pub fn encode_record(kit: &Kit, record: &OrganiserRecord, include_truth: bool) -> String {
    let c = &record.challenge;
    let truth = if include_truth { record.truth.as_ref().map(truth_dto) } else { None };
    let sealed = truth
        .as_ref()
        .map(|_| kit.tlp(&kit.tlp_sealed).map_or_else(|| kit.tlp_sealed.clone(), |t| t.label.clone()));
    let dto = RecordDto {
        format: RECORD_FORMAT.to_owned(),
        schema: SCHEMA,
        kit: KitRef { id: kit.id.clone(), version: kit.version.clone() },
        id: c.id.to_string(),
        vo: c.vo.clone(),
        framework: c.framework.clone(),
        variant: c.variant.clone(),
        alerted: c.alerted.key().to_owned(),
        window: WindowDto { start: c.window_start.to_string(), end: c.window_end.to_string() },
        tlp: c.tlp.clone(),
        depth_target: c.depth_target,
        depth_observed: c.depth_observed,
        organiser: ContactDto { name: c.organiser.name.clone(), email: c.organiser.email.clone() },
        vo_contact: ContactDto { name: c.vo_contact.name.clone(), email: c.vo_contact.email.clone() },
        site: ContactDto { name: c.site.name.clone(), email: c.site.email.clone() },
        calendars: c.calendars.iter().map(|(p, cal)| (p.key().to_owned(), calendar_dto(cal))).collect(),
        overrides: c.overrides.clone(),
        events: c
            .events
            .iter()
            .map(|e| EventDto {
                event: e.event.clone(),
                at: e.at.to_string(),
                recorded_by: e.recorded_by.key().to_owned(),
                note: e.note.clone(),
                typed: e
                    .typed
                    .as_ref()
                    .map(|(text, zone)| TypedDto { text: text.clone(), zone: zone.clone() }),
            })
            .collect(),
        answer: AnswerDto {
            owner: OwnerDto {
                dn: c.answer.owner.dn.clone(),
                token_issuer: c.answer.owner.token_issuer.clone(),
                token_subject: c.answer.owner.token_subject.clone(),
                username: c.answer.owner.username.clone(),
            },
            jobs: c.answer.jobs.clone(),
        },
        trace_fields: c.trace_fields.iter().cloned().collect(),
        attestations: c.attestations.clone(),
        went_well: c.went_well.clone(),
        actions: actions_dto(&c.actions),
        created: c.created.to_string(),
        revision: c.revision,
        truth,
        sealed,
    };
    serde_json::to_string_pretty(&dto).unwrap_or_default()
}

// --- record: decode -----------------------------------------------------------------------------

fn calendar_from(field: &str, d: CalendarDto) -> Result<WorkCalendar, ChallengeDecodeError> {
    let days = WorkCalendar::days_from_names(&d.days)?;
    let mut hours = Vec::new();
    for (a, b) in &d.hours {
        match (parse_hhmm(a), parse_hhmm(b)) {
            (Some(a), Some(b)) => hours.push((a, b)),
            _ => {
                return Err(invalid(format!("{field}.hours"), "expected [\"HH:MM\", \"HH:MM\"] pairs").into());
            }
        }
    }
    let mut holidays = BTreeSet::new();
    for h in &d.holidays {
        holidays.insert(Date::parse(h).map_err(|e| invalid(format!("{field}.holidays"), e.to_string()))?);
    }
    Ok(WorkCalendar::new(&d.zone, days, hours, holidays)?)
}

fn truth_from(d: TruthDto) -> Result<SealedTruth, DecodeError> {
    let i = d.identity;
    let mut payloads = Vec::new();
    for (n, p) in d.payloads.into_iter().enumerate() {
        let f = |x: &str| format!("truth.payloads.{n}.{x}");
        payloads.push(Payload {
            submitted: ts_opt(&f("submitted"), &p.submitted)?,
            started: ts_opt(&f("started"), &p.started)?,
            ended: ts_opt(&f("ended"), &p.ended)?,
            vo_job_id: p.vo_job_id,
            site: p.site,
            ce: p.ce,
            batch_job_id: p.batch_job_id,
            worker_node: p.worker_node,
            pilot_id: p.pilot_id,
        });
    }
    let pointer = match d.pointer.as_deref() {
        None => None,
        Some(p) => {
            Some(PointerKind::from_key(p).ok_or_else(|| invalid("truth.pointer", "expected batch or node"))?)
        }
    };
    Ok(SealedTruth {
        identity: TestIdentity {
            dn: i.dn,
            token_issuer: i.token_issuer,
            token_subject: i.token_subject,
            username: i.username,
            aliases: i.aliases,
            group_role: i.group_role,
            created_by: i.created_by,
        },
        payloads,
        pointer_payload: d.pointer_payload,
        pointer,
        marker: Marker {
            callback: d.marker.callback,
            token: d.marker.token,
            process_name: d.marker.process_name,
            file_name: d.marker.file_name,
        },
        expected_suspension_by: ts_opt("truth.expected_suspension_by", &d.expected_suspension_by)?,
        notes: d.notes,
    })
}

/// Reads an organiser's record (truth allowed), telling the schema it was written in.
pub fn decode_record(text: &str) -> Result<(OrganiserRecord, u32), ChallengeDecodeError> {
    record_from(parse_json(text)?)
}

/// Reads a parsed organiser's record: as `decode_record`.
fn record_from(doc: Value) -> Result<(OrganiserRecord, u32), ChallengeDecodeError> {
    let found = doc.get("format").and_then(Value::as_str).unwrap_or("none");
    if found != RECORD_FORMAT {
        return Err(ChallengeDecodeError::NotAChallenge { found: found.chars().take(60).collect() });
    }
    let schema = schema_of(&doc)?;
    let d: RecordDto = from_value(migrate(doc, schema, RECORD_MIGRATIONS)?)?;
    let id = ChallengeId::parse(&d.id).map_err(|e| invalid("id", e.to_string()))?;
    let mut calendars = BTreeMap::new();
    for (k, cal) in d.calendars {
        let p = party("calendars", &k)?;
        calendars.insert(p, calendar_from(&format!("calendars.{k}"), cal)?);
    }
    let mut events = Vec::new();
    for (n, e) in d.events.into_iter().enumerate() {
        events.push(EventRecord {
            at: ts(&format!("events.{n}.at"), &e.at)?,
            recorded_by: party(&format!("events.{n}.recorded_by"), &e.recorded_by)?,
            event: e.event,
            note: e.note,
            typed: e.typed.map(|t| (t.text, t.zone)),
        });
    }
    let actions = actions_from(d.actions)?;
    let challenge = Challenge {
        id,
        vo: d.vo,
        framework: d.framework,
        variant: d.variant,
        alerted: party("alerted", &d.alerted)?,
        window_start: ts("window.start", &d.window.start)?,
        window_end: ts("window.end", &d.window.end)?,
        tlp: d.tlp,
        depth_target: d.depth_target,
        depth_observed: d.depth_observed,
        organiser: Contact { name: d.organiser.name, email: d.organiser.email },
        vo_contact: Contact { name: d.vo_contact.name, email: d.vo_contact.email },
        site: Contact { name: d.site.name, email: d.site.email },
        calendars,
        overrides: d.overrides,
        events,
        answer: VoAnswer {
            owner: OwnerClaim {
                dn: d.answer.owner.dn,
                token_issuer: d.answer.owner.token_issuer,
                token_subject: d.answer.owner.token_subject,
                username: d.answer.owner.username,
            },
            jobs: d.answer.jobs,
        },
        trace_fields: d.trace_fields.into_iter().collect(),
        attestations: d.attestations,
        went_well: d.went_well,
        actions,
        created: ts("created", &d.created)?,
        revision: d.revision,
    };
    let truth = d.truth.map(truth_from).transpose()?;
    let schema = u32::try_from(schema).unwrap_or(SCHEMA);
    Ok((OrganiserRecord { challenge, truth }, schema))
}

/// Reads and checks an organiser's record against the kit and the clock (for an import:
/// nothing is stored unless this succeeds).
pub fn import_record(kit: &Kit, text: &str, now: Timestamp) -> Result<OrganiserRecord, ChallengeDecodeError> {
    let (record, _) = decode_record(text)?;
    validate(kit, &record.challenge, now)?;
    if let Some(t) = &record.truth {
        validate_truth(t, now)?;
    }
    Ok(record)
}

// --- result -------------------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdDto {
    id: String,
    title: String,
    kit_value: f64,
    value: f64,
    unit: String,
    sources: Vec<String>,
    status: String,
    #[serde(default)]
    note: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckDto {
    id: String,
    label: String,
    outcome: String,
    value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    threshold: Option<ThresholdDto>,
    #[serde(default)]
    fatal: bool,
    #[serde(default)]
    advisory: bool,
    party: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionDto {
    id: String,
    title: String,
    rule: String,
    basis: String,
    outcome: String,
    checks: Vec<CheckDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationDto {
    id: String,
    title: String,
    applies: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    working_hours: Option<f64>,
    calendar: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultEventDto {
    event: String,
    at: String,
    recorded_by: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultDto {
    format: String,
    schema: u32,
    kit: KitRef,
    id: String,
    vo: String,
    #[serde(default)]
    site: String,
    framework: String,
    variant: String,
    alerted: String,
    tlp: String,
    date: String,
    window: WindowDto,
    closed: bool,
    events: Vec<ResultEventDto>,
    durations: Vec<DurationDto>,
    criteria: Vec<CriterionDto>,
    overall: String,
    failing: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    depth: Option<u8>,
    #[serde(default)]
    actions: Vec<ActionDto>,
    #[serde(default)]
    went_well: Vec<String>,
}

fn status_key(s: ThresholdStatus) -> &'static str {
    match s {
        ThresholdStatus::Sourced => "sourced",
        ThresholdStatus::Unverified => "unverified",
    }
}

/// Writes a result: no truth, no notes.
pub fn encode_result(kit: &Kit, r: &ChallengeResult) -> String {
    let dto = ResultDto {
        format: RESULT_FORMAT.to_owned(),
        schema: SCHEMA,
        kit: KitRef { id: kit.id.clone(), version: r.kit_version.clone() },
        id: r.id.clone(),
        vo: r.vo.clone(),
        site: r.site.clone(),
        framework: r.framework.clone(),
        variant: r.variant.clone(),
        alerted: r.alerted.key().to_owned(),
        tlp: r.tlp.clone(),
        date: r.date.to_string(),
        window: WindowDto { start: r.window.0.to_string(), end: r.window.1.to_string() },
        closed: r.closed,
        events: r
            .events
            .iter()
            .map(|e| ResultEventDto {
                event: e.event.clone(),
                at: e.at.to_string(),
                recorded_by: e.recorded_by.key().to_owned(),
            })
            .collect(),
        durations: r
            .durations
            .iter()
            .map(|d| DurationDto {
                id: d.id.clone(),
                title: d.title.clone(),
                applies: d.applies,
                from: d.from.clone(),
                hours: d.hours,
                working_hours: d.working_hours,
                calendar: d.calendar.key().to_owned(),
                problem: d.problem.clone(),
            })
            .collect(),
        criteria: r
            .criteria
            .iter()
            .map(|c| CriterionDto {
                id: c.id.clone(),
                title: c.title.clone(),
                rule: c.rule.clone(),
                basis: c.basis.clone(),
                outcome: c.outcome.key().to_owned(),
                checks: c
                    .checks
                    .iter()
                    .map(|k| CheckDto {
                        id: k.id.clone(),
                        label: k.label.clone(),
                        outcome: k.outcome.key().to_owned(),
                        value: k.value.clone(),
                        threshold: k.threshold.as_ref().map(|t| ThresholdDto {
                            id: t.threshold.id.clone(),
                            title: t.threshold.title.clone(),
                            kit_value: t.threshold.value,
                            value: t.value,
                            unit: t.threshold.unit.clone(),
                            sources: t.threshold.sources.clone(),
                            status: status_key(t.threshold.status).to_owned(),
                            note: t.threshold.note.clone(),
                        }),
                        fatal: k.fatal,
                        advisory: k.advisory,
                        party: k.party.key().to_owned(),
                        action: k.action.clone(),
                    })
                    .collect(),
            })
            .collect(),
        overall: r.overall.key().to_owned(),
        failing: r.failing.clone(),
        depth: r.depth,
        actions: actions_dto(&r.actions),
        went_well: r.went_well.clone(),
    };
    serde_json::to_string_pretty(&dto).unwrap_or_default()
}

/// Reads a result for import into an assessment. Refuses a document with the sealed truth
/// (`TruthNotAllowed`) and an organiser's record (`OrganiserRecord`), each with its own message.
pub fn decode_result(text: &str) -> Result<ChallengeResult, ChallengeDecodeError> {
    result_from(parse_json(text)?)
}

/// Reads a parsed result: as `decode_result`.
fn result_from(doc: Value) -> Result<ChallengeResult, ChallengeDecodeError> {
    if doc.get("truth").is_some() {
        return Err(ChallengeDecodeError::TruthNotAllowed);
    }
    let found = doc.get("format").and_then(Value::as_str).unwrap_or("none");
    if found == RECORD_FORMAT {
        return Err(ChallengeDecodeError::OrganiserRecord);
    }
    if found != RESULT_FORMAT {
        return Err(ChallengeDecodeError::NotAChallenge { found: found.chars().take(60).collect() });
    }
    let schema = schema_of(&doc)?;
    let d: ResultDto = from_value(migrate(doc, schema, RESULT_MIGRATIONS)?)?;
    ChallengeId::parse(&d.id).map_err(|e| invalid("id", e.to_string()))?;
    let outcome = |f: &str, s: &str| {
        Outcome::from_key(s).ok_or_else(|| invalid(f, "expected pass, fail, pending or not-applicable"))
    };
    let mut criteria = Vec::new();
    for (i, c) in d.criteria.into_iter().enumerate() {
        let mut checks = Vec::new();
        for (j, k) in c.checks.into_iter().enumerate() {
            let f = format!("criteria.{i}.checks.{j}");
            let threshold = match k.threshold {
                None => None,
                Some(t) => {
                    let status = match t.status.as_str() {
                        "sourced" => ThresholdStatus::Sourced,
                        "unverified" => ThresholdStatus::Unverified,
                        _ => {
                            return Err(invalid(
                                format!("{f}.threshold.status"),
                                "expected sourced or unverified",
                            )
                            .into());
                        }
                    };
                    if !t.value.is_finite() || !t.kit_value.is_finite() {
                        return Err(invalid(format!("{f}.threshold.value"), "expected a number").into());
                    }
                    Some(ThresholdUsed {
                        threshold: Threshold {
                            id: t.id,
                            title: t.title,
                            value: t.kit_value,
                            unit: t.unit,
                            sources: t.sources,
                            status,
                            note: t.note,
                        },
                        value: t.value,
                    })
                }
            };
            checks.push(CheckResult {
                outcome: outcome(&format!("{f}.outcome"), &k.outcome)?,
                party: party(&format!("{f}.party"), &k.party)?,
                id: k.id,
                label: k.label,
                value: k.value,
                threshold,
                fatal: k.fatal,
                advisory: k.advisory,
                action: k.action,
            });
        }
        criteria.push(CriterionResult {
            outcome: outcome(&format!("criteria.{i}.outcome"), &c.outcome)?,
            id: c.id,
            title: c.title,
            rule: c.rule,
            basis: c.basis,
            checks,
        });
    }
    let mut durations = Vec::new();
    for (i, x) in d.durations.into_iter().enumerate() {
        if [x.hours, x.working_hours].into_iter().flatten().any(|h| !h.is_finite() || h < 0.0) {
            return Err(invalid(format!("durations.{i}"), "hours must be numbers of at least 0").into());
        }
        durations.push(DurationValue {
            calendar: party(&format!("durations.{i}.calendar"), &x.calendar)?,
            id: x.id,
            title: x.title,
            applies: x.applies,
            from: x.from,
            hours: x.hours,
            working_hours: x.working_hours,
            problem: x.problem,
        });
    }
    let mut events = Vec::new();
    for (i, e) in d.events.into_iter().enumerate() {
        events.push(ResultEvent {
            at: ts(&format!("events.{i}.at"), &e.at)?,
            recorded_by: party(&format!("events.{i}.recorded_by"), &e.recorded_by)?,
            event: e.event,
        });
    }
    let actions = actions_from(d.actions)?;
    Ok(ChallengeResult {
        id: d.id,
        vo: d.vo,
        site: d.site,
        framework: d.framework,
        variant: d.variant,
        alerted: party("alerted", &d.alerted)?,
        tlp: d.tlp,
        date: Date::parse(&d.date).map_err(|e| invalid("date", e.to_string()))?,
        window: (ts("window.start", &d.window.start)?, ts("window.end", &d.window.end)?),
        closed: d.closed,
        events,
        durations,
        criteria,
        overall: Overall::from_key(&d.overall)
            .ok_or_else(|| invalid("overall", "expected pass, partial, fail or pending"))?,
        failing: d.failing,
        depth: d.depth.filter(|d| (1..=5).contains(d)),
        actions,
        went_well: d.went_well,
        kit_version: d.kit.version,
    })
}

/// Reads a result and checks it against the kit (known framework and variant, possible times).
pub fn import_result(kit: &Kit, text: &str, now: Timestamp) -> Result<ChallengeResult, ChallengeDecodeError> {
    check_result(kit, decode_result(text)?, now)
}

/// Reads a file already read as JSON by the import (`import::json_of`: one pass over its text)
/// as a result, and checks it as `import_result` does.
pub fn import_result_json(
    kit: &Kit,
    json: Json,
    now: Timestamp,
) -> Result<ChallengeResult, ChallengeDecodeError> {
    check_result(kit, result_from(json.0)?, now)
}

fn check_result(
    kit: &Kit,
    r: ChallengeResult,
    now: Timestamp,
) -> Result<ChallengeResult, ChallengeDecodeError> {
    let unknown = |what, id: &str| ChallengeError::Unknown { what, id: id.chars().take(60).collect() };
    if kit.framework(&r.framework).is_none() {
        return Err(unknown("framework", &r.framework).into());
    }
    if kit.variant(&r.variant).is_none() {
        return Err(unknown("variant", &r.variant).into());
    }
    if r.window.1 < r.window.0 {
        return Err(ChallengeError::WindowReversed {
            start: r.window.0.to_string(),
            end: r.window.1.to_string(),
        }
        .into());
    }
    if let Some(e) = r.events.iter().find(|e| e.at > now) {
        return Err(ChallengeError::Future { event: e.event.clone(), at: e.at.to_string() }.into());
    }
    Ok(r)
}

/// The request the page posts to the PDF worker for one of a challenge's PDFs:
/// `{"format":"ti-assess.challenge-pdf","document":"debrief","record":{…}}`, the record as
/// `encode_record` writes it *with* the truth (scoring and the leak check need it; the
/// worker is this page's own and keeps nothing). Which parts of the truth a PDF prints is
/// `challenge::report`'s decision, not the request's.
pub fn encode_pdf_request(kit: &Kit, record: &OrganiserRecord, document: Document) -> String {
    let record: Value = serde_json::from_str(&encode_record(kit, record, true)).unwrap_or(Value::Null);
    serde_json::json!({ "format": PDF_REQUEST_FORMAT, "document": document.key(), "record": record })
        .to_string()
}

/// Reads a request `encode_pdf_request` wrote: the record (through `decode_record`) and which
/// PDF.
pub fn decode_pdf_request(text: &str) -> Result<(OrganiserRecord, Document), ChallengeDecodeError> {
    let mut doc = parse_json(text)?;
    let found = doc.get("format").and_then(Value::as_str).unwrap_or("none");
    if found != PDF_REQUEST_FORMAT {
        return Err(ChallengeDecodeError::NotAChallenge { found: found.chars().take(60).collect() });
    }
    let document = doc
        .get("document")
        .and_then(Value::as_str)
        .and_then(Document::from_key)
        .ok_or_else(|| invalid("document", "expected report, debrief, debrief-revealed or alert"))?;
    // Taken out of the request as it was parsed: its text is read once.
    let record = doc.get_mut("record").map(Value::take).ok_or_else(|| invalid("record", "missing"))?;
    let (record, _) = record_from(record)?;
    Ok((record, document))
}
