//! What can be done with a logged segment (product.md §4, reference-bc.md §3.4): cancel or
//! un-cancel it with its entries, create a follow-up segment with the same contacts, and
//! download all of its letters again. Used by the list of logged segments and by one logged
//! segment's page; the page holds one [`SegmentActions`] and shows its question and problems
//! once, whatever row asked.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::count_text;
use super::now;
use crate::core::changes::Record;
use crate::core::ids::LoggedSegmentId;
use crate::core::model::StoredLetter;
use crate::core::problem::Problem;
use crate::core::production::zip_of;
use crate::ui::components::download;
use crate::ui::components::{Confirm, Feedback, FeedbackList};
use crate::ui::features::letters::store::load_batch;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key::FollowUpName;
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::routes::{use_router, Route};
use crate::ui::state::use_data;

/// The state of the actions of one page: the pending cancel question, the problems of the last
/// action, and which logged segment's letters are being read.
#[derive(Clone, Copy)]
pub struct SegmentActions {
    pub feedback: Feedback,
    confirm: RwSignal<bool>,
    /// The logged segment asked about, whether it is to be canceled (or un-canceled), and how
    /// many entries it has.
    pending: RwSignal<Option<(LoggedSegmentId, bool, usize)>>,
    reading: RwSignal<Option<LoggedSegmentId>>,
}

impl SegmentActions {
    pub fn new() -> Self {
        SegmentActions {
            feedback: Feedback::new(),
            confirm: RwSignal::new(false),
            pending: RwSignal::new(None),
            reading: RwSignal::new(None),
        }
    }
}

impl Default for SegmentActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The cancel question and the problems of the last action; put once on the page.
#[component]
pub fn SegmentActionsHost(
    /// The page's actions.
    actions: SegmentActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let title = move || {
        let cancel = actions.pending.get().is_none_or(|(_, cancel, _)| cancel);
        i18n.t(if cancel {
            Key::CancelSegmentTitle
        } else {
            Key::UncancelSegmentTitle
        })
        .to_string()
    };
    let text = move || {
        let Some((id, cancel, count)) = actions.pending.get() else {
            return String::new();
        };
        let key = if cancel {
            Key::CancelSegmentQuestion
        } else {
            Key::UncancelSegmentQuestion
        };
        let count = count_text(i18n.lang.get(), count);
        i18n.tf(key, &[("no", &data.no(id)), ("count", &count)])
    };
    let yes = move || {
        let cancel = actions.pending.get().is_none_or(|(_, cancel, _)| cancel);
        i18n.t(if cancel {
            Key::CancelSegmentYes
        } else {
            Key::UncancelSegmentYes
        })
        .to_string()
    };
    let confirmed = move |_| {
        if let Some((id, cancel, _)) = actions.pending.get_untracked() {
            actions.feedback.commit(
                data,
                move |db| db.set_logged_segment_canceled(id, cancel),
                |_| {},
            );
        }
    };
    view! {
        <FeedbackList feedback=actions.feedback/>
        <Confirm
            open=actions.confirm
            title
            text
            yes
            no=move || i18n.t(Key::KeepAsItIs).to_string()
            on_yes=Callback::new(confirmed)
        />
    }
}

/// The buttons for one logged segment.
#[component]
pub fn SegmentButtons(
    /// The page's actions.
    actions: SegmentActions,
    /// The logged segment.
    id: LoggedSegmentId,
    /// Whether it is canceled now.
    canceled: bool,
    /// How many entries it has, for the cancel question.
    entries: usize,
    /// Whether any of its entries has a letter.
    has_letters: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let no = data.no(id);
    let ask_cancel = move |_| {
        actions.feedback.clear();
        actions.pending.set(Some((id, !canceled, entries)));
        actions.confirm.set(true);
    };
    let follow_up = move |_| {
        let at = now();
        // The new segment is named in the user's language, after the segment that was logged.
        let name = data
            .with_db(|db| db.logged_segments.get(&id).map(|l| l.segment_no.clone()))
            .flatten()
            .map(|segment| i18n.tf(FollowUpName, &[("segment", &segment)]));
        actions.feedback.commit(
            data,
            move |db| {
                db.create_follow_up_segment(id, name.clone(), at)
                    .map(|(changes, _)| changes)
            },
            move |changes| {
                let segment = changes.puts.iter().find_map(|record| match record {
                    Record::Segment(segment) => Some(segment.id),
                    _ => None,
                });
                if let Some(segment) = segment {
                    router.open(Route::Segment(segment));
                }
            },
        );
    };
    let letters = move |_| {
        actions.feedback.clear();
        actions.reading.set(Some(id));
        spawn_local(async move {
            let outcome = load_batch(data, id).await;
            actions.reading.set(None);
            match outcome {
                Ok(batch) => {
                    let letters: Vec<&StoredLetter> =
                        batch.letters.iter().map(|(_, l)| l).collect();
                    match zip_of(&letters, now()) {
                        Ok(bytes) => {
                            download(
                                &format!("{} letters.zip", data.no(id)),
                                "application/zip",
                                &bytes,
                            );
                        }
                        Err(error) => actions.feedback.0.set(vec![Problem::record(error.code())]),
                    }
                }
                Err(problem) => actions.feedback.0.set(vec![problem]),
            }
        });
    };
    let named = move |key: Key| {
        let no = no.clone();
        move || i18n.tf(key, &[("no", &no)])
    };
    let (cancel_label, cancel_named) = if canceled {
        (Key::Uncancel, Key::UncancelSegmentNamed)
    } else {
        (Key::MarkCanceled, Key::CancelSegmentNamed)
    };
    view! {
        <div class="rm-row-buttons">
            <button type="button" class="rm-button small" aria-label=named(cancel_named) on:click=ask_cancel>
                {move || i18n.t(cancel_label)}
            </button>
            <button type="button" class="rm-button small" aria-label=named(Key::FollowUpNamed) on:click=follow_up>
                {move || i18n.t(Key::FollowUp)}
            </button>
            {has_letters.then(|| view! {
                <button
                    type="button"
                    class="rm-button small"
                    aria-label=named(Key::LettersZipNamed)
                    disabled=move || actions.reading.get() == Some(id)
                    on:click=letters
                >
                    {move || i18n.t(Key::LettersZip)}
                </button>
            })}
        </div>
    }
}
