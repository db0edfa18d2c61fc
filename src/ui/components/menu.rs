//! A "More" menu: a button that shows and hides a short list of less used actions (the WAI-ARIA
//! disclosure pattern, not an ARIA `menu`, whose arrow-key model the actions do not need).
//!
//! The list closes when an action in it is chosen, on Escape (focus goes back to the button) and
//! when the focus leaves it. An action that opens a dialog gets the button as the element the
//! dialog gives focus back to, because the list hides the action itself.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialog::next_id;

#[component]
pub fn MoreMenu(
    /// The button's visible label; the list's actions are its children.
    #[prop(into)]
    label: Signal<String>,
    /// The actions: buttons.
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let list_id = format!("more-menu-{}", next_id());
    let wrapper = NodeRef::<html::Div>::new();
    let toggle = NodeRef::<html::Button>::new();
    let focus_toggle = move || {
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    // Focus moving to anything outside the menu closes it, as a click elsewhere does.
    let focus_out = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrapper.get_untracked())
            .is_some_and(|(node, wrapper)| wrapper.contains(Some(&node)));
        if !inside {
            open.set(false);
        }
    };
    let key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            focus_toggle();
        }
    };
    // A chosen action closes the list; the focus goes to the button first, so that a dialog the
    // action opens returns it there when it closes.
    let chosen = move |ev: leptos::ev::MouseEvent| {
        let on_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("button").ok().flatten().is_some());
        if on_button {
            focus_toggle();
            open.set(false);
        }
    };
    view! {
        <div class="more-menu" node_ref=wrapper on:focusout=focus_out on:keydown=key>
            <button
                type="button"
                node_ref=toggle
                aria-expanded=move || open.get().to_string()
                aria-controls=list_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || label.get()}
                <span aria-hidden="true">" ▾"</span>
            </button>
            <div id=list_id class="more-menu-list" hidden=move || !open.get() on:click=chosen>
                {children()}
            </div>
        </div>
    }
}
