//! The page for a path that is no page of the app.

use leptos::prelude::*;

use crate::ui::i18n::{use_i18n, Key};
use crate::ui::routes::{use_router, Page};

#[component]
pub fn NotFound(
    /// The path that was asked for; shown as text.
    path: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let go_home = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        router.navigate(Page::HOME);
    };
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(Key::NotFoundTitle)}</h1>
            <p class="intro">{move || i18n.tf(Key::NotFoundText, &[("path", &path)])}</p>
        </header>
        <p>
            <a href=Page::HOME.href() on:click=go_home>{move || i18n.t(Key::NotFoundBack)}</a>
        </p>
    }
}
