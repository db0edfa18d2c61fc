//! The imports whose contacts are still here, each of which can be undone as a whole
//! (product.md §6). The import dialog offers the same right after importing; this list keeps the
//! way open after the dialog is closed, because a wrong import is often noticed later.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::commit_error_text;
use crate::core::ids::ImportBatchId;
use crate::core::problem::Problem;
use crate::store::session::CommitError;
use crate::ui::components::{Dialog, ProblemList};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

#[component]
pub fn Imports() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let batches = Memo::new(move |_| {
        data.with_db(|db| {
            let mut counts: BTreeMap<ImportBatchId, usize> = BTreeMap::new();
            for batch in db.contacts.values().filter_map(|c| c.import_batch) {
                *counts.entry(batch).or_default() += 1;
            }
            counts.into_iter().collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let pending = RwSignal::new(None::<(ImportBatchId, usize)>);
    let open = RwSignal::new(false);
    let ask = move |batch: (ImportBatchId, usize)| {
        pending.set(Some(batch));
        open.set(true);
    };
    let list = move || {
        let list = batches.get();
        (!list.is_empty()).then(|| {
            let count = list.len();
            view! {
                <details class="imports">
                    <summary>{move || i18n.tf(Key::ImportsSummary, &[("count", &i18n.count(count))])}</summary>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(batch, contacts)| {
                                let no = batch.no();
                                view! {
                                    <li>
                                        {move || i18n.tf(Key::ImportsItem, &[("batch", &no), ("count", &i18n.count(contacts))])}
                                        " "
                                        <button type="button" on:click=move |_| ask((batch, contacts))>
                                            {move || i18n.tf(Key::UndoBatch, &[("batch", &batch.no())])}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    };
    // The dialog stays outside the list, which is rebuilt when an import is undone.
    view! {
        {list}
        <UndoDialog open pending/>
    }
}

/// Asks before undoing an import, and says why when the core refuses.
#[component]
fn UndoDialog(
    open: RwSignal<bool>,
    pending: RwSignal<Option<(ImportBatchId, usize)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let refused = RwSignal::new(Vec::<Problem>::new());
    let failure = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if open.get() {
            refused.set(Vec::new());
            failure.set(None);
        }
    });
    let undo = move |_| {
        let Some((batch, _)) = pending.get_untracked() else {
            return;
        };
        data.commit(
            move |db| db.delete_import_batch(batch),
            move |result| match result {
                Ok(_) => open.set(false),
                Err(CommitError::Refused(problems)) => refused.set(problems),
                Err(error) => failure.set(Some(commit_error_text(&i18n, &error))),
            },
        );
    };
    let question = move || {
        pending
            .get()
            .map(|(batch, count)| {
                i18n.tf(
                    Key::UndoBatchQuestion,
                    &[
                        ("batch", &batch.no()),
                        ("count", &i18n.lang.get().count(count)),
                    ],
                )
            })
            .unwrap_or_default()
    };
    view! {
        <Dialog open title=move || i18n.t(Key::UndoImport).to_string()>
            <p>{question}</p>
            <ProblemList problems=refused/>
            {move || failure.get().map(|text| view! { <p class="form-alert" role="alert">{text}</p> })}
            <div class="button-row">
                <button
                    type="button"
                    class="danger"
                    disabled=move || data.busy.get() || !refused.with(Vec::is_empty)
                    on:click=undo
                >
                    {move || i18n.t(Key::UndoImport)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>{move || i18n.t(Term::Cancel)}</button>
            </div>
        </Dialog>
    }
}
