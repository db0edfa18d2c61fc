//! The segment's header: the interaction template and the defaults it brings, which the lines
//! take unless they override them (reference-bc.md §2.7).
//!
//! The template is its own choice, committed as soon as it is picked, because choosing one
//! rewrites most of the other fields. The other fields are saved together; when the segment has
//! lines the user is asked whether the lines that use the header's template should follow, and
//! the answer goes to the core as `propagate`.

use leptos::prelude::*;

use super::use_segment;
use crate::core::model::{CorrespondenceType, InformationFlow, InitiatedBy};
use crate::core::segment::HeaderEdit;
use crate::ui::choices::{
    code_of, correspondence_of, correspondence_options, salesperson_options, template_options,
    value_of, worded_options, Worded,
};
use crate::ui::clock::now;
use crate::ui::components::{
    Checkbox, DateField, Dialog, Feedback, FeedbackList, SelectField, TextField,
};
use crate::ui::features::letters::{language_choices, language_name_label};
use crate::ui::format::{
    date_input_value, date_of_input, format_date, format_number, parse_number,
};
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::letters::Key as LettersKey;
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The fields whose problems are shown at the field.
const FIELDS: &[&str] = &[
    "description",
    "date",
    "salesperson",
    "group",
    "language",
    "subject",
    "correspondence_type_default",
    "unit_cost",
    "unit_duration_min",
    "information_flow",
    "initiated_by",
];

#[component]
pub fn HeaderForm() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let header = Memo::new(move |_| {
        data.with_db(|db| db.segment(ctx.id).map(HeaderEdit::of))
            .flatten()
    });
    // The fields are what a user sets once, before the lines; afterwards a one-line summary is
    // enough and the lines are the page. So the form starts open only while the segment has no
    // lines, and stays as the user leaves it after that.
    let open = RwSignal::new(!has_lines().get_untracked());
    view! {
        <section class="seg-section seg-header" aria-labelledby="seg-header-title">
            <div class="seg-section-head">
                <h2 id="seg-header-title">{move || i18n.t(Key::HeaderTitle)}</h2>
                <button
                    type="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="seg-header-fields"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || i18n.t(if open.get() { Key::HeaderHide } else { Key::HeaderShow })}
                </button>
            </div>
            <HeaderSummary/>
            <div id="seg-header-fields" hidden=move || !open.get()>
                <TemplateChoice/>
                {move || header.get().map(|initial| view! { <HeaderFields initial/> })}
            </div>
        </section>
    }
}

/// The header in one line: the template, date, salesperson, language, correspondence type and
/// subject, each only when set, in the interface language's date and names.
#[component]
fn HeaderSummary() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let parts = Memo::new(move |_| {
        let lang = i18n.lang.get();
        data.with_db(|db| {
            let segment = db.segment(ctx.id)?;
            let mut parts: Vec<(Option<AnyKey>, String)> = Vec::new();
            if let Some(code) = &segment.template {
                let description = db
                    .templates
                    .get(code)
                    .map(|t| t.description.clone())
                    .unwrap_or_default();
                let text = if description.is_empty() {
                    code.to_string()
                } else {
                    format!("{code} {description}")
                };
                parts.push((Some(Term::Template.any()), text));
            }
            if segment.date.is_some() {
                parts.push((None, format_date(lang, segment.date)));
            }
            if let Some(code) = &segment.salesperson {
                parts.push((Some(Term::Salesperson.any()), code.to_string()));
            }
            if !segment.language.is_empty() {
                // The language by name, as the picker lists it ("suomi (fi)").
                let name = language_name_label(&i18n, &segment.language);
                parts.push((Some(Term::Language.any()), name));
            }
            if segment.correspondence_type_default != CorrespondenceType::None {
                let word = segment.correspondence_type_default.word();
                parts.push((None, i18n.t(word).to_string()));
            }
            if !segment.subject.is_empty() {
                parts.push((Some(Term::Subject.any()), segment.subject.clone()));
            }
            Some(parts)
        })
        .flatten()
        .unwrap_or_default()
    });
    // Values come from users (a template's description, a subject): each is isolated so that
    // right-to-left text in one cannot reorder the separators around it.
    view! {
        <p class="seg-header-summary">
            {move || {
                let parts = parts.get();
                if parts.is_empty() {
                    return i18n.t(Key::SummaryNothing).into_any();
                }
                parts
                    .into_iter()
                    .enumerate()
                    .map(|(index, (label, value))| {
                        view! {
                            {(index > 0).then_some(" · ")}
                            {label.map(|key| format!("{}: ", i18n.t(key)))}
                            <bdi>{value}</bdi>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </p>
    }
}

/// Whether the segment has lines, which decides whether a change asks about them.
fn has_lines() -> Memo<bool> {
    let data = use_data();
    let ctx = use_segment();
    Memo::new(move |_| {
        data.with_db(|db| db.segment(ctx.id).is_some_and(|s| !s.lines.is_empty()))
            .unwrap_or(false)
    })
}

/// The header's interaction template; picking another asks whether all lines take it.
#[component]
fn TemplateChoice() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let current = Memo::new(move |_| {
        data.with_db(|db| db.segment(ctx.id).map(|s| value_of(&s.template)))
            .flatten()
            .unwrap_or_default()
    });
    let choice = RwSignal::new(current.get_untracked());
    let lines = has_lines();
    let ask = RwSignal::new(false);
    let answered = RwSignal::new(false);
    let problems = Feedback::new();
    let apply = move |apply_to_all: bool| {
        let template = code_of(&choice.get_untracked());
        problems.commit(
            data,
            move |db| db.set_segment_template(ctx.id, template.clone(), apply_to_all, now()),
            move |_| ctx.status.set(i18n.t(Key::TemplateChanged).to_string()),
        );
    };
    // Another tab, or this page, changed the template: show the stored one.
    Effect::new(move |_| choice.set(current.get()));
    // The user picked another template: ask about the lines first if there are any.
    Effect::new(move |_| {
        let picked = choice.get();
        if picked == current.get_untracked() {
            return;
        }
        if lines.get_untracked() {
            answered.set(false);
            ask.set(true);
        } else {
            apply(true);
        }
    });
    // Closing the question without an answer (Escape) keeps the old template.
    Effect::new(move |_| {
        if !ask.get() && !answered.get_untracked() {
            choice.set(current.get_untracked());
        }
    });
    let answer = move |yes: bool| {
        answered.set(true);
        ask.set(false);
        apply(yes);
    };
    let question = move || {
        let name = choice.get();
        let name = if name.is_empty() {
            i18n.t(Key::NoTemplate).to_string()
        } else {
            name
        };
        i18n.tf(Key::ApplyTemplateQuestion, &[("template", &name)])
    };
    view! {
        <SelectField
            label=move || i18n.t(Term::InteractionTemplate).to_string()
            value=choice
            options=Signal::derive(move || template_options(i18n, data))
            hint=Signal::derive(move || Some(i18n.t(Key::TemplateHint).to_string()))
            error=problems.at("template")
        />
        <FeedbackList feedback=problems fields=&["template"]/>
        <Dialog open=ask title=move || i18n.t(Key::ApplyTemplateTitle).to_string()>
            <p>{question}</p>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| answer(true)>
                    {move || i18n.t(Key::ApplyToAllLines)}
                </button>
                <button type="button" on:click=move |_| answer(false)>
                    {move || i18n.t(Key::HeaderOnly)}
                </button>
                <button type="button" on:click=move |_| ask.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
            </div>
        </Dialog>
    }
}

/// The header's own fields as text the inputs hold.
#[derive(Clone, Copy)]
struct Fields {
    description: RwSignal<String>,
    date: RwSignal<String>,
    salesperson: RwSignal<String>,
    language: RwSignal<String>,
    subject: RwSignal<String>,
    correspondence: RwSignal<String>,
    ignore: RwSignal<bool>,
    cost: RwSignal<String>,
    duration: RwSignal<String>,
    flow: RwSignal<String>,
    initiated: RwSignal<String>,
}

impl Fields {
    fn of(i18n: I18n, edit: &HeaderEdit) -> Self {
        let lang = i18n.lang.get_untracked();
        Fields {
            description: RwSignal::new(edit.description.clone()),
            date: RwSignal::new(date_input_value(edit.date)),
            salesperson: RwSignal::new(value_of(&edit.salesperson)),
            language: RwSignal::new(edit.language.clone()),
            subject: RwSignal::new(edit.subject.clone()),
            correspondence: RwSignal::new(edit.correspondence_type_default.as_str().to_string()),
            ignore: RwSignal::new(edit.ignore_contact_correspondence_type),
            cost: RwSignal::new(format_number(lang, edit.unit_cost)),
            duration: RwSignal::new(format_number(lang, edit.unit_duration_min)),
            flow: RwSignal::new(edit.information_flow.field_value().to_string()),
            initiated: RwSignal::new(edit.initiated_by.field_value().to_string()),
        }
    }

    /// The edit the fields describe, or `None` when a number or the date cannot be read (those
    /// fields then show their error).
    fn edit(self, initial: &HeaderEdit) -> Option<HeaderEdit> {
        Some(HeaderEdit {
            description: self.description.get(),
            date: date_of_input(&self.date.get())?,
            salesperson: code_of(&self.salesperson.get()),
            group: initial.group.clone(),
            language: self.language.get(),
            subject: self.subject.get(),
            correspondence_type_default: correspondence_of(&self.correspondence.get()),
            ignore_contact_correspondence_type: self.ignore.get(),
            unit_cost: parse_number(&self.cost.get())?,
            unit_duration_min: parse_number(&self.duration.get())?,
            information_flow: InformationFlow::parse(&self.flow.get()).unwrap_or_default(),
            initiated_by: InitiatedBy::parse(&self.initiated.get()).unwrap_or_default(),
        })
    }
}

#[component]
fn HeaderFields(initial: HeaderEdit) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let fields = Fields::of(i18n, &initial);
    let problems = Feedback::new();
    let lines = has_lines();
    let ask = RwSignal::new(false);
    let pending = StoredValue::new(None::<HeaderEdit>);
    let template = initial_template();
    // The form's starting values go with every save, so that a save based on a header another
    // tab has changed since is merged field by field instead of overwriting it.
    let base = StoredValue::new(initial.clone());
    let save = move |edit: HeaderEdit, propagate: bool| {
        let base = base.get_value();
        problems.commit(
            data,
            move |db| db.save_segment_header(ctx.id, &base, edit.clone(), propagate, now()),
            move |_| ctx.status.set(i18n.t(Key::HeaderSaved).to_string()),
        );
    };
    let initial_edit = initial.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(edit) = fields.edit(&initial_edit) else {
            return;
        };
        if lines.get_untracked() && edit != initial_edit {
            pending.set_value(Some(edit));
            ask.set(true);
        } else {
            save(edit, false);
        }
    };
    let answer = move |propagate: bool| {
        ask.set(false);
        if let Some(edit) = pending.get_value() {
            save(edit, propagate);
        }
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
    let question = move || {
        let text = template.get();
        if text.is_empty() {
            i18n.t(Key::PropagateQuestionNoTemplate).to_string()
        } else {
            i18n.tf(Key::PropagateQuestion, &[("template", &text)])
        }
    };
    let label = move |key: AnyKey| move || i18n.t(key).to_string();
    view! {
        <form class="seg-form seg-header-form" on:submit=submit>
            <div class="seg-grid">
                <TextField label=label(Term::Description.any()) value=fields.description error=problems.at("description")/>
                <DateField label=label(Term::Date.any()) value=fields.date error=problems.at("date")/>
                <SelectField
                    label=label(Term::Salesperson.any())
                    value=fields.salesperson
                    options=Signal::derive(move || salesperson_options(i18n, data))
                    error=problems.at("salesperson")
                />
                <SelectField
                    label=label(Term::Language.any())
                    value=fields.language
                    options=language_choices(i18n, fields.language, LettersKey::LanguageTemplateDefault)
                    error=problems.at("language")
                    hint=Signal::derive(move || Some(i18n.t(Key::LanguageHint).to_string()))
                />
                <TextField label=label(Term::Subject.any()) value=fields.subject error=problems.at("subject")/>
                <SelectField
                    label=label(Key::FieldCorrespondenceDefault.any())
                    value=fields.correspondence
                    options=Signal::derive(move || correspondence_options(i18n))
                    error=problems.at("correspondence_type_default")
                />
                <TextField label=label(Key::FieldUnitCost.any()) value=fields.cost error=number_error(fields.cost, "unit_cost")/>
                <TextField
                    label=label(Key::FieldUnitDuration.any())
                    value=fields.duration
                    error=number_error(fields.duration, "unit_duration_min")
                />
                <SelectField
                    label=label(Term::InformationFlow.any())
                    value=fields.flow
                    options=Signal::derive(move || worded_options::<InformationFlow>(i18n, InformationFlow::field_value, Term::NoneChoice))
                    error=problems.at("information_flow")
                />
                <SelectField
                    label=label(Term::InitiatedBy.any())
                    value=fields.initiated
                    options=Signal::derive(move || worded_options::<InitiatedBy>(i18n, InitiatedBy::field_value, Term::NoneChoice))
                    error=problems.at("initiated_by")
                />
            </div>
            <Checkbox label=label(Key::FieldIgnoreContactCorrespondence.any()) checked=fields.ignore/>
            <FeedbackList feedback=problems fields=FIELDS/>
            <div class="dialog-actions">
                <button type="submit" class="primary" disabled=move || data.busy.get()>
                    {move || i18n.t(Key::SaveHeader)}
                </button>
            </div>
        </form>
        <Dialog open=ask title=move || i18n.t(Key::PropagateTitle).to_string()>
            <p>{question}</p>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| answer(true)>
                    {move || i18n.t(Key::UpdateLines)}
                </button>
                <button type="button" on:click=move |_| answer(false)>
                    {move || i18n.t(Key::HeaderOnly)}
                </button>
                <button type="button" on:click=move |_| ask.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
            </div>
        </Dialog>
    }
}

/// The code of the header's template, for the question about the lines that use it.
fn initial_template() -> Memo<String> {
    let data = use_data();
    let ctx = use_segment();
    Memo::new(move |_| {
        data.with_db(|db| db.segment(ctx.id).map(|s| value_of(&s.template)))
            .flatten()
            .unwrap_or_default()
    })
}
