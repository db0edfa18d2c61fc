//! The storage contract ([`crate::storage::Backend`]) over IndexedDB.
//!
//! Why the `idb` crate: it is a thin futures layer over web-sys with explicit
//! `transaction.commit()` / `abort()`, so a commit is exactly one read-write transaction that
//! either completes or aborts as a whole, and its futures are plain `!Send` futures that run
//! under Leptos 0.8's `spawn_local`. Nothing but the transaction's own requests is awaited
//! while a transaction is open: all computing (the core operation, encoding) happens before.
//!
//! Layout (schema version 1): object stores `meta` (key `"head"`), `snapshot` (key: chunk
//! number), `journal` (key: sequence number) and `letters` (key: logged segment number, one
//! batch of letters each, never read at start); every value is a `Uint8Array` written by
//! [`crate::storage::format`].

use crate::storage::format::Head;
use crate::storage::{Backend, LetterDeletes, StoreError};
use idb::{Database, Factory, KeyRange, ObjectStore, ObjectStoreParams, Query, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

/// The IndexedDB schema version. Each version has one step in [`upgrade`].
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const SNAPSHOT: &str = "snapshot";
const JOURNAL: &str = "journal";
const LETTERS: &str = "letters";
const HEAD_KEY: &str = "head";

pub struct IdbBackend {
    db: Database,
}

/// The DOMException an `idb` error carries, if any. Most variants wrap the failed request's
/// error as a plain JS value, so that is looked at too.
fn exception(error: &idb::Error) -> Option<web_sys::DomException> {
    use idb::Error as E;
    let value: &JsValue = match error {
        E::DomException(exception) => return Some(exception.clone()),
        E::AddFailed(v)
        | E::UpdateFailed(v)
        | E::DeleteFailed(v)
        | E::ClearFailed(v)
        | E::TransactionCommitError(v)
        | E::TransactionAbortError(v)
        | E::TransactionOpenFailed(v)
        | E::IndexedDbOpenFailed(v) => v,
        _ => return None,
    };
    value.dyn_ref::<web_sys::DomException>().cloned()
}

/// The name of the DOMException an `idb` error carries (e.g. `QuotaExceededError`), if any.
fn exception_name(error: &idb::Error) -> Option<String> {
    exception(error).map(|exception| exception.name())
}

/// What the browser said about a failure, as a person could pass it on: the DOMException's name
/// and message, or the `idb` library's own sentence. Rust's debug form of an error is for the
/// console only; it never goes into a message someone reads.
fn browser_words(error: &idb::Error) -> String {
    match exception(error) {
        Some(exception) => format!("{}: {}", exception.name(), exception.message()),
        None => error.to_string(),
    }
}

/// Turns an `idb` error into the store's error.
fn store_error(error: idb::Error) -> StoreError {
    StoreError::from_browser(exception_name(&error).as_deref(), || browser_words(&error))
}

/// The upgrade ladder: one step per schema version, run in order from the stored version.
fn upgrade(db: &Database, old_version: u32) -> Result<(), idb::Error> {
    if old_version < 1 {
        db.create_object_store(META, ObjectStoreParams::new())?;
        db.create_object_store(SNAPSHOT, ObjectStoreParams::new())?;
        db.create_object_store(JOURNAL, ObjectStoreParams::new())?;
        db.create_object_store(LETTERS, ObjectStoreParams::new())?;
    }
    Ok(())
}

impl IdbBackend {
    /// Opens (and if needed creates or upgrades) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        // No IndexedDB at all (switched off, or a browser that refuses it to this page) is storage
        // that is unavailable, whatever error the library reports it with.
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(browser_words(&e)))?;
        let mut request = factory.open(name, Some(SCHEMA_VERSION)).map_err(|e| {
            // Opening with a version lower than the stored one fails with a VersionError: the
            // database was written by a newer app.
            if exception_name(&e).as_deref() == Some("VersionError") {
                StoreError::VersionTooNew {
                    found: 0,
                    supported: SCHEMA_VERSION,
                }
            } else {
                store_error(e)
            }
        })?;
        request.on_upgrade_needed(|event| {
            let old = event.old_version().unwrap_or(0);
            if let Ok(db) = idb::event::DatabaseEvent::database(&event) {
                if let Err(error) = upgrade(&db, old) {
                    web_sys::console::error_1(
                        &format!("database upgrade failed: {error:?}").into(),
                    );
                }
            }
        });
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = blocked.clone();
        request.on_blocked(move |_| flag.set(true));
        let db = request.await.map_err(|e| {
            if exception_name(&e).as_deref() == Some("VersionError") {
                StoreError::VersionTooNew {
                    found: 0,
                    supported: SCHEMA_VERSION,
                }
            } else if blocked.get() {
                StoreError::Blocked
            } else {
                store_error(e)
            }
        })?;
        Ok(IdbBackend { db })
    }

    /// Deletes a whole database (used by tests and "wipe").
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        // No IndexedDB at all (switched off, or a browser that refuses it to this page) is storage
        // that is unavailable, whatever error the library reports it with.
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(browser_words(&e)))?;
        factory
            .delete(name)
            .map_err(store_error)?
            .await
            .map_err(store_error)
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// A read-only transaction on one object store, and that store. The transaction is returned
    /// too, so that the caller keeps it for as long as it awaits requests made on the store.
    fn reading(&self, name: &str) -> Result<(idb::Transaction, ObjectStore), StoreError> {
        let tx = self
            .db
            .transaction(&[name], TransactionMode::ReadOnly)
            .map_err(store_error)?;
        let store = tx.object_store(name).map_err(store_error)?;
        Ok((tx, store))
    }

    /// The snapshot's chunks `0..count`, as the values the browser holds, in one request.
    async fn snapshot_values(&self, count: u32) -> Result<Vec<JsValue>, StoreError> {
        if count == 0 {
            return Ok(Vec::new());
        }
        let (_tx, store) = self.reading(SNAPSHOT)?;
        let range = KeyRange::bound(&JsValue::from(0), &JsValue::from(count - 1), None, None)
            .map_err(store_error)?;
        store
            .get_all(Some(Query::KeyRange(range)), None)
            .map_err(store_error)?
            .await
            .map_err(store_error)
    }
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    value
        .dyn_into::<Uint8Array>()
        .map(|array| array.to_vec())
        .unwrap_or_default()
}

fn js_bytes(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

fn stored_seq(bytes: Option<JsValue>) -> u64 {
    bytes
        .map(bytes_of)
        .and_then(|b| crate::storage::format::decode_head(&b).ok())
        .map_or(0, |head| head.seq)
}

impl Backend for IdbBackend {
    async fn read_head(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let (_tx, store) = self.reading(META)?;
        let value = store
            .get(JsValue::from_str(HEAD_KEY))
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        Ok(value.map(bytes_of))
    }

    async fn read_chunks(&self, count: u32) -> Result<Vec<Vec<u8>>, StoreError> {
        let values = self.snapshot_values(count).await?;
        Ok(values.into_iter().map(bytes_of).collect())
    }

    async fn for_each_chunk(
        &self,
        count: u32,
        each: &mut dyn FnMut(Vec<u8>),
    ) -> Result<(), StoreError> {
        let values = self.snapshot_values(count).await?;
        // The values stay in the JavaScript heap; each is copied into wasm memory only when it
        // is decoded, and dropped before the next, so wasm memory holds one chunk at a time.
        for value in values {
            each(bytes_of(value));
        }
        Ok(())
    }

    async fn read_journal(&self, after: u64) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let (_tx, store) = self.reading(JOURNAL)?;
        let range =
            KeyRange::lower_bound(&JsValue::from(after as f64), Some(true)).map_err(store_error)?;
        let keys = store
            .get_all_keys(Some(Query::KeyRange(range.clone())), None)
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        let values = store
            .get_all(Some(Query::KeyRange(range)), None)
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        Ok(keys
            .into_iter()
            .zip(values)
            .map(|(key, value)| (key.as_f64().unwrap_or(0.0) as u64, bytes_of(value)))
            .collect())
    }

    async fn read_letters(&self, batch: u32) -> Result<Option<Vec<u8>>, StoreError> {
        let (_tx, store) = self.reading(LETTERS)?;
        let value = store
            .get(JsValue::from(batch))
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        Ok(value.map(bytes_of))
    }

    async fn read_all_letters(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let (_tx, store) = self.reading(LETTERS)?;
        let values = store
            .get_all(None, None)
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        Ok(values.into_iter().map(bytes_of).collect())
    }

    async fn append(
        &self,
        expected_seq: u64,
        new_head: &Head,
        head_bytes: Vec<u8>,
        entry: Vec<u8>,
        letters: Vec<(u32, Vec<u8>)>,
        deletes: LetterDeletes,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[META, JOURNAL, LETTERS], TransactionMode::ReadWrite)
            .map_err(store_error)?;
        let meta = tx.object_store(META).map_err(store_error)?;
        if let Err(conflict) = head_is_at(&meta, expected_seq).await {
            let _ = tx.abort();
            return Err(conflict);
        }
        let journal = tx.object_store(JOURNAL).map_err(store_error)?;
        put(&journal, JsValue::from(new_head.seq as f64), &entry)?;
        let letter_store = tx.object_store(LETTERS).map_err(store_error)?;
        if deletes.all {
            // Requests of one transaction run in the order they were made, so the clear happens
            // before this commit's own batches are put.
            drop(letter_store.clear().map_err(store_error)?);
        }
        for batch in &deletes.batches {
            drop(
                letter_store
                    .delete(Query::Key(JsValue::from(*batch)))
                    .map_err(store_error)?,
            );
        }
        for (batch, bytes) in &letters {
            put(&letter_store, JsValue::from(*batch), bytes)?;
        }
        put(&meta, JsValue::from_str(HEAD_KEY), &head_bytes)?;
        finish(tx).await
    }

    async fn replace_snapshot(
        &self,
        expected_seq: u64,
        head_bytes: Vec<u8>,
        chunks: Vec<Vec<u8>>,
        upto: u64,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[META, SNAPSHOT, JOURNAL], TransactionMode::ReadWrite)
            .map_err(store_error)?;
        let meta = tx.object_store(META).map_err(store_error)?;
        if let Err(conflict) = head_is_at(&meta, expected_seq).await {
            let _ = tx.abort();
            return Err(conflict);
        }
        let snapshot = tx.object_store(SNAPSHOT).map_err(store_error)?;
        // Requests of one transaction run in the order they were made, so the clear happens
        // before the new chunks are put.
        drop(snapshot.clear().map_err(store_error)?);
        for (index, chunk) in chunks.iter().enumerate() {
            put(&snapshot, JsValue::from(index as u32), chunk)?;
        }
        let journal = tx.object_store(JOURNAL).map_err(store_error)?;
        let old = KeyRange::upper_bound(&JsValue::from(upto as f64), None).map_err(store_error)?;
        drop(journal.delete(Query::KeyRange(old)).map_err(store_error)?);
        put(&meta, JsValue::from_str(HEAD_KEY), &head_bytes)?;
        finish(tx).await
    }
}

/// Checks, inside the caller's transaction, that the stored head is still at `expected_seq`.
/// The check and the writes after it are in one transaction, so no other tab can commit in
/// between: IndexedDB runs overlapping read-write transactions one after the other.
async fn head_is_at(meta: &ObjectStore, expected_seq: u64) -> Result<(), StoreError> {
    let stored = meta
        .get(JsValue::from_str(HEAD_KEY))
        .map_err(store_error)?
        .await
        .map_err(store_error)?;
    let found = stored_seq(stored);
    if found == expected_seq {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            expected: expected_seq,
            found,
        })
    }
}

/// Makes a put request without waiting for it: the requests of a transaction are carried out in
/// order, and any failure aborts the whole transaction, which [`finish`] reports. Not waiting
/// for each one saves a round trip per record.
fn put(store: &ObjectStore, key: JsValue, bytes: &[u8]) -> Result<(), StoreError> {
    drop(
        store
            .put(&js_bytes(bytes), Some(&key))
            .map_err(store_error)?,
    );
    Ok(())
}

/// Commits the transaction and waits until it has completed or aborted. An aborted transaction
/// is reported by its own error (`IDBTransaction.error`): a write that did not fit the quota
/// aborts the transaction with a `QuotaExceededError`, which the person must be told as such.
async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let raw = web_sys::IdbTransaction::from(tx);
    let why = |raw: &web_sys::IdbTransaction| raw.error().map(|e| e.name());
    let outcome = idb::Transaction::from(raw.clone())
        .commit()
        .map_err(store_error)?
        .await;
    match outcome {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err(StoreError::from_browser(why(&raw).as_deref(), || {
            format!(
                "the transaction was aborted ({})",
                why(&raw).unwrap_or_default()
            )
        })),
        Err(error) => match why(&raw) {
            Some(name) => Err(StoreError::from_browser(Some(&name), || {
                browser_words(&error)
            })),
            None => Err(store_error(error)),
        },
    }
}
