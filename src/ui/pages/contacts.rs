//! Contacts: people and companies, their classifications and interaction history (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::ui::i18n::Key;

#[component]
pub fn Contacts() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageContacts intro=Key::ContactsIntro/>
        <ComingWithIssue issue=5/>
    }
}
