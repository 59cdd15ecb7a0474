//! The aggregate report model: everything an aggregate PDF summary of a collection would print,
//! already worded (like `report::Report` for one assessment), so that the PDF worker only lays it
//! out. Not rendered yet: the worker's code is being rewritten; this is its input.
//!
//! Invariant: a pure function of the collection and the filter; it reads the statuses computed
//! when each report was added and never evaluates rules again.

use super::Collection;
use super::diff::Comparison;
use super::matrix::{Filter, Matrix, Sort, matrix};

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
    /// Each skipped file as `name: reason`.
    pub skipped: Vec<String>,
    /// Per recommendation, in matrix column order.
    pub recommendations: Vec<RecommendationLine>,
    /// Per respondent, in matrix row order.
    pub respondents: Vec<RespondentLine>,
    /// Comparisons to print as sections, `(title, comparison)`.
    pub comparisons: Vec<(String, Comparison)>,
}

/// The aggregate summary of `c` under `filter`.
pub fn build(c: &Collection, filter: &Filter, comparisons: Vec<(String, Comparison)>) -> AggregateReport {
    let m: Matrix = matrix(c, filter, Sort::Name);
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
        })
        .collect();
    AggregateReport {
        title: "WLCG Traceability & Isolation: collected self-assessments".to_owned(),
        judged_at: c.today().to_string(),
        overview: format!(
            "{} files read, {} reports from {} respondents, {} skipped",
            c.files.len(),
            c.reports.len(),
            c.respondents().len(),
            c.skipped()
        ),
        skipped: c
            .files
            .iter()
            .filter_map(|f| f.result.as_ref().err().map(|e| format!("{}: {}", f.name, e.message)))
            .collect(),
        recommendations,
        respondents,
        comparisons,
    }
}
