//! One segment's page (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::core::ids::SegmentId;
use crate::ui::i18n::Key;

#[component]
pub fn SegmentPage(
    /// Which one to show.
    id: SegmentId,
) -> impl IntoView {
    let _ = id;
    view! {
        <PageHeader title=Key::PageSegments intro=Key::SegmentsIntro/>
        <ComingWithIssue issue=5/>
    }
}
