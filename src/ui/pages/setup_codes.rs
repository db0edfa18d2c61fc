//! The set-up tables that are a code and a description: the four classifications (mailing
//! groups, industry groups, business relations, job responsibilities). One component serves
//! them all; [`CodeTable`] says which table and what its texts are. (Interaction groups are a
//! code and a description too, but they are kept on the Templates page, beside the templates
//! that belong to them.)

use leptos::prelude::*;

use super::setup_common::{
    empty_or, Confirm, EditDialog, Feedback, FeedbackList, RowActions, Section, CODE_EXISTS,
};
use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::Code;
use crate::core::model::{Classification, ClassificationKind};
use crate::core::problem::{Problem, Problems};
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::state::use_data;

/// A table of codes with descriptions: one of the four classification kinds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CodeTable(pub ClassificationKind);

/// The texts of one table: heading, add button (also the new-record dialog's title), empty state.
struct Texts {
    title: Key,
    add: Key,
    empty: Key,
}

impl CodeTable {
    /// The section's element id, for the page's in-page links.
    pub fn anchor(self) -> &'static str {
        match self {
            CodeTable(ClassificationKind::MailingGroup) => "mailing-groups",
            CodeTable(ClassificationKind::IndustryGroup) => "industry-groups",
            CodeTable(ClassificationKind::BusinessRelation) => "business-relations",
            CodeTable(ClassificationKind::JobResponsibility) => "job-responsibilities",
        }
    }

    pub fn title(self) -> Key {
        self.texts().title
    }

    fn texts(self) -> Texts {
        let (title, add, empty) = match self {
            CodeTable(ClassificationKind::MailingGroup) => (
                Key::MailingGroups,
                Key::AddMailingGroup,
                Key::MailingGroupsEmpty,
            ),
            CodeTable(ClassificationKind::IndustryGroup) => (
                Key::IndustryGroups,
                Key::AddIndustryGroup,
                Key::IndustryGroupsEmpty,
            ),
            CodeTable(ClassificationKind::BusinessRelation) => (
                Key::BusinessRelations,
                Key::AddBusinessRelation,
                Key::BusinessRelationsEmpty,
            ),
            CodeTable(ClassificationKind::JobResponsibility) => (
                Key::JobResponsibilities,
                Key::AddJobResponsibility,
                Key::JobResponsibilitiesEmpty,
            ),
        };
        Texts { title, add, empty }
    }

    /// Every record as (code, description), in code order.
    fn list(self, db: &Db) -> Vec<(Code, String)> {
        db.classifications
            .get(&self.0)
            .map(|table| {
                table
                    .values()
                    .map(|c| (c.code.clone(), c.description.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn save(self, db: &Db, code: Code, description: String) -> Result<Changes, Problems> {
        db.save_classification(self.0, Classification { code, description })
    }

    fn delete(self, db: &Db, code: &Code) -> Result<Changes, Problems> {
        db.delete_classification(self.0, code)
    }
}

/// One code table: its list, an add/edit dialog and delete with the reason it is refused.
#[component]
pub fn CodeSection(
    /// Which table.
    table: CodeTable,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let texts = table.texts();
    let rows = Memo::new(move |_| data.with_db(|db| table.list(db)));

    let open = RwSignal::new(false);
    // The code being edited; `None` while a new record is being added.
    let editing = RwSignal::new(None::<Code>);
    let code = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let form = Feedback::new();

    let start = move |record: Option<(Code, String)>| {
        form.clear();
        code.set(record.as_ref().map(|r| r.0.to_string()).unwrap_or_default());
        description.set(record.as_ref().map(|r| r.1.clone()).unwrap_or_default());
        editing.set(record.map(|r| r.0));
        open.set(true);
    };
    let save = move |_| {
        let new_code = Code::new(&code.get_untracked());
        let adding = editing.get_untracked().is_none();
        // Saving under an existing code replaces that record, so a new one must not reuse it.
        let taken = adding
            && !new_code.is_empty()
            && rows.with_untracked(|r| r.iter().flatten().any(|(c, _)| *c == new_code));
        if taken {
            form.0
                .set(vec![Problem::field("code", CODE_EXISTS).with(&new_code)]);
            return;
        }
        let description = description.get_untracked();
        form.commit(
            data,
            move |db| table.save(db, new_code.clone(), description.clone()),
            move |_| open.set(false),
        );
    };

    let section_feedback = Feedback::new();
    let confirm = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Code>);
    let delete = move |_| {
        let Some(code) = doomed.get_untracked() else {
            return;
        };
        section_feedback.commit(data, move |db| table.delete(db, &code), |_| {});
    };

    let title = move || match editing.get() {
        Some(code) => i18n.tf(Key::EditTitle, &[("name", code.as_str())]),
        None => i18n.t(texts.add).to_string(),
    };
    let list = move || {
        empty_or(
            rows.with(|r| r.as_ref().map(Vec::len)),
            texts.empty,
            move || {
                view! {
                    <table class="rm-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(Key::Code)}</th>
                                <th scope="col">{move || i18n.t(Key::Description)}</th>
                                <th scope="col"><span class="visually-hidden">{move || i18n.t(Key::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(row_code, row_description)| {
                                    let record = (row_code.clone(), row_description.clone());
                                    let name = row_code.to_string();
                                    let on_delete = {
                                        let row_code = row_code.clone();
                                        move || {
                                            section_feedback.clear();
                                            doomed.set(Some(row_code.clone()));
                                            confirm.set(true);
                                        }
                                    };
                                    view! {
                                        <tr>
                                            <td class="rm-code">{row_code.to_string()}</td>
                                            <td>{row_description}</td>
                                            <RowActions
                                                name
                                                on_edit=Callback::new(move |_| start(Some(record.clone())))
                                                on_delete=Callback::new(move |_| on_delete())
                                            />
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            },
        )
    };

    view! {
        <Section id=table.anchor() title=texts.title add=texts.add on_add=Callback::new(move |_| start(None))>
            <FeedbackList feedback=section_feedback/>
            {list}
            <EditDialog open title feedback=form fields=&["code", "description"] on_save=Callback::new(save)>
                <CodeField editing code error=form.at("code")/>
                <TextField label=move || i18n.t(Key::Description).to_string() value=description error=form.at("description")/>
            </EditDialog>
            <Confirm
                open=confirm
                title=move || i18n.t(Key::DeleteTitle).to_string()
                text=move || {
                    let code = doomed.get().map(|c| c.to_string()).unwrap_or_default();
                    i18n.tf(Key::DeleteQuestion, &[("name", &code)])
                }
                yes=move || i18n.t(Key::Delete).to_string()
                on_yes=Callback::new(delete)
            />
        </Section>
    }
}

/// The code of a record: a field while it is new, its fixed value once saved (a record has no
/// rename; a new code is a new record).
#[component]
pub fn CodeField(
    /// The code being edited; `None` while the record is new.
    editing: RwSignal<Option<Code>>,
    /// The code typed.
    code: RwSignal<String>,
    /// The problem with the code.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The label, when it is not "Code".
    #[prop(optional)]
    label: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = label.unwrap_or(Key::Code);
    move || match editing.get() {
        Some(fixed) => view! {
            <p class="rm-fixed">
                <span class="rm-fixed-label">{move || i18n.t(label)}</span>
                " "
                <strong>{fixed.to_string()}</strong>
            </p>
        }
        .into_any(),
        None => view! {
            <TextField
                label=move || i18n.t(label).to_string()
                value=code
                error=error
                hint=Signal::derive(move || Some(i18n.t(Key::CodeHint).to_string()))
                required=true
                autocomplete="off"
            />
        }
        .into_any(),
    }
}
