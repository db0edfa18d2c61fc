//! A table that renders only the rows in view, so 100,000 contacts scroll smoothly with a few
//! dozen rows in the DOM.
//!
//! Rows have a fixed height; spacer rows above and below stand in for the rows not rendered, so
//! the scroll bar keeps the size of the whole list. `aria-rowcount` and `aria-rowindex` tell
//! assistive technology the real size and position.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Rows rendered beyond the visible ones on each side, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

#[component]
pub fn VirtualTable(
    /// The accessible name of the table (its caption, visually hidden).
    #[prop(into)]
    caption: Signal<String>,
    /// How many rows there are.
    #[prop(into)]
    rows: Signal<usize>,
    /// The height of one row in pixels; rows must not wrap.
    #[prop(default = 36.0)]
    row_height: f64,
    /// The header row's cells (`<th>` elements).
    header: ViewFn,
    /// Renders the cells (`<td>` elements) of row `index`.
    cells: Callback<usize, AnyView>,
    /// Called when a row is activated (click, Enter or Space), with its index.
    #[prop(optional)]
    on_open: Option<Callback<usize>>,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(600.0_f64);
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height().max(1) as f64);
        }
    };
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(el.client_height().max(1) as f64);
        }
    });
    let window = Memo::new(move |_| {
        let total = rows.get();
        let first = ((scroll_top.get() / row_height) as usize)
            .saturating_sub(OVERSCAN)
            .min(total);
        let visible = (viewport.get() / row_height).ceil() as usize + 2 * OVERSCAN;
        (first, (first + visible).min(total), total)
    });
    let spacer = move |count: usize| format!("height: {}px", count as f64 * row_height);
    view! {
        <div class="virtual-table" node_ref=scroller on:scroll=on_scroll tabindex="0">
            <table aria-rowcount=move || rows.get() + 1>
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr aria-rowindex="1">{header.run()}</tr>
                </thead>
                <tbody>
                    <tr aria-hidden="true" class="spacer" style=move || spacer(window.get().0)></tr>
                    {move || {
                        let (first, end, _) = window.get();
                        (first..end)
                            .map(|index| {
                                // A click on a control inside a cell (a button in a row) is that
                                // control's, as a key pressed on it is.
                                let open = move |ev: leptos::ev::MouseEvent| {
                                    let on_control = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                        .and_then(|el| el.closest("button, a, input, select, textarea").ok().flatten())
                                        .is_some();
                                    if on_control {
                                        return;
                                    }
                                    if let Some(on_open) = on_open {
                                        on_open.run(index);
                                    }
                                };
                                // Enter and Space open a focused row, as they press a
                                // button; Space must not scroll the table as well. Keys
                                // pressed on a control inside a cell are that control's.
                                // (Leptos delegates events to the document, so the row is
                                // recognised by its tag rather than as the current target.)
                                let key = move |ev: leptos::ev::KeyboardEvent| {
                                    let on_row = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("tr"));
                                    if on_row && (ev.key() == "Enter" || ev.key() == " ") {
                                        if let Some(on_open) = on_open {
                                            ev.prevent_default();
                                            on_open.run(index);
                                        }
                                    }
                                };
                                view! {
                                    <tr
                                        aria-rowindex=index + 2
                                        style=format!("height: {row_height}px")
                                        class:clickable=on_open.is_some()
                                        tabindex=on_open.map(|_| "0")
                                        on:click=open
                                        on:keydown=key
                                    >
                                        {cells.run(index)}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                    <tr aria-hidden="true" class="spacer" style=move || {
                        let (_, end, total) = window.get();
                        spacer(total - end)
                    }></tr>
                </tbody>
            </table>
        </div>
    }
}
