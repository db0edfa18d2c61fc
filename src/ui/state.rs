//! The app's data, provided once as context: the [`Session`] with the in-memory database, a
//! version signal that moves whenever the database does, and the one way components change data.
//!
//! Components read the database with [`Data::with_db`] inside a reactive closure (which tracks
//! the version, so the view follows every commit, ours or another tab's) and change it with
//! [`Data::commit`], passing one core operation.

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::LoggedSegmentId;
use crate::core::model::LetterBatch;
use crate::core::problem::Problems;
use crate::storage::backup::{Backup, RestoreMode};
use crate::storage::{StoreError, Unreadable};
use crate::store::quota::{request_persistence, StorageStatus};
use crate::store::session::{CommitError, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The name of the app's IndexedDB database.
pub const DATABASE: &str = "segmentti";

/// Where loading the database stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loading {
    Opening,
    Ready,
    Failed(StoreError),
}

#[derive(Clone, Copy)]
pub struct Data {
    session: StoredValue<Option<Rc<Session>>, LocalStorage>,
    /// Moves on after every change of the in-memory database.
    pub version: RwSignal<u64>,
    pub loading: RwSignal<Loading>,
    /// Records that could not be read at start (named so the user can act).
    pub unreadable: RwSignal<Vec<Unreadable>>,
    pub storage: RwSignal<StorageStatus>,
    /// True while a commit is being written.
    pub busy: RwSignal<bool>,
}

impl Data {
    /// Opens the database in the background and provides the context.
    pub fn provide(name: &'static str) -> Data {
        let data = Data {
            session: StoredValue::new_local(None),
            version: RwSignal::new(0),
            loading: RwSignal::new(Loading::Opening),
            unreadable: RwSignal::new(Vec::new()),
            storage: RwSignal::new(StorageStatus::default()),
            busy: RwSignal::new(false),
        };
        provide_context(data);
        spawn_local(async move {
            match Session::open(name).await {
                Ok(session) => {
                    super::mark("segmentti:loaded");
                    let session = Rc::new(session);
                    data.unreadable.set(session.unreadable.clone());
                    let listener = session.clone();
                    session.on_other_tab_commit(move |_| {
                        let listener = listener.clone();
                        spawn_local(async move {
                            if let Ok(true) = listener.catch_up().await {
                                data.version.update(|v| *v += 1);
                            }
                        });
                    });
                    data.session.set_value(Some(session));
                    data.loading.set(Loading::Ready);
                    data.version.update(|v| *v += 1);
                    // A marker for tests and benchmarks: the data is loaded and shown.
                    super::mark("segmentti:ready");
                    if let Some(root) = document().document_element() {
                        let _ = root.set_attribute("data-ready", "true");
                    }
                }
                Err(error) => data.loading.set(Loading::Failed(error)),
            }
            data.storage.set(request_persistence().await);
        });
        data
    }

    /// Reads the database; `None` until it has loaded. Tracks the version when called reactively.
    pub fn with_db<R>(&self, read: impl FnOnce(&Db) -> R) -> Option<R> {
        self.version.track();
        let session = self.session.with_value(|s| s.clone())?;
        let db = session.db();
        Some(read(&db))
    }

    /// The open session, for the few actions that read storage directly (backup, stored letters).
    /// The number people see for a record (`Db::no`: with the member's code once this browser is
    /// in a team); tracks the database, so it follows a change of the team's codes.
    pub fn no(&self, id: impl crate::core::ids::Numbered) -> String {
        // Before the database is open the number without a team code is all there is; the
        // caller's closure runs again once it opens (with_db tracks the database).
        self.with_db(|db| db.no(id))
            .unwrap_or_else(|| crate::core::team::ident::format_no(id.kind(), None, id.local()))
    }

    pub fn session(&self) -> Option<Rc<Session>> {
        self.session.with_value(|s| s.clone())
    }

    /// Runs a core operation, commits its change set and then calls `done` with the outcome.
    pub fn commit(
        &self,
        operation: impl Fn(&Db) -> Result<Changes, Problems> + 'static,
        done: impl FnOnce(Result<Changes, CommitError>) + 'static,
    ) {
        // The commit itself (the store's transaction, the retry after a conflict, the async state
        // machine) is compiled once for boxed callbacks rather than once per caller: there are
        // about a hundred callers, and each copy cost the .wasm a few kilobytes.
        self.commit_boxed(Box::new(operation), Box::new(done));
    }

    fn commit_boxed(&self, operation: Box<Operation>, done: Box<Done>) {
        self.change(
            Box::new(move |session| {
                Box::pin(async move { session.commit_with(&*operation).await })
            }),
            done,
        );
    }

    /// Restores a backup (see `Session::restore`) and then calls `done` with the outcome. Not
    /// through [`Data::commit`], since a restore with Replace also deletes the replaced
    /// database's stored letters in its transaction; the page sees it the same way.
    pub fn restore(
        &self,
        backup: Backup,
        mode: RestoreMode,
        done: impl FnOnce(Result<Changes, CommitError>) + 'static,
    ) {
        self.change(
            Box::new(move |session| Box::pin(async move { session.restore(&backup, mode).await })),
            Box::new(done),
        );
    }

    /// Runs one change of the stored data the way every page expects: `busy` while it runs, and
    /// `version` moved once it is stored, so that everything reading the data reads it again.
    fn change(&self, work: Box<Work>, done: Box<Done>) {
        let data = *self;
        let Some(session) = self.session.with_value(|s| s.clone()) else {
            done(Err(CommitError::Store(StoreError::Unavailable(
                "IndexedDB: not open".into(),
            ))));
            return;
        };
        data.busy.set(true);
        spawn_local(async move {
            let result = work(session).await;
            data.busy.set(false);
            if result.is_ok() {
                data.version.update(|v| *v += 1);
            }
            done(result);
        });
    }

    /// The letters logged with one logged segment, read from the store on request (they are
    /// not kept in memory); `None` when this browser has none for it.
    pub async fn letters(&self, id: LoggedSegmentId) -> Result<Option<LetterBatch>, StoreError> {
        let Some(session) = self.session() else {
            return Err(StoreError::Unavailable("IndexedDB: not open".into()));
        };
        session.letters(id).await
    }
}

type Operation = dyn Fn(&Db) -> Result<Changes, Problems>;
type Done = dyn FnOnce(Result<Changes, CommitError>);
type Work = dyn FnOnce(Rc<Session>) -> Pin<Box<dyn Future<Output = Result<Changes, CommitError>>>>;

/// The [`Data`] context provided by the app.
pub fn use_data() -> Data {
    expect_context::<Data>()
}
