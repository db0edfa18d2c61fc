//! Set-up: salespeople, interaction groups, classifications, questionnaires, salutation formulas
//! and our company (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn Setup() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageSetup intro=Key::SetupIntro/>
        <ComingWithIssue issue=5/>
    }
}
