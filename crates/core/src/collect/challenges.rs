//! The challenges of the working group's collection: the challenge results read beside the
//! reports, the table of VOs × their challenges (filters, CSV, the aggregate PDF's table), and the
//! respondents whose newest answers the latest challenge concerning them contradicts.
//!
//! Invariants:
//! - a challenge file is read with exactly the checks of an import into an assessment
//!   (`persist::challenge::import_result`), so an organiser's file with the sealed truth, or an
//!   organiser's record, is refused here too, with the same message;
//! - the columns are the kit's `[[collect_column]]` data, and a contradiction is the kit's
//!   `[[contradiction]]` rule (`challenge::feed`); nothing here decides what counts;
//! - pure: no clock (`Collection::today` bounds "future" events), no serde.

use std::collections::BTreeMap;

use super::Collection;
use crate::challenge::feed::{Contradiction, contradictions_with_latest};
use crate::challenge::kit::Kit;
use crate::challenge::outcome::Overall;
use crate::challenge::score::fmt_num;
use crate::challenge::views::ChallengeResult;
use crate::report::Table;

/// A challenge result read from a file of the collection.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectedChallenge {
    /// The file it came from (index in `Collection::files`).
    pub file: usize,
    /// The result as read.
    pub result: ChallengeResult,
}

/// Which challenges the table shows; `None` shows all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChallengeFilter {
    /// Only this VO (compared without case).
    pub vo: Option<String>,
    /// Only this overall result.
    pub overall: Option<Overall>,
    /// Only this variant (`V1` …).
    pub variant: Option<String>,
}

impl ChallengeFilter {
    fn keeps(&self, r: &ChallengeResult) -> bool {
        self.vo.as_ref().is_none_or(|v| r.vo.trim().eq_ignore_ascii_case(v.trim()))
            && self.overall.is_none_or(|o| r.overall == o)
            && self.variant.as_ref().is_none_or(|v| &r.variant == v)
    }
}

/// One row of the table of challenges.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeRow {
    /// VO.
    pub vo: String,
    /// Challenge ID.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `V1` …
    pub variant: String,
    /// `PASS`, `PARTIAL (C3 failed)` …
    pub result: String,
    /// The overall result, for styling and filters.
    pub overall: Overall,
    /// One value per `Kit::collect_columns`, `-` where the duration is unknown or does not apply.
    pub values: Vec<String>,
}

/// The table's fixed leading column headings; the kit's duration columns follow.
pub const LEADING_COLUMNS: [&str; 5] = ["VO", "Challenge", "Date", "Variant", "Result"];

/// Every column heading, in order.
pub fn headings(kit: &Kit) -> Vec<String> {
    LEADING_COLUMNS
        .iter()
        .map(|s| (*s).to_owned())
        .chain(kit.collect_columns.iter().map(|c| c.header.clone()))
        .collect()
}

fn row(kit: &Kit, r: &ChallengeResult) -> ChallengeRow {
    let values = kit
        .collect_columns
        .iter()
        .map(|col| {
            r.durations
                .iter()
                .find(|d| d.id == col.duration && d.applies)
                .and_then(|d| d.in_unit(col.unit))
                .map_or_else(|| "-".to_owned(), fmt_num)
        })
        .collect();
    ChallengeRow {
        vo: r.vo.clone(),
        id: r.id.clone(),
        date: r.date.to_string(),
        variant: r.variant.clone(),
        result: r.overall_text(),
        overall: r.overall,
        values,
    }
}

/// The challenges that pass `filter`, one row each, by VO (without case), newest first within a
/// VO. The same challenge read twice (same ID) is shown once, from the file read last.
pub fn rows(kit: &Kit, c: &Collection, filter: &ChallengeFilter) -> Vec<ChallengeRow> {
    let mut by_id: BTreeMap<&str, &ChallengeResult> = BTreeMap::new();
    for ch in &c.challenges {
        by_id.insert(ch.result.id.as_str(), &ch.result);
    }
    let mut out: Vec<(&ChallengeResult, ChallengeRow)> =
        by_id.into_values().filter(|r| filter.keeps(r)).map(|r| (r, row(kit, r))).collect();
    out.sort_by(|(a, _), (b, _)| {
        a.vo.trim()
            .to_lowercase()
            .cmp(&b.vo.trim().to_lowercase())
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.id.cmp(&b.id))
    });
    out.into_iter().map(|(_, r)| r).collect()
}

/// The VOs that have a challenge in the collection, each once (first spelling seen), sorted.
pub fn vos(c: &Collection) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for ch in &c.challenges {
        seen.entry(ch.result.vo.trim().to_lowercase()).or_insert_with(|| ch.result.vo.trim().to_owned());
    }
    seen.into_values().collect()
}

/// The rows as a printable table (the aggregate PDF's).
pub fn table(kit: &Kit, rows: &[ChallengeRow]) -> Table {
    let columns = headings(kit);
    let mut widths = vec![1.2, 2.2, 1.1, 0.8, 1.6];
    widths.extend(kit.collect_columns.iter().map(|_| 1.1));
    Table { title: String::new(), columns, widths, rows: rows.iter().map(cells).collect() }
}

/// The rows as CSV, formula-guarded RFC 4180 like every CSV export.
pub fn csv(kit: &Kit, rows: &[ChallengeRow]) -> String {
    let heads = headings(kit);
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    let mut out = crate::csv::line(&heads);
    for r in rows {
        let owned = cells(r);
        let fields: Vec<&str> = owned.iter().map(String::as_str).collect();
        out.push_str(&crate::csv::line(&fields));
    }
    out
}

/// A row's cells, in heading order.
fn cells(r: &ChallengeRow) -> Vec<String> {
    [r.vo.clone(), r.id.clone(), r.date.clone(), r.variant.clone(), r.result.clone()]
        .into_iter()
        .chain(r.values.iter().cloned())
        .collect()
}

/// For each respondent of the collection (by assessment ID) whose newest report the latest
/// challenge concerning it contradicts: the contradictions, most severe first. Respondents
/// without a contradiction are absent.
pub fn contradicted(kit: &Kit, c: &Collection) -> BTreeMap<String, Vec<Contradiction>> {
    let results: Vec<ChallengeResult> = c.challenges.iter().map(|ch| ch.result.clone()).collect();
    let mut out = BTreeMap::new();
    if results.is_empty() {
        return out;
    }
    for g in c.respondents() {
        let Some(r) = g.reports.first().and_then(|&i| c.reports.get(i)) else { continue };
        let found = contradictions_with_latest(kit, &results, r.set, &r.assessment, c.today());
        if !found.is_empty() {
            out.insert(g.id, found);
        }
    }
    out
}
