//! The editor of one interaction template: its defaults (reference-bc.md §1.5) and its letter
//! in each language. Saving is one call of `Db::save_template`; its problems are shown at their
//! fields, and a letter that cannot be merged keeps the template from being saved.

use crate::ui::i18n::isolate;
use leptos::html;
use leptos::prelude::*;

use super::draft::{LetterDraft, TemplateDraft};
use super::editor::{EmailEditor, LetterEditor};
use super::preview_template::TemplatePreviewPanel;
use super::split_commit_error;
use super::{language_label, language_options};
use crate::core::model::{CorrespondenceType, InformationFlow, InitiatedBy};
use crate::core::problem::{Place, Problem, ProblemCode};
use crate::ui::choices::worded_options;
use crate::ui::components::{problem_text, Checkbox, ProblemList, SelectField, TextField};
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The template form with its letters, and Save / Cancel.
#[component]
pub fn TemplateEditor(
    /// The template being edited.
    draft: TemplateDraft,
    /// Called after a successful save, with the template's code.
    on_saved: Callback<String>,
    /// Called when the user leaves the editor without saving.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let letter_problems = RwSignal::new(Vec::<String>::new());
    let failure = RwSignal::new(None::<String>);
    let heading = NodeRef::<html::H2>::new();
    // Open on the editor, so keyboard and screen-reader users land where they asked to go.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let template = match draft.to_template(&i18n) {
            Ok(template) => template,
            Err(problems) => return letter_problems.set(problems),
        };
        letter_problems.set(Vec::new());
        let code = template.code.to_string();
        // A new template with the code of an existing one would replace it without a word.
        let taken = !draft.existing
            && data
                .with_db(|db| db.templates.contains_key(&template.code))
                .unwrap_or(false);
        if taken {
            let problem = Problem::field("code", TEMPLATE_EXISTS).with(&code);
            return problems.set(vec![problem]);
        }
        data.commit(
            move |db| db.save_template(template.clone()),
            move |result| match result {
                Ok(_) => {
                    problems.set(Vec::new());
                    on_saved.run(code.clone());
                }
                Err(error) => {
                    let (refused, store) = split_commit_error(&i18n, error);
                    problems.set(refused);
                    failure.set(store);
                }
            },
        );
    };
    let title = move || {
        if draft.existing {
            i18n.tf(Key::EditorTitle, &[("code", &draft.code.get())])
        } else {
            i18n.t(Key::NewTemplate).to_string()
        }
    };
    view! {
        <section class="template-editor" aria-labelledby="template-editor-title">
            <h2 id="template-editor-title" tabindex="-1" node_ref=heading>{title}</h2>
            <form class="template-form" on:submit=save novalidate>
                <TemplateFields draft problems/>
                <TemplateLetters draft problems/>
                <TemplatePreviewPanel draft/>
                <ul class="problems" role="alert">
                    {move || letter_problems.get().into_iter().map(|text| view! { <li class="problem error">{text}</li> }).collect_view()}
                </ul>
                <ProblemList problems=Signal::derive(move || others(&problems.get()))/>
                {move || failure.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                <div class="toolbar">
                    <button type="submit" class="primary" disabled=move || data.busy.get()>
                        {move || i18n.t(Key::SaveTemplate)}
                    </button>
                    <button type="button" on:click=move |_| on_cancel.run(())>
                        {move || i18n.t(Term::Cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The problems not shown at a field of the form.
fn others(problems: &[Problem]) -> Vec<Problem> {
    problems
        .iter()
        .filter(|p| !matches!(&p.place, Place::Field(field) if FIELDS.contains(&field.as_str())))
        .cloned()
        .collect()
}

/// The fields of the template that show their own problems.
const FIELDS: &[&str] = &[
    "code",
    "group",
    "unit_cost",
    "unit_duration_min",
    "language_default",
    "letters",
];

/// The message of the first problem at `field`, for the field's error line.
fn field_error(
    i18n: I18n,
    problems: RwSignal<Vec<Problem>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.place == Place::Field(field.to_string()))
                .map(|p| message(&i18n, p))
        })
    })
}

/// The UI's own problem code for a new template whose code is taken (the core would replace it).
const TEMPLATE_EXISTS: ProblemCode = ProblemCode::UiTemplateExists;

/// A problem's message: the UI's own code here, else the catalogue's text for the core's code.
fn message(i18n: &I18n, problem: &Problem) -> String {
    if problem.code == TEMPLATE_EXISTS {
        let code = problem.args.first().map(String::as_str).unwrap_or_default();
        return i18n.tf(Key::TemplateExists, &[("code", code)]);
    }
    problem_text(i18n, problem)
}

/// Every field of the template but its letters.
#[component]
fn TemplateFields(draft: TemplateDraft, problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let t = move |key: AnyKey| Signal::derive(move || i18n.t(key).to_string());
    // The choices' values are the core's stable names; "not set" is this form's word for none.
    let choices = move |all: fn(I18n) -> Vec<(String, String)>| Signal::derive(move || all(i18n));
    let groups = Signal::derive(move || {
        data.with_db(|db| {
            db.interaction_groups
                .values()
                .map(|g| {
                    (
                        g.code.to_string(),
                        format!("{} – {}", isolate(g.code.as_str()), isolate(&g.description)),
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let code_field = move || {
        if draft.existing {
            view! { <p class="readonly-field"><span class="label">{t(Term::Code.any())}</span>" "<strong>{draft.code.get_untracked()}</strong></p> }.into_any()
        } else {
            view! { <TextField label=t(Term::Code.any()) value=draft.code required=true autocomplete="off" error=field_error(i18n, problems, "code")/> }.into_any()
        }
    };
    view! {
        <div class="form-grid">
            {code_field()}
            <SelectField label=t(Term::InteractionGroup.any()) value=draft.group options=groups error=field_error(i18n, problems, "group")/>
            <TextField label=t(Term::Description.any()) value=draft.description/>
            <TextField label=t(Key::FieldUnitCost.any()) value=draft.unit_cost input_type="text" error=field_error(i18n, problems, "unit_cost")/>
            <TextField label=t(Key::FieldDuration.any()) value=draft.duration input_type="text" error=field_error(i18n, problems, "unit_duration_min")/>
            <SelectField label=t(Term::InformationFlow.any()) value=draft.flow options=choices(|i18n| worded_options::<InformationFlow>(i18n, InformationFlow::as_str, Key::NotSet))/>
            <SelectField label=t(Term::InitiatedBy.any()) value=draft.initiated_by options=choices(|i18n| worded_options::<InitiatedBy>(i18n, InitiatedBy::as_str, Key::NotSet))/>
            <SelectField label=t(Key::FieldCorrespondence.any()) value=draft.correspondence options=choices(|i18n| worded_options::<CorrespondenceType>(i18n, CorrespondenceType::as_str, Key::NotSet))/>
            <SelectField label=t(Key::FieldLanguageDefault.any()) value=draft.language_default options=language_options(i18n, draft.language_default) hint=Signal::derive(move || Some(i18n.t(Key::LanguageDefaultHint).to_string())) error=field_error(i18n, problems, "language_default")/>
        </div>
        <Checkbox label=t(Key::FieldIgnoreCorrespondence.any()) checked=draft.ignore_correspondence/>
    }
}

/// The template's letters, one per language, each with its editor.
#[component]
fn TemplateLetters(draft: TemplateDraft, problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let letters_error = field_error(i18n, problems, "letters");
    let add = move |_| {
        let taken: Vec<String> = draft
            .letters
            .with_untracked(|l| l.iter().map(|d| d.language.get_untracked()).collect());
        // The first letter is the default one; later ones start without a language to choose.
        let language = if taken.is_empty() {
            draft.language_default.get_untracked()
        } else {
            String::new()
        };
        draft
            .letters
            .update(|l| l.push(LetterDraft::new(&language)));
    };
    view! {
        <fieldset class="template-letters">
            <legend>{move || i18n.t(Key::Letters)}</legend>
            <p class="hint">{move || i18n.t(Key::LettersIntro)}</p>
            {move || letters_error.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            {move || {
                let letters = draft.letters.get();
                if letters.is_empty() {
                    return view! { <p class="empty-state">{move || i18n.t(Key::LettersNone)}</p> }.into_any();
                }
                letters
                    .into_iter()
                    .enumerate()
                    .map(|(index, letter)| view! { <LetterItem draft index letter/> })
                    .collect_view()
                    .into_any()
            }}
            <button type="button" on:click=add>{move || i18n.t(Key::LetterAdd)}</button>
        </fieldset>
    }
}

/// One language's letter in the template editor.
#[component]
fn LetterItem(draft: TemplateDraft, index: usize, letter: LetterDraft) -> impl IntoView {
    let i18n = use_i18n();
    let remove = move |_| {
        draft.letters.update(|letters| {
            if index < letters.len() {
                letters.remove(index);
            }
        });
    };
    let heading = move || {
        i18n.tf(
            Key::LetterHeading,
            &[("language", &language_label(&i18n, &letter.language.get()))],
        )
    };
    view! {
        <section class="letter-item" aria-label=heading>
            <h3>{heading}</h3>
            <SelectField
                label=Signal::derive(move || i18n.t(Key::LetterLanguage).to_string())
                value=letter.language
                options=language_options(i18n, letter.language)
                hint=Signal::derive(move || Some(i18n.t(Key::LetterLanguageHint).to_string()))
            />
            <LetterEditor draft=letter/>
            <EmailEditor draft=letter/>
            <button type="button" class="danger" on:click=remove>
                {move || i18n.tf(Key::LetterRemove, &[("language", &language_label(&i18n, &letter.language.get()))])}
            </button>
        </section>
    }
}
