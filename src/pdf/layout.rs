//! A small flowing-text layout: word wrap from glyph widths, page breaks that keep headings with
//! what follows, and a "page x of y" footer.

use printpdf::{BuiltinFont, Mm, Op, ParsedFont, PdfFontHandle, PdfPage, Point, Pt, TextItem};

use super::{BOLD, PdfError, REGULAR};

const PAGE_W: f32 = 595.28; // A4, in points
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const FOOTER_Y: f32 = 30.0;

/// How a paragraph is set.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Style {
    Title,
    Heading,
    Strong,
    Body,
    Indented,
}

impl Style {
    fn font(self) -> BuiltinFont {
        match self {
            Style::Title | Style::Heading | Style::Strong => BOLD,
            Style::Body | Style::Indented => REGULAR,
        }
    }
    fn size(self) -> f32 {
        match self {
            Style::Title => 18.0,
            Style::Heading => 14.0,
            _ => 10.0,
        }
    }
    fn indent(self) -> f32 {
        if self == Style::Indented { 14.0 } else { 0.0 }
    }
}

/// Font metrics for width measurement.
struct Metrics {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Metrics {
    fn width(&self, font: BuiltinFont, size: f32, text: &str) -> f32 {
        let f = if font == BOLD { &self.bold } else { &self.regular };
        let upem = f32::from(f.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                f.lookup_glyph_index(c as u32)
                    .and_then(|g| f.get_glyph_width(g))
                    // Characters the font lacks are printed as `?`: measure them as such.
                    .or_else(|| f.lookup_glyph_index('?' as u32).and_then(|g| f.get_glyph_width(g)))
                    .map(u32::from)
                    .unwrap_or(500)
            })
            .sum();
        units as f32 / upem * size
    }
}

/// A line placed on a page.
struct Placed {
    x: f32,
    y: f32,
    font: BuiltinFont,
    size: f32,
    text: String,
}

/// Lays out paragraphs top to bottom, breaking pages as needed.
pub(super) struct Writer {
    metrics: Metrics,
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Writer {
    pub(super) fn new() -> Result<Self, PdfError> {
        let regular = REGULAR.get_parsed_font().ok_or(PdfError::FontMetrics)?;
        let bold = BOLD.get_parsed_font().ok_or(PdfError::FontMetrics)?;
        Ok(Writer { metrics: Metrics { regular, bold }, pages: vec![Vec::new()], y: PAGE_H - MARGIN })
    }

    fn line_height(style: Style) -> f32 {
        style.size() * 1.35
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN;
    }

    /// Starts a new page unless `lines` body lines still fit, so a heading or a gap's first
    /// lines never stand alone at the foot of a page.
    pub(super) fn keep_together(&mut self, lines: usize) {
        if self.y - lines as f32 * Self::line_height(Style::Body) < MARGIN + 10.0 {
            self.new_page();
        }
    }

    pub(super) fn space(&mut self, pt: f32) {
        self.y -= pt;
    }

    pub(super) fn heading(&mut self, text: &str) {
        self.keep_together(4);
        self.paragraph(text, Style::Heading);
        self.space(4.0);
    }

    /// Wraps `text` to the page width and places its lines.
    pub(super) fn paragraph(&mut self, text: &str, style: Style) {
        let width = PAGE_W - 2.0 * MARGIN - style.indent();
        let lh = Self::line_height(style);
        for line in wrap(text, width, |s| self.metrics.width(style.font(), style.size(), s)) {
            if self.y - lh < MARGIN {
                self.new_page();
            }
            self.y -= lh;
            if let Some(page) = self.pages.last_mut() {
                page.push(Placed {
                    x: MARGIN + style.indent(),
                    y: self.y,
                    font: style.font(),
                    size: style.size(),
                    text: line,
                });
            }
        }
    }

    /// The finished pages, each with a footer `label · page x of y`.
    pub(super) fn finish(self, label: &str) -> Vec<PdfPage> {
        let total = self.pages.len();
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, lines)| {
                let mut ops = Vec::new();
                for l in lines.iter().chain(std::iter::once(&Placed {
                    x: MARGIN,
                    y: FOOTER_Y,
                    font: REGULAR,
                    size: 8.0,
                    text: format!("{label} - page {} of {total}", i + 1),
                })) {
                    ops.extend([
                        Op::StartTextSection,
                        Op::SetFont { font: PdfFontHandle::Builtin(l.font), size: Pt(l.size) },
                        Op::SetTextCursor { pos: Point { x: Pt(l.x), y: Pt(l.y) } },
                        Op::ShowText { items: vec![TextItem::Text(l.text.clone())] },
                        Op::EndTextSection,
                    ]);
                }
                PdfPage::new(Mm(210.0), Mm(297.0), ops)
            })
            .collect()
    }
}

/// Greedy word wrap. Words wider than the line (long URLs, paths) are broken by character.
/// Explicit newlines start new lines.
pub(super) fn wrap(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut current = String::new();
        for word in para.split_whitespace() {
            let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
            if measure(&candidate) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // The word alone may still be too wide: cut it where it overflows.
            for ch in word.chars() {
                let mut next = current.clone();
                next.push(ch);
                if measure(&next) > width && !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                    current.push(ch);
                } else {
                    current = next;
                }
            }
        }
        lines.push(current);
    }
    lines
}
