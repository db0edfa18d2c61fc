//! Templates: interaction templates and their letters per language (product.md §5,
//! reference-bc.md §1.5). Every template belongs to an interaction group, so the groups come
//! first, in a compact list where a new one can be added without leaving the page.
//!
//! Nothing is created on the user's behalf: an empty list says what to add and why.

use leptos::prelude::*;

use super::PageHeader;
use crate::core::ids::Code;
use crate::core::model::{InteractionGroup, InteractionTemplate, LetterBody};
use crate::core::problem::{Place, Problem};
use crate::ui::components::{problem_text, Dialog, Feedback, FeedbackList, TextField};
use crate::ui::features::letters::draft::TemplateDraft;
use crate::ui::features::letters::language_label;
use crate::ui::features::letters::template::TemplateEditor;
use crate::ui::features::letters::{split_commit_error, StatusLine};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The page. The shell's keys are named in full: `Key` in this file is the letters table.
#[component]
pub fn Templates() -> impl IntoView {
    view! {
        <PageHeader title={crate::ui::i18n::Key::PageTemplates} intro={crate::ui::i18n::Key::TemplatesIntro}/>
        <InteractionGroups/>
        <TemplateList/>
    }
}

/// The interaction groups, and a form to add one.
#[component]
fn InteractionGroups() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let code = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let exists = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let groups = Memo::new(move |_| {
        data.with_db(|db| db.interaction_groups.values().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let group = InteractionGroup {
            code: Code::new(&code.get_untracked()),
            description: description.get_untracked().trim().to_string(),
        };
        let saved = group.code.to_string();
        // Saving replaces a group with the same code; from an "Add" form that would silently
        // rewrite an existing group, so it is refused here. (Another tab adding the same code
        // in the same instant would still win; the group would only get a new description.)
        let taken = data
            .with_db(|db| db.interaction_groups.contains_key(&group.code))
            .unwrap_or(false);
        exists.set(taken.then(|| i18n.tf(Key::GroupExists, &[("code", &saved)])));
        if taken {
            return;
        }
        data.commit(
            move |db| db.save_interaction_group(group.clone()),
            move |result| match result {
                Ok(_) => {
                    problems.set(Vec::new());
                    code.set(String::new());
                    description.set(String::new());
                    status.set(Some(i18n.tf(Key::GroupSaved, &[("code", &saved)])));
                }
                Err(error) => {
                    let (refused, store) = split_commit_error(&i18n, error);
                    problems.set(refused);
                    status.set(store);
                }
            },
        );
    };
    let code_error = Signal::derive(move || {
        if let Some(text) = exists.get() {
            return Some(text);
        }
        problems.with(|p| {
            p.iter()
                .find(|p| p.place == Place::Field("code".into()))
                .map(|p| problem_text(&i18n, p))
        })
    });
    view! {
        <section class="groups" aria-labelledby="groups-title">
            <h2 id="groups-title">{move || i18n.t(Key::GroupsHeading)}</h2>
            <p class="hint">{move || i18n.t(Key::GroupsIntro)}</p>
            {move || {
                let groups = groups.get();
                if groups.is_empty() {
                    return view! { <p class="empty-state">{i18n.t(Key::GroupsEmpty)}</p> }.into_any();
                }
                view! {
                    <table class="data compact">
                        <caption class="visually-hidden">{i18n.t(Key::GroupsHeading)}</caption>
                        <thead><tr><th scope="col">{i18n.t(Term::Code)}</th><th scope="col">{i18n.t(Term::Description)}</th></tr></thead>
                        <tbody>
                            {groups.into_iter().map(|g| view! { <tr><td>{g.code.to_string()}</td><td>{g.description}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            <form class="inline-form" on:submit=add novalidate>
                <TextField label=Signal::derive(move || i18n.t(Key::GroupCode).to_string()) value=code required=true autocomplete="off" error=code_error/>
                <TextField label=Signal::derive(move || i18n.t(Key::GroupDescription).to_string()) value=description autocomplete="off"/>
                <button type="submit" disabled=move || data.busy.get()>{move || i18n.t(Key::GroupAdd)}</button>
            </form>
            <StatusLine text=status/>
        </section>
    }
}

/// The templates, the editor of the one being edited, and deleting.
#[component]
fn TemplateList() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let editing = RwSignal::new(None::<TemplateDraft>);
    let status = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let templates = Memo::new(move |_| {
        data.with_db(|db| {
            db.templates
                .values()
                .map(TemplateRow::of)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let first_group = move || {
        data.with_db(|db| db.interaction_groups.keys().next().map(Code::to_string))
            .flatten()
    };
    let new_template = move |_| {
        status.set(None);
        editing.set(Some(TemplateDraft::new(&first_group().unwrap_or_default())));
    };
    // A draft's signals belong to this list, not to the table row whose button made it: the
    // rows are rendered again when the template is saved, and would take the draft with them.
    let owner = Owner::current().unwrap_or_default();
    let edit = Callback::new(move |code: String| {
        status.set(None);
        let draft = owner.with(|| {
            data.with_db(|db| db.templates.get(&Code::new(&code)).map(TemplateDraft::edit))
                .flatten()
        });
        editing.set(draft);
    });
    let on_saved = Callback::new(move |code: String| {
        editing.set(None);
        status.set(Some(i18n.tf(Key::TemplateSaved, &[("code", &code)])));
    });
    view! {
        <section class="templates" aria-labelledby="templates-title">
            <h2 id="templates-title">{move || i18n.t(Key::TemplatesHeading)}</h2>
            {move || empty_note(&i18n, first_group().is_some(), templates.with(Vec::is_empty))}
            {move || (!templates.with(Vec::is_empty)).then(|| view! { <TemplateTable templates edit deleting/> })}
            <StatusLine text=status/>
            <button
                type="button"
                class="primary"
                disabled=move || first_group().is_none()
                on:click=new_template
            >
                {move || i18n.t(Key::NewTemplate)}
            </button>
            {move || {
                editing
                    .get()
                    .map(|draft| {
                        view! { <TemplateEditor draft on_saved on_cancel=Callback::new(move |_| editing.set(None))/> }
                    })
            }}
            <DeleteTemplate deleting status/>
        </section>
    }
}

/// What an empty list needs: a group first, then a template.
fn empty_note(i18n: &I18n, has_groups: bool, no_templates: bool) -> Option<impl IntoView> {
    let key = match (has_groups, no_templates) {
        (false, _) => Key::TemplatesNeedGroup,
        (true, true) => Key::TemplatesEmpty,
        (true, false) => return None,
    };
    Some(view! { <p class="empty-state">{i18n.t(key)}</p> })
}

/// One template as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct TemplateRow {
    code: String,
    description: String,
    group: String,
    /// Each letter's language ("" for the default) and whether it is a Word document.
    letters: Vec<(String, bool)>,
}

impl TemplateRow {
    fn of(template: &InteractionTemplate) -> Self {
        TemplateRow {
            code: template.code.to_string(),
            description: template.description.clone(),
            group: template.group.to_string(),
            letters: template
                .letters
                .iter()
                .map(|l| {
                    let word = matches!(l.body, LetterBody::Docx { .. });
                    (l.language.clone(), word)
                })
                .collect(),
        }
    }

    /// "default (text), fi (Word)", or "No letter".
    fn letters_text(&self, i18n: &I18n) -> String {
        if self.letters.is_empty() {
            return i18n.t(Key::NoLetter).to_string();
        }
        self.letters
            .iter()
            .map(|(language, word)| {
                let key = if *word {
                    Key::LetterSummaryWord
                } else {
                    Key::LetterSummaryText
                };
                i18n.tf(key, &[("language", &language_label(i18n, language))])
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[component]
fn TemplateTable(
    templates: Memo<Vec<TemplateRow>>,
    edit: Callback<String>,
    deleting: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let rows = templates.get().into_iter().map(|row| {
            let (edit_code, delete_code) = (row.code.clone(), row.code.clone());
            let edit_label = i18n.tf(Key::EditTemplate, &[("code", &row.code)]);
            let delete_label = i18n.tf(Key::DeleteTemplate, &[("code", &row.code)]);
            view! {
                <tr>
                    <td>{row.code.clone()}</td>
                    <td>{row.description.clone()}</td>
                    <td>{row.group.clone()}</td>
                    <td>{row.letters_text(&i18n)}</td>
                    <td class="actions">
                        <button type="button" aria-label=edit_label on:click=move |_| edit.run(edit_code.clone())>
                            {i18n.t(Term::Edit)}
                        </button>
                        <button type="button" class="danger" aria-label=delete_label on:click=move |_| deleting.set(Some(delete_code.clone()))>
                            {i18n.t(Term::Delete)}
                        </button>
                    </td>
                </tr>
            }
        });
        // The table scrolls inside its own box on a phone, as the set-up tables do, instead of
        // pushing the whole page sideways.
        view! {
            <div class="rm-scroll">
            <table class="data templates-table">
                <caption class="visually-hidden">{i18n.t(Key::TemplatesHeading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Term::Code)}</th>
                        <th scope="col">{i18n.t(Term::Description)}</th>
                        <th scope="col">{i18n.t(Key::ColGroup)}</th>
                        <th scope="col">{i18n.t(Key::Letters)}</th>
                        <th scope="col">{i18n.t(Term::Actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
            </div>
        }
    }
}

/// Asks before deleting a template, and shows why the core refused (segments still use it) or
/// why the browser could not store the delete; the dialog stays open until it succeeds.
#[component]
fn DeleteTemplate(
    deleting: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let open = RwSignal::new(false);
    let feedback = Feedback::new();
    Effect::new(move |_| {
        if deleting.get().is_some() {
            feedback.clear();
            open.set(true);
        }
    });
    Effect::new(move |_| {
        if !open.get() {
            deleting.set(None);
        }
    });
    let confirm = move |_| {
        let Some(code) = deleting.get_untracked() else {
            return;
        };
        let key = Code::new(&code);
        feedback.commit(
            data,
            move |db| db.delete_template(&key),
            move |_| {
                open.set(false);
                status.set(Some(i18n.tf(Key::TemplateDeleted, &[("code", &code)])));
            },
        );
    };
    let code = move || deleting.get().unwrap_or_default();
    view! {
        <Dialog open title=Signal::derive(move || i18n.tf(Key::DeleteTitle, &[("code", &code())]))>
            <p>{move || i18n.t(Key::DeleteBody)}</p>
            <FeedbackList feedback/>
            <div class="dialog-actions">
                <button type="button" class="danger" on:click=confirm disabled=move || data.busy.get()>
                    {move || i18n.t(Term::Delete)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>{move || i18n.t(Term::Cancel)}</button>
            </div>
        </Dialog>
    }
}
