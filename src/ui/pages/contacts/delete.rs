//! Deleting a contact, after the user confirms. When the core refuses (the contact is on a
//! segment, has interaction history, or is a company with persons) the dialog stays open and says
//! why, so the user knows what to do first.

use leptos::prelude::*;

use super::commit_error_text;
use crate::core::ids::ContactId;
use crate::core::problem::Problem;
use crate::store::session::CommitError;
use crate::ui::components::{Dialog, ProblemList};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

#[component]
pub fn DeleteContact(
    /// The contact to delete.
    id: ContactId,
    /// Called once the contact is deleted.
    on_deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let open = RwSignal::new(false);
    let refused = RwSignal::new(Vec::<Problem>::new());
    let failure = RwSignal::new(None::<String>);
    let name = move || {
        data.with_db(|db| db.contact(id).map(|c| c.name.clone()))
            .flatten()
            .unwrap_or_default()
    };
    let ask = move |_| {
        refused.set(Vec::new());
        failure.set(None);
        open.set(true);
    };
    let delete = move |_| {
        data.commit(
            move |db| db.delete_contact(id),
            move |result| match result {
                Ok(_) => {
                    open.set(false);
                    on_deleted.run(());
                }
                Err(CommitError::Refused(problems)) => refused.set(problems),
                Err(error) => failure.set(Some(commit_error_text(&i18n, &error))),
            },
        );
    };
    view! {
        <button type="button" class="danger" on:click=ask>{move || i18n.t(Key::Delete)}</button>
        <Dialog open title=Signal::derive(move || i18n.t(Key::DeleteTitle).to_string())>
            <p>{move || i18n.tf(Key::DeleteQuestion, &[("name", &name()), ("no", &data.no(id))])}</p>
            <ProblemList problems=refused/>
            {move || failure.get().map(|text| view! { <p class="form-alert" role="alert">{text}</p> })}
            <div class="button-row">
                <button
                    type="button"
                    class="danger"
                    disabled=move || data.busy.get() || !refused.with(Vec::is_empty)
                    on:click=delete
                >
                    {move || i18n.t(Term::Delete)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
            </div>
        </Dialog>
    }
}
