//! One logged segment's page: what it was logged from, its actions and its entries.

use leptos::prelude::*;

use crate::core::ids::LoggedSegmentId;
use crate::core::logging::EntryQuery;
use crate::ui::features::log::entries::EntryList;
use crate::ui::features::log::segment_actions::{
    SegmentActions, SegmentActionsHost, SegmentButtons,
};
use crate::ui::features::log::{count_text, datetime_text, yes_no, LoggedRow};
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Page};
use crate::ui::state::use_data;

#[component]
pub fn LoggedSegmentPage(
    /// Which one to show.
    id: LoggedSegmentId,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let row = Memo::new(move |_| {
        data.with_db(|db| {
            db.logged_segments.get(&id).map(|logged| {
                let mut row = LoggedRow {
                    logged: logged.clone(),
                    entries: 0,
                    has_letters: false,
                };
                for entry in db.entries.values().filter(|e| e.logged_segment == Some(id)) {
                    row.entries += 1;
                    row.has_letters |= entry.letter.is_some();
                }
                row
            })
        })
    });
    let heading = { move || i18n.tf(Key::LoggedSegmentTitle, &[("no", &data.no(id))]) };
    let body = move || {
        match row.get() {
        None => ().into_any(),
        Some(None) => {
            view! { <p class="rm-empty">{move || i18n.tf(Key::LoggedSegmentMissing, &[("no", &data.no(id))])}</p> }
                .into_any()
        }
        Some(Some(row)) => view! { <Details row/> }.into_any(),
    }
    };
    view! {
        <header class="page-header">
            <BackLink/>
            <h1 tabindex="-1">{heading}</h1>
        </header>
        <div class="rm logs">{body}</div>
    }
}

/// The link back to the list of logged segments.
#[component]
fn BackLink() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let page = Page::LoggedSegments;
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
            ev.prevent_default();
            router.navigate(page);
        }
    };
    view! {
        <p class="rm-back">
            <a href=page.href() on:click=click>{move || i18n.t(Key::BackToLoggedSegments)}</a>
        </p>
    }
}

/// The logged segment's facts, its actions and its entries.
#[component]
fn Details(
    /// The logged segment with its counts.
    row: LoggedRow,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let id = row.logged.id;
    let actions = SegmentActions::new();
    let shown = Memo::new(move |_| {
        let query = EntryQuery {
            logged_segment: Some(id),
            ..EntryQuery::default()
        };
        data.with_db(|db| db.query_entries(&query))
            .unwrap_or_default()
    });
    let fact = move |key: AnyKey, value: AnyView| {
        view! {
            <div>
                <dt>{move || i18n.t(key)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let created = row.logged.created;
    let canceled = row.logged.canceled;
    let entries = row.entries;
    view! {
        <dl class="rm-facts">
            {fact(Term::SegmentNo.any(), row.logged.segment_no.clone().into_any())}
            {fact(Term::Description.any(), row.logged.description.clone().into_any())}
            {fact(Term::Created.any(), (move || datetime_text(i18n.lang.get(), created)).into_any())}
            {fact(Key::Entries.any(), (move || count_text(i18n.lang.get(), entries)).into_any())}
            {fact(Term::Canceled.any(), (move || yes_no(&i18n, canceled)).into_any())}
        </dl>
        <SegmentButtons actions id canceled entries=row.entries has_letters=row.has_letters/>
        <SegmentActionsHost actions/>
        <h2>{move || i18n.t(Key::ItsEntries)}</h2>
        <EntryList
            shown
            caption=move || i18n.t(Key::ItsEntries).to_string()
            csv_name=format!("{} entries.csv", data.no(id))
        />
    }
}
