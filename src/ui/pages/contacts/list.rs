//! The contact list: every contact in a virtualised table, searched, sorted and filtered, and the
//! buttons that act on the contacts shown (new, import, export).
//!
//! The work is split so that typing stays quick over 100,000 contacts: the rows (with their
//! lower-case search text) are built once per data version, the sort order once per sort
//! choice, and each keystroke only filters the sorted order.

use crate::ui::i18n::isolate;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;

use super::batches::Imports;
use super::{kind_label, now};
use crate::core::contacts::possible_duplicates;
use crate::core::db::Db;
use crate::core::export;
use crate::core::ids::{Code, ContactId};
use crate::core::model::{ClassificationKind, ContactKind};
use crate::ui::components::{download, SelectField, TextField, VirtualTable};
use crate::ui::i18n::{use_i18n, AnyKey, Key as Shell};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

/// One contact as the list shows it.
#[derive(Clone, Debug)]
pub struct ContactRow {
    pub id: ContactId,
    pub no: String,
    pub name: String,
    pub company: String,
    pub city: String,
    pub email: String,
    pub kind: ContactKind,
    /// No., name, company, city and e-mail in lower case, made once so that neither a search
    /// nor a sort lower-cases 100,000 names again.
    lower: [String; 5],
}

impl ContactRow {
    fn matches(&self, words: &[String]) -> bool {
        words
            .iter()
            .all(|word| self.lower.iter().any(|text| text.contains(word.as_str())))
    }
}

/// Every contact of the database as a list row, in id order.
fn build_rows(db: &Db) -> Vec<ContactRow> {
    db.contacts
        .values()
        .map(|contact| {
            let company = match contact.kind {
                ContactKind::Company => String::new(),
                ContactKind::Person => db.company_name_of(contact),
            };
            let no = db.no(contact.id);
            let lower = [
                no.to_lowercase(),
                contact.name.to_lowercase(),
                company.to_lowercase(),
                contact.city.to_lowercase(),
                contact.email.to_lowercase(),
            ];
            ContactRow {
                id: contact.id,
                no,
                name: contact.name.clone(),
                company,
                city: contact.city.clone(),
                email: contact.email.clone(),
                kind: contact.kind,
                lower,
            }
        })
        .collect()
}

/// A column of the list, which the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    No,
    Name,
    Company,
    City,
    Email,
    Kind,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::No,
        Column::Name,
        Column::Company,
        Column::City,
        Column::Email,
        Column::Kind,
    ];

    /// The column's class in the styles (`col-no`, `col-name`, …).
    fn class(self) -> &'static str {
        match self {
            Column::No => "col-no",
            Column::Name => "col-name",
            Column::Company => "col-company",
            Column::City => "col-city",
            Column::Email => "col-email",
            Column::Kind => "col-kind",
        }
    }

    fn label(self) -> AnyKey {
        match self {
            Column::No => Term::Number.any(),
            Column::Name => Term::Name.any(),
            Column::Company => Term::Company.any(),
            Column::City => Term::City.any(),
            Column::Email => Term::Email.any(),
            Column::Kind => Key::FieldKind.any(),
        }
    }

    /// Compares two rows by this column; ties are broken by No. so the order is stable.
    fn compare(self, a: &ContactRow, b: &ContactRow) -> Ordering {
        let by = |i: usize| a.lower[i].cmp(&b.lower[i]);
        let primary = match self {
            Column::No => Ordering::Equal,
            Column::Name => by(1),
            Column::Company => by(2).then_with(|| by(1)),
            Column::City => by(3).then_with(|| by(1)),
            Column::Email => by(4),
            Column::Kind => (a.kind == ContactKind::Person)
                .cmp(&(b.kind == ContactKind::Person))
                .then_with(|| by(1)),
        };
        primary.then_with(|| a.id.cmp(&b.id))
    }
}

/// Which column the list is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// The list's search, filters and sort. It is made by the Contacts page, so that it survives
/// switching to the new-contact form and back.
#[derive(Clone, Copy)]
pub struct ListState {
    pub query: RwSignal<String>,
    /// `""` (all), `company` or `person`.
    pub kind: RwSignal<String>,
    /// A mailing group code, or `""` for all.
    pub group: RwSignal<String>,
    /// Only the contacts that share an e-mail address with another (possible duplicates).
    pub duplicates: RwSignal<bool>,
    pub sort: RwSignal<Sort>,
}

/// The search, filters and sort as last left, so that coming back from a contact's page shows the
/// list the user was working in. Plain values, not signals: the page's signals go with the page.
#[derive(Clone)]
struct LastList {
    query: String,
    kind: String,
    group: String,
    duplicates: bool,
    sort: Sort,
}

static LAST_LIST: Mutex<Option<LastList>> = Mutex::new(None);

impl ListState {
    /// The state as the user last left it in this tab, kept up to date from now on.
    pub fn remembered() -> Self {
        let last = LAST_LIST
            .lock()
            .ok()
            .and_then(|last| last.clone())
            .unwrap_or(LastList {
                query: String::new(),
                kind: String::new(),
                group: String::new(),
                duplicates: false,
                sort: Sort {
                    column: Column::Name,
                    descending: false,
                },
            });
        let state = ListState {
            query: RwSignal::new(last.query),
            kind: RwSignal::new(last.kind),
            group: RwSignal::new(last.group),
            duplicates: RwSignal::new(last.duplicates),
            sort: RwSignal::new(last.sort),
        };
        Effect::new(move |_| {
            let last = LastList {
                query: state.query.get(),
                kind: state.kind.get(),
                group: state.group.get(),
                duplicates: state.duplicates.get(),
                sort: state.sort.get(),
            };
            if let Ok(mut slot) = LAST_LIST.lock() {
                *slot = Some(last);
            }
        });
        state
    }
}

/// The rows and the indexes of the rows shown, in the order shown.
#[derive(Clone, Copy)]
struct Listing {
    rows: Memo<Option<Arc<Vec<ContactRow>>>>,
    /// Contacts that share an e-mail address with another, found once per data version.
    duplicates: Memo<Arc<BTreeSet<ContactId>>>,
    shown: Memo<Arc<Vec<u32>>>,
}

impl Listing {
    fn new(state: ListState) -> Self {
        let data = use_data();
        // Rows are rebuilt whenever the data moves; comparing 100,000 rows to find out whether
        // they changed would cost as much as building them, so every rebuild counts as a change.
        let rows = Memo::new_with_compare(
            move |_| data.with_db(|db| Arc::new(build_rows(db))),
            |_, _| true,
        );
        let duplicates = Memo::new_with_compare(
            move |_| {
                Arc::new(
                    data.with_db(|db| possible_duplicates(db.contacts.values()))
                        .unwrap_or_default(),
                )
            },
            |_, _| true,
        );
        let order = Memo::new_with_compare(
            move |_| {
                let sort = state.sort.get();
                rows.with(|rows| {
                    let rows = rows.as_deref().map(Vec::as_slice).unwrap_or_default();
                    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
                    order.sort_by(|a, b| {
                        let ordering = sort.column.compare(&rows[*a as usize], &rows[*b as usize]);
                        if sort.descending {
                            ordering.reverse()
                        } else {
                            ordering
                        }
                    });
                    Arc::new(order)
                })
            },
            |_, _| true,
        );
        let shown = Memo::new_with_compare(
            move |_| {
                let words: Vec<String> = state
                    .query
                    .get()
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                let kind = match state.kind.get().as_str() {
                    "company" => Some(ContactKind::Company),
                    "person" => Some(ContactKind::Person),
                    _ => None,
                };
                let group = state.group.get();
                let only_duplicates = state.duplicates.get();
                let members: Option<BTreeSet<ContactId>> = (!group.is_empty()).then(|| {
                    data.with_db(|db| {
                        db.indexes()
                            .mailing_group
                            .get(&Code::new(&group))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .unwrap_or_default()
                });
                rows.with(|rows| {
                    let rows = rows.as_deref().map(Vec::as_slice).unwrap_or_default();
                    let duplicates = duplicates.get();
                    let shown: Vec<u32> = order.with(|order| {
                        order
                            .iter()
                            .copied()
                            .filter(|i| {
                                let row = &rows[*i as usize];
                                kind.is_none_or(|k| row.kind == k)
                                    && members.as_ref().is_none_or(|m| m.contains(&row.id))
                                    && (!only_duplicates || duplicates.contains(&row.id))
                                    && row.matches(&words)
                            })
                            .collect()
                    });
                    Arc::new(shown)
                })
            },
            |_, _| true,
        );
        Listing {
            rows,
            duplicates,
            shown,
        }
    }

    fn total(&self) -> Option<usize> {
        self.rows.with(|rows| rows.as_ref().map(|r| r.len()))
    }

    /// The ids of the contacts shown, in the order shown: what the export buttons export.
    fn shown_ids(&self) -> Vec<ContactId> {
        self.rows.with_untracked(|rows| {
            let rows = rows.as_deref().map(Vec::as_slice).unwrap_or_default();
            self.shown
                .with_untracked(|shown| shown.iter().map(|i| rows[*i as usize].id).collect())
        })
    }
}

/// The contact list with its toolbar, or an invitation to import when there are no contacts.
#[component]
pub fn ContactList(
    /// The search, filters and sort.
    state: ListState,
    /// Called with the kind of contact to create.
    on_new: Callback<ContactKind>,
    /// Called to open the import dialog.
    on_import: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let listing = Listing::new(state);
    // Only a change between loading, empty and not empty rebuilds the list; rebuilding it on
    // every data change would reset the scroll position and take focus from the search box.
    let total = Memo::new(move |_| listing.total().map(|total| total > 0));
    move || match total.get() {
        None => {
            view! { <p class="loading" role="status">{move || i18n.t(Key::Loading)}</p> }.into_any()
        }
        Some(false) => view! { <EmptyState on_new on_import/> }.into_any(),
        Some(true) => view! {
            <Toolbar listing on_new on_import/>
            <Filters state listing/>
            <Table listing state/>
            <Imports/>
        }
        .into_any(),
    }
}

/// What the list shows before there is any contact: an invitation to import or create one.
#[component]
fn EmptyState(on_new: Callback<ContactKind>, on_import: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty-state" aria-labelledby="contacts-empty-title">
            <h2 id="contacts-empty-title">{move || i18n.t(Key::EmptyTitle)}</h2>
            <p>{move || i18n.t(Key::EmptyText)}</p>
            <div class="button-row">
                <button type="button" class="primary" on:click=move |_| on_import.run(())>
                    {move || i18n.t(Key::ImportContacts)}
                </button>
                <button type="button" on:click=move |_| on_new.run(ContactKind::Company)>
                    {move || i18n.t(Key::NewCompany)}
                </button>
                <button type="button" on:click=move |_| on_new.run(ContactKind::Person)>
                    {move || i18n.t(Key::NewPerson)}
                </button>
            </div>
        </section>
    }
}

/// New, import and export buttons.
#[component]
fn Toolbar(
    listing: Listing,
    on_new: Callback<ContactKind>,
    on_import: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let export = move |vcard: bool| {
        let ids = listing.shown_ids();
        let day = now().date().format("%Y-%m-%d");
        let bytes = data.with_db(|db| {
            if vcard {
                export::contacts_vcard(db, &ids)
            } else {
                export::contacts_csv(db, &ids)
            }
        });
        if let Some(bytes) = bytes {
            if vcard {
                download(&format!("contacts-{day}.vcf"), "text/vcard", &bytes);
            } else {
                download(&format!("contacts-{day}.csv"), "text/csv", &bytes);
            }
        }
    };
    let nothing_shown = move || listing.shown.with(|s| s.is_empty());
    view! {
        <div class="toolbar" role="group" aria-label=move || i18n.t(Key::ToolbarLabel)>
            <button type="button" on:click=move |_| on_new.run(ContactKind::Company)>
                {move || i18n.t(Key::NewCompany)}
            </button>
            <button type="button" on:click=move |_| on_new.run(ContactKind::Person)>
                {move || i18n.t(Key::NewPerson)}
            </button>
            <button type="button" on:click=move |_| on_import.run(())>
                {move || i18n.t(Key::ImportContacts)}
            </button>
            <button type="button" disabled=nothing_shown on:click=move |_| export(false)>
                {move || i18n.t(Key::ExportCsv)}
            </button>
            <button type="button" disabled=nothing_shown on:click=move |_| export(true)>
                {move || i18n.t(Key::ExportVcard)}
            </button>
        </div>
    }
}

/// The search box, the kind and mailing group filters, and, when some contacts share an e-mail
/// address, a way to show only them.
#[component]
fn Filters(state: ListState, listing: Listing) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let kinds = move || {
        vec![
            (String::new(), i18n.t(Key::FilterAllKinds).to_string()),
            ("company".into(), i18n.t(Key::FilterCompanies).to_string()),
            ("person".into(), i18n.t(Key::Persons).to_string()),
        ]
    };
    let groups = move || {
        let mut options = vec![(String::new(), i18n.t(Key::FilterAllGroups).to_string())];
        data.with_db(|db| {
            if let Some(table) = db.classifications.get(&ClassificationKind::MailingGroup) {
                options.extend(table.values().map(|group| {
                    let code = group.code.to_string();
                    let label = if group.description.is_empty() {
                        code.clone()
                    } else {
                        format!("{} ({})", isolate(&group.description), isolate(&code))
                    };
                    (code, label)
                }));
            }
        });
        options
    };
    view! {
        <div class="filters" role="search">
            <TextField
                label=move || i18n.t(Key::SearchLabel).to_string()
                value=state.query
                input_type="search"
                autocomplete="off"
                hint=Signal::derive(move || Some(i18n.t(Key::SearchHint).to_string()))
            />
            <SelectField label=move || i18n.t(Term::Show).to_string() value=state.kind options=kinds/>
            <SelectField
                label=move || i18n.t(Term::MailingGroup).to_string()
                value=state.group
                options=groups
            />
            {move || {
                let count = listing.duplicates.with(|d| d.len());
                (count > 0 || state.duplicates.get()).then(|| view! {
                    <label class="check duplicates">
                        <input
                            type="checkbox"
                            prop:checked=move || state.duplicates.get()
                            on:change=move |ev| state.duplicates.set(event_target_checked(&ev))
                        />
                        {move || i18n.tf(
                            Key::FilterDuplicates,
                            &[("count", &i18n.lang.get().count(count))],
                        )}
                    </label>
                })
            }}
        </div>
    }
}

/// The virtualised table of the contacts shown, with sortable column headers.
#[component]
fn Table(listing: Listing, state: ListState) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let count = Signal::derive(move || listing.shown.with(|s| s.len()));
    let header = move || {
        Column::ALL
            .into_iter()
            .map(|column| view! { <SortHeader column sort=state.sort/> })
            .collect_view()
    };
    let cells = Callback::new(move |index: usize| {
        // Read here, not in a nested closure: the table renders rows inside its own reactive
        // closure, so these reads make it re-render when the order or the data changes.
        let row = listing.shown.with(|shown| {
            listing.rows.with(|rows| {
                let i = *shown.get(index)? as usize;
                rows.as_ref()?.get(i).cloned()
            })
        });
        let Some(row) = row else {
            return ().into_any();
        };
        let kind = kind_label(row.kind);
        view! {
            <td class="col-no">{row.no}</td>
            <td class="col-name">{row.name}</td>
            <td>{row.company}</td>
            <td>{row.city}</td>
            <td>{row.email}</td>
            <td>{move || i18n.t(kind)}</td>
        }
        .into_any()
    });
    let on_open = Callback::new(move |index: usize| {
        let id = listing.shown.with_untracked(|shown| {
            listing.rows.with_untracked(|rows| {
                let i = *shown.get(index)? as usize;
                rows.as_ref()?.get(i).map(|r| r.id)
            })
        });
        if let Some(id) = id {
            router.open(Route::Contact(id));
        }
    });
    let status = move || {
        let shown = i18n.count(count.get());
        let total = i18n.count(listing.total().unwrap_or_default());
        i18n.tf(Key::ShownOfTotal, &[("shown", &shown), ("total", &total)])
    };
    view! {
        <p class="list-status" role="status">{status}</p>
        <div class="contacts-table">
            <VirtualTable
                caption=move || i18n.t(Shell::PageContacts).to_string()
                rows=count
                header=ViewFn::from(header)
                cells=cells
                on_open=on_open
            />
        </div>
        {move || {
            (count.get() == 0).then(|| view! { <p class="no-match">{move || i18n.t(Key::NoMatch)}</p> })
        }}
    }
}

/// A column header: a button that sorts by the column, or reverses the sort when it already does.
#[component]
fn SortHeader(column: Column, sort: RwSignal<Sort>) -> impl IntoView {
    let i18n = use_i18n();
    let aria_sort = move || {
        let current = sort.get();
        (current.column == column).then_some(if current.descending {
            "descending"
        } else {
            "ascending"
        })
    };
    let click = move |_| {
        sort.update(|s| {
            if s.column == column {
                s.descending = !s.descending;
            } else {
                *s = Sort {
                    column,
                    descending: false,
                };
            }
        })
    };
    let arrow = move || match aria_sort() {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "",
    };
    view! {
        <th scope="col" aria-sort=aria_sort class=column.class()>
            <button type="button" class="sort" on:click=click>
                {move || i18n.t(column.label())}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
