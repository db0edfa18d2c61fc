//! Labelled form controls with their error shown at the field.
//!
//! Each control ties its label (`for`), hint and error (`aria-describedby`) to the input and sets
//! `aria-invalid` while there is an error, so a screen reader reads the problem with the field.

use super::dialog::next_id;
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
