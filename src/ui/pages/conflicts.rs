//! Conflicts: records whose same field was changed differently in two browsers, each with both
//! values and a choice (keep the shown one, use the other, or type a new one), and records that
//! came back because they were edited in one browser while deleted in another, and edits to a
//! segment that was logged in another browser meanwhile (made into a new segment or let go, as
//! the person chooses). The rules are
//! `storage::team`; a choice is one commit that travels with the next share.

use leptos::prelude::*;
use serde_json::Value;

use crate::core::changes::Record;
use crate::core::db::Db;
use crate::storage::team::{self, ConflictView};
use crate::ui::components::commit_error_text;
use crate::ui::i18n::{use_i18n, Key};
use crate::ui::i18n_catalogue::team::Key as T;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// A field's value as a person reads it: text as it is, nothing as empty, anything else as JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A record's number and name, as lists show it.
fn label(db: &Db, record: &Option<Record>, doc_id: &str) -> String {
    match record {
        Some(Record::Contact(r)) => format!("{} {}", db.no(r.id), r.name),
        Some(Record::Segment(r)) => format!("{} {}", db.no(r.id), r.description),
        Some(Record::LoggedSegment(r)) => format!("{} {}", db.no(r.id), r.description),
        Some(Record::Entry(r)) => format!("{} {}", db.no(r.id), r.description),
        Some(Record::Opportunity(r)) => format!("{} {}", db.no(r.id), r.description),
        Some(Record::Salesperson(r)) => format!("{} {}", r.code, r.name),
        Some(Record::Template(r)) => format!("{} {}", r.code, r.description),
        Some(Record::OurCompany(_)) => use_i18n()
            .t(crate::ui::i18n_catalogue::setup::Key::OurCompany)
            .to_string(),
        _ => doc_id.to_string(),
    }
}

#[component]
pub fn Conflicts() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let message = RwSignal::new(None::<String>);
    let conflicts = move || data.with_db(team::conflicts).unwrap_or_default();
    let revived = move || {
        data.with_db(|db| {
            let origin = db.team.settings.as_ref().map(|s| s.origin);
            team::revived(db)
                .into_iter()
                .map(|doc_id| {
                    let record = origin.and_then(|o| {
                        let mut ids = team::docs::Ids::new(db, o);
                        let body = db.team.replica.current(&doc_id)?;
                        team::docs::from_doc(&doc_id, &body, &mut ids).ok()
                    });
                    (doc_id.clone(), label(db, &record, &doc_id))
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };

    let choose = move |doc_id: String, field: String, value: Value| {
        data.commit(
            move |db| {
                team::resolve(db, &doc_id, &[(field.clone(), value.clone())])
                    .map_err(|_| Vec::new())
            },
            move |result| {
                message.set(Some(match result {
                    Ok(_) => i18n.t(T::ConflictResolved).into(),
                    Err(error) => i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    ),
                }))
            },
        );
    };

    let acknowledge = move |doc_id: String| {
        data.commit(
            move |db| Ok(team::acknowledge_revival(db, &doc_id)),
            move |result| {
                if let Err(error) = result {
                    message.set(Some(i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    )));
                }
            },
        );
    };

    // Edits to segments logged elsewhere: the segment as edited, and what it was logged as.
    let logged_elsewhere = move || {
        data.with_db(|db| {
            team::logged_elsewhere_edits(db)
                .into_iter()
                .map(|w| {
                    let logged = w
                        .logged
                        .map(|l| db.no(l))
                        .unwrap_or_else(|| i18n.t(T::LoggedElsewhereUnknown).into());
                    (
                        w.doc_id,
                        w.segment.description,
                        w.segment.lines.len(),
                        logged,
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let settle = move |doc_id: String, keep: bool| {
        data.commit(
            move |db| Ok(team::settle_logged_elsewhere(db, &doc_id, keep).unwrap_or_default()),
            move |result| {
                message.set(Some(match result {
                    Ok(changes) => {
                        let made = changes.puts.iter().find_map(|r| match r {
                            Record::Segment(s) => Some(s.id),
                            _ => None,
                        });
                        match made.and_then(|id| data.with_db(|db| db.no(id))) {
                            Some(no) => i18n.tf(T::LoggedElsewhereMade, &[("no", &no)]),
                            None => i18n.t(T::LoggedElsewhereDropped).into(),
                        }
                    }
                    Err(error) => i18n.tf(
                        T::TeamFailed,
                        &[("reason", &commit_error_text(&i18n, &error))],
                    ),
                }))
            },
        );
    };

    let conflict_view = move |c: ConflictView| {
        let title = data
            .with_db(|db| label(db, &c.record, &c.doc_id))
            .unwrap_or_default();
        let doc_id = c.doc_id.clone();
        view! {
            <section class="card conflict" aria-label=title.clone()>
                <h2><bdi>{title.clone()}</bdi></h2>
                <table class="conflict-fields">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(Term::Field)}</th>
                        <th scope="col">{move || i18n.t(T::ConflictShown)}</th>
                        <th scope="col">{move || i18n.t(T::ConflictOther)}</th>
                        <th scope="col">{move || i18n.t(T::ConflictOwnValue)}</th>
                    </tr></thead>
                    <tbody>
                        {c.fields.into_iter().map(|f| {
                            let typed = RwSignal::new(shown(&f.winner));
                            let (d1, d2, d3) = (doc_id.clone(), doc_id.clone(), doc_id.clone());
                            let (n1, n2, n3) = (f.field.clone(), f.field.clone(), f.field.clone());
                            let (winner, other) = (f.winner.clone(), f.other.clone());
                            let typed_kind = f.winner.clone();
                            view! {
                                <tr>
                                    <th scope="row"><code>{f.field.clone()}</code></th>
                                    <td>
                                        <bdi>{shown(&f.winner)}</bdi>
                                        " "
                                        <button type="button" on:click=move |_| choose(d1.clone(), n1.clone(), winner.clone())>
                                            {move || i18n.t(T::ConflictKeepShown)}
                                        </button>
                                    </td>
                                    <td>
                                        <bdi>{shown(&f.other)}</bdi>
                                        " "
                                        <button type="button" on:click=move |_| choose(d2.clone(), n2.clone(), other.clone())>
                                            {move || i18n.t(T::ConflictKeepOther)}
                                        </button>
                                    </td>
                                    <td>
                                        <input type="text" dir="auto" aria-label=move || i18n.t(T::ConflictOwnValue)
                                            prop:value=move || typed.get()
                                            on:input=move |ev| typed.set(event_target_value(&ev))/>
                                        " "
                                        <button type="button" on:click=move |_| {
                                            // A typed value keeps the field's kind: a number
                                            // field gets a number back when the text is one.
                                            let text = typed.get_untracked();
                                            let value = match &typed_kind {
                                                Value::String(_) | Value::Null => Value::String(text),
                                                _ => serde_json::from_str(&text).unwrap_or(Value::String(text)),
                                            };
                                            choose(d3.clone(), n3.clone(), value)
                                        }>
                                            {move || i18n.t(T::ConflictUseTyped)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    };

    view! {
        <header class="page-header">
            <h1>{move || i18n.t(Key::PageConflicts)}</h1>
            <p class="intro">{move || i18n.t(T::ConflictsIntro)}</p>
        </header>
        <p role="status" class="status" hidden=move || message.get().is_none()>{move || message.get()}</p>
        {move || {
            let list = conflicts();
            if list.is_empty() && revived().is_empty() && logged_elsewhere().is_empty() {
                view! { <p class="empty">{move || i18n.t(T::ConflictsNone)}</p> }.into_any()
            } else {
                list.into_iter().map(conflict_view).collect_view().into_any()
            }
        }}
        {move || {
            let list = revived();
            (!list.is_empty()).then(|| view! {
                <section class="card">
                    <h2>{move || i18n.t(T::RevivedHeading)}</h2>
                    <ul>
                        {list.into_iter().map(|(doc_id, title)| view! {
                            <li>
                                {i18n.tf(T::RevivedText, &[("record", &title)])}
                                " "
                                <button type="button" on:click=move |_| acknowledge(doc_id.clone())>
                                    {move || i18n.t(T::RevivedOk)}
                                </button>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
        {move || {
            let list = logged_elsewhere();
            (!list.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="logged-elsewhere-heading">
                    <h2 id="logged-elsewhere-heading">{move || i18n.t(T::LoggedElsewhereHeading)}</h2>
                    <ul class="plain">
                        {list.into_iter().map(|(doc_id, description, lines, logged)| {
                            let keep_id = doc_id.clone();
                            let text = i18n.tf(
                                T::LoggedElsewhereText,
                                &[
                                    ("segment", &description),
                                    ("logged", &logged),
                                    ("lines", &i18n.lang.get_untracked().count(lines)),
                                ],
                            );
                            view! {
                                <li>
                                    <p dir="auto">{text}</p>
                                    <button type="button" on:click=move |_| settle(keep_id.clone(), true)>
                                        {move || i18n.t(T::LoggedElsewhereMake)}
                                    </button>
                                    " "
                                    <button type="button" on:click=move |_| settle(doc_id.clone(), false)>
                                        {move || i18n.t(T::LoggedElsewhereDrop)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}
