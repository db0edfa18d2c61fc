//! Format 1's records, frozen: the layout the first release wrote, field for field and variant
//! for variant, in the order it wrote them.
//!
//! Postcard stores fields by position and enum variants by index, without names, so the order of
//! every field and variant here *is* the format: reordering, renaming a variant, or adding a
//! field changes the bytes (`tests/it/storage_fixtures.rs` fails on it). These types therefore never
//! change. A new format is a new module (`v2.rs`) with one upgrade step from this one; see
//! `records/mod.rs`. The backup file (JSON) uses the same types, so its field names are frozen
//! here too.
//!
//! The conversions to and from the core types are in `v1_convert.rs`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

macro_rules! ids {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);
    )*};
}

ids!(
    ContactId,
    SegmentId,
    LoggedSegmentId,
    EntryId,
    OpportunityId,
    ImportBatchId
);

/// A code exactly as stored (already normalised when it was first made).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Code(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamps {
    pub created: NaiveDateTime,
    pub modified: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactKind {
    Company,
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrespondenceType {
    None,
    HardCopy,
    Email,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AttrValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProfileAnswerRef {
    pub questionnaire: Code,
    pub answer: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub kind: ContactKind,
    pub company: Option<ContactId>,
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
    pub import_batch: Option<ImportBatchId>,
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub code: Code,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClassificationKind {
    MailingGroup,
    IndustryGroup,
    BusinessRelation,
    JobResponsibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileAnswer {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileQuestionnaire {
    pub code: Code,
    pub description: String,
    pub answers: Vec<ProfileAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salesperson {
    pub code: Code,
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionGroup {
    pub code: Code,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InformationFlow {
    None,
    Outbound,
    Inbound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InitiatedBy {
    None,
    Us,
    Them,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LetterBody {
    Text(String),
    Docx { file_name: String, bytes: Vec<u8> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLetter {
    pub language: String,
    pub subject: String,
    pub body: LetterBody,
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SalutationKind {
    Formal,
    Informal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NamePart {
    JobTitle,
    FirstName,
    MiddleName,
    Surname,
    Initials,
    CompanyName,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalutationFormula {
    pub salutation_code: Code,
    pub language: String,
    pub kind: SalutationKind,
    pub formula: String,
    pub parts: Vec<NamePart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evaluation {
    None,
    VeryPositive,
    Positive,
    Neutral,
    Negative,
    VeryNegative,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub letter: Option<TemplateLetter>,
    pub lines: Vec<SegmentLine>,
    pub history: Vec<CriteriaStep>,
    pub next_line_no: u32,
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub comment: String,
    pub letter: Option<LetterBody>,
    pub opportunity: Option<OpportunityId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCriteria {
    pub code: Code,
    pub description: String,
    pub actions: Vec<CriteriaAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedSegment {
    pub id: LoggedSegmentId,
    pub segment_no: String,
    pub description: String,
    pub created: NaiveDateTime,
    pub canceled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterRef {
    pub batch: LoggedSegmentId,
    pub file_name: String,
    pub mime: String,
    pub size: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterBatch {
    pub id: LoggedSegmentId,
    pub letters: Vec<(EntryId, StoredLetter)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLetter {
    pub file_name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
    pub merge_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub at: NaiveDateTime,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Bool,
}

/// A filter as its kind and the text the user wrote; the core parses the text again when it
/// is loaded, so a stored filter can never hold a tree its text would not produce.
///
/// Decoding already checks that the text parses, so that a backup with a broken filter is
/// refused with the line and column where the broken record stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FilterText")]
pub struct Filter {
    pub kind: FieldKind,
    pub source: String,
}

/// [`Filter`] before its text was checked. The check parses the text with the core's parser,
/// so it is a conversion to the core and lives in `v1_convert.rs` (`TryFrom<FilterText>`).
#[derive(Deserialize)]
pub struct FilterText {
    pub kind: FieldKind,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition<F> {
    Field { field: F, filter: Filter },
    And(Vec<Condition<F>>),
    Or(Vec<Condition<F>>),
    Not(Box<Condition<F>>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactField {
    Kind,
    No,
    Name,
    FirstName,
    MiddleName,
    Surname,
    JobTitle,
    OrganizationalLevel,
    Address,
    Address2,
    PostCode,
    City,
    County,
    Country,
    Phone,
    Mobile,
    Email,
    Email2,
    Website,
    Language,
    SalutationCode,
    CorrespondenceType,
    ExcludeFromSegments,
    PrivacyBlocked,
    Salesperson,
    Territory,
    CompanyNo,
    CompanyName,
    Notes,
    Created,
    Modified,
    Attribute(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileField {
    Questionnaire,
    Answer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryField {
    Date,
    Template,
    Group,
    SegmentNo,
    Evaluation,
    Salesperson,
    Canceled,
    AttemptFailed,
    CorrespondenceType,
    InformationFlow,
    InitiatedBy,
    Description,
    Subject,
    Cost,
    Duration,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    pub contact: Option<Condition<ContactField>>,
    pub mailing_group: Option<Filter>,
    pub industry_group: Option<Filter>,
    pub business_relation: Option<Filter>,
    pub job_responsibility: Option<Filter>,
    pub profile: Option<Condition<ProfileField>>,
    pub entries: Option<Condition<EntryField>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOptions {
    pub allow_existing: bool,
    pub expand_companies: bool,
    pub add_related_companies: bool,
    pub ignore_exclusion: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CriteriaAction {
    Add {
        criteria: Criteria,
        options: AddOptions,
    },
    Reduce {
        criteria: Criteria,
        entire_companies: bool,
    },
    Refine {
        criteria: Criteria,
        entire_companies: bool,
    },
    AddContact(ContactId),
    RemoveContact(ContactId),
    ReuseLogged {
        logged: LoggedSegmentId,
        allow_existing: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaStep {
    pub action: CriteriaAction,
    pub inserted: Vec<u32>,
    pub removed: Vec<SegmentLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub contact: u32,
    pub segment: u32,
    pub logged_segment: u32,
    pub entry: u32,
    pub opportunity: u32,
    pub import_batch: u32,
}

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
    Template(InteractionTemplate),
    SalutationFormula(SalutationFormula),
    OurCompany(OurCompany),
    Counters(Counters),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordKey {
    Contact(ContactId),
    Segment(SegmentId),
    LoggedSegment(LoggedSegmentId),
    Entry(EntryId),
    Opportunity(OpportunityId),
    SavedCriteria(Code),
    Classification(ClassificationKind, Code),
    Questionnaire(Code),
    Salesperson(Code),
    InteractionGroup(Code),
    Template(Code),
    SalutationFormula(Code, String, SalutationKind),
}

/// One journal entry: the records one user action put and deleted. (The letters it logged are
/// written to their own place, not here.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
}

/// The backup file of format 1 (`kind` is always `segmentti-backup`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub version: u32,
    pub created: NaiveDateTime,
    pub records: Vec<Record>,
    #[serde(default)]
    pub letter_batches: Vec<LetterBatch>,
}
