//! The Add / Reduce / Refine dialog (reference-bc.md §2.2–2.3, product.md §3): every filter
//! section, the options, and a live preview of who would join or leave, recomputed as the user
//! types. Apply commits exactly the step the preview showed.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::criteria_form::{contact_field_label, parsed_error, CriteriaForm, Group, Parsed, Row};
use super::reasons::preview_reason;
use super::use_segment;
use crate::core::criteria::{AddOptions, ContactField, CriteriaAction, EntryField};
use crate::core::filter::Filter;
use crate::core::model::ClassificationKind;
use crate::core::segment::Preview;
use crate::ui::choices::{classification_codes, contact_name};
use crate::ui::clock::now;
use crate::ui::components::{Checkbox, Dialog, Feedback, FeedbackList, SelectField, TextField};
use crate::ui::format::code_label;
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How many names the preview lists; the count covers the rest.
const PREVIEW_NAMES: usize = 50;

/// Which step the dialog builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Add,
    Reduce,
    Refine,
}

impl StepKind {
    fn title(self) -> Key {
        match self {
            StepKind::Add => Key::AddContactsTitle,
            StepKind::Reduce => Key::ReduceTitle,
            StepKind::Refine => Key::RefineTitle,
        }
    }

    fn intro(self) -> Key {
        match self {
            StepKind::Add => Key::AddContactsIntro,
            StepKind::Reduce => Key::ReduceIntro,
            StepKind::Refine => Key::RefineIntro,
        }
    }
}

/// The options of a step, one checkbox each.
#[derive(Clone, Copy)]
struct Options {
    allow_existing: RwSignal<bool>,
    expand_companies: RwSignal<bool>,
    add_related_companies: RwSignal<bool>,
    ignore_exclusion: RwSignal<bool>,
    entire_companies: RwSignal<bool>,
}

impl Options {
    fn new() -> Self {
        Options {
            allow_existing: RwSignal::new(false),
            expand_companies: RwSignal::new(false),
            add_related_companies: RwSignal::new(false),
            ignore_exclusion: RwSignal::new(false),
            entire_companies: RwSignal::new(false),
        }
    }

    /// The step the dialog describes, or `None` while a filter has an error.
    fn action(self, kind: StepKind, form: CriteriaForm) -> Option<CriteriaAction> {
        let criteria = form.criteria().ok()?;
        let entire_companies = self.entire_companies.get();
        Some(match kind {
            StepKind::Add => CriteriaAction::Add {
                criteria,
                options: AddOptions {
                    allow_existing: self.allow_existing.get(),
                    expand_companies: self.expand_companies.get(),
                    add_related_companies: self.add_related_companies.get(),
                    ignore_exclusion: self.ignore_exclusion.get(),
                },
            },
            StepKind::Reduce => CriteriaAction::Reduce {
                criteria,
                entire_companies,
            },
            StepKind::Refine => CriteriaAction::Refine {
                criteria,
                entire_companies,
            },
        })
    }
}

#[component]
pub fn CriteriaDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// Which step it builds; set before opening.
    kind: RwSignal<StepKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(kind.get().title()).to_string() class="wide">
            <CriteriaEditor kind=kind.get_untracked() open/>
        </Dialog>
    }
}

#[component]
fn CriteriaEditor(kind: StepKind, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let attributes = Memo::new(move |_| {
        data.with_db(|db| {
            let names: BTreeSet<&String> = db
                .contacts
                .values()
                .flat_map(|c| c.attributes.keys())
                .collect();
            names
                .into_iter()
                .map(|name| (name.clone(), db.attribute_kind(name)))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let form = CriteriaForm::new(attributes);
    let options = Options::new();
    let action = Memo::new(move |_| options.action(kind, form));
    let preview = Memo::new(move |_| {
        let action = action.get()?;
        data.with_db(|db| db.preview(ctx.id, &action))
    });
    let problems = Feedback::new();
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(action) = action.get_untracked() else {
            return;
        };
        let (join, leave) = preview
            .get_untracked()
            .and_then(Result::ok)
            .map_or((0, 0), |p| (p.join.len(), p.leave.len()));
        // Add only ever adds lines and Reduce and Refine only remove them, so the status names
        // the one side the step can change; "0 lines added" after a Refine would say nothing true.
        let (key, count) = if kind == StepKind::Add {
            (Key::StepAppliedAdded, join)
        } else {
            (Key::StepAppliedRemoved, leave)
        };
        problems.commit(
            data,
            move |db| db.apply_action(ctx.id, &action, now()),
            move |_| {
                open.set(false);
                ctx.status
                    .set(i18n.tf(key, &[("count", &i18n.lang.get_untracked().count(count))]));
            },
        );
    };
    let blocked = move || data.busy.get() || !matches!(preview.get(), Some(Ok(_)));
    view! {
        <form class="seg-criteria" on:submit=apply>
            <div class="seg-criteria-form">
                <p class="intro">{move || i18n.t(kind.intro())}</p>
                <p class="hint">{move || i18n.t(Key::FilterSyntaxHint)}</p>
                <ContactSection form/>
                <ClassificationSection form/>
                <ProfileSection form/>
                <EntriesSection form/>
                <OptionsSection kind options/>
            </div>
            <div class="seg-criteria-side">
                <PreviewPanel kind preview action/>
                <FeedbackList feedback=problems/>
                <div class="dialog-actions">
                    <button type="submit" class="primary" disabled=blocked>
                        {move || i18n.t(Key::Apply)}
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>
                        {move || i18n.t(Term::Cancel)}
                    </button>
                </div>
            </div>
        </form>
    }
}

/// The contact's own fields: groups of rows, ANDed within a group, the groups ORed.
#[component]
fn ContactSection(form: CriteriaForm) -> impl IntoView {
    let i18n = use_i18n();
    let add_group = move |_| form.groups.update(|groups| groups.push(Group::blank()));
    view! {
        <fieldset class="seg-fieldset">
            <legend>{move || i18n.t(Key::SectionContact)}</legend>
            <p class="hint">{move || i18n.t(Key::ContactSectionHint)}</p>
            <For each=move || form.groups.get() key=|group| group.key let:group>
                <ConditionGroup form group/>
            </For>
            <button type="button" class="small" on:click=add_group>
                {move || i18n.t(Key::AddOrGroup)}
            </button>
        </fieldset>
    }
}

/// One group of condition rows that must all match.
#[component]
fn ConditionGroup(form: CriteriaForm, group: Group) -> impl IntoView {
    let i18n = use_i18n();
    let first = move || {
        form.groups
            .with(|groups| groups.first().map(|g| g.key) == Some(group.key))
    };
    let several = move || form.groups.with(|groups| groups.len() > 1);
    let add_row = move |_| group.rows.update(|rows| rows.push(Row::blank()));
    let remove = move |_| {
        form.groups
            .update(|groups| groups.retain(|g| g.key != group.key))
    };
    let title = move || {
        let key = if first() {
            Key::GroupFirst
        } else {
            Key::GroupOr
        };
        i18n.t(key)
    };
    view! {
        <div class="seg-group" role="group" aria-label=title>
            <p class="seg-group-title" aria-hidden="true">{title}</p>
            <For each=move || group.rows.get() key=|row| row.key let:row>
                <ConditionRow form group row/>
            </For>
            <div class="seg-group-buttons">
                <button type="button" class="small" on:click=add_row>
                    {move || i18n.t(Key::AddCondition)}
                </button>
                <Show when=several>
                    <button type="button" class="small" on:click=remove>
                        {move || i18n.t(Key::RemoveGroup)}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// A field, its filter expression (with its error at the field) and a "not" box.
#[component]
fn ConditionRow(form: CriteriaForm, group: Group, row: Row) -> impl IntoView {
    let i18n = use_i18n();
    let fields = Signal::derive(move || {
        let built_in = ContactField::BUILT_IN
            .iter()
            .map(|f| (f.name().to_string(), contact_field_label(&i18n, f)));
        let attributes = form.attributes.get().into_iter().map(|(name, _)| {
            let field = ContactField::Attribute(name.clone());
            (format!("attr.{name}"), contact_field_label(&i18n, &field))
        });
        built_in.chain(attributes).collect::<Vec<_>>()
    });
    let error = Signal::derive(move || parsed_error(&i18n, &form.row(row)));
    let remove = move |_| group.rows.update(|rows| rows.retain(|r| r.key != row.key));
    view! {
        <div class="seg-condition">
            <SelectField label=move || i18n.t(Term::Field).to_string() value=row.field options=fields/>
            <TextField
                label=move || i18n.t(Key::ConditionFilter).to_string()
                value=row.expr
                error=error
                autocomplete="off"
            />
            <Checkbox label=move || i18n.t(Key::ConditionNot).to_string() checked=row.not/>
            <button
                type="button"
                class="small icon"
                aria-label=move || i18n.t(Key::RemoveCondition)
                title=move || i18n.t(Key::RemoveCondition)
                on:click=remove
            >
                "×"
            </button>
        </div>
    }
}

/// A filter field whose error (with its position) shows at the field.
#[component]
fn FilterField(
    /// The field's label.
    #[prop(into)]
    label: AnyKey,
    /// The expression.
    value: RwSignal<String>,
    /// Parses the expression (blank is no filter).
    parse: fn(RwSignal<String>) -> Parsed<Filter>,
    /// A hint under the field, e.g. the codes that exist.
    #[prop(optional, into)]
    hint: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || parsed_error(&i18n, &parse(value)));
    view! {
        <TextField
            label=move || i18n.t(label).to_string()
            value
            error=error
            hint=hint
            autocomplete="off"
        />
    }
}

/// The codes of a classification as a hint, so the user need not remember them.
fn codes_hint(i18n: I18n, kind: ClassificationKind) -> Signal<Option<String>> {
    let data = use_data();
    Signal::derive(move || {
        let codes = data
            .with_db(|db| classification_codes(db, kind))
            .unwrap_or_default();
        Some(if codes.is_empty() {
            i18n.t(Key::NoCodesYet).to_string()
        } else {
            let list: Vec<String> = codes.into_iter().map(|(code, _)| code).take(12).collect();
            i18n.tf(Key::CodesHint, &[("codes", &list.join(", "))])
        })
    })
}

/// Mailing groups, industry groups, business relations and job responsibilities.
#[component]
fn ClassificationSection(form: CriteriaForm) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="seg-details">
            <summary>{move || i18n.t(Term::Classifications)}</summary>
            <p class="hint">{move || i18n.t(Key::ClassificationsHint)}</p>
            <FilterField
                label=Term::MailingGroup
                value=form.mailing_group
                parse=CriteriaForm::code
                hint=codes_hint(i18n, ClassificationKind::MailingGroup)
            />
            <FilterField
                label=Key::SectionIndustryGroups
                value=form.industry_group
                parse=CriteriaForm::code
                hint=codes_hint(i18n, ClassificationKind::IndustryGroup)
            />
            <FilterField
                label=Key::SectionBusinessRelations
                value=form.business_relation
                parse=CriteriaForm::code
                hint=codes_hint(i18n, ClassificationKind::BusinessRelation)
            />
            <FilterField
                label=Key::SectionJobResponsibilities
                value=form.job_responsibility
                parse=CriteriaForm::code
                hint=codes_hint(i18n, ClassificationKind::JobResponsibility)
            />
        </details>
    }
}

/// A questionnaire and, optionally, one of its answers.
#[component]
fn ProfileSection(form: CriteriaForm) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let questionnaires = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Term::NoneChoice).to_string())];
        if let Some(list) = data.with_db(|db| {
            db.questionnaires
                .values()
                .map(|q| {
                    (
                        q.code.to_string(),
                        code_label(q.code.as_str(), &q.description),
                    )
                })
                .collect::<Vec<_>>()
        }) {
            options.extend(list);
        }
        options
    });
    let answers = Signal::derive(move || {
        let code = crate::core::ids::Code::new(&form.questionnaire.get());
        let mut options = vec![(String::new(), i18n.t(Key::AnyAnswer).to_string())];
        if let Some(list) = data
            .with_db(|db| {
                db.questionnaires.get(&code).map(|q| {
                    q.answers
                        .iter()
                        .map(|a| (a.line.to_string(), a.text.clone()))
                        .collect::<Vec<_>>()
                })
            })
            .flatten()
        {
            options.extend(list);
        }
        options
    });
    // A new questionnaire has other answers, so a chosen answer no longer applies.
    Effect::new(move |_| {
        form.questionnaire.track();
        form.answer.set(String::new());
    });
    view! {
        <details class="seg-details">
            <summary>{move || i18n.t(Key::SectionProfile)}</summary>
            <SelectField
                label=move || i18n.t(Key::ProfileQuestionnaire).to_string()
                value=form.questionnaire
                options=questionnaires
            />
            <Show when=move || !form.questionnaire.get().is_empty()>
                <SelectField
                    label=move || i18n.t(Key::ProfileAnswer).to_string()
                    value=form.answer
                    options=answers
                />
            </Show>
        </details>
    }
}

/// Interaction log entries: one entry of the contact must pass every filled field.
#[component]
fn EntriesSection(form: CriteriaForm) -> impl IntoView {
    let i18n = use_i18n();
    let key = super::criteria_form::entry_field_key;
    let canceled = Signal::derive(move || {
        vec![
            (String::new(), i18n.t(Key::EitherChoice).to_string()),
            ("yes".to_string(), i18n.t(Term::Yes).to_string()),
            ("no".to_string(), i18n.t(Term::No).to_string()),
        ]
    });
    let hint = |k: Key| Signal::derive(move || Some(i18n.t(k).to_string()));
    view! {
        <details class="seg-details">
            <summary>{move || i18n.t(Key::SectionEntries)}</summary>
            <p class="hint">{move || i18n.t(Key::EntriesHint)}</p>
            <FilterField
                label=key(EntryField::Date)
                value=form.entry_date
                parse=|v| CriteriaForm::entry(EntryField::Date, v)
                hint=hint(Key::DateFilterHint)
            />
            <FilterField
                label=key(EntryField::Template)
                value=form.entry_template
                parse=|v| CriteriaForm::entry(EntryField::Template, v)
            />
            <FilterField
                label=key(EntryField::SegmentNo)
                value=form.entry_segment
                parse=|v| CriteriaForm::entry(EntryField::SegmentNo, v)
            />
            <FilterField
                label=key(EntryField::Evaluation)
                value=form.entry_evaluation
                parse=|v| CriteriaForm::entry(EntryField::Evaluation, v)
                hint=hint(Key::EvaluationFilterHint)
            />
            <FilterField
                label=key(EntryField::Salesperson)
                value=form.entry_salesperson
                parse=|v| CriteriaForm::entry(EntryField::Salesperson, v)
            />
            <SelectField
                label=move || i18n.t(key(EntryField::Canceled)).to_string()
                value=form.entry_canceled
                options=canceled
            />
        </details>
    }
}

#[component]
fn OptionsSection(kind: StepKind, options: Options) -> impl IntoView {
    let i18n = use_i18n();
    let boxes: Vec<(Key, Key, RwSignal<bool>)> = match kind {
        StepKind::Add => vec![
            (
                Key::OptAllowExisting,
                Key::OptAllowExistingHint,
                options.allow_existing,
            ),
            (
                Key::OptExpandCompanies,
                Key::OptExpandCompaniesHint,
                options.expand_companies,
            ),
            (
                Key::OptRelatedCompanies,
                Key::OptRelatedCompaniesHint,
                options.add_related_companies,
            ),
            (
                Key::OptIgnoreExclusion,
                Key::OptIgnoreExclusionHint,
                options.ignore_exclusion,
            ),
        ],
        StepKind::Reduce | StepKind::Refine => vec![(
            Key::OptEntireCompanies,
            Key::OptEntireCompaniesHint,
            options.entire_companies,
        )],
    };
    view! {
        <fieldset class="seg-fieldset">
            <legend>{move || i18n.t(Key::SectionOptions)}</legend>
            {boxes
                .into_iter()
                .map(|(label, hint, checked)| {
                    view! {
                        <Checkbox
                            label=move || i18n.t(label).to_string()
                            checked
                            hint=Signal::derive(move || Some(i18n.t(hint).to_string()))
                        />
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// How many contacts would join or leave, and the first of them by name.
#[component]
fn PreviewPanel(
    kind: StepKind,
    preview: Memo<Option<Result<Preview, crate::core::problem::Problems>>>,
    /// The step the preview is of, so that each name can say why it joins or leaves.
    action: Memo<Option<CriteriaAction>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let body = move || match preview.get() {
        None => {
            view! { <p class="seg-preview-blocked">{i18n.t(Key::PreviewBlocked)}</p> }.into_any()
        }
        Some(Err(problems)) => {
            let problems = Feedback::of(problems);
            view! { <FeedbackList feedback=problems/> }.into_any()
        }
        Some(Ok(preview)) => {
            let (shown, side) = if kind == StepKind::Add {
                (&preview.join, Key::Joining)
            } else {
                (&preview.leave, Key::Leaving)
            };
            // Name, then company and city so that two people of one name can be told apart,
            // then why the step takes or drops them.
            let action = action.get();
            let names: Vec<(String, Vec<String>, String)> = data
                .with_db(|db| {
                    shown
                        .iter()
                        .take(PREVIEW_NAMES)
                        .map(|id| {
                            let meta = db
                                .contact(*id)
                                .map(|c| {
                                    let company = if c.is_company() {
                                        String::new()
                                    } else {
                                        db.company_name_of(c)
                                    };
                                    [company, c.city.clone()]
                                        .into_iter()
                                        .filter(|part| !part.trim().is_empty())
                                        .collect::<Vec<_>>()
                                })
                                .unwrap_or_default();
                            let reason = action
                                .as_ref()
                                .map(|a| preview_reason(&i18n, db, a, *id))
                                .unwrap_or_default();
                            (contact_name(db, *id), meta, reason)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let more = shown.len().saturating_sub(PREVIEW_NAMES);
            view! {
                <p class="seg-preview-count">{counts_text(i18n, &preview, Some(kind))}</p>
                // Focusable, since a long list scrolls and must scroll from the keyboard too.
                <ul class="seg-preview-names" tabindex="0" aria-label=i18n.t(side)>
                    {names
                        .into_iter()
                        .map(|(name, meta, reason)| view! {
                            <li>
                                <bdi class="seg-preview-name">{name}</bdi>
                                {(!meta.is_empty()).then(|| view! {
                                    " "
                                    <span class="seg-preview-meta">
                                        {meta
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, part)| view! {
                                                {(i > 0).then_some(" · ")}
                                                <bdi>{part}</bdi>
                                            })
                                            .collect_view()}
                                    </span>
                                })}
                                {(!reason.is_empty()).then(|| view! {
                                    <span class="seg-preview-reason">{reason}</span>
                                })}
                            </li>
                        })
                        .collect_view()}
                </ul>
                {(more > 0).then(|| view! {
                    <p class="hint">{i18n.tf(Key::PreviewMore, &[("count", &i18n.lang.get().count(more))])}</p>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="seg-preview" aria-labelledby="seg-preview-title">
            <h3 id="seg-preview-title">{move || i18n.t(Term::Preview)}</h3>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

/// "N contacts would join", "M contacts would leave", or both.
///
/// A step of a known kind can change one side only (Add only adds; Reduce and Refine only
/// remove), so its preview names that side, even at zero: a Refine that says "0 contacts would
/// join" states what cannot happen. Without a kind (replayed criteria, a reused logged segment)
/// both sides are possible: each side that is not zero is named, and when neither is, the text
/// says that nobody would join or leave.
pub fn counts_text(i18n: I18n, preview: &Preview, kind: Option<StepKind>) -> String {
    let (join, leave) = (preview.join.len(), preview.leave.len());
    let lang = i18n.lang.get();
    let join_text = || i18n.tf(Key::WouldJoin, &[("count", &lang.count(join))]);
    let leave_text = || i18n.tf(Key::WouldLeave, &[("count", &lang.count(leave))]);
    match (kind, join, leave) {
        (Some(StepKind::Add), _, _) => join_text(),
        (Some(StepKind::Reduce | StepKind::Refine), _, _) => leave_text(),
        (None, 0, 0) => i18n.t(Key::NothingWouldChange).to_string(),
        (None, _, 0) => join_text(),
        (None, 0, _) => leave_text(),
        (None, _, _) => format!("{} {}", join_text(), leave_text()),
    }
}
