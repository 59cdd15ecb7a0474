//! The aggregate report models: everything the PDF summary of a collection, or the PDF of one
//! comparison over time, prints, already worded (like `report::Report` for one assessment), so
//! that the PDF worker only lays it out. The page builds them here and sends them to the worker
//! through `persist::encode_aggregate` / `persist::encode_comparison`.
//!
//! Invariant: pure functions of the collection, the filter and the comparisons given; they read
//! the statuses computed when each report was added (only `since_previous` evaluates rules, twice
//! per respondent with an earlier report); no clock, so the same collection gives the same model
//! and the same PDF bytes.

use super::diff::Comparison;
use super::matrix::{Filter, Matrix, Sort, facet_choices, matrix};
use super::{Collection, challenges, kind_label};
use crate::model::{Assessment, Respondent};
use crate::report::Table;

/// The app, version and build, printed in the footer.
const APP: &str = crate::about::APP;

/// One recommendation's line: how many respondents meet it, and the gaps.
#[derive(Clone, Debug, PartialEq)]
pub struct RecommendationLine {
    /// `VO-LOG-2 Retention of VO central logs`.
    pub recommendation: String,
    /// `12 of 20 met, 3 gaps (1 critical, 2 high)`.
    pub totals: String,
}

/// One respondent's line.
#[derive(Clone, Debug, PartialEq)]
pub struct RespondentLine {
    /// Name.
    pub name: String,
    /// `VO` or `Site`.
    pub kind: String,
    /// Date of the report, `YYYY-MM-DD`, or empty.
    pub date: String,
    /// `40 met, 2 gaps (2 high)`.
    pub totals: String,
    /// How many reports of theirs the collection holds.
    pub history: usize,
    /// `contradicted by <challenge ID> (n)` when the latest challenge concerning the respondent
    /// contradicts its newest report, else empty.
    pub contradicted: String,
}

/// A comparison over time as printed: a title and one table per kind of change (new gaps,
/// closed gaps, changed answers, gone stale), each table's title with its count.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonSection {
    /// `VO 01: since the previous report (2025-10-01 to 2026-10-01)`.
    pub title: String,
    /// The four tables, in that order; a table without rows prints `None.`.
    pub tables: Vec<Table>,
}

/// A finished aggregate summary.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateReport {
    /// `WLCG Traceability & Isolation: collected self-assessments`.
    pub title: String,
    /// The date statuses were judged at, `YYYY-MM-DD`.
    pub judged_at: String,
    /// `20 files read, 18 reports from 15 respondents, 2 skipped`.
    pub overview: String,
    /// Which respondents and recommendations the totals cover (the matrix's filter), in words.
    pub scope: String,
    /// Each skipped file as `name: reason`.
    pub skipped: Vec<String>,
    /// Per recommendation, in matrix column order.
    pub recommendations: Vec<RecommendationLine>,
    /// Per respondent, in matrix row order.
    pub respondents: Vec<RespondentLine>,
    /// Comparisons printed as sections.
    pub comparisons: Vec<ComparisonSection>,
    /// The challenges read beside the reports (`challenges::table`); no rows when none.
    pub challenges: Table,
    /// Each contradiction of a shown respondent's newest report by its latest challenge:
    /// respondent, challenge, recommendation, severity, what the challenge showed.
    pub contradictions: Table,
    /// Printed at the foot of every page, left of the page number.
    pub footer: String,
}

/// The PDF of one comparison (the Compare view's download).
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonReport {
    /// `Compare over time`.
    pub title: String,
    /// Labelled lines: the earlier and the later assessment, the date judged at.
    pub cover: Vec<(String, String)>,
    /// The changes.
    pub section: ComparisonSection,
    /// Printed at the foot of every page.
    pub footer: String,
}

impl ComparisonSection {
    /// Printed in place of a table without rows.
    pub const NONE: &'static str = "None.";
}

impl AggregateReport {
    /// Printed above the title.
    pub const KICKER: &'static str = "Working group summary";
    /// Heads the comparisons, when there are any.
    pub const COMPARISONS_HEADING: &'static str = "Changes since each respondent's previous report";
    /// Heads the list of skipped files.
    pub const SKIPPED_HEADING: &'static str = "Files skipped";
    /// Printed when no file was skipped.
    pub const NONE_SKIPPED: &'static str = "None: every file was read.";
    /// Heads the table of challenges, when the collection has any.
    pub const CHALLENGES_HEADING: &'static str = "Challenges: each VO's lightweight challenges";
    /// Heads the contradictions, when there are any.
    pub const CONTRADICTIONS_HEADING: &'static str = "Self-assessments contradicted by a challenge";
    /// The contradiction table's columns.
    pub const CONTRADICTION_COLUMNS: [&'static str; 5] =
        ["Respondent", "Challenge", "Recommendation", "Severity", "What the challenge showed"];

    /// The labelled lines under the title.
    pub fn cover(&self) -> [(&'static str, &str); 3] {
        [("Judged at", &self.judged_at), ("Files", &self.overview), ("Covered", &self.scope)]
    }

    /// How many respondents meet each recommendation, headed, as printed.
    pub fn recommendations_table(&self) -> (&'static str, Table) {
        let rows =
            self.recommendations.iter().map(|l| vec![l.recommendation.clone(), l.totals.clone()]).collect();
        (
            "Recommendations: how many respondents meet each",
            untitled(&["Recommendation", "Respondents asked: met, gaps by severity"], &[6.0, 4.0], rows),
        )
    }

    /// Each respondent's newest report, headed, as printed.
    pub fn respondents_table(&self) -> (&'static str, Table) {
        let rows = self
            .respondents
            .iter()
            .map(|l| {
                vec![
                    l.name.clone(),
                    l.kind.clone(),
                    if l.date.is_empty() { "no answers".to_owned() } else { l.date.clone() },
                    l.totals.clone(),
                    l.history.to_string(),
                    l.contradicted.clone(),
                ]
            })
            .collect();
        (
            "Respondents, newest report of each",
            untitled(
                &["Respondent", "Type", "Report of", "Recommendations met, gaps", "Reports", "Challenge"],
                &[2.7, 0.8, 1.4, 3.4, 1.2, 2.5],
                rows,
            ),
        )
    }
}

impl ComparisonReport {
    /// Printed above the title.
    pub const KICKER: &'static str = "Working group";
}

fn untitled(columns: &[&str], widths: &[f32], rows: Vec<Vec<String>>) -> Table {
    Table {
        title: String::new(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        widths: widths.to_vec(),
        rows,
    }
}

fn table(title: &str, n: usize, columns: &[&str], widths: &[f32], rows: Vec<Vec<String>>) -> Table {
    Table {
        title: format!("{title} ({n})"),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        widths: widths.to_vec(),
        rows,
    }
}

/// The four kinds of change of `d` as tables, headed `title`.
pub fn comparison_section(title: String, d: &Comparison) -> ComparisonSection {
    let gaps = |g: &[super::diff::GapChange]| -> Vec<Vec<String>> {
        g.iter()
            .map(|g| {
                vec![
                    format!("{} {}", g.recommendation, g.title),
                    g.severity.label().to_owned(),
                    g.message.clone(),
                ]
            })
            .collect()
    };
    let gap_columns = ["Recommendation", "Severity", "What is wrong"];
    let gap_widths = [3.5, 1.2, 5.0];
    ComparisonSection {
        title,
        tables: vec![
            table("New gaps", d.new_gaps.len(), &gap_columns, &gap_widths, gaps(&d.new_gaps)),
            table("Closed gaps", d.closed_gaps.len(), &gap_columns, &gap_widths, gaps(&d.closed_gaps)),
            table(
                "Changed answers",
                d.changed_answers.len(),
                &["Question", "Before", "After"],
                &[4.0, 3.0, 3.0],
                d.changed_answers
                    .iter()
                    .map(|c| vec![c.label.clone(), c.before.clone(), c.after.clone()])
                    .collect(),
            ),
            table(
                "Gone stale",
                d.gone_stale.len(),
                &["Question", "Date", "Age", "Limit"],
                &[5.0, 1.6, 1.4, 1.4],
                d.gone_stale
                    .iter()
                    .map(|s| {
                        vec![
                            s.label.clone(),
                            s.date.clone(),
                            format!("{} days", s.age_days),
                            format!("{} days", crate::model::format_number(s.max_days)),
                        ]
                    })
                    .collect(),
            ),
        ],
    }
}

/// The filter in words: `VOs; Job framework: DIRAC; recommendations of severity high`.
fn scope(c: &Collection, f: &Filter) -> String {
    let mut parts = Vec::new();
    match f.kind {
        Some(Respondent::Vo) => parts.push("VOs only".to_owned()),
        Some(Respondent::Site) => parts.push("sites only".to_owned()),
        None => {}
    }
    if !f.facets.is_empty() {
        let choices = facet_choices(c);
        for (facet, option) in &f.facets {
            let fc = choices.iter().find(|x| x.id == *facet);
            let label = fc.map_or(facet.as_str(), |x| x.label.as_str());
            let value = fc
                .and_then(|x| x.options.iter().find(|(o, _)| o == option))
                .map_or(option.as_str(), |o| &o.1);
            parts.push(format!("{label}: {value}"));
        }
    }
    if let Some(s) = f.severity {
        parts.push(format!("recommendations of severity {}", s.label()));
    }
    if parts.is_empty() {
        "Every respondent's newest report and every recommendation.".to_owned()
    } else {
        format!("Filtered as in the matrix: {}.", parts.join("; "))
    }
}

/// The aggregate summary of `c` under `filter`, with `comparisons` as `(title, comparison)`.
pub fn build(c: &Collection, filter: &Filter, comparisons: Vec<(String, Comparison)>) -> AggregateReport {
    let m: Matrix = matrix(c, filter, Sort::Name);
    let kit = crate::catalog::builtin_kit().ok();
    let contradicted = kit.map(|k| challenges::contradicted(k, c)).unwrap_or_default();
    let challenge_table = kit.map_or_else(
        || untitled(&challenges::LEADING_COLUMNS, &[1.0; 5], Vec::new()),
        |k| challenges::table(k, &challenges::rows(k, c, &challenges::ChallengeFilter::default())),
    );
    let contradiction_rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .flat_map(|r| {
            contradicted.get(&r.respondent).into_iter().flatten().map(|x| {
                vec![
                    r.label.clone(),
                    x.challenge.clone(),
                    x.recommendation.clone(),
                    x.severity.label().to_owned(),
                    x.message.clone(),
                ]
            })
        })
        .collect();
    let recommendations = m
        .columns
        .iter()
        .zip(&m.totals)
        .map(|(col, t)| RecommendationLine {
            recommendation: format!("{} {}", col.id, col.title),
            totals: format!(
                "{} of {} met, {}",
                t.met,
                t.cells,
                t.text().split_once(", ").map_or("", |x| x.1)
            ),
        })
        .collect();
    let respondents = m
        .rows
        .iter()
        .map(|r| RespondentLine {
            name: r.label.clone(),
            kind: r.kind.to_owned(),
            date: r.date.clone(),
            totals: r.totals.text(),
            history: r.history,
            contradicted: contradicted
                .get(&r.respondent)
                .and_then(|l| Some(format!("contradicted by {} ({})", l.first()?.challenge, l.len())))
                .unwrap_or_default(),
        })
        .collect();
    let judged_at = c.today().to_string();
    AggregateReport {
        title: "WLCG Traceability & Isolation: collected self-assessments".to_owned(),
        overview: format!(
            "{} files read, {} reports from {} respondents, {} skipped",
            c.files.len(),
            c.reports.len(),
            c.respondents().len(),
            c.skipped()
        ),
        scope: scope(c, filter),
        skipped: c
            .files
            .iter()
            .filter_map(|f| f.result.as_ref().err().map(|e| format!("{}: {}", f.name, e.message)))
            .collect(),
        recommendations,
        respondents,
        comparisons: comparisons.into_iter().map(|(t, d)| comparison_section(t, &d)).collect(),
        challenges: challenge_table,
        contradictions: untitled(
            &AggregateReport::CONTRADICTION_COLUMNS,
            &[2.0, 2.2, 1.3, 0.9, 4.6],
            contradiction_rows,
        ),
        footer: format!("{APP} - collected self-assessments, judged at {judged_at}"),
        judged_at,
    }
}

/// For each respondent the matrix under `filter` shows (by name) that has an earlier report:
/// what changed since it, titled `name: since the previous report (date to date)`. The same as
/// the drill-down's "Since the previous report".
pub fn since_previous(c: &Collection, filter: &Filter) -> Vec<(String, Comparison)> {
    let m = matrix(c, filter, Sort::Name);
    let groups = c.respondents();
    m.rows
        .iter()
        .filter(|r| r.history > 1)
        .filter_map(|r| {
            let g = groups.iter().find(|g| g.id == r.respondent)?;
            let newest = c.reports.get(*g.reports.first()?)?;
            let older = c.reports.get(*g.reports.get(1)?)?;
            let d = super::diff::compare(&older.assessment, &newest.assessment, c.today()).ok()?;
            let date = |a: &Assessment| a.last_change().map_or_else(|| "no answers".to_owned(), |t| t.date());
            Some((
                format!(
                    "{}: since the previous report ({} to {})",
                    r.label,
                    date(&older.assessment),
                    date(&newest.assessment)
                ),
                d,
            ))
        })
        .collect()
}

/// The PDF model of one comparison: `before` and `after` described (name, type, date of the last
/// answer), judged at `today`.
pub fn comparison_report(
    before: &Assessment,
    after: &Assessment,
    today: crate::time::Date,
    d: &Comparison,
) -> ComparisonReport {
    let describe = |a: &Assessment| {
        let name = if a.name.trim().is_empty() { a.id.as_str() } else { a.name.as_str() };
        let kind = crate::catalog::builtin(&a.question_set.id)
            .map_or_else(String::new, |s| format!("{}, ", kind_label(s.respondent)));
        let date = a.last_change().map_or_else(|| "no answers".to_owned(), |t| t.date());
        format!(
            "{name} ({kind}question set {} {}, last answer {date})",
            a.question_set.id, a.question_set.version
        )
    };
    ComparisonReport {
        title: "Compare over time".to_owned(),
        cover: vec![
            ("Earlier".to_owned(), describe(before)),
            ("Later".to_owned(), describe(after)),
            ("Judged at".to_owned(), format!("{today} (the earlier one at the day of its last answer)")),
        ],
        section: comparison_section("What changed".to_owned(), d),
        footer: format!("{APP} - comparison over time, judged at {today}"),
    }
}
