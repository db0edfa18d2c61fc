//! Logged segments: what logging produced; follow up, cancel, download letters again (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn LoggedSegments() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageLoggedSegments intro=Key::LoggedSegmentsIntro/>
        <ComingWithIssue issue=5/>
    }
}
