//! Live sync captures only what changed, in slices (`storage::team::{capture_work,
//! capture_items}` over `core::unshared`): for every kind of record and every kind of edit, the
//! slices write exactly what the full capture writes, a database just opened looks at everything
//! once, and after a capture is settled nothing is left to capture.

use crate::storage_sample;

use segmentti::core::changes::{Changes, Record, RecordKey};
use segmentti::core::db::Db;
use segmentti::core::ids::{ContactId, SegmentId};
use segmentti::storage::team;

/// An empty browser that joined a team under `code`, its random source drawn from `seed`.
fn member(mut seed: u32, code: &str) -> Db {
    let mut db = Db::new();
    let join = team::join(
        &db,
        move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed
        },
        code,
        code,
    )
    .unwrap();
    db.apply(&join);
    db
}

/// A browser in a team holding every kind of record the sample has.
fn joined() -> Db {
    let mut db = member(7, "AV");
    for changes in [
        storage_sample::setup(),
        storage_sample::contacts(),
        storage_sample::segments(),
        storage_sample::logging(),
    ] {
        db.apply(&changes);
    }
    db
}

/// What the sync loop does: the pending work in slices of `slice`, each committed (applied) on
/// its own, then settled. Returns every change set written.
fn capture_in_slices(db: &mut Db, slice: usize) -> Vec<Changes> {
    let pending = db.unshared();
    let work = team::capture_work(db, &pending);
    let mut written = Vec::new();
    for items in work.chunks(slice) {
        let changes = team::capture_items(db, items);
        if !changes.is_empty() {
            db.apply(&changes);
            written.push(changes);
        }
    }
    db.settle_unshared(&pending);
    written
}

/// The documents a list of change sets writes, by id: their revisions and bodies. The sequence
/// numbers are left out: they are each replica's own order of changes, which slices number
/// differently from one pass.
fn docs(changes: &[Changes]) -> Vec<String> {
    let mut out: Vec<String> = changes
        .iter()
        .flat_map(|c| c.puts.iter())
        .map(|record| match record {
            Record::TeamDoc(doc) => format!("{} {:?} {:?}", doc.id, doc.leaves, doc.bodies),
            other => panic!("a capture writes documents only: {other:?}"),
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_first_capture_after_opening_writes_what_the_full_capture_writes() {
    let mut db = joined();
    let full = team::capture(&db);
    assert!(!full.is_empty());
    let sliced = capture_in_slices(&mut db, 3);
    assert!(sliced.len() > 1, "more than one slice");
    assert_eq!(docs(&sliced), docs(&[full]));
    // Settled: nothing left, and the full capture agrees.
    assert!(db.unshared().is_empty());
    assert!(team::capture(&db).is_empty());
}

#[test]
fn later_edits_and_deletes_are_captured_from_their_marks_alone() {
    let mut db = joined();
    capture_in_slices(&mut db, 50);
    // A person edits a contact, deletes another and a segment, and renames our company.
    let mut edits = Changes::new();
    let mut contact = db.contacts[&ContactId(1)].clone();
    contact.name = "Renamed Oy".into();
    edits.put(Record::Contact(contact));
    edits.delete(RecordKey::Contact(ContactId(2)));
    edits.delete(RecordKey::Segment(SegmentId(1)));
    let mut company = db.our_company.clone();
    company.name = "Uusi nimi Oy".into();
    edits.put(Record::OurCompany(company));
    db.apply(&edits);

    let pending = db.unshared();
    assert!(!pending.everything);
    assert_eq!(pending.keys.len(), 4, "{:?}", pending.keys);
    let full = team::capture(&db);
    let sliced = capture_in_slices(&mut db, 1);
    assert_eq!(docs(&sliced), docs(&[full]));
    assert_eq!(docs(&sliced).len(), 4);
    assert!(team::capture(&db).is_empty());
    assert!(db.unshared().is_empty());
}

#[test]
fn a_record_deleted_before_the_first_capture_after_opening_gets_its_tombstone() {
    let mut db = joined();
    capture_in_slices(&mut db, 50);
    // The database is opened again (its marks are in memory only), and a record that was
    // shared is gone by then: another tab deleted it and folded the journal.
    let mut reopened = Db::new();
    for record in db.records() {
        let mut c = Changes::new();
        c.put(record);
        reopened.apply(&c);
    }
    let mut delete = Changes::new();
    delete.delete(RecordKey::Contact(ContactId(3)));
    reopened.apply(&delete);
    let mut fresh = Db::new();
    for record in reopened.records() {
        let mut c = Changes::new();
        c.put(record);
        fresh.apply(&c);
    }
    assert!(fresh.unshared().everything);
    let full = team::capture(&fresh);
    let sliced = capture_in_slices(&mut fresh, 4);
    assert_eq!(docs(&sliced), docs(&[full]));
    let written = docs(&sliced);
    assert_eq!(written.len(), 1, "only the tombstone: {written:?}");
}

#[test]
fn what_a_receive_brings_is_checked_and_not_sent_back() {
    // Two browsers; B receives A's file. The records B's receive wrote are marked, and the
    // capture finds them equal to their documents, so it writes nothing.
    let mut a = joined();
    capture_in_slices(&mut a, 100);
    let file = team::share(&a, true, storage_sample::at(4, 12), &[])
        .expect("a file")
        .0;
    let mut b = member(99, "BK");
    capture_in_slices(&mut b, 100);
    let (_, changes) = team::receive(&b, &file).expect("received");
    b.apply(&changes);
    assert!(!b.unshared().keys.is_empty());
    assert!(capture_in_slices(&mut b, 100).is_empty());
    assert!(team::capture(&b).is_empty());
}
