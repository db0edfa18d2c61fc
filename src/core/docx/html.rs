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

pub mod layout;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::package::{self, Archive, PART_LIMIT};
use super::xml::unescape;
use super::DocxError;

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
    archive: &'a mut Archive<'b>,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    page: PageLayout,
    /// The part being drawn and its relationships, for images.
    rels: HashMap<String, (String, bool)>,
    /// Footnote and endnote references in order: (kind, id, number shown).
    notes: &'a mut Vec<(NoteKind, String, usize)>,
    nesting: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteKind {
    Footnote,
    Endnote,
}

impl Drawer<'_, '_> {
    fn block(&mut self, out: &mut String, parent: &El) {
        for el in parent.elements() {
            match el.name.as_str() {
                "p" => self.paragraph(out, el),
                "tbl" => self.table(out, el),
                // Content controls, custom XML and tracked insertions hold ordinary content.
                "sdt" => {
                    if let Some(content) = el.child("sdtContent") {
                        self.block(out, content);
                    }
                }
                "customXml" | "ins" | "smartTag" => self.block(out, el),
                "AlternateContent" => {
                    if let Some(choice) = el.child("Choice") {
                        self.block(out, choice);
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, out: &mut String, p: &El) {
        let direct = p.child("pPr").map(ParaProps::read).unwrap_or_default();
        let (mut ppr, base_rpr) = self.styles.paragraph(direct.style.as_deref());
        let mut numbering = ppr.numbering.clone();
        if direct.numbering.is_some() {
            numbering = direct.numbering.clone();
        }
        let label = numbering.and_then(|(id, level)| {
            let (label, level_ppr) = self.numbering.next(&id, level)?;
            ppr.overlay(&level_ppr);
            Some(label)
        });
        ppr.overlay(&direct);
        // The paragraph mark's run properties style the number, as in Word.
        let mark_rpr = p
            .child("pPr")
            .and_then(|ppr| ppr.child("rPr"))
            .map(RunProps::read);

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
        if let Some(label) = label {
            let mut label_style = String::new();
            if let Some(mark) = &mark_rpr {
                let mut rpr = base_rpr.clone();
                rpr.overlay(mark);
                rpr.css(&mut label_style);
            }
            out.push_str("<span class=\"num\" style=\"");
            out.push_str(&label_style);
            out.push_str("\">");
            escape_html(out, &label);
            out.push_str("</span>\t");
        }
        let before = out.len();
        self.inline(out, p, &base_rpr);
        if out.len() == before {
            // An empty paragraph keeps its line, as on paper.
            out.push_str("<br>");
        }
        out.push_str("</div>");
        // A section break inside the document starts a new page (except a continuous one).
        if let Some(sect) = p.child("pPr").and_then(|ppr| ppr.child("sectPr")) {
            if sect.val("type") != Some("continuous") {
                out.push_str("<div class=\"page-break\"></div>");
            }
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
                "fldSimple" | "ins" | "smartTag" | "customXml" | "bdo" | "dir" => {
                    self.inline(out, el, base)
                }
                "sdt" => {
                    if let Some(content) = el.child("sdtContent") {
                        self.inline(out, content, base);
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = el.child("Choice") {
                        self.inline(out, choice, base);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, out: &mut String, r: &El, base: &RunProps) {
        let mut rpr = base.clone();
        let direct = r.child("rPr");
        if let Some(style) = direct.and_then(|d| d.val("rStyle")) {
            rpr.overlay(&self.styles.run(style));
        }
        if let Some(direct) = direct {
            rpr.overlay(&RunProps::read(direct));
        }
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
                    let c = el
                        .attr("char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
                    if let Some(c) = c {
                        escape_html(out, &c.to_string());
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let kind = if el.name == "footnoteReference" {
                        NoteKind::Footnote
                    } else {
                        NoteKind::Endnote
                    };
                    let id = el.attr("id").unwrap_or_default().to_string();
                    let shown = self.notes.iter().filter(|n| n.0 == kind).count() + 1;
                    self.notes.push((kind, id, shown));
                    let _ = write!(
                        out,
                        "<sup class=\"note-ref\">{}</sup>",
                        note_mark(kind, shown)
                    );
                }
                "drawing" => self.drawing(out, el),
                "pict" | "object" => self.vml(out, el),
                "AlternateContent" => {
                    if let Some(choice) = el.child("Choice") {
                        for inner in choice.elements() {
                            match inner.name.as_str() {
                                "drawing" => self.drawing(out, inner),
                                "pict" => self.vml(out, inner),
                                _ => {}
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.push_str("</span>");
    }

    /// A DrawingML object: a picture or a text box, inline or anchored.
    fn drawing(&mut self, out: &mut String, drawing: &El) {
        let Some(frame) = drawing
            .elements()
            .find(|el| el.name == "inline" || el.name == "anchor")
        else {
            return;
        };
        let extent = frame.child("extent");
        let width = emu_to_mm(number(extent.and_then(|e| e.attr("cx"))).unwrap_or(0.0));
        let height = emu_to_mm(number(extent.and_then(|e| e.attr("cy"))).unwrap_or(0.0));
        let mut style = format!("width:{}mm;", fmt(width.clamp(0.0, 2000.0)));
        if frame.name == "anchor" {
            style.push_str(&self.anchor_css(frame));
        }
        if let Some(blip) = frame.find("blip") {
            let Some(src) = blip.attr("r:embed").and_then(|id| self.image(id)) else {
                return;
            };
            let _ = write!(
                out,
                "<img alt=\"\" src=\"{src}\" style=\"{style}height:{}mm;\">",
                fmt(height.clamp(0.0, 2000.0))
            );
            return;
        }
        if let Some(content) = frame.find("txbxContent") {
            let body = frame.find("bodyPr");
            let inset = |name: &str, default: f64| {
                emu_to_mm(number(body.and_then(|b| b.attr(name))).unwrap_or(default))
            };
            let line = frame.find("spPr").and_then(|sp| sp.child("ln"));
            let bordered = line.is_some_and(|ln| ln.child("noFill").is_none());
            let _ = write!(
                style,
                "min-height:{}mm;padding:{}mm {}mm {}mm {}mm;{}",
                fmt(height.clamp(0.0, 2000.0)),
                fmt(inset("tIns", 45720.0)),
                fmt(inset("rIns", 91440.0)),
                fmt(inset("bIns", 45720.0)),
                fmt(inset("lIns", 91440.0)),
                if bordered {
                    "border:0.5pt solid #000;"
                } else {
                    ""
                }
            );
            self.text_box(out, content, &style);
        }
    }

    /// Where an anchored object goes: at its place on the page when both its offsets are
    /// measured from the page or the margins (a letter's address window), else floated at the
    /// left of its paragraph.
    fn anchor_css(&self, anchor: &El) -> String {
        let offset = |axis: &str| -> Option<(String, f64)> {
            let position = anchor.child(axis)?;
            let from = position.attr("relativeFrom")?.to_string();
            let value = number(position.child("posOffset").map(|o| o.text()).as_deref())?;
            Some((from, emu_to_mm(value)))
        };
        match (offset("positionH"), offset("positionV")) {
            (Some((h_from, x)), Some((v_from, y)))
                if matches!(h_from.as_str(), "page" | "margin")
                    && matches!(v_from.as_str(), "page" | "margin") =>
            {
                let x = if h_from == "margin" {
                    x + self.page.left
                } else {
                    x
                };
                let y = if v_from == "margin" {
                    y + self.page.top
                } else {
                    y
                };
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
        let (target, external) = self.rels.get(id)?.clone();
        if external {
            return None;
        }
        let extension = target.rsplit('.').next()?.to_ascii_lowercase();
        let mime = match extension.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "bmp" => "image/bmp",
            "webp" => "image/webp",
            _ => return None,
        };
        let bytes = read_bytes(self.archive, &target)?;
        Some(format!("data:{mime};base64,{}", base64(&bytes)))
    }

    fn table(&mut self, out: &mut String, tbl: &El) {
        if self.nesting >= MAX_NESTING {
            return;
        }
        self.nesting += 1;
        let tblpr = tbl.child("tblPr");
        let style_pr = tblpr
            .and_then(|t| t.val("tblStyle"))
            .and_then(|s| self.styles.table(s));
        let borders_of =
            |pr: Option<&El>| pr.and_then(|p| p.child("tblBorders")).map(Borders::read);
        let mut borders = borders_of(style_pr).unwrap_or_default();
        if let Some(direct) = borders_of(tblpr) {
            borders.overlay(&direct);
        }
        let margins = tblpr
            .and_then(|t| t.child("tblCellMar"))
            .or_else(|| style_pr.and_then(|s| s.child("tblCellMar")));
        let cell_margin = |side: &str, default: f64| {
            margins
                .and_then(|m| m.child(side).or_else(|| m.child(alt_side(side))))
                .and_then(|m| number(m.attr("w")))
                .unwrap_or(default)
                / 20.0
        };
        let padding = format!(
            "padding:{}pt {}pt {}pt {}pt;",
            fmt(cell_margin("top", 0.0)),
            fmt(cell_margin("right", 108.0)),
            fmt(cell_margin("bottom", 0.0)),
            fmt(cell_margin("left", 108.0)),
        );
        let columns: Vec<f64> = tbl
            .child("tblGrid")
            .map(|grid| {
                grid.elements()
                    .filter(|c| c.name == "gridCol")
                    .map(|c| number(c.attr("w")).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let indent = tblpr
            .and_then(|t| t.child("tblInd"))
            .and_then(|i| number(i.attr("w")))
            .unwrap_or(0.0);
        let align = match tblpr.and_then(|t| t.val("jc")) {
            Some("center") => "margin-left:auto;margin-right:auto;",
            Some("right" | "end") => "margin-left:auto;",
            _ => "",
        };
        let _ = write!(
            out,
            "<table style=\"border-collapse:collapse;table-layout:fixed;width:{}pt;{}{}{}\"><colgroup>",
            fmt(columns.iter().sum::<f64>() / 20.0),
            if align.is_empty() {
                format!("margin-left:{}pt;", fmt(indent / 20.0))
            } else {
                String::new()
            },
            align,
            borders.outer_css(),
        );
        for width in &columns {
            let _ = write!(out, "<col style=\"width:{}pt\">", fmt(width / 20.0));
        }
        out.push_str("</colgroup>");

        // Merged cells: the grid column each cell starts at, and how many rows a cell that
        // starts a vertical merge spans.
        let rows: Vec<&El> = tbl.elements().filter(|r| r.name == "tr").collect();
        let grid: Vec<Vec<(usize, &El)>> = rows
            .iter()
            .map(|row| {
                let mut column = 0;
                row.elements()
                    .filter(|c| c.name == "tc")
                    .map(|cell| {
                        let at = column;
                        column += span_of(cell);
                        (at, cell)
                    })
                    .collect()
            })
            .collect();
        for (r, row) in grid.iter().enumerate() {
            out.push_str("<tr>");
            for (column, cell) in row {
                let tcpr = cell.child("tcPr");
                let merge = tcpr.and_then(|t| t.child("vMerge"));
                let continues = merge.is_some_and(|m| m.attr("val") != Some("restart"));
                if continues {
                    continue;
                }
                let rowspan = if merge.is_some() {
                    1 + grid[r + 1..]
                        .iter()
                        .take_while(|next| {
                            next.iter().any(|(c, next_cell)| {
                                c == column
                                    && next_cell
                                        .child("tcPr")
                                        .and_then(|t| t.child("vMerge"))
                                        .is_some_and(|m| m.attr("val") != Some("restart"))
                            })
                        })
                        .count()
                } else {
                    1
                };
                let mut cell_borders = borders.inner();
                if let Some(own) = tcpr.and_then(|t| t.child("tcBorders")) {
                    cell_borders.overlay(&Borders::read(own));
                }
                let mut style = padding.clone();
                style.push_str(&cell_borders.cell_css());
                style.push_str("vertical-align:");
                style.push_str(match tcpr.and_then(|t| t.val("vAlign")) {
                    Some("center") => "middle;",
                    Some("bottom") => "bottom;",
                    _ => "top;",
                });
                if let Some(fill) = tcpr
                    .and_then(|t| t.child("shd"))
                    .and_then(|s| s.attr("fill"))
                    .and_then(hex_colour)
                {
                    let _ = write!(style, "background:#{fill};");
                }
                out.push_str("<td");
                let span = span_of(cell);
                if span > 1 {
                    let _ = write!(out, " colspan=\"{span}\"");
                }
                if rowspan > 1 {
                    let _ = write!(out, " rowspan=\"{rowspan}\"");
                }
                out.push_str(" style=\"");
                out.push_str(&style);
                out.push_str("\">");
                self.block(out, cell);
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

fn span_of(cell: &El) -> usize {
    cell.child("tcPr")
        .and_then(|t| t.val("gridSpan"))
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 64)
}

fn alt_side(side: &str) -> &str {
    match side {
        "left" => "start",
        "right" => "end",
        other => other,
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

fn read_tree(archive: &mut Archive<'_>, part: &str) -> Result<Option<El>, DocxError> {
    match package::read_text(archive, part) {
        Ok(src) => parse(part, &src).map(Some),
        Err(DocxError::MissingPart { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The part a section's default header or footer reference names.
fn header_part(
    sect: Option<&El>,
    kind: &str,
    rels: &HashMap<String, (String, bool)>,
) -> Option<String> {
    let sect = sect?;
    let references: Vec<&El> = sect
        .elements()
        .filter(|el| el.name == format!("{kind}Reference"))
        .collect();
    let chosen = references
        .iter()
        .find(|r| r.attr("type") == Some("default"))
        .or(references.first())?;
    let (target, external) = rels.get(chosen.attr("r:id")?)?;
    (!external).then(|| target.clone())
}

/// The letter's layout as HTML fragments (see the module documentation).
pub fn letter_html(docx: &[u8]) -> Result<LetterHtml, DocxError> {
    let mut archive = package::open(docx)?;
    let main = package::main_part(&mut archive)?;
    let src = package::read_text(&mut archive, &main)?;
    let document = parse(&main, &src)?;
    let styles = read_tree(&mut archive, "word/styles.xml")?
        .map(|root| Styles::read(&root))
        .unwrap_or_default();
    let mut numbering = read_tree(&mut archive, "word/numbering.xml")?
        .map(|root| Numbering::read(&root))
        .unwrap_or_default();
    let body = document.child("body");
    let sect = body.and_then(|b| b.child("sectPr"));
    let page = page_of(sect);
    let main_rels = relationships(&mut archive, &main);
    let mut notes = Vec::new();

    let draw = |archive: &mut Archive<'_>,
                numbering: &mut Numbering,
                notes: &mut Vec<(NoteKind, String, usize)>,
                part: &str,
                root: &El| {
        let rels = relationships(archive, part);
        let mut drawer = Drawer {
            archive,
            styles: &styles,
            numbering,
            page,
            rels,
            notes,
            nesting: 0,
        };
        let mut out = String::new();
        drawer.block(&mut out, root);
        out
    };

    let body_html = match body {
        Some(body) => draw(&mut archive, &mut numbering, &mut notes, &main, body),
        None => String::new(),
    };
    let mut sides = Vec::new();
    for kind in ["header", "footer"] {
        let html = match header_part(sect, kind, &main_rels) {
            Some(part) => match read_tree(&mut archive, &part)? {
                Some(root) => {
                    // A header's own note references are not numbered with the body's.
                    let mut own_notes = Vec::new();
                    draw(&mut archive, &mut numbering, &mut own_notes, &part, &root)
                }
                None => String::new(),
            },
            None => String::new(),
        };
        sides.push(html);
    }

    // The notes the body refers to, in the order referred to, each with its mark.
    let mut notes_html = String::new();
    for kind in [NoteKind::Footnote, NoteKind::Endnote] {
        let (element, relation) = match kind {
            NoteKind::Footnote => ("footnote", "footnotes"),
            NoteKind::Endnote => ("endnote", "endnotes"),
        };
        let referred: Vec<(String, usize)> = notes
            .iter()
            .filter(|n| n.0 == kind)
            .map(|n| (n.1.clone(), n.2))
            .collect();
        if referred.is_empty() {
            continue;
        }
        let Some(part) = main_rels
            .values()
            .find(|(target, external)| {
                !external && target.rsplit('/').next() == Some(&format!("{relation}.xml"))
            })
            .map(|(target, _)| target.clone())
        else {
            continue;
        };
        let Some(root) = read_tree(&mut archive, &part)? else {
            continue;
        };
        let class = if kind == NoteKind::Footnote {
            "footnotes"
        } else {
            "endnotes"
        };
        let _ = write!(notes_html, "<div class=\"{class}\">");
        for (id, shown) in referred {
            let Some(note) = root
                .elements()
                .find(|n| n.name == element && n.attr("id") == Some(id.as_str()))
            else {
                continue;
            };
            let mut own_notes = Vec::new();
            let text = draw(&mut archive, &mut numbering, &mut own_notes, &part, note);
            let _ = write!(
                notes_html,
                "<div class=\"note\"><sup class=\"note-mark\">{}</sup>{text}</div>",
                note_mark(kind, shown)
            );
        }
        notes_html.push_str("</div>");
    }
    let footer = sides.pop().unwrap_or_default();
    let header = sides.pop().unwrap_or_default();
    Ok(LetterHtml {
        page,
        header,
        body: body_html,
        notes: notes_html,
        footer,
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
