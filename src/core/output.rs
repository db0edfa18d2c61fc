//! The downloads a batch of letters produces (product.md §5 "Outputs"), as bytes plus file
//! names: one combined .docx, a .zip of one .docx per contact, a .docx made from a plain-text
//! letter, a print view (HTML, one letter per page), and a .zip of .eml e-mail drafts.
//!
//! Nothing here reads a clock: dates for zip entries and e-mail headers are arguments.

use crate::core::problem::ProblemCode;
use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::io::{Cursor, Write};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::core::docx::access::{
    attribute, escape_into, main_part, open, read_text, rels_name, resolve, tokenize, Group, Ids,
    LetterIds, Tok, TokKind, XmlPart,
};
use crate::core::docx::{sheet_html, DocxError, DocxTemplate, LetterHtml, LETTER_CSS};
use crate::core::letter::{MergeData, Warning};

/// A file to download or to put in a zip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutputError {
    /// A combined document needs at least one letter.
    NoLetters,
    /// Letter number `index` (0-based) cannot be read.
    Letter { index: usize, error: DocxError },
    /// Letter number `index` does not come from the same document as the first letter and uses
    /// images or links, whose relationships only its own package holds.
    Incompatible { index: usize },
    /// Writing the zip failed (not expected for in-memory output).
    Write { reason: String },
}

impl OutputError {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            OutputError::NoLetters => ProblemCode::OutputNoLetters,
            OutputError::Letter { .. } => ProblemCode::OutputUnreadableLetter,
            OutputError::Incompatible { .. } => ProblemCode::OutputIncompatibleLetters,
            OutputError::Write { .. } => ProblemCode::OutputWriteFailed,
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::NoLetters => write!(f, "there are no letters to combine"),
            OutputError::Letter { index, error } => write!(f, "letter {}: {error}", index + 1),
            OutputError::Incompatible { index } => write!(
                f,
                "letter {} comes from another document and cannot be combined with the first",
                index + 1
            ),
            OutputError::Write { reason } => write!(f, "cannot write the file: {reason}"),
        }
    }
}

impl std::error::Error for OutputError {}

fn write_error(error: impl fmt::Display) -> OutputError {
    OutputError::Write {
        reason: error.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// File names

/// Characters that some file system (Windows, mostly) refuses in a file name.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
/// Names Windows reserves for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];
/// Longest stem, in characters: with the extension and a " (123)" suffix the name stays far
/// below every file system's 255-byte limit, and paths stay short for Windows' Explorer.
const MAX_STEM_CHARS: usize = 100;

/// Whether a character must never appear in a file name the app builds: control characters,
/// the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which
/// make `Invoice<U+202E>fdp.exe` display as `Invoiceexe.pdf` (issue 14), and the invisible
/// zero-width characters and byte-order mark, which make two names look the same.
fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'..='\u{200F}'
                | '\u{061C}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
        )
}

/// A download name without the characters [`is_hidden_control`] names. Used on names that
/// were made earlier (letters stored by an older version) before they go into a zip.
pub fn without_hidden_controls(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !is_hidden_control(*c)).collect();
    if cleaned.trim().is_empty() {
        "letter".to_string()
    } else {
        cleaned
    }
}

/// A file name safe on every common file system, from any text: forbidden, control and
/// bidirectional control characters removed, white space collapsed, no leading or trailing dots and spaces, Windows
/// device names (`CON`, `NUL`…) avoided, and the stem cut to a sane length. An empty result
/// becomes `letter`.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !FORBIDDEN.contains(c) && !is_hidden_control(*c))
        .collect();
    let mut stem = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if stem.chars().count() > MAX_STEM_CHARS {
        stem = stem.chars().take(MAX_STEM_CHARS).collect();
    }
    let mut stem = stem
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    if stem.is_empty() {
        stem = "letter".to_string();
    }
    let device = stem.split('.').next().unwrap_or("").trim_end();
    if RESERVED
        .iter()
        .any(|reserved| reserved.eq_ignore_ascii_case(device))
    {
        stem.push('_');
    }
    let extension = extension.trim_start_matches('.');
    if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    }
}

/// The file name of one contact's letter, as Business Central names them (reference-bc.md
/// §4.3): `<Company> - <Contact>.docx` for a person at a company, `<Name>.docx` otherwise.
pub fn letter_file_name(company_name: &str, contact_name: &str, extension: &str) -> String {
    let (company, contact) = (company_name.trim(), contact_name.trim());
    let stem = if company.is_empty() || contact.is_empty() || company == contact {
        if contact.is_empty() {
            company.to_string()
        } else {
            contact.to_string()
        }
    } else {
        format!("{company} - {contact}")
    };
    safe_file_name(&stem, extension)
}

/// Makes names unique, ignoring case (Windows and macOS do): the second `A.docx` becomes
/// `A (2).docx`, the third `A (3).docx`, skipping names that are already taken.
pub fn unique_names<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let name = name.as_ref();
        let mut candidate = name.to_string();
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
            _ => (name, String::new()),
        };
        let mut number = 2;
        while taken.contains(&candidate.to_lowercase()) {
            candidate = format!("{stem} ({number}){extension}");
            number += 1;
        }
        taken.insert(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Zip files

fn zip_time(time: NaiveDateTime) -> zip::DateTime {
    u16::try_from(time.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                time.month() as u8,
                time.day() as u8,
                time.hour() as u8,
                time.minute() as u8,
                time.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// A deflated zip of the files, in the order given, with hidden control characters removed from
/// the names (see [`without_hidden_controls`]), names made unique (see [`unique_names`]) and
/// every entry dated `modified`.
pub fn zip_files(files: &[OutputFile], modified: NaiveDateTime) -> Result<Vec<u8>, OutputError> {
    let cleaned: Vec<String> = files
        .iter()
        .map(|f| without_hidden_controls(&f.name))
        .collect();
    let names = unique_names(&cleaned);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(modified));
    let size: usize = files
        .iter()
        .map(|f| f.bytes.len() + f.name.len() + 100)
        .sum();
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for (file, name) in files.iter().zip(names) {
        writer.start_file(name, options).map_err(write_error)?;
        writer.write_all(&file.bytes).map_err(write_error)?;
    }
    Ok(writer.finish().map_err(write_error)?.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Combined .docx

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

fn read_body(letter: &[u8], index: usize) -> Result<(Body, String, Option<String>), OutputError> {
    let fail = |error| OutputError::Letter { index, error };
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

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

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
) -> Result<HashMap<String, String>, OutputError> {
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
            return Err(OutputError::Incompatible { index });
        }
        let new_id = format!("rIdLetter{}{}", index + 1, rel.id);
        match rel.source.find(&rel.id) {
            Some(at) => {
                added.push_str(&rel.source[..at]);
                added.push_str(&new_id);
                added.push_str(&rel.source[at + rel.id.len()..]);
            }
            None => return Err(OutputError::Incompatible { index }),
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
pub fn combined_docx<L: AsRef<[u8]>>(letters: &[L]) -> Result<Vec<u8>, OutputError> {
    let first = letters.first().ok_or(OutputError::NoLetters)?.as_ref();
    let fail0 = |error| OutputError::Letter { index: 0, error };
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
        let fail = |error| OutputError::Letter { index, error };
        let incompatible = OutputError::Incompatible { index };
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
                return Err(OutputError::Incompatible { index });
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
                None => return Err(OutputError::Incompatible { index }),
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
            writer.raw_copy_file(entry).map_err(write_error)?;
            None
        };
        if let Some(text) = replacement {
            writer
                .start_file(name.as_str(), deflated)
                .map_err(write_error)?;
            writer.write_all(text.as_bytes()).map_err(write_error)?;
        }
    }
    for (name, text) in &added.parts {
        writer
            .start_file(name.as_str(), deflated)
            .map_err(write_error)?;
        writer.write_all(text.as_bytes()).map_err(write_error)?;
    }
    Ok(writer.finish().map_err(write_error)?.into_inner())
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
) -> Result<Vec<(String, String, &'static str)>, OutputError> {
    let Some(rels) = rels else {
        return Ok(Vec::new());
    };
    let fail = |error| OutputError::Letter { index, error };
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

// ---------------------------------------------------------------------------------------------
// Plain-text letter as .docx

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#;
const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#;
/// A4 with 25 mm margins.
const DOCUMENT_END: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#;

/// A minimal .docx whose paragraphs are the lines of a plain-text letter, tags left in place.
///
/// Merging it with [`DocxTemplate`] fills it exactly as an uploaded document would be filled, so a
/// plain-text letter and a Word letter behave the same (a block tag alone on its line removes its
/// paragraph, just as it removes its line in the plain text).
pub fn text_letter_template(src: &str) -> Vec<u8> {
    let mut document = String::with_capacity(src.len() * 2 + 1024);
    document.push_str(DOCUMENT_START);
    for line in src.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            document.push_str("<w:p/>");
            continue;
        }
        document.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        let mut pieces = line.split('\t');
        escape_into(&mut document, pieces.next().unwrap_or(""));
        for piece in pieces {
            document.push_str("</w:t><w:tab/><w:t xml:space=\"preserve\">");
            escape_into(&mut document, piece);
        }
        document.push_str("</w:t></w:r></w:p>");
    }
    document.push_str(DOCUMENT_END);

    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date keeps the skeleton identical from run to run (and core reads no clock).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", STYLES),
    ];
    for (name, content) in parts {
        // Writing to memory cannot fail; an error here would be a bug in the zip crate, and the
        // archive would then be rejected when it is parsed.
        let _ = writer.start_file(name, options);
        let _ = writer.write_all(content.as_bytes());
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// One contact's plain-text letter as a .docx. For many contacts, parse
/// [`text_letter_template`] once with [`DocxTemplate::parse`] and merge each.
pub fn text_letter_docx(src: &str, data: &MergeData) -> Result<(Vec<u8>, Vec<Warning>), DocxError> {
    DocxTemplate::parse(&text_letter_template(src))?.merge(data)
}

// ---------------------------------------------------------------------------------------------
// HTML: print view and e-mail bodies

fn escape_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// A letter's text as HTML paragraphs: blank lines separate paragraphs, single line breaks
/// become `<br>`. Every character of the text is escaped.
fn letter_html(out: &mut String, text: &str) {
    let normalised = text.replace("\r\n", "\n");
    for paragraph in normalised.split("\n\n") {
        if paragraph.trim().is_empty() {
            continue;
        }
        out.push_str("<p>");
        for (index, line) in paragraph.split('\n').enumerate() {
            if index > 0 {
                out.push_str("<br>\n");
            }
            escape_html(out, line);
        }
        out.push_str("</p>\n");
    }
}

/// An HTML document with one letter per printed page, for the browser's "print to PDF".
///
/// The letters are plain text (a plain-text letter rendered, or a Word letter's
/// [`crate::core::docx::body_text`]); all of it is escaped, and the page forbids scripts through
/// its content security policy as a second line of defence.
pub fn print_html<S: AsRef<str>>(title: &str, lang: &str, letters: &[S]) -> String {
    let mut out =
        String::with_capacity(letters.iter().map(|l| l.as_ref().len() + 64).sum::<usize>() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_html(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>");
    escape_html(&mut out, title);
    out.push_str("</title>\n<style>\n@page { size: A4; margin: 25mm; }\nbody { font-family: Calibri, Carlito, Arial, sans-serif; font-size: 11pt; line-height: 1.35; margin: 0; }\n.letter { break-after: page; page-break-after: always; }\n.letter:last-child { break-after: auto; page-break-after: auto; }\np { margin: 0 0 1em; }\n@media screen { .letter { max-width: 160mm; margin: 2em auto; padding: 25mm; box-shadow: 0 0 4px #999; } }\n</style>\n</head>\n<body>\n");
    for letter in letters {
        out.push_str("<article class=\"letter\">\n");
        letter_html(&mut out, letter.as_ref());
        out.push_str("</article>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// An HTML document with Word letters drawn from their own layout ([`letter_html`]), one sheet
/// per letter, each starting on a new printed page; the page size is the first letter's. The
/// fragments are escaped where they are made; scripts are forbidden by the page's content
/// security policy as a second line of defence, and images may only be `data:` URLs.
pub fn print_sheets(title: &str, lang: &str, letters: &[LetterHtml]) -> String {
    let page = letters.first().map(|l| l.page).unwrap_or_default();
    let mut out = String::with_capacity(
        letters
            .iter()
            .map(|l| l.body.len() + l.header.len() + l.footer.len() + l.notes.len() + 256)
            .sum::<usize>()
            + 2048,
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_html(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>");
    escape_html(&mut out, title);
    let _ = write!(
        out,
        "</title>\n<style>\n@page {{ size: {:.2}mm {:.2}mm; margin: 0; }}\nbody {{ margin: 0; font-family: Calibri, Carlito, Arial, sans-serif; font-size: 11pt; }}\n.sheet {{ break-after: page; page-break-after: always; }}\n.sheet:last-child {{ break-after: auto; page-break-after: auto; }}\n@media screen {{ body {{ background: #e8e8e8; padding: 8mm 0; }} .sheet {{ margin: 0 auto 8mm; box-shadow: 0 0 4px #888; }} }}\n{LETTER_CSS}</style>\n</head>\n<body>\n",
        page.width, page.height
    );
    for letter in letters {
        sheet_html(&mut out, letter);
        out.push('\n');
    }
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------------------------------------
// E-mail drafts

/// A file attached to an e-mail draft: the contact's letter as a Word document or a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// One e-mail draft for a contact (product.md §5: UTF-8, subject and HTML body, To: the contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailDraft {
    pub to_name: String,
    pub to_email: String,
    /// The sender, e.g. the salesperson; left out of the draft when the address is empty.
    pub from_name: String,
    pub from_email: String,
    pub subject: String,
    /// The message as plain text: sent as the `text/plain` alternative and, escaped into
    /// paragraphs, as the `text/html` one.
    pub body: String,
    /// The body's language, for the HTML `lang` attribute.
    pub lang: String,
    pub date: DateTime<FixedOffset>,
    /// The letter itself, when the user chose to attach it.
    pub attachment: Option<Attachment>,
}

use crate::core::base64::encode as base64;

/// Header text without line breaks or other control characters, which could otherwise add
/// headers of their own ("header injection").
fn header_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An address with nothing that could break out of `<…>` or the header.
fn header_address(address: &str) -> String {
    address
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !"<>()[],;:\"\\".contains(*c))
        .collect()
}

/// RFC 2047 encoded words for non-ASCII header text, each at most 64 characters and never
/// splitting a character, folded onto continuation lines.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 39 bytes make 52 base64 characters, 64 with the word's frame: a word fits a line
        // even after "Subject: " or ` name="` (78 characters at most, RFC 5322 §2.1.1).
        if chunk.len() + c.len_utf8() > 39 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

fn needs_encoding(text: &str) -> bool {
    !text.is_ascii() || text.contains("=?")
}

/// `"Name" <address>`, with the name encoded when it is not plain ASCII.
fn mailbox(name: &str, address: &str) -> String {
    let name = header_text(name);
    let address = header_address(address);
    if name.is_empty() {
        return format!("<{address}>");
    }
    if needs_encoding(&name) {
        return format!("{} <{address}>", encoded_words(&name));
    }
    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{quoted}\" <{address}>")
}

fn rfc5322_date(date: &DateTime<FixedOffset>) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let offset = date.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    format!(
        "{}, {} {} {} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year(),
        date.hour(),
        date.minute(),
        date.second(),
        offset / 3600,
        offset % 3600 / 60,
    )
}

/// Quoted-printable (RFC 2045) with CRLF line ends and lines of at most 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10 + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str("\r\n");
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let bytes = line.as_bytes();
        let mut width = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal =
                matches!(byte, 33..=60 | 62..=126) || (matches!(byte, b' ' | b'\t') && !last);
            let encoded = if literal {
                (byte as char).to_string()
            } else {
                format!("={byte:02X}")
            };
            // Leave room for the soft break's "=" so no line exceeds 76 characters.
            if width + encoded.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&encoded);
            width += encoded.len();
        }
    }
    out
}

/// A letter's text without the lines that hold `marker`, for an e-mail made from a letter: the
/// letter is merged with a marker in place of `{{mail_address}}`, and the marker's line is the
/// postal address block (product.md §5 via issue 13: an e-mail is not put in an envelope).
///
/// Only the marker's own line goes, not the lines around it up to a blank line: a Word letter
/// spaces its paragraphs by style rather than by empty paragraphs, so "the block" would often
/// take the date and the salutation with it. Blank lines left at the start, and a run of blank
/// lines left where the address was, are dropped too.
pub fn without_lines_containing(text: &str, marker: &str) -> String {
    let blank = |line: &str| line.trim().is_empty();
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines().filter(|line| !line.contains(marker)) {
        let repeated_blank = blank(line) && out.last().is_none_or(|last| blank(last));
        if !repeated_blank {
            out.push(line.trim_end());
        }
    }
    while out.last().is_some_and(|last| blank(last)) {
        out.pop();
    }
    out.join("\n")
}

/// The boundaries of the draft's multipart bodies. They begin with `=_`, which can occur
/// neither in quoted-printable text (a literal `=` is written `=3D`, and a soft line break is `=`
/// at a line's end) nor in base64, so no part's content can end a part early, whatever the
/// letter says.
const MIXED_BOUNDARY: &str = "=_segmentti-mixed";
const ALTERNATIVE_BOUNDARY: &str = "=_segmentti-alternative";

/// Percent-encoding of RFC 2231 parameter values (`attr-char` stays as it is).
fn rfc2231_encode(text: &str) -> Vec<String> {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
                c.to_string()
            } else {
                let mut buffer = [0; 4];
                c.encode_utf8(&mut buffer)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// The `name`/`filename` parameters of an attachment: a plain quoted name when it is ASCII,
/// else RFC 2231's `filename*0*=UTF-8''…` continuations (Thunderbird, Outlook, Apple Mail) with an
/// RFC 2047 `name=` beside them for older readers. Each continuation stays far below the
/// 78-character line length, and a character's bytes are never split across two of them.
fn file_name_parameters(name: &str) -> (String, String) {
    let name = header_text(&without_hidden_controls(name));
    if name.is_ascii() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        return (
            format!("name=\"{quoted}\""),
            format!("filename=\"{quoted}\""),
        );
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for encoded in rfc2231_encode(&name) {
        if piece.len() + encoded.len() > 48 {
            pieces.push(std::mem::take(&mut piece));
        }
        piece.push_str(&encoded);
    }
    pieces.push(piece);
    let filename = pieces
        .iter()
        .enumerate()
        .map(|(index, piece)| {
            let charset = if index == 0 { "UTF-8''" } else { "" };
            format!("filename*{index}*={charset}{piece}")
        })
        .collect::<Vec<_>>()
        .join(";\r\n ");
    (format!("name=\"{}\"", encoded_words(&name)), filename)
}

/// base64 in lines of 76 characters (RFC 2045).
fn base64_lines(bytes: &[u8]) -> String {
    let encoded = base64(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 76 * 2 + 2);
    for (index, line) in encoded.as_bytes().chunks(76).enumerate() {
        if index > 0 {
            out.push_str("\r\n");
        }
        // base64's alphabet is ASCII, so every chunk is valid UTF-8.
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
    }
    out
}

/// The HTML alternative of a draft's body: the text in escaped paragraphs.
fn email_html(subject: &str, lang: &str, body: &str) -> String {
    let mut html = String::with_capacity(body.len() * 2 + 256);
    html.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_html(&mut html, lang);
    html.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape_html(&mut html, subject);
    html.push_str("</title>\n</head>\n<body style=\"font-family: Calibri, Arial, sans-serif; font-size: 11pt;\">\n");
    letter_html(&mut html, body);
    html.push_str("</body>\n</html>\n");
    html
}

/// Folds a header's value at spaces so that no line is longer than 78 characters (RFC 5322
/// §2.1.1); a word longer than that stays whole on its own line (the limit is a "should").
fn fold(name: &str, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    let mut width = name.len() + 2;
    for (index, word) in value.split(' ').enumerate() {
        if index > 0 {
            if width + 1 + word.len() > 78 {
                out.push_str("\r\n ");
                width = 1;
            } else {
                out.push(' ');
                width += 1;
            }
        }
        out.push_str(word);
        width += word.len();
    }
    out
}

/// An .eml draft (RFC 5322 and MIME, CRLF line ends) that Outlook opens as an unsent message
/// (`X-Unsent: 1`) and Thunderbird as a message to edit or send.
///
/// The body is `multipart/alternative` (the text as `text/plain`, and as `text/html` for the
/// mail programs that show that one); with an attachment it is the first part of a
/// `multipart/mixed` whose second part is the letter. Header values are stripped of control
/// characters, so a name or address carrying CR/LF cannot add headers of its own, and non-ASCII
/// text is written as RFC 2047 encoded words.
pub fn eml(draft: &EmailDraft) -> Vec<u8> {
    let subject = header_text(&draft.subject);
    let html = email_html(&subject, &draft.lang, &draft.body);
    let size = draft.body.len() * 3
        + draft
            .attachment
            .as_ref()
            .map_or(0, |a| a.bytes.len() * 4 / 3);
    let mut out = String::with_capacity(size + 1024);
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    };
    header("Date", &rfc5322_date(&draft.date));
    if !header_address(&draft.from_email).is_empty() {
        header("From", &mailbox(&draft.from_name, &draft.from_email));
    }
    header("To", &mailbox(&draft.to_name, &draft.to_email));
    let subject = if needs_encoding(&subject) {
        encoded_words(&subject)
    } else {
        fold("Subject", &subject)
    };
    header("Subject", &subject);
    header("MIME-Version", "1.0");
    header("X-Unsent", "1");
    if draft.attachment.is_some() {
        header(
            "Content-Type",
            &format!("multipart/mixed; boundary=\"{MIXED_BOUNDARY}\""),
        );
        out.push_str("\r\n");
        out.push_str("--");
        out.push_str(MIXED_BOUNDARY);
        out.push_str("\r\n");
    }
    out.push_str(&format!(
        "Content-Type: multipart/alternative; boundary=\"{ALTERNATIVE_BOUNDARY}\"\r\n\r\n"
    ));
    for (mime, content) in [("text/plain", draft.body.as_str()), ("text/html", &html)] {
        out.push_str("--");
        out.push_str(ALTERNATIVE_BOUNDARY);
        out.push_str("\r\nContent-Type: ");
        out.push_str(mime);
        out.push_str("; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        out.push_str(&quoted_printable(content));
        out.push_str("\r\n");
    }
    out.push_str("--");
    out.push_str(ALTERNATIVE_BOUNDARY);
    out.push_str("--\r\n");
    if let Some(attachment) = &draft.attachment {
        let (name, filename) = file_name_parameters(&attachment.file_name);
        let mime = header_address(&attachment.mime);
        out.push_str("--");
        out.push_str(MIXED_BOUNDARY);
        out.push_str(&format!(
            "\r\nContent-Type:\r\n {mime};\r\n {name}\r\nContent-Disposition: attachment;\r\n {filename}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        ));
        out.push_str(&base64_lines(&attachment.bytes));
        out.push_str("\r\n--");
        out.push_str(MIXED_BOUNDARY);
        out.push_str("--\r\n");
    }
    out.into_bytes()
}

/// A zip of .eml drafts, each named after its stem (see [`letter_file_name`]).
pub fn eml_zip(
    drafts: &[(String, EmailDraft)],
    modified: NaiveDateTime,
) -> Result<Vec<u8>, OutputError> {
    let files: Vec<OutputFile> = drafts
        .iter()
        .map(|(stem, draft)| OutputFile {
            name: safe_file_name(stem, "eml"),
            bytes: eml(draft),
        })
        .collect();
    zip_files(&files, modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(
            safe_file_name("Oy <Ab>: \"A/B\" | C?*", "docx"),
            "Oy Ab AB C.docx"
        );
        assert_eq!(safe_file_name("  ..hidden. . ", "docx"), "hidden.docx");
        assert_eq!(safe_file_name("CON", "docx"), "CON_.docx");
        assert_eq!(safe_file_name("nul.txt", "eml"), "nul.txt_.eml");
        assert_eq!(safe_file_name("Tab\there\u{7}", ".docx"), "Tab here.docx");
        assert_eq!(safe_file_name("///", "docx"), "letter.docx");
        assert_eq!(
            safe_file_name(&"ä".repeat(300), "docx").chars().count(),
            105
        );
        assert_eq!(
            safe_file_name("Äänekosken Kalusto", ""),
            "Äänekosken Kalusto"
        );
    }

    #[test]
    fn letter_names_follow_business_central() {
        assert_eq!(
            letter_file_name("Kalusto Oy", "Aino Virtanen", "docx"),
            "Kalusto Oy - Aino Virtanen.docx"
        );
        assert_eq!(
            letter_file_name("", "Aino Virtanen", "docx"),
            "Aino Virtanen.docx"
        );
        assert_eq!(
            letter_file_name("Kalusto Oy", "Kalusto Oy", "docx"),
            "Kalusto Oy.docx"
        );
        assert_eq!(letter_file_name("Kalusto Oy", "", "pdf"), "Kalusto Oy.pdf");
    }

    #[test]
    fn duplicate_names_get_a_number() {
        assert_eq!(
            unique_names(&["A.docx", "a.docx", "A (2).docx", "A.docx", "B"]),
            vec!["A.docx", "a (2).docx", "A (2) (2).docx", "A (3).docx", "B"]
        );
    }

    #[test]
    fn base64_and_quoted_printable_encode_by_the_book() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(quoted_printable("a=b ä \nx "), "a=3Db =C3=A4=20\r\nx=20");
        let long = quoted_printable(&"é".repeat(40));
        assert!(long.split("\r\n").all(|line| line.len() <= 76), "{long}");
    }

    #[test]
    fn headers_encode_names_and_resist_injection() {
        assert_eq!(
            mailbox("Aino \"A\" V", "aino@example.com"),
            "\"Aino \\\"A\\\" V\" <aino@example.com>"
        );
        assert_eq!(
            mailbox("Äinö", "a@example.com"),
            "=?UTF-8?B?w4RpbsO2?= <a@example.com>"
        );
        assert_eq!(
            mailbox("x\r\nBcc: evil@example.com", "a@example.com>\r\nBcc: b"),
            "\"x Bcc: evil@example.com\" <a@example.comBccb>"
        );
        let words = encoded_words(&"ä".repeat(50));
        assert!(words.split("\r\n ").all(|w| w.len() <= 75));
    }

    #[test]
    fn dates_are_rfc_5322() {
        let date = DateTime::parse_from_rfc3339("2026-11-26T09:05:00+02:00").unwrap();
        assert_eq!(rfc5322_date(&date), "Thu, 26 Nov 2026 09:05:00 +0200");
    }
}
