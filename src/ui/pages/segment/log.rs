//! The log dialog of a segment (product.md §4): the check listing every problem per line, then
//! logging, optionally with a follow-up segment.
//!
//! The check is the letters' check (`production::check_letters`: unknown fields with their
//! position, values a contact lacks) merged into `Db::check_before_logging`. It is recomputed
//! whenever the data changes, so fixing a contact in another tab updates the list. Logging is
//! one commit. Its letters are produced first, a slice of lines at a time with the browser let
//! in between (`production::LetterRun`; ten thousand letters were a 0.7 s freeze in one task),
//! and the commit's operation takes them only if the data is still what they were made from;
//! otherwise (another tab or a teammate committed meanwhile, or the session runs the operation
//! again on fresher data) it produces them anew inside the operation.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::changes::{Changes, Record};
use crate::core::db::Db;
use crate::core::ids::{ContactId, LoggedSegmentId, SegmentId};
use crate::core::logging::LogOptions;
use crate::core::pdf::{PdfSource, Window};
use crate::core::problem::{Place, Problem};
use crate::core::production::{self, LetterRun};
use crate::jobs::{Answer, Job};
use crate::store::jobs;
use crate::store::sync::yield_now;
use crate::ui::components::{problem_text, Checkbox, Dialog, ProblemList};
use crate::ui::features::letters::{job_error_text, now, open_route, split_commit_error};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

/// What logging made: the logged segment and, if asked for, the follow-up segment.
#[derive(Clone, Debug, PartialEq)]
struct Logged {
    segment_no: String,
    logged: LoggedSegmentId,
    follow_up: Option<SegmentId>,
}

impl Logged {
    fn from_changes(segment_no: String, changes: &Changes) -> Option<Logged> {
        let logged = changes.puts.iter().find_map(|r| match r {
            Record::LoggedSegment(l) => Some(l.id),
            _ => None,
        })?;
        // Logging deletes the segment, so the only segment it puts is the follow-up.
        let follow_up = changes.puts.iter().find_map(|r| match r {
            Record::Segment(s) => Some(s.id),
            _ => None,
        });
        Some(Logged {
            segment_no,
            logged,
            follow_up,
        })
    }
}

/// Every problem before logging, letters included.
fn check(db: &Db, id: SegmentId) -> Vec<Problem> {
    let letters = production::check_letters(db, id);
    db.check_before_logging(id, &letters)
}

#[component]
pub fn LogDialog(
    /// The segment to log.
    id: SegmentId,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let logged = RwSignal::new(None::<Logged>);
    // A new opening starts from the check again, not from the last outcome.
    Effect::new(move |_| {
        if open.get() && logged.get_untracked().is_some() {
            logged.set(None);
        }
    });
    let data = use_data();
    let title = Signal::derive(move || i18n.tf(Key::LogTitle, &[("segment", &data.no(id))]));
    view! {
        <Dialog open title class="wide">
            {move || match logged.get() {
                Some(done) => view! { <LoggedNote done open/> }.into_any(),
                None => view! { <LogCheck id open logged/> }.into_any(),
            }}
        </Dialog>
    }
}

/// The PDFs the worker made for e-mail drafts, with the letters they were made from.
type MadePdfs = (Vec<(String, PdfSource)>, Vec<Vec<u8>>);

/// The check's problems, the options and the Log button.
#[component]
fn LogCheck(
    id: SegmentId,
    open: RwSignal<bool>,
    logged: RwSignal<Option<Logged>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let accept_warnings = RwSignal::new(false);
    let follow_up = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let logging = RwSignal::new(false);
    let problems = Memo::new(move |_| data.with_db(|db| check(db, id)).unwrap_or_default());
    let errors = move || problems.with(|p| p.iter().filter(|p| p.is_error()).count());
    let warnings = move || problems.with(|p| p.iter().filter(|p| !p.is_error()).count());
    let blocked =
        move || logging.get() || errors() > 0 || (warnings() > 0 && !accept_warnings.get());
    let log = move |_| {
        if blocked() {
            return;
        }
        failure.set(None);
        logging.set(true);
        let options = LogOptions {
            follow_up: follow_up.get_untracked(),
            accept_warnings: accept_warnings.get_untracked(),
            follow_up_description: Some(i18n.tf(Key::FollowUpName, &[("segment", &data.no(id))])),
        };
        let segment_no = data.no(id);
        let at = now();
        spawn_local(async move {
            let run = data.with_db(|db| LetterRun::new(db, id, at, None));
            let run = Rc::new(RefCell::new(run));
            loop {
                let step = data.with_db(|db| {
                    run.borrow_mut()
                        .as_mut()
                        .map(|run| run.step(db, LOG_LETTERS_AT_ONCE))
                });
                match step.flatten() {
                    // Not done yet: let the browser draw and answer before the next slice.
                    Some(Ok(false)) => yield_now().await,
                    // Done, or refused: the operation below reports the problems.
                    _ => break,
                }
            }
            // E-mails that attach their letter as a PDF need the worker, which cannot be
            // awaited inside the commit: the PDFs are made first, and the commit attaches them
            // to the letters it takes, refusing if those letters changed meanwhile.
            let to_make = run
                .borrow()
                .as_ref()
                .map(LetterRun::pdfs_to_make)
                .unwrap_or_default();
            let made: Option<MadePdfs> = if to_make.is_empty() {
                None
            } else {
                let job = Job::PdfEach {
                    letters: to_make.clone(),
                    window: Window::default(),
                };
                match jobs::run(&job).await {
                    Ok(Answer::Files(pdfs)) => Some((to_make, pdfs)),
                    Ok(_) => {
                        logging.set(false);
                        failure.set(Some(i18n.t(Key::OutputWriteFailed).to_string()));
                        return;
                    }
                    Err(error) => {
                        logging.set(false);
                        failure.set(Some(job_error_text(&i18n, error)));
                        return;
                    }
                }
            };
            data.commit(
                move |db| {
                    // The letters made above, if the data is still theirs; else made now.
                    let mut produced = match run.borrow_mut().take() {
                        Some(run) => run.finish(db)?,
                        None => production::produce_letters(db, id, at)?,
                    };
                    if let Some((made_for, pdfs)) = &made {
                        produced.attach_pdfs_made_for(made_for, pdfs.clone())?;
                    }
                    let letter_problems = production::check_letters(db, id);
                    db.log_segment(
                        id,
                        options.clone(),
                        &produced.letters,
                        &letter_problems,
                        at.naive_local(),
                    )
                    .map(|result| result.changes)
                },
                move |result| {
                    logging.set(false);
                    match result {
                        Ok(changes) => {
                            logged.set(Logged::from_changes(segment_no.clone(), &changes))
                        }
                        // A refusal means the data moved since the check; the check shows why.
                        Err(error) => {
                            let (refused, store) = split_commit_error(&i18n, error);
                            failure.set(store.or_else(|| {
                                (!refused.is_empty()).then(|| i18n.t(Key::LogRefused).to_string())
                            }));
                        }
                    }
                },
            );
        });
    };
    let summary = move || {
        let lang = i18n.lang.get();
        match (errors(), warnings()) {
            (0, 0) => i18n.t(Key::CheckOk).to_string(),
            (0, w) => i18n.tf(Key::CheckWarnings, &[("warnings", &lang.count(w))]),
            (e, w) => i18n.tf(
                Key::CheckErrors,
                &[("errors", &lang.count(e)), ("warnings", &lang.count(w))],
            ),
        }
    };
    view! {
        <p class="check-summary" role="status">{summary}</p>
        <CheckList id problems/>
        {move || (warnings() > 0 && errors() == 0).then(|| view! {
            <Checkbox label=Signal::derive(move || i18n.t(Key::AcceptWarnings).to_string()) checked=accept_warnings/>
        })}
        <Checkbox
            label=Signal::derive(move || i18n.t(Key::FollowUp).to_string())
            checked=follow_up
            hint=Signal::derive(move || {
                let name = i18n.tf(Key::FollowUpName, &[("segment", &data.no(id))]);
                Some(i18n.tf(Key::FollowUpHint, &[("name", &name)]))
            })
        />
        {move || failure.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        <div class="dialog-actions">
            <button type="button" class="primary" disabled=blocked on:click=log>
                {move || if logging.get() { i18n.t(Key::Logging) } else { i18n.t(Key::LogButton) }}
            </button>
            <button type="button" on:click=move |_| open.set(false)>{move || i18n.t(Term::Cancel)}</button>
        </div>
    }
}

/// The problems grouped by where they are: the segment first, then each line with its contact.
#[component]
fn CheckList(id: SegmentId, problems: Memo<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let contacts = Memo::new(move |_| data.with_db(|db| line_contacts(db, id)).unwrap_or_default());
    // A check of ten thousand lines can find a problem on every one. Drawing them all was a
    // two-second freeze (e2e/long_tasks.test.mjs), and nobody reads past the first screens: the
    // list shows the first lines with problems and grows on request; the summary above counts all.
    let shown = RwSignal::new(CHECK_LINES_AT_ONCE);
    move || {
        let mut segment = Vec::new();
        let mut lines: BTreeMap<u32, Vec<Problem>> = BTreeMap::new();
        for problem in problems.get() {
            match problem.place {
                Place::Line { line_no, .. } => lines.entry(line_no).or_default().push(problem),
                _ => segment.push(problem),
            }
        }
        let contacts = contacts.get();
        let has_lines = !lines.is_empty();
        let total = lines.len();
        let limit = shown.get();
        let groups = lines.into_iter().take(limit).map(|(line_no, problems)| {
            let (contact, name) = contacts.get(&line_no).cloned().unzip();
            let label = i18n.tf(Key::LineLabel, &[("line", &line_no.to_string())]);
            view! {
                <li class="check-line">
                    <p class="check-line-label">
                        {label}" · "
                        {contact.map(|c| view! {
                            <a href=Route::Contact(c).href() on:click=open_route(router, Route::Contact(c))>
                                {name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| data.no(c))}
                            </a>
                        })}
                    </p>
                    {problem_items(&i18n, &problems)}
                </li>
            }
        });
        view! {
            {(!segment.is_empty()).then(|| view! {
                <h3 class="check-group">{i18n.t(Key::CheckSegment)}</h3>
                <ProblemList problems=segment.clone()/>
            })}
            // No empty list (and its margin) when no line has a problem.
            {has_lines.then(|| view! { <ul class="check-lines">{groups.collect_view()}</ul> })}
            {(total > limit).then(|| {
                let lang = i18n.lang.get();
                let more = (total - limit).min(CHECK_LINES_AT_ONCE);
                view! {
                    <p class="check-more">
                        {i18n.tf(Key::CheckLinesShown, &[("shown", &lang.count(limit)), ("count", &lang.count(total))])}
                        " "
                        <button type="button" on:click=move |_| shown.update(|n| *n += CHECK_LINES_AT_ONCE)>
                            {i18n.tf(Key::CheckShowMoreLines, &[("count", &lang.count(more))])}
                        </button>
                    </p>
                }
            })}
        }
    }
}

/// How many lines' letters are made in one slice before the browser is let in (about 25 ms of
/// work in Chromium on this project's benchmark machine).
const LOG_LETTERS_AT_ONCE: usize = 500;

/// How many lines with problems the check's list draws at first, and adds per "show more".
const CHECK_LINES_AT_ONCE: usize = 100;

/// Each line's contact and its name, by line number.
fn line_contacts(db: &Db, id: SegmentId) -> BTreeMap<u32, (ContactId, String)> {
    db.segment(id)
        .map(|segment| {
            segment
                .lines
                .iter()
                .map(|line| {
                    let name = db
                        .contact(line.contact)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (line.line_no, (line.contact, name))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn problem_items(i18n: &I18n, problems: &[Problem]) -> impl IntoView {
    let items = problems
        .iter()
        .map(|problem| {
            let (class, severity) = if problem.is_error() {
                ("problem error", Key::SeverityError)
            } else {
                ("problem warning", Key::SeverityWarning)
            };
            view! {
                <li class=class>
                    <span class="severity">{i18n.t(severity)}": "</span>
                    {problem_text(i18n, problem)}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="problems">{items}</ul> }
}

/// After logging: what was made, with links to it.
#[component]
fn LoggedNote(done: Logged, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let go = move |route: Route| {
        let handler = open_route(router, route);
        move |ev: leptos::ev::MouseEvent| {
            open.set(false);
            handler(ev);
        }
    };
    let data = use_data();
    let logged_route = Route::LoggedSegment(done.logged);
    let follow_up = done.follow_up.map(|segment| {
        let route = Route::Segment(segment);
        view! {
            <li>
                <a href=route.href() on:click=go(route.clone())>
                    {move || i18n.tf(Key::OpenFollowUp, &[("segment", &data.no(segment))])}
                </a>
            </li>
        }
    });
    let segment_no = done.segment_no.clone();
    let logged_no = data.no(done.logged);
    view! {
        <p class="success" role="status">{move || i18n.tf(Key::Logged, &[("segment", &segment_no)])}</p>
        <ul class="logged-links">
            <li>
                <a href=logged_route.href() on:click=go(logged_route.clone())>
                    {move || i18n.tf(Key::OpenLogged, &[("logged", &logged_no)])}
                </a>
            </li>
            {follow_up}
        </ul>
        <div class="dialog-actions">
            <button type="button" on:click=move |_| open.set(false)>{move || i18n.t(Term::Close)}</button>
        </div>
    }
}
