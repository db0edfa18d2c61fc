//! A Word letter's PDF, laid out from its layout model ([`crate::core::docx::layout`], the
//! model read with the HTML preview's machinery): the section's page size and margins, the
//! default header and footer on every page (page number fields filled in per page), paragraphs
//! broken into lines with their alignment, indents and spacing, runs in their size, colour,
//! bold, italic, underline and strike, tables with merged cells, borders and fills (nested),
//! PNG and JPEG pictures, text boxes, page breaks, footnotes at the foot of the page that
//! refers to them, and endnotes after the text.
//!
//! Lines are broken here, not by a browser, with the one embedded font (Liberation Sans, metric
//! compatible with Arial); a document set in another font (Calibri, Times New Roman) therefore
//! breaks its lines where Arial would, and bold and italic are drawn from the regular font
//! (stroked and slanted). The layout is a flow of boxes: each line, table row or space is a box
//! of known height, and pages are filled with boxes until the next one (with the footnotes it
//! refers to) would cross the bottom margin. A table row is never split across pages; a row
//! taller than a page runs over its bottom edge.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::image::{self, PdfImage};
use super::{font, Op, Page, MM};
use crate::core::docx::layout::*;

/// Liberation Sans's vertical metrics in ems (`hhea`): what a line of text needs above and below
/// its baseline, and the gap the font asks for between lines.
const ASCENT: f64 = 0.905;
const DESCENT: f64 = 0.212;
const GAP: f64 = 0.033;
/// Word's default tab stops, every 1.27 cm.
const TAB: f64 = 36.0;
/// The short rule above footnotes and endnotes, in points.
const NOTE_RULE: f64 = 144.0;

/// The images of one PDF, each kept once however many letters show it (a logo in every letter
/// of a thousand is one image in the file).
#[derive(Debug, Default)]
pub(crate) struct Images {
    pub list: Vec<PdfImage>,
    seen: HashMap<(u64, usize), Option<usize>>,
}

impl Images {
    fn add(&mut self, data: &ImageData) -> Option<usize> {
        let bytes = match data {
            ImageData::Png(bytes) | ImageData::Jpeg(bytes) => bytes,
        };
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = (hasher.finish(), bytes.len());
        if let Some(known) = self.seen.get(&key) {
            return *known;
        }
        let image = match data {
            ImageData::Png(bytes) => image::png(bytes),
            ImageData::Jpeg(bytes) => image::jpeg(bytes),
        };
        let index = image.map(|image| {
            self.list.push(image);
            self.list.len() - 1
        });
        self.seen.insert(key, index);
        index
    }
}

/// What laying out needs besides the blocks.
struct Ctx<'a> {
    images: &'a mut Images,
    /// The page and the number of pages, where they are known (headers and footers).
    numbers: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text, a table row, a rule: always placed.
    Content,
    /// Space between paragraphs: dropped at the top of a page.
    Space,
    /// Starts a new page.
    Break,
}

/// One box of the vertical flow: its height, what it draws relative to its top left corner,
/// what it draws at fixed places on the page it lands on, and the footnotes it refers to.
#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    height: f64,
    ops: Vec<Op>,
    page_ops: Vec<Op>,
    notes: Vec<String>,
}

impl Item {
    fn space(height: f64) -> Item {
        Item {
            kind: Kind::Space,
            height,
            ops: Vec::new(),
            page_ops: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn page_break() -> Item {
        Item {
            kind: Kind::Break,
            ..Item::space(0.0)
        }
    }
}

fn shifted(op: &Op, dx: f64, dy: f64) -> Op {
    let mut op = op.clone();
    match &mut op {
        Op::Text { x, y, .. } | Op::Rect { x, y, .. } | Op::Image { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Op::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
    }
    op
}

/// Items stacked without pages (a cell, a text box, a header): their ops from the top left,
/// the fixed-place ops, and the height.
fn stack(items: &[Item]) -> (Vec<Op>, Vec<Op>, f64) {
    let mut ops = Vec::new();
    let mut page_ops = Vec::new();
    let mut y = 0.0;
    for item in items {
        ops.extend(item.ops.iter().map(|op| shifted(op, 0.0, y)));
        page_ops.extend(item.page_ops.iter().cloned());
        y += item.height;
    }
    (ops, page_ops, y)
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/// A piece of a line.
#[derive(Debug, Clone)]
enum Piece {
    Word(String, TextStyle),
    Space(TextStyle),
    Tab(TextStyle),
    Break,
    PageBreak,
    /// A picture or text box in the line: its size, its ops from its top left corner.
    Box {
        width: f64,
        height: f64,
        ops: Vec<Op>,
        page_ops: Vec<Op>,
    },
    Note(String, TextStyle),
}

fn drawn_size(style: &TextStyle) -> f64 {
    match style.vertical {
        Vertical::Baseline => style.size,
        _ => style.size * 0.65,
    }
}

fn text_width(text: &str, style: &TextStyle) -> f64 {
    font().width(text, drawn_size(style))
}

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect()
}

/// A picture as ops in a box of its size.
fn picture_ops(picture: &Picture, ctx: &mut Ctx<'_>) -> Vec<Op> {
    let Some(image) = ctx.images.add(&picture.data) else {
        return Vec::new();
    };
    vec![Op::Image {
        x: 0.0,
        y: 0.0,
        width: picture.width * MM,
        height: picture.height * MM,
        image,
    }]
}

/// A text box as ops from its top left corner, and its size in points.
fn text_box_ops(text_box: &TextBox, width: f64, ctx: &mut Ctx<'_>) -> (Vec<Op>, Vec<Op>, f64, f64) {
    let width = if text_box.width > 0.0 {
        text_box.width * MM
    } else {
        width
    };
    let [top, right, bottom, left] = text_box.padding.map(|p| p * MM);
    let inner = (width - left - right).max(1.0);
    let items = flow(&text_box.blocks, inner, ctx);
    let (inner_ops, page_ops, inner_height) = stack(&items);
    let height = (text_box.height * MM).max(inner_height + top + bottom);
    let mut ops: Vec<Op> = inner_ops.iter().map(|op| shifted(op, left, top)).collect();
    if let Some(border) = text_box.border {
        ops.extend(rectangle(0.0, 0.0, width, height, border));
    }
    (ops, page_ops, width, height)
}

fn rectangle(x: f64, y: f64, width: f64, height: f64, border: Border) -> Vec<Op> {
    let corners = [
        (x, y),
        (x + width, y),
        (x + width, y + height),
        (x, y + height),
        (x, y),
    ];
    corners
        .windows(2)
        .map(|pair| Op::Line {
            from: pair[0],
            to: pair[1],
            width: border.width,
            colour: border.colour,
        })
        .collect()
}

/// An object anchored to a paragraph: its x and y from the paragraph's top left, its ops from
/// its own top left, and its height.
type Anchored = (f64, f64, Vec<Op>, f64);

/// The pieces of a paragraph's inlines, the objects anchored to the paragraph (with their
/// place from its top left corner) and the objects placed on the page.
fn pieces(
    paragraph: &Paragraph,
    width: f64,
    ctx: &mut Ctx<'_>,
) -> (Vec<Piece>, Vec<Anchored>, Vec<Op>) {
    let mut out = Vec::new();
    let mut anchored = Vec::new();
    let mut on_page = Vec::new();
    let words = |text: &str, style: TextStyle, out: &mut Vec<Piece>| {
        let text = clean(text);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(Piece::Space(style));
            }
            if !word.is_empty() {
                out.push(Piece::Word(word.to_string(), style));
            }
        }
    };
    for inline in &paragraph.inlines {
        match inline {
            Inline::Text(text, style) => {
                // A line feed in merged text (an address) breaks the line as in Word.
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.push(Piece::Break);
                    }
                    words(line, *style, &mut out);
                }
            }
            Inline::Tab(style) => out.push(Piece::Tab(*style)),
            Inline::Break(_) => out.push(Piece::Break),
            Inline::PageBreak => out.push(Piece::PageBreak),
            Inline::Field(kind, cached, style) => {
                let text = match (ctx.numbers, kind) {
                    (Some((page, _)), PageField::Page) => page.to_string(),
                    (Some((_, count)), PageField::Pages) => count.to_string(),
                    (None, _) => cached.clone(),
                };
                words(&text, *style, &mut out);
            }
            Inline::NoteRef(mark, style) => out.push(Piece::Note(mark.clone(), *style)),
            Inline::Picture(picture) => {
                let ops = picture_ops(picture, ctx);
                let (w, h) = (picture.width * MM, picture.height * MM);
                place(
                    picture.placement,
                    ops,
                    Vec::new(),
                    w,
                    h,
                    &mut out,
                    &mut anchored,
                    &mut on_page,
                );
            }
            Inline::TextBox(text_box) => {
                let (ops, page_ops, w, h) = text_box_ops(text_box, width, ctx);
                place(
                    text_box.placement,
                    ops,
                    page_ops,
                    w,
                    h,
                    &mut out,
                    &mut anchored,
                    &mut on_page,
                );
            }
        }
    }
    (out, anchored, on_page)
}

#[allow(clippy::too_many_arguments)]
fn place(
    placement: Placement,
    ops: Vec<Op>,
    page_ops: Vec<Op>,
    width: f64,
    height: f64,
    out: &mut Vec<Piece>,
    anchored: &mut Vec<Anchored>,
    on_page: &mut Vec<Op>,
) {
    match placement {
        Placement::Inline => out.push(Piece::Box {
            width,
            height,
            ops,
            page_ops,
        }),
        Placement::Page { x, y } => {
            on_page.extend(ops.iter().map(|op| shifted(op, x * MM, y * MM)));
            on_page.extend(page_ops);
        }
        Placement::Paragraph { x, y } => {
            on_page.extend(page_ops);
            anchored.push((x.unwrap_or(0.0) * MM, y * MM, ops, height));
        }
    }
}

/// A line being filled: its pieces with their x, and its width so far.
#[derive(Default)]
struct LineBuf {
    pieces: Vec<(f64, Piece, f64)>,
    width: f64,
    page_break_after: bool,
    /// Ended by a line break (not justified, as the last line of a paragraph is not).
    hard: bool,
}

fn piece_width(piece: &Piece) -> f64 {
    match piece {
        Piece::Word(text, style) | Piece::Note(text, style) => text_width(text, style),
        Piece::Space(style) => text_width(" ", style),
        Piece::Box { width, .. } => *width,
        Piece::Tab(_) | Piece::Break | Piece::PageBreak => 0.0,
    }
}

/// Breaks a paragraph's pieces into lines no wider than the room each line has.
fn break_lines(
    tabs: &[(f64, Align)],
    pieces: Vec<Piece>,
    first_room: f64,
    room: f64,
    tab_origin: f64,
    hanging: f64,
) -> Vec<LineBuf> {
    let mut lines: Vec<LineBuf> = vec![LineBuf::default()];
    // Groups: runs of pieces with no space between them break together.
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Word(..) | Piece::Note(..) | Piece::Box { .. } => current.push(piece),
            other => {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
                groups.push(vec![other]);
            }
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    // The width of the text after each group up to the next tab or break: what a right or
    // centred tab stop aligns.
    let mut following = vec![0.0; groups.len()];
    let mut run = 0.0;
    for (index, group) in groups.iter().enumerate().rev() {
        following[index] = run;
        run = match group[0] {
            Piece::Tab(_) | Piece::Break | Piece::PageBreak => 0.0,
            _ => run + group.iter().map(piece_width).sum::<f64>(),
        };
    }
    for (index, group) in groups.into_iter().enumerate() {
        let line_room = |lines: &Vec<LineBuf>| if lines.len() == 1 { first_room } else { room };
        match &group[0] {
            Piece::Break | Piece::PageBreak => {
                let last = lines.last_mut().expect("a line");
                last.hard = true;
                last.page_break_after = matches!(group[0], Piece::PageBreak);
                lines.push(LineBuf::default());
                continue;
            }
            Piece::Space(_) => {
                // Spaces at the start of a wrapped line are not drawn; at the start of the
                // paragraph or after a break they are (Word keeps a line's leading spaces).
                let line = lines.last_mut().expect("a line");
                if line.pieces.is_empty() && lines.len() > 1 && !lines[lines.len() - 2].hard {
                    continue;
                }
                let line = lines.last_mut().expect("a line");
                let w = piece_width(&group[0]);
                line.pieces.push((line.width, group[0].clone(), w));
                line.width += w;
                continue;
            }
            Piece::Tab(_) => {
                let first = lines.len() == 1;
                let line = lines.last_mut().expect("a line");
                // The first line starts `hanging` points right of the others' start; stops are
                // measured from the text's left edge, and the hanging indent is a stop too.
                let origin = if first {
                    tab_origin + hanging
                } else {
                    tab_origin
                };
                let at = origin + line.width;
                let mut stop = ((at / TAB).floor() + 1.0) * TAB;
                if hanging < 0.0 && first && at < tab_origin - 0.01 {
                    stop = tab_origin;
                }
                // The document's own stops come first; past the last of them the defaults.
                let custom = tabs.iter().find(|(pos, _)| *pos > at + 0.01);
                let w = match custom {
                    Some((pos, Align::Right)) => pos - following[index] - at,
                    Some((pos, Align::Center)) => pos - following[index] / 2.0 - at,
                    Some((pos, _)) => pos - at,
                    None => stop - at,
                }
                .max(0.0);
                line.pieces.push((line.width, group[0].clone(), w));
                line.width += w;
                continue;
            }
            _ => {}
        }
        let mut width: f64 = group.iter().map(piece_width).sum();
        let room_now = line_room(&lines);
        let mut group = group;
        if lines
            .last()
            .is_some_and(|l| l.width + width > room_now + 0.01 && !l.pieces.is_empty())
        {
            // Trailing spaces stay on the line they end.
            lines.push(LineBuf::default());
        }
        // A group wider than a whole line is cut where it must be.
        while width > line_room(&lines) + 0.01 && group.len() == 1 {
            let Piece::Word(text, style) = &group[0] else {
                break;
            };
            let room_left = line_room(&lines) - lines.last().map(|l| l.width).unwrap_or(0.0);
            let mut cut = String::new();
            for c in text.chars() {
                cut.push(c);
                if text_width(&cut, style) > room_left && cut.chars().count() > 1 {
                    cut.pop();
                    break;
                }
            }
            if cut.is_empty() || cut.len() == text.len() {
                break;
            }
            let rest = text[cut.len()..].to_string();
            let style = *style;
            let line = lines.last_mut().expect("a line");
            let w = text_width(&cut, &style);
            line.pieces.push((line.width, Piece::Word(cut, style), w));
            line.width += w;
            lines.push(LineBuf::default());
            group = vec![Piece::Word(rest, style)];
            width = group.iter().map(piece_width).sum();
        }
        let line = lines.last_mut().expect("a line");
        for piece in group {
            let w = piece_width(&piece);
            line.pieces.push((line.width, piece, w));
            line.width += w;
        }
    }
    lines
}

/// The height of a line's text above and below its baseline, and the font's gap.
fn extent(line: &LineBuf, mark: &TextStyle) -> (f64, f64, f64) {
    let mut ascent: f64 = 0.0;
    let mut descent: f64 = 0.0;
    let mut gap: f64 = 0.0;
    let mut text = false;
    for (_, piece, _) in &line.pieces {
        match piece {
            Piece::Word(_, style)
            | Piece::Space(style)
            | Piece::Tab(style)
            | Piece::Note(_, style) => {
                text = true;
                ascent = ascent.max(style.size * ASCENT);
                descent = descent.max(style.size * DESCENT);
                gap = gap.max(style.size * GAP);
            }
            Piece::Box { height, .. } => ascent = ascent.max(*height),
            _ => {}
        }
    }
    if !text {
        // An empty line, or one of only pictures, still has the paragraph mark's height.
        ascent = ascent.max(mark.size * ASCENT);
        descent = descent.max(mark.size * DESCENT);
        gap = gap.max(mark.size * GAP);
    }
    (ascent, descent, gap)
}

/// Lays out one paragraph as items of the flow.
fn paragraph_items(paragraph: &Paragraph, width: f64, ctx: &mut Ctx<'_>, out: &mut Vec<Item>) {
    if paragraph.page_break_before {
        out.push(Item::page_break());
    }
    if paragraph.before > 0.0 {
        out.push(Item::space(paragraph.before));
    }
    let left = paragraph.left;
    let room = (width - left - paragraph.right).max(1.0);
    let first_room = (room - paragraph.first).max(1.0);
    let (pieces, anchored, mut on_page) = pieces(paragraph, room, ctx);
    let lines = break_lines(
        &paragraph.tabs,
        pieces,
        first_room,
        room,
        left,
        paragraph.first,
    );
    let count = lines.len();
    let mut first_item = out.len();
    let mut paragraph_height = 0.0;
    if let Some(border) = paragraph.border_top {
        out.push(Item {
            kind: Kind::Content,
            height: border.width + 2.0,
            ops: vec![Op::Line {
                from: (left, border.width / 2.0),
                to: (width - paragraph.right, border.width / 2.0),
                width: border.width,
                colour: border.colour,
            }],
            page_ops: Vec::new(),
            notes: Vec::new(),
        });
        first_item = out.len();
    }
    for (index, line) in lines.into_iter().enumerate() {
        let (ascent, descent, gap) = extent(&line, &paragraph.mark);
        let natural = ascent + descent + gap;
        let height = match paragraph.line {
            LineSpacing::Multiple(m) => natural * m,
            LineSpacing::Exact(h) => h,
            LineSpacing::AtLeast(h) => natural.max(h),
        };
        let baseline = match paragraph.line {
            LineSpacing::Exact(h) => (h - descent - gap).max(h * 0.5),
            _ => ascent + gap / 2.0,
        };
        let indent = left + if index == 0 { paragraph.first } else { 0.0 };
        let line_room = if index == 0 { first_room } else { room };
        // Trailing spaces are not counted for alignment.
        let trailing: f64 = line
            .pieces
            .iter()
            .rev()
            .take_while(|(_, p, _)| matches!(p, Piece::Space(_)))
            .map(|(_, _, w)| w)
            .sum();
        let used = line.width - trailing;
        let slack = (line_room - used).max(0.0);
        let last = index + 1 == count || line.hard;
        let spaces = line
            .pieces
            .iter()
            .filter(|(x, p, _)| matches!(p, Piece::Space(_)) && *x + 0.01 < used)
            .count();
        let (shift, stretch) = match paragraph.align {
            Align::Left => (0.0, 0.0),
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
            Align::Justify if !last && spaces > 0 => (0.0, slack / spaces as f64),
            Align::Justify => (0.0, 0.0),
        };
        let mut background = Vec::new();
        let mut ops = Vec::new();
        let mut notes = Vec::new();
        let mut page_ops = Vec::new();
        if let Some(fill) = paragraph.shading {
            background.push(Op::Rect {
                x: left,
                y: 0.0,
                width: width - left - paragraph.right,
                height,
                fill,
            });
        }
        let mut extra = 0.0;
        // Text is gathered into runs of one style so that a line is drawn (and read back) as
        // few strings as it can be.
        let mut run: Option<(f64, String, TextStyle)> = None;
        let flush = |run: &mut Option<(f64, String, TextStyle)>,
                     ops: &mut Vec<Op>,
                     background: &mut Vec<Op>| {
            if let Some((x, text, style)) = run.take() {
                text_ops(x, baseline, &text, &style, ops, background);
            }
        };
        for (x, piece, w) in line.pieces {
            let x = indent + shift + x + extra;
            match piece {
                Piece::Word(text, style) => match &mut run {
                    Some((_, so_far, s)) if *s == style => so_far.push_str(&text),
                    _ => {
                        flush(&mut run, &mut ops, &mut background);
                        run = Some((x, text, style));
                    }
                },
                Piece::Space(style) => {
                    if stretch > 0.0 {
                        flush(&mut run, &mut ops, &mut background);
                        extra += stretch;
                    } else {
                        match &mut run {
                            Some((_, so_far, s)) if *s == style => so_far.push(' '),
                            _ => {
                                flush(&mut run, &mut ops, &mut background);
                                run = Some((x, " ".to_string(), style));
                            }
                        }
                    }
                }
                Piece::Tab(_) => flush(&mut run, &mut ops, &mut background),
                Piece::Note(mark, style) => {
                    flush(&mut run, &mut ops, &mut background);
                    notes.push(mark.clone());
                    text_ops(x, baseline, &mark, &style, &mut ops, &mut background);
                }
                Piece::Box {
                    height: h,
                    ops: box_ops,
                    page_ops: box_page_ops,
                    ..
                } => {
                    flush(&mut run, &mut ops, &mut background);
                    ops.extend(box_ops.iter().map(|op| shifted(op, x, baseline - h)));
                    page_ops.extend(box_page_ops);
                }
                Piece::Break | Piece::PageBreak => {}
            }
            let _ = w;
        }
        flush(&mut run, &mut ops, &mut background);
        background.extend(ops);
        out.push(Item {
            kind: Kind::Content,
            height,
            ops: background,
            page_ops,
            notes,
        });
        paragraph_height += height;
        if line.page_break_after {
            out.push(Item::page_break());
        }
    }
    // Objects anchored to the paragraph hang from its first line; the paragraph makes room.
    let mut bottom: f64 = 0.0;
    if let Some(item) = out.get_mut(first_item) {
        for (x, y, ops, height) in anchored {
            item.ops.extend(ops.iter().map(|op| shifted(op, x, y)));
            bottom = bottom.max(y + height);
        }
        item.page_ops.append(&mut on_page);
    }
    if bottom > paragraph_height {
        out.push(Item {
            kind: Kind::Content,
            ..Item::space(bottom - paragraph_height)
        });
    }
    if let Some(border) = paragraph.border_bottom {
        out.push(Item {
            kind: Kind::Content,
            height: border.width + 2.0,
            ops: vec![Op::Line {
                from: (left, 1.0 + border.width / 2.0),
                to: (width - paragraph.right, 1.0 + border.width / 2.0),
                width: border.width,
                colour: border.colour,
            }],
            page_ops: Vec::new(),
            notes: Vec::new(),
        });
    }
    if paragraph.after > 0.0 {
        out.push(Item::space(paragraph.after));
    }
    if paragraph.page_break_after {
        out.push(Item::page_break());
    }
}

/// A run of text at its baseline, with its highlight behind it and its lines.
fn text_ops(
    x: f64,
    baseline: f64,
    text: &str,
    style: &TextStyle,
    ops: &mut Vec<Op>,
    background: &mut Vec<Op>,
) {
    let size = drawn_size(style);
    let y = match style.vertical {
        Vertical::Baseline => baseline,
        Vertical::Superscript => baseline - style.size * 0.35,
        Vertical::Subscript => baseline + style.size * 0.14,
    };
    let width = text_width(text, style);
    if let Some(fill) = style.highlight {
        background.push(Op::Rect {
            x,
            y: y - size * ASCENT,
            width,
            height: size * (ASCENT + DESCENT),
            fill,
        });
    }
    ops.push(Op::Text {
        x,
        y,
        size,
        text: text.to_string(),
        bold: style.bold,
        italic: style.italic,
        colour: style.colour,
    });
    let mut rule = |dy: f64| {
        ops.push(Op::Line {
            from: (x, y + dy),
            to: (x + width, y + dy),
            width: size * 0.06,
            colour: style.colour,
        })
    };
    if style.underline {
        rule(size * 0.11);
    }
    if style.strike {
        rule(-size * 0.28);
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

fn table_items(table: &Table, width: f64, ctx: &mut Ctx<'_>, out: &mut Vec<Item>) {
    let total: f64 = table.columns.iter().sum();
    let x0 = match table.align {
        Align::Center => ((width - total) / 2.0).max(0.0),
        Align::Right => (width - total).max(0.0),
        _ => table.indent,
    };
    let starts: Vec<f64> = table
        .columns
        .iter()
        .scan(0.0, |at, w| {
            let start = *at;
            *at += w;
            Some(start)
        })
        .collect();
    let column_x = |c: usize| starts.get(c).copied().unwrap_or(total);
    // Each cell's content first, so that every row knows its height.
    struct Laid {
        row: usize,
        x: f64,
        width: f64,
        ops: Vec<Op>,
        page_ops: Vec<Op>,
        height: f64,
        notes: Vec<String>,
    }
    let mut laid: Vec<(Laid, &Cell)> = Vec::new();
    let mut heights: Vec<f64> = table.rows.iter().map(|r| r.min_height).collect();
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            let x = column_x(cell.column);
            let cell_width = column_x(cell.column + cell.span) - x;
            let [top, right, bottom, left] = cell.padding;
            let inner = (cell_width - left - right).max(1.0);
            let items = flow(&cell.blocks, inner, ctx);
            let notes = items.iter().flat_map(|i| i.notes.clone()).collect();
            let (ops, page_ops, height) = stack(&items);
            // The last paragraph's space after does not count at the bottom of a cell, as in
            // the preview (and in Word with its default compatibility).
            let trailing = items
                .iter()
                .rev()
                .take_while(|i| i.kind == Kind::Space)
                .map(|i| i.height)
                .sum::<f64>();
            let height = height - trailing + top + bottom;
            if cell.rows == 1 {
                heights[r] = heights[r].max(height);
            }
            laid.push((
                Laid {
                    row: r,
                    x,
                    width: cell_width,
                    ops: ops.iter().map(|op| shifted(op, x + left, top)).collect(),
                    page_ops,
                    height,
                    notes,
                },
                cell,
            ));
        }
    }
    // A cell merged down several rows makes its last row taller if it needs to.
    for (cell, model) in &laid {
        if model.rows > 1 {
            let end = (cell.row + model.rows).min(heights.len());
            let spanned: f64 = heights[cell.row..end].iter().sum();
            if spanned < cell.height {
                heights[end - 1] += cell.height - spanned;
            }
        }
    }
    let mut rows: Vec<Item> = heights
        .iter()
        .map(|h| Item {
            kind: Kind::Content,
            ..Item::space(*h)
        })
        .collect();
    for (cell, model) in laid {
        let end = (cell.row + model.rows).min(heights.len());
        let height: f64 = heights[cell.row..end].iter().sum();
        let item = &mut rows[cell.row];
        if let Some(fill) = model.fill {
            item.ops.insert(
                0,
                Op::Rect {
                    x: x0 + cell.x,
                    y: 0.0,
                    width: cell.width,
                    height,
                    fill,
                },
            );
        }
        let offset = match model.valign {
            1 => (height - cell.height) / 2.0,
            2 => height - cell.height,
            _ => 0.0,
        }
        .max(0.0);
        item.ops
            .extend(cell.ops.iter().map(|op| shifted(op, x0, offset)));
        item.page_ops.extend(cell.page_ops);
        item.notes.extend(cell.notes);
        let (x, y, w, h) = (x0 + cell.x, 0.0, cell.width, height);
        let sides = [
            ((x, y), (x + w, y)),
            ((x + w, y), (x + w, y + h)),
            ((x, y + h), (x + w, y + h)),
            ((x, y), (x, y + h)),
        ];
        for (border, (from, to)) in model.borders.iter().zip(sides) {
            if let Some(border) = border {
                item.ops.push(Op::Line {
                    from,
                    to,
                    width: border.width,
                    colour: border.colour,
                });
            }
        }
    }
    out.extend(rows);
}

/// Blocks as items of a flow `width` points wide.
fn flow(blocks: &[Block], width: f64, ctx: &mut Ctx<'_>) -> Vec<Item> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => paragraph_items(paragraph, width, ctx, &mut out),
            Block::Table(table) => table_items(table, width, ctx, &mut out),
        }
    }
    out
}

/// A note's items: its mark in front of its text.
fn note_items(note: &Note, width: f64, ctx: &mut Ctx<'_>) -> Vec<Item> {
    let mut blocks = note.blocks.clone();
    if let Some(Block::Paragraph(first)) = blocks.first_mut() {
        let mut style = first.mark;
        style.vertical = Vertical::Superscript;
        // The note's text usually starts with its own space after Word's mark.
        let spaced =
            matches!(first.inlines.first(), Some(Inline::Text(t, _)) if t.starts_with(' '));
        let mark = if spaced {
            note.mark.clone()
        } else {
            format!("{} ", note.mark)
        };
        first.inlines.insert(0, Inline::Text(mark, style));
    }
    flow(&blocks, width, ctx)
}

fn rule_item() -> Item {
    Item {
        kind: Kind::Content,
        height: 6.0,
        ops: vec![Op::Line {
            from: (0.0, 3.0),
            to: (NOTE_RULE, 3.0),
            width: 0.5,
            colour: [0, 0, 0],
        }],
        page_ops: Vec::new(),
        notes: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Pages

/// The header and footer drawn for one page: ops from the page's top left, and their heights.
fn sides(letter: &WordLetter, numbers: (usize, usize), ctx: &mut Ctx<'_>) -> (Vec<Op>, f64, f64) {
    let page = letter.page;
    let width = (page.width - page.left - page.right) * MM;
    ctx.numbers = Some(numbers);
    let (header_ops, header_page, header_height) = stack(&flow(&letter.header, width, ctx));
    let (footer_ops, footer_page, footer_height) = stack(&flow(&letter.footer, width, ctx));
    ctx.numbers = None;
    let mut ops = Vec::new();
    let top = page.header * MM;
    ops.extend(header_ops.iter().map(|op| shifted(op, page.left * MM, top)));
    let footer_top = (page.height - page.footer) * MM - footer_height;
    ops.extend(
        footer_ops
            .iter()
            .map(|op| shifted(op, page.left * MM, footer_top)),
    );
    ops.extend(header_page);
    ops.extend(footer_page);
    (ops, top + header_height, footer_top)
}

/// The pages of one letter.
pub(crate) fn pages(letter: &WordLetter, images: &mut Images) -> Vec<Page> {
    let page = letter.page;
    let mut ctx = Ctx {
        images,
        numbers: None,
    };
    let width = ((page.width - page.left - page.right) * MM).max(10.0);
    let (_, header_bottom, footer_top) = sides(letter, (1, 1), &mut ctx);
    // The text starts below the header when the header is taller than the top margin, and
    // ends above the footer likewise, as in Word.
    let top = (page.top * MM).max(header_bottom);
    let bottom = ((page.height - page.bottom) * MM)
        .min(footer_top)
        .max(top + 36.0);
    let x = page.left * MM;

    let mut items = flow(&letter.body, width, &mut ctx);
    if !letter.endnotes.is_empty() {
        items.push(rule_item());
        for note in &letter.endnotes {
            items.extend(note_items(note, width, &mut ctx));
        }
    }
    let footnotes: HashMap<&str, Vec<Item>> = letter
        .footnotes
        .iter()
        .map(|note| (note.mark.as_str(), note_items(note, width, &mut ctx)))
        .collect();
    let note_height = |mark: &str| {
        footnotes
            .get(mark)
            .map(|items| items.iter().map(|i| i.height).sum::<f64>())
            .unwrap_or(0.0)
    };

    // Each page: its ops and the footnotes it carries.
    let mut pages: Vec<(Vec<Op>, Vec<String>)> = vec![(Vec::new(), Vec::new())];
    let mut y = top;
    let mut notes_height = 0.0;
    let mut empty = true;
    for item in items {
        if item.kind == Kind::Break {
            if !empty {
                pages.push((Vec::new(), Vec::new()));
                y = top;
                notes_height = 0.0;
                empty = true;
            }
            continue;
        }
        if item.kind == Kind::Space && empty {
            continue;
        }
        let mut needed: f64 = item.notes.iter().map(|m| note_height(m)).sum();
        if needed > 0.0 && notes_height == 0.0 {
            needed += rule_item().height;
        }
        if y + item.height + notes_height + needed > bottom + 0.01 && !empty {
            pages.push((Vec::new(), Vec::new()));
            y = top;
            notes_height = 0.0;
            empty = true;
            if item.kind == Kind::Space {
                continue;
            }
            needed = item.notes.iter().map(|m| note_height(m)).sum();
            if needed > 0.0 {
                needed += rule_item().height;
            }
        }
        let current = pages.last_mut().expect("a page");
        current
            .0
            .extend(item.ops.iter().map(|op| shifted(op, x, y)));
        current.0.extend(item.page_ops.iter().cloned());
        current.1.extend(item.notes.iter().cloned());
        y += item.height;
        notes_height += needed;
        empty = false;
    }

    let count = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(index, (body, notes))| {
            let (mut ops, _, _) = sides(letter, (index + 1, count), &mut ctx);
            ops.extend(body);
            if !notes.is_empty() {
                let mut items = vec![rule_item()];
                for mark in &notes {
                    if let Some(note) = footnotes.get(mark.as_str()) {
                        items.extend(note.iter().cloned());
                    }
                }
                let (note_ops, note_page, height) = stack(&items);
                ops.extend(note_ops.iter().map(|op| shifted(op, x, bottom - height)));
                ops.extend(note_page);
            }
            Page {
                width: page.width * MM,
                height: page.height * MM,
                ops,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            align: Align::Left,
            before: 0.0,
            after: 0.0,
            line: LineSpacing::Multiple(1.0),
            left: 0.0,
            right: 0.0,
            first: 0.0,
            page_break_before: false,
            page_break_after: false,
            shading: None,
            border_top: None,
            border_bottom: None,
            mark: TextStyle::default(),
            tabs: Vec::new(),
            inlines: vec![Inline::Text(text.into(), TextStyle::default())],
        }
    }

    fn texts(page: &Page) -> Vec<(f64, f64, String)> {
        page.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_paragraphs_break_into_lines_within_the_margins_and_onto_new_pages() {
        let letter = WordLetter {
            page: PageLayout::default(),
            body: vec![Block::Paragraph(paragraph(&"sana ".repeat(4000)))],
            ..WordLetter::default()
        };
        let pages = pages(&letter, &mut Images::default());
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let right = (210.0 - 25.4) * MM;
        let bottom = (297.0 - 25.4) * MM;
        for page in &pages {
            for (x, y, text) in texts(page) {
                assert!(x >= 25.4 * MM - 0.01);
                assert!(
                    x + font().width(text.trim_end(), 10.0) <= right + 0.01,
                    "{text}"
                );
                assert!(y <= bottom, "{y}");
            }
        }
    }

    #[test]
    fn page_fields_in_the_footer_count_the_pages_of_the_letter() {
        let mut footer = paragraph("Page ");
        let style = TextStyle::default();
        footer
            .inlines
            .push(Inline::Field(PageField::Page, "1".into(), style));
        footer.inlines.push(Inline::Text(" of ".into(), style));
        footer
            .inlines
            .push(Inline::Field(PageField::Pages, "1".into(), style));
        let mut second = paragraph("Second");
        second.page_break_before = true;
        let letter = WordLetter {
            footer: vec![Block::Paragraph(footer)],
            body: vec![
                Block::Paragraph(paragraph("First")),
                Block::Paragraph(second),
            ],
            ..WordLetter::default()
        };
        let pages = pages(&letter, &mut Images::default());
        assert_eq!(pages.len(), 2);
        let footer_of = |page: &Page| {
            texts(page)
                .into_iter()
                .filter(|(_, y, _)| *y > 250.0 * MM)
                .map(|(_, _, t)| t)
                .collect::<String>()
        };
        assert_eq!(footer_of(&pages[0]), "Page 1 of 2");
        assert_eq!(footer_of(&pages[1]), "Page 2 of 2");
    }

    #[test]
    fn a_footnote_is_drawn_at_the_foot_of_the_page_that_refers_to_it() {
        let mut referring = paragraph("Late text");
        referring
            .inlines
            .push(Inline::NoteRef("1".into(), TextStyle::default()));
        let mut body: Vec<Block> = (0..80)
            .map(|i| Block::Paragraph(paragraph(&format!("Line {i}"))))
            .collect();
        body.push(Block::Paragraph(referring));
        let letter = WordLetter {
            body,
            footnotes: vec![Note {
                mark: "1".into(),
                blocks: vec![Block::Paragraph(paragraph("The note"))],
            }],
            ..WordLetter::default()
        };
        let pages = pages(&letter, &mut Images::default());
        assert_eq!(pages.len(), 2);
        let on = |page: &Page, what: &str| texts(page).iter().any(|(_, _, t)| t.contains(what));
        assert!(on(&pages[1], "Late text") && on(&pages[1], "The note"));
        assert!(!on(&pages[0], "The note"));
        let note_y = texts(&pages[1])
            .into_iter()
            .find(|(_, _, t)| t.contains("The note"))
            .unwrap()
            .1;
        assert!(note_y > 250.0 * MM, "the note sits at the foot: {note_y}");
    }

    #[test]
    fn centred_and_right_aligned_lines_end_where_they_should() {
        let mut centred = paragraph("Keskellä");
        centred.align = Align::Center;
        let mut right = paragraph("Oikealla");
        right.align = Align::Right;
        let letter = WordLetter {
            body: vec![Block::Paragraph(centred), Block::Paragraph(right)],
            ..WordLetter::default()
        };
        let page = &pages(&letter, &mut Images::default())[0];
        let texts = texts(page);
        let middle = texts[0].0 + font().width("Keskellä", 10.0) / 2.0;
        assert!((middle - 105.0 * MM).abs() < 0.5, "{middle}");
        let end = texts[1].0 + font().width("Oikealla", 10.0);
        assert!((end - (210.0 - 25.4) * MM).abs() < 0.5, "{end}");
    }

    #[test]
    fn text_after_a_right_tab_stop_ends_at_the_stop() {
        let mut line = paragraph("Helsinki");
        line.inlines.push(Inline::Tab(TextStyle::default()));
        line.inlines
            .push(Inline::Text("26.11.2026".into(), TextStyle::default()));
        line.tabs = vec![(300.0, Align::Right)];
        let letter = WordLetter {
            body: vec![Block::Paragraph(line)],
            ..WordLetter::default()
        };
        let page = &pages(&letter, &mut Images::default())[0];
        let (x, _, _) = texts(page)
            .into_iter()
            .find(|(_, _, t)| t == "26.11.2026")
            .unwrap();
        let end = x + font().width("26.11.2026", 10.0);
        assert!((end - (25.4 * MM + 300.0)).abs() < 0.01, "{end}");
    }

    #[test]
    fn a_table_row_moves_to_the_next_page_whole() {
        let cell = |text: &str| Cell {
            column: 0,
            span: 1,
            rows: 1,
            padding: [0.0, 5.4, 0.0, 5.4],
            borders: [None; 4],
            fill: None,
            valign: 0,
            blocks: vec![
                Block::Paragraph(paragraph(&format!("{text} a"))),
                Block::Paragraph(paragraph(&format!("{text} b"))),
            ],
        };
        let rows = (0..60)
            .map(|i| Row {
                min_height: 0.0,
                cells: vec![cell(&format!("row{i}"))],
            })
            .collect();
        let letter = WordLetter {
            body: vec![Block::Table(Table {
                columns: vec![200.0],
                indent: 0.0,
                align: Align::Left,
                rows,
            })],
            ..WordLetter::default()
        };
        let pages = pages(&letter, &mut Images::default());
        assert!(pages.len() >= 2);
        for page in &pages {
            let texts: Vec<String> = texts(page).into_iter().map(|t| t.2).collect();
            for text in &texts {
                let row = text.split(' ').next().unwrap();
                assert!(texts.contains(&format!("{row} a")) && texts.contains(&format!("{row} b")));
            }
        }
    }
}
