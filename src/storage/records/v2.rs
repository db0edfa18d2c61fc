//! Format 2's records, frozen once released: format 1's layout with one new record kind, the
//! undo of an import ([`ImportUndo`]), appended as the last variant of [`Record`] and
//! [`RecordKey`].
//!
//! Only the types whose layout changed are defined here: [`Record`], [`RecordKey`], and the
//! types that hold them ([`Changes`], the journal entry, and [`Backup`], the backup file), plus
//! the new [`ImportUndo`]. Every other type is format 1's own, re-exported: its bytes (postcard)
//! and its field names (the backup's JSON) are the same in both formats, so a copy would be a
//! second frozen definition of the same layout, and each upgrade step would have to move every
//! record across field by field for nothing. Sharing is safe only because `v1.rs` never changes;
//! a later format that changes one of the shared types defines its own copy of it in its own
//! module instead of editing `v1.rs`.
//!
//! Like `v1.rs`, this module is the format: once a release has written format 2, nothing here
//! changes (field and variant order are the bytes, see `v1.rs`). A format 3 is a new module
//! with an upgrade step from this one (`upgrade.rs`).
//!
//! The conversions to and from the core types are in `v2_convert.rs` (for the types defined
//! here) and `v1_convert.rs` (for the shared ones).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use super::v1::{
    AddOptions, AttrValue, Classification, ClassificationKind, Code, Comment, Condition, Contact,
    ContactField, ContactId, ContactKind, CorrespondenceType, Counters, Criteria, CriteriaAction,
    CriteriaStep, EntryField, EntryId, Evaluation, FieldKind, Filter, FilterText, ImportBatchId,
    InformationFlow, InitiatedBy, InteractionGroup, InteractionLogEntry, InteractionTemplate,
    LetterBatch, LetterBody, LetterRef, LoggedSegment, LoggedSegmentId, NamePart, Opportunity,
    OpportunityId, OurCompany, ProfileAnswer, ProfileAnswerRef, ProfileField, ProfileQuestionnaire,
    Salesperson, SalutationFormula, SalutationKind, SavedCriteria, Segment, SegmentId, SegmentLine,
    Stamps, StoredLetter, TemplateLetter,
};

/// New in format 2: what an import changed in the contacts it updated, so that undoing it can
/// put them back. Field for field with `core::model::ImportUndo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    pub batch: ImportBatchId,
    /// (before the import, as the import left it), in id order.
    pub updated: Vec<(Contact, Contact)>,
}

/// Format 1's records, and [`ImportUndo`] appended last.
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
    /// New in format 2.
    ImportUndo(ImportUndo),
}

/// Format 1's record keys, and the key of an [`ImportUndo`] (its batch) appended last.
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
    /// New in format 2.
    ImportUndo(ImportBatchId),
}

/// One journal entry: the records one user action put and deleted. (The letters it logged are
/// written to their own place, not here.) Format 1's layout, with format 2's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
}

/// The backup file of format 2 (`kind` is always `segmentti-backup`): format 1's layout, with
/// format 2's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub version: u32,
    pub created: NaiveDateTime,
    pub records: Vec<Record>,
    #[serde(default)]
    pub letter_batches: Vec<LetterBatch>,
}
