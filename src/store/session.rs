//! The data session: the in-memory database, where it stands in the store, and the one way to
//! change it.
//!
//! [`Session::commit_with`] runs a core operation on the current database, writes the resulting
//! change set in one IndexedDB transaction, and only after the commit moves the in-memory
//! database on. If another tab committed first, the write is refused by the store; the session
//! then catches up with the other tab's changes and runs the operation again on the fresh data,
//! so neither tab's change is lost or silently overwritten.

use super::idb::IdbBackend;
use super::tabs::TabChannel;
use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::problem::Problems;
use crate::storage::backup::{plan_restore, Backup, RestoreMode};
use crate::storage::{self, StoreError, StoredLetters, Unreadable};
use std::cell::{Cell, Ref, RefCell};

/// Why a commit did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitError {
    /// The core refused the operation; nothing was written.
    Refused(Problems),
    /// The store could not write; nothing was written.
    Store(StoreError),
}

pub struct Session {
    backend: IdbBackend,
    db: RefCell<Db>,
    seq: Cell<u64>,
    tabs: Option<TabChannel>,
    /// Records that could not be read at start, named for the user.
    pub unreadable: Vec<Unreadable>,
    /// The records that could not be read in the latest load (at start, or when another tab's
    /// compaction made this one load again): while there is any, this session never compacts,
    /// and these are what the unreadable-records download holds.
    stored_unreadable: RefCell<Vec<Unreadable>>,
}

/// How many times an operation is recomputed when other tabs keep committing in between.
const RETRIES: usize = 3;

impl Session {
    /// Opens the database `name` and loads everything into memory.
    pub async fn open(name: &str) -> Result<Session, StoreError> {
        let backend = IdbBackend::open(name).await?;
        let loaded = storage::load(&backend).await?;
        Ok(Session {
            backend,
            db: RefCell::new(loaded.db),
            seq: Cell::new(loaded.seq),
            tabs: TabChannel::open(name),
            stored_unreadable: RefCell::new(loaded.unreadable.clone()),
            unreadable: loaded.unreadable,
        })
    }

    /// The current database, for reading.
    pub fn db(&self) -> Ref<'_, Db> {
        self.db.borrow()
    }

    /// Forgets what a committed team capture of `pending` took care of (`core::unshared`).
    pub fn settle_unshared(&self, pending: &crate::core::unshared::Pending) {
        self.db.borrow_mut().settle_unshared(pending);
    }

    pub fn seq(&self) -> u64 {
        self.seq.get()
    }

    /// Computes the change set with `operation` and commits it; see the module docs.
    pub async fn commit_with(
        &self,
        operation: impl Fn(&Db) -> Result<Changes, Problems>,
    ) -> Result<Changes, CommitError> {
        self.commit_letters(operation, StoredLetters::Keep).await
    }

    /// Restores a backup: the change set is planned on the current data (again after a
    /// conflict, like any operation), and with [`RestoreMode::Replace`] the letter batches of
    /// the replaced database are deleted in the same transaction, so none is left behind.
    pub async fn restore(
        &self,
        backup: &Backup,
        mode: RestoreMode,
    ) -> Result<Changes, CommitError> {
        let stored = match mode {
            RestoreMode::Replace => StoredLetters::Replace,
            RestoreMode::Merge => StoredLetters::Keep,
        };
        let plan = |db: &Db| {
            plan_restore(db, backup, mode)
                .map(|(changes, _)| changes)
                .map_err(|refusal| vec![refusal.problem()])
        };
        self.commit_letters(plan, stored).await
    }

    async fn commit_letters(
        &self,
        operation: impl Fn(&Db) -> Result<Changes, Problems>,
        stored: StoredLetters,
    ) -> Result<Changes, CommitError> {
        let mut last = StoreError::Backend("no attempt was made".into());
        for _ in 0..RETRIES {
            // The phases of a commit, for e2e/long_tasks.test.mjs: planning is the operation,
            // storing encodes and writes the change set, applying updates the memory copy.
            super::mark("segmentti:commit:start");
            let changes = operation(&self.db.borrow()).map_err(CommitError::Refused)?;
            super::mark("segmentti:commit:planned");
            let seen = self.seq.get();
            match storage::commit_with_letters(&self.backend, seen, &changes, stored).await {
                Ok(seq) => {
                    super::mark("segmentti:commit:stored");
                    self.db.borrow_mut().apply(&changes);
                    super::mark("segmentti:commit:applied");
                    self.seq.set(seq);
                    if let Some(tabs) = &self.tabs {
                        tabs.announce(seq);
                    }
                    self.compact_if_due().await;
                    super::mark("segmentti:commit:compacted");
                    return Ok(changes);
                }
                Err(conflict @ StoreError::Conflict { .. }) => {
                    last = conflict;
                    self.catch_up().await.map_err(CommitError::Store)?;
                }
                Err(other) => {
                    return Err(CommitError::Store(super::quota::with_figures(other).await))
                }
            }
        }
        Err(CommitError::Store(last))
    }

    /// Applies what other tabs committed since this session last looked. Returns whether
    /// anything changed.
    pub async fn catch_up(&self) -> Result<bool, StoreError> {
        let seen = self.seq.get();
        let entries = storage::changes_since(&self.backend, seen).await?;
        // If another tab folded the entries we need into a new snapshot, the journal no longer
        // starts right after what we saw: load everything again instead.
        if entries.first().is_some_and(|(seq, _)| *seq != seen + 1) {
            self.reload().await?;
            return Ok(true);
        }
        let changed = !entries.is_empty();
        for (seq, changes) in entries {
            self.db.borrow_mut().apply(&changes);
            self.seq.set(seq);
        }
        if !changed {
            // The journal may have been compacted past us with nothing newer: compare heads.
            let stored = storage::Backend::read_head(&self.backend).await?;
            let stored_seq = stored
                .and_then(|bytes| storage::format::decode_head(&bytes).ok())
                .map_or(0, |head| head.seq);
            if stored_seq != seen {
                self.reload().await?;
                return Ok(true);
            }
        }
        Ok(changed)
    }

    /// Loads everything again, e.g. after another tab folded the journal into a new snapshot.
    async fn reload(&self) -> Result<(), StoreError> {
        let loaded = storage::load(&self.backend).await?;
        *self.db.borrow_mut() = loaded.db;
        self.seq.set(loaded.seq);
        *self.stored_unreadable.borrow_mut() = loaded.unreadable;
        Ok(())
    }

    /// Folds the journal into a snapshot when it has grown long, but never while a stored
    /// record could not be read (the snapshot is written from memory, where such records are
    /// missing, so it would delete them). A failure here loses nothing (the journal stays), so
    /// it is only logged.
    async fn compact_if_due(&self) {
        let unreadable = self.stored_unreadable.borrow().clone();
        let result = storage::compact_if_due(&self.backend, &unreadable, || {
            storage::prepare_snapshot(&self.db.borrow(), self.seq.get())
        })
        .await;
        if let Err(error) = result {
            web_sys::console::warn_1(&format!("compaction skipped: {error:?}").into());
        }
    }

    /// The records that could not be read, with their bytes exactly as stored (see
    /// `storage::raw`): what the backup cannot hold.
    pub async fn unreadable_file(&self, now: chrono::NaiveDateTime) -> Result<Vec<u8>, StoreError> {
        let unreadable = self.stored_unreadable.borrow().clone();
        storage::raw::unreadable_file(&self.backend, &unreadable, now).await
    }

    /// The backup file of everything stored: the database and every letter kept with entries.
    pub async fn backup(&self, now: chrono::NaiveDateTime) -> Result<Vec<u8>, StoreError> {
        let letters = storage::read_all_letters(&self.backend).await?;
        Ok(storage::backup::write_backup(
            &self.db.borrow(),
            letters,
            now,
        ))
    }

    /// The letters logged with one logged segment, read from storage (they are not kept in memory).
    pub async fn letters(
        &self,
        batch: crate::core::ids::LoggedSegmentId,
    ) -> Result<Option<crate::core::model::LetterBatch>, StoreError> {
        storage::read_letters(&self.backend, batch).await
    }

    /// Listens for other tabs' commits; `on_commit` is called with their sequence number.
    pub fn on_other_tab_commit(&self, on_commit: impl Fn(u64) + 'static) {
        if let Some(tabs) = &self.tabs {
            tabs.listen(on_commit);
        }
    }
}
