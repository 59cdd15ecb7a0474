//! Checks a raw question file and builds the model from it.

use std::collections::HashSet;

use super::CatalogError;
use super::raw::{RawCondition, RawField, RawOption, RawQuestionSet};
use crate::model::{
    AnswerKind, Condition, Facet, Field, FieldKind, ForensicSheet, GenericGap, HandbookItem, HandbookPart,
    OptionDef, Question, QuestionSet, Recommendation, ReportItems, Respondent, Rule, Section, Severity,
    Source, Threshold, ThresholdStatus,
};

type Problem = String;

fn severity(label: &str) -> Result<Severity, Problem> {
    Severity::from_label(label).ok_or(format!("severity `{label}` must be critical, high, medium or low"))
}

/// Validates `raw` (read from `file`) into a `QuestionSet`, or names the first problem found.
pub fn validate(file: &str, raw: RawQuestionSet) -> Result<QuestionSet, CatalogError> {
    let err = |item: String, problem: Problem| CatalogError { file: file.to_owned(), item, problem };

    let respondent = match raw.set.respondent.as_str() {
        "vo" => Respondent::Vo,
        "site" => Respondent::Site,
        other => return Err(err("[set]".into(), format!("respondent `{other}` must be `vo` or `site`"))),
    };
    if !is_semver(&raw.set.version) {
        return Err(err("[set]".into(), format!("version `{}` must look like 1.2.3", raw.set.version)));
    }
    let na = &raw.set.not_applicable;
    let not_applicable = GenericGap {
        severity: severity(&na.severity).map_err(|p| err("[set.not_applicable]".into(), p))?,
        message: na.message.clone(),
        action: na.action.clone(),
    };

    check_unique(raw.sources.iter().map(|s| s.id.as_str()), "source", &err)?;
    check_unique(raw.thresholds.iter().map(|s| s.id.as_str()), "threshold", &err)?;
    check_unique(raw.recommendations.iter().map(|s| s.id.as_str()), "recommendation", &err)?;
    check_unique(raw.sections.iter().map(|s| s.id.as_str()), "section", &err)?;
    check_unique(raw.questions.iter().map(|s| s.id.as_str()), "question", &err)?;
    check_unique(raw.rules.iter().map(|s| s.id.as_str()), "rule", &err)?;
    check_unique(raw.forensics.iter().map(|s| s.id.as_str()), "forensic sheet", &err)?;

    let sources: Vec<Source> =
        raw.sources.into_iter().map(|s| Source { id: s.id, title: s.title, location: s.location }).collect();
    let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let check_sources = |item: &str, ids: &[String]| -> Result<(), CatalogError> {
        match ids.iter().find(|id| !source_ids.contains(id.as_str())) {
            Some(missing) => {
                Err(err(item.to_owned(), format!("source `{missing}` is not defined in a [[source]] table")))
            }
            None => Ok(()),
        }
    };

    let mut thresholds = Vec::new();
    for t in raw.thresholds {
        let item = format!("threshold `{}`", t.id);
        let status = match t.status.as_str() {
            "sourced" => ThresholdStatus::Sourced,
            "unverified" => ThresholdStatus::Unverified,
            other => return Err(err(item, format!("status `{other}` must be `sourced` or `unverified`"))),
        };
        if t.sources.is_empty() {
            return Err(err(item, "has no source: name at least one `sources` ID".into()));
        }
        check_sources(&item, &t.sources)?;
        if !t.value.is_finite() {
            return Err(err(item, "value must be a finite number".into()));
        }
        thresholds.push(Threshold {
            id: t.id,
            title: t.title,
            value: t.value,
            unit: t.unit,
            sources: t.sources,
            status,
            note: t.note,
        });
    }

    let mut recommendations = Vec::new();
    for r in raw.recommendations {
        let item = format!("recommendation `{}`", r.id);
        check_sources(&item, &r.references)?;
        recommendations.push(Recommendation {
            severity: severity(&r.severity).map_err(|p| err(item, p))?,
            id: r.id,
            title: r.title,
            requirement: r.requirement,
            why: r.why,
            criterion: r.criterion,
            evidence: r.evidence,
            references: r.references,
        });
    }
    let sections: Vec<Section> =
        raw.sections.into_iter().map(|s| Section { id: s.id, title: s.title, intro: s.intro }).collect();

    // Questions are built in two passes: their kinds first, so that conditions (applies_when)
    // can refer to any question of the file, including later ones.
    let mut questions = Vec::new();
    for q in &raw.questions {
        let item = format!("question `{}`", q.id);
        if !sections.iter().any(|s| s.id == q.section) {
            return Err(err(item, format!("section `{}` is not defined in a [[section]] table", q.section)));
        }
        if !recommendations.iter().any(|r| r.id == q.recommendation) {
            return Err(err(
                item,
                format!("recommendation `{}` is not defined in a [[recommendation]] table", q.recommendation),
            ));
        }
        if q.label.trim().is_empty() {
            return Err(err(item, "label is empty".into()));
        }
        let number = |unit: &Option<String>, min: Option<f64>, max: Option<f64>| -> Result<_, Problem> {
            let (Some(unit), Some(min), Some(max)) = (unit.clone(), min, max) else {
                return Err("a number needs `unit`, `min` and `max`".into());
            };
            if !(min.is_finite() && max.is_finite() && min <= max) {
                return Err(format!("bounds must satisfy min <= max (got {min} and {max})"));
            }
            Ok((unit, min, max))
        };
        let kind = match q.kind.as_str() {
            "choice" => AnswerKind::Choice,
            "email" => AnswerKind::Email { role_address: q.role_address },
            "phone" => AnswerKind::Phone,
            "text" => AnswerKind::Text,
            "line" => AnswerKind::Line,
            "date" => AnswerKind::Date { max_age: q.max_age.clone() },
            "number" => {
                let (unit, min, max) = number(&q.unit, q.min, q.max).map_err(|p| err(item.clone(), p))?;
                AnswerKind::Number { unit, min, max }
            }
            "select" => AnswerKind::Select(options(&q.options).map_err(|p| err(item.clone(), p))?),
            "multi" => AnswerKind::Multi(options(&q.options).map_err(|p| err(item.clone(), p))?),
            "group" => {
                if q.fields.is_empty() {
                    return Err(err(item, "a group needs at least one field in `fields`".into()));
                }
                let ids: Vec<&str> = q.fields.iter().map(|f| f.id.as_str()).collect();
                if let Some(dup) = ids.iter().enumerate().find(|(i, id)| ids[..*i].contains(id)) {
                    return Err(err(item, format!("field `{}` is used twice", dup.1)));
                }
                let fields: Result<Vec<Field>, Problem> =
                    q.fields.iter().map(|f| field(f, &number)).collect();
                AnswerKind::Group(fields.map_err(|p| err(item.clone(), p))?)
            }
            other => {
                return Err(err(
                    item,
                    format!(
                        "type `{other}` must be one of `choice`, `number`, `email`, `phone`, `date`, `text`, `line`, `select`, `multi`, `group`"
                    ),
                ));
            }
        };
        if let Some(t) = &q.max_age {
            if !matches!(kind, AnswerKind::Date { .. }) {
                return Err(err(item, "`max_age` applies to date questions only".into()));
            }
            if !thresholds.iter().any(|x| &x.id == t) {
                return Err(err(item, format!("threshold `{t}` is not defined")));
            }
        }
        questions.push(Question {
            id: q.id.clone(),
            section: q.section.clone(),
            recommendation: q.recommendation.clone(),
            label: q.label.clone(),
            help: q.help.clone(),
            kind,
            applies_when: None,
            personal: q.personal,
            formerly: q.formerly.clone(),
        });
    }
    // An earlier ID names one question and is no current question's ID, so that an upgrade
    // moves each old answer to exactly one place.
    let mut earlier = std::collections::BTreeSet::new();
    for q in &questions {
        for old in &q.formerly {
            if questions.iter().any(|other| &other.id == old) || !earlier.insert(old.clone()) {
                return Err(err(
                    format!("question `{}`", q.id),
                    format!(
                        "`formerly` names `{old}`, which is a current question or another question's earlier ID"
                    ),
                ));
            }
        }
    }
    for (i, q) in raw.questions.iter().enumerate() {
        if let Some(c) = &q.applies_when {
            let cond = condition(c, &Scope::Questions(&questions), &thresholds)
                .map_err(|p| err(format!("question `{}`", q.id), format!("applies_when: {p}")))?;
            questions[i].applies_when = Some(cond);
        }
    }

    if let Some(r) = recommendations.iter().find(|r| !questions.iter().any(|q| q.recommendation == r.id)) {
        return Err(err(format!("recommendation `{}`", r.id), "no question checks it".into()));
    }

    let rule_ids: HashSet<&str> = raw.rules.iter().map(|r| r.id.as_str()).collect();
    let mut rules = Vec::new();
    for r in &raw.rules {
        let item = format!("rule `{}`", r.id);
        if !recommendations.iter().any(|x| x.id == r.recommendation) {
            return Err(err(item, format!("recommendation `{}` is not defined", r.recommendation)));
        }
        if let Some(s) = r.supersedes.iter().find(|s| !rule_ids.contains(s.as_str()) || **s == r.id) {
            return Err(err(item, format!("supersedes `{s}`, which is not another rule of this file")));
        }
        let when = condition(&r.when, &Scope::Questions(&questions), &thresholds)
            .map_err(|p| err(item.clone(), p))?;
        rules.push(Rule {
            id: r.id.clone(),
            recommendation: r.recommendation.clone(),
            severity: severity(&r.severity).map_err(|p| err(item, p))?,
            when,
            message: r.message.clone(),
            action: r.action.clone(),
            supersedes: r.supersedes.clone(),
        });
    }

    let mut forensics = Vec::new();
    for f in raw.forensics {
        let item = format!("forensic sheet `{}`", f.id);
        check_sources(&item, &f.sources)?;
        match questions.iter().find(|q| q.id == f.notes_question) {
            Some(q) if q.kind == AnswerKind::Text => {}
            Some(_) => {
                return Err(err(
                    item,
                    format!("notes question `{}` must be a text question", f.notes_question),
                ));
            }
            None => return Err(err(item, format!("notes question `{}` is not defined", f.notes_question))),
        }
        let applies_when = condition(&f.applies_when, &Scope::Questions(&questions), &thresholds)
            .map_err(|p| err(item, p))?;
        forensics.push(ForensicSheet {
            id: f.id,
            title: f.title,
            applies_when,
            notes_question: f.notes_question,
            identifiers: f.identifiers,
            environment: f.environment,
            logs: f.logs,
            retention: f.retention,
            trace: f.trace,
            ban: f.ban,
            sources: f.sources,
        });
    }

    let report =
        report_items(raw.set.report, &questions, &sections).map_err(|p| err("[set.report]".into(), p))?;
    let mut facets: Vec<Facet> = Vec::new();
    for f in &raw.set.facets {
        let item = format!("facet `{}`", f.id);
        if facets.iter().any(|x| x.id == f.id) {
            return Err(err(item, "is defined twice".into()));
        }
        match questions.iter().find(|q| q.id == f.question) {
            Some(q) if matches!(q.kind, AnswerKind::Select(_) | AnswerKind::Multi(_)) => {}
            Some(_) => {
                return Err(err(
                    item,
                    format!("question `{}` must be a select or multi question", f.question),
                ));
            }
            None => return Err(err(item, format!("question `{}` is not defined", f.question))),
        }
        facets.push(Facet { id: f.id.clone(), label: f.label.clone(), question: f.question.clone() });
    }

    let handbook = handbook_items(&raw.set.handbook, &questions).map_err(|(i, p)| err(i, p))?;

    Ok(QuestionSet {
        id: raw.set.id,
        version: raw.set.version,
        content_hash: raw.content_hash,
        title: raw.set.title,
        respondent,
        not_applicable,
        sources,
        thresholds,
        recommendations,
        sections,
        questions,
        rules,
        forensics,
        facets,
        report,
        handbook,
    })
}

/// Checks `[[set.handbook]]`: every question exists, fits its part, and is not personal (a
/// handbook is handed to every site; a group with a personal field is refused too).
fn handbook_items(
    raw: &[super::raw::RawHandbookItem],
    questions: &[Question],
) -> Result<Vec<HandbookItem>, (String, Problem)> {
    let err = |item: String, problem: Problem| (item, problem);
    let mut out: Vec<HandbookItem> = Vec::new();
    for h in raw {
        let item = format!("[[set.handbook]] `{}`", h.question);
        let Some(q) = questions.iter().find(|q| q.id == h.question) else {
            return Err(err(item, "the question is not defined".into()));
        };
        let personal_field = matches!(&q.kind, AnswerKind::Group(f) if f.iter().any(|f| f.personal));
        if q.personal || personal_field {
            return Err(err(
                item,
                "the question is marked `personal`; a handbook is handed to every site, so only answers meant for them may be printed".into(),
            ));
        }
        let Some(part) = HandbookPart::parse(&h.part) else {
            return Err(err(
                item,
                format!("part `{}` must be one of `name`, `frameworks`, `contact`, `guide`, `notes`", h.part),
            ));
        };
        let fits = match part {
            HandbookPart::Name | HandbookPart::Guide | HandbookPart::Notes => {
                matches!(q.kind, AnswerKind::Line | AnswerKind::Text)
            }
            HandbookPart::Frameworks => matches!(q.kind, AnswerKind::Multi(_)),
            HandbookPart::Contact => matches!(q.kind, AnswerKind::Email { .. }),
        };
        if !fits {
            return Err(err(item, format!("a `{}` needs a question of another type", h.part)));
        }
        if (part == HandbookPart::Notes) != h.framework.is_some() {
            return Err(err(item, "`framework` is given with `part = \"notes\"`, and only there".into()));
        }
        if part != HandbookPart::Notes && out.iter().any(|o| o.part == part) {
            return Err(err(item, format!("part `{}` is given twice", h.part)));
        }
        out.push(HandbookItem { question: q.id.clone(), part, framework: h.framework.clone() });
    }
    Ok(out)
}

/// Checks that every question and section `[set.report]` names exists.
fn report_items(
    raw: super::raw::RawReportItems,
    questions: &[Question],
    sections: &[Section],
) -> Result<ReportItems, Problem> {
    let known = |q: &String| questions.iter().any(|x| &x.id == q);
    if let Some(q) = raw.name_question.iter().chain(&raw.contact_questions).find(|q| !known(q)) {
        return Err(format!("question `{q}` is not defined"));
    }
    if let Some(s) = raw.challenge_sections.iter().find(|s| !sections.iter().any(|x| &x.id == *s)) {
        return Err(format!("section `{s}` is not defined"));
    }
    Ok(ReportItems {
        name_question: raw.name_question,
        contact_questions: raw.contact_questions,
        challenge_sections: raw.challenge_sections,
    })
}

fn options(raw: &[RawOption]) -> Result<Vec<OptionDef>, Problem> {
    if raw.is_empty() {
        return Err("needs at least one entry in `options`".into());
    }
    let mut out: Vec<OptionDef> = Vec::new();
    for o in raw {
        if o.id.trim().is_empty() {
            return Err("an option has an empty `id`".into());
        }
        if out.iter().any(|x| x.id == o.id) {
            return Err(format!("option `{}` is used twice", o.id));
        }
        out.push(OptionDef { id: o.id.clone(), label: o.label.clone() });
    }
    Ok(out)
}

fn field(
    f: &RawField,
    number: &impl Fn(&Option<String>, Option<f64>, Option<f64>) -> Result<(String, f64, f64), Problem>,
) -> Result<Field, Problem> {
    let kind = match f.kind.as_str() {
        "choice" => FieldKind::Choice,
        "text" => FieldKind::Text,
        "number" => {
            let (unit, min, max) =
                number(&f.unit, f.min, f.max).map_err(|p| format!("field `{}`: {p}", f.id))?;
            FieldKind::Number { unit, min, max }
        }
        "select" => FieldKind::Select(options(&f.options).map_err(|p| format!("field `{}`: {p}", f.id))?),
        other => {
            return Err(format!(
                "field `{}`: type `{other}` must be one of `choice`, `number`, `text`, `select`",
                f.id
            ));
        }
    };
    Ok(Field { id: f.id.clone(), label: f.label.clone(), kind, personal: f.personal })
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    err: &impl Fn(String, String) -> CatalogError,
) -> Result<(), CatalogError> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(err(format!("{what} with an empty id"), "every item needs a non-empty `id`".into()));
        }
        if !seen.insert(id) {
            return Err(err(format!("{what} `{id}`"), "the id is used twice".into()));
        }
    }
    Ok(())
}

fn is_semver(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// What the keys of a condition refer to.
enum Scope<'a> {
    /// Questions of the set (top-level conditions).
    Questions(&'a [Question]),
    /// Fields of one group's rows (inside `row`).
    Fields(&'a str, &'a [Field]),
}

/// Validates a condition against a built question set: the challenge kit's contradiction claims
/// speak the rules' language about the set's questions and thresholds.
pub(crate) fn condition_in(raw: &RawCondition, set: &QuestionSet) -> Result<Condition, Problem> {
    condition(raw, &Scope::Questions(&set.questions), &set.thresholds)
}

/// The answer shape a key has, for checking operators against it.
enum Shape<'a> {
    Choice,
    Number,
    Email,
    Date,
    Options(&'a [OptionDef]),
    Multi(&'a [OptionDef]),
    Group(&'a [Field]),
    Other,
}

fn shape_of_question(q: &Question) -> Shape<'_> {
    match &q.kind {
        AnswerKind::Choice => Shape::Choice,
        AnswerKind::Number { .. } => Shape::Number,
        AnswerKind::Email { .. } => Shape::Email,
        AnswerKind::Date { .. } => Shape::Date,
        AnswerKind::Select(o) => Shape::Options(o),
        AnswerKind::Multi(o) => Shape::Multi(o),
        AnswerKind::Group(f) => Shape::Group(f),
        AnswerKind::Phone | AnswerKind::Text | AnswerKind::Line => Shape::Other,
    }
}

fn shape_of_field(f: &Field) -> Shape<'_> {
    match &f.kind {
        FieldKind::Choice => Shape::Choice,
        FieldKind::Number { .. } => Shape::Number,
        FieldKind::Select(o) => Shape::Options(o),
        FieldKind::Text => Shape::Other,
    }
}

const CHOICE_KEYS: [&str; 5] = ["yes", "partial", "no", "unknown", "na"];

/// Builds a condition, checking that exactly one operator is given and that it fits its key.
fn condition(raw: &RawCondition, scope: &Scope, thresholds: &[Threshold]) -> Result<Condition, Problem> {
    let ops = [
        raw.missing.is_some(),
        raw.equals.is_some(),
        raw.one_of.is_some(),
        raw.includes.is_some(),
        raw.below.is_some(),
        raw.at_least.is_some(),
        raw.above.is_some(),
        raw.older_than.is_some(),
        raw.personal.is_some(),
        raw.row.is_some(),
        raw.any.is_some(),
        raw.all.is_some(),
        raw.not.is_some(),
    ];
    if ops.iter().filter(|o| **o).count() != 1 {
        return Err("a condition needs exactly one of `missing`, `equals`, `one_of`, `includes`, `below`, \
                    `at_least`, `above`, `older_than`, `personal`, `row`, `any`, `all`, `not`"
            .into());
    }
    let nested = |list: &Vec<RawCondition>| -> Result<Vec<Condition>, Problem> {
        if list.is_empty() {
            return Err("`any` and `all` need at least one condition".into());
        }
        list.iter().map(|c| condition(c, scope, thresholds)).collect()
    };
    if let Some(list) = &raw.any {
        return nested(list).map(Condition::Any);
    }
    if let Some(list) = &raw.all {
        return nested(list).map(Condition::All);
    }
    if let Some(inner) = &raw.not {
        return Ok(Condition::Not(Box::new(condition(inner, scope, thresholds)?)));
    }

    let (key, shape) = match scope {
        Scope::Questions(questions) => {
            if raw.field.is_some() {
                return Err("`field` is only allowed inside a `row` condition; use `question`".into());
            }
            let key = raw.question.clone().ok_or("the condition names no `question`")?;
            let q =
                questions.iter().find(|q| q.id == key).ok_or(format!("question `{key}` is not defined"))?;
            (key, shape_of_question(q))
        }
        Scope::Fields(group, fields) => {
            if raw.question.is_some() {
                return Err(format!("inside `row`, name a `field` of `{group}`, not a `question`"));
            }
            let key = raw.field.clone().ok_or("the row condition names no `field`")?;
            let f = fields
                .iter()
                .find(|f| f.id == key)
                .ok_or(format!("field `{key}` is not a field of `{group}`"))?;
            (key, shape_of_field(f))
        }
    };
    let threshold = |tid: &String, wanted: &str, ok: bool| -> Result<String, Problem> {
        if !ok {
            return Err(format!("`{key}` is not a {wanted} answer, so it cannot be compared with `{tid}`"));
        }
        match thresholds.iter().find(|t| &t.id == tid) {
            Some(t) => Ok(t.id.clone()),
            None => Err(format!("threshold `{tid}` is not defined")),
        }
    };
    let value_ok = |v: &str| -> Result<(), Problem> {
        match &shape {
            Shape::Choice if CHOICE_KEYS.contains(&v) => Ok(()),
            Shape::Choice => Err(format!("`{v}` is not one of yes, partial, no, unknown, na")),
            Shape::Options(opts) if opts.iter().any(|o| o.id == v) => Ok(()),
            Shape::Options(_) => Err(format!("`{v}` is not an option of `{key}`")),
            _ => Err(format!("`{key}` is not a choice or select answer, so `equals`/`one_of` do not apply")),
        }
    };

    if let Some(m) = raw.missing {
        if !m {
            return Err("write `missing = true`, or leave the condition out".into());
        }
        return Ok(Condition::Missing(key));
    }
    if let Some(p) = raw.personal {
        if !p || !matches!(shape, Shape::Email) {
            return Err(format!("`personal = true` applies to e-mail questions only (`{key}`)"));
        }
        return Ok(Condition::Personal(key));
    }
    if let Some(v) = &raw.equals {
        value_ok(v)?;
        return Ok(Condition::Equals(key, v.clone()));
    }
    if let Some(vs) = &raw.one_of {
        if vs.is_empty() {
            return Err("`one_of` needs at least one value".into());
        }
        for v in vs {
            value_ok(v)?;
        }
        return Ok(Condition::OneOf(key, vs.clone()));
    }
    if let Some(o) = &raw.includes {
        let Shape::Multi(opts) = &shape else {
            return Err(format!("`{key}` is not a multi-select answer, so `includes` does not apply"));
        };
        if !opts.iter().any(|x| &x.id == o) {
            return Err(format!("`{o}` is not an option of `{key}`"));
        }
        return Ok(Condition::Includes(key, o.clone()));
    }
    let is_number = matches!(shape, Shape::Number);
    if let Some(t) = &raw.below {
        let t = threshold(t, "number", is_number)?;
        return Ok(Condition::Below(key, t));
    }
    if let Some(t) = &raw.at_least {
        let t = threshold(t, "number", is_number)?;
        return Ok(Condition::AtLeast(key, t));
    }
    if let Some(t) = &raw.above {
        let t = threshold(t, "number", is_number)?;
        return Ok(Condition::Above(key, t));
    }
    if let Some(t) = &raw.older_than {
        let t = threshold(t, "date", matches!(shape, Shape::Date))?;
        return Ok(Condition::OlderThan(key, t));
    }
    if let Some(inner) = &raw.row {
        let Shape::Group(fields) = &shape else {
            return Err(format!("`{key}` is not a group question, so `row` does not apply"));
        };
        let inner = condition(inner, &Scope::Fields(&key, fields), thresholds)?;
        return Ok(Condition::Row(key, Box::new(inner)));
    }
    Err("unreachable condition form".into())
}
