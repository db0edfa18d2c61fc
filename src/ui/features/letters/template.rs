//! The editor of one interaction template: its defaults (reference-bc.md §1.5) and its letter
//! in each language. Saving is one call of `Db::save_template`; its problems are shown at their
//! fields, and a letter that cannot be merged keeps the template from being saved.

use crate::ui::i18n::isolate;
use leptos::html;
use leptos::prelude::*;

use super::draft::{draft_problem_text, LetterDraft};
use super::editor::{EmailEditor, LetterEditor};
use super::preview_template::TemplatePreviewPanel;
use super::split_commit_error;
use crate::core::ids::Code;
use crate::core::model::{CorrespondenceType, InformationFlow, InitiatedBy, InteractionTemplate};
use crate::core::problem::{Place, Problem, ProblemCode};
use crate::ui::components::{problem_text, Checkbox, ProblemList, SelectField, TextField};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::state::use_data;

/// A template being edited; `existing` templates keep their code (a new code is a new template).
#[derive(Clone, Copy)]
pub struct TemplateDraft {
    pub existing: bool,
    pub code: RwSignal<String>,
    pub group: RwSignal<String>,
    pub description: RwSignal<String>,
    pub unit_cost: RwSignal<String>,
    pub duration: RwSignal<String>,
    pub flow: RwSignal<String>,
    pub initiated_by: RwSignal<String>,
    pub correspondence: RwSignal<String>,
    pub ignore_correspondence: RwSignal<bool>,
    pub language_default: RwSignal<String>,
    pub letters: RwSignal<Vec<LetterDraft>>,
}

impl TemplateDraft {
    /// A new template in `group` (the first group, so that the choice is never empty).
    pub fn new(group: &str) -> Self {
        Self::of(
            &InteractionTemplate {
                group: Code::new(group),
                ..InteractionTemplate::default()
            },
            false,
        )
    }

    pub fn edit(template: &InteractionTemplate) -> Self {
        Self::of(template, true)
    }

    fn of(t: &InteractionTemplate, existing: bool) -> Self {
        TemplateDraft {
            existing,
            code: RwSignal::new(t.code.to_string()),
            group: RwSignal::new(t.group.to_string()),
            description: RwSignal::new(t.description.clone()),
            unit_cost: RwSignal::new(number_text(t.unit_cost)),
            duration: RwSignal::new(number_text(t.unit_duration_min)),
            flow: RwSignal::new(flow_value(t.information_flow).into()),
            initiated_by: RwSignal::new(initiated_value(t.initiated_by).into()),
            correspondence: RwSignal::new(t.correspondence_type_default.as_str().into()),
            ignore_correspondence: RwSignal::new(t.ignore_contact_correspondence_type),
            language_default: RwSignal::new(t.language_default.clone()),
            letters: RwSignal::new(
                t.letters
                    .iter()
                    .map(|letter| {
                        let draft = LetterDraft::from_letter(letter);
                        if let Some(email) = t.email_for(&letter.language) {
                            draft.set_email(email);
                        }
                        draft
                    })
                    .collect(),
            ),
        }
    }

    /// The template as it stands in the form, for the live preview: read with tracking, so the
    /// preview follows every keystroke, and without the checks of saving (a letter with
    /// problems is previewed as far as it can be; an empty Word letter is left out).
    pub fn current(self) -> InteractionTemplate {
        let drafts = self.letters.get();
        let mut letters = Vec::new();
        let mut emails = Vec::new();
        for draft in drafts {
            // Subscribe to every part the preview shows, then read them as saving does.
            draft.language.track();
            draft.subject.track();
            draft.kind.track();
            draft.text.track();
            draft.docx.track();
            draft.email_subject.track();
            draft.email_body.track();
            draft.email_attachment.track();
            if let Some(body) = draft.body() {
                letters.push(crate::core::model::TemplateLetter {
                    language: draft.language.get_untracked().trim().to_string(),
                    subject: draft.subject.get_untracked(),
                    body,
                });
                emails.push(draft.email());
            }
        }
        InteractionTemplate {
            code: Code::new(&self.code.get()),
            language_default: self.language_default.get(),
            letters,
            emails,
            ..InteractionTemplate::default()
        }
    }

    /// The template to save, or the letters' problems (language, message) when one cannot be
    /// merged.
    fn to_template(self, i18n: &I18n) -> Result<InteractionTemplate, Vec<String>> {
        let mut letters = Vec::new();
        let mut emails = Vec::new();
        let mut problems = Vec::new();
        for draft in self.letters.get_untracked() {
            match draft.to_letter() {
                Ok(letter) => {
                    letters.push(letter);
                    // A blank e-mail is dropped by `Db::save_template`: nothing is stored.
                    emails.push(draft.email());
                }
                Err(problem) => problems.push(format!(
                    "{}: {}",
                    language_label(i18n, &draft.language.get_untracked()),
                    draft_problem_text(i18n, problem)
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(InteractionTemplate {
            code: Code::new(&self.code.get_untracked()),
            group: Code::new(&self.group.get_untracked()),
            description: self.description.get_untracked().trim().to_string(),
            unit_cost: parse_number(&self.unit_cost.get_untracked()),
            unit_duration_min: parse_number(&self.duration.get_untracked()),
            information_flow: match self.flow.get_untracked().as_str() {
                "outbound" => InformationFlow::Outbound,
                "inbound" => InformationFlow::Inbound,
                _ => InformationFlow::None,
            },
            initiated_by: match self.initiated_by.get_untracked().as_str() {
                "us" => InitiatedBy::Us,
                "them" => InitiatedBy::Them,
                _ => InitiatedBy::None,
            },
            correspondence_type_default: match self.correspondence.get_untracked().as_str() {
                "hard_copy" => CorrespondenceType::HardCopy,
                "email" => CorrespondenceType::Email,
                _ => CorrespondenceType::None,
            },
            ignore_contact_correspondence_type: self.ignore_correspondence.get_untracked(),
            language_default: self.language_default.get_untracked(),
            letters,
            emails,
        })
    }
}

fn flow_value(flow: InformationFlow) -> &'static str {
    match flow {
        InformationFlow::None => "none",
        InformationFlow::Outbound => "outbound",
        InformationFlow::Inbound => "inbound",
    }
}

fn initiated_value(by: InitiatedBy) -> &'static str {
    match by {
        InitiatedBy::None => "none",
        InitiatedBy::Us => "us",
        InitiatedBy::Them => "them",
    }
}

fn number_text(value: f64) -> String {
    crate::core::model::format_number(value)
}

/// Reads an amount as typed, with a decimal comma or point; an empty field is zero. Anything
/// else becomes NaN, which the core reports at the field (`setup.amount_invalid`).
fn parse_number(text: &str) -> f64 {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return 0.0;
    }
    text.parse().unwrap_or(f64::NAN)
}

/// "default" for the default letter, else the language code: short, for headings and lists.
pub fn language_label(i18n: &I18n, language: &str) -> String {
    if language.trim().is_empty() {
        i18n.t(Key::LanguageDefault).to_string()
    } else {
        language.trim().to_string()
    }
}

/// "default" for the default letter, else the language's name and code ("Finnish (fi)").
pub fn language_name_label(i18n: &I18n, language: &str) -> String {
    if language.trim().is_empty() {
        i18n.t(Key::LanguageDefault).to_string()
    } else {
        language_option(i18n, language.trim())
    }
}

/// The name of a language the app knows, in the interface language.
fn language_name(code: &str) -> Key {
    match code {
        "fi" => Key::LangFi,
        "sv" => Key::LangSv,
        "en" => Key::LangEn,
        "de" => Key::LangDe,
        "fr" => Key::LangFr,
        "et" => Key::LangEt,
        "no" => Key::LangNo,
        "da" => Key::LangDa,
        "ru" => Key::LangRu,
        "es" => Key::LangEs,
        "it" => Key::LangIt,
        "nl" => Key::LangNl,
        "el" => Key::LangEl,
        "ja" => Key::LangJa,
        _ => Key::LangOther,
    }
}

/// A language as an option of the language pickers: "Finnish (fi)", "suomi (fi)".
fn language_option(i18n: &I18n, code: &str) -> String {
    i18n.tf(
        Key::LanguageOption,
        &[("name", i18n.t(language_name(code))), ("code", code)],
    )
}

/// The languages a template's letter may be in, for a select: first "every language" (no
/// code: the letter, or the default, that serves contacts of any language), then those the app
/// knows by name, those the data already uses, and `current` (whatever an older version
/// stored), each once.
fn language_options(i18n: I18n, current: RwSignal<String>) -> Signal<Vec<(String, String)>> {
    language_choices(i18n, current, Key::LanguageEvery)
}

/// The language picker's options with `first` as the choice of no code: the template page's
/// and the segment's pickers list the same languages, so a code chosen on one is found on the
/// other.
pub fn language_choices(
    i18n: I18n,
    current: RwSignal<String>,
    first: Key,
) -> Signal<Vec<(String, String)>> {
    let data = use_data();
    let known = Memo::new(move |_| {
        data.with_db(crate::core::setup::known_languages)
            .unwrap_or_else(|| {
                crate::core::setup::LANGUAGE_CODES
                    .iter()
                    .map(|c| c.to_string())
                    .collect()
            })
    });
    Signal::derive(move || {
        let mut codes = known.get();
        let chosen = current.get().trim().to_string();
        if !chosen.is_empty() && !codes.contains(&chosen) {
            codes.push(chosen);
        }
        let mut options = vec![(String::new(), i18n.t(first).to_string())];
        options.extend(
            codes
                .into_iter()
                .map(|code| (code.clone(), language_option(&i18n, &code))),
        );
        options
    })
}

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
            i18n.t(Key::EditorNewTitle).to_string()
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
                        {move || i18n.t(Key::Cancel)}
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
    let t = move |key: Key| Signal::derive(move || i18n.t(key).to_string());
    let options = move |items: &'static [(&'static str, Key)]| {
        Signal::derive(move || {
            items
                .iter()
                .map(|(value, key)| (value.to_string(), i18n.t(*key).to_string()))
                .collect::<Vec<_>>()
        })
    };
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
            view! { <p class="readonly-field"><span class="label">{t(Key::FieldCode)}</span>" "<strong>{draft.code.get_untracked()}</strong></p> }.into_any()
        } else {
            view! { <TextField label=t(Key::FieldCode) value=draft.code required=true autocomplete="off" error=field_error(i18n, problems, "code")/> }.into_any()
        }
    };
    view! {
        <div class="form-grid">
            {code_field()}
            <SelectField label=t(Key::FieldGroup) value=draft.group options=groups error=field_error(i18n, problems, "group")/>
            <TextField label=t(Key::FieldDescription) value=draft.description/>
            <TextField label=t(Key::FieldUnitCost) value=draft.unit_cost input_type="text" error=field_error(i18n, problems, "unit_cost")/>
            <TextField label=t(Key::FieldDuration) value=draft.duration input_type="text" error=field_error(i18n, problems, "unit_duration_min")/>
            <SelectField label=t(Key::FieldInformationFlow) value=draft.flow options=options(&[("none", Key::NotSet), ("outbound", Key::FlowOutbound), ("inbound", Key::FlowInbound)])/>
            <SelectField label=t(Key::FieldInitiatedBy) value=draft.initiated_by options=options(&[("none", Key::NotSet), ("us", Key::InitiatedUs), ("them", Key::InitiatedThem)])/>
            <SelectField label=t(Key::FieldCorrespondence) value=draft.correspondence options=options(&[("none", Key::NotSet), ("hard_copy", Key::CorrespondenceHardCopy), ("email", Key::CorrespondenceEmail)])/>
            <SelectField label=t(Key::FieldLanguageDefault) value=draft.language_default options=language_options(i18n, draft.language_default) hint=Signal::derive(move || Some(i18n.t(Key::LanguageDefaultHint).to_string())) error=field_error(i18n, problems, "language_default")/>
        </div>
        <Checkbox label=t(Key::FieldIgnoreCorrespondence) checked=draft.ignore_correspondence/>
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
            <legend>{move || i18n.t(Key::LettersHeading)}</legend>
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
