//! The Settings page's data sections: what the browser says about storage, records that could
//! not be read at start, and the backup file (download, and restore after a preview).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::problem::Problem;
use crate::storage::backup::{
    plan_restore, read_backup, replace_takes_identity, Backup, BackupError, RestoreMode,
};
use crate::storage::StoreError;
use crate::storage::{Unreadable, UnreadablePlace, UnreadableReason};
use crate::ui::components::{
    commit_error_text, download, problem_text, store_error_text, Dialog, FilePicker, ProblemList,
};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::settings::Key as T;
use crate::ui::i18n_catalogue::team::Key as TeamKey;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// Persistent storage and the storage estimate.
#[component]
pub fn StorageSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let persisted = move || match data.storage.get().persisted {
        Some(true) => i18n.t(T::PersistedYes),
        Some(false) => i18n.t(T::PersistedNo),
        None => i18n.t(T::PersistedUnknown),
    };
    let usage = move || {
        let status = data.storage.get();
        match (status.usage_bytes, status.quota_bytes) {
            (Some(used), Some(quota)) => i18n.tf(
                T::StorageUsage,
                &[
                    ("used", &i18n.lang.get().megabytes(used as u64)),
                    ("quota", &i18n.lang.get().megabytes(quota as u64)),
                ],
            ),
            _ => i18n.t(T::StorageUsageUnknown).to_string(),
        }
    };
    view! {
        <section class="card" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{move || i18n.t(T::StorageHeading)}</h2>
            <p>{persisted}</p>
            <p>{usage}</p>
        </section>
    }
}

/// Records that could not be read when the app started: named, with a download of their bytes
/// as stored, since the backup (written from memory) cannot hold them.
#[component]
pub fn UnreadableSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    // What the download did, kept as data and worded in the view, so that the message follows
    // a change of the interface language: the saved file's name, or the store's failure.
    let message = RwSignal::new(None::<Result<String, StoreError>>);
    let save = move |_| {
        let Some(session) = data.session() else {
            return;
        };
        spawn_local(async move {
            let now = crate::ui::clock::now();
            match session.unreadable_file(now).await {
                Ok(bytes) => {
                    let name = format!("segmentti-unreadable-{}.json", now.format("%Y-%m-%d"));
                    download(&name, "application/json", &bytes);
                    message.set(Some(Ok(name)));
                }
                Err(error) => message.set(Some(Err(error))),
            }
        });
    };
    let message_text = move || {
        message.get().map(|outcome| match outcome {
            Ok(name) => i18n.tf(T::UnreadableSaved, &[("file", &name)]),
            Err(error) => i18n.tf(
                T::UnreadableFailed,
                // Reading only, as for the backup: the browser's own reason says most.
                &[(
                    "reason",
                    &match error {
                        StoreError::Backend(reason) => reason,
                        other => store_error_text(&i18n, &other),
                    },
                )],
            ),
        })
    };
    move || {
        let unreadable = data.unreadable.get();
        (!unreadable.is_empty()).then(|| {
            let items = unreadable
                .into_iter()
                .map(|u| view! { <UnreadableItem unreadable=u/> })
                .collect_view();
            view! {
                <section class="card" aria-labelledby="unreadable-heading">
                    <h2 id="unreadable-heading">{move || i18n.t(T::UnreadableHeading)}</h2>
                    <p>{move || i18n.t(T::UnreadableText)}</p>
                    <ul>{items}</ul>
                    <div class="toolbar">
                        <button type="button" on:click=save>{move || i18n.t(T::UnreadableDownload)}</button>
                    </div>
                    <p role="status" class="status" hidden=move || message.with(Option::is_none)>{message_text}</p>
                </section>
            }
        })
    }
}

/// One record that could not be read, worded in the interface language. The decoder's detail
/// is the library's own English message, not a text of ours, so it is shown apart as code and
/// marked as English for screen readers.
#[component]
fn UnreadableItem(unreadable: Unreadable) -> impl IntoView {
    let i18n = use_i18n();
    let Unreadable { place, reason } = unreadable;
    let detail = match &reason {
        UnreadableReason::NotOurs => None,
        UnreadableReason::Damaged { detail } => Some(detail.clone()),
    };
    let text = move || {
        let place = place_text(i18n, place);
        let key = match &reason {
            UnreadableReason::NotOurs => T::UnreadableNotOurs,
            UnreadableReason::Damaged { .. } => T::UnreadableDamaged,
        };
        i18n.tf(key, &[("place", &place)])
    };
    view! {
        <li>
            {text}
            {detail.map(|detail| view! { " "<code lang="en">{detail}</code> })}
        </li>
    }
}

/// Where an unreadable record was stored, in words. Snapshot parts and records are counted from
/// 1 here, as people count, while storage counts them from 0; journal sequence numbers already
/// start at 1 and are shown as they are.
fn place_text(i18n: I18n, place: UnreadablePlace) -> String {
    match place {
        UnreadablePlace::SnapshotChunk { chunk } => i18n.tf(
            T::UnreadableSnapshotChunk,
            &[("part", &i18n.count(u64::from(chunk) + 1))],
        ),
        UnreadablePlace::SnapshotRecord { chunk, record } => i18n.tf(
            T::UnreadableSnapshotRecord,
            &[
                ("part", &i18n.count(u64::from(chunk) + 1)),
                ("record", &i18n.count(u64::from(record) + 1)),
            ],
        ),
        UnreadablePlace::JournalEntry { seq } => {
            i18n.tf(T::UnreadableJournalEntry, &[("number", &i18n.count(seq))])
        }
    }
}

/// Download a backup; restore one after seeing what it would change.
#[component]
pub fn BackupSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let message = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let loaded = RwSignal::new(None::<(String, Backup)>);
    let mode = RwSignal::new(RestoreMode::Merge);

    let save = move |_| {
        let Some(session) = data.session() else {
            return;
        };
        message.set(Some(i18n.t(T::BackupPreparing).to_string()));
        spawn_local(async move {
            let now = crate::ui::clock::now();
            match session.backup(now).await {
                Ok(bytes) => {
                    let name = format!("segmentti-backup-{}.json", now.format("%Y-%m-%d"));
                    download(&name, "application/json", &bytes);
                    message.set(Some(i18n.tf(T::BackupSaved, &[("file", &name)])));
                }
                Err(error) => message.set(Some(i18n.tf(
                    T::BackupFailed,
                    // A backup only reads, so the browser's own reason says more than the
                    // shared message about a change that could not be saved.
                    &[(
                        "reason",
                        &match error {
                            StoreError::Backend(reason) => reason,
                            other => store_error_text(&i18n, &other),
                        },
                    )],
                ))),
            }
        });
    };

    let on_file = Callback::new(move |(name, bytes): (String, Vec<u8>)| {
        message.set(None);
        match read_backup(&bytes) {
            Ok(backup) => {
                problems.set(Vec::new());
                loaded.set(Some((name, backup)));
            }
            Err(error) => {
                loaded.set(None);
                problems.set(vec![backup_problem(&error)]);
            }
        }
    });

    let preview = move || {
        let (_, backup) = loaded.get()?;
        data.with_db(|db| plan_restore(db, &backup, mode.get()).map(|(_, p)| p))
    };

    // Runs the restore as chosen; a replace comes here only from its confirmation.
    let run_restore = move || {
        let Some((_, backup)) = loaded.get_untracked() else {
            return;
        };
        let chosen = mode.get_untracked();
        data.restore(backup, chosen, move |result| match result {
            Ok(_) => {
                loaded.set(None);
                message.set(Some(i18n.t(T::RestoreDone).to_string()));
            }
            Err(error) => message.set(Some(i18n.tf(
                T::RestoreFailed,
                &[("reason", &commit_error_text(&i18n, &error))],
            ))),
        });
    };
    // A merge keeps what is here, so it runs at once; a replace removes what the backup lacks
    // and cannot be undone, so it asks first and says what goes.
    let confirming = RwSignal::new(false);
    let restore = move |_| {
        if mode.get_untracked() == RestoreMode::Replace {
            confirming.set(true);
        } else {
            run_restore();
        }
    };
    let replace = move |_| {
        confirming.set(false);
        run_restore();
    };
    let question = move || {
        let lang = i18n.lang.get();
        let (contacts, segments, entries) = data
            .with_db(|db| (db.contacts.len(), db.segments.len(), db.entries.len()))
            .unwrap_or_default();
        let (removed, replaced) = match preview() {
            Some(Ok(p)) => (p.removed, p.replaced),
            _ => (0, 0),
        };
        i18n.tf(
            T::RestoreReplaceQuestion,
            &[
                ("contacts", &lang.count(contacts)),
                ("segments", &lang.count(segments)),
                ("entries", &lang.count(entries)),
                ("removed", &lang.count(removed)),
                ("replaced", &lang.count(replaced)),
            ],
        )
    };

    view! {
        <section class="card" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{move || i18n.t(T::BackupHeading)}</h2>
            <p class="hint">{move || i18n.t(T::BackupHint)}</p>
            <div class="toolbar">
                <button type="button" class="primary" on:click=save>{move || i18n.t(T::BackupDownload)}</button>
            </div>
            <FilePicker label=Signal::derive(move || i18n.t(T::RestoreChoose).to_string()) accept=".json" on_file/>
            <ProblemList problems=problems/>
            {move || loaded.get().map(|(name, _)| view! {
                <div class="restore-preview">
                    <p>{i18n.tf(T::RestoreFile, &[("file", &name)])}</p>
                    <fieldset class="choice">
                        <legend>{move || i18n.t(T::RestoreMode)}</legend>
                        <div class="choice-option">
                            <input type="radio" id="restore-merge" name="restore-mode"
                                prop:checked=move || mode.get() == RestoreMode::Merge
                                on:change=move |_| mode.set(RestoreMode::Merge)/>
                            <label for="restore-merge">{move || i18n.t(T::RestoreMerge)}</label>
                        </div>
                        <div class="choice-option">
                            <input type="radio" id="restore-replace" name="restore-mode"
                                prop:checked=move || mode.get() == RestoreMode::Replace
                                on:change=move |_| mode.set(RestoreMode::Replace)/>
                            <label for="restore-replace">{move || i18n.t(T::RestoreReplace)}</label>
                        </div>
                    </fieldset>
                    <p role="status">{move || {
                        let lang = i18n.lang.get();
                        preview().map(|planned| match planned {
                            Ok(p) if mode.get() == RestoreMode::Merge => i18n.tf(TeamKey::MergePreview, &[
                                ("added", &lang.count(p.added)),
                                ("changed", &lang.count(p.replaced)),
                                ("conflicts", &lang.count(p.conflicts)),
                            ]),
                            Ok(p) => i18n.tf(T::RestorePreview, &[
                                ("added", &lang.count(p.added)),
                                ("replaced", &lang.count(p.replaced)),
                                ("unchanged", &lang.count(p.unchanged)),
                                ("removed", &lang.count(p.removed)),
                            ]),
                            Err(refusal) => problem_text(&i18n, &refusal.problem()),
                        })
                    }}</p>
                    {move || {
                        let (_, backup) = loaded.get()?;
                        let member = data.with_db(|db| replace_takes_identity(db, &backup)).flatten()?;
                        (mode.get() == RestoreMode::Replace).then(|| view! {
                            <p class="notice">
                                {i18n.tf(T::RestoreTakesIdentity, &[("name", &member.name), ("code", &member.code)])}
                            </p>
                        })
                    }}
                    <button type="button" class="primary" on:click=restore
                        disabled=move || matches!(preview(), Some(Err(_)))>{move || i18n.t(T::RestoreApply)}</button>
                </div>
            })}
            <p role="status" class="status" hidden=move || message.get().is_none()>{move || message.get()}</p>
            <Dialog open=confirming title=move || i18n.t(T::RestoreReplaceTitle).to_string()>
                <p>{question}</p>
                <div class="button-row">
                    <button type="button" class="danger" disabled=move || data.busy.get() on:click=replace>
                        {move || i18n.t(T::RestoreReplaceConfirm)}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>{move || i18n.t(Term::Cancel)}</button>
                </div>
            </Dialog>
        </section>
    }
}

/// A backup error as a problem, so it is worded by the problem catalogue like any other.
fn backup_problem(error: &BackupError) -> Problem {
    let problem = Problem::record(error.code());
    match error {
        BackupError::NotABackup => problem,
        BackupError::VersionTooNew { found, supported } => problem.with(found).with(supported),
        BackupError::Damaged { line, column } => problem.with(line).with(column),
    }
}
