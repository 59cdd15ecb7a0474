//! The PDF report: `report::Report` → A4 PDF bytes with printpdf's builtin Helvetica, the
//! canonical JSON attached; and back: `embedded_json` reads that JSON out of such a PDF. The
//! same machinery lays out the working group's summaries (`summary`) and the challenge kit's
//! report, debrief and alert (`challenge`, its timeline chart in `timeline`).
//!
//! Runs in the PDF worker in the browser and natively in tests. Invariants: the output is a
//! function of the report alone (no clock, no random IDs: the file ID is derived from the
//! content); text is wrapped from the font's own glyph widths so nothing runs off the page; the
//! attachment is byte for byte the report's `attachment` (`persist::encode`).
//!
//! ## PDF fonts
//!
//! Text that the standard Helvetica and Helvetica-Bold can print stays in them: every PDF reader
//! has them, so nothing is embedded and a Latin-only report carries no font at all. printpdf
//! writes them with `/WinAnsiEncoding` (Latin-1 and a few more), but their glyph sets are larger:
//! they also have the Central-European letters (Ł ł ő ű č ř ș ț ą ę ż …, 80 letters of Latin
//! Extended-A) and ≤ ≥ ≠ −. So the renderer writes its own text strings: each font's encoding is
//! WinAnsi plus a `/Differences` array that gives those letters the 37 codes WinAnsi leaves unused
//! (0x01–0x1F, 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D), by Adobe glyph name, so viewers draw them and
//! `pdftotext` maps them back to Unicode (`text.rs`).
//!
//! Everything else (Greek, Cyrillic, Latin beyond those letters, Hebrew, symbols, Chinese,
//! Japanese, Korean, and extra letters past the 37 codes) prints in an embedded subset of one of
//! the fonts in `public/fonts/` (`fonts.rs`: Noto Sans, Noto Sans Hebrew, DejaVu Sans symbols,
//! Droid Sans Fallback). They are files of the build that the worker fetches when a document first
//! needs them (the CJK one, 1.1 MB, only then), not part of its wasm. Each used face goes into the
//! PDF as a CID font (Type0, Identity-H, `/ToUnicode`, `/W` from the font's own widths), cut down
//! to the glyphs the document draws by `sfnt.rs` and tagged `ABCDEF+` from the subset's SHA-256,
//! so `pdffonts` lists it `emb sub uni` and `pdftotext` gives the text back.
//!
//! printpdf 0.12.8 facts this relies on (read in its source, checked by tests/it/pdf_fonts.rs):
//! - Without its `text_layout` feature (which brings azul and costs 2.6 MB brotli) printpdf embeds
//!   `ParsedFont::original_bytes` whole, whatever `PdfSaveOptions::subset_fonts` says; so we hand
//!   it a font that is already a subset. allsorts (printpdf's own font library) parses it.
//! - `PdfDocument::add_font` names a font with a pseudo-random id from a process-wide counter, and
//!   that id reaches the PDF: two exports in one worker would differ. So fonts go into
//!   `doc.resources.fonts.map` under fixed ids (`TINR`, …; never `F1`..`F14`, which are the
//!   builtin fonts' names and would make printpdf drop the builtin font of that name).
//! - A character the font lacks is written as glyph 0 without a ToUnicode entry: fallback is ours
//!   (`typeset.rs`), before any op is made.
//! - `to_lopdf_document` + `save_to` never compress (only `serialize_pdf` does): `assemble` calls
//!   `compress()`, which also shrinks the page contents.
//! - On wasm32 printpdf writes every date as 1970-01-01 (`utils::to_pdf_time_stamp_metadata`):
//!   `assemble` writes the document information dictionary itself (`info.rs`).
//! - Text is drawn one character per glyph: no shaping, kerning or ligatures. Scripts that need
//!   shaping (Arabic, Indic) are not shipped; their characters print as U+FFFD and are reported.
//!
//! Right-to-left text (Hebrew) is reordered per line by the Unicode bidi algorithm
//! (unicode-bidi) and drawn in visual order; `pdftotext` gives a Hebrew line back in reading order
//! (poppler reorders it; on lines that mix directions its order is its own). Chinese and Japanese
//! lines break between characters, never before a closing mark (`layout::pieces`).

mod attach;
mod challenge;
mod fonts;
mod handbook;
mod info;
mod layout;
mod sfnt;
mod summary;
mod text;
mod timeline;
mod typeset;
#[doc(hidden)]
pub mod widths;
mod winansi;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{BuiltinFont, FontId, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};

pub use attach::{
    ATTACHMENT_NAME, Extracted, PdfImportError, RESULT_ATTACHMENT_NAME, embedded_json, extract,
};
pub use challenge::{render_alert, render_challenge};
pub use fonts::{FILES, Face, FontBook, FontError, FontFile, Group, needed_files, needed_groups};
pub use handbook::render_handbook;
pub use sfnt::SfntError;
pub use summary::{render_aggregate, render_comparison};

use layout::{Item, Style, TableSpec, Writer};
use text::Encoding;
use ti_core::report::{DocumentInfo, Report, ReportSection, Table};
use typeset::Metrics;

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The builtin font's metrics could not be read (a printpdf defect; never seen).
    #[error("the PDF font metrics could not be loaded")]
    FontMetrics,
    /// A font could not be cut down for embedding (a damaged font file).
    #[error("the font `{file}` could not be embedded: {reason}")]
    Font {
        /// The font file.
        file: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// Writing the file failed.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// A finished PDF and the characters it could not print as themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The file.
    pub bytes: Vec<u8>,
    /// Characters drawn as U+FFFD (or `?`), each once, in order of appearance.
    pub missing: Vec<Missing>,
}

/// A character the PDF could not print.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    /// The character.
    pub character: char,
    /// The font file that prints it but was not at hand (offline before it was stored), or
    /// `None`: no font ti-assess ships has it.
    pub needs: Option<&'static FontFile>,
}

/// The builtin fonts the report uses.
const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;

/// Shade of a severity tag (0 black .. 1 white): darker is more severe.
fn shade(tag: &str) -> f32 {
    match tag.split_whitespace().next() {
        Some("CRITICAL") => 0.0,
        Some("HIGH") => 0.35,
        Some("MEDIUM") => 0.7,
        _ => 0.92,
    }
}

/// Renders the report as a PDF, with the faces of `fonts` that its text needs.
pub fn render(report: &Report, fonts: &FontBook) -> Result<Rendered, PdfError> {
    let model = format!("{report:?}");
    let mut w = Writer::new(Metrics::new(fonts, &model)?);
    cover(&mut w, report);
    w.new_page();
    summary(&mut w, report);
    w.new_page();
    gaps(&mut w, report);
    w.new_page();
    w.heading(&report.sections_heading, Style::Heading, 60.0);
    for s in &report.sections {
        section(&mut w, report, s);
    }
    w.heading(&report.thresholds.title, Style::Heading, 60.0);
    table(&mut w, &report.thresholds, true);
    w.new_page();
    appendix(&mut w, report);

    let (pages, metrics) = w.finish(&report.footer, Report::page_label);
    let attachment =
        (ATTACHMENT_NAME, report.attachment.as_str(), "The assessment as exported by ti-assess (JSON)");
    assemble(&report.info, &pages, &metrics, Some(attachment), model.as_bytes())
}

fn cover(w: &mut Writer, r: &Report) {
    w.space(90.0);
    w.paragraph(&r.subtitle.to_uppercase(), Style::Subtitle, 0.0);
    w.space(8.0);
    w.paragraph(&r.title, Style::Title, 0.0);
    w.rule(0.0);
    w.space(16.0);
    for (label, value) in &r.cover {
        w.labelled(label, value, 0.0, 112.0, Style::Body);
        w.space(5.0);
    }
}

fn summary(w: &mut Writer, r: &Report) {
    let s = &r.summary;
    w.heading(&s.heading, Style::Heading, 60.0);
    w.paragraph(&s.overview, Style::Body, 0.0);
    w.space(10.0);
    w.heading(&s.severities.title, Style::Subheading, 60.0);
    table(w, &s.severities, false);
    w.heading(&s.chart.title, Style::Subheading, 60.0);
    w.bar_chart(&s.chart.series, &s.chart.bars);
    w.heading(&s.sections.title, Style::Subheading, 60.0);
    table(w, &s.sections, false);
}

fn gaps(w: &mut Writer, r: &Report) {
    w.heading(&r.gaps_heading, Style::Heading, 60.0);
    if r.gaps.is_empty() {
        w.paragraph(&r.no_gaps, Style::Body, 0.0);
    }
    r.gaps.iter().for_each(|g| gap(w, g));
    if !r.contradicted.is_empty() {
        w.space(10.0);
        w.heading(&r.contradicted_heading, Style::Heading, 60.0);
        r.contradicted.iter().for_each(|g| gap(w, g));
    }
}

fn gap(w: &mut Writer, g: &ti_core::report::ReportGap) {
    w.tagged(&g.severity, shade(&g.severity), &g.recommendation, 30.0);
    w.paragraph(&g.message, Style::Body, 0.0);
    w.space(2.0);
    for (label, text) in &g.details {
        w.labelled(label, text, 12.0, 72.0, Style::Small);
    }
    w.rule(0.75);
}

fn section(w: &mut Writer, r: &Report, s: &ReportSection) {
    w.heading(&s.title, Style::Subheading, 60.0);
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|row| {
            let mut answer = row.answer.clone();
            for e in &row.evidence {
                answer.push('\n');
                answer.push_str(e);
            }
            vec![row.recommendation.clone(), row.question.clone(), answer]
        })
        .collect();
    w.table(&TableSpec {
        columns: &r.section_columns,
        widths: &[1.15, 3.6, 4.4],
        rows: &rows,
        bold_first_column: true,
    });
}

fn table(w: &mut Writer, t: &Table, bold_first_column: bool) {
    w.table(&TableSpec { columns: &t.columns, widths: &t.widths, rows: &t.rows, bold_first_column });
}

fn appendix(w: &mut Writer, r: &Report) {
    let a = &r.appendix;
    w.heading(&a.sheets_heading, Style::Heading, 60.0);
    if a.sheets.is_empty() {
        w.paragraph(&a.no_sheets, Style::Body, 0.0);
    }
    for sheet in &a.sheets {
        w.heading(&sheet.title, Style::Subheading, 40.0);
        for (heading, items) in &sheet.lists {
            w.heading(heading, Style::SmallStrong, 36.0);
            for item in items {
                w.labelled("-", item, 4.0, 10.0, Style::Small);
            }
            w.space(3.0);
        }
        w.heading(&sheet.notes.0, Style::SmallStrong, 36.0);
        w.paragraph(&sheet.notes.1, Style::Body, 10.0);
        w.rule(0.75);
    }
    w.heading(&a.challenge_heading, Style::Heading, 60.0);
    for s in &a.challenge {
        section(w, r, s);
    }
    if !r.orphans.rows.is_empty() {
        w.heading(&r.orphans.title, Style::Heading, 60.0);
        table(w, &r.orphans, true);
    }
}

/// The PDF file: pages, the builtin fonts with the document's encoding, a subset of each
/// embedded face the pages draw, the attachment `(file name, text, description)` if any, the document
/// information, and a file ID derived from `content` (the model, so that the same model always
/// gives the same bytes). Every stream is compressed.
fn assemble(
    info: &DocumentInfo,
    pages: &[Vec<Item>],
    metrics: &Metrics<'_>,
    attachment: Option<(&str, &str, &str)>,
    content: &[u8],
) -> Result<Rendered, PdfError> {
    let (pw, ph) = layout::page_size();
    let mut used: BTreeMap<fonts::Face, BTreeSet<char>> = BTreeMap::new();
    let pdf_pages: Vec<PdfPage> =
        pages.iter().map(|items| PdfPage::new(pw, ph, layout::page_ops(items, metrics, &mut used))).collect();
    let mut doc = PdfDocument::new(&info.title);
    for (face, chars) in &used {
        let (id, font) = embed(metrics, *face, chars)?;
        doc.resources.fonts.map.insert(id, font);
    }
    doc.with_pages(pdf_pages);
    // `secure: false` lets through the `Tj` operators that carry the document's own encoding.
    let opts = PdfSaveOptions { subset_fonts: true, secure: false, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    set_encoding(&mut lo, metrics.encoding());
    if let Some((name, text, description)) = attachment {
        attach::attach(&mut lo, name, text, description).map_err(|e| PdfError::Write(e.to_string()))?;
    }
    info::set(&mut lo, info).map_err(|e| PdfError::Write(e.to_string()))?;
    // printpdf puts a pseudo-random /ID in the trailer; replace it with one derived from the
    // model, so the same assessment (or collection) always gives the same bytes.
    let id = ti_core::persist::sha256_hex(content);
    let id = id.get(..32).unwrap_or(&id).to_owned();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    // Deflate (miniz_oxide, best) every stream not compressed yet: contents, fonts, ToUnicode.
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(Rendered { bytes, missing: missing(pages, metrics) })
}

/// The subset of `face` that draws `chars`, named `ABCDEF+PostScriptName` with a tag taken from
/// the subset's SHA-256, under the face's fixed resource name.
fn embed(
    metrics: &Metrics<'_>,
    face: fonts::Face,
    chars: &BTreeSet<char>,
) -> Result<(FontId, PdfFont), PdfError> {
    let file = face.file();
    let err = |reason: String| PdfError::Font { file: file.path, reason };
    let loaded = metrics.loaded(face).ok_or_else(|| err("it is not loaded".into()))?;
    let mapping: BTreeMap<char, u16> =
        chars.iter().filter_map(|c| loaded.glyph(*c).map(|g| (*c, g))).collect();
    let subset = loaded.sfnt.subset(&mapping).map_err(|e| err(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings)
        .ok_or_else(|| err("printpdf cannot read the subset".into()))?;
    let digest = ti_core::persist::sha256_hex(&subset);
    let tag: String = digest.bytes().take(6).map(|b| char::from(b'A' + b % 26)).collect();
    parsed.font_name = Some(format!("{tag}+{}", file.ps_name));
    Ok((FontId(file.resource.to_owned()), PdfFont::new(parsed)))
}

/// The characters the pages could not print, each once, in order of appearance, with the file
/// that would have printed each.
fn missing(pages: &[Vec<Item>], metrics: &Metrics<'_>) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    for item in pages.iter().flatten() {
        if let Item::Text { text, style, .. } = item {
            for c in metrics.missing(text, style.bold()) {
                if out.iter().all(|m| m.character != c) {
                    out.push(Missing { character: c, needs: metrics.needs(c) });
                }
            }
        }
    }
    out
}

impl Rendered {
    /// What to tell the user before they download a PDF with missing characters, in words; `None`
    /// when every character printed.
    pub fn warning(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let list = |chars: &[char]| {
            let mut words: Vec<String> =
                chars.iter().take(12).map(|c| format!("{c} (U+{:04X})", u32::from(*c))).collect();
            if chars.len() > 12 {
                words.push(format!("and {} more", chars.len() - 12));
            }
            words.join(", ")
        };
        let mut parts = Vec::new();
        let mut files: Vec<&'static FontFile> = self.missing.iter().filter_map(|m| m.needs).collect();
        files.dedup_by_key(|f| f.path);
        files.sort_by_key(|f| f.path);
        files.dedup_by_key(|f| f.path);
        for file in files {
            let chars: Vec<char> = self
                .missing
                .iter()
                .filter(|m| m.needs.is_some_and(|f| f.path == file.path))
                .map(|m| m.character)
                .collect();
            let what = match file.face.group() {
                fonts::Group::Cjk => "Chinese, Japanese and Korean text",
                fonts::Group::Hebrew => "Hebrew text",
                fonts::Group::Symbols => "Symbols",
                fonts::Group::General => "Letters outside basic Latin (Greek, Cyrillic and others)",
            };
            parts.push(format!(
                "{what} ({}) need{} a font file of {} KB that this browser could not load, so {} as \u{FFFD} in this PDF. \
                 Connect to the internet and export again: the font is then kept for offline use.",
                list(&chars),
                if file.face.group() == fonts::Group::Symbols { "" } else { "s" },
                file.bytes.div_ceil(1000),
                if chars.len() == 1 { "it prints" } else { "they print" },
            ));
        }
        let orphans: Vec<char> =
            self.missing.iter().filter(|m| m.needs.is_none()).map(|m| m.character).collect();
        if !orphans.is_empty() {
            parts.push(format!(
                "No font of ti-assess has {}, so {} as \u{FFFD} in this PDF. If the PDF must show {}, \
                 replace {} in the answers (for example with a transliteration); the JSON export keeps every \
                 character as typed.",
                list(&orphans),
                if orphans.len() == 1 { "it prints" } else { "they print" },
                if orphans.len() == 1 { "it" } else { "them" },
                if orphans.len() == 1 { "it" } else { "them" },
            ));
        }
        Some(parts.join(" "))
    }
}

/// Gives every builtin font dictionary the document's encoding: WinAnsi plus `/Differences`.
fn set_encoding(doc: &mut lopdf::Document, encoding: &Encoding) {
    let differences = encoding.differences();
    if differences.is_empty() {
        return;
    }
    let mut array = Vec::new();
    for (code, name) in differences {
        array.push(lopdf::Object::Integer(i64::from(code)));
        array.push(lopdf::Object::Name(name.as_bytes().to_vec()));
    }
    let mut enc = lopdf::Dictionary::new();
    enc.set("Type", lopdf::Object::Name(b"Encoding".to_vec()));
    enc.set("BaseEncoding", lopdf::Object::Name(b"WinAnsiEncoding".to_vec()));
    enc.set("Differences", lopdf::Object::Array(array));
    let enc_id = doc.add_object(enc);
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = object
            && d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Font")
            && d.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Type1")
        {
            d.set("Encoding", lopdf::Object::Reference(enc_id));
        }
    }
}
