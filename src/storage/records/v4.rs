//! Format 4's records, frozen once released: format 3's layout with the interaction template's
//! e-mails (issue 13 item 5): per letter language its own subject, body and attachment choice,
//! appended as the template's last field. A template is held by [`Record::Template`], so
//! [`Record`], and the journal entry and backup holding records, are defined again here too.
//!
//! As in `v3.rs`, only the types whose layout changed are defined here; every other type is
//! format 3's (and so format 2's and 1's) own, re-exported. Nothing here changes once a release
//! has written format 4 (field and variant order are the bytes, see `v1.rs`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use super::v3::{
    AddOptions, Alias, AttrValue, Classification, ClassificationKind, Code, Comment, Condition,
    Contact, ContactField, ContactId, ContactKind, CorrespondenceType, Counters, Criteria,
    CriteriaAction, CriteriaStep, EntryField, EntryId, Evaluation, FieldKind, Filter, FilterText,
    IdKind, ImportBatchId, ImportUndo, InformationFlow, InitiatedBy, InteractionGroup,
    InteractionLogEntry, LetterBatch, LetterBody, LetterRef, LoggedSegment, LoggedSegmentId,
    Member, NamePart, Opportunity, OpportunityId, Origin, OurCompany, ProfileAnswer,
    ProfileAnswerRef, ProfileField, ProfileQuestionnaire, RecordKey, Salesperson,
    SalutationFormula, SalutationKind, SavedCriteria, Segment, SegmentId, SegmentLine, Stamps,
    StoredLetter, TeamDoc, TeamSettings, TemplateLetter,
};

/// New in format 4: what an e-mail draft attaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailAttachment {
    Docx,
    Pdf,
    None,
}

/// New in format 4: one language's e-mail on a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEmail {
    pub language: String,
    pub subject: String,
    pub body: String,
    pub attachment: EmailAttachment,
}

/// Format 3's template with its e-mails appended.
///
/// `emails` defaults to none when a JSON body lacks it: a shared document of a template
/// without e-mails is written without the field (`storage/team/docs.rs`), so that it stays the
/// document a teammate on format 3 writes. Postcard reads every field in order whatever the
/// attribute says, so the bytes on disk are unaffected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// New in format 4.
    #[serde(default)]
    pub emails: Vec<TemplateEmail>,
}

/// Format 3's records, with format 4's template.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Record {
    Contact(Contact),
    Segment(Segment),
    LoggedSegment(LoggedSegment),
    Entry(InteractionLogEntry),
    Opportunity(Opportunity),
    SavedCriteria(SavedCriteria),
    Classification(ClassificationKind, Classification),
    Questionnaire(ProfileQuestionnaire),
    Salesperson(Salesperson),
    InteractionGroup(InteractionGroup),
    /// Changed in format 4: the template holds its e-mails.
    Template(InteractionTemplate),
    SalutationFormula(SalutationFormula),
    OurCompany(OurCompany),
    Counters(Counters),
    ImportUndo(ImportUndo),
    TeamDoc(TeamDoc),
    Alias(Alias),
    Member(Member),
    TeamSettings(TeamSettings),
}

/// One journal entry: format 3's layout, with format 4's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
}

/// The backup file of format 4: format 3's layout, with format 4's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub version: u32,
    pub created: NaiveDateTime,
    pub records: Vec<Record>,
    #[serde(default)]
    pub letter_batches: Vec<LetterBatch>,
}
