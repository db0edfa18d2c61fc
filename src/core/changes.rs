//! The records one user action puts and deletes.
//!
//! Operations on [`crate::core::db::Db`] never change the database themselves: they compute a
//! [`Changes`] value. The store writes it in one IndexedDB transaction and only after that
//! commit does [`crate::core::db::Db::apply`] move the in-memory state on. A refused operation
//! therefore cannot leave anything half-done.

use crate::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, OpportunityId, SegmentId};
use crate::core::model::*;
use crate::core::team::ident::{Alias, IdKind, Member, Origin, TeamSettings};
use crate::core::team::replica::DocState;
use serde::{Deserialize, Serialize};

/// The counters ids are taken from. They are a record of their own, written in the same change
/// set as the records that use the new ids, so two actions never hand out the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Counters {
    pub contact: u32,
    pub segment: u32,
    pub logged_segment: u32,
    pub entry: u32,
    pub opportunity: u32,
    pub import_batch: u32,
}

impl Counters {
    pub fn take_contact(&mut self) -> ContactId {
        self.contact += 1;
        ContactId(self.contact)
    }
    pub fn take_segment(&mut self) -> SegmentId {
        self.segment += 1;
        SegmentId(self.segment)
    }
    pub fn take_logged_segment(&mut self) -> LoggedSegmentId {
        self.logged_segment += 1;
        LoggedSegmentId(self.logged_segment)
    }
    pub fn take_entry(&mut self) -> EntryId {
        self.entry += 1;
        EntryId(self.entry)
    }
    pub fn take_opportunity(&mut self) -> OpportunityId {
        self.opportunity += 1;
        OpportunityId(self.opportunity)
    }
    pub fn take_import_batch(&mut self) -> crate::core::ids::ImportBatchId {
        self.import_batch += 1;
        crate::core::ids::ImportBatchId(self.import_batch)
    }
}

/// One whole record, as it is put.
///
/// The variants differ much in size (a segment with its lines against a counter), but records
/// are built once and moved into a change set, so boxing the large ones would only add noise.
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
    /// Appended last: postcard numbers variants by position, so records written before it
    /// existed still decode.
    ImportUndo(ImportUndo),
    /// The team records (`core::team`): one shared document with its revisions, the tie of a
    /// teammate's record to its local id, a member of the team, and this browser's own place in
    /// it (a singleton, like our company).
    TeamDoc(DocState),
    Alias(Alias),
    Member(Member),
    TeamSettings(TeamSettings),
}

/// The key of a record, for deletes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Appended last, like [`Record::ImportUndo`].
    ImportUndo(crate::core::ids::ImportBatchId),
    TeamDoc(String),
    Alias(IdKind, u32),
    Member(Origin),
}

impl Record {
    /// The key this record is stored under; `None` for the singletons (our company, counters).
    pub fn key(&self) -> Option<RecordKey> {
        Some(match self {
            Record::Contact(r) => RecordKey::Contact(r.id),
            Record::Segment(r) => RecordKey::Segment(r.id),
            Record::LoggedSegment(r) => RecordKey::LoggedSegment(r.id),
            Record::Entry(r) => RecordKey::Entry(r.id),
            Record::Opportunity(r) => RecordKey::Opportunity(r.id),
            Record::SavedCriteria(r) => RecordKey::SavedCriteria(r.code.clone()),
            Record::Classification(kind, r) => RecordKey::Classification(*kind, r.code.clone()),
            Record::Questionnaire(r) => RecordKey::Questionnaire(r.code.clone()),
            Record::Salesperson(r) => RecordKey::Salesperson(r.code.clone()),
            Record::InteractionGroup(r) => RecordKey::InteractionGroup(r.code.clone()),
            Record::Template(r) => RecordKey::Template(r.code.clone()),
            Record::SalutationFormula(r) => {
                RecordKey::SalutationFormula(r.salutation_code.clone(), r.language.clone(), r.kind)
            }
            Record::ImportUndo(r) => RecordKey::ImportUndo(r.batch),
            Record::TeamDoc(r) => RecordKey::TeamDoc(r.id.clone()),
            Record::Alias(r) => RecordKey::Alias(r.kind, r.local),
            Record::Member(r) => RecordKey::Member(r.origin),
            Record::OurCompany(_) | Record::Counters(_) | Record::TeamSettings(_) => return None,
        })
    }
}

/// What one user action writes: records put (inserted or replaced whole) and records deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Changes {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
    /// Letters produced by logging, written beside the records in the same transaction but not
    /// kept in the in-memory database (see [`LetterBatch`]). Skipped when a change set is
    /// serialised: the store writes the batches to their own place, not into the journal.
    #[serde(skip)]
    pub letter_batches: Vec<LetterBatch>,
    /// Stored letter batches to delete in the same transaction, by logged segment: a merge
    /// restore that replaces a logged segment with a version that carries no letters. Like
    /// [`Changes::letter_batches`], never part of the journal.
    #[serde(skip)]
    pub dropped_letter_batches: Vec<LoggedSegmentId>,
}

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(&mut self, record: Record) -> &mut Self {
        self.puts.push(record);
        self
    }

    pub fn delete(&mut self, key: RecordKey) -> &mut Self {
        self.deletes.push(key);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.puts.is_empty()
            && self.deletes.is_empty()
            && self.letter_batches.is_empty()
            && self.dropped_letter_batches.is_empty()
    }

    /// Appends another change set; later puts of the same key win when applied.
    pub fn extend(&mut self, other: Changes) {
        self.puts.extend(other.puts);
        self.deletes.extend(other.deletes);
        self.letter_batches.extend(other.letter_batches);
        self.dropped_letter_batches
            .extend(other.dropped_letter_batches);
    }
}
