//! Segments: build contact groups with Add, Reduce and Refine, preview, log (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn Segments() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageSegments intro=Key::SegmentsIntro/>
        <ComingWithIssue issue=5/>
    }
}
