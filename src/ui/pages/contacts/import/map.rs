//! The column-mapping step of the import, for a CSV file whose headers are no known format: one
//! choice per column, prefilled from the core's suggestion, each showing the column's first value.
//!
//! A choice is kept as a string, the value of its `<select>`: empty for "ignore", a
//! [`TargetField::code`], or `attribute:NAME` for a custom attribute (an empty name means the
//! column's header).

use leptos::prelude::*;

use super::text::ErrorMessage;
use super::{value_of, Wizard, ATTRIBUTE};
use crate::core::import::TargetField;
use crate::ui::components::SelectField;
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;

/// The label of a contact field a column can go to.
fn target_label(field: &TargetField) -> AnyKey {
    match field {
        TargetField::Kind => Key::FieldKind.any(),
        TargetField::Name => Term::Name.any(),
        TargetField::FirstName => Term::FirstName.any(),
        TargetField::MiddleName => Term::MiddleName.any(),
        TargetField::Surname => Term::Surname.any(),
        TargetField::CompanyName => Term::CompanyName.any(),
        TargetField::JobTitle => Term::JobTitle.any(),
        TargetField::Address => Term::Address.any(),
        TargetField::Address2 => Key::FieldAddress2.any(),
        TargetField::PostCode => Term::PostCode.any(),
        TargetField::City => Term::City.any(),
        TargetField::County => Key::FieldCounty.any(),
        TargetField::Country => Term::Country.any(),
        TargetField::Phone => Term::Phone.any(),
        TargetField::Mobile => Key::FieldMobile.any(),
        TargetField::Email => Term::Email.any(),
        TargetField::Email2 => Term::Email2.any(),
        TargetField::Website => Term::Website.any(),
        TargetField::Notes => Term::Notes.any(),
        TargetField::Language => Term::Language.any(),
        TargetField::Birthday => Key::MapBirthday.any(),
        TargetField::MailingGroups => Term::MailingGroups.any(),
        TargetField::Attribute(_) => Key::MapAttribute.any(),
    }
}

/// The options of one column's select: ignore, every fixed field, and a custom attribute named
/// after the column (plus the suggested attribute name, when the suggestion gave another one).
fn options(i18n: &I18n, suggested: &str) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), i18n.t(Key::MapIgnore).to_string())];
    options.extend(
        TargetField::FIXED
            .iter()
            .map(|field| (value_of(field), i18n.t(target_label(field)).to_string())),
    );
    options.push((ATTRIBUTE.to_string(), i18n.t(Key::MapAttribute).to_string()));
    if let Some(name) = suggested.strip_prefix(ATTRIBUTE).filter(|n| !n.is_empty()) {
        options.push((
            suggested.to_string(),
            i18n.tf(Key::MapAttributeNamed, &[("name", name)]),
        ));
    }
    options
}

#[component]
pub fn MappingStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let columns: Vec<(String, String)> = wizard
        .source
        .get_value()
        .and_then(|source| {
            let table = source.csv_table()?;
            Some(
                table
                    .headers
                    .iter()
                    .enumerate()
                    .map(|(column, header)| (header.clone(), table.cell(0, column).to_string()))
                    .collect(),
            )
        })
        .unwrap_or_default();
    let values = wizard.mapping.get_untracked();
    let fields = columns
        .into_iter()
        .zip(values)
        .enumerate()
        .map(|(column, ((header, sample), value))| {
            let suggested = value.get_untracked();
            let label = if header.trim().is_empty() {
                i18n.tf(
                    Key::MapUnnamedColumn,
                    &[("number", &i18n.count(column + 1))],
                )
            } else {
                header
            };
            let hint = (!sample.trim().is_empty())
                .then(|| i18n.tf(Key::MapSample, &[("value", sample.trim())]));
            view! {
                <SelectField
                    label=label
                    value
                    options=move || options(&i18n, &suggested)
                    hint=hint
                />
            }
        })
        .collect_view();
    view! {
        <p>{move || i18n.tf(Key::MapIntro, &[("file", &wizard.file_name.get())])}</p>
        <div class="mapping-grid">{fields}</div>
        {move || wizard.error.get().map(|error| view! { <ErrorMessage wizard error/> })}
        <div class="button-row">
            <button type="button" class="primary" disabled=move || wizard.busy.get() on:click=move |_| wizard.map_and_read()>
                {move || i18n.t(Key::MapContinue)}
            </button>
        </div>
    }
}
