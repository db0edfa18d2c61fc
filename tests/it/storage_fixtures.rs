//! The stored formats pinned by fixtures written once by the code of their version
//! (`tests/fixtures/storage/v1-full/`, `v2-full/`): the current code must load each of them into
//! exactly the database the sample describes (`tests/it/storage_sample`) as that format could hold
//! it (format 1 has no import undo records).

use crate::storage_sample;
use crate::support::block_on;

use segmentti::core::changes::Changes;
use segmentti::core::db::Db;
use segmentti::core::ids::{ImportBatchId, LoggedSegmentId};
use segmentti::storage::format::{self};
use segmentti::storage::memory::MemoryBackend;
use segmentti::storage::{backup, commit, compact, load, read_letters, Backend};

const V1_FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/storage/v1-full"
);

const V2_FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/storage/v2-full"
);

const V3_FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/storage/v3-full"
);

const V4_FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/storage/v4-full"
);

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

/// The database format 1 held: the sample without its import undo records.
fn expected_db_format_1() -> Db {
    let mut db = Db::new();
    for changes in storage_sample::format_1(
        storage_sample::snapshot_changes()
            .into_iter()
            .chain(storage_sample::journal_changes())
            .collect(),
    ) {
        db.apply(&changes);
    }
    db
}

/// The database format 2 held: the sample without the team's records.
fn expected_db_format_2() -> Db {
    let mut db = Db::new();
    for changes in storage_sample::format_2(
        storage_sample::snapshot_changes()
            .into_iter()
            .chain(storage_sample::journal_changes())
            .collect(),
    ) {
        db.apply(&changes);
    }
    db
}

/// The database format 3 held: the sample with templates without e-mails.
fn expected_db_format_3() -> Db {
    let mut db = Db::new();
    for changes in storage_sample::format_3(
        storage_sample::snapshot_changes()
            .into_iter()
            .chain(storage_sample::journal_changes())
            .collect(),
    ) {
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
/// (`cargo test --test it storage_fixtures -- --ignored write_v1_full_fixture`), never again: the
/// point of the fixture is that it stays exactly as that version wrote it. (The code of format 1
/// wrote it from the sample as it was then, which is [`storage_sample::format_1`] of today's.)
#[test]
#[ignore]
fn write_v1_full_fixture() {
    assert_eq!(
        format::FORMAT_VERSION,
        1,
        "only the code of format 1 writes the format-1 fixture"
    );
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

/// Writes the format-2 fixture with every record kind, the import undo included. Run once, with
/// the code of format 2 (`cargo test --test it storage_fixtures -- --ignored write_v2_full_fixture`),
/// never again: the point of the fixture is that it stays exactly as that version wrote it.
#[test]
#[ignore]
fn write_v2_full_fixture() {
    assert_eq!(
        format::FORMAT_VERSION,
        2,
        "only the code of format 2 writes the format-2 fixture"
    );
    std::fs::create_dir_all(V2_FULL).unwrap();
    let backend = MemoryBackend::new();
    write_sample(&backend);
    for (name, bytes) in blobs(&backend) {
        std::fs::write(format!("{V2_FULL}/{name}"), bytes).unwrap();
    }
    std::fs::write(format!("{V2_FULL}/backup.json"), sample_backup()).unwrap();
    assert!(block_on(read_letters(&backend, LoggedSegmentId(1)))
        .unwrap()
        .is_some());
}

/// Writes the format-3 fixture with every record kind, the team's records included. Run once,
/// with the code of format 3 (`cargo test --test it storage_fixtures -- --ignored
/// write_v3_full_fixture`), never again.
#[test]
#[ignore]
fn write_v3_full_fixture() {
    assert_eq!(
        format::FORMAT_VERSION,
        3,
        "only the code of format 3 writes the format-3 fixture"
    );
    std::fs::create_dir_all(V3_FULL).unwrap();
    let backend = MemoryBackend::new();
    write_sample(&backend);
    for (name, bytes) in blobs(&backend) {
        std::fs::write(format!("{V3_FULL}/{name}"), bytes).unwrap();
    }
    std::fs::write(format!("{V3_FULL}/backup.json"), sample_backup()).unwrap();
    assert!(block_on(read_letters(&backend, LoggedSegmentId(1)))
        .unwrap()
        .is_some());
}

/// Writes the format-4 fixture with every record kind, the templates' e-mails included. Run
/// once, with the code of format 4 (`cargo test --test it storage_fixtures -- --ignored
/// write_v4_full_fixture`), never again.
#[test]
#[ignore]
fn write_v4_full_fixture() {
    assert_eq!(
        format::FORMAT_VERSION,
        4,
        "only the code of format 4 writes the format-4 fixture"
    );
    std::fs::create_dir_all(V4_FULL).unwrap();
    let backend = MemoryBackend::new();
    write_sample(&backend);
    for (name, bytes) in blobs(&backend) {
        std::fs::write(format!("{V4_FULL}/{name}"), bytes).unwrap();
    }
    std::fs::write(format!("{V4_FULL}/backup.json"), sample_backup()).unwrap();
    assert!(block_on(read_letters(&backend, LoggedSegmentId(1)))
        .unwrap()
        .is_some());
}

#[test]
fn a_database_written_by_format_4_loads_as_the_sample_with_the_templates_emails() {
    let loaded = block_on(load(&fixture_backend(V4_FULL))).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.seq, 8);
    assert_eq!(loaded.db.records(), expected_db().records());
    let template = &loaded.db.templates[&segmentti::core::ids::Code::new("T0")];
    assert_eq!(template.emails.len(), 3, "every attachment choice is kept");
    assert_eq!(
        template.email_for("fi").unwrap().attachment,
        segmentti::core::model::EmailAttachment::Pdf
    );
}

#[test]
fn a_backup_file_written_by_format_4_reads_as_the_sample_with_the_templates_emails() {
    let bytes = std::fs::read(format!("{V4_FULL}/backup.json")).unwrap();
    let backup = backup::read_backup(&bytes).expect("the backup reads");
    assert_eq!(backup.version, 4);
    assert_eq!(backup.records, expected_db().records());
    assert_eq!(backup.letter_batches, expected_letters());
}

#[test]
fn a_database_written_by_format_3_loads_unchanged_with_templates_without_emails() {
    let loaded = block_on(load(&fixture_backend(V3_FULL))).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.seq, 8);
    assert_eq!(loaded.db.records(), expected_db_format_3().records());
    assert!(loaded.db.templates.values().all(|t| t.emails.is_empty()));
    let team = &loaded.db.team;
    assert_eq!(team.settings.as_ref().unwrap().code, "AV");
    assert_eq!(team.members.0.len(), 2, "the deleted member is gone");
    assert_eq!(team.ids.len(), 1, "the deleted alias is gone");
    assert_eq!(
        team.replica.conflicts().len(),
        1,
        "the contact edited on two sides is still in conflict after loading"
    );
    assert!(team.replica.current("salesperson:GONE").is_none());
    assert_eq!(team.replica.len(), 2);
}

#[test]
fn a_backup_file_written_by_format_3_reads_as_the_sample_without_emails() {
    let bytes = std::fs::read(format!("{V3_FULL}/backup.json")).unwrap();
    let backup = backup::read_backup(&bytes).expect("the backup reads");
    assert_eq!(backup.version, 3);
    assert_eq!(backup.records, expected_db_format_3().records());
    assert_eq!(backup.letter_batches, expected_letters());
}

/// A memory backend holding the committed fixture files, as the browser would hold them.
fn fixture_backend(dir: &str) -> MemoryBackend {
    let backend = MemoryBackend::new();
    for entry in std::fs::read_dir(dir).expect("the fixture directory") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let number = |prefix: &str| -> Option<u64> {
            name.strip_prefix(prefix)?
                .strip_suffix(".bin")?
                .parse()
                .ok()
        };
        if name == "head.bin" {
            backend.overwrite_head(bytes);
        } else if let Some(i) = number("chunk") {
            backend.overwrite_chunk(i as u32, bytes);
        } else if let Some(seq) = number("journal") {
            backend.overwrite_journal(seq, bytes);
        } else if let Some(batch) = number("letters") {
            backend.overwrite_letters(batch as u32, bytes);
        }
    }
    backend
}

/// Format 1 loads through the upgrade step into the sample as format 1 held it: every record,
/// and no import undo (format 1 had none to store).
#[test]
fn a_database_written_by_format_1_loads_as_the_sample_with_every_record_kind() {
    let loaded = block_on(load(&fixture_backend(V1_FULL))).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.seq, 6);
    assert_eq!(loaded.db.records(), expected_db_format_1().records());
    assert!(loaded.db.import_undos.is_empty());
}

#[test]
fn the_letters_written_by_format_1_load_as_they_were_logged() {
    let backend = fixture_backend(V1_FULL);
    for batch in expected_letters() {
        assert_eq!(
            block_on(read_letters(&backend, batch.id)).unwrap(),
            Some(batch)
        );
    }
}

#[test]
fn a_backup_file_written_by_format_1_reads_as_the_sample() {
    let bytes = std::fs::read(format!("{V1_FULL}/backup.json")).unwrap();
    let backup = backup::read_backup(&bytes).expect("the backup reads");
    assert_eq!(backup.version, 1);
    assert_eq!(backup.created, storage_sample::backup_created());
    assert_eq!(backup.records, expected_db_format_1().records());
    assert_eq!(backup.letter_batches, expected_letters());
}

#[test]
fn a_database_written_by_format_2_loads_as_the_sample_with_every_record_kind() {
    let loaded = block_on(load(&fixture_backend(V2_FULL))).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.seq, 6);
    assert_eq!(loaded.db.records(), expected_db_format_2().records());
    assert_eq!(
        loaded.db.import_undos.keys().copied().collect::<Vec<_>>(),
        vec![ImportBatchId(1)],
        "the snapshot's import undo is kept, the one deleted in the journal is gone"
    );
}

#[test]
fn the_letters_written_by_format_2_load_as_they_were_logged() {
    let backend = fixture_backend(V2_FULL);
    for batch in expected_letters() {
        assert_eq!(
            block_on(read_letters(&backend, batch.id)).unwrap(),
            Some(batch)
        );
    }
}

#[test]
fn a_backup_file_written_by_format_2_reads_as_the_sample() {
    let bytes = std::fs::read(format!("{V2_FULL}/backup.json")).unwrap();
    let backup = backup::read_backup(&bytes).expect("the backup reads");
    assert_eq!(backup.version, 2);
    assert_eq!(backup.created, storage_sample::backup_created());
    assert_eq!(backup.records, expected_db_format_2().records());
    assert_eq!(backup.letter_batches, expected_letters());
}

/// A database of format 1 that the current code writes to: new journal entries are format 2
/// beside the old snapshot and journal, the whole loads, and a compaction rewrites it as format 2.
#[test]
fn a_format_1_database_takes_format_2_entries_and_compacts_into_format_2() {
    let backend = fixture_backend(V1_FULL);
    let mut changes = Changes::new();
    changes.put(segmentti::core::changes::Record::ImportUndo(
        segmentti::core::import::plan::ImportUndo {
            batch: ImportBatchId(7),
            updated: vec![],
        },
    ));
    let seq = block_on(commit(&backend, 6, &changes)).unwrap();
    let mut expected = expected_db_format_1();
    expected.apply(&changes);
    let loaded = block_on(load(&backend)).unwrap();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.db.records(), expected.records());
    block_on(compact(&backend, &loaded.db, seq)).unwrap();
    let head = format::decode_head(&block_on(backend.read_head()).unwrap().unwrap()).unwrap();
    assert_eq!(head.format, format::FORMAT_VERSION);
    assert_eq!(
        block_on(load(&backend)).unwrap().db.records(),
        expected.records()
    );
}

/// Any change to what the current format writes fails here until it becomes a new format
/// version with its own upgrade step (see ARCHITECTURE.md, "How to add a stored field").
#[test]
fn the_current_format_writes_exactly_the_committed_bytes() {
    let backend = MemoryBackend::new();
    write_sample(&backend);
    let fixture = fixture_backend(V4_FULL);
    let written = blobs(&backend);
    assert_eq!(
        written.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        blobs(&fixture)
            .iter()
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>()
    );
    for ((name, ours), (_, theirs)) in written.iter().zip(blobs(&fixture)) {
        assert!(
            *ours == theirs,
            "{name} differs from the committed fixture: the stored format changed"
        );
    }
    let backup = std::fs::read(format!("{V4_FULL}/backup.json")).unwrap();
    assert!(
        sample_backup() == backup,
        "backup.json differs from the committed fixture: the backup format changed"
    );
}

#[test]
fn a_database_from_a_newer_format_is_refused_and_nothing_is_written() {
    let backend = fixture_backend(V4_FULL);
    let mut head = block_on(backend.read_head()).unwrap().unwrap();
    head[4..8].copy_from_slice(&(format::FORMAT_VERSION + 1).to_le_bytes());
    backend.overwrite_head(head);
    let before = backend.all_blobs();
    assert_eq!(
        block_on(load(&backend)).unwrap_err(),
        segmentti::storage::StoreError::VersionTooNew {
            found: format::FORMAT_VERSION + 1,
            supported: format::FORMAT_VERSION
        }
    );
    assert!(matches!(
        block_on(commit(&backend, 6, &storage_sample::deletes())),
        Err(segmentti::storage::StoreError::VersionTooNew { .. })
    ));
    let db = expected_db();
    let _ = block_on(compact(&backend, &db, 6));
    assert_eq!(backend.all_blobs(), before, "no stored blob changed");
}
