//! How the interface writes and reads dates, numbers and codes, in the interface language.
//!
//! These helpers are shared by several pages (a segment, the Segments list, the log), so they live
//! here rather than in one page that the others would have to import. They are plain Rust with no
//! Leptos or browser use, so that `tests/it/main.rs` compiles this file natively (through
//! `#[path]`, as it does the catalogue) and `tests/it/ui_format.rs` checks them in both languages without a browser. The
//! catalogue's [`Lang`] is what knows each language's forms; this module applies it to the values
//! the pages hold (optional dates, a `DateField`'s text, a typed number).

use chrono::NaiveDate;

use super::i18n_catalogue::{isolate, Lang};

/// A date as the interface language writes it (`Lang::date`), or nothing when there is none.
pub fn format_date(lang: Lang, date: Option<NaiveDate>) -> String {
    date.map(|date| lang.date(date)).unwrap_or_default()
}

/// A number as the interface language writes it (Finnish uses a decimal comma).
pub fn format_number(lang: Lang, number: f64) -> String {
    let text = segmentti::core::model::format_number(number);
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

/// A code with its description, as a choice shows it: `GIFT – Christmas gift`, or the code alone.
pub fn code_label(code: &str, description: &str) -> String {
    if description.trim().is_empty() {
        code.to_string()
    } else {
        format!("{} – {}", isolate(code), isolate(description))
    }
}
