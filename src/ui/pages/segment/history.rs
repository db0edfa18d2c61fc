//! The criteria history of a segment (reference-bc.md §2.4): every step with its filters written
//! out as readable text, its options, and how many lines it added and removed.

use crate::ui::i18n::isolate;
use leptos::prelude::*;

use super::criteria_form::{contact_field_label, entry_field_key, shown_codes};
use super::use_segment;
use crate::core::condition::Condition;
use crate::core::criteria::{AddOptions, Criteria, CriteriaAction, ProfileField};
use crate::core::db::Db;
use crate::core::filter::Filter;
use crate::ui::choices::contact_name;
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The short name of a step, e.g. "Add contacts".
pub fn action_name(action: &CriteriaAction) -> Key {
    match action {
        CriteriaAction::Add { .. } => Key::AddContactsTitle,
        CriteriaAction::Reduce { .. } => Key::StepReduce,
        CriteriaAction::Refine { .. } => Key::StepRefine,
        CriteriaAction::AddContact(_) => Key::StepAddContact,
        CriteriaAction::RemoveContact(_) => Key::StepRemoveContact,
        CriteriaAction::ReuseLogged { .. } => Key::StepReuseLogged,
    }
}

/// One step as the history shows it.
#[derive(Clone, PartialEq)]
struct StepView {
    name: Key,
    /// What it filtered on, one line per section (or the contact / logged segment it names).
    filters: Vec<String>,
    options: Vec<Key>,
    inserted: usize,
    removed: usize,
}

#[component]
pub fn History() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let steps = Memo::new(move |_| {
        data.with_db(|db| {
            db.segment(ctx.id).map(|segment| {
                segment
                    .history
                    .iter()
                    .map(|step| StepView {
                        name: action_name(&step.action),
                        filters: describe(&i18n, db, &step.action),
                        options: options_of(&step.action),
                        inserted: step.inserted.len(),
                        removed: step.removed.len(),
                    })
                    .collect::<Vec<_>>()
            })
        })
        .flatten()
        .unwrap_or_default()
    });
    view! {
        <section class="seg-section" aria-labelledby="seg-history-title">
            <h2 id="seg-history-title">{move || i18n.t(Key::HistoryTitle)}</h2>
            <Show
                when=move || steps.with(|s| !s.is_empty())
                fallback=move || view! { <p class="seg-empty">{move || i18n.t(Key::NoHistory)}</p> }
            >
                <ol class="seg-history">
                    {move || steps.get().into_iter().map(|step| view! { <StepItem step/> }).collect_view()}
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn StepItem(step: StepView) -> impl IntoView {
    let i18n = use_i18n();
    // A step names only what it did: an Add that removed nothing says nothing of removing.
    let counts = move || {
        let lang = i18n.lang.get();
        let key = match (step.inserted, step.removed) {
            (_, 0) => Key::StepAdded,
            (0, _) => Key::StepRemoved,
            _ => Key::StepCounts,
        };
        i18n.tf(
            key,
            &[
                ("inserted", &lang.count(step.inserted)),
                ("removed", &lang.count(step.removed)),
            ],
        )
    };
    let options = step.options.clone();
    view! {
        <li class="seg-step">
            <p class="seg-step-head">
                <strong>{move || i18n.t(step.name)}</strong>
                " "
                <span class="seg-step-counts">{counts}</span>
            </p>
            <ul class="seg-step-filters">
                {step.filters.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            </ul>
            {(!options.is_empty()).then(|| {
                let text = move || {
                    let names: Vec<&str> = options.iter().map(|k| i18n.t(*k)).collect();
                    i18n.tf(Key::StepOptions, &[("options", &names.join(", "))])
                };
                view! { <p class="seg-step-options">{text}</p> }
            })}
        </li>
    }
}

/// The options a step was applied with, by name.
fn options_of(action: &CriteriaAction) -> Vec<Key> {
    match action {
        CriteriaAction::Add { options, .. } => {
            let AddOptions {
                allow_existing,
                expand_companies,
                add_related_companies,
                ignore_exclusion,
            } = *options;
            [
                (allow_existing, Key::OptAllowExisting),
                (expand_companies, Key::OptExpandCompanies),
                (add_related_companies, Key::OptRelatedCompanies),
                (ignore_exclusion, Key::OptIgnoreExclusion),
            ]
            .into_iter()
            .filter_map(|(on, key)| on.then_some(key))
            .collect()
        }
        CriteriaAction::Reduce {
            entire_companies: true,
            ..
        }
        | CriteriaAction::Refine {
            entire_companies: true,
            ..
        } => vec![Key::OptEntireCompanies],
        CriteriaAction::ReuseLogged {
            allow_existing: true,
            ..
        } => vec![Key::OptAllowExisting],
        _ => Vec::new(),
    }
}

/// What a step filtered on, as readable lines.
pub fn describe(i18n: &I18n, db: &Db, action: &CriteriaAction) -> Vec<String> {
    match action {
        CriteriaAction::Add { criteria, .. }
        | CriteriaAction::Reduce { criteria, .. }
        | CriteriaAction::Refine { criteria, .. } => describe_criteria(i18n, db, criteria),
        CriteriaAction::AddContact(id) | CriteriaAction::RemoveContact(id) => {
            vec![format!(
                "{} ({})",
                isolate(&contact_name(db, *id)),
                db.no(*id)
            )]
        }
        CriteriaAction::ReuseLogged { logged, .. } => {
            let description = db
                .logged_segments
                .get(logged)
                .map(|l| l.description.clone())
                .unwrap_or_default();
            vec![format!("{} {}", db.no(*logged), isolate(&description))
                .trim()
                .to_string()]
        }
    }
}

fn describe_criteria(i18n: &I18n, db: &Db, criteria: &Criteria) -> Vec<String> {
    let mut lines = Vec::new();
    let mut section = |key: AnyKey, text: String| {
        lines.push(format!("{}: {text}", i18n.t(key)));
    };
    if let Some(contact) = &criteria.contact {
        section(
            Key::SectionContact.any(),
            condition_text(
                i18n,
                contact,
                &|f| contact_field_label(i18n, f),
                &|f, source| shown_codes(i18n.lang.get(), f, source),
            ),
        );
    }
    let codes: [(AnyKey, &Option<Filter>); 4] = [
        (Term::MailingGroup.any(), &criteria.mailing_group),
        (Key::SectionIndustryGroups.any(), &criteria.industry_group),
        (
            Key::SectionBusinessRelations.any(),
            &criteria.business_relation,
        ),
        (
            Key::SectionJobResponsibilities.any(),
            &criteria.job_responsibility,
        ),
    ];
    for (key, filter) in codes {
        if let Some(filter) = filter {
            section(key, filter.source().to_string());
        }
    }
    if let Some(profile) = &criteria.profile {
        section(Key::SectionProfile.any(), profile_text(i18n, db, profile));
    }
    if let Some(entries) = &criteria.entries {
        section(
            Key::SectionEntries.any(),
            condition_text(
                i18n,
                entries,
                &|f| i18n.t(entry_field_key(*f)).to_string(),
                &|_, source| source.to_string(),
            ),
        );
    }
    if lines.is_empty() {
        lines.push(i18n.t(Key::NoFilters).to_string());
    }
    lines
}

/// A condition tree in words: `City = Helsinki and not (Name = A*)`, groups in parentheses.
fn condition_text<F>(
    i18n: &I18n,
    condition: &Condition<F>,
    label: &dyn Fn(&F) -> String,
    // A filter's text as the user reads it (coded values in the interface language's words).
    value: &dyn Fn(&F, &str) -> String,
) -> String {
    match condition {
        Condition::Field { field, filter } => {
            format!("{} = {}", label(field), value(field, filter.source()))
        }
        Condition::Not(inner) => format!(
            "{} ({})",
            i18n.t(Key::WordNot),
            condition_text(i18n, inner, label, value)
        ),
        Condition::And(items) | Condition::Or(items) => {
            let word = if matches!(condition, Condition::And(_)) {
                Key::WordAnd
            } else {
                Key::WordOr
            };
            let parts: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Condition::And(_) | Condition::Or(_) if items.len() > 1 => {
                        format!("({})", condition_text(i18n, item, label, value))
                    }
                    _ => condition_text(i18n, item, label, value),
                })
                .collect();
            parts.join(&format!(" {} ", i18n.t(word)))
        }
    }
}

/// A profile condition with the questionnaire's and the answer's own words where they are known.
fn profile_text(i18n: &I18n, db: &Db, profile: &Condition<ProfileField>) -> String {
    let mut questionnaire = None;
    let mut answer = None;
    walk_profile(profile, &mut |field, filter| match field {
        ProfileField::Questionnaire => {
            questionnaire = Some(filter.source().trim_matches('\'').to_string())
        }
        ProfileField::Answer => answer = Some(filter.source().to_string()),
    });
    let questionnaire = questionnaire.unwrap_or_default();
    let record = db
        .questionnaires
        .get(&crate::core::ids::Code::new(&questionnaire));
    let answer_text = answer.map(|line| {
        record
            .and_then(|q| q.answers.iter().find(|a| a.line.to_string() == line))
            .map_or(line, |a| a.text.clone())
    });
    match answer_text {
        Some(text) => format!("{questionnaire} – {text}"),
        None => format!("{questionnaire} – {}", i18n.t(Key::AnyAnswer)),
    }
}

fn walk_profile(
    condition: &Condition<ProfileField>,
    visit: &mut impl FnMut(&ProfileField, &Filter),
) {
    match condition {
        Condition::Field { field, filter } => visit(field, filter),
        Condition::And(items) | Condition::Or(items) => {
            for item in items {
                walk_profile(item, visit);
            }
        }
        Condition::Not(inner) => walk_profile(inner, visit),
    }
}
