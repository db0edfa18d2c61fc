//! One contact's page (issue 5).

use leptos::prelude::*;

use super::{ComingWithIssue, PageHeader};
use crate::core::ids::ContactId;
use crate::ui::i18n::Key;

#[component]
pub fn ContactPage(
    /// Which one to show.
    id: ContactId,
) -> impl IntoView {
    let _ = id;
    view! {
        <PageHeader title=Key::PageContacts intro=Key::ContactsIntro/>
        <ComingWithIssue issue=5/>
    }
}
