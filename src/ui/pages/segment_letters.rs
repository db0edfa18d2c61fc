//! A segment's letters: preview stepping through contacts, and the downloads (issue 6).

use leptos::prelude::*;

use crate::core::ids::SegmentId;

#[component]
pub fn LetterPanel(
    /// The segment whose letters are shown.
    id: SegmentId,
) -> impl IntoView {
    let _ = id;
}
