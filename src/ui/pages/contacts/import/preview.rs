//! The import's preview (counts, one choice for all duplicates, a row-by-row table with a choice
//! per row) and its summary once imported, with the way to undo it.

use std::sync::Arc;

use leptos::prelude::*;

use super::text::format_label;
use super::Wizard;
use crate::core::ids::ImportBatchId;
use crate::core::import::{DuplicateReason, ImportChoice, ImportPlan, ImportSummary, Proposal};
use crate::ui::components::dialog::next_id;
use crate::ui::components::{Checkbox, VirtualTable};
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

fn choice_value(choice: ImportChoice) -> &'static str {
    match choice {
        ImportChoice::Skip => "skip",
        ImportChoice::Update => "update",
        ImportChoice::Add => "add",
    }
}

fn choice_from(value: &str) -> ImportChoice {
    match value {
        "update" => ImportChoice::Update,
        "add" => ImportChoice::Add,
        _ => ImportChoice::Skip,
    }
}

fn choice_label(choice: ImportChoice) -> AnyKey {
    match choice {
        ImportChoice::Skip => Key::ChoiceSkip.any(),
        ImportChoice::Update => Key::ChoiceUpdate.any(),
        ImportChoice::Add => Term::Add.any(),
    }
}

fn reason_label(reason: DuplicateReason) -> Key {
    match reason {
        DuplicateReason::SameEmail => Key::ReasonSameEmail,
        DuplicateReason::SameNameAndCompany => Key::ReasonSameNameAndCompany,
        DuplicateReason::SameCompanyName => Key::ReasonSameCompanyName,
        DuplicateReason::SameUid => Key::ReasonSameUid,
    }
}

/// What the plan proposes for a row, in words: new, or a duplicate of what and why.
fn proposal_text(i18n: &I18n, plan: &ImportPlan, proposal: Proposal) -> String {
    match proposal {
        Proposal::New => i18n.t(Key::ProposalNew).to_string(),
        Proposal::DuplicateOfExisting { contact, reason } => i18n.tf(
            Key::ProposalExisting,
            &[
                ("no", &contact.no()),
                ("reason", i18n.t(reason_label(reason))),
            ],
        ),
        Proposal::DuplicateInFile { row, reason } => {
            let row = plan.rows.get(row).map_or(0, |r| r.contact.source_row);
            i18n.tf(
                Key::ProposalInFile,
                &[
                    ("row", &i18n.count(row)),
                    ("reason", i18n.t(reason_label(reason))),
                ],
            )
        }
    }
}

#[component]
pub fn Preview(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let Some(plan) = wizard.plan.get_untracked() else {
        return ().into_any();
    };
    let only_duplicates = RwSignal::new(false);
    let shown = {
        let plan = plan.clone();
        Memo::new_with_compare(
            move |_| {
                let only = only_duplicates.get();
                Arc::new(
                    (0..plan.rows.len())
                        .filter(|i| !only || plan.rows[*i].proposal.is_duplicate())
                        .collect::<Vec<usize>>(),
                )
            },
            |_, _| true,
        )
    };
    // What the import will do with the current choices, counted by the core from the same
    // decisions the import takes, so that the counts here are the counts of the summary after.
    let outcome = {
        let plan = plan.clone();
        Memo::new(move |_| wizard.choices.with(|choices| plan.outcome(choices)))
    };
    let tally = move || {
        let outcome = outcome.get();
        i18n.tf(
            Key::ChoicesTally,
            &[
                ("add", &i18n.count(outcome.added)),
                ("update", &i18n.count(outcome.updated)),
                ("skip", &i18n.count(outcome.skipped)),
            ],
        )
    };
    let has_duplicates = plan.duplicates_in_file() + plan.duplicates_of_existing() > 0;
    view! {
        <Counts wizard plan=plan.clone() outcome/>
        {has_duplicates.then(|| view! { <ForAllDuplicates wizard plan=plan.clone()/> })}
        {has_duplicates.then(|| view! {
            <Checkbox label=move || i18n.t(Key::OnlyDuplicates).to_string() checked=only_duplicates/>
        })}
        <PreviewTable wizard plan=plan.clone() shown/>
        <p class="tally" role="status">{tally}</p>
        <div class="button-row">
            <button
                type="button"
                class="primary"
                disabled=move || wizard.busy.get() || data.busy.get()
                on:click=move |_| wizard.apply()
            >
                {move || i18n.t(Key::ImportConfirm)}
            </button>
        </div>
    }
    .into_any()
}

/// The recognised format and what the plan found.
#[component]
fn Counts(wizard: Wizard, plan: Arc<ImportPlan>, outcome: Memo<ImportSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let new = plan
        .rows
        .iter()
        .filter(|r| r.proposal == Proposal::New)
        .count();
    let skipped = wizard
        .source
        .get_value()
        .and_then(|source| source.skipped().map(|bad| bad.count()));
    let fixed = |count: usize| Signal::derive(move || count);
    let counts = [
        (Key::ContactsInFile, fixed(plan.rows.len())),
        (Key::CountNew, fixed(new)),
        (
            Key::CountDuplicatesExisting,
            fixed(plan.duplicates_of_existing()),
        ),
        (Key::CountDuplicatesInFile, fixed(plan.duplicates_in_file())),
        (
            Key::CountCompanies,
            Signal::derive(move || outcome.get().companies_created),
        ),
        (
            Key::CountMailingGroups,
            Signal::derive(move || outcome.get().mailing_groups_created),
        ),
    ];
    // Rows left out because they could not be read are named only when there were any.
    let counts = counts
        .into_iter()
        .chain(skipped.map(|count| (Key::CountSkippedRows, fixed(count))));
    view! {
        <p class="import-format">
            {move || {
                let format = wizard.format.get().map(|f| i18n.t(format_label(f))).unwrap_or_default();
                i18n.tf(Key::Recognised, &[("file", &wizard.file_name.get()), ("format", format)])
            }}
        </p>
        <dl class="counts">
            {counts
                .into_iter()
                .map(|(key, count)| view! {
                    <div>
                        <dt>{move || i18n.t(key)}</dt>
                        <dd>{move || i18n.count(count.get())}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

/// One choice for every duplicate; choosing it drops the per-row choices of duplicates.
#[component]
fn ForAllDuplicates(wizard: Wizard, plan: Arc<ImportPlan>) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("all-duplicates-{}", next_id());
    let choose = move |choice: ImportChoice| {
        wizard.choices.update(|c| {
            c.duplicates = choice;
            c.rows
                .retain(|row, _| !plan.rows[*row].proposal.is_duplicate());
        })
    };
    view! {
        <fieldset class="choice">
            <legend>{move || i18n.t(Key::ForAllDuplicates)}</legend>
            {[ImportChoice::Skip, ImportChoice::Update, ImportChoice::Add]
                .into_iter()
                .map(|choice| {
                    let id = format!("{name}-{}", choice_value(choice));
                    let choose = choose.clone();
                    view! {
                        <div class="choice-option">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name.clone()
                                prop:checked=move || wizard.choices.with(|c| c.duplicates == choice)
                                on:change=move |_| choose(choice)
                            />
                            <label for=id>{move || i18n.t(choice_label(choice))}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The rows of the file with their proposal and choice, virtualised for files of thousands.
#[component]
fn PreviewTable(
    wizard: Wizard,
    plan: Arc<ImportPlan>,
    shown: Memo<Arc<Vec<usize>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = Signal::derive(move || shown.with(|s| s.len()));
    let header = move || {
        [
            (Key::PreviewRow.any(), "col-row"),
            (Term::Name.any(), "col-name"),
            (Term::Company.any(), "col-company"),
            (Term::Email.any(), "col-email"),
            (Key::PreviewProposal.any(), "col-proposal"),
            (Key::PreviewChoice.any(), "col-choice"),
        ]
        .into_iter()
        .map(|(key, class)| view! { <th scope="col" class=class>{move || i18n.t(key)}</th> })
        .collect_view()
    };
    let cells = Callback::new(move |index: usize| {
        let Some(row) = shown.with(|s| s.get(index).copied()) else {
            return ().into_any();
        };
        let planned = &plan.rows[row];
        let contact = &planned.contact;
        let source_row = contact.source_row;
        let proposal = {
            let plan = plan.clone();
            let proposal = planned.proposal;
            move || proposal_text(&i18n, &plan, proposal)
        };
        view! {
            <td class="col-no">{move || i18n.count(source_row)}</td>
            <td class="col-name">{contact.name.clone()}</td>
            <td>{contact.company_name.clone()}</td>
            <td>{contact.email.clone()}</td>
            <td>{proposal}</td>
            <td><RowChoice wizard plan=plan.clone() row/></td>
        }
        .into_any()
    });
    view! {
        <div class="preview-table">
            <VirtualTable
                caption=move || i18n.t(Key::ContactsInFile).to_string()
                rows=count
                row_height=44.0
                header=ViewFn::from(header)
                cells=cells
            />
        </div>
    }
}

/// The choice for one row. Its value is read inside its own closure, so changing it does not
/// re-render the table (which would move keyboard focus away from the select).
#[component]
fn RowChoice(wizard: Wizard, plan: Arc<ImportPlan>, row: usize) -> impl IntoView {
    let i18n = use_i18n();
    let planned = &plan.rows[row];
    let source_row = planned.contact.source_row;
    let options: &[ImportChoice] = if planned.proposal.is_duplicate() {
        &[ImportChoice::Skip, ImportChoice::Update, ImportChoice::Add]
    } else {
        &[ImportChoice::Add, ImportChoice::Skip]
    };
    let current = {
        let plan = plan.clone();
        move || {
            wizard
                .choices
                .with(|c| choice_value(plan.choice_for(c, row)))
        }
    };
    view! {
        <select
            class="row-choice"
            aria-label=move || i18n.tf(Key::ChoiceForRow, &[("row", &i18n.count(source_row))])
            prop:value=current
            on:change=move |ev| {
                let choice = choice_from(&event_target_value(&ev));
                wizard.choices.update(|c| {
                    c.rows.insert(row, choice);
                });
            }
        >
            {options
                .iter()
                .map(|choice| {
                    let choice = *choice;
                    view! { <option value=choice_value(choice)>{move || i18n.t(choice_label(choice))}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// What the import did, and the way to undo it.
#[component]
pub fn Summary(wizard: Wizard, batch: ImportBatchId, summary: ImportSummary) -> impl IntoView {
    let i18n = use_i18n();
    let counts = [
        (Key::SummaryAdded, summary.added),
        (Key::SummaryUpdated, summary.updated),
        (Key::SummarySkipped, summary.skipped),
        (Key::SummaryCompanies, summary.companies_created),
        (Key::SummaryMailingGroups, summary.mailing_groups_created),
    ];
    view! {
        <p class="import-done" role="status">{move || i18n.tf(Key::ImportDone, &[("batch", &batch.no())])}</p>
        <dl class="counts">
            {counts
                .into_iter()
                .map(|(key, count)| view! {
                    <div>
                        <dt>{move || i18n.t(key)}</dt>
                        <dd>{move || i18n.count(count)}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
        <p class="hint">{move || i18n.t(Key::UndoHint)}</p>
        <div class="button-row">
            <button type="button" disabled=move || wizard.busy.get() on:click=move |_| wizard.undo(batch)>
                {move || i18n.t(Key::UndoImport)}
            </button>
        </div>
    }
}
