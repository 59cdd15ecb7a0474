//! Turns the raw file into a [`TraceCatalog`], or names the first item that is wrong.
//!
//! Invariant: what `validate` returns has unique IDs, resolving references and parsed templates
//! whose placeholders all name fields (see `model`'s invariant).

use std::collections::HashSet;

use super::model::{
    BATCH, Basis, CE, Choice, Command, CompletenessRule, Derivation, Document, FRAMEWORK, Field, Group,
    Input, Level, Marker, NameMatch, Phase, RecogniseRule, Section, Side, Source, Step, Target, TraceCatalog,
    UNKNOWN, When,
};
use super::raw::{RawDocument, RawTrace, RawWhen};
use super::template::{Kind, Template};

/// The file every message names.
pub const FILE: &str = "questions/trace.toml";

/// Where and why the trace file is wrong. Displays as `file: item: problem`, like the
/// question catalogue's errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {item}: {problem}")]
pub struct TraceCatalogError {
    /// `questions/trace.toml`.
    pub file: String,
    /// The item, e.g. ``step `site.ce.arc` command 2``.
    pub item: String,
    /// What is wrong.
    pub problem: String,
}

fn err(item: impl Into<String>, problem: impl Into<String>) -> TraceCatalogError {
    TraceCatalogError { file: FILE.to_owned(), item: item.into(), problem: problem.into() }
}

struct Ctx<'a> {
    tlp: &'a str,
    sources: HashSet<String>,
    fields: &'a [Field],
}

impl Ctx<'_> {
    fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    fn sources(&self, item: &str, ids: &[String]) -> Result<(), TraceCatalogError> {
        for id in ids {
            if !self.sources.contains(id) {
                return Err(err(item, format!("source `{id}` is not defined")));
            }
        }
        Ok(())
    }

    fn basis(&self, item: &str, s: &str) -> Result<Basis, TraceCatalogError> {
        Basis::parse(s)
            .ok_or_else(|| err(item, format!("basis `{s}` is not sourced, inferred or unverified")))
    }

    fn option_list(
        &self,
        item: &str,
        selector: &str,
        list: &Option<Vec<String>>,
    ) -> Result<(), TraceCatalogError> {
        let Some(list) = list else { return Ok(()) };
        if list.is_empty() {
            return Err(err(item, format!("`when` lists no {selector} option")));
        }
        let field =
            self.field(selector).ok_or_else(|| err(item, format!("field `{selector}` is missing")))?;
        for o in list {
            if field.option_label(o).is_none() {
                return Err(err(item, format!("`{o}` is not an option of `{selector}`")));
            }
        }
        Ok(())
    }

    fn when(&self, item: &str, w: &RawWhen) -> Result<When, TraceCatalogError> {
        self.option_list(item, FRAMEWORK, &w.framework)?;
        self.option_list(item, CE, &w.ce)?;
        self.option_list(item, BATCH, &w.batch)?;
        self.option_list(item, BATCH, &w.batch_not)?;
        Ok(When {
            framework: w.framework.clone(),
            ce: w.ce.clone(),
            batch: w.batch.clone(),
            batch_not: w.batch_not.clone(),
        })
    }

    fn template(&self, item: &str, kind: Kind, text: &str) -> Result<Template, TraceCatalogError> {
        let t = Template::parse(kind, text).map_err(|e| err(item, e.to_string()))?;
        for p in t.placeholders() {
            if self.field(&p.field).is_none() {
                return Err(err(item, format!("placeholder `{}` names no field", p.field)));
            }
        }
        Ok(t)
    }
}

fn unique<'a>(item: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), TraceCatalogError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(err(item, format!("`{id}` is defined twice")));
        }
    }
    Ok(())
}

fn semver(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Validates the raw file. `known_sources` are the source IDs of the question sets
/// (`common.toml`'s S-nn), which trace items may cite besides the file's own.
pub fn validate(raw: RawTrace, known_sources: &[&str]) -> Result<TraceCatalog, TraceCatalogError> {
    if !semver(&raw.trace.version) {
        return Err(err("[trace]", format!("version `{}` is not x.y.z", raw.trace.version)));
    }
    // Markers: one per basis.
    let mut markers = Vec::new();
    for m in &raw.markers {
        let basis = Basis::parse(&m.id)
            .ok_or_else(|| err(format!("marker `{}`", m.id), "not sourced, inferred or unverified"))?;
        markers.push(Marker { basis, label: m.label.clone(), note: m.note.clone() });
    }
    unique("[[marker]]", raw.markers.iter().map(|m| m.id.as_str()))?;
    for b in [Basis::Sourced, Basis::Inferred, Basis::Unverified] {
        if !markers.iter().any(|m| m.basis == b) {
            return Err(err("[[marker]]", format!("no marker for {b:?}")));
        }
    }
    unique("[[source]]", raw.sources.iter().map(|s| s.id.as_str()))?;
    let mut source_ids: HashSet<String> = raw.sources.iter().map(|s| s.id.clone()).collect();
    for s in known_sources {
        if !source_ids.insert((*s).to_owned()) {
            return Err(err(format!("source `{s}`"), "is already defined in common.toml"));
        }
    }
    let sources = raw
        .sources
        .iter()
        .map(|s| Source { id: s.id.clone(), title: s.title.clone(), location: s.location.clone() })
        .collect();

    // Phases.
    let mut phases = Vec::new();
    for p in &raw.phases {
        let side = Side::parse(&p.side).ok_or_else(|| {
            err(format!("phase `{}`", p.id), format!("side `{}` is not site or vo", p.side))
        })?;
        if phases.iter().any(|q: &Phase| q.side == side && q.id == p.id) {
            return Err(err(format!("phase `{}`", p.id), "is defined twice for its side"));
        }
        phases.push(Phase { id: p.id.clone(), side, title: p.title.clone() });
    }

    // Fields.
    unique("[[field]]", raw.fields.iter().map(|f| f.id.as_str()))?;
    let mut labels = HashSet::new();
    let mut fields = Vec::new();
    for f in &raw.fields {
        let item = format!("field `{}`", f.id);
        if f.id.is_empty() || !f.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(err(&item, "an ID is lower-case letters, digits and _"));
        }
        let group = match f.group.as_str() {
            "core" => Group::Core,
            "framework" => Group::Framework,
            "site" => Group::Site,
            "vo" => Group::Vo,
            "reply" => Group::Reply,
            g => {
                return Err(err(&item, format!("group `{g}` is not core, framework, site, vo or reply")));
            }
        };
        let input = match f.input.as_str() {
            "text" => Input::Text,
            "lines" => Input::Lines,
            "select" => Input::Select,
            "multi" => Input::Multi,
            i => {
                return Err(err(&item, format!("input `{i}` is not text, lines, select or multi")));
            }
        };
        if f.label.contains(':') || f.label.trim().is_empty() {
            return Err(err(&item, "a label is not empty and has no ':' (documents print `Label: value`)"));
        }
        if !labels.insert(f.label.to_lowercase()) {
            return Err(err(&item, format!("label `{}` is used by another field", f.label)));
        }
        let choosing = matches!(input, Input::Select | Input::Multi);
        if choosing == f.options.is_empty() {
            return Err(err(&item, "select and multi fields have options, others none"));
        }
        unique(&item, f.options.iter().map(|o| o.id.as_str()))?;
        for o in &f.options {
            if o.id.is_empty() || o.id.contains(',') || o.id.contains(char::is_whitespace) {
                return Err(err(&item, format!("option `{}`: an option ID has no comma or space", o.id)));
            }
        }
        let options = f
            .options
            .iter()
            .map(|o| Choice {
                id: o.id.clone(),
                label: o.label.clone(),
                counts_as_missing: o.counts_as_missing,
            })
            .collect();
        if (group == Group::Framework) != f.framework.is_some() {
            return Err(err(&item, "a framework field names its framework, and only it does"));
        }
        fields.push(Field {
            id: f.id.clone(),
            group,
            label: f.label.clone(),
            help: f.help.clone(),
            example: f.example.clone(),
            input,
            options,
            framework: f.framework.clone(),
            sources: f.sources.clone(),
        });
    }
    for sel in [FRAMEWORK, CE, BATCH] {
        let f = fields
            .iter()
            .find(|f| f.id == sel)
            .ok_or_else(|| err("[[field]]", format!("the selector field `{sel}` is missing")))?;
        if f.input != Input::Select || f.option_label(UNKNOWN).is_none() {
            return Err(err(format!("field `{sel}`"), "must be a select with an `unknown` option"));
        }
    }
    if raw.trace.tlp.trim().is_empty() {
        return Err(err("[trace]", "the TLP label is empty"));
    }
    let ctx = Ctx { tlp: &raw.trace.tlp, sources: source_ids, fields: &fields };
    for f in &fields {
        let item = format!("field `{}`", f.id);
        ctx.sources(&item, &f.sources)?;
        if let Some(fw) = &f.framework {
            ctx.option_list(&item, FRAMEWORK, &Some(vec![fw.clone()]))?;
        }
    }

    // Recognition rules.
    let mut recognise = Vec::new();
    for (i, r) in raw.recognise.iter().enumerate() {
        let item = format!(
            "recognise #{} ({})",
            i + 1,
            r.variable.as_deref().or(r.prefix.as_deref()).unwrap_or("?")
        );
        let name = match (&r.variable, &r.prefix) {
            (Some(v), None) => NameMatch::Exact(v.clone()),
            (None, Some(p)) => NameMatch::Prefix(p.clone()),
            _ => return Err(err(&item, "give exactly one of `variable` and `prefix`")),
        };
        let target = match (&r.framework, &r.ce, &r.batch) {
            (Some(o), None, None) => {
                ctx.option_list(&item, FRAMEWORK, &Some(vec![o.clone()]))?;
                Some(Target::Framework(o.clone()))
            }
            (None, Some(o), None) => {
                ctx.option_list(&item, CE, &Some(vec![o.clone()]))?;
                Some(Target::Ce(o.clone()))
            }
            (None, None, Some(o)) => {
                ctx.option_list(&item, BATCH, &Some(vec![o.clone()]))?;
                Some(Target::Batch(o.clone()))
            }
            (None, None, None) if r.sensitive => None,
            _ => {
                return Err(err(
                    &item,
                    "give exactly one of `framework`, `ce` and `batch` (none only for a sensitive variable)",
                ));
            }
        };
        if matches!(target, Some(Target::Framework(ref o) | Target::Ce(ref o) | Target::Batch(ref o)) if o == UNKNOWN)
        {
            return Err(err(&item, "a rule cannot point to `unknown`"));
        }
        if r.weight > 3 || (r.weight == 0 && r.capture.is_none()) {
            return Err(err(&item, "weight is 1, 2 or 3 (0 only for a rule that captures a value)"));
        }
        if let Some(c) = &r.capture {
            let f = ctx.field(c).ok_or_else(|| err(&item, format!("capture field `{c}` is not defined")))?;
            if r.sensitive {
                return Err(err(&item, "a sensitive variable's value is never captured"));
            }
            if !matches!(f.input, Input::Text) {
                return Err(err(&item, "a captured value goes into a text field"));
            }
        }
        let basis = ctx.basis(&item, &r.basis)?;
        ctx.sources(&item, &r.sources)?;
        recognise.push(RecogniseRule {
            name,
            value_contains: r.value_contains.clone(),
            target,
            weight: r.weight,
            capture: r.capture.clone(),
            sensitive: r.sensitive,
            basis,
            sources: r.sources.clone(),
        });
    }

    // Derivations.
    let mut derive = Vec::new();
    for d in &raw.derive {
        let item = format!("derive `{}`", d.field);
        if ctx.field(&d.field).is_none() {
            return Err(err(&item, "names no field"));
        }
        let template = ctx.template(&item, Kind::Text, &d.template)?;
        if template.placeholders().any(|p| p.field == d.field) {
            return Err(err(&item, "a value cannot be derived from itself"));
        }
        derive.push(Derivation {
            field: d.field.clone(),
            template,
            when: ctx.when(&item, &d.when)?,
            basis: ctx.basis(&item, &d.basis)?,
            sources: d.sources.clone(),
        });
        ctx.sources(&item, &d.sources)?;
    }

    // Steps.
    unique("[[step]]", raw.steps.iter().map(|s| s.id.as_str()))?;
    let mut steps = Vec::new();
    for s in &raw.steps {
        let item = format!("step `{}`", s.id);
        let side =
            Side::parse(&s.side).ok_or_else(|| err(&item, format!("side `{}` is not site or vo", s.side)))?;
        let pos =
            phases.iter().filter(|p| p.side == side).position(|p| p.id == s.phase).ok_or_else(|| {
                err(&item, format!("phase `{}` is not a phase of the {} side", s.phase, s.side))
            })?;
        let previous = steps.iter().rev().find(|p: &&Step| p.side == side);
        if let Some(prev) = previous {
            let prev_pos =
                phases.iter().filter(|p| p.side == side).position(|p| p.id == prev.phase).unwrap_or(0);
            if pos < prev_pos {
                return Err(err(
                    &item,
                    format!("phase `{}` comes after `{}`: keep steps in phase order", s.phase, prev.phase),
                ));
            }
        }
        ctx.sources(&item, &s.sources)?;
        let mut commands = Vec::new();
        for (i, c) in s.commands.iter().enumerate() {
            let citem = format!("{item} command {}", i + 1);
            let kind = Kind::parse(&c.kind)
                .ok_or_else(|| err(&citem, format!("kind `{}` is not sh, text or jsh", c.kind)))?;
            ctx.sources(&citem, &c.sources)?;
            commands.push(Command {
                id: format!("{}#{}", s.id, i + 1),
                template: ctx.template(&citem, kind, &c.template)?,
                explain: c.explain.clone(),
                when: ctx.when(&citem, &c.when)?,
                basis: ctx.basis(&citem, &c.basis)?,
                sources: c.sources.clone(),
                note: c.note.clone(),
            });
        }
        steps.push(Step {
            id: s.id.clone(),
            side,
            phase: s.phase.clone(),
            title: s.title.clone(),
            text: ctx.template(&item, Kind::Text, &s.text)?,
            when: ctx.when(&item, &s.when)?,
            basis: ctx.basis(&item, &s.basis)?,
            sources: s.sources.clone(),
            commands,
        });
    }

    // Completeness.
    unique("[[completeness]]", raw.completeness.iter().map(|c| c.id.as_str()))?;
    let mut completeness = Vec::new();
    for c in &raw.completeness {
        let item = format!("completeness `{}`", c.id);
        let level = match c.level.as_str() {
            "required" => Level::Required,
            "recommended" => Level::Recommended,
            l => {
                return Err(err(&item, format!("level `{l}` is not required or recommended")));
            }
        };
        if c.all.is_empty() == c.any.is_empty() || c.any.iter().any(Vec::is_empty) {
            return Err(err(&item, "give `all` (fields) or `any` (groups of fields), not both"));
        }
        for id in c.all.iter().chain(c.any.iter().flatten()) {
            match ctx.field(id) {
                Some(f) if matches!(f.group, Group::Core | Group::Framework) => {}
                Some(_) => return Err(err(&item, format!("`{id}` is not part of a request"))),
                None => return Err(err(&item, format!("`{id}` names no field"))),
            }
        }
        completeness.push(CompletenessRule {
            id: c.id.clone(),
            level,
            all: c.all.clone(),
            any: c.any.clone(),
            when: ctx.when(&item, &c.when)?,
            message: c.message.clone(),
        });
    }

    let request = document(&ctx, &raw.request, &[Group::Core, Group::Framework])?;
    unique("[[reply]]", raw.replies.iter().map(|r| r.id.as_str()))?;
    let replies = raw
        .replies
        .iter()
        .map(|r| document(&ctx, r, &[Group::Core, Group::Framework, Group::Reply]))
        .collect::<Result<Vec<_>, _>>()?;

    Ok(TraceCatalog {
        version: raw.trace.version,
        content_hash: raw.content_hash,
        title: raw.trace.title,
        intro: raw.trace.intro,
        tlp: raw.trace.tlp,
        decide_at: raw.trace.decide_at,
        markers,
        sources,
        phases,
        fields,
        recognise,
        derive,
        steps,
        completeness,
        request,
        replies,
    })
}

fn document(ctx: &Ctx<'_>, d: &RawDocument, groups: &[Group]) -> Result<Document, TraceCatalogError> {
    let item = format!("document `{}`", d.id);
    let text = |t: &str| ctx.template(&item, Kind::Text, t);
    if !d.subject.contains(ctx.tlp) {
        return Err(err(&item, format!("the subject must carry the TLP label `{}`", ctx.tlp)));
    }
    let mut sections = Vec::new();
    let mut seen = HashSet::new();
    for s in &d.sections {
        let sitem = format!("{item} section `{}`", s.title);
        for id in &s.fields {
            let f = ctx.field(id).ok_or_else(|| err(&sitem, format!("`{id}` names no field")))?;
            if !groups.contains(&f.group) {
                return Err(err(&sitem, format!("`{id}` does not belong in this document")));
            }
            if !seen.insert(id.clone()) {
                return Err(err(&sitem, format!("`{id}` is printed twice")));
            }
        }
        sections.push(Section {
            title: s.title.clone(),
            fields: s.fields.clone(),
            lines: s.lines.iter().map(|l| text(l)).collect::<Result<_, _>>()?,
            when: ctx.when(&sitem, &s.when)?,
        });
    }
    Ok(Document {
        id: d.id.clone(),
        title: d.title.clone(),
        to: text(&d.to)?,
        subject: text(&d.subject)?,
        opening: d.opening.iter().map(|l| text(l)).collect::<Result<_, _>>()?,
        sections,
        closing: d.closing.iter().map(|l| text(l)).collect::<Result<_, _>>()?,
        missing_heading: d.missing_heading.clone(),
    })
}
