//! The stored formats pinned by fixtures written once by the code of their version
//! (`tests/fixtures/storage/v1-full/`): the current code must load each of them into exactly the
//! database the sample describes (`tests/storage_sample`).

mod storage_sample;

use segmentti::core::changes::Changes;
use segmentti::core::db::Db;
use segmentti::core::ids::LoggedSegmentId;
use segmentti::storage::format::{self};
use segmentti::storage::memory::MemoryBackend;
use segmentti::storage::{backup, commit, compact, load, read_letters, Backend};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future whose every await is immediately ready, as the memory backend's are.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

const V1_FULL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/storage/v1-full");

/// The sample committed as a user would: the set-up, contacts and records to delete later, then
/// a compaction into a snapshot, then three journal entries (segments, logging with its letters,
/// deletes of every record kind).
fn write_sample(backend: &MemoryBackend) -> u64 {
    let mut seq = 0;
    for changes in storage_sample::snapshot_changes() {
        seq = block_on(commit(backend, seq, &changes)).unwrap();
    }
    let db = block_on(load(backend)).unwrap().db;
    block_on(compact(backend, &db, seq)).unwrap();
    for changes in storage_sample::journal_changes() {
        seq = block_on(commit(backend, seq, &changes)).unwrap();
    }
    seq
}

/// The database the sample describes, built by applying its change sets in memory, with no
/// storage involved.
fn expected_db() -> Db {
    let mut db = Db::new();
    for changes in storage_sample::snapshot_changes()
        .into_iter()
        .chain(storage_sample::journal_changes())
    {
        db.apply(&changes);
    }
    db
}

/// The letter batches the sample logged.
fn expected_letters() -> Vec<segmentti::core::model::LetterBatch> {
    storage_sample::journal_changes()
        .into_iter()
        .flat_map(|c: Changes| c.letter_batches)
        .collect()
}

/// Every blob a backend holds, by the file name the fixture gives it.
fn blobs(backend: &MemoryBackend) -> Vec<(String, Vec<u8>)> {
    let head_bytes = block_on(backend.read_head()).unwrap().expect("a head");
    let head = format::decode_head(&head_bytes).unwrap();
    let mut out = vec![("head.bin".to_string(), head_bytes)];
    for (i, chunk) in block_on(backend.read_chunks(head.chunks))
        .unwrap()
        .into_iter()
        .enumerate()
    {
        out.push((format!("chunk{i}.bin"), chunk));
    }
    for (seq, entry) in block_on(backend.read_journal(0)).unwrap() {
        out.push((format!("journal{seq}.bin"), entry));
    }
    for batch in expected_letters() {
        let bytes = block_on(backend.read_letters(batch.id.0)).unwrap().unwrap();
        out.push((format!("letters{}.bin", batch.id.0), bytes));
    }
    out
}

/// The sample's backup file, as Settings writes it.
fn sample_backup() -> Vec<u8> {
    backup::write_backup(
        &expected_db(),
        expected_letters(),
        storage_sample::backup_created(),
    )
}

/// Writes the format-1 fixture with every record kind. Run once, with the code of format 1
/// (`cargo test --test storage_fixtures -- --ignored write_v1_full_fixture`), never again: the
/// point of the fixture is that it stays exactly as that version wrote it.
#[test]
#[ignore]
fn write_v1_full_fixture() {
    std::fs::create_dir_all(V1_FULL).unwrap();
    let backend = MemoryBackend::new();
    write_sample(&backend);
    for (name, bytes) in blobs(&backend) {
        std::fs::write(format!("{V1_FULL}/{name}"), bytes).unwrap();
    }
    std::fs::write(format!("{V1_FULL}/backup.json"), sample_backup()).unwrap();
    // The logged segment's letters are read back to make sure they were written at all.
    assert!(block_on(read_letters(&backend, LoggedSegmentId(1)))
        .unwrap()
        .is_some());
}
