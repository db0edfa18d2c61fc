//! Segments: the list of segments not yet logged, creating a new one, and the saved criteria
//! (product.md §3). A segment opens on its own page (`/segments/SEG…`).

use leptos::prelude::*;

use super::PageHeader;
use crate::core::changes::Record;
use crate::core::ids::{Code, SegmentId};
use crate::ui::choices::{code_of, salesperson_options, template_options};
use crate::ui::clock::{now, today};
use crate::ui::components::{
    Confirm, Dialog, Feedback, FeedbackList, SelectField, TextField, VirtualTable,
};
use crate::ui::format::format_date;
use crate::ui::i18n::{use_i18n, Key as Shell};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

#[component]
pub fn Segments() -> impl IntoView {
    let i18n = use_i18n();
    let new_open = RwSignal::new(false);
    view! {
        <div class="seg">
            <PageHeader title=Shell::PageSegments intro=Shell::SegmentsIntro/>
            <div class="seg-toolbar">
                <button type="button" class="primary" on:click=move |_| new_open.set(true)>
                    {move || i18n.t(Key::NewSegment)}
                </button>
            </div>
            <SegmentList/>
            <NewSegmentDialog open=new_open/>
            <SavedCriteriaList/>
        </div>
    }
}

/// One row of the segment list.
#[derive(Clone, PartialEq)]
struct Row {
    id: SegmentId,
    description: String,
    date: Option<chrono::NaiveDate>,
    salesperson: String,
    lines: usize,
    steps: usize,
}

/// The segments, newest first, as a table whose rows open the segment.
#[component]
fn SegmentList() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let rows = Memo::new(move |_| {
        data.with_db(|db| {
            db.segments
                .values()
                .rev()
                .map(|s| Row {
                    id: s.id,
                    description: s.description.clone(),
                    date: s.date,
                    salesperson: s
                        .salesperson
                        .as_ref()
                        .map(Code::to_string)
                        .unwrap_or_default(),
                    lines: s.lines.len(),
                    steps: s.history.len(),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let header = move || {
        view! {
            <th scope="col">{move || i18n.t(Term::Number)}</th>
            <th scope="col">{move || i18n.t(Term::Description)}</th>
            <th scope="col">{move || i18n.t(Key::ColDate)}</th>
            <th scope="col">{move || i18n.t(Term::SalespersonColumn)}</th>
            <th scope="col" class="num">{move || i18n.t(Key::ColLines)}</th>
            <th scope="col" class="num">{move || i18n.t(Key::ColSteps)}</th>
        }
    };
    let cells = Callback::new(move |index: usize| {
        let Some(row) = rows.with(|rows| rows.get(index).cloned()) else {
            return ().into_any();
        };
        let path = Route::Segment(row.id).href();
        let id = row.id;
        let open = move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            router.open(Route::Segment(id));
        };
        view! {
            <td><a href=path on:click=open>{move || use_data().no(id)}</a></td>
            <td>{row.description}</td>
            <td>{move || format_date(i18n.lang.get(), row.date)}</td>
            <td>{row.salesperson}</td>
            <td class="num">{move || i18n.count(row.lines)}</td>
            <td class="num">{move || i18n.count(row.steps)}</td>
        }
        .into_any()
    });
    let on_open = Callback::new(move |index: usize| {
        if let Some(id) = rows.with(|rows| rows.get(index).map(|r| r.id)) {
            router.open(Route::Segment(id));
        }
    });
    view! {
        <section class="seg-section" aria-labelledby="segment-list-title">
            <h2 id="segment-list-title">{move || i18n.t(Key::SegmentListTitle)}</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="seg-empty">{move || i18n.t(Key::NoSegments)}</p> }
            >
                <VirtualTable
                    caption=move || i18n.t(Key::SegmentListTitle).to_string()
                    rows=Signal::derive(move || rows.with(Vec::len))
                    header=ViewFn::from(header)
                    cells
                    on_open
                />
            </Show>
        </section>
    }
}

/// Asks for a description, salesperson and template, creates the segment and opens it.
#[component]
fn NewSegmentDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::NewSegment).to_string()>
            <NewSegmentForm open/>
        </Dialog>
    }
}

#[component]
fn NewSegmentForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let description = RwSignal::new(String::new());
    let salesperson = RwSignal::new(String::new());
    let template = RwSignal::new(String::new());
    let problems = Feedback::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (text, sp, tpl) = (description.get(), salesperson.get(), template.get());
        let operation = move |db: &crate::core::db::Db| {
            let now = now();
            db.create_segment(&text, code_of(&sp), code_of(&tpl), today(), now)
                .map(|(_, changes)| changes)
        };
        problems.commit(data, operation, move |changes| {
            let created = changes.puts.iter().find_map(|record| match record {
                Record::Segment(segment) => Some(segment.id),
                _ => None,
            });
            open.set(false);
            if let Some(id) = created {
                router.open(Route::Segment(id));
            }
        });
    };
    let error = |field| problems.at(field);
    view! {
        <form class="seg-form" on:submit=submit>
            <TextField
                label=move || i18n.t(Term::Description).to_string()
                value=description
                error=error("description")
            />
            <SelectField
                label=move || i18n.t(Term::Salesperson).to_string()
                value=salesperson
                options=Signal::derive(move || salesperson_options(i18n, data))
                error=error("salesperson")
            />
            <SelectField
                label=move || i18n.t(Term::InteractionTemplate).to_string()
                value=template
                options=Signal::derive(move || template_options(i18n, data))
                error=error("template")
                hint=Signal::derive(move || Some(i18n.t(Key::TemplateHint).to_string()))
            />
            <FeedbackList feedback=problems fields=&["description", "salesperson", "template"]/>
            <div class="dialog-actions">
                <button type="submit" class="primary" disabled=move || data.busy.get()>
                    {move || i18n.t(Key::Create)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// The saved criteria (reference-bc.md §2.5), each with its steps and a delete button.
#[component]
fn SavedCriteriaList() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let problems = Feedback::new();
    let confirm = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Code>);
    let saved = Memo::new(move |_| {
        data.with_db(|db| {
            db.saved_criteria
                .values()
                .map(|s| (s.code.clone(), s.description.clone(), s.actions.len()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let delete = Callback::new(move |()| {
        let Some(code) = doomed.get_untracked() else {
            return;
        };
        problems.commit(data, move |db| db.delete_saved_criteria(&code), |_| {});
    });
    let question = Signal::derive(move || {
        let code = doomed.get().map(|c| c.to_string()).unwrap_or_default();
        i18n.tf(Key::DeleteSavedCriteriaQuestion, &[("code", &code)])
    });
    view! {
        <section class="seg-section" aria-labelledby="saved-criteria-title">
            <h2 id="saved-criteria-title">{move || i18n.t(Key::SavedCriteria)}</h2>
            <p class="hint">{move || i18n.t(Key::SavedCriteriaIntro)}</p>
            <FeedbackList feedback=problems/>
            <Show
                when=move || saved.with(|s| !s.is_empty())
                fallback=move || view! { <p class="seg-empty">{move || i18n.t(Key::NoSavedCriteria)}</p> }
            >
                <table class="data">
                    <caption class="visually-hidden">{move || i18n.t(Key::SavedCriteria)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Term::Code)}</th>
                            <th scope="col">{move || i18n.t(Term::Description)}</th>
                            <th scope="col" class="num">{move || i18n.t(Key::ColSteps)}</th>
                            <th scope="col"><span class="visually-hidden">{move || i18n.t(Term::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || saved.get()
                            key=|(code, description, steps)| (code.clone(), description.clone(), *steps)
                            let:item
                        >
                            {
                                let (code, description, steps) = item;
                                let name = code.to_string();
                                let label = move || i18n.tf(Term::DeleteNamed, &[("name", &name)]);
                                let chosen = code.clone();
                                view! {
                                    <tr>
                                        <td>{code.to_string()}</td>
                                        <td>{description}</td>
                                        <td class="num">{move || i18n.count(steps)}</td>
                                        <td>
                                            <button
                                                type="button"
                                                class="small danger"
                                                aria-label=label
                                                on:click=move |_| {
                                                    doomed.set(Some(chosen.clone()));
                                                    confirm.set(true);
                                                }
                                            >
                                                {move || i18n.t(Term::Delete)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
            <Confirm
                open=confirm
                title=move || i18n.t(Key::DeleteSavedCriteria).to_string()
                text=question
                yes=move || i18n.t(Term::Delete).to_string()
                on_yes=delete
            />
        </section>
    }
}
