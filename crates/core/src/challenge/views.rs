//! What each audience is given: the VO alert, the site alert, the result a VO or site imports,
//! and the debrief, with the ground truth only if the organiser chooses to reveal it.
//!
//! Sealed by construction: an alert is filled from a `Challenge` (which has no truth field) and
//! one narrow extract of the truth — `VoPointer` (site, CE and batch job ID, or worker node and
//! run times of the one payload the alert points at) or `SiteIndicator` (the call-back host and
//! port, without path, query or token). A `ChallengeResult` holds scores and times but no truth
//! and no free-text notes; the truth enters a debrief only through `Reveal::Truth`. Each text is
//! then checked once more for every secret of the truth (identity, token, payload and pilot IDs,
//! marker names) before it is handed out, so an organiser's note that quotes the DN is caught.
//!
//! Invariant: `vo_alert`, `site_alert` and `debrief` either return a text free of the truth's
//! secrets (except what the audience is meant to get) or `ViewError::Leak`.

use super::calendar::format_utc;
use super::kit::{Kit, Party, PointerKind};
use super::model::{ActionItem, Challenge, OrganiserRecord, SealedTruth};
use super::score::{CriterionResult, DurationValue, Overall, ScoreCard, ThresholdUsed, overall_text, score};
use crate::time::{Date, Timestamp};

/// Secrets shorter than this are not searched for (they would match ordinary text); they are
/// still never filled in.
pub const MIN_SECRET_CHARS: usize = 4;

/// Why a view cannot be given out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// The text would reveal part of the truth.
    #[error(
        "The {view} would reveal the {what} of the sealed ground truth; remove it from the text you typed ({place})."
    )]
    Leak {
        /// Which view.
        view: &'static str,
        /// What would leak.
        what: &'static str,
        /// Where it was found.
        place: String,
    },
    /// The challenge or its truth lacks what the alert needs.
    #[error("The alert needs {0}.")]
    Missing(&'static str),
    /// No template for this audience.
    #[error("The kit has no alert template for this challenge.")]
    NoTemplate,
}

/// What the VO alert may say about the payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoPointer {
    /// Which pointer.
    pub kind: PointerKind,
    /// Site of the payload.
    pub site: String,
    /// CE (batch pointer).
    pub ce: String,
    /// Batch job ID (batch pointer).
    pub batch_job_id: String,
    /// Worker node (node pointer).
    pub worker_node: String,
    /// Run start (node pointer).
    pub run_start: Option<Timestamp>,
    /// Run end (node pointer).
    pub run_end: Option<Timestamp>,
}

impl VoPointer {
    /// Extracts the pointer from the truth: only the fields of its kind.
    pub fn from_truth(truth: &SealedTruth) -> Result<Self, ViewError> {
        let kind = truth.pointer.ok_or(ViewError::Missing(
            "which pointer the VO gets (batch job or worker node) in the ground truth",
        ))?;
        let p = truth
            .payloads
            .get(truth.pointer_payload)
            .ok_or(ViewError::Missing("the payload the alert points at, in the ground truth"))?;
        if p.site.trim().is_empty() {
            return Err(ViewError::Missing("the site of the payload the alert points at"));
        }
        Ok(match kind {
            PointerKind::Batch => {
                if p.ce.trim().is_empty() || p.batch_job_id.trim().is_empty() {
                    return Err(ViewError::Missing("the payload's CE and batch job ID"));
                }
                VoPointer {
                    kind,
                    site: p.site.clone(),
                    ce: p.ce.clone(),
                    batch_job_id: p.batch_job_id.clone(),
                    worker_node: String::new(),
                    run_start: None,
                    run_end: None,
                }
            }
            PointerKind::Node => {
                if p.worker_node.trim().is_empty() || p.started.is_none() {
                    return Err(ViewError::Missing("the payload's worker node and start time"));
                }
                VoPointer {
                    kind,
                    site: p.site.clone(),
                    ce: String::new(),
                    batch_job_id: String::new(),
                    worker_node: p.worker_node.clone(),
                    run_start: p.started,
                    run_end: p.ended.or(p.started),
                }
            }
        })
    }

    fn allowed(&self) -> Vec<&str> {
        [self.site.as_str(), &self.ce, &self.batch_job_id, &self.worker_node]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// What the site alert may say: the call-back host and port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteIndicator {
    /// `host[:port]`.
    pub indicator: String,
}

impl SiteIndicator {
    /// The host and port of the marker's call-back address: scheme, user info, path, query and
    /// fragment (where a per-run token may sit) are dropped.
    pub fn from_truth(truth: &SealedTruth) -> Result<Self, ViewError> {
        let cb = truth.marker.callback.trim();
        let rest = cb.split_once("://").map_or(cb, |(_, r)| r);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        if host.is_empty() {
            return Err(ViewError::Missing("the call-back address of the marker"));
        }
        Ok(SiteIndicator { indicator: host.to_owned() })
    }
}

/// A plain-text e-mail, ready to copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// To whom.
    pub audience: Party,
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
}

/// Makes a value safe for one line of a mail: controls and line breaks become spaces.
fn one_line(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    trimmed.chars().take(300).collect()
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&format!("{{{name}}}")),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn common_values(kit: &Kit, c: &Challenge) -> Vec<(&'static str, String)> {
    let fw = kit.framework(&c.framework);
    vec![
        ("id", c.id.to_string()),
        ("vo", one_line(&c.vo)),
        (
            "tlp",
            kit.tlp(&c.tlp).map_or_else(|| c.tlp.clone(), |t| t.label.trim_start_matches("TLP:").to_owned()),
        ),
        ("organiser", one_line(&c.organiser.name)),
        ("organiser_contact", one_line(&c.organiser.email)),
        ("window_start", format_utc(c.window_start)),
        ("window_end", format_utc(c.window_end)),
        ("framework", fw.map_or_else(|| c.framework.clone(), |f| f.label.clone())),
        ("job_id_name", fw.map_or_else(|| "job ID".to_owned(), |f| f.job_id.clone())),
    ]
}

fn render(
    kit: &Kit,
    audience: Party,
    pointer: Option<PointerKind>,
    values: &[(&str, String)],
) -> Result<Alert, ViewError> {
    let t = kit
        .alerts
        .iter()
        .find(|a| a.audience == audience && a.pointer == pointer)
        .ok_or(ViewError::NoTemplate)?;
    let safety: Vec<&str> = t.safety.iter().filter_map(|s| kit.safety_text(s)).collect();
    let mut body = String::new();
    if let Some((first, rest)) = safety.split_first() {
        body.push_str(first);
        body.push_str("\n\n");
        body.push_str(&fill(&t.body, values));
        for s in rest {
            body.push_str("\n\n");
            body.push_str(s);
        }
        body.push('\n');
    }
    Ok(Alert { audience, subject: one_line(&fill(&t.subject, values)), body })
}

/// The VO alert (V1, or V3 started at the VO).
pub fn vo_alert(kit: &Kit, c: &Challenge, pointer: &VoPointer) -> Result<Alert, ViewError> {
    let mut values = common_values(kit, c);
    values.extend([
        ("site", one_line(&pointer.site)),
        ("ce", one_line(&pointer.ce)),
        ("batch_job_id", one_line(&pointer.batch_job_id)),
        ("worker_node", one_line(&pointer.worker_node)),
        ("run_start", pointer.run_start.map(format_utc).unwrap_or_default()),
        ("run_end", pointer.run_end.map(format_utc).unwrap_or_default()),
    ]);
    render(kit, Party::Vo, Some(pointer.kind), &values)
}

/// The site alert (V2, or V3 started at a site).
pub fn site_alert(kit: &Kit, c: &Challenge, indicator: &SiteIndicator) -> Result<Alert, ViewError> {
    let mut values = common_values(kit, c);
    values.extend([("site", one_line(&c.site.name)), ("indicator", one_line(&indicator.indicator))]);
    render(kit, Party::Site, None, &values)
}

/// The secrets of the truth, with what each is.
pub fn secrets(truth: &SealedTruth) -> Vec<(&'static str, String)> {
    let mut out = super::identity::secrets(&truth.identity);
    out.extend([
        ("marker token", truth.marker.token.clone()),
        ("marker process name", truth.marker.process_name.clone()),
        ("marker file name", truth.marker.file_name.clone()),
    ]);
    for p in &truth.payloads {
        out.push(("payload job ID", p.vo_job_id.clone()));
        out.push(("pilot ID", p.pilot_id.clone()));
        out.push(("batch job ID", p.batch_job_id.clone()));
        out.push(("worker node", p.worker_node.clone()));
    }
    out.retain(|(_, s)| s.trim().chars().count() >= MIN_SECRET_CHARS);
    out
}

/// Checks `text` for the truth's secrets, ignoring occurrences of the `allowed` values.
pub fn check_no_leak(
    view: &'static str,
    place: &str,
    text: &str,
    truth: &SealedTruth,
    allowed: &[&str],
) -> Result<(), ViewError> {
    let mut hay = text.to_lowercase();
    for a in allowed.iter().filter(|a| !a.trim().is_empty()) {
        hay = hay.replace(&a.trim().to_lowercase(), " ");
    }
    for (what, secret) in secrets(truth) {
        let s = secret.trim().to_lowercase();
        if allowed.iter().any(|a| a.trim().to_lowercase() == s) {
            continue;
        }
        if contains_token(&hay, &s) {
            return Err(ViewError::Leak { view, what, place: place.to_owned() });
        }
    }
    Ok(())
}

/// `needle` occurs in `hay` not glued to letters or digits on either side.
fn contains_token(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        if !glued(before) && !glued(after) {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The alert the organiser sends first, built from the record and checked for leaks.
pub fn first_alert(kit: &Kit, record: &OrganiserRecord) -> Result<Alert, ViewError> {
    let truth =
        record.truth.as_ref().ok_or(ViewError::Missing("the ground truth, entered by the organiser"))?;
    let c = &record.challenge;
    let (alert, allowed): (Alert, Vec<String>) = match c.alerted {
        Party::Site => {
            if c.site.name.trim().is_empty() {
                return Err(ViewError::Missing("the name of the site to alert"));
            }
            let ind = SiteIndicator::from_truth(truth)?;
            (site_alert(kit, c, &ind)?, vec![ind.indicator])
        }
        _ => {
            let p = VoPointer::from_truth(truth)?;
            let allowed = p.allowed().into_iter().map(str::to_owned).collect();
            (vo_alert(kit, c, &p)?, allowed)
        }
    };
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let view = match alert.audience {
        Party::Site => "site alert",
        _ => "VO alert",
    };
    check_no_leak(view, "subject", &alert.subject, truth, &allowed)?;
    check_no_leak(view, "body", &alert.body, truth, &allowed)?;
    Ok(alert)
}

/// One event as the result carries it: no note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultEvent {
    /// Event ID.
    pub event: String,
    /// When.
    pub at: Timestamp,
    /// Who gave the time.
    pub recorded_by: Party,
}

/// The result a VO or site imports, and the body of the debrief. Holds no truth.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeResult {
    /// Challenge ID.
    pub id: String,
    /// VO.
    pub vo: String,
    /// Site name (empty in V1 unless entered).
    pub site: String,
    /// Framework ID.
    pub framework: String,
    /// Variant ID.
    pub variant: String,
    /// Alerted party.
    pub alerted: Party,
    /// TLP label ID.
    pub tlp: String,
    /// Challenge date.
    pub date: Date,
    /// Window.
    pub window: (Timestamp, Timestamp),
    /// Whether the challenge is closed.
    pub closed: bool,
    /// Timeline, without notes.
    pub events: Vec<ResultEvent>,
    /// Durations.
    pub durations: Vec<DurationValue>,
    /// Criteria.
    pub criteria: Vec<CriterionResult>,
    /// Overall.
    pub overall: Overall,
    /// Failing criteria.
    pub failing: Vec<String>,
    /// Depth.
    pub depth: Option<u8>,
    /// Action items.
    pub actions: Vec<ActionItem>,
    /// What went well.
    pub went_well: Vec<String>,
    /// The kit version that scored it.
    pub kit_version: String,
}

impl ChallengeResult {
    /// `PASS`, `PARTIAL (C3 failed)` …
    pub fn overall_text(&self) -> String {
        overall_text(self.overall, &self.failing)
    }

    /// Open action items of a party.
    pub fn open_actions(&self, party: Party) -> usize {
        self.actions.iter().filter(|a| a.party == party && !a.closed).count()
    }

    /// A check result by `C2.identity`.
    pub fn check(&self, id: &str) -> Option<&super::score::CheckResult> {
        self.criteria.iter().flat_map(|c| &c.checks).find(|k| k.id == id)
    }

    /// The threshold used by a check, if any, by the kit threshold's ID.
    pub fn threshold(&self, id: &str) -> Option<&ThresholdUsed> {
        self.criteria
            .iter()
            .flat_map(|c| &c.checks)
            .filter_map(|k| k.threshold.as_ref())
            .find(|t| t.threshold.id == id)
    }
}

/// Builds the result from the record (scores it).
pub fn result(kit: &Kit, record: &OrganiserRecord) -> ChallengeResult {
    let card: ScoreCard = score(kit, record);
    result_from(kit, &record.challenge, card)
}

fn result_from(kit: &Kit, c: &Challenge, card: ScoreCard) -> ChallengeResult {
    ChallengeResult {
        id: c.id.to_string(),
        vo: c.vo.clone(),
        site: c.site.name.clone(),
        framework: c.framework.clone(),
        variant: c.variant.clone(),
        alerted: c.alerted,
        tlp: c.tlp.clone(),
        date: c.date(kit),
        window: (c.window_start, c.window_end),
        closed: c.is_closed(kit),
        events: c
            .events
            .iter()
            .map(|e| ResultEvent { event: e.event.clone(), at: e.at, recorded_by: e.recorded_by })
            .collect(),
        durations: card.durations,
        criteria: card.criteria,
        overall: card.overall,
        failing: card.failing,
        depth: card.depth,
        actions: card.actions,
        went_well: c.went_well.clone(),
        kit_version: kit.version.clone(),
    }
}

/// Whether the debrief reveals the truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// The truth stays sealed.
    Sealed,
    /// The organiser chose to reveal it.
    Truth,
}

/// The truth as revealed in a debrief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revealed {
    /// Lines naming the identity.
    pub identity: Vec<String>,
    /// One line per payload.
    pub payloads: Vec<String>,
    /// The marker.
    pub marker: Vec<String>,
    /// True payloads the VO did not list.
    pub missed_jobs: Vec<String>,
    /// Listed jobs that were not the owner's.
    pub wrong_jobs: Vec<String>,
}

/// A debrief for the VO and the site.
#[derive(Clone, Debug, PartialEq)]
pub struct Debrief {
    /// The result.
    pub result: ChallengeResult,
    /// The truth, only when revealed.
    pub revealed: Option<Revealed>,
    /// The text, ready to send.
    pub text: String,
}

/// The truth as a debrief or the organiser's report reveals it: identity, payloads, marker,
/// and the missed and wrong job IDs of the VO's list.
pub fn reveal_truth(truth: &SealedTruth, card: &ScoreCard) -> Revealed {
    let id = &truth.identity;
    let mut identity = Vec::new();
    for (label, v) in [
        ("DN", &id.dn),
        ("Token issuer", &id.token_issuer),
        ("Token subject", &id.token_subject),
        ("VO username", &id.username),
    ] {
        if !v.trim().is_empty() {
            identity.push(format!("{label}: {}", one_line(v)));
        }
    }
    if !id.aliases.is_empty() {
        identity.push(format!(
            "Also known as: {}",
            id.aliases.iter().map(|a| one_line(a)).collect::<Vec<_>>().join(", ")
        ));
    }
    let t = |x: Option<Timestamp>| x.map_or_else(|| "-".to_owned(), format_utc);
    let payloads = truth
        .payloads
        .iter()
        .map(|p| {
            format!(
                "{} at {} (CE {}, batch {}, node {}), submitted {}, ran {} to {}",
                one_line(&p.vo_job_id),
                one_line(&p.site),
                one_line(&p.ce),
                one_line(&p.batch_job_id),
                one_line(&p.worker_node),
                t(p.submitted),
                t(p.started),
                t(p.ended)
            )
        })
        .collect();
    let m = &truth.marker;
    let marker = vec![
        format!("Call-back: {}", one_line(&m.callback)),
        format!("Process name: {}", one_line(&m.process_name)),
        format!("Marker file: {}", one_line(&m.file_name)),
    ];
    Revealed {
        identity,
        payloads,
        marker,
        missed_jobs: card.detail.missed_jobs.clone(),
        wrong_jobs: card.detail.wrong_jobs.clone(),
    }
}

/// The debrief, as plain text; the truth only with `Reveal::Truth`. A sealed debrief is checked
/// for leaks (typed texts such as "what went well" are the organiser's and may quote the truth).
pub fn debrief(kit: &Kit, record: &OrganiserRecord, reveal: Reveal) -> Result<Debrief, ViewError> {
    let card = score(kit, record);
    let rev = match (reveal, &record.truth) {
        (Reveal::Truth, Some(t)) => Some(reveal_truth(t, &card)),
        _ => None,
    };
    let result = result_from(kit, &record.challenge, card);
    let text = debrief_text(kit, &result, rev.as_ref());
    if rev.is_none()
        && let Some(truth) = &record.truth
    {
        check_no_leak(
            "debrief",
            "what went well, the action items or a name",
            &text,
            truth,
            &[&result.site],
        )?;
    }
    Ok(Debrief { result, revealed: rev, text })
}

/// The debrief text.
pub fn debrief_text(kit: &Kit, r: &ChallengeResult, rev: Option<&Revealed>) -> String {
    let mut s = String::new();
    let tlp = kit.tlp(&r.tlp).map_or(r.tlp.as_str(), |t| t.label.as_str());
    s.push_str(&format!("Debrief of exercise {} ({tlp})\n", r.id));
    s.push_str(&format!("VO: {}   Variant: {}   Date: {}\n", one_line(&r.vo), r.variant, r.date));
    s.push_str(&format!("Result: {}\n", r.overall_text()));
    if let Some(d) = r.depth {
        let label = kit.depth.iter().find(|x| x.level == d).map_or("", |x| x.label.as_str());
        s.push_str(&format!("Reachability depth: {d} of 5 ({label})\n"));
    }
    s.push_str("\nTimeline (UTC)\n");
    for e in &r.events {
        let title = kit.event(&e.event).map_or("", |d| d.title.as_str());
        s.push_str(&format!(
            "  {:<4} {}  {} (recorded by the {})\n",
            e.event,
            format_utc(e.at),
            title,
            e.recorded_by.key()
        ));
    }
    s.push_str("\nDurations\n");
    for d in r.durations.iter().filter(|d| d.applies && d.hours.is_some()) {
        let wh = d.working_hours.map_or_else(|| "-".to_owned(), super::score::fmt_num);
        s.push_str(&format!(
            "  {}: {} h, {} working h ({} calendar)\n",
            d.title,
            d.hours.map(super::score::fmt_num).unwrap_or_default(),
            wh,
            d.calendar.key()
        ));
    }
    s.push_str("\nCriteria\n");
    for c in &r.criteria {
        s.push_str(&format!("  {} {}: {}\n", c.id, c.title, c.outcome.label()));
        for k in c.checks.iter().filter(|k| {
            k.outcome != super::score::Outcome::NotApplicable
                || c.outcome != super::score::Outcome::NotApplicable
        }) {
            let thr =
                k.threshold.as_ref().map(|t| format!(" [threshold {}]", t.describe())).unwrap_or_default();
            s.push_str(&format!("    - {}: {} ({}){thr}\n", k.label, k.outcome.label(), k.value));
        }
    }
    if !r.went_well.is_empty() {
        s.push_str("\nWhat went well\n");
        for w in &r.went_well {
            s.push_str(&format!("  - {}\n", one_line(w)));
        }
    }
    if !r.actions.is_empty() {
        s.push_str("\nAction items\n");
        for a in &r.actions {
            let state = if a.closed { "closed" } else { "open" };
            s.push_str(&format!("  - [{state}] {}: {}\n", a.party.key(), one_line(&a.text)));
        }
    }
    match rev {
        Some(t) => {
            s.push_str("\nGround truth (revealed by the organiser)\n");
            for l in t.identity.iter().chain(&t.payloads).chain(&t.marker) {
                s.push_str(&format!("  {l}\n"));
            }
            if !t.missed_jobs.is_empty() {
                s.push_str(&format!("  Not listed by the VO: {}\n", t.missed_jobs.join(", ")));
            }
            if !t.wrong_jobs.is_empty() {
                s.push_str(&format!("  Listed but not the owner's: {}\n", t.wrong_jobs.join(", ")));
            }
        }
        None => s.push_str("\nThe ground truth stays sealed.\n"),
    }
    s
}
