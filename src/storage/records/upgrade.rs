//! The upgrade ladder's steps: each turns a record of format *n* into the same record in format
//! *n + 1*, exactly as the newer format would have written it. Every step matches every variant,
//! with no wildcard arm, so a variant that a step forgets is a compile error.
//!
//! Format 1 to 2: format 2 added the record kind `ImportUndo` and changed nothing else, so every
//! format-1 record becomes the format-2 variant of the same name holding the same (shared)
//! value. Data written by format 1 holds no import undo record, so none is made up here.
//!
//! Format 2 to 3: format 3 added the team's records (`core::team`) and changed nothing else, in
//! the same way. A database of format 2 belongs to no team yet: it has no team record, and its
//! records keep their ids, which become the serials of this browser's origin when it joins one
//! (`ARCHITECTURE.md`, "Team data").
//!
//! Format 3 to 4: format 4 gave the interaction template its e-mails (issue 13 item 5) and
//! changed nothing else; a format-3 template has none.

use super::{v1, v2, v3, v4};

/// A format-1 record as format 2.
pub fn record_1_to_2(record: v1::Record) -> v2::Record {
    match record {
        v1::Record::Contact(a) => v2::Record::Contact(a),
        v1::Record::Segment(a) => v2::Record::Segment(a),
        v1::Record::LoggedSegment(a) => v2::Record::LoggedSegment(a),
        v1::Record::Entry(a) => v2::Record::Entry(a),
        v1::Record::Opportunity(a) => v2::Record::Opportunity(a),
        v1::Record::SavedCriteria(a) => v2::Record::SavedCriteria(a),
        v1::Record::Classification(a, b) => v2::Record::Classification(a, b),
        v1::Record::Questionnaire(a) => v2::Record::Questionnaire(a),
        v1::Record::Salesperson(a) => v2::Record::Salesperson(a),
        v1::Record::InteractionGroup(a) => v2::Record::InteractionGroup(a),
        v1::Record::Template(a) => v2::Record::Template(a),
        v1::Record::SalutationFormula(a) => v2::Record::SalutationFormula(a),
        v1::Record::OurCompany(a) => v2::Record::OurCompany(a),
        v1::Record::Counters(a) => v2::Record::Counters(a),
    }
}

/// A format-1 record key as format 2.
pub fn record_key_1_to_2(key: v1::RecordKey) -> v2::RecordKey {
    match key {
        v1::RecordKey::Contact(a) => v2::RecordKey::Contact(a),
        v1::RecordKey::Segment(a) => v2::RecordKey::Segment(a),
        v1::RecordKey::LoggedSegment(a) => v2::RecordKey::LoggedSegment(a),
        v1::RecordKey::Entry(a) => v2::RecordKey::Entry(a),
        v1::RecordKey::Opportunity(a) => v2::RecordKey::Opportunity(a),
        v1::RecordKey::SavedCriteria(a) => v2::RecordKey::SavedCriteria(a),
        v1::RecordKey::Classification(a, b) => v2::RecordKey::Classification(a, b),
        v1::RecordKey::Questionnaire(a) => v2::RecordKey::Questionnaire(a),
        v1::RecordKey::Salesperson(a) => v2::RecordKey::Salesperson(a),
        v1::RecordKey::InteractionGroup(a) => v2::RecordKey::InteractionGroup(a),
        v1::RecordKey::Template(a) => v2::RecordKey::Template(a),
        v1::RecordKey::SalutationFormula(a, b, c) => v2::RecordKey::SalutationFormula(a, b, c),
    }
}

/// A format-1 journal entry as format 2.
pub fn changes_1_to_2(changes: v1::Changes) -> v2::Changes {
    let v1::Changes { puts, deletes } = changes;
    v2::Changes {
        puts: puts.into_iter().map(record_1_to_2).collect(),
        deletes: deletes.into_iter().map(record_key_1_to_2).collect(),
    }
}

/// A format-1 backup file as format 2. The version stays the one the file was written with.
pub fn backup_1_to_2(backup: v1::Backup) -> v2::Backup {
    let v1::Backup {
        kind,
        version,
        created,
        records,
        letter_batches,
    } = backup;
    v2::Backup {
        kind,
        version,
        created,
        records: records.into_iter().map(record_1_to_2).collect(),
        letter_batches,
    }
}

/// A format-2 record as format 3.
pub fn record_2_to_3(record: v2::Record) -> v3::Record {
    match record {
        v2::Record::Contact(a) => v3::Record::Contact(a),
        v2::Record::Segment(a) => v3::Record::Segment(a),
        v2::Record::LoggedSegment(a) => v3::Record::LoggedSegment(a),
        v2::Record::Entry(a) => v3::Record::Entry(a),
        v2::Record::Opportunity(a) => v3::Record::Opportunity(a),
        v2::Record::SavedCriteria(a) => v3::Record::SavedCriteria(a),
        v2::Record::Classification(a, b) => v3::Record::Classification(a, b),
        v2::Record::Questionnaire(a) => v3::Record::Questionnaire(a),
        v2::Record::Salesperson(a) => v3::Record::Salesperson(a),
        v2::Record::InteractionGroup(a) => v3::Record::InteractionGroup(a),
        v2::Record::Template(a) => v3::Record::Template(a),
        v2::Record::SalutationFormula(a) => v3::Record::SalutationFormula(a),
        v2::Record::OurCompany(a) => v3::Record::OurCompany(a),
        v2::Record::Counters(a) => v3::Record::Counters(a),
        v2::Record::ImportUndo(a) => v3::Record::ImportUndo(a),
    }
}

/// A format-2 record key as format 3.
pub fn record_key_2_to_3(key: v2::RecordKey) -> v3::RecordKey {
    match key {
        v2::RecordKey::Contact(a) => v3::RecordKey::Contact(a),
        v2::RecordKey::Segment(a) => v3::RecordKey::Segment(a),
        v2::RecordKey::LoggedSegment(a) => v3::RecordKey::LoggedSegment(a),
        v2::RecordKey::Entry(a) => v3::RecordKey::Entry(a),
        v2::RecordKey::Opportunity(a) => v3::RecordKey::Opportunity(a),
        v2::RecordKey::SavedCriteria(a) => v3::RecordKey::SavedCriteria(a),
        v2::RecordKey::Classification(a, b) => v3::RecordKey::Classification(a, b),
        v2::RecordKey::Questionnaire(a) => v3::RecordKey::Questionnaire(a),
        v2::RecordKey::Salesperson(a) => v3::RecordKey::Salesperson(a),
        v2::RecordKey::InteractionGroup(a) => v3::RecordKey::InteractionGroup(a),
        v2::RecordKey::Template(a) => v3::RecordKey::Template(a),
        v2::RecordKey::SalutationFormula(a, b, c) => v3::RecordKey::SalutationFormula(a, b, c),
        v2::RecordKey::ImportUndo(a) => v3::RecordKey::ImportUndo(a),
    }
}

/// A format-2 journal entry as format 3.
pub fn changes_2_to_3(changes: v2::Changes) -> v3::Changes {
    let v2::Changes { puts, deletes } = changes;
    v3::Changes {
        puts: puts.into_iter().map(record_2_to_3).collect(),
        deletes: deletes.into_iter().map(record_key_2_to_3).collect(),
    }
}

/// A format-2 backup file as format 3. The version stays the one the file was written with.
pub fn backup_2_to_3(backup: v2::Backup) -> v3::Backup {
    let v2::Backup {
        kind,
        version,
        created,
        records,
        letter_batches,
    } = backup;
    v3::Backup {
        kind,
        version,
        created,
        records: records.into_iter().map(record_2_to_3).collect(),
        letter_batches,
    }
}

/// A format-3 template as format 4: without e-mails, which format 3 could not hold, so every
/// line of it sends the letter's text as before.
pub fn template_3_to_4(template: v3::InteractionTemplate) -> v4::InteractionTemplate {
    let v3::InteractionTemplate {
        code,
        group,
        description,
        unit_cost,
        unit_duration_min,
        information_flow,
        initiated_by,
        correspondence_type_default,
        ignore_contact_correspondence_type,
        language_default,
        letters,
    } = template;
    v4::InteractionTemplate {
        code,
        group,
        description,
        unit_cost,
        unit_duration_min,
        information_flow,
        initiated_by,
        correspondence_type_default,
        ignore_contact_correspondence_type,
        language_default,
        letters,
        emails: Vec::new(),
    }
}

/// A format-3 record as format 4.
pub fn record_3_to_4(record: v3::Record) -> v4::Record {
    match record {
        v3::Record::Contact(a) => v4::Record::Contact(a),
        v3::Record::Segment(a) => v4::Record::Segment(a),
        v3::Record::LoggedSegment(a) => v4::Record::LoggedSegment(a),
        v3::Record::Entry(a) => v4::Record::Entry(a),
        v3::Record::Opportunity(a) => v4::Record::Opportunity(a),
        v3::Record::SavedCriteria(a) => v4::Record::SavedCriteria(a),
        v3::Record::Classification(a, b) => v4::Record::Classification(a, b),
        v3::Record::Questionnaire(a) => v4::Record::Questionnaire(a),
        v3::Record::Salesperson(a) => v4::Record::Salesperson(a),
        v3::Record::InteractionGroup(a) => v4::Record::InteractionGroup(a),
        v3::Record::Template(a) => v4::Record::Template(template_3_to_4(a)),
        v3::Record::SalutationFormula(a) => v4::Record::SalutationFormula(a),
        v3::Record::OurCompany(a) => v4::Record::OurCompany(a),
        v3::Record::Counters(a) => v4::Record::Counters(a),
        v3::Record::ImportUndo(a) => v4::Record::ImportUndo(a),
        v3::Record::TeamDoc(a) => v4::Record::TeamDoc(a),
        v3::Record::Alias(a) => v4::Record::Alias(a),
        v3::Record::Member(a) => v4::Record::Member(a),
        v3::Record::TeamSettings(a) => v4::Record::TeamSettings(a),
    }
}

/// A format-3 journal entry as format 4 (record keys did not change).
pub fn changes_3_to_4(changes: v3::Changes) -> v4::Changes {
    let v3::Changes { puts, deletes } = changes;
    v4::Changes {
        puts: puts.into_iter().map(record_3_to_4).collect(),
        deletes,
    }
}

/// A format-3 backup file as format 4. The version stays the one the file was written with.
pub fn backup_3_to_4(backup: v3::Backup) -> v4::Backup {
    let v3::Backup {
        kind,
        version,
        created,
        records,
        letter_batches,
    } = backup;
    v4::Backup {
        kind,
        version,
        created,
        records: records.into_iter().map(record_3_to_4).collect(),
        letter_batches,
    }
}
