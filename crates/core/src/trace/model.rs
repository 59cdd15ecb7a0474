//! The validated trace catalogue: fields, recognition rules, steps with their command
//! templates, completeness rules and document layouts, as read from `questions/trace.toml`.
//!
//! Invariant: every reference inside a `TraceCatalog` resolves (fields, options, phases,
//! sources, markers) and every template parsed, so the planner and the renderers never meet
//! an unknown ID.

use std::collections::BTreeMap;

use super::template::{Kind, Template};

/// The field holding the job framework (a `select`).
pub const FRAMEWORK: &str = "framework";
/// The field holding the CE type (a `select`).
pub const CE: &str = "ce_type";
/// The field holding the batch system (a `select`).
pub const BATCH: &str = "batch_system";
/// The option of the three selector fields that means "not known".
pub const UNKNOWN: &str = "unknown";

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceCatalog {
    /// Semantic version of the file.
    pub version: String,
    /// Content hash of the file (from the build script).
    pub content_hash: String,
    /// View title.
    pub title: String,
    /// View introduction.
    pub intro: String,
    /// TLP label of every document.
    pub tlp: String,
    /// Points a recognised option needs, with no tie, before it is chosen for the user.
    pub decide_at: u32,
    /// Markers, by basis.
    pub markers: Vec<Marker>,
    /// Sources this file adds.
    pub sources: Vec<Source>,
    /// Phases, in order, per side.
    pub phases: Vec<Phase>,
    /// Fields, in file order.
    pub fields: Vec<Field>,
    /// Recognition rules.
    pub recognise: Vec<RecogniseRule>,
    /// Derivations.
    pub derive: Vec<Derivation>,
    /// Steps, in order (phases ascending within a side).
    pub steps: Vec<Step>,
    /// Completeness rules of the request.
    pub completeness: Vec<CompletenessRule>,
    /// The request to the VO.
    pub request: Document,
    /// The VO's replies.
    pub replies: Vec<Document>,
}

impl TraceCatalog {
    /// A field by ID.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// A field's label, or the ID itself for an unknown one (never happens after validation).
    pub fn label(&self, id: &str) -> String {
        self.field(id).map_or_else(|| id.to_owned(), |f| f.label.clone())
    }

    /// The marker of a basis.
    pub fn marker(&self, basis: Basis) -> Option<&Marker> {
        self.markers.iter().find(|m| m.basis == basis)
    }

    /// The fields that make up a request (core and framework), in file order.
    pub fn request_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| matches!(f.group, Group::Core | Group::Framework))
    }

    /// Phases of one side, in order.
    pub fn phases_of(&self, side: Side) -> impl Iterator<Item = &Phase> {
        self.phases.iter().filter(move |p| p.side == side)
    }
}

/// Which party follows a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The site that saw the job.
    Site,
    /// The VO that ran it.
    Vo,
}

impl Side {
    /// Parses `site` / `vo`.
    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "site" => Some(Side::Site),
            "vo" => Some(Side::Vo),
            _ => None,
        }
    }
}

/// How well a command or statement is backed, shown next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Read in the cited source.
    Sourced,
    /// An inference: verify on your release.
    Inferred,
    /// Looked for and not found.
    Unverified,
}

impl Basis {
    /// Parses `sourced` / `inferred` / `unverified`.
    pub fn parse(s: &str) -> Option<Basis> {
        match s {
            "sourced" => Some(Basis::Sourced),
            "inferred" => Some(Basis::Inferred),
            "unverified" => Some(Basis::Unverified),
            _ => None,
        }
    }
}

/// What a basis is called in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The basis.
    pub basis: Basis,
    /// Label shown next to a command (e.g. "Inferred: verify on your release").
    pub label: String,
    /// Explanation.
    pub note: String,
}

/// A source this file adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Location, plain text.
    pub location: String,
}

/// A phase heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// ID.
    pub id: String,
    /// Side.
    pub side: Side,
    /// Heading.
    pub title: String,
}

/// What a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// In every request.
    Core,
    /// In the request when its framework is chosen.
    Framework,
    /// Used by the site's commands only; never sent.
    Site,
    /// Found or typed by the VO while tracing; never sent to the site.
    Vo,
    /// Part of the VO's reply.
    Reply,
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line.
    Text,
    /// Several lines (log extracts).
    Lines,
    /// One option.
    Select,
    /// Any options, stored as option IDs joined by commas.
    Multi,
}

/// An option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Stored ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// Counts as no answer for completeness.
    pub counts_as_missing: bool,
}

/// A field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// ID and placeholder name.
    pub id: String,
    /// Group.
    pub group: Group,
    /// Label.
    pub label: String,
    /// Help.
    pub help: String,
    /// Example.
    pub example: String,
    /// Input kind.
    pub input: Input,
    /// Options.
    pub options: Vec<Choice>,
    /// Framework of a framework field.
    pub framework: Option<String>,
    /// Sources.
    pub sources: Vec<String>,
}

impl Field {
    /// The label of an option ID.
    pub fn option_label(&self, id: &str) -> Option<&str> {
        self.options.iter().find(|o| o.id == id).map(|o| o.label.as_str())
    }

    /// A value as shown to people: option labels for choices, the text otherwise.
    pub fn show(&self, value: &str) -> String {
        match self.input {
            Input::Select => self.option_label(value).unwrap_or(value).to_owned(),
            Input::Multi => value
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|id| self.option_label(id).unwrap_or(id))
                .collect::<Vec<_>>()
                .join("; "),
            Input::Text | Input::Lines => value.to_owned(),
        }
    }
}

/// What a recognition rule points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A framework option.
    Framework(String),
    /// A CE option.
    Ce(String),
    /// A batch option.
    Batch(String),
}

/// How a rule matches a variable name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The whole name.
    Exact(String),
    /// A prefix of it.
    Prefix(String),
}

/// Environment variable → framework, CE or batch system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecogniseRule {
    /// Name match.
    pub name: NameMatch,
    /// Value must contain this (rule ignored for names without values).
    pub value_contains: Option<String>,
    /// What it points to (none for a credential that only warns).
    pub target: Option<Target>,
    /// Weight 1–3.
    pub weight: u8,
    /// Field the value can fill.
    pub capture: Option<String>,
    /// A credential.
    pub sensitive: bool,
    /// Basis.
    pub basis: Basis,
    /// Sources.
    pub sources: Vec<String>,
}

/// A condition on the three selectors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    /// Framework options (one of).
    pub framework: Option<Vec<String>>,
    /// CE options (one of).
    pub ce: Option<Vec<String>>,
    /// Batch options (one of).
    pub batch: Option<Vec<String>>,
    /// Batch options excluded.
    pub batch_not: Option<Vec<String>>,
}

impl When {
    /// Whether it holds for the chosen options (`unknown` when not chosen).
    pub fn holds(&self, framework: &str, ce: &str, batch: &str) -> bool {
        let within =
            |list: &Option<Vec<String>>, v: &str| list.as_ref().is_none_or(|l| l.iter().any(|x| x == v));
        within(&self.framework, framework)
            && within(&self.ce, ce)
            && within(&self.batch, batch)
            && self.batch_not.as_ref().is_none_or(|l| !l.iter().any(|x| x == batch))
    }
}

/// A value computed from others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    /// Target field.
    pub field: String,
    /// Text template.
    pub template: Template,
    /// When.
    pub when: When,
    /// Basis.
    pub basis: Basis,
    /// Sources.
    pub sources: Vec<String>,
}

/// A command of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// `<step id>#<n>`, n from 1.
    pub id: String,
    /// Template (its kind included).
    pub template: Template,
    /// Explanation.
    pub explain: String,
    /// When.
    pub when: When,
    /// Basis.
    pub basis: Basis,
    /// Sources.
    pub sources: Vec<String>,
    /// Caution.
    pub note: String,
}

impl Command {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.template.kind
    }
}

/// A step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// ID.
    pub id: String,
    /// Side.
    pub side: Side,
    /// Phase ID.
    pub phase: String,
    /// Heading.
    pub title: String,
    /// Text template.
    pub text: Template,
    /// When.
    pub when: When,
    /// Basis of the text.
    pub basis: Basis,
    /// Sources.
    pub sources: Vec<String>,
    /// Commands.
    pub commands: Vec<Command>,
}

/// Required or recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Listed before the request is offered.
    Required,
    /// Suggested.
    Recommended,
}

/// A completeness rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletenessRule {
    /// ID.
    pub id: String,
    /// Level.
    pub level: Level,
    /// All of these.
    pub all: Vec<String>,
    /// Or one of these groups in full.
    pub any: Vec<Vec<String>>,
    /// When.
    pub when: When,
    /// Message.
    pub message: String,
}

/// A document section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Fields.
    pub fields: Vec<String>,
    /// Fixed lines.
    pub lines: Vec<Template>,
    /// When.
    pub when: When,
}

/// A plain-text document (the request, a reply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// ID.
    pub id: String,
    /// Heading in the app.
    pub title: String,
    /// Recipient line.
    pub to: Template,
    /// Subject.
    pub subject: Template,
    /// Opening lines.
    pub opening: Vec<Template>,
    /// Sections.
    pub sections: Vec<Section>,
    /// Closing lines.
    pub closing: Vec<Template>,
    /// Heading of the missing list.
    pub missing_heading: String,
}

/// Values by field ID: what the user typed, chose or imported. A blank value is no value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, String>);

impl Values {
    /// No values.
    pub fn new() -> Values {
        Values::default()
    }

    /// The value of a field, if not blank.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.0.get(id).map(String::as_str).filter(|v| !v.trim().is_empty())
    }

    /// Sets a value (a blank one removes it).
    pub fn set(&mut self, id: &str, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            self.0.remove(id);
        } else {
            self.0.insert(id.to_owned(), value);
        }
    }

    /// All values, by ID.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The chosen option of a selector, `unknown` when none.
    pub fn selector(&self, id: &str) -> &str {
        self.get(id).unwrap_or(UNKNOWN)
    }

    /// Whether a condition holds for these values.
    pub fn holds(&self, when: &When) -> bool {
        when.holds(self.selector(FRAMEWORK), self.selector(CE), self.selector(BATCH))
    }
}

impl FromIterator<(String, String)> for Values {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Values {
        let mut v = Values::new();
        for (k, val) in iter {
            v.set(&k, val);
        }
        v
    }
}
