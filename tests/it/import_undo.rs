//! Undoing an import (product.md §6, issue 14 item 3): the batch puts back the contacts it
//! updated exactly as they were before, and it does not silently revert a later change.

use chrono::{NaiveDate, NaiveDateTime};
use segmentti::core::db::Db;
use segmentti::core::ids::ImportBatchId;
use segmentti::core::import::*;
use segmentti::core::model::Contact;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, 14)
        .unwrap()
        .and_hms_opt(hour, 30, 0)
        .unwrap()
}

/// Imports a sample file and applies it, as the store does after committing; returns its batch.
fn import(db: &mut Db, name: &str, choices: &ImportChoices, hour: u32) -> ImportBatchId {
    let parsed = parse_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let plan = plan_import(db, parsed.contacts);
    let (changes, batch, _) = apply_import(db, &plan, choices, at(hour)).unwrap();
    db.apply(&changes);
    batch
}

fn all_contacts(db: &Db) -> Vec<Contact> {
    db.contacts.values().cloned().collect()
}

/// Google's sample, then Outlook's with duplicates set to Update: Outlook brings job titles,
/// addresses, categories and notes into contacts Google created.
fn updated_by_a_second_import() -> (Db, Vec<Contact>, ImportBatchId) {
    let mut db = Db::new();
    import(&mut db, "google-contacts.csv", &ImportChoices::default(), 9);
    let before = all_contacts(&db);
    let batch = import(
        &mut db,
        "outlook-contacts.csv",
        &ImportChoices::for_duplicates(ImportChoice::Update),
        10,
    );
    (db, before, batch)
}

#[test]
fn undoing_an_import_puts_the_contacts_it_updated_back_exactly_as_they_were() {
    let (mut db, before, batch) = updated_by_a_second_import();
    let changed = before
        .iter()
        .filter(|c| db.contacts.get(&c.id) != Some(c))
        .count();
    assert!(changed > 5, "the second import changed {changed} contacts");

    let undo = db.delete_import_batch(batch).expect("the undo is allowed");
    db.apply(&undo);

    assert_eq!(all_contacts(&db), before);
}

#[test]
fn undoing_an_import_is_refused_naming_a_contact_changed_after_it_and_changes_nothing() {
    let (mut db, before, batch) = updated_by_a_second_import();
    let edited = before
        .iter()
        .find(|c| db.contacts.get(&c.id) != Some(c))
        .expect("the import updated a contact")
        .id;
    let mut later = db.contacts.get(&edited).unwrap().clone();
    later.job_title = "Chief of everything".into();
    let saved = db.save_contact(later, at(11)).unwrap();
    db.apply(&saved);
    let after_edit = all_contacts(&db);

    let problems = db
        .delete_import_batch(batch)
        .expect_err("a later change must not be reverted silently");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, "contact.changed_since_import");
    assert_eq!(problems[0].args, [edited.no(), batch.no()]);
    assert_eq!(all_contacts(&db), after_edit);
}

#[test]
fn reimporting_the_same_file_with_update_is_undone_completely() {
    let mut db = Db::new();
    import(&mut db, "google-contacts.csv", &ImportChoices::default(), 9);
    let before = all_contacts(&db);
    let batch = import(
        &mut db,
        "google-contacts.csv",
        &ImportChoices::for_duplicates(ImportChoice::Update),
        10,
    );
    let undo = db.delete_import_batch(batch).expect("the undo is allowed");
    db.apply(&undo);
    assert_eq!(all_contacts(&db), before);
}
