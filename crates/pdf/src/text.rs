//! Text for the builtin fonts: Unicode → one-byte codes of a WinAnsi-based encoding whose unused
//! codes are re-assigned (a `/Differences` array) to the Central-European letters the standard
//! Helvetica carries but WinAnsi lacks (Ł, ő, č, ș, …), and the widths to wrap it with.
//!
//! Invariant: every character of a document gets exactly one code, the same in every font and on
//! every page. What neither WinAnsi nor the extra table holds (and an extra letter once the free
//! codes have run out) is not Helvetica's: `typeset` gives it an embedded font. See "PDF fonts"
//! in `lib.rs`.

use std::collections::BTreeMap;

use printpdf::BuiltinFont;

use super::PdfError;
use super::widths::{self, Widths};
use super::winansi::win_ansi;

/// Letters outside WinAnsi that the standard 14 Latin fonts have (their glyph names in the
/// Adobe Glyph List, so text extraction maps them back), with the WinAnsi letter whose width
/// they are measured as and the extra width (in 1/1000 em) of a caron set beside an ascender.
const EXTRA: &[(char, &str, char, u16)] = &[
    ('Ā', "Amacron", 'A', 0),
    ('ā', "amacron", 'a', 0),
    ('Ă', "Abreve", 'A', 0),
    ('ă', "abreve", 'a', 0),
    ('Ą', "Aogonek", 'A', 0),
    ('ą', "aogonek", 'a', 0),
    ('Ć', "Cacute", 'C', 0),
    ('ć', "cacute", 'c', 0),
    ('Č', "Ccaron", 'C', 0),
    ('č', "ccaron", 'c', 0),
    ('Ď', "Dcaron", 'D', 0),
    ('ď', "dcaron", 'd', 100),
    ('Đ', "Dcroat", 'D', 0),
    ('đ', "dcroat", 'd', 0),
    ('Ē', "Emacron", 'E', 0),
    ('ē', "emacron", 'e', 0),
    ('Ė', "Edotaccent", 'E', 0),
    ('ė', "edotaccent", 'e', 0),
    ('Ę', "Eogonek", 'E', 0),
    ('ę', "eogonek", 'e', 0),
    ('Ě', "Ecaron", 'E', 0),
    ('ě', "ecaron", 'e', 0),
    ('Ğ', "Gbreve", 'G', 0),
    ('ğ', "gbreve", 'g', 0),
    ('Ģ', "Gcommaaccent", 'G', 0),
    ('ģ', "gcommaaccent", 'g', 0),
    ('Ī', "Imacron", 'I', 0),
    ('ī', "imacron", 'i', 60),
    ('Į', "Iogonek", 'I', 0),
    ('į', "iogonek", 'i', 0),
    ('İ', "Idotaccent", 'I', 0),
    ('ı', "dotlessi", 'i', 60),
    ('Ķ', "Kcommaaccent", 'K', 0),
    ('ķ', "kcommaaccent", 'k', 0),
    ('Ĺ', "Lacute", 'L', 0),
    ('ĺ', "lacute", 'l', 0),
    ('Ļ', "Lcommaaccent", 'L', 0),
    ('ļ', "lcommaaccent", 'l', 0),
    ('Ľ', "Lcaron", 'L', 0),
    ('ľ', "lcaron", 'l', 100),
    ('Ł', "Lslash", 'L', 0),
    ('ł', "lslash", 'l', 0),
    ('Ń', "Nacute", 'N', 0),
    ('ń', "nacute", 'n', 0),
    ('Ņ', "Ncommaaccent", 'N', 0),
    ('ņ', "ncommaaccent", 'n', 0),
    ('Ň', "Ncaron", 'N', 0),
    ('ň', "ncaron", 'n', 0),
    ('Ō', "Omacron", 'O', 0),
    ('ō', "omacron", 'o', 0),
    ('Ő', "Ohungarumlaut", 'O', 0),
    ('ő', "ohungarumlaut", 'o', 0),
    ('Ŕ', "Racute", 'R', 0),
    ('ŕ', "racute", 'r', 0),
    ('Ŗ', "Rcommaaccent", 'R', 0),
    ('ŗ', "rcommaaccent", 'r', 0),
    ('Ř', "Rcaron", 'R', 0),
    ('ř', "rcaron", 'r', 0),
    ('Ś', "Sacute", 'S', 0),
    ('ś', "sacute", 's', 0),
    ('Ş', "Scedilla", 'S', 0),
    ('ş', "scedilla", 's', 0),
    ('Ș', "Scommaaccent", 'S', 0),
    ('ș', "scommaaccent", 's', 0),
    ('Ţ', "Tcommaaccent", 'T', 0),
    ('ţ', "tcommaaccent", 't', 0),
    ('Ť', "Tcaron", 'T', 0),
    ('ť', "tcaron", 't', 100),
    ('Ū', "Umacron", 'U', 0),
    ('ū', "umacron", 'u', 0),
    ('Ů', "Uring", 'U', 0),
    ('ů', "uring", 'u', 0),
    ('Ű', "Uhungarumlaut", 'U', 0),
    ('ű', "uhungarumlaut", 'u', 0),
    ('Ų', "Uogonek", 'U', 0),
    ('ų', "uogonek", 'u', 0),
    ('Ź', "Zacute", 'Z', 0),
    ('ź', "zacute", 'z', 0),
    ('Ż', "Zdotaccent", 'Z', 0),
    ('ż', "zdotaccent", 'z', 0),
    ('−', "minus", '-', 200),
    ('≤', "lessequal", '<', 0),
    ('≥', "greaterequal", '>', 0),
    ('≠', "notequal", '=', 0),
];

/// Codes WinAnsi leaves unassigned (printable when a `/Differences` array names a glyph for
/// them): 0x01–0x1F, 0x7F, and the five holes in 0x80–0x9F.
fn free_codes() -> impl Iterator<Item = u8> {
    (0x01..=0x1f).chain([0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d])
}

/// The encoding of one document: which free code each extra letter got.
#[derive(Default)]
pub(super) struct Encoding {
    extra: BTreeMap<char, u8>,
}

impl Encoding {
    /// Assigns codes to the extra letters among `chars`, in order of first use, while codes last.
    pub(super) fn for_chars(chars: impl IntoIterator<Item = char>) -> Self {
        let mut extra = BTreeMap::new();
        let mut codes = free_codes();
        for c in chars {
            if win_ansi(c).is_none() && !extra.contains_key(&c) && EXTRA.iter().any(|e| e.0 == c) {
                match codes.next() {
                    Some(code) => {
                        extra.insert(c, code);
                    }
                    None => break,
                }
            }
        }
        Encoding { extra }
    }

    /// Whether Helvetica prints `c` in this encoding.
    pub(super) fn has(&self, c: char) -> bool {
        (win_ansi(c).is_some() && !c.is_control()) || self.extra.contains_key(&c)
    }

    /// The bytes of `text` in this encoding; `?` for what it cannot show.
    pub(super) fn encode(&self, text: &str) -> Vec<u8> {
        text.chars().map(|c| win_ansi(c).or_else(|| self.extra.get(&c).copied()).unwrap_or(b'?')).collect()
    }

    /// The `/Differences` array: `[code /GlyphName code /GlyphName …]`, ascending codes.
    pub(super) fn differences(&self) -> Vec<(u8, &'static str)> {
        let mut out: Vec<(u8, &'static str)> = self
            .extra
            .iter()
            .filter_map(|(c, code)| EXTRA.iter().find(|e| e.0 == *c).map(|e| (*code, e.1)))
            .collect();
        out.sort_unstable();
        out
    }
}

/// How many letters the encoding can add to WinAnsi (its free codes).
pub(crate) const FREE_CODES: usize = 37;

/// What the builtin Helvetica makes of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Helvetica {
    /// WinAnsi has it.
    WinAnsi,
    /// One of the extra letters (printed while the document's free codes last).
    Extra,
    /// A control or invisible formatting character (bidi marks, zero-width space): nothing to
    /// print, no font needed.
    Control,
    /// Helvetica cannot print it.
    No,
}

/// What Helvetica makes of `c`.
pub(crate) fn helvetica_has(c: char) -> Helvetica {
    if win_ansi(c).is_some() && !c.is_control() {
        Helvetica::WinAnsi
    } else if invisible(c) {
        Helvetica::Control
    } else if EXTRA.iter().any(|e| e.0 == c) {
        Helvetica::Extra
    } else {
        Helvetica::No
    }
}

/// Control and format characters that print nothing: C0/C1 controls, the zero-width and bidi
/// formatting characters (their work is done by the bidi algorithm), the byte order mark.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c), 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF)
}

/// The widths of Helvetica and Helvetica-Bold (`widths`: printpdf's own values, as a table).
pub(super) struct HelveticaMetrics;

impl HelveticaMetrics {
    pub(super) fn new() -> Result<Self, PdfError> {
        Ok(HelveticaMetrics)
    }

    /// A WinAnsi letter's advance in font units.
    fn units(font: &Widths, c: char) -> u32 {
        win_ansi(c).map_or(556, |code| u32::from(font.by_code[usize::from(code)]))
    }

    /// The advance of `c` in em. Characters are measured as they will print: an extra letter as
    /// its base letter (plus its caron allowance), anything else outside WinAnsi as `?`.
    pub(super) fn advance(&self, font: BuiltinFont, c: char) -> f32 {
        let f = if font == super::BOLD { &widths::BOLD } else { &widths::REGULAR };
        let upem = u32::from(f.units_per_em.max(1));
        let units = if win_ansi(c).is_some() {
            Self::units(f, c)
        } else if let Some(e) = EXTRA.iter().find(|e| e.0 == c) {
            Self::units(f, e.2) + u32::from(e.3) * upem / 1000
        } else {
            Self::units(f, '?')
        };
        units as f32 / upem as f32
    }
}
