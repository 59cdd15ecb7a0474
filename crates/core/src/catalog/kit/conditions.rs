//! Findings (conditions on a challenge result) and value sources (where a proposed answer comes
//! from), read from their raw shapes with messages an editor of the kit file understands.
//!
//! Invariant: every reference a parsed finding or value holds was checked against `Known`.

use std::collections::HashSet;

use super::raw::{RawFinding, RawValue};
use crate::challenge::kit::{Finding, Fixed, Flag, Party, Unit, ValueSource};
use crate::challenge::score::{Outcome, Overall};
use crate::model::Choice;

/// The IDs a condition may refer to.
pub(super) struct Known<'a> {
    pub checks: HashSet<String>,
    pub criteria: HashSet<&'a str>,
    pub events: HashSet<&'a str>,
    pub durations: HashSet<&'a str>,
    pub thresholds: HashSet<&'a str>,
}

/// The names of the fields of `f` that are set.
fn set_fields(f: &RawFinding) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |on: bool, name: &'static str| {
        if on {
            out.push(name);
        }
    };
    add(f.check.is_some(), "check");
    add(f.criterion.is_some(), "criterion");
    add(f.outcome.is_some(), "outcome");
    add(f.overall.is_some(), "overall");
    add(f.flag.is_some(), "flag");
    add(f.event.is_some(), "event");
    add(f.recorded.is_some(), "recorded");
    add(f.duration.is_some(), "duration");
    add(f.unit.is_some(), "unit");
    add(f.above.is_some(), "above");
    add(f.open_actions.is_some(), "open_actions");
    add(f.any.is_some(), "any");
    add(f.all.is_some(), "all");
    add(f.not.is_some(), "not");
    out
}

fn exactly(set: &[&str], allowed: &[&str]) -> Result<(), String> {
    match set.iter().find(|k| !allowed.contains(k)) {
        Some(k) => Err(format!("unexpected key `{k}` beside `{}`", allowed[0])),
        None if set.len() != allowed.len() => {
            Err(format!("`{}` needs {}", allowed[0], allowed[1..].join(" and ")))
        }
        None => Ok(()),
    }
}

fn outcome(o: Option<&String>) -> Result<Outcome, String> {
    let o = o.map(String::as_str).unwrap_or("");
    Outcome::from_key(o).ok_or_else(|| format!("unknown outcome `{o}` (pass, fail, pending, not-applicable)"))
}

fn nested(list: &[RawFinding], k: &Known) -> Result<Vec<Finding>, String> {
    if list.is_empty() {
        return Err("`any` and `all` need at least one condition".to_owned());
    }
    list.iter().map(|x| finding(x, k)).collect()
}

/// Reads a finding.
pub(super) fn finding(f: &RawFinding, k: &Known) -> Result<Finding, String> {
    let set = set_fields(f);
    if let Some(list) = &f.any {
        exactly(&set, &["any"])?;
        return Ok(Finding::Any(nested(list, k)?));
    }
    if let Some(list) = &f.all {
        exactly(&set, &["all"])?;
        return Ok(Finding::All(nested(list, k)?));
    }
    if let Some(inner) = &f.not {
        exactly(&set, &["not"])?;
        return Ok(Finding::Not(Box::new(finding(inner, k)?)));
    }
    if let Some(c) = &f.check {
        exactly(&set, &["check", "outcome"])?;
        if !k.checks.contains(c) {
            return Err(format!("unknown check `{c}` (write it as C2.identity)"));
        }
        return Ok(Finding::Check(c.clone(), outcome(f.outcome.as_ref())?));
    }
    if let Some(c) = &f.criterion {
        exactly(&set, &["criterion", "outcome"])?;
        if !k.criteria.contains(c.as_str()) {
            return Err(format!("unknown criterion `{c}`"));
        }
        return Ok(Finding::Criterion(c.clone(), outcome(f.outcome.as_ref())?));
    }
    if let Some(o) = &f.overall {
        exactly(&set, &["overall"])?;
        return Overall::from_key(o)
            .map(Finding::Overall)
            .ok_or_else(|| format!("unknown overall result `{o}` (pass, partial, fail, pending)"));
    }
    if let Some(fl) = &f.flag {
        exactly(&set, &["flag"])?;
        return Flag::from_key(fl)
            .map(Finding::Flag)
            .ok_or_else(|| format!("unknown flag `{fl}` (site, suspension, vo-alerted)"));
    }
    if let Some(e) = &f.event {
        exactly(&set, &["event", "recorded"])?;
        if !k.events.contains(e.as_str()) {
            return Err(format!("unknown event `{e}`"));
        }
        return Ok(Finding::Event(e.clone(), f.recorded.unwrap_or(true)));
    }
    if let Some(d) = &f.duration {
        exactly(&set, &["duration", "unit", "above"])?;
        if !k.durations.contains(d.as_str()) {
            return Err(format!("unknown duration `{d}`"));
        }
        let u = f.unit.as_deref().unwrap_or("");
        let unit = Unit::from_key(u)
            .filter(|u| *u != Unit::Percent)
            .ok_or_else(|| format!("unit `{u}` must be hours, working hours or days"))?;
        let t = f.above.as_deref().unwrap_or("");
        if !k.thresholds.contains(t) {
            return Err(format!("unknown kit threshold `{t}`"));
        }
        return Ok(Finding::DurationAbove(d.clone(), unit, t.to_owned()));
    }
    if let Some(p) = &f.open_actions {
        exactly(&set, &["open_actions"])?;
        return Party::from_key(p).map(Finding::OpenActions).ok_or_else(|| format!("unknown party `{p}`"));
    }
    Err("a finding needs one of check, criterion, overall, flag, event, duration, open_actions, any, all, not"
        .to_owned())
}

fn fixed(option: Option<&String>, choice: Option<&String>) -> Result<Fixed, String> {
    match (option, choice) {
        (Some(o), None) => Ok(Fixed::Option(o.clone())),
        (None, Some(c)) if Choice::from_key(c).is_some() => Ok(Fixed::Choice(c.clone())),
        (None, Some(c)) => Err(format!("`{c}` is not a choice (yes, partial, no, unknown)")),
        _ => Err("a fixed answer needs `option` or `choice`, not both".to_owned()),
    }
}

/// Reads a value source.
pub(super) fn value_source(v: &RawValue, k: &Known) -> Result<ValueSource, String> {
    let present: Vec<&str> = [
        (v.date.is_some(), "date"),
        (v.event.is_some(), "event"),
        (v.option.is_some(), "option"),
        (v.choice.is_some(), "choice"),
        (v.hours.is_some(), "hours"),
        (v.unit.is_some(), "unit"),
        (v.open_actions.is_some(), "open_actions"),
        (v.text.is_some(), "text"),
        (v.cases.is_some(), "cases"),
    ]
    .into_iter()
    .filter_map(|(on, n)| on.then_some(n))
    .collect();
    if let Some(d) = &v.date {
        return match d.as_str() {
            "challenge" => exactly(&present, &["date"]).map(|()| ValueSource::ChallengeDate),
            "event" => {
                exactly(&present, &["date", "event"])?;
                let e = v.event.clone().unwrap_or_default();
                if !k.events.contains(e.as_str()) {
                    return Err(format!("unknown event `{e}`"));
                }
                Ok(ValueSource::EventDate(e))
            }
            _ => Err("`date` is `challenge` or `event`".to_owned()),
        };
    }
    if let Some(h) = &v.hours {
        exactly(&present, &["hours", "unit"])?;
        if !k.durations.contains(h.as_str()) {
            return Err(format!("unknown duration `{h}`"));
        }
        let u = v.unit.as_deref().unwrap_or("");
        let unit = Unit::from_key(u)
            .filter(|u| matches!(u, Unit::Hours | Unit::WorkingHours))
            .ok_or_else(|| format!("unit `{u}` must be hours or working hours"))?;
        return Ok(ValueSource::Hours(h.clone(), unit));
    }
    if let Some(p) = &v.open_actions {
        exactly(&present, &["open_actions"])?;
        return Party::from_key(p)
            .map(ValueSource::OpenActions)
            .ok_or_else(|| format!("unknown party `{p}`"));
    }
    if let Some(t) = &v.text {
        exactly(&present, &["text"])?;
        return Ok(ValueSource::Text(t.clone()));
    }
    if let Some(cases) = &v.cases {
        exactly(&present, &["cases"])?;
        if cases.is_empty() {
            return Err("`cases` takes a non-empty list".to_owned());
        }
        let mut out = Vec::new();
        for c in cases {
            out.push((finding(&c.when, k)?, fixed(c.option.as_ref(), c.choice.as_ref())?));
        }
        return Ok(ValueSource::Cases(out));
    }
    if v.option.is_some() || v.choice.is_some() {
        if present.len() != 1 {
            return Err("a fixed answer takes `option` or `choice` alone".to_owned());
        }
        return fixed(v.option.as_ref(), v.choice.as_ref()).map(ValueSource::Fixed);
    }
    Err("a value needs one of date, option, choice, hours, open_actions, text, cases".to_owned())
}
