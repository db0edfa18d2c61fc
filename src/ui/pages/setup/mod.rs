//! Set-up: the tables everything else refers to (product.md §2): salespeople, the four
//! classifications, profile questionnaires, salutation formulas and our company. One page with
//! a headed section per table and in-page links to each, because the tables are short and
//! people set them up in one sitting. Interaction groups live on the Templates page, beside
//! their templates; a note here points there.
//!
//! Below the page are the pieces its sections share: the clock, an edit dialog, a section with
//! its heading, and the list, row actions and delete question of one set-up table. The problem
//! list, [`Feedback`] and the yes/no dialog are in `ui::components`, shared with the other pages.

mod codes;
mod company;
mod questionnaires;
mod salespeople;
mod salutations;

use leptos::prelude::*;

pub use crate::ui::components::codes::{CODE_EXISTS, FORMULA_EXISTS};
pub use crate::ui::components::{Confirm, Feedback, FeedbackList};

use super::PageHeader;
use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::Code;
use crate::core::model::ClassificationKind;
use crate::core::problem::{Problem, Problems};
use crate::ui::components::Dialog;
use crate::ui::i18n::{self as shell, use_i18n, AnyKey};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Page};
use crate::ui::state::Data;
use codes::{CodeSection, CodeTable};
use company::OurCompanySection;
use questionnaires::QuestionnaireSection;
use salespeople::SalespeopleSection;
use salutations::SalutationSection;

const CLASSIFICATIONS: [CodeTable; 4] = [
    CodeTable(ClassificationKind::MailingGroup),
    CodeTable(ClassificationKind::IndustryGroup),
    CodeTable(ClassificationKind::BusinessRelation),
    CodeTable(ClassificationKind::JobResponsibility),
];

#[component]
pub fn Setup() -> impl IntoView {
    view! {
        <PageHeader title=shell::Key::PageSetup intro=shell::Key::SetupIntro/>
        <div class="rm setup">
            <SectionLinks/>
            <TemplatesNote/>
            <SalespeopleSection/>
            {CLASSIFICATIONS.map(|table| view! { <CodeSection table/> })}
            <QuestionnaireSection/>
            <SalutationSection/>
            <OurCompanySection/>
        </div>
    }
}

/// Links to every section of the page, in page order.
#[component]
fn SectionLinks() -> impl IntoView {
    let i18n = use_i18n();
    let mut links = vec![("salespeople", Key::Salespeople.any())];
    links.extend(CLASSIFICATIONS.map(|t| (t.anchor(), t.title())));
    links.extend([
        ("questionnaires", Key::Questionnaires.any()),
        ("salutation-formulas", Key::SalutationFormulas.any()),
        ("our-company", Key::OurCompany.any()),
    ]);
    view! {
        <nav class="rm-section-links" aria-label=move || i18n.t(Key::SectionsLabel)>
            <ul>
                {links
                    .into_iter()
                    .map(|(anchor, title)| {
                        view! { <li><a href=format!("#{anchor}")>{move || i18n.t(title)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Where interaction groups are: with the templates, which each belong to one.
#[component]
fn TemplatesNote() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let page = Page::Templates;
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
            ev.prevent_default();
            router.navigate(page);
        }
    };
    view! {
        <p class="hint rm-note">
            {move || i18n.t(Key::GroupsOnTemplates)}
            " "
            <a href=page.href() on:click=click>{move || i18n.t(Key::GoToTemplates)}</a>
        </p>
    }
}

pub use crate::ui::clock::now;

/// A dialog with a form: its fields, the problems not shown at a field, Save and Cancel.
#[component]
pub fn EditDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's heading.
    #[prop(into)]
    title: Signal<String>,
    /// The problems of the last save.
    feedback: Feedback,
    /// Field names whose problems the fields show themselves.
    #[prop(optional)]
    fields: &'static [&'static str],
    /// Saves the form (Save or Enter in a field).
    on_save: Callback<()>,
    /// The form's fields.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Dialog open title>
            // `novalidate`: the browser's own bubbles would stop the save before the core's
            // problems could be shown at the fields, in the interface language.
            <form
                class="rm-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_save.run(());
                }
            >
                {children.with_value(|children| children())}
                <FeedbackList feedback fields/>
                <div class="dialog-actions">
                    <button type="submit" class="primary">{move || i18n.t(Term::Save)}</button>
                    <button type="button" on:click=move |_| open.set(false)>
                        {move || i18n.t(Term::Cancel)}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// One headed section of a page, reachable by its `id` from the page's section links, with an
/// optional button that adds a record.
#[component]
pub fn Section(
    /// The element id, used by in-page links (`#id`).
    id: &'static str,
    /// The heading.
    #[prop(into)]
    title: AnyKey,
    /// The label of the add button; no button when absent.
    #[prop(optional)]
    add: Option<Key>,
    /// What the add button does.
    #[prop(optional)]
    on_add: Option<Callback<()>>,
    /// The section's content.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let button = add.zip(on_add).map(|(label, on_add)| {
        view! {
            <button type="button" on:click=move |_| on_add.run(())>
                {move || i18n.t(label)}
            </button>
        }
    });
    view! {
        <section class="rm-section" id=id aria-labelledby=labelled_by>
            <div class="rm-section-head">
                <h2 id=heading>{move || i18n.t(title)}</h2>
                {button}
            </div>
            {children()}
        </section>
    }
}

/// Adding or editing one record of a set-up table in its dialog: whether the dialog is open,
/// which record it edits (`None` while a new one is added) and the problems of the last save.
/// The form's own values stay with the page, which fills them before calling [`Editing::start`].
pub struct Editing<K: Send + Sync + 'static> {
    pub open: RwSignal<bool>,
    pub editing: RwSignal<Option<K>>,
    pub feedback: Feedback,
}

// Written out because a derive would ask `K: Copy`; the signals are copied, not the key.
impl<K: Send + Sync + 'static> Clone for Editing<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync + 'static> Copy for Editing<K> {}

impl<K: Clone + Send + Sync + 'static> Editing<K> {
    pub fn new() -> Self {
        Editing {
            open: RwSignal::new(false),
            editing: RwSignal::new(None),
            feedback: Feedback::new(),
        }
    }

    /// Opens the dialog for the record under `key`, or for a new record.
    pub fn start(self, key: Option<K>) {
        self.feedback.clear();
        self.editing.set(key);
        self.open.set(true);
    }

    /// The dialog's title: "Edit {name}" while editing, the add button's label while adding.
    pub fn title(
        self,
        add: Key,
        name: impl Fn(&K) -> String + Send + Sync + 'static,
    ) -> Signal<String> {
        let i18n = use_i18n();
        Signal::derive(move || match self.editing.get() {
            Some(key) => i18n.tf(Key::EditNamed, &[("name", &name(&key))]),
            None => i18n.t(add).to_string(),
        })
    }

    /// Saves the form. A new record whose key is taken is refused with `taken` (saving under an
    /// existing key would silently replace that record); otherwise the dialog closes once the
    /// operation is committed and stays open with its problems when it is not.
    pub fn save(
        self,
        data: Data,
        taken: Option<Problem>,
        operation: impl Fn(&Db) -> Result<Changes, Problems> + 'static,
    ) {
        if let (None, Some(problem)) = (self.editing.get_untracked(), taken) {
            self.feedback.set(vec![problem]);
            return;
        }
        let open = self.open;
        self.feedback
            .commit(data, operation, move |_| open.set(false));
    }
}

impl<K: Clone + Send + Sync + 'static> Default for Editing<K> {
    fn default() -> Self {
        Self::new()
    }
}

/// The problem of a new record whose `code` is in `rows` already, for [`Editing::save`].
pub fn code_taken<R: Send + Sync + 'static>(
    rows: Memo<Option<Vec<R>>>,
    code: &Code,
    code_of: impl Fn(&R) -> &Code,
) -> Option<Problem> {
    let taken =
        !code.is_empty() && rows.with_untracked(|r| r.iter().flatten().any(|r| code_of(r) == code));
    taken.then(|| Problem::field("code", CODE_EXISTS).with(code))
}

/// Deleting records of one set-up table: the record asked about, whether the question is
/// shown, and the refusal of the last delete (a record still in use), shown above the table.
pub struct Deleting<R: Send + Sync + 'static> {
    pub feedback: Feedback,
    open: RwSignal<bool>,
    doomed: RwSignal<Option<R>>,
}

// Written out because a derive would ask `R: Copy`; the signals are copied, not the record.
impl<R: Send + Sync + 'static> Clone for Deleting<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Deleting<R> {}

impl<R: Clone + Send + Sync + 'static> Deleting<R> {
    pub fn new() -> Self {
        Deleting {
            feedback: Feedback::new(),
            open: RwSignal::new(false),
            doomed: RwSignal::new(None),
        }
    }

    /// Asks whether to delete `record`.
    pub fn ask(self, record: R) {
        self.feedback.clear();
        self.doomed.set(Some(record));
        self.open.set(true);
    }

    /// Deletes the record asked about; a refusal is kept in [`Deleting::feedback`].
    pub fn commit(
        self,
        data: Data,
        operation: impl Fn(&Db, &R) -> Result<Changes, Problems> + 'static,
    ) {
        if let Some(record) = self.doomed.get_untracked() {
            self.feedback
                .commit(data, move |db| operation(db, &record), |_| {});
        }
    }
}

impl<R: Clone + Send + Sync + 'static> Default for Deleting<R> {
    fn default() -> Self {
        Self::new()
    }
}

/// "Delete {name}? This cannot be undone.", asked before a record of a set-up table goes.
#[component]
pub fn DeleteQuestion<R: Clone + Send + Sync + 'static>(
    /// The record asked about.
    deleting: Deleting<R>,
    /// How the question names a record, e.g. by its code.
    name: Callback<R, String>,
    /// Deletes the record (through [`Deleting::commit`]).
    on_yes: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Confirm
            open=deleting.open
            title=move || i18n.t(Key::DeleteTitle).to_string()
            text=move || {
                let name = deleting.doomed.get().map(|r| name.run(r)).unwrap_or_default();
                i18n.tf(Key::DeleteQuestion, &[("name", &name)])
            }
            yes=move || i18n.t(Term::Delete).to_string()
            on_yes
        />
    }
}

/// The list of one set-up table: a header row of `columns`, then one row per record with its
/// cells and its Edit and Delete buttons (named with the record). While the table is empty it
/// says so with `empty`; until the database has loaded it shows nothing, so an empty state
/// never flashes over real data.
#[component]
pub fn RecordTable<R: Clone + PartialEq + Send + Sync + 'static>(
    /// Every record; `None` until the database has loaded.
    rows: Memo<Option<Vec<R>>>,
    /// The text of the empty state.
    empty: Key,
    /// The column headings, before the actions column.
    columns: &'static [AnyKey],
    /// The cells (`<td>` elements) of one record, one per column.
    cells: Callback<R, AnyView>,
    /// What a record is called in the buttons' accessible names, e.g. its code.
    name: Callback<R, String>,
    /// Opens a record for editing.
    on_edit: Callback<R>,
    /// Asks to delete a record.
    on_delete: Callback<R>,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |record: R| {
        let name = name.run(record.clone());
        let edit_name = name.clone();
        let (edited, deleted) = (record.clone(), record.clone());
        view! {
            <tr>
                {cells.run(record)}
                <td class="rm-actions">
                    <button
                        type="button"
                        class="small"
                        aria-label=move || i18n.tf(Key::EditNamed, &[("name", &edit_name)])
                        on:click=move |_| on_edit.run(edited.clone())
                    >
                        {move || i18n.t(Term::Edit)}
                    </button>
                    <button
                        type="button"
                        class="small"
                        aria-label=move || i18n.tf(Term::DeleteNamed, &[("name", &name)])
                        on:click=move |_| on_delete.run(deleted.clone())
                    >
                        {move || i18n.t(Term::Delete)}
                    </button>
                </td>
            </tr>
        }
    };
    move || {
        match rows.get() {
        None => ().into_any(),
        Some(records) if records.is_empty() => {
            view! { <p class="rm-empty">{move || i18n.t(empty)}</p> }.into_any()
        }
        // On a phone a wide table scrolls inside its section instead of widening the page.
        Some(records) => view! {
            <div class="rm-scroll">
                <table class="rm-table">
                    <thead>
                        <tr>
                            {columns
                                .iter()
                                .map(|key| view! { <th scope="col">{move || i18n.t(*key)}</th> })
                                .collect_view()}
                            <th scope="col"><span class="visually-hidden">{move || i18n.t(Term::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{records.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any(),
    }
    }
}
