//! The storage contract run natively against the in-memory backend, plus what loading does with
//! damaged, newer and old data. The same contract runs against IndexedDB in `tests/web_store.rs`.

use crate::support::{adding, block_on};
use segmentti::core::changes::Record;
use segmentti::core::ids::ContactId;
use segmentti::core::model::Contact;
use segmentti::storage::format::{self, FORMAT_VERSION};
use segmentti::storage::memory::MemoryBackend;
use segmentti::storage::{
    changes_since, commit, compact, contract, load, StoreError, StoredPart, Unreadable,
    UnreadablePlace, UnreadableReason,
};

#[test]
fn the_memory_backend_keeps_the_storage_contract() {
    block_on(contract::run_all(async || MemoryBackend::new()));
}

#[test]
fn a_full_disk_refuses_the_commit_and_keeps_what_was_stored() {
    let backend = MemoryBackend::with_quota(200);
    let seq = block_on(commit(&backend, 0, &adding(1, "Anna"))).expect("a small commit fits");
    let big = adding(2, &"x".repeat(500));
    assert_eq!(
        block_on(commit(&backend, seq, &big)),
        Err(StoreError::full())
    );
    let loaded = block_on(load(&backend)).unwrap();
    assert_eq!(loaded.seq, seq, "the head did not move");
    assert_eq!(loaded.db.contacts.len(), 1, "the earlier contact is intact");
}

#[test]
fn a_damaged_record_is_named_and_the_rest_loads() {
    let backend = MemoryBackend::new();
    let mut seq = 0;
    for id in 1..=3 {
        seq = block_on(commit(&backend, seq, &adding(id, "x"))).unwrap();
    }
    let db = block_on(load(&backend)).unwrap().db;
    block_on(compact(&backend, &db, seq)).unwrap();
    seq = block_on(commit(&backend, seq, &adding(4, "y"))).unwrap();
    backend.overwrite_journal(seq, b"garbage".to_vec());
    let loaded = block_on(load(&backend)).unwrap();
    assert_eq!(loaded.db.contacts.len(), 3, "the snapshot still loads");
    assert_eq!(
        loaded.unreadable,
        vec![Unreadable {
            place: UnreadablePlace::JournalEntry { seq },
            reason: UnreadableReason::NotOurs,
        }],
        "the entry is named by its sequence number, as not written by Segmentti"
    );
}

#[test]
fn a_damaged_snapshot_chunk_is_named() {
    let backend = MemoryBackend::new();
    let seq = block_on(commit(&backend, 0, &adding(1, "x"))).unwrap();
    let db = block_on(load(&backend)).unwrap().db;
    block_on(compact(&backend, &db, seq)).unwrap();
    let mut bytes = format::encode_chunk(&[]);
    bytes.truncate(8);
    bytes.push(0xff);
    backend.overwrite_chunk(0, bytes);
    let loaded = block_on(load(&backend)).unwrap();
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(
        loaded.unreadable[0].place,
        UnreadablePlace::SnapshotChunk { chunk: 0 }
    );
    assert!(
        matches!(
            loaded.unreadable[0].reason,
            UnreadableReason::Damaged { .. }
        ),
        "our envelope with a broken payload is damaged, not foreign: {:?}",
        loaded.unreadable[0].reason
    );
}

#[test]
fn a_damaged_record_inside_a_chunk_is_named_by_chunk_and_record() {
    let backend = MemoryBackend::new();
    let mut seq = 0;
    for id in 1..=3 {
        seq = block_on(commit(&backend, seq, &adding(id, "x"))).unwrap();
    }
    let db = block_on(load(&backend)).unwrap().db;
    block_on(compact(&backend, &db, seq)).unwrap();
    // Rebuild chunk 0 with its second record (index 1) replaced by bytes no record decodes from.
    let records = db.records();
    let mut parts: Vec<Vec<u8>> = records
        .iter()
        .map(|r| postcard_bytes(&format::encode_chunk(std::slice::from_ref(r))))
        .collect();
    let damaged = records
        .iter()
        .position(|r| matches!(r, Record::Contact(c) if c.id == ContactId(2)))
        .expect("contact 2 is in the snapshot");
    parts[damaged] = vec![0xff, 0xff, 0xff];
    backend.overwrite_chunk(0, chunk_of(parts));
    let loaded = block_on(load(&backend)).unwrap();
    assert_eq!(loaded.unreadable.len(), 1, "{:?}", loaded.unreadable);
    assert_eq!(
        loaded.unreadable[0].place,
        UnreadablePlace::SnapshotRecord {
            chunk: 0,
            record: damaged as u32
        }
    );
    assert!(matches!(
        loaded.unreadable[0].reason,
        UnreadableReason::Damaged { .. }
    ));
    assert_eq!(
        loaded.db.contacts.keys().copied().collect::<Vec<_>>(),
        vec![ContactId(1), ContactId(3)],
        "the neighbours of the damaged record load"
    );
}

/// The one encoded record inside a chunk of one record: the chunk's payload is a postcard list
/// of byte strings, so after the 8-byte envelope come the list length (1), the record's length
/// and the record itself.
fn postcard_bytes(chunk: &[u8]) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = postcard::from_bytes(&chunk[8..]).expect("our own chunk decodes");
    parts.into_iter().next().expect("one record")
}

/// A chunk made of already encoded records, in the current format's envelope.
fn chunk_of(parts: Vec<Vec<u8>>) -> Vec<u8> {
    let mut bytes = format::encode_chunk(&[])[..8].to_vec();
    bytes.extend(postcard::to_allocvec(&parts).unwrap());
    bytes
}

#[test]
fn a_database_from_a_newer_app_is_refused_by_version() {
    let backend = MemoryBackend::new();
    block_on(commit(&backend, 0, &adding(1, "x"))).unwrap();
    let mut head = block_on(segmentti::storage::Backend::read_head(&backend))
        .unwrap()
        .unwrap();
    head[4..8].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    backend.overwrite_head(head);
    assert_eq!(
        block_on(load(&backend)).unwrap_err(),
        StoreError::VersionTooNew {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        }
    );
    assert!(matches!(
        block_on(commit(&backend, 1, &adding(2, "y"))),
        Err(StoreError::VersionTooNew { .. })
    ));
}

/// Format 1 as written by the first release: a fixture made once and kept, so that any change
/// to the core types that breaks reading old data fails here.
#[test]
fn format_1_fixture_still_loads() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/storage/v1");
    let read = |name: &str| std::fs::read(format!("{dir}/{name}")).expect("fixture file");
    let backend = MemoryBackend::new();
    backend.overwrite_head(read("head.bin"));
    backend.overwrite_chunk(0, read("chunk0.bin"));
    backend.overwrite_journal(2, read("journal2.bin"));
    let loaded = block_on(load(&backend)).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.seq, 2);
    assert_eq!(loaded.db.contacts[&ContactId(1)].name, "Anna Virtanen");
    assert_eq!(loaded.db.contacts[&ContactId(2)].name, "Acme Oy");
}

/// Writes the format-1 fixture. Run once when a format is released
/// (`cargo test --test it storage_contract -- --ignored write_format_1_fixture`), never again for
/// the same version: the point of the fixture is that it stays as that version wrote it.
#[test]
#[ignore]
fn write_format_1_fixture() {
    use segmentti::core::model::ContactKind;
    assert_eq!(
        FORMAT_VERSION, 1,
        "only the code of format 1 writes the format-1 fixture"
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/storage/v1");
    std::fs::create_dir_all(dir).unwrap();
    let backend = MemoryBackend::new();
    let mut first = adding(1, "Anna Virtanen");
    first.put(Record::Contact(Contact {
        id: ContactId(2),
        kind: ContactKind::Company,
        name: "Acme Oy".into(),
        ..Default::default()
    }));
    let seq = block_on(commit(&backend, 0, &first)).unwrap();
    let db = block_on(load(&backend)).unwrap().db;
    block_on(compact(&backend, &db, seq)).unwrap();
    let seq = block_on(commit(&backend, seq, &adding(1, "Anna Virtanen"))).unwrap();
    let be = &backend;
    let head = block_on(segmentti::storage::Backend::read_head(be))
        .unwrap()
        .unwrap();
    let chunks = block_on(segmentti::storage::Backend::read_chunks(be, 1)).unwrap();
    let journal = block_on(segmentti::storage::Backend::read_journal(be, 1)).unwrap();
    assert_eq!(seq, 2);
    std::fs::write(format!("{dir}/head.bin"), head).unwrap();
    std::fs::write(format!("{dir}/chunk0.bin"), &chunks[0]).unwrap();
    std::fs::write(format!("{dir}/journal2.bin"), &journal[0].1).unwrap();
}

#[test]
fn a_damaged_head_is_named_as_damage_to_the_head_and_nothing_is_written() {
    let backend = MemoryBackend::new();
    let seq = block_on(commit(&backend, 0, &adding(1, "Anna"))).unwrap();
    backend.overwrite_head(b"garbage".to_vec());
    let Err(StoreError::Damaged { part, .. }) = block_on(load(&backend)) else {
        panic!("a head that does not decode is damage, told as such")
    };
    assert_eq!(part, StoredPart::Head);
    let before = backend.all_blobs();
    assert!(matches!(
        block_on(commit(&backend, seq, &adding(2, "Bea"))),
        Err(StoreError::Damaged {
            part: StoredPart::Head,
            ..
        })
    ));
    assert_eq!(
        backend.all_blobs(),
        before,
        "a refused commit wrote nothing"
    );
}

#[test]
fn an_undecodable_journal_entry_from_another_tab_is_damage_named_by_its_number() {
    let backend = MemoryBackend::new();
    let seq = block_on(commit(&backend, 0, &adding(1, "Anna"))).unwrap();
    let seq = block_on(commit(&backend, seq, &adding(2, "Bea"))).unwrap();
    backend.overwrite_journal(seq, b"garbage".to_vec());
    assert!(matches!(
        block_on(changes_since(&backend, seq - 1)),
        Err(StoreError::Damaged {
            part: StoredPart::JournalEntry { seq: named },
            ..
        }) if named == seq
    ));
}

#[test]
fn browser_failures_are_told_apart_by_their_exception_name() {
    let words = || "the browser's words".to_owned();
    assert_eq!(
        StoreError::from_browser(Some("QuotaExceededError"), words),
        StoreError::full()
    );
    for name in ["SecurityError", "InvalidStateError", "UnknownError"] {
        assert_eq!(
            StoreError::from_browser(Some(name), words),
            StoreError::Unavailable(words()),
            "{name} means the browser gives no storage"
        );
    }
    assert_eq!(
        StoreError::from_browser(Some("NotReadableError"), words),
        StoreError::Damaged {
            part: StoredPart::BrowserFiles,
            detail: words()
        }
    );
    for name in [Some("AbortError"), Some("TransactionInactiveError"), None] {
        assert_eq!(
            StoreError::from_browser(name, words),
            StoreError::Backend(words()),
            "{name:?} is another failure, in the browser's words"
        );
    }
    // The message text never decides: a message that mentions a full disk under another name
    // is not a full disk.
    assert_eq!(
        StoreError::from_browser(Some("AbortError"), || "QuotaExceeded".to_owned()),
        StoreError::Backend("QuotaExceeded".to_owned())
    );
}
