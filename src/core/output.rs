//! The downloads a batch of letters produces (product.md §5 "Outputs"), as bytes plus file
//! names: one combined .docx, a .zip of one .docx per contact, a print view (HTML, one letter
//! per page), and a .zip of .eml e-mail drafts.
//!
//! This module names, packs and words the downloads; it does not open Word packages. Combining
//! letters into one document is surgery on their parts, which [`docx::combine`] does beside the
//! package readers it needs; here its error becomes an [`OutputError`], the one error every
//! download reports. A plain-text letter's .docx is made in the docx module too
//! ([`docx::text_letter_template`]).
//!
//! Nothing here reads a clock: dates for zip entries and e-mail headers are arguments.

use crate::core::problem::ProblemCode;
use std::collections::BTreeSet;
use std::fmt::{self, Write as _};
use std::io::{Cursor, Write};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::core::docx::{
    self, escape_html, sheet_html, CombineError, DocxError, LetterHtml, LETTER_CSS,
};

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

/// The downloads report a failed combination as they report every other failure, so the UI and
/// the problem catalogue know one error type.
impl From<CombineError> for OutputError {
    fn from(error: CombineError) -> Self {
        match error {
            CombineError::NoLetters => OutputError::NoLetters,
            CombineError::Letter { index, error } => OutputError::Letter { index, error },
            CombineError::Incompatible { index } => OutputError::Incompatible { index },
            CombineError::Write { reason } => OutputError::Write { reason },
        }
    }
}

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

/// One .docx with every letter, each starting on a new page (product.md §5). The Word package
/// work is [`docx::combine`]'s; see there for how each letter keeps its own page setup, headers,
/// notes and lists.
pub fn combined_docx<L: AsRef<[u8]>>(letters: &[L]) -> Result<Vec<u8>, OutputError> {
    docx::combine(letters).map_err(OutputError::from)
}

// ---------------------------------------------------------------------------------------------
// HTML: print view and e-mail bodies

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
