//! A flat, lossless token list of one XML part, plus escaping helpers.
//!
//! Filling a Word part must leave every byte we do not mean to change exactly as it was, so the
//! part is not parsed into a tree and written back; it is cut into tokens that cover the source
//! without gaps (`src[tok.start..tok.end]` concatenated is the source again). quick-xml does the
//! reading, which also gives us well-formedness checking: a broken part is refused up front
//! instead of producing a document Word has to repair.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::DocxError;

const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    // ISO 29500 Strict documents use this namespace for the same vocabulary.
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Start,
    End,
    Empty,
    /// Character data or an entity reference; `in_t` when directly inside a `w:t`.
    Text {
        in_t: bool,
    },
    /// Declaration, comment, processing instruction, doctype.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Local name for elements, empty for other tokens.
    pub local: Box<str>,
    /// Whether the element is in the WordprocessingML namespace.
    pub w: bool,
    /// For `Start` the index of its `End` and the other way round; the token itself otherwise.
    pub pair: usize,
}

impl Tok {
    /// Whether this is a WordprocessingML element (start, end or empty) with this local name.
    pub fn is_w(&self, local: &str) -> bool {
        self.w
            && &*self.local == local
            && !matches!(self.kind, TokKind::Text { .. } | TokKind::Other)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    /// The prefix the part binds to the WordprocessingML namespace, with its colon (`"w:"`), or
    /// empty when it is the default namespace. Markup we generate uses the same prefix.
    pub w: String,
}

/// Reads a part into tokens, refusing anything that is not well-formed XML.
pub(crate) fn tokenize(part: &str, src: &str) -> Result<Tokens, DocxError> {
    let broken = |offset: u64, reason: String| DocxError::BrokenXml {
        part: part.to_string(),
        offset,
        reason,
    };
    let mut reader = Reader::from_str(src);
    let mut toks: Vec<Tok> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut w_prefix: Option<String> = None;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| broken(reader.error_position(), e.to_string()))?;
        let end = reader.buffer_position() as usize;
        let index = toks.len();
        let (kind, qname): (TokKind, Option<String>) = match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for attribute in e.attributes() {
                    let attribute =
                        attribute.map_err(|err| broken(start as u64, err.to_string()))?;
                    if w_prefix.is_none() {
                        let key: &str = attribute.key.as_ref();
                        let value: &str = &attribute.value;
                        if W_NAMESPACES.contains(&value) {
                            if key == "xmlns" {
                                w_prefix = Some(String::new());
                            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                                w_prefix = Some(format!("{prefix}:"));
                            }
                        }
                    }
                }
                let kind = if matches!(event, Event::Start(_)) {
                    TokKind::Start
                } else {
                    TokKind::Empty
                };
                (kind, Some(e.name().as_ref().to_string()))
            }
            Event::End(e) => (TokKind::End, Some(e.name().as_ref().to_string())),
            Event::Text(_) | Event::CData(_) => {
                let in_t = stack
                    .last()
                    .is_some_and(|&open| toks[open].w && &*toks[open].local == "t");
                (TokKind::Text { in_t }, None)
            }
            Event::GeneralRef(_) => {
                let reference = &src[start..end];
                let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&reference)
                    || reference.starts_with("&#");
                if !known {
                    return Err(broken(start as u64, format!("unknown entity {reference}")));
                }
                let in_t = stack
                    .last()
                    .is_some_and(|&open| toks[open].w && &*toks[open].local == "t");
                (TokKind::Text { in_t }, None)
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {
                (TokKind::Other, None)
            }
        };
        let (local, w) = match &qname {
            Some(qname) => {
                let (prefix, local) = match qname.split_once(':') {
                    Some((prefix, local)) => (format!("{prefix}:"), local.to_string()),
                    None => (String::new(), qname.to_string()),
                };
                let w = w_prefix.as_deref() == Some(prefix.as_str());
                (local.into_boxed_str(), w)
            }
            None => (Box::from(""), false),
        };
        let mut tok = Tok {
            start,
            end,
            kind,
            local,
            w,
            pair: index,
        };
        match kind {
            TokKind::Start => stack.push(index),
            TokKind::End => {
                let open = stack
                    .pop()
                    .ok_or_else(|| broken(start as u64, "end tag without a start tag".into()))?;
                tok.pair = open;
                toks[open].pair = index;
            }
            _ => {}
        }
        toks.push(tok);
    }
    if let Some(&open) = stack.last() {
        return Err(broken(
            toks[open].start as u64,
            format!("element <{}> is never closed", toks[open].local),
        ));
    }
    Ok(Tokens {
        toks,
        w: w_prefix.unwrap_or_else(|| "w:".to_string()),
    })
}

/// The value of an attribute in a start or empty tag's source, unescaped. The tag was checked
/// by quick-xml when it was tokenized, so a simple scan is enough here.
pub(crate) fn attribute(tag: &str, key: &str) -> Option<String> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner.split_once(char::is_whitespace)?.1;
    loop {
        rest = rest.trim_start();
        let (name, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let quote = after.chars().next()?;
        let value_and_rest = &after[quote.len_utf8()..];
        let close = value_and_rest.find(quote)?;
        if name.trim() == key {
            return Some(unescape(&value_and_rest[..close]).into_owned());
        }
        rest = &value_and_rest[close + quote.len_utf8()..];
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

/// Replaces the five predefined entities and character references.
pub(crate) fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').and_then(|semi| {
            let name = &after[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether XML 1.0 allows this character at all. Values come from contacts and imports, and one
/// stray control character would make the whole document unreadable.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends text escaped for XML character data, dropping characters XML cannot carry.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_source_without_gaps() {
        let src = "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:r><w:t xml:space=\"preserve\">a &amp; b</w:t></w:r><!-- c --><w:br/></w:p></w:document>";
        let tokens = tokenize("p", src).unwrap();
        let joined: String = tokens.toks.iter().map(|t| &src[t.start..t.end]).collect();
        assert_eq!(joined, src);
        assert_eq!(tokens.w, "w:");
        let text: String = tokens
            .toks
            .iter()
            .filter(|t| t.kind == TokKind::Text { in_t: true })
            .map(|t| &src[t.start..t.end])
            .collect();
        assert_eq!(text, "a &amp; b");
        let p = tokens.toks.iter().position(|t| t.is_w("p")).unwrap();
        assert_eq!(&*tokens.toks[tokens.toks[p].pair].local, "p");
    }

    #[test]
    fn broken_xml_is_refused_with_the_part_name() {
        for src in ["<a><b></a>", "<a>", "<a>&bogus;</a>", "<a x=1/>", "</a>"] {
            match tokenize("word/document.xml", src) {
                Err(DocxError::BrokenXml { part, .. }) => assert_eq!(part, "word/document.xml"),
                other => panic!("{src}: {other:?}"),
            }
        }
    }

    #[test]
    fn attributes_and_entities_are_decoded() {
        assert_eq!(
            attribute(
                "<w:fldSimple w:instr=\" MERGEFIELD &quot;A B&quot; \">",
                "w:instr"
            )
            .as_deref(),
            Some(" MERGEFIELD \"A B\" ")
        );
        assert_eq!(attribute("<x a='1' b=\"2\"/>", "b").as_deref(), Some("2"));
        assert_eq!(unescape("&lt;&#65;&#x42;&bad; &"), "<AB&bad; &");
        let mut out = String::new();
        escape_into(&mut out, "<b>&\u{1}ok");
        assert_eq!(out, "&lt;b&gt;&amp;ok");
    }

    #[test]
    fn attribute_values_are_found_by_their_exact_key() {
        let tag = r#"<Relationship Id="rId1" TargetMode="External" Target='x{{a}}'/>"#;
        let (start, end) = attribute_range(tag, "Target").unwrap();
        assert_eq!(&tag[start..end], "x{{a}}");
        assert_eq!(attribute_range(tag, "Type"), None);
    }
}
