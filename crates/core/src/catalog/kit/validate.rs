//! Raw kit file → validated `challenge::kit::Kit`, or the first mistake with its item named.
//! Proposals and claims are checked against the built-in question sets: every question they
//! name exists in the respondent's set with the answer kind (and option) they give, every
//! threshold a claim compares with is defined there.

use std::collections::{BTreeSet, HashSet};

use super::conditions::{self, Known};
use super::raw::RawKit;
use crate::catalog::CatalogError;
use crate::catalog::validate::condition_in;
use crate::challenge::calendar::{WorkCalendar, parse_hhmm};
use crate::challenge::kit::{
    AlertTemplate, AnswerKindName, Applies, CheckDef, CheckKind, CollectColumn, ContradictionDef,
    CriterionDef, DepthLevel, DocumentEvent, DurationDef, EventDef, Finding, Fixed, FrameworkDef, Implied,
    Item, Kit, Party, PartyRef, PointerKind, ProposalDef, TlpDef, TraceDocument, Unit, ValueSource,
    VariantDef,
};
use crate::challenge::zone::{PosixRule, Zone};
use crate::model::{AnswerKind, QuestionSet, Respondent, Severity, Source, Threshold, ThresholdStatus};

/// Placeholders every alert template may use.
pub(crate) const ALERT_COMMON: &[&str] = &[
    "id",
    "vo",
    "tlp",
    "organiser",
    "organiser_contact",
    "window_start",
    "window_end",
    "framework",
    "job_id_name",
];
/// Extra placeholders of VO alerts.
pub(crate) const ALERT_VO: &[&str] = &["site", "ce", "batch_job_id", "worker_node", "run_start", "run_end"];
/// Extra placeholders of site alerts.
pub(crate) const ALERT_SITE: &[&str] = &["site", "indicator"];
/// Placeholders of proposal evidence (and of text values).
pub(crate) const EVIDENCE: &[&str] = &["id", "variant", "date", "result", "value"];
/// Placeholders of contradiction messages besides `hours.X`, `working.X` and `days.X`.
pub(crate) const MESSAGE: &[&str] = &["id", "date", "result"];

/// The `{name}` placeholders of a template, or an error for an unclosed brace.
pub(crate) fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "a `{` is not closed".to_owned())?;
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err("a `}` has no `{`".to_owned());
    }
    Ok(out)
}

struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    fn err(&self, item: impl Into<String>, problem: impl Into<String>) -> CatalogError {
        CatalogError { file: self.file.to_owned(), item: item.into(), problem: problem.into() }
    }
}

fn unique<'a>(
    ctx: &Ctx,
    what: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, CatalogError> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(ctx.err(what, "an ID is empty"));
        }
        if !seen.insert(id) {
            return Err(ctx.err(format!("{what} `{id}`"), "the ID is used twice"));
        }
    }
    Ok(seen)
}

fn party(ctx: &Ctx, item: &str, key: &str) -> Result<Party, CatalogError> {
    Party::from_key(key).ok_or_else(|| ctx.err(item, format!("unknown party `{key}` (organiser, vo, site)")))
}

fn party_ref(ctx: &Ctx, item: &str, key: &str) -> Result<PartyRef, CatalogError> {
    if key == "alerted" { Ok(PartyRef::Alerted) } else { party(ctx, item, key).map(PartyRef::Is) }
}

fn applies(ctx: &Ctx, item: &str, key: &str) -> Result<Applies, CatalogError> {
    Applies::parse(key).ok_or_else(|| {
        ctx.err(item, format!("unknown `applies` `{key}` (always, site, suspension, vo-alerted)"))
    })
}

fn respondent(ctx: &Ctx, item: &str, key: &str) -> Result<Respondent, CatalogError> {
    match key {
        "vo" => Ok(Respondent::Vo),
        "site" => Ok(Respondent::Site),
        _ => Err(ctx.err(item, format!("unknown respondent `{key}` (vo, site)"))),
    }
}

fn sources_known(ctx: &Ctx, item: &str, ids: &[String], known: &HashSet<&str>) -> Result<(), CatalogError> {
    match ids.iter().find(|s| !known.contains(s.as_str())) {
        Some(s) => Err(ctx.err(item, format!("source `{s}` is not defined"))),
        None => Ok(()),
    }
}

/// Whether a proposal of `kind` (and fixed `option`) fits a question's answer kind.
fn kind_fits(kind: AnswerKindName, q: &AnswerKind) -> bool {
    matches!(
        (kind, q),
        (AnswerKindName::Date, AnswerKind::Date { .. })
            | (AnswerKindName::Select, AnswerKind::Select(_))
            | (AnswerKindName::Choice, AnswerKind::Choice)
            | (AnswerKindName::Number, AnswerKind::Number { .. })
            | (AnswerKindName::Text, AnswerKind::Text | AnswerKind::Line)
    )
}

/// Validates the raw kit against the built-in VO and Site question sets (sources, and the
/// questions and thresholds its proposals and claims name).
pub fn validate(file: &str, raw: RawKit, vo: &QuestionSet, site: &QuestionSet) -> Result<Kit, CatalogError> {
    let ctx = Ctx { file };
    let external: Vec<&str> = vo.sources.iter().chain(&site.sources).map(|s| s.id.as_str()).collect();
    let set_for = |r: Respondent| if r == Respondent::Vo { vo } else { site };

    // Sources: the kit's own, plus those of the question sets.
    let own = unique(&ctx, "source", raw.source.iter().map(|s| s.id.as_str()))?;
    let mut known_sources: HashSet<&str> = own;
    known_sources.extend(external.iter().copied());
    let sources = raw
        .source
        .iter()
        .map(|s| Source { id: s.id.clone(), title: s.title.clone(), location: s.location.clone() })
        .collect();

    let mut parties = Vec::new();
    for p in &raw.party {
        parties.push((party(&ctx, &format!("party `{}`", p.id), &p.id)?, p.label.clone()));
    }
    unique(&ctx, "party", raw.party.iter().map(|p| p.id.as_str()))?;
    if parties.len() != Party::ALL.len() {
        return Err(ctx.err("party", "organiser, vo and site must each be defined once"));
    }

    unique(&ctx, "variant", raw.variant.iter().map(|v| v.id.as_str()))?;
    let mut variants = Vec::new();
    for v in &raw.variant {
        let item = format!("variant `{}`", v.id);
        let alerted = v.alerted.iter().map(|a| party(&ctx, &item, a)).collect::<Result<Vec<_>, _>>()?;
        if alerted.is_empty() || alerted.contains(&Party::Organiser) {
            return Err(ctx.err(item, "`alerted` lists vo and/or site"));
        }
        sources_known(&ctx, &item, &v.sources, &known_sources)?;
        variants.push(VariantDef {
            id: v.id.clone(),
            title: v.title.clone(),
            description: v.description.clone(),
            alerted,
            suspension: v.suspension,
            sources: v.sources.clone(),
        });
    }

    unique(&ctx, "framework", raw.framework.iter().map(|f| f.id.as_str()))?;
    let frameworks = raw
        .framework
        .iter()
        .map(|f| FrameworkDef { id: f.id.clone(), label: f.label.clone(), job_id: f.job_id.clone() })
        .collect();

    let tlp_ids = unique(&ctx, "tlp", raw.tlp.iter().map(|t| t.id.as_str()))?;
    for (what, id) in [("alerts", &raw.tlp_defaults.alerts), ("sealed", &raw.tlp_defaults.sealed)] {
        if !tlp_ids.contains(id.as_str()) {
            return Err(ctx.err(format!("tlp_defaults `{what}`"), format!("TLP `{id}` is not defined")));
        }
    }
    let tlps = raw
        .tlp
        .iter()
        .map(|t| TlpDef { id: t.id.clone(), label: t.label.clone(), meaning: t.meaning.clone() })
        .collect();

    // Events.
    let event_ids = unique(&ctx, "event", raw.event.iter().map(|e| e.id.as_str()))?;
    let mut events = Vec::new();
    for e in &raw.event {
        let item = format!("event `{}`", e.id);
        let recorded_by =
            e.recorded_by.iter().map(|p| party(&ctx, &item, p)).collect::<Result<Vec<_>, _>>()?;
        if recorded_by.is_empty() {
            return Err(ctx.err(item, "`recorded_by` names at least one party"));
        }
        if let Some(n) = e.not_before.iter().find(|n| !event_ids.contains(n.as_str()) || **n == e.id) {
            return Err(ctx.err(item, format!("`not_before` names `{n}`, which is not another event")));
        }
        events.push(EventDef {
            id: e.id.clone(),
            title: e.title.clone(),
            recorded_by,
            applies: applies(&ctx, &item, &e.applies)?,
            not_before: e.not_before.clone(),
            closes: e.closes,
        });
    }
    if events.iter().filter(|e| e.closes).count() != 1 {
        return Err(ctx.err("event", "exactly one event must have `closes = true`"));
    }

    // Durations.
    let duration_ids = unique(&ctx, "duration", raw.duration.iter().map(|d| d.id.as_str()))?;
    let mut durations = Vec::new();
    for d in &raw.duration {
        let item = format!("duration `{}`", d.id);
        if d.from.is_empty() {
            return Err(ctx.err(item, "`from` names at least one event"));
        }
        if let Some(e) = d.from.iter().chain(std::iter::once(&d.to)).find(|e| !event_ids.contains(e.as_str()))
        {
            return Err(ctx.err(item, format!("event `{e}` is not defined")));
        }
        durations.push(DurationDef {
            id: d.id.clone(),
            title: d.title.clone(),
            from: d.from.clone(),
            to: d.to.clone(),
            calendar: party_ref(&ctx, &item, &d.calendar)?,
            applies: applies(&ctx, &item, &d.applies)?,
        });
    }

    // Thresholds.
    let threshold_ids = unique(&ctx, "threshold", raw.threshold.iter().map(|t| t.id.as_str()))?;
    let mut thresholds = Vec::new();
    for t in &raw.threshold {
        let item = format!("threshold `{}`", t.id);
        let status = match t.status.as_str() {
            "sourced" => ThresholdStatus::Sourced,
            "unverified" => ThresholdStatus::Unverified,
            s => return Err(ctx.err(item, format!("status `{s}` must be sourced or unverified"))),
        };
        if Unit::from_key(&t.unit).is_none() {
            return Err(ctx.err(item, format!("unit `{}` must be hours, working hours, days or %", t.unit)));
        }
        if !t.value.is_finite() || t.value < 0.0 {
            return Err(ctx.err(item, "the value must be a number of at least 0"));
        }
        if t.sources.is_empty() {
            return Err(ctx.err(item, "every threshold names its sources"));
        }
        sources_known(&ctx, &item, &t.sources, &known_sources)?;
        thresholds.push(Threshold {
            id: t.id.clone(),
            title: t.title.clone(),
            value: t.value,
            unit: t.unit.clone(),
            sources: t.sources.clone(),
            status,
            note: t.note.clone(),
        });
    }
    let unit_of = |id: &str| thresholds.iter().find(|t| t.id == id).and_then(|t| Unit::from_key(&t.unit));

    let attestation_ids = unique(&ctx, "attestation", raw.attestation.iter().map(|a| a.id.as_str()))?;
    unique(&ctx, "trace_field", raw.trace_field.iter().map(|f| f.id.as_str()))?;
    let item = |id: &str, label: &str, sources: &[String], note: &str| Item {
        id: id.to_owned(),
        label: label.to_owned(),
        sources: sources.to_vec(),
        note: note.to_owned(),
    };
    let attestations: Vec<Item> = raw.attestation.iter().map(|a| item(&a.id, &a.label, &[], "")).collect();
    let mut trace_fields = Vec::new();
    for f in &raw.trace_field {
        sources_known(&ctx, &format!("trace_field `{}`", f.id), &f.sources, &known_sources)?;
        trace_fields.push(item(&f.id, &f.label, &f.sources, &f.note));
    }

    // Criteria and their checks.
    let criterion_ids = unique(&ctx, "criterion", raw.criterion.iter().map(|c| c.id.as_str()))?;
    let mut criteria = Vec::new();
    let mut check_ids: HashSet<String> = HashSet::new();
    for c in &raw.criterion {
        let citem = format!("criterion `{}`", c.id);
        if c.check.is_empty() {
            return Err(ctx.err(citem, "a criterion needs at least one check"));
        }
        unique(&ctx, &format!("{citem} check"), c.check.iter().map(|k| k.id.as_str()))?;
        let mut checks = Vec::new();
        for k in &c.check {
            let item = format!("{citem} check `{}`", k.id);
            let need_threshold = |units: &[Unit]| -> Result<Option<String>, CatalogError> {
                let t =
                    k.threshold.as_deref().ok_or_else(|| ctx.err(&item, "this kind needs a `threshold`"))?;
                if !threshold_ids.contains(t) {
                    return Err(ctx.err(&item, format!("threshold `{t}` is not defined")));
                }
                match unit_of(t) {
                    Some(u) if units.contains(&u) => Ok(Some(t.to_owned())),
                    _ => Err(ctx.err(
                        &item,
                        format!(
                            "threshold `{t}` must be in {}",
                            units.iter().map(|u| u.key()).collect::<Vec<_>>().join(" or ")
                        ),
                    )),
                }
            };
            let (kind, threshold) = match k.kind.as_str() {
                "duration_max" => {
                    let d = k
                        .duration
                        .as_deref()
                        .ok_or_else(|| ctx.err(&item, "duration_max needs a `duration`"))?;
                    if !duration_ids.contains(d) {
                        return Err(ctx.err(&item, format!("duration `{d}` is not defined")));
                    }
                    (
                        CheckKind::DurationMax(d.to_owned()),
                        need_threshold(&[Unit::Hours, Unit::WorkingHours, Unit::Days])?,
                    )
                }
                "identity" => (CheckKind::Identity, None),
                "recall_min" => (CheckKind::RecallMin, need_threshold(&[Unit::Percent])?),
                "precision_min" => (CheckKind::PrecisionMin, need_threshold(&[Unit::Percent])?),
                "fields_min" => (CheckKind::FieldsMin, need_threshold(&[Unit::Percent])?),
                "no_start_after" => {
                    let e = k
                        .event
                        .as_deref()
                        .ok_or_else(|| ctx.err(&item, "no_start_after needs an `event`"))?;
                    if !event_ids.contains(e) {
                        return Err(ctx.err(&item, format!("event `{e}` is not defined")));
                    }
                    (CheckKind::NoStartAfter(e.to_owned()), None)
                }
                "attested" => {
                    let a = k
                        .attestation
                        .as_deref()
                        .ok_or_else(|| ctx.err(&item, "attested needs an `attestation`"))?;
                    if !attestation_ids.contains(a) {
                        return Err(ctx.err(&item, format!("attestation `{a}` is not defined")));
                    }
                    (CheckKind::Attested(a.to_owned()), None)
                }
                "aged_trace" => {
                    let d = k
                        .duration
                        .as_deref()
                        .ok_or_else(|| ctx.err(&item, "aged_trace needs a `duration`"))?;
                    if !duration_ids.contains(d) {
                        return Err(ctx.err(&item, format!("duration `{d}` is not defined")));
                    }
                    (CheckKind::AgedTrace(d.to_owned()), need_threshold(&[Unit::Days])?)
                }
                other => return Err(ctx.err(&item, format!("unknown kind `{other}`"))),
            };
            let allowed = ["value", "threshold", "unit"];
            let ph = placeholders(&k.action).map_err(|e| ctx.err(&item, e))?;
            if let Some(p) = ph.iter().find(|p| !allowed.contains(p)) {
                return Err(ctx.err(
                    &item,
                    format!(
                        "the action uses `{{{p}}}`, which is not one of {{value}} {{threshold}} {{unit}}"
                    ),
                ));
            }
            if k.fatal && k.advisory {
                return Err(ctx.err(&item, "a check cannot be both fatal and advisory"));
            }
            check_ids.insert(format!("{}.{}", c.id, k.id));
            checks.push(CheckDef {
                id: k.id.clone(),
                label: k.label.clone(),
                kind,
                threshold,
                fatal: k.fatal,
                advisory: k.advisory,
                party: party_ref(&ctx, &item, &k.party)?,
                action: k.action.clone(),
            });
        }
        if checks.iter().all(|k| k.advisory) {
            return Err(ctx.err(citem, "at least one check must not be advisory"));
        }
        criteria.push(CriterionDef {
            id: c.id.clone(),
            title: c.title.clone(),
            rule: c.rule.clone(),
            basis: c.basis.clone(),
            applies: applies(&ctx, &citem, &c.applies)?,
            checks,
        });
    }
    if let Some(r) = raw.result.required.iter().find(|r| !criterion_ids.contains(r.as_str())) {
        return Err(ctx.err("result", format!("required criterion `{r}` is not defined")));
    }
    if !event_ids.contains(raw.result.date_event.as_str()) {
        return Err(ctx.err("result", format!("`date_event` `{}` is not an event", raw.result.date_event)));
    }

    // Depth scale: levels 1..=5 once each.
    let levels: Vec<u8> = raw.depth.iter().map(|d| d.level).collect();
    if levels != [1, 2, 3, 4, 5] {
        return Err(ctx.err("depth", "levels 1 to 5 must each be defined once, in order"));
    }
    let mut depth = Vec::new();
    for d in &raw.depth {
        let implied_by = match &d.implied_by {
            None => None,
            Some(e) if event_ids.contains(e.as_str()) => Some(Implied::Event(e.clone())),
            Some(c) if check_ids.contains(c) => Some(Implied::Check(c.clone())),
            Some(x) => {
                return Err(ctx.err(
                    format!("depth {}", d.level),
                    format!("`implied_by` `{x}` is neither an event nor a check"),
                ));
            }
        };
        depth.push(DepthLevel {
            level: d.level,
            label: d.label.clone(),
            description: d.description.clone(),
            implied_by,
        });
    }

    // Safety texts and alert templates.
    let safety_ids = unique(&ctx, "safety", raw.safety.iter().map(|s| s.id.as_str()))?;
    unique(&ctx, "alert", raw.alert.iter().map(|a| a.id.as_str()))?;
    let mut alerts = Vec::new();
    for a in &raw.alert {
        let item = format!("alert `{}`", a.id);
        let audience = party(&ctx, &item, &a.audience)?;
        let (extra, needed_safety): (&[&str], &[&str]) = match audience {
            Party::Vo => (ALERT_VO, &["test-banner"]),
            Party::Site => (ALERT_SITE, &["test-banner", "no-collective", "preserve"]),
            Party::Organiser => return Err(ctx.err(item, "alerts go to the vo or the site")),
        };
        let pointer = match (&a.pointer, audience) {
            (Some(p), Party::Vo) => Some(
                PointerKind::from_key(p)
                    .ok_or_else(|| ctx.err(&item, format!("pointer `{p}` must be batch or node")))?,
            ),
            (None, Party::Vo) => return Err(ctx.err(item, "a VO alert names its `pointer` (batch or node)")),
            (Some(_), _) => return Err(ctx.err(item, "only VO alerts have a pointer")),
            (None, _) => None,
        };
        for (part, text) in [("subject", &a.subject), ("body", &a.body)] {
            let ph = placeholders(text).map_err(|e| ctx.err(format!("{item} {part}"), e))?;
            if let Some(p) = ph.iter().find(|p| !ALERT_COMMON.contains(p) && !extra.contains(p)) {
                return Err(ctx.err(
                    format!("{item} {part}"),
                    format!("`{{{p}}}` cannot be used in a {} alert", audience.key()),
                ));
            }
        }
        if !a.subject.contains("EXERCISE") || !a.subject.contains("{id}") || !a.subject.contains("TLP") {
            return Err(ctx.err(item, "the subject must say EXERCISE and carry {id} and the TLP label"));
        }
        if a.subject.contains('\n') {
            return Err(ctx.err(item, "the subject is one line"));
        }
        if let Some(s) = a.safety.iter().find(|s| !safety_ids.contains(s.as_str())) {
            return Err(ctx.err(item, format!("safety text `{s}` is not defined")));
        }
        if let Some(s) = needed_safety.iter().find(|s| !a.safety.iter().any(|x| x == *s)) {
            return Err(ctx.err(item, format!("a {} alert must carry the safety text `{s}`", audience.key())));
        }
        if a.safety.first().map(String::as_str) != Some("test-banner") {
            return Err(ctx.err(item, "the test banner comes first"));
        }
        alerts.push(AlertTemplate {
            id: a.id.clone(),
            audience,
            pointer,
            subject: a.subject.clone(),
            body: a.body.trim_start_matches('\n').to_owned(),
            safety: a.safety.clone(),
        });
    }
    for (aud, ptr) in
        [(Party::Vo, Some(PointerKind::Batch)), (Party::Vo, Some(PointerKind::Node)), (Party::Site, None)]
    {
        if alerts.iter().filter(|a| a.audience == aud && a.pointer == ptr).count() != 1 {
            return Err(ctx.err(
                "alert",
                "there must be exactly one VO alert per pointer (batch, node) and one site alert",
            ));
        }
    }

    let known = Known {
        checks: check_ids,
        criteria: criterion_ids,
        events: event_ids.clone(),
        durations: duration_ids.clone(),
        thresholds: threshold_ids,
    };

    // Proposals.
    let mut proposals = Vec::new();
    for (i, p) in raw.proposal.iter().enumerate() {
        let item = format!("proposal {} (`{}`)", i + 1, p.question);
        let kind = match p.kind.as_str() {
            "date" => AnswerKindName::Date,
            "select" => AnswerKindName::Select,
            "choice" => AnswerKindName::Choice,
            "number" => AnswerKindName::Number,
            "text" => AnswerKindName::Text,
            k => {
                return Err(ctx.err(item, format!("unknown kind `{k}` (date, select, choice, number, text)")));
            }
        };
        let value = conditions::value_source(&p.value, &known).map_err(|e| ctx.err(&item, e))?;
        let fits = |f: &Fixed| {
            matches!(
                (kind, f),
                (AnswerKindName::Select, Fixed::Option(_)) | (AnswerKindName::Choice, Fixed::Choice(_))
            )
        };
        let ok = match &value {
            ValueSource::ChallengeDate | ValueSource::EventDate(_) => kind == AnswerKindName::Date,
            ValueSource::Fixed(f) => fits(f),
            ValueSource::Hours(..) | ValueSource::OpenActions(_) => kind == AnswerKindName::Number,
            ValueSource::Text(t) => {
                let ph = placeholders(t).map_err(|e| ctx.err(&item, e))?;
                if let Some(x) = ph.iter().find(|x| !EVIDENCE.contains(x) || **x == "value") {
                    return Err(ctx.err(&item, format!("the text uses `{{{x}}}`")));
                }
                kind == AnswerKindName::Text
            }
            ValueSource::Cases(cases) => cases.iter().all(|(_, f)| fits(f)),
        };
        if !ok {
            return Err(ctx.err(item, format!("the value does not give a `{}` answer", p.kind)));
        }
        let when = p
            .when
            .as_ref()
            .map(|w| conditions::finding(w, &known))
            .transpose()
            .map_err(|e| ctx.err(&item, e))?;
        let ph = placeholders(&p.evidence).map_err(|e| ctx.err(&item, e))?;
        if let Some(x) = ph.iter().find(|x| !EVIDENCE.contains(x)) {
            return Err(
                ctx.err(item, format!("the evidence uses `{{{x}}}`, not one of {}", EVIDENCE.join(", ")))
            );
        }
        let resp = respondent(&ctx, &item, &p.respondent)?;
        let set = set_for(resp);
        let q = set.questions.iter().find(|q| q.id == p.question).ok_or_else(|| {
            ctx.err(&item, format!("question `{}` is not in the {} set", p.question, set.id))
        })?;
        if !kind_fits(kind, &q.kind) {
            return Err(
                ctx.err(&item, format!("question `{}` does not take a `{}` answer", p.question, p.kind))
            );
        }
        let options: Vec<&Fixed> = match &value {
            ValueSource::Fixed(f) => vec![f],
            ValueSource::Cases(c) => c.iter().map(|(_, f)| f).collect(),
            _ => Vec::new(),
        };
        for f in options {
            if let Fixed::Option(o) = f
                && !q.options().iter().any(|d| &d.id == o)
            {
                return Err(ctx.err(&item, format!("option `{o}` is not an option of `{}`", p.question)));
            }
        }
        proposals.push(ProposalDef {
            respondent: resp,
            question: p.question.clone(),
            kind,
            value,
            when,
            evidence: p.evidence.clone(),
        });
    }

    // Contradictions.
    unique(&ctx, "contradiction", raw.contradiction.iter().map(|c| c.id.as_str()))?;
    let mut contradictions = Vec::new();
    for c in &raw.contradiction {
        let item = format!("contradiction `{}`", c.id);
        let severity = Severity::from_label(&c.severity).ok_or_else(|| {
            ctx.err(&item, format!("severity `{}` must be critical, high, medium or low", c.severity))
        })?;
        let resp = respondent(&ctx, &item, &c.respondent)?;
        let set = set_for(resp);
        let claim = condition_in(&c.claim, set).map_err(|e| ctx.err(format!("{item} claim"), e))?;
        if !set.recommendations.iter().any(|r| r.id == c.recommendation) {
            return Err(
                ctx.err(&item, format!("recommendation `{}` is not in the {} set", c.recommendation, set.id))
            );
        }
        let finding: Finding =
            conditions::finding(&c.finding, &known).map_err(|e| ctx.err(format!("{item} finding"), e))?;
        for p in placeholders(&c.message).map_err(|e| ctx.err(&item, e))? {
            let ok = MESSAGE.contains(&p)
                || ["hours.", "working.", "days."]
                    .iter()
                    .any(|pre| p.strip_prefix(pre).is_some_and(|d| duration_ids.contains(d)));
            if !ok {
                return Err(ctx.err(&item, format!("the message uses `{{{p}}}`")));
            }
        }
        contradictions.push(ContradictionDef {
            id: c.id.clone(),
            respondent: resp,
            recommendation: c.recommendation.clone(),
            severity,
            claim,
            finding,
            message: c.message.clone(),
            action: c.action.clone(),
        });
    }

    // The table of challenges.
    let mut collect_columns = Vec::new();
    for c in &raw.collect_column {
        let item = format!("collect_column `{}`", c.header);
        if !duration_ids.contains(c.duration.as_str()) {
            return Err(ctx.err(&item, format!("duration `{}` is not in the kit", c.duration)));
        }
        let unit = Unit::from_key(&c.unit).filter(|u| *u != Unit::Percent).ok_or_else(|| {
            ctx.err(&item, format!("unit `{}` must be hours, working hours or days", c.unit))
        })?;
        collect_columns.push(CollectColumn { header: c.header.clone(), duration: c.duration.clone(), unit });
    }

    // Events whose times trace documents give.
    let mut document_events = Vec::new();
    for d in &raw.document_event {
        let item = format!("document_event `{}` of `{}`", d.event, d.document);
        let document = [TraceDocument::Request, TraceDocument::Reply]
            .into_iter()
            .find(|k| k.key() == d.document)
            .ok_or_else(|| ctx.err(&item, "document must be trace-request or trace-reply"))?;
        if !events.iter().any(|e| e.id == d.event) {
            return Err(ctx.err(&item, format!("event `{}` is not in the kit", d.event)));
        }
        let recorded_by = Party::from_key(&d.recorded_by).ok_or_else(|| {
            ctx.err(&item, format!("party `{}` must be organiser, vo or site", d.recorded_by))
        })?;
        document_events.push(DocumentEvent {
            document,
            event: d.event.clone(),
            recorded_by,
            when_field: d.when_field.clone(),
            only_if_missing: d.only_if_missing,
        });
    }

    // Zones and the default calendar.
    unique(&ctx, "zone", raw.zone.iter().map(|z| z.id.as_str()))?;
    let mut zones = Vec::new();
    for z in &raw.zone {
        let rule =
            PosixRule::parse(&z.rule).map_err(|e| ctx.err(format!("zone `{}`", z.id), e.to_string()))?;
        zones.push(Zone { id: z.id.clone(), rule, since: z.since });
    }
    let dc = &raw.default_calendar;
    if !zones.iter().any(|z| z.id == dc.zone) {
        return Err(ctx.err("default_calendar", format!("zone `{}` is not in the zone table", dc.zone)));
    }
    let days =
        WorkCalendar::days_from_names(&dc.days).map_err(|e| ctx.err("default_calendar", e.to_string()))?;
    let hours = dc
        .hours
        .iter()
        .map(|(a, b)| match (parse_hhmm(a), parse_hhmm(b)) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(ctx.err("default_calendar", format!("`{a}`–`{b}` is not an interval of HH:MM times"))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let default_calendar = WorkCalendar::new(&dc.zone, days, hours, BTreeSet::new())
        .map_err(|e| ctx.err("default_calendar", e.to_string()))?;

    Ok(Kit {
        id: raw.kit.id,
        version: raw.kit.version,
        title: raw.kit.title,
        sources,
        parties,
        variants,
        frameworks,
        tlps,
        tlp_alerts: raw.tlp_defaults.alerts,
        tlp_sealed: raw.tlp_defaults.sealed,
        events,
        durations,
        thresholds,
        criteria,
        required: raw.result.required,
        date_event: raw.result.date_event,
        attestations,
        trace_fields,
        depth,
        safety: raw.safety.into_iter().map(|s| (s.id, s.text)).collect(),
        alerts,
        proposals,
        contradictions,
        collect_columns,
        document_events,
        default_calendar,
        zones,
    })
}
