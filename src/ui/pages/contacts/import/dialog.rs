//! The import wizard's dialog: its progress bar and the view of each step of [`Wizard`].

use leptos::prelude::*;

use super::map::MappingStep;
use super::preview::{Preview, Summary};
use super::text::{ErrorMessage, WarningList};
use super::{Stage, Step, Wizard};
use crate::ui::components::{Dialog, FilePicker, ProblemList};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::pages::contacts::{focus_heading, format_count};

#[component]
pub fn ImportDialog(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = Wizard::new();
    // Each opening starts afresh; a finished import stays undoable until the dialog closes.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open {
            wizard.reset();
        } else if was_open == Some(true) {
            // Closing the dialog stops reading or planning at the next slice, so a cancelled
            // import stores nothing (a commit already under way is not cancelled; the Cancel
            // button is disabled for it).
            if !wizard.committing.get_untracked() {
                wizard.cancel();
            }
            // The button that opened the dialog is gone when the first import replaced the
            // empty list; focus then goes to the heading rather than to the top of the document.
            request_animation_frame(|| {
                let lost = document()
                    .active_element()
                    .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"));
                if lost {
                    focus_heading();
                }
            });
        }
        is_open
    });
    view! {
        <Dialog open title=move || i18n.t(Key::ImportContacts).to_string() class="wide import-dialog">
            <div class="import-body" aria-busy=move || wizard.busy.get().to_string()>
                {move || wizard.busy.get().then(|| view! {
                    <p class="busy" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {move || i18n.t(Key::Working)}
                    </p>
                })}
                <ProgressBar wizard/>
                <StepView wizard/>
                <ProblemList problems=wizard.refused/>
                {move || wizard.failure.get().map(|text| view! { <p class="form-alert" role="alert">{text}</p> })}
                <div class="button-row dialog-close">
                    <button
                        type="button"
                        on:click=move |_| open.set(false)
                        disabled=move || wizard.committing.get()
                    >
                        {move || match wizard.step.get() {
                            Step::Done { .. } | Step::Undone { .. } => i18n.t(Term::Close),
                            _ => i18n.t(Term::Cancel),
                        }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// The progress of reading or planning a file, as a labelled `<progress>` element. The label is
/// not a live region: it changes many times a second, and the busy line above already tells a
/// screen reader that work is going on; the bar's value can be read on demand.
#[component]
fn ProgressBar(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        wizard.progress.get().map(|progress| {
            let key = match progress.stage {
                Stage::Reading => Key::ProgressReading,
                Stage::Planning => Key::ProgressPlanning,
            };
            let text = i18n.tf(
                key,
                &[
                    ("done", &format_count(i18n.lang.get(), progress.done)),
                    ("total", &format_count(i18n.lang.get(), progress.total)),
                ],
            );
            view! {
                <div class="import-progress">
                    <span id="import-progress-label">{text}</span>
                    <progress
                        aria-labelledby="import-progress-label"
                        max=progress.total.max(1)
                        value=progress.done
                    ></progress>
                </div>
            }
        })
    }
}

/// The current step's content.
#[component]
fn StepView(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let step = Memo::new(move |_| wizard.step.get());
    move || match step.get() {
        Step::Choose => view! { <ChooseStep wizard/> }.into_any(),
        Step::Map => view! { <MappingStep wizard/> }.into_any(),
        Step::Preview => view! {
            <WarningList warnings=wizard.warnings/>
            <Preview wizard/>
        }
        .into_any(),
        Step::Done { batch, summary } => view! { <Summary wizard batch summary/> }.into_any(),
        Step::Undone { removed } => view! {
            <p class="import-done" role="status">
                {move || i18n.tf(Key::UndoDone, &[("count", &i18n.lang.get().count(removed))])}
            </p>
        }
        .into_any(),
    }
}

/// The file input, what it accepts, and why the last file could not be read.
#[component]
fn ChooseStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let on_file = Callback::new(move |(name, bytes): (String, Vec<u8>)| wizard.read(name, bytes));
    let on_error = Callback::new(move |reason: String| {
        wizard
            .failure
            .set(Some(i18n.tf(Key::FileUnreadable, &[("reason", &reason)])))
    });
    view! {
        <p>{move || i18n.t(Key::ImportIntro)}</p>
        <FilePicker
            label=move || i18n.t(Key::ImportFileLabel).to_string()
            accept=".csv,.vcf,.vcard,.txt"
            on_file
            on_error
        />
        {move || wizard.error.get().map(|error| view! { <ErrorMessage wizard error/> })}
    }
}
