//! Producing a segment's letters (product.md §5, reference-bc.md §4): which letter each line
//! gets, the check of those letters before anything is merged, the merge itself for every line,
//! the preview of one contact's letter, and thin wrappers that turn produced letters into the
//! downloads of [`crate::core::output`].
//!
//! # Which letter a line gets
//!
//! As reference-bc.md §4.1 picks the merge source: the line's own edited copy
//! ([`SegmentLine::letter`]), else the segment's own copy ([`Segment::letter`]), else the letter of
//! the line's template in the line's language ([`InteractionTemplate::letter_for`]), else none.
//! A line without a letter is logged without one.
//!
//! # What is produced
//!
//! Every letter is a Word document: a plain-text letter is first turned into a minimal .docx
//! skeleton ([`docx::text_letter_template`]) so that it is filled by the same code as an
//! uploaded document and the two behave alike. Each distinct letter is parsed once per call (a
//! template's letter is shared by all its lines), so ten thousand lines cost ten thousand merges
//! and one parse.
//!
//! A line whose correspondence type is e-mail gets an .eml draft *instead of* the .docx. When
//! the line's template has an e-mail in the letter's language ([`email_for_line`]), its subject
//! and body are merged for the contact like a letter; without its own body the draft's body is
//! the letter's text without its postal address, without its own subject the line's subject,
//! else the letter's (plain text and HTML alternatives). The letter itself is attached as the
//! template's e-mail chooses, or as the user chose for the whole download ([`EmailAttachment`]):
//! as a .docx, as a PDF (a letter written in the letter language laid out as a business letter,
//! a Word letter from its own layout, see [`crate::core::pdf::word`]), or not at all. To: the contact, From: the salesperson (else
//! our company).
//!
//! A PDF is not made here: the PDF writer runs in the web worker (`crate::jobs`), away from the
//! page's module. Such a draft is produced without its attachment and listed in
//! [`Produced::awaiting_pdf`]; the caller has the PDFs made and hands them to
//! [`Produced::attach_pdfs`], which writes the drafts again with them. That draft is what the contact receives, and reference-bc.md §4.3 keeps
//! "exactly what the contact received" on the entry, so the draft is the letter that is logged.
//! Hard-copy lines and lines without a type get the .docx.
//!
//! # Problems
//!
//! Letter errors (unknown fields, unbalanced blocks, tags Word split in a way that cannot be
//! merged, unreadable documents) are reported once per letter: at `Place::Record` for a letter
//! shared by the segment, at `Place::Line { field: Some("letter") }` for a line's own copy. Their
//! arguments are, in order: where the letter comes from ([`LetterOrigin::label`]), where in the
//! letter the problem is (`line:column` in a plain-text letter, `part:paragraph:column` in a Word
//! document, e.g. `word/document.xml:6:12`), then the values the diagnostic itself names (the
//! field and a suggestion, the block keyword…). Nothing is merged while any of them remains.
//!
//! Per-contact warnings are at `Place::Line { field: Some("letter") }`: `letter.missing_value`
//! naming the field, or `letter.salutation_missing` (field, salutation code, language, kind) when
//! the field that has no value is a salutation whose formula is not set up. These are the
//! problems the UI hands to `Db::check_before_logging` and `Db::log_segment`.

use crate::core::problem::ProblemCode;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime};

use crate::core::db::{Db, Edition};
use crate::core::docx::{self, DocxError, DocxTemplate, FoundTag, FoundTagKind, ProblemKind};
use crate::core::ids::{Code, SegmentId};
use crate::core::letter::fields::SALUTATION_MISSING;
use crate::core::letter::{self, merge_data, MergeData, Warning, Warnings};
pub use crate::core::model::EmailAttachment;
use crate::core::model::{
    Contact, CorrespondenceType, LetterBody, Segment, SegmentLine, StoredLetter, TemplateEmail,
    TemplateLetter,
};
use crate::core::output::{self, Attachment, EmailDraft, OutputError, OutputFile};
use crate::core::pdf::{PdfLetter, PdfSource};
use crate::core::problem::{Place, Problem, Problems};

/// The media type of a Word document.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// The media type of an e-mail message (an .eml draft).
pub const EML_MIME: &str = "message/rfc822";
/// The media type of a PDF (an e-mail's attached letter).
pub const PDF_MIME: &str = "application/pdf";

/// What is the same for every e-mail draft of one call: its date and what it carries.
#[derive(Debug, Clone, Copy)]
struct DraftOptions<'a> {
    now: DateTime<FixedOffset>,
    /// The user's choice for every draft of this call; `None` leaves it to each template's
    /// e-mail (a draft without one attaches the .docx, as drafts always did).
    attachment: Option<EmailAttachment>,
    /// The return line of a PDF attachment (our company), made once per call.
    sender: &'a str,
}

/// Stands for `{{mail_address}}` while an e-mail's text is made, so that the address block can
/// be found and left out (see [`output::without_lines_containing`]). Private-use characters do
/// not occur in addresses, and the whole marker never in a letter.
const ADDRESS_MARKER: &str = "\u{E000}segmentti:mail_address\u{E000}";

/// Where a line's letter comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LetterOrigin {
    /// The line's own edited copy; the number is the line's.
    Line(u32),
    /// The segment's own copy of its letter.
    Segment,
    /// A template's letter: the template code and the letter's language (empty for the default).
    Template { code: Code, language: String },
}

impl LetterOrigin {
    /// A short, stable text naming the origin, the first argument of every letter problem:
    /// `line`, `segment`, or `template:CODE:LANGUAGE` (`template:SPRING:fi`, `template:SPRING:`).
    pub fn label(&self) -> String {
        match self {
            LetterOrigin::Line(_) => "line".to_string(),
            LetterOrigin::Segment => "segment".to_string(),
            LetterOrigin::Template { code, language } => format!("template:{code}:{language}"),
        }
    }

    /// Where this letter's own problems (unknown fields, unreadable document…) are reported.
    fn place(&self) -> Place {
        match self {
            LetterOrigin::Line(line_no) => letter_place(*line_no),
            LetterOrigin::Segment | LetterOrigin::Template { .. } => Place::Record,
        }
    }
}

/// Where a line's e-mail subject and body come from: a template's e-mail in one language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EmailOrigin {
    pub code: Code,
    pub language: String,
}

impl EmailOrigin {
    /// The first argument of the e-mail's problems, as [`LetterOrigin::label`] is for a
    /// letter's: `email:CODE:LANGUAGE` (`email:SPRING:fi`).
    pub fn label(&self) -> String {
        format!("email:{}:{}", self.code, self.language)
    }
}

/// The e-mail a line gets from its template: the one in the language of the letter the template
/// gives this line ([`InteractionTemplate::letter_for`]), so that the e-mail and the letter it
/// carries are in one language. A line whose letter is its own or the segment's copy still
/// takes its template's e-mail. `None` when the template has no e-mail for that language.
///
/// [`InteractionTemplate::letter_for`]: crate::core::model::InteractionTemplate::letter_for
pub fn email_for_line<'a>(
    db: &'a Db,
    line: &SegmentLine,
) -> Option<(EmailOrigin, &'a TemplateEmail)> {
    let template = line
        .template
        .as_ref()
        .and_then(|code| db.templates.get(code))?;
    let language = template
        .letter_for(&line.language)
        .map_or(line.language.as_str(), |letter| letter.language.as_str());
    let email = template.email_for(language)?;
    Some((
        EmailOrigin {
            code: template.code.clone(),
            language: email.language.clone(),
        },
        email,
    ))
}

/// A template's e-mail read once: its subject and body parsed, and their errors (unknown
/// fields, unbalanced blocks) at the record, positioned `subject:line:column` or
/// `body:line:column`. An empty subject or body is `None`: the letter's is used instead.
struct PreparedEmail {
    problems: Vec<Problem>,
    subject: Option<letter::Template>,
    body: Option<letter::Template>,
    attachment: EmailAttachment,
}

impl PreparedEmail {
    fn new(origin: &EmailOrigin, email: &TemplateEmail) -> PreparedEmail {
        let mut problems = Vec::new();
        let mut parse = |part: &str, src: &str| {
            if src.trim().is_empty() {
                return None;
            }
            let (template, diagnostics) = letter::parse(src);
            problems.extend(diagnostics.iter().map(|d| {
                let mut problem = Problem::error(Place::Record, d.code())
                    .with(origin.label())
                    .with(format!("{part}:{}:{}", d.position.line, d.position.column));
                problem.args.extend(d.kind.args());
                problem
            }));
            Some(template)
        };
        let subject = parse("subject", &email.subject);
        let body = parse("body", &email.body);
        PreparedEmail {
            problems,
            subject,
            body,
            attachment: email.attachment,
        }
    }

    fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The contact's subject and body (each `None` when the e-mail has none of its own), and
    /// the warnings merging them gave.
    fn merge(&self, data: &MergeData) -> (Option<String>, Option<String>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut render = |template: &Option<letter::Template>| {
            template.as_ref().map(|template| {
                let (text, mut found) = letter::render(template, data);
                warnings.append(&mut found);
                text
            })
        };
        let subject =
            render(&self.subject).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
        let body = render(&self.body);
        (subject, body, warnings)
    }
}

/// The e-mails of one call, each read once, as [`Letters`] keeps letters.
#[derive(Default)]
struct Emails {
    prepared: BTreeMap<EmailOrigin, PreparedEmail>,
}

impl Emails {
    /// The line's e-mail, prepared; its problems go to `problems` the first time it is seen.
    /// `None` when the line's template has no e-mail for it.
    fn for_line(
        &mut self,
        db: &Db,
        line: &SegmentLine,
        problems: &mut Vec<Problem>,
    ) -> Option<&PreparedEmail> {
        let (origin, email) = email_for_line(db, line)?;
        Some(match self.prepared.entry(origin) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let prepared = PreparedEmail::new(entry.key(), email);
                problems.extend(prepared.problems.iter().cloned());
                entry.insert(prepared)
            }
        })
    }
}

/// The letter a line gets, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLetter<'a> {
    pub origin: LetterOrigin,
    pub body: &'a LetterBody,
    /// The subject that belongs to the letter (a line's own copy has none: empty).
    pub subject: &'a str,
}

/// Which letter a line gets: its own copy, else the segment's, else its template's letter in the
/// line's language (falling back as [`InteractionTemplate::letter_for`] does), else none.
///
/// [`InteractionTemplate::letter_for`]: crate::core::model::InteractionTemplate::letter_for
pub fn letter_for_line<'a>(
    db: &'a Db,
    segment: &'a Segment,
    line: &'a SegmentLine,
) -> Option<LineLetter<'a>> {
    if let Some(body) = &line.letter {
        return Some(LineLetter {
            origin: LetterOrigin::Line(line.line_no),
            body,
            subject: "",
        });
    }
    if let Some(letter) = &segment.letter {
        return Some(LineLetter {
            origin: LetterOrigin::Segment,
            body: &letter.body,
            subject: &letter.subject,
        });
    }
    let template = line
        .template
        .as_ref()
        .and_then(|code| db.templates.get(code))?;
    let letter: &TemplateLetter = template.letter_for(&line.language)?;
    Some(LineLetter {
        origin: LetterOrigin::Template {
            code: template.code.clone(),
            language: letter.language.clone(),
        },
        body: &letter.body,
        subject: &letter.subject,
    })
}

/// Whether a produced letter is a Word document.
pub fn is_docx(letter: &StoredLetter) -> bool {
    letter.mime == DOCX_MIME
}

/// Whether a produced letter is an e-mail draft.
pub fn is_email(letter: &StoredLetter) -> bool {
    letter.mime == EML_MIME
}

// ---------------------------------------------------------------------------------------------
// Preparing a letter once

/// A letter read once and ready to be merged for every line that uses it.
struct Prepared {
    /// The letter's errors, at its origin's place; nothing is merged from it while there are any.
    problems: Vec<Problem>,
    /// What the check walks to find missing values without merging.
    printed: Printed,
    /// The document every letter is merged from; `None` only when it could not be read.
    docx: Option<DocxTemplate>,
}

enum Printed {
    /// A plain-text letter, parsed: rendering it is cheap and gives exactly its warnings.
    Text(letter::Template),
    /// A Word document's tags and merge fields in document order (see [`docx_warnings`]).
    Tags(Vec<FoundTag>),
}

impl Prepared {
    fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The warnings one contact's letter would have, without merging it.
    fn warnings(&self, data: &MergeData) -> Vec<Warning> {
        match &self.printed {
            Printed::Text(template) => letter::render(template, data).1,
            Printed::Tags(tags) => docx_warnings(tags, data),
        }
    }
}

fn prepare(origin: &LetterOrigin, body: &LetterBody) -> Prepared {
    match body {
        LetterBody::Text(src) => prepare_text(origin, src),
        LetterBody::Docx { bytes, .. } => prepare_docx(origin, bytes),
    }
}

/// A plain-text letter: its diagnostics point into the text the user wrote (`line:column`), and
/// it is merged through a .docx skeleton of that text.
fn prepare_text(origin: &LetterOrigin, src: &str) -> Prepared {
    let (template, diagnostics) = letter::parse(src);
    let mut problems: Vec<Problem> = diagnostics
        .iter()
        .map(|d| {
            let mut problem = Problem::error(origin.place(), d.code())
                .with(origin.label())
                .with(format!("{}:{}", d.position.line, d.position.column));
            problem.args.extend(d.kind.args());
            problem
        })
        .collect();
    // The skeleton is built by us, so failing to read it back would be a bug; it is still
    // reported as a problem of this letter rather than unwrapped.
    let docx = match DocxTemplate::parse(&docx::text_letter_template(src)) {
        Ok(docx) => Some(docx),
        Err(error) => {
            problems.push(docx_problem(origin.place(), origin, &error));
            None
        }
    };
    Prepared {
        problems,
        printed: Printed::Text(template),
        docx,
    }
}

/// An uploaded Word document: its problems point at a part, paragraph and column.
fn prepare_docx(origin: &LetterOrigin, bytes: &[u8]) -> Prepared {
    let docx = match DocxTemplate::parse(bytes) {
        Ok(docx) => docx,
        Err(error) => {
            return Prepared {
                problems: vec![docx_problem(origin.place(), origin, &error)],
                printed: Printed::Tags(Vec::new()),
                docx: None,
            }
        }
    };
    let report = docx.report();
    let problems = report
        .problems
        .iter()
        .map(|p| {
            let at = &p.location;
            let mut problem = Problem::error(origin.place(), p.code())
                .with(origin.label())
                .with(format!("{}:{}:{}", at.part, at.paragraph, at.column));
            match &p.kind {
                ProblemKind::Letter(kind) => problem.args.extend(kind.args()),
                ProblemKind::UnknownMergeField { name } => problem.args.push(name.clone()),
                ProblemKind::CannotMerge { .. } => {}
            }
            problem
        })
        .collect();
    let tags = in_document_order(&report.tags);
    Prepared {
        problems,
        printed: Printed::Tags(tags),
        docx: Some(docx),
    }
}

/// The report lists a part's merge fields before its `{{tags}}`, but the walk of
/// [`docx_warnings`] needs them in document order. Parts keep the order the report gives them.
fn in_document_order(tags: &[FoundTag]) -> Vec<FoundTag> {
    let mut parts: Vec<&str> = Vec::new();
    for tag in tags {
        if !parts.contains(&tag.location.part.as_str()) {
            parts.push(&tag.location.part);
        }
    }
    let mut ordered = tags.to_vec();
    ordered.sort_by_key(|tag| {
        let part = parts.iter().position(|p| *p == tag.location.part);
        (part, tag.location.paragraph, tag.location.column)
    });
    ordered
}

/// The missing values of a Word letter, found by walking its tags in document order with the
/// `{{#if}}` branches this contact's data takes, instead of merging it. A block never spans two
/// parts, so the walk starts afresh in each part. Badly nested blocks are errors that stop the
/// merge anyway, so the walk only has to stay total for them, not exact.
fn docx_warnings(tags: &[FoundTag], data: &MergeData) -> Vec<Warning> {
    let mut warnings = Warnings::default();
    // One frame per open block: (its condition holds, the walk is in its `else` branch).
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut part: Option<&str> = None;
    for tag in tags {
        if part != Some(tag.location.part.as_str()) {
            open.clear();
            part = Some(tag.location.part.as_str());
        }
        let printing = open.iter().all(|&(holds, in_else)| holds != in_else);
        match &tag.kind {
            FoundTagKind::If { field } => open.push((data.has(field), false)),
            FoundTagKind::Else => {
                if let Some(frame) = open.last_mut() {
                    frame.1 = true;
                }
            }
            FoundTagKind::EndIf => {
                open.pop();
            }
            FoundTagKind::Field { name }
            | FoundTagKind::MergeField {
                field: Some(name), ..
            } if printing && !data.has(name) => warnings.push(Warning::MissingValue {
                field: name.clone(),
            }),
            FoundTagKind::MergeField {
                word_name,
                field: None,
            } if printing => warnings.push(Warning::UnknownMergeField {
                name: word_name.clone(),
            }),
            _ => {}
        }
    }
    warnings.into_vec()
}

/// Letters read once per call: those shared by many lines (the segment's, a template's) are
/// kept; a line's own copy is used once and dropped.
#[derive(Default)]
struct Letters {
    shared: BTreeMap<LetterOrigin, Prepared>,
}

impl Letters {
    /// Prepares the letter, or finds it prepared. The letter's own problems go to `problems` the
    /// first time it is seen, so a template used by 10,000 lines reports its typo once.
    fn with<R>(
        &mut self,
        letter: &LineLetter<'_>,
        problems: &mut Vec<Problem>,
        then: impl FnOnce(&Prepared) -> R,
    ) -> R {
        if let LetterOrigin::Line(_) = letter.origin {
            let prepared = prepare(&letter.origin, letter.body);
            problems.extend(prepared.problems.iter().cloned());
            return then(&prepared);
        }
        let prepared = match self.shared.entry(letter.origin.clone()) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let prepared = prepare(&letter.origin, letter.body);
                problems.extend(prepared.problems.iter().cloned());
                entry.insert(prepared)
            }
        };
        then(prepared)
    }
}

// ---------------------------------------------------------------------------------------------
// Problems

/// A document that cannot be read or written, as an error: the origin, the part (or empty) and
/// the reader's own explanation, which names the byte or entry that is wrong.
fn docx_problem(place: Place, origin: &LetterOrigin, error: &DocxError) -> Problem {
    Problem::error(place, error.code())
        .with(origin.label())
        .with(error.part().unwrap_or_default())
        .with(error)
}

fn letter_place(line_no: u32) -> Place {
    Place::Line {
        line_no,
        field: Some("letter".to_string()),
    }
}

/// One contact's warnings as problems at its line. A missing salutation is reported with its
/// cause (the formula that is not set up) instead of as a bare missing value; a salutation the
/// letter does not print is not reported at all.
fn line_warnings(line_no: u32, warnings: &[Warning], data_problems: &[Problem]) -> Vec<Problem> {
    warnings
        .iter()
        .map(|warning| {
            let field = warning.field();
            let cause = data_problems.iter().find(|p| {
                p.code == SALUTATION_MISSING && p.args.first().map(String::as_str) == Some(field)
            });
            match (warning, cause) {
                (Warning::MissingValue { .. }, Some(cause)) => cause.clone(),
                _ => Problem::warning(letter_place(line_no), warning.code()).with(field),
            }
        })
        .collect()
}

/// The segment as a whole first, then line by line, each line's problems in the order found.
fn sort_by_place(problems: &mut [Problem]) {
    problems.sort_by_key(|problem| match problem.place {
        Place::Record | Place::Field(_) => 0,
        Place::Line { line_no, .. } => u64::from(line_no) + 1,
    });
}

// ---------------------------------------------------------------------------------------------
// Check, produce, preview

/// Every problem of a segment's letters, without merging any: each letter's errors once (unknown
/// fields, unbalanced blocks, tags that cannot be merged, unreadable documents, with their
/// position), then per line the values its contact lacks. Lines whose contact is unknown or that
/// have no letter are skipped: the check before logging reports the former, and the latter are
/// logged without a letter.
///
/// For a plain-text letter the warnings are exactly those of rendering it. For a Word document
/// they are found from its tags (see [`docx_warnings`]), which gives the same result for every
/// letter that has no errors.
pub fn check_letters(db: &Db, segment_id: SegmentId) -> Vec<Problem> {
    let segment = match db.existing_segment(segment_id) {
        Ok(segment) => segment,
        Err(problems) => return problems,
    };
    let mut problems = Vec::new();
    let mut letters = Letters::default();
    let mut emails = Emails::default();
    for line in &segment.lines {
        if db.contact(line.contact).is_none() {
            continue;
        }
        let Some(letter) = letter_for_line(db, segment, line) else {
            continue;
        };
        let mut found = Vec::new();
        let email = if line.correspondence_type == CorrespondenceType::Email {
            emails.for_line(db, line, &mut found)
        } else {
            None
        };
        let warnings = letters.with(&letter, &mut found, |prepared| {
            // A letter with errors is not merged at all, so its per-contact warnings would
            // only bury the errors.
            if prepared.has_errors() || email.is_some_and(PreparedEmail::has_errors) {
                return Vec::new();
            }
            let (data, data_problems) = merge_data(db, segment, line);
            let mut warnings = prepared.warnings(&data);
            if let Some(email) = email {
                add_new(&mut warnings, email.merge(&data).2);
            }
            line_warnings(line.line_no, &warnings, &data_problems)
        });
        problems.append(&mut found);
        problems.extend(warnings);
    }
    sort_by_place(&mut problems);
    problems
}

/// A segment's letters, one per line that has a letter, keyed by line number: what
/// [`Db::log_segment`](crate::core::db::Db::log_segment) stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    pub letters: BTreeMap<u32, StoredLetter>,
    /// The per-contact warnings (missing values, salutations), to hand to the check before
    /// logging and to `log_segment`. Never an error: with errors nothing is produced.
    pub problems: Vec<Problem>,
    /// The e-mail drafts whose letter is attached as a PDF, in line order: their drafts in
    /// [`Produced::letters`] lack it until [`Produced::attach_pdfs`] is given the PDFs.
    pub awaiting_pdf: Vec<AwaitingPdf>,
}

/// An e-mail draft waiting for its letter as a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingPdf {
    pub line_no: u32,
    /// The name the PDF is attached under (`<Company> - <Contact>.pdf`).
    pub file_name: String,
    /// The letter to lay out, as [`pdf_letters`] makes it for a printed line.
    pub letter: PdfSource,
    draft: EmailDraft,
}

impl Produced {
    /// The PDFs the drafts wait for, named, in the order [`Produced::attach_pdfs`] takes them.
    pub fn pdfs_to_make(&self) -> Vec<(String, PdfSource)> {
        self.awaiting_pdf
            .iter()
            .map(|awaiting| (awaiting.file_name.clone(), awaiting.letter.clone()))
            .collect()
    }

    /// Attaches the PDFs made for [`Produced::pdfs_to_make`], one per waiting draft in its
    /// order, and writes those drafts again. Refused, changing nothing, when the number of PDFs
    /// is not the number of waiting drafts: a PDF must never reach another contact's e-mail.
    pub fn attach_pdfs(&mut self, pdfs: Vec<Vec<u8>>) -> Result<(), OutputError> {
        if pdfs.len() != self.awaiting_pdf.len() {
            return Err(OutputError::NoLetters);
        }
        for (awaiting, bytes) in std::mem::take(&mut self.awaiting_pdf).into_iter().zip(pdfs) {
            let mut draft = awaiting.draft;
            draft.attachment = Some(Attachment {
                file_name: awaiting.file_name,
                mime: PDF_MIME.to_string(),
                bytes,
            });
            if let Some(stored) = self.letters.get_mut(&awaiting.line_no) {
                stored.bytes = output::eml(&draft);
            }
        }
        Ok(())
    }
}

impl Produced {
    /// [`Produced::attach_pdfs`] for PDFs made earlier from `made_for` (what
    /// [`Produced::pdfs_to_make`] said then), as logging does: the PDFs are made in the worker
    /// before the commit, and the commit produces the letters again on the data it commits.
    /// Refused (`letter.pdfs_outdated`) when the letters changed in between, so that no e-mail
    /// is logged with a PDF of another version of its letter.
    pub fn attach_pdfs_made_for(
        &mut self,
        made_for: &[(String, PdfSource)],
        pdfs: Vec<Vec<u8>>,
    ) -> Result<(), Problems> {
        if self.pdfs_to_make() != made_for {
            return Err(vec![Problem::record(ProblemCode::LetterPdfsOutdated)]);
        }
        self.attach_pdfs(pdfs)
            .map_err(|_| vec![Problem::record(ProblemCode::LetterPdfsOutdated)])
    }
}

/// Adds the warnings of `more` that `warnings` does not have yet: a field missing from both the
/// e-mail and the letter it attaches is one thing for the user to fix, not two.
fn add_new(warnings: &mut Vec<Warning>, more: Vec<Warning>) {
    for warning in more {
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}

/// The return line of a letter laid out for a window envelope: our company's name, street and
/// town, as one line.
fn sender_line(db: &Db) -> String {
    let ours = &db.our_company;
    let town = format!("{} {}", ours.post_code.trim(), ours.city.trim());
    [ours.name.trim(), ours.address.trim(), town.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
}

/// Produces every line's letter (see the module documentation for which letter and in which
/// form). Refused, with every problem, when a letter has errors or a document cannot be merged;
/// warnings do not stop it. Lines without a letter or with an unknown contact get none.
///
/// `now` dates the e-mail drafts. It carries its offset because an e-mail's `Date:` header states
/// the sender's time zone; the core reads no clock, so the caller supplies both.
pub fn produce_letters(
    db: &Db,
    segment_id: SegmentId,
    now: DateTime<FixedOffset>,
) -> Result<Produced, Problems> {
    produce_letters_with(db, segment_id, now, None)
}

/// [`produce_letters`], with the e-mail drafts' attachment chosen by the user for all of them
/// (`None`: as each template's e-mail says).
pub fn produce_letters_with(
    db: &Db,
    segment_id: SegmentId,
    now: DateTime<FixedOffset>,
    attachment: Option<EmailAttachment>,
) -> Result<Produced, Problems> {
    LetterRun::new(db, segment_id, now, attachment).finish(db)
}

/// A segment's letters produced a slice of lines at a time, so that a page can let the browser
/// draw between slices (ten thousand letters are over half a second of work in a browser).
/// The run remembers the data's [`Edition`] it started on: its letters are used only while the
/// data is still that edition, and [`LetterRun::finish`] starts again from the first line when a
/// change came in between (a teammate's, another tab's), so a log never carries a letter made
/// from data older than the log.
pub struct LetterRun {
    segment_id: SegmentId,
    edition: Edition,
    now: DateTime<FixedOffset>,
    attachment: Option<EmailAttachment>,
    /// The return line of a PDF attachment (our company), made once per run.
    sender: String,
    /// The index in the segment's lines of the next line to produce.
    next: usize,
    letters: Letters,
    emails: Emails,
    produced: BTreeMap<u32, StoredLetter>,
    awaiting_pdf: Vec<AwaitingPdf>,
    problems: Vec<Problem>,
}

impl LetterRun {
    /// A run over the segment's lines; `attachment` as for [`produce_letters_with`].
    pub fn new(
        db: &Db,
        segment_id: SegmentId,
        now: DateTime<FixedOffset>,
        attachment: Option<EmailAttachment>,
    ) -> LetterRun {
        LetterRun {
            segment_id,
            edition: db.edition(),
            now,
            attachment,
            sender: sender_line(db),
            next: 0,
            letters: Letters::default(),
            emails: Emails::default(),
            produced: BTreeMap::new(),
            awaiting_pdf: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Produces the letters of up to `lines` more lines. Returns whether every line is done;
    /// when the data has changed since the run started, it starts again from the first line.
    pub fn step(&mut self, db: &Db, lines: usize) -> Result<bool, Problems> {
        if db.edition() != self.edition {
            *self = LetterRun::new(db, self.segment_id, self.now, self.attachment);
        }
        let segment = db.existing_segment(self.segment_id)?;
        let options = DraftOptions {
            now: self.now,
            attachment: self.attachment,
            sender: &self.sender,
        };
        let end = self.next.saturating_add(lines).min(segment.lines.len());
        for line in &segment.lines[self.next..end] {
            let Some(contact) = db.contact(line.contact) else {
                continue;
            };
            let Some(letter) = letter_for_line(db, segment, line) else {
                continue;
            };
            let mut found = Vec::new();
            let email = if line.correspondence_type == CorrespondenceType::Email {
                self.emails.for_line(db, line, &mut found)
            } else {
                None
            };
            let result = self.letters.with(&letter, &mut found, |prepared| {
                produce_one(
                    db, segment, line, contact, &letter, prepared, email, options,
                )
            });
            self.problems.append(&mut found);
            match result {
                Some(Ok((stored, mut warnings, pdf))) => {
                    self.produced.insert(line.line_no, stored);
                    self.problems.append(&mut warnings);
                    if let Some((file_name, letter, draft)) = pdf {
                        self.awaiting_pdf.push(AwaitingPdf {
                            line_no: line.line_no,
                            file_name,
                            letter,
                            draft,
                        });
                    }
                }
                Some(Err(problem)) => self.problems.push(problem),
                None => {}
            }
        }
        self.next = end;
        Ok(end == segment.lines.len())
    }

    /// The PDFs the e-mail drafts produced so far wait for (see [`Produced::pdfs_to_make`]).
    pub fn pdfs_to_make(&self) -> Vec<(String, PdfSource)> {
        self.awaiting_pdf
            .iter()
            .map(|awaiting| (awaiting.file_name.clone(), awaiting.letter.clone()))
            .collect()
    }

    /// Every line's letter, made from `db` as it is now: what the run produced if the data is
    /// still the edition it worked on, the rest (or everything, after a change) produced here.
    /// Refused, with every problem, when a letter has errors.
    pub fn finish(mut self, db: &Db) -> Result<Produced, Problems> {
        while !self.step(db, usize::MAX)? {}
        let mut problems = self.problems;
        sort_by_place(&mut problems);
        if problems.iter().any(Problem::is_error) {
            return Err(problems);
        }
        Ok(Produced {
            letters: self.produced,
            problems,
            awaiting_pdf: self.awaiting_pdf,
        })
    }
}

/// A draft's letter still to be made a PDF: the attachment's name, the letter, the draft.
type PdfToAttach = (String, PdfSource, EmailDraft);

/// One line's letter and its warnings, with the PDF its draft waits for; `None` when the
/// letter or the e-mail has errors (reported once by the caller), an error problem when this
/// contact's letter cannot be written.
#[allow(clippy::too_many_arguments)]
#[allow(clippy::type_complexity)]
fn produce_one(
    db: &Db,
    segment: &Segment,
    line: &SegmentLine,
    contact: &Contact,
    letter: &LineLetter<'_>,
    prepared: &Prepared,
    email: Option<&PreparedEmail>,
    options: DraftOptions<'_>,
) -> Option<Result<(StoredLetter, Vec<Problem>, Option<PdfToAttach>), Problem>> {
    let docx = prepared.docx.as_ref().filter(|_| !prepared.has_errors())?;
    if email.is_some_and(PreparedEmail::has_errors) {
        return None;
    }
    let (data, data_problems) = merge_data(db, segment, line);
    let merged = merge_line(docx, line, contact, letter, email, &data, options);
    Some(merged.map(|merged| {
        let warnings = line_warnings(line.line_no, &merged.warnings, &data_problems);
        let stored = StoredLetter {
            file_name: merged.file_name,
            mime: merged.mime.to_string(),
            bytes: merged.bytes,
            merge_data: data.values,
        };
        (stored, warnings, merged.awaiting_pdf)
    }))
}

/// One contact's letter, merged.
struct Merged {
    file_name: String,
    mime: &'static str,
    bytes: Vec<u8>,
    /// The letter's text, for an e-mail (its body); a .docx's text is read only when a preview
    /// asks for it, because reading it back costs as much as the merge itself.
    text: Option<String>,
    warnings: Vec<Warning>,
    subject: String,
    /// An e-mail draft whose letter is to be attached as a PDF (see [`Produced::awaiting_pdf`]).
    awaiting_pdf: Option<PdfToAttach>,
}

fn merge_line(
    docx: &DocxTemplate,
    line: &SegmentLine,
    contact: &Contact,
    letter: &LineLetter<'_>,
    email: Option<&PreparedEmail>,
    data: &MergeData,
    options: DraftOptions<'_>,
) -> Result<Merged, Problem> {
    let failed =
        |error: DocxError| docx_problem(letter_place(line.line_no), &letter.origin, &error);
    let (bytes, mut warnings) = docx.merge(data).map_err(failed)?;
    let company = data.get("company_name").unwrap_or_default();
    let name = data.get("name").unwrap_or_default();
    let is_email = line.correspondence_type == CorrespondenceType::Email;
    let (email_subject, email_body, email_warnings) = match email {
        Some(email) if is_email => email.merge(data),
        _ => (None, None, Vec::new()),
    };
    add_new(&mut warnings, email_warnings);
    // The template's e-mail subject is written for the e-mail, so it comes before the line's
    // and the letter's, which were written for the interaction and the printed letter.
    let subject = email_subject
        .into_iter()
        .chain([line.subject.clone(), letter.subject.to_string()])
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_string();
    if !is_email {
        return Ok(Merged {
            file_name: output::letter_file_name(company, name, "docx"),
            mime: DOCX_MIME,
            bytes,
            text: None,
            warnings,
            subject,
            awaiting_pdf: None,
        });
    }
    // Without an e-mail body of the template's own, the body is the text of the merged
    // document, so a preview, a draft and the .docx never disagree about what the letter says;
    // only the postal address block is left out, since an e-mail is not put in an envelope.
    let word_letter = matches!(letter.body, LetterBody::Docx { .. });
    let letter_text = || email_text(docx, data, &bytes, word_letter).map_err(failed);
    let text = match email_body {
        Some(body) => body,
        None => letter_text()?,
    };
    let choice = options
        .attachment
        .or(email.map(|email| email.attachment))
        .unwrap_or_default();
    let (from_name, from_email) = match data.get("salesperson.email") {
        Some(email) => (data.get("salesperson.name").unwrap_or_default(), email),
        None => (
            data.get("our_company.name").unwrap_or_default(),
            data.get("our_company.email").unwrap_or_default(),
        ),
    };
    let draft = EmailDraft {
        to_name: name.to_string(),
        to_email: contact.email.trim().to_string(),
        from_name: from_name.to_string(),
        from_email: from_email.to_string(),
        subject: subject.clone(),
        body: text.clone(),
        lang: line.language.clone(),
        date: options.now,
        attachment: None,
    };
    let docx_attachment = || Attachment {
        file_name: output::letter_file_name(company, name, "docx"),
        mime: DOCX_MIME.to_string(),
        bytes: bytes.clone(),
    };
    let (draft, awaiting_pdf) = match choice {
        EmailAttachment::None => (draft, None),
        // A Word letter's PDF is drawn from the merged document's own layout, in the worker.
        EmailAttachment::Pdf if word_letter => {
            let file_name = output::letter_file_name(company, name, "pdf");
            (
                draft.clone(),
                Some((file_name, PdfSource::Word(bytes.clone()), draft)),
            )
        }
        EmailAttachment::Docx => (
            EmailDraft {
                attachment: Some(docx_attachment()),
                ..draft
            },
            None,
        ),
        EmailAttachment::Pdf => {
            // The PDF's text is the letter's, laid out under the address in the window, as a
            // printed line's PDF is, whatever the e-mail's own body says.
            let body = if email_body_given(email) {
                letter_text()?
            } else {
                text.clone()
            };
            let pdf = PdfLetter {
                sender: options.sender.to_string(),
                address: data.get("mail_address").unwrap_or_default().to_string(),
                body,
            };
            let file_name = output::letter_file_name(company, name, "pdf");
            (draft.clone(), Some((file_name, pdf.into(), draft)))
        }
    };
    Ok(Merged {
        file_name: output::letter_file_name(company, name, "eml"),
        mime: EML_MIME,
        bytes: output::eml(&draft),
        text: Some(text),
        warnings,
        subject,
        awaiting_pdf,
    })
}

/// Whether the e-mail has a body of its own (else the draft's body is the letter's text).
fn email_body_given(email: Option<&PreparedEmail>) -> bool {
    email.is_some_and(|email| email.body.is_some())
}

/// The text of a letter for an e-mail's body: the merged document's paragraphs without the
/// postal address. Finding the address takes a second merge with a marker in its place (see
/// [`output::without_lines_containing`]); a letter that prints no address is used as it is.
///
/// A letter written in the letter language has its blank lines where the user typed them. A
/// Word letter spaces its paragraphs by style instead, so its paragraphs are set apart by a
/// blank line here, which the HTML part turns into paragraphs of its own; without that, the
/// whole letter would read as one paragraph.
pub fn email_text(
    docx: &DocxTemplate,
    data: &MergeData,
    merged: &[u8],
    word_letter: bool,
) -> Result<String, DocxError> {
    let paragraphs = if data.has("mail_address") {
        let mut marked = data.clone();
        marked.set("mail_address", ADDRESS_MARKER);
        docx::body_paragraphs(&docx.merge(&marked)?.0)?
    } else {
        docx::body_paragraphs(merged)?
    };
    let text = if word_letter {
        paragraphs
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        paragraphs.join("\n")
    };
    Ok(output::without_lines_containing(&text, ADDRESS_MARKER))
}

/// Whether a preview shows a letter to print or an e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    Docx,
    Email,
}

/// One contact's letter as it will be produced, for the preview that steps through contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPreview {
    pub line_no: u32,
    /// The letter's text: the paragraphs of the merged document's body, one per line.
    pub text: String,
    /// This contact's warnings, as [`produce_letters`] reports them.
    pub warnings: Vec<Problem>,
    pub origin: LetterOrigin,
    pub kind: LetterKind,
    /// The name the letter gets in downloads.
    pub file_name: String,
    /// The e-mail subject (the line's, else the letter's).
    pub subject: String,
    /// A letter to print drawn from its layout, as a whole HTML document with one sheet
    /// ([`output::print_sheets`]); `None` for an e-mail, whose preview is its text.
    pub html: Option<String>,
}

/// Previews one line's letter exactly as [`produce_letters`] would produce it: the same letter,
/// the same merge, the text of the merged document. Refused when the segment or line is unknown,
/// the line has no letter (`letter.none`), its contact is unknown, or the letter has errors (they
/// are returned, with their positions, so the preview can show them instead).
pub fn preview_letter(
    db: &Db,
    segment_id: SegmentId,
    line_no: u32,
) -> Result<LetterPreview, Problems> {
    let segment = db.existing_segment(segment_id)?;
    let line = segment
        .lines
        .iter()
        .find(|line| line.line_no == line_no)
        .ok_or_else(|| vec![Problem::record(ProblemCode::SegmentLineUnknown).with(line_no)])?;
    let contact = db.contact(line.contact).ok_or_else(|| {
        vec![
            Problem::error(letter_place(line_no), ProblemCode::LogContactUnknown)
                .with(line.contact),
        ]
    })?;
    let letter = letter_for_line(db, segment, line).ok_or_else(|| {
        vec![Problem::error(
            letter_place(line_no),
            ProblemCode::LetterNone,
        )]
    })?;
    let prepared = prepare(&letter.origin, letter.body);
    if prepared.has_errors() {
        return Err(prepared.problems);
    }
    let docx = prepared
        .docx
        .as_ref()
        .ok_or_else(|| prepared.problems.clone())?;
    let mut email_problems = Vec::new();
    let mut emails = Emails::default();
    let email = if line.correspondence_type == CorrespondenceType::Email {
        emails.for_line(db, line, &mut email_problems)
    } else {
        None
    };
    if email.is_some_and(PreparedEmail::has_errors) {
        return Err(email_problems);
    }
    let (data, data_problems) = merge_data(db, segment, line);
    // The date only reaches an e-mail's header, which the preview does not show.
    let epoch = DateTime::<FixedOffset>::default();
    // The preview shows the text only, so an attachment would be made for nothing.
    let options = DraftOptions {
        now: epoch,
        attachment: Some(EmailAttachment::None),
        sender: "",
    };
    let merged =
        merge_line(docx, line, contact, &letter, email, &data, options).map_err(|p| vec![p])?;
    let text = match merged.text {
        Some(text) => text,
        None => docx::body_text(&merged.bytes)
            .map_err(|error| vec![docx_problem(letter_place(line_no), &letter.origin, &error)])?,
    };
    let html = if merged.mime == EML_MIME {
        None
    } else {
        let sheet = docx::letter_html(&merged.bytes)
            .map_err(|error| vec![docx_problem(letter_place(line_no), &letter.origin, &error)])?;
        Some(output::print_sheets(
            &merged.file_name,
            &line.language,
            &[sheet],
        ))
    };
    Ok(LetterPreview {
        line_no,
        warnings: line_warnings(line_no, &merged.warnings, &data_problems),
        text,
        html,
        origin: letter.origin,
        kind: if merged.mime == EML_MIME {
            LetterKind::Email
        } else {
            LetterKind::Docx
        },
        file_name: merged.file_name,
        subject: merged.subject,
    })
}

/// A template's letter and e-mail merged for one contact, as the template page previews them
/// while the template is written (issue 15 item 7).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemplatePreview {
    /// The language of the letter the contact gets ([`InteractionTemplate::letter_for`]);
    /// empty for the default letter.
    ///
    /// [`InteractionTemplate::letter_for`]: crate::core::model::InteractionTemplate::letter_for
    pub language: String,
    /// The letter's text as it prints, the address block included.
    pub letter: String,
    /// The e-mail's subject: the template's e-mail subject, else the letter's subject.
    pub email_subject: String,
    /// The e-mail's body: the template's e-mail body, else the letter without its address.
    pub email_body: String,
    /// The letter's and the e-mail's errors (nothing is merged while there are any), then the
    /// values this contact lacks, as warnings at the record.
    pub problems: Vec<Problem>,
}

/// Merges `template` (as it is being edited, saved or not) for `contact` on `date`: the letter
/// in the contact's language and the e-mail that goes with it, exactly as a segment line of this
/// contact would get them, except that the salesperson is the contact's own (there is no
/// segment). `None` when the contact is unknown or the template has no letter.
pub fn preview_template(
    db: &Db,
    template: &crate::core::model::InteractionTemplate,
    contact: crate::core::ids::ContactId,
    date: chrono::NaiveDate,
) -> Option<TemplatePreview> {
    let contact = db.contact(contact)?;
    let letter = template.letter_for(&contact.language)?;
    let origin = LetterOrigin::Template {
        code: template.code.clone(),
        language: letter.language.clone(),
    };
    let mut preview = TemplatePreview {
        language: letter.language.clone(),
        ..TemplatePreview::default()
    };
    let prepared = prepare(&origin, &letter.body);
    let email = template.email_for(&letter.language).map(|email| {
        let origin = EmailOrigin {
            code: template.code.clone(),
            language: email.language.clone(),
        };
        PreparedEmail::new(&origin, email)
    });
    preview.problems.extend(prepared.problems.iter().cloned());
    if let Some(email) = &email {
        preview.problems.extend(email.problems.iter().cloned());
    }
    let docx = match &prepared.docx {
        Some(docx) if !preview.problems.iter().any(Problem::is_error) => docx,
        _ => return Some(preview),
    };
    let language = if letter.language.is_empty() {
        template.language_default.as_str()
    } else {
        letter.language.as_str()
    };
    let (data, data_problems) = letter::merge_data_for_contact(db, contact, language, Some(date));
    let failed = |error: DocxError| docx_problem(Place::Record, &origin, &error);
    let word_letter = matches!(letter.body, LetterBody::Docx { .. });
    let merged = docx.merge(&data).and_then(|(bytes, warnings)| {
        let text = docx::body_text(&bytes)?;
        let without_address = email_text(docx, &data, &bytes, word_letter)?;
        Ok((text, without_address, warnings))
    });
    let (text, without_address, mut warnings) = match merged {
        Ok(merged) => merged,
        Err(error) => {
            preview.problems.push(failed(error));
            return Some(preview);
        }
    };
    let (email_subject, email_body, email_warnings) = match &email {
        Some(email) => email.merge(&data),
        None => (None, None, Vec::new()),
    };
    add_new(&mut warnings, email_warnings);
    preview.letter = text;
    preview.email_subject = email_subject
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| letter.subject.trim().to_string());
    preview.email_body = email_body.unwrap_or(without_address);
    preview.problems.extend(warnings.iter().map(|warning| {
        let field = warning.field();
        data_problems
            .iter()
            .find(|p| {
                p.code == SALUTATION_MISSING && p.args.first().map(String::as_str) == Some(field)
            })
            .cloned()
            .unwrap_or_else(|| Problem::warning(Place::Record, warning.code()).with(field))
    }));
    Some(preview)
}

// ---------------------------------------------------------------------------------------------
// Downloads

/// Runs an output over the letters that pass `keep`, and reports a failing letter by its index
/// in `letters` (not in the filtered list), so the UI names the right one.
fn over<T>(
    letters: &[&StoredLetter],
    keep: fn(&StoredLetter) -> bool,
    run: impl FnOnce(&[&StoredLetter]) -> Result<T, OutputError>,
) -> Result<T, OutputError> {
    let (indexes, kept): (Vec<usize>, Vec<&StoredLetter>) = letters
        .iter()
        .enumerate()
        .filter(|(_, letter)| keep(letter))
        .map(|(index, letter)| (index, *letter))
        .unzip();
    let original = |index: usize| indexes.get(index).copied().unwrap_or(index);
    run(&kept).map_err(|error| match error {
        OutputError::Letter { index, error } => OutputError::Letter {
            index: original(index),
            error,
        },
        OutputError::Incompatible { index } => OutputError::Incompatible {
            index: original(index),
        },
        other => other,
    })
}

/// One .docx with every Word letter among `letters`, a page break between them (product.md §5).
/// E-mail drafts are left out: they are sent, not printed.
pub fn combined_docx_of(letters: &[&StoredLetter]) -> Result<Vec<u8>, OutputError> {
    over(letters, is_docx, |kept| {
        let bytes: Vec<&[u8]> = kept.iter().map(|l| l.bytes.as_slice()).collect();
        output::combined_docx(&bytes)
    })
}

/// A .zip of the letters as they were produced, each under its file name (duplicates numbered).
pub fn zip_of(letters: &[&StoredLetter], modified: NaiveDateTime) -> Result<Vec<u8>, OutputError> {
    output::zip_files(&files(letters), modified)
}

/// A .zip of the e-mail drafts among `letters`.
pub fn eml_zip_of(
    letters: &[&StoredLetter],
    modified: NaiveDateTime,
) -> Result<Vec<u8>, OutputError> {
    over(letters, is_email, |kept| {
        output::zip_files(&files(kept), modified)
    })
}

/// The print view (one letter per page set) of the Word letters among `letters`, each drawn
/// from its own layout (page, header, footer, tables, images); e-mail drafts are left out, as
/// in [`combined_docx_of`].
pub fn print_html_of(
    title: &str,
    lang: &str,
    letters: &[&StoredLetter],
) -> Result<String, OutputError> {
    over(letters, is_docx, |kept| {
        let sheets = kept
            .iter()
            .enumerate()
            .map(|(index, letter)| {
                docx::letter_html(&letter.bytes)
                    .map_err(|error| OutputError::Letter { index, error })
            })
            .collect::<Result<Vec<_>, OutputError>>()?;
        Ok(output::print_sheets(title, lang, &sheets))
    })
}

/// The letters of a segment as PDFs: those written in the letter language laid out as business
/// letters, Word letters from their own layout (see [`crate::core::pdf`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfBatch {
    /// Line number, file name and letter, in line order.
    pub letters: Vec<(u32, String, PdfSource)>,
    /// The per-contact warnings, as [`produce_letters`] reports them.
    pub problems: Vec<Problem>,
}

/// Every printed line's letter, ready to be laid out as a PDF: a letter written in the letter
/// language as the return line from our company, the contact's postal address for the window,
/// and the letter's text without the line that prints the address; a Word letter as the merged
/// document, whose own layout the PDF follows. E-mail lines are left out, as they are from the
/// combined document.
/// Refused, with every problem, when a letter has errors.
pub fn pdf_letters(db: &Db, segment_id: SegmentId) -> Result<PdfBatch, Problems> {
    let segment = db.existing_segment(segment_id)?;
    let sender = sender_line(db);
    let mut batch = PdfBatch {
        letters: Vec::new(),
        problems: Vec::new(),
    };
    let mut letters = Letters::default();
    for line in &segment.lines {
        if line.correspondence_type == CorrespondenceType::Email
            || db.contact(line.contact).is_none()
        {
            continue;
        }
        let Some(letter) = letter_for_line(db, segment, line) else {
            continue;
        };
        let word_letter = matches!(letter.body, LetterBody::Docx { .. });
        let mut found = Vec::new();
        let made = letters.with(&letter, &mut found, |prepared| {
            let docx = prepared.docx.as_ref().filter(|_| !prepared.has_errors())?;
            let (data, data_problems) = merge_data(db, segment, line);
            let failed =
                |error: DocxError| docx_problem(letter_place(line.line_no), &letter.origin, &error);
            Some(
                docx.merge(&data)
                    .and_then(|(bytes, warnings)| {
                        if word_letter {
                            return Ok((PdfSource::Word(bytes), warnings));
                        }
                        let body = email_text(docx, &data, &bytes, false)?;
                        let pdf = PdfLetter {
                            sender: sender.clone(),
                            address: data.get("mail_address").unwrap_or_default().to_string(),
                            body,
                        };
                        Ok((PdfSource::Text(pdf), warnings))
                    })
                    .map_err(failed)
                    .map(|(pdf, warnings)| {
                        let name = output::letter_file_name(
                            data.get("company_name").unwrap_or_default(),
                            data.get("name").unwrap_or_default(),
                            "pdf",
                        );
                        (
                            name,
                            pdf,
                            line_warnings(line.line_no, &warnings, &data_problems),
                        )
                    }),
            )
        });
        batch.problems.append(&mut found);
        match made {
            Some(Ok((name, pdf, mut warnings))) => {
                batch.letters.push((line.line_no, name, pdf));
                batch.problems.append(&mut warnings);
            }
            Some(Err(problem)) => batch.problems.push(problem),
            None => {}
        }
    }
    sort_by_place(&mut batch.problems);
    if batch.problems.iter().any(Problem::is_error) {
        return Err(batch.problems);
    }
    Ok(batch)
}

fn files(letters: &[&StoredLetter]) -> Vec<OutputFile> {
    letters
        .iter()
        .map(|letter| OutputFile {
            name: letter.file_name.clone(),
            bytes: letter.bytes.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::docx::Location;

    fn tag(paragraph: usize, kind: FoundTagKind) -> FoundTag {
        FoundTag {
            location: Location {
                part: "word/document.xml".into(),
                paragraph,
                column: 1,
            },
            text: String::new(),
            kind,
        }
    }

    fn missing(tags: &[FoundTag], data: &MergeData) -> Vec<String> {
        docx_warnings(tags, data)
            .iter()
            .map(|w| w.field().to_string())
            .collect()
    }

    #[test]
    fn the_tag_walk_skips_fields_in_branches_not_taken() {
        let field = |p, name: &str| {
            tag(
                p,
                FoundTagKind::Field {
                    name: name.to_string(),
                },
            )
        };
        let tags = [
            tag(
                1,
                FoundTagKind::If {
                    field: "comment".into(),
                },
            ),
            field(2, "comment"),
            tag(3, FoundTagKind::Else),
            field(4, "city"),
            tag(5, FoundTagKind::EndIf),
            field(6, "name"),
        ];
        assert_eq!(missing(&tags, &MergeData::new()), ["city", "name"]);
        let with_comment = MergeData::new().with("comment", "Hi");
        assert_eq!(missing(&tags, &with_comment), ["name"]);
    }

    #[test]
    fn merge_fields_listed_first_are_walked_in_document_order() {
        let merge_field = tag(
            2,
            FoundTagKind::MergeField {
                word_name: "First_Name".into(),
                field: Some("first_name".into()),
            },
        );
        let if_city = tag(
            1,
            FoundTagKind::If {
                field: "city".into(),
            },
        );
        let report_order = [merge_field, if_city, tag(3, FoundTagKind::EndIf)];
        assert_eq!(missing(&report_order, &MergeData::new()), ["first_name"]);
        let ordered = in_document_order(&report_order);
        assert_eq!(missing(&ordered, &MergeData::new()), Vec::<String>::new());
    }
}
