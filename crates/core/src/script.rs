//! Which characters need which kind of font, as far as the PDF and its offline use care:
//! Chinese, Japanese and Korean (one large font, fetched only when needed), Hebrew, symbols.
//!
//! Shared by the PDF worker (which font prints a character) and the page (whether stored text
//! needs the CJK font kept for offline export), so the two never disagree.

/// Chinese, Japanese and Korean: Hangul Jamo, CJK radicals, symbols and punctuation, kana,
/// bopomofo, Hangul compatibility Jamo, enclosed CJK, Extension A, the unified ideographs,
/// Hangul syllables, compatibility ideographs and forms, half- and full-width forms, the
/// supplementary ideographic planes.
const CJK: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x2FF0, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
];

/// The Hebrew block and the Hebrew presentation forms.
const HEBREW: &[(u32, u32)] = &[(0x0590, 0x05FF), (0xFB1D, 0xFB4F)];

/// Arrows, mathematical operators, technical symbols; geometric shapes, miscellaneous symbols,
/// dingbats.
const SYMBOLS: &[(u32, u32)] = &[(0x2190, 0x23FF), (0x25A0, 0x27BF)];

fn within(ranges: &[(u32, u32)], c: char) -> bool {
    let u = u32::from(c);
    ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&u))
}

/// Whether `c` is Chinese, Japanese or Korean.
pub fn is_cjk(c: char) -> bool {
    within(CJK, c)
}

/// Whether `c` is Hebrew.
pub fn is_hebrew(c: char) -> bool {
    within(HEBREW, c)
}

/// Whether `c` is one of the symbols (arrows, operators, shapes, dingbats) fonts for letters lack.
pub fn is_symbol(c: char) -> bool {
    within(SYMBOLS, c)
}

/// Whether `text` holds any Chinese, Japanese or Korean character.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}
