//! The set-up tables that are a code and a description: the four classifications (mailing
//! groups, industry groups, business relations, job responsibilities). One component serves
//! them all; [`CodeTable`] says which table and what its texts are. (Interaction groups are a
//! code and a description too, but they are kept on the Templates page, beside the templates
//! that belong to them.)

use leptos::prelude::*;

use super::{
    code_taken, DeleteQuestion, Deleting, EditDialog, Editing, FeedbackList, RecordTable, Section,
};
use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::Code;
use crate::core::model::{Classification, ClassificationKind};
use crate::core::problem::Problems;
use crate::ui::components::TextField;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// A table of codes with descriptions: one of the four classification kinds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CodeTable(pub ClassificationKind);

/// The texts of one table: heading, add button (also the new-record dialog's title), empty state.
struct Texts {
    title: AnyKey,
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

    pub fn title(self) -> AnyKey {
        self.texts().title
    }

    fn texts(self) -> Texts {
        let (title, add, empty) = match self {
            CodeTable(ClassificationKind::MailingGroup) => (
                Term::MailingGroups.any(),
                Key::AddMailingGroup,
                Key::MailingGroupsEmpty,
            ),
            CodeTable(ClassificationKind::IndustryGroup) => (
                Term::IndustryGroups.any(),
                Key::AddIndustryGroup,
                Key::IndustryGroupsEmpty,
            ),
            CodeTable(ClassificationKind::BusinessRelation) => (
                Term::BusinessRelations.any(),
                Key::AddBusinessRelation,
                Key::BusinessRelationsEmpty,
            ),
            CodeTable(ClassificationKind::JobResponsibility) => (
                Term::JobResponsibilities.any(),
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

    let editing = Editing::<Code>::new();
    let form = editing.feedback;
    let code = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let start = move |record: Option<(Code, String)>| {
        code.set(record.as_ref().map(|r| r.0.to_string()).unwrap_or_default());
        description.set(record.as_ref().map(|r| r.1.clone()).unwrap_or_default());
        editing.start(record.map(|r| r.0));
    };
    let save = move |_| {
        let new_code = Code::new(&code.get_untracked());
        let taken = code_taken(rows, &new_code, |(c, _)| c);
        let description = description.get_untracked();
        editing.save(data, taken, move |db| {
            table.save(db, new_code.clone(), description.clone())
        });
    };
    let deleting = Deleting::<(Code, String)>::new();
    let delete = move |_| deleting.commit(data, move |db, (code, _)| table.delete(db, code));

    let cells = |(code, description): (Code, String)| {
        view! {
            <td class="rm-code">{code.to_string()}</td>
            <td>{description}</td>
        }
        .into_any()
    };
    let name = |(code, _): (Code, String)| code.to_string();
    view! {
        <Section id=table.anchor() title=texts.title add=texts.add on_add=Callback::new(move |_| start(None))>
            <FeedbackList feedback=deleting.feedback/>
            <RecordTable
                rows
                empty=texts.empty
                columns=const { &[Term::Code.any(), Term::Description.any()] }
                cells=Callback::new(cells)
                name=Callback::new(name)
                on_edit=Callback::new(move |r| start(Some(r)))
                on_delete=Callback::new(move |r| deleting.ask(r))
            />
            <EditDialog
                open=editing.open
                title=editing.title(texts.add, Code::to_string)
                feedback=form
                fields=&["code", "description"]
                on_save=Callback::new(save)
            >
                <CodeField editing=editing.editing code error=form.at("code")/>
                <TextField label=move || i18n.t(Term::Description).to_string() value=description error=form.at("description")/>
            </EditDialog>
            <DeleteQuestion deleting name=Callback::new(name) on_yes=Callback::new(delete)/>
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
    #[prop(optional, into)]
    label: Option<AnyKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = label.unwrap_or(Term::Code.any());
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
