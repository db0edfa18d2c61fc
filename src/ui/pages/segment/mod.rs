//! One segment's page (`/segments/SEG…`): its header, the actions on it, its lines, its criteria
//! history, its letters and the log dialog (product.md §3, reference-bc.md §2).
//!
//! The parts are components of their own (`header`, `toolbar`, `lines`,
//! `history`); they share the segment's id and the page's status line through
//! [`SegmentCtx`].
//!
//! Below the page are the pieces shared by the segment pages (and Segments and Opportunities):
//! the clock, how dates and numbers are shown, and the choice lists of the set-up tables.
//! Committing with the problems kept for the view ([`Feedback`](crate::ui::components::Feedback)),
//! the problem list and the yes/no dialog are in `components/`, shared with the other pages.

mod criteria;
mod criteria_form;
mod header;
mod history;
mod letters;
mod lines;
mod log;
mod reasons;
mod toolbar;
mod tools;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, SegmentId};
use crate::core::model::{ClassificationKind, CorrespondenceType, Evaluation};
use crate::ui::components::{Feedback, FeedbackList};
use crate::ui::i18n::{isolate, use_i18n, AnyKey, I18n, Key as Shell, Lang};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Page, Route};
use crate::ui::state::{use_data, Data};
use header::HeaderForm;
use history::History;
use lines::Lines;
use toolbar::Toolbar;

/// What the parts of one segment's page share.
#[derive(Clone, Copy)]
pub struct SegmentCtx {
    pub id: SegmentId,
    /// The outcome of the last action, read out politely by screen readers.
    pub status: RwSignal<String>,
    /// The problems of the last action taken from the toolbar.
    pub problems: Feedback,
}

pub fn use_segment() -> SegmentCtx {
    expect_context::<SegmentCtx>()
}

#[component]
pub fn SegmentPage(
    /// Which one to show.
    id: SegmentId,
) -> impl IntoView {
    let data = use_data();
    let exists = Memo::new(move |_| data.with_db(|db| db.segment(id).is_some()));
    let log_open = RwSignal::new(false);
    view! {
        {move || match exists.get() {
            None => view! { <Loading/> }.into_any(),
            Some(false) => view! { <Missing id/> }.into_any(),
            Some(true) => view! { <SegmentView id log_open/> }.into_any(),
        }}
        <log::LogDialog id open=log_open/>
    }
}

#[component]
fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(Shell::PageSegments)}</h1>
            <p class="intro" role="status">{move || i18n.t(Key::Loading)}</p>
        </header>
    }
}

/// A segment number that names no segment (never made, logged, or deleted).
#[component]
fn Missing(id: SegmentId) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(Key::SegmentMissingTitle)}</h1>
            <p class="intro">{move || i18n.tf(Key::SegmentMissing, &[("no", &id.no())])}</p>
        </header>
        <BackLink/>
    }
}

/// The link back to the list of segments.
#[component]
fn BackLink() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        router.open(Route::Page(Page::Segments));
    };
    view! {
        <p class="seg-back">
            <a href=Page::Segments.href() on:click=back>{move || i18n.t(Key::BackToSegments)}</a>
        </p>
    }
}

#[component]
fn SegmentView(id: SegmentId, log_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = SegmentCtx {
        id,
        status: RwSignal::new(String::new()),
        problems: Feedback::new(),
    };
    provide_context(ctx);
    let description = Memo::new(move |_| {
        data.with_db(|db| db.segment(id).map(|s| s.description.clone()))
            .flatten()
            .unwrap_or_default()
    });
    // The description is the user's text: isolated in a <bdi> of its own, so that right-to-left
    // letters or an override in it cannot reorder the number before it.
    let title = move || {
        let description = description.get();
        (!description.is_empty()).then(|| view! { " · "<bdi>{description}</bdi> })
    };
    view! {
        <div class="seg">
            <BackLink/>
            <header class="page-header">
                <h1 tabindex="-1">{move || use_data().no(id)}{title}</h1>
                <p class="intro">{move || i18n.t(Key::SegmentIntro)}</p>
            </header>
            <Toolbar log_open/>
            <p class="seg-status" role="status">{move || ctx.status.get()}</p>
            <FeedbackList feedback=ctx.problems/>
            <HeaderForm/>
            <Lines/>
            <History/>
            <letters::LetterPanel id/>
        </div>
    }
}

pub use crate::ui::clock::{now, today};

/// A date as the interface language writes it (`Lang::date`), or nothing when there is none.
pub fn format_date(lang: Lang, date: Option<NaiveDate>) -> String {
    date.map(|date| lang.date(date)).unwrap_or_default()
}

/// A number as the interface language writes it (Finnish uses a decimal comma).
pub fn format_number(lang: Lang, number: f64) -> String {
    let text = crate::core::model::format_number(number);
    match lang {
        Lang::Fi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Reads a number typed in either language's way; `None` when it is not one.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Some(0.0);
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A contact as a list shows it: its name, or its number when it has none.
pub fn contact_name(db: &Db, id: ContactId) -> String {
    match db.contact(id) {
        Some(contact) if !contact.name.trim().is_empty() => contact.name.clone(),
        _ => db.no(id),
    }
}

/// A code with its description, as a choice shows it: `GIFT – Christmas gift`, or the code alone.
pub fn code_label(code: &str, description: &str) -> String {
    if description.trim().is_empty() {
        code.to_string()
    } else {
        format!("{} – {}", isolate(code), isolate(description))
    }
}

/// `(value, label)` options for an optional code: a "none" choice, then every code with its name.
fn code_options(
    none: String,
    codes: impl Iterator<Item = (String, String)>,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), none))
        .chain(codes.map(|(code, name)| {
            let label = code_label(&code, &name);
            (code, label)
        }))
        .collect()
}

/// The salespeople as choices, led by "none".
pub fn salesperson_options(i18n: I18n, data: Data) -> Vec<(String, String)> {
    let codes = data
        .with_db(|db| {
            db.salespeople
                .values()
                .map(|s| (s.code.to_string(), s.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    code_options(i18n.t(Term::NoneChoice).to_string(), codes.into_iter())
}

/// The interaction templates as choices, led by "none".
pub fn template_options(i18n: I18n, data: Data) -> Vec<(String, String)> {
    let codes = data
        .with_db(|db| {
            db.templates
                .values()
                .map(|t| (t.code.to_string(), t.description.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    code_options(i18n.t(Term::NoneChoice).to_string(), codes.into_iter())
}

/// The codes of one classification table with their descriptions, for hints and choices.
pub fn classification_codes(db: &Db, kind: ClassificationKind) -> Vec<(String, String)> {
    db.classifications
        .get(&kind)
        .map(|table| {
            table
                .values()
                .map(|c| (c.code.to_string(), c.description.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// An optional code from a choice's value (`""` is none).
pub fn code_of(value: &str) -> Option<Code> {
    let code = Code::new(value);
    (!code.is_empty()).then_some(code)
}

/// The choice value of an optional code.
pub fn value_of(code: &Option<Code>) -> String {
    code.as_ref().map(Code::to_string).unwrap_or_default()
}

pub fn correspondence_key(kind: CorrespondenceType) -> Term {
    match kind {
        CorrespondenceType::None => Term::NoneChoice,
        CorrespondenceType::HardCopy => Term::HardCopy,
        CorrespondenceType::Email => Term::Email,
    }
}

/// The correspondence types as choices; the value is the type's stable identifier.
pub fn correspondence_options(i18n: I18n) -> Vec<(String, String)> {
    [
        CorrespondenceType::None,
        CorrespondenceType::HardCopy,
        CorrespondenceType::Email,
    ]
    .into_iter()
    .map(|kind| {
        (
            kind.as_str().to_string(),
            i18n.t(correspondence_key(kind)).to_string(),
        )
    })
    .collect()
}

/// The correspondence type of a choice's value (its stable name, `core::model`); none for
/// anything else.
pub fn correspondence_of(value: &str) -> CorrespondenceType {
    CorrespondenceType::parse(value).unwrap_or_default()
}

fn evaluation_key(evaluation: Evaluation) -> AnyKey {
    match evaluation {
        Evaluation::None => Key::EvaluationNone.any(),
        Evaluation::VeryPositive => Term::VeryPositive.any(),
        Evaluation::Positive => Term::Positive.any(),
        Evaluation::Neutral => Term::Neutral.any(),
        Evaluation::Negative => Term::Negative.any(),
        Evaluation::VeryNegative => Term::VeryNegative.any(),
    }
}

/// The evaluations as choices, in the core's order; the value is the one a filter compares
/// (`Evaluation::field_value`: blank for none).
pub fn evaluation_options(i18n: I18n) -> Vec<(String, String)> {
    Evaluation::ALL
        .iter()
        .map(|e| (evaluation_value(*e), i18n.t(evaluation_key(*e)).to_string()))
        .collect()
}

pub fn evaluation_value(evaluation: Evaluation) -> String {
    evaluation.field_value().to_string()
}

pub fn evaluation_of(value: &str) -> Evaluation {
    Evaluation::parse(value).unwrap_or_default()
}

/// A `DateField`'s value (`YYYY-MM-DD`) for an optional date.
pub fn date_input_value(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The date of a `DateField`: `Some(None)` when it is empty, `None` when the text typed is not a
/// date (the field then says so, and the form is not saved with the date quietly dropped).
pub fn date_of_input(value: &str) -> Option<Option<NaiveDate>> {
    let value = value.trim();
    if value.is_empty() {
        return Some(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok().map(Some)
}
