//! A merged Word letter drawn as HTML from its own layout (issue 13 item 3): the page size and
//! margins of its section, its default header and footer, paragraph and run formatting through
//! the style chain (document defaults, paragraph style, character style, direct formatting),
//! numbered lists, tables (nested, merged cells, borders), images as `data:` URLs, text boxes
//! (once: the `mc:Choice`, never also its VML fallback), footnotes and page breaks.
//!
//! The result is HTML text, never a DOM: the preview shows it in a sandboxed frame and the print
//! view is a page of it. Everything taken from the document is escaped or checked before it is
//! written: text through [`escape_html`], numbers are formatted by us, colours must be six hex
//! digits, font names keep only letters, digits, spaces and hyphens, and images only get a
//! `data:` URL for the raster formats browsers show (PNG, JPEG, GIF, BMP, WebP). No link in the
//! document becomes a link in the HTML, so nothing in a preview navigates anywhere.
//!
//! It is a drawing of the letter, not a word processor: tab stops are approximated by a fixed
//! tab width, floating objects whose position is relative to a paragraph float at its left, and
//! a letter longer than one page has its header and footer on its first page only. What it does
//! draw comes from the document, never from guesses about what letters usually look like.
//!
//! This module holds the part trees and the formatting both drawings of a letter read; the
//! walk through a letter's parts that the PDF layout (`layout`) makes too is in `document`, so
//! that a rule about what a Word document means is written once for both.

mod document;
pub mod layout;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::package::{self, Archive, PART_LIMIT};
use super::xml::unescape;
use super::DocxError;
use document::{
    anchor_offset, block_elements, frame, inline_content, objects, read_letter, symbol,
    FrameObject, NoteKind, PartContext, TableGrid,
};

/// Deeper nesting than this is not drawn: no letter nests 64 tables, and drawing (and dropping)
/// a tree recurses once per level.
const MAX_DEPTH: usize = 256;
/// How deep tables and text boxes may nest in the drawing.
const MAX_NESTING: usize = 32;

/// One letter's page and its contents as HTML fragments.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterHtml {
    pub page: PageLayout,
    /// The default header of the letter's (last) section, or empty.
    pub header: String,
    /// The main document's body.
    pub body: String,
    /// Footnotes and endnotes, numbered as their references in the body, or empty.
    pub notes: String,
    /// The default footer, or empty.
    pub footer: String,
}

/// A section's page in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageLayout {
    pub width: f64,
    pub height: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
    /// From the top edge to the header.
    pub header: f64,
    /// From the bottom edge to the footer.
    pub footer: f64,
}

impl Default for PageLayout {
    /// A4 with Word's default margins of 2.54 cm and 1.25 cm to the header and footer.
    fn default() -> Self {
        PageLayout {
            width: 210.0,
            height: 297.0,
            top: 25.4,
            right: 25.4,
            bottom: 25.4,
            left: 25.4,
            header: 12.5,
            footer: 12.5,
        }
    }
}

fn twips_to_mm(twips: f64) -> f64 {
    twips * 25.4 / 1440.0
}

fn emu_to_mm(emu: f64) -> f64 {
    emu / 36000.0
}

/// Appends text escaped for HTML character data and attribute values; control characters other
/// than tab and line feed are dropped.
pub fn escape_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A small tree of one part

#[derive(Debug, Clone, Default)]
struct El {
    /// The local name (`p` for `w:p`).
    name: String,
    /// Attributes by their local name (`val` for `w:val`); `r:embed` and `r:id` are kept with
    /// their prefix because `id` alone means something else on many elements.
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|node| match node {
            Node::El(el) => Some(el),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|el| el.name == name)
    }

    /// The first element with this name anywhere below, depth first.
    fn find(&self, name: &str) -> Option<&El> {
        for el in self.elements() {
            if el.name == name {
                return Some(el);
            }
            if let Some(found) = el.find(name) {
                return Some(found);
            }
        }
        None
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            if let Node::Text(text) = node {
                out.push_str(text);
            }
        }
        out
    }

    /// `w:val` of a child, e.g. `<w:jc w:val="center"/>`.
    fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|el| el.attr("val"))
    }

    /// A toggle property: present without `w:val`, or with a true value.
    fn toggle(&self, child: &str) -> Option<bool> {
        self.child(child)
            .map(|el| !matches!(el.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

fn number(value: Option<&str>) -> Option<f64> {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

fn start_element(e: &BytesStart<'_>) -> El {
    let qname = e.name().as_ref().to_string();
    // Namespaces are told apart by local name only: the few names WordprocessingML and
    // DrawingML share (`t`, `p`) never meet where the drawing looks for them.
    let name = match qname.split_once(':') {
        Some((_, name)) => name.to_string(),
        None => qname,
    };
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let key = a.key.as_ref().to_string();
            let key = match key.split_once(':') {
                Some(("r", local)) => format!("r:{local}"),
                Some((_, local)) => local.to_string(),
                None => key,
            };
            (key, unescape(&a.value).into_owned())
        })
        .collect();
    El {
        name,
        attrs,
        children: Vec::new(),
    }
}

fn push(stack: &mut [El], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

/// Reads a part into a tree. Elements nested deeper than [`MAX_DEPTH`] are left out.
fn parse(part: &str, src: &str) -> Result<El, DocxError> {
    let broken = |offset: u64, reason: String| DocxError::BrokenXml {
        part: part.to_string(),
        offset,
        reason,
    };
    let mut reader = Reader::from_str(src);
    let mut stack: Vec<El> = vec![El::default()];
    let mut skipped = 0_usize;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| broken(reader.error_position(), e.to_string()))?;
        let end = reader.buffer_position() as usize;
        let raw = src.get(start..end).unwrap_or_default();
        match event {
            Event::Eof => break,
            Event::Start(_) if skipped > 0 || stack.len() > MAX_DEPTH => skipped += 1,
            Event::Start(e) => stack.push(start_element(&e)),
            Event::End(_) if skipped > 0 => skipped -= 1,
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().unwrap_or_default();
                push(&mut stack, Node::El(el));
            }
            _ if skipped > 0 => {}
            Event::Empty(e) if stack.len() <= MAX_DEPTH => {
                push(&mut stack, Node::El(start_element(&e)));
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                push(&mut stack, Node::Text(unescape(raw).into_owned()));
            }
            Event::CData(_) => {
                let inner = raw
                    .strip_prefix("<![CDATA[")
                    .and_then(|r| r.strip_suffix("]]>"))
                    .unwrap_or_default();
                push(&mut stack, Node::Text(inner.to_string()));
            }
            _ => {}
        }
    }
    let mut root = stack.into_iter().next().unwrap_or_default();
    Ok(
        match root.children.iter().position(|n| matches!(n, Node::El(_))) {
            Some(index) => match root.children.swap_remove(index) {
                Node::El(el) => el,
                Node::Text(_) => El::default(),
            },
            None => El::default(),
        },
    )
}

fn read_bytes(archive: &mut Archive<'_>, name: &str) -> Option<Vec<u8>> {
    let entry = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry.take(PART_LIMIT + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= PART_LIMIT).then_some(bytes)
}

/// A part's relationships: id → (target part, external).
fn relationships(archive: &mut Archive<'_>, part: &str) -> HashMap<String, (String, bool)> {
    let rels = package::rels_name(part);
    let Ok(src) = package::read_text(archive, &rels) else {
        return HashMap::new();
    };
    let Ok(root) = parse(&rels, &src) else {
        return HashMap::new();
    };
    root.elements()
        .filter(|el| el.name == "Relationship")
        .filter_map(|el| {
            let id = el.attr("Id")?.to_string();
            let external = el.attr("TargetMode") == Some("External");
            let target = el.attr("Target")?;
            let target = if external {
                target.to_string()
            } else {
                package::resolve(part, target)
            };
            Some((id, (target, external)))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Formatting

#[derive(Debug, Clone, Default)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    strike: Option<bool>,
    caps: Option<bool>,
    small_caps: Option<bool>,
    hidden: Option<bool>,
    /// Half-points.
    size: Option<f64>,
    color: Option<String>,
    highlight: Option<String>,
    font: Option<String>,
    vertical: Option<String>,
    rtl: Option<bool>,
}

impl RunProps {
    fn read(rpr: &El) -> RunProps {
        RunProps {
            bold: rpr.toggle("b"),
            italic: rpr.toggle("i"),
            underline: rpr.child("u").map(|u| u.attr("val") != Some("none")),
            strike: rpr.toggle("strike").or(rpr.toggle("dstrike")),
            caps: rpr.toggle("caps"),
            small_caps: rpr.toggle("smallCaps"),
            hidden: rpr.toggle("vanish"),
            size: number(rpr.val("sz")),
            color: rpr.val("color").and_then(hex_colour),
            highlight: rpr.val("highlight").and_then(highlight_colour),
            font: rpr
                .child("rFonts")
                .and_then(|f| f.attr("ascii").or(f.attr("hAnsi")))
                .map(font_name)
                .filter(|f| !f.is_empty()),
            vertical: rpr.val("vertAlign").map(str::to_string),
            rtl: rpr.toggle("rtl"),
        }
    }

    fn overlay(&mut self, top: &RunProps) {
        macro_rules! take {
            ($($field:ident),*) => { $( if top.$field.is_some() { self.$field = top.$field.clone(); } )* };
        }
        take!(
            bold, italic, underline, strike, caps, small_caps, hidden, size, color, highlight,
            font, vertical, rtl
        );
    }

    fn css(&self, out: &mut String) {
        if let Some(font) = &self.font {
            // A font this computer lacks falls back to its metric-compatible free twin where
            // there is one, else to the generic family, never to the browser's default serif.
            let (twin, generic) = font_fallback(font);
            let _ = write!(out, "font-family:'{font}',{twin}{generic};");
        }
        if let Some(size) = self.size {
            let _ = write!(out, "font-size:{}pt;", fmt(size / 2.0));
        }
        if self.bold == Some(true) {
            out.push_str("font-weight:bold;");
        }
        if self.italic == Some(true) {
            out.push_str("font-style:italic;");
        }
        match (self.underline == Some(true), self.strike == Some(true)) {
            (true, true) => out.push_str("text-decoration:underline line-through;"),
            (true, false) => out.push_str("text-decoration:underline;"),
            (false, true) => out.push_str("text-decoration:line-through;"),
            (false, false) => {}
        }
        if self.caps == Some(true) {
            out.push_str("text-transform:uppercase;");
        }
        if self.small_caps == Some(true) {
            out.push_str("font-variant:small-caps;");
        }
        if let Some(color) = &self.color {
            let _ = write!(out, "color:#{color};");
        }
        if let Some(color) = &self.highlight {
            let _ = write!(out, "background:{color};");
        }
        match self.vertical.as_deref() {
            Some("superscript") => out.push_str("vertical-align:super;font-size:smaller;"),
            Some("subscript") => out.push_str("vertical-align:sub;font-size:smaller;"),
            _ => {}
        }
    }
}

/// Six hex digits, or nothing (`auto` is the default colour).
fn hex_colour(value: &str) -> Option<String> {
    (value.len() == 6 && value.chars().all(|c| c.is_ascii_hexdigit())).then(|| value.to_string())
}

/// Word's highlight names are CSS colour keywords, except a few; anything else is dropped.
fn highlight_colour(value: &str) -> Option<String> {
    let css = match value {
        "darkBlue" => "darkblue",
        "darkCyan" => "darkcyan",
        "darkGreen" => "darkgreen",
        "darkMagenta" => "darkmagenta",
        "darkRed" => "darkred",
        "darkYellow" => "olive",
        "darkGray" => "darkgray",
        "lightGray" => "lightgray",
        "black" | "blue" | "cyan" | "green" | "magenta" | "red" | "white" | "yellow" => value,
        _ => return None,
    };
    Some(css.to_string())
}

/// The fallbacks of a font named in a document: a metric-compatible free font (with its comma)
/// and the generic family.
fn font_fallback(font: &str) -> (&'static str, &'static str) {
    let lower = font.to_lowercase();
    let twin = match lower.as_str() {
        "calibri" => "Carlito,",
        "cambria" => "Caladea,",
        "arial" | "helvetica" => "'Liberation Sans',",
        "times new roman" | "times" => "'Liberation Serif',",
        "courier new" | "courier" => "'Liberation Mono',",
        _ => "",
    };
    let serif = [
        "times", "serif", "georgia", "cambria", "garamond", "book", "roman",
    ]
    .iter()
    .any(|name| lower.contains(name))
        && !lower.contains("sans");
    let mono = lower.contains("mono") || lower.contains("courier");
    let generic = if mono {
        "monospace"
    } else if serif {
        "serif"
    } else {
        "sans-serif"
    };
    (twin, generic)
}

/// A font name that cannot leave its quotes in a style attribute.
fn font_name(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .take(64)
        .collect::<String>()
        .trim()
        .to_string()
}

/// A number for CSS: at most two decimals, no trailing zeros.
fn fmt(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[derive(Debug, Clone, Default)]
struct ParaProps {
    style: Option<String>,
    align: Option<String>,
    /// Twips.
    before: Option<f64>,
    after: Option<f64>,
    /// (value, rule): `auto` in 240ths of a line, else twips.
    line: Option<(f64, String)>,
    left: Option<f64>,
    right: Option<f64>,
    /// Positive for a first-line indent, negative for a hanging one.
    first: Option<f64>,
    page_break_before: Option<bool>,
    bidi: Option<bool>,
    numbering: Option<(String, usize)>,
    shading: Option<String>,
    /// Custom tab stops: (kind, position in twips from the left margin). The HTML draws tabs at
    /// a fixed width; the PDF's layout (`layout`) sets text at these stops.
    tabs: Option<Vec<(String, f64)>>,
}

impl ParaProps {
    fn read(ppr: &El) -> ParaProps {
        let spacing = ppr.child("spacing");
        let ind = ppr.child("ind");
        let first = ind.and_then(|ind| {
            number(ind.attr("hanging"))
                .map(|h| -h)
                .or(number(ind.attr("firstLine")))
        });
        ParaProps {
            style: ppr.val("pStyle").map(str::to_string),
            align: ppr.val("jc").map(str::to_string),
            before: spacing.and_then(|s| number(s.attr("before"))),
            after: spacing.and_then(|s| number(s.attr("after"))),
            line: spacing.and_then(|s| {
                number(s.attr("line"))
                    .map(|line| (line, s.attr("lineRule").unwrap_or("auto").to_string()))
            }),
            left: ind.and_then(|ind| number(ind.attr("left").or(ind.attr("start")))),
            right: ind.and_then(|ind| number(ind.attr("right").or(ind.attr("end")))),
            first,
            page_break_before: ppr.toggle("pageBreakBefore"),
            bidi: ppr.toggle("bidi"),
            numbering: ppr.child("numPr").and_then(|num| {
                let id = num.val("numId")?.to_string();
                let level = num.val("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
                Some((id, level))
            }),
            shading: ppr
                .child("shd")
                .and_then(|s| s.attr("fill"))
                .and_then(hex_colour),
            tabs: ppr.child("tabs").map(|tabs| {
                tabs.elements()
                    .filter(|t| t.name == "tab")
                    .filter_map(|t| Some((t.attr("val")?.to_string(), number(t.attr("pos"))?)))
                    .take(64)
                    .collect()
            }),
        }
    }

    fn overlay(&mut self, top: &ParaProps) {
        macro_rules! take {
            ($($field:ident),*) => { $( if top.$field.is_some() { self.$field = top.$field.clone(); } )* };
        }
        take!(
            style,
            align,
            before,
            after,
            line,
            left,
            right,
            first,
            page_break_before,
            bidi,
            numbering,
            shading,
            tabs
        );
    }

    fn css(&self, out: &mut String) {
        let align = match self.align.as_deref() {
            Some("center") => "center",
            Some("right" | "end") => "right",
            Some("both" | "distribute") => "justify",
            _ => "left",
        };
        let _ = write!(
            out,
            "text-align:{align};margin:{}pt {}pt {}pt {}pt;",
            fmt(self.before.unwrap_or(0.0) / 20.0),
            fmt(self.right.unwrap_or(0.0) / 20.0),
            fmt(self.after.unwrap_or(0.0) / 20.0),
            fmt(self.left.unwrap_or(0.0) / 20.0),
        );
        if let Some(first) = self.first {
            let _ = write!(out, "text-indent:{}pt;", fmt(first / 20.0));
        }
        match &self.line {
            Some((line, rule)) if rule == "auto" => {
                let _ = write!(out, "line-height:{};", fmt((line / 240.0 * 1.15).max(0.5)));
            }
            Some((line, _)) => {
                let _ = write!(out, "line-height:{}pt;", fmt(line / 20.0));
            }
            None => {}
        }
        if self.page_break_before == Some(true) {
            out.push_str("break-before:page;");
        }
        if let Some(fill) = &self.shading {
            let _ = write!(out, "background:#{fill};");
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    ppr: ParaProps,
    rpr: RunProps,
    table: Option<El>,
}

#[derive(Debug, Default)]
struct Styles {
    ppr: ParaProps,
    rpr: RunProps,
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn read(root: &El) -> Styles {
        let mut styles = Styles::default();
        if let Some(defaults) = root.child("docDefaults") {
            if let Some(rpr) = defaults.child("rPrDefault").and_then(|d| d.child("rPr")) {
                styles.rpr = RunProps::read(rpr);
            }
            if let Some(ppr) = defaults.child("pPrDefault").and_then(|d| d.child("pPr")) {
                styles.ppr = ParaProps::read(ppr);
            }
        }
        for el in root.elements().filter(|el| el.name == "style") {
            let Some(id) = el.attr("styleId") else {
                continue;
            };
            if el.attr("type") == Some("paragraph")
                && matches!(el.attr("default"), Some("1" | "true"))
            {
                styles.default_paragraph = Some(id.to_string());
            }
            let table = el.child("tblPr").map(|tblpr| El {
                name: "tblPr".into(),
                attrs: Vec::new(),
                children: tblpr
                    .elements()
                    .filter(|c| c.name == "tblBorders" || c.name == "tblCellMar")
                    .cloned()
                    .map(Node::El)
                    .collect(),
            });
            styles.styles.insert(
                id.to_string(),
                Style {
                    based_on: el.val("basedOn").map(str::to_string),
                    ppr: el.child("pPr").map(ParaProps::read).unwrap_or_default(),
                    rpr: el.child("rPr").map(RunProps::read).unwrap_or_default(),
                    table,
                },
            );
        }
        styles
    }

    /// A style and the styles it is based on, the base first; a loop or a chain of more than
    /// 16 ends the walk.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut chain = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            let Some(style) = self.styles.get(id) else {
                break;
            };
            if chain.len() >= 16 {
                break;
            }
            chain.push(style);
            next = style.based_on.as_deref();
        }
        chain.reverse();
        chain
    }

    fn paragraph(&self, style: Option<&str>) -> (ParaProps, RunProps) {
        let mut ppr = self.ppr.clone();
        let mut rpr = self.rpr.clone();
        if let Some(style) = style.or(self.default_paragraph.as_deref()) {
            for style in self.chain(style) {
                ppr.overlay(&style.ppr);
                rpr.overlay(&style.rpr);
            }
        }
        (ppr, rpr)
    }

    fn run(&self, style: &str) -> RunProps {
        let mut rpr = RunProps::default();
        for style in self.chain(style) {
            rpr.overlay(&style.rpr);
        }
        rpr
    }

    fn table(&self, style: &str) -> Option<&El> {
        self.chain(style)
            .into_iter()
            .rev()
            .find_map(|style| style.table.as_ref())
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    ppr: ParaProps,
}

#[derive(Debug, Default)]
struct Numbering {
    /// numId → (abstract levels, start overrides by level).
    nums: HashMap<String, (Vec<Level>, HashMap<usize, u32>)>,
    /// numId → the current counter of each level.
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn read(root: &El) -> Numbering {
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for el in root.elements().filter(|el| el.name == "abstractNum") {
            let Some(id) = el.attr("abstractNumId") else {
                continue;
            };
            let mut levels = Vec::new();
            for lvl in el.elements().filter(|l| l.name == "lvl").take(9) {
                levels.push(Level {
                    start: lvl.val("start").and_then(|s| s.parse().ok()).unwrap_or(1),
                    format: lvl.val("numFmt").unwrap_or("decimal").to_string(),
                    text: lvl.val("lvlText").unwrap_or("").to_string(),
                    ppr: lvl.child("pPr").map(ParaProps::read).unwrap_or_default(),
                });
            }
            abstracts.insert(id.to_string(), levels);
        }
        let mut nums = HashMap::new();
        for el in root.elements().filter(|el| el.name == "num") {
            let (Some(id), Some(abstract_id)) = (el.attr("numId"), el.val("abstractNumId")) else {
                continue;
            };
            let overrides = el
                .elements()
                .filter(|o| o.name == "lvlOverride")
                .filter_map(|o| {
                    let level = o.attr("ilvl")?.parse().ok()?;
                    let start = o.val("startOverride")?.parse().ok()?;
                    Some((level, start))
                })
                .collect();
            let levels = abstracts.get(abstract_id).cloned().unwrap_or_default();
            nums.insert(id.to_string(), (levels, overrides));
        }
        Numbering {
            nums,
            counters: HashMap::new(),
        }
    }

    /// The label of the next item at this level (`3.`, `b)`, `•`) and the level's paragraph
    /// properties; `None` for numId 0 (numbering switched off) or an unknown list.
    fn next(&mut self, id: &str, level: usize) -> Option<(String, ParaProps)> {
        let (levels, overrides) = self.nums.get(id)?;
        let this = levels.get(level)?;
        let starts: Vec<u32> = (0..levels.len())
            .map(|l| {
                overrides
                    .get(&l)
                    .copied()
                    .unwrap_or_else(|| levels[l].start)
            })
            .collect();
        let counters = self
            .counters
            .entry(id.to_string())
            .or_insert_with(|| starts.iter().map(|s| s.saturating_sub(1)).collect());
        counters[level] = counters[level].saturating_add(1);
        for deeper in level + 1..counters.len() {
            counters[deeper] = starts[deeper].saturating_sub(1);
        }
        let label = if this.format == "bullet" {
            "•".to_string()
        } else {
            let mut label = this.text.clone();
            for (l, counter) in counters.iter().enumerate().take(level + 1) {
                let shown = format_number(*counter, &levels[l].format);
                label = label.replace(&format!("%{}", l + 1), &shown);
            }
            label
        };
        Some((label, this.ppr.clone()))
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            let letter = char::from(b'a' + ((n.max(1) - 1) % 26) as u8);
            let text = letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                text.to_uppercase()
            } else {
                text
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value && out.len() < 32 {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Drawing a part

/// What drawing one part needs beside the part itself.
struct Drawer<'a, 'b> {
    cx: PartContext<'a, 'b>,
    nesting: usize,
}

impl Drawer<'_, '_> {
    fn block(&mut self, out: &mut String, parent: &El) {
        for el in block_elements(parent) {
            match el.name.as_str() {
                "p" => self.paragraph(out, el),
                _ => self.table(out, el),
            }
        }
    }

    fn paragraph(&mut self, out: &mut String, p: &El) {
        let format = self.cx.paragraph(p);
        let (ppr, base_rpr) = (&format.ppr, &format.base);
        let mut style = String::new();
        ppr.css(&mut style);
        base_rpr.css(&mut style);
        // A `div`, not a `p`: a paragraph can hold a text box with paragraphs of its own, and
        // an HTML parser would end a `p` at the first nested one.
        out.push_str("<div class=\"p\" style=\"");
        out.push_str(&style);
        out.push('"');
        if ppr.bidi == Some(true) {
            out.push_str(" dir=\"rtl\"");
        }
        out.push('>');
        if let Some(label) = &format.label {
            let mut label_style = String::new();
            if let Some(mark) = &format.mark {
                let mut rpr = base_rpr.clone();
                rpr.overlay(mark);
                rpr.css(&mut label_style);
            }
            out.push_str("<span class=\"num\" style=\"");
            out.push_str(&label_style);
            out.push_str("\">");
            escape_html(out, label);
            out.push_str("</span>\t");
        }
        let before = out.len();
        self.inline(out, p, base_rpr);
        if out.len() == before {
            // An empty paragraph keeps its line, as on paper.
            out.push_str("<br>");
        }
        out.push_str("</div>");
        if format.page_break_after {
            out.push_str("<div class=\"page-break\"></div>");
        }
    }

    /// The runs of a paragraph, hyperlink, field or similar container.
    fn inline(&mut self, out: &mut String, parent: &El, base: &RunProps) {
        for el in parent.elements() {
            match el.name.as_str() {
                "r" => self.run(out, el, base),
                "hyperlink" => {
                    out.push_str("<span class=\"link\">");
                    self.inline(out, el, base);
                    out.push_str("</span>");
                }
                _ => {
                    if let Some(content) = inline_content(el) {
                        self.inline(out, content, base);
                    }
                }
            }
        }
    }

    fn run(&mut self, out: &mut String, r: &El, base: &RunProps) {
        let rpr = self.cx.run(base, r);
        if rpr.hidden == Some(true) {
            return;
        }
        let mut style = String::new();
        rpr.css(&mut style);
        out.push_str("<span style=\"");
        out.push_str(&style);
        out.push('"');
        if rpr.rtl == Some(true) {
            out.push_str(" dir=\"rtl\"");
        }
        out.push('>');
        for el in r.elements() {
            match el.name.as_str() {
                "t" => escape_html(out, &el.text()),
                "tab" | "ptab" => out.push('\t'),
                "br" | "cr" => match el.attr("type") {
                    Some("page") => out.push_str("<span class=\"page-break\"></span>"),
                    _ => out.push_str("<br>"),
                },
                "noBreakHyphen" => out.push('\u{2011}'),
                "softHyphen" => out.push('\u{AD}'),
                "sym" => {
                    if let Some(c) = symbol(el) {
                        escape_html(out, &c.to_string());
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let mark = self.cx.note_reference(el);
                    let _ = write!(out, "<sup class=\"note-ref\">{mark}</sup>");
                }
                _ => {
                    for inner in objects(el) {
                        match inner.name.as_str() {
                            "drawing" => self.drawing(out, inner),
                            _ => self.vml(out, inner),
                        }
                    }
                }
            }
        }
        out.push_str("</span>");
    }

    /// A DrawingML object: a picture or a text box, inline or anchored.
    fn drawing(&mut self, out: &mut String, drawing: &El) {
        let Some(frame) = frame(drawing) else {
            return;
        };
        let mut style = format!("width:{}mm;", fmt(frame.width));
        if frame.el.name == "anchor" {
            style.push_str(&self.anchor_css(frame.el));
        }
        match frame.object {
            FrameObject::Picture(id) => {
                let Some(src) = id.and_then(|id| self.image(id)) else {
                    return;
                };
                let _ = write!(
                    out,
                    "<img alt=\"\" src=\"{src}\" style=\"{style}height:{}mm;\">",
                    fmt(frame.height)
                );
            }
            FrameObject::TextBox {
                content,
                padding: [top, right, bottom, left],
                outline,
            } => {
                let _ = write!(
                    style,
                    "min-height:{}mm;padding:{}mm {}mm {}mm {}mm;{}",
                    fmt(frame.height),
                    fmt(top),
                    fmt(right),
                    fmt(bottom),
                    fmt(left),
                    if outline.is_some() {
                        "border:0.5pt solid #000;"
                    } else {
                        ""
                    }
                );
                self.text_box(out, content, &style);
            }
        }
    }

    /// Where an anchored object goes: at its place on the page when both its offsets are
    /// measured from the page or the margins (a letter's address window), else floated at the
    /// left of its paragraph.
    fn anchor_css(&self, anchor: &El) -> String {
        let page = &self.cx.page;
        match (
            anchor_offset(anchor, "positionH"),
            anchor_offset(anchor, "positionV"),
        ) {
            (Some((h_from, x)), Some((v_from, y)))
                if matches!(h_from.as_str(), "page" | "margin")
                    && matches!(v_from.as_str(), "page" | "margin") =>
            {
                let x = if h_from == "margin" { x + page.left } else { x };
                let y = if v_from == "margin" { y + page.top } else { y };
                format!(
                    "position:absolute;left:{}mm;top:{}mm;",
                    fmt(x.clamp(-1000.0, 2000.0)),
                    fmt(y.clamp(-1000.0, 2000.0))
                )
            }
            _ => "float:left;margin:0 3mm 1mm 0;".to_string(),
        }
    }

    fn text_box(&mut self, out: &mut String, content: &El, style: &str) {
        if self.nesting >= MAX_NESTING {
            return;
        }
        self.nesting += 1;
        out.push_str("<span class=\"text-box\" style=\"display:block;box-sizing:border-box;");
        out.push_str(style);
        out.push_str("\">");
        self.block(out, content);
        out.push_str("</span>");
        self.nesting -= 1;
    }

    /// An old-style (VML) picture or text box, as documents from before Word 2010 have them.
    fn vml(&mut self, out: &mut String, pict: &El) {
        if let Some(content) = pict.find("txbxContent") {
            self.text_box(out, content, "border:0.5pt solid #000;padding:1mm;");
        } else if let Some(src) = pict
            .find("imagedata")
            .and_then(|i| i.attr("r:id"))
            .and_then(|id| self.image(id))
        {
            let _ = write!(out, "<img alt=\"\" src=\"{src}\">");
        }
    }

    /// An image part as a `data:` URL, for the raster formats browsers show.
    fn image(&mut self, id: &str) -> Option<String> {
        let (mime, bytes) = self.cx.image(id, |extension| match extension {
            "png" => Some("image/png"),
            "jpg" | "jpeg" => Some("image/jpeg"),
            "gif" => Some("image/gif"),
            "bmp" => Some("image/bmp"),
            "webp" => Some("image/webp"),
            _ => None,
        })?;
        Some(format!("data:{mime};base64,{}", base64(&bytes)))
    }

    fn table(&mut self, out: &mut String, tbl: &El) {
        if self.nesting >= MAX_NESTING {
            return;
        }
        self.nesting += 1;
        let table = TableGrid::read(tbl, self.cx.styles);
        let [top, right, bottom, left] = table.padding;
        let padding = format!(
            "padding:{}pt {}pt {}pt {}pt;",
            fmt(top),
            fmt(right),
            fmt(bottom),
            fmt(left),
        );
        let align = match table.align {
            Some("center") => "margin-left:auto;margin-right:auto;",
            Some("right" | "end") => "margin-left:auto;",
            _ => "",
        };
        let _ = write!(
            out,
            "<table style=\"border-collapse:collapse;table-layout:fixed;width:{}pt;{}{}{}\"><colgroup>",
            fmt(table.columns.iter().sum::<f64>() / 20.0),
            if align.is_empty() {
                format!("margin-left:{}pt;", fmt(table.indent / 20.0))
            } else {
                String::new()
            },
            align,
            table.borders.outer_css(),
        );
        for width in &table.columns {
            let _ = write!(out, "<col style=\"width:{}pt\">", fmt(width / 20.0));
        }
        out.push_str("</colgroup>");
        for row in &table.rows {
            out.push_str("<tr>");
            for cell in &row.cells {
                // The collapsed table's own outer border wins at the edges, as it is drawn on
                // the table; every cell draws the inside lines under its own.
                let cell_borders = cell.borders(table.borders.inner());
                let mut style = padding.clone();
                style.push_str(&cell_borders.cell_css());
                style.push_str("vertical-align:");
                style.push_str(match cell.tcpr.and_then(|t| t.val("vAlign")) {
                    Some("center") => "middle;",
                    Some("bottom") => "bottom;",
                    _ => "top;",
                });
                if let Some(fill) = cell.fill() {
                    let _ = write!(style, "background:#{fill};");
                }
                out.push_str("<td");
                if cell.span > 1 {
                    let _ = write!(out, " colspan=\"{}\"", cell.span);
                }
                if cell.rows > 1 {
                    let _ = write!(out, " rowspan=\"{}\"", cell.rows);
                }
                out.push_str(" style=\"");
                out.push_str(&style);
                out.push_str("\">");
                self.block(out, cell.el);
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
        self.nesting -= 1;
    }
}

fn note_mark(kind: NoteKind, shown: usize) -> String {
    match kind {
        NoteKind::Footnote => shown.to_string(),
        NoteKind::Endnote => roman(shown as u32).to_lowercase(),
    }
}

/// One border: CSS width in points and a colour, or none.
type Line = Option<(f64, String)>;

#[derive(Debug, Clone, Default)]
struct Borders {
    top: Option<Line>,
    left: Option<Line>,
    bottom: Option<Line>,
    right: Option<Line>,
    inside_h: Option<Line>,
    inside_v: Option<Line>,
}

impl Borders {
    fn read(el: &El) -> Borders {
        let side = |name: &str, alt: &str| {
            el.child(name).or_else(|| el.child(alt)).map(|b| {
                match b.attr("val") {
                    None | Some("nil" | "none") => None,
                    Some(_) => {
                        // `w:sz` is in eighths of a point; Word draws at least a hairline.
                        let width = (number(b.attr("sz")).unwrap_or(4.0) / 8.0).clamp(0.25, 6.0);
                        let colour = b
                            .attr("color")
                            .and_then(hex_colour)
                            .map(|c| format!("#{c}"))
                            .unwrap_or_else(|| "#000".to_string());
                        Some((width, colour))
                    }
                }
            })
        };
        Borders {
            top: side("top", "top"),
            left: side("left", "start"),
            bottom: side("bottom", "bottom"),
            right: side("right", "end"),
            inside_h: side("insideH", "insideH"),
            inside_v: side("insideV", "insideV"),
        }
    }

    fn overlay(&mut self, top: &Borders) {
        for (mine, theirs) in [
            (&mut self.top, &top.top),
            (&mut self.left, &top.left),
            (&mut self.bottom, &top.bottom),
            (&mut self.right, &top.right),
            (&mut self.inside_h, &top.inside_h),
            (&mut self.inside_v, &top.inside_v),
        ] {
            if theirs.is_some() {
                *mine = theirs.clone();
            }
        }
    }

    /// The borders every cell draws: the inside lines on all sides (the collapsed table's own
    /// outer border wins at the edges, as it is drawn on the table).
    fn inner(&self) -> Borders {
        Borders {
            top: self.inside_h.clone(),
            bottom: self.inside_h.clone(),
            left: self.inside_v.clone(),
            right: self.inside_v.clone(),
            inside_h: None,
            inside_v: None,
        }
    }

    fn css(sides: [(&str, &Option<Line>); 4]) -> String {
        let mut out = String::new();
        for (name, line) in sides {
            if let Some(Some((width, colour))) = line {
                let _ = write!(out, "border-{name}:{}pt solid {colour};", fmt(*width));
            }
        }
        out
    }

    fn outer_css(&self) -> String {
        Borders::css([
            ("top", &self.top),
            ("right", &self.right),
            ("bottom", &self.bottom),
            ("left", &self.left),
        ])
    }

    fn cell_css(&self) -> String {
        self.outer_css()
    }
}

use crate::core::base64::encode as base64;

// ---------------------------------------------------------------------------------------------
// The letter

fn page_of(sect: Option<&El>) -> PageLayout {
    let mut page = PageLayout::default();
    let Some(sect) = sect else {
        return page;
    };
    let twips = |el: Option<&El>, name: &str| {
        number(el.and_then(|e| e.attr(name)))
            .map(twips_to_mm)
            .filter(|mm| (0.0..=5000.0).contains(&mm.abs()))
    };
    let size = sect.child("pgSz");
    let margins = sect.child("pgMar");
    let fields: [(&mut f64, Option<&El>, &str); 8] = [
        (&mut page.width, size, "w"),
        (&mut page.height, size, "h"),
        (&mut page.top, margins, "top"),
        (&mut page.right, margins, "right"),
        (&mut page.bottom, margins, "bottom"),
        (&mut page.left, margins, "left"),
        (&mut page.header, margins, "header"),
        (&mut page.footer, margins, "footer"),
    ];
    for (field, el, name) in fields {
        if let Some(value) = twips(el, name) {
            // A negative top or bottom margin means "do not move the text for the header".
            *field = value.abs();
        }
    }
    page
}

/// The letter's layout as HTML fragments (see the module documentation).
pub fn letter_html(docx: &[u8]) -> Result<LetterHtml, DocxError> {
    let letter = read_letter(docx, |cx, root| {
        let mut out = String::new();
        Drawer { cx, nesting: 0 }.block(&mut out, root);
        out
    })?;
    let mut notes = String::new();
    for (class, drawn) in [
        ("footnotes", letter.footnotes),
        ("endnotes", letter.endnotes),
    ] {
        let Some(drawn) = drawn else {
            continue;
        };
        let _ = write!(notes, "<div class=\"{class}\">");
        for (mark, text) in drawn {
            let _ = write!(
                notes,
                "<div class=\"note\"><sup class=\"note-mark\">{mark}</sup>{text}</div>"
            );
        }
        notes.push_str("</div>");
    }
    Ok(LetterHtml {
        page: letter.page,
        header: letter.header,
        body: letter.body,
        notes,
        footer: letter.footer,
    })
}

/// The style sheet every drawn letter needs, for the preview frame and the print view alike.
pub const LETTER_CSS: &str = "\
.sheet { position: relative; box-sizing: border-box; background: #fff; color: #000; overflow-wrap: break-word; }
.sheet .p { white-space: pre-wrap; tab-size: 12.7mm; }
.sheet .page-break { display: block; break-after: page; }
.sheet .sheet-header, .sheet .sheet-footer { position: absolute; }
.sheet .link { color: #0563c1; text-decoration: underline; }
.sheet .footnotes, .sheet .endnotes { margin-top: 6mm; border-top: 0.5pt solid #000; padding-top: 1mm; font-size: 9pt; }
.sheet .note { display: flex; gap: 1mm; }
.sheet .note .p { margin: 0 !important; }
.sheet td > .p:last-child { margin-bottom: 0 !important; }
.sheet img { vertical-align: bottom; }
@media screen { .sheet .page-break { border-top: 1px dashed #888; margin: 4mm 0; } }
";

/// One letter as a sheet of paper: an `<article class="sheet">` of the page's size with its
/// margins as padding, the header and footer at their distances from the edges, the body and
/// its notes in between.
pub fn sheet_html(out: &mut String, letter: &LetterHtml) {
    let page = &letter.page;
    let _ = write!(
        out,
        "<article class=\"sheet\" style=\"width:{}mm;min-height:{}mm;padding:{}mm {}mm {}mm {}mm;\">",
        fmt(page.width),
        fmt(page.height),
        fmt(page.top),
        fmt(page.right),
        fmt(page.bottom),
        fmt(page.left),
    );
    if !letter.header.is_empty() {
        let _ = write!(
            out,
            "<div class=\"sheet-header\" style=\"top:{}mm;left:{}mm;right:{}mm;\">{}</div>",
            fmt(page.header),
            fmt(page.left),
            fmt(page.right),
            letter.header
        );
    }
    out.push_str("<div class=\"sheet-body\">");
    out.push_str(&letter.body);
    out.push_str(&letter.notes);
    out.push_str("</div>");
    if !letter.footer.is_empty() {
        let _ = write!(
            out,
            "<div class=\"sheet-footer\" style=\"bottom:{}mm;left:{}mm;right:{}mm;\">{}</div>",
            fmt(page.footer),
            fmt(page.left),
            fmt(page.right),
            letter.footer
        );
    }
    out.push_str("</article>");
}
