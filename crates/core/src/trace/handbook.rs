//! The forensic handbook (issue #15): for each job framework what a site sees, the identifiers,
//! the commands and what to send the VO, all read from `questions/trace.toml`; and, from the
//! working group's collection, a page per VO with its framework, role security address and its
//! own notes on where to look.
//!
//! Two models live here. [`VoEntry`] is what the collection contributes and what the handbook
//! file carries (`persist::handbook`); which answers of a VO's report it takes is data
//! (`[[set.handbook]]` in `questions/vo.toml`, where the loader refuses a question marked
//! `personal`). [`Handbook`] is every printed word of the PDF, built from the catalogue and the
//! entries; `ti-pdf` lays it out without adding text.
//!
//! Invariants: pure and deterministic (same catalogue, entries and scope give the same model);
//! an answer reaches a VO page only through a `[[set.handbook]]` item, and an e-mail answer that
//! looks like one person's address (`model::looks_personal`) never does; commands are printed
//! as their templates with placeholders shown as `<field>`, never filled.

use crate::collect::Collection;
use crate::model::{AnswerValue, Assessment, HandbookPart, QuestionSet, Respondent, looks_personal};
use crate::time::Date;
use crate::trace::model::{BATCH, Basis, CE, FRAMEWORK, Side, Step, Target, TraceCatalog, When};

/// What one VO's report gives the handbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoEntry {
    /// The VO's name.
    pub name: String,
    /// The framework IDs it uses (`trace.toml` framework options), in the order answered.
    pub frameworks: Vec<String>,
    /// Its role security address.
    pub contact: Option<String>,
    /// Where its own guide for sites is published.
    pub guide: Option<String>,
    /// Its notes on where to look: (framework ID, text), by framework ID.
    pub notes: Vec<(String, String)>,
}

impl VoEntry {
    /// Its notes for one framework.
    pub fn notes_for(&self, framework: &str) -> Option<&str> {
        self.notes.iter().find(|(f, _)| f == framework).map(|(_, t)| t.as_str())
    }
}

/// The handbook file's content: the VOs of a collection and the day it was collected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// The day the collection was judged at (`YYYY-MM-DD`), printed on the cover.
    pub collected: String,
    /// One entry per VO, in the collection's order of respondents.
    pub vos: Vec<VoEntry>,
}

impl Directory {
    /// The VO named `name` (exactly as printed).
    pub fn vo(&self, name: &str) -> Option<&VoEntry> {
        self.vos.iter().find(|v| v.name == name)
    }
}

fn text_answer<'a>(a: &'a Assessment, question: &str) -> Option<&'a str> {
    match a.answer(question) {
        Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// The entry one VO report gives, from the answers its set names in `[[set.handbook]]` that are
/// shown as of `today` (a hidden question's answer counts as absent, as for every rule); `None`
/// for a site's report. The name falls back to the assessment's name, then its ID.
pub fn entry(set: &QuestionSet, a: &Assessment, today: Date) -> Option<VoEntry> {
    if set.respondent != Respondent::Vo {
        return None;
    }
    let visible = crate::rules::visible_questions(set, a, today);
    let mut e = VoEntry::default();
    for item in set.handbook.iter().filter(|i| visible.contains(i.question.as_str())) {
        let q = item.question.as_str();
        match item.part {
            HandbookPart::Name => e.name = text_answer(a, q).unwrap_or_default().to_owned(),
            HandbookPart::Frameworks => {
                if let Some(AnswerValue::Options(o)) = a.answer(q) {
                    e.frameworks = o.clone();
                }
            }
            HandbookPart::Contact => {
                e.contact = text_answer(a, q).filter(|t| !looks_personal(t)).map(str::to_owned);
            }
            HandbookPart::Guide => e.guide = text_answer(a, q).map(str::to_owned),
            HandbookPart::Notes => {
                if let (Some(f), Some(t)) = (&item.framework, text_answer(a, q)) {
                    e.notes.push((f.clone(), t.to_owned()));
                }
            }
        }
    }
    e.notes.sort();
    if e.name.trim().is_empty() {
        let label = if a.name.trim().is_empty() { &a.id } else { &a.name };
        e.name = label.trim().to_owned();
    }
    Some(e)
}

/// The handbook's VOs from a collection: each VO respondent's newest report, in the order
/// respondents were first seen.
pub fn directory(c: &Collection) -> Directory {
    let vos = c
        .respondents()
        .iter()
        .filter_map(|g| g.reports.first().and_then(|&i| c.reports.get(i)))
        .filter_map(|r| entry(r.set, &r.assessment, c.today()))
        .collect();
    Directory { collected: c.today().to_string(), vos }
}

/// What a handbook covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every framework of the catalogue.
    All,
    /// One framework (a framework option ID).
    Framework(String),
}

impl Scope {
    /// `all`, or a framework ID, as the page sends it.
    pub fn parse(s: &str) -> Scope {
        if s.is_empty() || s == "all" { Scope::All } else { Scope::Framework(s.to_owned()) }
    }

    /// How the page names it.
    pub fn key(&self) -> &str {
        match self {
            Scope::All => "all",
            Scope::Framework(f) => f,
        }
    }
}

/// A command as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandbookCommand {
    /// The template, placeholders as `<field>`.
    pub line: String,
    /// Its explanation.
    pub explain: String,
    /// When it applies (CE, batch system), in words; empty when always.
    pub when: String,
    /// Its source marker ("Inferred: verify on your release").
    pub marker: String,
    /// Its sources, e.g. `C-27, S-32`.
    pub sources: String,
    /// Its caution.
    pub note: String,
}

/// A step as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandbookStep {
    /// Its phase heading.
    pub phase: String,
    /// Its heading.
    pub title: String,
    /// Its text, placeholders as `<Label>`.
    pub text: String,
    /// When it applies, in words; empty when always.
    pub when: String,
    /// Its marker.
    pub marker: String,
    /// Its sources.
    pub sources: String,
    /// Its commands.
    pub commands: Vec<HandbookCommand>,
}

/// A table: headings and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// One framework's section, or the section every framework shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkSection {
    /// Framework ID (`all` for the shared section).
    pub id: String,
    /// Heading.
    pub title: String,
    /// What a site sees: the environment variables that give the framework away.
    pub sees: Rows,
    /// The identifiers: placeholder, label, what it is, example.
    pub identifiers: Rows,
    /// The site's steps and commands.
    pub steps: Vec<HandbookStep>,
    /// What to send the VO: (request section, its fields).
    pub request: Rows,
    /// What the request needs before it is sent.
    pub required: Vec<String>,
    /// What the VO does with it.
    pub vo_steps: Vec<HandbookStep>,
}

/// A VO's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoPage {
    /// The VO's name.
    pub name: String,
    /// Label and value: frameworks, security address, guide.
    pub lines: Vec<(String, String)>,
    /// (heading, the VO's own notes).
    pub notes: Vec<(String, String)>,
}

/// Every printed word of a handbook PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handbook {
    /// Title.
    pub title: String,
    /// The TLP label printed on the cover.
    pub tlp: String,
    /// What the label means for this document.
    pub tlp_note: String,
    /// Cover lines: label and value.
    pub cover: Vec<(String, String)>,
    /// The markers and what they mean.
    pub markers: Vec<(String, String)>,
    /// Sections: shared first, then one per framework.
    pub sections: Vec<FrameworkSection>,
    /// The VO pages (none without a collection).
    pub vo_pages: Vec<VoPage>,
    /// Printed when there is no VO page.
    pub no_vo_pages: String,
    /// Footer.
    pub footer: String,
}

impl Handbook {
    /// Printed above the title.
    pub const KICKER: &'static str = "Forensic handbook";
    /// Heading of the marker legend.
    pub const MARKERS_HEADING: &'static str = "How each command is backed";
    /// Sub-headings of a section.
    pub const SEES: &'static str = "What a site sees";
    /// See [`Handbook::SEES`].
    pub const IDENTIFIERS: &'static str = "The identifiers";
    /// See [`Handbook::SEES`].
    pub const COMMANDS: &'static str = "The commands";
    /// See [`Handbook::SEES`].
    pub const REQUEST: &'static str = "What to send the VO";
    /// See [`Handbook::SEES`].
    pub const REQUIRED: &'static str = "Needed before the request is sent";
    /// See [`Handbook::SEES`].
    pub const VO_STEPS: &'static str = "What the VO does with it";
    /// Heading of the VO pages.
    pub const VO_HEADING: &'static str = "The VOs";
    /// Label of a command's condition.
    pub const WHEN: &'static str = "When";
    /// Label of a command's sources.
    pub const SOURCES: &'static str = "Sources";
    /// Label of a command's caution.
    pub const CAUTION: &'static str = "Caution";
}

/// Placeholders in commands read `<field>`, as in the identifiers table.
fn placeholder(id: &str) -> String {
    format!("<{id}>")
}

fn condition(cat: &TraceCatalog, w: &When, with_framework: bool) -> String {
    let list = |field: &str, ids: &Option<Vec<String>>| -> Option<String> {
        let ids = ids.as_ref()?;
        let f = cat.field(field)?;
        let shown: Vec<&str> = ids.iter().map(|i| f.option_label(i).unwrap_or(i)).collect();
        Some(format!("{}: {}", f.label, shown.join(", ")))
    };
    let mut parts: Vec<String> = Vec::new();
    if with_framework {
        parts.extend(list(FRAMEWORK, &w.framework));
    }
    parts.extend(list(CE, &w.ce));
    parts.extend(list(BATCH, &w.batch));
    if let Some(s) = list(BATCH, &w.batch_not) {
        parts.push(format!("not {s}"));
    }
    parts.join("; ")
}

fn marker(cat: &TraceCatalog, b: Basis) -> String {
    cat.marker(b).map(|m| m.label.clone()).unwrap_or_default()
}

/// Whether a condition's framework list admits `f` (`None`: any framework).
fn admits(w: &When, f: Option<&str>) -> bool {
    match (&w.framework, f) {
        (None, _) => true,
        (Some(list), Some(f)) => list.iter().any(|x| x == f),
        (Some(_), None) => false,
    }
}

/// Whether a condition names a framework at all.
fn names_framework(w: &When) -> bool {
    w.framework.is_some()
}

fn step(cat: &TraceCatalog, s: &Step, framework: Option<&str>) -> Option<HandbookStep> {
    // In a framework's section: the framework's own steps with their commands, and the shared
    // steps' commands that only that framework has. In the shared section: what names none.
    let own = names_framework(&s.when);
    let commands: Vec<HandbookCommand> = s
        .commands
        .iter()
        .filter(|c| match framework {
            None => !names_framework(&c.when),
            Some(f) => admits(&c.when, Some(f)) && (own || names_framework(&c.when)),
        })
        .map(|c| HandbookCommand {
            line: c.template.pattern(&placeholder),
            explain: c.explain.clone(),
            when: condition(cat, &c.when, false),
            marker: marker(cat, c.basis),
            sources: c.sources.join(", "),
            note: c.note.clone(),
        })
        .collect();
    let included = match framework {
        None => !own,
        Some(f) => (own && admits(&s.when, Some(f))) || (!own && !commands.is_empty()),
    };
    if !included {
        return None;
    }
    let phase = cat.phases.iter().find(|p| p.side == s.side && p.id == s.phase).map_or("", |p| &p.title);
    Some(HandbookStep {
        phase: phase.to_owned(),
        title: s.title.clone(),
        text: s.text.pattern(&|id| format!("<{}>", cat.label(id))),
        when: condition(cat, &s.when, false),
        marker: marker(cat, s.basis),
        sources: s.sources.join(", "),
        commands,
    })
}

fn section(cat: &TraceCatalog, framework: Option<(&str, &str)>, shared_title: &str) -> FrameworkSection {
    let fid = framework.map(|(id, _)| id);
    let sees = Rows {
        columns: vec!["Variable".into(), "Gives".into(), "Basis".into()],
        rows: cat
            .recognise
            .iter()
            .filter(|r| match (fid, &r.target) {
                (Some(f), Some(Target::Framework(o))) => o == f,
                (None, Some(Target::Ce(_) | Target::Batch(_))) => true,
                (None, None) => r.sensitive,
                _ => false,
            })
            .map(|r| {
                let name = match &r.name {
                    crate::trace::model::NameMatch::Exact(n) => n.clone(),
                    crate::trace::model::NameMatch::Prefix(p) => format!("{p}*"),
                };
                let gives = match (&r.capture, &r.target) {
                    _ if r.sensitive => "A credential: never copy its value".to_owned(),
                    (Some(f), _) => cat.label(f),
                    (None, Some(Target::Ce(o))) => {
                        cat.field(CE).and_then(|f| f.option_label(o)).unwrap_or(o).to_owned()
                    }
                    (None, Some(Target::Batch(o))) => {
                        cat.field(BATCH).and_then(|f| f.option_label(o)).unwrap_or(o).to_owned()
                    }
                    (None, _) => "Recognises the framework".to_owned(),
                };
                vec![name, gives, marker(cat, r.basis)]
            })
            .fold(Vec::new(), |mut acc: Vec<Vec<String>>, row| {
                // A variable counted by several rules is printed once.
                if !acc.iter().any(|r| r[0] == row[0]) {
                    acc.push(row);
                }
                acc
            }),
    };
    let identifiers = Rows {
        columns: vec!["Placeholder".into(), "Identifier".into(), "What it is".into(), "Example".into()],
        rows: cat
            .fields
            .iter()
            .filter(|f| match fid {
                Some(id) => f.framework.as_deref() == Some(id),
                None => {
                    matches!(f.group, crate::trace::model::Group::Core | crate::trace::model::Group::Site)
                }
            })
            .filter(|f| {
                !matches!(f.input, crate::trace::model::Input::Select | crate::trace::model::Input::Multi)
            })
            .map(|f| vec![placeholder(&f.id), f.label.clone(), f.help.clone(), f.example.clone()])
            .collect(),
    };
    let steps = cat.steps.iter().filter(|s| s.side == Side::Site).filter_map(|s| step(cat, s, fid)).collect();
    let vo_steps = match fid {
        Some(_) => {
            cat.steps.iter().filter(|s| s.side == Side::Vo).filter_map(|s| step(cat, s, fid)).collect()
        }
        None => Vec::new(),
    };
    let request = Rows {
        columns: vec!["Part of the request".into(), "Fields".into()],
        rows: cat
            .request
            .sections
            .iter()
            .filter(|s| match fid {
                Some(f) => names_framework(&s.when) && admits(&s.when, Some(f)),
                None => !names_framework(&s.when),
            })
            .map(|s| {
                let mut cells: Vec<String> = s.fields.iter().map(|f| cat.label(f)).collect();
                cells.extend(s.lines.iter().map(|l| l.pattern(&|id| format!("<{}>", cat.label(id)))));
                vec![s.title.clone(), cells.join("; ")]
            })
            .collect(),
    };
    let required = cat
        .completeness
        .iter()
        .filter(|r| r.level == crate::trace::model::Level::Required)
        .filter(|r| match fid {
            Some(f) => names_framework(&r.when) && admits(&r.when, Some(f)),
            None => !names_framework(&r.when),
        })
        .map(|r| r.message.clone())
        .collect();
    FrameworkSection {
        id: fid.unwrap_or("all").to_owned(),
        title: framework.map_or_else(|| shared_title.to_owned(), |(_, label)| label.to_owned()),
        sees,
        identifiers,
        steps,
        request,
        required,
        vo_steps,
    }
}

/// The frameworks a handbook can cover: the framework field's options that have identifiers of
/// their own (framework fields), in file order, as (ID, label).
pub fn frameworks(cat: &TraceCatalog) -> Vec<(&str, &str)> {
    cat.field(FRAMEWORK)
        .map(|f| {
            f.options
                .iter()
                .filter(|o| cat.fields.iter().any(|x| x.framework.as_deref() == Some(o.id.as_str())))
                .map(|o| (o.id.as_str(), o.label.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

fn vo_page(cat: &TraceCatalog, v: &VoEntry, scope: &Scope) -> VoPage {
    let fw_label = |id: &str| -> String {
        cat.field(FRAMEWORK).and_then(|f| f.option_label(id)).unwrap_or(id).to_owned()
    };
    let mut lines = Vec::new();
    let used: Vec<String> = v.frameworks.iter().map(|f| fw_label(f)).collect();
    lines.push((
        "Frameworks".to_owned(),
        if used.is_empty() { "Not stated".to_owned() } else { used.join(", ") },
    ));
    lines.push((
        "Security contact".to_owned(),
        v.contact
            .clone()
            .unwrap_or_else(|| "Not given as a role address: ask the VO's registry entry".to_owned()),
    ));
    if let Some(g) = &v.guide {
        lines.push(("The VO's own guide".to_owned(), g.clone()));
    }
    let notes = v
        .notes
        .iter()
        .filter(|(f, _)| match scope {
            Scope::All => true,
            Scope::Framework(s) => f == s,
        })
        .map(|(f, t)| (format!("Where to look: {}", fw_label(f)), t.clone()))
        .collect();
    VoPage { name: v.name.clone(), lines, notes }
}

/// The handbook for `scope`: the shared section, a section per framework covered and a page
/// per VO of `dir` that uses one of them (every VO for all frameworks).
pub fn build(cat: &TraceCatalog, dir: &Directory, scope: &Scope) -> Handbook {
    let all = frameworks(cat);
    let covered: Vec<(&str, &str)> = match scope {
        Scope::All => all.clone(),
        Scope::Framework(f) => all.iter().copied().filter(|(id, _)| id == f).collect(),
    };
    let mut sections = vec![section(cat, None, "Every framework: first steps, the batch system and the CE")];
    sections.extend(covered.iter().map(|&fw| section(cat, Some(fw), "")));
    let vo_pages: Vec<VoPage> = dir
        .vos
        .iter()
        .filter(|v| match scope {
            Scope::All => true,
            Scope::Framework(f) => v.frameworks.iter().any(|x| x == f),
        })
        .map(|v| vo_page(cat, v, scope))
        .collect();
    let title = match covered.as_slice() {
        [(_, label)] if *scope != Scope::All => format!("Tracing a suspicious {label} job"),
        _ => "Tracing a suspicious grid job".to_owned(),
    };
    let covers = covered.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(", ");
    let mut cover = vec![
        ("Frameworks".to_owned(), if covers.is_empty() { "None".to_owned() } else { covers }),
        ("Commands from".to_owned(), format!("{} version {}", cat.title, cat.version)),
    ];
    cover.push((
        "VOs".to_owned(),
        if dir.collected.is_empty() {
            "No handbook file imported: no VO pages".to_owned()
        } else {
            format!("{} from the working group's collection of {}", vo_pages.len(), dir.collected)
        },
    ));
    Handbook {
        title,
        tlp: cat.tlp.clone(),
        tlp_note: "Limited disclosure: for the security teams of sites and VOs, and their CSIRTs.".to_owned(),
        cover,
        markers: cat.markers.iter().map(|m| (m.label.clone(), m.note.clone())).collect(),
        sections,
        vo_pages,
        no_vo_pages: "No VO pages: this handbook was made without the working group's collection.".to_owned(),
        footer: format!("{} - forensic handbook", crate::about::APP),
    }
}
