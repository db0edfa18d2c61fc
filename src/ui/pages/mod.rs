//! One module per page. Pages whose feature has not landed yet say which issue brings it; their
//! heading, introduction and place in the layout are already the real ones.

use leptos::prelude::*;

use super::i18n::{use_i18n, Key};
use super::routes::Page;

pub mod conflicts;
pub mod contacts;
pub mod interaction_log;
pub mod logged_segment;
pub mod logged_segments;
pub mod not_found;
pub mod opportunities;
pub mod segment;
pub mod segments;
pub mod settings;
pub mod setup;
pub mod templates;

/// The view of `page`.
pub fn view(page: Page) -> AnyView {
    match page {
        Page::Contacts => view! { <contacts::Contacts/> }.into_any(),
        Page::Segments => view! { <segments::Segments/> }.into_any(),
        Page::LoggedSegments => view! { <logged_segments::LoggedSegments/> }.into_any(),
        Page::InteractionLog => view! { <interaction_log::InteractionLog/> }.into_any(),
        Page::Templates => view! { <templates::Templates/> }.into_any(),
        Page::Setup => view! { <setup::Setup/> }.into_any(),
        Page::Settings => view! { <settings::Settings/> }.into_any(),
        Page::Conflicts => view! { <conflicts::Conflicts/> }.into_any(),
        Page::Opportunities => view! { <opportunities::Opportunities/> }.into_any(),
    }
}

/// A page's heading and the sentence under it. The heading takes focus after in-app navigation
/// (hence `tabindex="-1"`), so that screen readers announce the new page.
#[component]
pub fn PageHeader(
    /// The heading.
    title: Key,
    /// What the page is for, in a sentence or two.
    intro: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || i18n.t(title)}</h1>
            <p class="intro">{move || i18n.t(intro)}</p>
        </header>
    }
}

/// The note on a page whose feature has not landed: which issue brings it.
#[component]
pub fn ComingWithIssue(
    /// The issue number.
    issue: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let issue = issue.to_string();
    view! {
        <p class="notice" role="note">
            {move || i18n.tf(Key::ComingWithIssue, &[("issue", &issue)])}
        </p>
    }
}
