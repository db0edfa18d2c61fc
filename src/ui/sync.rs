//! Live sync in the background, provided once as context ([`Sync`]): the settings the person
//! typed, the status the Settings → Team sync section shows, and the loop that keeps this
//! browser and the team's CouchDB database in step while the app is open.
//!
//! One round of the loop:
//! 1. **capture** (`storage::team::capture`): what people changed here since the last round
//!    becomes new revisions, committed like any change;
//! 2. **push**, when the replica has changed since the push checkpoint: `_revs_diff` tells
//!    which revisions the server lacks and only those go in `_bulk_docs`, so documents that were
//!    just pulled (the server has their revisions) are asked about once and never sent back;
//! 3. **pull**: every batch the replicator asks to receive goes through
//!    `storage::team::receive_changes`, the same merge as an exchange file, and is committed as
//!    one change set, so conflicts arriving by sync are on the Conflicts page; the checkpoint is
//!    saved in localStorage only after the batch it covers is committed.
//!
//! Then it waits: two seconds when up to date (or less, when a commit here or the browser coming
//! online wakes it), or the back-off of `core::team::couch::status` after a failure that
//! passes by itself; after one that needs a person (wrong password, no such database, not
//! allowed, CORS, the page's policy) it stops until the settings change or Start is pressed.
//! Every step yields to the page (`store::sync::drive`), so the page never waits on sync.
//!
//! Each open tab runs its own loop. That is harmless (revisions are identified by their hash,
//! so two tabs sending the same change send the same revision) but doubles the requests.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::team::couch::settings::{check_address, SyncSettings};
use crate::core::team::couch::status::{Phase, Problem, Reach, SyncStatus};
use crate::core::team::couch::{Config, Credentials, Direction, Replicator, SyncError};
use crate::storage::team;
use crate::storage::team::exchange::ExchangeError;
use crate::store::sync::{self as transport, DriveError};
use crate::ui::components::commit_error_text;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::team::Key as T;
use crate::ui::state::{Data, Loading};

/// How long the loop waits between rounds when everything is up to date, in milliseconds: a
/// change made elsewhere shows here within about this long (plus one round's requests).
pub const POLL_MS: u64 = 2_000;

/// Documents per `_changes` or push batch: small enough that receiving one batch (merge and
/// commit) stays well under the 200 ms a page may be busy for, large enough that a first pull
/// of 100,000 documents needs only 400 rounds.
const BATCH: usize = 250;

/// Records (or documents) one capture slice looks at. Measured in the browser on a push of
/// 10,000 freshly imported contacts (e2e/sync.test.mjs (c)): slices of 1,000, each turned into
/// documents, compared and committed, made main-thread tasks of about 320 ms; slices of 250 keep
/// the longest near 120 ms, under the 200 ms a page may be busy for.
const CAPTURE_SLICE: usize = 250;

/// The sync context: settings, the password typed in this tab, and the status.
#[derive(Clone, Copy)]
pub struct Sync {
    /// As stored in localStorage (the password only when the person chose to keep it).
    pub settings: RwSignal<SyncSettings>,
    /// The password typed since this tab opened, when it is not kept in the settings.
    pub password: RwSignal<String>,
    pub status: RwSignal<SyncStatus>,
    /// Moves on whenever the settings change or sync is paused or started: a session of an
    /// older generation stops at its next step.
    generation: StoredValue<Rc<Cell<u64>>, LocalStorage>,
    /// Set to wake the loop early (a commit here, the browser coming online, Start).
    wake: StoredValue<Rc<Cell<bool>>, LocalStorage>,
}

impl Sync {
    /// Loads the settings, provides the context and starts the loop. Call once, after
    /// [`Data::provide`].
    pub fn provide(data: Data) -> Sync {
        let settings = transport::load_settings();
        let sync = Sync {
            status: RwSignal::new(SyncStatus::new(initial_phase(&settings))),
            settings: RwSignal::new(settings),
            password: RwSignal::new(String::new()),
            generation: StoredValue::new_local(Rc::new(Cell::new(0))),
            wake: StoredValue::new_local(Rc::new(Cell::new(false))),
        };
        provide_context(sync);
        // Any commit (a person's edit here, or another tab's arriving) may have something to
        // send: wake the loop so it captures and pushes now rather than after the poll wait.
        Effect::new(move |_| {
            data.version.track();
            sync.wake_up();
        });
        if let Some(window) = web_sys::window() {
            let on_online = Closure::<dyn Fn()>::new(move || sync.wake_up());
            let _ = window
                .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            // The listener lives as long as the page.
            on_online.forget();
        }
        let i18n = use_i18n();
        spawn_local(run(sync, data, i18n));
        sync
    }

    fn wake_up(&self) {
        self.wake.with_value(|w| w.set(true));
    }

    fn generation(&self) -> u64 {
        self.generation.with_value(|g| g.get())
    }

    /// Saves new settings (or Start / Pause): the session running stops at its next step and
    /// the loop begins again with these.
    pub fn change(&self, settings: SyncSettings) {
        transport::save_settings(&settings);
        self.generation.with_value(|g| g.set(g.get() + 1));
        self.status.set(SyncStatus::new(initial_phase(&settings)));
        self.settings.set(settings);
        self.wake_up();
    }

    /// The credentials to use, or `None` with a user but no password yet.
    fn credentials(&self) -> Option<Option<Credentials>> {
        let settings = self.settings.get_untracked();
        if settings.user.trim().is_empty() {
            return Some(None);
        }
        let password = settings
            .password
            .clone()
            .unwrap_or_else(|| self.password.get_untracked());
        if password.is_empty() {
            return None;
        }
        Some(Some(Credentials {
            user: settings.user.trim().to_string(),
            password,
        }))
    }

    /// What the Test connection button and a session use: address, database, credentials.
    pub fn credentials_for_test(&self) -> Option<Credentials> {
        self.credentials().flatten()
    }
}

/// The context provided by the app.
pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

fn initial_phase(settings: &SyncSettings) -> Phase {
    if !settings.is_set_up() {
        Phase::NotSetUp
    } else if !settings.running {
        Phase::Paused
    } else {
        Phase::Connecting
    }
}

/// The problem a failed session means, asking the browser why there was no answer when there
/// was none.
async fn problem_of(error: DriveError, server: &str) -> Option<Problem> {
    match error {
        DriveError::Cancelled => None,
        DriveError::Local(reason) => Some(Problem::Local { reason }),
        DriveError::Sync(error) => {
            let reach = match error {
                SyncError::Unreachable { .. } => transport::reach(server).await,
                _ => Reach::NoAnswer,
            };
            Some(Problem::from_error(&error, reach))
        }
    }
}

/// The loop; see the module docs.
async fn run(sync: Sync, data: Data, i18n: crate::ui::i18n::I18n) {
    loop {
        let generation = sync.generation();
        let woken = sync.wake.with_value(|w| w.clone());
        let wake = {
            let woken = woken.clone();
            move || woken.get()
        };
        let settings = sync.settings.get_untracked();
        let ready = data.loading.get_untracked() == Loading::Ready;
        let joined = data
            .session()
            .is_some_and(|session| session.db().team.settings.is_some());
        let stopped = matches!(
            sync.status.get_untracked().phase,
            Phase::Stopped { .. } | Phase::NotSetUp | Phase::Paused
        );
        if !ready || !settings.running || !settings.is_set_up() || stopped {
            woken.set(false);
            transport::sleep_or_wake(60_000, &wake).await;
            continue;
        }
        if !joined {
            sync.status.set(SyncStatus::new(Phase::NotJoined));
            woken.set(false);
            transport::sleep_or_wake(60_000, &wake).await;
            continue;
        }
        let Some(credentials) = sync.credentials() else {
            sync.status.set(SyncStatus::new(Phase::NeedsPassword));
            woken.set(false);
            transport::sleep_or_wake(60_000, &wake).await;
            continue;
        };
        let Ok(server) = check_address(&settings.server) else {
            // The page refuses to save such an address; one stored by hand is not used.
            sync.status.set(SyncStatus::new(Phase::NotSetUp));
            continue;
        };
        woken.set(false);
        sync.status.update(|s| s.connecting());
        match round(
            sync,
            data,
            i18n,
            &SyncSettings {
                server: server.clone(),
                ..settings.clone()
            },
            credentials,
            generation,
        )
        .await
        {
            Ok(()) => {
                sync.status.update(|s| s.caught_up());
                transport::sleep_or_wake(POLL_MS, &wake).await;
            }
            Err(error) => {
                let Some(problem) = problem_of(error, &server).await else {
                    continue; // cancelled: the settings changed, begin again with them
                };
                if sync.generation() != generation {
                    continue;
                }
                let mut delay = None;
                sync.status.update(|s| delay = s.failed(problem));
                if let Some(ms) = delay {
                    woken.set(false);
                    transport::sleep_or_wake(ms, &wake).await;
                }
            }
        }
    }
}

/// Capture, push when there is something to push, pull; `settings.server` is the checked
/// address.
async fn round(
    sync: Sync,
    data: Data,
    i18n: crate::ui::i18n::I18n,
    settings: &SyncSettings,
    credentials: Option<Credentials>,
    generation: u64,
) -> Result<(), DriveError> {
    let Some(session) = data.session() else {
        return Err(DriveError::Local("the database is not open".into()));
    };
    // Capture looks only at the records changed since the last capture (`core::unshared`),
    // and at everything once after the database was opened, a slice at a time with a yield
    // between slices, so that neither a first capture of 10,000 imported contacts nor one of
    // a large database keeps the page busy. A slice whose records all match their documents
    // commits nothing: an empty change set would still write a journal entry and tell the
    // other tabs.
    let pending = session.db().unshared();
    if !pending.is_empty() {
        let work = team::capture_work(&session.db(), &pending);
        for items in work.chunks(CAPTURE_SLICE) {
            let has_edits = !team::capture_items(&session.db(), items).is_empty();
            if has_edits {
                session
                    .commit_with(|db| Ok(team::capture_items(db, items)))
                    .await
                    .map_err(|e| DriveError::Local(commit_error_text(&i18n, &e)))?;
                data.version.update(|v| *v += 1);
            }
            if sync.generation() != generation {
                return Ok(());
            }
            transport::yield_now().await;
        }
        session.settle_unshared(&pending);
    }
    let Some(origin) = session.db().team.settings.as_ref().map(|s| s.origin) else {
        return Err(DriveError::Local("not in a team".into()));
    };
    let mut config = Config::new(
        &settings.server,
        settings.database.trim(),
        &format!("{:08x}", origin.0),
    );
    config.credentials = credentials;
    config.batch_size = BATCH;
    let cancelled = move || sync.generation() != generation;
    for direction in [Direction::Push, Direction::Pull] {
        let probe = Replicator::new(direction, config.clone(), None, "", "");
        let id = probe.replication_id().to_string();
        let local = transport::load_checkpoint(&id);
        if direction == Direction::Push {
            let pushed = local
                .as_ref()
                .and_then(|log| log.source_last_seq.as_u64())
                .unwrap_or(0);
            if session.db().team.replica.seq() <= pushed && local.is_some() {
                continue; // nothing changed here since the last push
            }
        }
        let session_id = format!(
            "{:08x}{:08x}",
            (js_sys::Math::random() * 4_294_967_296.0) as u32,
            (js_sys::Math::random() * 4_294_967_296.0) as u32
        );
        let start = crate::ui::clock::now_with_offset().to_rfc3339();
        let mut replicator = Replicator::new(direction, config.clone(), local, &session_id, &start);
        let session_ref = session.clone();
        let mut step = move |r: &mut Replicator, input: crate::core::team::couch::Input| {
            r.next(&session_ref.db().team.replica, input)
        };
        let receiver = session.clone();
        let mut receive = async |docs: Vec<crate::core::team::replica::DocChange>| {
            // A batch of revisions this browser already has (a session repeated after an
            // interruption) changes nothing: no commit, as above.
            let nothing = team::receive_changes(&receiver.db(), &docs)
                .is_ok_and(|(_, changes)| changes.is_empty());
            if nothing {
                return Ok(());
            }
            let failure = Rc::new(Cell::new(None::<String>));
            let seen = failure.clone();
            let result = receiver
                .commit_with(move |db| match team::receive_changes(db, &docs) {
                    Ok((_, changes)) => Ok(changes),
                    Err(error) => {
                        seen.set(Some(receive_error_text(&i18n, &error)));
                        Ok(Default::default())
                    }
                })
                .await;
            if let Some(reason) = failure.take() {
                return Err(reason);
            }
            result.map_err(|e| commit_error_text(&i18n, &e))?;
            data.version.update(|v| *v += 1);
            Ok(())
        };
        let mut save = async |log: crate::core::team::couch::ReplicationLog| {
            transport::save_checkpoint(&id, &log)
        };
        let mut progress = |p: &crate::core::team::couch::Progress| {
            sync.status.update(|s| s.progress(direction, p));
        };
        transport::drive(
            &mut replicator,
            &mut step,
            &mut receive,
            &mut save,
            &mut progress,
            &cancelled,
        )
        .await?;
    }
    Ok(())
}

/// A receive error in the user's words, for an exchange file on the Team page and for a
/// document live sync could not take in.
pub fn receive_error_text(i18n: &I18n, error: &team::ReceiveError) -> String {
    match error {
        team::ReceiveError::File(ExchangeError::NotAnExchangeFile) => {
            i18n.t(T::TeamNotAFile).into()
        }
        team::ReceiveError::File(ExchangeError::TooNew { found, supported }) => i18n.tf(
            T::TeamTooNew,
            &[
                ("found", &i18n.count(*found)),
                ("supported", &i18n.count(*supported)),
            ],
        ),
        team::ReceiveError::File(ExchangeError::Damaged(detail)) => {
            i18n.tf(T::TeamDamaged, &[("detail", detail)])
        }
        team::ReceiveError::File(ExchangeError::Tampered { doc }) => {
            i18n.tf(T::TeamTampered, &[("doc", doc)])
        }
        team::ReceiveError::Document(detail) => i18n.tf(T::TeamBadRecord, &[("detail", detail)]),
        team::ReceiveError::OwnFile => i18n.t(T::TeamOwnFile).into(),
        team::ReceiveError::NotJoined => i18n.t(T::TeamJoinFirst).into(),
    }
}
