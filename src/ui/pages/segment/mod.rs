//! One segment's page (`/segments/SEG…`): its header, the actions on it, its lines, its criteria
//! history, its letters and the log dialog (product.md §3, reference-bc.md §2).
//!
//! The parts are components of their own (`header`, `toolbar`, `lines`,
//! `history`); they share the segment's id and the page's status line through
//! [`SegmentCtx`].
//!
//! What the parts share with other pages is not here, so that no page imports this one: how
//! dates, numbers and codes are written is in `ui/format.rs`, the choice lists of the set-up
//! tables and a contact's name in `ui/choices.rs`, the clock in `ui/clock.rs`. Committing with the problems kept for the view ([`Feedback`](crate::ui::components::Feedback)),
//! the problem list and the yes/no dialog are in `components/`, shared with the other pages.

mod criteria;
mod criteria_form;
mod header;
mod history;
mod letters;
mod lines;
mod log;
mod reasons;
mod toolbar;
mod tools;

use leptos::prelude::*;

use crate::core::ids::SegmentId;
use crate::ui::components::{Feedback, FeedbackList};
use crate::ui::i18n::{use_i18n, Key as Shell};
use crate::ui::i18n_catalogue::segments::Key;
use crate::ui::routes::{use_router, Page, Route};
use crate::ui::state::use_data;
use header::HeaderForm;
use history::History;
use lines::Lines;
use toolbar::Toolbar;

/// What the parts of one segment's page share.
#[derive(Clone, Copy)]
pub struct SegmentCtx {
    pub id: SegmentId,
    /// The outcome of the last action, read out politely by screen readers.
    pub status: RwSignal<String>,
    /// The problems of the last action taken from the toolbar.
    pub problems: Feedback,
}

pub fn use_segment() -> SegmentCtx {
    expect_context::<SegmentCtx>()
}

#[component]
pub fn SegmentPage(
    /// Which one to show.
    id: SegmentId,
) -> impl IntoView {
    let data = use_data();
    let exists = Memo::new(move |_| data.with_db(|db| db.segment(id).is_some()));
    let log_open = RwSignal::new(false);
    view! {
        {move || match exists.get() {
            None => view! { <Loading/> }.into_any(),
            Some(false) => view! { <Missing id/> }.into_any(),
            Some(true) => view! { <SegmentView id log_open/> }.into_any(),
        }}
        <log::LogDialog id open=log_open/>
    }
}

#[component]
fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(Shell::PageSegments)}</h1>
            <p class="intro" role="status">{move || i18n.t(Key::Loading)}</p>
        </header>
    }
}

/// A segment number that names no segment (never made, logged, or deleted).
#[component]
fn Missing(id: SegmentId) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(Key::SegmentMissingTitle)}</h1>
            <p class="intro">{move || i18n.tf(Key::SegmentMissing, &[("no", &id.no())])}</p>
        </header>
        <BackLink/>
    }
}

/// The link back to the list of segments.
#[component]
fn BackLink() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        router.open(Route::Page(Page::Segments));
    };
    view! {
        <p class="seg-back">
            <a href=Page::Segments.href() on:click=back>{move || i18n.t(Key::BackToSegments)}</a>
        </p>
    }
}

#[component]
fn SegmentView(id: SegmentId, log_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let ctx = SegmentCtx {
        id,
        status: RwSignal::new(String::new()),
        problems: Feedback::new(),
    };
    provide_context(ctx);
    let description = Memo::new(move |_| {
        data.with_db(|db| db.segment(id).map(|s| s.description.clone()))
            .flatten()
            .unwrap_or_default()
    });
    // The description is the user's text: isolated in a <bdi> of its own, so that right-to-left
    // letters or an override in it cannot reorder the number before it.
    let title = move || {
        let description = description.get();
        (!description.is_empty()).then(|| view! { " · "<bdi>{description}</bdi> })
    };
    view! {
        <div class="seg">
            <BackLink/>
            <header class="page-header">
                <h1 tabindex="-1">{move || use_data().no(id)}{title}</h1>
                <p class="intro">{move || i18n.t(Key::SegmentIntro)}</p>
            </header>
            <Toolbar log_open/>
            <p class="seg-status" role="status">{move || ctx.status.get()}</p>
            <FeedbackList feedback=ctx.problems/>
            <HeaderForm/>
            <Lines/>
            <History/>
            <letters::LetterPanel id/>
        </div>
    }
}
