//! Profile questionnaires: a code, a description and numbered answers that contacts can give
//! (product.md §2, reference-bc.md §1.2). Segments filter contacts by these answers.

use leptos::prelude::*;

use super::codes::CodeField;
use super::{
    code_taken, DeleteQuestion, Deleting, EditDialog, Editing, FeedbackList, RecordTable, Section,
};
use crate::core::ids::Code;
use crate::core::model::{ProfileAnswer, ProfileQuestionnaire};
use crate::ui::components::TextField;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// One answer row being edited; `key` only tells the rows apart while they are added and removed.
#[derive(Clone, Copy)]
struct AnswerRow {
    key: u32,
    line: RwSignal<String>,
    text: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct Form {
    code: RwSignal<String>,
    description: RwSignal<String>,
    answers: RwSignal<Vec<AnswerRow>>,
    next_key: StoredValue<u32>,
}

impl Form {
    fn new() -> Self {
        Form {
            code: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            answers: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        }
    }

    fn row(self, line: String, text: String) -> AnswerRow {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        AnswerRow {
            key,
            line: RwSignal::new(line),
            text: RwSignal::new(text),
        }
    }

    fn fill(self, q: &ProfileQuestionnaire) {
        self.code.set(q.code.to_string());
        self.description.set(q.description.clone());
        let rows = q
            .answers
            .iter()
            .map(|a| self.row(a.line.to_string(), a.text.clone()))
            .collect();
        self.answers.set(rows);
    }

    /// Adds an empty answer numbered after the highest line so far.
    fn add_answer(self) {
        let next = self.answers.with_untracked(|rows| {
            rows.iter()
                .filter_map(|r| r.line.get_untracked().trim().parse::<u32>().ok())
                .max()
                .unwrap_or(0)
                + 1
        });
        let row = self.row(next.to_string(), String::new());
        self.answers.update(|rows| rows.push(row));
    }

    fn value(self) -> ProfileQuestionnaire {
        ProfileQuestionnaire {
            code: Code::new(&self.code.get_untracked()),
            description: self.description.get_untracked().trim().to_string(),
            // A line that is not a number is sent as 0, which the core reports as missing.
            answers: self.answers.with_untracked(|rows| {
                rows.iter()
                    .map(|r| ProfileAnswer {
                        line: r.line.get_untracked().trim().parse().unwrap_or(0),
                        text: r.text.get_untracked().trim().to_string(),
                    })
                    .collect()
            }),
        }
    }
}

#[component]
pub fn QuestionnaireSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let rows = Memo::new(move |_| {
        data.with_db(|db| db.questionnaires.values().cloned().collect::<Vec<_>>())
    });

    let editing = Editing::<Code>::new();
    let form = Form::new();
    let feedback = editing.feedback;
    let start = move |record: Option<ProfileQuestionnaire>| {
        form.fill(&record.clone().unwrap_or_default());
        if record.is_none() {
            form.add_answer();
        }
        editing.start(record.map(|r| r.code));
    };
    let save = move |_| {
        let questionnaire = form.value();
        let taken = code_taken(rows, &questionnaire.code, |q| &q.code);
        editing.save(data, taken, move |db| {
            db.save_questionnaire(questionnaire.clone())
        });
    };
    let deleting = Deleting::<ProfileQuestionnaire>::new();
    let delete = move |_| deleting.commit(data, |db, q| db.delete_questionnaire(&q.code));

    let cells = |q: ProfileQuestionnaire| {
        let answers = q
            .answers
            .iter()
            .map(|a| format!("{} {}", a.line, a.text))
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <td class="rm-code">{q.code.to_string()}</td>
            <td>{q.description}</td>
            <td>{answers}</td>
        }
        .into_any()
    };
    let name = |q: ProfileQuestionnaire| q.code.to_string();
    let text = move |key: AnyKey| move || i18n.t(key).to_string();
    view! {
        <Section id="questionnaires" title=Key::Questionnaires add=Key::AddQuestionnaire on_add=Callback::new(move |_| start(None))>
            <FeedbackList feedback=deleting.feedback/>
            <RecordTable
                rows
                empty=Key::QuestionnairesEmpty
                columns=const { &[Term::Code.any(), Term::Description.any(), Key::Answers.any()] }
                cells=Callback::new(cells)
                name=Callback::new(name)
                on_edit=Callback::new(move |q| start(Some(q)))
                on_delete=Callback::new(move |q| deleting.ask(q))
            />
            <EditDialog
                open=editing.open
                title=editing.title(Key::AddQuestionnaire, Code::to_string)
                feedback
                fields=&["code", "description", "answers"]
                on_save=Callback::new(save)
            >
                <CodeField editing=editing.editing code=form.code error=feedback.at("code")/>
                <TextField label=text(Term::Description.any()) value=form.description error=feedback.at("description")/>
                <AnswerRows form error=feedback.at("answers")/>
            </EditDialog>
            <DeleteQuestion deleting name=Callback::new(name) on_yes=Callback::new(delete)/>
        </Section>
    }
}

/// The answers of the questionnaire being edited: a line number and a text each, with add and
/// remove. The answers' problems (duplicate or missing line, missing text, an answer contacts
/// gave) are shown under the group.
#[component]
fn AnswerRows(
    /// The form being edited.
    form: Form,
    /// The problem with the answers.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("answers-error-{}", crate::ui::components::dialog::next_id());
    let described = error_id.clone();
    view! {
        <fieldset class="rm-group" aria-describedby=move || error.get().map(|_| described.clone())>
            <legend>{move || i18n.t(Key::Answers)}</legend>
            <For each=move || form.answers.get() key=|row| row.key let:row>
                <AnswerRowView form row/>
            </For>
            <button type="button" class="small" on:click=move |_| form.add_answer()>
                {move || i18n.t(Key::AddAnswer)}
            </button>
            {move || error.get().map(|text| view! { <p id=error_id.clone() class="field-error" role="alert">{text}</p> })}
        </fieldset>
    }
}

/// One answer: its line number, its text and a remove button, each named with the position.
#[component]
fn AnswerRowView(
    /// The form the row belongs to.
    form: Form,
    /// The row.
    row: AnswerRow,
) -> impl IntoView {
    let i18n = use_i18n();
    // The position in the list, counted from 1, names the controls ("Answer 2 text").
    let position = move || {
        form.answers
            .with(|rows| rows.iter().position(|r| r.key == row.key))
            .map_or(0, |p| p + 1)
            .to_string()
    };
    let named = move |key: Key| move || i18n.tf(key, &[("n", &position())]);
    view! {
        <div class="rm-answer">
            <input
                class="rm-answer-line"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                aria-label=named(Key::AnswerLineLabel)
                prop:value=move || row.line.get()
                on:input=move |ev| row.line.set(event_target_value(&ev))
            />
            <input
                class="rm-answer-text"
                type="text"
                autocomplete="off"
                aria-label=named(Key::AnswerTextLabel)
                prop:value=move || row.text.get()
                on:input=move |ev| row.text.set(event_target_value(&ev))
            />
            <button
                type="button"
                class="small"
                aria-label=named(Key::RemoveAnswerNamed)
                on:click=move |_| form.answers.update(|rows| rows.retain(|r| r.key != row.key))
            >
                {move || i18n.t(Term::Remove)}
            </button>
        </div>
    }
}
