//! WinAnsi, the one-byte encoding of the base-14 fonts' text (PDF 32000-1 Annex D.2): shared by
//! the encoder (`text`) and the width table (`widths`), which index by its codes.

/// The WinAnsi byte for `c` (PDF 32000-1 Annex D.2), if it has one.
pub(crate) fn win_ansi(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7e | 0xa0..=0xff => u8::try_from(u).ok(),
        _ => {
            const HIGH: [(char, u8); 27] = [
                ('€', 0x80),
                ('‚', 0x82),
                ('ƒ', 0x83),
                ('„', 0x84),
                ('…', 0x85),
                ('†', 0x86),
                ('‡', 0x87),
                ('ˆ', 0x88),
                ('‰', 0x89),
                ('Š', 0x8a),
                ('‹', 0x8b),
                ('Œ', 0x8c),
                ('Ž', 0x8e),
                ('‘', 0x91),
                ('’', 0x92),
                ('“', 0x93),
                ('”', 0x94),
                ('•', 0x95),
                ('–', 0x96),
                ('—', 0x97),
                ('˜', 0x98),
                ('™', 0x99),
                ('š', 0x9a),
                ('›', 0x9b),
                ('œ', 0x9c),
                ('ž', 0x9e),
                ('Ÿ', 0x9f),
            ];
            HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b)
        }
    }
}
