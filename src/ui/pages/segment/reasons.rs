//! "Why is this contact here?" in words (issue 15, item 2): the dialog a line's "Why?" button
//! opens, and the short reason the criteria preview shows beside each name. The reasons
//! themselves come from the core (`core::segment_reasons`); this module only words them.

use leptos::prelude::*;

use super::history::{action_name, describe};
use super::use_segment;
use crate::core::criteria::CriteriaAction;
use crate::core::db::Db;
use crate::core::ids::ContactId;
use crate::core::model::Segment;
use crate::core::segment_reasons::{How, LineReason, Origin, Section, Via};
use crate::ui::choices::contact_name;
use crate::ui::components::Dialog;
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The name the criteria form gives a section.
fn section_key(section: Section) -> AnyKey {
    match section {
        Section::Contact => Key::SectionContact.any(),
        Section::MailingGroup => Term::MailingGroup.any(),
        Section::IndustryGroup => Key::SectionIndustryGroups.any(),
        Section::BusinessRelation => Key::SectionBusinessRelations.any(),
        Section::JobResponsibility => Key::SectionJobResponsibilities.any(),
        Section::Profile => Key::SectionProfile.any(),
        Section::Entries => Key::SectionEntries.any(),
    }
}

fn section_list(i18n: &I18n, sections: &[Section]) -> String {
    sections
        .iter()
        .map(|section| i18n.t(section_key(*section)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line's reason in words: a heading naming the step, the step's filters (for an Add),
/// and the sentences that explain the rest.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReasonText {
    pub step: Option<String>,
    pub filters: Vec<String>,
    pub sentences: Vec<String>,
}

/// Words a line's reason.
pub fn reason_text(i18n: &I18n, db: &Db, segment: &Segment, reason: &LineReason) -> ReasonText {
    let mut text = ReasonText::default();
    let Origin::Step { index, how } = &reason.origin else {
        text.sentences.push(i18n.t(Key::WhyUnexplained).to_string());
        return text;
    };
    let action = &segment.history[*index].action;
    text.step = Some(i18n.tf(
        Key::WhyStep,
        &[
            ("step", &i18n.count(index + 1)),
            ("steps", &i18n.count(segment.history.len())),
            ("action", i18n.t(action_name(action))),
        ],
    ));
    let name = |id: ContactId| contact_name(db, id);
    match how {
        How::Filters { via, sections, .. } => {
            text.sentences.push(i18n.t(Key::WhyFilters).to_string());
            text.filters = describe(i18n, db, action);
            match via {
                Via::Itself if !sections.passed.is_empty() => text.sentences.push(i18n.tf(
                    Key::WhyMatched,
                    &[("sections", &section_list(i18n, &sections.passed))],
                )),
                Via::Itself => {}
                Via::ExpandedFrom(other) => text.sentences.push(i18n.tf(
                    Key::WhyExpanded,
                    &[
                        ("name", &name(*other)),
                        ("option", i18n.t(Key::OptExpandCompanies)),
                    ],
                )),
                Via::CompanyOf(person) => text.sentences.push(i18n.tf(
                    Key::WhyCompanyOf,
                    &[
                        ("name", &name(*person)),
                        ("option", i18n.t(Key::OptRelatedCompanies)),
                    ],
                )),
                Via::NoLongerMatches if sections.failed.is_empty() => {
                    text.sentences
                        .push(i18n.t(Key::WhyNoLongerMatches).to_string());
                }
                Via::NoLongerMatches => text.sentences.push(i18n.tf(
                    Key::WhyNotMatched,
                    &[("sections", &section_list(i18n, &sections.failed))],
                )),
            }
        }
        How::ByHand => text.sentences.push(i18n.t(Key::WhyByHand).to_string()),
        How::FromLogged(logged) => {
            let description = db
                .logged_segments
                .get(logged)
                .map(|l| l.description.clone())
                .unwrap_or_default();
            text.sentences.push(i18n.tf(
                Key::WhyFromLogged,
                &[("no", &db.no(*logged)), ("description", &description)],
            ));
        }
    }
    if let Some(code) = &reason.saved_criteria {
        text.sentences
            .push(i18n.tf(Key::WhySaved, &[("code", code.as_str())]));
    }
    if let Some(step) = reason.removed_before {
        text.sentences
            .push(i18n.tf(Key::WhyRemovedBefore, &[("step", &i18n.count(step + 1))]));
    }
    text
}

/// Why the step being built would take (Add) or drop (Reduce, Refine) `contact`, in a few
/// words for the preview list.
pub fn preview_reason(i18n: &I18n, db: &Db, action: &CriteriaAction, contact: ContactId) -> String {
    let Some(record) = db.contact(contact) else {
        return String::new();
    };
    let matches = |sections: &[Section]| {
        if sections.is_empty() {
            i18n.t(Key::PreviewAllContacts).to_string()
        } else {
            i18n.tf(
                Key::PreviewMatches,
                &[("sections", &section_list(i18n, sections))],
            )
        }
    };
    match action {
        CriteriaAction::Add { criteria, options } => {
            match db.why_added(criteria, *options, record) {
                How::Filters {
                    via: Via::ExpandedFrom(other),
                    ..
                } => i18n.tf(Key::PreviewWith, &[("name", &contact_name(db, other))]),
                How::Filters {
                    via: Via::CompanyOf(person),
                    ..
                } => i18n.tf(
                    Key::PreviewCompanyOf,
                    &[("name", &contact_name(db, person))],
                ),
                How::Filters { sections, .. } if !sections.all_pass() => i18n.tf(
                    Key::PreviewFails,
                    &[("sections", &section_list(i18n, &sections.failed))],
                ),
                How::Filters { sections, .. } => matches(&sections.passed),
                How::ByHand | How::FromLogged(_) => String::new(),
            }
        }
        CriteriaAction::Reduce { criteria, .. } => {
            let results = db.section_results(criteria, record);
            if results.all_pass() {
                matches(&results.passed)
            } else {
                // Only "entire companies" drops a contact that does not match itself.
                i18n.t(Key::PreviewCompanyMatches).to_string()
            }
        }
        CriteriaAction::Refine { criteria, .. } => {
            let results = db.section_results(criteria, record);
            i18n.tf(
                Key::PreviewFails,
                &[("sections", &section_list(i18n, &results.failed))],
            )
        }
        CriteriaAction::AddContact(_)
        | CriteriaAction::RemoveContact(_)
        | CriteriaAction::ReuseLogged { .. } => String::new(),
    }
}

/// The dialog a line's "Why?" button opens.
#[component]
pub fn WhyDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The number of the line asked about.
    line: RwSignal<Option<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let found = Memo::new(move |_| {
        let line_no = line.get()?;
        data.with_db(|db| {
            let segment = db.segment(ctx.id)?;
            let line = segment.lines.iter().find(|l| l.line_no == line_no)?;
            let reason = db.line_reason(segment, line);
            Some((
                contact_name(db, line.contact),
                reason_text(&i18n, db, segment, &reason),
            ))
        })
        .flatten()
    });
    let title = move || {
        let name = found.with(|f| f.as_ref().map(|(name, _)| name.clone()));
        i18n.tf(Key::WhyTitle, &[("name", &name.unwrap_or_default())])
    };
    view! {
        <Dialog open title=title>
            {move || {
                let Some((_, text)) = found.get() else {
                    return view! { <p>{i18n.t(Key::LineGone)}</p> }.into_any();
                };
                view! {
                    <div class="seg-why">
                        {text.step.map(|heading| view! { <p class="seg-why-step"><strong>{heading}</strong></p> })}
                        {text
                            .sentences
                            .first()
                            .cloned()
                            .map(|first| view! { <p>{first}</p> })}
                        {(!text.filters.is_empty()).then(|| view! {
                            <ul class="seg-step-filters">
                                {text
                                    .filters
                                    .into_iter()
                                    .map(|f| view! { <li><bdi>{f}</bdi></li> })
                                    .collect_view()}
                            </ul>
                        })}
                        {text
                            .sentences
                            .into_iter()
                            .skip(1)
                            .map(|s| view! { <p>{s}</p> })
                            .collect_view()}
                    </div>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| open.set(false)>
                            {i18n.t(Term::Close)}
                        </button>
                    </div>
                }
                .into_any()
            }}
        </Dialog>
    }
}
