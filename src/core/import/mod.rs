//! Contact import (product.md §6): Google Contacts CSV (current and legacy), Outlook CSV (desktop
//! 92-column and Outlook.com 61-column), vCard 2.1 / 3.0 / 4.0 and any other CSV through a column
//! mapping; then an import plan with duplicate proposals, applied as one undoable batch.
//!
//! The flow has three steps, each a plain function the UI calls once:
//!
//! 1. [`open`] turns the bytes of a file into an [`ImportSource`]: the text is decoded
//!    ([`encoding`]), the format recognised from its headers or content ([`detect`]) and, for a
//!    CSV file, the table read in one pass that collects every row that cannot be read
//!    ([`csv_table`]). Anything wrong with the file itself is an [`ImportError`] with a stable
//!    [`ImportError::code`] and where it is; bad CSV rows are one [`ImportError::BadRows`] that
//!    lists them all, and [`open_skipping_bad_rows`] opens the file without them.
//! 2. [`ImportSource::parse`] (or [`ImportSource::parse_with_mapping`] for a CSV file whose headers
//!    are not recognised) reads the records into [`ImportedContact`] values, which are plain data
//!    mirroring the fields of a [`crate::core::model::Contact`].
//! 3. [`plan_import`] compares them with the database and proposes, row by row, a new contact or a
//!    duplicate; [`apply_import`] turns the plan and the user's choices into one [`Changes`] value.
//!
//! Nothing in this module reads a clock or changes the database: a bad file is refused before any
//! plan exists, and the plan is only a proposal until the store commits the change set.
//!
//! [`Changes`]: crate::core::changes::Changes

pub mod csv_formats;
pub mod csv_table;
pub mod detect;
pub mod encoding;
pub mod mapping;
pub mod plan;
pub mod vcard;

pub use csv_table::{CsvTable, RowProblem, RowReason};
pub use detect::{BinaryKind, TextKind};
pub use encoding::TextEncoding;
pub use mapping::{suggest_mapping, ColumnMapping, TargetField};
pub use plan::{
    apply_import, plan_import, DuplicateReason, ImportChoice, ImportChoices, ImportPlan,
    ImportSummary, PlannedCompany, PlannedRow, Planner, Proposal,
};

use crate::core::model::{AttrValue, ContactKind};
use crate::core::problem::ProblemCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The formats the import recognises (import-formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ImportFormat {
    /// Google Contacts CSV as exported today: `First Name`, `Labels`, `E-mail 1 - Value` ….
    GoogleCsv,
    /// The older Google CSV: `Given Name`, `Family Name`, `Group Membership`, `E-mail 1 - Type` ….
    GoogleCsvLegacy,
    /// Outlook desktop CSV / Microsoft's import template (92 columns).
    OutlookDesktopCsv,
    /// The Outlook.com (outlook.live.com) export (61 columns).
    OutlookComCsv,
    /// A vCard file with one or more cards, of version 2.1, 3.0 or 4.0.
    VCard,
    /// Any other CSV: the user maps its columns to contact fields.
    GenericCsv,
}

impl ImportFormat {
    /// A stable identifier for the UI's translation catalogue.
    pub fn code(self) -> &'static str {
        match self {
            ImportFormat::GoogleCsv => "google_csv",
            ImportFormat::GoogleCsvLegacy => "google_csv_legacy",
            ImportFormat::OutlookDesktopCsv => "outlook_desktop_csv",
            ImportFormat::OutlookComCsv => "outlook_com_csv",
            ImportFormat::VCard => "vcard",
            ImportFormat::GenericCsv => "generic_csv",
        }
    }

    pub fn is_csv(self) -> bool {
        self != ImportFormat::VCard
    }
}

/// The version of one vCard, counted per file in [`ParsedImport::vcard_versions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VCardVersion {
    V2_1,
    V3_0,
    V4_0,
}

/// Names of the custom attributes the import fills, so that the same fact lands under the same
/// name whatever file it came from (a Google "Customer No." custom field and a vCard
/// `X-CUSTOMER-NO` both become `Customer No.`). The export reads the same names back.
pub mod attr {
    pub const BIRTHDAY: &str = "Birthday";
    pub const ANNIVERSARY: &str = "Anniversary";
    pub const NICKNAME: &str = "Nickname";
    pub const DEPARTMENT: &str = "Department";
    pub const NAME_PREFIX: &str = "Name Prefix";
    pub const NAME_SUFFIX: &str = "Name Suffix";
    pub const GENDER: &str = "Gender";
    pub const CUSTOMER_NO: &str = "Customer No.";
    pub const UID: &str = "UID";
    pub const FAX: &str = "Fax";
    pub const PAGER: &str = "Pager";
    pub const EMAIL: &str = "E-mail";
    pub const PHONE: &str = "Phone";
    pub const WEBSITE: &str = "Website";
    pub const ADDRESS: &str = "Address";
    pub const LANGUAGE: &str = "Language";
    pub const PHONETIC_FIRST_NAME: &str = "Phonetic First Name";
    pub const PHONETIC_MIDDLE_NAME: &str = "Phonetic Middle Name";
    pub const PHONETIC_LAST_NAME: &str = "Phonetic Last Name";
}

/// One contact read from a file, before it is compared with the database.
///
/// It mirrors the fields of [`crate::core::model::Contact`] that a file can carry, plus the
/// organisation as a name (companies are matched and created by [`plan_import`]) and the labels
/// or categories as their text (they become mailing group codes when the import is applied).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportedContact {
    /// Where the record is, as the user would look for it: for CSV the spreadsheet row (the
    /// header is row 1, so the first contact is row 2); for vCard the card's number (from 1).
    pub source_row: usize,
    /// The line of the file on which the record starts (from 1).
    pub source_line: usize,
    /// `Company` for a record that stands for an organisation (no person name, vCard
    /// `KIND:org`, Apple's `X-ABShowAs:COMPANY`); `Person` otherwise.
    pub kind: ContactKind,
    /// A person's full name (built from the parts when there are parts) or a company's name.
    pub name: String,
    pub first_name: String,
    pub middle_name: String,
    pub surname: String,
    /// The organisation: for a person the company it belongs to, for a company its own name.
    pub company_name: String,
    pub job_title: String,
    pub address: String,
    pub address_2: String,
    pub post_code: String,
    pub city: String,
    pub county: String,
    pub country: String,
    pub phone: String,
    pub mobile: String,
    pub email: String,
    pub email_2: String,
    pub website: String,
    pub notes: String,
    /// ISO 639-1 code in lower case when the file gave a recognisable language.
    pub language: String,
    /// Everything else worth keeping: birthday, department, customer number, extra e-mail
    /// addresses and phone numbers, unknown vCard `X-` properties ….
    pub attributes: BTreeMap<String, AttrValue>,
    /// Labels or categories as written in the file, system labels removed, without duplicates.
    pub mailing_groups: Vec<String>,
}

impl ImportedContact {
    pub fn is_company(&self) -> bool {
        self.kind == ContactKind::Company
    }

    /// True when the record carries no data at all (e.g. a row of empty cells).
    pub fn is_blank(&self) -> bool {
        let Self {
            source_row: _,
            source_line: _,
            kind: _,
            name,
            first_name,
            middle_name,
            surname,
            company_name,
            job_title,
            address,
            address_2,
            post_code,
            city,
            county,
            country,
            phone,
            mobile,
            email,
            email_2,
            website,
            notes,
            language,
            attributes,
            mailing_groups,
        } = self;
        [
            name,
            first_name,
            middle_name,
            surname,
            company_name,
            job_title,
            address,
            address_2,
            post_code,
            city,
            county,
            country,
            phone,
            mobile,
            email,
            email_2,
            website,
            notes,
            language,
        ]
        .iter()
        .all(|field| field.is_empty())
            && attributes.is_empty()
            && mailing_groups.is_empty()
    }

    /// Adds an attribute without losing an earlier, different value of the same name: the later
    /// one is kept as `Name 2`, `Name 3`, … so that no data in the file is dropped silently.
    pub fn add_attribute(&mut self, name: &str, value: AttrValue) {
        let name = name.trim();
        if name.is_empty() || is_empty_value(&value) {
            return;
        }
        let mut key = name.to_string();
        let mut n = 1;
        while let Some(existing) = self.attributes.get(&key) {
            if *existing == value {
                return;
            }
            n += 1;
            key = format!("{name} {n}");
        }
        self.attributes.insert(key, value);
    }

    /// Adds a text attribute (trimmed; nothing when empty).
    pub fn add_text_attribute(&mut self, name: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.add_attribute(name, AttrValue::Text(value.to_string()));
        }
    }

    /// Adds a label unless it is empty, a system label (Google marks those with a leading `*`)
    /// or already there in another letter case.
    pub fn add_mailing_group(&mut self, label: &str) {
        let label = label.trim();
        if label.is_empty() || label.starts_with('*') {
            return;
        }
        if !self
            .mailing_groups
            .iter()
            .any(|known| known.to_lowercase() == label.to_lowercase())
        {
            self.mailing_groups.push(label.to_string());
        }
    }

    /// Puts an e-mail address in the first free slot: `email`, then `email_2`, then an
    /// attribute `E-mail 3`, `E-mail 4` …. Repeats of an address already kept are dropped.
    pub fn push_email(&mut self, address: &str) {
        let address = address.trim();
        let address = strip_prefix_ignore_case(address, "mailto:").unwrap_or(address);
        if address.is_empty() {
            return;
        }
        let same = |known: &str| known.eq_ignore_ascii_case(address);
        if same(&self.email)
            || same(&self.email_2)
            || self.attributes.iter().any(|(k, v)| {
                k.starts_with(attr::EMAIL) && v.display().eq_ignore_ascii_case(address)
            })
        {
            return;
        }
        if self.email.is_empty() {
            self.email = address.to_string();
        } else if self.email_2.is_empty() {
            self.email_2 = address.to_string();
        } else {
            let mut n = 3;
            while self
                .attributes
                .contains_key(&format!("{} {n}", attr::EMAIL))
            {
                n += 1;
            }
            self.attributes.insert(
                format!("{} {n}", attr::EMAIL),
                AttrValue::Text(address.to_string()),
            );
        }
    }

    /// Puts a phone number in `mobile` (when it is a mobile number and the slot is free) or in
    /// `phone`; a number that fits neither slot is kept as an attribute named after its label.
    pub fn push_phone(&mut self, number: &str, kind: PhoneKind, label: &str) {
        let number = number.trim();
        if number.is_empty() || self.phone == number || self.mobile == number {
            return;
        }
        match kind {
            PhoneKind::Mobile if self.mobile.is_empty() => self.mobile = number.to_string(),
            PhoneKind::Fax => self.add_text_attribute(attr::FAX, number),
            PhoneKind::Pager => self.add_text_attribute(attr::PAGER, number),
            _ if self.phone.is_empty() => self.phone = number.to_string(),
            _ => {
                let label = label.trim();
                let name = if label.is_empty() {
                    attr::PHONE.to_string()
                } else {
                    format!("{} ({label})", attr::PHONE)
                };
                self.add_text_attribute(&name, number);
            }
        }
    }

    /// Sets the street lines: the first line of a multi-line street is the address, further
    /// lines (a building, "c/o", a PO box) go to the second address line.
    pub fn set_street(&mut self, street: &str, extra_lines: &[&str]) {
        let mut lines = street
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>();
        for extra in extra_lines {
            for line in extra.lines().map(str::trim).filter(|l| !l.is_empty()) {
                lines.push(line.to_string());
            }
        }
        if lines.is_empty() {
            return;
        }
        self.address = lines.remove(0);
        self.address_2 = lines.join(", ");
    }

    /// Sets the language from whatever the file wrote (`fi`, `fi-FI`, `Finnish`, `suomi` …);
    /// a value that is not recognisable as a language is kept as a `Language` attribute.
    pub fn set_language(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match normalise_language(text) {
            Some(code) if self.language.is_empty() => self.language = code,
            Some(code) if self.language == code => {}
            _ => self.add_text_attribute(attr::LANGUAGE, text),
        }
    }

    /// Sets a date attribute (birthday, anniversary) from any of the spellings files use; a
    /// value that is not a date is kept as text, so nothing is lost.
    pub fn set_date_attribute(&mut self, name: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let value = match parse_date(text) {
            Some(DateValue::Full(date)) => AttrValue::Date(date),
            Some(DateValue::NoYear { month, day }) => {
                AttrValue::Text(format!("--{month:02}-{day:02}"))
            }
            Some(DateValue::Empty) => return,
            None => AttrValue::Text(text.to_string()),
        };
        self.add_attribute(name, value);
    }

    /// Makes the record consistent once all fields are read: trims, decides person or company,
    /// fills the name from the parts (or the parts from the name), as the contact card does.
    pub fn finish(&mut self) {
        for field in [
            &mut self.name,
            &mut self.first_name,
            &mut self.middle_name,
            &mut self.surname,
            &mut self.company_name,
            &mut self.job_title,
            &mut self.address,
            &mut self.address_2,
            &mut self.post_code,
            &mut self.city,
            &mut self.county,
            &mut self.country,
            &mut self.phone,
            &mut self.mobile,
            &mut self.email,
            &mut self.email_2,
            &mut self.website,
            &mut self.language,
        ] {
            let trimmed = collapse_spaces(field);
            *field = trimmed;
        }
        self.notes = self.notes.trim().to_string();
        if self.email.is_empty() && !self.email_2.is_empty() {
            self.email = std::mem::take(&mut self.email_2);
        }
        let has_parts =
            !(self.first_name.is_empty() && self.middle_name.is_empty() && self.surname.is_empty());
        if self.kind == ContactKind::Person
            && !has_parts
            && !self.company_name.is_empty()
            && (self.name.is_empty() || same_text(&self.name, &self.company_name))
        {
            // A record with an organisation and no person name stands for the organisation
            // itself (Google and Outlook company mailboxes, vCard cards whose FN is the ORG).
            self.kind = ContactKind::Company;
        }
        match self.kind {
            ContactKind::Company => {
                if self.company_name.is_empty() {
                    self.company_name = if self.name.is_empty() {
                        self.full_name_from_parts()
                    } else {
                        self.name.clone()
                    };
                }
                self.name = self.company_name.clone();
                self.first_name.clear();
                self.middle_name.clear();
                self.surname.clear();
            }
            ContactKind::Person => {
                if !has_parts && !self.name.is_empty() {
                    let (first, middle, surname) = split_full_name(&self.name);
                    self.first_name = first;
                    self.middle_name = middle;
                    self.surname = surname;
                }
                let full = self.full_name_from_parts();
                if !full.is_empty() {
                    self.name = full;
                } else if self.name.is_empty() {
                    // A person without any name still needs something to be recognised by in
                    // the preview and the contact list; the nickname or the address will do.
                    self.name = match self.attributes.get(attr::NICKNAME) {
                        Some(nickname) => nickname.display(),
                        None => self.email.clone(),
                    };
                }
            }
        }
    }

    fn full_name_from_parts(&self) -> String {
        [&self.first_name, &self.middle_name, &self.surname]
            .iter()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What kind of number a phone is, as far as the two phone slots of a contact care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    Mobile,
    Voice,
    Fax,
    Pager,
}

impl PhoneKind {
    /// Classifies a label or type list such as `Mobile`, `Work Fax`, `cell,voice`, `matkapuhelin`.
    pub fn from_label(label: &str) -> PhoneKind {
        let label = label.to_lowercase();
        if label.contains("fax") || label.contains("faksi") {
            PhoneKind::Fax
        } else if label.contains("pager") {
            PhoneKind::Pager
        } else if ["mobile", "cell", "matka", "gsm", "handy", "mobil", "iphone"]
            .iter()
            .any(|word| label.contains(word))
        {
            PhoneKind::Mobile
        } else {
            PhoneKind::Voice
        }
    }
}

/// A record read from the file, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ParsedImport {
    pub format: Option<ImportFormat>,
    pub encoding: Option<TextEncoding>,
    pub contacts: Vec<ImportedContact>,
    /// Things that did not stop the import but the user may want to know.
    pub warnings: Vec<ImportWarning>,
    /// For a vCard file: how many cards of each version it held.
    pub vcard_versions: BTreeMap<VCardVersion, usize>,
}

/// Something noticed while reading that did not stop the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportWarning {
    /// Stable identifier for the UI's catalogue, e.g. `import.vcard_line_ignored`.
    pub code: ProblemCode,
    /// The line of the file (from 1).
    pub line: usize,
    /// Values the message names.
    pub args: Vec<(String, String)>,
}

impl ImportWarning {
    pub fn new(code: ProblemCode, line: usize) -> Self {
        ImportWarning {
            code,
            line,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.push((name.to_string(), value.to_string()));
        self
    }
}

/// The rows of a CSV file that cannot be read, found in one reading of the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRows {
    /// The first [`BadRows::LISTED`] problem rows, in file order.
    pub problems: Vec<RowProblem>,
    /// How many more problem rows there are beyond those listed.
    pub more: usize,
    /// How many rows read well: what "import the good rows" imports.
    pub good_rows: usize,
    /// Some rows were not UTF-8: the encoding the whole file may be in, so the UI can offer to
    /// read it that way instead.
    pub guess: Option<TextEncoding>,
    /// The header and every problem row, as their lines were in the file (bytes that were not
    /// UTF-8 included), for the user to fix and import later.
    pub skipped_file: Vec<u8>,
}

impl BadRows {
    /// How many problem rows are listed one by one; a file of garbage has a count instead of a
    /// list of a million.
    pub const LISTED: usize = 100;

    /// All the problem rows: those listed and those only counted.
    pub fn count(&self) -> usize {
        self.problems.len() + self.more
    }
}

/// Why a file cannot be imported. Each variant names where the problem is, and
/// [`ImportError::code`] is the key of its message in the UI's translation catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportError {
    /// The file has no content (or only a byte-order mark and white space).
    Empty,
    /// The file is not text at all: a ZIP (e.g. a .docx or .xlsx renamed .csv), a PDF, a
    /// picture, an old Office file or binary data.
    NotText { kind: BinaryKind },
    /// The file is text, but not contacts: a web page, XML or JSON.
    UnsupportedText { kind: TextKind },
    /// The bytes are not valid UTF-8. `guess` names the encoding the file most likely uses,
    /// so the UI can offer to read it that way with [`open_as`].
    NotUtf8 {
        byte_offset: usize,
        line: usize,
        column: usize,
        guess: Option<TextEncoding>,
    },
    /// A UTF-16 file (it has a UTF-16 byte-order mark) with a broken character.
    InvalidUtf16 { byte_offset: usize },
    /// A quoted value in the CSV header row that is never closed (in data rows it is one of the
    /// [`ImportError::BadRows`]); `row` and `line` are where the field starts,
    /// `column` is the field's position in the row (from 1).
    UnclosedQuote {
        row: usize,
        line: usize,
        column: usize,
    },
    /// CSV rows that cannot be read, all of them found in one reading (see [`BadRows`]). The
    /// rest can be imported without them with [`open_skipping_bad_rows`].
    BadRows(Box<BadRows>),
    /// The file was read but holds no contacts (a header row only, or no vCard with any data).
    NoContacts,
    /// The CSV headers are not a format the import knows: the user maps the columns instead.
    UnknownHeaders { columns: usize },
    /// A column mapping names a column the file does not have.
    MappingColumnOutOfRange { column: usize, columns: usize },
    /// A column mapping maps no column to a name, a company or an e-mail address, so the
    /// contacts would have nothing to be recognised by.
    MappingWithoutName,
}

impl ImportError {
    /// Stable identifier of the message, for the UI's translation catalogue.
    pub fn code(&self) -> ProblemCode {
        match self {
            ImportError::Empty => ProblemCode::ImportEmpty,
            ImportError::NotText { .. } => ProblemCode::ImportNotText,
            ImportError::UnsupportedText { .. } => ProblemCode::ImportUnsupportedText,
            ImportError::NotUtf8 { .. } => ProblemCode::ImportNotUtf8,
            ImportError::InvalidUtf16 { .. } => ProblemCode::ImportInvalidUtf16,
            ImportError::UnclosedQuote { .. } => ProblemCode::ImportUnclosedQuote,
            ImportError::BadRows(_) => ProblemCode::ImportBadRows,
            ImportError::NoContacts => ProblemCode::ImportNoContacts,
            ImportError::UnknownHeaders { .. } => ProblemCode::ImportUnknownHeaders,
            ImportError::MappingColumnOutOfRange { .. } => {
                ProblemCode::ImportMappingColumnOutOfRange
            }
            ImportError::MappingWithoutName => ProblemCode::ImportMappingWithoutName,
        }
    }

    /// The values the message names, as `{placeholder}` → value pairs for the catalogue.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ImportError::Empty | ImportError::NoContacts | ImportError::MappingWithoutName => {
                Vec::new()
            }
            ImportError::NotText { kind } => vec![("kind", kind.code().to_string())],
            ImportError::UnsupportedText { kind } => vec![("kind", kind.code().to_string())],
            ImportError::NotUtf8 {
                byte_offset,
                line,
                column,
                guess,
            } => vec![
                ("byte_offset", byte_offset.to_string()),
                ("line", line.to_string()),
                ("column", column.to_string()),
                (
                    "guess",
                    guess.map(|g| g.label().to_string()).unwrap_or_default(),
                ),
            ],
            ImportError::InvalidUtf16 { byte_offset } => {
                vec![("byte_offset", byte_offset.to_string())]
            }
            ImportError::UnclosedQuote { row, line, column } => vec![
                ("row", row.to_string()),
                ("line", line.to_string()),
                ("column", column.to_string()),
            ],
            ImportError::UnknownHeaders { columns } => vec![("columns", columns.to_string())],
            ImportError::BadRows(bad) => vec![
                ("count", bad.count().to_string()),
                ("good", bad.good_rows.to_string()),
                ("more", bad.more.to_string()),
            ],
            ImportError::MappingColumnOutOfRange { column, columns } => vec![
                ("column", column.to_string()),
                ("columns", columns.to_string()),
            ],
        }
    }

    /// The row (CSV, spreadsheet numbering with the header as row 1) the problem is on, if any.
    pub fn row(&self) -> Option<usize> {
        match self {
            ImportError::UnclosedQuote { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// The line of the file (from 1) the problem is on, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            ImportError::NotUtf8 { line, .. } | ImportError::UnclosedQuote { line, .. } => {
                Some(*line)
            }
            _ => None,
        }
    }
}

/// English wording for logs and test output; the UI uses [`ImportError::code`] instead.
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "The file is empty."),
            ImportError::NotText { kind } => {
                write!(f, "This is not a text file: it looks like {}.", kind.describe())
            }
            ImportError::UnsupportedText { kind } => write!(
                f,
                "This file is {}, not contacts in CSV or vCard format.",
                kind.describe()
            ),
            ImportError::NotUtf8 {
                byte_offset,
                line,
                column,
                guess,
            } => {
                write!(
                    f,
                    "The file is not UTF-8 text: line {line}, column {column} (byte {byte_offset}) is not a UTF-8 character."
                )?;
                if let Some(guess) = guess {
                    write!(f, " It looks like {} text.", guess.label())?;
                }
                Ok(())
            }
            ImportError::InvalidUtf16 { byte_offset } => write!(
                f,
                "The file says it is UTF-16 but has a broken character at byte {byte_offset}."
            ),
            ImportError::UnclosedQuote { row, line, column } => write!(
                f,
                "Row {row} (line {line}): the quoted value in column {column} is never closed."
            ),
            ImportError::BadRows(bad) => {
                write!(f, "{} rows cannot be read:", bad.count())?;
                for problem in &bad.problems {
                    write!(f, " row {} (line {}): ", problem.row, problem.line)?;
                    match problem.reason {
                        RowReason::WrongWidth { expected, found } => write!(
                            f,
                            "{found} values, but the header has {expected} columns;"
                        )?,
                        RowReason::UnclosedQuote { column, resumed_at } => {
                            write!(f, "the quoted value in column {column} is never closed")?;
                            match resumed_at {
                                Some(line) => write!(f, ", reading resumed at line {line};")?,
                                None => write!(f, " up to the end of the file;")?,
                            }
                        }
                        RowReason::NotUtf8 { line, column } => write!(
                            f,
                            "line {line}, column {column} is not a UTF-8 character;"
                        )?,
                    }
                }
                if bad.more > 0 {
                    write!(f, " and {} more.", bad.more)?;
                }
                write!(f, " {} rows are good.", bad.good_rows)
            }
            ImportError::NoContacts => write!(f, "The file holds no contacts."),
            ImportError::UnknownHeaders { columns } => write!(
                f,
                "The {columns} column headers are not a known contacts format; map the columns to contact fields."
            ),
            ImportError::MappingColumnOutOfRange { column, columns } => write!(
                f,
                "The column mapping names column {column}, but the file has {columns} columns."
            ),
            ImportError::MappingWithoutName => write!(
                f,
                "Map at least one column to a name, a company or an e-mail address."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A file that was decoded and recognised, ready to be read into contacts.
#[derive(Debug, Clone)]
pub struct ImportSource {
    pub format: ImportFormat,
    pub encoding: TextEncoding,
    content: Content,
    /// The rows left out when the file was opened with [`open_skipping_bad_rows`].
    skipped: Option<Box<BadRows>>,
}

#[derive(Debug, Clone)]
enum Content {
    Csv(CsvTable),
    VCard(String),
}

/// Decodes and recognises a file (the encoding is detected; see [`open_as`] to choose it). A CSV
/// file with rows that cannot be read is refused with [`ImportError::BadRows`], which lists
/// them all; [`open_skipping_bad_rows`] opens it without them.
pub fn open(bytes: &[u8]) -> Result<ImportSource, ImportError> {
    open_with(bytes, None, false)
}

/// Like [`open`], but reads the bytes in the given encoding, e.g. after the user accepted the
/// Windows-1252 guess of an [`ImportError::NotUtf8`].
pub fn open_as(bytes: &[u8], encoding: TextEncoding) -> Result<ImportSource, ImportError> {
    open_with(bytes, Some(encoding), false)
}

/// Opens a file as [`open`] (or [`open_as`] with an encoding) does, but leaves out the CSV rows
/// that cannot be read, once the user has seen them and chosen to import the rest. The rows
/// left out are in [`ImportSource::skipped`].
pub fn open_skipping_bad_rows(
    bytes: &[u8],
    encoding: Option<TextEncoding>,
) -> Result<ImportSource, ImportError> {
    open_with(bytes, encoding, true)
}

fn open_with(
    bytes: &[u8],
    encoding: Option<TextEncoding>,
    skip_bad_rows: bool,
) -> Result<ImportSource, ImportError> {
    let decoded = match encoding {
        Some(encoding) => encoding::decode_as(bytes, encoding),
        None => encoding::decode(bytes),
    };
    let (decoded, not_utf8) = match decoded {
        Ok(decoded) => (decoded, None),
        // A CSV file that is UTF-8 but for a few rows (typed in another program, pasted from
        // an old file) reads as UTF-8 with those rows named; a vCard file, or a file whose
        // every row is in another encoding, keeps the offer to read it in that encoding.
        Err(error @ ImportError::NotUtf8 { .. }) => {
            let (text, flaws) = encoding::decode_lossy(bytes);
            if detect::sniff_text(&text) != Ok(detect::TextShape::Csv) {
                return Err(error);
            }
            let decoded = encoding::Decoded {
                text,
                encoding: TextEncoding::Utf8,
            };
            (decoded, Some((error, flaws)))
        }
        Err(error) => return Err(error),
    };
    let encoding = decoded.encoding;
    let text = decoded.text;
    match detect::sniff_text(&text)? {
        detect::TextShape::VCard => Ok(ImportSource {
            format: ImportFormat::VCard,
            encoding,
            content: Content::VCard(text),
            skipped: None,
        }),
        detect::TextShape::Csv => {
            let flaws = not_utf8
                .as_ref()
                .map_or(&[][..], |(_, flaws)| flaws.as_slice());
            let read = match csv_table::read_flawed(&text, flaws) {
                Err(ImportError::NotUtf8 { .. }) => {
                    return Err(not_utf8.map_or(ImportError::Empty, |(error, _)| error))
                }
                other => other?,
            };
            let skipped = if read.problems.is_empty() {
                None
            } else {
                if read.table.is_empty() {
                    if let Some((error, _)) = not_utf8 {
                        return Err(error);
                    }
                }
                // The lines of bytes that were not UTF-8 are copied from the file itself, so
                // that the user gets them back exactly as they were.
                let original = match &not_utf8 {
                    Some(_) => bytes,
                    None => text.as_bytes(),
                };
                let mut skipped_file = match &not_utf8 {
                    Some(_) => Vec::new(),
                    // A byte-order mark makes Excel open the UTF-8 file as UTF-8.
                    None => vec![0xEF, 0xBB, 0xBF],
                };
                copy_lines(original, &read, &mut skipped_file);
                let mut problems = read.problems;
                let more = problems.len().saturating_sub(BadRows::LISTED);
                problems.truncate(BadRows::LISTED);
                let bad = Box::new(BadRows {
                    problems,
                    more,
                    good_rows: read.table.len(),
                    guess: not_utf8.map(|_| TextEncoding::Windows1252),
                    skipped_file,
                });
                if !skip_bad_rows {
                    return Err(ImportError::BadRows(bad));
                }
                Some(bad)
            };
            let format = detect::csv_format(&read.table.headers);
            Ok(ImportSource {
                format,
                encoding,
                content: Content::Csv(read.table),
                skipped,
            })
        }
    }
}

/// Appends the header's lines and every problem row's lines of `original` to `out`, each line
/// with its own line break (one is added to a last line that has none).
fn copy_lines(original: &[u8], read: &csv_table::CsvRead, out: &mut Vec<u8>) {
    let mut wanted = vec![read.header_lines];
    wanted.extend(read.problems.iter().map(|p| (p.line, p.last_line)));
    let mut wanted = wanted.into_iter().peekable();
    let mut line = 1;
    let mut start = 0;
    while start < original.len() {
        let Some(&(first, last)) = wanted.peek() else {
            break;
        };
        let mut end = original[start..]
            .iter()
            .position(|b| matches!(b, b'\r' | b'\n'))
            .map_or(original.len(), |i| start + i + 1);
        if original.get(end - 1) == Some(&b'\r') && original.get(end) == Some(&b'\n') {
            end += 1;
        }
        if (first..=last).contains(&line) {
            out.extend_from_slice(&original[start..end]);
            if !matches!(original.get(end - 1), Some(b'\r' | b'\n')) {
                out.extend_from_slice(b"\r\n");
            }
        }
        if line >= last {
            wanted.next();
        }
        line += 1;
        start = end;
    }
}

impl ImportSource {
    /// The rows left out because they could not be read, when the file was opened with
    /// [`open_skipping_bad_rows`].
    pub fn skipped(&self) -> Option<&BadRows> {
        self.skipped.as_deref()
    }

    /// The CSV header row; `None` for a vCard file.
    pub fn csv_headers(&self) -> Option<&[String]> {
        match &self.content {
            Content::Csv(table) => Some(&table.headers),
            Content::VCard(_) => None,
        }
    }

    /// The CSV table itself, e.g. for the first rows shown beside the column mapping.
    pub fn csv_table(&self) -> Option<&CsvTable> {
        match &self.content {
            Content::Csv(table) => Some(table),
            Content::VCard(_) => None,
        }
    }

    /// A mapping suggested from the header names, for the mapping step; `None` for vCard.
    pub fn suggested_mapping(&self) -> Option<ColumnMapping> {
        self.csv_headers().map(suggest_mapping)
    }

    /// Reads the contacts of a recognised format. A CSV file with unknown headers gives
    /// [`ImportError::UnknownHeaders`]: use [`ImportSource::parse_with_mapping`] for it.
    pub fn parse(&self) -> Result<ParsedImport, ImportError> {
        let mut parsed = match (&self.content, self.format) {
            (Content::VCard(text), _) => vcard::parse(text),
            (Content::Csv(table), ImportFormat::GoogleCsv | ImportFormat::GoogleCsvLegacy) => {
                csv_formats::parse_google(table)
            }
            (
                Content::Csv(table),
                ImportFormat::OutlookDesktopCsv | ImportFormat::OutlookComCsv,
            ) => csv_formats::parse_outlook(table),
            (Content::Csv(table), _) => {
                return Err(ImportError::UnknownHeaders {
                    columns: table.headers.len(),
                })
            }
        };
        parsed.format = Some(self.format);
        parsed.encoding = Some(self.encoding);
        finish_parsed(parsed)
    }

    /// Reads any CSV file through a column mapping (also a recognised one, if the user prefers
    /// to map it by hand). A vCard file has no columns: it is read as by [`ImportSource::parse`].
    pub fn parse_with_mapping(&self, mapping: &ColumnMapping) -> Result<ParsedImport, ImportError> {
        let Content::Csv(table) = &self.content else {
            return self.parse();
        };
        let mut parsed = mapping::parse_mapped(table, mapping)?;
        parsed.format = Some(ImportFormat::GenericCsv);
        parsed.encoding = Some(self.encoding);
        finish_parsed(parsed)
    }
}

/// Reading the records of an [`ImportSource`] a slice of rows at a time, so that a caller with
/// a user interface can show progress and let the browser breathe between slices.
///
/// The result is the same as [`ImportSource::parse`] (or [`ImportSource::parse_with_mapping`])
/// whatever the slice sizes, because every CSV row is read on its own; a vCard file is read in
/// one step, since its cards are not indexed in advance.
#[derive(Debug, Clone)]
pub struct Parsing {
    mapping: Option<ColumnMapping>,
    next: usize,
    total: usize,
    parsed: ParsedImport,
}

impl ImportSource {
    /// Starts reading the records, as [`ImportSource::parse`] would with `mapping` `None`, or
    /// [`ImportSource::parse_with_mapping`] with a mapping. A problem found before any row is
    /// read (unknown headers, a mapping that names no contact) is refused here.
    pub fn start_parsing(&self, mapping: Option<ColumnMapping>) -> Result<Parsing, ImportError> {
        let total = match (&self.content, &mapping) {
            (Content::VCard(_), _) => 1,
            (Content::Csv(table), Some(mapping)) => {
                mapping::check_mapping(table, mapping)?;
                table.len()
            }
            (Content::Csv(table), None) => {
                if !matches!(
                    self.format,
                    ImportFormat::GoogleCsv
                        | ImportFormat::GoogleCsvLegacy
                        | ImportFormat::OutlookDesktopCsv
                        | ImportFormat::OutlookComCsv
                ) {
                    return Err(ImportError::UnknownHeaders {
                        columns: table.headers.len(),
                    });
                }
                table.len()
            }
        };
        Ok(Parsing {
            mapping,
            next: 0,
            total,
            parsed: ParsedImport::default(),
        })
    }

    /// Whether reading is counted in CSV rows; a vCard file is read in one step.
    pub fn counts_rows(&self) -> bool {
        matches!(self.content, Content::Csv(_))
    }
}

impl Parsing {
    /// The steps read so far: data rows of a CSV file, or 0 or 1 for a vCard file.
    pub fn done(&self) -> usize {
        self.next
    }

    /// All the steps there are.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn is_finished(&self) -> bool {
        self.next >= self.total
    }

    /// Reads up to `rows` more rows of `source`, which must be the source that started this.
    pub fn step(&mut self, source: &ImportSource, rows: usize) {
        let range = self.next..self.total.min(self.next.saturating_add(rows.max(1)));
        match (&source.content, &self.mapping) {
            (Content::VCard(text), _) => {
                if self.next == 0 {
                    self.parsed = vcard::parse(text);
                }
            }
            (Content::Csv(table), Some(mapping)) => {
                mapping::parse_mapped_rows(table, mapping, range.clone(), &mut self.parsed)
            }
            (Content::Csv(table), None) => match source.format {
                ImportFormat::OutlookDesktopCsv | ImportFormat::OutlookComCsv => {
                    csv_formats::parse_outlook_rows(table, range.clone(), &mut self.parsed)
                }
                _ => csv_formats::parse_google_rows(table, range.clone(), &mut self.parsed),
            },
        }
        self.next = range.end;
    }

    /// The records read, as [`ImportSource::parse`] gives them; the rest of the rows are read
    /// first if any are left.
    pub fn finish(mut self, source: &ImportSource) -> Result<ParsedImport, ImportError> {
        while !self.is_finished() {
            self.step(source, usize::MAX);
        }
        let mut parsed = self.parsed;
        parsed.format = Some(match self.mapping {
            Some(_) if source.counts_rows() => ImportFormat::GenericCsv,
            _ => source.format,
        });
        parsed.encoding = Some(source.encoding);
        finish_parsed(parsed)
    }
}

/// Reads a file in one go: decode, recognise, parse. Generic CSV gives
/// [`ImportError::UnknownHeaders`], since it needs the mapping step.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedImport, ImportError> {
    open(bytes)?.parse()
}

fn finish_parsed(mut parsed: ParsedImport) -> Result<ParsedImport, ImportError> {
    parsed.contacts.retain(|contact| !contact.is_blank());
    if parsed.contacts.is_empty() {
        return Err(ImportError::NoContacts);
    }
    Ok(parsed)
}

// ---------------------------------------------------------------------------------------------
// Small text helpers shared by the format readers.

/// Trims and collapses runs of white space inside a one-line value.
pub(crate) fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Compares two names as the duplicate check does: white space collapsed, case ignored.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The key names and organisations are compared by.
pub(crate) fn name_key(text: &str) -> String {
    collapse_spaces(text).to_lowercase()
}

pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

fn is_empty_value(value: &AttrValue) -> bool {
    matches!(value, AttrValue::Text(text) if text.trim().is_empty())
}

/// Lower-case particles that belong to the surname ("von Bülow", "van der Berg", "de la Cruz").
const SURNAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "af", "av", "zu", "ten", "ter", "bin", "al",
];

/// Courtesy titles that may lead a display name; they are not part of the first name.
const NAME_PREFIXES: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "herr", "frau",
];

/// Splits a display name into first, middle and surname: `Surname, First Middle` or
/// `First Middle [particles] Surname`. One word is taken as the first name.
pub(crate) fn split_full_name(name: &str) -> (String, String, String) {
    if let Some((surname, given)) = name.split_once(',') {
        let mut words = given.split_whitespace();
        let first = words.next().unwrap_or_default().to_string();
        let middle = words.collect::<Vec<_>>().join(" ");
        if !first.is_empty() {
            return (first, middle, collapse_spaces(surname));
        }
    }
    let mut words = name.split_whitespace().collect::<Vec<_>>();
    while words.len() > 1 && NAME_PREFIXES.contains(&words[0].to_lowercase().as_str()) {
        words.remove(0);
    }
    match words.len() {
        0 => Default::default(),
        1 => (words[0].to_string(), String::new(), String::new()),
        // Chinese, Japanese and Korean names are written family name first ("山田 一郎").
        2 if words[0].chars().any(is_cjk) => {
            (words[1].to_string(), String::new(), words[0].to_string())
        }
        n => {
            let mut surname_start = n - 1;
            while surname_start > 1 && SURNAME_PARTICLES.contains(&words[surname_start - 1]) {
                surname_start -= 1;
            }
            (
                words[0].to_string(),
                words[1..surname_start].join(" "),
                words[surname_start..].join(" "),
            )
        }
    }
}

/// Han, kana and hangul: scripts whose names put the family name first.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A date as contact files write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateValue {
    Full(NaiveDate),
    /// A birthday whose year is not known (`--07-24`).
    NoYear {
        month: u32,
        day: u32,
    },
    /// Outlook's way of writing "no date": `0/0/00` (and `1/1/4501`).
    Empty,
}

/// Reads `YYYY-MM-DD`, `YYYYMMDD`, `--MM-DD`, `--MMDD`, a date-time (its date), Outlook's
/// `M/D/YYYY` (and `0/0/00` for none) and the Finnish `D.M.YYYY`.
pub(crate) fn parse_date(text: &str) -> Option<DateValue> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix("--") {
        let rest = rest.replace('-', "");
        if rest.len() == 4 && digits(&rest) {
            let month: u32 = rest[..2].parse().ok()?;
            let day: u32 = rest[2..].parse().ok()?;
            NaiveDate::from_ymd_opt(2000, month, day)?;
            return Some(DateValue::NoYear { month, day });
        }
        return None;
    }
    // A date-time such as `2024-06-05T10:15:00Z` or `19880108T000000`: its date part.
    let date_part = text.split(['T', 't', ' ']).next().unwrap_or(text);
    if date_part.contains('/') {
        let parts = date_part.split('/').collect::<Vec<_>>();
        if parts.len() != 3 || !parts.iter().all(|p| digits(p)) {
            return None;
        }
        let a: u32 = parts[0].parse().ok()?;
        let b: u32 = parts[1].parse().ok()?;
        let year: i32 = parts[2].parse().ok()?;
        if a == 0 || b == 0 || year == 4501 {
            return Some(DateValue::Empty);
        }
        let year = if parts[2].len() <= 2 {
            1900 + year
        } else {
            year
        };
        // Outlook writes the US order; a first number above 12 can only be a day.
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        return NaiveDate::from_ymd_opt(year, month, day).map(DateValue::Full);
    }
    if date_part.contains('.') {
        let parts = date_part.split('.').collect::<Vec<_>>();
        if parts.len() == 3 && parts.iter().all(|p| digits(p)) && parts[2].len() == 4 {
            let day: u32 = parts[0].parse().ok()?;
            let month: u32 = parts[1].parse().ok()?;
            let year: i32 = parts[2].parse().ok()?;
            return NaiveDate::from_ymd_opt(year, month, day).map(DateValue::Full);
        }
        return None;
    }
    let compact = date_part.replace('-', "");
    if compact.len() == 8 && digits(&compact) {
        let year: i32 = compact[..4].parse().ok()?;
        let month: u32 = compact[4..6].parse().ok()?;
        let day: u32 = compact[6..].parse().ok()?;
        return NaiveDate::from_ymd_opt(year, month, day).map(DateValue::Full);
    }
    None
}

/// Turns what files write for a language into an ISO 639-1 code: `fi`, `FI`, `fi-FI`, `fin`,
/// `Finnish`, `suomi` → `fi`. `None` when it is not recognisable.
pub(crate) fn normalise_language(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let head = lower.split(['-', '_', ' ']).next().unwrap_or_default();
    let by_name: &[(&[&str], &str)] = &[
        (&["finnish", "suomi", "fin", "suomeksi"], "fi"),
        (&["swedish", "svenska", "ruotsi", "swe", "schwedisch"], "sv"),
        (
            &["english", "englanti", "eng", "englisch", "engelska"],
            "en",
        ),
        (&["german", "deutsch", "saksa", "deu", "ger", "tyska"], "de"),
        (
            &["french", "français", "francais", "ranska", "fra", "fre"],
            "fr",
        ),
        (&["japanese", "japani", "jpn", "日本語"], "ja"),
        (&["greek", "kreikka", "ell", "gre", "ελληνικά"], "el"),
        (&["norwegian", "norsk", "norja", "nor"], "no"),
        (&["danish", "dansk", "tanska", "dan"], "da"),
        (&["estonian", "eesti", "viro", "est"], "et"),
        (&["russian", "venäjä", "rus", "русский"], "ru"),
        (&["spanish", "español", "espanja", "spa"], "es"),
        (&["italian", "italiano", "italia", "ita"], "it"),
        (&["dutch", "nederlands", "hollanti", "nld", "dut"], "nl"),
    ];
    for (names, code) in by_name {
        if names.contains(&lower.as_str()) || names.contains(&head) {
            return Some((*code).to_string());
        }
    }
    if head.len() == 2 && head.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(head.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_split_with_particles_and_commas() {
        let split = |name| split_full_name(name);
        assert_eq!(
            split("Matthias von Bülow"),
            ("Matthias".into(), "".into(), "von Bülow".into())
        );
        assert_eq!(
            split("Anna Liisa Maria Virtanen"),
            ("Anna".into(), "Liisa Maria".into(), "Virtanen".into())
        );
        assert_eq!(
            split("Eriksson, Åke"),
            ("Åke".into(), "".into(), "Eriksson".into())
        );
        assert_eq!(
            split("Dr. Hanna Kinnunen"),
            ("Hanna".into(), "".into(), "Kinnunen".into())
        );
        assert_eq!(split("Sami"), ("Sami".into(), "".into(), "".into()));
        assert_eq!(
            split("山田 一郎"),
            ("一郎".into(), "".into(), "山田".into())
        );
        assert_eq!(split("  "), Default::default());
    }

    #[test]
    fn dates_are_read_in_every_spelling_files_use() {
        let full = |y, m, d| Some(DateValue::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(parse_date("1979-11-18"), full(1979, 11, 18));
        assert_eq!(parse_date("19880108"), full(1988, 1, 8));
        assert_eq!(parse_date("11/27/1993"), full(1993, 11, 27));
        assert_eq!(parse_date("27/11/1993"), full(1993, 11, 27));
        assert_eq!(parse_date("24.7.1978"), full(1978, 7, 24));
        assert_eq!(parse_date("2024-06-05T10:15:00Z"), full(2024, 6, 5));
        assert_eq!(
            parse_date("--07-24"),
            Some(DateValue::NoYear { month: 7, day: 24 })
        );
        assert_eq!(
            parse_date("--0119"),
            Some(DateValue::NoYear { month: 1, day: 19 })
        );
        assert_eq!(parse_date("0/0/00"), Some(DateValue::Empty));
        assert_eq!(parse_date("2/30/2001"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("--13-01"), None);
    }

    #[test]
    fn languages_are_normalised_to_iso_codes() {
        assert_eq!(normalise_language("fi-FI").as_deref(), Some("fi"));
        assert_eq!(normalise_language("Suomi").as_deref(), Some("fi"));
        assert_eq!(normalise_language("SV").as_deref(), Some("sv"));
        assert_eq!(normalise_language("Deutsch").as_deref(), Some("de"));
        assert_eq!(normalise_language("Klingon language"), None);
    }

    #[test]
    fn a_record_with_only_an_organisation_becomes_the_company() {
        let mut contact = ImportedContact {
            company_name: "Acme Oy".into(),
            email: "info@acme.example".into(),
            ..Default::default()
        };
        contact.finish();
        assert!(contact.is_company());
        assert_eq!(contact.name, "Acme Oy");
    }

    #[test]
    fn extra_emails_and_phones_are_kept_as_attributes() {
        let mut contact = ImportedContact::default();
        for address in ["a@x.example", "b@x.example", "A@X.example", "c@x.example"] {
            contact.push_email(address);
        }
        assert_eq!(contact.email, "a@x.example");
        assert_eq!(contact.email_2, "b@x.example");
        assert_eq!(
            contact.attributes["E-mail 3"],
            AttrValue::Text("c@x.example".into())
        );
        contact.push_phone("040 1", PhoneKind::Mobile, "Mobile");
        contact.push_phone("09 1", PhoneKind::Voice, "Work");
        contact.push_phone("09 2", PhoneKind::Voice, "Home");
        contact.push_phone("09 3", PhoneKind::Fax, "Work Fax");
        assert_eq!(contact.mobile, "040 1");
        assert_eq!(contact.phone, "09 1");
        assert_eq!(
            contact.attributes["Phone (Home)"],
            AttrValue::Text("09 2".into())
        );
        assert_eq!(contact.attributes["Fax"], AttrValue::Text("09 3".into()));
    }
}
