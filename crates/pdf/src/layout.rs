//! A small flowing layout on A4: word wrap from glyph widths, page breaks that never cut a line
//! and keep a heading with what follows, tables whose header repeats on every page they reach,
//! a horizontal bar chart, and a footer with "page x of y".
//!
//! Invariant: nothing is placed right of `PAGE_W - MARGIN` or below `BOTTOM`: every text line
//! is wrapped to the width it is given (long words are cut by character) and every block checks
//! the space left before it is placed.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    BuiltinFont, Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, Point, Pt,
    Rect, TextItem, TextRenderingMode,
};

use super::typeset::{FontRef, Metrics};
use super::{BOLD, REGULAR};
use crate::fonts::Face;

pub(super) const PAGE_W: f32 = 595.28; // A4, in points
const PAGE_H: f32 = 841.89;
pub(super) const MARGIN: f32 = 62.0;
const TOP: f32 = PAGE_H - 64.0;
const BOTTOM: f32 = 64.0;
const FOOTER_Y: f32 = 34.0;
/// Width between the margins.
pub(super) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const PAD: f32 = 3.2;

/// How a run of text is set.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Style {
    Title,
    Subtitle,
    Heading,
    Subheading,
    Strong,
    Body,
    Small,
    SmallStrong,
    Tiny,
}

impl Style {
    pub(super) fn font(self) -> BuiltinFont {
        match self {
            Style::Title | Style::Heading | Style::Subheading | Style::Strong | Style::SmallStrong => BOLD,
            Style::Subtitle | Style::Body | Style::Small | Style::Tiny => REGULAR,
        }
    }
    pub(super) fn bold(self) -> bool {
        self.font() == BOLD
    }
    pub(super) fn size(self) -> f32 {
        match self {
            Style::Title => 20.0,
            Style::Subtitle => 13.0,
            Style::Heading => 15.0,
            Style::Subheading => 11.5,
            Style::Strong | Style::Body => 10.0,
            Style::Small | Style::SmallStrong => 8.5,
            Style::Tiny => 6.5,
        }
    }
    fn line_height(self) -> f32 {
        self.size() * 1.32
    }
}

/// Something placed on a page, in points from the lower-left corner.
#[derive(Debug)]
pub(super) enum Item {
    /// One line of text; `x` is its left edge and `y` its baseline; white on a dark tag.
    Text { x: f32, y: f32, style: Style, text: String, white: bool },
    /// A filled rectangle (grey level 0 black .. 1 white), outlined when `outline`.
    Rect { x: f32, y: f32, w: f32, h: f32, grey: f32, outline: bool },
    /// A horizontal rule.
    Rule { x: f32, y: f32, w: f32, thickness: f32, grey: f32 },
}

/// Lays out blocks top to bottom, breaking pages as needed.
pub(super) struct Writer<'a> {
    metrics: Metrics<'a>,
    pages: Vec<Vec<Item>>,
    y: f32,
}

/// A table's look: which column is set bold.
pub(super) struct TableSpec<'a> {
    pub columns: &'a [String],
    pub widths: &'a [f32],
    pub rows: &'a [Vec<String>],
    pub bold_first_column: bool,
}

impl<'a> Writer<'a> {
    pub(super) fn new(metrics: Metrics<'a>) -> Self {
        Writer { metrics, pages: vec![Vec::new()], y: TOP }
    }

    pub(super) fn width(&self, style: Style, text: &str) -> f32 {
        self.metrics.width(style.bold(), style.size(), text)
    }

    /// Wraps `text` to `width` points in `style`.
    pub(super) fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        wrap(text, width, |s| self.width(style, s))
    }

    /// Places an item as it is (charts draw with these).
    pub(super) fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` points are left.
    pub(super) fn need(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Reserves a block `height` points tall (on a new page unless it fits) and returns its top;
    /// what follows goes below it. The caller draws inside it with `push`.
    pub(super) fn block(&mut self, height: f32) -> f32 {
        self.need(height);
        let top = self.y;
        self.y = (self.y - height).max(BOTTOM);
        top
    }

    pub(super) fn space(&mut self, pt: f32) {
        self.y = (self.y - pt).max(BOTTOM);
    }

    /// A heading kept with at least `follow` points of what comes after it.
    pub(super) fn heading(&mut self, text: &str, style: Style, follow: f32) {
        let lines = self.wrap(text, style, CONTENT_W);
        let h = lines.len() as f32 * style.line_height() + 6.0;
        self.need(h + follow);
        self.lines_at(MARGIN, &lines, style);
        if style == Style::Heading {
            self.push(Item::Rule { x: MARGIN, y: self.y - 3.0, w: CONTENT_W, thickness: 0.8, grey: 0.0 });
        }
        self.space(6.0);
    }

    /// Places already-wrapped lines at `x`, breaking pages between lines.
    fn lines_at(&mut self, x: f32, lines: &[String], style: Style) {
        let lh = style.line_height();
        for line in lines {
            self.need(lh);
            self.y -= lh;
            self.push(Item::Text { x, y: self.y + lh * 0.25, style, text: line.clone(), white: false });
        }
    }

    /// A wrapped paragraph, indented by `indent` points.
    pub(super) fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let lines = self.wrap(text, style, CONTENT_W - indent);
        self.lines_at(MARGIN + indent, &lines, style);
    }

    /// Label and text side by side (label column `label_w` wide), the text wrapped in its column;
    /// `keep` lines stay on one page.
    pub(super) fn labelled(&mut self, label: &str, text: &str, indent: f32, label_w: f32, style: Style) {
        let label_style = if style == Style::Small { Style::SmallStrong } else { Style::Strong };
        let left = self.wrap(label, label_style, label_w - 6.0);
        let right = self.wrap(text, style, CONTENT_W - indent - label_w);
        let lh = style.line_height();
        let n = left.len().max(right.len());
        // Keep a short pair together; a long one may break between its lines.
        self.need(lh * n.min(3) as f32);
        for i in 0..n {
            self.need(lh);
            self.y -= lh;
            let y = self.y + lh * 0.25;
            if let Some(l) = left.get(i) {
                self.push(Item::Text {
                    x: MARGIN + indent,
                    y,
                    style: label_style,
                    text: l.clone(),
                    white: false,
                });
            }
            if let Some(r) = right.get(i) {
                self.push(Item::Text {
                    x: MARGIN + indent + label_w,
                    y,
                    style,
                    text: r.clone(),
                    white: false,
                });
            }
        }
    }

    /// A shaded tag (e.g. a severity) followed by bold text, as one block kept with `follow`
    /// points of what comes after it. The tag's shade is `grey`; the tag text is always printed,
    /// so severity reads without colour.
    pub(super) fn tagged(&mut self, tag: &str, grey: f32, text: &str, follow: f32) {
        let style = Style::Strong;
        let tag_w = self.width(Style::SmallStrong, tag) + 2.0 * PAD;
        let lines = self.wrap(text, style, CONTENT_W - tag_w - 8.0);
        let lh = style.line_height();
        self.need(lh * lines.len() as f32 + 4.0 + follow);
        self.space(2.0);
        let top = self.y;
        self.push(Item::Rect { x: MARGIN, y: top - lh - 1.0, w: tag_w, h: lh, grey, outline: true });
        self.push(Item::Text {
            x: MARGIN + PAD,
            y: top - lh + 2.5,
            style: Style::SmallStrong,
            text: tag.to_owned(),
            white: grey < 0.5,
        });
        self.lines_at(MARGIN + tag_w + 8.0, &lines, style);
        self.space(2.0);
    }

    /// A thin full-width rule.
    pub(super) fn rule(&mut self, grey: f32) {
        self.space(4.0);
        self.push(Item::Rule { x: MARGIN, y: self.y, w: CONTENT_W, thickness: 0.5, grey });
        self.space(6.0);
    }

    /// A table with a shaded header row that is repeated at the top of every page the table
    /// continues on. Rows are never cut inside a line; a row taller than a page is split between
    /// its lines.
    pub(super) fn table(&mut self, spec: &TableSpec<'_>) {
        let total: f32 = spec.widths.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = spec.widths.iter().map(|w| w / total * CONTENT_W).collect();
        let header: Vec<Vec<String>> = spec
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.wrap(c, Style::SmallStrong, w - 2.0 * PAD))
            .collect();
        let lh = Style::Small.line_height();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD;
        let cells: Vec<Vec<Vec<String>>> = spec
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (c, w))| self.wrap(c, cell_style(spec, i), w - 2.0 * PAD))
                    .collect()
            })
            .collect();
        // The header, with the first row's first lines, stays together.
        let first = cells.first().map_or(0, |r| r.iter().map(Vec::len).max().unwrap_or(1).min(3));
        self.need(header_h + first as f32 * lh + 2.0 * PAD);
        self.table_header(&header, &widths, header_h);
        for row in &cells {
            let mut from = 0;
            let n = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
            while from < n {
                let room = ((self.y - BOTTOM - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let rest = n - from;
                // Move a row that would fit whole on a fresh page rather than split it.
                let fits_fresh = (rest as f32 * lh + 2.0 * PAD) <= (TOP - BOTTOM - header_h);
                let take = if room >= rest {
                    rest
                } else if fits_fresh || room < 2 {
                    0
                } else {
                    room
                };
                if take == 0 {
                    self.new_page();
                    self.table_header(&header, &widths, header_h);
                    continue;
                }
                self.table_row_part(spec, row, &widths, from, from + take);
                from += take;
                if from < n {
                    self.new_page();
                    self.table_header(&header, &widths, header_h);
                }
            }
        }
        self.space(8.0);
    }

    fn table_header(&mut self, header: &[Vec<String>], widths: &[f32], h: f32) {
        let top = self.y;
        self.push(Item::Rect { x: MARGIN, y: top - h, w: CONTENT_W, h, grey: 0.88, outline: false });
        let mut x = MARGIN;
        for (lines, w) in header.iter().zip(widths) {
            for (i, l) in lines.iter().enumerate() {
                let y = top - PAD - (i as f32 + 0.78) * Style::Small.line_height();
                self.push(Item::Text {
                    x: x + PAD,
                    y,
                    style: Style::SmallStrong,
                    text: l.clone(),
                    white: false,
                });
            }
            x += w;
        }
        self.y = top - h;
        self.push(Item::Rule { x: MARGIN, y: self.y, w: CONTENT_W, thickness: 0.8, grey: 0.0 });
    }

    fn table_row_part(
        &mut self,
        spec: &TableSpec<'_>,
        row: &[Vec<String>],
        widths: &[f32],
        from: usize,
        to: usize,
    ) {
        let lh = Style::Small.line_height();
        let top = self.y;
        let mut x = MARGIN;
        for (i, (lines, w)) in row.iter().zip(widths).enumerate() {
            for (k, l) in lines.iter().enumerate().take(to).skip(from) {
                let y = top - PAD - ((k - from) as f32 + 0.78) * lh;
                self.push(Item::Text {
                    x: x + PAD,
                    y,
                    style: cell_style(spec, i),
                    text: l.clone(),
                    white: false,
                });
            }
            x += w;
        }
        self.y = top - (to - from) as f32 * lh - 2.0 * PAD;
        self.push(Item::Rule { x: MARGIN, y: self.y, w: CONTENT_W, thickness: 0.3, grey: 0.6 });
    }

    /// Horizontal stacked bars: one per entry, segments shaded from dark (first series) to light,
    /// each outlined so that the lightest still shows on paper, and the counts in words after it.
    pub(super) fn bar_chart(&mut self, series: &[String], bars: &[(String, Vec<usize>, String)]) {
        const SHADES: [f32; 4] = [0.1, 0.4, 0.65, 0.9];
        let label_w = 150.0;
        let text_w = 120.0;
        let bar_x = MARGIN + label_w;
        let bar_w = CONTENT_W - label_w - text_w;
        let max = bars.iter().map(|b| b.1.iter().sum::<usize>()).max().unwrap_or(0).max(1);
        let unit = bar_w / max as f32;
        let lh = Style::Small.line_height();
        // Legend.
        self.need(lh * 2.0);
        self.y -= lh;
        let mut x = MARGIN;
        for (i, name) in series.iter().enumerate() {
            let shade = SHADES.get(i).copied().unwrap_or(0.9);
            self.push(Item::Rect { x, y: self.y, w: 9.0, h: 7.0, grey: shade, outline: true });
            self.push(Item::Text {
                x: x + 13.0,
                y: self.y + 0.5,
                style: Style::Small,
                text: name.clone(),
                white: false,
            });
            x += 13.0 + self.width(Style::Small, name) + 16.0;
        }
        self.space(8.0);
        for (label, values, text) in bars {
            let lines = self.wrap(label, Style::Small, label_w - 8.0);
            let h = (lines.len() as f32 * lh).max(12.0) + 4.0;
            self.need(h);
            let top = self.y;
            for (i, l) in lines.iter().enumerate() {
                let y = top - (i as f32 + 0.85) * lh;
                self.push(Item::Text { x: MARGIN, y, style: Style::Small, text: l.clone(), white: false });
            }
            let mut x = bar_x;
            for (i, v) in values.iter().enumerate() {
                if *v == 0 {
                    continue;
                }
                let w = *v as f32 * unit;
                let shade = SHADES.get(i).copied().unwrap_or(0.9);
                self.push(Item::Rect { x, y: top - 11.0, w, h: 9.0, grey: shade, outline: true });
                x += w;
            }
            let t = self.wrap(text, Style::Small, text_w - 6.0);
            for (i, l) in t.iter().enumerate() {
                let y = top - (i as f32 + 0.85) * lh;
                self.push(Item::Text { x: x + 6.0, y, style: Style::Small, text: l.clone(), white: false });
            }
            self.y = top - h.max(t.len() as f32 * lh + 4.0);
        }
        self.space(6.0);
    }

    /// The finished pages, each with a footer: `footer` on the left, `page(x, y)` on the right;
    /// and the metrics they were laid out with (they draw them).
    pub(super) fn finish(
        self,
        footer: &str,
        page: impl Fn(usize, usize) -> String,
    ) -> (Vec<Vec<Item>>, Metrics<'a>) {
        let total = self.pages.len();
        let mut pages = self.pages;
        for (i, items) in pages.iter_mut().enumerate() {
            let label = page(i + 1, total);
            let label_w = self.metrics.width(Style::Small.bold(), Style::Small.size(), &label);
            items.push(Item::Rule { x: MARGIN, y: FOOTER_Y + 12.0, w: CONTENT_W, thickness: 0.4, grey: 0.5 });
            let left = wrap(footer, CONTENT_W - label_w - 12.0, |s| {
                self.metrics.width(Style::Tiny.bold(), Style::Tiny.size(), s)
            });
            for (k, l) in left.iter().enumerate() {
                let y = FOOTER_Y - k as f32 * Style::Tiny.line_height();
                items.push(Item::Text { x: MARGIN, y, style: Style::Tiny, text: l.clone(), white: false });
            }
            items.push(Item::Text {
                x: PAGE_W - MARGIN - label_w,
                y: FOOTER_Y,
                style: Style::Small,
                text: label,
                white: false,
            });
        }
        (pages, self.metrics)
    }
}

fn cell_style(spec: &TableSpec<'_>, column: usize) -> Style {
    if column == 0 && spec.bold_first_column { Style::SmallStrong } else { Style::Small }
}

/// The printpdf operations of one page's items, and in `used` the characters each embedded face
/// draws (what its subset must hold). A line is one text object: its runs follow each other with
/// the fonts' own advances, so runs in different fonts join exactly.
pub(super) fn page_ops(
    items: &[Item],
    metrics: &Metrics<'_>,
    used: &mut BTreeMap<Face, BTreeSet<char>>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in items {
        match item {
            Item::Text { x, y, style, text, white } => {
                let grey = if *white { 1.0 } else { 0.0 };
                let colour = || Color::Greyscale(Greyscale { percent: grey, icc_profile: None });
                ops.extend([
                    Op::SetFillColor { col: colour() },
                    Op::StartTextSection,
                    Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(*y) } },
                ]);
                for run in metrics.runs(text, style.bold()) {
                    match run.font {
                        FontRef::Helvetica => ops.extend([
                            Op::SetFont {
                                font: PdfFontHandle::Builtin(style.font()),
                                size: Pt(style.size()),
                            },
                            // The document's own encoding (see `text`), not printpdf's WinAnsi.
                            Op::Unknown {
                                key: "Tj".to_owned(),
                                value: vec![printpdf::DictItem::String {
                                    data: metrics.encoding().encode(&run.text),
                                    literal: false,
                                }],
                            },
                        ]),
                        FontRef::Face(face) => {
                            used.entry(face).or_default().extend(run.text.chars());
                            ops.push(Op::SetFont {
                                font: PdfFontHandle::External(FontId(face.file().resource.to_owned())),
                                size: Pt(style.size()),
                            });
                            if run.fake_bold {
                                // No bold weight: fill and stroke the outlines (3 % of the size).
                                ops.extend([
                                    Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke },
                                    Op::SetOutlineColor { col: colour() },
                                    Op::SetOutlineThickness { pt: Pt(style.size() * 0.03) },
                                ]);
                            }
                            ops.push(Op::ShowText { items: vec![TextItem::Text(run.text)] });
                            if run.fake_bold {
                                ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
                            }
                        }
                    }
                }
                ops.push(Op::EndTextSection);
            }
            Item::Rect { x, y, w, h, grey, outline } => {
                ops.extend([
                    Op::SetFillColor {
                        col: Color::Greyscale(Greyscale { percent: *grey, icc_profile: None }),
                    },
                    Op::SetOutlineColor {
                        col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }),
                    },
                    Op::SetOutlineThickness { pt: Pt(0.5) },
                    Op::DrawRectangle {
                        rectangle: Rect {
                            mode: Some(if *outline { PaintMode::FillStroke } else { PaintMode::Fill }),
                            ..Rect::from_xywh(Pt(*x), Pt(*y), Pt(*w), Pt(*h))
                        },
                    },
                ]);
            }
            Item::Rule { x, y, w, thickness, grey } => {
                let p = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(*y) }, bezier: false };
                ops.extend([
                    Op::SetOutlineColor {
                        col: Color::Greyscale(Greyscale { percent: *grey, icc_profile: None }),
                    },
                    Op::SetOutlineThickness { pt: Pt(thickness.max(0.1)) },
                    Op::DrawLine { line: Line { points: vec![p(*x), p(x + w)], is_closed: false } },
                ]);
            }
        }
    }
    ops
}

/// The page size.
pub(super) fn page_size() -> (Mm, Mm) {
    (Mm(210.0), Mm(297.0))
}

/// Greedy word wrap. Lines break at spaces and, in Chinese and Japanese, between characters
/// ([`pieces`]); pieces wider than the line (long URLs, paths) are broken by character.
/// Explicit newlines start new lines. Every returned line measures at most `width`, except a
/// single character wider than the line (never seen at these sizes).
pub(super) fn wrap(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut current = String::new();
        for word in para.split_whitespace() {
            for (i, piece) in pieces(word).into_iter().enumerate() {
                let glue = if i == 0 { " " } else { "" };
                let candidate =
                    if current.is_empty() { piece.to_owned() } else { format!("{current}{glue}{piece}") };
                if measure(&candidate) <= width {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                // The piece alone may still be too wide: cut it where it overflows, after the
                // line's last `/` when that keeps at least half the line (a URL breaks between
                // its path's parts, as a reader expects), else at the character.
                for ch in piece.chars() {
                    let mut next = current.clone();
                    next.push(ch);
                    if measure(&next) > width && !current.is_empty() {
                        let cut = current
                            .rfind('/')
                            .map(|at| at + 1)
                            .filter(|&at| at < current.len() && measure(&current[..at]) >= width / 2.0);
                        match cut {
                            Some(at) => {
                                let rest = current.split_off(at);
                                lines.push(std::mem::replace(&mut current, rest));
                            }
                            None => lines.push(std::mem::take(&mut current)),
                        }
                        current.push(ch);
                    } else {
                        current = next;
                    }
                }
            }
        }
        lines.push(current);
    }
    lines
}

/// A word cut where a line may break inside it: around each Chinese character, kana and
/// full-width form (Chinese and Japanese are written without spaces), but never before a closing
/// mark or small kana nor after an opening mark (kinsoku). Korean keeps its words whole, as
/// Korean is written with spaces. A word without such characters is one piece.
pub(super) fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in word.char_indices() {
        if let Some(p) = previous
            && (breaks_around(p) || breaks_around(c))
            && !no_break_before(c)
            && !no_break_after(p)
        {
            out.push(&word[start..at]);
            start = at;
        }
        previous = Some(c);
    }
    out.push(&word[start..]);
    out
}

/// Han, kana, bopomofo, CJK symbols and full-width forms: a line may break before and after them.
fn breaks_around(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31FF | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF
    )
}

/// Marks that never start a line: closing brackets and quotes, stops and commas, the prolonged
/// sound mark, iteration marks, small kana.
fn no_break_before(c: char) -> bool {
    "、。，．・：；？！ー～」』）】〕〉》〗〙〛｝］”’‥…々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ｡､)]},.:;!?%"
        .contains(c)
}

/// Marks that never end a line: opening brackets and quotes.
fn no_break_after(c: char) -> bool {
    "「『（【〔〈《〖〘〚｛［“‘([{".contains(c)
}
