//! The JSON that carries an aggregate summary (`collect::summary::AggregateReport`) or a
//! comparison (`ComparisonReport`) from the page to the PDF worker: the models are already
//! worded, so the shape is their strings and tables, under a `format` and `schema` of its own.
//!
//! Invariant: this is a message between two modules of the same build, never stored; `decode_*`
//! still refuses anything else with a typed `DecodeError` and never panics.

use serde::{Deserialize, Serialize};

use super::{DecodeError, MAX_BYTES};
use crate::collect::summary::{
    AggregateReport, ComparisonReport, ComparisonSection, RecommendationLine, RespondentLine,
};
use crate::report::Table;

/// The `format` of an aggregate summary sent to the PDF worker.
pub const AGGREGATE_FORMAT: &str = "ti-assess.aggregate-summary";
/// The `format` of a comparison sent to the PDF worker.
pub const COMPARISON_FORMAT: &str = "ti-assess.comparison";
const SCHEMA: u32 = 1;
/// An aggregate of 1,000 respondents is about 200 KiB; far more than that is not ours.
const MAX_MESSAGE: usize = 64 * MAX_BYTES;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDto {
    title: String,
    columns: Vec<String>,
    widths: Vec<f32>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionDto {
    title: String,
    tables: Vec<TableDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationDto {
    recommendation: String,
    totals: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RespondentDto {
    name: String,
    kind: String,
    date: String,
    totals: String,
    history: usize,
    contradicted: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AggregateDto {
    format: String,
    schema: u32,
    title: String,
    judged_at: String,
    overview: String,
    scope: String,
    skipped: Vec<String>,
    recommendations: Vec<RecommendationDto>,
    respondents: Vec<RespondentDto>,
    comparisons: Vec<SectionDto>,
    challenges: TableDto,
    contradictions: TableDto,
    footer: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ComparisonDto {
    format: String,
    schema: u32,
    title: String,
    cover: Vec<(String, String)>,
    section: SectionDto,
    footer: String,
}

fn table_dto(t: &Table) -> TableDto {
    TableDto {
        title: t.title.clone(),
        columns: t.columns.clone(),
        widths: t.widths.clone(),
        rows: t.rows.clone(),
    }
}

fn table(t: TableDto) -> Result<Table, DecodeError> {
    // The layout divides the width by these: a table the renderer cannot lay out is refused here.
    if t.widths.len() != t.columns.len() || t.widths.iter().any(|w| !w.is_finite() || *w <= 0.0) {
        return Err(invalid("tables.widths", "one positive width per column"));
    }
    Ok(Table { title: t.title, columns: t.columns, widths: t.widths, rows: t.rows })
}

fn section_dto(s: &ComparisonSection) -> SectionDto {
    SectionDto { title: s.title.clone(), tables: s.tables.iter().map(table_dto).collect() }
}

fn section(s: SectionDto) -> Result<ComparisonSection, DecodeError> {
    Ok(ComparisonSection {
        title: s.title,
        tables: s.tables.into_iter().map(table).collect::<Result<_, _>>()?,
    })
}

fn invalid(field: &str, reason: &str) -> DecodeError {
    DecodeError::Invalid { field: field.to_owned(), reason: reason.to_owned() }
}

fn to_string<T: Serialize>(dto: &T) -> String {
    // Plain strings and numbers only: serialising them cannot fail.
    serde_json::to_string(dto).unwrap_or_default()
}

/// Parses `text` as a message of `format`: size, JSON, format and schema checked first.
fn parse<T: for<'de> Deserialize<'de>>(text: &str, format: &str) -> Result<T, DecodeError> {
    super::parse_versioned(text, MAX_MESSAGE, format, SCHEMA)
}

/// The aggregate summary as the JSON message for the PDF worker.
pub fn encode_aggregate(r: &AggregateReport) -> String {
    to_string(&AggregateDto {
        format: AGGREGATE_FORMAT.to_owned(),
        schema: SCHEMA,
        title: r.title.clone(),
        judged_at: r.judged_at.clone(),
        overview: r.overview.clone(),
        scope: r.scope.clone(),
        skipped: r.skipped.clone(),
        recommendations: r
            .recommendations
            .iter()
            .map(|l| RecommendationDto { recommendation: l.recommendation.clone(), totals: l.totals.clone() })
            .collect(),
        respondents: r
            .respondents
            .iter()
            .map(|l| RespondentDto {
                name: l.name.clone(),
                kind: l.kind.clone(),
                date: l.date.clone(),
                totals: l.totals.clone(),
                history: l.history,
                contradicted: l.contradicted.clone(),
            })
            .collect(),
        comparisons: r.comparisons.iter().map(section_dto).collect(),
        challenges: table_dto(&r.challenges),
        contradictions: table_dto(&r.contradictions),
        footer: r.footer.clone(),
    })
}

/// Reads the message `encode_aggregate` wrote.
pub fn decode_aggregate(text: &str) -> Result<AggregateReport, DecodeError> {
    let d: AggregateDto = parse(text, AGGREGATE_FORMAT)?;
    Ok(AggregateReport {
        title: d.title,
        judged_at: d.judged_at,
        overview: d.overview,
        scope: d.scope,
        skipped: d.skipped,
        recommendations: d
            .recommendations
            .into_iter()
            .map(|l| RecommendationLine { recommendation: l.recommendation, totals: l.totals })
            .collect(),
        respondents: d
            .respondents
            .into_iter()
            .map(|l| RespondentLine {
                name: l.name,
                kind: l.kind,
                date: l.date,
                totals: l.totals,
                history: l.history,
                contradicted: l.contradicted,
            })
            .collect(),
        comparisons: d.comparisons.into_iter().map(section).collect::<Result<_, _>>()?,
        challenges: table(d.challenges)?,
        contradictions: table(d.contradictions)?,
        footer: d.footer,
    })
}

/// The comparison as the JSON message for the PDF worker.
pub fn encode_comparison(r: &ComparisonReport) -> String {
    to_string(&ComparisonDto {
        format: COMPARISON_FORMAT.to_owned(),
        schema: SCHEMA,
        title: r.title.clone(),
        cover: r.cover.clone(),
        section: section_dto(&r.section),
        footer: r.footer.clone(),
    })
}

/// Reads the message `encode_comparison` wrote.
pub fn decode_comparison(text: &str) -> Result<ComparisonReport, DecodeError> {
    let d: ComparisonDto = parse(text, COMPARISON_FORMAT)?;
    Ok(ComparisonReport { title: d.title, cover: d.cover, section: section(d.section)?, footer: d.footer })
}
