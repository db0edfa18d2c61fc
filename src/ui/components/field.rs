//! Labelled form controls with their error shown at the field.
//!
//! Each control ties its label (`for`), hint and error (`aria-describedby`) to the input and sets
//! `aria-invalid` while there is an error, so a screen reader reads the problem with the field.

use super::dialog::next_id;
use crate::ui::i18n::{use_i18n, Key, Lang};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The ids of a field's parts, and its `aria-describedby` value.
struct FieldIds {
    input: String,
    hint: String,
    error: String,
}

impl FieldIds {
    fn new() -> Self {
        let n = next_id();
        FieldIds {
            input: format!("f{n}"),
            hint: format!("f{n}-hint"),
            error: format!("f{n}-error"),
        }
    }
}

fn described_by(
    ids: &FieldIds,
    hint: MaybeProp<String>,
    error: MaybeProp<String>,
) -> impl Fn() -> Option<String> {
    let (hint_id, error_id) = (ids.hint.clone(), ids.error.clone());
    move || {
        let parts: Vec<&str> = [
            hint.get().is_some().then_some(hint_id.as_str()),
            error.get().is_some().then_some(error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The hint and error lines under a control.
fn notes(ids: &FieldIds, hint: MaybeProp<String>, error: MaybeProp<String>) -> impl IntoView {
    let (hint_id, error_id) = (ids.hint.clone(), ids.error.clone());
    view! {
        {move || hint.get().map(|text| view! { <p id=hint_id.clone() class="hint">{text}</p> })}
        {move || error.get().map(|text| view! { <p id=error_id.clone() class="field-error" role="alert">{text}</p> })}
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The value, updated as the user types.
    value: RwSignal<String>,
    /// The problem with the current value, shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A short explanation under the field.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The input type: `text` (default), `email`, `tel`, `date`, `number`, `search`, `url`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// Whether a value is required.
    #[prop(optional)]
    required: bool,
    /// The autocomplete hint for the browser, e.g. `off` for filter expressions.
    #[prop(default = "on")]
    autocomplete: &'static str,
) -> impl IntoView {
    let ids = FieldIds::new();
    let described = described_by(&ids, hint, error);
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{move || label.get()}</label>
            <input
                id=ids.input.clone()
                type=input_type
                required=required
                autocomplete=autocomplete
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {notes(&ids, hint, error)}
        </div>
    }
}

/// A date typed as the interface language writes it (`4.12.2026` in Finnish, `4 Dec 2026` in
/// English; ISO `2026-12-04` in both), read by [`Lang::parse_date`].
///
/// The browser's own `<input type="date">` shows dates in the browser's locale, whatever
/// language the app is in; this field follows the app. `value` holds the date as ISO
/// (`YYYY-MM-DD`, the form the pages store and compare), empty for no date, or the typed text as
/// it is when that is not a date: so the page can tell "no date" from "not a date" (see
/// `ui::format::date_of_input`), and the field says so under itself once the user leaves it.
/// When the language changes, a valid date is rewritten in the new language's form.
#[component]
pub fn DateField(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The date as ISO text, empty, or the typed text that is not a date.
    value: RwSignal<String>,
    /// A problem the page found with the value, shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ids = FieldIds::new();
    let iso = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    // What the field shows for a value, and the value for what the field shows.
    let shown = move |lang: Lang, value: &str| {
        iso(value).map_or_else(|| value.to_owned(), |d| lang.date(d))
    };
    let value_of = move |lang: Lang, text: &str| {
        let text = text.trim();
        lang.parse_date(text)
            .map_or_else(|| text.to_owned(), |d| d.format("%Y-%m-%d").to_string())
    };
    let text = RwSignal::new(shown(i18n.lang.get_untracked(), &value.get_untracked()));
    // Follow the value when the page changes it (a cleared filter, a reset form) and the
    // language when it changes; never while the text typed already means this value, so that
    // typing is not rewritten under the cursor.
    Effect::new(move |last_lang: Option<Lang>| {
        let (lang, current) = (i18n.lang.get(), value.get());
        let typed = text.get_untracked();
        let switched = last_lang.is_some_and(|last| last != lang) && iso(&current).is_some();
        if switched || value_of(lang, &typed) != current {
            text.set(shown(lang, &current));
        }
        lang
    });
    // The message waits until the user leaves the field: "4.12." is not yet a date while typing.
    let left = RwSignal::new(false);
    let own_error = move || {
        let typed = text.get();
        let typed = typed.trim();
        (left.get() && !typed.is_empty() && i18n.lang.get().parse_date(typed).is_none())
            .then(|| i18n.t(Key::DateInvalid).to_string())
    };
    let error: MaybeProp<String> =
        Signal::derive(move || own_error().or_else(|| error.get())).into();
    let described = described_by(&ids, MaybeProp::default(), error);
    view! {
        <div class="field date-field" class:has-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{move || label.get()}</label>
            <input
                id=ids.input.clone()
                type="text"
                autocomplete="off"
                placeholder=move || i18n.t(Key::DatePlaceholder)
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    value.set(value_of(i18n.lang.get_untracked(), &typed));
                    text.set(typed);
                }
                on:change=move |_| left.set(true)
            />
            {notes(&ids, MaybeProp::default(), error)}
        </div>
    }
}

/// A multi-line text input.
#[component]
pub fn TextArea(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The value, updated as the user types.
    value: RwSignal<String>,
    /// The problem with the current value, shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A short explanation under the field.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Visible lines.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let ids = FieldIds::new();
    let described = described_by(&ids, hint, error);
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{move || label.get()}</label>
            <textarea
                id=ids.input.clone()
                rows=rows
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {notes(&ids, hint, error)}
        </div>
    }
}

/// A drop-down choice among `(value, label)` options.
#[component]
pub fn SelectField(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The chosen option's value.
    value: RwSignal<String>,
    /// The options as (value, visible label).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The problem with the current choice, shown under the field.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A short explanation under the field.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
) -> impl IntoView {
    let ids = FieldIds::new();
    let described = described_by(&ids, hint, error);
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=ids.input.clone()>{move || label.get()}</label>
            <select
                id=ids.input.clone()
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = value.get_untracked() == option;
                            view! { <option value=option selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {notes(&ids, hint, error)}
        </div>
    }
}

/// A checkbox with its label after it.
#[component]
pub fn Checkbox(
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Whether it is ticked.
    checked: RwSignal<bool>,
    /// A short explanation under the box.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
) -> impl IntoView {
    let ids = FieldIds::new();
    let described = described_by(&ids, hint, MaybeProp::default());
    view! {
        <div class="field checkbox-field">
            <input
                id=ids.input.clone()
                type="checkbox"
                aria-describedby=described
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label for=ids.input.clone()>{move || label.get()}</label>
            {notes(&ids, hint, MaybeProp::default())}
        </div>
    }
}
