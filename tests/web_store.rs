//! The storage contract against IndexedDB in headless Chromium (the native run uses the memory
//! backend: `tests/it/storage_contract.rs`), plus what only a real browser can show.
#![cfg(target_arch = "wasm32")]

use segmentti::core::changes::{Changes, Counters, Record};
use segmentti::core::ids::ContactId;
use segmentti::core::model::Contact;
use segmentti::storage::{commit, contract, load};
use segmentti::store::idb::IdbBackend;
use std::cell::Cell;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// A fresh, empty database with a name no other test uses.
async fn fresh() -> IdbBackend {
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let name = format!("contract-{n}");
    IdbBackend::delete(&name)
        .await
        .expect("delete old test database");
    IdbBackend::open(&name).await.expect("open test database")
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_the_storage_contract() {
    contract::run_all(fresh).await;
}

#[wasm_bindgen_test]
async fn a_second_connection_sees_the_first_ones_commit_and_cannot_overwrite_it() {
    IdbBackend::delete("two-tabs").await.unwrap();
    let tab_a = IdbBackend::open("two-tabs").await.unwrap();
    let tab_b = IdbBackend::open("two-tabs").await.unwrap();
    let mut changes = Changes::new();
    changes
        .put(Record::Contact(Contact {
            id: ContactId(1),
            name: "From A".into(),
            ..Default::default()
        }))
        .put(Record::Counters(Counters {
            contact: 1,
            ..Default::default()
        }));
    let seq = commit(&tab_a, 0, &changes).await.unwrap();
    // Tab B computed its change before seeing A's commit: refused, not overwritten.
    assert!(commit(&tab_b, 0, &changes).await.is_err());
    let seen_by_b = load(&tab_b).await.unwrap();
    assert_eq!(seen_by_b.seq, seq);
    assert_eq!(seen_by_b.db.contacts[&ContactId(1)].name, "From A");
}

/// The session's restore (what the Settings page calls) passes Replace down to the store: the
/// letters of the replaced database are gone after it, while Merge keeps them.
#[wasm_bindgen_test]
async fn a_session_restore_with_replace_leaves_no_orphan_letters() {
    use segmentti::core::ids::{EntryId, LoggedSegmentId};
    use segmentti::core::model::{LetterBatch, StoredLetter};
    use segmentti::storage::backup::{read_backup, write_backup, RestoreMode};
    use segmentti::store::session::Session;
    const NAME: &str = "session-restore";
    IdbBackend::delete(NAME).await.unwrap();
    let backend = IdbBackend::open(NAME).await.unwrap();
    let mut changes = Changes::new();
    changes.put(Record::Contact(Contact {
        id: ContactId(1),
        name: "Logged".into(),
        ..Default::default()
    }));
    changes.letter_batches.push(LetterBatch {
        id: LoggedSegmentId(5),
        letters: vec![(
            EntryId(1),
            StoredLetter {
                file_name: "Logged.docx".into(),
                mime: "application/octet-stream".into(),
                bytes: vec![1, 2, 3],
                merge_data: Default::default(),
            },
        )],
    });
    // A merge follows the team's rules, which need the browser's team code.
    changes
        .extend(segmentti::storage::team::join(&Default::default(), || 7, "AV", "Anna").unwrap());
    commit(&backend, 0, &changes).await.unwrap();
    backend.close();

    // A backup of an empty database, made elsewhere.
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let empty = read_backup(&write_backup(&Default::default(), Vec::new(), now)).unwrap();
    let session = Session::open(NAME).await.unwrap();
    session.restore(&empty, RestoreMode::Merge).await.unwrap();
    assert!(
        session.letters(LoggedSegmentId(5)).await.unwrap().is_some(),
        "a merge keeps the stored letters"
    );
    session.restore(&empty, RestoreMode::Replace).await.unwrap();
    assert!(session.db().contacts.is_empty(), "the contact was replaced");
    assert_eq!(
        session.letters(LoggedSegmentId(5)).await,
        Ok(None),
        "and its letters went with it"
    );
}
