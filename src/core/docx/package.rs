//! The .docx as a zip of parts: reading entries, following relationships, and the clean-up of
//! Word's mail-merge data source settings.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::xml::{self, TokKind};
use super::DocxError;

/// Parts larger than this are refused: no letter needs them, and a small zip can unpack to
/// gigabytes ("zip bomb"), which would take the browser tab down.
pub(crate) const PART_LIMIT: u64 = 64 * 1024 * 1024;

pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

pub(crate) fn open(bytes: &[u8]) -> Result<Archive<'_>, DocxError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotAZip {
        reason: e.to_string(),
    })
}

/// The names of the entries, in archive order.
pub(crate) fn entry_names(archive: &Archive<'_>) -> Vec<String> {
    (0..archive.len())
        .map(|index| {
            archive
                .name_for_index(index)
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// Reads an entry as UTF-8 text.
pub(crate) fn read_text(archive: &mut Archive<'_>, name: &str) -> Result<String, DocxError> {
    let unreadable = |reason: String| DocxError::UnreadablePart {
        part: name.to_string(),
        reason,
    };
    let entry = archive.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => DocxError::MissingPart {
            part: name.to_string(),
        },
        other => unreadable(other.to_string()),
    })?;
    let mut bytes = Vec::new();
    entry
        .take(PART_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(DocxError::PartTooLarge {
            part: name.to_string(),
            limit: PART_LIMIT,
        });
    }
    String::from_utf8(bytes).map_err(|_| DocxError::NotUtf8 {
        part: name.to_string(),
    })
}

/// One `Relationship` of a `.rels` part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Relationship {
    pub kind: String,
    /// The target part's name inside the package; empty for external targets.
    pub target: String,
    /// Byte range of the element in the `.rels` source.
    pub range: (usize, usize),
}

impl Relationship {
    /// Whether the relationship type ends with `/name` (transitional and strict namespaces).
    pub fn is(&self, name: &str) -> bool {
        self.kind.rsplit('/').next() == Some(name)
    }
}

/// The `.rels` part that holds a part's relationships: `word/document.xml` →
/// `word/_rels/document.xml.rels`.
pub(crate) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolves a relationship target against the directory of the part that owns it.
pub(crate) fn resolve(owner: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut segments: Vec<&str> = match owner.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    for segment in target.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

/// The relationships of `owner` listed in `rels_src` (the source of its `.rels` part).
pub(crate) fn relationships(
    rels_part: &str,
    rels_src: &str,
    owner: &str,
) -> Result<Vec<Relationship>, DocxError> {
    let tokens = xml::tokenize(rels_part, rels_src)?;
    let mut out = Vec::new();
    for tok in &tokens.toks {
        if !matches!(tok.kind, TokKind::Start | TokKind::Empty) || &*tok.local != "Relationship" {
            continue;
        }
        let tag = &rels_src[tok.start..tok.end];
        let external = xml::attribute(tag, "TargetMode").is_some_and(|m| m == "External");
        let target = match xml::attribute(tag, "Target") {
            Some(target) if !external => resolve(owner, &target),
            _ => String::new(),
        };
        out.push(Relationship {
            kind: xml::attribute(tag, "Type").unwrap_or_default(),
            target,
            range: (tok.start, tokens.toks[tok.pair].end),
        });
    }
    Ok(out)
}

/// The main document part named by the package relationships, or Word's usual name.
pub(crate) fn main_part(archive: &mut Archive<'_>) -> Result<String, DocxError> {
    let default = "word/document.xml".to_string();
    let src = match read_text(archive, "_rels/.rels") {
        Ok(src) => src,
        Err(DocxError::MissingPart { .. }) => return Ok(default),
        Err(other) => return Err(other),
    };
    let found = relationships("_rels/.rels", &src, "")?
        .into_iter()
        .find(|rel| rel.is("officeDocument") && !rel.target.is_empty())
        .map(|rel| rel.target);
    Ok(found.unwrap_or(default))
}

/// Removes byte ranges from a source; the ranges are sorted and do not overlap.
pub(crate) fn cut(src: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(src.len());
    let mut position = 0;
    for &(start, end) in ranges {
        out.push_str(&src[position..start]);
        position = end;
    }
    out.push_str(&src[position..]);
    out
}

/// `word/settings.xml` without its `w:mailMerge` element, or `None` when it has none.
///
/// A main document from Word's mail merge remembers its data source (a file path on the author's
/// machine and a SQL query). Left in a merged letter, Word would ask to run that query when the
/// letter is opened and then fail to find the file.
pub(crate) fn settings_without_mail_merge(
    part: &str,
    src: &str,
) -> Result<Option<String>, DocxError> {
    let tokens = xml::tokenize(part, src)?;
    let ranges: Vec<(usize, usize)> = tokens
        .toks
        .iter()
        .filter(|tok| matches!(tok.kind, TokKind::Start | TokKind::Empty) && tok.is_w("mailMerge"))
        .map(|tok| (tok.start, tokens.toks[tok.pair].end))
        .collect();
    Ok((!ranges.is_empty()).then(|| cut(src, &ranges)))
}

/// The relationship types that point at a mail-merge data source.
const MAIL_MERGE_RELATIONSHIPS: [&str; 3] =
    ["mailMergeSource", "mailMergeHeaderSource", "recipientData"];

/// The settings' `.rels` part without data source relationships, or `None` when it has none.
pub(crate) fn rels_without_mail_merge(
    rels_part: &str,
    src: &str,
    owner: &str,
) -> Result<Option<String>, DocxError> {
    let ranges: Vec<(usize, usize)> = relationships(rels_part, src, owner)?
        .into_iter()
        .filter(|rel| MAIL_MERGE_RELATIONSHIPS.iter().any(|kind| rel.is(kind)))
        .map(|rel| rel.range)
        .collect();
    Ok((!ranges.is_empty()).then(|| cut(src, &ranges)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_owner() {
        assert_eq!(
            resolve("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word/document.xml", "/word/footer1.xml"),
            "word/footer1.xml"
        );
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn mail_merge_settings_are_removed() {
        let src = r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom/><w:mailMerge><w:query w:val="x"/></w:mailMerge><w:b/></w:settings>"#;
        let out = settings_without_mail_merge("s", src).unwrap().unwrap();
        assert_eq!(
            out,
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom/><w:b/></w:settings>"#
        );
        let rels = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/mailMergeSource" Target="file:///C:\a.csv" TargetMode="External"/><Relationship Id="rId9" Type="http://x/other" Target="a.xml"/></Relationships>"#;
        let out = rels_without_mail_merge("r", rels, "word/settings.xml")
            .unwrap()
            .unwrap();
        assert_eq!(
            out,
            r#"<Relationships xmlns="x"><Relationship Id="rId9" Type="http://x/other" Target="a.xml"/></Relationships>"#
        );
    }
}
