//! The opportunity list (reference-bc.md §5): creating them asks with the right count, the list
//! filters by segment, contact and status, and the status follows the interaction logging made
//! for the opportunity, changed through that interaction's evaluation.

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::{ContactId, EntryId, OpportunityId, SegmentId};
use segmentti::core::model::*;
use segmentti::core::opportunities::{OpportunityQuery, OpportunityStatus};

fn at(day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, day)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn person(id: u32, name: &str) -> Contact {
    Contact {
        id: ContactId(id),
        name: name.into(),
        ..Default::default()
    }
}

/// Three persons, a segment with all three, opportunities created for it, and one more
/// opportunity from another segment for Anna.
fn world() -> (Db, SegmentId) {
    let mut changes = Changes::new();
    for (id, name) in [(1, "Anna"), (2, "Bo"), (3, "Cleo")] {
        changes.put(Record::Contact(person(id, name)));
    }
    changes.put(Record::Counters(Counters {
        contact: 3,
        ..Default::default()
    }));
    let mut db = Db::from_records(changes.puts);
    let (id, created) = db
        .create_segment("Deals", None, None, at(1).date(), at(1))
        .unwrap();
    db.apply(&created);
    for contact in 1..=3 {
        let added = db
            .add_contact_to_segment(id, ContactId(contact), at(1))
            .unwrap();
        db.apply(&added);
    }
    (db, id)
}

fn entry(db: &mut Db, id: u32, opportunity: OpportunityId, date: u32) -> EntryId {
    let contact = db.opportunities[&opportunity].contact;
    let mut changes = Changes::new();
    changes.put(Record::Entry(InteractionLogEntry {
        id: EntryId(id),
        contact,
        date: NaiveDate::from_ymd_opt(2026, 12, date),
        opportunity: Some(opportunity),
        ..Default::default()
    }));
    db.apply(&changes);
    EntryId(id)
}

fn opportunity_of(db: &Db, contact: u32) -> OpportunityId {
    *db.opportunities
        .values()
        .find(|o| o.contact == ContactId(contact))
        .map(|o| &o.id)
        .unwrap()
}

#[test]
fn create_counts_the_lines_without_one_and_creating_again_is_refused() {
    let (mut db, id) = world();
    assert_eq!(db.opportunities_to_create(id), 3);
    let created = db.create_opportunities(id, at(2)).unwrap();
    db.apply(&created);
    assert_eq!(db.opportunities.len(), 3);
    assert_eq!(db.opportunities_to_create(id), 0);
    let refused = db.create_opportunities(id, at(2)).unwrap_err();
    assert_eq!(refused[0].code, "segment.opportunities_exist");
}

#[test]
fn status_follows_the_latest_live_interaction_and_changes_through_its_evaluation() {
    let (mut db, id) = world();
    let created = db.create_opportunities(id, at(2)).unwrap();
    db.apply(&created);
    let anna = opportunity_of(&db, 1);
    let status = |db: &Db| db.opportunity_status(&db.opportunities[&anna]);
    assert_eq!(status(&db), OpportunityStatus::NotContacted);

    // Not contacted yet: no status can be set.
    let refused = db
        .set_opportunity_status(anna, OpportunityStatus::Positive)
        .unwrap_err();
    assert_eq!(refused[0].code, "segment.opportunity_not_contacted");

    let first = entry(&mut db, 1, anna, 3);
    assert_eq!(status(&db), OpportunityStatus::Contacted);
    let changes = db
        .set_opportunity_status(anna, OpportunityStatus::Negative)
        .unwrap();
    db.apply(&changes);
    assert_eq!(db.entries[&first].evaluation, Evaluation::Negative);
    assert_eq!(status(&db), OpportunityStatus::Negative);

    // A later interaction decides; a canceled or failed one does not.
    let second = entry(&mut db, 2, anna, 5);
    assert_eq!(status(&db), OpportunityStatus::Contacted);
    let changes = db.set_entries_canceled(&[second], true).unwrap();
    db.apply(&changes);
    assert_eq!(status(&db), OpportunityStatus::Negative);
    let third = entry(&mut db, 3, anna, 6);
    let changes = db.set_attempt_failed(&[third], true).unwrap();
    db.apply(&changes);
    assert_eq!(status(&db), OpportunityStatus::Negative);

    let changes = db
        .set_opportunity_status(anna, OpportunityStatus::Positive)
        .unwrap();
    db.apply(&changes);
    assert_eq!(db.entries[&first].evaluation, Evaluation::Positive);
    assert_eq!(status(&db), OpportunityStatus::Positive);
    assert!(db
        .set_opportunity_status(anna, OpportunityStatus::NotContacted)
        .is_err());
    assert!(db
        .set_opportunity_status(OpportunityId(99), OpportunityStatus::Positive)
        .is_err());
}

#[test]
fn the_list_filters_by_segment_contact_and_status() {
    let (mut db, id) = world();
    let created = db.create_opportunities(id, at(2)).unwrap();
    db.apply(&created);
    let (other, created) = db
        .create_segment("More deals", None, None, at(4).date(), at(4))
        .unwrap();
    db.apply(&created);
    let added = db
        .add_contact_to_segment(other, ContactId(1), at(4))
        .unwrap();
    db.apply(&added);
    let created = db.create_opportunities(other, at(4)).unwrap();
    db.apply(&created);
    assert_eq!(db.opportunities.len(), 4);

    let all = db.query_opportunities(&OpportunityQuery::default());
    assert_eq!(all.len(), 4);
    // Newest first: the other segment's opportunity was created last.
    assert_eq!(db.opportunities[&all[0]].segment_no, db.no(other));

    let first_segment = OpportunityQuery {
        segment_no: Some(db.no(id)),
        ..Default::default()
    };
    assert_eq!(db.query_opportunities(&first_segment).len(), 3);
    let annas = OpportunityQuery {
        contact: Some(ContactId(1)),
        ..Default::default()
    };
    assert_eq!(db.query_opportunities(&annas).len(), 2);

    let bo = opportunity_of(&db, 2);
    entry(&mut db, 1, bo, 3);
    let contacted = OpportunityQuery {
        status: Some(OpportunityStatus::Contacted),
        ..Default::default()
    };
    assert_eq!(db.query_opportunities(&contacted), vec![bo]);
    let not_contacted = OpportunityQuery {
        segment_no: Some(db.no(id)),
        status: Some(OpportunityStatus::NotContacted),
        ..Default::default()
    };
    assert_eq!(db.query_opportunities(&not_contacted).len(), 2);
}

#[test]
fn statuses_read_back_from_their_names() {
    for status in OpportunityStatus::ALL {
        assert_eq!(OpportunityStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(OpportunityStatus::parse("won"), None);
}
