//! The one font PDFs are set in: Liberation Sans (SIL Open Font License 1.1, the licence is in
//! `assets/fonts/LiberationSans-LICENSE.txt`), metric-compatible with Arial, and covering Finnish,
//! Swedish and the Latin Extended letters. The file is shipped as Debian's `fonts-liberation2`
//! has it, unmodified; each PDF embeds a subset made here with only the glyphs it uses, as the
//! licence allows for embedding in documents.
//!
//! Only what setting text needs is read: the character map (formats 4 and 12), the advance
//! widths, the vertical metrics, and `loca`/`glyf` to cut the subset. A subset keeps every table
//! a PDF reader needs for a TrueType font program (`head`, `hhea`, `maxp`, `hmtx`, `loca`,
//! `glyf`, and the hinting tables `cvt `, `fpgm`, `prep`) and keeps glyph ids as they are: the
//! glyphs not used are emptied rather than removed, so the PDF can name glyphs by their ids in
//! the full font (`CIDToGIDMap /Identity`).

use std::collections::{BTreeSet, HashMap};

/// The font file, as shipped.
pub const LIBERATION_SANS: &[u8] =
    include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");

/// Why a font cannot be used; only a damaged file would give one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError(pub &'static str);

/// A TrueType font read for setting text.
#[derive(Debug)]
pub struct Font {
    data: &'static [u8],
    tables: HashMap<[u8; 4], (usize, usize)>,
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    /// Advance widths by glyph id, in font units.
    advances: Vec<u16>,
    cmap: HashMap<char, u16>,
    long_loca: bool,
    glyph_count: u16,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

impl Font {
    pub fn parse(data: &'static [u8]) -> Result<Font, FontError> {
        let bad = FontError("the font file is damaged");
        let count = u16_at(data, 4).ok_or(bad.clone())? as usize;
        let mut tables = HashMap::new();
        for index in 0..count {
            let at = 12 + 16 * index;
            let tag: [u8; 4] = data
                .get(at..at + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or(bad.clone())?;
            let offset = u32_at(data, at + 8).ok_or(bad.clone())? as usize;
            let length = u32_at(data, at + 12).ok_or(bad.clone())? as usize;
            if offset
                .checked_add(length)
                .is_none_or(|end| end > data.len())
            {
                return Err(bad);
            }
            tables.insert(tag, (offset, length));
        }
        let table = |tag: &[u8; 4]| tables.get(tag).copied().ok_or(bad.clone());
        let (head, _) = table(b"head")?;
        let (hhea, _) = table(b"hhea")?;
        let (maxp, _) = table(b"maxp")?;
        let (hmtx, _) = table(b"hmtx")?;
        let units_per_em = u16_at(data, head + 18).ok_or(bad.clone())?;
        let long_loca = i16_at(data, head + 50).ok_or(bad.clone())? == 1;
        let ascender = i16_at(data, hhea + 4).ok_or(bad.clone())?;
        let descender = i16_at(data, hhea + 6).ok_or(bad.clone())?;
        let metrics = u16_at(data, hhea + 34).ok_or(bad.clone())? as usize;
        let glyph_count = u16_at(data, maxp + 4).ok_or(bad.clone())?;
        let mut advances = Vec::with_capacity(glyph_count as usize);
        let mut last = 0;
        for glyph in 0..glyph_count as usize {
            if glyph < metrics {
                last = u16_at(data, hmtx + 4 * glyph).ok_or(bad.clone())?;
            }
            advances.push(last);
        }
        let cmap = read_cmap(data, table(b"cmap")?.0).ok_or(bad.clone())?;
        if units_per_em == 0 {
            return Err(bad);
        }
        Ok(Font {
            data,
            tables,
            units_per_em,
            ascender,
            descender,
            advances,
            cmap,
            long_loca,
            glyph_count,
        })
    }

    /// The glyph of a character; 0 (the "missing" glyph) when the font has none.
    pub fn glyph(&self, c: char) -> u16 {
        self.cmap.get(&c).copied().unwrap_or(0)
    }

    /// A glyph's advance width in thousandths of the font size, as PDF measures widths.
    pub fn advance(&self, glyph: u16) -> f64 {
        let units = self.advances.get(glyph as usize).copied().unwrap_or(0);
        f64::from(units) * 1000.0 / f64::from(self.units_per_em)
    }

    /// The width of a text in points at a size, without kerning.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f64>()
            * size
            / 1000.0
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&'static [u8]> {
        let (offset, length) = self.tables.get(tag)?;
        self.data.get(*offset..offset + length)
    }

    /// The byte range of a glyph's outline in `glyf`.
    fn glyph_range(&self, loca: &[u8], glyph: u16) -> Option<(usize, usize)> {
        let g = glyph as usize;
        let (start, end) = if self.long_loca {
            (
                u32_at(loca, 4 * g)? as usize,
                u32_at(loca, 4 * g + 4)? as usize,
            )
        } else {
            (
                u16_at(loca, 2 * g)? as usize * 2,
                u16_at(loca, 2 * g + 2)? as usize * 2,
            )
        };
        (start <= end).then_some((start, end))
    }

    /// A font program with only `glyphs` (and the glyphs their composites are made of) drawn:
    /// every other glyph is empty, and glyph ids are unchanged.
    pub fn subset(&self, glyphs: &BTreeSet<u16>) -> Vec<u8> {
        let (Some(loca), Some(glyf)) = (self.table(b"loca"), self.table(b"glyf")) else {
            return self.data.to_vec();
        };
        // Composite glyphs name their parts; those are kept too (to a fixed depth).
        let mut keep: BTreeSet<u16> = glyphs.clone();
        keep.insert(0);
        let mut pending: Vec<u16> = keep.iter().copied().collect();
        let mut rounds = 0;
        while let Some(glyph) = pending.pop() {
            rounds += 1;
            if rounds > 10_000 {
                break;
            }
            let Some((start, end)) = self.glyph_range(loca, glyph) else {
                continue;
            };
            let Some(outline) = glyf.get(start..end) else {
                continue;
            };
            for part in components(outline) {
                if part < self.glyph_count && keep.insert(part) {
                    pending.push(part);
                }
            }
        }
        let mut new_glyf = Vec::new();
        let mut new_loca = Vec::with_capacity((self.glyph_count as usize + 1) * 4);
        for glyph in 0..self.glyph_count {
            new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
            if keep.contains(&glyph) {
                if let Some(outline) = self
                    .glyph_range(loca, glyph)
                    .and_then(|(start, end)| glyf.get(start..end))
                {
                    new_glyf.extend_from_slice(outline);
                    while new_glyf.len() % 4 != 0 {
                        new_glyf.push(0);
                    }
                }
            }
        }
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let mut head = self.table(b"head").unwrap_or_default().to_vec();
        if head.len() >= 54 {
            // No whole-file checksum (readers ignore it in embedded fonts), long offsets.
            head[8..12].copy_from_slice(&[0; 4]);
            head[50..52].copy_from_slice(&1_i16.to_be_bytes());
        }
        let mut tables: Vec<([u8; 4], Vec<u8>)> =
            vec![(*b"glyf", new_glyf), (*b"head", head), (*b"loca", new_loca)];
        for tag in [b"cvt ", b"fpgm", b"hhea", b"hmtx", b"maxp", b"prep"] {
            if let Some(table) = self.table(tag) {
                tables.push((*tag, table.to_vec()));
            }
        }
        tables.sort_by_key(|(tag, _)| *tag);
        write_font(&tables)
    }
}

/// The glyphs a composite glyph is made of (none for a simple glyph).
fn components(outline: &[u8]) -> Vec<u16> {
    let mut parts = Vec::new();
    if i16_at(outline, 0).is_none_or(|contours| contours >= 0) {
        return parts;
    }
    let mut at = 10;
    while let (Some(flags), Some(glyph)) = (u16_at(outline, at), u16_at(outline, at + 2)) {
        parts.push(glyph);
        at += 4;
        at += if flags & 0x0001 != 0 { 4 } else { 2 };
        if flags & 0x0008 != 0 {
            at += 2;
        } else if flags & 0x0040 != 0 {
            at += 4;
        } else if flags & 0x0080 != 0 {
            at += 8;
        }
        if flags & 0x0020 == 0 || parts.len() > 64 {
            break;
        }
    }
    parts
}

fn checksum(table: &[u8]) -> u32 {
    table.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file of these tables (sorted by tag), each padded to four bytes.
fn write_font(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let mut power = 1u16;
    let mut log = 0u16;
    while power * 2 <= count {
        power *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000_u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    out
}

/// The Unicode character map: format 12 (all planes) if present, else format 4 (the BMP).
fn read_cmap(data: &[u8], cmap: usize) -> Option<HashMap<char, u16>> {
    let count = u16_at(data, cmap + 2)? as usize;
    let mut best: Option<(u16, usize)> = None;
    for index in 0..count {
        let at = cmap + 4 + 8 * index;
        let platform = u16_at(data, at)?;
        let encoding = u16_at(data, at + 2)?;
        let offset = cmap + u32_at(data, at + 4)? as usize;
        let format = u16_at(data, offset)?;
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if unicode && (format == 12 || (format == 4 && best.is_none_or(|(f, _)| f != 12))) {
            best = Some((format, offset));
        }
    }
    let (format, at) = best?;
    let mut map = HashMap::new();
    if format == 12 {
        let groups = u32_at(data, at + 12)? as usize;
        for group in 0..groups.min(100_000) {
            let g = at + 16 + 12 * group;
            let (start, end, glyph) =
                (u32_at(data, g)?, u32_at(data, g + 4)?, u32_at(data, g + 8)?);
            for (i, code) in (start..=end.min(start.saturating_add(0xFFFF))).enumerate() {
                if let Some(c) = char::from_u32(code) {
                    map.insert(c, (glyph as usize + i) as u16);
                }
            }
        }
        return Some(map);
    }
    let segments = u16_at(data, at + 6)? as usize / 2;
    let ends = at + 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let ranges = deltas + 2 * segments;
    for s in 0..segments {
        let end = u16_at(data, ends + 2 * s)?;
        let start = u16_at(data, starts + 2 * s)?;
        let delta = u16_at(data, deltas + 2 * s)?;
        let range = u16_at(data, ranges + 2 * s)?;
        for code in start..=end {
            if code == 0xFFFF {
                break;
            }
            let glyph = if range == 0 {
                code.wrapping_add(delta)
            } else {
                let at = ranges + 2 * s + range as usize + 2 * (code - start) as usize;
                match u16_at(data, at)? {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            };
            if let Some(c) = char::from_u32(u32::from(code)) {
                if glyph != 0 {
                    map.insert(c, glyph);
                }
            }
        }
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_finnish_swedish_and_latin_extended() {
        let font = Font::parse(LIBERATION_SANS).unwrap();
        for c in "ÄäÖöÅåŠšŽžŁłŐőĆćĘęŘřŞşĞğİıÆæØøÉéÇçÑñß€–—„“”‘’".chars()
        {
            assert_ne!(font.glyph(c), 0, "{c}");
        }
        // Liberation Sans is metric-compatible with Arial: "A" is 667/1000 em wide.
        assert_eq!(font.advance(font.glyph('A')).round(), 667.0);
        assert!((font.width("AA", 10.0) - 13.34).abs() < 0.01);
    }

    #[test]
    fn a_subset_is_small_and_grows_with_the_glyphs_it_keeps() {
        let font = Font::parse(LIBERATION_SANS).unwrap();
        let glyphs = |text: &str| text.chars().map(|c| font.glyph(c)).collect::<BTreeSet<_>>();
        let small = font.subset(&glyphs("H"));
        let large = font.subset(&glyphs("Hyvä Åsa Šťěpán Łódź"));
        assert!(small.len() < large.len());
        assert!(large.len() < 40_000, "{} bytes", large.len());
        assert!(LIBERATION_SANS.len() > 10 * large.len());
    }
}
