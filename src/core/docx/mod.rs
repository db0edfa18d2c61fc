//! Filling uploaded Word documents (product.md §5 "Your own Word document").
//!
//! A .docx is a zip of XML parts. [`DocxTemplate::parse`] reads one once: it finds `{{tags}}`
//! (also when Word split them across runs) and classic `MERGEFIELD`s in the body, headers,
//! footers, footnotes and endnotes (text boxes live in those parts too), reports what it found
//! and every problem with its part and paragraph, and pre-splits each of those parts into
//! literal XML and holes. [`DocxTemplate::merge`] then produces one letter by filling the holes;
//! that is string concatenation plus deflate, so a thousand letters take well under a second.
//!
//! Everything not filled is copied byte for byte: parts without tags are copied still compressed,
//! and inside a filled part only the tags' own text changes (the formatting of the run a tag
//! starts in is kept). The one other change is the removal of Word's mail-merge data source
//! (`w:mailMerge` in the settings and its relationships), which would otherwise make Word ask
//! for a file on the author's machine when the letter is opened.
//!
//! Everything else that takes a Word package apart or puts one together lives here too, so that
//! no other module reads parts, relationships or ids: [`combine`] makes one document of many
//! letters (`combine.rs`), and [`text_letter_template`] writes the skeleton a plain-text letter is
//! filled in (`text_letter.rs`). The rest of the core gets bytes and errors from this module's
//! public functions.

mod combine;
mod fields;
mod html;
mod links;
mod package;
mod part;
mod renumber;
mod text_letter;
mod xml;

use crate::core::problem::ProblemCode;
use std::collections::BTreeSet;
use std::fmt;
use std::io::{Cursor, Write};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::core::letter::{DiagnosticKind, MergeData, Warning, Warnings};

pub use combine::{combine, CombineError};
pub use fields::word_field_to_ours;
pub use html::layout;
pub use html::{escape_html, letter_html, sheet_html, LetterHtml, PageLayout, LETTER_CSS};
use part::FillablePart;
pub use text_letter::{text_letter_docx, text_letter_template};

/// Why a .docx cannot be read or written. Each variant names the part it is about, so the user
/// can be told what is wrong with the file rather than only that something is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocxError {
    /// The file is not a zip archive (e.g. an old binary .doc, or a PDF renamed .docx).
    NotAZip { reason: String },
    /// A part the document cannot do without is missing (usually `word/document.xml`).
    MissingPart { part: String },
    /// A part cannot be unpacked (damaged, encrypted, or an unsupported compression method).
    UnreadablePart { part: String, reason: String },
    /// A part unpacks to more than the limit.
    PartTooLarge { part: String, limit: u64 },
    /// An XML part is not UTF-8.
    NotUtf8 { part: String },
    /// An XML part is not well-formed; `offset` is a byte offset in the unpacked part.
    BrokenXml {
        part: String,
        offset: u64,
        reason: String,
    },
    /// Writing the output zip failed (not expected for in-memory output).
    Write { reason: String },
}

impl DocxError {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            DocxError::NotAZip { .. } => ProblemCode::DocxNotAZip,
            DocxError::MissingPart { .. } => ProblemCode::DocxMissingPart,
            DocxError::UnreadablePart { .. } => ProblemCode::DocxUnreadablePart,
            DocxError::PartTooLarge { .. } => ProblemCode::DocxPartTooLarge,
            DocxError::NotUtf8 { .. } => ProblemCode::DocxNotUtf8,
            DocxError::BrokenXml { .. } => ProblemCode::DocxBrokenXml,
            DocxError::Write { .. } => ProblemCode::DocxWriteFailed,
        }
    }

    /// The part the error is about, if any.
    pub fn part(&self) -> Option<&str> {
        match self {
            DocxError::MissingPart { part }
            | DocxError::UnreadablePart { part, .. }
            | DocxError::PartTooLarge { part, .. }
            | DocxError::NotUtf8 { part }
            | DocxError::BrokenXml { part, .. } => Some(part),
            DocxError::NotAZip { .. } | DocxError::Write { .. } => None,
        }
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotAZip { reason } => write!(f, "not a .docx (zip) file: {reason}"),
            DocxError::MissingPart { part } => write!(f, "the document has no part {part}"),
            DocxError::UnreadablePart { part, reason } => {
                write!(f, "cannot unpack {part}: {reason}")
            }
            DocxError::PartTooLarge { part, limit } => {
                write!(f, "{part} unpacks to more than {limit} bytes")
            }
            DocxError::NotUtf8 { part } => write!(f, "{part} is not UTF-8 text"),
            DocxError::BrokenXml {
                part,
                offset,
                reason,
            } => write!(
                f,
                "{part} is not well-formed XML at byte {offset}: {reason}"
            ),
            DocxError::Write { reason } => write!(f, "cannot write the document: {reason}"),
        }
    }
}

impl std::error::Error for DocxError {}

pub(crate) fn write_error(error: impl fmt::Display) -> DocxError {
    DocxError::Write {
        reason: error.to_string(),
    }
}

/// Where a tag or problem is in a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The part's name in the package, e.g. `word/document.xml`, `word/header1.xml`.
    pub part: String,
    /// 1-based number of the paragraph in the part, counting every paragraph in document order
    /// (table cells and text boxes included).
    pub paragraph: usize,
    /// 1-based character position in the paragraph's text.
    pub column: usize,
}

/// A tag or merge field found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundTag {
    pub location: Location,
    /// The tag as the user wrote it (`{{first_name}}`), or `«Name»` for a merge field.
    pub text: String,
    pub kind: FoundTagKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FoundTagKind {
    Field {
        name: String,
    },
    If {
        field: String,
    },
    Else,
    EndIf,
    /// A tag that is reported as a problem and prints nothing (`{{}}`, `{{#each x}}`).
    Invalid,
    /// A Word `MERGEFIELD` (or `ADDRESSBLOCK` / `GREETINGLINE`), with the field it maps to.
    MergeField {
        word_name: String,
        field: Option<String>,
    },
}

/// Why a tag or field cannot be merged even though it is written correctly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CannotMerge {
    /// `{{#if}}` and its `{{else}}`/`{{/if}}` are in different containers, e.g. two table cells
    /// or a text box and the body: removing what lies between would break the table.
    BlockAcrossContainers,
    /// A merge field inside another field (Word's `IF` field): Word computes the outer field
    /// from the inner one, which a plain replacement cannot do.
    NestedMergeField,
    /// A merge field whose begin and end are in different paragraphs.
    FieldAcrossParagraphs,
    /// A merge field that begins inside an element (a hyperlink, a content control) and ends
    /// outside it.
    FieldAcrossElements,
    /// A merge field whose field characters are not inside runs.
    FieldOutsideRun,
    /// A block tag (`{{#if}}`, `{{else}}`, `{{/if}}`) in a link target or field instruction,
    /// where there is no text to keep or remove.
    BlockInLink,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// A problem of the letter language itself: unknown field, unbalanced block, …
    Letter(DiagnosticKind),
    /// A Word merge field whose name matches none of ours.
    UnknownMergeField {
        name: String,
    },
    CannotMerge {
        reason: CannotMerge,
    },
}

impl ProblemKind {
    /// Stable identifier for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            ProblemKind::Letter(kind) => kind.code(),
            ProblemKind::UnknownMergeField { .. } => ProblemCode::DocxUnknownMergeField,
            ProblemKind::CannotMerge { reason } => match reason {
                CannotMerge::BlockAcrossContainers => {
                    ProblemCode::DocxCannotMergeBlockAcrossContainers
                }
                CannotMerge::NestedMergeField => ProblemCode::DocxCannotMergeNestedMergeField,
                CannotMerge::FieldAcrossParagraphs => {
                    ProblemCode::DocxCannotMergeFieldAcrossParagraphs
                }
                CannotMerge::FieldAcrossElements => ProblemCode::DocxCannotMergeFieldAcrossElements,
                CannotMerge::FieldOutsideRun => ProblemCode::DocxCannotMergeFieldOutsideRun,
                CannotMerge::BlockInLink => ProblemCode::DocxCannotMergeBlockInLink,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateProblem {
    pub location: Location,
    pub kind: ProblemKind,
}

impl TemplateProblem {
    pub fn code(&self) -> ProblemCode {
        self.kind.code()
    }
}

/// What [`check_template`] found: every tag and merge field, and every problem, each with its
/// part and paragraph. The main document comes first, then the other parts in package order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TemplateReport {
    pub tags: Vec<FoundTag>,
    pub problems: Vec<TemplateProblem>,
}

impl TemplateReport {
    /// Whether letters can be merged: no problems at all.
    pub fn is_mergeable(&self) -> bool {
        self.problems.is_empty()
    }

    /// The fields the document prints (conditions only tested by `#if` are not included): the
    /// fields a contact needs values for.
    pub fn fields(&self) -> BTreeSet<String> {
        self.tags
            .iter()
            .filter_map(|tag| match &tag.kind {
                FoundTagKind::Field { name } => Some(name.clone()),
                FoundTagKind::MergeField { field, .. } => field.clone(),
                _ => None,
            })
            .collect()
    }
}

/// What happens to one zip entry in every merged letter.
#[derive(Debug, Clone, PartialEq)]
enum Action {
    /// Copied still compressed, byte for byte.
    Copy,
    /// Replaced by the same new content in every letter (cleaned-up settings).
    Fixed(Vec<u8>),
    /// Filled per letter.
    Fill(FillablePart),
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    modified: Option<zip::DateTime>,
    action: Action,
}

/// The uploaded document's bytes. Shared, because every merged letter copies its untouched
/// entries from them; printed by length only.
#[derive(Clone, PartialEq)]
struct Source(Arc<[u8]>);

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Source({} bytes)", self.0.len())
    }
}

/// A Word document parsed once and ready to be merged any number of times.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxTemplate {
    source: Source,
    entries: Vec<Entry>,
    main_part: String,
    report: TemplateReport,
}

impl DocxTemplate {
    /// Reads a .docx: finds its tags and merge fields and prepares every part for merging.
    /// Problems in the letter (unknown fields, unbalanced blocks…) are in [`Self::report`];
    /// only a file that cannot be read at all is an error.
    pub fn parse(bytes: &[u8]) -> Result<DocxTemplate, DocxError> {
        let mut archive = package::open(bytes)?;
        let names = package::entry_names(&archive);
        let main_part = package::main_part(&mut archive)?;
        if !names.contains(&main_part) {
            return Err(DocxError::MissingPart { part: main_part });
        }

        // The parts that can hold text: the main document and the parts it links to.
        let mut fillable = vec![main_part.clone()];
        let mut settings = None;
        let main_rels = package::rels_name(&main_part);
        if names.contains(&main_rels) {
            let src = package::read_text(&mut archive, &main_rels)?;
            for rel in package::relationships(&main_rels, &src, &main_part)? {
                let text_part = ["header", "footer", "footnotes", "endnotes"]
                    .iter()
                    .any(|kind| rel.is(kind));
                if text_part && names.contains(&rel.target) && !fillable.contains(&rel.target) {
                    fillable.push(rel.target);
                } else if rel.is("settings") && names.contains(&rel.target) {
                    settings = Some(rel.target);
                }
            }
        }
        let settings_rels = settings.as_deref().map(package::rels_name);

        let mut report = TemplateReport::default();
        let mut fills = Vec::new();
        for name in &fillable {
            let src = package::read_text(&mut archive, name)?;
            let analysis = part::analyse(name, &src)?;
            report.tags.extend(analysis.tags);
            report.problems.extend(analysis.problems);
            fills.push((name.clone(), analysis.part));
            // Link targets with fields (`mailto:{{email}}`) live in the part's relationships.
            let rels = package::rels_name(name);
            if names.contains(&rels) && !fills.iter().any(|(known, _)| *known == rels) {
                let src = package::read_text(&mut archive, &rels)?;
                if src.contains("{{") {
                    let analysis = part::analyse_rels(&rels, &src)?;
                    report.tags.extend(analysis.tags);
                    report.problems.extend(analysis.problems);
                    fills.push((rels, analysis.part));
                }
            }
        }

        let mut entries = Vec::with_capacity(names.len());
        for (index, name) in names.iter().enumerate() {
            let modified = archive
                .by_index_raw(index)
                .ok()
                .and_then(|entry| entry.last_modified());
            let mut action = Action::Copy;
            if let Some((_, part)) = fills.iter_mut().find(|(fill, _)| fill == name) {
                if let Some(part) = part.take() {
                    action = Action::Fill(part);
                }
            } else if Some(name) == settings.as_ref() {
                let src = package::read_text(&mut archive, name)?;
                if let Some(clean) = package::settings_without_mail_merge(name, &src)? {
                    action = Action::Fixed(clean.into_bytes());
                }
            } else if Some(name) == settings_rels.as_ref() {
                let src = package::read_text(&mut archive, name)?;
                let owner = settings.as_deref().unwrap_or_default();
                if let Some(clean) = package::rels_without_mail_merge(name, &src, owner)? {
                    action = Action::Fixed(clean.into_bytes());
                }
            }
            entries.push(Entry {
                name: name.clone(),
                modified,
                action,
            });
        }
        Ok(DocxTemplate {
            source: Source(Arc::from(bytes)),
            entries,
            main_part,
            report,
        })
    }

    /// The tags, merge fields and problems found when the document was parsed.
    pub fn report(&self) -> &TemplateReport {
        &self.report
    }

    /// The name of the main document part (almost always `word/document.xml`).
    pub fn main_part(&self) -> &str {
        &self.main_part
    }

    /// Produces one letter: the document with every tag and merge field filled from `data`.
    /// A field without a value prints nothing and adds a warning. Tags the report lists as
    /// problems print nothing (their text is removed), so the letter never shows raw `{{…}}`.
    pub fn merge(&self, data: &MergeData) -> Result<(Vec<u8>, Vec<Warning>), DocxError> {
        let mut warnings = Warnings::default();
        let mut archive = package::open(&self.source.0)?;
        let capacity = self.source.0.len() + 4096;
        let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
        for (index, entry) in self.entries.iter().enumerate() {
            match &entry.action {
                Action::Copy => {
                    let raw =
                        archive
                            .by_index_raw(index)
                            .map_err(|e| DocxError::UnreadablePart {
                                part: entry.name.clone(),
                                reason: e.to_string(),
                            })?;
                    writer.raw_copy_file(raw).map_err(write_error)?;
                }
                Action::Fixed(bytes) => write_entry(&mut writer, entry, bytes)?,
                Action::Fill(part) => {
                    let xml = part.render(data, &mut warnings);
                    write_entry(&mut writer, entry, xml.as_bytes())?;
                }
            }
        }
        let cursor = writer.finish().map_err(write_error)?;
        Ok((cursor.into_inner(), warnings.into_vec()))
    }
}

fn write_entry(
    writer: &mut ZipWriter<Cursor<Vec<u8>>>,
    entry: &Entry,
    bytes: &[u8],
) -> Result<(), DocxError> {
    let mut options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    if let Some(modified) = entry.modified {
        options = options.last_modified_time(modified);
    }
    writer
        .start_file(entry.name.as_str(), options)
        .map_err(write_error)?;
    writer.write_all(bytes).map_err(write_error)
}

/// Checks an uploaded document before any letter is merged: every tag and merge field, unknown
/// fields, unbalanced blocks, and what cannot be merged, each with its part and paragraph.
pub fn check_template(docx: &[u8]) -> Result<TemplateReport, DocxError> {
    DocxTemplate::parse(docx).map(|template| template.report)
}

/// Merges one letter from document bytes. To merge many letters, parse once with
/// [`DocxTemplate::parse`] and call [`DocxTemplate::merge`] for each.
pub fn merge(docx: &[u8], data: &MergeData) -> Result<(Vec<u8>, Vec<Warning>), DocxError> {
    DocxTemplate::parse(docx)?.merge(data)
}

/// The text of each paragraph of one part of a document (`w:br` as a line break, `w:tab` as a
/// tab), for previews, print views and e-mail bodies made from a Word letter.
pub fn paragraph_texts(docx: &[u8], part: &str) -> Result<Vec<String>, DocxError> {
    let mut archive = package::open(docx)?;
    let src = package::read_text(&mut archive, part)?;
    part::paragraph_texts(part, &src)
}

/// The text of the main document: its paragraphs, one per line.
pub fn body_text(docx: &[u8]) -> Result<String, DocxError> {
    let mut archive = package::open(docx)?;
    let main = package::main_part(&mut archive)?;
    let src = package::read_text(&mut archive, &main)?;
    Ok(part::paragraph_texts(&main, &src)?.join("\n"))
}

/// The main document's paragraphs, each one's text as [`paragraph_texts`] gives it.
pub fn body_paragraphs(docx: &[u8]) -> Result<Vec<String>, DocxError> {
    let mut archive = package::open(docx)?;
    let main = package::main_part(&mut archive)?;
    let src = package::read_text(&mut archive, &main)?;
    part::paragraph_texts(&main, &src)
}

// The docx tests use proptest, which is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
