//! Pieces shared by the segment pages: the clock, how dates and numbers are shown, and the
//! choice lists of the set-up tables.
//!
//! Committing with the problems kept for the view ([`Feedback`](crate::ui::components::Feedback)),
//! the problem list and the yes/no dialog are in `components/`, shared with the other pages.

use crate::ui::i18n::isolate;
use chrono::{Local, NaiveDate, NaiveDateTime};

use crate::core::db::Db;
use crate::core::ids::{Code, ContactId};
use crate::core::model::{ClassificationKind, CorrespondenceType, Evaluation};
use crate::ui::i18n::{I18n, Lang};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::state::Data;

/// The current local time. Only the UI reads the clock; the core takes it as an argument.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

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
    code_options(i18n.t(Key::NoneChoice).to_string(), codes.into_iter())
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
    code_options(i18n.t(Key::NoneChoice).to_string(), codes.into_iter())
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

pub fn correspondence_key(kind: CorrespondenceType) -> Key {
    match kind {
        CorrespondenceType::None => Key::CorrespondenceNone,
        CorrespondenceType::HardCopy => Key::CorrespondenceHardCopy,
        CorrespondenceType::Email => Key::CorrespondenceEmail,
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

pub fn correspondence_of(value: &str) -> CorrespondenceType {
    match value {
        "hard_copy" => CorrespondenceType::HardCopy,
        "email" => CorrespondenceType::Email,
        _ => CorrespondenceType::None,
    }
}

const EVALUATIONS: [(Evaluation, &str, Key); 6] = [
    (Evaluation::None, "", Key::EvaluationNone),
    (
        Evaluation::VeryPositive,
        "very_positive",
        Key::EvaluationVeryPositive,
    ),
    (Evaluation::Positive, "positive", Key::EvaluationPositive),
    (Evaluation::Neutral, "neutral", Key::EvaluationNeutral),
    (Evaluation::Negative, "negative", Key::EvaluationNegative),
    (
        Evaluation::VeryNegative,
        "very_negative",
        Key::EvaluationVeryNegative,
    ),
];

pub fn evaluation_options(i18n: I18n) -> Vec<(String, String)> {
    EVALUATIONS
        .iter()
        .map(|(_, value, key)| (value.to_string(), i18n.t(*key).to_string()))
        .collect()
}

pub fn evaluation_value(evaluation: Evaluation) -> String {
    EVALUATIONS
        .iter()
        .find(|(e, _, _)| *e == evaluation)
        .map_or(String::new(), |(_, value, _)| value.to_string())
}

pub fn evaluation_of(value: &str) -> Evaluation {
    EVALUATIONS
        .iter()
        .find(|(_, v, _)| *v == value)
        .map_or(Evaluation::None, |(e, _, _)| *e)
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
