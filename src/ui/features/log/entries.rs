//! A list of interaction log entries (product.md §4 "Interaction log"), used by the Interaction
//! log page (filtered) and by one logged segment's page (its entries).
//!
//! The list is virtualised, because the log may hold 500,000 entries. Entries are chosen with a
//! checkbox per row (or all shown at once); the actions work on the chosen entries that are
//! shown, so an entry that a filter hides is never changed by surprise.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

use super::comments::CommentsDialog;
use super::{
    count_text, evaluation_key, evaluation_of, evaluation_text, evaluation_value, yes_no,
    ContactLink, EVALUATIONS,
};
use crate::core::export::interaction_log_csv;
use crate::core::ids::EntryId;
use crate::core::model::Evaluation;
use crate::ui::choices::contact_name;
use crate::ui::components::{download, VirtualTable};
use crate::ui::components::{Confirm, Feedback, FeedbackList};
use crate::ui::features::letters::store::load_letter;
use crate::ui::format::format_date;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The columns after the checkbox, in order. They are chosen to fit beside the navigation at
/// 1280 px without scrolling sideways: the company shows under the contact, the segment's number
/// under the description and "attempt failed" under the evaluation, each a second line of its
/// row; the template and the salesperson are left to the filters and the CSV export.
const COLUMNS: [AnyKey; 8] = [
    Term::Number.any(),
    Term::Date.any(),
    Term::Contact.any(),
    Term::Description.any(),
    Term::Evaluation.any(),
    Term::Canceled.any(),
    Term::Letter.any(),
    Key::Comments.any(),
];

/// A row's height: two lines of text.
const ROW_HEIGHT: f64 = 46.0;

/// The chosen entries: every checked one, kept across filter changes.
#[derive(Clone, Copy)]
struct Selection {
    checked: RwSignal<HashSet<EntryId>>,
    /// The checked entries that are shown, in list order: what the actions act on.
    chosen: Memo<Vec<EntryId>>,
}

#[component]
pub fn EntryList(
    /// The entries shown, in order.
    #[prop(into)]
    shown: Signal<Vec<EntryId>>,
    /// The table's accessible name.
    #[prop(into)]
    caption: Signal<String>,
    /// The file name of the CSV export.
    csv_name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let checked = RwSignal::new(HashSet::new());
    let chosen = Memo::new(move |_| {
        checked.with(|c| {
            if c.is_empty() {
                return Vec::new();
            }
            shown.with(|s| s.iter().copied().filter(|id| c.contains(id)).collect())
        })
    });
    let selection = Selection { checked, chosen };
    let feedback = Feedback::new();
    let comments_open = RwSignal::new(false);
    let comments_for = RwSignal::new(None::<EntryId>);
    let open_comments = Callback::new(move |id| {
        comments_for.set(Some(id));
        comments_open.set(true);
    });
    let status = move || {
        let lang = i18n.lang.get();
        let count = count_text(lang, shown.with(Vec::len));
        let chosen = count_text(lang, chosen.with(Vec::len));
        i18n.tf(
            Key::EntriesStatus,
            &[("count", &count), ("chosen", &chosen)],
        )
    };
    view! {
        <EntryActions selection shown feedback csv_name/>
        <p class="rm-status" role="status">{status}</p>
        <FeedbackList feedback/>
        <VirtualTable
            caption
            row_height=ROW_HEIGHT
            rows=Signal::derive(move || shown.with(Vec::len))
            header=ViewFn::from(move || view! { <Header selection shown/> })
            cells=Callback::new(move |index| row(selection, shown, feedback, open_comments, index))
        />
        <CommentsDialog open=comments_open entry=comments_for/>
    }
}

/// The header row: "choose all shown", then the column names.
#[component]
fn Header(
    /// The chosen entries.
    selection: Selection,
    /// The entries shown.
    shown: Signal<Vec<EntryId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = move || {
        let count = shown.with(Vec::len);
        count > 0 && selection.chosen.with(Vec::len) == count
    };
    let toggle = move |_| {
        if all() {
            selection.checked.set(HashSet::new());
        } else {
            shown.with_untracked(|s| selection.checked.update(|c| c.extend(s.iter().copied())));
        }
    };
    view! {
        <th scope="col" class="rm-check">
            <input
                type="checkbox"
                aria-label=move || i18n.t(Key::ChooseAllShown)
                prop:checked=all
                on:change=toggle
            />
        </th>
        {COLUMNS
            .iter()
            .map(|key| {
                let key = *key;
                view! { <th scope="col">{move || i18n.t(key)}</th> }
            })
            .collect_view()}
    }
}

/// The cells of row `index`.
fn row(
    selection: Selection,
    shown: Signal<Vec<EntryId>>,
    feedback: Feedback,
    open_comments: Callback<EntryId>,
    index: usize,
) -> AnyView {
    let i18n = use_i18n();
    let data = use_data();
    let Some(id) = shown.with(|s| s.get(index).copied()) else {
        return ().into_any();
    };
    let found = data.with_db(|db| {
        db.entries.get(&id).map(|entry| {
            let contact = contact_name(db, entry.contact);
            let company = entry
                .company
                .filter(|c| *c != entry.contact)
                .map(|c| contact_name(db, c))
                .unwrap_or_default();
            (entry.clone(), contact, company)
        })
    });
    let Some((entry, contact, company)) = found.flatten() else {
        return ().into_any();
    };
    let no = data.no(id);
    let is_checked = move || selection.checked.with(|c| c.contains(&id));
    let check = move |ev| {
        let on = event_target_checked(&ev);
        selection.checked.update(|c| {
            if on {
                c.insert(id);
            } else {
                c.remove(&id);
            }
        });
    };
    let date = entry.date;
    let evaluation = entry.evaluation;
    let (canceled, failed) = (entry.canceled, entry.attempt_failed);
    let comments = entry.comments.len();
    let letter = entry.letter.is_some().then(|| {
        let entry = entry.clone();
        let no = no.clone();
        let fetch = move |_| {
            let entry = entry.clone();
            feedback.clear();
            spawn_local(async move {
                match load_letter(data, &entry).await {
                    Ok(letter) => {
                        download(&letter.file_name, &letter.mime, &letter.bytes);
                    }
                    Err(problem) => feedback.0.set(vec![problem]),
                }
            });
        };
        view! {
            <button
                type="button"
                class="rm-button small"
                aria-label=move || i18n.tf(Key::DownloadLetterNamed, &[("no", &no)])
                on:click=fetch
            >
                {move || i18n.t(Key::Download)}
            </button>
        }
    });
    let comments_label = {
        let no = no.clone();
        move || {
            i18n.tf(
                Key::CommentsNamed,
                &[("no", &no), ("count", &i18n.count(comments))],
            )
        }
    };
    let company_tip = company.clone();
    view! {
        <td class="rm-check">
            <input
                type="checkbox"
                aria-label=move || i18n.tf(Key::ChooseEntry, &[("no", &data.no(id))])
                prop:checked=is_checked
                on:change=check
            />
        </td>
        <td class="rm-code">{no}</td>
        <td>{move || format_date(i18n.lang.get(), date)}</td>
        <td class="rm-wide">
            <span class="rm-line"><ContactLink id=entry.contact name=contact/></span>
            <span class="rm-line rm-second" title=company_tip><bdi>{company}</bdi></span>
        </td>
        <td class="rm-wide">
            <span class="rm-line" title=entry.description.clone()><bdi>{entry.description.clone()}</bdi></span>
            <span class="rm-line rm-second rm-code">{entry.segment_no.clone()}</span>
        </td>
        <td>
            <span class="rm-line">{move || evaluation_text(&i18n, evaluation)}</span>
            <span class="rm-line rm-second">{move || failed.then(|| i18n.t(Term::AttemptFailed))}</span>
        </td>
        <td class:rm-canceled-yes=canceled>{move || yes_no(&i18n, canceled)}</td>
        <td>{letter.map_or_else(|| view! { <span>{move || yes_no(&i18n, false)}</span> }.into_any(), IntoAny::into_any)}</td>
        <td>
            <button
                type="button"
                class="rm-button small"
                aria-label=comments_label
                on:click=move |_| open_comments.run(id)
            >
                {move || i18n.count(comments)}
            </button>
        </td>
    }
    .into_any()
}

/// The actions on the chosen entries, and exporting the shown ones.
#[component]
fn EntryActions(
    /// The chosen entries, which the actions change.
    selection: Selection,
    /// The entries shown, which the export writes.
    shown: Signal<Vec<EntryId>>,
    /// Where refusals are shown.
    feedback: Feedback,
    /// The file name of the CSV export.
    csv_name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    // Nothing to act on, or the last action is still being written (a change to 500,000 entries
    // takes a moment, and a second click would only queue the same change again).
    let none = move || selection.chosen.with(Vec::is_empty) || data.busy.get();
    let chosen = move || selection.chosen.get_untracked();

    let set_canceled = move |canceled: bool| {
        let ids = chosen();
        feedback.commit(
            data,
            move |db| db.set_entries_canceled(&ids, canceled),
            |_| {},
        );
    };
    let set_failed = move |failed: bool| {
        let ids = chosen();
        feedback.commit(data, move |db| db.set_attempt_failed(&ids, failed), |_| {});
    };
    let evaluation = RwSignal::new(evaluation_value(Evaluation::Positive));
    let evaluate = move |_| {
        let ids = chosen();
        let value = evaluation_of(&evaluation.get_untracked()).unwrap_or_default();
        feedback.commit(data, move |db| db.evaluate(&ids, value), |_| {});
    };

    // Only canceled entries may be deleted, so the question counts those among the chosen.
    let doomed = Memo::new(move |_| {
        let chosen = selection.chosen.get();
        data.with_db(|db| {
            chosen
                .into_iter()
                .filter(|id| db.entries.get(id).is_some_and(|e| e.canceled))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let confirm = RwSignal::new(false);
    let delete = move |_| {
        let ids = doomed.get_untracked();
        feedback.commit(data, move |db| db.delete_canceled_entries(&ids), |_| {});
    };
    let export = move |_| {
        let bytes = shown.with_untracked(|ids| data.with_db(|db| interaction_log_csv(db, ids)));
        if let Some(bytes) = bytes {
            download(&csv_name, "text/csv;charset=utf-8", &bytes);
        }
    };

    let options = Signal::derive(move || {
        EVALUATIONS
            .iter()
            .map(|e| (evaluation_value(*e), i18n.t(evaluation_key(*e)).to_string()))
            .collect::<Vec<_>>()
    });
    let button = move |key: Key, disabled: Signal<bool>, run: Callback<()>| {
        view! {
            <button type="button" class="rm-button small" disabled=move || disabled.get() on:click=move |_| run.run(())>
                {move || i18n.t(key)}
            </button>
        }
    };
    let no_choice = Signal::derive(none);
    view! {
        <div class="rm-toolbar" role="group" aria-label=move || i18n.t(Key::ChosenActions)>
            {button(Key::MarkCanceled, no_choice, Callback::new(move |_| set_canceled(true)))}
            {button(Key::Uncancel, no_choice, Callback::new(move |_| set_canceled(false)))}
            {button(Key::MarkAttemptFailed, no_choice, Callback::new(move |_| set_failed(true)))}
            {button(Key::ClearAttemptFailed, no_choice, Callback::new(move |_| set_failed(false)))}
            <span class="rm-evaluate">
                <label>
                    <span>{move || i18n.t(Key::NewEvaluation)}</span>
                    <select
                        on:change=move |ev| evaluation.set(event_target_value(&ev))
                        prop:value=move || evaluation.get()
                    >
                        {move || options.get().into_iter().map(|(value, text)| {
                            let selected = evaluation.get_untracked() == value;
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="rm-button small" disabled=none on:click=evaluate>
                    {move || i18n.t(Key::Evaluate)}
                </button>
            </span>
            {button(
                Key::DeleteCanceledEntries,
                Signal::derive(move || doomed.with(Vec::is_empty) || data.busy.get()),
                Callback::new(move |_| confirm.set(true)),
            )}
            <button
                type="button"
                class="rm-button small"
                disabled=move || shown.with(Vec::is_empty)
                on:click=export
            >
                {move || i18n.t(Key::ExportCsv)}
            </button>
        </div>
        <Confirm
            open=confirm
            title=move || i18n.t(Key::DeleteCanceledEntries).to_string()
            text=move || i18n.tf(Key::DeleteCanceledEntriesQuestion, &[("count", &count_text(i18n.lang.get(), doomed.with(Vec::len)))])
            yes=move || i18n.t(Key::DeleteEntriesYes).to_string()
            on_yes=Callback::new(delete)
        />
    }
}
