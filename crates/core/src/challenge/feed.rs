//! Holding a self-assessment against a challenge: the answers an imported result proposes, and
//! the gaps where an assessment's answer disagrees with the latest challenge.
//!
//! Both are data (`[[proposal]]`, `[[contradiction]]` in the kit file); this module interprets
//! findings (conditions on a `ChallengeResult`); claims (conditions on an `Assessment`) are the
//! question files' conditions, read by `rules`. Nothing is applied without the user: `proposals` only lists,
//! `apply` writes exactly the proposals the user accepted, each with evidence naming the
//! challenge.
//!
//! Invariant: pure; a claim that compares with an unanswered or hidden question does not hold, as
//! in the gap rules, so an empty assessment is never "contradicted".

use super::kit::{AnswerKindName, Finding, Fixed, Flag, Kit, Party, Unit, ValueSource};
use super::score::fmt_num;
use super::views::ChallengeResult;
use crate::model::{AnswerValue, Assessment, Choice, Condition, Evidence, QuestionSet, Respondent, Severity};
use crate::rules::condition_holds;
use crate::time::{Date, Timestamp};

fn flags(kit: &Kit, r: &ChallengeResult) -> Vec<Flag> {
    let mut f = vec![if r.alerted == Party::Site { Flag::Site } else { Flag::VoAlerted }];
    if kit.variant(&r.variant).is_some_and(|v| v.suspension) {
        f.push(Flag::Suspension);
    }
    f
}

/// Whether a finding holds for a result.
pub fn finding_holds(kit: &Kit, r: &ChallengeResult, f: &Finding) -> bool {
    match f {
        Finding::Check(id, o) => r.check(id).is_some_and(|k| k.outcome == *o),
        Finding::Criterion(id, o) => r.criteria.iter().any(|c| &c.id == id && c.outcome == *o),
        Finding::Overall(o) => r.overall == *o,
        Finding::Flag(fl) => flags(kit, r).contains(fl),
        Finding::Event(e, recorded) => r.events.iter().any(|x| &x.event == e) == *recorded,
        Finding::DurationAbove(d, unit, t) => {
            let limit = r.threshold(t).map(|t| t.value).or_else(|| kit.threshold(t).map(|t| t.value));
            let value = r.durations.iter().find(|x| &x.id == d && x.applies).and_then(|x| x.in_unit(*unit));
            matches!((value, limit), (Some(v), Some(l)) if v > l)
        }
        Finding::OpenActions(p) => r.open_actions(*p) > 0,
        Finding::Any(list) => list.iter().any(|x| finding_holds(kit, r, x)),
        Finding::All(list) => list.iter().all(|x| finding_holds(kit, r, x)),
        Finding::Not(x) => !finding_holds(kit, r, x),
    }
}

/// One proposed answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// Question ID.
    pub question: String,
    /// The answer the challenge implies.
    pub value: AnswerValue,
    /// The current answer, if any.
    pub current: Option<AnswerValue>,
    /// Evidence text to add when accepted.
    pub evidence: String,
}

impl Proposal {
    /// True when the assessment already holds this answer.
    pub fn unchanged(&self) -> bool {
        self.current.as_ref() == Some(&self.value)
    }
}

fn fill(template: &str, r: &ChallengeResult, value: &str) -> String {
    super::score::singular_units(
        &template
            .replace("{id}", &r.id)
            .replace("{variant}", &r.variant)
            .replace("{date}", &r.date.to_string())
            .replace("{result}", &r.overall_text())
            .replace("{value}", value),
    )
}

fn fixed_value(f: &Fixed) -> Option<AnswerValue> {
    match f {
        Fixed::Option(o) => Some(AnswerValue::Option(o.clone())),
        Fixed::Choice(c) => Choice::from_key(c).map(AnswerValue::Choice),
    }
}

fn value_of(kit: &Kit, r: &ChallengeResult, v: &ValueSource) -> Option<AnswerValue> {
    match v {
        ValueSource::ChallengeDate => Some(AnswerValue::Date(r.date)),
        ValueSource::EventDate(e) => {
            r.events.iter().find(|x| &x.event == e).map(|x| AnswerValue::Date(x.at.day()))
        }
        ValueSource::Fixed(f) => fixed_value(f),
        ValueSource::Hours(d, unit) => {
            let v = r.durations.iter().find(|x| &x.id == d && x.applies)?.in_unit(*unit)?;
            Some(AnswerValue::Number((v * 10.0).round() / 10.0))
        }
        ValueSource::OpenActions(p) => Some(AnswerValue::Number(r.open_actions(*p) as f64)),
        ValueSource::Text(t) => Some(AnswerValue::Text(fill(t, r, ""))),
        ValueSource::Cases(cases) => {
            cases.iter().find(|(w, _)| finding_holds(kit, r, w)).and_then(|(_, f)| fixed_value(f))
        }
    }
}

/// The answers a result proposes to an assessment of `respondent`, the first applicable
/// proposal per question, beside the current answers.
pub fn proposals(
    kit: &Kit,
    r: &ChallengeResult,
    respondent: Respondent,
    assessment: &Assessment,
) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    for p in kit.proposals.iter().filter(|p| p.respondent == respondent) {
        if out.iter().any(|x| x.question == p.question) {
            continue;
        }
        if p.when.as_ref().is_some_and(|w| !finding_holds(kit, r, w)) {
            continue;
        }
        let Some(value) = value_of(kit, r, &p.value) else { continue };
        let shown = match (&value, p.kind) {
            (AnswerValue::Number(n), _) => fmt_num(*n),
            (v, AnswerKindName::Date | AnswerKindName::Text | AnswerKindName::Number) => v.display(),
            (v, _) => v.display(),
        };
        out.push(Proposal {
            question: p.question.clone(),
            current: assessment.answer(&p.question).cloned(),
            evidence: fill(&p.evidence, r, &shown),
            value,
        });
    }
    out
}

/// The question's evidence once a proposal is accepted: its text gains the proposal's evidence
/// line (unless already there); the link stays.
pub fn evidence_with(existing: Option<&Evidence>, p: &Proposal) -> Evidence {
    let ev = existing.cloned().unwrap_or_default();
    if ev.text.contains(&p.evidence) {
        return ev;
    }
    let text =
        if ev.text.trim().is_empty() { p.evidence.clone() } else { format!("{}\n{}", ev.text, p.evidence) };
    Evidence { text, url: ev.url }
}

/// Writes the accepted proposals: each answer, and its evidence (`evidence_with`). Nothing else
/// changes.
pub fn apply(assessment: &mut Assessment, accepted: &[Proposal], now: Timestamp) {
    for p in accepted {
        assessment.set_answer(&p.question, Some(p.value.clone()), now);
        let ev = evidence_with(assessment.evidence.get(&p.question), p);
        assessment.set_evidence(&p.question, ev);
    }
}

/// The respondent's name in an assessment (the set's name question), trimmed.
pub fn respondent_name(set: &QuestionSet, assessment: &Assessment) -> Option<String> {
    let q = set.report.name_question.as_deref()?;
    match assessment.answer(q) {
        Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_owned()),
        _ => None,
    }
}

/// Whether a result concerns this respondent: a VO by its name, a site by its name when the site
/// took part (names compared without regard to case).
pub fn concerns(kit: &Kit, r: &ChallengeResult, respondent: Respondent, name: &str) -> bool {
    let name = name.trim();
    match respondent {
        Respondent::Vo => r.vo.trim().eq_ignore_ascii_case(name),
        Respondent::Site => flags(kit, r).contains(&Flag::Site) && r.site.trim().eq_ignore_ascii_case(name),
    }
}

/// The latest of `results` (by challenge date, then ID) that concerns the assessment's respondent.
pub fn latest_concerning<'a>(
    kit: &Kit,
    results: &'a [ChallengeResult],
    set: &QuestionSet,
    assessment: &Assessment,
) -> Option<&'a ChallengeResult> {
    let name = respondent_name(set, assessment)?;
    results
        .iter()
        .filter(|r| concerns(kit, r, set.respondent, &name))
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)))
}

/// The contradictions of an assessment with the latest stored challenge that concerns it (by
/// the respondent's name), or none when no challenge does.
pub fn contradictions_with_latest(
    kit: &Kit,
    results: &[ChallengeResult],
    set: &QuestionSet,
    assessment: &Assessment,
    today: Date,
) -> Vec<Contradiction> {
    latest_concerning(kit, results, set, assessment)
        .map(|r| contradictions(kit, r, set, assessment, today))
        .unwrap_or_default()
}

fn claim_questions(c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Missing(q)
        | Condition::Equals(q, _)
        | Condition::OneOf(q, _)
        | Condition::Includes(q, _)
        | Condition::Below(q, _)
        | Condition::AtLeast(q, _)
        | Condition::Above(q, _)
        | Condition::OlderThan(q, _)
        | Condition::Personal(q)
        | Condition::Row(q, _) => {
            if !out.contains(q) {
                out.push(q.clone());
            }
        }
        Condition::Any(l) | Condition::All(l) => l.iter().for_each(|x| claim_questions(x, out)),
        Condition::Not(x) => claim_questions(x, out),
    }
}

/// A gap: the self-assessment contradicted by a challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// Rule ID.
    pub rule: String,
    /// Recommendation.
    pub recommendation: String,
    /// Severity.
    pub severity: Severity,
    /// The challenge ID.
    pub challenge: String,
    /// The message.
    pub message: String,
    /// What to do.
    pub action: String,
    /// The questions whose answers the challenge contradicts.
    pub questions: Vec<String>,
}

fn message(template: &str, r: &ChallengeResult) -> String {
    let mut s = template
        .replace("{id}", &r.id)
        .replace("{date}", &r.date.to_string())
        .replace("{result}", &r.overall_text());
    for d in &r.durations {
        let f = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), fmt_num);
        s = s
            .replace(&format!("{{hours.{}}}", d.id), &f(d.in_unit(Unit::Hours)))
            .replace(&format!("{{working.{}}}", d.id), &f(d.in_unit(Unit::WorkingHours)))
            .replace(&format!("{{days.{}}}", d.id), &f(d.in_unit(Unit::Days)));
    }
    super::score::singular_units(&s)
}

/// The contradictions between an assessment (of `set`, judged as of `today` like its gaps) and a
/// challenge result, most severe first. Claims are read by the gap rules' engine, so a claim about
/// a hidden or unanswered question does not hold.
pub fn contradictions(
    kit: &Kit,
    r: &ChallengeResult,
    set: &QuestionSet,
    assessment: &Assessment,
    today: Date,
) -> Vec<Contradiction> {
    let mut out: Vec<Contradiction> = kit
        .contradictions
        .iter()
        .filter(|c| c.respondent == set.respondent)
        .filter(|c| finding_holds(kit, r, &c.finding) && condition_holds(set, assessment, &c.claim, today))
        .map(|c| {
            let mut questions = Vec::new();
            claim_questions(&c.claim, &mut questions);
            Contradiction {
                rule: c.id.clone(),
                recommendation: c.recommendation.clone(),
                severity: c.severity,
                challenge: r.id.clone(),
                message: message(&c.message, r),
                action: c.action.clone(),
                questions,
            }
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.severity));
    out
}

/// The latest challenge of a VO (by challenge date, then ID), VO names compared without case.
pub fn latest_for<'a>(results: &'a [ChallengeResult], vo: &str) -> Option<&'a ChallengeResult> {
    results
        .iter()
        .filter(|r| r.vo.trim().eq_ignore_ascii_case(vo.trim()))
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)))
}

/// What importing a challenge result into an assessment offers the user: the challenge in a
/// line, a warning when it does not concern this assessment's VO or site, and the proposals as
/// the assessment would read with all of them applied (`proposed`), so that the page can show
/// and apply each one from a plain assessment (the tools module computes this; the page only
/// reads it, see `persist::encode_import_outcome`).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    /// The challenge ID.
    pub challenge: String,
    /// Its variant (V1–V3).
    pub variant: String,
    /// Its date.
    pub date: String,
    /// The overall result in words (`ChallengeResult::overall_text`).
    pub overall: String,
    /// Empty, or a sentence starting with a space: the challenge is for another VO or site, or
    /// the assessment names none.
    pub warning: String,
    /// Each proposed question with the evidence line it adds, in the kit's order.
    pub proposals: Vec<(String, String)>,
    /// The assessment with every proposal applied.
    pub proposed: Assessment,
}

/// The outcome of importing `result` into `assessment` (nothing is changed: `proposed` is a
/// copy).
pub fn import_outcome(
    kit: &Kit,
    result: &ChallengeResult,
    set: &QuestionSet,
    assessment: &Assessment,
    now: Timestamp,
) -> ImportOutcome {
    let props = proposals(kit, result, set.respondent, assessment);
    let warning = match respondent_name(set, assessment) {
        Some(n) if !concerns(kit, result, set.respondent, &n) => format!(
            " Note: the challenge is for {} (site {}), and this assessment is for {n}.",
            result.vo,
            if result.site.is_empty() { "-" } else { &result.site }
        ),
        None => " Note: this assessment does not name its VO or site yet, so the challenge cannot be held against it.".to_owned(),
        _ => String::new(),
    };
    let mut proposed = assessment.clone();
    apply(&mut proposed, &props, now);
    ImportOutcome {
        challenge: result.id.clone(),
        variant: result.variant.clone(),
        date: result.date.to_string(),
        overall: result.overall_text(),
        warning,
        proposals: props.into_iter().map(|p| (p.question, p.evidence)).collect(),
        proposed,
    }
}
