//! The challenge kit's data, as the engine reads it: variants, events, durations, criteria with
//! their thresholds, the result rule, alert templates, proposals, contradiction rules and zone
//! rules. The file `questions/challenge.toml` is read and validated by `catalog` (its raw shape
//! and checks live in `catalog::kit`, its loader is `catalog::builtin_kit`).
//!
//! Invariant: a `Kit` built by `catalog` has unique IDs and every reference in it (event,
//! duration, threshold, attestation, safety text, party, source, zone, template placeholder, and
//! the questions and thresholds of the question sets its proposals and claims name) resolves, so
//! the engine (`score`, `views`, `feed`) never meets a dangling ID.

use super::calendar::WorkCalendar;
use super::outcome::{Outcome, Overall};
use super::zone::Zone;
use crate::model::{Condition, Respondent, Severity, Source, Threshold};

/// A condition on a challenge result.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// A check (`C2.identity`) has this outcome.
    Check(String, Outcome),
    /// A criterion has this outcome.
    Criterion(String, Outcome),
    /// The overall result is this.
    Overall(Overall),
    /// The challenge has this property.
    Flag(Flag),
    /// An event was recorded (`true`) or not.
    Event(String, bool),
    /// A duration, in a unit, is above a kit threshold (as used in that challenge).
    DurationAbove(String, Unit, String),
    /// A party has at least one open action item.
    OpenActions(Party),
    /// Any holds.
    Any(Vec<Finding>),
    /// All hold.
    All(Vec<Finding>),
    /// Does not hold.
    Not(Box<Finding>),
}

/// A fixed answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Fixed {
    /// A select option.
    Option(String),
    /// A choice key.
    Choice(String),
}

/// Where a proposed answer comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueSource {
    /// The challenge date.
    ChallengeDate,
    /// The date of an event.
    EventDate(String),
    /// A fixed answer.
    Fixed(Fixed),
    /// A duration in hours or working hours.
    Hours(String, Unit),
    /// Open action items of a party.
    OpenActions(Party),
    /// A text template.
    Text(String),
    /// The first case whose finding holds.
    Cases(Vec<(Finding, Fixed)>),
}

/// A party of a challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// The CSIRT or the working group running it.
    Organiser,
    /// The VO's security contact.
    Vo,
    /// The site's security contact.
    Site,
}

impl Party {
    /// All parties.
    pub const ALL: [Party; 3] = [Party::Organiser, Party::Vo, Party::Site];

    /// Key in data files.
    pub fn key(self) -> &'static str {
        match self {
            Party::Organiser => "organiser",
            Party::Vo => "vo",
            Party::Site => "site",
        }
    }

    /// The party with this key.
    pub fn from_key(key: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A party named directly or as "whoever got the alert".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyRef {
    /// That party.
    Is(Party),
    /// The party the first alert went to.
    Alerted,
}

impl PartyRef {
    /// The party for a challenge whose alert went to `alerted`.
    pub fn resolve(self, alerted: Party) -> Party {
        match self {
            PartyRef::Is(p) => p,
            PartyRef::Alerted => alerted,
        }
    }
}

/// Properties of a challenge that decide what applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// The site is involved (alert to the site).
    Site,
    /// The VO is alerted directly (retro trace).
    VoAlerted,
    /// The VO must suspend.
    Suspension,
}

impl Flag {
    /// Key in data files.
    pub fn key(self) -> &'static str {
        match self {
            Flag::Site => "site",
            Flag::VoAlerted => "vo-alerted",
            Flag::Suspension => "suspension",
        }
    }

    /// The flag with this key.
    pub fn from_key(key: &str) -> Option<Flag> {
        [Flag::Site, Flag::VoAlerted, Flag::Suspension].into_iter().find(|f| f.key() == key)
    }
}

/// When an event, duration or criterion applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// Always.
    Always,
    /// When the flag holds.
    When(Flag),
}

impl Applies {
    /// `always` or a flag's key.
    pub fn parse(key: &str) -> Option<Applies> {
        if key == "always" { Some(Applies::Always) } else { Flag::from_key(key).map(Applies::When) }
    }

    /// Whether it applies given the challenge's flags.
    pub fn holds(self, flags: &[Flag]) -> bool {
        match self {
            Applies::Always => true,
            Applies::When(f) => flags.contains(&f),
        }
    }
}

/// Units thresholds and durations are compared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Wall-clock hours.
    Hours,
    /// Working hours of the duration's calendar.
    WorkingHours,
    /// Wall-clock days.
    Days,
    /// Percent.
    Percent,
}

impl Unit {
    /// The unit as written in data files.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Hours => "hours",
            Unit::WorkingHours => "working hours",
            Unit::Days => "days",
            Unit::Percent => "%",
        }
    }

    /// The unit with this key.
    pub fn from_key(key: &str) -> Option<Unit> {
        [Unit::Hours, Unit::WorkingHours, Unit::Days, Unit::Percent].into_iter().find(|u| u.key() == key)
    }
}

/// A variant.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantDef {
    /// `V1` …
    pub id: String,
    /// Title.
    pub title: String,
    /// What it tests.
    pub description: String,
    /// Parties the first alert may go to; the first is the default.
    pub alerted: Vec<Party>,
    /// Adds the suspension criterion.
    pub suspension: bool,
    /// Sources.
    pub sources: Vec<String>,
}

/// A job framework.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkDef {
    /// ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// What its VO job ID is called.
    pub job_id: String,
}

/// A TLP label.
#[derive(Clone, Debug, PartialEq)]
pub struct TlpDef {
    /// `AMBER` …
    pub id: String,
    /// `TLP:AMBER` …
    pub label: String,
    /// Meaning.
    pub meaning: String,
}

/// An event of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDef {
    /// `E0` …
    pub id: String,
    /// Title.
    pub title: String,
    /// Parties that normally record it; the first is the default.
    pub recorded_by: Vec<Party>,
    /// When it applies.
    pub applies: Applies,
    /// Events that must not be later than this one.
    pub not_before: Vec<String>,
    /// Recording it closes the challenge.
    pub closes: bool,
}

/// A derived duration.
#[derive(Clone, Debug, PartialEq)]
pub struct DurationDef {
    /// ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Start events, the first recorded wins.
    pub from: Vec<String>,
    /// End event.
    pub to: String,
    /// Whose working hours.
    pub calendar: PartyRef,
    /// When it applies.
    pub applies: Applies,
}

/// What a check tests (the engine's vocabulary).
#[derive(Clone, Debug, PartialEq)]
pub enum CheckKind {
    /// A duration at most the threshold.
    DurationMax(String),
    /// The named owner equals the truth.
    Identity,
    /// Recall of the job list at least the threshold.
    RecallMin,
    /// Precision of the job list at least the threshold.
    PrecisionMin,
    /// Core trace-request fields present at least the threshold.
    FieldsMin,
    /// No true payload started after the event.
    NoStartAfter(String),
    /// The organiser's yes/no.
    Attested(String),
    /// A payload at least the threshold old (by this duration) was traced to its owner.
    AgedTrace(String),
}

/// A check of a criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckDef {
    /// ID within the criterion.
    pub id: String,
    /// Label.
    pub label: String,
    /// What it tests.
    pub kind: CheckKind,
    /// Threshold ID.
    pub threshold: Option<String>,
    /// A failure makes the result FAIL.
    pub fatal: bool,
    /// Shown, but does not decide the criterion.
    pub advisory: bool,
    /// Whose action item a failure makes.
    pub party: PartyRef,
    /// The action item template.
    pub action: String,
}

/// A criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionDef {
    /// `C1` …
    pub id: String,
    /// Title.
    pub title: String,
    /// Pass rule in words.
    pub rule: String,
    /// Basis in words.
    pub basis: String,
    /// When it applies.
    pub applies: Applies,
    /// Its checks.
    pub checks: Vec<CheckDef>,
}

/// An attestation or a trace-request field: something the organiser ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// Sources.
    pub sources: Vec<String>,
    /// Note.
    pub note: String,
}

/// What shows a depth level was reached.
#[derive(Clone, Debug, PartialEq)]
pub enum Implied {
    /// The event was recorded.
    Event(String),
    /// The check (`C2.identity`) passed.
    Check(String),
}

/// A level of the depth scale.
#[derive(Clone, Debug, PartialEq)]
pub struct DepthLevel {
    /// 1–5.
    pub level: u8,
    /// Label.
    pub label: String,
    /// Description.
    pub description: String,
    /// What shows it.
    pub implied_by: Option<Implied>,
}

/// How the VO alert points at the payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    /// Site, CE and batch job ID.
    Batch,
    /// Worker node and time window.
    Node,
}

impl PointerKind {
    /// Key in data files.
    pub fn key(self) -> &'static str {
        match self {
            PointerKind::Batch => "batch",
            PointerKind::Node => "node",
        }
    }

    /// From the key.
    pub fn from_key(key: &str) -> Option<PointerKind> {
        [PointerKind::Batch, PointerKind::Node].into_iter().find(|p| p.key() == key)
    }
}

/// An alert template.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertTemplate {
    /// ID.
    pub id: String,
    /// Who it goes to.
    pub audience: Party,
    /// For VO alerts: the pointer it fills in.
    pub pointer: Option<PointerKind>,
    /// Subject template.
    pub subject: String,
    /// Body template.
    pub body: String,
    /// Safety text IDs (the first goes on top).
    pub safety: Vec<String>,
}

/// The kind of answer a proposal fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKindName {
    /// Date.
    Date,
    /// Select option.
    Select,
    /// Yes / Partly / No / Don't know.
    Choice,
    /// Number.
    Number,
    /// Text.
    Text,
}

/// A proposal an imported result makes to an assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalDef {
    /// Whose assessment.
    pub respondent: Respondent,
    /// Question ID.
    pub question: String,
    /// Answer kind.
    pub kind: AnswerKindName,
    /// Where the value comes from.
    pub value: ValueSource,
    /// Finding that must hold.
    pub when: Option<Finding>,
    /// Evidence template.
    pub evidence: String,
}

/// A contradiction rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ContradictionDef {
    /// ID.
    pub id: String,
    /// Whose assessment.
    pub respondent: Respondent,
    /// Recommendation ID.
    pub recommendation: String,
    /// Severity of the gap.
    pub severity: Severity,
    /// What the assessment claims, in the question files' condition language, validated against
    /// the respondent's built-in question set.
    pub claim: Condition,
    /// What the challenge shows.
    pub finding: Finding,
    /// Message template.
    pub message: String,
    /// What to do.
    pub action: String,
}

/// Which trace document a time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceDocument {
    /// The site's trace request to the VO.
    Request,
    /// The VO's reply.
    Reply,
}

impl TraceDocument {
    /// As written in data files.
    pub fn key(self) -> &'static str {
        match self {
            TraceDocument::Request => "trace-request",
            TraceDocument::Reply => "trace-reply",
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            TraceDocument::Request => "trace request",
            TraceDocument::Reply => "reply",
        }
    }
}

/// An event whose time a trace document gives: the moment the document was written.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentEvent {
    /// The document.
    pub document: TraceDocument,
    /// Event ID.
    pub event: String,
    /// Who gave the time (the document's author).
    pub recorded_by: Party,
    /// Only when this trace field has a value.
    pub when_field: Option<String>,
    /// Only when the challenge has no time for the event yet (an acknowledgement recorded
    /// earlier is not replaced by the later reply).
    pub only_if_missing: bool,
}

/// A duration column of the working group's table of challenges (the Collect view, its CSV and
/// the aggregate PDF).
#[derive(Clone, Debug, PartialEq)]
pub struct CollectColumn {
    /// Column header.
    pub header: String,
    /// Duration ID.
    pub duration: String,
    /// Unit the value is shown in (never percent).
    pub unit: Unit,
}

/// The validated kit.
#[derive(Clone, Debug, PartialEq)]
pub struct Kit {
    /// Kit ID.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Sources of its own (C-nn).
    pub sources: Vec<Source>,
    /// Party labels.
    pub parties: Vec<(Party, String)>,
    /// Variants.
    pub variants: Vec<VariantDef>,
    /// Frameworks.
    pub frameworks: Vec<FrameworkDef>,
    /// TLP labels.
    pub tlps: Vec<TlpDef>,
    /// Default TLP of alerts.
    pub tlp_alerts: String,
    /// TLP of a file that holds the sealed truth.
    pub tlp_sealed: String,
    /// Events.
    pub events: Vec<EventDef>,
    /// Durations.
    pub durations: Vec<DurationDef>,
    /// Thresholds.
    pub thresholds: Vec<Threshold>,
    /// Criteria.
    pub criteria: Vec<CriterionDef>,
    /// Criteria required for PASS.
    pub required: Vec<String>,
    /// The event whose day is the challenge date.
    pub date_event: String,
    /// Attestations (C6).
    pub attestations: Vec<Item>,
    /// Trace-request core fields (C4).
    pub trace_fields: Vec<Item>,
    /// Depth scale.
    pub depth: Vec<DepthLevel>,
    /// Safety texts.
    pub safety: Vec<(String, String)>,
    /// Alert templates.
    pub alerts: Vec<AlertTemplate>,
    /// Proposals.
    pub proposals: Vec<ProposalDef>,
    /// Contradiction rules.
    pub contradictions: Vec<ContradictionDef>,
    /// The duration columns of the table of challenges.
    pub collect_columns: Vec<CollectColumn>,
    /// The events trace documents give the times of.
    pub document_events: Vec<DocumentEvent>,
    /// Default working calendar.
    pub default_calendar: WorkCalendar,
    /// Zone rules.
    pub zones: Vec<Zone>,
}

impl Kit {
    /// A variant by ID.
    pub fn variant(&self, id: &str) -> Option<&VariantDef> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// A framework by ID.
    pub fn framework(&self, id: &str) -> Option<&FrameworkDef> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// A TLP label by ID.
    pub fn tlp(&self, id: &str) -> Option<&TlpDef> {
        self.tlps.iter().find(|t| t.id == id)
    }

    /// An event by ID.
    pub fn event(&self, id: &str) -> Option<&EventDef> {
        self.events.iter().find(|e| e.id == id)
    }

    /// A duration by ID.
    pub fn duration(&self, id: &str) -> Option<&DurationDef> {
        self.durations.iter().find(|d| d.id == id)
    }

    /// A threshold by ID.
    pub fn threshold(&self, id: &str) -> Option<&Threshold> {
        self.thresholds.iter().find(|t| t.id == id)
    }

    /// A criterion by ID.
    pub fn criterion(&self, id: &str) -> Option<&CriterionDef> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// A zone by ID.
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// A safety text by ID.
    pub fn safety_text(&self, id: &str) -> Option<&str> {
        self.safety.iter().find(|(i, _)| i == id).map(|(_, t)| t.as_str())
    }

    /// The label of a party.
    pub fn party_label(&self, p: Party) -> &str {
        self.parties.iter().find(|(q, _)| *q == p).map_or(p.key(), |(_, l)| l.as_str())
    }
}
