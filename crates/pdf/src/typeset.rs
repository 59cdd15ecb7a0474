//! Which font prints each character of a line, how wide the line is, and the runs that draw it
//! in order (right-to-left text reordered by the Unicode bidi algorithm).
//!
//! Per character, in logical order: Helvetica if the document's encoding has it; else the face
//! of its group, then the other faces (`fonts` has the chain), of those the document needs and
//! the book has. A space, digit or punctuation mark stays in the font of the character before
//! it when that font has it, so a Cyrillic or Chinese phrase is not cut into runs at every
//! space. A character no usable face has is drawn as U+FFFD (Noto Sans) or, without Noto Sans,
//! `?`, and is listed by [`Metrics::missing`]; control and bidi formatting characters print
//! nothing.
//!
//! Invariant: the width `Metrics::width` gives is the sum of the advances of exactly the glyphs
//! `Metrics::runs` draws, whatever their order, so wrapping (logical order) and drawing (visual
//! order) agree.

use std::collections::BTreeSet;

use crate::fonts::{Face, FontBook, FontFile, Group, Loaded};
use crate::text::{Encoding, Helvetica, HelveticaMetrics, helvetica_has};
use crate::{BOLD, PdfError, REGULAR};

/// The font of a glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FontRef {
    /// The builtin Helvetica (regular or bold, by the style).
    Helvetica,
    /// An embedded face.
    Face(Face),
}

/// One character as it is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Glyph {
    /// Where the character starts in the line (bytes).
    at: usize,
    /// The character.
    c: char,
    /// What is drawn (the character itself, mirrored in right-to-left text, or U+FFFD / `?`).
    shown: char,
    font: FontRef,
    /// No usable font has the character: `shown` stands in for it.
    missing: bool,
}

/// A run of text in one font, in drawing order.
#[derive(Debug, PartialEq)]
pub(crate) struct Run {
    pub(crate) font: FontRef,
    pub(crate) text: String,
    /// Bold text in a face that has no bold weight: drawn filled and stroked.
    pub(crate) fake_bold: bool,
}

/// Fonts and widths for one document.
pub(crate) struct Metrics<'a> {
    helvetica: HelveticaMetrics,
    encoding: Encoding,
    book: &'a FontBook,
    /// The groups the document's text needs: only their faces are used (see `fonts`).
    groups: BTreeSet<Group>,
}

/// The faces tried after the character's own, in order.
const CHAIN: [Group; 4] = [Group::General, Group::Hebrew, Group::Symbols, Group::Cjk];

impl<'a> Metrics<'a> {
    /// Metrics for a document whose text is (a superset of) `text`: a model's `Debug` form.
    pub(crate) fn new(book: &'a FontBook, text: &str) -> Result<Self, PdfError> {
        Ok(Metrics {
            helvetica: HelveticaMetrics::new()?,
            encoding: Encoding::for_chars(crate::fonts::chars(text)),
            book,
            groups: crate::fonts::needed_groups(text),
        })
    }

    pub(crate) fn encoding(&self) -> &Encoding {
        &self.encoding
    }

    /// A face the document uses, with its tables.
    pub(crate) fn loaded(&self, face: Face) -> Option<&Loaded> {
        self.usable(face)
    }

    /// The font file that would print `c` but is not loaded; `None` when the faces of its group
    /// are loaded (and lack it).
    pub(crate) fn needs(&self, c: char) -> Option<&'static FontFile> {
        Group::of(c).faces().iter().find(|f| !self.book.has(**f)).map(|f| f.file())
    }

    /// A face the document may use, with its tables.
    fn usable(&self, face: Face) -> Option<&Loaded> {
        if self.groups.contains(&face.group()) { self.book.get(face) } else { None }
    }

    fn covers(&self, font: FontRef, c: char) -> bool {
        match font {
            FontRef::Helvetica => self.encoding.has(c),
            FontRef::Face(f) => self.usable(f).is_some_and(|l| l.glyph(c).is_some()),
        }
    }

    /// The glyphs of `text` in logical order.
    fn assign(&self, text: &str, bold: bool) -> Vec<Glyph> {
        let mut out: Vec<Glyph> = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            if helvetica_has(c) == Helvetica::Control {
                continue;
            }
            let previous = out.last().filter(|g| !g.missing).map(|g| g.font);
            let font = match previous {
                Some(p) if !c.is_alphabetic() && self.covers(p, c) => Some(p),
                _ if self.encoding.has(c) => Some(FontRef::Helvetica),
                _ => std::iter::once(Group::of(c))
                    .chain(CHAIN)
                    .map(|g| FontRef::Face(g.face(bold)))
                    .find(|f| self.covers(*f, c)),
            };
            out.push(match font {
                Some(font) => Glyph { at, c, shown: c, font, missing: false },
                None => self.stand_in(at, c, bold),
            });
        }
        out
    }

    /// What a character without a font is drawn as: the replacement character of Noto Sans,
    /// or Helvetica's `?` when Noto Sans is not at hand.
    fn stand_in(&self, at: usize, c: char, bold: bool) -> Glyph {
        let noto = FontRef::Face(Group::General.face(bold));
        let (shown, font) =
            if self.covers(noto, '\u{FFFD}') { ('\u{FFFD}', noto) } else { ('?', FontRef::Helvetica) };
        Glyph { at, c, shown, font, missing: true }
    }

    fn advance(&self, g: &Glyph, bold: bool) -> f32 {
        match g.font {
            FontRef::Helvetica => self.helvetica.advance(if bold { BOLD } else { REGULAR }, g.shown),
            FontRef::Face(f) => self.usable(f).map_or(0.0, |l| l.advance(g.shown)),
        }
    }

    /// The width of `text` in points, set bold or not at `size` points.
    pub(crate) fn width(&self, bold: bool, size: f32, text: &str) -> f32 {
        let em: f32 = self.assign(text, bold).iter().map(|g| self.advance(g, bold)).sum();
        em * size
    }

    /// The characters of `text`, set bold or not, that no usable font has.
    pub(crate) fn missing(&self, text: &str, bold: bool) -> impl Iterator<Item = char> {
        self.assign(text, bold).into_iter().filter(|g| g.missing).map(|g| g.c)
    }

    /// The runs that draw `text` (one line), left to right.
    pub(crate) fn runs(&self, text: &str, bold: bool) -> Vec<Run> {
        let glyphs = self.assign_visual(text, bold);
        let mut runs: Vec<Run> = Vec::new();
        for g in glyphs {
            match runs.last_mut() {
                Some(r) if r.font == g.font => r.text.push(g.shown),
                _ => runs.push(Run {
                    font: g.font,
                    text: g.shown.to_string(),
                    fake_bold: bold && matches!(g.font, FontRef::Face(f) if f.needs_fake_bold()),
                }),
            }
        }
        runs
    }

    /// The glyphs of `text` in visual order: fonts chosen in logical order, then right-to-left
    /// levels reversed (UAX #9 L2) and their brackets mirrored (L4).
    fn assign_visual(&self, text: &str, bold: bool) -> Vec<Glyph> {
        if !text.chars().any(is_rtl) {
            return self.assign(text, bold);
        }
        let logical = self.assign(text, bold);
        let bidi = unicode_bidi::BidiInfo::new(text, None);
        let mut out = Vec::with_capacity(logical.len());
        for para in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(para, para.range.clone());
            for range in runs {
                let rtl = levels.get(range.start).is_some_and(|l| l.is_rtl());
                let run = logical.iter().filter(|g| range.contains(&g.at));
                if rtl {
                    out.extend(run.rev().map(|g| {
                        let m = mirror(g.shown);
                        Glyph { shown: if self.covers(g.font, m) { m } else { g.shown }, ..*g }
                    }));
                } else {
                    out.extend(run.copied());
                }
            }
        }
        out
    }
}

/// A character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo, …).
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// The mirror image of a bracket (Unicode's Bidi_Mirroring_Glyph for the common ones).
fn mirror(c: char) -> char {
    const PAIRS: [(char, char); 9] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('≤', '≥'),
        ('⁅', '⁆'),
        ('⟨', '⟩'),
    ];
    for (a, b) in PAIRS {
        if c == a {
            return b;
        }
        if c == b {
            return a;
        }
    }
    c
}
