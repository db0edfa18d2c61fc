//! Fields in link targets (issue 13 item 2): `{{email}}` in a hyperlink's relationship target
//! (`mailto:{{email}}`) or in a `HYPERLINK` field instruction is merged like any other field,
//! but percent-encoded, because it goes into a URL: a space or an `ä` would otherwise make the
//! link unusable, and a `"` or `&` could end the address or add a parameter of its own.
//!
//! How much is encoded depends on where the field stands in the URL. A field that is the whole
//! target (`{{website}}`) is a URL itself and keeps its `:` and `/`. A field in the path
//! (`mailto:{{email}}`, `https://example.com/offers/{{name}}`) keeps what a path segment may
//! hold unencoded, so an address keeps its `@`, but a `/`, `?`, `&`, `=` or `#` in the value is
//! encoded. A field in the query or fragment (`?subject={{document.subject}}`) also has its
//! `&`, `=` and `+` encoded.

use super::part::{Analysis, FillablePart, Markup, Node};
use super::xml::{self, TokKind, Tokens};
use super::TemplateProblem;
use super::{CannotMerge, DocxError, FoundTag, FoundTagKind, Location, ProblemKind};
use crate::core::letter::{scan_tags, TagKind};

/// Where in a URL a field's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlPart {
    Whole,
    Path,
    Query,
}

/// How a merged value is written where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Percent-encoded for its place in a URL.
    Url(UrlPart),
    /// Plain text in a field instruction (not a link): escaped, line breaks as spaces.
    Instruction,
    /// Plain text in an attribute: also `"` escaped.
    Attribute,
}

impl UrlPart {
    /// The part of a URL a value goes into, from the URL's text before it.
    pub(crate) fn after(before: &str) -> UrlPart {
        if before.trim().is_empty() {
            UrlPart::Whole
        } else if before.contains(['?', '#']) {
            UrlPart::Query
        } else {
            UrlPart::Path
        }
    }

    /// ASCII characters besides letters, digits and `-._~` that stay as they are.
    fn kept(self) -> &'static str {
        match self {
            UrlPart::Whole => ":/?#[]@!$&'()*+,;=",
            UrlPart::Path => ":@!$'()*,;",
            UrlPart::Query => ":@!$'()*,;/?",
        }
    }

    /// The value percent-encoded (UTF-8) for this part of a URL. `%` is always encoded: the
    /// value is text, not an already encoded URL.
    pub(crate) fn encode(self, value: &str) -> String {
        let kept = self.kept();
        let mut out = String::with_capacity(value.len() + 8);
        let value = if self == UrlPart::Whole {
            value.trim()
        } else {
            value
        };
        for byte in value.bytes() {
            let c = byte as char;
            if c.is_ascii_alphanumeric() || "-._~".contains(c) || kept.contains(c) {
                out.push(c);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }
}

impl Encoding {
    /// The value as it is written into the part's XML.
    pub(crate) fn write(self, out: &mut String, value: &str) {
        match self {
            Encoding::Url(part) => xml::escape_into(out, &part.encode(value)),
            Encoding::Instruction | Encoding::Attribute => {
                let flat: String = value
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                if self == Encoding::Attribute {
                    for (index, piece) in flat.split('"').enumerate() {
                        if index > 0 {
                            out.push_str("&quot;");
                        }
                        xml::escape_into(out, piece);
                    }
                } else {
                    xml::escape_into(out, &flat);
                }
            }
        }
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
        let Some((start, end)) = attribute_range(tag, "Target") else {
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
            push_literal(&mut nodes, &src[position..start + found.start]);
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
        push_literal(&mut nodes, &src[position..]);
        analysis.part = Some(FillablePart {
            nodes,
            markup: Markup::new("w:"),
            source_len: src.len(),
        });
    }
    Ok(analysis)
}

fn push_literal(nodes: &mut Vec<Node>, xml: &str) {
    if xml.is_empty() {
        return;
    }
    if let Some(Node::Xml(previous)) = nodes.last_mut() {
        previous.push_str(xml);
    } else {
        nodes.push(Node::Xml(xml.to_string()));
    }
}

/// The byte range of an attribute's (escaped) value inside a start tag's source.
pub(crate) fn attribute_range(tag: &str, key: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = tag[from..].find(key) {
        let at = from + found;
        from = at + key.len();
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let after_equals = tag.len() - rest.len() + 1;
        let value = tag[after_equals..].trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let open = tag.len() - value.len() + 1;
        let close = open + tag[open..].find(quote)?;
        return Some((open, close));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_for_their_place_in_the_url() {
        let value = "Chloé Martin/ä & b=c?#%@x.fr";
        assert_eq!(
            UrlPart::Path.encode(value),
            "Chlo%C3%A9%20Martin%2F%C3%A4%20%26%20b%3Dc%3F%23%25@x.fr"
        );
        assert_eq!(
            UrlPart::Query.encode(value),
            "Chlo%C3%A9%20Martin/%C3%A4%20%26%20b%3Dc?%23%25@x.fr"
        );
        assert_eq!(
            UrlPart::Whole.encode(" https://example.com/a b?x=ä "),
            "https://example.com/a%20b?x=%C3%A4"
        );
        assert_eq!(UrlPart::after(""), UrlPart::Whole);
        assert_eq!(UrlPart::after("mailto:"), UrlPart::Path);
        assert_eq!(UrlPart::after("mailto:a@b?subject="), UrlPart::Query);
    }

    #[test]
    fn a_block_tag_in_a_link_target_is_reported_and_prints_nothing() {
        let src = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="t/hyperlink" Target="mailto:{{#if email}}{{email}}" TargetMode="External"/></Relationships>"#;
        let analysis = analyse_rels("word/_rels/document.xml.rels", src).unwrap();
        let codes: Vec<&str> = analysis
            .problems
            .iter()
            .map(|p| p.code().as_str())
            .collect();
        assert_eq!(codes, vec!["docx.cannot_merge.block_in_link"]);
        assert_eq!(analysis.problems[0].location.column, 8);
        let part = analysis.part.unwrap();
        let mut warnings = crate::core::letter::Warnings::default();
        let data = crate::core::letter::MergeData::new().with("email", "a b@x.fi");
        assert!(part
            .render(&data, &mut warnings)
            .contains(r#"Target="mailto:a%20b@x.fi""#));
    }

    #[test]
    fn attribute_values_are_found_by_their_exact_key() {
        let tag = r#"<Relationship Id="rId1" TargetMode="External" Target='x{{a}}'/>"#;
        let (start, end) = attribute_range(tag, "Target").unwrap();
        assert_eq!(&tag[start..end], "x{{a}}");
        assert_eq!(attribute_range(tag, "Type"), None);
    }
}
