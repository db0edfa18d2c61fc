//! Combining letters into one Word document (product.md §5 "Outputs", issue 13 item 1).
//!
//! A combined .docx is the first letter's package with the bodies of all the letters in its
//! main document, each one a section of its own. This is surgery on Word packages: a later
//! letter's headers and footers become parts of their own, its footnotes, endnotes and comments
//! join the document's, its ids are made unique ([`super::renumber`]) and its relationships are
//! merged with the first letter's. It lives here, beside the zip and XML readers it works with,
//! so that the rest of the core asks for the combined bytes through [`combine`] and never
//! handles the parts of a package itself.

use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Write};

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::package::{main_part, open, read_text, rels_name, resolve, Archive};
use super::renumber::{Group, Ids, LetterIds, XmlPart};
use super::xml::{attribute, tokenize, Tok, TokKind};
use super::DocxError;

/// Why letters cannot be combined into one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CombineError {
    /// A combined document needs at least one letter.
    NoLetters,
    /// Letter number `index` (0-based) cannot be read.
    Letter { index: usize, error: DocxError },
    /// Letter number `index` does not come from the same document as the first letter and uses
    /// images or links, whose relationships only its own package holds.
    Incompatible { index: usize },
    /// Writing the combined zip failed (not expected for in-memory output).
    Write { reason: String },
}

impl fmt::Display for CombineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CombineError::NoLetters => write!(f, "there are no letters to combine"),
            CombineError::Letter { index, error } => write!(f, "letter {}: {error}", index + 1),
            CombineError::Incompatible { index } => write!(
                f,
                "letter {} comes from another document and cannot be combined with the first",
                index + 1
            ),
            CombineError::Write { reason } => write!(f, "cannot write the document: {reason}"),
        }
    }
}

impl std::error::Error for CombineError {}

fn write_failed(error: impl fmt::Display) -> CombineError {
    CombineError::Write {
        reason: error.to_string(),
    }
}

/// The pieces of a letter's main document that combining needs.
struct Body {
    xml: String,
    toks: Vec<Tok>,
    /// Where the body's content starts (after `<w:body>`) and ends (before the body's own
    /// `w:sectPr`, or before `</w:body>` when there is none).
    content: (usize, usize),
    /// Where `</w:body>` starts: the body's own `w:sectPr`, if any, lies between `content.1`
    /// and here.
    body_end: usize,
    /// The root element's start tag.
    root: (usize, usize),
    w: String,
}

fn read_body(letter: &[u8], index: usize) -> Result<(Body, String, Option<String>), CombineError> {
    let fail = |error| CombineError::Letter { index, error };
    let mut archive = open(letter).map_err(fail)?;
    let main = main_part(&mut archive).map_err(fail)?;
    let xml = read_text(&mut archive, &main).map_err(fail)?;
    let rels = read_text(&mut archive, &rels_name(&main)).ok();
    let tokens = tokenize(&main, &xml).map_err(fail)?;
    let toks = &tokens.toks;
    let missing = || {
        fail(DocxError::MissingPart {
            part: format!("{main} (w:body)"),
        })
    };
    let root = toks
        .iter()
        .find(|t| t.kind == TokKind::Start)
        .ok_or_else(missing)?;
    let body_index = toks
        .iter()
        .position(|t| t.kind == TokKind::Start && t.is_w("body"))
        .ok_or_else(missing)?;
    let body = &toks[body_index];
    let body_end = &toks[body.pair];
    // The body's last child element, if it is a sectPr, holds the page setup of the last section.
    let mut end = body_end.start;
    let mut index = body.pair;
    while index > body_index + 1 {
        index -= 1;
        let tok = &toks[index];
        match tok.kind {
            TokKind::Text { .. } | TokKind::Other => continue,
            TokKind::End | TokKind::Empty if tok.is_w("sectPr") => {
                end = toks[tok.pair].start;
            }
            _ => {}
        }
        break;
    }
    let body = Body {
        root: (root.start, root.end),
        body_end: body_end.start,
        content: (body.end, end),
        w: tokens.w.clone(),
        toks: tokens.toks,
        xml,
    };
    Ok((body, main, rels))
}

/// The namespace declarations (`xmlns:p="uri"`) of a root start tag.
fn namespace_declarations(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(at) = rest.find("xmlns") {
        rest = &rest[at..];
        let Some(equals) = rest.find('=') else { break };
        let name = rest[..equals].trim().to_string();
        let after = rest[equals + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = &rest[equals + 1..];
            continue;
        };
        let Some(close) = after[1..].find(quote) else {
            break;
        };
        out.push((name, after[1..1 + close].to_string()));
        rest = &after[1 + close + 1..];
    }
    out
}

/// One relationship of a `.rels` part, as combining needs it.
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
    /// The element's source.
    source: String,
}

impl Rel {
    fn is(&self, kind: &str) -> bool {
        self.kind.rsplit('/').next() == Some(kind)
    }
}

fn rels_of(part: &str, src: &str) -> Result<Vec<Rel>, DocxError> {
    let tokens = tokenize(part, src)?;
    Ok(tokens
        .toks
        .iter()
        .filter(|t| {
            matches!(t.kind, TokKind::Start | TokKind::Empty) && &*t.local == "Relationship"
        })
        .map(|t| {
            let tag = &src[t.start..t.end];
            Rel {
                id: attribute(tag, "Id").unwrap_or_default(),
                kind: attribute(tag, "Type").unwrap_or_default(),
                target: attribute(tag, "Target").unwrap_or_default(),
                external: attribute(tag, "TargetMode").is_some_and(|mode| mode == "External"),
                source: src[t.start..tokens.toks[t.pair].end].to_string(),
            }
        })
        .collect())
}

/// Whether both packages hold the same bytes under `name` (compared by checksum and size).
fn same_entry(base: &mut Archive<'_>, letter: &mut Archive<'_>, name: &str) -> bool {
    let stamp = |archive: &mut Archive<'_>| {
        archive
            .by_name(name)
            .ok()
            .map(|entry| (entry.crc32(), entry.size()))
    };
    let known = stamp(base);
    known.is_some() && known == stamp(letter)
}

/// Maps letter `index`'s relationships of the part `owner` onto the combined part's. One the
/// base part has under the same id with the same target keeps its id; any other (a link whose
/// target holds this contact's address) is added to `added` under a new id. Headers and
/// footers are left out: they are copied per letter (see [`AddedParts`]). An internal target
/// must hold the same bytes as the base package's part of that name, or the letter is refused.
#[allow(clippy::too_many_arguments)]
fn map_relationships(
    base: &[Rel],
    letter: &[Rel],
    index: usize,
    owner: &str,
    base_archive: &mut Archive<'_>,
    letter_archive: &mut Archive<'_>,
    added: &mut String,
) -> Result<HashMap<String, String>, CombineError> {
    let mut map = HashMap::new();
    for rel in letter {
        if rel.is("header") || rel.is("footer") {
            continue;
        }
        let same = base.iter().any(|known| {
            known.id == rel.id
                && known.kind == rel.kind
                && known.target == rel.target
                && known.external == rel.external
        });
        if same {
            continue;
        }
        if !rel.external && !same_entry(base_archive, letter_archive, &resolve(owner, &rel.target))
        {
            return Err(CombineError::Incompatible { index });
        }
        let new_id = format!("rIdLetter{}{}", index + 1, rel.id);
        match rel.source.find(&rel.id) {
            Some(at) => {
                added.push_str(&rel.source[..at]);
                added.push_str(&new_id);
                added.push_str(&rel.source[at + rel.id.len()..]);
            }
            None => return Err(CombineError::Incompatible { index }),
        }
        map.insert(rel.id.clone(), new_id);
    }
    Ok(map)
}

/// A part whose elements later letters add to: footnotes, endnotes or comments.
struct Story {
    kind: &'static str,
    element: &'static str,
    group: Group,
    /// The base package's part, if it has one.
    part: Option<String>,
    rels: Vec<Rel>,
    has_rels: bool,
    added: String,
    added_rels: String,
}

/// A numbering instance like `old` in the numbering part, under `new`, with every level of its
/// list starting again (`w:startOverride` with the level's own start), so that a numbered list
/// counts from 1 in every letter. Overrides the instance already has are kept.
fn restarted_num(src: &str, toks: &[Tok], w: &str, old: &str, new: &str) -> Option<String> {
    let num_key = format!("{w}numId");
    let val_key = format!("{w}val");
    let num = toks.iter().position(|t| {
        matches!(t.kind, TokKind::Start | TokKind::Empty)
            && t.is_w("num")
            && attribute(&src[t.start..t.end], &num_key).as_deref() == Some(old)
    })?;
    let end = toks[num].pair;
    let inner = if toks[num].kind == TokKind::Start {
        &src[toks[num].end..toks[end].start]
    } else {
        ""
    };
    let children = &toks[num + 1..end.max(num + 1)];
    let abstract_id = children
        .iter()
        .find(|t| t.is_w("abstractNumId"))
        .and_then(|t| attribute(&src[t.start..t.end], &val_key))?;
    let overridden: Vec<String> = children
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Start | TokKind::Empty) && t.is_w("lvlOverride"))
        .filter_map(|t| attribute(&src[t.start..t.end], &format!("{w}ilvl")))
        .collect();
    let abstract_key = format!("{w}abstractNumId");
    let definition = toks.iter().position(|t| {
        t.kind == TokKind::Start
            && t.is_w("abstractNum")
            && attribute(&src[t.start..t.end], &abstract_key).as_deref() == Some(&abstract_id)
    })?;
    let mut out = format!("<{w}num {w}numId=\"{new}\">{inner}");
    let mut level: Option<String> = None;
    for tok in &toks[definition + 1..toks[definition].pair] {
        if !matches!(tok.kind, TokKind::Start | TokKind::Empty) {
            if tok.kind == TokKind::End && tok.is_w("lvl") {
                // A level without a start value starts at 0, as the standard says.
                if let Some(ilvl) = level.take() {
                    out.push_str(&format!(
                        "<{w}lvlOverride {w}ilvl=\"{ilvl}\"><{w}startOverride {w}val=\"0\"/></{w}lvlOverride>"
                    ));
                }
            }
            continue;
        }
        let tag = &src[tok.start..tok.end];
        if tok.is_w("lvl") {
            level = attribute(tag, &format!("{w}ilvl")).filter(|ilvl| !overridden.contains(ilvl));
        } else if tok.is_w("start") {
            if let Some(ilvl) = level.take() {
                let start = attribute(tag, &val_key).unwrap_or_else(|| "0".into());
                out.push_str(&format!(
                    "<{w}lvlOverride {w}ilvl=\"{ilvl}\"><{w}startOverride {w}val=\"{start}\"/></{w}lvlOverride>"
                ));
            }
        }
    }
    out.push_str(&format!("</{w}num>"));
    Some(out)
}

/// Where new `w:num` elements go in a numbering part: after the last one (the schema wants them
/// after every `w:abstractNum` and before `w:numIdMacAtCleanup`), or before the root's end.
fn num_insertion_point(src: &str, toks: &[Tok]) -> usize {
    toks.iter()
        .rev()
        .find(|t| t.is_w("num") && matches!(t.kind, TokKind::End | TokKind::Empty))
        .map(|t| t.end)
        .unwrap_or_else(|| src.rfind("</").unwrap_or(src.len()))
}

/// Whether a part may hold anything [`LetterIds::rewrite`] renumbers: an `id` attribute (of a
/// bookmark, note, comment, revision, drawing), a list (`numId`) or a link to a bookmark.
fn has_ids(xml: &str) -> bool {
    xml.contains("id=") || xml.contains("numId") || xml.contains("anchor=")
}

/// `xml` with `addition` inserted before the root element's end tag.
fn insert_before_root_end(xml: &str, addition: &str) -> String {
    match xml.rfind("</") {
        Some(at) if !addition.is_empty() => format!("{}{addition}{}", &xml[..at], &xml[at..]),
        _ => xml.to_string(),
    }
}

/// One .docx with every letter, each starting on a new page (product.md §5).
///
/// The first letter is the base: its package (styles, images, settings) is used for the whole
/// document. Every letter becomes a section of its own, so that each keeps its own page setup and
/// its own headers and footers with its own values (a header that names the contact names the
/// right one), and page numbers restart at 1 for every letter. `NUMPAGES` in headers and footers
/// becomes `SECTIONPAGES`, so that a one-page letter says "Page 1 of 1" rather than counting the
/// pages of the whole batch.
///
/// Each later letter is made self-contained (issue 13): its footnotes, endnotes and comments are
/// added to the document's under new ids, its bookmarks get new ids and names (and the links to
/// them follow), its drawings new ids, its numbered lists a numbering instance of their own that
/// starts again at 1, and relationships that differ from the first letter's (a link whose target
/// holds the contact's address) are added under new ids. A letter from another document is
/// refused (`Incompatible`) when it needs a part the first letter's package lacks or holds
/// differently (an image, its notes, its numbering).
pub fn combine<L: AsRef<[u8]>>(letters: &[L]) -> Result<Vec<u8>, CombineError> {
    let first = letters.first().ok_or(CombineError::NoLetters)?.as_ref();
    let fail0 = |error| CombineError::Letter { index: 0, error };
    let (base, main, base_rels_src) = read_body(first, 0)?;
    let w = base.w.clone();
    let main_rels = rels_name(&main);
    let base_rels = match &base_rels_src {
        Some(src) => rels_of(&main_rels, src).map_err(fail0)?,
        None => Vec::new(),
    };
    let mut base_archive = open(first).map_err(fail0)?;
    let mut added = AddedParts::default();
    let mut ids = Ids::default();

    let mut root = base.xml[base.root.0..base.root.1].to_string();
    let mut declared = namespace_declarations(&root);
    let mut content = String::with_capacity(base.xml.len() * letters.len());
    content.push_str(&base.xml[base.content.0..base.content.1]);
    // The first letter's header and footer parts stay where they are; only their page count
    // fields change, and only when there is more than one letter.
    let mut section = base.xml[base.content.1..base.body_end].to_string();
    let mut rewritten: Vec<(String, String)> = Vec::new();
    let part_of = |rels: &[Rel], kind: &str| {
        rels.iter()
            .find(|rel| rel.is(kind) && !rel.external)
            .map(|rel| resolve(&main, &rel.target))
    };
    let mut stories = [
        ("footnotes", "footnote", Group::Footnote),
        ("endnotes", "endnote", Group::Endnote),
        ("comments", "comment", Group::Comment),
    ]
    .map(|(kind, element, group)| Story {
        kind,
        element,
        group,
        part: part_of(&base_rels, kind),
        rels: Vec::new(),
        has_rels: false,
        added: String::new(),
        added_rels: String::new(),
    });
    let numbering_part = part_of(&base_rels, "numbering");
    let mut numbering: Option<(String, Vec<Tok>, String)> = None;
    let mut added_nums = String::new();
    if letters.len() > 1 {
        // Later letters must not reuse an id the first letter keeps.
        ids.reserve(&base.xml, &base.toks, &w);
        for (_, target, _) in section_parts(&section, base_rels_src.as_deref(), &main, 0)? {
            let xml = read_text(&mut base_archive, &target).map_err(fail0)?;
            let tokens = tokenize(&target, &xml).map_err(fail0)?;
            ids.reserve(&xml, &tokens.toks, &tokens.w);
            let counted = section_page_counts(&xml);
            if counted != xml {
                rewritten.push((target, counted));
            }
        }
        for story in &mut stories {
            let Some(part) = &story.part else { continue };
            let xml = read_text(&mut base_archive, part).map_err(fail0)?;
            let tokens = tokenize(part, &xml).map_err(fail0)?;
            ids.reserve(&xml, &tokens.toks, &tokens.w);
            if let Ok(src) = read_text(&mut base_archive, &rels_name(part)) {
                story.rels = rels_of(&rels_name(part), &src).map_err(fail0)?;
                story.has_rels = true;
            }
        }
        if let Some(part) = &numbering_part {
            let xml = read_text(&mut base_archive, part).map_err(fail0)?;
            let tokens = tokenize(part, &xml).map_err(fail0)?;
            ids.reserve_numbering(&xml, &tokens.toks, &tokens.w);
            numbering = Some((xml, tokens.toks, tokens.w));
        }
    }

    for (index, letter) in letters.iter().enumerate().skip(1) {
        let letter = letter.as_ref();
        let fail = |error| CombineError::Letter { index, error };
        let incompatible = CombineError::Incompatible { index };
        let (body, _, rels_src) = read_body(letter, index)?;
        if body.w != w {
            return Err(incompatible);
        }
        for (name, uri) in namespace_declarations(&body.xml[body.root.0..body.root.1]) {
            match declared.iter().find(|(known, _)| *known == name) {
                Some((_, known_uri)) if *known_uri != uri => return Err(incompatible),
                Some(_) => {}
                None => {
                    let close = root.trim_end_matches('>').len();
                    root.insert_str(close, &format!(" {name}=\"{uri}\""));
                    declared.push((name, uri));
                }
            }
        }
        // The previous letter's section ends here, in a paragraph of its own; a section break
        // also starts the next letter on a new page.
        content.push_str(&format!(
            "<{w}p><{w}pPr>{}</{w}pPr></{w}p>",
            section_properties(&section, &w)
        ));
        section = body.xml[body.content.1..body.body_end].to_string();
        let mut archive = open(letter).map_err(fail)?;
        // Letters merged from one template without fields in link targets have the first
        // letter's relationships exactly; reading them again would only cost time.
        let rels = match &rels_src {
            Some(src) if rels_src != base_rels_src => rels_of(&main_rels, src).map_err(fail)?,
            Some(_) => Vec::new(),
            None => Vec::new(),
        };
        let relationships = map_relationships(
            &base_rels,
            &rels,
            index,
            &main,
            &mut base_archive,
            &mut archive,
            &mut added.relationships,
        )?;
        // The letter's relationships, to find its notes and comments parts.
        let rels: &[Rel] = if rels.is_empty() { &base_rels } else { &rels };
        let mut letter_ids = LetterIds::new(index);
        if body.xml.contains("bookmarkStart") {
            letter_ids.rename_bookmarks(&mut ids, &body.xml, &body.toks, &w);
        }
        for (id, target, kind) in section_parts(&section, rels_src.as_deref(), &main, index)? {
            let xml = section_page_counts(&read_text(&mut archive, &target).map_err(fail)?);
            // Most headers carry no id at all; only those that do are read into tokens.
            let renumbered = if has_ids(&xml) {
                let tokens = tokenize(&target, &xml).map_err(fail)?;
                let mut renumbered = String::with_capacity(xml.len());
                let part = XmlPart {
                    src: &xml,
                    toks: &tokens.toks,
                    w: &tokens.w,
                };
                letter_ids.rewrite(
                    &mut ids,
                    part,
                    (0, xml.len()),
                    &HashMap::new(),
                    &mut renumbered,
                );
                renumbered
            } else {
                xml
            };
            let part_rels = read_text(&mut archive, &rels_name(&target)).ok();
            let new_id = added.add(&main, (&id, &target, kind), index, renumbered, part_rels);
            section = section.replace(&format!("\"{id}\""), &format!("\"{new_id}\""));
        }
        let part = XmlPart {
            src: &body.xml,
            toks: &body.toks,
            w: &w,
        };
        letter_ids.rewrite(&mut ids, part, body.content, &relationships, &mut content);
        // The notes and comments this letter refers to join the document's under their new ids.
        for story in &mut stories {
            if !letter_ids.uses(story.group) {
                continue;
            }
            let (Some(_), Some(part)) = (&story.part, part_of(rels, story.kind)) else {
                return Err(CombineError::Incompatible { index });
            };
            let xml = read_text(&mut archive, &part).map_err(fail)?;
            let tokens = tokenize(&part, &xml).map_err(fail)?;
            let part_rels = match read_text(&mut archive, &rels_name(&part)) {
                Ok(src) => rels_of(&rels_name(&part), &src).map_err(fail)?,
                Err(_) => Vec::new(),
            };
            let relationships = map_relationships(
                &story.rels,
                &part_rels,
                index,
                &part,
                &mut base_archive,
                &mut archive,
                &mut story.added_rels,
            )?;
            let id_key = format!("{}id", tokens.w);
            for tok in &tokens.toks {
                if tok.kind != TokKind::Start || !tok.is_w(story.element) {
                    continue;
                }
                let referred = attribute(&xml[tok.start..tok.end], &id_key)
                    .is_some_and(|id| letter_ids.new_id(story.group, &id).is_some());
                if referred {
                    let range = (tok.start, tokens.toks[tok.pair].end);
                    let part = XmlPart {
                        src: &xml,
                        toks: &tokens.toks,
                        w: &tokens.w,
                    };
                    letter_ids.rewrite(&mut ids, part, range, &relationships, &mut story.added);
                }
            }
        }
        // Every numbered list of the letter starts again at 1.
        for (old, new) in &letter_ids.nums {
            let made = numbering
                .as_ref()
                .and_then(|(src, toks, nw)| restarted_num(src, toks, nw, old, new));
            match made {
                Some(num) => added_nums.push_str(&num),
                None => return Err(CombineError::Incompatible { index }),
            }
        }
    }

    let mut xml = String::with_capacity(content.len() + base.xml.len());
    xml.push_str(&base.xml[..base.root.0]);
    xml.push_str(&root);
    xml.push_str(&base.xml[base.root.1..base.content.0]);
    xml.push_str(&content);
    if letters.len() > 1 {
        xml.push_str(&section_properties(&section, &w));
    } else {
        xml.push_str(&section);
    }
    xml.push_str(&base.xml[base.body_end..]);

    let mut replacements: Vec<(String, String)> = rewritten;
    for story in &stories {
        let Some(part) = &story.part else { continue };
        if !story.added.is_empty() {
            let text = read_text(&mut base_archive, part).map_err(fail0)?;
            replacements.push((part.clone(), insert_before_root_end(&text, &story.added)));
        }
        if !story.added_rels.is_empty() {
            let rels = rels_name(part);
            if story.has_rels {
                let text = read_text(&mut base_archive, &rels).map_err(fail0)?;
                replacements.push((rels, insert_before_root_end(&text, &story.added_rels)));
            } else {
                added.parts.push((
                    rels,
                    format!("{RELS_START}{}</Relationships>", story.added_rels),
                ));
            }
        }
    }
    if let (Some(part), Some((src, toks, _))) = (&numbering_part, &numbering) {
        if !added_nums.is_empty() {
            let at = num_insertion_point(src, toks);
            replacements.push((
                part.clone(),
                format!("{}{added_nums}{}", &src[..at], &src[at..]),
            ));
        }
    }

    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(xml.len() / 3 + first.len())));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut xml = Some(xml);
    for index in 0..base_archive.len() {
        let entry = base_archive.by_index_raw(index).map_err(|e| {
            fail0(DocxError::UnreadablePart {
                part: format!("entry {index}"),
                reason: e.to_string(),
            })
        })?;
        let name = entry.name().to_string();
        let replacement = if name == main {
            xml.take()
        } else if let Some(at) = replacements.iter().position(|(part, _)| *part == name) {
            Some(replacements.swap_remove(at).1)
        } else if name == main_rels && !added.relationships.is_empty() {
            drop(entry);
            Some(insert_before_close(
                &read_text(&mut base_archive, &name).map_err(fail0)?,
                "</Relationships>",
                &added.relationships,
            ))
        } else if name == "[Content_Types].xml" && !added.overrides.is_empty() {
            drop(entry);
            Some(insert_before_close(
                &read_text(&mut base_archive, &name).map_err(fail0)?,
                "</Types>",
                &added.overrides,
            ))
        } else {
            writer.raw_copy_file(entry).map_err(write_failed)?;
            None
        };
        if let Some(text) = replacement {
            writer
                .start_file(name.as_str(), deflated)
                .map_err(write_failed)?;
            writer.write_all(text.as_bytes()).map_err(write_failed)?;
        }
    }
    for (name, text) in &added.parts {
        writer
            .start_file(name.as_str(), deflated)
            .map_err(write_failed)?;
        writer.write_all(text.as_bytes()).map_err(write_failed)?;
    }
    Ok(writer.finish().map_err(write_failed)?.into_inner())
}

const RELS_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#;

/// Header and footer parts copied from the second and later letters into the combined package,
/// with the relationships and content types that make them part of it.
#[derive(Default)]
struct AddedParts {
    parts: Vec<(String, String)>,
    relationships: String,
    overrides: String,
}

impl AddedParts {
    /// Adds letter `index`'s copy of `target` (named by relationship `id` in its main part) and
    /// returns the relationship id the letter's section must use for it.
    fn add(
        &mut self,
        main: &str,
        (id, target, kind): (&str, &str, &str),
        index: usize,
        xml: String,
        part_rels: Option<String>,
    ) -> String {
        let (dir, file) = target.rsplit_once('/').unwrap_or(("", target));
        let stem = file.strip_suffix(".xml").unwrap_or(file);
        let name = if dir.is_empty() {
            format!("{stem}-letter{}.xml", index + 1)
        } else {
            format!("{dir}/{stem}-letter{}.xml", index + 1)
        };
        let new_id = format!("rIdLetter{}{id}", index + 1);
        let content_type = match kind {
            "footer" => FOOTER_TYPE,
            _ => HEADER_TYPE,
        };
        // A relationship target is relative to the folder of the part that owns it.
        let main_dir = main.rsplit_once('/').map_or("", |(dir, _)| dir);
        let relative = if !main_dir.is_empty() && name.starts_with(&format!("{main_dir}/")) {
            name[main_dir.len() + 1..].to_string()
        } else {
            format!("/{name}")
        };
        self.relationships.push_str(&format!(
            "<Relationship Id=\"{new_id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" Target=\"{relative}\"/>"
        ));
        self.overrides.push_str(&format!(
            "<Override PartName=\"/{name}\" ContentType=\"{content_type}\"/>"
        ));
        if let Some(rels) = part_rels {
            self.parts.push((rels_name(&name), rels));
        }
        self.parts.push((name, xml));
        new_id
    }
}

const HEADER_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const FOOTER_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";

/// The relationship id, part name and kind ("header" or "footer") of every header and footer a
/// section refers to.
fn section_parts(
    section: &str,
    rels: Option<&str>,
    main: &str,
    index: usize,
) -> Result<Vec<(String, String, &'static str)>, CombineError> {
    let Some(rels) = rels else {
        return Ok(Vec::new());
    };
    let fail = |error| CombineError::Letter { index, error };
    let rels_part = rels_name(main);
    let tokens = tokenize(&rels_part, rels).map_err(fail)?;
    let targets: Vec<(String, String)> = tokens
        .toks
        .iter()
        .filter(|t| {
            matches!(t.kind, TokKind::Start | TokKind::Empty) && &*t.local == "Relationship"
        })
        .filter_map(|t| {
            let tag = &rels[t.start..t.end];
            let id = attribute(tag, "Id")?;
            let target = attribute(tag, "Target")?;
            let target = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => match main.rsplit_once('/') {
                    Some((dir, _)) => format!("{dir}/{target}"),
                    None => target,
                },
            };
            Some((id, target))
        })
        .collect();
    let mut out = Vec::new();
    for (reference, kind) in [("headerReference", "header"), ("footerReference", "footer")] {
        let mut rest = section;
        while let Some(at) = rest.find(reference) {
            let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
            let tag = &rest[at..tag_end];
            if let Some(id) = tag
                .split_whitespace()
                .find_map(|a| {
                    a.strip_prefix("r:id=")
                        .or_else(|| a.split_once(":id=").map(|(_, v)| v))
                })
                .map(|v| {
                    v.trim_matches(|c| c == '"' || c == '\'' || c == '/')
                        .to_string()
                })
            {
                if let Some((_, target)) = targets.iter().find(|(known, _)| *known == id) {
                    if !out.iter().any(|(known, _, _)| *known == id) {
                        out.push((id, target.clone(), kind));
                    }
                }
            }
            rest = &rest[tag_end..];
        }
    }
    Ok(out)
}

/// A letter's section properties with page numbering restarting at 1 (an empty section gets the
/// minimum that says so).
fn section_properties(section: &str, w: &str) -> String {
    let section = section.trim();
    let restart = format!("<{w}pgNumType {w}start=\"1\"/>");
    if section.is_empty() {
        return format!("<{w}sectPr>{restart}</{w}sectPr>");
    }
    if let Some(open) = section.strip_suffix("/>") {
        return format!("{open}>{restart}</{w}sectPr>");
    }
    if let Some(at) = section.find(&format!("<{w}pgNumType")) {
        let end = at + section[at..].find('>').unwrap_or(0);
        let tag = &section[at..end];
        let tag = match tag.find(&format!("{w}start=\"")) {
            Some(start) => {
                let value = start + w.len() + 7;
                let close = value + tag[value..].find('"').unwrap_or(0);
                format!("{}1{}", &tag[..value], &tag[close..])
            }
            None => {
                format!("{} {w}start=\"1\"", tag.trim_end_matches('/'))
                    + if tag.ends_with('/') { "/" } else { "" }
            }
        };
        return format!("{}{tag}{}", &section[..at], &section[end..]);
    }
    // pgNumType has its place in the schema's sequence; Word refuses a document that puts it
    // elsewhere.
    let after = [
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    ];
    let at = after
        .iter()
        .filter_map(|name| section.find(&format!("<{w}{name}")))
        .min()
        .or_else(|| section.rfind(&format!("</{w}sectPr>")))
        .unwrap_or(section.len());
    format!("{}{restart}{}", &section[..at], &section[at..])
}

/// A header or footer with `NUMPAGES` fields turned into `SECTIONPAGES`, so that in a combined
/// document every letter counts its own pages. Only field instructions change, never text.
fn section_page_counts(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 16);
    let mut position = 0;
    for (at, _) in xml.match_indices("NUMPAGES") {
        let open = xml[..at].rfind('<');
        let inside_tag = open.is_some_and(|open| xml[open..at].find('>').is_none());
        let field = open.is_some_and(|open| {
            let tag = &xml[open..];
            let name_end = tag
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(tag.len());
            let name = tag[1..name_end].rsplit(':').next().unwrap_or("");
            (inside_tag && name == "fldSimple") || (!inside_tag && name == "instrText")
        });
        if field {
            out.push_str(&xml[position..at]);
            out.push_str("SECTIONPAGES");
            position = at + "NUMPAGES".len();
        }
    }
    out.push_str(&xml[position..]);
    out
}

fn insert_before_close(xml: &str, close: &str, addition: &str) -> String {
    match xml.rfind(close) {
        Some(at) => format!("{}{addition}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}
