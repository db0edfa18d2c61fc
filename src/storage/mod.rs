//! Persistence logic shared by every backend: how the database is laid out on disk, how it is
//! loaded, and how one user action is committed as one atomic write.
//!
//! # Layout
//! IndexedDB is slow per record, and the whole database lives in memory anyway, so the store
//! does not keep one record per contact. It keeps
//! * `head`: the format version, the last journal sequence number and the snapshot's extent;
//! * `snapshot`: the whole database as of `head.snapshot_seq`, in chunks of [`CHUNK_RECORDS`]
//!   records;
//! * `journal`: every committed [`Changes`] value after the snapshot, one entry per user action.
//!
//! A commit appends one journal entry and moves the head in one transaction, after checking
//! that the head is still where the caller last saw it: a change computed from stale data (an
//! older head, e.g. another tab committed in between) is refused with [`StoreError::Conflict`]
//! and never overwrites the other change. Loading reads the snapshot and replays the journal
//! tail. Now and then [`compact`] folds the journal into a fresh snapshot.
//!
//! The [`Backend`] trait is the storage contract: [`memory::MemoryBackend`] implements it
//! natively for tests, `crate::store::idb` over IndexedDB in the browser, and
//! `tests/it/storage_contract.rs` runs one suite against both.

pub mod backup;
pub mod contract;
pub mod format;
pub mod memory;
pub mod raw;
pub mod records;
pub mod team;

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::LoggedSegmentId;
use crate::core::model::LetterBatch;
use format::{DecodeError, Head, FORMAT_VERSION};

/// Records per snapshot chunk: big enough that 600,000 records are a few hundred puts, small
/// enough that one damaged chunk costs little.
pub const CHUNK_RECORDS: usize = 5_000;

/// Fold the journal into a snapshot once it holds this many entries.
pub const COMPACT_AFTER: u64 = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Another writer committed since this change set was computed; reload and recompute.
    Conflict { expected: u64, found: u64 },
    /// The browser's storage quota is used up; nothing was written. The figures are the
    /// browser's estimate of what this app uses and may use, in bytes, when it gives one, so
    /// that the message can say how full the storage is.
    QuotaExceeded {
        used: Option<u64>,
        quota: Option<u64>,
    },
    /// Another tab keeps an older version of the database open, so it cannot be upgraded.
    Blocked,
    /// The database was written by a newer version of the app; this one only reads nothing.
    VersionTooNew { found: u32, supported: u32 },
    /// The browser gives this page no database at all: storage is switched off or refused (a
    /// private window, a site setting), or the browser cannot open its own files for it. The
    /// string is the browser's own words, for whoever investigates.
    Unavailable(String),
    /// Something stored cannot be read back: the record named by `part` does not decode, or the
    /// browser reports its files as unreadable. `detail` is the decoder's or the browser's
    /// technical words, kept for whoever investigates the damage.
    Damaged { part: StoredPart, detail: String },
    /// Any other failure of the storage (a transaction the browser aborted, …), in the
    /// browser's own words.
    Backend(String),
}

/// The stored record a [`StoreError::Damaged`] is about. It is data, not a sentence: the UI
/// words it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredPart {
    /// The head, which says where the snapshot and the journal stand.
    Head,
    /// The letters logged with one logged segment.
    Letters { batch: LoggedSegmentId },
    /// The letters of some logged segment, read all at once (for a backup).
    SomeLetters,
    /// The journal entry of one user action.
    JournalEntry { seq: u64 },
    /// Files the browser itself reports as unreadable (`NotReadableError`).
    BrowserFiles,
}

impl StoreError {
    /// A full disk whose figures are not known (yet).
    pub fn full() -> Self {
        StoreError::QuotaExceeded {
            used: None,
            quota: None,
        }
    }

    /// The store's error for a failure the browser names with a DOMException name (see the
    /// IndexedDB and WebIDL specifications): a full disk, storage that is switched off or whose
    /// files cannot be opened, and files that cannot be read are told apart by that name, never
    /// by reading the error's text. `detail` is the browser's own words, asked for only when kept.
    pub fn from_browser(name: Option<&str>, detail: impl FnOnce() -> String) -> Self {
        match name {
            Some("QuotaExceededError") => StoreError::full(),
            // SecurityError: storage refused by a setting or a private window; InvalidStateError
            // at open: the same in older Firefox; UnknownError: the browser's backing store for
            // this site failed to open (a damaged profile, a disk error).
            Some("SecurityError" | "InvalidStateError" | "UnknownError") => {
                StoreError::Unavailable(detail())
            }
            Some("NotReadableError") => StoreError::Damaged {
                part: StoredPart::BrowserFiles,
                detail: detail(),
            },
            _ => StoreError::Backend(detail()),
        }
    }

    /// The error for a stored record that does not decode: a newer format is told as such,
    /// anything else as damage to `part`.
    fn undecodable(part: StoredPart, error: DecodeError) -> Self {
        match error {
            DecodeError::VersionTooNew { found, supported } => {
                StoreError::VersionTooNew { found, supported }
            }
            DecodeError::NotOurs => StoreError::Damaged {
                part,
                detail: "not written by Segmentti".into(),
            },
            DecodeError::Damaged(detail) => StoreError::Damaged { part, detail },
        }
    }
}

/// A record that could not be decoded at start; the app starts without it and names it.
///
/// Both halves are data, not sentences: the UI words them in the user's language through its
/// translation catalogue, so storage never builds text anyone reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub place: UnreadablePlace,
    pub reason: UnreadableReason,
}

/// Where an unreadable record was stored, by the keys the store uses (all counted from 0 except
/// journal sequence numbers, which start at 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnreadablePlace {
    /// A whole snapshot chunk whose envelope or record list does not decode.
    SnapshotChunk { chunk: u32 },
    /// One record of a snapshot chunk; its neighbours loaded.
    SnapshotRecord { chunk: u32, record: u32 },
    /// The journal entry of one user action after the snapshot.
    JournalEntry { seq: u64 },
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadableReason {
    /// The bytes were not written by Segmentti at all.
    NotOurs,
    /// Segmentti's envelope, but the payload does not decode; the decoder's own technical
    /// message is kept for whoever investigates the damage.
    Damaged { detail: String },
}

/// The storage contract: a few atomic operations on raw blobs.
///
/// The app is single-threaded in the browser, so futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// The head, or `None` for a database that was never written.
    async fn read_head(&self) -> Result<Option<Vec<u8>>, StoreError>;
    /// Snapshot chunks `0..count`.
    async fn read_chunks(&self, count: u32) -> Result<Vec<Vec<u8>>, StoreError>;
    /// Snapshot chunks `0..count` as [`Backend::read_chunks`] gives them, handed to `each` one at
    /// a time and in order, so that loading holds one chunk's bytes at a time rather than the
    /// whole snapshot's (wasm memory never shrinks: a peak stays for the life of the tab).
    async fn for_each_chunk(
        &self,
        count: u32,
        each: &mut dyn FnMut(Vec<u8>),
    ) -> Result<(), StoreError> {
        for chunk in self.read_chunks(count).await? {
            each(chunk);
        }
        Ok(())
    }
    /// Journal entries with a sequence number greater than `after`, in order.
    async fn read_journal(&self, after: u64) -> Result<Vec<(u64, Vec<u8>)>, StoreError>;
    /// In one transaction: if the stored head's `seq` equals `expected_seq`, delete the stored
    /// letter batches `deletes` names, then add the journal entry
    /// `new_head.seq`, the letter batches (by logged segment number) and the new head;
    /// otherwise change nothing and return [`StoreError::Conflict`].
    async fn append(
        &self,
        expected_seq: u64,
        new_head: &Head,
        head_bytes: Vec<u8>,
        entry: Vec<u8>,
        letters: Vec<(u32, Vec<u8>)>,
        deletes: LetterDeletes,
    ) -> Result<(), StoreError>;
    /// One stored letter batch, by logged segment number.
    async fn read_letters(&self, batch: u32) -> Result<Option<Vec<u8>>, StoreError>;
    /// Every stored letter batch (for the backup file).
    async fn read_all_letters(&self) -> Result<Vec<Vec<u8>>, StoreError>;
    /// In one transaction: replace the snapshot with `chunks`, write `head`, and delete journal
    /// entries up to `head.snapshot_seq` — but only if the stored head's `seq` is still
    /// `expected_seq`.
    async fn replace_snapshot(
        &self,
        expected_seq: u64,
        head_bytes: Vec<u8>,
        chunks: Vec<Vec<u8>>,
        upto: u64,
    ) -> Result<(), StoreError>;
}

/// What loading found: the database, where it stands, and anything that could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub db: Db,
    pub seq: u64,
    pub unreadable: Vec<Unreadable>,
}

/// Turns a decoding error at `place` into an unreadable record, except a newer format, which
/// refuses the whole database: this version must not start on data it only half understands.
fn version_error(error: DecodeError, place: UnreadablePlace) -> Result<Unreadable, StoreError> {
    match error {
        DecodeError::VersionTooNew { found, supported } => {
            Err(StoreError::VersionTooNew { found, supported })
        }
        DecodeError::NotOurs => Ok(Unreadable {
            place,
            reason: UnreadableReason::NotOurs,
        }),
        DecodeError::Damaged(detail) => Ok(Unreadable {
            place,
            reason: UnreadableReason::Damaged { detail },
        }),
    }
}

/// Loads the whole database: the snapshot, then the journal entries after it.
pub async fn load(backend: &impl Backend) -> Result<Loaded, StoreError> {
    let Some(head_bytes) = backend.read_head().await? else {
        return Ok(Loaded::default());
    };
    let head = format::decode_head(&head_bytes)
        .map_err(|e| StoreError::undecodable(StoredPart::Head, e))?;
    // Each chunk is decoded record by record straight into the database and its bytes are
    // dropped before the next chunk is read: no list of every record, nor of every chunk, is
    // ever held next to the database being built.
    let mut unreadable = Vec::new();
    let mut db = Db::new();
    let mut index: u32 = 0;
    let mut refused = None;
    backend
        .for_each_chunk(head.chunks, &mut |chunk| {
            if refused.is_some() {
                return;
            }
            match format::decode_chunk_each(&chunk, |record| db.load_record(record)) {
                Ok(bad) => unreadable.extend(bad.into_iter().map(|(at, detail)| Unreadable {
                    place: UnreadablePlace::SnapshotRecord {
                        chunk: index,
                        record: at as u32,
                    },
                    reason: UnreadableReason::Damaged { detail },
                })),
                Err(error) => {
                    match version_error(error, UnreadablePlace::SnapshotChunk { chunk: index }) {
                        Ok(named) => unreadable.push(named),
                        Err(too_new) => refused = Some(too_new),
                    }
                }
            }
            index += 1;
        })
        .await?;
    if let Some(too_new) = refused {
        return Err(too_new);
    }
    db.finish_loading();
    for (seq, bytes) in backend.read_journal(head.snapshot_seq).await? {
        match format::decode_changes(&bytes) {
            Ok(changes) => db.apply_owned(changes),
            Err(error) => {
                unreadable.push(version_error(error, UnreadablePlace::JournalEntry { seq })?)
            }
        }
    }
    Ok(Loaded {
        db,
        seq: head.seq,
        unreadable,
    })
}

/// The stored letter batches a commit deletes, in its transaction, before it writes its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterDeletes {
    /// Every stored batch.
    pub all: bool,
    /// These batches, by logged segment number.
    pub batches: Vec<u32>,
}

/// What a commit does with the letter batches already stored, besides writing its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoredLetters {
    /// Keep them: an ordinary action only adds batches.
    #[default]
    Keep,
    /// Delete every stored batch first, in the same transaction: restoring a backup with
    /// Replace, so that no batch of the replaced database is left behind without its entries.
    Replace,
}

/// Commits one change set on top of `seen_seq` and returns the new sequence number. Nothing is
/// written unless the whole entry is.
pub async fn commit(
    backend: &impl Backend,
    seen_seq: u64,
    changes: &Changes,
) -> Result<u64, StoreError> {
    commit_with_letters(backend, seen_seq, changes, StoredLetters::Keep).await
}

/// Like [`commit`], and in the same transaction does `stored` to the letter batches already
/// stored (and, either way, deletes those named in [`Changes::dropped_letter_batches`]). A
/// refused commit (a conflict, a full disk) deletes nothing.
pub async fn commit_with_letters(
    backend: &impl Backend,
    seen_seq: u64,
    changes: &Changes,
    stored: StoredLetters,
) -> Result<u64, StoreError> {
    let current = match backend.read_head().await? {
        Some(bytes) => {
            format::decode_head(&bytes).map_err(|e| StoreError::undecodable(StoredPart::Head, e))?
        }
        None => Head {
            format: FORMAT_VERSION,
            ..Head::default()
        },
    };
    let new_head = Head {
        format: FORMAT_VERSION,
        seq: seen_seq + 1,
        ..current
    };
    let head_bytes = format::encode_head(&new_head);
    let letters = changes
        .letter_batches
        .iter()
        .map(|b| (b.id.0, format::encode_letter_batch(b)))
        .collect();
    backend
        .append(
            seen_seq,
            &new_head,
            head_bytes,
            format::encode_changes(changes),
            letters,
            LetterDeletes {
                all: stored == StoredLetters::Replace,
                batches: changes
                    .dropped_letter_batches
                    .iter()
                    .map(|id| id.0)
                    .collect(),
            },
        )
        .await?;
    Ok(new_head.seq)
}

/// The letters logged with one logged segment; `None` if it logged none.
pub async fn read_letters(
    backend: &impl Backend,
    batch: LoggedSegmentId,
) -> Result<Option<LetterBatch>, StoreError> {
    match backend.read_letters(batch.0).await? {
        None => Ok(None),
        Some(bytes) => format::decode_letter_batch(&bytes)
            .map(Some)
            .map_err(|e| StoreError::undecodable(StoredPart::Letters { batch }, e)),
    }
}

/// Every letter batch, for the backup file. A batch that does not decode is named in the error:
/// a backup that silently lacked letters would be worse than none.
pub async fn read_all_letters(backend: &impl Backend) -> Result<Vec<LetterBatch>, StoreError> {
    let mut out = Vec::new();
    for bytes in backend.read_all_letters().await? {
        let batch = format::decode_letter_batch(&bytes)
            .map_err(|e| StoreError::undecodable(StoredPart::SomeLetters, e))?;
        out.push(batch);
    }
    Ok(out)
}

/// The journal entries another writer committed after `seen_seq`, decoded, to bring an
/// in-memory database up to date (e.g. when another tab announces a commit).
pub async fn changes_since(
    backend: &impl Backend,
    seen_seq: u64,
) -> Result<Vec<(u64, Changes)>, StoreError> {
    let mut out = Vec::new();
    for (seq, bytes) in backend.read_journal(seen_seq).await? {
        let changes = format::decode_changes(&bytes)
            .map_err(|e| StoreError::undecodable(StoredPart::JournalEntry { seq }, e))?;
        out.push((seq, changes));
    }
    Ok(out)
}

/// A snapshot ready to write: encoded synchronously, so that no borrow of the database is held
/// while the write is awaited.
pub struct PreparedSnapshot {
    seq: u64,
    head: Vec<u8>,
    chunks: Vec<Vec<u8>>,
}

/// Encodes the whole database as a snapshot at `seq`.
pub fn prepare_snapshot(db: &Db, seq: u64) -> PreparedSnapshot {
    let records = db.records();
    let chunks: Vec<Vec<u8>> = records
        .chunks(CHUNK_RECORDS)
        .map(format::encode_chunk)
        .collect();
    let head = Head {
        format: FORMAT_VERSION,
        seq,
        snapshot_seq: seq,
        chunks: chunks.len() as u32,
    };
    PreparedSnapshot {
        seq,
        head: format::encode_head(&head),
        chunks,
    }
}

/// Writes a prepared snapshot and drops the journal entries it contains, unless another writer
/// committed after `seq` (then nothing changes and the journal simply stays longer).
pub async fn write_snapshot(
    backend: &impl Backend,
    snapshot: PreparedSnapshot,
) -> Result<(), StoreError> {
    backend
        .replace_snapshot(snapshot.seq, snapshot.head, snapshot.chunks, snapshot.seq)
        .await
}

/// Writes the whole database as a fresh snapshot at `seq` and drops the journal it contains.
///
/// The snapshot is written from memory, so this is only for a database that loaded without
/// unreadable records (a test, a benchmark); the app compacts through [`compact_if_due`], which
/// refuses while any stored record is unreadable.
pub async fn compact(backend: &impl Backend, db: &Db, seq: u64) -> Result<(), StoreError> {
    write_snapshot(backend, prepare_snapshot(db, seq)).await
}

/// What [`compact_if_due`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compaction {
    /// The journal is still short; nothing was written.
    NotDue,
    /// The journal was folded into a fresh snapshot.
    Done,
    /// Due, but some stored records could not be read: nothing was written, so that they stay
    /// in storage as they are until someone has downloaded them (see [`raw`]).
    Withheld,
}

/// Folds the journal into a snapshot when it has grown long, unless `unreadable` names any
/// stored record that could not be read.
///
/// A snapshot is written from the in-memory database, which lacks every record that did not
/// decode; writing it would replace the chunks and delete the journal entries those records are
/// in, so they would be gone for good. While any is unreadable the journal simply grows.
///
/// `prepare` encodes the snapshot; it is called only when one will be written, and before
/// anything is awaited, so that the caller's borrow of its database is not held across the
/// write.
pub async fn compact_if_due(
    backend: &impl Backend,
    unreadable: &[Unreadable],
    prepare: impl FnOnce() -> PreparedSnapshot,
) -> Result<Compaction, StoreError> {
    if !should_compact(backend).await? {
        return Ok(Compaction::NotDue);
    }
    if !unreadable.is_empty() {
        return Ok(Compaction::Withheld);
    }
    write_snapshot(backend, prepare()).await?;
    Ok(Compaction::Done)
}

/// Whether the journal has grown enough since the snapshot to be worth compacting.
pub async fn should_compact(backend: &impl Backend) -> Result<bool, StoreError> {
    Ok(match backend.read_head().await? {
        Some(bytes) => format::decode_head(&bytes)
            .map(|h| h.seq - h.snapshot_seq >= COMPACT_AFTER)
            .unwrap_or(false),
        None => false,
    })
}
