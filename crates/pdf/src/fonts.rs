//! The fonts a PDF may embed besides the builtin Helvetica, which files of the build hold them,
//! and which of them a document needs.
//!
//! The files live in `public/fonts/` (Trunk copies them to `dist/fonts/`; `scripts/fonts.sh`
//! made them from Debian's packages; licences beside them). They are not in the worker's wasm:
//! the worker fetches those a document needs ([`needed_files`]) and hands them to a [`FontBook`],
//! which checks each file's SHA-256 against [`FILES`] and keeps the decoded tables for later
//! exports. Natively, tests read the same files from disk.
//!
//! The fallback chain, per character and fixed: Helvetica (everything `text` can encode), then
//! the face of the character's [`Group`] (Noto Sans for Latin, Greek, Cyrillic and the rest,
//! Noto Sans Hebrew, DejaVu Sans symbols, Droid Sans Fallback for Chinese, Japanese and Korean),
//! then the other faces in that order; a character none of them has prints as U+FFFD and is
//! reported (`Rendered::missing`).
//!
//! Invariant: which faces a document uses depends on its text alone (its groups), never on what
//! else a worker happens to have loaded, so the same document gives the same bytes in any
//! session that has the fonts it needs.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::FontTableProvider;
use allsorts::tables::cmap::Cmap;

use ti_core::script;

use crate::sfnt::{self, Sfnt, SfntError};

/// One embeddable face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Sans Regular: Latin (all of Latin Extended), Greek, Cyrillic, general punctuation.
    NotoRegular,
    /// Noto Sans Bold.
    NotoBold,
    /// Noto Sans Hebrew Regular.
    HebrewRegular,
    /// Noto Sans Hebrew Bold.
    HebrewBold,
    /// DejaVu Sans, symbols only: arrows, mathematical operators, shapes, dingbats. One weight.
    Symbols,
    /// Droid Sans Fallback: Han, kana, Hangul, CJK punctuation and full-width forms. One weight.
    Cjk,
}

/// What decides which faces a document needs: each character outside Helvetica belongs to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Everything without a group of its own (Noto Sans, both weights).
    General,
    /// The Hebrew block and Hebrew presentation forms.
    Hebrew,
    /// Arrows, operators, technical symbols, shapes, miscellaneous symbols, dingbats.
    Symbols,
    /// Chinese, Japanese and Korean.
    Cjk,
}

/// A font file of the build.
#[derive(Debug, PartialEq, Eq)]
pub struct FontFile {
    /// The face it holds.
    pub face: Face,
    /// Its path under `fonts/` in the build (`public/fonts/` in the repository).
    pub path: &'static str,
    /// SHA-256 of the file, hex.
    pub sha256: &'static str,
    /// Its size in bytes (what a fetch costs).
    pub bytes: usize,
    /// The PostScript name the PDF gives the embedded subset (after its `ABCDEF+` tag).
    pub ps_name: &'static str,
    /// The PDF resource name: fixed, so that two exports give the same bytes (printpdf's
    /// `add_font` draws a pseudo-random one); never `F1`..`F14`, the builtin fonts' names.
    pub resource: &'static str,
}

/// Every font file of the build. `scripts/fonts.sh` prints the names and hashes; a native test
/// checks them against `public/fonts/`. `on-demand/` files are not precached (public/sw.js).
pub const FILES: [FontFile; 6] = [
    FontFile {
        face: Face::NotoRegular,
        path: "NotoSans-Regular.29aaa057.woff2",
        sha256: "29aaa057955374fa55e031dead259199ba70b749dedaa7931ca2e7604b78ca3b",
        bytes: 81_808,
        ps_name: "NotoSans-Regular",
        resource: "TINR",
    },
    FontFile {
        face: Face::NotoBold,
        path: "NotoSans-Bold.291fdeba.woff2",
        sha256: "291fdebab16547adc3d134af9b00b1f7a352a8ed74eef7ba6a5a529172931503",
        bytes: 79_536,
        ps_name: "NotoSans-Bold",
        resource: "TINB",
    },
    FontFile {
        face: Face::HebrewRegular,
        path: "NotoSansHebrew-Regular.e18b0b78.woff2",
        sha256: "e18b0b78167cf596781d2ee7f47e9ea15ab7fa8fbd2a74ffaa02a833b5f18544",
        bytes: 4_672,
        ps_name: "NotoSansHebrew-Regular",
        resource: "TIHR",
    },
    FontFile {
        face: Face::HebrewBold,
        path: "NotoSansHebrew-Bold.6371f921.woff2",
        sha256: "6371f921fc58f1fe89bcf059d70b5773c154467dbccfd2b75d983c30f71caa53",
        bytes: 4_680,
        ps_name: "NotoSansHebrew-Bold",
        resource: "TIHB",
    },
    FontFile {
        face: Face::Symbols,
        path: "DejaVuSans-Symbols.91923e17.woff2",
        sha256: "91923e17f8ff181b205ca579b3c3c06149d710aab7eeee499e297502c939f24e",
        bytes: 58_028,
        ps_name: "DejaVuSans",
        resource: "TISY",
    },
    FontFile {
        face: Face::Cjk,
        path: "on-demand/DroidSansFallback.21be9e55.woff2",
        sha256: "21be9e55b1ef6a5cad03849d8cd5ead918d9dc53fcd5536c709557fea28d91de",
        bytes: 1_112_340,
        ps_name: "DroidSansFallback",
        resource: "TICJ",
    },
];

impl Face {
    /// Its file.
    pub fn file(self) -> &'static FontFile {
        match self {
            Face::NotoRegular => &FILES[0],
            Face::NotoBold => &FILES[1],
            Face::HebrewRegular => &FILES[2],
            Face::HebrewBold => &FILES[3],
            Face::Symbols => &FILES[4],
            Face::Cjk => &FILES[5],
        }
    }

    /// The group whose characters it prints.
    pub fn group(self) -> Group {
        match self {
            Face::NotoRegular | Face::NotoBold => Group::General,
            Face::HebrewRegular | Face::HebrewBold => Group::Hebrew,
            Face::Symbols => Group::Symbols,
            Face::Cjk => Group::Cjk,
        }
    }

    /// Whether bold text in this face must be emboldened by the renderer (no bold weight).
    pub(crate) fn needs_fake_bold(self) -> bool {
        matches!(self, Face::Symbols | Face::Cjk)
    }
}

impl Group {
    /// The faces of the group (both weights where there are two).
    pub fn faces(self) -> &'static [Face] {
        match self {
            Group::General => &[Face::NotoRegular, Face::NotoBold],
            Group::Hebrew => &[Face::HebrewRegular, Face::HebrewBold],
            Group::Symbols => &[Face::Symbols],
            Group::Cjk => &[Face::Cjk],
        }
    }

    /// The face for text of this group, regular or bold.
    pub(crate) fn face(self, bold: bool) -> Face {
        match (self, bold) {
            (Group::General, false) => Face::NotoRegular,
            (Group::General, true) => Face::NotoBold,
            (Group::Hebrew, false) => Face::HebrewRegular,
            (Group::Hebrew, true) => Face::HebrewBold,
            (Group::Symbols, _) => Face::Symbols,
            (Group::Cjk, _) => Face::Cjk,
        }
    }

    /// The group of a character Helvetica cannot print.
    pub fn of(c: char) -> Group {
        if script::is_hebrew(c) {
            Group::Hebrew
        } else if script::is_symbol(c) {
            Group::Symbols
        } else if script::is_cjk(c) {
            Group::Cjk
        } else {
            Group::General
        }
    }
}

/// Why a font file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    /// The name is not one of [`FILES`].
    #[error("`{0}` is not a font file of this version of ti-assess")]
    Unknown(String),
    /// The bytes are not the file this version ships (a stale cache or a damaged download).
    #[error("the font file `{0}` is not the one this version of ti-assess ships (damaged or stale)")]
    Checksum(&'static str),
    /// The file does not decode as a TrueType or WOFF2 font.
    #[error("the font file `{file}` could not be read: {reason}")]
    Decode {
        /// Which file.
        file: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// A face ready to measure and subset: its tables and its character map.
pub(crate) struct Loaded {
    pub(crate) sfnt: Sfnt,
    pub(crate) cmap: BTreeMap<char, u16>,
}

impl Loaded {
    /// The face's glyph for `c`, if it has one (glyph 0 is `.notdef`, not a glyph for `c`).
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&c).copied().filter(|g| *g != 0)
    }

    /// The advance of `c` in em (0 when the face lacks it).
    pub(crate) fn advance(&self, c: char) -> f32 {
        let units = self.glyph(c).and_then(|g| self.sfnt.metric(g).ok()).map_or(0, |m| m.0);
        f32::from(units) / f32::from(self.sfnt.units_per_em())
    }
}

/// The faces a worker (or a test) has loaded, decoded once and kept for every later export.
#[derive(Default)]
pub struct FontBook {
    faces: BTreeMap<Face, Loaded>,
}

impl FontBook {
    /// A book without fonts: documents print with Helvetica alone (and say what is missing).
    pub fn new() -> Self {
        FontBook::default()
    }

    /// Adds the font file `path` (as in [`FILES`]) with its bytes, after checking them.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<Face, FontError> {
        let file = FILES.iter().find(|f| f.path == path).ok_or_else(|| FontError::Unknown(path.into()))?;
        if ti_core::persist::sha256_hex(bytes) != file.sha256 {
            return Err(FontError::Checksum(file.path));
        }
        let loaded = decode(bytes).map_err(|reason| FontError::Decode { file: file.path, reason })?;
        self.faces.insert(file.face, loaded);
        Ok(file.face)
    }

    /// Whether `face` is loaded.
    pub fn has(&self, face: Face) -> bool {
        self.faces.contains_key(&face)
    }

    pub(crate) fn get(&self, face: Face) -> Option<&Loaded> {
        self.faces.get(&face)
    }

    /// The files that `text` needs and this book has not loaded yet, in [`FILES`] order.
    pub fn missing_files(&self, text: &str) -> Vec<&'static str> {
        needed_groups(text)
            .iter()
            .flat_map(|g| g.faces())
            .filter(|f| !self.has(**f))
            .map(|f| f.file().path)
            .collect()
    }
}

/// The files `text` needs, whatever is loaded.
pub fn needed_files(text: &str) -> Vec<&'static str> {
    FontBook::new().missing_files(text)
}

/// The groups of the characters of `text` that Helvetica cannot print (`text::helvetica_has`):
/// with more distinct extra Latin letters than the encoding has codes, the rest need Noto Sans.
pub fn needed_groups(text: &str) -> BTreeSet<Group> {
    let mut groups = BTreeSet::new();
    let mut extra = BTreeSet::new();
    for c in chars(text) {
        match crate::text::helvetica_has(c) {
            crate::text::Helvetica::WinAnsi | crate::text::Helvetica::Control => {}
            crate::text::Helvetica::Extra => {
                extra.insert(c);
            }
            crate::text::Helvetica::No => {
                groups.insert(Group::of(c));
            }
        }
    }
    if extra.len() > crate::text::FREE_CODES {
        groups.insert(Group::General);
    }
    groups
}

/// The characters of `text`, where `text` is a model's `Debug` form: its `\u{…}` escapes (Rust
/// escapes combining marks and other non-printing characters so) read as the characters they
/// stand for.
pub(crate) fn chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = text.chars();
    std::iter::from_fn(move || {
        let c = rest.next()?;
        if c != '\\' {
            return Some(c);
        }
        let ahead = rest.as_str();
        if let Some(after) = ahead.strip_prefix('\\') {
            rest = after.chars();
        } else if let Some((hex, after)) = ahead.strip_prefix("u{").and_then(|h| h.split_once('}'))
            && let Some(escaped) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        {
            rest = after.chars();
            return Some(escaped);
        }
        Some('\\')
    })
}

/// A font file's tables (TrueType or WOFF2, through allsorts, which printpdf already links) and
/// its Unicode character map.
fn decode(bytes: &[u8]) -> Result<Loaded, String> {
    let data = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    let mut tables = BTreeMap::new();
    for t in sfnt::TABLES {
        if let Some(d) = provider.table_data(t).map_err(|e| e.to_string())? {
            tables.insert(t, d.into_owned());
        }
    }
    let sfnt = Sfnt::new(tables).map_err(|e: SfntError| e.to_string())?;
    let cmap_data = provider.read_table_data(sfnt::tag(b"cmap")).map_err(|e| e.to_string())?;
    let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().map_err(|e| e.to_string())?;
    let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "no Unicode character map".to_owned())?;
    let mut map = BTreeMap::new();
    subtable
        .mappings_fn(|cp, gid| {
            if let Some(c) = char::from_u32(cp) {
                map.insert(c, gid);
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(Loaded { sfnt, cmap: map })
}
