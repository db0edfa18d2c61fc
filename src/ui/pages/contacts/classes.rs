//! The contact's classifications as groups of checkboxes, and its custom attributes as rows the
//! user adds and removes.
//!
//! Which groups a contact shows follows product.md §2: mailing groups and profile answers for
//! any contact, industry groups and business relations for companies (a person shows its
//! company's, read-only, because it inherits them), job responsibilities for persons.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::draft::{AttrRow, Draft};
use super::FieldErrors;
use crate::core::ids::{Code, ContactId};
use crate::core::model::{ClassificationKind, ProfileAnswerRef};
use crate::ui::components::dialog::next_id;
use crate::ui::components::{DateField, SelectField, TextField};
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

#[component]
pub fn Classifications(draft: Draft, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="form-group">
            <legend>{move || i18n.t(Term::Classifications)}</legend>
            <CodeChecks
                legend=Term::MailingGroups
                kind=ClassificationKind::MailingGroup
                chosen=draft.mailing_groups
                error=errors.at("mailing_groups")
            />
            {move || if draft.is_company() {
                view! {
                    <CodeChecks
                        legend=Term::IndustryGroups
                        kind=ClassificationKind::IndustryGroup
                        chosen=draft.industry_groups
                        error=errors.at("industry_groups")
                    />
                    <CodeChecks
                        legend=Term::BusinessRelations
                        kind=ClassificationKind::BusinessRelation
                        chosen=draft.business_relations
                        error=errors.at("business_relations")
                    />
                }
                .into_any()
            } else {
                view! {
                    <CodeChecks
                        legend=Term::JobResponsibilities
                        kind=ClassificationKind::JobResponsibility
                        chosen=draft.job_responsibilities
                        error=errors.at("job_responsibilities")
                    />
                    <Inherited company=draft.company/>
                }
                .into_any()
            }}
            <ProfileAnswers chosen=draft.profile_answers error=errors.at("profile_answers")/>
        </fieldset>
    }
}

/// One checkbox per code of a classification table. Codes the contact has but the table lacks
/// are listed too, so that they can be unticked.
#[component]
fn CodeChecks(
    #[prop(into)] legend: AnyKey,
    kind: ClassificationKind,
    chosen: RwSignal<BTreeSet<Code>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let options = move || {
        let mut options: Vec<(Code, String)> = data
            .with_db(|db| {
                db.classifications
                    .get(&kind)
                    .map(|table| {
                        table
                            .values()
                            .map(|c| (c.code.clone(), c.description.clone()))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for code in chosen.get() {
            if !options.iter().any(|(known, _)| *known == code) {
                options.push((code, String::new()));
            }
        }
        options
    };
    let error_id = format!("checks-error-{}", next_id());
    let described = error_id.clone();
    view! {
        <fieldset class="checks" aria-describedby=move || error.get().map(|_| described.clone())>
            <legend>{move || i18n.t(legend)}</legend>
            {move || {
                let options = options();
                if options.is_empty() {
                    return view! { <p class="hint">{move || i18n.t(Key::NoneSetUp)}</p> }.into_any();
                }
                options
                    .into_iter()
                    .map(|(code, description)| {
                        let label = code_label(&code, &description);
                        let toggle = code.clone();
                        let is_on = code.clone();
                        view! {
                            <Check
                                label
                                checked=Signal::derive(move || chosen.with(|set| set.contains(&is_on)))
                                on_change=Callback::new(move |on: bool| {
                                    chosen.update(|set| {
                                        if on { set.insert(toggle.clone()); } else { set.remove(&toggle); }
                                    })
                                })
                            />
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            {move || error.get().map(|text| view! { <p id=error_id.clone() class="field-error" role="alert">{text}</p> })}
        </fieldset>
    }
}

fn code_label(code: &Code, description: &str) -> String {
    if description.is_empty() {
        code.to_string()
    } else {
        format!("{description} ({code})")
    }
}

/// A checkbox bound to a membership rather than to a boolean signal of its own.
#[component]
fn Check(label: String, checked: Signal<bool>, on_change: Callback<bool>) -> impl IntoView {
    let id = format!("check-{}", next_id());
    view! {
        <div class="choice-option">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// A person's company's industry groups and business relations, which the person inherits.
#[component]
fn Inherited(company: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let inherited = move || {
        let id = ContactId::parse_no(&company.get())?;
        data.with_db(|db| {
            let company = db.contact(id)?;
            let codes = |set: &BTreeSet<Code>| {
                set.iter()
                    .map(Code::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Some((
                company.name.clone(),
                codes(&company.industry_groups),
                codes(&company.business_relations),
            ))
        })
        .flatten()
    };
    move || {
        inherited().map(|(name, industries, relations)| {
            let none = i18n.t(Key::NoneAssigned);
            let or_none = |text: String| {
                if text.is_empty() {
                    none.to_string()
                } else {
                    text
                }
            };
            view! {
                <div class="inherited">
                    <p>{i18n.tf(Key::InheritedFrom, &[("company", &name)])}</p>
                    <dl>
                        <dt>{i18n.t(Term::IndustryGroups)}</dt>
                        <dd>{or_none(industries)}</dd>
                        <dt>{i18n.t(Term::BusinessRelations)}</dt>
                        <dd>{or_none(relations)}</dd>
                    </dl>
                </div>
            }
        })
    }
}

/// One group of checkboxes per profile questionnaire, one box per answer.
#[component]
fn ProfileAnswers(
    chosen: RwSignal<BTreeSet<ProfileAnswerRef>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let questionnaires = move || {
        data.with_db(|db| db.questionnaires.values().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    view! {
        {move || {
            questionnaires()
                .into_iter()
                .map(|q| {
                    let legend = i18n.tf(Key::ProfileLegend, &[("questionnaire", &code_label(&q.code, &q.description))]);
                    let boxes = q
                        .answers
                        .iter()
                        .map(|answer| {
                            let key = ProfileAnswerRef { questionnaire: q.code.clone(), answer: answer.line };
                            let toggle = key.clone();
                            view! {
                                <Check
                                    label=answer.text.clone()
                                    checked=Signal::derive(move || chosen.with(|set| set.contains(&key)))
                                    on_change=Callback::new(move |on: bool| {
                                        chosen.update(|set| {
                                            if on { set.insert(toggle.clone()); } else { set.remove(&toggle); }
                                        })
                                    })
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="checks">
                            <legend>{legend}</legend>
                            {boxes}
                        </fieldset>
                    }
                })
                .collect_view()
        }}
        {move || error.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
    }
}

/// The custom attributes: a name, a type and a value per row.
#[component]
pub fn Attributes(draft: Draft, errors: FieldErrors, repeated: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.at("attributes");
    let message = move || {
        let mut parts: Vec<String> = error.get().into_iter().collect();
        let repeated = repeated.get();
        if !repeated.is_empty() {
            parts.push(i18n.tf(Key::AttributeRepeated, &[("names", &repeated.join(", "))]));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    };
    view! {
        <fieldset class="form-group attributes">
            <legend>{move || i18n.t(Key::GroupAttributes)}</legend>
            <p class="hint">{move || i18n.t(Key::AttributesHint)}</p>
            <For
                each=move || draft.attributes.get()
                key=|row| row.key
                children=move |row| view! { <AttributeRow draft row/> }
            />
            {move || message().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            <button type="button" on:click=move |_| draft.add_attribute()>
                {move || i18n.t(Key::AddAttribute)}
            </button>
        </fieldset>
    }
}

#[component]
fn AttributeRow(draft: Draft, row: AttrRow) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = move || {
        vec![
            ("text".to_string(), i18n.t(Key::AttributeText).to_string()),
            (
                "number".to_string(),
                i18n.t(Key::AttributeNumber).to_string(),
            ),
            ("date".to_string(), i18n.t(Term::Date).to_string()),
        ]
    };
    // The button names the attribute it removes, since every row has one.
    let remove_label = move || {
        let name = row.name.get();
        if name.trim().is_empty() {
            i18n.t(Key::RemoveAttribute).to_string()
        } else {
            i18n.tf(Key::RemoveAttributeNamed, &[("name", name.trim())])
        }
    };
    view! {
        <div class="attribute-row">
            <TextField label=move || i18n.t(Key::AttributeName).to_string() value=row.name autocomplete="off"/>
            <SelectField label=move || i18n.t(Key::AttributeType).to_string() value=row.kind options=kinds/>
            {move || {
                let input_type = match row.kind.get().as_str() {
                    "number" => "number",
                    // A date is typed as the interface language writes it, not as the browser's.
                    "date" => {
                        return view! {
                            <DateField
                                label=move || i18n.t(Key::AttributeValue).to_string()
                                value=row.value
                            />
                        }
                        .into_any();
                    }
                    _ => "text",
                };
                view! {
                    <TextField
                        label=move || i18n.t(Key::AttributeValue).to_string()
                        value=row.value
                        input_type
                        autocomplete="off"
                    />
                }
                .into_any()
            }}
            <button
                type="button"
                class="remove"
                aria-label=remove_label
                on:click=move |_| draft.remove_attribute(row.key)
            >
                {move || i18n.t(Term::Remove)}
            </button>
        </div>
    }
}
