//! A modal dialog on the native `<dialog>` element.
//!
//! `showModal()` makes the rest of the page inert, so focus stays inside the dialog, and the
//! browser closes it on Escape; both come from the platform rather than from our own focus-trap
//! code, which is what keeps them reliable for keyboard and screen-reader users.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// Whether the dialog is shown; the dialog sets it to false when the user closes it.
    open: RwSignal<bool>,
    /// The dialog's heading, which is also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Extra CSS class, e.g. `wide` for the criteria dialogs.
    #[prop(optional)]
    class: &'static str,
    /// The dialog's content.
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let heading_id = format!("dialog-title-{}", next_id());
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let labelled_by = heading_id.clone();
    view! {
        <dialog
            node_ref=node
            class=format!("dialog {class}")
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
        >
            <h2 id=heading_id class="dialog-title">{move || title.get()}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

/// A number unique within the page, for element ids that tie labels and descriptions together.
pub fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
