//! The parts of a contact's page below its form: a company's persons, the interaction history and
//! the segments the contact is on.

use crate::ui::i18n::isolate;
use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::focus_heading;
use crate::core::ids::{ContactId, SegmentId};
use crate::core::model::InteractionLogEntry;
use crate::ui::components::VirtualTable;
use crate::ui::features::log::evaluation_text;
use crate::ui::format::format_date;
use crate::ui::i18n::{use_i18n, Key as Shell};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

/// A click handler that opens `route` inside the app; a click with a modifier key is left to the
/// browser (new tab, new window).
fn open_in_app(route: Route) -> impl Fn(MouseEvent) + 'static {
    let router = use_router();
    move |ev: MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.open(route.clone());
        focus_heading();
    }
}

/// A company's persons, each a link to its page.
#[component]
pub fn Persons(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let persons = move || {
        data.with_db(|db| {
            db.persons_of(id)
                .map(|p| (p.id, p.name.clone(), p.job_title.clone(), p.email.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    view! {
        <section class="contact-section" aria-labelledby="persons-title">
            <h2 id="persons-title">{move || i18n.t(Key::Persons)}</h2>
            {move || {
                let persons = persons();
                if persons.is_empty() {
                    return view! { <p class="hint">{move || i18n.t(Key::PersonsNone)}</p> }.into_any();
                }
                view! {
                    <ul class="link-list">
                        {persons
                            .into_iter()
                            .map(|(person, name, job_title, email)| {
                                let route = Route::Contact(person);
                                let details = [job_title, email]
                                    .into_iter()
                                    .filter(|s| !s.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" · ");
                                view! {
                                    <li>
                                        <a href=route.href() on:click=open_in_app(route.clone())>{name}</a>
                                        {(!details.is_empty()).then(|| view! { <span class="muted">" – "{details}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// The contact's interaction log entries, newest first.
#[component]
pub fn History(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let entries = Memo::new_with_compare(
        move |_| {
            let mut entries: Vec<InteractionLogEntry> = data
                .with_db(|db| db.entries_of(id).cloned().collect())
                .unwrap_or_default();
            entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
            Arc::new(entries)
        },
        |_, _| true,
    );
    let template_name = move |code: &str| {
        data.with_db(|db| {
            db.templates
                .values()
                .find(|t| t.code.as_str() == code)
                .map(|t| t.description.clone())
        })
        .flatten()
        .filter(|d| !d.is_empty())
        .map(|d| format!("{} ({})", isolate(&d), isolate(code)))
        .unwrap_or_else(|| code.to_string())
    };
    let count = Signal::derive(move || entries.with(|e| e.len()));
    let header = move || {
        [
            Term::Date,
            Term::Description,
            Term::Template,
            Term::Evaluation,
            Term::Canceled,
        ]
        .into_iter()
        .map(|key| view! { <th scope="col">{move || i18n.t(key)}</th> })
        .collect_view()
    };
    let cells = Callback::new(move |index: usize| {
        let Some(entry) = entries.with(|e| e.get(index).cloned()) else {
            return ().into_any();
        };
        let lang = i18n.lang.get();
        let date = format_date(lang, entry.date);
        let template = entry
            .template
            .as_ref()
            .map(|code| template_name(code.as_str()))
            .unwrap_or_default();
        let evaluation = evaluation_text(&i18n, entry.evaluation);
        let canceled = if entry.canceled {
            i18n.t(Term::Yes)
        } else {
            ""
        };
        view! {
            <td>{date}</td>
            <td>{entry.description}</td>
            <td>{template}</td>
            <td>{evaluation}</td>
            <td>{canceled}</td>
        }
        .into_any()
    });
    view! {
        <section class="contact-section" aria-labelledby="history-title">
            <h2 id="history-title">{move || i18n.t(Key::HistoryTitle)}</h2>
            {move || if count.get() == 0 {
                view! { <p class="hint">{move || i18n.t(Key::HistoryNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="history-table">
                        <VirtualTable
                            caption=move || i18n.t(Key::HistoryTitle).to_string()
                            rows=count
                            header=ViewFn::from(header)
                            cells=cells
                        />
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The segments that have a line for the contact, each a link to the segment.
#[component]
pub fn Segments(id: ContactId) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let segments = move || {
        data.with_db(|db| {
            db.segments_with(id)
                .map(|s| (s.id, s.description.clone()))
                .collect::<Vec<(SegmentId, String)>>()
        })
        .unwrap_or_default()
    };
    view! {
        <section class="contact-section" aria-labelledby="segments-title">
            <h2 id="segments-title">{move || i18n.t(Shell::PageSegments)}</h2>
            {move || {
                let segments = segments();
                if segments.is_empty() {
                    return view! { <p class="hint">{move || i18n.t(Key::SegmentsNone)}</p> }.into_any();
                }
                view! {
                    <ul class="link-list">
                        {segments
                            .into_iter()
                            .map(|(segment, description)| {
                                let route = Route::Segment(segment);
                                view! {
                                    <li>
                                        <a href=route.href() on:click=open_in_app(route.clone())>{data.no(segment)}</a>
                                        {(!description.is_empty()).then(|| view! { <span>" – "{description}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
