//! A subsetter for TrueType (`glyf`) fonts: from a font's tables and the characters a document
//! prints, the small font program the PDF embeds.
//!
//! It keeps `.notdef`, the glyphs of the characters and, transitively, the components of
//! composite glyphs; renumbers them densely in ascending order of their old ids (rewriting the
//! component ids inside composite glyphs); and writes head, hhea, maxp, hmtx (one full metric
//! per glyph), loca (long), glyf, a format-12 cmap of exactly the kept characters, post (version
//! 3, no names), and name and OS/2 as they are (name carries the copyright and licence).
//!
//! Why our own: printpdf without its heavy `text_layout` feature embeds whole fonts, and
//! allsorts' generic `subset()` links its CFF/CFF2 subsetters too: +142 KB brotli in the worker,
//! against +6 KB for this file (BENCHMARKS.md). The fonts we ship are all `glyf` fonts.
//!
//! Invariant: the output is a function of the tables and the character map alone (sorted maps,
//! `head` copied apart from `indexToLocFormat` and the checksum, so no time stamp changes), and
//! every glyph id it writes is below the new `numGlyphs`.

use std::collections::{BTreeMap, BTreeSet};

/// A table tag as the big-endian number it is in the file.
pub(crate) const fn tag(t: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*t)
}

const HEAD: u32 = tag(b"head");
const HHEA: u32 = tag(b"hhea");
const MAXP: u32 = tag(b"maxp");
const HMTX: u32 = tag(b"hmtx");
const LOCA: u32 = tag(b"loca");
const GLYF: u32 = tag(b"glyf");
const CMAP: u32 = tag(b"cmap");
const POST: u32 = tag(b"post");
const NAME: u32 = tag(b"name");
const OS_2: u32 = tag(b"OS/2");

/// The tables a source font must have, and those copied or rewritten when present: what the
/// loader takes out of a decoded font.
pub(crate) const TABLES: [u32; 9] = [HEAD, HHEA, MAXP, HMTX, LOCA, GLYF, POST, NAME, OS_2];
const NEEDED: [u32; 6] = [HEAD, HHEA, MAXP, HMTX, LOCA, GLYF];

/// Why a font cannot be subset: it is not the TrueType font we expect (a damaged file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SfntError {
    /// A table every TrueType font has is missing (a CFF font, or not a font).
    #[error("the font has no `{0}` table")]
    Missing(String),
    /// A table is shorter than its structure or points outside itself.
    #[error("the font is damaged: {0}")]
    Malformed(&'static str),
}

fn tag_name(t: u32) -> String {
    String::from_utf8_lossy(&t.to_be_bytes()).into_owned()
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, SfntError> {
    match b.get(at..at + 2) {
        Some(&[x, y]) => Ok(u16::from_be_bytes([x, y])),
        _ => Err(SfntError::Malformed("a table is shorter than its structure")),
    }
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, SfntError> {
    match b.get(at..at + 4) {
        Some(&[w, x, y, z]) => Ok(u32::from_be_bytes([w, x, y, z])),
        _ => Err(SfntError::Malformed("a table is shorter than its structure")),
    }
}

fn put16(b: &mut [u8], at: usize, v: u16) -> Result<(), SfntError> {
    b.get_mut(at..at + 2)
        .ok_or(SfntError::Malformed("a table is shorter than its structure"))?
        .copy_from_slice(&v.to_be_bytes());
    Ok(())
}

fn put32(b: &mut [u8], at: usize, v: u32) -> Result<(), SfntError> {
    b.get_mut(at..at + 4)
        .ok_or(SfntError::Malformed("a table is shorter than its structure"))?
        .copy_from_slice(&v.to_be_bytes());
    Ok(())
}

/// A TrueType font's tables, owned (decoded once from TTF or WOFF2, then subset per document).
pub(crate) struct Sfnt {
    tables: BTreeMap<u32, Vec<u8>>,
    num_glyphs: u16,
    num_hmetrics: u16,
    long_loca: bool,
    units_per_em: u16,
}

impl Sfnt {
    /// Checks that `tables` hold a TrueType font whose counts agree.
    pub(crate) fn new(tables: BTreeMap<u32, Vec<u8>>) -> Result<Self, SfntError> {
        if let Some(t) = NEEDED.iter().find(|t| !tables.contains_key(t)) {
            return Err(SfntError::Missing(tag_name(*t)));
        }
        let get = |t: u32| tables.get(&t).map(Vec::as_slice).unwrap_or_default();
        let num_glyphs = u16_at(get(MAXP), 4)?;
        let num_hmetrics = u16_at(get(HHEA), 34)?;
        let long_loca = u16_at(get(HEAD), 50)? != 0;
        let units_per_em = u16_at(get(HEAD), 18)?;
        if num_hmetrics == 0 || num_hmetrics > num_glyphs || units_per_em == 0 {
            return Err(SfntError::Malformed("inconsistent glyph counts"));
        }
        let loca_len = (usize::from(num_glyphs) + 1) * if long_loca { 4 } else { 2 };
        let hmtx_len = usize::from(num_hmetrics) * 4 + usize::from(num_glyphs - num_hmetrics) * 2;
        if get(LOCA).len() < loca_len || get(HMTX).len() < hmtx_len {
            return Err(SfntError::Malformed("loca or hmtx is shorter than maxp says"));
        }
        Ok(Sfnt { tables, num_glyphs, num_hmetrics, long_loca, units_per_em })
    }

    fn table(&self, t: u32) -> &[u8] {
        self.tables.get(&t).map(Vec::as_slice).unwrap_or_default()
    }

    /// Font units per em (`head.unitsPerEm`).
    pub(crate) fn units_per_em(&self) -> u16 {
        self.units_per_em
    }

    /// The bytes of glyph `gid` in `glyf` (empty for a glyph without outline, such as a space).
    fn glyph(&self, gid: u16) -> Result<&[u8], SfntError> {
        if gid >= self.num_glyphs {
            return Err(SfntError::Malformed("a glyph id past maxp.numGlyphs"));
        }
        let loca = self.table(LOCA);
        let i = usize::from(gid);
        let (start, end) = if self.long_loca {
            (u32_at(loca, i * 4)? as usize, u32_at(loca, i * 4 + 4)? as usize)
        } else {
            (usize::from(u16_at(loca, i * 2)?) * 2, usize::from(u16_at(loca, i * 2 + 2)?) * 2)
        };
        if start >= end {
            return Ok(&[]);
        }
        self.table(GLYF).get(start..end).ok_or(SfntError::Malformed("loca points past glyf"))
    }

    /// Advance width and left side bearing of `gid`, in font units.
    pub(crate) fn metric(&self, gid: u16) -> Result<(u16, u16), SfntError> {
        let hmtx = self.table(HMTX);
        let n = usize::from(self.num_hmetrics);
        let g = usize::from(gid);
        if gid >= self.num_glyphs {
            return Err(SfntError::Malformed("a glyph id past maxp.numGlyphs"));
        }
        if g < n {
            Ok((u16_at(hmtx, g * 4)?, u16_at(hmtx, g * 4 + 2)?))
        } else {
            Ok((u16_at(hmtx, (n - 1) * 4)?, u16_at(hmtx, n * 4 + (g - n) * 2)?))
        }
    }

    /// The subset font that draws exactly the characters of `mapping` (character → glyph id in
    /// this font), as sfnt bytes.
    pub(crate) fn subset(&self, mapping: &BTreeMap<char, u16>) -> Result<Vec<u8>, SfntError> {
        let mut keep: BTreeSet<u16> = BTreeSet::new();
        let mut todo: Vec<u16> = std::iter::once(0).chain(mapping.values().copied()).collect();
        while let Some(g) = todo.pop() {
            if keep.insert(g) {
                todo.extend(components(self.glyph(g)?)?);
            }
        }
        let n = u16::try_from(keep.len()).map_err(|_| SfntError::Malformed("too many glyphs"))?;
        let new_id: BTreeMap<u16, u16> = keep.iter().copied().zip(0..n).collect();

        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity(keep.len() * 4 + 4);
        let mut hmtx = Vec::with_capacity(keep.len() * 4);
        for g in &keep {
            loca.extend_from_slice(&offset32(glyf.len())?.to_be_bytes());
            let mut data = self.glyph(*g)?.to_vec();
            renumber_components(&mut data, &new_id)?;
            glyf.extend_from_slice(&data);
            glyf.resize(glyf.len().next_multiple_of(4), 0);
            let (advance, lsb) = self.metric(*g)?;
            hmtx.extend_from_slice(&advance.to_be_bytes());
            hmtx.extend_from_slice(&lsb.to_be_bytes());
        }
        loca.extend_from_slice(&offset32(glyf.len())?.to_be_bytes());

        let mut head = self.table(HEAD).to_vec();
        put16(&mut head, 50, 1)?; // indexToLocFormat: long
        put32(&mut head, 8, 0)?; // checkSumAdjustment, computed over the whole font below
        let mut hhea = self.table(HHEA).to_vec();
        put16(&mut hhea, 34, n)?;
        let mut maxp = self.table(MAXP).to_vec();
        put16(&mut maxp, 4, n)?;

        let mut tables: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
        tables.insert(HEAD, head);
        tables.insert(HHEA, hhea);
        tables.insert(MAXP, maxp);
        tables.insert(HMTX, hmtx);
        tables.insert(LOCA, loca);
        tables.insert(GLYF, glyf);
        tables.insert(CMAP, cmap12(mapping, &new_id));
        if let Some(post) = self.tables.get(&POST).and_then(|p| p.get(..32)) {
            let mut post = post.to_vec();
            put32(&mut post, 0, 0x0003_0000)?; // version 3: no glyph names
            tables.insert(POST, post);
        }
        for t in [NAME, OS_2] {
            if let Some(d) = self.tables.get(&t) {
                tables.insert(t, d.clone());
            }
        }
        write_sfnt(&tables)
    }
}

fn offset32(n: usize) -> Result<u32, SfntError> {
    u32::try_from(n).map_err(|_| SfntError::Malformed("glyf over 4 GiB"))
}

// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// Where the component glyph ids of a composite glyph sit (none for a simple glyph).
fn component_offsets(glyph: &[u8]) -> Result<Vec<usize>, SfntError> {
    match glyph {
        [a, b, ..] if glyph.len() >= 10 && i16::from_be_bytes([*a, *b]) < 0 => {}
        _ => return Ok(Vec::new()),
    }
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        u16_at(glyph, at + 2)?;
        out.push(at + 2);
        at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

fn components(glyph: &[u8]) -> Result<Vec<u16>, SfntError> {
    component_offsets(glyph)?.into_iter().map(|at| u16_at(glyph, at)).collect()
}

fn renumber_components(glyph: &mut [u8], new_id: &BTreeMap<u16, u16>) -> Result<(), SfntError> {
    for at in component_offsets(glyph)? {
        let old = u16_at(glyph, at)?;
        let new = new_id.get(&old).ok_or(SfntError::Malformed("a component glyph was not kept"))?;
        put16(glyph, at, *new)?;
    }
    Ok(())
}

/// A cmap with one Windows UCS-4 (3, 10) format-12 subtable; characters that follow each other
/// on glyphs that follow each other share a group.
fn cmap12(mapping: &BTreeMap<char, u16>, new_id: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for (c, g) in mapping {
        let (c, Some(g)) = (u32::from(*c), new_id.get(g).map(|g| u32::from(*g))) else { continue };
        match groups.last_mut() {
            Some((start, end, first)) if *end + 1 == c && *first + (c - *start) == g => *end = c,
            _ => groups.push((c, c, g)),
        }
    }
    let length = 16 + 12 * groups.len() as u32;
    let mut out = Vec::with_capacity(12 + length as usize);
    for half in [0u16, 1, 3, 10] {
        out.extend_from_slice(&half.to_be_bytes()); // version, numTables, platform, encoding
    }
    out.extend_from_slice(&12u32.to_be_bytes()); // subtable offset
    out.extend_from_slice(&12u16.to_be_bytes()); // format
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&0u32.to_be_bytes()); // language
    out.extend_from_slice(&(groups.len() as u32).to_be_bytes());
    for (start, end, gid) in groups {
        for v in [start, end, gid] {
            out.extend_from_slice(&v.to_be_bytes());
        }
    }
    out
}

/// The OpenType checksum: the sum of the big-endian u32 words, the last one zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// An sfnt (TrueType outlines) of `tables` in tag order, each 4-byte aligned, with
/// `head.checkSumAdjustment` set.
fn write_sfnt(tables: &BTreeMap<u32, Vec<u8>>) -> Result<Vec<u8>, SfntError> {
    let n = u16::try_from(tables.len()).map_err(|_| SfntError::Malformed("too many tables"))?;
    let entry_selector = n.max(1).ilog2() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    for half in [0x0001u16, 0x0000, n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&half.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (t, data) in tables {
        out.extend_from_slice(&t.to_be_bytes());
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&offset32(offset)?.to_be_bytes());
        out.extend_from_slice(&offset32(data.len())?.to_be_bytes());
        if *t == HEAD {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for data in tables.values() {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        put32(&mut out, at + 8, adjustment)?;
    }
    Ok(out)
}
