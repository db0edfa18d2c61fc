//! Opportunities (issue 15, item 3; reference-bc.md §5): the opportunities created from
//! segments, filtered by segment, contact and status, each linking to its contact. The status
//! is derived from the interaction logged for the opportunity and changed through that
//! interaction's evaluation (`core::opportunities`), so a change is one ordinary commit.

use leptos::prelude::*;

use super::PageHeader;
use crate::core::db::Db;
use crate::core::ids::{ContactId, OpportunityId};
use crate::core::opportunities::{OpportunityQuery, OpportunityStatus};
use crate::ui::choices::contact_name;
use crate::ui::components::{Feedback, FeedbackList, SelectField};
use crate::ui::features::log::count_text;
use crate::ui::format::format_date;
use crate::ui::i18n::{self as shell, use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::opportunities::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

/// One row of the list, with everything it shows already looked up.
#[derive(Clone, PartialEq)]
struct Row {
    id: OpportunityId,
    no: String,
    contact: ContactId,
    contact_no: String,
    name: String,
    company: String,
    segment_no: String,
    description: String,
    salesperson: String,
    created: chrono::NaiveDate,
    contacted: Option<chrono::NaiveDate>,
    status: OpportunityStatus,
}

fn rows(db: &Db, query: &OpportunityQuery) -> Vec<Row> {
    db.query_opportunities(query)
        .into_iter()
        .filter_map(|id| db.opportunities.get(&id))
        .map(|o| {
            let entry = db.opportunity_entry(o);
            Row {
                id: o.id,
                no: db.no(o.id),
                contact: o.contact,
                contact_no: db.no(o.contact),
                name: contact_name(db, o.contact),
                company: db
                    .contact(o.contact)
                    .filter(|c| !c.is_company())
                    .map(|c| db.company_name_of(c))
                    .unwrap_or_default(),
                segment_no: o.segment_no.clone(),
                description: o.description.clone(),
                salesperson: o
                    .salesperson
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                created: o.created.date(),
                contacted: entry.and_then(|e| e.date),
                status: db.opportunity_status(o),
            }
        })
        .collect()
}

fn status_key(status: OpportunityStatus) -> AnyKey {
    match status {
        OpportunityStatus::NotContacted => Key::StatusNotContacted.any(),
        OpportunityStatus::Contacted => Key::StatusContacted.any(),
        OpportunityStatus::Positive => Term::Positive.any(),
        OpportunityStatus::Neutral => Term::Neutral.any(),
        OpportunityStatus::Negative => Term::Negative.any(),
    }
}

fn count_words(i18n: &I18n, count: usize) -> String {
    i18n.tf(
        Key::Count,
        &[("count", &count_text(i18n.lang.get(), count))],
    )
}

#[component]
pub fn Opportunities() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let segment = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let any = move || (String::new(), i18n.t(Term::Any).to_string());
    // The filters offer only values some opportunity has, so no choice leads to an empty list.
    let segment_options = Signal::derive(move || {
        let mut nos: Vec<String> = data
            .with_db(|db| {
                db.opportunities
                    .values()
                    .map(|o| o.segment_no.clone())
                    .collect()
            })
            .unwrap_or_default();
        nos.sort();
        nos.dedup();
        std::iter::once(any())
            .chain(nos.into_iter().map(|no| (no.clone(), no)))
            .collect()
    });
    let contact_options = Signal::derive(move || {
        let mut people: Vec<(String, String)> = data
            .with_db(|db| {
                let mut ids: Vec<ContactId> =
                    db.opportunities.values().map(|o| o.contact).collect();
                ids.sort();
                ids.dedup();
                ids.into_iter()
                    .map(|id| {
                        (
                            id.0.to_string(),
                            format!("{} ({})", contact_name(db, id), db.no(id)),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        people.sort_by_key(|a| a.1.to_lowercase());
        std::iter::once(any()).chain(people).collect()
    });
    let status_options = Signal::derive(move || {
        std::iter::once(any())
            .chain(
                OpportunityStatus::ALL
                    .into_iter()
                    .map(|s| (s.as_str().to_string(), i18n.t(status_key(s)).to_string())),
            )
            .collect()
    });
    let total = Memo::new(move |_| data.with_db(|db| db.opportunities.len()).unwrap_or(0));
    let shown = Memo::new(move |_| {
        let query = OpportunityQuery {
            segment_no: Some(segment.get()).filter(|s| !s.is_empty()),
            contact: contact.get().parse().ok().map(ContactId),
            status: OpportunityStatus::parse(&status.get()),
        };
        data.with_db(|db| rows(db, &query)).unwrap_or_default()
    });
    let feedback = Feedback::new();
    let done = RwSignal::new(String::new());
    let body = move || {
        if total.get() == 0 {
            return view! { <p class="rm-empty">{move || i18n.t(Key::Empty)}</p> }.into_any();
        }
        let rows = shown.get();
        if rows.is_empty() {
            return view! { <p class="rm-empty">{move || i18n.t(Key::NoMatch)}</p> }.into_any();
        }
        view! { <OpportunityTable rows feedback done/> }.into_any()
    };
    view! {
        <PageHeader title=shell::Key::PageOpportunities intro=shell::Key::OpportunitiesIntro/>
        <div class="rm logs opps">
            <Show when=move || { total.get() > 0 }>
                <div class="rm-toolbar">
                    <SelectField label=move || i18n.t(Key::FilterSegment).to_string() value=segment options=segment_options/>
                    <SelectField label=move || i18n.t(Term::Contact).to_string() value=contact options=contact_options/>
                    <SelectField label=move || i18n.t(Key::Status).to_string() value=status options=status_options/>
                </div>
                <p class="opps-count" aria-live="polite">{move || count_words(&i18n, shown.with(Vec::len))}</p>
                <p class="hint">{move || i18n.t(Key::StatusHint)}</p>
            </Show>
            <p class="opps-status" role="status">{move || done.get()}</p>
            <FeedbackList feedback/>
            {body}
        </div>
    }
}

#[component]
fn OpportunityTable(rows: Vec<Row>, feedback: Feedback, done: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let data = use_data();
    let head = move |key: AnyKey| view! { <th scope="col">{move || i18n.t(key)}</th> };
    let body = rows
        .into_iter()
        .map(|row| {
            let route = Route::Contact(row.contact);
            let href = route.path();
            let open = move |ev: leptos::ev::MouseEvent| {
                if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                    ev.prevent_default();
                    router.open(route.clone());
                }
            };
            let (created, contacted) = (row.created, row.contacted);
            let status_cell = if row.status == OpportunityStatus::NotContacted {
                view! { <span>{move || i18n.t(Key::StatusNotContacted)}</span> }.into_any()
            } else {
                let (id, no, name) = (row.id, row.no.clone(), row.name.clone());
                let change = move |ev: leptos::ev::Event| {
                    let Some(chosen) = OpportunityStatus::parse(&event_target_value(&ev)) else {
                        return;
                    };
                    let no = no.clone();
                    feedback.commit(
                        data,
                        move |db| db.set_opportunity_status(id, chosen),
                        move |_| {
                            done.set(i18n.tf(
                                Key::StatusChanged,
                                &[("no", &no), ("status", i18n.t(status_key(chosen)))],
                            ))
                        },
                    );
                };
                let current = row.status;
                let label_no = row.no.clone();
                view! {
                    <select
                        class="opps-status-select"
                        aria-label=move || i18n.tf(Key::StatusOf, &[("no", &label_no), ("name", &name)])
                        on:change=change
                        disabled=move || data.busy.get()
                    >
                        {OpportunityStatus::ALL
                            .into_iter()
                            .filter(|s| *s != OpportunityStatus::NotContacted)
                            .map(|s| view! {
                                <option value=s.as_str() selected={s == current}>
                                    {move || i18n.t(status_key(s))}
                                </option>
                            })
                            .collect_view()}
                    </select>
                }
                .into_any()
            };
            view! {
                <tr>
                    <td class="rm-code opps-no">{row.no.clone()}</td>
                    <td class="opps-contact">
                        <a href=href on:click=open>
                            <bdi>{row.name.clone()}</bdi>
                        </a>
                        " "
                        <span class="opps-contact-no">{row.contact_no.clone()}</span>
                    </td>
                    <td class="opps-company" dir="auto">{row.company.clone()}</td>
                    // The segment's number and, under it, the description the opportunity took from
                    // its line: one column, so that the list fits 1280 px without scrolling.
                    <td class="opps-segment">
                        <span class="rm-code">{row.segment_no.clone()}</span>
                        <span class="opps-sub" dir="auto">{row.description.clone()}</span>
                    </td>
                    <td class="opps-salesperson">{row.salesperson.clone()}</td>
                    <td class="opps-created">{move || format_date(i18n.lang.get(), Some(created))}</td>
                    <td class="opps-contacted">{move || format_date(i18n.lang.get(), contacted)}</td>
                    <td class="opps-status-cell">{status_cell}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="rm-scroll">
            <table class="rm-table opps-table">
                <caption class="visually-hidden">{move || i18n.t(shell::Key::PageOpportunities)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="opps-no">{move || i18n.t(Term::Number)}</th>
                        {head(Term::Contact.any())}
                        <th scope="col" class="opps-company">{move || i18n.t(Term::Company)}</th>
                        <th scope="col" class="opps-segment">{move || i18n.t(Key::ColSegment)}</th>
                        <th scope="col" class="opps-salesperson">{move || i18n.t(Term::SalespersonColumn)}</th>
                        <th scope="col" class="opps-created">{move || i18n.t(Term::Created)}</th>
                        <th scope="col" class="opps-contacted">{move || i18n.t(Key::ColContacted)}</th>
                        {head(Key::Status.any())}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
