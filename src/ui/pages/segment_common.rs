//! Pieces shared by the segment pages: the clock, committing with the problems kept for the view,
//! a yes/no dialog, how dates and numbers are shown, and the choice lists of the set-up tables.
//!
//! They live here rather than in `components/` because only the segment pages use them; a page
//! that needs one later can move it there.

use chrono::{Local, NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId};
use crate::core::model::{ClassificationKind, CorrespondenceType, Evaluation};
use crate::core::problem::{Problem, Problems};
use crate::store::session::CommitError;
use crate::ui::components::{problem_text, Dialog};
use crate::ui::i18n::{use_i18n, I18n, Lang};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::state::Data;

/// The problem code that stands for "the browser could not write", which the core never reports.
const STORE_FAILED: &str = "segments.store_failed";

/// The current local time. Only the UI reads the clock; the core takes it as an argument.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Runs one core operation through [`Data::commit`]. Its problems (or the store's failure) go to
/// `problems`, which is cleared on success before `done` runs with the committed changes.
pub fn commit(
    data: Data,
    problems: RwSignal<Problems>,
    operation: impl Fn(&Db) -> Result<Changes, Problems> + 'static,
    done: impl FnOnce(Changes) + 'static,
) {
    data.commit(operation, move |result| match result {
        Ok(changes) => {
            problems.set(Vec::new());
            done(changes);
        }
        Err(CommitError::Refused(refused)) => problems.set(refused),
        Err(CommitError::Store(error)) => problems.set(vec![
            Problem::record(STORE_FAILED).with(format!("{error:?}"))
        ]),
    });
}

/// The message of one problem, including the store failure this module invents.
pub fn message(i18n: &I18n, problem: &Problem) -> String {
    if problem.code == STORE_FAILED {
        let reason = problem.args.first().map_or("", String::as_str);
        i18n.tf(Key::StoreFailed, &[("reason", reason)])
    } else {
        problem_text(i18n, problem)
    }
}

/// The problems that are not about one of `fields` (those are shown at their field).
#[component]
pub fn ProblemNotes(
    /// The problems of the last attempt.
    problems: RwSignal<Problems>,
    /// Field names shown at their own field, left out here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let items: Vec<String> = problems.with(|all| {
            all.iter()
                .filter(|p| field_of(p).is_none_or(|f| !fields.contains(&f)))
                .map(|p| message(&i18n, p))
                .collect()
        });
        (!items.is_empty()).then(|| {
            view! {
                <ul class="seg-problems" role="alert">
                    {items.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// The field a problem is about, whether it is placed on a record field or a line's field.
pub fn field_of(problem: &Problem) -> Option<&str> {
    use crate::core::problem::Place;
    match &problem.place {
        Place::Field(field) => Some(field),
        Place::Line {
            field: Some(field), ..
        } => Some(field),
        _ => None,
    }
}

/// The message of the first problem about `field`, for a form control's `error`.
pub fn field_error(
    i18n: I18n,
    problems: RwSignal<Problems>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problems.with(|all| {
            all.iter()
                .find(|p| field_of(p) == Some(field))
                .map(|p| message(&i18n, p))
        })
    })
}

/// A dialog that asks one question. `on_yes` runs when the user confirms; closing it in any
/// other way (Cancel, Escape) does nothing.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's heading.
    title: Key,
    /// The question, in a sentence or two.
    #[prop(into)]
    text: Signal<String>,
    /// The label of the confirming button.
    yes: Key,
    /// What confirming does.
    on_yes: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(title).to_string() class="seg-dialog">
            <p>{move || text.get()}</p>
            <div class="seg-dialog-buttons">
                <button
                    type="button"
                    class="seg-button primary"
                    on:click=move |_| {
                        open.set(false);
                        on_yes.run(());
                    }
                >
                    {move || i18n.t(yes)}
                </button>
                <button type="button" class="seg-button" on:click=move |_| open.set(false)>
                    {move || i18n.t(Key::Cancel)}
                </button>
            </div>
        </Dialog>
    }
}

/// A date as the interface language writes it: `31.1.2026` in Finnish, `2026-01-31` in English.
pub fn format_date(lang: Lang, date: Option<NaiveDate>) -> String {
    match (date, lang) {
        (None, _) => String::new(),
        (Some(date), Lang::Fi) => date.format("%-d.%-m.%Y").to_string(),
        (Some(date), Lang::En) => date.format("%Y-%m-%d").to_string(),
    }
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
        _ => id.no(),
    }
}

/// A code with its description, as a choice shows it: `GIFT – Christmas gift`, or the code alone.
pub fn code_label(code: &str, description: &str) -> String {
    if description.trim().is_empty() {
        code.to_string()
    } else {
        format!("{code} – {description}")
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

/// A date input's value (`YYYY-MM-DD`) for an optional date.
pub fn date_input_value(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The date of a date input; `None` when it is empty or not a date.
pub fn date_of_input(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}
