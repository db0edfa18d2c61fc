//! Showing problems in the user's language: the core's, and the few the UI itself reports.
//!
//! Every page shows a failed attempt the same way: the problems about one field at that field
//! (through [`Feedback::at`]), the rest in one alert list ([`FeedbackList`] or [`ProblemList`]).
//! Both lists render the same markup, so they look the same on every page.

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::problem::{Place, Problem, ProblemCode, Problems, Severity};
use crate::storage::{StoreError, StoredPart};
use crate::store::session::CommitError;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::problems::{count_args, message_of};
use crate::ui::i18n_catalogue::{logs, setup};
use crate::ui::state::Data;
use crate::ui::vocabulary::named_value;
use leptos::html;
use leptos::prelude::*;

/// Problem codes the UI reports itself (the core never does). Their messages are in the problem
/// catalogue like the core's, under the `ui.` namespace, and `tests/it/problem_messages.rs` checks
/// that each one has a message.
pub mod codes {
    use crate::core::problem::ProblemCode;

    /// The browser could not write a commit; the argument is the store's reason.
    pub const STORE_FAILED: ProblemCode = ProblemCode::UiStoreFailed;
    /// The browser's storage quota is used up; nothing was written.
    pub const STORE_FULL: ProblemCode = ProblemCode::UiStoreFull;
    /// The same with the browser's figures; the arguments are the bytes used and available, as
    /// decimal numbers, written as sizes in the reader's language when the message is shown.
    pub const STORE_FULL_FIGURES: ProblemCode = ProblemCode::UiStoreFullFigures;
    /// Another tab kept changing the same data, and the retries ran out; nothing was written.
    pub const STORE_CONFLICT: ProblemCode = ProblemCode::UiStoreConflict;
    /// Another tab holds the database open at an older version, so it cannot be opened here.
    pub const STORE_BLOCKED: ProblemCode = ProblemCode::UiStoreBlocked;
    /// The database was written by a newer version of the app; the arguments are the found and
    /// the supported format version.
    pub const STORE_TOO_NEW: ProblemCode = ProblemCode::UiStoreTooNew;
    /// The browser gives the page no storage; the argument is the browser's words.
    pub const STORE_UNAVAILABLE: ProblemCode = ProblemCode::UiStoreUnavailable;
    /// A new record would reuse the code of an existing one; the argument is the code.
    pub const CODE_EXISTS: ProblemCode = ProblemCode::UiCodeExists;
    /// A new salutation formula would reuse the key of an existing one.
    pub const FORMULA_EXISTS: ProblemCode = ProblemCode::UiFormulaExists;
    /// This browser has no stored letters of a logged segment (they were logged elsewhere, or
    /// arrived without them); the argument is the logged segment's number.
    /// Its message is still in the log pages' table (see [`super::problem_text`]).
    pub const LETTERS_UNREADABLE: ProblemCode = ProblemCode::UiLettersUnreadable;
}

/// At most this many problems are listed by [`FeedbackList`]; a multi-select action over
/// thousands of entries could otherwise fill the page with one line per entry.
const LISTED: usize = 10;

/// The message of a problem: the catalogue's text for its code with `{0}`, `{1}`, … filled
/// from its arguments (and `{code}` for codes without a message yet).
pub fn problem_text(i18n: &I18n, problem: &Problem) -> String {
    let first = || problem.args.first().map_or("", String::as_str);
    // This one message still lives in the log pages' own table, which another owner keeps;
    // it moves to the problem catalogue with the rest once that table gives it up.
    if problem.code == codes::LETTERS_UNREADABLE {
        return i18n.tf(logs::Key::LettersUnreadable, &[("no", first())]);
    }
    let lang = i18n.lang.get();
    let mut text = message_of(problem.code).text(lang).to_string();
    let mut args = Vec::new();
    for (index, arg) in problem.args.iter().enumerate() {
        let name = index.to_string();
        match (problem.code, arg.parse::<u64>()) {
            // Sizes travel as bytes so that they are written in the language the message is
            // read in. They are the app's own text, so they go in unisolated.
            (codes::STORE_FULL_FIGURES, Ok(bytes)) => {
                text = text.replace(&format!("{{{name}}}"), &lang.megabytes(bytes));
            }
            // Counts are grouped as the language groups them; `fill` then chooses the plural
            // form the message has for them.
            (_, Ok(count)) if count_args(message_of(problem.code)).contains(&index) => {
                args.push((name, lang.count(count as usize)))
            }
            // A conflict on a choice names both values by their stable names; the reader sees
            // the vocabulary's words.
            (crate::core::merge::CHANGED_ELSEWHERE, _) => {
                let field = match &problem.place {
                    Place::Field(field)
                    | Place::Line {
                        field: Some(field), ..
                    } => field.as_str(),
                    _ => "",
                };
                args.push((name, named_value(lang, field, arg)))
            }
            // Every other value may be the user's; `fill` isolates it so that it cannot reorder
            // the message around it.
            _ => args.push((name, arg.clone())),
        }
    }
    args.push(("code".to_owned(), problem.code.to_string()));
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    crate::ui::i18n::fill(&text, &args)
}

/// A failed commit as problems, so that a refusal and a store failure are shown the same way.
pub fn commit_problems(error: CommitError) -> Problems {
    match error {
        CommitError::Refused(problems) => problems,
        CommitError::Store(error) => vec![store_problem(error)],
    }
}

/// What the store said, as a problem with a message in the user's language: every page words a
/// store failure the same way, and none shows the error's internal form.
pub fn store_problem(error: StoreError) -> Problem {
    match error {
        StoreError::QuotaExceeded {
            used: Some(used),
            quota: Some(quota),
        } => Problem::record(codes::STORE_FULL_FIGURES)
            .with(used.to_string())
            .with(quota.to_string()),
        StoreError::QuotaExceeded { .. } => Problem::record(codes::STORE_FULL),
        StoreError::Conflict { .. } => Problem::record(codes::STORE_CONFLICT),
        StoreError::Blocked => Problem::record(codes::STORE_BLOCKED),
        StoreError::VersionTooNew { found, supported } => Problem::record(codes::STORE_TOO_NEW)
            .with(found.to_string())
            .with(supported.to_string()),
        StoreError::Unavailable(reason) => Problem::record(codes::STORE_UNAVAILABLE).with(reason),
        StoreError::Damaged { part, detail } => match part {
            StoredPart::Head => Problem::record(ProblemCode::UiStoreDamagedHead),
            StoredPart::Letters { batch } => {
                Problem::record(ProblemCode::UiStoreDamagedLetters).with(batch.no())
            }
            StoredPart::SomeLetters => Problem::record(ProblemCode::UiStoreDamagedSomeLetters),
            StoredPart::JournalEntry { seq } => {
                Problem::record(ProblemCode::UiStoreDamagedJournal).with(seq.to_string())
            }
            StoredPart::BrowserFiles => Problem::record(ProblemCode::UiStoreDamagedFiles),
        }
        .with(detail),
        StoreError::Backend(reason) => Problem::record(codes::STORE_FAILED).with(reason),
    }
}

/// The message of a store failure, for pages that show one line of text.
pub fn store_error_text(i18n: &I18n, error: &StoreError) -> String {
    problem_text(i18n, &store_problem(error.clone()))
}

/// The message of a failed commit: the core's problems joined, or the store's failure.
pub fn commit_error_text(i18n: &I18n, error: &CommitError) -> String {
    commit_problems(error.clone())
        .iter()
        .map(|p| problem_text(i18n, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a problem is about, whether it is placed on a record field or a line's field.
pub fn field_of(problem: &Problem) -> Option<&str> {
    match &problem.place {
        Place::Field(field) => Some(field),
        Place::Line {
            field: Some(field), ..
        } => Some(field),
        _ => None,
    }
}

/// The problems of the last attempt of one form or one action, for the view.
#[derive(Clone, Copy)]
pub struct Feedback(pub RwSignal<Problems>);

impl Feedback {
    pub fn new() -> Self {
        Feedback(RwSignal::new(Vec::new()))
    }

    /// Feedback that starts with `problems`, e.g. those of a preview that refused.
    pub fn of(problems: Problems) -> Self {
        Feedback(RwSignal::new(problems))
    }

    pub fn set(self, problems: Problems) {
        self.0.set(problems);
    }

    pub fn clear(self) {
        self.0.set(Vec::new());
    }

    /// Keeps a refusal or a store failure as problems, so both are shown the same way.
    pub fn fail(self, error: CommitError) {
        self.0.set(commit_problems(error));
    }

    /// The message of the first problem about `field`, for a form control's `error`.
    pub fn at(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0.with(|all| {
                all.iter()
                    .find(|p| field_of(p) == Some(field))
                    .map(|p| problem_text(&i18n, p))
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

impl From<RwSignal<Problems>> for Feedback {
    fn from(problems: RwSignal<Problems>) -> Self {
        Feedback(problems)
    }
}

/// Whether a problem is a store failure: nothing the person did was saved, and no field of the
/// form can fix it, so the message must be where they look.
fn is_store_failure(problem: &Problem) -> bool {
    [
        codes::STORE_FAILED,
        codes::STORE_FULL,
        codes::STORE_FULL_FIGURES,
        codes::STORE_CONFLICT,
        codes::STORE_BLOCKED,
        codes::STORE_TOO_NEW,
    ]
    .contains(&problem.code)
}

// The alert is a `div` around the list rather than the list itself: a `ul` given the role
// "alert" is no longer a list to assistive technology, and its items lose their list.

/// Brings a problem list into view and moves the keyboard focus to it once it shows a store
/// failure. Only then: a list of a form's own problems, or of a live preview typed into, must
/// never take the focus from the field being typed in.
fn focus_on_store_failure(list: NodeRef<html::Div>, store_failure: Signal<bool>) {
    Effect::new(move |_| {
        if !store_failure.get() {
            return;
        }
        if let Some(list) = list.get() {
            list.scroll_into_view();
            let _ = list.focus();
        }
    });
}

/// One item of a problem list: errors and warnings marked apart, the line named when known.
fn problem_item(severity: Severity, place: Option<String>, text: String) -> impl IntoView {
    let class = match severity {
        Severity::Error => "problem error",
        Severity::Warning => "problem warning",
    };
    view! {
        <li class=class>
            {place.map(|p| view! { <span class="problem-place">{p}": "</span> })}
            {text}
        </li>
    }
}

/// A list of problems, errors first marked as such; each item names its line when it has one.
#[component]
pub fn ProblemList(
    /// The problems to show; nothing is rendered when empty.
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
    /// The label of a line reference, e.g. "Line {line}"; lines are not named when absent.
    #[prop(optional, into)]
    line_label: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = NodeRef::<html::Div>::new();
    focus_on_store_failure(
        list,
        Signal::derive(move || problems.with(|all| all.iter().any(is_store_failure))),
    );
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let items = problems
                .into_iter()
                .map(|problem| {
                    let place = match (&problem.place, line_label.get()) {
                        (Place::Line { line_no, .. }, Some(label)) => {
                            Some(label.replace("{line}", &line_no.to_string()))
                        }
                        _ => None,
                    };
                    problem_item(problem.severity, place, problem_text(&i18n, &problem))
                })
                .collect_view();
            view! {
                <div class="problems-alert" role="alert" tabindex="-1" node_ref=list>
                    <ul class="problems">{items}</ul>
                </div>
            }
        })
    }
}

/// The problems of a [`Feedback`] that are not shown at one of `fields`, as an alert list: the
/// first few, and how many more there are.
#[component]
pub fn FeedbackList(
    /// The problems of the last attempt.
    #[prop(into)]
    feedback: Feedback,
    /// Field names shown at their own control, left out here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let list = NodeRef::<html::Div>::new();
    focus_on_store_failure(
        list,
        Signal::derive(move || feedback.0.with(|all| all.iter().any(is_store_failure))),
    );
    move || {
        let (items, total) = feedback.0.with(|all| {
            let rest: Vec<&Problem> = all
                .iter()
                .filter(|p| field_of(p).is_none_or(|f| !fields.contains(&f)))
                .collect();
            let items: Vec<(Severity, String)> = rest
                .iter()
                .take(LISTED)
                .map(|p| (p.severity, problem_text(&i18n, p)))
                .collect();
            (items, rest.len())
        });
        (!items.is_empty()).then(|| {
            let more = total - items.len();
            let more = (more > 0).then(|| {
                let text = i18n.tf(setup::Key::MoreProblems, &[("count", &i18n.count(more))]);
                view! { <li class="problem more">{text}</li> }
            });
            view! {
                <div class="problems-alert" role="alert" tabindex="-1" node_ref=list>
                    <ul class="problems">
                        {items
                            .into_iter()
                            .map(|(severity, text)| problem_item(severity, None, text))
                            .collect_view()}
                        {more}
                    </ul>
                </div>
            }
        })
    }
}
