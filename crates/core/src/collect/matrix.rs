//! The matrix of a collection: respondents × recommendations, with totals, filters and sorts, and
//! its long-format CSV.
//!
//! Invariants: pure functions of a `Collection` and a `Filter` (no evaluation happens here: the
//! statuses were computed once when each report was added); one row per respondent, from their
//! newest report; a cell is `None` only when the respondent's question set has no such
//! recommendation (a VO row under a Site-only column); totals count exactly the shown cells.

use super::{CollectedReport, Collection};
use crate::model::{Respondent, Severity};
use crate::status::Status;

/// Which rows and columns to show. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Only VOs or only sites.
    pub kind: Option<Respondent>,
    /// Only respondents whose facet (by facet ID) includes the option ID.
    pub facets: Vec<(String, String)>,
    /// Only recommendations of this severity (their severity when unmet).
    pub severity: Option<Severity>,
}

/// The order of rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By respondent name (then ID).
    #[default]
    Name,
    /// Most gaps first, the most severe weighing most.
    MostGaps,
    /// Newest report first.
    Newest,
}

impl Sort {
    /// Every sort with its key and label, for a select.
    pub const ALL: [(Sort, &'static str, &'static str); 3] = [
        (Sort::Name, "name", "Name"),
        (Sort::MostGaps, "gaps", "Most gaps first"),
        (Sort::Newest, "newest", "Newest report first"),
    ];
}

/// One column: a recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Recommendation ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Severity when unmet.
    pub severity: Severity,
}

/// Counts of statuses, for a row or a column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cells that are met.
    pub met: usize,
    /// Gaps by severity, in `Severity::ALL` order (critical first).
    pub gaps: [usize; 4],
    /// Unknown.
    pub unknown: usize,
    /// Unanswered.
    pub unanswered: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Cells with a status (the rest are not in the respondent's set).
    pub cells: usize,
}

impl Tally {
    fn add(&mut self, s: Status) {
        self.cells += 1;
        match s {
            Status::Met => self.met += 1,
            Status::Gap(sev) => {
                if let Some(i) = Severity::ALL.iter().position(|x| *x == sev) {
                    self.gaps[i] += 1;
                }
            }
            Status::Unknown => self.unknown += 1,
            Status::Unanswered => self.unanswered += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
    }

    /// All gaps.
    pub fn gap_total(&self) -> usize {
        self.gaps.iter().sum()
    }

    /// `3 met, 2 gaps (1 critical, 1 high)`: the totals in words.
    pub fn text(&self) -> String {
        let detail = Severity::count_words(self.gaps);
        let gaps = match self.gap_total() {
            0 => "no gaps".to_owned(),
            1 => format!("1 gap ({})", detail.join(", ")),
            n => format!("{n} gaps ({})", detail.join(", ")),
        };
        format!("{} met, {gaps}", self.met)
    }
}

/// One row: a respondent's newest report.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    /// Assessment ID.
    pub respondent: String,
    /// Name shown.
    pub label: String,
    /// `VO` or `Site`.
    pub kind: &'static str,
    /// The report shown (index in `Collection::reports`).
    pub report: usize,
    /// How many reports the respondent has in the collection.
    pub history: usize,
    /// Date of the report's last answer, `YYYY-MM-DD`, or empty.
    pub date: String,
    /// One status per column; `None` where the respondent's set has no such recommendation.
    pub cells: Vec<Option<Status>>,
    /// Totals over the row's cells.
    pub totals: Tally,
}

/// The matrix as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// Recommendations, VO set first then Site set, each in its set's order, shared ones once.
    pub columns: Vec<Column>,
    /// Respondents.
    pub rows: Vec<MatrixRow>,
    /// Per column: how many meet it, gaps by severity, ….
    pub totals: Vec<Tally>,
}

/// A filter over one facet, with the values seen in the collection.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetChoice {
    /// Facet ID.
    pub id: String,
    /// Label.
    pub label: String,
    /// (option ID, label), in the order first met.
    pub options: Vec<(String, String)>,
}

/// The facets of the sets present in the collection, with every option of their questions.
pub fn facet_choices(c: &Collection) -> Vec<FacetChoice> {
    let mut out: Vec<FacetChoice> = Vec::new();
    let mut sets: Vec<&crate::model::QuestionSet> = Vec::new();
    for r in &c.reports {
        if !sets.iter().any(|s| s.id == r.set.id) {
            sets.push(r.set);
        }
    }
    for set in sets {
        for f in &set.facets {
            let options = set.question(&f.question).map(|q| q.options()).unwrap_or(&[]);
            let i = match out.iter().position(|x| x.id == f.id) {
                Some(i) => i,
                None => {
                    out.push(FacetChoice { id: f.id.clone(), label: f.label.clone(), options: Vec::new() });
                    out.len() - 1
                }
            };
            for o in options {
                if !out[i].options.iter().any(|(id, _)| *id == o.id) {
                    out[i].options.push((o.id.clone(), o.label.clone()));
                }
            }
        }
    }
    out
}

fn keeps(r: &CollectedReport, f: &Filter) -> bool {
    f.kind.is_none_or(|k| r.set.respondent == k)
        && f.facets.iter().all(|(facet, option)| r.facet_values(facet).contains(&option.as_str()))
}

fn columns(c: &Collection, f: &Filter, rows: &[usize]) -> Vec<Column> {
    let mut sets: Vec<&crate::model::QuestionSet> = Vec::new();
    for &i in rows {
        let s = c.reports[i].set;
        if !sets.iter().any(|x| x.id == s.id) {
            sets.push(s);
        }
    }
    // VO set first, so the column order does not depend on which file came first.
    sets.sort_by_key(|s| s.respondent == Respondent::Site);
    let mut out: Vec<Column> = Vec::new();
    for r in sets.iter().flat_map(|s| &s.recommendations) {
        if f.severity.is_none_or(|s| r.severity == s) && !out.iter().any(|c| c.id == r.id) {
            out.push(Column { id: r.id.clone(), title: r.title.clone(), severity: r.severity });
        }
    }
    out
}

/// The matrix of the newest report of each respondent that passes `filter`, rows in `sort` order.
pub fn matrix(c: &Collection, filter: &Filter, sort: Sort) -> Matrix {
    let newest: Vec<(usize, usize)> = c
        .respondents()
        .into_iter()
        .filter_map(|g| Some((*g.reports.first()?, g.reports.len())))
        .filter(|(i, _)| keeps(&c.reports[*i], filter))
        .collect();
    let report_ids: Vec<usize> = newest.iter().map(|(i, _)| *i).collect();
    let columns = columns(c, filter, &report_ids);
    let mut totals = vec![Tally::default(); columns.len()];
    let mut rows: Vec<MatrixRow> = newest
        .into_iter()
        .map(|(i, history)| {
            let r = &c.reports[i];
            let mut row_tally = Tally::default();
            let cells: Vec<Option<Status>> = columns
                .iter()
                .zip(totals.iter_mut())
                .map(|(col, col_tally)| {
                    let s = r.statuses.iter().find(|s| s.id == col.id).map(|s| s.status)?;
                    row_tally.add(s);
                    col_tally.add(s);
                    Some(s)
                })
                .collect();
            MatrixRow {
                respondent: r.assessment.id.clone(),
                label: r.label().to_owned(),
                kind: r.kind_label(),
                report: i,
                history,
                date: r.last_change.map(|t| t.date()).unwrap_or_default(),
                cells,
                totals: row_tally,
            }
        })
        .collect();
    sort_rows(&mut rows, sort);
    Matrix { columns, rows, totals }
}

fn sort_rows(rows: &mut [MatrixRow], sort: Sort) {
    match sort {
        Sort::Name => rows.sort_by(|a, b| {
            a.label.to_lowercase().cmp(&b.label.to_lowercase()).then_with(|| a.respondent.cmp(&b.respondent))
        }),
        // Lexicographic on (critical, high, medium, low): one critical gap outweighs any number of
        // high ones, as in the results view.
        Sort::MostGaps => rows.sort_by(|a, b| b.totals.gaps.cmp(&a.totals.gaps).then(a.label.cmp(&b.label))),
        Sort::Newest => rows.sort_by(|a, b| b.date.cmp(&a.date).then(a.label.cmp(&b.label))),
    }
}

/// A symbol per status, so a cell reads without colour: ✓ met, ✗ gap, ? unknown, – not
/// applicable, · unanswered.
pub fn symbol(s: Status) -> &'static str {
    match s {
        Status::Met => "✓",
        Status::Gap(_) => "✗",
        Status::Unknown => "?",
        Status::NotApplicable => "–",
        Status::Unanswered => "·",
    }
}

/// Short text for a cell: `✓`, `✗ crit`, `✗ high`, `✗ med`, `✗ low`, `?`, `–`, `·`.
pub fn cell_text(s: Status) -> String {
    match s {
        Status::Gap(sev) => format!(
            "{} {}",
            symbol(s),
            match sev {
                Severity::Critical => "crit",
                Severity::High => "high",
                Severity::Medium => "med",
                Severity::Low => "low",
            }
        ),
        _ => symbol(s).to_owned(),
    }
}

/// The matrix in long format, one line per shown cell: respondent, recommendation, status,
/// severity (of the gap, empty when none), answer (the recommendation's shown answers, `label:
/// text` joined by `; `). Formula-guarded RFC 4180, as every CSV export.
pub fn long_csv(c: &Collection, m: &Matrix) -> String {
    let mut out = crate::csv::line(&["respondent", "recommendation", "status", "severity", "answer"]);
    for row in &m.rows {
        let statuses = c.reports[row.report].full_statuses(c.today());
        for (col, cell) in m.columns.iter().zip(&row.cells) {
            if cell.is_none() {
                continue;
            }
            let Some(st) = statuses.iter().find(|s| s.id == col.id) else { continue };
            let severity = st.severity().map(Severity::label).unwrap_or("");
            let answer: Vec<String> = st.answers.iter().map(|(q, a)| format!("{q}: {a}")).collect();
            out.push_str(&crate::csv::line(&[
                &row.label,
                &col.id,
                st.status.label(),
                severity,
                &answer.join("; "),
            ]));
        }
    }
    out
}
