//! A dialog that asks one yes/no question, on top of [`Dialog`].
//!
//! It lives in its own file rather than in `dialog.rs` so that the modal dialog itself (focus,
//! Escape) and the questions asked with it can be changed independently.

use super::Dialog;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::terms::Key as Term;
use leptos::prelude::*;

/// A dialog that asks one question. `on_yes` runs when the user confirms; Cancel and Escape do
/// nothing. Every question asked this way is about something that cannot be taken back
/// (deleting, undoing a step), so Cancel comes first and has the focus: Enter does no harm.
#[component]
pub fn Confirm(
    /// Whether the dialog is shown.
    open: RwSignal<bool>,
    /// The dialog's heading, which is also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The question, in a sentence or two.
    #[prop(into)]
    text: Signal<String>,
    /// The label of the confirming button.
    #[prop(into)]
    yes: Signal<String>,
    /// What confirming does.
    on_yes: Callback<()>,
    /// The label of the button that says no, when "Cancel" would be ambiguous.
    #[prop(optional, into)]
    no: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let no = move || no.map_or_else(|| i18n.t(Term::Cancel).to_string(), |no| no.get());
    view! {
        <Dialog open title>
            <p>{move || text.get()}</p>
            <div class="dialog-actions">
                <button type="button" autofocus=true on:click=move |_| open.set(false)>
                    {no}
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        open.set(false);
                        on_yes.run(());
                    }
                >
                    {move || yes.get()}
                </button>
            </div>
        </Dialog>
    }
}
