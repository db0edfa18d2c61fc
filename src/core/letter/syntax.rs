//! Tags, parsing with positioned diagnostics, and rendering of plain-text letters.
//!
//! The grammar is deliberately small. A tag is `{{`, its content, and the first `}}` on the same
//! line; its content is a field name (`first_name`, `salesperson.name`, `attr.Customer since`),
//! `#if NAME`, `else` or `/if`. Everything else is text, copied as is.

use crate::core::problem::ProblemCode;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{is_known_field, suggest_field, MergeData, Warning, Warnings};

/// Where something is in the letter source. `line` and `column` count from 1 (the column in
/// characters, as an editor shows it); `offset` is the byte offset from the start of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl Position {
    /// The position of a byte offset in `src`. An offset past the end (or inside a character)
    /// is moved back to the nearest character boundary, so this never panics.
    pub fn of(src: &str, offset: usize) -> Position {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &src[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            offset,
        }
    }
}

/// A problem in a letter's source, found before any letter is merged (product.md §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// Where the offending text starts.
    pub position: Position,
    /// Length in bytes of the offending text, for underlining it.
    pub len: usize,
}

impl Diagnostic {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        self.kind.code()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// `{{frist_name}}`: not one of `KNOWN_FIELDS` and not `attr.NAME`.
    UnknownField {
        name: String,
        suggestion: Option<String>,
    },
    /// `{{}}` or `{{ }}`.
    EmptyTag,
    /// `{{#each …}}`, `{{/each}}`: only `#if`, `else` and `/if` exist.
    UnknownBlock { keyword: String },
    /// `{{#if}}` without a field to test.
    MissingCondition,
    /// An `{{#if}}` that is never closed by `{{/if}}`.
    UnbalancedIf { field: String },
    /// An `{{else}}` outside any `{{#if}}`.
    StrayElse,
    /// A second `{{else}}` in the same `{{#if}}`.
    DuplicateElse,
    /// An `{{/if}}` without a matching `{{#if}}`.
    StrayClose,
    /// `{{` without a `}}` on the same line.
    UnclosedTag,
    /// An `{{#if}}` inside more than [`MAX_NESTING`] open blocks. Rendering and checking walk
    /// blocks recursively, so a letter of thousands of nested blocks would overflow the stack
    /// and kill the tab; no real letter needs more than a handful.
    TooDeeplyNested,
}

/// How many `{{#if}}` blocks may be open inside each other.
pub const MAX_NESTING: usize = 32;

impl DiagnosticKind {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            DiagnosticKind::UnknownField { .. } => ProblemCode::LetterUnknownField,
            DiagnosticKind::EmptyTag => ProblemCode::LetterEmptyTag,
            DiagnosticKind::UnknownBlock { .. } => ProblemCode::LetterUnknownBlock,
            DiagnosticKind::MissingCondition => ProblemCode::LetterMissingCondition,
            DiagnosticKind::UnbalancedIf { .. } => ProblemCode::LetterUnbalancedIf,
            DiagnosticKind::StrayElse => ProblemCode::LetterStrayElse,
            DiagnosticKind::DuplicateElse => ProblemCode::LetterDuplicateElse,
            DiagnosticKind::StrayClose => ProblemCode::LetterStrayClose,
            DiagnosticKind::UnclosedTag => ProblemCode::LetterUnclosedTag,
            DiagnosticKind::TooDeeplyNested => ProblemCode::LetterTooDeeplyNested,
        }
    }

    /// The values the message names (field, suggestion, keyword), in that order.
    pub fn args(&self) -> Vec<String> {
        match self {
            DiagnosticKind::UnknownField { name, suggestion } => {
                let mut args = vec![name.clone()];
                args.extend(suggestion.clone());
                args
            }
            DiagnosticKind::UnknownBlock { keyword } => vec![keyword.clone()],
            DiagnosticKind::UnbalancedIf { field } => vec![field.clone()],
            _ => Vec::new(),
        }
    }
}

/// A parsed letter: text, fields and conditional blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Template {
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Node {
    Text(String),
    Field {
        name: String,
    },
    If {
        field: String,
        then: Vec<Node>,
        otherwise: Vec<Node>,
    },
}

impl Template {
    /// The fields whose values the letter prints (not those it only tests with `#if`): the
    /// fields a contact needs values for.
    pub fn fields(&self) -> BTreeSet<String> {
        fn walk(nodes: &[Node], out: &mut BTreeSet<String>) {
            for node in nodes {
                match node {
                    Node::Text(_) => {}
                    Node::Field { name } => {
                        out.insert(name.clone());
                    }
                    Node::If {
                        then, otherwise, ..
                    } => {
                        walk(then, out);
                        walk(otherwise, out);
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(&self.nodes, &mut out);
        out
    }
}

/// One `{{…}}` found by [`scan_tags`], with its byte range in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScannedTag {
    pub start: usize,
    pub end: usize,
    pub kind: TagKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagKind {
    Field(String),
    If(String),
    Else,
    EndIf,
    /// A tag that was reported and renders as nothing (`{{}}`, `{{#each x}}`, `{{#if}}`).
    Invalid,
}

impl TagKind {
    pub(crate) fn is_block(&self) -> bool {
        matches!(self, TagKind::If(_) | TagKind::Else | TagKind::EndIf)
    }
}

/// A problem found by the scanner, positioned by byte offset and length in the scanned text.
pub(crate) type RawDiagnostic = (usize, usize, DiagnosticKind);

/// Finds every tag in `src`. Problems inside tags (unknown fields, unknown blocks, unclosed
/// tags) go to `problems`; block structure is checked by the caller, because a Word document
/// matches blocks across paragraphs while a plain letter matches them across the whole text.
pub(crate) fn scan_tags(src: &str, problems: &mut Vec<RawDiagnostic>) -> Vec<ScannedTag> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(found) = src[from..].find("{{") {
        let open = from + found;
        let inner_start = open + 2;
        let rest = &src[inner_start..];
        let close = rest.find("}}");
        // A tag ends on its own line: a forgotten `}}` must not swallow the rest of the letter.
        let limit = [rest.find('\n'), rest.find("{{")]
            .into_iter()
            .flatten()
            .min();
        match close {
            Some(close) if limit.is_none_or(|limit| close < limit) => {
                let end = inner_start + close + 2;
                let kind = classify(&rest[..close], open, end - open, problems);
                tags.push(ScannedTag {
                    start: open,
                    end,
                    kind,
                });
                from = end;
            }
            _ => {
                problems.push((open, 2, DiagnosticKind::UnclosedTag));
                from = inner_start;
            }
        }
    }
    tags
}

fn classify(
    content: &str,
    offset: usize,
    len: usize,
    problems: &mut Vec<RawDiagnostic>,
) -> TagKind {
    let content = content.trim();
    let mut report = |kind| problems.push((offset, len, kind));
    if content.is_empty() {
        report(DiagnosticKind::EmptyTag);
        return TagKind::Invalid;
    }
    if let Some(rest) = content.strip_prefix('#') {
        let rest = rest.trim_start();
        let (keyword, argument) = rest
            .split_once(char::is_whitespace)
            .map_or((rest, ""), |(k, a)| (k, a.trim()));
        if keyword != "if" {
            report(DiagnosticKind::UnknownBlock {
                keyword: format!("#{keyword}"),
            });
            return TagKind::Invalid;
        }
        if argument.is_empty() {
            report(DiagnosticKind::MissingCondition);
            return TagKind::Invalid;
        }
        check_field(argument, &mut report);
        return TagKind::If(argument.to_string());
    }
    if let Some(rest) = content.strip_prefix('/') {
        let keyword = rest.trim();
        if keyword == "if" {
            return TagKind::EndIf;
        }
        report(DiagnosticKind::UnknownBlock {
            keyword: format!("/{keyword}"),
        });
        return TagKind::Invalid;
    }
    if content == "else" {
        return TagKind::Else;
    }
    check_field(content, &mut report);
    TagKind::Field(content.to_string())
}

fn check_field(name: &str, report: &mut impl FnMut(DiagnosticKind)) {
    if !is_known_field(name) {
        report(DiagnosticKind::UnknownField {
            name: name.to_string(),
            suggestion: suggest_field(name),
        });
    }
}

/// Parses a plain-text letter. The template is always usable (unknown fields render empty,
/// stray block tags are dropped, an unclosed `#if` closes at the end), and the diagnostics list
/// every problem, in source order; the caller refuses to merge while there are any.
///
/// A block tag alone on its line takes the whole line with it, so that
/// `{{#if comment}}⏎P.S. {{comment}}⏎{{/if}}⏎` leaves no empty lines when the block is false.
pub fn parse(src: &str) -> (Template, Vec<Diagnostic>) {
    let mut raw = Vec::new();
    let mut tags = scan_tags(src, &mut raw);
    for tag in &mut tags {
        if tag.kind.is_block() {
            take_whole_line(src, tag);
        }
    }

    struct Frame {
        field: String,
        start: usize,
        len: usize,
        then: Vec<Node>,
        otherwise: Option<Vec<Node>>,
    }
    fn current<'a>(root: &'a mut Vec<Node>, stack: &'a mut [Frame]) -> &'a mut Vec<Node> {
        match stack.last_mut() {
            Some(frame) => match &mut frame.otherwise {
                Some(otherwise) => otherwise,
                None => &mut frame.then,
            },
            None => root,
        }
    }
    fn push_text(nodes: &mut Vec<Node>, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Node::Text(previous)) = nodes.last_mut() {
            previous.push_str(text);
        } else {
            nodes.push(Node::Text(text.to_string()));
        }
    }

    let mut root = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut cursor = 0;
    for tag in tags {
        push_text(current(&mut root, &mut stack), &src[cursor..tag.start]);
        cursor = tag.end;
        let len = tag.end - tag.start;
        match tag.kind {
            TagKind::Field(name) => current(&mut root, &mut stack).push(Node::Field { name }),
            // The block is left out, so its `{{/if}}` is reported as stray too: the letter has
            // errors either way and is not merged until they are fixed.
            TagKind::If(_) if stack.len() >= MAX_NESTING => {
                raw.push((tag.start, len, DiagnosticKind::TooDeeplyNested))
            }
            TagKind::If(field) => stack.push(Frame {
                field,
                start: tag.start,
                len,
                then: Vec::new(),
                otherwise: None,
            }),
            TagKind::Else => match stack.last_mut() {
                None => raw.push((tag.start, len, DiagnosticKind::StrayElse)),
                Some(frame) if frame.otherwise.is_some() => {
                    raw.push((tag.start, len, DiagnosticKind::DuplicateElse))
                }
                Some(frame) => frame.otherwise = Some(Vec::new()),
            },
            TagKind::EndIf => match stack.pop() {
                None => raw.push((tag.start, len, DiagnosticKind::StrayClose)),
                Some(frame) => current(&mut root, &mut stack).push(Node::If {
                    field: frame.field,
                    then: frame.then,
                    otherwise: frame.otherwise.unwrap_or_default(),
                }),
            },
            TagKind::Invalid => {}
        }
    }
    push_text(current(&mut root, &mut stack), &src[cursor..]);
    while let Some(frame) = stack.pop() {
        raw.push((
            frame.start,
            frame.len,
            DiagnosticKind::UnbalancedIf {
                field: frame.field.clone(),
            },
        ));
        current(&mut root, &mut stack).push(Node::If {
            field: frame.field,
            then: frame.then,
            otherwise: frame.otherwise.unwrap_or_default(),
        });
    }

    raw.sort_by_key(|(offset, _, _)| *offset);
    let diagnostics = raw
        .into_iter()
        .map(|(offset, len, kind)| Diagnostic {
            kind,
            position: Position::of(src, offset),
            len,
        })
        .collect();
    (Template { nodes: root }, diagnostics)
}

/// Widens a block tag to its whole line, newline included, when nothing else is on that line.
fn take_whole_line(src: &str, tag: &mut ScannedTag) {
    let line_start = src[..tag.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[tag.end..].find('\n').map_or(src.len(), |i| tag.end + i);
    let alone =
        src[line_start..tag.start].trim().is_empty() && src[tag.end..line_end].trim().is_empty();
    if alone {
        tag.start = line_start;
        tag.end = (line_end + 1).min(src.len());
    }
}

/// Renders a letter for one contact. A field without a value renders as empty text and adds a
/// warning naming it; `{{#if field}}` is true when the field has a non-blank value.
pub fn render(template: &Template, data: &MergeData) -> (String, Vec<Warning>) {
    fn walk(nodes: &[Node], data: &MergeData, out: &mut String, warnings: &mut Warnings) {
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Field { name } => match data.get(name) {
                    Some(value) => out.push_str(value),
                    None => warnings.push(Warning::MissingValue {
                        field: name.clone(),
                    }),
                },
                Node::If {
                    field,
                    then,
                    otherwise,
                } => {
                    let branch = if data.has(field) { then } else { otherwise };
                    walk(branch, data, out, warnings);
                }
            }
        }
    }
    let mut out = String::new();
    let mut warnings = Warnings::default();
    walk(&template.nodes, data, &mut out, &mut warnings);
    (out, warnings.into_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, data: &[(&str, &str)], expected: &str) {
        let (template, diagnostics) = parse(src);
        assert_eq!(diagnostics, vec![], "diagnostics for {src:?}");
        let data: MergeData = data.iter().copied().collect();
        assert_eq!(render(&template, &data).0, expected);
    }

    fn codes(src: &str) -> Vec<(&'static str, usize, usize)> {
        parse(src)
            .1
            .iter()
            .map(|d| (d.code().as_str(), d.position.line, d.position.column))
            .collect()
    }

    #[test]
    fn fields_are_replaced_by_values() {
        check(
            "Dear {{first_name}} {{ surname }}, from {{salesperson.name}}",
            &[
                ("first_name", "Aino"),
                ("surname", "Virtanen"),
                ("salesperson.name", "Maija"),
            ],
            "Dear Aino Virtanen, from Maija",
        );
    }

    #[test]
    fn attributes_accept_any_name() {
        check(
            "{{attr.Customer since}}",
            &[("attr.Customer since", "2019")],
            "2019",
        );
    }

    #[test]
    fn if_else_picks_a_branch_and_nests() {
        let src = "{{#if company_name}}at {{company_name}}{{#if city}} in {{city}}{{/if}}{{else}}privately{{/if}}.";
        check(
            src,
            &[("company_name", "Oy Ab"), ("city", "Turku")],
            "at Oy Ab in Turku.",
        );
        check(src, &[("company_name", "Oy Ab")], "at Oy Ab.");
        check(src, &[("company_name", " ")], "privately.");
    }

    #[test]
    fn block_tags_alone_on_a_line_leave_no_empty_line() {
        let src = "Regards\n{{#if comment}}\nP.S. {{comment}}\n{{/if}}\nEnd";
        check(src, &[], "Regards\nEnd");
        check(src, &[("comment", "Hi")], "Regards\nP.S. Hi\nEnd");
    }

    #[test]
    fn a_missing_value_is_empty_text_and_one_warning() {
        let (template, _) = parse("{{city}}/{{city}}/{{post_code}}");
        let (text, warnings) = render(&template, &MergeData::new());
        assert_eq!(text, "//");
        assert_eq!(
            warnings,
            vec![
                Warning::MissingValue {
                    field: "city".into()
                },
                Warning::MissingValue {
                    field: "post_code".into()
                }
            ]
        );
    }

    #[test]
    fn problems_are_reported_with_line_and_column() {
        assert_eq!(
            codes("Hi {{frist_name}}\n  {{/if}} {{else}}\n{{#if city}}ä {{#each x}} {{"),
            vec![
                ("letter.unknown_field", 1, 4),
                ("letter.stray_close", 2, 3),
                ("letter.stray_else", 2, 11),
                ("letter.unbalanced_if", 3, 1),
                ("letter.unknown_block", 3, 15),
                ("letter.unclosed_tag", 3, 27),
            ]
        );
        let (_, diagnostics) = parse("{{frist_name}}");
        assert_eq!(
            diagnostics[0].kind,
            DiagnosticKind::UnknownField {
                name: "frist_name".into(),
                suggestion: Some("first_name".into())
            }
        );
        assert_eq!(diagnostics[0].len, 14);
    }

    #[test]
    fn more_block_problems() {
        assert_eq!(
            codes("{{#if}}{{}}{{#if city}}a{{else}}b{{else}}c{{/if}}"),
            vec![
                ("letter.missing_condition", 1, 1),
                ("letter.empty_tag", 1, 8),
                ("letter.duplicate_else", 1, 34),
            ]
        );
    }

    #[test]
    fn thousands_of_nested_blocks_are_refused_instead_of_overflowing_the_stack() {
        let depth = 10_000;
        let src = format!(
            "{}x{}",
            "{{#if name}}".repeat(depth),
            "{{/if}}".repeat(depth)
        );
        let (template, diagnostics) = parse(&src);
        assert!(diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::TooDeeplyNested));
        // Rendering what was parsed must not overflow either.
        let data: MergeData = [("name", "Anna")].into_iter().collect();
        let (text, _) = render(&template, &data);
        assert_eq!(text, "x");
        // Exactly the limit is fine.
        let src = format!(
            "{}x{}",
            "{{#if name}}".repeat(MAX_NESTING),
            "{{/if}}".repeat(MAX_NESTING)
        );
        assert_eq!(parse(&src).1, vec![]);
    }

    #[test]
    fn an_unclosed_tag_does_not_swallow_the_next_line() {
        let (template, diagnostics) = parse("{{first_name\n{{city}}");
        assert_eq!(diagnostics.len(), 1);
        let data = MergeData::new().with("city", "Oulu");
        assert_eq!(render(&template, &data).0, "{{first_name\nOulu");
    }

    #[test]
    fn fields_lists_printed_fields_only() {
        let (template, _) = parse("{{#if comment}}{{city}}{{/if}}{{name}}");
        assert_eq!(
            template.fields().into_iter().collect::<Vec<_>>(),
            vec!["city".to_string(), "name".to_string()]
        );
    }

    #[test]
    fn position_never_panics_inside_a_character() {
        assert_eq!(Position::of("ä", 1).offset, 0);
        assert_eq!(Position::of("ab", 99).column, 3);
    }
}
