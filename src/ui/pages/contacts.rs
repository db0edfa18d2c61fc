//! Contacts: the list of people and companies with search, sort and filters, import and export,
//! and the form for a new contact.
//!
//! A new contact has no address of its own until it is saved, so its form is shown here in place
//! of the list; saving opens the new contact's page.

use leptos::prelude::*;

use super::contacts_common::focus_heading;
use super::contacts_form::{ContactEditor, EditorDone};
use super::contacts_import::ImportDialog;
use super::contacts_list::{ContactList, ListState};
use super::first_run::FirstRun;
use super::PageHeader;
use crate::core::model::{Contact, ContactKind};
use crate::ui::i18n::{self as shell, use_i18n};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::routes::{use_router, Route};

#[component]
pub fn Contacts() -> impl IntoView {
    let state = ListState::remembered();
    let creating = RwSignal::new(None::<ContactKind>);
    let import_open = RwSignal::new(false);
    let on_new = Callback::new(move |kind| {
        creating.set(Some(kind));
        focus_heading();
    });
    let on_import = Callback::new(move |()| import_open.set(true));
    view! {
        <div class="contacts-area">
            {move || match creating.get() {
                Some(kind) => view! { <NewContact kind creating/> }.into_any(),
                None => view! {
                    <PageHeader title=shell::Key::PageContacts intro=shell::Key::ContactsIntro/>
                    <FirstRun/>
                    <ContactList state on_new on_import/>
                }
                .into_any(),
            }}
            <ImportDialog open=import_open/>
        </div>
    }
}

/// The form for a new company or person. Saving opens the new contact's page; cancelling
/// returns to the list.
#[component]
fn NewContact(kind: ContactKind, creating: RwSignal<Option<ContactKind>>) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let title = match kind {
        ContactKind::Company => Key::NewCompanyTitle,
        ContactKind::Person => Key::NewPersonTitle,
    };
    let contact = Contact {
        kind,
        ..Contact::default()
    };
    let on_done = Callback::new(move |done: EditorDone| match done {
        EditorDone::Saved(id) => {
            router.open(Route::Contact(id));
            focus_heading();
        }
        EditorDone::Cancelled | EditorDone::Deleted => {
            creating.set(None);
            focus_heading();
        }
    });
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(title)}</h1>
            <p class="intro">{move || i18n.t(Key::NewContactIntro)}</p>
        </header>
        <ContactEditor contact on_done/>
    }
}
