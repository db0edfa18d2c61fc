//! The choices and lookups several pages share: the set-up tables as `<select>` options (the
//! salespeople, the interaction templates, the classification codes), the correspondence types
//! and evaluations as options and back, and a contact's name as a list shows it.
//!
//! A segment's header and lines, the Segments list and the Opportunities page all offer these
//! choices. They lived in the segment page, so the other pages imported a page; here they belong
//! to no page, and no page imports another (`tests/it/layers.rs` checks it). How the labels are
//! written (a code with its description, dates and numbers) is in [`super::format`], which is
//! plain Rust and tested natively; this module reads the database through [`Data`] and the
//! language through [`I18n`], so it compiles for the browser only.

use crate::core::db::Db;
use crate::core::ids::{Code, ContactId};
use crate::core::model::{ClassificationKind, CorrespondenceType, Evaluation};
use crate::ui::format::code_label;
use crate::ui::i18n::{AnyKey, I18n};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::Data;
use leptos::prelude::Get;

/// A contact as a list shows it: its name, or its number when it has none.
pub fn contact_name(db: &Db, id: ContactId) -> String {
    match db.contact(id) {
        Some(contact) if !contact.name.trim().is_empty() => contact.name.clone(),
        _ => db.no(id),
    }
}

/// `(value, label)` options for an optional code of one set-up table: a "none" choice, then every
/// `(code, name)` that `codes` reads from the database, labelled with both.
fn code_options(
    i18n: I18n,
    data: Data,
    codes: impl FnOnce(&Db) -> Vec<(String, String)>,
) -> Vec<(String, String)> {
    let codes = data.with_db(codes).unwrap_or_default();
    std::iter::once((String::new(), i18n.t(Term::NoneChoice).to_string()))
        .chain(codes.into_iter().map(|(code, name)| {
            let label = code_label(&code, &name);
            (code, label)
        }))
        .collect()
}

/// The salespeople as choices, led by "none".
pub fn salesperson_options(i18n: I18n, data: Data) -> Vec<(String, String)> {
    code_options(i18n, data, |db| {
        db.salespeople
            .values()
            .map(|s| (s.code.to_string(), s.name.clone()))
            .collect()
    })
}

/// The interaction templates as choices, led by "none".
pub fn template_options(i18n: I18n, data: Data) -> Vec<(String, String)> {
    code_options(i18n, data, |db| {
        db.templates
            .values()
            .map(|t| (t.code.to_string(), t.description.clone()))
            .collect()
    })
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

pub use crate::ui::vocabulary::{word_of, Worded};

/// Every value of a vocabulary as `(value, label)` choices in the interface language (see
/// [`crate::ui::vocabulary::options`]).
pub fn worded_options<T: Worded>(
    i18n: I18n,
    value: impl Fn(T) -> &'static str,
    none: impl Into<AnyKey>,
) -> Vec<(String, String)> {
    crate::ui::vocabulary::options(i18n.lang.get(), value, none)
}

/// The correspondence types as choices; the value is the type's stable name.
pub fn correspondence_options(i18n: I18n) -> Vec<(String, String)> {
    worded_options::<CorrespondenceType>(i18n, CorrespondenceType::as_str, Term::NoneChoice)
}

/// The correspondence type of a choice's value (its stable name, `core::model`); none for
/// anything else.
pub fn correspondence_of(value: &str) -> CorrespondenceType {
    CorrespondenceType::parse(value).unwrap_or_default()
}

/// The evaluations as choices, in the core's order; the value is the one a filter compares
/// (`Evaluation::field_value`: blank for none).
pub fn evaluation_options(i18n: I18n) -> Vec<(String, String)> {
    worded_options::<Evaluation>(i18n, Evaluation::field_value, Key::EvaluationNone)
}

pub fn evaluation_of(value: &str) -> Evaluation {
    Evaluation::parse(value).unwrap_or_default()
}
