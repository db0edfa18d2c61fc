//! Logged segments: what logging produced (product.md §4, reference-bc.md §3.4). The list, a
//! filter on canceled, the actions of each logged segment, and deleting the canceled ones (their
//! entries stay, unlinked).

use leptos::prelude::*;

use super::PageHeader;
use crate::ui::components::SelectField;
use crate::ui::components::{Confirm, Feedback, FeedbackList};
use crate::ui::features::log::segment_actions::{
    SegmentActions, SegmentActionsHost, SegmentButtons,
};
use crate::ui::features::log::{count_text, logged_rows, yes_no, LoggedRow};
use crate::ui::format::format_date;
use crate::ui::i18n::{self as shell, use_i18n, AnyKey};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

#[component]
pub fn LoggedSegments() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let all = Memo::new(move |_| data.with_db(logged_rows));
    // "all", "active" (not canceled) or "canceled".
    let show = RwSignal::new("all".to_string());
    let shown = Memo::new(move |_| {
        let show = show.get();
        all.get().map(|rows| {
            rows.into_iter()
                .filter(|r| match show.as_str() {
                    "active" => !r.logged.canceled,
                    "canceled" => r.logged.canceled,
                    _ => true,
                })
                .collect::<Vec<_>>()
        })
    });
    let canceled = Memo::new(move |_| {
        all.with(|rows| rows.iter().flatten().filter(|r| r.logged.canceled).count())
    });
    let actions = SegmentActions::new();

    let options = Signal::derive(move || {
        [
            ("all", Key::ShowAll),
            ("active", Key::ShowNotCanceled),
            ("canceled", Key::ShowCanceled),
        ]
        .map(|(value, key)| (value.to_string(), i18n.t(key).to_string()))
        .to_vec()
    });
    let body = move || match shown.get() {
        None => ().into_any(),
        Some(_) if all.with(|a| a.as_ref().is_some_and(Vec::is_empty)) => {
            view! { <p class="rm-empty">{move || i18n.t(Key::LoggedSegmentsEmpty)}</p> }.into_any()
        }
        Some(rows) if rows.is_empty() => {
            view! { <p class="rm-empty">{move || i18n.t(Key::LoggedSegmentsNoMatch)}</p> }
                .into_any()
        }
        Some(rows) => view! { <LoggedSegmentTable rows actions/> }.into_any(),
    };
    view! {
        <PageHeader title=shell::Key::PageLoggedSegments intro=shell::Key::LoggedSegmentsIntro/>
        <div class="rm logs">
            // Filtering and deleting mean nothing before anything was logged.
            <Show when=move || all.with(|a| a.as_ref().is_some_and(|a| !a.is_empty()))>
                <div class="rm-toolbar">
                    <SelectField label=move || i18n.t(Term::Show).to_string() value=show options/>
                    <DeleteCanceled count=canceled/>
                </div>
            </Show>
            <SegmentActionsHost actions/>
            {body}
        </div>
    }
}

/// The list itself.
#[component]
fn LoggedSegmentTable(
    /// The rows shown.
    rows: Vec<LoggedRow>,
    /// The page's actions.
    actions: SegmentActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let head = move |key: AnyKey| view! { <th scope="col">{move || i18n.t(key)}</th> };
    let rows = rows
        .into_iter()
        .map(|row| {
            let id = row.logged.id;
            let route = Route::LoggedSegment(id);
            let href = route.href();
            let created = row.logged.created;
            let canceled = row.logged.canceled;
            let entries = row.entries;
            let open = move |ev: leptos::ev::MouseEvent| {
                if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                    ev.prevent_default();
                    router.open(route.clone());
                }
            };
            view! {
                <tr class:rm-canceled=canceled>
                    <td class="rm-code"><a href=href on:click=open>{move || use_data().no(id)}</a></td>
                    <td class="rm-code">{row.logged.segment_no.clone()}</td>
                    <td class="rm-description">{row.logged.description.clone()}</td>
                    <td>{move || format_date(i18n.lang.get(), Some(created.date()))}</td>
                    <td class="rm-number">{move || count_text(i18n.lang.get(), entries)}</td>
                    <td>{move || yes_no(&i18n, canceled)}</td>
                    <td class="rm-actions">
                        <SegmentButtons actions id canceled entries=row.entries has_letters=row.has_letters/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="rm-scroll">
            <table class="rm-table">
                <thead>
                    <tr>
                        {head(Term::Number.any())}
                        {head(Term::SegmentNo.any())}
                        {head(Term::Description.any())}
                        {head(Term::Created.any())}
                        {head(Key::Entries.any())}
                        {head(Term::Canceled.any())}
                        <th scope="col"><span class="visually-hidden">{move || i18n.t(Term::Actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// "Delete canceled logged segments", after a question; their entries are kept, unlinked.
#[component]
fn DeleteCanceled(
    /// How many logged segments are canceled.
    count: Memo<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let confirm = RwSignal::new(false);
    let feedback = Feedback::new();
    let delete = move |_| {
        feedback.commit(data, |db| Ok(db.delete_canceled_logged_segments()), |_| {});
    };
    view! {
        <button
            type="button"
            class="rm-button"
            disabled=move || count.get() == 0
            on:click=move |_| confirm.set(true)
        >
            {move || i18n.t(Key::DeleteCanceledSegments)}
        </button>
        <FeedbackList feedback/>
        <Confirm
            open=confirm
            title=move || i18n.t(Key::DeleteCanceledSegments).to_string()
            text=move || i18n.tf(Key::DeleteCanceledSegmentsQuestion, &[("count", &i18n.lang.get().count(count.get()))])
            yes=move || i18n.t(Key::DeleteCanceledSegmentsYes).to_string()
            on_yes=Callback::new(delete)
        />
    }
}
