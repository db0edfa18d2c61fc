//! The filters of the Interaction log (product.md §4): contact, company, segment, template,
//! salesperson, date range, evaluation and canceled.
//!
//! Everything the core's [`EntryQuery`] can express goes through it. Contact and company also
//! accept part of a name, which the query cannot express: those narrow the query's result to
//! the entries of the contacts whose name matches.
//!
//! The text filters are debounced: the query follows what is typed once typing has paused for
//! [`DEBOUNCE`], so that a name typed over 500,000 entries does not run the query on every key.
//! Choices (template, salesperson, dates, evaluation, canceled) apply at once.

use crate::ui::i18n::isolate;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashSet;
use std::time::Duration;

use super::{evaluation_key, evaluation_of, evaluation_value, EVALUATIONS};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, EntryId, SegmentId};
use crate::core::logging::EntryQuery;
use crate::ui::components::{DateField, SelectField, TextField};
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How long typing must pause before a text filter applies.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// A text filter as typed and as applied. The input writes `typed` on every keystroke; the
/// query reads `applied`, which takes the typed text once typing has paused for [`DEBOUNCE`].
#[derive(Clone, Copy)]
struct Debounced {
    typed: RwSignal<String>,
    applied: RwSignal<String>,
}

impl Debounced {
    /// Must be made inside a component: the effect that follows the typing belongs to it.
    fn new() -> Self {
        let typed = RwSignal::new(String::new());
        let applied = RwSignal::new(String::new());
        // The timer of the last keystroke; a new keystroke cancels it and starts another.
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let text = typed.get();
            if let Some(timer) = pending.get_value() {
                timer.clear();
            }
            let timer = (text != applied.get_untracked())
                .then(|| set_timeout_with_handle(move || applied.set(text), DEBOUNCE).ok())
                .flatten();
            pending.set_value(timer);
        });
        Debounced { typed, applied }
    }

    /// The applied text, tracked by the caller's memo.
    fn get(self) -> String {
        self.applied.get()
    }

    /// Empties the filter at once, without waiting for the pause.
    fn clear(self) {
        self.typed.set(String::new());
        self.applied.set(String::new());
    }
}

/// The filter values as typed or chosen; an empty value filters nothing.
#[derive(Clone, Copy)]
pub struct EntryFilter {
    contact: Debounced,
    company: Debounced,
    segment_no: Debounced,
    template: RwSignal<String>,
    salesperson: RwSignal<String>,
    /// `yyyy-mm-dd`, as a `DateField` gives it (or the typed text while it is not a date).
    date_from: RwSignal<String>,
    date_to: RwSignal<String>,
    /// An [`evaluation_value`], or empty for any.
    evaluation: RwSignal<String>,
    /// `yes`, `no`, or empty for both.
    canceled: RwSignal<String>,
}

/// Who a contact or company filter means: one contact by number, or everyone whose name
/// contains the text.
enum Who {
    Anyone,
    One(ContactId),
    Named(HashSet<ContactId>),
}

fn who(db: &Db, text: &str, companies_only: bool) -> Who {
    let text = text.trim();
    if text.is_empty() {
        return Who::Anyone;
    }
    if let Some(id) = ContactId::parse_no(text) {
        return Who::One(id);
    }
    let needle = text.to_lowercase();
    Who::Named(
        db.contacts
            .values()
            .filter(|c| !companies_only || c.is_company())
            .filter(|c| c.name.to_lowercase().contains(&needle))
            .map(|c| c.id)
            .collect(),
    )
}

/// A date bound of the filter. Text that is not a date sets no bound; its field says so.
fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn code(text: &str) -> Option<Code> {
    let code = Code::new(text);
    (!code.is_empty()).then_some(code)
}

impl EntryFilter {
    pub fn new() -> Self {
        let empty = || RwSignal::new(String::new());
        EntryFilter {
            contact: Debounced::new(),
            company: Debounced::new(),
            segment_no: Debounced::new(),
            template: empty(),
            salesperson: empty(),
            date_from: empty(),
            date_to: empty(),
            evaluation: empty(),
            canceled: empty(),
        }
    }

    fn clear(self) {
        for text in [self.contact, self.company, self.segment_no] {
            text.clear();
        }
        for field in [
            self.template,
            self.salesperson,
            self.date_from,
            self.date_to,
            self.evaluation,
            self.canceled,
        ] {
            field.set(String::new());
        }
    }

    /// The entries that pass every filter, newest first. Reads the filter signals (the text
    /// filters as applied), so a memo around it follows every change that applies.
    pub fn entries(self, db: &Db) -> Vec<EntryId> {
        let segment_no = self.segment_no.get();
        let segment_no = segment_no.trim();
        let mut query = EntryQuery {
            // `seg12` means SEG000012; anything else is compared as typed.
            segment_no: (!segment_no.is_empty()).then(|| {
                SegmentId::parse_no(segment_no)
                    .map_or_else(|| segment_no.to_string(), SegmentId::no)
            }),
            template: code(&self.template.get()),
            salesperson: code(&self.salesperson.get()),
            date_from: date(&self.date_from.get()),
            date_to: date(&self.date_to.get()),
            evaluation: evaluation_of(&self.evaluation.get()),
            canceled: match self.canceled.get().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            ..EntryQuery::default()
        };
        let contact = who(db, &self.contact.get(), false);
        let company = who(db, &self.company.get(), true);
        if let Who::One(id) = contact {
            query.contact = Some(id);
        }
        if let Who::One(id) = company {
            query.company = Some(id);
        }
        let mut ids = db.query_entries(&query);
        if let Who::Named(contacts) = &contact {
            ids.retain(|id| {
                db.entries
                    .get(id)
                    .is_some_and(|e| contacts.contains(&e.contact))
            });
        }
        if let Who::Named(companies) = &company {
            ids.retain(|id| {
                db.entries
                    .get(id)
                    .and_then(|e| e.company)
                    .is_some_and(|c| companies.contains(&c))
            });
        }
        ids.reverse();
        ids
    }
}

impl Default for EntryFilter {
    fn default() -> Self {
        Self::new()
    }
}

/// The filter form.
#[component]
pub fn EntryFilters(
    /// The filter values.
    filter: EntryFilter,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let text = move |key: AnyKey| move || i18n.t(key).to_string();
    let hint = move |key: AnyKey| Signal::derive(move || Some(i18n.t(key).to_string()));
    let any = move || (String::new(), i18n.t(Term::Any).to_string());
    let codes = move |list: fn(&Db) -> Vec<(String, String)>| {
        Signal::derive(move || {
            let mut options = vec![any()];
            options.extend(data.with_db(list).unwrap_or_default());
            options
        })
    };
    let templates = codes(|db| {
        db.templates
            .values()
            .map(|t| {
                (
                    t.code.to_string(),
                    format!("{} – {}", isolate(t.code.as_str()), isolate(&t.description)),
                )
            })
            .collect()
    });
    let salespeople = codes(|db| {
        db.salespeople
            .values()
            .map(|s| {
                (
                    s.code.to_string(),
                    format!("{} – {}", isolate(s.code.as_str()), isolate(&s.name)),
                )
            })
            .collect()
    });
    let evaluations = Signal::derive(move || {
        let mut options = vec![any()];
        options.extend(
            EVALUATIONS
                .iter()
                .map(|e| (evaluation_value(*e), i18n.t(evaluation_key(*e)).to_string())),
        );
        options
    });
    let canceled = Signal::derive(move || {
        vec![
            any(),
            ("yes".to_string(), i18n.t(Term::Yes).to_string()),
            ("no".to_string(), i18n.t(Term::No).to_string()),
        ]
    });
    view! {
        <form class="rm-filters" role="search" aria-label=move || i18n.t(Key::Filters) on:submit=|ev| ev.prevent_default()>
            <TextField label=text(Term::Contact.any()) value=filter.contact.typed hint=hint(Key::ContactFilterHint.any()) input_type="search" autocomplete="off"/>
            <TextField label=text(Term::Company.any()) value=filter.company.typed hint=hint(Key::CompanyFilterHint.any()) input_type="search" autocomplete="off"/>
            <TextField label=text(Term::SegmentNo.any()) value=filter.segment_no.typed input_type="search" autocomplete="off"/>
            <SelectField label=text(Term::Template.any()) value=filter.template options=templates/>
            <SelectField label=text(Term::Salesperson.any()) value=filter.salesperson options=salespeople/>
            <DateField label=text(Key::DateFrom.any()) value=filter.date_from/>
            <DateField label=text(Key::DateTo.any()) value=filter.date_to/>
            <SelectField label=text(Term::Evaluation.any()) value=filter.evaluation options=evaluations/>
            <SelectField label=text(Term::Canceled.any()) value=filter.canceled options=canceled/>
            <div class="rm-filter-buttons">
                <button type="button" on:click=move |_| filter.clear()>
                    {move || i18n.t(Key::ClearFilters)}
                </button>
            </div>
        </form>
    }
}
