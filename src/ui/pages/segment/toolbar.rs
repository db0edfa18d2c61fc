//! The actions on one segment: the criteria steps (Add, Reduce, Refine, Go Back), saved and
//! reused criteria, the other segment functions (mailing group, CSV, opportunities), logging and
//! deleting. Each button opens its dialog or commits one core operation.

use leptos::prelude::*;

use super::criteria::{CriteriaDialog, StepKind};
use super::history::action_name;
use super::tools::{
    MailingGroupDialog, ReuseCriteriaDialog, ReuseLoggedDialog, SaveCriteriaDialog,
};
use super::use_segment;
use crate::core::changes::Record;
use crate::core::export::csv_bytes;
use crate::ui::clock::now;
use crate::ui::components::{download, Confirm, Dialog, MoreMenu};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::routes::{use_router, Page, Route};
use crate::ui::state::use_data;

/// A toolbar button: its label, whether it is disabled, and what a click does.
#[component]
fn ToolButton(
    /// The visible label.
    label: Key,
    /// Whether the button cannot be used now.
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// Extra CSS class (`primary`, `danger`).
    #[prop(optional)]
    class: &'static str,
    /// What a click does.
    on_click: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            disabled=move || disabled.get()
            on:click=move |_| on_click.run(())
        >
            {move || i18n.t(label)}
        </button>
    }
}

#[component]
pub fn Toolbar(
    /// Opens the log dialog.
    log_open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let id = ctx.id;
    let counts = Memo::new(move |_| {
        data.with_db(|db| db.segment(id).map(|s| (s.lines.len(), s.history.len())))
            .flatten()
            .unwrap_or_default()
    });
    let no_lines = Signal::derive(move || counts.get().0 == 0);
    let no_steps = Signal::derive(move || counts.get().1 == 0);

    let criteria_open = RwSignal::new(false);
    let kind = RwSignal::new(StepKind::Add);
    let open_criteria = move |k: StepKind| {
        Callback::new(move |()| {
            kind.set(k);
            criteria_open.set(true);
        })
    };
    let opener = |signal: RwSignal<bool>| Callback::new(move |()| signal.set(true));
    let go_back_open = RwSignal::new(false);
    let save_open = RwSignal::new(false);
    let reuse_open = RwSignal::new(false);
    let logged_open = RwSignal::new(false);
    let mailing_open = RwSignal::new(false);
    let delete_open = RwSignal::new(false);
    let opportunities_open = RwSignal::new(false);

    // One primary action (Log), the criteria steps together, the rarer functions behind "More",
    // and Delete set apart at the far end, where it is not hit on the way to Log.
    view! {
        <div class="seg-toolbar" role="group" aria-label=move || i18n.t(Key::SegmentActions)>
            <ToolButton label=Key::Log class="primary" on_click=opener(log_open)/>
            <div class="seg-toolbar-group" role="group" aria-label=move || i18n.t(Key::CriteriaActions)>
                <ToolButton label=Key::AddContacts on_click=open_criteria(StepKind::Add)/>
                <ToolButton label=Key::Reduce disabled=no_lines on_click=open_criteria(StepKind::Reduce)/>
                <ToolButton label=Key::Refine disabled=no_lines on_click=open_criteria(StepKind::Refine)/>
                <ToolButton label=Key::GoBack disabled=no_steps on_click=opener(go_back_open)/>
                <ToolButton label=Key::SaveCriteria disabled=no_steps on_click=opener(save_open)/>
                <ToolButton label=Key::ReuseCriteria on_click=opener(reuse_open)/>
            </div>
            <MoreMenu label=move || i18n.t(Key::MoreActions).to_string()>
                <ToolButton label=Key::ReuseLogged on_click=opener(logged_open)/>
                <ToolButton label=Key::ApplyMailingGroup disabled=no_lines on_click=opener(mailing_open)/>
                <ToolButton label=Key::ExportLines disabled=no_lines on_click=export_lines()/>
                <ToolButton label=Key::CreateOpportunities disabled=no_lines on_click=opener(opportunities_open)/>
            </MoreMenu>
            <ToolButton label=Key::DeleteSegment class="danger seg-delete" on_click=opener(delete_open)/>
        </div>
        <CriteriaDialog open=criteria_open kind/>
        <GoBackDialog open=go_back_open/>
        <SaveCriteriaDialog open=save_open/>
        <ReuseCriteriaDialog open=reuse_open/>
        <ReuseLoggedDialog open=logged_open/>
        <MailingGroupDialog open=mailing_open/>
        <DeleteDialog open=delete_open/>
        <CreateOpportunitiesDialog open=opportunities_open/>
    }
}

/// Asks before undoing the last step, saying what it will do.
#[component]
fn GoBackDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let id = ctx.id;
    let text = Signal::derive(move || {
        data.with_db(|db| {
            let step = db.segment(id)?.history.last()?;
            let name = i18n.t(action_name(&step.action));
            Some(i18n.tf(
                Key::GoBackQuestion,
                &[
                    ("step", name),
                    ("inserted", &i18n.lang.get().count(step.inserted.len())),
                    ("removed", &i18n.lang.get().count(step.removed.len())),
                ],
            ))
        })
        .flatten()
        .unwrap_or_default()
    });
    let go_back = Callback::new(move |()| {
        ctx.problems.commit(
            data,
            move |db| db.go_back(id, now()),
            move |_| ctx.status.set(i18n.t(Key::WentBack).to_string()),
        );
    });
    view! {
        <Confirm
            open
            title=move || i18n.t(Key::GoBack).to_string()
            text
            yes=move || i18n.t(Key::GoBackConfirm).to_string()
            on_yes=go_back
        />
    }
}

/// Asks before deleting the segment, then shows the list of segments.
#[component]
fn DeleteDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let ctx = use_segment();
    let id = ctx.id;
    let text = Signal::derive(move || i18n.tf(Key::DeleteSegmentQuestion, &[("no", &data.no(id))]));
    let delete = Callback::new(move |()| {
        ctx.problems.commit(
            data,
            move |db| db.delete_segment(id),
            move |_| router.open(Route::Page(Page::Segments)),
        );
    });
    view! {
        <Confirm
            open
            title=move || i18n.t(Key::DeleteSegment).to_string()
            text
            yes=move || i18n.t(Term::Delete).to_string()
            on_yes=delete
        />
    }
}

/// Downloads the lines as CSV (product.md §3), built from the core's rows.
fn export_lines() -> Callback<()> {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let id = ctx.id;
    Callback::new(move |()| {
        let rows = data.with_db(|db| db.segment_lines_rows(id));
        match rows {
            Some(Ok(rows)) => {
                let saved = download(
                    &format!("{}-lines.csv", data.no(id)),
                    "text/csv;charset=utf-8",
                    &csv_bytes(&rows),
                );
                let key = if saved {
                    Key::ExportedLines
                } else {
                    Key::DownloadRefused
                };
                ctx.status.set(i18n.t(key).to_string());
            }
            Some(Err(problems)) => ctx.problems.set(problems),
            None => {}
        }
    })
}

/// Asks before creating an opportunity for every line that has none yet, saying how many and
/// for which segment (reference-bc.md §5 asks too), then creates them.
#[component]
fn CreateOpportunitiesDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let id = ctx.id;
    let facts = Memo::new(move |_| {
        data.with_db(|db| {
            let description = db
                .segment(id)
                .map(|s| s.description.clone())
                .unwrap_or_default();
            (db.opportunities_to_create(id), db.no(id), description)
        })
        .unwrap_or_default()
    });
    let question = move || {
        let (count, no, description) = facts.get();
        let args = [
            ("count", i18n.lang.get().count(count)),
            ("no", no),
            ("description", description),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let key = match count {
            0 => Key::CreateOpportunitiesNone,
            _ => Key::CreateOpportunitiesQuestion,
        };
        i18n.tf(key, &args)
    };
    let create = move |_| {
        open.set(false);
        ctx.problems.commit(
            data,
            move |db| db.create_opportunities(id, now()),
            move |changes| {
                let count = changes
                    .puts
                    .iter()
                    .filter(|r| matches!(r, Record::Opportunity(_)))
                    .count();
                let text = i18n.tf(
                    Key::OpportunitiesCreated,
                    &[("count", &i18n.lang.get_untracked().count(count))],
                );
                ctx.status.set(text);
            },
        );
    };
    view! {
        <Dialog open title=move || i18n.t(Key::CreateOpportunities).to_string()>
            <p>{question}</p>
            <div class="dialog-actions">
                <button type="button" autofocus=true on:click=move |_| open.set(false)>
                    {move || i18n.t(Term::Cancel)}
                </button>
                <Show when=move || facts.with(|f| f.0 > 0)>
                    <button type="button" class="primary" on:click=create disabled=move || data.busy.get()>
                        {move || i18n.t(Key::Create)}
                    </button>
                </Show>
            </div>
        </Dialog>
    }
}
