//! PDF letters (issue 13 item 4), made in the browser by the same Rust as everything else.
//!
//! A letter written in the letter language is laid out as a European business letter on A4
//! (DIN 5008 form B, which SFS 2487 follows for window envelopes): the recipient's address in
//! the address zone of the window, 20 mm from the left edge (or, for envelopes with the window on
//! the right, 20 mm from the right edge) and 62.7 mm from the top, with our company's return line
//! just above it, in the window too; the letter's text from 98.5 mm, 25 mm from the left and
//! 20 mm from the right; fold marks at 105 mm and 210 mm and the hole mark at 148.5 mm; further
//! pages start 20 mm from the top and every page of a longer letter carries "n/m".
//!
//! The writer is small and written here rather than taken from a crate: a letter needs one font,
//! text and a few lines, and the PDF syntax for those is a page of code. The font is embedded
//! as a subset (see [`font`]) in a `Type0`/`CIDFontType2` font with `Identity-H` glyph ids and a
//! `ToUnicode` map, so text can be searched, copied and read back by `pdftotext`. Streams are
//! deflated.
//!
//! A Word letter is laid out from its own document instead ([`word`]): its page, header, footer,
//! paragraphs, tables, pictures and notes. Both kinds are pages of drawing operations ([`Op`])
//! written by the one writer here, so one PDF can hold letters of both kinds.
//!
//! Text is drawn left to right as it comes; right-to-left scripts are not shaped or reordered,
//! and characters the font lacks show as its empty box.

pub mod font;
mod image;
pub mod word;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::OnceLock;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};

use crate::core::docx::DocxError;
use font::{Font, LIBERATION_SANS};

/// Where the envelope's window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Window {
    #[default]
    Left,
    Right,
}

/// One letter to lay out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PdfLetter {
    /// The return line above the address, e.g. "Pohjoisen Kalusto Oy · Katu 1 · 00100 Helsinki".
    pub sender: String,
    /// The recipient's address, one line per line.
    pub address: String,
    /// The letter's text without the address: lines as the user wrote them, blank lines kept.
    pub body: String,
}

const MM: f64 = 72.0 / 25.4;
const PAGE_WIDTH: f64 = 210.0;
const PAGE_HEIGHT: f64 = 297.0;
const BODY_LEFT: f64 = 25.0;
const BODY_RIGHT: f64 = 20.0;
const BODY_TOP_FIRST: f64 = 98.5;
const BODY_TOP_NEXT: f64 = 20.0;
const BODY_BOTTOM: f64 = 277.0;
const WINDOW_WIDTH: f64 = 85.0;
const WINDOW_MARGIN: f64 = 20.0;
const ADDRESS_TOP: f64 = 62.7;
const RETURN_BASELINE: f64 = 60.0;
const BODY_SIZE: f64 = 11.0;
const ADDRESS_SIZE: f64 = 10.0;
const RETURN_SIZE: f64 = 7.0;
const NUMBER_SIZE: f64 = 8.0;
/// At most this many address lines (DIN 5008 allows six in the zone; more would leave the window).
const ADDRESS_LINES: usize = 9;

fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    // The font is part of the program; failing to read it would be a build mistake, which
    // the tests catch, so the fallback is never used in practice.
    FONT.get_or_init(|| Font::parse(LIBERATION_SANS).expect("the embedded font is readable"))
}

/// One line of text placed on a page, in millimetres from the top left, its baseline at `y`.
#[derive(Debug, Clone)]
struct Placed {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Breaks a line into lines no wider than `width` millimetres at `size`, at spaces where it
/// can, inside a word where a word alone is too wide.
fn wrap(line: &str, size: f64, width: f64) -> Vec<String> {
    let font = font();
    let fits = |text: &str| font.width(text, size) / MM <= width;
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word wider than the line is cut where it must be.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if !fits(&piece) && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        current = piece;
    }
    lines.push(current);
    lines
}

/// The pages of one letter, each a list of placed lines.
fn lay_out(letter: &PdfLetter, window: Window) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let window_left = match window {
        Window::Left => WINDOW_MARGIN,
        Window::Right => PAGE_WIDTH - WINDOW_MARGIN - WINDOW_WIDTH,
    };
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect()
    };
    if !letter.sender.trim().is_empty() {
        // The return line must fit the window: shrink the wrap to its first line.
        let sender = wrap(&clean(letter.sender.trim()), RETURN_SIZE, WINDOW_WIDTH);
        pages[0].push(Placed {
            x: window_left,
            y: RETURN_BASELINE,
            size: RETURN_SIZE,
            text: sender.into_iter().next().unwrap_or_default(),
        });
    }
    let leading = |size: f64| size * 1.25 / MM;
    let mut y = ADDRESS_TOP + ADDRESS_SIZE / MM;
    let address_lines = letter
        .address
        .lines()
        .map(|l| clean(l.trim()))
        .filter(|l| !l.is_empty())
        .flat_map(|l| wrap(&l, ADDRESS_SIZE, WINDOW_WIDTH))
        .take(ADDRESS_LINES);
    for line in address_lines {
        pages[0].push(Placed {
            x: window_left,
            y,
            size: ADDRESS_SIZE,
            text: line,
        });
        y += leading(ADDRESS_SIZE);
    }

    let width = PAGE_WIDTH - BODY_LEFT - BODY_RIGHT;
    let mut y = BODY_TOP_FIRST + BODY_SIZE / MM;
    let body = letter.body.replace("\r\n", "\n");
    let body = body.trim_matches('\n');
    for source in body.split('\n') {
        for line in wrap(&clean(source.trim_end()), BODY_SIZE, width) {
            if y > BODY_BOTTOM {
                pages.push(Vec::new());
                y = BODY_TOP_NEXT + BODY_SIZE / MM;
            }
            if !line.is_empty() {
                if let Some(page) = pages.last_mut() {
                    page.push(Placed {
                        x: BODY_LEFT,
                        y,
                        size: BODY_SIZE,
                        text: line,
                    });
                }
            }
            y += leading(BODY_SIZE);
        }
    }
    let count = pages.len();
    if count > 1 {
        for (index, page) in pages.iter_mut().enumerate() {
            let text = format!("{}/{count}", index + 1);
            let x = PAGE_WIDTH - BODY_RIGHT - font().width(&text, NUMBER_SIZE) / MM;
            page.push(Placed {
                x,
                y: 287.0,
                size: NUMBER_SIZE,
                text,
            });
        }
    }
    pages
}

/// A PDF document being written: objects by number, then the cross-reference table.
struct Writer {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Writer {
    fn new() -> Writer {
        // The comment with bytes above 127 tells transfer programs the file is binary.
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        out.reserve(64 * 1024);
        Writer {
            out,
            offsets: vec![0],
        }
    }

    /// Reserves the next object number.
    fn reserve(&mut self) -> usize {
        self.offsets.push(0);
        self.offsets.len() - 1
    }

    fn object(&mut self, id: usize, body: &str) {
        self.offsets[id] = self.out.len();
        let _ = write!(self.out, "{id} 0 obj\n{body}\nendobj\n");
    }

    fn stream(&mut self, id: usize, dictionary: &str, data: &[u8]) {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        let _ = encoder.write_all(data);
        let packed = encoder.finish().unwrap_or_default();
        self.offsets[id] = self.out.len();
        let _ = write!(
            self.out,
            "{id} 0 obj\n<< {dictionary} /Length {} /Filter /FlateDecode >>\nstream\n",
            packed.len()
        );
        self.out.extend_from_slice(&packed);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// A stream whose data is already encoded as its dictionary says (images).
    fn raw_stream(&mut self, id: usize, dictionary: &str, data: &[u8]) {
        self.offsets[id] = self.out.len();
        let _ = write!(
            self.out,
            "{id} 0 obj\n<< {dictionary} /Length {} >>\nstream\n",
            data.len()
        );
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let xref = self.out.len();
        let _ = write!(
            self.out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.offsets.len()
        );
        for offset in &self.offsets[1..] {
            let _ = writeln!(self.out, "{offset:010} 00000 n ");
        }
        let _ = write!(
            self.out,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        );
        self.out
    }
}

/// A text string in UTF-16BE with its byte-order mark, as PDF wants non-ASCII text.
fn pdf_text(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

fn num(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One PDF with every letter, each starting on a new page. `title` goes into the document's
/// information (shown as the window title by most readers).
pub fn letters_pdf(letters: &[PdfLetter], window: Window, title: &str) -> Vec<u8> {
    let pages: Vec<Page> = letters
        .iter()
        .flat_map(|letter| lay_out(letter, window))
        .map(|placed| business_page(&placed))
        .collect();
    write_pdf(&pages, &[], title)
}

/// A letter to make a PDF of: written in the letter language (laid out as a business letter)
/// or a merged Word document (laid out from its own layout, see [`word`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PdfSource {
    Text(PdfLetter),
    /// The merged .docx.
    Word(Vec<u8>),
}

impl From<PdfLetter> for PdfSource {
    fn from(letter: PdfLetter) -> Self {
        PdfSource::Text(letter)
    }
}

impl PdfSource {
    /// The letter written in the letter language, if this is one.
    pub fn text(&self) -> Option<&PdfLetter> {
        match self {
            PdfSource::Text(letter) => Some(letter),
            PdfSource::Word(_) => None,
        }
    }
}

/// One PDF of letters of either kind, each starting on a new page. Refused with the index of
/// the letter when a Word letter cannot be read (a merged letter always can, unless damaged).
pub fn sources_pdf(
    letters: &[PdfSource],
    window: Window,
    title: &str,
) -> Result<Vec<u8>, (usize, DocxError)> {
    let mut pages = Vec::new();
    let mut images = word::Images::default();
    for (index, letter) in letters.iter().enumerate() {
        match letter {
            PdfSource::Text(letter) => {
                pages.extend(lay_out(letter, window).iter().map(|p| business_page(p)))
            }
            PdfSource::Word(docx) => {
                let model =
                    crate::core::docx::layout::word_letter(docx).map_err(|error| (index, error))?;
                pages.extend(word::pages(&model, &mut images));
            }
        }
    }
    Ok(write_pdf(&pages, &images.list, title))
}

/// What a page shows, in points from its top left corner (the PDF's own origin is at the
/// bottom left; [`write_pdf`] turns it over).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Text from its baseline's left end.
    Text {
        x: f64,
        y: f64,
        size: f64,
        text: String,
        bold: bool,
        italic: bool,
        colour: [u8; 3],
    },
    Line {
        from: (f64, f64),
        to: (f64, f64),
        width: f64,
        colour: [u8; 3],
    },
    Rect {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        fill: [u8; 3],
    },
    /// An image of the document's image list, its top left corner at `x`, `y`.
    Image {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        image: usize,
    },
}

/// One page: its size in points and what it shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    pub ops: Vec<Op>,
}

/// A business letter's page: fold marks and its placed lines.
fn business_page(placed: &[Placed]) -> Page {
    let mut ops = Vec::with_capacity(placed.len() + 3);
    // Fold marks at 105 mm and 210 mm and the hole mark at 148.5 mm, on the left edge.
    for (y, length) in [(105.0, 5.0), (148.5, 7.0), (210.0, 5.0)] {
        ops.push(Op::Line {
            from: (3.5 * MM, y * MM),
            to: ((3.5 + length) * MM, y * MM),
            width: 0.3,
            colour: [128, 128, 128],
        });
    }
    for p in placed {
        ops.push(Op::Text {
            x: p.x * MM,
            y: p.y * MM,
            size: p.size,
            text: p.text.clone(),
            bold: false,
            italic: false,
            colour: [0, 0, 0],
        });
    }
    Page {
        width: PAGE_WIDTH * MM,
        height: PAGE_HEIGHT * MM,
        ops,
    }
}

fn colour(c: [u8; 3]) -> String {
    format!(
        "{} {} {}",
        num(f64::from(c[0]) / 255.0),
        num(f64::from(c[1]) / 255.0),
        num(f64::from(c[2]) / 255.0)
    )
}

/// The content stream of one page.
fn content(page: &Page) -> String {
    let font = font();
    let mut out = String::new();
    let mut in_text = false;
    let mut fill: Option<[u8; 3]> = None;
    let mut stroke: Option<[u8; 3]> = None;
    let mut size = -1.0;
    let mut mode = 0;
    let flip = |y: f64| num(page.height - y);
    for op in &page.ops {
        let text_op = matches!(op, Op::Text { .. });
        if text_op && !in_text {
            out.push_str("BT\n");
            in_text = true;
            size = -1.0;
        } else if !text_op && in_text {
            out.push_str("ET\n");
            in_text = false;
        }
        match op {
            Op::Text {
                x,
                y,
                size: text_size,
                text,
                bold,
                italic,
                colour: c,
            } => {
                if fill != Some(*c) {
                    let _ = writeln!(out, "{} rg", colour(*c));
                    fill = Some(*c);
                }
                // The one font has no bold or italic: bold is drawn by also stroking the
                // letters' outlines, italic by slanting them, as word processors do for a
                // font without those styles.
                let wanted = if *bold { 2 } else { 0 };
                if *bold {
                    if stroke != Some(*c) {
                        let _ = writeln!(out, "{} RG", colour(*c));
                        stroke = Some(*c);
                    }
                    let _ = writeln!(out, "{} w", num(text_size * 0.03));
                }
                if wanted != mode {
                    let _ = writeln!(out, "{wanted} Tr");
                    mode = wanted;
                }
                if *text_size != size {
                    let _ = writeln!(out, "/F1 {} Tf", num(*text_size));
                    size = *text_size;
                }
                let mut hex = String::with_capacity(text.len() * 4);
                for c in text.chars() {
                    let _ = write!(hex, "{:04X}", font.glyph(c));
                }
                let slant = if *italic { "0.21" } else { "0" };
                let _ = writeln!(out, "1 0 {slant} 1 {} {} Tm <{hex}> Tj", num(*x), flip(*y));
            }
            Op::Line {
                from,
                to,
                width,
                colour: c,
            } => {
                if stroke != Some(*c) {
                    let _ = writeln!(out, "{} RG", colour(*c));
                    stroke = Some(*c);
                }
                let _ = writeln!(
                    out,
                    "{} w {} {} m {} {} l S",
                    num(*width),
                    num(from.0),
                    flip(from.1),
                    num(to.0),
                    flip(to.1)
                );
            }
            Op::Rect {
                x,
                y,
                width,
                height,
                fill: c,
            } => {
                if fill != Some(*c) {
                    let _ = writeln!(out, "{} rg", colour(*c));
                    fill = Some(*c);
                }
                let _ = writeln!(
                    out,
                    "{} {} {} {} re f",
                    num(*x),
                    flip(y + height),
                    num(*width),
                    num(*height)
                );
            }
            Op::Image {
                x,
                y,
                width,
                height,
                image,
            } => {
                let _ = writeln!(
                    out,
                    "q {} 0 0 {} {} {} cm /Im{image} Do Q",
                    num(*width),
                    num(*height),
                    num(*x),
                    flip(y + height)
                );
            }
        }
    }
    if in_text {
        out.push_str("ET\n");
    }
    out
}

/// Writes pages as one PDF with the one embedded font (a subset of the glyphs the pages use)
/// and the images the pages name.
pub(crate) fn write_pdf(pages: &[Page], images: &[image::PdfImage], title: &str) -> Vec<u8> {
    let font = font();
    let mut used: BTreeMap<u16, char> = BTreeMap::new();
    for op in pages.iter().flat_map(|p| &p.ops) {
        if let Op::Text { text, .. } = op {
            for c in text.chars() {
                used.entry(font.glyph(c)).or_insert(c);
            }
        }
    }

    let mut w = Writer::new();
    let catalog = w.reserve();
    let pages_id = w.reserve();
    let font_id = w.reserve();
    let cid_font = w.reserve();
    let descriptor = w.reserve();
    let font_file = w.reserve();
    let to_unicode = w.reserve();
    let info = w.reserve();
    let image_ids: Vec<(usize, Option<usize>)> = images
        .iter()
        .map(|image| (w.reserve(), image.mask.as_ref().map(|_| w.reserve())))
        .collect();
    let page_ids: Vec<(usize, usize)> = pages.iter().map(|_| (w.reserve(), w.reserve())).collect();

    w.object(
        catalog,
        &format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"),
    );
    let kids: Vec<String> = page_ids.iter().map(|(p, _)| format!("{p} 0 R")).collect();
    w.object(
        pages_id,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            page_ids.len()
        ),
    );
    // A subset's font name starts with six capital letters and a plus (PDF 32000 §9.6.4).
    let base = "SGMNTI+LiberationSans";
    w.object(
        font_id,
        &format!("<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"),
    );
    let mut widths = String::new();
    for glyph in used.keys() {
        let _ = write!(widths, "{glyph} [{}] ", num(font.advance(*glyph)));
    }
    w.object(
        cid_font,
        &format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 0 /W [{widths}] /CIDToGIDMap /Identity >>"),
    );
    let scale = 1000.0 / f64::from(font.units_per_em);
    w.object(
        descriptor,
        &format!(
            "<< /Type /FontDescriptor /FontName /{base} /Flags 32 /FontBBox [-544 -303 1302 980] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight 729 /StemV 80 /FontFile2 {font_file} 0 R >>",
            num(f64::from(font.ascender) * scale),
            num(f64::from(font.descender) * scale)
        ),
    );
    let glyphs: BTreeSet<u16> = used.keys().copied().collect();
    w.stream(font_file, "", &font.subset(&glyphs));
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    let pairs: Vec<(&u16, &char)> = used.iter().filter(|(glyph, _)| **glyph != 0).collect();
    for block in pairs.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (glyph, c) in block {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{glyph:04X}> <{hex}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    w.stream(to_unicode, "", cmap.as_bytes());
    w.object(
        info,
        &format!("<< /Title {} /Producer (Segmentti) >>", pdf_text(title)),
    );

    for (image, (id, mask)) in images.iter().zip(&image_ids) {
        let mut dictionary = image.dictionary.clone();
        if let (Some((mask_dictionary, mask_data)), Some(mask)) = (&image.mask, mask) {
            let _ = write!(dictionary, " /SMask {mask} 0 R");
            w.raw_stream(*mask, mask_dictionary, mask_data);
        }
        w.raw_stream(*id, &dictionary, &image.data);
    }
    for (page, (page_id, content_id)) in pages.iter().zip(&page_ids) {
        w.stream(*content_id, "", content(page).as_bytes());
        let mut named: BTreeSet<usize> = BTreeSet::new();
        for op in &page.ops {
            if let Op::Image { image, .. } = op {
                named.insert(*image);
            }
        }
        let mut xobjects = String::new();
        if !named.is_empty() {
            xobjects.push_str(" /XObject <<");
            for image in named {
                if let Some((id, _)) = image_ids.get(image) {
                    let _ = write!(xobjects, " /Im{image} {id} 0 R");
                }
            }
            xobjects.push_str(" >>");
        }
        w.object(
            *page_id,
            &format!(
                "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 {font_id} 0 R >>{xobjects} >> /Contents {content_id} 0 R >>",
                num(page.width),
                num(page.height)
            ),
        );
    }
    w.finish(catalog, info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_and_inside_words_too_long_for_a_line() {
        let lines = wrap(&"sana ".repeat(60), BODY_SIZE, 165.0);
        assert!(lines.len() >= 2);
        assert!(lines
            .iter()
            .all(|l| font().width(l, BODY_SIZE) / MM <= 165.0));
        let long = wrap(&"x".repeat(400), BODY_SIZE, 165.0);
        assert!(long.len() >= 2 && long.concat() == "x".repeat(400));
    }

    #[test]
    fn a_long_letter_goes_on_to_numbered_pages() {
        let letter = PdfLetter {
            body: "Rivi\n".repeat(120),
            ..PdfLetter::default()
        };
        let pages = lay_out(&letter, Window::Left);
        assert_eq!(pages.len(), 3);
        assert!(pages[0].iter().any(|p| p.text == "1/3"));
        assert!(pages
            .iter()
            .flatten()
            .all(|p| p.y <= BODY_BOTTOM + 1.0 || p.size == NUMBER_SIZE));
    }

    #[test]
    fn the_address_sits_in_the_chosen_window() {
        let letter = PdfLetter {
            sender: "Oy Ab · Katu 1".into(),
            address: "Aino\nKatu 2\n00100 Helsinki".into(),
            body: "Hei".into(),
        };
        for (window, x) in [(Window::Left, 20.0), (Window::Right, 105.0)] {
            let page = &lay_out(&letter, window)[0];
            let aino = page.iter().find(|p| p.text == "Aino").unwrap();
            assert_eq!(aino.x, x);
            assert!(aino.y > ADDRESS_TOP && aino.y < ADDRESS_TOP + 10.0);
            let body = page.iter().find(|p| p.text == "Hei").unwrap();
            assert_eq!(body.x, BODY_LEFT);
            assert!(body.y > BODY_TOP_FIRST);
        }
    }
}
