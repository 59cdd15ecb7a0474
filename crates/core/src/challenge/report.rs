//! The challenge's PDFs as document models: strings, rows and times, no layout (that is
//! `ti_pdf`'s). `build` makes the report (the organiser's copy, TLP:RED, with the sealed truth
//! and the notes) or the debrief for the VO and the site (the truth only if the organiser
//! reveals it); `build_alert` makes the first alert as a document.
//!
//! Invariants: a function of the kit and the record alone (no clock: the PDF's dates are the
//! record's own); the attachment is exactly `persist::challenge::encode_result` of the result
//! (never the truth, whichever copy) and `fingerprint` its SHA-256; a sealed debrief and an
//! alert are checked for every secret of the truth (`views::check_no_leak`) over all the text
//! they print and carry, and refused with `ViewError::Leak` rather than handed out.

use super::calendar::format_utc;
use super::document::Document;
use super::kit::{Kit, Party};
use super::model::OrganiserRecord;
use super::score::{Outcome, amount, score};
use super::views::{Revealed, ViewError, check_no_leak, first_alert, result, reveal_truth};
use crate::persist::challenge::encode_result;
use crate::persist::sha256_hex;
use crate::report::{DocumentInfo, FINGERPRINT_LABEL, Table};
use crate::time::Timestamp;

const APP: &str = crate::about::APP;

/// The exercise banner every challenge PDF prints under its title.
pub const EXERCISE_BANNER: &str =
    "EXERCISE: this document is about a security challenge, not a real incident.";

/// A challenge report or debrief.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeReport {
    /// Which copy.
    pub document: Document,
    /// Title, TLP, banner and cover (`TLP:RED` for the organiser's copy).
    pub head: Head,
    /// The timeline.
    pub timeline: Timeline,
    /// Heading of the criteria table.
    pub criteria_heading: String,
    /// One row per check (criterion, check, value, threshold, outcome).
    pub criteria: Table,
    /// Heading of "what went well".
    pub went_well_heading: String,
    /// The criteria passed, then the organiser's own items.
    pub went_well: Vec<String>,
    /// Heading of the action items.
    pub actions_heading: String,
    /// Party, state, action.
    pub actions: Table,
    /// Printed when there are no action items (or nothing went well).
    pub none: String,
    /// The sealed truth, in the organiser's copy and a revealed debrief.
    pub truth: Option<TruthSection>,
    /// Footer text (TLP, exercise, the fingerprint).
    pub footer: String,
    /// The attached result JSON (`encode_result`).
    pub attachment: String,
    /// SHA-256 of `attachment`, hex.
    pub fingerprint: String,
}

/// What every challenge PDF starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    /// The PDF's document information.
    pub info: DocumentInfo,
    /// Over the title: `Security challenge report`, `Exercise alert to the VO` …
    pub kicker: String,
    /// The challenge ID.
    pub title: String,
    /// The TLP label printed on the first page and in every footer.
    pub tlp: String,
    /// Under the title: the exercise banner and who may read the document.
    pub banner: Vec<String>,
    /// Cover lines: label and value.
    pub cover: Vec<(String, String)>,
}

impl Head {
    fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.kicker, &self.title, &self.tlp];
        out.extend(self.banner.iter().map(String::as_str));
        for (l, v) in &self.cover {
            out.extend([l.as_str(), v.as_str()]);
        }
        out
    }
}

/// The timeline: events on a time axis, the derived durations as bars, and both as tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Heading.
    pub heading: String,
    /// What the chart shows, in words.
    pub intro: String,
    /// Start of the axis.
    pub start: Timestamp,
    /// End of the axis.
    pub end: Timestamp,
    /// Axis ticks: where, and the label.
    pub ticks: Vec<(Timestamp, String)>,
    /// Recorded events in time order.
    pub events: Vec<ChartEvent>,
    /// Durations with both ends recorded.
    pub spans: Vec<ChartSpan>,
    /// The events as a table (ID, event, UTC, recorded by, and the note in the organiser's copy).
    pub table: Table,
    /// The durations as a table.
    pub durations: Table,
    /// Printed instead of the chart when nothing is recorded.
    pub empty: String,
}

/// An event on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartEvent {
    /// `E3`.
    pub id: String,
    /// `E3 alert acknowledged by a human`.
    pub label: String,
    /// When.
    pub at: Timestamp,
    /// `2026-12-01 10:00 UTC`.
    pub when: String,
    /// Drawn at the axis start behind a break mark: it lies long before the response began
    /// (a V1 payload run weeks earlier) and would squash the rest of the axis.
    pub before_axis: bool,
}

/// A duration on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpan {
    /// `Reachability (E2 to E3)`.
    pub label: String,
    /// `1 hour; 1 working hour (VO)`.
    pub text: String,
    /// Start.
    pub from: Timestamp,
    /// End.
    pub to: Timestamp,
}

/// The truth as a copy prints it.
#[derive(Clone, Debug, PartialEq)]
pub struct TruthSection {
    /// Heading.
    pub heading: String,
    /// Why it is here.
    pub intro: String,
    /// Label and lines.
    pub groups: Vec<(String, Vec<String>)>,
}

/// The first alert as a document.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertDocument {
    /// Title, TLP, banner and the cover: to, from, challenge, TLP.
    pub head: Head,
    /// `Subject`.
    pub subject_label: String,
    /// The mail's subject.
    pub subject: String,
    /// `Message`.
    pub body_label: String,
    /// The mail's body, lines as sent.
    pub body: String,
    /// The body as paragraphs to print: the mail's hard-wrapped lines joined again, a
    /// `Label: value` line kept on its own line (`\n`).
    pub paragraphs: Vec<String>,
    /// Footer text.
    pub footer: String,
}

impl ChallengeReport {
    /// Every text the document prints or carries, one per line: what a leak check reads.
    pub fn all_text(&self) -> String {
        let mut out = self.head.texts();
        out.extend([self.footer.as_str(), &self.attachment]);
        out.extend(self.went_well.iter().map(String::as_str));
        let t = &self.timeline;
        out.extend([t.heading.as_str(), &t.intro]);
        out.extend(t.ticks.iter().map(|(_, l)| l.as_str()));
        for e in &t.events {
            out.extend([e.label.as_str(), &e.when]);
        }
        for s in &t.spans {
            out.extend([s.label.as_str(), &s.text]);
        }
        for table in [&t.table, &t.durations, &self.criteria, &self.actions] {
            out.extend(table.columns.iter().map(String::as_str));
            out.extend(table.rows.iter().flatten().map(String::as_str));
        }
        if let Some(truth) = &self.truth {
            for (l, lines) in &truth.groups {
                out.push(l);
                out.extend(lines.iter().map(String::as_str));
            }
        }
        out.join("\n")
    }
}

impl AlertDocument {
    /// Every text the document prints, one per line.
    pub fn all_text(&self) -> String {
        let mut out = self.head.texts();
        out.extend([self.subject.as_str(), &self.body, &self.footer]);
        out.extend(self.paragraphs.iter().map(String::as_str));
        out.join("\n")
    }
}

fn table(title: &str, columns: &[&str], widths: &[f32], rows: Vec<Vec<String>>) -> Table {
    Table {
        title: title.to_owned(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        widths: widths.to_vec(),
        rows,
    }
}

/// A party's label without its explanation in brackets: `Organiser (CSIRT or working group)`
/// reads `Organiser` in a table cell.
fn short_party(kit: &Kit, p: Party) -> String {
    let label = kit.party_label(p);
    label.split(" (").next().unwrap_or(label).to_owned()
}

/// Joins a plain-text mail's hard-wrapped lines into paragraphs (blank lines separate them). A
/// line stays on its own when the line before it is short (it ended there on purpose) or when
/// it reads `Label: value` or starts a list item.
pub fn reflow(body: &str) -> Vec<String> {
    let own_line = |l: &str| {
        let t = l.trim_start();
        t.starts_with(['-', '*', '>'])
            || t.split_once(": ").is_some_and(|(label, _)| {
                !label.is_empty()
                    && label.chars().count() <= 30
                    && label.chars().all(|c| c.is_alphanumeric() || c == ' ')
            })
    };
    let mut out = Vec::new();
    for para in body.split("\n\n") {
        let mut text = String::new();
        let mut previous_len = 0;
        for line in para.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()) {
            if !text.is_empty() {
                text.push(if previous_len >= 60 && !own_line(line) { ' ' } else { '\n' });
            }
            text.push_str(line.trim_start());
            previous_len = line.chars().count();
        }
        if !text.is_empty() {
            out.push(text);
        }
    }
    out
}

fn tlp_label(kit: &Kit, id: &str) -> String {
    kit.tlp(id).map_or_else(|| id.to_owned(), |t| t.label.clone())
}

/// The PDF's dates: created when the challenge was, modified at its latest event.
fn info(
    title: String,
    subject: &str,
    author: &str,
    created: Timestamp,
    events: &[Timestamp],
) -> DocumentInfo {
    let latest = events.iter().copied().max().map_or(created, |e| e.max(created));
    DocumentInfo {
        title,
        subject: format!("{subject}: WLCG Traceability & Isolation security challenge (exercise)"),
        author: author.to_owned(),
        language: "en".to_owned(),
        created: Some(created),
        modified: Some(latest),
    }
}

/// A step of at most 6 ticks over `span_ms`, from a list of round steps.
fn tick_step(span_ms: i64) -> i64 {
    const MIN: i64 = 60_000;
    const STEPS: [i64; 14] = [
        15 * MIN,
        30 * MIN,
        60 * MIN,
        2 * 60 * MIN,
        3 * 60 * MIN,
        6 * 60 * MIN,
        12 * 60 * MIN,
        24 * 60 * MIN,
        2 * 24 * 60 * MIN,
        7 * 24 * 60 * MIN,
        14 * 24 * 60 * MIN,
        28 * 24 * 60 * MIN,
        91 * 24 * 60 * MIN,
        364 * 24 * 60 * MIN,
    ];
    STEPS.into_iter().find(|s| span_ms / s <= 5).unwrap_or(364 * 24 * 60 * MIN)
}

/// The axis ticks between `start` and `end`: round UTC times, labelled `12-01 09:00` below a
/// day, `2026-12-01` from a day up.
fn ticks(start: Timestamp, end: Timestamp) -> Vec<(Timestamp, String)> {
    let step = tick_step(end.0 - start.0);
    let mut at = start.0.div_euclid(step) * step;
    if at < start.0 {
        at += step;
    }
    let mut out = Vec::new();
    while at <= end.0 && out.len() < 8 {
        let t = Timestamp(at);
        let s = t.to_string();
        let label =
            if step >= 86_400_000 { s[..10].to_owned() } else { format!("{} {}", &s[5..10], &s[11..16]) };
        out.push((t, label));
        at += step;
    }
    out
}

fn timeline(kit: &Kit, record: &OrganiserRecord, r: &super::views::ChallengeResult, notes: bool) -> Timeline {
    let mut events: Vec<ChartEvent> = r
        .events
        .iter()
        .map(|e| {
            let title = kit.event(&e.event).map_or("", |d| d.title.as_str());
            ChartEvent {
                id: e.event.clone(),
                label: format!("{} {title}", e.event),
                at: e.at,
                when: format_utc(e.at),
                before_axis: false,
            }
        })
        .collect();
    events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let at_of = |id: &str| r.events.iter().find(|e| e.event == id).map(|e| e.at);
    // The response starts at the alert; earlier events (a retro trace's payload) go behind a
    // break mark when they lie more than twice the response's length before it.
    let first = events.first().map(|e| e.at);
    let last = events.last().map(|e| e.at);
    let alert = at_of(&kit.date_event);
    let start = match (first, alert, last) {
        (Some(f), Some(a), Some(l)) if (a.0 - f.0) > 2 * (l.0 - a.0).max(3_600_000) => a,
        (Some(f), _, _) => f,
        _ => record.challenge.window_start,
    };
    for e in &mut events {
        e.before_axis = e.at < start;
    }
    let mut end = last.unwrap_or(record.challenge.window_end).max(start);
    if end.0 - start.0 < 3_600_000 {
        end = Timestamp(start.0 + 3_600_000);
    }
    let party = |p: Party| short_party(kit, p);
    let mut spans = Vec::new();
    let mut duration_rows = Vec::new();
    for d in r.durations.iter().filter(|d| d.applies) {
        let def = kit.duration(&d.id);
        let to_id = def.map_or("", |x| x.to.as_str());
        let from_id =
            d.from.clone().unwrap_or_else(|| def.and_then(|x| x.from.first().cloned()).unwrap_or_default());
        let label = d.title.clone();
        let hours = d.hours.map_or_else(|| "-".to_owned(), |h| amount(h, "hours"));
        let working = match (d.working_hours, &d.problem) {
            (Some(w), _) => amount(w, "working hours"),
            (None, Some(p)) => p.clone(),
            (None, None) => "-".to_owned(),
        };
        duration_rows.push(vec![label.clone(), hours.clone(), working.clone(), party(d.calendar)]);
        if let (Some(_), Some(from), Some(to)) = (d.hours, at_of(&from_id), at_of(to_id)) {
            spans.push(ChartSpan {
                label,
                text: format!("{hours}; {working} ({})", party(d.calendar)),
                from,
                to,
            });
        }
    }
    let mut columns = vec!["Event", "What", "When (UTC)", "Recorded by"];
    let mut widths = vec![0.6, 3.4, 2.0, 1.1];
    if notes {
        columns.push("Note");
        widths.push(2.4);
    }
    let rows = events
        .iter()
        .map(|e| {
            let rec = r.events.iter().find(|x| x.event == e.id);
            let title = kit.event(&e.id).map_or("", |d| d.title.as_str()).to_owned();
            let mut row = vec![
                e.id.clone(),
                title,
                e.when.clone(),
                rec.map(|x| party(x.recorded_by)).unwrap_or_default(),
            ];
            if notes {
                let note = record.challenge.events.iter().find(|x| x.event == e.id).map(|x| x.note.clone());
                row.push(note.unwrap_or_default());
            }
            row
        })
        .collect();
    Timeline {
        heading: "Timeline".to_owned(),
        intro: "Each recorded event (E0 to E12) on a UTC time axis, and below them the derived durations as bars, with wall-clock and working hours. Events long before the alert sit left of the break mark, with their date.".to_owned(),
        start,
        end,
        ticks: ticks(start, end),
        events,
        spans,
        table: table("Events", &columns, &widths, rows),
        durations: table("Durations", &["Duration", "Hours", "Working hours", "Calendar"], &[3.6, 1.2, 2.2, 1.2], duration_rows),
        empty: "No event is recorded yet.".to_owned(),
    }
}

fn criteria_rows(r: &super::views::ChallengeResult) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for c in &r.criteria {
        let head = format!("{} {}\n{}", c.id, c.title, c.outcome.label().to_uppercase());
        if c.outcome == Outcome::NotApplicable {
            rows.push(vec![
                head,
                "Not applicable to this variant".to_owned(),
                "-".into(),
                "-".into(),
                "-".into(),
            ]);
            continue;
        }
        for (i, k) in c.checks.iter().enumerate() {
            let mut check = k.label.clone();
            if k.advisory {
                check.push_str(" (advisory)");
            }
            if k.fatal {
                check.push_str(" (decides FAIL)");
            }
            let thr = k.threshold.as_ref().map_or_else(|| "-".to_owned(), |t| t.describe());
            let first = if i == 0 { head.clone() } else { String::new() };
            rows.push(vec![first, check, k.value.clone(), thr, k.outcome.label().to_owned()]);
        }
    }
    rows
}

fn truth_section(record: &OrganiserRecord, rev: &Revealed, organiser: bool) -> TruthSection {
    let mut groups = vec![
        ("Test identity".to_owned(), rev.identity.clone()),
        ("Payloads".to_owned(), rev.payloads.clone()),
        ("Marker".to_owned(), rev.marker.clone()),
    ];
    if !rev.missed_jobs.is_empty() {
        groups.push(("Not listed by the VO".to_owned(), rev.missed_jobs.clone()));
    }
    if !rev.wrong_jobs.is_empty() {
        groups.push(("Listed but not the owner's".to_owned(), rev.wrong_jobs.clone()));
    }
    if organiser && let Some(notes) = record.truth.as_ref().map(|t| t.notes.trim()).filter(|n| !n.is_empty())
    {
        groups.push(("Private notes".to_owned(), vec![notes.to_owned()]));
    }
    TruthSection {
        heading: "Ground truth".to_owned(),
        intro: if organiser {
            "The sealed ground truth, kept by the organiser: this is why this copy is TLP:RED.".to_owned()
        } else {
            "The sealed ground truth, revealed by the organiser for this debrief.".to_owned()
        },
        groups,
    }
}

/// The report (`Document::Report`, the organiser's copy with the truth, TLP:RED) or the debrief
/// (`Debrief`, sealed; `DebriefRevealed`, with the truth). A sealed debrief that would print or
/// carry a secret of the truth (an organiser's note quoting the DN) is refused. `Document::Alert`
/// is `build_alert`'s; asked here it gives the sealed debrief.
pub fn build(kit: &Kit, record: &OrganiserRecord, document: Document) -> Result<ChallengeReport, ViewError> {
    let document = if document == Document::Alert { Document::Debrief } else { document };
    let organiser = document == Document::Report;
    let card = score(kit, record);
    let rev = match (document, &record.truth) {
        (Document::Report | Document::DebriefRevealed, Some(t)) => Some(reveal_truth(t, &card)),
        _ => None,
    };
    let r = result(kit, record);
    let c = &record.challenge;
    let attachment = encode_result(kit, &r);
    let fingerprint = sha256_hex(attachment.as_bytes());
    let tlp = if organiser { tlp_label(kit, &kit.tlp_sealed) } else { tlp_label(kit, &r.tlp) };
    let kicker = if organiser { "Security challenge report" } else { "Security challenge debrief" };
    let mut banner = vec![EXERCISE_BANNER.to_owned()];
    banner.push(match document {
        Document::Report => format!(
            "{tlp}: the organiser's copy, with the sealed ground truth and the notes. Do not pass it on: the VO and the site get the debrief."
        ),
        Document::DebriefRevealed => {
            format!("{tlp}: the debrief for the VO and the site, with the ground truth the organiser chose to reveal.")
        }
        _ => format!("{tlp}: the debrief for the VO and the site. The ground truth stays sealed."),
    });
    let variant =
        kit.variant(&r.variant).map_or_else(|| r.variant.clone(), |v| format!("{} {}", v.id, v.title));
    let framework = kit.framework(&r.framework).map_or_else(|| r.framework.clone(), |f| f.label.clone());
    let depth = r.depth.map_or_else(
        || "not yet known".to_owned(),
        |d| {
            let label = kit.depth.iter().find(|x| x.level == d).map_or("", |x| x.label.as_str());
            format!("{d} of 5 ({label})")
        },
    );
    let contact = |name: &str, email: &str| match (name.trim(), email.trim()) {
        ("", "") => "-".to_owned(),
        (n, "") => n.to_owned(),
        ("", e) => e.to_owned(),
        (n, e) => format!("{n} <{e}>"),
    };
    let mut cover = vec![
        ("Challenge".to_owned(), r.id.clone()),
        ("VO".to_owned(), r.vo.clone()),
        ("Framework".to_owned(), framework),
        ("Variant".to_owned(), variant),
        ("First alert to".to_owned(), kit.party_label(r.alerted).to_owned()),
        ("Window".to_owned(), format!("{} to {}", format_utc(r.window.0), format_utc(r.window.1))),
        ("TLP".to_owned(), tlp.clone()),
        ("Result".to_owned(), r.overall_text()),
        ("Reachability depth".to_owned(), depth),
        ("Organiser".to_owned(), contact(&c.organiser.name, &c.organiser.email)),
        ("VO security contact".to_owned(), contact(&c.vo_contact.name, &c.vo_contact.email)),
    ];
    if !r.site.trim().is_empty() {
        cover.push(("Site".to_owned(), contact(&c.site.name, &c.site.email)));
    }
    cover
        .push(("Challenge closed".to_owned(), if r.closed { "yes" } else { "no, still running" }.to_owned()));
    cover.push(("Kit".to_owned(), format!("{} {}", kit.id, r.kit_version)));
    cover.push(("SHA-256 of the JSON".to_owned(), fingerprint.clone()));
    let mut went_well: Vec<String> = r
        .criteria
        .iter()
        .filter(|c| c.outcome == Outcome::Pass)
        .map(|c| format!("{} {} passed: {}", c.id, c.title, c.rule))
        .collect();
    went_well.extend(r.went_well.iter().map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()));
    let party = |p: Party| short_party(kit, p);
    let action_rows = r
        .actions
        .iter()
        .map(|a| vec![party(a.party), if a.closed { "done" } else { "open" }.to_owned(), a.text.clone()])
        .collect();
    let events: Vec<Timestamp> = r.events.iter().map(|e| e.at).collect();
    let author = c.organiser.name.trim();
    let model = ChallengeReport {
        document,
        head: Head {
            info: info(format!("{kicker} {}", r.id), kicker, author, c.created, &events),
            kicker: kicker.to_owned(),
            title: r.id.clone(),
            tlp: tlp.clone(),
            banner,
            cover,
        },
        timeline: timeline(kit, record, &r, organiser),
        criteria_heading: "Criteria C1 to C7".to_owned(),
        criteria: table(
            "",
            &["Criterion", "Check", "Found", "Threshold (status: sources)", "Outcome"],
            &[1.6, 2.2, 2.0, 2.6, 0.9],
            criteria_rows(&r),
        ),
        went_well_heading: "What went well".to_owned(),
        went_well,
        actions_heading: "Action items".to_owned(),
        actions: table("", &["Whose", "State", "Action"], &[1.1, 0.8, 6.0], action_rows),
        none: "None.".to_owned(),
        truth: rev.map(|rv| truth_section(record, &rv, organiser)),
        footer: format!("{APP} - EXERCISE - {tlp} - {FINGERPRINT_LABEL}{fingerprint}"),
        attachment,
        fingerprint,
    };
    if document == Document::Debrief
        && let Some(truth) = &record.truth
    {
        check_no_leak("debrief", "the debrief PDF", &model.all_text(), truth, &[&r.site])?;
    }
    Ok(model)
}

/// The first alert (`views::first_alert`) as a document, checked once more for every secret of
/// the truth over what it adds (names and addresses typed by the organiser).
pub fn build_alert(kit: &Kit, record: &OrganiserRecord) -> Result<AlertDocument, ViewError> {
    let alert = first_alert(kit, record)?;
    let c = &record.challenge;
    let tlp = tlp_label(kit, &c.tlp);
    let to = match alert.audience {
        Party::Site => (c.site.name.trim(), c.site.email.trim()),
        _ => (c.vo_contact.name.trim(), c.vo_contact.email.trim()),
    };
    let whom = kit.party_label(alert.audience).to_owned();
    let contact = |(n, e): (&str, &str)| match (n, e) {
        ("", "") => String::new(),
        (n, "") => format!(": {n}"),
        ("", e) => format!(": {e}"),
        (n, e) => format!(": {n} <{e}>"),
    };
    let cover = vec![
        ("To".to_owned(), format!("{whom}{}", contact(to))),
        (
            "From".to_owned(),
            format!(
                "{}{}",
                short_party(kit, Party::Organiser),
                contact((c.organiser.name.trim(), c.organiser.email.trim()))
            ),
        ),
        ("Challenge".to_owned(), c.id.to_string()),
        ("TLP".to_owned(), tlp.clone()),
    ];
    let kicker = format!("Exercise alert to the {whom}");
    let doc = AlertDocument {
        head: Head {
            info: info(
                format!("{kicker} {}", c.id),
                &kicker,
                c.organiser.name.trim(),
                c.created,
                &c.events.iter().map(|e| e.at).collect::<Vec<_>>(),
            ),
            kicker,
            title: c.id.to_string(),
            tlp: tlp.clone(),
            banner: vec![
                EXERCISE_BANNER.to_owned(),
                format!(
                    "{tlp}: the alert as the organiser sends it by e-mail, marked as an exercise in its subject."
                ),
            ],
            cover,
        },
        subject_label: "Subject".to_owned(),
        subject: alert.subject,
        body_label: "Message".to_owned(),
        paragraphs: reflow(&alert.body),
        body: alert.body,
        footer: format!("{APP} - EXERCISE - {tlp} - {}", c.id),
    };
    if let Some(truth) = &record.truth {
        let cover: String = doc.head.cover.iter().map(|(l, v)| format!("{l}\n{v}\n")).collect();
        check_no_leak("alert", "the alert's addressee or sender", &cover, truth, &[])?;
    }
    Ok(doc)
}
