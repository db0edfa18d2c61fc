//! Pieces shared by the Set-up page and the log pages (Logged segments, Interaction log): the
//! clock, a commit whose problems are kept for the view, problems shown at their field or in a
//! list, an edit dialog, a yes/no dialog and a section with its heading.
//!
//! The log pages use them too; they live here because these pages share one owner, not because
//! they are about set-up. Their texts are in the set-up table of the catalogue.

use chrono::{Local, NaiveDateTime};
use leptos::prelude::*;

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::problem::{Place, Problem, Problems, Severity};
use crate::storage::StoreError;
use crate::store::session::CommitError;
use crate::ui::components::{problem_text, Dialog};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::logs;
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::state::Data;

/// Problem codes the UI itself reports (the core never does), with their own messages here.
pub const CODE_EXISTS: &str = "setup.ui.code_exists";
pub const FORMULA_EXISTS: &str = "setup.ui.formula_exists";
/// Logged letters could not be read back from the store (the reason is the store's own).
pub const LETTERS_UNREADABLE: &str = "logs.ui.letters_unreadable";
const STORE_FULL: &str = "setup.ui.store_full";
const STORE_FAILED: &str = "setup.ui.store_failed";

/// At most this many problems are listed; a multi-select action over thousands of entries
/// could otherwise fill the page with one line per entry.
const LISTED: usize = 10;

/// The current local time. Only the UI reads the clock; the core takes it as an argument.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// The problems of the last attempt of one form or one action, for the view.
#[derive(Clone, Copy)]
pub struct Feedback(pub RwSignal<Problems>);

impl Feedback {
    pub fn new() -> Self {
        Feedback(RwSignal::new(Vec::new()))
    }

    pub fn clear(self) {
        self.0.set(Vec::new());
    }

    /// Keeps a refusal or a store failure as problems, so both are shown the same way.
    pub fn fail(self, error: CommitError) {
        let problems = match error {
            CommitError::Refused(problems) => problems,
            CommitError::Store(StoreError::QuotaExceeded) => vec![Problem::record(STORE_FULL)],
            CommitError::Store(other) => {
                vec![Problem::record(STORE_FAILED).with(format!("{other:?}"))]
            }
        };
        self.0.set(problems);
    }

    /// The message of the first problem about `field`, for a form control's `error`.
    pub fn at(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0.with(|all| {
                all.iter()
                    .find(|p| field_of(p) == Some(field))
                    .map(|p| message(&i18n, p))
            })
        })
    }

    /// Runs one core operation through [`Data::commit`]: on success the problems are cleared and
    /// `done` runs with the committed changes; otherwise the problems are kept.
    pub fn commit(
        self,
        data: Data,
        operation: impl Fn(&Db) -> Result<Changes, Problems> + 'static,
        done: impl FnOnce(Changes) + 'static,
    ) {
        data.commit(operation, move |result| match result {
            Ok(changes) => {
                self.clear();
                done(changes);
            }
            Err(error) => self.fail(error),
        });
    }
}

impl Default for Feedback {
    fn default() -> Self {
        Self::new()
    }
}

/// The field a problem is about.
fn field_of(problem: &Problem) -> Option<&str> {
    match &problem.place {
        Place::Field(field) => Some(field),
        Place::Line {
            field: Some(field), ..
        } => Some(field),
        _ => None,
    }
}

/// The message of one problem, including those this module invents.
pub fn message(i18n: &I18n, problem: &Problem) -> String {
    let arg = |i: usize| problem.args.get(i).map_or("", String::as_str);
    match problem.code.as_str() {
        CODE_EXISTS => i18n.tf(Key::CodeExists, &[("code", arg(0))]),
        FORMULA_EXISTS => i18n.t(Key::FormulaExists).to_string(),
        STORE_FULL => i18n.t(Key::StoreFull).to_string(),
        STORE_FAILED => i18n.tf(Key::StoreFailed, &[("reason", arg(0))]),
        LETTERS_UNREADABLE => i18n.tf(logs::Key::LettersUnreadable, &[("reason", arg(0))]),
        _ => problem_text(i18n, problem),
    }
}

/// The problems that are not shown at one of `fields`, as an alert list (the first few, and how
/// many more there are).
#[component]
pub fn FeedbackList(
    /// The problems of the last attempt.
    feedback: Feedback,
    /// Field names shown at their own control, left out here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (items, total) = feedback.0.with(|all| {
            let rest: Vec<&Problem> = all
                .iter()
                .filter(|p| field_of(p).is_none_or(|f| !fields.contains(&f)))
                .collect();
            let items: Vec<(bool, String)> = rest
                .iter()
                .take(LISTED)
                .map(|p| (p.severity == Severity::Error, message(&i18n, p)))
                .collect();
            (items, rest.len())
        });
        (!items.is_empty()).then(|| {
            let more = total - items.len();
            let more = (more > 0).then(|| {
                view! { <li>{i18n.tf(Key::MoreProblems, &[("count", &more.to_string())])}</li> }
            });
            view! {
                <ul class="rm-problems" role="alert">
                    {items
                        .into_iter()
                        .map(|(error, text)| view! { <li class:warning=!error>{text}</li> })
                        .collect_view()}
                    {more}
                </ul>
            }
        })
    }
}

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
        <Dialog open title class="rm-dialog">
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
                <div class="rm-buttons">
                    <button type="submit" class="rm-button primary">{move || i18n.t(Key::Save)}</button>
                    <button type="button" class="rm-button" on:click=move |_| open.set(false)>
                        {move || i18n.t(Key::Cancel)}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// A dialog that asks one question. `on_yes` runs when the user confirms; Cancel and Escape do
/// nothing. Cancel has the focus first, so that Enter on a destructive question does no harm.
#[component]
pub fn Confirm(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's heading.
    #[prop(into)]
    title: Signal<String>,
    /// The question, in a sentence or two.
    #[prop(into)]
    text: Signal<String>,
    /// The label of the confirming button.
    #[prop(into)]
    yes: Signal<String>,
    /// What confirming does.
    on_yes: Callback<()>,
    /// The label of the button that says no, when "Cancel" would be ambiguous.
    #[prop(optional, into)]
    no: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let no = move || no.map_or_else(|| i18n.t(Key::Cancel).to_string(), |no| no.get());
    view! {
        <Dialog open title class="rm-dialog">
            <p>{move || text.get()}</p>
            <div class="rm-buttons">
                <button type="button" class="rm-button" autofocus=true on:click=move |_| open.set(false)>
                    {no}
                </button>
                <button
                    type="button"
                    class="rm-button danger"
                    on:click=move |_| {
                        open.set(false);
                        on_yes.run(());
                    }
                >
                    {move || yes.get()}
                </button>
            </div>
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
    title: Key,
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
            <button type="button" class="rm-button" on:click=move |_| on_add.run(())>
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

/// The Edit and Delete buttons of one row, named with the record they act on.
#[component]
pub fn RowActions(
    /// What the row is, e.g. its code, for the buttons' accessible names.
    name: String,
    /// Opens the record for editing.
    on_edit: Callback<()>,
    /// Asks to delete the record.
    on_delete: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let edit_name = name.clone();
    view! {
        <td class="rm-actions">
            <button
                type="button"
                class="rm-button small"
                aria-label=move || i18n.tf(Key::EditNamed, &[("name", &edit_name)])
                on:click=move |_| on_edit.run(())
            >
                {move || i18n.t(Key::Edit)}
            </button>
            <button
                type="button"
                class="rm-button small"
                aria-label=move || i18n.tf(Key::DeleteNamed, &[("name", &name)])
                on:click=move |_| on_delete.run(())
            >
                {move || i18n.t(Key::Delete)}
            </button>
        </td>
    }
}

/// The text shown for a table's empty state, or the table when it has rows. Nothing is shown
/// until the database has loaded, so an empty state never flashes over real data.
pub fn empty_or<V: IntoView + 'static>(
    rows: Option<usize>,
    empty: Key,
    table: impl FnOnce() -> V,
) -> AnyView {
    let i18n = use_i18n();
    match rows {
        None => ().into_any(),
        Some(0) => view! { <p class="rm-empty">{move || i18n.t(empty)}</p> }.into_any(),
        // On a phone a wide table scrolls inside its section instead of widening the page.
        Some(_) => view! { <div class="rm-scroll">{table()}</div> }.into_any(),
    }
}
