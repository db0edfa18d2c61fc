//! Nothing that could not be read is ever lost: compaction waits while any stored record is
//! unreadable, a restore leaves such records where they are, and their bytes can be downloaded
//! as stored.

use crate::support::{adding, block_on};
use segmentti::core::changes::{Changes, Record};
use segmentti::core::db::Db;
use segmentti::core::ids::ContactId;
use segmentti::storage::backup::{plan_restore, read_backup, write_backup, RestoreMode};
use segmentti::storage::memory::MemoryBackend;
use segmentti::storage::raw::{base64, unreadable_file};
use segmentti::storage::{
    commit, commit_with_letters, compact, compact_if_due, format, load, prepare_snapshot,
    Compaction, StoredLetters, Unreadable, UnreadablePlace, COMPACT_AFTER,
};

/// A store with contacts 1–3 in the snapshot, contact 2's record there damaged, and a journal
/// entry after it that is not Segmentti's at all. Returns the backend, the sequence number and
/// the two damaged blobs as stored.
fn damaged_store() -> (MemoryBackend, u64, Vec<u8>, Vec<u8>) {
    let backend = MemoryBackend::new();
    let mut seq = 0;
    for id in 1..=3 {
        seq = block_on(commit(&backend, seq, &adding(id, "x"))).unwrap();
    }
    let db = block_on(load(&backend)).unwrap().db;
    block_on(compact(&backend, &db, seq)).unwrap();
    // Chunk 0 rebuilt with contact 2's record replaced by bytes no record decodes from.
    let parts: Vec<Vec<u8>> = db
        .records()
        .iter()
        .map(|record| {
            let chunk = format::encode_chunk(std::slice::from_ref(record));
            format::chunk_part(&chunk, 0).unwrap()
        })
        .collect();
    let position = db
        .records()
        .iter()
        .position(|r| matches!(r, Record::Contact(c) if c.id == ContactId(2)))
        .unwrap();
    let mut damaged_parts = parts;
    damaged_parts[position] = vec![0x00, 0xff, 0xff, 0xff];
    let mut chunk = format::encode_chunk(&[])[..8].to_vec();
    chunk.extend(postcard::to_allocvec(&damaged_parts).unwrap());
    backend.overwrite_chunk(0, chunk.clone());
    seq = block_on(commit(&backend, seq, &adding(4, "y"))).unwrap();
    let foreign = b"PK\x03\x04 not ours".to_vec();
    backend.overwrite_journal(seq, foreign.clone());
    (backend, seq, chunk, foreign)
}

/// Commits as the app's session does: the change set, then a compaction if one is due.
fn commit_like_the_app(
    backend: &MemoryBackend,
    db: &mut Db,
    seq: u64,
    unreadable: &[Unreadable],
    changes: &Changes,
) -> (u64, Compaction) {
    let seq = block_on(commit(backend, seq, changes)).unwrap();
    db.apply(changes);
    let done = block_on(compact_if_due(backend, unreadable, || {
        prepare_snapshot(db, seq)
    }))
    .unwrap();
    (seq, done)
}

fn blob<'a>(blobs: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a Vec<u8>> {
    blobs.iter().find(|(n, _)| n == name).map(|(_, b)| b)
}

#[test]
fn unreadable_records_are_still_stored_byte_for_byte_after_500_commits() {
    let (backend, foreign_seq, chunk, foreign) = damaged_store();
    let loaded = block_on(load(&backend)).unwrap();
    assert_eq!(loaded.unreadable.len(), 2, "{:?}", loaded.unreadable);
    let (mut db, mut seq) = (loaded.db, foreign_seq);
    let (mut withheld, mut compacted) = (0, 0);
    for i in 0..500 {
        let done;
        (seq, done) = commit_like_the_app(
            &backend,
            &mut db,
            seq,
            &loaded.unreadable,
            &adding(100 + i, "z"),
        );
        withheld += usize::from(done == Compaction::Withheld);
        compacted += usize::from(done == Compaction::Done);
    }
    let blobs = backend.all_blobs();
    assert!(
        blob(&blobs, "chunk 0") == Some(&chunk),
        "the chunk with the damaged record is as stored"
    );
    assert!(
        blob(&blobs, &format!("journal {foreign_seq}")) == Some(&foreign),
        "the foreign journal entry is as stored"
    );
    assert_eq!(compacted, 0, "no compaction ran");
    assert!(withheld > 0, "500 commits made a compaction due");
    let again = block_on(load(&backend)).unwrap();
    assert_eq!(again.unreadable, loaded.unreadable);
    // Contacts 1 and 3 from the snapshot (2 is the damaged record, 4 is in the foreign entry).
    assert_eq!(again.db.contacts.len(), 2 + 500);
}

#[test]
fn the_same_500_commits_compact_when_everything_was_readable() {
    let backend = MemoryBackend::new();
    let (mut db, mut seq) = (Db::new(), 0);
    let mut compactions = 0;
    for i in 0..500 {
        let done;
        (seq, done) = commit_like_the_app(&backend, &mut db, seq, &[], &adding(100 + i, "z"));
        compactions += usize::from(done == Compaction::Done);
    }
    assert_eq!(compactions as u64, 500 / COMPACT_AFTER);
    let journal = backend
        .all_blobs()
        .iter()
        .filter(|(name, _)| name.starts_with("journal"))
        .count();
    assert_eq!(journal as u64, 500 % COMPACT_AFTER);
}

#[test]
fn a_restore_that_replaces_everything_leaves_unreadable_records_stored() {
    let (backend, foreign_seq, chunk, foreign) = damaged_store();
    let seq = foreign_seq;
    let loaded = block_on(load(&backend)).unwrap();
    let mut other = Db::new();
    other.apply(&adding(50, "from the backup"));
    let backup = read_backup(&write_backup(
        &other,
        vec![],
        chrono::NaiveDateTime::default(),
    ))
    .unwrap();
    let (changes, _) = plan_restore(&loaded.db, &backup, RestoreMode::Replace)
        .expect("a replace is always planned");
    let mut db = loaded.db;
    let seq = block_on(commit_with_letters(
        &backend,
        seq,
        &changes,
        StoredLetters::Replace,
    ))
    .unwrap();
    db.apply(&changes);
    // Enough work after the restore that a compaction falls due.
    let mut seq = seq;
    for i in 0..COMPACT_AFTER as u32 + 10 {
        (seq, _) = commit_like_the_app(
            &backend,
            &mut db,
            seq,
            &loaded.unreadable,
            &adding(200 + i, "after"),
        );
    }
    let blobs = backend.all_blobs();
    assert!(
        blob(&blobs, "chunk 0") == Some(&chunk),
        "the chunk with the damaged record is as stored"
    );
    assert!(
        blob(&blobs, &format!("journal {foreign_seq}")) == Some(&foreign),
        "the foreign journal entry is as stored"
    );
    let again = block_on(load(&backend)).unwrap();
    assert_eq!(
        again.unreadable, loaded.unreadable,
        "still named after the restore"
    );
}

#[test]
fn the_unreadable_records_file_holds_each_records_place_and_its_bytes_as_stored() {
    let (backend, foreign_seq, chunk, foreign) = damaged_store();
    let loaded = block_on(load(&backend)).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 20)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let file = block_on(unreadable_file(&backend, &loaded.unreadable, now)).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&file).unwrap();
    assert_eq!(json["kind"], "segmentti-unreadable-records");
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    let UnreadablePlace::SnapshotRecord { chunk: c, record } = loaded.unreadable[0].place else {
        panic!(
            "the damaged snapshot record comes first: {:?}",
            loaded.unreadable
        )
    };
    assert_eq!(records[0]["place"]["snapshot_record"]["chunk"], c);
    assert_eq!(records[0]["place"]["snapshot_record"]["record"], record);
    assert_eq!(records[0]["reason"], "damaged");
    assert_eq!(
        records[0]["bytes_base64"],
        base64(&format::chunk_part(&chunk, record as usize).unwrap())
    );
    assert_eq!(
        records[0]["bytes_base64"],
        base64(&[0x00, 0xff, 0xff, 0xff])
    );
    assert_eq!(records[1]["place"]["journal_entry"]["seq"], foreign_seq);
    assert_eq!(records[1]["reason"], "not_ours");
    assert_eq!(records[1]["bytes_base64"], base64(&foreign));
}
