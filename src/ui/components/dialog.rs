//! A modal dialog on the native `<dialog>` element.
//!
//! `showModal()` makes the rest of the page inert, the browser closes the dialog on Escape and
//! then gives focus back to the element that had it before (the button that opened it); these
//! come from the platform rather than from our own code, which keeps them reliable for keyboard
//! and screen-reader users.
//!
//! One thing the platform leaves out: Tab from the dialog's last control moves focus out of the
//! page (to the browser's address bar, or to `<body>` in a headless browser) instead of back to
//! the first control. [`wrap_tab`] closes that gap, as the WAI-ARIA modal dialog pattern asks:
//! Tab from the last control goes to the first, Shift+Tab from the first to the last.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
            on:keydown=move |ev| {
                if let Some(dialog) = node.get_untracked() {
                    wrap_tab(&dialog, &ev);
                }
            }
        >
            <h2 id=heading_id class="dialog-title">{move || title.get()}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

/// What can take focus with Tab, before the checks of [`tabbable`].
const FOCUSABLE: &str = "a[href], area[href], button, input:not([type=hidden]), select, textarea, \
    iframe, summary, [tabindex], [contenteditable]:not([contenteditable=false])";

/// Keeps Tab and Shift+Tab inside `dialog`: from its last tabbable control Tab goes to the first,
/// and from the first (or from the dialog itself) Shift+Tab goes to the last. Any other key, and
/// Tab between two controls inside, is left to the browser.
fn wrap_tab(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let controls = tabbable(dialog);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = dialog.owner_document().and_then(|d| d.active_element());
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let on_dialog = active
        .as_ref()
        .is_some_and(|a| a == dialog.unchecked_ref::<web_sys::Element>());
    let target = if ev.shift_key() {
        (is(first) || on_dialog).then_some(last)
    } else {
        is(last).then_some(first)
    };
    if let Some(target) = target {
        ev.prevent_default();
        let _ = target.focus();
    }
}

/// The controls inside `dialog` that Tab visits, in document order: focusable, not disabled, not
/// taken out of the order with a negative `tabindex`, rendered (a control in a closed `<details>`
/// or under `display: none` has no size), and of a group of radio buttons only the checked one
/// (or every one while none is checked).
fn tabbable(dialog: &web_sys::HtmlDialogElement) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| {
            el.tab_index() >= 0
                && !el.matches(":disabled").unwrap_or(false)
                && (el.offset_width() > 0 || el.offset_height() > 0)
        })
        .filter(|el| {
            let Some(radio) = el.dyn_ref::<web_sys::HtmlInputElement>() else {
                return true;
            };
            if radio.type_() != "radio" || radio.checked() || radio.name().is_empty() {
                return true;
            }
            let group = format!("input[type=radio][name=\"{}\"]:checked", radio.name());
            !matches!(dialog.query_selector(&group), Ok(Some(_)))
        })
        .collect()
}

/// A number unique within the page, for element ids that tie labels and descriptions together.
pub fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
