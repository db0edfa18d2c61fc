//! One logged segment's page (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::core::ids::LoggedSegmentId;
use crate::ui::i18n::Key;

#[component]
pub fn LoggedSegmentPage(
    /// Which one to show.
    id: LoggedSegmentId,
) -> impl IntoView {
    let _ = id;
    view! {
        <PageHeader title=Key::PageLoggedSegments intro=Key::LoggedSegmentsIntro/>
        <ComingWithIssue issue=5/>
    }
}
