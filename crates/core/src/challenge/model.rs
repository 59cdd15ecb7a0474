//! A challenge as the organiser keeps it: the public record (`Challenge`) and, apart from it, the
//! sealed ground truth (`SealedTruth`).
//!
//! Why two types: everything the app gives to the VO or the site (alerts, result, debrief) is
//! built from a `Challenge` plus explicit, narrow extracts of the truth (`views::VoPointer`,
//! `views::SiteIndicator`). A `Challenge` has no field that can hold the test identity, a token,
//! a payload ID or the marker, so no view can leak them by accident; the organiser's record
//! pairs the two only in `OrganiserRecord`, which persist writes with the truth only on an
//! explicit TLP:RED export.
//!
//! Invariant: `Challenge::record_event` and `validate` refuse an impossible timeline (an event in
//! the future, or one before an event it must follow), so a stored challenge never holds one.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::WorkCalendar;
use super::id::{ChallengeId, IdError};
use super::identity::{OwnerClaim, TestIdentity};
use super::kit::{Flag, Kit, Party, PointerKind};
use crate::time::Timestamp;

/// Longest free text in a challenge field (notes, actions, went-well items).
pub const MAX_TEXT: usize = 4000;

/// A person or team to write to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    /// Name of the team or person.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

/// One recorded event of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    /// Event ID (`E3`).
    pub event: String,
    /// When, UTC.
    pub at: Timestamp,
    /// Who gave the time.
    pub recorded_by: Party,
    /// A note (the channel, who answered, …).
    pub note: String,
    /// How it was entered: the typed text and its zone, or `None` for the "now" button.
    pub typed: Option<(String, String)>,
}

/// An action item from the debrief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    /// Stable ID (`C2.identity` for one a failed check made, `manual-N` for one typed).
    pub id: String,
    /// What to do.
    pub text: String,
    /// Whose action it is.
    pub party: Party,
    /// Done.
    pub closed: bool,
}

/// The VO's answer, as the organiser enters it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VoAnswer {
    /// The owner the VO named.
    pub owner: OwnerClaim,
    /// The owner's jobs the VO listed (VO job IDs, as given).
    pub jobs: Vec<String>,
}

/// The public record of a challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Challenge {
    /// The ID.
    pub id: ChallengeId,
    /// The VO.
    pub vo: String,
    /// Job framework ID (kit).
    pub framework: String,
    /// Variant ID (kit).
    pub variant: String,
    /// Whom the first alert goes to.
    pub alerted: Party,
    /// Start of the challenge window.
    pub window_start: Timestamp,
    /// End of the challenge window.
    pub window_end: Timestamp,
    /// TLP label ID of its communications.
    pub tlp: String,
    /// Reachability depth aimed at (1–5).
    pub depth_target: u8,
    /// Depth observed, set by the organiser (1–5).
    pub depth_observed: Option<u8>,
    /// The organiser.
    pub organiser: Contact,
    /// The VO security contact.
    pub vo_contact: Contact,
    /// The site (its name, and its security contact in V2).
    pub site: Contact,
    /// Working-hours calendars.
    pub calendars: BTreeMap<Party, WorkCalendar>,
    /// Threshold values the organiser changed for this challenge.
    pub overrides: BTreeMap<String, f64>,
    /// The timeline.
    pub events: Vec<EventRecord>,
    /// The VO's answer.
    pub answer: VoAnswer,
    /// Trace-request fields the site's request contained (C4).
    pub trace_fields: BTreeSet<String>,
    /// The organiser's yes/no per attestation (C6).
    pub attestations: BTreeMap<String, bool>,
    /// What went well (debrief).
    pub went_well: Vec<String>,
    /// Action items typed by the organiser, and the state of derived ones.
    pub actions: Vec<ActionItem>,
    /// When it was created.
    pub created: Timestamp,
    /// Incremented on every change.
    pub revision: u64,
}

/// A payload the organiser ran (truth).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Payload {
    /// VO job ID (DIRAC JobID, PandaID, GlobalJobId, queue ID).
    pub vo_job_id: String,
    /// Submitted, UTC.
    pub submitted: Option<Timestamp>,
    /// Site name.
    pub site: String,
    /// CE host.
    pub ce: String,
    /// Batch job ID at the site.
    pub batch_job_id: String,
    /// Worker node host.
    pub worker_node: String,
    /// Started (first call-back).
    pub started: Option<Timestamp>,
    /// Ended (last call-back).
    pub ended: Option<Timestamp>,
    /// Pilot ID, if known.
    pub pilot_id: String,
}

/// The harmless marker the payload carries (truth).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marker {
    /// Call-back address: URL, domain or IP:port.
    pub callback: String,
    /// The per-run token the payload sends.
    pub token: String,
    /// Process name on the worker node.
    pub process_name: String,
    /// Marker file name in the sandbox.
    pub file_name: String,
}

/// The ground truth, kept by the organiser only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SealedTruth {
    /// The identity the payloads ran under.
    pub identity: TestIdentity,
    /// Every payload.
    pub payloads: Vec<Payload>,
    /// Which payload the VO alert points at (index into `payloads`).
    pub pointer_payload: usize,
    /// How the VO alert points at it.
    pub pointer: Option<PointerKind>,
    /// The marker.
    pub marker: Marker,
    /// When the suspension should take effect at the latest.
    pub expected_suspension_by: Option<Timestamp>,
    /// Private notes.
    pub notes: String,
}

/// The organiser's record: the public challenge and, if entered, the truth.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganiserRecord {
    /// The public part.
    pub challenge: Challenge,
    /// The sealed part.
    pub truth: Option<SealedTruth>,
}

/// Why a challenge or a change to it is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ChallengeError {
    /// The test identity cannot be read.
    #[error("{0}")]
    Identity(#[from] super::identity::IdentityError),
    /// The ID is wrong or names another VO.
    #[error("{0}")]
    Id(#[from] IdError),
    /// An ID of the kit is unknown.
    #[error("Unknown {what} `{id}`.")]
    Unknown {
        /// What kind of ID.
        what: &'static str,
        /// The ID (cut).
        id: String,
    },
    /// The alert cannot go to that party in this variant.
    #[error("In variant {variant} the alert cannot go to the {party}.")]
    AlertedNotAllowed {
        /// Variant.
        variant: String,
        /// Party key.
        party: &'static str,
    },
    /// The window ends before it starts.
    #[error("The window ends ({end}) before it starts ({start}).")]
    WindowReversed {
        /// Start.
        start: String,
        /// End.
        end: String,
    },
    /// An event lies in the future.
    #[error("{event} is in the future ({at}); record it when it has happened.")]
    Future {
        /// Event ID.
        event: String,
        /// Its time.
        at: String,
    },
    /// An event is before one it must follow.
    #[error("{event} ({at}) cannot be before {other} ({other_at}).")]
    Order {
        /// Event ID.
        event: String,
        /// Its time.
        at: String,
        /// The event it must follow.
        other: String,
        /// That one's time.
        other_at: String,
    },
    /// The event does not apply to this challenge.
    #[error("{event} does not apply to this challenge ({variant}, alert to the {alerted}).")]
    NotApplicable {
        /// Event ID.
        event: String,
        /// Variant.
        variant: String,
        /// Alerted party.
        alerted: &'static str,
    },
    /// A depth outside 1–5.
    #[error("The depth is a level from 1 to 5.")]
    Depth,
    /// A text is too long or has control characters.
    #[error("The {0} is too long or contains control characters.")]
    Text(&'static str),
    /// A threshold override that is not a number of at least 0, or of an unknown threshold.
    #[error("The value for threshold `{0}` must be a number of at least 0.")]
    Override(String),
    /// A payload's times are impossible.
    #[error("Payload {index}: {problem}.")]
    Payload {
        /// 1-based index.
        index: usize,
        /// What is wrong.
        problem: &'static str,
    },
}

/// Checks a free text: length and no control characters but line breaks and tabs.
pub fn check_text(s: &str, what: &'static str) -> Result<(), ChallengeError> {
    if s.chars().count() > MAX_TEXT || s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(ChallengeError::Text(what));
    }
    Ok(())
}

impl Challenge {
    /// A new challenge with the kit's default calendars and TLP label.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        kit: &Kit,
        id: ChallengeId,
        vo: &str,
        framework: &str,
        variant: &str,
        alerted: Party,
        window: (Timestamp, Timestamp),
        now: Timestamp,
    ) -> Result<Self, ChallengeError> {
        let calendars = Party::ALL.into_iter().map(|p| (p, kit.default_calendar.clone())).collect();
        let c = Challenge {
            id,
            vo: vo.trim().to_owned(),
            framework: framework.to_owned(),
            variant: variant.to_owned(),
            alerted,
            window_start: window.0,
            window_end: window.1,
            tlp: kit.tlp_alerts.clone(),
            depth_target: 4,
            depth_observed: None,
            organiser: Contact::default(),
            vo_contact: Contact::default(),
            site: Contact::default(),
            calendars,
            overrides: BTreeMap::new(),
            events: Vec::new(),
            answer: VoAnswer::default(),
            trace_fields: BTreeSet::new(),
            attestations: BTreeMap::new(),
            went_well: Vec::new(),
            actions: Vec::new(),
            created: now,
            revision: 0,
        };
        validate(kit, &c, now)?;
        Ok(c)
    }

    /// The flags that decide what applies.
    pub fn flags(&self, kit: &Kit) -> Vec<Flag> {
        let mut f = Vec::new();
        match self.alerted {
            Party::Site => f.push(Flag::Site),
            _ => f.push(Flag::VoAlerted),
        }
        if kit.variant(&self.variant).is_some_and(|v| v.suspension) {
            f.push(Flag::Suspension);
        }
        f
    }

    /// The recorded time of an event.
    pub fn event_at(&self, event: &str) -> Option<Timestamp> {
        self.events.iter().find(|e| e.event == event).map(|e| e.at)
    }

    /// True once the closing event is recorded.
    pub fn is_closed(&self, kit: &Kit) -> bool {
        kit.events.iter().filter(|e| e.closes).any(|e| self.event_at(&e.id).is_some())
    }

    /// The challenge date: the day of the kit's `date_event` (the alert), or the window's first day.
    pub fn date(&self, kit: &Kit) -> crate::time::Date {
        self.event_at(&kit.date_event).unwrap_or(self.window_start).day()
    }

    /// Records (or replaces) an event, refusing a future time, an impossible order or an event
    /// that does not apply. Nothing changes when it is refused.
    pub fn record_event(
        &mut self,
        kit: &Kit,
        record: EventRecord,
        now: Timestamp,
    ) -> Result<(), ChallengeError> {
        let mut next = self.clone();
        next.events.retain(|e| e.event != record.event);
        next.events.push(record);
        next.events.sort_by_key(|e| event_rank(kit, &e.event));
        validate(kit, &next, now)?;
        next.revision += 1;
        *self = next;
        Ok(())
    }

    /// Removes an event.
    pub fn clear_event(&mut self, event: &str) {
        self.events.retain(|e| e.event != event);
        self.revision += 1;
    }
}

fn event_rank(kit: &Kit, id: &str) -> usize {
    kit.events.iter().position(|e| e.id == id).unwrap_or(usize::MAX)
}

/// Checks a challenge against the kit and the clock.
pub fn validate(kit: &Kit, c: &Challenge, now: Timestamp) -> Result<(), ChallengeError> {
    c.id.check_vo(&c.vo)?;
    let unknown = |what, id: &str| ChallengeError::Unknown { what, id: id.chars().take(60).collect() };
    let variant = kit.variant(&c.variant).ok_or_else(|| unknown("variant", &c.variant))?;
    if kit.framework(&c.framework).is_none() {
        return Err(unknown("framework", &c.framework));
    }
    if kit.tlp(&c.tlp).is_none() {
        return Err(unknown("TLP label", &c.tlp));
    }
    if !variant.alerted.contains(&c.alerted) {
        return Err(ChallengeError::AlertedNotAllowed {
            variant: variant.id.clone(),
            party: c.alerted.key(),
        });
    }
    if c.window_end < c.window_start {
        return Err(ChallengeError::WindowReversed {
            start: c.window_start.to_string(),
            end: c.window_end.to_string(),
        });
    }
    if !(1..=5).contains(&c.depth_target) || c.depth_observed.is_some_and(|d| !(1..=5).contains(&d)) {
        return Err(ChallengeError::Depth);
    }
    for cal in c.calendars.values() {
        if kit.zone(&cal.zone).is_none() {
            return Err(unknown("time zone", &cal.zone));
        }
    }
    for (id, v) in &c.overrides {
        if kit.threshold(id).is_none() || !v.is_finite() || *v < 0.0 {
            return Err(ChallengeError::Override(id.chars().take(40).collect()));
        }
    }
    for f in &c.trace_fields {
        if !kit.trace_fields.iter().any(|t| &t.id == f) {
            return Err(unknown("trace-request field", f));
        }
    }
    for a in c.attestations.keys() {
        if !kit.attestations.iter().any(|t| &t.id == a) {
            return Err(unknown("attestation", a));
        }
    }
    for (s, what) in [
        (&c.vo, "VO name"),
        (&c.organiser.name, "organiser's name"),
        (&c.organiser.email, "organiser's address"),
        (&c.vo_contact.name, "VO contact's name"),
        (&c.vo_contact.email, "VO contact's address"),
        (&c.site.name, "site name"),
        (&c.site.email, "site contact's address"),
    ] {
        check_text(s, what)?;
    }
    for t in c.went_well.iter() {
        check_text(t, "'what went well' text")?;
    }
    for a in &c.actions {
        check_text(&a.text, "action item")?;
    }
    let flags = c.flags(kit);
    for e in &c.events {
        let def = kit.event(&e.event).ok_or_else(|| unknown("event", &e.event))?;
        check_text(&e.note, "event note")?;
        if !def.applies.holds(&flags) {
            return Err(ChallengeError::NotApplicable {
                event: e.event.clone(),
                variant: c.variant.clone(),
                alerted: c.alerted.key(),
            });
        }
        if e.at > now {
            return Err(ChallengeError::Future { event: e.event.clone(), at: e.at.to_string() });
        }
        for other in &def.not_before {
            if let Some(o) = c.event_at(other).filter(|o| e.at < *o) {
                return Err(ChallengeError::Order {
                    event: e.event.clone(),
                    at: e.at.to_string(),
                    other: other.clone(),
                    other_at: o.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Checks the truth: the identity reads, times are possible, the pointer exists.
pub fn validate_truth(truth: &SealedTruth, now: Timestamp) -> Result<(), ChallengeError> {
    super::identity::read_truth(&truth.identity)?;
    for (i, p) in truth.payloads.iter().enumerate() {
        let index = i + 1;
        let bad = |problem| ChallengeError::Payload { index, problem };
        if let (Some(s), Some(e)) = (p.started, p.ended)
            && e < s
        {
            return Err(bad("it ends before it starts"));
        }
        if let (Some(sub), Some(s)) = (p.submitted, p.started)
            && s < sub
        {
            return Err(bad("it starts before it was submitted"));
        }
        if [p.submitted, p.started, p.ended].into_iter().flatten().any(|t| t > now) {
            return Err(bad("a time is in the future"));
        }
        for (s, what) in [
            (&p.vo_job_id, "payload job ID"),
            (&p.site, "payload site"),
            (&p.ce, "payload CE"),
            (&p.batch_job_id, "batch job ID"),
            (&p.worker_node, "worker node"),
            (&p.pilot_id, "pilot ID"),
        ] {
            check_text(s, what)?;
        }
    }
    if !truth.payloads.is_empty() && truth.pointer_payload >= truth.payloads.len() {
        return Err(ChallengeError::Payload {
            index: truth.pointer_payload + 1,
            problem: "the alert points at a payload that does not exist",
        });
    }
    for (s, what) in [
        (&truth.marker.callback, "call-back address"),
        (&truth.marker.token, "marker token"),
        (&truth.marker.process_name, "process name"),
        (&truth.marker.file_name, "marker file name"),
        (&truth.notes, "private notes"),
    ] {
        check_text(s, what)?;
    }
    Ok(())
}
