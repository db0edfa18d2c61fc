//! The comments of one interaction log entry: the list, oldest first, and a new one added.

use leptos::prelude::*;

use super::datetime_text;
use super::now;
use crate::core::ids::EntryId;
use crate::ui::components::{Dialog, TextArea};
use crate::ui::components::{Feedback, FeedbackList};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

#[component]
pub fn CommentsDialog(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The entry whose comments are shown.
    entry: RwSignal<Option<EntryId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let text = RwSignal::new(String::new());
    let feedback = Feedback::new();
    // A new entry (or reopening) starts with an empty comment and no old problems.
    Effect::new(move |_| {
        if open.get() {
            text.set(String::new());
            feedback.clear();
        }
    });
    let comments = move || {
        let id = entry.get()?;
        data.with_db(|db| db.entries.get(&id).map(|e| e.comments.clone()))
            .flatten()
    };
    let list = move || {
        let comments = comments().unwrap_or_default();
        if comments.is_empty() {
            return view! { <p class="rm-empty">{move || i18n.t(Key::NoComments)}</p> }.into_any();
        }
        view! {
            <ul class="rm-comments">
                {comments
                    .into_iter()
                    .map(|c| view! {
                        <li>
                            <span class="rm-comment-at">{move || datetime_text(i18n.lang.get(), c.at)}</span>
                            <span class="rm-comment-text">{c.text.clone()}</span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = entry.get_untracked() else {
            return;
        };
        let comment = text.get_untracked();
        let at = now();
        feedback.commit(
            data,
            move |db| db.add_comment(id, &comment, at),
            move |_| text.set(String::new()),
        );
    };
    let title = move || {
        let no = entry.get().map(|id| data.no(id)).unwrap_or_default();
        i18n.tf(Key::CommentsTitle, &[("no", &no)])
    };
    view! {
        <Dialog open title class="rm-dialog">
            {list}
            <form class="rm-form" novalidate=true on:submit=add>
                <TextArea
                    label=move || i18n.t(Key::NewComment).to_string()
                    value=text
                    error=feedback.at("text")
                    rows=3
                />
                <FeedbackList feedback fields=&["text"]/>
                <div class="rm-buttons">
                    <button type="submit" class="rm-button primary">{move || i18n.t(Key::AddComment)}</button>
                    <button type="button" class="rm-button" on:click=move |_| open.set(false)>
                        {move || i18n.t(Term::Close)}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
