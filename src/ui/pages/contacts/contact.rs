//! One contact's page: its form, its interaction history and its segments, and for a company
//! its persons.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::form::{ContactEditor, EditorDone};
use super::sections::{History, Persons, Segments};
use super::{focus_heading, kind_label};
use crate::core::ids::ContactId;
use crate::core::model::ContactKind;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::routes::{use_router, Page};
use crate::ui::state::use_data;

/// Whether the contact can be shown yet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    Loading,
    Missing,
    Present,
}

#[component]
pub fn ContactPage(
    /// Which one to show.
    id: ContactId,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    // Only whether the contact exists drives what is rendered: the form must not be rebuilt
    // (losing what is typed) whenever the data moves, e.g. after a save or another tab's commit.
    let found = Memo::new(move |_| match data.with_db(|db| db.contact(id).is_some()) {
        None => Found::Loading,
        Some(false) => Found::Missing,
        Some(true) => Found::Present,
    });
    view! {
        <div class="contacts-area contact-page">
            <BackLink/>
            {move || match found.get() {
                Found::Loading => view! {
                    <p class="loading" role="status">{move || i18n.t(Key::Loading)}</p>
                }
                .into_any(),
                Found::Missing => view! {
                    <header class="page-header">
                        <h1 tabindex="-1">{move || i18n.t(Key::ContactMissingTitle)}</h1>
                        <p>{move || i18n.tf(Key::ContactMissingText, &[("no", &id.no())])}</p>
                    </header>
                }
                .into_any(),
                Found::Present => view! { <ContactView id/> }.into_any(),
            }}
        </div>
    }
}

/// A link back to the list, which the browser can also open in a new tab.
#[component]
fn BackLink() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let click = move |ev: MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.navigate(Page::Contacts);
        focus_heading();
    };
    view! {
        <p class="back-link">
            <a href=Page::Contacts.href() on:click=click>{move || i18n.t(Key::BackToList)}</a>
        </p>
    }
}

#[component]
fn ContactView(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let contact = data
        .with_db(|db| db.contact(id).cloned())
        .flatten()
        .unwrap_or_default();
    let heading = Memo::new(move |_| {
        data.with_db(|db| {
            db.contact(id).map(|c| {
                let company = match c.kind {
                    ContactKind::Company => String::new(),
                    ContactKind::Person => db.company_name_of(c),
                };
                (c.name.clone(), c.kind, company)
            })
        })
        .flatten()
    });
    let on_done = Callback::new(move |done: EditorDone| {
        if done == EditorDone::Deleted {
            router.navigate(Page::Contacts);
            focus_heading();
        }
    });
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || heading.get().map(|(name, _, _)| name).unwrap_or_default()}</h1>
            <p class="intro">
                {move || {
                    heading.get().map(|(_, kind, company)| {
                        let mut parts = vec![use_data().no(id), i18n.t(kind_label(kind)).to_string()];
                        if !company.is_empty() {
                            parts.push(company);
                        }
                        parts.join(" · ")
                    })
                }}
            </p>
        </header>
        <ContactEditor contact on_done/>
        {move || {
            let is_company = heading.with(|h| h.as_ref().is_some_and(|(_, kind, _)| *kind == ContactKind::Company));
            is_company.then(|| view! { <Persons id/> })
        }}
        <History id/>
        <Segments id/>
    }
}
