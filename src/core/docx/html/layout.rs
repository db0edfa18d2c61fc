//! A merged Word letter as a layout model (issue 13 item 4): what the PDF of a Word letter is
//! drawn from. It is read with the same machinery as the HTML preview in the parent module (the
//! part trees, the style chain, numbering, borders, the section's page) and walks the letter
//! with the same reading (`document`: its parts, each paragraph's and run's formatting, note
//! references, pictures, text boxes and table grids), so the two agree on what each paragraph,
//! run, table and picture looks like; the preview writes HTML and lets the browser break lines,
//! while `core::pdf::word` breaks lines and pages itself from this model.
//!
//! Units are those the PDF works in: points for lengths inside the text (sizes, spacing,
//! indents, table columns), millimetres for the page and for pictures and text boxes (their
//! sizes come in EMU, which convert to millimetres exactly). Colours are RGB bytes.
//!
//! Like the preview, the model is a drawing of the letter, not a word processor: tab stops are
//! read from the paragraph and the nearest style that sets them (Word would merge the whole
//! chain's), text does not wrap around floating objects (an object anchored to a paragraph takes
//! room below it instead), fields other than PAGE, NUMPAGES and SECTIONPAGES show the result Word
//! stored (a DATE field its last date), and only the default header and footer of the last
//! section are kept.

use super::document::{
    anchor_offset, block_elements, frame, inline_content, objects, read_letter, symbol,
    FrameObject, ParagraphFormat, PartContext, TableGrid,
};
pub use super::PageLayout;
use super::*;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// One merged letter, ready to be laid out on pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordLetter {
    pub page: PageLayout,
    pub header: Vec<Block>,
    pub body: Vec<Block>,
    pub footer: Vec<Block>,
    /// The footnotes the body refers to, in the order referred to.
    pub footnotes: Vec<Note>,
    /// The endnotes, after the body.
    pub endnotes: Vec<Note>,
}

/// A footnote or an endnote: the mark shown at its reference and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub mark: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// The space a paragraph's lines take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineSpacing {
    /// A multiple of the font's natural line height.
    Multiple(f64),
    /// Exactly this many points.
    Exact(f64),
    /// At least this many points.
    AtLeast(f64),
}

/// A paragraph border line: width in points and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Border {
    pub width: f64,
    pub colour: Rgb,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub align: Align,
    /// Points.
    pub before: f64,
    pub after: f64,
    pub line: LineSpacing,
    pub left: f64,
    pub right: f64,
    /// The first line's indent from `left`: negative for a hanging indent.
    pub first: f64,
    pub page_break_before: bool,
    /// A section break after this paragraph starts a new page.
    pub page_break_after: bool,
    pub shading: Option<Rgb>,
    pub border_top: Option<Border>,
    pub border_bottom: Option<Border>,
    /// The paragraph mark's style: the height of an empty paragraph.
    pub mark: TextStyle,
    /// Custom tab stops, left to right: points from the left edge of the text and how text
    /// aligns at them (`Left`, `Center` or `Right`; a decimal stop is taken as right).
    pub tabs: Vec<(f64, Align)>,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Vertical {
    #[default]
    Baseline,
    Superscript,
    Subscript,
}

/// How a piece of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    /// Points.
    pub size: f64,
    pub colour: Rgb,
    pub highlight: Option<Rgb>,
    pub vertical: Vertical,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            bold: false,
            italic: false,
            underline: false,
            strike: false,
            // Word's own default when a document names no size.
            size: 10.0,
            colour: [0, 0, 0],
            highlight: None,
            vertical: Vertical::Baseline,
        }
    }
}

/// A field whose value depends on where the text lands on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageField {
    Page,
    /// `NUMPAGES` or `SECTIONPAGES`: a letter is one section.
    Pages,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String, TextStyle),
    Tab(TextStyle),
    /// A line break inside the paragraph.
    Break(TextStyle),
    PageBreak,
    /// A page number field, with the text Word last showed for it (used where the page is not
    /// known, e.g. in the body).
    Field(PageField, String, TextStyle),
    /// A footnote or endnote reference with its mark.
    NoteRef(String, TextStyle),
    Picture(Picture),
    TextBox(TextBox),
}

/// A picture's bytes as stored in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageData {
    Png(Vec<u8>),
    Jpeg(Vec<u8>),
}

/// Where a picture or text box goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    /// In the line, like a large character.
    Inline,
    /// At a place on the page, millimetres from its top left corner, taking no room in the text.
    Page { x: f64, y: f64 },
    /// Below the top of its paragraph by `y` millimetres, `x` millimetres from the left margin
    /// (or from the paragraph's left edge when `None`); the paragraph grows to hold it.
    Paragraph { x: Option<f64>, y: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Millimetres.
    pub width: f64,
    pub height: f64,
    pub data: ImageData,
    pub placement: Placement,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// Millimetres; the box grows when its text needs more height.
    pub width: f64,
    pub height: f64,
    /// Millimetres: top, right, bottom, left.
    pub padding: [f64; 4],
    pub border: Option<Border>,
    pub blocks: Vec<Block>,
    pub placement: Placement,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths in points.
    pub columns: Vec<f64>,
    /// From the left edge of the text, in points.
    pub indent: f64,
    pub align: Align,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// At least this tall, in points (`w:trHeight`).
    pub min_height: f64,
    pub cells: Vec<Cell>,
}

/// A cell that starts in this row; a cell merged down from the row above is not repeated.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The grid column it starts at and how many it spans.
    pub column: usize,
    pub span: usize,
    /// How many rows it spans (1 unless merged vertically).
    pub rows: usize,
    /// Points: top, right, bottom, left.
    pub padding: [f64; 4],
    /// Top, right, bottom, left.
    pub borders: [Option<Border>; 4],
    pub fill: Option<Rgb>,
    /// 0 top, 1 centre, 2 bottom.
    pub valign: u8,
    pub blocks: Vec<Block>,
}

fn rgb(hex: &str) -> Option<Rgb> {
    let hex = hex_colour(hex)?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn highlight_rgb(name: &str) -> Option<Rgb> {
    Some(match name {
        "black" => [0, 0, 0],
        "blue" => [0, 0, 255],
        "cyan" => [0, 255, 255],
        "green" => [0, 255, 0],
        "magenta" => [255, 0, 255],
        "red" => [255, 0, 0],
        "yellow" => [255, 255, 0],
        "white" => [255, 255, 255],
        "darkBlue" => [0, 0, 139],
        "darkCyan" => [0, 139, 139],
        "darkGreen" => [0, 100, 0],
        "darkMagenta" => [139, 0, 139],
        "darkRed" => [139, 0, 0],
        "darkYellow" => [128, 128, 0],
        "darkGray" => [169, 169, 169],
        "lightGray" => [211, 211, 211],
        _ => return None,
    })
}

impl RunProps {
    fn style(&self) -> TextStyle {
        let mut style = TextStyle {
            bold: self.bold == Some(true),
            italic: self.italic == Some(true),
            underline: self.underline == Some(true),
            strike: self.strike == Some(true),
            size: self
                .size
                .map(|s| (s / 2.0).clamp(1.0, 400.0))
                .unwrap_or(10.0),
            colour: self.color.as_deref().and_then(rgb).unwrap_or([0, 0, 0]),
            highlight: None,
            vertical: match self.vertical.as_deref() {
                Some("superscript") => Vertical::Superscript,
                Some("subscript") => Vertical::Subscript,
                _ => Vertical::Baseline,
            },
        };
        // `highlight` keeps the CSS name; the model wants the colour.
        style.highlight = self.highlight.as_deref().and_then(|css| {
            [
                "black",
                "blue",
                "cyan",
                "green",
                "magenta",
                "red",
                "yellow",
                "white",
                "darkBlue",
                "darkCyan",
                "darkGreen",
                "darkMagenta",
                "darkRed",
                "darkYellow",
                "darkGray",
                "lightGray",
            ]
            .into_iter()
            .find(|word| highlight_colour(word).as_deref() == Some(css))
            .and_then(highlight_rgb)
        });
        style
    }
}

fn line_of(line: &Line) -> Option<Border> {
    let (width, colour) = line.as_ref()?;
    Some(Border {
        width: *width,
        colour: colour
            .strip_prefix('#')
            .and_then(|c| if c.len() == 3 { None } else { rgb(c) })
            .unwrap_or([0, 0, 0]),
    })
}

/// Reading one part into blocks.
struct Reader<'a, 'b> {
    cx: PartContext<'a, 'b>,
    nesting: usize,
    /// Inside a complex field: its instruction so far, and whether its result is being read.
    field: Option<(String, bool)>,
}

impl Reader<'_, '_> {
    fn blocks(&mut self, parent: &El, out: &mut Vec<Block>) {
        for el in block_elements(parent) {
            match el.name.as_str() {
                "p" => self.paragraph(el, out),
                _ => {
                    if let Some(table) = self.table(el) {
                        out.push(Block::Table(table));
                    }
                }
            }
        }
    }

    fn paragraph(&mut self, p: &El, out: &mut Vec<Block>) {
        let ParagraphFormat {
            ppr,
            base,
            label,
            mark: own_mark,
            page_break_after,
        } = self.cx.paragraph(p);
        let mut mark = base.clone();
        if let Some(own_mark) = &own_mark {
            mark.overlay(own_mark);
        }
        let twip = |v: Option<f64>| v.unwrap_or(0.0) / 20.0;
        let line = match &ppr.line {
            Some((line, rule)) if rule == "exact" => LineSpacing::Exact((line / 20.0).max(1.0)),
            Some((line, rule)) if rule == "atLeast" => LineSpacing::AtLeast(line / 20.0),
            Some((line, _)) => LineSpacing::Multiple((line / 240.0).clamp(0.5, 10.0)),
            None => LineSpacing::Multiple(1.0),
        };
        let mut inlines = Vec::new();
        if let Some(label) = label {
            inlines.push(Inline::Text(label, mark.style()));
            inlines.push(Inline::Tab(mark.style()));
        }
        self.inline(p, &base, &mut inlines);
        let borders = p
            .child("pPr")
            .and_then(|ppr| ppr.child("pBdr"))
            .map(Borders::read)
            .unwrap_or_default();
        out.push(Block::Paragraph(Paragraph {
            align: match ppr.align.as_deref() {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                Some("both" | "distribute") => Align::Justify,
                _ => Align::Left,
            },
            before: twip(ppr.before),
            after: twip(ppr.after),
            line,
            left: twip(ppr.left),
            right: twip(ppr.right),
            first: twip(ppr.first),
            page_break_before: ppr.page_break_before == Some(true),
            page_break_after,
            shading: ppr.shading.as_deref().and_then(rgb),
            border_top: borders.top.as_ref().and_then(line_of),
            border_bottom: borders.bottom.as_ref().and_then(line_of),
            mark: mark.style(),
            tabs: tab_stops(ppr.tabs.as_deref().unwrap_or_default()),
            inlines,
        }));
    }

    fn inline(&mut self, parent: &El, base: &RunProps, out: &mut Vec<Inline>) {
        for el in parent.elements() {
            match el.name.as_str() {
                "r" => self.run(el, base, out),
                // A page number field is kept as a field; any other shows its result.
                "fldSimple" => match page_field(el.attr("instr").unwrap_or_default()) {
                    Some(kind) => {
                        let mut result = Vec::new();
                        self.inline(el, base, &mut result);
                        let (text, style) = field_result(&result, base);
                        out.push(Inline::Field(kind, text, style));
                    }
                    None => self.inline(el, base, out),
                },
                _ => {
                    if let Some(content) = inline_content(el) {
                        self.inline(content, base, out);
                    }
                }
            }
        }
    }

    fn run(&mut self, r: &El, base: &RunProps, out: &mut Vec<Inline>) {
        let rpr = self.cx.run(base, r);
        let style = rpr.style();
        let caps = rpr.caps == Some(true);
        for el in r.elements() {
            // A complex field: `begin`, its instruction, `separate`, its result, `end`. A page
            // number field's result is replaced by the field; any other field shows its result.
            if el.name == "fldChar" {
                match el.attr("fldCharType") {
                    Some("begin") => self.field = Some((String::new(), false)),
                    Some("separate") => {
                        if let Some((instruction, _)) = self.field.take() {
                            if let Some(kind) = page_field(&instruction) {
                                out.push(Inline::Field(kind, String::new(), style));
                                self.field = Some((instruction, true));
                            }
                        }
                    }
                    Some("end") => {
                        // A page field without a `separate` still shows its number.
                        if let Some((instruction, false)) = self.field.take() {
                            if let Some(kind) = page_field(&instruction) {
                                out.push(Inline::Field(kind, String::new(), style));
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match &mut self.field {
                Some((instruction, false)) => {
                    if el.name == "instrText" {
                        instruction.push_str(&el.text());
                    }
                    continue;
                }
                Some((_, true)) => {
                    // The page field's old result: kept as its text for where no page is known.
                    if el.name == "t" {
                        if let Some(Inline::Field(_, text, _)) = out.last_mut() {
                            text.push_str(&el.text());
                        }
                    }
                    continue;
                }
                None => {}
            }
            if rpr.hidden == Some(true) {
                continue;
            }
            match el.name.as_str() {
                "t" => {
                    let text = el.text();
                    let text = if caps { text.to_uppercase() } else { text };
                    push_text(out, &text, style);
                }
                "tab" | "ptab" => out.push(Inline::Tab(style)),
                "br" | "cr" => match el.attr("type") {
                    Some("page") => out.push(Inline::PageBreak),
                    _ => out.push(Inline::Break(style)),
                },
                "noBreakHyphen" => push_text(out, "\u{2011}", style),
                "sym" => {
                    if let Some(c) = symbol(el) {
                        push_text(out, &c.to_string(), style);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let mark = self.cx.note_reference(el);
                    let mut mark_style = style;
                    mark_style.vertical = Vertical::Superscript;
                    out.push(Inline::NoteRef(mark, mark_style));
                }
                _ => {
                    for inner in objects(el) {
                        match inner.name.as_str() {
                            "drawing" => self.drawing(inner, out),
                            _ => self.vml(inner, out),
                        }
                    }
                }
            }
        }
    }

    fn placement(&self, frame: &El) -> Placement {
        if frame.name != "anchor" {
            return Placement::Inline;
        }
        let page = &self.cx.page;
        let offset = |axis: &str| {
            anchor_offset(frame, axis).map(|(from, at)| (from, at.clamp(-1000.0, 2000.0)))
        };
        let from_page = |from: &str| matches!(from, "page" | "margin");
        let h = offset("positionH");
        let v = offset("positionV");
        let x_on_page = h
            .as_ref()
            .filter(|(from, _)| from_page(from) || from == "column")
            .map(|(from, x)| if from == "page" { *x } else { x + page.left });
        match (&v, x_on_page) {
            (Some((v_from, y)), Some(x)) if from_page(v_from) => Placement::Page {
                x,
                y: if v_from == "margin" { y + page.top } else { *y },
            },
            _ => Placement::Paragraph {
                x: x_on_page.map(|x| x - page.left),
                y: v.map(|(_, y)| y).unwrap_or(0.0),
            },
        }
    }

    fn drawing(&mut self, drawing: &El, out: &mut Vec<Inline>) {
        let Some(frame) = frame(drawing) else {
            return;
        };
        let (width, height) = (frame.width, frame.height);
        let placement = self.placement(frame.el);
        match frame.object {
            FrameObject::Picture(id) => {
                if let Some(data) = id.and_then(|id| self.image(id)) {
                    out.push(Inline::Picture(Picture {
                        width,
                        height,
                        data,
                        placement,
                    }));
                }
            }
            FrameObject::TextBox {
                content,
                padding,
                outline,
            } => {
                let border = outline.map(|ln| Border {
                    width: (number(ln.attr("w")).unwrap_or(9525.0) / 12700.0).clamp(0.25, 6.0),
                    colour: ln
                        .find("srgbClr")
                        .and_then(|c| c.attr("val"))
                        .and_then(rgb)
                        .unwrap_or([0, 0, 0]),
                });
                if let Some(blocks) = self.nested(content) {
                    out.push(Inline::TextBox(TextBox {
                        width,
                        height,
                        padding,
                        border,
                        blocks,
                        placement,
                    }));
                }
            }
        }
    }

    /// The blocks of a text box, read with the field state of their own.
    fn nested(&mut self, content: &El) -> Option<Vec<Block>> {
        if self.nesting >= MAX_NESTING {
            return None;
        }
        self.nesting += 1;
        let field = self.field.take();
        let mut blocks = Vec::new();
        self.blocks(content, &mut blocks);
        self.field = field;
        self.nesting -= 1;
        Some(blocks)
    }

    fn vml(&mut self, pict: &El, out: &mut Vec<Inline>) {
        if let Some(content) = pict.find("txbxContent") {
            if let Some(blocks) = self.nested(content) {
                out.push(Inline::TextBox(TextBox {
                    width: 0.0,
                    height: 0.0,
                    padding: [1.0; 4],
                    border: Some(Border {
                        width: 0.5,
                        colour: [0, 0, 0],
                    }),
                    blocks,
                    placement: Placement::Inline,
                }));
            }
        }
        // VML pictures carry their size in a CSS style; without it they are left out rather
        // than drawn at a guessed size.
    }

    fn image(&mut self, id: &str) -> Option<ImageData> {
        let (data, bytes) = self.cx.image(id, |extension| match extension {
            "png" => Some(ImageData::Png as fn(Vec<u8>) -> ImageData),
            "jpg" | "jpeg" => Some(ImageData::Jpeg),
            _ => None,
        })?;
        Some(data(bytes))
    }

    fn table(&mut self, tbl: &El) -> Option<Table> {
        if self.nesting >= MAX_NESTING {
            return None;
        }
        self.nesting += 1;
        let table = TableGrid::read(tbl, self.cx.styles);
        let borders = &table.borders;
        let last_row = table.rows.len().saturating_sub(1);
        let mut rows = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let min_height = row
                .el
                .child("trPr")
                .and_then(|t| t.child("trHeight"))
                .and_then(|h| number(h.attr("val")))
                .unwrap_or(0.0)
                / 20.0;
            let mut cells = Vec::new();
            for cell in &row.cells {
                // The table's outer lines at its edges, its inside lines elsewhere, and the
                // cell's own lines over both.
                let mut under = borders.inner();
                if r == 0 {
                    under.top = borders.top.clone();
                }
                let end_row = r + cell.rows - 1;
                if end_row >= last_row {
                    under.bottom = borders.bottom.clone();
                }
                if cell.column == 0 {
                    under.left = borders.left.clone();
                }
                if cell.column + cell.span >= table.width {
                    under.right = borders.right.clone();
                }
                let own = cell.borders(under);
                let side = |line: &Option<Line>| line.as_ref().and_then(line_of);
                let mut blocks = Vec::new();
                self.blocks(cell.el, &mut blocks);
                cells.push(Cell {
                    column: cell.column,
                    span: cell.span,
                    rows: cell.rows,
                    padding: table.padding,
                    borders: [
                        side(&own.top),
                        side(&own.right),
                        side(&own.bottom),
                        side(&own.left),
                    ],
                    fill: cell.fill().as_deref().and_then(rgb),
                    valign: match cell.tcpr.and_then(|t| t.val("vAlign")) {
                        Some("center") => 1,
                        Some("bottom") => 2,
                        _ => 0,
                    },
                    blocks,
                });
            }
            rows.push(Row { min_height, cells });
        }
        self.nesting -= 1;
        let width = table.width;
        let mut columns: Vec<f64> = table
            .columns
            .iter()
            .map(|w| (w / 20.0).clamp(0.0, 2000.0))
            .collect();
        columns.resize(width, 0.0);
        // A grid without widths (some generators write none) shares the text width.
        if columns.iter().all(|w| *w <= 0.0) && width > 0 {
            let page = &self.cx.page;
            let text = (page.width - page.left - page.right) * 72.0 / 25.4;
            columns = vec![text / width as f64; width];
        }
        Some(Table {
            columns,
            indent: table.indent / 20.0,
            align: match table.align {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                _ => Align::Left,
            },
            rows,
        })
    }
}

/// Tab stops in points, sorted, without the ones a style's stop was cleared by.
fn tab_stops(tabs: &[(String, f64)]) -> Vec<(f64, Align)> {
    let mut stops: Vec<(f64, Align)> = tabs
        .iter()
        .filter_map(|(kind, pos)| {
            let align = match kind.as_str() {
                "clear" | "bar" => return None,
                "center" => Align::Center,
                "right" | "end" | "decimal" => Align::Right,
                _ => Align::Left,
            };
            Some(((pos / 20.0).clamp(-1000.0, 5000.0), align))
        })
        .collect();
    stops.sort_by(|a, b| a.0.total_cmp(&b.0));
    stops
}

/// Appends text, joining it to the text before when the style is the same.
fn push_text(out: &mut Vec<Inline>, text: &str, style: TextStyle) {
    if let Some(Inline::Text(last, last_style)) = out.last_mut() {
        if *last_style == style {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text(text.to_string(), style));
}

/// `PAGE`, `NUMPAGES` or `SECTIONPAGES` from a field instruction.
fn page_field(instruction: &str) -> Option<PageField> {
    match instruction
        .split_whitespace()
        .next()?
        .to_ascii_uppercase()
        .as_str()
    {
        "PAGE" => Some(PageField::Page),
        "NUMPAGES" | "SECTIONPAGES" => Some(PageField::Pages),
        _ => None,
    }
}

/// A simple field's shown text and its style.
fn field_result(result: &[Inline], base: &RunProps) -> (String, TextStyle) {
    let mut text = String::new();
    let mut style = None;
    for inline in result {
        if let Inline::Text(t, s) = inline {
            text.push_str(t);
            style.get_or_insert(*s);
        }
    }
    (text, style.unwrap_or_else(|| base.style()))
}

/// The letter's layout model (see the module documentation).
pub fn word_letter(docx: &[u8]) -> Result<WordLetter, DocxError> {
    let letter = read_letter(docx, |cx, root| {
        let mut out = Vec::new();
        Reader {
            cx,
            nesting: 0,
            field: None,
        }
        .blocks(root, &mut out);
        out
    })?;
    // The note's own reference mark (`w:footnoteRef`) is drawn by the layout in front of its
    // text; the mark the note text carries, if any, is left as it is.
    let notes = |read: Option<Vec<(String, Vec<Block>)>>| -> Vec<Note> {
        let mut notes = Vec::new();
        for (mark, mut blocks) in read.unwrap_or_default() {
            for block in &mut blocks {
                if let Block::Paragraph(p) = block {
                    p.before = 0.0;
                    p.after = 0.0;
                }
            }
            notes.push(Note { mark, blocks });
        }
        notes
    };
    Ok(WordLetter {
        page: letter.page,
        header: letter.header,
        body: letter.body,
        footer: letter.footer,
        footnotes: notes(letter.footnotes),
        endnotes: notes(letter.endnotes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_fields_are_read_from_both_kinds_of_field() {
        assert_eq!(
            page_field(" PAGE   \\* MERGEFORMAT "),
            Some(PageField::Page)
        );
        assert_eq!(page_field("numpages"), Some(PageField::Pages));
        assert_eq!(page_field("SECTIONPAGES"), Some(PageField::Pages));
        assert_eq!(page_field(" MERGEFIELD Page "), None);
    }

    #[test]
    fn colours_are_read_as_bytes_and_bad_ones_dropped() {
        assert_eq!(rgb("1F3864"), Some([0x1f, 0x38, 0x64]));
        assert_eq!(rgb("auto"), None);
        let props = RunProps {
            highlight: highlight_colour("darkYellow"),
            ..RunProps::default()
        };
        assert_eq!(props.style().highlight, Some([128, 128, 0]));
    }
}
