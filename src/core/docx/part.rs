//! One XML part of a Word document (body, header, footer, footnotes, endnotes) turned into literal
//! XML and holes, once, so that each letter is only string concatenation.
//!
//! How tags are found: Word cuts text into runs wherever formatting, spell-check marks or revision
//! ids change, so `{{first_name}}` may be `{{first` in one run and `_name}}` in the next. Per
//! paragraph, the text of its `w:t` elements is joined and scanned with the letter language's
//! scanner; each tag is then mapped back onto the pieces of `w:t` text it covers. Its value goes
//! where the tag starts (inside the first run, so it keeps that run's formatting) and the tag's
//! characters are cut out of every run it touched. Markup between the pieces stays as it was.
//!
//! Conditional blocks: the XML between the tags of a branch is kept when the branch is chosen.
//! When it is not, only what keeps the XML balanced survives: the ends and starts of elements that
//! cross the branch's edges, and property elements; whole runs, paragraphs and tables inside the
//! branch and all `w:t` text go. That "skeleton" is computed here, once per branch.
//!
//! A relationships part whose link targets hold fields (`mailto:{{email}}`) is turned into
//! literal XML and holes here too ([`analyse_rels`]): it is filled by the same nodes as every
//! other part, and each of its values is written percent-encoded as [`super::links`] says.

use std::collections::BTreeSet;

use super::fields::{parse_instruction, Instruction, MergeInstruction};
use super::links::{Encoding, UrlPart};
use super::xml::{self, Tok, TokKind, Tokens};
use super::{
    CannotMerge, DocxError, FoundTag, FoundTagKind, Location, ProblemKind, TemplateProblem,
};

use crate::core::letter::{
    scan_tags, DiagnosticKind, MergeData, TagKind, Warning, Warnings, MAX_NESTING,
};

/// A part ready to be filled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FillablePart {
    pub nodes: Vec<Node>,
    pub markup: Markup,
    /// Length of the source part, to size the output buffer.
    pub source_len: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// XML copied as is.
    Xml(String),
    /// A value printed inside an open `w:t`.
    Text {
        field: String,
    },
    /// A merge field, replaced by one run with the field result's formatting.
    Run {
        merge: MergeInstruction,
        rpr: String,
    },
    Block(Box<Block>),
    /// A value in a link target or field instruction, written as `encoding` says.
    Link {
        field: String,
        encoding: Encoding,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub field: String,
    pub then: Vec<Node>,
    pub then_skeleton: String,
    /// The `{{else}}` tag's surroundings: printed whichever branch is chosen.
    pub middle: Vec<Node>,
    pub otherwise: Vec<Node>,
    pub otherwise_skeleton: String,
}

/// Markup generated around values, in the part's own namespace prefix.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Markup {
    line_break: String,
    tab: String,
    run_start: String,
    text_start: String,
    run_end: String,
}

impl Markup {
    pub(crate) fn new(w: &str) -> Self {
        Markup {
            line_break: format!("</{w}t><{w}br/><{w}t xml:space=\"preserve\">"),
            tab: format!("</{w}t><{w}tab/><{w}t xml:space=\"preserve\">"),
            run_start: format!("<{w}r>"),
            text_start: format!("<{w}t xml:space=\"preserve\">"),
            run_end: format!("</{w}t></{w}r>"),
        }
    }
}

/// What the analysis of one part found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    /// `None` when the part has nothing to fill and is copied untouched.
    pub part: Option<FillablePart>,
    pub tags: Vec<FoundTag>,
    pub problems: Vec<TemplateProblem>,
}

struct Para {
    start_tok: usize,
    end_tok: usize,
    parent: Option<usize>,
    /// The `w:t` elements directly in this paragraph (not in a nested text box's paragraphs).
    texts: Vec<usize>,
}

struct TextNode {
    start_tok: usize,
    content: (usize, usize),
    /// Inside a merge field that is replaced as a whole, so not scanned for tags.
    excluded: bool,
}

/// Text of a field instruction (`w:instrText`), which may hold tags (`HYPERLINK "mailto:{{email}}"`).
struct InstrText {
    /// Start token of the `w:instrText` element.
    element: usize,
    content: (usize, usize),
    /// Which complex field it belongs to (numbered in order of their begin characters).
    field: usize,
    para: Option<usize>,
}

/// A tag in a field instruction: its value, written as `encoding` says, replaces it; a tag that
/// is not a field (`field: None`) is removed.
struct LinkSite {
    pieces: Vec<(usize, usize)>,
    /// Start tokens of the `w:instrText` elements the tag touches.
    texts: Vec<usize>,
    field: Option<String>,
    encoding: Encoding,
}

struct FieldSite {
    range: (usize, usize),
    rpr: String,
    merge: MergeInstruction,
    para: usize,
}

struct TagSite {
    para: usize,
    column: usize,
    pieces: Vec<(usize, usize)>,
    /// Start tokens of the `w:t` elements the tag touches.
    texts: Vec<usize>,
    kind: TagKind,
    /// The only thing in its paragraph besides white space.
    alone: bool,
}

impl TagSite {
    fn start(&self) -> usize {
        self.pieces.first().map_or(0, |p| p.0)
    }
    fn end(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.1)
    }
}

/// Where a complex field's `end` character was found.
struct FieldEnd {
    run: Option<usize>,
    parent: Option<usize>,
    para: Option<usize>,
}

struct OpenField {
    id: usize,
    begin_run: Option<usize>,
    /// The element holding the begin run (normally the paragraph).
    begin_parent: Option<usize>,
    para: Option<usize>,
    instruction: String,
    separated: bool,
    begin_rpr: Option<String>,
    result_rpr: Option<String>,
    nested: bool,
}

#[derive(Debug)]
enum EditKind {
    Delete,
    Replace(String),
    Value(String),
    Run(usize),
    Block(usize),
    Link(usize),
}

#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    kind: EditKind,
}

struct BlockSites {
    field: String,
    open: usize,
    otherwise: Option<usize>,
    close: usize,
}

/// Elements that may go as a whole when a branch that contains them is not chosen. Property
/// elements (`w:rPr`, `w:pPr`…) and table cells are not among them: dropping those would change
/// the formatting of what remains or break a table.
const DROPPABLE: &[&str] = &[
    "p",
    "r",
    "t",
    "tbl",
    "hyperlink",
    "sdt",
    "smartTag",
    "customXml",
    "fldSimple",
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "drawing",
    "pict",
    "object",
    "ruby",
    "dir",
    "bdo",
    "br",
    "tab",
    "cr",
    "sym",
    "noBreakHyphen",
    "softHyphen",
    "ptab",
    "lastRenderedPageBreak",
    "proofErr",
    "footnoteReference",
    "endnoteReference",
    "delText",
];

/// Elements that make a paragraph more than "a block tag and white space"; such a paragraph is
/// kept (emptied of the tag) rather than removed with the block.
const NOT_PLAIN: &[&str] = &[
    "sectPr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "commentReference",
    "drawing",
    "pict",
    "object",
    "fldChar",
    "fldSimple",
    "instrText",
    "footnoteReference",
    "endnoteReference",
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "txbxContent",
    "br",
    "tab",
    "sym",
    "hyperlink",
    "sdt",
];

struct Analyser<'a> {
    part: &'a str,
    src: &'a str,
    toks: &'a [Tok],
    w: &'a str,
    paras: Vec<Para>,
    texts: Vec<TextNode>,
    fields: Vec<FieldSite>,
    sites: Vec<TagSite>,
    instr_texts: Vec<InstrText>,
    links: Vec<LinkSite>,
    tags: Vec<FoundTag>,
    problems: Vec<TemplateProblem>,
}

pub(crate) fn analyse(part: &str, src: &str) -> Result<Analysis, DocxError> {
    let Tokens { toks, w } = xml::tokenize(part, src)?;
    let mut analyser = Analyser {
        part,
        src,
        toks: &toks,
        w: &w,
        paras: Vec::new(),
        texts: Vec::new(),
        fields: Vec::new(),
        sites: Vec::new(),
        instr_texts: Vec::new(),
        links: Vec::new(),
        tags: Vec::new(),
        problems: Vec::new(),
    };
    analyser.walk_structure();
    analyser.exclude_field_texts();
    analyser.scan_paragraphs();
    analyser.scan_instructions();
    let blocks = analyser.match_blocks();
    let extended = analyser.extended_sites(&blocks);
    let edits = analyser.edits(&blocks, &extended);
    let part = if edits.is_empty() {
        None
    } else {
        let builder = Builder {
            src,
            toks: &toks,
            edits: &edits,
            blocks: &blocks,
            sites: &analyser.sites,
            paras: &analyser.paras,
            fields: &analyser.fields,
            links: &analyser.links,
            extended: &extended,
        };
        let mut nodes = Vec::new();
        let mut index = 0;
        builder.build(0, src.len(), &mut index, &mut nodes);
        Some(FillablePart {
            nodes,
            markup: Markup::new(&w),
            source_len: src.len(),
        })
    };
    Ok(Analysis {
        part,
        tags: analyser.tags,
        problems: analyser.problems,
    })
}

impl Analyser<'_> {
    fn tok_src(&self, index: usize) -> &str {
        &self.src[self.toks[index].start..self.toks[index].end]
    }

    fn w_attr(&self, index: usize, local: &str) -> Option<String> {
        let tag = self.tok_src(index);
        xml::attribute(tag, &format!("{}{local}", self.w)).or_else(|| xml::attribute(tag, local))
    }

    /// The source of a run's `w:rPr`, or empty when the run has none.
    fn run_properties(&self, run: usize) -> String {
        let end = self.toks[run].pair;
        for index in run + 1..end {
            let tok = &self.toks[index];
            match tok.kind {
                TokKind::Text { .. } | TokKind::Other => continue,
                _ if tok.is_w("rPr") => {
                    return self.src[tok.start..self.toks[tok.pair].end].to_string();
                }
                _ => break,
            }
        }
        String::new()
    }

    fn location(&self, para: usize, column: usize) -> Location {
        Location {
            part: self.part.to_string(),
            paragraph: para + 1,
            column,
        }
    }

    fn problem(&mut self, para: usize, column: usize, kind: ProblemKind) {
        let location = self.location(para, column);
        self.problems.push(TemplateProblem { location, kind });
    }

    /// Finds paragraphs, their `w:t` text and the merge fields, in one pass over the tokens.
    fn walk_structure(&mut self) {
        let toks = self.toks;
        let mut elements: Vec<usize> = Vec::new();
        let mut open_paras: Vec<usize> = Vec::new();
        let mut open_fields: Vec<OpenField> = Vec::new();
        let mut field_count = 0;
        // Everything before this offset is inside a simple field that is replaced as a whole.
        let mut replaced_until = 0;
        for (index, tok) in toks.iter().enumerate() {
            let current_run = || elements.iter().rev().copied().find(|&e| toks[e].is_w("r"));
            let run_parent = || {
                let run = elements.iter().rposition(|&e| toks[e].is_w("r"))?;
                run.checked_sub(1).map(|below| elements[below])
            };
            match tok.kind {
                TokKind::Start | TokKind::Empty => {
                    if tok.kind == TokKind::Empty && tok.is_w("p") {
                        // `<w:p/>` holds no text but counts in the paragraph numbers users see.
                        self.paras.push(Para {
                            start_tok: index,
                            end_tok: index,
                            parent: elements.last().copied(),
                            texts: Vec::new(),
                        });
                    } else if tok.kind == TokKind::Start && tok.is_w("p") {
                        self.paras.push(Para {
                            start_tok: index,
                            end_tok: tok.pair,
                            parent: elements.last().copied(),
                            texts: Vec::new(),
                        });
                        open_paras.push(self.paras.len() - 1);
                    } else if tok.kind == TokKind::Start && tok.is_w("t") {
                        if let Some(&para) = open_paras.last() {
                            self.paras[para].texts.push(self.texts.len());
                            self.texts.push(TextNode {
                                start_tok: index,
                                content: (tok.end, toks[tok.pair].start),
                                excluded: false,
                            });
                        }
                        if let Some(field) = open_fields.last_mut() {
                            if field.separated && field.result_rpr.is_none() {
                                field.result_rpr = current_run().map(|r| self.run_properties(r));
                            }
                        }
                    } else if tok.is_w("fldChar") && tok.start >= replaced_until {
                        let kind = self.w_attr(index, "fldCharType").unwrap_or_default();
                        match kind.as_str() {
                            "begin" => {
                                let run = current_run();
                                field_count += 1;
                                open_fields.push(OpenField {
                                    id: field_count,
                                    begin_run: run,
                                    begin_parent: run_parent(),
                                    para: open_paras.last().copied(),
                                    instruction: String::new(),
                                    separated: false,
                                    begin_rpr: run.map(|r| self.run_properties(r)),
                                    result_rpr: None,
                                    nested: false,
                                });
                            }
                            "separate" => {
                                if let Some(field) = open_fields.last_mut() {
                                    field.separated = true;
                                }
                            }
                            "end" => {
                                if let Some(field) = open_fields.pop() {
                                    let end = FieldEnd {
                                        run: current_run(),
                                        parent: run_parent(),
                                        para: open_paras.last().copied(),
                                    };
                                    self.finish_field(field, end, &mut open_fields);
                                }
                            }
                            _ => {}
                        }
                    } else if tok.is_w("fldSimple") && tok.start >= replaced_until {
                        let instruction = self.w_attr(index, "instr").unwrap_or_default();
                        if let Instruction::Merge(merge) = parse_instruction(&instruction) {
                            let end = toks[tok.pair].end;
                            let para = open_paras.last().copied();
                            if let Some(parent) = open_fields.last_mut() {
                                parent.nested = true;
                                let column = self.column_at(para, tok.start);
                                self.problem(
                                    para.unwrap_or(0),
                                    column,
                                    ProblemKind::CannotMerge {
                                        reason: CannotMerge::NestedMergeField,
                                    },
                                );
                            } else if let Some(para) = para {
                                let run = (index + 1..tok.pair).find(|&i| toks[i].is_w("r"));
                                let rpr = run.map(|r| self.run_properties(r)).unwrap_or_default();
                                self.fields.push(FieldSite {
                                    range: (tok.start, end),
                                    rpr,
                                    merge,
                                    para,
                                });
                                replaced_until = end;
                            }
                        }
                    }
                    if tok.kind == TokKind::Start {
                        elements.push(index);
                    }
                }
                TokKind::End => {
                    elements.pop();
                    if tok.is_w("p") {
                        open_paras.pop();
                    }
                }
                TokKind::Text { .. } => {
                    let in_instruction =
                        elements.last().is_some_and(|&e| toks[e].is_w("instrText"));
                    if in_instruction {
                        if let Some(field) = open_fields.last_mut() {
                            if !field.separated {
                                field
                                    .instruction
                                    .push_str(&xml::unescape(&self.src[tok.start..tok.end]));
                                self.instr_texts.push(InstrText {
                                    element: elements.last().copied().unwrap_or(index),
                                    content: (tok.start, tok.end),
                                    field: field.id,
                                    para: field.para,
                                });
                            }
                        }
                    }
                }
                TokKind::Other => {}
            }
        }
        self.fields.sort_by_key(|field| field.range.0);
    }

    fn finish_field(&mut self, field: OpenField, end: FieldEnd, open_fields: &mut [OpenField]) {
        let merge = match parse_instruction(&field.instruction) {
            Instruction::Merge(merge) => merge,
            Instruction::Other => {
                if let Some(parent) = open_fields.last_mut() {
                    parent.nested = true;
                }
                return;
            }
        };
        let begin = field.begin_run.map_or(0, |run| self.toks[run].start);
        let para = field.para.unwrap_or(0);
        let column = self.column_at(field.para, begin);
        let cannot = |reason| ProblemKind::CannotMerge { reason };
        if let Some(parent) = open_fields.last_mut() {
            // A merge field inside an IF (or any other) field: Word evaluates the outer field
            // from the inner one's result, which a plain replacement cannot reproduce.
            parent.nested = true;
            self.problem(para, column, cannot(CannotMerge::NestedMergeField));
            return;
        }
        if field.nested {
            self.problem(para, column, cannot(CannotMerge::NestedMergeField));
            return;
        }
        match (field.begin_run, end.run, field.para, end.para) {
            (Some(_), Some(_), Some(p1), Some(p2)) if p1 != p2 => {
                self.problem(para, column, cannot(CannotMerge::FieldAcrossParagraphs))
            }
            // Begin inside a hyperlink and end outside it, say: replacing the runs between would
            // cut the hyperlink element in half.
            (Some(_), Some(_), Some(_), Some(_)) if field.begin_parent != end.parent => {
                self.problem(para, column, cannot(CannotMerge::FieldAcrossElements))
            }
            (Some(begin_run), Some(end_run), Some(p1), Some(_)) => {
                let end = self.toks[self.toks[end_run].pair].end;
                self.fields.push(FieldSite {
                    range: (self.toks[begin_run].start, end),
                    rpr: field.result_rpr.or(field.begin_rpr).unwrap_or_default(),
                    merge,
                    para: p1,
                });
            }
            _ => self.problem(para, column, cannot(CannotMerge::FieldOutsideRun)),
        }
    }

    /// The 1-based character column in a paragraph's text at which an XML offset falls.
    fn column_at(&self, para: Option<usize>, offset: usize) -> usize {
        let Some(para) = para else { return 1 };
        let mut column = 1;
        for &text in &self.paras[para].texts {
            let (start, end) = self.texts[text].content;
            if start >= offset {
                break;
            }
            column += xml::unescape(&self.src[start..end.min(offset)])
                .chars()
                .count();
        }
        column
    }

    fn exclude_field_texts(&mut self) {
        for text in &mut self.texts {
            let position = text.content.0;
            let after = self
                .fields
                .partition_point(|field| field.range.0 <= position);
            if after > 0 && position < self.fields[after - 1].range.1 {
                text.excluded = true;
            }
        }
        for index in 0..self.fields.len() {
            let field = &self.fields[index];
            let column = self.column_at(Some(field.para), field.range.0);
            let location = self.location(field.para, column);
            let merge = field.merge.clone();
            if merge.field.is_none() {
                self.problems.push(TemplateProblem {
                    location: location.clone(),
                    kind: ProblemKind::UnknownMergeField {
                        name: merge.word_name.clone(),
                    },
                });
            }
            self.tags.push(FoundTag {
                location,
                text: format!("«{}»", merge.word_name),
                kind: FoundTagKind::MergeField {
                    word_name: merge.word_name,
                    field: merge.field,
                },
            });
        }
    }

    fn scan_paragraphs(&mut self) {
        for para in 0..self.paras.len() {
            // (start of the node's text in the joined text, text node)
            let mut map: Vec<(usize, usize)> = Vec::new();
            let mut joined = String::new();
            for &text in &self.paras[para].texts {
                let node = &self.texts[text];
                if node.excluded {
                    continue;
                }
                map.push((joined.len(), text));
                joined.push_str(&self.src[node.content.0..node.content.1]);
            }
            if !joined.contains("{{") {
                continue;
            }
            let mut raw = Vec::new();
            let tags = scan_tags(&joined, &mut raw);
            let column = |offset: usize| xml::unescape(&joined[..offset]).chars().count() + 1;
            for (offset, _, kind) in raw {
                let kind = unescape_diagnostic(kind);
                let column = column(offset);
                self.problem(para, column, ProblemKind::Letter(kind));
            }
            let alone_possible = tags.len() == 1;
            for tag in tags {
                let mut pieces = Vec::new();
                let mut touched = Vec::new();
                for &(base, text) in &map {
                    let (content_start, content_end) = self.texts[text].content;
                    let len = content_end - content_start;
                    let from = tag.start.max(base);
                    let to = tag.end.min(base + len);
                    if from < to {
                        pieces.push((content_start + from - base, content_start + to - base));
                        touched.push(self.texts[text].start_tok);
                    }
                }
                let kind = unescape_tag(tag.kind);
                let alone = alone_possible
                    && joined[..tag.start].trim().is_empty()
                    && joined[tag.end..].trim().is_empty();
                let found_kind = match &kind {
                    TagKind::Field(name) => FoundTagKind::Field { name: name.clone() },
                    TagKind::If(field) => FoundTagKind::If {
                        field: field.clone(),
                    },
                    TagKind::Else => FoundTagKind::Else,
                    TagKind::EndIf => FoundTagKind::EndIf,
                    TagKind::Invalid => FoundTagKind::Invalid,
                };
                let column = column(tag.start);
                self.tags.push(FoundTag {
                    location: self.location(para, column),
                    text: xml::unescape(&joined[tag.start..tag.end]).into_owned(),
                    kind: found_kind,
                });
                self.sites.push(TagSite {
                    para,
                    column,
                    pieces,
                    texts: touched,
                    kind,
                    alone,
                });
            }
        }
    }

    /// Finds tags in field instructions: the text of complex fields' `w:instrText` (joined per
    /// field, since Word may split an instruction into several runs) and simple fields'
    /// `w:instr` attribute. In a `HYPERLINK` instruction a value is percent-encoded for its
    /// place in the URL; in any other instruction it is plain text.
    fn scan_instructions(&mut self) {
        let mut fields: Vec<usize> = self.instr_texts.iter().map(|t| t.field).collect();
        fields.dedup();
        fields.sort_unstable();
        fields.dedup();
        for field in fields {
            let mut map = Vec::new();
            let mut joined = String::new();
            let mut para = None;
            for text in self.instr_texts.iter().filter(|t| t.field == field) {
                map.push((joined.len(), text.content, Some(text.element)));
                joined.push_str(&self.src[text.content.0..text.content.1]);
                para = para.or(text.para);
            }
            if joined.contains("{{") {
                let start = map.first().map_or(0, |m| m.1 .0);
                self.scan_instruction(&joined, &map, para, start, false);
            }
        }
        let toks = self.toks;
        for (index, tok) in toks.iter().enumerate() {
            if !matches!(tok.kind, TokKind::Start | TokKind::Empty) || !tok.is_w("fldSimple") {
                continue;
            }
            let tag = self.tok_src(index);
            let range = xml::attribute_range(tag, &format!("{}instr", self.w))
                .or_else(|| xml::attribute_range(tag, "instr"));
            let Some((start, end)) = range else { continue };
            let (start, end) = (tok.start + start, tok.start + end);
            if !self.src[start..end].contains("{{") {
                continue;
            }
            let para = self
                .paras
                .iter()
                .rposition(|p| p.start_tok < index && index < p.end_tok);
            let joined = self.src[start..end].to_string();
            self.scan_instruction(&joined, &[(0, (start, end), None)], para, start, true);
        }
    }

    fn scan_instruction(
        &mut self,
        joined: &str,
        map: &[(usize, (usize, usize), Option<usize>)],
        para: Option<usize>,
        offset: usize,
        attribute: bool,
    ) {
        let instruction = xml::unescape(joined);
        let hyperlink = instruction
            .split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case("HYPERLINK"));
        let column = self.column_at(para, offset);
        let para_number = para.unwrap_or(0);
        let mut raw = Vec::new();
        let tags = scan_tags(joined, &mut raw);
        for (_, _, kind) in raw {
            let kind = unescape_diagnostic(kind);
            self.problem(para_number, column, ProblemKind::Letter(kind));
        }
        for tag in tags {
            let mut pieces = Vec::new();
            let mut texts = Vec::new();
            for &(base, (start, end), element) in map {
                let from = tag.start.max(base);
                let to = tag.end.min(base + end - start);
                if from < to {
                    pieces.push((start + from - base, start + to - base));
                    texts.extend(element);
                }
            }
            let encoding = if hyperlink {
                // The URL is the instruction's first argument, normally in quotes.
                let before = xml::unescape(&joined[..tag.start]);
                let url_start = match before.find('"') {
                    Some(quote) => quote + 1,
                    None => before
                        .to_ascii_uppercase()
                        .find("HYPERLINK")
                        .map_or(0, |at| at + "HYPERLINK".len()),
                };
                Encoding::Url(UrlPart::after(&before[url_start..]))
            } else if attribute {
                Encoding::Attribute
            } else {
                Encoding::Instruction
            };
            let (field, kind) = match unescape_tag(tag.kind) {
                TagKind::Field(name) => (Some(name.clone()), FoundTagKind::Field { name }),
                _ => {
                    self.problem(
                        para_number,
                        column,
                        ProblemKind::CannotMerge {
                            reason: CannotMerge::BlockInLink,
                        },
                    );
                    (None, FoundTagKind::Invalid)
                }
            };
            self.tags.push(FoundTag {
                location: self.location(para_number, column),
                text: xml::unescape(&joined[tag.start..tag.end]).into_owned(),
                kind,
            });
            self.links.push(LinkSite {
                pieces,
                texts,
                field,
                encoding,
            });
        }
    }

    fn same_container(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (self.sites[a].para, self.sites[b].para);
        pa == pb || self.paras[pa].parent == self.paras[pb].parent
    }

    fn site_problem(&mut self, site: usize, kind: ProblemKind) {
        let (para, column) = (self.sites[site].para, self.sites[site].column);
        self.problem(para, column, kind);
    }

    /// Pairs `#if`, `else` and `/if` in document order. Tags that pair with nothing (or would
    /// span two different containers, like two table cells) are reported and print nothing.
    fn match_blocks(&mut self) -> Vec<BlockSites> {
        struct Frame {
            open: usize,
            otherwise: Option<usize>,
        }
        let mut order: Vec<usize> = (0..self.sites.len()).collect();
        order.sort_by_key(|&site| self.sites[site].start());
        let mut stack: Vec<Frame> = Vec::new();
        let mut blocks = Vec::new();
        let across = || ProblemKind::CannotMerge {
            reason: CannotMerge::BlockAcrossContainers,
        };
        for site in order {
            match self.sites[site].kind {
                // Building the merged document recurses once per open block, so a document of
                // thousands of nested blocks would overflow the stack and kill the tab.
                TagKind::If(_) if stack.len() >= MAX_NESTING => {
                    self.site_problem(site, ProblemKind::Letter(DiagnosticKind::TooDeeplyNested))
                }
                TagKind::If(_) => stack.push(Frame {
                    open: site,
                    otherwise: None,
                }),
                TagKind::Else => match stack.last() {
                    None => self.site_problem(site, ProblemKind::Letter(DiagnosticKind::StrayElse)),
                    Some(frame) if frame.otherwise.is_some() => {
                        self.site_problem(site, ProblemKind::Letter(DiagnosticKind::DuplicateElse))
                    }
                    Some(frame) if !self.same_container(frame.open, site) => {
                        self.site_problem(site, across())
                    }
                    Some(_) => {
                        if let Some(frame) = stack.last_mut() {
                            frame.otherwise = Some(site);
                        }
                    }
                },
                TagKind::EndIf => match stack.pop() {
                    None => {
                        self.site_problem(site, ProblemKind::Letter(DiagnosticKind::StrayClose))
                    }
                    Some(frame) if !self.same_container(frame.open, site) => {
                        self.site_problem(frame.open, across())
                    }
                    Some(frame) => {
                        let field = match &self.sites[frame.open].kind {
                            TagKind::If(field) => field.clone(),
                            _ => String::new(),
                        };
                        blocks.push(BlockSites {
                            field,
                            open: frame.open,
                            otherwise: frame.otherwise,
                            close: site,
                        });
                    }
                },
                _ => {}
            }
        }
        for frame in stack {
            let field = match &self.sites[frame.open].kind {
                TagKind::If(field) => field.clone(),
                _ => String::new(),
            };
            self.site_problem(
                frame.open,
                ProblemKind::Letter(DiagnosticKind::UnbalancedIf { field }),
            );
        }
        blocks.sort_by_key(|block| self.sites[block.open].start());
        blocks
    }

    /// Block tags whose paragraph goes with them: a block spanning paragraphs, in the document
    /// body, with the tag alone in an otherwise plain paragraph. This is what lets
    /// `{{#if x}}` / paragraphs / `{{/if}}` leave no empty paragraphs behind. Elsewhere (table
    /// cells, headers, text boxes) the emptied paragraph stays, because those containers must
    /// keep at least one paragraph.
    fn extended_sites(&self, blocks: &[BlockSites]) -> Vec<bool> {
        let mut extended = vec![false; self.sites.len()];
        for block in blocks {
            if self.sites[block.open].para == self.sites[block.close].para {
                continue;
            }
            for site in [Some(block.open), block.otherwise, Some(block.close)]
                .into_iter()
                .flatten()
            {
                let para = &self.paras[self.sites[site].para];
                let in_body = para
                    .parent
                    .is_some_and(|parent| self.toks[parent].is_w("body"));
                let plain = (para.start_tok + 1..para.end_tok).all(|index| {
                    let tok = &self.toks[index];
                    !(tok.w && (NOT_PLAIN.contains(&&*tok.local) || &*tok.local == "p"))
                });
                extended[site] = in_body && plain && self.sites[site].alone;
            }
        }
        extended
    }

    fn edits(&self, blocks: &[BlockSites], extended: &[bool]) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (index, field) in self.fields.iter().enumerate() {
            edits.push(Edit {
                start: field.range.0,
                end: field.range.1,
                kind: EditKind::Run(index),
            });
        }
        let mut touched = BTreeSet::new();
        for (index, site) in self.sites.iter().enumerate() {
            if extended[index] {
                let para = &self.paras[site.para];
                edits.push(Edit {
                    start: self.toks[para.start_tok].start,
                    end: self.toks[para.end_tok].end,
                    kind: EditKind::Delete,
                });
                continue;
            }
            if let TagKind::Field(name) = &site.kind {
                edits.push(Edit {
                    start: site.start(),
                    end: site.start(),
                    kind: EditKind::Value(name.clone()),
                });
            }
            for &(start, end) in &site.pieces {
                edits.push(Edit {
                    start,
                    end,
                    kind: EditKind::Delete,
                });
            }
            touched.extend(site.texts.iter().copied());
        }
        for (index, link) in self.links.iter().enumerate() {
            if let (Some(_), Some(&(start, _))) = (&link.field, link.pieces.first()) {
                edits.push(Edit {
                    start,
                    end: start,
                    kind: EditKind::Link(index),
                });
            }
            for &(start, end) in &link.pieces {
                edits.push(Edit {
                    start,
                    end,
                    kind: EditKind::Delete,
                });
            }
            touched.extend(link.texts.iter().copied());
        }
        for text in touched {
            // Text next to a value or a removed tag may now start or end with a space, which
            // Word drops unless the element preserves white space.
            let tag = self.tok_src(text);
            if !tag.contains("xml:space") {
                let open = tag.trim_end_matches('>');
                edits.push(Edit {
                    start: self.toks[text].start,
                    end: self.toks[text].end,
                    kind: EditKind::Replace(format!("{open} xml:space=\"preserve\">")),
                });
            }
        }
        for (index, block) in blocks.iter().enumerate() {
            let start = site_span(block.open, &self.sites, &self.paras, self.toks, extended).0;
            edits.push(Edit {
                start,
                end: start,
                kind: EditKind::Block(index),
            });
        }
        edits.sort_by_key(|edit| (edit.start, edit.end));
        edits
    }
}

fn unescape_tag(kind: TagKind) -> TagKind {
    match kind {
        TagKind::Field(name) => TagKind::Field(xml::unescape(&name).into_owned()),
        TagKind::If(name) => TagKind::If(xml::unescape(&name).into_owned()),
        other => other,
    }
}

fn unescape_diagnostic(kind: DiagnosticKind) -> DiagnosticKind {
    match kind {
        DiagnosticKind::UnknownField { name, suggestion } => DiagnosticKind::UnknownField {
            name: xml::unescape(&name).into_owned(),
            suggestion,
        },
        other => other,
    }
}

/// The XML range a block tag occupies: the tag's own text, or its whole paragraph.
fn site_span(
    site: usize,
    sites: &[TagSite],
    paras: &[Para],
    toks: &[Tok],
    extended: &[bool],
) -> (usize, usize) {
    if extended[site] {
        let para = &paras[sites[site].para];
        (toks[para.start_tok].start, toks[para.end_tok].end)
    } else {
        (sites[site].start(), sites[site].end())
    }
}

struct Builder<'a> {
    src: &'a str,
    toks: &'a [Tok],
    edits: &'a [Edit],
    blocks: &'a [BlockSites],
    sites: &'a [TagSite],
    paras: &'a [Para],
    fields: &'a [FieldSite],
    links: &'a [LinkSite],
    extended: &'a [bool],
}

fn push_xml(nodes: &mut Vec<Node>, xml: &str) {
    if xml.is_empty() {
        return;
    }
    if let Some(Node::Xml(previous)) = nodes.last_mut() {
        previous.push_str(xml);
    } else {
        nodes.push(Node::Xml(xml.to_string()));
    }
}

impl Builder<'_> {
    fn span(&self, site: usize) -> (usize, usize) {
        site_span(site, self.sites, self.paras, self.toks, self.extended)
    }

    /// Turns `src[start..end]` into nodes, applying the edits that start inside it. `index` is
    /// the next edit to apply; the ranges given to nested calls follow each other, so one cursor
    /// over the sorted edits serves the whole recursion.
    fn build(&self, start: usize, end: usize, index: &mut usize, out: &mut Vec<Node>) {
        let mut position = start;
        while let Some(edit) = self.edits.get(*index) {
            if edit.start >= end && !(edit.start == end && edit.end == end && end == start) {
                break;
            }
            if edit.start < position {
                // Overlapping edits cannot happen for well-formed input; skipping one keeps the
                // output well-formed if they ever do.
                *index += 1;
                continue;
            }
            push_xml(out, &self.src[position..edit.start]);
            *index += 1;
            match &edit.kind {
                EditKind::Delete => {}
                EditKind::Replace(xml) => push_xml(out, xml),
                EditKind::Value(field) => out.push(Node::Text {
                    field: field.clone(),
                }),
                EditKind::Run(field) => out.push(Node::Run {
                    merge: self.fields[*field].merge.clone(),
                    rpr: self.fields[*field].rpr.clone(),
                }),
                EditKind::Link(link) => {
                    let link = &self.links[*link];
                    out.push(Node::Link {
                        field: link.field.clone().unwrap_or_default(),
                        encoding: link.encoding,
                    });
                }
                EditKind::Block(block) => {
                    position = self.build_block(&self.blocks[*block], index, out);
                    continue;
                }
            }
            position = edit.end;
        }
        if position < end {
            push_xml(out, &self.src[position..end]);
        }
    }

    fn build_block(&self, block: &BlockSites, index: &mut usize, out: &mut Vec<Node>) -> usize {
        let open = self.span(block.open);
        let close = self.span(block.close);
        let otherwise = block.otherwise.map(|site| self.span(site));
        self.build(open.0, open.1, index, out);
        let then_end = otherwise.map_or(close.0, |span| span.0);
        let mut then = Vec::new();
        self.build(open.1, then_end, index, &mut then);
        let mut middle = Vec::new();
        let mut otherwise_nodes = Vec::new();
        let mut otherwise_skeleton = String::new();
        if let Some(span) = otherwise {
            self.build(span.0, span.1, index, &mut middle);
            self.build(span.1, close.0, index, &mut otherwise_nodes);
            otherwise_skeleton = self.skeleton(span.1, close.0);
        }
        out.push(Node::Block(Box::new(Block {
            field: block.field.clone(),
            then,
            then_skeleton: self.skeleton(open.1, then_end),
            middle,
            otherwise: otherwise_nodes,
            otherwise_skeleton,
        })));
        self.build(close.0, close.1, index, out);
        close.1
    }

    /// The new source of a start tag that an edit rewrites (`w:t` gaining `xml:space`).
    fn replacement(&self, tok: &Tok) -> Option<&str> {
        let first = self.edits.partition_point(|edit| edit.start < tok.start);
        self.edits[first..]
            .iter()
            .take_while(|edit| edit.start == tok.start)
            .find_map(|edit| match &edit.kind {
                EditKind::Replace(xml) if edit.end == tok.end => Some(xml.as_str()),
                _ => None,
            })
    }

    /// What stays of `src[start..end]` when a branch is not chosen: every token except `w:t`
    /// text and droppable elements that lie wholly inside the range.
    fn skeleton(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        let mut index = self.toks.partition_point(|tok| tok.end <= start);
        while let Some(tok) = self.toks.get(index) {
            if tok.start >= end {
                break;
            }
            match tok.kind {
                TokKind::Text { in_t: true } => {}
                TokKind::Text { in_t: false } | TokKind::Other => {
                    out.push_str(&self.src[tok.start.max(start)..tok.end.min(end)]);
                }
                TokKind::Start | TokKind::Empty => {
                    let droppable = tok.w && DROPPABLE.contains(&&*tok.local);
                    let closes_inside = self.toks[tok.pair].end <= end && tok.start >= start;
                    if droppable && closes_inside {
                        index = tok.pair + 1;
                        continue;
                    }
                    out.push_str(
                        self.replacement(tok)
                            .unwrap_or(&self.src[tok.start..tok.end]),
                    );
                }
                TokKind::End => out.push_str(&self.src[tok.start..tok.end]),
            }
            index += 1;
        }
        out
    }
}

impl FillablePart {
    /// The part's XML for one letter.
    pub(crate) fn render(&self, data: &MergeData, warnings: &mut Warnings) -> String {
        let mut out = String::with_capacity(self.source_len + 1024);
        self.render_nodes(&self.nodes, data, &mut out, warnings);
        out
    }

    fn render_nodes(
        &self,
        nodes: &[Node],
        data: &MergeData,
        out: &mut String,
        warnings: &mut Warnings,
    ) {
        for node in nodes {
            match node {
                Node::Xml(xml) => out.push_str(xml),
                Node::Text { field } => match data.get(field) {
                    Some(value) => self.push_value(out, value),
                    None => warnings.push(Warning::MissingValue {
                        field: field.clone(),
                    }),
                },
                Node::Run { merge, rpr } => {
                    let value = match &merge.field {
                        Some(field) => data.get(field).ok_or_else(|| Warning::MissingValue {
                            field: field.clone(),
                        }),
                        None => Err(Warning::UnknownMergeField {
                            name: merge.word_name.clone(),
                        }),
                    };
                    match value {
                        Ok(value) => {
                            let text = format!(
                                "{}{}{}",
                                merge.before,
                                merge.case.apply(value),
                                merge.after
                            );
                            out.push_str(&self.markup.run_start);
                            out.push_str(rpr);
                            out.push_str(&self.markup.text_start);
                            self.push_value(out, &text);
                            out.push_str(&self.markup.run_end);
                        }
                        Err(warning) => warnings.push(warning),
                    }
                }
                Node::Link { field, encoding } => match data.get(field) {
                    Some(value) => encoding.write(out, value),
                    None => warnings.push(Warning::MissingValue {
                        field: field.clone(),
                    }),
                },
                Node::Block(block) => {
                    if data.has(&block.field) {
                        self.render_nodes(&block.then, data, out, warnings);
                        self.render_nodes(&block.middle, data, out, warnings);
                        out.push_str(&block.otherwise_skeleton);
                    } else {
                        out.push_str(&block.then_skeleton);
                        self.render_nodes(&block.middle, data, out, warnings);
                        self.render_nodes(&block.otherwise, data, out, warnings);
                    }
                }
            }
        }
    }

    /// Prints a value inside an open `w:t`: escaped, line breaks as `w:br`, tabs as `w:tab`.
    fn push_value(&self, out: &mut String, value: &str) {
        let mut chars = value.chars().peekable();
        let mut plain = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\r' | '\n' | '\t' => {
                    xml::escape_into(out, &plain);
                    plain.clear();
                    if c == '\t' {
                        out.push_str(&self.markup.tab);
                    } else {
                        if c == '\r' && chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        out.push_str(&self.markup.line_break);
                    }
                }
                c => plain.push(c),
            }
        }
        xml::escape_into(out, &plain);
    }
}

/// A `.rels` part with `{{…}}` in relationship targets, ready to be filled: each field in a
/// target becomes a hole percent-encoded for its place in the URL. Tags other than fields
/// (`{{#if}}`…) cannot be evaluated in a link and are reported; they print nothing.
pub(crate) fn analyse_rels(part: &str, src: &str) -> Result<Analysis, DocxError> {
    let Tokens { toks, .. } = xml::tokenize(part, src)?;
    let mut analysis = Analysis::default();
    let mut nodes = Vec::new();
    let mut position = 0;
    let mut number = 0;
    for tok in &toks {
        if !matches!(tok.kind, TokKind::Start | TokKind::Empty) || &*tok.local != "Relationship" {
            continue;
        }
        number += 1;
        let tag = &src[tok.start..tok.end];
        let Some((start, end)) = xml::attribute_range(tag, "Target") else {
            continue;
        };
        let (start, end) = (tok.start + start, tok.start + end);
        let target = &src[start..end];
        if !target.contains("{{") {
            continue;
        }
        let mut raw = Vec::new();
        let tags = scan_tags(target, &mut raw);
        let location = |offset: usize| Location {
            part: part.to_string(),
            paragraph: number,
            column: xml::unescape(&target[..offset]).chars().count() + 1,
        };
        for (offset, _, kind) in raw {
            analysis.problems.push(TemplateProblem {
                location: location(offset),
                kind: ProblemKind::Letter(kind),
            });
        }
        for found in tags {
            let text = xml::unescape(&target[found.start..found.end]).into_owned();
            push_xml(&mut nodes, &src[position..start + found.start]);
            position = start + found.end;
            let kind = match found.kind {
                TagKind::Field(name) => {
                    let name = xml::unescape(&name).into_owned();
                    let part = UrlPart::after(&xml::unescape(&target[..found.start]));
                    nodes.push(Node::Link {
                        field: name.clone(),
                        encoding: Encoding::Url(part),
                    });
                    FoundTagKind::Field { name }
                }
                _ => {
                    analysis.problems.push(TemplateProblem {
                        location: location(found.start),
                        kind: ProblemKind::CannotMerge {
                            reason: CannotMerge::BlockInLink,
                        },
                    });
                    FoundTagKind::Invalid
                }
            };
            analysis.tags.push(FoundTag {
                location: location(found.start),
                text,
                kind,
            });
        }
    }
    if !nodes.is_empty() {
        push_xml(&mut nodes, &src[position..]);
        analysis.part = Some(FillablePart {
            nodes,
            markup: Markup::new("w:"),
            source_len: src.len(),
        });
    }
    Ok(analysis)
}

/// The text of every paragraph of a part, in document order: `w:t` text, `w:br` and `w:cr` as
/// line breaks, `w:tab` as a tab. Paragraphs of text boxes come after the paragraph holding them.
pub(crate) fn paragraph_texts(part: &str, src: &str) -> Result<Vec<String>, DocxError> {
    let Tokens { toks, .. } = xml::tokenize(part, src)?;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for tok in &toks {
        match tok.kind {
            TokKind::Start if tok.is_w("p") => {
                open.push(paragraphs.len());
                paragraphs.push(String::new());
            }
            TokKind::Empty if tok.is_w("p") => paragraphs.push(String::new()),
            TokKind::End if tok.is_w("p") => {
                open.pop();
            }
            TokKind::Text { in_t: true } => {
                if let Some(&para) = open.last() {
                    paragraphs[para].push_str(&xml::unescape(&src[tok.start..tok.end]));
                }
            }
            TokKind::Empty | TokKind::Start
                if tok.is_w("br") || tok.is_w("cr") || tok.is_w("tab") =>
            {
                if let Some(&para) = open.last() {
                    paragraphs[para].push(if tok.is_w("tab") { '\t' } else { '\n' });
                }
            }
            _ => {}
        }
    }
    Ok(paragraphs)
}
