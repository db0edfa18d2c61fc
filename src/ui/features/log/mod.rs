//! The interaction log's entries, filters and comments, and the actions on a logged segment, used
//! by the Interaction log, Logged segments and logged segment pages (`entries`, `filters`,
//! `comments`, `segment_actions`).
//!
//! Below are the pieces these pages share: how dates, evaluations and yes/no are shown, a logged
//! segment with its counts, a contact link, downloading logged letters, and the clock.

pub mod comments;
pub mod entries;
pub mod filters;
pub mod segment_actions;

use chrono::NaiveDateTime;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::core::db::Db;
use crate::core::ids::{ContactId, LoggedSegmentId};
use crate::core::model::{Evaluation, LoggedSegment};
use crate::ui::choices::word_of;
use crate::ui::i18n::{AnyKey, I18n, Lang};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use std::collections::HashMap;

/// Every evaluation, in the order the choices list them ("no evaluation" last).
pub const EVALUATIONS: [Evaluation; 6] = [
    Evaluation::VeryPositive,
    Evaluation::Positive,
    Evaluation::Neutral,
    Evaluation::Negative,
    Evaluation::VeryNegative,
    Evaluation::None,
];

/// An evaluation's word; "No evaluation" is the log's word for none.
pub fn evaluation_key(evaluation: Evaluation) -> AnyKey {
    word_of(evaluation, Key::EvaluationNone)
}

/// An evaluation as a `<select>` value: its stable name (`core::model`), `none` for none, so
/// that an empty value can mean "any" in the filters.
pub fn evaluation_value(evaluation: Evaluation) -> String {
    evaluation.as_str().to_string()
}

pub fn evaluation_of(value: &str) -> Option<Evaluation> {
    Evaluation::parse(value)
}

/// An evaluation as a table cell shows it: nothing for none.
pub fn evaluation_text(i18n: &I18n, evaluation: Evaluation) -> &'static str {
    match evaluation {
        Evaluation::None => "",
        other => i18n.t(evaluation_key(other)),
    }
}

pub fn yes_no(i18n: &I18n, value: bool) -> &'static str {
    i18n.t(if value { Term::Yes } else { Term::No })
}

/// A date and time as the interface language writes it (`Lang::date_time`).
pub fn datetime_text(lang: Lang, at: NaiveDateTime) -> String {
    lang.date_time(at)
}

/// A count as the interface language writes it: `500,000` in English, `500 000` in Finnish
/// (with a no-break space, so the number never wraps).
pub fn count_text(lang: Lang, count: usize) -> String {
    // One grouping rule for the whole interface: the catalogue's, which its tests check.
    lang.count(count)
}

/// A logged segment as the Logged segments list and a logged segment's page show it: how many
/// entries it has and whether any has a letter.
#[derive(Clone, PartialEq)]
pub struct LoggedRow {
    pub logged: LoggedSegment,
    pub entries: usize,
    pub has_letters: bool,
}

/// Every logged segment with its counts, newest first. One pass over the entries, so that the
/// counts cost the same for ten logged segments as for a thousand.
pub fn logged_rows(db: &Db) -> Vec<LoggedRow> {
    let mut counts: HashMap<LoggedSegmentId, (usize, bool)> = HashMap::new();
    for entry in db.entries.values() {
        if let Some(logged) = entry.logged_segment {
            let count = counts.entry(logged).or_default();
            count.0 += 1;
            count.1 |= entry.letter.is_some();
        }
    }
    db.logged_segments
        .values()
        .rev()
        .map(|logged| {
            let (entries, has_letters) = counts.get(&logged.id).copied().unwrap_or_default();
            LoggedRow {
                logged: logged.clone(),
                entries,
                has_letters,
            }
        })
        .collect()
}

/// A link to a contact's page, opened inside the app on a plain click.
#[component]
pub fn ContactLink(
    /// The contact.
    id: ContactId,
    /// The link text.
    name: String,
) -> impl IntoView {
    let router = use_router();
    let route = Route::Contact(id);
    let href = route.href();
    let click = move |ev: MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.open(route.clone());
    };
    view! { <a href=href on:click=click>{name}</a> }
}

pub use crate::ui::clock::now;
