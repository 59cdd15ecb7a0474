//! Scoring: durations, each criterion's checks, the overall result, the depth and the action
//! items, from a challenge, its truth and the kit.
//!
//! The engine knows check *kinds* (a duration against a threshold, identity, recall, …); which
//! checks exist, which events and thresholds they use and what the result rule is come from the
//! kit. A check without the data it needs is *pending* while the challenge runs; once the closing
//! event is recorded, an event that never happened is a failure (the VO never named the owner).
//!
//! Invariant: the public parts of a `ScoreCard` (values, reasons, actions) never contain a value
//! of the truth; what only the organiser may see (missed and wrong job IDs) is in `TruthDetail`.

use super::calendar::{find_zone, hours_between, working_ms};
use super::identity::{IdentityOutcome, judge, read_truth};
use super::jobs::{self, Ratio};
use super::kit::{CheckDef, CheckKind, Flag, Implied, Kit, Party, Unit};
use super::model::{ActionItem, Challenge, OrganiserRecord, SealedTruth};
pub use super::outcome::{Outcome, Overall};
use crate::model::{Threshold, ThresholdStatus};

/// A derived duration.
#[derive(Clone, Debug, PartialEq)]
pub struct DurationValue {
    /// Duration ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Whether it applies to this challenge.
    pub applies: bool,
    /// The start event used.
    pub from: Option<String>,
    /// Wall-clock hours.
    pub hours: Option<f64>,
    /// Working hours in `calendar`'s calendar.
    pub working_hours: Option<f64>,
    /// Whose calendar.
    pub calendar: Party,
    /// Why the working hours could not be computed.
    pub problem: Option<String>,
}

impl DurationValue {
    /// The value in a unit.
    pub fn in_unit(&self, unit: Unit) -> Option<f64> {
        match unit {
            Unit::Hours => self.hours,
            Unit::WorkingHours => self.working_hours,
            Unit::Days => self.hours.map(|h| h / 24.0),
            Unit::Percent => None,
        }
    }
}

/// A threshold as used in one challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdUsed {
    /// The kit's threshold (its value as shipped).
    pub threshold: Threshold,
    /// The value used (the organiser's override, or the kit's).
    pub value: f64,
}

impl ThresholdUsed {
    /// True when the organiser changed the value.
    pub fn overridden(&self) -> bool {
        self.value != self.threshold.value
    }

    /// `4 working hours (sourced: S-06, C-08)`, with `set for this challenge` when overridden.
    pub fn describe(&self) -> String {
        let status = match self.threshold.status {
            ThresholdStatus::Sourced => "sourced",
            ThresholdStatus::Unverified => "unverified",
        };
        let over = if self.overridden() {
            format!("; set for this challenge, the kit's value is {}", fmt_num(self.threshold.value))
        } else {
            String::new()
        };
        format!(
            "{} ({status}: {}{over})",
            amount(self.value, &self.threshold.unit),
            self.threshold.sources.join(", ")
        )
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    /// `C2.identity`.
    pub id: String,
    /// Label.
    pub label: String,
    /// Outcome.
    pub outcome: Outcome,
    /// The value found, in words (never a value of the truth).
    pub value: String,
    /// The threshold used, if the check has one.
    pub threshold: Option<ThresholdUsed>,
    /// A failure makes the result FAIL.
    pub fatal: bool,
    /// Does not decide the criterion.
    pub advisory: bool,
    /// Whose action a failure makes.
    pub party: Party,
    /// The action item, when failed.
    pub action: Option<String>,
}

/// The result of one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionResult {
    /// `C2`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Pass rule.
    pub rule: String,
    /// Basis.
    pub basis: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Its checks.
    pub checks: Vec<CheckResult>,
}

/// What only the organiser sees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TruthDetail {
    /// True payload IDs the VO did not list.
    pub missed_jobs: Vec<String>,
    /// Listed IDs that are not true payloads.
    pub wrong_jobs: Vec<String>,
}

/// Everything scoring produces.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreCard {
    /// Durations, in kit order.
    pub durations: Vec<DurationValue>,
    /// Criteria, in kit order.
    pub criteria: Vec<CriterionResult>,
    /// Overall result.
    pub overall: Overall,
    /// Criteria that failed (applied ones), in kit order.
    pub failing: Vec<String>,
    /// Depth the events show.
    pub depth_suggested: Option<u8>,
    /// Depth reported (the organiser's, else the suggested one).
    pub depth: Option<u8>,
    /// Action items: from failed checks, then the organiser's own.
    pub actions: Vec<ActionItem>,
    /// Organiser-only detail.
    pub detail: TruthDetail,
}

impl ScoreCard {
    /// `PASS`, `PARTIAL (C3 failed)`, `FAIL (C2, C3 failed)`, `PENDING`; a PASS names failed
    /// criteria that were not required.
    pub fn overall_text(&self) -> String {
        overall_text(self.overall, &self.failing)
    }

    /// A check's result by `C2.identity`.
    pub fn check(&self, id: &str) -> Option<&CheckResult> {
        self.criteria.iter().flat_map(|c| &c.checks).find(|k| k.id == id)
    }
}

/// See `ScoreCard::overall_text`.
pub fn overall_text(overall: Overall, failing: &[String]) -> String {
    if failing.is_empty() {
        overall.label().to_owned()
    } else {
        format!("{} ({} failed)", overall.label(), failing.join(", "))
    }
}

/// A number with its unit as a person reads it: `1 hour`, `2.5 hours`, `1 working hour`,
/// `0 days`, `90 %`. Units are written in the plural in the kit (`hours`, `working hours`,
/// `days`); exactly one drops the final `s`.
pub fn amount(n: f64, unit: &str) -> String {
    let number = fmt_num(n);
    match unit.strip_suffix('s') {
        Some(one) if number == "1" => format!("{number} {one}"),
        _ => format!("{number} {unit}"),
    }
}

/// A filled template with `1 hours`, `1 working hours` or `1 days` made singular (the kit's
/// templates write `{value} hours`); `11 hours` and `0.1 hours` stay as they are.
pub fn singular_units(text: &str) -> String {
    let mut out = text.to_owned();
    for unit in ["working hours", "hours", "days"] {
        let plural = format!("1 {unit}");
        let one = format!("1 {}", unit.trim_end_matches('s'));
        let mut from = 0;
        while let Some(pos) = out[from..].find(&plural) {
            let at = from + pos;
            let end = at + plural.len();
            let before = out[..at].chars().next_back();
            let after = out[end..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                || after.is_some_and(char::is_alphanumeric)
            {
                from = end;
                continue;
            }
            out.replace_range(at..end, &one);
            from = at + one.len();
        }
    }
    out
}

/// A number without a trailing `.0`, at most one decimal.
pub fn fmt_num(n: f64) -> String {
    let r = (n * 10.0).round() / 10.0;
    if r.fract() == 0.0 && r.abs() < 1e15 { format!("{}", r as i64) } else { format!("{r:.1}") }
}

/// Computes every duration of the kit for a challenge.
pub fn durations(kit: &Kit, c: &Challenge) -> Vec<DurationValue> {
    let flags = c.flags(kit);
    kit.durations
        .iter()
        .map(|d| {
            let calendar = d.calendar.resolve(c.alerted);
            let mut v = DurationValue {
                id: d.id.clone(),
                title: d.title.clone(),
                applies: d.applies.holds(&flags),
                from: None,
                hours: None,
                working_hours: None,
                calendar,
                problem: None,
            };
            if !v.applies {
                return v;
            }
            let start = d.from.iter().find_map(|e| c.event_at(e).map(|t| (e.clone(), t)));
            let end = c.event_at(&d.to);
            if let (Some((from, s)), Some(e)) = (start, end) {
                v.from = Some(from);
                v.hours = Some(hours_between(s, e));
                let cal = c.calendars.get(&calendar).unwrap_or(&kit.default_calendar);
                match find_zone(&kit.zones, &cal.zone).and_then(|z| working_ms(cal, z, s, e)) {
                    Ok(ms) => v.working_hours = Some(ms as f64 / 3_600_000.0),
                    Err(err) => v.problem = Some(err.to_string()),
                }
            }
            v
        })
        .collect()
}

struct Inputs<'a> {
    kit: &'a Kit,
    c: &'a Challenge,
    truth: Option<&'a SealedTruth>,
    closed: bool,
    durations: &'a [DurationValue],
    identity: Option<IdentityOutcome>,
    jobs: Option<jobs::JobScore>,
}

fn threshold_used(kit: &Kit, c: &Challenge, id: &str) -> Option<ThresholdUsed> {
    let t = kit.threshold(id)?;
    Some(ThresholdUsed { threshold: t.clone(), value: c.overrides.get(id).copied().unwrap_or(t.value) })
}

fn unit_of(t: &ThresholdUsed) -> Unit {
    Unit::from_key(&t.threshold.unit).unwrap_or(Unit::Hours)
}

fn fmt_in(v: f64, unit: Unit) -> String {
    amount(v, unit.key())
}

/// The outcome, the value in words, of one check.
fn evaluate(inp: &Inputs, check: &CheckDef, thr: Option<&ThresholdUsed>) -> (Outcome, String) {
    let pending = |why: &str| (Outcome::Pending, why.to_owned());
    let missing = |event: &str| {
        if inp.closed {
            (Outcome::Fail, format!("{event} never happened"))
        } else {
            (Outcome::Pending, format!("waiting for {event}"))
        }
    };
    match &check.kind {
        CheckKind::DurationMax(d) => {
            let Some(dv) = inp.durations.iter().find(|x| &x.id == d) else {
                return pending("no such duration");
            };
            let Some(def) = inp.kit.duration(d) else { return pending("no such duration") };
            if !dv.applies {
                return (Outcome::NotApplicable, "does not apply".to_owned());
            }
            let Some(t) = thr else { return pending("no threshold") };
            let unit = unit_of(t);
            match dv.in_unit(unit) {
                Some(v) => {
                    let o = if v <= t.value { Outcome::Pass } else { Outcome::Fail };
                    (o, fmt_in(v, unit))
                }
                None if dv.hours.is_some() => {
                    pending(dv.problem.as_deref().unwrap_or("the working hours could not be computed"))
                }
                None => {
                    let started = def.from.iter().any(|e| inp.c.event_at(e).is_some());
                    if inp.c.event_at(&def.to).is_none() && (started || inp.closed) {
                        missing(&def.to)
                    } else {
                        pending(&format!("waiting for {}", def.from.join(" or ")))
                    }
                }
            }
        }
        CheckKind::Identity => match &inp.identity {
            None if inp.truth.is_none() => pending("the ground truth is not entered"),
            None => pending("the test identity cannot be read"),
            Some(IdentityOutcome::NotGiven) if !inp.closed => pending("no owner named yet"),
            Some(o) => (if o.is_match() { Outcome::Pass } else { Outcome::Fail }, o.describe()),
        },
        CheckKind::RecallMin | CheckKind::PrecisionMin => {
            let Some(score) = &inp.jobs else { return pending("the ground truth has no payloads yet") };
            let Some(t) = thr else { return pending("no threshold") };
            let recall = matches!(check.kind, CheckKind::RecallMin);
            if score.precision.den == 0 {
                return if inp.closed {
                    (Outcome::Fail, "no job listed".to_owned())
                } else {
                    pending("no job list yet")
                };
            }
            let r: Ratio = if recall { score.recall } else { score.precision };
            (if r.at_least_percent(t.value) { Outcome::Pass } else { Outcome::Fail }, r.to_string())
        }
        CheckKind::FieldsMin => {
            let Some(t) = thr else { return pending("no threshold") };
            let total = inp.kit.trace_fields.len();
            let present = inp.kit.trace_fields.iter().filter(|f| inp.c.trace_fields.contains(&f.id)).count();
            if present == 0 {
                return if inp.closed {
                    (Outcome::Fail, "no trace request received".to_owned())
                } else {
                    pending("no trace request fields ticked yet")
                };
            }
            let r = Ratio { num: present, den: total };
            (
                if r.at_least_percent(t.value) { Outcome::Pass } else { Outcome::Fail },
                format!("{r} of the core fields"),
            )
        }
        CheckKind::NoStartAfter(event) => {
            let Some(truth) = inp.truth else { return pending("the ground truth is not entered") };
            let Some(at) = inp.c.event_at(event) else { return missing(event) };
            let starts: Vec<_> = truth.payloads.iter().filter_map(|p| p.started).collect();
            if starts.is_empty() {
                return pending("no payload start times in the ground truth");
            }
            let late = starts.iter().filter(|s| **s > at).count();
            if late == 0 {
                (Outcome::Pass, format!("no payload started after {event}"))
            } else {
                (Outcome::Fail, format!("{late} payload(s) started after {event}"))
            }
        }
        CheckKind::Attested(a) => match inp.c.attestations.get(a) {
            Some(true) => (Outcome::Pass, "yes".to_owned()),
            Some(false) => (Outcome::Fail, "no".to_owned()),
            // Closed without it: what was not shown by the debrief was not shown, as for an
            // event that never happened.
            None if inp.closed => (Outcome::Fail, "not attested before the challenge closed".to_owned()),
            None => pending("not yet attested by the organiser"),
        },
        CheckKind::AgedTrace(d) => {
            let Some(t) = thr else { return pending("no threshold") };
            let Some(dv) = inp.durations.iter().find(|x| &x.id == d) else {
                return pending("no such duration");
            };
            let Some(days) = dv.in_unit(Unit::Days) else {
                return pending("the payload's age is not known yet");
            };
            let age = fmt_in(days, Unit::Days);
            if days < t.value {
                return (
                    Outcome::NotApplicable,
                    format!("the payload was {age} old: retention was not tested"),
                );
            }
            match &inp.identity {
                Some(o) if o.is_match() => (Outcome::Pass, format!("traced a payload {age} old")),
                Some(IdentityOutcome::NotGiven) if !inp.closed => pending("no owner named yet"),
                Some(_) => (Outcome::Fail, format!("a payload {age} old was not traced")),
                None => pending("the ground truth is not entered"),
            }
        }
    }
}

/// Scores a challenge with its truth (if entered).
pub fn score(kit: &Kit, record: &OrganiserRecord) -> ScoreCard {
    let c = &record.challenge;
    let truth = record.truth.as_ref();
    let durations = durations(kit, c);
    let identity = truth.and_then(|t| read_truth(&t.identity).ok()).map(|ri| judge(&ri, &c.answer.owner));
    let jobs = truth.filter(|t| t.payloads.iter().any(|p| !p.vo_job_id.trim().is_empty())).map(|t| {
        let ids: Vec<&str> = t.payloads.iter().map(|p| p.vo_job_id.as_str()).collect();
        jobs::score(&ids, &c.answer.jobs)
    });
    let inp = Inputs { kit, c, truth, closed: c.is_closed(kit), durations: &durations, identity, jobs };
    let flags = c.flags(kit);

    let mut criteria = Vec::new();
    for def in &kit.criteria {
        let applies = def.applies.holds(&flags);
        let mut checks = Vec::new();
        for k in &def.checks {
            let thr = k.threshold.as_deref().and_then(|t| threshold_used(kit, c, t));
            // A check of the site, in a variant the site takes no part in, does not apply.
            let absent = k.party.resolve(c.alerted) == Party::Site && !flags.contains(&Flag::Site);
            let (outcome, value) = if applies && !absent {
                evaluate(&inp, k, thr.as_ref())
            } else if absent {
                (Outcome::NotApplicable, "the site takes no part in this variant".to_owned())
            } else {
                (Outcome::NotApplicable, "does not apply".to_owned())
            };
            let action = (outcome == Outcome::Fail).then(|| {
                let (tv, unit) = thr
                    .as_ref()
                    .map_or((String::new(), String::new()), |t| (fmt_num(t.value), t.threshold.unit.clone()));
                // "{threshold} {unit}" reads "1 hour", not "1 hours".
                let both = thr.as_ref().map_or_else(String::new, |t| amount(t.value, &t.threshold.unit));
                k.action
                    .replace("{threshold} {unit}", &both)
                    .replace("{value}", &value)
                    .replace("{threshold}", &tv)
                    .replace("{unit}", &unit)
            });
            checks.push(CheckResult {
                id: format!("{}.{}", def.id, k.id),
                label: k.label.clone(),
                outcome,
                value,
                threshold: thr,
                fatal: k.fatal,
                advisory: k.advisory,
                party: k.party.resolve(c.alerted),
                action,
            });
        }
        let deciding: Vec<Outcome> = checks.iter().filter(|k| !k.advisory).map(|k| k.outcome).collect();
        let outcome = if !applies {
            Outcome::NotApplicable
        } else if deciding.contains(&Outcome::Fail) {
            Outcome::Fail
        } else if deciding.contains(&Outcome::Pending) {
            Outcome::Pending
        } else if deciding.iter().all(|o| *o == Outcome::NotApplicable) {
            Outcome::NotApplicable
        } else {
            Outcome::Pass
        };
        criteria.push(CriterionResult {
            id: def.id.clone(),
            title: def.title.clone(),
            rule: def.rule.clone(),
            basis: def.basis.clone(),
            outcome,
            checks,
        });
    }

    let required: Vec<&CriterionResult> = criteria.iter().filter(|r| kit.required.contains(&r.id)).collect();
    let fatal = criteria.iter().flat_map(|r| &r.checks).any(|k| k.fatal && k.outcome == Outcome::Fail);
    let overall = if fatal {
        Overall::Fail
    } else if required.iter().any(|r| r.outcome == Outcome::Pending) {
        Overall::Pending
    } else if required.iter().any(|r| r.outcome == Outcome::Fail) {
        Overall::Partial
    } else {
        Overall::Pass
    };
    let failing = criteria.iter().filter(|r| r.outcome == Outcome::Fail).map(|r| r.id.clone()).collect();

    let passed =
        |id: &str| criteria.iter().flat_map(|r| &r.checks).any(|k| k.id == id && k.outcome == Outcome::Pass);
    let depth_suggested = kit
        .depth
        .iter()
        .filter(|d| match &d.implied_by {
            Some(Implied::Event(e)) => c.event_at(e).is_some(),
            Some(Implied::Check(k)) => passed(k),
            None => false,
        })
        .map(|d| d.level)
        .max();

    let mut actions: Vec<ActionItem> = criteria
        .iter()
        .flat_map(|r| &r.checks)
        .filter_map(|k| {
            let text = k.action.clone()?;
            let closed = c.actions.iter().any(|a| a.id == k.id && a.closed);
            Some(ActionItem { id: k.id.clone(), text, party: k.party, closed })
        })
        .collect();
    let manual: Vec<ActionItem> = c
        .actions
        .iter()
        .filter(|a| kit_is_manual(&a.id) && !actions.iter().any(|d| d.id == a.id))
        .cloned()
        .collect();
    actions.extend(manual);

    let detail = inp.jobs.as_ref().map_or_else(TruthDetail::default, |j| TruthDetail {
        missed_jobs: j.missed.clone(),
        wrong_jobs: j.wrong.clone(),
    });

    ScoreCard {
        durations,
        criteria,
        overall,
        failing,
        depth_suggested,
        depth: c.depth_observed.or(depth_suggested),
        actions,
        detail,
    }
}

/// Manual action items have IDs `manual-…`; others are the state of derived ones.
fn kit_is_manual(id: &str) -> bool {
    id.starts_with("manual-")
}
