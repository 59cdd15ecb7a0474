//! The report model: everything the PDF prints, already worded, so the PDF code only lays it out.
//!
//! Invariants: `build` is a pure function of the question set and the assessment (no clock), so
//! the same assessment always gives the same report, and the same PDF bytes; the attachment is
//! exactly `persist::encode` of the assessment and the fingerprint its SHA-256.

use std::collections::HashSet;

use crate::challenge::feed::Contradiction;
use crate::model::{
    AnswerKind, Assessment, Condition, ForensicSheet, QuestionSet, Respondent, Severity, format_number,
};
use crate::persist;
use crate::rules::{self, Gap};
use crate::status::{self, Status};
use crate::time::{Date, Timestamp};
use crate::wording::{answer_text, threshold_line, value_text};

/// A finished report, in the order it is printed: cover, summary, gaps, every section, the
/// thresholds, the appendix. Every word is here; `pdf` only lays it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The question set's title.
    pub title: String,
    /// What the document is, printed under the title.
    pub subtitle: String,
    /// Cover fields: label and value.
    pub cover: Vec<(String, String)>,
    /// Counts by severity, status per section, and the chart.
    pub summary: Summary,
    /// Heading of the gap list, with its count.
    pub gaps_heading: String,
    /// Printed instead of the list when there is no gap.
    pub no_gaps: String,
    /// Gaps, most severe first.
    pub gaps: Vec<ReportGap>,
    /// Heading of the gaps where a challenge contradicts the answers, with their count.
    pub contradicted_heading: String,
    /// Those gaps (`contradicted_by`), most severe first; none unless a challenge was held
    /// against the assessment.
    pub contradicted: Vec<ReportGap>,
    /// Heading of the walk through every section.
    pub sections_heading: String,
    /// Column headings of each section's table: reference, question, answer.
    pub section_columns: [String; 3],
    /// Every section with every shown question, in display order.
    pub sections: Vec<ReportSection>,
    /// The thresholds the set's rules compare with, with their sources.
    pub thresholds: Table,
    /// Forensic sheets and the challenge record.
    pub appendix: Appendix,
    /// Answers and evidence to questions the current set no longer asks (`upgrade::orphans`):
    /// printed, never dropped. No rows when there are none.
    pub orphans: Table,
    /// Printed at the foot of every page, left of the page number.
    pub footer: String,
    /// SHA-256 of `attachment`, hex.
    pub fingerprint: String,
    /// The canonical JSON export (`persist::encode`), attached to the PDF.
    pub attachment: String,
    /// How many questions are answered, and how many there are.
    pub answered: (usize, usize),
    /// What the PDF file says about itself (its document information).
    pub info: DocumentInfo,
}

/// A PDF's document information: what a reader's "document properties" and a search index show.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentInfo {
    /// The document's title.
    pub title: String,
    /// What the document is about.
    pub subject: String,
    /// Who it is by: the assessment's name (empty when it has none).
    pub author: String,
    /// The language of its text (BCP 47): the report is worded in English.
    pub language: String,
    /// When it was begun: the assessment's first answer (none before any answer).
    pub created: Option<Timestamp>,
    /// When it last changed: the assessment's latest answer.
    pub modified: Option<Timestamp>,
}

impl Report {
    /// The page number printed in the footer.
    pub fn page_label(page: usize, pages: usize) -> String {
        format!("page {page} of {pages}")
    }
}

/// A table: a title, column headings with their share of the width, and rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Printed above the table (may be empty).
    pub title: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Relative column widths (same length as `columns`).
    pub widths: Vec<f32>,
    /// Rows; each has one cell per column. A cell may hold several lines (`\n`).
    pub rows: Vec<Vec<String>>,
}

/// The summary page.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Heading.
    pub heading: String,
    /// One sentence on the whole assessment.
    pub overview: String,
    /// Gaps by severity.
    pub severities: Table,
    /// Status of each section.
    pub sections: Table,
    /// Gaps by section and severity, as horizontal bars.
    pub chart: Chart,
}

/// A horizontal stacked bar chart: one bar per label, one segment per series.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Printed above the chart.
    pub title: String,
    /// Series names, most severe first; the legend.
    pub series: Vec<String>,
    /// Bars: label, one value per series, and the text printed after the bar.
    pub bars: Vec<(String, Vec<usize>, String)>,
}

/// One gap as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportGap {
    /// `CRITICAL`, `HIGH`, `MEDIUM`, `LOW`, with `(ANSWER UNKNOWN)` when it rests on "don't know".
    pub severity: String,
    /// `VO-LOG-2 Retention of VO central logs`.
    pub recommendation: String,
    /// What is wrong.
    pub message: String,
    /// Labelled lines: what was answered, what to do, thresholds with their sources.
    pub details: Vec<(String, String)>,
}

/// One section as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportSection {
    /// Heading.
    pub title: String,
    /// Its questions.
    pub rows: Vec<ReportRow>,
}

/// One question and its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    /// Recommendation ID the question checks.
    pub recommendation: String,
    /// The question's label.
    pub question: String,
    /// The answer as text, `Not answered` when missing.
    pub answer: String,
    /// Evidence text and link, when given.
    pub evidence: Vec<String>,
}

/// Forensic sheets and the challenge record.
#[derive(Clone, Debug, PartialEq)]
pub struct Appendix {
    /// Heading of the forensic sheets.
    pub sheets_heading: String,
    /// Printed when no sheet applies.
    pub no_sheets: String,
    /// The sheets of the frameworks and CEs selected in the profile.
    pub sheets: Vec<Sheet>,
    /// Heading of the challenge record.
    pub challenge_heading: String,
    /// The challenge sections, as in the section walk.
    pub challenge: Vec<ReportSection>,
}

/// One forensic sheet with the respondent's own notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// `Forensic sheet: DIRAC`.
    pub title: String,
    /// Headed lists: identifiers, environment, logs, retention, commands, sources.
    pub lists: Vec<(String, Vec<String>)>,
    /// The respondent's "where to look" notes, headed.
    pub notes: (String, String),
}

/// The date an assessment is judged at in its report: the day of its last answer, so that the
/// same assessment always gives the same report.
pub fn report_day(assessment: &Assessment) -> Date {
    assessment.last_change().map(|t| t.day()).unwrap_or(Date(0))
}

/// What precedes the fingerprint in every page's footer; `pdf::extract` looks for it to read the
/// fingerprint a PDF prints.
pub const FINGERPRINT_LABEL: &str = "SHA-256 of the embedded JSON: ";

/// The app, version and build printed on the cover and in every footer.
const APP: &str = crate::about::APP;

/// Builds the report of `assessment` against `set`.
pub fn build(set: &QuestionSet, assessment: &Assessment) -> Report {
    let today = report_day(assessment);
    let gaps = rules::evaluate(set, assessment, today);
    let visible = rules::visible_questions(set, assessment, today);
    let results = status::results_from(set, assessment, |q| visible.contains(q), &gaps);
    let attachment = persist::encode(assessment);
    let fingerprint = persist::sha256_hex(attachment.as_bytes());

    let section = |s: &crate::model::Section| ReportSection {
        title: s.title.clone(),
        rows: set
            .questions_in(&s.id)
            .filter(|q| visible.contains(q.id.as_str()))
            .map(|q| report_row(set, assessment, q))
            .collect(),
    };
    let sections: Vec<ReportSection> =
        set.sections.iter().map(section).filter(|s| !s.rows.is_empty()).collect();
    let challenge = set
        .sections
        .iter()
        .filter(|s| set.report.challenge_sections.contains(&s.id))
        .map(section)
        .filter(|s| !s.rows.is_empty())
        .collect();
    let sheets = set
        .forensics
        .iter()
        .filter(|f| rules::condition_holds(set, assessment, &f.applies_when, today))
        .map(|f| sheet(set, assessment, f))
        .collect();

    let overall = &results.overall;
    let answered = (overall.answered, overall.shown);
    Report {
        title: set.title.clone(),
        subtitle: "Self-assessment report".to_owned(),
        cover: cover(set, assessment, answered, &fingerprint),
        summary: summary(&results),
        gaps_heading: format!("Gaps, most severe first ({})", gaps.len()),
        no_gaps: "No gap was found in the answers given.".to_owned(),
        gaps: gaps.iter().map(|g| report_gap(set, assessment, g)).collect(),
        contradicted_heading: String::new(),
        contradicted: Vec::new(),
        sections_heading: "Answers, section by section".to_owned(),
        section_columns: ["Ref.".to_owned(), "Question".to_owned(), "Answer, evidence and notes".to_owned()],
        sections,
        thresholds: thresholds(set),
        appendix: Appendix {
            sheets_heading: "Appendix A: Forensic sheets".to_owned(),
            no_sheets: "No framework or CE was selected in the profile, so no forensic sheet applies."
                .to_owned(),
            sheets,
            challenge_heading: "Appendix B: Challenge record".to_owned(),
            challenge,
        },
        orphans: orphans(set, assessment),
        footer: format!("{APP} - {FINGERPRINT_LABEL}{fingerprint}"),
        fingerprint,
        attachment,
        answered,
        info: DocumentInfo {
            title: set.title.clone(),
            subject: format!(
                "{} self-assessment against the WLCG Traceability & Isolation recommendations",
                match set.respondent {
                    Respondent::Vo => "VO",
                    Respondent::Site => "Site",
                }
            ),
            author: assessment.name.trim().to_owned(),
            language: "en".to_owned(),
            created: assessment.first_change(),
            modified: assessment.last_change(),
        },
    }
}

/// The report of `build`, with the gaps where the latest challenge concerning the respondent
/// contradicts the answers (`challenge::feed::contradictions_with_latest`, as the results page
/// shows them), printed after the other gaps as gaps of their own. Still a pure function of its
/// inputs; the attachment stays the assessment alone.
pub fn contradicted_by(mut report: Report, set: &QuestionSet, found: &[Contradiction]) -> Report {
    let title = |id: &str| set.recommendations.iter().find(|r| r.id == id).map(|r| r.title.as_str());
    report.contradicted_heading = format!("Contradicted by a challenge ({})", found.len());
    report.contradicted = found
        .iter()
        .map(|c| {
            let mut details = vec![
                ("Challenge".to_owned(), c.challenge.clone()),
                ("What to do".to_owned(), c.action.clone()),
            ];
            let asked: Vec<String> = c
                .questions
                .iter()
                .map(|q| set.question(q).map_or_else(|| q.clone(), |d| format!("{q} {}", d.label)))
                .collect();
            if !asked.is_empty() {
                details.push(("Answers".to_owned(), asked.join("\n")));
            }
            ReportGap {
                severity: c.severity.label().to_uppercase(),
                recommendation: title(&c.recommendation)
                    .map_or_else(|| c.recommendation.clone(), |t| format!("{} {t}", c.recommendation)),
                message: format!(
                    "The self-assessment is contradicted by challenge {}: {}",
                    c.challenge, c.message
                ),
                details,
            }
        })
        .collect();
    report
}

fn not_given() -> String {
    "Not given".to_owned()
}

fn cover(
    set: &QuestionSet,
    a: &Assessment,
    answered: (usize, usize),
    fingerprint: &str,
) -> Vec<(String, String)> {
    let (who, kind) = match set.respondent {
        Respondent::Vo => ("VO", "VO self-assessment"),
        Respondent::Site => ("Site", "Site self-assessment"),
    };
    let name = set.report.name_question.as_deref().and_then(|q| answer_text(set, a, q));
    let contact: Vec<String> =
        set.report.contact_questions.iter().filter_map(|q| answer_text(set, a, q)).collect();
    vec![
        (
            "Assessment".to_owned(),
            if a.name.trim().is_empty() { "Unnamed".to_owned() } else { a.name.clone() },
        ),
        (who.to_owned(), name.unwrap_or_else(not_given)),
        ("Type".to_owned(), kind.to_owned()),
        ("Security contact".to_owned(), if contact.is_empty() { not_given() } else { contact.join(", ") }),
        (
            "Date".to_owned(),
            a.last_change()
                .map(|t| format!("{} (last answer given)", t.date()))
                .unwrap_or_else(|| "No answer yet".to_owned()),
        ),
        ("Question set".to_owned(), format!("{} version {}", set.id, set.version)),
        ("Answered".to_owned(), format!("{} of {} questions shown", answered.0, answered.1)),
        ("Produced by".to_owned(), APP.to_owned()),
        ("SHA-256 of the JSON".to_owned(), fingerprint.to_owned()),
    ]
}

fn severity_title(s: Severity) -> String {
    let label = s.label();
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn summary(results: &status::Results) -> Summary {
    let overall = &results.overall;
    let mut columns: Vec<String> = Severity::ALL.iter().map(|s| severity_title(*s)).collect();
    columns.push("All gaps".to_owned());
    let mut counts: Vec<String> = Severity::ALL.iter().map(|s| overall.gaps_of(*s).to_string()).collect();
    counts.push(overall.gap_total().to_string());
    let severities = Table {
        title: "Gaps by severity".to_owned(),
        widths: vec![1.0; columns.len()],
        columns,
        rows: vec![counts],
    };
    let mut columns = vec!["Section".to_owned(), "Answered".to_owned()];
    columns.extend(Severity::ALL.iter().map(|s| severity_title(*s)));
    columns.push("Status".to_owned());
    // A section's status follows its own row: its worst gap, else whether all is answered.
    let section_status = |s: &status::SectionScore| {
        let worst = Severity::ALL.iter().find(|sev| s.gaps_of(**sev) > 0);
        match worst {
            Some(sev) => Status::Gap(*sev).label(),
            None if s.answered < s.shown => Status::Unanswered.label(),
            None => Status::Met.label(),
        }
    };
    let sections = Table {
        title: "Status per section".to_owned(),
        columns,
        widths: vec![5.0, 2.0, 1.4, 1.4, 1.4, 1.4, 2.6],
        rows: results
            .sections
            .iter()
            .map(|s| {
                let mut row = vec![s.title.clone(), format!("{} of {}", s.answered, s.shown)];
                row.extend(s.gaps.iter().map(|n| n.to_string()));
                row.push(section_status(s).to_owned());
                row
            })
            .collect(),
    };
    let chart = Chart {
        title: "Gaps per section, by severity (darkest: critical)".to_owned(),
        series: Severity::ALL.iter().map(|s| severity_title(*s)).collect(),
        bars: results
            .sections
            .iter()
            .map(|s| {
                let parts = Severity::count_words(s.gaps);
                let text = if parts.is_empty() { "no gap".to_owned() } else { parts.join(", ") };
                (s.title.clone(), s.gaps.to_vec(), text)
            })
            .collect(),
    };
    Summary {
        heading: "Summary".to_owned(),
        overview: format!(
            "{} gaps in {} recommendations; {} of {} recommendations met; {} of {} questions answered.",
            overall.gap_total(),
            overall.recommendations,
            overall.met,
            overall.recommendations,
            overall.answered,
            overall.shown
        ),
        severities,
        sections,
        chart,
    }
}

fn report_row(set: &QuestionSet, assessment: &Assessment, q: &crate::model::Question) -> ReportRow {
    ReportRow {
        recommendation: q.recommendation.clone(),
        question: q.label.clone(),
        answer: answer_text(set, assessment, &q.id).unwrap_or_else(|| "Not answered".to_owned()),
        evidence: assessment
            .evidence
            .get(&q.id)
            .map(|e| {
                [("Evidence", &e.text), ("Link", &e.url)]
                    .into_iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The thresholds any rule or question of the set compares with, in file order.
/// One line per answer or note kept from an earlier question set.
pub fn orphan_rows(set: &QuestionSet, assessment: &Assessment) -> Vec<(String, String)> {
    crate::upgrade::orphans(set, assessment)
        .into_iter()
        .map(|key| {
            let mut lines = Vec::new();
            if let Some(a) = assessment.answers.get(key) {
                lines.push(value_text(None, &a.value));
            }
            if let Some(e) = assessment.evidence.get(key) {
                lines.extend([&e.text, &e.url].into_iter().filter(|t| !t.trim().is_empty()).cloned());
            }
            (key.to_owned(), lines.join("\n"))
        })
        .collect()
}

fn orphans(set: &QuestionSet, assessment: &Assessment) -> Table {
    Table {
        title: "Appendix C: Answers kept from earlier question sets".to_owned(),
        columns: ["Question ID (no longer asked)", "Answer, evidence and link"].map(str::to_owned).to_vec(),
        widths: vec![3.5, 6.5],
        rows: orphan_rows(set, assessment).into_iter().map(|(k, v)| vec![k, v]).collect(),
    }
}

fn thresholds(set: &QuestionSet) -> Table {
    let mut used = HashSet::new();
    for r in &set.rules {
        thresholds_in(&r.when, &mut used);
    }
    for q in &set.questions {
        if let AnswerKind::Date { max_age: Some(t) } = &q.kind {
            used.insert(t.as_str());
        }
    }
    Table {
        title: "Thresholds used".to_owned(),
        columns: ["ID", "What it limits", "Value", "Status", "Sources"].map(str::to_owned).to_vec(),
        widths: vec![0.9, 4.5, 1.4, 1.5, 3.5],
        rows: set
            .thresholds
            .iter()
            .filter(|t| used.contains(t.id.as_str()))
            .map(|t| {
                let what = if t.note.trim().is_empty() {
                    t.title.clone()
                } else {
                    format!("{}\n{}", t.title, t.note)
                };
                let sources: Vec<String> = t
                    .sources
                    .iter()
                    .map(|id| set.source(id).map_or_else(|| id.clone(), |s| format!("{id} {}", s.title)))
                    .collect();
                vec![
                    t.id.clone(),
                    what,
                    format!("{} {}", format_number(t.value), t.unit),
                    t.status.label().to_uppercase(),
                    sources.join("\n"),
                ]
            })
            .collect(),
    }
}

fn thresholds_in<'a>(c: &'a Condition, out: &mut HashSet<&'a str>) {
    match c {
        Condition::Below(_, t)
        | Condition::AtLeast(_, t)
        | Condition::Above(_, t)
        | Condition::OlderThan(_, t) => {
            out.insert(t.as_str());
        }
        Condition::Row(_, inner) | Condition::Not(inner) => thresholds_in(inner, out),
        Condition::Any(all) | Condition::All(all) => all.iter().for_each(|c| thresholds_in(c, out)),
        Condition::Missing(_)
        | Condition::Equals(..)
        | Condition::OneOf(..)
        | Condition::Includes(..)
        | Condition::Personal(_) => {}
    }
}

fn sheet(set: &QuestionSet, a: &Assessment, f: &ForensicSheet) -> Sheet {
    let lists = [
        ("Identifiers", f.identifiers.clone()),
        ("Environment variables on the worker node", f.environment.clone()),
        ("Logs", f.logs.clone()),
        ("Default retention", if f.retention.trim().is_empty() { vec![] } else { vec![f.retention.clone()] }),
        ("Commands to trace a job", f.trace.clone()),
        ("Commands to ban or suspend", f.ban.clone()),
        (
            "Sources",
            f.sources
                .iter()
                .map(|id| {
                    set.source(id)
                        .map_or_else(|| id.clone(), |s| format!("{id} {} ({})", s.title, s.location))
                })
                .collect(),
        ),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(h, items)| (h.to_owned(), items))
    .collect();
    let notes = answer_text(set, a, &f.notes_question).unwrap_or_else(|| "No notes given.".to_owned());
    Sheet {
        title: format!("Forensic sheet: {}", f.title),
        lists,
        notes: ("Where to look here (the respondent's notes)".to_owned(), notes),
    }
}

fn report_gap(set: &QuestionSet, assessment: &Assessment, gap: &Gap) -> ReportGap {
    let mut details: Vec<(String, String)> = gap
        .questions
        .iter()
        .map(|q| {
            let label = set.question(q).map(|x| x.label.as_str()).unwrap_or(q);
            let answer = answer_text(set, assessment, q).unwrap_or_else(|| "not answered".to_owned());
            ("Answered".to_owned(), crate::wording::labelled(label, &answer))
        })
        .collect();
    details.push(("What to do".to_owned(), gap.action.clone()));
    details.extend(gap.thresholds.iter().map(|t| ("Threshold".to_owned(), threshold_line(set, t))));
    let severity = gap.severity.label().to_uppercase();
    ReportGap {
        severity: if gap.because_unknown { format!("{severity} (ANSWER UNKNOWN)") } else { severity },
        recommendation: format!("{} {}", gap.recommendation, gap.recommendation_title),
        message: gap.message.clone(),
        details,
    }
}
