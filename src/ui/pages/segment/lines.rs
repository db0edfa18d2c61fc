//! A segment's lines: a virtualised table, a dialog that edits one line's overrides
//! (reference-bc.md §2.8) or removes its contact, and adding a contact by hand (§2.1). Adding and
//! removing by hand are criteria steps, so Go Back undoes them.

use crate::ui::i18n::isolate;
use std::collections::HashSet;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::reasons::WhyDialog;
use super::use_segment;
use crate::core::ids::ContactId;
use crate::core::line_marks::LineMarks;
use crate::core::model::CorrespondenceType;
use crate::core::segment::LineEdit;
use crate::ui::choices::{
    code_of, contact_name, correspondence_of, correspondence_options, evaluation_of,
    evaluation_options, salesperson_options, value_of, Worded,
};
use crate::ui::clock::now;
use crate::ui::components::{
    Checkbox, DateField, Dialog, Feedback, FeedbackList, SelectField, TextArea, TextField,
    VirtualTable,
};
use crate::ui::features::letters::language_choices;
use crate::ui::format::{
    date_input_value, date_of_input, format_date, format_number, parse_number,
};
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::letters::Key as LettersKey;
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How many contacts the search for a manual line lists.
const SEARCH_RESULTS: usize = 20;

/// One line as the table shows it.
#[derive(Clone, PartialEq)]
struct LineRow {
    line_no: u32,
    contact: ContactId,
    name: String,
    company: String,
    correspondence: CorrespondenceType,
    language: String,
    salesperson: String,
    date: Option<NaiveDate>,
    marks: LineMarks,
    comment: String,
}

#[component]
pub fn Lines() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let rows = Memo::new(move |_| {
        data.with_db(|db| {
            db.segment(ctx.id).map(|segment| {
                segment
                    .lines
                    .iter()
                    .map(|line| {
                        let contact = db.contact(line.contact);
                        LineRow {
                            line_no: line.line_no,
                            contact: line.contact,
                            name: contact_name(db, line.contact),
                            company: contact
                                .filter(|c| !c.is_company())
                                .map(|c| db.company_name_of(c))
                                .unwrap_or_default(),
                            correspondence: line.correspondence_type,
                            language: line.language.clone(),
                            salesperson: value_of(&line.salesperson),
                            date: line.date,
                            marks: db.line_marks(segment, line),
                            comment: line.comment.clone(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
        .flatten()
        .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<u32>);
    let edit_open = RwSignal::new(false);
    let add_open = RwSignal::new(false);
    let why_line = RwSignal::new(None::<u32>);
    let why_open = RwSignal::new(false);
    let on_why = Callback::new(move |line_no: u32| {
        why_line.set(Some(line_no));
        why_open.set(true);
    });
    let on_open = Callback::new(move |index: usize| {
        if let Some(line_no) = rows.with(|rows| rows.get(index).map(|r| r.line_no)) {
            editing.set(Some(line_no));
            edit_open.set(true);
        }
    });
    let cells = Callback::new(move |index: usize| {
        let Some(row) = rows.with(|rows| rows.get(index).cloned()) else {
            return ().into_any();
        };
        view! { <LineCells row on_why/> }.into_any()
    });
    let title = move || {
        i18n.tf(
            Key::LinesTitle,
            &[("count", &i18n.count(rows.with(Vec::len)))],
        )
    };
    view! {
        <section class="seg-section" aria-labelledby="seg-lines-title">
            <div class="seg-section-head">
                <h2 id="seg-lines-title">{title}</h2>
                <button type="button" on:click=move |_| add_open.set(true)>
                    {move || i18n.t(Key::AddContactByHand)}
                </button>
            </div>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="seg-empty">{move || i18n.t(Key::NoLines)}</p> }
            >
                <p class="hint">{move || i18n.t(Key::LinesHint)}</p>
                <div class="seg-lines-table">
                    <VirtualTable
                        caption=move || i18n.t(Key::LinesCaption).to_string()
                        rows=Signal::derive(move || rows.with(Vec::len))
                        header=ViewFn::from(line_header)
                        cells
                        on_open
                    />
                </div>
            </Show>
            <LineDialog open=edit_open line=editing/>
            <AddContactDialog open=add_open/>
            <WhyDialog open=why_open line=why_line/>
        </section>
    }
}

fn line_header() -> impl IntoView {
    let i18n = use_i18n();
    let th = move |key: AnyKey| view! { <th scope="col">{move || i18n.t(key)}</th> };
    view! {
        {th(Key::ColContactNo.any())}
        {th(Term::Name.any())}
        {th(Term::Company.any())}
        {th(Key::ColCorrespondence.any())}
        {th(Key::ColLanguage.any())}
        {th(Term::SalespersonColumn.any())}
        {th(Key::ColDate.any())}
        {th(Key::ColMarks.any())}
        {th(Key::ColComment.any())}
    }
}

#[component]
fn LineCells(
    row: LineRow,
    /// Opens the reason of a line, by its number.
    on_why: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let line_no = row.line_no;
    let why_label = row.name.clone();
    let why_title = row.name.clone();
    let correspondence = row.correspondence;
    let date = row.date;
    let (name_tip, company_tip, comment_tip) =
        (row.name.clone(), row.company.clone(), row.comment.clone());
    view! {
        <td>{use_data().no(row.contact)}</td>
        <td title=name_tip><bdi>{row.name}</bdi></td>
        <td title=company_tip><bdi>{row.company}</bdi></td>
        <td>
            {move || match correspondence {
                CorrespondenceType::None => String::new(),
                other => i18n.t(other.word()).to_string(),
            }}
        </td>
        <td>{row.language}</td>
        <td>{row.salesperson}</td>
        <td>{move || format_date(i18n.lang.get(), date)}</td>
        // The marks say what is special about a line; "?" beside them asks why it is there at
        // all. It shares their column so that names and companies keep their room at 1280 px.
        <td class="seg-marks">
            {move || marks_view(i18n, &row.marks)}
            <button
                type="button"
                class="small seg-why-button"
                title=move || i18n.tf(Key::WhyNamed, &[("name", &why_title)])
                aria-label=move || i18n.tf(Key::WhyNamed, &[("name", &why_label)])
                on:click=move |ev| {
                    // The row opens the line's dialog on a click; this button asks something
                    // else, so its click stays its own.
                    ev.stop_propagation();
                    on_why.run(line_no);
                }
            >
                "?"
            </button>
        </td>
        <td class="seg-comment" title=comment_tip><bdi>{row.comment}</bdi></td>
    }
}

/// A line's marks as symbols with the words behind them as tooltips; screen readers read the
/// words instead of the symbols.
fn marks_view(i18n: I18n, marks: &LineMarks) -> impl IntoView {
    let letter = marks.own_letter.then(|| {
        let text = i18n.t(Key::MarkOwnLetter).to_string();
        view! {
            <span class="seg-mark" title=text.clone() aria-hidden="true">"✉"</span>
            <span class="visually-hidden">{text}</span>
        }
    });
    let values = (!marks.overrides.is_empty()).then(|| {
        let fields = marks
            .overrides
            .iter()
            .map(|field| i18n.t(override_key(field)))
            .collect::<Vec<_>>()
            .join(", ");
        let text = i18n.tf(Key::MarkOverrides, &[("fields", &fields)]);
        view! {
            <span class="seg-mark" title=text.clone() aria-hidden="true">"✱"</span>
            <span class="visually-hidden">{text}</span>
        }
    });
    view! { {letter}{values} }
}

/// The form label of a line field the core names in [`LineMarks::overrides`].
fn override_key(field: &str) -> AnyKey {
    match field {
        "template" => Term::InteractionTemplate.any(),
        "description" => Term::Description.any(),
        "subject" => Term::Subject.any(),
        "salesperson" => Term::Salesperson.any(),
        "correspondence_type" => Term::CorrespondenceType.any(),
        "language" => Term::Language.any(),
        "date" => Term::Date.any(),
        "cost" => Term::Cost.any(),
        "duration_min" => Key::FieldDuration.any(),
        "information_flow" => Term::InformationFlow.any(),
        "initiated_by" => Term::InitiatedBy.any(),
        "evaluation" => Term::Evaluation.any(),
        _ => Term::AttemptFailed.any(),
    }
}

/// Edits one line's overrides, or removes its contact from the segment.
#[component]
fn LineDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The number of the line being edited.
    line: RwSignal<Option<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let title = move || {
        let name = line
            .get()
            .and_then(|line_no| {
                data.with_db(|db| {
                    let segment = db.segment(ctx.id)?;
                    let line = segment.lines.iter().find(|l| l.line_no == line_no)?;
                    Some(contact_name(db, line.contact))
                })
                .flatten()
            })
            .unwrap_or_default();
        i18n.tf(Key::LineTitle, &[("name", &name)])
    };
    view! {
        <Dialog open title=title>
            {move || line.get_untracked().map(|line_no| view! { <LineForm line_no open/> })}
        </Dialog>
    }
}

/// A line's editable fields as text the inputs hold.
#[derive(Clone, Copy)]
struct LineFields {
    description: RwSignal<String>,
    subject: RwSignal<String>,
    salesperson: RwSignal<String>,
    correspondence: RwSignal<String>,
    language: RwSignal<String>,
    date: RwSignal<String>,
    cost: RwSignal<String>,
    duration: RwSignal<String>,
    evaluation: RwSignal<String>,
    attempt_failed: RwSignal<bool>,
    comment: RwSignal<String>,
}

impl LineFields {
    fn of(i18n: I18n, edit: &LineEdit) -> Self {
        let lang = i18n.lang.get_untracked();
        LineFields {
            description: RwSignal::new(edit.description.clone()),
            subject: RwSignal::new(edit.subject.clone()),
            salesperson: RwSignal::new(value_of(&edit.salesperson)),
            correspondence: RwSignal::new(edit.correspondence_type.as_str().to_string()),
            language: RwSignal::new(edit.language.clone()),
            date: RwSignal::new(date_input_value(edit.date)),
            cost: RwSignal::new(format_number(lang, edit.cost)),
            duration: RwSignal::new(format_number(lang, edit.duration_min)),
            evaluation: RwSignal::new(edit.evaluation.field_value().to_string()),
            attempt_failed: RwSignal::new(edit.attempt_failed),
            comment: RwSignal::new(edit.comment.clone()),
        }
    }

    /// The edit, keeping what the form does not show; `None` when a number cannot be read.
    fn edit(self, old: &LineEdit) -> Option<LineEdit> {
        Some(LineEdit {
            description: self.description.get(),
            subject: self.subject.get(),
            salesperson: code_of(&self.salesperson.get()),
            language: self.language.get(),
            correspondence_type: correspondence_of(&self.correspondence.get()),
            cost: parse_number(&self.cost.get())?,
            duration_min: parse_number(&self.duration.get())?,
            information_flow: old.information_flow,
            initiated_by: old.initiated_by,
            date: date_of_input(&self.date.get())?,
            evaluation: evaluation_of(&self.evaluation.get()),
            attempt_failed: self.attempt_failed.get(),
            comment: self.comment.get(),
        })
    }
}

#[component]
fn LineForm(line_no: u32, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let found = data
        .with_db(|db| {
            let segment = db.segment(ctx.id)?;
            let line = segment.lines.iter().find(|l| l.line_no == line_no)?;
            Some((LineEdit::of(line), line.contact))
        })
        .flatten();
    let Some((old, contact)) = found else {
        return view! { <p>{move || i18n.t(Key::LineGone)}</p> }.into_any();
    };
    let fields = LineFields::of(i18n, &old);
    let problems = Feedback::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(edit) = fields.edit(&old) else {
            return;
        };
        // The line as the form showed it goes with the save, so that a save based on a line
        // another tab has changed since is merged field by field instead of overwriting it.
        let base = old.clone();
        problems.commit(
            data,
            move |db| db.save_segment_line(ctx.id, line_no, &base, edit.clone(), now()),
            move |_| {
                open.set(false);
                ctx.status.set(i18n.t(Key::LineSaved).to_string());
            },
        );
    };
    let remove = move |_| {
        let name = data
            .with_db(|db| contact_name(db, contact))
            .unwrap_or_default();
        problems.commit(
            data,
            move |db| db.remove_contact_from_segment(ctx.id, contact, now()),
            move |_| {
                open.set(false);
                ctx.status
                    .set(i18n.tf(Key::ContactRemoved, &[("name", &name)]));
            },
        );
    };
    let number_error = move |signal: RwSignal<String>, field: &'static str| {
        let stored = problems.at(field);
        Signal::derive(move || {
            if parse_number(&signal.get()).is_none() {
                Some(i18n.t(Key::NotANumber).to_string())
            } else {
                stored.get()
            }
        })
    };
    let label = move |key: AnyKey| move || i18n.t(key).to_string();
    view! {
        <form class="seg-form" on:submit=submit>
            <p class="hint">{move || i18n.t(Key::LineOverridesHint)}</p>
            <div class="seg-grid">
                <TextField label=label(Term::Description.any()) value=fields.description error=problems.at("description")/>
                <TextField label=label(Term::Subject.any()) value=fields.subject error=problems.at("subject")/>
                <SelectField
                    label=label(Term::Salesperson.any())
                    value=fields.salesperson
                    options=Signal::derive(move || salesperson_options(i18n, data))
                    error=problems.at("salesperson")
                />
                <SelectField
                    label=label(Term::CorrespondenceType.any())
                    value=fields.correspondence
                    options=Signal::derive(move || correspondence_options(i18n))
                    error=problems.at("correspondence_type")
                />
                <SelectField
                    label=label(Term::Language.any())
                    value=fields.language
                    options=language_choices(i18n, fields.language, LettersKey::LanguageTemplateDefault)
                    error=problems.at("language")
                />
                <DateField label=label(Term::Date.any()) value=fields.date error=problems.at("date")/>
                <TextField label=label(Term::Cost.any()) value=fields.cost error=number_error(fields.cost, "cost")/>
                <TextField label=label(Key::FieldDuration.any()) value=fields.duration error=number_error(fields.duration, "duration_min")/>
                <SelectField
                    label=label(Term::Evaluation.any())
                    value=fields.evaluation
                    options=Signal::derive(move || evaluation_options(i18n))
                    error=problems.at("evaluation")
                />
            </div>
            <Checkbox label=label(Term::AttemptFailed.any()) checked=fields.attempt_failed/>
            <TextArea
                label=label(Key::FieldComment.any())
                value=fields.comment
                hint=Signal::derive(move || Some(i18n.t(Key::CommentHint).to_string()))
                error=problems.at("comment")
            />
            <FeedbackList
                feedback=problems
                fields=&[
                    "description",
                    "subject",
                    "salesperson",
                    "correspondence_type",
                    "language",
                    "date",
                    "cost",
                    "duration_min",
                    "evaluation",
                    "comment",
                ]
            />
            <div class="dialog-actions">
                <button type="submit" class="primary" disabled=move || data.busy.get()>
                    {move || i18n.t(Term::Save)}
                </button>
                <button type="button" class="danger" on:click=remove disabled=move || data.busy.get()>
                    {move || i18n.t(Key::RemoveFromSegment)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// Finds a contact by name, number, e-mail, city or company and adds it as a line.
#[component]
fn AddContactDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::AddContactTitle).to_string()>
            <AddContactForm open/>
        </Dialog>
    }
}

#[component]
fn AddContactForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let query = RwSignal::new(String::new());
    let problems = Feedback::new();
    let added = RwSignal::new(String::new());
    let results = Memo::new(move |_| {
        let query = query.get().trim().to_lowercase();
        // One letter matches nearly everyone and costs a pass over every contact for nothing.
        if query.chars().count() < 2 {
            return Vec::new();
        }
        data.with_db(|db| {
            let on_segment: HashSet<ContactId> = db
                .segment(ctx.id)
                .map(|s| s.lines.iter().map(|l| l.contact).collect())
                .unwrap_or_default();
            db.contacts
                .values()
                .filter(|c| !on_segment.contains(&c.id))
                .filter(|c| {
                    let company = db.company_name_of(c);
                    [&c.name, &c.email, &c.city, &company, &db.no(c.id)]
                        .iter()
                        .any(|text| text.to_lowercase().contains(&query))
                })
                .take(SEARCH_RESULTS)
                .map(|c| {
                    // A company's "company" is itself; only a person's is worth showing.
                    let company = if c.is_company() {
                        String::new()
                    } else {
                        db.company_name_of(c)
                    };
                    (c.id, contact_name(db, c.id), company)
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let add = move |contact: ContactId, name: String| {
        problems.commit(
            data,
            move |db| db.add_contact_to_segment(ctx.id, contact, now()),
            move |_| {
                let text = i18n.tf(Key::ContactAdded, &[("name", &name)]);
                added.set(text.clone());
                ctx.status.set(text);
            },
        );
    };
    view! {
        <div class="seg-form">
            <TextField
                label=move || i18n.t(Key::SearchContacts).to_string()
                value=query
                input_type="search"
                autocomplete="off"
                hint=Signal::derive(move || Some(i18n.t(Key::SearchContactsHint).to_string()))
            />
            <p class="seg-status" role="status">{move || added.get()}</p>
            <FeedbackList feedback=problems/>
            <ul
                class="seg-search-results"
                tabindex="0"
                aria-label=move || i18n.t(Key::SearchResults)
            >
                {move || {
                    results
                        .get()
                        .into_iter()
                        .map(|(id, name, company)| {
                            let label = name.clone();
                            let chosen = name.clone();
                            view! {
                                <li>
                                    <span class="seg-result-text">
                                        <span class="seg-result-name">{name}</span>
                                        <span class="seg-result-meta">
                                            {format!("{} {}", data.no(id), isolate(&company)).trim().to_string()}
                                        </span>
                                    </span>
                                    <button
                                        type="button"
                                        class="small"
                                        aria-label=move || i18n.tf(Key::AddNamed, &[("name", &label)])
                                        on:click=move |_| add(id, chosen.clone())
                                    >
                                        {move || i18n.t(Term::Add)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| open.set(false)>
                    {move || i18n.t(Term::Close)}
                </button>
            </div>
        </div>
    }
}
