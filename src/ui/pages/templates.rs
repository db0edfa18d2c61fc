//! Templates: interaction templates and their letters per language (issue 6).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn Templates() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageTemplates intro=Key::TemplatesIntro/>
        <ComingWithIssue issue=6/>
    }
}
