//! The toolbar's smaller dialogs: save criteria, reuse saved criteria (showing who would join and
//! leave first, product.md §3), reuse a logged segment, and apply a mailing group.

use leptos::prelude::*;

use super::criteria::counts_text;
use super::use_segment;
use crate::core::changes::{Changes, Record};
use crate::core::criteria::CriteriaAction;
use crate::core::db::Db;
use crate::core::ids::{Code, LoggedSegmentId};
use crate::core::model::ClassificationKind;
use crate::core::problem::Problems;
use crate::core::segment::Preview;
use crate::ui::choices::{classification_codes, code_of, contact_name};
use crate::ui::clock::now;
use crate::ui::components::{Checkbox, Dialog, Feedback, FeedbackList, SelectField, TextField};
use crate::ui::format::code_label;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How many names of each side a difference lists.
const NAMES: usize = 50;

/// The Apply and Cancel buttons of a dialog form.
#[component]
fn Buttons(
    /// Closes the dialog.
    open: RwSignal<bool>,
    /// The label of the submit button.
    #[prop(into)]
    submit: AnyKey,
    /// Whether submitting is possible now.
    #[prop(into)]
    ready: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    view! {
        <div class="dialog-actions">
            <button
                type="submit"
                class="primary"
                disabled=move || data.busy.get() || !ready.get()
            >
                {move || i18n.t(submit)}
            </button>
            <button type="button" on:click=move |_| open.set(false)>
                {move || i18n.t(Term::Cancel)}
            </button>
        </div>
    }
}

/// The end of a form that applies one previewed change: who would join and leave, the problems of
/// the last attempt, and the buttons, Apply being possible once the preview has no problem.
#[component]
fn PreviewedEnd(
    open: RwSignal<bool>,
    preview: Memo<Option<Result<Preview, Problems>>>,
    problems: Feedback,
) -> impl IntoView {
    view! {
        <Difference preview/>
        <FeedbackList feedback=problems/>
        <Buttons
            open
            submit=Key::Apply
            ready=Signal::derive(move || matches!(preview.get(), Some(Ok(_))))
        />
    }
}

/// Commits a change that the form previewed: on success the dialog closes and the page says,
/// with the `done` text, how many contacts joined and left as the preview counted them.
fn commit_previewed(
    open: RwSignal<bool>,
    problems: Feedback,
    preview: Memo<Option<Result<Preview, Problems>>>,
    done: Key,
    operation: impl Fn(&Db) -> Result<Changes, Problems> + 'static,
) {
    let (i18n, data, ctx) = (use_i18n(), use_data(), use_segment());
    let counts = preview.get_untracked().and_then(Result::ok);
    problems.commit(data, operation, move |_| {
        open.set(false);
        let text = counts
            .map(|p| counts_text(i18n, &p, None))
            .unwrap_or_default();
        ctx.status.set(i18n.tf(done, &[("counts", &text)]));
    });
}

/// Who would join and who would leave, by name.
#[component]
fn Difference(
    /// The difference, `None` until there is something to compare.
    #[prop(into)]
    preview: Signal<Option<Result<Preview, Problems>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let names = move |ids: &[crate::core::ids::ContactId]| {
        data.with_db(|db| {
            ids.iter()
                .take(NAMES)
                .map(|id| contact_name(db, *id))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let body = move || match preview.get() {
        None => ().into_any(),
        Some(Err(problems)) => {
            let problems = Feedback::of(problems);
            view! { <FeedbackList feedback=problems/> }.into_any()
        }
        Some(Ok(preview)) => {
            let side = |title: Key, list: Vec<String>| {
                (!list.is_empty()).then(|| {
                    view! {
                        <h4>{i18n.t(title)}</h4>
                        <ul class="seg-preview-names" tabindex="0" aria-label=i18n.t(title)>
                            {list.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                        </ul>
                    }
                })
            };
            view! {
                <p class="seg-preview-count">{counts_text(i18n, &preview, None)}</p>
                {side(Key::Joining, names(&preview.join))}
                {side(Key::Leaving, names(&preview.leave))}
            }
            .into_any()
        }
    };
    view! { <div class="seg-preview" aria-live="polite">{body}</div> }
}

#[component]
pub fn SaveCriteriaDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::SaveCriteriaTitle).to_string()>
            <SaveCriteriaForm open/>
        </Dialog>
    }
}

#[component]
fn SaveCriteriaForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let code = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let problems = Feedback::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, d) = (code.get(), description.get());
        let saved = Code::new(&c).to_string();
        problems.commit(
            data,
            move |db| db.save_criteria(ctx.id, &c, &d),
            move |_| {
                open.set(false);
                ctx.status
                    .set(i18n.tf(Key::CriteriaSaved, &[("code", &saved)]));
            },
        );
    };
    view! {
        <form class="seg-form" on:submit=submit>
            <p>{move || i18n.t(Key::SaveCriteriaIntro)}</p>
            <TextField
                label=move || i18n.t(Term::Code).to_string()
                value=code
                required=true
                error=problems.at("code")
                hint=Signal::derive(move || Some(i18n.t(Key::CodeHint).to_string()))
            />
            <TextField
                label=move || i18n.t(Term::Description).to_string()
                value=description
                error=problems.at("description")
            />
            <FeedbackList feedback=problems fields=&["code", "description"]/>
            <Buttons open submit=Term::Save ready=Signal::derive(move || !code.get().trim().is_empty())/>
        </form>
    }
}

#[component]
pub fn ReuseCriteriaDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::ReuseCriteriaTitle).to_string()>
            <ReuseCriteriaForm open/>
        </Dialog>
    }
}

#[component]
fn ReuseCriteriaForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let chosen = RwSignal::new(String::new());
    let problems = Feedback::new();
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Key::ChooseOne).to_string())];
        if let Some(saved) = data.with_db(|db| {
            db.saved_criteria
                .values()
                .map(|s| {
                    (
                        s.code.to_string(),
                        code_label(s.code.as_str(), &s.description),
                    )
                })
                .collect::<Vec<_>>()
        }) {
            options.extend(saved);
        }
        options
    });
    let steps = Memo::new(move |_| {
        data.with_db(|db| db.segment(ctx.id).map_or(0, |s| s.history.len()))
            .unwrap_or_default()
    });
    let preview = Memo::new(move |_| {
        let code = code_of(&chosen.get())?;
        data.with_db(|db| db.reuse_criteria_preview(ctx.id, &code))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(code) = code_of(&chosen.get()) else {
            return;
        };
        let at = now();
        commit_previewed(open, problems, preview, Key::CriteriaReused, move |db| {
            db.reuse_criteria(ctx.id, &code, at)
        });
    };
    view! {
        <form class="seg-form" on:submit=submit>
            <p>{move || i18n.t(Key::ReuseCriteriaIntro)}</p>
            <Show when=move || { steps.get() > 0 }>
                <p class="notice">
                    {move || i18n.tf(Key::ReuseCriteriaExisting, &[("count", &i18n.lang.get().count(steps.get()))])}
                </p>
            </Show>
            // With nothing saved, an empty choice would only puzzle: say how criteria get here.
            <Show
                when=move || options.with(|o| o.len() > 1)
                fallback=move || view! { <p class="notice">{move || i18n.t(Key::NothingSavedYet)}</p> }
            >
                <SelectField label=move || i18n.t(Key::SavedCriteria).to_string() value=chosen options/>
            </Show>
            <PreviewedEnd open preview problems/>
        </form>
    }
}

#[component]
pub fn ReuseLoggedDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::ReuseLoggedTitle).to_string()>
            <ReuseLoggedForm open/>
        </Dialog>
    }
}

#[component]
fn ReuseLoggedForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let chosen = RwSignal::new(String::new());
    let allow_existing = RwSignal::new(false);
    let problems = Feedback::new();
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Key::ChooseOne).to_string())];
        if let Some(logged) = data.with_db(|db| {
            db.logged_segments
                .values()
                .rev()
                .map(|l| {
                    let canceled = if l.canceled {
                        i18n.t(Key::CanceledMark)
                    } else {
                        ""
                    };
                    (
                        l.id.no(),
                        format!("{} {canceled}", code_label(&db.no(l.id), &l.description))
                            .trim()
                            .to_string(),
                    )
                })
                .collect::<Vec<_>>()
        }) {
            options.extend(logged);
        }
        options
    });
    let action = Memo::new(move |_| {
        LoggedSegmentId::parse_no(&chosen.get()).map(|logged| CriteriaAction::ReuseLogged {
            logged,
            allow_existing: allow_existing.get(),
        })
    });
    let preview = Memo::new(move |_| {
        let action = action.get()?;
        data.with_db(|db| db.preview(ctx.id, &action))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(action) = action.get_untracked() else {
            return;
        };
        let at = now();
        commit_previewed(open, problems, preview, Key::LoggedReused, move |db| {
            db.apply_action(ctx.id, &action, at)
        });
    };
    view! {
        <form class="seg-form" on:submit=submit>
            <p>{move || i18n.t(Key::ReuseLoggedIntro)}</p>
            <SelectField label=move || i18n.t(Key::LoggedSegmentField).to_string() value=chosen options/>
            <Checkbox
                label=move || i18n.t(Key::OptAllowExisting).to_string()
                checked=allow_existing
                hint=Signal::derive(move || Some(i18n.t(Key::OptAllowExistingHint).to_string()))
            />
            <PreviewedEnd open preview problems/>
        </form>
    }
}

#[component]
pub fn MailingGroupDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog open title=move || i18n.t(Key::MailingGroupTitle).to_string()>
            <MailingGroupForm open/>
        </Dialog>
    }
}

#[component]
fn MailingGroupForm(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = use_segment();
    let group = RwSignal::new(String::new());
    let delete_old = RwSignal::new(false);
    let problems = Feedback::new();
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Key::ChooseOne).to_string())];
        let codes = data
            .with_db(|db| classification_codes(db, ClassificationKind::MailingGroup))
            .unwrap_or_default();
        options.extend(codes.into_iter().map(|(code, description)| {
            let label = code_label(&code, &description);
            (code, label)
        }));
        options
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(code) = code_of(&group.get()) else {
            return;
        };
        let delete = delete_old.get();
        let name = code.to_string();
        problems.commit(
            data,
            move |db| db.apply_mailing_group(ctx.id, &code, delete, now()),
            move |changes| {
                open.set(false);
                let count = changes
                    .puts
                    .iter()
                    .filter(|r| matches!(r, Record::Contact(_)))
                    .count();
                ctx.status.set(i18n.tf(
                    Key::MailingGroupApplied,
                    &[
                        ("code", &name),
                        ("count", &i18n.lang.get_untracked().count(count)),
                    ],
                ));
            },
        );
    };
    view! {
        <form class="seg-form" on:submit=submit>
            <p>{move || i18n.t(Key::MailingGroupIntro)}</p>
            <SelectField
                label=move || i18n.t(Term::MailingGroup).to_string()
                value=group
                options
                error=problems.at("mailing_group")
            />
            <Checkbox
                label=move || i18n.t(Key::DeleteOldAssignments).to_string()
                checked=delete_old
                hint=Signal::derive(move || Some(i18n.t(Key::DeleteOldAssignmentsHint).to_string()))
            />
            <FeedbackList feedback=problems fields=&["mailing_group"]/>
            <Buttons open submit=Key::Apply ready=Signal::derive(move || !group.get().is_empty())/>
        </form>
    }
}
