//! Contacts: the list of people and companies with search, sort and filters, import and export,
//! and the form for a new contact.
//!
//! A new contact has no address of its own until it is saved, so its form is shown here in place
//! of the list; saving opens the new contact's page.
//!
//! Below the page are the small pieces the contacts pages share: labels of the core's enums in the
//! user's language, dates and counts formatted for the language, messages of a failed commit,
//! showing a core problem at the field it names, and giving the browser a turn during long work.

mod batches;
mod classes;
pub mod contact;
mod delete;
mod draft;
mod first_run;
mod form;
mod import;
mod list;
mod sections;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::PageHeader;
use crate::core::model::{Contact, ContactKind};
use crate::core::problem::{Place, Problem};
use first_run::FirstRun;
// The contact pages take the shared wording of a failed commit from here, with their other helpers.
pub use crate::ui::components::commit_error_text;
use crate::ui::components::problem_text;
use crate::ui::i18n::{self as shell, use_i18n, AnyKey, I18n, Lang};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use form::{ContactEditor, EditorDone};
use import::dialog::ImportDialog;
use list::{ContactList, ListState};

#[component]
pub fn Contacts() -> impl IntoView {
    let state = ListState::remembered();
    let creating = RwSignal::new(None::<ContactKind>);
    let import_open = RwSignal::new(false);
    let on_new = Callback::new(move |kind| {
        creating.set(Some(kind));
        focus_heading();
    });
    let on_import = Callback::new(move |()| import_open.set(true));
    view! {
        <div class="contacts-area">
            {move || match creating.get() {
                Some(kind) => view! { <NewContact kind creating/> }.into_any(),
                None => view! {
                    <PageHeader title=shell::Key::PageContacts intro=shell::Key::ContactsIntro/>
                    <FirstRun/>
                    <ContactList state on_new on_import/>
                }
                .into_any(),
            }}
            <ImportDialog open=import_open/>
        </div>
    }
}

/// The form for a new company or person. Saving opens the new contact's page; cancelling
/// returns to the list.
#[component]
fn NewContact(kind: ContactKind, creating: RwSignal<Option<ContactKind>>) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let title = match kind {
        ContactKind::Company => Key::NewCompany,
        ContactKind::Person => Key::NewPerson,
    };
    let contact = Contact {
        kind,
        ..Contact::default()
    };
    let on_done = Callback::new(move |done: EditorDone| match done {
        EditorDone::Saved(id) => {
            router.open(Route::Contact(id));
            focus_heading();
        }
        EditorDone::Cancelled | EditorDone::Deleted => {
            creating.set(None);
            focus_heading();
        }
    });
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(title)}</h1>
            <p class="intro">{move || i18n.t(Key::NewContactIntro)}</p>
        </header>
        <ContactEditor contact on_done/>
    }
}

pub fn kind_label(kind: ContactKind) -> AnyKey {
    match kind {
        ContactKind::Company => Term::Company.any(),
        ContactKind::Person => Key::KindPerson.any(),
    }
}

pub use crate::ui::clock::now;

/// The messages of the problems at one field, joined; `None` when the field has none.
pub fn field_problems(i18n: &I18n, problems: &[Problem], field: &str) -> Option<String> {
    let texts: Vec<String> = problems
        .iter()
        .filter(|p| matches!(&p.place, Place::Field(f) if f == field))
        .map(|p| problem_text(i18n, p))
        .collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// Moves keyboard focus to the page's heading once it has rendered, so that a screen reader
/// announces a view that replaced the page's content (the shell does this only for navigation).
pub fn focus_heading() {
    request_animation_frame(|| {
        let heading = document()
            .query_selector("#main h1")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            let _ = heading.focus();
        }
    });
}

/// Resolves after the browser has painted the next frame, so that a busy indicator set just
/// before it is visible while synchronous work that follows runs.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        request_animation_frame(move || {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// A count as people of the interface language write it: `100,000` in English, `100 000` in
/// Finnish (with a no-break space, so that a number is never split across lines).
pub fn format_count(lang: Lang, count: usize) -> String {
    // One grouping rule for the whole interface: the catalogue's, which its tests check.
    lang.count(count)
}

/// How long one slice of long work may keep the main thread before it gives the browser a
/// turn: well under the 50 ms the browser counts as a long task, so that clicks, typing and
/// painting the progress wait at most about this long.
const SLICE_MS: f64 = 25.0;

/// The time budget of one slice of long work (see [`yield_to_browser`]).
pub struct SliceClock {
    started: f64,
}

impl SliceClock {
    pub fn start() -> Self {
        SliceClock { started: clock() }
    }

    /// Whether this slice has used its time, so the work should yield now.
    pub fn spent(&self) -> bool {
        clock() - self.started >= SLICE_MS
    }
}

fn clock() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The problems of the draft, for the fields to show theirs.
#[derive(Clone, Copy)]
pub struct FieldErrors {
    problems: Memo<Vec<Problem>>,
}

impl FieldErrors {
    /// The message at one field, following the problems as they change.
    pub fn at(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || self.problems.with(|p| field_problems(&i18n, p, field)))
    }
}
