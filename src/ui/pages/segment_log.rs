//! The log dialog of a segment: the check listing every problem per line, then logging (issue 5).

use leptos::prelude::*;

use crate::core::ids::SegmentId;

#[component]
pub fn LogDialog(
    /// The segment to log.
    id: SegmentId,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let _ = (id, open);
}
