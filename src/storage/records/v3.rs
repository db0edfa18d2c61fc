//! Format 3's records, frozen once released: format 2's layout with the team's records appended
//! as the last variants of [`Record`] and [`RecordKey`] (`core::team`): a shared document with
//! its revisions ([`TeamDoc`]), the tie of a teammate's record to its local id ([`Alias`]), a
//! member of the team ([`Member`]) and this browser's own place in it ([`TeamSettings`]).
//!
//! As in `v2.rs`, only the types whose layout changed are defined here; every other type is
//! format 2's (and so format 1's) own, re-exported. Nothing here changes once a release has
//! written format 3 (field and variant order are the bytes, see `v1.rs`).
//!
//! A document body is a JSON object; postcard cannot carry a self-describing value, so bodies
//! are stored as their JSON text, and revisions as their text (`3-9f1c…`), which is also how
//! they appear in an exchange file and in CouchDB.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use super::v2::{
    AddOptions, AttrValue, Classification, ClassificationKind, Code, Comment, Condition, Contact,
    ContactField, ContactId, ContactKind, CorrespondenceType, Counters, Criteria, CriteriaAction,
    CriteriaStep, EntryField, EntryId, Evaluation, FieldKind, Filter, FilterText, ImportBatchId,
    ImportUndo, InformationFlow, InitiatedBy, InteractionGroup, InteractionLogEntry,
    InteractionTemplate, LetterBatch, LetterBody, LetterRef, LoggedSegment, LoggedSegmentId,
    NamePart, Opportunity, OpportunityId, OurCompany, ProfileAnswer, ProfileAnswerRef,
    ProfileField, ProfileQuestionnaire, Salesperson, SalutationFormula, SalutationKind,
    SavedCriteria, Segment, SegmentId, SegmentLine, Stamps, StoredLetter, TemplateLetter,
};

/// New in format 3: one shared document as a replica keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamDoc {
    pub id: String,
    /// The replica's sequence number of the document's last change.
    pub seq: u64,
    /// The path of revisions to each leaf, newest first, and whether the leaf is a tombstone.
    pub leaves: Vec<(Vec<String>, bool)>,
    /// The bodies kept, by revision, as JSON text.
    pub bodies: Vec<(String, String)>,
}

/// New in format 3: the random number naming one browser of a team (never 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Origin(pub u32);

/// New in format 3: the kinds of record with a numeric id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdKind {
    Contact,
    Segment,
    LoggedSegment,
    Entry,
    Opportunity,
}

/// New in format 3: a teammate's record's local id and global identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub kind: IdKind,
    pub local: u32,
    pub origin: Origin,
    pub serial: u32,
}

/// New in format 3: a member of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub origin: Origin,
    pub code: String,
    pub name: String,
}

/// New in format 3: this browser's place in its team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSettings {
    pub origin: Origin,
    pub code: String,
    pub name: String,
    pub shared_seq: u64,
}

/// Format 2's records, and the team's appended last.
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
    ImportUndo(ImportUndo),
    /// New in format 3.
    TeamDoc(TeamDoc),
    Alias(Alias),
    Member(Member),
    TeamSettings(TeamSettings),
}

/// Format 2's record keys, and the team's appended last.
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
    ImportUndo(ImportBatchId),
    /// New in format 3.
    TeamDoc(String),
    Alias(IdKind, u32),
    Member(Origin),
}

/// One journal entry: format 2's layout, with format 3's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
}

/// The backup file of format 3: format 2's layout, with format 3's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub version: u32,
    pub created: NaiveDateTime,
    pub records: Vec<Record>,
    #[serde(default)]
    pub letter_batches: Vec<LetterBatch>,
}
