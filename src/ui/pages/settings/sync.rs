//! Settings → Team sync: where the team's CouchDB database is (server address, database, user,
//! password), Test connection, Start and Pause, and the status of the background sync in words.
//! The loop is `ui/sync.rs` and every decision about the status is in
//! `core::team::couch::status`; this section only asks and shows.

use leptos::prelude::*;

use crate::core::team::couch::protocol::BadAnswer;
use crate::core::team::couch::settings::{check_address, AddressProblem, SyncSettings};
use crate::core::team::couch::status::{Phase, Problem};
use crate::core::team::couch::Direction;
use crate::store::sync as transport;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::sync::Key as S;
use crate::ui::sync::use_sync;

/// A problem in the person's words.
pub fn problem_text(i18n: &I18n, problem: &Problem, server: &str) -> String {
    let lang = i18n.lang.get();
    match problem {
        Problem::WrongPassword => i18n.t(S::SyncWrongPassword).into(),
        Problem::NotAllowed { reason } => i18n.tf(S::SyncNotAllowed, &[("reason", reason)]),
        Problem::NoDatabase { database } => i18n.tf(S::SyncNoDatabase, &[("database", database)]),
        Problem::Offline => i18n.t(S::SyncOffline).into(),
        Problem::Unreachable => i18n.t(S::SyncUnreachable).into(),
        Problem::CorsNotEnabled => i18n.tf(S::SyncCors, &[("origin", &transport::page_origin())]),
        Problem::BlockedByCsp => i18n.tf(S::SyncCsp, &[("server", server)]),
        Problem::ServerError { status, reason } => i18n.tf(
            S::SyncServerError,
            &[("status", &status.to_string()), ("reason", reason)],
        ),
        Problem::BadResponse { request, problem } => match problem {
            BadAnswer::NotJson {
                line,
                column,
                glimpse,
            } => i18n.tf(
                S::SyncBadNotJson,
                &[
                    ("request", request),
                    ("line", &lang.count(*line)),
                    ("column", &lang.count(*column)),
                    ("glimpse", glimpse),
                ],
            ),
            BadAnswer::Missing { part } => {
                i18n.tf(S::SyncBadMissing, &[("request", request), ("part", part)])
            }
            BadAnswer::WrongShape => i18n.tf(S::SyncBadShape, &[("request", request)]),
            BadAnswer::OutOfTurn => i18n.tf(S::SyncBadOutOfTurn, &[("request", request)]),
        },
        Problem::Refused { status, reason } => i18n.tf(
            S::SyncRefused,
            &[("status", &status.to_string()), ("reason", reason)],
        ),
        Problem::Local { reason } => i18n.tf(S::SyncLocal, &[("reason", reason)]),
    }
}

/// The status line for a phase.
fn phase_text(i18n: &I18n, phase: &Phase, server: &str) -> String {
    let lang = i18n.lang.get();
    match phase {
        Phase::NotSetUp => i18n.t(S::SyncNotSetUp).into(),
        Phase::NotJoined => i18n.t(S::SyncNotJoined).into(),
        Phase::Paused => i18n.t(S::SyncPaused).into(),
        Phase::NeedsPassword => i18n.t(S::SyncNeedsPassword).into(),
        Phase::Connecting => i18n.t(S::SyncConnecting).into(),
        Phase::Syncing {
            direction,
            done,
            total,
        } => {
            let done = lang.count(*done as usize);
            match (direction, total) {
                (Direction::Push, Some(total)) => i18n.tf(
                    S::SyncSendingOf,
                    &[("done", &done), ("total", &lang.count(*total as usize))],
                ),
                (Direction::Pull, Some(total)) => i18n.tf(
                    S::SyncReceivingOf,
                    &[("done", &done), ("total", &lang.count(*total as usize))],
                ),
                (Direction::Push, None) => i18n.tf(S::SyncSending, &[("done", &done)]),
                (Direction::Pull, None) => i18n.tf(S::SyncReceiving, &[("done", &done)]),
            }
        }
        Phase::UpToDate => i18n.t(S::SyncUpToDate).into(),
        Phase::Retrying {
            problem: Problem::Offline,
            ..
        } => i18n.t(S::SyncOffline).into(),
        Phase::Retrying { problem, retry_ms } => i18n.tf(
            S::SyncRetrying,
            &[
                ("problem", &problem_text(i18n, problem, server)),
                ("seconds", &retry_ms.div_ceil(1000).to_string()),
            ],
        ),
        Phase::Stopped { problem } => i18n.tf(
            S::SyncStopped,
            &[("problem", &problem_text(i18n, problem, server))],
        ),
    }
}

#[component]
pub fn SyncSection() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let stored = sync.settings.get_untracked();
    let server = RwSignal::new(stored.server.clone());
    let database = RwSignal::new(stored.database.clone());
    let user = RwSignal::new(stored.user.clone());
    let remember = RwSignal::new(stored.password.is_some());
    let password = RwSignal::new(
        stored
            .password
            .clone()
            .unwrap_or_else(|| sync.password.get_untracked()),
    );
    let message = RwSignal::new(None::<String>);

    // The settings as typed, or why they cannot be used.
    let typed = move |running: bool| -> Result<SyncSettings, String> {
        let address = check_address(&server.get_untracked()).map_err(|p| match p {
            AddressProblem::NotAnAddress => i18n.t(S::SyncNotAnAddress).to_string(),
            AddressProblem::PlainHttp => i18n.t(S::SyncPlainHttp).to_string(),
        })?;
        let database = database.get_untracked().trim().to_string();
        if database.is_empty() {
            return Err(i18n.t(S::SyncNeedDatabase).into());
        }
        Ok(SyncSettings {
            server: address,
            database,
            user: user.get_untracked().trim().to_string(),
            password: remember
                .get_untracked()
                .then(|| password.get_untracked())
                .filter(|p| !p.is_empty()),
            running,
        })
    };

    let test = move |_| {
        let settings = match typed(sync.settings.get_untracked().running) {
            Ok(settings) => settings,
            Err(words) => {
                message.set(Some(words));
                return;
            }
        };
        sync.password.set(password.get_untracked());
        message.set(Some(i18n.t(S::SyncTesting).into()));
        let credentials =
            (!settings.user.is_empty()).then(|| crate::core::team::couch::Credentials {
                user: settings.user.clone(),
                password: password.get_untracked(),
            });
        leptos::task::spawn_local(async move {
            let result = transport::test_connection(
                &settings.server,
                &settings.database,
                credentials.as_ref(),
            )
            .await;
            let words = match result {
                Ok(count) => i18n.tf(
                    S::SyncTestOk,
                    &[
                        ("database", &settings.database),
                        ("count", &i18n.lang.get_untracked().count(count as usize)),
                    ],
                ),
                Err(error) => {
                    let reach = match error {
                        crate::core::team::couch::SyncError::Unreachable { .. } => {
                            transport::reach(&settings.server).await
                        }
                        _ => crate::core::team::couch::status::Reach::NoAnswer,
                    };
                    let problem = Problem::from_error(&error, reach);
                    problem_text(&i18n, &problem, &settings.server)
                }
            };
            message.set(Some(words));
        });
    };

    let start = move |_| match typed(true) {
        Ok(settings) => {
            message.set(None);
            sync.password.set(password.get_untracked());
            sync.change(settings);
        }
        Err(words) => message.set(Some(words)),
    };
    let pause = move |_| {
        message.set(None);
        let mut settings = sync.settings.get_untracked();
        settings.running = false;
        sync.change(settings);
    };
    // Start shows while paused, and after a stop that needs a person (to try again once fixed).
    let running = move || {
        sync.settings.get().running
            && !matches!(
                sync.status.get().phase,
                Phase::Stopped { .. } | Phase::NeedsPassword
            )
    };
    let status = move || {
        let server = sync.settings.get().server;
        phase_text(&i18n, &sync.status.get().phase, &server)
    };

    view! {
        <section class="card" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{move || i18n.t(S::SyncHeading)}</h2>
            <p class="hint">{move || i18n.t(S::SyncHint)}</p>
            <div class="field">
                <label for="sync-server">{move || i18n.t(S::SyncServer)}</label>
                <input id="sync-server" type="url" dir="auto" autocomplete="url" spellcheck="false"
                    placeholder="https://couch.example.org"
                    prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="sync-database">{move || i18n.t(S::SyncDatabase)}</label>
                <input id="sync-database" type="text" dir="auto" autocomplete="off" spellcheck="false"
                    prop:value=move || database.get() on:input=move |ev| database.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="sync-user">{move || i18n.t(S::SyncUser)}</label>
                <input id="sync-user" type="text" dir="auto" autocomplete="username" spellcheck="false"
                    prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="sync-password">{move || i18n.t(S::SyncPassword)}</label>
                <input id="sync-password" type="password" autocomplete="current-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <div class="choice-option">
                <input type="checkbox" id="sync-remember"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))/>
                <label for="sync-remember">{move || i18n.t(S::SyncRemember)}</label>
            </div>
            <div class="toolbar">
                <button type="button" on:click=test>{move || i18n.t(S::SyncTest)}</button>
                // One of the two, never both: the toolbar's button style overrides `hidden`.
                <Show
                    when=running
                    fallback=move || view! {
                        <button type="button" class="primary" on:click=start>
                            {move || i18n.t(S::SyncStart)}
                        </button>
                    }
                >
                    <button type="button" on:click=pause>{move || i18n.t(S::SyncPause)}</button>
                </Show>
            </div>
            <p class="status" aria-live="polite" hidden=move || message.get().is_none() dir="auto">{move || message.get()}</p>
            <p class="status sync-status" role="status" dir="auto">
                <strong>{move || i18n.t(S::SyncStatusLabel)}</strong>" "{status}
            </p>
        </section>
    }
}
