//! Interaction log: every interaction entry, filtered, evaluated, canceled (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn InteractionLog() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageInteractionLog intro=Key::InteractionLogIntro/>
        <ComingWithIssue issue=5/>
    }
}
