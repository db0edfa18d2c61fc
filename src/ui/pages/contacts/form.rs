//! The contact form: every field of a company or person, grouped, with the core's problems shown
//! at their fields. Validation runs live once the user has tried to save, so a mistake is named
//! as soon as it matters and disappears as soon as it is fixed.

use crate::ui::i18n::isolate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::classes::{Attributes, Classifications};
use super::delete::DeleteContact;
use super::draft::{Draft, TextPart};
use super::{commit_error_text, now, FieldErrors};
use crate::core::changes::Record;
use crate::core::ids::ContactId;
use crate::core::model::{Contact, ContactKind, CorrespondenceType};
use crate::core::problem::{Place, Problem};
use crate::store::session::CommitError;
use crate::ui::choices::worded_options;
use crate::ui::components::{Checkbox, ProblemList, SelectField, TextArea, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How the editor finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorDone {
    Saved(ContactId),
    Cancelled,
    Deleted,
}

/// The fields the form shows problems at; a problem at any other place is listed above the form.
const FIELDS_SHOWN: &[&str] = &[
    "kind",
    "name",
    "company",
    "email",
    "email_2",
    "language",
    "salesperson",
    "mailing_groups",
    "industry_groups",
    "business_relations",
    "job_responsibilities",
    "profile_answers",
    "attributes",
];

#[component]
pub fn ContactEditor(
    /// The contact to edit; a default contact (id 0) of the wanted kind for a new one.
    contact: Contact,
    /// Called when the contact was saved, deleted, or the user cancelled a new one.
    on_done: Callback<EditorDone>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let draft = Draft::new(&contact);
    let submitted = RwSignal::new(false);
    let refused = RwSignal::new(Vec::<Problem>::new());
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let problems = Memo::new(move |_| {
        let mut problems = refused.get();
        if submitted.get() {
            let live = data
                .with_db(|db| db.validate_contact(&draft.contact()))
                .unwrap_or_default();
            problems.retain(|p| p.place == Place::Record);
            problems.extend(live);
        }
        problems
    });
    let errors = FieldErrors { problems };
    let elsewhere = Signal::derive(move || {
        problems.with(|all| {
            all.iter()
                .filter(
                    |p| !matches!(&p.place, Place::Field(f) if FIELDS_SHOWN.contains(&f.as_str())),
                )
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let repeated = Memo::new(move |_| draft.repeated_attribute_names());

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        saved.set(false);
        failure.set(None);
        refused.set(Vec::new());
        if !repeated.get_untracked().is_empty() {
            return;
        }
        let contact = untrack(|| draft.contact());
        let now = now();
        data.commit(
            move |db| db.save_contact(contact.clone(), now),
            move |result| match result {
                Ok(changes) => {
                    let stored = changes.puts.iter().find_map(|record| match record {
                        Record::Contact(contact) => Some(contact.clone()),
                        _ => None,
                    });
                    if let Some(stored) = stored {
                        draft.load(&stored);
                        submitted.set(false);
                        saved.set(true);
                        on_done.run(EditorDone::Saved(stored.id));
                    }
                }
                Err(CommitError::Refused(problems)) => refused.set(problems),
                Err(error) => failure.set(Some(commit_error_text(&i18n, &error))),
            },
        );
    };
    let has_errors =
        move || submitted.get() && (!problems.with(Vec::is_empty) || !repeated.with(Vec::is_empty));

    view! {
        // "Saved" stays only until the next change, so that it never describes unsaved edits.
        <form
            class="contact-form"
            novalidate
            on:submit=save
            on:input=move |_| saved.set(false)
            on:change=move |_| saved.set(false)
        >
            {move || has_errors().then(|| view! {
                <p class="form-alert" role="alert">{move || i18n.t(Key::FormHasErrors)}</p>
            })}
            <ProblemList problems=elsewhere/>
            <IdentityFields draft errors/>
            <AddressFields draft/>
            <CommunicationFields draft errors/>
            <PreferenceFields draft errors/>
            <Classifications draft errors/>
            <Attributes draft errors repeated/>
            <fieldset class="form-group">
                <legend>{move || i18n.t(Term::Notes)}</legend>
                <TextArea label=move || i18n.t(Term::Notes).to_string() value=draft.text(TextPart::Notes) rows=5/>
            </fieldset>
            {move || failure.get().map(|text| view! { <p class="form-alert" role="alert">{text}</p> })}
            <FormActions id=contact.id saved on_done/>
        </form>
    }
}

/// Save, and Cancel for a new contact or Delete for a stored one, with the saved note.
#[component]
fn FormActions(
    id: ContactId,
    saved: RwSignal<bool>,
    on_done: Callback<EditorDone>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let other = if id == ContactId(0) {
        view! {
            <button type="button" on:click=move |_| on_done.run(EditorDone::Cancelled)>
                {move || i18n.t(Term::Cancel)}
            </button>
        }
        .into_any()
    } else {
        let on_deleted = Callback::new(move |()| on_done.run(EditorDone::Deleted));
        view! { <DeleteContact id on_deleted/> }.into_any()
    };
    view! {
        <div class="form-actions">
            <button type="submit" class="primary" disabled=move || data.busy.get()>
                {move || i18n.t(Term::Save)}
            </button>
            {other}
            <p class="save-status" role="status">
                {move || saved.get().then(|| i18n.t(Term::Saved))}
            </p>
        </div>
    }
}

/// A text field of the draft, with its label, input type and the problems at it.
#[component]
fn PartField(
    draft: Draft,
    part: TextPart,
    #[prop(optional)] errors: Option<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.map(|e| e.at(part.field())).unwrap_or_default();
    view! {
        <TextField
            label=move || i18n.t(part.label()).to_string()
            value=draft.text(part)
            input_type=part.input_type()
            error=error
        />
    }
}

/// Kind, names, and for a person the company, job title and level.
#[component]
fn IdentityFields(draft: Draft, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let kinds = move || {
        vec![
            ("company".to_string(), i18n.t(Term::Company).to_string()),
            ("person".to_string(), i18n.t(Key::KindPerson).to_string()),
        ]
    };
    // Companies by name, for a person's company link.
    let companies = Memo::new(move |_| {
        let mut options = vec![(String::new(), i18n.t(Key::NoCompany).to_string())];
        data.with_db(|db| {
            let mut companies: Vec<(String, String)> = db
                .contacts
                .values()
                .filter(|c| c.kind == ContactKind::Company)
                .map(|c| {
                    (
                        c.id.no(),
                        format!("{} ({})", isolate(&c.name), data.no(c.id)),
                    )
                })
                .collect();
            companies.sort_by_key(|(_, label)| label.to_lowercase());
            options.extend(companies);
        });
        options
    });
    let name_hint = Signal::derive(move || {
        (!draft.is_company()).then(|| i18n.t(Key::NameHintPerson).to_string())
    });
    view! {
        <fieldset class="form-group">
            <legend>{move || i18n.t(Key::GroupIdentity)}</legend>
            <div class="field-grid">
                <SelectField label=move || i18n.t(Key::FieldKind).to_string() value=draft.kind options=kinds error=errors.at("kind")/>
                {move || (!draft.is_company()).then(|| view! {
                    <PartField draft part=TextPart::FirstName/>
                    <PartField draft part=TextPart::MiddleName/>
                    <PartField draft part=TextPart::Surname/>
                })}
                <TextField
                    label=move || i18n.t(Term::Name).to_string()
                    value=draft.text(TextPart::Name)
                    error=errors.at("name")
                    hint=name_hint
                />
                {move || (!draft.is_company()).then(|| view! {
                    <SelectField
                        label=move || i18n.t(Term::Company).to_string()
                        value=draft.company
                        options=companies
                        error=errors.at("company")
                    />
                    <PartField draft part=TextPart::JobTitle/>
                    <PartField draft part=TextPart::OrganizationalLevel/>
                })}
            </div>
        </fieldset>
    }
}

#[component]
fn AddressFields(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="form-group">
            <legend>{move || i18n.t(Term::Address)}</legend>
            <div class="field-grid">
                <PartField draft part=TextPart::Address/>
                <PartField draft part=TextPart::Address2/>
                <PartField draft part=TextPart::PostCode/>
                <PartField draft part=TextPart::City/>
                <PartField draft part=TextPart::County/>
                <PartField draft part=TextPart::Country/>
            </div>
        </fieldset>
    }
}

#[component]
fn CommunicationFields(draft: Draft, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="form-group">
            <legend>{move || i18n.t(Key::GroupCommunication)}</legend>
            <div class="field-grid">
                <PartField draft part=TextPart::Phone/>
                <PartField draft part=TextPart::Mobile/>
                <PartField draft part=TextPart::Email errors/>
                <PartField draft part=TextPart::Email2 errors/>
                <PartField draft part=TextPart::Website/>
            </div>
        </fieldset>
    }
}

/// Language, salutation, correspondence, the two segment switches, salesperson and territory.
#[component]
fn PreferenceFields(draft: Draft, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let correspondence = move || {
        worded_options::<CorrespondenceType>(
            i18n,
            CorrespondenceType::as_str,
            Key::CorrespondenceNone,
        )
    };
    let salespeople = move || {
        let mut options = vec![(String::new(), i18n.t(Key::NoSalesperson).to_string())];
        data.with_db(|db| {
            options.extend(db.salespeople.values().map(|s| {
                (
                    s.code.to_string(),
                    format!("{} ({})", isolate(&s.name), isolate(s.code.as_str())),
                )
            }))
        });
        add_current(&mut options, draft.salesperson.get());
        options
    };
    // Salutation codes are the ones the salutation formulas use; a code no formula has yet is
    // kept as an option so that opening and saving a contact never changes it.
    let salutations = move || {
        let mut options = vec![(String::new(), i18n.t(Key::NoSalutation).to_string())];
        data.with_db(|db| {
            let mut codes: Vec<String> = db
                .salutation_formulas
                .keys()
                .map(|(code, _, _)| code.to_string())
                .collect();
            codes.dedup();
            options.extend(codes.into_iter().map(|c| (c.clone(), c)));
        });
        add_current(&mut options, draft.salutation_code.get());
        options
    };
    view! {
        <fieldset class="form-group">
            <legend>{move || i18n.t(Key::GroupPreferences)}</legend>
            <div class="field-grid">
                <TextField
                    label=move || i18n.t(Term::Language).to_string()
                    value=draft.text(TextPart::Language)
                    error=errors.at("language")
                    hint=Signal::derive(move || Some(i18n.t(Key::LanguageHint).to_string()))
                    autocomplete="off"
                />
                <SelectField label=move || i18n.t(Term::SalutationCode).to_string() value=draft.salutation_code options=salutations/>
                <SelectField label=move || i18n.t(Key::FieldCorrespondence).to_string() value=draft.correspondence options=correspondence/>
                <SelectField
                    label=move || i18n.t(Term::Salesperson).to_string()
                    value=draft.salesperson
                    options=salespeople
                    error=errors.at("salesperson")
                />
                <PartField draft part=TextPart::Territory/>
            </div>
            <Checkbox
                label=move || i18n.t(Term::ExcludeFromSegments).to_string()
                checked=draft.exclude_from_segments
                hint=Signal::derive(move || Some(i18n.t(Key::ExcludeHint).to_string()))
            />
            <Checkbox
                label=move || i18n.t(Term::PrivacyBlocked).to_string()
                checked=draft.privacy_blocked
                hint=Signal::derive(move || Some(i18n.t(Key::PrivacyHint).to_string()))
            />
        </fieldset>
    }
}

/// Adds the current value to a select's options when it is not one of them, so that a value the
/// set-up no longer lists still shows (and stays) instead of silently becoming the first option.
fn add_current(options: &mut Vec<(String, String)>, current: String) {
    if !current.is_empty() && !options.iter().any(|(value, _)| *value == current) {
        options.push((current.clone(), current));
    }
}
