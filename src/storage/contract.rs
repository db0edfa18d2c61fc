//! The storage contract suite: what every [`Backend`] must do, written once and run natively
//! against [`super::memory::MemoryBackend`] (`tests/it/storage_contract.rs`) and in headless
//! Chromium against IndexedDB (`tests/web_store.rs`). Each check panics with a sentence on failure.

use super::backup::{plan_restore, read_backup, write_backup, RestoreMode};
use super::{commit, compact, load, Backend, StoreError};
use crate::core::changes::{Changes, Counters, Record};
use crate::core::ids::ContactId;
use crate::core::model::Contact;
use chrono::NaiveDate;

fn contact(id: u32, name: &str) -> Record {
    Record::Contact(Contact {
        id: ContactId(id),
        name: name.into(),
        ..Default::default()
    })
}

fn adding(id: u32, name: &str) -> Changes {
    let mut changes = Changes::new();
    changes
        .put(contact(id, name))
        .put(Record::Counters(Counters {
            contact: id,
            ..Default::default()
        }));
    changes
}

/// An empty backend loads as an empty database at sequence 0.
pub async fn empty_store_loads_empty(backend: &impl Backend) {
    let loaded = load(backend).await.expect("an empty store loads");
    assert_eq!(loaded.seq, 0, "a new store starts at sequence 0");
    assert!(
        loaded.db.contacts.is_empty(),
        "a new store holds no contacts"
    );
}

/// What was committed is there after loading again, in order.
pub async fn committed_changes_survive_a_reload(backend: &impl Backend) {
    let seq = commit(backend, 0, &adding(1, "Anna"))
        .await
        .expect("first commit");
    let seq = commit(backend, seq, &adding(2, "Björn"))
        .await
        .expect("second commit");
    let loaded = load(backend).await.expect("load");
    assert_eq!(loaded.seq, seq);
    assert_eq!(loaded.db.contacts.len(), 2, "both contacts are back");
    assert_eq!(loaded.db.contacts[&ContactId(2)].name, "Björn");
    assert_eq!(loaded.db.counters.contact, 2);
}

/// A change computed from stale data is refused and writes nothing.
pub async fn a_stale_write_is_refused(backend: &impl Backend) {
    let seq = commit(backend, 0, &adding(1, "Anna"))
        .await
        .expect("first commit");
    // A second writer that still believes the store is at 0 must not overwrite anything.
    let stale = commit(backend, 0, &adding(1, "Overwritten")).await;
    assert_eq!(
        stale,
        Err(StoreError::Conflict {
            expected: 0,
            found: seq
        })
    );
    let loaded = load(backend).await.expect("load");
    assert_eq!(
        loaded.db.contacts[&ContactId(1)].name,
        "Anna",
        "the first write is kept"
    );
}

/// Compacting folds the journal into the snapshot without changing what loads.
pub async fn compaction_keeps_everything(backend: &impl Backend) {
    let mut seq = 0;
    for id in 1..=12 {
        seq = commit(backend, seq, &adding(id, &format!("Contact {id}")))
            .await
            .expect("commit");
    }
    let before = load(backend).await.expect("load");
    compact(backend, &before.db, seq).await.expect("compact");
    seq = commit(backend, seq, &adding(13, "After"))
        .await
        .expect("commit after compaction");
    let after = load(backend).await.expect("load after compaction");
    assert_eq!(after.seq, seq);
    assert_eq!(after.db.contacts.len(), 13, "every contact is still there");
    assert!(after.unreadable.is_empty());
}

/// A backup written and restored with Replace gives back identical data.
pub async fn backup_and_replace_restore_round_trip(backend: &impl Backend) {
    let mut seq = commit(backend, 0, &adding(1, "Anna"))
        .await
        .expect("commit");
    let mut second = adding(2, "<img src=x onerror=alert(1)>");
    second.letter_batches.push(sample_batch(3));
    seq = commit(backend, seq, &second).await.expect("commit");
    let original = load(backend).await.expect("load").db;
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let letters = super::read_all_letters(backend)
        .await
        .expect("letters read");
    let file = write_backup(&original, letters, now);
    // Wipe: delete both contacts in one commit.
    let mut wipe = Changes::new();
    wipe.delete(crate::core::changes::RecordKey::Contact(ContactId(1)))
        .delete(crate::core::changes::RecordKey::Contact(ContactId(2)));
    seq = commit(backend, seq, &wipe).await.expect("wipe");
    let wiped = load(backend).await.expect("load").db;
    assert!(wiped.contacts.is_empty());
    let backup = read_backup(&file).expect("our own backup reads");
    let (restore, preview) =
        plan_restore(&wiped, &backup, RestoreMode::Replace).expect("a replace is always planned");
    assert_eq!(
        preview.added, 2,
        "the preview counts the two contacts coming back"
    );
    commit(backend, seq, &restore).await.expect("restore");
    let restored = load(backend).await.expect("load").db;
    assert_eq!(
        restored.records(),
        original.records(),
        "restored data is identical"
    );
    let letters = super::read_letters(backend, crate::core::ids::LoggedSegmentId(3)).await;
    assert_eq!(
        letters,
        Ok(Some(sample_batch(3))),
        "the letters come back too"
    );
}

fn sample_batch(id: u32) -> crate::core::model::LetterBatch {
    use crate::core::ids::{EntryId, LoggedSegmentId};
    use crate::core::model::{LetterBatch, StoredLetter};
    let letter = StoredLetter {
        file_name: "Acme - Anna.docx".into(),
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
        bytes: (0..=255u8).cycle().take(7_000).collect(),
        merge_data: [("first_name".to_string(), "Anna".to_string())].into(),
    };
    LetterBatch {
        id: LoggedSegmentId(id),
        letters: vec![(EntryId(1), letter)],
    }
}

/// Letters logged with a commit are read back byte for byte; a refused commit writes none.
pub async fn letters_are_written_with_their_commit(backend: &impl Backend) {
    use crate::core::ids::{EntryId, LoggedSegmentId};
    use crate::core::model::{LetterBatch, StoredLetter};
    let letter = StoredLetter {
        file_name: "Acme - Anna.docx".into(),
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
        bytes: (0..=255u8).cycle().take(7_000).collect(),
        merge_data: [("first_name".to_string(), "Anna".to_string())].into(),
    };
    let mut changes = adding(1, "Anna");
    changes.letter_batches.push(LetterBatch {
        id: LoggedSegmentId(7),
        letters: vec![(EntryId(1), letter.clone())],
    });
    let seq = commit(backend, 0, &changes)
        .await
        .expect("commit with letters");
    let batch = super::read_letters(backend, LoggedSegmentId(7))
        .await
        .expect("read")
        .expect("the batch is there");
    assert_eq!(
        batch.letter(EntryId(1)),
        Some(&letter),
        "the letter comes back byte for byte"
    );
    let mut stale = adding(2, "Stale");
    stale.letter_batches.push(LetterBatch {
        id: LoggedSegmentId(8),
        letters: vec![(EntryId(2), letter)],
    });
    assert!(
        commit(backend, seq - 1, &stale).await.is_err(),
        "a stale commit is refused"
    );
    assert_eq!(
        super::read_letters(backend, LoggedSegmentId(8))
            .await
            .expect("read"),
        None,
        "and wrote no letters"
    );
}

/// Restoring with Replace deletes, in the restoring commit, every letter batch of the replaced
/// database that the backup does not bring back; a refused restore deletes nothing.
pub async fn replace_restore_leaves_no_orphan_letters(backend: &impl Backend) {
    use crate::core::ids::LoggedSegmentId;
    let mut first = adding(1, "Anna");
    first.letter_batches.push(sample_batch(3));
    let mut seq = commit(backend, 0, &first).await.expect("commit");
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let letters = super::read_all_letters(backend).await.expect("letters");
    let file = write_backup(&load(backend).await.expect("load").db, letters, now);
    let backup = read_backup(&file).expect("our own backup reads");

    // After the backup, more is logged with letters: batch 5 exists only in the database that
    // the restore will replace.
    let mut later = adding(2, "Björn");
    later.letter_batches.push(sample_batch(5));
    seq = commit(backend, seq, &later)
        .await
        .expect("commit after the backup");

    // A stale replace is refused and deletes nothing.
    let current = load(backend).await.expect("load").db;
    let (replace, preview) =
        plan_restore(&current, &backup, RestoreMode::Replace).expect("a replace is always planned");
    assert_eq!(preview.removed, 1, "the replace removes Björn");
    let stale =
        super::commit_with_letters(backend, seq - 1, &replace, super::StoredLetters::Replace).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(
        super::read_all_letters(backend)
            .await
            .expect("letters")
            .len(),
        2,
        "a refused restore deleted no letters"
    );

    super::commit_with_letters(backend, seq, &replace, super::StoredLetters::Replace)
        .await
        .expect("replace restore");
    let stored = super::read_all_letters(backend).await.expect("letters");
    assert_eq!(
        stored.iter().map(|b| b.id).collect::<Vec<_>>(),
        vec![LoggedSegmentId(3)],
        "the replaced database's letters are gone; only the backup's are stored"
    );
    assert!(
        stored[0] == sample_batch(3),
        "the backup's letters are stored as they were"
    );
    let restored = load(backend).await.expect("load").db;
    assert_eq!(
        restored.contacts.keys().copied().collect::<Vec<_>>(),
        vec![ContactId(1)],
        "and exactly the backup's contacts"
    );
}

/// Restoring with Merge follows the team's rules: a record only the backup has is added, a
/// logged segment both sides changed differently keeps the shown version and is listed as a
/// conflict (never replaced by the backup's because it has the same id), and no stored letters
/// are deleted, neither those of the conflicting logged segment nor those logged after the
/// backup. A merge before the browser has a team code is refused; a stale merge writes nothing.
pub async fn merge_restore_keeps_both_sides(backend: &impl Backend) {
    use crate::core::ids::LoggedSegmentId;
    use crate::core::model::LoggedSegment;
    use crate::storage::backup::RestoreRefusal;
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let logged = |id: u32, description: &str| LoggedSegment {
        id: LoggedSegmentId(id),
        segment_no: format!("SEG{id:06}"),
        description: description.into(),
        created: now,
        canceled: false,
    };
    let mut first = adding(1, "Anna");
    first
        .put(Record::LoggedSegment(logged(3, "Spring letter")))
        .put(Record::LoggedSegment(logged(4, "Autumn letter")));
    first.letter_batches = vec![sample_batch(3), sample_batch(4)];
    let mut seq = commit(backend, 0, &first).await.expect("commit");
    let stored = load(backend).await.expect("load").db;
    let backup_file = write_backup(&stored, Vec::new(), now);
    assert_eq!(
        plan_restore(
            &stored,
            &read_backup(&backup_file).unwrap(),
            RestoreMode::Merge
        )
        .unwrap_err(),
        RestoreRefusal::NotJoined
    );
    let join = crate::storage::team::join(&stored, || 0xA1, "AV", "Anna").unwrap();
    seq = commit(backend, seq, &join).await.expect("join");
    // Later, this browser renames logged segment 3 and logs batch 5.
    let mut later = Changes::new();
    later.put(Record::LoggedSegment(logged(3, "Spring letter, sent")));
    later.letter_batches.push(sample_batch(5));
    seq = commit(backend, seq, &later).await.expect("commit");
    let capture = crate::storage::team::capture(&load(backend).await.expect("load").db);
    seq = commit(backend, seq, &capture).await.expect("capture");

    // The backup (made before) has another name for logged segment 3 and a contact of its own.
    let mut backup = read_backup(&backup_file).expect("reads");
    for record in &mut backup.records {
        if let Record::LoggedSegment(segment) = record {
            if segment.id == LoggedSegmentId(3) {
                segment.description = "Spring letter, draft".into();
            }
        }
    }
    backup.records.extend(adding(9, "Only in the backup").puts);
    let current = load(backend).await.expect("load").db;
    let (merge, preview) = plan_restore(&current, &backup, RestoreMode::Merge).expect("planned");
    assert_eq!(preview.added, 1, "{preview:?}");
    assert_eq!(preview.conflicts, 1, "{preview:?}");

    let stale = commit(backend, seq - 1, &merge).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    super::commit_with_letters(backend, seq, &merge, super::StoredLetters::Keep)
        .await
        .expect("merge restore");
    for batch in [3, 4, 5] {
        assert_eq!(
            super::read_letters(backend, LoggedSegmentId(batch))
                .await
                .expect("read"),
            Some(sample_batch(batch)),
            "the letters of logged segment {batch} are kept"
        );
    }
    let restored = load(backend).await.expect("load").db;
    assert!(restored.contacts.get(&ContactId(9)).is_some());
    assert_eq!(restored.contacts[&ContactId(1)].name, "Anna");
    let conflicts = crate::storage::team::conflicts(&restored);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].fields[0].field, "description");
    let values = [
        &conflicts[0].fields[0].winner,
        &conflicts[0].fields[0].other,
    ];
    assert!(values.contains(&&serde_json::Value::from("Spring letter, sent")));
    assert!(values.contains(&&serde_json::Value::from("Spring letter, draft")));
}

/// Runs every check, each on a fresh backend from `fresh`.
pub async fn run_all<B: Backend>(mut fresh: impl AsyncFnMut() -> B) {
    empty_store_loads_empty(&fresh().await).await;
    committed_changes_survive_a_reload(&fresh().await).await;
    a_stale_write_is_refused(&fresh().await).await;
    compaction_keeps_everything(&fresh().await).await;
    backup_and_replace_restore_round_trip(&fresh().await).await;
    letters_are_written_with_their_commit(&fresh().await).await;
    replace_restore_leaves_no_orphan_letters(&fresh().await).await;
    merge_restore_keeps_both_sides(&fresh().await).await;
}
