//! Translation for components: the current [`Lang`] in a signal, provided once as context.
//!
//! The texts themselves live in [`super::i18n_catalogue`], which compiles natively so that a plain
//! `cargo test` checks it. Components take the [`I18n`] context and call [`I18n::t`] inside a closure,
//! so that the text follows the language switch:
//!
//! ```ignore
//! let i18n = use_i18n();
//! view! { <h1>{move || i18n.t(Key::PageContacts)}</h1> }
//! ```

use leptos::prelude::*;

pub use super::i18n_catalogue::{fill, isolate, swap_words, AnyKey, Key, Lang, Text};

/// The interface language, shared by every component.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text for `key` in the current language. Reading it inside a closure subscribes to the
    /// language, so the text changes when the language does.
    pub fn t(&self, key: impl Text) -> &'static str {
        key.text(self.lang.get())
    }

    /// A number as the interface language writes it: `10,742` in English, `10 742` in Finnish.
    /// Every count, row, line or position shown goes through this (or [`Lang::count`]);
    /// `tests/it/ui_numbers.rs` finds numbers put on the page as they are.
    pub fn count<N: TryInto<usize>>(&self, n: N) -> String {
        // Only a number beyond the address space fails to convert; it is shown as the largest.
        self.lang.get().count(n.try_into().unwrap_or(usize::MAX))
    }

    /// The text for `key` with its `{placeholders}` filled.
    pub fn tf(&self, key: impl Text, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

/// The [`I18n`] context provided by the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
