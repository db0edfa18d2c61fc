//! Settings → Team: this browser's code and name in the team, "Share changes" (an exchange file
//! download) and "Receive changes" (a teammate's file, previewed, then applied in one commit).
//! The logic is `storage::team`; this page only asks and shows.

use leptos::prelude::*;

use crate::storage::team::{self, Preview, ReceiveError};
use crate::ui::components::{commit_error_text, download, problem_text, FilePicker};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::team::Key as T;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::{use_data, Data};
use crate::ui::sync::receive_error_text;

/// A random 32-bit number from the browser, for this browser's origin (drawn once).
fn random_u32() -> u32 {
    let high = (js_sys::Math::random() * 65_536.0) as u32;
    let low = (js_sys::Math::random() * 65_536.0) as u32;
    (high << 16) | (low & 0xffff)
}

#[component]
pub fn TeamSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let settings = move || data.with_db(|db| db.team.settings.clone()).flatten();
    let code = RwSignal::new(settings().map(|s| s.code).unwrap_or_default());
    let name = RwSignal::new(settings().map(|s| s.name).unwrap_or_default());
    let everything = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let received = RwSignal::new(None::<(Vec<u8>, Preview)>);

    let save = move |_| {
        let (c, n) = (code.get_untracked(), name.get_untracked());
        if crate::core::team::ident::member_code(&c).is_none() {
            message.set(Some(i18n.t(T::TeamCodeMissing).into()));
            return;
        }
        data.commit(
            move |db| Ok(team::join(db, random_u32, &c, &n).unwrap_or_default()),
            move |result| {
                message.set(match result {
                    Ok(_) => None,
                    Err(error) => Some(i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    )),
                })
            },
        );
    };

    // Sharing is two commits: first what changed here becomes new revisions (capture), then the
    // file is written from them and "last share" moves on. The download happens only after the
    // second commit, so a file is never handed out for a share that was not recorded.
    let share = move |_| {
        message.set(None);
        let all = everything.get_untracked();
        data.commit(
            |db| Ok(team::capture(db)),
            move |result| {
                if let Err(error) = result {
                    message.set(Some(i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    )));
                    return;
                }
                // Letters live in their own store: read those of the logged segments in this
                // share, then write the file (a logged segment's letters travel with it).
                let logged = data
                    .with_db(|db| team::logged_segments_to_share(db, all))
                    .unwrap_or_default();
                leptos::task::spawn_local(async move {
                    let letters = match crate::ui::features::letters::store::load_batches(
                        data, &logged,
                    )
                    .await
                    {
                        Ok(letters) => letters,
                        Err(problem) => {
                            let reason = problem_text(&i18n, &problem);
                            message.set(Some(i18n.tf(T::TeamFailed, &[("reason", &reason)])));
                            return;
                        }
                    };
                    write_share(data, i18n, message, all, letters);
                });
            },
        );
    };

    // What was changed here is captured before the preview, so the preview (and the merge)
    // sees this browser's latest edits as revisions.
    let on_file = Callback::new(move |(_, bytes): (String, Vec<u8>)| {
        message.set(None);
        received.set(None);
        data.commit(
            |db| Ok(team::capture(db)),
            move |result| {
                if let Err(error) = result {
                    message.set(Some(i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    )));
                    return;
                }
                match data.with_db(|db| team::receive(db, &bytes).map(|(p, _)| p)) {
                    Some(Ok(preview)) if preview.is_empty() => {
                        message.set(Some(i18n.t(T::TeamNothingNew).into()))
                    }
                    Some(Ok(preview)) => received.set(Some((bytes, preview))),
                    Some(Err(error)) => message.set(Some(receive_error_text(&i18n, &error))),
                    None => {}
                }
            },
        );
    });

    let apply = move |_| {
        let Some((bytes, _)) = received.get_untracked() else {
            return;
        };
        let failure = StoredValue::new(None::<ReceiveError>);
        data.commit(
            move |db| match team::receive(db, &bytes) {
                Ok((_, changes)) => Ok(changes),
                Err(error) => {
                    failure.set_value(Some(error));
                    Ok(Default::default())
                }
            },
            move |result| {
                received.set(None);
                message.set(Some(match (result, failure.get_value()) {
                    (_, Some(error)) => receive_error_text(&i18n, &error),
                    (Ok(_), None) => i18n.t(T::TeamReceived).into(),
                    (Err(error), None) => i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    ),
                }));
            },
        );
    };

    let joined = move || settings().is_some();
    view! {
        <section class="card" aria-labelledby="team-heading">
            <h2 id="team-heading">{move || i18n.t(T::TeamHeading)}</h2>
            <p class="hint">{move || i18n.t(T::TeamHint)}</p>
            <div class="field">
                <label for="team-code">{move || i18n.t(T::TeamCode)}</label>
                <input id="team-code" type="text" maxlength="12" autocomplete="off"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="team-name">{move || i18n.t(T::TeamName)}</label>
                <input id="team-name" type="text" dir="auto"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="toolbar">
                <button type="button" on:click=save>{move || i18n.t(Term::Save)}</button>
            </div>
            {move || settings().map(|s| view! {
                <p class="status">{i18n.tf(T::TeamJoined, &[("name", &s.name), ("code", &s.code)])}</p>
            })}
            <div hidden=move || !joined()>
                <div class="choice-option">
                    <input type="checkbox" id="team-everything"
                        prop:checked=move || everything.get()
                        on:change=move |ev| everything.set(event_target_checked(&ev))/>
                    <label for="team-everything">{move || i18n.t(T::TeamEverything)}</label>
                </div>
                <div class="toolbar">
                    <button type="button" class="primary" on:click=share>{move || i18n.t(T::TeamShare)}</button>
                </div>
                <FilePicker label=Signal::derive(move || i18n.t(T::TeamReceiveChoose).to_string()) accept=".sgtx" on_file/>
            </div>
            {move || received.get().map(|(_, p)| {
                let from = p.from.clone();
                view! {
                    <div class="restore-preview">
                        <p role="status">{move || {
                            let lang = i18n.lang.get();
                            i18n.tf(T::TeamPreview, &[
                                ("name", from.as_ref().map(|m| m.name.as_str()).unwrap_or("")),
                                ("code", from.as_ref().map(|m| m.code.as_str()).unwrap_or("")),
                                ("added", &lang.count(p.added)),
                                ("changed", &lang.count(p.changed)),
                                ("conflicts", &lang.count(p.conflicts)),
                            ])
                        }}</p>
                        <button type="button" class="primary" on:click=apply>{move || i18n.t(T::TeamApply)}</button>
                    </div>
                }
            })}
            <p role="status" class="status" hidden=move || message.get().is_none()>{move || message.get()}</p>
        </section>
    }
}

/// Writes the exchange file and records the share: the download happens only after the commit
/// that moves "last share" on, so a file is never handed out for a share that was not recorded.
fn write_share(
    data: Data,
    i18n: I18n,
    message: RwSignal<Option<String>>,
    all: bool,
    letters: Vec<crate::core::model::LetterBatch>,
) {
    let now = crate::ui::clock::now();
    let Some((file, count, who)) = data
        .with_db(|db| {
            let s = db.team.settings.as_ref()?;
            let since = if all { 0 } else { s.shared_seq };
            let count = db.team.replica.changes_since(since).0.len();
            let (file, _) = team::share(db, all, now, &letters)?;
            Some((file, count, s.code.clone()))
        })
        .flatten()
    else {
        message.set(Some(i18n.t(T::TeamJoinFirst).into()));
        return;
    };
    data.commit(
        move |db| {
            Ok(team::share(db, all, now, &[])
                .map(|(_, c)| c)
                .unwrap_or_default())
        },
        move |result| match result {
            Ok(_) => {
                let file_name = format!(
                    "segmentti-changes-{who}-{}.sgtx",
                    now.format("%Y-%m-%d-%H%M")
                );
                download(&file_name, "application/octet-stream", &file);
                message.set(Some(i18n.tf(
                    T::TeamShared,
                    &[
                        ("file", &file_name),
                        ("count", &i18n.lang.get_untracked().count(count)),
                    ],
                )));
            }
            Err(error) => message.set(Some(i18n.tf(
                T::TeamFailed,
                &[("reason", &commit_error_text(&i18n, &error))],
            ))),
        },
    );
}
