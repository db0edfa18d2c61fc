//! The records the product keeps (product.md §2), as plain data.
//!
//! Fields are public: these are values, and the rules about them live in the operations of
//! [`crate::core::db::Db`] (validation, segments, logging), not in setters. Timestamps are
//! passed in by the caller; the core never reads a clock.

use crate::core::criteria::vocabulary::{AddOptions, Criteria};
use crate::core::ids::{
    Code, ContactId, EntryId, ImportBatchId, LoggedSegmentId, OpportunityId, SegmentId,
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Created and modified times of a record, both supplied by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Stamps {
    pub created: NaiveDateTime,
    pub modified: NaiveDateTime,
}

impl Stamps {
    pub fn new(now: NaiveDateTime) -> Self {
        Stamps {
            created: now,
            modified: now,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ContactKind {
    Company,
    #[default]
    Person,
}

/// How a contact prefers to be reached; `None` means no preference (BC's blank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum CorrespondenceType {
    #[default]
    None,
    HardCopy,
    Email,
}

/// The stable names of a value enum, written once: `as_str` (the name, `none` for no value),
/// `parse` (its inverse) and `field_value` (the name as a filter compares it and an export cell
/// shows it: blank for no value, as Business Central leaves the field blank). Filters, exports
/// and pages use these rather than spelling the names again.
macro_rules! stable_names {
    ($type:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every value, in the order pages offer them.
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The value's stable name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }

            /// The value of a stable name, if it is one.
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $($name => Some($type::$variant),)+
                    _ => None,
                }
            }

            /// The name as a filter compares it and an export cell shows it: blank for none.
            pub fn field_value(self) -> &'static str {
                if self == $type::None {
                    ""
                } else {
                    self.as_str()
                }
            }
        }

        /// A conflict message names the value by its stable name, which the UI words in the
        /// reader's language; never by Rust's debug form.
        impl crate::core::merge::Shown for $type {
            fn shown(&self) -> String {
                self.as_str().to_owned()
            }
        }
    };
}

stable_names!(CorrespondenceType {
    None => "none",
    HardCopy => "hard_copy",
    Email => "email",
});

/// A custom attribute's value: free-form name → text, number or date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AttrValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl AttrValue {
    /// The value as a letter or a CSV cell shows it.
    pub fn display(&self) -> String {
        match self {
            AttrValue::Text(text) => text.clone(),
            AttrValue::Number(number) => format_number(*number),
            AttrValue::Date(date) => date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Formats a number without a useless `.0`, so `5` stays `5` and `2.5` stays `2.5`.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// A profile answer given by a contact: the questionnaire and the answer's line number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProfileAnswerRef {
    pub questionnaire: Code,
    pub answer: u32,
}

/// A company or a person (product.md §2, reference-bc.md §1.1).
///
/// Classifications are kept on the contact itself. Industry groups and business relations are
/// only ever set on companies; persons inherit them through `company` when segments are built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Contact {
    pub id: ContactId,
    pub kind: ContactKind,
    /// For a person, the company it belongs to. Always `None` for a company.
    pub company: Option<ContactId>,
    /// For a company its name; for a person the full name, kept in step with the name parts.
    pub name: String,
    pub first_name: String,
    pub middle_name: String,
    pub surname: String,
    pub job_title: String,
    pub organizational_level: String,
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
    /// ISO 639-1 language code in lower case, e.g. `fi`; empty means unknown.
    pub language: String,
    pub salutation_code: Code,
    pub correspondence_type: CorrespondenceType,
    pub exclude_from_segments: bool,
    pub privacy_blocked: bool,
    pub salesperson: Option<Code>,
    pub territory: String,
    pub attributes: BTreeMap<String, AttrValue>,
    pub notes: String,
    pub mailing_groups: BTreeSet<Code>,
    pub industry_groups: BTreeSet<Code>,
    pub business_relations: BTreeSet<Code>,
    pub job_responsibilities: BTreeSet<Code>,
    pub profile_answers: BTreeSet<ProfileAnswerRef>,
    /// The import batch that created this contact, so that the import can be undone.
    pub import_batch: Option<ImportBatchId>,
    pub stamps: Stamps,
}

impl Contact {
    pub fn is_company(&self) -> bool {
        self.kind == ContactKind::Company
    }

    /// The contact's "Company No." in BC's sense: a company's own id, a person's company.
    pub fn company_no(&self) -> Option<ContactId> {
        match self.kind {
            ContactKind::Company => Some(self.id),
            ContactKind::Person => self.company,
        }
    }

    /// The person's name built from its parts, as BC fills Name from First/Middle/Surname.
    pub fn full_name_from_parts(&self) -> String {
        [&self.first_name, &self.middle_name, &self.surname]
            .iter()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A classification code with its description: mailing group, industry group, business
/// relation or job responsibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Classification {
    pub code: Code,
    pub description: String,
}

/// Which of the four plain classification tables a [`Classification`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClassificationKind {
    MailingGroup,
    IndustryGroup,
    BusinessRelation,
    JobResponsibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProfileAnswer {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProfileQuestionnaire {
    pub code: Code,
    pub description: String,
    pub answers: Vec<ProfileAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Salesperson {
    pub code: Code,
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
}

/// The sender, used by letter fields `{{our_company.*}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OurCompany {
    pub name: String,
    pub address: String,
    pub address_2: String,
    pub post_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub vat_no: String,
    pub bank_account: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InteractionGroup {
    pub code: Code,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum InformationFlow {
    #[default]
    None,
    Outbound,
    Inbound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum InitiatedBy {
    #[default]
    None,
    Us,
    Them,
}

stable_names!(InformationFlow {
    None => "none",
    Outbound => "outbound",
    Inbound => "inbound",
});

stable_names!(InitiatedBy {
    None => "none",
    Us => "us",
    Them => "them",
});

/// The body of a letter: written in the app's letter language, or an uploaded Word document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LetterBody {
    Text(String),
    Docx { file_name: String, bytes: Vec<u8> },
}

/// One language's letter on a template (reference-bc.md §1.5 "Template Languages").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLetter {
    /// ISO language code; empty means the template's default letter.
    pub language: String,
    pub subject: String,
    pub body: LetterBody,
}

/// What an e-mail draft carries as its attachment (issue 13 item 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum EmailAttachment {
    /// The contact's letter as a Word document: what a hard-copy line gets, and what drafts
    /// carried before a template could choose, so it stays the default.
    #[default]
    Docx,
    /// The contact's letter as a PDF laid out for a window envelope. Only a letter written in
    /// the letter language has a PDF; a Word letter is attached as its .docx instead.
    Pdf,
    /// No attachment: the e-mail's text is the whole message.
    None,
}

/// One language's e-mail on a template: its own subject and body in the letter language, merged
/// per contact like a letter, and what the draft attaches. A template without an e-mail for a
/// contact's language sends the letter's text instead (see `production::merge_line`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TemplateEmail {
    /// ISO language code, the same as the letter's it goes with; empty for the default.
    pub language: String,
    /// The subject, with `{{…}}` fields; empty means the line's or the letter's subject.
    pub subject: String,
    /// The body in the letter language; empty means the letter's text without the address.
    pub body: String,
    pub attachment: EmailAttachment,
}

impl TemplateEmail {
    /// Whether there is nothing of the e-mail's own: a template stores no such entry.
    pub fn is_blank(&self) -> bool {
        self.subject.trim().is_empty()
            && self.body.trim().is_empty()
            && self.attachment == EmailAttachment::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct InteractionTemplate {
    pub code: Code,
    pub group: Code,
    pub description: String,
    pub unit_cost: f64,
    pub unit_duration_min: f64,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
    pub correspondence_type_default: CorrespondenceType,
    pub ignore_contact_correspondence_type: bool,
    pub language_default: String,
    pub letters: Vec<TemplateLetter>,
    /// The e-mails of the template, at most one per letter language (new in storage format 4).
    pub emails: Vec<TemplateEmail>,
}

impl InteractionTemplate {
    /// The e-mail for the language whose letter a line gets (`letter_language`, the language of
    /// [`InteractionTemplate::letter_for`]'s answer), so that the e-mail and its attached
    /// letter are always in one language.
    pub fn email_for(&self, letter_language: &str) -> Option<&TemplateEmail> {
        self.emails.iter().find(|e| e.language == letter_language)
    }

    /// The letter for a language: the exact language if the template has it, else the
    /// default language's, else the first (product.md §5).
    pub fn letter_for(&self, language: &str) -> Option<&TemplateLetter> {
        self.letters
            .iter()
            .find(|letter| !language.is_empty() && letter.language == language)
            .or_else(|| {
                self.letters
                    .iter()
                    .find(|l| l.language == self.language_default)
            })
            .or_else(|| self.letters.first())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SalutationKind {
    Formal,
    Informal,
}

/// The contact field that fills one `%n` slot of a salutation formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NamePart {
    JobTitle,
    FirstName,
    MiddleName,
    Surname,
    Initials,
    CompanyName,
}

/// A salutation formula, e.g. `Dear %1 %2,` with parts [FirstName, Surname].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalutationFormula {
    pub salutation_code: Code,
    /// ISO language code; empty is the fallback for any language.
    pub language: String,
    pub kind: SalutationKind,
    pub formula: String,
    pub parts: Vec<NamePart>,
}

/// Evaluation of an interaction (reference-bc.md §1.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Evaluation {
    #[default]
    None,
    VeryPositive,
    Positive,
    Neutral,
    Negative,
    VeryNegative,
}

stable_names!(Evaluation {
    None => "none",
    VeryPositive => "very_positive",
    Positive => "positive",
    Neutral => "neutral",
    Negative => "negative",
    VeryNegative => "very_negative",
});

/// A segment: the header with its interaction defaults, its lines and its criteria history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Segment {
    pub id: SegmentId,
    pub description: String,
    pub date: Option<NaiveDate>,
    pub salesperson: Option<Code>,
    pub template: Option<Code>,
    pub group: Option<Code>,
    pub language: String,
    pub subject: String,
    pub correspondence_type_default: CorrespondenceType,
    pub ignore_contact_correspondence_type: bool,
    pub unit_cost: f64,
    pub unit_duration_min: f64,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
    /// The segment's own copy of its letter, edited without touching the template; `None`
    /// means the template's letter is used.
    pub letter: Option<TemplateLetter>,
    pub lines: Vec<SegmentLine>,
    /// Every criteria step applied so far, oldest first; Go Back pops the last one.
    pub history: Vec<CriteriaStep>,
    /// The next line number to hand out (lines are numbered in steps of 10000, as in BC).
    pub next_line_no: u32,
    pub stamps: Stamps,
}

/// One contact on a segment, carrying the header's values unless overridden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SegmentLine {
    pub line_no: u32,
    pub contact: ContactId,
    pub company: Option<ContactId>,
    pub description: String,
    pub subject: String,
    pub salesperson: Option<Code>,
    pub template: Option<Code>,
    pub group: Option<Code>,
    pub language: String,
    pub correspondence_type: CorrespondenceType,
    pub cost: f64,
    pub duration_min: f64,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
    pub date: Option<NaiveDate>,
    pub evaluation: Evaluation,
    pub attempt_failed: bool,
    /// The per-contact comment used by `{{comment}}`.
    pub comment: String,
    /// This contact's own edited copy of the letter, if any (product.md §5).
    pub letter: Option<LetterBody>,
    pub opportunity: Option<OpportunityId>,
}

/// One replayable criteria action, as a segment's history and saved criteria keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CriteriaAction {
    /// Add the contacts that match (reference-bc.md §2.2).
    Add {
        criteria: Criteria,
        options: AddOptions,
    },
    /// Remove the members that match (§2.3 "remove these").
    Reduce {
        criteria: Criteria,
        entire_companies: bool,
    },
    /// Keep only the members that match (§2.3 "keep only these").
    Refine {
        criteria: Criteria,
        entire_companies: bool,
    },
    /// A contact added by hand (§2.1: a manual line is a criteria action too).
    AddContact(ContactId),
    /// A contact removed by hand: all of its lines go.
    RemoveContact(ContactId),
    /// Add the contacts of a logged segment's entries (§2.6); contacts already on the segment
    /// are skipped unless `allow_existing` (product.md §3 "Reuse segment").
    ReuseLogged {
        logged: LoggedSegmentId,
        allow_existing: bool,
    },
}

/// One applied step on a segment: the action plus exactly what it did, so that Go Back can undo
/// it exactly (product.md §3: removed lines come back as they were, overrides included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaStep {
    pub action: CriteriaAction,
    /// Line numbers of the lines this step inserted.
    pub inserted: Vec<u32>,
    /// Exact copies of the lines this step removed, in line order.
    pub removed: Vec<SegmentLine>,
}

/// A named, replayable list of criteria actions (reference-bc.md §2.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCriteria {
    pub code: Code,
    pub description: String,
    pub actions: Vec<CriteriaAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedSegment {
    pub id: LoggedSegmentId,
    /// The number of the segment it was logged from, e.g. `SEG000042`.
    pub segment_no: String,
    pub description: String,
    pub created: NaiveDateTime,
    pub canceled: bool,
}

/// Where a logged entry's letter is kept. The bytes and merge data are not held in memory with
/// the entry: at 500,000 entries they would not fit. They are stored as one [`LetterBatch`] per
/// logged segment and read back when someone downloads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterRef {
    /// The batch the letter is in; stays set even after the logged segment itself is deleted.
    pub batch: LoggedSegmentId,
    pub file_name: String,
    pub mime: String,
    pub size: usize,
}

/// Every letter produced by logging one segment, written once in the same transaction as the
/// entries and never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterBatch {
    pub id: LoggedSegmentId,
    pub letters: Vec<(EntryId, StoredLetter)>,
}

impl LetterBatch {
    pub fn letter(&self, entry: EntryId) -> Option<&StoredLetter> {
        self.letters
            .iter()
            .find(|(id, _)| *id == entry)
            .map(|(_, letter)| letter)
    }
}

/// A letter exactly as it was produced for one contact, kept so it can be downloaded again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLetter {
    pub file_name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
    /// The field values the letter was merged from.
    pub merge_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub at: NaiveDateTime,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct InteractionLogEntry {
    pub id: EntryId,
    pub contact: ContactId,
    pub company: Option<ContactId>,
    pub date: Option<NaiveDate>,
    pub description: String,
    pub subject: String,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
    pub cost: f64,
    pub duration_min: f64,
    pub group: Option<Code>,
    pub template: Option<Code>,
    pub language: String,
    pub segment_no: String,
    /// `None` once a canceled logged segment was deleted (its entries are kept, unlinked).
    pub logged_segment: Option<LoggedSegmentId>,
    pub evaluation: Evaluation,
    pub attempt_failed: bool,
    pub salesperson: Option<Code>,
    pub canceled: bool,
    pub correspondence_type: CorrespondenceType,
    pub comments: Vec<Comment>,
    pub letter: Option<LetterRef>,
    pub opportunity: Option<OpportunityId>,
    pub logged_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: OpportunityId,
    pub contact: ContactId,
    pub segment_no: String,
    pub description: String,
    pub salesperson: Option<Code>,
    pub created: NaiveDateTime,
}

/// What an import changed in contacts that existed before it, so that undoing the import can
/// put them back (product.md §6: an import is undone as a whole). Written in the import's own
/// change set and deleted by its undo.
///
/// Both versions are kept: `before` is what undo restores, `after` is what the import left, so
/// undo can tell a contact changed again since (it then refuses instead of reverting that
/// later change without the user seeing it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    pub batch: ImportBatchId,
    /// (before the import, as the import left it), in id order.
    pub updated: Vec<(Contact, Contact)>,
}

#[cfg(test)]
mod stable_name_tests {
    use super::*;

    #[test]
    fn every_value_is_read_back_from_its_name_and_none_is_blank_in_filters_and_exports() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            none: T,
            as_str: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
            field_value: fn(T) -> &'static str,
        ) {
            for &value in all {
                assert_eq!(parse(as_str(value)), Some(value));
                let expected = if value == none { "" } else { as_str(value) };
                assert_eq!(field_value(value), expected);
            }
            let mut names: Vec<_> = all.iter().map(|v| as_str(*v)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), all.len(), "two values share a name");
            assert_eq!(parse("no such value"), None);
        }
        check(
            CorrespondenceType::ALL,
            CorrespondenceType::None,
            CorrespondenceType::as_str,
            CorrespondenceType::parse,
            CorrespondenceType::field_value,
        );
        check(
            Evaluation::ALL,
            Evaluation::None,
            Evaluation::as_str,
            Evaluation::parse,
            Evaluation::field_value,
        );
        check(
            InformationFlow::ALL,
            InformationFlow::None,
            InformationFlow::as_str,
            InformationFlow::parse,
            InformationFlow::field_value,
        );
        check(
            InitiatedBy::ALL,
            InitiatedBy::None,
            InitiatedBy::as_str,
            InitiatedBy::parse,
            InitiatedBy::field_value,
        );
        assert_eq!(Evaluation::VeryPositive.field_value(), "very_positive");
    }
}
